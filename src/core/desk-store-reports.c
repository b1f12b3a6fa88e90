/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-reports"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "desk-csv.h"
#include "desk-store-private.h"
#include "desk-store-reports.h"

/* Reports, ratings and real-time alerts, read from the event log and the
 * tables: six queries per report, however many conversations it covers.
 *
 * Which period a conversation counts in: each figure counts where the
 * event it measures falls, so a conversation that spans the boundary of
 * the period is split the way a team would tell it.
 *  - Volume and response rate: conversations whose first customer
 *    message (opened_at) falls in the period. "Answered" means the team
 *    answered at any time after it, even after the period ended, so a
 *    message at 23:59 on the last day answered at 00:05 counts as
 *    answered.
 *  - First- and next-response time and the histogram: replies written in
 *    the period; a wait that began before the period counts in full.
 *    A wait begins with the first customer message after the team's
 *    previous reply; the reply that ends the wait of the opening message
 *    is the first response, every other one a next response.
 *  - Resolution time: closes in the period, measured from the customer
 *    message that began that episode (the opening, or the first customer
 *    message after the previous close), so a long-lived private chat
 *    that comes back with a new question months later is not "resolved"
 *    in months. Closing twice without a customer message in between is
 *    not a second resolution.
 *  - SLA: "sla-*" events in the period (written when a timer stops).
 *  - Incoming volume, heat map: customer messages in the period.
 *  - CSAT, NPS: ratings given in the period. Brand mentions: mentions
 *    found in the period.
 *
 * Filters: network, account and tag select conversations. The agent
 * selects the replies they wrote (response times; the actor of the
 * "replied" event, stored as the message's author) and otherwise the
 * conversations assigned to them now. Brand mentions are not
 * conversations: only network and account filter them.
 *
 * Days and hours are local to the report's time zone. SQLite cannot
 * convert to an arbitrary GTimeZone, so time is cut into short UTC slots
 * (15 minutes, a divisor of every current UTC offset, or one minute for
 * a zone that needs it) and each slot is placed on its local day and
 * hour here, with GTimeZone doing the DST arithmetic.
 *
 * Speed: the queries reach conversations through the index on
 * last_message_at (a conversation with a message or an opening at or
 * after "from" has last_message_at >= from) and messages through
 * (conversation_id, created_at); events, ratings and mentions through
 * their time indexes. Where SQL would have to sort every row to group
 * it, the rows are streamed in index order and counted here instead,
 * which measured several times faster. */

#define SLOT_SECONDS 900
#define DAY_SECONDS (24 * 60 * 60)

/* Restricts the conversation @c to the query's network, account and
 * tag. Through a LEFT JOIN, rows without a conversation pass only when
 * nothing is filtered. */
#define SCOPE(c)                                                               \
  " AND (:network IS NULL OR " c ".account_id IN"                              \
  "  (SELECT id FROM account WHERE network = :network))"                       \
  " AND (:account = 0 OR " c ".account_id = :account)"                         \
  " AND (:tag = 0 OR EXISTS (SELECT 1 FROM conversation_tag t"                 \
  "  WHERE t.conversation_id = " c ".id AND t.tag_id = :tag))"

#define ASSIGNED(c) " AND (:agent IS NULL OR " c ".assignee = :agent)"

/* The team's first answer after the opening: usually the stored column,
 * unless the team wrote into the thread before the customer did. */
#define FIRST_RESPONSE(c)                                                      \
  "(CASE WHEN " c ".first_response_at >= " c ".opened_at"                      \
  " THEN " c ".first_response_at"                                              \
  " ELSE (SELECT min (r.created_at) FROM message r"                            \
  "  WHERE r.conversation_id = " c ".id AND r.direction = 1"                   \
  "  AND r.created_at >= " c ".opened_at) END)"

/* The SLA results of the period: time, timer (DeskSlaTimer) and whether
 * it was met. */
#define SLA_ROWS                                                               \
  "SELECT e.at, CASE e.kind WHEN 'sla-first-response' THEN 0"                  \
  "  WHEN 'sla-next-response' THEN 1 ELSE 2 END,"                              \
  " e.detail LIKE 'met %'"                                                     \
  " FROM event e"
#define SLA_WHERE                                                              \
  " WHERE e.at >= :from AND e.at < :to AND e.kind IN"                          \
  " ('sla-first-response', 'sla-next-response', 'sla-resolution')"             \
  " AND (e.detail LIKE 'met %' OR e.detail LIKE 'breached %')"

/* Places UTC slots on the report's local days and hours. */
typedef struct
{
  GTimeZone *tz;
  gint64 slot;      /* seconds per slot */
  gint64 first_day; /* days from 1970-01-01 to the report's first day */
  guint n_days;
} Calendar;

/* Remembers where the last slot went: rows come in time order, so most
 * share their slot with the row before. */
typedef struct
{
  gint64 slot;
  gboolean inside;
  guint day, weekday, hour;
} Placement;

static const char *const status_names[] = {
  [DESK_STATUS_OPEN] = "open",
  [DESK_STATUS_WAITING] = "waiting",
  [DESK_STATUS_SNOOZED] = "snoozed",
  [DESK_STATUS_CLOSED] = "closed",
};

