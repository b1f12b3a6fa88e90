/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-due"

#include "config.h"

#include "desk-store-due.h"
#include "desk-store-private.h"

/* The ids (gint64) of the open conversations whose nearest deadline lies
 * between @due_after and @due_before (inclusive), nearest first. The
 * breach notifier asks this once a minute; the conversation_due index
 * (status, priority, due_at) keeps it cheap with thousands of
 * conversations, so the caller need not load every row. */
GArray *
desk_store_query_due_conversation_ids (DeskStore *self,
                                       gint64 due_after,
                                       gint64 due_before,
                                       GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _desk_store_prepare (self,
                              "SELECT id FROM conversation"
                              " WHERE status = 0 AND due_at IS NOT NULL"
                              " AND due_at BETWEEN ? AND ? ORDER BY due_at",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, due_after);
  sqlite3_bind_int64 (stmt, 2, due_before);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (!_desk_store_check (self, rc, error))
    return NULL;

  return g_steal_pointer (&ids);
}
