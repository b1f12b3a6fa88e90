/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ui/desk-resources.h"
#include "desk-account-dialog.h"
#include "desk-accounts-page.h"
#include "desk-application.h"
#include "desk-preferences-window.h"
#include "desk-alert-monitor.h"
#include "desk-reports-window.h"

/* Opens the workspace once and shows it. A database that cannot be opened
 * is never touched: the user is told what happened and where the copy
 * is, and chooses between quitting and starting afresh. */
struct _DeskApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  DeskClock *clock;
  DeskWorkspace *workspace;
  DeskWindow *main_window;   /* unowned; the application holds it */
  GtkWindow *problem_window; /* unowned; shown while the store is broken */
  DeskAlertMonitor *alert_monitor;
};

G_DEFINE_FINAL_TYPE (DeskApplication, desk_application, ADW_TYPE_APPLICATION)

#define RESOURCE_BASE_PATH "/io/github/socialdesk/Socialdesk"

static void show_store_problem (DeskApplication *self,
                                const char *path,
                                const GError *error);

static void
on_main_window_destroy_cb (DeskApplication *self, GtkWidget *window)
{
  self->main_window = NULL;
}

/* A spike or a run of bad ratings: the notification goes out from the
 * monitor; the window says it too, until dismissed. */
static void
on_alert_cb (DeskApplication *self, int kind, const char *message)
{
  if (self->main_window != NULL)
    desk_window_show_toast (self->main_window, message);
}

static void
start_workspace (DeskApplication *self, DeskStore *store)
{
  g_autoptr (GError) error = NULL;

  self->workspace = desk_workspace_new (store);
  desk_workspace_set_settings (self->workspace, self->settings);

  if (g_settings_get_boolean (self->settings, "demo-enabled")
      && !desk_workspace_add_demo_accounts (self->workspace, &error))
    {
      g_warning ("could not add the demo accounts: %s", error->message);
      g_clear_error (&error);
    }

  if (!desk_workspace_start (self->workspace, &error))
    g_warning ("could not start the accounts: %s", error->message);

  self->main_window = desk_window_new (
      GTK_APPLICATION (self), store, self->clock, self->settings,
      desk_workspace_get_sync_service (self->workspace),
      desk_workspace_get_channels (self->workspace));
  g_signal_connect_object (self->main_window, "destroy",
                           G_CALLBACK (on_main_window_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->main_window));

  desk_reports_install_action (GTK_APPLICATION (self), store, self->clock,
                               self->settings);
  self->alert_monitor = desk_alert_monitor_new (G_APPLICATION (self), store,
                                                self->clock, self->settings);
  g_signal_connect_object (self->alert_monitor, "alert",
                           G_CALLBACK (on_alert_cb), self, G_CONNECT_SWAPPED);

  /* Only now: closing the last window would end the application. */
  if (self->problem_window != NULL)
    gtk_window_destroy (self->problem_window);
}

/* Moves the damaged database (and its write-ahead log, which must never
 * be replayed into a new file) aside under a name with the time. */
static gboolean
move_damaged_store (const char *path, char **moved_to, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.damaged-%s", path, stamp);
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (i > 0 && !g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_file_test (to, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _ ("“%s” already exists."), to);
          return FALSE;
        }
      if (g_rename (from, to) != 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _ ("Could not rename “%s”: %s"), from,
                       g_strerror (saved));
          return FALSE;
        }
    }

  *moved_to = g_steal_pointer (&target);
  return TRUE;
}