static gint64
floor_div (gint64 a, gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && (a < 0) != (b < 0))
    q--;
  return q;
}

static gint64
days_since_epoch (const GDate *date)
{
  GDate epoch;

  g_date_clear (&epoch, 1);
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
  return (gint64) g_date_get_julian (date) - g_date_get_julian (&epoch);
}

static gint32
offset_at (GTimeZone *tz, gint64 time)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, time);

  return interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
}

static void
calendar_init (Calendar *calendar, DeskReport *report)
{
  calendar->tz = report->tz;
  calendar->slot = SLOT_SECONDS;
  calendar->n_days = report->days->len;
  calendar->first_day = 0;

  if (report->days->len == 0)
    return;

  calendar->first_day
      = days_since_epoch (&g_array_index (report->days, DeskReportDay, 0).date);

  /* Offsets change at most once a day; checking the day boundaries sees
   * every offset the period has. */
  for (guint i = 0; i < report->days->len; i++)
    {
      const DeskReportDay *day
          = &g_array_index (report->days, DeskReportDay, i);

      if (offset_at (report->tz, day->start) % SLOT_SECONDS != 0
          || offset_at (report->tz, day->end - 1) % SLOT_SECONDS != 0)
        calendar->slot = 60;
    }
}

/* The local day (index into the report's days), weekday (0 Monday) and
 * hour of UTC slot @slot_index; FALSE when it lies outside the days. */
static gboolean
calendar_place (const Calendar *calendar,
                gint64 slot_index,
                guint *day,
                guint *weekday,
                guint *hour)
{
  gint64 time = slot_index * calendar->slot;
  gint64 local = time + offset_at (calendar->tz, time);
  gint64 epoch_day = floor_div (local, DAY_SECONDS);
  gint64 index = epoch_day - calendar->first_day;

  if (index < 0 || index >= calendar->n_days)
    return FALSE;

  *day = (guint) index;
  /* 1970-01-01 was a Thursday. */
  *weekday = (guint) ((epoch_day % 7 + 7 + 3) % 7);
  *hour = (guint) ((local - epoch_day * DAY_SECONDS) / 3600);
  return TRUE;
}

static void
bind_int64 (sqlite3_stmt *stmt, const char *name, gint64 value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_text (sqlite3_stmt *stmt, const char *name, const char *text)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    _desk_bind_text (stmt, index, text != NULL && *text != '\0' ? text : NULL);
}

static void
bind_query (sqlite3_stmt *stmt, const DeskReportQuery *query, gint64 slot)
{
  bind_int64 (stmt, ":from", query->from);
  bind_int64 (stmt, ":to", query->to);
  bind_int64 (stmt, ":slot", slot);
  bind_text (stmt, ":network", query->network);
  bind_int64 (stmt, ":account", MAX (query->account_id, 0));
  bind_text (stmt, ":agent", query->agent);
  bind_int64 (stmt, ":tag", MAX (query->tag_id, 0));
}

/* Resets @stmt after its last row and reports how stepping ended. */
static gboolean
finish_rows (DeskStore *self, sqlite3_stmt *stmt, int rc, GError **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  _desk_store_set_error (error, _desk_store_get_db (self), rc);
  return FALSE;
}

static gboolean
read_opened (DeskStore *self,
             const DeskReportQuery *query,
             const Calendar *calendar,
             DeskReport *report,
             GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT c.opened_at / :slot, count (*),"
      " sum (CASE WHEN c.first_response_at >= c.opened_at THEN 1"
      "  WHEN EXISTS (SELECT 1 FROM message r WHERE r.conversation_id = c.id"
      "   AND r.direction = 1 AND r.created_at >= c.opened_at) THEN 1"
      "  ELSE 0 END)"
      " FROM conversation c"
      " WHERE c.last_message_at >= :from AND c.opened_at >= :from"
      " AND c.opened_at < :to" SCOPE ("c") ASSIGNED ("c") " GROUP BY 1",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_query (stmt, query, calendar->slot);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint n = (guint) sqlite3_column_int64 (stmt, 1);
      guint day, weekday, hour;

      report->opened += n;
      report->answered += (guint) sqlite3_column_int64 (stmt, 2);
      if (calendar_place (calendar, sqlite3_column_int64 (stmt, 0), &day,
                          &weekday, &hour))
        g_array_index (report->days, DeskReportDay, day).opened += n;
    }

  return finish_rows (self, stmt, rc, error);
}

static gboolean
place (const Calendar *calendar, Placement *last, gint64 time)
{
  gint64 slot = floor_div (time, calendar->slot);

  if (slot != last->slot)
    {
      last->slot = slot;
      last->inside = calendar_place (calendar, slot, &last->day, &last->weekday,
                                     &last->hour);
    }
  return last->inside;
}

/* Whether the query narrows down the conversations. */
static gboolean
has_conversation_filter (const DeskReportQuery *query)
{
  return (query->network != NULL && *query->network != '\0')
         || query->account_id > 0
         || (query->agent != NULL && *query->agent != '\0')
         || query->tag_id > 0;
}

