/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-test-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "ui/desk-application.h"
#include "ui/desk-composer.h"
#include "ui/desk-conversation-view.h"
#include "ui/desk-customer-pane.h"
#include "ui/desk-inbox-row.h"
#include "ui/desk-message-row.h"
#include "ui/desk-preferences-window.h"
#include "ui/desk-sidebar-row.h"
#include "ui/desk-text.h"
#include "ui/desk-window.h"
#include "ui/desk-workspace.h"
#include "ui-test-utils.h"

/* Real windows on a real store with the demo workspace, as the app runs
 * them: under Xvfb in CI, skipped without a display. */

#define WIDE_WIDTH 1280
#define WIDE_HEIGHT 800

static DeskApplication *app;
static char *data_dir;      /* XDG_DATA_HOME of this run */
static char *workspace_dir; /* the test workspace's database */
static GSettings *settings;
static DeskClock *sys_clock;
static DeskStore *store;
static DeskWorkspace *workspace;

static DeskWindow *
open_window (int width, int height)
{
  DeskWindow *window
      = desk_window_new (GTK_APPLICATION (app), store, sys_clock, settings,
                         desk_workspace_get_sync_service (workspace),
                         desk_workspace_get_channels (workspace));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 2);
  return window;
}

/* Destroys @window and checks nothing kept it alive. */
static void
close_window (DeskWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
  g_assert_null (weak);
}

static GtkWidget *
find_mapped_widget (GtkWidget *root, GType type)
{
  g_autoptr (GPtrArray) widgets = g_ptr_array_new ();

  collect_widgets (root, type, widgets);
  for (guint i = 0; i < widgets->len; i++)
    if (gtk_widget_get_mapped (widgets->pdata[i]))
      return widgets->pdata[i];
  return NULL;
}

/* The list showing the inbox model: other lists (a history, say) may
 * come first in the widget tree. */
static GtkWidget *
find_inbox_list (DeskWindow *window)
{
  g_autoptr (GPtrArray) lists = g_ptr_array_new ();
  GListModel *inbox = G_LIST_MODEL (desk_window_get_inbox_model (window));

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, lists);
  for (guint i = 0; i < lists->len; i++)
    {
      GtkSelectionModel *selection = gtk_list_view_get_model (lists->pdata[i]);
      GListModel *model = NULL;

      if (selection != NULL)
        g_object_get (selection, "model", &model, NULL);
      if (model == inbox)
        {
          g_object_unref (model);
          return lists->pdata[i];
        }
      g_clear_object (&model);
    }
  g_assert_not_reached ();
}

static gboolean
has_inbox (gpointer data)
{
  DeskInboxModel *model = desk_window_get_inbox_model (data);
  return g_list_model_get_n_items (G_LIST_MODEL (model)) >= 60;
}

static DeskWindow *
open_window_with_inbox (int width, int height)
{
  DeskWindow *window = open_window (width, height);

  desk_window_set_view (window, "all");
  g_assert_true (spin_until (has_inbox, window, 20000));
  return window;
}

/* desk-text: pure functions */

