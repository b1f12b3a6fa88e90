/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "channels/demo/desk-demo-channel.h"
#include "channels/demo/desk-demo-script.h"

/* A fixed "now" (June 2024), so ages are exact. */
#define NOW G_GINT64_CONSTANT (1718000000)

static void
on_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static DeskSyncBatch *
sync_now (DeskChannel *channel, const char *cursor)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  DeskSyncBatch *batch;

  desk_channel_sync_async (channel, cursor, NULL, on_result_cb, &result);
  wait_for (&result);
  batch = desk_channel_sync_finish (channel, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);
  g_assert_nonnull (batch->cursor);
  return batch;
}

static char *
send_now (DeskChannel *channel, const DeskOutboxEntry *entry, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_send_async (channel, entry, NULL, on_result_cb, &result);
  wait_for (&result);
  return desk_channel_send_finish (channel, result, error);
}

static gboolean
moderate_now (DeskChannel *channel, const char *remote_id, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_moderate_async (channel, remote_id, TRUE, NULL, on_result_cb,
                               &result);
  wait_for (&result);
  return desk_channel_moderate_finish (channel, result, error);
}

static gboolean
on_quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the real default main loop, where the channel's timers live. */
static void
run_loop_for (guint ms)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, on_quit_cb, loop);
  g_main_loop_run (loop);
}

static void
on_sync_needed_cb (DeskChannel *channel, gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

static DeskChannel *
new_channel (gint64 account_id,
             const char *flavour,
             DeskClock *clock,
             guint interval,
             guint answer_delay)
{
  return g_object_new (DESK_TYPE_DEMO_CHANNEL, "account-id", account_id,
                       "flavour", flavour, "clock", clock, "interval", interval,
                       "answer-delay", answer_delay, NULL);
}

static DeskSyncIdentity *
find_identity (DeskSyncBatch *batch, const char *remote_id)
{
  for (guint i = 0; i < batch->identities->len; i++)
    {
      DeskSyncIdentity *identity = g_ptr_array_index (batch->identities, i);

      if (g_strcmp0 (identity->remote_id, remote_id) == 0)
        return identity;
    }
  return NULL;
}

static DeskSyncIdentity *
find_identity_by_handle (DeskSyncBatch *batch, const char *handle)
{
  for (guint i = 0; i < batch->identities->len; i++)
    {
      DeskSyncIdentity *identity = g_ptr_array_index (batch->identities, i);

      if (g_strcmp0 (identity->handle, handle) == 0)
        return identity;
    }
  return NULL;
}

static guint
count_messages_with_id (DeskSyncBatch *batch, const char *remote_id)
{
  guint n = 0;

  for (guint i = 0; i < batch->messages->len; i++)
    {
      DeskSyncMessage *message = g_ptr_array_index (batch->messages, i);

      if (g_strcmp0 (message->remote_id, remote_id) == 0)
        n++;
    }
  return n;
}

/* The latest message of each thread, by thread remote id. */
static GHashTable *
collect_last_messages (DeskSyncBatch *batch)
{
  GHashTable *last = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < batch->messages->len; i++)
    {
      DeskSyncMessage *message = g_ptr_array_index (batch->messages, i);
      DeskSyncMessage *before
          = g_hash_table_lookup (last, message->thread_remote_id);

      if (before == NULL || message->created_at >= before->created_at)
        g_hash_table_insert (last, message->thread_remote_id, message);
    }
  return last;
}

/* A customer's message whose thread is public and waits for an answer. */
static DeskSyncMessage *
find_open_public_message (DeskSyncBatch *batch)
{
  g_autoptr (GHashTable) last = collect_last_messages (batch);
  DeskSyncMessage *found = NULL;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, last);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DeskSyncMessage *message = value;

      /* Smallest remote id, so the pick does not depend on hash order. */
      if (message->direction == DESK_DIRECTION_INCOMING
          && message->kind == DESK_CONVERSATION_KIND_PUBLIC
          && (found == NULL
              || strcmp (message->remote_id, found->remote_id) < 0))
        found = message;
    }
  g_assert_nonnull (found);
  return found;
}

