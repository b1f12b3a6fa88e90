/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-reports-window"

#include "config.h"

#include <glib/gi18n.h>

#include "core/desk-account.h"
#include "core/desk-tag.h"
#include "ui/desk-resources.h"
#include "desk-chart-bars.h"
#include "desk-chart-heatmap.h"
#include "desk-metric-card.h"
#include "desk-report-pdf.h"
#include "desk-reports-window.h"
#include "desk-text.h"

/* The team's numbers for a period and a slice of the workspace: figures
 * on cards, charts below them, and exports of both. Everything is
 * computed by the store (desk_store_compute_report()); this window only
 * chooses the query and presents the result. */

typedef enum
{
  CARD_VOLUME,
  CARD_RESPONSE_RATE,
  CARD_FIRST_RESPONSE,
  CARD_NEXT_RESPONSE,
  CARD_RESOLUTION,
  CARD_SLA_FIRST,
  CARD_SLA_NEXT,
  CARD_SLA_RESOLUTION,
  CARD_CSAT,
  CARD_NPS,
  CARD_MENTIONS,
  N_CARDS,
} Card;

struct _DeskReportsWindow
{
  AdwApplicationWindow parent_instance;

  DeskStore *store;
  DeskClock *clock;
  GSettings *settings;
  GTimeZone *tz;

  /* Template */
  AdwToastOverlay *toast_overlay;
  GtkDropDown *period_dropdown;
  GtkMenuButton *from_button;
  GtkMenuButton *to_button;
  GtkCalendar *from_calendar;
  GtkCalendar *to_calendar;
  GtkBox *filter_box;
  GtkStack *stack;
  GtkFlowBox *cards_box;
  GtkFlowBox *charts_box;

  GtkDropDown *network_dropdown;
  GtkDropDown *account_dropdown;
  GtkDropDown *agent_dropdown;
  GtkDropDown *tag_dropdown;
  GPtrArray *networks; /* char*, NULL first: every network */
  GArray *account_ids; /* gint64, 0 first */
  GPtrArray *agents;   /* char*, NULL first: everyone */
  GArray *tag_ids;     /* gint64, 0 first */

  GDate custom_first;
  GDate custom_last;

  DeskMetricCard *cards[N_CARDS];
  DeskChartBars *volume_chart;
  DeskChartBars *response_chart;
  DeskChartBars *sla_chart;
  DeskChartHeatmap *heatmap;

  DeskReport *report;
  GtkFileChooserNative *chooser;
  guint refresh_id;
};

G_DEFINE_FINAL_TYPE (DeskReportsWindow,
                     desk_reports_window,
                     ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLOCK,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (DeskReportsWindow *self);
static void on_calendar_day_selected_cb (DeskReportsWindow *self,
                                         GtkCalendar *calendar);

/* Formatting */

/* A duration as people say it: "45 s", "12 min", "1 h 20 min",
 * "2 d 3 h"; rounded, since a report is no stopwatch. */
char *
desk_reports_format_duration (double seconds)
{
  guint64 s = (guint64) MAX (0, seconds + 0.5);
  guint64 minutes = (s + 30) / 60;

  if (s < 60)
    return g_strdup_printf (C_ ("duration", "%u s"), (guint) s);
  if (minutes < 60)
    return g_strdup_printf (C_ ("duration", "%u min"), (guint) minutes);
  if (minutes < 24 * 60)
    {
      if (minutes % 60 == 0)
        return g_strdup_printf (C_ ("duration", "%u h"),
                                (guint) (minutes / 60));
      return g_strdup_printf (C_ ("duration", "%u h %u min"),
                              (guint) (minutes / 60), (guint) (minutes % 60));
    }
  {
    guint64 hours = (minutes + 30) / 60;

    if (hours % 24 == 0)
      return g_strdup_printf (C_ ("duration", "%u d"), (guint) (hours / 24));
    return g_strdup_printf (C_ ("duration", "%u d %u h"), (guint) (hours / 24),
                            (guint) (hours % 24));
  }
}

char *
desk_reports_format_percent (double percent)
{
  /* Translators: a percentage; German writes "85 %" */
  return g_strdup_printf (C_ ("percent", "%.0f%%"), percent);
}

static void
format_date (const GDate *date, char *buf, gsize size)
{
  if (g_date_strftime (buf, size, "%x", date) == 0)
    g_strlcpy (buf, "?", size);
}

static void
get_today (DeskReportsWindow *self, GDate *date)
{
  g_autoptr (GDateTime) utc
      = g_date_time_new_from_unix_utc (desk_clock_get_now (self->clock));
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, self->tz);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
}

