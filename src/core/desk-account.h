/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

#define DESK_TYPE_ACCOUNT (desk_account_get_type ())

G_DECLARE_FINAL_TYPE (DeskAccount, desk_account, DESK, ACCOUNT, GObject)

gint64 desk_account_get_id (DeskAccount *self);
const char *desk_account_get_network (DeskAccount *self);
const char *desk_account_get_remote_id (DeskAccount *self);
const char *desk_account_get_handle (DeskAccount *self);
const char *desk_account_get_display_name (DeskAccount *self);
const char *desk_account_get_server (DeskAccount *self);
const char *desk_account_get_cursor (DeskAccount *self);
gboolean desk_account_get_simulated (DeskAccount *self);
gboolean desk_account_get_paused (DeskAccount *self);
gint64 desk_account_get_last_sync_at (DeskAccount *self);
const char *desk_account_get_last_error (DeskAccount *self);

G_END_DECLS
