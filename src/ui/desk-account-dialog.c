/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-account-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "channels/bluesky/desk-bluesky-auth.h"
#include "channels/mastodon/desk-mastodon-auth.h"
#include "ui/desk-resources.h"

#include "desk-account-dialog.h"

/* Connects one real account: the user picks a network, signs in (Mastodon
 * in the browser, Bluesky with an app password), and the account is
 * stored with its secrets in the keyring and started in the workspace.
 * The keyring is checked first, so a computer without one gets the
 * message before anything is stored. */
struct _DeskAccountDialog
{
  AdwWindow parent_instance;

  DeskWorkspace *workspace;
  GCancellable *cancellable;
  DeskMastodonAuth *auth;
  gboolean busy;   /* checking the keyring, or talking to the server */
  gboolean saving; /* a sign-in came back; later results are ignored */

  AdwWindowTitle *window_title;
  GtkWidget *back_button;
  GtkStack *stack;
  AdwEntryRow *server_row;
  GtkLabel *mastodon_error_label;
  GtkWidget *mastodon_sign_in_button;
  GtkSpinner *mastodon_spinner;
  GtkSpinner *waiting_spinner;
  GtkLabel *waiting_error_label;
  AdwEntryRow *code_row;
  GtkLabel *code_error_label;
  GtkWidget *code_sign_in_button;
  AdwEntryRow *handle_row;
  AdwEntryRow *password_row;
  AdwEntryRow *provider_row;
  GtkLabel *bluesky_error_label;
  GtkWidget *bluesky_sign_in_button;
  GtkSpinner *bluesky_spinner;
};

G_DEFINE_FINAL_TYPE (DeskAccountDialog, desk_account_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

enum
{
  ACCOUNT_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Shows @text (plain, never markup) in @label, or hides it for NULL. */
static void
show_error (GtkLabel *label, const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
set_busy (DeskAccountDialog *self, gboolean busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->mastodon_spinner), busy);
  gtk_spinner_set_spinning (self->mastodon_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->bluesky_spinner), busy);
  gtk_spinner_set_spinning (self->bluesky_spinner, busy);
  /* Read-only rather than insensitive: the focus may stay where it is. */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->handle_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->provider_row), !busy);
  self->busy = busy;
}

static gboolean
text_is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  return *copy == '\0';
}

static void
update_buttons (DeskAccountDialog *self)
{
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  const char *handle = gtk_editable_get_text (GTK_EDITABLE (self->handle_row));
  const char *password
      = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *provider
      = gtk_editable_get_text (GTK_EDITABLE (self->provider_row));
  gboolean busy = self->busy;

  gtk_widget_set_sensitive (self->mastodon_sign_in_button,
                            !busy && !text_is_blank (server));
  gtk_widget_set_sensitive (self->code_sign_in_button,
                            !self->saving && !text_is_blank (code));
  gtk_widget_set_sensitive (self->bluesky_sign_in_button,
                            !busy && !text_is_blank (handle)
                                && !text_is_blank (password)
                                && !text_is_blank (provider));
}

/* Drops a sign-in under way: the browser's answer no longer counts. */
static void
stop_sign_in (DeskAccountDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->auth != NULL)
    desk_mastodon_auth_cancel (self->auth);
  g_clear_object (&self->auth);
  self->saving = FALSE;
  gtk_spinner_set_spinning (self->waiting_spinner, FALSE);
  set_busy (self, FALSE);
  update_buttons (self);
}