/* The rows are read one by one and counted here: grouping them in SQL
 * sorted every row and took longer than the reading itself. Without a
 * filter the conversation is not needed, and not joining it halves the
 * time. */
static gboolean
read_sla (DeskStore *self,
          const DeskReportQuery *query,
          const Calendar *calendar,
          DeskReport *report,
          GError **error)
{
  Placement last = { .slot = G_MININT64 };
  sqlite3_stmt *stmt;
  int rc;

  G_STATIC_ASSERT (DESK_SLA_TIMER_FIRST_RESPONSE == 0
                   && DESK_SLA_TIMER_NEXT_RESPONSE == 1
                   && DESK_SLA_TIMER_RESOLUTION == 2);

  if (has_conversation_filter (query))
    stmt = _desk_store_prepare (
        self,
        SLA_ROWS
        " JOIN conversation c ON c.id = e.conversation_id" SLA_WHERE SCOPE ("c")
            ASSIGNED ("c"),
        error);
  else
    stmt = _desk_store_prepare (self, SLA_ROWS SLA_WHERE, error);

  if (stmt == NULL)
    return FALSE;

  bind_query (stmt, query, calendar->slot);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int timer = sqlite3_column_int (stmt, 1);
      gboolean met = sqlite3_column_int (stmt, 2) != 0;
      DeskSlaCount *day = NULL;

      if (place (calendar, &last, sqlite3_column_int64 (stmt, 0)))
        day = &g_array_index (report->days, DeskReportDay, last.day).sla[timer];

      if (met)
        report->sla[timer].met++;
      else
        report->sla[timer].breached++;
      if (day != NULL && met)
        day->met++;
      else if (day != NULL)
        day->breached++;
    }

  return finish_rows (self, stmt, rc, error);
}

/* One pass over the messages of every conversation that may have a reply
 * or a customer message in the period, in each conversation's order.
 * It counts the customer messages of the period per day and hour, and
 * follows the waits: a wait starts with the first customer message
 * after a reply and ends with the next reply.
 * The rows come out of the indexes already in that order, so this is a
 * plain index walk; the same in SQL (window functions, grouping) sorted
 * and materialised every row and took several times as long. */
static gboolean
read_messages (DeskStore *self,
               const DeskReportQuery *query,
               const Calendar *calendar,
               DeskReport *report,
               GError **error)
{
  g_autoptr (GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) next = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 conversation = 0, opened = 0, wait_start = 0;
  gboolean assigned = FALSE;
  Placement last = { .slot = G_MININT64 };
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (
      self,
      "SELECT c.id, c.opened_at, :agent IS NULL OR c.assignee = :agent,"
      " m.direction, m.created_at, :agent IS NULL OR m.author = :agent"
      " FROM conversation c JOIN message m ON m.conversation_id = c.id"
      " WHERE c.last_message_at >= :from AND c.opened_at < :to"
      " AND m.direction IN (0, 1) AND m.created_at < :to" SCOPE (
          "c") " ORDER BY c.last_message_at, c.id, m.created_at, m.id",
      error);
  if (stmt == NULL)
    return FALSE;

  bind_query (stmt, query, calendar->slot);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 4);
      gint64 seconds;
      double value;

      if (sqlite3_column_int64 (stmt, 0) != conversation)
        {
          conversation = sqlite3_column_int64 (stmt, 0);
          opened = sqlite3_column_int64 (stmt, 1);
          assigned = sqlite3_column_int (stmt, 2) != 0;
          wait_start = 0;
        }

      if (sqlite3_column_int (stmt, 3) == DESK_DIRECTION_INCOMING)
        {
          if (wait_start == 0)
            wait_start = at;
          if (at >= query->from && assigned)
            {
              report->incoming++;
              if (place (calendar, &last, at))
                {
                  g_array_index (report->days, DeskReportDay, last.day)
                      .incoming++;
                  report->heat_map[last.weekday][last.hour]++;
                }
            }
          continue;
        }

      /* A reply; a second one in a row answers nothing new. */
      if (wait_start == 0)
        continue;
      seconds = MAX (at - wait_start, 0);
      value = (double) seconds;
      if (at >= query->from && sqlite3_column_int (stmt, 5) != 0)
        {
          if (wait_start == opened)
            {
              g_array_append_val (first, value);
              report->response_histogram[desk_report_get_bucket (seconds)]++;
            }
          else
            {
              g_array_append_val (next, value);
            }
        }
      wait_start = 0;
    }
  if (!finish_rows (self, stmt, rc, error))
    return FALSE;

  desk_report_compute_durations ((double *) first->data, first->len,
                                 &report->first_response);
  desk_report_compute_durations ((double *) next->data, next->len,
                                 &report->next_response);
  return TRUE;
}

