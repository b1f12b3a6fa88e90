/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-tag-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-tag-popover.h"
#include "desk-text.h"

/* Tags… in the conversation header and the bulk bar: check the tags of
 * the target conversations, create a tag in one of eight Adwaita colours,
 * and delete one after a confirmation. Every change goes through the
 * store, which logs it. */

struct _DeskTagPopover
{
  GtkPopover parent_instance;

  GtkListBox *list;
  GtkEditable *name_entry;
  GtkWidget *palette;
  GtkWidget *add_button;

  DeskStore *store;
  GArray *targets;
  char *actor;
  char *color;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (DeskTagPopover, desk_tag_popover, GTK_TYPE_POPOVER)

/* The libadwaita palette's middle shades. */
static const struct
{
  const char *color;
  const char *name;
} palette[] = {
  { "#3584e4", N_ ("Blue") },   { "#33d17a", N_ ("Green") },
  { "#f6d32d", N_ ("Yellow") }, { "#ff7800", N_ ("Orange") },
  { "#e01b24", N_ ("Red") },    { "#9141ac", N_ ("Purple") },
  { "#986a44", N_ ("Brown") },  { "#77767b", N_ ("Grey") },
};

static void
draw_dot_cb (GtkDrawingArea *area,
             cairo_t *cr,
             int width,
             int height,
             gpointer user_data)
{
  GdkRGBA rgba;

  if (!gdk_rgba_parse (&rgba, user_data))
    return;
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0,
             2 * G_PI);
  cairo_fill (cr);
}

/* A coloured dot; the tag's colour is data, so it is drawn, not styled. */
static GtkWidget *
make_dot (const char *color, int size)
{
  GtkWidget *dot = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), size);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot_cb,
                                  g_strdup (color), g_free);
  return dot;
}

static void
show_error (DeskTagPopover *self, const GError *error)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  /* The window shows errors as toasts; without one, log it. */
  if (root != NULL
      && gtk_widget_activate_action (root, "win.show-error", "s",
                                     error->message))
    return;
  g_warning ("%s", error->message);
}

static void
on_check_toggled_cb (GtkCheckButton *check, DeskTagPopover *self)
{
  gint64 tag_id;
  gboolean active = gtk_check_button_get_active (check);

  if (self->loading || self->targets == NULL)
    return;

  tag_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "tag-id"));
  for (guint i = 0; i < self->targets->len; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!desk_store_set_conversation_tag (
              self->store, g_array_index (self->targets, gint64, i), tag_id,
              active, self->actor, &error))
        {
          show_error (self, error);
          return;
        }
    }
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char *response,
                       DeskTagPopover *self)
{
  g_autoptr (GError) error = NULL;
  gint64 tag_id
      = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "tag-id"));

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!desk_store_delete_tag (self->store, tag_id, &error))
    show_error (self, error);
  desk_tag_popover_reload (self);
}

static void
on_delete_clicked_cb (GtkButton *button, DeskTagPopover *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *name = g_object_get_data (G_OBJECT (button), "tag-name");
  g_autofree char *line = desk_text_for_display_line (name);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a tag's name. */
  heading = g_strdup_printf (_ ("Delete “%s”?"), line);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (root), heading,
      _ ("The tag is taken off every conversation. This cannot be undone.")));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _ ("_Cancel"), "delete", _ ("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "tag-id",
                     g_object_get_data (G_OBJECT (button), "tag-id"));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_tag (DeskTagPopover *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name
      = g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
  gint64 tag_id;

  if (*name == '\0')
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  tag_id = desk_store_create_tag (self->store, name, self->color, &error);
  if (tag_id <= 0)
    {
      show_error (self, error);
      return;
    }

  /* A tag made here is meant for the conversations at hand. */
  for (guint i = 0; self->targets != NULL && i < self->targets->len; i++)
    if (!desk_store_set_conversation_tag (
            self->store, g_array_index (self->targets, gint64, i), tag_id, TRUE,
            self->actor, &error))
      {
        show_error (self, error);
        break;
      }

  gtk_editable_set_text (self->name_entry, "");
  desk_tag_popover_reload (self);
}

static void
on_add_clicked_cb (GtkButton *button, DeskTagPopover *self)
{
  add_tag (self);
}

static void
on_name_activate_cb (GtkEntry *entry, DeskTagPopover *self)
{
  add_tag (self);
}

static void
on_name_changed_cb (GtkEditable *editable, DeskTagPopover *self)
{
  g_autofree char *name
      = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  gtk_widget_set_sensitive (self->add_button, *name != '\0');
}

static void
on_color_toggled_cb (GtkToggleButton *button, DeskTagPopover *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  g_free (self->color);
  self->color = g_strdup (g_object_get_data (G_OBJECT (button), "color"));
}

