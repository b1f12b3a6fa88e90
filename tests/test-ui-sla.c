/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-test-ui-sla"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "core/desk-store-due.h"
#include "ui/desk-application.h"
#include "ui/desk-breach-notifier.h"
#include "ui/desk-conversation-view.h"
#include "ui/desk-inbox-row.h"
#include "ui/desk-sla-badge.h"
#include "ui/desk-window.h"
#include "ui/desk-workspace.h"
#include "ui-test-utils.h"

/* SLA countdown badges, the conversation header's answer times and the
 * deadline notifications, on the demo workspace with a fake clock so the
 * test moves time by hand. Skipped without a display. */

static DeskApplication *app;
static char *data_dir;
static char *workspace_dir;
static GSettings *settings;
static DeskClock *fake_clock;
static DeskStore *store;
static DeskWorkspace *workspace;

/* A notification server on the test's own session bus: it lets
 * GApplication deliver notifications and records their titles. */
static GPtrArray *delivered; /* char *summary */

static const char notifications_xml[]
    = "<node><interface name='org.freedesktop.Notifications'>"
      "<method name='Notify'>"
      "<arg type='s' direction='in'/><arg type='u' direction='in'/>"
      "<arg type='s' direction='in'/><arg type='s' direction='in'/>"
      "<arg type='s' direction='in'/><arg type='as' direction='in'/>"
      "<arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
      "<arg type='u' direction='out'/></method>"
      "<method name='CloseNotification'><arg type='u' direction='in'/>"
      "</method>"
      "<method name='GetCapabilities'><arg type='as' direction='out'/>"
      "</method>"
      "</interface></node>";

static void
on_notifications_call_cb (GDBusConnection *connection,
                          const char *sender,
                          const char *object_path,
                          const char *interface_name,
                          const char *method_name,
                          GVariant *parameters,
                          GDBusMethodInvocation *invocation,
                          gpointer user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_ptr_array_add (delivered, g_strdup (summary));
      g_dbus_method_invocation_return_value (
          invocation, g_variant_new ("(u)", delivered->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", caps));
    }
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean name_owned;

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char *name,
                     gpointer user_data)
{
  name_owned = TRUE;
}

static gboolean
is_name_owned (gpointer data)
{
  return name_owned;
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call_cb };
  g_autoptr (GDBusNodeInfo) info = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;

  delivered = g_ptr_array_new_with_free_func (g_free);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE,
                                on_name_acquired_cb, NULL, NULL, NULL);
  g_assert_true (spin_until (is_name_owned, NULL, 5000));
}

static DeskWindow *
open_window (int width, int height)
{
  DeskWindow *window
      = desk_window_new (GTK_APPLICATION (app), store, fake_clock, settings,
                         desk_workspace_get_sync_service (workspace),
                         desk_workspace_get_channels (workspace));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 2);
  return window;
}

static void
close_window (DeskWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
  g_assert_null (weak);
}

static gboolean
has_inbox (gpointer data)
{
  DeskInboxModel *model = desk_window_get_inbox_model (data);
  return g_list_model_get_n_items (G_LIST_MODEL (model)) >= 60;
}

static DeskSlaResult evaluate (DeskConversation *conversation,
                               DeskSlaTimer *timer);

/* Sorted by urgency the demo's overdue conversations come first; the
 * list is scrolled to where they end, so overdue, near-deadline and
 * fresh conversations are all on screen. */
static DeskWindow *
open_window_with_inbox (int width, int height)
{
  DeskWindow *window = open_window (width, height);
  GListModel *model;
  GtkWidget *list;
  guint first_running = G_MAXUINT;

  desk_window_set_view (window, "all");
  desk_window_set_sort (window, "urgent");
  g_assert_true (spin_until (has_inbox, window, 20000));

  model = G_LIST_MODEL (desk_window_get_inbox_model (window));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (DeskConversation) c = g_list_model_get_item (model, i);

      if (evaluate (c, NULL).state == DESK_SLA_STATE_RUNNING)
        {
          first_running = i;
          break;
        }
    }
  g_assert_cmpuint (first_running, !=, G_MAXUINT);

  list = gtk_widget_get_ancestor (
      find_widget (GTK_WIDGET (window), DESK_TYPE_INBOX_ROW),
      GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  gtk_widget_activate_action (
      list, "list.scroll-to-item", "u",
      MIN (first_running + 1, g_list_model_get_n_items (model) - 1));
  wait_frames (GTK_WIDGET (window), 3);
  return window;
}

