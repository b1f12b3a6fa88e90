/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-store-private.h"

/* Writing what a channel synced: identities become customers, messages
 * are upserted by (account, remote id) so a message seen twice is stored
 * once, and every touched conversation's derived columns are recomputed. */

static char *
account_network (DeskStore *self, gint64 account_id, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self, "SELECT network FROM account WHERE id = ?", error);
  char *network;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                   _ ("The account no longer exists."));
      return NULL;
    }
  network = g_strdup (_desk_column_text (stmt, 0));
  /* Reset at once: a statement left open keeps its read transaction, and
   * then SQLite can never checkpoint the write-ahead log, which grows
   * without end and slows every read. */
  sqlite3_reset (stmt);
  return network;
}

static gboolean
refresh_customer_names (DeskStore *self, gint64 customer_id, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "INSERT OR REPLACE INTO customer_fts (rowid, names)"
      " SELECT c.id, c.display_name || ' ' ||"
      "  coalesce ((SELECT group_concat (i.handle || ' ' ||"
      "   coalesce (i.display_name, ''), ' ')"
      "   FROM identity i WHERE i.customer_id = c.id), '')"
      " FROM customer c WHERE c.id = ?",
      error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  return _desk_store_exec_stmt (self, stmt, error);
}

/* Returns the identity's row id, creating a customer for a new identity. */
static gint64
upsert_identity (DeskStore *self,
                 const char *network,
                 const DeskSyncIdentity *identity,
                 GError **error)
{
  sqlite3_stmt *stmt;
  gint64 identity_id = 0;
  gint64 customer_id = 0;
  gboolean names_same = FALSE;
  gboolean rest_same = FALSE;
  const char *name;
  int rc;

  /* Profiles come with every sync; most are unchanged, and writing them
   * (and their search names) again would cost more than the messages. */
  stmt = _desk_store_prepare (
      self,
      "SELECT id, customer_id, handle IS ? AND display_name IS ?,"
      " avatar_url IS ? AND profile_url IS ? AND bio IS ? AND followers = ?"
      " AND gone = 0 FROM identity WHERE network = ? AND remote_id = ?",
      error);
  if (stmt == NULL)
    return 0;

  _desk_bind_text (stmt, 1, identity->handle);
  _desk_bind_text (stmt, 2, identity->display_name);
  _desk_bind_text (stmt, 3, identity->avatar_url);
  _desk_bind_text (stmt, 4, identity->profile_url);
  _desk_bind_text (stmt, 5, identity->bio);
  sqlite3_bind_int64 (stmt, 6, MAX (identity->followers, 0));
  _desk_bind_text (stmt, 7, network);
  _desk_bind_text (stmt, 8, identity->remote_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      identity_id = sqlite3_column_int64 (stmt, 0);
      customer_id = sqlite3_column_int64 (stmt, 1);
      names_same = sqlite3_column_int (stmt, 2) != 0;
      rest_same = sqlite3_column_int (stmt, 3) != 0;
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (!_desk_store_check (self, rc, error))
    return 0;

  if (identity_id != 0)
    {
      if (names_same && rest_same)
        return identity_id;

      stmt = _desk_store_prepare (
          self,
          "UPDATE identity SET handle = ?, display_name = ?, avatar_url = ?,"
          " profile_url = ?, bio = ?, followers = ?, gone = 0 WHERE id = ?",
          error);
      if (stmt == NULL)
        return 0;
      _desk_bind_text (stmt, 1, identity->handle);
      _desk_bind_text (stmt, 2, identity->display_name);
      _desk_bind_text (stmt, 3, identity->avatar_url);
      _desk_bind_text (stmt, 4, identity->profile_url);
      _desk_bind_text (stmt, 5, identity->bio);
      sqlite3_bind_int64 (stmt, 6, MAX (identity->followers, 0));
      sqlite3_bind_int64 (stmt, 7, identity_id);
      if (!_desk_store_exec_stmt (self, stmt, error))
        return 0;
      if (names_same)
        return identity_id;
      return refresh_customer_names (self, customer_id, error) ? identity_id
                                                               : 0;
    }

  name = identity->display_name && *identity->display_name
             ? identity->display_name
             : identity->handle;
  stmt = _desk_store_prepare (
      self,
      "INSERT INTO customer (display_name, language, created_at)"
      " VALUES (?, ?, ?) RETURNING id",
      error);
  if (stmt == NULL)
    return 0;
  _desk_bind_text (stmt, 1, name);
  _desk_bind_text (stmt, 2, identity->language);
  sqlite3_bind_int64 (stmt, 3, _desk_store_now (self));
  if (!_desk_store_step_id (self, stmt, &customer_id, error))
    return 0;

  stmt = _desk_store_prepare (
      self,
      "INSERT INTO identity (customer_id, network, remote_id, handle,"
      " display_name, avatar_url, profile_url, bio, followers)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  _desk_bind_text (stmt, 2, network);
  _desk_bind_text (stmt, 3, identity->remote_id);
  _desk_bind_text (stmt, 4, identity->handle);
  _desk_bind_text (stmt, 5, identity->display_name);
  _desk_bind_text (stmt, 6, identity->avatar_url);
  _desk_bind_text (stmt, 7, identity->profile_url);
  _desk_bind_text (stmt, 8, identity->bio);
  sqlite3_bind_int64 (stmt, 9, MAX (identity->followers, 0));
  if (!_desk_store_step_id (self, stmt, &identity_id, error))
    return 0;

  return refresh_customer_names (self, customer_id, error) ? identity_id : 0;
}

static gint64
find_identity (DeskStore *self,
               const char *network,
               const char *remote_id,
               gint64 *customer_id,
               GError **error)
{
  sqlite3_stmt *stmt
      = _desk_store_prepare (self,
                             "SELECT id, customer_id FROM identity WHERE "
                             "network = ? AND remote_id = ?",
                             error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;

  _desk_bind_text (stmt, 1, network);
  _desk_bind_text (stmt, 2, remote_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *customer_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return id;
}

/* Returns the conversation's id, creating it on first sight. */
static gint64
upsert_conversation (DeskStore *self,
                     gint64 account_id,
                     const DeskSyncMessage *message,
                     gint64 identity_id,
                     gint64 customer_id,
                     GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "INSERT INTO conversation (account_id, thread_remote_id, kind,"
      " customer_id, identity_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (account_id, thread_remote_id) DO UPDATE SET"
      "  customer_id = coalesce (customer_id, excluded.customer_id),"
      "  identity_id = coalesce (identity_id, excluded.identity_id)"
      " RETURNING id",
      error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, account_id);
  _desk_bind_text (stmt, 2, message->thread_remote_id);
  sqlite3_bind_int (stmt, 3, message->kind);
  if (customer_id > 0)
    {
      sqlite3_bind_int64 (stmt, 4, customer_id);
      sqlite3_bind_int64 (stmt, 5, identity_id);
    }
  sqlite3_bind_int64 (stmt, 6, message->created_at);
  if (!_desk_store_step_id (self, stmt, &id, error))
    return 0;
  return id;
}

/* A reply of ours that the network shows before the outbox heard back
 * (a lost answer, a crash): adopt the queued local copy instead of
 * storing the reply twice. */
static gboolean
adopt_own_reply (DeskStore *self,
                 gint64 conversation_id,
                 const DeskSyncMessage *message,
                 gboolean *adopted,
                 GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "UPDATE message SET remote_id = ?, delivery = 3"
      " WHERE id = (SELECT id FROM message WHERE conversation_id = ?"
      "  AND +direction = 1 AND remote_id IS NULL AND body = ?"
      "  ORDER BY id LIMIT 1) RETURNING id",
      error);
  gint64 message_id = 0;

  *adopted = FALSE;
  if (stmt == NULL)
    return FALSE;

  _desk_bind_text (stmt, 1, message->remote_id);
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  _desk_bind_text (stmt, 3, message->body);
  if (!_desk_store_step_id (self, stmt, &message_id, error))
    return FALSE;

  if (message_id == 0)
    return TRUE;

  stmt = _desk_store_prepare (self, "DELETE FROM outbox WHERE message_id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, message_id);
  *adopted = TRUE;
  return _desk_store_exec_stmt (self, stmt, error);
}

static gboolean
insert_message (DeskStore *self,
                gint64 account_id,
                gint64 conversation_id,
                gint64 identity_id,
                const DeskSyncMessage *message,
                gboolean *inserted,
                GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "INSERT INTO message (conversation_id, account_id, remote_id,"
      " direction, identity_id, body, private, in_reply_to, url, delivery,"
      " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (account_id, remote_id) DO NOTHING",
      error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, account_id);
  _desk_bind_text (stmt, 3, message->remote_id);
  sqlite3_bind_int (stmt, 4, message->direction);
  if (identity_id > 0)
    sqlite3_bind_int64 (stmt, 5, identity_id);
  _desk_bind_text (stmt, 6, message->body);
  sqlite3_bind_int (stmt, 7,
                    message->kind == DESK_CONVERSATION_KIND_PRIVATE ? 1 : 0);
  _desk_bind_text (stmt, 8, message->in_reply_to);
  _desk_bind_text (stmt, 9, message->url);
  sqlite3_bind_int (stmt, 10,
                    message->direction == DESK_DIRECTION_INCOMING
                        ? DESK_DELIVERY_RECEIVED
                        : DESK_DELIVERY_SENT);
  sqlite3_bind_int64 (stmt, 11, message->created_at);

  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  *inserted = sqlite3_changes (_desk_store_get_db (self)) > 0;
  return TRUE;
}

/* New messages from the customer count as unread and bring a closed,
 * snoozed or waiting conversation back to the open inbox. */
static gboolean
reopen_for_customer (DeskStore *self,
                     gint64 conversation_id,
                     guint n_new,
                     GError **error)
{
  sqlite3_stmt *stmt;
  int old_status = DESK_STATUS_OPEN;

  stmt = _desk_store_prepare (
      self, "SELECT status FROM conversation WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old_status = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _desk_store_prepare (
      self,
      "UPDATE conversation SET status = 0, snoozed_until = NULL,"
      " closed_at = NULL, unread = unread + ? WHERE id = ?",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) n_new);
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  if (old_status == DESK_STATUS_OPEN)
    return TRUE;

  stmt = _desk_store_prepare (self,
                              "UPDATE conversation_pause SET end_at = ?2"
                              " WHERE conversation_id = ?1 AND end_at IS NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, _desk_store_now (self));
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  return _desk_store_log_event (self, conversation_id, NULL, "reopened",
                                "customer-message", error);
}

static gboolean
message_is_valid (const DeskSyncMessage *message, GString *why)
{
  if (message->remote_id == NULL || *message->remote_id == '\0')
    g_string_assign (why, "missing id");
  else if (message->thread_remote_id == NULL
           || *message->thread_remote_id == '\0')
    g_string_assign (why, "missing thread");
  else if (message->body == NULL || !g_utf8_validate (message->body, -1, NULL))
    g_string_assign (why, "text is not valid UTF-8");
  else if (message->created_at <= 0)
    g_string_assign (why, "missing time");
  else if (message->direction == DESK_DIRECTION_NOTE)
    g_string_assign (why, "notes are never synced");
  else
    return TRUE;

  return FALSE;
}

static gboolean
message_exists (DeskStore *self, gint64 account_id, const char *remote_id)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self, "SELECT 1 FROM message WHERE account_id = ? AND remote_id = ?",
      NULL);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  _desk_bind_text (stmt, 2, remote_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return exists;
}

/* Stores one message; @touched collects the conversations it changed,
 * with the number of new customer messages in each. */
static gboolean
apply_message (DeskStore *self,
               gint64 account_id,
               const DeskSyncMessage *message,
               gint64 identity_id,
               gint64 customer_id,
               GHashTable *threads,
               GHashTable *touched,
               GError **error)
{
  gint64 conversation_id;
  gboolean inserted = FALSE;
  gpointer n_new;
  gpointer known;

  /* A thread's messages come together: look the conversation up once,
   * and again only to give it its customer. */
  known = g_hash_table_lookup (threads, message->thread_remote_id);
  if (known != NULL && (customer_id == 0 || *(gint64 *) known < 0))
    conversation_id = ABS (*(gint64 *) known);
  else
    {
      gint64 *cached = g_new (gint64, 1);

      conversation_id = upsert_conversation (self, account_id, message,
                                             identity_id, customer_id, error);
      if (conversation_id == 0)
        {
          g_free (cached);
          return FALSE;
        }
      /* Negative: the conversation has its customer. */
      *cached = customer_id > 0 ? -conversation_id : conversation_id;
      g_hash_table_insert (threads, g_strdup (message->thread_remote_id),
                           cached);
    }

  /* A reply of ours that is already stored under its remote id is not
   * adopted again: that would give two rows one remote id. */
  if (message->direction == DESK_DIRECTION_OUTGOING
      && !message_exists (self, account_id, message->remote_id))
    {
      gboolean adopted;

      if (!adopt_own_reply (self, conversation_id, message, &adopted, error))
        return FALSE;
      inserted = adopted;
    }

  if (!inserted
      && !insert_message (self, account_id, conversation_id, identity_id,
                          message, &inserted, error))
    return FALSE;

  if (!inserted)
    return TRUE;

  n_new = g_hash_table_lookup (touched, &conversation_id);
  if (message->direction == DESK_DIRECTION_INCOMING)
    n_new = GUINT_TO_POINTER (GPOINTER_TO_UINT (n_new) + 1);
  g_hash_table_insert (touched, g_memdup2 (&conversation_id, sizeof (gint64)),
                       n_new);
  return TRUE;
}

/* Derived columns are recomputed once per conversation and batch, not
 * once per message: a first sync brings whole threads at once. */
static gboolean
finish_conversations (DeskStore *self,
                      GHashTable *touched,
                      guint *n_new,
                      GError **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 conversation_id = *(gint64 *) key;
      guint count = GPOINTER_TO_UINT (value);

      if (count > 0
          && !reopen_for_customer (self, conversation_id, count, error))
        return FALSE;
      if (!_desk_store_refresh_conversation (self, conversation_id, error))
        return FALSE;
      _desk_store_touch (self, conversation_id);
      *n_new += count;
    }
  return TRUE;
}

