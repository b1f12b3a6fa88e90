/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "bench-data.h"
#include "bench-ui.h"
#include "core/desk-inbox-model.h"
#include "core/desk-store-private.h"

/* Builds a large synthetic workspace and measures each figure beside its
 * baseline in the same run. Prints a table and one JSON object.
 *
 *   desk-benchmark [--conversations N] [--messages M] [--queries Q]
 *                  [--idle-seconds S] [--json-only]
 */

typedef struct
{
  guint conversations;
  guint messages;
  guint queries;
  guint idle_seconds;
  char *dir;
} Options;

typedef struct
{
  double ingest_messages_per_s;
  double ingest_baseline_messages_per_s;
  double search_p95_ms;
  double search_baseline_p95_ms;
  double view_switch_p95_ms;
  BenchUiFigures ui;
} Figures;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
bench_percentile (GArray *samples, double p)
{
  guint index;

  if (samples->len == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  index = (guint) ceil (p * samples->len) - 1;
  return g_array_index (samples, double, MIN (index, samples->len - 1));
}

/* The real sync path: batches through desk_store_apply_batch, as the sync
 * service writes them. */
static double
ingest_real (DeskStore *store, gint64 account, const Options *o)
{
  BenchShape shape = { o->conversations, o->messages / o->conversations, 0 };
  guint per_batch = MAX (1, 1000 / shape.messages_per_conversation);
  gint64 now = desk_clock_get_now (desk_store_get_clock (store));
  double spent = 0;
  guint total = 0;

  for (guint c = 0; c < o->conversations; c += per_batch)
    {
      guint n = MIN (per_batch, o->conversations - c);
      g_autoptr (DeskSyncBatch) batch = NULL;
      g_autoptr (GError) error = NULL;
      double start;

      batch = bench_make_batch (account, &shape, c, n, now);
      start = now_ms ();
      if (!desk_store_apply_batch (store, batch, NULL, &error))
        g_error ("ingest failed: %s", error->message);
      spent += now_ms () - start;
      total += batch->messages->len;
    }
  return total / (spent / 1000.0);
}

/* The same rows written directly with batched, prepared INSERTs into a
 * database with the same schema (and so the same indexes and FTS
 * triggers): what SQLite itself can do. */
static double
ingest_baseline (const char *path, const Options *o)
{
  BenchShape shape = { o->conversations, o->messages / o->conversations, 0 };
  guint per_batch = MAX (1, 1000 / shape.messages_per_conversation);
  g_autoptr (GError) error = NULL;
  sqlite3 *db;
  sqlite3_stmt *customer, *identity, *conversation, *message;
  double spent = 0;
  guint total = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db,
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                "PRAGMA foreign_keys = ON;",
                NULL, NULL, NULL);
  if (!_desk_store_migrate (db, DESK_STORE_SCHEMA_VERSION, &error))
    g_error ("%s", error->message);
  sqlite3_exec (db,
                "INSERT INTO account (id, network, remote_id, handle,"
                " created_at) VALUES (1, 'mastodon', 'b', '@b', 0)",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (db,
                      "INSERT OR IGNORE INTO customer (id, display_name,"
                      " created_at) VALUES (?, ?, 0)",
                      -1, &customer, NULL);
  sqlite3_prepare_v2 (db,
                      "INSERT OR IGNORE INTO identity (id, customer_id,"
                      " network, remote_id, handle, display_name, followers)"
                      " VALUES (?1, ?1, 'mastodon', ?2, ?3, ?4, ?5)",
                      -1, &identity, NULL);
  sqlite3_prepare_v2 (db,
                      "INSERT INTO conversation (id, account_id,"
                      " thread_remote_id, kind, customer_id, identity_id,"
                      " created_at) VALUES (?1, 1, ?2, ?3, ?4, ?4, ?5)",
                      -1, &conversation, NULL);
  sqlite3_prepare_v2 (db,
                      "INSERT INTO message (conversation_id, account_id,"
                      " remote_id, direction, identity_id, body, created_at)"
                      " VALUES (?, 1, ?, ?, ?, ?, ?)",
                      -1, &message, NULL);

  for (guint c = 0; c < o->conversations; c += per_batch)
    {
      guint n = MIN (per_batch, o->conversations - c);
      g_autoptr (DeskSyncBatch) batch
          = bench_make_batch (1, &shape, c, n, 1795000000);
      double start = now_ms ();

      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      for (guint i = 0; i < batch->identities->len; i++)
        {
          DeskSyncIdentity *who = batch->identities->pdata[i];
          gint64 id = g_ascii_strtoll (who->remote_id + 1, NULL, 10) + 1;

          sqlite3_bind_int64 (customer, 1, id);
          sqlite3_bind_text (customer, 2, who->display_name, -1, SQLITE_STATIC);
          sqlite3_step (customer);
          sqlite3_reset (customer);
          sqlite3_bind_int64 (identity, 1, id);
          sqlite3_bind_text (identity, 2, who->remote_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (identity, 3, who->handle, -1, SQLITE_STATIC);
          sqlite3_bind_text (identity, 4, who->display_name, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (identity, 5, who->followers);
          sqlite3_step (identity);
          sqlite3_reset (identity);
        }
      for (guint i = 0; i < batch->messages->len; i++)
        {
          DeskSyncMessage *m = batch->messages->pdata[i];
          gint64 conv = g_ascii_strtoll (m->thread_remote_id + 1, NULL, 10) + 1;
          gint64 who = 0;

          if (i % shape.messages_per_conversation == 0)
            {
              DeskSyncIdentity *first
                  = batch->identities
                        ->pdata[i / shape.messages_per_conversation];
              who = g_ascii_strtoll (first->remote_id + 1, NULL, 10) + 1;
              sqlite3_bind_int64 (conversation, 1, conv);
              sqlite3_bind_text (conversation, 2, m->thread_remote_id, -1,
                                 SQLITE_STATIC);
              sqlite3_bind_int (conversation, 3, m->kind);
              sqlite3_bind_int64 (conversation, 4, who);
              sqlite3_bind_int64 (conversation, 5, m->created_at);
              sqlite3_step (conversation);
              sqlite3_reset (conversation);
            }
          sqlite3_bind_int64 (message, 1, conv);
          sqlite3_bind_text (message, 2, m->remote_id, -1, SQLITE_STATIC);
          sqlite3_bind_int (message, 3, m->direction);
          if (m->author_remote_id != NULL)
            sqlite3_bind_int64 (
                message, 4,
                g_ascii_strtoll (m->author_remote_id + 1, NULL, 10) + 1);
          else
            sqlite3_bind_null (message, 4);
          sqlite3_bind_text (message, 5, m->body, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (message, 6, m->created_at);
          sqlite3_step (message);
          sqlite3_reset (message);
        }
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      spent += now_ms () - start;
      total += batch->messages->len;
    }

  sqlite3_finalize (customer);
  sqlite3_finalize (identity);
  sqlite3_finalize (conversation);
  sqlite3_finalize (message);
  sqlite3_close (db);
  return total / (spent / 1000.0);
}

static char *
make_query (guint i)
{
  return g_strdup_printf ("%s %s", bench_word (i * 7 + 1),
                          bench_word (i * 13 + 5));
}

/* Search through the inbox model (query, ids, items-changed) against the
 * same FTS5 query run directly. */
static void
search (DeskStore *store, const Options *o, Figures *figures)
{
  g_autoptr (DeskInboxModel) model = desk_inbox_model_new (store);
  g_autoptr (GArray) app = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) base = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db;
  sqlite3_stmt *stmt;

  desk_inbox_model_set_view (model, DESK_VIEW_ALL);
  sqlite3_open_v2 (desk_store_get_path (store), &db, SQLITE_OPEN_READONLY,
                   NULL);
  sqlite3_prepare_v2 (
      db,
      "SELECT c.id FROM conversation c WHERE c.id IN (SELECT m.conversation_id"
      " FROM message m WHERE m.id IN (SELECT rowid FROM message_fts"
      " WHERE message_fts MATCH ?1)) OR c.customer_id IN (SELECT rowid FROM"
      " customer_fts WHERE customer_fts MATCH ?1)"
      " ORDER BY c.priority DESC, c.due_at IS NULL, c.due_at,"
      " c.last_message_at DESC, c.id",
      -1, &stmt, NULL);

  for (guint i = 0; i < o->queries; i++)
    {
      g_autofree char *text = make_query (i);
      g_auto (GStrv) words = g_strsplit (text, " ", 2);
      g_autofree char *fts
          = g_strdup_printf ("\"%s\"* \"%s\"*", words[0], words[1]);
      double start = now_ms (), ms;

      desk_inbox_model_set_search (model, text);
      /* Results in the model: the first rows are what the list shows. */
      for (guint r = 0;
           r < 20 && r < g_list_model_get_n_items (G_LIST_MODEL (model)); r++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), r));
      ms = now_ms () - start;
      g_array_append_val (app, ms);

      start = now_ms ();
      sqlite3_bind_text (stmt, 1, g_utf8_strdown (fts, -1), -1, g_free);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      sqlite3_reset (stmt);
      ms = now_ms () - start;
      g_array_append_val (base, ms);
      desk_inbox_model_set_search (model, NULL);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  figures->search_p95_ms = bench_percentile (app, 0.95);
  figures->search_baseline_p95_ms = bench_percentile (base, 0.95);
}

/* Open → Mine → one channel → one tag, several rounds. */
static void
switch_views (DeskStore *store, Figures *figures)
{
  g_autoptr (DeskInboxModel) model = desk_inbox_model_new (store);
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  gint64 tag = desk_store_create_tag (store, "Rechnung", "#3584e4", &error);
  g_autoptr (GArray) ids = NULL;
  DeskInboxFilter all = { .view = DESK_VIEW_ALL };

  /* A realistic share of assigned and tagged conversations. */
  ids = desk_store_query_conversation_ids (store, &all, &error);
  for (guint i = 0; i < ids->len; i += 50)
    {
      gint64 id = g_array_index (ids, gint64, i);
      desk_store_set_conversation_tag (store, id, tag, TRUE, NULL, &error);
      if (i % 100 == 0)
        desk_store_set_assignee (store, id, "Anna", NULL, &error);
    }
  desk_inbox_model_set_me (model, "Anna");

  for (guint round = 0; round < 10; round++)
    for (guint step = 0; step < 4; step++)
      {
        double start = now_ms (), ms;

        desk_inbox_model_set_tag (model, 0);
        desk_inbox_model_set_network (model, NULL);
        switch (step)
          {
            case 0:
              desk_inbox_model_set_view (model, DESK_VIEW_OPEN);
              break;
            case 1:
              desk_inbox_model_set_view (model, DESK_VIEW_MINE);
              break;
            case 2:
              desk_inbox_model_set_view (model, DESK_VIEW_OPEN);
              desk_inbox_model_set_network (model, "mastodon");
              break;
            default:
              desk_inbox_model_set_view (model, DESK_VIEW_OPEN);
              desk_inbox_model_set_tag (model, tag);
          }
        for (guint r = 0;
             r < 20 && r < g_list_model_get_n_items (G_LIST_MODEL (model)); r++)
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), r));
        ms = now_ms () - start;
        g_array_append_val (samples, ms);
      }

  figures->view_switch_p95_ms = bench_percentile (samples, 0.95);
}

