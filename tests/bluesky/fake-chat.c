/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fake-chat"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fake-chat.h"

#define CHAT_PROXY "did:web:api.bsky.chat#bsky_chat"

typedef struct
{
  char *id;
  char *rev;
  char *convo_id;
  char *sender;
  char *text;
  char *sent_at;
} Message;

typedef struct
{
  char *id;
  char *member_did;
  char *member_handle;
} Convo;

struct _FakeChat
{
  SoupServer *server;
  char *url;
  char *own_did;
  char *access;
  char *refresh;
  FakeChatMode mode;
  GPtrArray *convos;   /* Convo */
  GPtrArray *messages; /* Message, oldest first; the log */
  guint next_rev;
  gboolean lose_next_answer;
  GHashTable *requests; /* nsid → count */
};

static void
message_free (Message *message)
{
  g_free (message->id);
  g_free (message->rev);
  g_free (message->convo_id);
  g_free (message->sender);
  g_free (message->text);
  g_free (message->sent_at);
  g_free (message);
}

static void
convo_free (Convo *convo)
{
  g_free (convo->id);
  g_free (convo->member_did);
  g_free (convo->member_handle);
  g_free (convo);
}

static char *
base64url (const char *text)
{
  char *b64 = g_base64_encode ((const guchar *) text, strlen (text));
  char *end;

  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  end = strchr (b64, '=');
  if (end != NULL)
    *end = '\0';
  return b64;
}

/* An unsigned JWT with the claims the client reads (scope, exp). */
char *
fake_chat_make_token (FakeChat *self, const char *scope, gint64 exp)
{
  g_autofree char *header
      = base64url ("{\"typ\":\"at+jwt\",\"alg\":\"HS256\"}");
  g_autofree char *claims = g_strdup_printf (
      "{\"scope\":\"%s\",\"sub\":\"%s\",\"exp\":%" G_GINT64_FORMAT
      ",\"jti\":\"%u\"}",
      scope, self->own_did, exp, g_random_int ());
  g_autofree char *payload = base64url (claims);

  return g_strdup_printf ("%s.%s.c2lnbmF0dXJl", header, payload);
}

static void
new_tokens (FakeChat *self)
{
  gint64 exp = g_get_real_time () / G_USEC_PER_SEC + 3600;

  g_free (self->access);
  g_free (self->refresh);
  self->access
      = fake_chat_make_token (self, "com.atproto.appPassPrivileged", exp);
  self->refresh = fake_chat_make_token (self, "com.atproto.refresh", exp * 2);
}

static void
respond (SoupServerMessage *msg, guint status, JsonNode *body)
{
  g_autofree char *json = json_to_string (body, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

static void
respond_error (SoupServerMessage *msg,
               guint status,
               const char *error,
               const char *message)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  respond (msg, status, body);
}

/* Repeated parameters ("actors=a&actors=b") as a list per name. */
static GPtrArray *
query_values (SoupServerMessage *msg, const char *name)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_auto (GStrv) pairs = NULL;

  if (query == NULL)
    return values;
  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      if (g_strcmp0 (pairs[i], name) == 0)
        g_ptr_array_add (values, g_uri_unescape_string (eq + 1, NULL));
    }
  return values;
}

static char *
query_value (SoupServerMessage *msg, const char *name)
{
  g_autoptr (GPtrArray) values = query_values (msg, name);

  return values->len > 0 ? g_strdup (g_ptr_array_index (values, 0)) : NULL;
}

static JsonObject *
request_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (body == NULL || body->length == 0
      || !json_parser_load_from_data (parser, body->data, (gssize) body->length,
                                      NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return JSON_NODE_HOLDS_OBJECT (root)
             ? json_object_ref (json_node_get_object (root))
             : NULL;
}

static Convo *
find_convo (FakeChat *self, const char *id)
{
  for (guint i = 0; i < self->convos->len; i++)
    {
      Convo *convo = g_ptr_array_index (self->convos, i);

      if (g_strcmp0 (convo->id, id) == 0)
        return convo;
    }
  return NULL;
}

static void
add_message_view (JsonBuilder *builder, const Message *message)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, "chat.bsky.convo.defs#messageView");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, message->id);
  json_builder_set_member_name (builder, "rev");
  json_builder_add_string_value (builder, message->rev);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, message->text);
  json_builder_set_member_name (builder, "sender");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "did");
  json_builder_add_string_value (builder, message->sender);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "sentAt");
  json_builder_add_string_value (builder, message->sent_at);
  json_builder_end_object (builder);
}

