/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-http"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "desk-http.h"

/* Requests and answers may carry tokens (headers, OAuth bodies), so
 * nothing here ever logs a header or a body. */
struct _DeskHttp
{
  GObject parent_instance;

  SoupSession *session;
  DeskClock *clock;
  GHashTable *blocked_until; /* host → gint64* unix time */
};

G_DEFINE_FINAL_TYPE (DeskHttp, desk_http, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define USER_AGENT                                                             \
  "Socialdesk/" PACKAGE_VERSION " (+https://github.com/socialdesk/socialdesk)"
#define IDLE_TIMEOUT_SECONDS 60
#define MAX_BACKOFF_SECONDS (15 * 60)
#define MAX_SERVER_TEXT 200
/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

static char *
uri_host_key (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);

  if (host == NULL)
    return g_strdup ("");
  if (port > 0)
    return g_strdup_printf ("%s:%d", host, port);
  return g_strdup (host);
}

static const char *
uri_display_host (GUri *uri)
{
  const char *host = g_uri_get_host (uri);

  return host != NULL ? host : _ ("the server");
}

/* A server's own words, safe to show: one line, bounded, printable. */
static char *
server_text (JsonNode *node)
{
  JsonObject *object;
  const char *text;
  GString *clean;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  text = desk_json_get_string (object, "error_description");
  if (text == NULL)
    text = desk_json_get_string (object, "error");
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  clean = g_string_new (NULL);
  for (const char *p = text; *p != '\0' && clean->len < MAX_SERVER_TEXT;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        c = ' ';
      g_string_append_unichar (clean, c);
    }
  return g_strstrip (g_string_free (clean, FALSE));
}

static gint64
parse_reset (const char *value, gint64 now)
{
  g_autoptr (GDateTime) date = NULL;
  char *end = NULL;
  gint64 number;

  if (value == NULL || *value == '\0')
    return 0;

  number = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0')
    {
      /* Some servers send a unix time, others the seconds left. */
      if (number > 1000000000)
        return MAX (number - now, 0);
      return MAX (number, 0);
    }

  date = g_date_time_new_from_iso8601 (value, NULL);
  if (date == NULL)
    return 0;
  return MAX (g_date_time_to_unix (date) - now, 0);
}

guint
desk_http_retry_after (SoupMessage *message, gint64 now)
{
  SoupMessageHeaders *headers;
  const char *value;
  const char *remaining;
  gint64 wait = 0;

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), 0);

  headers = soup_message_get_response_headers (message);
  value = soup_message_headers_get_one (headers, "Retry-After");
  if (value != NULL)
    {
      char *end = NULL;
      gint64 seconds = g_ascii_strtoll (value, &end, 10);

      if (end != value && *end == '\0')
        wait = MAX (seconds, 0);
      else
        {
          g_autoptr (GDateTime) date
              = soup_date_time_new_from_http_string (value);

          if (date != NULL)
            wait = MAX (g_date_time_to_unix (date) - now, 0);
        }
    }

  remaining = soup_message_headers_get_one (headers, "X-RateLimit-Remaining");
  if (wait == 0
      && (soup_message_get_status (message) == STATUS_TOO_MANY_REQUESTS
          || g_strcmp0 (remaining, "0") == 0))
    wait = parse_reset (
        soup_message_headers_get_one (headers, "X-RateLimit-Reset"), now);

  return (guint) CLAMP (wait, 0, DESK_HTTP_MAX_WAIT_SECONDS);
}

guint
desk_http_backoff_seconds (guint attempt, GRand *rand)
{
  guint ceiling = 2;

  for (guint i = 1; i < attempt && ceiling < MAX_BACKOFF_SECONDS; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, MAX_BACKOFF_SECONDS);

  /* "Equal jitter": never less than half the step, so retries still back
   * off, but spread so that many clients do not return in step. */
  if (rand != NULL)
    return ceiling / 2 + (guint) g_rand_int_range (rand, 0, ceiling / 2 + 1);
  return ceiling / 2 + (guint) g_random_int_range (0, ceiling / 2 + 1);
}

