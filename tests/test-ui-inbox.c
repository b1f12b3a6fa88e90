/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-test-ui-inbox"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "core/desk-store-private.h"
#include "channels/demo/desk-demo-channel.h"
#include "core/desk-store-snooze.h"
#include "ui/desk-application.h"
#include "ui/desk-composer.h"
#include "ui/desk-sidebar-row.h"
#include "ui/desk-tag-popover.h"
#include "ui/desk-window.h"
#include "ui/desk-workspace.h"
#include "ui-test-utils.h"

/* The inbox workflow, driven by the keys a user presses: assign, tag,
 * reply, close, snooze, bulk actions. On the demo workspace with a fake
 * fake clock, so snoozes wake when the test says. */

#define AGENT "Lea Becker"

static DeskApplication *app;
static char *data_dir;
static char *workspace_dir;
static GSettings *settings;
static DeskClock *fake_clock;
static DeskStore *store;
static DeskWorkspace *workspace;

/* Finds the shortcut bound to @keyval/@mods in the controllers of
 * @widget and its ancestors, as the key would travel, and runs it. */
static gboolean
press (GtkWidget *widget, guint keyval, GdkModifierType mods)
{
  g_autoptr (GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (w);
      guint n = g_list_model_get_n_items (controllers);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (GObject) controller
              = g_list_model_get_item (controllers, i);
          guint n_shortcuts;

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          n_shortcuts = g_list_model_get_n_items (G_LIST_MODEL (controller));
          for (guint j = 0; j < n_shortcuts; j++)
            {
              g_autoptr (GtkShortcut) shortcut
                  = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
              gboolean match = gtk_shortcut_trigger_equal (trigger, wanted);

              if (!match && GTK_IS_ALTERNATIVE_TRIGGER (trigger))
                match = gtk_shortcut_trigger_equal (
                            gtk_alternative_trigger_get_first (
                                GTK_ALTERNATIVE_TRIGGER (trigger)),
                            wanted)
                        || gtk_shortcut_trigger_equal (
                            gtk_alternative_trigger_get_second (
                                GTK_ALTERNATIVE_TRIGGER (trigger)),
                            wanted);
              if (match)
                return gtk_shortcut_action_activate (
                    gtk_shortcut_get_action (shortcut), 0, w,
                    gtk_shortcut_get_arguments (shortcut));
            }
        }
    }
  return FALSE;
}

static GtkWidget *
focus_or (DeskWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  return focus != NULL ? focus : GTK_WIDGET (window);
}

static DeskConversation *
reload (gint64 id)
{
  g_autoptr (GError) error = NULL;
  DeskConversation *c = desk_store_load_conversation (store, id, &error);

  g_assert_no_error (error);
  return c;
}

static guint
count_view (DeskView view)
{
  guint counts[DESK_N_VIEWS];
  g_autoptr (GError) error = NULL;

  g_assert_true (desk_store_count_views (store, AGENT, counts, &error));
  return counts[view];
}

static gboolean
has_items (gpointer data)
{
  return g_list_model_get_n_items (
             G_LIST_MODEL (desk_window_get_inbox_model (data)))
         >= 5;
}

static DeskWindow *
open_window (int width, int height)
{
  DeskWindow *window
      = desk_window_new (GTK_APPLICATION (app), store, fake_clock, settings,
                         desk_workspace_get_sync_service (workspace),
                         desk_workspace_get_channels (workspace));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 2);
  desk_window_set_view (window, "open");
  g_assert_true (spin_until (has_items, window, 20000));
  return window;
}

static void
close_window (DeskWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
  g_assert_null (weak);
}

