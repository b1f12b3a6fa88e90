/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mastodon-test-utils.h"

#define WAIT_LIMIT_MS 15000

void
mt_on_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Blocks in the main loop (no polling) until @done says so or @ms pass;
 * returns FALSE on timeout. */
static gboolean
iterate_until (gboolean (*done) (gconstpointer data),
               gconstpointer data,
               guint ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (ms, on_timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return done (data);
}

static gboolean
result_done (gconstpointer data)
{
  return *(GAsyncResult *const *) data != NULL;
}

void
mt_wait (GAsyncResult **result)
{
  if (!iterate_until (result_done, result, WAIT_LIMIT_MS))
    g_error ("timed out waiting for an async result");
}

static gboolean
flag_done (gconstpointer data)
{
  return *(const gboolean *) data;
}

gboolean
mt_wait_flag (const gboolean *flag, guint timeout_ms)
{
  return iterate_until (flag_done, flag, timeout_ms);
}

typedef struct
{
  const guint *value;
  guint at_least;
} UintWait;

static gboolean
uint_done (gconstpointer data)
{
  const UintWait *wait = data;

  return *wait->value >= wait->at_least;
}

gboolean
mt_wait_uint (const guint *value, guint at_least, guint timeout_ms)
{
  UintWait wait = { value, at_least };

  return iterate_until (uint_done, &wait, timeout_ms);
}

static gboolean
never_done (gconstpointer data)
{
  return FALSE;
}

void
mt_run_loop_for (guint ms)
{
  iterate_until (never_done, NULL, ms);
}

char *
mt_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("socialdesk-mastodon-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
mt_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        mt_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

void
mt_store_secret (DeskSecrets *secrets,
                 gint64 account_id,
                 const char *kind,
                 const char *value)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  desk_secrets_store_async (secrets, account_id, kind, "Socialdesk test", value,
                            NULL, mt_on_result_cb, &result);
  mt_wait (&result);
  g_assert_true (desk_secrets_store_finish (secrets, result, &error));
  g_assert_no_error (error);
}

char *
mt_lookup_secret (DeskSecrets *secrets,
                  gint64 account_id,
                  const char *kind,
                  GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_secrets_lookup_async (secrets, account_id, kind, NULL, mt_on_result_cb,
                             &result);
  mt_wait (&result);
  return desk_secrets_lookup_finish (secrets, result, error);
}

DeskSyncBatch *
mt_sync (DeskChannel *channel, const char *cursor, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_sync_async (channel, cursor, NULL, mt_on_result_cb, &result);
  mt_wait (&result);
  return desk_channel_sync_finish (channel, result, error);
}

char *
mt_send (DeskChannel *channel, const DeskOutboxEntry *entry, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_send_async (channel, entry, NULL, mt_on_result_cb, &result);
  mt_wait (&result);
  return desk_channel_send_finish (channel, result, error);
}

gint64
mt_db_count (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

char *
mt_db_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

gboolean
mt_file_contains (const char *path, const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  gsize needle_len = strlen (needle);

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  if (len < needle_len)
    return FALSE;
  for (gsize i = 0; i + needle_len <= len; i++)
    if (memcmp (data + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}
