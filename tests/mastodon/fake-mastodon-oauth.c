/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fake-mastodon"

#include "config.h"

#include <string.h>

#include "fake-mastodon-private.h"

/* The OAuth side of the fake server: app registration (methods/apps),
 * authorization server metadata with PKCE (RFC 8414, Mastodon 4.3), the
 * user's approval in the browser, and the token endpoint (methods/oauth),
 * with Mastodon's error bodies. */

void
_fake_app_free (gpointer data)
{
  FakeApp *app = data;

  g_free (app->client_id);
  g_free (app->client_secret);
  g_strfreev (app->redirect_uris);
  g_free (app->scopes);
  g_free (app);
}

void
_fake_code_free (gpointer data)
{
  FakeCode *code = data;

  g_free (code->client_id);
  g_free (code->redirect_uri);
  g_free (code->challenge);
  g_free (code->scope);
  g_free (code);
}

static void
respond_oauth_error (SoupServerMessage *msg,
                     guint status,
                     const char *error,
                     const char *description)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  json_builder_set_member_name (builder, "error_description");
  json_builder_add_string_value (builder, description);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  _fake_respond_json (msg, status, node);
}

static FakeApp *
find_app (FakeMastodon *self, const char *client_id)
{
  for (guint i = 0; i < self->apps->len; i++)
    {
      FakeApp *app = g_ptr_array_index (self->apps, i);

      if (g_strcmp0 (app->client_id, client_id) == 0)
        return app;
    }
  return NULL;
}

static char *
s256 (const char *verifier)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  char *text;
  gsize end;

  g_checksum_update (checksum, (const guchar *) verifier, -1);
  g_checksum_get_digest (checksum, digest, &len);
  text = g_base64_encode (digest, len);
  for (char *p = text; *p != '\0'; p++)
    *p = *p == '+' ? '-' : *p == '/' ? '_' : *p;
  end = strlen (text);
  while (end > 0 && text[end - 1] == '=')
    text[--end] = '\0';
  return text;
}

void
_fake_handle_metadata (FakeMastodon *self, SoupServerMessage *msg)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *authorize
      = g_strconcat (self->url, "/oauth/authorize", NULL);
  g_autofree char *token = g_strconcat (self->url, "/oauth/token", NULL);
  g_autofree char *apps = g_strconcat (self->url, "/api/v1/apps", NULL);
  static const char *const scopes[] = { "read",
                                        "write",
                                        "profile",
                                        "read:accounts",
                                        "read:notifications",
                                        "read:statuses",
                                        "write:statuses",
                                        "write:conversations" };

  if (self->gotosocial)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<h1>Not found</h1>", 18);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "issuer");
  json_builder_add_string_value (builder, self->url);
  json_builder_set_member_name (builder, "authorization_endpoint");
  json_builder_add_string_value (builder, authorize);
  json_builder_set_member_name (builder, "token_endpoint");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "app_registration_endpoint");
  json_builder_add_string_value (builder, apps);
  json_builder_set_member_name (builder, "scopes_supported");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    json_builder_add_string_value (builder, scopes[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "response_types_supported");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "code");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "grant_types_supported");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "authorization_code");
  json_builder_add_string_value (builder, "client_credentials");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "code_challenge_methods_supported");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "S256");
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

void
_fake_handle_apps (FakeMastodon *self, SoupServerMessage *msg)
{
  g_autoptr (JsonObject) params = _fake_request_object (msg);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  const char *name;
  const char *redirects;
  FakeApp *app;

  name = params ? json_object_get_string_member_with_default (
             params, "client_name", NULL)
                : NULL;
  redirects = params ? json_object_get_string_member_with_default (
                  params, "redirect_uris", NULL)
                     : NULL;
  if (name == NULL || redirects == NULL)
    {
      _fake_respond_error (
          msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
          "Validation failed: Redirect URI must be an absolute URI");
      return;
    }

  app = g_new0 (FakeApp, 1);
  app->client_id = g_uuid_string_random ();
  app->client_secret = g_uuid_string_random ();
  app->redirect_uris = g_strsplit (redirects, "\n", -1);
  app->scopes = g_strdup (
      json_object_get_string_member_with_default (params, "scopes", "read"));
  g_ptr_array_add (self->apps, app);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "563419");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "website");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "redirect_uri");
  json_builder_add_string_value (builder, redirects);
  json_builder_set_member_name (builder, "redirect_uris");
  json_builder_begin_array (builder);
  for (guint i = 0; app->redirect_uris[i] != NULL; i++)
    json_builder_add_string_value (builder, app->redirect_uris[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, app->client_id);
  json_builder_set_member_name (builder, "client_secret");
  json_builder_add_string_value (builder, app->client_secret);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

void
_fake_handle_token (FakeMastodon *self, SoupServerMessage *msg)
{
  g_autoptr (JsonObject) params = _fake_request_object (msg);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *token = NULL;
  const char *code_text;
  const char *verifier;
  FakeCode *code;
  FakeApp *app;

#define PARAM(name)                                                            \
  (params ? json_object_get_string_member_with_default (params, name, NULL)    \
          : NULL)

  app = find_app (self, PARAM ("client_id"));
  if (app == NULL || g_strcmp0 (app->client_secret, PARAM ("client_secret")))
    {
      respond_oauth_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                           "Client authentication failed due to unknown "
                           "client, no client authentication included, or "
                           "unsupported authentication method.");
      return;
    }

  code_text = PARAM ("code");
  code = code_text ? g_hash_table_lookup (self->codes, code_text) : NULL;
  if (g_strcmp0 (PARAM ("grant_type"), "authorization_code") != 0
      || code == NULL || code->used
      || g_strcmp0 (code->client_id, app->client_id) != 0
      || g_strcmp0 (code->redirect_uri, PARAM ("redirect_uri")) != 0)
    {
      respond_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                           "The provided authorization grant is invalid, "
                           "expired, revoked, does not match the redirection "
                           "URI used in the authorization request, or was "
                           "issued to another client.");
      return;
    }

  verifier = PARAM ("code_verifier");
  if (code->challenge != NULL)
    {
      g_autofree char *expected = verifier ? s256 (verifier) : NULL;

      if (g_strcmp0 (expected, code->challenge) != 0)
        {
          respond_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                               "The code verifier does not match.");
          return;
        }
    }
