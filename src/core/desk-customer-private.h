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

G_END_DECLS