gint64
desk_http_get_blocked_until (DeskHttp *self, const char *host)
{
  gint64 *until;

  g_return_val_if_fail (DESK_IS_HTTP (self), 0);
  g_return_val_if_fail (host != NULL, 0);

  until = g_hash_table_lookup (self->blocked_until, host);
  if (until == NULL || *until <= desk_clock_get_now (self->clock))
    return 0;
  return *until;
}

static void
block_host (DeskHttp *self, GUri *uri, guint seconds)
{
  gint64 *until = g_new (gint64, 1);

  *until = desk_clock_get_now (self->clock) + seconds;
  g_hash_table_replace (self->blocked_until, uri_host_key (uri), until);
}

static void
note_rate_limit (DeskHttp *self, SoupMessage *message)
{
  guint status = soup_message_get_status (message);
  const char *remaining = soup_message_headers_get_one (
      soup_message_get_response_headers (message), "X-RateLimit-Remaining");
  guint wait;

  if (status != STATUS_TOO_MANY_REQUESTS && g_strcmp0 (remaining, "0"))
    return;

  wait = desk_http_retry_after (message, desk_clock_get_now (self->clock));
  /* A 429 without any hint still means "not now". */
  if (wait == 0 && status == STATUS_TOO_MANY_REQUESTS)
    wait = desk_http_backoff_seconds (3, NULL);
  if (wait > 0)
    block_host (self, soup_message_get_uri (message), wait);
}

static char *
describe_wait (guint seconds)
{
  if (seconds < 90)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
        seconds);
  seconds = (seconds + 59) / 60;
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", seconds),
      seconds);
}

static GError *
rate_limit_error (GUri *uri, guint wait)
{
  g_autofree char *when = describe_wait (MAX (wait, 1));

  return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_RATE_LIMIT,
                      _ ("%s asks Socialdesk to slow down. Socialdesk will "
                         "try again in %s."),
                      uri_display_host (uri), when);
}

static gboolean
is_tls_failure (SoupMessage *message, const GError *error)
{
  return error->domain == G_TLS_ERROR
         || soup_message_get_tls_peer_certificate_errors (message) != 0;
}

static GError *
transport_error (SoupMessage *message, const GError *error)
{
  GUri *uri = soup_message_get_uri (message);

  if (is_tls_failure (message, error))
    return g_error_new (
        DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK,
        _ ("The connection to %s is not secure: its certificate could not be "
           "verified, so Socialdesk did not send or accept anything."),
        uri_display_host (uri));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK,
                        _ ("%s did not answer in time. Socialdesk will try "
                           "again."),
                        uri_display_host (uri));

  return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK,
                      _ ("Could not reach %s (%s). Check the internet "
                         "connection; Socialdesk will try again."),
                      uri_display_host (uri), error->message);
}

static GError *
status_error (DeskHttp *self, SoupMessage *message, JsonNode *body)
{
  GUri *uri = soup_message_get_uri (message);
  guint status = soup_message_get_status (message);
  g_autofree char *text = server_text (body);

  switch (status)
    {
      case SOUP_STATUS_UNAUTHORIZED:
      case SOUP_STATUS_FORBIDDEN:
        return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH,
                            _ ("%s no longer accepts this sign-in. Sign in "
                               "again."),
                            uri_display_host (uri));

      case SOUP_STATUS_NOT_FOUND:
      case SOUP_STATUS_GONE:
        return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE,
                            _ ("It no longer exists on %s."),
                            uri_display_host (uri));

      case STATUS_TOO_MANY_REQUESTS:
        return rate_limit_error (
            uri,
            desk_http_retry_after (message, desk_clock_get_now (self->clock)));

      case SOUP_STATUS_REQUEST_TIMEOUT:
        return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK,
                            _ ("%s did not answer in time. Socialdesk will "
                               "try again."),
                            uri_display_host (uri));

      default:
        break;
    }

  if (status >= 500)
    return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK,
                        _ ("%s has a problem right now (error %u). Socialdesk "
                           "will try again."),
                        uri_display_host (uri), status);

  if (text != NULL && *text != '\0')
    return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                        _ ("%s refused the request: %s"),
                        uri_display_host (uri), text);
  return g_error_new (DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID,
                      _ ("%s refused the request (error %u)."),
                      uri_display_host (uri), status);
}

