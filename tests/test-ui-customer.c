/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-test-ui-customer"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "core/desk-store-customers.h"
#include "ui/desk-application.h"
#include "ui/desk-customer-pane.h"
#include "ui/desk-history-row.h"
#include "ui/desk-link-dialog.h"
#include "ui/desk-workspace.h"
#include "ui-test-utils.h"

/* The customer-history sidebar on the demo workspace, as an agent uses
 * it: one person on two networks, linked, unlinked, noted, and a long
 * history read a page at a time. Skipped without a display. */

#define PANE_WIDTH 360
#define PANE_HEIGHT 1100

static DeskApplication *app;
static char *data_dir;
static char *workspace_dir;
static DeskClock *sys_clock;
static DeskStore *store;
static DeskWorkspace *workspace;

typedef struct
{
  GtkWindow *window;
  DeskCustomerPane *pane;
} Sidebar;

static Sidebar
open_sidebar (DeskStore *with_store, gint64 customer_id)
{
  Sidebar s;

  s.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_application (s.window, GTK_APPLICATION (app));
  gtk_window_set_default_size (s.window, PANE_WIDTH, PANE_HEIGHT);
  s.pane = g_object_new (DESK_TYPE_CUSTOMER_PANE, "agent", "Lea Becker", NULL);
  desk_customer_pane_set_store (s.pane, with_store);
  desk_customer_pane_set_customer_id (s.pane, customer_id);
  gtk_window_set_child (s.window, GTK_WIDGET (s.pane));
  gtk_window_present (s.window);
  wait_frames (GTK_WIDGET (s.window), 3);
  return s;
}

static void
close_sidebar (Sidebar *s)
{
  gpointer weak = s->pane;

  g_object_add_weak_pointer (G_OBJECT (s->pane), &weak);
  gtk_window_destroy (s->window);
  spin_for (50);
  g_assert_null (weak);
}

/* The customer on @network whose name is @name. */
static gint64
find_customer (const char *name, const char *network)
{
  g_autoptr (GPtrArray) found
      = desk_store_search_customers (store, name, 20, NULL);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      DeskCustomer *c = found->pdata[i];

      for (guint j = 0; j < desk_customer_get_n_identities (c); j++)
        if (g_str_has_prefix (desk_customer_get_identity (c, j)->network,
                              network))
          return desk_customer_get_id (c);
    }
  return 0;
}

static gboolean
has_both_janas (gpointer data)
{
  return find_customer ("Jana", "mastodon") != 0
         && find_customer ("Jana", "bluesky") != 0;
}

static guint
count_identity_rows (DeskCustomerPane *pane)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  guint n = 0;

  collect_widgets (GTK_WIDGET (pane), GTK_TYPE_BOX, rows);
  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_has_css_class (rows->pdata[i], "identity-row")
        && gtk_widget_get_mapped (rows->pdata[i]))
      n++;
  return n;
}

/* The button showing @label (mnemonic included) under @root. */
static GtkButton *
find_button (GtkWidget *root, const char *label)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0
        && gtk_widget_get_mapped (buttons->pdata[i]))
      return buttons->pdata[i];
  return NULL;
}

static GtkButton *
find_button_by_tooltip (GtkWidget *root, const char *tooltip, guint nth)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), tooltip)
            == 0
        && gtk_widget_get_mapped (buttons->pdata[i]) && nth-- == 0)
      return buttons->pdata[i];
  return NULL;
}

typedef struct
{
  GtkWidget *root;
  const char *label;
} ButtonQuery;

static gboolean
button_shown (gpointer data)
{
  ButtonQuery *q = data;
  return find_button (q->root, q->label) != NULL;
}

static void
click_undo (DeskCustomerPane *pane)
{
  ButtonQuery q = { GTK_WIDGET (pane), "_Undo" };

  g_assert_true (spin_until (button_shown, &q, 5000));
  g_signal_emit_by_name (find_button (GTK_WIDGET (pane), "_Undo"), "clicked");
  wait_frames (gtk_widget_get_ancestor (GTK_WIDGET (pane), GTK_TYPE_WINDOW), 2);
}

static guint
history_length (DeskCustomerPane *pane)
{
  GListModel *history = desk_customer_pane_get_history (pane);
  return history != NULL ? g_list_model_get_n_items (history) : 0;
}

