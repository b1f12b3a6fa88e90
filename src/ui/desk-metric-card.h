/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DESK_TYPE_METRIC_CARD (desk_metric_card_get_type ())

G_DECLARE_FINAL_TYPE (DeskMetricCard,
                      desk_metric_card,
                      DESK,
                      METRIC_CARD,
                      GtkWidget)

DeskMetricCard *desk_metric_card_new (const char *title);
const char *desk_metric_card_get_title (DeskMetricCard *self);
const char *desk_metric_card_get_value (DeskMetricCard *self);
const char *desk_metric_card_get_detail (DeskMetricCard *self);
void desk_metric_card_set (DeskMetricCard *self,
                           const char *value,
                           const char *detail);

G_END_DECLS
