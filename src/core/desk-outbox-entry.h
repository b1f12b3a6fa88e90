/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* A reply waiting to be sent, as the store hands it to a channel. The
 * idempotency key is chosen and stored before the first attempt, so a
 * resend after a crash is recognisable as the same reply. */
typedef struct
{
  gint64 message_id;
  gint64 conversation_id;
  gint64 account_id;
  DeskConversationKind kind;
  char *thread_remote_id;
  char *in_reply_to;         /* remote id of the message being answered */
  char *recipient_remote_id; /* the customer's identity on the network */
  char *recipient_handle;
  char *body;
  char *idempotency_key;
  guint attempts;
} DeskOutboxEntry;

#define DESK_TYPE_OUTBOX_ENTRY (desk_outbox_entry_get_type ())

GType desk_outbox_entry_get_type (void) G_GNUC_CONST;
DeskOutboxEntry *desk_outbox_entry_copy (const DeskOutboxEntry *self);
void desk_outbox_entry_free (DeskOutboxEntry *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskOutboxEntry, desk_outbox_entry_free)

G_END_DECLS
