/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-alert-monitor"

#include "config.h"

#include <glib/gi18n.h>

#include "core/desk-spike.h"
#include "core/desk-store-reports.h"
#include "desk-alert-monitor.h"

/* Watches the store for a volume spike and for a run of negative
 * interactions, once a minute on the clock's tick. An alert is raised
 * when a detector starts firing, not on every minute it keeps firing,
 * so a busy hour makes one notification, not sixty. */
struct _DeskAlertMonitor
{
  GObject parent_instance;

  GApplication *application; /* may be NULL: no desktop notification */
  DeskStore *store;
  DeskClock *clock;
  GSettings *settings;
  GTimeZone *tz;

  gboolean spike_raised;
  gboolean negative_raised;
};

G_DEFINE_FINAL_TYPE (DeskAlertMonitor, desk_alert_monitor, G_TYPE_OBJECT)

enum
{
  ALERT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
desk_alert_monitor_get_thresholds (DeskAlertMonitor *self,
                                   DeskSpikeThresholds *t)
{
  g_return_if_fail (DESK_IS_ALERT_MONITOR (self));
  g_return_if_fail (t != NULL);

  desk_spike_thresholds_init (t);
  t->window_minutes
      = g_settings_get_uint (self->settings, "alert-spike-window-minutes");
  t->baseline_weeks
      = g_settings_get_uint (self->settings, "alert-spike-baseline-weeks");
  t->min_count = g_settings_get_uint (self->settings, "alert-spike-min-count");
  t->stddev_factor
      = g_settings_get_double (self->settings, "alert-spike-stddev-factor");
  t->mean_factor
      = g_settings_get_double (self->settings, "alert-spike-mean-factor");
  t->negative_window_minutes
      = g_settings_get_uint (self->settings, "alert-negative-window-minutes");
  t->negative_min_count
      = g_settings_get_uint (self->settings, "alert-negative-min-count");

  /* A hand-edited setting the detectors cannot use: the defaults. */
  if (!desk_spike_thresholds_validate (t))
    desk_spike_thresholds_init (t);
}

static void
raise_alert (DeskAlertMonitor *self,
             DeskAlertKind kind,
             const char *title,
             const char *message)
{
  g_signal_emit (self, signals[ALERT], 0, kind, message);

  if (self->application != NULL)
    {
      g_autoptr (GNotification) notification = g_notification_new (title);

      g_notification_set_body (notification, message);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_application_send_notification (
          self->application,
          kind == DESK_ALERT_SPIKE ? "alert-spike" : "alert-negative-run",
          notification);
    }
}

/* Runs both detectors now. */
void
desk_alert_monitor_check (DeskAlertMonitor *self)
{
  DeskSpikeThresholds thresholds;
  DeskSpikeResult spike;
  DeskNegativeRun run;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (DESK_IS_ALERT_MONITOR (self));

  if (!g_settings_get_boolean (self->settings, "alerts-enabled"))
    return;

  desk_alert_monitor_get_thresholds (self, &thresholds);

  if (!desk_store_check_spike (self->store, &thresholds, self->tz, &spike,
                               &error))
    {
      g_warning ("could not check for a spike: %s", error->message);
      g_clear_error (&error);
    }
  else
    {
      if (spike.raised && !self->spike_raised)
        {
          g_autofree char *message = g_strdup_printf (
              _ ("Unusually many messages: %u in the last %u minutes "
                 "(usually %.0f)"),
              spike.count, thresholds.window_minutes, spike.mean);

          raise_alert (self, DESK_ALERT_SPIKE, _ ("Unusually Many Messages"),
                       message);
        }
      self->spike_raised = spike.raised;
    }

  if (!desk_store_check_negative_run (self->store, &thresholds, &run, &error))
    g_warning ("could not check for negative interactions: %s", error->message);
  else
    {
      if (run.raised && !self->negative_raised)
        {
          g_autofree char *message = g_strdup_printf (
              ngettext ("%u negative interaction or low rating in the last "
                        "%u minutes",
                        "%u negative interactions or low ratings in the last "
                        "%u minutes",
                        run.count),
              run.count, thresholds.negative_window_minutes);

          raise_alert (self, DESK_ALERT_NEGATIVE_RUN,
                       _ ("Several Unhappy Customers"), message);
        }
      self->negative_raised = run.raised;
    }
}

static void
on_clock_minute_tick_cb (DeskAlertMonitor *self, DeskClock *clock)
{
  desk_alert_monitor_check (self);
}

static void
desk_alert_monitor_dispose (GObject *object)
{
  DeskAlertMonitor *self = DESK_ALERT_MONITOR (object);

  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_alert_monitor_parent_class)->dispose (object);
}

static void
desk_alert_monitor_finalize (GObject *object)
{
  DeskAlertMonitor *self = DESK_ALERT_MONITOR (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (desk_alert_monitor_parent_class)->finalize (object);
}

static void
desk_alert_monitor_class_init (DeskAlertMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_alert_monitor_dispose;
  object_class->finalize = desk_alert_monitor_finalize;

  /* (kind: DeskAlertKind, message: the sentence to show) */
  signals[ALERT] = g_signal_new ("alert", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
}

static void
desk_alert_monitor_init (DeskAlertMonitor *self)
{
}

/* @application receives the desktop notifications; NULL sends none. */
DeskAlertMonitor *
desk_alert_monitor_new (GApplication *application,
                        DeskStore *store,
                        DeskClock *clock,
                        GSettings *settings)
{
  DeskAlertMonitor *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application),
                        NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (DESK_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (DESK_TYPE_ALERT_MONITOR, NULL);
  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  self->settings = g_object_ref (settings);
  self->tz = desk_store_dup_report_timezone (store);

  g_signal_connect_swapped (clock, "minute-tick",
                            G_CALLBACK (on_clock_minute_tick_cb), self);
  return self;
}