static void
add_profile (JsonBuilder *builder,
             const char *did,
             const char *handle,
             gboolean detailed)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "did");
  json_builder_add_string_value (builder, did);
  json_builder_set_member_name (builder, "handle");
  json_builder_add_string_value (builder, handle);
  json_builder_set_member_name (builder, "displayName");
  json_builder_add_string_value (builder, "Chat-Kundin");
  if (detailed)
    {
      json_builder_set_member_name (builder, "followersCount");
      json_builder_add_int_value (builder, 42);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, "Schreibt lieber privat.");
    }
  json_builder_end_object (builder);
}

static Message *
store_message (FakeChat *self,
               const char *convo_id,
               const char *sender,
               const char *text)
{
  Message *message = g_new0 (Message, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  self->next_rev++;
  message->id = g_strdup_printf ("msg%u", self->next_rev);
  message->rev = g_strdup_printf ("%010u", self->next_rev);
  message->convo_id = g_strdup (convo_id);
  message->sender = g_strdup (sender);
  message->text = g_strdup (text);
  message->sent_at = g_date_time_format_iso8601 (now);
  g_ptr_array_add (self->messages, message);
  return message;
}

static void
handle_chat (FakeChat *self, SoupServerMessage *msg, const char *nsid)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  const char *proxy = soup_message_headers_get_one (
      soup_server_message_get_request_headers (msg), "atproto-proxy");

  if (self->mode == FAKE_CHAT_NO_SERVICE)
    {
      g_autofree char *text
          = g_strdup_printf ("No service configured for %s", nsid);

      respond_error (msg, 400, "InvalidRequest", text);
      return;
    }
  if (self->mode == FAKE_CHAT_NOT_IMPLEMENTED)
    {
      respond_error (msg, 501, "MethodNotImplemented",
                     "Method Not Implemented");
      return;
    }
  if (g_strcmp0 (proxy, CHAT_PROXY) != 0)
    {
      respond_error (msg, 400, "InvalidRequest", "missing atproto-proxy");
      return;
    }

  if (g_strcmp0 (nsid, "chat.bsky.convo.listConvos") == 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "convos");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->convos->len; i++)
        {
          Convo *convo = g_ptr_array_index (self->convos, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, convo->id);
          json_builder_set_member_name (builder, "rev");
          json_builder_add_string_value (builder, "0");
          json_builder_set_member_name (builder, "members");
          json_builder_begin_array (builder);
          add_profile (builder, self->own_did, "radladen.test", FALSE);
          add_profile (builder, convo->member_did, convo->member_handle, FALSE);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "muted");
          json_builder_add_boolean_value (builder, FALSE);
          json_builder_set_member_name (builder, "unreadCount");
          json_builder_add_int_value (builder, 0);
          json_builder_end_object (builder);
        }
      /* A malformed convo that must be skipped, not crash the sync. */
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rev");
      json_builder_add_string_value (builder, "0");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else if (g_strcmp0 (nsid, "chat.bsky.convo.getMessages") == 0)
    {
      g_autofree char *convo_id = query_value (msg, "convoId");

      if (find_convo (self, convo_id) == NULL)
        {
          respond_error (msg, 400, "InvalidConvo", "Convo not found");
          return;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "messages");
      json_builder_begin_array (builder);
      for (guint i = self->messages->len; i > 0; i--)
        {
          Message *message = g_ptr_array_index (self->messages, i - 1);

          if (g_strcmp0 (message->convo_id, convo_id) == 0)
            add_message_view (builder, message);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else if (g_strcmp0 (nsid, "chat.bsky.convo.getLog") == 0)
    {
      g_autofree char *cursor = query_value (msg, "cursor");
      g_autofree char *latest = g_strdup_printf ("%010u", self->next_rev);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "logs");
      json_builder_begin_array (builder);
      /* Without a cursor the log starts at the present. */
      for (guint i = 0; cursor != NULL && i < self->messages->len; i++)
        {
          Message *message = g_ptr_array_index (self->messages, i);
          Convo *convo = find_convo (self, message->convo_id);

          if (g_strcmp0 (message->rev, cursor) <= 0)
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "$type");
          json_builder_add_string_value (
              builder, "chat.bsky.convo.defs#logCreateMessage");
          json_builder_set_member_name (builder, "rev");
          json_builder_add_string_value (builder, message->rev);
          json_builder_set_member_name (builder, "convoId");
          json_builder_add_string_value (builder, message->convo_id);
          json_builder_set_member_name (builder, "message");
          add_message_view (builder, message);
          json_builder_set_member_name (builder, "relatedProfiles");
          json_builder_begin_array (builder);
          if (convo != NULL)
            add_profile (builder, convo->member_did, convo->member_handle,
                         FALSE);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      /* Other kinds of log entries are skipped by clients. */
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "$type");
      json_builder_add_string_value (builder,
                                     "chat.bsky.convo.defs#logReadMessage");
      json_builder_set_member_name (builder, "rev");
      json_builder_add_string_value (builder, latest);
      json_builder_set_member_name (builder, "convoId");
      json_builder_add_string_value (builder, "c-any");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "cursor");
      json_builder_add_string_value (builder, latest);
      json_builder_end_object (builder);
    }
  else if (g_strcmp0 (nsid, "chat.bsky.convo.sendMessage") == 0)
    {
      g_autoptr (JsonObject) input = request_object (msg);
      const char *convo_id
          = input ? json_object_get_string_member_with_default (input,
                                                                "convoId", NULL)
                  : NULL;
      JsonObject *message_input
          = input && json_object_has_member (input, "message")
                ? json_object_get_object_member (input, "message")
                : NULL;
      const char *text = message_input
                             ? json_object_get_string_member_with_default (
                                 message_input, "text", NULL)
                             : NULL;
      Message *message;

      if (find_convo (self, convo_id) == NULL)
        {
          respond_error (msg, 400, "InvalidConvo", "Convo not found");
          return;
        }
      if (text == NULL || *text == '\0')
        {
          respond_error (msg, 400, "InvalidRequest", "Input/message/text");
          return;
        }
      message = store_message (self, convo_id, self->own_did, text);
      if (self->lose_next_answer)
        {
          /* Stored, but the answer never reaches the client. */
          self->lose_next_answer = FALSE;
          respond_error (msg, 502, "UpstreamFailure", "Bad Gateway");
          return;
        }
      add_message_view (builder, message);
    }
  else if (g_strcmp0 (nsid, "chat.bsky.convo.getConvoForMembers") == 0)
    {
      g_autofree char *member = query_value (msg, "members");
      Convo *found = NULL;

      for (guint i = 0; i < self->convos->len && found == NULL; i++)
        {
          Convo *convo = g_ptr_array_index (self->convos, i);

          if (g_strcmp0 (convo->member_did, member) == 0)
            found = convo;
        }
      if (found == NULL)
        {
          g_autofree char *id
              = g_strdup_printf ("convo-%u", self->convos->len + 1);

          fake_chat_add_convo (self, id, member, "neu.test");
          found = find_convo (self, id);
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "convo");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, found->id);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  else
    {
      respond_error (msg, 501, "MethodNotImplemented",
                     "Method Not Implemented");
      return;
    }

  body = json_builder_get_root (builder);
  respond (msg, 200, body);
}

