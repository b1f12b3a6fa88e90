/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "channels/mastodon/desk-mastodon-auth.h"
#include "channels/mastodon/desk-mastodon-channel.h"
#include "fake-mastodon.h"
#include "mastodon-test-utils.h"

/* Signing in: the OAuth flow with PKCE against the fake server, the
 * browser played by a plain HTTP client that follows the redirect to the
 * loopback listener, the pasted-code fallback, and saving the result to
 * the store and the keyring (run through tests/run-keyring.sh). */

#define NOW G_GINT64_CONSTANT (1718013600)

typedef struct
{
  FakeMastodon *fake;
  DeskHttp *http;
  DeskMastodonAuth *auth;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->fake = fake_mastodon_new ();
  fixture->http = desk_http_new ();
  fixture->auth = desk_mastodon_auth_new (fixture->http);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  desk_mastodon_auth_cancel (fixture->auth);
  g_clear_object (&fixture->auth);
  g_clear_object (&fixture->http);
  g_clear_pointer (&fixture->fake, fake_mastodon_free);
}

static char *
begin (Fixture *fixture, const char *server, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_mastodon_auth_begin_async (fixture->auth, server, NULL, mt_on_result_cb,
                                  &result);
  mt_wait (&result);
  return desk_mastodon_auth_begin_finish (fixture->auth, result, error);
}

/* What a browser does with a URL: GET it; returns the status. */
static guint
browse (const char *url, char **body)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) bytes = NULL;

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    mt_on_result_cb, &result);
  mt_wait (&result);
  bytes = soup_session_send_and_read_finish (session, result, NULL);
  if (body != NULL)
    *body = bytes ? g_strndup (g_bytes_get_data (bytes, NULL),
                               g_bytes_get_size (bytes))
                  : NULL;
  return bytes ? soup_message_get_status (message) : 0;
}

static GHashTable *
query_of (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return g_uri_parse_params (g_uri_get_query (uri), -1, "&",
                             G_URI_PARAMS_WWW_FORM, NULL);
}

static void
assert_result (Fixture *fixture, const DeskMastodonAuthResult *result)
{
  g_autofree char *handle = g_strdup_printf ("@shop@127.0.0.1");

  g_assert_nonnull (result);
  g_assert_cmpstr (result->server_url, ==,
                   fake_mastodon_get_url (fixture->fake));
  g_assert_cmpstr (result->account_id, ==,
                   fake_mastodon_get_own_account_id (fixture->fake));
  g_assert_cmpstr (result->acct, ==, "shop");
  g_assert_cmpstr (result->handle, ==, handle);
  g_assert_cmpstr (result->display_name, ==, "Kaffeerösterei Bohne");
  g_assert_cmpstr (result->access_token, ==,
                   fake_mastodon_get_last_issued_token (fixture->fake));
  g_assert_nonnull (result->client_id);
  g_assert_nonnull (result->client_secret);
  g_assert_cmpstr (result->scope, ==, DESK_MASTODON_SCOPES);
}

