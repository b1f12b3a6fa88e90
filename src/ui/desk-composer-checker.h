/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-guidelines.h"

G_BEGIN_DECLS

#define DESK_TYPE_COMPOSER_CHECKER (desk_composer_checker_get_type ())

G_DECLARE_FINAL_TYPE (DeskComposerChecker,
                      desk_composer_checker,
                      DESK,
                      COMPOSER_CHECKER,
                      GObject)

/* The names of the tags that underline findings, by severity. */
#define DESK_COMPOSER_CHECKER_TAG_INFO "desk-finding-info"
#define DESK_COMPOSER_CHECKER_TAG_WARNING "desk-finding-warning"
#define DESK_COMPOSER_CHECKER_TAG_ERROR "desk-finding-error"

DeskComposerChecker *desk_composer_checker_new (GtkTextView *view);
void desk_composer_checker_set_guidelines (DeskComposerChecker *self,
                                           DeskGuidelines *guidelines);
DeskGuidelines *
desk_composer_checker_get_guidelines (DeskComposerChecker *self);
GPtrArray *desk_composer_checker_check (DeskComposerChecker *self,
                                        const DeskCheckContext *context);
void desk_composer_checker_clear (DeskComposerChecker *self);
GPtrArray *desk_composer_checker_get_findings (DeskComposerChecker *self);
const DeskFinding *desk_composer_checker_find_at (DeskComposerChecker *self,
                                                  const GtkTextIter *iter);
void desk_composer_checker_get_bounds (DeskComposerChecker *self,
                                       const DeskFinding *finding,
                                       GtkTextIter *start,
                                       GtkTextIter *end);
gboolean desk_composer_checker_apply_fix (DeskComposerChecker *self,
                                          const DeskFinding *finding);
gboolean desk_composer_checker_is_whole_reply (const DeskFinding *finding);
const char *desk_composer_checker_tag_for (DeskSeverity severity);

G_END_DECLS
