/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-bluesky-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "desk-bluesky-client.h"
#include "desk-bluesky-parse.h"

/* An XRPC client for one Bluesky account on its PDS. It sends through the
 * app's shared SoupSession, reads XRPC's error envelope ({"error": name,
 * "message": text}) and maps it to DeskChannelError, and keeps the session
 * alive: an access token that has expired, or is about to, is renewed
 * with the refresh token (one renewal at a time, callers wait for it),
 * and the call is sent again once. When renewal fails the caller gets
 * DESK_CHANNEL_ERROR_AUTH: only the user can sign in again, because
 * sign-ins are strictly rate-limited by the servers. */
struct _DeskBlueskyClient
{
  GObject parent_instance;

  DeskHttp *http;
  char *service_url;
  char *access_jwt;
  char *refresh_jwt;
  char *chat_proxy;
  GPtrArray *refresh_waiters; /* GTask, NULL when no renewal runs */
};

typedef struct
{
  char *nsid;
  char *query;
  JsonNode *input;
  DeskBlueskyCallFlags flags;
  gboolean renewed;
  char *xrpc_error; /* of the failed answer */
} Call;

G_DEFINE_FINAL_TYPE (DeskBlueskyClient, desk_bluesky_client, G_TYPE_OBJECT)

enum
{
  TOKENS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Renew this long before the token's own expiry, so a call sent just
 * before it does not fail on the way. */
#define EXPIRY_MARGIN_SECONDS 60

static void send_call (GTask *task);

static void
call_free (Call *call)
{
  g_free (call->nsid);
  g_free (call->query);
  g_clear_pointer (&call->input, json_node_unref);
  g_free (call->xrpc_error);
  g_free (call);
}

/* The claims of a JWT, without checking its signature: the client only
 * reads when it expires and what it may do. */
JsonObject *
desk_bluesky_jwt_decode (const char *jwt)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GString) b64 = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autofree guchar *payload = NULL;
  gsize len = 0;
  JsonNode *root;

  if (jwt == NULL)
    return NULL;

  parts = g_strsplit (jwt, ".", -1);
  if (g_strv_length (parts) != 3)
    return NULL;

  /* base64url without padding → base64 */
  b64 = g_string_new (parts[1]);
  g_strdelimit (b64->str, "-", '+');
  g_strdelimit (b64->str, "_", '/');
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  payload = g_base64_decode (b64->str, &len);
  if (payload == NULL || len == 0)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *) payload, (gssize) len,
                                   NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static gboolean
token_expires_soon (const char *jwt)
{
  g_autoptr (JsonObject) claims = desk_bluesky_jwt_decode (jwt);
  gint64 exp;

  if (claims == NULL || !json_object_has_member (claims, "exp"))
    return FALSE; /* the server will tell */

  exp = desk_bluesky_json_int (claims, "exp");
  return exp > 0
         && exp <= g_get_real_time () / G_USEC_PER_SEC + EXPIRY_MARGIN_SECONDS;
}

void
desk_bluesky_query_add (GString *query, const char *name, const char *value)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (query != NULL);
  g_return_if_fail (name != NULL);

  if (value == NULL)
    return;

  escaped = g_uri_escape_string (value, NULL, FALSE);
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "%s=%s", name, escaped);
}

/* The PDS names a token without the right ("Bad token scope", "Bad token
 * method": an app password without DM access) InvalidToken too; renewing
 * the session cannot help there. */
static gboolean
is_missing_permission (const char *xrpc_error, const char *server_message)
{
  return g_strcmp0 (xrpc_error, "InvalidToken") == 0 && server_message != NULL
         && g_str_has_prefix (server_message, "Bad token");
}

static gboolean
is_auth_error (guint status, const char *xrpc_error, const char *server_message)
{
  if (is_missing_permission (xrpc_error, server_message))
    return FALSE;
  return g_strcmp0 (xrpc_error, "ExpiredToken") == 0
         || g_strcmp0 (xrpc_error, "InvalidToken") == 0
         || (status == SOUP_STATUS_UNAUTHORIZED
             && g_strcmp0 (xrpc_error, "AuthFactorTokenRequired") != 0);
}

