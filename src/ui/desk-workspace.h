/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "channels/desk-channel.h"
#include "channels/desk-http.h"
#include "channels/desk-secrets.h"
#include "channels/desk-outbox.h"
#include "channels/desk-sync-service.h"
#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_WORKSPACE (desk_workspace_get_type ())

G_DECLARE_FINAL_TYPE (DeskWorkspace, desk_workspace, DESK, WORKSPACE, GObject)

DeskWorkspace *desk_workspace_new (DeskStore *store);

DeskStore *desk_workspace_get_store (DeskWorkspace *self);
DeskClock *desk_workspace_get_clock (DeskWorkspace *self);
DeskSyncService *desk_workspace_get_sync_service (DeskWorkspace *self);
DeskOutbox *desk_workspace_get_outbox (DeskWorkspace *self);
GListModel *desk_workspace_get_channels (DeskWorkspace *self);
DeskChannel *desk_workspace_find_channel (DeskWorkspace *self,
                                          gint64 account_id);

gboolean desk_workspace_add_demo_accounts (DeskWorkspace *self, GError **error);
gboolean desk_workspace_start (DeskWorkspace *self, GError **error);

void desk_workspace_set_settings (DeskWorkspace *self, GSettings *settings);
DeskHttp *desk_workspace_get_http (DeskWorkspace *self);
DeskSecrets *desk_workspace_get_secrets (DeskWorkspace *self);
gboolean desk_workspace_add_account (DeskWorkspace *self,
                                     gint64 account_id,
                                     GError **error);
gboolean desk_workspace_set_account_paused (DeskWorkspace *self,
                                            gint64 account_id,
                                            gboolean paused,
                                            GError **error);
void desk_workspace_remove_account_async (DeskWorkspace *self,
                                          gint64 account_id,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean desk_workspace_remove_account_finish (DeskWorkspace *self,
                                               GAsyncResult *result,
                                               GError **error);

G_END_DECLS