static void
print_results (const Options *o, const Figures *f, gboolean json_only)
{
  if (!json_only)
    {
      g_print ("\nSocialdesk benchmark: %u conversations, %u messages\n\n",
               o->conversations, o->messages);
      g_print ("%-34s %14s %14s %10s\n", "figure", "value", "baseline",
               "ratio");
      g_print ("%-34s %14.0f %14.0f %10.2f\n", "ingest (messages/s)",
               f->ingest_messages_per_s, f->ingest_baseline_messages_per_s,
               f->ingest_messages_per_s / f->ingest_baseline_messages_per_s);
      g_print ("%-34s %14.2f %14.2f %10.2f\n", "search p95 (ms)",
               f->search_p95_ms, f->search_baseline_p95_ms,
               f->search_p95_ms / MAX (f->search_baseline_p95_ms, 0.001));
      g_print ("%-34s %14.2f %14s %10s\n", "view switch p95 (ms)",
               f->view_switch_p95_ms, "-", "-");
      bench_ui_print_table (&f->ui);
      g_print ("\n");
    }

  g_print ("{\"conversations\": %u, \"messages\": %u,"
           " \"ingest_messages_per_s\": %.0f,"
           " \"ingest_baseline_messages_per_s\": %.0f,"
           " \"ingest_ratio\": %.3f,"
           " \"search_p95_ms\": %.3f, \"search_baseline_p95_ms\": %.3f,"
           " \"view_switch_p95_ms\": %.3f, %s}\n",
           o->conversations, o->messages, f->ingest_messages_per_s,
           f->ingest_baseline_messages_per_s,
           f->ingest_messages_per_s / f->ingest_baseline_messages_per_s,
           f->search_p95_ms, f->search_baseline_p95_ms, f->view_switch_p95_ms,
           bench_ui_json (&f->ui));
}

