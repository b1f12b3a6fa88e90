/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "channels/desk-channel.h"
#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_OUTBOX (desk_outbox_get_type ())

G_DECLARE_FINAL_TYPE (DeskOutbox, desk_outbox, DESK, OUTBOX, GObject)

DeskOutbox *desk_outbox_new (DeskStore *store);
void desk_outbox_add_channel (DeskOutbox *self, DeskChannel *channel);
void desk_outbox_remove_channel (DeskOutbox *self, DeskChannel *channel);
void desk_outbox_flush (DeskOutbox *self);
guint desk_outbox_get_n_sent (DeskOutbox *self);

/* The wait before attempt @attempts + 1, in seconds, without jitter. */
guint desk_outbox_backoff_seconds (guint attempts);

G_END_DECLS