static void
test_script (void)
{
  guint n_mastodon = 0;
  guint n_bluesky = 0;
  gboolean jana_mastodon = FALSE;
  gboolean jana_bluesky = FALSE;

  g_assert_cmpuint (desk_demo_script_get_n_conversations (), >=, 60);

  for (guint i = 0; i < desk_demo_script_get_n_conversations (); i++)
    {
      const DeskDemoConversation *conversation
          = desk_demo_script_get_conversation (i);
      const DeskDemoCustomer *customer
          = desk_demo_script_find_customer (conversation->customer);
      guint n = desk_demo_script_count_lines (conversation);
      DeskDirection last;

      g_assert_nonnull (customer);
      g_assert_nonnull (
          desk_demo_script_get_handle (customer, conversation->flavour));
      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpint (conversation->lines[0].direction, ==,
                       DESK_DIRECTION_INCOMING);

      /* The age category must fit who had the last word. */
      last = conversation->lines[n - 1].direction;
      if (conversation->age == DESK_DEMO_AGE_ANSWERED)
        g_assert_cmpint (last, ==, DESK_DIRECTION_OUTGOING);
      else
        g_assert_cmpint (last, ==, DESK_DIRECTION_INCOMING);

      if (conversation->flavour == DESK_DEMO_FLAVOUR_MASTODON)
        n_mastodon++;
      else
        n_bluesky++;

      if (g_strcmp0 (conversation->customer, "jana") == 0)
        {
          jana_mastodon |= conversation->flavour == DESK_DEMO_FLAVOUR_MASTODON;
          jana_bluesky |= conversation->flavour == DESK_DEMO_FLAVOUR_BLUESKY;
        }
    }

  /* About half each. */
  g_assert_cmpuint (n_mastodon, >=, 25);
  g_assert_cmpuint (n_bluesky, >=, 25);
  g_assert_true (jana_mastodon);
  g_assert_true (jana_bluesky);

  for (guint i = 0; i < desk_demo_script_get_n_customers (); i++)
    {
      const DeskDemoCustomer *customer = desk_demo_script_get_customer (i);

      g_assert_true (desk_demo_script_find_customer (customer->key)
                     == customer);
      g_assert_true (g_strcmp0 (customer->language, "de") == 0
                     || g_strcmp0 (customer->language, "en") == 0);
      g_assert_true (customer->mastodon_handle != NULL
                     || customer->bluesky_handle != NULL);
    }
}

/* Distinct texts a picker returns over many draws. */
static GHashTable *
collect_picks (const char *(*pick) (GRand *, const char *, gboolean),
               gboolean flag)
{
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  const char *languages[] = { "de", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint i = 0; i < 2000; i++)
      g_hash_table_add (seen, (gpointer) pick (rand, languages[l], flag));
  return seen;
}

static const char *
pick_new_message (GRand *rand, const char *language, gboolean unused)
{
  return desk_demo_script_pick_new_message (rand, language);
}

static void
test_pools (void)
{
  g_autoptr (GHashTable) news = collect_picks (pick_new_message, FALSE);
  g_autoptr (GHashTable) nudges
      = collect_picks (desk_demo_script_pick_follow_up, FALSE);
  g_autoptr (GHashTable) more
      = collect_picks (desk_demo_script_pick_follow_up, TRUE);
  g_autoptr (GHashTable) answers
      = collect_picks (desk_demo_script_pick_answer, FALSE);
  g_autoptr (GHashTable) troll
      = collect_picks (desk_demo_script_pick_answer, TRUE);
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);

  g_assert_cmpuint (g_hash_table_size (news), >=, 15);
  g_assert_cmpuint (g_hash_table_size (nudges) + g_hash_table_size (more), >=,
                    15);
  g_assert_cmpuint (g_hash_table_size (answers), >=, 15);
  g_assert_cmpuint (g_hash_table_size (troll), >=, 2);

  /* A language without a pool falls back rather than failing. */
  g_assert_nonnull (desk_demo_script_pick_answer (rand, "fr", FALSE));
}

static void
test_troll_answer (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) channel = new_channel (1, "mastodon", clock, 0, 0);
  g_autoptr (DeskSyncBatch) first = sync_now (channel, NULL);
  g_autoptr (DeskSyncBatch) answered = NULL;
  g_autoptr (GHashTable) troll_lines
      = collect_picks (desk_demo_script_pick_answer, TRUE);
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_id = NULL;
  const DeskDemoCustomer *troll = NULL;
  DeskSyncIdentity *identity;
  DeskSyncMessage *from_troll = NULL;
  DeskSyncMessage *message;
  DeskOutboxEntry entry = { 0 };
  guint n_signals = 0;

  for (guint i = 0; i < desk_demo_script_get_n_customers () && !troll; i++)
    if (desk_demo_script_get_customer (i)->troll)
      troll = desk_demo_script_get_customer (i);
  g_assert_nonnull (troll);
  identity = find_identity_by_handle (first, troll->mastodon_handle);
  g_assert_nonnull (identity);
  for (guint i = 0; i < first->messages->len; i++)
    {
      message = g_ptr_array_index (first->messages, i);
      if (g_strcmp0 (message->author_remote_id, identity->remote_id) == 0)
        from_troll = message;
    }
  g_assert_nonnull (from_troll);

  entry.kind = from_troll->kind;
  entry.thread_remote_id = from_troll->thread_remote_id;
  entry.in_reply_to = from_troll->remote_id;
  entry.body
      = (char *) "Schade, dass du das so siehst. Unser Angebot steht. ^Tom";
  entry.idempotency_key = (char *) "troll-1";
  g_signal_connect (channel, "sync-needed", G_CALLBACK (on_sync_needed_cb),
                    &n_signals);
  remote_id = send_now (channel, &entry, &error);
  g_assert_no_error (error);

  while (n_signals == 0)
    g_main_context_iteration (NULL, TRUE);

  answered = sync_now (channel, first->cursor);
  g_assert_cmpuint (answered->messages->len, ==, 2);
  message = g_ptr_array_index (answered->messages, 1);
  g_assert_cmpstr (message->author_remote_id, ==, identity->remote_id);
  g_assert_cmpstr (message->in_reply_to, ==, remote_id);
  g_assert_true (g_hash_table_contains (troll_lines, message->body));
}