int
main (int argc, char **argv)
{
  Options o = { 2000, 20000, 100, 0, NULL };
  gboolean json_only = FALSE;
  int conversations = 0, messages = 0, queries = 0, idle = 0;
  g_autofree char *db_path = NULL;
  g_autofree char *baseline_path = NULL;
  g_autofree char *ui_mode = NULL;
  g_autofree char *ui_db = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskClock) clock = NULL;
  g_autoptr (DeskStore) store = NULL;
  GOptionEntry entries[] = {
    { "conversations", 0, 0, G_OPTION_ARG_INT, &conversations,
      "Conversations to build", "N" },
    { "messages", 0, 0, G_OPTION_ARG_INT, &messages, "Messages in all", "M" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &queries, "Search queries", "Q" },
    { "idle-seconds", 0, 0, G_OPTION_ARG_INT, &idle,
      "How long to watch an idle window for wakeups", "S" },
    { "json-only", 0, 0, G_OPTION_ARG_NONE, &json_only, "Only the JSON", NULL },
    { "ui-mode", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &ui_mode, NULL,
      NULL },
    { "ui-db", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &ui_db, NULL,
      NULL },
    { NULL }
  };
  Figures figures = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* The child processes that measure a cold start. */
  if (ui_mode != NULL)
    return bench_ui_child (ui_mode, ui_db);

  if (conversations > 0)
    o.conversations = (guint) conversations;
  if (messages > 0)
    o.messages = (guint) messages;
  if (queries > 0)
    o.queries = (guint) queries;
  o.idle_seconds = (guint) MAX (idle, 0);
  o.messages = MAX (o.messages, o.conversations);

  o.dir = g_dir_make_tmp ("desk-benchmark-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (o.dir, "socialdesk.db", NULL);
  baseline_path = g_build_filename (o.dir, "baseline.db", NULL);

  clock = desk_clock_new_fake (1795000000);
  store = desk_store_open (db_path, clock, &error);
  g_assert_no_error (error);
  {
    gint64 account = desk_store_add_account (
        store, "mastodon", "bench", "@bench", "Bench", NULL, FALSE, &error);
    figures.ingest_messages_per_s = ingest_real (store, account, &o);
  }
  figures.ingest_baseline_messages_per_s = ingest_baseline (baseline_path, &o);
  search (store, &o, &figures);
  switch_views (store, &figures);
  g_clear_object (&store);

  bench_ui_measure (argv[0], db_path, o.idle_seconds, &figures.ui);

  print_results (&o, &figures, json_only);

  /* The database folder goes; nothing of a run stays behind. */
  {
    const char *names[]
        = { "socialdesk.db", "socialdesk.db-wal", "socialdesk.db-shm",
            "baseline.db",   "baseline.db-wal",   "baseline.db-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *p = g_build_filename (o.dir, names[i], NULL);
        g_remove (p);
      }
    g_rmdir (o.dir);
    g_free (o.dir);
  }
  return 0;
}
