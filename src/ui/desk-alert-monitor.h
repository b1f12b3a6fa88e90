/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "core/desk-clock.h"
#include "core/desk-spike.h"
#include "core/desk-store.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_ALERT_SPIKE,        /* unusually many customer messages */
  DESK_ALERT_NEGATIVE_RUN, /* several negative interactions or low ratings */
} DeskAlertKind;

#define DESK_TYPE_ALERT_MONITOR (desk_alert_monitor_get_type ())

G_DECLARE_FINAL_TYPE (DeskAlertMonitor,
                      desk_alert_monitor,
                      DESK,
                      ALERT_MONITOR,
                      GObject)

DeskAlertMonitor *desk_alert_monitor_new (GApplication *application,
                                          DeskStore *store,
                                          DeskClock *clock,
                                          GSettings *settings);
void desk_alert_monitor_check (DeskAlertMonitor *self);
void desk_alert_monitor_get_thresholds (DeskAlertMonitor *self,
                                        DeskSpikeThresholds *thresholds);

G_END_DECLS
