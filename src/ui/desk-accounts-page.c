/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-accounts-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ui/desk-resources.h"

#include "desk-account-dialog.h"
#include "desk-accounts-page.h"
#include "desk-text.h"

/* The Accounts page of the preferences: every account with how its last
 * sync went, a switch to pause it, and a way to remove it. The rows are
 * rebuilt whenever an account or a sync changes; there are only a few. */
struct _DeskAccountsPage
{
  AdwPreferencesPage parent_instance;

  DeskWorkspace *workspace;
  guint rebuild_source;

  GtkListBox *accounts_list;
};

G_DEFINE_FINAL_TYPE (DeskAccountsPage,
                     desk_accounts_page,
                     ADW_TYPE_PREFERENCES_PAGE)

enum
{
  PROP_0,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (DeskAccountsPage *self);

/* "@shop.bsky.social"; Mastodon handles already start with "@". */
static char *
dup_display_handle (const char *handle)
{
  return handle[0] == '@' ? g_strdup (handle) : g_strconcat ("@", handle, NULL);
}

static void
show_toast (DeskAccountsPage *self, const char *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                      adw_toast_new (text));
}

/* What the row says about the account's syncing. */
static char *
describe_state (DeskAccountsPage *self, DeskAccount *account)
{
  gint64 synced = desk_account_get_last_sync_at (account);
  const char *error = desk_account_get_last_error (account);
  gint64 now = desk_clock_get_now (desk_workspace_get_clock (self->workspace));
  gint64 minutes;

  if (desk_account_get_paused (account))
    return g_strdup (_ ("Paused"));
  if (error != NULL)
    /* Translators: %s says why the last sync failed. */
    return g_strdup_printf (_ ("Sync failed: %s"), error);
  if (synced == 0)
    return g_strdup (_ ("Never synced"));

  minutes = MAX (now - synced, 0) / 60;
  if (minutes < 1)
    return g_strdup (_ ("Synced just now"));
  if (minutes < 60)
    return g_strdup_printf (
        ngettext ("Synced %d min ago", "Synced %d min ago", (gulong) minutes),
        (int) minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (ngettext ("Synced %d hour ago",
                                      "Synced %d hours ago",
                                      (gulong) (minutes / 60)),
                            (int) (minutes / 60));
  return g_strdup_printf (ngettext ("Synced %d day ago", "Synced %d days ago",
                                    (gulong) (minutes / (24 * 60))),
                          (int) (minutes / (24 * 60)));
}

static DeskAccount *
row_get_account (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return g_object_get_data (G_OBJECT (row), "account");
}

static void
on_pause_switch_active_cb (GtkSwitch *sw, GParamSpec *pspec, gpointer data)
{
  DeskAccountsPage *self = data;
  DeskAccount *account = row_get_account (GTK_WIDGET (sw));
  g_autoptr (GError) error = NULL;

  /* The switch says "Sync": on means running. */
  if (gtk_switch_get_active (sw) != desk_account_get_paused (account))
    return;
  if (!desk_workspace_set_account_paused (self->workspace,
                                          desk_account_get_id (account),
                                          !gtk_switch_get_active (sw), &error))
    show_toast (self, error->message);
}

static void
on_retry_clicked_cb (GtkButton *button, gpointer data)
{
  DeskAccountsPage *self = data;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  desk_sync_service_sync_now (
      desk_workspace_get_sync_service (self->workspace));
}

static void
on_account_added_cb (DeskAccountDialog *dialog,
                     gint64 account_id,
                     const char *handle,
                     gpointer data)
{
  DeskAccountsPage *self = data;
  g_autofree char *shown = dup_display_handle (handle);
  /* Translators: %s is an account's handle, like @shop@mastodon.social. */
  g_autofree char *text = g_strdup_printf (_ ("Connected %s"), shown);

  show_toast (self, text);
}

static DeskAccountDialog *
open_dialog (DeskAccountsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  DeskAccountDialog *dialog = desk_account_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->workspace);

  g_signal_connect_object (dialog, "account-added",
                           G_CALLBACK (on_account_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_sign_in_again_clicked_cb (GtkButton *button, gpointer data)
{
  DeskAccountsPage *self = data;
  DeskAccount *account = row_get_account (GTK_WIDGET (button));

  desk_account_dialog_sign_in_again (open_dialog (self), account);
}

static void
on_removed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeskAccountsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!desk_workspace_remove_account_finish (DESK_WORKSPACE (source), result,
                                             &error))
    show_toast (self, error->message);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char *response,
                       gpointer data)
{
  DeskAccountsPage *self = data;
  gint64 account_id
      = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "account-id"));

  if (g_strcmp0 (response, "remove") != 0)
    return;

  desk_workspace_remove_account_async (self->workspace, account_id, NULL,
                                       on_removed_cb, g_object_ref (self));
}

