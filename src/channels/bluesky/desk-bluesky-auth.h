/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "channels/desk-http.h"
#include "channels/desk-secrets.h"

G_BEGIN_DECLS

/* What a sign-in gives the app: who the account is, where its data lives
 * (the PDS), and the session's tokens. The app password is not part of
 * it: it is used once and forgotten. */
typedef struct
{
  char *did;
  char *handle;
  char *service_url; /* the account's PDS */
  char *access_jwt;
  char *refresh_jwt;
  gboolean chat_allowed; /* FALSE: an app password without DM access */
} DeskBlueskySession;

#define DESK_TYPE_BLUESKY_SESSION (desk_bluesky_session_get_type ())

GType desk_bluesky_session_get_type (void) G_GNUC_CONST;
DeskBlueskySession *desk_bluesky_session_copy (const DeskBlueskySession *self);
void desk_bluesky_session_free (DeskBlueskySession *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBlueskySession, desk_bluesky_session_free)

void desk_bluesky_sign_in_async (DeskHttp *http,
                                 const char *service_url,
                                 const char *identifier,
                                 const char *app_password,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
DeskBlueskySession *desk_bluesky_sign_in_finish (GAsyncResult *result,
                                                 GError **error);

void desk_bluesky_session_save_async (const DeskBlueskySession *session,
                                      DeskSecrets *secrets,
                                      gint64 account_id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean desk_bluesky_session_save_finish (GAsyncResult *result,
                                           GError **error);

G_END_DECLS
