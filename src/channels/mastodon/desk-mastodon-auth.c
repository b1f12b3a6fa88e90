/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-mastodon-auth"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "desk-mastodon-auth.h"
#include "desk-mastodon-channel.h"

/* OAuth 2 authorization code flow for a native app (RFC 8252): the
 * browser comes back to a listener on 127.0.0.1, "state" ties the answer
 * to this attempt, and PKCE (RFC 7636, S256) keeps a code that leaks
 * useless, where the server offers it (RFC 8414 metadata, Mastodon 4.3).
 * Socialdesk registers itself anew for every sign-in, because the
 * loopback port is part of the redirect URI. */
struct _DeskMastodonAuth
{
  GObject parent_instance;

  DeskHttp *http;
  GCancellable *cancellable;

  char *server_url;
  char *authorization_endpoint;
  char *token_endpoint;
  char *registration_endpoint;
  gboolean pkce;

  char *client_id;
  char *client_secret;
  char *state;
  char *code_verifier;

  SoupServer *listener;
  char *redirect_uri;
  char *authorize_url;
  char *code_authorize_url;

  /* The exchange: started once, by the listener or a pasted code. */
  gboolean exchanging;
  DeskMastodonAuthResult *result;
  GError *error;
  GPtrArray *waiters; /* GTask */
  char *exchange_redirect;
  char *access_token;
  char *scope;
};

G_DEFINE_FINAL_TYPE (DeskMastodonAuth, desk_mastodon_auth, G_TYPE_OBJECT)

#define CLIENT_NAME "Socialdesk"
#define CLIENT_WEBSITE "https://github.com/socialdesk/socialdesk"

static void
free_secret (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

DeskMastodonAuthResult *
desk_mastodon_auth_result_copy (const DeskMastodonAuthResult *result)
{
  DeskMastodonAuthResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new0 (DeskMastodonAuthResult, 1);
  copy->server_url = g_strdup (result->server_url);
  copy->account_id = g_strdup (result->account_id);
  copy->username = g_strdup (result->username);
  copy->acct = g_strdup (result->acct);
  copy->handle = g_strdup (result->handle);
  copy->display_name = g_strdup (result->display_name);
  copy->avatar_url = g_strdup (result->avatar_url);
  copy->scope = g_strdup (result->scope);
  copy->client_id = g_strdup (result->client_id);
  copy->client_secret = g_strdup (result->client_secret);
  copy->access_token = g_strdup (result->access_token);
  return copy;
}

void
desk_mastodon_auth_result_free (DeskMastodonAuthResult *result)
{
  if (result == NULL)
    return;

  g_free (result->server_url);
  g_free (result->account_id);
  g_free (result->username);
  g_free (result->acct);
  g_free (result->handle);
  g_free (result->display_name);
  g_free (result->avatar_url);
  g_free (result->scope);
  g_free (result->client_id);
  free_secret (result->client_secret);
  free_secret (result->access_token);
  g_free (result);
}

/* base64url without padding, as PKCE and state want it. */
static char *
base64url (const guint8 *data, gsize len)
{
  char *text = g_base64_encode (data, len);
  gsize end = strlen (text);

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }
  while (end > 0 && text[end - 1] == '=')
    text[--end] = '\0';
  return text;
}

/* Unguessable: from the kernel's generator, not GLib's. */
static char *
random_token (void)
{
  guint8 bytes[32];
  gsize have = 0;

  while (have < sizeof bytes)
    {
      gssize got = getrandom (bytes + have, sizeof bytes - have, 0);

      if (got <= 0)
        g_error ("no random numbers from the kernel");
      have += (gsize) got;
    }
  return base64url (bytes, sizeof bytes);
}

static char *
pkce_challenge (const char *verifier)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (checksum, (const guchar *) verifier, -1);
  g_checksum_get_digest (checksum, digest, &len);
  return base64url (digest, len);
}

static gboolean
is_loopback_host (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0
         || g_ascii_strcasecmp (host, "localhost") == 0;
}

