/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-mastodon-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-mastodon-channel-private.h"
#include "desk-mastodon-text.h"

/* One sync of a Mastodon account, as a chain of requests:
 *
 *   mentions   GET /api/v1/notifications, forward from the cursor
 *   filtered   GET /api/v1/notifications/requests, and each requesting
 *              account's notifications (Mastodon 4.3 files messages from
 *              strangers there; older servers answer 404)
 *   private    GET /api/v1/conversations, first page
 *   ours       GET /api/v1/accounts/:id/statuses, our newest posts:
 *              replies written in other apps (or by an earlier run that
 *              did not hear back) belong to their conversations too
 *   threads    GET /api/v1/statuses/:id/context for replies whose
 *              conversation is not known yet; our own replies in it
 *
 * Ids are opaque: the cursor is the newest notification id the server
 * listed, and paging follows the server's Link headers only. A server
 * that sends none gets one page per sync, and another sync is asked for
 * when that page was full. Notifications are ordered by the server, so
 * "min_id" moves forward in time and a sync that stops early loses
 * nothing: the next one continues where this one ended. */

#define PAGE_LIMIT 40
#define MAX_FORWARD_PAGES 5
#define MAX_BACKFILL_PAGES 3
#define MAX_REQUEST_PAGES 2
#define CONVERSATION_LIMIT 20
#define OWN_LIMIT 40
#define MAX_CACHED_THREADS 20000

typedef enum
{
  STAGE_TOKEN,
  STAGE_INSTANCE,
  STAGE_NOTIFICATIONS,
  STAGE_REQUESTS,
  STAGE_REQUEST_NOTIFICATIONS,
  STAGE_CONVERSATIONS,
  STAGE_OWN_STATUSES,
  STAGE_RESOLVE,
  STAGE_RESOLVE_OWN,
} Stage;

typedef struct
{
  char *request_id;
  char *mark;
  char *account_id;
} PendingRequest;

typedef struct
{
  DeskSyncBatch *batch;
  Stage stage;
  char *cursor;
  char *new_cursor;
  guint pages;
  char *previous_first;
  gboolean more;

  GQueue pending;     /* DeskMastodonStatus, to be placed in threads */
  GQueue own_pending; /* our own replies, placed after the rest */
  char *new_own_since;
  GHashTable *queued;     /* ids of statuses pending or added */
  GHashTable *added;      /* ids of statuses in the batch */
  GHashTable *identities; /* ids of accounts in the batch */
  GPtrArray *own_added;   /* ids of our own statuses in the batch */
  DeskMastodonStatus *resolving;

  GPtrArray *requests; /* PendingRequest */
  guint request_index;
  GHashTable *new_request_marks;
  GHashTable *new_conversation_marks;
} SyncJob;

static void run (GTask *task);

static void
pending_request_free (gpointer data)
{
  PendingRequest *request = data;

  g_free (request->request_id);
  g_free (request->mark);
  g_free (request->account_id);
  g_free (request);
}

