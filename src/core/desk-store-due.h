/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-store.h"

G_BEGIN_DECLS

GArray *desk_store_query_due_conversation_ids (DeskStore *self,
                                               gint64 due_after,
                                               gint64 due_before,
                                               GError **error);

G_END_DECLS
