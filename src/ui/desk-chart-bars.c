/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-chart-bars"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "ui/desk-resources.h"
#include "desk-chart-bars.h"

/* A bar chart of one report figure. The drawing works on any cairo
 * context, so the PDF export draws the same chart as the window. */
struct _DeskChartBars
{
  GtkWidget parent_instance;

  DeskChartBarsKind kind;
  guint n_bars;
  guint n_series;    /* 1, or 2 for stacked met/breached */
  GArray *values;    /* double, n_bars × n_series, bar after bar */
  GPtrArray *labels; /* char*, one per bar, NULL for none */
  char *summary;
};

G_DEFINE_FINAL_TYPE (DeskChartBars, desk_chart_bars, GTK_TYPE_WIDGET)

/* Adwaita's blue 3 and red 3: readable on light and dark backgrounds. */
static const GdkRGBA series_colors[] = {
  { 0.208, 0.518, 0.894, 1.0 },
  { 0.878, 0.106, 0.141, 1.0 },
};

#define LABEL_HEIGHT 18.0
#define AXIS_WIDTH 36.0
#define TOP 8.0
#define LEGEND_TOP 18.0

static double
get_value (DeskChartBars *self, guint bar, guint series)
{
  return g_array_index (self->values, double, bar * self->n_series + series);
}

static PangoLayout *
create_layout (cairo_t *cr, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 8");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

static void
show_text (cairo_t *cr, const char *text, double x, double y, double align)
{
  g_autoptr (PangoLayout) layout = create_layout (cr, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y);
  pango_cairo_show_layout (cr, layout);
}

void
desk_chart_bars_draw (DeskChartBars *self,
                      cairo_t *cr,
                      double width,
                      double height,
                      const GdkRGBA *fg)
{
  double max = 0, plot_w, plot_h, slot;
  double top = self->n_series > 1 ? LEGEND_TOP : TOP;
  guint label_every;
  char text[32];

  g_return_if_fail (DESK_IS_CHART_BARS (self));

  for (guint i = 0; i < self->n_bars; i++)
    {
      double sum = 0;

      for (guint s = 0; s < self->n_series; s++)
        sum += get_value (self, i, s);
      max = MAX (max, sum);
    }
  /* An even top, so the middle line is a whole number. */
  max = MAX (2, ceil (max / 2) * 2);

  plot_w = width - AXIS_WIDTH;
  plot_h = height - LABEL_HEIGHT - top;
  if (self->n_bars == 0 || plot_w <= 0 || plot_h <= 0)
    return;

  /* Grid lines at the top and the middle, so a height reads as a number. */
  cairo_set_line_width (cr, 1);
  for (int g = 0; g <= 2; g++)
    {
      double y = top + plot_h - plot_h * g / 2.0;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.15);
      cairo_move_to (cr, AXIS_WIDTH, floor (y) + 0.5);
      cairo_line_to (cr, width, floor (y) + 0.5);
      cairo_stroke (cr);
      if (g > 0)
        {
          g_snprintf (text, sizeof text, "%.0f", max * g / 2.0);
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.6);
          show_text (cr, text, AXIS_WIDTH - 6, y - 7, 1.0);
        }
    }

  /* Colour alone must not tell met from missed: a legend names them. */
  if (self->n_series == 2)
    {
      const char *names[] = { _ ("Met"), _ ("Missed") };
      double x = width;

      for (int s = 1; s >= 0; s--)
        {
          g_autoptr (PangoLayout) layout = create_layout (cr, names[s]);
          int w, h;

          pango_layout_get_pixel_size (layout, &w, &h);
          x -= w;
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
          cairo_move_to (cr, x, 0);
          pango_cairo_show_layout (cr, layout);
          x -= 14;
          gdk_cairo_set_source_rgba (cr, &series_colors[s]);
          cairo_rectangle (cr, x, h / 2.0 - 5, 10, 10);
          cairo_fill (cr);
          x -= 12;
        }
    }

  slot = plot_w / self->n_bars;
  label_every = MAX (1, (guint) ceil (60.0 / slot));
  for (guint i = 0; i < self->n_bars; i++)
    {
      double x = AXIS_WIDTH + i * slot + slot * 0.15;
      double bar_w = MAX (1, slot * 0.7);
      double bottom = top + plot_h;
      const char *label = g_ptr_array_index (self->labels, i);

      for (guint s = 0; s < self->n_series; s++)
        {
          double h = plot_h * get_value (self, i, s) / max;
          const GdkRGBA *c = &series_colors[s % G_N_ELEMENTS (series_colors)];

          if (h <= 0)
            continue;
          gdk_cairo_set_source_rgba (cr, c);
          cairo_rectangle (cr, x, bottom - h, bar_w, h);
          cairo_fill (cr);
          bottom -= h;
        }

      if (label != NULL && i % label_every == 0)
        {
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
          show_text (cr, label, x + bar_w / 2, top + plot_h + 2, 0.5);
        }
    }
}

static void
desk_chart_bars_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  DeskChartBars *self = DESK_CHART_BARS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, width, height));
  desk_chart_bars_draw (self, cr, width, height, &fg);
  cairo_destroy (cr);
}

static void
desk_chart_bars_measure (GtkWidget *widget,
                         GtkOrientation orientation,
                         int for_size,
                         int *minimum,
                         int *natural,
                         int *minimum_baseline,
                         int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 200;
  else
    *minimum = *natural = 160;
}

