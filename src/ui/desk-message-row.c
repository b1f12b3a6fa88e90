/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-message-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-message-row.h"
#include "desk-text.h"

/* One message of a thread: the customer's on the start side, ours on the
 * end side in the accent colour, internal notes marked as such. Replies
 * show how far their delivery got. */
struct _DeskMessageRow
{
  GtkListBoxRow parent_instance;

  GtkWidget *column;
  GtkWidget *header_box;
  GtkLabel *author_label;
  GtkWidget *note_label;
  GtkWidget *private_icon;
  GtkWidget *hidden_label;
  GtkWidget *hide_button;
  GtkLabel *time_label;
  GtkWidget *bubble;
  GtkLabel *body_label;
  GtkWidget *delivery_box;
  GtkImage *delivery_icon;
  GtkLabel *delivery_label;
  GtkWidget *retry_button;

  DeskMessage *message;
  DeskClock *clock;
  gulong tick_handler;
};

G_DEFINE_FINAL_TYPE (DeskMessageRow, desk_message_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  PROP_0,
  PROP_MESSAGE,
  PROP_CLOCK,
  N_PROPS
};

enum
{
  RETRY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The longest word shown without a break point, and the longest piece
 * of a message in one label; see desk-text.c. */
#define MAX_WORD 48
#define MAX_PIECE 400

static void
update_time (DeskMessageRow *self)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *absolute = NULL;
  gint64 at;

  if (self->message == NULL)
    return;

  at = desk_message_get_created_at (self->message);
  if (self->clock != NULL)
    now = desk_clock_dup_now_local (self->clock);
  else
    now = g_date_time_new_now_local ();

  relative = desk_text_format_relative_time (at, now);
  absolute
      = desk_text_format_absolute_time (at, g_date_time_get_timezone (now));
  gtk_label_set_text (self->time_label, relative);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), absolute);
}

static void
set_style (DeskMessageRow *self, const char *name)
{
  const char *styles[] = { "incoming", "outgoing", "note" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_strcmp0 (styles[i], name) != 0)
      gtk_widget_remove_css_class (GTK_WIDGET (self), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), name);
}

static void
update_delivery (DeskMessageRow *self)
{
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  const char *icon_name = NULL;
  const char *style = NULL;
  gboolean can_retry = FALSE;

  reason = desk_text_for_display_line (desk_message_get_error (self->message));

  switch (desk_message_get_delivery (self->message))
    {
      case DESK_DELIVERY_QUEUED:
        if (*reason != '\0')
          {
            /* Translators: a reply that could not be sent yet and will be
             * sent again by itself; %s is the reason. */
            text = g_strdup_printf (_ ("Not sent yet — %s. Trying again soon."),
                                    reason);
            icon_name = "dialog-warning-symbolic";
            style = "warning";
            break;
          }
        G_GNUC_FALLTHROUGH;
      case DESK_DELIVERY_SENDING:
        text = g_strdup (_ ("Sending…"));
        icon_name = "mail-send-symbolic";
        style = "dim-label";
        break;

      case DESK_DELIVERY_SENT:
        text = g_strdup (_ ("Sent"));
        icon_name = "object-select-symbolic";
        style = "dim-label";
        break;

      case DESK_DELIVERY_FAILED:
        if (*reason != '\0')
          /* Translators: a reply that could not be sent; %s is the reason. */
          text = g_strdup_printf (_ ("Failed — %s"), reason);
        else
          text = g_strdup (_ ("Failed"));
        icon_name = "dialog-warning-symbolic";
        style = "error";
        can_retry = TRUE;
        break;

      case DESK_DELIVERY_RECEIVED:
      default:
        gtk_widget_set_visible (self->delivery_box, FALSE);
        return;
    }

  gtk_label_set_text (self->delivery_label, text);
  gtk_image_set_from_icon_name (self->delivery_icon, icon_name);
  gtk_widget_remove_css_class (self->delivery_box, "dim-label");
  gtk_widget_remove_css_class (self->delivery_box, "warning");
  gtk_widget_remove_css_class (self->delivery_box, "error");
  gtk_widget_add_css_class (self->delivery_box, style);
  gtk_widget_set_visible (self->retry_button, can_retry);
  gtk_widget_set_visible (self->delivery_box, TRUE);
}

