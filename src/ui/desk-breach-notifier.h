/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_BREACH_NOTIFIER (desk_breach_notifier_get_type ())

G_DECLARE_FINAL_TYPE (DeskBreachNotifier,
                      desk_breach_notifier,
                      DESK,
                      BREACH_NOTIFIER,
                      GObject)

DeskBreachNotifier *desk_breach_notifier_new (DeskStore *store,
                                              DeskClock *clock,
                                              GSettings *settings,
                                              GApplication *application);

guint desk_breach_notifier_check (DeskBreachNotifier *self);
gboolean desk_breach_notifier_should_notify (DeskSlaState state,
                                             gint64 left,
                                             gint64 warning_seconds);
gboolean desk_breach_notifier_is_mine (const char *assignee, const char *me);

G_END_DECLS
