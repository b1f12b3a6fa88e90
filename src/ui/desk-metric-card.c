/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-metric-card"

#include "config.h"

#include "ui/desk-resources.h"
#include "desk-metric-card.h"

/* One number of a report with its name and a line of detail. */
struct _DeskMetricCard
{
  GtkWidget parent_instance;

  GtkLabel *title_label;
  GtkLabel *value_label;
  GtkLabel *detail_label;
};

G_DEFINE_FINAL_TYPE (DeskMetricCard, desk_metric_card, GTK_TYPE_WIDGET)

static void
desk_metric_card_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), DESK_TYPE_METRIC_CARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_metric_card_parent_class)->dispose (object);
}

static void
desk_metric_card_class_init (DeskMetricCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  (void) desk_get_resource ();

  object_class->dispose = desk_metric_card_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-metric-card.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskMetricCard,
                                        title_label);
  gtk_widget_class_bind_template_child (widget_class, DeskMetricCard,
                                        value_label);
  gtk_widget_class_bind_template_child (widget_class, DeskMetricCard,
                                        detail_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
desk_metric_card_init (DeskMetricCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DeskMetricCard *
desk_metric_card_new (const char *title)
{
  DeskMetricCard *self = g_object_new (DESK_TYPE_METRIC_CARD, NULL);

  gtk_label_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return self;
}

const char *
desk_metric_card_get_title (DeskMetricCard *self)
{
  g_return_val_if_fail (DESK_IS_METRIC_CARD (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
desk_metric_card_get_value (DeskMetricCard *self)
{
  g_return_val_if_fail (DESK_IS_METRIC_CARD (self), NULL);

  return gtk_label_get_text (self->value_label);
}

const char *
desk_metric_card_get_detail (DeskMetricCard *self)
{
  g_return_val_if_fail (DESK_IS_METRIC_CARD (self), NULL);

  return gtk_label_get_text (self->detail_label);
}

void
desk_metric_card_set (DeskMetricCard *self,
                      const char *value,
                      const char *detail)
{
  g_return_if_fail (DESK_IS_METRIC_CARD (self));

  gtk_label_set_text (self->value_label, value);
  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label),
                          detail != NULL && *detail != '\0');
}
