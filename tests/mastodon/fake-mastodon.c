/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fake-mastodon"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "fake-mastodon-private.h"

/* Shapes follow docs.joinmastodon.org (entities/Status, Account,
 * Notification, NotificationRequest, Conversation, Instance, Token,
 * Application; methods/notifications, statuses, conversations, apps,
 * oauth, streaming). Ids are numeric strings, compared as numbers here
 * because this is the server; clients must treat them as opaque. */

#define DEFAULT_LIMIT 40
#define MAX_LIMIT 80

static void
account_free (gpointer data)
{
  FakeAccount *account = data;

  g_free (account->id);
  g_free (account->username);
  g_free (account->acct);
  g_free (account->display_name);
  g_free (account);
}

static void
status_free (gpointer data)
{
  FakeStatus *status = data;

  g_free (status->id);
  g_free (status->account_id);
  g_free (status->content);
  g_free (status->text);
  g_free (status->in_reply_to_id);
  g_free (status->visibility);
  g_ptr_array_unref (status->mentions);
  g_free (status);
}

static void
notification_free (gpointer data)
{
  FakeNotification *notification = data;

  g_free (notification->id);
  g_free (notification->type);
  g_free (notification->account_id);
  g_free (notification->status_id);
  g_free (notification->raw);
  g_free (notification);
}

static void
injection_free (gpointer data)
{
  FakeInjection *injection = data;

  g_free (injection->method);
  g_free (injection->path_prefix);
  g_free (injection);
}

static char *
new_id (FakeMastodon *self)
{
  /* Snowflake-sized, like Mastodon's. */
  return g_strdup_printf ("%" G_GUINT64_FORMAT,
                          G_GUINT64_CONSTANT (112000000000000000)
                              + ++self->next_id);
}

static guint64
id_value (const char *id)
{
  return id ? g_ascii_strtoull (id, NULL, 10) : 0;
}

char *
_fake_iso_time (gint64 unix_time)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.000Z");
}

static FakeStatus *
find_status (FakeMastodon *self, const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->statuses->len; i++)
    {
      FakeStatus *status = g_ptr_array_index (self->statuses, i);

      if (g_str_equal (status->id, id))
        return status;
    }
  return NULL;
}

/* Entities */

static void
add_account_members (FakeMastodon *self,
                     JsonBuilder *builder,
                     FakeAccount *account)
{
  g_autofree char *url
      = g_strdup_printf ("%s/@%s", self->url, account->username);
  g_autofree char *avatar
      = g_strdup_printf ("%s/avatars/%s.png", self->url, account->id);
  g_autofree char *created = _fake_iso_time (FAKE_BASE_TIME - 86400 * 365);

  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, account->id);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, account->username);
  json_builder_set_member_name (builder, "acct");
  json_builder_add_string_value (builder, account->acct);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, account->display_name);
  json_builder_set_member_name (builder, "locked");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "bot");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder,
                                 "<p>Loves good coffee &amp; <b>tea</b>.</p>");
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "avatar");
  json_builder_add_string_value (builder, avatar);
  json_builder_set_member_name (builder, "avatar_static");
  json_builder_add_string_value (builder, avatar);
  json_builder_set_member_name (builder, "followers_count");
  json_builder_add_int_value (builder, account->followers);
  json_builder_set_member_name (builder, "following_count");
  json_builder_add_int_value (builder, 10);
  json_builder_set_member_name (builder, "statuses_count");
  json_builder_add_int_value (builder, 42);
  json_builder_set_member_name (builder, "emojis");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
}

static void
add_account (FakeMastodon *self, JsonBuilder *builder, const char *id)
{
  FakeAccount *account = g_hash_table_lookup (self->accounts, id);

  json_builder_begin_object (builder);
  add_account_members (self, builder, account);
  json_builder_end_object (builder);
}

static void
add_status (FakeMastodon *self, JsonBuilder *builder, FakeStatus *status)
{
  FakeStatus *parent = find_status (self, status->in_reply_to_id);
  g_autofree char *created = _fake_iso_time (status->created_at);
  g_autofree char *url = NULL;
  FakeAccount *account
      = g_hash_table_lookup (self->accounts, status->account_id);

  url = g_strdup_printf ("%s/@%s/%s", self->url, account->username, status->id);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, status->id);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "account");
  add_account (self, builder, status->account_id);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, status->content);
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, status->visibility);
  json_builder_set_member_name (builder, "sensitive");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "spoiler_text");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "in_reply_to_id");
  if (status->in_reply_to_id)
    json_builder_add_string_value (builder, status->in_reply_to_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "in_reply_to_account_id");
  if (parent != NULL)
    json_builder_add_string_value (builder, parent->account_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, "de");
  json_builder_set_member_name (builder, "replies_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "mentions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < status->mentions->len; i++)
    {
      FakeAccount *mentioned = g_hash_table_lookup (
          self->accounts, g_ptr_array_index (status->mentions, i));
      g_autofree char *profile
          = g_strdup_printf ("%s/@%s", self->url, mentioned->username);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, mentioned->id);
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, mentioned->username);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, profile);
      json_builder_set_member_name (builder, "acct");
      json_builder_add_string_value (builder, mentioned->acct);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "media_attachments");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static JsonNode *
