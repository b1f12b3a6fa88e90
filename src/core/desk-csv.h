/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes RFC 4180 CSV (UTF-8, CRLF line ends) to a stream, guarded
 * against formula injection. */
typedef struct _DeskCsvWriter DeskCsvWriter;

DeskCsvWriter *desk_csv_writer_new (GOutputStream *stream);
void desk_csv_writer_free (DeskCsvWriter *self);

void desk_csv_writer_add_text (DeskCsvWriter *self, const char *text);
void desk_csv_writer_add_int (DeskCsvWriter *self, gint64 value);
void desk_csv_writer_add_empty (DeskCsvWriter *self);
gboolean desk_csv_writer_end_row (DeskCsvWriter *self,
                                  GCancellable *cancellable,
                                  GError **error);
gboolean desk_csv_writer_flush (DeskCsvWriter *self,
                                GCancellable *cancellable,
                                GError **error);

void desk_csv_append_field (GString *line, const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskCsvWriter, desk_csv_writer_free)

G_END_DECLS
