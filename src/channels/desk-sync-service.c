/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-sync"

#include "config.h"

#include "desk-sync-service.h"

/* Drives every channel's sync: when the channel asks (a push, a simulated
 * customer), every few minutes as a fallback, and on demand. One sync per
 * channel runs at a time; a request during a sync runs it again after. The
 * batch goes to the store in one transaction, with the cursor it ends at. */
struct _DeskSyncService
{
  GObject parent_instance;

  DeskStore *store;
  GPtrArray *entries; /* Entry */
  GPtrArray *removed; /* Entry of removed channels, until their sync ends */
  guint poll_source;
  guint n_syncs;
};

typedef struct
{
  DeskSyncService *self; /* unowned */
  DeskChannel *channel;
  char *cursor;
  GCancellable *cancellable;
  gulong sync_needed_handler;
  gboolean busy;
  gboolean again;
  gboolean removed; /* the channel was removed while a sync ran */
} Entry;

G_DEFINE_FINAL_TYPE (DeskSyncService, desk_sync_service, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

enum
{
  WARNING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define POLL_SECONDS 180

static void start_sync (Entry *entry);

static void
entry_free (Entry *entry)
{
  g_cancellable_cancel (entry->cancellable);
  g_clear_signal_handler (&entry->sync_needed_handler, entry->channel);
  g_clear_object (&entry->channel);
  g_clear_object (&entry->cancellable);
  g_free (entry->cursor);
  g_free (entry);
}

static void
update_busy (DeskSyncService *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_sync_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Entry *entry = user_data;
  DeskSyncService *self;
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GError) error = NULL;

  batch = desk_channel_sync_finish (DESK_CHANNEL (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* the entry is gone with its service, or kept in removed */
  if (entry->removed)
    {
      /* Whatever came back belongs to a paused or removed account. */
      g_ptr_array_remove_fast (entry->self->removed, entry);
      return;
    }

  self = entry->self;
  entry->busy = FALSE;
  self->n_syncs++;

  /* Per account, for the Accounts page; a failure to record it is no
   * reason to stop syncing. */
  if (!desk_store_set_account_sync_state (
          self->store, desk_channel_get_account_id (entry->channel),
          batch == NULL ? error->message : NULL, NULL))
    g_debug ("could not record the sync state");

  if (batch == NULL)
    {
      g_autofree char *text = g_strdup_printf (
          "%s: %s", desk_channel_get_network (entry->channel), error->message);
      g_signal_emit (self, signals[WARNING], 0, text);
    }
  else if (!desk_store_apply_batch (self->store, batch, NULL, &error))
    {
      /* Nothing of the batch was stored and the cursor stays, so the next
       * sync fetches the same messages again. */
      g_signal_emit (self, signals[WARNING], 0, error->message);
    }
  else
    {
      if (batch->cursor != NULL)
        {
          g_free (entry->cursor);
          entry->cursor = g_strdup (batch->cursor);
        }
      for (guint i = 0; i < batch->warnings->len; i++)
        g_signal_emit (self, signals[WARNING], 0,
                       g_ptr_array_index (batch->warnings, i));
    }

  if (entry->again)
    {
      entry->again = FALSE;
      start_sync (entry);
    }
  update_busy (self);
}

static void
start_sync (Entry *entry)
{
  if (entry->busy)
    {
      entry->again = TRUE;
      return;
    }

  entry->busy = TRUE;
  desk_channel_sync_async (entry->channel, entry->cursor, entry->cancellable,
                           on_sync_done_cb, entry);
  update_busy (entry->self);
}

static void
on_channel_sync_needed_cb (DeskChannel *channel, gpointer user_data)
{
  start_sync (user_data);
}

static gboolean
on_poll_cb (gpointer user_data)
{
  desk_sync_service_sync_now (user_data);
  return G_SOURCE_CONTINUE;
}

static void
desk_sync_service_get_property (GObject *object,
                                guint prop_id,
                                GValue *value,
                                GParamSpec *pspec)
{
  DeskSyncService *self = DESK_SYNC_SERVICE (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_BUSY:
        g_value_set_boolean (value, desk_sync_service_get_busy (self));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sync_service_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  DeskSyncService *self = DESK_SYNC_SERVICE (object);

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
desk_sync_service_dispose (GObject *object)
{
  DeskSyncService *self = DESK_SYNC_SERVICE (object);

  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_ptr_array_set_size (self->entries, 0);
  g_ptr_array_set_size (self->removed, 0);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_sync_service_parent_class)->dispose (object);
}

static void
desk_sync_service_finalize (GObject *object)
{
  DeskSyncService *self = DESK_SYNC_SERVICE (object);

  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->removed);

  G_OBJECT_CLASS (desk_sync_service_parent_class)->finalize (object);
}

static void
desk_sync_service_class_init (DeskSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = desk_sync_service_get_property;
  object_class->set_property = desk_sync_service_set_property;
  object_class->dispose = desk_sync_service_dispose;
  object_class->finalize = desk_sync_service_finalize;

  properties[PROP_STORE] = g_param_spec_object (
      "store", NULL, NULL, DESK_TYPE_STORE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean (
      "busy", NULL, NULL, FALSE,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Something the user should know: a sync failed, or items were
   * skipped. The text is for people. */
  signals[WARNING]
      = g_signal_new ("warning", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
desk_sync_service_init (DeskSyncService *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->removed = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->poll_source = g_timeout_add_seconds (POLL_SECONDS, on_poll_cb, self);
}

DeskSyncService *
desk_sync_service_new (DeskStore *store)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_SYNC_SERVICE, "store", store, NULL);
}

/* Starts syncing @channel from @cursor (NULL: from the beginning). */
void
desk_sync_service_add_channel (DeskSyncService *self,
                               DeskChannel *channel,
                               const char *cursor)
{
  Entry *entry;

  g_return_if_fail (DESK_IS_SYNC_SERVICE (self));
  g_return_if_fail (DESK_IS_CHANNEL (channel));

  entry = g_new0 (Entry, 1);
  entry->self = self;
  entry->channel = g_object_ref (channel);
  entry->cursor = g_strdup (cursor);
  entry->cancellable = g_cancellable_new ();
  entry->sync_needed_handler = g_signal_connect (
      channel, "sync-needed", G_CALLBACK (on_channel_sync_needed_cb), entry);
  g_ptr_array_add (self->entries, entry);

  start_sync (entry);
}

/* Stops syncing @channel (a paused or removed account); a sync under
 * way is cancelled and its batch never stored. */
void
desk_sync_service_remove_channel (DeskSyncService *self, DeskChannel *channel)
{
  g_return_if_fail (DESK_IS_SYNC_SERVICE (self));
  g_return_if_fail (DESK_IS_CHANNEL (channel));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->channel != channel)
        continue;

      /* A sync under way still calls back with the entry: it is freed
       * then, and its result ignored. */
      g_ptr_array_steal_index (self->entries, i);
      if (entry->busy)
        {
          entry->removed = TRUE;
          g_cancellable_cancel (entry->cancellable);
          g_clear_signal_handler (&entry->sync_needed_handler, entry->channel);
          g_ptr_array_add (self->removed, entry);
        }
      else
        entry_free (entry);
      update_busy (self);
      return;
    }
}

void
desk_sync_service_sync_now (DeskSyncService *self)
{
  g_return_if_fail (DESK_IS_SYNC_SERVICE (self));

  for (guint i = 0; i < self->entries->len; i++)
    start_sync (g_ptr_array_index (self->entries, i));
}

gboolean
desk_sync_service_get_busy (DeskSyncService *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SERVICE (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    if (((Entry *) g_ptr_array_index (self->entries, i))->busy)
      return TRUE;
  return FALSE;
}

/* Completed syncs, successful or not; lets tests wait for one. */
guint
desk_sync_service_get_n_syncs (DeskSyncService *self)
{
  g_return_val_if_fail (DESK_IS_SYNC_SERVICE (self), 0);

  return self->n_syncs;
}
