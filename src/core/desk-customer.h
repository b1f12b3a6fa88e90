/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-tag.h"
#include "desk-types.h"

G_BEGIN_DECLS

/* One handle of a customer on one network. */
typedef struct
{
  gint64 id;
  char *network;
  char *remote_id;
  char *handle;
  char *display_name;
  char *profile_url;
  char *bio;
  gint64 followers;
  gboolean gone; /* deleted on the network; kept for history */
} DeskIdentity;

#define DESK_TYPE_CUSTOMER (desk_customer_get_type ())

G_DECLARE_FINAL_TYPE (DeskCustomer, desk_customer, DESK, CUSTOMER, GObject)

gint64 desk_customer_get_id (DeskCustomer *self);
const char *desk_customer_get_display_name (DeskCustomer *self);
const char *desk_customer_get_language (DeskCustomer *self);
gint64 desk_customer_get_followers (DeskCustomer *self);
gint64 desk_customer_get_first_contact (DeskCustomer *self);
gint64 desk_customer_get_last_contact (DeskCustomer *self);
guint desk_customer_get_n_conversations (DeskCustomer *self);
guint desk_customer_get_n_identities (DeskCustomer *self);
const DeskIdentity *desk_customer_get_identity (DeskCustomer *self, guint i);

/* Filled by desk_store_load_customer_details() (desk-store-customers.h);
 * desk_store_load_customer() leaves them empty. */
gint64 desk_customer_get_merged_into (DeskCustomer *self);
DeskPriority desk_customer_get_priority (DeskCustomer *self);
guint desk_customer_get_n_tags (DeskCustomer *self);
const DeskTag *desk_customer_get_tag (DeskCustomer *self, guint i);
guint desk_customer_get_n_positive (DeskCustomer *self);
guint desk_customer_get_n_negative (DeskCustomer *self);
int desk_customer_get_last_csat (DeskCustomer *self, gint64 *at);
int desk_customer_get_last_nps (DeskCustomer *self, gint64 *at);

G_END_DECLS
