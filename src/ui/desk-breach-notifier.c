/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-breach-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "core/desk-store-due.h"
#include "desk-breach-notifier.h"
#include "desk-window.h"

/* Warns the agent with a desktop notification before an answer is due, so
 * a deadline is not missed while the window is hidden. On each minute tick
 * it asks the store for the open conversations whose nearest deadline is
 * within "breach-warning-minutes" (an indexed query, not a scan of every
 * conversation) and notifies once per conversation and deadline about
 * those assigned to the agent or to nobody. */
struct _DeskBreachNotifier
{
  GObject parent_instance;

  DeskStore *store;
  DeskClock *clock;
  GSettings *settings;
  GApplication *application; /* weak; NULL: the default application */

  /* "<conversation>:<timer>:<due_at>" of every notification sent */
  GHashTable *sent;
};

G_DEFINE_FINAL_TYPE (DeskBreachNotifier, desk_breach_notifier, G_TYPE_OBJECT)

enum
{
  NOTIFIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_agent_name (DeskBreachNotifier *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "agent-name");

  if (*g_strstrip (name) == '\0')
    return g_strdup (g_get_real_name ());
  return g_steal_pointer (&name);
}

static void
on_open_conversation_activate_cb (GSimpleAction *action,
                                  GVariant *parameter,
                                  gpointer user_data)
{
  GtkApplication *application = user_data;
  gint64 id = g_variant_get_int64 (parameter);
  GList *windows = gtk_application_get_windows (application);

  /* The window the agent used last comes first. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (DESK_IS_WINDOW (l->data))
      {
        desk_window_select_conversation (l->data, id);
        gtk_window_present (l->data);
        return;
      }
}

/* The notifications' default action; installed here unless the
 * application already has one. */
static void
ensure_open_action (GApplication *application)
{
  g_autoptr (GSimpleAction) action = NULL;

  if (!GTK_IS_APPLICATION (application)
      || g_action_map_lookup_action (G_ACTION_MAP (application),
                                     "open-conversation")
             != NULL)
    return;

  action = g_simple_action_new ("open-conversation", G_VARIANT_TYPE_INT64);
  g_signal_connect (action, "activate",
                    G_CALLBACK (on_open_conversation_activate_cb), application);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (action));
}

/* Whether anything can show a notification. Without a notification
 * server GApplication would only log a warning for each one (as on a
 * headless test bus). Inside Flatpak the portal delivers them, and the
 * names below are not visible. */
