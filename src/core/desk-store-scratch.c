/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-scratch"

#include "config.h"

#include "desk-store-private.h"
#include "desk-store-scratch.h"

/* Returns the scratch text, "" when there is none; NULL with @error set
 * when the store could not be read. */
char *
desk_store_get_scratch (DeskStore *self, gint64 conversation_id, GError **error)
{
  sqlite3_stmt *stmt;
  char *scratch = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self, "SELECT scratch FROM conversation WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    scratch = g_strdup (_desk_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _desk_store_check (self, rc, error);
      return NULL;
    }
  return scratch != NULL ? scratch : g_strdup ("");
}

gboolean
desk_store_set_scratch (DeskStore *self,
                        gint64 conversation_id,
                        const char *scratch,
                        GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (scratch != NULL && *scratch == '\0')
    scratch = NULL;

  stmt = _desk_store_prepare (
      self, "UPDATE conversation SET scratch = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  _desk_bind_text (stmt, 1, scratch);
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  return _desk_store_exec_stmt (self, stmt, error);
}
