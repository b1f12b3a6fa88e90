/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-window-actions"

#include "config.h"

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
  guint pos = gtk_single_selection_get_selected (self->selection);
  guint target;

  if (n == 0)
    return;

  if (pos == GTK_INVALID_LIST_POSITION)
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

  gtk_single_selection_set_selected (self->selection, target);
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
