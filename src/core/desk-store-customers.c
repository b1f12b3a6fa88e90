/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-customers"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-customer-private.h"
#include "desk-history-entry-private.h"
#include "desk-link-suggestion-private.h"
#include "desk-store-customers.h"
#include "desk-store-private.h"

/* One person across every channel. A merge moves identities,
 * conversations, notes, interactions and ratings from one customer to
 * another and records each moved row in customer_merge_item, so that
 * desk_store_undo_merge() moves exactly those rows back. The merged-away
 * customer keeps its row (merged_into) for that reason.
 *
 * A merge may also raise the priority of conversations (the other
 * identity's reach now counts); the schema has no place for a previous
 * value, so such a conversation is recorded as a 'conversation' item with
 * its id negated, and the undo lowers it again. */

/* Largest number of other customers looked at for suggestions, and of
 * customers a word may match to count as rare. */
#define SUGGESTION_CANDIDATES 50
#define RARE_WORD_MATCHES 20
#define MAX_SUGGESTIONS 10
/* An address in the messages of more customers than this is a shared
 * one (a shop, an office), not a person's. */
#define MAX_EMAIL_OWNERS 3

static gboolean
fail_not_found (GError **error, const char *message)
{
  g_set_error_literal (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                       message);
  return FALSE;
}

static gboolean
fail_invalid (GError **error, const char *message)
{
  g_set_error_literal (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                       message);
  return FALSE;
}

/* Steps @stmt to its end, appending the first column of each row. */
static gboolean
collect_ids (DeskStore *self, sqlite3_stmt *stmt, GArray *ids, GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return _desk_store_check (self, rc, error);
}

/* Runs @stmt with ?1 = @a and ?2 = @b (when not 0). */
static gboolean
exec_with (DeskStore *self,
           sqlite3_stmt *stmt,
           gint64 a,
           gint64 b,
           GError **error)
{
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, a);
  if (b != 0)
    sqlite3_bind_int64 (stmt, 2, b);
  return _desk_store_exec_stmt (self, stmt, error);
}

/* Checks that the customer exists and is not merged into another one. */
static gboolean
check_customer (DeskStore *self, gint64 customer_id, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self, "SELECT merged_into FROM customer WHERE id = ?", error);
  gboolean found;
  gboolean merged = FALSE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    merged = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  sqlite3_reset (stmt);

  if (!found)
    return fail_not_found (error, _ ("The customer no longer exists."));
  if (merged)
    return fail_invalid (error, _ ("The customer was merged into another "
                                   "customer."));
  return TRUE;
}

/* The same as refresh_customer_names() in desk-store-sync.c: the search
 * finds a customer by their name and every identity's handle and name. */
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

  return exec_with (self, stmt, customer_id, 0, error);
}

/* A merged-away customer is no search result of its own. */
static gboolean
forget_customer_names (DeskStore *self, gint64 customer_id, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self, "DELETE FROM customer_fts WHERE rowid = ?", error);

  return exec_with (self, stmt, customer_id, 0, error);
}

static gboolean
list_conversations (DeskStore *self,
                    gint64 customer_id,
                    GArray *ids,
                    GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self, "SELECT id FROM conversation WHERE customer_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  return collect_ids (self, stmt, ids, error);
}

/* Priority and deadlines follow the identities a conversation's customer
 * now has; the inbox rows show the new customer name. */
static gboolean
refresh_conversations (DeskStore *self,
                       gint64 customer_a,
                       gint64 customer_b,
                       GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!list_conversations (self, customer_a, ids, error)
      || (customer_b != 0
          && !list_conversations (self, customer_b, ids, error)))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!_desk_store_refresh_conversation (self, id, error))
        return FALSE;
      _desk_store_touch (self, id);
    }
  return TRUE;
}

/* Sets the priority of the customer's open conversations from their
 * identities' reach alone, for when an identity left them: the refresh
 * only ever raises a priority. */
static gboolean
rederive_priority (DeskStore *self, gint64 customer_id, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "UPDATE conversation SET priority = coalesce ((SELECT max (i.followers)"
      " >= ?2 FROM identity i WHERE i.customer_id = ?1), 0)"
      " WHERE customer_id = ?1 AND status <> 3",
      error);

  return exec_with (self, stmt, customer_id,
                    desk_store_get_high_reach_followers (self), error);
}

/* Conversations go where their identity is; interactions and ratings
 * where their conversation is. */
static gboolean
follow_identities (DeskStore *self, gint64 from, gint64 to, GError **error)
{
  static const char *const statements[] = {
    "UPDATE conversation SET customer_id = ?2 WHERE customer_id = ?1"
    " AND identity_id IN (SELECT id FROM identity WHERE customer_id = ?2)",
    "UPDATE interaction SET customer_id = ?2 WHERE customer_id = ?1"
    " AND conversation_id IN (SELECT id FROM conversation"
    "  WHERE customer_id = ?2)",
    "UPDATE rating SET customer_id = ?2 WHERE customer_id = ?1"
    " AND conversation_id IN (SELECT id FROM conversation"
    "  WHERE customer_id = ?2)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (!exec_with (self, _desk_store_prepare (self, statements[i], error),
                    from, to, error))
      return FALSE;
  return TRUE;
}

/* Moves the rows recorded for @merge_id that are on @from to @to: forward
 * for the merge, backward for its undo. */
