/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "core/desk-store-customers.h"
#include "core/desk-store-snooze.h"
#include "desk-tag-popover.h"
#include "desk-text.h"
#include "desk-window-private.h"

/* The window's commands, with their keys. None uses Alt+letter or
 * Ctrl+Alt: on German keyboards those are AltGr, which types @, € and
 * braces. */

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->inbox_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_sidebar_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_pane);
}

static void
show_inbox_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->inbox_pane);
}

static void
move_selection (DeskWindow *self, int delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint pos
      = self->conversation != NULL ? desk_inbox_model_find (
            self->inbox_model, desk_conversation_get_id (self->conversation))
                                   : G_MAXUINT;
  guint target;

  if (n == 0)
    return;

  if (pos == G_MAXUINT)
    target = delta > 0 ? 0 : n - 1;
  else if (delta > 0)
    target = pos + 1 < n ? pos + 1 : pos;
  else
    target = pos > 0 ? pos - 1 : 0;

  if (target == pos)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection),
                                   target, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->inbox_list),
                              "list.scroll-to-item", "u", target);
}

static void
next_conversation_action (GtkWidget *widget,
                          const char *action_name,
                          GVariant *param)
{
  move_selection (DESK_WINDOW (widget), 1);
}

static void
previous_conversation_action (GtkWidget *widget,
                              const char *action_name,
                              GVariant *param)
{
  move_selection (DESK_WINDOW (widget), -1);
}

static void
toggle_customer_pane_action (GtkWidget *widget,
                             const char *action_name,
                             GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* Escape steps back out: from the composer to the list, out of the
 * search, and from the thread to the inbox on a narrow window. */
static void
escape_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);

  if (desk_composer_has_focus (self->composer))
    {
      desk_composer_save_draft (self->composer);
      gtk_widget_grab_focus (GTK_WIDGET (self->inbox_list));
      return;
    }

  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      return;
    }

  if (adw_leaflet_get_folded (self->leaflet)
      && adw_leaflet_get_visible_child (self->leaflet) == self->content_pane)
    adw_leaflet_set_visible_child (self->leaflet, self->inbox_pane);
}

/* The conversations a command acts on: every selected one when several
 * are selected, else the open one. */
GArray *
_desk_window_dup_target_ids (DeskWindow *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (
      GTK_SELECTION_MODEL (self->selection));

  if (gtk_bitset_get_size (selected) >= 2)
    {
      GtkBitsetIter iter;
      guint pos;

      for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &pos); ok;
           ok = gtk_bitset_iter_next (&iter, &pos))
        {
          g_autoptr (DeskConversation) c
              = g_list_model_get_item (G_LIST_MODEL (self->selection), pos);
          gint64 id;

          if (c == NULL)
            continue;
          id = desk_conversation_get_id (c);
          g_array_append_val (ids, id);
        }
    }
  else if (self->conversation != NULL)
    {
      gint64 id = desk_conversation_get_id (self->conversation);
      g_array_append_val (ids, id);
    }
  return ids;
}

typedef gboolean (*ApplyFunc) (DeskWindow *self,
                               gint64 id,
                               gconstpointer data,
                               GError **error);

/* Applies one store action to each target; the first error is shown and
 * the rest still run, so one deleted conversation does not block the
 * others. */
static guint
apply_to_targets (DeskWindow *self, ApplyFunc func, gconstpointer data)
{
  g_autoptr (GArray) ids = _desk_window_dup_target_ids (self);
  g_autoptr (GError) first_error = NULL;
  guint n_done = 0;

  if (ids->len == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return 0;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) error = NULL;

      if (func (self, g_array_index (ids, gint64, i), data, &error))
        n_done++;
      else if (first_error == NULL)
        first_error = g_steal_pointer (&error);
    }

  if (first_error != NULL)
    desk_window_show_toast (self, first_error->message);
  return n_done;
}

static gboolean
apply_assignee (DeskWindow *self, gint64 id, gconstpointer data, GError **error)
{
  g_autofree char *me = _desk_window_dup_agent_name (self);

  return desk_store_set_assignee (self->store, id, data, me, error);
}

static gboolean
apply_status (DeskWindow *self, gint64 id, gconstpointer data, GError **error)
{
  g_autofree char *me = _desk_window_dup_agent_name (self);

  return desk_store_set_status (self->store, id, GPOINTER_TO_INT (data), me,
                                error);
}

static gboolean
apply_snooze (DeskWindow *self, gint64 id, gconstpointer data, GError **error)
{
  g_autofree char *me = _desk_window_dup_agent_name (self);

  return desk_store_snooze (self->store, id, *(const gint64 *) data, me, error);
}

static void
assign_to_me_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);
  g_autofree char *me = _desk_window_dup_agent_name (self);

  apply_to_targets (self, apply_assignee, me);
}

