/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "channels/desk-outbox.h"
#include "channels/desk-sync-service.h"
#include "channels/mastodon/desk-mastodon-auth.h"
#include "channels/mastodon/desk-mastodon-channel.h"
#include "fake-mastodon.h"
#include "mastodon-test-utils.h"

/* Whole flows with the app's own services (DeskSyncService, DeskOutbox)
 * and a store on disk: sign in → sync → reply, after which no secret may
 * be found in the database, the settings or the log; and a reply whose
 * answer was lost, across a restart, that must exist exactly once. Run
 * through tests/run-keyring.sh. */

#define NOW G_GINT64_CONSTANT (1718013600)

static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags level,
                const GLogField *fields,
                gsize n_fields,
                gpointer user_data)
{
  /* Everything, debug messages included, whatever G_MESSAGES_DEBUG says:
   * a secret in any of them is a leak. */
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (captured_log, fields[i].value);
      else
        g_string_append_len (captured_log, fields[i].value, fields[i].length);
      g_string_append_c (captured_log, '\n');
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static gboolean
keyring_available (void)
{
  if (g_strcmp0 (g_getenv ("DESK_KEYRING_STATE"), "unlocked") != 0)
    {
      g_test_skip ("needs tests/run-keyring.sh");
      return FALSE;
    }
  return TRUE;
}

static DeskMastodonAuthResult *
sign_in (FakeMastodon *fake, DeskHttp *http)
{
  g_autoptr (DeskMastodonAuth) auth = desk_mastodon_auth_new (http);
  g_autoptr (GAsyncResult) begun = NULL;
  g_autoptr (GAsyncResult) waited = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) browser = soup_session_new ();
  g_autoptr (SoupMessage) redirect = NULL;
  g_autoptr (GAsyncResult) browsed = NULL;
  g_autoptr (GBytes) page = NULL;
  g_autofree char *url = NULL;
  g_autofree char *target = NULL;
  g_autofree char *code = NULL;
  DeskMastodonAuthResult *result;

  desk_mastodon_auth_begin_async (auth, fake_mastodon_get_url (fake), NULL,
                                  mt_on_result_cb, &begun);
  mt_wait (&begun);
  url = desk_mastodon_auth_begin_finish (auth, begun, &error);
  g_assert_no_error (error);

  desk_mastodon_auth_wait_async (auth, NULL, mt_on_result_cb, &waited);
  target = fake_mastodon_authorize (fake, url, &code);
  g_assert_nonnull (target);
  redirect = soup_message_new ("GET", target);
  soup_session_send_and_read_async (browser, redirect, G_PRIORITY_DEFAULT, NULL,
                                    mt_on_result_cb, &browsed);
  mt_wait (&browsed);
  page = soup_session_send_and_read_finish (browser, browsed, &error);
  g_assert_no_error (error);

  mt_wait (&waited);
  result = desk_mastodon_auth_wait_finish (auth, waited, &error);
  g_assert_no_error (error);
  g_assert_true (fake_mastodon_get_last_exchange_used_pkce (fake));
  return result;
}

static gint64
save_account (DeskStore *store,
              DeskSecrets *secrets,
              const DeskMastodonAuthResult *result)
{
  g_autoptr (GAsyncResult) saved = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  desk_mastodon_auth_save_account_async (store, secrets, result, NULL,
                                         mt_on_result_cb, &saved);
  mt_wait (&saved);
  id = desk_mastodon_auth_save_account_finish (saved, &error);
  g_assert_no_error (error);
  return id;
}

/* How the app builds a channel for an account it has stored. */
static DeskChannel *
channel_for_account (DeskStore *store,
                     gint64 account_id,
                     DeskHttp *http,
                     DeskSecrets *secrets,
                     DeskClock *clock)
{
  g_autoptr (GPtrArray) accounts = desk_store_list_accounts (store, NULL);

  for (guint i = 0; i < accounts->len; i++)
    {
      DeskAccount *account = g_ptr_array_index (accounts, i);

      if (desk_account_get_id (account) == account_id)
        return desk_mastodon_channel_new (
            account_id, desk_account_get_server (account),
            desk_account_get_remote_id (account), http, secrets, clock);
    }
  g_assert_not_reached ();
}

