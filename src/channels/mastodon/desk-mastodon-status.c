/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-mastodon-status"

#include "config.h"

#include <string.h>

#include "channels/desk-http.h"
#include "desk-mastodon-status.h"
#include "desk-mastodon-text.h"

/* Every field read here comes from a server we do not control; each is
 * checked for type, and text for UTF-8, before anything uses it. */

static gboolean
require_string (JsonObject *object,
                const char *entity,
                const char *name,
                const char **value,
                GError **error)
{
  *value = desk_json_get_string (object, name);
  if (*value == NULL || **value == '\0' || !g_utf8_validate (*value, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s without a valid “%s”", entity, name);
      return FALSE;
    }
  return TRUE;
}

static char *
optional_string (JsonObject *object, const char *name)
{
  const char *value = desk_json_get_string (object, name);

  if (value == NULL || *value == '\0' || !g_utf8_validate (value, -1, NULL))
    return NULL;
  return g_strdup (value);
}

/* Only web links are kept: a javascript: or data: "avatar" or profile
 * link is dropped, not shown. */
static char *
optional_web_url (JsonObject *object, const char *name)
{
  g_autofree char *value = optional_string (object, name);

  if (!desk_mastodon_is_web_url (value))
    return NULL;
  return g_steal_pointer (&value);
}

DeskMastodonAccount *
desk_mastodon_account_parse (JsonObject *object, GError **error)
{
  g_autoptr (DeskMastodonAccount) account = NULL;
  const char *id;
  const char *acct;
  const char *username;
  const char *note;

  if (object == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "missing account");
      return NULL;
    }
  if (!require_string (object, "account", "id", &id, error)
      || !require_string (object, "account", "acct", &acct, error))
    return NULL;

  account = g_new0 (DeskMastodonAccount, 1);
  account->id = g_strdup (id);
  account->acct = g_strdup (acct);
  username = desk_json_get_string (object, "username");
  account->username = username && g_utf8_validate (username, -1, NULL)
                          ? g_strdup (username)
                          : g_strndup (acct, strcspn (acct, "@"));
  account->display_name = optional_string (object, "display_name");
  if (account->display_name != NULL)
    g_strstrip (account->display_name);
  if (account->display_name == NULL || *account->display_name == '\0')
    {
      g_free (account->display_name);
      account->display_name = g_strdup (account->username);
    }
  account->avatar = optional_web_url (object, "avatar");
  account->url = optional_web_url (object, "url");
  note = desk_json_get_string (object, "note");
  if (note != NULL && g_utf8_validate (note, -1, NULL))
    account->note = desk_mastodon_html_to_text (note);
  account->followers
      = MAX (desk_json_get_int (object, "followers_count", 0), 0);

  return g_steal_pointer (&account);
}

DeskMastodonAccount *
desk_mastodon_account_copy (const DeskMastodonAccount *account)
{
  DeskMastodonAccount *copy;

  if (account == NULL)
    return NULL;

  copy = g_new0 (DeskMastodonAccount, 1);
  copy->id = g_strdup (account->id);
  copy->username = g_strdup (account->username);
  copy->acct = g_strdup (account->acct);
  copy->display_name = g_strdup (account->display_name);
  copy->avatar = g_strdup (account->avatar);
  copy->url = g_strdup (account->url);
  copy->note = g_strdup (account->note);
  copy->followers = account->followers;
  return copy;
}

void
desk_mastodon_account_free (DeskMastodonAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->id);
  g_free (account->username);
  g_free (account->acct);
  g_free (account->display_name);
  g_free (account->avatar);
  g_free (account->url);
  g_free (account->note);
  g_free (account);
}

char *
desk_mastodon_account_dup_handle (const DeskMastodonAccount *account)
{
  g_return_val_if_fail (account != NULL, NULL);

  return g_strconcat ("@", account->acct, NULL);
}

DeskMastodonStatus *
desk_mastodon_status_parse (JsonNode *node, GError **error)
{
  g_autoptr (DeskMastodonStatus) status = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autofree char *body = NULL;
  JsonObject *object;
  const char *id;
  const char *created_at;
  const char *content;
  const char *spoiler;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a post that is not an object");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!require_string (object, "post", "id", &id, error)
      || !require_string (object, "post", "created_at", &created_at, error))
    return NULL;

  created = g_date_time_new_from_iso8601 (created_at, NULL);
  if (created == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "post %s has an unreadable time", id);
      return NULL;
    }

  content = desk_json_get_string (object, "content");
  if (content == NULL || !g_utf8_validate (content, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "post %s has no readable text", id);
      return NULL;
    }

  status = g_new0 (DeskMastodonStatus, 1);
  status->id = g_strdup (id);
  status->created_at = g_date_time_to_unix (created);
  status->account = desk_mastodon_account_parse (
      desk_json_get_object (object, "account"), error);
  if (status->account == NULL)
    {
      g_prefix_error (error, "post %s: ", id);
      return NULL;
    }

  status->in_reply_to_id = optional_string (object, "in_reply_to_id");
  status->visibility = optional_string (object, "visibility");
  if (status->visibility == NULL)
    status->visibility = g_strdup ("public");
  status->language = optional_string (object, "language");
  status->url = optional_web_url (object, "url");
  if (status->url == NULL)
    status->url = optional_web_url (object, "uri");

  body = desk_mastodon_html_to_text (content);
  spoiler = desk_json_get_string (object, "spoiler_text");
  /* The content warning is part of what the customer said. */
  if (spoiler != NULL && *spoiler != '\0'
      && g_utf8_validate (spoiler, -1, NULL))
    {
      g_autofree char *clean = desk_mastodon_html_to_text (spoiler);

      status->text = g_strdup_printf ("CW: %s\n\n%s", clean, body);
    }
  else
    status->text = g_steal_pointer (&body);

  return g_steal_pointer (&status);
}

DeskMastodonStatus *
desk_mastodon_status_copy (const DeskMastodonStatus *status)
{
  DeskMastodonStatus *copy;

  if (status == NULL)
    return NULL;

  copy = g_new0 (DeskMastodonStatus, 1);
  copy->id = g_strdup (status->id);
  copy->created_at = status->created_at;
  copy->in_reply_to_id = g_strdup (status->in_reply_to_id);
  copy->visibility = g_strdup (status->visibility);
  copy->language = g_strdup (status->language);
  copy->url = g_strdup (status->url);
  copy->text = g_strdup (status->text);
  copy->account = desk_mastodon_account_copy (status->account);
  return copy;
}

void
desk_mastodon_status_free (DeskMastodonStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->id);
  g_free (status->in_reply_to_id);
  g_free (status->visibility);
  g_free (status->language);
  g_free (status->url);
  g_free (status->text);
  desk_mastodon_account_free (status->account);
  g_free (status);
}
