/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-demo-channel"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "desk-demo-channel.h"
#include "desk-demo-script.h"

/* An offline channel that plays a Mastodon or Bluesky account of a small
 * shop. Everything it ever produced is kept in an append-only event log;
 * a cursor is a position in that log, so a sync with an old cursor returns
 * the same messages with the same remote ids again. */

#define DEFAULT_SEED 20240611u
#define DEFAULT_INTERVAL 60
#define DEFAULT_ANSWER_DELAY 8
#define MAX_DELAY (24 * 3600)

/* Ids of the initial workspace derive from this fixed instant (not from
 * "now"), so a restarted app syncs the same workspace to the same ids and
 * the store does not duplicate it. Each conversation owns 16 slots. */
#define WORKSPACE_BASE_MS G_GINT64_CONSTANT (1700000000000)
#define WORKSPACE_SLOTS 16

typedef struct _DemoThread DemoThread;

typedef struct
{
  char *remote_id;
  DemoThread *thread;
  DeskDirection direction;
  const DeskDemoCustomer *author; /* NULL for the shop's own replies */
  char *body;
  gint64 created_at;
  char *in_reply_to;
} DemoEvent;

struct _DemoThread
{
  char *remote_id;
  DeskConversationKind kind;
  const DeskDemoCustomer *customer;
  DemoEvent *last;
};

typedef struct
{
  DeskDemoChannel *self;
  DemoThread *thread;
  char *reply_id;
  guint source_id;
} PendingAnswer;

struct _DeskDemoChannel
{
  DeskChannel parent_instance;

  DeskDemoFlavour flavour;
  guint interval;
  guint answer_delay;
  guint seed;

  /* Tells this log's cursors from those of an earlier run. */
  char *log_token;
  char *own_did;
  gboolean running;
  gboolean workspace_ready;
  GRand *live_rand;
  guint serial;

  GPtrArray *events;          /* DemoEvent; sequence number = index + 1 */
  GPtrArray *threads;         /* DemoThread */
  GHashTable *events_by_id;   /* remote id → DemoEvent (borrowed) */
  GHashTable *threads_by_id;  /* remote id → DemoThread (borrowed) */
  GHashTable *replies;        /* idempotency key → DemoEvent (borrowed) */
  GHashTable *identity_ids;   /* DeskDemoCustomer → remote id */
  GPtrArray *pending_answers; /* PendingAnswer, owned by their sources */

  guint generator_source;
};

G_DEFINE_FINAL_TYPE (DeskDemoChannel, desk_demo_channel, DESK_TYPE_CHANNEL)

enum
{
  PROP_0,
  PROP_FLAVOUR,
  PROP_INTERVAL,
  PROP_ANSWER_DELAY,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
demo_event_free (gpointer data)
{
  DemoEvent *event = data;

  g_free (event->remote_id);
  g_free (event->body);
  g_free (event->in_reply_to);
  g_free (event);
}

static void
demo_thread_free (gpointer data)
{
  DemoThread *thread = data;

  g_free (thread->remote_id);
  g_free (thread);
}

static void
pending_answer_free (gpointer data)
{
  PendingAnswer *pending = data;

  g_free (pending->reply_id);
  g_free (pending);
}

static void
sha256 (const char *text, guint8 digest[32])
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 32;

  g_checksum_update (checksum, (const guchar *) text, -1);
  g_checksum_get_digest (checksum, digest, &len);
  g_assert (len == 32);
}

/* An account id in the network's own shape: Mastodon's are 18 digits,
 * Bluesky's are did:plc identifiers. Stable across runs. */
static char *
make_account_id (DeskDemoFlavour flavour, const char *key)
{
  static const char base32[] = "abcdefghijklmnopqrstuvwxyz234567";
  g_autofree char *input = NULL;
  guint8 digest[32];

  input
      = g_strconcat ("socialdesk-demo:", desk_demo_flavour_to_string (flavour),
                     ":", key, NULL);
  sha256 (input, digest);

  if (flavour == DESK_DEMO_FLAVOUR_MASTODON)
    {
      guint64 value = 0;

      for (guint i = 0; i < 8; i++)
        value = (value << 8) | digest[i];
      return g_strdup_printf (
          "%" G_GUINT64_FORMAT,
          G_GUINT64_CONSTANT (100000000000000000)
              + value % G_GUINT64_CONSTANT (900000000000000000));
    }
  else
    {
      char did[8 + 24 + 1] = "did:plc:";

      for (guint i = 0; i < 24; i++)
        did[8 + i] = base32[digest[i] % 32];
      did[8 + 24] = '\0';
      return g_strdup (did);
    }
}