static JsonNode *
parse_body (GBytes *bytes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  JsonNode *root;

  if (size == 0)
    return json_node_new (JSON_NODE_NULL);

  if (!g_utf8_validate (data, (gssize) size, NULL)
      || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    {
      g_set_error_literal (error, DESK_CHANNEL_ERROR,
                           DESK_CHANNEL_ERROR_INVALID,
                           _ ("The server sent an answer that is incomplete "
                              "or not readable."));
      return NULL;
    }

  root = json_parser_get_root (parser);
  return root != NULL ? json_node_copy (root) : json_node_new (JSON_NODE_NULL);
}

static void
on_send_and_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  DeskHttp *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                             &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, transport_error (message, error));
      return;
    }

  note_rate_limit (self, message);
  status = soup_message_get_status (message);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      root = parse_body (bytes, &error);
      if (root == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, g_steal_pointer (&root),
                               (GDestroyNotify) json_node_unref);
      return;
    }

  /* Error bodies are only read for the server's reason; a broken one is
   * no reason to hide the status. */
  root = parse_body (bytes, NULL);
  g_task_return_error (task, status_error (self, message, root));
}

void
desk_http_send_json_async (DeskHttp *self,
                           SoupMessage *message,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *host = NULL;
  gint64 until;

  g_return_if_fail (DESK_IS_HTTP (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_http_send_json_async);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);

  host = uri_host_key (soup_message_get_uri (message));
  until = desk_http_get_blocked_until (self, host);
  if (until > 0)
    {
      g_task_return_error (
          task, rate_limit_error (
                    soup_message_get_uri (message),
                    (guint) (until - desk_clock_get_now (self->clock))));
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    cancellable, on_send_and_read_cb,
                                    g_steal_pointer (&task));
}

JsonNode *
desk_http_send_json_finish (DeskHttp *self,
                            GAsyncResult *result,
                            SoupMessage **message,
                            GError **error)
{
  g_return_val_if_fail (DESK_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_http_send_json_async,
                        NULL);

  if (message != NULL)
    *message = g_object_ref (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Link: <https://a/b?max_id=1>; rel="next", <https://a/b?min_id=9>;
 * rel="prev". Relations may be unquoted or several in one. */
char *
desk_http_get_link (SoupMessage *message, const char *rel)
{
  const char *header;
  const char *p;

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), NULL);
  g_return_val_if_fail (rel != NULL, NULL);

  header = soup_message_headers_get_list (
      soup_message_get_response_headers (message), "Link");
  if (header == NULL)
    return NULL;

  p = header;
  while ((p = strchr (p, '<')) != NULL)
    {
      const char *end = strchr (p, '>');
      const char *next_entry;
      g_autofree char *target = NULL;
      g_autofree char *params = NULL;
      g_auto (GStrv) parts = NULL;

      if (end == NULL)
        return NULL;
      target = g_strndup (p + 1, end - p - 1);
      next_entry = strchr (end, '<');
      params = next_entry ? g_strndup (end + 1, next_entry - end - 1)
                          : g_strdup (end + 1);
      parts = g_strsplit (params, ";", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *param = g_strstrip (parts[i]);
          g_auto (GStrv) rels = NULL;

          if (g_ascii_strncasecmp (param, "rel=", 4) != 0)
            continue;
          param += 4;
          /* Strip quotes and the separating comma of the next entry. */
          g_strdelimit (param, "\",", ' ');
          rels = g_strsplit (g_strstrip (param), " ", -1);
          for (guint j = 0; rels[j] != NULL; j++)
            if (g_ascii_strcasecmp (rels[j], rel) == 0)
              {
                g_autoptr (GUri) resolved
                    = g_uri_parse_relative (soup_message_get_uri (message),
                                            target, SOUP_HTTP_URI_FLAGS, NULL);

                return resolved ? g_uri_to_string (resolved) : NULL;
              }
        }
      p = end;
    }

  return NULL;
}