static void
test_workspace (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) mastodon = new_channel (1, "mastodon", clock, 60, 8);
  g_autoptr (DeskChannel) bluesky = new_channel (2, "bluesky", clock, 60, 8);
  g_autoptr (DeskSyncBatch) mastodon_batch = sync_now (mastodon, NULL);
  g_autoptr (DeskSyncBatch) bluesky_batch = sync_now (bluesky, NULL);
  g_autoptr (GHashTable) mastodon_names
      = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) bluesky_names
      = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *names[] = { mastodon_names, bluesky_names };
  DeskSyncBatch *batches[] = { mastodon_batch, bluesky_batch };
  DeskChannel *channels[] = { mastodon, bluesky };
  guint n_threads = 0;
  guint n_private = 0;
  guint n_public = 0;
  guint n_de = 0;
  guint n_en = 0;
  guint n_due = 0;
  guint n_overdue = 0;
  guint n_fresh = 0;
  guint n_answered = 0;
  guint n_troll = 0;
  gint64 max_followers = 0;
  gboolean shared_name = FALSE;

  for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
    {
      DeskSyncBatch *batch = batches[b];
      g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GHashTable) identity_ids
          = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GHashTable) last = collect_last_messages (batch);
      guint max_length = desk_channel_get_max_length (channels[b]);
      GHashTableIter iter;
      gpointer value;

      g_assert_cmpint (batch->account_id, ==, b + 1);

      for (guint i = 0; i < batch->identities->len; i++)
        {
          DeskSyncIdentity *identity = g_ptr_array_index (batch->identities, i);

          g_assert_true (g_hash_table_add (identity_ids, identity->remote_id));
          g_assert_nonnull (identity->handle);
          g_assert_nonnull (identity->display_name);
          g_assert_nonnull (identity->bio);
          g_assert_true (g_strcmp0 (identity->language, "de") == 0
                         || g_strcmp0 (identity->language, "en") == 0);
          if (b == 0)
            g_assert_true (g_str_has_prefix (identity->handle, "@"));
          else
            {
              g_assert_true (
                  g_str_has_suffix (identity->handle, ".bsky.social"));
              g_assert_true (
                  g_str_has_prefix (identity->remote_id, "did:plc:"));
            }
          max_followers = MAX (max_followers, identity->followers);
          g_hash_table_add (names[b], identity->display_name);
        }

      for (guint i = 0; i < batch->messages->len; i++)
        {
          DeskSyncMessage *message = g_ptr_array_index (batch->messages, i);

          /* Unique per account, answers point at something we have seen. */
          g_assert_true (g_hash_table_add (ids, message->remote_id));
          g_assert_nonnull (message->thread_remote_id);
          if (message->in_reply_to != NULL)
            g_assert_true (g_hash_table_contains (ids, message->in_reply_to));

          if (message->direction == DESK_DIRECTION_INCOMING)
            g_assert_true (g_hash_table_contains (identity_ids,
                                                  message->author_remote_id));
          else
            g_assert_cmpint (message->direction, ==, DESK_DIRECTION_OUTGOING);

          g_assert_cmpint (message->created_at, <=, NOW);
          g_assert_cmpint (message->created_at, >, NOW - 7 * 24 * 3600);
          g_assert_cmpuint (
              desk_channel_count_length (channels[b], message->body), <=,
              max_length);
        }

      g_hash_table_iter_init (&iter, last);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          DeskSyncMessage *message = value;
          DeskSyncMessage *first = NULL;
          gint64 age = NOW - message->created_at;
          DeskSyncIdentity *customer;

          n_threads++;
          if (message->kind == DESK_CONVERSATION_KIND_PRIVATE)
            n_private++;
          else
            n_public++;

          /* The thread's language is its customer's. */
          for (guint i = 0; i < batch->messages->len && first == NULL; i++)
            {
              DeskSyncMessage *m = g_ptr_array_index (batch->messages, i);

              if (strcmp (m->thread_remote_id, message->thread_remote_id) == 0
                  && m->direction == DESK_DIRECTION_INCOMING)
                first = m;
            }
          g_assert_nonnull (first);
          customer = first != NULL
                         ? find_identity (batch, first->author_remote_id)
                         : NULL;
          g_assert_nonnull (customer);
          if (customer != NULL && g_strcmp0 (customer->language, "de") == 0)
            n_de++;
          else if (customer != NULL
                   && g_strcmp0 (customer->language, "en") == 0)
            n_en++;

          if (message->direction == DESK_DIRECTION_OUTGOING)
            n_answered++;
          else if (age >= 40 * 60 && age <= 58 * 60)
            n_due++;
          else if (age > 2 * 3600)
            n_overdue++;
          else if (age < 15 * 60)
            n_fresh++;
        }

      /* The troll is there and has written. */
      for (guint i = 0; i < desk_demo_script_get_n_customers (); i++)
        {
          const DeskDemoCustomer *c = desk_demo_script_get_customer (i);
          const char *handle = desk_demo_script_get_handle (
              c,
              b == 0 ? DESK_DEMO_FLAVOUR_MASTODON : DESK_DEMO_FLAVOUR_BLUESKY);
          DeskSyncIdentity *identity;

          if (!c->troll || handle == NULL)
            continue;
          identity = find_identity_by_handle (batch, handle);
          if (identity == NULL)
            continue;
          for (guint j = 0; j < batch->messages->len; j++)
            {
              DeskSyncMessage *m = g_ptr_array_index (batch->messages, j);

              if (g_strcmp0 (m->author_remote_id, identity->remote_id) == 0)
                n_troll++;
            }
        }
    }

  g_assert_cmpuint (n_threads, >=, 60);
  g_assert_cmpuint (n_private, >=, 1);
  g_assert_cmpuint (n_public, >=, 30);
  g_assert_cmpuint (n_de, >, n_en);
  g_assert_cmpuint (n_en, >=, n_threads / 5);
  g_assert_cmpuint (n_due, >=, 5);
  g_assert_cmpuint (n_overdue, >=, 5);
  g_assert_cmpuint (n_fresh, >=, 5);
  g_assert_cmpuint (n_answered, >=, 20);
  g_assert_cmpuint (n_troll, >=, 1);
  g_assert_cmpint (max_followers, >=, 100000);

  /* One person writes on both networks, under the same name. */
  {
    GHashTableIter iter;
    gpointer name;

    g_hash_table_iter_init (&iter, names[0]);
    while (g_hash_table_iter_next (&iter, &name, NULL))
      shared_name |= g_hash_table_contains (names[1], name);
  }
  g_assert_true (shared_name);
  g_assert_true (g_hash_table_contains (names[0], "Jana Köhler"));
  g_assert_true (g_hash_table_contains (names[1], "Jana Köhler"));
}