static DeskReportPeriod
get_period (DeskReportsWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  return MIN (selected, DESK_REPORT_PERIOD_CUSTOM);
}

/* Query */

void
desk_reports_window_get_query (DeskReportsWindow *self, DeskReportQuery *query)
{
  DeskReportPeriod period;
  guint i;

  g_return_if_fail (DESK_IS_REPORTS_WINDOW (self));
  g_return_if_fail (query != NULL);

  *query = (DeskReportQuery){ 0 };
  query->tz = self->tz;

  period = get_period (self);
  if (period == DESK_REPORT_PERIOD_CUSTOM)
    desk_report_get_days_range (self->tz, &self->custom_first,
                                &self->custom_last, &query->from, &query->to);
  else
    desk_report_period_get_range (period, self->tz,
                                  desk_clock_get_now (self->clock),
                                  &query->from, &query->to);

  i = gtk_drop_down_get_selected (self->network_dropdown);
  if (i < self->networks->len)
    query->network = g_ptr_array_index (self->networks, i);
  i = gtk_drop_down_get_selected (self->account_dropdown);
  if (i < self->account_ids->len)
    query->account_id = g_array_index (self->account_ids, gint64, i);
  i = gtk_drop_down_get_selected (self->agent_dropdown);
  if (i < self->agents->len)
    query->agent = g_ptr_array_index (self->agents, i);
  i = gtk_drop_down_get_selected (self->tag_dropdown);
  if (i < self->tag_ids->len)
    query->tag_id = g_array_index (self->tag_ids, gint64, i);
}

char *
desk_reports_window_dup_period_text (DeskReportsWindow *self)
{
  DeskReportQuery query;
  g_autoptr (GDateTime) first = NULL;
  g_autoptr (GDateTime) last = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;

  g_return_val_if_fail (DESK_IS_REPORTS_WINDOW (self), NULL);

  desk_reports_window_get_query (self, &query);
  first = g_date_time_new_from_unix_utc (query.from);
  last = g_date_time_new_from_unix_utc (query.to - 1);
  {
    g_autoptr (GDateTime) a = g_date_time_to_timezone (first, self->tz);
    g_autoptr (GDateTime) b = g_date_time_to_timezone (last, self->tz);

    first_text = g_date_time_format (a, "%x");
    last_text = g_date_time_format (b, "%x");
  }

  if (g_strcmp0 (first_text, last_text) == 0)
    /* Translators: a period and its day, e.g. "Today (23/11/2026)" */
    return g_strdup_printf (_ ("%s (%s)"),
                            desk_report_period_get_label (get_period (self)),
                            first_text);

  /* Translators: a period and its days, "Last 7 days (17/11 – 23/11)" */
  return g_strdup_printf (_ ("%s (%s – %s)"),
                          desk_report_period_get_label (get_period (self)),
                          first_text, last_text);
}

/* The filters in words, for the PDF; empty when nothing is filtered. */
static char *
dup_filters_text (DeskReportsWindow *self)
{
  GtkDropDown *dropdowns[] = { self->network_dropdown, self->account_dropdown,
                               self->agent_dropdown, self->tag_dropdown };
  const char *names[]
      = { N_ ("Network"), N_ ("Account"), N_ ("Agent"), N_ ("Tag") };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      guint selected = gtk_drop_down_get_selected (dropdowns[i]);
      GtkStringList *list
          = GTK_STRING_LIST (gtk_drop_down_get_model (dropdowns[i]));

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: a report filter, e.g. "Tag: Refund" */
      g_string_append_printf (text, _ ("%s: %s"), _ (names[i]),
                              gtk_string_list_get_string (list, selected));
    }

  if (text->len == 0)
    g_string_append (text, _ ("All conversations"));
  return g_string_free (text, FALSE);
}