char *
desk_mastodon_auth_normalize_server (const char *input, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *host = NULL;
  g_autoptr (GUri) uri = NULL;
  const char *at;
  const char *scheme;

  g_return_val_if_fail (input != NULL, NULL);

  text = g_strstrip (g_strdup (input));
  /* A handle ("@me@mastodon.social", "me@mastodon.social") names its
   * server after the last "@". */
  if (strstr (text, "://") == NULL && (at = strrchr (text, '@')) != NULL)
    {
      char *rest = g_strdup (at + 1);

      g_free (text);
      text = rest;
    }

  if (*text == '\0' || strpbrk (text, " \t\r\n") != NULL)
    goto invalid;

  with_scheme = strstr (text, "://") ? g_strdup (text)
                                     : g_strconcat ("https://", text, NULL);
  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL
      || *g_uri_get_host (uri) == '\0' || g_uri_get_userinfo (uri) != NULL)
    goto invalid;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0
      && !(g_ascii_strcasecmp (scheme, "http") == 0
           && is_loopback_host (g_uri_get_host (uri))))
    {
      g_set_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                   _ ("Socialdesk only connects to Mastodon servers over a "
                      "secure connection (https)."));
      return NULL;
    }

  host = g_hostname_to_ascii (g_uri_get_host (uri));
  if (host == NULL)
    goto invalid;
  {
    g_autofree char *lower_host = g_ascii_strdown (host, -1);
    g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);
    g_autoptr (GUri) base
        = g_uri_build (G_URI_FLAGS_NONE, lower_scheme, NULL, lower_host,
                       g_uri_get_port (uri), "", NULL, NULL);

    return g_uri_to_string (base);
  }

invalid:
  g_set_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
               _ ("“%s” is not a server address. Enter it like "
                  "mastodon.social."),
               input);
  return NULL;
}

static gboolean
same_origin (const char *a, const char *b)
{
  g_autoptr (GUri) ua = g_uri_parse (a, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GUri) ub = g_uri_parse (b, G_URI_FLAGS_NONE, NULL);

  return ua != NULL && ub != NULL
         && g_ascii_strcasecmp (g_uri_get_scheme (ua), g_uri_get_scheme (ub))
                == 0
         && g_ascii_strcasecmp (g_uri_get_host (ua), g_uri_get_host (ub)) == 0
         && g_uri_get_port (ua) == g_uri_get_port (ub);
}

static char *
endpoint (DeskMastodonAuth *self,
          JsonObject *metadata,
          const char *name,
          const char *fallback)
{
  const char *value = desk_json_get_string (metadata, name);

  /* Endpoints elsewhere would receive the client secret and the code;
   * only the server the user named is trusted with them. */
  if (value != NULL && same_origin (value, self->server_url))
    return g_strdup (value);
  return g_strconcat (self->server_url, fallback, NULL);
}

/* Hands the outcome to every waiter. */
static void
deliver (DeskMastodonAuth *self)
{
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (self->result != NULL)
        g_task_return_pointer (task,
                               desk_mastodon_auth_result_copy (self->result),
                               (GDestroyNotify) desk_mastodon_auth_result_free);
      else
        g_task_return_error (task, g_error_copy (self->error));
    }
}

static void
stop_listener (DeskMastodonAuth *self)
{
  if (self->listener == NULL)
    return;
  soup_server_disconnect (self->listener);
  g_clear_object (&self->listener);
}

static void
exchange_failed (DeskMastodonAuth *self, GError *error)
{
  self->exchanging = FALSE;
  g_clear_error (&self->error);
  self->error = error;
  deliver (self);
  /* Another try (a pasted code) may follow. */
  g_clear_error (&self->error);
}

