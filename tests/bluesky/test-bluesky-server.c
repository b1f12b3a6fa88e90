/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bluesky-server"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "channels/bluesky/desk-bluesky-auth.h"
#include "channels/bluesky/desk-bluesky-channel.h"
#include "channels/bluesky/desk-bluesky-text.h"
#include "core/desk-store.h"

/* The Bluesky channel against the real servers (PLC, PDS and AppView of
 * @atproto/dev-env) on 127.0.0.1, started by tests/bluesky/dev-network.mjs
 * for this program and stopped when it exits. The customer's side (posts,
 * replies, deletions, reading threads) is driven through that script's
 * stdin; the business side is the channel with a real DeskStore.
 *
 * The tests run in order and build on each other, as a day at the desk
 * would: sign in, sync, reply, resend, hide. Run by run-server-test.sh. */

typedef struct
{
  GSubprocess *process;
  GOutputStream *commands;
  GDataInputStream *answers;
  JsonObject *info;

  char *tmp;
  DeskHttp *http;
  DeskSecrets *secrets; /* NULL without a keyring */
  DeskClock *clock;
  DeskStore *store;
  gint64 account_id;
  DeskBlueskySession *session;
  DeskBlueskyChannel *channel;

  /* Posts made along the way */
  char *customer_root;  /* the customer's mention that starts a thread */
  char *customer_reply; /* the customer's follow-up in that thread */
  char *business_root;  /* the shop's own post */
  char *business_root_cid;
  char *reply_to_shop; /* the customer's reply under the shop's post */
  char *our_reply;     /* the shop's answer */
} Network;

static Network net;

/* The network's side */

static const char *
info_string (const char *who, const char *member)
{
  JsonObject *object
      = who ? json_object_get_object_member (net.info, who) : net.info;

  return json_object_get_string_member (object, member);
}

static JsonObject *command (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Sends one command to dev-network.mjs and returns its result. */
static JsonObject *
command (const char *format, ...)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;
  g_autofree char *answer = NULL;
  JsonObject *object;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  g_output_stream_printf (net.commands, NULL, NULL, &error, "%s\n", line);
  g_assert_no_error (error);
  g_output_stream_flush (net.commands, NULL, &error);
  g_assert_no_error (error);

  answer = g_data_input_stream_read_line_utf8 (net.answers, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);

  json_parser_load_from_data (parser, answer, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_get_boolean_member (object, "ok"))
    g_error ("%s failed: %s", line,
             json_object_get_string_member (object, "error"));
  return json_object_ref (json_object_get_object_member (object, "result"));
}

static void
run_command (const char *json)
{
  g_autoptr (JsonObject) result = command ("%s", json);
}

static void
rm_rf (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static char *
json_quote (const char *text)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

/* Posts as the customer (or the shop); returns the new post's URI and,
 * in @cid, its content id. */
static char *
post_as (const char *who,
         const char *text,
         const char *root,
         const char *root_cid,
         const char *parent,
         const char *parent_cid,
         char **cid)
{
  g_autofree char *quoted = json_quote (text);
  g_autoptr (JsonObject) result = NULL;

  if (root != NULL)
    result
        = command ("{\"cmd\": \"post\", \"as\": \"%s\", \"text\": %s,"
                   " \"reply\": {\"root\": {\"uri\": \"%s\", \"cid\": \"%s\"},"
                   " \"parent\": {\"uri\": \"%s\", \"cid\": \"%s\"}}}",
                   who, quoted, root, root_cid, parent, parent_cid);
  else
    result = command ("{\"cmd\": \"post\", \"as\": \"%s\", \"text\": %s}", who,
                      quoted);
  if (cid != NULL)
    *cid = g_strdup (json_object_get_string_member (result, "cid"));
  return g_strdup (json_object_get_string_member (result, "uri"));
}

static JsonObject *
get_record (const char *uri)
{
  return command ("{\"cmd\": \"record\", \"uri\": \"%s\"}", uri);
}

static guint
count_posts_with_text (const char *did, const char *text)
{
  g_autoptr (JsonObject) result
      = command ("{\"cmd\": \"records\", \"did\": \"%s\","
                 " \"collection\": \"app.bsky.feed.post\"}",
                 did);
  JsonArray *records = json_object_get_array_member (result, "records");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *value = json_object_get_object_member (
          json_array_get_object_element (records, i), "value");

      if (g_strcmp0 (json_object_get_string_member (value, "text"), text) == 0)
        n++;
    }
  return n;
}