/* Cards */

static void
set_duration_card (DeskMetricCard *card, const DeskDurationStats *stats)
{
  g_autofree char *median = NULL;
  g_autofree char *p90 = NULL;
  g_autofree char *detail = NULL;

  if (stats->n == 0)
    {
      desk_metric_card_set (card, "—", _ ("No data"));
      return;
    }

  median = desk_reports_format_duration (stats->median);
  p90 = desk_reports_format_duration (stats->p90);
  detail = g_strdup_printf (ngettext ("90th percentile %s · %u response",
                                      "90th percentile %s · %u responses",
                                      stats->n),
                            p90, stats->n);
  desk_metric_card_set (card, median, detail);
}

static void
set_sla_card (DeskMetricCard *card, const DeskSlaCount *count)
{
  g_autofree char *percent = NULL;
  g_autofree char *detail = NULL;

  if (count->met + count->breached == 0)
    {
      desk_metric_card_set (card, "—", _ ("No deadlines in this period"));
      return;
    }

  percent = desk_reports_format_percent (count->percent);
  /* Translators: how often a service-level target was met and missed */
  detail
      = g_strdup_printf (_ ("%u met, %u missed"), count->met, count->breached);
  desk_metric_card_set (card, percent, detail);
}

static void
update_cards (DeskReportsWindow *self)
{
  DeskReport *r = self->report;
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;

  value = g_strdup_printf ("%u", r->opened);
  detail = g_strdup_printf (
      ngettext ("%u customer message", "%u customer messages", r->incoming),
      r->incoming);
  desk_metric_card_set (self->cards[CARD_VOLUME], value, detail);
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&detail, g_free);

  value = r->opened > 0 ? desk_reports_format_percent (r->response_rate)
                        : g_strdup ("—");
  detail = g_strdup_printf (ngettext ("%u of %u conversation answered",
                                      "%u of %u conversations answered",
                                      r->opened),
                            r->answered, r->opened);
  desk_metric_card_set (self->cards[CARD_RESPONSE_RATE], value, detail);
  g_clear_pointer (&value, g_free);
  g_clear_pointer (&detail, g_free);

  set_duration_card (self->cards[CARD_FIRST_RESPONSE], &r->first_response);
  set_duration_card (self->cards[CARD_NEXT_RESPONSE], &r->next_response);
  set_duration_card (self->cards[CARD_RESOLUTION], &r->resolution);

  set_sla_card (self->cards[CARD_SLA_FIRST],
                &r->sla[DESK_SLA_TIMER_FIRST_RESPONSE]);
  set_sla_card (self->cards[CARD_SLA_NEXT],
                &r->sla[DESK_SLA_TIMER_NEXT_RESPONSE]);
  set_sla_card (self->cards[CARD_SLA_RESOLUTION],
                &r->sla[DESK_SLA_TIMER_RESOLUTION]);

  if (r->csat.n == 0)
    desk_metric_card_set (self->cards[CARD_CSAT], "—", _ ("No ratings yet"));
  else
    {
      GString *dist = g_string_new (NULL);

      /* Translators: an average rating out of five, e.g. "4.3 / 5" */
      value = g_strdup_printf (_ ("%.1f / 5"), r->csat.average);
      for (int i = 4; i >= 0; i--)
        g_string_append_printf (dist, i == 4 ? "%d★ %u" : " · %d★ %u", i + 1,
                                r->csat.counts[i]);
      desk_metric_card_set (self->cards[CARD_CSAT], value, dist->str);
      g_string_free (dist, TRUE);
      g_clear_pointer (&value, g_free);
    }

  if (r->nps.n == 0)
    desk_metric_card_set (self->cards[CARD_NPS], "—", _ ("No answers yet"));
  else
    {
      value = g_strdup_printf ("%+.0f", r->nps.score);
      detail = g_strdup_printf (_ ("%u promoters, %u passives, %u detractors"),
                                r->nps.promoters, r->nps.passives,
                                r->nps.detractors);
      desk_metric_card_set (self->cards[CARD_NPS], value, detail);
      g_clear_pointer (&value, g_free);
      g_clear_pointer (&detail, g_free);
    }

  value = g_strdup_printf ("%u", r->mentions);
  desk_metric_card_set (self->cards[CARD_MENTIONS], value, NULL);
}

