/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-sla-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-sla-badge.h"

/* The countdown of a conversation's most urgent answer time: "42 min left",
 * a warning near the end, "overdue 12 min" after it. State is told by
 * text, icon and colour. A badge follows the application clock's minute
 * tick only while it is mapped, so an idle app with thousands of
 * conversations wakes once a minute and only visible badges do work. */
struct _DeskSlaBadge
{
  GtkWidget parent_instance;

  GtkImage *icon;
  GtkLabel *label;

  DeskStore *store;
  DeskClock *clock;
  DeskConversation *conversation;
  gboolean show_stopped;

  gulong tick_handler;
  DeskClock *ticking_clock; /* the clock tick_handler is connected to */
  DeskSlaTimer timer;
  DeskSlaState state;
};

G_DEFINE_FINAL_TYPE (DeskSlaBadge, desk_sla_badge, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLOCK,
  PROP_CONVERSATION,
  PROP_SHOW_STOPPED,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How many badges listen to a clock right now; tests compare it with the
 * number of mapped badges. */
static guint n_ticking;

static DeskClock *
get_clock (DeskSlaBadge *self)
{
  if (self->clock != NULL)
    return self->clock;
  if (self->store != NULL)
    return desk_store_get_clock (self->store);
  return NULL;
}

static void
set_state_class (DeskSlaBadge *self, DeskSlaState state)
{
  static const DeskSlaState all[] = {
    DESK_SLA_STATE_RUNNING, DESK_SLA_STATE_WARNING, DESK_SLA_STATE_BREACHED,
    DESK_SLA_STATE_PAUSED,  DESK_SLA_STATE_MET,     DESK_SLA_STATE_MISSED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (all[i] != state)
      gtk_widget_remove_css_class (GTK_WIDGET (self),
                                   desk_sla_badge_get_state_class (all[i]));
  if (state != DESK_SLA_STATE_NONE)
    gtk_widget_add_css_class (GTK_WIDGET (self),
                              desk_sla_badge_get_state_class (state));
}

static gboolean
is_running (DeskSlaState state)
{
  return state == DESK_SLA_STATE_RUNNING || state == DESK_SLA_STATE_WARNING
         || state == DESK_SLA_STATE_BREACHED;
}

static void
update (DeskSlaBadge *self)
{
  DeskSlaResult results[DESK_SLA_N_TIMERS];
  DeskClock *clock = get_clock (self);
  DeskSlaState state = DESK_SLA_STATE_NONE;
  DeskSlaTimer timer = DESK_SLA_TIMER_RESOLUTION;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *tooltip = NULL;

  if (self->store != NULL && self->conversation != NULL && clock != NULL)
    {
      gint64 now = desk_clock_get_now (clock);

      desk_store_evaluate_sla (self->store, self->conversation, now, results);
      timer = desk_sla_most_urgent (results);
      state = results[timer].state;
      /* Answered or closed conversations show nothing in a list; the
       * conversation header may still say the answer was in time. */
      if (!is_running (state) && !self->show_stopped)
        state = DESK_SLA_STATE_NONE;
      if (state != DESK_SLA_STATE_NONE)
        {
          g_autoptr (GDateTime) local = desk_clock_dup_now_local (clock);
          g_autofree char *due = NULL;

          text = desk_sla_describe (&results[timer]);
          accessible
              = desk_sla_badge_format_accessible (timer, &results[timer]);
          due = is_running (state)
                    ? desk_sla_badge_format_due (results[timer].due_at, local)
                    : NULL;
          tooltip = due != NULL ? g_strdup_printf ("%s, %s", accessible, due)
                                : g_strdup (accessible);
        }
    }

  gtk_label_set_text (self->label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->label), text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), text != NULL);
  if (state != DESK_SLA_STATE_NONE)
    gtk_image_set_from_icon_name (self->icon,
                                  desk_sla_badge_get_state_icon (state));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible != NULL ? accessible : "", -1);
  if (state != DESK_SLA_STATE_NONE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "sla-badge");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "sla-badge");
  set_state_class (self, state);

  self->timer = timer;
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
on_clock_minute_tick_cb (DeskSlaBadge *self, DeskClock *clock)
{
  update (self);
}

static void
stop_ticking (DeskSlaBadge *self)
{
  if (self->tick_handler == 0)
    return;

  g_clear_signal_handler (&self->tick_handler, self->ticking_clock);
  g_clear_object (&self->ticking_clock);
  n_ticking--;
}

