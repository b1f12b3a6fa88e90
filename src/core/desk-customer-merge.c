/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-customer-merge"

#include "config.h"

#include "desk-customer-merge.h"

G_DEFINE_BOXED_TYPE (DeskCustomerMerge,
                     desk_customer_merge,
                     desk_customer_merge_copy,
                     desk_customer_merge_free)

DeskCustomerMerge *
desk_customer_merge_copy (const DeskCustomerMerge *self)
{
  DeskCustomerMerge *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->source_name = g_strdup (self->source_name);
  copy->actor = g_strdup (self->actor);
  return copy;
}

void
desk_customer_merge_free (DeskCustomerMerge *self)
{
  if (self == NULL)
    return;

  g_free (self->source_name);
  g_free (self->actor);
  g_free (self);
}
