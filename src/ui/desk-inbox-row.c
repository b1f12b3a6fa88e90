/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-inbox-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-inbox-row.h"
#include "desk-sla-badge.h"
#include "desk-text.h"
#include "desk-window.h"

/* One conversation in the inbox list. Rows are recycled by the list view,
 * so everything shown derives from the bound conversation; the time label
 * follows the application clock's minute tick. */
struct _DeskInboxRow
{
  GtkWidget parent_instance;

  GtkLabel *name_label;
  GtkLabel *handle_label;
  GtkLabel *time_label;
  GtkLabel *snippet_label;
  GtkWidget *unread_dot;
  GtkImage *network_icon;
  GtkLabel *account_label;
  GtkImage *kind_icon;
  GtkWidget *high_reach_label;
  GtkBox *badge_slot;
  DeskSlaBadge *badge;

  DeskClock *clock;
  gulong tick_handler;
  DeskConversation *conversation;
};

G_DEFINE_FINAL_TYPE (DeskInboxRow, desk_inbox_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLOCK,
  PROP_CONVERSATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_line (GtkLabel *label, const char *text)
{
  g_autofree char *line = desk_text_for_display_line (text);

  gtk_label_set_text (label, line);
}

static void
update_time (DeskInboxRow *self)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *absolute = NULL;
  gint64 at;

  if (self->conversation == NULL || self->clock == NULL)
    {
      gtk_label_set_text (self->time_label, "");
      return;
    }

  at = desk_conversation_get_last_message_at (self->conversation);
  now = desk_clock_dup_now_local (self->clock);
  relative = desk_text_format_relative_time (at, now);
  absolute
      = desk_text_format_absolute_time (at, g_date_time_get_timezone (now));
  gtk_label_set_text (self->time_label, relative);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), absolute);
}

static void
update (DeskInboxRow *self)
{
  DeskConversation *c = self->conversation;
  gboolean unread, is_private;
  const char *network;

  if (c == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->handle_label, "");
      gtk_label_set_text (self->snippet_label, "");
      gtk_label_set_text (self->account_label, "");
      gtk_widget_set_visible (self->unread_dot, FALSE);
      gtk_widget_set_visible (self->high_reach_label, FALSE);
      update_time (self);
      return;
    }

  network = desk_conversation_get_network (c);
  unread = desk_conversation_get_unread (c) > 0;
  is_private = desk_conversation_get_kind (c) == DESK_CONVERSATION_KIND_PRIVATE;

  set_line (self->name_label, desk_conversation_get_customer_name (c));
  set_line (self->handle_label, desk_conversation_get_customer_handle (c));
  set_line (self->snippet_label, desk_conversation_get_snippet (c));
  set_line (self->account_label, desk_conversation_get_account_handle (c));

  gtk_image_set_from_icon_name (self->network_icon,
                                desk_text_get_network_icon (network));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->network_icon),
                               desk_text_get_network_name (network));

  gtk_image_set_from_icon_name (self->kind_icon, is_private
                                                     ? "channel-secure-symbolic"
                                                     : "desk-public-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_icon),
                               is_private ? _ ("Private messages")
                                          : _ ("Public thread"));

  gtk_widget_set_visible (self->unread_dot, unread);
  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");

  gtk_widget_set_visible (self->high_reach_label,
                          desk_conversation_get_priority (c)
                              == DESK_PRIORITY_HIGH);

  update_time (self);
}

/* Rows made by the window's list factory know only the clock; the badge
 * finds the store through the window once the row is in one. */
static void
desk_inbox_row_root (GtkWidget *widget)
{
  DeskInboxRow *self = DESK_INBOX_ROW (widget);
  GtkWidget *window;

  GTK_WIDGET_CLASS (desk_inbox_row_parent_class)->root (widget);

  window = gtk_widget_get_ancestor (widget, DESK_TYPE_WINDOW);
  if (desk_sla_badge_get_store (self->badge) == NULL && window != NULL)
    desk_sla_badge_set_store (self->badge,
                              desk_window_get_store (DESK_WINDOW (window)));
}

static void
on_clock_minute_tick_cb (DeskInboxRow *self, DeskClock *clock)
{
  update_time (self);
}