static void
start_network (void)
{
  const char *home = g_getenv ("SOCIALDESK_BLUESKY_HOME");
  const char *scripts = g_getenv ("SOCIALDESK_BLUESKY_SCRIPTS");
  g_autofree char *node = NULL;
  g_autofree char *preload = NULL;
  g_autofree char *script = NULL;
  g_autofree char *servers = NULL;
  g_autofree char *line = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (home);
  g_assert_nonnull (scripts);
  node = g_build_filename (home, "node-home", "bin", "node", NULL);
  preload = g_build_filename (scripts, "loopback-only.cjs", NULL);
  script = g_build_filename (scripts, "dev-network.mjs", NULL);
  servers = g_build_filename (home, "servers", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* The network stops by itself after this long, whatever happens here. */
  g_subprocess_launcher_setenv (launcher, "SOCIALDESK_BLUESKY_TIMEOUT", "540",
                                TRUE);
  g_subprocess_launcher_setenv (launcher, "NODE_NO_WARNINGS", "1", TRUE);
  net.process = g_subprocess_launcher_spawn (launcher, &error, node, "-r",
                                             preload, script, servers, NULL);
  g_assert_no_error (error);

  net.commands = g_subprocess_get_stdin_pipe (net.process);
  net.answers
      = g_data_input_stream_new (g_subprocess_get_stdout_pipe (net.process));

  line = g_data_input_stream_read_line_utf8 (net.answers, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    g_error ("the Bluesky dev network did not start (see its log above)");
  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  net.info
      = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  g_test_message ("dev network ready after %.1f s: PDS %s",
                  (g_get_monotonic_time () - start) / 1e6,
                  info_string (NULL, "pds"));
}

static void
stop_network (void)
{
  g_autoptr (GError) error = NULL;

  /* Closing stdin stops the servers; the script exits within seconds. */
  g_output_stream_close (net.commands, NULL, NULL);
  if (!g_subprocess_wait (net.process, NULL, &error))
    g_subprocess_force_exit (net.process);
  g_clear_object (&net.answers);
  g_clear_object (&net.process);
  g_clear_pointer (&net.info, json_object_unref);
}

/* The app's side */

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static DeskBlueskySession *
sign_in (const char *identifier, const char *password, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_bluesky_sign_in_async (net.http, info_string (NULL, "pds"), identifier,
                              password, NULL, on_done_cb, &result);
  return desk_bluesky_sign_in_finish (wait_for (&result), error);
}

static DeskSyncBatch *
run_sync (DeskBlueskyChannel *channel, const char *cursor, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_sync_async (DESK_CHANNEL (channel), cursor, NULL, on_done_cb,
                           &result);
  return desk_channel_sync_finish (DESK_CHANNEL (channel), wait_for (&result),
                                   error);
}

static char *
send_entry (DeskBlueskyChannel *channel,
            const DeskOutboxEntry *entry,
            GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_send_async (DESK_CHANNEL (channel), entry, NULL, on_done_cb,
                           &result);
  return desk_channel_send_finish (DESK_CHANNEL (channel), wait_for (&result),
                                   error);
}

static gboolean
moderate (const char *uri, gboolean hide, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_moderate_async (DESK_CHANNEL (net.channel), uri, hide, NULL,
                               on_done_cb, &result);
  return desk_channel_moderate_finish (DESK_CHANNEL (net.channel),
                                       wait_for (&result), error);
}

static gboolean
authenticate (DeskBlueskyChannel *channel, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_authenticate_async (DESK_CHANNEL (channel), NULL, on_done_cb,
                                   &result);
  return desk_channel_authenticate_finish (DESK_CHANNEL (channel),
                                           wait_for (&result), error);
}

static DeskBlueskyChannel *
new_channel (void)
{
  DeskBlueskyChannel *channel = desk_bluesky_channel_new (
      net.account_id, net.session->service_url, net.session->did, net.http,
      net.secrets, net.clock);
  const char *languages[] = { "de", NULL };

  desk_bluesky_channel_set_languages (channel, languages);
  /* Without a keyring the session is handed over as after a sign-in. */
  if (net.secrets == NULL)
    desk_bluesky_channel_set_session (channel, net.session->access_jwt,
                                      net.session->refresh_jwt);
  return channel;
}

static DeskConversation *
find_conversation (const char *thread)
{
  DeskInboxFilter filter = { .view = DESK_VIEW_ALL };
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  ids = desk_store_query_conversation_ids (net.store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (DeskConversation) conversation = desk_store_load_conversation (
          net.store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      if (g_strcmp0 (desk_conversation_get_thread_remote_id (conversation),
                     thread)
          == 0)
        return g_steal_pointer (&conversation);
    }
  return NULL;
}

static DeskSyncMessage *
batch_find (DeskSyncBatch *batch, const char *remote_id)
{
  for (guint i = 0; i < batch->messages->len; i++)
    {
      DeskSyncMessage *message = g_ptr_array_index (batch->messages, i);

      if (g_strcmp0 (message->remote_id, remote_id) == 0)
        return message;
    }
  return NULL;
}

static DeskSyncMessage *
batch_message (DeskSyncBatch *batch, const char *remote_id)
{
  DeskSyncMessage *message = batch_find (batch, remote_id);

  if (message == NULL)
    g_error ("%s is not in the batch", remote_id);
  return message;
}

static gboolean
has_warning (DeskSyncBatch *batch, const char *part)
{
  for (guint i = 0; i < batch->warnings->len; i++)
    if (strstr (g_ptr_array_index (batch->warnings, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
apply (DeskSyncBatch *batch)
{
  g_autoptr (GError) error = NULL;

  desk_store_apply_batch (net.store, batch, NULL, &error);
  g_assert_no_error (error);
}

static char *account_cursor;

static DeskSyncBatch *
sync_and_apply (void)
{
  g_autoptr (GError) error = NULL;
  DeskSyncBatch *batch = run_sync (net.channel, account_cursor, &error);

  g_assert_no_error (error);
  apply (batch);
  g_free (account_cursor);
  account_cursor = g_strdup (batch->cursor);
  return batch;
}

/* The tests */

static void
test_sign_in (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskBlueskySession) wrong = NULL;
  g_autoptr (GAsyncResult) saved = NULL;

  /* A wrong app password: AUTH, for the dialog to say so. */
  wrong = sign_in ("radladen.test", "aaaa-bbbb-cccc-dddd", &error);
  g_assert_null (wrong);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH);
  g_clear_error (&error);

  /* The handle as people copy it, with "@" and spaces. */
  net.session = sign_in (" @radladen.test ",
                         info_string ("business", "appPassword"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (net.session->did, ==, info_string ("business", "did"));
  g_assert_cmpstr (net.session->handle, ==, "radladen.test");
  /* The PDS named in the DID document. */
  g_assert_cmpstr (net.session->service_url, ==, info_string (NULL, "pds"));
  g_assert_nonnull (net.session->access_jwt);
  g_assert_nonnull (net.session->refresh_jwt);
  g_assert_false (net.session->chat_allowed);

  net.account_id = desk_store_add_account (
      net.store, "bluesky", net.session->did, net.session->handle,
      "Radladen Müller", net.session->service_url, FALSE, &error);
  g_assert_no_error (error);

  if (net.secrets != NULL)
    {
      desk_bluesky_session_save_async (net.session, net.secrets, net.account_id,
                                       NULL, on_done_cb, &saved);
      desk_bluesky_session_save_finish (wait_for (&saved), &error);
      g_assert_no_error (error);
    }
  else
    g_test_message ("no keyring: the session is handed to channels directly");

  net.channel = new_channel ();
  g_assert_true (authenticate (net.channel, &error));
  g_assert_no_error (error);
}

static void
test_refresh (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) expired = command ("{\"cmd\": \"expired-token\"}");
  g_autoptr (DeskBlueskyChannel) channel = new_channel ();
  g_autoptr (DeskSyncBatch) batch = NULL;

  /* An access token that expired an hour into the session: the channel
   * renews the session with the refresh token and carries on. */
  desk_bluesky_channel_set_session (
      channel, json_object_get_string_member (expired, "jwt"),
      net.session->refresh_jwt);
  g_assert_true (authenticate (channel, &error));
  g_assert_no_error (error);
  batch = run_sync (channel, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);
}

static void
test_sync_conversation (void)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (DeskSyncBatch) again = NULL;
  g_autoptr (DeskConversation) conversation = NULL;
  g_autoptr (DeskConversation) under_ours = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *root_cid = NULL;
  g_autofree char *reply_cid = NULL;
  const char *customer = info_string ("customer", "did");
  const char *shop = info_string ("business", "did");
  DeskSyncMessage *message;
  DeskSyncIdentity *identity = NULL;

  /* The customer mentions the shop, then adds to that thread. */
  net.customer_root = post_as (
      "customer", "@radladen.test Hallo, mein Rad quietscht 🚲 seit gestern.",
      NULL, NULL, NULL, NULL, &root_cid);
  net.customer_reply = post_as (
      "customer", "@radladen.test Und die Bremse schleift auch.",
      net.customer_root, root_cid, net.customer_root, root_cid, &reply_cid);
  /* And answers a post of the shop's own. */
  net.business_root = post_as ("business", "Neue Lastenräder sind da!", NULL,
                               NULL, NULL, NULL, &net.business_root_cid);
  net.reply_to_shop = post_as ("customer", "Was kostet das blaue?",
                               net.business_root, net.business_root_cid,
                               net.business_root, net.business_root_cid, NULL);

  batch = sync_and_apply ();

  /* The mention starts a thread named after itself. */
  message = batch_message (batch, net.customer_root);
  g_assert_cmpstr (message->thread_remote_id, ==, net.customer_root);
  g_assert_cmpint (message->direction, ==, DESK_DIRECTION_INCOMING);
  g_assert_cmpint (message->kind, ==, DESK_CONVERSATION_KIND_PUBLIC);
  g_assert_cmpstr (message->author_remote_id, ==, customer);
  g_assert_cmpstr (message->body, ==,
                   "@radladen.test Hallo, mein Rad quietscht 🚲 seit gestern.");
  g_assert_true (g_str_has_prefix (message->url, "https://bsky.app/profile/"));

  message = batch_message (batch, net.customer_reply);
  g_assert_cmpstr (message->thread_remote_id, ==, net.customer_root);
  g_assert_cmpstr (message->in_reply_to, ==, net.customer_root);

  /* Under our own post: the root is ours, so outgoing. */
  message = batch_message (batch, net.business_root);
  g_assert_cmpint (message->direction, ==, DESK_DIRECTION_OUTGOING);
  g_assert_cmpstr (message->author_remote_id, ==, shop);
  message = batch_message (batch, net.reply_to_shop);
  g_assert_cmpstr (message->thread_remote_id, ==, net.business_root);

  for (guint i = 0; i < batch->identities->len; i++)
    if (g_strcmp0 (
            ((DeskSyncIdentity *) g_ptr_array_index (batch->identities, i))
                ->remote_id,
            customer)
        == 0)
      identity = g_ptr_array_index (batch->identities, i);
  g_assert_nonnull (identity);
  g_assert_cmpstr (identity->handle, ==, "kunde.test");
  g_assert_cmpstr (identity->display_name, ==, "Jürgen Kunde 🚲");
  g_assert_cmpstr (identity->bio, ==, "Ich fahre gern Rad.");
  g_assert_cmpstr (identity->profile_url, ==,
                   "https://bsky.app/profile/kunde.test");

  /* The app password has no DM access: one warning, posts synced. */
  g_assert_true (has_warning (batch, "direct messages"));

  /* The store holds the two conversations. */
  conversation = find_conversation (net.customer_root);
  g_assert_nonnull (conversation);
  messages = desk_store_load_messages (
      net.store, desk_conversation_get_id (conversation), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpstr (desk_conversation_get_customer_handle (conversation), ==,
                   "kunde.test");
  under_ours = find_conversation (net.business_root);
  g_assert_nonnull (under_ours);

  /* Nothing new: nothing again (the cursor remembers what was seen). */
  again = sync_and_apply ();
  g_assert_cmpuint (again->messages->len, ==, 0);
  g_assert_false (has_warning (again, "direct messages"));
}

static DeskOutboxEntry *
queue_reply (const char *thread, const char *body)
{
  g_autoptr (DeskConversation) conversation = find_conversation (thread);
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_nonnull (conversation);
  id = desk_store_queue_reply (net.store,
                               desk_conversation_get_id (conversation), body,
                               DESK_CONVERSATION_KIND_PUBLIC, "Anna", &error);
  g_assert_no_error (error);

  due = desk_store_list_due_outbox (net.store, net.account_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      DeskOutboxEntry *entry = g_ptr_array_index (due, i);

      if (entry->message_id == id)
        return desk_outbox_entry_copy (entry);
    }
  g_assert_not_reached ();
}

static void
test_reply (void)
{
  const char *body = "Danke @kunde.test! Grüße 🚲 https://radladen.example/"
                     "hilfe – wir melden uns.";
  g_autoptr (DeskOutboxEntry) entry = queue_reply (net.customer_root, body);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) thread = NULL;
  g_autoptr (JsonObject) record = NULL;
  JsonObject *post;
  JsonObject *reply;
  JsonObject *value;
  JsonArray *facets;
  g_autofree char *rkey = desk_bluesky_tid_from_key (entry->idempotency_key);
  gboolean saw_mention = FALSE;
  gboolean saw_link = FALSE;

  /* The reply answers the customer's latest message in the thread. */
  g_assert_cmpstr (entry->in_reply_to, ==, net.customer_reply);
  g_assert_true (
      desk_store_mark_sending (net.store, entry->message_id, &error));
  net.our_reply = send_entry (net.channel, entry, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (net.our_reply, rkey));
  g_assert_true (desk_store_mark_sent (net.store, entry->message_id,
                                       net.our_reply, &error));
  run_command ("{\"cmd\": \"sync\"}");

  /* The customer sees it in the thread, with the right root and parent. */
  thread = command ("{\"cmd\": \"thread\", \"uri\": \"%s\"}", net.our_reply);
  post = json_object_get_object_member (
      json_object_get_object_member (thread, "thread"), "post");
  reply = json_object_get_object_member (
      json_object_get_object_member (post, "record"), "reply");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (reply, "root"), "uri"),
                   ==, net.customer_root);
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (reply, "parent"), "uri"),
                   ==, net.customer_reply);
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (post, "author"), "did"),
                   ==, net.session->did);

  /* Facets: byte offsets next to umlauts and emoji, the text unchanged. */
  record = get_record (net.our_reply);
  value = json_object_get_object_member (record, "value");
  g_assert_cmpstr (json_object_get_string_member (value, "text"), ==, body);
  g_assert_cmpstr (json_array_get_string_element (
                       json_object_get_array_member (value, "langs"), 0),
                   ==, "de");
  facets = json_object_get_array_member (value, "facets");
  for (guint i = 0; i < json_array_get_length (facets); i++)
    {
      JsonObject *facet = json_array_get_object_element (facets, i);
      JsonObject *index = json_object_get_object_member (facet, "index");
      JsonObject *feature = json_array_get_object_element (
          json_object_get_array_member (facet, "features"), 0);
      gint64 start = json_object_get_int_member (index, "byteStart");
      gint64 end = json_object_get_int_member (index, "byteEnd");
      const char *type = json_object_get_string_member (feature, "$type");

      if (g_str_has_suffix (type, "#mention"))
        {
          saw_mention = TRUE;
          g_assert_cmpint (start, ==, strlen ("Danke "));
          g_assert_cmpint (end, ==, strlen ("Danke @kunde.test"));
          g_assert_cmpstr (json_object_get_string_member (feature, "did"), ==,
                           info_string ("customer", "did"));
        }
      else if (g_str_has_suffix (type, "#link"))
        {
          saw_link = TRUE;
          g_assert_cmpint (start, ==, strstr (body, "https://") - body);
          g_assert_cmpint (end - start, ==,
                           strlen ("https://radladen.example/hilfe"));
          g_assert_cmpstr (json_object_get_string_member (feature, "uri"), ==,
                           "https://radladen.example/hilfe");
        }
    }
  g_assert_true (saw_mention);
  g_assert_true (saw_link);
}

