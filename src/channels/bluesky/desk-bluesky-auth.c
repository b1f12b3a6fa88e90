/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-bluesky-auth"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "desk-bluesky-auth.h"
#include "desk-bluesky-channel.h"
#include "desk-bluesky-client.h"
#include "desk-bluesky-parse.h"

/* Signing in to Bluesky with a handle and an app password, for the
 * account dialog:
 *
 *   desk_bluesky_sign_in_async (http, NULL, "shop.bsky.social", password…)
 *   → DeskBlueskySession (did, handle, PDS, tokens)
 *   → desk_store_add_account (store, "bluesky", session->did,
 *                             session->handle, …, session->service_url, …)
 *   → desk_bluesky_session_save_async (session, secrets, account_id, …)
 *   → desk_bluesky_channel_new (account_id, session->service_url,
 *                               session->did, http, secrets, clock)
 *
 * Only the tokens are kept (in the keyring); the app password is not
 * stored. The channel renews the session with the refresh token; when
 * that fails (revoked, or unused for months) the user signs in again,
 * because automatic sign-ins would run into the servers' strict limits
 * on createSession. */

G_DEFINE_BOXED_TYPE (DeskBlueskySession,
                     desk_bluesky_session,
                     desk_bluesky_session_copy,
                     desk_bluesky_session_free)

typedef struct
{
  DeskSecrets *secrets;
  gint64 account_id;
  char *refresh_jwt;
} SaveJob;

DeskBlueskySession *
desk_bluesky_session_copy (const DeskBlueskySession *self)
{
  DeskBlueskySession *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DeskBlueskySession, 1);
  copy->did = g_strdup (self->did);
  copy->handle = g_strdup (self->handle);
  copy->service_url = g_strdup (self->service_url);
  copy->access_jwt = g_strdup (self->access_jwt);
  copy->refresh_jwt = g_strdup (self->refresh_jwt);
  copy->chat_allowed = self->chat_allowed;
  return copy;
}

void
desk_bluesky_session_free (DeskBlueskySession *self)
{
  if (self == NULL)
    return;
  g_free (self->did);
  g_free (self->handle);
  g_free (self->service_url);
  g_free (self->access_jwt);
  g_free (self->refresh_jwt);
  g_free (self);
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "localhost") == 0
         || g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0;
}

/* The PDS named in the account's DID document, when it can be trusted:
 * with bsky.social the user signs in at the entryway, but their data
 * lives on one of its PDS hosts. Plain http is accepted only for a PDS on
 * this machine (development and tests). */
static char *
pds_from_did_doc (JsonObject *did_doc, const char *signed_in_at)
{
  JsonArray *services = desk_bluesky_json_array (did_doc, "service");
  guint len = services ? json_array_get_length (services) : 0;

  for (guint i = 0; i < len; i++)
    {
      JsonObject *service
          = desk_bluesky_node_object (json_array_get_element (services, i));
      const char *id = desk_bluesky_json_string (service, "id");
      const char *endpoint
          = desk_bluesky_json_string (service, "serviceEndpoint");
      g_autoptr (GUri) uri = NULL;
      g_autoptr (GUri) origin = NULL;

      if (id == NULL || !g_str_has_suffix (id, "#atproto_pds")
          || endpoint == NULL)
        continue;

      uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
      origin = g_uri_parse (signed_in_at, G_URI_FLAGS_NONE, NULL);
      if (uri == NULL || g_uri_get_host (uri) == NULL)
        continue;
      if (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0
          || (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0
              && is_loopback (g_uri_get_host (uri)) && origin != NULL
              && is_loopback (g_uri_get_host (origin))))
        return g_strdup (endpoint);
    }
  return NULL;
}

