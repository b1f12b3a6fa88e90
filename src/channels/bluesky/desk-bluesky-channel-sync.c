/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-bluesky-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "desk-bluesky-channel-private.h"

/* One sync of a Bluesky account, as a chain of requests:
 *
 *  1. listNotifications, newest first, page by page until a notification
 *     as old as the newest of the last sync (the cursor keeps its time);
 *     only mentions, replies and quotes, filtered here again;
 *  2. getPostThread for each, for the posts above it up to the thread's
 *     root: the root's URI names the conversation, posts by our own DID
 *     are outgoing;
 *  3. direct messages: the first time listConvos + getMessages, then
 *     getLog from its cursor; without a chat service this is skipped with
 *     one warning;
 *  4. getProfiles for every author, 25 at a time (followers, bio);
 *  5. updateSeen, so the Bluesky app shows them as read.
 *
 * The sync's cursor is a small JSON object: {"seen": newest indexedAt,
 * "chat": the chat log's cursor}. */

#define NOTIFICATION_PAGE 50
#define MAX_PAGES_FIRST 4
#define MAX_PAGES 20
#define MAX_CONVOS 50
#define MAX_LOG_PAGES 20
#define PROFILES_PER_REQUEST 25
#define PARENT_HEIGHT "80"

typedef struct
{
  DeskSyncBatch *batch;

  char *seen; /* indexedAt of the newest notification of last time */
  gint64 seen_usec;
  char *newest; /* of this time */
  gint64 newest_usec;
  char *page_cursor;
  guint pages;

  GPtrArray *posts; /* DeskBlueskyPost to fetch the thread of */
  guint post_index;

  char *chat_cursor; /* NULL: chat not read before */
  char *new_chat_cursor;
  GPtrArray *convos; /* char*, convo ids for the first sync */
  guint convo_index;
  guint log_pages;

  GHashTable *profiles;    /* did → DeskBlueskyProfile */
  GHashTable *message_ids; /* remote ids already in the batch */
  GHashTable *authors;     /* dids of incoming messages */
  GPtrArray *to_fetch;     /* dids for getProfiles */
  guint fetch_index;
} SyncJob;

static void step_list_notifications (GTask *task);
static void step_next_thread (GTask *task);
static void step_chat (GTask *task);
static void step_next_convo (GTask *task);
static void step_get_log (GTask *task);
static void step_profiles (GTask *task);
static void step_update_seen (GTask *task);
static void finish_sync (GTask *task);

static void
sync_job_free (SyncJob *job)
{
  g_clear_pointer (&job->batch, desk_sync_batch_unref);
  g_free (job->seen);
  g_free (job->newest);
  g_free (job->page_cursor);
  g_clear_pointer (&job->posts, g_ptr_array_unref);
  g_free (job->chat_cursor);
  g_free (job->new_chat_cursor);
  g_clear_pointer (&job->convos, g_ptr_array_unref);
  g_clear_pointer (&job->profiles, g_hash_table_unref);
  g_clear_pointer (&job->message_ids, g_hash_table_unref);
  g_clear_pointer (&job->authors, g_hash_table_unref);
  g_clear_pointer (&job->to_fetch, g_ptr_array_unref);
  g_free (job);
}

static void
parse_cursor (SyncJob *job, const char *cursor)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (cursor == NULL || *cursor == '\0'
      || !json_parser_load_from_data (parser, cursor, -1, NULL))
    return;

  object = desk_bluesky_node_object (json_parser_get_root (parser));
  job->seen = g_strdup (desk_bluesky_json_string (object, "seen"));
  job->seen_usec = desk_bluesky_parse_datetime_usec (job->seen);
  if (job->seen_usec < 0)
    g_clear_pointer (&job->seen, g_free);
  job->chat_cursor = g_strdup (desk_bluesky_json_string (object, "chat"));
}

