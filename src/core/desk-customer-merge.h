/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* A link or merge of two customers, as the sidebar lists it so that the
 * agent can undo it later: a merge is never a one-way door. */
typedef struct
{
  gint64 id;
  gint64 source_id;  /* the customer whose identities and history moved */
  gint64 target_id;  /* the customer they moved to */
  char *source_name; /* the source customer's display name */
  char *actor;
  gint64 at;
  gint64 undone_at; /* 0 while the merge stands */
} DeskCustomerMerge;

#define DESK_TYPE_CUSTOMER_MERGE (desk_customer_merge_get_type ())

GType desk_customer_merge_get_type (void) G_GNUC_CONST;
DeskCustomerMerge *desk_customer_merge_copy (const DeskCustomerMerge *self);
void desk_customer_merge_free (DeskCustomerMerge *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCustomerMerge, desk_customer_merge_free)

G_END_DECLS