static void
sync_job_free (SyncJob *job)
{
  g_clear_pointer (&job->batch, desk_sync_batch_unref);
  g_free (job->cursor);
  g_free (job->new_cursor);
  g_free (job->previous_first);
  g_queue_clear_full (&job->pending,
                      (GDestroyNotify) desk_mastodon_status_free);
  g_queue_clear_full (&job->own_pending,
                      (GDestroyNotify) desk_mastodon_status_free);
  g_free (job->new_own_since);
  g_hash_table_unref (job->queued);
  g_hash_table_unref (job->added);
  g_hash_table_unref (job->identities);
  g_ptr_array_unref (job->own_added);
  g_clear_pointer (&job->resolving, desk_mastodon_status_free);
  g_ptr_array_unref (job->requests);
  g_hash_table_unref (job->new_request_marks);
  g_hash_table_unref (job->new_conversation_marks);
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

static void
fetch (GTask *task, const char *path_or_url, GAsyncReadyCallback callback)
{
  DeskMastodonChannel *self = job_channel (task);
  g_autoptr (SoupMessage) message = NULL;
  GError *error = NULL;

  message
      = _desk_mastodon_channel_new_request (self, "GET", path_or_url, &error);
  if (message == NULL)
    {
      fail (task, error);
      return;
    }
  desk_http_send_json_async (self->http, message, g_task_get_cancellable (task),
                             callback, task);
}

static void
next_stage (GTask *task, Stage stage)
{
  SyncJob *job = g_task_get_task_data (task);

  job->stage = stage;
  job->pages = 0;
  g_clear_pointer (&job->previous_first, g_free);
  run (task);
}

/* Optional endpoints a server may lack: older Mastodon, GoToSocial,
 * Pleroma and Akkoma differ. */
static gboolean
is_missing_endpoint (SoupMessage *message)
{
  guint status = message ? soup_message_get_status (message) : 0;

  return status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE
         || status == SOUP_STATUS_NOT_IMPLEMENTED
         || status == SOUP_STATUS_METHOD_NOT_ALLOWED;
}

static gboolean
is_fatal (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_error_matches (error, DESK_CHANNEL_ERROR,
                             DESK_CHANNEL_ERROR_AUTH);
}

static void
enqueue_status (SyncJob *job, DeskMastodonStatus *status)
{
  if (g_hash_table_contains (job->queued, status->id))
    {
      desk_mastodon_status_free (status);
      return;
    }
  g_hash_table_add (job->queued, g_strdup (status->id));
  g_queue_push_tail (&job->pending, status);
}

static void
enqueue_status_node (SyncJob *job, JsonNode *node, const char *where)
{
  g_autoptr (GError) error = NULL;
  DeskMastodonStatus *status = desk_mastodon_status_parse (node, &error);

  if (status == NULL)
    {
      desk_sync_batch_add_warning (job->batch, "Mastodon: skipped a %s: %s",
                                   where, error->message);
      return;
    }
  enqueue_status (job, status);
}

/* Queues the mentions among @array's notifications. Returns the id of
 * the first (newest) notification. */
static const char *
enqueue_notifications (SyncJob *job, JsonArray *array)
{
  const char *first_id = NULL;
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          desk_sync_batch_add_warning (
              job->batch, "Mastodon: skipped a notification that is not an "
                          "object");
          continue;
        }
      object = json_node_get_object (node);
      id = desk_json_get_string (object, "id");
      if (first_id == NULL && id != NULL && *id != '\0')
        first_id = id;

      /* The types[] filter is a hint some servers ignore. */
      if (g_strcmp0 (desk_json_get_string (object, "type"), "mention") != 0)
        continue;

      enqueue_status_node (job, json_object_get_member (object, "status"),
                           "mention");
    }
  return first_id;
}

/* The server's link to the @rel page, if it stays on the server: a link
 * elsewhere would carry our token there, so paging stops instead. */
static char *
paging_link (GTask *task, SoupMessage *message, const char *rel)
{
  SyncJob *job = g_task_get_task_data (task);
  g_autofree char *link = desk_http_get_link (message, rel);

  if (link != NULL
      && !_desk_mastodon_channel_is_server_url (job_channel (task), link))
    {
      desk_sync_batch_add_warning (
          job->batch, "Mastodon: did not follow a page link to another "
                      "server");
      return NULL;
    }
  return g_steal_pointer (&link);
}

static void
on_notifications_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *next = NULL;
  GError *error = NULL;
  const char *first_id;
  guint n;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, &message,
                                     &error);
  if (root == NULL)
    {
      fail (task, error);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      fail (task,
            g_error_new_literal (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                                 _ ("The server sent a list of "
                                    "notifications Socialdesk cannot "
                                    "read.")));
      return;
    }

  n = json_array_get_length (json_node_get_array (root));
  first_id = enqueue_notifications (job, json_node_get_array (root));
  job->pages++;

  if (n == 0 || first_id == NULL
      || g_strcmp0 (first_id, job->previous_first) == 0)
    {
      next_stage (task, STAGE_REQUESTS);
      return;
    }

  if (job->cursor != NULL)
    {
      /* Forward from the cursor: every page is newer than the last. */
      g_free (job->new_cursor);
      job->new_cursor = g_strdup (first_id);
      next = paging_link (task, message, "prev");
      if (next == NULL || job->pages >= MAX_FORWARD_PAGES)
        {
          /* A full page may not have been the last one. */
          job->more = n >= PAGE_LIMIT || next != NULL;
          next_stage (task, STAGE_REQUESTS);
          return;
        }
    }
  else
    {
      /* First sync: the newest page, then some history. */
      if (job->new_cursor == NULL)
        job->new_cursor = g_strdup (first_id);
      next = paging_link (task, message, "next");
      if (next == NULL || job->pages >= MAX_BACKFILL_PAGES)
        {
          next_stage (task, STAGE_REQUESTS);
          return;
        }
    }

  g_free (job->previous_first);
  job->previous_first = g_strdup (first_id);
  fetch (task, next, on_notifications_cb);
}