static void
test_pkce_loopback (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) wait = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autoptr (DeskMastodonAuthResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *target = NULL;
  g_autofree char *code = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *page = NULL;
  const char *redirect;

  url = begin (fixture, fake_mastodon_get_url (fixture->fake), &error);
  g_assert_no_error (error);
  g_assert_true (desk_mastodon_auth_get_uses_pkce (fixture->auth));

  redirect = desk_mastodon_auth_get_redirect_uri (fixture->auth);
  g_assert_true (g_str_has_prefix (redirect, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (redirect, "/callback"));

  query = query_of (url);
  g_assert_true (g_str_has_prefix (url, fake_mastodon_get_url (fixture->fake)));
  g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (query, "redirect_uri"), ==, redirect);
  g_assert_cmpstr (g_hash_table_lookup (query, "scope"), ==,
                   DESK_MASTODON_SCOPES);
  g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==,
                   "S256");
  g_assert_cmpuint (strlen (g_hash_table_lookup (query, "code_challenge")), ==,
                    43);
  g_assert_cmpuint (strlen (g_hash_table_lookup (query, "state")), >=, 32);

  desk_mastodon_auth_wait_async (fixture->auth, NULL, mt_on_result_cb, &wait);

  /* Someone else's redirect (wrong state) changes nothing. */
  forged = g_strdup_printf ("%s?code=stolen&state=guess", redirect);
  g_assert_cmpuint (browse (forged, NULL), ==, SOUP_STATUS_BAD_REQUEST);
  mt_run_loop_for (50);
  g_assert_null (wait);

  /* The user allows access; the browser follows the redirect. */
  target = fake_mastodon_authorize (fixture->fake, url, &code);
  g_assert_nonnull (target);
  g_assert_true (g_str_has_prefix (target, redirect));
  g_assert_cmpuint (browse (target, &page), ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (page, "return to Socialdesk"));

  mt_wait (&wait);
  result = desk_mastodon_auth_wait_finish (fixture->auth, wait, &error);
  g_assert_no_error (error);
  assert_result (fixture, result);
  g_assert_true (fake_mastodon_get_last_exchange_used_pkce (fixture->fake));

  /* The listener is gone once the sign-in is done. */
  g_assert_cmpuint (browse (target, NULL), ==, 0);
  g_assert_false (fake_mastodon_saw_token_in_url (fixture->fake));
}

static void
test_pasted_code (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) wait = NULL;
  g_autoptr (GAsyncResult) pasted = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autoptr (DeskMastodonAuthResult) result = NULL;
  g_autoptr (DeskMastodonAuthResult) waited = NULL;
  g_autofree char *url = NULL;
  g_autofree char *target = NULL;
  g_autofree char *code = NULL;
  g_autofree char *with_space = NULL;

  url = begin (fixture, fake_mastodon_get_url (fixture->fake), &error);
  g_assert_no_error (error);
  desk_mastodon_auth_wait_async (fixture->auth, NULL, mt_on_result_cb, &wait);

  query = query_of (desk_mastodon_auth_get_code_authorize_url (fixture->auth));
  g_assert_cmpstr (g_hash_table_lookup (query, "redirect_uri"), ==,
                   DESK_MASTODON_OOB_REDIRECT);

  target = fake_mastodon_authorize (
      fixture->fake, desk_mastodon_auth_get_code_authorize_url (fixture->auth),
      &code);
  g_assert_null (target);
  g_assert_nonnull (code);

  /* Pasted with the white space a copy often brings along. */
  with_space = g_strdup_printf ("  %s\n", code);
  desk_mastodon_auth_finish_with_code_async (fixture->auth, with_space, NULL,
                                             mt_on_result_cb, &pasted);
  mt_wait (&pasted);
  result = desk_mastodon_auth_finish_with_code_finish (fixture->auth, pasted,
                                                       &error);
  g_assert_no_error (error);
  assert_result (fixture, result);
  g_assert_true (fake_mastodon_get_last_exchange_used_pkce (fixture->fake));

  /* The waiting dialog hears of it too. */
  mt_wait (&wait);
  waited = desk_mastodon_auth_wait_finish (fixture->auth, wait, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (waited->access_token, ==, result->access_token);
}

