/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "channels/desk-http.h"
#include "channels/desk-secrets.h"
#include "core/desk-store.h"

G_BEGIN_DECLS

/* What Socialdesk asks for, and no more: read mentions, threads and
 * private conversations, learn who signed in, and post replies. */
#define DESK_MASTODON_SCOPES                                                   \
  "read:accounts read:notifications read:statuses write:statuses"
/* The redirect of the "paste the code" fallback: the server shows the
 * code instead of sending the browser anywhere. */
#define DESK_MASTODON_OOB_REDIRECT "urn:ietf:wg:oauth:2.0:oob"

/* The outcome of a sign-in. access_token and client_secret are secrets:
 * they belong in DeskSecrets, never in the store, settings or a log. */
typedef struct
{
  char *server_url; /* "https://mastodon.social" */
  char *account_id; /* the account's id on the server */
  char *username;
  char *acct;   /* as the server names it locally: "shop" */
  char *handle; /* "@shop@mastodon.social" */
  char *display_name;
  char *avatar_url;
  char *scope;
  char *client_id;
  char *client_secret;
  char *access_token;
} DeskMastodonAuthResult;

DeskMastodonAuthResult *
desk_mastodon_auth_result_copy (const DeskMastodonAuthResult *result);
/* Overwrites the secrets before freeing. */
void desk_mastodon_auth_result_free (DeskMastodonAuthResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskMastodonAuthResult,
                               desk_mastodon_auth_result_free)

#define DESK_TYPE_MASTODON_AUTH (desk_mastodon_auth_get_type ())

G_DECLARE_FINAL_TYPE (DeskMastodonAuth,
                      desk_mastodon_auth,
                      DESK,
                      MASTODON_AUTH,
                      GObject)

/* One sign-in, driven by the account dialog:
 *
 *   auth = desk_mastodon_auth_new (http);
 *   desk_mastodon_auth_begin_async (auth, "mastodon.social", …)
 *     → _finish gives the authorize URL: open it with gtk_show_uri ()
 *   desk_mastodon_auth_wait_async (auth, …)
 *     → _finish gives the result once the browser came back to the
 *       loopback listener and the code was exchanged
 *   or, when the browser cannot reach the listener: open
 *   desk_mastodon_auth_get_code_authorize_url (), let the user paste the
 *   code the server shows, and call desk_mastodon_auth_finish_with_code_
 *   async (); a pending wait completes with the same result.
 *   desk_mastodon_auth_save_account_async () then stores it.
 *
 * desk_mastodon_auth_cancel () (when the dialog closes) stops the
 * listener and fails pending waits with G_IO_ERROR_CANCELLED; a wait
 * keeps the object alive until then. */
DeskMastodonAuth *desk_mastodon_auth_new (DeskHttp *http);

/* "mastodon.social", "https://mastodon.social/about", "@me@mastodon.social"
 * → "https://mastodon.social". Plain http only for this computer
 * (127.0.0.1, localhost), for tests. */
char *desk_mastodon_auth_normalize_server (const char *input, GError **error);

/* Finds the server's OAuth endpoints, registers Socialdesk there and
 * starts the loopback listener on 127.0.0.1. */
void desk_mastodon_auth_begin_async (DeskMastodonAuth *self,
                                     const char *server,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
/* Returns the URL to open in the browser. */
char *desk_mastodon_auth_begin_finish (DeskMastodonAuth *self,
                                       GAsyncResult *result,
                                       GError **error);

const char *desk_mastodon_auth_get_server_url (DeskMastodonAuth *self);
const char *desk_mastodon_auth_get_authorize_url (DeskMastodonAuth *self);
const char *desk_mastodon_auth_get_code_authorize_url (DeskMastodonAuth *self);
/* "http://127.0.0.1:<port>/callback" while listening. */
const char *desk_mastodon_auth_get_redirect_uri (DeskMastodonAuth *self);
/* Whether the server offered PKCE (S256) and it is used. */
gboolean desk_mastodon_auth_get_uses_pkce (DeskMastodonAuth *self);

void desk_mastodon_auth_wait_async (DeskMastodonAuth *self,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
DeskMastodonAuthResult *desk_mastodon_auth_wait_finish (DeskMastodonAuth *self,
                                                        GAsyncResult *result,
                                                        GError **error);

void desk_mastodon_auth_finish_with_code_async (DeskMastodonAuth *self,
                                                const char *code,
                                                GCancellable *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer user_data);
DeskMastodonAuthResult *
desk_mastodon_auth_finish_with_code_finish (DeskMastodonAuth *self,
                                            GAsyncResult *result,
                                            GError **error);

void desk_mastodon_auth_cancel (DeskMastodonAuth *self);

/* Stores a sign-in: checks that the keyring can take it (before anything
 * is written), adds or updates the account in @store, then stores the
 * token and client credentials under the account's id. If the keyring
 * fails after all, the account's secrets are removed again and the error
 * is returned; the account row then has no token, and the channel asks
 * to sign in again. Returns the account id. */
void
desk_mastodon_auth_save_account_async (DeskStore *store,
                                       DeskSecrets *secrets,
                                       const DeskMastodonAuthResult *result,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
/* The account id, or 0 with @error set. */
gint64 desk_mastodon_auth_save_account_finish (GAsyncResult *result,
                                               GError **error);

G_END_DECLS
