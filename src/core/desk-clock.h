/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

#define DESK_TYPE_CLOCK (desk_clock_get_type ())

G_DECLARE_FINAL_TYPE (DeskClock, desk_clock, DESK, CLOCK, GObject)

DeskClock *desk_clock_new_system (void);
DeskClock *desk_clock_new_fake (gint64 now);

gint64 desk_clock_get_now (DeskClock *self);
GDateTime *desk_clock_dup_now_local (DeskClock *self);
gboolean desk_clock_is_fake (DeskClock *self);
void desk_clock_advance (DeskClock *self, gint64 seconds);

G_END_DECLS