static void
test_without_pkce (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) wait = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autoptr (DeskMastodonAuthResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *target = NULL;
  g_autofree char *code = NULL;

  /* No /.well-known/oauth-authorization-server, as before Mastodon 4.3. */
  fake_mastodon_set_gotosocial_like (fixture->fake, TRUE);
  url = begin (fixture, fake_mastodon_get_url (fixture->fake), &error);
  g_assert_no_error (error);
  g_assert_false (desk_mastodon_auth_get_uses_pkce (fixture->auth));
  query = query_of (url);
  g_assert_false (g_hash_table_contains (query, "code_challenge"));

  desk_mastodon_auth_wait_async (fixture->auth, NULL, mt_on_result_cb, &wait);
  target = fake_mastodon_authorize (fixture->fake, url, &code);
  g_assert_cmpuint (browse (target, NULL), ==, SOUP_STATUS_OK);
  mt_wait (&wait);
  result = desk_mastodon_auth_wait_finish (fixture->auth, wait, &error);
  g_assert_no_error (error);
  assert_result (fixture, result);
  g_assert_false (fake_mastodon_get_last_exchange_used_pkce (fixture->fake));
}

static void
test_denied (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) wait = NULL;
  g_autoptr (GHashTable) query = NULL;
  g_autoptr (DeskMastodonAuthResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *denied = NULL;

  url = begin (fixture, fake_mastodon_get_url (fixture->fake), &error);
  g_assert_no_error (error);
  query = query_of (url);
  desk_mastodon_auth_wait_async (fixture->auth, NULL, mt_on_result_cb, &wait);

  denied = g_strdup_printf ("%s?error=access_denied&state=%s",
                            desk_mastodon_auth_get_redirect_uri (fixture->auth),
                            (char *) g_hash_table_lookup (query, "state"));
  g_assert_cmpuint (browse (denied, NULL), ==, SOUP_STATUS_OK);
  mt_wait (&wait);
  result = desk_mastodon_auth_wait_finish (fixture->auth, wait, &error);
  g_assert_null (result);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH);
}

static void
test_cancel (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) wait = NULL;
  g_autoptr (DeskMastodonAuthResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *redirect = NULL;

  url = begin (fixture, fake_mastodon_get_url (fixture->fake), &error);
  g_assert_no_error (error);
  redirect = g_strdup (desk_mastodon_auth_get_redirect_uri (fixture->auth));
  desk_mastodon_auth_wait_async (fixture->auth, NULL, mt_on_result_cb, &wait);

  desk_mastodon_auth_cancel (fixture->auth);
  mt_wait (&wait);
  result = desk_mastodon_auth_wait_finish (fixture->auth, wait, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (browse (redirect, NULL), ==, 0);
}

static void
test_bad_server (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  url = begin (fixture, "http://mastodon.example", &error);
  g_assert_null (url);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "https"));
}

static gint64
save (DeskStore *store,
      DeskSecrets *secrets,
      const DeskMastodonAuthResult *result,
      GError **error)
{
  g_autoptr (GAsyncResult) saved = NULL;

  desk_mastodon_auth_save_account_async (store, secrets, result, NULL,
                                         mt_on_result_cb, &saved);
  mt_wait (&saved);
  return desk_mastodon_auth_save_account_finish (saved, error);
}

static DeskMastodonAuthResult *
sample_result (void)
{
  DeskMastodonAuthResult *result = g_new0 (DeskMastodonAuthResult, 1);

  result->server_url = g_strdup ("https://mastodon.example");
  result->account_id = g_strdup ("109000000000000001");
  result->username = g_strdup ("shop");
  result->acct = g_strdup ("shop");
  result->handle = g_strdup ("@shop@mastodon.example");
  result->display_name = g_strdup ("Kaffeerösterei Bohne");
  result->client_id = g_strdup ("client-id-7f3a");
  result->client_secret = g_strdup ("client-secret-SENSITIVE-91c2");
  result->access_token = g_strdup ("access-token-SENSITIVE-55e1");
  result->scope = g_strdup (DESK_MASTODON_SCOPES);
  return result;
}