static void
show_page (DeskAccountDialog *self, const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
finish (DeskAccountDialog *self, gint64 account_id, const char *handle)
{
  g_autoptr (GError) error = NULL;

  if (!desk_workspace_add_account (self->workspace, account_id, &error))
    {
      /* Stored, but not started: it starts with the next launch. */
      g_warning ("could not start account %" G_GINT64_FORMAT ": %s", account_id,
                 error->message);
    }
  g_signal_emit (self, signals[ACCOUNT_ADDED], 0, account_id, handle);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_uri_shown_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskAccountDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;

  g_debug ("could not open the browser: %s", error->message);
  show_error (self->waiting_error_label,
              _ ("No browser could be opened. Use a code instead: the "
                 "sign-in page can then be opened in any browser."));
}

static void
open_uri (DeskAccountDialog *self, const char *uri)
{
  show_error (self->waiting_error_label, NULL);
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL,
                     on_uri_shown_cb, g_object_ref (self));
}

/* Mastodon */

static void
on_mastodon_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskAccountDialog) self = user_data;
  g_autoptr (DeskMastodonAuthResult) auth_result
      = g_object_steal_data (G_OBJECT (self), "auth-result");
  g_autoptr (GError) error = NULL;
  gint64 account_id;

  account_id = desk_mastodon_auth_save_account_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (account_id == 0)
    {
      stop_sign_in (self);
      show_page (self, "mastodon");
      show_error (self->mastodon_error_label, error->message);
      return;
    }

  finish (self, account_id, auth_result->handle);
}

static void
save_mastodon (DeskAccountDialog *self, DeskMastodonAuthResult *result)
{
  if (self->saving)
    return; /* the wait and the code both came back with the same sign-in */
  self->saving = TRUE;
  update_buttons (self);

  g_object_set_data_full (G_OBJECT (self), "auth-result",
                          desk_mastodon_auth_result_copy (result),
                          (GDestroyNotify) desk_mastodon_auth_result_free);
  desk_mastodon_auth_save_account_async (
      desk_workspace_get_store (self->workspace),
      desk_workspace_get_secrets (self->workspace), result, self->cancellable,
      on_mastodon_saved_cb, g_object_ref (self));
}

static void
on_wait_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskAccountDialog) self = user_data;
  g_autoptr (DeskMastodonAuthResult) auth_result = NULL;
  g_autoptr (GError) error = NULL;

  auth_result = desk_mastodon_auth_wait_finish (DESK_MASTODON_AUTH (source),
                                                result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || DESK_MASTODON_AUTH (source) != self->auth)
    return;
  if (auth_result == NULL)
    {
      stop_sign_in (self);
      show_page (self, "mastodon");
      show_error (self->mastodon_error_label, error->message);
      return;
    }

  save_mastodon (self, auth_result);
}

static void
on_begin_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskAccountDialog) self = user_data;
  g_autofree char *url = NULL;
  g_autoptr (GError) error = NULL;

  url = desk_mastodon_auth_begin_finish (DESK_MASTODON_AUTH (source), result,
                                         &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || DESK_MASTODON_AUTH (source) != self->auth)
    return;
  if (url == NULL)
    {
      stop_sign_in (self);
      show_error (self->mastodon_error_label, error->message);
      return;
    }

  set_busy (self, FALSE);
  show_page (self, "waiting");
  gtk_spinner_set_spinning (self->waiting_spinner, TRUE);
  open_uri (self, url);
  desk_mastodon_auth_wait_async (self->auth, self->cancellable, on_wait_done_cb,
                                 g_object_ref (self));
}

