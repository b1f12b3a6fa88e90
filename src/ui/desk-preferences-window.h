/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_PREFERENCES_WINDOW (desk_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DeskPreferencesWindow,
                      desk_preferences_window,
                      DESK,
                      PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

DeskPreferencesWindow *desk_preferences_window_new (GtkWindow *parent,
                                                    DeskStore *store,
                                                    GSettings *settings);

G_END_DECLS