static gint64
conversation_of (const char *path, const char *thread)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT id FROM conversation WHERE thread_remote_id = '%s'", thread);

  return mt_db_count (path, sql);
}

static void
assert_nowhere (const char *secret,
                const char *db_path,
                const char *settings_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (db_path, "-journal", NULL);

  g_assert_nonnull (secret);
  g_assert_cmpuint (strlen (secret), >, 8);
  g_assert_true (g_file_test (db_path, G_FILE_TEST_EXISTS));
  g_assert_false (mt_file_contains (db_path, secret));
  g_assert_false (mt_file_contains (wal, secret));
  g_assert_false (mt_file_contains (shm, secret));
  g_assert_false (mt_file_contains (journal, secret));
  g_assert_false (mt_file_contains (settings_path, secret));
  g_assert_null (strstr (captured_log->str, secret));
}

static void
test_no_secret_leaks (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *token = NULL;
  g_autofree char *client_secret = NULL;
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskMastodonAuthResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  FakeMastodon *fake;
  DeskHttp *http;
  DeskSecrets *secrets;
  DeskStore *store;
  DeskChannel *channel;
  DeskSyncService *sync;
  DeskOutbox *outbox;
  const char *anna;
  const char *post;
  gint64 account_id;
  gint64 message_id;
  guint sent = 0;

  if (!keyring_available ())
    return;

  dir = mt_make_tmpdir ();
  path = g_build_filename (dir, "socialdesk.db", NULL);
  settings = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                               "keyfile", NULL);

  fake = fake_mastodon_new ();
  anna = fake_mastodon_add_account (fake, "anna", "kund.example", "Anna", 40);
  post = fake_mastodon_add_mention (fake, anna, "Ist mein Paket unterwegs?",
                                    NULL, "public", FALSE);
  http = desk_http_new_with_clock (clock);
  secrets = desk_secrets_new ();
  store = desk_store_open (path, clock, &error);
  g_assert_no_error (error);

  /* Sign in and keep the account. */
  result = sign_in (fake, http);
  token = g_strdup (result->access_token);
  client_secret = g_strdup (result->client_secret);
  account_id = save_account (store, secrets, result);
  g_clear_pointer (&result, desk_mastodon_auth_result_free);

  /* Sync as the app does, with live updates on. */
  channel = channel_for_account (store, account_id, http, secrets, clock);
  sync = desk_sync_service_new (store);
  desk_sync_service_add_channel (sync, channel, NULL);
  while (desk_sync_service_get_n_syncs (sync) < 1
         || desk_sync_service_get_busy (sync))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (conversation_of (path, post), >, 0);

  /* Reply through the outbox. */
  message_id = desk_store_queue_reply (
      store, conversation_of (path, post), "Ja, es kommt morgen an.",
      DESK_CONVERSATION_KIND_PUBLIC, "Agent", &error);
  g_assert_no_error (error);
  outbox = desk_outbox_new (store);
  desk_outbox_add_channel (outbox, channel);
  while ((sent = desk_outbox_get_n_sent (outbox)) < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fake_mastodon_count_replies (fake, post), ==, 1);
  due = desk_store_list_due_outbox (store, account_id, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_assert_cmpint (message_id, >, 0);

  /* Let the stream's catch-up sync run too. */
  desk_sync_service_sync_now (sync);
  while (desk_sync_service_get_busy (sync))
    g_main_context_iteration (NULL, TRUE);

  /* While everything is open (the -wal file exists) … */
  assert_nowhere (token, path, settings);
  assert_nowhere (client_secret, path, settings);

  g_object_unref (outbox);
  g_object_unref (sync);
  g_object_unref (channel);
  g_object_unref (store);
  g_object_unref (secrets);
  g_object_unref (http);
  mt_run_loop_for (50);

  /* The capture works: it saw the requests' debug messages. */
  g_assert_cmpuint (captured_log->len, >, 0);

  /* … and after closing. */
  assert_nowhere (token, path, settings);
  assert_nowhere (client_secret, path, settings);
  g_assert_false (fake_mastodon_saw_token_in_url (fake));

  fake_mastodon_free (fake);
  mt_remove_tree (dir);
}

