/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* A label the team puts on conversations. */
typedef struct
{
  gint64 id;
  char *name;
  char *color; /* "#rrggbb" */
  guint n_conversations;
} DeskTag;

#define DESK_TYPE_TAG (desk_tag_get_type ())

GType desk_tag_get_type (void) G_GNUC_CONST;
DeskTag *desk_tag_copy (const DeskTag *self);
void desk_tag_free (DeskTag *self);
gboolean desk_tag_color_is_valid (const char *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskTag, desk_tag_free)

G_END_DECLS