static void
on_mastodon_keyring_checked_cb (GObject *source,
                                GAsyncResult *result,
                                gpointer user_data)
{
  g_autoptr (DeskAccountDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  const char *server;

  if (!desk_secrets_check_finish (DESK_SECRETS (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      stop_sign_in (self);
      show_error (self->mastodon_error_label, error->message);
      return;
    }

  server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  self->auth
      = desk_mastodon_auth_new (desk_workspace_get_http (self->workspace));
  desk_mastodon_auth_begin_async (self->auth, server, self->cancellable,
                                  on_begin_done_cb, g_object_ref (self));
}

static void
on_mastodon_sign_in_clicked_cb (DeskAccountDialog *self)
{
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autofree char *url = NULL;
  g_autoptr (GError) error = NULL;

  if (self->busy || text_is_blank (server))
    return;

  /* A typo is caught here, without a round trip. */
  url = desk_mastodon_auth_normalize_server (server, &error);
  if (url == NULL)
    {
      show_error (self->mastodon_error_label, error->message);
      return;
    }

  stop_sign_in (self);
  show_error (self->mastodon_error_label, NULL);
  set_busy (self, TRUE);
  update_buttons (self);
  desk_secrets_check_async (desk_workspace_get_secrets (self->workspace),
                            self->cancellable, on_mastodon_keyring_checked_cb,
                            g_object_ref (self));
}

static void
on_mastodon_fields_changed_cb (DeskAccountDialog *self)
{
  show_error (self->mastodon_error_label, NULL);
  update_buttons (self);
}

static void
on_open_again_clicked_cb (DeskAccountDialog *self)
{
  if (self->auth != NULL)
    open_uri (self, desk_mastodon_auth_get_authorize_url (self->auth));
}

static void
on_use_code_clicked_cb (DeskAccountDialog *self)
{
  show_page (self, "code");
  gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
}

static void
on_open_code_page_activated_cb (DeskAccountDialog *self)
{
  if (self->auth != NULL)
    open_uri (self, desk_mastodon_auth_get_code_authorize_url (self->auth));
}

static void
on_code_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskAccountDialog) self = user_data;
  g_autoptr (DeskMastodonAuthResult) auth_result = NULL;
  g_autoptr (GError) error = NULL;

  auth_result = desk_mastodon_auth_finish_with_code_finish (
      DESK_MASTODON_AUTH (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || DESK_MASTODON_AUTH (source) != self->auth)
    return;
  if (auth_result == NULL)
    {
      /* A mistyped code: the user may paste it again. */
      show_error (self->code_error_label, error->message);
      update_buttons (self);
      return;
    }

  save_mastodon (self, auth_result);
}

static void
on_code_sign_in_clicked_cb (DeskAccountDialog *self)
{
  g_autofree char *code = g_strstrip (
      g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));

  if (self->auth == NULL || self->saving || *code == '\0')
    return;

  show_error (self->code_error_label, NULL);
  gtk_widget_set_sensitive (self->code_sign_in_button, FALSE);
  desk_mastodon_auth_finish_with_code_async (self->auth, code,
                                             self->cancellable, on_code_done_cb,
                                             g_object_ref (self));
}

static void
on_code_changed_cb (DeskAccountDialog *self)
{
  show_error (self->code_error_label, NULL);
  update_buttons (self);
}

/* Bluesky */

static void
on_bluesky_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskAccountDialog) self = user_data;
  gint64 account_id = GPOINTER_TO_SIZE (
      g_object_get_data (G_OBJECT (self), "bluesky-account-id"));
  g_autofree char *handle
      = g_object_steal_data (G_OBJECT (self), "bluesky-handle");
  g_autoptr (GError) error = NULL;

  if (!desk_bluesky_session_save_finish (result, &error))
    {
      g_autoptr (GError) remove_error = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Without its tokens the account could not sync: leave nothing
       * behind. */
      if (!desk_store_remove_account (
              desk_workspace_get_store (self->workspace), account_id,
              &remove_error))
        g_warning ("could not remove the account again: %s",
                   remove_error->message);
      stop_sign_in (self);
      show_error (self->bluesky_error_label, error->message);
      return;
    }

  finish (self, account_id, handle);
}