static void
show_error (DeskReportsWindow *self, const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
refresh (DeskReportsWindow *self)
{
  DeskReportQuery query;
  g_autoptr (GError) error = NULL;
  DeskReport *report;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  desk_reports_window_get_query (self, &query);
  report = desk_store_compute_report (self->store, &query, &error);
  if (report == NULL)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("Could not compute the report: %s"), error->message);

      show_error (self, message);
      return;
    }

  g_clear_pointer (&self->report, desk_report_unref);
  self->report = report;

  update_cards (self);
  desk_chart_bars_set_report (self->volume_chart, report);
  desk_chart_bars_set_report (self->response_chart, report);
  desk_chart_bars_set_report (self->sla_chart, report);
  desk_chart_heatmap_set_report (self->heatmap, report);

  gtk_stack_set_visible_child_name (
      self->stack, desk_report_is_empty (report) ? "empty" : "report");
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  DeskReportsWindow *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* A sync brings many batches in a row; one recount after they settle. */
static void
on_store_conversations_changed_cb (DeskReportsWindow *self, GArray *ids)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (2, refresh_timeout_cb, self);
}

/* Period */

static void
update_range_buttons (DeskReportsWindow *self)
{
  char buf[64];

  format_date (&self->custom_first, buf, sizeof buf);
  gtk_menu_button_set_label (self->from_button, buf);
  format_date (&self->custom_last, buf, sizeof buf);
  gtk_menu_button_set_label (self->to_button, buf);
}

static void
select_calendar_day (DeskReportsWindow *self,
                     GtkCalendar *calendar,
                     const GDate *date)
{
  g_autoptr (GDateTime) dt = g_date_time_new (self->tz, g_date_get_year (date),
                                              g_date_get_month (date),
                                              g_date_get_day (date), 12, 0, 0);

  g_signal_handlers_block_by_func (calendar, on_calendar_day_selected_cb, self);
  gtk_calendar_select_day (calendar, dt);
  g_signal_handlers_unblock_by_func (calendar, on_calendar_day_selected_cb,
                                     self);
}

static void
on_period_selected_cb (DeskReportsWindow *self)
{
  gboolean custom = get_period (self) == DESK_REPORT_PERIOD_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (self->from_button), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_button), custom);
  refresh (self);
}

static void
on_calendar_day_selected_cb (DeskReportsWindow *self, GtkCalendar *calendar)
{
  g_autoptr (GDateTime) dt = gtk_calendar_get_date (calendar);
  GDate *date = calendar == self->from_calendar ? &self->custom_first
                                                : &self->custom_last;

  g_date_set_dmy (date, g_date_time_get_day_of_month (dt),
                  g_date_time_get_month (dt), g_date_time_get_year (dt));
  desk_reports_window_set_custom_range (self, &self->custom_first,
                                        &self->custom_last);
  gtk_menu_button_popdown (calendar == self->from_calendar ? self->from_button
                                                           : self->to_button);
}

/* Filters */

static GtkDropDown *
add_filter (DeskReportsWindow *self, const char *name, GtkStringList *list)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (
      gtk_drop_down_new (g_object_ref (G_LIST_MODEL (list)), NULL));

  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (refresh),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (self->filter_box, GTK_WIDGET (dropdown));
  return dropdown;
}

static void
add_agent (DeskReportsWindow *self, GtkStringList *list, const char *name)
{
  if (name == NULL || *name == '\0')
    return;
  for (guint i = 1; i < self->agents->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->agents, i), name) == 0)
      return;
  g_ptr_array_add (self->agents, g_strdup (name));
  gtk_string_list_append (list, name);
}

