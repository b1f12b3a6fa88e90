/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gboolean measured; /* FALSE without a display */
  double first_frame_ms;
  double first_frame_baseline_ms;
  double rss_mb;
  double rss_baseline_mb;
  double scroll_frame_p95_ms;
  double idle_wakeups_per_minute;
  double idle_seconds;
} BenchUiFigures;

void bench_ui_measure (const char *self_path,
                       const char *db_path,
                       guint idle_seconds,
                       BenchUiFigures *figures);
int bench_ui_child (const char *mode, const char *db_path);
void bench_ui_print_table (const BenchUiFigures *figures);
const char *bench_ui_json (const BenchUiFigures *figures);
double bench_percentile (GArray *samples, double p);

G_END_DECLS