static char *
build_cursor (SyncJob *job)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  const char *seen = job->newest ? job->newest : job->seen;
  const char *chat
      = job->new_chat_cursor ? job->new_chat_cursor : job->chat_cursor;

  json_builder_begin_object (builder);
  if (seen != NULL)
    {
      json_builder_set_member_name (builder, "seen");
      json_builder_add_string_value (builder, seen);
    }
  if (chat != NULL)
    {
      json_builder_set_member_name (builder, "chat");
      json_builder_add_string_value (builder, chat);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
remember_profile (SyncJob *job, DeskBlueskyProfile *profile)
{
  DeskBlueskyProfile *known = g_hash_table_lookup (job->profiles, profile->did);

  /* A detailed view (with followers) wins over a basic one. */
  if (known != NULL && known->followers >= 0 && profile->followers < 0)
    {
      desk_bluesky_profile_free (profile);
      return;
    }
  g_hash_table_replace (job->profiles, profile->did, profile);
}

static void
add_post (GTask *task, const DeskBlueskyPost *post, const char *thread)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  gboolean ours = g_strcmp0 (post->author_did, self->did) == 0;
  DeskSyncMessage *message;

  if (g_hash_table_contains (job->message_ids, post->uri))
    return;
  g_hash_table_add (job->message_ids, g_strdup (post->uri));

  /* The text is kept as it is; facets only say where links point. */
  message = desk_sync_batch_add_message (
      job->batch, post->uri, thread, DESK_CONVERSATION_KIND_PUBLIC,
      ours ? DESK_DIRECTION_OUTGOING : DESK_DIRECTION_INCOMING,
      post->author_did, post->text, post->created_at);
  message->in_reply_to = g_strdup (post->parent_uri);
  message->url = desk_bluesky_post_web_url (post->uri);
  if (!ours)
    g_hash_table_add (job->authors, g_strdup (post->author_did));
}

static void
add_chat_message (GTask *task, const DeskBlueskyChatMessage *chat)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  gboolean ours = g_strcmp0 (chat->sender_did, self->did) == 0;
  g_autofree char *id
      = _desk_bluesky_chat_message_id (chat->convo_id, chat->id);
  g_autofree char *thread = _desk_bluesky_chat_thread_id (chat->convo_id);
  DeskSyncMessage *message;

  if (g_hash_table_contains (job->message_ids, id))
    return;
  g_hash_table_add (job->message_ids, g_strdup (id));

  message = desk_sync_batch_add_message (
      job->batch, id, thread, DESK_CONVERSATION_KIND_PRIVATE,
      ours ? DESK_DIRECTION_OUTGOING : DESK_DIRECTION_INCOMING,
      chat->sender_did, chat->text, chat->sent_at);
  message->url
      = g_strdup_printf ("https://bsky.app/messages/%s", chat->convo_id);
  if (!ours)
    g_hash_table_add (job->authors, g_strdup (chat->sender_did));
}

static gboolean
is_wanted_reason (const char *reason)
{
  return g_strcmp0 (reason, "mention") == 0 || g_strcmp0 (reason, "reply") == 0
         || g_strcmp0 (reason, "quote") == 0;
}

/* 1. Notifications */