static void
populate_filters (DeskReportsWindow *self)
{
  g_autoptr (GtkStringList) networks = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) accounts = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) agents = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) tags = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) account_list = NULL;
  g_autoptr (GPtrArray) tag_list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *me = NULL;
  g_auto (GStrv) team = NULL;
  gint64 zero = 0;

  gtk_string_list_append (networks, _ ("All Networks"));
  g_ptr_array_add (self->networks, NULL);
  gtk_string_list_append (accounts, _ ("All Accounts"));
  g_array_append_val (self->account_ids, zero);
  gtk_string_list_append (agents, _ ("Everyone"));
  g_ptr_array_add (self->agents, NULL);
  gtk_string_list_append (tags, _ ("Any Tag"));
  g_array_append_val (self->tag_ids, zero);

  account_list = desk_store_list_accounts (self->store, &error);
  if (account_list == NULL)
    {
      g_warning ("could not list the accounts: %s", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; account_list != NULL && i < account_list->len; i++)
    {
      DeskAccount *account = g_ptr_array_index (account_list, i);
      const char *network = desk_account_get_network (account);
      gint64 id = desk_account_get_id (account);
      const char *name = desk_account_get_display_name (account);
      g_autofree char *label = NULL;
      gboolean known = FALSE;

      for (guint n = 1; n < self->networks->len; n++)
        known
            |= g_strcmp0 (g_ptr_array_index (self->networks, n), network) == 0;
      if (!known)
        {
          g_ptr_array_add (self->networks, g_strdup (network));
          gtk_string_list_append (networks,
                                  desk_text_get_network_name (network));
        }

      if (name == NULL || *name == '\0')
        name = desk_account_get_handle (account);
      label = desk_text_for_display_line (name);
      g_array_append_val (self->account_ids, id);
      gtk_string_list_append (accounts, label);
    }

  me = g_settings_get_string (self->settings, "agent-name");
  add_agent (self, agents, me);
  team = g_settings_get_strv (self->settings, "teammates");
  for (guint i = 0; team[i] != NULL; i++)
    add_agent (self, agents, team[i]);

  tag_list = desk_store_list_tags (self->store, &error);
  if (tag_list == NULL)
    g_warning ("could not list the tags: %s", error->message);
  for (guint i = 0; tag_list != NULL && i < tag_list->len; i++)
    {
      DeskTag *tag = g_ptr_array_index (tag_list, i);
      g_autofree char *label = desk_text_for_display_line (tag->name);

      g_array_append_val (self->tag_ids, tag->id);
      gtk_string_list_append (tags, label);
    }

  self->network_dropdown = add_filter (self, _ ("Network"), networks);
  self->account_dropdown = add_filter (self, _ ("Account"), accounts);
  self->agent_dropdown = add_filter (self, _ ("Agent"), agents);
  self->tag_dropdown = add_filter (self, _ ("Tag"), tags);
}

/* Layout */

static void
add_chart (DeskReportsWindow *self, const char *title, GtkWidget *chart)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "report-chart");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_flow_box_append (self->charts_box, box);
}

static void
build_content (DeskReportsWindow *self)
{
  const char *titles[N_CARDS] = {
    [CARD_VOLUME] = _ ("Conversations"),
    [CARD_RESPONSE_RATE] = _ ("Response Rate"),
    [CARD_FIRST_RESPONSE] = _ ("First Response (Median)"),
    [CARD_NEXT_RESPONSE] = _ ("Next Response (Median)"),
    [CARD_RESOLUTION] = _ ("Resolution (Median)"),
    [CARD_SLA_FIRST] = _ ("First-Response Target Met"),
    [CARD_SLA_NEXT] = _ ("Next-Response Target Met"),
    [CARD_SLA_RESOLUTION] = _ ("Resolution Target Met"),
    [CARD_CSAT] = _ ("Satisfaction (CSAT)"),
    [CARD_NPS] = _ ("Net Promoter Score"),
    [CARD_MENTIONS] = _ ("Brand Mentions"),
  };

  for (guint i = 0; i < N_CARDS; i++)
    {
      self->cards[i] = desk_metric_card_new (titles[i]);
      gtk_flow_box_append (self->cards_box, GTK_WIDGET (self->cards[i]));
    }

  self->volume_chart = desk_chart_bars_new (DESK_CHART_BARS_VOLUME);
  self->response_chart = desk_chart_bars_new (DESK_CHART_BARS_RESPONSE_TIMES);
  self->sla_chart = desk_chart_bars_new (DESK_CHART_BARS_SLA);
  self->heatmap = desk_chart_heatmap_new ();
  add_chart (self, _ ("Conversations per Day"),
             GTK_WIDGET (self->volume_chart));
  add_chart (self, _ ("First-Response Times"),
             GTK_WIDGET (self->response_chart));
  add_chart (self, _ ("Answer-Time Targets per Day"),
             GTK_WIDGET (self->sla_chart));
  add_chart (self, _ ("Customer Messages by Weekday and Hour"),
             GTK_WIDGET (self->heatmap));
}