notification_node (FakeMastodon *self, FakeNotification *notification)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *created = NULL;

  if (notification->raw != NULL)
    return json_from_string (notification->raw, NULL);

  created = _fake_iso_time (notification->created_at);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, notification->id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, notification->type);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "account");
  add_account (self, builder, notification->account_id);
  if (notification->status_id != NULL)
    {
      json_builder_set_member_name (builder, "status");
      add_status (self, builder, find_status (self, notification->status_id));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Responses */

void
_fake_respond_json (SoupServerMessage *msg, guint status, JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_COPY, text, strlen (text));
}

void
_fake_respond_error (SoupServerMessage *msg, guint status, const char *text)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  _fake_respond_json (msg, status, node);
}

/* Link: <…?max_id=X&limit=…>; rel="next", <…?min_id=Y&limit=…>; rel="prev" */
static void
set_link_header (FakeMastodon *self,
                 SoupServerMessage *msg,
                 const char *path,
                 GHashTable *query,
                 const char *first_id,
                 const char *last_id)
{
  static const char *const kept[]
      = { "limit", "account_id", "types[]", "include_filtered" };
  GString *common = g_string_new (NULL);
  g_autofree char *header = NULL;
  const char *base;

  if (!self->links || first_id == NULL)
    {
      g_string_free (common, TRUE);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      const char *value = query ? g_hash_table_lookup (query, kept[i]) : NULL;
      g_autofree char *name = NULL;
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      name = g_uri_escape_string (kept[i], NULL, FALSE);
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_printf (common, "&%s=%s", name, escaped);
    }

  base = self->link_base ? self->link_base : self->url;
  header = g_strdup_printf (
      "<%s%s?max_id=%s%s>; rel=\"next\", <%s%s?min_id=%s%s>; rel=\"prev\"",
      base, path, last_id, common->str, base, path, first_id, common->str);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Link", header);
  g_string_free (common, TRUE);
}

/* Sorts newest first. */
static int
compare_ids_desc (gconstpointer a, gconstpointer b)
{
  guint64 va = id_value (*(const char *const *) a);
  guint64 vb = id_value (*(const char *const *) b);

  return va < vb ? 1 : va > vb ? -1 : 0;
}

/* Applies max_id / since_id / min_id / limit to @ids (newest first) as
 * Mastodon's paginate_by_id does. */
static GPtrArray *
paginate (GPtrArray *ids, GHashTable *query)
{
  const char *max_id = query ? g_hash_table_lookup (query, "max_id") : NULL;
  const char *since_id = query ? g_hash_table_lookup (query, "since_id") : NULL;
  const char *min_id = query ? g_hash_table_lookup (query, "min_id") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint limit = limit_text ? (guint) g_ascii_strtoull (limit_text, NULL, 10)
                           : DEFAULT_LIMIT;
  GPtrArray *page = g_ptr_array_new ();

  limit = CLAMP (limit, 1, MAX_LIMIT);
  g_ptr_array_sort (ids, compare_ids_desc);

  if (min_id != NULL)
    {
      /* The oldest "limit" items after min_id, returned newest first. */
      for (guint i = ids->len; i > 0 && page->len < limit; i--)
        {
          const char *id = g_ptr_array_index (ids, i - 1);

          if (id_value (id) > id_value (min_id)
              && (max_id == NULL || id_value (id) < id_value (max_id)))
            g_ptr_array_add (page, (gpointer) id);
        }
      g_ptr_array_sort (page, compare_ids_desc);
      return page;
    }

  for (guint i = 0; i < ids->len && page->len < limit; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (max_id != NULL && id_value (id) >= id_value (max_id))
        continue;
      if (since_id != NULL && id_value (id) <= id_value (since_id))
        continue;
      g_ptr_array_add (page, (gpointer) id);
    }
  return page;
}

static gboolean
is_true (const char *value)
{
  return value != NULL
         && (g_str_equal (value, "true") || g_str_equal (value, "1"));
}

static FakeNotification *
find_notification (FakeMastodon *self, const char *id)
{
  for (guint i = 0; i < self->notifications->len; i++)
    {
      FakeNotification *notification
          = g_ptr_array_index (self->notifications, i);

      if (g_str_equal (notification->id, id))
        return notification;
    }
  return NULL;
}

