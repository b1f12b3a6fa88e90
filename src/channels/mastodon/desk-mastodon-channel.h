/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "channels/desk-channel.h"
#include "channels/desk-http.h"
#include "channels/desk-secrets.h"

G_BEGIN_DECLS

/* The keyring kinds a Mastodon account uses. */
#define DESK_MASTODON_SECRET_ACCESS_TOKEN "access-token"
#define DESK_MASTODON_SECRET_CLIENT_ID "client-id"
#define DESK_MASTODON_SECRET_CLIENT_SECRET "client-secret"

#define DESK_TYPE_MASTODON_CHANNEL (desk_mastodon_channel_get_type ())

G_DECLARE_FINAL_TYPE (DeskMastodonChannel,
                      desk_mastodon_channel,
                      DESK,
                      MASTODON_CHANNEL,
                      DeskChannel)

/* A channel for the Mastodon account @own_account_id on @server_url
 * ("https://mastodon.social"), stored as @account_id. The access token
 * is read from @secrets (DESK_MASTODON_SECRET_ACCESS_TOKEN). */
DeskChannel *desk_mastodon_channel_new (gint64 account_id,
                                        const char *server_url,
                                        const char *own_account_id,
                                        DeskHttp *http,
                                        DeskSecrets *secrets,
                                        DeskClock *clock);

const char *desk_mastodon_channel_get_server_url (DeskMastodonChannel *self);
const char *
desk_mastodon_channel_get_own_account_id (DeskMastodonChannel *self);

/* Live updates over the streaming API (on by default; they start after
 * the first successful sync). Off: the sync service's polling only. */
gboolean desk_mastodon_channel_get_live (DeskMastodonChannel *self);
void desk_mastodon_channel_set_live (DeskMastodonChannel *self, gboolean live);
/* Whether the stream is connected right now. */
gboolean desk_mastodon_channel_get_streaming (DeskMastodonChannel *self);

/* Unix time until which the server asked not to be contacted (429,
 * Retry-After, X-RateLimit-Reset); 0 when it did not. Requests before
 * then fail with DESK_CHANNEL_ERROR_RATE_LIMIT without network traffic. */
gint64 desk_mastodon_channel_get_retry_at (DeskMastodonChannel *self);

G_END_DECLS