static void
on_problem_dialog_response_cb (AdwMessageDialog *dialog,
                               const char *response,
                               DeskApplication *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "store-path");
  g_autofree char *moved_to = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskStore) store = NULL;

  /* The window under the dialog may go away below, while the dialog is
   * still emitting this signal; GTK 4.8 does not expect a parent to be
   * destroyed then. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  if (g_strcmp0 (response, "empty") != 0)
    {
      if (self->problem_window != NULL)
        gtk_window_destroy (self->problem_window);
      return;
    }

  if (!move_damaged_store (path, &moved_to, &error))
    {
      show_store_problem (self, path, error);
      return;
    }
  g_message ("moved the damaged database to %s", moved_to);

  store = desk_store_open (path, self->clock, &error);
  if (store == NULL)
    {
      show_store_problem (self, path, error);
      return;
    }

  start_workspace (self, store);
}

static GtkWindow *
ensure_problem_window (DeskApplication *self)
{
  GtkWidget *window, *box, *status;

  if (self->problem_window != NULL)
    return self->problem_window;

  /* A plain window under the dialog, so the dialog has a parent and the
   * app stays visible in the shell while the user decides. */
  window = adw_application_window_new (GTK_APPLICATION (self));
  gtk_window_set_title (GTK_WINDOW (window), _ ("Socialdesk"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  status = adw_status_page_new ();
  gtk_widget_set_vexpand (status, TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status),
                                 "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status),
                             _ ("The Inbox Could Not Be Opened"));
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  self->problem_window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window),
                             (gpointer *) &self->problem_window);
  gtk_window_present (self->problem_window);
  return self->problem_window;
}

static void
show_store_problem (DeskApplication *self,
                    const char *path,
                    const GError *error)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *backup = NULL;
  g_autoptr (GError) backup_error = NULL;
  gboolean damaged
      = g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_CORRUPT);
  gboolean too_new
      = g_error_matches (error, DESK_STORE_ERROR, DESK_STORE_ERROR_TOO_NEW);
  GtkWidget *dialog;

  g_message ("could not open %s: %s", path, error->message);

  if (damaged)
    g_string_append (body, _ ("Socialdesk cannot read its database: the file "
                              "is damaged."));
  else if (too_new)
    g_string_append (body, _ ("The database was written by a newer version "
                              "of Socialdesk. This version cannot read it "
                              "without the risk of losing data."));
  else
    g_string_append (body, error->message);

  g_string_append (body, "\n\n");
  /* Translators: %s is the path of the database file. */
  g_string_append_printf (body, _ ("File: %s"), path);

  if (damaged || too_new)
    {
      backup = desk_store_keep_backup (path, &backup_error);
      g_string_append (body, "\n");
      if (backup != NULL)
        /* Translators: %s is the path of a copy of the database. */
        g_string_append_printf (body, _ ("A copy was saved as %s"), backup);
      else
        /* Translators: %s says why the copy failed. */
        g_string_append_printf (body, _ ("No copy could be saved: %s"),
                                backup_error->message);

      g_string_append (body, "\n\n");
      if (too_new)
        g_string_append (body, _ ("Quit and open the file with the newer "
                                  "version, or start with an empty inbox. "
                                  "The file is then kept under a new name."));
      else
        g_string_append (body, _ ("Quit to restore the file from a backup, "
                                  "or start with an empty inbox. The damaged "
                                  "file is then kept under a new name."));
    }

  dialog
      = adw_message_dialog_new (ensure_problem_window (self),
                                _ ("The Inbox Could Not Be Opened"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit",
                                   _ ("_Quit"));
  if (damaged || too_new)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "empty",
                                       _ ("_Start With an Empty Inbox"));
      adw_message_dialog_set_response_appearance (
          ADW_MESSAGE_DIALOG (dialog), "empty", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  g_object_set_data_full (G_OBJECT (dialog), "store-path", g_strdup (path),
                          g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_problem_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  DeskApplication *self = user_data;
  const char *developers[] = { "The Socialdesk developers", NULL };
  GtkWindow *parent
      = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (
      parent, "application-name", _ ("Socialdesk"), "application-icon",
      BASE_APP_ID, "version", PACKAGE_VERSION, "developer-name",
      _ ("The Socialdesk developers"), "developers", developers, "license-type",
      GTK_LICENSE_GPL_3_0, "comments",
      _ ("One inbox for your customers on Mastodon and Bluesky"), "website",
      "https://github.com/socialdesk/socialdesk", "issue-url",
      "https://github.com/socialdesk/socialdesk/issues",
      /* Translators: your names, one per line, to be credited in the
       * About window. */
      "translator-credits", _ ("translator-credits"), NULL);
}

/* Opens the preferences, on @page_name when not NULL. */
static void
show_preferences (DeskApplication *self, const char *page_name)
{
  DeskPreferencesWindow *preferences;

  if (self->workspace == NULL)
    return;

  preferences = desk_preferences_window_new (
      gtk_application_get_active_window (GTK_APPLICATION (self)),
      desk_workspace_get_store (self->workspace), self->settings);
  adw_preferences_window_add (
      ADW_PREFERENCES_WINDOW (preferences),
      ADW_PREFERENCES_PAGE (desk_accounts_page_new (self->workspace)));
  if (page_name != NULL)
    adw_preferences_window_set_visible_page_name (
        ADW_PREFERENCES_WINDOW (preferences), page_name);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant *parameter,
                    gpointer user_data)
{
  show_preferences (user_data, NULL);
}

static void
accounts_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  show_preferences (user_data, "accounts");
}