static void
test_text_for_display (void)
{
  struct
  {
    const char *in;
    const char *out;
    const char *line;
  } cases[] = {
    { "plain", "plain", "plain" },
    { "<b>bold</b> &amp;", "<b>bold</b> &amp;", "<b>bold</b> &amp;" },
    { "a\u202Eevil\u202C b", "aevil b", "aevil b" },
    { "\u2066iso\u2069\u202A\u202B\u202D", "iso", "iso" },
    { "two\nlines", "two\nlines", "two lines" },
    { "cr\r\nlf\rx", "cr\nlf\nx", "cr lf x" },
    { "bell\a esc\x1b[31m", "bell esc[31m", "bell esc[31m" },
    { "c1\xc2\x85\xc2\x9b", "c1", "c1" }, /* NEL and CSI */
    { "tab\there", "tab\there", "tab here" },
    { "  many   spaces \n", "  many   spaces \n", "many spaces" },
    { "Grüße 👋 שלום", "Grüße 👋 שלום", "Grüße 👋 שלום" },
    { "", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = desk_text_for_display (cases[i].in);
      g_autofree char *line = desk_text_for_display_line (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpstr (line, ==, cases[i].line);
    }

  {
    g_autofree char *null_text = desk_text_for_display (NULL);
    g_autofree char *invalid = desk_text_for_display ("ab\xff\xfe"
                                                      "cd");

    g_assert_cmpstr (null_text, ==, "");
    g_assert_true (g_utf8_validate (invalid, -1, NULL));
    g_assert_nonnull (strstr (invalid, "cd"));
  }
}

static void
test_text_break_points (void)
{
  struct
  {
    const char *in;
    guint run;
    const char *out;
  } cases[] = {
    { "abcde", 2, "ab\u200Bcd\u200Be" },
    { "ab cd", 2, "ab cd" },
    { "abc def", 3, "abc def" },
    { "e\u0301e\u0301e\u0301", 1, "e\u0301\u200Be\u0301\u200Be\u0301" },
    { "\U0001F1E9\U0001F1EA\U0001F1E9\U0001F1EA", 1,
      "\U0001F1E9\U0001F1EA\u200B\U0001F1E9\U0001F1EA" },
    { "\U0001F44B\U0001F3FD!", 1, "\U0001F44B\U0001F3FD\u200B!" },
    { "\U0001F469\u200D\U0001F4BB", 1, "\U0001F469\u200D\U0001F4BB" },
    { "", 4, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out
          = desk_text_add_break_points (cases[i].in, cases[i].run);
      g_autofree char *back = desk_text_remove_break_points (out);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpstr (back, ==, cases[i].in);
    }
}

static void
test_text_split_long (void)
{
  g_autofree char *word = g_strnfill (12, 'x');
  struct
  {
    const char *text;
    guint max_length;
    const char *pieces[5];
  } cases[] = {
    { "", 4, { "", NULL } },
    { "short", 10, { "short", NULL } },
    { "aaaa bbbb", 5, { "aaaa ", "bbbb", NULL } },
    { "line1\nline2", 6, { "line1", "line2", NULL } },
    { "ab\ncd ef gh", 8, { "ab\ncd ", "ef gh", NULL } },
    { word, 5, { "xxxxx", "xxxxx", "xx", NULL } },
    { "e\u0301e\u0301e\u0301", 3, { "e\u0301", "e\u0301", "e\u0301", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (GStrv) pieces
          = desk_text_split_long (cases[i].text, cases[i].max_length);

      g_assert_cmpstrv (pieces, cases[i].pieces);
    }
}

static void
test_text_relative_time (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (utc, 2026, 3, 12, 15, 0, 0);
  gint64 t = g_date_time_to_unix (now);
  g_autoptr (GDateTime) three_days = g_date_time_add_days (now, -3);
  g_autoptr (GDateTime) last_year = g_date_time_add_days (now, -400);
  g_autofree char *weekday = g_date_time_format (three_days, "%A");
  g_autofree char *old_date = g_date_time_format (last_year, "%x");
  g_autofree char *five_min
      = g_strdup_printf (ngettext ("%d min", "%d min", 5), 5);
  g_autofree char *three_h = g_strdup_printf (ngettext ("%d h", "%d h", 3), 3);
  struct
  {
    gint64 then;
    const char *expected;
  } cases[] = {
    { t - 10, C_ ("time", "now") },
    { t + 30, C_ ("time", "now") }, /* a server clock slightly ahead */
    { t - 5 * 60 - 20, five_min },
    { t - 3 * 3600 - 60, three_h },
    { t - 16 * 3600, _ ("Yesterday") }, /* 23:00 the day before */
    { g_date_time_to_unix (three_days), weekday },
    { g_date_time_to_unix (last_year), old_date },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text
          = desk_text_format_relative_time (cases[i].then, now);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autofree char *today = desk_text_format_day (t - 3 * 3600, now);
    g_autofree char *yesterday = desk_text_format_day (t - 16 * 3600, now);
    g_autofree char *day
        = desk_text_format_day (g_date_time_to_unix (three_days), now);

    g_assert_cmpstr (today, ==, _ ("Today"));
    g_assert_cmpstr (yesterday, ==, _ ("Yesterday"));
    g_assert_cmpstr (day, ==, weekday);
  }

  {
    /* Earlier this year: a short date, never the year. */
    g_autoptr (GDateTime) january = g_date_time_new (utc, 2026, 1, 5, 9, 0, 0);
    g_autofree char *text
        = desk_text_format_relative_time (g_date_time_to_unix (january), now);
    g_autofree char *absolute
        = desk_text_format_absolute_time (g_date_time_to_unix (january), utc);

    g_assert_null (strstr (text, "2026"));
    g_assert_nonnull (strstr (text, "5"));
    g_assert_cmpstr (absolute, !=, "");
  }
}

static void
test_text_helpers (void)
{
  g_autofree char *one = desk_text_format_followers (1);
  g_autofree char *many = desk_text_format_followers (12400);

  g_assert_nonnull (strstr (one, "1"));
  g_assert_nonnull (strstr (many, "12"));
  g_assert_cmpstr (desk_text_get_network_name ("mastodon"), ==, "Mastodon");
  g_assert_cmpstr (desk_text_get_network_name ("bluesky"), ==, "Bluesky");
  g_assert_cmpstr (desk_text_get_network_icon ("bluesky"), ==,
                   "desk-bluesky-symbolic");
  g_assert_cmpstr (desk_text_get_language_name ("de"), ==, _ ("German"));
  g_assert_cmpstr (desk_text_get_language_name ("xx"), ==, "xx");
}

/* Every templated type builds: the guard against API newer than GTK 4.8
 * and libadwaita 1.2 in .ui files, which only fails at run time. */
static void
test_widgets_construct (void)
{
  GType types[] = {
    DESK_TYPE_INBOX_ROW, DESK_TYPE_MESSAGE_ROW,   DESK_TYPE_CONVERSATION_VIEW,
    DESK_TYPE_COMPOSER,  DESK_TYPE_CUSTOMER_PANE, DESK_TYPE_SIDEBAR_ROW,
  };
  g_autoptr (GtkBuilder) builder = NULL;
  g_autoptr (GError) error = NULL;
  GObject *overlay;
  DeskWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));
      gpointer weak = widget;

      g_test_message ("constructed %s", g_type_name (types[i]));
      g_object_add_weak_pointer (G_OBJECT (widget), &weak);
      g_object_unref (widget);
      g_assert_null (weak);
    }

  builder = gtk_builder_new ();
  g_assert_true (gtk_builder_add_from_resource (
      builder, "/io/github/socialdesk/Socialdesk/gtk/help-overlay.ui", &error));
  g_assert_no_error (error);
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  window = desk_window_new (GTK_APPLICATION (app), store, sys_clock, settings,
                            NULL, NULL);
  g_assert_true (DESK_IS_WINDOW (window));
  close_window (window);
}

static void
on_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

/* Sets @name twice to @value: exactly one notification must follow. */
static void
assert_notifies_once (gpointer object, const char *name, const GValue *value)
{
  g_autofree char *signal = g_strconcat ("notify::", name, NULL);
  guint count = 0;
  gulong id
      = g_signal_connect (object, signal, G_CALLBACK (on_notify_cb), &count);

  g_object_set_property (object, name, value);
  g_object_set_property (object, name, value);
  g_signal_handler_disconnect (object, id);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_widgets_notify (void)
{
  GtkWidget *row = g_object_ref_sink (desk_sidebar_row_new (NULL, NULL, NULL));
  GtkWidget *inbox_row = g_object_ref_sink (desk_inbox_row_new (NULL));
  GtkWidget *pane
      = g_object_ref_sink (g_object_new (DESK_TYPE_CUSTOMER_PANE, NULL));
  DeskWindow *window = desk_window_new (GTK_APPLICATION (app), store, sys_clock,
                                        settings, NULL, NULL);
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Title");
  assert_notifies_once (row, "title", &value);
  g_value_set_string (&value, "alarm-symbolic");
  assert_notifies_once (row, "icon-name", &value);
  g_value_set_string (&value, "waiting");
  assert_notifies_once (row, "filter", &value);
  assert_notifies_once (window, "view", &value);
  g_value_set_string (&value, "oldest");
  assert_notifies_once (window, "sort", &value);
  g_value_unset (&value);

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, 12);
  assert_notifies_once (row, "count", &value);
  g_value_unset (&value);

  g_value_init (&value, DESK_TYPE_CLOCK);
  g_value_set_object (&value, sys_clock);
  assert_notifies_once (inbox_row, "clock", &value);
  g_value_unset (&value);

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, 1);
  assert_notifies_once (pane, "customer-id", &value);
  g_value_unset (&value);

  g_settings_set_string (settings, "inbox-sort", "urgent");
  g_settings_set_string (settings, "selected-view", "open");
  close_window (window);
  g_object_unref (pane);
  g_object_unref (inbox_row);
  g_object_unref (row);
}

/* (a) The window opens on the demo workspace's first sync. */
static void
test_window_inbox (void)
{
  DeskWindow *window = open_window_with_inbox (WIDE_WIDTH, WIDE_HEIGHT);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  guint total = 0;

  g_assert_cmpstr (desk_window_get_view (window), ==, "all");
  g_assert_cmpstr (g_settings_get_string (settings, "selected-view"), ==,
                   "all");
  g_assert_false (desk_window_get_folded (window));

  /* The sidebar counts what the store holds. */
  spin_for (100);
  collect_widgets (GTK_WIDGET (window), DESK_TYPE_SIDEBAR_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (desk_sidebar_row_get_filter (rows->pdata[i]), "all") == 0)
      total = desk_sidebar_row_get_count (rows->pdata[i]);
  g_assert_cmpuint (total, >=, 60);

  /* Both demo networks are offered as channel filters. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Mastodon", FALSE));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Bluesky", FALSE));

  /* Rows are drawn for the visible conversations. */
  g_ptr_array_set_size (rows, 0);
  collect_widgets (GTK_WIDGET (window), DESK_TYPE_INBOX_ROW, rows);
  g_assert_cmpuint (rows->len, >, 3);

  /* The sort menu's action drives the model and the setting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort",
                                             "s", "newest"));
  g_assert_cmpint (
      desk_inbox_model_get_sort (desk_window_get_inbox_model (window)), ==,
      DESK_SORT_NEWEST);
  g_assert_cmpstr (g_settings_get_string (settings, "inbox-sort"), ==,
                   "newest");
  g_settings_set_string (settings, "inbox-sort", "urgent");
  g_assert_cmpstr (desk_window_get_sort (window), ==, "urgent");

  close_window (window);
}

static gint64
first_conversation_id (DeskWindow *window)
{
  return desk_inbox_model_get_id (desk_window_get_inbox_model (window), 0);
}

/* (b) Selecting shows the thread and the customer. */
static void
test_window_select (void)
{
  DeskWindow *window = open_window_with_inbox (WIDE_WIDTH, WIDE_HEIGHT);
  GtkWidget *view, *pane;
  DeskConversation *conversation;
  g_autoptr (DeskCustomer) customer = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autofree char *first_body = NULL;
  gint64 id = 0;

  /* A conversation with a few messages makes the better picture. */
  for (guint i = 0; i < 20 && id == 0; i++)
    {
      gint64 candidate
          = desk_inbox_model_get_id (desk_window_get_inbox_model (window), i);
      g_autoptr (GPtrArray) thread
          = desk_store_load_messages (store, candidate, NULL);

      if (thread != NULL && thread->len >= 3)
        id = candidate;
    }
  if (id == 0)
    id = first_conversation_id (window);

  g_assert_true (desk_window_select_conversation (window, id));
  conversation = desk_window_get_conversation (window);
  g_assert_nonnull (conversation);
  g_assert_cmpint (desk_conversation_get_id (conversation), ==, id);

  view = find_widget (GTK_WIDGET (window), DESK_TYPE_CONVERSATION_VIEW);
  messages = desk_store_load_messages (store, id, NULL);
  g_assert_nonnull (messages);
  g_assert_cmpuint (
      desk_conversation_view_get_n_messages (DESK_CONVERSATION_VIEW (view)), ==,
      messages->len);
  wait_frames (GTK_WIDGET (window), 2);
  first_body = desk_text_for_display (
      desk_message_get_body (g_ptr_array_index (messages, 0)));
  g_assert_nonnull (find_label (view, first_body, FALSE));

  pane = find_widget (GTK_WIDGET (window), DESK_TYPE_CUSTOMER_PANE);
  g_assert_cmpint (
      desk_customer_pane_get_customer_id (DESK_CUSTOMER_PANE (pane)), ==,
      desk_conversation_get_customer_id (conversation));
  /* The pane reloads it when the conversation changes (marked read). */
  customer = g_object_ref (
      desk_customer_pane_get_customer (DESK_CUSTOMER_PANE (pane)));
  g_assert_nonnull (customer);
  g_assert_cmpuint (desk_customer_get_n_identities (customer), >=, 1);
  /* Longer translations can leave no room beside the thread: then the
   * pane is an overlay, opened on request. */
  if (!adw_flap_get_reveal_flap (
          ADW_FLAP (gtk_widget_get_ancestor (pane, ADW_TYPE_FLAP))))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-customer-pane",
                                NULL);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_mapped (pane));
  {
    g_autofree char *name = desk_text_for_display_line (
        desk_customer_get_display_name (customer));
    g_assert_nonnull (find_label (pane, name, FALSE));
  }

  /* Opening marks it read. */
  spin_for (200);
  {
    g_autoptr (DeskConversation) fresh
        = desk_store_load_conversation (store, id, NULL);
    g_assert_cmpuint (desk_conversation_get_unread (fresh), ==, 0);
  }

  /* Keyboard navigation moves to the next conversation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.next-conversation", NULL));
  g_assert_cmpint (
      desk_conversation_get_id (desk_window_get_conversation (window)), !=, id);
  g_assert_true (gtk_widget_activate_action (
      GTK_WIDGET (window), "win.previous-conversation", NULL));
  g_assert_cmpint (
      desk_conversation_get_id (desk_window_get_conversation (window)), ==, id);

  save_screenshot (GTK_WIDGET (window), "main");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (GTK_WIDGET (window), "main-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  close_window (window);
}

typedef struct
{
  GtkWidget *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;
  return find_label (wait->root, wait->text, FALSE) != NULL;
}

static DeskMessageRow *
find_outgoing_row (GtkWidget *view, const char *body)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (view, DESK_TYPE_MESSAGE_ROW, rows);
  for (guint i = rows->len; i > 0; i--)
    {
      DeskMessage *message = desk_message_row_get_message (rows->pdata[i - 1]);

      if (desk_message_get_direction (message) == DESK_DIRECTION_OUTGOING
          && g_strcmp0 (desk_message_get_body (message), body) == 0)
        return rows->pdata[i - 1];
    }
  return NULL;
}

/* (c) Sending queues the reply, shows it, and clears the draft. */
static void
test_window_send (void)
{
  DeskWindow *window = open_window_with_inbox (WIDE_WIDTH, WIDE_HEIGHT);
  const char *reply = "Danke für Ihre Nachricht! Wir kümmern uns sofort.";
  GtkWidget *view, *composer;
  DeskMessageRow *row;
  g_autoptr (DeskConversation) fresh = NULL;
  g_autofree char *left = NULL;
  guint before;
  gint64 id = first_conversation_id (window);
  LabelWait sending = { NULL, NULL };
  LabelWait sent = { NULL, NULL };

  g_assert_true (desk_window_select_conversation (window, id));
  view = find_widget (GTK_WIDGET (window), DESK_TYPE_CONVERSATION_VIEW);
  composer = find_widget (GTK_WIDGET (window), DESK_TYPE_COMPOSER);
  before
      = desk_conversation_view_get_n_messages (DESK_CONVERSATION_VIEW (view));

  /* Nothing to send yet. */
  g_assert_false (action_enabled (composer, "composer.send"));

  desk_composer_set_text (DESK_COMPOSER (composer), reply);
  g_assert_true (action_enabled (composer, "composer.send"));
  g_assert_true (gtk_widget_activate_action (composer, "composer.send", NULL));

  g_assert_cmpuint (
      desk_conversation_view_get_n_messages (DESK_CONVERSATION_VIEW (view)), >=,
      before + 1);
  row = find_outgoing_row (view, reply);
  g_assert_nonnull (row);

  /* Queued or already on its way: either way the user sees it. */
  sending.root = GTK_WIDGET (row);
  sending.text = _ ("Sending…");
  sent.root = GTK_WIDGET (row);
  sent.text = _ ("Sent");
  spin_for (50);
  g_assert_true (label_shown (&sending) || label_shown (&sent));
  /* The demo network delivers it. */
  g_assert_true (spin_until (label_shown, &sent, 15000));

  left = desk_composer_dup_text (DESK_COMPOSER (composer));
  g_assert_cmpstr (left, ==, "");
  fresh = desk_store_load_conversation (store, id, NULL);
  g_assert_null (desk_conversation_get_draft (fresh));

  /* Too long for the network: the counter says so and send is off. */
  {
    guint max = desk_composer_get_max_length (DESK_COMPOSER (composer));
    g_autofree char *long_text = g_strnfill (max + 1, 'a');

    desk_composer_set_text (DESK_COMPOSER (composer), long_text);
    g_assert_false (action_enabled (composer, "composer.send"));
    g_assert_nonnull (find_label (composer, "/", TRUE));
    g_assert_true (gtk_widget_has_css_class (
        GTK_WIDGET (find_label (composer, "/", TRUE)), "error"));
    desk_composer_set_text (DESK_COMPOSER (composer), "");
  }

  close_window (window);
}

typedef struct
{
  gint64 id;
  const char *draft;
} DraftWait;

static gboolean
draft_saved (gpointer data)
{
  DraftWait *wait = data;
  g_autoptr (DeskConversation) fresh
      = desk_store_load_conversation (store, wait->id, NULL);

  return g_strcmp0 (desk_conversation_get_draft (fresh), wait->draft) == 0;
}

/* (d) A draft typed and left ends up in the store, and comes back. */
static void
test_window_draft (void)
{
  DeskWindow *window = open_window_with_inbox (WIDE_WIDTH, WIDE_HEIGHT);
  const char *draft = "Entwurf: Rechnung bitte noch prüfen";
  DeskInboxModel *model = desk_window_get_inbox_model (window);
  gint64 first = desk_inbox_model_get_id (model, 1);
  gint64 second = desk_inbox_model_get_id (model, 2);
  GtkWidget *composer;
  g_autofree char *restored = NULL;
  DraftWait wait = { 0, NULL };

  g_assert_true (desk_window_select_conversation (window, first));
  composer = find_widget (GTK_WIDGET (window), DESK_TYPE_COMPOSER);
  desk_composer_set_text (DESK_COMPOSER (composer), draft);

  /* Not while typing... */
  {
    g_autoptr (DeskConversation) fresh
        = desk_store_load_conversation (store, first, NULL);
    g_assert_null (desk_conversation_get_draft (fresh));
  }
  /* ...but once typing paused. */
  wait.id = first;
  wait.draft = draft;
  g_assert_true (spin_until (draft_saved, &wait, 10000));

  /* Another conversation has its own (empty) draft; coming back brings
   * this one again. */
  g_assert_true (desk_window_select_conversation (window, second));
  {
    g_autofree char *other = desk_composer_dup_text (DESK_COMPOSER (composer));
    g_assert_cmpstr (other, ==, "");
  }
  g_assert_true (desk_window_select_conversation (window, first));
  restored = desk_composer_dup_text (DESK_COMPOSER (composer));
  g_assert_cmpstr (restored, ==, draft);

  /* Typed and switched away before the pause: saved on the switch. */
  desk_composer_set_text (DESK_COMPOSER (composer), "");
  g_assert_true (desk_window_select_conversation (window, second));
  {
    g_autoptr (DeskConversation) fresh
        = desk_store_load_conversation (store, first, NULL);
    g_assert_null (desk_conversation_get_draft (fresh));
  }

  close_window (window);
}

static char *
pick_search_word (gint64 id)
{
  g_autoptr (GPtrArray) messages = desk_store_load_messages (store, id, NULL);
  g_autofree char *best = NULL;

  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      DeskMessage *message = g_ptr_array_index (messages, i);
      g_auto (GStrv) words = NULL;

      if (desk_message_get_direction (message) != DESK_DIRECTION_INCOMING)
        continue;

      words = g_regex_split_simple ("[^A-Za-z]+",
                                    desk_message_get_body (message), 0, 0);
      for (guint w = 0; words[w] != NULL; w++)
        if (strlen (words[w]) >= 7
            && (best == NULL || strlen (words[w]) > strlen (best)))
          {
            g_free (best);
            best = g_strdup (words[w]);
          }
    }
  return g_steal_pointer (&best);
}

