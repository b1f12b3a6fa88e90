/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-customer-note"

#include "config.h"

#include "desk-customer-note.h"

G_DEFINE_BOXED_TYPE (DeskCustomerNote,
                     desk_customer_note,
                     desk_customer_note_copy,
                     desk_customer_note_free)

DeskCustomerNote *
desk_customer_note_copy (const DeskCustomerNote *self)
{
  DeskCustomerNote *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->author = g_strdup (self->author);
  copy->body = g_strdup (self->body);
  return copy;
}

void
desk_customer_note_free (DeskCustomerNote *self)
{
  if (self == NULL)
    return;

  g_free (self->author);
  g_free (self->body);
  g_free (self);
}
