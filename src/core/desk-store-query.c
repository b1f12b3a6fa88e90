/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-query"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-conversation-private.h"
#include "desk-customer-private.h"
#include "desk-message-private.h"
#include "desk-store-private.h"

/* Reading: the ordered ids of an inbox view, and single conversations,
 * messages and customers loaded on demand. */

static const char *const view_conditions[DESK_N_VIEWS] = {
  [DESK_VIEW_OPEN] = "c.status = 0",
  [DESK_VIEW_MINE] = "c.status <> 3 AND c.assignee = :me",
  [DESK_VIEW_UNASSIGNED] = "c.status = 0 AND c.assignee IS NULL",
  [DESK_VIEW_WAITING] = "c.status = 1",
  [DESK_VIEW_SNOOZED] = "c.status = 2",
  [DESK_VIEW_CLOSED] = "c.status = 3",
  [DESK_VIEW_ALL] = "1",
};

static const char *const sort_orders[] = {
  /* Influencers first, then the nearest deadline. */
  [DESK_SORT_URGENT] = "c.priority DESC, c.due_at IS NULL, c.due_at,"
                       " c.last_message_at DESC, c.id",
  [DESK_SORT_NEWEST] = "c.last_message_at DESC, c.id DESC",
  [DESK_SORT_OLDEST] = "c.last_message_at, c.id",
};

/* Turns what the user typed into an FTS5 query of prefix terms that must
 * all match. Every term is quoted, so no input is read as FTS syntax.
 * Returns NULL when nothing searchable is left. */
char *
_desk_store_fts_query (const char *text)
{
  g_autoptr (GString) query = g_string_new (NULL);
  g_auto (GStrv) words = NULL;

  if (text == NULL)
    return NULL;

  words = g_str_tokenize_and_fold (text, NULL, NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      g_auto (GStrv) parts = NULL;

      if (*words[i] == '\0')
        continue;

      parts = g_strsplit (words[i], "\"", -1);
      escaped = g_strjoinv ("\"\"", parts);
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_printf (query, "\"%s\"*", escaped);
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Returns the ids (gint64) of the conversations @filter selects, in its
 * order. Only ids are read, so even a very large inbox costs a few bytes
 * per row; rows are loaded when they are shown. */
GArray *
desk_store_query_conversation_ids (DeskStore *self,
                                   const DeskInboxFilter *filter,
                                   GError **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT c.id FROM conversation c");
  g_autoptr (GArray) ids = NULL;
  g_autofree char *fts = NULL;
  sqlite3_stmt *stmt = NULL;
  int index;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (filter->view < DESK_N_VIEWS, NULL);
  g_return_val_if_fail (filter->sort <= DESK_SORT_OLDEST, NULL);

  fts = _desk_store_fts_query (filter->search);

  /* The SQL is put together from the fixed fragments above only; every
   * value the user chose is bound as a parameter. */
  g_string_append_printf (sql, " WHERE %s", view_conditions[filter->view]);
  if (filter->network != NULL)
    g_string_append (sql, " AND c.account_id IN (SELECT id FROM account"
                          " WHERE network = :network)");
  if (filter->account_id > 0)
    g_string_append (sql, " AND c.account_id = :account");
  if (filter->tag_id > 0)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM conversation_tag t"
                          " WHERE t.conversation_id = c.id"
                          " AND t.tag_id = :tag)");
  if (fts != NULL)
    g_string_append (sql,
                     " AND (c.id IN (SELECT m.conversation_id FROM message m"
                     " WHERE m.id IN (SELECT rowid FROM message_fts"
                     " WHERE message_fts MATCH :fts))"
                     " OR c.customer_id IN (SELECT rowid FROM customer_fts"
                     " WHERE customer_fts MATCH :fts))");
  g_string_append_printf (sql, " ORDER BY %s", sort_orders[filter->sort]);

  rc = sqlite3_prepare_v2 (_desk_store_get_db (self), sql->str, -1, &stmt,
                           NULL);
  if (rc != SQLITE_OK)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return NULL;
    }

  if ((index = sqlite3_bind_parameter_index (stmt, ":me")) > 0)
    _desk_bind_text (stmt, index, filter->me ? filter->me : "");
  if ((index = sqlite3_bind_parameter_index (stmt, ":network")) > 0)
    _desk_bind_text (stmt, index, filter->network);
  if ((index = sqlite3_bind_parameter_index (stmt, ":account")) > 0)
    sqlite3_bind_int64 (stmt, index, filter->account_id);
  if ((index = sqlite3_bind_parameter_index (stmt, ":tag")) > 0)
    sqlite3_bind_int64 (stmt, index, filter->tag_id);
  if ((index = sqlite3_bind_parameter_index (stmt, ":fts")) > 0)
    _desk_bind_text (stmt, index, fts);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static GArray *
load_pauses (DeskStore *self, gint64 conversation_id)
{
  GArray *pauses = g_array_new (FALSE, FALSE, sizeof (DeskSlaPause));
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT start_at, coalesce (end_at, 0) FROM conversation_pause"
      " WHERE conversation_id = ? ORDER BY start_at",
      NULL);

  if (stmt == NULL)
    return pauses;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DeskSlaPause pause
          = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      g_array_append_val (pauses, pause);
    }
  sqlite3_reset (stmt);
  return pauses;
}

