/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

gboolean
spin_until (gboolean (*check) (gpointer), gpointer data, guint timeout_ms);
void spin_for (guint ms);
void wait_frames (GtkWidget *window, guint n);
char *screenshot_path (const char *name);
void save_screenshot (GtkWidget *window, const char *name);
GtkWidget *find_widget (GtkWidget *root, GType type);
void collect_widgets (GtkWidget *root, GType type, GPtrArray *out);
GtkLabel *find_label (GtkWidget *root, const char *text, gboolean substring);
gboolean action_enabled (GtkWidget *root, const char *action_name);
AdwPreferencesRow *find_row (GtkWidget *root, GType type, const char *title);
void remove_tree (const char *path);

G_END_DECLS