/* What the user copies is the message, without our break points. */
static void
on_body_label_copy_clipboard_cb (DeskMessageRow *self, GtkLabel *label)
{
  g_autofree char *selected = NULL;
  g_autofree char *clean = NULL;
  int start, end;

  if (!gtk_label_get_selection_bounds (label, &start, &end))
    return;

  selected = g_utf8_substring (gtk_label_get_text (label), start, end);
  clean = desk_text_remove_break_points (selected);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (label)), clean);
  g_signal_stop_emission_by_name (label, "copy-clipboard");
}

static GtkLabel *
add_body_label (DeskMessageRow *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (
      GTK_LABEL (label), gtk_label_get_max_width_chars (self->body_label));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  g_signal_connect_object (label, "copy-clipboard",
                           G_CALLBACK (on_body_label_copy_clipboard_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->bubble), label);
  return GTK_LABEL (label);
}

/* A very long message is shown as a few labels stacked in the bubble,
 * each cheap to lay out; see desk-text.c. */
static void
set_body_text (DeskMessageRow *self, const char *text)
{
  g_autofree char *with_breaks = desk_text_add_break_points (text, MAX_WORD);
  g_auto (GStrv) pieces = desk_text_split_long (with_breaks, MAX_PIECE);
  GtkWidget *child = GTK_WIDGET (self->body_label);
  guint i = 0;

  for (; pieces[i] != NULL; i++)
    {
      GtkWidget *label = child;

      if (label == NULL)
        label = GTK_WIDGET (add_body_label (self));
      gtk_label_set_text (GTK_LABEL (label), pieces[i]);
      child = gtk_widget_get_next_sibling (label);
    }

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (GTK_BOX (self->bubble), child);
      child = next;
    }
}

static void
update (DeskMessageRow *self)
{
  g_autofree char *author = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *body = NULL;
  DeskDirection direction;
  GtkAlign align;

  if (self->message == NULL)
    return;

  direction = desk_message_get_direction (self->message);
  author = desk_text_for_display_line (
      desk_message_get_author_name (self->message));
  handle = desk_text_for_display_line (
      desk_message_get_author_handle (self->message));
  body = desk_text_for_display (desk_message_get_body (self->message));

  gtk_label_set_text (self->author_label, author);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->author_label),
                               *handle != '\0' ? handle : NULL);
  set_body_text (self, body);

  align
      = direction == DESK_DIRECTION_INCOMING ? GTK_ALIGN_START : GTK_ALIGN_END;
  gtk_widget_set_halign (self->column, align);
  gtk_widget_set_halign (self->header_box, align);

  switch (direction)
    {
      case DESK_DIRECTION_OUTGOING:
        set_style (self, "outgoing");
        break;

      case DESK_DIRECTION_NOTE:
        set_style (self, "note");
        break;

      case DESK_DIRECTION_INCOMING:
      default:
        set_style (self, "incoming");
    }

  gtk_widget_set_visible (self->note_label, direction == DESK_DIRECTION_NOTE);
  gtk_widget_set_visible (self->private_icon,
                          direction == DESK_DIRECTION_OUTGOING
                              && desk_message_get_private (self->message));
  gtk_widget_set_visible (self->hidden_label,
                          desk_message_get_hidden (self->message));
  /* Only customers' public replies can be hidden; the window's action
   * is enabled only where the network allows it. */
  gtk_widget_set_visible (self->hide_button,
                          direction == DESK_DIRECTION_INCOMING
                              && !desk_message_get_hidden (self->message)
                              && desk_message_get_remote_id (self->message)
                                     != NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->hide_button), "x",
                                    desk_message_get_id (self->message));

  update_delivery (self);
  update_time (self);
}