/* Export */

static void
on_replace_contents_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GTask) task = data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static GBytes *
render_pdf (DeskReportsWindow *self, GError **error)
{
  g_autofree char *period = desk_reports_window_dup_period_text (self);
  g_autofree char *filters = dup_filters_text (self);
  DeskReportPdfMetric metrics[N_CARDS];

  for (guint i = 0; i < N_CARDS; i++)
    {
      metrics[i].title = desk_metric_card_get_title (self->cards[i]);
      metrics[i].value = desk_metric_card_get_value (self->cards[i]);
      metrics[i].detail = desk_metric_card_get_detail (self->cards[i]);
    }

  return desk_report_pdf_render (self->report, period, filters, metrics,
                                 N_CARDS, error);
}

/* The query and the drawing are quick and need the store and the widgets
 * of this thread; the file is written asynchronously. */
void
desk_reports_window_export_async (DeskReportsWindow *self,
                                  DeskReportsExportFormat format,
                                  GFile *file,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (DESK_IS_REPORTS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, desk_reports_window_export_async);

  if (format == DESK_REPORTS_EXPORT_CSV)
    {
      g_autoptr (GOutputStream) stream
          = g_memory_output_stream_new_resizable ();
      DeskReportQuery query;

      desk_reports_window_get_query (self, &query);
      /* A byte order mark, so spreadsheets read the names as UTF-8. */
      if (g_output_stream_write_all (stream, "\xEF\xBB\xBF", 3, NULL,
                                     cancellable, &error)
          && desk_store_export_csv (self->store, &query, stream, cancellable,
                                    &error)
          && g_output_stream_close (stream, cancellable, &error))
        bytes = g_memory_output_stream_steal_as_bytes (
            G_MEMORY_OUTPUT_STREAM (stream));
    }
  else
    bytes = render_pdf (self, &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_file_replace_contents_bytes_async (
      file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
      on_replace_contents_cb, g_steal_pointer (&task));
}

gboolean
desk_reports_window_export_finish (DeskReportsWindow *self,
                                   GAsyncResult *result,
                                   GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_export_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  DeskReportsWindow *self = DESK_REPORTS_WINDOW (source);
  g_autoptr (GError) error = NULL;

  if (!desk_reports_window_export_finish (self, result, &error))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("Could not export the report: %s"), error->message);

      show_error (self, message);
    }
  else
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_ ("Report exported")));
}

static void
on_chooser_response_cb (DeskReportsWindow *self,
                        int response,
                        GtkNativeDialog *chooser)
{
  DeskReportsExportFormat format
      = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file
          = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      desk_reports_window_export_async (self, format, file, NULL,
                                        on_export_done_cb, NULL);
    }

  g_clear_object (&self->chooser);
}