static gboolean
check_auth (FakeChat *self, SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (
      soup_server_message_get_request_headers (msg), "Authorization");

  if (auth == NULL || !g_str_has_prefix (auth, "Bearer "))
    {
      respond_error (msg, 401, "AuthMissing", "Authentication Required");
      return FALSE;
    }
  if (g_strcmp0 (auth + 7, self->access) != 0)
    {
      respond_error (msg, 400, "ExpiredToken", "Token has expired");
      return FALSE;
    }
  return TRUE;
}

static void
on_request_cb (SoupServer *server,
               SoupServerMessage *msg,
               const char *path,
               GHashTable *query,
               gpointer user_data)
{
  FakeChat *self = user_data;
  const char *nsid = path + strlen ("/xrpc/");
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  guint count;

  if (!g_str_has_prefix (path, "/xrpc/"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, nsid));
  g_hash_table_insert (self->requests, g_strdup (nsid),
                       GUINT_TO_POINTER (count + 1));

  if (g_strcmp0 (nsid, "com.atproto.server.refreshSession") == 0)
    {
      const char *auth = soup_message_headers_get_one (
          soup_server_message_get_request_headers (msg), "Authorization");

      if (auth == NULL || g_strcmp0 (auth + 7, self->refresh) != 0)
        {
          respond_error (msg, 400, "ExpiredToken", "Token has been revoked");
          return;
        }
      new_tokens (self);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "accessJwt");
      json_builder_add_string_value (builder, self->access);
      json_builder_set_member_name (builder, "refreshJwt");
      json_builder_add_string_value (builder, self->refresh);
      json_builder_set_member_name (builder, "did");
      json_builder_add_string_value (builder, self->own_did);
      json_builder_set_member_name (builder, "handle");
      json_builder_add_string_value (builder, "radladen.test");
      json_builder_end_object (builder);
      body = json_builder_get_root (builder);
      respond (msg, 200, body);
      return;
    }

  if (!check_auth (self, msg))
    return;

  if (g_str_has_prefix (nsid, "chat.bsky."))
    {
      handle_chat (self, msg, nsid);
      return;
    }

  if (g_strcmp0 (nsid, "app.bsky.notification.listNotifications") == 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "notifications");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else if (g_strcmp0 (nsid, "app.bsky.actor.getProfiles") == 0)
    {
      g_autoptr (GPtrArray) actors = query_values (msg, "actors");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "profiles");
      json_builder_begin_array (builder);
      for (guint i = 0; i < actors->len; i++)
        for (guint j = 0; j < self->convos->len; j++)
          {
            Convo *convo = g_ptr_array_index (self->convos, j);

            if (g_strcmp0 (convo->member_did, g_ptr_array_index (actors, i))
                == 0)
              {
                add_profile (builder, convo->member_did, convo->member_handle,
                             TRUE);
                break;
              }
          }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else
    {
      respond_error (msg, 501, "MethodNotImplemented",
                     "Method Not Implemented");
      return;
    }

  body = json_builder_get_root (builder);
  respond (msg, 200, body);
}

