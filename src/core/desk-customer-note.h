/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* A private note of the team about a customer; never sent to anybody. */
typedef struct
{
  gint64 id;
  gint64 customer_id;
  char *author;
  char *body; /* as written: the UI escapes it */
  gint64 created_at;
} DeskCustomerNote;

#define DESK_TYPE_CUSTOMER_NOTE (desk_customer_note_get_type ())

GType desk_customer_note_get_type (void) G_GNUC_CONST;
DeskCustomerNote *desk_customer_note_copy (const DeskCustomerNote *self);
void desk_customer_note_free (DeskCustomerNote *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCustomerNote, desk_customer_note_free)

G_END_DECLS
