/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ui-test-utils.h"
#include "ui/desk-text.h"

/* Helpers shared by the programs that drive real windows. */

gboolean
spin_until (gboolean (*check) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
spin_for (guint ms)
{
  spin_until (never, NULL, ms);
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock, guint *n_frames)
{
  (*n_frames)++;
}

static gboolean
frames_done (gpointer data)
{
  guint *counts = data;
  return counts[0] >= counts[1];
}

/* Waits until @window has drawn @n more frames, so layout and style
 * changes have reached the screen. */
void
wait_frames (GtkWidget *window, guint n)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);
  guint counts[2] = { 0, n };
  gulong id;

  g_assert_nonnull (frame_clock);
  id = g_signal_connect (frame_clock, "after-paint",
                         G_CALLBACK (on_after_paint_cb), &counts[0]);
  for (guint i = 0; i < n * 2 && counts[0] < n; i++)
    {
      gtk_widget_queue_draw (window);
      gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      spin_until (frames_done, counts, 2000);
    }
  g_signal_handler_disconnect (frame_clock, id);
  g_assert_cmpuint (counts[0], >=, n);
}

char *
screenshot_path (const char *name)
{
  const char *suffix = g_getenv ("SOCIALDESK_SCREENSHOT_SUFFIX");
  g_autofree char *file
      = g_strdup_printf ("screenshot-%s%s.png", name, suffix ? suffix : "");

  return g_build_filename (g_test_get_dir (G_TEST_BUILT), file, NULL);
}

/* The in-process screenshot of ENVIRONMENT.md §1.5. */
void
save_screenshot (GtkWidget *window, const char *name)
{
  g_autofree char *path = screenshot_path (name);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  g_autoptr (GdkTexture) texture = NULL;

  wait_frames (window, 3);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (
      gtk_native_get_renderer (GTK_NATIVE (window)), node,
      &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  gsk_render_node_unref (node);
  g_test_message ("screenshot: %s (%dx%d)", path, width, height);
}

GtkWidget *
find_widget (GtkWidget *root, GType type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
collect_widgets (GtkWidget *root, GType type, GPtrArray *out)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, out);
}

/* Whether a mapped label under @root shows exactly @text, or contains it
 * with @substring. */
GtkLabel *
find_label (GtkWidget *root, const char *text, gboolean substring)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *shown
          = desk_text_remove_break_points (gtk_label_get_text (label));

      if (!gtk_widget_get_mapped (GTK_WIDGET (label)))
        continue;
      if (substring ? strstr (shown, text) != NULL : g_str_equal (shown, text))
        return label;
    }
  return NULL;
}

/* Whether the button for @action_name under @root can be used: an
 * actionable widget follows its action's enabled state. */
gboolean
action_enabled (GtkWidget *root, const char *action_name)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]),
                   action_name)
        == 0)
      return gtk_widget_get_sensitive (buttons->pdata[i]);

  g_assert_not_reached ();
}

void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

AdwPreferencesRow *
find_row (GtkWidget *root, GType type, const char *title)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (root, type, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}