FakeChat *
fake_chat_new (const char *own_did)
{
  FakeChat *self = g_new0 (FakeChat, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  self->own_did = g_strdup (own_did);
  self->convos = g_ptr_array_new_with_free_func ((GDestroyNotify) convo_free);
  self->messages
      = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);
  self->requests
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  new_tokens (self);

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, "/xrpc", on_request_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->url
      = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
fake_chat_free (FakeChat *self)
{
  if (self == NULL)
    return;
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_ptr_array_unref (self->convos);
  g_ptr_array_unref (self->messages);
  g_hash_table_unref (self->requests);
  g_free (self->url);
  g_free (self->own_did);
  g_free (self->access);
  g_free (self->refresh);
  g_free (self);
}

const char *
fake_chat_get_url (FakeChat *self)
{
  return self->url;
}

const char *
fake_chat_get_access_token (FakeChat *self)
{
  return self->access;
}

const char *
fake_chat_get_refresh_token (FakeChat *self)
{
  return self->refresh;
}

void
fake_chat_set_mode (FakeChat *self, FakeChatMode mode)
{
  self->mode = mode;
}

void
fake_chat_add_convo (FakeChat *self,
                     const char *convo_id,
                     const char *member_did,
                     const char *member_handle)
{
  Convo *convo = g_new0 (Convo, 1);

  convo->id = g_strdup (convo_id);
  convo->member_did = g_strdup (member_did);
  convo->member_handle = g_strdup (member_handle);
  g_ptr_array_add (self->convos, convo);
}

void
fake_chat_add_message (FakeChat *self,
                       const char *convo_id,
                       const char *sender_did,
                       const char *text)
{
  g_assert_nonnull (find_convo (self, convo_id));
  store_message (self, convo_id, sender_did, text);
}

guint
fake_chat_count_messages (FakeChat *self,
                          const char *convo_id,
                          const char *sender_did,
                          const char *text)
{
  guint n = 0;

  for (guint i = 0; i < self->messages->len; i++)
    {
      Message *message = g_ptr_array_index (self->messages, i);

      if (g_strcmp0 (message->convo_id, convo_id) == 0
          && (sender_did == NULL
              || g_strcmp0 (message->sender, sender_did) == 0)
          && (text == NULL || g_strcmp0 (message->text, text) == 0))
        n++;
    }
  return n;
}

void
fake_chat_lose_next_answer (FakeChat *self)
{
  self->lose_next_answer = TRUE;
}

guint
fake_chat_count_requests (FakeChat *self, const char *nsid)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->requests, nsid));
}