static void
handle_notifications (FakeMastodon *self,
                      SoupServerMessage *msg,
                      GHashTable *query)
{
  const char *type = query ? g_hash_table_lookup (query, "types[]") : NULL;
  const char *account_id
      = query ? g_hash_table_lookup (query, "account_id") : NULL;
  /* Asking for one account includes what the policy filtered, as the
   * notification requests screen of Mastodon 4.3 does. */
  gboolean include_filtered
      = account_id != NULL
        || is_true (query ? g_hash_table_lookup (query, "include_filtered")
                          : NULL);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->notifications->len; i++)
    {
      FakeNotification *notification
          = g_ptr_array_index (self->notifications, i);

      if (notification->filtered && !include_filtered)
        continue;
      if (notification->raw == NULL)
        {
          FakeStatus *status = find_status (self, notification->status_id);

          if (type != NULL && !self->ignore_types
              && g_strcmp0 (type, notification->type) != 0)
            continue;
          if (account_id != NULL
              && g_strcmp0 (account_id, notification->account_id) != 0)
            continue;
          if (status != NULL && status->deleted)
            continue;
        }
      else if (account_id != NULL)
        continue;
      g_ptr_array_add (ids, notification->id);
    }

  page = paginate (ids, query);
  for (guint i = 0; i < page->len; i++)
    {
      FakeNotification *notification
          = find_notification (self, g_ptr_array_index (page, i));
      JsonNode *node;

      g_assert (notification != NULL);
      node = notification_node (self, notification);
      if (node != NULL)
        json_array_add_element (array, node);
    }
  json_node_take_array (root, array);

  if (page->len > 0)
    set_link_header (self, msg, "/api/v1/notifications", query,
                     g_ptr_array_index (page, 0),
                     g_ptr_array_index (page, page->len - 1));
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_requests (FakeMastodon *self, SoupServerMessage *msg, GHashTable *query)
{
  g_autoptr (GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (self->gotosocial)
    {
      _fake_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Record not found");
      return;
    }

  for (guint i = 0; i < self->notifications->len; i++)
    {
      FakeNotification *notification
          = g_ptr_array_index (self->notifications, i);

      if (!notification->filtered || notification->raw != NULL)
        continue;
      g_hash_table_insert (latest, notification->account_id, notification);
      g_hash_table_insert (
          counts, notification->account_id,
          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                                counts, notification->account_id))
                            + 1));
    }

  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FakeNotification *notification = value;
      g_autofree char *count = g_strdup_printf (
          "%u", GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)));
      g_autofree char *updated = _fake_iso_time (notification->created_at);
      g_autofree char *request_id = g_strdup_printf (
          "%" G_GUINT64_FORMAT, id_value (notification->account_id) / 7);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, request_id);
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_string_value (builder, updated);
      json_builder_set_member_name (builder, "updated_at");
      json_builder_add_string_value (builder, updated);
      /* A string in the documentation's example. */
      json_builder_set_member_name (builder, "notifications_count");
      json_builder_add_string_value (builder, count);
      json_builder_set_member_name (builder, "account");
      add_account (self, builder, notification->account_id);
      json_builder_set_member_name (builder, "last_status");
      add_status (self, builder, find_status (self, notification->status_id));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

static const char *
thread_root (FakeMastodon *self, FakeStatus *status)
{
  FakeStatus *parent;

  while ((parent = find_status (self, status->in_reply_to_id)) != NULL)
    status = parent;
  return status->id;
}

static void
handle_conversations (FakeMastodon *self, SoupServerMessage *msg)
{
  g_autoptr (GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  for (guint i = 0; i < self->statuses->len; i++)
    {
      FakeStatus *status = g_ptr_array_index (self->statuses, i);

      if (status->deleted || g_strcmp0 (status->visibility, "direct") != 0)
        continue;
      g_hash_table_insert (last, (gpointer) thread_root (self, status), status);
    }

  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FakeStatus *status = value;
      g_autofree char *id
          = g_strdup_printf ("%" G_GUINT64_FORMAT, id_value (key) % 100000);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "unread");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "accounts");
      json_builder_begin_array (builder);
      if (!g_str_equal (status->account_id, self->own_id))
        add_account (self, builder, status->account_id);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "last_status");
      add_status (self, builder, status);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_account_statuses (FakeMastodon *self,
                         SoupServerMessage *msg,
                         const char *account_id,
                         GHashTable *query)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  if (!g_hash_table_contains (self->accounts, account_id))
    {
      _fake_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Record not found");
      return;
    }
  for (guint i = 0; i < self->statuses->len; i++)
    {
      FakeStatus *status = g_ptr_array_index (self->statuses, i);

      if (!status->deleted && g_str_equal (status->account_id, account_id))
        g_ptr_array_add (ids, status->id);
    }
  page = paginate (ids, query);

  json_builder_begin_array (builder);
  for (guint i = 0; i < page->len; i++)
    add_status (self, builder, find_status (self, g_ptr_array_index (page, i)));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  if (page->len > 0)
    {
      g_autofree char *path
          = g_strdup_printf ("/api/v1/accounts/%s/statuses", account_id);

      set_link_header (self, msg, path, query, g_ptr_array_index (page, 0),
                       g_ptr_array_index (page, page->len - 1));
    }
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