static guint
retry_after (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *reset;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint wait = desk_http_retry_after (message, now);

  if (wait > 0)
    return wait;

  /* Bluesky's servers name the end of the window in RateLimit-Reset
   * (unix seconds). */
  reset = soup_message_headers_get_one (headers, "RateLimit-Reset");
  if (reset != NULL)
    {
      gint64 at = g_ascii_strtoll (reset, NULL, 10);

      if (at > now)
        return (guint) MIN (at - now, 24 * 3600);
    }
  return 0;
}

static GError *
error_for_answer (SoupMessage *message,
                  const char *xrpc_error,
                  const char *server_message)
{
  guint status = soup_message_get_status (message);
  const char *detail
      = server_message != NULL && *server_message != '\0'
            ? server_message
            : (xrpc_error != NULL ? xrpc_error
                                  : soup_message_get_reason_phrase (message));

  if (status == 429 || g_strcmp0 (xrpc_error, "RateLimitExceeded") == 0)
    {
      guint wait = retry_after (message);

      if (wait > 0)
        return g_error_new (
            DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_RATE_LIMIT,
            _ ("Bluesky asks to wait %u seconds before the next request."),
            wait);
      return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_RATE_LIMIT,
                          _ ("Bluesky asks to wait before the next request."));
    }

  if (g_strcmp0 (xrpc_error, "AuthFactorTokenRequired") == 0)
    return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
                        _ ("This account asks for a sign-in code. Sign in "
                           "with an app password instead."));

  if (is_missing_permission (xrpc_error, server_message))
    return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED,
                        _ ("The app password does not allow this: %s"), detail);

  if (is_auth_error (status, xrpc_error, server_message)
      || status == SOUP_STATUS_FORBIDDEN
      || g_strcmp0 (xrpc_error, "AccountTakedown") == 0
      || g_strcmp0 (xrpc_error, "AuthRequired") == 0)
    return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
                        _ ("Bluesky did not accept the sign-in: %s"), detail);

  if (status == SOUP_STATUS_NOT_IMPLEMENTED
      || g_strcmp0 (xrpc_error, "MethodNotImplemented") == 0
      || g_strcmp0 (xrpc_error, "XRPCNotSupported") == 0)
    return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED,
                        _ ("The Bluesky server does not offer this: %s"),
                        detail);

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE
      || g_strcmp0 (xrpc_error, "RecordNotFound") == 0
      || g_strcmp0 (xrpc_error, "NotFound") == 0)
    return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE,
                        _ ("It no longer exists on Bluesky: %s"), detail);

  if (status >= 500 || status < 100)
    return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK,
                        _ ("The Bluesky server had a problem (%u): %s"), status,
                        detail);

  return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_FAILED,
                      _ ("Bluesky refused the request: %s"), detail);
}

static GError *
error_for_transport (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK,
                      _ ("Could not reach Bluesky: %s"), error->message);
}

/* Parses @bytes; an empty body is an empty object (procedures without
 * output answer with nothing). */
static JsonNode *
parse_body (GBytes *bytes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *root;

  if (len == 0)
    {
      JsonNode *empty = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (empty, json_object_new ());
      return empty;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                   _ ("Bluesky sent an answer that is not JSON."));
      return NULL;
    }
  return json_node_ref (root);
}

static void
finish_refresh (DeskBlueskyClient *self, const GError *error)
{
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (waiter, g_error_copy (error));
      else
        g_task_return_boolean (waiter, TRUE);
    }
}

