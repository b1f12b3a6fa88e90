/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "bench-ui.h"
#include "ui/desk-window.h"

/* The figures that need a window. Each cold start runs in a fresh child
 * process (this same program with --ui-mode), so nothing is warm that a
 * real start would not have warm either. */

#define RUNS 3

static gint64 start_us;
static gint64 idle_seconds;

typedef struct
{
  GtkWidget *window;
  const char *mode;
  guint frames;
  gint64 frame_start;
  GArray *frame_ms;
  guint wakeups;
  GPollFunc poll_func;
} Child;

static Child child;

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : 0;
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_list_view (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gint
counting_poll (GPollFD *fds, guint nfds, gint timeout)
{
  child.wakeups++;
  return child.poll_func (fds, nfds, timeout);
}

static gboolean
on_idle_done_cb (gpointer user_data)
{
  g_print ("WAKEUPS %u\n", child.wakeups);
  gtk_window_destroy (GTK_WINDOW (child.window));
  return G_SOURCE_REMOVE;
}

static void
on_before_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  child.frame_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  child.frames++;

  if (child.frames == 1 && g_str_equal (child.mode, "first-frame"))
    {
      g_print ("FIRST_FRAME %" G_GINT64_FORMAT " RSS %.1f\n",
               g_get_monotonic_time (), rss_mb ());
      gtk_window_destroy (GTK_WINDOW (child.window));
      return;
    }

  if (g_str_equal (child.mode, "scroll") && child.frames > 3)
    {
      GtkWidget *list = find_list_view (child.window);
      GtkAdjustment *adj
          = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
      double ms = (g_get_monotonic_time () - child.frame_start) / 1000.0;

      if (child.frames > 5)
        g_array_append_val (child.frame_ms, ms);
      if (child.frame_ms->len >= 200)
        {
          g_print ("SCROLL_P95 %.3f\n",
                   bench_percentile (child.frame_ms, 0.95));
          gtk_window_destroy (GTK_WINDOW (child.window));
          return;
        }
      /* A fast flick: three rows a frame, wrapping at the end. */
      if (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)
          >= gtk_adjustment_get_upper (adj) - 1)
        gtk_adjustment_set_value (adj, 0);
      else
        gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 180);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }

  if (g_str_equal (child.mode, "idle") && child.frames == 3)
    {
      /* Settled: from now on count every time the main loop wakes up. */
      child.wakeups = 0;
      child.poll_func = g_main_context_get_poll_func (NULL);
      g_main_context_set_poll_func (NULL, counting_poll);
      g_timeout_add_seconds ((guint) idle_seconds, on_idle_done_cb, NULL);
      return;
    }

  if (child.frames < 3)
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
on_realize_cb (GtkWidget *widget, gpointer user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb),
                    NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

static void
on_activate_cb (GtkApplication *app, const char *db_path)
{
  if (db_path == NULL)
    child.window = adw_application_window_new (app);
  else
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DeskClock) clock = desk_clock_new_system ();
      g_autoptr (DeskStore) store = desk_store_open (db_path, clock, &error);
      g_autoptr (GSettings) settings = g_settings_new (BASE_APP_ID);
      g_autoptr (GListStore) channels = g_list_store_new (G_TYPE_OBJECT);

      if (store == NULL)
        g_error ("%s", error->message);
      child.window = GTK_WIDGET (desk_window_new (
          app, store, clock, settings, NULL, G_LIST_MODEL (channels)));
    }

  gtk_window_set_default_size (GTK_WINDOW (child.window), 1180, 760);
  g_signal_connect (child.window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (child.window));
}

int
bench_ui_child (const char *mode, const char *db_path)
{
  g_autoptr (AdwApplication) app = NULL;
  const char *db = NULL;
  const char *mode_name = mode;

  start_us = g_get_monotonic_time ();
  if (g_str_has_prefix (mode, "idle:"))
    {
      idle_seconds = g_ascii_strtoll (mode + 5, NULL, 10);
      mode_name = "idle";
    }
  child.mode = mode_name;
  child.frame_ms = g_array_new (FALSE, FALSE, sizeof (double));

  if (!g_str_equal (mode_name, "empty"))
    db = db_path;
  if (g_str_equal (mode_name, "empty"))
    child.mode = "first-frame";

  app = adw_application_new ("io.github.socialdesk.Benchmark",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb),
                    (gpointer) db);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static char *
run_child (const char *self_path,
           const char *mode,
           const char *db_path,
           gint64 *spawned_at)
{
  const char *argv[]
      = { self_path, "--ui-mode", mode, "--ui-db", db_path, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status;

  *spawned_at = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, &error))
    g_error ("could not start %s: %s", self_path, error->message);
  return out;
}

