/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-clock.h"
#include "core/desk-conversation.h"
#include "core/desk-store.h"
#include "desk-sla-badge.h"

G_BEGIN_DECLS

#define DESK_TYPE_INBOX_ROW (desk_inbox_row_get_type ())

G_DECLARE_FINAL_TYPE (DeskInboxRow, desk_inbox_row, DESK, INBOX_ROW, GtkWidget)

GtkWidget *desk_inbox_row_new (DeskClock *clock);

DeskClock *desk_inbox_row_get_clock (DeskInboxRow *self);
void desk_inbox_row_set_clock (DeskInboxRow *self, DeskClock *clock);
DeskConversation *desk_inbox_row_get_conversation (DeskInboxRow *self);
void desk_inbox_row_set_conversation (DeskInboxRow *self,
                                      DeskConversation *conversation);
GtkBox *desk_inbox_row_get_badge_slot (DeskInboxRow *self);
DeskSlaBadge *desk_inbox_row_get_badge (DeskInboxRow *self);
void desk_inbox_row_set_store (DeskInboxRow *self, DeskStore *store);

G_END_DECLS