static void
on_account_added_cb (DeskAccountDialog *dialog,
                     gint64 account_id,
                     const char *handle,
                     DeskApplication *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;

  if (self->main_window == NULL)
    return;

  shown
      = handle[0] == '@' ? g_strdup (handle) : g_strconcat ("@", handle, NULL);
  /* Translators: %s is an account's handle, like @shop@mastodon.social. */
  text = g_strdup_printf (_ ("Connected %s"), shown);
  desk_window_show_toast (self->main_window, text);
}

static void
add_account_action (GSimpleAction *action,
                    GVariant *parameter,
                    gpointer user_data)
{
  DeskApplication *self = user_data;
  DeskAccountDialog *dialog;

  if (self->workspace == NULL)
    return;

  dialog = desk_account_dialog_new (
      gtk_application_get_active_window (GTK_APPLICATION (self)),
      self->workspace);
  g_signal_connect_object (dialog, "account-added",
                           G_CALLBACK (on_account_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  DeskApplication *self = user_data;

  /* Through the windows, so each saves its size and draft. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "accounts", .activate = accounts_action },
  { .name = "add-account", .activate = add_account_action },
  { .name = "quit", .activate = quit_action },
};

static void
desk_application_startup (GApplication *application)
{
  DeskApplication *self = DESK_APPLICATION (application);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  /* AdwApplication loads style.css (and style-dark.css) from the
   * resource base path, and GtkApplication picks up gtk/help-overlay.ui
   * and the icons there, for every window. */
  G_APPLICATION_CLASS (desk_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.preferences", preferences_accels);
}

static void
desk_application_activate (GApplication *application)
{
  DeskApplication *self = DESK_APPLICATION (application);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskStore) store = NULL;

  if (self->main_window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->main_window));
      return;
    }
  if (self->problem_window != NULL)
    {
      gtk_window_present (self->problem_window);
      return;
    }

  if (self->settings == NULL)
    self->settings = g_settings_new (BASE_APP_ID);
  if (self->clock == NULL)
    self->clock = desk_clock_new_system ();

  path = desk_application_dup_store_path ();
  store = desk_store_open (path, self->clock, &error);
  if (store == NULL)
    {
      show_store_problem (self, path, error);
      return;
    }

  start_workspace (self, store);
}

static void
desk_application_dispose (GObject *object)
{
  DeskApplication *self = DESK_APPLICATION (object);

  g_clear_object (&self->alert_monitor);
  g_clear_object (&self->workspace);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_application_parent_class)->dispose (object);
}

static void
desk_application_class_init (DeskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = desk_application_dispose;
  /* The style sheet, icons and shortcuts window live in the resource. */
  (void) desk_get_resource ();
  app_class->startup = desk_application_startup;
  app_class->activate = desk_application_activate;
}

static void
desk_application_init (DeskApplication *self)
{
}

/* @application_id is APP_ID for the app; tests pass their own. */
DeskApplication *
desk_application_new (const char *application_id, GApplicationFlags flags)
{
  g_return_val_if_fail (g_application_id_is_valid (application_id), NULL);

  /* The development profile has another id, but the same resources. */
  return g_object_new (DESK_TYPE_APPLICATION, "application-id", application_id,
                       "flags", flags, "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/* The workspace once the store is open, or NULL. */
DeskWorkspace *
desk_application_get_workspace (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);
  return self->workspace;
}

DeskWindow *
desk_application_get_main_window (DeskApplication *self)
{
  g_return_val_if_fail (DESK_IS_APPLICATION (self), NULL);
  return self->main_window;
}

/* $XDG_DATA_HOME/socialdesk/socialdesk.db */
char *
desk_application_dup_store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "socialdesk",
                           "socialdesk.db", NULL);
}
