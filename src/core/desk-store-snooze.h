/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

gboolean desk_store_snooze (DeskStore *self,
                            gint64 conversation_id,
                            gint64 until,
                            const char *actor,
                            GError **error);
gint64 desk_store_get_snoozed_until (DeskStore *self, gint64 conversation_id);
gboolean
desk_store_wake_snoozed (DeskStore *self, guint *n_woken, GError **error);

G_END_DECLS