static gboolean
read_resolution (DeskStore *self,
                 const DeskReportQuery *query,
                 DeskReport *report,
                 GError **error)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (
      self,
      "SELECT e.at - CASE WHEN e.prev IS NULL THEN c.opened_at"
      "  ELSE (SELECT min (m.created_at) FROM message m"
      "   WHERE m.conversation_id = c.id AND m.direction = 0"
      "   AND m.created_at > e.prev) END"
      " FROM (SELECT x.conversation_id AS cid, x.at AS at,"
      "  (SELECT max (p.at) FROM event p"
      "   WHERE p.conversation_id = x.conversation_id AND p.at <= x.at"
      "   AND p.id < x.id AND p.kind = 'status' AND p.detail = 'closed')"
      "  AS prev"
      "  FROM event x WHERE x.at >= :from AND x.at < :to"
      "  AND x.kind = 'status' AND x.detail = 'closed') e"
      " JOIN conversation c ON c.id = e.cid"
      " WHERE 1" SCOPE ("c") ASSIGNED ("c"),
      error);
  if (stmt == NULL)
    return FALSE;

  bind_query (stmt, query, SLOT_SECONDS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double value;

      /* NULL: no customer message began this episode. */
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL
          || sqlite3_column_int64 (stmt, 0) < 0)
        continue;
      value = (double) sqlite3_column_int64 (stmt, 0);
      g_array_append_val (values, value);
    }
  if (!finish_rows (self, stmt, rc, error))
    return FALSE;

  desk_report_compute_durations ((double *) values->data, values->len,
                                 &report->resolution);
  return TRUE;
}

static gboolean
read_ratings (DeskStore *self,
              const DeskReportQuery *query,
              DeskReport *report,
              GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT r.scale, r.score, count (*)"
      " FROM rating r LEFT JOIN conversation c ON c.id = r.conversation_id"
      " WHERE r.at >= :from AND r.at < :to" SCOPE ("c")
          ASSIGNED ("c") " GROUP BY 1, 2",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_query (stmt, query, SLOT_SECONDS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskRatingScale scale;
      int score = sqlite3_column_int (stmt, 1);
      guint n = (guint) sqlite3_column_int64 (stmt, 2);

      if (!desk_rating_scale_from_string (_desk_column_text (stmt, 0), &scale)
          || !desk_rating_is_valid (scale, score))
        continue;

      if (scale == DESK_RATING_SCALE_CSAT)
        report->csat.counts[score - 1] += n;
      else
        report->nps.counts[score] += n;
    }
  if (!finish_rows (self, stmt, rc, error))
    return FALSE;

  desk_report_finish_csat (&report->csat);
  desk_report_finish_nps (&report->nps);
  return TRUE;
}

static gboolean
read_mentions (DeskStore *self,
               const DeskReportQuery *query,
               DeskReport *report,
               GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT count (*) FROM mention m JOIN account a ON a.id = m.account_id"
      " WHERE m.created_at >= :from AND m.created_at < :to"
      " AND (:network IS NULL OR a.network = :network)"
      " AND (:account = 0 OR m.account_id = :account)",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_query (stmt, query, SLOT_SECONDS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    report->mentions += (guint) sqlite3_column_int64 (stmt, 0);

  return finish_rows (self, stmt, rc, error);
}

/* The workspace's zone (the one its business hours are in). */
GTimeZone *
desk_store_dup_report_timezone (DeskStore *self)
{
  g_autoptr (DeskBusinessHours) hours = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  hours = desk_store_get_business_hours (self);
  return g_time_zone_ref (desk_business_hours_get_timezone (hours));
}

static gboolean
check_query (const DeskReportQuery *query, GError **error)
{
  if (query->to < query->from)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("The report period ends before it starts."));
      return FALSE;
    }
  return TRUE;
}

/* Computes every figure of the reports view for @query; see the top of
 * this file for what counts where. An empty period gives a report of
 * zeros with n == 0 everywhere (desk_report_is_empty()). */
DeskReport *
desk_store_compute_report (DeskStore *self,
                           const DeskReportQuery *query,
                           GError **error)
{
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (DeskReport) report = NULL;
  Calendar calendar;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_query (query, error))
    return NULL;

  tz = query->tz != NULL ? g_time_zone_ref (query->tz)
                         : desk_store_dup_report_timezone (self);
  report = desk_report_new (query->from, query->to, tz);
  calendar_init (&calendar, report);

  if (query->from == query->to)
    return g_steal_pointer (&report);

  if (!read_opened (self, query, &calendar, report, error)
      || !read_messages (self, query, &calendar, report, error)
      || !read_sla (self, query, &calendar, report, error)
      || !read_resolution (self, query, report, error)
      || !read_ratings (self, query, report, error)
      || !read_mentions (self, query, report, error))
    return NULL;

  report->response_rate
      = report->opened > 0 ? 100.0 * report->answered / report->opened : 0;
  for (int i = 0; i < DESK_SLA_N_TIMERS; i++)
    {
      desk_report_finish_sla (&report->sla[i]);
      for (guint d = 0; d < report->days->len; d++)
        desk_report_finish_sla (
            &g_array_index (report->days, DeskReportDay, d).sla[i]);
    }

  return g_steal_pointer (&report);
}

static const char *const csv_columns[] = {
  "id",
  "network",
  "account",
  "customer",
  "customer_handle",
  "opened_at",
  "first_response_at",
  "first_response_seconds",
  "resolution_seconds",
  "sla_first_response",
  "sla_next_response_met",
  "sla_next_response_breached",
  "sla_resolution",
  "status",
  "assignee",
  "tags",
  "csat",
  "nps",
};

