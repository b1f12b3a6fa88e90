/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-test-ui-reports"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "core/desk-account.h"
#include "core/desk-store-reports.h"
#include "core/desk-sync-batch.h"
#include "ui/desk-alert-monitor.h"
#include "ui/desk-application.h"
#include "ui/desk-chart-bars.h"
#include "ui/desk-chart-heatmap.h"
#include "ui/desk-metric-card.h"
#include "ui/desk-reports-window.h"
#include "ui/desk-workspace.h"
#include "ui-test-utils.h"

/* The reports window on the demo workspace after some agent work, its
 * exports, and the real-time alert monitor on a store with a fake
 * clock. Skipped without a display. */

static DeskApplication *app;
static char *data_dir;
static char *workspace_dir;
static GSettings *settings;
static DeskClock *sys_clock;
static DeskStore *store;
static DeskWorkspace *workspace;

/* Helpers */

static DeskMetricCard *
find_card (GtkWidget *root, const char *title)
{
  g_autoptr (GPtrArray) cards = g_ptr_array_new ();

  collect_widgets (root, DESK_TYPE_METRIC_CARD, cards);
  for (guint i = 0; i < cards->len; i++)
    if (g_strcmp0 (desk_metric_card_get_title (cards->pdata[i]), title) == 0)
      return cards->pdata[i];
  g_error ("no card “%s”", title);
  return NULL;
}

static DeskReport *
compute_for (DeskReportsWindow *window)
{
  DeskReportQuery query;
  g_autoptr (GError) error = NULL;
  DeskReport *report;

  desk_reports_window_get_query (window, &query);
  report = desk_store_compute_report (store, &query, &error);
  g_assert_no_error (error);
  return report;
}

/* Checks the cards show @report's figures as a user reads them. */
static void
assert_cards_match (DeskReportsWindow *window, DeskReport *report)
{
  GtkWidget *root = GTK_WIDGET (window);
  g_autofree char *opened = g_strdup_printf ("%u", report->opened);
  g_autofree char *mentions = g_strdup_printf ("%u", report->mentions);

  g_assert_cmpstr (
      desk_metric_card_get_value (find_card (root, "Conversations")), ==,
      opened);
  g_assert_cmpstr (
      desk_metric_card_get_value (find_card (root, "Brand Mentions")), ==,
      mentions);

  if (report->opened > 0)
    {
      g_autofree char *rate
          = desk_reports_format_percent (report->response_rate);

      g_assert_cmpstr (
          desk_metric_card_get_value (find_card (root, "Response Rate")), ==,
          rate);
    }

  if (report->first_response.n > 0)
    {
      g_autofree char *median
          = desk_reports_format_duration (report->first_response.median);
      g_autofree char *p90
          = desk_reports_format_duration (report->first_response.p90);
      DeskMetricCard *card = find_card (root, "First Response (Median)");

      g_assert_cmpstr (desk_metric_card_get_value (card), ==, median);
      g_assert_nonnull (strstr (desk_metric_card_get_detail (card), p90));
    }
  else
    g_assert_cmpstr (desk_metric_card_get_value (
                         find_card (root, "First Response (Median)")),
                     ==, "—");

  {
    const DeskSlaCount *c = &report->sla[DESK_SLA_TIMER_FIRST_RESPONSE];
    DeskMetricCard *card = find_card (root, "First-Response Target Met");

    if (c->met + c->breached > 0)
      {
        g_autofree char *percent = desk_reports_format_percent (c->percent);
        g_autofree char *counts
            = g_strdup_printf ("%u met, %u missed", c->met, c->breached);

        g_assert_cmpstr (desk_metric_card_get_value (card), ==, percent);
        g_assert_cmpstr (desk_metric_card_get_detail (card), ==, counts);
      }
  }
}

/* Rows of a CSV text, quoted newlines and all. */
static guint
count_csv_rows (const char *text)
{
  gboolean quoted = FALSE;
  guint rows = 0;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '\n' && !quoted)
        rows++;
    }
  if (p > text && p[-1] != '\n')
    rows++;
  return rows;
}

