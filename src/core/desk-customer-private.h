/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-customer.h"

G_BEGIN_DECLS

DeskCustomer *_desk_customer_new (gint64 id,
                                  const char *display_name,
                                  const char *language,
                                  gint64 first_contact,
                                  gint64 last_contact,
                                  guint n_conversations);
/* Takes ownership of @identity. */
void _desk_customer_add_identity (DeskCustomer *self, DeskIdentity *identity);
void _desk_identity_free (DeskIdentity *identity);

/* What the customer-history sidebar shows beyond the identities. */
typedef struct
{
  gint64 merged_into; /* 0: a customer of their own */
  DeskPriority priority;
  guint n_positive;
  guint n_negative;
  int last_csat; /* -1: never rated */
  gint64 last_csat_at;
  int last_nps; /* -1: never rated */
  gint64 last_nps_at;
} DeskCustomerDetails;

void _desk_customer_set_details (DeskCustomer *self,
                                 const DeskCustomerDetails *details);
/* Takes ownership of @tag. */
void _desk_customer_add_tag (DeskCustomer *self, DeskTag *tag);

G_END_DECLS