static DeskSidebarRow *
find_sidebar_row (GtkWidget *root, const char *title)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (root, DESK_TYPE_SIDEBAR_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (desk_sidebar_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

typedef struct
{
  DeskSidebarRow *row;
  guint count;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;
  return desk_sidebar_row_get_count (wait->row) == wait->count;
}

/* The sidebar counts on an idle after the store commits. */
static void
wait_count (DeskSidebarRow *row, guint count)
{
  CountWait wait = { row, count };

  spin_until (count_is, &wait, 10000);
  g_assert_cmpuint (desk_sidebar_row_get_count (row), ==, count);
}

static gboolean
has_tag_row (gpointer data)
{
  return find_sidebar_row (data, "Rechnung") != NULL;
}

static gboolean
find_in_model (DeskWindow *window, gint64 id)
{
  return desk_inbox_model_find (desk_window_get_inbox_model (window), id)
         != G_MAXUINT;
}

typedef struct
{
  DeskWindow *window;
  gint64 id;
  gboolean present;
} ModelWait;

static gboolean
model_is (gpointer data)
{
  ModelWait *wait = data;
  return find_in_model (wait->window, wait->id) == wait->present;
}

/* Whether the inbox shows @id, once the model has caught up. */
static gboolean
in_model (DeskWindow *window, gint64 id)
{
  ModelWait wait = { window, id, !find_in_model (window, id) };

  spin_until (model_is, &wait, 5000);
  return find_in_model (window, id);
}

static guint
count_rows (const char *sql, gint64 id)
{
  sqlite3_stmt *stmt;
  guint n;

  g_assert_cmpint (
      sqlite3_prepare_v2 (_desk_store_get_db (store), sql, -1, &stmt, NULL), ==,
      SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
shoot (DeskWindow *window, const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *dark = g_strconcat (name, "-dark", NULL);

  wait_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (window), name);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  wait_frames (GTK_WIDGET (window), 2);
}

static gboolean
is_conversation_shown (gpointer data)
{
  return g_strcmp0 (adw_leaflet_get_visible_child_name (data), "conversation")
         == 0;
}

/* Select, assign to me, tag, reply, close: all by keyboard. */
static void
test_triage (void)
{
  DeskWindow *window = open_window (1280, 800);
  g_autoptr (DeskConversation) after = NULL;
  g_autoptr (GPtrArray) popovers = g_ptr_array_new ();
  DeskSidebarRow *row;
  DeskTagPopover *popover;
  GtkWidget *entry;
  guint mine_before = count_view (DESK_VIEW_MINE);
  gint64 id;

  /* Ctrl+Page Down opens the first conversation. */
  g_assert_true (
      press (focus_or (window), GDK_KEY_Page_Down, GDK_CONTROL_MASK));
  g_assert_nonnull (desk_window_get_conversation (window));
  id = desk_conversation_get_id (desk_window_get_conversation (window));

  /* Ctrl+Shift+M: assigned to me, counted in Mine. */
  g_assert_true (
      press (focus_or (window), GDK_KEY_M, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  after = reload (id);
  g_assert_cmpstr (desk_conversation_get_assignee (after), ==, AGENT);
  g_assert_cmpuint (count_view (DESK_VIEW_MINE), ==, mine_before + 1);
  row = find_sidebar_row (GTK_WIDGET (window), "Mine");
  g_assert_nonnull (row);
  wait_count (row, mine_before + 1);

  /* Ctrl+Shift+T: the tag popover; a new tag "Rechnung" lands on it. */
  g_assert_true (
      press (focus_or (window), GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  wait_frames (GTK_WIDGET (window), 2);
  collect_widgets (GTK_WIDGET (window), DESK_TYPE_TAG_POPOVER, popovers);
  popover = NULL;
  for (guint i = 0; i < popovers->len; i++)
    if (gtk_widget_get_visible (popovers->pdata[i]))
      popover = popovers->pdata[i];
  g_assert_nonnull (popover);
  entry = find_widget (GTK_WIDGET (popover), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Rechnung");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (
      count_rows ("SELECT count (*) FROM conversation_tag ct JOIN tag t"
                  " ON t.id = ct.tag_id WHERE t.name = 'Rechnung'"
                  " AND ct.conversation_id = ?",
                  id),
      ==, 1);
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* The sidebar lists the tag with its count; choosing it filters. */
  g_assert_true (spin_until (has_tag_row, window, 10000));
  row = find_sidebar_row (GTK_WIDGET (window), "Rechnung");
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  wait_count (row, 1);
  gtk_list_box_select_row (
      GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))),
      GTK_LIST_BOX_ROW (row));
  spin_for (100);
  g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (desk_window_get_inbox_model (window))),
                    ==, 1);
  g_assert_true (in_model (window, id));

  /* Ctrl+R to the composer, type, Ctrl+Return sends. */
  g_assert_true (press (focus_or (window), GDK_KEY_r, GDK_CONTROL_MASK));
  wait_frames (GTK_WIDGET (window), 2);
  {
    DeskComposer *composer
        = DESK_COMPOSER (find_widget (GTK_WIDGET (window), DESK_TYPE_COMPOSER));
    guint replies = count_rows ("SELECT count (*) FROM message WHERE"
                                " conversation_id = ? AND direction = 1",
                                id);

    g_assert_true (desk_composer_has_focus (composer));
    desk_composer_set_text (composer, "Vielen Dank, wir kümmern uns darum.");
    g_assert_true (press (focus_or (window), GDK_KEY_Return, GDK_CONTROL_MASK));
    spin_for (200);
    g_assert_cmpuint (count_rows ("SELECT count (*) FROM message WHERE"
                                  " conversation_id = ? AND direction = 1",
                                  id),
                      ==, replies + 1);
  }

  /* A positive interaction goes into the customer's history. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.mark-positive", NULL));
  g_assert_cmpuint (count_rows ("SELECT count (*) FROM interaction WHERE"
                                " conversation_id = ?",
                                id),
                    ==, 1);

  shoot (window, "inbox-triage");

  /* Ctrl+Shift+E: closed, gone from Open, in Closed. */
  g_assert_true (
      press (focus_or (window), GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_clear_object (&after);
  after = reload (id);
  g_assert_cmpint (desk_conversation_get_status (after), ==,
                   DESK_STATUS_CLOSED);
  row = find_sidebar_row (GTK_WIDGET (window), "Any Tag");
  gtk_list_box_select_row (
      GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))),
      GTK_LIST_BOX_ROW (row));
  spin_for (100);
  g_assert_false (in_model (window, id));
  desk_window_set_view (window, "closed");
  g_assert_true (in_model (window, id));

  close_window (window);
}

/* The inbox list is the one that selects several at once. */
static GtkSelectionModel *
find_inbox_selection (DeskWindow *window)
{
  g_autoptr (GPtrArray) lists = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, lists);
  for (guint i = 0; i < lists->len; i++)
    {
      GtkSelectionModel *model = gtk_list_view_get_model (lists->pdata[i]);

      if (GTK_IS_MULTI_SELECTION (model))
        return model;
    }
  g_assert_not_reached ();
}

