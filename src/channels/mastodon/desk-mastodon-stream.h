/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "channels/desk-http.h"

G_BEGIN_DECLS

#define DESK_TYPE_MASTODON_STREAM (desk_mastodon_stream_get_type ())

G_DECLARE_FINAL_TYPE (DeskMastodonStream,
                      desk_mastodon_stream,
                      DESK,
                      MASTODON_STREAM,
                      GObject)

/* The user's notification stream over a WebSocket: reconnects with
 * backoff after a drop, and gives up (the caller then relies on polling)
 * when the server has no streaming or refuses the sign-in. */
DeskMastodonStream *desk_mastodon_stream_new (DeskHttp *http,
                                              const char *base_url);

/* Connects with @token; restarts a stream that gave up. */
void desk_mastodon_stream_start (DeskMastodonStream *self, const char *token);
void desk_mastodon_stream_stop (DeskMastodonStream *self);
gboolean desk_mastodon_stream_get_connected (DeskMastodonStream *self);
/* TRUE after the stream stopped trying; polling is all there is then. */
gboolean desk_mastodon_stream_get_gave_up (DeskMastodonStream *self);
/* Connections made so far, for tests that drop one. */
guint desk_mastodon_stream_get_n_connects (DeskMastodonStream *self);

G_END_DECLS
