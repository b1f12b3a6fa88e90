/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-conversation-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-conversation-view.h"
#include "desk-message-row.h"
#include "desk-sla-badge.h"
#include "desk-text.h"

/* The thread of one conversation. Rows are kept per message id and
 * updated in place when the store announces a change, so a reply moving
 * from "Sending…" to "Sent" does not rebuild the list or move the view. */
struct _DeskConversationView
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkLabel *context_label;
  GtkListBox *message_list;
  GtkWidget *sla_strip;
  GtkLabel *sla_timer_label;
  DeskSlaBadge *sla_badge;
  GtkPopover *sla_popover;
  GtkGrid *sla_grid;

  /* One line per timer in the popover */
  GtkImage *timer_icons[DESK_SLA_N_TIMERS];
  GtkLabel *timer_states[DESK_SLA_N_TIMERS];
  GtkLabel *timer_dues[DESK_SLA_N_TIMERS];
  gulong popover_tick_handler;
  DeskClock *popover_clock;

  DeskStore *store;
  gulong changed_handler;
  DeskConversation *conversation;
  GHashTable *rows; /* gint64 message id -> DeskMessageRow (unowned) */
  guint n_messages;
  gboolean stick_to_bottom;
};

G_DEFINE_FINAL_TYPE (DeskConversationView,
                     desk_conversation_view,
                     GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CONVERSATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (DeskConversationView *self, const char *text)
{
  GtkWidget *overlay
      = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay == NULL)
    {
      g_warning ("%s", text);
      return;
    }
  /* Toast titles are markup; error texts may quote what a server sent. */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                               adw_toast_new (escaped));
}

static void
on_row_retry_cb (DeskConversationView *self, DeskMessageRow *row)
{
  g_autoptr (GError) error = NULL;
  DeskMessage *message = desk_message_row_get_message (row);

  if (self->store == NULL || message == NULL)
    return;

  if (!desk_store_retry_reply (self->store, desk_message_get_id (message),
                               &error))
    show_toast (self, error->message);
}

static void
update_context (DeskConversationView *self)
{
  DeskConversation *c = self->conversation;
  g_autofree char *handle = NULL;
  g_autofree char *account = NULL;
  g_autofree char *text = NULL;
  const char *network;

  if (c == NULL)
    {
      gtk_label_set_text (self->context_label, "");
      return;
    }

  network = desk_text_get_network_name (desk_conversation_get_network (c));
  handle
      = desk_text_for_display_line (desk_conversation_get_customer_handle (c));
  account
      = desk_text_for_display_line (desk_conversation_get_account_handle (c));

  if (desk_conversation_get_kind (c) == DESK_CONVERSATION_KIND_PRIVATE)
    /* Translators: above a thread; the first %s is a network ("Mastodon"),
     * the second the customer's handle, the third our account. */
    text = g_strdup_printf (_ ("Private messages on %s between %s and %s"),
                            network, handle, account);
  else
    /* Translators: above a thread; the first %s is a network ("Mastodon"),
     * the second the customer's handle, the third our account. */
    text = g_strdup_printf (_ ("Public thread on %s between %s and %s"),
                            network, handle, account);

  gtk_label_set_text (self->context_label, text);
}

static void
clear_rows (DeskConversationView *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->message_list)))
         != NULL)
    gtk_list_box_remove (self->message_list, child);
  self->n_messages = 0;
}

