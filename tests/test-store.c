/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core/desk-store-private.h"
#include "core/desk-store.h"

#define NOW 1795000000 /* 2026-11-19 */

typedef struct
{
  char *dir;
  char *path;
  DeskClock *clock;
  DeskStore *store;
  gint64 account;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("desk-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "socialdesk", "socialdesk.db", NULL);
  f->clock = desk_clock_new_fake (NOW);
  f->store = desk_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
  f->account = desk_store_add_account (f->store, "mastodon", "109", "@shop",
                                       "Shop", "social.example", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->account, >, 0);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A batch with one customer and @n_messages messages in one thread. */
static DeskSyncBatch *
make_batch (gint64 account,
            const char *thread,
            const char *author,
            const char *name,
            guint n_messages,
            gint64 first_at)
{
  DeskSyncBatch *batch = desk_sync_batch_new (account);
  DeskSyncIdentity *identity
      = desk_sync_batch_add_identity (batch, author, author, name);

  identity->followers = 120;
  identity->language = g_strdup ("de");
  for (guint i = 0; i < n_messages; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", thread, i);
      g_autofree char *body
          = g_strdup_printf ("Wo bleibt meine Bestellung Nummer %u?", i);

      desk_sync_batch_add_message (
          batch, id, thread, DESK_CONVERSATION_KIND_PUBLIC,
          DESK_DIRECTION_INCOMING, author, body, first_at + i * 60);
    }
  desk_sync_batch_set_cursor (batch, "cursor-1");
  return batch;
}

static GArray *
query (DeskStore *store, DeskView view, const char *search)
{
  DeskInboxFilter filter = { .view = view, .search = search, .me = "Anna" };
  g_autoptr (GError) error = NULL;
  GArray *ids = desk_store_query_conversation_ids (store, &filter, &error);

  g_assert_no_error (error);
  return ids;
}

static void
test_schema_fresh (Fixture *f, gconstpointer data)
{
  sqlite3 *db = _desk_store_get_db (f->store);
  const char *tables[] = { "account",        "customer",       "identity",
                           "conversation",   "message",        "tag",
                           "template",       "guideline_rule", "sla_policy",
                           "business_hours", "holiday",        "outbox",
                           "event",          "rating",         "message_fts",
                           "customer_fts",   "customer_note" };
  sqlite3_stmt *stmt;

  g_assert_cmpint (desk_store_get_schema_version (f->store), ==,
                   DESK_STORE_SCHEMA_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT 1 FROM sqlite_master WHERE"
                                           " name = ?",
                                           -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        g_error ("table %s is missing", tables[i]);
      sqlite3_finalize (stmt);
    }

  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==,
      SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==,
      SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
}

/* A database of schema 1 with data in it, as an older release left it. */
static void
write_version_1 (const char *path)
{
  sqlite3 *db;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_desk_store_migrate (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (
      sqlite3_exec (
          db,
          "INSERT INTO account VALUES (1, 'mastodon', '7', '@shop', 'Shop',"
          " NULL, 0, 0, 'c9', NULL, NULL, 1);"
          "INSERT INTO customer VALUES (1, 'Jana Köhler', 'de', NULL, 1);"
          "INSERT INTO identity (id, customer_id, network, remote_id, handle)"
          " VALUES (1, 1, 'mastodon', '42', '@jana@social.example');"
          "INSERT INTO conversation (id, account_id, thread_remote_id, kind,"
          " customer_id, identity_id, snippet, last_message_at, created_at)"
          " VALUES (1, 1, 't1', 0, 1, 1, 'Kettenschaltung', 100, 100);"
          "INSERT INTO message (conversation_id, account_id, remote_id,"
          " direction, identity_id, body, created_at) VALUES (1, 1, 'm1', 0,"
          " 1, 'Meine Kettenschaltung springt seit gestern', 100);",
          NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_migrate_from_empty (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskStore) store = NULL;
  sqlite3 *db;

  /* An empty file is a database of version 0. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_close (db);

  store = desk_store_open (path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_schema_version (store), ==,
                   DESK_STORE_SCHEMA_VERSION);
}

static void
test_migrate_from_version_1 (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "old", "v1.db", NULL);
  g_autofree char *old_dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskStore) store = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  gboolean backup_found = FALSE;

  write_version_1 (path);
  store = desk_store_open (path, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_store_get_schema_version (store), ==,
                   DESK_STORE_SCHEMA_VERSION);

  /* The old data is all there, and the new search index covers it. */
  accounts = desk_store_list_accounts (store, &error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpstr (desk_account_get_cursor (accounts->pdata[0]), ==, "c9");
  messages = desk_store_load_messages (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  ids = query (store, DESK_VIEW_ALL, "kettenschaltung");
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = query (store, DESK_VIEW_ALL, "Kohler");
  g_assert_cmpuint (ids->len, ==, 1);

  /* A copy of the old file was kept before migrating. */
  dir = g_dir_open (old_dir, 0, &error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "v1.db.backup-"))
      backup_found = TRUE;
  g_assert_true (backup_found);
}

static void
test_too_new_is_left_alone (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "new.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;", NULL,
                NULL, NULL);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = desk_store_open (path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_TOO_NEW);

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_corrupt_is_left_alone (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "corrupt.db", NULL);
  const char garbage[] = "This is not a database, just some text that a"
                         " broken disk or a wrong copy left behind.";
  g_autofree char *after = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *copy = NULL;
  gsize after_len;
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskStore) store = NULL;

  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  store = desk_store_open (path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_CORRUPT);

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (garbage, sizeof garbage, after, after_len);

  g_clear_error (&error);
  backup = desk_store_keep_backup (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup, &copy, &after_len, NULL));
  g_assert_cmpmem (garbage, sizeof garbage, copy, after_len);
}

static void
test_upsert_dedupes (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) first = NULL;
  g_autoptr (DeskSyncBatch) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (DeskConversation) conversation = NULL;
  g_autoptr (DeskCustomer) customer = NULL;
  guint n_new = 0;

  first = make_batch (f->account, "t1", "42", "Jana Köhler", 3, NOW - 600);
  g_assert_true (desk_store_apply_batch (f->store, first, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 3);

  /* The same messages again, and one more: only the new one is stored. */
  again = make_batch (f->account, "t1", "42", "Jana K.", 4, NOW - 600);
  g_assert_true (desk_store_apply_batch (f->store, again, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 1);

  ids = query (f->store, DESK_VIEW_ALL, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
  messages = desk_store_load_messages (f->store, g_array_index (ids, gint64, 0),
                                       &error);
  g_assert_cmpuint (messages->len, ==, 4);

  conversation = desk_store_load_conversation (
      f->store, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_conversation_get_awaiting_since (conversation), ==,
                   NOW - 600);
  g_assert_cmpint (desk_conversation_get_last_message_at (conversation), ==,
                   NOW - 600 + 3 * 60);
  g_assert_cmpuint (desk_conversation_get_unread (conversation), ==, 4);
  g_assert_cmpstr (desk_conversation_get_snippet (conversation), ==,
                   "Wo bleibt meine Bestellung Nummer 3?");

  /* Nothing keeps a read open after a sync: the write-ahead log can be
   * folded back into the database, so it does not grow for ever. */
  {
    sqlite3_stmt *checkpoint;

    g_assert_cmpint (sqlite3_prepare_v2 (_desk_store_get_db (f->store),
                                         "PRAGMA wal_checkpoint(TRUNCATE)", -1,
                                         &checkpoint, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (checkpoint), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (checkpoint, 0), ==, 0);
    sqlite3_finalize (checkpoint);
  }

  /* One customer, whose profile the second sync updated. */
  customer = desk_store_load_customer (
      f->store, desk_conversation_get_customer_id (conversation), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (desk_customer_get_n_identities (customer), ==, 1);
  g_assert_cmpstr (desk_customer_get_identity (customer, 0)->display_name, ==,
                   "Jana K.");
}

static void
test_malformed_items_skipped (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = desk_sync_batch_new (f->account);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  guint n_new = 0;

  desk_sync_batch_add_identity (batch, "1", "@ok", "OK");
  desk_sync_batch_add_message (batch, "m1", "t1", 0, DESK_DIRECTION_INCOMING,
                               "1", "fine", NOW);
  desk_sync_batch_add_message (batch, "m2", "t2", 0, DESK_DIRECTION_INCOMING,
                               "1", "\xff\xfe broken", NOW);
  desk_sync_batch_add_message (batch, NULL, "t3", 0, DESK_DIRECTION_INCOMING,
                               "1", "no id", NOW);
  desk_sync_batch_add_message (batch, "m4", "t4", 0, DESK_DIRECTION_INCOMING,
                               "unknown-author", "who?", NOW);

  g_assert_true (desk_store_apply_batch (f->store, batch, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 1);
  g_assert_cmpuint (batch->warnings->len, ==, 3);

  ids = query (f->store, DESK_VIEW_ALL, NULL);
  g_assert_cmpuint (ids->len, ==, 1);
}

static void
test_fts_query (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) a = NULL;
  g_autoptr (DeskSyncBatch) b = NULL;
  g_autoptr (GError) error = NULL;
  GArray *ids;
  DeskSyncMessage *message;

  a = make_batch (f->account, "t1", "1", "Jana Köhler", 1, NOW - 100);
  message = desk_sync_batch_add_message (
      a, "x1", "t1", 0, DESK_DIRECTION_INCOMING, "1",
      "Der Rahmen hat einen Riss 😞", NOW - 50);
  g_assert_nonnull (message);
  b = desk_sync_batch_new (f->account);
  desk_sync_batch_add_identity (b, "2", "@max", "Max Weber");
  desk_sync_batch_add_message (b, "y1", "t2", 0, DESK_DIRECTION_INCOMING, "2",
                               "When does the shop open on Saturday?",
                               NOW - 20);
  g_assert_true (desk_store_apply_batch (f->store, a, NULL, &error));
  g_assert_true (desk_store_apply_batch (f->store, b, NULL, &error));

  /* Words, prefixes, folded case and accents, customer names. */
  ids = query (f->store, DESK_VIEW_ALL, "rahmen");
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);
  ids = query (f->store, DESK_VIEW_ALL, "RISS rahm");
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);
  ids = query (f->store, DESK_VIEW_ALL, "satur");
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);
  ids = query (f->store, DESK_VIEW_ALL, "Köhler");
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);
  ids = query (f->store, DESK_VIEW_ALL, "weber");
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);
  ids = query (f->store, DESK_VIEW_ALL, "nothing-like-this");
  g_assert_cmpuint (ids->len, ==, 0);
  g_array_unref (ids);

  /* FTS syntax typed by a user is only text. */
  ids = query (f->store, DESK_VIEW_ALL, "rahmen\" ^riss* -( :");
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);
  ids = query (f->store, DESK_VIEW_ALL, "  ");
  g_assert_cmpuint (ids->len, ==, 2);
  g_array_unref (ids);
}

static void
on_changed_cb (DeskStore *store, GArray *ids, gpointer user_data)
{
  guint *count = user_data;
  (*count)++;
}

static void
test_views_and_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (DeskSyncBatch) later = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (DeskConversation) conversation = NULL;
  guint counts[DESK_N_VIEWS];
  guint signals = 0;
  gint64 id;

  batch = make_batch (f->account, "t1", "1", "Jana", 1, NOW - 100);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  ids = query (f->store, DESK_VIEW_OPEN, NULL);
  id = g_array_index (ids, gint64, 0);

  g_signal_connect (f->store, "conversations-changed",
                    G_CALLBACK (on_changed_cb), &signals);
  g_assert_true (
      desk_store_set_assignee (f->store, id, "Anna", "Anna", &error));
  g_assert_true (
      desk_store_set_status (f->store, id, DESK_STATUS_CLOSED, "Anna", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals, ==, 2);
  /* Setting what is already set changes nothing and announces nothing. */
  g_assert_true (
      desk_store_set_status (f->store, id, DESK_STATUS_CLOSED, "Anna", &error));
  g_assert_cmpuint (signals, ==, 2);

  g_assert_true (desk_store_count_views (f->store, "Anna", counts, &error));
  g_assert_cmpuint (counts[DESK_VIEW_OPEN], ==, 0);
  g_assert_cmpuint (counts[DESK_VIEW_CLOSED], ==, 1);
  g_assert_cmpuint (counts[DESK_VIEW_MINE], ==, 0);
  g_assert_cmpuint (counts[DESK_VIEW_ALL], ==, 1);

  /* The customer writes again: the conversation is open again. */
  later = make_batch (f->account, "t1", "1", "Jana", 2, NOW - 100);
  g_assert_true (desk_store_apply_batch (f->store, later, NULL, &error));
  conversation = desk_store_load_conversation (f->store, id, &error);
  g_assert_cmpint (desk_conversation_get_status (conversation), ==,
                   DESK_STATUS_OPEN);
  g_assert_true (desk_store_count_views (f->store, "Anna", counts, &error));
  g_assert_cmpuint (counts[DESK_VIEW_MINE], ==, 1);
  g_assert_cmpuint (counts[DESK_VIEW_UNASSIGNED], ==, 0);
}

static guint
count_rows (DeskStore *store, const char *sql)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_assert_cmpint (
      sqlite3_prepare_v2 (_desk_store_get_db (store), sql, -1, &stmt, NULL), ==,
      SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_reply_exactly_once (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (DeskSyncBatch) echo = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (DeskConversation) conversation = NULL;
  const DeskOutboxEntry *entry;
  gint64 id, message_id;

  batch = make_batch (f->account, "t1", "1", "Jana", 1, NOW - 100);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  ids = query (f->store, DESK_VIEW_ALL, NULL);
  id = g_array_index (ids, gint64, 0);
  g_assert_true (desk_store_set_draft (f->store, id, "Hallo Jana", &error));

  message_id
      = desk_store_queue_reply (f->store, id, "Hallo Jana, danke!",
                                DESK_CONVERSATION_KIND_PUBLIC, "Anna", &error);
  g_assert_no_error (error);
  g_assert_cmpint (message_id, >, 0);

  /* Queued with its key and answered in the same step; the draft went. */
  conversation = desk_store_load_conversation (f->store, id, &error);
  g_assert_null (desk_conversation_get_draft (conversation));
  g_assert_cmpint (desk_conversation_get_awaiting_since (conversation), ==, 0);
  due = desk_store_list_due_outbox (f->store, f->account, &error);
  g_assert_cmpuint (due->len, ==, 1);
  entry = due->pdata[0];
  g_assert_nonnull (entry->idempotency_key);
  g_assert_cmpstr (entry->in_reply_to, ==, "t1-0");
  g_assert_cmpstr (entry->recipient_remote_id, ==, "1");

  /* The app dies after the server accepted the reply; the next sync shows
   * the reply before the outbox heard back: it is adopted, not doubled. */
  g_assert_true (desk_store_mark_sending (f->store, message_id, &error));
  echo = desk_sync_batch_new (f->account);
  desk_sync_batch_add_message (echo, "r-1", "t1", 0, DESK_DIRECTION_OUTGOING,
                               NULL, "Hallo Jana, danke!", NOW);
  g_assert_true (desk_store_apply_batch (f->store, echo, NULL, &error));
  messages = desk_store_load_messages (f->store, id, &error);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpint (desk_message_get_delivery (messages->pdata[1]), ==,
                   DESK_DELIVERY_SENT);
  g_assert_cmpuint (count_rows (f->store, "SELECT count (*) FROM outbox"), ==,
                    0);

  /* The late answer of the first attempt changes nothing. */
  g_assert_true (desk_store_mark_sent (f->store, message_id, "r-1", &error));
  g_assert_no_error (error);
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = desk_store_load_messages (f->store, id, &error);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpuint (
      count_rows (f->store,
                  "SELECT count (*) FROM event WHERE kind = 'replied'"),
      ==, 1);
}

static void
test_failed_reply_is_kept (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  gint64 id, message_id;

  batch = make_batch (f->account, "t1", "1", "Jana", 1, NOW - 100);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  ids = query (f->store, DESK_VIEW_ALL, NULL);
  id = g_array_index (ids, gint64, 0);
  message_id = desk_store_queue_reply (
      f->store, id, "Antwort", DESK_CONVERSATION_KIND_PUBLIC, "Anna", &error);

  /* A temporary failure waits for its retry time. */
  g_assert_true (desk_store_mark_sending (f->store, message_id, &error));
  g_assert_true (desk_store_mark_failed (f->store, message_id, "offline",
                                         NOW + 30, &error));
  due = desk_store_list_due_outbox (f->store, f->account, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  desk_clock_advance (f->clock, 31);
  due = desk_store_list_due_outbox (f->store, f->account, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpuint (((DeskOutboxEntry *) due->pdata[0])->attempts, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A final failure keeps the text and the reason until the agent acts. */
  g_assert_true (desk_store_mark_failed (f->store, message_id, "Text too long",
                                         0, &error));
  due = desk_store_list_due_outbox (f->store, f->account, &error);
  g_assert_cmpuint (due->len, ==, 0);
  messages = desk_store_load_messages (f->store, id, &error);
  g_assert_cmpint (desk_message_get_delivery (messages->pdata[1]), ==,
                   DESK_DELIVERY_FAILED);
  g_assert_cmpstr (desk_message_get_error (messages->pdata[1]), ==,
                   "Text too long");
  g_assert_cmpstr (desk_message_get_body (messages->pdata[1]), ==, "Antwort");
  g_clear_pointer (&due, g_ptr_array_unref);

  g_assert_true (desk_store_retry_reply (f->store, message_id, &error));
  due = desk_store_list_due_outbox (f->store, f->account, &error);
  g_assert_cmpuint (due->len, ==, 1);
}

static void
test_empty_reply_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;

  batch = make_batch (f->account, "t1", "1", "Jana", 1, NOW - 100);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  ids = query (f->store, DESK_VIEW_ALL, NULL);

  g_assert_cmpint (desk_store_queue_reply (f->store,
                                           g_array_index (ids, gint64, 0),
                                           "  \n ", 0, "Anna", &error),
                   ==, 0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (
      desk_store_queue_reply (f->store, 999999, "Hallo", 0, "Anna", &error), ==,
      0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
}

static void
test_high_reach_first (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = desk_sync_batch_new (f->account);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  DeskSyncIdentity *star;
  DeskInboxFilter filter = { .view = DESK_VIEW_OPEN, .sort = DESK_SORT_URGENT };

  desk_sync_batch_add_identity (batch, "1", "@old", "Waited Long");
  star = desk_sync_batch_add_identity (batch, "2", "@star", "Star");
  star->followers = 180000;
  desk_sync_batch_add_identity (batch, "3", "@new", "Just Wrote");
  desk_sync_batch_add_message (batch, "a", "ta", 0, DESK_DIRECTION_INCOMING,
                               "1", "old question", NOW - 7200);
  desk_sync_batch_add_message (batch, "b", "tb", 0, DESK_DIRECTION_INCOMING,
                               "2", "star question", NOW - 60);
  desk_sync_batch_add_message (batch, "c", "tc", 0, DESK_DIRECTION_INCOMING,
                               "3", "new question", NOW - 30);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));

  ids = desk_store_query_conversation_ids (f->store, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 3);
  {
    g_autoptr (DeskConversation) first = desk_store_load_conversation (
        f->store, g_array_index (ids, gint64, 0), &error);
    g_autoptr (DeskConversation) second = desk_store_load_conversation (
        f->store, g_array_index (ids, gint64, 1), &error);

    g_assert_cmpstr (desk_conversation_get_customer_name (first), ==, "Star");
    g_assert_cmpint (desk_conversation_get_priority (first), ==,
                     DESK_PRIORITY_HIGH);
    g_assert_cmpstr (desk_conversation_get_customer_name (second), ==,
                     "Waited Long");
  }
}

static char *
last_event (DeskStore *store, const char *kind)
{
  sqlite3_stmt *stmt;
  char *detail = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_desk_store_get_db (store),
                                       "SELECT detail FROM event WHERE kind = ?"
                                       " ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return detail;
}

static void
test_sla_deadlines_and_attainment (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (DeskSyncBatch) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (DeskConversation) conversation = NULL;
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *resolution = NULL;
  DeskSlaResult results[DESK_SLA_N_TIMERS];
  gint64 id;

  /* A Mastodon customer asked 20 minutes ago: an hour to answer. */
  batch = make_batch (f->account, "t1", "1", "Jana", 1, NOW - 20 * 60);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  ids = query (f->store, DESK_VIEW_ALL, NULL);
  id = g_array_index (ids, gint64, 0);
  conversation = desk_store_load_conversation (f->store, id, &error);
  g_assert_cmpint (desk_conversation_get_due_at (conversation), ==,
                   NOW - 20 * 60 + 3600);
  desk_store_evaluate_sla (f->store, conversation, NOW, results);
  g_assert_cmpint (results[DESK_SLA_TIMER_FIRST_RESPONSE].state, ==,
                   DESK_SLA_STATE_RUNNING);
  g_assert_cmpint (results[DESK_SLA_TIMER_FIRST_RESPONSE].left, ==, 40 * 60);
  g_clear_object (&conversation);

  /* Answered after 30 minutes: met, 30 minutes early. */
  desk_clock_advance (f->clock, 10 * 60);
  g_assert_true (
      desk_store_queue_reply (f->store, id, "Hallo!", 0, "Anna", &error));
  first = last_event (f->store, "sla-first-response");
  g_assert_cmpstr (first, ==, "met 1800");

  /* The customer writes again; answered 90 minutes later: breached. */
  desk_clock_advance (f->clock, 60);
  again = desk_sync_batch_new (f->account);
  desk_sync_batch_add_identity (again, "1", "1", "Jana");
  desk_sync_batch_add_message (again, "t1-9", "t1", 0, DESK_DIRECTION_INCOMING,
                               "1", "Und jetzt?", NOW + 11 * 60);
  g_assert_true (desk_store_apply_batch (f->store, again, NULL, &error));
  desk_clock_advance (f->clock, 90 * 60);
  g_assert_true (
      desk_store_queue_reply (f->store, id, "Sorry!", 0, "Anna", &error));
  next = last_event (f->store, "sla-next-response");
  g_assert_cmpstr (next, ==, "breached 1800");

  /* Waiting on the customer pauses the resolution clock; closing stops
   * it and records the result. */
  g_assert_true (desk_store_set_status (f->store, id, DESK_STATUS_WAITING,
                                        "Anna", &error));
  conversation = desk_store_load_conversation (f->store, id, &error);
  desk_store_evaluate_sla (f->store, conversation,
                           desk_clock_get_now (f->clock) + 3600, results);
  g_assert_cmpint (results[DESK_SLA_TIMER_RESOLUTION].state, ==,
                   DESK_SLA_STATE_PAUSED);
  g_assert_cmpint (desk_conversation_get_due_at (conversation), ==, 0);
  g_assert_true (
      desk_store_set_status (f->store, id, DESK_STATUS_CLOSED, "Anna", &error));
  resolution = last_event (f->store, "sla-resolution");
  g_assert_nonnull (resolution);
  g_assert_true (g_str_has_prefix (resolution, "met "));
}

static void
test_sla_policy_override (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  DeskSlaPolicy policy;
  DeskSlaPolicy custom = { 15, 20, 120, TRUE };

  desk_store_get_sla_policy (f->store, "mastodon", DESK_PRIORITY_NORMAL,
                             &policy);
  g_assert_cmpuint (policy.first_response_minutes, ==, 60);
  desk_store_get_sla_policy (f->store, "mastodon", DESK_PRIORITY_HIGH, &policy);
  g_assert_cmpuint (policy.first_response_minutes, ==, 30);
  desk_store_get_sla_policy (f->store, "facebook", DESK_PRIORITY_NORMAL,
                             &policy);
  g_assert_cmpuint (policy.first_response_minutes, ==, 6 * 60);
  g_assert_cmpuint (policy.resolution_minutes, <=, 24 * 60);

  g_assert_true (desk_store_set_sla_policy (
      f->store, "mastodon", DESK_PRIORITY_NORMAL, &custom, &error));
  desk_store_get_sla_policy (f->store, "mastodon", DESK_PRIORITY_NORMAL,
                             &policy);
  g_assert_cmpmem (&policy, sizeof policy, &custom, sizeof custom);

  custom.first_response_minutes = 0;
  g_assert_false (desk_store_set_sla_policy (
      f->store, "mastodon", DESK_PRIORITY_NORMAL, &custom, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

static void
test_tags (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) tags = NULL;
  g_autoptr (GPtrArray) on_conversation = NULL;
  DeskInboxFilter filter = { .view = DESK_VIEW_ALL };
  gint64 invoice, urgent, id;

  batch = make_batch (f->account, "t1", "1", "Jana", 1, NOW - 100);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  ids = query (f->store, DESK_VIEW_ALL, NULL);
  id = g_array_index (ids, gint64, 0);

  invoice = desk_store_create_tag (f->store, " Rechnung ", "#3584e4", &error);
  g_assert_no_error (error);
  urgent = desk_store_create_tag (f->store, "Dringend", "#e01b24", &error);
  g_assert_cmpint (
      desk_store_create_tag (f->store, "Rechnung", "#000000", &error), ==, 0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (desk_store_create_tag (f->store, "Bad", "red; }", &error),
                   ==, 0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (desk_store_set_conversation_tag (f->store, id, invoice, TRUE,
                                                  "Anna", &error));
  g_assert_false (desk_store_set_conversation_tag (f->store, 4242, invoice,
                                                   TRUE, "Anna", &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  tags = desk_store_list_tags (f->store, &error);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (((DeskTag *) tags->pdata[0])->name, ==, "Dringend");
  g_assert_cmpuint (((DeskTag *) tags->pdata[1])->n_conversations, ==, 1);
  g_assert_cmpstr (((DeskTag *) tags->pdata[1])->name, ==, "Rechnung");

  filter.tag_id = invoice;
  g_clear_pointer (&ids, g_array_unref);
  ids = desk_store_query_conversation_ids (f->store, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  filter.tag_id = urgent;
  g_clear_pointer (&ids, g_array_unref);
  ids = desk_store_query_conversation_ids (f->store, &filter, &error);
  g_assert_cmpuint (ids->len, ==, 0);

  g_assert_true (desk_store_update_tag (f->store, invoice, "Rechnungen",
                                        "#2ec27e", &error));
  on_conversation = desk_store_list_conversation_tags (f->store, id, &error);
  g_assert_cmpuint (on_conversation->len, ==, 1);
  g_assert_cmpstr (((DeskTag *) on_conversation->pdata[0])->name, ==,
                   "Rechnungen");
  g_clear_pointer (&on_conversation, g_ptr_array_unref);

  g_assert_true (desk_store_delete_tag (f->store, invoice, &error));
  on_conversation = desk_store_list_conversation_tags (f->store, id, &error);
  g_assert_cmpuint (on_conversation->len, ==, 0);
  g_assert_cmpuint (
      count_rows (f->store,
                  "SELECT count (*) FROM event WHERE kind = 'tagged'"),
      ==, 1);
}

static void
test_business_hours_and_reach (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (DeskBusinessHours) hours = desk_business_hours_new (berlin);
  g_autoptr (DeskBusinessHours) stored = NULL;
  g_autoptr (GArray) intervals = NULL;
  g_autoptr (DeskConversation) before = NULL;
  g_autoptr (DeskConversation) after = NULL;
  g_autoptr (DeskConversation) star = NULL;
  DeskSlaPolicy policy = { 60, 60, 24 * 60, TRUE };
  /* Saturday 21 November 2026, 10:00 in Berlin. */
  g_autoptr (GDateTime) saturday
      = g_date_time_new (berlin, 2026, 11, 21, 10, 0, 0);
  g_autoptr (GDateTime) monday_due
      = g_date_time_new (berlin, 2026, 11, 23, 10, 0, 0);
  gint64 id;

  batch = make_batch (f->account, "t1", "1", "Jana", 1,
                      g_date_time_to_unix (saturday));
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  ids = query (f->store, DESK_VIEW_ALL, NULL);
  id = g_array_index (ids, gint64, 0);
  before = desk_store_load_conversation (f->store, id, &error);
  g_assert_cmpint (desk_conversation_get_due_at (before), ==,
                   g_date_time_to_unix (saturday) + 3600);

  /* Office hours on weekdays, counted as business time: the Saturday
   * message is due an hour after Monday opens. */
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_FRIDAY; d++)
    desk_business_hours_add_interval (hours, d, 9 * 60, 17 * 60);
  desk_business_hours_add_german_holidays (hours, 2026);
  g_assert_true (desk_store_set_sla_policy (
      f->store, "mastodon", DESK_PRIORITY_NORMAL, &policy, &error));
  g_assert_true (desk_store_set_business_hours (f->store, hours, &error));
  g_assert_no_error (error);
  after = desk_store_load_conversation (f->store, id, &error);
  g_assert_cmpint (desk_conversation_get_due_at (after), ==,
                   g_date_time_to_unix (monday_due));

  stored = desk_store_get_business_hours (f->store);
  intervals = desk_business_hours_dup_intervals (stored);
  g_assert_cmpuint (intervals->len, ==, 5);
  g_assert_cmpstr (
      g_time_zone_get_identifier (desk_business_hours_get_timezone (stored)),
      ==, "Europe/Berlin");

  /* Lowering the reach threshold makes this customer a priority. */
  g_assert_cmpint (desk_store_get_high_reach_followers (f->store), ==, 10000);
  g_assert_true (desk_store_set_high_reach_followers (f->store, 100, &error));
  star = desk_store_load_conversation (f->store, id, &error);
  g_assert_cmpint (desk_conversation_get_priority (star), ==,
                   DESK_PRIORITY_HIGH);
  g_assert_false (desk_store_set_high_reach_followers (f->store, 0, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/schema/fresh", test_schema_fresh);
  ADD ("/store/migrate/from-empty", test_migrate_from_empty);
  ADD ("/store/migrate/from-version-1", test_migrate_from_version_1);
  ADD ("/store/open/too-new-left-alone", test_too_new_is_left_alone);
  ADD ("/store/open/corrupt-left-alone", test_corrupt_is_left_alone);
  ADD ("/store/sync/upsert-dedupes", test_upsert_dedupes);
  ADD ("/store/sync/malformed-skipped", test_malformed_items_skipped);
  ADD ("/store/search/fts", test_fts_query);
  ADD ("/store/views/status-and-reopen", test_views_and_reopen);
  ADD ("/store/outbox/exactly-once", test_reply_exactly_once);
  ADD ("/store/outbox/failed-kept", test_failed_reply_is_kept);
  ADD ("/store/outbox/empty-refused", test_empty_reply_refused);
  ADD ("/store/order/high-reach-first", test_high_reach_first);
  ADD ("/store/sla/deadlines-and-attainment",
       test_sla_deadlines_and_attainment);
  ADD ("/store/sla/policy-override", test_sla_policy_override);
  ADD ("/store/tags", test_tags);
  ADD ("/store/sla/business-hours-and-reach", test_business_hours_and_reach);
#undef ADD

  return g_test_run ();
}