static void
on_export_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  gboolean *done = data;
  g_autoptr (GError) error = NULL;

  g_assert_true (desk_reports_window_export_finish (
      DESK_REPORTS_WINDOW (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void export(DeskReportsWindow *window,
                   DeskReportsExportFormat format,
                   GFile *file)
{
  gboolean done = FALSE;

  desk_reports_window_export_async (window, format, file, NULL, on_export_cb,
                                    &done);
  g_assert_true (spin_until (is_true, &done, 10000));
}

static guint
count_opened (DeskReportPeriod period)
{
  g_autoptr (GTimeZone) tz = desk_store_dup_report_timezone (store);
  g_autoptr (DeskReport) report = NULL;
  g_autoptr (GError) error = NULL;
  DeskReportQuery query = { 0 };

  desk_report_period_get_range (period, tz, desk_clock_get_now (sys_clock),
                                &query.from, &query.to);
  query.tz = tz;
  report = desk_store_compute_report (store, &query, &error);
  g_assert_no_error (error);
  return report->opened;
}

static gboolean
has_conversations (gpointer data)
{
  return count_opened (DESK_REPORT_PERIOD_LAST_30_DAYS) >= 10;
}

/* Agent work through the store, as the window's composer does it:
 * replies to five open conversations, three of them closed after. */
static void
do_agent_work (void)
{
  DeskInboxFilter filter = { .view = DESK_VIEW_OPEN, .sort = DESK_SORT_OLDEST };
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  ids = desk_store_query_conversation_ids (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >=, 5);

  for (guint i = 0; i < 5; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gint64 message = desk_store_queue_reply (
          store, id, "Danke, wir kümmern uns darum!",
          DESK_CONVERSATION_KIND_PRIVATE, "Lea Becker", &error);

      g_assert_no_error (error);
      g_assert_cmpint (message, >, 0);
      if (i < 3)
        {
          desk_store_set_status (store, id, DESK_STATUS_CLOSED, "Lea Becker",
                                 &error);
          g_assert_no_error (error);
        }
    }
  /* Let the demo outbox send them, then hold the simulated customers
   * so the figures stay still while the window is compared with them. */
  spin_for (1500);
  {
    g_autoptr (GPtrArray) accounts = desk_store_list_accounts (store, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < accounts->len; i++)
      {
        desk_store_set_account_paused (
            store, desk_account_get_id (accounts->pdata[i]), TRUE, &error);
        g_assert_no_error (error);
      }
  }
  spin_for (500);
}

/* Tests */

static void
test_reports_window (void)
{
  DeskReportsWindow *window = desk_reports_window_new (
      GTK_APPLICATION (app), store, sys_clock, settings);
  g_autoptr (DeskReport) month = NULL;
  g_autoptr (DeskReport) today = NULL;
  g_autoptr (DeskReport) past = NULL;
  DeskChartHeatmap *heatmap;
  GtkWidget *empty_page;
  gpointer weak = window;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));

  desk_reports_window_set_period (window, DESK_REPORT_PERIOD_LAST_30_DAYS);
  wait_frames (GTK_WIDGET (window), 3);
  month = compute_for (window);
  g_assert_cmpuint (month->opened, >=, 10);
  g_assert_cmpuint (desk_reports_window_get_report (window)->opened, ==,
                    month->opened);
  assert_cards_match (window, month);

  /* "No data" is a page of its own, shown only when there is none. */
  empty_page = find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_false (gtk_widget_get_mapped (empty_page));
  g_assert_true (gtk_widget_get_mapped (
      find_widget (GTK_WIDGET (window), DESK_TYPE_CHART_HEATMAP)));

  /* The heat map's text alternative names the busiest hour. */
  heatmap = DESK_CHART_HEATMAP (
      find_widget (GTK_WIDGET (window), DESK_TYPE_CHART_HEATMAP));
  {
    guint best = 0, best_d = 0, best_h = 0;
    g_autoptr (GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
    g_autoptr (GDateTime) day = NULL;
    g_autofree char *name = NULL;
    g_autofree char *expected = NULL;

    for (guint d = 0; d < 7; d++)
      for (guint h = 0; h < 24; h++)
        if (month->heat_map[d][h] > best)
          {
            best = month->heat_map[d][h];
            best_d = d;
            best_h = h;
          }
    g_assert_cmpuint (best, >, 0);
    day = g_date_time_add_days (monday, best_d);
    name = g_date_time_format (day, "%A");
    expected = g_strdup_printf ("Busiest: %s %02u:00–%02u:00, %u message", name,
                                best_h, (best_h + 1) % 24, best);
    g_assert_true (
        g_str_has_prefix (desk_chart_heatmap_get_summary (heatmap), expected));
  }

  save_screenshot (GTK_WIDGET (window), "reports-wide");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (window), "reports-wide-dark");
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
        GTK_WIDGET (heatmap), GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scrolled);

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    wait_frames (GTK_WIDGET (window), 3);
    save_screenshot (GTK_WIDGET (window), "reports-wide-charts-dark");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_DEFAULT);
    wait_frames (GTK_WIDGET (window), 3);
    save_screenshot (GTK_WIDGET (window), "reports-wide-charts");
  }

  /* Today: the cards follow the new period. */
  desk_reports_window_set_period (window, DESK_REPORT_PERIOD_TODAY);
  today = compute_for (window);
  g_assert_cmpint (today->from, >, month->from);
  g_assert_cmpuint (today->opened, <=, month->opened);
  assert_cards_match (window, today);

  /* A custom period long before the demo: nothing to show. */
  {
    GDate first, last;

    g_date_clear (&first, 1);
    g_date_clear (&last, 1);
    g_date_set_dmy (&first, 1, G_DATE_JANUARY, 2020);
    g_date_set_dmy (&last, 7, G_DATE_JANUARY, 2020);
    desk_reports_window_set_custom_range (window, &last, &first);
  }
  past = compute_for (window);
  g_assert_cmpuint (past->opened, ==, 0);
  g_assert_cmpuint (past->days->len, ==, 7);
  assert_cards_match (window, past);
  wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_mapped (empty_page));
  save_screenshot (GTK_WIDGET (window), "reports-empty");

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
  g_assert_null (weak);
}

