/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core/desk-csv.h"
#include "core/desk-store-private.h"
#include "core/desk-store-reports.h"

#define HOUR 3600
#define DAY (24 * HOUR)

/* The conversations of one Monday (see build_day). */
enum
{
  CONV_A, /* opened the evening before, answered in the period */
  CONV_B, /* answered, followed up, answered again, closed */
  CONV_C, /* answered by Ben */
  CONV_D, /* never answered */
  CONV_E, /* opened late, answered the next day */
  CONV_F, /* on Bluesky, tagged */
  N_CONVS
};

typedef struct
{
  char *dir;
  DeskClock *clock;
  DeskStore *store;
  gint64 mastodon;
  gint64 bluesky;
  gint64 day; /* 2026-06-01 00:00 UTC, a Monday */
  gint64 conv[N_CONVS];
  gint64 tag;
  GTimeZone *utc;
  GTimeZone *berlin;
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

  f->day = unix_utc (2026, 6, 1, 0, 0);
  f->dir = g_dir_make_tmp ("desk-reports-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "socialdesk.db", NULL);
  /* Early in the year: the clock only moves forward, and the tests
   * start at various dates of 2026. */
  f->clock = desk_clock_new_fake (unix_utc (2026, 1, 1, 0, 0));
  f->store = desk_store_open (path, f->clock, &error);
  g_assert_no_error (error);
  f->mastodon
      = desk_store_add_account (f->store, "mastodon", "109", "@shop", "Shop",
                                "social.example", FALSE, &error);
  g_assert_no_error (error);
  f->bluesky = desk_store_add_account (f->store, "bluesky", "did:plc:shop",
                                       "shop.bsky.social", "Shop", NULL, FALSE,
                                       &error);
  g_assert_no_error (error);
  f->utc = g_time_zone_new_utc ();
  f->berlin = g_time_zone_new_identifier ("Europe/Berlin");
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
  g_clear_pointer (&f->utc, g_time_zone_unref);
  g_clear_pointer (&f->berlin, g_time_zone_unref);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
exec_sql (Fixture *f, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_desk_store_get_db (f->store), sql, NULL, NULL, &message)
      != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (Fixture *f, const char *sql, gint64 arg)
{
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_cmpint (
      sqlite3_prepare_v2 (_desk_store_get_db (f->store), sql, -1, &stmt, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Moves the fake clock forward to @at; the store writes events then. */
static void
set_clock (Fixture *f, gint64 at)
{
  gint64 now = desk_clock_get_now (f->clock);

  g_assert_cmpint (at, >=, now);
  desk_clock_advance (f->clock, at - now);
}

/* A customer message at @at in @thread; returns the conversation. */
static gint64
customer_writes_text (Fixture *f,
                      gint64 account,
                      const char *thread,
                      const char *author,
                      const char *name,
                      const char *body,
                      gint64 at)
{
  g_autoptr (DeskSyncBatch) batch = desk_sync_batch_new (account);
  g_autofree char *remote_id
      = g_strdup_printf ("%s-%" G_GINT64_FORMAT, thread, at);
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  desk_sync_batch_add_identity (batch, author, author, name);
  desk_sync_batch_add_message (batch, remote_id, thread,
                               DESK_CONVERSATION_KIND_PUBLIC,
                               DESK_DIRECTION_INCOMING, author, body, at);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (batch->warnings->len, ==, 0);

  g_assert_cmpint (sqlite3_prepare_v2 (_desk_store_get_db (f->store),
                                       "SELECT id FROM conversation WHERE"
                                       " account_id = ? AND thread_remote_id"
                                       " = ?",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, account);
  sqlite3_bind_text (stmt, 2, thread, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
customer_writes (Fixture *f,
                 gint64 account,
                 const char *thread,
                 const char *name,
                 gint64 at)
{
  set_clock (f, at);
  return customer_writes_text (f, account, thread, thread, name,
                               "Wo bleibt meine Bestellung?", at);
}

/* The customer message of @conversation written at @at. */
static gint64
message_id (Fixture *f, gint64 conversation, gint64 at)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_desk_store_get_db (f->store),
                                       "SELECT id FROM message WHERE"
                                       " conversation_id = ? AND created_at"
                                       " = ? AND direction = 0",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, conversation);
  sqlite3_bind_int64 (stmt, 2, at);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
agent_replies (Fixture *f, gint64 conversation, const char *agent, gint64 at)
{
  g_autoptr (GError) error = NULL;

  set_clock (f, at);
  g_assert_cmpint (
      desk_store_queue_reply (f->store, conversation, "Danke, wir kümmern uns.",
                              DESK_CONVERSATION_KIND_PUBLIC, agent, &error),
      >, 0);
  g_assert_no_error (error);
}

static void
agent_sets_status (Fixture *f,
                   gint64 conversation,
                   DeskStatus status,
                   gint64 at)
{
  g_autoptr (GError) error = NULL;

  set_clock (f, at);
  g_assert_true (
      desk_store_set_status (f->store, conversation, status, "Anna", &error));
  g_assert_no_error (error);
}

static void
assign (Fixture *f, gint64 conversation, const char *agent)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
      desk_store_set_assignee (f->store, conversation, agent, "Anna", &error));
  g_assert_no_error (error);
}

static void
add_mention (Fixture *f, gint64 account, const char *remote_id, gint64 at)
{
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO mention (account_id, remote_id, author_handle, body,"
      " created_at) VALUES (%" G_GINT64_FORMAT ", '%s', '@fan',"
      " 'Der Laden ist toll', %" G_GINT64_FORMAT ")",
      account, remote_id, at);

  exec_sql (f, sql);
}

/* One Monday, 2026-06-01 (UTC), told hour by hour. */
static void
build_day (Fixture *f)
{
  const gint64 d = f->day;
  g_autoptr (GError) error = NULL;

  f->conv[CONV_A]
      = customer_writes (f, f->mastodon, "a", "Jana Köhler", d - 2 * HOUR);
  agent_replies (f, f->conv[CONV_A], "Carla", d + 600); /* 7800 s, late */

  f->conv[CONV_B]
      = customer_writes (f, f->mastodon, "b", "Müller, \"Max\"", d + HOUR);
  assign (f, f->conv[CONV_B], "Anna");
  agent_replies (f, f->conv[CONV_B], "Anna", d + HOUR + 300);
  customer_writes (f, f->mastodon, "b", "Müller, \"Max\"", d + 2 * HOUR);
  agent_replies (f, f->conv[CONV_B], "Ben", d + 2 * HOUR + 1800);
  agent_sets_status (f, f->conv[CONV_B], DESK_STATUS_CLOSED, d + 3 * HOUR);

  f->conv[CONV_C] = customer_writes (
      f, f->mastodon, "c", "=HYPERLINK(\"http://evil.example\")", d + 4 * HOUR);
  assign (f, f->conv[CONV_C], "Ben");
  agent_replies (f, f->conv[CONV_C], "Ben", d + 4 * HOUR + 2700);

  f->conv[CONV_D]
      = customer_writes (f, f->mastodon, "d", "@everyone", d + 5 * HOUR);

  f->conv[CONV_F] = customer_writes (f, f->bluesky, "f", "Lena", d + 6 * HOUR);
  assign (f, f->conv[CONV_F], "Anna");
  agent_replies (f, f->conv[CONV_F], "Anna", d + 6 * HOUR + 1200);
  f->tag = desk_store_create_tag (f->store, "Lieferung", "#3584e4", &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_set_conversation_tag (
      f->store, f->conv[CONV_F], f->tag, TRUE, "Anna", &error));

  set_clock (f, d + 12 * HOUR);
  g_assert_cmpint (desk_store_record_rating (f->store, f->conv[CONV_B], 0,
                                             DESK_RATING_SCALE_CSAT, 5, 0,
                                             "Anna", &error),
                   >, 0);
  g_assert_cmpint (desk_store_record_rating (f->store, f->conv[CONV_C], 0,
                                             DESK_RATING_SCALE_CSAT, 2, 0,
                                             "Ben", &error),
                   >, 0);
  g_assert_cmpint (desk_store_record_rating (f->store, f->conv[CONV_B], 0,
                                             DESK_RATING_SCALE_NPS, 9, 0,
                                             "Anna", &error),
                   >, 0);
  g_assert_cmpint (desk_store_record_rating (f->store, f->conv[CONV_F], 0,
                                             DESK_RATING_SCALE_NPS, 6, 0,
                                             "Anna", &error),
                   >, 0);
  g_assert_no_error (error);

  f->conv[CONV_E]
      = customer_writes (f, f->mastodon, "e", "Line\nBreak", d + 23 * HOUR);
  agent_replies (f, f->conv[CONV_E], "Carla", d + DAY + 600); /* 4200 s */
  set_clock (f, d + DAY + HOUR);
  g_assert_cmpint (desk_store_record_rating (f->store, f->conv[CONV_E], 0,
                                             DESK_RATING_SCALE_NPS, 10, 0, NULL,
                                             &error),
                   >, 0);

  add_mention (f, f->mastodon, "m1", d + HOUR);
  add_mention (f, f->mastodon, "m2", d + 20 * HOUR);
  add_mention (f, f->bluesky, "m3", d + 8 * HOUR);
  add_mention (f, f->mastodon, "m4", d - HOUR);
}

static DeskReport *
compute (Fixture *f, const DeskReportQuery *query)
{
  g_autoptr (GError) error = NULL;
  DeskReport *report = desk_store_compute_report (f->store, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_finite (const DeskReport *report)
{
  g_assert_true (isfinite (report->response_rate));
  g_assert_true (isfinite (report->first_response.median));
  g_assert_true (isfinite (report->first_response.p90));
  g_assert_true (isfinite (report->next_response.median));
  g_assert_true (isfinite (report->next_response.p90));
  g_assert_true (isfinite (report->resolution.median));
  g_assert_true (isfinite (report->resolution.p90));
  g_assert_true (isfinite (report->csat.average));
  g_assert_true (isfinite (report->nps.score));
  for (int i = 0; i < DESK_SLA_N_TIMERS; i++)
    g_assert_true (isfinite (report->sla[i].percent));
}

static void
test_day (Fixture *f, gconstpointer data)
{
  DeskReportQuery query = { .from = f->day, .to = f->day + DAY, .tz = f->utc };
  g_autoptr (DeskReport) report = NULL;
  const DeskReportDay *day;

  build_day (f);
  report = compute (f, &query);
  assert_finite (report);
  g_assert_false (desk_report_is_empty (report));

  /* Opened in the period: B, C, D, F and E (answered after the period). */
  g_assert_cmpuint (report->opened, ==, 5);
  g_assert_cmpuint (report->answered, ==, 4);
  g_assert_cmpfloat_with_epsilon (report->response_rate, 80.0, 1e-9);

  /* Replies written in the period: A's wait began the evening before. */
  g_assert_cmpuint (report->first_response.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (report->first_response.median, 1950, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->first_response.p90, 6270, 1e-9);
  g_assert_cmpuint (report->next_response.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->next_response.median, 1800, 1e-9);
  g_assert_cmpuint (report->resolution.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->resolution.median, 2 * HOUR, 1e-9);

  g_assert_cmpuint (
      report->response_histogram[DESK_REPORT_BUCKET_UNDER_15_MINUTES], ==, 1);
  g_assert_cmpuint (report->response_histogram[DESK_REPORT_BUCKET_UNDER_1_HOUR],
                    ==, 2);
  g_assert_cmpuint (
      report->response_histogram[DESK_REPORT_BUCKET_UNDER_6_HOURS], ==, 1);
  g_assert_cmpuint (
      report->response_histogram[DESK_REPORT_BUCKET_UNDER_24_HOURS], ==, 0);
  g_assert_cmpuint (report->response_histogram[DESK_REPORT_BUCKET_LONGER], ==,
                    0);

  g_assert_cmpuint (report->sla[DESK_SLA_TIMER_FIRST_RESPONSE].met, ==, 3);
  g_assert_cmpuint (report->sla[DESK_SLA_TIMER_FIRST_RESPONSE].breached, ==, 1);
  g_assert_cmpfloat_with_epsilon (
      report->sla[DESK_SLA_TIMER_FIRST_RESPONSE].percent, 75.0, 1e-9);
  g_assert_cmpuint (report->sla[DESK_SLA_TIMER_NEXT_RESPONSE].met, ==, 1);
  g_assert_cmpuint (report->sla[DESK_SLA_TIMER_NEXT_RESPONSE].breached, ==, 0);
  g_assert_cmpuint (report->sla[DESK_SLA_TIMER_RESOLUTION].met, ==, 1);

  /* B twice, C, D, F, E; A wrote the evening before. */
  g_assert_cmpuint (report->incoming, ==, 6);
  g_assert_cmpuint (report->days->len, ==, 1);
  day = &g_array_index (report->days, DeskReportDay, 0);
  g_assert_cmpuint (day->opened, ==, 5);
  g_assert_cmpuint (day->incoming, ==, 6);
  g_assert_cmpuint (day->sla[DESK_SLA_TIMER_FIRST_RESPONSE].met, ==, 3);
  g_assert_cmpuint (day->sla[DESK_SLA_TIMER_FIRST_RESPONSE].breached, ==, 1);
  g_assert_cmpint (day->end - day->start, ==, DAY);

  g_assert_cmpuint (report->heat_map_days[0], ==, 1);
  g_assert_cmpuint (report->heat_map[0][1], ==, 1);
  g_assert_cmpuint (report->heat_map[0][2], ==, 1);
  g_assert_cmpuint (report->heat_map[0][3], ==, 0);
  g_assert_cmpuint (report->heat_map[0][4], ==, 1);
  g_assert_cmpuint (report->heat_map[0][5], ==, 1);
  g_assert_cmpuint (report->heat_map[0][6], ==, 1);
  g_assert_cmpuint (report->heat_map[0][23], ==, 1);

  /* CSAT 5 and 2; NPS 9 and 6 (E's 10 came the next day). */
  g_assert_cmpuint (report->csat.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->csat.average, 3.5, 1e-9);
  g_assert_cmpuint (report->csat.counts[4], ==, 1);
  g_assert_cmpuint (report->csat.counts[1], ==, 1);
  g_assert_cmpuint (report->nps.n, ==, 2);
  g_assert_cmpuint (report->nps.promoters, ==, 1);
  g_assert_cmpuint (report->nps.detractors, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->nps.score, 0, 1e-9);

  g_assert_cmpuint (report->mentions, ==, 3);
}

/* The next day sees E's late answer, but none of the openings. */
static void
test_spanning_boundary (Fixture *f, gconstpointer data)
{
  DeskReportQuery query
      = { .from = f->day + DAY, .to = f->day + 2 * DAY, .tz = f->utc };
  g_autoptr (DeskReport) report = NULL;

  build_day (f);
  report = compute (f, &query);
  assert_finite (report);

  g_assert_cmpuint (report->opened, ==, 0);
  g_assert_cmpfloat (report->response_rate, ==, 0);
  g_assert_cmpuint (report->incoming, ==, 0);
  g_assert_cmpuint (report->first_response.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->first_response.median, 4200, 1e-9);
  g_assert_cmpuint (
      report->response_histogram[DESK_REPORT_BUCKET_UNDER_6_HOURS], ==, 1);
  g_assert_cmpuint (report->sla[DESK_SLA_TIMER_FIRST_RESPONSE].breached, ==, 1);
  g_assert_cmpuint (report->nps.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->nps.score, 100, 1e-9);

  /* Two days: the evening before, and the day itself. */
  query.from = f->day - DAY;
  query.to = f->day + DAY;
  g_clear_pointer (&report, desk_report_unref);
  report = compute (f, &query);
  g_assert_cmpuint (report->opened, ==, 6);
  g_assert_cmpuint (report->days->len, ==, 2);
  g_assert_cmpuint (g_array_index (report->days, DeskReportDay, 0).opened, ==,
                    1);
  g_assert_cmpuint (g_array_index (report->days, DeskReportDay, 1).opened, ==,
                    5);
  g_assert_cmpuint (report->first_response.n, ==, 4);
  g_assert_cmpuint (report->mentions, ==, 4);
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  DeskReportQuery query = { .from = f->day, .to = f->day + DAY, .tz = f->utc };
  g_autoptr (DeskReport) report = NULL;

  build_day (f);

  query.network = "bluesky";
  report = compute (f, &query);
  g_assert_cmpuint (report->opened, ==, 1);
  g_assert_cmpuint (report->incoming, ==, 1);
  g_assert_cmpuint (report->first_response.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->first_response.median, 1200, 1e-9);
  g_assert_cmpuint (report->nps.n, ==, 1);
  g_assert_cmpuint (report->csat.n, ==, 0);
  g_assert_cmpuint (report->mentions, ==, 1);
  g_clear_pointer (&report, desk_report_unref);

  query.network = NULL;
  query.account_id = f->mastodon;
  report = compute (f, &query);
  g_assert_cmpuint (report->opened, ==, 4);
  g_assert_cmpuint (report->mentions, ==, 2);
  g_clear_pointer (&report, desk_report_unref);

  /* An agent: the replies they wrote, the conversations they own. */
  query.account_id = 0;
  query.agent = "Anna";
  report = compute (f, &query);
  g_assert_cmpuint (report->opened, ==, 2);
  g_assert_cmpuint (report->answered, ==, 2);
  g_assert_cmpuint (report->first_response.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->first_response.median, 750, 1e-9);
  g_assert_cmpuint (report->next_response.n, ==, 0);
  g_assert_cmpuint (report->resolution.n, ==, 1);
  g_clear_pointer (&report, desk_report_unref);

  query.agent = "Ben";
  report = compute (f, &query);
  g_assert_cmpuint (report->opened, ==, 1);
  g_assert_cmpuint (report->first_response.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->first_response.median, 2700, 1e-9);
  g_assert_cmpuint (report->next_response.n, ==, 1);
  g_assert_cmpuint (report->sla[DESK_SLA_TIMER_FIRST_RESPONSE].met, ==, 1);
  g_assert_cmpuint (report->sla[DESK_SLA_TIMER_FIRST_RESPONSE].breached, ==, 0);
  g_assert_cmpuint (report->csat.n, ==, 1);
  g_assert_cmpuint (report->csat.counts[1], ==, 1);
  g_clear_pointer (&report, desk_report_unref);

  query.agent = NULL;
  query.tag_id = f->tag;
  report = compute (f, &query);
  g_assert_cmpuint (report->opened, ==, 1);
  g_assert_cmpuint (report->incoming, ==, 1);
  g_clear_pointer (&report, desk_report_unref);

  /* Filters combine. */
  query.network = "mastodon";
  report = compute (f, &query);
  g_assert_cmpuint (report->opened, ==, 0);
  g_assert_cmpuint (report->incoming, ==, 0);
  g_assert_cmpuint (report->first_response.n, ==, 0);
  g_assert_cmpuint (report->mentions, ==, 2); /* not conversations */
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  DeskReportQuery query
      = { .from = f->day - 10 * DAY, .to = f->day - 9 * DAY, .tz = f->utc };
  g_autoptr (DeskReport) report = NULL;
  g_autoptr (DeskReport) nothing = NULL;
  g_autoptr (GError) error = NULL;

  build_day (f);
  report = compute (f, &query);
  assert_finite (report);
  g_assert_true (desk_report_is_empty (report));
  g_assert_cmpuint (report->opened, ==, 0);
  g_assert_cmpuint (report->first_response.n, ==, 0);
  g_assert_cmpfloat (report->first_response.median, ==, 0);
  g_assert_cmpuint (report->csat.n, ==, 0);
  g_assert_cmpuint (report->nps.n, ==, 0);
  g_assert_cmpuint (report->days->len, ==, 1);

  /* A period of no length has no days. */
  query.to = query.from;
  nothing = compute (f, &query);
  g_assert_true (desk_report_is_empty (nothing));
  g_assert_cmpuint (nothing->days->len, ==, 0);

  query.to = query.from - 1;
  g_assert_null (desk_store_compute_report (f->store, &query, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

/* Closed, reopened by the customer, closed again; then reopened by the
 * agent and closed without a new question: two resolutions. */
static void
test_resolution_episodes (Fixture *f, gconstpointer data)
{
  DeskReportQuery query = { .from = f->day, .to = f->day + DAY, .tz = f->utc };
  g_autoptr (DeskReport) report = NULL;
  gint64 conv;
  const gint64 d = f->day;

  conv = customer_writes (f, f->mastodon, "r", "Rita", d + HOUR);
  agent_replies (f, conv, "Anna", d + HOUR + 600);
  agent_sets_status (f, conv, DESK_STATUS_CLOSED, d + 2 * HOUR);
  customer_writes (f, f->mastodon, "r", "Rita", d + 5 * HOUR);
  agent_replies (f, conv, "Anna", d + 5 * HOUR + 600);
  agent_sets_status (f, conv, DESK_STATUS_CLOSED, d + 8 * HOUR);
  agent_sets_status (f, conv, DESK_STATUS_OPEN, d + 9 * HOUR);
  agent_sets_status (f, conv, DESK_STATUS_CLOSED, d + 10 * HOUR);

  report = compute (f, &query);
  g_assert_cmpuint (report->resolution.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->resolution.median, 7200, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->resolution.p90, 10080, 1e-9);
  g_assert_cmpuint (report->first_response.n, ==, 1);
  g_assert_cmpuint (report->next_response.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->next_response.median, 600, 1e-9);
  g_assert_cmpuint (report->opened, ==, 1);
}

/* Several customer messages in one wait count from the first; two
 * replies in a row answer one wait. */
static void
test_waits (Fixture *f, gconstpointer data)
{
  DeskReportQuery query = { .from = f->day, .to = f->day + DAY, .tz = f->utc };
  g_autoptr (DeskReport) report = NULL;
  gint64 conv;
  const gint64 d = f->day;

  conv = customer_writes (f, f->mastodon, "w", "Willi", d + HOUR);
  customer_writes (f, f->mastodon, "w", "Willi", d + HOUR + 60);
  agent_replies (f, conv, "Anna", d + HOUR + 900);
  agent_replies (f, conv, "Anna", d + HOUR + 1000);
  customer_writes (f, f->mastodon, "w", "Willi", d + 3 * HOUR);
  customer_writes (f, f->mastodon, "w", "Willi", d + 3 * HOUR + 300);
  agent_replies (f, conv, "Anna", d + 4 * HOUR);

  report = compute (f, &query);
  g_assert_cmpuint (report->first_response.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->first_response.median, 900, 1e-9);
  g_assert_cmpuint (report->next_response.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->next_response.median, HOUR, 1e-9);
  g_assert_cmpuint (report->incoming, ==, 4);
}

static void
add_message_at (Fixture *f, const char *thread, gint64 at)
{
  customer_writes_text (f, f->mastodon, thread, "z", "Zoe", "Hallo?", at);
}

static void
test_dst_march (Fixture *f, gconstpointer data)
{
  DeskReportQuery query = { 0 };
  g_autoptr (DeskReport) report = NULL;
  g_autoptr (GTimeZone) workspace = NULL;
  const DeskReportDay *day;
  GDate date;

  if (f->berlin == NULL)
    {
      g_test_skip ("no time zone data for Europe/Berlin");
      return;
    }

  /* The change to summer time: 02:00 CET becomes 03:00 CEST. */
  set_clock (f, unix_utc (2026, 3, 30, 10, 0));
  add_message_at (f, "m1", unix_utc (2026, 3, 28, 22, 30)); /* Sat 23:30 */
  add_message_at (f, "m2", unix_utc (2026, 3, 28, 23, 30)); /* Sun 00:30 */
  add_message_at (f, "m3", unix_utc (2026, 3, 29, 0, 30));  /* Sun 01:30 */
  add_message_at (f, "m4", unix_utc (2026, 3, 29, 1, 30));  /* Sun 03:30 */
  add_message_at (f, "m5", unix_utc (2026, 3, 29, 21, 59)); /* Sun 23:59 */
  add_message_at (f, "m6", unix_utc (2026, 3, 29, 22, 0));  /* Mon 00:00 */

  /* The workspace's zone is used when the query names none. */
  exec_sql (f, "INSERT INTO workspace_setting VALUES"
               " ('timezone', 'Europe/Berlin')");
  workspace = desk_store_dup_report_timezone (f->store);
  g_assert_cmpstr (g_time_zone_get_identifier (workspace), ==, "Europe/Berlin");

  g_assert_true (desk_report_period_get_range (
      DESK_REPORT_PERIOD_LAST_7_DAYS, workspace, desk_clock_get_now (f->clock),
      &query.from, &query.to));
  g_assert_cmpint (query.from, ==, unix_utc (2026, 3, 23, 23, 0));
  g_assert_cmpint (query.to, ==, unix_utc (2026, 3, 30, 22, 0));

  report = compute (f, &query);
  g_assert_cmpuint (report->days->len, ==, 7);
  g_assert_cmpuint (report->incoming, ==, 6);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 29, G_DATE_MARCH, 2026);
  day = desk_report_find_day (report, &date);
  g_assert_nonnull (day);
  g_assert_cmpint (day->end - day->start, ==, 23 * HOUR);
  g_assert_cmpuint (day->incoming, ==, 4);
  g_assert_cmpuint (day->opened, ==, 4);
  g_date_set_dmy (&date, 28, G_DATE_MARCH, 2026);
  g_assert_cmpuint (desk_report_find_day (report, &date)->incoming, ==, 1);
  g_date_set_dmy (&date, 30, G_DATE_MARCH, 2026);
  g_assert_cmpuint (desk_report_find_day (report, &date)->incoming, ==, 1);

  g_assert_cmpuint (report->heat_map[5][23], ==, 1); /* Saturday */
  g_assert_cmpuint (report->heat_map[6][0], ==, 1);  /* Sunday */
  g_assert_cmpuint (report->heat_map[6][1], ==, 1);
  g_assert_cmpuint (report->heat_map[6][2], ==, 0); /* does not exist */
  g_assert_cmpuint (report->heat_map[6][3], ==, 1);
  g_assert_cmpuint (report->heat_map[6][23], ==, 1);
  g_assert_cmpuint (report->heat_map[0][0], ==, 1); /* Monday */
  for (int i = 0; i < 7; i++)
    g_assert_cmpuint (report->heat_map_days[i], ==, 1);

  /* The same instants in UTC fall on other days and hours. */
  query.tz = f->utc;
  g_clear_pointer (&report, desk_report_unref);
  report = compute (f, &query);
  g_assert_cmpuint (report->heat_map[5][22], ==, 1);
  g_assert_cmpuint (report->heat_map[5][23], ==, 1);
  g_assert_cmpuint (report->heat_map[6][0], ==, 1);
  g_assert_cmpuint (report->heat_map[6][3], ==, 0);
  g_assert_cmpuint (report->heat_map[6][22], ==, 1);
}

static void
test_dst_october (Fixture *f, gconstpointer data)
{
  DeskReportQuery query = { 0 };
  g_autoptr (DeskReport) report = NULL;
  g_autofree char *sql = NULL;
  const DeskReportDay *day;
  GDate first, last;

  if (f->berlin == NULL)
    {
      g_test_skip ("no time zone data for Europe/Berlin");
      return;
    }

  /* The change back: 03:00 CEST becomes 02:00 CET, 02:xx happens twice. */
  set_clock (f, unix_utc (2026, 10, 27, 10, 0));
  add_message_at (f, "o1", unix_utc (2026, 10, 24, 22, 30)); /* Sun 00:30 */
  add_message_at (f, "o2", unix_utc (2026, 10, 25, 0, 30));  /* 02:30 CEST */
  add_message_at (f, "o3", unix_utc (2026, 10, 25, 1, 30));  /* 02:30 CET */
  add_message_at (f, "o4", unix_utc (2026, 10, 25, 22, 30)); /* Sun 23:30 */
  add_message_at (f, "o5", unix_utc (2026, 10, 25, 23, 30)); /* Mon 00:30 */

  /* SLA results on both sides of local midnight. */
  sql = g_strdup_printf (
      "INSERT INTO event (at, kind, detail) VALUES"
      " (%" G_GINT64_FORMAT ", 'sla-first-response', 'met 100'),"
      " (%" G_GINT64_FORMAT ", 'sla-first-response', 'breached 50')",
      unix_utc (2026, 10, 24, 22, 30), unix_utc (2026, 10, 24, 21, 30));
  exec_sql (f, sql);

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 25, G_DATE_OCTOBER, 2026);
  last = first;
  g_assert_true (desk_report_get_days_range (f->berlin, &first, &last,
                                             &query.from, &query.to));
  g_assert_cmpint (query.to - query.from, ==, 25 * HOUR);
  query.tz = f->berlin;

  report = compute (f, &query);
  g_assert_cmpuint (report->days->len, ==, 1);
  day = &g_array_index (report->days, DeskReportDay, 0);
  g_assert_cmpuint (day->incoming, ==, 4);
  g_assert_cmpuint (report->heat_map[6][0], ==, 1);
  g_assert_cmpuint (report->heat_map[6][2], ==, 2);
  g_assert_cmpuint (report->heat_map[6][23], ==, 1);
  g_assert_cmpuint (report->heat_map[0][0], ==, 0);
  g_assert_cmpuint (day->sla[DESK_SLA_TIMER_FIRST_RESPONSE].met, ==, 1);
  g_assert_cmpuint (day->sla[DESK_SLA_TIMER_FIRST_RESPONSE].breached, ==, 0);

  /* Saturday and Sunday: the breach was late on Saturday evening. */
  g_date_set_dmy (&first, 24, G_DATE_OCTOBER, 2026);
  g_assert_true (desk_report_get_days_range (f->berlin, &first, &last,
                                             &query.from, &query.to));
  g_clear_pointer (&report, desk_report_unref);
  report = compute (f, &query);
  g_assert_cmpuint (report->days->len, ==, 2);
  day = &g_array_index (report->days, DeskReportDay, 0);
  g_assert_cmpuint (day->sla[DESK_SLA_TIMER_FIRST_RESPONSE].breached, ==, 1);
  g_assert_cmpfloat_with_epsilon (
      day->sla[DESK_SLA_TIMER_FIRST_RESPONSE].percent, 0, 1e-9);
  day = &g_array_index (report->days, DeskReportDay, 1);
  g_assert_cmpfloat_with_epsilon (
      day->sla[DESK_SLA_TIMER_FIRST_RESPONSE].percent, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (
      report->sla[DESK_SLA_TIMER_FIRST_RESPONSE].percent, 50, 1e-9);
}

static void
test_periods (void)
{
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 from, to;

  if (berlin == NULL)
    {
      g_test_skip ("no time zone data for Europe/Berlin");
      return;
    }

  /* Sunday of the October change, in the afternoon: today has 25 hours. */
  g_assert_true (desk_report_period_get_range (DESK_REPORT_PERIOD_TODAY, berlin,
                                               unix_utc (2026, 10, 25, 14, 0),
                                               &from, &to));
  g_assert_cmpint (from, ==, unix_utc (2026, 10, 24, 22, 0));
  g_assert_cmpint (to, ==, unix_utc (2026, 10, 25, 23, 0));

  /* Just after local midnight it is already the next day. */
  g_assert_true (desk_report_period_get_range (DESK_REPORT_PERIOD_TODAY, berlin,
                                               unix_utc (2026, 6, 1, 22, 30),
                                               &from, &to));
  g_assert_cmpint (from, ==, unix_utc (2026, 6, 1, 22, 0));

  g_assert_true (
      desk_report_period_get_range (DESK_REPORT_PERIOD_LAST_30_DAYS, berlin,
                                    unix_utc (2026, 3, 30, 10, 0), &from, &to));
  g_assert_cmpint (from, ==, unix_utc (2026, 2, 28, 23, 0));
  g_assert_cmpint (to, ==, unix_utc (2026, 3, 30, 22, 0));
  g_assert_cmpint (to - from, ==, 30 * DAY - HOUR);

  g_assert_false (
      desk_report_period_get_range (DESK_REPORT_PERIOD_CUSTOM, berlin,
                                    unix_utc (2026, 3, 30, 10, 0), &from, &to));
  g_assert_nonnull (desk_report_period_get_label (DESK_REPORT_PERIOD_TODAY));
}

static void
test_statistics (void)
{
  double values[] = { 50, 10, 40, 20, 30 };
  double one[] = { 7 };
  DeskDurationStats stats;
  DeskNpsStats nps = { 0 };
  DeskCsatStats csat = { 0 };
  DeskSlaCount sla = { .met = 3, .breached = 1 };

  desk_report_compute_durations (values, G_N_ELEMENTS (values), &stats);
  g_assert_cmpuint (stats.n, ==, 5);
  g_assert_cmpfloat (values[0], ==, 10);
  g_assert_cmpfloat_with_epsilon (stats.median, 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.p90, 46, 1e-9);

  desk_report_compute_durations (one, 1, &stats);
  g_assert_cmpfloat (stats.median, ==, 7);
  g_assert_cmpfloat (stats.p90, ==, 7);

  desk_report_compute_durations (NULL, 0, &stats);
  g_assert_cmpuint (stats.n, ==, 0);
  g_assert_cmpfloat (stats.median, ==, 0);
  g_assert_cmpfloat (desk_report_percentile (NULL, 0, 0.5), ==, 0);

  g_assert_cmpint (desk_report_get_bucket (0), ==,
                   DESK_REPORT_BUCKET_UNDER_15_MINUTES);
  g_assert_cmpint (desk_report_get_bucket (15 * 60 - 1), ==,
                   DESK_REPORT_BUCKET_UNDER_15_MINUTES);
  g_assert_cmpint (desk_report_get_bucket (15 * 60), ==,
                   DESK_REPORT_BUCKET_UNDER_1_HOUR);
  g_assert_cmpint (desk_report_get_bucket (HOUR), ==,
                   DESK_REPORT_BUCKET_UNDER_6_HOURS);
  g_assert_cmpint (desk_report_get_bucket (6 * HOUR), ==,
                   DESK_REPORT_BUCKET_UNDER_24_HOURS);
  g_assert_cmpint (desk_report_get_bucket (DAY), ==, DESK_REPORT_BUCKET_LONGER);

  /* 5 promoters, 3 passives, 2 detractors: 50 % − 20 % = 30. */
  nps.counts[10] = 3;
  nps.counts[9] = 2;
  nps.counts[8] = 2;
  nps.counts[7] = 1;
  nps.counts[6] = 1;
  nps.counts[0] = 1;
  desk_report_finish_nps (&nps);
  g_assert_cmpuint (nps.n, ==, 10);
  g_assert_cmpuint (nps.promoters, ==, 5);
  g_assert_cmpuint (nps.passives, ==, 3);
  g_assert_cmpuint (nps.detractors, ==, 2);
  g_assert_cmpfloat_with_epsilon (nps.score, 30, 1e-9);

  memset (&nps, 0, sizeof nps);
  desk_report_finish_nps (&nps);
  g_assert_cmpfloat (nps.score, ==, 0);

  csat.counts[4] = 2;
  csat.counts[0] = 1;
  desk_report_finish_csat (&csat);
  g_assert_cmpuint (csat.n, ==, 3);
  g_assert_cmpfloat_with_epsilon (csat.average, 11.0 / 3, 1e-9);

  desk_report_finish_sla (&sla);
  g_assert_cmpfloat_with_epsilon (sla.percent, 75, 1e-9);
  sla.met = sla.breached = 0;
  desk_report_finish_sla (&sla);
  g_assert_cmpfloat (sla.percent, ==, 0);
}

static char *
csv_field (const char *text)
{
  GString *line = g_string_new (NULL);

  desk_csv_append_field (line, text);
  return g_string_free (line, FALSE);
}

static void
test_csv_fields (void)
{
  const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rlf", "\"cr\rlf\"" },
    { "=SUM(A1:A9)", "'=SUM(A1:A9)" },
    { "+49 170", "'+49 170" },
    { "-1+2", "'-1+2" },
    { "@everyone", "'@everyone" },
    { "\tindent", "'\tindent" },
    { "=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"" },
    { "Grüße, Jürgen", "\"Grüße, Jürgen\"" },
    { "a=b", "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *field = csv_field (cases[i].in);
      g_assert_cmpstr (field, ==, cases[i].out);
    }
}

static void
test_csv_writer (void)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (DeskCsvWriter) writer = desk_csv_writer_new (stream);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  desk_csv_writer_add_text (writer, "a");
  desk_csv_writer_add_empty (writer);
  desk_csv_writer_add_int (writer, -5);
  desk_csv_writer_add_text (writer, NULL);
  g_assert_true (desk_csv_writer_end_row (writer, NULL, &error));
  desk_csv_writer_add_text (writer, "x,y");
  g_assert_true (desk_csv_writer_end_row (writer, NULL, &error));
  g_assert_true (desk_csv_writer_flush (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));

  text = g_strndup (
      g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  g_assert_cmpstr (text, ==, "a,,-5,\r\n\"x,y\"\r\n");
}

static void
end_field (GPtrArray *row, GString **field)
{
  g_ptr_array_add (row, g_string_free (*field, FALSE));
  *field = g_string_new (NULL);
}

/* Splits RFC 4180 text into rows of fields, for checking the export. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows
      = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *row = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        g_string_append_c (field, *p);
      else if (*p == ',')
        end_field (row, &field);
      else if (*p == '\r' && p[1] == '\n')
        {
          p++;
          end_field (row, &field);
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
          row = g_ptr_array_new ();
        }
      else
        g_string_append_c (field, *p);
    }

  /* The text ends with a complete row. */
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_free (row, TRUE);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_export_csv (Fixture *f, gconstpointer data)
{
  DeskReportQuery query = { .from = f->day, .to = f->day + DAY, .tz = f->utc };
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw_b = NULL;
  char **row;

  build_day (f);
  g_assert_true (
      desk_store_export_csv (f->store, &query, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  text = g_strndup (
      g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  g_assert_true (g_utf8_validate (text, -1, NULL));

  g_assert_true (g_str_has_prefix (
      text, "id,network,account,customer,customer_handle,opened_at,"
            "first_response_at,first_response_seconds,resolution_seconds,"
            "sla_first_response,sla_next_response_met,"
            "sla_next_response_breached,sla_resolution,status,assignee,tags,"
            "csat,nps\r\n"));

  /* The raw text quotes the comma and doubles the quotes. */
  raw_b = g_strdup_printf ("\r\n%" G_GINT64_FORMAT
                           ",mastodon,'@shop,\"Müller, \"\"Max\"\"\",b,",
                           f->conv[CONV_B]);
  g_assert_nonnull (strstr (text, raw_b));
  g_assert_nonnull (strstr (text, ",\"'=HYPERLINK(\"\"http://evil.example"
                                  "\"\")\","));
  g_assert_nonnull (strstr (text, ",'@everyone,"));
  g_assert_nonnull (strstr (text, ",\"Line\nBreak\","));

  /* One row per conversation opened in the period, oldest first. */
  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 1 + 5);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (rows->pdata[i]), ==, 18);

  row = rows->pdata[1];
  g_assert_cmpint (g_ascii_strtoll (row[0], NULL, 10), ==, f->conv[CONV_B]);
  g_assert_cmpstr (row[1], ==, "mastodon");
  /* Mastodon handles start with @, which spreadsheets would run. */
  g_assert_cmpstr (row[2], ==, "'@shop");
  g_assert_cmpstr (row[3], ==, "Müller, \"Max\"");
  g_assert_cmpstr (row[5], ==, "2026-06-01T01:00:00+00:00");
  g_assert_cmpstr (row[6], ==, "2026-06-01T01:05:00+00:00");
  g_assert_cmpstr (row[7], ==, "300");
  g_assert_cmpstr (row[8], ==, "7200");
  g_assert_cmpstr (row[9], ==, "met");
  g_assert_cmpstr (row[10], ==, "1");
  g_assert_cmpstr (row[11], ==, "0");
  g_assert_cmpstr (row[12], ==, "met");
  g_assert_cmpstr (row[13], ==, "closed");
  g_assert_cmpstr (row[14], ==, "Anna");
  g_assert_cmpstr (row[15], ==, "");
  g_assert_cmpstr (row[16], ==, "5");
  g_assert_cmpstr (row[17], ==, "9");

  row = rows->pdata[2];
  g_assert_cmpint (g_ascii_strtoll (row[0], NULL, 10), ==, f->conv[CONV_C]);
  g_assert_cmpstr (row[3], ==, "'=HYPERLINK(\"http://evil.example\")");
  g_assert_cmpstr (row[7], ==, "2700");
  g_assert_cmpstr (row[8], ==, "");
  g_assert_cmpstr (row[13], ==, "open");
  g_assert_cmpstr (row[16], ==, "2");

  row = rows->pdata[3];
  g_assert_cmpint (g_ascii_strtoll (row[0], NULL, 10), ==, f->conv[CONV_D]);
  g_assert_cmpstr (row[6], ==, "");
  g_assert_cmpstr (row[7], ==, "");
  g_assert_cmpstr (row[9], ==, "");

  row = rows->pdata[4];
  g_assert_cmpint (g_ascii_strtoll (row[0], NULL, 10), ==, f->conv[CONV_F]);
  g_assert_cmpstr (row[1], ==, "bluesky");
  g_assert_cmpstr (row[15], ==, "Lieferung");
  g_assert_cmpstr (row[17], ==, "6");

  row = rows->pdata[5];
  g_assert_cmpint (g_ascii_strtoll (row[0], NULL, 10), ==, f->conv[CONV_E]);
  g_assert_cmpstr (row[7], ==, "4200");
  g_assert_cmpstr (row[9], ==, "breached");
  g_assert_cmpstr (row[17], ==, "10");

  /* Filtered, and in another zone. */
  g_clear_object (&stream);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);
  stream = g_memory_output_stream_new_resizable ();
  query.network = "bluesky";
  query.tz = f->berlin;
  g_assert_true (
      desk_store_export_csv (f->store, &query, stream, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  text = g_strndup (
      g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 2);
  if (f->berlin != NULL)
    g_assert_cmpstr (((char **) rows->pdata[1])[5], ==,
                     "2026-06-01T08:00:00+02:00");
}

static void
test_record_rating (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 conv, rating;

  conv = customer_writes (f, f->mastodon, "x", "Xaver", f->day);
  g_assert_cmpint (
      query_int (f, "SELECT follow_up FROM conversation WHERE id = ?", conv),
      ==, 0);

  set_clock (f, f->day + HOUR);
  rating = desk_store_record_rating (f->store, conv, 0, DESK_RATING_SCALE_NPS,
                                     7, 0, "Anna", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rating, >, 0);
  g_assert_cmpint (query_int (f, "SELECT at FROM rating WHERE id = ?", rating),
                   ==, f->day + HOUR);
  g_assert_cmpint (
      query_int (f, "SELECT customer_id FROM rating WHERE id = ?", rating), ==,
      query_int (f, "SELECT customer_id FROM conversation WHERE id = ?", conv));
  g_assert_cmpint (
      query_int (f, "SELECT follow_up FROM conversation WHERE id = ?", conv),
      ==, 0);

  /* A detractor calls for a follow-up. */
  rating = desk_store_record_rating (f->store, conv, 0, DESK_RATING_SCALE_NPS,
                                     6, 0, "Anna", &error);
  g_assert_cmpint (rating, >, 0);
  g_assert_cmpint (
      query_int (f, "SELECT follow_up FROM conversation WHERE id = ?", conv),
      ==, 1);
  g_assert_cmpint (query_int (f,
                              "SELECT count (*) FROM event WHERE"
                              " conversation_id = ? AND kind = 'low-rating'"
                              " AND detail = 'nps 6' AND actor = 'Anna'",
                              conv),
                   ==, 1);

  g_assert_cmpint (desk_store_record_rating (f->store, conv, 0,
                                             DESK_RATING_SCALE_CSAT, 6, 0, NULL,
                                             &error),
                   ==, 0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (desk_store_record_rating (f->store, 9999, 0,
                                             DESK_RATING_SCALE_CSAT, 4, 0, NULL,
                                             &error),
                   ==, 0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (desk_store_record_rating (f->store, 0, 0,
                                             DESK_RATING_SCALE_CSAT, 4, 0, NULL,
                                             &error),
                   ==, 0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

static void
test_rating_reply (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 conv, early, thanks, answer, rating;

  conv = customer_writes (f, f->mastodon, "y", "Yvonne", f->day);
  early = message_id (f, conv, f->day);
  agent_replies (f, conv, "Anna", f->day + 600);

  /* No request yet: nothing is read as a rating. */
  g_assert_cmpint (
      desk_store_check_rating_reply (f->store, conv, early, &error), ==, 0);
  g_assert_no_error (error);

  set_clock (f, f->day + HOUR);
  g_assert_true (desk_store_mark_rating_requested (
      f->store, conv, DESK_RATING_SCALE_NPS, "Anna", &error));
  g_assert_no_error (error);
  g_assert_cmpint (
      query_int (f, "SELECT rating_requested_at FROM conversation WHERE id = ?",
                 conv),
      ==, f->day + HOUR);

  /* A message from before the request is no answer to it. */
  g_assert_cmpint (
      desk_store_check_rating_reply (f->store, conv, early, &error), ==, 0);

  set_clock (f, f->day + 2 * HOUR);
  customer_writes_text (f, f->mastodon, "y", "y", "Yvonne",
                        "Danke! Wann kommt Paket 2?", f->day + 2 * HOUR);
  thanks = query_int (
      f, "SELECT max (id) FROM message WHERE conversation_id = ?", conv);
  g_assert_cmpint (
      desk_store_check_rating_reply (f->store, conv, thanks, &error), ==, 0);
  g_assert_no_error (error);

  set_clock (f, f->day + 3 * HOUR);
  customer_writes_text (f, f->mastodon, "y", "y", "Yvonne", "eine 9",
                        f->day + 3 * HOUR);
  answer = query_int (
      f, "SELECT max (id) FROM message WHERE conversation_id = ?", conv);
  rating = desk_store_check_rating_reply (f->store, conv, answer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rating, >, 0);
  g_assert_cmpint (
      query_int (f, "SELECT score FROM rating WHERE id = ?", rating), ==, 9);
  g_assert_cmpint (
      query_int (f, "SELECT message_id FROM rating WHERE id = ?", rating), ==,
      answer);
  g_assert_cmpint (query_int (f, "SELECT at FROM rating WHERE id = ?", rating),
                   ==, f->day + 3 * HOUR);
  g_assert_cmpint (query_int (f,
                              "SELECT rating_requested_at IS NULL FROM"
                              " conversation WHERE id = ?",
                              conv),
                   ==, 1);

  /* Asked again with the same message: the same rating, not a second. */
  g_assert_cmpint (
      desk_store_check_rating_reply (f->store, conv, answer, &error), ==,
      rating);
  g_assert_cmpint (query_int (f,
                              "SELECT count (*) FROM rating WHERE"
                              " conversation_id = ?",
                              conv),
                   ==, 1);

  /* An agent's message is never a rating. */
  g_assert_true (desk_store_mark_rating_requested (
      f->store, conv, DESK_RATING_SCALE_CSAT, "Anna", &error));
  agent_replies (f, conv, "Anna", f->day + 4 * HOUR);
  g_assert_cmpint (
      desk_store_check_rating_reply (
          f->store, conv,
          query_int (f,
                     "SELECT max (id) FROM message WHERE conversation_id = ?",
                     conv),
          &error),
      ==, 0);

  g_assert_cmpint (
      desk_store_check_rating_reply (f->store, conv, 424242, &error), ==, 0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
}

/* Customers answer with small talk first; the scale comes from the
 * request; a low answer flags the conversation. */
static void
test_rating_replies (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 conv, rating;

  conv = customer_writes (f, f->mastodon, "z", "Zora", f->day);
  agent_replies (f, conv, "Anna", f->day + 600);
  set_clock (f, f->day + HOUR);
  g_assert_true (desk_store_mark_rating_requested (
      f->store, conv, DESK_RATING_SCALE_CSAT, NULL, &error));

  set_clock (f, f->day + 2 * HOUR);
  customer_writes_text (f, f->mastodon, "z", "z", "Zora", "Hallo nochmal",
                        f->day + 2 * HOUR);
  customer_writes_text (f, f->mastodon, "z", "z", "Zora",
                        "★☆☆☆☆ das war nichts", f->day + 2 * HOUR + 60);
  customer_writes_text (f, f->mastodon, "z", "z", "Zora", "5",
                        f->day + 2 * HOUR + 120);

  rating = desk_store_check_rating_replies (f->store, conv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rating, >, 0);
  g_assert_cmpint (
      query_int (f, "SELECT score FROM rating WHERE id = ?", rating), ==, 1);
  g_assert_cmpint (query_int (f,
                              "SELECT count (*) FROM rating WHERE"
                              " scale = 'csat' AND conversation_id = ?",
                              conv),
                   ==, 1);
  g_assert_cmpint (
      query_int (f, "SELECT follow_up FROM conversation WHERE id = ?", conv),
      ==, 1);
  g_assert_cmpint (query_int (f,
                              "SELECT count (*) FROM event WHERE"
                              " conversation_id = ? AND kind = 'low-rating'"
                              " AND detail = 'csat 1'",
                              conv),
                   ==, 1);

  /* The request is answered: later numbers are just numbers. */
  g_assert_cmpint (desk_store_check_rating_replies (f->store, conv, &error), ==,
                   0);
  g_assert_no_error (error);
}

/* A workspace of 100,000 conversations over 90 days (20,000 in a quick
 * run; -m slow for the full size): a 30-day report must stay well under
 * a second. The rows are written with SQL, as a sync would leave them;
 * writing them takes most of the test's time. */
static void
test_performance (Fixture *f, gconstpointer data)
{
  DeskReportQuery query = { 0 };
  g_autoptr (DeskReport) report = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 now = f->day + 90 * DAY;
  gint64 n = g_test_slow () ? 100000 : 20000;
  double seconds;
  g_autoptr (GTimer) timer = NULL;

  set_clock (f, now);
  sql = g_strdup_printf (
      "BEGIN;"
      "INSERT INTO customer (id, display_name, created_at)"
      " WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
      "  WHERE i < %" G_GINT64_FORMAT ") SELECT i, 'Kunde ' || i, 0 FROM n;"
      "INSERT INTO conversation (id, account_id, thread_remote_id, kind,"
      " customer_id, status, assignee, created_at, opened_at,"
      " first_response_at, last_message_at, closed_at)"
      " SELECT i, CASE WHEN i %% 3 = 0 THEN %" G_GINT64_FORMAT
      " ELSE %" G_GINT64_FORMAT " END, 't' || i, 0, i,"
      " CASE WHEN i %% 2 = 0 THEN 3 ELSE 0 END,"
      " CASE i %% 4 WHEN 0 THEN 'Anna' WHEN 1 THEN 'Ben' END,"
      " o, o, o + 600 + (i %% 7200), o + 7800, CASE WHEN i %% 2 = 0"
      " THEN o + 7800 END"
      " FROM (SELECT id AS i, %" G_GINT64_FORMAT " + id * %" G_GINT64_FORMAT
      " / 1000"
      "  AS o FROM customer);"
      /* Messages and events in the order of time, as a workspace writes
       * them. */
      "INSERT INTO message (conversation_id, account_id, remote_id, direction,"
      " author, body, created_at)"
      " SELECT * FROM (SELECT id, account_id, 'in' || id, 0, NULL, 'Hallo',"
      "  opened_at AS at FROM conversation"
      " UNION ALL SELECT id, account_id, 'out' || id, 1, assignee, 'Danke',"
      "  first_response_at FROM conversation"
      " UNION ALL SELECT id, account_id, 'again' || id, 0, NULL, 'Und?',"
      "  opened_at + 3600 FROM conversation WHERE id %% 3 = 0"
      " UNION ALL SELECT id, account_id, 'out2' || id, 1, assignee, 'Gern',"
      "  opened_at + 5400 FROM conversation WHERE id %% 3 = 0)"
      " ORDER BY at;"
      "INSERT INTO event (at, conversation_id, actor, kind, detail)"
      " SELECT * FROM (SELECT first_response_at AS at, id, NULL,"
      "  'sla-first-response', CASE WHEN first_response_at - opened_at < 3600"
      "  THEN 'met 10' ELSE 'breached 10' END FROM conversation"
      " UNION ALL SELECT first_response_at, id, assignee, 'replied', 'public'"
      "  FROM conversation"
      " UNION ALL SELECT closed_at, id, assignee, 'status', 'closed'"
      "  FROM conversation WHERE closed_at IS NOT NULL"
      " UNION ALL SELECT closed_at, id, NULL, 'sla-resolution', 'met 5'"
      "  FROM conversation WHERE closed_at IS NOT NULL)"
      " ORDER BY at;"
      "INSERT INTO rating (conversation_id, customer_id, scale, score, at)"
      " SELECT id, customer_id, CASE WHEN id %% 2 = 0 THEN 'csat' ELSE 'nps'"
      " END, CASE WHEN id %% 2 = 0 THEN 1 + id %% 5 ELSE id %% 11 END,"
      " coalesce (closed_at, first_response_at) + 60 FROM conversation"
      " WHERE id %% 5 = 0;"
      "COMMIT;",
      n, f->bluesky, f->mastodon, f->day, (gint64) 90 * DAY * 1000 / n);
  exec_sql (f, sql);

  g_assert_true (desk_report_period_get_range (
      DESK_REPORT_PERIOD_LAST_30_DAYS, f->utc, now, &query.from, &query.to));
  query.tz = f->berlin != NULL ? f->berlin : f->utc;

  timer = g_timer_new ();
  report = compute (f, &query);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("30-day report over %" G_GINT64_FORMAT
                  " conversations: %.3f s",
                  n, seconds);
  g_assert_cmpuint (report->opened, >, n * 3 / 10);
  g_assert_cmpuint (report->first_response.n, >, n * 3 / 10);
  g_assert_cmpuint (report->next_response.n, >, n * 3 / 100);
  g_assert_cmpuint (report->resolution.n, >, n * 15 / 100);
  g_assert_cmpuint (report->csat.n + report->nps.n, >, n * 5 / 100);

  query.agent = "Anna";
  query.network = "mastodon";
  g_clear_pointer (&report, desk_report_unref);
  g_timer_start (timer);
  report = compute (f, &query);
  g_test_message ("the same, filtered by agent and network: %.3f s",
                  g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (report->opened, >, 0);

  query.agent = NULL;
  query.network = NULL;
  stream = g_memory_output_stream_new_resizable ();
  g_timer_start (timer);
  g_assert_true (
      desk_store_export_csv (f->store, &query, stream, NULL, &error));
  g_assert_no_error (error);
  g_test_message (
      "CSV export of the same: %.3f s, %zu bytes",
      g_timer_elapsed (timer, NULL),
      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));

  /* Generous bounds (this takes about a tenth of them on an idle
   * machine), so a loaded CI machine does not fail; what they guard
   * against is a query that turns quadratic. */
  g_assert_cmpfloat (seconds, <, n> 20000 ? 3.0 : 1.0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reports/statistics", test_statistics);
  g_test_add_func ("/reports/periods", test_periods);
  g_test_add_func ("/reports/csv-fields", test_csv_fields);
  g_test_add_func ("/reports/csv-writer", test_csv_writer);
#define ADD(path, func)                                                        \
  g_test_add ("/reports/" path, Fixture, NULL, fixture_set_up, func,           \
              fixture_tear_down)
  ADD ("day", test_day);
  ADD ("spanning-boundary", test_spanning_boundary);
  ADD ("filters", test_filters);
  ADD ("empty", test_empty);
  ADD ("resolution-episodes", test_resolution_episodes);
  ADD ("waits", test_waits);
  ADD ("dst-march", test_dst_march);
  ADD ("dst-october", test_dst_october);
  ADD ("export-csv", test_export_csv);
  ADD ("record-rating", test_record_rating);
  ADD ("rating-reply", test_rating_reply);
  ADD ("rating-replies", test_rating_replies);
  ADD ("performance", test_performance);
#undef ADD

  return g_test_run ();
}