static char *
request_mark (JsonObject *request)
{
  JsonObject *last = desk_json_get_object (request, "last_status");
  const char *updated = desk_json_get_string (request, "updated_at");
  const char *last_id = desk_json_get_string (last, "id");

  /* Changes whenever a new filtered notification joins the request. */
  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s", updated ? updated : "",
                          desk_json_get_int (request, "notifications_count", 0),
                          last_id ? last_id : "");
}

static void
on_requests_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  DeskMastodonChannel *self = job_channel (task);
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *next = NULL;
  GError *error = NULL;
  JsonArray *array;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, &message,
                                     &error);
  if (root == NULL)
    {
      if (is_fatal (error))
        {
          fail (task, error);
          return;
        }
      if (is_missing_endpoint (message))
        {
          g_debug ("no notification requests on this server");
          self->requests_unsupported = TRUE;
        }
      else
        desk_sync_batch_add_warning (
            job->batch, "Mastodon: could not read filtered notifications: %s",
            error->message);
      g_error_free (error);
      next_stage (task, STAGE_REQUEST_NOTIFICATIONS);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      desk_sync_batch_add_warning (
          job->batch, "Mastodon: unreadable list of filtered notifications");
      next_stage (task, STAGE_REQUEST_NOTIFICATIONS);
      return;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *request;
      JsonObject *account;
      const char *id;
      const char *account_id;
      g_autofree char *mark = NULL;
      PendingRequest *pending;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      request = json_node_get_object (node);
      id = desk_json_get_string (request, "id");
      account = desk_json_get_object (request, "account");
      account_id = desk_json_get_string (account, "id");
      if (id == NULL || account_id == NULL)
        {
          desk_sync_batch_add_warning (
              job->batch, "Mastodon: skipped a malformed notification request");
          continue;
        }

      mark = request_mark (request);
      if (g_strcmp0 (g_hash_table_lookup (self->request_marks, id), mark) == 0)
        continue;

      /* The newest message is right here; the others come with the
       * account's notifications below. */
      if (json_object_has_member (request, "last_status")
          && JSON_NODE_HOLDS_OBJECT (
              json_object_get_member (request, "last_status")))
        enqueue_status_node (job,
                             json_object_get_member (request, "last_status"),
                             "filtered message");

      pending = g_new0 (PendingRequest, 1);
      pending->request_id = g_strdup (id);
      pending->mark = g_steal_pointer (&mark);
      pending->account_id = g_strdup (account_id);
      g_ptr_array_add (job->requests, pending);
    }

  job->pages++;
  next = paging_link (task, message, "next");
  if (next != NULL && json_array_get_length (array) > 0
      && job->pages < MAX_REQUEST_PAGES)
    {
      fetch (task, next, on_requests_cb);
      return;
    }
  next_stage (task, STAGE_REQUEST_NOTIFICATIONS);
}

static void
on_request_notifications_cb (GObject *source,
                             GAsyncResult *result,
                             gpointer user_data)
{
  GTask *task = user_data;
  SyncJob *job = g_task_get_task_data (task);
  PendingRequest *request
      = g_ptr_array_index (job->requests, job->request_index - 1);
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root == NULL)
    {
      if (is_fatal (error))
        {
          fail (task, error);
          return;
        }
      /* The request's mark is not kept, so the next sync tries again. */
      desk_sync_batch_add_warning (
          job->batch, "Mastodon: could not read filtered notifications: %s",
          error->message);
      g_error_free (error);
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      enqueue_notifications (job, json_node_get_array (root));
      g_hash_table_replace (job->new_request_marks,
                            g_strdup (request->request_id),
                            g_strdup (request->mark));
    }
  run (task);
}

