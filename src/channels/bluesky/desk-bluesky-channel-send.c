/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-bluesky-send"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-bluesky-channel-private.h"

/* Replying on Bluesky, exactly once, and hiding replies.
 *
 * A public reply is a post record whose key (rkey) is derived from the
 * outbox entry's idempotency key before anything is sent. Sending again
 * after a crash or a lost answer writes to the same key: the PDS refuses
 * to create it twice, and we then read the record back and take it as
 * sent when it is our reply. A private reply goes to the chat, which has
 * no idempotency key: after an unclear attempt the conversation's recent
 * messages are searched for our own identical text first.
 *
 * Hiding uses the thread gate of the thread's root post, which only the
 * root's author may write. */

#define POST_COLLECTION "app.bsky.feed.post"
#define GATE_COLLECTION "app.bsky.feed.threadgate"
#define MAX_HIDDEN_REPLIES 50

typedef struct
{
  DeskOutboxEntry *entry;
  char *rkey;
  char *expected_uri;
  char *parent_uri;
  char *parent_cid;
  char *root_uri;
  char *root_cid;
  GPtrArray *facets; /* DeskBlueskyFacet */
  guint facet_index;
  char *convo_id;
  GError *create_error;
} SendJob;

typedef struct
{
  char *reply_uri;
  gboolean hide;
  char *root_uri;
  char *root_rkey;
  JsonObject *gate; /* the current record, or NULL */
  char *gate_cid;
  guint attempts;
} ModerateJob;

static void send_public (GTask *task);
static void step_resolve_next (GTask *task);
static void step_create (GTask *task);
static void send_private (GTask *task);
static void step_send_message (GTask *task);
static void step_read_gate (GTask *task);

static void
send_job_free (SendJob *job)
{
  g_clear_pointer (&job->entry, desk_outbox_entry_free);
  g_free (job->rkey);
  g_free (job->expected_uri);
  g_free (job->parent_uri);
  g_free (job->parent_cid);
  g_free (job->root_uri);
  g_free (job->root_cid);
  g_clear_pointer (&job->facets, g_ptr_array_unref);
  g_free (job->convo_id);
  g_clear_error (&job->create_error);
  g_free (job);
}

static void
moderate_job_free (ModerateJob *job)
{
  g_free (job->reply_uri);
  g_free (job->root_uri);
  g_free (job->root_rkey);
  g_clear_pointer (&job->gate, json_object_unref);
  g_free (job->gate_cid);
  g_free (job);
}

static void
return_error (GTask *task, const GError *error)
{
  g_task_return_error (task, g_error_copy (error));
}

/* Public replies: find the parent and the thread's root */

static void
on_parent_cb (GTask *task,
              JsonNode *result,
              const char *xrpc_error,
              const GError *error)
{
  SendJob *job = g_task_get_task_data (task);
  JsonArray *posts;
  g_autoptr (DeskBlueskyPost) parent = NULL;
  g_autoptr (GError) parse_error = NULL;

  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  posts = desk_bluesky_json_array (desk_bluesky_node_object (result), "posts");
  if (posts == NULL || json_array_get_length (posts) == 0)
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE,
          _ ("The post you are answering was deleted on Bluesky."));
      return;
    }

  parent = desk_bluesky_post_parse_view (json_array_get_element (posts, 0),
                                         NULL, &parse_error);
  if (parent == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&parse_error));
      return;
    }

  /* A reply names the thread's first post as root and the post it
   * answers as parent, each with its content id; when the parent is a
   * reply itself, its record knows the root. */
  job->parent_uri = g_strdup (parent->uri);
  job->parent_cid = g_strdup (parent->cid);
  job->root_uri = g_strdup (parent->root_uri ? parent->root_uri : parent->uri);
  job->root_cid = g_strdup (parent->root_uri ? parent->root_cid : parent->cid);

  step_resolve_next (task);
}