static gboolean
move_items (DeskStore *self,
            gint64 merge_id,
            gint64 from,
            gint64 to,
            GError **error)
{
  static const char *const statements[] = {
    "UPDATE identity SET customer_id = ?3 WHERE customer_id = ?2 AND id IN"
    " (SELECT item_id FROM customer_merge_item WHERE merge_id = ?1"
    "  AND kind = 'identity')",
    "UPDATE conversation SET customer_id = ?3 WHERE customer_id = ?2 AND id IN"
    " (SELECT item_id FROM customer_merge_item WHERE merge_id = ?1"
    "  AND kind = 'conversation' AND item_id > 0)",
    "UPDATE customer_note SET customer_id = ?3 WHERE customer_id = ?2 AND id IN"
    " (SELECT item_id FROM customer_merge_item WHERE merge_id = ?1"
    "  AND kind = 'note')",
    "UPDATE interaction SET customer_id = ?3 WHERE customer_id = ?2 AND id IN"
    " (SELECT item_id FROM customer_merge_item WHERE merge_id = ?1"
    "  AND kind = 'interaction')",
    "UPDATE rating SET customer_id = ?3 WHERE customer_id = ?2 AND id IN"
    " (SELECT item_id FROM customer_merge_item WHERE merge_id = ?1"
    "  AND kind = 'rating')",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = _desk_store_prepare (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, merge_id);
      sqlite3_bind_int64 (stmt, 2, from);
      sqlite3_bind_int64 (stmt, 3, to);
      if (!_desk_store_exec_stmt (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Records what moves: everything of @source, or with @identity_id only
 * that identity with its conversations and their interactions and
 * ratings. */
static gboolean
record_items (DeskStore *self,
              gint64 merge_id,
              gint64 source_id,
              gint64 identity_id,
              GError **error)
{
  sqlite3_stmt *stmt;

  if (identity_id == 0)
    stmt = _desk_store_prepare (
        self,
        "INSERT INTO customer_merge_item (merge_id, kind, item_id)"
        " SELECT ?1, 'identity', id FROM identity WHERE customer_id = ?2"
        " UNION ALL SELECT ?1, 'conversation', id FROM conversation"
        "  WHERE customer_id = ?2"
        " UNION ALL SELECT ?1, 'note', id FROM customer_note"
        "  WHERE customer_id = ?2"
        " UNION ALL SELECT ?1, 'interaction', id FROM interaction"
        "  WHERE customer_id = ?2"
        " UNION ALL SELECT ?1, 'rating', id FROM rating"
        "  WHERE customer_id = ?2",
        error);
  else
    stmt = _desk_store_prepare (
        self,
        "INSERT INTO customer_merge_item (merge_id, kind, item_id)"
        " SELECT ?1, 'identity', ?3"
        " UNION ALL SELECT ?1, 'conversation', id FROM conversation"
        "  WHERE customer_id = ?2 AND identity_id = ?3"
        " UNION ALL SELECT ?1, 'interaction', id FROM interaction"
        "  WHERE customer_id = ?2 AND conversation_id IN (SELECT id"
        "   FROM conversation WHERE customer_id = ?2 AND identity_id = ?3)"
        " UNION ALL SELECT ?1, 'rating', id FROM rating"
        "  WHERE customer_id = ?2 AND conversation_id IN (SELECT id"
        "   FROM conversation WHERE customer_id = ?2 AND identity_id = ?3)",
        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, merge_id);
  sqlite3_bind_int64 (stmt, 2, source_id);
  if (identity_id != 0)
    sqlite3_bind_int64 (stmt, 3, identity_id);
  return _desk_store_exec_stmt (self, stmt, error);
}

/* Records which of @candidates (conversations of normal priority before
 * the merge) the merge raised, for the undo. */
static gboolean
record_raised (DeskStore *self,
               gint64 merge_id,
               GArray *candidates,
               GError **error)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      sqlite3_stmt *stmt = _desk_store_prepare (
          self,
          "INSERT INTO customer_merge_item (merge_id, kind, item_id)"
          " SELECT ?1, 'conversation', -id FROM conversation"
          " WHERE id = ?2 AND priority > 0",
          error);

      if (!exec_with (self, stmt, merge_id,
                      g_array_index (candidates, gint64, i), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
list_normal_priority (DeskStore *self,
                      gint64 customer_a,
                      gint64 customer_b,
                      GArray *ids,
                      GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT id FROM conversation WHERE customer_id IN (?1, ?2)"
      " AND priority = 0",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_a);
  sqlite3_bind_int64 (stmt, 2, customer_b);
  return collect_ids (self, stmt, ids, error);
}

static gboolean log_customer_event (DeskStore *self,
                                    const char *actor,
                                    const char *kind,
                                    GError **error,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (5, 6);

/* Links and merges concern people, not one conversation. */
static gboolean
log_customer_event (DeskStore *self,
                    const char *actor,
                    const char *kind,
                    GError **error,
                    const char *format,
                    ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  return _desk_store_log_event (self, 0, actor, kind, detail, error);
}

/* Moves everything of @source_id to @target_id, or with @identity_id only
 * that identity and what belongs to it. Runs inside a transaction; returns
 * the merge id. */
static gint64
merge_in_transaction (DeskStore *self,
                      gint64 source_id,
                      gint64 target_id,
                      gint64 identity_id,
                      const char *actor,
                      const char *event_kind,
                      GError **error)
{
  g_autoptr (GArray) normal = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 merge_id = 0;

  if (source_id == target_id)
    {
      fail_invalid (error, _ ("A customer cannot be merged into themselves."));
      return 0;
    }
  if (!check_customer (self, source_id, error)
      || !check_customer (self, target_id, error))
    return 0;

  stmt = _desk_store_prepare (
      self,
      "INSERT INTO customer_merge (source_id, target_id, actor, at)"
      " VALUES (?, ?, ?, ?) RETURNING id",
      error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  _desk_bind_text (stmt, 3, actor);
  sqlite3_bind_int64 (stmt, 4, _desk_store_now (self));
  if (!_desk_store_step_id (self, stmt, &merge_id, error))
    return 0;

  if (!list_normal_priority (self, source_id, target_id, normal, error)
      || !record_items (self, merge_id, source_id, identity_id, error)
      || !move_items (self, merge_id, source_id, target_id, error))
    return 0;

  if (identity_id == 0)
    {
      stmt = _desk_store_prepare (
          self, "UPDATE customer SET merged_into = ?2 WHERE id = ?1", error);
      if (!exec_with (self, stmt, source_id, target_id, error)
          || !forget_customer_names (self, source_id, error))
        return 0;
    }
  else if (!refresh_customer_names (self, source_id, error)
           || !rederive_priority (self, source_id, error))
    return 0;

  if (!refresh_customer_names (self, target_id, error)
      || !refresh_conversations (self, target_id,
                                 identity_id != 0 ? source_id : 0, error)
      || !record_raised (self, merge_id, normal, error))
    return 0;

  if (identity_id == 0)
    {
      if (!log_customer_event (self, actor, event_kind, error,
                               "merge %" G_GINT64_FORMAT
                               ": customer %" G_GINT64_FORMAT
                               " into %" G_GINT64_FORMAT,
                               merge_id, source_id, target_id))
        return 0;
    }
  else if (!log_customer_event (
               self, actor, event_kind, error,
               "merge %" G_GINT64_FORMAT ": identity %" G_GINT64_FORMAT
               " from customer %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
               merge_id, identity_id, source_id, target_id))
    return 0;

  return merge_id;
}

/* Merges @source_id into @target_id: every identity, conversation, note,
 * interaction and rating moves; @source_id is kept, marked as merged, so
 * that desk_store_undo_merge() can take exactly those back. */
gint64
desk_store_merge_customers (DeskStore *self,
                            gint64 source_id,
                            gint64 target_id,
                            const char *actor,
                            GError **error)
{
  gint64 merge_id;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_desk_store_begin (self, error))
    return 0;

  merge_id = merge_in_transaction (self, source_id, target_id, 0, actor,
                                   "customer-merged", error);
  if (merge_id == 0)
    {
      _desk_store_rollback (self);
      return 0;
    }

  if (!_desk_store_commit (self, error))
    return 0;
  return merge_id;
}

static gboolean
find_identity_customer (DeskStore *self,
                        gint64 identity_id,
                        gint64 *customer_id,
                        guint *n_siblings,
                        GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT i.customer_id, (SELECT count (*) FROM identity s"
      " WHERE s.customer_id = i.customer_id) FROM identity i WHERE i.id = ?",
      error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, identity_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *customer_id = sqlite3_column_int64 (stmt, 0);
      *n_siblings = (guint) sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (!found)
    return fail_not_found (error, _ ("The profile no longer exists."));
  return TRUE;
}

/* Links the identity to @customer_id. When it is its customer's only
 * identity the whole customer is merged (notes and all); otherwise the
 * identity moves with its conversations. Either way it can be undone. */
gint64
desk_store_link_identity (DeskStore *self,
                          gint64 identity_id,
                          gint64 customer_id,
                          const char *actor,
                          GError **error)
{
  gint64 source_id = 0;
  guint n_identities = 0;
  gint64 merge_id = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_desk_store_begin (self, error))
    return 0;

  if (!find_identity_customer (self, identity_id, &source_id, &n_identities,
                               error))
    goto fail;

  if (source_id == customer_id)
    {
      fail_invalid (error,
                    _ ("The profile is already linked to this customer."));
      goto fail;
    }

  merge_id = merge_in_transaction (self, source_id, customer_id,
                                   n_identities > 1 ? identity_id : 0, actor,
                                   "identity-linked", error);
  if (merge_id == 0)
    goto fail;

  if (!_desk_store_commit (self, error))
    return 0;
  return merge_id;

fail:
  _desk_store_rollback (self);
  return 0;
}

/* Undoes a link or merge: what it moved and is still with the target goes
 * back, and so do conversations that arrived since through a returning
 * identity. Refused while a later merge stands that moved the target's
 * things on, or merged the source away; that one is undone first. */
gboolean
desk_store_undo_merge (DeskStore *self,
                       gint64 merge_id,
                       const char *actor,
                       GError **error)
{
  sqlite3_stmt *stmt;
  gint64 source_id = 0;
  gint64 target_id = 0;
  gboolean undone = FALSE;
  gboolean found;
  gboolean later = FALSE;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self,
      "SELECT source_id, target_id, undone_at IS NOT NULL,"
      " EXISTS (SELECT 1 FROM customer_merge l WHERE l.id > m.id"
      "  AND l.undone_at IS NULL AND (l.source_id = m.target_id"
      "   OR (l.source_id = m.source_id AND (SELECT merged_into FROM customer"
      "    WHERE id = m.source_id) IS NOT NULL)))"
      " FROM customer_merge m WHERE id = ?",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      source_id = sqlite3_column_int64 (stmt, 0);
      target_id = sqlite3_column_int64 (stmt, 1);
      undone = sqlite3_column_int (stmt, 2) != 0;
      later = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);

  if (!found)
    {
      fail_not_found (error, _ ("The merge no longer exists."));
      goto fail;
    }
  if (undone)
    {
      fail_invalid (error, _ ("The merge was already undone."));
      goto fail;
    }
  if (later)
    {
      fail_invalid (error, _ ("These customers were merged again later; "
                              "undo that merge first."));
      goto fail;
    }

  if (!move_items (self, merge_id, target_id, source_id, error)
      || !follow_identities (self, target_id, source_id, error))
    goto fail;

  stmt = _desk_store_prepare (
      self,
      "UPDATE conversation SET priority = 0 WHERE customer_id IN (?2, ?3)"
      " AND id IN (SELECT -item_id FROM customer_merge_item"
      "  WHERE merge_id = ?1 AND kind = 'conversation' AND item_id < 0)",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  sqlite3_bind_int64 (stmt, 2, source_id);
  sqlite3_bind_int64 (stmt, 3, target_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  stmt = _desk_store_prepare (self,
                              "UPDATE customer SET merged_into = NULL"
                              " WHERE id = ?1 AND merged_into = ?2",
                              error);
  if (!exec_with (self, stmt, source_id, target_id, error))
    goto fail;

  stmt = _desk_store_prepare (
      self, "UPDATE customer_merge SET undone_at = ?2 WHERE id = ?1", error);
  if (!exec_with (self, stmt, merge_id, _desk_store_now (self), error))
    goto fail;

  if (!refresh_customer_names (self, source_id, error)
      || !refresh_customer_names (self, target_id, error)
      || !refresh_conversations (self, source_id, target_id, error)
      || !log_customer_event (self, actor, "customer-merge-undone", error,
                              "merge %" G_GINT64_FORMAT
                              ": customer %" G_GINT64_FORMAT
                              " back from %" G_GINT64_FORMAT,
                              merge_id, source_id, target_id))
    goto fail;

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

GPtrArray *
desk_store_list_customer_merges (DeskStore *self,
                                 gint64 customer_id,
                                 GError **error)
{
  g_autoptr (GPtrArray) merges = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT m.id, m.source_id, m.target_id, s.display_name, m.actor, m.at"
      " FROM customer_merge m JOIN customer s ON s.id = m.source_id"
      " WHERE ?1 IN (m.source_id, m.target_id) AND m.undone_at IS NULL"
      " ORDER BY m.id DESC",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  merges = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_customer_merge_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskCustomerMerge *merge = g_new0 (DeskCustomerMerge, 1);

      merge->id = sqlite3_column_int64 (stmt, 0);
      merge->source_id = sqlite3_column_int64 (stmt, 1);
      merge->target_id = sqlite3_column_int64 (stmt, 2);
      merge->source_name = g_strdup (_desk_column_text (stmt, 3));
      merge->actor = g_strdup (_desk_column_text (stmt, 4));
      merge->at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (merges, merge);
    }
  sqlite3_reset (stmt);

  if (!_desk_store_check (self, rc, error))
    return NULL;
  return g_steal_pointer (&merges);
}

/* The identity becomes a customer of its own, named as on its network,
 * and takes its conversations (with their interactions and ratings)
 * along; notes stay, they are about the person the agent kept. */
gint64
desk_store_unlink_identity (DeskStore *self,
                            gint64 identity_id,
                            const char *actor,
                            GError **error)
{
  sqlite3_stmt *stmt;
  gint64 old_id = 0;
  gint64 new_id = 0;
  guint n_identities = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_desk_store_begin (self, error))
    return 0;

  if (!find_identity_customer (self, identity_id, &old_id, &n_identities,
                               error))
    goto fail;
  if (n_identities < 2)
    {
      fail_invalid (error, _ ("This is the customer’s only profile; there is "
                              "nothing to unlink."));
      goto fail;
    }

  stmt = _desk_store_prepare (
      self,
      "INSERT INTO customer (display_name, created_at)"
      " SELECT coalesce (nullif (display_name, ''), handle), ?2"
      " FROM identity WHERE id = ?1 RETURNING id",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, identity_id);
  sqlite3_bind_int64 (stmt, 2, _desk_store_now (self));
  if (!_desk_store_step_id (self, stmt, &new_id, error))
    goto fail;

  stmt = _desk_store_prepare (
      self, "UPDATE identity SET customer_id = ?2 WHERE id = ?1", error);
  if (!exec_with (self, stmt, identity_id, new_id, error)
      || !follow_identities (self, old_id, new_id, error)
      || !refresh_customer_names (self, old_id, error)
      || !refresh_customer_names (self, new_id, error)
      || !rederive_priority (self, old_id, error)
      || !rederive_priority (self, new_id, error)
      || !refresh_conversations (self, old_id, new_id, error)
      || !log_customer_event (self, actor, "identity-unlinked", error,
                              "identity %" G_GINT64_FORMAT
                              " from customer %" G_GINT64_FORMAT
                              " to new customer %" G_GINT64_FORMAT,
                              identity_id, old_id, new_id))
    goto fail;

  if (!_desk_store_commit (self, error))
    return 0;
  return new_id;

fail:
  _desk_store_rollback (self);
  return 0;
}

/* The account was deleted on the network: the identity stays in the
 * history, marked gone, until a sync sees it again. */
gboolean
desk_store_mark_identity_gone (DeskStore *self,
                               const char *network,
                               const char *remote_id,
                               GError **error)
{
  sqlite3_stmt *stmt;
  gint64 identity_id = 0;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (network != NULL && remote_id != NULL, FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self,
      "UPDATE identity SET gone = 1 WHERE network = ? AND remote_id = ?"
      " RETURNING id",
      error);
  if (stmt == NULL)
    goto fail;
  _desk_bind_text (stmt, 1, network);
  _desk_bind_text (stmt, 2, remote_id);
  if (!_desk_store_step_id (self, stmt, &identity_id, error))
    goto fail;
  if (identity_id == 0)
    {
      fail_not_found (error, _ ("The profile no longer exists."));
      goto fail;
    }

  /* The rows show the customer's handles. */
  stmt
      = _desk_store_prepare (self,
                             "SELECT id FROM conversation WHERE customer_id ="
                             " (SELECT customer_id FROM identity WHERE id = ?)",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, identity_id);
  if (!collect_ids (self, stmt, ids, error))
    goto fail;
  for (guint i = 0; i < ids->len; i++)
    _desk_store_touch (self, g_array_index (ids, gint64, i));

  if (!log_customer_event (self, NULL, "identity-gone", error,
                           "identity %" G_GINT64_FORMAT, identity_id))
    goto fail;

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* Customer details */

/* As desk_store_load_customer() reads it, but with the message index
 * chosen by hand: given "direction = 0", SQLite prefers message_created
 * (schema 5) and walks every incoming message of the workspace. The "+"
 * keeps it on message_conversation, the customer's own messages. */
static DeskCustomer *
load_customer_row (DeskStore *self, gint64 customer_id, GError **error)
{
  g_autoptr (DeskCustomer) customer = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (
      self,
      "SELECT cu.display_name, cu.language,"
      " (SELECT min (m.created_at) FROM conversation c"
      "   JOIN message m ON m.conversation_id = c.id"
      "   WHERE c.customer_id = cu.id),"
      " (SELECT max (m.created_at) FROM conversation c"
      "   JOIN message m ON m.conversation_id = c.id"
      "   WHERE c.customer_id = cu.id AND +m.direction = 0),"
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
      fail_not_found (error, _ ("The customer no longer exists."));
      return NULL;
    }
  if (!_desk_store_check (self, rc, error))
    return NULL;

  if (!_desk_store_load_identities (self, customer_id, customer, error))
    return NULL;
  return g_steal_pointer (&customer);
}

static gboolean
load_tags (DeskStore *self, DeskCustomer *customer, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT t.id, t.name, t.color, count (*) FROM conversation c"
      " JOIN conversation_tag ct ON ct.conversation_id = c.id"
      " JOIN tag t ON t.id = ct.tag_id WHERE c.customer_id = ?"
      " GROUP BY t.id ORDER BY count (*) DESC, t.name",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, desk_customer_get_id (customer));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskTag *tag = g_new0 (DeskTag, 1);

      tag->id = sqlite3_column_int64 (stmt, 0);
      tag->name = g_strdup (_desk_column_text (stmt, 1));
      tag->color = g_strdup (_desk_column_text (stmt, 2));
      tag->n_conversations = (guint) sqlite3_column_int (stmt, 3);
      _desk_customer_add_tag (customer, tag);
    }
  sqlite3_reset (stmt);
  return _desk_store_check (self, rc, error);
}

static gboolean
load_feedback (DeskStore *self,
               gint64 customer_id,
               DeskCustomerDetails *details,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _desk_store_prepare (
      self,
      "SELECT cu.merged_into,"
      " (SELECT count (*) FROM interaction i WHERE i.customer_id = cu.id"
      "  AND i.positive <> 0),"
      " (SELECT count (*) FROM interaction i WHERE i.customer_id = cu.id"
      "  AND i.positive = 0)"
      " FROM customer cu WHERE cu.id = ?",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      details->merged_into = sqlite3_column_int64 (stmt, 0);
      details->n_positive = (guint) sqlite3_column_int (stmt, 1);
      details->n_negative = (guint) sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (!_desk_store_check (self, rc, error))
    return FALSE;

  /* The customer's ratings: those in their conversations, found through
   * rating_conversation, and those given outside any conversation. */
  stmt = _desk_store_prepare (
      self,
      "SELECT r.scale = 'nps', r.score, r.at, r.id FROM conversation c"
      " JOIN rating r ON r.conversation_id = c.id"
      " WHERE c.customer_id = ?1 AND r.customer_id = ?1"
      " UNION ALL SELECT scale = 'nps', score, at, id FROM rating"
      " WHERE conversation_id IS NULL AND customer_id = ?1"
      " ORDER BY 3 DESC, 4 DESC",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean nps = sqlite3_column_int (stmt, 0) != 0;
      int score = sqlite3_column_int (stmt, 1);
      gint64 at = sqlite3_column_int64 (stmt, 2);

      if (nps && details->last_nps < 0)
        {
          details->last_nps = score;
          details->last_nps_at = at;
        }
      else if (!nps && details->last_csat < 0)
        {
          details->last_csat = score;
          details->last_csat_at = at;
        }
    }
  sqlite3_reset (stmt);
  return _desk_store_check (self, rc, error);
}

DeskCustomer *
desk_store_load_customer_details (DeskStore *self,
                                  gint64 customer_id,
                                  GError **error)
{
  g_autoptr (DeskCustomer) customer = NULL;
  DeskCustomerDetails details = { .last_csat = -1, .last_nps = -1 };

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  customer = load_customer_row (self, customer_id, error);
  if (customer == NULL || !load_feedback (self, customer_id, &details, error)
      || !load_tags (self, customer, error))
    return NULL;

  details.priority = desk_customer_get_followers (customer)
                             >= desk_store_get_high_reach_followers (self)
                         ? DESK_PRIORITY_HIGH
                         : DESK_PRIORITY_NORMAL;
  _desk_customer_set_details (customer, &details);
  return g_steal_pointer (&customer);
}

static char *
first_line (const char *text)
{
  g_autofree char *line = NULL;

  if (text == NULL)
    return NULL;

  line = g_strndup (text, strcspn (text, "\r\n"));
  g_strstrip (line);
  return *line != '\0' ? g_steal_pointer (&line) : NULL;
}

/* Keyset paging by (last_message_at, id): conversations with the same
 * time are neither repeated nor skipped, and no page depends on how many
 * came before it. */
GPtrArray *
desk_store_load_customer_history (DeskStore *self,
                                  gint64 customer_id,
                                  DeskHistoryEntry *after,
                                  guint page_size,
                                  GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (after == NULL || DESK_IS_HISTORY_ENTRY (after), NULL);
  g_return_val_if_fail (page_size > 0, NULL);

  stmt = _desk_store_prepare (
      self,
      "WITH page AS (SELECT id, account_id, identity_id, kind, status,"
      "  snippet, last_message_at, opened_at, closed_at FROM conversation"
      "  WHERE customer_id = ?1 AND (last_message_at, id) < (?2, ?3)"
      "  ORDER BY last_message_at DESC, id DESC LIMIT ?4)"
      " SELECT p.id, p.account_id, a.network, a.handle, i.handle, p.kind,"
      "  p.status, (SELECT substr (m.body, 1, 400) FROM message m"
      "   WHERE m.conversation_id = p.id AND +m.direction = 0"
      "   ORDER BY m.created_at, m.id LIMIT 1),"
      "  p.snippet, p.last_message_at, p.opened_at, p.closed_at,"
      "  r.scale, r.score, r.at"
      " FROM page p JOIN account a ON a.id = p.account_id"
      " LEFT JOIN identity i ON i.id = p.identity_id"
      " LEFT JOIN rating r ON r.id = (SELECT id FROM rating"
      "  WHERE conversation_id = p.id ORDER BY at DESC, id DESC LIMIT 1)"
      " ORDER BY p.last_message_at DESC, p.id DESC",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2,
                      after ? desk_history_entry_get_last_message_at (after)
                            : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 3,
                      after ? desk_history_entry_get_conversation_id (after)
                            : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 4, page_size);

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskHistoryEntryData data = {
        .conversation_id = sqlite3_column_int64 (stmt, 0),
        .account_id = sqlite3_column_int64 (stmt, 1),
        .network = g_strdup (_desk_column_text (stmt, 2)),
        .account_handle = g_strdup (_desk_column_text (stmt, 3)),
        .identity_handle = g_strdup (_desk_column_text (stmt, 4)),
        .kind = sqlite3_column_int (stmt, 5),
        .status = sqlite3_column_int (stmt, 6),
        .first_line = first_line (_desk_column_text (stmt, 7)),
        .last_message_at = sqlite3_column_int64 (stmt, 9),
        .opened_at = sqlite3_column_int64 (stmt, 10),
        .closed_at = sqlite3_column_int64 (stmt, 11),
        .rating_scale = g_strdup (_desk_column_text (stmt, 12)),
        .rating_score = sqlite3_column_type (stmt, 13) == SQLITE_NULL
                            ? -1
                            : sqlite3_column_int (stmt, 13),
        .rating_at = sqlite3_column_int64 (stmt, 14),
      };

      if (data.first_line == NULL)
        data.first_line = first_line (_desk_column_text (stmt, 8));
      if (data.first_line == NULL)
        data.first_line = g_strdup ("");
      g_ptr_array_add (entries, _desk_history_entry_new (&data));
    }
  sqlite3_reset (stmt);

  if (!_desk_store_check (self, rc, error))
    return NULL;
  return g_steal_pointer (&entries);
}

GPtrArray *
desk_store_search_customers (DeskStore *self,
                             const char *text,
                             guint limit,
                             GError **error)
{
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *fts = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  customers = g_ptr_array_new_with_free_func (g_object_unref);
  fts = _desk_store_fts_query (text);
  if (fts == NULL || limit == 0)
    return g_steal_pointer (&customers);

  stmt = _desk_store_prepare (
      self,
      "SELECT f.rowid FROM customer_fts f JOIN customer c ON c.id = f.rowid"
      " WHERE customer_fts MATCH ?1 AND c.merged_into IS NULL"
      " ORDER BY f.rank LIMIT ?2",
      error);
  if (stmt == NULL)
    return NULL;
  _desk_bind_text (stmt, 1, fts);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (!collect_ids (self, stmt, ids, error))
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      DeskCustomer *customer = desk_store_load_customer (
          self, g_array_index (ids, gint64, i), error);

      if (customer == NULL)
        return NULL;
      g_ptr_array_add (customers, customer);
    }
  return g_steal_pointer (&customers);
}

/* Suggestions */

/* Loads the identities (DeskLinkProfile) of a customer; a merged-away
 * customer has none. */
static gboolean
load_profiles (DeskStore *self,
               gint64 customer_id,
               GPtrArray *profiles,
               GHashTable *names,
               GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT i.id, i.handle, i.display_name, i.profile_url, i.bio,"
      " c.display_name, i.network FROM identity i"
      " JOIN customer c ON c.id = i.customer_id"
      " WHERE i.customer_id = ? AND c.merged_into IS NULL ORDER BY i.id",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_ptr_array_add (profiles,
                       _desk_link_profile_new (id, customer_id,
                                               _desk_column_text (stmt, 1),
                                               _desk_column_text (stmt, 2),
                                               _desk_column_text (stmt, 3),
                                               _desk_column_text (stmt, 4)));
      if (names != NULL)
        {
          /* identity id -> { customer name, network, handle } */
          char **strings = g_new0 (char *, 4);

          strings[0] = g_strdup (_desk_column_text (stmt, 5));
          strings[1] = g_strdup (_desk_column_text (stmt, 6));
          strings[2] = g_strdup (_desk_column_text (stmt, 1));
          g_hash_table_insert (names, g_memdup2 (&id, sizeof id), strings);
        }
    }
  sqlite3_reset (stmt);
  return _desk_store_check (self, rc, error);
}

/* "a" OR "b" ...: every term quoted, so nothing is read as FTS syntax;
 * a quoted handle becomes a phrase of its parts. */
static char *
fts_any_of (GPtrArray *terms)
{
  GString *query = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    {
      g_auto (GStrv) parts
          = g_strsplit (g_ptr_array_index (terms, i), "\"", -1);
      g_autofree char *escaped = g_strjoinv ("\"\"", parts);

      if (query->len > 0)
        g_string_append (query, " OR ");
      g_string_append_printf (query, "\"%s\"", escaped);
    }

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}

/* Appends to @candidates the customers matching any of @terms, at most
 * @limit; FALSE in @complete when there were more. No ranking: that would
 * score every match. */
static gboolean
match_customers (DeskStore *self,
                 GPtrArray *terms,
                 guint limit,
                 GArray *candidates,
                 gboolean *complete,
                 GError **error)
{
  g_autofree char *query = fts_any_of (terms);
  sqlite3_stmt *stmt;
  guint before = candidates->len;

  *complete = TRUE;
  if (query == NULL)
    return TRUE;

  stmt = _desk_store_prepare (
      self, "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?",
      error);
  if (stmt == NULL)
    return FALSE;
  _desk_bind_text (stmt, 1, query);
  sqlite3_bind_int (stmt, 2, limit + 1);
  if (!collect_ids (self, stmt, candidates, error))
    return FALSE;

  if (candidates->len - before > limit)
    {
      g_array_set_size (candidates, before + limit);
      *complete = FALSE;
    }
  return TRUE;
}

/* The customers worth comparing: those whose names or handles contain a
 * whole name or a handle this customer's identities mention, and those
 * sharing a rare word with them (a surname, a handle's name). A common
 * word ("Anna") says nothing and would cost a look at thousands. */
static gboolean
find_candidates (DeskStore *self,
                 GPtrArray *phrases,
                 GPtrArray *words,
                 GArray *candidates,
                 GError **error)
{
  gboolean complete;

  if (!match_customers (self, phrases, SUGGESTION_CANDIDATES, candidates,
                        &complete, error))
    return FALSE;

  for (guint i = 0; i < words->len; i++)
    {
      g_autoptr (GPtrArray) word = g_ptr_array_new ();
      guint before = candidates->len;

      if (candidates->len >= SUGGESTION_CANDIDATES)
        break;
      g_ptr_array_add (word, g_ptr_array_index (words, i));
      if (!match_customers (self, word, RARE_WORD_MATCHES, candidates,
                            &complete, error))
        return FALSE;
      if (!complete)
        g_array_set_size (candidates, before);
    }
  return TRUE;
}

/* The identities the agent said are someone else than the customer's. */
static gboolean
load_dismissed (DeskStore *self,
                GPtrArray *ours,
                GHashTable *dismissed,
                GError **error)
{
  for (guint i = 0; i < ours->len; i++)
    {
      sqlite3_stmt *stmt = _desk_store_prepare (
          self,
          "SELECT identity_b FROM link_suggestion_dismissed"
          " WHERE identity_a = ?1 UNION ALL"
          " SELECT identity_a FROM link_suggestion_dismissed"
          " WHERE identity_b = ?1",
          error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (
          stmt, 1,
          _desk_link_profile_get_identity_id (g_ptr_array_index (ours, i)));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_hash_table_add (dismissed, g_memdup2 (&id, sizeof id));
        }
      sqlite3_reset (stmt);
      if (!_desk_store_check (self, rc, error))
        return FALSE;
    }
  return TRUE;
}

/* Keeps the strongest suggestion per other customer. */
static void
offer (GHashTable *best,
       GHashTable *names,
       gint64 customer_id,
       gint64 identity_id,
       gint64 other_customer_id,
       gint64 other_identity_id,
       DeskLinkReason reason,
       char *evidence)
{
  DeskLinkSuggestion *current = g_hash_table_lookup (best, &other_customer_id);
  DeskLinkSuggestion *suggestion;
  char **strings = g_hash_table_lookup (names, &other_identity_id);

  if (current != NULL && current->reason <= reason)
    {
      g_free (evidence);
      return;
    }

  suggestion = g_new0 (DeskLinkSuggestion, 1);
  suggestion->customer_id = customer_id;
  suggestion->identity_id = identity_id;
  suggestion->other_customer_id = other_customer_id;
  suggestion->other_identity_id = other_identity_id;
  suggestion->reason = reason;
  suggestion->evidence = evidence;
  if (strings != NULL)
    {
      suggestion->other_name = g_strdup (strings[0]);
      suggestion->other_network = g_strdup (strings[1]);
      suggestion->other_handle = g_strdup (strings[2]);
    }
  g_hash_table_insert (best, g_memdup2 (&other_customer_id, sizeof (gint64)),
                       suggestion);
}

/* E-mail addresses the customer wrote in private messages, with the
 * identity that wrote each. */
static gboolean
collect_own_emails (DeskStore *self,
                    gint64 customer_id,
                    GHashTable *emails,
                    GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "WITH recent AS (SELECT id FROM conversation WHERE customer_id = ?"
      "  AND kind = 1 ORDER BY last_message_at DESC LIMIT 50)"
      " SELECT m.identity_id, m.body FROM recent c"
      " JOIN message m ON m.conversation_id = c.id"
      " WHERE +m.direction = 0 AND m.private = 1 AND instr (m.body, '@') > 0",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 identity_id = sqlite3_column_int64 (stmt, 0);
      g_autoptr (GPtrArray) found
          = _desk_link_extract_emails (_desk_column_text (stmt, 1));

      for (guint i = 0; i < found->len; i++)
        if (!g_hash_table_contains (emails, g_ptr_array_index (found, i)))
          g_hash_table_insert (emails, g_strdup (g_ptr_array_index (found, i)),
                               g_memdup2 (&identity_id, sizeof identity_id));
    }
  sqlite3_reset (stmt);
  return _desk_store_check (self, rc, error);
}

typedef struct
{
  gint64 customer_id;
  gint64 identity_id;
} Owner;

/* Who else wrote @email in a private message. FALSE in @personal when the
 * address is not one person's: the team wrote it too (the shop's own
 * address), or many customers did. */
static gboolean
find_email_owners (DeskStore *self,
                   const char *email,
                   gint64 customer_id,
                   GArray *owners,
                   gboolean *personal,
                   GError **error)
{
  g_autofree char *local = g_strndup (email, strcspn (email, "@"));
  g_autofree char *query = NULL;
  g_autoptr (GPtrArray) terms = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  /* The name part alone: the domain's words ("gmail", "com") are in
   * half the messages and would make the search read all of them. */
  *personal = TRUE;
  g_ptr_array_add (terms, local);
  query = fts_any_of (terms);

  stmt = _desk_store_prepare (
      self,
      "SELECT m.direction, m.private, m.identity_id, c.customer_id, m.body"
      " FROM message_fts f JOIN message m ON m.id = f.rowid"
      " JOIN conversation c ON c.id = m.conversation_id"
      " WHERE message_fts MATCH ? LIMIT 200",
      error);
  if (stmt == NULL)
    return FALSE;

  _desk_bind_text (stmt, 1, query);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GPtrArray) found = NULL;
      gboolean incoming
          = sqlite3_column_int (stmt, 0) == DESK_DIRECTION_INCOMING;
      Owner owner
          = { sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 2) };
      gboolean known = FALSE;

      if (incoming && owner.customer_id == customer_id)
        continue;
      found = _desk_link_extract_emails (_desk_column_text (stmt, 4));
      if (!g_ptr_array_find_with_equal_func (found, email, g_str_equal, NULL))
        continue;
      if (!incoming)
        *personal = FALSE;
      if (!incoming || sqlite3_column_int (stmt, 1) == 0
          || owner.identity_id == 0)
        continue;

      for (guint i = 0; i < owners->len; i++)
        known |= g_array_index (owners, Owner, i).customer_id
                 == owner.customer_id;
      if (!known)
        g_array_append_val (owners, owner);
    }
  sqlite3_reset (stmt);

  if (owners->len > MAX_EMAIL_OWNERS)
    *personal = FALSE;
  return _desk_store_check (self, rc, error);
}