static void
test_resend (void)
{
  const char *body = "Ihr Rad ist morgen ab 10 Uhr fertig.";
  g_autoptr (DeskOutboxEntry) entry = queue_reply (net.business_root, body);
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *after_restart = NULL;
  g_autofree char *path = g_build_filename (net.tmp, "store.db", NULL);
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (DeskBlueskyChannel) restarted = NULL;
  DeskOutboxEntry *again = NULL;

  g_assert_true (
      desk_store_mark_sending (net.store, entry->message_id, &error));
  first = send_entry (net.channel, entry, &error);
  g_assert_no_error (error);

  /* The same entry again, as if the answer had been lost: the same
   * record key, which the PDS will not create twice. */
  second = send_entry (net.channel, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);

  /* A crash before the outbox could mark it sent, and a restart: a new
   * store object and a new channel pick up the reply left "sending". */
  g_clear_object (&net.store);
  net.store = desk_store_open (path, net.clock, &error);
  g_assert_no_error (error);
  due = desk_store_list_due_outbox (net.store, net.account_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    if (((DeskOutboxEntry *) g_ptr_array_index (due, i))->message_id
        == entry->message_id)
      again = g_ptr_array_index (due, i);
  g_assert_nonnull (again);
  g_assert_cmpuint (again->attempts, ==, 1);
  g_assert_cmpstr (again->idempotency_key, ==, entry->idempotency_key);

  restarted = new_channel ();
  g_assert_true (
      desk_store_mark_sending (net.store, again->message_id, &error));
  after_restart = send_entry (restarted, again, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after_restart, ==, first);
  g_assert_true (desk_store_mark_sent (net.store, again->message_id,
                                       after_restart, &error));

  run_command ("{\"cmd\": \"sync\"}");
  g_assert_cmpuint (count_posts_with_text (net.session->did, body), ==, 1);
}

static void
test_deleted_post (void)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *middle_cid = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *last = NULL;
  g_autofree char *remote_id = NULL;
  g_autoptr (JsonObject) deleted = NULL;
  DeskSyncMessage *message;
  DeskOutboxEntry entry = {
    .kind = DESK_CONVERSATION_KIND_PUBLIC,
    .body = (char *) "Das hat sich erledigt?",
    .idempotency_key = (char *) "deleted-post-reply",
  };

  /* The customer answers under the shop's post twice, then deletes the
   * first answer: the second still belongs to the shop's thread. */
  middle = post_as ("customer", "Gibt es das auch in Grün?", net.business_root,
                    net.business_root_cid, net.business_root,
                    net.business_root_cid, &middle_cid);
  last = post_as ("customer", "Oder in Rot?", net.business_root,
                  net.business_root_cid, middle, middle_cid, NULL);
  deleted = command ("{\"cmd\": \"delete\", \"uri\": \"%s\"}", middle);

  batch = sync_and_apply ();
  g_assert_null (batch_find (batch, middle));
  message = batch_message (batch, last);
  g_assert_cmpstr (message->thread_remote_id, ==, net.business_root);
  g_assert_cmpstr (message->in_reply_to, ==, middle);

  /* Answering the deleted post fails for good, not for a retry. */
  entry.thread_remote_id = net.business_root;
  entry.in_reply_to = middle;
  remote_id = send_entry (net.channel, &entry, &error);
  g_assert_null (remote_id);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE);
}