static void
on_bluesky_signed_in_cb (GObject *source,
                         GAsyncResult *result,
                         gpointer user_data)
{
  g_autoptr (DeskAccountDialog) self = user_data;
  g_autoptr (DeskBlueskySession) session = NULL;
  g_autoptr (GError) error = NULL;
  gint64 account_id;

  session = desk_bluesky_sign_in_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (session == NULL)
    {
      stop_sign_in (self);
      show_error (self->bluesky_error_label, error->message);
      return;
    }

  account_id = desk_store_add_account (
      desk_workspace_get_store (self->workspace), "bluesky", session->did,
      session->handle, session->handle, session->service_url, FALSE, &error);
  if (account_id == 0)
    {
      stop_sign_in (self);
      show_error (self->bluesky_error_label, error->message);
      return;
    }

  g_object_set_data (G_OBJECT (self), "bluesky-account-id",
                     GSIZE_TO_POINTER (account_id));
  g_object_set_data_full (G_OBJECT (self), "bluesky-handle",
                          g_strdup (session->handle), g_free);
  desk_bluesky_session_save_async (
      session, desk_workspace_get_secrets (self->workspace), account_id,
      self->cancellable, on_bluesky_saved_cb, g_object_ref (self));
}

static void
on_bluesky_keyring_checked_cb (GObject *source,
                               GAsyncResult *result,
                               gpointer user_data)
{
  g_autoptr (DeskAccountDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *provider = NULL;

  if (!desk_secrets_check_finish (DESK_SECRETS (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      stop_sign_in (self);
      show_error (self->bluesky_error_label, error->message);
      return;
    }

  /* "@shop.bsky.social" as people write it is the handle without "@". */
  handle = g_strstrip (
      g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->handle_row))));
  provider = g_strstrip (
      g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->provider_row))));
  desk_bluesky_sign_in_async (
      desk_workspace_get_http (self->workspace), provider,
      handle[0] == '@' ? handle + 1 : handle,
      gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
      self->cancellable, on_bluesky_signed_in_cb, g_object_ref (self));
}

static void
on_bluesky_sign_in_clicked_cb (DeskAccountDialog *self)
{
  if (!gtk_widget_get_sensitive (self->bluesky_sign_in_button))
    return;

  stop_sign_in (self);
  show_error (self->bluesky_error_label, NULL);
  set_busy (self, TRUE);
  update_buttons (self);
  desk_secrets_check_async (desk_workspace_get_secrets (self->workspace),
                            self->cancellable, on_bluesky_keyring_checked_cb,
                            g_object_ref (self));
}

static void
on_bluesky_fields_changed_cb (DeskAccountDialog *self)
{
  show_error (self->bluesky_error_label, NULL);
  update_buttons (self);
}

/* Navigation */

static void
on_mastodon_choice_activated_cb (DeskAccountDialog *self)
{
  show_page (self, "mastodon");
  gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
}

static void
on_bluesky_choice_activated_cb (DeskAccountDialog *self)
{
  show_page (self, "bluesky");
  gtk_widget_grab_focus (GTK_WIDGET (self->handle_row));
}

static void
on_back_button_clicked_cb (DeskAccountDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "code") == 0)
    {
      show_page (self, "waiting");
      return;
    }
  stop_sign_in (self);
  show_page (self, g_strcmp0 (page, "waiting") == 0 ? "mastodon" : "network");
}

static void
on_cancel_button_clicked_cb (DeskAccountDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_stack_page_cb (DeskAccountDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  gtk_widget_set_visible (self->back_button, g_strcmp0 (page, "network") != 0);
  if (g_strcmp0 (page, "mastodon") == 0 || g_strcmp0 (page, "waiting") == 0
      || g_strcmp0 (page, "code") == 0)
    adw_window_title_set_title (self->window_title, _ ("Add Mastodon Account"));
  else if (g_strcmp0 (page, "bluesky") == 0)
    adw_window_title_set_title (self->window_title, _ ("Add Bluesky Account"));
  else
    adw_window_title_set_title (self->window_title, _ ("Add Account"));
}

static gboolean
desk_account_dialog_close_request (GtkWindow *window)
{
  DeskAccountDialog *self = DESK_ACCOUNT_DIALOG (window);

  /* Cancel means cancel: the loopback listener closes, and a browser
   * that comes back later finds nobody. */
  g_cancellable_cancel (self->cancellable);
  if (self->auth != NULL)
    desk_mastodon_auth_cancel (self->auth);

  return GTK_WINDOW_CLASS (desk_account_dialog_parent_class)
      ->close_request (window);
}

static void
desk_account_dialog_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  DeskAccountDialog *self = DESK_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
      case PROP_WORKSPACE:
        g_value_set_object (value, self->workspace);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_account_dialog_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  DeskAccountDialog *self = DESK_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
      case PROP_WORKSPACE:
        self->workspace = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_account_dialog_dispose (GObject *object)
{
  DeskAccountDialog *self = DESK_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->auth != NULL)
    desk_mastodon_auth_cancel (self->auth);
  g_clear_object (&self->auth);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (desk_account_dialog_parent_class)->dispose (object);
}

