/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "channels/desk-http.h"

G_BEGIN_DECLS

/* The chat service of bsky.app, reached through the user's PDS. */
#define DESK_BLUESKY_DEFAULT_CHAT_PROXY "did:web:api.bsky.chat#bsky_chat"
#define DESK_BLUESKY_DEFAULT_SERVICE "https://bsky.social"

typedef enum
{
  DESK_BLUESKY_CALL_NONE = 0,
  /* Send the access token; renew the session when it has expired. */
  DESK_BLUESKY_CALL_AUTH = 1 << 0,
  /* Let the PDS forward the call to the chat service. */
  DESK_BLUESKY_CALL_CHAT = 1 << 1,
} DeskBlueskyCallFlags;

#define DESK_TYPE_BLUESKY_CLIENT (desk_bluesky_client_get_type ())

G_DECLARE_FINAL_TYPE (DeskBlueskyClient,
                      desk_bluesky_client,
                      DESK,
                      BLUESKY_CLIENT,
                      GObject)

DeskBlueskyClient *desk_bluesky_client_new (DeskHttp *http,
                                            const char *service_url);
const char *desk_bluesky_client_get_service_url (DeskBlueskyClient *self);
void desk_bluesky_client_set_tokens (DeskBlueskyClient *self,
                                     const char *access_jwt,
                                     const char *refresh_jwt);
const char *desk_bluesky_client_get_access_jwt (DeskBlueskyClient *self);
const char *desk_bluesky_client_get_refresh_jwt (DeskBlueskyClient *self);
void desk_bluesky_client_set_chat_proxy (DeskBlueskyClient *self,
                                         const char *proxy);

void desk_bluesky_client_call_async (DeskBlueskyClient *self,
                                     const char *nsid,
                                     const char *query,
                                     JsonNode *input,
                                     DeskBlueskyCallFlags flags,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
JsonNode *desk_bluesky_client_call_finish (DeskBlueskyClient *self,
                                           GAsyncResult *result,
                                           char **xrpc_error,
                                           GError **error);

void desk_bluesky_client_refresh_async (DeskBlueskyClient *self,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean desk_bluesky_client_refresh_finish (DeskBlueskyClient *self,
                                             GAsyncResult *result,
                                             GError **error);

/* Helpers for requests and JWTs, shared with the sign-in. */
void
desk_bluesky_query_add (GString *query, const char *name, const char *value);
JsonObject *desk_bluesky_jwt_decode (const char *jwt);

G_END_DECLS
