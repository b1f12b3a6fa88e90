/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DESK_SECRETS_ERROR (desk_secrets_error_quark ())

typedef enum
{
  DESK_SECRETS_ERROR_NO_SERVICE, /* no Secret Service (keyring) running */
  DESK_SECRETS_ERROR_LOCKED,     /* the keyring is locked (or not set up) */
  DESK_SECRETS_ERROR_FAILED,
} DeskSecretsError;

#define DESK_TYPE_SECRETS (desk_secrets_get_type ())

G_DECLARE_FINAL_TYPE (DeskSecrets, desk_secrets, DESK, SECRETS, GObject)

GQuark desk_secrets_error_quark (void);

/* Secrets of one account live under (account id, kind), kind being e.g.
 * "access-token", "refresh-token", "client-secret", "app-password", in
 * the default keyring, with the schema io.github.socialdesk.Socialdesk.
 * Secret. The values never reach a log. */
#define DESK_SECRETS_SCHEMA_NAME "io.github.socialdesk.Socialdesk.Secret"

DeskSecrets *desk_secrets_new (void);

/* Checks that a keyring is there and unlocked, without touching any
 * secret: fails with NO_SERVICE or LOCKED, each with a message that says
 * what to do. Lets a caller stop before it writes anything else. */
void desk_secrets_check_async (DeskSecrets *self,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
gboolean desk_secrets_check_finish (DeskSecrets *self,
                                    GAsyncResult *result,
                                    GError **error);

/* Replaces the secret of (@account_id, @kind). @label is what the user
 * sees in Passwords and Keys. */
void desk_secrets_store_async (DeskSecrets *self,
                               gint64 account_id,
                               const char *kind,
                               const char *label,
                               const char *secret,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
gboolean desk_secrets_store_finish (DeskSecrets *self,
                                    GAsyncResult *result,
                                    GError **error);
void desk_secrets_lookup_async (DeskSecrets *self,
                                gint64 account_id,
                                const char *kind,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
/* Returns NULL without an error when there is no such secret; LOCKED when
 * the keyring is locked (libsecret alone would report "not found"). Free
 * the value with desk_secrets_free_value(). */
char *desk_secrets_lookup_finish (DeskSecrets *self,
                                  GAsyncResult *result,
                                  GError **error);
/* Removes every secret of @account_id, of every kind. */
void desk_secrets_clear_account_async (DeskSecrets *self,
                                       gint64 account_id,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean desk_secrets_clear_account_finish (DeskSecrets *self,
                                            GAsyncResult *result,
                                            GError **error);

/* Overwrites and frees a secret value. */
void desk_secrets_free_value (char *value);

G_END_DECLS