static void
add_time (DeskCsvWriter *writer, GTimeZone *tz, sqlite3_stmt *stmt, int column)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      desk_csv_writer_add_empty (writer);
      return;
    }

  utc = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column));
  if (utc != NULL)
    local = g_date_time_to_timezone (utc, tz);
  if (local != NULL)
    text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
  desk_csv_writer_add_text (writer, text);
}

static void
add_int_or_empty (DeskCsvWriter *writer, sqlite3_stmt *stmt, int column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    desk_csv_writer_add_empty (writer);
  else
    desk_csv_writer_add_int (writer, sqlite3_column_int64 (stmt, column));
}

/* "met 120" → "met" */
static void
add_sla_result (DeskCsvWriter *writer, sqlite3_stmt *stmt, int column)
{
  const char *detail = _desk_column_text (stmt, column);
  const char *space = detail != NULL ? strchr (detail, ' ') : NULL;
  g_autofree char *word = NULL;

  if (detail != NULL)
    word = space != NULL ? g_strndup (detail, space - detail)
                         : g_strdup (detail);
  desk_csv_writer_add_text (writer, word);
}

static void
write_csv_row (DeskCsvWriter *writer, GTimeZone *tz, sqlite3_stmt *stmt)
{
  int status = sqlite3_column_int (stmt, 13);

  desk_csv_writer_add_int (writer, sqlite3_column_int64 (stmt, 0));
  desk_csv_writer_add_text (writer, _desk_column_text (stmt, 1));
  desk_csv_writer_add_text (writer, _desk_column_text (stmt, 2));
  desk_csv_writer_add_text (writer, _desk_column_text (stmt, 3));
  desk_csv_writer_add_text (writer, _desk_column_text (stmt, 4));
  add_time (writer, tz, stmt, 5);
  add_time (writer, tz, stmt, 6);
  if (sqlite3_column_type (stmt, 6) == SQLITE_NULL)
    desk_csv_writer_add_empty (writer);
  else
    desk_csv_writer_add_int (writer, sqlite3_column_int64 (stmt, 6)
                                         - sqlite3_column_int64 (stmt, 5));
  add_int_or_empty (writer, stmt, 7);
  add_sla_result (writer, stmt, 8);
  desk_csv_writer_add_int (writer, sqlite3_column_int64 (stmt, 9));
  desk_csv_writer_add_int (writer, sqlite3_column_int64 (stmt, 10));
  add_sla_result (writer, stmt, 11);
  desk_csv_writer_add_text (
      writer, status >= 0 && status < (int) G_N_ELEMENTS (status_names)
                  ? status_names[status]
                  : NULL);
  desk_csv_writer_add_text (writer, _desk_column_text (stmt, 12));
  desk_csv_writer_add_text (writer, _desk_column_text (stmt, 14));
  add_int_or_empty (writer, stmt, 15);
  add_int_or_empty (writer, stmt, 16);
}

/* Writes the conversations behind the report of @query to @stream as
 * CSV: a header of stable English column names, then one row per
 * conversation opened in the period (the ones "opened" counts), oldest
 * first. Times are ISO 8601 in the report's zone. Write a UTF-8 byte
 * order mark first if the file is meant for Excel. */
