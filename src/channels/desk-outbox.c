/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-outbox"

#include "config.h"

#include "desk-outbox.h"

/* Sends queued replies. The store already holds every reply with its
 * idempotency key before this runs, so a crash at any point leaves the
 * reply queued, and the next attempt carries the same key. One reply per
 * channel is in flight at a time, in the order they were written. */
struct _DeskOutbox
{
  GObject parent_instance;

  DeskStore *store;
  gulong changed_handler;
  GPtrArray *entries; /* Entry */
  GPtrArray *removed; /* Entry of removed channels, until their send ends */
  guint timer;
  guint n_sent;
};

typedef struct
{
  DeskOutbox *self; /* unowned */
  DeskChannel *channel;
  GCancellable *cancellable;
  DeskOutboxEntry *in_flight;
  gboolean removed;
} Entry;

G_DEFINE_FINAL_TYPE (DeskOutbox, desk_outbox, G_TYPE_OBJECT)

#define MAX_BACKOFF_SECONDS (15 * 60)

static void send_next (Entry *entry);
static void schedule_retry (DeskOutbox *self);

static void
entry_free (Entry *entry)
{
  g_cancellable_cancel (entry->cancellable);
  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->channel);
  g_clear_pointer (&entry->in_flight, desk_outbox_entry_free);
  g_free (entry);
}

guint
desk_outbox_backoff_seconds (guint attempts)
{
  guint seconds = 5;

  for (guint i = 1; i < attempts && seconds < MAX_BACKOFF_SECONDS; i++)
    seconds *= 2;
  return MIN (seconds, MAX_BACKOFF_SECONDS);
}

static gboolean
error_is_temporary (const GError *error)
{
  return g_error_matches (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK)
         || g_error_matches (error, DESK_CHANNEL_ERROR,
                             DESK_CHANNEL_ERROR_RATE_LIMIT)
         || error->domain == G_IO_ERROR;
}

static void
on_send_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Entry *entry = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) store_error = NULL;
  g_autoptr (DeskOutboxEntry) sent = NULL;
  g_autofree char *remote_id = NULL;
  DeskOutbox *self;

  remote_id = desk_channel_send_finish (DESK_CHANNEL (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* the reply stays queued for the next start */
  if (entry->removed)
    {
      /* The account was paused or removed: the reply is found in the
       * thread (or sent) when it starts again. */
      g_ptr_array_remove_fast (entry->self->removed, entry);
      return;
    }

  self = entry->self;
  sent = g_steal_pointer (&entry->in_flight);

  if (remote_id != NULL)
    {
      if (desk_store_mark_sent (self->store, sent->message_id, remote_id,
                                &store_error))
        self->n_sent++;
    }
  else if (error_is_temporary (error))
    {
      gint64 wait = desk_outbox_backoff_seconds (sent->attempts + 1);

      /* Jitter, so replies held back by one outage do not all return to
       * the server in the same second. */
      wait += g_random_int_range (0, (gint32) (wait / 4 + 1));
      desk_store_mark_failed (
          self->store, sent->message_id, error->message,
          desk_clock_get_now (desk_store_get_clock (self->store)) + wait,
          &store_error);
    }
  else
    desk_store_mark_failed (self->store, sent->message_id, error->message, 0,
                            &store_error);

  if (store_error != NULL)
    g_warning ("could not record the result of sending reply %" G_GINT64_FORMAT
               ": %s",
               sent->message_id, store_error->message);

  send_next (entry);
  schedule_retry (self);
}

static void
send_next (Entry *entry)
{
  DeskOutbox *self = entry->self;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GError) error = NULL;

  if (entry->in_flight != NULL)
    return;

  due = desk_store_list_due_outbox (
      self->store, desk_channel_get_account_id (entry->channel), &error);
  if (due == NULL)
    {
      g_warning ("could not read the outbox: %s", error->message);
      return;
    }
  if (due->len == 0)
    return;

  entry->in_flight = desk_outbox_entry_copy (g_ptr_array_index (due, 0));
  if (!desk_store_mark_sending (self->store, entry->in_flight->message_id,
                                &error))
    {
      g_warning ("could not start sending: %s", error->message);
      g_clear_pointer (&entry->in_flight, desk_outbox_entry_free);
      return;
    }

  desk_channel_send_async (entry->channel, entry->in_flight, entry->cancellable,
                           on_send_done_cb, entry);
}

