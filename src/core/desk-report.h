/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-sla.h"
#include "desk-types.h"

G_BEGIN_DECLS

/* The periods the reports view offers. All of them are whole calendar
 * days in a time zone, so the per-day series has no partial buckets at
 * its start. */
typedef enum
{
  DESK_REPORT_PERIOD_TODAY,
  DESK_REPORT_PERIOD_LAST_7_DAYS,  /* today and the 6 days before */
  DESK_REPORT_PERIOD_LAST_30_DAYS, /* today and the 29 days before */
  DESK_REPORT_PERIOD_CUSTOM,
} DeskReportPeriod;

/* Buckets of the response-time distribution, bounds in seconds:
 * [0, 15 min), [15 min, 1 h), [1 h, 6 h), [6 h, 24 h), [24 h, ∞). */
typedef enum
{
  DESK_REPORT_BUCKET_UNDER_15_MINUTES,
  DESK_REPORT_BUCKET_UNDER_1_HOUR,
  DESK_REPORT_BUCKET_UNDER_6_HOURS,
  DESK_REPORT_BUCKET_UNDER_24_HOURS,
  DESK_REPORT_BUCKET_LONGER,
  DESK_REPORT_N_BUCKETS,
} DeskReportBucket;

/* Median and 90th percentile of a set of durations. With n == 0 the
 * values are 0 (never NaN): show "no data" instead of them. */
typedef struct
{
  guint n;
  double median; /* seconds */
  double p90;    /* seconds */
} DeskDurationStats;

/* How often one SLA timer was met. percent is 0 when met + breached is 0. */
typedef struct
{
  guint met;
  guint breached;
  double percent;
} DeskSlaCount;

/* Customer satisfaction, 1–5. counts[i] is how many rated i + 1. */
typedef struct
{
  guint n;
  double average; /* 0 when n == 0 */
  guint counts[5];
} DeskCsatStats;

/* Net promoter score, 0–10. counts[i] is how many answered i. */
typedef struct
{
  guint n;
  guint promoters;  /* 9–10 */
  guint passives;   /* 7–8 */
  guint detractors; /* 0–6 */
  double score; /* % promoters − % detractors, −100…100; 0 when n == 0 */
  guint counts[11];
} DeskNpsStats;

/* One local calendar day of the period. */
typedef struct
{
  GDate date;
  gint64 start;   /* unix seconds of local midnight */
  gint64 end;     /* the next local midnight: 23 or 25 hours on DST days */
  guint opened;   /* conversations opened */
  guint incoming; /* customer messages */
  DeskSlaCount sla[DESK_SLA_N_TIMERS];
} DeskReportDay;

#define DESK_TYPE_REPORT (desk_report_get_type ())

/* The numbers of one period and filter, computed by the store
 * (desk_store_compute_report()). Read-only for its users. Each figure
 * counts where the event it measures falls; see desk-store-reports.c. */
typedef struct
{
  gint64 from; /* [from, to), unix seconds */
  gint64 to;
  GTimeZone *tz; /* the zone of days and hours */

  guint opened;         /* conversations opened in the period */
  guint answered;       /* of those, the ones that got an answer */
  double response_rate; /* answered / opened in %, 0 when opened == 0 */

  DeskDurationStats first_response;
  DeskDurationStats next_response;
  DeskDurationStats resolution;
  guint response_histogram[DESK_REPORT_N_BUCKETS]; /* first responses */

  DeskSlaCount sla[DESK_SLA_N_TIMERS];

  guint incoming;         /* customer messages */
  GArray *days;           /* DeskReportDay, one per local day */
  guint heat_map[7][24];  /* [0 Monday … 6 Sunday][local hour] incoming */
  guint heat_map_days[7]; /* how many of each weekday the period has */

  DeskCsatStats csat;
  DeskNpsStats nps;
  guint mentions; /* brand mentions */
} DeskReport;

GType desk_report_get_type (void) G_GNUC_CONST;

DeskReport *desk_report_new (gint64 from, gint64 to, GTimeZone *tz);
DeskReport *desk_report_ref (DeskReport *self);
void desk_report_unref (DeskReport *self);
gboolean desk_report_is_empty (const DeskReport *self);
DeskReportDay *desk_report_find_day (DeskReport *self, const GDate *date);

/* Periods */
const char *desk_report_period_get_label (DeskReportPeriod period);
gboolean desk_report_period_get_range (DeskReportPeriod period,
                                       GTimeZone *tz,
                                       gint64 now,
                                       gint64 *from,
                                       gint64 *to);
gboolean desk_report_get_days_range (GTimeZone *tz,
                                     const GDate *first,
                                     const GDate *last,
                                     gint64 *from,
                                     gint64 *to);

/* Pure statistics */
double desk_report_percentile (const double *sorted, gsize n, double p);
void desk_report_compute_durations (double *values,
                                    gsize n,
                                    DeskDurationStats *stats);
DeskReportBucket desk_report_get_bucket (gint64 seconds);
void desk_report_finish_sla (DeskSlaCount *count);
void desk_report_finish_csat (DeskCsatStats *stats);
void desk_report_finish_nps (DeskNpsStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskReport, desk_report_unref)

G_END_DECLS
