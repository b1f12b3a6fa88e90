/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-mastodon-send"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-mastodon-channel-private.h"
#include "desk-mastodon-text.h"

/* Posting one reply, exactly once:
 *
 * 1. After an attempt whose outcome is unknown (a timeout, a dropped
 *    connection, a crash between sending and hearing back) the reply may
 *    exist already: look for it among the answers to the post, by our
 *    account id and the text, and report it instead of posting again.
 * 2. Read the post being answered: it must still exist, and the reply is
 *    never more public than it.
 * 3. POST with the stored Idempotency-Key, so Mastodon itself returns the
 *    first copy when it did get an earlier attempt.
 * 4. Check the answer: our account, in reply to the right post. */

typedef struct
{
  DeskOutboxEntry *entry;
  char *target;
  char *expected; /* the body as compared with what the server shows */
  char *text;
  const char *visibility; /* static string */
} SendJob;

static void
send_job_free (SendJob *job)
{
  desk_outbox_entry_free (job->entry);
  g_free (job->target);
  g_free (job->expected);
  g_free (job->text);
  g_free (job);
}

static DeskMastodonChannel *
job_channel (GTask *task)
{
  return g_task_get_source_object (task);
}

static void
fail (GTask *task, GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _desk_mastodon_channel_note_error (job_channel (task), error);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static char *
comparable (const char *text)
{
  g_autofree char *stripped = desk_mastodon_strip_leading_mentions (text);

  return desk_mastodon_normalize_space (stripped);
}

static char *
status_path (const char *id, const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat ("/api/v1/statuses/", escaped, suffix, NULL);
}

static void
fetch (GTask *task, const char *path, GAsyncReadyCallback callback)
{
  DeskMastodonChannel *self = job_channel (task);
  g_autoptr (SoupMessage) message = NULL;
  GError *error = NULL;

  message = _desk_mastodon_channel_new_request (self, "GET", path, &error);
  if (message == NULL)
    {
      fail (task, error);
      return;
    }
  desk_http_send_json_async (self->http, message, g_task_get_cancellable (task),
                             callback, task);
}

static const char *
reply_visibility (const DeskOutboxEntry *entry,
                  const DeskMastodonStatus *target)
{
  static const char *const known[]
      = { "public", "unlisted", "private", "direct" };

  if (entry->kind == DESK_CONVERSATION_KIND_PRIVATE)
    return "direct";

  /* As public as the customer's post, never more. */
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (target->visibility, known[i]) == 0)
      return known[i];
  /* Forks have more kinds (local-only and the like); followers-only still
   * reaches the customer, who is mentioned. */
  return "private";
}

static void
on_post_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  DeskMastodonChannel *self = job_channel (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (DeskMastodonStatus) posted = NULL;
  g_autoptr (SoupMessage) message = NULL;
  GError *error = NULL;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, &message,
                                     &error);
  if (root == NULL
      && !(g_error_matches (error, DESK_CHANNEL_ERROR,
                            DESK_CHANNEL_ERROR_INVALID)
           && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message))))
    {
      fail (task, error);
      return;
    }

  posted = root ? desk_mastodon_status_parse (root, NULL) : NULL;
  if (posted == NULL)
    {
      /* Accepted, but the answer is unreadable: the reply may well exist.
       * Treated like a lost answer, so the retry looks for it first. */
      g_clear_error (&error);
      fail (task, g_error_new_literal (
                      DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK,
                      _ ("The server's answer to the reply was cut off. "
                         "Socialdesk will check whether it arrived.")));
      return;
    }
  if (!_desk_mastodon_channel_is_own (self, posted->account))
    {
      fail (task, g_error_new_literal (
                      DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                      _ ("The server did not confirm the reply. Check on "
                         "Mastodon whether it was posted before you try "
                         "again.")));
      return;
    }

  /* Some servers silently drop an in_reply_to_id they cannot resolve and
   * post a stand-alone status instead. */
  if (g_strcmp0 (posted->in_reply_to_id, job->target) != 0)
    {
      fail (task,
            g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                         _ ("The reply was posted, but not as an answer to "
                            "the customer's post (%s). Check it on "
                            "Mastodon."),
                         posted->url ? posted->url : posted->id));
      return;
    }

  g_task_return_pointer (task, g_strdup (posted->id), g_free);
  g_object_unref (task);
}