static void
on_remove_clicked_cb (GtkButton *button, gpointer data)
{
  DeskAccountsPage *self = data;
  DeskAccount *account = row_get_account (GTK_WIDGET (button));
  g_autofree char *handle
      = dup_display_handle (desk_account_get_handle (account));
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  /* Translators: %s is an account's handle. */
  heading = g_strdup_printf (_ ("Remove %s?"), handle);
  dialog = adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
      _ ("Its conversations are removed from this computer; nothing is "
         "deleted on the network."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _ ("_Cancel"), "remove", _ ("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (
      ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "account-id",
                     GSIZE_TO_POINTER (desk_account_get_id (account)));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_row (DeskAccountsPage *self, DeskAccount *account)
{
  const char *network = desk_account_get_network (account);
  const char *server = desk_account_get_server (account);
  gboolean simulated = desk_account_get_simulated (account);
  g_autofree char *handle
      = dup_display_handle (desk_account_get_handle (account));
  g_autofree char *state = describe_state (self, account);
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *icon, *sw, *button;

  if (simulated)
    /* Translators: the subtitle of a simulated account; %s says how it
     * syncs. */
    subtitle = g_strdup_printf (_ ("Demo · %s"), state);
  else if (server != NULL)
    /* "mastodon.social": the scheme says nothing when it is https. */
    subtitle = g_strdup_printf ("%s · %s",
                                g_str_has_prefix (server, "https://")
                                    ? server + strlen ("https://")
                                    : server,
                                state);
  else
    subtitle = g_strdup (state);

  row = adw_action_row_new ();
  /* Handles and server errors are shown as they are, never as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), handle);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  g_object_set_data_full (G_OBJECT (row), "account", g_object_ref (account),
                          g_object_unref);

  icon = gtk_image_new_from_icon_name (desk_text_get_network_icon (network));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  desk_text_get_network_name (network), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (desk_account_get_last_error (account) != NULL
      && !desk_account_get_paused (account))
    {
      button = gtk_button_new_with_mnemonic (_ ("_Retry"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_object (button, "clicked",
                               G_CALLBACK (on_retry_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      if (!simulated)
        {
          button = gtk_button_new_with_mnemonic (_ ("_Sign In Again"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          g_signal_connect_object (button, "clicked",
                                   G_CALLBACK (on_sign_in_again_clicked_cb),
                                   self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }

  sw = gtk_switch_new ();
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), !desk_account_get_paused (account));
  gtk_widget_set_tooltip_text (sw, _ ("Sync"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Sync this account"), -1);
  g_signal_connect_object (sw, "notify::active",
                           G_CALLBACK (on_pause_switch_active_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _ ("Remove Account"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_clicked_cb),
                           self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
rebuild (DeskAccountsPage *self)
{
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list)))
         != NULL)
    gtk_list_box_remove (self->accounts_list, child);

  accounts = desk_store_list_accounts (
      desk_workspace_get_store (self->workspace), &error);
  if (accounts == NULL)
    {
      g_warning ("could not list the accounts: %s", error->message);
      return;
    }

  for (guint i = 0; i < accounts->len; i++)
    gtk_list_box_append (self->accounts_list,
                         create_row (self, g_ptr_array_index (accounts, i)));

  if (accounts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("No accounts yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->accounts_list, row);
    }
}

static gboolean
on_rebuild_idle_cb (gpointer data)
{
  DeskAccountsPage *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Later, never under a row's own handler: the switch that paused the
 * account must not be destroyed while it is still emitting. */
static void
queue_rebuild (DeskAccountsPage *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source
        = g_idle_add_full (G_PRIORITY_DEFAULT, on_rebuild_idle_cb, self, NULL);
}

static void
on_add_row_activated_cb (DeskAccountsPage *self)
{
  open_dialog (self);
}

static void
desk_accounts_page_constructed (GObject *object)
{
  DeskAccountsPage *self = DESK_ACCOUNTS_PAGE (object);

  G_OBJECT_CLASS (desk_accounts_page_parent_class)->constructed (object);

  g_assert (DESK_IS_WORKSPACE (self->workspace));
  g_signal_connect_object (self->workspace, "accounts-changed",
                           G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  /* A sync that ends changes the account's state. */
  g_signal_connect_object (desk_workspace_get_sync_service (self->workspace),
                           "notify::busy", G_CALLBACK (queue_rebuild), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (desk_workspace_get_clock (self->workspace),
                           "minute-tick", G_CALLBACK (queue_rebuild), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
desk_accounts_page_get_property (GObject *object,
                                 guint prop_id,
                                 GValue *value,
                                 GParamSpec *pspec)
{
  DeskAccountsPage *self = DESK_ACCOUNTS_PAGE (object);

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
desk_accounts_page_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  DeskAccountsPage *self = DESK_ACCOUNTS_PAGE (object);

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
desk_accounts_page_dispose (GObject *object)
{
  DeskAccountsPage *self = DESK_ACCOUNTS_PAGE (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (desk_accounts_page_parent_class)->dispose (object);
}

static void
desk_accounts_page_class_init (DeskAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = desk_accounts_page_constructed;
  object_class->get_property = desk_accounts_page_get_property;
  object_class->set_property = desk_accounts_page_set_property;
  object_class->dispose = desk_accounts_page_dispose;

  properties[PROP_WORKSPACE] = g_param_spec_object (
      "workspace", NULL, NULL, DESK_TYPE_WORKSPACE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class,
      "/io/github/socialdesk/Socialdesk/ui/desk-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskAccountsPage,
                                        accounts_list);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_add_row_activated_cb);
}

static void
desk_accounts_page_init (DeskAccountsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DeskAccountsPage *
desk_accounts_page_new (DeskWorkspace *workspace)
{
  g_return_val_if_fail (DESK_IS_WORKSPACE (workspace), NULL);

  return g_object_new (DESK_TYPE_ACCOUNTS_PAGE, "workspace", workspace, NULL);
}