static void
assert_same_batch (DeskSyncBatch *a, DeskSyncBatch *b)
{
  g_assert_cmpuint (a->messages->len, ==, b->messages->len);
  g_assert_cmpuint (a->identities->len, ==, b->identities->len);
  for (guint i = 0; i < a->messages->len; i++)
    {
      DeskSyncMessage *x = g_ptr_array_index (a->messages, i);
      DeskSyncMessage *y = g_ptr_array_index (b->messages, i);

      g_assert_cmpstr (x->remote_id, ==, y->remote_id);
      g_assert_cmpstr (x->thread_remote_id, ==, y->thread_remote_id);
      g_assert_cmpstr (x->author_remote_id, ==, y->author_remote_id);
      g_assert_cmpstr (x->body, ==, y->body);
      g_assert_cmpstr (x->in_reply_to, ==, y->in_reply_to);
      g_assert_cmpint (x->created_at, ==, y->created_at);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->direction, ==, y->direction);
    }
}

static void
test_cursor (gconstpointer data)
{
  const char *flavour = data;
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) channel = new_channel (1, flavour, clock, 60, 8);
  g_autoptr (DeskSyncBatch) first = sync_now (channel, NULL);
  g_autoptr (DeskSyncBatch) next = NULL;
  g_autoptr (DeskSyncBatch) again = NULL;
  g_autoptr (DeskSyncBatch) foreign = NULL;

  g_assert_cmpuint (first->messages->len, >, 0);

  /* Nothing happened since. */
  next = sync_now (channel, first->cursor);
  g_assert_cmpuint (next->messages->len, ==, 0);
  g_assert_cmpuint (next->identities->len, ==, 0);
  g_assert_cmpstr (next->cursor, ==, first->cursor);

  /* From the start again: the same messages with the same ids, even though
   * the clock moved on. */
  desk_clock_advance (clock, 600);
  again = sync_now (channel, NULL);
  assert_same_batch (first, again);

  /* A cursor of another run starts over rather than losing messages. */
  foreign = sync_now (channel, "0badc0de:5");
  assert_same_batch (first, foreign);
}

