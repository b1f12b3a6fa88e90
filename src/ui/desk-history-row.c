/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-history-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-history-row.h"
#include "desk-text.h"

/* One conversation in the customer's timeline: where it happened, how
 * it began, when, and how it ended. */
struct _DeskHistoryRow
{
  GtkWidget parent_instance;

  GtkImage *network_icon;
  GtkLabel *first_line_label;
  GtkLabel *time_label;
  GtkLabel *outcome_label;

  DeskHistoryEntry *entry;
};

G_DEFINE_FINAL_TYPE (DeskHistoryRow, desk_history_row, GTK_TYPE_WIDGET)

static const char *
status_name (DeskStatus status)
{
  switch (status)
    {
      case DESK_STATUS_OPEN:
        return C_ ("conversation status", "Open");
      case DESK_STATUS_WAITING:
        return C_ ("conversation status", "Waiting");
      case DESK_STATUS_SNOOZED:
        return C_ ("conversation status", "Snoozed");
      case DESK_STATUS_CLOSED:
        return C_ ("conversation status", "Closed");
      default:
        g_assert_not_reached ();
    }
}

/* "Closed · Private · CSAT 4", in the agent's words. */
char *
desk_history_row_format_outcome (DeskHistoryEntry *entry)
{
  GString *text
      = g_string_new (status_name (desk_history_entry_get_status (entry)));
  const char *scale = desk_history_entry_get_rating_scale (entry);

  if (desk_history_entry_get_kind (entry) == DESK_CONVERSATION_KIND_PRIVATE)
    /* Translators: separates parts of a conversation's outcome. */
    g_string_append_printf (text, _ (" · %s"), _ ("Private"));
  if (scale != NULL && g_strcmp0 (scale, "nps") == 0)
    /* Translators: the Net Promoter Score a customer gave, 0–10. */
    g_string_append_printf (text, _ (" · NPS %d"),
                            desk_history_entry_get_rating_score (entry));
  else if (scale != NULL)
    /* Translators: the satisfaction score a customer gave, 1–5. */
    g_string_append_printf (text, _ (" · CSAT %d"),
                            desk_history_entry_get_rating_score (entry));
  return g_string_free (text, FALSE);
}

static void
desk_history_row_dispose (GObject *object)
{
  DeskHistoryRow *self = DESK_HISTORY_ROW (object);
  GtkWidget *child;

  g_clear_object (&self->entry);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_HISTORY_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (desk_history_row_parent_class)->dispose (object);
}

static void
desk_history_row_class_init (DeskHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_history_row_dispose;

  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryRow,
                                        network_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryRow,
                                        first_line_label);
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryRow,
                                        time_label);
  gtk_widget_class_bind_template_child (widget_class, DeskHistoryRow,
                                        outcome_label);
}

static void
desk_history_row_init (DeskHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_history_row_new (void)
{
  return g_object_new (DESK_TYPE_HISTORY_ROW, NULL);
}

DeskHistoryEntry *
desk_history_row_get_entry (DeskHistoryRow *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ROW (self), NULL);
  return self->entry;
}

/* @now: the time relative dates are told from. */
void
desk_history_row_set_entry (DeskHistoryRow *self,
                            DeskHistoryEntry *entry,
                            GDateTime *now)
{
  g_autofree char *first_line = NULL;
  g_autofree char *day = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *where = NULL;
  g_autofree char *tooltip = NULL;
  const char *network;

  g_return_if_fail (DESK_IS_HISTORY_ROW (self));
  g_return_if_fail (entry == NULL || DESK_IS_HISTORY_ENTRY (entry));

  if (!g_set_object (&self->entry, entry) || entry == NULL)
    return;

  network = desk_history_entry_get_network (entry);
  first_line
      = desk_text_for_display_line (desk_history_entry_get_first_line (entry));
  day = desk_text_format_day (desk_history_entry_get_last_message_at (entry),
                              now);
  absolute = desk_text_format_absolute_time (
      desk_history_entry_get_last_message_at (entry),
      g_date_time_get_timezone (now));
  outcome = desk_history_row_format_outcome (entry);
  where = desk_text_for_display_line (
      desk_history_entry_get_account_handle (entry));
  /* Translators: a conversation's network, the team's account and the
   * time of its last message ("Mastodon · @shop@social.example · …"). */
  tooltip
      = g_strdup_printf (_ ("%s · %s · %s"),
                         desk_text_get_network_name (network), where, absolute);

  gtk_image_set_from_icon_name (self->network_icon,
                                desk_text_get_network_icon (network));
  gtk_label_set_text (self->first_line_label,
                      *first_line != '\0' ? first_line : _ ("No text"));
  gtk_label_set_text (self->time_label, day);
  gtk_label_set_text (self->outcome_label, outcome);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
}