static void
on_refresh_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskBlueskyClient) self = user_data;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *object;
  const char *access;
  const char *refresh;

  message = g_object_ref (
      soup_session_get_async_result_message (SOUP_SESSION (source), result));
  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                             &local_error);
  if (bytes == NULL)
    {
      error = error_for_transport (local_error);
      finish_refresh (self, error);
      return;
    }

  node = parse_body (bytes, &local_error);
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      const char *name
          = desk_bluesky_json_string (desk_bluesky_node_object (node), "error");
      guint status = soup_message_get_status (message);

      /* A refresh token that is expired, revoked or unknown ends the
       * session; everything else (an outage) leaves it for later. */
      if (status == 400 || status == 401 || status == 403)
        error = g_error_new (
            DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
            _ ("The Bluesky session has ended (%s). Sign in again."),
            name != NULL ? name : soup_message_get_reason_phrase (message));
      else
        error = error_for_answer (message, name, NULL);
      finish_refresh (self, error);
      return;
    }

  if (node == NULL)
    {
      finish_refresh (self, local_error);
      return;
    }

  object = json_node_get_object (node);
  access = desk_bluesky_json_string (object, "accessJwt");
  refresh = desk_bluesky_json_string (object, "refreshJwt");
  if (access == NULL || refresh == NULL)
    {
      error = g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                           _ ("Bluesky renewed the session without tokens."));
      finish_refresh (self, error);
      return;
    }

  desk_bluesky_client_set_tokens (self, access, refresh);
  g_signal_emit (self, signals[TOKENS_CHANGED], 0);
  finish_refresh (self, NULL);
}

static void
start_refresh (DeskBlueskyClient *self)
{
  g_autofree char *url = NULL;
  g_autofree char *bearer = NULL;
  g_autoptr (SoupMessage) message = NULL;
  SoupMessageHeaders *headers;

  url = g_strdup_printf ("%s/xrpc/com.atproto.server.refreshSession",
                         self->service_url);
  message = soup_message_new (SOUP_METHOD_POST, url);
  if (message == NULL)
    {
      g_autoptr (GError) error
          = g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                         _ ("The Bluesky server address is not valid."));
      finish_refresh (self, error);
      return;
    }

  headers = soup_message_get_request_headers (message);
  bearer = g_strdup_printf ("Bearer %s", self->refresh_jwt);
  soup_message_headers_replace (headers, "Authorization", bearer);
  soup_message_headers_replace (headers, "Accept", "application/json");

  /* Not cancellable: the server rotates the refresh token, so the answer
   * must be read even when the caller has gone. */
  soup_session_send_and_read_async (desk_http_get_session (self->http), message,
                                    G_PRIORITY_DEFAULT, NULL,
                                    on_refresh_done_cb, g_object_ref (self));
}