static void
test_deterministic (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) one = new_channel (1, "bluesky", clock, 60, 8);
  g_autoptr (DeskChannel) two = new_channel (1, "bluesky", clock, 60, 8);
  g_autoptr (DeskChannel) other = NULL;
  g_autoptr (DeskSyncBatch) a = sync_now (one, NULL);
  g_autoptr (DeskSyncBatch) b = sync_now (two, NULL);
  g_autoptr (DeskSyncBatch) c = NULL;
  gboolean differs = FALSE;

  assert_same_batch (a, b);

  other = g_object_new (DESK_TYPE_DEMO_CHANNEL, "account-id", (gint64) 1,
                        "flavour", "bluesky", "clock", clock, "seed", 7u, NULL);
  c = sync_now (other, NULL);
  g_assert_cmpuint (c->messages->len, ==, a->messages->len);
  for (guint i = 0; i < a->messages->len; i++)
    {
      DeskSyncMessage *x = g_ptr_array_index (a->messages, i);
      DeskSyncMessage *y = g_ptr_array_index (c->messages, i);

      /* Ids are stable across seeds (a restart must not duplicate the
       * workspace); only the timing varies. */
      g_assert_cmpstr (x->remote_id, ==, y->remote_id);
      differs |= x->created_at != y->created_at;
    }
  g_assert_true (differs);
}

static void
test_live (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) mastodon = NULL;
  g_autoptr (DeskChannel) bluesky = NULL;
  g_autoptr (DeskSyncBatch) mastodon_first = NULL;
  g_autoptr (DeskSyncBatch) bluesky_first = NULL;
  DeskChannel *channels[2];
  DeskSyncBatch *firsts[2];
  guint n_signals[2] = { 0, 0 };

  /* The interval is set at construction, as the app's settings would. */
  mastodon = g_object_new (DESK_TYPE_DEMO_CHANNEL, "account-id", (gint64) 1,
                           "flavour", "mastodon", "clock", clock, "interval",
                           1u, NULL);
  bluesky = g_object_new (DESK_TYPE_DEMO_CHANNEL, "account-id", (gint64) 2,
                          "flavour", "bluesky", "clock", clock, "interval", 1u,
                          NULL);
  g_assert_cmpuint (
      desk_demo_channel_get_interval (DESK_DEMO_CHANNEL (mastodon)), ==, 1);
  mastodon_first = sync_now (mastodon, NULL);
  bluesky_first = sync_now (bluesky, NULL);
  channels[0] = mastodon;
  channels[1] = bluesky;
  firsts[0] = mastodon_first;
  firsts[1] = bluesky_first;

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    g_signal_connect (channels[c], "sync-needed",
                      G_CALLBACK (on_sync_needed_cb), &n_signals[c]);
  desk_clock_advance (clock, 60);
  run_loop_for (1500);

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    {
      g_autoptr (DeskSyncBatch) news = NULL;
      g_autoptr (GHashTable) threads = collect_last_messages (firsts[c]);

      g_assert_cmpuint (n_signals[c], >=, 1);

      news = sync_now (channels[c], firsts[c]->cursor);
      g_assert_cmpuint (news->messages->len, ==, n_signals[c]);
      for (guint i = 0; i < news->messages->len; i++)
        {
          DeskSyncMessage *message = g_ptr_array_index (news->messages, i);

          g_assert_cmpint (message->direction, ==, DESK_DIRECTION_INCOMING);
          g_assert_cmpint (message->created_at, ==, desk_clock_get_now (clock));
          g_assert_nonnull (find_identity (news, message->author_remote_id));
          g_assert_cmpuint (
              count_messages_with_id (firsts[c], message->remote_id), ==, 0);
          /* Either a new conversation or a follow-up in a known one. */
          g_assert_true (
              message->in_reply_to == NULL
              || g_hash_table_contains (threads, message->thread_remote_id));
          g_assert_cmpuint (
              desk_channel_count_length (channels[c], message->body), <=,
              desk_channel_get_max_length (channels[c]));
        }
    }

  /* Interval 0 stops the generator. */
  g_object_set (mastodon, "interval", 0u, NULL);
  g_object_set (bluesky, "interval", 0u, NULL);
  n_signals[0] = n_signals[1] = 0;
  run_loop_for (1300);
  g_assert_cmpuint (n_signals[0] + n_signals[1], ==, 0);
}

