/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/desk-store.h"
#include "core/desk-template.h"

G_BEGIN_DECLS

#define DESK_TYPE_TEMPLATE_EDITOR (desk_template_editor_get_type ())

G_DECLARE_FINAL_TYPE (DeskTemplateEditor,
                      desk_template_editor,
                      DESK,
                      TEMPLATE_EDITOR,
                      AdwWindow)

GtkWidget *desk_template_editor_new (DeskStore *store, DeskTemplate *template);
gboolean desk_template_editor_save (DeskTemplateEditor *self, GError **error);

G_END_DECLS