static void
on_notifications_cb (GTask *task,
                     JsonNode *result,
                     const char *xrpc_error,
                     const GError *error)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  JsonObject *object = desk_bluesky_node_object (result);
  JsonArray *items = desk_bluesky_json_array (object, "notifications");
  const char *next = desk_bluesky_json_string (object, "cursor");
  gboolean reached_seen = FALSE;
  guint len;

  if (error != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }
  if (items == NULL)
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("Bluesky sent notifications in an unknown "
                                  "form."));
      return;
    }

  job->pages++;
  len = json_array_get_length (items);
  for (guint i = 0; i < len; i++)
    {
      g_autoptr (GError) item_error = NULL;
      g_autoptr (DeskBlueskyNotification) notification = NULL;

      notification = desk_bluesky_notification_parse (
          json_array_get_element (items, i), &item_error);
      if (notification == NULL)
        {
          desk_sync_batch_add_warning (job->batch,
                                       "skipped a Bluesky notification: %s",
                                       item_error->message);
          continue;
        }

      if (job->seen != NULL && notification->indexed_at_usec <= job->seen_usec)
        {
          reached_seen = TRUE;
          continue;
        }
      if (notification->indexed_at_usec > job->newest_usec)
        {
          job->newest_usec = notification->indexed_at_usec;
          g_free (job->newest);
          job->newest = g_strdup (notification->indexed_at);
        }

      /* The server filters by reason only when it knows the parameter. */
      if (!is_wanted_reason (notification->reason) || notification->post == NULL
          || g_strcmp0 (notification->post->author_did, self->did) == 0)
        continue;

      remember_profile (job, g_steal_pointer (&notification->author));
      g_ptr_array_add (job->posts, g_steal_pointer (&notification->post));
    }

  g_free (job->page_cursor);
  job->page_cursor = g_strdup (next);
  if (!reached_seen && next != NULL && *next != '\0' && len > 0
      && job->pages < (job->seen != NULL ? MAX_PAGES : MAX_PAGES_FIRST))
    step_list_notifications (task);
  else
    step_next_thread (task);
}

static void
step_list_notifications (GTask *task)
{
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);
  g_autofree char *limit = g_strdup_printf ("%d", NOTIFICATION_PAGE);

  desk_bluesky_query_add (query, "limit", limit);
  desk_bluesky_query_add (query, "reasons", "mention");
  desk_bluesky_query_add (query, "reasons", "reply");
  desk_bluesky_query_add (query, "reasons", "quote");
  desk_bluesky_query_add (query, "cursor", job->page_cursor);
  _desk_bluesky_channel_call (task, "app.bsky.notification.listNotifications",
                              query->str, NULL, DESK_BLUESKY_CALL_AUTH,
                              on_notifications_cb);
}

/* 2. Threads */

static void
on_thread_cb (GTask *task,
              JsonNode *result,
              const char *xrpc_error,
              const GError *error)
{
  SyncJob *job = g_task_get_task_data (task);
  DeskBlueskyPost *post = g_ptr_array_index (job->posts, job->post_index);
  const char *thread = post->root_uri ? post->root_uri : post->uri;
  g_autoptr (GPtrArray) authors = g_ptr_array_new ();
  g_autoptr (GPtrArray) chain = NULL;
  g_autoptr (GError) parse_error = NULL;
  gboolean complete = FALSE;

  job->post_index++;

  if (error != NULL)
    {
      if (g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE))
        {
          step_next_thread (task); /* deleted since the notification */
          return;
        }
      if (error->domain == DESK_CHANNEL_ERROR
          && error->code != DESK_CHANNEL_ERROR_INVALID
          && error->code != DESK_CHANNEL_ERROR_FAILED)
        {
          g_task_return_error (task, g_error_copy (error));
          return;
        }
      /* Without the context the post still counts; its record names the
       * thread's root. */
      add_post (task, post, thread);
      step_next_thread (task);
      return;
    }

  chain = desk_bluesky_thread_parse_chain (
      json_object_get_member (desk_bluesky_node_object (result), "thread"),
      authors, &complete, &parse_error);
  if (chain == NULL)
    {
      if (!g_error_matches (parse_error, DESK_CHANNEL_ERROR,
                            DESK_CHANNEL_ERROR_GONE))
        {
          desk_sync_batch_add_warning (
              job->batch, "skipped a Bluesky thread: %s", parse_error->message);
          add_post (task, post, thread);
        }
      step_next_thread (task);
      return;
    }

  /* Posts above a deleted one are out of reach; the thread keeps its
   * name from the record's root reference all the same. */
  for (guint i = 0; i < chain->len; i++)
    {
      DeskBlueskyPost *link = g_ptr_array_index (chain, i);
      DeskBlueskyProfile *author = g_ptr_array_index (authors, i);

      remember_profile (job, author);
      add_post (task, link, thread);
    }
  g_ptr_array_set_size (authors, 0);

  step_next_thread (task);
}