static void
test_reports_narrow (void)
{
  DeskReportsWindow *window = desk_reports_window_new (
      GTK_APPLICATION (app), store, sys_clock, settings);

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (window), "reports-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reports_export (void)
{
  DeskReportsWindow *window = desk_reports_window_new (
      GTK_APPLICATION (app), store, sys_clock, settings);
  g_autofree char *dir = g_dir_make_tmp ("socialdesk-export-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "report.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr (GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr (GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr (DeskReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *period = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  gsize length;

  gtk_window_present (GTK_WINDOW (window));
  desk_reports_window_set_period (window, DESK_REPORT_PERIOD_LAST_30_DAYS);
  report = compute_for (window);

  export(window, DESK_REPORTS_EXPORT_CSV, csv);
  g_assert_true (g_file_get_contents (csv_path, &text, &length, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (text, "opened"));
  g_assert_cmpuint (count_csv_rows (text + 3), ==, 1 + report->opened);
  g_clear_pointer (&text, g_free);

  export(window, DESK_REPORTS_EXPORT_PDF, pdf);
  g_assert_true (g_file_get_contents (pdf_path, &text, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (text, "%PDF"));

  period = desk_reports_window_dup_period_text (window);
  g_assert_true (g_str_has_prefix (period, "Last 30 days ("));
  if (pdftotext != NULL)
    {
      const char *argv[] = { pdftotext, pdf_path, "-", NULL };
      g_autofree char *out = NULL;
      g_autoptr (GError) error = NULL;
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                    &out, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (out, "Last 30 days"));
      g_assert_nonnull (strstr (out, "Conversations"));
      g_assert_nonnull (strstr (out, "All conversations"));
    }
  else
    g_test_message ("pdftotext is not installed: PDF text not checked");

  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

static void
test_reports_action (void)
{
  GList *windows;
  DeskReportsWindow *window = NULL;

  desk_reports_install_action (GTK_APPLICATION (app), store, sys_clock,
                               settings);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "reports"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "reports", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "reports", NULL);

  /* Twice: one window, raised again. */
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    if (DESK_IS_REPORTS_WINDOW (l->data))
      {
        g_assert_null (window);
        window = l->data;
      }
  g_assert_nonnull (window);
  {
    g_auto (GStrv) accels = gtk_application_get_accels_for_action (
        GTK_APPLICATION (app), "app.reports");

    g_assert_cmpstr (accels[0], ==, "<Shift><Control>r");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  guint n_alerts;
  int kind;
  char *message;
} Alerts;

static void
on_alert_cb (DeskAlertMonitor *monitor,
             int kind,
             const char *message,
             Alerts *alerts)
{
  alerts->n_alerts++;
  alerts->kind = kind;
  g_free (alerts->message);
  alerts->message = g_strdup (message);
}

static void
write_messages (DeskStore *fake_store,
                gint64 account,
                const char *thread,
                gint64 at,
                guint n)
{
  g_autoptr (DeskSyncBatch) batch = desk_sync_batch_new (account);
  g_autoptr (GError) error = NULL;

  desk_sync_batch_add_identity (batch, "42", "@kim", "Kim");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", thread, i);

      desk_sync_batch_add_message (batch, id, thread,
                                   DESK_CONVERSATION_KIND_PUBLIC,
                                   DESK_DIRECTION_INCOMING, "42",
                                   "Ist der Laden heute offen?", at + i * 5);
    }
  g_assert_true (desk_store_apply_batch (fake_store, batch, NULL, &error));
  g_assert_no_error (error);
}

static void
test_alert_monitor (void)
{
  g_autofree char *dir = g_dir_make_tmp ("socialdesk-alerts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "socialdesk.db", NULL);
  /* Monday 30 March 2026, 10:20 UTC */
  g_autoptr (DeskClock) clock = desk_clock_new_fake (1774866000);
  g_autoptr (DeskStore) fake_store = NULL;
  g_autoptr (DeskAlertMonitor) monitor = NULL;
  g_autoptr (GError) error = NULL;
  Alerts alerts = { 0 };
  gint64 account;

  fake_store = desk_store_open (path, clock, &error);
  g_assert_no_error (error);
  account = desk_store_add_account (fake_store, "mastodon", "109", "@shop",
                                    "Shop", "social.example", FALSE, &error);
  g_assert_no_error (error);

  monitor = desk_alert_monitor_new (G_APPLICATION (app), fake_store, clock,
                                    settings);
  g_signal_connect (monitor, "alert", G_CALLBACK (on_alert_cb), &alerts);

  /* A quiet morning: a few messages, a minute passes, no alert. */
  write_messages (fake_store, account, "quiet",
                  desk_clock_get_now (clock) - 1200, 3);
  desk_clock_advance (clock, 60);
  g_assert_cmpuint (alerts.n_alerts, ==, 0);

  /* Then 42 messages within four minutes: the next tick raises it. */
  write_messages (fake_store, account, "storm",
                  desk_clock_get_now (clock) - 240, 42);
  desk_clock_advance (clock, 60);
  g_assert_cmpuint (alerts.n_alerts, ==, 1);
  g_assert_cmpint (alerts.kind, ==, DESK_ALERT_SPIKE);
  g_assert_nonnull (strstr (alerts.message, "Unusually many messages: 42"));
  g_assert_nonnull (strstr (alerts.message, "10 minutes"));

  /* Still busy a minute later: the same spike, no second alert. */
  desk_clock_advance (clock, 60);
  g_assert_cmpuint (alerts.n_alerts, ==, 1);

  /* Turned off in the preferences: silent. */
  g_settings_set_boolean (settings, "alerts-enabled", FALSE);
  desk_clock_advance (clock, 3600);
  write_messages (fake_store, account, "storm2",
                  desk_clock_get_now (clock) - 60, 42);
  desk_clock_advance (clock, 60);
  g_assert_cmpuint (alerts.n_alerts, ==, 1);
  g_settings_reset (settings, "alerts-enabled");

  g_clear_object (&monitor);
  g_clear_object (&fake_store);
  g_free (alerts.message);
  remove_tree (dir);
}

static void
test_format (void)
{
  struct
  {
    double seconds;
    const char *text;
  } cases[] = {
    { 0, "0 s" },           { 42, "42 s" },   { 60, "1 min" },
    { 89, "1 min" },        { 90, "2 min" },  { 3600, "1 h" },
    { 4800, "1 h 20 min" }, { 86400, "1 d" }, { 97200, "1 d 3 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = desk_reports_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Set-up */

static void
on_sync_warning_cb (DeskSyncService *service, const char *text)
{
  g_test_message ("sync warning: %s", text);
}

static void
set_up_workspace (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  workspace_dir = g_dir_make_tmp ("socialdesk-test-reports-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (workspace_dir, "socialdesk.db", NULL);

  settings = g_settings_new (BASE_APP_ID);
  g_settings_set_string (settings, "agent-name", "Lea Becker");
  sys_clock = desk_clock_new_system ();
  store = desk_store_open (path, sys_clock, &error);
  g_assert_no_error (error);

  workspace = desk_workspace_new (store);
  g_assert_true (desk_workspace_add_demo_accounts (workspace, &error));
  g_assert_true (desk_workspace_start (workspace, &error));
  g_assert_no_error (error);
  g_signal_connect (desk_workspace_get_sync_service (workspace), "warning",
                    G_CALLBACK (on_sync_warning_cb), NULL);

  g_assert_true (spin_until (has_conversations, NULL, 20000));
  do_agent_work ();
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

  app = desk_application_new (BASE_APP_ID ".TestReports",
                              G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  set_up_workspace ();

  g_test_add_func ("/reports/format", test_format);
  g_test_add_func ("/reports/window", test_reports_window);
  g_test_add_func ("/reports/narrow", test_reports_narrow);
  g_test_add_func ("/reports/export", test_reports_export);
  g_test_add_func ("/reports/action", test_reports_action);
  g_test_add_func ("/reports/alert-monitor", test_alert_monitor);

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
