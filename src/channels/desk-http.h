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

/* Seconds a request may take before it counts as failed (NETWORK). */
#define DESK_HTTP_TIMEOUT_SECONDS 30
/* Longest wait a server can impose with Retry-After; more is nonsense. */
#define DESK_HTTP_MAX_WAIT_SECONDS (24 * 3600)

DeskHttp *desk_http_new (void);
/* @clock decides "now" for Retry-After dates and rate-limit windows. */
DeskHttp *desk_http_new_with_clock (DeskClock *clock);
SoupSession *desk_http_get_session (DeskHttp *self);
DeskClock *desk_http_get_clock (DeskHttp *self);

/* Sends @message (Accept: application/json is added) and parses the body
 * as JSON. On HTTP errors the error is DESK_CHANNEL_ERROR_* (AUTH for
 * 401/403, GONE for 404/410, RATE_LIMIT for 429 — the wait is then in
 * desk_http_retry_after() of the message and in
 * desk_http_get_blocked_until() —, NETWORK for 408, 5xx, timeouts,
 * connection failures and certificates that cannot be verified, INVALID
 * for other 4xx and for a body that is not JSON). A body-less success
 * gives a JSON null node.
 *
 * While a server's rate limit lasts (429, or X-RateLimit-Remaining: 0),
 * requests to that host fail with RATE_LIMIT at once, without touching
 * the network, so no caller can hammer it. */
void desk_http_send_json_async (DeskHttp *self,
                                SoupMessage *message,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
/* @message (optional) receives a reference to the message that was sent,
 * for its status and headers, also when an error is returned. */
JsonNode *desk_http_send_json_finish (DeskHttp *self,
                                      GAsyncResult *result,
                                      SoupMessage **message,
                                      GError **error);

/* Seconds to wait from Retry-After (seconds or an HTTP date) or, when the
 * answer is 429 or X-RateLimit-Remaining is 0, from X-RateLimit-Reset
 * (ISO 8601, unix time or seconds); 0 when absent. */
guint desk_http_retry_after (SoupMessage *message, gint64 now);
/* Exponential backoff with jitter for attempt @attempt (1, 2, …): between
 * half and all of 2, 4, 8 … seconds, at most 15 minutes. @rand may be
 * NULL for the global generator. */
guint desk_http_backoff_seconds (guint attempt, GRand *rand);

/* Unix time until which @host (as in a URI: "host" or "host:port") is
 * rate-limited; 0 when it is not. */
gint64 desk_http_get_blocked_until (DeskHttp *self, const char *host);

/* The target of the Link header entry with relation @rel ("next",
 * "prev"), resolved against the message's URI; NULL when absent. */
char *desk_http_get_link (SoupMessage *message, const char *rel);

/* Small helpers so every network builds requests the same way. */
void desk_http_set_bearer (SoupMessage *message, const char *token);
void desk_http_set_json_body (SoupMessage *message, JsonNode *body);

/* Reads string member @name of @object; NULL when it is absent, null or
 * not a string (a mistyped field is treated as a missing one). */
const char *desk_json_get_string (JsonObject *object, const char *name);
/* Reads an object member; NULL when absent or not an object. */
JsonObject *desk_json_get_object (JsonObject *object, const char *name);
/* Reads an array member; NULL when absent or not an array. */
JsonArray *desk_json_get_array (JsonObject *object, const char *name);
/* Reads an integer member (also a number in a string); @fallback when
 * absent or mistyped. */
gint64
desk_json_get_int (JsonObject *object, const char *name, gint64 fallback);

G_END_DECLS