static void
on_conversations_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  DeskMastodonChannel *self = job_channel (task);
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;
  JsonArray *array;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, &message,
                                     &error);
  if (root == NULL)
    {
      if (is_fatal (error))
        {
          fail (task, error);
          return;
        }
      if (is_missing_endpoint (message))
        self->conversations_unsupported = TRUE;
      else
        desk_sync_batch_add_warning (
            job->batch, "Mastodon: could not read private conversations: %s",
            error->message);
      g_error_free (error);
      next_stage (task, STAGE_OWN_STATUSES);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      desk_sync_batch_add_warning (
          job->batch, "Mastodon: unreadable list of private conversations");
      next_stage (task, STAGE_OWN_STATUSES);
      return;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *conversation;
      JsonNode *last;
      const char *id;
      const char *last_id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      conversation = json_node_get_object (node);
      id = desk_json_get_string (conversation, "id");
      last = json_object_get_member (conversation, "last_status");
      if (id == NULL || last == NULL || !JSON_NODE_HOLDS_OBJECT (last))
        continue;

      /* Only conversations that moved since the last sync. */
      last_id = desk_json_get_string (json_node_get_object (last), "id");
      if (last_id != NULL
          && g_strcmp0 (g_hash_table_lookup (self->conversation_marks, id),
                        last_id)
                 == 0)
        continue;

      enqueue_status_node (job, last, "private message");
      if (last_id != NULL)
        g_hash_table_replace (job->new_conversation_marks, g_strdup (id),
                              g_strdup (last_id));
    }
  next_stage (task, STAGE_OWN_STATUSES);
}

static void
on_own_statuses_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (JsonNode) root = NULL;
  GError *error = NULL;
  JsonArray *array;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      if (error != NULL && is_fatal (error))
        {
          fail (task, error);
          return;
        }
      /* Replies from other apps then show up with the next mention in
       * their thread; nothing of the customers' is missed. */
      g_clear_error (&error);
      next_stage (task, STAGE_RESOLVE);
      return;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      DeskMastodonStatus *status = desk_mastodon_status_parse (node, NULL);

      if (status == NULL)
        continue;
      if (job->new_own_since == NULL)
        job->new_own_since = g_strdup (status->id);
      /* Only answers can belong to a conversation with a customer. */
      if (status->in_reply_to_id == NULL
          || !_desk_mastodon_channel_is_own (job_channel (task),
                                             status->account)
          || g_hash_table_contains (job->queued, status->id))
        {
          desk_mastodon_status_free (status);
          continue;
        }
      g_hash_table_add (job->queued, g_strdup (status->id));
      g_queue_push_tail (&job->own_pending, status);
    }
  next_stage (task, STAGE_RESOLVE);
}

static void
add_identity (SyncJob *job, const DeskMastodonStatus *status)
{
  const DeskMastodonAccount *account = status->account;
  g_autofree char *handle = NULL;
  DeskSyncIdentity *identity;

  if (g_hash_table_contains (job->identities, account->id))
    return;
  g_hash_table_add (job->identities, g_strdup (account->id));

  handle = desk_mastodon_account_dup_handle (account);
  identity = desk_sync_batch_add_identity (job->batch, account->id, handle,
                                           account->display_name);
  identity->avatar_url = g_strdup (account->avatar);
  identity->profile_url = g_strdup (account->url);
  identity->bio = g_strdup (account->note);
  identity->language = g_strdup (status->language);
  identity->followers = account->followers;
}