/* Bluesky's record keys: microseconds and a 10-bit clock id (ours is
 * fixed), base32-sortable. */
static char *
make_tid (guint64 micros)
{
  static const char alphabet[] = "234567abcdefghijklmnopqrstuvwxyz";
  guint64 value
      = ((micros << 10) | 421) & G_GUINT64_CONSTANT (0x7fffffffffffffff);
  char tid[14];

  for (int i = 12; i >= 0; i--)
    {
      tid[i] = alphabet[value & 31];
      value >>= 5;
    }
  tid[13] = '\0';
  return g_strdup (tid);
}

static const char *
get_identity_id (DeskDemoChannel *self, const DeskDemoCustomer *customer)
{
  char *id = g_hash_table_lookup (self->identity_ids, customer);

  if (id == NULL)
    {
      id = make_account_id (self->flavour, customer->key);
      g_hash_table_insert (self->identity_ids, (gpointer) customer, id);
    }
  return id;
}

static const DeskDemoCustomer *
find_customer_by_identity (DeskDemoChannel *self, const char *identity_id)
{
  if (identity_id == NULL)
    return NULL;

  for (guint i = 0; i < desk_demo_script_get_n_customers (); i++)
    {
      const DeskDemoCustomer *customer = desk_demo_script_get_customer (i);

      if (desk_demo_script_get_handle (customer, self->flavour) != NULL
          && strcmp (get_identity_id (self, customer), identity_id) == 0)
        return customer;
    }
  return NULL;
}

static gboolean
is_id_taken (DeskDemoChannel *self, const char *remote_id)
{
  return g_hash_table_contains (self->events_by_id, remote_id)
         || g_hash_table_contains (self->threads_by_id, remote_id);
}

/* A remote id shaped like the network's: a Mastodon snowflake (time in ms,
 * 16 bits of sequence), a Bluesky post URI, or a bare TID for chat
 * messages and conversations. */
static char *
make_message_id (DeskDemoChannel *self,
                 gint64 ms,
                 guint low,
                 const DeskDemoCustomer *author,
                 gboolean bare)
{
  g_assert (low < 1000);

  if (self->flavour == DESK_DEMO_FLAVOUR_MASTODON)
    return g_strdup_printf ("%" G_GUINT64_FORMAT,
                            ((guint64) ms << 16) | (guint64) low);
  else
    {
      g_autofree char *tid = make_tid ((guint64) ms * 1000 + low);
      const char *did;

      if (bare)
        return g_steal_pointer (&tid);

      did = author != NULL ? get_identity_id (self, author) : self->own_did;
      return g_strdup_printf ("at://%s/app.bsky.feed.post/%s", did, tid);
    }
}

/* For things that happen now: unique within this log, and (with a real
 * clock) different from what an earlier run produced. */
static char *
make_live_id (DeskDemoChannel *self,
              const DeskDemoCustomer *author,
              gboolean bare)
{
  gint64 ms = desk_clock_get_now (desk_channel_get_clock (DESK_CHANNEL (self)))
              * 1000;

  for (;;)
    {
      char *id;

      self->serial++;
      id = make_message_id (self, ms + self->serial / 1000, self->serial % 1000,
                            author, bare);
      if (!is_id_taken (self, id))
        return id;
      g_free (id);
    }
}

static DemoThread *
add_thread (DeskDemoChannel *self,
            char *remote_id,
            DeskConversationKind kind,
            const DeskDemoCustomer *customer)
{
  DemoThread *thread = g_new0 (DemoThread, 1);

  g_assert (!g_hash_table_contains (self->threads_by_id, remote_id));

  thread->remote_id = remote_id;
  thread->kind = kind;
  thread->customer = customer;
  g_ptr_array_add (self->threads, thread);
  g_hash_table_insert (self->threads_by_id, thread->remote_id, thread);
  return thread;
}

