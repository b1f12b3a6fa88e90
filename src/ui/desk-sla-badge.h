/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_SLA_BADGE (desk_sla_badge_get_type ())

G_DECLARE_FINAL_TYPE (DeskSlaBadge, desk_sla_badge, DESK, SLA_BADGE, GtkWidget)

GtkWidget *desk_sla_badge_new (DeskStore *store, DeskClock *clock);

DeskStore *desk_sla_badge_get_store (DeskSlaBadge *self);
void desk_sla_badge_set_store (DeskSlaBadge *self, DeskStore *store);
DeskClock *desk_sla_badge_get_clock (DeskSlaBadge *self);
void desk_sla_badge_set_clock (DeskSlaBadge *self, DeskClock *clock);
DeskConversation *desk_sla_badge_get_conversation (DeskSlaBadge *self);
void desk_sla_badge_set_conversation (DeskSlaBadge *self,
                                      DeskConversation *conversation);
gboolean desk_sla_badge_get_show_stopped (DeskSlaBadge *self);
void desk_sla_badge_set_show_stopped (DeskSlaBadge *self,
                                      gboolean show_stopped);

DeskSlaState desk_sla_badge_get_state (DeskSlaBadge *self);
DeskSlaTimer desk_sla_badge_get_timer (DeskSlaBadge *self);
const char *desk_sla_badge_get_text (DeskSlaBadge *self);
gboolean desk_sla_badge_is_ticking (DeskSlaBadge *self);
guint desk_sla_badge_count_ticking (void);

/* Pure helpers, shared with the conversation header's timer list. */
const char *desk_sla_badge_get_timer_name (DeskSlaTimer timer);
const char *desk_sla_badge_get_state_icon (DeskSlaState state);
const char *desk_sla_badge_get_state_class (DeskSlaState state);
char *desk_sla_badge_format_accessible (DeskSlaTimer timer,
                                        const DeskSlaResult *result);
char *desk_sla_badge_format_due (gint64 due_at, GDateTime *now);

G_END_DECLS