/* The badges of the inbox rows the list view made, mapped or not. */
static GPtrArray *
collect_row_badges (DeskWindow *window)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  GPtrArray *badges = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), DESK_TYPE_INBOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (badges, desk_inbox_row_get_badge (rows->pdata[i]));
  return badges;
}

static DeskSlaBadge *
find_row_badge (DeskWindow *window, gint64 conversation_id)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), DESK_TYPE_INBOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DeskConversation *c = desk_inbox_row_get_conversation (rows->pdata[i]);

      if (c != NULL && desk_conversation_get_id (c) == conversation_id
          && gtk_widget_get_mapped (rows->pdata[i]))
        return desk_inbox_row_get_badge (rows->pdata[i]);
    }
  return NULL;
}

/* The most urgent timer of @conversation as the store sees it now. */
static DeskSlaResult
evaluate (DeskConversation *conversation, DeskSlaTimer *timer)
{
  DeskSlaResult results[DESK_SLA_N_TIMERS];
  DeskSlaTimer t;

  desk_store_evaluate_sla (store, conversation, desk_clock_get_now (fake_clock),
                           results);
  t = desk_sla_most_urgent (results);
  if (timer != NULL)
    *timer = t;
  return results[t];
}

/* A mapped row badge in @state, preferring a given minimum time left. */
static DeskSlaBadge *
find_badge_in_state (DeskWindow *window, DeskSlaState state, gint64 min_left)
{
  g_autoptr (GPtrArray) badges = collect_row_badges (window);

  for (guint i = 0; i < badges->len; i++)
    {
      DeskSlaBadge *badge = badges->pdata[i];
      DeskConversation *c = desk_sla_badge_get_conversation (badge);

      if (c != NULL && gtk_widget_get_mapped (GTK_WIDGET (badge))
          && desk_sla_badge_get_state (badge) == state
          && evaluate (c, NULL).left >= min_left)
        return badge;
    }
  return NULL;
}

static int
minutes_in (const char *text)
{
  const char *p = text;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  return atoi (p);
}

/* Pure helpers */

