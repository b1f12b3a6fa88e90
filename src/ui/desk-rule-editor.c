/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-rule-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "core/desk-store-guidelines.h"
#include "ui/desk-resources.h"
#include "desk-rule-editor.h"

/* Edits one guideline rule, or writes a new one. The rule is validated
 * by the core before it is stored, so a broken pattern never reaches the
 * composer's checks. */
struct _DeskRuleEditor
{
  AdwWindow parent_instance;

  AdwComboRow *kind_row;
  AdwComboRow *severity_row;
  AdwComboRow *language_row;
  AdwEntryRow *pattern_row;
  AdwEntryRow *replacement_row;
  AdwEntryRow *explanation_row;
  GtkWidget *delete_group;

  DeskStore *store;
  DeskGuidelineRule *rule; /* a copy; id 0 for a new one */
};

G_DEFINE_FINAL_TYPE (DeskRuleEditor, desk_rule_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const languages[] = { NULL, "de", "en" };

static void
show_error (DeskRuleEditor *self, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (
      GTK_WINDOW (self), _ ("Could Not Save the Rule"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   _ ("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DeskRuleEditor *self = DESK_RULE_EDITOR (widget);
  g_autoptr (GError) error = NULL;

  if (!desk_rule_editor_save (self, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_delete_response_cb (DeskRuleEditor *self, const char *response)
{
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!desk_store_delete_guideline_rule (
          self->store, desk_guideline_rule_get_id (self->rule), &error))
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
  DeskRuleEditor *self = DESK_RULE_EDITOR (widget);
  GtkWidget *dialog = adw_message_dialog_new (
      GTK_WINDOW (self), _ ("Delete the Rule?"),
      _ ("Replies are no longer checked against it. Turning the rule off "
         "keeps it for later."));

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
desk_rule_editor_dispose (GObject *object)
{
  DeskRuleEditor *self = DESK_RULE_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->rule);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_RULE_EDITOR);

  G_OBJECT_CLASS (desk_rule_editor_parent_class)->dispose (object);
}

static void
desk_rule_editor_class_init (DeskRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_rule_editor_dispose;

  /* The rule was saved or deleted. */
  signals[SAVED]
      = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL,
                                   delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK, "editor.save", NULL);

  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskRuleEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DeskRuleEditor,
                                        severity_row);
  gtk_widget_class_bind_template_child (widget_class, DeskRuleEditor,
                                        language_row);
  gtk_widget_class_bind_template_child (widget_class, DeskRuleEditor,
                                        pattern_row);
  gtk_widget_class_bind_template_child (widget_class, DeskRuleEditor,
                                        replacement_row);
  gtk_widget_class_bind_template_child (widget_class, DeskRuleEditor,
                                        explanation_row);
  gtk_widget_class_bind_template_child (widget_class, DeskRuleEditor,
                                        delete_group);
}

static void
desk_rule_editor_init (DeskRuleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_entry_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* Opens @rule (copied; NULL for a new one) for editing. */
GtkWidget *
desk_rule_editor_new (DeskStore *store, DeskGuidelineRule *rule)
{
  DeskRuleEditor *self;
  const char *language;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (rule == NULL || DESK_IS_GUIDELINE_RULE (rule), NULL);

  self = g_object_new (DESK_TYPE_RULE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->rule = rule != NULL ? desk_guideline_rule_copy (rule)
                            : desk_guideline_rule_new (DESK_RULE_AVOID,
                                                       DESK_SEVERITY_WARNING,
                                                       NULL, "", NULL);

  gtk_window_set_title (GTK_WINDOW (self),
                        rule != NULL ? _ ("Edit Rule") : _ ("New Rule"));
  adw_combo_row_set_selected (self->kind_row,
                              desk_guideline_rule_get_kind (self->rule));
  adw_combo_row_set_selected (self->severity_row,
                              desk_guideline_rule_get_severity (self->rule));
  language = desk_guideline_rule_get_language (self->rule);
  adw_combo_row_set_selected (self->language_row,
                              g_strcmp0 (language, "de") == 0   ? 1
                              : g_strcmp0 (language, "en") == 0 ? 2
                                                                : 0);
  set_entry_text (self->pattern_row,
                  desk_guideline_rule_get_pattern (self->rule));
  set_entry_text (self->replacement_row,
                  desk_guideline_rule_get_replacement (self->rule));
  set_entry_text (self->explanation_row,
                  desk_guideline_rule_get_explanation (self->rule));
  gtk_widget_set_visible (self->delete_group,
                          desk_guideline_rule_get_id (self->rule) != 0);
  return GTK_WIDGET (self);
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
desk_rule_editor_save (DeskRuleEditor *self, GError **error)
{
  guint language;

  g_return_val_if_fail (DESK_IS_RULE_EDITOR (self), FALSE);

  language = adw_combo_row_get_selected (self->language_row);
  desk_guideline_rule_set_kind (self->rule,
                                adw_combo_row_get_selected (self->kind_row));
  desk_guideline_rule_set_severity (
      self->rule, adw_combo_row_get_selected (self->severity_row));
  desk_guideline_rule_set_language (
      self->rule, languages[MIN (language, G_N_ELEMENTS (languages) - 1)]);
  desk_guideline_rule_set_pattern (
      self->rule, gtk_editable_get_text (GTK_EDITABLE (self->pattern_row)));
  desk_guideline_rule_set_replacement (
      self->rule, empty_to_null (gtk_editable_get_text (
                      GTK_EDITABLE (self->replacement_row))));
  desk_guideline_rule_set_explanation (
      self->rule, empty_to_null (gtk_editable_get_text (
                      GTK_EDITABLE (self->explanation_row))));

  if (!desk_guideline_rule_validate (self->rule, error))
    return FALSE;

  if (desk_guideline_rule_get_id (self->rule) == 0)
    {
      gint64 id
          = desk_store_add_guideline_rule (self->store, self->rule, error);

      if (id == 0)
        return FALSE;
      desk_guideline_rule_set_id (self->rule, id);
    }
  else if (!desk_store_update_guideline_rule (self->store, self->rule, error))
    return FALSE;

  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}
