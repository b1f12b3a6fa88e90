/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-test-ui-accounts"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "mastodon/fake-mastodon.h"
#include "mastodon/mastodon-test-utils.h"
#include "ui/desk-account-dialog.h"
#include "ui/desk-accounts-page.h"
#include "ui/desk-application.h"
#include "ui/desk-preferences-window.h"
#include "ui/desk-window.h"
#include "ui/desk-workspace.h"
#include "ui-test-utils.h"

/* Connecting real accounts through the dialog, against the fake Mastodon
 * server on 127.0.0.1 and a real gnome-keyring (tests/run-keyring.sh).
 * Run without the wrapper (no keyring), only the no-keyring test runs. */

static DeskApplication *app;
static char *data_dir;
static char *workspace_dir;
static GSettings *settings;
static DeskClock *sys_clock;
static DeskStore *store;
static DeskWorkspace *workspace;
static DeskWindow *window;
static FakeMastodon *fake;

/* Widgets */

static GtkButton *
find_button (GtkWidget *root, const char *label)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];
  return NULL;
}

static void
set_row_text (GtkWidget *root, GType type, const char *title, const char *text)
{
  AdwPreferencesRow *row = find_row (root, type, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
activate_row (GtkWidget *root, const char *title)
{
  AdwPreferencesRow *row = find_row (root, ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  wait_frames (root, 2);
}

static gboolean
label_showing (GtkWidget *root, const char *text)
{
  GtkLabel *label = find_label (root, text, TRUE);

  return label != NULL && gtk_widget_get_mapped (GTK_WIDGET (label));
}

typedef struct
{
  GtkWidget *root;
  const char *text;
} LabelWait;

static gboolean
label_shows_cb (gpointer data)
{
  LabelWait *wait = data;
  return label_showing (wait->root, wait->text);
}

static gboolean
wait_for_label (GtkWidget *root, const char *text)
{
  LabelWait wait = { root, text };
  return spin_until (label_shows_cb, &wait, 20000);
}

/* The demo banner is the revealer around the "demo-banner" box. */
static gboolean
banner_revealed (void)
{
  g_autoptr (GPtrArray) revealers = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_REVEALER, revealers);
  for (guint i = 0; i < revealers->len; i++)
    {
      GtkWidget *child = gtk_revealer_get_child (revealers->pdata[i]);

      if (child != NULL && gtk_widget_has_css_class (child, "demo-banner"))
        return gtk_revealer_get_reveal_child (revealers->pdata[i]);
    }
  g_assert_not_reached ();
}

static guint
count_accounts (gboolean simulated)
{
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;

  accounts = desk_store_list_accounts (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    if (desk_account_get_simulated (accounts->pdata[i]) == simulated)
      n++;
  return n;
}

static DeskAccount *
first_real_account (void)
{
  g_autoptr (GPtrArray) accounts = desk_store_list_accounts (store, NULL);

  for (guint i = 0; i < accounts->len; i++)
    if (!desk_account_get_simulated (accounts->pdata[i]))
      return g_object_ref (accounts->pdata[i]);
  return NULL;
}

static DeskAccountDialog *
open_dialog (void)
{
  DeskAccountDialog *dialog
      = desk_account_dialog_new (GTK_WINDOW (window), workspace);

  gtk_window_present (GTK_WINDOW (dialog));
  wait_frames (GTK_WIDGET (dialog), 3);
  return dialog;
}

static void
close_dialog (DeskAccountDialog *dialog)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_close (GTK_WINDOW (dialog));
  spin_for (50);
  g_assert_null (weak);
}

/* What a browser does with the redirect: GET it. */
static guint
browse (const char *url)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) bytes = NULL;

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    mt_on_result_cb, &result);
  mt_wait (&result);
  bytes = soup_session_send_and_read_finish (session, result, NULL);
  return bytes != NULL ? soup_message_get_status (message) : 0;
}

/* A Bluesky PDS that turns every password down */