typedef struct
{
  DeskInboxModel *model;
  guint total;
  gboolean want_empty;
} SearchWait;

static gboolean
search_settled (gpointer data)
{
  SearchWait *wait = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (wait->model));

  if (wait->want_empty)
    return n == 0;
  return n > 0 && n < wait->total;
}

static gboolean
search_cleared (gpointer data)
{
  SearchWait *wait = data;
  return g_list_model_get_n_items (G_LIST_MODEL (wait->model)) >= wait->total;
}

/* (f) Searching narrows the list as the user types. */
static void
test_window_search (void)
{
  DeskWindow *window = open_window_with_inbox (WIDE_WIDTH, WIDE_HEIGHT);
  DeskInboxModel *model = desk_window_get_inbox_model (window);
  GtkWidget *entry;
  g_autofree char *word = NULL;
  SearchWait wait = { model, 0, FALSE };
  gint64 id = 0;

  wait.total = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; word == NULL && i < wait.total; i++)
    {
      id = desk_inbox_model_get_id (model, i);
      word = pick_search_word (id);
    }
  g_assert_nonnull (word);
  g_test_message ("searching for “%s”", word);

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  entry = find_mapped_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), word);
  g_assert_true (spin_until (search_settled, &wait, 5000));
  g_assert_cmpuint (desk_inbox_model_find (model, id), !=, G_MAXUINT);

  /* Nothing matches: the status page says so. */
  wait.want_empty = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), "xqzzyvorkwuffle");
  g_assert_true (spin_until (search_settled, &wait, 5000));
  wait_frames (GTK_WIDGET (window), 1);
  g_assert_nonnull (find_label (GTK_WIDGET (window), _ ("No Results"), FALSE));

  /* Escape leaves the search and shows everything again. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.escape", NULL));
  g_assert_true (spin_until (search_cleared, &wait, 5000));

  close_window (window);
}

static void
on_store_changed_cb (DeskStore *s, GArray *changed, gint64 *id)
{
  if (changed->len > 0)
    *id = g_array_index (changed, gint64, 0);
}

/* (g) Customer text is shown literally, and cannot widen the window. */
static void
test_window_hostile_text (void)
{
  DeskWindow *window = open_window_with_inbox (WIDE_WIDTH, WIDE_HEIGHT);
  g_autoptr (GPtrArray) accounts = desk_store_list_accounts (store, NULL);
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *long_word = g_strnfill (5000, 'W');
  g_autofree char *body = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  GtkLabel *label;
  gint64 id = 0;
  gulong handler;

  g_assert_nonnull (accounts);
  g_assert_cmpuint (accounts->len, >=, 1);

  body = g_strconcat ("<b>bold</b> &amp; \u202Eevil ", long_word, NULL);
  batch = desk_sync_batch_new (
      desk_account_get_id (g_ptr_array_index (accounts, 0)));
  desk_sync_batch_add_identity (batch, "hostile-1", "@mallory@evil.example",
                                "<i>Mallory</i>\u202E\u2066");
  desk_sync_batch_add_message (batch, "hostile-message-1", "hostile-thread-1",
                               DESK_CONVERSATION_KIND_PUBLIC,
                               DESK_DIRECTION_INCOMING, "hostile-1", body,
                               desk_clock_get_now (sys_clock));

  handler = g_signal_connect (store, "conversations-changed",
                              G_CALLBACK (on_store_changed_cb), &id);
  g_assert_true (desk_store_apply_batch (store, batch, NULL, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (store, handler);
  g_assert_cmpint (id, >, 0);

  g_assert_true (desk_window_select_conversation (window, id));
  wait_frames (GTK_WIDGET (window), 3);

  /* The thread shows the markup as text, without the override. */
  label = find_label (GTK_WIDGET (window), "<b>bold</b> &amp; evil", TRUE);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  /* The long word is all there, over the labels of its bubble. */
  {
    GtkWidget *row
        = gtk_widget_get_ancestor (GTK_WIDGET (label), DESK_TYPE_MESSAGE_ROW);
    g_autoptr (GPtrArray) pieces = g_ptr_array_new ();
    g_autoptr (GString) all = g_string_new (NULL);
    g_autofree char *shown = NULL;

    g_assert_nonnull (row);
    collect_widgets (row, GTK_TYPE_LABEL, pieces);
    for (guint i = 0; i < pieces->len; i++)
      g_string_append (all, gtk_label_get_text (pieces->pdata[i]));
    shown = desk_text_remove_break_points (all->str);
    g_assert_nonnull (strstr (shown, long_word));
  }

  /* Copying gives the text as written, without the override and without
   * the break points that keep wrapping fast. */
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (label));
    GdkContentProvider *content;
    GValue value = G_VALUE_INIT;
    g_autofree char *expected = desk_text_for_display (body);
    const char *copied;

    gtk_label_select_region (label, 0, -1);
    g_signal_emit_by_name (label, "copy-clipboard");
    content = gdk_clipboard_get_content (clipboard);
    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    copied = g_value_get_string (&value);
    g_assert_true (g_str_has_prefix (copied, "<b>bold</b> &amp; evil W"));
    g_assert_true (g_str_has_prefix (expected, copied));
    g_value_unset (&value);
  }

  /* The name in the header and the inbox row, literally. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "<i>Mallory</i>", FALSE));

  /* No label anywhere carries a bidi control. */
  collect_widgets (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (labels->pdata[i]);

      g_assert_null (strstr (text, "\u202E"));
      g_assert_null (strstr (text, "\u2066"));
    }

  /* The 5,000-character word wraps instead of widening the window. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, WIDE_WIDTH);
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                        &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, WIDE_WIDTH);
  }

  close_window (window);
}

/* (h) A phone-sized window folds to one pane at a time. */
static void
test_window_narrow (void)
{
  DeskWindow *window = open_window_with_inbox (360, 700);
  g_autoptr (GPtrArray) leaflets = g_ptr_array_new ();
  GtkWidget *view;

  g_assert_true (desk_window_get_folded (window));
  collect_widgets (GTK_WIDGET (window), ADW_TYPE_LEAFLET, leaflets);
  g_assert_cmpuint (leaflets->len, ==, 1);
  g_assert_true (adw_leaflet_get_folded (leaflets->pdata[0]));
  /* The inbox comes first. */
  g_assert_true (gtk_widget_get_mapped (find_inbox_list (window)));
  /* A phone-sized window: the widest pane (the inbox with its badges)
   * still fits. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);

  desk_window_set_view (window, "open");
  wait_frames (GTK_WIDGET (window), 2);
  save_screenshot (GTK_WIDGET (window), "narrow");

  /* Opening a conversation navigates to it; back returns to the inbox. */
  g_assert_true (
      desk_window_select_conversation (window, first_conversation_id (window)));
  view = find_widget (GTK_WIDGET (window), DESK_TYPE_CONVERSATION_VIEW);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_mapped (view));
  save_screenshot (GTK_WIDGET (window), "narrow-conversation");

  /* The customer folds into an overlay that F9 opens and closes. */
  {
    GtkWidget *pane
        = find_widget (GTK_WIDGET (window), DESK_TYPE_CUSTOMER_PANE);
    AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (pane, ADW_TYPE_FLAP));

    g_assert_true (adw_flap_get_folded (flap));
    g_assert_false (adw_flap_get_reveal_flap (flap));
    g_assert_true (gtk_widget_activate_action (
        GTK_WIDGET (window), "win.toggle-customer-pane", NULL));
    g_assert_true (adw_flap_get_reveal_flap (flap));
    wait_frames (GTK_WIDGET (window), 2);
    g_assert_true (gtk_widget_get_mapped (pane));
    save_screenshot (GTK_WIDGET (window), "narrow-customer");
    g_assert_true (gtk_widget_activate_action (
        GTK_WIDGET (window), "win.toggle-customer-pane", NULL));
    g_assert_false (adw_flap_get_reveal_flap (flap));
  }

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-inbox", NULL));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_false (gtk_widget_get_mapped (view));

  /* The views are one step further back; choosing one returns to the
   * inbox. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.show-sidebar", NULL));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Mastodon", FALSE));
  save_screenshot (GTK_WIDGET (window), "narrow-sidebar");
  {
    g_autoptr (GPtrArray) rows = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (window), DESK_TYPE_SIDEBAR_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (desk_sidebar_row_get_filter (rows->pdata[i]), "all") == 0)
        g_signal_emit_by_name (rows->pdata[i], "activate");
  }
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (desk_window_get_view (window), ==, "all");
  g_assert_true (gtk_widget_get_mapped (find_inbox_list (window)));

  close_window (window);
}

static gboolean
has_main_window (gpointer data)
{
  return desk_application_get_main_window (data) != NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* A damaged database is kept, copied, and replaced only on request. */
