/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_TAG_POPOVER (desk_tag_popover_get_type ())

G_DECLARE_FINAL_TYPE (DeskTagPopover,
                      desk_tag_popover,
                      DESK,
                      TAG_POPOVER,
                      GtkPopover)

GtkWidget *desk_tag_popover_new (DeskStore *store);
void desk_tag_popover_set_targets (DeskTagPopover *self,
                                   GArray *conversation_ids,
                                   const char *actor);
void desk_tag_popover_reload (DeskTagPopover *self);

G_END_DECLS