static void
on_verify_credentials_cb (GObject *source,
                          GAsyncResult *result,
                          gpointer user_data)
{
  g_autoptr (DeskMastodonAuth) self = user_data;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GUri) server = NULL;
  GError *error = NULL;
  JsonObject *account;
  const char *id;
  const char *acct;
  DeskMastodonAuthResult *outcome;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root == NULL)
    {
      exchange_failed (self, error);
      return;
    }

  account = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  id = desk_json_get_string (account, "id");
  acct = desk_json_get_string (account, "acct");
  if (id == NULL || *id == '\0' || acct == NULL || *acct == '\0')
    {
      exchange_failed (self, g_error_new_literal (
                                 DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                                 _ ("The server did not say which account "
                                    "signed in.")));
      return;
    }

  server = g_uri_parse (self->server_url, G_URI_FLAGS_NONE, NULL);
  outcome = g_new0 (DeskMastodonAuthResult, 1);
  outcome->server_url = g_strdup (self->server_url);
  outcome->account_id = g_strdup (id);
  outcome->acct = g_strdup (acct);
  outcome->username = g_strdup (desk_json_get_string (account, "username"));
  if (outcome->username == NULL)
    outcome->username = g_strndup (acct, strcspn (acct, "@"));
  outcome->handle
      = strchr (acct, '@')
            ? g_strconcat ("@", acct, NULL)
            : g_strconcat ("@", acct, "@", g_uri_get_host (server), NULL);
  outcome->display_name
      = g_strdup (desk_json_get_string (account, "display_name"));
  if (outcome->display_name == NULL || *outcome->display_name == '\0')
    {
      g_free (outcome->display_name);
      outcome->display_name = g_strdup (outcome->username);
    }
  outcome->avatar_url = g_strdup (desk_json_get_string (account, "avatar"));
  outcome->scope = g_strdup (self->scope);
  outcome->client_id = g_strdup (self->client_id);
  outcome->client_secret = g_strdup (self->client_secret);
  outcome->access_token = g_steal_pointer (&self->access_token);

  self->result = outcome;
  self->exchanging = FALSE;
  stop_listener (self);
  deliver (self);
}

static void
on_token_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskMastodonAuth) self = user_data;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;
  JsonObject *token;
  const char *access_token;
  const char *scope;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root == NULL)
    {
      exchange_failed (self, error);
      return;
    }

  token = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  access_token = desk_json_get_string (token, "access_token");
  if (access_token == NULL || *access_token == '\0')
    {
      exchange_failed (self, g_error_new_literal (
                                 DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                                 _ ("The server did not hand out a sign-in.")));
      return;
    }

  free_secret (self->access_token);
  self->access_token = g_strdup (access_token);
  scope = desk_json_get_string (token, "scope");
  g_free (self->scope);
  self->scope = g_strdup (scope ? scope : DESK_MASTODON_SCOPES);

  url = g_strconcat (self->server_url, "/api/v1/accounts/verify_credentials",
                     NULL);
  message = soup_message_new ("GET", url);
  desk_http_set_bearer (message, self->access_token);
  desk_http_send_json_async (self->http, message, self->cancellable,
                             on_verify_credentials_cb, g_object_ref (self));
}

static void
start_exchange (DeskMastodonAuth *self, const char *code, const char *redirect)
{
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GHashTable) form = NULL;

  g_assert (!self->exchanging);
  self->exchanging = TRUE;

  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, "grant_type", "authorization_code");
  g_hash_table_insert (form, "code", (char *) code);
  g_hash_table_insert (form, "client_id", self->client_id);
  g_hash_table_insert (form, "client_secret", self->client_secret);
  g_hash_table_insert (form, "redirect_uri", (char *) redirect);
  g_hash_table_insert (form, "scope", DESK_MASTODON_SCOPES);
  if (self->pkce)
    g_hash_table_insert (form, "code_verifier", self->code_verifier);

  message = soup_message_new_from_encoded_form ("POST", self->token_endpoint,
                                                soup_form_encode_hash (form));
  if (message == NULL)
    {
      exchange_failed (self, g_error_new_literal (
                                 DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                                 _ ("The server's sign-in address is not "
                                    "valid.")));
      return;
    }
  desk_http_send_json_async (self->http, message, self->cancellable,
                             on_token_cb, g_object_ref (self));
}

static void
respond_page (SoupServerMessage *msg,
              guint status,
              const char *title,
              const char *text)
{
  g_autofree char *safe_title = g_markup_escape_text (title, -1);
  g_autofree char *safe_text = g_markup_escape_text (text, -1);
  g_autofree char *page = g_strdup_printf (
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
      "<title>%s</title></head><body style=\"font-family:sans-serif;"
      "margin:4em auto;max-width:32em\"><h1>%s</h1><p>%s</p></body></html>",
      safe_title, safe_title, safe_text);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "text/html; charset=utf-8",
                                    SOUP_MEMORY_COPY, page, strlen (page));
}