static void
on_create_session_cb (SoupServer *server,
                      SoupServerMessage *message,
                      const char *path,
                      GHashTable *query,
                      gpointer data)
{
  static const char body[] = "{\"error\":\"AuthenticationRequired\","
                             "\"message\":\"Invalid identifier or password\"}";

  soup_server_message_set_status (message, 401, NULL);
  soup_server_message_set_response (message, "application/json",
                                    SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
test_bluesky (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *url = NULL;
  DeskAccountDialog *dialog;
  GtkButton *sign_in;
  guint n_before = count_accounts (TRUE) + count_accounts (FALSE);

  soup_server_add_handler (server, "/xrpc/com.atproto.server.createSession",
                           on_create_session_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (
      server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  dialog = open_dialog ();
  save_screenshot (GTK_WIDGET (dialog), "accounts-network");
  activate_row (GTK_WIDGET (dialog), "Bluesky");
  g_assert_true (label_showing (GTK_WIDGET (dialog), "App Passwords"));
  g_assert_true (label_showing (GTK_WIDGET (dialog), "direct messages"));

  /* Sign In waits for every field. */
  sign_in = find_button (GTK_WIDGET (dialog), "_Sign In");
  g_assert_nonnull (sign_in);
  while (!gtk_widget_get_mapped (GTK_WIDGET (sign_in)))
    {
      /* The code page has a button of the same name; take the mapped one. */
      g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

      collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
      for (guint i = 0; i < buttons->len; i++)
        if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Sign In")
                == 0
            && gtk_widget_get_mapped (buttons->pdata[i]))
          sign_in = buttons->pdata[i];
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sign_in)));
    }
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sign_in)));
  set_row_text (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                "Handle, for example shop.bsky.social", "rheinrad.example");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sign_in)));
  set_row_text (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW,
                "App Password", "wrong-wrong-wrong");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (sign_in)));
  set_row_text (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Server Address", "");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sign_in)));
  set_row_text (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Server Address",
                "https://bsky.social");
  wait_frames (GTK_WIDGET (dialog), 2);
  save_screenshot (GTK_WIDGET (dialog), "accounts-bluesky");

  /* A wrong password is said so, and nothing is stored. */
  set_row_text (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Server Address", url);
  g_signal_emit_by_name (sign_in, "clicked");
  g_assert_true (wait_for_label (GTK_WIDGET (dialog), "did not accept"));
  g_assert_cmpuint (count_accounts (TRUE) + count_accounts (FALSE), ==,
                    n_before);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (sign_in)));
  wait_frames (GTK_WIDGET (dialog), 2);
  save_screenshot (GTK_WIDGET (dialog), "accounts-bluesky-error");

  close_dialog (dialog);
}

/* Mastodon, end to end */

static void
on_account_added_cb (DeskAccountDialog *dialog,
                     gint64 account_id,
                     const char *handle,
                     gint64 *out)
{
  *out = account_id;
}

static gboolean
has_authorize_url (gpointer data)
{
  return desk_account_dialog_get_authorize_url (data) != NULL;
}

static gboolean
is_nonzero (gpointer data)
{
  return *(gint64 *) data != 0;
}

static gboolean
has_conversations (gpointer data)
{
  DeskInboxModel *model = desk_window_get_inbox_model (window);
  return g_list_model_get_n_items (G_LIST_MODEL (model))
         >= GPOINTER_TO_UINT (data);
}

static gboolean
has_no_conversations (gpointer data)
{
  DeskInboxModel *model = desk_window_get_inbox_model (window);
  return g_list_model_get_n_items (G_LIST_MODEL (model)) == 0;
}

static gboolean
account_synced (gpointer data)
{
  g_autoptr (DeskAccount) account = first_real_account ();
  return account != NULL && desk_account_get_last_sync_at (account) != 0;
}

static AdwActionRow *
find_account_row (GtkWidget *root, const char *handle)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), handle) == 0)
      return rows->pdata[i];
  return NULL;
}

static gboolean
row_says_paused (gpointer data)
{
  g_autoptr (DeskAccount) account = first_real_account ();
  AdwActionRow *row
      = find_account_row (data, desk_account_get_handle (account));

  return row != NULL
         && strstr (adw_action_row_get_subtitle (row), "Paused") != NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_widget_get_visible (GTK_WIDGET (l->data)))
      return l->data;
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
no_real_account (gpointer data)
{
  return count_accounts (FALSE) == 0;
}

static gboolean
secret_gone (gpointer data)
{
  gint64 id = *(gint64 *) data;
  g_autoptr (GError) error = NULL;
  g_autofree char *token = mt_lookup_secret (
      desk_workspace_get_secrets (workspace), id, "access-token", &error);

  g_assert_no_error (error);
  return token == NULL;
}

