/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-bluesky-channel"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "desk-bluesky-channel-private.h"

/* A Bluesky account: public posts that mention or answer it, and its
 * direct messages where the account's chat service allows them. The
 * session (access and refresh tokens) lives in the keyring; the app
 * password is never stored (see desk-bluesky-auth.c). Syncing lives in
 * desk-bluesky-channel-sync.c, replying and hiding in
 * desk-bluesky-channel-send.c. */

G_DEFINE_FINAL_TYPE (DeskBlueskyChannel,
                     desk_bluesky_channel,
                     DESK_TYPE_CHANNEL)

enum
{
  PROP_0,
  PROP_SERVICE_URL,
  PROP_DID,
  PROP_HTTP,
  PROP_SECRETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* After the chat service said no, ask again this much later: an app
 * password may have been replaced in the meantime. After an outage, try
 * sooner. */
#define CHAT_RETRY_SECONDS 3600
#define CHAT_RETRY_TRANSIENT_SECONDS 600

typedef struct
{
  GTask *task;
  DeskBlueskyStep step;
} StepCall;

typedef struct
{
  GTask *task;
  DeskBlueskyThen then;
  char *access;
} SessionLoad;

static void
on_step_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  StepCall *call = user_data;
  g_autoptr (GTask) task = call->task;
  DeskBlueskyStep step = call->step;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *xrpc_error = NULL;

  g_free (call);
  node = desk_bluesky_client_call_finish (DESK_BLUESKY_CLIENT (source), result,
                                          &xrpc_error, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_task_return_error_if_cancelled (task))
    {
      if (!g_task_had_error (task))
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  step (task, node, xrpc_error, error);
}

void
_desk_bluesky_channel_call (GTask *task,
                            const char *nsid,
                            const char *query,
                            JsonNode *input,
                            DeskBlueskyCallFlags flags,
                            DeskBlueskyStep step)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  StepCall *call = g_new0 (StepCall, 1);

  call->task = g_object_ref (task);
  call->step = step;
  desk_bluesky_client_call_async (self->client, nsid, query, input, flags,
                                  g_task_get_cancellable (task),
                                  on_step_done_cb, call);
}

static void
session_load_free (SessionLoad *load)
{
  g_clear_object (&load->task);
  g_free (load->access);
  g_free (load);
}

static GError *
secrets_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
                      _ ("The Bluesky session could not be read from the "
                         "keyring: %s"),
                      error->message);
}

static void
on_refresh_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SessionLoad *load = user_data;
  DeskBlueskyChannel *self = g_task_get_source_object (load->task);
  g_autoptr (GError) error = NULL;
  g_autofree char *refresh = NULL;

  refresh = desk_secrets_lookup_finish (DESK_SECRETS (source), result, &error);
  if (error != NULL)
    g_task_return_error (load->task, secrets_error (error));
  else if (refresh == NULL && load->access == NULL)
    g_task_return_new_error (
        load->task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
        _ ("Not signed in to Bluesky. Sign in with an app password."));
  else
    {
      /* Tokens set meanwhile (a sign-in) are newer than the keyring's. */
      if (!self->session_loaded)
        desk_bluesky_client_set_tokens (self->client, load->access, refresh);
      self->session_loaded = TRUE;
      load->then (load->task);
    }
  session_load_free (load);
}

static void
on_access_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SessionLoad *load = user_data;
  DeskBlueskyChannel *self = g_task_get_source_object (load->task);
  g_autoptr (GError) error = NULL;

  load->access
      = desk_secrets_lookup_finish (DESK_SECRETS (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (load->task, secrets_error (error));
      session_load_free (load);
      return;
    }

  desk_secrets_lookup_async (
      self->secrets, desk_channel_get_account_id (DESK_CHANNEL (self)),
      DESK_BLUESKY_SECRET_REFRESH, g_task_get_cancellable (load->task),
      on_refresh_loaded_cb, load);
}

/* Runs @then once the session's tokens are known, reading them from the
 * keyring on first use. */
void
_desk_bluesky_channel_ensure_session (GTask *task, DeskBlueskyThen then)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  SessionLoad *load;

  if (self->session_loaded || self->secrets == NULL)
    {
      then (task);
      return;
    }

  load = g_new0 (SessionLoad, 1);
  load->task = g_object_ref (task);
  load->then = then;
  desk_secrets_lookup_async (
      self->secrets, desk_channel_get_account_id (DESK_CHANNEL (self)),
      DESK_BLUESKY_SECRET_ACCESS, g_task_get_cancellable (task),
      on_access_loaded_cb, load);
}

