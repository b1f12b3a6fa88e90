/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-mastodon-channel"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "desk-mastodon-channel-private.h"
#include "desk-mastodon-text.h"

/* One signed-in Mastodon account. The type, its limits, the token and the
 * live stream live here; syncing and sending have files of their own.
 *
 * Moderation stays the base's "not supported": Mastodon cannot hide
 * replies under a post, and muting or blocking a customer would take them
 * out of the inbox, which a support team must never do by accident. */

G_DEFINE_FINAL_TYPE (DeskMastodonChannel,
                     desk_mastodon_channel,
                     DESK_TYPE_CHANNEL)

enum
{
  PROP_0,
  PROP_SERVER_URL,
  PROP_OWN_ACCOUNT_ID,
  PROP_HTTP,
  PROP_SECRETS,
  PROP_LIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFAULT_MAX_LENGTH 500

static gboolean
same_origin (GUri *a, GUri *b)
{
  return g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                                g_uri_get_host (b) ? g_uri_get_host (b) : "")
                == 0
         && g_uri_get_port (a) == g_uri_get_port (b);
}

SoupMessage *
_desk_mastodon_channel_new_request (DeskMastodonChannel *self,
                                    const char *method,
                                    const char *path_or_url,
                                    GError **error)
{
  g_autoptr (GUri) server = NULL;
  g_autoptr (GUri) uri = NULL;
  SoupMessage *message;

  server = g_uri_parse (self->server_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (server == NULL)
    {
      g_set_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_FAILED,
                   _ ("The server address “%s” is not valid."),
                   self->server_url);
      return NULL;
    }

  uri = g_uri_parse_relative (server, path_or_url, SOUP_HTTP_URI_FLAGS, NULL);
  /* Paging links come from the server; one that points elsewhere must not
   * receive our token. */
  if (uri == NULL || !same_origin (server, uri))
    {
      g_set_error_literal (error, DESK_CHANNEL_ERROR,
                           DESK_CHANNEL_ERROR_INVALID,
                           _ ("The server sent a link to another server; "
                              "Socialdesk did not follow it."));
      return NULL;
    }

  message = soup_message_new_from_uri (method, uri);
  if (self->token != NULL)
    desk_http_set_bearer (message, self->token);
  return message;
}

gboolean
_desk_mastodon_channel_is_server_url (DeskMastodonChannel *self,
                                      const char *url)
{
  g_autoptr (GUri) server
      = g_uri_parse (self->server_url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr (GUri) uri = NULL;

  if (server == NULL || url == NULL)
    return FALSE;
  uri = g_uri_parse_relative (server, url, SOUP_HTTP_URI_FLAGS, NULL);
  return uri != NULL && same_origin (server, uri);
}

gboolean
_desk_mastodon_channel_is_own (DeskMastodonChannel *self,
                               const DeskMastodonAccount *account)
{
  return account != NULL && g_strcmp0 (account->id, self->own_account_id) == 0;
}

static void
on_token_lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  DeskMastodonChannel *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  char *token;

  token = desk_secrets_lookup_finish (DESK_SECRETS (source), result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        /* A keyring the user must unlock or install: they must act, like
         * for a sign-in, so the reply waits for them. */
        g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                                 DESK_CHANNEL_ERROR_AUTH, "%s", error->message);
      return;
    }
  if (token == NULL || *token == '\0')
    {
      desk_secrets_free_value (token);
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_AUTH,
                               _ ("Socialdesk has no sign-in for this "
                                  "Mastodon account. Sign in again."));
      return;
    }

  if (self->token == NULL)
    self->token = token;
  else
    desk_secrets_free_value (token);
  g_task_return_boolean (task, TRUE);
}

void
_desk_mastodon_channel_load_token_async (DeskMastodonChannel *self,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _desk_mastodon_channel_load_token_async);
  if (self->token != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  desk_secrets_lookup_async (self->secrets,
                             desk_channel_get_account_id (DESK_CHANNEL (self)),
                             DESK_MASTODON_SECRET_ACCESS_TOKEN, cancellable,
                             on_token_lookup_cb, g_steal_pointer (&task));
}

gboolean
_desk_mastodon_channel_load_token_finish (DeskMastodonChannel *self,
                                          GAsyncResult *result,
                                          GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
drop_token (DeskMastodonChannel *self)
{
  if (self->token == NULL)
    return;
  desk_secrets_free_value (g_steal_pointer (&self->token));
}

static void
stop_stream (DeskMastodonChannel *self)
{
  if (self->stream == NULL)
    return;

  desk_mastodon_stream_stop (self->stream);
  g_signal_handlers_disconnect_by_data (self->stream, self);
  g_clear_object (&self->stream);
}

void
_desk_mastodon_channel_note_error (DeskMastodonChannel *self,
                                   const GError *error)
{
  if (g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH))
    {
      /* The user may sign in again meanwhile; read the keyring anew. */
      drop_token (self);
      stop_stream (self);
    }
}

