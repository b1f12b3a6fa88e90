/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "channels/desk-channel.h"
#include "channels/desk-secrets.h"

G_BEGIN_DECLS

/* Waiting for async results on the default main context, with a limit
 * so a broken test fails instead of hanging. */
void
mt_on_result_cb (GObject *source, GAsyncResult *result, gpointer user_data);
void mt_wait (GAsyncResult **result);
/* Runs the main loop until *@flag is set or @timeout_ms pass. */
gboolean mt_wait_flag (const gboolean *flag, guint timeout_ms);
gboolean mt_wait_uint (const guint *value, guint at_least, guint timeout_ms);
void mt_run_loop_for (guint ms);

char *mt_make_tmpdir (void);
void mt_remove_tree (const char *path);

void mt_store_secret (DeskSecrets *secrets,
                      gint64 account_id,
                      const char *kind,
                      const char *value);
char *mt_lookup_secret (DeskSecrets *secrets,
                        gint64 account_id,
                        const char *kind,
                        GError **error);

DeskSyncBatch *
mt_sync (DeskChannel *channel, const char *cursor, GError **error);
char *
mt_send (DeskChannel *channel, const DeskOutboxEntry *entry, GError **error);

/* Runs @sql (one number) on the database file, read-only. */
gint64 mt_db_count (const char *path, const char *sql);

/* The first column of the first row of @sql as text; NULL when none. */
char *mt_db_text (const char *path, const char *sql);

/* Whether the file at @path contains @needle anywhere. */
gboolean mt_file_contains (const char *path, const char *needle);

G_END_DECLS