static guint
n_conversations (gint64 customer_id)
{
  g_autoptr (DeskCustomer) c
      = desk_store_load_customer_details (store, customer_id, NULL);
  return desk_customer_get_n_conversations (c);
}

static void
test_suggestion (void)
{
  gint64 mastodon = find_customer ("Jana", "mastodon");
  gint64 bluesky = find_customer ("Jana", "bluesky");
  guint n_mastodon = n_conversations (mastodon);
  guint n_bluesky = n_conversations (bluesky);
  Sidebar s;

  g_assert_cmpint (mastodon, !=, bluesky);
  g_assert_cmpuint (n_mastodon, >, 0);
  g_assert_cmpuint (n_bluesky, >, 0);

  s = open_sidebar (store, mastodon);
  g_assert_cmpuint (count_identity_rows (s.pane), ==, 1);
  g_assert_cmpuint (history_length (s.pane), ==, n_mastodon);

  /* Two separate customers, but the sidebar suspects one person. */
  g_assert_nonnull (find_label (GTK_WIDGET (s.pane),
                                "Possibly the same person: Jana Köhler", TRUE));
  g_assert_nonnull (find_button (GTK_WIDGET (s.pane), "_Not the Same"));
  save_screenshot (GTK_WIDGET (s.window), "customer-suggestion");
  {
    int minimum;

    /* The sidebar fits a phone-sized window. */
    gtk_widget_measure (GTK_WIDGET (s.pane), GTK_ORIENTATION_HORIZONTAL, -1,
                        &minimum, NULL, NULL, NULL);
    g_test_message ("pane minimum %d", minimum);
    g_assert_cmpint (minimum, <=, 300);
  }

  g_signal_emit_by_name (find_button (GTK_WIDGET (s.pane), "_Link"), "clicked");
  wait_frames (GTK_WIDGET (s.window), 2);

  /* One person: both identities, every conversation in one timeline. */
  g_assert_cmpuint (count_identity_rows (s.pane), ==, 2);
  g_assert_cmpuint (history_length (s.pane), ==, n_mastodon + n_bluesky);
  g_assert_null (
      find_label (GTK_WIDGET (s.pane), "Possibly the same person", TRUE));
  g_assert_nonnull (
      find_label (GTK_WIDGET (s.pane), "Linked Jana Köhler", FALSE));
  save_screenshot (GTK_WIDGET (s.window), "customer-linked");

  /* Never a one-way door. */
  click_undo (s.pane);
  g_assert_cmpint (desk_customer_pane_get_customer_id (s.pane), ==, mastodon);
  g_assert_cmpuint (count_identity_rows (s.pane), ==, 1);
  g_assert_cmpuint (history_length (s.pane), ==, n_mastodon);
  g_assert_cmpint (find_customer ("Jana", "bluesky"), ==, bluesky);
  g_assert_cmpuint (n_conversations (bluesky), ==, n_bluesky);

  close_sidebar (&s);
}

static gboolean
dialog_has_results (gpointer data)
{
  ButtonQuery q = { data, "_Link" };
  return button_shown (&q);
}