static void
test_send (gconstpointer data)
{
  const char *flavour = data;
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) channel = new_channel (1, flavour, clock, 0, 1);
  g_autoptr (DeskSyncBatch) first = sync_now (channel, NULL);
  g_autoptr (DeskSyncBatch) sent = NULL;
  g_autoptr (DeskSyncBatch) answered = NULL;
  g_autoptr (DeskSyncBatch) all = NULL;
  g_autoptr (DeskSyncBatch) later = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *again_id = NULL;
  g_autofree char *third_id = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *thread_id = NULL;
  g_autofree char *question_id = NULL;
  DeskSyncMessage *question = find_open_public_message (first);
  DeskSyncMessage *message;
  DeskOutboxEntry entry = { 0 };
  guint n_signals = 0;

  customer_id = g_strdup (question->author_remote_id);
  thread_id = g_strdup (question->thread_remote_id);
  question_id = g_strdup (question->remote_id);

  entry.account_id = 1;
  entry.kind = DESK_CONVERSATION_KIND_PUBLIC;
  entry.thread_remote_id = thread_id;
  entry.in_reply_to = question_id;
  entry.recipient_remote_id = customer_id;
  entry.body = (char *) "Danke für deine Nachricht! Wir schauen gleich nach. "
                        "^Lena";
  entry.idempotency_key = (char *) "3f0b6c1e-key";

  g_signal_connect (channel, "sync-needed", G_CALLBACK (on_sync_needed_cb),
                    &n_signals);

  remote_id = send_now (channel, &entry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remote_id);
  g_assert_true (strstr (remote_id, entry.idempotency_key) != NULL);

  /* A retry with the same key is the same reply. */
  again_id = send_now (channel, &entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again_id, ==, remote_id);

  sent = sync_now (channel, first->cursor);
  g_assert_cmpuint (sent->messages->len, ==, 1);
  message = g_ptr_array_index (sent->messages, 0);
  g_assert_cmpstr (message->remote_id, ==, remote_id);
  g_assert_cmpint (message->direction, ==, DESK_DIRECTION_OUTGOING);
  g_assert_cmpstr (message->thread_remote_id, ==, thread_id);
  g_assert_cmpstr (message->in_reply_to, ==, question_id);
  g_assert_cmpstr (message->body, ==, entry.body);

  /* The customer answers after answer-delay, in the same thread. */
  desk_clock_advance (clock, 5);
  run_loop_for (1500);
  g_assert_cmpuint (n_signals, ==, 1);

  answered = sync_now (channel, sent->cursor);
  g_assert_cmpuint (answered->messages->len, ==, 1);
  message = g_ptr_array_index (answered->messages, 0);
  g_assert_cmpint (message->direction, ==, DESK_DIRECTION_INCOMING);
  g_assert_cmpstr (message->thread_remote_id, ==, thread_id);
  g_assert_cmpstr (message->author_remote_id, ==, customer_id);
  g_assert_cmpstr (message->in_reply_to, ==, remote_id);
  g_assert_cmpint (message->created_at, ==, NOW + 5);
  g_assert_nonnull (find_identity (answered, customer_id));

  /* Sending once more after all that still creates nothing. */
  third_id = send_now (channel, &entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third_id, ==, remote_id);
  later = sync_now (channel, answered->cursor);
  g_assert_cmpuint (later->messages->len, ==, 0);

  all = sync_now (channel, NULL);
  g_assert_cmpuint (count_messages_with_id (all, remote_id), ==, 1);
  g_assert_cmpuint (all->messages->len, ==, first->messages->len + 2);
}

static void
test_send_private (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) channel = new_channel (1, "mastodon", clock, 0, 60);
  g_autoptr (DeskSyncBatch) first = sync_now (channel, NULL);
  g_autoptr (DeskSyncBatch) sent = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_id = NULL;
  DeskSyncMessage *question = find_open_public_message (first);
  DeskSyncMessage *message;
  DeskOutboxEntry entry = { 0 };

  /* Moving a public case to a private conversation. */
  entry.account_id = 1;
  entry.kind = DESK_CONVERSATION_KIND_PRIVATE;
  entry.thread_remote_id = question->thread_remote_id;
  entry.in_reply_to = question->remote_id;
  entry.recipient_remote_id = question->author_remote_id;
  entry.body
      = (char *) "Hallo! Schick uns bitte deine Bestellnummer hier. ^Tom";
  entry.idempotency_key = (char *) "private-1";

  remote_id = send_now (channel, &entry, &error);
  g_assert_no_error (error);

  sent = sync_now (channel, first->cursor);
  g_assert_cmpuint (sent->messages->len, ==, 1);
  message = g_ptr_array_index (sent->messages, 0);
  g_assert_cmpstr (message->remote_id, ==, remote_id);
  g_assert_cmpint (message->kind, ==, DESK_CONVERSATION_KIND_PRIVATE);
  g_assert_cmpstr (message->thread_remote_id, !=, question->thread_remote_id);

  /* An unknown thread and no recipient: the post is gone. */
  entry.kind = DESK_CONVERSATION_KIND_PUBLIC;
  entry.thread_remote_id = (char *) "424242";
  entry.in_reply_to = NULL;
  entry.recipient_remote_id = NULL;
  entry.idempotency_key = (char *) "gone-1";
  g_assert_null (send_now (channel, &entry, &error));
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE);
}

static void
assert_send_fails (DeskChannel *channel,
                   DeskOutboxEntry *entry,
                   const char *body,
                   DeskChannelError code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_id = NULL;

  entry->body = (char *) body;
  remote_id = send_now (channel, entry, &error);
  g_assert_error (error, DESK_CHANNEL_ERROR, (gint) code);
  g_assert_null (remote_id);
  /* The message is translatable text for the user, not a code. */
  g_assert_cmpuint (strlen (error->message), >, 0);
}

static void
assert_send_works (DeskChannel *channel,
                   DeskOutboxEntry *entry,
                   const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_id = NULL;

  entry->body = (char *) body;
  remote_id = send_now (channel, entry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remote_id);
}

