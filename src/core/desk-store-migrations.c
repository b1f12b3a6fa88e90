/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-migrations"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-store-private.h"

/* Each step takes the schema from version N-1 to N. A step is never
 * edited once released: change the schema by adding a step. Times are
 * unix seconds (UTC). */
static const char *const steps[] = {
  /* 1: the main entities of DESIGN.md */
  "CREATE TABLE account ("
  "  id INTEGER PRIMARY KEY,"
  "  network TEXT NOT NULL,"
  "  remote_id TEXT NOT NULL,"
  "  handle TEXT NOT NULL,"
  "  display_name TEXT,"
  "  server TEXT,"
  "  simulated INTEGER NOT NULL DEFAULT 0,"
  "  paused INTEGER NOT NULL DEFAULT 0,"
  "  cursor TEXT,"
  "  last_sync_at INTEGER,"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (network, remote_id));"
  "CREATE TABLE customer ("
  "  id INTEGER PRIMARY KEY,"
  "  display_name TEXT NOT NULL,"
  "  language TEXT,"
  "  merged_into INTEGER REFERENCES customer (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE identity ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id),"
  "  network TEXT NOT NULL,"
  "  remote_id TEXT NOT NULL,"
  "  handle TEXT NOT NULL,"
  "  display_name TEXT,"
  "  avatar_url TEXT,"
  "  profile_url TEXT,"
  "  bio TEXT,"
  "  followers INTEGER NOT NULL DEFAULT 0,"
  "  gone INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (network, remote_id));"
  "CREATE INDEX identity_customer ON identity (customer_id);"
  "CREATE TABLE customer_note ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  author TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE conversation ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  thread_remote_id TEXT NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  customer_id INTEGER REFERENCES customer (id),"
  "  identity_id INTEGER REFERENCES identity (id),"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  priority INTEGER NOT NULL DEFAULT 0,"
  "  assignee TEXT,"
  "  snoozed_until INTEGER,"
  "  snippet TEXT NOT NULL DEFAULT '',"
  "  last_message_at INTEGER NOT NULL DEFAULT 0,"
  "  awaiting_since INTEGER,"
  "  first_response_at INTEGER,"
  "  unread INTEGER NOT NULL DEFAULT 0,"
  "  draft TEXT,"
  "  scratch TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (account_id, thread_remote_id));"
  "CREATE INDEX conversation_status ON conversation"
  "  (status, priority DESC, awaiting_since, last_message_at);"
  "CREATE INDEX conversation_last ON conversation (last_message_at);"
  "CREATE INDEX conversation_customer ON conversation (customer_id);"
  "CREATE TABLE message ("
  "  id INTEGER PRIMARY KEY,"
  "  conversation_id INTEGER NOT NULL"
  "    REFERENCES conversation (id) ON DELETE CASCADE,"
  "  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  remote_id TEXT,"
  "  direction INTEGER NOT NULL,"
  "  identity_id INTEGER REFERENCES identity (id),"
  "  author TEXT,"
  "  body TEXT NOT NULL,"
  "  private INTEGER NOT NULL DEFAULT 0,"
  "  in_reply_to TEXT,"
  "  url TEXT,"
  "  delivery INTEGER NOT NULL DEFAULT 0,"
  "  hidden INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (account_id, remote_id));"
  "CREATE INDEX message_conversation ON message (conversation_id, created_at);"
  "CREATE TABLE tag ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  color TEXT NOT NULL DEFAULT '#3584e4');"
  "CREATE TABLE conversation_tag ("
  "  conversation_id INTEGER NOT NULL"
  "    REFERENCES conversation (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (conversation_id, tag_id)) WITHOUT ROWID;"
  "CREATE INDEX conversation_tag_tag ON conversation_tag (tag_id);"
  "CREATE TABLE template ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  category TEXT,"
  "  language TEXT NOT NULL,"
  "  formal INTEGER NOT NULL DEFAULT 1,"
  "  shortcut TEXT,"
  "  body TEXT NOT NULL,"
  "  usage_count INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE guideline_rule ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  severity INTEGER NOT NULL DEFAULT 1,"
  "  language TEXT,"
  "  network TEXT,"
  "  pattern TEXT NOT NULL,"
  "  replacement TEXT,"
  "  explanation TEXT,"
  "  enabled INTEGER NOT NULL DEFAULT 1);"
  "CREATE TABLE sla_policy ("
  "  id INTEGER PRIMARY KEY,"
  "  network TEXT,"
  "  priority INTEGER NOT NULL DEFAULT 0,"
  "  first_response_minutes INTEGER NOT NULL,"
  "  next_response_minutes INTEGER NOT NULL,"
  "  resolution_minutes INTEGER NOT NULL,"
  "  business_time INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (network, priority));"
  "CREATE TABLE business_hours ("
  "  id INTEGER PRIMARY KEY,"
  "  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"
  "  start_minute INTEGER NOT NULL,"
  "  end_minute INTEGER NOT NULL);"
  "CREATE TABLE holiday ("
  "  day TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL);"
  "CREATE TABLE outbox ("
  "  message_id INTEGER PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL,"
  "  last_error TEXT);"
  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,"
  "  actor TEXT,"
  "  kind TEXT NOT NULL,"
  "  detail TEXT);"
  "CREATE INDEX event_at ON event (at);"
  "CREATE TABLE rating ("
  "  id INTEGER PRIMARY KEY,"
  "  conversation_id INTEGER REFERENCES conversation (id) ON DELETE SET NULL,"
  "  customer_id INTEGER REFERENCES customer (id),"
  "  scale TEXT NOT NULL CHECK (scale IN ('csat', 'nps')),"
  "  score INTEGER NOT NULL,"
  "  at INTEGER NOT NULL);",

  /* 2: full-text search over message bodies and customer names. External
   * content tables, kept in step by triggers, so text is stored once. */
  "CREATE VIRTUAL TABLE message_fts USING fts5 ("
  "  body, content='message', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN"
  "  INSERT INTO message_fts (rowid, body) VALUES (new.id, new.body);"
  "END;"
  "CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN"
  "  INSERT INTO message_fts (message_fts, rowid, body)"
  "    VALUES ('delete', old.id, old.body);"
  "END;"
  "CREATE TRIGGER message_fts_update AFTER UPDATE OF body ON message BEGIN"
  "  INSERT INTO message_fts (message_fts, rowid, body)"
  "    VALUES ('delete', old.id, old.body);"
  "  INSERT INTO message_fts (rowid, body) VALUES (new.id, new.body);"
  "END;"
  "INSERT INTO message_fts (message_fts) VALUES ('rebuild');"
  "CREATE VIRTUAL TABLE customer_fts USING fts5 ("
  "  names, tokenize='unicode61 remove_diacritics 2');"
  "INSERT INTO customer_fts (rowid, names)"
  "  SELECT c.id, c.display_name || ' ' ||"
  "    coalesce ((SELECT group_concat (i.handle || ' ' ||"
  "      coalesce (i.display_name, ''), ' ')"
  "     FROM identity i WHERE i.customer_id = c.id), '')"
  "  FROM customer c;",

  /* 3: what the SLA timers need: when a conversation opened and closed,
   * the spans it waited on the customer, the nearest deadline (for the
   * "most urgent" order) and workspace-wide settings. */
  "ALTER TABLE conversation ADD COLUMN opened_at INTEGER;"
  "ALTER TABLE conversation ADD COLUMN closed_at INTEGER;"
  "ALTER TABLE conversation ADD COLUMN due_at INTEGER;"
  "UPDATE conversation SET opened_at = (SELECT min (m.created_at)"
  "  FROM message m WHERE m.conversation_id = conversation.id"
  "  AND m.direction = 0);"
  "UPDATE conversation SET closed_at = last_message_at WHERE status = 3;"
  "CREATE INDEX conversation_due ON conversation"
  "  (status, priority DESC, due_at);"
  "CREATE TABLE conversation_pause ("
  "  id INTEGER PRIMARY KEY,"
  "  conversation_id INTEGER NOT NULL"
  "    REFERENCES conversation (id) ON DELETE CASCADE,"
  "  start_at INTEGER NOT NULL,"
  "  end_at INTEGER);"
  "CREATE INDEX conversation_pause_conversation"
  "  ON conversation_pause (conversation_id);"
  "CREATE TABLE workspace_setting ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);",

  /* 4: one person across networks (links and merges that can be undone),
   * how interactions went, ratings asked for, and brand monitoring. */
  "CREATE TABLE customer_merge ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES customer (id),"
  "  target_id INTEGER NOT NULL REFERENCES customer (id),"
  "  actor TEXT,"
  "  at INTEGER NOT NULL,"
  "  undone_at INTEGER);"
  "CREATE TABLE customer_merge_item ("
  "  merge_id INTEGER NOT NULL REFERENCES customer_merge (id)"
  "    ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN"
  "    ('identity', 'conversation', 'note', 'interaction', 'rating')),"
  "  item_id INTEGER NOT NULL,"
  "  PRIMARY KEY (merge_id, kind, item_id)) WITHOUT ROWID;"
  "CREATE TABLE link_suggestion_dismissed ("
  "  identity_a INTEGER NOT NULL REFERENCES identity (id) ON DELETE CASCADE,"
  "  identity_b INTEGER NOT NULL REFERENCES identity (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (identity_a, identity_b)) WITHOUT ROWID;"
  "CREATE TABLE interaction ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id),"
  "  conversation_id INTEGER REFERENCES conversation (id)"
  "    ON DELETE SET NULL,"
  "  positive INTEGER NOT NULL,"
  "  actor TEXT,"
  "  at INTEGER NOT NULL);"
  "CREATE INDEX interaction_customer ON interaction (customer_id);"
  "ALTER TABLE conversation ADD COLUMN rating_requested_at INTEGER;"
  "ALTER TABLE conversation ADD COLUMN follow_up INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE rating ADD COLUMN message_id INTEGER"
  "  REFERENCES message (id) ON DELETE SET NULL;"
  "CREATE INDEX rating_at ON rating (at);"
  "CREATE INDEX event_conversation ON event (conversation_id, at);"
  "CREATE TABLE brand_keyword ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  keyword TEXT NOT NULL,"
  "  UNIQUE (account_id, keyword));"
  "CREATE TABLE mention ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  remote_id TEXT NOT NULL,"
  "  keyword TEXT,"
  "  author_handle TEXT NOT NULL,"
  "  author_name TEXT,"
  "  author_remote_id TEXT,"
  "  body TEXT NOT NULL,"
  "  url TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  conversation_id INTEGER REFERENCES conversation (id)"
  "    ON DELETE SET NULL,"
  "  UNIQUE (account_id, remote_id));"
  "CREATE INDEX mention_created ON mention (created_at);",

  /* 5: indexes for reports and alerts: incoming volume by time, recent
   * negative interactions, ratings by conversation and message. */
  "CREATE INDEX message_created ON message (direction, created_at);"
  "CREATE INDEX interaction_at ON interaction (at);"
  "CREATE INDEX rating_conversation ON rating (conversation_id);"
  "CREATE INDEX rating_message ON rating (message_id);"
  "CREATE INDEX event_kind ON event (kind, at);",

  /* 6: indexes for the customer sidebar: a long history by time, notes,
   * merges and dismissed suggestions. */
  "CREATE INDEX conversation_customer_time ON conversation"
  "  (customer_id, last_message_at, id);"
  "CREATE INDEX customer_note_customer ON customer_note (customer_id);"
  "CREATE INDEX customer_merge_target ON customer_merge (target_id);"
  "CREATE INDEX customer_merge_source ON customer_merge (source_id);"
  "CREATE INDEX link_suggestion_dismissed_b"
  "  ON link_suggestion_dismissed (identity_b);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == DESK_STORE_SCHEMA_VERSION);

int
_desk_store_read_version (sqlite3 *db, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int version = -1;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    _desk_store_set_error (error, db, rc);
  sqlite3_finalize (stmt);

  return version;
}

/* Brings @db from its version up to @target, each step in its own
 * transaction so a crash leaves a consistent older version behind. */
gboolean
_desk_store_migrate (sqlite3 *db, int target, GError **error)
{
  int version = _desk_store_read_version (db, error);

  if (version < 0)
    return FALSE;

  g_return_val_if_fail (target <= DESK_STORE_SCHEMA_VERSION, FALSE);

  for (int v = version; v < target; v++)
    {
      g_autofree char *sql = g_strdup_printf (
          "BEGIN IMMEDIATE; %s PRAGMA user_version = %d; COMMIT;", steps[v],
          v + 1);
      char *message = NULL;
      int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

      if (rc != SQLITE_OK)
        {
          _desk_store_set_error (error, db, rc);
          g_prefix_error (error,
                          _ ("Could not update the database to "
                             "version %d: "),
                          v + 1);
          sqlite3_free (message);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("migrated database to version %d", v + 1);
    }

  return TRUE;
}
