/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

/* The agent's scratch pad of a conversation: notes to self while working
 * on a reply, never sent, kept until the agent clears them. */
char *desk_store_get_scratch (DeskStore *self,
                              gint64 conversation_id,
                              GError **error);
gboolean desk_store_set_scratch (DeskStore *self,
                                 gint64 conversation_id,
                                 const char *scratch,
                                 GError **error);

G_END_DECLS
