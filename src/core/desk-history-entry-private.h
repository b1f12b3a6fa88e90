/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-history-entry.h"

G_BEGIN_DECLS

/* Filled field by field by the store; ownership of the strings moves in. */
typedef struct
{
  gint64 conversation_id;
  gint64 account_id;
  char *network;
  char *account_handle;
  char *identity_handle; /* which of the customer's identities wrote */
  DeskConversationKind kind;
  DeskStatus status;
  char *first_line; /* of the customer's first message, else the snippet */
  gint64 last_message_at;
  gint64 opened_at;
  gint64 closed_at;
  char *rating_scale; /* "csat", "nps" or NULL: not rated */
  int rating_score;   /* -1 when not rated */
  gint64 rating_at;
} DeskHistoryEntryData;

DeskHistoryEntry *_desk_history_entry_new (DeskHistoryEntryData *data);

G_END_DECLS