static void
test_helpers (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  /* A Monday */
  g_autoptr (GDateTime) now = g_date_time_new (utc, 2026, 3, 9, 12, 0, 0);
  gint64 t = g_date_time_to_unix (now);
  g_autofree char *today = desk_sla_badge_format_due (t + 155 * 60, now);
  g_autofree char *tuesday
      = desk_sla_badge_format_due (t + 21 * 3600 + 1800, now);
  DeskSlaResult running = { DESK_SLA_STATE_RUNNING, t + 42 * 60, 42 * 60, 0 };
  DeskSlaResult late = { DESK_SLA_STATE_BREACHED, t - 12 * 60, -12 * 60, 0 };
  DeskSlaResult long_left
      = { DESK_SLA_STATE_WARNING, t + 190 * 60, 190 * 60, 0 };
  g_autofree char *a11y_running = desk_sla_badge_format_accessible (
      DESK_SLA_TIMER_FIRST_RESPONSE, &running);
  g_autofree char *a11y_late
      = desk_sla_badge_format_accessible (DESK_SLA_TIMER_NEXT_RESPONSE, &late);
  g_autofree char *a11y_long = desk_sla_badge_format_accessible (
      DESK_SLA_TIMER_RESOLUTION, &long_left);
  g_autofree char *badge_running = desk_sla_describe (&running);
  g_autofree char *badge_late = desk_sla_describe (&late);

  g_assert_cmpstr (today, ==, "due 14:35");
  g_assert_cmpstr (tuesday, ==, "due Tue 09:30");
  g_assert_cmpstr (a11y_running, ==, "First answer due in 42 minutes");
  g_assert_cmpstr (a11y_late, ==, "Next answer overdue by 12 minutes");
  g_assert_cmpstr (a11y_long, ==, "Resolution due in 3 hours 10 minutes");
  g_assert_cmpstr (badge_running, ==, "42 min left");
  g_assert_cmpstr (badge_late, ==, "overdue 12 min");

  /* Warned within the warning time, and briefly after the deadline; not
   * about paused or stopped timers, nor when warnings are off. */
  g_assert_true (desk_breach_notifier_should_notify (DESK_SLA_STATE_WARNING,
                                                     12 * 60, 15 * 60));
  g_assert_false (desk_breach_notifier_should_notify (DESK_SLA_STATE_RUNNING,
                                                      40 * 60, 15 * 60));
  g_assert_true (desk_breach_notifier_should_notify (DESK_SLA_STATE_BREACHED,
                                                     -60, 15 * 60));
  g_assert_false (desk_breach_notifier_should_notify (DESK_SLA_STATE_BREACHED,
                                                      -3 * 3600, 15 * 60));
  g_assert_false (
      desk_breach_notifier_should_notify (DESK_SLA_STATE_PAUSED, 60, 15 * 60));
  g_assert_false (
      desk_breach_notifier_should_notify (DESK_SLA_STATE_WARNING, 60, 0));
  g_assert_true (desk_breach_notifier_is_mine (NULL, "Lea Becker"));
  g_assert_true (desk_breach_notifier_is_mine ("Lea Becker", "Lea Becker"));
  g_assert_false (desk_breach_notifier_is_mine ("Jonas", "Lea Becker"));
}

/* Rows show the running, warning and overdue demo conversations as the
 * store evaluates them, by text, icon, style and accessible label. */
static void
test_badges (void)
{
  DeskWindow *window = open_window_with_inbox (1280, 800);
  g_autoptr (GPtrArray) badges = collect_row_badges (window);
  guint n_states[DESK_SLA_STATE_MISSED + 1] = { 0 };
  guint n_mapped = 0;

  g_assert_cmpuint (badges->len, >, 0);
  for (guint i = 0; i < badges->len; i++)
    {
      DeskSlaBadge *badge = badges->pdata[i];
      DeskConversation *c = desk_sla_badge_get_conversation (badge);
      DeskSlaTimer timer;
      DeskSlaResult result;
      g_autofree char *expected = NULL;
      const char *tooltip;
      DeskSlaState state;

      if (c == NULL || !gtk_widget_get_mapped (GTK_WIDGET (badge)))
        continue;
      n_mapped++;
      result = evaluate (c, &timer);
      state = desk_sla_badge_get_state (badge);
      if (result.state == DESK_SLA_STATE_RUNNING
          || result.state == DESK_SLA_STATE_WARNING
          || result.state == DESK_SLA_STATE_BREACHED)
        {
          expected = desk_sla_describe (&result);
          g_assert_cmpint (state, ==, result.state);
          g_assert_cmpstr (desk_sla_badge_get_text (badge), ==, expected);
          g_assert_true (gtk_widget_has_css_class (
              GTK_WIDGET (badge), desk_sla_badge_get_state_class (state)));
          /* The accessible label is also the tooltip's first part. */
          tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (badge));
          g_assert_nonnull (tooltip);
          g_assert_true (g_str_has_prefix (
              tooltip, desk_sla_badge_get_timer_name (timer)));
          n_states[state]++;
        }
      else
        {
          /* Answered or closed: nothing in the list. */
          g_assert_cmpint (state, ==, DESK_SLA_STATE_NONE);
          g_assert_cmpstr (desk_sla_badge_get_text (badge), ==, "");
        }
    }

  g_test_message ("mapped badges: %u running %u warning %u breached %u",
                  n_mapped, n_states[DESK_SLA_STATE_RUNNING],
                  n_states[DESK_SLA_STATE_WARNING],
                  n_states[DESK_SLA_STATE_BREACHED]);
  g_assert_cmpuint (n_states[DESK_SLA_STATE_RUNNING], >, 0);
  g_assert_cmpuint (n_states[DESK_SLA_STATE_WARNING], >, 0);
  g_assert_cmpuint (n_states[DESK_SLA_STATE_BREACHED], >, 0);

  /* Only mapped badges listen to the clock: one handler each, no timers
   * of their own. */
  g_assert_cmpuint (desk_sla_badge_count_ticking (), ==, n_mapped);
  for (guint i = 0; i < badges->len; i++)
    g_assert_cmpint (desk_sla_badge_is_ticking (badges->pdata[i]), ==,
                     gtk_widget_get_mapped (GTK_WIDGET (badges->pdata[i])));

  save_screenshot (GTK_WIDGET (window), "sla-inbox");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (window), "sla-inbox-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_set_default_size (GTK_WINDOW (window), 420, 760);
  wait_frames (GTK_WIDGET (window), 5);
  save_screenshot (GTK_WIDGET (window), "sla-inbox-narrow");

  close_window (window);
  g_assert_cmpuint (desk_sla_badge_count_ticking (), ==, 0);
}

