/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "desk-account-private.h"
#include "desk-store-private.h"

/* The one SQLite database of the app. All SQL lives behind this API in
 * the desk-store-*.c files; statements are prepared once and cached. */
struct _DeskStore
{
  GObject parent_instance;

  char *path;
  DeskClock *clock;
  sqlite3 *db;
  GHashTable *statements; /* SQL text (static) -> sqlite3_stmt */
  guint transaction_depth;
  GArray *changed; /* conversation ids touched in the open transaction */
};

G_DEFINE_FINAL_TYPE (DeskStore, desk_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (desk - store - error - quark, desk_store_error)

enum
{
  CONVERSATIONS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_desk_store_set_error (GError **error, sqlite3 *db, int rc)
{
  int primary = rc & 0xff;
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (primary)
    {
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_CORRUPT,
                     _ ("The database is damaged (%s)."), detail);
        break;

      case SQLITE_FULL:
        g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FULL,
                     _ ("The disk is full. Free some space; nothing was "
                        "lost."));
        break;

      case SQLITE_CONSTRAINT:
        g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                     _ ("The change does not fit the stored data (%s)."),
                     detail);
        break;

      default:
        g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED,
                     _ ("The database reported an error (%s)."), detail);
    }
}

sqlite3 *
_desk_store_get_db (DeskStore *self)
{
  return self->db;
}

gint64
_desk_store_now (DeskStore *self)
{
  return desk_clock_get_now (self->clock);
}

gboolean
_desk_store_check (DeskStore *self, int rc, GError **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  _desk_store_set_error (error, self->db, rc);
  return FALSE;
}

/* @sql must be a string literal: it is the cache key. */
sqlite3_stmt *
_desk_store_prepare (DeskStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                           NULL);
  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (error, self->db, rc);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_desk_store_exec_stmt (DeskStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _desk_store_set_error (error, self->db, rc);
      return FALSE;
    }
  return TRUE;
}

/* Runs a statement that returns at most one row to its end; @id gets
 * the first column of that row, or 0. Never steps a finished statement
 * again (SQLite would run it a second time). */
gboolean
_desk_store_step_id (DeskStore *self,
                     sqlite3_stmt *stmt,
                     gint64 *id,
                     GError **error)
{
  int rc = sqlite3_step (stmt);

  *id = 0;
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  return _desk_store_check (self, rc, error);
}

static gboolean
exec_simple (DeskStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (self, sql, error);

  return stmt != NULL && _desk_store_exec_stmt (self, stmt, error);
}

/* Transactions nest by counting; only the outermost one touches SQLite
 * and announces the changes after it committed. */
gboolean
_desk_store_begin (DeskStore *self, GError **error)
{
  if (self->transaction_depth++ > 0)
    return TRUE;

  if (!exec_simple (self, "BEGIN IMMEDIATE", error))
    {
      self->transaction_depth--;
      return FALSE;
    }
  return TRUE;
}

gboolean
_desk_store_commit (DeskStore *self, GError **error)
{
  g_autoptr (GArray) changed = NULL;

  g_assert (self->transaction_depth > 0);

  if (--self->transaction_depth > 0)
    return TRUE;

  if (!exec_simple (self, "COMMIT", error))
    {
      exec_simple (self, "ROLLBACK", NULL);
      g_array_set_size (self->changed, 0);
      return FALSE;
    }

  if (self->changed->len == 0)
    return TRUE;

  changed = g_steal_pointer (&self->changed);
  self->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_emit (self, signals[CONVERSATIONS_CHANGED], 0, changed);
  return TRUE;
}

void
_desk_store_rollback (DeskStore *self)
{
  g_assert (self->transaction_depth > 0);

  if (--self->transaction_depth > 0)
    return;

  exec_simple (self, "ROLLBACK", NULL);
  g_array_set_size (self->changed, 0);
}

void
_desk_store_touch (DeskStore *self, gint64 conversation_id)
{
  for (guint i = 0; i < self->changed->len; i++)
    if (g_array_index (self->changed, gint64, i) == conversation_id)
      return;

  g_array_append_val (self->changed, conversation_id);
}

