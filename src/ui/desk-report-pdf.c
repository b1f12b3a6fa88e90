/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-report-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "desk-chart-bars.h"
#include "desk-chart-heatmap.h"
#include "desk-report-pdf.h"

/* A one-page A4 report: what it covers, the figures, and the charts drawn
 * by the same code as the window's, so paper and screen agree. */

#define PAGE_WIDTH 595.0 /* A4 in points */
#define PAGE_HEIGHT 842.0
#define MARGIN 40.0

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws @text at (@x, @y) within @width and returns its height. */
static double
draw_text (cairo_t *cr,
           const char *text,
           const char *font,
           double x,
           double y,
           double width)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static double
draw_chart_title (cairo_t *cr, const char *title, double y)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  return draw_text (cr, title, "Sans Bold 10", MARGIN, y,
                    PAGE_WIDTH - 2 * MARGIN)
         + 4;
}

static void
new_page (cairo_t *cr, double *y)
{
  cairo_show_page (cr);
  *y = MARGIN;
}

GBytes *
desk_report_pdf_render (DeskReport *report,
                        const char *period,
                        const char *filters,
                        const DeskReportPdfMetric *metrics,
                        gsize n_metrics,
                        GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  const GdkRGBA black = { 0, 0, 0, 1 };
  const double content_w = PAGE_WIDTH - 2 * MARGIN;
  const double col_w = content_w / 3;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double y = MARGIN;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (period != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (write_cb, bytes, PAGE_WIDTH,
                                                 PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _ ("Socialdesk Report"));
  cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0, 0, 0);
  y += draw_text (cr, _ ("Socialdesk Report"), "Sans Bold 18", MARGIN, y,
                  content_w)
       + 4;
  y += draw_text (cr, period, "Sans 11", MARGIN, y, content_w) + 2;
  if (filters != NULL && *filters != '\0')
    y += draw_text (cr, filters, "Sans 9", MARGIN, y, content_w);
  y += 16;

  /* Three figures per row. */
  for (gsize i = 0; i < n_metrics; i += 3)
    {
      double row_h = 0;

      for (gsize j = i; j < MIN (i + 3, n_metrics); j++)
        {
          double x = MARGIN + (j - i) * col_w, h = 0;

          cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
          h += draw_text (cr, metrics[j].title, "Sans 8", x, y + h, col_w - 8);
          cairo_set_source_rgb (cr, 0, 0, 0);
          h += draw_text (cr, metrics[j].value, "Sans Bold 14", x, y + h,
                          col_w - 8);
          if (metrics[j].detail != NULL && *metrics[j].detail != '\0')
            {
              cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
              h += draw_text (cr, metrics[j].detail, "Sans 7", x, y + h,
                              col_w - 8);
            }
          row_h = MAX (row_h, h);
        }
      y += row_h + 12;
    }

  {
    const struct
    {
      const char *title;
      DeskChartBarsKind kind;
    } bars[] = {
      { N_ ("Conversations per Day"), DESK_CHART_BARS_VOLUME },
      { N_ ("First-Response Times"), DESK_CHART_BARS_RESPONSE_TIMES },
      { N_ ("Answer-Time Targets per Day"), DESK_CHART_BARS_SLA },
    };
    const double chart_h = 130;

    for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
      {
        g_autoptr (DeskChartBars) chart
            = g_object_ref_sink (desk_chart_bars_new (bars[i].kind));

        if (y + chart_h + 30 > PAGE_HEIGHT - MARGIN)
          new_page (cr, &y);
        desk_chart_bars_set_report (chart, report);
        y += draw_chart_title (cr, _ (bars[i].title), y);
        cairo_save (cr);
        cairo_translate (cr, MARGIN, y);
        desk_chart_bars_draw (chart, cr, content_w, chart_h, &black);
        cairo_restore (cr);
        y += chart_h + 16;
      }

    {
      g_autoptr (DeskChartHeatmap) heatmap
          = g_object_ref_sink (desk_chart_heatmap_new ());

      if (y + 160 + 30 > PAGE_HEIGHT - MARGIN)
        new_page (cr, &y);
      desk_chart_heatmap_set_report (heatmap, report);
      y += draw_chart_title (cr, _ ("Customer Messages by Weekday and Hour"),
                             y);
      cairo_save (cr);
      cairo_translate (cr, MARGIN, y);
      desk_chart_heatmap_draw (heatmap, cr, content_w, 160, &black);
      cairo_restore (cr);
      y += 160 + 4;
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      draw_text (cr, desk_chart_heatmap_get_summary (heatmap), "Sans 8", MARGIN,
                 y, content_w);
    }
  }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("Could not create the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
