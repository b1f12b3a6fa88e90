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