static GtkWidget *
make_tag_row (DeskTagPopover *self, const DeskTag *tag, gboolean tagged)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *line = desk_text_for_display_line (tag->name);
  g_autofree char *tooltip = NULL;

  gtk_label_set_text (GTK_LABEL (label), line);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), make_dot (tag->color, 10));
  gtk_box_append (GTK_BOX (box), label);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), tagged);
  gtk_widget_set_hexpand (check, TRUE);
  g_object_set_data (G_OBJECT (check), "tag-id", GSIZE_TO_POINTER (tag->id));
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);

  gtk_widget_add_css_class (delete, "flat");
  /* Translators: a button's tooltip; %s is a tag's name. */
  tooltip = g_strdup_printf (_ ("Delete “%s”"), line);
  gtk_widget_set_tooltip_text (delete, tooltip);
  g_object_set_data (G_OBJECT (delete), "tag-id", GSIZE_TO_POINTER (tag->id));
  g_object_set_data_full (G_OBJECT (delete), "tag-name", g_strdup (tag->name),
                          g_free);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked_cb), self);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), delete);
  return box;
}

static void
desk_tag_popover_dispose (GObject *object)
{
  DeskTagPopover *self = DESK_TAG_POPOVER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->targets, g_array_unref);

  G_OBJECT_CLASS (desk_tag_popover_parent_class)->dispose (object);
}

static void
desk_tag_popover_finalize (GObject *object)
{
  DeskTagPopover *self = DESK_TAG_POPOVER (object);

  g_free (self->actor);
  g_free (self->color);

  G_OBJECT_CLASS (desk_tag_popover_parent_class)->finalize (object);
}

static void
desk_tag_popover_class_init (DeskTagPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_tag_popover_dispose;
  object_class->finalize = desk_tag_popover_finalize;

  (void) desk_get_resource ();
}

static void
desk_tag_popover_init (DeskTagPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *heading = gtk_label_new (_ ("New Tag"));
  GtkWidget *entry_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkToggleButton *group = NULL;

  self->color = g_strdup (palette[0].color);

  gtk_widget_add_css_class (GTK_WIDGET (self), "tag-popover");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "tag-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Tags"),
                                  -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (
      GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  self->name_entry = GTK_EDITABLE (gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->name_entry), _ ("Tag name"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_entry), TRUE);
  g_signal_connect (self->name_entry, "activate",
                    G_CALLBACK (on_name_activate_cb), self);
  g_signal_connect (self->name_entry, "changed",
                    G_CALLBACK (on_name_changed_cb), self);
  self->add_button = gtk_button_new_with_mnemonic (_ ("_Add"));
  gtk_widget_set_sensitive (self->add_button, FALSE);
  gtk_widget_add_css_class (self->add_button, "suggested-action");
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (on_add_clicked_cb),
                    self);
  gtk_box_append (GTK_BOX (entry_box), GTK_WIDGET (self->name_entry));
  gtk_box_append (GTK_BOX (entry_box), self->add_button);
  gtk_box_append (GTK_BOX (box), entry_box);

  self->palette = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_halign (self->palette, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_button_set_child (GTK_BUTTON (button),
                            make_dot (palette[i].color, 16));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "tag-color");
      gtk_widget_set_tooltip_text (button, _ (palette[i].name));
      g_object_set_data (G_OBJECT (button), "color",
                         (gpointer) palette[i].color);
      if (group == NULL)
        group = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == 0);
      g_signal_connect (button, "toggled", G_CALLBACK (on_color_toggled_cb),
                        self);
      gtk_box_append (GTK_BOX (self->palette), button);
    }
  gtk_box_append (GTK_BOX (box), self->palette);

  gtk_widget_set_size_request (box, 280, -1);
  gtk_popover_set_child (GTK_POPOVER (self), box);
}

GtkWidget *
desk_tag_popover_new (DeskStore *store)
{
  DeskTagPopover *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_TAG_POPOVER, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}

/* The conversations the checks act on; the checks show the first one's
 * tags. */
void
desk_tag_popover_set_targets (DeskTagPopover *self,
                              GArray *conversation_ids,
                              const char *actor)
{
  g_return_if_fail (DESK_IS_TAG_POPOVER (self));

  g_clear_pointer (&self->targets, g_array_unref);
  if (conversation_ids != NULL)
    self->targets = g_array_ref (conversation_ids);
  g_free (self->actor);
  self->actor = g_strdup (actor);
  desk_tag_popover_reload (self);
}

void
desk_tag_popover_reload (DeskTagPopover *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) tags = NULL;
  g_autoptr (GPtrArray) tagged = NULL;
  GtkWidget *child;

  g_return_if_fail (DESK_IS_TAG_POPOVER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  tags = desk_store_list_tags (self->store, &error);
  if (tags != NULL && self->targets != NULL && self->targets->len > 0)
    tagged = desk_store_list_conversation_tags (
        self->store, g_array_index (self->targets, gint64, 0), &error);
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }

  self->loading = TRUE;
  for (guint i = 0; i < tags->len; i++)
    {
      const DeskTag *tag = g_ptr_array_index (tags, i);
      gboolean on = FALSE;

      for (guint j = 0; tagged != NULL && j < tagged->len; j++)
        if (((DeskTag *) g_ptr_array_index (tagged, j))->id == tag->id)
          on = TRUE;
      gtk_list_box_append (self->list, make_tag_row (self, tag, on));
    }
  self->loading = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->list), tags->len > 0);
}
