/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-mastodon-stream"

#include "config.h"

#include <string.h>

#include "desk-mastodon-stream.h"

/* Streaming only tells that something happened; the REST sync fetches
 * what. So every (re)connect asks for a catch-up sync, and a missed event
 * costs at most one poll interval. */
struct _DeskMastodonStream
{
  GObject parent_instance;

  DeskHttp *http;
  char *base_url;
  char *token;

  GCancellable *cancellable;
  SoupMessage *handshake;
  SoupWebsocketConnection *connection;
  guint reconnect_source;
  guint attempt;
  guint refusals;
  guint n_connects;
  gboolean running;
  gboolean gave_up;
};

G_DEFINE_FINAL_TYPE (DeskMastodonStream, desk_mastodon_stream, G_TYPE_OBJECT)

enum
{
  CONNECTED,
  NOTIFICATION,
  GAVE_UP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define KEEPALIVE_SECONDS 30
/* Answers like 404 or 426 this often in a row mean "no streaming here". */
#define MAX_REFUSALS 3

static void connect_now (DeskMastodonStream *self);

static void
drop_connection (DeskMastodonStream *self)
{
  if (self->connection == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->connection, self);
  if (soup_websocket_connection_get_state (self->connection)
      == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection,
                                     SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_clear_object (&self->connection);
}

static void
give_up (DeskMastodonStream *self)
{
  g_debug ("live updates are not available; polling only");
  self->running = FALSE;
  self->gave_up = TRUE;
  g_signal_emit (self, signals[GAVE_UP], 0);
}

static gboolean
on_reconnect_cb (gpointer user_data)
{
  DeskMastodonStream *self = user_data;

  self->reconnect_source = 0;
  connect_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (DeskMastodonStream *self)
{
  guint wait;

  if (!self->running || self->reconnect_source != 0)
    return;

  wait = desk_http_backoff_seconds (++self->attempt, NULL);
  g_debug ("reconnecting in %u s", wait);
  self->reconnect_source = g_timeout_add_seconds (wait, on_reconnect_cb, self);
}

static void
on_message_cb (SoupWebsocketConnection *connection,
               SoupWebsocketDataType type,
               GBytes *message,
               gpointer user_data)
{
  DeskMastodonStream *self = user_data;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (JsonParser) payload_parser = json_parser_new_immutable ();
  const char *event;
  const char *payload;
  const char *kind = NULL;
  JsonObject *object;
  gsize size;
  const char *data;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;

  data = g_bytes_get_data (message, &size);
  if (!json_parser_load_from_data (parser, data, (gssize) size, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  event = desk_json_get_string (object, "event");
  if (g_strcmp0 (event, "notification") != 0)
    return;

  /* The payload is a JSON document in a string. Unreadable or of another
   * type: still worth a sync, servers differ in what they send. */
  payload = desk_json_get_string (object, "payload");
  if (payload != NULL
      && json_parser_load_from_data (payload_parser, payload, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (payload_parser)))
    kind = desk_json_get_string (
        json_node_get_object (json_parser_get_root (payload_parser)), "type");

  g_signal_emit (self, signals[NOTIFICATION], 0, kind);
}

static void
on_closed_cb (SoupWebsocketConnection *connection, gpointer user_data)
{
  DeskMastodonStream *self = user_data;

  g_debug ("stream closed (%u)",
           soup_websocket_connection_get_close_code (connection));
  drop_connection (self);
  schedule_reconnect (self);
}

static void
on_connect_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskMastodonStream) self = user_data;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GError) error = NULL;
  SoupWebsocketConnection *connection;
  guint status;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source),
                                                      result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!self->running)
    {
      g_clear_object (&connection);
      return;
    }

  if (connection == NULL)
    {
      message = g_steal_pointer (&self->handshake);
      status = message ? soup_message_get_status (message) : 0;
      g_debug ("stream not connected (%u): %s", status, error->message);

      if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        {
          /* The sync reports the sign-in problem to the user. */
          give_up (self);
          return;
        }
      if (status >= 400 && status < 500)
        self->refusals++;
      if (status == SOUP_STATUS_NOT_IMPLEMENTED)
        self->refusals++;
      if (self->refusals >= MAX_REFUSALS)
        {
          give_up (self);
          return;
        }
      schedule_reconnect (self);
      return;
    }

