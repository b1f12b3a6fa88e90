/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-store-private.h"

/* What agents do, and the outbox. Each action is one transaction that
 * also writes the event log reports read. */

/* Recomputes the columns derived from a conversation's messages. The
 * unary "+" keeps SQLite on the (conversation_id, created_at) index: the
 * (direction, created_at) index for reports would scan every message. */
gboolean
_desk_store_refresh_conversation (DeskStore *self,
                                  gint64 conversation_id,
                                  GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "UPDATE conversation SET"
      " last_message_at = coalesce ((SELECT max (created_at) FROM message"
      "  WHERE conversation_id = :id AND +direction <> 2), created_at),"
      " snippet = coalesce ((SELECT substr (body, 1, 240) FROM message"
      "  WHERE conversation_id = :id AND +direction <> 2"
      "  ORDER BY created_at DESC, id DESC LIMIT 1), ''),"
      " awaiting_since = (SELECT min (created_at) FROM message"
      "  WHERE conversation_id = :id AND +direction = 0 AND created_at >"
      "  coalesce ((SELECT max (created_at) FROM message"
      "   WHERE conversation_id = :id AND +direction = 1), 0)),"
      " first_response_at = coalesce (first_response_at,"
      "  (SELECT min (created_at) FROM message"
      "   WHERE conversation_id = :id AND +direction = 1)),"
      " opened_at = (SELECT min (created_at) FROM message"
      "  WHERE conversation_id = :id AND +direction = 0),"
      " priority = max (priority, coalesce ((SELECT max (i.followers) >= :reach"
      "  FROM identity i WHERE i.customer_id = conversation.customer_id), 0))"
      " WHERE id = :id",
      error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"),
                      conversation_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":reach"),
                      desk_store_get_high_reach_followers (self));
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  return _desk_store_update_due (self, conversation_id, error);
}

static gboolean
conversation_exists (DeskStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self, "SELECT 1 FROM conversation WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (!found)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                 _ ("The conversation no longer exists."));
  return found;
}

static gboolean
check_text (const char *body, GError **error)
{
  g_autofree char *stripped = NULL;

  if (body == NULL || !g_utf8_validate (body, -1, NULL))
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("The text is not valid."));
      return FALSE;
    }

  stripped = g_strstrip (g_strdup (body));
  if (*stripped == '\0')
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("The text is empty."));
      return FALSE;
    }
  return TRUE;
}

static gint64
insert_local_message (DeskStore *self,
                      gint64 conversation_id,
                      DeskDirection direction,
                      const char *body,
                      gboolean private_reply,
                      const char *author,
                      GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "INSERT INTO message (conversation_id, account_id, direction, author,"
      " body, private, in_reply_to, delivery, created_at)"
      " SELECT c.id, c.account_id, ?, ?, ?, ?,"
      "  (SELECT m.remote_id FROM message m WHERE m.conversation_id = c.id"
      "   AND +m.direction = 0 ORDER BY m.created_at DESC, m.id DESC LIMIT 1),"
      "  ?, ? FROM conversation c WHERE c.id = ? RETURNING id",
      error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int (stmt, 1, direction);
  _desk_bind_text (stmt, 2, author);
  _desk_bind_text (stmt, 3, body);
  sqlite3_bind_int (stmt, 4, private_reply ? 1 : 0);
  sqlite3_bind_int (stmt, 5,
                    direction == DESK_DIRECTION_OUTGOING
                        ? DESK_DELIVERY_QUEUED
                        : DESK_DELIVERY_RECEIVED);
  sqlite3_bind_int64 (stmt, 6, _desk_store_now (self));
  sqlite3_bind_int64 (stmt, 7, conversation_id);
  if (!_desk_store_step_id (self, stmt, &id, error))
    return 0;

  return id;
}

/* Stores a reply as queued, with its idempotency key, before anything is
 * sent; clears the draft it came from in the same transaction. Returns
 * the message id. */