static void
on_callback (SoupServer *server,
             SoupServerMessage *msg,
             const char *path,
             GHashTable *query,
             gpointer user_data)
{
  DeskMastodonAuth *self = user_data;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *denied = query ? g_hash_table_lookup (query, "error") : NULL;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_GET)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                                      NULL);
      return;
    }

  /* Anything on this port that does not carry our state is not the
   * answer to this sign-in; it changes nothing. */
  if (state == NULL || self->state == NULL || !g_str_equal (state, self->state))
    {
      respond_page (msg, SOUP_STATUS_BAD_REQUEST, _ ("Not signed in"),
                    _ ("This sign-in link does not belong to the sign-in "
                       "Socialdesk is waiting for."));
      return;
    }

  if (self->exchanging || self->result != NULL)
    {
      respond_page (msg, SOUP_STATUS_OK, _ ("Signed in"),
                    _ ("You can close this page and return to Socialdesk."));
      return;
    }

  if (denied != NULL || code == NULL || *code == '\0')
    {
      respond_page (msg, SOUP_STATUS_OK, _ ("Not signed in"),
                    _ ("The sign-in was cancelled. You can close this page "
                       "and try again in Socialdesk."));
      exchange_failed (self, g_error_new_literal (
                                 DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
                                 _ ("The sign-in was cancelled on the "
                                    "server.")));
      return;
    }

  respond_page (msg, SOUP_STATUS_OK, _ ("Signed in"),
                _ ("You can close this page and return to Socialdesk."));
  start_exchange (self, code, self->redirect_uri);
}

static gboolean
start_listener (DeskMastodonAuth *self, GError **error)
{
  g_autoptr (GInetAddress) loopback
      = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GSocket) socket = NULL;

  /* Loopback only: nothing else on the network can answer in place of
   * the browser. The socket is ours so its port is known without
   * soup_server_get_uris (), which leaks in libsoup 3.2. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_bind (socket, address, FALSE, error)
      || !g_socket_listen (socket, error))
    return FALSE;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return FALSE;

  self->listener = soup_server_new ("server-header", CLIENT_NAME, NULL);
  soup_server_add_handler (self->listener, "/callback", on_callback, self,
                           NULL);
  if (!soup_server_listen_socket (self->listener, socket, 0, error))
    {
      g_clear_object (&self->listener);
      return FALSE;
    }

  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup_printf (
      "http://127.0.0.1:%u/callback",
      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return TRUE;
}

static char *
build_authorize_url (DeskMastodonAuth *self, const char *redirect)
{
  g_autoptr (GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *challenge = NULL;
  g_autofree char *encoded = NULL;

  g_hash_table_insert (query, "response_type", "code");
  g_hash_table_insert (query, "client_id", self->client_id);
  g_hash_table_insert (query, "redirect_uri", (char *) redirect);
  g_hash_table_insert (query, "scope", DESK_MASTODON_SCOPES);
  g_hash_table_insert (query, "state", self->state);
  /* Agents are often signed in to their own account in the browser; make
   * them choose the company's account on purpose. */
  g_hash_table_insert (query, "force_login", "true");
  if (self->pkce)
    {
      challenge = pkce_challenge (self->code_verifier);
      g_hash_table_insert (query, "code_challenge", challenge);
      g_hash_table_insert (query, "code_challenge_method", "S256");
    }

  encoded = soup_form_encode_hash (query);
  return g_strconcat (self->authorization_endpoint,
                      strchr (self->authorization_endpoint, '?') ? "&" : "?",
                      encoded, NULL);
}

static void
on_app_registered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  DeskMastodonAuth *self = g_task_get_source_object (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (SoupMessage) message = NULL;
  GError *error = NULL;
  JsonObject *app;
  const char *client_id;
  const char *client_secret;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, &message,
                                     &error);
  if (root == NULL)
    {
      if (g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE))
        {
          g_clear_error (&error);
          error = g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                               _ ("%s does not look like a Mastodon server."),
                               self->server_url);
        }
      stop_listener (self);
      g_task_return_error (task, error);
      return;
    }

  app = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  client_id = desk_json_get_string (app, "client_id");
  client_secret = desk_json_get_string (app, "client_secret");
  if (client_id == NULL || client_secret == NULL)
    {
      stop_listener (self);
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
          _ ("%s did not register Socialdesk."), self->server_url);
      return;
    }

  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  free_secret (self->client_secret);
  self->client_secret = g_strdup (client_secret);

  g_free (self->authorize_url);
  self->authorize_url = build_authorize_url (self, self->redirect_uri);
  g_free (self->code_authorize_url);
  self->code_authorize_url
      = build_authorize_url (self, DESK_MASTODON_OOB_REDIRECT);

  g_task_return_pointer (task, g_strdup (self->authorize_url), g_free);
}