static void
on_resolved_cb (GTask *task,
                JsonNode *result,
                const char *xrpc_error,
                const GError *error)
{
  SendJob *job = g_task_get_task_data (task);
  DeskBlueskyFacet *facet = g_ptr_array_index (job->facets, job->facet_index);
  const char *did
      = desk_bluesky_json_string (desk_bluesky_node_object (result), "did");

  job->facet_index++;
  if (error != NULL
      && !g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_FAILED)
      && !g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE))
    {
      return_error (task, error);
      return;
    }

  /* An unknown handle stays plain text, as in the Bluesky app. */
  if (error == NULL && did != NULL && g_str_has_prefix (did, "did:"))
    facet->did = g_strdup (did);
  step_resolve_next (task);
}

static void
step_resolve_next (GTask *task)
{
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);

  while (job->facet_index < job->facets->len)
    {
      DeskBlueskyFacet *facet
          = g_ptr_array_index (job->facets, job->facet_index);

      if (facet->kind == DESK_BLUESKY_FACET_MENTION)
        break;
      job->facet_index++;
    }
  if (job->facet_index >= job->facets->len)
    {
      step_create (task);
      return;
    }

  desk_bluesky_query_add (
      query, "handle",
      ((DeskBlueskyFacet *) g_ptr_array_index (job->facets, job->facet_index))
          ->value);
  _desk_bluesky_channel_call (task, "com.atproto.identity.resolveHandle",
                              query->str, NULL, DESK_BLUESKY_CALL_AUTH,
                              on_resolved_cb);
}

static void
add_strong_ref (JsonBuilder *builder,
                const char *name,
                const char *uri,
                const char *cid)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "cid");
  json_builder_add_string_value (builder, cid);
  json_builder_end_object (builder);
}

static void
add_facets (JsonBuilder *builder, GPtrArray *facets)
{
  json_builder_set_member_name (builder, "facets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < facets->len; i++)
    {
      DeskBlueskyFacet *facet = g_ptr_array_index (facets, i);
      gboolean mention = facet->kind == DESK_BLUESKY_FACET_MENTION;

      if (mention && facet->did == NULL)
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "byteStart");
      json_builder_add_int_value (builder, (gint64) facet->byte_start);
      json_builder_set_member_name (builder, "byteEnd");
      json_builder_add_int_value (builder, (gint64) facet->byte_end);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "features");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "$type");
      json_builder_add_string_value (builder,
                                     mention ? "app.bsky.richtext.facet#mention"
                                             : "app.bsky.richtext.facet#link");
      json_builder_set_member_name (builder, mention ? "did" : "uri");
      json_builder_add_string_value (builder,
                                     mention ? facet->did : facet->value);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static JsonNode *
build_post (DeskBlueskyChannel *self, SendJob *job)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *created_at
      = desk_bluesky_format_datetime (g_get_real_time ());

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "repo");
  json_builder_add_string_value (builder, self->did);
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, POST_COLLECTION);
  json_builder_set_member_name (builder, "rkey");
  json_builder_add_string_value (builder, job->rkey);

  json_builder_set_member_name (builder, "record");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, POST_COLLECTION);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, job->entry->body);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created_at);
  if (self->languages != NULL && self->languages[0] != NULL)
    {
      json_builder_set_member_name (builder, "langs");
      json_builder_begin_array (builder);
      for (guint i = 0; self->languages[i] != NULL && i < 3; i++)
        json_builder_add_string_value (builder, self->languages[i]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "reply");
  json_builder_begin_object (builder);
  add_strong_ref (builder, "root", job->root_uri, job->root_cid);
  add_strong_ref (builder, "parent", job->parent_uri, job->parent_cid);
  json_builder_end_object (builder);
  if (job->facets->len > 0)
    add_facets (builder, job->facets);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* After a failed or unclear create: is the record already there, and is
 * it our reply? */
static void
on_existing_record_cb (GTask *task,
                       JsonNode *result,
                       const char *xrpc_error,
                       const GError *error)
{
  SendJob *job = g_task_get_task_data (task);
  JsonObject *object = desk_bluesky_node_object (result);
  g_autoptr (DeskBlueskyPost) existing = NULL;

  if (error != NULL)
    {
      /* Not there: the create's own error tells what went wrong. */
      g_task_return_error (task, g_steal_pointer (&job->create_error));
      return;
    }

  existing = desk_bluesky_post_parse_record (
      desk_bluesky_json_string (object, "uri"),
      desk_bluesky_json_string (object, "cid"),
      json_object_get_member (object, "value"), NULL);
  if (existing == NULL || g_strcmp0 (existing->uri, job->expected_uri) != 0
      || g_strcmp0 (existing->text, job->entry->body) != 0
      || g_strcmp0 (existing->parent_uri, job->parent_uri) != 0)
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_FAILED,
          _ ("Bluesky already has a different post under this reply's key."));
      return;
    }

  g_debug ("reply %s was already posted", job->expected_uri);
  g_task_return_pointer (task, g_strdup (job->expected_uri), g_free);
}