void
_desk_bluesky_channel_mark_chat_unavailable (DeskBlueskyChannel *self,
                                             gboolean transient)
{
  gint64 now
      = desk_clock_get_now (desk_channel_get_clock (DESK_CHANNEL (self)));

  self->chat_unavailable = TRUE;
  self->chat_retry_at
      = now + (transient ? CHAT_RETRY_TRANSIENT_SECONDS : CHAT_RETRY_SECONDS);
}

/* Direct messages are kept apart from posts by their ids: "chat:<convo>"
 * for the conversation, "chat:<convo>/<message>" for a message. */
char *
_desk_bluesky_chat_thread_id (const char *convo_id)
{
  return g_strdup_printf ("chat:%s", convo_id);
}

char *
_desk_bluesky_chat_message_id (const char *convo_id, const char *id)
{
  return g_strdup_printf ("chat:%s/%s", convo_id, id);
}

char *
_desk_bluesky_chat_convo_from_thread (const char *thread_remote_id)
{
  if (thread_remote_id == NULL || !g_str_has_prefix (thread_remote_id, "chat:")
      || thread_remote_id[5] == '\0' || strchr (thread_remote_id, '/') != NULL)
    return NULL;
  return g_strdup (thread_remote_id + 5);
}

static void
on_tokens_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!desk_secrets_store_finish (DESK_SECRETS (source), result, &error))
    g_warning ("could not keep the renewed Bluesky session: %s",
               error->message);
}

static void
on_client_tokens_changed_cb (DeskBlueskyChannel *self,
                             DeskBlueskyClient *client)
{
  gint64 account_id = desk_channel_get_account_id (DESK_CHANNEL (self));

  if (self->secrets == NULL)
    return;

  /* The refresh token was rotated: the old one stops working soon, so the
   * new pair must reach the keyring for the next start. */
  desk_secrets_store_async (self->secrets, account_id,
                            DESK_BLUESKY_SECRET_ACCESS, "Bluesky session",
                            desk_bluesky_client_get_access_jwt (client), NULL,
                            on_tokens_saved_cb, NULL);
  desk_secrets_store_async (
      self->secrets, account_id, DESK_BLUESKY_SECRET_REFRESH,
      "Bluesky session renewal", desk_bluesky_client_get_refresh_jwt (client),
      NULL, on_tokens_saved_cb, NULL);
}

static const char *
desk_bluesky_channel_get_network (DeskChannel *channel)
{
  return "bluesky";
}

static DeskChannelCaps
desk_bluesky_channel_get_capabilities (DeskChannel *channel)
{
  DeskBlueskyChannel *self = DESK_BLUESKY_CHANNEL (channel);

  return DESK_CHANNEL_CAP_HIDE
         | (self->chat_unavailable ? 0 : DESK_CHANNEL_CAP_PRIVATE);
}

static guint
desk_bluesky_channel_get_max_length (DeskChannel *channel)
{
  return DESK_BLUESKY_MAX_POST_GRAPHEMES;
}

static guint
desk_bluesky_channel_count_length (DeskChannel *channel, const char *text)
{
  return desk_bluesky_count_graphemes (text);
}

