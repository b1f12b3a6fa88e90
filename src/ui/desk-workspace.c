/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-workspace"

#include "config.h"

#include "channels/demo/desk-demo-channel.h"

#include "desk-workspace.h"

/* Everything behind one open database: the store, the sync service and
 * the outbox, and one channel per account. The application and the UI
 * test build their workspace with this, so the test runs what users run. */
struct _DeskWorkspace
{
  GObject parent_instance;

  DeskStore *store;
  DeskSyncService *sync_service;
  DeskOutbox *outbox;
  GListStore *channels; /* DeskChannel */
  gboolean started;
};

G_DEFINE_FINAL_TYPE (DeskWorkspace, desk_workspace, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_workspace_constructed (GObject *object)
{
  DeskWorkspace *self = DESK_WORKSPACE (object);

  G_OBJECT_CLASS (desk_workspace_parent_class)->constructed (object);

  g_assert (DESK_IS_STORE (self->store));
  self->sync_service = desk_sync_service_new (self->store);
  self->outbox = desk_outbox_new (self->store);
}

static void
desk_workspace_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  DeskWorkspace *self = DESK_WORKSPACE (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_workspace_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  DeskWorkspace *self = DESK_WORKSPACE (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_workspace_dispose (GObject *object)
{
  DeskWorkspace *self = DESK_WORKSPACE (object);

  /* The services first: when they go, they cancel what their channels
   * are doing. A window may still hold the sync service; it keeps
   * working for that window. */
  g_clear_object (&self->sync_service);
  g_clear_object (&self->outbox);
  if (self->channels != NULL)
    g_list_store_remove_all (self->channels);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_workspace_parent_class)->dispose (object);
}

static void
desk_workspace_finalize (GObject *object)
{
  DeskWorkspace *self = DESK_WORKSPACE (object);

  g_clear_object (&self->channels);

  G_OBJECT_CLASS (desk_workspace_parent_class)->finalize (object);
}

static void
desk_workspace_class_init (DeskWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = desk_workspace_constructed;
  object_class->get_property = desk_workspace_get_property;
  object_class->set_property = desk_workspace_set_property;
  object_class->dispose = desk_workspace_dispose;
  object_class->finalize = desk_workspace_finalize;

  properties[PROP_STORE] = g_param_spec_object (
      "store", NULL, NULL, DESK_TYPE_STORE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_workspace_init (DeskWorkspace *self)
{
  self->channels = g_list_store_new (DESK_TYPE_CHANNEL);
}

DeskWorkspace *
desk_workspace_new (DeskStore *store)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_WORKSPACE, "store", store, NULL);
}

DeskStore *
desk_workspace_get_store (DeskWorkspace *self)
{
  g_return_val_if_fail (DESK_IS_WORKSPACE (self), NULL);
  return self->store;
}

DeskClock *
desk_workspace_get_clock (DeskWorkspace *self)
{
  g_return_val_if_fail (DESK_IS_WORKSPACE (self), NULL);
  return desk_store_get_clock (self->store);
}

DeskSyncService *
desk_workspace_get_sync_service (DeskWorkspace *self)
{
  g_return_val_if_fail (DESK_IS_WORKSPACE (self), NULL);
  return self->sync_service;
}

DeskOutbox *
desk_workspace_get_outbox (DeskWorkspace *self)
{
  g_return_val_if_fail (DESK_IS_WORKSPACE (self), NULL);
  return self->outbox;
}

/* The channels of the started accounts, a GListModel of DeskChannel. */
GListModel *
desk_workspace_get_channels (DeskWorkspace *self)
{
  g_return_val_if_fail (DESK_IS_WORKSPACE (self), NULL);
  return G_LIST_MODEL (self->channels);
}

/* Returns the channel of @account_id (transfer none), or NULL. */
DeskChannel *
desk_workspace_find_channel (DeskWorkspace *self, gint64 account_id)
{
  guint n;

  g_return_val_if_fail (DESK_IS_WORKSPACE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DeskChannel) channel
          = g_list_model_get_item (G_LIST_MODEL (self->channels), i);

      if (desk_channel_get_account_id (channel) == account_id)
        return channel; /* the list store keeps it alive */
    }
  return NULL;
}

/* Adds the two simulated accounts of the demo workspace, but only to a
 * store that has no account yet: a user who connected a real account (or
 * removed the demo) does not get it back. */
gboolean
desk_workspace_add_demo_accounts (DeskWorkspace *self, GError **error)
{
  g_autoptr (GPtrArray) accounts = NULL;

  g_return_val_if_fail (DESK_IS_WORKSPACE (self), FALSE);

  accounts = desk_store_list_accounts (self->store, error);
  if (accounts == NULL)
    return FALSE;
  if (accounts->len > 0)
    return TRUE;

  return desk_store_add_account (self->store, "mastodon", "demo-mastodon",
                                 "@rheinrad@social.example", "Rheinrad", NULL,
                                 TRUE, error)
             != 0
         && desk_store_add_account (self->store, "bluesky", "demo-bluesky",
                                    "rheinrad.bsky.social", "Rheinrad", NULL,
                                    TRUE, error)
                != 0;
}

/* Creates a channel for every account and hands it to the sync service
 * (from the account's stored cursor) and to the outbox. */
gboolean
desk_workspace_start (DeskWorkspace *self, GError **error)
{
  g_autoptr (GPtrArray) accounts = NULL;

  g_return_val_if_fail (DESK_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  accounts = desk_store_list_accounts (self->store, error);
  if (accounts == NULL)
    return FALSE;

  self->started = TRUE;

  for (guint i = 0; i < accounts->len; i++)
    {
      DeskAccount *account = g_ptr_array_index (accounts, i);
      g_autoptr (DeskChannel) channel = NULL;

      if (!desk_account_get_simulated (account))
        {
          /* Real networks are connected by their own channels, which
           * come in later work. */
          g_message ("Skipping %s account %s: not supported yet",
                     desk_account_get_network (account),
                     desk_account_get_handle (account));
          continue;
        }

      channel = desk_demo_channel_new (desk_account_get_id (account),
                                       desk_account_get_network (account),
                                       desk_store_get_clock (self->store));
      g_list_store_append (self->channels, channel);
      desk_sync_service_add_channel (self->sync_service, channel,
                                     desk_account_get_cursor (account));
      desk_outbox_add_channel (self->outbox, channel);
    }

  return TRUE;
}