  g_clear_object (&self->handshake);
  self->connection = connection;
  self->attempt = 0;
  self->refusals = 0;
  self->n_connects++;
  soup_websocket_connection_set_keepalive_interval (connection,
                                                    KEEPALIVE_SECONDS);
  g_signal_connect (connection, "message", G_CALLBACK (on_message_cb), self);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed_cb), self);
  g_signal_emit (self, signals[CONNECTED], 0);
}

static char *
stream_url (DeskMastodonStream *self)
{
  g_autofree char *base = NULL;
  gsize len;

  /* The instance may name its streaming server as ws(s)://; libsoup wants
   * the http(s) form for the handshake. */
  if (g_str_has_prefix (self->base_url, "wss://"))
    base = g_strconcat ("https://", self->base_url + 6, NULL);
  else if (g_str_has_prefix (self->base_url, "ws://"))
    base = g_strconcat ("http://", self->base_url + 5, NULL);
  else
    base = g_strdup (self->base_url);

  len = strlen (base);
  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  return g_strconcat (base, "/api/v1/streaming?stream=user%3Anotification",
                      NULL);
}

static void
connect_now (DeskMastodonStream *self)
{
  g_autofree char *url = stream_url (self);
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);

  if (message == NULL)
    {
      give_up (self);
      return;
    }

  /* The token goes in a header, never in the URL, where logs and proxies
   * would see it. */
  desk_http_set_bearer (message, self->token);
  g_set_object (&self->handshake, message);
  soup_session_websocket_connect_async (desk_http_get_session (self->http),
                                        message, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->cancellable, on_connect_cb,
                                        g_object_ref (self));
}

static void
desk_mastodon_stream_dispose (GObject *object)
{
  DeskMastodonStream *self = DESK_MASTODON_STREAM (object);

  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  drop_connection (self);
  g_clear_object (&self->handshake);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (desk_mastodon_stream_parent_class)->dispose (object);
}

static void
desk_mastodon_stream_finalize (GObject *object)
{
  DeskMastodonStream *self = DESK_MASTODON_STREAM (object);

  g_free (self->base_url);
  g_free (self->token);

  G_OBJECT_CLASS (desk_mastodon_stream_parent_class)->finalize (object);
}

static void
desk_mastodon_stream_class_init (DeskMastodonStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_mastodon_stream_dispose;
  object_class->finalize = desk_mastodon_stream_finalize;

  /* Connected (again): whatever happened in between needs a sync. */
  signals[CONNECTED]
      = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A notification arrived; the argument is its type, or NULL when the
   * server did not say. */
  signals[NOTIFICATION] = g_signal_new (
      "notification", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[GAVE_UP]
      = g_signal_new ("gave-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
desk_mastodon_stream_init (DeskMastodonStream *self)
{
}

DeskMastodonStream *
desk_mastodon_stream_new (DeskHttp *http, const char *base_url)
{
  DeskMastodonStream *self;

  g_return_val_if_fail (DESK_IS_HTTP (http), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (DESK_TYPE_MASTODON_STREAM, NULL);
  self->http = g_object_ref (http);
  self->base_url = g_strdup (base_url);
  return self;
}

void
desk_mastodon_stream_start (DeskMastodonStream *self, const char *token)
{
  g_return_if_fail (DESK_IS_MASTODON_STREAM (self));
  g_return_if_fail (token != NULL);

  if (self->running)
    return;

  g_free (self->token);
  self->token = g_strdup (token);
  self->running = TRUE;
  self->gave_up = FALSE;
  self->attempt = 0;
  self->refusals = 0;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  connect_now (self);
}

void
desk_mastodon_stream_stop (DeskMastodonStream *self)
{
  g_return_if_fail (DESK_IS_MASTODON_STREAM (self));

  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  drop_connection (self);
}

gboolean
desk_mastodon_stream_get_connected (DeskMastodonStream *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_STREAM (self), FALSE);

  return self->connection != NULL;
}

gboolean
desk_mastodon_stream_get_gave_up (DeskMastodonStream *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_STREAM (self), FALSE);

  return self->gave_up;
}

guint
desk_mastodon_stream_get_n_connects (DeskMastodonStream *self)
{
  g_return_val_if_fail (DESK_IS_MASTODON_STREAM (self), FALSE);

  return self->n_connects;
}