static void
test_session_ends (void)
{
  g_autoptr (DeskBlueskySession) other = NULL;
  g_autoptr (JsonObject) expired = command ("{\"cmd\": \"expired-token\"}");
  g_autoptr (DeskBlueskyChannel) channel = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *bearer = NULL;
  const char *jwt = json_object_get_string_member (expired, "jwt");

  /* A second session of the account, then signed out elsewhere (its
   * refresh token revoked): renewal fails and the user must sign in. */
  other = sign_in ("radladen.test", info_string ("business", "appPassword"),
                   &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("%s/xrpc/com.atproto.server.deleteSession",
                         info_string (NULL, "pds"));
  message = soup_message_new (SOUP_METHOD_POST, url);
  bearer = g_strdup_printf ("Bearer %s", other->refresh_jwt);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", bearer);
  answer = soup_session_send_and_read (desk_http_get_session (net.http),
                                       message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  channel
      = desk_bluesky_channel_new (net.account_id, net.session->service_url,
                                  net.session->did, net.http, NULL, net.clock);
  desk_bluesky_channel_set_session (channel, jwt, other->refresh_jwt);
  batch = run_sync (channel, NULL, &error);
  g_assert_null (batch);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH);
  g_clear_error (&error);

  /* A garbage token with a working refresh token is renewed, too. */
  desk_bluesky_channel_set_session (channel, "not.a.token",
                                    net.session->refresh_jwt);
  g_assert_true (authenticate (channel, &error));
  g_assert_no_error (error);
}

static void
test_graphemes (void)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *too_long = NULL;
  DeskOutboxEntry entry = {
    .kind = DESK_CONVERSATION_KIND_PUBLIC,
    .idempotency_key = (char *) "grapheme-limit",
  };

  /* 300 graphemes, far more bytes and code points: the PDS, which counts
   * graphemes itself, takes it. */
  for (guint i = 0; i < 250; i++)
    g_string_append (body, "ü");
  for (guint i = 0; i < 48; i++)
    g_string_append (body, "👍🏽");
  g_string_append (body, "🇩🇪🚴🏽‍♀️");
  g_assert_cmpuint (
      desk_channel_count_length (DESK_CHANNEL (net.channel), body->str), ==,
      300);
  g_assert_cmpuint (desk_channel_get_max_length (DESK_CHANNEL (net.channel)),
                    ==, 300);

  entry.thread_remote_id = net.customer_root;
  entry.in_reply_to = net.customer_root;
  entry.body = body->str;
  uri = send_entry (net.channel, &entry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uri);

  /* One more is refused before anything is sent. */
  g_string_append (body, "e\xcc\x81");
  entry.idempotency_key = (char *) "grapheme-limit-2";
  too_long = send_entry (net.channel, &entry, &error);
  g_assert_null (too_long);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_TOO_LONG);
}