static void
on_stream_connected_cb (DeskMastodonStream *stream, gpointer user_data)
{
  /* Whatever happened while the stream was down is fetched over REST. */
  desk_channel_request_sync (DESK_CHANNEL (user_data));
}

static void
on_stream_notification_cb (DeskMastodonStream *stream,
                           const char *type,
                           gpointer user_data)
{
  if (type == NULL || g_str_equal (type, "mention"))
    desk_channel_request_sync (DESK_CHANNEL (user_data));
}

void
_desk_mastodon_channel_sync_succeeded (DeskMastodonChannel *self)
{
  if (!self->live || self->token == NULL)
    return;

  if (self->stream == NULL)
    {
      self->stream = desk_mastodon_stream_new (
          self->http,
          self->streaming_url ? self->streaming_url : self->server_url);
      g_signal_connect (self->stream, "connected",
                        G_CALLBACK (on_stream_connected_cb), self);
      g_signal_connect (self->stream, "notification",
                        G_CALLBACK (on_stream_notification_cb), self);
    }

  /* A stream that gave up stays down until live updates are switched
   * off and on again; polling carries on meanwhile. */
  if (!desk_mastodon_stream_get_gave_up (self->stream))
    desk_mastodon_stream_start (self->stream, self->token);
}

static guint
positive_int (JsonObject *object, const char *name)
{
  gint64 value = desk_json_get_int (object, name, 0);

  return value > 0 && value < G_MAXINT32 ? (guint) value : 0;
}

/* Only an https (or, for a local test server, the server's own scheme)
 * streaming address may receive the token. */
static void
set_streaming_url (DeskMastodonChannel *self, const char *url)
{
  if (url == NULL)
    return;
  if (!g_str_has_prefix (url, "wss://") && !g_str_has_prefix (url, "https://")
      && !(g_str_has_prefix (self->server_url, "http://")
           && (g_str_has_prefix (url, "ws://")
               || g_str_has_prefix (url, "http://"))))
    return;

  g_free (self->streaming_url);
  self->streaming_url = g_strdup (url);
}

static void
apply_instance (DeskMastodonChannel *self, JsonObject *instance)
{
  JsonObject *configuration = desk_json_get_object (instance, "configuration");
  JsonObject *statuses = desk_json_get_object (configuration, "statuses");
  JsonObject *urls = desk_json_get_object (configuration, "urls");
  guint max = positive_int (statuses, "max_characters");
  guint url_length = positive_int (statuses, "characters_reserved_per_url");

  /* Older servers and forks (Pleroma, glitch) say it elsewhere. */
  if (max == 0)
    max = positive_int (instance, "max_toot_chars");
  if (max > 0)
    self->max_length = max;
  if (url_length > 0)
    self->url_length = url_length;

  if (urls == NULL)
    urls = desk_json_get_object (instance, "urls");
  set_streaming_url (self, desk_json_get_string (urls, "streaming"));
  set_streaming_url (self, desk_json_get_string (urls, "streaming_api"));
}

static void
on_instance_v1_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  DeskMastodonChannel *self = g_task_get_source_object (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      apply_instance (self, json_node_get_object (root));
      self->instance_loaded = TRUE;
    }
  else if (error != NULL
           && !g_error_matches (error, DESK_CHANNEL_ERROR,
                                DESK_CHANNEL_ERROR_NETWORK)
           && !g_error_matches (error, DESK_CHANNEL_ERROR,
                                DESK_CHANNEL_ERROR_RATE_LIMIT))
    /* No instance information at all: the defaults are all there is. */
    self->instance_loaded = TRUE;

  g_task_return_boolean (task, TRUE);
}

static void
on_instance_v2_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  DeskMastodonChannel *self = g_task_get_source_object (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupMessage) message = NULL;
  GCancellable *cancellable;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      apply_instance (self, json_node_get_object (root));
      self->instance_loaded = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Servers before Mastodon 4.0, and GoToSocial for a while, only have
   * the first version. */
  message = _desk_mastodon_channel_new_request (self, "GET", "/api/v1/instance",
                                                NULL);
  cancellable = g_task_get_cancellable (task);
  desk_http_send_json_async (self->http, message, cancellable,
                             on_instance_v1_cb, g_steal_pointer (&task));
}

void
_desk_mastodon_channel_load_instance_async (DeskMastodonChannel *self,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (SoupMessage) message = NULL;

  g_task_set_source_tag (task, _desk_mastodon_channel_load_instance_async);
  if (self->instance_loaded)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  message = _desk_mastodon_channel_new_request (self, "GET", "/api/v2/instance",
                                                NULL);
  desk_http_send_json_async (self->http, message, cancellable,
                             on_instance_v2_cb, g_steal_pointer (&task));
}