/* @in_reply_to: NULL answers the thread's last message. */
static DemoEvent *
append_event (DeskDemoChannel *self,
              DemoThread *thread,
              DeskDirection direction,
              const DeskDemoCustomer *author,
              const char *body,
              gint64 created_at,
              char *remote_id,
              const char *in_reply_to)
{
  DemoEvent *event = g_new0 (DemoEvent, 1);

  g_assert (!g_hash_table_contains (self->events_by_id, remote_id));
  g_assert ((direction == DESK_DIRECTION_INCOMING) == (author != NULL));

  event->remote_id = remote_id;
  event->thread = thread;
  event->direction = direction;
  event->author = author;
  event->body = g_strdup (body);
  event->created_at = created_at;
  if (in_reply_to != NULL)
    event->in_reply_to = g_strdup (in_reply_to);
  else if (thread->last != NULL)
    event->in_reply_to = g_strdup (thread->last->remote_id);

  g_ptr_array_add (self->events, event);
  g_hash_table_insert (self->events_by_id, event->remote_id, event);
  thread->last = event;
  return event;
}

/* Built on first use rather than at construction, so its timestamps are
 * relative to the moment the user first looks at the inbox. */
static void
ensure_workspace (DeskDemoChannel *self)
{
  gint64 now;

  if (self->workspace_ready)
    return;
  self->workspace_ready = TRUE;

  now = desk_clock_get_now (desk_channel_get_clock (DESK_CHANNEL (self)));

  for (guint i = 0; i < desk_demo_script_get_n_conversations (); i++)
    {
      const DeskDemoConversation *conversation;
      const DeskDemoCustomer *customer;
      DemoThread *thread = NULL;
      gint64 times[DESK_DEMO_MAX_LINES];
      gint64 slot = WORKSPACE_BASE_MS + (gint64) i * WORKSPACE_SLOTS;
      guint n;

      conversation = desk_demo_script_get_conversation (i);
      if ((conversation->flavour & self->flavour) == 0)
        continue;

      customer = desk_demo_script_find_customer (conversation->customer);
      g_assert (customer != NULL);
      g_assert (desk_demo_script_get_handle (customer, self->flavour) != NULL);

      n = desk_demo_script_count_lines (conversation);
      desk_demo_script_get_times (i, self->seed, now, times);

      /* Bluesky chats have a conversation id of their own; everywhere else
       * a thread is named after its first post. */
      if (self->flavour == DESK_DEMO_FLAVOUR_BLUESKY
          && conversation->kind == DESK_CONVERSATION_KIND_PRIVATE)
        thread = add_thread (
            self,
            make_message_id (self, slot + WORKSPACE_SLOTS - 1, 0, NULL, TRUE),
            conversation->kind, customer);

      for (guint j = 0; j < n; j++)
        {
          const DeskDemoLine *line = &conversation->lines[j];
          const DeskDemoCustomer *author
              = line->direction == DESK_DIRECTION_INCOMING ? customer : NULL;
          char *id = make_message_id (self, slot + j, 0, author,
                                      conversation->kind
                                          == DESK_CONVERSATION_KIND_PRIVATE);

          if (thread == NULL)
            thread = add_thread (self, g_strdup (id), conversation->kind,
                                 customer);
          append_event (self, thread, line->direction, author, line->body,
                        times[j], id, NULL);
        }
    }
}

static const char *
get_brand_mention (DeskDemoChannel *self)
{
  return self->flavour == DESK_DEMO_FLAVOUR_BLUESKY ? "@rheinrad.bsky.social"
                                                    : "@rheinrad";
}

static gboolean
customer_has_thread (DeskDemoChannel *self, const DeskDemoCustomer *customer)
{
  for (guint i = 0; i < self->threads->len; i++)
    {
      DemoThread *thread = g_ptr_array_index (self->threads, i);

      if (thread->customer == customer)
        return TRUE;
    }
  return FALSE;
}

/* Someone who has not written yet if possible, so the inbox grows with
 * new faces; then anybody on this network (a returning customer). The
 * troll is left out: his lines are his own. */
static const DeskDemoCustomer *
pick_new_customer (DeskDemoChannel *self)
{
  g_autoptr (GPtrArray) newcomers = g_ptr_array_new ();
  g_autoptr (GPtrArray) everybody = g_ptr_array_new ();
  GPtrArray *from;

  for (guint i = 0; i < desk_demo_script_get_n_customers (); i++)
    {
      const DeskDemoCustomer *customer = desk_demo_script_get_customer (i);

      if (customer->troll
          || desk_demo_script_get_handle (customer, self->flavour) == NULL)
        continue;

      g_ptr_array_add (everybody, (gpointer) customer);
      if (!customer_has_thread (self, customer))
        g_ptr_array_add (newcomers, (gpointer) customer);
    }

  from = newcomers->len > 0 ? newcomers : everybody;
  g_assert (from->len > 0);
  return g_ptr_array_index (from,
                            g_rand_int_range (self->live_rand, 0, from->len));
}