static void
register_app (GTask *task)
{
  DeskMastodonAuth *self = g_task_get_source_object (task);
  g_autoptr (SoupMessage) message = NULL;
  g_autofree char *redirects = NULL;
  GError *error = NULL;

  if (!start_listener (self, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* Several redirect URIs are one string, one per line, which every
   * Mastodon version and GoToSocial accept. */
  redirects = g_strconcat (self->redirect_uri, "\n", DESK_MASTODON_OOB_REDIRECT,
                           NULL);
  message = soup_message_new_from_encoded_form (
      "POST", self->registration_endpoint,
      soup_form_encode ("client_name", CLIENT_NAME, "redirect_uris", redirects,
                        "scopes", DESK_MASTODON_SCOPES, "website",
                        CLIENT_WEBSITE, NULL));
  desk_http_send_json_async (self->http, message, g_task_get_cancellable (task),
                             on_app_registered_cb, task);
}

static void
on_metadata_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  DeskMastodonAuth *self = g_task_get_source_object (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (SoupMessage) message = NULL;
  GError *error = NULL;
  JsonObject *metadata = NULL;
  JsonArray *methods;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, &message,
                                     &error);
  if (root == NULL)
    {
      /* Before Mastodon 4.3 there is no metadata: the classic endpoints,
       * without PKCE. Not reaching the server at all is an error. */
      if (!g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE)
          && !g_error_matches (error, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID))
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      g_clear_error (&error);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    metadata = json_node_get_object (root);

  self->authorization_endpoint
      = endpoint (self, metadata, "authorization_endpoint", "/oauth/authorize");
  self->token_endpoint
      = endpoint (self, metadata, "token_endpoint", "/oauth/token");
  self->registration_endpoint
      = endpoint (self, metadata, "app_registration_endpoint", "/api/v1/apps");

  self->pkce = FALSE;
  methods = desk_json_get_array (metadata, "code_challenge_methods_supported");
  for (guint i = 0; methods && i < json_array_get_length (methods); i++)
    {
      JsonNode *node = json_array_get_element (methods, i);

      if (JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING
          && g_str_equal (json_node_get_string (node), "S256"))
        self->pkce = TRUE;
    }

  register_app (task);
}

static void
desk_mastodon_auth_dispose (GObject *object)
{
  DeskMastodonAuth *self = DESK_MASTODON_AUTH (object);

  desk_mastodon_auth_cancel (self);
  g_clear_object (&self->http);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (desk_mastodon_auth_parent_class)->dispose (object);
}

static void
desk_mastodon_auth_finalize (GObject *object)
{
  DeskMastodonAuth *self = DESK_MASTODON_AUTH (object);

  g_free (self->server_url);
  g_free (self->authorization_endpoint);
  g_free (self->token_endpoint);
  g_free (self->registration_endpoint);
  g_free (self->client_id);
  free_secret (self->client_secret);
  free_secret (self->state);
  free_secret (self->code_verifier);
  g_free (self->redirect_uri);
  g_free (self->authorize_url);
  g_free (self->code_authorize_url);
  g_clear_pointer (&self->result, desk_mastodon_auth_result_free);
  g_clear_error (&self->error);
  g_ptr_array_unref (self->waiters);
  g_free (self->exchange_redirect);
  free_secret (self->access_token);
  g_free (self->scope);

  G_OBJECT_CLASS (desk_mastodon_auth_parent_class)->finalize (object);
}

static void
desk_mastodon_auth_class_init (DeskMastodonAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_mastodon_auth_dispose;
  object_class->finalize = desk_mastodon_auth_finalize;
}

static void
desk_mastodon_auth_init (DeskMastodonAuth *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

DeskMastodonAuth *
desk_mastodon_auth_new (DeskHttp *http)
{
  DeskMastodonAuth *self;

  g_return_val_if_fail (DESK_IS_HTTP (http), NULL);

  self = g_object_new (DESK_TYPE_MASTODON_AUTH, NULL);
  self->http = g_object_ref (http);
  return self;
}

void
desk_mastodon_auth_begin_async (DeskMastodonAuth *self,
                                const char *server,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GTask *task;
  g_autoptr (SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;

  g_return_if_fail (DESK_IS_MASTODON_AUTH (self));
  g_return_if_fail (server != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_mastodon_auth_begin_async);

  if (self->server_url != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "a sign-in was already started");
      g_object_unref (task);
      return;
    }

  self->server_url = desk_mastodon_auth_normalize_server (server, &error);
  if (self->server_url == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  self->state = random_token ();
  self->code_verifier = random_token ();

  url = g_strconcat (self->server_url,
                     "/.well-known/oauth-authorization-server", NULL);
  message = soup_message_new ("GET", url);
  desk_http_send_json_async (self->http, message, cancellable, on_metadata_cb,
                             task);
}

char *
desk_mastodon_auth_begin_finish (DeskMastodonAuth *self,
                                 GAsyncResult *result,
                                 GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_mastodon_auth_begin_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
desk_mastodon_auth_get_server_url (DeskMastodonAuth *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_AUTH (self), NULL);

  return self->server_url;
}

const char *
desk_mastodon_auth_get_authorize_url (DeskMastodonAuth *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_AUTH (self), NULL);

  return self->authorize_url;
}

const char *
desk_mastodon_auth_get_code_authorize_url (DeskMastodonAuth *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_AUTH (self), NULL);

  return self->code_authorize_url;
}

const char *
desk_mastodon_auth_get_redirect_uri (DeskMastodonAuth *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_AUTH (self), NULL);

  return self->redirect_uri;
}