void
_desk_mastodon_channel_load_instance_finish (DeskMastodonChannel *self,
                                             GAsyncResult *result)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

static const char *
desk_mastodon_channel_get_network (DeskChannel *channel)
{
  return "mastodon";
}

static DeskChannelCaps
desk_mastodon_channel_get_capabilities (DeskChannel *channel)
{
  /* No HIDE: Mastodon has no way to hide replies under a post. */
  return DESK_CHANNEL_CAP_PRIVATE | DESK_CHANNEL_CAP_LIVE;
}

static guint
desk_mastodon_channel_get_max_length (DeskChannel *channel)
{
  return DESK_MASTODON_CHANNEL (channel)->max_length;
}

static guint
desk_mastodon_channel_count_length (DeskChannel *channel, const char *text)
{
  return desk_mastodon_count_length (
      text, DESK_MASTODON_CHANNEL (channel)->url_length);
}

static void
on_verify_credentials_cb (GObject *source,
                          GAsyncResult *result,
                          gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  DeskMastodonChannel *self = g_task_get_source_object (task);
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  const char *id = NULL;

  root = desk_http_send_json_finish (DESK_HTTP (source), result, NULL, &error);
  if (root == NULL)
    {
      _desk_mastodon_channel_note_error (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    id = desk_json_get_string (json_node_get_object (root), "id");
  if (g_strcmp0 (id, self->own_account_id) != 0)
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_AUTH,
                               _ ("The saved sign-in belongs to another "
                                  "Mastodon account. Sign in again."));
      drop_token (self);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_authenticate_token_cb (GObject *source,
                          GAsyncResult *result,
                          gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  DeskMastodonChannel *self = DESK_MASTODON_CHANNEL (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupMessage) message = NULL;
  GCancellable *cancellable;

  if (!_desk_mastodon_channel_load_token_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  message = _desk_mastodon_channel_new_request (
      self, "GET", "/api/v1/accounts/verify_credentials", &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  desk_http_send_json_async (self->http, message, cancellable,
                             on_verify_credentials_cb, g_steal_pointer (&task));
}

/* Checks that the saved token still works and belongs to this account. */
static void
desk_mastodon_channel_authenticate_async (DeskChannel *channel,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data)
{
  DeskMastodonChannel *self = DESK_MASTODON_CHANNEL (channel);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, desk_mastodon_channel_authenticate_async);
  _desk_mastodon_channel_load_token_async (
      self, cancellable, on_authenticate_token_cb, g_steal_pointer (&task));
}

static gboolean
desk_mastodon_channel_authenticate_finish (DeskChannel *channel,
                                           GAsyncResult *result,
                                           GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
desk_mastodon_channel_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  DeskMastodonChannel *self = DESK_MASTODON_CHANNEL (object);

  switch (prop_id)
    {
      case PROP_SERVER_URL:
        g_value_set_string (value, self->server_url);
        break;

      case PROP_OWN_ACCOUNT_ID:
        g_value_set_string (value, self->own_account_id);
        break;

      case PROP_HTTP:
        g_value_set_object (value, self->http);
        break;

      case PROP_SECRETS:
        g_value_set_object (value, self->secrets);
        break;

      case PROP_LIVE:
        g_value_set_boolean (value, self->live);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_mastodon_channel_set_property (GObject *object,
                                    guint prop_id,
                                    const GValue *value,
                                    GParamSpec *pspec)
{
  DeskMastodonChannel *self = DESK_MASTODON_CHANNEL (object);

  switch (prop_id)
    {
      case PROP_SERVER_URL:
        {
          g_autofree char *url = g_value_dup_string (value);
          gsize len = url ? strlen (url) : 0;

          while (len > 0 && url[len - 1] == '/')
            url[--len] = '\0';
          self->server_url = g_steal_pointer (&url);
        }
        break;

      case PROP_OWN_ACCOUNT_ID:
        self->own_account_id = g_value_dup_string (value);
        break;

      case PROP_HTTP:
        self->http = g_value_dup_object (value);
        break;

      case PROP_SECRETS:
        self->secrets = g_value_dup_object (value);
        break;

      case PROP_LIVE:
        desk_mastodon_channel_set_live (self, g_value_get_boolean (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_mastodon_channel_dispose (GObject *object)
{
  DeskMastodonChannel *self = DESK_MASTODON_CHANNEL (object);

  g_cancellable_cancel (self->cancellable);
  stop_stream (self);
  drop_token (self);
  g_clear_object (&self->http);
  g_clear_object (&self->secrets);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (desk_mastodon_channel_parent_class)->dispose (object);
}

static void
desk_mastodon_channel_finalize (GObject *object)
{
  DeskMastodonChannel *self = DESK_MASTODON_CHANNEL (object);

  g_free (self->server_url);
  g_free (self->own_account_id);
  g_free (self->streaming_url);
  g_free (self->own_since);
  g_hash_table_unref (self->thread_of);
  g_hash_table_unref (self->request_marks);
  g_hash_table_unref (self->conversation_marks);
  g_hash_table_unref (self->own_reported);

  G_OBJECT_CLASS (desk_mastodon_channel_parent_class)->finalize (object);
}

static void
desk_mastodon_channel_class_init (DeskMastodonChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DeskChannelClass *channel_class = DESK_CHANNEL_CLASS (klass);

  object_class->get_property = desk_mastodon_channel_get_property;
  object_class->set_property = desk_mastodon_channel_set_property;
  object_class->dispose = desk_mastodon_channel_dispose;
  object_class->finalize = desk_mastodon_channel_finalize;

  channel_class->get_network = desk_mastodon_channel_get_network;
  channel_class->get_capabilities = desk_mastodon_channel_get_capabilities;
  channel_class->get_max_length = desk_mastodon_channel_get_max_length;
  channel_class->count_length = desk_mastodon_channel_count_length;
  channel_class->authenticate_async = desk_mastodon_channel_authenticate_async;
  channel_class->authenticate_finish
      = desk_mastodon_channel_authenticate_finish;
  channel_class->sync_async = _desk_mastodon_channel_sync_async;
  channel_class->sync_finish = _desk_mastodon_channel_sync_finish;
  channel_class->send_async = _desk_mastodon_channel_send_async;
  channel_class->send_finish = _desk_mastodon_channel_send_finish;

  properties[PROP_SERVER_URL] = g_param_spec_string (
      "server-url", NULL, NULL, NULL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OWN_ACCOUNT_ID] = g_param_spec_string (
      "own-account-id", NULL, NULL, NULL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HTTP] = g_param_spec_object (
      "http", NULL, NULL, DESK_TYPE_HTTP,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECRETS] = g_param_spec_object (
      "secrets", NULL, NULL, DESK_TYPE_SECRETS,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] = g_param_spec_boolean (
      "live", NULL, NULL, TRUE,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_mastodon_channel_init (DeskMastodonChannel *self)
{
  self->max_length = DEFAULT_MAX_LENGTH;
  self->url_length = DESK_MASTODON_URL_LENGTH;
  self->live = TRUE;
  self->cancellable = g_cancellable_new ();
  self->thread_of
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->request_marks
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->conversation_marks
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->own_reported
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

DeskChannel *
desk_mastodon_channel_new (gint64 account_id,
                           const char *server_url,
                           const char *own_account_id,
                           DeskHttp *http,
                           DeskSecrets *secrets,
                           DeskClock *clock)
{
  g_return_val_if_fail (account_id > 0, NULL);
  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (own_account_id != NULL && *own_account_id != '\0',
                        NULL);
  g_return_val_if_fail (DESK_IS_HTTP (http), NULL);
  g_return_val_if_fail (DESK_IS_SECRETS (secrets), NULL);
  g_return_val_if_fail (clock == NULL || DESK_IS_CLOCK (clock), NULL);

  return g_object_new (DESK_TYPE_MASTODON_CHANNEL, "account-id", account_id,
                       "server-url", server_url, "own-account-id",
                       own_account_id, "http", http, "secrets", secrets,
                       "clock", clock, NULL);
}

const char *
desk_mastodon_channel_get_server_url (DeskMastodonChannel *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_CHANNEL (self), NULL);

  return self->server_url;
}

const char *
desk_mastodon_channel_get_own_account_id (DeskMastodonChannel *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_CHANNEL (self), NULL);

  return self->own_account_id;
}

gboolean
desk_mastodon_channel_get_live (DeskMastodonChannel *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_CHANNEL (self), FALSE);

  return self->live;
}

void
desk_mastodon_channel_set_live (DeskMastodonChannel *self, gboolean live)
{
  g_return_if_fail (DESK_IS_MASTODON_CHANNEL (self));

  live = !!live;
  if (self->live == live)
    return;

  self->live = live;
  if (!live)
    stop_stream (self);
  else if (self->token != NULL)
    _desk_mastodon_channel_sync_succeeded (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

gboolean
desk_mastodon_channel_get_streaming (DeskMastodonChannel *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_CHANNEL (self), FALSE);

  return self->stream != NULL
         && desk_mastodon_stream_get_connected (self->stream);
}

gint64
desk_mastodon_channel_get_retry_at (DeskMastodonChannel *self)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (DESK_IS_MASTODON_CHANNEL (self), 0);

  uri = g_uri_parse (self->server_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return 0;
  if (g_uri_get_port (uri) > 0)
    host
        = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  else
    host = g_strdup (g_uri_get_host (uri));
  return desk_http_get_blocked_until (self->http, host);
}