typedef enum
{
  LOST_ANSWER,              /* posted, answer lost; keys forgotten */
  LOST_ANSWER_KEY_HONOURED, /* posted, answer lost; the key is kept */
  CRASH_BEFORE_SENDING,     /* marked as sending, never sent */
} RestartCase;

typedef struct
{
  FakeMastodon *fake;
  char *path;
  DeskClock *clock;
  DeskHttp *http;
  DeskSecrets *secrets;
  gint64 account_id;
} World;

/* Everything a run of the app creates on start. */
typedef struct
{
  DeskStore *store;
  DeskChannel *channel;
  DeskOutbox *outbox;
} Run;

static void
run_start (Run *run, World *world, gboolean with_outbox)
{
  g_autoptr (GError) error = NULL;

  run->store = desk_store_open (world->path, world->clock, &error);
  g_assert_no_error (error);
  run->channel = channel_for_account (
      run->store, world->account_id, world->http, world->secrets, world->clock);
  desk_mastodon_channel_set_live (DESK_MASTODON_CHANNEL (run->channel), FALSE);
  if (with_outbox)
    {
      run->outbox = desk_outbox_new (run->store);
      desk_outbox_add_channel (run->outbox, run->channel);
    }
}

static void
run_stop (Run *run)
{
  g_clear_object (&run->outbox);
  g_clear_object (&run->channel);
  g_clear_object (&run->store);
}