gboolean
desk_mastodon_auth_get_uses_pkce (DeskMastodonAuth *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_AUTH (self), FALSE);

  return self->pkce;
}

static void
add_waiter (DeskMastodonAuth *self, GTask *task)
{
  if (self->result != NULL)
    {
      g_task_return_pointer (task,
                             desk_mastodon_auth_result_copy (self->result),
                             (GDestroyNotify) desk_mastodon_auth_result_free);
      g_object_unref (task);
      return;
    }
  g_ptr_array_add (self->waiters, task);
}

void
desk_mastodon_auth_wait_async (DeskMastodonAuth *self,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  GTask *task;

  g_return_if_fail (DESK_IS_MASTODON_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_mastodon_auth_wait_async);
  /* Cancel through desk_mastodon_auth_cancel (): the listener has to go
   * as well. */
  if (self->client_id == NULL
      || (self->listener == NULL && !self->exchanging && self->result == NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "the sign-in has not started");
      g_object_unref (task);
      return;
    }
  add_waiter (self, task);
}

DeskMastodonAuthResult *
desk_mastodon_auth_wait_finish (DeskMastodonAuth *self,
                                GAsyncResult *result,
                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_mastodon_auth_wait_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
desk_mastodon_auth_finish_with_code_async (DeskMastodonAuth *self,
                                           const char *code,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  g_autofree char *clean = NULL;
  GTask *task;

  g_return_if_fail (DESK_IS_MASTODON_AUTH (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_mastodon_auth_finish_with_code_async);

  clean = g_strstrip (g_strdup (code));
  if (self->client_id == NULL || *clean == '\0')
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("Paste the code the server showed after "
                                  "you allowed access."));
      g_object_unref (task);
      return;
    }

  add_waiter (self, task);
  if (self->result == NULL && !self->exchanging)
    start_exchange (self, clean, DESK_MASTODON_OOB_REDIRECT);
}

DeskMastodonAuthResult *
desk_mastodon_auth_finish_with_code_finish (DeskMastodonAuth *self,
                                            GAsyncResult *result,
                                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_mastodon_auth_finish_with_code_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
desk_mastodon_auth_cancel (DeskMastodonAuth *self)
{
  g_return_if_fail (DESK_IS_MASTODON_AUTH (self));

  g_cancellable_cancel (self->cancellable);
  stop_listener (self);
  if (self->waiters != NULL && self->waiters->len > 0)
    {
      g_clear_error (&self->error);
      self->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         "the sign-in was cancelled");
      deliver (self);
    }
}

/* Saving a sign-in */

typedef enum
{
  SAVE_CHECK,
  SAVE_TOKEN,
  SAVE_CLIENT_ID,
  SAVE_CLIENT_SECRET,
  SAVE_DONE,
} SaveStep;