static void
generate_live_message (DeskDemoChannel *self)
{
  g_autoptr (GPtrArray) candidates = g_ptr_array_new ();
  gint64 now;

  ensure_workspace (self);
  now = desk_clock_get_now (desk_channel_get_clock (DESK_CHANNEL (self)));

  for (guint i = 0; i < self->threads->len; i++)
    {
      DemoThread *thread = g_ptr_array_index (self->threads, i);

      if (!thread->customer->troll)
        g_ptr_array_add (candidates, thread);
    }

  /* Two in five are follow-ups in a running conversation. */
  if (candidates->len > 0 && g_rand_int_range (self->live_rand, 0, 5) < 2)
    {
      DemoThread *thread = g_ptr_array_index (
          candidates, g_rand_int_range (self->live_rand, 0, candidates->len));
      gboolean after_reply = thread->last->direction != DESK_DIRECTION_INCOMING;
      const char *body = desk_demo_script_pick_follow_up (
          self->live_rand, thread->customer->language, after_reply);

      append_event (self, thread, DESK_DIRECTION_INCOMING, thread->customer,
                    body, now, make_live_id (self, thread->customer, FALSE),
                    NULL);
      g_debug ("Follow-up in %s", thread->remote_id);
    }
  else
    {
      const DeskDemoCustomer *customer = pick_new_customer (self);
      DeskConversationKind kind = g_rand_int_range (self->live_rand, 0, 4) == 0
                                      ? DESK_CONVERSATION_KIND_PRIVATE
                                      : DESK_CONVERSATION_KIND_PUBLIC;
      gboolean private = kind == DESK_CONVERSATION_KIND_PRIVATE;
      const char *text = desk_demo_script_pick_new_message (self->live_rand,
                                                            customer->language);
      g_autofree char *body = NULL;
      char *id = make_live_id (self, customer, private);
      DemoThread *thread;

      if (private)
        body = g_strdup (text);
      else
        body = g_strconcat (get_brand_mention (self), " ", text, NULL);

      if (private && self->flavour == DESK_DEMO_FLAVOUR_BLUESKY)
        thread = add_thread (self, make_live_id (self, NULL, TRUE), kind,
                             customer);
      else
        thread = add_thread (self, g_strdup (id), kind, customer);

      append_event (self, thread, DESK_DIRECTION_INCOMING, customer, body, now,
                    id, NULL);
      g_debug ("New conversation %s", thread->remote_id);
    }
}

static void schedule_generator (DeskDemoChannel *self);

static gboolean
on_generator_timeout_cb (gpointer user_data)
{
  g_autoptr (DeskDemoChannel) self = g_object_ref (user_data);

  self->generator_source = 0;
  generate_live_message (self);
  schedule_generator (self);
  desk_channel_request_sync (DESK_CHANNEL (self));

  return G_SOURCE_REMOVE;
}

/* ±20 % jitter, so two demo accounts do not always tick together. */
static void
schedule_generator (DeskDemoChannel *self)
{
  double factor;

  g_clear_handle_id (&self->generator_source, g_source_remove);

  if (!self->running || self->interval == 0)
    return;

  factor = g_rand_double_range (self->live_rand, 0.8, 1.2);
  self->generator_source
      = g_timeout_add ((guint) (self->interval * 1000.0 * factor),
                       on_generator_timeout_cb, self);
  g_source_set_name_by_id (self->generator_source,
                           "[socialdesk] demo generator");
}

