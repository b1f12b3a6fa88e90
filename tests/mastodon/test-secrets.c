/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "channels/desk-secrets.h"
#include "mastodon-test-utils.h"

/* DeskSecrets against a real gnome-keyring-daemon, started by
 * tests/run-keyring.sh on a private bus; and the states the user must be
 * told about: no keyring service at all, and a locked keyring. */

static gboolean
keyring_is (const char *state)
{
  return g_strcmp0 (g_getenv ("DESK_KEYRING_STATE"), state) == 0;
}

static gboolean
check (DeskSecrets *secrets, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_secrets_check_async (secrets, NULL, mt_on_result_cb, &result);
  mt_wait (&result);
  return desk_secrets_check_finish (secrets, result, error);
}

static gboolean
store (DeskSecrets *secrets,
       gint64 account,
       const char *kind,
       const char *value,
       GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_secrets_store_async (secrets, account, kind, "Socialdesk test", value,
                            NULL, mt_on_result_cb, &result);
  mt_wait (&result);
  return desk_secrets_store_finish (secrets, result, error);
}

static gboolean
clear_account (DeskSecrets *secrets, gint64 account, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_secrets_clear_account_async (secrets, account, NULL, mt_on_result_cb,
                                    &result);
  mt_wait (&result);
  return desk_secrets_clear_account_finish (secrets, result, error);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr (DeskSecrets) secrets = desk_secrets_new ();
  g_autoptr (GError) error = NULL;
  char *value;

  if (!keyring_is ("unlocked"))
    {
      g_test_skip ("needs tests/run-keyring.sh");
      return;
    }

  g_assert_true (check (secrets, &error));
  g_assert_no_error (error);

  g_assert_true (store (secrets, 1, "access-token", "t0ken-one", &error));
  g_assert_true (store (secrets, 1, "client-secret", "s3cret-one", &error));
  g_assert_true (store (secrets, 2, "access-token", "t0ken-two", &error));
  g_assert_no_error (error);

  value = mt_lookup_secret (secrets, 1, "access-token", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "t0ken-one");
  desk_secrets_free_value (value);

  /* Storing again replaces. */
  g_assert_true (store (secrets, 1, "access-token", "t0ken-new", &error));
  value = mt_lookup_secret (secrets, 1, "access-token", &error);
  g_assert_cmpstr (value, ==, "t0ken-new");
  desk_secrets_free_value (value);

  /* Clearing an account removes all its kinds and nothing else. */
  g_assert_true (clear_account (secrets, 1, &error));
  g_assert_no_error (error);
  value = mt_lookup_secret (secrets, 1, "access-token", &error);
  g_assert_no_error (error);
  g_assert_null (value);
  value = mt_lookup_secret (secrets, 1, "client-secret", &error);
  g_assert_no_error (error);
  g_assert_null (value);
  value = mt_lookup_secret (secrets, 2, "access-token", &error);
  g_assert_cmpstr (value, ==, "t0ken-two");
  desk_secrets_free_value (value);

  /* Clearing what is not there is fine. */
  g_assert_true (clear_account (secrets, 99, &error));
  g_assert_no_error (error);
}

static void
test_not_found (void)
{
  g_autoptr (DeskSecrets) secrets = desk_secrets_new ();
  g_autoptr (GError) error = NULL;
  char *value;

  if (!keyring_is ("unlocked"))
    {
      g_test_skip ("needs tests/run-keyring.sh");
      return;
    }

  value = mt_lookup_secret (secrets, 4711, "access-token", &error);
  g_assert_no_error (error);
  g_assert_null (value);
}

static void
test_schema_and_attributes (void)
{
  g_autoptr (DeskSecrets) secrets = desk_secrets_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *tool = NULL;
  int status = 0;
  const char *argv[] = { "secret-tool", "search", "--all",        "account",
                         "7",           "kind",   "access-token", NULL };

  if (!keyring_is ("unlocked"))
    {
      g_test_skip ("needs tests/run-keyring.sh");
      return;
    }
  tool = g_find_program_in_path ("secret-tool");
  if (tool == NULL)
    {
      g_test_skip ("secret-tool (libsecret-tools) is not installed");
      return;
    }

  g_assert_true (
      store (secrets, 7, "access-token", "visible-to-tools", &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  /* Filed under the app's schema, found by account and kind. */
  g_assert_nonnull (strstr (out, "schema = " DESK_SECRETS_SCHEMA_NAME));
  g_assert_nonnull (strstr (out, "secret = visible-to-tools"));
  g_assert_true (clear_account (secrets, 7, &error));
}

/* Runs in a child process whose session bus has no Secret Service: a
 * private dbus-daemon with no services at all. */
static void
test_no_service (void)
{
  g_autofree char *daemon = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr (GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr (DeskSecrets) secrets = NULL;
      g_autoptr (GError) error = NULL;
      char *value;

      g_test_dbus_up (bus);
      secrets = desk_secrets_new ();

      g_assert_false (check (secrets, &error));
      g_assert_error (error, DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_NO_SERVICE);
      g_assert_nonnull (strstr (error->message, "GNOME Keyring"));
      g_clear_error (&error);

      g_assert_false (
          store (secrets, 1, "access-token", "never-stored", &error));
      g_assert_error (error, DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_NO_SERVICE);
      g_clear_error (&error);

      value = mt_lookup_secret (secrets, 1, "access-token", &error);
      g_assert_null (value);
      g_assert_error (error, DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_NO_SERVICE);

      g_clear_object (&secrets);
      g_test_dbus_down (bus);
      return;
    }

  daemon = g_find_program_in_path ("dbus-daemon");
  if (daemon == NULL)
    {
      g_test_skip ("dbus-daemon is not installed");
      return;
    }
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* No session bus at all: an address that leads nowhere. */
static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (DeskSecrets) secrets = NULL;
      g_autoptr (GError) error = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/socialdesk-no-bus", TRUE);
      g_unsetenv ("DISPLAY");
      secrets = desk_secrets_new ();

      g_assert_false (
          store (secrets, 1, "access-token", "never-stored", &error));
      g_assert_error (error, DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_NO_SERVICE);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_locked (void)
{
  g_autoptr (DeskSecrets) secrets = desk_secrets_new ();
  g_autoptr (GError) error = NULL;
  char *value;

  if (!keyring_is ("locked"))
    {
      g_test_skip ("needs tests/run-keyring.sh --locked");
      return;
    }

  g_assert_false (check (secrets, &error));
  g_assert_error (error, DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);

  /* libsecret alone would say "not found" here. */
  value = mt_lookup_secret (secrets, 1, "access-token", &error);
  g_assert_null (value);
  g_assert_error (error, DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (store (secrets, 1, "access-token", "never-stored", &error));
  g_assert_error (error, DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_false (clear_account (secrets, 1, &error));
  g_assert_error (error, DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_LOCKED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/secrets/not-found", test_not_found);
  g_test_add_func ("/secrets/schema-and-attributes",
                   test_schema_and_attributes);
  g_test_add_func ("/secrets/no-service", test_no_service);
  g_test_add_func ("/secrets/no-bus", test_no_bus);
  g_test_add_func ("/secrets/locked", test_locked);

  return g_test_run ();
}
