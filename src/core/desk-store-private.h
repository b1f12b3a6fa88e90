/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "desk-store.h"

G_BEGIN_DECLS

/* Shared between the desk-store-*.c files: the connection, cached
 * statements, transactions and the change set of the open transaction. */
sqlite3 *_desk_store_get_db (DeskStore *self);
sqlite3_stmt *
_desk_store_prepare (DeskStore *self, const char *sql, GError **error);
gboolean _desk_store_check (DeskStore *self, int rc, GError **error);
gboolean _desk_store_begin (DeskStore *self, GError **error);
gboolean _desk_store_commit (DeskStore *self, GError **error);
void _desk_store_rollback (DeskStore *self);
void _desk_store_touch (DeskStore *self, gint64 conversation_id);
gboolean _desk_store_log_event (DeskStore *self,
                                gint64 conversation_id,
                                const char *actor,
                                const char *kind,
                                const char *detail,
                                GError **error);
gboolean _desk_store_refresh_conversation (DeskStore *self,
                                           gint64 conversation_id,
                                           GError **error);
gint64 _desk_store_now (DeskStore *self);
gboolean _desk_store_update_due (DeskStore *self,
                                 gint64 conversation_id,
                                 GError **error);
gboolean _desk_store_log_attainment (DeskStore *self,
                                     gint64 conversation_id,
                                     DeskSlaTimer timer,
                                     GError **error);
void _desk_store_set_error (GError **error, sqlite3 *db, int rc);

/* Turns what the user typed into a safe FTS5 query; NULL when empty. */
char *_desk_store_fts_query (const char *text);

gboolean _desk_store_load_identities (DeskStore *self,
                                      gint64 customer_id,
                                      DeskCustomer *customer,
                                      GError **error);

/* Migrations */
gboolean _desk_store_migrate (sqlite3 *db, int target, GError **error);
int _desk_store_read_version (sqlite3 *db, GError **error);

gboolean _desk_store_step_id (DeskStore *self,
                              sqlite3_stmt *stmt,
                              gint64 *id,
                              GError **error);

/* Steps a statement to its end and resets it. */
gboolean
_desk_store_exec_stmt (DeskStore *self, sqlite3_stmt *stmt, GError **error);

static inline const char *
_desk_column_text (sqlite3_stmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static inline void
_desk_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

G_END_DECLS