static void
step_next_thread (GTask *task)
{
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);
  DeskBlueskyPost *post;

  /* One thread request per post; posts answered in the same thread share
   * the work of the store's de-duplication, not of the network. */
  while (job->post_index < job->posts->len)
    {
      post = g_ptr_array_index (job->posts, job->post_index);
      if (!g_hash_table_contains (job->message_ids, post->uri))
        break;
      job->post_index++;
    }
  if (job->post_index >= job->posts->len)
    {
      step_chat (task);
      return;
    }

  post = g_ptr_array_index (job->posts, job->post_index);
  desk_bluesky_query_add (query, "uri", post->uri);
  desk_bluesky_query_add (query, "depth", "0");
  desk_bluesky_query_add (query, "parentHeight", PARENT_HEIGHT);
  _desk_bluesky_channel_call (task, "app.bsky.feed.getPostThread", query->str,
                              NULL, DESK_BLUESKY_CALL_AUTH, on_thread_cb);
}

/* 3. Direct messages */

/* Direct messages failing never fail the sync: public posts matter more.
 * The user hears once per outage why DMs are missing, and the chat is
 * left alone for a while (see _desk_bluesky_channel_mark_chat_unavailable)
 * rather than asked again and again. */
static void
chat_failed (GTask *task, const GError *error)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  gboolean transient
      = g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK)
        || g_error_matches (error, DESK_CHANNEL_ERROR,
                            DESK_CHANNEL_ERROR_RATE_LIMIT);

  g_debug ("no chat for %s: %s", self->did, error->message);
  _desk_bluesky_channel_mark_chat_unavailable (self, transient);
  if (!self->chat_warned)
    {
      self->chat_warned = TRUE;
      if (transient)
        desk_sync_batch_add_warning (
            job->batch,
            _ ("Bluesky direct messages could not be read (%s). Public posts "
               "are still synced; direct messages are tried again later."),
            error->message);
      else
        desk_sync_batch_add_warning (
            job->batch,
            _ ("Bluesky direct messages are not available for this account "
               "(%s). Public posts are still synced. To answer direct "
               "messages, sign in with an app password that allows access "
               "to direct messages."),
            error->message);
    }
  step_profiles (task);
}

static void
chat_worked (GTask *task)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);

  self->chat_unavailable = FALSE;
  self->chat_warned = FALSE;
}

static gboolean
chat_allowed_by_token (DeskBlueskyChannel *self)
{
  g_autoptr (JsonObject) claims = desk_bluesky_jwt_decode (
      desk_bluesky_client_get_access_jwt (self->client));
  const char *scope = desk_bluesky_json_string (claims, "scope");

  /* An app password made without "allow access to direct messages". */
  return g_strcmp0 (scope, "com.atproto.appPass") != 0;
}

static void
take_related_profiles (SyncJob *job, JsonArray *profiles)
{
  guint len = profiles ? json_array_get_length (profiles) : 0;

  for (guint i = 0; i < len; i++)
    {
      DeskBlueskyProfile *profile = desk_bluesky_profile_parse (
          json_array_get_element (profiles, i), NULL);

      if (profile != NULL)
        remember_profile (job, profile);
    }
}

static void
take_messages (GTask *task, const char *convo_id, JsonArray *messages)
{
  SyncJob *job = g_task_get_task_data (task);
  guint len = messages ? json_array_get_length (messages) : 0;

  for (guint i = 0; i < len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DeskBlueskyChatMessage) message
          = desk_bluesky_chat_message_parse (
              convo_id, json_array_get_element (messages, i), &error);

      if (message != NULL)
        add_chat_message (task, message);
      else if (!g_error_matches (error, DESK_CHANNEL_ERROR,
                                 DESK_CHANNEL_ERROR_GONE))
        desk_sync_batch_add_warning (
            job->batch, "skipped a Bluesky direct message: %s", error->message);
    }
}

