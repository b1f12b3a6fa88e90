/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-workspace"

#include "config.h"

#include "channels/bluesky/desk-bluesky-channel.h"
#include "channels/demo/desk-demo-channel.h"
#include "channels/mastodon/desk-mastodon-channel.h"

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
  DeskHttp *http;
  DeskSecrets *secrets;
  GSettings *settings;  /* NULL in tests that do not need it */
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

enum
{
  ACCOUNTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_accounts_changed (DeskWorkspace *self)
{
  g_signal_emit (self, signals[ACCOUNTS_CHANGED], 0);
}

/* A channel for @account, or NULL (with @error) for a network this build
 * cannot connect. */
static DeskChannel *
create_channel (DeskWorkspace *self, DeskAccount *account, GError **error)
{
  const char *network = desk_account_get_network (account);
  DeskClock *clock = desk_store_get_clock (self->store);

  if (desk_account_get_simulated (account))
    return desk_demo_channel_new (desk_account_get_id (account), network,
                                  clock);
  if (g_strcmp0 (network, "mastodon") == 0)
    return desk_mastodon_channel_new (
        desk_account_get_id (account), desk_account_get_server (account),
        desk_account_get_remote_id (account), self->http, self->secrets, clock);
  if (g_strcmp0 (network, "bluesky") == 0)
    return DESK_CHANNEL (desk_bluesky_channel_new (
        desk_account_get_id (account), desk_account_get_server (account),
        desk_account_get_remote_id (account), self->http, self->secrets,
        clock));

  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
               "no channel for the network “%s”", network);
  return NULL;
}

static void
start_channel (DeskWorkspace *self, DeskAccount *account)
{
  g_autoptr (DeskChannel) channel = NULL;
  g_autoptr (GError) error = NULL;

  channel = create_channel (self, account, &error);
  if (channel == NULL)
    {
      g_message ("Skipping %s: %s", desk_account_get_handle (account),
                 error->message);
      return;
    }

  g_list_store_append (self->channels, channel);
  desk_sync_service_add_channel (self->sync_service, channel,
                                 desk_account_get_cursor (account));
  desk_outbox_add_channel (self->outbox, channel);
}

static void
stop_channel (DeskWorkspace *self, gint64 account_id)
{
  DeskChannel *channel = desk_workspace_find_channel (self, account_id);
  guint position;

  if (channel == NULL)
    return;

  desk_sync_service_remove_channel (self->sync_service, channel);
  desk_outbox_remove_channel (self->outbox, channel);
  if (g_list_store_find (self->channels, channel, &position))
    g_list_store_remove (self->channels, position);
}

static DeskAccount *
find_account (DeskWorkspace *self, gint64 account_id, GError **error)
{
  g_autoptr (GPtrArray) accounts
      = desk_store_list_accounts (self->store, error);

  if (accounts == NULL)
    return NULL;
  for (guint i = 0; i < accounts->len; i++)
    {
      DeskAccount *account = g_ptr_array_index (accounts, i);

      if (desk_account_get_id (account) == account_id)
        return g_object_ref (account);
    }
  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
               "no account %" G_GINT64_FORMAT, account_id);
  return NULL;
}