static gboolean
suggest_by_email (DeskStore *self,
                  gint64 customer_id,
                  GHashTable *dismissed,
                  GHashTable *best,
                  GHashTable *names,
                  GError **error)
{
  g_autoptr (GHashTable) emails
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (!collect_own_emails (self, customer_id, emails, error))
    return FALSE;

  g_hash_table_iter_init (&iter, emails);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr (GArray) owners = g_array_new (FALSE, FALSE, sizeof (Owner));
      gboolean personal;

      if (!find_email_owners (self, key, customer_id, owners, &personal, error))
        return FALSE;
      if (!personal)
        continue;

      for (guint i = 0; i < owners->len; i++)
        {
          const Owner *owner = &g_array_index (owners, Owner, i);
          g_autoptr (GPtrArray) theirs = g_ptr_array_new_with_free_func (
              (GDestroyNotify) _desk_link_profile_free);
          gboolean refused = FALSE;

          /* Their identities, for the names and the dismissals. */
          if (!load_profiles (self, owner->customer_id, theirs, names, error))
            return FALSE;
          for (guint j = 0; j < theirs->len; j++)
            refused |= g_hash_table_contains (
                dismissed, &(gint64){ _desk_link_profile_get_identity_id (
                               g_ptr_array_index (theirs, j)) });
          if (refused || theirs->len == 0)
            continue;

          offer (best, names, customer_id, *(gint64 *) value,
                 owner->customer_id, owner->identity_id,
                 DESK_LINK_REASON_SAME_EMAIL, g_strdup (key));
        }
    }
  return TRUE;
}

