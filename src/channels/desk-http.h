/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "channels/desk-channel.h"

G_BEGIN_DECLS

/* The one HTTP client of the app: a shared SoupSession with a real
 * User-Agent, timeouts, TLS verification always on, JSON requests, and
 * errors mapped to DeskChannelError with plain-language messages. */
#define DESK_TYPE_HTTP (desk_http_get_type ())

G_DECLARE_FINAL_TYPE (DeskHttp, desk_http, DESK, HTTP, GObject)

DeskHttp *desk_http_new (void);
SoupSession *desk_http_get_session (DeskHttp *self);

/* Sends @message (Accept: application/json is added) and parses the body
 * as JSON. On HTTP errors the error is DESK_CHANNEL_ERROR_* (AUTH for
 * 401/403, GONE for 404/410, RATE_LIMIT for 429 with the wait in
 * *retry_after, NETWORK for 5xx, timeouts and connection failures,
 * INVALID for a body that is not the JSON expected). */
void desk_http_send_json_async (DeskHttp *self,
                                SoupMessage *message,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
JsonNode *desk_http_send_json_finish (DeskHttp *self,
                                      GAsyncResult *result,
                                      SoupMessage **message,
                                      GError **error);

/* Seconds to wait from Retry-After or X-RateLimit-Reset; 0 when absent. */
guint desk_http_retry_after (SoupMessage *message, gint64 now);
/* Exponential backoff with jitter for attempt @attempt (1, 2, …). */
guint desk_http_backoff_seconds (guint attempt, GRand *rand);

G_END_DECLS