static void
check_existing_record (GTask *task)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);

  desk_bluesky_query_add (query, "repo", self->did);
  desk_bluesky_query_add (query, "collection", POST_COLLECTION);
  desk_bluesky_query_add (query, "rkey", job->rkey);
  _desk_bluesky_channel_call (task, "com.atproto.repo.getRecord", query->str,
                              NULL, DESK_BLUESKY_CALL_AUTH,
                              on_existing_record_cb);
}

static void
on_created_cb (GTask *task,
               JsonNode *result,
               const char *xrpc_error,
               const GError *error)
{
  SendJob *job = g_task_get_task_data (task);
  const char *uri
      = desk_bluesky_json_string (desk_bluesky_node_object (result), "uri");

  if (error != NULL)
    {
      /* The PDS refuses a second record under the same key (or the first
       * attempt's answer was lost on the way): look before failing. Not
       * for errors that say the request was never taken. */
      if (g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH)
          || g_error_matches (error, DESK_CHANNEL_ERROR,
                              DESK_CHANNEL_ERROR_RATE_LIMIT))
        {
          return_error (task, error);
          return;
        }
      job->create_error = g_error_copy (error);
      check_existing_record (task);
      return;
    }

  if (g_strcmp0 (uri, job->expected_uri) != 0)
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("Bluesky stored the reply somewhere else "
                                  "than asked (%s)."),
                               uri ? uri : "?");
      return;
    }
  g_task_return_pointer (task, g_strdup (uri), g_free);
}

static void
step_create (GTask *task)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (JsonNode) input = build_post (self, job);

  _desk_bluesky_channel_call (task, "com.atproto.repo.createRecord", NULL,
                              input, DESK_BLUESKY_CALL_AUTH, on_created_cb);
}

static void
send_public (GTask *task)
{
  SendJob *job = g_task_get_task_data (task);
  const char *parent = job->entry->in_reply_to ? job->entry->in_reply_to
                                               : job->entry->thread_remote_id;
  g_autoptr (GString) query = g_string_new (NULL);

  if (!desk_bluesky_parse_at_uri (parent, NULL, NULL, NULL))
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
          _ ("The post to answer has no Bluesky address."));
      return;
    }

  desk_bluesky_query_add (query, "uris", parent);
  _desk_bluesky_channel_call (task, "app.bsky.feed.getPosts", query->str, NULL,
                              DESK_BLUESKY_CALL_AUTH, on_parent_cb);
}

/* Private replies */

static void
on_message_sent_cb (GTask *task,
                    JsonNode *result,
                    const char *xrpc_error,
                    const GError *error)
{
  SendJob *job = g_task_get_task_data (task);
  const char *id
      = desk_bluesky_json_string (desk_bluesky_node_object (result), "id");

  if (error != NULL)
    {
      if (g_error_matches (error, DESK_CHANNEL_ERROR,
                           DESK_CHANNEL_ERROR_NOT_SUPPORTED))
        _desk_bluesky_channel_mark_chat_unavailable (
            g_task_get_source_object (task), FALSE);
      return_error (task, error);
      return;
    }
  if (id == NULL || *id == '\0')
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("Bluesky sent the message without an id."));
      return;
    }
  g_task_return_pointer (
      task, _desk_bluesky_chat_message_id (job->convo_id, id), g_free);
}

static void
step_send_message (GTask *task)
{
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) input = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "convoId");
  json_builder_add_string_value (builder, job->convo_id);
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, job->entry->body);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  input = json_builder_get_root (builder);

  _desk_bluesky_channel_call (task, "chat.bsky.convo.sendMessage", NULL, input,
                              DESK_BLUESKY_CALL_AUTH | DESK_BLUESKY_CALL_CHAT,
                              on_message_sent_cb);
}