gint64
desk_store_queue_reply (DeskStore *self,
                        gint64 conversation_id,
                        const char *body,
                        DeskConversationKind kind,
                        const char *author,
                        GError **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gint64 message_id;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);

  if (!check_text (body, error))
    return 0;

  if (!_desk_store_begin (self, error))
    return 0;

  if (!conversation_exists (self, conversation_id, error))
    goto fail;

  /* The reply stops whichever response timer runs. */
  if (!_desk_store_log_attainment (self, conversation_id,
                                   DESK_SLA_TIMER_FIRST_RESPONSE, error)
      || !_desk_store_log_attainment (self, conversation_id,
                                      DESK_SLA_TIMER_NEXT_RESPONSE, error))
    goto fail;

  message_id = insert_local_message (
      self, conversation_id, DESK_DIRECTION_OUTGOING, body,
      kind == DESK_CONVERSATION_KIND_PRIVATE, author, error);
  if (message_id == 0)
    goto fail;

  key = g_uuid_string_random ();
  stmt = _desk_store_prepare (
      self,
      "INSERT INTO outbox (message_id, idempotency_key, next_attempt_at)"
      " VALUES (?, ?, ?)",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, message_id);
  _desk_bind_text (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, _desk_store_now (self));
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  stmt = _desk_store_prepare (
      self, "UPDATE conversation SET draft = NULL, unread = 0 WHERE id = ?",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  if (!_desk_store_log_event (
          self, conversation_id, author, "replied",
          kind == DESK_CONVERSATION_KIND_PRIVATE ? "private" : "public", error)
      || !_desk_store_refresh_conversation (self, conversation_id, error))
    goto fail;

  _desk_store_touch (self, conversation_id);
  if (!_desk_store_commit (self, error))
    return 0;
  return message_id;

fail:
  _desk_store_rollback (self);
  return 0;
}

/* An internal note for the team; never sent. */
gint64
desk_store_add_note (DeskStore *self,
                     gint64 conversation_id,
                     const char *body,
                     const char *author,
                     GError **error)
{
  gint64 message_id;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);

  if (!check_text (body, error))
    return 0;

  if (!_desk_store_begin (self, error))
    return 0;

  if (!conversation_exists (self, conversation_id, error))
    goto fail;

  message_id = insert_local_message (self, conversation_id, DESK_DIRECTION_NOTE,
                                     body, TRUE, author, error);
  if (message_id == 0
      || !_desk_store_log_event (self, conversation_id, author, "note", NULL,
                                 error))
    goto fail;

  _desk_store_touch (self, conversation_id);
  if (!_desk_store_commit (self, error))
    return 0;
  return message_id;

fail:
  _desk_store_rollback (self);
  return 0;
}

static const char *const status_names[] = {
  [DESK_STATUS_OPEN] = "open",
  [DESK_STATUS_WAITING] = "waiting",
  [DESK_STATUS_SNOOZED] = "snoozed",
  [DESK_STATUS_CLOSED] = "closed",
};

/* Waiting on the customer stops the resolution clock; any other status
 * starts it again. */
static gboolean
update_pauses (DeskStore *self,
               gint64 conversation_id,
               DeskStatus status,
               GError **error)
{
  sqlite3_stmt *stmt;

  if (status == DESK_STATUS_WAITING)
    stmt = _desk_store_prepare (
        self,
        "INSERT INTO conversation_pause (conversation_id, start_at)"
        " VALUES (?1, ?2)",
        error);
  else
    stmt
        = _desk_store_prepare (self,
                               "UPDATE conversation_pause SET end_at = ?2"
                               " WHERE conversation_id = ?1 AND end_at IS NULL",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, _desk_store_now (self));
  return _desk_store_exec_stmt (self, stmt, error);
}