static void
post_reply (GTask *task)
{
  DeskMastodonChannel *self = job_channel (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  GError *error = NULL;

  message = _desk_mastodon_channel_new_request (self, "POST",
                                                "/api/v1/statuses", &error);
  if (message == NULL)
    {
      fail (task, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, job->text);
  json_builder_set_member_name (builder, "in_reply_to_id");
  json_builder_add_string_value (builder, job->target);
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, job->visibility);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  desk_http_set_json_body (message, body);

  /* Mastodon keeps the key for an hour and answers a repeat with the
   * status the first request created. */
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Idempotency-Key", job->entry->idempotency_key);

  desk_http_send_json_async (self->http, message, g_task_get_cancellable (task),
                             on_post_cb, task);
}

static void
on_target_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  DeskMastodonChannel *self = job_channel (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (DeskMastodonStatus) target = NULL;
  g_autofree char *acct = NULL;
  GError *error = NULL;
  guint length;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE))
        {
          g_clear_error (&error);
          error = g_error_new_literal (DESK_CHANNEL_ERROR,
                                       DESK_CHANNEL_ERROR_GONE,
                                       _ ("The post you answer was deleted; "
                                          "the reply was not sent."));
        }
      fail (task, error);
      return;
    }

  target = desk_mastodon_status_parse (root, &error);
  if (target == NULL)
    {
      GError *invalid = g_error_new (
          DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
          _ ("The post you answer could not be read (%s)."), error->message);

      g_error_free (error);
      fail (task, invalid);
      return;
    }

  /* Address the customer, so Mastodon notifies them; a private reply is
   * only delivered to those it mentions. */
  if (!_desk_mastodon_channel_is_own (self, target->account))
    acct = g_strdup (target->account->acct);
  else if (job->entry->recipient_handle != NULL)
    acct = g_strdup (job->entry->recipient_handle
                     + (job->entry->recipient_handle[0] == '@' ? 1 : 0));

  if (acct != NULL && *acct != '\0'
      && !desk_mastodon_text_mentions (job->entry->body, acct))
    job->text = g_strdup_printf ("@%s %s", acct, job->entry->body);
  else
    job->text = g_strdup (job->entry->body);

  length = desk_mastodon_count_length (job->text, self->url_length);
  if (length > self->max_length)
    {
      fail (task, g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_TOO_LONG,
                               _ ("The reply is %u characters long with the "
                                  "customer's name; the server allows %u."),
                               length, self->max_length));
      return;
    }

  job->visibility = reply_visibility (job->entry, target);
  post_reply (task);
}

static void
read_target (GTask *task)
{
  SendJob *job = g_task_get_task_data (task);
  g_autofree char *path = status_path (job->target, "");

  fetch (task, path, on_target_cb);
}

static void
on_existing_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  DeskMastodonChannel *self = job_channel (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;
  JsonArray *descendants = NULL;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root == NULL)
    {
      /* Without knowing, posting again could post twice. */
      fail (task, error);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    descendants
        = desk_json_get_array (json_node_get_object (root), "descendants");
  for (guint i = 0; descendants && i < json_array_get_length (descendants); i++)
    {
      g_autoptr (DeskMastodonStatus) status = desk_mastodon_status_parse (
          json_array_get_element (descendants, i), NULL);
      g_autofree char *text = NULL;

      if (status == NULL
          || !_desk_mastodon_channel_is_own (self, status->account)
          || g_strcmp0 (status->in_reply_to_id, job->target) != 0)
        continue;

      text = comparable (status->text);
      if (g_strcmp0 (text, job->expected) == 0)
        {
          g_debug ("reply already posted as %s", status->id);
          g_task_return_pointer (task, g_strdup (status->id), g_free);
          g_object_unref (task);
          return;
        }
    }

  read_target (task);
}

static void
on_token_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  SendJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *path = NULL;

  if (!_desk_mastodon_channel_load_token_finish (DESK_MASTODON_CHANNEL (source),
                                                 result, &error))
    {
      fail (task, error);
      return;
    }

  /* The outbox counts attempts before this one: any earlier attempt may
   * have landed. */
  if (job->entry->attempts == 0)
    {
      read_target (task);
      return;
    }

  path = status_path (job->target, "/context");
  fetch (task, path, on_existing_cb);
}

void
_desk_mastodon_channel_send_async (DeskChannel *channel,
                                   const DeskOutboxEntry *entry,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  DeskMastodonChannel *self = DESK_MASTODON_CHANNEL (channel);
  GTask *task = g_task_new (channel, cancellable, callback, user_data);
  SendJob *job;
  const char *target;

  g_task_set_source_tag (task, _desk_mastodon_channel_send_async);

  target = entry->in_reply_to != NULL ? entry->in_reply_to
                                      : entry->thread_remote_id;
  if (target == NULL || entry->body == NULL || *entry->body == '\0')
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("The reply has no post to answer or no "
                                  "text."));
      g_object_unref (task);
      return;
    }

  job = g_new0 (SendJob, 1);
  job->entry = desk_outbox_entry_copy (entry);
  job->target = g_strdup (target);
  job->expected = comparable (entry->body);
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);

  _desk_mastodon_channel_load_token_async (self, cancellable, on_token_cb,
                                           task);
}

char *
_desk_mastodon_channel_send_finish (DeskChannel *channel,
                                    GAsyncResult *result,
                                    GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, channel), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == _desk_mastodon_channel_send_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