static gboolean
descends_from (FakeMastodon *self, FakeStatus *status, const char *ancestor)
{
  FakeStatus *parent = status;

  while ((parent = find_status (self, parent->in_reply_to_id)) != NULL)
    if (g_str_equal (parent->id, ancestor))
      return TRUE;
  return FALSE;
}

static void
handle_context (FakeMastodon *self, SoupServerMessage *msg, FakeStatus *status)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) ancestors = g_ptr_array_new ();
  FakeStatus *parent = status;

  while ((parent = find_status (self, parent->in_reply_to_id)) != NULL)
    if (!parent->deleted)
      g_ptr_array_insert (ancestors, 0, parent);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ancestors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ancestors->len; i++)
    add_status (self, builder, g_ptr_array_index (ancestors, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "descendants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->statuses->len; i++)
    {
      FakeStatus *other = g_ptr_array_index (self->statuses, i);

      if (!other->deleted && descends_from (self, other, status->id))
        add_status (self, builder, other);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

static FakeStatus *
create_status (FakeMastodon *self,
               const char *account_id,
               const char *content,
               const char *text,
               const char *in_reply_to,
               const char *visibility)
{
  FakeStatus *status = g_new0 (FakeStatus, 1);

  status->id = new_id (self);
  status->account_id = g_strdup (account_id);
  status->content = g_strdup (content);
  status->text = g_strdup (text);
  status->in_reply_to_id = g_strdup (in_reply_to);
  status->visibility = g_strdup (visibility ? visibility : "public");
  status->created_at = FAKE_BASE_TIME + ++self->clock;
  status->mentions = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->statuses, status);
  return status;
}

/* The posted text as Mastodon renders it: escaped, mentions of known
 * accounts as h-card links, line breaks as <br>. */
static char *
render_text (FakeMastodon *self, FakeStatus *status, const char *text)
{
  GString *html = g_string_new ("<p>");
  g_auto (GStrv) words = g_strsplit (text, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      FakeAccount *mentioned = NULL;

      if (i > 0)
        g_string_append_c (html, ' ');
      if (word[0] == '@')
        {
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, self->accounts);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            if (g_ascii_strcasecmp (((FakeAccount *) value)->acct, word + 1)
                == 0)
              mentioned = value;
        }
      if (mentioned != NULL)
        {
          g_string_append_printf (
              html,
              "<span class=\"h-card\"><a href=\"%s/@%s\" class=\"u-url "
              "mention\">@<span>%s</span></a></span>",
              self->url, mentioned->username, mentioned->username);
          g_ptr_array_add (status->mentions, g_strdup (mentioned->id));
        }
      else
        {
          g_autofree char *escaped = g_markup_escape_text (word, -1);
          g_auto (GStrv) lines = g_strsplit (escaped, "\n", -1);
          g_autofree char *joined = g_strjoinv ("<br />", lines);

          g_string_append (html, joined);
        }
    }
  g_string_append (html, "</p>");
  return g_string_free (html, FALSE);
}

static void
close_connection (SoupServerMessage *msg, const char *partial)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  if (partial != NULL)
    g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial,
                               strlen (partial), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

JsonObject *
_fake_request_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *type = soup_message_headers_get_content_type (
      soup_server_message_get_request_headers (msg), NULL);
  JsonObject *object;

  if (g_strcmp0 (type, "application/json") == 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      if (json_parser_load_from_data (parser, data, (gssize) size, NULL)
          && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        return json_object_ref (
            json_node_get_object (json_parser_get_root (parser)));
      return NULL;
    }

  /* Form data: turn it into an object too. */
  object = json_object_new ();
  if (g_bytes_get_size (bytes) > 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL),
                                         g_bytes_get_size (bytes));
      g_autoptr (GHashTable) form = soup_form_decode (text);
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        json_object_set_string_member (object, key, value);
    }
  return object;
}

