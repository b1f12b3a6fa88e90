/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-bluesky-channel.h"
#include "desk-bluesky-client.h"
#include "desk-bluesky-parse.h"
#include "desk-bluesky-text.h"

G_BEGIN_DECLS

struct _DeskBlueskyChannel
{
  DeskChannel parent_instance;

  DeskHttp *http;
  DeskSecrets *secrets;
  DeskBlueskyClient *client;
  char *service_url;
  char *did;
  char **languages;
  gulong tokens_changed_handler;

  gboolean session_loaded;
  /* Direct messages: unknown until the first sync asks the server. */
  gboolean chat_unavailable;
  gboolean chat_warned;
  gint64 chat_retry_at;
};

/* One step of a multi-request operation: called with the answer of the
 * request before it, or its error. The task carries the operation's
 * state as task data and finishes the operation on error. */
typedef void (*DeskBlueskyStep) (GTask *task,
                                 JsonNode *result,
                                 const char *xrpc_error,
                                 const GError *error);
typedef void (*DeskBlueskyThen) (GTask *task);

void _desk_bluesky_channel_call (GTask *task,
                                 const char *nsid,
                                 const char *query,
                                 JsonNode *input,
                                 DeskBlueskyCallFlags flags,
                                 DeskBlueskyStep step);
void _desk_bluesky_channel_ensure_session (GTask *task, DeskBlueskyThen then);
void _desk_bluesky_channel_mark_chat_unavailable (DeskBlueskyChannel *self,
                                                  gboolean transient);
char *_desk_bluesky_chat_thread_id (const char *convo_id);
char *_desk_bluesky_chat_message_id (const char *convo_id, const char *id);
char *_desk_bluesky_chat_convo_from_thread (const char *thread_remote_id);

/* desk-bluesky-channel-send.c */
void _desk_bluesky_channel_send_async (DeskChannel *channel,
                                       const DeskOutboxEntry *entry,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
char *_desk_bluesky_channel_send_finish (DeskChannel *channel,
                                         GAsyncResult *result,
                                         GError **error);
void _desk_bluesky_channel_moderate_async (DeskChannel *channel,
                                           const char *remote_id,
                                           gboolean hide,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
gboolean _desk_bluesky_channel_moderate_finish (DeskChannel *channel,
                                                GAsyncResult *result,
                                                GError **error);

/* desk-bluesky-channel-sync.c */
void _desk_bluesky_channel_sync_async (DeskChannel *channel,
                                       const char *cursor,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
DeskSyncBatch *_desk_bluesky_channel_sync_finish (DeskChannel *channel,
                                                  GAsyncResult *result,
                                                  GError **error);

G_END_DECLS