gboolean
_desk_store_log_event (DeskStore *self,
                       gint64 conversation_id,
                       const char *actor,
                       const char *kind,
                       const char *detail,
                       GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "INSERT INTO event (at, conversation_id, actor, kind, detail)"
      " VALUES (?, ?, ?, ?, ?)",
      error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, _desk_store_now (self));
  if (conversation_id > 0)
    sqlite3_bind_int64 (stmt, 2, conversation_id);
  _desk_bind_text (stmt, 3, actor);
  _desk_bind_text (stmt, 4, kind);
  _desk_bind_text (stmt, 5, detail);
  return _desk_store_exec_stmt (self, stmt, error);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
desk_store_dispose (GObject *object)
{
  DeskStore *self = DESK_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (desk_store_parent_class)->dispose (object);
}

static void
desk_store_finalize (GObject *object)
{
  DeskStore *self = DESK_STORE (object);

  g_free (self->path);
  g_array_unref (self->changed);

  G_OBJECT_CLASS (desk_store_parent_class)->finalize (object);
}

static void
desk_store_class_init (DeskStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_store_dispose;
  object_class->finalize = desk_store_finalize;

  /* Emitted after a commit with the ids (a GArray of gint64) of the
   * conversations whose rows or messages changed. */
  signals[CONVERSATIONS_CHANGED] = g_signal_new (
      "conversations-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
}

static void
desk_store_init (DeskStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Copies the database file, with its write-ahead log if there is one,
 * beside itself; returns the path of the copy. The original is left
 * untouched. */
char *
desk_store_keep_backup (const char *path, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *backup = g_strdup_printf ("%s.backup-%s", path, stamp);
  const char *suffixes[] = { "", "-wal" };

  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from_path = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to_path = g_strconcat (backup, suffixes[i], NULL);
      g_autoptr (GFile) from = g_file_new_for_path (from_path);
      g_autoptr (GFile) to = g_file_new_for_path (to_path);

      if (i > 0 && !g_file_test (from_path, G_FILE_TEST_EXISTS))
        continue;

      if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        return NULL;
    }

  return g_steal_pointer (&backup);
}

static gboolean
configure_connection (sqlite3 *db, GError **error)
{
  int rc = sqlite3_exec (db,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA busy_timeout = 2000;",
                         NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* Opens (creating if needed) the database at @path and brings its schema
 * up to date. A damaged file or one from a newer version is left exactly
 * as it is and reported as DESK_STORE_ERROR_CORRUPT or _TOO_NEW. */
DeskStore *
desk_store_open (const char *path, DeskClock *clock, GError **error)
{
  g_autoptr (DeskStore) self = NULL;
  g_autofree char *dir = NULL;
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (DESK_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_FAILED,
                   _ ("Could not create the folder “%s”: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }

  self = g_object_new (DESK_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);

  rc = sqlite3_open_v2 (
      path, &self->db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (error, self->db, rc);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);

  /* Read before anything writes: a foreign or newer file stays as it is. */
  version = _desk_store_read_version (self->db, error);
  if (version < 0)
    return NULL;

  if (version > DESK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_TOO_NEW,
                   _ ("The database was written by a newer version of "
                      "Socialdesk (schema %d; this version knows up to %d)."),
                   version, DESK_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (!configure_connection (self->db, error))
    return NULL;

  if (version > 0 && version < DESK_STORE_SCHEMA_VERSION)
    {
      g_autofree char *backup = desk_store_keep_backup (path, error);

      if (backup == NULL)
        return NULL;
      g_info ("kept a copy of the database before migrating: %s", backup);
    }

  if (!_desk_store_migrate (self->db, DESK_STORE_SCHEMA_VERSION, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
desk_store_get_path (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  return self->path;
}

DeskClock *
desk_store_get_clock (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  return self->clock;
}

int
desk_store_get_schema_version (DeskStore *self)
{
  g_return_val_if_fail (DESK_IS_STORE (self), -1);

  return _desk_store_read_version (self->db, NULL);
}

/* Adds an account, or returns the id of the one with the same network and
 * remote id. */
gint64
desk_store_add_account (DeskStore *self,
                        const char *network,
                        const char *remote_id,
                        const char *handle,
                        const char *display_name,
                        const char *server,
                        gboolean simulated,
                        GError **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (network != NULL && remote_id != NULL, 0);
  g_return_val_if_fail (handle != NULL, 0);

  stmt = _desk_store_prepare (
      self,
      "INSERT INTO account (network, remote_id, handle, display_name,"
      " server, simulated, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (network, remote_id) DO UPDATE SET handle = "
      "excluded.handle,"
      " display_name = excluded.display_name RETURNING id",
      error);
  if (stmt == NULL)
    return 0;

  _desk_bind_text (stmt, 1, network);
  _desk_bind_text (stmt, 2, remote_id);
  _desk_bind_text (stmt, 3, handle);
  _desk_bind_text (stmt, 4, display_name);
  _desk_bind_text (stmt, 5, server);
  sqlite3_bind_int (stmt, 6, simulated ? 1 : 0);
  sqlite3_bind_int64 (stmt, 7, _desk_store_now (self));

  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    _desk_store_set_error (error, self->db, sqlite3_errcode (self->db));
  sqlite3_reset (stmt);

  return id;
}

/* Returns a GPtrArray of DeskAccount, oldest first. */
GPtrArray *
desk_store_list_accounts (DeskStore *self, GError **error)
{
  g_autoptr (GPtrArray) accounts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT id, network, remote_id, handle, display_name, server, cursor,"
      " simulated, paused, last_sync_at, last_error FROM account ORDER BY id",
      error);
  if (stmt == NULL)
    return NULL;

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskAccountData data = {
        .id = sqlite3_column_int64 (stmt, 0),
        .network = g_strdup (_desk_column_text (stmt, 1)),
        .remote_id = g_strdup (_desk_column_text (stmt, 2)),
        .handle = g_strdup (_desk_column_text (stmt, 3)),
        .display_name = g_strdup (_desk_column_text (stmt, 4)),
        .server = g_strdup (_desk_column_text (stmt, 5)),
        .cursor = g_strdup (_desk_column_text (stmt, 6)),
        .simulated = sqlite3_column_int (stmt, 7) != 0,
        .paused = sqlite3_column_int (stmt, 8) != 0,
        .last_sync_at = sqlite3_column_int64 (stmt, 9),
        .last_error = g_strdup (_desk_column_text (stmt, 10)),
      };
      g_ptr_array_add (accounts, _desk_account_new (&data));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (error, self->db, rc);
      return NULL;
    }

  return g_steal_pointer (&accounts);
}

/* Removes an account with its conversations and messages. Customers stay:
 * they may write on other accounts. The caller removes its secrets. */
gboolean
desk_store_remove_account (DeskStore *self, gint64 account_id, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self, "SELECT id FROM conversation WHERE account_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _desk_store_touch (self, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (!_desk_store_check (self, rc, error))
    goto fail;

  stmt = _desk_store_prepare (self, "DELETE FROM account WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  if (!_desk_store_log_event (self, 0, NULL, "account-removed", NULL, error))
    goto fail;

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* Records the outcome of a sync of @account_id: @error_message (for
 * people) when it failed, NULL when it worked, which is then also the
 * time of the last sync. */
gboolean
desk_store_set_account_sync_state (DeskStore *self,
                                   gint64 account_id,
                                   const char *error_message,
                                   GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (error_message == NULL)
    stmt = _desk_store_prepare (self,
                                "UPDATE account SET last_error = NULL,"
                                " last_sync_at = ? WHERE id = ?",
                                error);
  else
    stmt = _desk_store_prepare (
        self, "UPDATE account SET last_error = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (error_message == NULL)
    sqlite3_bind_int64 (stmt, 1, _desk_store_now (self));
  else
    _desk_bind_text (stmt, 1, error_message);
  sqlite3_bind_int64 (stmt, 2, account_id);
  return _desk_store_exec_stmt (self, stmt, error);
}

/* A paused account is not synced; its queued replies wait. */
gboolean
desk_store_set_account_paused (DeskStore *self,
                               gint64 account_id,
                               gboolean paused,
                               GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  stmt = _desk_store_prepare (
      self, "UPDATE account SET paused = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, paused ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, account_id);
  return _desk_store_exec_stmt (self, stmt, error);
}
