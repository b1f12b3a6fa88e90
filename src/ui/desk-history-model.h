/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_HISTORY_MODEL (desk_history_model_get_type ())

G_DECLARE_FINAL_TYPE (DeskHistoryModel,
                      desk_history_model,
                      DESK,
                      HISTORY_MODEL,
                      GObject)

DeskHistoryModel *
desk_history_model_new (DeskStore *store, gint64 customer_id, guint page_size);
gint64 desk_history_model_get_customer_id (DeskHistoryModel *self);
gboolean desk_history_model_get_has_more (DeskHistoryModel *self);
gboolean desk_history_model_load_more (DeskHistoryModel *self);
void desk_history_model_reload (DeskHistoryModel *self);
gboolean desk_history_model_contains (DeskHistoryModel *self,
                                      gint64 conversation_id);

G_END_DECLS