/* The visible text follows the minute tick: once a minute, never in
 * between, and turns to "overdue" past the deadline. */
static void
test_countdown (void)
{
  DeskWindow *window = open_window_with_inbox (1280, 800);
  DeskSlaBadge *badge
      = find_badge_in_state (window, DESK_SLA_STATE_WARNING, 3 * 60);
  g_autofree char *before = NULL;
  const char *accessible;
  gint64 id, left;
  int minutes;

  g_assert_nonnull (badge);
  id = desk_conversation_get_id (desk_sla_badge_get_conversation (badge));
  before = g_strdup (desk_sla_badge_get_text (badge));
  g_assert_true (g_str_has_suffix (before, " min left"));
  minutes = minutes_in (before);
  g_assert_cmpint (minutes, >=, 3);

  /* The fake clock stands on a whole minute; half a minute is no tick. */
  desk_clock_advance (fake_clock, 30);
  badge = find_row_badge (window, id);
  g_assert_cmpstr (desk_sla_badge_get_text (badge), ==, before);

  desk_clock_advance (fake_clock, 30);
  badge = find_row_badge (window, id);
  g_assert_nonnull (badge);
  {
    g_autofree char *expected = g_strdup_printf ("%d min left", minutes - 1);
    g_assert_cmpstr (desk_sla_badge_get_text (badge), ==, expected);
  }

  /* Past the deadline it counts up. */
  left = evaluate (desk_sla_badge_get_conversation (badge), NULL).left;
  desk_clock_advance (fake_clock, (left / 60 + 2) * 60);
  badge = find_row_badge (window, id);
  g_assert_nonnull (badge);
  g_assert_cmpint (desk_sla_badge_get_state (badge), ==,
                   DESK_SLA_STATE_BREACHED);
  g_assert_true (
      g_str_has_prefix (desk_sla_badge_get_text (badge), "overdue "));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (badge), "breached"));
  accessible = gtk_widget_get_tooltip_text (GTK_WIDGET (badge));
  g_assert_nonnull (strstr (accessible, "overdue by"));

  close_window (window);
}

