/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Pure helpers that turn stored data into text for people. They need no
 * display, so the UI test checks them directly. */

char *desk_text_for_display (const char *text);
char *desk_text_for_display_line (const char *text);
char *desk_text_add_break_points (const char *text, guint max_run);
char *desk_text_remove_break_points (const char *text);
char **desk_text_split_long (const char *text, guint max_length);

char *desk_text_format_relative_time (gint64 then, GDateTime *now);
char *desk_text_format_day (gint64 then, GDateTime *now);
char *desk_text_format_absolute_time (gint64 then, GTimeZone *tz);
char *desk_text_format_followers (gint64 followers);

const char *desk_text_get_network_name (const char *network);
const char *desk_text_get_network_icon (const char *network);
const char *desk_text_get_language_name (const char *code);

G_END_DECLS
