/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_CUSTOMER_PANE (desk_customer_pane_get_type ())

G_DECLARE_FINAL_TYPE (DeskCustomerPane,
                      desk_customer_pane,
                      DESK,
                      CUSTOMER_PANE,
                      GtkWidget)

DeskStore *desk_customer_pane_get_store (DeskCustomerPane *self);
void desk_customer_pane_set_store (DeskCustomerPane *self, DeskStore *store);
gint64 desk_customer_pane_get_customer_id (DeskCustomerPane *self);
void desk_customer_pane_set_customer_id (DeskCustomerPane *self,
                                         gint64 customer_id);
const char *desk_customer_pane_get_agent (DeskCustomerPane *self);
void desk_customer_pane_set_agent (DeskCustomerPane *self, const char *agent);
DeskCustomer *desk_customer_pane_get_customer (DeskCustomerPane *self);
GListModel *desk_customer_pane_get_history (DeskCustomerPane *self);
void desk_customer_pane_reload (DeskCustomerPane *self);

G_END_DECLS
