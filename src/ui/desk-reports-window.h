/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/desk-clock.h"
#include "core/desk-store-reports.h"
#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_REPORTS_WINDOW (desk_reports_window_get_type ())

G_DECLARE_FINAL_TYPE (DeskReportsWindow,
                      desk_reports_window,
                      DESK,
                      REPORTS_WINDOW,
                      AdwApplicationWindow)

typedef enum
{
  DESK_REPORTS_EXPORT_CSV,
  DESK_REPORTS_EXPORT_PDF,
} DeskReportsExportFormat;

DeskReportsWindow *desk_reports_window_new (GtkApplication *application,
                                            DeskStore *store,
                                            DeskClock *clock,
                                            GSettings *settings);

void desk_reports_window_set_period (DeskReportsWindow *self,
                                     DeskReportPeriod period);
void desk_reports_window_set_custom_range (DeskReportsWindow *self,
                                           const GDate *first,
                                           const GDate *last);
void desk_reports_window_get_query (DeskReportsWindow *self,
                                    DeskReportQuery *query);
DeskReport *desk_reports_window_get_report (DeskReportsWindow *self);
char *desk_reports_window_dup_period_text (DeskReportsWindow *self);

void desk_reports_window_export_async (DeskReportsWindow *self,
                                       DeskReportsExportFormat format,
                                       GFile *file,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean desk_reports_window_export_finish (DeskReportsWindow *self,
                                            GAsyncResult *result,
                                            GError **error);

char *desk_reports_format_duration (double seconds);
char *desk_reports_format_percent (double percent);

void desk_reports_install_action (GtkApplication *application,
                                  DeskStore *store,
                                  DeskClock *clock,
                                  GSettings *settings);

G_END_DECLS
