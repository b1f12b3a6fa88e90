/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-customer"

#include "config.h"

#include "desk-customer-private.h"

/* One person, with every identity linked to them across networks. */
struct _DeskCustomer
{
  GObject parent_instance;

  gint64 id;
  char *display_name;
  char *language;
  gint64 first_contact;
  gint64 last_contact;
  guint n_conversations;
  GPtrArray *identities;
  GPtrArray *tags; /* DeskTag, n_conversations counts this customer's */
  DeskCustomerDetails details;
};

G_DEFINE_FINAL_TYPE (DeskCustomer, desk_customer, G_TYPE_OBJECT)

void
_desk_identity_free (DeskIdentity *identity)
{
  if (identity == NULL)
    return;

  g_free (identity->network);
  g_free (identity->remote_id);
  g_free (identity->handle);
  g_free (identity->display_name);
  g_free (identity->profile_url);
  g_free (identity->bio);
  g_free (identity);
}

static void
desk_customer_finalize (GObject *object)
{
  DeskCustomer *self = DESK_CUSTOMER (object);

  g_free (self->display_name);
  g_free (self->language);
  g_ptr_array_unref (self->identities);
  g_ptr_array_unref (self->tags);

  G_OBJECT_CLASS (desk_customer_parent_class)->finalize (object);
}

static void
desk_customer_class_init (DeskCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_customer_finalize;
}

static void
desk_customer_init (DeskCustomer *self)
{
  self->identities
      = g_ptr_array_new_with_free_func ((GDestroyNotify) _desk_identity_free);
  self->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_tag_free);
  self->details.last_csat = -1;
  self->details.last_nps = -1;
}

DeskCustomer *
_desk_customer_new (gint64 id,
                    const char *display_name,
                    const char *language,
                    gint64 first_contact,
                    gint64 last_contact,
                    guint n_conversations)
{
  DeskCustomer *self = g_object_new (DESK_TYPE_CUSTOMER, NULL);

  self->id = id;
  self->display_name = g_strdup (display_name);
  self->language = g_strdup (language);
  self->first_contact = first_contact;
  self->last_contact = last_contact;
  self->n_conversations = n_conversations;
  return self;
}

void
_desk_customer_add_identity (DeskCustomer *self, DeskIdentity *identity)
{
  g_ptr_array_add (self->identities, identity);
}

void
_desk_customer_set_details (DeskCustomer *self,
                            const DeskCustomerDetails *details)
{
  self->details = *details;
}

void
_desk_customer_add_tag (DeskCustomer *self, DeskTag *tag)
{
  g_ptr_array_add (self->tags, tag);
}

gint64
desk_customer_get_id (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);
  return self->id;
}

const char *
desk_customer_get_display_name (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), NULL);
  return self->display_name;
}

const char *
desk_customer_get_language (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), NULL);
  return self->language;
}

/* The largest reach among the customer's identities. */
gint64
desk_customer_get_followers (DeskCustomer *self)
{
  gint64 followers = 0;

  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);

  for (guint i = 0; i < self->identities->len; i++)
    {
      const DeskIdentity *identity = g_ptr_array_index (self->identities, i);
      followers = MAX (followers, identity->followers);
    }
  return followers;
}

gint64
desk_customer_get_first_contact (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);
  return self->first_contact;
}

gint64
desk_customer_get_last_contact (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);
  return self->last_contact;
}

guint
desk_customer_get_n_conversations (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);
  return self->n_conversations;
}

guint
desk_customer_get_n_identities (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);
  return self->identities->len;
}

const DeskIdentity *
desk_customer_get_identity (DeskCustomer *self, guint i)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), NULL);
  g_return_val_if_fail (i < self->identities->len, NULL);
  return g_ptr_array_index (self->identities, i);
}

/* The customer this one was merged into, or 0. A merged-away customer
 * keeps its row so that the merge can be undone. */
gint64
desk_customer_get_merged_into (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);
  return self->details.merged_into;
}

/* HIGH when one of the identities reaches the workspace's follower
 * threshold, as for the priority of their conversations. */
DeskPriority
desk_customer_get_priority (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), DESK_PRIORITY_NORMAL);
  return self->details.priority;
}

/* The tags on the customer's conversations, most used first; each tag's
 * n_conversations counts this customer's conversations only. */
guint
desk_customer_get_n_tags (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);
  return self->tags->len;
}

const DeskTag *
desk_customer_get_tag (DeskCustomer *self, guint i)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), NULL);
  g_return_val_if_fail (i < self->tags->len, NULL);
  return g_ptr_array_index (self->tags, i);
}

/* Interactions the team marked as positive. */
guint
desk_customer_get_n_positive (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);
  return self->details.n_positive;
}

guint
desk_customer_get_n_negative (DeskCustomer *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), 0);
  return self->details.n_negative;
}

/* The score of the customer's latest CSAT rating, or -1 when they never
 * gave one; @at (may be NULL) gets its time. */
int
desk_customer_get_last_csat (DeskCustomer *self, gint64 *at)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), -1);

  if (at != NULL)
    *at = self->details.last_csat_at;
  return self->details.last_csat;
}

/* As desk_customer_get_last_csat(), for NPS (0–10). */
int
desk_customer_get_last_nps (DeskCustomer *self, gint64 *at)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER (self), -1);

  if (at != NULL)
    *at = self->details.last_nps_at;
  return self->details.last_nps;
}