static void
reload (DeskConversationView *self)
{
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->store == NULL || self->conversation == NULL)
    {
      clear_rows (self);
      return;
    }

  messages = desk_store_load_messages (
      self->store, desk_conversation_get_id (self->conversation), &error);
  if (messages == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < messages->len; i++)
    {
      DeskMessage *message = g_ptr_array_index (messages, i);
      gint64 id = desk_message_get_id (message);
      DeskMessageRow *row = g_hash_table_lookup (self->rows, &id);

      if (row != NULL)
        {
          desk_message_row_set_message (row, message);
          if (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) != (int) i)
            {
              g_object_ref (row);
              gtk_list_box_remove (self->message_list, GTK_WIDGET (row));
              gtk_list_box_insert (self->message_list, GTK_WIDGET (row),
                                   (int) i);
              g_object_unref (row);
            }
        }
      else
        {
          row = DESK_MESSAGE_ROW (desk_message_row_new (
              message, desk_store_get_clock (self->store)));
          g_signal_connect_object (row, "retry", G_CALLBACK (on_row_retry_cb),
                                   self, G_CONNECT_SWAPPED);
          gtk_list_box_insert (self->message_list, GTK_WIDGET (row), (int) i);
          g_hash_table_insert (self->rows, g_memdup2 (&id, sizeof id), row);
        }
      g_hash_table_add (seen, g_ptr_array_index (messages, i));
    }

  /* Messages can vanish only when a conversation is merged or deleted. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      DeskMessage *message = desk_message_row_get_message (value);

      if (!g_hash_table_contains (seen, message))
        {
          gtk_list_box_remove (self->message_list, value);
          g_hash_table_iter_remove (&iter);
        }
    }

  self->n_messages = messages->len;
}

static void
on_vadjustment_changed_cb (DeskConversationView *self,
                           GParamSpec *pspec,
                           GtkAdjustment *adjustment)
{
  /* New content grew the list: keep the newest message in view if the
   * user was reading the end of the thread. */
  if (self->stick_to_bottom)
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_upper (adjustment)
                                  - gtk_adjustment_get_page_size (adjustment));
}

static void
on_vadjustment_value_changed_cb (DeskConversationView *self,
                                 GtkAdjustment *adjustment)
{
  double bottom = gtk_adjustment_get_upper (adjustment)
                  - gtk_adjustment_get_page_size (adjustment);

  self->stick_to_bottom = gtk_adjustment_get_value (adjustment) >= bottom - 4;
}

static void
on_store_conversations_changed_cb (DeskConversationView *self,
                                   GArray *changed,
                                   DeskStore *store)
{
  gint64 id;

  if (self->conversation == NULL)
    return;

  id = desk_conversation_get_id (self->conversation);
  for (guint i = 0; i < changed->len; i++)
    if (g_array_index (changed, gint64, i) == id)
      {
        reload (self);
        return;
      }
}

