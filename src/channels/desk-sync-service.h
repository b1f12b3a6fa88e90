/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "channels/desk-channel.h"
#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_SYNC_SERVICE (desk_sync_service_get_type ())

G_DECLARE_FINAL_TYPE (DeskSyncService,
                      desk_sync_service,
                      DESK,
                      SYNC_SERVICE,
                      GObject)

DeskSyncService *desk_sync_service_new (DeskStore *store);
void desk_sync_service_add_channel (DeskSyncService *self,
                                    DeskChannel *channel,
                                    const char *cursor);
void desk_sync_service_remove_channel (DeskSyncService *self,
                                       DeskChannel *channel);
void desk_sync_service_sync_now (DeskSyncService *self);
gboolean desk_sync_service_get_busy (DeskSyncService *self);
guint desk_sync_service_get_n_syncs (DeskSyncService *self);

G_END_DECLS
