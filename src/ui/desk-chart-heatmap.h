/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-report.h"

G_BEGIN_DECLS

#define DESK_TYPE_CHART_HEATMAP (desk_chart_heatmap_get_type ())

G_DECLARE_FINAL_TYPE (DeskChartHeatmap,
                      desk_chart_heatmap,
                      DESK,
                      CHART_HEATMAP,
                      GtkWidget)

DeskChartHeatmap *desk_chart_heatmap_new (void);
void desk_chart_heatmap_set_report (DeskChartHeatmap *self, DeskReport *report);
const char *desk_chart_heatmap_get_summary (DeskChartHeatmap *self);
void desk_chart_heatmap_draw (DeskChartHeatmap *self,
                              cairo_t *cr,
                              double width,
                              double height,
                              const GdkRGBA *fg);

G_END_DECLS