static void
desk_workspace_constructed (GObject *object)
{
  DeskWorkspace *self = DESK_WORKSPACE (object);

  G_OBJECT_CLASS (desk_workspace_parent_class)->constructed (object);

  g_assert (DESK_IS_STORE (self->store));
  self->sync_service = desk_sync_service_new (self->store);
  self->outbox = desk_outbox_new (self->store);
  self->http = desk_http_new_with_clock (desk_store_get_clock (self->store));
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
  g_clear_object (&self->http);
  g_clear_object (&self->secrets);
  g_clear_object (&self->settings);
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

  /* An account was added, removed, paused or resumed. */
  signals[ACCOUNTS_CHANGED]
      = g_signal_new ("accounts-changed", G_TYPE_FROM_CLASS (klass),
                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
desk_workspace_init (DeskWorkspace *self)
{
  self->channels = g_list_store_new (DESK_TYPE_CHANNEL);
  self->secrets = desk_secrets_new ();
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

/* The settings whose "demo-enabled" goes off with the first real
 * account. */
void
desk_workspace_set_settings (DeskWorkspace *self, GSettings *settings)
{
  g_return_if_fail (DESK_IS_WORKSPACE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
}

DeskHttp *
desk_workspace_get_http (DeskWorkspace *self)
{
  g_return_val_if_fail (DESK_IS_WORKSPACE (self), NULL);
  return self->http;
}

DeskSecrets *
desk_workspace_get_secrets (DeskWorkspace *self)
{
  g_return_val_if_fail (DESK_IS_WORKSPACE (self), NULL);
  return self->secrets;
}

/* Creates a channel for every account that is not paused and hands it to
 * the sync service (from the account's stored cursor) and to the outbox. */
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

      if (!desk_account_get_paused (account))
        start_channel (self, account);
    }

  return TRUE;
}

/* Removes the simulated accounts with their channels and conversations:
 * once a real account is there, the demo would only be in the way. */
static gboolean
remove_demo_accounts (DeskWorkspace *self, GError **error)
{
  g_autoptr (GPtrArray) accounts
      = desk_store_list_accounts (self->store, error);

  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    {
      DeskAccount *account = g_ptr_array_index (accounts, i);

      if (!desk_account_get_simulated (account))
        continue;
      stop_channel (self, desk_account_get_id (account));
      if (!desk_store_remove_account (self->store,
                                      desk_account_get_id (account), error))
        return FALSE;
    }
  return TRUE;
}

/* Starts @account_id, just added to the store (signed in, its secrets in
 * the keyring). The first real account ends the demo. */
gboolean
desk_workspace_add_account (DeskWorkspace *self,
                            gint64 account_id,
                            GError **error)
{
  g_autoptr (DeskAccount) account = NULL;

  g_return_val_if_fail (DESK_IS_WORKSPACE (self), FALSE);

  account = find_account (self, account_id, error);
  if (account == NULL)
    return FALSE;

  if (!desk_account_get_simulated (account))
    {
      if (!remove_demo_accounts (self, error))
        return FALSE;
      if (self->settings != NULL)
        g_settings_set_boolean (self->settings, "demo-enabled", FALSE);
    }

  /* A sign-in again replaces the channel, which then uses the new token. */
  stop_channel (self, account_id);
  if (self->started && !desk_account_get_paused (account))
    start_channel (self, account);

  emit_accounts_changed (self);
  return TRUE;
}

/* Pausing stops syncing and sending; queued replies wait for the resume. */
gboolean
desk_workspace_set_account_paused (DeskWorkspace *self,
                                   gint64 account_id,
                                   gboolean paused,
                                   GError **error)
{
  g_autoptr (DeskAccount) account = NULL;

  g_return_val_if_fail (DESK_IS_WORKSPACE (self), FALSE);

  if (!desk_store_set_account_paused (self->store, account_id, paused, error))
    return FALSE;

  stop_channel (self, account_id);
  if (!paused && self->started)
    {
      account = find_account (self, account_id, error);
      if (account == NULL)
        return FALSE;
      start_channel (self, account);
    }

  emit_accounts_changed (self);
  return TRUE;
}

static void
on_clear_secrets_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!desk_secrets_clear_account_finish (DESK_SECRETS (source), result,
                                          &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Stops the account's channel, removes it and its conversations from the
 * store and its secrets from the keyring. Nothing changes on the network.
 * The account is gone from the store even when the keyring fails; the
 * error then says so. */
void
desk_workspace_remove_account_async (DeskWorkspace *self,
                                     gint64 account_id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (DeskAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (DESK_IS_WORKSPACE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_workspace_remove_account_async);

  account = find_account (self, account_id, &error);
  if (account == NULL
      || !desk_store_remove_account (self->store, account_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* After the store, so whoever follows the channels sees it gone. */
  stop_channel (self, account_id);
  emit_accounts_changed (self);

  /* Simulated accounts have no secrets, and no keyring may be running. */
  if (desk_account_get_simulated (account))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  desk_secrets_clear_account_async (self->secrets, account_id, cancellable,
                                    on_clear_secrets_cb,
                                    g_steal_pointer (&task));
}

gboolean
desk_workspace_remove_account_finish (DeskWorkspace *self,
                                      GAsyncResult *result,
                                      GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