static void
test_app_damaged_store (void)
{
  g_autofree char *path = desk_application_dup_store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *garbage = g_strnfill (8192, '#');
  g_autoptr (GDir) listing = NULL;
  AdwMessageDialog *dialog;
  const char *name;
  gboolean found_damaged = FALSE, found_backup = FALSE;
  DeskWindow *window;

  g_assert_true (g_str_has_prefix (path, data_dir));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  g_application_activate (G_APPLICATION (app));
  spin_for (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  g_assert_true (adw_message_dialog_has_response (dialog, "empty"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_null (desk_application_get_main_window (app));

  adw_message_dialog_response (dialog, "empty");
  g_assert_true (spin_until (has_main_window, app, 5000));

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *full = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      if (g_str_has_prefix (name, "socialdesk.db.damaged-")
          && !g_str_has_suffix (name, "-wal")
          && !g_str_has_suffix (name, "-shm"))
        {
          g_assert_true (g_file_get_contents (full, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, garbage);
          found_damaged = TRUE;
        }
      else if (g_str_has_prefix (name, "socialdesk.db.backup-"))
        found_backup = TRUE;
    }
  g_assert_true (found_damaged);
  g_assert_true (found_backup);

  /* The new inbox is the demo workspace. */
  window = desk_application_get_main_window (app);
  desk_window_set_view (window, "all");
  g_assert_true (spin_until (has_inbox, window, 20000));
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
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

  workspace_dir = g_dir_make_tmp ("socialdesk-test-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (workspace_dir, "socialdesk.db", NULL);

  settings = g_settings_new (BASE_APP_ID);
  g_settings_set_string (settings, "agent-name", "Lea Becker");
  sys_clock = desk_clock_new_system ();
  store = desk_store_open (path, sys_clock, &error);
  g_assert_no_error (error);

  /* The same set-up as the application's. */
  workspace = desk_workspace_new (store);
  g_assert_true (desk_workspace_add_demo_accounts (workspace, &error));
  g_assert_no_error (error);
  g_assert_true (desk_workspace_start (workspace, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (
      g_list_model_get_n_items (desk_workspace_get_channels (workspace)), ==,
      2);
  g_signal_connect (desk_workspace_get_sync_service (workspace), "warning",
                    G_CALLBACK (on_sync_warning_cb), NULL);
}

static void
test_preferences (void)
{
  DeskWindow *window = open_window (1180, 760);
  DeskPreferencesWindow *prefs
      = desk_preferences_window_new (GTK_WINDOW (window), store, settings);
  g_autoptr (GPtrArray) spins = g_ptr_array_new ();
  g_autoptr (DeskBusinessHours) hours = NULL;
  g_autofree char *monday = NULL;
  g_autofree char *agent = NULL;
  g_auto (GStrv) team = NULL;
  AdwPreferencesRow *row;
  DeskSlaPolicy policy;

  gtk_window_present (GTK_WINDOW (prefs));
  wait_frames (GTK_WIDGET (prefs), 2);
  save_screenshot (GTK_WIDGET (prefs), "preferences");

  /* The agent's name and the team go to the agent's settings. */
  row = find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, _ ("Your Name"));
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Anna Berger");
  g_signal_emit_by_name (row, "apply");
  agent = g_settings_get_string (settings, "agent-name");
  g_assert_cmpstr (agent, ==, "Anna Berger");
  row = find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, _ ("Add Teammate"));
  gtk_editable_set_text (GTK_EDITABLE (row), "Murat Yilmaz");
  g_signal_emit_by_name (row, "apply");
  team = g_settings_get_strv (settings, "teammates");
  g_assert_true (g_strv_contains ((const char *const *) team, "Murat Yilmaz"));
  g_assert_nonnull (find_label (GTK_WIDGET (prefs), "Murat Yilmaz", FALSE));

  /* Targets and business hours go to the shared store. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs),
                                                NULL);
  collect_widgets (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, spins);
  /* The reach threshold first, then Mastodon's three targets. */
  g_assert_cmpuint (spins->len, >=, 4);
  gtk_spin_button_set_value (spins->pdata[1], 45);
  desk_store_get_sla_policy (store, "mastodon", DESK_PRIORITY_NORMAL, &policy);
  g_assert_cmpuint (policy.first_response_minutes, ==, 45);
  gtk_spin_button_set_value (spins->pdata[0], 5000);
  g_assert_cmpint (desk_store_get_high_reach_followers (store), ==, 5000);

  row = find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, _ ("Monday"));
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "9-12, 13:00–17:00");
  g_signal_emit_by_name (row, "apply");
  hours = desk_store_get_business_hours (store);
  monday = desk_business_hours_format_day (hours, G_DATE_MONDAY);
  g_assert_cmpstr (monday, ==, "09:00–12:00, 13:00–17:00");
  /* The row shows what was stored, written the canonical way. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "09:00–12:00, 13:00–17:00");

  /* A typo is marked and changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (row), "9 till late");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_clear_pointer (&hours, desk_business_hours_unref);
  g_free (monday);
  hours = desk_store_get_business_hours (store);
  monday = desk_business_hours_format_day (hours, G_DATE_MONDAY);
  g_assert_cmpstr (monday, ==, "09:00–12:00, 13:00–17:00");

  adw_preferences_window_set_visible_page (
      ADW_PREFERENCES_WINDOW (prefs),
      ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (
          GTK_WIDGET (row), ADW_TYPE_PREFERENCES_PAGE)));
  save_screenshot (GTK_WIDGET (prefs), "preferences-answer-times");

  /* Put things back for the tests after this one. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_signal_emit_by_name (row, "apply");
  g_settings_reset (settings, "agent-name");
  g_settings_reset (settings, "teammates");
  gtk_window_destroy (GTK_WINDOW (prefs));
  close_window (window);
}

static gint64
find_conversation_on (DeskWindow *window, const char *network)
{
  DeskInboxModel *model = desk_window_get_inbox_model (window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DeskConversation) conversation
          = g_list_model_get_item (G_LIST_MODEL (model), i);
      if (g_strcmp0 (desk_conversation_get_network (conversation), network)
          == 0)
        return desk_conversation_get_id (conversation);
    }
  g_assert_not_reached ();
}

static gboolean
message_hidden (gpointer data)
{
  gint64 *ids = data;
  g_autoptr (GPtrArray) messages
      = desk_store_load_messages (store, ids[0], NULL);

  for (guint i = 0; i < messages->len; i++)
    if (desk_message_get_id (messages->pdata[i]) == ids[1])
      return desk_message_get_hidden (messages->pdata[i]);
  return FALSE;
}

/* Hiding a customer's reply: only where the network allows it, after a
 * confirmation, and shown as hidden afterwards. */
static void
test_window_hide_reply (void)
{
  DeskWindow *window = open_window_with_inbox (WIDE_WIDTH, WIDE_HEIGHT);
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GList) toplevels = NULL;
  AdwMessageDialog *dialog = NULL;
  gint64 ids[2] = { 0, 0 };

  /* Bluesky's demo account does not moderate: the button is off. */
  g_assert_true (desk_window_select_conversation (
      window, find_conversation_on (window, "bluesky")));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_false (action_enabled (GTK_WIDGET (window), "win.hide-message"));

  ids[0] = find_conversation_on (window, "mastodon");
  g_assert_true (desk_window_select_conversation (window, ids[0]));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (action_enabled (GTK_WIDGET (window), "win.hide-message"));

  messages = desk_store_load_messages (store, ids[0], NULL);
  for (guint i = 0; ids[1] == 0 && i < messages->len; i++)
    if (desk_message_get_direction (messages->pdata[i])
        == DESK_DIRECTION_INCOMING)
      ids[1] = desk_message_get_id (messages->pdata[i]);
  g_assert_cmpint (ids[1], >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.hide-message", "x", ids[1]));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "hide");
  g_assert_true (spin_until (message_hidden, ids, 5000));
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Hidden", FALSE));
  save_screenshot (GTK_WIDGET (window), "hidden-reply");

  close_window (window);
}

/* Weekdays and dates come from the locale, not from English strings in
 * the code: a German agent reads "Montag", not "Monday". */
static void
test_text_german_dates (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  /* A Thursday; three days earlier is a Monday. */
  g_autoptr (GDateTime) now = g_date_time_new (utc, 2026, 3, 12, 15, 0, 0);
  g_autoptr (GDateTime) monday = g_date_time_add_days (now, -3);
  g_autofree char *saved = g_strdup (setlocale (LC_TIME, NULL));
  g_autofree char *day = NULL;
  g_autofree char *absolute = NULL;

  if (setlocale (LC_TIME, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is missing (tools/setup.sh)");
      return;
    }

  day = desk_text_format_day (g_date_time_to_unix (monday), now);
  absolute = desk_text_format_absolute_time (g_date_time_to_unix (now), utc);
  setlocale (LC_TIME, saved);

  g_assert_cmpstr (day, ==, "Montag");
  g_assert_nonnull (strstr (absolute, "12.03.2026"));
  g_assert_nonnull (strstr (absolute, "15:00:00"));
}

int
main (int argc, char *argv[])
{
  g_autofree char *localedir = NULL;
  int status;

  /* Before anything asks GLib for the data directory. */
  data_dir = g_dir_make_tmp ("socialdesk-test-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* The build tree's catalogues, so LANGUAGE=de gives German pictures. */
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
  /* Screenshots must not catch a transition halfway. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                NULL);

  app = desk_application_new (BASE_APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  set_up_workspace ();

  g_test_add_func ("/ui/text/for-display", test_text_for_display);
  g_test_add_func ("/ui/text/break-points", test_text_break_points);
  g_test_add_func ("/ui/text/split-long", test_text_split_long);
  g_test_add_func ("/ui/text/relative-time", test_text_relative_time);
  g_test_add_func ("/ui/text/helpers", test_text_helpers);
  g_test_add_func ("/ui/text/german-dates", test_text_german_dates);
  g_test_add_func ("/ui/widgets/construct", test_widgets_construct);
  g_test_add_func ("/ui/widgets/notify-once", test_widgets_notify);
  g_test_add_func ("/ui/window/inbox", test_window_inbox);
  g_test_add_func ("/ui/window/select", test_window_select);
  g_test_add_func ("/ui/window/send", test_window_send);
  g_test_add_func ("/ui/window/draft", test_window_draft);
  g_test_add_func ("/ui/window/search", test_window_search);
  g_test_add_func ("/ui/window/hostile-text", test_window_hostile_text);
  g_test_add_func ("/ui/window/narrow", test_window_narrow);
  g_test_add_func ("/ui/window/hide-reply", test_window_hide_reply);
  g_test_add_func ("/ui/app/damaged-store", test_app_damaged_store);
  g_test_add_func ("/ui/preferences", test_preferences);

  status = g_test_run ();

  g_clear_object (&workspace);
  g_clear_object (&store);
  g_clear_object (&sys_clock);
  g_clear_object (&settings);
  g_clear_object (&app);
  remove_tree (workspace_dir);
  remove_tree (data_dir);
  g_free (workspace_dir);
  g_free (data_dir);
  return status;
}
