/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-csv"

#include "config.h"

#include "desk-csv.h"

/* CSV as RFC 4180 has it, for spreadsheets: fields separated by commas,
 * rows by CRLF, a field with a comma, quote or line break in quotes with
 * its quotes doubled. Exported cells hold what customers wrote, and a
 * spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
 * return) as a formula: such text gets a leading apostrophe, which
 * spreadsheets show as text and do not run (OWASP's advice on CSV
 * injection). Rows are buffered and written in large pieces. */

#define FLUSH_AT (64 * 1024)

struct _DeskCsvWriter
{
  GOutputStream *stream;
  GString *buffer;
  gboolean row_started;
};

static void
start_field (DeskCsvWriter *self)
{
  if (self->row_started)
    g_string_append_c (self->buffer, ',');
  self->row_started = TRUE;
}

/* Appends @text (NULL: empty) to @line as one field, without separator. */
void
desk_csv_append_field (GString *line, const char *text)
{
  g_autofree char *valid = NULL;
  gboolean quote = FALSE;

  g_return_if_fail (line != NULL);

  if (text == NULL || *text == '\0')
    return;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0' && !quote; p++)
    quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';

  if (quote)
    g_string_append_c (line, '"');
  if (*text == '=' || *text == '+' || *text == '-' || *text == '@'
      || *text == '\t' || *text == '\r')
    g_string_append_c (line, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  if (quote)
    g_string_append_c (line, '"');
}

/* A writer to @stream; the stream stays the caller's to close. */
DeskCsvWriter *
desk_csv_writer_new (GOutputStream *stream)
{
  DeskCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (DeskCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->buffer = g_string_sized_new (FLUSH_AT + 4096);
  return self;
}

/* Frees the writer; what desk_csv_writer_flush() did not write is lost. */
void
desk_csv_writer_free (DeskCsvWriter *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->stream);
  g_string_free (self->buffer, TRUE);
  g_free (self);
}

void
desk_csv_writer_add_text (DeskCsvWriter *self, const char *text)
{
  g_return_if_fail (self != NULL);

  start_field (self);
  desk_csv_append_field (self->buffer, text);
}

/* Numbers are ours, not customers': written as they are, a negative one
 * with its minus sign. */
void
desk_csv_writer_add_int (DeskCsvWriter *self, gint64 value)
{
  g_return_if_fail (self != NULL);

  start_field (self);
  g_string_append_printf (self->buffer, "%" G_GINT64_FORMAT, value);
}

void
desk_csv_writer_add_empty (DeskCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  start_field (self);
}

gboolean
desk_csv_writer_flush (DeskCsvWriter *self,
                       GCancellable *cancellable,
                       GError **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->buffer->len == 0)
    return TRUE;

  ok = g_output_stream_write_all (self->stream, self->buffer->str,
                                  self->buffer->len, NULL, cancellable, error);
  g_string_truncate (self->buffer, 0);
  return ok;
}

gboolean
desk_csv_writer_end_row (DeskCsvWriter *self,
                         GCancellable *cancellable,
                         GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  g_string_append (self->buffer, "\r\n");
  self->row_started = FALSE;

  if (self->buffer->len >= FLUSH_AT)
    return desk_csv_writer_flush (self, cancellable, error);
  return TRUE;
}