typedef struct
{
  DeskStore *store;
  DeskSecrets *secrets;
  DeskMastodonAuthResult *result;
  SaveStep step;
  gint64 account_id;
  GError *error;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->secrets);
  desk_mastodon_auth_result_free (job->result);
  g_clear_error (&job->error);
  g_free (job);
}

static void save_next (GTask *task);

static void
on_rolled_back_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SaveJob *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!desk_secrets_clear_account_finish (DESK_SECRETS (source), result,
                                          &error))
    g_warning (
        "could not remove the partial sign-in of account %" G_GINT64_FORMAT
        " from the keyring: %s",
        job->account_id, error->message);
  g_task_return_error (task, g_steal_pointer (&job->error));
}

static void
on_secret_stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  SaveJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!desk_secrets_store_finish (DESK_SECRETS (source), result, &error))
    {
      /* Half a sign-in in the keyring helps nobody; take it out again. */
      job->error = error;
      desk_secrets_clear_account_async (job->secrets, job->account_id, NULL,
                                        on_rolled_back_cb, task);
      return;
    }
  job->step++;
  save_next (task);
}

static void
on_keyring_checked_cb (GObject *source,
                       GAsyncResult *result,
                       gpointer user_data)
{
  GTask *task = user_data;
  SaveJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!desk_secrets_check_finish (DESK_SECRETS (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The secrets are filed under the account's id, which the store hands
   * out; a new account row without a token only asks to sign in again. */
  job->account_id = desk_store_add_account (
      job->store, "mastodon", job->result->account_id, job->result->handle,
      job->result->display_name, job->result->server_url, FALSE, &error);
  if (job->account_id == 0)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  job->step = SAVE_TOKEN;
  save_next (task);
}

static void
save_next (GTask *task)
{
  SaveJob *job = g_task_get_task_data (task);
  g_autofree char *label = NULL;
  const char *kind = NULL;
  const char *value = NULL;

  switch (job->step)
    {
      case SAVE_CHECK:
        desk_secrets_check_async (job->secrets, g_task_get_cancellable (task),
                                  on_keyring_checked_cb, task);
        return;

      case SAVE_TOKEN:
        kind = DESK_MASTODON_SECRET_ACCESS_TOKEN;
        value = job->result->access_token;
        /* Translators: the label of a keyring entry; %s is "@me@server". */
        label = g_strdup_printf (_ ("Socialdesk: Mastodon sign-in for %s"),
                                 job->result->handle);
        break;

      case SAVE_CLIENT_ID:
        kind = DESK_MASTODON_SECRET_CLIENT_ID;
        value = job->result->client_id;
        label = g_strdup_printf (_ ("Socialdesk: Mastodon app id for %s"),
                                 job->result->handle);
        break;

      case SAVE_CLIENT_SECRET:
        kind = DESK_MASTODON_SECRET_CLIENT_SECRET;
        value = job->result->client_secret;
        label = g_strdup_printf (_ ("Socialdesk: Mastodon app secret for %s"),
                                 job->result->handle);
        break;

      case SAVE_DONE:
      default:
        g_task_return_int (task, job->account_id);
        g_object_unref (task);
        return;
    }

  if (value == NULL || *value == '\0')
    {
      job->step++;
      save_next (task);
      return;
    }
  desk_secrets_store_async (job->secrets, job->account_id, kind, label, value,
                            g_task_get_cancellable (task), on_secret_stored_cb,
                            task);
}

void
desk_mastodon_auth_save_account_async (DeskStore *store,
                                       DeskSecrets *secrets,
                                       const DeskMastodonAuthResult *result,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  GTask *task;
  SaveJob *job;

  g_return_if_fail (DESK_IS_STORE (store));
  g_return_if_fail (DESK_IS_SECRETS (secrets));
  g_return_if_fail (result != NULL && result->account_id != NULL
                    && result->access_token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_mastodon_auth_save_account_async);
  job = g_new0 (SaveJob, 1);
  job->store = g_object_ref (store);
  job->secrets = g_object_ref (secrets);
  job->result = desk_mastodon_auth_result_copy (result);
  job->step = SAVE_CHECK;
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  save_next (task);
}

gint64
desk_mastodon_auth_save_account_finish (GAsyncResult *result, GError **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_mastodon_auth_save_account_async,
                        0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? id : 0;
}