static void
on_get_session_cb (GTask *task,
                   JsonNode *result,
                   const char *xrpc_error,
                   const GError *error)
{
  DeskBlueskyChannel *self = g_task_get_source_object (task);
  const char *did;

  if (error != NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  did = desk_bluesky_json_string (desk_bluesky_node_object (result), "did");
  if (g_strcmp0 (did, self->did) != 0)
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
          _ ("The Bluesky session belongs to another account. Sign in "
             "again."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
check_session (GTask *task)
{
  _desk_bluesky_channel_call (task, "com.atproto.server.getSession", NULL, NULL,
                              DESK_BLUESKY_CALL_AUTH, on_get_session_cb);
}

/* Checks that the stored session still works, renewing it if needed. */
static void
desk_bluesky_channel_authenticate_async (DeskChannel *channel,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (GTask) task
      = g_task_new (channel, cancellable, callback, user_data);

  g_task_set_source_tag (task, desk_bluesky_channel_authenticate_async);
  _desk_bluesky_channel_ensure_session (task, check_session);
}

static gboolean
desk_bluesky_channel_authenticate_finish (DeskChannel *channel,
                                          GAsyncResult *result,
                                          GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, channel), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
desk_bluesky_channel_get_property (GObject *object,
                                   guint prop_id,
                                   GValue *value,
                                   GParamSpec *pspec)
{
  DeskBlueskyChannel *self = DESK_BLUESKY_CHANNEL (object);

  switch (prop_id)
    {
      case PROP_SERVICE_URL:
        g_value_set_string (value, self->service_url);
        break;

      case PROP_DID:
        g_value_set_string (value, self->did);
        break;

      case PROP_HTTP:
        g_value_set_object (value, self->http);
        break;

      case PROP_SECRETS:
        g_value_set_object (value, self->secrets);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_bluesky_channel_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  DeskBlueskyChannel *self = DESK_BLUESKY_CHANNEL (object);

  switch (prop_id)
    {
      case PROP_SERVICE_URL:
        self->service_url = g_value_dup_string (value);
        break;

      case PROP_DID:
        self->did = g_value_dup_string (value);
        break;

      case PROP_HTTP:
        self->http = g_value_dup_object (value);
        break;

      case PROP_SECRETS:
        self->secrets = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static char **
languages_from_locale (void)
{
  const char *const *names = g_get_language_names ();
  char **languages = g_new0 (char *, 2);

  /* The first real locale gives the posts' language ("de_DE.UTF-8" →
   * "de"); readers' apps use it to filter and translate. */
  for (guint i = 0; names[i] != NULL && languages[0] == NULL; i++)
    if (g_ascii_isalpha (names[i][0]) && g_ascii_isalpha (names[i][1])
        && (names[i][2] == '\0' || names[i][2] == '_' || names[i][2] == '.'))
      languages[0] = g_ascii_strdown (names[i], 2);

  if (languages[0] == NULL)
    languages[0] = g_strdup ("en");
  return languages;
}

static void
desk_bluesky_channel_constructed (GObject *object)
{
  DeskBlueskyChannel *self = DESK_BLUESKY_CHANNEL (object);

  G_OBJECT_CLASS (desk_bluesky_channel_parent_class)->constructed (object);

  self->client = desk_bluesky_client_new (self->http, self->service_url);
  g_free (self->service_url);
  self->service_url
      = g_strdup (desk_bluesky_client_get_service_url (self->client));
  self->tokens_changed_handler = g_signal_connect_object (
      self->client, "tokens-changed", G_CALLBACK (on_client_tokens_changed_cb),
      self, G_CONNECT_SWAPPED);
  self->languages = languages_from_locale ();
}

static void
desk_bluesky_channel_dispose (GObject *object)
{
  DeskBlueskyChannel *self = DESK_BLUESKY_CHANNEL (object);

  if (self->client != NULL)
    g_clear_signal_handler (&self->tokens_changed_handler, self->client);
  g_clear_object (&self->client);
  g_clear_object (&self->http);
  g_clear_object (&self->secrets);

  G_OBJECT_CLASS (desk_bluesky_channel_parent_class)->dispose (object);
}

static void
desk_bluesky_channel_finalize (GObject *object)
{
  DeskBlueskyChannel *self = DESK_BLUESKY_CHANNEL (object);

  g_free (self->service_url);
  g_free (self->did);
  g_strfreev (self->languages);

  G_OBJECT_CLASS (desk_bluesky_channel_parent_class)->finalize (object);
}

static void
desk_bluesky_channel_class_init (DeskBlueskyChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DeskChannelClass *channel_class = DESK_CHANNEL_CLASS (klass);

  object_class->get_property = desk_bluesky_channel_get_property;
  object_class->set_property = desk_bluesky_channel_set_property;
  object_class->constructed = desk_bluesky_channel_constructed;
  object_class->dispose = desk_bluesky_channel_dispose;
  object_class->finalize = desk_bluesky_channel_finalize;

  channel_class->get_network = desk_bluesky_channel_get_network;
  channel_class->get_capabilities = desk_bluesky_channel_get_capabilities;
  channel_class->get_max_length = desk_bluesky_channel_get_max_length;
  channel_class->count_length = desk_bluesky_channel_count_length;
  channel_class->authenticate_async = desk_bluesky_channel_authenticate_async;
  channel_class->authenticate_finish = desk_bluesky_channel_authenticate_finish;
  channel_class->sync_async = _desk_bluesky_channel_sync_async;
  channel_class->sync_finish = _desk_bluesky_channel_sync_finish;
  channel_class->send_async = _desk_bluesky_channel_send_async;
  channel_class->send_finish = _desk_bluesky_channel_send_finish;
  channel_class->moderate_async = _desk_bluesky_channel_moderate_async;
  channel_class->moderate_finish = _desk_bluesky_channel_moderate_finish;

  properties[PROP_SERVICE_URL] = g_param_spec_string (
      "service-url", NULL, NULL, NULL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DID] = g_param_spec_string (
      "did", NULL, NULL, NULL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HTTP] = g_param_spec_object (
      "http", NULL, NULL, DESK_TYPE_HTTP,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECRETS] = g_param_spec_object (
      "secrets", NULL, NULL, DESK_TYPE_SECRETS,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_bluesky_channel_init (DeskBlueskyChannel *self)
{
}

/* The channel of an existing account: @service_url is its PDS (NULL:
 * https://bsky.social), @did its DID as sign-in returned it. The session
 * is read from @secrets on first use. */
DeskBlueskyChannel *
desk_bluesky_channel_new (gint64 account_id,
                          const char *service_url,
                          const char *did,
                          DeskHttp *http,
                          DeskSecrets *secrets,
                          DeskClock *clock)
{
  g_return_val_if_fail (did != NULL && g_str_has_prefix (did, "did:"), NULL);
  g_return_val_if_fail (DESK_IS_HTTP (http), NULL);
  g_return_val_if_fail (secrets == NULL || DESK_IS_SECRETS (secrets), NULL);
  g_return_val_if_fail (clock == NULL || DESK_IS_CLOCK (clock), NULL);

  return g_object_new (DESK_TYPE_BLUESKY_CHANNEL, "account-id", account_id,
                       "service-url", service_url, "did", did, "http", http,
                       "secrets", secrets, "clock", clock, NULL);
}

const char *
desk_bluesky_channel_get_did (DeskBlueskyChannel *self)
{
  g_return_val_if_fail (DESK_IS_BLUESKY_CHANNEL (self), NULL);

  return self->did;
}

const char *
desk_bluesky_channel_get_service_url (DeskBlueskyChannel *self)
{
  g_return_val_if_fail (DESK_IS_BLUESKY_CHANNEL (self), NULL);

  return self->service_url;
}

/* Hands over the tokens of a fresh sign-in, so the channel need not read
 * them back from the keyring. */
void
desk_bluesky_channel_set_session (DeskBlueskyChannel *self,
                                  const char *access_jwt,
                                  const char *refresh_jwt)
{
  g_return_if_fail (DESK_IS_BLUESKY_CHANNEL (self));

  desk_bluesky_client_set_tokens (self->client, access_jwt, refresh_jwt);
  self->session_loaded = TRUE;
  self->chat_unavailable = FALSE;
  self->chat_warned = FALSE;
}

/* The chat service's DID and service id (default
 * DESK_BLUESKY_DEFAULT_CHAT_PROXY). */
void
desk_bluesky_channel_set_chat_proxy (DeskBlueskyChannel *self,
                                     const char *proxy)
{
  g_return_if_fail (DESK_IS_BLUESKY_CHANNEL (self));

  desk_bluesky_client_set_chat_proxy (self->client, proxy);
}

/* The languages replies are marked with (BCP 47, e.g. "de"); by default
 * the user's locale. */
void
desk_bluesky_channel_set_languages (DeskBlueskyChannel *self,
                                    const char *const *languages)
{
  g_return_if_fail (DESK_IS_BLUESKY_CHANNEL (self));

  g_strfreev (self->languages);
  self->languages = g_strdupv ((char **) languages);
}

/* FALSE once the server said it has no chat for this account (no chat
 * service, or an app password without access to direct messages). */
gboolean
desk_bluesky_channel_get_chat_available (DeskBlueskyChannel *self)
{
  g_return_val_if_fail (DESK_IS_BLUESKY_CHANNEL (self), FALSE);

  return !self->chat_unavailable;
}