/* Three selected, one Ctrl+Shift+E: all three closed. */
static void
test_bulk_close (void)
{
  DeskWindow *window = open_window (1280, 800);
  GtkSelectionModel *selection = find_inbox_selection (window);
  g_autoptr (GPtrArray) revealers = g_ptr_array_new ();
  gint64 ids[3];
  gboolean revealed = FALSE;

  g_assert_true (
      press (focus_or (window), GDK_KEY_Page_Down, GDK_CONTROL_MASK));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (DeskConversation) c
          = g_list_model_get_item (G_LIST_MODEL (selection), i);
      ids[i] = desk_conversation_get_id (c);
    }
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  wait_frames (GTK_WIDGET (window), 3);

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_REVEALER, revealers);
  for (guint i = 0; i < revealers->len; i++)
    if (gtk_widget_has_css_class (gtk_revealer_get_child (revealers->pdata[i]),
                                  "bulk-bar")
        && gtk_revealer_get_reveal_child (revealers->pdata[i]))
      revealed = TRUE;
  g_assert_true (revealed);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "3 selected", FALSE));
  shoot (window, "inbox-bulk-bar");

  g_assert_true (
      press (focus_or (window), GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  spin_for (100);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (DeskConversation) c = reload (ids[i]);

      g_assert_cmpint (desk_conversation_get_status (c), ==,
                       DESK_STATUS_CLOSED);
      g_assert_false (in_model (window, ids[i]));
    }

  close_window (window);
}

