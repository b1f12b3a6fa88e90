/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "desk-window.h"
#include "desk-workspace.h"

G_BEGIN_DECLS

#define DESK_TYPE_APPLICATION (desk_application_get_type ())

G_DECLARE_FINAL_TYPE (DeskApplication,
                      desk_application,
                      DESK,
                      APPLICATION,
                      AdwApplication)

DeskApplication *desk_application_new (const char *application_id,
                                       GApplicationFlags flags);

DeskWorkspace *desk_application_get_workspace (DeskApplication *self);
DeskWindow *desk_application_get_main_window (DeskApplication *self);
char *desk_application_dup_store_path (void);

G_END_DECLS
