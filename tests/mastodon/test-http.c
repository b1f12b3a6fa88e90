/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "channels/desk-http.h"
#include "mastodon-test-utils.h"

/* DeskHttp against a small local server: headers it sends, how answers
 * map to DeskChannelError, rate limits, paging links, backoff, and that a
 * certificate that does not verify is never accepted. */

#define NOW G_GINT64_CONSTANT (1718013600)

/* A self-signed certificate for 127.0.0.1 that no system trusts. */
static const char test_certificate[]
    = "-----BEGIN CERTIFICATE-----\n"
      "MIIBjzCCATagAwIBAgIUMH20ZbKv81RseCU7XbRQZV0L3AMwCgYIKoZIzj0EAwIw\n"
      "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMzE3MDgyMVoYDzIxMjYxMDMw\n"
      "MTcwODIxWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
      "PQMBBwNCAAQ6d4jUzMKCsoWNErP8BeDoSVMncvcpH7fUmphKryfV5c0q7OBwIKT+\n"
      "jNkO9VNZ38cQXtEUXYoF5NdtlcIFFkfoo2QwYjAdBgNVHQ4EFgQU5MHHwUfoRUb7\n"
      "gCVGar3CSYykgEowHwYDVR0jBBgwFoAU5MHHwUfoRUb7gCVGar3CSYykgEowDwYD\n"
      "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC\n"
      "IHvi2VeGLe905wm8xRXH2MPkdyN1bxfN+5nHe4ZT8bBWAiAoUcj9rfuntyGZoFwP\n"
      "ImiGYrT1LhxblfQrK0D1/5WvHA==\n"
      "-----END CERTIFICATE-----\n"
      "-----BEGIN PRIVATE KEY-----\n"
      "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgDywiB+I4KD5lZMCF\n"
      "8R4bnFUQzeKgo76OFXpfY3QBOzihRANCAAQ6d4jUzMKCsoWNErP8BeDoSVMncvcp\n"
      "H7fUmphKryfV5c0q7OBwIKT+jNkO9VNZ38cQXtEUXYoF5NdtlcIFFkfo\n"
      "-----END PRIVATE KEY-----\n";

typedef struct
{
  SoupServer *server;
  char *url;
  guint hits;
  char *user_agent;
  char *accept;
} Fixture;

static void
on_request (SoupServer *server,
            SoupServerMessage *msg,
            const char *path,
            GHashTable *query,
            gpointer user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  guint status = 200;
  const char *body = "{\"ok\":true}";

  fixture->hits++;
  g_free (fixture->user_agent);
  fixture->user_agent
      = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  g_free (fixture->accept);
  fixture->accept = g_strdup (soup_message_headers_get_one (request, "Accept"));

  if (g_str_equal (path, "/echo") && query != NULL)
    {
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      /* Every parameter but "status" is a response header. */
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_str_equal (key, "status"))
          status = (guint) g_ascii_strtoull (value, NULL, 10);
        else
          soup_message_headers_append (response, key, value);
    }
  else if (g_str_has_prefix (path, "/status/"))
    {
      status = (guint) g_ascii_strtoull (path + 8, NULL, 10);
      body = "{\"error\":\"Validation failed: \\u0007Text too long\"}";
    }
  else if (g_str_equal (path, "/rate"))
    {
      status = 429;
      soup_message_headers_replace (response, "Retry-After", "120");
      body = "{\"error\":\"Too many requests\"}";
    }
  else if (g_str_equal (path, "/malformed"))
    body = "{\"a\": [1, 2";
  else if (g_str_equal (path, "/not-utf8"))
    body = "{\"a\": \"\xff\xfe\"}";
  else if (g_str_equal (path, "/empty"))
    body = "";
  else if (g_str_equal (path, "/short"))
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);
      const char *partial = "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n"
                            "{\"a\":";

      g_output_stream_write_all (g_io_stream_get_output_stream (stream),
                                 partial, strlen (partial), NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return;
    }
  else if (g_str_equal (path, "/slow"))
    {
      /* Never answers. */
      soup_server_message_pause (msg);
      return;
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url
      = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->url);
  g_free (fixture->user_agent);
  g_free (fixture->accept);
}