static void
desk_account_dialog_class_init (DeskAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = desk_account_dialog_get_property;
  object_class->set_property = desk_account_dialog_set_property;
  object_class->dispose = desk_account_dialog_dispose;
  window_class->close_request = desk_account_dialog_close_request;

  properties[PROP_WORKSPACE] = g_param_spec_object (
      "workspace", NULL, NULL, DESK_TYPE_WORKSPACE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The account is stored and started; the handle is for a toast. */
  signals[ACCOUNT_ADDED] = g_signal_new (
      "account-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
      NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class,
      "/io/github/socialdesk/Socialdesk/ui/desk-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        window_title);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        back_button);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        server_row);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        mastodon_error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        mastodon_sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        mastodon_spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        waiting_error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        code_row);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        code_error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        code_sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        handle_row);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        password_row);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        provider_row);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        bluesky_error_label);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        bluesky_sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, DeskAccountDialog,
                                        bluesky_spinner);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_page_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_mastodon_choice_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_bluesky_choice_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_mastodon_fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_mastodon_sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_open_again_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_use_code_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_open_code_page_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_code_sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_bluesky_fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_bluesky_sign_in_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
desk_account_dialog_init (DeskAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_buttons (self);
}

DeskAccountDialog *
desk_account_dialog_new (GtkWindow *parent, DeskWorkspace *workspace)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DESK_IS_WORKSPACE (workspace), NULL);

  return g_object_new (DESK_TYPE_ACCOUNT_DIALOG, "transient-for", parent,
                       "workspace", workspace, NULL);
}

/* Starts on the sign-in page of @account's network, filled in, so a
 * user whose token was revoked signs in again in one step. The same
 * account is then updated, not added twice. */
void
desk_account_dialog_sign_in_again (DeskAccountDialog *self,
                                   DeskAccount *account)
{
  const char *network;

  g_return_if_fail (DESK_IS_ACCOUNT_DIALOG (self));
  g_return_if_fail (DESK_IS_ACCOUNT (account));

  network = desk_account_get_network (account);
  if (g_strcmp0 (network, "mastodon") == 0)
    {
      const char *server = desk_account_get_server (account);

      gtk_editable_set_text (GTK_EDITABLE (self->server_row),
                             server != NULL ? server : "");
      on_mastodon_choice_activated_cb (self);
    }
  else if (g_strcmp0 (network, "bluesky") == 0)
    {
      const char *server = desk_account_get_server (account);

      gtk_editable_set_text (GTK_EDITABLE (self->handle_row),
                             desk_account_get_handle (account));
      /* The stored address is the account's PDS, where it also signs in. */
      if (server != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->provider_row), server);
      on_bluesky_choice_activated_cb (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
}

/* The page the browser was sent to, while a Mastodon sign-in waits for
 * it; NULL otherwise. Lets a test play the browser. */
const char *
desk_account_dialog_get_authorize_url (DeskAccountDialog *self)
{
  g_return_val_if_fail (DESK_IS_ACCOUNT_DIALOG (self), NULL);

  if (self->auth == NULL)
    return NULL;
  return desk_mastodon_auth_get_authorize_url (self->auth);
}