static void
test_send_invalid (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) mastodon = new_channel (1, "mastodon", clock, 0, 60);
  g_autoptr (DeskChannel) bluesky = new_channel (2, "bluesky", clock, 0, 60);
  g_autoptr (DeskSyncBatch) mastodon_batch = sync_now (mastodon, NULL);
  g_autoptr (DeskSyncBatch) bluesky_batch = sync_now (bluesky, NULL);
  g_autoptr (GString) thumbs = g_string_new (NULL);
  g_autofree char *a500 = g_strnfill (500, 'a');
  g_autofree char *a501 = g_strnfill (501, 'a');
  g_autofree char *a300 = g_strnfill (300, 'a');
  g_autofree char *a301 = g_strnfill (301, 'a');
  DeskSyncMessage *question;
  DeskOutboxEntry entry = { 0 };

  question = find_open_public_message (mastodon_batch);
  entry.kind = DESK_CONVERSATION_KIND_PUBLIC;
  entry.thread_remote_id = question->thread_remote_id;
  entry.idempotency_key = (char *) "m-too-long";
  assert_send_fails (mastodon, &entry, a501, DESK_CHANNEL_ERROR_TOO_LONG);
  assert_send_fails (mastodon, &entry, "  \n ", DESK_CHANNEL_ERROR_FAILED);
  entry.idempotency_key = (char *) "m-fits";
  assert_send_works (mastodon, &entry, a500);

  question = find_open_public_message (bluesky_batch);
  entry.thread_remote_id = question->thread_remote_id;
  entry.idempotency_key = (char *) "b-too-long";
  assert_send_fails (bluesky, &entry, a301, DESK_CHANNEL_ERROR_TOO_LONG);
  entry.idempotency_key = (char *) "b-fits";
  assert_send_works (bluesky, &entry, a300);

  /* 300 thumbs with a skin tone are 600 characters but 300 graphemes. */
  for (guint i = 0; i < 300; i++)
    g_string_append (thumbs, "👍🏽");
  entry.idempotency_key = (char *) "b-thumbs";
  assert_send_works (bluesky, &entry, thumbs->str);
  assert_send_fails (mastodon, &entry, thumbs->str,
                     DESK_CHANNEL_ERROR_TOO_LONG);
}

static void
test_count_length (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) mastodon
      = desk_demo_channel_new (1, "mastodon", clock);
  g_autoptr (DeskChannel) bluesky = desk_demo_channel_new (2, "bluesky", clock);

  g_assert_cmpuint (desk_channel_count_length (bluesky, "👍🏽"), ==, 1);
  g_assert_cmpuint (desk_channel_count_length (mastodon, "👍🏽"), ==, 2);

  g_assert_cmpuint (desk_channel_count_length (bluesky, ""), ==, 0);
  g_assert_cmpuint (desk_channel_count_length (bluesky, "Köln"), ==, 4);
  /* e + combining acute */
  g_assert_cmpuint (desk_channel_count_length (bluesky, "e\xcc\x81"), ==, 1);
  g_assert_cmpuint (desk_channel_count_length (mastodon, "e\xcc\x81"), ==, 2);
  /* heart + variation selector */
  g_assert_cmpuint (desk_channel_count_length (bluesky, "❤️"), ==, 1);
  /* two flags */
  g_assert_cmpuint (desk_channel_count_length (bluesky, "🇩🇪🇫🇷"), ==, 2);
  /* woman, zero-width joiner, laptop */
  g_assert_cmpuint (desk_channel_count_length (bluesky, "👩‍💻"), ==, 1);
  g_assert_cmpuint (desk_channel_count_length (bluesky, "🤷‍♂️ ok"), ==,
                    4);
}

static void
test_moderate (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) mastodon
      = desk_demo_channel_new (1, "mastodon", clock);
  g_autoptr (DeskChannel) bluesky = desk_demo_channel_new (2, "bluesky", clock);
  g_autoptr (DeskSyncBatch) batch = sync_now (mastodon, NULL);
  g_autoptr (DeskSyncBatch) bluesky_batch = sync_now (bluesky, NULL);
  g_autoptr (GError) error = NULL;
  DeskSyncMessage *incoming = NULL;
  DeskSyncMessage *outgoing = NULL;

  for (guint i = 0; i < batch->messages->len; i++)
    {
      DeskSyncMessage *message = g_ptr_array_index (batch->messages, i);

      if (message->direction == DESK_DIRECTION_INCOMING && incoming == NULL)
        incoming = message;
      if (message->direction == DESK_DIRECTION_OUTGOING && outgoing == NULL)
        outgoing = message;
    }
  g_assert_nonnull (incoming);
  g_assert_nonnull (outgoing);

  g_assert_true (moderate_now (mastodon, incoming->remote_id, &error));
  g_assert_no_error (error);

  g_assert_false (moderate_now (mastodon, "999", &error));
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE);
  g_clear_error (&error);

  g_assert_false (moderate_now (mastodon, outgoing->remote_id, &error));
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_FAILED);
  g_clear_error (&error);

  incoming = g_ptr_array_index (bluesky_batch->messages, 0);
  g_assert_false (moderate_now (bluesky, incoming->remote_id, &error));
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED);
}

