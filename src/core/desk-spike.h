/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* When the app raises a real-time alert. One struct for both detectors,
 * so preferences can edit and store it as one thing. */
typedef struct
{
  /* Volume spike: count of customer messages in the last window_minutes,
   * compared with the same weekday and local hour in the previous
   * baseline_weeks weeks. */
  guint window_minutes;
  guint baseline_weeks;
  guint min_count;      /* never alert below this many messages */
  double stddev_factor; /* k in mean + k·stddev */
  double mean_factor;   /* and at least this many times the usual */

  /* A run of trouble: negative interactions and low ratings. */
  guint negative_window_minutes;
  guint negative_min_count;
} DeskSpikeThresholds;

/* The defaults: ten or more messages in ten minutes, three standard
 * deviations above and twice the usual of the last four weeks; three
 * negative interactions or low ratings within an hour. */
#define DESK_SPIKE_THRESHOLDS_INIT                                             \
  {                                                                            \
    .window_minutes = 10, .baseline_weeks = 4, .min_count = 10,                \
    .stddev_factor = 3.0, .mean_factor = 2.0, .negative_window_minutes = 60,   \
    .negative_min_count = 3,                                                   \
  }

typedef struct
{
  gboolean raised;
  guint count;      /* messages in the window */
  guint n_baseline; /* samples the baseline is made of */
  double mean;      /* usual count per window */
  double stddev;
  double threshold; /* the count from which it raises */
} DeskSpikeResult;

typedef struct
{
  gboolean raised;
  guint count;     /* negative interactions and low ratings in the window */
  gint64 first_at; /* of those in the window; 0 when count == 0 */
  gint64 last_at;
} DeskNegativeRun;

void desk_spike_thresholds_init (DeskSpikeThresholds *thresholds);
gboolean desk_spike_thresholds_validate (const DeskSpikeThresholds *thresholds);

gboolean desk_spike_detect (const DeskSpikeThresholds *thresholds,
                            guint count,
                            const guint *baseline,
                            gsize n_baseline,
                            DeskSpikeResult *result);
gboolean desk_spike_detect_negative_run (const DeskSpikeThresholds *thresholds,
                                         const gint64 *times,
                                         gsize n_times,
                                         gint64 now,
                                         DeskNegativeRun *result);

G_END_DECLS