static void
on_store_changed_cb (DeskOutbox *self, GArray *changed, DeskStore *store)
{
  desk_outbox_flush (self);
}

static gboolean
on_timer_cb (gpointer user_data)
{
  DeskOutbox *self = user_data;

  self->timer = 0;
  desk_outbox_flush (self);
  return G_SOURCE_REMOVE;
}

/* New replies start at once (the store announces them); retries wait
 * for their time. One timer for the earliest one, none when nothing
 * waits, so an idle app does not wake up for the outbox. */
static void
schedule_retry (DeskOutbox *self)
{
  gint64 now = desk_clock_get_now (desk_store_get_clock (self->store));
  gint64 next = 0;

  g_clear_handle_id (&self->timer, g_source_remove);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      gint64 at;

      if (entry->in_flight != NULL)
        continue;
      at = desk_store_get_next_outbox_attempt (
          self->store, desk_channel_get_account_id (entry->channel));
      if (at > 0 && at < G_MAXINT64 && (next == 0 || at < next))
        next = at;
    }

  if (next > 0)
    self->timer = g_timeout_add_seconds ((guint) CLAMP (next - now, 1, 3600),
                                         on_timer_cb, self);
}

static void
desk_outbox_dispose (GObject *object)
{
  DeskOutbox *self = DESK_OUTBOX (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_ptr_array_set_size (self->entries, 0);
  g_ptr_array_set_size (self->removed, 0);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_outbox_parent_class)->dispose (object);
}

static void
desk_outbox_finalize (GObject *object)
{
  DeskOutbox *self = DESK_OUTBOX (object);

  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->removed);

  G_OBJECT_CLASS (desk_outbox_parent_class)->finalize (object);
}

static void
desk_outbox_class_init (DeskOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_outbox_dispose;
  object_class->finalize = desk_outbox_finalize;
}

static void
desk_outbox_init (DeskOutbox *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->removed = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
}

DeskOutbox *
desk_outbox_new (DeskStore *store)
{
  DeskOutbox *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect_object (
      store, "conversations-changed", G_CALLBACK (on_store_changed_cb), self,
      G_CONNECT_SWAPPED);
  return self;
}

/* Sends @channel's replies from now on, starting with those left queued
 * by an earlier run. */
void
desk_outbox_add_channel (DeskOutbox *self, DeskChannel *channel)
{
  Entry *entry;

  g_return_if_fail (DESK_IS_OUTBOX (self));
  g_return_if_fail (DESK_IS_CHANNEL (channel));

  entry = g_new0 (Entry, 1);
  entry->self = self;
  entry->channel = g_object_ref (channel);
  entry->cancellable = g_cancellable_new ();
  g_ptr_array_add (self->entries, entry);

  send_next (entry);
}

/* Stops sending on @channel (a paused or removed account); its queued
 * replies stay queued in the store. */
void
desk_outbox_remove_channel (DeskOutbox *self, DeskChannel *channel)
{
  g_return_if_fail (DESK_IS_OUTBOX (self));
  g_return_if_fail (DESK_IS_CHANNEL (channel));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->channel != channel)
        continue;
      g_ptr_array_steal_index (self->entries, i);
      g_cancellable_cancel (entry->cancellable);
      /* A send under way still calls back with the entry. */
      if (entry->in_flight != NULL)
        {
          entry->removed = TRUE;
          g_ptr_array_add (self->removed, entry);
        }
      else
        entry_free (entry);
      return;
    }
}

/* Starts whatever is due on every channel that is idle. */
void
desk_outbox_flush (DeskOutbox *self)
{
  g_return_if_fail (DESK_IS_OUTBOX (self));

  for (guint i = 0; i < self->entries->len; i++)
    send_next (g_ptr_array_index (self->entries, i));
  schedule_retry (self);
}

guint
desk_outbox_get_n_sent (DeskOutbox *self)
{
  g_return_val_if_fail (DESK_IS_OUTBOX (self), 0);

  return self->n_sent;
}