static gboolean
on_answer_timeout_cb (gpointer user_data)
{
  PendingAnswer *pending = user_data;
  g_autoptr (DeskDemoChannel) self = g_object_ref (pending->self);
  const DeskDemoCustomer *customer = pending->thread->customer;
  const char *body;

  g_ptr_array_remove_fast (self->pending_answers, pending);

  body = desk_demo_script_pick_answer (self->live_rand, customer->language,
                                       customer->troll);
  append_event (
      self, pending->thread, DESK_DIRECTION_INCOMING, customer, body,
      desk_clock_get_now (desk_channel_get_clock (DESK_CHANNEL (self))),
      make_live_id (self, customer,
                    pending->thread->kind == DESK_CONVERSATION_KIND_PRIVATE),
      pending->reply_id);
  desk_channel_request_sync (DESK_CHANNEL (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_answer (DeskDemoChannel *self,
                 DemoThread *thread,
                 const char *reply_id)
{
  PendingAnswer *pending;

  if (!self->running)
    return;

  pending = g_new0 (PendingAnswer, 1);
  pending->self = self;
  pending->thread = thread;
  pending->reply_id = g_strdup (reply_id);
  pending->source_id
      = g_timeout_add_full (G_PRIORITY_DEFAULT, self->answer_delay * 1000,
                            on_answer_timeout_cb, pending, pending_answer_free);
  g_source_set_name_by_id (pending->source_id, "[socialdesk] demo answer");
  g_ptr_array_add (self->pending_answers, pending);
}

static DemoThread *
find_private_thread (DeskDemoChannel *self, const DeskDemoCustomer *customer)
{
  for (guint i = 0; i < self->threads->len; i++)
    {
      DemoThread *thread = g_ptr_array_index (self->threads, i);

      if (thread->customer == customer
          && thread->kind == DESK_CONVERSATION_KIND_PRIVATE)
        return thread;
    }
  return NULL;
}

/* Where a reply goes. A private reply to a public thread moves the case
 * into the customer's private conversation, opening one if needed. */
static DemoThread *
resolve_thread (DeskDemoChannel *self, const DeskOutboxEntry *entry)
{
  DemoThread *thread = NULL;
  const DeskDemoCustomer *customer;

  if (entry->thread_remote_id != NULL)
    thread = g_hash_table_lookup (self->threads_by_id, entry->thread_remote_id);
  if (thread == NULL && entry->in_reply_to != NULL)
    {
      DemoEvent *event
          = g_hash_table_lookup (self->events_by_id, entry->in_reply_to);

      if (event != NULL)
        thread = event->thread;
    }

  if (entry->kind != DESK_CONVERSATION_KIND_PRIVATE
      || (thread != NULL && thread->kind == DESK_CONVERSATION_KIND_PRIVATE))
    return thread;

  customer = thread != NULL
                 ? thread->customer
                 : find_customer_by_identity (self, entry->recipient_remote_id);
  if (customer == NULL)
    return NULL;

  thread = find_private_thread (self, customer);
  if (thread == NULL)
    thread = add_thread (
        self,
        g_strdup_printf ("demo-%s-dm-%s",
                         desk_demo_flavour_to_string (self->flavour),
                         entry->idempotency_key),
        DESK_CONVERSATION_KIND_PRIVATE, customer);
  return thread;
}

/* Cursors look like "<log token>:<sequence number>". One from another run
 * (or garbage) starts over at the beginning: the store de-duplicates. */
static guint
parse_cursor (DeskDemoChannel *self, const char *cursor)
{
  const char *colon;
  guint64 seq;

  if (cursor == NULL)
    return 0;

  colon = strchr (cursor, ':');
  if (colon == NULL || (gsize) (colon - cursor) != strlen (self->log_token)
      || strncmp (cursor, self->log_token, colon - cursor) != 0
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXUINT, &seq, NULL))
    {
      g_debug ("Cursor “%s” is not from this run, syncing everything", cursor);
      return 0;
    }

  return MIN ((guint) seq, self->events->len);
}

static guint
count_graphemes (const char *text)
{
  gboolean after_zwj = FALSE;
  gboolean half_flag = FALSE;
  guint n = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return (guint) strlen (text);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x200D)
        {
          after_zwj = TRUE;
          continue;
        }
      /* Marks, variation selectors, skin tones and tag characters extend
       * the cluster before them. */
      if (g_unichar_ismark (c) || (c >= 0xFE00 && c <= 0xFE0F)
          || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F))
        continue;
      /* A joined emoji (👩‍💻) is one picture. */
      if (after_zwj)
        {
          after_zwj = FALSE;
          continue;
        }
      /* Regional indicators pair up into one flag. */
      if (c >= 0x1F1E6 && c <= 0x1F1FF)
        {
          half_flag = !half_flag;
          if (!half_flag)
            continue;
        }
      else
        half_flag = FALSE;

      n++;
    }

  return n;
}

static const char *
desk_demo_channel_get_network (DeskChannel *channel)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (channel);

  return desk_demo_flavour_to_string (self->flavour);
}

static DeskChannelCaps
desk_demo_channel_get_capabilities (DeskChannel *channel)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (channel);

  if (self->flavour == DESK_DEMO_FLAVOUR_MASTODON)
    return DESK_CHANNEL_CAP_PRIVATE | DESK_CHANNEL_CAP_HIDE;
  return DESK_CHANNEL_CAP_PRIVATE;
}

