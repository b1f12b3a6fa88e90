/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-spike"

#include "config.h"

#include <math.h>
#include <string.h>

#include "desk-spike.h"

/* The two real-time alerts as pure functions of counts and times, so
 * they are tested on synthetic series; the store gathers the numbers
 * (desk_store_check_spike(), desk_store_check_negative_run()). */

void
desk_spike_thresholds_init (DeskSpikeThresholds *thresholds)
{
  const DeskSpikeThresholds defaults = DESK_SPIKE_THRESHOLDS_INIT;

  g_return_if_fail (thresholds != NULL);

  *thresholds = defaults;
}

/* FALSE for settings the detectors cannot work with, e.g. from a
 * hand-edited preference. */
gboolean
desk_spike_thresholds_validate (const DeskSpikeThresholds *thresholds)
{
  g_return_val_if_fail (thresholds != NULL, FALSE);

  return thresholds->window_minutes >= 1 && thresholds->window_minutes <= 60
         && thresholds->baseline_weeks >= 1 && thresholds->baseline_weeks <= 52
         && thresholds->min_count >= 1 && isfinite (thresholds->stddev_factor)
         && thresholds->stddev_factor >= 0 && isfinite (thresholds->mean_factor)
         && thresholds->mean_factor >= 0
         && thresholds->negative_window_minutes >= 1
         && thresholds->negative_min_count >= 1;
}

/* Raises when @count messages in the current window reach
 * max (min_count, mean + k·stddev, factor·mean) of the @baseline counts
 * (one per window of the same weekday and hour in earlier weeks). All
 * three must be passed: the minimum keeps a quiet night from alerting on
 * three messages, the deviation keeps a noisy hour from alerting on its
 * usual swings, the factor asks for a real multiple of a busy hour. */
gboolean
desk_spike_detect (const DeskSpikeThresholds *thresholds,
                   guint count,
                   const guint *baseline,
                   gsize n_baseline,
                   DeskSpikeResult *result)
{
  double sum = 0, squares = 0;
  double mean = 0, stddev = 0;

  g_return_val_if_fail (thresholds != NULL, FALSE);
  g_return_val_if_fail (n_baseline == 0 || baseline != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (n_baseline > 0)
    {
      for (gsize i = 0; i < n_baseline; i++)
        sum += baseline[i];
      mean = sum / n_baseline;
      for (gsize i = 0; i < n_baseline; i++)
        squares += (baseline[i] - mean) * (baseline[i] - mean);
      /* The whole population of past windows, not a sample of it. */
      stddev = sqrt (squares / n_baseline);
    }

  memset (result, 0, sizeof *result);
  result->count = count;
  result->n_baseline = (guint) n_baseline;
  result->mean = mean;
  result->stddev = stddev;
  result->threshold = MAX ((double) thresholds->min_count,
                           MAX (mean + thresholds->stddev_factor * stddev,
                                thresholds->mean_factor * mean));
  result->raised = count > 0 && (double) count >= result->threshold;
  return result->raised;
}

/* Raises when at least negative_min_count of @times (negative
 * interactions and low ratings, any order) fall into the last
 * negative_window_minutes up to and including @now. */
gboolean
desk_spike_detect_negative_run (const DeskSpikeThresholds *thresholds,
                                const gint64 *times,
                                gsize n_times,
                                gint64 now,
                                DeskNegativeRun *result)
{
  gint64 since;

  g_return_val_if_fail (thresholds != NULL, FALSE);
  g_return_val_if_fail (n_times == 0 || times != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  since = now - (gint64) thresholds->negative_window_minutes * 60;

  for (gsize i = 0; i < n_times; i++)
    {
      if (times[i] <= since || times[i] > now)
        continue;
      if (result->count == 0 || times[i] < result->first_at)
        result->first_at = times[i];
      if (result->count == 0 || times[i] > result->last_at)
        result->last_at = times[i];
      result->count++;
    }

  result->raised = result->count >= MAX (thresholds->negative_min_count, 1u);
  return result->raised;
}
