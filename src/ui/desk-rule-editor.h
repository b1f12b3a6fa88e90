/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/desk-guideline-rule.h"
#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_RULE_EDITOR (desk_rule_editor_get_type ())

G_DECLARE_FINAL_TYPE (DeskRuleEditor,
                      desk_rule_editor,
                      DESK,
                      RULE_EDITOR,
                      AdwWindow)

GtkWidget *desk_rule_editor_new (DeskStore *store, DeskGuidelineRule *rule);
gboolean desk_rule_editor_save (DeskRuleEditor *self, GError **error);

G_END_DECLS