static guint
desk_demo_channel_get_max_length (DeskChannel *channel)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (channel);

  return self->flavour == DESK_DEMO_FLAVOUR_BLUESKY ? 300 : 500;
}

/* Bluesky counts graphemes, Mastodon characters. */
static guint
desk_demo_channel_count_length (DeskChannel *channel, const char *text)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (channel);

  if (self->flavour == DESK_DEMO_FLAVOUR_BLUESKY)
    return count_graphemes (text);
  return DESK_CHANNEL_CLASS (desk_demo_channel_parent_class)
      ->count_length (channel, text);
}

static void
desk_demo_channel_sync_async (DeskChannel *channel,
                              const char *cursor,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (channel);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autofree char *next_cursor = NULL;
  guint start;

  g_task_set_source_tag (task, desk_demo_channel_sync_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  ensure_workspace (self);
  start = parse_cursor (self, cursor);

  batch = desk_sync_batch_new (desk_channel_get_account_id (channel));
  seen = g_hash_table_new (NULL, NULL);

  for (guint i = start; i < self->events->len; i++)
    {
      DemoEvent *event = g_ptr_array_index (self->events, i);
      const char *author_id = NULL;
      DeskSyncMessage *message;

      if (event->author != NULL)
        {
          author_id = get_identity_id (self, event->author);

          if (g_hash_table_add (seen, (gpointer) event->author))
            {
              const DeskDemoCustomer *customer = event->author;
              DeskSyncIdentity *identity = desk_sync_batch_add_identity (
                  batch, author_id,
                  desk_demo_script_get_handle (customer, self->flavour),
                  customer->display_name);

              identity->bio = g_strdup (customer->bio);
              identity->language = g_strdup (customer->language);
              identity->followers = customer->followers;
              identity->profile_url = g_strdup (customer->website);
            }
        }

      message = desk_sync_batch_add_message (
          batch, event->remote_id, event->thread->remote_id,
          event->thread->kind, event->direction, author_id, event->body,
          event->created_at);
      message->in_reply_to = g_strdup (event->in_reply_to);
    }

  next_cursor = g_strdup_printf ("%s:%u", self->log_token, self->events->len);
  desk_sync_batch_set_cursor (batch, next_cursor);

  g_task_return_pointer (task, g_steal_pointer (&batch),
                         (GDestroyNotify) desk_sync_batch_unref);
}

static DeskSyncBatch *
desk_demo_channel_sync_finish (DeskChannel *channel,
                               GAsyncResult *result,
                               GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, channel), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
desk_demo_channel_send_async (DeskChannel *channel,
                              const DeskOutboxEntry *entry,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (channel);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *stripped = NULL;
  DemoEvent *event;
  DemoThread *thread;
  const char *in_reply_to = NULL;
  guint length;
  guint max_length;

  g_task_set_source_tag (task, desk_demo_channel_send_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  stripped = g_strstrip (g_strdup (entry->body != NULL ? entry->body : ""));
  if (*stripped == '\0')
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_FAILED,
                               _ ("The reply is empty."));
      return;
    }

  length = desk_channel_count_length (channel, entry->body);
  max_length = desk_channel_get_max_length (channel);
  if (length > max_length)
    {
      g_task_return_new_error (
          task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_TOO_LONG,
          /* Translators: the reply's length and the network's limit. */
          _ ("The reply is %u characters long, but this network allows at "
             "most %u."),
          length, max_length);
      return;
    }

  ensure_workspace (self);

  /* The same key is the same reply: answer with what was posted then. */
  event = g_hash_table_lookup (self->replies, entry->idempotency_key);
  if (event != NULL)
    {
      g_task_return_pointer (task, g_strdup (event->remote_id), g_free);
      return;
    }

  thread = resolve_thread (self, entry);
  if (thread == NULL)
    {
      g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                               DESK_CHANNEL_ERROR_GONE,
                               _ ("The conversation no longer exists."));
      return;
    }

  if (entry->in_reply_to != NULL)
    {
      DemoEvent *parent
          = g_hash_table_lookup (self->events_by_id, entry->in_reply_to);

      if (parent != NULL && parent->thread == thread)
        in_reply_to = entry->in_reply_to;
    }

  event = append_event (
      self, thread, DESK_DIRECTION_OUTGOING, NULL, entry->body,
      desk_clock_get_now (desk_channel_get_clock (channel)),
      g_strdup_printf ("demo-%s-reply-%s",
                       desk_demo_flavour_to_string (self->flavour),
                       entry->idempotency_key),
      in_reply_to);
  g_hash_table_insert (self->replies, g_strdup (entry->idempotency_key), event);

  schedule_answer (self, thread, event->remote_id);

  g_task_return_pointer (task, g_strdup (event->remote_id), g_free);
}