static void
choose_export_file (DeskReportsWindow *self, DeskReportsExportFormat format)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (
      format == DESK_REPORTS_EXPORT_CSV ? _ ("Export CSV") : _ ("Export PDF"),
      GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"),
      _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  /* Translators: the suggested file name of an exported report */
  name = g_strdup_printf (_ ("report-%s.%s"), stamp,
                          format == DESK_REPORTS_EXPORT_CSV ? "csv" : "pdf");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (format == DESK_REPORTS_EXPORT_CSV)
    {
      gtk_file_filter_set_name (filter, _ ("CSV Files"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
    }
  else
    {
      gtk_file_filter_set_name (filter, _ ("PDF Documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_object_set_data (G_OBJECT (self->chooser), "format",
                     GINT_TO_POINTER (format));
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_csv_action (GtkWidget *widget, const char *name, GVariant *param)
{
  choose_export_file (DESK_REPORTS_WINDOW (widget), DESK_REPORTS_EXPORT_CSV);
}

static void
export_pdf_action (GtkWidget *widget, const char *name, GVariant *param)
{
  choose_export_file (DESK_REPORTS_WINDOW (widget), DESK_REPORTS_EXPORT_PDF);
}

/* GObject */

static void
desk_reports_window_constructed (GObject *object)
{
  DeskReportsWindow *self = DESK_REPORTS_WINDOW (object);
  G_OBJECT_CLASS (desk_reports_window_parent_class)->constructed (object);

  g_assert (DESK_IS_STORE (self->store));
  g_assert (DESK_IS_CLOCK (self->clock));
  g_assert (G_IS_SETTINGS (self->settings));

  self->tz = desk_store_dup_report_timezone (self->store);

  /* The template lists the periods in the order of DeskReportPeriod. */
  g_signal_handlers_block_by_func (self->period_dropdown, on_period_selected_cb,
                                   self);
  gtk_drop_down_set_selected (self->period_dropdown,
                              DESK_REPORT_PERIOD_LAST_7_DAYS);
  g_signal_handlers_unblock_by_func (self->period_dropdown,
                                     on_period_selected_cb, self);

  get_today (self, &self->custom_last);
  self->custom_first = self->custom_last;
  g_date_subtract_days (&self->custom_first, 6);
  select_calendar_day (self, self->from_calendar, &self->custom_first);
  select_calendar_day (self, self->to_calendar, &self->custom_last);
  update_range_buttons (self);

  populate_filters (self);
  build_content (self);

  g_signal_connect_object (self->store, "conversations-changed",
                           G_CALLBACK (on_store_conversations_changed_cb), self,
                           G_CONNECT_SWAPPED);
  refresh (self);
}

static void
desk_reports_window_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  DeskReportsWindow *self = DESK_REPORTS_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;
      case PROP_CLOCK:
        g_value_set_object (value, self->clock);
        break;
      case PROP_SETTINGS:
        g_value_set_object (value, self->settings);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_reports_window_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  DeskReportsWindow *self = DESK_REPORTS_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;
      case PROP_CLOCK:
        self->clock = g_value_dup_object (value);
        break;
      case PROP_SETTINGS:
        self->settings = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_reports_window_dispose (GObject *object)
{
  DeskReportsWindow *self = DESK_REPORTS_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_REPORTS_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_reports_window_parent_class)->dispose (object);
}

static void
desk_reports_window_finalize (GObject *object)
{
  DeskReportsWindow *self = DESK_REPORTS_WINDOW (object);

  g_clear_pointer (&self->report, desk_report_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_ptr_array_unref (self->networks);
  g_array_unref (self->account_ids);
  g_ptr_array_unref (self->agents);
  g_array_unref (self->tag_ids);

  G_OBJECT_CLASS (desk_reports_window_parent_class)->finalize (object);
}

static void
desk_reports_window_class_init (DeskReportsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  (void) desk_get_resource ();

  object_class->constructed = desk_reports_window_constructed;
  object_class->get_property = desk_reports_window_get_property;
  object_class->set_property = desk_reports_window_set_property;
  object_class->dispose = desk_reports_window_dispose;
  object_class->finalize = desk_reports_window_finalize;

  properties[PROP_STORE] = g_param_spec_object (
      "store", NULL, NULL, DESK_TYPE_STORE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] = g_param_spec_object (
      "clock", NULL, NULL, DESK_TYPE_CLOCK,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] = g_param_spec_object (
      "settings", NULL, NULL, G_TYPE_SETTINGS,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class,
      "/io/github/socialdesk/Socialdesk/ui/desk-reports-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow,
                                        toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow,
                                        period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow,
                                        from_button);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow,
                                        to_button);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow,
                                        from_calendar);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow,
                                        to_calendar);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow,
                                        filter_box);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow,
                                        cards_box);
  gtk_widget_class_bind_template_child (widget_class, DeskReportsWindow,
                                        charts_box);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "reports.export-csv", NULL,
                                   export_csv_action);
  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL,
                                   export_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w,
                                       GDK_CONTROL_MASK, "window.close", NULL);
}

