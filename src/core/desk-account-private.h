/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-account.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *network;
  char *remote_id;
  char *handle;
  char *display_name;
  char *server;
  char *cursor;
  gboolean simulated;
  gboolean paused;
  gint64 last_sync_at; /* unix time; 0: never synced */
  char *last_error;    /* of the last sync; NULL when it worked */
} DeskAccountData;

DeskAccount *_desk_account_new (DeskAccountData *data);

G_END_DECLS
