/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-tags"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-store-private.h"

/* Tags: created, renamed and deleted by the team, put on conversations. */

static gboolean
check_name (const char *name, GError **error)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("The tag name is not valid."));
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("A tag needs a name."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_color (const char *color, GError **error)
{
  if (desk_tag_color_is_valid (color))
    return TRUE;

  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
               _ ("The tag colour is not valid."));
  return FALSE;
}

static void
set_constraint_error (DeskStore *self, GError **error, const char *name)
{
  if ((sqlite3_extended_errcode (_desk_store_get_db (self)) & 0xff)
      == SQLITE_CONSTRAINT)
    g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                 _ ("A tag named “%s” already exists."), name);
  else
    _desk_store_set_error (error, _desk_store_get_db (self),
                           sqlite3_errcode (_desk_store_get_db (self)));
}

/* Returns the new tag's id. */
gint64
desk_store_create_tag (DeskStore *self,
                       const char *name,
                       const char *color,
                       GError **error)
{
  g_autofree char *stripped = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);

  if (!check_name (name, error) || !check_color (color, error))
    return 0;

  stripped = g_strstrip (g_strdup (name));
  stmt = _desk_store_prepare (
      self, "INSERT INTO tag (name, color) VALUES (?, ?) RETURNING id", error);
  if (stmt == NULL)
    return 0;

  _desk_bind_text (stmt, 1, stripped);
  _desk_bind_text (stmt, 2, color);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    set_constraint_error (self, error, stripped);
  sqlite3_reset (stmt);
  return id;
}

gboolean
desk_store_update_tag (DeskStore *self,
                       gint64 tag_id,
                       const char *name,
                       const char *color,
                       GError **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr (GArray) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!check_name (name, error) || !check_color (color, error))
    return FALSE;

  stripped = g_strstrip (g_strdup (name));
  if (!_desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self, "UPDATE tag SET name = ?, color = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  _desk_bind_text (stmt, 1, stripped);
  _desk_bind_text (stmt, 2, color);
  sqlite3_bind_int64 (stmt, 3, tag_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_constraint_error (self, error, stripped);
      goto fail;
    }

  /* Rows showing the tag must redraw with its new name and colour. */
  stmt = _desk_store_prepare (
      self, "SELECT conversation_id FROM conversation_tag WHERE tag_id = ?",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    _desk_store_touch (self, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

gboolean
desk_store_delete_tag (DeskStore *self, gint64 tag_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self, "SELECT conversation_id FROM conversation_tag WHERE tag_id = ?",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    _desk_store_touch (self, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);

  stmt = _desk_store_prepare (self, "DELETE FROM tag WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

static GPtrArray *
read_tags (DeskStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) tags
      = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_tag_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskTag *tag = g_new0 (DeskTag, 1);

      tag->id = sqlite3_column_int64 (stmt, 0);
      tag->name = g_strdup (_desk_column_text (stmt, 1));
      tag->color = g_strdup (_desk_column_text (stmt, 2));
      tag->n_conversations = (guint) sqlite3_column_int (stmt, 3);
      g_ptr_array_add (tags, tag);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return NULL;
    }
  return g_steal_pointer (&tags);
}

/* Every tag (DeskTag), by name, with how many open conversations carry it. */
GPtrArray *
desk_store_list_tags (DeskStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT t.id, t.name, t.color, (SELECT count (*) FROM conversation_tag"
      "  ct JOIN conversation c ON c.id = ct.conversation_id"
      "  WHERE ct.tag_id = t.id AND c.status <> 3)"
      " FROM tag t ORDER BY t.name COLLATE NOCASE",
      error);
  if (stmt == NULL)
    return NULL;
  return read_tags (self, stmt, error);
}

/* The tags (DeskTag) on one conversation, by name. */
GPtrArray *
desk_store_list_conversation_tags (DeskStore *self,
                                   gint64 conversation_id,
                                   GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT t.id, t.name, t.color, 0 FROM tag t JOIN conversation_tag ct"
      " ON ct.tag_id = t.id WHERE ct.conversation_id = ?"
      " ORDER BY t.name COLLATE NOCASE",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  return read_tags (self, stmt, error);
}

/* Puts the tag on (or takes it off) the conversation; logged. */
gboolean
desk_store_set_conversation_tag (DeskStore *self,
                                 gint64 conversation_id,
                                 gint64 tag_id,
                                 gboolean tagged,
                                 const char *actor,
                                 GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  if (tagged)
    stmt = _desk_store_prepare (
        self,
        "INSERT OR IGNORE INTO conversation_tag (conversation_id, tag_id)"
        " VALUES (?, ?)",
        error);
  else
    stmt = _desk_store_prepare (
        self,
        "DELETE FROM conversation_tag WHERE conversation_id = ?"
        " AND tag_id = ?",
        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    {
      if (g_error_matches (*error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID))
        {
          g_clear_error (error);
          g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
                       _ ("The tag or the conversation no longer exists."));
        }
      goto fail;
    }

  if (sqlite3_changes (_desk_store_get_db (self)) > 0)
    {
      detail = g_strdup_printf ("%" G_GINT64_FORMAT, tag_id);
      if (!_desk_store_log_event (self, conversation_id, actor,
                                  tagged ? "tagged" : "untagged", detail,
                                  error))
        goto fail;
      _desk_store_touch (self, conversation_id);
    }

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}
