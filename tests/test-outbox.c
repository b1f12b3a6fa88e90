/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "channels/desk-outbox.h"
#include "channels/desk-sync-service.h"

#define NOW 1795000000

/* A channel whose server fails the first few sends, and remembers every
 * post it accepted by idempotency key, as a real server would. */
#define TEST_TYPE_FLAKY (test_flaky_get_type ())
G_DECLARE_FINAL_TYPE (TestFlaky, test_flaky, TEST, FLAKY, DeskChannel)

struct _TestFlaky
{
  DeskChannel parent_instance;

  guint failures_left;
  gboolean permanent;
  guint attempts;
  GHashTable *posts; /* key -> remote id */
};

G_DEFINE_FINAL_TYPE (TestFlaky, test_flaky, DESK_TYPE_CHANNEL)

static const char *
test_flaky_get_network (DeskChannel *channel)
{
  return "mastodon";
}

static void
test_flaky_send_async (DeskChannel *channel,
                       const DeskOutboxEntry *entry,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  TestFlaky *self = TEST_FLAKY (channel);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  const char *existing;

  self->attempts++;
  if (self->failures_left > 0)
    {
      self->failures_left--;
      if (self->permanent)
        g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                                 DESK_CHANNEL_ERROR_TOO_LONG, "too long");
      else
        g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                                 DESK_CHANNEL_ERROR_NETWORK, "offline");
      return;
    }

  existing = g_hash_table_lookup (self->posts, entry->idempotency_key);
  if (existing == NULL)
    {
      existing = g_strdup_printf ("post-%u", g_hash_table_size (self->posts));
      g_hash_table_insert (self->posts, g_strdup (entry->idempotency_key),
                           (gpointer) existing);
    }
  g_task_return_pointer (task, g_strdup (existing), g_free);
}

