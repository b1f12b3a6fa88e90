/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

#define DESK_TYPE_MESSAGE (desk_message_get_type ())

G_DECLARE_FINAL_TYPE (DeskMessage, desk_message, DESK, MESSAGE, GObject)

gint64 desk_message_get_id (DeskMessage *self);
gint64 desk_message_get_conversation_id (DeskMessage *self);
DeskDirection desk_message_get_direction (DeskMessage *self);
DeskDelivery desk_message_get_delivery (DeskMessage *self);
const char *desk_message_get_author_name (DeskMessage *self);
const char *desk_message_get_author_handle (DeskMessage *self);
const char *desk_message_get_body (DeskMessage *self);
const char *desk_message_get_error (DeskMessage *self);
const char *desk_message_get_remote_id (DeskMessage *self);
gint64 desk_message_get_created_at (DeskMessage *self);
gboolean desk_message_get_private (DeskMessage *self);
gboolean desk_message_get_hidden (DeskMessage *self);

G_END_DECLS