static void
on_log_cb (GTask *task,
           JsonNode *result,
           const char *xrpc_error,
           const GError *error)
{
  SyncJob *job = g_task_get_task_data (task);
  JsonObject *object = desk_bluesky_node_object (result);
  JsonArray *logs = desk_bluesky_json_array (object, "logs");
  const char *cursor = desk_bluesky_json_string (object, "cursor");
  const char *previous
      = job->new_chat_cursor ? job->new_chat_cursor : job->chat_cursor;
  gboolean moved;
  guint len;

  if (error != NULL)
    {
      chat_failed (task, error);
      return;
    }
  chat_worked (task);
  if (logs == NULL)
    {
      desk_sync_batch_add_warning (
          job->batch, "Bluesky sent a chat log in an unknown form");
      step_profiles (task);
      return;
    }

  len = json_array_get_length (logs);
  for (guint i = 0; i < len; i++)
    {
      JsonObject *entry
          = desk_bluesky_node_object (json_array_get_element (logs, i));
      const char *type = desk_bluesky_json_string (entry, "$type");
      const char *convo_id = desk_bluesky_json_string (entry, "convoId");
      g_autoptr (JsonArray) one = NULL;
      JsonNode *message;

      if (g_strcmp0 (type, "chat.bsky.convo.defs#logCreateMessage") != 0
          || convo_id == NULL)
        continue;

      take_related_profiles (
          job, desk_bluesky_json_array (entry, "relatedProfiles"));
      message = json_object_get_member (entry, "message");
      if (message == NULL)
        continue;
      one = json_array_new ();
      json_array_add_element (one, json_node_copy (message));
      take_messages (task, convo_id, one);
    }

  moved = cursor != NULL && g_strcmp0 (cursor, previous) != 0;
  if (cursor != NULL)
    {
      g_free (job->new_chat_cursor);
      job->new_chat_cursor = g_strdup (cursor);
    }
  job->log_pages++;
  if (moved && len > 0 && job->log_pages < MAX_LOG_PAGES)
    step_get_log (task);
  else
    step_profiles (task);
}

static void
step_get_log (GTask *task)
{
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);
  const char *cursor
      = job->new_chat_cursor ? job->new_chat_cursor : job->chat_cursor;

  desk_bluesky_query_add (query, "cursor", cursor);
  _desk_bluesky_channel_call (task, "chat.bsky.convo.getLog", query->str, NULL,
                              DESK_BLUESKY_CALL_AUTH | DESK_BLUESKY_CALL_CHAT,
                              on_log_cb);
}

static void
on_messages_cb (GTask *task,
                JsonNode *result,
                const char *xrpc_error,
                const GError *error)
{
  SyncJob *job = g_task_get_task_data (task);
  const char *convo_id = g_ptr_array_index (job->convos, job->convo_index);

  job->convo_index++;
  if (error != NULL
      && !g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE))
    {
      chat_failed (task, error);
      return;
    }
  if (error == NULL)
    take_messages (task, convo_id,
                   desk_bluesky_json_array (desk_bluesky_node_object (result),
                                            "messages"));
  step_next_convo (task);
}

static void
step_next_convo (GTask *task)
{
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);

  if (job->convo_index >= job->convos->len)
    {
      /* A log without cursor starts at the present: later syncs read on
       * from there. */
      step_get_log (task);
      return;
    }

  desk_bluesky_query_add (query, "convoId",
                          g_ptr_array_index (job->convos, job->convo_index));
  desk_bluesky_query_add (query, "limit", "50");
  _desk_bluesky_channel_call (
      task, "chat.bsky.convo.getMessages", query->str, NULL,
      DESK_BLUESKY_CALL_AUTH | DESK_BLUESKY_CALL_CHAT, on_messages_cb);
}