static char *
test_flaky_send_finish (DeskChannel *channel,
                        GAsyncResult *result,
                        GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_flaky_sync_async (DeskChannel *channel,
                       const char *cursor,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr (GTask) task
      = g_task_new (channel, cancellable, callback, user_data);

  g_task_return_pointer (
      task, desk_sync_batch_new (desk_channel_get_account_id (channel)),
      (GDestroyNotify) desk_sync_batch_unref);
}

static DeskSyncBatch *
test_flaky_sync_finish (DeskChannel *channel,
                        GAsyncResult *result,
                        GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_flaky_finalize (GObject *object)
{
  g_hash_table_unref (TEST_FLAKY (object)->posts);
  G_OBJECT_CLASS (test_flaky_parent_class)->finalize (object);
}

static void
test_flaky_class_init (TestFlakyClass *klass)
{
  DeskChannelClass *channel_class = DESK_CHANNEL_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_flaky_finalize;
  channel_class->get_network = test_flaky_get_network;
  channel_class->send_async = test_flaky_send_async;
  channel_class->send_finish = test_flaky_send_finish;
  channel_class->sync_async = test_flaky_sync_async;
  channel_class->sync_finish = test_flaky_sync_finish;
}

static void
test_flaky_init (TestFlaky *self)
{
  self->posts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

typedef struct
{
  char *dir;
  char *path;
  DeskClock *clock;
  DeskStore *store;
  gint64 account;
  gint64 conversation;
} Fixture;

static void
open_store (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  f->store = desk_store_open (f->path, f->clock, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GArray) ids = NULL;
  DeskInboxFilter filter = { .view = DESK_VIEW_ALL };

  f->dir = g_dir_make_tmp ("desk-outbox-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "socialdesk.db", NULL);
  f->clock = desk_clock_new_fake (NOW);
  open_store (f);
  f->account = desk_store_add_account (f->store, "mastodon", "1", "@shop",
                                       "Shop", NULL, FALSE, &error);
  batch = desk_sync_batch_new (f->account);
  desk_sync_batch_add_identity (batch, "c1", "@jana", "Jana");
  desk_sync_batch_add_message (batch, "m1", "t1", 0, DESK_DIRECTION_INCOMING,
                               "c1", "Hallo?", NOW - 60);
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  ids = desk_store_query_conversation_ids (f->store, &filter, &error);
  f->conversation = g_array_index (ids, gint64, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (f->path, suffixes[i], NULL);
      g_remove (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static DeskDelivery
reply_delivery (Fixture *f, guint *n_outgoing)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) messages
      = desk_store_load_messages (f->store, f->conversation, &error);
  DeskDelivery delivery = DESK_DELIVERY_RECEIVED;

  *n_outgoing = 0;
  for (guint i = 0; i < messages->len; i++)
    if (desk_message_get_direction (messages->pdata[i])
        == DESK_DIRECTION_OUTGOING)
      {
        (*n_outgoing)++;
        delivery = desk_message_get_delivery (messages->pdata[i]);
      }
  return delivery;
}

static void
test_sends_at_once (Fixture *f, gconstpointer data)
{
  g_autoptr (TestFlaky) channel = g_object_new (
      TEST_TYPE_FLAKY, "account-id", f->account, "clock", f->clock, NULL);
  g_autoptr (DeskOutbox) outbox = desk_outbox_new (f->store);
  g_autoptr (GError) error = NULL;
  guint n;

  desk_outbox_add_channel (outbox, DESK_CHANNEL (channel));
  g_assert_cmpint (desk_store_queue_reply (f->store, f->conversation,
                                           "Hallo Jana!", 0, "Anna", &error),
                   >, 0);
  iterate ();
  g_assert_cmpint (reply_delivery (f, &n), ==, DESK_DELIVERY_SENT);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (channel->attempts, ==, 1);
  g_assert_cmpuint (desk_outbox_get_n_sent (outbox), ==, 1);
}

static void
test_retries_then_sends_once (Fixture *f, gconstpointer data)
{
  g_autoptr (TestFlaky) channel = g_object_new (
      TEST_TYPE_FLAKY, "account-id", f->account, "clock", f->clock, NULL);
  g_autoptr (DeskOutbox) outbox = desk_outbox_new (f->store);
  g_autoptr (GError) error = NULL;
  guint n;

  channel->failures_left = 2;
  desk_outbox_add_channel (outbox, DESK_CHANNEL (channel));
  desk_store_queue_reply (f->store, f->conversation, "Hallo!", 0, "Anna",
                          &error);
  iterate ();

  /* Offline: the reply waits, with its reason, and is not tried again
   * before its time. */
  g_assert_cmpint (reply_delivery (f, &n), ==, DESK_DELIVERY_QUEUED);
  g_assert_cmpuint (channel->attempts, ==, 1);
  desk_outbox_flush (outbox);
  g_assert_cmpuint (channel->attempts, ==, 1);

  desk_clock_advance (f->clock, desk_outbox_backoff_seconds (1) * 2);
  desk_outbox_flush (outbox);
  iterate ();
  g_assert_cmpuint (channel->attempts, ==, 2);
  desk_clock_advance (f->clock, desk_outbox_backoff_seconds (2) * 2);
  desk_outbox_flush (outbox);
  iterate ();

  g_assert_cmpuint (channel->attempts, ==, 3);
  g_assert_cmpint (reply_delivery (f, &n), ==, DESK_DELIVERY_SENT);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (g_hash_table_size (channel->posts), ==, 1);
}

static void
test_permanent_failure_waits_for_agent (Fixture *f, gconstpointer data)
{
  g_autoptr (TestFlaky) channel = g_object_new (
      TEST_TYPE_FLAKY, "account-id", f->account, "clock", f->clock, NULL);
  g_autoptr (DeskOutbox) outbox = desk_outbox_new (f->store);
  g_autoptr (GError) error = NULL;
  gint64 message_id;
  guint n;

  channel->failures_left = 1;
  channel->permanent = TRUE;
  desk_outbox_add_channel (outbox, DESK_CHANNEL (channel));
  message_id = desk_store_queue_reply (f->store, f->conversation, "Hallo!", 0,
                                       "Anna", &error);
  iterate ();
  g_assert_cmpint (reply_delivery (f, &n), ==, DESK_DELIVERY_FAILED);

  desk_clock_advance (f->clock, 3600);
  desk_outbox_flush (outbox);
  iterate ();
  g_assert_cmpuint (channel->attempts, ==, 1);

  g_assert_true (desk_store_retry_reply (f->store, message_id, &error));
  iterate ();
  g_assert_cmpint (reply_delivery (f, &n), ==, DESK_DELIVERY_SENT);
  g_assert_cmpuint (channel->attempts, ==, 2);
}

/* The app dies while a reply is being sent; on the next start the outbox
 * sends it again with the same key, and the server keeps one post. */
static void
test_restart_mid_send (Fixture *f, gconstpointer data)
{
  g_autoptr (TestFlaky) channel = g_object_new (
      TEST_TYPE_FLAKY, "account-id", f->account, "clock", f->clock, NULL);
  g_autoptr (DeskOutbox) outbox = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GError) error = NULL;
  gint64 message_id;
  guint n;

  message_id = desk_store_queue_reply (f->store, f->conversation, "Hallo!", 0,
                                       "Anna", &error);
  due = desk_store_list_due_outbox (f->store, f->account, &error);
  g_assert_true (desk_store_mark_sending (f->store, message_id, &error));
  /* The server accepted it, but the answer never arrived. */
  g_hash_table_insert (
      channel->posts,
      g_strdup (((DeskOutboxEntry *) due->pdata[0])->idempotency_key),
      g_strdup ("post-0"));

  g_clear_object (&f->store);
  open_store (f);
  outbox = desk_outbox_new (f->store);
  desk_outbox_add_channel (outbox, DESK_CHANNEL (channel));
  iterate ();

  g_assert_cmpint (reply_delivery (f, &n), ==, DESK_DELIVERY_SENT);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (g_hash_table_size (channel->posts), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/outbox/sends-at-once", test_sends_at_once);
  ADD ("/outbox/retries-then-sends-once", test_retries_then_sends_once);
  ADD ("/outbox/permanent-failure", test_permanent_failure_waits_for_agent);
  ADD ("/outbox/restart-mid-send", test_restart_mid_send);
#undef ADD

  return g_test_run ();
}