gboolean
desk_store_set_status (DeskStore *self,
                       gint64 conversation_id,
                       DeskStatus status,
                       const char *actor,
                       GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= DESK_STATUS_CLOSED, FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  if (!conversation_exists (self, conversation_id, error))
    goto fail;

  if (status == DESK_STATUS_CLOSED
      && !_desk_store_log_attainment (self, conversation_id,
                                      DESK_SLA_TIMER_RESOLUTION, error))
    goto fail;

  stmt = _desk_store_prepare (self,
                              "UPDATE conversation SET status = ?1,"
                              " closed_at = CASE WHEN ?1 = 3 THEN ?3 END"
                              " WHERE id = ?2 AND status <> ?1",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, status);
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  sqlite3_bind_int64 (stmt, 3, _desk_store_now (self));
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  if (sqlite3_changes (_desk_store_get_db (self)) > 0)
    {
      if (!update_pauses (self, conversation_id, status, error)
          || !_desk_store_log_event (self, conversation_id, actor, "status",
                                     status_names[status], error)
          || !_desk_store_update_due (self, conversation_id, error))
        goto fail;
      _desk_store_touch (self, conversation_id);
    }

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* @assignee NULL or "" leaves the conversation unassigned. */
gboolean
desk_store_set_assignee (DeskStore *self,
                         gint64 conversation_id,
                         const char *assignee,
                         const char *actor,
                         GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (assignee != NULL && *assignee == '\0')
    assignee = NULL;

  if (!_desk_store_begin (self, error))
    return FALSE;

  if (!conversation_exists (self, conversation_id, error))
    goto fail;

  stmt = _desk_store_prepare (
      self,
      "UPDATE conversation SET assignee = ?1 WHERE id = ?2"
      " AND assignee IS NOT ?1",
      error);
  if (stmt == NULL)
    goto fail;
  _desk_bind_text (stmt, 1, assignee);
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  if (sqlite3_changes (_desk_store_get_db (self)) > 0)
    {
      if (!_desk_store_log_event (self, conversation_id, actor, "assigned",
                                  assignee, error))
        goto fail;
      _desk_store_touch (self, conversation_id);
    }

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* Saved as the agent types; it does not announce a change, so typing
 * never rebuilds the inbox. */
gboolean
desk_store_set_draft (DeskStore *self,
                      gint64 conversation_id,
                      const char *draft,
                      GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (draft != NULL && *draft == '\0')
    draft = NULL;

  stmt = _desk_store_prepare (
      self, "UPDATE conversation SET draft = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  _desk_bind_text (stmt, 1, draft);
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  return _desk_store_exec_stmt (self, stmt, error);
}

gboolean
desk_store_mark_read (DeskStore *self, gint64 conversation_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self, "UPDATE conversation SET unread = 0 WHERE id = ? AND unread > 0",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  if (sqlite3_changes (_desk_store_get_db (self)) > 0)
    _desk_store_touch (self, conversation_id);

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* Replies of @account_id that are due for a (first or next) attempt, in
 * the order they were written. A reply left SENDING by a crash is due
 * again; the channel must check whether it already landed. */
GPtrArray *
desk_store_list_due_outbox (DeskStore *self, gint64 account_id, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT m.id, m.conversation_id, m.account_id, m.private,"
      " c.thread_remote_id, m.in_reply_to, i.remote_id, i.handle, m.body,"
      " o.idempotency_key, o.attempts"
      " FROM outbox o JOIN message m ON m.id = o.message_id"
      " JOIN conversation c ON c.id = m.conversation_id"
      " LEFT JOIN identity i ON i.id = c.identity_id"
      " WHERE m.account_id = ? AND m.delivery IN (1, 2)"
      " AND o.next_attempt_at <= ? ORDER BY m.id",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, _desk_store_now (self));
  entries = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_outbox_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskOutboxEntry *entry = g_new0 (DeskOutboxEntry, 1);

      entry->message_id = sqlite3_column_int64 (stmt, 0);
      entry->conversation_id = sqlite3_column_int64 (stmt, 1);
      entry->account_id = sqlite3_column_int64 (stmt, 2);
      entry->kind = sqlite3_column_int (stmt, 3)
                        ? DESK_CONVERSATION_KIND_PRIVATE
                        : DESK_CONVERSATION_KIND_PUBLIC;
      entry->thread_remote_id = g_strdup (_desk_column_text (stmt, 4));
      entry->in_reply_to = g_strdup (_desk_column_text (stmt, 5));
      entry->recipient_remote_id = g_strdup (_desk_column_text (stmt, 6));
      entry->recipient_handle = g_strdup (_desk_column_text (stmt, 7));
      entry->body = g_strdup (_desk_column_text (stmt, 8));
      entry->idempotency_key = g_strdup (_desk_column_text (stmt, 9));
      entry->attempts = (guint) sqlite3_column_int (stmt, 10);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static gint64
message_conversation (DeskStore *self, gint64 message_id, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self, "SELECT conversation_id FROM message WHERE id = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, message_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                 _ ("The reply no longer exists."));
  return id;
}

/* Records the start of an attempt before the network call. */
gboolean
desk_store_mark_sending (DeskStore *self, gint64 message_id, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 conversation_id;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  conversation_id = message_conversation (self, message_id, error);
  if (conversation_id == 0)
    goto fail;

  stmt = _desk_store_prepare (
      self, "UPDATE message SET delivery = 2 WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, message_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  stmt = _desk_store_prepare (
      self, "UPDATE outbox SET attempts = attempts + 1 WHERE message_id = ?",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, message_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  _desk_store_touch (self, conversation_id);
  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

gboolean
desk_store_mark_sent (DeskStore *self,
                      gint64 message_id,
                      const char *remote_id,
                      GError **error)
{
  sqlite3_stmt *stmt;
  gint64 conversation_id;
  gboolean synced_already;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (remote_id != NULL && *remote_id != '\0', FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  conversation_id = message_conversation (self, message_id, error);
  if (conversation_id == 0)
    goto fail;

  /* A sync may have stored the reply from the network first (with text
   * the server rewrote); then that copy stays and ours goes. */
  stmt = _desk_store_prepare (
      self,
      "SELECT 1 FROM message WHERE remote_id = ? AND id <> ?"
      " AND account_id = (SELECT account_id FROM message WHERE id = ?)",
      error);
  if (stmt == NULL)
    goto fail;
  _desk_bind_text (stmt, 1, remote_id);
  sqlite3_bind_int64 (stmt, 2, message_id);
  sqlite3_bind_int64 (stmt, 3, message_id);
  synced_already = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (synced_already)
    stmt = _desk_store_prepare (self, "DELETE FROM message WHERE id = ?2",
                                error);
  else
    stmt = _desk_store_prepare (
        self, "UPDATE message SET delivery = 3, remote_id = ?1 WHERE id = ?2",
        error);
  if (stmt == NULL)
    goto fail;
  if (!synced_already)
    _desk_bind_text (stmt, 1, remote_id);
  sqlite3_bind_int64 (stmt, 2, message_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  stmt = _desk_store_prepare (self, "DELETE FROM outbox WHERE message_id = ?",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, message_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  if (!_desk_store_log_event (self, conversation_id, NULL, "sent", remote_id,
                              error)
      || !_desk_store_refresh_conversation (self, conversation_id, error))
    goto fail;

  _desk_store_touch (self, conversation_id);
  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* @retry_at 0: the reply waits for the agent to retry it (FAILED);
 * otherwise it is retried by itself at that time (QUEUED). */
gboolean
desk_store_mark_failed (DeskStore *self,
                        gint64 message_id,
                        const char *reason,
                        gint64 retry_at,
                        GError **error)
{
  sqlite3_stmt *stmt;
  gint64 conversation_id;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  conversation_id = message_conversation (self, message_id, error);
  if (conversation_id == 0)
    goto fail;

  stmt = _desk_store_prepare (
      self,
      "UPDATE outbox SET last_error = ?, next_attempt_at = ?"
      " WHERE message_id = ?",
      error);
  if (stmt == NULL)
    goto fail;
  _desk_bind_text (stmt, 1, reason);
  sqlite3_bind_int64 (stmt, 2, retry_at > 0 ? retry_at : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 3, message_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  stmt = _desk_store_prepare (
      self, "UPDATE message SET delivery = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1,
                    retry_at > 0 ? DESK_DELIVERY_QUEUED : DESK_DELIVERY_FAILED);
  sqlite3_bind_int64 (stmt, 2, message_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  _desk_store_touch (self, conversation_id);
  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* The agent asks to try a failed reply again now. */
gboolean
desk_store_retry_reply (DeskStore *self, gint64 message_id, GError **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  return desk_store_mark_failed (self, message_id, NULL, _desk_store_now (self),
                                 error);
}

/* When the next queued reply of @account_id is due (unix time), or 0
 * when none waits; lets the outbox sleep until then. */
gint64
desk_store_get_next_outbox_attempt (DeskStore *self, gint64 account_id)
{
  sqlite3_stmt *stmt;
  gint64 next = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);

  stmt
      = _desk_store_prepare (self,
                             "SELECT min (o.next_attempt_at) FROM outbox o"
                             " JOIN message m ON m.id = o.message_id"
                             " WHERE m.account_id = ? AND m.delivery IN (1, 2)",
                             NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, account_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    next = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return next;
}

/* Marks a customer's reply as hidden on the network (or visible again);
 * called after the channel did it. */
gboolean
desk_store_set_message_hidden (DeskStore *self,
                               gint64 message_id,
                               gboolean hidden,
                               const char *actor,
                               GError **error)
{
  sqlite3_stmt *stmt;
  gint64 conversation_id;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  conversation_id = message_conversation (self, message_id, error);
  if (conversation_id == 0)
    goto fail;

  stmt = _desk_store_prepare (
      self, "UPDATE message SET hidden = ? WHERE id = ? AND hidden <> ?",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, hidden ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, message_id);
  sqlite3_bind_int (stmt, 3, hidden ? 1 : 0);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  if (sqlite3_changes (_desk_store_get_db (self)) > 0)
    {
      if (!_desk_store_log_event (self, conversation_id, actor,
                                  hidden ? "hidden" : "unhidden", NULL, error))
        goto fail;
      _desk_store_touch (self, conversation_id);
    }

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}