static void
on_recent_messages_cb (GTask *task,
                       JsonNode *result,
                       const char *xrpc_error,
                       const GError *error)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SendJob *job = g_task_get_task_data (task);
  JsonArray *messages;
  guint len;

  if (error != NULL)
    {
      /* Sending blind could post twice; try again later. */
      return_error (task, error);
      return;
    }

  messages
      = desk_bluesky_json_array (desk_bluesky_node_object (result), "messages");
  len = messages ? json_array_get_length (messages) : 0;
  for (guint i = 0; i < len; i++)
    {
      g_autoptr (DeskBlueskyChatMessage) message
          = desk_bluesky_chat_message_parse (
              job->convo_id, json_array_get_element (messages, i), NULL);

      if (message != NULL && g_strcmp0 (message->sender_did, self->did) == 0
          && g_strcmp0 (message->text, job->entry->body) == 0)
        {
          g_debug ("message already in %s as %s", job->convo_id, message->id);
          g_task_return_pointer (
              task, _desk_bluesky_chat_message_id (job->convo_id, message->id),
              g_free);
          return;
        }
    }

  step_send_message (task);
}

static void
step_check_or_send (GTask *task)
{
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = NULL;

  /* attempts counts the tries before this one: after an unclear result
   * the message may be there already. */
  if (job->entry->attempts == 0)
    {
      step_send_message (task);
      return;
    }

  query = g_string_new (NULL);
  desk_bluesky_query_add (query, "convoId", job->convo_id);
  desk_bluesky_query_add (query, "limit", "50");
  _desk_bluesky_channel_call (
      task, "chat.bsky.convo.getMessages", query->str, NULL,
      DESK_BLUESKY_CALL_AUTH | DESK_BLUESKY_CALL_CHAT, on_recent_messages_cb);
}

static void
on_convo_for_member_cb (GTask *task,
                        JsonNode *result,
                        const char *xrpc_error,
                        const GError *error)
{
  SendJob *job = g_task_get_task_data (task);
  const char *id = desk_bluesky_json_string (
      desk_bluesky_json_object (desk_bluesky_node_object (result), "convo"),
      "id");

  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  if (id == NULL || *id == '\0')
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("Bluesky sent a chat without an id."));
      return;
    }
  job->convo_id = g_strdup (id);
  step_check_or_send (task);
}

static void
send_private (GTask *task)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = NULL;

  if (self->chat_unavailable
      && desk_clock_get_now (desk_channel_get_clock (DESK_CHANNEL (self)))
             < self->chat_retry_at)
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED,
          _ ("Bluesky direct messages are not available for this account."));
      return;
    }

  job->convo_id
      = _desk_bluesky_chat_convo_from_thread (job->entry->thread_remote_id);
  if (job->convo_id != NULL)
    {
      step_check_or_send (task);
      return;
    }

  /* Moving a public case to a private chat: the chat with the customer. */
  if (job->entry->recipient_remote_id == NULL
      || !g_str_has_prefix (job->entry->recipient_remote_id, "did:"))
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("The customer has no Bluesky account to "
                                  "write to."));
      return;
    }
  query = g_string_new (NULL);
  desk_bluesky_query_add (query, "members", job->entry->recipient_remote_id);
  _desk_bluesky_channel_call (
      task, "chat.bsky.convo.getConvoForMembers", query->str, NULL,
      DESK_BLUESKY_CALL_AUTH | DESK_BLUESKY_CALL_CHAT, on_convo_for_member_cb);
}

static void
start_send (GTask *task)
{
  SendJob *job = g_task_get_task_data (task);

  if (job->entry->kind == DESK_CONVERSATION_KIND_PRIVATE)
    send_private (task);
  else
    send_public (task);
}