/* Snoozed for an hour, back in Open when the fake_clock gets there. */
static void
test_snooze_and_wake (void)
{
  DeskWindow *window = open_window (1280, 800);
  g_autoptr (DeskConversation) c = NULL;
  gint64 id;

  g_assert_true (
      press (focus_or (window), GDK_KEY_Page_Down, GDK_CONTROL_MASK));
  id = desk_conversation_get_id (desk_window_get_conversation (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.snooze",
                                             "s", "hour"));
  c = reload (id);
  g_assert_cmpint (desk_conversation_get_status (c), ==, DESK_STATUS_SNOOZED);
  g_assert_cmpint (desk_store_get_snoozed_until (store, id), ==,
                   desk_clock_get_now (fake_clock) + 3600);
  spin_for (100);
  g_assert_false (in_model (window, id));

  desk_clock_advance (fake_clock, 3600);
  spin_for (100);
  g_clear_object (&c);
  c = reload (id);
  g_assert_cmpint (desk_conversation_get_status (c), ==, DESK_STATUS_OPEN);
  g_assert_true (in_model (window, id));

  close_window (window);
}

/* A phone-wide window keeps the inbox first and the header to the menu. */
static void
test_narrow (void)
{
  DeskWindow *window = open_window (360, 700);
  AdwLeaflet *leaflet
      = ADW_LEAFLET (find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));

  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "inbox");
  g_assert_true (
      press (focus_or (window), GDK_KEY_Page_Down, GDK_CONTROL_MASK));
  /* Opening by keyboard shows the conversation, the menu holds the rest. */
  g_assert_true (spin_until (is_conversation_shown, leaflet, 2000));
  shoot (window, "inbox-narrow");
  close_window (window);
}

static void
set_up_workspace (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  workspace_dir = g_dir_make_tmp ("socialdesk-test-ui-inbox-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (workspace_dir, "socialdesk.db", NULL);

  settings = g_settings_new (BASE_APP_ID);
  g_settings_set_string (settings, "agent-name", AGENT);
  /* The fake clock jumps an hour; deadline and spike alerts belong to
   * other tests and would need a notification server. */
  g_settings_set_int (settings, "breach-warning-minutes", 0);
  g_settings_set_boolean (settings, "alerts-enabled", FALSE);
  fake_clock = desk_clock_new_fake (g_get_real_time () / G_USEC_PER_SEC);
  store = desk_store_open (path, fake_clock, &error);
  g_assert_no_error (error);

  workspace = desk_workspace_new (store);
  g_assert_true (desk_workspace_add_demo_accounts (workspace, &error));
  g_assert_true (desk_workspace_start (workspace, &error));
  g_assert_no_error (error);

  /* No simulated customer writes or answers while a test looks: a new
   * message would rightly reopen what the test just closed. */
  {
    GListModel *channels = desk_workspace_get_channels (workspace);

    for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
      {
        g_autoptr (GObject) channel = g_list_model_get_item (channels, i);

        if (DESK_IS_DEMO_CHANNEL (channel))
          g_object_set (channel, "interval", 0u, "answer-delay", 24u * 3600u,
                        NULL);
      }
  }
}

int
main (int argc, char *argv[])
{
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

  app = desk_application_new (BASE_APP_ID ".TestInbox",
                              G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  set_up_workspace ();

  g_test_add_func ("/ui-inbox/narrow", test_narrow);
  g_test_add_func ("/ui-inbox/triage", test_triage);
  g_test_add_func ("/ui-inbox/bulk-close", test_bulk_close);
  g_test_add_func ("/ui-inbox/snooze-and-wake", test_snooze_and_wake);

  status = g_test_run ();

  g_clear_object (&workspace);
  g_clear_object (&store);
  g_clear_object (&fake_clock);
  g_clear_object (&settings);
  g_clear_object (&app);
  remove_tree (workspace_dir);
  remove_tree (data_dir);
  g_free (workspace_dir);
  g_free (data_dir);
  return status;
}
