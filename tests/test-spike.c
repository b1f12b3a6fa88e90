/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core/desk-store-private.h"
#include "core/desk-store-reports.h"

#define MINUTE 60
#define HOUR 3600

static void
test_defaults (void)
{
  DeskSpikeThresholds thresholds;

  desk_spike_thresholds_init (&thresholds);
  g_assert_true (desk_spike_thresholds_validate (&thresholds));
  g_assert_cmpuint (thresholds.window_minutes, ==, 10);
  g_assert_cmpuint (thresholds.negative_min_count, ==, 3);
  g_assert_cmpuint (thresholds.negative_window_minutes, ==, 60);

  thresholds.window_minutes = 0;
  g_assert_false (desk_spike_thresholds_validate (&thresholds));
  desk_spike_thresholds_init (&thresholds);
  thresholds.stddev_factor = -1;
  g_assert_false (desk_spike_thresholds_validate (&thresholds));
}

/* A quiet hour (one message per ten minutes, four weeks running) and
 * suddenly fifteen: the shop is being talked about. */
static void
test_quiet_then_spike (void)
{
  DeskSpikeThresholds thresholds = DESK_SPIKE_THRESHOLDS_INIT;
  guint baseline[24];
  DeskSpikeResult result;

  for (guint i = 0; i < G_N_ELEMENTS (baseline); i++)
    baseline[i] = i % 3 == 0 ? 2 : (i % 3 == 1 ? 1 : 0);

  g_assert_true (desk_spike_detect (&thresholds, 15, baseline,
                                    G_N_ELEMENTS (baseline), &result));
  g_assert_true (result.raised);
  g_assert_cmpuint (result.count, ==, 15);
  g_assert_cmpuint (result.n_baseline, ==, 24);
  g_assert_cmpfloat_with_epsilon (result.mean, 1.0, 1e-9);
  g_assert_cmpfloat (result.threshold, ==, 10);

  /* Nine is more than usual, but below the minimum. */
  g_assert_false (desk_spike_detect (&thresholds, 9, baseline,
                                     G_N_ELEMENTS (baseline), &result));
  g_assert_true (desk_spike_detect (&thresholds, 10, baseline,
                                    G_N_ELEMENTS (baseline), &result));
}

/* Monday 10:00 is always busy: 40 messages are a normal Monday. */
static void
test_busy_monday (void)
{
  DeskSpikeThresholds thresholds = DESK_SPIKE_THRESHOLDS_INIT;
  const guint baseline[] = { 28, 35, 31, 26, 33, 30, 40, 29, 24, 32, 27, 36,
                             30, 34, 25, 31, 38, 29, 33, 27, 30, 26, 35, 31 };
  DeskSpikeResult result;

  g_assert_false (desk_spike_detect (&thresholds, 40, baseline,
                                     G_N_ELEMENTS (baseline), &result));
  g_assert_false (result.raised);
  g_assert_cmpfloat (result.mean, >, 29);
  g_assert_cmpfloat (result.stddev, >, 3);
  g_assert_cmpfloat (result.threshold, >=, 2 * result.mean);

  /* Twice as busy as any Monday is a spike even then. */
  g_assert_true (desk_spike_detect (&thresholds, 70, baseline,
                                    G_N_ELEMENTS (baseline), &result));
}

/* A noisy hour: the mean alone would alert on its usual swings. */
static void
test_noisy_hour (void)
{
  DeskSpikeThresholds thresholds = DESK_SPIKE_THRESHOLDS_INIT;
  const guint baseline[] = { 2, 20, 4, 18, 0, 22, 6, 16, 1, 21, 3, 19 };
  DeskSpikeResult result;

  g_assert_false (desk_spike_detect (&thresholds, 28, baseline,
                                     G_N_ELEMENTS (baseline), &result));
  g_assert_cmpfloat (result.threshold, >, result.mean * 2);
  g_assert_true (desk_spike_detect (&thresholds, 45, baseline,
                                    G_N_ELEMENTS (baseline), &result));
}

static void
test_below_minimum (void)
{
  DeskSpikeThresholds thresholds = DESK_SPIKE_THRESHOLDS_INIT;
  const guint nothing[24] = { 0 };
  DeskSpikeResult result;

  /* A new workspace has no history: only the minimum applies. */
  g_assert_false (desk_spike_detect (&thresholds, 5, NULL, 0, &result));
  g_assert_cmpfloat (result.mean, ==, 0);
  g_assert_cmpfloat (result.threshold, ==, 10);
  g_assert_false (desk_spike_detect (&thresholds, 9, nothing,
                                     G_N_ELEMENTS (nothing), &result));
  g_assert_true (desk_spike_detect (&thresholds, 12, NULL, 0, &result));

  thresholds.min_count = 20;
  g_assert_false (desk_spike_detect (&thresholds, 12, NULL, 0, &result));
}