static void
add_status (GTask *task, const DeskMastodonStatus *status, const char *thread)
{
  DeskMastodonChannel *self = job_channel (task);
  SyncJob *job = g_task_get_task_data (task);
  gboolean own = _desk_mastodon_channel_is_own (self, status->account);
  g_autofree char *body = NULL;
  DeskSyncMessage *message;

  if (g_hash_table_size (self->thread_of) > MAX_CACHED_THREADS)
    g_hash_table_remove_all (self->thread_of);
  g_hash_table_replace (self->thread_of, g_strdup (status->id),
                        g_strdup (thread));

  if (g_hash_table_contains (job->added, status->id))
    return;
  /* Our own replies are sent again by the server in every context; the
   * store has them after the first time. */
  if (own && g_hash_table_contains (self->own_reported, status->id))
    return;
  g_hash_table_add (job->added, g_strdup (status->id));

  if (own)
    {
      /* The agent wrote the text without the addressees we put first, and
       * the store recognises a reply of ours by that text. */
      body = desk_mastodon_strip_leading_mentions (status->text);
      if (*body == '\0')
        {
          g_free (body);
          body = g_strdup (status->text);
        }
      g_ptr_array_add (job->own_added, g_strdup (status->id));
    }
  else
    {
      body = g_strdup (status->text);
      add_identity (job, status);
    }

  message = desk_sync_batch_add_message (
      job->batch, status->id, thread,
      g_strcmp0 (status->visibility, "direct") == 0
          ? DESK_CONVERSATION_KIND_PRIVATE
          : DESK_CONVERSATION_KIND_PUBLIC,
      own ? DESK_DIRECTION_OUTGOING : DESK_DIRECTION_INCOMING,
      status->account->id, body, status->created_at);
  message->in_reply_to = g_strdup (status->in_reply_to_id);
  message->url = g_strdup (status->url);
}

static const char *
node_account_id (JsonObject *object)
{
  return desk_json_get_string (desk_json_get_object (object, "account"), "id");
}

/* The conversation a status belongs to: the first post of its reply chain
 * that is not ours. Under one of our own posts every customer who answers
 * starts a conversation of their own; a chain of only our posts (a private
 * message we started) is one conversation from its first post. */
static char *
find_thread (DeskMastodonChannel *self,
             const DeskMastodonStatus *status,
             JsonArray *ancestors,
             guint *root_index,
             gboolean *with_customer)
{
  guint n = ancestors ? json_array_get_length (ancestors) : 0;
  const char *first = NULL;

  *with_customer = TRUE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (ancestors, i);
      JsonObject *object;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = desk_json_get_string (object, "id");
      if (id == NULL)
        continue;
      if (first == NULL)
        first = id;
      if (g_strcmp0 (node_account_id (object), self->own_account_id) != 0)
        {
          *root_index = i;
          return g_strdup (id);
        }
    }

  *root_index = n;
  if (!_desk_mastodon_channel_is_own (self, status->account))
    return g_strdup (status->id);
  *with_customer = FALSE;
  if (first == NULL)
    return g_strdup (status->id);
  *root_index = 0;
  return g_strdup (first);
}

static void
add_own_from (GTask *task, JsonArray *array, guint from, const char *thread)
{
  DeskMastodonChannel *self = job_channel (task);
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = from; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr (DeskMastodonStatus) own = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || g_strcmp0 (node_account_id (json_node_get_object (node)),
                        self->own_account_id)
                 != 0)
        continue;

      own = desk_mastodon_status_parse (node, NULL);
      if (own != NULL)
        add_status (task, own, thread);
    }
}

static void
on_context_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (DeskMastodonStatus) status = g_steal_pointer (&job->resolving);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *thread = NULL;
  GError *error = NULL;
  JsonObject *context;
  guint root_index = 0;
  gboolean with_customer;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root == NULL && job->stage == STAGE_RESOLVE_OWN && !is_fatal (error))
    {
      /* Our own reply in an unreadable thread: it is ours, nothing of the
       * customer's is lost by leaving it out. */
      g_error_free (error);
      run (task);
      return;
    }
  if (root == NULL)
    {
      if (g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE))
        {
          /* Deleted between the notification and now. */
          g_error_free (error);
          run (task);
          return;
        }
      if (!g_error_matches (error, DESK_CHANNEL_ERROR,
                            DESK_CHANNEL_ERROR_INVALID))
        {
          /* Filing the message in a guessed conversation would be wrong
           * for good; failing keeps the cursor, so it comes again. */
          fail (task, error);
          return;
        }
      desk_sync_batch_add_warning (
          job->batch, "Mastodon: could not read the thread of post %s: %s",
          status->id, error->message);
      g_error_free (error);
      add_status (task, status, status->in_reply_to_id);
      run (task);
      return;
    }

  context = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  thread = find_thread (job_channel (task), status,
                        desk_json_get_array (context, "ancestors"), &root_index,
                        &with_customer);

  /* A reply of ours in a thread of only our own posts (a series, say) is
   * no conversation with a customer. */
  if (!with_customer && job->stage == STAGE_RESOLVE_OWN)
    {
      run (task);
      return;
    }

  add_status (task, status, thread);
  /* Our replies after the conversation began: from other apps, or sent by
   * an earlier run that did not hear back. Our posts before it (the post a
   * customer answers) are not part of the conversation. */
  add_own_from (task, desk_json_get_array (context, "ancestors"),
                root_index + 1, thread);
  add_own_from (task, desk_json_get_array (context, "descendants"), 0, thread);
  run (task);
}

