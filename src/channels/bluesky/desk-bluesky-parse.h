/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Bluesky's JSON, validated into plain structs. A missing or mistyped
 * field fails that one item with DESK_CHANNEL_ERROR_INVALID, never more. */

typedef struct
{
  char *did;
  char *handle;
  char *display_name;
  char *avatar;
  char *description;
  gint64 followers; /* -1 when the view has no count */
} DeskBlueskyProfile;

typedef struct
{
  char *uri;
  char *cid;
  char *author_did;
  char *text;
  gint64 created_at; /* unix seconds */
  char *root_uri;    /* the thread's first post; NULL when not a reply */
  char *root_cid;
  char *parent_uri;
  char *parent_cid;
} DeskBlueskyPost;

typedef struct
{
  char *reason; /* "mention", "reply", "quote", "like", … */
  gint64 indexed_at_usec;
  char *indexed_at;
  DeskBlueskyProfile *author;
  DeskBlueskyPost *post; /* NULL unless the record is a post */
} DeskBlueskyNotification;

typedef struct
{
  char *convo_id;
  char *id;
  char *sender_did;
  char *text;
  gint64 sent_at; /* unix seconds */
} DeskBlueskyChatMessage;

void desk_bluesky_profile_free (DeskBlueskyProfile *profile);
void desk_bluesky_post_free (DeskBlueskyPost *post);
void desk_bluesky_notification_free (DeskBlueskyNotification *notification);
void desk_bluesky_chat_message_free (DeskBlueskyChatMessage *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBlueskyProfile, desk_bluesky_profile_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBlueskyPost, desk_bluesky_post_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBlueskyNotification,
                               desk_bluesky_notification_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBlueskyChatMessage,
                               desk_bluesky_chat_message_free)

DeskBlueskyProfile *desk_bluesky_profile_parse (JsonNode *node, GError **error);
DeskBlueskyPost *desk_bluesky_post_parse_record (const char *uri,
                                                 const char *cid,
                                                 JsonNode *record,
                                                 GError **error);
DeskBlueskyPost *desk_bluesky_post_parse_view (JsonNode *node,
                                               DeskBlueskyProfile **author,
                                               GError **error);
DeskBlueskyNotification *desk_bluesky_notification_parse (JsonNode *node,
                                                          GError **error);
GPtrArray *desk_bluesky_thread_parse_chain (JsonNode *thread,
                                            GPtrArray *authors,
                                            gboolean *complete,
                                            GError **error);
DeskBlueskyChatMessage *desk_bluesky_chat_message_parse (const char *convo_id,
                                                         JsonNode *node,
                                                         GError **error);

gint64 desk_bluesky_parse_datetime_usec (const char *text);

/* Members of the expected type, or NULL (-1 for numbers): JSON from a
 * server is never trusted to have the shape a lexicon promises. */
const char *desk_bluesky_json_string (JsonObject *object, const char *member);
JsonObject *desk_bluesky_json_object (JsonObject *object, const char *member);
JsonArray *desk_bluesky_json_array (JsonObject *object, const char *member);
gint64 desk_bluesky_json_int (JsonObject *object, const char *member);
JsonObject *desk_bluesky_node_object (JsonNode *node);

G_END_DECLS
