/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-message.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  gint64 conversation_id;
  DeskDirection direction;
  DeskDelivery delivery;
  char *author_name;
  char *author_handle;
  char *body;
  char *error;
  char *remote_id;
  gint64 created_at;
  gboolean private_reply;
  gboolean hidden;
} DeskMessageData;

DeskMessage *_desk_message_new (DeskMessageData *data);

G_END_DECLS
