/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-history-entry.h"

G_BEGIN_DECLS

#define DESK_TYPE_HISTORY_ROW (desk_history_row_get_type ())

G_DECLARE_FINAL_TYPE (DeskHistoryRow,
                      desk_history_row,
                      DESK,
                      HISTORY_ROW,
                      GtkWidget)

GtkWidget *desk_history_row_new (void);
void desk_history_row_set_entry (DeskHistoryRow *self,
                                 DeskHistoryEntry *entry,
                                 GDateTime *now);
DeskHistoryEntry *desk_history_row_get_entry (DeskHistoryRow *self);

char *desk_history_row_format_outcome (DeskHistoryEntry *entry);

G_END_DECLS