#undef PARAM

  code->used = TRUE;
  self->last_pkce = code->challenge != NULL;
  {
    g_autofree char *uuid = g_uuid_string_random ();

    token = g_strdup_printf ("fake-token-%s", uuid);
  }
  g_hash_table_add (self->tokens, g_strdup (token));
  g_free (self->last_token);
  self->last_token = g_strdup (token);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, code->scope);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, FAKE_BASE_TIME);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _fake_respond_json (msg, SOUP_STATUS_OK, root);
}

void
fake_mastodon_add_token (FakeMastodon *self, const char *token)
{
  g_hash_table_add (self->tokens, g_strdup (token));
}

void
fake_mastodon_revoke_tokens (FakeMastodon *self)
{
  g_hash_table_remove_all (self->tokens);
}

const char *
fake_mastodon_get_last_issued_token (FakeMastodon *self)
{
  return self->last_token;
}

gboolean
fake_mastodon_get_last_exchange_used_pkce (FakeMastodon *self)
{
  return self->last_pkce;
}

char *
fake_mastodon_authorize (FakeMastodon *self,
                         const char *authorize_url,
                         char **code_out)
{
  g_autoptr (GUri) uri = g_uri_parse (authorize_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GHashTable) params = NULL;
  const char *redirect;
  const char *challenge;
  const char *scope;
  FakeApp *app;
  FakeCode *code;
  char *code_text;
  gboolean redirect_known = FALSE;

  *code_out = NULL;
  if (uri == NULL || g_strcmp0 (g_uri_get_path (uri), "/oauth/authorize") != 0
      || g_uri_get_query (uri) == NULL)
    return NULL;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&",
                               G_URI_PARAMS_WWW_FORM, NULL);
  if (params == NULL
      || g_strcmp0 (g_hash_table_lookup (params, "response_type"), "code"))
    return NULL;

  app = find_app (self, g_hash_table_lookup (params, "client_id"));
  redirect = g_hash_table_lookup (params, "redirect_uri");
  if (app == NULL || redirect == NULL)
    return NULL;
  for (guint i = 0; app->redirect_uris[i] != NULL; i++)
    if (g_str_equal (app->redirect_uris[i], redirect))
      redirect_known = TRUE;
  if (!redirect_known)
    return NULL;

  /* Every requested scope must have been registered. */
  scope = g_hash_table_lookup (params, "scope");
  if (scope != NULL)
    {
      g_auto (GStrv) wanted = g_strsplit (scope, " ", -1);
      g_auto (GStrv) registered = g_strsplit (app->scopes, " ", -1);

      for (guint i = 0; wanted[i] != NULL; i++)
        if (!g_strv_contains ((const char *const *) registered, wanted[i]))
          return NULL;
    }

  challenge = g_hash_table_lookup (params, "code_challenge");
  if (challenge != NULL
      && g_strcmp0 (g_hash_table_lookup (params, "code_challenge_method"),
                    "S256")
             != 0)
    return NULL;

  code = g_new0 (FakeCode, 1);
  code->client_id = g_strdup (app->client_id);
  code->redirect_uri = g_strdup (redirect);
  code->challenge = g_strdup (challenge);
  code->scope = g_strdup (scope ? scope : "read");
  {
    g_autofree char *uuid = g_uuid_string_random ();

    code_text = g_strdup_printf ("code-%s", uuid);
  }
  g_hash_table_insert (self->codes, g_strdup (code_text), code);

  if (g_str_equal (redirect, "urn:ietf:wg:oauth:2.0:oob"))
    {
      *code_out = code_text;
      return NULL;
    }

  {
    g_autofree char *escaped_code
        = g_uri_escape_string (code_text, NULL, FALSE);
    const char *state = g_hash_table_lookup (params, "state");
    g_autofree char *escaped_state
        = g_uri_escape_string (state ? state : "", NULL, FALSE);
    char *target = g_strdup_printf ("%s?code=%s&state=%s", redirect,
                                    escaped_code, escaped_state);

    *code_out = code_text;
    return target;
  }
}