static void
test_negative_run (void)
{
  DeskSpikeThresholds thresholds = DESK_SPIKE_THRESHOLDS_INIT;
  const gint64 now = 1800000000;
  const gint64 times[] = { now - 2 * HOUR, now - 50 * MINUTE, now - 20 * MINUTE,
                           now - 1, now + 60 };
  DeskNegativeRun run;

  /* Two within the hour, one too old, one in the future. */
  g_assert_false (
      desk_spike_detect_negative_run (&thresholds, times + 1, 2, now, &run));
  g_assert_cmpuint (run.count, ==, 2);

  g_assert_true (desk_spike_detect_negative_run (
      &thresholds, times, G_N_ELEMENTS (times), now, &run));
  g_assert_cmpuint (run.count, ==, 3);
  g_assert_cmpint (run.first_at, ==, now - 50 * MINUTE);
  g_assert_cmpint (run.last_at, ==, now - 1);

  /* Exactly an hour ago is outside; the window is the last 60 minutes. */
  {
    const gint64 edge[] = { now - HOUR, now - HOUR + 1, now - 5, now };

    g_assert_false (
        desk_spike_detect_negative_run (&thresholds, edge, 1, now, &run));
    g_assert_true (desk_spike_detect_negative_run (
        &thresholds, edge, G_N_ELEMENTS (edge), now, &run));
    g_assert_cmpuint (run.count, ==, 3);
  }

  g_assert_false (
      desk_spike_detect_negative_run (&thresholds, NULL, 0, now, &run));
  g_assert_cmpuint (run.count, ==, 0);
  g_assert_cmpint (run.first_at, ==, 0);
}

typedef struct
{
  char *dir;
  DeskClock *clock;
  DeskStore *store;
  gint64 account;
  GTimeZone *berlin;
  guint serial;
} Fixture;

static gint64
unix_utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr (GDateTime) time
      = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("desk-spike-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "socialdesk.db", NULL);
  f->clock = desk_clock_new_fake (unix_utc (2026, 1, 1, 0, 0));
  f->store = desk_store_open (path, f->clock, &error);
  g_assert_no_error (error);
  f->account = desk_store_add_account (f->store, "mastodon", "109", "@shop",
                                       "Shop", "social.example", FALSE, &error);
  g_assert_no_error (error);
  f->berlin = g_time_zone_new_identifier ("Europe/Berlin");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "socialdesk.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->berlin, g_time_zone_unref);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
set_clock (Fixture *f, gint64 at)
{
  gint64 now = desk_clock_get_now (f->clock);

  g_assert_cmpint (at, >=, now);
  desk_clock_advance (f->clock, at - now);
}

/* @n customer messages, one a minute from @at, in a thread of their own. */
static void
customers_write (Fixture *f, gint64 at, guint n)
{
  g_autoptr (DeskSyncBatch) batch = desk_sync_batch_new (f->account);
  g_autoptr (GError) error = NULL;
  g_autofree char *thread = g_strdup_printf ("t%u", f->serial++);

  desk_sync_batch_add_identity (batch, "42", "@kim", "Kim");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", thread, i);

      desk_sync_batch_add_message (batch, id, thread,
                                   DESK_CONVERSATION_KIND_PUBLIC,
                                   DESK_DIRECTION_INCOMING, "42",
                                   "Ist der Laden heute offen?", at + i * 30);
    }
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  g_assert_no_error (error);
}

/* Monday 2026-03-30, 10:20 in Berlin, the first Monday of summer time.
 * The baseline Mondays before it (March 9, 16, 23) were in winter time:
 * the same wall-clock hour is an hour later in UTC. */
