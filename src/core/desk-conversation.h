/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-sla.h"
#include "desk-types.h"

G_BEGIN_DECLS

#define DESK_TYPE_CONVERSATION (desk_conversation_get_type ())

G_DECLARE_FINAL_TYPE (DeskConversation,
                      desk_conversation,
                      DESK,
                      CONVERSATION,
                      GObject)

/* An immutable snapshot of one conversation as the store had it; the inbox
 * model replaces the object when the row changes. */
gint64 desk_conversation_get_id (DeskConversation *self);
gint64 desk_conversation_get_account_id (DeskConversation *self);
const char *desk_conversation_get_network (DeskConversation *self);
const char *desk_conversation_get_account_handle (DeskConversation *self);
DeskConversationKind desk_conversation_get_kind (DeskConversation *self);
DeskStatus desk_conversation_get_status (DeskConversation *self);
DeskPriority desk_conversation_get_priority (DeskConversation *self);
const char *desk_conversation_get_assignee (DeskConversation *self);
gint64 desk_conversation_get_customer_id (DeskConversation *self);
const char *desk_conversation_get_customer_name (DeskConversation *self);
const char *desk_conversation_get_customer_handle (DeskConversation *self);
const char *desk_conversation_get_snippet (DeskConversation *self);
gint64 desk_conversation_get_last_message_at (DeskConversation *self);
gint64 desk_conversation_get_awaiting_since (DeskConversation *self);
guint desk_conversation_get_unread (DeskConversation *self);
const char *desk_conversation_get_draft (DeskConversation *self);
const char *desk_conversation_get_thread_remote_id (DeskConversation *self);
gint64 desk_conversation_get_due_at (DeskConversation *self);
void desk_conversation_get_sla_input (DeskConversation *self,
                                      DeskSlaInput *input);

G_END_DECLS