gboolean
desk_store_export_csv (DeskStore *self,
                       const DeskReportQuery *query,
                       GOutputStream *stream,
                       GCancellable *cancellable,
                       GError **error)
{
  g_autoptr (DeskCsvWriter) writer = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_query (query, error))
    return FALSE;

  tz = query->tz != NULL ? g_time_zone_ref (query->tz)
                         : desk_store_dup_report_timezone (self);
  writer = desk_csv_writer_new (stream);
  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    desk_csv_writer_add_text (writer, csv_columns[i]);
  if (!desk_csv_writer_end_row (writer, cancellable, error))
    return FALSE;

  /* The latest rating of each scale; grouped once rather than looked up
   * per row, as rating has no index on conversation_id. */
  stmt = _desk_store_prepare (
      self,
      "WITH latest AS (SELECT conversation_id AS cid, scale, score,"
      "  row_number () OVER (PARTITION BY conversation_id, scale"
      "   ORDER BY at DESC, id DESC) AS n"
      "  FROM rating WHERE conversation_id IS NOT NULL)"
      " SELECT c.id, a.network, a.handle, cu.display_name, i.handle,"
      " c.opened_at, " FIRST_RESPONSE (
          "c") ","
               " CASE WHEN c.status = 3 THEN c.closed_at - coalesce ("
               "  (SELECT min (m.created_at) FROM message m"
               "   WHERE m.conversation_id = c.id AND m.direction = 0"
               "   AND m.created_at > (SELECT max (p.at) FROM event p"
               "    WHERE p.conversation_id = c.id AND p.kind = 'status'"
               "    AND p.detail = 'closed' AND p.at < c.closed_at)),"
               "  c.opened_at) END,"
               " (SELECT e.detail FROM event e WHERE e.conversation_id = c.id"
               "  AND e.kind = 'sla-first-response' ORDER BY e.at DESC, e.id "
               "DESC"
               "  LIMIT 1),"
               " (SELECT count (*) FROM event e WHERE e.conversation_id = c.id"
               "  AND e.kind = 'sla-next-response' AND e.detail LIKE 'met %'),"
               " (SELECT count (*) FROM event e WHERE e.conversation_id = c.id"
               "  AND e.kind = 'sla-next-response' AND e.detail LIKE 'breached "
               "%'),"
               " (SELECT e.detail FROM event e WHERE e.conversation_id = c.id"
               "  AND e.kind = 'sla-resolution' ORDER BY e.at DESC, e.id DESC"
               "  LIMIT 1),"
               " c.assignee, c.status,"
               " (SELECT group_concat (name, ', ') FROM (SELECT t.name"
               "  FROM conversation_tag ct JOIN tag t ON t.id = ct.tag_id"
               "  WHERE ct.conversation_id = c.id ORDER BY t.name COLLATE "
               "NOCASE)),"
               " csat.score, nps.score"
               " FROM conversation c JOIN account a ON a.id = c.account_id"
               " LEFT JOIN customer cu ON cu.id = c.customer_id"
               " LEFT JOIN identity i ON i.id = c.identity_id"
               " LEFT JOIN latest csat ON csat.cid = c.id AND csat.scale = "
               "'csat'"
               "  AND csat.n = 1"
               " LEFT JOIN latest nps ON nps.cid = c.id AND nps.scale = 'nps'"
               "  AND nps.n = 1"
               " WHERE c.last_message_at >= :from AND c.opened_at >= :from"
               " AND c.opened_at < :to" SCOPE ("c")
                   ASSIGNED ("c") " ORDER BY c.opened_at, c.id",
      error);
  if (stmt == NULL)
    return FALSE;

  bind_query (stmt, query, SLOT_SECONDS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      write_csv_row (writer, tz, stmt);
      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !desk_csv_writer_end_row (writer, cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (!finish_rows (self, stmt, rc, error))
    return FALSE;

  return desk_csv_writer_flush (writer, cancellable, error);
}

static gboolean
check_conversation (DeskStore *self, gint64 conversation_id, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self, "SELECT 1 FROM conversation WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (!found)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                 _ ("The conversation no longer exists."));
  return found;
}

/* Inside a transaction: stores the rating, answers a pending request and
 * flags a low rating for follow-up. */
static gint64
insert_rating (DeskStore *self,
               gint64 conversation_id,
               gint64 customer_id,
               DeskRatingScale scale,
               int score,
               gint64 message_id,
               gint64 at,
               const char *actor,
               GError **error)
{
  sqlite3_stmt *stmt;
  gint64 rating_id = 0;

  stmt = _desk_store_prepare (
      self,
      "INSERT INTO rating (conversation_id, customer_id, scale, score, at,"
      " message_id) SELECT ?1, coalesce (?2, (SELECT customer_id"
      "  FROM conversation WHERE id = ?1)), ?3, ?4, ?5, ?6 RETURNING id",
      error);
  if (stmt == NULL)
    return 0;

  if (conversation_id > 0)
    sqlite3_bind_int64 (stmt, 1, conversation_id);
  if (customer_id > 0)
    sqlite3_bind_int64 (stmt, 2, customer_id);
  _desk_bind_text (stmt, 3, desk_rating_scale_to_string (scale));
  sqlite3_bind_int (stmt, 4, score);
  sqlite3_bind_int64 (stmt, 5, at);
  if (message_id > 0)
    sqlite3_bind_int64 (stmt, 6, message_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rating_id = sqlite3_column_int64 (stmt, 0);
  if (!_desk_store_exec_stmt (self, stmt, error))
    return 0;

  if (conversation_id <= 0)
    return rating_id;

  stmt = _desk_store_prepare (
      self,
      "UPDATE conversation SET rating_requested_at = NULL,"
      " follow_up = follow_up OR ?2 WHERE id = ?1",
      error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int (stmt, 2, desk_rating_is_low (scale, score) ? 1 : 0);
  if (!_desk_store_exec_stmt (self, stmt, error))
    return 0;

  if (desk_rating_is_low (scale, score))
    {
      g_autofree char *detail = g_strdup_printf (
          "%s %d", desk_rating_scale_to_string (scale), score);

      if (!_desk_store_log_event (self, conversation_id, actor, "low-rating",
                                  detail, error))
        return 0;
    }

  _desk_store_touch (self, conversation_id);
  return rating_id;
}

/* Stores a rating the customer gave, e.g. entered by the agent after a
 * call. @customer_id 0: the conversation's customer; @message_id 0: not
 * from a message. A low rating (CSAT ≤ 2, NPS ≤ 6) flags the
 * conversation for follow-up and logs a "low-rating" event. Returns the
 * rating's id, 0 on error. */
gint64
desk_store_record_rating (DeskStore *self,
                          gint64 conversation_id,
                          gint64 customer_id,
                          DeskRatingScale scale,
                          int score,
                          gint64 message_id,
                          const char *actor,
                          GError **error)
{
  gint64 rating_id;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!desk_rating_is_valid (scale, score))
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("The rating is outside its scale."));
      return 0;
    }
  if (conversation_id <= 0 && customer_id <= 0)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("A rating needs a conversation or a customer."));
      return 0;
    }

  if (!_desk_store_begin (self, error))
    return 0;

  if (conversation_id > 0 && !check_conversation (self, conversation_id, error))
    goto fail;

  rating_id = insert_rating (self, conversation_id, customer_id, scale, score,
                             message_id, _desk_store_now (self), actor, error);
  if (rating_id == 0)
    goto fail;

  if (!_desk_store_commit (self, error))
    return 0;
  return rating_id;