static gboolean
can_notify (GApplication *application)
{
  static const char *const names[]
      = { "org.gtk.Notifications", "org.freedesktop.Notifications" };
  GDBusConnection *bus = g_application_get_dbus_connection (application);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return TRUE;
  if (bus == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (
          bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
          "org.freedesktop.DBus", "NameHasOwner",
          g_variant_new ("(s)", names[i]), G_VARIANT_TYPE ("(b)"),
          G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return TRUE;
    }
  return FALSE;
}

static void
send (DeskBreachNotifier *self,
      DeskConversation *conversation,
      DeskSlaTimer timer,
      const DeskSlaResult *result,
      const char *key)
{
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = g_strconcat ("sla-", key, NULL);
  gint64 conversation_id = desk_conversation_get_id (conversation);
  const char *name = desk_conversation_get_customer_name (conversation);
  GApplication *application;

  if (name == NULL || *name == '\0')
    name = desk_conversation_get_customer_handle (conversation);
  /* Plain text: notification bodies are not markup for GNotification. */
  customer = g_strdup (name != NULL ? name : "");

  duration = desk_sla_format_left (result->left);
  if (result->state == DESK_SLA_STATE_BREACHED)
    /* Translators: a notification; %s is a duration such as "12 min" */
    title = g_strdup_printf (_ ("Answer overdue by %s"), duration);
  else
    /* Translators: a notification; %s is a duration such as "12 min" */
    title = g_strdup_printf (_ ("Answer due in %s"), duration);

  notification = g_notification_new (title);
  g_notification_set_body (notification, customer);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target_value (
      notification, "app.open-conversation",
      g_variant_new_int64 (conversation_id));

  /* A window is constructed before it joins the application, so the
   * notifier may only learn about the application now. */
  application = self->application != NULL ? self->application
                                          : g_application_get_default ();
  if (application != NULL && g_application_get_is_registered (application)
      && can_notify (application))
    {
      ensure_open_action (application);
      g_application_send_notification (application, id, notification);
    }

  g_signal_emit (self, signals[NOTIFIED], 0, conversation_id, (int) timer,
                 title, customer);
}

static void
on_clock_minute_tick_cb (DeskBreachNotifier *self, DeskClock *clock)
{
  desk_breach_notifier_check (self);
}

static void
desk_breach_notifier_dispose (GObject *object)
{
  DeskBreachNotifier *self = DESK_BREACH_NOTIFIER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (desk_breach_notifier_parent_class)->dispose (object);
}

static void
desk_breach_notifier_finalize (GObject *object)
{
  DeskBreachNotifier *self = DESK_BREACH_NOTIFIER (object);

  g_clear_pointer (&self->sent, g_hash_table_unref);

  G_OBJECT_CLASS (desk_breach_notifier_parent_class)->finalize (object);
}

static void
desk_breach_notifier_class_init (DeskBreachNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_breach_notifier_dispose;
  object_class->finalize = desk_breach_notifier_finalize;

  /* Emitted for every notification sent, with the conversation id, the
   * DeskSlaTimer, the title and the body. */
  signals[NOTIFIED]
      = g_signal_new ("notified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                      0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_INT64,
                      G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING);
}

static void
desk_breach_notifier_init (DeskBreachNotifier *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

DeskBreachNotifier *
desk_breach_notifier_new (DeskStore *store,
                          DeskClock *clock,
                          GSettings *settings,
                          GApplication *application)
{
  DeskBreachNotifier *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (DESK_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application),
                        NULL);

  self = g_object_new (DESK_TYPE_BREACH_NOTIFIER, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  self->settings = g_object_ref (settings);
  g_set_weak_pointer (&self->application, application);

  g_signal_connect_object (clock, "minute-tick",
                           G_CALLBACK (on_clock_minute_tick_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/* Whether a timer in @state with @left seconds to go deserves a warning:
 * running and within the warning time, or overdue by less than it. */
gboolean
desk_breach_notifier_should_notify (DeskSlaState state,
                                    gint64 left,
                                    gint64 warning_seconds)
{
  if (warning_seconds <= 0)
    return FALSE;

  switch (state)
    {
      case DESK_SLA_STATE_RUNNING:
      case DESK_SLA_STATE_WARNING:
        return left <= warning_seconds;
      case DESK_SLA_STATE_BREACHED:
        /* Long-overdue conversations are in the inbox already; warning
         * about all of them at start-up would bury the fresh ones. */
        return left >= -warning_seconds;
      default:
        return FALSE;
    }
}

/* The agent is warned about their own conversations and about those
 * nobody has taken yet, not about a teammate's. */
gboolean
desk_breach_notifier_is_mine (const char *assignee, const char *me)
{
  if (assignee == NULL || *assignee == '\0')
    return TRUE;
  return g_strcmp0 (assignee, me) == 0;
}

/* Sends what is due now; returns the number of notifications sent. Runs on
 * every minute tick. */
guint
desk_breach_notifier_check (DeskBreachNotifier *self)
{
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *me = NULL;
  gint64 now, warning_seconds;
  guint n_sent = 0;

  g_return_val_if_fail (DESK_IS_BREACH_NOTIFIER (self), 0);

  warning_seconds
      = (gint64) g_settings_get_int (self->settings, "breach-warning-minutes")
        * 60;
  if (warning_seconds <= 0)
    return 0;

  now = desk_clock_get_now (self->clock);
  ids = desk_store_query_due_conversation_ids (
      self->store, now - warning_seconds, now + warning_seconds, &error);
  if (ids == NULL)
    {
      g_warning ("Could not look for answer deadlines: %s", error->message);
      return 0;
    }

  me = dup_agent_name (self);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr (DeskConversation) conversation = NULL;
      g_autoptr (GError) load_error = NULL;
      g_autofree char *key = NULL;
      DeskSlaResult results[DESK_SLA_N_TIMERS];
      DeskSlaTimer timer;

      conversation
          = desk_store_load_conversation (self->store, id, &load_error);
      if (conversation == NULL)
        continue;
      if (desk_conversation_get_status (conversation) != DESK_STATUS_OPEN
          || !desk_breach_notifier_is_mine (
              desk_conversation_get_assignee (conversation), me))
        continue;

      desk_store_evaluate_sla (self->store, conversation, now, results);
      timer = desk_sla_most_urgent (results);
      if (!desk_breach_notifier_should_notify (
              results[timer].state, results[timer].left, warning_seconds))
        continue;

      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%d:%" G_GINT64_FORMAT, id,
                             (int) timer, results[timer].due_at);
      if (g_hash_table_contains (self->sent, key))
        continue;

      send (self, conversation, timer, &results[timer], key);
      g_hash_table_add (self->sent, g_steal_pointer (&key));
      n_sent++;
    }

  return n_sent;
}