static int
compare_suggestions (gconstpointer a, gconstpointer b)
{
  const DeskLinkSuggestion *x = *(DeskLinkSuggestion *const *) a;
  const DeskLinkSuggestion *y = *(DeskLinkSuggestion *const *) b;

  if (x->reason != y->reason)
    return x->reason < y->reason ? -1 : 1;
  return x->other_customer_id < y->other_customer_id   ? -1
         : x->other_customer_id > y->other_customer_id ? 1
                                                       : 0;
}

/* Other customers who look like the same person as @customer_id. Only
 * customers that the name and handle search finds are compared (reading
 * every bio would not fit the time the sidebar has), plus those who wrote
 * the same e-mail address in private messages. */
GPtrArray *
desk_store_suggest_links (DeskStore *self, gint64 customer_id, GError **error)
{
  g_autoptr (GPtrArray) ours = NULL;
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GHashTable) dismissed = NULL;
  g_autoptr (GHashTable) names = NULL;
  g_autoptr (GHashTable) best = NULL;
  GPtrArray *suggestions;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ours = g_ptr_array_new_with_free_func (
      (GDestroyNotify) _desk_link_profile_free);
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  dismissed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) g_strfreev);
  best = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                (GDestroyNotify) desk_link_suggestion_free);

  if (!load_profiles (self, customer_id, ours, NULL, error))
    return NULL;
  if (ours->len == 0)
    return g_ptr_array_new_with_free_func (
        (GDestroyNotify) desk_link_suggestion_free);

  for (guint i = 0; i < ours->len; i++)
    _desk_link_profile_collect_terms (g_ptr_array_index (ours, i), words,
                                      phrases);

  if (!load_dismissed (self, ours, dismissed, error)
      || !find_candidates (self, phrases, words, candidates, error))
    return NULL;

  for (guint c = 0; c < candidates->len; c++)
    {
      gint64 other_id = g_array_index (candidates, gint64, c);
      g_autoptr (GPtrArray) theirs = NULL;
      gboolean refused = FALSE;

      if (other_id == customer_id || g_hash_table_contains (seen, &other_id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&other_id, sizeof other_id));

      theirs = g_ptr_array_new_with_free_func (
          (GDestroyNotify) _desk_link_profile_free);
      if (!load_profiles (self, other_id, theirs, names, error))
        return NULL;

      for (guint j = 0; j < theirs->len; j++)
        refused |= g_hash_table_contains (
            dismissed, &(gint64){ _desk_link_profile_get_identity_id (
                           g_ptr_array_index (theirs, j)) });
      if (refused)
        continue;

      for (guint i = 0; i < ours->len; i++)
        for (guint j = 0; j < theirs->len; j++)
          {
            const DeskLinkProfile *a = g_ptr_array_index (ours, i);
            const DeskLinkProfile *b = g_ptr_array_index (theirs, j);
            DeskLinkReason reason;
            char *evidence = NULL;

            if (_desk_link_profiles_match (a, b, &reason, &evidence))
              offer (best, names, customer_id,
                     _desk_link_profile_get_identity_id (a), other_id,
                     _desk_link_profile_get_identity_id (b), reason, evidence);
          }
    }

  if (!suggest_by_email (self, customer_id, dismissed, best, names, error))
    return NULL;

  suggestions = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_link_suggestion_free);
  g_hash_table_iter_init (&iter, best);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (suggestions, value);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
  g_ptr_array_sort (suggestions, compare_suggestions);
  if (suggestions->len > MAX_SUGGESTIONS)
    g_ptr_array_set_size (suggestions, MAX_SUGGESTIONS);
  return suggestions;
}

