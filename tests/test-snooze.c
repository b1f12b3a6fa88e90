/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core/desk-store-private.h"
#include "core/desk-store-snooze.h"
#include "core/desk-store.h"

#define NOW 1795000000 /* 2026-11-19 */

typedef struct
{
  char *dir;
  DeskClock *clock;
  DeskStore *store;
  gint64 account;
  gint64 conversation;
} Fixture;

static DeskSyncBatch *
make_batch (gint64 account, guint n_messages)
{
  DeskSyncBatch *batch = desk_sync_batch_new (account);

  desk_sync_batch_add_identity (batch, "7", "jana", "Jana");
  for (guint i = 0; i < n_messages; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-%u", i);

      desk_sync_batch_add_message (batch, id, "t1",
                                   DESK_CONVERSATION_KIND_PUBLIC,
                                   DESK_DIRECTION_INCOMING, "7",
                                   "Wann kommt mein Fahrrad?", NOW - 600 + i);
    }
  return batch;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GArray) ids = NULL;
  DeskInboxFilter filter = { .view = DESK_VIEW_ALL };

  f->dir = g_dir_make_tmp ("desk-snooze-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "socialdesk.db", NULL);
  f->clock = desk_clock_new_fake (NOW);
  f->store = desk_store_open (path, f->clock, &error);
  g_assert_no_error (error);
  f->account = desk_store_add_account (f->store, "mastodon", "109", "@shop",
                                       "Shop", "social.example", FALSE, &error);
  g_assert_no_error (error);

  batch = make_batch (f->account, 1);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  ids = desk_store_query_conversation_ids (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  f->conversation = g_array_index (ids, gint64, 0);
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
  g_free (f->dir);
}

static DeskStatus
get_status (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskConversation) c
      = desk_store_load_conversation (f->store, f->conversation, &error);

  g_assert_no_error (error);
  return desk_conversation_get_status (c);
}

static guint
count_events (Fixture *f, const char *kind, const char *detail)
{
  sqlite3_stmt *stmt;
  guint n;

  g_assert_cmpint (
      sqlite3_prepare_v2 (_desk_store_get_db (f->store),
                          "SELECT count (*) FROM event WHERE kind = ?1"
                          " AND conversation_id = ?2"
                          " AND (?3 IS NULL OR detail = ?3)",
                          -1, &stmt, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, f->conversation);
  if (detail != NULL)
    sqlite3_bind_text (stmt, 3, detail, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_snooze_until_time (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *until_text = NULL;
  guint counts[DESK_N_VIEWS];
  guint n_woken = 99;

  g_assert_true (desk_store_snooze (f->store, f->conversation, NOW + 3600,
                                    "Anna", &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_status (f), ==, DESK_STATUS_SNOOZED);
  g_assert_cmpint (desk_store_get_snoozed_until (f->store, f->conversation), ==,
                   NOW + 3600);
  g_assert_true (desk_store_count_views (f->store, "Anna", counts, &error));
  g_assert_cmpuint (counts[DESK_VIEW_OPEN], ==, 0);
  g_assert_cmpuint (counts[DESK_VIEW_SNOOZED], ==, 1);
  until_text = g_strdup_printf ("%d", NOW + 3600);
  g_assert_cmpuint (count_events (f, "snooze", until_text), ==, 1);
  g_assert_cmpuint (count_events (f, "status", "snoozed"), ==, 1);

  /* A minute before the time, nothing wakes. */
  desk_clock_advance (f->clock, 3540);
  g_assert_true (desk_store_wake_snoozed (f->store, &n_woken, &error));
  g_assert_cmpuint (n_woken, ==, 0);
  g_assert_cmpint (get_status (f), ==, DESK_STATUS_SNOOZED);

  desk_clock_advance (f->clock, 60);
  g_assert_true (desk_store_wake_snoozed (f->store, &n_woken, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_woken, ==, 1);
  g_assert_cmpint (get_status (f), ==, DESK_STATUS_OPEN);
  g_assert_cmpint (desk_store_get_snoozed_until (f->store, f->conversation), ==,
                   0);
  g_assert_cmpuint (count_events (f, "woken", NULL), ==, 1);
  g_assert_true (desk_store_count_views (f->store, "Anna", counts, &error));
  g_assert_cmpuint (counts[DESK_VIEW_OPEN], ==, 1);
  g_assert_cmpuint (counts[DESK_VIEW_SNOOZED], ==, 0);

  /* Waking twice does nothing more. */
  g_assert_true (desk_store_wake_snoozed (f->store, &n_woken, &error));
  g_assert_cmpuint (n_woken, ==, 0);
  g_assert_cmpuint (count_events (f, "woken", NULL), ==, 1);
}

static void
test_snooze_until_customer (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) answer = NULL;
  guint n_woken;

  g_assert_true (
      desk_store_snooze (f->store, f->conversation, 0, "Anna", &error));
  g_assert_cmpuint (count_events (f, "snooze", "customer"), ==, 1);

  /* Time alone never wakes it. */
  desk_clock_advance (f->clock, 30 * 24 * 3600);
  g_assert_true (desk_store_wake_snoozed (f->store, &n_woken, &error));
  g_assert_cmpuint (n_woken, ==, 0);
  g_assert_cmpint (get_status (f), ==, DESK_STATUS_SNOOZED);

  /* The customer writes: it is open again. */
  answer = make_batch (f->account, 2);
  g_assert_true (desk_store_apply_batch (f->store, answer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (get_status (f), ==, DESK_STATUS_OPEN);
}

static void
test_snooze_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (desk_store_snooze (f->store, 4242, NOW + 60, "Anna", &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (get_status (f), ==, DESK_STATUS_OPEN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/snooze/until-time", Fixture, NULL, fixture_set_up,
              test_snooze_until_time, fixture_tear_down);
  g_test_add ("/snooze/until-customer", Fixture, NULL, fixture_set_up,
              test_snooze_until_customer, fixture_tear_down);
  g_test_add ("/snooze/missing", Fixture, NULL, fixture_set_up,
              test_snooze_missing, fixture_tear_down);

  return g_test_run ();
}