void
_desk_bluesky_channel_send_async (DeskChannel *channel,
                                  const DeskOutboxEntry *entry,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  DeskBlueskyChannel *self = DESK_BLUESKY_CHANNEL (channel);
  g_autoptr (GTask) task
      = g_task_new (channel, cancellable, callback, user_data);
  gboolean private_reply = entry->kind == DESK_CONVERSATION_KIND_PRIVATE;
  guint limit = private_reply ? DESK_BLUESKY_MAX_CHAT_GRAPHEMES
                              : DESK_BLUESKY_MAX_POST_GRAPHEMES;
  SendJob *job;

  g_task_set_source_tag (task, _desk_bluesky_channel_send_async);

  if (entry->body == NULL || !g_utf8_validate (entry->body, -1, NULL)
      || *entry->body == '\0')
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("The reply is empty."));
      return;
    }
  if (desk_bluesky_count_graphemes (entry->body) > limit)
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_TOO_LONG,
          _ ("Bluesky allows at most %u characters here."), limit);
      return;
    }

  job = g_new0 (SendJob, 1);
  job->entry = desk_outbox_entry_copy (entry);
  job->rkey = desk_bluesky_tid_from_key (entry->idempotency_key);
  job->expected_uri = g_strdup_printf ("at://%s/%s/%s", self->did,
                                       POST_COLLECTION, job->rkey);
  job->facets = desk_bluesky_detect_facets (entry->body);
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);

  _desk_bluesky_channel_ensure_session (task, start_send);
}

char *
_desk_bluesky_channel_send_finish (DeskChannel *channel,
                                   GAsyncResult *result,
                                   GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, channel), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Hiding a reply */

static JsonNode *
build_gate (DeskBlueskyChannel *self, ModerateJob *job, GError **error)
{
  g_autoptr (JsonObject) record = json_object_new ();
  g_autoptr (JsonArray) hidden = json_array_new ();
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  JsonArray *old_hidden = desk_bluesky_json_array (job->gate, "hiddenReplies");
  guint len = old_hidden ? json_array_get_length (old_hidden) : 0;
  g_autofree char *now = desk_bluesky_format_datetime (g_get_real_time ());
  JsonNode *node;

  /* Keep everything the gate says (who may reply, detached quotes);
   * change only the hidden replies. */
  if (job->gate != NULL)
    {
      g_autoptr (GList) members = json_object_get_members (job->gate);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (
            record, l->data,
            json_node_copy (json_object_get_member (job->gate, l->data)));
    }

  for (guint i = 0; i < len; i++)
    {
      const char *uri = json_array_get_string_element (old_hidden, i);

      if (uri != NULL && g_strcmp0 (uri, job->reply_uri) != 0)
        json_array_add_string_element (hidden, uri);
    }
  if (job->hide)
    json_array_add_string_element (hidden, job->reply_uri);
  if (json_array_get_length (hidden) > MAX_HIDDEN_REPLIES)
    {
      g_set_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_FAILED,
                   _ ("Bluesky hides at most %d replies per thread."),
                   MAX_HIDDEN_REPLIES);
      return NULL;
    }

  json_object_set_string_member (record, "$type", GATE_COLLECTION);
  json_object_set_string_member (record, "post", job->root_uri);
  if (desk_bluesky_json_string (record, "createdAt") == NULL)
    json_object_set_string_member (record, "createdAt", now);
  json_object_set_array_member (record, "hiddenReplies",
                                g_steal_pointer (&hidden));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "repo");
  json_builder_add_string_value (builder, self->did);
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, GATE_COLLECTION);
  json_builder_set_member_name (builder, "rkey");
  json_builder_add_string_value (builder, job->root_rkey);
  json_builder_set_member_name (builder, "record");
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, record);
  json_builder_add_value (builder, node);
  /* Someone else changing the gate meanwhile makes this fail instead of
   * undoing their change. */
  json_builder_set_member_name (builder, "swapRecord");
  if (job->gate_cid != NULL)
    json_builder_add_string_value (builder, job->gate_cid);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
