/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-bluesky-parse"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "channels/desk-channel.h"

#include "desk-bluesky-parse.h"
#include "desk-bluesky-text.h"

#define POST_TYPE "app.bsky.feed.post"
#define THREAD_VIEW_TYPE "app.bsky.feed.defs#threadViewPost"
#define NOT_FOUND_TYPE "app.bsky.feed.defs#notFoundPost"
#define MESSAGE_VIEW_TYPE "chat.bsky.convo.defs#messageView"

void
desk_bluesky_profile_free (DeskBlueskyProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->did);
  g_free (profile->handle);
  g_free (profile->display_name);
  g_free (profile->avatar);
  g_free (profile->description);
  g_free (profile);
}

void
desk_bluesky_post_free (DeskBlueskyPost *post)
{
  if (post == NULL)
    return;
  g_free (post->uri);
  g_free (post->cid);
  g_free (post->author_did);
  g_free (post->text);
  g_free (post->root_uri);
  g_free (post->root_cid);
  g_free (post->parent_uri);
  g_free (post->parent_cid);
  g_free (post);
}

void
desk_bluesky_notification_free (DeskBlueskyNotification *notification)
{
  if (notification == NULL)
    return;
  g_free (notification->reason);
  g_free (notification->indexed_at);
  desk_bluesky_profile_free (notification->author);
  desk_bluesky_post_free (notification->post);
  g_free (notification);
}

void
desk_bluesky_chat_message_free (DeskBlueskyChatMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->convo_id);
  g_free (message->id);
  g_free (message->sender_did);
  g_free (message->text);
  g_free (message);
}

const char *
desk_bluesky_json_string (JsonObject *object, const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
desk_bluesky_node_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonObject *
desk_bluesky_json_object (JsonObject *object, const char *member)
{
  if (object == NULL)
    return NULL;
  return desk_bluesky_node_object (json_object_get_member (object, member));
}

JsonArray *
desk_bluesky_json_array (JsonObject *object, const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL
      || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

gint64
desk_bluesky_json_int (JsonObject *object, const char *member)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, member)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (node);
}

gint64
desk_bluesky_parse_datetime_usec (const char *text)
{
  g_autoptr (GDateTime) time = NULL;

  if (text == NULL || *text == '\0')
    return -1;
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return -1;
  return g_date_time_to_unix (time) * G_USEC_PER_SEC
         + g_date_time_get_microsecond (time);
}

static gpointer
invalid (GError **error, const char *what)
{
  g_set_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
               _ ("Bluesky sent an item without a valid %s."), what);
  return NULL;
}

static gboolean
is_did (const char *text)
{
  return text != NULL && g_str_has_prefix (text, "did:") && text[4] != '\0';
}

DeskBlueskyProfile *
desk_bluesky_profile_parse (JsonNode *node, GError **error)
{
  JsonObject *object = desk_bluesky_node_object (node);
  g_autoptr (DeskBlueskyProfile) profile = NULL;
  const char *did = desk_bluesky_json_string (object, "did");
  const char *handle = desk_bluesky_json_string (object, "handle");
  const char *name = desk_bluesky_json_string (object, "displayName");

  if (!is_did (did))
    return invalid (error, "profile id");
  if (handle == NULL || *handle == '\0' || !g_utf8_validate (handle, -1, NULL))
    return invalid (error, "handle");

  profile = g_new0 (DeskBlueskyProfile, 1);
  profile->did = g_strdup (did);
  profile->handle = g_strdup (handle);
  if (name != NULL && *name != '\0' && g_utf8_validate (name, -1, NULL))
    profile->display_name = g_strdup (name);
  profile->avatar = g_strdup (desk_bluesky_json_string (object, "avatar"));
  profile->description
      = g_strdup (desk_bluesky_json_string (object, "description"));
  profile->followers = desk_bluesky_json_int (object, "followersCount");
  return g_steal_pointer (&profile);
}

static gboolean
parse_strong_ref (JsonObject *reply, const char *member, char **uri, char **cid)
{
  JsonObject *ref = desk_bluesky_json_object (reply, member);
  const char *ref_uri = desk_bluesky_json_string (ref, "uri");
  const char *ref_cid = desk_bluesky_json_string (ref, "cid");

  if (!desk_bluesky_parse_at_uri (ref_uri, NULL, NULL, NULL) || ref_cid == NULL
      || *ref_cid == '\0')
    return FALSE;
  *uri = g_strdup (ref_uri);
  *cid = g_strdup (ref_cid);
  return TRUE;
}