static void
handle_post_status (FakeMastodon *self,
                    SoupServerMessage *msg,
                    gboolean drop_after)
{
  g_autoptr (JsonObject) params = _fake_request_object (msg);
  const char *key = soup_message_headers_get_one (
      soup_server_message_get_request_headers (msg), "Idempotency-Key");
  const char *text;
  const char *in_reply_to;
  const char *visibility;
  FakeStatus *status;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *content = NULL;

  if (params == NULL)
    {
      _fake_respond_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                           "Validation failed: Text can't be blank");
      return;
    }

  if (self->idempotency && key != NULL
      && (status = find_status (
              self, g_hash_table_lookup (self->idempotency_keys, key)))
             != NULL)
    goto answer;

  text = json_object_get_string_member_with_default (params, "status", NULL);
  in_reply_to = json_object_get_string_member_with_default (
      params, "in_reply_to_id", NULL);
  visibility = json_object_get_string_member_with_default (params, "visibility",
                                                           "public");
  if (text == NULL || *text == '\0')
    {
      _fake_respond_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                           "Validation failed: Text can't be blank");
      return;
    }
  if (g_utf8_strlen (text, -1) > (glong) self->max_characters)
    {
      _fake_respond_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                           "Validation failed: Text character limit exceeded");
      return;
    }
  if (in_reply_to != NULL)
    {
      FakeStatus *parent = find_status (self, in_reply_to);

      if (parent == NULL || parent->deleted)
        {
          _fake_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Record not found");
          return;
        }
    }

  status
      = create_status (self, self->own_id, "", text, in_reply_to, visibility);
  content = render_text (self, status, text);
  g_free (status->content);
  status->content = g_steal_pointer (&content);
  if (key != NULL)
    g_hash_table_replace (self->idempotency_keys, g_strdup (key),
                          g_strdup (status->id));

  if (drop_after)
    {
      /* Carried out, but the client never hears of it. */
      close_connection (msg, NULL);
      return;
    }

answer:
  add_status (self, builder, status);
  root = json_builder_get_root (builder);
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_instance (FakeMastodon *self, SoupServerMessage *msg, gboolean v2)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *streaming = g_strconcat ("ws://", self->host, NULL);

  if (v2 && self->gotosocial)
    {
      _fake_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Record not found");
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, v2 ? "domain" : "uri");
  json_builder_add_string_value (builder, self->host);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Fake Mastodon");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (
      builder, self->gotosocial ? "3.5.3 (GoToSocial-like)" : "4.3.0");
  if (!v2)
    {
      json_builder_set_member_name (builder, "urls");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "streaming_api");
      json_builder_add_string_value (builder, streaming);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "configuration");
  json_builder_begin_object (builder);
  if (v2)
    {
      json_builder_set_member_name (builder, "urls");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "streaming");
      json_builder_add_string_value (builder, streaming);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "statuses");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "max_characters");
  json_builder_add_int_value (builder, self->max_characters);
  json_builder_set_member_name (builder, "characters_reserved_per_url");
  json_builder_add_int_value (builder, 23);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

gboolean
_fake_authorized (FakeMastodon *self, SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (
      soup_server_message_get_request_headers (msg), "Authorization");

  return header != NULL && g_str_has_prefix (header, "Bearer ")
         && g_hash_table_contains (self->tokens, header + 7);
}

FakeInjection *
_fake_take_injection (FakeMastodon *self, const char *method, const char *path)
{
  for (guint i = 0; i < self->injections->len; i++)
    {
      FakeInjection *injection = g_ptr_array_index (self->injections, i);

      if ((injection->method == NULL || g_str_equal (injection->method, method))
          && g_str_has_prefix (path, injection->path_prefix)
          && injection->times > 0)
        {
          injection->times--;
          return injection;
        }
    }
  return NULL;
}

