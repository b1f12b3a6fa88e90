/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-report.h"

G_BEGIN_DECLS

/* One figure as the reports window shows it. */
typedef struct
{
  const char *title;
  const char *value;
  const char *detail; /* may be NULL */
} DeskReportPdfMetric;

GBytes *desk_report_pdf_render (DeskReport *report,
                                const char *period,
                                const char *filters,
                                const DeskReportPdfMetric *metrics,
                                gsize n_metrics,
                                GError **error);

G_END_DECLS