static JsonNode *
get (DeskHttp *http, const char *url, SoupMessage **message, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SoupMessage) request = soup_message_new ("GET", url);

  desk_http_send_json_async (http, request, NULL, mt_on_result_cb, &result);
  mt_wait (&result);
  return desk_http_send_json_finish (http, result, message, error);
}

static JsonNode *
get_path (Fixture *fixture, DeskHttp *http, const char *path, GError **error)
{
  g_autofree char *url = g_strconcat (fixture->url, path, NULL);

  return get (http, url, NULL, error);
}

static void
test_headers_and_json (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskHttp) http = desk_http_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = get_path (fixture, http, "/ok", &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_true (
      json_object_get_boolean_member (json_node_get_object (node), "ok"));
  g_assert_cmpstr (fixture->user_agent, ==,
                   "Socialdesk/" PACKAGE_VERSION
                   " (+https://github.com/socialdesk/socialdesk)");
  g_assert_cmpstr (fixture->accept, ==, "application/json");
  g_assert_cmpuint (soup_session_get_timeout (desk_http_get_session (http)), ==,
                    DESK_HTTP_TIMEOUT_SECONDS);
  g_assert_cmpuint (
      soup_session_get_idle_timeout (desk_http_get_session (http)), >, 0);
}

static void
test_status_mapping (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *path;
    int code;
  } cases[] = {
    { "/status/401", DESK_CHANNEL_ERROR_AUTH },
    { "/status/403", DESK_CHANNEL_ERROR_AUTH },
    { "/status/404", DESK_CHANNEL_ERROR_GONE },
    { "/status/410", DESK_CHANNEL_ERROR_GONE },
    { "/status/408", DESK_CHANNEL_ERROR_NETWORK },
    { "/status/500", DESK_CHANNEL_ERROR_NETWORK },
    { "/status/502", DESK_CHANNEL_ERROR_NETWORK },
    { "/status/503", DESK_CHANNEL_ERROR_NETWORK },
    { "/status/422", DESK_CHANNEL_ERROR_INVALID },
    { "/status/400", DESK_CHANNEL_ERROR_INVALID },
    { "/malformed", DESK_CHANNEL_ERROR_INVALID },
    { "/not-utf8", DESK_CHANNEL_ERROR_INVALID },
    { "/short", DESK_CHANNEL_ERROR_NETWORK },
  };
  g_autoptr (DeskHttp) http = desk_http_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node
          = get_path (fixture, http, cases[i].path, &error);

      g_test_message ("%s", cases[i].path);
      g_assert_null (node);
      g_assert_error (error, DESK_CHANNEL_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  /* The server's reason is shown, without control characters. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node = get_path (fixture, http, "/status/422", &error);

    g_assert_nonnull (strstr (error->message, "Text too long"));
    g_assert_null (strchr (error->message, '\a'));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node = get_path (fixture, http, "/status/401", &error);

    g_assert_nonnull (strstr (error->message, "Sign in again"));
  }
}

static void
test_empty_body (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskHttp) http = desk_http_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = get_path (fixture, http, "/empty", &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_NULL (node));
}

static void
test_rate_limit_blocks_host (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskHttp) http = desk_http_new_with_clock (clock);
  g_autofree char *host = g_strdup (fixture->url + strlen ("http://"));
  guint hits;

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (SoupMessage) message = NULL;
    g_autofree char *url = g_strconcat (fixture->url, "/rate", NULL);
    g_autoptr (JsonNode) node = get (http, url, &message, &error);

    g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_RATE_LIMIT);
    g_assert_nonnull (strstr (error->message, "2 minutes"));
    g_assert_cmpuint (desk_http_retry_after (message, NOW), ==, 120);
  }
  g_assert_cmpint (desk_http_get_blocked_until (http, host), ==, NOW + 120);

  /* Meanwhile nothing reaches the server. */
  hits = fixture->hits;
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node = get_path (fixture, http, "/ok", &error);

    g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_RATE_LIMIT);
  }
  g_assert_cmpuint (fixture->hits, ==, hits);

  desk_clock_advance (clock, 121);
  g_assert_cmpint (desk_http_get_blocked_until (http, host), ==, 0);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node = get_path (fixture, http, "/ok", &error);

    g_assert_no_error (error);
  }
  g_assert_cmpuint (fixture->hits, ==, hits + 1);
}

