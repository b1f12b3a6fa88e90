/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-template-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "core/desk-store-guidelines.h"
#include "ui/desk-resources.h"
#include "desk-template-editor.h"

/* Edits one reply template, or writes a new one. Saving writes to the
 * store and announces "saved", so the pane lists the change. */
struct _DeskTemplateEditor
{
  AdwWindow parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *category_row;
  AdwEntryRow *shortcut_row;
  AdwComboRow *language_row;
  AdwComboRow *formality_row;
  GtkMenuButton *placeholder_button;
  GtkTextView *body_view;
  GtkWidget *delete_group;

  DeskStore *store;
  DeskTemplate *template; /* a copy; id 0 for a new one */
};

G_DEFINE_FINAL_TYPE (DeskTemplateEditor, desk_template_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (DeskTemplateEditor *self, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (
      GTK_WINDOW (self), _ ("Could Not Save the Template"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   _ ("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DeskTemplateEditor *self = DESK_TEMPLATE_EDITOR (widget);
  g_autoptr (GError) error = NULL;

  if (!desk_template_editor_save (self, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_delete_response_cb (DeskTemplateEditor *self, const char *response)
{
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!desk_store_delete_template (
          self->store, desk_template_get_id (self->template), &error))
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DeskTemplateEditor *self = DESK_TEMPLATE_EDITOR (widget);
  GtkWidget *dialog = adw_message_dialog_new (
      GTK_WINDOW (self), _ ("Delete the Template?"),
      _ ("The template is removed for the whole team."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _ ("Cancel"), "delete", _ ("Delete"), NULL);
  adw_message_dialog_set_response_appearance (
      ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
insert_placeholder_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DeskTemplateEditor *self = DESK_TEMPLATE_EDITOR (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *text
      = g_strdup_printf ("{%s}", g_variant_get_string (param, NULL));

  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
build_placeholder_menu (DeskTemplateEditor *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  const char *const *names = desk_template_get_placeholder_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *description = desk_template_describe_placeholder (names[i]);
      g_autoptr (GMenuItem) item = g_menu_item_new (
          description != NULL ? description : names[i], NULL);

      g_menu_item_set_action_and_target (item, "editor.insert-placeholder", "s",
                                         names[i]);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->placeholder_button,
                                  G_MENU_MODEL (menu));
}

static void
desk_template_editor_dispose (GObject *object)
{
  DeskTemplateEditor *self = DESK_TEMPLATE_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->template);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_TEMPLATE_EDITOR);

  G_OBJECT_CLASS (desk_template_editor_parent_class)->dispose (object);
}

static void
desk_template_editor_class_init (DeskTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_template_editor_dispose;

  /* The template was saved or deleted. */
  signals[SAVED]
      = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL,
                                   delete_action);
  gtk_widget_class_install_action (widget_class, "editor.insert-placeholder",
                                   "s", insert_placeholder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK, "editor.save", NULL);

  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class,
      "/io/github/socialdesk/Socialdesk/ui/desk-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskTemplateEditor,
                                        name_row);
  gtk_widget_class_bind_template_child (widget_class, DeskTemplateEditor,
                                        category_row);
  gtk_widget_class_bind_template_child (widget_class, DeskTemplateEditor,
                                        shortcut_row);
  gtk_widget_class_bind_template_child (widget_class, DeskTemplateEditor,
                                        language_row);
  gtk_widget_class_bind_template_child (widget_class, DeskTemplateEditor,
                                        formality_row);
  gtk_widget_class_bind_template_child (widget_class, DeskTemplateEditor,
                                        placeholder_button);
  gtk_widget_class_bind_template_child (widget_class, DeskTemplateEditor,
                                        body_view);
  gtk_widget_class_bind_template_child (widget_class, DeskTemplateEditor,
                                        delete_group);
}

static void
desk_template_editor_init (DeskTemplateEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_placeholder_menu (self);
}

static void
set_entry_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* Opens @template (copied; NULL for a new one) for editing. */
GtkWidget *
desk_template_editor_new (DeskStore *store, DeskTemplate *template)
{
  DeskTemplateEditor *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (template == NULL || DESK_IS_TEMPLATE (template), NULL);

  self = g_object_new (DESK_TYPE_TEMPLATE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->template
      = template != NULL
            ? desk_template_copy (template)
            : desk_template_new ("", "de", DESK_FORMALITY_FORMAL, "");

  gtk_window_set_title (GTK_WINDOW (self), template != NULL
                                               ? _ ("Edit Template")
                                               : _ ("New Template"));
  set_entry_text (self->name_row, desk_template_get_name (self->template));
  set_entry_text (self->category_row,
                  desk_template_get_category (self->template));
  set_entry_text (self->shortcut_row,
                  desk_template_get_shortcut (self->template));
  adw_combo_row_set_selected (
      self->language_row,
      g_strcmp0 (desk_template_get_language (self->template), "en") == 0 ? 1
                                                                         : 0);
  adw_combo_row_set_selected (self->formality_row,
                              desk_template_get_formality (self->template)
                                      == DESK_FORMALITY_INFORMAL
                                  ? 1
                                  : 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            desk_template_get_body (self->template), -1);
  gtk_widget_set_visible (self->delete_group,
                          desk_template_get_id (self->template) != 0);
  return GTK_WIDGET (self);
}

/* Writes what the form says to the store. */
gboolean
desk_template_editor_save (DeskTemplateEditor *self, GError **error)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  g_autofree char *shortcut = NULL;
  g_autofree char *stripped = NULL;
  gboolean english;

  g_return_val_if_fail (DESK_IS_TEMPLATE_EDITOR (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  name = g_strstrip (
      g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  shortcut = g_strstrip (
      g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->shortcut_row))));
  if (*shortcut == '/')
    memmove (shortcut, shortcut + 1, strlen (shortcut));

  stripped = g_strstrip (g_strdup (body));
  if (*name == '\0' || *stripped == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("A template needs a name and a text."));
      return FALSE;
    }

  english = adw_combo_row_get_selected (self->language_row) == 1;
  desk_template_set_name (self->template, name);
  desk_template_set_category (
      self->template,
      gtk_editable_get_text (GTK_EDITABLE (self->category_row)));
  desk_template_set_shortcut (self->template,
                              *shortcut != '\0' ? shortcut : NULL);
  desk_template_set_language (self->template, english ? "en" : "de");
  /* English templates are stored as formal and match either. */
  desk_template_set_formality (
      self->template,
      !english && adw_combo_row_get_selected (self->formality_row) == 1
          ? DESK_FORMALITY_INFORMAL
          : DESK_FORMALITY_FORMAL);
  desk_template_set_body (self->template, body);

  if (desk_template_get_id (self->template) == 0)
    {
      gint64 id = desk_store_add_template (self->store, self->template, error);

      if (id == 0)
        return FALSE;
      desk_template_set_id (self->template, id);
    }
  else if (!desk_store_update_template (self->store, self->template, error))
    return FALSE;

  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}