static void
on_convos_cb (GTask *task,
              JsonNode *result,
              const char *xrpc_error,
              const GError *error)
{
  SyncJob *job = g_task_get_task_data (task);
  JsonArray *convos;
  guint len;

  if (error != NULL)
    {
      chat_failed (task, error);
      return;
    }

  chat_worked (task);
  convos
      = desk_bluesky_json_array (desk_bluesky_node_object (result), "convos");
  len = convos ? json_array_get_length (convos) : 0;
  for (guint i = 0; i < len; i++)
    {
      JsonObject *convo
          = desk_bluesky_node_object (json_array_get_element (convos, i));
      const char *id = desk_bluesky_json_string (convo, "id");

      if (id == NULL || *id == '\0' || strchr (id, '/') != NULL)
        {
          desk_sync_batch_add_warning (job->batch,
                                       "skipped a malformed Bluesky chat");
          continue;
        }
      take_related_profiles (job, desk_bluesky_json_array (convo, "members"));
      g_ptr_array_add (job->convos, g_strdup (id));
    }
  step_next_convo (task);
}

static void
step_chat (GTask *task)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  gint64 now
      = desk_clock_get_now (desk_channel_get_clock (DESK_CHANNEL (self)));
  g_autoptr (GString) query = NULL;

  if (self->chat_unavailable && now < self->chat_retry_at)
    {
      step_profiles (task);
      return;
    }
  if (!chat_allowed_by_token (self))
    {
      g_autoptr (GError) error = g_error_new_literal (
          DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED,
          _ ("the app password does not allow direct messages"));

      chat_failed (task, error);
      return;
    }

  if (job->chat_cursor != NULL)
    {
      step_get_log (task);
      return;
    }

  query = g_string_new (NULL);
  desk_bluesky_query_add (query, "limit", G_STRINGIFY (MAX_CONVOS));
  _desk_bluesky_channel_call (
      task, "chat.bsky.convo.listConvos", query->str, NULL,
      DESK_BLUESKY_CALL_AUTH | DESK_BLUESKY_CALL_CHAT, on_convos_cb);
}

/* 4. Profiles */

static void
on_profiles_cb (GTask *task,
                JsonNode *result,
                const char *xrpc_error,
                const GError *error)
{
  SyncJob *job = g_task_get_task_data (task);
  JsonArray *profiles;
  guint len;

  if (error != NULL)
    {
      /* The basic profiles from the posts will do. */
      g_debug ("getProfiles: %s", error->message);
      step_profiles (task);
      return;
    }

  profiles
      = desk_bluesky_json_array (desk_bluesky_node_object (result), "profiles");
  len = profiles ? json_array_get_length (profiles) : 0;
  for (guint i = 0; i < len; i++)
    {
      DeskBlueskyProfile *profile = desk_bluesky_profile_parse (
          json_array_get_element (profiles, i), NULL);

      if (profile != NULL)
        remember_profile (job, profile);
    }
  step_profiles (task);
}

static void
step_profiles (GTask *task)
{
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);

  if (job->to_fetch == NULL)
    {
      GHashTableIter iter;
      gpointer did;

      job->to_fetch = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_iter_init (&iter, job->authors);
      while (g_hash_table_iter_next (&iter, &did, NULL))
        g_ptr_array_add (job->to_fetch, g_strdup (did));
    }

  if (job->fetch_index >= job->to_fetch->len)
    {
      step_update_seen (task);
      return;
    }

  for (guint n = 0;
       n < PROFILES_PER_REQUEST && job->fetch_index < job->to_fetch->len; n++)
    desk_bluesky_query_add (
        query, "actors", g_ptr_array_index (job->to_fetch, job->fetch_index++));
  _desk_bluesky_channel_call (task, "app.bsky.actor.getProfiles", query->str,
                              NULL, DESK_BLUESKY_CALL_AUTH, on_profiles_cb);
}