static void
complete (GTask *task)
{
  DeskMastodonChannel *self = job_channel (task);
  SyncJob *job = g_task_get_task_data (task);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  desk_sync_batch_set_cursor (job->batch, job->new_cursor);
  if (job->new_own_since != NULL)
    {
      g_free (self->own_since);
      self->own_since = g_strdup (job->new_own_since);
    }

  g_hash_table_iter_init (&iter, job->new_request_marks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (self->request_marks, g_strdup (key),
                          g_strdup (value));
  g_hash_table_iter_init (&iter, job->new_conversation_marks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (self->conversation_marks, g_strdup (key),
                          g_strdup (value));
  for (guint i = 0; i < job->own_added->len; i++)
    g_hash_table_add (self->own_reported,
                      g_strdup (g_ptr_array_index (job->own_added, i)));

  /* Ask for the rest now; the sync service runs it after this one. */
  if (job->more)
    desk_channel_request_sync (DESK_CHANNEL (self));

  _desk_mastodon_channel_sync_succeeded (self);
  g_task_return_pointer (task, desk_sync_batch_ref (job->batch),
                         (GDestroyNotify) desk_sync_batch_unref);
  g_object_unref (task);
}

static void
resolve_next (GTask *task)
{
  DeskMastodonChannel *self = job_channel (task);
  SyncJob *job = g_task_get_task_data (task);
  DeskMastodonStatus *status;

  for (;;)
    {
      const char *thread = NULL;
      g_autofree char *path = NULL;
      g_autofree char *escaped = NULL;

      /* Customers' messages first, so our replies find their threads. */
      if (job->stage == STAGE_RESOLVE)
        {
          status = g_queue_pop_head (&job->pending);
          if (status == NULL)
            {
              job->stage = STAGE_RESOLVE_OWN;
              continue;
            }
        }
      else
        {
          status = g_queue_pop_head (&job->own_pending);
          if (status == NULL)
            break;
        }

      if (status->in_reply_to_id == NULL)
        thread = status->id;
      else if ((thread = g_hash_table_lookup (self->thread_of, status->id))
                   == NULL
               && job->stage == STAGE_RESOLVE_OWN)
        thread = g_hash_table_lookup (self->thread_of, status->in_reply_to_id);

      if (thread != NULL)
        {
          g_autofree char *copy = g_strdup (thread);

          add_status (task, status, copy);
          desk_mastodon_status_free (status);
          continue;
        }

      job->resolving = status;
      escaped = g_uri_escape_string (status->id, NULL, FALSE);
      path = g_strconcat ("/api/v1/statuses/", escaped, "/context", NULL);
      fetch (task, path, on_context_cb);
      return;
    }

  complete (task);
}

static void
on_token_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  SyncJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!_desk_mastodon_channel_load_token_finish (DESK_MASTODON_CHANNEL (source),
                                                 result, &error))
    {
      fail (task, error);
      return;
    }
  job->stage = STAGE_INSTANCE;
  run (task);
}

static void
on_instance_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;

  _desk_mastodon_channel_load_instance_finish (DESK_MASTODON_CHANNEL (source),
                                               result);
  next_stage (task, STAGE_NOTIFICATIONS);
}

