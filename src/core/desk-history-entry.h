/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

#define DESK_TYPE_HISTORY_ENTRY (desk_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (DeskHistoryEntry,
                      desk_history_entry,
                      DESK,
                      HISTORY_ENTRY,
                      GObject)

/* One conversation in a customer's history, across every network and
 * account: an immutable snapshot, loaded a page at a time. */
gint64 desk_history_entry_get_conversation_id (DeskHistoryEntry *self);
gint64 desk_history_entry_get_account_id (DeskHistoryEntry *self);
const char *desk_history_entry_get_network (DeskHistoryEntry *self);
const char *desk_history_entry_get_account_handle (DeskHistoryEntry *self);
const char *desk_history_entry_get_identity_handle (DeskHistoryEntry *self);
DeskConversationKind desk_history_entry_get_kind (DeskHistoryEntry *self);
DeskStatus desk_history_entry_get_status (DeskHistoryEntry *self);
const char *desk_history_entry_get_first_line (DeskHistoryEntry *self);
gint64 desk_history_entry_get_last_message_at (DeskHistoryEntry *self);
gint64 desk_history_entry_get_opened_at (DeskHistoryEntry *self);
gint64 desk_history_entry_get_closed_at (DeskHistoryEntry *self);
const char *desk_history_entry_get_rating_scale (DeskHistoryEntry *self);
int desk_history_entry_get_rating_score (DeskHistoryEntry *self);
gint64 desk_history_entry_get_rating_at (DeskHistoryEntry *self);

G_END_DECLS