/* 5. Seen */

static void
on_seen_cb (GTask *task,
            JsonNode *result,
            const char *xrpc_error,
            const GError *error)
{
  if (error != NULL)
    g_debug ("updateSeen: %s", error->message);
  finish_sync (task);
}

static void
step_update_seen (GTask *task)
{
  SyncJob *job = g_task_get_task_data (task);
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) input = NULL;

  if (job->newest == NULL)
    {
      finish_sync (task);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seenAt");
  json_builder_add_string_value (builder, job->newest);
  json_builder_end_object (builder);
  input = json_builder_get_root (builder);
  _desk_bluesky_channel_call (task, "app.bsky.notification.updateSeen", NULL,
                              input, DESK_BLUESKY_CALL_AUTH, on_seen_cb);
}

static gint
compare_messages (gconstpointer a, gconstpointer b)
{
  const DeskSyncMessage *ma = *(DeskSyncMessage *const *) a;
  const DeskSyncMessage *mb = *(DeskSyncMessage *const *) b;

  return (ma->created_at > mb->created_at) - (ma->created_at < mb->created_at);
}

static void
finish_sync (GTask *task)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SyncJob *job = g_task_get_task_data (task);
  g_autofree char *cursor = NULL;
  GHashTableIter iter;
  gpointer did;

  /* Every incoming message needs its author as an identity; a profile
   * the servers would not describe becomes one named by its DID. */
  g_hash_table_iter_init (&iter, job->authors);
  while (g_hash_table_iter_next (&iter, &did, NULL))
    {
      DeskBlueskyProfile *profile = g_hash_table_lookup (job->profiles, did);
      DeskSyncIdentity *identity;

      if (g_strcmp0 (did, self->did) == 0)
        continue;
      identity = desk_sync_batch_add_identity (
          job->batch, did, profile ? profile->handle : did,
          profile ? profile->display_name : NULL);
      if (profile == NULL)
        continue;
      identity->avatar_url = g_strdup (profile->avatar);
      identity->bio = g_strdup (profile->description);
      identity->followers = MAX (profile->followers, 0);
      identity->profile_url
          = g_strdup_printf ("https://bsky.app/profile/%s", profile->handle);
    }

  /* Oldest first: a thread's root before its replies. */
  g_ptr_array_sort (job->batch->messages, compare_messages);

  cursor = build_cursor (job);
  desk_sync_batch_set_cursor (job->batch, cursor);
  g_task_return_pointer (task, desk_sync_batch_ref (job->batch),
                         (GDestroyNotify) desk_sync_batch_unref);
}

static void
start_sync (GTask *task)
{
  step_list_notifications (task);
}

void
_desk_bluesky_channel_sync_async (DeskChannel *channel,
                                  const char *cursor,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task
      = g_task_new (channel, cancellable, callback, user_data);
  SyncJob *job = g_new0 (SyncJob, 1);

  g_task_set_source_tag (task, _desk_bluesky_channel_sync_async);

  job->batch = desk_sync_batch_new (desk_channel_get_account_id (channel));
  job->posts = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_bluesky_post_free);
  job->convos = g_ptr_array_new_with_free_func (g_free);
  job->profiles
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                               (GDestroyNotify) desk_bluesky_profile_free);
  job->message_ids
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->newest_usec = -1;
  parse_cursor (job, cursor);
  if (job->seen != NULL)
    job->newest_usec = job->seen_usec;
  g_task_set_task_data (task, job, (GDestroyNotify) sync_job_free);

  _desk_bluesky_channel_ensure_session (task, start_sync);
}

DeskSyncBatch *
_desk_bluesky_channel_sync_finish (DeskChannel *channel,
                                   GAsyncResult *result,
                                   GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, channel), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
