/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-report"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "desk-report.h"

/* The result of a report and the pure arithmetic behind it: periods in a
 * time zone, percentiles, the histogram, CSAT and NPS. The store fills a
 * DeskReport; nothing here touches the database. */

typedef struct
{
  DeskReport report;
  gatomicrefcount ref_count;
} DeskReportReal;

G_DEFINE_BOXED_TYPE (DeskReport,
                     desk_report,
                     desk_report_ref,
                     desk_report_unref)

static GDateTime *
local_midnight (GTimeZone *tz, const GDate *date)
{
  /* Where midnight falls into a DST gap, GLib moves it forward to the
   * first time that exists, which is where that day really begins. */
  return g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), 0, 0, 0);
}

static void
fill_days (DeskReport *self)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) first = NULL;
  GDate date;

  if (self->to <= self->from)
    return;

  utc = g_date_time_new_from_unix_utc (self->from);
  if (utc == NULL)
    return;
  first = g_date_time_to_timezone (utc, self->tz);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (first),
                  g_date_time_get_month (first), g_date_time_get_year (first));

  for (;;)
    {
      g_autoptr (GDateTime) start = local_midnight (self->tz, &date);
      g_autoptr (GDateTime) end = NULL;
      DeskReportDay day = { 0 };

      if (start == NULL || g_date_time_to_unix (start) >= self->to)
        break;

      day.date = date;
      day.start = g_date_time_to_unix (start);
      g_date_add_days (&date, 1);
      end = local_midnight (self->tz, &date);
      if (end == NULL)
        break;
      day.end = g_date_time_to_unix (end);
      g_array_append_val (self->days, day);

      /* A weekday counts when the period covers any of it. */
      self->heat_map_days[g_date_get_weekday (&day.date) - 1]++;
    }
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* An empty report for [@from, @to) in @tz, with one zeroed entry per
 * local calendar day the period touches. */
DeskReport *
desk_report_new (gint64 from, gint64 to, GTimeZone *tz)
{
  DeskReportReal *real;

  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (from <= to, NULL);

  real = g_new0 (DeskReportReal, 1);
  g_atomic_ref_count_init (&real->ref_count);
  real->report.from = from;
  real->report.to = to;
  real->report.tz = g_time_zone_ref (tz);
  real->report.days = g_array_new (FALSE, TRUE, sizeof (DeskReportDay));
  fill_days (&real->report);

  return &real->report;
}

DeskReport *
desk_report_ref (DeskReport *self)
{
  DeskReportReal *real = (DeskReportReal *) self;

  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&real->ref_count);
  return self;
}

void
desk_report_unref (DeskReport *self)
{
  DeskReportReal *real = (DeskReportReal *) self;

  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&real->ref_count))
    return;

  g_time_zone_unref (self->tz);
  g_array_unref (self->days);
  g_free (real);
}

/* TRUE when nothing at all happened in the period, so the view can say
 * "no data" rather than show a page of zeros. */
gboolean
desk_report_is_empty (const DeskReport *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->opened == 0 && self->incoming == 0 && self->first_response.n == 0
         && self->next_response.n == 0 && self->resolution.n == 0
         && self->sla[DESK_SLA_TIMER_FIRST_RESPONSE].met
                    + self->sla[DESK_SLA_TIMER_FIRST_RESPONSE].breached
                    + self->sla[DESK_SLA_TIMER_NEXT_RESPONSE].met
                    + self->sla[DESK_SLA_TIMER_NEXT_RESPONSE].breached
                    + self->sla[DESK_SLA_TIMER_RESOLUTION].met
                    + self->sla[DESK_SLA_TIMER_RESOLUTION].breached
                == 0
         && self->csat.n == 0 && self->nps.n == 0 && self->mentions == 0;
}

/* The entry of @date, or NULL when the period does not touch it. */
DeskReportDay *
desk_report_find_day (DeskReport *self, const GDate *date)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  for (guint i = 0; i < self->days->len; i++)
    {
      DeskReportDay *day = &g_array_index (self->days, DeskReportDay, i);

      if (g_date_compare (&day->date, date) == 0)
        return day;
    }
  return NULL;
}

const char *
desk_report_period_get_label (DeskReportPeriod period)
{
  switch (period)
    {
      case DESK_REPORT_PERIOD_TODAY:
        return _ ("Today");
      case DESK_REPORT_PERIOD_LAST_7_DAYS:
        return _ ("Last 7 days");
      case DESK_REPORT_PERIOD_LAST_30_DAYS:
        return _ ("Last 30 days");
      case DESK_REPORT_PERIOD_CUSTOM:
        return _ ("Custom period");
      default:
        g_return_val_if_reached (NULL);
    }
}

/* [local midnight of @first, local midnight after @last): whole days in
 * @tz, so a day with a DST change is 23 or 25 hours long. */