static void
desk_conversation_view_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  DeskConversationView *self = DESK_CONVERSATION_VIEW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_CONVERSATION:
        g_value_set_object (value, self->conversation);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_conversation_view_set_property (GObject *object,
                                     guint prop_id,
                                     const GValue *value,
                                     GParamSpec *pspec)
{
  DeskConversationView *self = DESK_CONVERSATION_VIEW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        desk_conversation_view_set_store (self, g_value_get_object (value));
        break;

      case PROP_CONVERSATION:
        desk_conversation_view_set_conversation (self,
                                                 g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Fills the popover's list of all three timers, and shows the strip
 * when any of them applies to the conversation. */
static void
update_timers (DeskConversationView *self)
{
  DeskSlaResult results[DESK_SLA_N_TIMERS];
  g_autoptr (GDateTime) now = NULL;
  gboolean any = FALSE;

  if (self->store == NULL || self->conversation == NULL)
    {
      gtk_widget_set_visible (self->sla_strip, FALSE);
      return;
    }

  now = desk_clock_dup_now_local (desk_store_get_clock (self->store));
  desk_store_evaluate_sla (self->store, self->conversation,
                           g_date_time_to_unix (now), results);

  for (int i = 0; i < DESK_SLA_N_TIMERS; i++)
    {
      DeskSlaState state = results[i].state;
      g_autofree char *text = desk_sla_describe (&results[i]);
      g_autofree char *due = NULL;
      g_autofree char *accessible = NULL;
      const char *icon = desk_sla_badge_get_state_icon (state);

      any |= state != DESK_SLA_STATE_NONE;
      if (results[i].due_at > 0 && state != DESK_SLA_STATE_NONE)
        due = desk_sla_badge_format_due (results[i].due_at, now);

      gtk_image_set_from_icon_name (self->timer_icons[i], icon);
      gtk_label_set_text (self->timer_states[i],
                          text != NULL ? text : _ ("does not apply"));
      gtk_label_set_text (self->timer_dues[i], due != NULL ? due : "");
      for (int s = DESK_SLA_STATE_NONE; s <= DESK_SLA_STATE_MISSED; s++)
        gtk_widget_remove_css_class (GTK_WIDGET (self->timer_states[i]),
                                     desk_sla_badge_get_state_class (s));
      gtk_widget_add_css_class (GTK_WIDGET (self->timer_states[i]),
                                desk_sla_badge_get_state_class (state));

      accessible = desk_sla_badge_format_accessible (i, &results[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->timer_states[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      accessible, -1);
    }

  /* Names the timer the badge counts down. */
  gtk_label_set_text (
      self->sla_timer_label,
      desk_sla_badge_get_timer_name (desk_sla_most_urgent (results)));
  gtk_widget_set_visible (self->sla_strip, any);
}

static void
on_clock_minute_tick_cb (DeskConversationView *self, DeskClock *clock)
{
  update_timers (self);
}

/* The open popover follows the clock; a closed one costs nothing. */
static void
on_sla_popover_map_cb (DeskConversationView *self, GtkWidget *popover)
{
  DeskClock *clock;

  update_timers (self);
  if (self->store == NULL || self->popover_tick_handler != 0)
    return;

  clock = desk_store_get_clock (self->store);
  self->popover_clock = g_object_ref (clock);
  self->popover_tick_handler = g_signal_connect_object (
      clock, "minute-tick", G_CALLBACK (on_clock_minute_tick_cb), self,
      G_CONNECT_SWAPPED);
}

static void
on_sla_popover_unmap_cb (DeskConversationView *self, GtkWidget *popover)
{
  if (self->popover_clock != NULL)
    g_clear_signal_handler (&self->popover_tick_handler, self->popover_clock);
  g_clear_object (&self->popover_clock);
}

static void
build_timer_grid (DeskConversationView *self)
{
  for (int i = 0; i < DESK_SLA_N_TIMERS; i++)
    {
      GtkWidget *name = gtk_label_new (desk_sla_badge_get_timer_name (i));
      GtkWidget *icon = gtk_image_new ();
      GtkWidget *state = gtk_label_new (NULL);
      GtkWidget *due = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_xalign (GTK_LABEL (state), 0);
      gtk_label_set_xalign (GTK_LABEL (due), 1);
      gtk_widget_add_css_class (state, "sla-timer-state");
      gtk_widget_add_css_class (due, "dim-label");
      gtk_widget_add_css_class (due, "numeric");
      gtk_grid_attach (self->sla_grid, icon, 0, i, 1, 1);
      gtk_grid_attach (self->sla_grid, name, 1, i, 1, 1);
      gtk_grid_attach (self->sla_grid, state, 2, i, 1, 1);
      gtk_grid_attach (self->sla_grid, due, 3, i, 1, 1);

      self->timer_icons[i] = GTK_IMAGE (icon);
      self->timer_states[i] = GTK_LABEL (state);
      self->timer_dues[i] = GTK_LABEL (due);
    }
}

static void
desk_conversation_view_dispose (GObject *object)
{
  DeskConversationView *self = DESK_CONVERSATION_VIEW (object);
  GtkWidget *child;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  if (self->popover_clock != NULL)
    g_clear_signal_handler (&self->popover_tick_handler, self->popover_clock);
  g_clear_object (&self->popover_clock);
  g_clear_object (&self->store);
  g_clear_object (&self->conversation);
  g_hash_table_remove_all (self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_CONVERSATION_VIEW);
  /* GTK 4.8 clears only the bound template children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_conversation_view_parent_class)->dispose (object);
}

static void
desk_conversation_view_finalize (GObject *object)
{
  DeskConversationView *self = DESK_CONVERSATION_VIEW (object);

  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (desk_conversation_view_parent_class)->finalize (object);
}

static void
desk_conversation_view_class_init (DeskConversationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_conversation_view_get_property;
  object_class->set_property = desk_conversation_view_set_property;
  object_class->dispose = desk_conversation_view_dispose;
  object_class->finalize = desk_conversation_view_finalize;

  properties[PROP_STORE]
      = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE, flags);
  properties[PROP_CONVERSATION] = g_param_spec_object (
      "conversation", NULL, NULL, DESK_TYPE_CONVERSATION, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource links it, and the constructor that
   * registers it, into every program that uses this widget. */
  (void) desk_get_resource ();
  g_type_ensure (DESK_TYPE_SLA_BADGE);
  gtk_widget_class_set_template_from_resource (
      widget_class,
      "/io/github/socialdesk/Socialdesk/ui/desk-conversation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskConversationView,
                                        scroller);
  gtk_widget_class_bind_template_child (widget_class, DeskConversationView,
                                        context_label);
  gtk_widget_class_bind_template_child (widget_class, DeskConversationView,
                                        message_list);
  gtk_widget_class_bind_template_child (widget_class, DeskConversationView,
                                        sla_strip);
  gtk_widget_class_bind_template_child (widget_class, DeskConversationView,
                                        sla_timer_label);
  gtk_widget_class_bind_template_child (widget_class, DeskConversationView,
                                        sla_badge);
  gtk_widget_class_bind_template_child (widget_class, DeskConversationView,
                                        sla_popover);
  gtk_widget_class_bind_template_child (widget_class, DeskConversationView,
                                        sla_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_sla_popover_map_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_sla_popover_unmap_cb);
}

static void
desk_conversation_view_init (DeskConversationView *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  build_timer_grid (self);

  self->rows
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->stick_to_bottom = TRUE;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "notify::upper",
                           G_CALLBACK (on_vadjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (on_vadjustment_value_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

DeskStore *
desk_conversation_view_get_store (DeskConversationView *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION_VIEW (self), NULL);
  return self->store;
}

/* Set once by the owner; templates cannot pass services at construction. */
void
desk_conversation_view_set_store (DeskConversationView *self, DeskStore *store)
{
  g_return_if_fail (DESK_IS_CONVERSATION_VIEW (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_handler = g_signal_connect_object (
        store, "conversations-changed",
        G_CALLBACK (on_store_conversations_changed_cb), self,
        G_CONNECT_SWAPPED);

  desk_sla_badge_set_store (self->sla_badge, store);
  clear_rows (self);
  reload (self);
  update_timers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

DeskConversation *
desk_conversation_view_get_conversation (DeskConversationView *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION_VIEW (self), NULL);
  return self->conversation;
}

/* Shows @conversation's thread. A newer snapshot of the same
 * conversation only refreshes the text above the thread. */
void
desk_conversation_view_set_conversation (DeskConversationView *self,
                                         DeskConversation *conversation)
{
  gboolean same_id;

  g_return_if_fail (DESK_IS_CONVERSATION_VIEW (self));
  g_return_if_fail (conversation == NULL
                    || DESK_IS_CONVERSATION (conversation));

  if (self->conversation == conversation)
    return;

  same_id = self->conversation != NULL && conversation != NULL
            && desk_conversation_get_id (self->conversation)
                   == desk_conversation_get_id (conversation);

  g_set_object (&self->conversation, conversation);
  update_context (self);
  desk_sla_badge_set_conversation (self->sla_badge, conversation);
  update_timers (self);

  if (!same_id)
    {
      clear_rows (self);
      self->stick_to_bottom = TRUE;
      reload (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

/* How many messages the thread shows. */
guint
desk_conversation_view_get_n_messages (DeskConversationView *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION_VIEW (self), 0);
  return self->n_messages;
}

/* The header strip's button that opens the list of all answer times. */
GtkMenuButton *
desk_conversation_view_get_sla_button (DeskConversationView *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION_VIEW (self), NULL);
  return GTK_MENU_BUTTON (gtk_widget_get_first_child (self->sla_strip));
}