static void
on_clock_minute_tick_cb (DeskMessageRow *self, DeskClock *clock)
{
  update_time (self);
}

static void
on_retry_button_clicked_cb (DeskMessageRow *self, GtkButton *button)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
desk_message_row_get_property (GObject *object,
                               guint prop_id,
                               GValue *value,
                               GParamSpec *pspec)
{
  DeskMessageRow *self = DESK_MESSAGE_ROW (object);

  switch (prop_id)
    {
      case PROP_MESSAGE:
        g_value_set_object (value, self->message);
        break;

      case PROP_CLOCK:
        g_value_set_object (value, self->clock);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_message_row_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  DeskMessageRow *self = DESK_MESSAGE_ROW (object);

  switch (prop_id)
    {
      case PROP_MESSAGE:
        desk_message_row_set_message (self, g_value_get_object (value));
        break;

      case PROP_CLOCK:
        desk_message_row_set_clock (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_message_row_dispose (GObject *object)
{
  DeskMessageRow *self = DESK_MESSAGE_ROW (object);

  if (self->clock != NULL)
    g_clear_signal_handler (&self->tick_handler, self->clock);
  g_clear_object (&self->clock);
  g_clear_object (&self->message);

  G_OBJECT_CLASS (desk_message_row_parent_class)->dispose (object);
}

static void
desk_message_row_class_init (DeskMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_message_row_get_property;
  object_class->set_property = desk_message_row_set_property;
  object_class->dispose = desk_message_row_dispose;

  properties[PROP_MESSAGE]
      = g_param_spec_object ("message", NULL, NULL, DESK_TYPE_MESSAGE, flags);
  properties[PROP_CLOCK]
      = g_param_spec_object ("clock", NULL, NULL, DESK_TYPE_CLOCK, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user asked to send a failed reply again. */
  signals[RETRY]
      = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Referencing the resource links it, and the constructor that
   * registers it, into every program that uses this widget. */
  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow, column);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        header_box);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        author_label);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        note_label);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        private_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        hidden_label);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        hide_button);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        time_label);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow, bubble);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        body_label);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        delivery_box);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        delivery_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        delivery_label);
  gtk_widget_class_bind_template_child (widget_class, DeskMessageRow,
                                        retry_button);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_retry_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_body_label_copy_clipboard_cb);
}

static void
desk_message_row_init (DeskMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_message_row_new (DeskMessage *message, DeskClock *clock)
{
  return g_object_new (DESK_TYPE_MESSAGE_ROW, "clock", clock, "message",
                       message, NULL);
}

DeskMessage *
desk_message_row_get_message (DeskMessageRow *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE_ROW (self), NULL);
  return self->message;
}

/* Messages are immutable snapshots; a new delivery state comes as a new
 * object for the same id. */
void
desk_message_row_set_message (DeskMessageRow *self, DeskMessage *message)
{
  g_return_if_fail (DESK_IS_MESSAGE_ROW (self));
  g_return_if_fail (message == NULL || DESK_IS_MESSAGE (message));

  if (!g_set_object (&self->message, message))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

DeskClock *
desk_message_row_get_clock (DeskMessageRow *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE_ROW (self), NULL);
  return self->clock;
}

void
desk_message_row_set_clock (DeskMessageRow *self, DeskClock *clock)
{
  g_return_if_fail (DESK_IS_MESSAGE_ROW (self));
  g_return_if_fail (clock == NULL || DESK_IS_CLOCK (clock));

  if (self->clock == clock)
    return;

  if (self->clock != NULL)
    g_clear_signal_handler (&self->tick_handler, self->clock);
  g_set_object (&self->clock, clock);
  if (clock != NULL)
    self->tick_handler = g_signal_connect_object (
        clock, "minute-tick", G_CALLBACK (on_clock_minute_tick_cb), self,
        G_CONNECT_SWAPPED);

  update_time (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}