fail:
  _desk_store_rollback (self);
  return 0;
}

/* Notes that the team asked for a rating on @scale, so the customer's
 * next messages are read as an answer on that scale. */
gboolean
desk_store_mark_rating_requested (DeskStore *self,
                                  gint64 conversation_id,
                                  DeskRatingScale scale,
                                  const char *actor,
                                  GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (desk_rating_scale_to_string (scale) != NULL, FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  if (!check_conversation (self, conversation_id, error))
    goto fail;

  stmt = _desk_store_prepare (
      self, "UPDATE conversation SET rating_requested_at = ? WHERE id = ?",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, _desk_store_now (self));
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  /* The column has no room for the scale; the event log keeps it. */
  if (!_desk_store_log_event (self, conversation_id, actor, "rating-requested",
                              desk_rating_scale_to_string (scale), error))
    goto fail;

  _desk_store_touch (self, conversation_id);
  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

static DeskRatingScale
requested_scale (DeskStore *self, gint64 conversation_id)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT detail FROM event WHERE conversation_id = ?"
      " AND kind = 'rating-requested' ORDER BY at DESC, id DESC LIMIT 1",
      NULL);
  DeskRatingScale scale = DESK_RATING_SCALE_CSAT;

  if (stmt == NULL)
    return scale;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  if (sqlite3_step (stmt) == SQLITE_ROW
      && !desk_rating_scale_from_string (_desk_column_text (stmt, 0), &scale))
    scale = DESK_RATING_SCALE_CSAT;
  sqlite3_reset (stmt);
  return scale;
}

/* Inside a transaction. The network's clock and ours may differ a
 * little: an answer may carry a time slightly before the request. */
#define CLOCK_SKEW_SECONDS 120

static gint64
check_reply (DeskStore *self,
             gint64 conversation_id,
             gint64 message_id,
             GError **error)
{
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;
  gint64 requested_at, created_at, existing = 0;
  DeskRatingScale scale;
  int direction, score;
  gboolean pending = FALSE, found;

  stmt = _desk_store_prepare (
      self,
      "SELECT c.rating_requested_at, m.direction, m.created_at, m.body,"
      " (SELECT r.id FROM rating r WHERE r.message_id = m.id)"
      " FROM conversation c JOIN message m ON m.conversation_id = c.id"
      " WHERE c.id = ? AND m.id = ?",
      error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, message_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      pending = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
      requested_at = sqlite3_column_int64 (stmt, 0);
      direction = sqlite3_column_int (stmt, 1);
      created_at = sqlite3_column_int64 (stmt, 2);
      body = g_strdup (_desk_column_text (stmt, 3));
      existing = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);

  if (!found)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                   _ ("The message no longer exists."));
      return -1;
    }

  /* Seen before: the same answer is never counted twice. */
  if (existing > 0)
    return existing;

  if (!pending || direction != DESK_DIRECTION_INCOMING
      || created_at < requested_at - CLOCK_SKEW_SECONDS
      || created_at > requested_at + DESK_STORE_RATING_REPLY_SECONDS)
    return 0;

  scale = requested_scale (self, conversation_id);
  if (!desk_rating_parse (body, scale, &score))
    return 0;

  return insert_rating (self, conversation_id, 0, scale, score, message_id,
                        created_at, NULL, error);
}

/* Reads @message_id, a customer message in @conversation_id, as the
 * answer to a pending rating request and records it if it is one (see
 * desk_rating_parse()). Returns the rating's id; 0 when the message is no
 * rating or no request is pending, with @error set only on failure. */
gint64
desk_store_check_rating_reply (DeskStore *self,
                               gint64 conversation_id,
                               gint64 message_id,
                               GError **error)
{
  gint64 rating_id;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_desk_store_begin (self, error))
    return 0;

  rating_id = check_reply (self, conversation_id, message_id, error);
  if (rating_id < 0)
    {
      _desk_store_rollback (self);
      return 0;
    }

  if (!_desk_store_commit (self, error))
    return 0;
  return rating_id;
}

/* Like desk_store_check_rating_reply() for every customer message since
 * the pending request, oldest first, until one is a rating: for callers
 * that know which conversations changed but not which messages arrived
 * (the "conversations-changed" signal). */
gint64
desk_store_check_rating_replies (DeskStore *self,
                                 gint64 conversation_id,
                                 GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 rating_id = 0;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  stmt = _desk_store_prepare (self,
                              "SELECT m.id FROM conversation c JOIN message m"
                              " ON m.conversation_id = c.id AND m.direction = 0"
                              " AND m.created_at >= c.rating_requested_at - ?2"
                              " AND m.created_at <= c.rating_requested_at + ?3"
                              " WHERE c.id = ?1 ORDER BY m.created_at, m.id",
                              error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, CLOCK_SKEW_SECONDS);
  sqlite3_bind_int64 (stmt, 3, DESK_STORE_RATING_REPLY_SECONDS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!finish_rows (self, stmt, rc, error))
    return 0;

  for (guint i = 0; i < ids->len && rating_id == 0; i++)
    {
      rating_id = desk_store_check_rating_reply (
          self, conversation_id, g_array_index (ids, gint64, i), error);
      if (rating_id == 0 && error != NULL && *error != NULL)
        return 0;
    }

  return rating_id;
}