/* The conversation header lists all three timers with their due times. */
static void
test_header_popover (void)
{
  DeskWindow *window = open_window_with_inbox (1280, 800);
  DeskSlaBadge *row_badge
      = find_badge_in_state (window, DESK_SLA_STATE_WARNING, 60);
  DeskConversationView *view;
  GtkMenuButton *button;
  GtkPopover *popover;
  DeskSlaBadge *header_badge;
  g_autofree char *row_text = NULL;
  gint64 id;

  g_assert_nonnull (row_badge);
  id = desk_conversation_get_id (desk_sla_badge_get_conversation (row_badge));
  /* Selecting marks it read, which may rebind the row. */
  row_text = g_strdup (desk_sla_badge_get_text (row_badge));
  g_assert_true (desk_window_select_conversation (window, id));
  wait_frames (GTK_WIDGET (window), 3);

  view = DESK_CONVERSATION_VIEW (
      find_widget (GTK_WIDGET (window), DESK_TYPE_CONVERSATION_VIEW));
  button = desk_conversation_view_get_sla_button (view);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (button)));
  header_badge
      = DESK_SLA_BADGE (find_widget (GTK_WIDGET (button), DESK_TYPE_SLA_BADGE));
  g_assert_cmpstr (desk_sla_badge_get_text (header_badge), ==, row_text);
  g_assert_nonnull (find_label (
      GTK_WIDGET (button),
      desk_sla_badge_get_timer_name (desk_sla_badge_get_timer (header_badge)),
      FALSE));

  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  wait_frames (GTK_WIDGET (window), 5);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  g_assert_nonnull (find_label (GTK_WIDGET (popover), "First answer", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (popover), "Next answer", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (popover), "Resolution", FALSE));
  /* The warning timer's due time, and the resolution's, as local times. */
  g_assert_nonnull (find_label (GTK_WIDGET (popover), "due ", TRUE));
  g_assert_nonnull (find_label (GTK_WIDGET (popover), " min left", TRUE));

  save_screenshot (GTK_WIDGET (window), "sla-header");
  save_screenshot (GTK_WIDGET (popover), "sla-popover");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (popover), "sla-popover-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  gtk_popover_popdown (popover);
  wait_frames (GTK_WIDGET (window), 2);
  close_window (window);
}

static void
on_notified_cb (DeskBreachNotifier *notifier,
                gint64 conversation_id,
                int timer,
                const char *title,
                const char *body,
                GHashTable *seen)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, &conversation_id));
  gint64 *key = g_new (gint64, 1);

  *key = conversation_id;
  g_hash_table_replace (seen, key, GUINT_TO_POINTER (n + 1));
  g_assert_true (g_str_has_prefix (title, "Answer "));
  g_assert_nonnull (body);
}

static guint wait_for_delivered;

static gboolean
has_delivered (gpointer data)
{
  return delivered->len >= wait_for_delivered;
}

/* One notification per conversation and deadline, only about the agent's
 * own or unassigned conversations due within the warning time. */
static void
test_notifier (void)
{
  g_autoptr (DeskBreachNotifier) notifier = desk_breach_notifier_new (
      store, fake_clock, settings, G_APPLICATION (app));
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) due = NULL;
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 now = desk_clock_get_now (fake_clock);
  guint n_first, n_delivered, n_expected = 0;

  g_signal_connect (notifier, "notified", G_CALLBACK (on_notified_cb), seen);
  g_settings_set_int (settings, "breach-warning-minutes", 15);

  /* What the decision should pick, worked out independently. */
  due = desk_store_query_due_conversation_ids (store, now - 15 * 60,
                                               now + 15 * 60, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      g_autoptr (DeskConversation) c = desk_store_load_conversation (
          store, g_array_index (due, gint64, i), NULL);
      DeskSlaResult r = evaluate (c, NULL);
      const char *assignee = desk_conversation_get_assignee (c);

      g_assert_cmpint (desk_conversation_get_due_at (c), >=, now - 15 * 60);
      g_assert_cmpint (desk_conversation_get_due_at (c), <=, now + 15 * 60);
      if ((assignee == NULL || g_str_equal (assignee, "Lea Becker"))
          && desk_breach_notifier_should_notify (r.state, r.left, 15 * 60))
        n_expected++;
    }
  g_test_message ("due soon: %u, to notify: %u", due->len, n_expected);

  n_delivered = delivered->len;
  n_first = desk_breach_notifier_check (notifier);
  g_assert_cmpuint (n_first, ==, n_expected);
  g_assert_cmpuint (n_first, >, 0);
  g_assert_cmpuint (g_hash_table_size (seen), ==, n_first);
  /* They reach the desktop's notification server. */
  wait_for_delivered = n_delivered + n_first;
  g_assert_true (spin_until (has_delivered, NULL, 5000));
  g_assert_true (g_str_has_prefix (delivered->pdata[n_delivered], "Answer "));
  g_assert_nonnull (
      g_action_map_lookup_action (G_ACTION_MAP (app), "open-conversation"));

  /* Checking again, or a minute later, repeats nothing already sent. */
  g_assert_cmpuint (desk_breach_notifier_check (notifier), ==, 0);
  desk_clock_advance (fake_clock, 60);
  spin_for (20);
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 1);

  /* Off means off. */
  g_settings_set_int (settings, "breach-warning-minutes", 0);
  desk_clock_advance (fake_clock, 10 * 60);
  g_assert_cmpuint (desk_breach_notifier_check (notifier), ==, 0);
  g_settings_reset (settings, "breach-warning-minutes");
}