/* The parameter is a teammate's name; "" leaves it unassigned. */
static void
assign_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  apply_to_targets (DESK_WINDOW (widget), apply_assignee,
                    g_variant_get_string (param, NULL));
}

static void
close_conversation_action (GtkWidget *widget,
                           const char *action_name,
                           GVariant *param)
{
  apply_to_targets (DESK_WINDOW (widget), apply_status,
                    GINT_TO_POINTER (DESK_STATUS_CLOSED));
}

static void
reopen_conversation_action (GtkWidget *widget,
                            const char *action_name,
                            GVariant *param)
{
  apply_to_targets (DESK_WINDOW (widget), apply_status,
                    GINT_TO_POINTER (DESK_STATUS_OPEN));
}

static void
wait_for_customer_action (GtkWidget *widget,
                          const char *action_name,
                          GVariant *param)
{
  apply_to_targets (DESK_WINDOW (widget), apply_status,
                    GINT_TO_POINTER (DESK_STATUS_WAITING));
}

/* When "tomorrow 09:00" and "next Monday 09:00" are, in local time. */
gint64
_desk_window_snooze_time (DeskClock *clock, const char *when)
{
  g_autoptr (GDateTime) now = desk_clock_dup_now_local (clock);
  g_autoptr (GDateTime) day = NULL;
  g_autoptr (GDateTime) at = NULL;
  int days;

  if (g_strcmp0 (when, "hour") == 0)
    return desk_clock_get_now (clock) + 3600;
  if (g_strcmp0 (when, "tomorrow") == 0)
    days = 1;
  else if (g_strcmp0 (when, "monday") == 0)
    days = 8 - g_date_time_get_day_of_week (now); /* Monday is 1 */
  else
    return 0; /* until the customer answers */

  day = g_date_time_add_days (now, days);
  at = g_date_time_new_local (g_date_time_get_year (day),
                              g_date_time_get_month (day),
                              g_date_time_get_day_of_month (day), 9, 0, 0);
  return g_date_time_to_unix (at);
}

/* The parameter: "hour", "tomorrow", "monday" or "customer". */
static void
snooze_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);
  gint64 until = _desk_window_snooze_time (self->clock,
                                           g_variant_get_string (param, NULL));

  apply_to_targets (self, apply_snooze, &until);
}

typedef struct
{
  DeskWindow *window;
  gint64 message_id;
} HideData;

static void
on_moderated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HideData *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *me = NULL;

  if (!desk_channel_moderate_finish (DESK_CHANNEL (source), result, &error))
    desk_window_show_toast (data->window, error->message);
  else
    {
      me = _desk_window_dup_agent_name (data->window);
      if (!desk_store_set_message_hidden (desk_window_get_store (data->window),
                                          data->message_id, TRUE, me, &error))
        desk_window_show_toast (data->window, error->message);
    }

  g_object_unref (data->window);
  g_free (data);
}

static void
on_hide_response_cb (AdwMessageDialog *dialog,
                     const char *response,
                     HideData *data)
{
  g_autoptr (GPtrArray) messages = NULL;
  DeskConversation *conversation = desk_window_get_conversation (data->window);
  DeskChannel *channel;
  const char *remote_id = NULL;

  if (!g_str_equal (response, "hide") || conversation == NULL)
    {
      g_object_unref (data->window);
      g_free (data);
      return;
    }

  messages = desk_store_load_messages (desk_window_get_store (data->window),
                                       desk_conversation_get_id (conversation),
                                       NULL);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    if (desk_message_get_id (messages->pdata[i]) == data->message_id)
      remote_id = desk_message_get_remote_id (messages->pdata[i]);

  channel = _desk_window_find_channel (
      data->window, desk_conversation_get_account_id (conversation));
  if (remote_id == NULL || channel == NULL)
    {
      desk_window_show_toast (data->window,
                              _ ("The reply can no longer be hidden."));
      g_object_unref (data->window);
      g_free (data);
      return;
    }

  desk_channel_moderate_async (channel, remote_id, TRUE, NULL, on_moderated_cb,
                               data);
}

/* Hides a customer's reply under the company's post, after asking. */
static void
hide_message_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);
  DeskConversation *conversation = desk_window_get_conversation (self);
  HideData *data;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (conversation == NULL)
    return;

  /* Translators: %s is the network, e.g. Mastodon */
  body = g_strdup_printf (_ ("People will no longer see it under your post on "
                             "%s. It stays in this conversation, marked as "
                             "hidden."),
                          desk_text_get_network_name (
                              desk_conversation_get_network (conversation)));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Hide This Reply?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _ ("_Cancel"), "hide", _ ("_Hide"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "hide", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (HideData, 1);
  data->window = g_object_ref (self);
  data->message_id = g_variant_get_int64 (param);
  g_signal_connect (dialog, "response", G_CALLBACK (on_hide_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_snooze_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkMenuButton *button = _desk_window_get_snooze_button (self);

  if (button != NULL)
    gtk_menu_button_popup (button);
}

static void
show_tags_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);
  GtkMenuButton *button = _desk_window_get_tags_button (self);

  if (button != NULL)
    gtk_menu_button_popup (button);
}

