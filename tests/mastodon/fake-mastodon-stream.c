/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fake-mastodon"

#include "config.h"

#include <string.h>

#include "fake-mastodon-private.h"

/* The streaming side of the fake server (methods/streaming): a WebSocket
 * on /api/v1/streaming that checks the token and the stream name, and
 * sends notification events the way Mastodon frames them. */

void
_fake_on_streaming_request (SoupServer *server,
                            SoupServerMessage *msg,
                            const char *path,
                            GHashTable *query,
                            gpointer user_data)
{
  FakeMastodon *self = user_data;
  FakeInjection *injection;

  g_ptr_array_add (self->log, g_strdup_printf ("GET %s", path));
  if (query != NULL && g_hash_table_contains (query, "access_token"))
    self->token_in_url = TRUE;

  injection = _fake_take_injection (self, "GET", path);
  if (injection != NULL
      && _fake_apply_early_fault (self, msg, injection->fault))
    return;

  if (!_fake_authorized (self, msg))
    {
      _fake_respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                           "Error: Missing access token");
      return;
    }
  if (query == NULL
      || g_strcmp0 (g_hash_table_lookup (query, "stream"), "user:notification")
             != 0)
    {
      _fake_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "Unknown stream type");
      return;
    }
  /* Leaving the status unset lets the WebSocket handshake go ahead. */
}

static void
on_stream_closed_cb (SoupWebsocketConnection *connection, gpointer user_data)
{
  FakeMastodon *self = user_data;

  g_ptr_array_remove (self->streams, connection);
}

void
_fake_on_websocket (SoupServer *server,
                    SoupServerMessage *msg,
                    const char *path,
                    SoupWebsocketConnection *connection,
                    gpointer user_data)
{
  FakeMastodon *self = user_data;

  g_signal_connect (connection, "closed", G_CALLBACK (on_stream_closed_cb),
                    self);
  g_ptr_array_add (self->streams, g_object_ref (connection));
}

guint
fake_mastodon_get_n_stream_clients (FakeMastodon *self)
{
  return self->streams->len;
}

void
fake_mastodon_push_notification (FakeMastodon *self, const char *type)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *event = NULL;
  g_autofree char *created = _fake_iso_time (FAKE_BASE_TIME + self->clock);

  payload = g_strdup_printf ("{\"id\":\"99\",\"type\":\"%s\","
                             "\"created_at\":\"%s\"}",
                             type, created);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stream");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "user:notification");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, "notification");
  json_builder_set_member_name (builder, "payload");
  json_builder_add_string_value (builder, payload);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  event = json_to_string (root, FALSE);

  for (guint i = 0; i < self->streams->len; i++)
    soup_websocket_connection_send_text (g_ptr_array_index (self->streams, i),
                                         event);
}

void
fake_mastodon_close_streams (FakeMastodon *self)
{
  for (guint i = 0; i < self->streams->len; i++)
    {
      SoupWebsocketConnection *connection
          = g_ptr_array_index (self->streams, i);

      g_signal_handlers_disconnect_by_data (connection, self);
      if (soup_websocket_connection_get_state (connection)
          == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (connection,
                                         SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
  g_ptr_array_set_size (self->streams, 0);
}
