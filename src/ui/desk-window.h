/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "channels/desk-sync-service.h"
#include "core/desk-inbox-model.h"
#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_WINDOW (desk_window_get_type ())

G_DECLARE_FINAL_TYPE (DeskWindow,
                      desk_window,
                      DESK,
                      WINDOW,
                      AdwApplicationWindow)

DeskWindow *desk_window_new (GtkApplication *application,
                             DeskStore *store,
                             DeskClock *clock,
                             GSettings *settings,
                             DeskSyncService *sync_service,
                             GListModel *channels);

DeskStore *desk_window_get_store (DeskWindow *self);
DeskInboxModel *desk_window_get_inbox_model (DeskWindow *self);
DeskConversation *desk_window_get_conversation (DeskWindow *self);
gboolean desk_window_select_conversation (DeskWindow *self,
                                          gint64 conversation_id);
const char *desk_window_get_view (DeskWindow *self);
void desk_window_set_view (DeskWindow *self, const char *view);
const char *desk_window_get_sort (DeskWindow *self);
void desk_window_set_sort (DeskWindow *self, const char *sort);
gboolean desk_window_get_folded (DeskWindow *self);
void desk_window_show_toast (DeskWindow *self, const char *text);

G_END_DECLS
