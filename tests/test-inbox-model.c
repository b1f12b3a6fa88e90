/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "core/desk-inbox-model.h"

#define NOW 1795000000

typedef struct
{
  char *dir;
  DeskClock *clock;
  DeskStore *store;
  gint64 account;
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("desk-inbox-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "socialdesk.db", NULL);
  f->clock = desk_clock_new_fake (NOW);
  f->store = desk_store_open (path, f->clock, &error);
  g_assert_no_error (error);
  f->account = desk_store_add_account (f->store, "bluesky", "did:plc:shop",
                                       "shop.bsky.social", "Shop", NULL, FALSE,
                                       &error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "socialdesk.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* @n customers, each with one question; the i-th waited i minutes less
 * than the one before, so "most urgent" is insertion order. */
static void
fill (Fixture *f, guint first, guint n)
{
  g_autoptr (DeskSyncBatch) batch = desk_sync_batch_new (f->account);
  g_autoptr (GError) error = NULL;

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *who = g_strdup_printf ("did:plc:c%u", i);
      g_autofree char *handle = g_strdup_printf ("c%u.bsky.social", i);
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      g_autofree char *post = g_strdup_printf ("post-%u", i);
      g_autofree char *body = g_strdup_printf ("%s fragt nach Lieferung %u",
                                               i % 2 ? "Sie" : "Er", i);

      desk_sync_batch_add_identity (batch, who, handle, name);
      desk_sync_batch_add_message (
          batch, post, post, DESK_CONVERSATION_KIND_PUBLIC,
          DESK_DIRECTION_INCOMING, who, body, NOW - 100000 + i * 10);
    }
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  g_assert_no_error (error);
}

static void
on_items_changed_cb (GListModel *model,
                     guint position,
                     guint removed,
                     guint added,
                     gpointer user_data)
{
  GArray *changes = user_data;
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
test_lazy (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskInboxModel) model = NULL;
  g_autoptr (DeskConversation) row = NULL;

  fill (f, 0, 2000);
  model = desk_inbox_model_new (f->store);

  /* Knowing the size reads no row; showing one reads just that one. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2000);
  g_assert_cmpuint (desk_inbox_model_get_n_loaded (model), ==, 0);
  row = g_list_model_get_item (G_LIST_MODEL (model), 1500);
  g_assert_cmpstr (desk_conversation_get_customer_name (row), ==,
                   "Customer 1500");
  g_assert_cmpuint (desk_inbox_model_get_n_loaded (model), ==, 1);

  /* Asking again is served from memory. */
  g_clear_object (&row);
  row = g_list_model_get_item (G_LIST_MODEL (model), 1500);
  g_assert_cmpuint (desk_inbox_model_get_n_loaded (model), ==, 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 2000));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model))
                 == DESK_TYPE_CONVERSATION);
}

static void
test_items_changed (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskInboxModel) model = NULL;
  g_autoptr (GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr (DeskConversation) before = NULL;
  g_autoptr (DeskConversation) after = NULL;
  g_autoptr (GError) error = NULL;
  Change *change;
  gint64 id;

  fill (f, 0, 10);
  model = desk_inbox_model_new (f->store);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb),
                    changes);

  /* A new conversation that waited less than all others lands at the end. */
  fill (f, 10, 1);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 10);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);

  /* Closing one removes just its row from the Open view. */
  g_array_set_size (changes, 0);
  id = desk_inbox_model_get_id (model, 3);
  g_assert_true (
      desk_store_set_status (f->store, id, DESK_STATUS_CLOSED, NULL, &error));
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 3);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);
  g_assert_cmpuint (desk_inbox_model_find (model, id), ==, G_MAXUINT);

  /* A change that keeps the order replaces only that row's item. */
  g_array_set_size (changes, 0);
  id = desk_inbox_model_get_id (model, 5);
  before = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_assert_true (
      desk_store_set_assignee (f->store, id, "Anna", "Anna", &error));
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 5);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  after = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_assert_null (desk_conversation_get_assignee (before));
  g_assert_cmpstr (desk_conversation_get_assignee (after), ==, "Anna");
}

static void
test_views_search_sort (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskInboxModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskConversation) first = NULL;
  GListModel *list;

  fill (f, 0, 20);
  model = desk_inbox_model_new (f->store);
  list = G_LIST_MODEL (model);

  g_assert_true (desk_store_set_assignee (
      f->store, desk_inbox_model_get_id (model, 0), "Anna", NULL, &error));
  g_assert_true (desk_store_set_status (f->store,
                                        desk_inbox_model_get_id (model, 1),
                                        DESK_STATUS_WAITING, NULL, &error));

  desk_inbox_model_set_me (model, "Anna");
  desk_inbox_model_set_view (model, DESK_VIEW_MINE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  desk_inbox_model_set_view (model, DESK_VIEW_WAITING);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  desk_inbox_model_set_view (model, DESK_VIEW_UNASSIGNED);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 18);
  desk_inbox_model_set_view (model, DESK_VIEW_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 20);

  desk_inbox_model_set_search (model, "sie lieferung");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 10);
  desk_inbox_model_set_search (model, "Customer 7");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  desk_inbox_model_set_search (model, "");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 20);

  desk_inbox_model_set_sort (model, DESK_SORT_NEWEST);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (desk_conversation_get_customer_name (first), ==,
                   "Customer 19");
  desk_inbox_model_set_network (model, "mastodon");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  desk_inbox_model_set_network (model, "bluesky");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 20);
}

static void
on_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  guint *count = user_data;
  (*count)++;
}

/* Each property notifies once per real change, never for no change. */
static void
test_notify_once (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskInboxModel) model = desk_inbox_model_new (f->store);
  const char *names[] = { "view", "sort", "search", "network", "me" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *signal = g_strdup_printf ("notify::%s", names[i]);
      guint count = 0;
      gulong handler
          = g_signal_connect (model, signal, G_CALLBACK (on_notify_cb), &count);

      if (i < 2)
        {
          g_object_set (model, names[i], 1, NULL);
          g_object_set (model, names[i], 1, NULL);
        }
      else
        {
          g_object_set (model, names[i], "x", NULL);
          g_object_set (model, names[i], "x", NULL);
        }
      g_assert_cmpuint (count, ==, 1);
      g_signal_handler_disconnect (model, handler);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/inbox-model/lazy", test_lazy);
  ADD ("/inbox-model/items-changed", test_items_changed);
  ADD ("/inbox-model/views-search-sort", test_views_search_sort);
  ADD ("/inbox-model/notify-once", test_notify_once);
#undef ADD

  return g_test_run ();
}
