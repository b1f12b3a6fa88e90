/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "channels/desk-channel.h"
#include "channels/desk-http.h"
#include "channels/desk-secrets.h"

G_BEGIN_DECLS

/* Where a Bluesky account keeps its session in the keyring. */
#define DESK_BLUESKY_SECRET_ACCESS "access-jwt"
#define DESK_BLUESKY_SECRET_REFRESH "refresh-jwt"

#define DESK_TYPE_BLUESKY_CHANNEL (desk_bluesky_channel_get_type ())

G_DECLARE_FINAL_TYPE (DeskBlueskyChannel,
                      desk_bluesky_channel,
                      DESK,
                      BLUESKY_CHANNEL,
                      DeskChannel)

DeskBlueskyChannel *desk_bluesky_channel_new (gint64 account_id,
                                              const char *service_url,
                                              const char *did,
                                              DeskHttp *http,
                                              DeskSecrets *secrets,
                                              DeskClock *clock);

const char *desk_bluesky_channel_get_did (DeskBlueskyChannel *self);
const char *desk_bluesky_channel_get_service_url (DeskBlueskyChannel *self);

void desk_bluesky_channel_set_session (DeskBlueskyChannel *self,
                                       const char *access_jwt,
                                       const char *refresh_jwt);
void desk_bluesky_channel_set_chat_proxy (DeskBlueskyChannel *self,
                                          const char *proxy);
void desk_bluesky_channel_set_languages (DeskBlueskyChannel *self,
                                         const char *const *languages);
gboolean desk_bluesky_channel_get_chat_available (DeskBlueskyChannel *self);

G_END_DECLS