gboolean
_fake_apply_early_fault (FakeMastodon *self,
                         SoupServerMessage *msg,
                         FakeFault fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  switch (fault)
    {
      case FAKE_FAULT_UNAUTHORIZED:
        _fake_respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                             "The access token is invalid");
        return TRUE;

      case FAKE_FAULT_FORBIDDEN:
        _fake_respond_error (msg, SOUP_STATUS_FORBIDDEN,
                             "This action is not allowed");
        return TRUE;

      case FAKE_FAULT_NOT_FOUND:
        _fake_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Record not found");
        return TRUE;

      case FAKE_FAULT_GONE:
        _fake_respond_error (msg, SOUP_STATUS_GONE, "Gone");
        return TRUE;

      case FAKE_FAULT_RATE_LIMIT:
        {
          g_autofree char *wait = g_strdup_printf ("%u", self->retry_after);
          g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
          g_autoptr (GDateTime) reset
              = g_date_time_add_seconds (now, self->retry_after);
          g_autofree char *reset_text
              = g_date_time_format (reset, "%Y-%m-%dT%H:%M:%S.000Z");

          soup_message_headers_replace (headers, "Retry-After", wait);
          soup_message_headers_replace (headers, "X-RateLimit-Limit", "300");
          soup_message_headers_replace (headers, "X-RateLimit-Remaining", "0");
          soup_message_headers_replace (headers, "X-RateLimit-Reset",
                                        reset_text);
          _fake_respond_error (msg, 429, "Too many requests");
        }
        return TRUE;

      case FAKE_FAULT_SERVER_ERROR:
        _fake_respond_error (
            msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
            "We're sorry, but something went wrong on our end.");
        return TRUE;

      case FAKE_FAULT_UNAVAILABLE:
        soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                        NULL);
        soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                          "<h1>Maintenance</h1>", 20);
        return TRUE;

      case FAKE_FAULT_MALFORMED_JSON:
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json",
                                          SOUP_MEMORY_STATIC,
                                          "{\"id\": oops, ]", 14);
        return TRUE;

      case FAKE_FAULT_SHORT_BODY:
        close_connection (msg, "HTTP/1.1 200 OK\r\n"
                               "Content-Type: application/json\r\n"
                               "Content-Length: 4000\r\n\r\n[{\"id\": \"1\",");
        return TRUE;

      case FAKE_FAULT_NONE:
      case FAKE_FAULT_TRUNCATED_JSON:
      case FAKE_FAULT_DROP_AFTER_POST:
      default:
        return FALSE;
    }
}

static void
truncate_response (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  gsize size = g_bytes_get_size (bytes);

  soup_message_body_truncate (body);
  soup_message_body_append (body, SOUP_MEMORY_COPY,
                            g_bytes_get_data (bytes, NULL), size / 2);
}

static void
on_request (SoupServer *server,
            SoupServerMessage *msg,
            const char *path,
            GHashTable *query,
            gpointer user_data)
{
  FakeMastodon *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  FakeInjection *injection;
  FakeFault fault = FAKE_FAULT_NONE;

  g_ptr_array_add (
      self->log,
      g_strdup_printf ("%s %s%s%s", method, path,
                       g_uri_get_query (uri) ? "?" : "",
                       g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
  if (query != NULL && g_hash_table_contains (query, "access_token"))
    self->token_in_url = TRUE;

  injection = _fake_take_injection (self, method, path);
  if (injection != NULL)
    {
      fault = injection->fault;
      if (_fake_apply_early_fault (self, msg, fault))
        return;
    }

  /* Public endpoints */
  if (g_str_equal (path, "/.well-known/oauth-authorization-server"))
    _fake_handle_metadata (self, msg);
  else if (g_str_equal (path, "/api/v2/instance"))
    handle_instance (self, msg, TRUE);
  else if (g_str_equal (path, "/api/v1/instance"))
    handle_instance (self, msg, FALSE);
  else if (g_str_equal (path, "/api/v1/apps") && method == SOUP_METHOD_POST)
    _fake_handle_apps (self, msg);
  else if (g_str_equal (path, "/oauth/token") && method == SOUP_METHOD_POST)
    _fake_handle_token (self, msg);
  else if (!g_str_has_prefix (path, "/api/"))
    _fake_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Not found");
  else if (!_fake_authorized (self, msg))
    _fake_respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                         "The access token is invalid");
  /* Authenticated endpoints */
  else if (g_str_equal (path, "/api/v1/accounts/verify_credentials"))
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      add_account (self, builder, self->own_id);
      root = json_builder_get_root (builder);
      _fake_respond_json (msg, SOUP_STATUS_OK, root);
    }
  else if (g_str_has_prefix (path, "/api/v1/accounts/")
           && g_str_has_suffix (path, "/statuses"))
    {
      g_autofree char *id = g_strndup (
          path + strlen ("/api/v1/accounts/"),
          strlen (path) - strlen ("/api/v1/accounts/") - strlen ("/statuses"));

      handle_account_statuses (self, msg, id, query);
    }
  else if (g_str_equal (path, "/api/v1/notifications"))
    handle_notifications (self, msg, query);
  else if (g_str_equal (path, "/api/v1/notifications/requests"))
    handle_requests (self, msg, query);
  else if (g_str_equal (path, "/api/v1/conversations"))
    handle_conversations (self, msg);
  else if (g_str_equal (path, "/api/v1/statuses") && method == SOUP_METHOD_POST)
    handle_post_status (self, msg, fault == FAKE_FAULT_DROP_AFTER_POST);
  else if (g_str_has_prefix (path, "/api/v1/statuses/"))
    {
      g_auto (GStrv) parts
          = g_strsplit (path + strlen ("/api/v1/statuses/"), "/", 2);
      FakeStatus *status = find_status (self, parts[0]);

      if (status == NULL || status->deleted)
        _fake_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Record not found");
      else if (parts[1] != NULL && g_str_equal (parts[1], "context"))
        handle_context (self, msg, status);
      else if (parts[1] == NULL)
        {
          g_autoptr (JsonBuilder) builder = json_builder_new ();
          g_autoptr (JsonNode) root = NULL;

          add_status (self, builder, status);
          root = json_builder_get_root (builder);
          _fake_respond_json (msg, SOUP_STATUS_OK, root);
        }
      else
        _fake_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Not found");
    }
  else
    _fake_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Not found");

  if (fault == FAKE_FAULT_TRUNCATED_JSON)
    truncate_response (msg);
}