DeskConversation *
desk_store_load_conversation (DeskStore *self, gint64 id, GError **error)
{
  DeskConversation *conversation = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT c.id, c.account_id, a.network, a.handle, c.kind, c.status,"
      " c.priority, c.assignee, c.customer_id, cu.display_name, i.handle,"
      " c.snippet, c.last_message_at, c.awaiting_since, c.unread, c.draft,"
      " c.thread_remote_id, c.opened_at, c.first_response_at, c.closed_at,"
      " c.due_at"
      " FROM conversation c JOIN account a ON a.id = c.account_id"
      " LEFT JOIN customer cu ON cu.id = c.customer_id"
      " LEFT JOIN identity i ON i.id = c.identity_id WHERE c.id = ?",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      DeskConversationData data = {
        .id = sqlite3_column_int64 (stmt, 0),
        .account_id = sqlite3_column_int64 (stmt, 1),
        .network = g_strdup (_desk_column_text (stmt, 2)),
        .account_handle = g_strdup (_desk_column_text (stmt, 3)),
        .kind = sqlite3_column_int (stmt, 4),
        .status = sqlite3_column_int (stmt, 5),
        .priority = sqlite3_column_int (stmt, 6),
        .assignee = g_strdup (_desk_column_text (stmt, 7)),
        .customer_id = sqlite3_column_int64 (stmt, 8),
        .customer_name = g_strdup (_desk_column_text (stmt, 9)),
        .customer_handle = g_strdup (_desk_column_text (stmt, 10)),
        .snippet = g_strdup (_desk_column_text (stmt, 11)),
        .last_message_at = sqlite3_column_int64 (stmt, 12),
        .awaiting_since = sqlite3_column_int64 (stmt, 13),
        .unread = (guint) sqlite3_column_int (stmt, 14),
        .draft = g_strdup (_desk_column_text (stmt, 15)),
        .thread_remote_id = g_strdup (_desk_column_text (stmt, 16)),
        .opened_at = sqlite3_column_int64 (stmt, 17),
        .first_response_at = sqlite3_column_int64 (stmt, 18),
        .closed_at = sqlite3_column_int64 (stmt, 19),
        .due_at = sqlite3_column_int64 (stmt, 20),
        .pauses = load_pauses (self, id),
      };
      conversation = _desk_conversation_new (&data);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                 _ ("The conversation no longer exists."));
  else
    _desk_store_set_error (error, _desk_store_get_db (self), rc);
  sqlite3_reset (stmt);

  return conversation;
}