static void
on_call_response_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
on_renewed_for_call_cb (GObject *source,
                        GAsyncResult *result,
                        gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!desk_bluesky_client_refresh_finish (DESK_BLUESKY_CLIENT (source), result,
                                           &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  send_call (g_steal_pointer (&task));
}

static void
renew_then_send (GTask *task)
{
  DeskBlueskyClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  call->renewed = TRUE;
  desk_bluesky_client_refresh_async (self, g_task_get_cancellable (task),
                                     on_renewed_for_call_cb, task);
}

static void
send_call (GTask *task)
{
  DeskBlueskyClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr (GString) url = g_string_new (self->service_url);
  g_autoptr (SoupMessage) message = NULL;
  SoupMessageHeaders *headers;

  if ((call->flags & DESK_BLUESKY_CALL_AUTH) != 0)
    {
      if (self->access_jwt == NULL && self->refresh_jwt == NULL)
        {
          g_task_return_new_error (
              task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
              _ ("Not signed in to Bluesky. Sign in with an app password."));
          g_object_unref (task);
          return;
        }
      if (!call->renewed && self->refresh_jwt != NULL
          && (self->access_jwt == NULL
              || token_expires_soon (self->access_jwt)))
        {
          renew_then_send (task);
          return;
        }
    }

  g_string_append_printf (url, "/xrpc/%s", call->nsid);
  if (call->query != NULL && *call->query != '\0')
    g_string_append_printf (url, "?%s", call->query);

  message = soup_message_new (call->input ? SOUP_METHOD_POST : SOUP_METHOD_GET,
                              url->str);
  if (message == NULL)
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("The Bluesky server address is not valid."));
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if ((call->flags & DESK_BLUESKY_CALL_AUTH) != 0 && self->access_jwt != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", self->access_jwt);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if ((call->flags & DESK_BLUESKY_CALL_CHAT) != 0)
    soup_message_headers_replace (headers, "atproto-proxy", self->chat_proxy);

  if (call->input != NULL)
    {
      g_autoptr (GBytes) body = NULL;
      gsize len = 0;
      char *data = json_to_string (call->input, FALSE);

      len = strlen (data);
      body = g_bytes_new_take (data, len);
      soup_message_set_request_body_from_bytes (message, "application/json",
                                                body);
    }

  soup_session_send_and_read_async (
      desk_http_get_session (self->http), message, G_PRIORITY_DEFAULT,
      g_task_get_cancellable (task), on_call_response_cb, task);
}

static void
on_call_response_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);
  SoupMessage *message;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *body;
  const char *name = NULL;
  const char *text = NULL;
  guint status;

  message
      = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                             &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error_for_transport (error));
      g_object_unref (task);
      return;
    }

  status = soup_message_get_status (message);
  node = parse_body (bytes, &error);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (node == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, g_steal_pointer (&node),
                               (GDestroyNotify) json_node_unref);
      g_object_unref (task);
      return;
    }

  body = desk_bluesky_node_object (node);
  name = desk_bluesky_json_string (body, "error");
  text = desk_bluesky_json_string (body, "message");

  if ((call->flags & DESK_BLUESKY_CALL_AUTH) != 0 && !call->renewed
      && is_auth_error (status, name, text)
      && desk_bluesky_client_get_refresh_jwt (g_task_get_source_object (task)))
    {
      g_debug ("%s: %s, renewing the session", call->nsid, name);
      renew_then_send (task);
      return;
    }

  g_free (call->xrpc_error);
  call->xrpc_error = g_strdup (name);
  g_debug ("%s: %u %s %s", call->nsid, status, name, text);
  g_task_return_error (task, error_for_answer (message, name, text));
  g_object_unref (task);
}