static void
mark_interaction (DeskWindow *self, gboolean positive)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *me = _desk_window_dup_agent_name (self);

  if (self->conversation == NULL)
    return;

  if (desk_store_add_interaction (self->store,
                                  desk_conversation_get_id (self->conversation),
                                  positive, me, &error)
      <= 0)
    desk_window_show_toast (self, error->message);
  else
    desk_window_show_toast (self, positive
                                      ? _ ("Marked as a positive interaction")
                                      : _ ("Marked as a negative interaction"));
}

static void
mark_positive_action (GtkWidget *widget,
                      const char *action_name,
                      GVariant *param)
{
  mark_interaction (DESK_WINDOW (widget), TRUE);
}

static void
mark_negative_action (GtkWidget *widget,
                      const char *action_name,
                      GVariant *param)
{
  mark_interaction (DESK_WINDOW (widget), FALSE);
}

static void
focus_composer_action (GtkWidget *widget,
                       const char *action_name,
                       GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);

  if (self->conversation == NULL)
    return;
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
  desk_composer_focus (self->composer);
}

static void
show_error_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  desk_window_show_toast (DESK_WINDOW (widget),
                          g_variant_get_string (param, NULL));
}

static void
select_all_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  DeskWindow *self = DESK_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->inbox_pane);
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

/* Enables the commands that need a conversation. */
void
_desk_window_update_actions (DeskWindow *self)
{
  static const char *const needs_target[] = {
    "win.assign-to-me",       "win.assign",
    "win.close-conversation", "win.reopen-conversation",
    "win.wait-for-customer",  "win.snooze",
    "win.show-snooze",        "win.show-tags",
  };
  static const char *const needs_open[] = {
    "win.mark-positive",
    "win.mark-negative",
    "win.focus-composer",
  };
  g_autoptr (GArray) ids = _desk_window_dup_target_ids (self);

  for (guint i = 0; i < G_N_ELEMENTS (needs_target); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), needs_target[i],
                                   ids->len > 0);
  for (guint i = 0; i < G_N_ELEMENTS (needs_open); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), needs_open[i],
                                   self->conversation != NULL);
}

void
_desk_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "win.sort", "sort");
  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   search_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL,
                                   show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-inbox", NULL,
                                   show_inbox_action);
  gtk_widget_class_install_action (widget_class, "win.next-conversation", NULL,
                                   next_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.previous-conversation",
                                   NULL, previous_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-customer-pane",
                                   NULL, toggle_customer_pane_action);
  gtk_widget_class_install_action (widget_class, "win.escape", NULL,
                                   escape_action);

  gtk_widget_class_install_action (widget_class, "win.assign-to-me", NULL,
                                   assign_to_me_action);
  gtk_widget_class_install_action (widget_class, "win.assign", "s",
                                   assign_action);
  gtk_widget_class_install_action (widget_class, "win.close-conversation", NULL,
                                   close_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.reopen-conversation",
                                   NULL, reopen_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.wait-for-customer", NULL,
                                   wait_for_customer_action);
  gtk_widget_class_install_action (widget_class, "win.snooze", "s",
                                   snooze_action);
  gtk_widget_class_install_action (widget_class, "win.show-snooze", NULL,
                                   show_snooze_action);
  gtk_widget_class_install_action (widget_class, "win.hide-message", "x",
                                   hide_message_action);
  gtk_widget_class_install_action (widget_class, "win.show-tags", NULL,
                                   show_tags_action);
  gtk_widget_class_install_action (widget_class, "win.mark-positive", NULL,
                                   mark_positive_action);
  gtk_widget_class_install_action (widget_class, "win.mark-negative", NULL,
                                   mark_negative_action);
  gtk_widget_class_install_action (widget_class, "win.focus-composer", NULL,
                                   focus_composer_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL,
                                   select_all_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "s",
                                   show_error_action);

  /* Ctrl+Shift so that none of these is lost to text editing in the
   * composer, where Ctrl+letter moves, selects and formats. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_M,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.assign-to-me", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.close-conversation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.reopen-conversation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-snooze", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-tags", NULL);
  gtk_widget_class_add_binding_action (
      widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.focus-composer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f,
                                       GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "win.toggle-customer-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.escape", NULL);
}

void
_desk_window_actions_init (DeskWindow *self)
{
  GtkEventController *shortcuts;

  /* Moving between conversations works from inside the composer too, so
   * these are caught before the text view can use them. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                            "<Control>Page_Down|<Control>KP_Page_Down"),
                        gtk_named_action_new ("win.next-conversation")));
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                            "<Control>Page_Up|<Control>KP_Page_Up"),
                        gtk_named_action_new ("win.previous-conversation")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