FakeMastodon *
fake_mastodon_new (void)
{
  FakeMastodon *self = g_new0 (FakeMastodon, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;
  FakeAccount *own;

  self->links = TRUE;
  self->idempotency = TRUE;
  self->max_characters = 500;
  self->retry_after = 120;
  self->accounts
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, account_free);
  self->statuses = g_ptr_array_new_with_free_func (status_free);
  self->notifications = g_ptr_array_new_with_free_func (notification_free);
  self->idempotency_keys
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->apps = g_ptr_array_new_with_free_func (_fake_app_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       _fake_code_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->injections = g_ptr_array_new_with_free_func (injection_free);
  self->log = g_ptr_array_new_with_free_func (g_free);
  self->streams = g_ptr_array_new_with_free_func (g_object_unref);

  self->server = soup_server_new ("server-header", "FakeMastodon", NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  soup_server_add_handler (self->server, "/api/v1/streaming",
                           _fake_on_streaming_request, self, NULL);
  soup_server_add_websocket_handler (self->server, "/api/v1/streaming", NULL,
                                     NULL, _fake_on_websocket, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                 &error))
    g_error ("fake Mastodon cannot listen: %s", error->message);

  uris = soup_server_get_uris (self->server);
  self->host = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uris->data));
  self->url = g_strconcat ("http://", self->host, NULL);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  own = g_new0 (FakeAccount, 1);
  own->id = g_strdup ("109000000000000001");
  own->username = g_strdup ("shop");
  own->acct = g_strdup ("shop");
  own->display_name = g_strdup ("Kaffeerösterei Bohne");
  own->followers = 1200;
  self->own_id = own->id;
  g_hash_table_insert (self->accounts, own->id, own);

  return self;
}

void
fake_mastodon_free (FakeMastodon *self)
{
  if (self == NULL)
    return;

  fake_mastodon_close_streams (self);
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_free (self->url);
  g_free (self->host);
  g_free (self->link_base);
  g_hash_table_unref (self->accounts);
  g_ptr_array_unref (self->statuses);
  g_ptr_array_unref (self->notifications);
  g_hash_table_unref (self->idempotency_keys);
  g_ptr_array_unref (self->apps);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->tokens);
  g_free (self->last_token);
  g_ptr_array_unref (self->injections);
  g_ptr_array_unref (self->log);
  g_ptr_array_unref (self->streams);
  g_free (self);
}

const char *
fake_mastodon_get_url (FakeMastodon *self)
{
  return self->url;
}

const char *
fake_mastodon_get_host (FakeMastodon *self)
{
  return self->host;
}

const char *
fake_mastodon_get_own_account_id (FakeMastodon *self)
{
  return self->own_id;
}

void
fake_mastodon_set_gotosocial_like (FakeMastodon *self, gboolean like)
{
  self->gotosocial = like;
  self->links = !like;
}

void
fake_mastodon_set_link_headers (FakeMastodon *self, gboolean enabled)
{
  self->links = enabled;
}

void
fake_mastodon_set_link_base (FakeMastodon *self, const char *base)
{
  g_free (self->link_base);
  self->link_base = g_strdup (base);
}

void
fake_mastodon_set_ignore_types (FakeMastodon *self, gboolean ignore)
{
  self->ignore_types = ignore;
}

void
fake_mastodon_set_honour_idempotency (FakeMastodon *self, gboolean honour)
{
  self->idempotency = honour;
}

void
fake_mastodon_set_max_characters (FakeMastodon *self, guint max)
{
  self->max_characters = max;
}

void
fake_mastodon_set_retry_after (FakeMastodon *self, guint seconds)
{
  self->retry_after = seconds;
}

void
fake_mastodon_inject (FakeMastodon *self,
                      const char *method,
                      const char *path_prefix,
                      FakeFault fault,
                      guint times)
{
  FakeInjection *injection = g_new0 (FakeInjection, 1);

  injection->method = g_strdup (method);
  injection->path_prefix = g_strdup (path_prefix);
  injection->fault = fault;
  injection->times = times;
  g_ptr_array_add (self->injections, injection);
}