static void
desk_bluesky_client_dispose (GObject *object)
{
  DeskBlueskyClient *self = DESK_BLUESKY_CLIENT (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (desk_bluesky_client_parent_class)->dispose (object);
}

static void
desk_bluesky_client_finalize (GObject *object)
{
  DeskBlueskyClient *self = DESK_BLUESKY_CLIENT (object);

  g_assert (self->refresh_waiters == NULL);
  g_free (self->service_url);
  g_free (self->access_jwt);
  g_free (self->refresh_jwt);
  g_free (self->chat_proxy);

  G_OBJECT_CLASS (desk_bluesky_client_parent_class)->finalize (object);
}

static void
desk_bluesky_client_class_init (DeskBlueskyClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_bluesky_client_dispose;
  object_class->finalize = desk_bluesky_client_finalize;

  /* The session was renewed: whoever keeps the tokens must save the new
   * ones, because the old refresh token stops working soon. */
  signals[TOKENS_CHANGED]
      = g_signal_new ("tokens-changed", G_TYPE_FROM_CLASS (klass),
                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
desk_bluesky_client_init (DeskBlueskyClient *self)
{
  self->chat_proxy = g_strdup (DESK_BLUESKY_DEFAULT_CHAT_PROXY);
}

/* @service_url: the account's PDS, e.g. "https://bsky.social". */
DeskBlueskyClient *
desk_bluesky_client_new (DeskHttp *http, const char *service_url)
{
  DeskBlueskyClient *self;
  g_autofree char *url = NULL;

  g_return_val_if_fail (DESK_IS_HTTP (http), NULL);

  url = g_strdup (service_url && *service_url ? service_url
                                              : DESK_BLUESKY_DEFAULT_SERVICE);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  self = g_object_new (DESK_TYPE_BLUESKY_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->service_url = g_steal_pointer (&url);
  return self;
}

const char *
desk_bluesky_client_get_service_url (DeskBlueskyClient *self)
{
  g_return_val_if_fail (DESK_IS_BLUESKY_CLIENT (self), NULL);

  return self->service_url;
}

void
desk_bluesky_client_set_tokens (DeskBlueskyClient *self,
                                const char *access_jwt,
                                const char *refresh_jwt)
{
  g_return_if_fail (DESK_IS_BLUESKY_CLIENT (self));

  g_free (self->access_jwt);
  self->access_jwt = g_strdup (access_jwt);
  g_free (self->refresh_jwt);
  self->refresh_jwt = g_strdup (refresh_jwt);
}

const char *
desk_bluesky_client_get_access_jwt (DeskBlueskyClient *self)
{
  g_return_val_if_fail (DESK_IS_BLUESKY_CLIENT (self), NULL);

  return self->access_jwt;
}

const char *
desk_bluesky_client_get_refresh_jwt (DeskBlueskyClient *self)
{
  g_return_val_if_fail (DESK_IS_BLUESKY_CLIENT (self), NULL);

  return self->refresh_jwt;
}

/* Where chat.bsky.* calls go: the chat service's DID and service id. */
void
desk_bluesky_client_set_chat_proxy (DeskBlueskyClient *self, const char *proxy)
{
  g_return_if_fail (DESK_IS_BLUESKY_CLIENT (self));
  g_return_if_fail (proxy != NULL);

  g_free (self->chat_proxy);
  self->chat_proxy = g_strdup (proxy);
}

/* Calls the XRPC method @nsid: a query (GET) when @input is NULL, else a
 * procedure (POST) with @input as its JSON body. @query is an escaped
 * query string (see desk_bluesky_query_add) or NULL. */
void
desk_bluesky_client_call_async (DeskBlueskyClient *self,
                                const char *nsid,
                                const char *query,
                                JsonNode *input,
                                DeskBlueskyCallFlags flags,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GTask *task;
  Call *call;

  g_return_if_fail (DESK_IS_BLUESKY_CLIENT (self));
  g_return_if_fail (nsid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_bluesky_client_call_async);

  call = g_new0 (Call, 1);
  call->nsid = g_strdup (nsid);
  call->query = g_strdup (query);
  call->input = input ? json_node_ref (input) : NULL;
  call->flags = flags;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  send_call (task);
}

/* Returns the answer's JSON object. On failure @xrpc_error, if given, is
 * set to the server's error name ("RecordNotFound", …) when it sent one. */
JsonNode *
desk_bluesky_client_call_finish (DeskBlueskyClient *self,
                                 GAsyncResult *result,
                                 char **xrpc_error,
                                 GError **error)
{
  Call *call;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_bluesky_client_call_async,
                        NULL);

  call = g_task_get_task_data (G_TASK (result));
  if (xrpc_error != NULL)
    *xrpc_error = g_strdup (call->xrpc_error);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Renews the session with the refresh token. Calls do this by themselves;
 * this is for a check at start-up and for tests. */
void
desk_bluesky_client_refresh_async (DeskBlueskyClient *self,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DESK_IS_BLUESKY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_bluesky_client_refresh_async);

  if (self->refresh_jwt == NULL)
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
          _ ("The Bluesky session has ended. Sign in again."));
      return;
    }

  if (self->refresh_waiters != NULL)
    {
      g_ptr_array_add (self->refresh_waiters, g_steal_pointer (&task));
      return;
    }

  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->refresh_waiters, g_steal_pointer (&task));
  start_refresh (self);
}

gboolean
desk_bluesky_client_refresh_finish (DeskBlueskyClient *self,
                                    GAsyncResult *result,
                                    GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
