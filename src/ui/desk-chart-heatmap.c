/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-chart-heatmap"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "ui/desk-resources.h"
#include "desk-chart-heatmap.h"

/* Customer messages by weekday (Monday first) and local hour. Cells are
 * Adwaita blue with an opacity that grows with the count, on a faint
 * foreground tint, so both light and dark styles read. */
struct _DeskChartHeatmap
{
  GtkWidget parent_instance;

  guint counts[7][24];
  guint max;
  char *summary;
};

G_DEFINE_FINAL_TYPE (DeskChartHeatmap, desk_chart_heatmap, GTK_TYPE_WIDGET)

#define LEFT 40.0
#define BOTTOM 18.0

/* 1 January 2024 was a Monday. */
static char *
format_weekday (guint weekday, gboolean abbreviated)
{
  g_autoptr (GDateTime) day
      = g_date_time_new_utc (2024, 1, 1 + weekday, 12, 0, 0);

  return g_date_time_format (day, abbreviated ? "%a" : "%A");
}

static void
show_text (cairo_t *cr, const char *text, double x, double y, double align)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 8");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

void
desk_chart_heatmap_draw (DeskChartHeatmap *self,
                         cairo_t *cr,
                         double width,
                         double height,
                         const GdkRGBA *fg)
{
  double cell_w = (width - LEFT) / 24.0;
  double cell_h = (height - BOTTOM) / 7.0;

  g_return_if_fail (DESK_IS_CHART_HEATMAP (self));

  if (cell_w <= 2 || cell_h <= 2)
    return;

  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *name = format_weekday (d, TRUE);

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
      show_text (cr, name, LEFT - 6, d * cell_h + cell_h / 2, 1.0);

      for (guint h = 0; h < 24; h++)
        {
          guint n = self->counts[d][h];

          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.06);
          cairo_rectangle (cr, LEFT + h * cell_w + 1, d * cell_h + 1,
                           cell_w - 2, cell_h - 2);
          cairo_fill (cr);
          if (n == 0)
            continue;
          cairo_set_source_rgba (cr, 0.208, 0.518, 0.894,
                                 0.15 + 0.85 * n / (double) self->max);
          cairo_rectangle (cr, LEFT + h * cell_w + 1, d * cell_h + 1,
                           cell_w - 2, cell_h - 2);
          cairo_fill (cr);
        }
    }

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
  for (guint h = 0; h < 24; h += 3)
    {
      char text[8];

      g_snprintf (text, sizeof text, "%02u", h);
      show_text (cr, text, LEFT + h * cell_w + cell_w / 2, height - BOTTOM / 2,
                 0.5);
    }
}

static void
desk_chart_heatmap_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, width, height));
  desk_chart_heatmap_draw (DESK_CHART_HEATMAP (widget), cr, width, height, &fg);
  cairo_destroy (cr);
}

static void
desk_chart_heatmap_measure (GtkWidget *widget,
                            GtkOrientation orientation,
                            int for_size,
                            int *minimum,
                            int *natural,
                            int *minimum_baseline,
                            int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 520;
    }
  else
    *minimum = *natural = 180;
}

static void
desk_chart_heatmap_finalize (GObject *object)
{
  DeskChartHeatmap *self = DESK_CHART_HEATMAP (object);

  g_free (self->summary);

  G_OBJECT_CLASS (desk_chart_heatmap_parent_class)->finalize (object);
}

static void
desk_chart_heatmap_class_init (DeskChartHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  (void) desk_get_resource ();

  object_class->finalize = desk_chart_heatmap_finalize;
  widget_class->snapshot = desk_chart_heatmap_snapshot;
  widget_class->measure = desk_chart_heatmap_measure;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
desk_chart_heatmap_init (DeskChartHeatmap *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "heatmap");
}

DeskChartHeatmap *
desk_chart_heatmap_new (void)
{
  return g_object_new (DESK_TYPE_CHART_HEATMAP, NULL);
}

void
desk_chart_heatmap_set_report (DeskChartHeatmap *self, DeskReport *report)
{
  guint best_d = 0, best_h = 0;

  g_return_if_fail (DESK_IS_CHART_HEATMAP (self));
  g_return_if_fail (report != NULL);

  self->max = 0;
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        self->counts[d][h] = report->heat_map[d][h];
        if (self->counts[d][h] > self->max)
          {
            self->max = self->counts[d][h];
            best_d = d;
            best_h = h;
          }
      }

  g_clear_pointer (&self->summary, g_free);
  if (self->max == 0)
    self->summary = g_strdup (_ ("No customer messages in this period"));
  else
    {
      g_autofree char *day = format_weekday (best_d, FALSE);

      /* Translators: e.g. "Busiest: Monday 10:00–11:00, 23 messages" */
      self->summary = g_strdup_printf (
          ngettext ("Busiest: %s %02u:00–%02u:00, %u message",
                    "Busiest: %s %02u:00–%02u:00, %u messages", self->max),
          day, best_h, (best_h + 1) % 24, self->max);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
desk_chart_heatmap_get_summary (DeskChartHeatmap *self)
{
  g_return_val_if_fail (DESK_IS_CHART_HEATMAP (self), NULL);

  return self->summary;
}