const char *
fake_mastodon_add_account (FakeMastodon *self,
                           const char *username,
                           const char *domain,
                           const char *display_name,
                           gint64 followers)
{
  FakeAccount *account = g_new0 (FakeAccount, 1);

  account->id = new_id (self);
  account->username = g_strdup (username);
  account->acct = domain ? g_strdup_printf ("%s@%s", username, domain)
                         : g_strdup (username);
  account->display_name = g_strdup (display_name ? display_name : "");
  account->followers = followers;
  g_hash_table_insert (self->accounts, account->id, account);
  return account->id;
}

const char *
fake_mastodon_add_status (FakeMastodon *self,
                          const char *account_id,
                          const char *html,
                          const char *in_reply_to,
                          const char *visibility)
{
  FakeStatus *status
      = create_status (self, account_id, html, html, in_reply_to, visibility);

  return status->id;
}

const char *
fake_mastodon_add_mention (FakeMastodon *self,
                           const char *account_id,
                           const char *html,
                           const char *in_reply_to,
                           const char *visibility,
                           gboolean filtered)
{
  g_autofree char *content = g_strdup_printf (
      "<p><span class=\"h-card\" translate=\"no\"><a href=\"%s/@shop\" "
      "class=\"u-url mention\">@<span>shop</span></a></span> %s</p>",
      self->url, html);
  FakeStatus *status = create_status (self, account_id, content, html,
                                      in_reply_to, visibility);
  FakeNotification *notification = g_new0 (FakeNotification, 1);

  g_ptr_array_add (status->mentions, g_strdup (self->own_id));
  notification->id = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                      (guint64) 50000 + ++self->next_id);
  notification->type = g_strdup ("mention");
  notification->account_id = g_strdup (account_id);
  notification->status_id = g_strdup (status->id);
  notification->created_at = status->created_at;
  notification->filtered = filtered;
  g_ptr_array_add (self->notifications, notification);
  return status->id;
}

void
fake_mastodon_add_notification (FakeMastodon *self,
                                const char *type,
                                const char *account_id,
                                const char *status_id)
{
  FakeNotification *notification = g_new0 (FakeNotification, 1);

  notification->id = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                      (guint64) 50000 + ++self->next_id);
  notification->type = g_strdup (type);
  notification->account_id = g_strdup (account_id);
  notification->status_id = g_strdup (status_id);
  notification->created_at = FAKE_BASE_TIME + ++self->clock;
  g_ptr_array_add (self->notifications, notification);
}

void
fake_mastodon_add_raw_notification (FakeMastodon *self, const char *json)
{
  FakeNotification *notification = g_new0 (FakeNotification, 1);

  notification->id = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                      (guint64) 50000 + ++self->next_id);
  notification->raw = g_strdup (json);
  g_ptr_array_add (self->notifications, notification);
}

void
fake_mastodon_delete_status (FakeMastodon *self, const char *status_id)
{
  FakeStatus *status = find_status (self, status_id);

  if (status != NULL)
    status->deleted = TRUE;
}

guint
fake_mastodon_count_replies (FakeMastodon *self, const char *in_reply_to)
{
  guint n = 0;

  for (guint i = 0; i < self->statuses->len; i++)
    {
      FakeStatus *status = g_ptr_array_index (self->statuses, i);

      if (g_str_equal (status->account_id, self->own_id)
          && g_strcmp0 (status->in_reply_to_id, in_reply_to) == 0)
        n++;
    }
  return n;
}

const char *
fake_mastodon_get_status_text (FakeMastodon *self, const char *id)
{
  FakeStatus *status = find_status (self, id);

  return status ? status->text : NULL;
}

const char *
fake_mastodon_get_status_visibility (FakeMastodon *self, const char *id)
{
  FakeStatus *status = find_status (self, id);

  return status ? status->visibility : NULL;
}

guint
fake_mastodon_count_requests (FakeMastodon *self,
                              const char *method,
                              const char *path_prefix)
{
  guint n = 0;

  for (guint i = 0; i < self->log->len; i++)
    {
      const char *line = g_ptr_array_index (self->log, i);
      const char *space = strchr (line, ' ');

      if (method != NULL
          && (strncmp (line, method, space - line) != 0
              || strlen (method) != (gsize) (space - line)))
        continue;
      if (g_str_has_prefix (space + 1, path_prefix))
        n++;
    }
  return n;
}

void
fake_mastodon_clear_requests (FakeMastodon *self)
{
  g_ptr_array_set_size (self->log, 0);
}

gboolean
fake_mastodon_saw_token_in_url (FakeMastodon *self)
{
  return self->token_in_url;
}
