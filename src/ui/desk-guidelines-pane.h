/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-store.h"
#include "core/desk-template.h"

G_BEGIN_DECLS

#define DESK_TYPE_GUIDELINES_PANE (desk_guidelines_pane_get_type ())

G_DECLARE_FINAL_TYPE (DeskGuidelinesPane,
                      desk_guidelines_pane,
                      DESK,
                      GUIDELINES_PANE,
                      GtkWidget)

GtkWidget *desk_guidelines_pane_new (DeskStore *store, GSettings *settings);
DeskStore *desk_guidelines_pane_get_store (DeskGuidelinesPane *self);
GSettings *desk_guidelines_pane_get_settings (DeskGuidelinesPane *self);
DeskConversation *
desk_guidelines_pane_get_conversation (DeskGuidelinesPane *self);
void desk_guidelines_pane_set_conversation (DeskGuidelinesPane *self,
                                            DeskConversation *conversation);
DeskFormality desk_guidelines_pane_get_formality (DeskGuidelinesPane *self);
void desk_guidelines_pane_set_formality (DeskGuidelinesPane *self,
                                         DeskFormality formality);
void desk_guidelines_pane_reload (DeskGuidelinesPane *self);
gboolean desk_guidelines_pane_import_file (DeskGuidelinesPane *self,
                                           GFile *file);

G_END_DECLS
