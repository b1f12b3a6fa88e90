/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-report.h"

G_BEGIN_DECLS

#define DESK_TYPE_CHART_BARS (desk_chart_bars_get_type ())

G_DECLARE_FINAL_TYPE (DeskChartBars,
                      desk_chart_bars,
                      DESK,
                      CHART_BARS,
                      GtkWidget)

/* What a bar chart shows; each fills it from a report. */
typedef enum
{
  DESK_CHART_BARS_VOLUME,         /* conversations opened per day */
  DESK_CHART_BARS_RESPONSE_TIMES, /* first responses per time bucket */
  DESK_CHART_BARS_SLA, /* targets met and missed per day, all timers */
} DeskChartBarsKind;

DeskChartBars *desk_chart_bars_new (DeskChartBarsKind kind);
void desk_chart_bars_set_report (DeskChartBars *self, DeskReport *report);
const char *desk_chart_bars_get_summary (DeskChartBars *self);
void desk_chart_bars_draw (DeskChartBars *self,
                           cairo_t *cr,
                           double width,
                           double height,
                           const GdkRGBA *fg);

G_END_DECLS