static void
on_notify_cb (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskChannel) mastodon
      = desk_demo_channel_new (7, "mastodon", clock);
  g_autoptr (DeskChannel) bluesky = desk_demo_channel_new (8, "bluesky", clock);
  g_autofree char *flavour = NULL;
  guint n_interval = 0;
  guint n_delay = 0;
  guint value = 0;

  g_assert_cmpstr (desk_channel_get_network (mastodon), ==, "mastodon");
  g_assert_cmpstr (desk_channel_get_network (bluesky), ==, "bluesky");
  g_assert_cmpint (desk_channel_get_account_id (bluesky), ==, 8);
  g_assert_true (desk_channel_get_clock (bluesky) == clock);
  g_assert_cmpint (desk_channel_get_capabilities (mastodon), ==,
                   DESK_CHANNEL_CAP_PRIVATE | DESK_CHANNEL_CAP_HIDE);
  g_assert_cmpint (desk_channel_get_capabilities (bluesky), ==,
                   DESK_CHANNEL_CAP_PRIVATE);
  g_assert_cmpuint (desk_channel_get_max_length (mastodon), ==, 500);
  g_assert_cmpuint (desk_channel_get_max_length (bluesky), ==, 300);

  g_object_get (bluesky, "flavour", &flavour, "seed", &value, NULL);
  g_assert_cmpstr (flavour, ==, "bluesky");
  g_assert_cmpuint (value, !=, 0);
  g_assert_cmpuint (
      desk_demo_channel_get_interval (DESK_DEMO_CHANNEL (mastodon)), ==, 60);
  g_assert_cmpuint (
      desk_demo_channel_get_answer_delay (DESK_DEMO_CHANNEL (mastodon)), ==, 8);

  /* Each property notifies once per real change. */
  g_signal_connect (mastodon, "notify::interval", G_CALLBACK (on_notify_cb),
                    &n_interval);
  g_signal_connect (mastodon, "notify::answer-delay", G_CALLBACK (on_notify_cb),
                    &n_delay);
  g_object_set (mastodon, "interval", 60u, "answer-delay", 8u, NULL);
  g_assert_cmpuint (n_interval, ==, 0);
  g_assert_cmpuint (n_delay, ==, 0);
  g_object_set (mastodon, "interval", 30u, "answer-delay", 3u, NULL);
  g_assert_cmpuint (n_interval, ==, 1);
  g_assert_cmpuint (n_delay, ==, 1);
  g_object_get (mastodon, "interval", &value, NULL);
  g_assert_cmpuint (value, ==, 30);
  g_object_get (mastodon, "answer-delay", &value, NULL);
  g_assert_cmpuint (value, ==, 3);
}

static void
test_dispose_pending (void)
{
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  DeskChannel *channel = new_channel (1, "bluesky", clock, 1, 1);
  g_autoptr (DeskSyncBatch) batch = sync_now (channel, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_id = NULL;
  DeskSyncMessage *question = find_open_public_message (batch);
  DeskOutboxEntry entry = { 0 };

  entry.kind = DESK_CONVERSATION_KIND_PUBLIC;
  entry.thread_remote_id = question->thread_remote_id;
  entry.body = (char *) "Thanks, we'll check! ^Murat";
  entry.idempotency_key = (char *) "dispose-1";
  remote_id = send_now (channel, &entry, &error);
  g_assert_no_error (error);

  /* Dropped with an answer and a live message pending: their timers must
   * go with the channel. */
  g_object_add_weak_pointer (G_OBJECT (channel), (gpointer *) &channel);
  g_object_unref (channel);
  g_assert_null (channel);
  run_loop_for (1200);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo-channel/script", test_script);
  g_test_add_func ("/demo-channel/pools", test_pools);
  g_test_add_func ("/demo-channel/workspace", test_workspace);
  g_test_add_data_func ("/demo-channel/cursor/mastodon", "mastodon",
                        test_cursor);
  g_test_add_data_func ("/demo-channel/cursor/bluesky", "bluesky", test_cursor);
  g_test_add_func ("/demo-channel/deterministic", test_deterministic);
  g_test_add_func ("/demo-channel/live", test_live);
  g_test_add_data_func ("/demo-channel/send/mastodon", "mastodon", test_send);
  g_test_add_data_func ("/demo-channel/send/bluesky", "bluesky", test_send);
  g_test_add_func ("/demo-channel/send-private", test_send_private);
  g_test_add_func ("/demo-channel/troll-answer", test_troll_answer);
  g_test_add_func ("/demo-channel/send-invalid", test_send_invalid);
  g_test_add_func ("/demo-channel/count-length", test_count_length);
  g_test_add_func ("/demo-channel/moderate", test_moderate);
  g_test_add_func ("/demo-channel/properties", test_properties);
  g_test_add_func ("/demo-channel/dispose-pending", test_dispose_pending);

  return g_test_run ();
}
