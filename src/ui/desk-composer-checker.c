/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-composer-checker"

#include "config.h"

#include <adwaita.h>

#include "desk-composer-checker.h"

/* Runs the guidelines over the text of a text view and shows what they
 * found as wavy underlines. The core speaks in UTF-8 byte offsets, the
 * buffer in characters: every conversion between the two happens here,
 * against the text the findings were computed from. */
struct _DeskComposerChecker
{
  GObject parent_instance;

  GtkTextView *view; /* weak */
  DeskGuidelines *guidelines;
  GPtrArray *findings; /* DeskFinding */
  char *text;          /* what @findings refer to */
};

G_DEFINE_FINAL_TYPE (DeskComposerChecker, desk_composer_checker, G_TYPE_OBJECT)

static GtkTextBuffer *
get_buffer (DeskComposerChecker *self)
{
  g_assert (self->view != NULL);
  return gtk_text_view_get_buffer (self->view);
}

const char *
desk_composer_checker_tag_for (DeskSeverity severity)
{
  switch (severity)
    {
      case DESK_SEVERITY_ERROR:
        return DESK_COMPOSER_CHECKER_TAG_ERROR;
      case DESK_SEVERITY_WARNING:
        return DESK_COMPOSER_CHECKER_TAG_WARNING;
      case DESK_SEVERITY_INFO:
      default:
        return DESK_COMPOSER_CHECKER_TAG_INFO;
    }
}

/* The underline colours follow the theme's named colours, so dark and
 * high-contrast styles get theirs. */
static void
lookup_color (GtkWidget *widget,
              const char *name,
              const char *fallback,
              GdkRGBA *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                       name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
update_tag_colors (DeskComposerChecker *self)
{
  GtkTextTagTable *table;
  struct
  {
    const char *tag, *color, *fallback;
  } tags[] = {
    { DESK_COMPOSER_CHECKER_TAG_ERROR, "error_color", "#e01b24" },
    { DESK_COMPOSER_CHECKER_TAG_WARNING, "warning_color", "#e66100" },
    { DESK_COMPOSER_CHECKER_TAG_INFO, "accent_color", "#3584e4" },
  };

  if (self->view == NULL)
    return;

  table = gtk_text_buffer_get_tag_table (get_buffer (self));
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, tags[i].tag);
      GdkRGBA rgba;

      if (tag == NULL)
        {
          tag = gtk_text_tag_new (tags[i].tag);
          g_object_set (tag, "underline", PANGO_UNDERLINE_ERROR, NULL);
          gtk_text_tag_table_add (table, tag);
          g_object_unref (tag);
        }
      lookup_color (GTK_WIDGET (self->view), tags[i].color, tags[i].fallback,
                    &rgba);
      g_object_set (tag, "underline-rgba", &rgba, NULL);
    }
}

/* Findings about the reply as a whole are listed in the composer's
 * summary; underlining every word would only hide the others. */
gboolean
desk_composer_checker_is_whole_reply (const DeskFinding *finding)
{
  g_return_val_if_fail (finding != NULL, FALSE);

  return finding->start == finding->end
         || finding->kind == DESK_FINDING_MISSING_GREETING
         || finding->kind == DESK_FINDING_MISSING_SIGN_OFF
         || finding->kind == DESK_FINDING_TOO_LONG;
}

static void
on_css_changed_cb (DeskComposerChecker *self)
{
  update_tag_colors (self);
}

static void
remove_tags (DeskComposerChecker *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, DESK_COMPOSER_CHECKER_TAG_ERROR,
                                      &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, DESK_COMPOSER_CHECKER_TAG_WARNING,
                                      &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, DESK_COMPOSER_CHECKER_TAG_INFO,
                                      &start, &end);
}

static void
desk_composer_checker_finalize (GObject *object)
{
  DeskComposerChecker *self = DESK_COMPOSER_CHECKER (object);

  g_clear_weak_pointer (&self->view);
  g_clear_object (&self->guidelines);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (desk_composer_checker_parent_class)->finalize (object);
}

static void
desk_composer_checker_class_init (DeskComposerCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = desk_composer_checker_finalize;
}

static void
desk_composer_checker_init (DeskComposerChecker *self)
{
  self->findings
      = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_finding_free);
}

