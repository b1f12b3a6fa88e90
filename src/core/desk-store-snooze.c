/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-snooze"

#include "config.h"

#include "desk-store-private.h"
#include "desk-store-snooze.h"

/* Snoozing puts a conversation aside until a time, or until the customer
 * writes again (the sync reopens it then, see reopen_for_customer ()).
 * The window calls desk_store_wake_snoozed () on every minute tick. */

/* Snoozes until @until (seconds since the epoch); 0 snoozes until the
 * customer answers. */
gboolean
desk_store_snooze (DeskStore *self,
                   gint64 conversation_id,
                   gint64 until,
                   const char *actor,
                   GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (until >= 0, FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  if (!desk_store_set_status (self, conversation_id, DESK_STATUS_SNOOZED, actor,
                              error))
    goto fail;

  stmt = _desk_store_prepare (
      self, "UPDATE conversation SET snoozed_until = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  if (until > 0)
    sqlite3_bind_int64 (stmt, 1, until);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  /* The log keeps when it was meant to come back, for the reports. */
  detail = until > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, until)
                     : g_strdup ("customer");
  if (!_desk_store_log_event (self, conversation_id, actor, "snooze", detail,
                              error))
    goto fail;
  _desk_store_touch (self, conversation_id);

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* When a snoozed conversation comes back: 0 when it is not snoozed or
 * waits for the customer. */
gint64
desk_store_get_snoozed_until (DeskStore *self, gint64 conversation_id)
{
  sqlite3_stmt *stmt;
  gint64 until = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);

  stmt = _desk_store_prepare (self,
                              "SELECT snoozed_until FROM conversation"
                              " WHERE id = ? AND status = 2",
                              NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    until = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return until;
}

/* Reopens every snoozed conversation whose time has come, in one
 * transaction. */
gboolean
desk_store_wake_snoozed (DeskStore *self, guint *n_woken, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (n_woken != NULL)
    *n_woken = 0;

  if (!_desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (self,
                              "SELECT id FROM conversation WHERE status = 2"
                              " AND snoozed_until IS NOT NULL"
                              " AND snoozed_until <= ?",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, _desk_store_now (self));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (!_desk_store_check (self, rc, error))
    goto fail;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!desk_store_set_status (self, id, DESK_STATUS_OPEN, NULL, error))
        goto fail;
      stmt = _desk_store_prepare (
          self, "UPDATE conversation SET snoozed_until = NULL WHERE id = ?",
          error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_desk_store_exec_stmt (self, stmt, error)
          || !_desk_store_log_event (self, id, NULL, "woken", NULL, error))
        goto fail;
    }

  if (n_woken != NULL)
    *n_woken = ids->len;
  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}