static void
run (GTask *task)
{
  DeskMastodonChannel *self = job_channel (task);
  SyncJob *job = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  switch (job->stage)
    {
      case STAGE_TOKEN:
        _desk_mastodon_channel_load_token_async (
            self, g_task_get_cancellable (task), on_token_cb, task);
        break;

      case STAGE_INSTANCE:
        _desk_mastodon_channel_load_instance_async (
            self, g_task_get_cancellable (task), on_instance_cb, task);
        break;

      case STAGE_NOTIFICATIONS:
        {
          g_autofree char *path = NULL;

          if (job->cursor != NULL)
            {
              g_autofree char *escaped
                  = g_uri_escape_string (job->cursor, NULL, FALSE);

              path = g_strdup_printf ("/api/v1/notifications?types%%5B%%5D="
                                      "mention&limit=%d&min_id=%s",
                                      PAGE_LIMIT, escaped);
            }
          else
            path = g_strdup_printf (
                "/api/v1/notifications?types%%5B%%5D=mention&limit=%d",
                PAGE_LIMIT);
          fetch (task, path, on_notifications_cb);
        }
        break;

      case STAGE_REQUESTS:
        if (self->requests_unsupported)
          next_stage (task, STAGE_CONVERSATIONS);
        else
          {
            g_autofree char *path = g_strdup_printf (
                "/api/v1/notifications/requests?limit=%d", PAGE_LIMIT);

            fetch (task, path, on_requests_cb);
          }
        break;

      case STAGE_REQUEST_NOTIFICATIONS:
        if (job->request_index >= job->requests->len)
          next_stage (task, STAGE_CONVERSATIONS);
        else
          {
            PendingRequest *request
                = g_ptr_array_index (job->requests, job->request_index++);
            g_autofree char *escaped
                = g_uri_escape_string (request->account_id, NULL, FALSE);
            /* Asking for one account's notifications includes those the
             * policy filtered; include_filtered says so to 4.3+. */
            g_autofree char *path = g_strdup_printf (
                "/api/v1/notifications?account_id=%s&types%%5B%%5D=mention"
                "&include_filtered=true&limit=%d",
                escaped, PAGE_LIMIT);

            fetch (task, path, on_request_notifications_cb);
          }
        break;

      case STAGE_CONVERSATIONS:
        if (self->conversations_unsupported)
          next_stage (task, STAGE_OWN_STATUSES);
        else
          {
            g_autofree char *path = g_strdup_printf (
                "/api/v1/conversations?limit=%d", CONVERSATION_LIMIT);

            fetch (task, path, on_conversations_cb);
          }
        break;

      case STAGE_OWN_STATUSES:
        {
          g_autofree char *escaped
              = g_uri_escape_string (self->own_account_id, NULL, FALSE);
          g_autofree char *since
              = self->own_since
                    ? g_uri_escape_string (self->own_since, NULL, FALSE)
                    : NULL;
          g_autofree char *path = g_strdup_printf (
              "/api/v1/accounts/%s/statuses?limit=%d&exclude_reblogs=true%s%s",
              escaped, OWN_LIMIT, since ? "&since_id=" : "",
              since ? since : "");

          fetch (task, path, on_own_statuses_cb);
        }
        break;

      case STAGE_RESOLVE:
      case STAGE_RESOLVE_OWN:
        resolve_next (task);
        break;

      default:
        g_assert_not_reached ();
    }
}

void
_desk_mastodon_channel_sync_async (DeskChannel *channel,
                                   const char *cursor,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  GTask *task = g_task_new (channel, cancellable, callback, user_data);
  SyncJob *job = g_new0 (SyncJob, 1);

  g_task_set_source_tag (task, _desk_mastodon_channel_sync_async);
  job->batch = desk_sync_batch_new (desk_channel_get_account_id (channel));
  job->cursor = cursor != NULL && *cursor != '\0' ? g_strdup (cursor) : NULL;
  job->stage = STAGE_TOKEN;
  g_queue_init (&job->pending);
  g_queue_init (&job->own_pending);
  job->queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->identities
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->own_added = g_ptr_array_new_with_free_func (g_free);
  job->requests = g_ptr_array_new_with_free_func (pending_request_free);
  job->new_request_marks
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->new_conversation_marks
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_task_set_task_data (task, job, (GDestroyNotify) sync_job_free);

  run (task);
}

DeskSyncBatch *
_desk_mastodon_channel_sync_finish (DeskChannel *channel,
                                    GAsyncResult *result,
                                    GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, channel), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == _desk_mastodon_channel_sync_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
