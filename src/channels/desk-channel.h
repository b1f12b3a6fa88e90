/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "core/desk-clock.h"
#include "core/desk-outbox-entry.h"
#include "core/desk-sync-batch.h"

G_BEGIN_DECLS

#define DESK_CHANNEL_ERROR (desk_channel_error_quark ())

typedef enum
{
  DESK_CHANNEL_ERROR_FAILED,
  DESK_CHANNEL_ERROR_NOT_SUPPORTED,
  DESK_CHANNEL_ERROR_AUTH,       /* the user must sign in again */
  DESK_CHANNEL_ERROR_NETWORK,    /* try again later */
  DESK_CHANNEL_ERROR_RATE_LIMIT, /* try again after the server's wait */
  DESK_CHANNEL_ERROR_INVALID,    /* the server sent data we cannot use */
  DESK_CHANNEL_ERROR_GONE,       /* the post or account no longer exists */
  DESK_CHANNEL_ERROR_TOO_LONG,
} DeskChannelError;

typedef enum
{
  DESK_CHANNEL_CAP_NONE = 0,
  DESK_CHANNEL_CAP_PRIVATE = 1 << 0, /* private messages */
  DESK_CHANNEL_CAP_HIDE = 1 << 1,    /* hide a reply or comment */
  DESK_CHANNEL_CAP_LIVE = 1 << 2,    /* pushes updates; polling is a fallback */
} DeskChannelCaps;

#define DESK_TYPE_CHANNEL (desk_channel_get_type ())

G_DECLARE_DERIVABLE_TYPE (DeskChannel, desk_channel, DESK, CHANNEL, GObject)

struct _DeskChannelClass
{
  GObjectClass parent_class;

  const char *(*get_network) (DeskChannel *self);
  DeskChannelCaps (*get_capabilities) (DeskChannel *self);
  guint (*get_max_length) (DeskChannel *self);
  guint (*count_length) (DeskChannel *self, const char *text);

  void (*authenticate_async) (DeskChannel *self,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
  gboolean (*authenticate_finish) (DeskChannel *self,
                                   GAsyncResult *result,
                                   GError **error);

  void (*sync_async) (DeskChannel *self,
                      const char *cursor,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  DeskSyncBatch *(*sync_finish) (DeskChannel *self,
                                 GAsyncResult *result,
                                 GError **error);

  void (*send_async) (DeskChannel *self,
                      const DeskOutboxEntry *entry,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  char *(*send_finish) (DeskChannel *self,
                        GAsyncResult *result,
                        GError **error);

  void (*moderate_async) (DeskChannel *self,
                          const char *remote_id,
                          gboolean hide,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);
  gboolean (*moderate_finish) (DeskChannel *self,
                               GAsyncResult *result,
                               GError **error);

  gpointer padding[8];
};

GQuark desk_channel_error_quark (void);

gint64 desk_channel_get_account_id (DeskChannel *self);
DeskClock *desk_channel_get_clock (DeskChannel *self);
const char *desk_channel_get_network (DeskChannel *self);
DeskChannelCaps desk_channel_get_capabilities (DeskChannel *self);
guint desk_channel_get_max_length (DeskChannel *self);
guint desk_channel_count_length (DeskChannel *self, const char *text);
void desk_channel_request_sync (DeskChannel *self);

void desk_channel_authenticate_async (DeskChannel *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean desk_channel_authenticate_finish (DeskChannel *self,
                                           GAsyncResult *result,
                                           GError **error);
void desk_channel_sync_async (DeskChannel *self,
                              const char *cursor,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
DeskSyncBatch *desk_channel_sync_finish (DeskChannel *self,
                                         GAsyncResult *result,
                                         GError **error);
void desk_channel_send_async (DeskChannel *self,
                              const DeskOutboxEntry *entry,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
char *desk_channel_send_finish (DeskChannel *self,
                                GAsyncResult *result,
                                GError **error);
void desk_channel_moderate_async (DeskChannel *self,
                                  const char *remote_id,
                                  gboolean hide,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean desk_channel_moderate_finish (DeskChannel *self,
                                       GAsyncResult *result,
                                       GError **error);

G_END_DECLS
