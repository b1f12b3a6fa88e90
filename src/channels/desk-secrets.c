/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-secrets"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "desk-secrets.h"

/* Tokens and passwords in the Secret Service (GNOME Keyring; the secret
 * portal inside Flatpak). Every operation first looks at the keyring's
 * state, because libsecret on its own answers "not found" for a locked
 * keyring and a cryptic D-Bus error when there is no keyring at all; the
 * user needs to know which of the three it is. */
struct _DeskSecrets
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (DeskSecrets, desk_secrets, G_TYPE_OBJECT)

G_DEFINE_QUARK (desk - secrets - error - quark, desk_secrets_error)

typedef enum
{
  OP_CHECK,
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} Op;

typedef struct
{
  Op op;
  char *account;
  char *kind;
  char *label;
  char *secret;
  SecretService *service;
} Request;

static const SecretSchema *
get_schema (void)
{
  /* Designated initialisers: the reserved fields stay zero without
   * -Wmissing-field-initializers noise. */
  static const SecretSchema schema = {
    .name = DESK_SECRETS_SCHEMA_NAME,
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
        { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };

  return &schema;
}

static void
request_free (Request *request)
{
  g_free (request->account);
  g_free (request->kind);
  g_free (request->label);
  if (request->secret != NULL)
    secret_password_free (request->secret);
  g_clear_object (&request->service);
  g_free (request);
}

static GError *
no_service_error (void)
{
  return g_error_new_literal (
      DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_NO_SERVICE,
      _ ("No keyring service is running. Install and start GNOME Keyring (or "
         "another Secret Service), then try again."));
}

static GError *
locked_error (void)
{
  return g_error_new_literal (
      DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_LOCKED,
      _ ("The keyring is locked. Unlock it (for example in Passwords and "
         "Keys), then try again."));
}

static GError *
not_set_up_error (void)
{
  return g_error_new_literal (
      DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_LOCKED,
      _ ("There is no default keyring yet. Create one (for example in "
         "Passwords and Keys), then try again."));
}

/* Errors that mean nobody answers for org.freedesktop.secrets, or there
 * is no session bus to ask on. */
static gboolean
is_missing_service (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
         || g_error_matches (error, G_DBUS_ERROR,
                             G_DBUS_ERROR_NAME_HAS_NO_OWNER)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED)
         || g_error_matches (error, G_DBUS_ERROR,
                             G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_DISCONNECTED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static gboolean
is_missing_collection (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)
         || g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT);
}

static GError *
map_error (const GError *error, const char *what)
{
  if (is_missing_service (error))
    return no_service_error ();
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return locked_error ();
  if (is_missing_collection (error))
    return not_set_up_error ();

  return g_error_new (DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_FAILED, "%s (%s)",
                      what, error->message);
}

static void
on_store_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (
            task, map_error (error, _ ("Could not save to the keyring.")));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  char *value;

  value = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (
            task, map_error (error, _ ("Could not read from the keyring.")));
      return;
    }
  g_task_return_pointer (task, value, (GDestroyNotify) secret_password_free);
}

static void
on_clear_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (
            task, map_error (error, _ ("Could not remove from the keyring.")));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
run_operation (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  switch (request->op)
    {
      case OP_CHECK:
        g_task_return_boolean (task, TRUE);
        g_object_unref (task);
        break;

      case OP_STORE:
        secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT,
                               request->label, request->secret, cancellable,
                               on_store_cb, task, "account", request->account,
                               "kind", request->kind, NULL);
        break;

      case OP_LOOKUP:
        secret_password_lookup (get_schema (), cancellable, on_lookup_cb, task,
                                "account", request->account, "kind",
                                request->kind, NULL);
        break;

      case OP_CLEAR:
        /* Every item of the account (all kinds) matches these attributes. */
        secret_password_clear (get_schema (), cancellable, on_clear_cb, task,
                               "account", request->account, NULL);
        break;

      default:
        g_assert_not_reached ();
    }
}

