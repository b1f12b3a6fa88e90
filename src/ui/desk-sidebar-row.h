/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DESK_TYPE_SIDEBAR_ROW (desk_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (DeskSidebarRow,
                      desk_sidebar_row,
                      DESK,
                      SIDEBAR_ROW,
                      GtkListBoxRow)

GtkWidget *desk_sidebar_row_new (const char *icon_name,
                                 const char *title,
                                 const char *filter);

const char *desk_sidebar_row_get_title (DeskSidebarRow *self);
void desk_sidebar_row_set_title (DeskSidebarRow *self, const char *title);
const char *desk_sidebar_row_get_icon_name (DeskSidebarRow *self);
void desk_sidebar_row_set_icon_name (DeskSidebarRow *self,
                                     const char *icon_name);
guint desk_sidebar_row_get_count (DeskSidebarRow *self);
void desk_sidebar_row_set_count (DeskSidebarRow *self, guint count);
const char *desk_sidebar_row_get_filter (DeskSidebarRow *self);
void desk_sidebar_row_set_filter (DeskSidebarRow *self, const char *filter);

G_END_DECLS