static void
test_store_spike (Fixture *f, gconstpointer data)
{
  DeskSpikeThresholds thresholds = DESK_SPIKE_THRESHOLDS_INIT;
  g_autoptr (GError) error = NULL;
  DeskSpikeResult result;
  const gint64 now = unix_utc (2026, 3, 30, 8, 20);

  if (f->berlin == NULL)
    {
      g_test_skip ("no time zone data for Europe/Berlin");
      return;
    }

  thresholds.baseline_weeks = 3;
  set_clock (f, now);

  /* 10:00–11:00 CET on the three Mondays before: two an hour. */
  customers_write (f, unix_utc (2026, 3, 9, 9, 5), 2);
  customers_write (f, unix_utc (2026, 3, 16, 9, 25), 1);
  customers_write (f, unix_utc (2026, 3, 16, 9, 55), 1);
  customers_write (f, unix_utc (2026, 3, 23, 9, 45), 2);
  /* 09:xx CET and 11:xx CET do not count. */
  customers_write (f, unix_utc (2026, 3, 23, 8, 30), 5);
  customers_write (f, unix_utc (2026, 3, 23, 10, 0), 5);

  /* Quiet now: below the minimum. */
  customers_write (f, now - 5 * MINUTE, 3);
  g_assert_true (desk_store_check_spike (f->store, &thresholds, f->berlin,
                                         &result, &error));
  g_assert_no_error (error);
  g_assert_false (result.raised);
  g_assert_cmpuint (result.count, ==, 3);
  g_assert_cmpuint (result.n_baseline, ==, 18);
  g_assert_cmpfloat_with_epsilon (result.mean, 6.0 / 18, 1e-9);

  /* Then twelve more within the window: a spike. */
  customers_write (f, now - 9 * MINUTE, 12);
  g_assert_true (desk_store_check_spike (f->store, &thresholds, f->berlin,
                                         &result, &error));
  g_assert_true (result.raised);
  g_assert_cmpuint (result.count, ==, 15);

  /* Ten minutes later the burst is over. */
  set_clock (f, now + 10 * MINUTE);
  g_assert_true (desk_store_check_spike (f->store, &thresholds, f->berlin,
                                         &result, &error));
  g_assert_false (result.raised);
  g_assert_cmpuint (result.count, ==, 0);

  thresholds.window_minutes = 0;
  g_assert_false (desk_store_check_spike (f->store, &thresholds, f->berlin,
                                          &result, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

static void
add_interaction (Fixture *f, gint64 customer, gboolean positive, gint64 at)
{
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO interaction (customer_id, positive, at) VALUES"
      " (%" G_GINT64_FORMAT ", %d, %" G_GINT64_FORMAT ")",
      customer, positive ? 1 : 0, at);

  g_assert_cmpint (
      sqlite3_exec (_desk_store_get_db (f->store), sql, NULL, NULL, NULL), ==,
      SQLITE_OK);
}

static void
test_store_negative_run (Fixture *f, gconstpointer data)
{
  DeskSpikeThresholds thresholds = DESK_SPIKE_THRESHOLDS_INIT;
  g_autoptr (GError) error = NULL;
  DeskNegativeRun run;
  const gint64 now = unix_utc (2026, 6, 1, 12, 0);
  gint64 conversation, customer;
  sqlite3_stmt *stmt;

  set_clock (f, now - 3 * HOUR);
  customers_write (f, now - 3 * HOUR, 1);
  g_assert_cmpint (sqlite3_prepare_v2 (_desk_store_get_db (f->store),
                                       "SELECT id, customer_id FROM"
                                       " conversation",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  conversation = sqlite3_column_int64 (stmt, 0);
  customer = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);

  add_interaction (f, customer, FALSE, now - 2 * HOUR); /* too old */
  add_interaction (f, customer, TRUE, now - 30 * MINUTE);
  add_interaction (f, customer, FALSE, now - 40 * MINUTE);

  set_clock (f, now - 20 * MINUTE);
  g_assert_cmpint (desk_store_record_rating (f->store, conversation, 0,
                                             DESK_RATING_SCALE_CSAT, 4, 0, NULL,
                                             &error),
                   >, 0);
  g_assert_cmpint (desk_store_record_rating (f->store, conversation, 0,
                                             DESK_RATING_SCALE_NPS, 3, 0, NULL,
                                             &error),
                   >, 0);

  set_clock (f, now);
  g_assert_true (
      desk_store_check_negative_run (f->store, &thresholds, &run, &error));
  g_assert_no_error (error);
  g_assert_false (run.raised);
  g_assert_cmpuint (run.count, ==, 2);

  add_interaction (f, customer, FALSE, now - MINUTE);
  g_assert_true (
      desk_store_check_negative_run (f->store, &thresholds, &run, &error));
  g_assert_true (run.raised);
  g_assert_cmpuint (run.count, ==, 3);
  g_assert_cmpint (run.first_at, ==, now - 40 * MINUTE);
  g_assert_cmpint (run.last_at, ==, now - MINUTE);

  /* An hour later it has passed. */
  set_clock (f, now + HOUR);
  g_assert_true (
      desk_store_check_negative_run (f->store, &thresholds, &run, &error));
  g_assert_false (run.raised);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spike/defaults", test_defaults);
  g_test_add_func ("/spike/quiet-then-spike", test_quiet_then_spike);
  g_test_add_func ("/spike/busy-monday", test_busy_monday);
  g_test_add_func ("/spike/noisy-hour", test_noisy_hour);
  g_test_add_func ("/spike/below-minimum", test_below_minimum);
  g_test_add_func ("/spike/negative-run", test_negative_run);
  g_test_add ("/spike/store-spike", Fixture, NULL, fixture_set_up,
              test_store_spike, fixture_tear_down);
  g_test_add ("/spike/store-negative-run", Fixture, NULL, fixture_set_up,
              test_store_negative_run, fixture_tear_down);

  return g_test_run ();
}