static gboolean
gate_hides (const char *root, const char *reply)
{
  g_autofree char *rkey = NULL;
  g_autofree char *gate_uri = NULL;
  g_autoptr (JsonObject) record = NULL;
  JsonArray *hidden;

  g_assert_true (desk_bluesky_parse_at_uri (root, NULL, NULL, &rkey));
  gate_uri = g_strdup_printf ("at://%s/app.bsky.feed.threadgate/%s",
                              net.session->did, rkey);
  record = get_record (gate_uri);
  hidden = json_object_get_array_member (
      json_object_get_object_member (record, "value"), "hiddenReplies");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (record, "value"), "post"),
                   ==, root);
  for (guint i = 0; hidden != NULL && i < json_array_get_length (hidden); i++)
    if (g_strcmp0 (json_array_get_string_element (hidden, i), reply) == 0)
      return TRUE;
  return FALSE;
}

static void
test_hide (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (desk_channel_get_capabilities (DESK_CHANNEL (net.channel))
                 & DESK_CHANNEL_CAP_HIDE);

  /* A reply under the shop's own post: hidden through the thread gate. */
  g_assert_true (moderate (net.reply_to_shop, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (gate_hides (net.business_root, net.reply_to_shop));

  /* Hiding twice keeps one entry; showing it again removes it. */
  g_assert_true (moderate (net.reply_to_shop, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (moderate (net.reply_to_shop, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (gate_hides (net.business_root, net.reply_to_shop));

  /* Not in the customer's own thread, and not a post that is no reply. */
  g_assert_false (moderate (net.customer_reply, TRUE, &error));
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (moderate (net.customer_root, TRUE, &error));
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED);
}

static void
test_no_chat_service (void)
{
  g_autoptr (DeskBlueskySession) session = NULL;
  g_autoptr (DeskBlueskyChannel) channel = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GError) error = NULL;

  /* An app password with DM access, on servers without a chat service:
   * public posts sync, and one warning says why DMs are missing. */
  session = sign_in ("radladen.test", info_string ("business", "dmAppPassword"),
                     &error);
  g_assert_no_error (error);
  g_assert_true (session->chat_allowed);

  channel = desk_bluesky_channel_new (net.account_id, session->service_url,
                                      session->did, net.http, NULL, net.clock);
  desk_bluesky_channel_set_session (channel, session->access_jwt,
                                    session->refresh_jwt);
  batch = run_sync (channel, NULL, &error);
  g_assert_no_error (error);
  batch_message (batch, net.customer_root);
  g_assert_true (has_warning (batch, "direct messages"));
  g_assert_false (desk_bluesky_channel_get_chat_available (channel));
  g_assert_false (desk_channel_get_capabilities (DESK_CHANNEL (channel))
                  & DESK_CHANNEL_CAP_PRIVATE);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);

  net.tmp = g_dir_make_tmp ("socialdesk-bluesky-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (net.tmp, "store.db", NULL);
  net.clock = desk_clock_new_system ();
  net.store = desk_store_open (path, net.clock, &error);
  g_assert_no_error (error);
  net.http = desk_http_new ();
  if (g_strcmp0 (g_getenv ("DESK_KEYRING_STATE"), "unlocked") == 0)
    net.secrets = desk_secrets_new ();

  start_network ();

  g_test_add_func ("/bluesky/server/sign-in", test_sign_in);
  g_test_add_func ("/bluesky/server/refresh", test_refresh);
  g_test_add_func ("/bluesky/server/sync-conversation", test_sync_conversation);
  g_test_add_func ("/bluesky/server/reply", test_reply);
  g_test_add_func ("/bluesky/server/resend-exactly-once", test_resend);
  g_test_add_func ("/bluesky/server/deleted-post", test_deleted_post);
  g_test_add_func ("/bluesky/server/session-ends", test_session_ends);
  g_test_add_func ("/bluesky/server/graphemes", test_graphemes);
  g_test_add_func ("/bluesky/server/hide", test_hide);
  g_test_add_func ("/bluesky/server/no-chat-service", test_no_chat_service);

  rc = g_test_run ();

  stop_network ();
  g_clear_object (&net.channel);
  g_clear_object (&net.store);
  g_clear_object (&net.secrets);
  g_clear_object (&net.http);
  g_clear_object (&net.clock);
  g_clear_pointer (&net.session, desk_bluesky_session_free);
  g_free (net.customer_root);
  g_free (net.customer_reply);
  g_free (net.business_root);
  g_free (net.business_root_cid);
  g_free (net.reply_to_shop);
  g_free (net.our_reply);
  g_free (account_cursor);
  rm_rf (net.tmp);
  return rc;
}