/* Writes @batch in one transaction. Items that cannot be used are skipped
 * and added to the batch's warnings; the rest is stored. On error nothing
 * of the batch is stored. */
gboolean
desk_store_apply_batch (DeskStore *self,
                        DeskSyncBatch *batch,
                        guint *n_new,
                        GError **error)
{
  g_autoptr (GString) why = g_string_new (NULL);
  g_autoptr (GHashTable) touched = NULL;
  g_autoptr (GHashTable) threads = NULL;
  g_autofree char *network = NULL;
  guint new_messages = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  network = account_network (self, batch->account_id, error);
  if (network == NULL)
    goto fail;

  touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < batch->identities->len; i++)
    {
      const DeskSyncIdentity *identity
          = g_ptr_array_index (batch->identities, i);

      if (identity->remote_id == NULL || *identity->remote_id == '\0'
          || identity->handle == NULL
          || !g_utf8_validate (identity->handle, -1, NULL)
          || (identity->display_name
              && !g_utf8_validate (identity->display_name, -1, NULL)))
        {
          desk_sync_batch_add_warning (batch, "skipped a malformed profile");
          continue;
        }

      if (upsert_identity (self, network, identity, error) == 0)
        goto fail;
    }

  for (guint i = 0; i < batch->messages->len; i++)
    {
      const DeskSyncMessage *message = g_ptr_array_index (batch->messages, i);
      gint64 customer_id = 0;
      gint64 identity_id = 0;

      if (!message_is_valid (message, why))
        {
          desk_sync_batch_add_warning (batch, "skipped a message: %s",
                                       why->str);
          continue;
        }

      if (message->direction == DESK_DIRECTION_INCOMING
          && (identity_id
              = find_identity (self, network, message->author_remote_id,
                               &customer_id, error))
                 == 0)
        {
          desk_sync_batch_add_warning (
              batch, "skipped message %s: its author is unknown",
              message->remote_id);
          continue;
        }

      if (!apply_message (self, batch->account_id, message, identity_id,
                          customer_id, threads, touched, error))
        goto fail;
    }

  if (!finish_conversations (self, touched, &new_messages, error))
    goto fail;

  stmt = _desk_store_prepare (
      self,
      "UPDATE account SET cursor = coalesce (?, cursor), last_sync_at = ?,"
      " last_error = NULL WHERE id = ?",
      error);
  if (stmt == NULL)
    goto fail;
  _desk_bind_text (stmt, 1, batch->cursor);
  sqlite3_bind_int64 (stmt, 2, _desk_store_now (self));
  sqlite3_bind_int64 (stmt, 3, batch->account_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  if (!_desk_store_commit (self, error))
    return FALSE;

  if (n_new != NULL)
    *n_new = new_messages;
  return TRUE;

fail:
  _desk_store_rollback (self);
  return FALSE;
}