static void
test_mastodon (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskAccount) account = NULL;
  g_autofree char *target = NULL;
  g_autofree char *token = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *code = NULL;
  const char *customer;
  DeskAccountDialog *dialog;
  gpointer weak;
  GtkButton *sign_in;
  DeskPreferencesWindow *prefs;
  AdwActionRow *row;
  GtkWidget *sw;
  gint64 account_id = 0;
  guint n_requests;

  customer = fake_mastodon_add_account (fake, "kundin", "example.org",
                                        "Anna Kundin", 120);
  fake_mastodon_add_mention (fake, customer,
                             "<p>Meine Bremse quietscht, was tun?</p>", NULL,
                             "public", FALSE);

  g_assert_true (banner_revealed ());
  g_assert_cmpuint (count_accounts (TRUE), ==, 2);

  dialog = open_dialog ();
  g_signal_connect (dialog, "account-added", G_CALLBACK (on_account_added_cb),
                    &account_id);
  activate_row (GTK_WIDGET (dialog), "Mastodon");
  sign_in = find_button (GTK_WIDGET (dialog), "_Sign In in Browser");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sign_in)));
  set_row_text (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Server",
                fake_mastodon_get_url (fake));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (sign_in)));
  g_signal_emit_by_name (sign_in, "clicked");

  /* The browser opens (here it cannot: there is none), and the dialog
   * waits for it to come back to the loopback listener. */
  g_assert_true (spin_until (has_authorize_url, dialog, 20000));
  g_assert_true (wait_for_label (GTK_WIDGET (dialog), "Waiting for you"));
  wait_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "accounts-mastodon-waiting");

  target = fake_mastodon_authorize (
      fake, desk_account_dialog_get_authorize_url (dialog), &code);
  g_assert_nonnull (target);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_cmpuint (browse (target), ==, 200);

  /* Stored, started, and the dialog closed. */
  g_assert_true (spin_until (is_nonzero, &account_id, 20000));
  spin_for (100);
  g_assert_null (weak);
  account = first_real_account ();
  g_assert_nonnull (account);
  g_assert_cmpint (desk_account_get_id (account), ==, account_id);
  g_assert_cmpstr (desk_account_get_network (account), ==, "mastodon");
  g_assert_nonnull (desk_workspace_find_channel (workspace, account_id));
  token = mt_lookup_secret (desk_workspace_get_secrets (workspace), account_id,
                            "access-token", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, fake_mastodon_get_last_issued_token (fake));
  g_assert_false (mt_file_contains (desk_store_get_path (store), token));

  /* The demo is gone, with its banner. */
  g_assert_cmpuint (count_accounts (TRUE), ==, 0);
  g_assert_false (g_settings_get_boolean (settings, "demo-enabled"));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_false (banner_revealed ());
  g_assert_null (desk_workspace_find_channel (workspace, 1));

  /* The first sync brings the mention into the inbox. */
  desk_window_set_view (window, "all");
  g_assert_true (spin_until (has_conversations, GUINT_TO_POINTER (1), 20000));
  g_assert_true (spin_until (account_synced, NULL, 20000));
  g_assert_true (wait_for_label (GTK_WIDGET (window), "Anna Kundin"));
  save_screenshot (GTK_WIDGET (window), "accounts-window-connected");

  /* The Accounts page lists it with its state. */
  prefs = desk_preferences_window_new (GTK_WINDOW (window), store, settings);
  adw_preferences_window_add (
      ADW_PREFERENCES_WINDOW (prefs),
      ADW_PREFERENCES_PAGE (desk_accounts_page_new (workspace)));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs),
                                                "accounts");
  gtk_window_present (GTK_WINDOW (prefs));
  wait_frames (GTK_WIDGET (prefs), 3);
  handle = g_strdup (desk_account_get_handle (account));
  row = find_account_row (GTK_WIDGET (prefs), handle);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Synced"));
  g_assert_nonnull (
      strstr (adw_action_row_get_subtitle (row), fake_mastodon_get_url (fake)));
  save_screenshot (GTK_WIDGET (prefs), "accounts-page");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (GTK_WIDGET (prefs), 3);
  save_screenshot (GTK_WIDGET (prefs), "accounts-page-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Pausing stops syncing: a sync now asks the server nothing. */
  sw = find_widget (GTK_WIDGET (row), GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  g_assert_null (desk_workspace_find_channel (workspace, account_id));
  g_clear_object (&account);
  account = first_real_account ();
  g_assert_true (desk_account_get_paused (account));
  fake_mastodon_clear_requests (fake);
  desk_sync_service_sync_now (desk_workspace_get_sync_service (workspace));
  spin_for (300);
  n_requests = fake_mastodon_count_requests (fake, NULL, "/api/v1/");
  g_assert_cmpuint (n_requests, ==, 0);
  g_assert_true (spin_until (row_says_paused, prefs, 5000));
  row = find_account_row (GTK_WIDGET (prefs), handle);

  /* Resuming starts it again. */
  sw = find_widget (GTK_WIDGET (row), GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  g_assert_nonnull (desk_workspace_find_channel (workspace, account_id));

  /* Remove, confirmed: the account, its conversations and its token go. */
  wait_frames (GTK_WIDGET (prefs), 2);
  row = find_account_row (GTK_WIDGET (prefs), handle);
  {
    g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *trash = NULL;

    collect_widgets (GTK_WIDGET (row), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]),
                     "Remove Account")
          == 0)
        trash = buttons->pdata[i];
    g_assert_nonnull (trash);
    g_signal_emit_by_name (trash, "clicked");
  }
  g_assert_true (spin_until (has_message_dialog, NULL, 5000));
  {
    AdwMessageDialog *confirm = find_message_dialog ();
    g_autofree char *heading = g_strdup_printf ("Remove %s?", handle);

    g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, heading);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm),
                              "nothing is deleted on the network"));
    adw_message_dialog_response (confirm, "remove");
  }
  g_assert_true (spin_until (no_real_account, NULL, 5000));
  g_assert_null (desk_workspace_find_channel (workspace, account_id));
  g_assert_true (spin_until (has_no_conversations, NULL, 5000));
  g_assert_true (spin_until (secret_gone, &account_id, 5000));
  wait_frames (GTK_WIDGET (prefs), 2);
  g_assert_null (find_account_row (GTK_WIDGET (prefs), handle));

  gtk_window_destroy (GTK_WINDOW (prefs));
  spin_for (50);
}

