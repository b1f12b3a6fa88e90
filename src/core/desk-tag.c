/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-tag"

#include "config.h"

#include "desk-tag.h"

G_DEFINE_BOXED_TYPE (DeskTag, desk_tag, desk_tag_copy, desk_tag_free)

DeskTag *
desk_tag_copy (const DeskTag *self)
{
  DeskTag *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DeskTag, 1);
  copy->id = self->id;
  copy->name = g_strdup (self->name);
  copy->color = g_strdup (self->color);
  copy->n_conversations = self->n_conversations;
  return copy;
}

void
desk_tag_free (DeskTag *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->color);
  g_free (self);
}

/* Only "#rrggbb": the value ends up in CSS, so nothing else may pass. */
gboolean
desk_tag_color_is_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}
