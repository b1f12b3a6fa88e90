/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-account"

#include "config.h"

#include "desk-account-private.h"

/* A company account on one network. Its secrets are in the keyring, never
 * here. */
struct _DeskAccount
{
  GObject parent_instance;

  DeskAccountData data;
};

G_DEFINE_FINAL_TYPE (DeskAccount, desk_account, G_TYPE_OBJECT)

static void
desk_account_finalize (GObject *object)
{
  DeskAccount *self = DESK_ACCOUNT (object);

  g_free (self->data.network);
  g_free (self->data.remote_id);
  g_free (self->data.handle);
  g_free (self->data.display_name);
  g_free (self->data.server);
  g_free (self->data.cursor);
  g_free (self->data.last_error);

  G_OBJECT_CLASS (desk_account_parent_class)->finalize (object);
}

static void
desk_account_class_init (DeskAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_account_finalize;
}

static void
desk_account_init (DeskAccount *self)
{
}

DeskAccount *
_desk_account_new (DeskAccountData *data)
{
  DeskAccount *self = g_object_new (DESK_TYPE_ACCOUNT, NULL);

  self->data = *data;
  memset (data, 0, sizeof *data);
  return self;
}

gint64
desk_account_get_id (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), 0);
  return self->data.id;
}

const char *
desk_account_get_network (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), NULL);
  return self->data.network;
}

const char *
desk_account_get_remote_id (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), NULL);
  return self->data.remote_id;
}

const char *
desk_account_get_handle (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), NULL);
  return self->data.handle;
}

const char *
desk_account_get_display_name (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), NULL);
  return self->data.display_name;
}

const char *
desk_account_get_server (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), NULL);
  return self->data.server;
}

const char *
desk_account_get_cursor (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), NULL);
  return self->data.cursor;
}

/* TRUE for the accounts of the demo workspace. */
gboolean
desk_account_get_simulated (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), FALSE);
  return self->data.simulated;
}

gboolean
desk_account_get_paused (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), FALSE);
  return self->data.paused;
}

/* When the account last synced successfully (unix time), or 0. */
gint64
desk_account_get_last_sync_at (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), 0);
  return self->data.last_sync_at;
}

/* Why the last sync failed, for people; NULL when it worked. */
const char *
desk_account_get_last_error (DeskAccount *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT (self), NULL);
  return self->data.last_error;
}