static DeskLinkDialog *
find_link_dialog (void)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (DESK_IS_LINK_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_link_dialog (void)
{
  gint64 mastodon = find_customer ("Jana", "mastodon");
  gint64 bluesky = find_customer ("Jana", "bluesky");
  guint n_mastodon = n_conversations (mastodon);
  guint n_bluesky = n_conversations (bluesky);
  Sidebar s = open_sidebar (store, mastodon);
  DeskLinkDialog *dialog;
  GtkWidget *entry;
  gpointer weak;

  gtk_widget_activate_action (GTK_WIDGET (s.pane), "customer.link-profile",
                              NULL);
  dialog = find_link_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);

  /* Searched as the agent types. */
  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "janakoehler");
  g_assert_true (spin_until (dialog_has_results, dialog, 5000));
  wait_frames (GTK_WIDGET (dialog), 2);
  /* The current customer is not offered to themselves. */
  g_assert_null (
      find_label (GTK_WIDGET (dialog), "@jana@mastodon.social", FALSE));
  g_assert_nonnull (
      find_label (GTK_WIDGET (dialog), "janakoehler.bsky.social", TRUE));
  save_screenshot (GTK_WIDGET (dialog), "customer-link-dialog");

  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Link"), "clicked");
  spin_for (50);
  g_assert_null (weak);
  wait_frames (GTK_WIDGET (s.window), 2);
  g_assert_cmpuint (count_identity_rows (s.pane), ==, 2);
  g_assert_cmpuint (history_length (s.pane), ==, n_mastodon + n_bluesky);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (GTK_WIDGET (s.window), 3);
  save_screenshot (GTK_WIDGET (s.window), "customer-linked-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Unlinking asks first. */
  g_signal_emit_by_name (
      find_button_by_tooltip (GTK_WIDGET (s.pane), "Unlink", 1), "clicked");
  {
    g_autoptr (GList) windows = gtk_window_list_toplevels ();
    AdwMessageDialog *confirm = NULL;

    for (GList *l = windows; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        confirm = l->data;
    g_assert_nonnull (confirm);
    g_assert_cmpuint (count_identity_rows (s.pane), ==, 2);
    adw_message_dialog_response (confirm, "unlink");
    gtk_window_destroy (GTK_WINDOW (confirm));
  }
  wait_frames (GTK_WIDGET (s.window), 2);
  g_assert_cmpuint (count_identity_rows (s.pane), ==, 1);
  g_assert_cmpuint (n_conversations (find_customer ("Jana", "bluesky")), ==,
                    n_bluesky);

  close_sidebar (&s);
}

static gboolean
note_gone (gpointer data)
{
  return find_label (data, "Prefers answers in German", TRUE) == NULL;
}

static guint
count_notes (gint64 customer_id)
{
  g_autoptr (GPtrArray) notes
      = desk_store_list_customer_notes (store, customer_id, NULL);
  return notes->len;
}

static void
test_notes (void)
{
  gint64 customer = find_customer ("Stefan", "mastodon");
  Sidebar s = open_sidebar (store, customer);
  GtkWidget *entry = find_widget (GTK_WIDGET (s.pane), GTK_TYPE_ENTRY);
  g_autoptr (GPtrArray) notes = NULL;

  g_assert_cmpuint (count_notes (customer), ==, 0);
  g_assert_false (action_enabled (GTK_WIDGET (s.pane), "customer.add-note"));

  gtk_editable_set_text (GTK_EDITABLE (entry),
                         "Prefers answers in German <b>not</b> bold");
  g_assert_true (action_enabled (GTK_WIDGET (s.pane), "customer.add-note"));
  g_signal_emit_by_name (entry, "activate");
  wait_frames (GTK_WIDGET (s.window), 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_nonnull (find_label (
      GTK_WIDGET (s.pane), "Prefers answers in German <b>not</b> bold", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (s.pane), "Lea Becker ·", TRUE));
  notes = desk_store_list_customer_notes (store, customer, NULL);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((DeskCustomerNote *) notes->pdata[0])->author, ==,
                   "Lea Becker");

  /* Deleted with an undo: back as it was. */
  g_signal_emit_by_name (
      find_button_by_tooltip (GTK_WIDGET (s.pane), "Delete Note", 0),
      "clicked");
  wait_frames (GTK_WIDGET (s.window), 2);
  g_assert_true (note_gone (s.pane));
  click_undo (s.pane);
  g_assert_false (note_gone (s.pane));
  g_assert_cmpuint (count_notes (customer), ==, 1);

  /* Deleted for good once the undo is no longer offered. */
  g_signal_emit_by_name (
      find_button_by_tooltip (GTK_WIDGET (s.pane), "Delete Note", 0),
      "clicked");
  wait_frames (GTK_WIDGET (s.window), 2);
  g_assert_true (note_gone (s.pane));
  close_sidebar (&s);
  g_assert_cmpuint (count_notes (customer), ==, 0);
}

/* A store of its own with one account, for customers made up here. */
typedef struct
{
  char *dir;
  DeskStore *store;
  gint64 account;
  guint n;
} OwnStore;

static void
own_store_open (OwnStore *o)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  o->dir = g_dir_make_tmp ("socialdesk-test-customer-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (o->dir, "socialdesk.db", NULL);
  o->store = desk_store_open (path, sys_clock, &error);
  g_assert_no_error (error);
  o->account = desk_store_add_account (o->store, "mastodon", "1",
                                       "@shop@social.example", "Shop",
                                       "social.example", FALSE, &error);
  g_assert_no_error (error);
  o->n = 0;
}

static void
own_store_close (OwnStore *o)
{
  g_clear_object (&o->store);
  remove_tree (o->dir);
  g_free (o->dir);
}

/* @n_threads conversations of one person; returns their customer. */
static gint64
add_person (OwnStore *o,
            const char *name,
            const char *bio,
            guint n_threads,
            gint64 newest)
{
  g_autoptr (DeskSyncBatch) batch = desk_sync_batch_new (o->account);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  DeskSyncIdentity *identity = desk_sync_batch_add_identity (
      batch, "p1", "@person@example.social", name);

  identity->bio = g_strdup (bio);
  identity->profile_url = g_strdup ("javascript:alert(1)");
  identity->followers = 12;
  for (guint i = 0; i < n_threads; i++)
    {
      g_autofree char *thread = g_strdup_printf ("t-%u", o->n);
      g_autofree char *id = g_strdup_printf ("m-%u", o->n++);
      g_autofree char *body = g_strdup_printf ("Question number %u", i);

      desk_sync_batch_add_message (
          batch, id, thread, DESK_CONVERSATION_KIND_PUBLIC,
          DESK_DIRECTION_INCOMING, "p1", body, newest - i * 3600);
    }
  g_assert_true (desk_store_apply_batch (o->store, batch, NULL, &error));
  g_assert_no_error (error);

  found = desk_store_search_customers (o->store, "person", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  return desk_customer_get_id (found->pdata[0]);
}

static gint64 opened_id;

static void
on_open_conversation_cb (DeskCustomerPane *pane, gint64 id, gpointer data)
{
  opened_id = id;
}

typedef struct
{
  DeskCustomerPane *pane;
  guint n;
} LengthQuery;

static gboolean
history_reaches (gpointer data)
{
  LengthQuery *q = data;
  return history_length (q->pane) >= q->n;
}

static void
test_paging (void)
{
  OwnStore o;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 customer;
  Sidebar s;
  GtkWidget *view;
  GtkAdjustment *adj;
  guint before;
  LengthQuery q;

  own_store_open (&o);
  customer = add_person (&o, "Paula Pager", "", 120, now - 60);
  s = open_sidebar (o.store, customer);
  g_signal_connect (s.pane, "open-conversation",
                    G_CALLBACK (on_open_conversation_cb), NULL);

  /* Only the first page, until the agent scrolls. */
  before = history_length (s.pane);
  g_assert_cmpuint (before, >, 0);
  g_assert_cmpuint (before, <, 120);
  g_assert_nonnull (find_label (GTK_WIDGET (s.pane), "120", FALSE));

  /* Scrolling to the end reads one more page at a time. */
  adj = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
          find_widget (GTK_WIDGET (s.pane), DESK_TYPE_HISTORY_ROW),
          GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  wait_frames (GTK_WIDGET (s.window), 3);
  g_assert_cmpuint (history_length (s.pane), >, before);
  g_assert_cmpuint (history_length (s.pane), <, 120);
  save_screenshot (GTK_WIDGET (s.window), "customer-history");
  for (guint i = 0; i < 40 && history_length (s.pane) < 120; i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
      wait_frames (GTK_WIDGET (s.window), 2);
    }
  g_assert_cmpuint (history_length (s.pane), ==, 120);

  /* Newest first, and a row opens its conversation. */
  view = gtk_widget_get_ancestor (
      find_widget (GTK_WIDGET (s.pane), DESK_TYPE_HISTORY_ROW),
      GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (view, "activate");
  {
    g_autoptr (DeskHistoryEntry) newest
        = g_list_model_get_item (desk_customer_pane_get_history (s.pane), 0);
    g_assert_cmpint (opened_id, ==,
                     desk_history_entry_get_conversation_id (newest));
  }
  g_assert_cmpint (opened_id, >, 0);
  {
    g_autoptr (DeskConversation) c
        = desk_store_load_conversation (o.store, opened_id, NULL);
    g_assert_cmpint (desk_conversation_get_customer_id (c), ==, customer);
  }

  /* A new conversation of theirs shows up without asking. */
  q.pane = s.pane;
  q.n = 121;
  add_person (&o, "Paula Pager", "", 1, now);
  g_assert_true (spin_until (history_reaches, &q, 5000));
  g_assert_nonnull (find_label (GTK_WIDGET (s.pane), "121", FALSE));

  close_sidebar (&s);
  own_store_close (&o);
}

static void
test_hostile (void)
{
  OwnStore o;
  g_autofree char *long_name = g_strnfill (300, 'W');
  const char *name = "<b>Evil</b> &amp; <span size=\"99999\">x</span>";
  const char *bio = "<i>bio</i> &lt; \u202Eevil";
  gint64 customer;
  Sidebar s;
  int minimum, natural;

  own_store_open (&o);
  customer
      = add_person (&o, name, bio, 1, g_get_real_time () / G_USEC_PER_SEC - 60);
  s = open_sidebar (o.store, customer);

  /* Shown as written, never as markup. */
  g_assert_nonnull (find_label (GTK_WIDGET (s.pane), name, FALSE));
  g_assert_nonnull (
      find_label (GTK_WIDGET (s.pane), "<i>bio</i> &lt; evil", FALSE));
  /* A profile link that is not a web page gets no button. */
  g_assert_null (
      find_button_by_tooltip (GTK_WIDGET (s.pane), "javascript:alert(1)", 0));

  /* Nothing widens the sidebar. */
  desk_customer_pane_set_customer_id (s.pane, 0);
  own_store_close (&o);
  own_store_open (&o);
  customer = add_person (&o, long_name, long_name, 1,
                         g_get_real_time () / G_USEC_PER_SEC - 60);
  desk_customer_pane_set_store (s.pane, o.store);
  desk_customer_pane_set_customer_id (s.pane, customer);
  wait_frames (GTK_WIDGET (s.window), 2);
  gtk_widget_measure (GTK_WIDGET (s.pane), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <=, 300);
  save_screenshot (GTK_WIDGET (s.window), "customer-hostile");

  close_sidebar (&s);
  own_store_close (&o);
}

static void
on_sync_warning_cb (DeskSyncService *service, const char *text)
{
  g_test_message ("sync warning: %s", text);
}

static void
set_up_workspace (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  workspace_dir = g_dir_make_tmp ("socialdesk-test-ui-customer-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (workspace_dir, "socialdesk.db", NULL);
  sys_clock = desk_clock_new_system ();
  store = desk_store_open (path, sys_clock, &error);
  g_assert_no_error (error);

  workspace = desk_workspace_new (store);
  g_assert_true (desk_workspace_add_demo_accounts (workspace, &error));
  g_assert_no_error (error);
  g_assert_true (desk_workspace_start (workspace, &error));
  g_assert_no_error (error);
  g_signal_connect (desk_workspace_get_sync_service (workspace), "warning",
                    G_CALLBACK (on_sync_warning_cb), NULL);
  g_assert_true (spin_until (has_both_janas, NULL, 20000));
}

int
main (int argc, char *argv[])
{
  g_autofree char *localedir = NULL;
  int status;

  data_dir = g_dir_make_tmp ("socialdesk-test-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  localedir = g_strdup (g_getenv ("SOCIALDESK_LOCALEDIR"));
  if (localedir == NULL)
    localedir
        = g_build_filename (g_test_get_dir (G_TEST_BUILT), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      remove_tree (data_dir);
      return 0;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                NULL);

  app = desk_application_new (BASE_APP_ID ".TestCustomer",
                              G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  set_up_workspace ();

  g_test_add_func ("/ui/customer/suggestion", test_suggestion);
  g_test_add_func ("/ui/customer/link-dialog", test_link_dialog);
  g_test_add_func ("/ui/customer/notes", test_notes);
  g_test_add_func ("/ui/customer/paging", test_paging);
  g_test_add_func ("/ui/customer/hostile", test_hostile);

  status = g_test_run ();

  g_clear_object (&workspace);
  g_clear_object (&store);
  g_clear_object (&sys_clock);
  g_clear_object (&app);
  remove_tree (workspace_dir);
  remove_tree (data_dir);
  g_free (workspace_dir);
  g_free (data_dir);
  return status;
}