/* No keyring */

static void
test_no_keyring (void)
{
  DeskAccountDialog *dialog = open_dialog ();
  GtkButton *sign_in;

  activate_row (GTK_WIDGET (dialog), "Mastodon");
  set_row_text (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Server",
                fake_mastodon_get_url (fake));
  sign_in = find_button (GTK_WIDGET (dialog), "_Sign In in Browser");
  g_signal_emit_by_name (sign_in, "clicked");

  /* Said before anything is stored or any browser opens. */
  g_assert_true (wait_for_label (GTK_WIDGET (dialog), "No keyring"));
  g_assert_true (label_showing (GTK_WIDGET (dialog), "GNOME Keyring"));
  g_assert_null (desk_account_dialog_get_authorize_url (dialog));
  g_assert_cmpuint (count_accounts (FALSE), ==, 0);
  g_assert_cmpuint (count_accounts (TRUE), ==, 2);
  g_assert_cmpuint (fake_mastodon_count_requests (fake, NULL, "/"), ==, 0);
  g_assert_true (banner_revealed ());
  wait_frames (GTK_WIDGET (dialog), 2);
  save_screenshot (GTK_WIDGET (dialog), "accounts-no-keyring");

  close_dialog (dialog);
}

static void
set_up (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  workspace_dir = g_dir_make_tmp ("socialdesk-test-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (workspace_dir, "socialdesk.db", NULL);

  settings = g_settings_new (BASE_APP_ID);
  g_settings_set_boolean (settings, "demo-enabled", TRUE);
  sys_clock = desk_clock_new_system ();
  store = desk_store_open (path, sys_clock, &error);
  g_assert_no_error (error);

  workspace = desk_workspace_new (store);
  desk_workspace_set_settings (workspace, settings);
  g_assert_true (desk_workspace_add_demo_accounts (workspace, &error));
  g_assert_true (desk_workspace_start (workspace, &error));
  g_assert_no_error (error);

  window = desk_window_new (GTK_APPLICATION (app), store, sys_clock, settings,
                            desk_workspace_get_sync_service (workspace),
                            desk_workspace_get_channels (workspace));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 3);

  fake = fake_mastodon_new ();
}

int
main (int argc, char *argv[])
{
  const char *keyring = g_getenv ("DESK_KEYRING_STATE");
  int status;

  data_dir = g_dir_make_tmp ("socialdesk-test-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      remove_tree (data_dir);
      return 0;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                NULL);

  app = desk_application_new (BASE_APP_ID ".TestAccounts",
                              G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  set_up ();

  if (g_strcmp0 (keyring, "unlocked") == 0)
    {
      g_test_add_func ("/ui-accounts/bluesky", test_bluesky);
      g_test_add_func ("/ui-accounts/mastodon", test_mastodon);
    }
  else
    g_test_add_func ("/ui-accounts/no-keyring", test_no_keyring);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
  g_clear_object (&workspace);
  g_clear_object (&store);
  g_clear_object (&sys_clock);
  g_clear_object (&settings);
  g_clear_object (&app);
  fake_mastodon_free (fake);
  remove_tree (workspace_dir);
  remove_tree (data_dir);
  g_free (workspace_dir);
  g_free (data_dir);

  return status;
}