DeskComposerChecker *
desk_composer_checker_new (GtkTextView *view)
{
  DeskComposerChecker *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (DESK_TYPE_COMPOSER_CHECKER, NULL);
  g_set_weak_pointer (&self->view, view);
  update_tag_colors (self);
  /* Dark and high-contrast styles bring their own named colours. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_css_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (
      adw_style_manager_get_default (), "notify::high-contrast",
      G_CALLBACK (on_css_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

void
desk_composer_checker_set_guidelines (DeskComposerChecker *self,
                                      DeskGuidelines *guidelines)
{
  g_return_if_fail (DESK_IS_COMPOSER_CHECKER (self));
  g_set_object (&self->guidelines, guidelines);
}

DeskGuidelines *
desk_composer_checker_get_guidelines (DeskComposerChecker *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER_CHECKER (self), NULL);
  return self->guidelines;
}

void
desk_composer_checker_clear (DeskComposerChecker *self)
{
  g_return_if_fail (DESK_IS_COMPOSER_CHECKER (self));

  g_ptr_array_set_size (self->findings, 0);
  g_clear_pointer (&self->text, g_free);
  if (self->view != NULL)
    remove_tags (self);
}

/* Checks the text as it is now, underlines the findings and returns them
 * (owned by the checker, valid until the next check). */
GPtrArray *
desk_composer_checker_check (DeskComposerChecker *self,
                             const DeskCheckContext *context)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autoptr (GPtrArray) findings = NULL;

  g_return_val_if_fail (DESK_IS_COMPOSER_CHECKER (self), NULL);
  g_return_val_if_fail (context != NULL, NULL);

  desk_composer_checker_clear (self);
  if (self->view == NULL || self->guidelines == NULL)
    return self->findings;

  buffer = get_buffer (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  self->text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  findings = desk_guidelines_check (self->guidelines, self->text, context);

  update_tag_colors (self);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      DeskFinding *finding = g_ptr_array_index (findings, i);
      GtkTextIter from, to;

      g_ptr_array_add (self->findings, desk_finding_copy (finding));
      if (desk_composer_checker_is_whole_reply (finding))
        continue;
      desk_composer_checker_get_bounds (self, finding, &from, &to);
      gtk_text_buffer_apply_tag_by_name (
          buffer, desk_composer_checker_tag_for (finding->severity), &from,
          &to);
    }
  return self->findings;
}

GPtrArray *
desk_composer_checker_get_findings (DeskComposerChecker *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER_CHECKER (self), NULL);
  return self->findings;
}

void
desk_composer_checker_get_bounds (DeskComposerChecker *self,
                                  const DeskFinding *finding,
                                  GtkTextIter *start,
                                  GtkTextIter *end)
{
  GtkTextBuffer *buffer;
  gsize length;

  g_return_if_fail (DESK_IS_COMPOSER_CHECKER (self));
  g_return_if_fail (finding != NULL && self->text != NULL);

  buffer = get_buffer (self);
  length = strlen (self->text);
  gtk_text_buffer_get_iter_at_offset (
      buffer, start,
      g_utf8_pointer_to_offset (self->text,
                                self->text + MIN (finding->start, length)));
  gtk_text_buffer_get_iter_at_offset (
      buffer, end,
      g_utf8_pointer_to_offset (self->text,
                                self->text + MIN (finding->end, length)));
}

/* The finding underlined at @iter, the most severe when they overlap. */
const DeskFinding *
desk_composer_checker_find_at (DeskComposerChecker *self,
                               const GtkTextIter *iter)
{
  const DeskFinding *best = NULL;

  g_return_val_if_fail (DESK_IS_COMPOSER_CHECKER (self), NULL);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const DeskFinding *finding = g_ptr_array_index (self->findings, i);
      GtkTextIter start, end;

      if (desk_composer_checker_is_whole_reply (finding))
        continue;
      desk_composer_checker_get_bounds (self, finding, &start, &end);
      if (gtk_text_iter_compare (iter, &start) >= 0
          && gtk_text_iter_compare (iter, &end) <= 0
          && (best == NULL || finding->severity > best->severity))
        best = finding;
    }
  return best;
}

/* Replaces the finding's range with its suggestion, as one undo step,
 * and leaves the cursor after it. */
gboolean
desk_composer_checker_apply_fix (DeskComposerChecker *self,
                                 const DeskFinding *finding)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  int offset;

  g_return_val_if_fail (DESK_IS_COMPOSER_CHECKER (self), FALSE);
  g_return_val_if_fail (finding != NULL, FALSE);

  if (finding->replacement == NULL || self->view == NULL || self->text == NULL)
    return FALSE;

  buffer = get_buffer (self);
  desk_composer_checker_get_bounds (self, finding, &start, &end);
  offset = gtk_text_iter_get_offset (&start);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  gtk_text_buffer_insert (buffer, &start, finding->replacement, -1);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_end_user_action (buffer);
  return TRUE;
}
