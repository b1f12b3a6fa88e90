/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-conversation.h"
#include "desk-sla.h"

G_BEGIN_DECLS

/* Filled field by field by the store; ownership of the strings moves in. */
typedef struct
{
  gint64 id;
  gint64 account_id;
  char *network;
  char *account_handle;
  DeskConversationKind kind;
  DeskStatus status;
  DeskPriority priority;
  char *assignee;
  gint64 customer_id;
  char *customer_name;
  char *customer_handle;
  char *snippet;
  gint64 last_message_at;
  gint64 awaiting_since;
  guint unread;
  char *draft;
  char *thread_remote_id;
  gint64 opened_at;
  gint64 first_response_at;
  gint64 closed_at;
  gint64 due_at;
  GArray *pauses; /* DeskSlaPause, oldest first */
} DeskConversationData;

DeskConversation *_desk_conversation_new (DeskConversationData *data);

G_END_DECLS