static void
test_restart_exactly_once (gconstpointer data)
{
  RestartCase what = GPOINTER_TO_INT (data);
  g_autofree char *dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autofree char *state = NULL;
  g_autofree char *sql = NULL;
  World world = { 0 };
  Run run = { 0 };
  const char *anna;
  const char *post;
  gint64 message_id;
  const char *token = "restart-token-0b9e";

  if (!keyring_available ())
    return;

  dir = mt_make_tmpdir ();
  world.path = g_build_filename (dir, "socialdesk.db", NULL);
  world.fake = fake_mastodon_new ();
  fake_mastodon_add_token (world.fake, token);
  fake_mastodon_set_honour_idempotency (world.fake,
                                        what == LOST_ANSWER_KEY_HONOURED);
  world.clock = desk_clock_new_fake (NOW);
  world.http = desk_http_new_with_clock (world.clock);
  world.secrets = desk_secrets_new ();
  anna = fake_mastodon_add_account (world.fake, "anna", NULL, "Anna", 10);
  post = fake_mastodon_add_mention (world.fake, anna, "Wann liefert ihr?", NULL,
                                    "public", FALSE);

  /* First run: the account, a sync, and the agent's reply. */
  run.store = desk_store_open (world.path, world.clock, &error);
  g_assert_no_error (error);
  world.account_id = desk_store_add_account (
      run.store, "mastodon", fake_mastodon_get_own_account_id (world.fake),
      "@shop@127.0.0.1", "Shop", fake_mastodon_get_url (world.fake), FALSE,
      &error);
  mt_store_secret (world.secrets, world.account_id,
                   DESK_MASTODON_SECRET_ACCESS_TOKEN, token);
  g_clear_object (&run.store);

  run_start (&run, &world, FALSE);
  batch = mt_sync (run.channel, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_apply_batch (run.store, batch, NULL, &error));
  message_id = desk_store_queue_reply (
      run.store, conversation_of (world.path, post), "Morgen früh!",
      DESK_CONVERSATION_KIND_PUBLIC, "Agent", &error);
  g_assert_no_error (error);

  if (what == CRASH_BEFORE_SENDING)
    g_assert_true (desk_store_mark_sending (run.store, message_id, &error));
  else
    {
      /* The server posts the reply and drops the connection. */
      fake_mastodon_inject (world.fake, "POST", "/api/v1/statuses",
                            FAKE_FAULT_DROP_AFTER_POST, 1);
      run.outbox = desk_outbox_new (run.store);
      desk_outbox_add_channel (run.outbox, run.channel);
      sql = g_strdup_printf (
          "SELECT delivery FROM message WHERE id = %" G_GINT64_FORMAT
          " AND delivery = %d",
          message_id, DESK_DELIVERY_QUEUED);
      while (mt_db_count (world.path, "SELECT count(*) FROM outbox WHERE "
                                      "last_error IS NOT NULL")
             == 0)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (mt_db_count (world.path, sql), ==, DESK_DELIVERY_QUEUED);
      g_assert_cmpuint (fake_mastodon_count_replies (world.fake, post), ==, 1);
    }
  run_stop (&run);

  /* The app restarts later: new store object on the same file, new
   * channel, new outbox. */
  desk_clock_advance (world.clock, 3600);
  fake_mastodon_clear_requests (world.fake);
  run_start (&run, &world, TRUE);
  while (desk_outbox_get_n_sent (run.outbox) < 1)
    g_main_context_iteration (NULL, TRUE);

  /* Exactly one reply on the server, one outgoing message in the store,
   * sent, with the server's id. */
  g_assert_cmpuint (fake_mastodon_count_replies (world.fake, post), ==, 1);
  g_assert_cmpint (mt_db_count (world.path, "SELECT count(*) FROM message "
                                            "WHERE direction = 1"),
                   ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT delivery || '|' || remote_id FROM message "
                         "WHERE id = %" G_GINT64_FORMAT,
                         message_id);
  state = mt_db_text (world.path, sql);
  g_assert_true (g_str_has_prefix (state, "3|"));
  g_assert_cmpstr (fake_mastodon_get_status_text (world.fake, state + 2), ==,
                   "@anna Morgen früh!");
  if (what == LOST_ANSWER)
    /* Found by looking, not posted again. */
    g_assert_cmpuint (
        fake_mastodon_count_requests (world.fake, "POST", "/api/v1/statuses"),
        ==, 0);

  /* A sync afterwards sees the reply and stores nothing twice. */
  g_clear_pointer (&batch, desk_sync_batch_unref);
  batch = mt_sync (run.channel, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_apply_batch (run.store, batch, NULL, &error));
  g_assert_cmpint (mt_db_count (world.path, "SELECT count(*) FROM message "
                                            "WHERE direction = 1"),
                   ==, 1);

  run_stop (&run);
  g_clear_object (&world.secrets);
  g_clear_object (&world.http);
  g_clear_object (&world.clock);
  fake_mastodon_free (world.fake);
  g_free (world.path);
  mt_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  captured_log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_add_func ("/mastodon/flow/no-secret-leaks", test_no_secret_leaks);
  g_test_add_data_func ("/mastodon/flow/restart/lost-answer",
                        GINT_TO_POINTER (LOST_ANSWER),
                        test_restart_exactly_once);
  g_test_add_data_func ("/mastodon/flow/restart/lost-answer-key-honoured",
                        GINT_TO_POINTER (LOST_ANSWER_KEY_HONOURED),
                        test_restart_exactly_once);
  g_test_add_data_func ("/mastodon/flow/restart/crash-before-sending",
                        GINT_TO_POINTER (CRASH_BEFORE_SENDING),
                        test_restart_exactly_once);

  return g_test_run ();
}