/* A post record (app.bsky.feed.post) at @uri. */
DeskBlueskyPost *
desk_bluesky_post_parse_record (const char *uri,
                                const char *cid,
                                JsonNode *record,
                                GError **error)
{
  JsonObject *object = desk_bluesky_node_object (record);
  g_autoptr (DeskBlueskyPost) post = NULL;
  g_autofree char *authority = NULL;
  const char *type = desk_bluesky_json_string (object, "$type");
  const char *text = desk_bluesky_json_string (object, "text");
  JsonObject *reply;

  if (!desk_bluesky_parse_at_uri (uri, &authority, NULL, NULL)
      || !is_did (authority))
    return invalid (error, "address");
  if (cid == NULL || *cid == '\0')
    return invalid (error, "content id");
  if (object == NULL || g_strcmp0 (type, POST_TYPE) != 0)
    return invalid (error, "post");
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid (error, "text");

  post = g_new0 (DeskBlueskyPost, 1);
  post->uri = g_strdup (uri);
  post->cid = g_strdup (cid);
  post->author_did = g_steal_pointer (&authority);
  post->text = g_strdup (text);
  post->created_at = desk_bluesky_parse_datetime (
      desk_bluesky_json_string (object, "createdAt"));

  reply = desk_bluesky_json_object (object, "reply");
  if (reply != NULL
      && (!parse_strong_ref (reply, "root", &post->root_uri, &post->root_cid)
          || !parse_strong_ref (reply, "parent", &post->parent_uri,
                                &post->parent_cid)))
    return invalid (error, "reply reference");

  return g_steal_pointer (&post);
}

/* A postView (app.bsky.feed.defs#postView), with its author. */
DeskBlueskyPost *
desk_bluesky_post_parse_view (JsonNode *node,
                              DeskBlueskyProfile **author,
                              GError **error)
{
  JsonObject *object = desk_bluesky_node_object (node);
  g_autoptr (DeskBlueskyPost) post = NULL;
  g_autoptr (DeskBlueskyProfile) profile = NULL;

  if (object == NULL)
    return invalid (error, "post");

  profile = desk_bluesky_profile_parse (
      json_object_get_member (object, "author"), error);
  if (profile == NULL)
    return NULL;

  post = desk_bluesky_post_parse_record (
      desk_bluesky_json_string (object, "uri"),
      desk_bluesky_json_string (object, "cid"),
      json_object_get_member (object, "record"), error);
  if (post == NULL)
    return NULL;
  if (g_strcmp0 (post->author_did, profile->did) != 0)
    return invalid (error, "author");

  if (post->created_at <= 0)
    post->created_at = desk_bluesky_parse_datetime (
        desk_bluesky_json_string (object, "indexedAt"));
  if (post->created_at <= 0)
    return invalid (error, "time");

  if (author != NULL)
    *author = g_steal_pointer (&profile);
  return g_steal_pointer (&post);
}

/* One item of listNotifications. For reasons other than posts (likes,
 * follows) ->post is NULL. */
DeskBlueskyNotification *
desk_bluesky_notification_parse (JsonNode *node, GError **error)
{
  JsonObject *object = desk_bluesky_node_object (node);
  g_autoptr (DeskBlueskyNotification) notification = NULL;
  const char *reason = desk_bluesky_json_string (object, "reason");
  const char *indexed_at = desk_bluesky_json_string (object, "indexedAt");
  JsonObject *record;

  if (object == NULL || reason == NULL)
    return invalid (error, "notification");

  notification = g_new0 (DeskBlueskyNotification, 1);
  notification->reason = g_strdup (reason);
  notification->indexed_at = g_strdup (indexed_at);
  notification->indexed_at_usec = desk_bluesky_parse_datetime_usec (indexed_at);
  if (notification->indexed_at_usec < 0)
    return invalid (error, "time");

  notification->author = desk_bluesky_profile_parse (
      json_object_get_member (object, "author"), error);
  if (notification->author == NULL)
    return NULL;

  record = desk_bluesky_json_object (object, "record");
  if (g_strcmp0 (desk_bluesky_json_string (record, "$type"), POST_TYPE) == 0)
    {
      notification->post = desk_bluesky_post_parse_record (
          desk_bluesky_json_string (object, "uri"),
          desk_bluesky_json_string (object, "cid"),
          json_object_get_member (object, "record"), error);
      if (notification->post == NULL)
        return NULL;
      if (g_strcmp0 (notification->post->author_did, notification->author->did)
          != 0)
        return invalid (error, "author");
      if (notification->post->created_at <= 0)
        notification->post->created_at
            = notification->indexed_at_usec / G_USEC_PER_SEC;
    }

  return g_steal_pointer (&notification);
}