static void
test_save_account (void)
{
  g_autofree char *dir = mt_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
  g_autoptr (DeskStore) store = NULL;
  g_autoptr (DeskSecrets) secrets = desk_secrets_new ();
  g_autoptr (DeskMastodonAuthResult) result = sample_result ();
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;
  DeskAccount *account;
  gint64 id;
  char *value;

  if (g_strcmp0 (g_getenv ("DESK_KEYRING_STATE"), "unlocked") != 0)
    {
      g_test_skip ("needs tests/run-keyring.sh");
      mt_remove_tree (dir);
      return;
    }

  store = desk_store_open (path, clock, &error);
  g_assert_no_error (error);

  id = save (store, secrets, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  accounts = desk_store_list_accounts (store, &error);
  g_assert_cmpuint (accounts->len, ==, 1);
  account = g_ptr_array_index (accounts, 0);
  g_assert_cmpint (desk_account_get_id (account), ==, id);
  g_assert_cmpstr (desk_account_get_network (account), ==, "mastodon");
  g_assert_cmpstr (desk_account_get_remote_id (account), ==,
                   "109000000000000001");
  g_assert_cmpstr (desk_account_get_handle (account), ==,
                   "@shop@mastodon.example");
  g_assert_cmpstr (desk_account_get_server (account), ==,
                   "https://mastodon.example");

  value = mt_lookup_secret (secrets, id, DESK_MASTODON_SECRET_ACCESS_TOKEN,
                            &error);
  g_assert_cmpstr (value, ==, result->access_token);
  desk_secrets_free_value (value);
  value = mt_lookup_secret (secrets, id, DESK_MASTODON_SECRET_CLIENT_SECRET,
                            &error);
  g_assert_cmpstr (value, ==, result->client_secret);
  desk_secrets_free_value (value);

  /* Signing in again updates the same account. */
  g_free (result->access_token);
  result->access_token = g_strdup ("access-token-SENSITIVE-second");
  g_assert_cmpint (save (store, secrets, result, &error), ==, id);
  value = mt_lookup_secret (secrets, id, DESK_MASTODON_SECRET_ACCESS_TOKEN,
                            &error);
  g_assert_cmpstr (value, ==, "access-token-SENSITIVE-second");
  desk_secrets_free_value (value);

  /* No secret in the database. */
  g_assert_false (mt_file_contains (path, "SENSITIVE"));
  g_assert_false (mt_file_contains (wal, "SENSITIVE"));

  g_clear_object (&store);
  mt_remove_tree (dir);
}

static void
test_save_without_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autofree char *dir = mt_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
      g_autoptr (DeskClock) clock = desk_clock_new_fake (NOW);
      g_autoptr (DeskStore) store = NULL;
      g_autoptr (DeskSecrets) secrets = NULL;
      g_autoptr (DeskMastodonAuthResult) result = sample_result ();
      g_autoptr (GPtrArray) accounts = NULL;
      g_autoptr (GError) error = NULL;

      g_test_dbus_up (bus);
      secrets = desk_secrets_new ();
      store = desk_store_open (path, clock, &error);
      g_assert_no_error (error);

      g_assert_cmpint (save (store, secrets, result, &error), ==, 0);
      g_assert_error (error, DESK_SECRETS_ERROR, DESK_SECRETS_ERROR_NO_SERVICE);

      /* Nothing was written: no account without its token. */
      accounts = desk_store_list_accounts (store, NULL);
      g_assert_cmpuint (accounts->len, ==, 0);

      g_clear_object (&store);
      g_clear_object (&secrets);
      mt_remove_tree (dir);
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/mastodon/auth/pkce-loopback", test_pkce_loopback);
  ADD ("/mastodon/auth/pasted-code", test_pasted_code);
  ADD ("/mastodon/auth/without-pkce", test_without_pkce);
  ADD ("/mastodon/auth/denied", test_denied);
  ADD ("/mastodon/auth/cancel", test_cancel);
  ADD ("/mastodon/auth/bad-server", test_bad_server);
#undef ADD
  g_test_add_func ("/mastodon/auth/save-account", test_save_account);
  g_test_add_func ("/mastodon/auth/save-without-keyring",
                   test_save_without_keyring);

  return g_test_run ();
}