static void
on_collection_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr (SecretCollection) collection = NULL;
  g_autoptr (GError) error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        {
          g_debug ("keyring unavailable: %s", error->message);
          g_task_return_error (task, map_error (error, _ ("The keyring does "
                                                          "not answer.")));
        }
      g_object_unref (task);
      return;
    }

  if (collection == NULL)
    {
      /* No default keyring: nothing can be stored in it or read from it.
       * A store still goes ahead, because a desktop keyring offers to
       * create one when asked to store. */
      if (request->op == OP_CHECK)
        {
          g_task_return_error (task, not_set_up_error ());
          g_object_unref (task);
          return;
        }
      if (request->op == OP_LOOKUP)
        {
          g_task_return_pointer (task, NULL, NULL);
          g_object_unref (task);
          return;
        }
      if (request->op == OP_CLEAR)
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
          return;
        }
    }
  else if (secret_collection_get_locked (collection))
    {
      g_task_return_error (task, locked_error ());
      g_object_unref (task);
      return;
    }

  run_operation (task);
}

static void
on_service_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  request->service = secret_service_get_finish (result, &error);
  if (request->service == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        {
          /* No session bus at all ends up here. */
          g_debug ("no secret service: %s", error->message);
          g_task_return_error (task, no_service_error ());
        }
      g_object_unref (task);
      return;
    }

  /* Not SECRET_SERVICE_LOAD_COLLECTIONS: with no service, that path emits
   * a libsecret critical instead of an error. */
  secret_collection_for_alias (
      request->service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
      g_task_get_cancellable (task), on_collection_cb, task);
}

static void
start (DeskSecrets *self,
       Request *request,
       gpointer source_tag,
       GCancellable *cancellable,
       GAsyncReadyCallback callback,
       gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  secret_service_get (SECRET_SERVICE_NONE, cancellable, on_service_cb, task);
}

static Request *
request_new (Op op, gint64 account_id, const char *kind)
{
  Request *request = g_new0 (Request, 1);

  request->op = op;
  request->account = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  request->kind = g_strdup (kind);
  return request;
}

static void
desk_secrets_class_init (DeskSecretsClass *klass)
{
}

static void
desk_secrets_init (DeskSecrets *self)
{
}

DeskSecrets *
desk_secrets_new (void)
{
  return g_object_new (DESK_TYPE_SECRETS, NULL);
}

void
desk_secrets_check_async (DeskSecrets *self,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_return_if_fail (DESK_IS_SECRETS (self));

  start (self, request_new (OP_CHECK, 0, NULL), desk_secrets_check_async,
         cancellable, callback, user_data);
}

gboolean
desk_secrets_check_finish (DeskSecrets *self,
                           GAsyncResult *result,
                           GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_secrets_check_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
desk_secrets_store_async (DeskSecrets *self,
                          gint64 account_id,
                          const char *kind,
                          const char *label,
                          const char *secret,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  Request *request;

  g_return_if_fail (DESK_IS_SECRETS (self));
  g_return_if_fail (account_id > 0);
  g_return_if_fail (kind != NULL && *kind != '\0');
  g_return_if_fail (label != NULL);
  g_return_if_fail (secret != NULL);

  request = request_new (OP_STORE, account_id, kind);
  request->label = g_strdup (label);
  request->secret = g_strdup (secret);
  start (self, request, desk_secrets_store_async, cancellable, callback,
         user_data);
}

gboolean
desk_secrets_store_finish (DeskSecrets *self,
                           GAsyncResult *result,
                           GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_secrets_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
desk_secrets_lookup_async (DeskSecrets *self,
                           gint64 account_id,
                           const char *kind,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_return_if_fail (DESK_IS_SECRETS (self));
  g_return_if_fail (kind != NULL && *kind != '\0');

  start (self, request_new (OP_LOOKUP, account_id, kind),
         desk_secrets_lookup_async, cancellable, callback, user_data);
}

char *
desk_secrets_lookup_finish (DeskSecrets *self,
                            GAsyncResult *result,
                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_secrets_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
desk_secrets_clear_account_async (DeskSecrets *self,
                                  gint64 account_id,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (DESK_IS_SECRETS (self));

  start (self, request_new (OP_CLEAR, account_id, NULL),
         desk_secrets_clear_account_async, cancellable, callback, user_data);
}

gboolean
desk_secrets_clear_account_finish (DeskSecrets *self,
                                   GAsyncResult *result,
                                   GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                            == desk_secrets_clear_account_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
desk_secrets_free_value (char *value)
{
  if (value != NULL)
    secret_password_free (value);
}