static void
start_ticking (DeskSlaBadge *self)
{
  DeskClock *clock = get_clock (self);

  stop_ticking (self);
  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->ticking_clock = g_object_ref (clock);
  self->tick_handler = g_signal_connect_object (
      clock, "minute-tick", G_CALLBACK (on_clock_minute_tick_cb), self,
      G_CONNECT_SWAPPED);
  n_ticking++;
}

static void
desk_sla_badge_map (GtkWidget *widget)
{
  DeskSlaBadge *self = DESK_SLA_BADGE (widget);

  GTK_WIDGET_CLASS (desk_sla_badge_parent_class)->map (widget);
  start_ticking (self);
  /* Minutes may have passed while it was hidden. */
  update (self);
}

static void
desk_sla_badge_unmap (GtkWidget *widget)
{
  stop_ticking (DESK_SLA_BADGE (widget));
  GTK_WIDGET_CLASS (desk_sla_badge_parent_class)->unmap (widget);
}

static void
desk_sla_badge_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  DeskSlaBadge *self = DESK_SLA_BADGE (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_CLOCK:
        g_value_set_object (value, self->clock);
        break;

      case PROP_CONVERSATION:
        g_value_set_object (value, self->conversation);
        break;

      case PROP_SHOW_STOPPED:
        g_value_set_boolean (value, self->show_stopped);
        break;

      case PROP_STATE:
        g_value_set_int (value, self->state);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sla_badge_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  DeskSlaBadge *self = DESK_SLA_BADGE (object);

  switch (prop_id)
    {
      case PROP_STORE:
        desk_sla_badge_set_store (self, g_value_get_object (value));
        break;

      case PROP_CLOCK:
        desk_sla_badge_set_clock (self, g_value_get_object (value));
        break;

      case PROP_CONVERSATION:
        desk_sla_badge_set_conversation (self, g_value_get_object (value));
        break;

      case PROP_SHOW_STOPPED:
        desk_sla_badge_set_show_stopped (self, g_value_get_boolean (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sla_badge_dispose (GObject *object)
{
  DeskSlaBadge *self = DESK_SLA_BADGE (object);

  stop_ticking (self);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->conversation);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_SLA_BADGE);

  G_OBJECT_CLASS (desk_sla_badge_parent_class)->dispose (object);
}

static void
desk_sla_badge_class_init (DeskSlaBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_sla_badge_get_property;
  object_class->set_property = desk_sla_badge_set_property;
  object_class->dispose = desk_sla_badge_dispose;
  widget_class->map = desk_sla_badge_map;
  widget_class->unmap = desk_sla_badge_unmap;

  properties[PROP_STORE]
      = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE, flags);
  /* NULL: the store's clock. */
  properties[PROP_CLOCK]
      = g_param_spec_object ("clock", NULL, NULL, DESK_TYPE_CLOCK, flags);
  properties[PROP_CONVERSATION] = g_param_spec_object (
      "conversation", NULL, NULL, DESK_TYPE_CONVERSATION, flags);
  /* Whether a stopped timer ("met", "missed", "paused") is shown too. */
  properties[PROP_SHOW_STOPPED]
      = g_param_spec_boolean ("show-stopped", NULL, NULL, FALSE, flags);
  /* The DeskSlaState shown, DESK_SLA_STATE_NONE when nothing is. */
  properties[PROP_STATE] = g_param_spec_int (
      "state", NULL, NULL, DESK_SLA_STATE_NONE, DESK_SLA_STATE_MISSED,
      DESK_SLA_STATE_NONE,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-sla-badge.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskSlaBadge, icon);
  gtk_widget_class_bind_template_child (widget_class, DeskSlaBadge, label);
  gtk_widget_class_set_accessible_role (widget_class,
                                        GTK_ACCESSIBLE_ROLE_STATUS);
  gtk_widget_class_set_css_name (widget_class, "slabadge");
}

static void
desk_sla_badge_init (DeskSlaBadge *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
desk_sla_badge_new (DeskStore *store, DeskClock *clock)
{
  return g_object_new (DESK_TYPE_SLA_BADGE, "store", store, "clock", clock,
                       NULL);
}

DeskStore *
desk_sla_badge_get_store (DeskSlaBadge *self)
{
  g_return_val_if_fail (DESK_IS_SLA_BADGE (self), NULL);
  return self->store;
}

void
desk_sla_badge_set_store (DeskSlaBadge *self, DeskStore *store)
{
  g_return_if_fail (DESK_IS_SLA_BADGE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  start_ticking (self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

DeskClock *
desk_sla_badge_get_clock (DeskSlaBadge *self)
{
  g_return_val_if_fail (DESK_IS_SLA_BADGE (self), NULL);
  return self->clock;
}

void
desk_sla_badge_set_clock (DeskSlaBadge *self, DeskClock *clock)
{
  g_return_if_fail (DESK_IS_SLA_BADGE (self));
  g_return_if_fail (clock == NULL || DESK_IS_CLOCK (clock));

  if (!g_set_object (&self->clock, clock))
    return;

  start_ticking (self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

DeskConversation *
desk_sla_badge_get_conversation (DeskSlaBadge *self)
{
  g_return_val_if_fail (DESK_IS_SLA_BADGE (self), NULL);
  return self->conversation;
}

void
desk_sla_badge_set_conversation (DeskSlaBadge *self,
                                 DeskConversation *conversation)
{
  g_return_if_fail (DESK_IS_SLA_BADGE (self));
  g_return_if_fail (conversation == NULL
                    || DESK_IS_CONVERSATION (conversation));

  if (!g_set_object (&self->conversation, conversation))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

gboolean
desk_sla_badge_get_show_stopped (DeskSlaBadge *self)
{
  g_return_val_if_fail (DESK_IS_SLA_BADGE (self), FALSE);
  return self->show_stopped;
}

void
desk_sla_badge_set_show_stopped (DeskSlaBadge *self, gboolean show_stopped)
{
  g_return_if_fail (DESK_IS_SLA_BADGE (self));

  show_stopped = !!show_stopped;
  if (self->show_stopped == show_stopped)
    return;

  self->show_stopped = show_stopped;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_STOPPED]);
}

DeskSlaState
desk_sla_badge_get_state (DeskSlaBadge *self)
{
  g_return_val_if_fail (DESK_IS_SLA_BADGE (self), DESK_SLA_STATE_NONE);
  return self->state;
}

DeskSlaTimer
desk_sla_badge_get_timer (DeskSlaBadge *self)
{
  g_return_val_if_fail (DESK_IS_SLA_BADGE (self), DESK_SLA_TIMER_RESOLUTION);
  return self->timer;
}

/* The text shown, "" when the badge is empty. */
const char *
desk_sla_badge_get_text (DeskSlaBadge *self)
{
  g_return_val_if_fail (DESK_IS_SLA_BADGE (self), NULL);
  return gtk_label_get_text (self->label);
}

/* Whether the badge listens to the minute tick (it does while mapped). */
gboolean
desk_sla_badge_is_ticking (DeskSlaBadge *self)
{
  g_return_val_if_fail (DESK_IS_SLA_BADGE (self), FALSE);
  return self->tick_handler != 0;
}

guint
desk_sla_badge_count_ticking (void)
{
  return n_ticking;
}

const char *
desk_sla_badge_get_timer_name (DeskSlaTimer timer)
{
  switch (timer)
    {
      case DESK_SLA_TIMER_FIRST_RESPONSE:
        return _ ("First answer");
      case DESK_SLA_TIMER_NEXT_RESPONSE:
        return _ ("Next answer");
      case DESK_SLA_TIMER_RESOLUTION:
      case DESK_SLA_N_TIMERS:
      default:
        /* Translators: the timer that runs until a conversation is closed */
        return _ ("Resolution");
    }
}

const char *
desk_sla_badge_get_state_icon (DeskSlaState state)
{
  switch (state)
    {
      case DESK_SLA_STATE_RUNNING:
        return "preferences-system-time-symbolic";
      case DESK_SLA_STATE_WARNING:
        return "alarm-symbolic";
      case DESK_SLA_STATE_BREACHED:
      case DESK_SLA_STATE_MISSED:
        return "dialog-warning-symbolic";
      case DESK_SLA_STATE_PAUSED:
        return "media-playback-pause-symbolic";
      case DESK_SLA_STATE_MET:
        return "object-select-symbolic";
      case DESK_SLA_STATE_NONE:
      default:
        return NULL;
    }
}

const char *
desk_sla_badge_get_state_class (DeskSlaState state)
{
  switch (state)
    {
      case DESK_SLA_STATE_RUNNING:
        return "running";
      case DESK_SLA_STATE_WARNING:
        return "warning";
      case DESK_SLA_STATE_BREACHED:
        return "breached";
      case DESK_SLA_STATE_PAUSED:
        return "paused";
      case DESK_SLA_STATE_MET:
        return "met";
      case DESK_SLA_STATE_MISSED:
        return "missed";
      case DESK_SLA_STATE_NONE:
      default:
        return "none";
    }
}

/* "42 minutes", "3 hours 10 minutes", "2 days 4 hours": for screen
 * readers, which should not read out "min". */
static char *
format_duration_long (gint64 seconds)
{
  gint64 minutes = (ABS (seconds) + 59) / 60;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (days > 0)
    {
      first
          = g_strdup_printf (ngettext ("%d day", "%d days", days), (int) days);
      if (hours % 24 != 0)
        second = g_strdup_printf (ngettext ("%d hour", "%d hours", hours % 24),
                                  (int) (hours % 24));
    }
  else if (hours > 0)
    {
      first = g_strdup_printf (ngettext ("%d hour", "%d hours", hours),
                               (int) hours);
      if (minutes % 60 != 0)
        second = g_strdup_printf (
            ngettext ("%d minute", "%d minutes", minutes % 60),
            (int) (minutes % 60));
    }
  else
    {
      first = g_strdup_printf (ngettext ("%d minute", "%d minutes", minutes),
                               (int) minutes);
    }

  if (second == NULL)
    return g_steal_pointer (&first);
  /* Translators: two parts of a duration, e.g. "3 hours 10 minutes" */
  return g_strdup_printf (C_ ("duration", "%s %s"), first, second);
}

/* A sentence for screen readers and tooltips: "First answer due in 42
 * minutes". */
char *
desk_sla_badge_format_accessible (DeskSlaTimer timer,
                                  const DeskSlaResult *result)
{
  const char *name = desk_sla_badge_get_timer_name (timer);
  g_autofree char *duration = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  switch (result->state)
    {
      case DESK_SLA_STATE_RUNNING:
      case DESK_SLA_STATE_WARNING:
        duration = format_duration_long (result->left);
        /* Translators: "First answer due in 42 minutes" */
        return g_strdup_printf (_ ("%s due in %s"), name, duration);

      case DESK_SLA_STATE_BREACHED:
        duration = format_duration_long (result->left);
        /* Translators: "First answer overdue by 12 minutes" */
        return g_strdup_printf (_ ("%s overdue by %s"), name, duration);

      case DESK_SLA_STATE_PAUSED:
        /* Translators: "Next answer paused while waiting on the customer" */
        return g_strdup_printf (_ ("%s paused while waiting on the customer"),
                                name);

      case DESK_SLA_STATE_MET:
        /* Translators: "First answer in time" */
        return g_strdup_printf (_ ("%s in time"), name);

      case DESK_SLA_STATE_MISSED:
        /* Translators: "First answer late" */
        return g_strdup_printf (_ ("%s late"), name);

      case DESK_SLA_STATE_NONE:
      default:
        /* Translators: "Next answer: no deadline" */
        return g_strdup_printf (_ ("%s: no deadline"), name);
    }
}

/* The deadline as local time: "due 14:35" today, "due Tue 09:30" within a
 * week, "due 12 Dec 09:30" further away. */
char *
desk_sla_badge_format_due (gint64 due_at, GDateTime *now)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (due_at);
  g_autoptr (GDateTime) due = NULL;
  g_autofree char *when = NULL;
  GTimeSpan apart;

  g_return_val_if_fail (now != NULL, NULL);

  if (utc == NULL)
    return g_strdup ("");
  due = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));
  apart = g_date_time_difference (due, now);

  if (g_date_time_get_year (due) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (due) == g_date_time_get_day_of_year (now))
    /* Translators: a deadline today, in g_date_time_format() syntax */
    /* xgettext:no-c-format */
    when = g_date_time_format (due, C_ ("sla due", "%H:%M"));
  else if (ABS (apart) < 6 * G_TIME_SPAN_DAY)
    /* Translators: a deadline this week: weekday and time */
    /* xgettext:no-c-format */
    when = g_date_time_format (due, C_ ("sla due", "%a %H:%M"));
  else
    /* Translators: a deadline further away: day, month and time */
    /* xgettext:no-c-format */
    when = g_date_time_format (due, C_ ("sla due", "%e %b %H:%M"));

  /* Translators: %s is a time such as "14:35" or "Tue 09:30" */
  return g_strdup_printf (_ ("due %s"), g_strstrip (when));
}