/* The posts from the thread's root down to the post getPostThread was
 * asked for, root first; their authors are appended to @authors.
 * *@complete is FALSE when a post above was deleted or blocked, so the
 * chain does not reach the root. Fails with DESK_CHANNEL_ERROR_GONE when
 * the post itself no longer exists. */
GPtrArray *
desk_bluesky_thread_parse_chain (JsonNode *thread,
                                 GPtrArray *authors,
                                 gboolean *complete,
                                 GError **error)
{
  g_autoptr (GPtrArray) chain = NULL;
  JsonObject *item = desk_bluesky_node_object (thread);
  guint depth = 0;

  g_return_val_if_fail (authors != NULL, NULL);
  g_return_val_if_fail (complete != NULL, NULL);

  *complete = TRUE;
  chain = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_bluesky_post_free);

  while (item != NULL && depth++ < 1000)
    {
      const char *type = desk_bluesky_json_string (item, "$type");
      DeskBlueskyProfile *author = NULL;
      DeskBlueskyPost *post;

      if (g_strcmp0 (type, THREAD_VIEW_TYPE) != 0)
        {
          /* notFoundPost, blockedPost, or a type from the future. */
          if (chain->len == 0)
            {
              g_set_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE,
                           _ ("The post was deleted."));
              return NULL;
            }
          *complete = FALSE;
          break;
        }

      post = desk_bluesky_post_parse_view (
          json_object_get_member (item, "post"), &author, error);
      if (post == NULL)
        {
          if (chain->len == 0)
            return NULL;
          g_clear_error (error);
          *complete = FALSE;
          break;
        }
      g_ptr_array_insert (chain, 0, post);
      g_ptr_array_add (authors, author);

      item = desk_bluesky_json_object (item, "parent");
      if (item == NULL && post->root_uri != NULL)
        *complete = FALSE; /* parentHeight ran out before the root */
    }

  return g_steal_pointer (&chain);
}

/* A messageView of a chat; deleted and system messages fail with
 * DESK_CHANNEL_ERROR_GONE so callers can skip them quietly. */
DeskBlueskyChatMessage *
desk_bluesky_chat_message_parse (const char *convo_id,
                                 JsonNode *node,
                                 GError **error)
{
  JsonObject *object = desk_bluesky_node_object (node);
  g_autoptr (DeskBlueskyChatMessage) message = NULL;
  const char *type = desk_bluesky_json_string (object, "$type");
  const char *id = desk_bluesky_json_string (object, "id");
  const char *text = desk_bluesky_json_string (object, "text");
  const char *sender = desk_bluesky_json_string (
      desk_bluesky_json_object (object, "sender"), "did");

  if (object == NULL || convo_id == NULL || *convo_id == '\0')
    return invalid (error, "message");
  if (type != NULL && g_strcmp0 (type, MESSAGE_VIEW_TYPE) != 0)
    {
      g_set_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE,
                   _ ("The message was deleted."));
      return NULL;
    }
  if (id == NULL || *id == '\0' || strchr (id, '/') != NULL)
    return invalid (error, "message id");
  if (!is_did (sender))
    return invalid (error, "sender");
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid (error, "text");

  message = g_new0 (DeskBlueskyChatMessage, 1);
  message->convo_id = g_strdup (convo_id);
  message->id = g_strdup (id);
  message->sender_did = g_strdup (sender);
  message->text = g_strdup (text);
  message->sent_at = desk_bluesky_parse_datetime (
      desk_bluesky_json_string (object, "sentAt"));
  if (message->sent_at <= 0)
    return invalid (error, "time");
  return g_steal_pointer (&message);
}