void
desk_http_set_bearer (SoupMessage *message, const char *token)
{
  g_autofree char *value = NULL;

  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (token != NULL);

  value = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", value);
}

void
desk_http_set_json_body (SoupMessage *message, JsonNode *body)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GBytes) bytes = NULL;
  gsize length = 0;
  char *data;

  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (body != NULL);

  json_generator_set_root (generator, body);
  data = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (data, length);
  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
}

const char *
desk_json_get_string (JsonObject *object, const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
desk_json_get_object (JsonObject *object, const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
desk_json_get_array (JsonObject *object, const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

gint64
desk_json_get_int (JsonObject *object, const char *name, gint64 fallback)
{
  JsonNode *node;
  GType type;

  if (object == NULL)
    return fallback;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);
  if (type == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;
      gint64 value = g_ascii_strtoll (text, &end, 10);

      if (end != text && *end == '\0')
        return value;
    }
  return fallback;
}

static void
desk_http_get_property (GObject *object,
                        guint prop_id,
                        GValue *value,
                        GParamSpec *pspec)
{
  DeskHttp *self = DESK_HTTP (object);

  switch (prop_id)
    {
      case PROP_CLOCK:
        g_value_set_object (value, self->clock);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_http_set_property (GObject *object,
                        guint prop_id,
                        const GValue *value,
                        GParamSpec *pspec)
{
  DeskHttp *self = DESK_HTTP (object);

  switch (prop_id)
    {
      case PROP_CLOCK:
        self->clock = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_http_constructed (GObject *object)
{
  DeskHttp *self = DESK_HTTP (object);

  G_OBJECT_CLASS (desk_http_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = desk_clock_new_system ();
}

static void
desk_http_dispose (GObject *object)
{
  DeskHttp *self = DESK_HTTP (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (desk_http_parent_class)->dispose (object);
}

static void
desk_http_finalize (GObject *object)
{
  DeskHttp *self = DESK_HTTP (object);

  g_hash_table_unref (self->blocked_until);

  G_OBJECT_CLASS (desk_http_parent_class)->finalize (object);
}

static void
desk_http_class_init (DeskHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = desk_http_get_property;
  object_class->set_property = desk_http_set_property;
  object_class->constructed = desk_http_constructed;
  object_class->dispose = desk_http_dispose;
  object_class->finalize = desk_http_finalize;

  properties[PROP_CLOCK] = g_param_spec_object (
      "clock", NULL, NULL, DESK_TYPE_CLOCK,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_http_init (DeskHttp *self)
{
  /* libsoup 3 verifies certificates against the system store and fails
   * the request when they do not verify; nothing here connects to
   * SoupMessage::accept-certificate, so that is never overridden. */
  self->session = soup_session_new_with_options (
      "user-agent", USER_AGENT, "timeout", DESK_HTTP_TIMEOUT_SECONDS,
      "idle-timeout", IDLE_TIMEOUT_SECONDS, NULL);
  self->blocked_until
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

DeskHttp *
desk_http_new (void)
{
  return g_object_new (DESK_TYPE_HTTP, NULL);
}

DeskHttp *
desk_http_new_with_clock (DeskClock *clock)
{
  g_return_val_if_fail (DESK_IS_CLOCK (clock), NULL);

  return g_object_new (DESK_TYPE_HTTP, "clock", clock, NULL);
}

SoupSession *
desk_http_get_session (DeskHttp *self)
{
  g_return_val_if_fail (DESK_IS_HTTP (self), NULL);

  return self->session;
}

DeskClock *
desk_http_get_clock (DeskHttp *self)
{
  g_return_val_if_fail (DESK_IS_HTTP (self), NULL);

  return self->clock;
}