static double
median (double *values, guint n)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));
  double m;

  g_array_append_vals (a, values, n);
  m = bench_percentile (a, 0.5);
  g_array_unref (a);
  return m;
}

static void
first_frame (const char *self_path,
             const char *mode,
             const char *db_path,
             double *ms,
             double *rss)
{
  double times[RUNS], memory[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 spawned, painted = 0;
      g_autofree char *out = run_child (self_path, mode, db_path, &spawned);
      const char *line = out ? strstr (out, "FIRST_FRAME ") : NULL;

      if (line == NULL
          || sscanf (line, "FIRST_FRAME %" G_GINT64_FORMAT " RSS %lf", &painted,
                     &memory[i])
                 != 2)
        g_error ("the %s window drew no frame: %s", mode, out ? out : "");
      times[i] = (painted - spawned) / 1000.0;
    }
  *ms = median (times, RUNS);
  *rss = median (memory, RUNS);
}

void
bench_ui_measure (const char *self_path,
                  const char *db_path,
                  guint idle,
                  BenchUiFigures *figures)
{
  g_autofree char *scroll = NULL;
  const char *line;
  gint64 spawned;

  memset (figures, 0, sizeof *figures);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return;

  /* One throwaway start warms the page cache and Mesa's shader cache for
   * both sides alike. */
  g_free (run_child (self_path, "empty", db_path, &spawned));

  first_frame (self_path, "empty", db_path, &figures->first_frame_baseline_ms,
               &figures->rss_baseline_mb);
  first_frame (self_path, "first-frame", db_path, &figures->first_frame_ms,
               &figures->rss_mb);

  scroll = run_child (self_path, "scroll", db_path, &spawned);
  line = scroll ? strstr (scroll, "SCROLL_P95 ") : NULL;
  if (line != NULL)
    figures->scroll_frame_p95_ms = g_ascii_strtod (line + 11, NULL);

  if (idle > 0)
    {
      g_autofree char *mode = g_strdup_printf ("idle:%u", idle);
      g_autofree char *out = run_child (self_path, mode, db_path, &spawned);

      line = out ? strstr (out, "WAKEUPS ") : NULL;
      if (line != NULL)
        figures->idle_wakeups_per_minute
            = g_ascii_strtod (line + 8, NULL) * 60.0 / idle;
      figures->idle_seconds = idle;
    }
  figures->measured = TRUE;
}

void
bench_ui_print_table (const BenchUiFigures *f)
{
  if (!f->measured)
    {
      g_print ("%-34s %14s\n", "window figures", "no display");
      return;
    }
  g_print ("%-34s %14.1f %14.1f %10.2f\n", "first frame, cold start (ms)",
           f->first_frame_ms, f->first_frame_baseline_ms,
           f->first_frame_ms / f->first_frame_baseline_ms);
  g_print ("%-34s %14.1f %14.1f %+10.1f\n", "resident memory (MB)", f->rss_mb,
           f->rss_baseline_mb, f->rss_mb - f->rss_baseline_mb);
  g_print ("%-34s %14.2f %14s %10s\n", "scroll frame p95 (ms)",
           f->scroll_frame_p95_ms, "-", "-");
  if (f->idle_seconds > 0)
    g_print ("%-34s %14.1f %14s %10s\n", "idle wakeups per minute",
             f->idle_wakeups_per_minute, "-", "-");
}

const char *
bench_ui_json (const BenchUiFigures *f)
{
  static char buffer[512];

  g_snprintf (buffer, sizeof buffer,
              "\"window_measured\": %s, \"first_frame_ms\": %.1f,"
              " \"first_frame_baseline_ms\": %.1f, \"first_frame_ratio\": %.3f,"
              " \"rss_mb\": %.1f, \"rss_baseline_mb\": %.1f,"
              " \"rss_extra_mb\": %.1f, \"scroll_frame_p95_ms\": %.2f,"
              " \"idle_wakeups_per_minute\": %.2f",
              f->measured ? "true" : "false", f->first_frame_ms,
              f->first_frame_baseline_ms,
              f->first_frame_baseline_ms > 0
                  ? f->first_frame_ms / f->first_frame_baseline_ms
                  : 0,
              f->rss_mb, f->rss_baseline_mb, f->rss_mb - f->rss_baseline_mb,
              f->scroll_frame_p95_ms, f->idle_wakeups_per_minute);
  return buffer;
}