static char *
desk_demo_channel_send_finish (DeskChannel *channel,
                               GAsyncResult *result,
                               GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, channel), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
desk_demo_channel_moderate_async (DeskChannel *channel,
                                  const char *remote_id,
                                  gboolean hide,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (channel);
  g_autoptr (GTask) task = NULL;
  DemoEvent *event;

  /* Bluesky has no hiding of replies; the base class says so. */
  if (self->flavour != DESK_DEMO_FLAVOUR_MASTODON)
    {
      DESK_CHANNEL_CLASS (desk_demo_channel_parent_class)
          ->moderate_async (channel, remote_id, hide, cancellable, callback,
                            user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_demo_channel_moderate_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  ensure_workspace (self);
  event = g_hash_table_lookup (self->events_by_id, remote_id);

  if (event == NULL)
    g_task_return_new_error (task, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE,
                             _ ("This message no longer exists."));
  else if (event->direction != DESK_DIRECTION_INCOMING)
    g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                             DESK_CHANNEL_ERROR_FAILED,
                             _ ("Only messages from customers can be hidden."));
  else
    g_task_return_boolean (task, TRUE);
}

static void
desk_demo_channel_get_property (GObject *object,
                                guint prop_id,
                                GValue *value,
                                GParamSpec *pspec)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (object);

  switch (prop_id)
    {
      case PROP_FLAVOUR:
        g_value_set_string (value, desk_demo_flavour_to_string (self->flavour));
        break;

      case PROP_INTERVAL:
        g_value_set_uint (value, self->interval);
        break;

      case PROP_ANSWER_DELAY:
        g_value_set_uint (value, self->answer_delay);
        break;

      case PROP_SEED:
        g_value_set_uint (value, self->seed);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_demo_channel_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (object);

  switch (prop_id)
    {
      case PROP_FLAVOUR:
        {
          const char *name = g_value_get_string (value);

          self->flavour = desk_demo_flavour_from_string (name);
          if (self->flavour == 0)
            {
              g_critical ("Unknown demo channel flavour “%s”", name);
              self->flavour = DESK_DEMO_FLAVOUR_MASTODON;
            }
        }
        break;

      case PROP_INTERVAL:
        desk_demo_channel_set_interval (self, g_value_get_uint (value));
        break;

      case PROP_ANSWER_DELAY:
        desk_demo_channel_set_answer_delay (self, g_value_get_uint (value));
        break;

      case PROP_SEED:
        self->seed = g_value_get_uint (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_demo_channel_constructed (GObject *object)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (object);

  G_OBJECT_CLASS (desk_demo_channel_parent_class)->constructed (object);

  /* The generator has its own stream, so the workspace does not change
   * with how many live messages were made before the first sync. */
  self->live_rand = g_rand_new_with_seed (self->seed + 1);
  self->log_token = g_strdup_printf ("%08x", g_random_int ());
  if (self->flavour == DESK_DEMO_FLAVOUR_BLUESKY)
    self->own_did = make_account_id (self->flavour, "rheinrad");

  self->running = TRUE;
  schedule_generator (self);
}

static void
desk_demo_channel_dispose (GObject *object)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (object);

  self->running = FALSE;
  g_clear_handle_id (&self->generator_source, g_source_remove);

  /* Removing a source frees its PendingAnswer. */
  while (self->pending_answers->len > 0)
    {
      PendingAnswer *pending = g_ptr_array_steal_index_fast (
          self->pending_answers, self->pending_answers->len - 1);

      g_source_remove (pending->source_id);
    }

  G_OBJECT_CLASS (desk_demo_channel_parent_class)->dispose (object);
}

static void
desk_demo_channel_finalize (GObject *object)
{
  DeskDemoChannel *self = DESK_DEMO_CHANNEL (object);

  g_clear_pointer (&self->replies, g_hash_table_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);
  g_clear_pointer (&self->threads_by_id, g_hash_table_unref);
  g_clear_pointer (&self->identity_ids, g_hash_table_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->threads, g_ptr_array_unref);
  g_clear_pointer (&self->pending_answers, g_ptr_array_unref);
  g_clear_pointer (&self->live_rand, g_rand_free);
  g_clear_pointer (&self->log_token, g_free);
  g_clear_pointer (&self->own_did, g_free);

  G_OBJECT_CLASS (desk_demo_channel_parent_class)->finalize (object);
}

static void
desk_demo_channel_class_init (DeskDemoChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DeskChannelClass *channel_class = DESK_CHANNEL_CLASS (klass);

  object_class->get_property = desk_demo_channel_get_property;
  object_class->set_property = desk_demo_channel_set_property;
  object_class->constructed = desk_demo_channel_constructed;
  object_class->dispose = desk_demo_channel_dispose;
  object_class->finalize = desk_demo_channel_finalize;

  channel_class->get_network = desk_demo_channel_get_network;
  channel_class->get_capabilities = desk_demo_channel_get_capabilities;
  channel_class->get_max_length = desk_demo_channel_get_max_length;
  channel_class->count_length = desk_demo_channel_count_length;
  channel_class->sync_async = desk_demo_channel_sync_async;
  channel_class->sync_finish = desk_demo_channel_sync_finish;
  channel_class->send_async = desk_demo_channel_send_async;
  channel_class->send_finish = desk_demo_channel_send_finish;
  channel_class->moderate_async = desk_demo_channel_moderate_async;

  /* Which network the demo account plays: "mastodon" or "bluesky". */
  properties[PROP_FLAVOUR] = g_param_spec_string (
      "flavour", NULL, NULL, "mastodon",
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Seconds between simulated customer messages; 0 stops them. */
  properties[PROP_INTERVAL] = g_param_spec_uint (
      "interval", NULL, NULL, 0, MAX_DELAY, DEFAULT_INTERVAL,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Seconds until a customer answers a reply. */
  properties[PROP_ANSWER_DELAY] = g_param_spec_uint (
      "answer-delay", NULL, NULL, 0, MAX_DELAY, DEFAULT_ANSWER_DELAY,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Same seed, same workspace and same live messages: for tests. */
  properties[PROP_SEED] = g_param_spec_uint (
      "seed", NULL, NULL, 0, G_MAXUINT, DEFAULT_SEED,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_demo_channel_init (DeskDemoChannel *self)
{
  self->flavour = DESK_DEMO_FLAVOUR_MASTODON;
  self->interval = DEFAULT_INTERVAL;
  self->answer_delay = DEFAULT_ANSWER_DELAY;
  self->seed = DEFAULT_SEED;

  self->events = g_ptr_array_new_with_free_func (demo_event_free);
  self->threads = g_ptr_array_new_with_free_func (demo_thread_free);
  self->events_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->threads_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->identity_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->pending_answers = g_ptr_array_new ();
}

/* @flavour: "mastodon" or "bluesky". @clock may be NULL for the system
 * clock. */
DeskChannel *
desk_demo_channel_new (gint64 account_id, const char *flavour, DeskClock *clock)
{
  g_return_val_if_fail (desk_demo_flavour_from_string (flavour) != 0, NULL);
  g_return_val_if_fail (clock == NULL || DESK_IS_CLOCK (clock), NULL);

  return g_object_new (DESK_TYPE_DEMO_CHANNEL, "account-id", account_id,
                       "flavour", flavour, "clock", clock, NULL);
}

const char *
desk_demo_channel_get_flavour (DeskDemoChannel *self)
{
  g_return_val_if_fail (DESK_IS_DEMO_CHANNEL (self), NULL);

  return desk_demo_flavour_to_string (self->flavour);
}

guint
desk_demo_channel_get_interval (DeskDemoChannel *self)
{
  g_return_val_if_fail (DESK_IS_DEMO_CHANNEL (self), 0);

  return self->interval;
}

void
desk_demo_channel_set_interval (DeskDemoChannel *self, guint interval)
{
  g_return_if_fail (DESK_IS_DEMO_CHANNEL (self));
  g_return_if_fail (interval <= MAX_DELAY);

  if (self->interval == interval)
    return;

  self->interval = interval;
  schedule_generator (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
desk_demo_channel_get_answer_delay (DeskDemoChannel *self)
{
  g_return_val_if_fail (DESK_IS_DEMO_CHANNEL (self), 0);

  return self->answer_delay;
}

void
desk_demo_channel_set_answer_delay (DeskDemoChannel *self, guint answer_delay)
{
  g_return_if_fail (DESK_IS_DEMO_CHANNEL (self));
  g_return_if_fail (answer_delay <= MAX_DELAY);

  if (self->answer_delay == answer_delay)
    return;

  self->answer_delay = answer_delay;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER_DELAY]);
}