/* Returns the messages (DeskMessage) of a conversation, oldest first. */
GPtrArray *
desk_store_load_messages (DeskStore *self,
                          gint64 conversation_id,
                          GError **error)
{
  g_autoptr (GPtrArray) messages = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT m.id, m.conversation_id, m.direction, m.delivery,"
      " coalesce (m.author, i.display_name, i.handle, a.display_name,"
      "  a.handle),"
      " CASE WHEN m.direction = 0 THEN i.handle ELSE a.handle END,"
      " m.body, o.last_error, m.remote_id, m.created_at, m.private, m.hidden"
      " FROM message m JOIN account a ON a.id = m.account_id"
      " LEFT JOIN identity i ON i.id = m.identity_id"
      " LEFT JOIN outbox o ON o.message_id = m.id"
      " WHERE m.conversation_id = ? ORDER BY m.created_at, m.id",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  messages = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskMessageData data = {
        .id = sqlite3_column_int64 (stmt, 0),
        .conversation_id = sqlite3_column_int64 (stmt, 1),
        .direction = sqlite3_column_int (stmt, 2),
        .delivery = sqlite3_column_int (stmt, 3),
        .author_name = g_strdup (_desk_column_text (stmt, 4)),
        .author_handle = g_strdup (_desk_column_text (stmt, 5)),
        .body = g_strdup (_desk_column_text (stmt, 6)),
        .error = g_strdup (_desk_column_text (stmt, 7)),
        .remote_id = g_strdup (_desk_column_text (stmt, 8)),
        .created_at = sqlite3_column_int64 (stmt, 9),
        .private_reply = sqlite3_column_int (stmt, 10) != 0,
        .hidden = sqlite3_column_int (stmt, 11) != 0,
      };
      g_ptr_array_add (messages, _desk_message_new (&data));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return NULL;
    }

  return g_steal_pointer (&messages);
}

/* Adds the identities of @customer_id to @customer, oldest first. */
gboolean
_desk_store_load_identities (DeskStore *self,
                             gint64 customer_id,
                             DeskCustomer *customer,
                             GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (
      self,
      "SELECT id, network, remote_id, handle, display_name, profile_url, bio,"
      " followers, gone FROM identity WHERE customer_id = ? ORDER BY id",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskIdentity *identity = g_new0 (DeskIdentity, 1);

      identity->id = sqlite3_column_int64 (stmt, 0);
      identity->network = g_strdup (_desk_column_text (stmt, 1));
      identity->remote_id = g_strdup (_desk_column_text (stmt, 2));
      identity->handle = g_strdup (_desk_column_text (stmt, 3));
      identity->display_name = g_strdup (_desk_column_text (stmt, 4));
      identity->profile_url = g_strdup (_desk_column_text (stmt, 5));
      identity->bio = g_strdup (_desk_column_text (stmt, 6));
      identity->followers = sqlite3_column_int64 (stmt, 7);
      identity->gone = sqlite3_column_int (stmt, 8) != 0;
      _desk_customer_add_identity (customer, identity);
    }
  sqlite3_reset (stmt);

  return _desk_store_check (self, rc, error);
}

DeskCustomer *
desk_store_load_customer (DeskStore *self, gint64 customer_id, GError **error)
{
  g_autoptr (DeskCustomer) customer = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT cu.display_name, cu.language,"
      " (SELECT min (m.created_at) FROM message m JOIN conversation c"
      "   ON c.id = m.conversation_id WHERE c.customer_id = cu.id),"
      " (SELECT max (m.created_at) FROM message m JOIN conversation c"
      "   ON c.id = m.conversation_id WHERE c.customer_id = cu.id"
      "   AND +m.direction = 0),"
      " (SELECT count (*) FROM conversation c WHERE c.customer_id = cu.id)"
      " FROM customer cu WHERE cu.id = ?",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    customer = _desk_customer_new (
        customer_id, _desk_column_text (stmt, 0), _desk_column_text (stmt, 1),
        sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
        (guint) sqlite3_column_int (stmt, 4));
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                   _ ("The customer no longer exists."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return NULL;
    }

  if (!_desk_store_load_identities (self, customer_id, customer, error))
    return NULL;

  return g_steal_pointer (&customer);
}

/* Fills @counts with the number of conversations in each view. */
gboolean
desk_store_count_views (DeskStore *self,
                        const char *me,
                        guint counts[DESK_N_VIEWS],
                        GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  stmt = _desk_store_prepare (
      self,
      "SELECT total (status = 0), total (status <> 3 AND assignee = ?),"
      " total (status = 0 AND assignee IS NULL), total (status = 1),"
      " total (status = 2), total (status = 3), count (*)"
      " FROM conversation",
      error);
  if (stmt == NULL)
    return FALSE;

  _desk_bind_text (stmt, 1, me ? me : "");
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (int view = 0; view < DESK_N_VIEWS; view++)
      counts[view] = (guint) sqlite3_column_int64 (stmt, view);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return FALSE;
    }
  return TRUE;
}