gboolean
desk_report_get_days_range (GTimeZone *tz,
                            const GDate *first,
                            const GDate *last,
                            gint64 *from,
                            gint64 *to)
{
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  GDate after;

  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (first != NULL && g_date_valid (first), FALSE);
  g_return_val_if_fail (last != NULL && g_date_valid (last), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (g_date_compare (first, last) > 0)
    return FALSE;

  after = *last;
  g_date_add_days (&after, 1);
  start = local_midnight (tz, first);
  end = local_midnight (tz, &after);
  if (start == NULL || end == NULL)
    return FALSE;

  *from = g_date_time_to_unix (start);
  *to = g_date_time_to_unix (end);
  return TRUE;
}

/* The range of a preset period that contains @now, in @tz. The period
 * ends at the next local midnight, so today is a whole day. CUSTOM has
 * no preset range: use desk_report_get_days_range(). */
gboolean
desk_report_period_get_range (DeskReportPeriod period,
                              GTimeZone *tz,
                              gint64 now,
                              gint64 *from,
                              gint64 *to)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  GDate today, first;
  guint days;

  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  switch (period)
    {
      case DESK_REPORT_PERIOD_TODAY:
        days = 1;
        break;
      case DESK_REPORT_PERIOD_LAST_7_DAYS:
        days = 7;
        break;
      case DESK_REPORT_PERIOD_LAST_30_DAYS:
        days = 30;
        break;
      case DESK_REPORT_PERIOD_CUSTOM:
      default:
        return FALSE;
    }

  utc = g_date_time_new_from_unix_utc (now);
  if (utc == NULL)
    return FALSE;
  local = g_date_time_to_timezone (utc, tz);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  first = today;
  g_date_subtract_days (&first, days - 1);

  return desk_report_get_days_range (tz, &first, &today, from, to);
}

/* The @p-quantile (0…1) of @n ascending values, interpolating linearly
 * between the two nearest ranks (as spreadsheets' PERCENTILE does), so
 * the median of an even count is the mean of the middle two. 0 when @n
 * is 0. */
double
desk_report_percentile (const double *sorted, gsize n, double p)
{
  double rank, lower;
  gsize index;

  g_return_val_if_fail (n == 0 || sorted != NULL, 0);

  if (n == 0)
    return 0;

  p = CLAMP (p, 0.0, 1.0);
  rank = p * (double) (n - 1);
  lower = floor (rank);
  index = (gsize) lower;
  if (index + 1 >= n)
    return sorted[n - 1];

  return sorted[index] + (rank - lower) * (sorted[index + 1] - sorted[index]);
}

/* Sorts @values in place and fills @stats with their median and 90th
 * percentile. */
void
desk_report_compute_durations (double *values,
                               gsize n,
                               DeskDurationStats *stats)
{
  g_return_if_fail (stats != NULL);
  g_return_if_fail (n == 0 || values != NULL);

  memset (stats, 0, sizeof *stats);
  if (n == 0)
    return;

  qsort (values, n, sizeof (double), compare_doubles);
  stats->n = (guint) n;
  stats->median = desk_report_percentile (values, n, 0.5);
  stats->p90 = desk_report_percentile (values, n, 0.9);
}

DeskReportBucket
desk_report_get_bucket (gint64 seconds)
{
  if (seconds < 15 * 60)
    return DESK_REPORT_BUCKET_UNDER_15_MINUTES;
  if (seconds < 60 * 60)
    return DESK_REPORT_BUCKET_UNDER_1_HOUR;
  if (seconds < 6 * 60 * 60)
    return DESK_REPORT_BUCKET_UNDER_6_HOURS;
  if (seconds < 24 * 60 * 60)
    return DESK_REPORT_BUCKET_UNDER_24_HOURS;
  return DESK_REPORT_BUCKET_LONGER;
}

void
desk_report_finish_sla (DeskSlaCount *count)
{
  guint total;

  g_return_if_fail (count != NULL);

  total = count->met + count->breached;
  count->percent = total > 0 ? 100.0 * count->met / total : 0;
}

/* Fills n and average from counts. */
void
desk_report_finish_csat (DeskCsatStats *stats)
{
  guint64 sum = 0;

  g_return_if_fail (stats != NULL);

  stats->n = 0;
  for (guint i = 0; i < G_N_ELEMENTS (stats->counts); i++)
    {
      stats->n += stats->counts[i];
      sum += (guint64) (i + 1) * stats->counts[i];
    }
  stats->average = stats->n > 0 ? (double) sum / stats->n : 0;
}

/* Fills n, the three groups and the score from counts. */
void
desk_report_finish_nps (DeskNpsStats *stats)
{
  g_return_if_fail (stats != NULL);

  stats->promoters = stats->counts[9] + stats->counts[10];
  stats->passives = stats->counts[7] + stats->counts[8];
  stats->detractors = 0;
  for (guint i = 0; i <= 6; i++)
    stats->detractors += stats->counts[i];
  stats->n = stats->promoters + stats->passives + stats->detractors;
  stats->score
      = stats->n > 0
            ? 100.0 * ((double) stats->promoters - (double) stats->detractors)
                  / stats->n
            : 0;
}