/* A real answer from the fixture's /echo with @status and the given
 * header name/value pairs. */
static SoupMessage *
answered (Fixture *fixture, guint status, const char *name, ...)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GString *url = g_string_new (fixture->url);
  SoupMessage *message;
  va_list args;

  g_string_append_printf (url, "/echo?status=%u", status);
  va_start (args, name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (url, "&%s=%s", name, escaped);
      name = va_arg (args, const char *);
    }
  va_end (args);

  message = soup_message_new ("GET", url->str);
  g_string_free (url, TRUE);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    mt_on_result_cb, &result);
  mt_wait (&result);
  bytes = soup_session_send_and_read_finish (session, result, NULL);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (soup_message_get_status (message), ==, status);
  return message;
}

static void
test_retry_after (Fixture *fixture, gconstpointer data)
{
  struct
  {
    SoupMessage *message;
    guint expected;
  } cases[] = {
    { answered (fixture, 429, "Retry-After", "30", NULL), 30 },
    { answered (fixture, 503, "Retry-After", "Mon, 10 Jun 2024 10:05:00 GMT",
                NULL),
      300 },
    { answered (fixture, 429, "X-RateLimit-Reset", "2024-06-10T10:10:00.000Z",
                NULL),
      600 },
    { answered (fixture, 429, "X-RateLimit-Reset", "1718013660", NULL), 60 },
    { answered (fixture, 429, "X-RateLimit-Reset", "45", NULL), 45 },
    { answered (fixture, 200, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset",
                "2024-06-10T10:01:00Z", NULL),
      60 },
    /* Reset alone, with requests left, is no reason to wait. */
    { answered (fixture, 200, "X-RateLimit-Remaining", "250",
                "X-RateLimit-Reset", "2024-06-10T10:01:00Z", NULL),
      0 },
    { answered (fixture, 429, "Retry-After", "soon", NULL), 0 },
    { answered (fixture, 429, "Retry-After", "-5", NULL), 0 },
    { answered (fixture, 429, "Retry-After", "99999999", NULL),
      DESK_HTTP_MAX_WAIT_SECONDS },
    { answered (fixture, 429, NULL), 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpuint (desk_http_retry_after (cases[i].message, NOW), ==,
                        cases[i].expected);
      g_object_unref (cases[i].message);
    }
}

static void
test_backoff (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  guint previous_ceiling = 0;

  for (guint attempt = 1; attempt <= 14; attempt++)
    {
      guint ceiling = MIN (2u << (attempt - 1), 15u * 60);

      for (guint i = 0; i < 50; i++)
        {
          guint wait = desk_http_backoff_seconds (attempt, rand);

          g_assert_cmpuint (wait, >=, ceiling / 2);
          g_assert_cmpuint (wait, <=, ceiling);
        }
      g_assert_cmpuint (ceiling, >=, previous_ceiling);
      previous_ceiling = ceiling;
    }
  g_assert_cmpuint (desk_http_backoff_seconds (100, NULL), <=, 15 * 60);
}

static void
test_link_header (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *header;
    const char *next;
    const char *prev;
  } cases[] = {
    { "<https://m.example/api/v1/notifications?max_id=10>; rel=\"next\", "
      "<https://m.example/api/v1/notifications?min_id=20>; rel=\"prev\"",
      "https://m.example/api/v1/notifications?max_id=10",
      "https://m.example/api/v1/notifications?min_id=20" },
    /* Relative to the request. */
    { "</api/x?max_id=1>; rel=next", "/api/x?max_id=1", NULL },
    { "<https://m.example/a,b?max_id=1>; rel=\"first next\"",
      "https://m.example/a,b?max_id=1", NULL },
    { "<https://m.example/p>; title=\"x\"; REL=\"Prev\"", NULL,
      "https://m.example/p" },
    { "garbage", NULL, NULL },
    { "<https://m.example/broken; rel=\"next\"", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SoupMessage) message
          = answered (fixture, 200, "Link", cases[i].header, NULL);
      g_autofree char *next = desk_http_get_link (message, "next");
      g_autofree char *prev = desk_http_get_link (message, "prev");
      g_autofree char *expected_next
          = cases[i].next && cases[i].next[0] == '/'
                ? g_strconcat (fixture->url, cases[i].next, NULL)
                : g_strdup (cases[i].next);

      g_test_message ("%s", cases[i].header);
      g_assert_cmpstr (next, ==, expected_next);
      g_assert_cmpstr (prev, ==, cases[i].prev);
    }

  {
    g_autoptr (SoupMessage) message = answered (fixture, 200, NULL);
    g_autofree char *next = desk_http_get_link (message, "next");

    g_assert_null (next);
  }
}

