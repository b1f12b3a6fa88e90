/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-clock"

#include "config.h"

#include "desk-clock.h"

/* The one application clock. Every countdown follows its "minute-tick"
 * signal, so an idle app wakes up once a minute, not once per row. A fake
 * clock lets tests move time by hand. */
struct _DeskClock
{
  GObject parent_instance;

  gboolean fake;
  gint64 fake_now;
  guint tick_source;
  gint64 last_minute;
};

G_DEFINE_FINAL_TYPE (DeskClock, desk_clock, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NOW,
  N_PROPS
};

enum
{
  MINUTE_TICK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_tick (DeskClock *self);

static gboolean
on_tick_cb (gpointer user_data)
{
  DeskClock *self = user_data;
  gint64 minute = desk_clock_get_now (self) / 60;

  self->tick_source = 0;

  /* After a suspend the timeout fires late; we compare whole minutes of
   * wall-clock time, so one tick covers any number of missed minutes. */
  if (minute != self->last_minute)
    {
      self->last_minute = minute;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
      g_signal_emit (self, signals[MINUTE_TICK], 0);
    }

  schedule_tick (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_tick (DeskClock *self)
{
  gint64 now_us = g_get_real_time ();
  gint64 wait_ms = 60000 - (now_us / 1000) % 60000;

  g_assert (!self->fake);
  /* A little past the boundary, so the wall clock has surely turned. */
  self->tick_source = g_timeout_add_full (G_PRIORITY_DEFAULT, wait_ms + 20,
                                          on_tick_cb, self, NULL);
}

static void
desk_clock_get_property (GObject *object,
                         guint prop_id,
                         GValue *value,
                         GParamSpec *pspec)
{
  DeskClock *self = DESK_CLOCK (object);

  switch (prop_id)
    {
      case PROP_NOW:
        g_value_set_int64 (value, desk_clock_get_now (self));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_clock_dispose (GObject *object)
{
  DeskClock *self = DESK_CLOCK (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);

  G_OBJECT_CLASS (desk_clock_parent_class)->dispose (object);
}

static void
desk_clock_class_init (DeskClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = desk_clock_get_property;
  object_class->dispose = desk_clock_dispose;

  properties[PROP_NOW] = g_param_spec_int64 (
      "now", NULL, NULL, 0, G_MAXINT64, 0,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted once per minute of wall-clock time (and once after a fake
   * clock moved into another minute). */
  signals[MINUTE_TICK]
      = g_signal_new ("minute-tick", G_TYPE_FROM_CLASS (klass),
                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
desk_clock_init (DeskClock *self)
{
}

DeskClock *
desk_clock_new_system (void)
{
  DeskClock *self = g_object_new (DESK_TYPE_CLOCK, NULL);

  self->last_minute = desk_clock_get_now (self) / 60;
  schedule_tick (self);
  return self;
}

DeskClock *
desk_clock_new_fake (gint64 now)
{
  DeskClock *self = g_object_new (DESK_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->fake_now = now;
  self->last_minute = now / 60;
  return self;
}

/* Unix time in seconds. */
gint64
desk_clock_get_now (DeskClock *self)
{
  g_return_val_if_fail (DESK_IS_CLOCK (self), 0);

  if (self->fake)
    return self->fake_now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

GDateTime *
desk_clock_dup_now_local (DeskClock *self)
{
  g_return_val_if_fail (DESK_IS_CLOCK (self), NULL);

  return g_date_time_new_from_unix_local (desk_clock_get_now (self));
}

gboolean
desk_clock_is_fake (DeskClock *self)
{
  g_return_val_if_fail (DESK_IS_CLOCK (self), FALSE);

  return self->fake;
}

void
desk_clock_advance (DeskClock *self, gint64 seconds)
{
  gint64 minute;

  g_return_if_fail (DESK_IS_CLOCK (self));
  g_return_if_fail (self->fake);
  g_return_if_fail (seconds >= 0);

  self->fake_now += seconds;
  minute = self->fake_now / 60;
  if (minute != self->last_minute)
    {
      self->last_minute = minute;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
      g_signal_emit (self, signals[MINUTE_TICK], 0);
    }
}