static void
desk_reports_window_init (DeskReportsWindow *self)
{
  self->networks = g_ptr_array_new_with_free_func (g_free);
  self->account_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->agents = g_ptr_array_new_with_free_func (g_free);
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_date_clear (&self->custom_first, 1);
  g_date_clear (&self->custom_last, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

DeskReportsWindow *
desk_reports_window_new (GtkApplication *application,
                         DeskStore *store,
                         DeskClock *clock,
                         GSettings *settings)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (DESK_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (DESK_TYPE_REPORTS_WINDOW, "application", application,
                       "store", store, "clock", clock, "settings", settings,
                       NULL);
}

void
desk_reports_window_set_period (DeskReportsWindow *self,
                                DeskReportPeriod period)
{
  g_return_if_fail (DESK_IS_REPORTS_WINDOW (self));
  g_return_if_fail (period <= DESK_REPORT_PERIOD_CUSTOM);

  gtk_drop_down_set_selected (self->period_dropdown, period);
}

/* Selects the custom period from @first to @last, both included. */
void
desk_reports_window_set_custom_range (DeskReportsWindow *self,
                                      const GDate *first,
                                      const GDate *last)
{
  GDate a, b;

  g_return_if_fail (DESK_IS_REPORTS_WINDOW (self));
  g_return_if_fail (first != NULL && g_date_valid (first));
  g_return_if_fail (last != NULL && g_date_valid (last));

  a = *first;
  b = *last;
  if (g_date_compare (&a, &b) > 0)
    {
      GDate t = a;

      a = b;
      b = t;
    }
  self->custom_first = a;
  self->custom_last = b;
  select_calendar_day (self, self->from_calendar, &a);
  select_calendar_day (self, self->to_calendar, &b);
  update_range_buttons (self);

  if (get_period (self) != DESK_REPORT_PERIOD_CUSTOM)
    gtk_drop_down_set_selected (self->period_dropdown,
                                DESK_REPORT_PERIOD_CUSTOM);
  else
    refresh (self);
}

DeskReport *
desk_reports_window_get_report (DeskReportsWindow *self)
{
  g_return_val_if_fail (DESK_IS_REPORTS_WINDOW (self), NULL);

  return self->report;
}

/* app.reports */

typedef struct
{
  DeskStore *store;
  DeskClock *clock;
  GSettings *settings;
  DeskReportsWindow *window; /* weak */
} ActionData;

static void
action_data_free (gpointer data)
{
  ActionData *d = data;

  if (d->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (d->window),
                                  (gpointer *) &d->window);
  g_object_unref (d->store);
  g_object_unref (d->clock);
  g_object_unref (d->settings);
  g_free (d);
}

static void
on_reports_activate_cb (GSimpleAction *action,
                        GVariant *param,
                        gpointer user_data)
{
  ActionData *d = g_object_get_data (G_OBJECT (action), "desk-reports");

  if (d->window == NULL)
    {
      d->window = desk_reports_window_new (GTK_APPLICATION (user_data),
                                           d->store, d->clock, d->settings);
      g_object_add_weak_pointer (G_OBJECT (d->window), (gpointer *) &d->window);
    }
  gtk_window_present (GTK_WINDOW (d->window));
}

/* Adds app.reports (Ctrl+Shift+R), which opens the one reports window or
 * raises it. */
void
desk_reports_install_action (GtkApplication *application,
                             DeskStore *store,
                             DeskClock *clock,
                             GSettings *settings)
{
  const char *accels[] = { "<Control><Shift>r", NULL };
  g_autoptr (GSimpleAction) action = g_simple_action_new ("reports", NULL);
  ActionData *d = g_new0 (ActionData, 1);

  g_return_if_fail (GTK_IS_APPLICATION (application));
  g_return_if_fail (DESK_IS_STORE (store));
  g_return_if_fail (DESK_IS_CLOCK (clock));
  g_return_if_fail (G_IS_SETTINGS (settings));

  d->store = g_object_ref (store);
  d->clock = g_object_ref (clock);
  d->settings = g_object_ref (settings);
  g_object_set_data_full (G_OBJECT (action), "desk-reports", d,
                          action_data_free);
  g_signal_connect (action, "activate", G_CALLBACK (on_reports_activate_cb),
                    application);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (action));
  gtk_application_set_accels_for_action (application, "app.reports", accels);
}
