/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-outbox-entry"

#include "config.h"

#include "desk-outbox-entry.h"

G_DEFINE_BOXED_TYPE (DeskOutboxEntry,
                     desk_outbox_entry,
                     desk_outbox_entry_copy,
                     desk_outbox_entry_free)

DeskOutboxEntry *
desk_outbox_entry_copy (const DeskOutboxEntry *self)
{
  DeskOutboxEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->thread_remote_id = g_strdup (self->thread_remote_id);
  copy->in_reply_to = g_strdup (self->in_reply_to);
  copy->recipient_remote_id = g_strdup (self->recipient_remote_id);
  copy->recipient_handle = g_strdup (self->recipient_handle);
  copy->body = g_strdup (self->body);
  copy->idempotency_key = g_strdup (self->idempotency_key);
  return copy;
}

void
desk_outbox_entry_free (DeskOutboxEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->thread_remote_id);
  g_free (self->in_reply_to);
  g_free (self->recipient_remote_id);
  g_free (self->recipient_handle);
  g_free (self->body);
  g_free (self->idempotency_key);
  g_free (self);
}