/* Counts customer messages in [@start, @start + n × @width) per window
 * of @width seconds into @counts[n]. There is no index on the time of
 * messages: the conversations that may have one in the range are found
 * through last_message_at, and opened_at spares looking into those that
 * began after it. */
static gboolean
count_incoming (DeskStore *self,
                gint64 start,
                gint64 width,
                guint n,
                guint *counts,
                GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT (m.created_at - :start) / :width, count (*)"
      " FROM conversation c JOIN message m ON m.conversation_id = c.id"
      " WHERE c.last_message_at >= :start AND c.opened_at < :end"
      " AND m.direction = 0 AND m.created_at >= :start"
      " AND m.created_at < :end GROUP BY 1",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  memset (counts, 0, n * sizeof (guint));
  bind_int64 (stmt, ":start", start);
  bind_int64 (stmt, ":width", width);
  bind_int64 (stmt, ":end", start + (gint64) n * width);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 index = sqlite3_column_int64 (stmt, 0);

      if (index >= 0 && index < n)
        counts[index] = (guint) sqlite3_column_int64 (stmt, 1);
    }

  return finish_rows (self, stmt, rc, error);
}

/* Compares the customer messages of the last window with the same
 * weekday and local hour of the previous weeks (DST-correct: the same
 * wall-clock hour, in @tz or the workspace's zone) and fills @result.
 * Returns FALSE only on error; whether to alert is @result->raised. */
gboolean
desk_store_check_spike (DeskStore *self,
                        const DeskSpikeThresholds *thresholds,
                        GTimeZone *tz,
                        DeskSpikeResult *result,
                        GError **error)
{
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GArray) baseline = NULL;
  g_autofree guint *counts = NULL;
  gint64 now, width;
  guint per_hour, count;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (thresholds != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!desk_spike_thresholds_validate (thresholds))
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("The alert settings are not valid."));
      return FALSE;
    }

  zone = tz != NULL ? g_time_zone_ref (tz)
                    : desk_store_dup_report_timezone (self);
  now = _desk_store_now (self);
  width = (gint64) thresholds->window_minutes * 60;

  /* The window ends with the current second. */
  if (!count_incoming (self, now - width + 1, width, 1, &count, error))
    return FALSE;

  per_hour = MAX (3600 / (guint) width, 1);
  counts = g_new0 (guint, per_hour);
  baseline = g_array_new (FALSE, FALSE, sizeof (guint));
  utc = g_date_time_new_from_unix_utc (now);
  local = g_date_time_to_timezone (utc, zone);

  for (guint week = 1; week <= thresholds->baseline_weeks; week++)
    {
      g_autoptr (GDateTime) then = g_date_time_add_weeks (local, -(int) week);
      g_autoptr (GDateTime) hour = NULL;

      if (then == NULL)
        break;
      hour = g_date_time_new (zone, g_date_time_get_year (then),
                              g_date_time_get_month (then),
                              g_date_time_get_day_of_month (then),
                              g_date_time_get_hour (then), 0, 0);
      if (hour == NULL)
        continue;
      if (!count_incoming (self, g_date_time_to_unix (hour), width, per_hour,
                           counts, error))
        return FALSE;
      g_array_append_vals (baseline, counts, per_hour);
    }

  desk_spike_detect (thresholds, count, (const guint *) baseline->data,
                     baseline->len, result);
  return TRUE;
}

/* Gathers negative interactions and low ratings of the last
 * negative_window_minutes and fills @result. Returns FALSE only on
 * error; whether to alert is @result->raised. */
gboolean
desk_store_check_negative_run (DeskStore *self,
                               const DeskSpikeThresholds *thresholds,
                               DeskNegativeRun *result,
                               GError **error)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 now;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (thresholds != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!desk_spike_thresholds_validate (thresholds))
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("The alert settings are not valid."));
      return FALSE;
    }

  stmt = _desk_store_prepare (
      self,
      "SELECT at FROM interaction WHERE positive = 0"
      " AND at > :since AND at <= :now"
      " UNION ALL SELECT at FROM rating WHERE at > :since AND at <= :now"
      " AND ((scale = 'csat' AND score <= 2) OR (scale = 'nps' AND score <= "
      "6))",
      error);
  if (stmt == NULL)
    return FALSE;

  now = _desk_store_now (self);
  bind_int64 (stmt, ":since",
              now - (gint64) thresholds->negative_window_minutes * 60);
  bind_int64 (stmt, ":now", now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (times, at);
    }
  if (!finish_rows (self, stmt, rc, error))
    return FALSE;

  desk_spike_detect_negative_run (thresholds, (const gint64 *) times->data,
                                  times->len, now, result);
  return TRUE;
}
