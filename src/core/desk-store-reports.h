/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "desk-rating.h"
#include "desk-report.h"
#include "desk-spike.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* What a report covers: a period and, optionally, a slice of the
 * workspace. Filters combine (AND). */
typedef struct
{
  gint64
      from; /* [from, to), unix seconds; see desk_report_period_get_range() */
  gint64 to;
  GTimeZone *tz;       /* days and hours; NULL: the workspace's zone */
  const char *network; /* NULL: every network */
  gint64 account_id;   /* 0: every account */
  const char *agent;   /* NULL: everyone; see desk-store-reports.c */
  gint64 tag_id;       /* 0: any tag */
} DeskReportQuery;

/* A customer message this long after a rating request is no answer to it
 * any more. */
#define DESK_STORE_RATING_REPLY_SECONDS (7 * 24 * 60 * 60)

/* Reports */
GTimeZone *desk_store_dup_report_timezone (DeskStore *self);
DeskReport *desk_store_compute_report (DeskStore *self,
                                       const DeskReportQuery *query,
                                       GError **error);
gboolean desk_store_export_csv (DeskStore *self,
                                const DeskReportQuery *query,
                                GOutputStream *stream,
                                GCancellable *cancellable,
                                GError **error);

/* Ratings */
gint64 desk_store_record_rating (DeskStore *self,
                                 gint64 conversation_id,
                                 gint64 customer_id,
                                 DeskRatingScale scale,
                                 int score,
                                 gint64 message_id,
                                 const char *actor,
                                 GError **error);
gboolean desk_store_mark_rating_requested (DeskStore *self,
                                           gint64 conversation_id,
                                           DeskRatingScale scale,
                                           const char *actor,
                                           GError **error);
gint64 desk_store_check_rating_reply (DeskStore *self,
                                      gint64 conversation_id,
                                      gint64 message_id,
                                      GError **error);
gint64 desk_store_check_rating_replies (DeskStore *self,
                                        gint64 conversation_id,
                                        GError **error);

/* Real-time alerts */
gboolean desk_store_check_spike (DeskStore *self,
                                 const DeskSpikeThresholds *thresholds,
                                 GTimeZone *tz,
                                 DeskSpikeResult *result,
                                 GError **error);
gboolean desk_store_check_negative_run (DeskStore *self,
                                        const DeskSpikeThresholds *thresholds,
                                        DeskNegativeRun *result,
                                        GError **error);

G_END_DECLS