static void
desk_inbox_row_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  DeskInboxRow *self = DESK_INBOX_ROW (object);

  switch (prop_id)
    {
      case PROP_CLOCK:
        g_value_set_object (value, self->clock);
        break;

      case PROP_CONVERSATION:
        g_value_set_object (value, self->conversation);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_inbox_row_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  DeskInboxRow *self = DESK_INBOX_ROW (object);

  switch (prop_id)
    {
      case PROP_CLOCK:
        desk_inbox_row_set_clock (self, g_value_get_object (value));
        break;

      case PROP_CONVERSATION:
        desk_inbox_row_set_conversation (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_inbox_row_dispose (GObject *object)
{
  DeskInboxRow *self = DESK_INBOX_ROW (object);
  GtkWidget *child;

  if (self->clock != NULL)
    g_clear_signal_handler (&self->tick_handler, self->clock);
  g_clear_object (&self->clock);
  g_clear_object (&self->conversation);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_INBOX_ROW);
  /* GTK 4.8 clears only the bound template children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_inbox_row_parent_class)->dispose (object);
}

static void
desk_inbox_row_class_init (DeskInboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_inbox_row_get_property;
  object_class->set_property = desk_inbox_row_set_property;
  object_class->dispose = desk_inbox_row_dispose;
  widget_class->root = desk_inbox_row_root;

  properties[PROP_CLOCK]
      = g_param_spec_object ("clock", NULL, NULL, DESK_TYPE_CLOCK, flags);
  properties[PROP_CONVERSATION] = g_param_spec_object (
      "conversation", NULL, NULL, DESK_TYPE_CONVERSATION, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource links it, and the constructor that
   * registers it, into every program that uses this widget. */
  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-inbox-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow,
                                        handle_label);
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow,
                                        snippet_label);
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow, unread_dot);
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow,
                                        network_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow,
                                        account_label);
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow,
                                        high_reach_label);
  gtk_widget_class_bind_template_child (widget_class, DeskInboxRow, badge_slot);
}

static void
desk_inbox_row_init (DeskInboxRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->badge = DESK_SLA_BADGE (desk_sla_badge_new (NULL, NULL));
  gtk_box_append (self->badge_slot, GTK_WIDGET (self->badge));
}

GtkWidget *
desk_inbox_row_new (DeskClock *clock)
{
  return g_object_new (DESK_TYPE_INBOX_ROW, "clock", clock, NULL);
}

DeskClock *
desk_inbox_row_get_clock (DeskInboxRow *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_ROW (self), NULL);
  return self->clock;
}

void
desk_inbox_row_set_clock (DeskInboxRow *self, DeskClock *clock)
{
  g_return_if_fail (DESK_IS_INBOX_ROW (self));
  g_return_if_fail (clock == NULL || DESK_IS_CLOCK (clock));

  if (self->clock == clock)
    return;

  if (self->clock != NULL)
    g_clear_signal_handler (&self->tick_handler, self->clock);
  g_set_object (&self->clock, clock);
  desk_sla_badge_set_clock (self->badge, clock);
  if (clock != NULL)
    self->tick_handler = g_signal_connect_object (
        clock, "minute-tick", G_CALLBACK (on_clock_minute_tick_cb), self,
        G_CONNECT_SWAPPED);

  update_time (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

DeskConversation *
desk_inbox_row_get_conversation (DeskInboxRow *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_ROW (self), NULL);
  return self->conversation;
}

void
desk_inbox_row_set_conversation (DeskInboxRow *self,
                                 DeskConversation *conversation)
{
  g_return_if_fail (DESK_IS_INBOX_ROW (self));
  g_return_if_fail (conversation == NULL
                    || DESK_IS_CONVERSATION (conversation));

  if (!g_set_object (&self->conversation, conversation))
    return;

  desk_sla_badge_set_conversation (self->badge, conversation);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

/* Where the SLA countdown badge of the row sits. */
GtkBox *
desk_inbox_row_get_badge_slot (DeskInboxRow *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_ROW (self), NULL);
  return self->badge_slot;
}

DeskSlaBadge *
desk_inbox_row_get_badge (DeskInboxRow *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_ROW (self), NULL);
  return self->badge;
}

/* The store the badge evaluates answer times with; rows inside a
 * DeskWindow take the window's store by themselves. */
void
desk_inbox_row_set_store (DeskInboxRow *self, DeskStore *store)
{
  g_return_if_fail (DESK_IS_INBOX_ROW (self));
  desk_sla_badge_set_store (self->badge, store);
}