on_gate_written_cb (GTask *task,
                    JsonNode *result,
                    const char *xrpc_error,
                    const GError *error)
{
  ModerateJob *job = g_task_get_task_data (task);

  if (error != NULL && g_strcmp0 (xrpc_error, "InvalidSwap") == 0
      && job->attempts < 3)
    {
      step_read_gate (task);
      return;
    }
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_gate_read_cb (GTask *task,
                 JsonNode *result,
                 const char *xrpc_error,
                 const GError *error)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  ModerateJob *job = g_task_get_task_data (task);
  JsonObject *object = desk_bluesky_node_object (result);
  g_autoptr (JsonNode) input = NULL;
  g_autoptr (GError) build_error = NULL;

  g_clear_pointer (&job->gate, json_object_unref);
  g_clear_pointer (&job->gate_cid, g_free);
  if (error != NULL
      && !g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE))
    {
      return_error (task, error);
      return;
    }
  if (error == NULL)
    {
      JsonObject *value = desk_bluesky_json_object (object, "value");

      if (value != NULL)
        job->gate = json_object_ref (value);
      job->gate_cid = g_strdup (desk_bluesky_json_string (object, "cid"));
    }

  input = build_gate (self, job, &build_error);
  if (input == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&build_error));
      return;
    }
  _desk_bluesky_channel_call (task, "com.atproto.repo.putRecord", NULL, input,
                              DESK_BLUESKY_CALL_AUTH, on_gate_written_cb);
}

static void
step_read_gate (GTask *task)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  ModerateJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);

  job->attempts++;
  desk_bluesky_query_add (query, "repo", self->did);
  desk_bluesky_query_add (query, "collection", GATE_COLLECTION);
  desk_bluesky_query_add (query, "rkey", job->root_rkey);
  _desk_bluesky_channel_call (task, "com.atproto.repo.getRecord", query->str,
                              NULL, DESK_BLUESKY_CALL_AUTH, on_gate_read_cb);
}

static void
on_reply_cb (GTask *task,
             JsonNode *result,
             const char *xrpc_error,
             const GError *error)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  ModerateJob *job = g_task_get_task_data (task);
  JsonArray *posts;
  g_autoptr (DeskBlueskyPost) reply = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *root_owner = NULL;

  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  posts = desk_bluesky_json_array (desk_bluesky_node_object (result), "posts");
  if (posts == NULL || json_array_get_length (posts) == 0)
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_GONE,
                               _ ("The reply was deleted on Bluesky."));
      return;
    }
  reply = desk_bluesky_post_parse_view (json_array_get_element (posts, 0), NULL,
                                        &parse_error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&parse_error));
      return;
    }

  if (reply->root_uri == NULL)
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED,
          _ ("Only replies can be hidden on Bluesky, and this post is none."));
      return;
    }
  if (!desk_bluesky_parse_at_uri (reply->root_uri, &root_owner, NULL,
                                  &job->root_rkey)
      || g_strcmp0 (root_owner, self->did) != 0)
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED,
          _ ("Bluesky lets you hide replies only in threads that start with "
             "a post of your own."));
      return;
    }

  job->root_uri = g_strdup (reply->root_uri);
  step_read_gate (task);
}

static void
start_moderate (GTask *task)
{
  ModerateJob *job = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);

  desk_bluesky_query_add (query, "uris", job->reply_uri);
  _desk_bluesky_channel_call (task, "app.bsky.feed.getPosts", query->str, NULL,
                              DESK_BLUESKY_CALL_AUTH, on_reply_cb);
}

void
_desk_bluesky_channel_moderate_async (DeskChannel *channel,
                                      const char *remote_id,
                                      gboolean hide,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (GTask) task
      = g_task_new (channel, cancellable, callback, user_data);
  ModerateJob *job;

  g_task_set_source_tag (task, _desk_bluesky_channel_moderate_async);

  if (!desk_bluesky_parse_at_uri (remote_id, NULL, NULL, NULL))
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED,
          _ ("Only public replies can be hidden on Bluesky."));
      return;
    }

  job = g_new0 (ModerateJob, 1);
  job->reply_uri = g_strdup (remote_id);
  job->hide = hide;
  g_task_set_task_data (task, job, (GDestroyNotify) moderate_job_free);

  _desk_bluesky_channel_ensure_session (task, start_moderate);
}

gboolean
_desk_bluesky_channel_moderate_finish (DeskChannel *channel,
                                       GAsyncResult *result,
                                       GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, channel), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