static void
test_json_readers (void)
{
  g_autoptr (JsonNode) node = json_from_string (
      "{\"s\":\"x\",\"n\":5,\"ns\":\"7\",\"bad\":\"7x\",\"o\":{},\"a\":[],"
      "\"null\":null,\"d\":2.5}",
      NULL);
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (desk_json_get_string (object, "s"), ==, "x");
  g_assert_null (desk_json_get_string (object, "n"));
  g_assert_null (desk_json_get_string (object, "null"));
  g_assert_null (desk_json_get_string (object, "missing"));
  g_assert_null (desk_json_get_string (NULL, "s"));
  g_assert_cmpint (desk_json_get_int (object, "n", -1), ==, 5);
  g_assert_cmpint (desk_json_get_int (object, "ns", -1), ==, 7);
  g_assert_cmpint (desk_json_get_int (object, "bad", -1), ==, -1);
  g_assert_cmpint (desk_json_get_int (object, "d", -1), ==, 2);
  g_assert_cmpint (desk_json_get_int (object, "o", -1), ==, -1);
  g_assert_nonnull (desk_json_get_object (object, "o"));
  g_assert_null (desk_json_get_object (object, "a"));
  g_assert_nonnull (desk_json_get_array (object, "a"));
  g_assert_null (desk_json_get_array (object, "o"));
}

static void
test_refused (void)
{
  g_autoptr (DeskHttp) http = desk_http_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GInetAddress) loopback
      = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *url = NULL;
  g_autoptr (JsonNode) node = NULL;
  guint16 port;

  /* A port that was free a moment ago. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, NULL);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u/api", port);
  node = get (http, url, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK);
}

static void
test_timeout (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskHttp) http = desk_http_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  /* The real limit is 30 s; the test does not wait that long. */
  soup_session_set_timeout (desk_http_get_session (http), 1);
  node = get_path (fixture, http, "/slow", &error);
  g_assert_null (node);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "in time"));
}

static void
test_untrusted_certificate (void)
{
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (DeskHttp) http = desk_http_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *url = NULL;
  Fixture fixture = { 0 };
  GSList *uris;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }

  certificate = g_tls_certificate_new_from_pem (test_certificate, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_request, &fixture, NULL);
  soup_server_listen_local (
      server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
      &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/ok",
                         g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  node = get (http, url, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "not secure"));
  /* The request never got through. */
  g_assert_cmpuint (fixture.hits, ==, 0);

  soup_server_disconnect (server);
  g_free (fixture.user_agent);
  g_free (fixture.accept);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/http/headers-and-json", Fixture, NULL, fixture_set_up,
              test_headers_and_json, fixture_tear_down);
  g_test_add ("/http/status-mapping", Fixture, NULL, fixture_set_up,
              test_status_mapping, fixture_tear_down);
  g_test_add ("/http/empty-body", Fixture, NULL, fixture_set_up,
              test_empty_body, fixture_tear_down);
  g_test_add ("/http/rate-limit-blocks-host", Fixture, NULL, fixture_set_up,
              test_rate_limit_blocks_host, fixture_tear_down);
  g_test_add ("/http/timeout", Fixture, NULL, fixture_set_up, test_timeout,
              fixture_tear_down);
  g_test_add ("/http/retry-after", Fixture, NULL, fixture_set_up,
              test_retry_after, fixture_tear_down);
  g_test_add_func ("/http/backoff", test_backoff);
  g_test_add ("/http/link-header", Fixture, NULL, fixture_set_up,
              test_link_header, fixture_tear_down);
  g_test_add_func ("/http/json-readers", test_json_readers);
  g_test_add_func ("/http/connection-refused", test_refused);
  g_test_add_func ("/http/untrusted-certificate", test_untrusted_certificate);

  return g_test_run ();
}