static void
desk_chart_bars_finalize (GObject *object)
{
  DeskChartBars *self = DESK_CHART_BARS (object);

  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_free (self->summary);

  G_OBJECT_CLASS (desk_chart_bars_parent_class)->finalize (object);
}

static void
desk_chart_bars_class_init (DeskChartBarsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  (void) desk_get_resource ();

  object_class->finalize = desk_chart_bars_finalize;
  widget_class->snapshot = desk_chart_bars_snapshot;
  widget_class->measure = desk_chart_bars_measure;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
desk_chart_bars_init (DeskChartBars *self)
{
  self->values = g_array_new (FALSE, TRUE, sizeof (double));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->n_series = 1;
  gtk_widget_add_css_class (GTK_WIDGET (self), "bars");
}

DeskChartBars *
desk_chart_bars_new (DeskChartBarsKind kind)
{
  DeskChartBars *self = g_object_new (DESK_TYPE_CHART_BARS, NULL);

  self->kind = kind;
  self->n_series = kind == DESK_CHART_BARS_SLA ? 2 : 1;
  return self;
}

static const char *
get_bucket_label (DeskReportBucket bucket)
{
  switch (bucket)
    {
      case DESK_REPORT_BUCKET_UNDER_15_MINUTES:
        return _ ("< 15 min");
      case DESK_REPORT_BUCKET_UNDER_1_HOUR:
        return _ ("15–60 min");
      case DESK_REPORT_BUCKET_UNDER_6_HOURS:
        return _ ("1–6 h");
      case DESK_REPORT_BUCKET_UNDER_24_HOURS:
        return _ ("6–24 h");
      case DESK_REPORT_BUCKET_LONGER:
      case DESK_REPORT_N_BUCKETS:
      default:
        return _ ("> 24 h");
    }
}

static void
add_bar (DeskChartBars *self, char *label, double a, double b)
{
  g_array_append_val (self->values, a);
  if (self->n_series > 1)
    g_array_append_val (self->values, b);
  g_ptr_array_add (self->labels, label);
  self->n_bars++;
}

static char *
format_day (const GDate *date)
{
  char buf[64];

  /* Translators: a day on a chart's axis, see strftime(3) */
  if (g_date_strftime (buf, sizeof buf, C_ ("chart day", "%d.%m."), date) == 0)
    return NULL;
  return g_strdup (buf);
}

/* Fills the chart and its text alternative from @report. */
void
desk_chart_bars_set_report (DeskChartBars *self, DeskReport *report)
{
  g_return_if_fail (DESK_IS_CHART_BARS (self));
  g_return_if_fail (report != NULL);

  g_array_set_size (self->values, 0);
  g_ptr_array_set_size (self->labels, 0);
  self->n_bars = 0;
  g_clear_pointer (&self->summary, g_free);

  switch (self->kind)
    {
      case DESK_CHART_BARS_VOLUME:
        {
          guint best = 0, best_i = 0;
          g_autofree char *best_day = NULL;

          for (guint i = 0; i < report->days->len; i++)
            {
              DeskReportDay *day
                  = &g_array_index (report->days, DeskReportDay, i);

              add_bar (self, format_day (&day->date), day->opened, 0);
              if (day->opened > best)
                {
                  best = day->opened;
                  best_i = i;
                }
            }
          if (report->days->len > 0)
            best_day = format_day (
                &g_array_index (report->days, DeskReportDay, best_i).date);
          self->summary = g_strdup_printf (
              ngettext ("%u conversation opened over %u days; busiest day %s "
                        "with %u",
                        "%u conversations opened over %u days; busiest day %s "
                        "with %u",
                        report->opened),
              report->opened, report->days->len,
              best_day != NULL ? best_day : "—", best);
          break;
        }

      case DESK_CHART_BARS_RESPONSE_TIMES:
        {
          GString *text = g_string_new (_ ("First responses:"));

          for (guint b = 0; b < DESK_REPORT_N_BUCKETS; b++)
            {
              add_bar (self, g_strdup (get_bucket_label (b)),
                       report->response_histogram[b], 0);
              g_string_append_printf (text, b == 0 ? " %s: %u" : ", %s: %u",
                                      get_bucket_label (b),
                                      report->response_histogram[b]);
            }
          self->summary = g_string_free (text, FALSE);
          break;
        }

      case DESK_CHART_BARS_SLA:
        {
          guint met = 0, breached = 0;

          /* All three targets together: a day's deadlines, kept or not. */
          for (guint i = 0; i < report->days->len; i++)
            {
              DeskReportDay *day
                  = &g_array_index (report->days, DeskReportDay, i);
              guint day_met = 0, day_breached = 0;

              for (guint t = 0; t < DESK_SLA_N_TIMERS; t++)
                {
                  day_met += day->sla[t].met;
                  day_breached += day->sla[t].breached;
                }
              add_bar (self, format_day (&day->date), day_met, day_breached);
              met += day_met;
              breached += day_breached;
            }
          self->summary = g_strdup_printf (
              _ ("Answer-time targets met %u times and missed %u times"), met,
              breached);
          break;
        }

      default:
        g_assert_not_reached ();
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
desk_chart_bars_get_summary (DeskChartBars *self)
{
  g_return_val_if_fail (DESK_IS_CHART_BARS (self), NULL);

  return self->summary;
}