static void
on_session_created_cb (GObject *source,
                       GAsyncResult *result,
                       gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  DeskBlueskyClient *client = DESK_BLUESKY_CLIENT (source);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskBlueskySession) session = NULL;
  g_autoptr (JsonObject) claims = NULL;
  JsonObject *object;
  const char *did;
  const char *handle;
  const char *access;
  const char *refresh;
  const char *scope;

  node = desk_bluesky_client_call_finish (client, result, NULL, &error);
  if (node == NULL)
    {
      /* createSession answers a wrong password with 401: that is the
       * user's typo, not an expired session. */
      if (g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH))
        g_task_return_new_error (
            task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
            _ ("Bluesky did not accept the handle or the app password."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object = desk_bluesky_node_object (node);
  did = desk_bluesky_json_string (object, "did");
  handle = desk_bluesky_json_string (object, "handle");
  access = desk_bluesky_json_string (object, "accessJwt");
  refresh = desk_bluesky_json_string (object, "refreshJwt");
  if (did == NULL || !g_str_has_prefix (did, "did:") || handle == NULL
      || access == NULL || refresh == NULL)
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_INVALID,
                               _ ("Bluesky signed in without a session."));
      return;
    }

  session = g_new0 (DeskBlueskySession, 1);
  session->did = g_strdup (did);
  session->handle = g_strdup (handle);
  session->access_jwt = g_strdup (access);
  session->refresh_jwt = g_strdup (refresh);
  session->service_url
      = pds_from_did_doc (desk_bluesky_json_object (object, "didDoc"),
                          desk_bluesky_client_get_service_url (client));
  if (session->service_url == NULL)
    session->service_url
        = g_strdup (desk_bluesky_client_get_service_url (client));

  claims = desk_bluesky_jwt_decode (access);
  scope = desk_bluesky_json_string (claims, "scope");
  session->chat_allowed = g_strcmp0 (scope, "com.atproto.appPass") != 0;

  g_task_return_pointer (task, g_steal_pointer (&session),
                         (GDestroyNotify) desk_bluesky_session_free);
}

/* Signs in at @service_url (NULL: https://bsky.social, or the address of
 * a self-hosted PDS) with a handle (or e-mail address) and an app
 * password. Fails with DESK_CHANNEL_ERROR_AUTH for wrong credentials and
 * DESK_CHANNEL_ERROR_RATE_LIMIT after too many attempts. */
void
desk_bluesky_sign_in_async (DeskHttp *http,
                            const char *service_url,
                            const char *identifier,
                            const char *app_password,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (DeskBlueskyClient) client = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) input = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (DESK_IS_HTTP (http));
  g_return_if_fail (identifier != NULL);
  g_return_if_fail (app_password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_bluesky_sign_in_async);

  /* People copy handles with their "@" and with spaces around. */
  id = g_strstrip (g_strdup (identifier));
  if (id[0] == '@')
    memmove (id, id + 1, strlen (id));
  if (*id == '\0' || *app_password == '\0')
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_AUTH,
                               _ ("Enter the handle and an app password."));
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, app_password);
  json_builder_end_object (builder);
  input = json_builder_get_root (builder);

  client = desk_bluesky_client_new (http, service_url);
  desk_bluesky_client_call_async (client, "com.atproto.server.createSession",
                                  NULL, input, DESK_BLUESKY_CALL_NONE,
                                  cancellable, on_session_created_cb,
                                  g_steal_pointer (&task));
}

DeskBlueskySession *
desk_bluesky_sign_in_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_bluesky_sign_in_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->secrets);
  g_free (job->refresh_jwt);
  g_free (job);
}

static void
on_refresh_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!desk_secrets_store_finish (DESK_SECRETS (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_access_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SaveJob *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!desk_secrets_store_finish (DESK_SECRETS (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  desk_secrets_store_async (
      job->secrets, job->account_id, DESK_BLUESKY_SECRET_REFRESH,
      "Bluesky session renewal", job->refresh_jwt,
      g_task_get_cancellable (task), on_refresh_saved_cb, g_object_ref (task));
}

/* Keeps @session's tokens in the keyring under @account_id, where
 * desk_bluesky_channel_new() finds them. */
void
desk_bluesky_session_save_async (const DeskBlueskySession *session,
                                 DeskSecrets *secrets,
                                 gint64 account_id,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (session != NULL);
  g_return_if_fail (DESK_IS_SECRETS (secrets));
  g_return_if_fail (account_id > 0);

  task = g_task_new (secrets, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_bluesky_session_save_async);

  job = g_new0 (SaveJob, 1);
  job->secrets = g_object_ref (secrets);
  job->account_id = account_id;
  job->refresh_jwt = g_strdup (session->refresh_jwt);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);

  desk_secrets_store_async (secrets, account_id, DESK_BLUESKY_SECRET_ACCESS,
                            "Bluesky session", session->access_jwt, cancellable,
                            on_access_saved_cb, g_steal_pointer (&task));
}

gboolean
desk_bluesky_session_save_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