/* Accepting a suggestion merges the other customer into this one. */
gint64
desk_store_accept_link_suggestion (DeskStore *self,
                                   const DeskLinkSuggestion *suggestion,
                                   const char *actor,
                                   GError **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (suggestion != NULL, 0);

  return desk_store_merge_customers (self, suggestion->other_customer_id,
                                     suggestion->customer_id, actor, error);
}

/* Remembers that the two identities are different people, so neither
 * customer is suggested for the other again. */
gboolean
desk_store_dismiss_link_suggestion (DeskStore *self,
                                    const DeskLinkSuggestion *suggestion,
                                    const char *actor,
                                    GError **error)
{
  sqlite3_stmt *stmt;
  gint64 a, b;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (suggestion != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  a = MIN (suggestion->identity_id, suggestion->other_identity_id);
  b = MAX (suggestion->identity_id, suggestion->other_identity_id);
  if (a == b)
    return fail_invalid (error, _ ("A profile cannot be linked to itself."));

  if (!_desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self,
      "INSERT OR IGNORE INTO link_suggestion_dismissed"
      " (identity_a, identity_b)"
      " SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM identity WHERE id = ?1)"
      " AND EXISTS (SELECT 1 FROM identity WHERE id = ?2)",
      error);
  if (!exec_with (self, stmt, a, b, error))
    goto fail;
  if (sqlite3_changes (_desk_store_get_db (self)) == 0)
    {
      /* Dismissed before, or a profile is gone: either way nothing left
       * to suggest. */
      return _desk_store_commit (self, error);
    }

  if (!log_customer_event (
          self, actor, "link-dismissed", error,
          "identities %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT, a, b))
    goto fail;

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* Notes */

static gboolean
check_note_text (const char *text, GError **error)
{
  g_autofree char *stripped = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return fail_invalid (error, _ ("The text is not valid."));

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return fail_invalid (error, _ ("The text is empty."));
  return TRUE;
}

/* The note is stored as written; showing it safely is the UI's task. */
gint64
desk_store_add_customer_note (DeskStore *self,
                              gint64 customer_id,
                              const char *body,
                              const char *author,
                              GError **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (author != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_note_text (body, error))
    return 0;

  if (!check_customer (self, customer_id, error))
    return 0;

  stmt = _desk_store_prepare (
      self,
      "INSERT INTO customer_note (customer_id, author, body, created_at)"
      " VALUES (?, ?, ?, ?) RETURNING id",
      error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  _desk_bind_text (stmt, 2, author);
  _desk_bind_text (stmt, 3, body);
  sqlite3_bind_int64 (stmt, 4, _desk_store_now (self));
  if (!_desk_store_step_id (self, stmt, &id, error))
    return 0;
  return id;
}

/* Newest first. */
GPtrArray *
desk_store_list_customer_notes (DeskStore *self,
                                gint64 customer_id,
                                GError **error)
{
  g_autoptr (GPtrArray) notes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT id, author, body, created_at FROM customer_note"
      " WHERE customer_id = ? ORDER BY created_at DESC, id DESC",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  notes = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_customer_note_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskCustomerNote *note = g_new0 (DeskCustomerNote, 1);

      note->id = sqlite3_column_int64 (stmt, 0);
      note->customer_id = customer_id;
      note->author = g_strdup (_desk_column_text (stmt, 1));
      note->body = g_strdup (_desk_column_text (stmt, 2));
      note->created_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (notes, note);
    }
  sqlite3_reset (stmt);

  if (!_desk_store_check (self, rc, error))
    return NULL;
  return g_steal_pointer (&notes);
}

gboolean
desk_store_delete_customer_note (DeskStore *self,
                                 gint64 note_id,
                                 GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  stmt = _desk_store_prepare (self, "DELETE FROM customer_note WHERE id = ?",
                              error);
  if (!exec_with (self, stmt, note_id, 0, error))
    return FALSE;
  if (sqlite3_changes (_desk_store_get_db (self)) == 0)
    return fail_not_found (error, _ ("The note no longer exists."));
  return TRUE;
}

/* Interactions */

gint64
desk_store_add_interaction (DeskStore *self,
                            gint64 conversation_id,
                            gboolean positive,
                            const char *actor,
                            GError **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_desk_store_begin (self, error))
    return 0;

  stmt = _desk_store_prepare (
      self,
      "INSERT INTO interaction (customer_id, conversation_id, positive,"
      " actor, at) SELECT customer_id, id, ?2, ?3, ?4 FROM conversation"
      " WHERE id = ?1 AND customer_id IS NOT NULL RETURNING id",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int (stmt, 2, positive ? 1 : 0);
  _desk_bind_text (stmt, 3, actor);
  sqlite3_bind_int64 (stmt, 4, _desk_store_now (self));
  if (!_desk_store_step_id (self, stmt, &id, error))
    goto fail;
  if (id == 0)
    {
      fail_not_found (error, _ ("The conversation no longer exists or has "
                                "no customer."));
      goto fail;
    }

  if (!_desk_store_log_event (self, conversation_id, actor, "interaction",
                              positive ? "positive" : "negative", error))
    goto fail;

  if (!_desk_store_commit (self, error))
    return 0;
  return id;

fail:
  _desk_store_rollback (self);
  return 0;
}
