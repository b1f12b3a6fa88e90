/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-clock.h"
#include "core/desk-message.h"

G_BEGIN_DECLS

#define DESK_TYPE_MESSAGE_ROW (desk_message_row_get_type ())

G_DECLARE_FINAL_TYPE (DeskMessageRow,
                      desk_message_row,
                      DESK,
                      MESSAGE_ROW,
                      GtkListBoxRow)

GtkWidget *desk_message_row_new (DeskMessage *message, DeskClock *clock);

DeskMessage *desk_message_row_get_message (DeskMessageRow *self);
void desk_message_row_set_message (DeskMessageRow *self, DeskMessage *message);
DeskClock *desk_message_row_get_clock (DeskMessageRow *self);
void desk_message_row_set_clock (DeskMessageRow *self, DeskClock *clock);

G_END_DECLS
