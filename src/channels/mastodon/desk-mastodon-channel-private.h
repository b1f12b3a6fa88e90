/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-mastodon-channel.h"
#include "desk-mastodon-status.h"
#include "desk-mastodon-stream.h"

G_BEGIN_DECLS

/* Shared by the files of DeskMastodonChannel: the type itself, its sync
 * (desk-mastodon-sync.c) and its sending (desk-mastodon-send.c). */
struct _DeskMastodonChannel
{
  DeskChannel parent_instance;

  char *server_url; /* "https://host[:port]", no trailing slash */
  char *own_account_id;
  DeskHttp *http;
  DeskSecrets *secrets;

  /* Read from the keyring once, dropped when the server rejects it; never
   * logged. */
  char *token;

  guint max_length;
  guint url_length;
  gboolean instance_loaded;
  char *streaming_url;

  gboolean live;
  DeskMastodonStream *stream;

  /* What earlier syncs of this run learnt, so a sync asks the server only
   * about what is new. Lost on restart, which costs a few requests. */
  GHashTable *thread_of;          /* status id → thread remote id */
  GHashTable *request_marks;      /* notification request id → last update */
  GHashTable *conversation_marks; /* conversation id → last status id */
  GHashTable *own_reported;       /* ids of our own statuses already synced */
  char *own_since;                /* newest of our statuses seen */
  gboolean requests_unsupported;
  gboolean conversations_unsupported;

  GCancellable *cancellable;
};

/* Requests relative to the server ("/api/v1/…"), or absolute URLs that
 * must point to the same server (Link headers), with the token. */
SoupMessage *_desk_mastodon_channel_new_request (DeskMastodonChannel *self,
                                                 const char *method,
                                                 const char *path_or_url,
                                                 GError **error);

/* Whether @url (absolute, or relative to the server) is on the server. */
gboolean _desk_mastodon_channel_is_server_url (DeskMastodonChannel *self,
                                               const char *url);

/* Makes sure the token is loaded from the keyring. */
void _desk_mastodon_channel_load_token_async (DeskMastodonChannel *self,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer user_data);
gboolean _desk_mastodon_channel_load_token_finish (DeskMastodonChannel *self,
                                                   GAsyncResult *result,
                                                   GError **error);

/* Reads the instance's limits and streaming address; failures keep the
 * defaults. */
void _desk_mastodon_channel_load_instance_async (DeskMastodonChannel *self,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
void _desk_mastodon_channel_load_instance_finish (DeskMastodonChannel *self,
                                                  GAsyncResult *result);

/* Called with every error a request produced: forgets a token the server
 * rejected and stops live updates with it. */
void _desk_mastodon_channel_note_error (DeskMastodonChannel *self,
                                        const GError *error);
/* Called after a successful sync: starts live updates if wanted. */
void _desk_mastodon_channel_sync_succeeded (DeskMastodonChannel *self);

gboolean _desk_mastodon_channel_is_own (DeskMastodonChannel *self,
                                        const DeskMastodonAccount *account);

void _desk_mastodon_channel_sync_async (DeskChannel *channel,
                                        const char *cursor,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
DeskSyncBatch *_desk_mastodon_channel_sync_finish (DeskChannel *channel,
                                                   GAsyncResult *result,
                                                   GError **error);
void _desk_mastodon_channel_send_async (DeskChannel *channel,
                                        const DeskOutboxEntry *entry,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
char *_desk_mastodon_channel_send_finish (DeskChannel *channel,
                                          GAsyncResult *result,
                                          GError **error);

G_END_DECLS