static void
test_open_action (void)
{
  DeskWindow *window = open_window_with_inbox (1280, 800);
  g_autoptr (GPtrArray) badges = collect_row_badges (window);
  gint64 id = 0;

  /* Created by the window's notifier at the first notification, or by
   * the application itself. */
  if (g_action_map_lookup_action (G_ACTION_MAP (app), "open-conversation")
      == NULL)
    {
      g_test_skip ("no open-conversation action installed yet");
      close_window (window);
      return;
    }

  for (guint i = 0; i < badges->len && id == 0; i++)
    if (desk_sla_badge_get_conversation (badges->pdata[i]) != NULL
        && gtk_widget_get_mapped (badges->pdata[i]))
      id = desk_conversation_get_id (
          desk_sla_badge_get_conversation (badges->pdata[i]));
  g_assert_cmpint (id, !=, 0);

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-conversation",
                                  g_variant_new_int64 (id));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (desk_window_get_conversation (window));
  g_assert_cmpint (
      desk_conversation_get_id (desk_window_get_conversation (window)), ==, id);
  close_window (window);
}

static void
set_up_workspace (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  /* On a whole minute, so the test knows when a tick comes. */
  gint64 now = g_get_real_time () / G_USEC_PER_SEC / 60 * 60;

  workspace_dir = g_dir_make_tmp ("socialdesk-test-ui-sla-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (workspace_dir, "socialdesk.db", NULL);

  settings = g_settings_new (BASE_APP_ID);
  g_settings_set_string (settings, "agent-name", "Lea Becker");
  fake_clock = desk_clock_new_fake (now);
  store = desk_store_open (path, fake_clock, &error);
  g_assert_no_error (error);

  workspace = desk_workspace_new (store);
  g_assert_true (desk_workspace_add_demo_accounts (workspace, &error));
  g_assert_no_error (error);
  g_assert_true (desk_workspace_start (workspace, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  int status;

  data_dir = g_dir_make_tmp ("socialdesk-test-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  /* The assertions compare English strings and 24-hour times. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      remove_tree (data_dir);
      return 0;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                NULL);

  app = desk_application_new (BASE_APP_ID ".TestSla", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  start_notification_server ();
  set_up_workspace ();

  g_test_add_func ("/ui-sla/helpers", test_helpers);
  g_test_add_func ("/ui-sla/badges", test_badges);
  g_test_add_func ("/ui-sla/countdown", test_countdown);
  g_test_add_func ("/ui-sla/header-popover", test_header_popover);
  g_test_add_func ("/ui-sla/notifier", test_notifier);
  g_test_add_func ("/ui-sla/open-action", test_open_action);

  status = g_test_run ();

  g_clear_object (&workspace);
  g_clear_object (&store);
  g_clear_object (&fake_clock);
  g_clear_object (&settings);
  g_clear_object (&app);
  g_clear_pointer (&delivered, g_ptr_array_unref);
  remove_tree (workspace_dir);
  remove_tree (data_dir);
  g_free (workspace_dir);
  g_free (data_dir);
  return status;
}
