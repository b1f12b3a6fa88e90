/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-guidelines-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/desk-conversation.h"
#include "core/desk-store-guidelines.h"
#include "ui/desk-resources.h"
#include "desk-composer.h"
#include "desk-guidelines-pane.h"
#include "desk-rule-editor.h"
#include "desk-template-editor.h"
#include "desk-text.h"

/* The sidebar's second face: the team's templates, answers the team gave
 * to similar questions, and the guidelines that the composer checks.
 * Whatever the agent picks here reaches the composer through the
 * "insert-text" signal, so the pane knows nothing of the composer. */
struct _DeskGuidelinesPane
{
  GtkWidget parent_instance;

  GtkSearchEntry *search_entry;
  GtkWidget *formality_box;
  GtkToggleButton *formal_button;
  GtkToggleButton *informal_button;
  GtkStack *templates_stack;
  GtkListBox *templates_list;
  GtkStack *similar_stack;
  GtkListBox *similar_list;
  GtkListBox *rules_list;
  AdwViewStack *view_stack;

  DeskStore *store;
  GSettings *settings;
  DeskConversation *conversation;
  GPtrArray *templates; /* DeskTemplate, as listed */
  DeskFormality formality;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (DeskGuidelinesPane, desk_guidelines_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_CONVERSATION,
  PROP_FORMALITY,
  N_PROPS
};

enum
{
  INSERT_TEXT,
  GUIDELINES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (DeskGuidelinesPane *self, const char *text)
{
  GtkWidget *overlay
      = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                               adw_toast_new (escaped));
}

static void
show_error (DeskGuidelinesPane *self, const char *heading, const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   _ ("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static const char *
get_language (DeskGuidelinesPane *self)
{
  /* Templates of every language are offered: a German shop answers an
   * English customer in English. The Sie/du toggle only narrows German. */
  return NULL;
}

/* Templates */

static int
compare_templates (gconstpointer a, gconstpointer b)
{
  DeskTemplate *ta = *(DeskTemplate **) a;
  DeskTemplate *tb = *(DeskTemplate **) b;
  int cmp = g_strcmp0 (desk_template_get_category (ta),
                       desk_template_get_category (tb));

  if (cmp != 0)
    return cmp;
  /* Most used first within a category. */
  if (desk_template_get_usage_count (ta) != desk_template_get_usage_count (tb))
    return desk_template_get_usage_count (ta)
                   > desk_template_get_usage_count (tb)
               ? -1
               : 1;
  return g_utf8_collate (desk_template_get_name (ta),
                         desk_template_get_name (tb));
}

static gboolean
template_matches (DeskTemplate *template, const char *folded_query)
{
  const char *fields[] = { desk_template_get_name (template),
                           desk_template_get_shortcut (template),
                           desk_template_get_category (template),
                           desk_template_get_body (template) };

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = NULL;

      if (fields[i] == NULL)
        continue;
      folded = g_utf8_casefold (fields[i], -1);
      if (strstr (folded, folded_query) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
category_header_func (GtkListBoxRow *row, GtkListBoxRow *before, gpointer data)
{
  DeskTemplate *template = g_object_get_data (G_OBJECT (row), "template");
  DeskTemplate *previous
      = before ? g_object_get_data (G_OBJECT (before), "template") : NULL;
  const char *category = desk_template_get_category (template);
  GtkWidget *label;

  if (previous != NULL
      && g_strcmp0 (desk_template_get_category (previous), category) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (category != NULL && *category != '\0' ? category
                                                               : _ ("Other"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "template-category");
  gtk_list_box_row_set_header (row, label);
}

static void
on_edit_template_clicked_cb (GtkButton *button, DeskGuidelinesPane *self)
{
  DeskTemplate *template = g_object_get_data (G_OBJECT (button), "template");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor = desk_template_editor_new (self->store, template);

  g_signal_connect_object (editor, "saved",
                           G_CALLBACK (desk_guidelines_pane_reload), self,
                           G_CONNECT_SWAPPED);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static GtkWidget *
make_template_row (DeskGuidelinesPane *self, DeskTemplate *template)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit;
  g_autofree char *preview
      = desk_text_for_display_line (desk_template_get_body (template));
  const char *shortcut = desk_template_get_shortcut (template);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 desk_template_get_name (template));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), preview);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _ ("Insert into the reply"));

  if (shortcut != NULL && *shortcut != '\0')
    {
      g_autofree char *slash = g_strconcat ("/", shortcut, NULL);
      GtkWidget *label = gtk_label_new (slash);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_add_css_class (label, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edit, _ ("Edit Template"));
  gtk_widget_add_css_class (edit, "flat");
  g_object_set_data_full (G_OBJECT (edit), "template", g_object_ref (template),
                          g_object_unref);
  g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_template_clicked_cb),
                    self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  g_object_set_data_full (G_OBJECT (row), "template", g_object_ref (template),
                          g_object_unref);
  return row;
}

static void
populate_templates (DeskGuidelinesPane *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (query, -1);
  guint shown = 0;

  clear_list (self->templates_list);
  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    {
      DeskTemplate *template = g_ptr_array_index (self->templates, i);

      if (!template_matches (template, g_strstrip (folded)))
        continue;
      gtk_list_box_append (self->templates_list,
                           make_template_row (self, template));
      shown++;
    }
  gtk_stack_set_visible_child_name (self->templates_stack,
                                    shown > 0 ? "list" : "empty");
}

static void
load_templates (DeskGuidelinesPane *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  if (self->store != NULL)
    {
      self->templates = desk_store_list_templates (
          self->store, get_language (self), self->formality, &error);
      if (self->templates == NULL)
        show_toast (self, error->message);
      else
        g_ptr_array_sort (self->templates, compare_templates);
    }
  populate_templates (self);
}

static void
on_search_changed_cb (DeskGuidelinesPane *self)
{
  populate_templates (self);
}

static void
on_formality_toggled_cb (DeskGuidelinesPane *self, GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  desk_guidelines_pane_set_formality (
      self, gtk_toggle_button_get_active (self->informal_button)
                ? DESK_FORMALITY_INFORMAL
                : DESK_FORMALITY_FORMAL);
}

static void
on_template_activated_cb (DeskGuidelinesPane *self, GtkListBoxRow *row)
{
  DeskTemplate *template = g_object_get_data (G_OBJECT (row), "template");
  g_autoptr (GHashTable) values = NULL;
  g_autofree char *expanded = NULL;
  g_autoptr (GError) error = NULL;

  if (template == NULL)
    return;
  values = desk_composer_build_values (self->conversation, self->settings);
  expanded = desk_template_expand (template, values);
  g_signal_emit (self, signals[INSERT_TEXT], 0, expanded);

  if (self->store != NULL && self->conversation != NULL)
    {
      const char *agent = g_hash_table_lookup (values, "agent_name");

      if (!desk_store_record_template_use (
              self->store, desk_template_get_id (template),
              desk_conversation_get_id (self->conversation), agent, &error))
        show_toast (self, error->message);
    }
}

/* Similar answers */

static void
on_use_answer_clicked_cb (GtkButton *button, DeskGuidelinesPane *self)
{
  const char *answer = g_object_get_data (G_OBJECT (button), "answer");

  if (answer != NULL)
    g_signal_emit (self, signals[INSERT_TEXT], 0, answer);
}

static GtkWidget *
make_wrapping_label (const char *text, const char *css_class)
{
  g_autofree char *shown = desk_text_for_display (text);
  GtkWidget *label = gtk_label_new (shown);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_similar_row (DeskGuidelinesPane *self, const DeskSimilarAnswer *similar)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *question, *answer, *button;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_box_append (GTK_BOX (box),
                  make_wrapping_label (similar->customer_name, "heading"));
  question = make_wrapping_label (similar->matched_text, "dim-label");
  gtk_label_set_lines (GTK_LABEL (question), 3);
  gtk_label_set_ellipsize (GTK_LABEL (question), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (question, "similar-question");
  gtk_box_append (GTK_BOX (box), question);
  answer = make_wrapping_label (similar->answer, "similar-answer");
  gtk_label_set_selectable (GTK_LABEL (answer), FALSE);
  gtk_box_append (GTK_BOX (box), answer);

  button = gtk_button_new_with_label (_ ("Use as Start"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (button, _ ("Insert this answer into the reply"));
  g_object_set_data_full (G_OBJECT (button), "answer",
                          g_strdup (similar->answer), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_use_answer_clicked_cb),
                    self);
  gtk_box_append (GTK_BOX (box), button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
load_similar (DeskGuidelinesPane *self)
{
  g_autoptr (GPtrArray) answers = NULL;
  g_autoptr (GError) error = NULL;

  clear_list (self->similar_list);
  if (self->store != NULL && self->conversation != NULL)
    {
      answers = desk_store_find_similar_answers (
          self->store, desk_conversation_get_id (self->conversation), 5,
          &error);
      if (answers == NULL)
        g_debug ("no similar answers: %s", error->message);
    }
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    gtk_list_box_append (
        self->similar_list,
        make_similar_row (self, g_ptr_array_index (answers, i)));
  gtk_stack_set_visible_child_name (
      self->similar_stack,
      answers != NULL && answers->len > 0 ? "list" : "empty");
}

/* Guidelines */

static const char *
describe_rule_kind (DeskRuleKind kind)
{
  switch (kind)
    {
      case DESK_RULE_AVOID:
        return _ ("Avoid");
      case DESK_RULE_BLAME:
        return _ ("Do not blame");
      case DESK_RULE_GREETING:
        return _ ("Greeting");
      case DESK_RULE_SIGN_OFF:
        return _ ("Sign-off");
      case DESK_RULE_MAX_LENGTH:
        return _ ("Length");
      case DESK_RULE_SHOUTING:
        return _ ("No shouting");
      case DESK_RULE_MIXED_ADDRESS:
        return _ ("Sie or du, not both");
      case DESK_RULE_PLACEHOLDER:
      default:
        return _ ("Unfilled placeholders");
    }
}

static char *
describe_rule (DeskGuidelineRule *rule)
{
  const char *pattern = desk_guideline_rule_get_pattern (rule);
  const char *language = desk_guideline_rule_get_language (rule);
  g_autofree char *phrases = NULL;
  GString *title
      = g_string_new (describe_rule_kind (desk_guideline_rule_get_kind (rule)));

  if (pattern != NULL && *pattern != '\0')
    {
      g_auto (GStrv) parts = g_strsplit (pattern, "|", -1);

      phrases = g_strjoinv (", ", parts);
      /* Translators: a rule and what it looks for, "Avoid: leider, …". */
      g_string_printf (title, _ ("%s: %s"),
                       describe_rule_kind (desk_guideline_rule_get_kind (rule)),
                       phrases);
    }
  if (language != NULL && *language != '\0')
    g_string_append_printf (title, " (%s)", language);
  return g_string_free (title, FALSE);
}

static void
on_rule_switch_cb (GtkSwitch *toggle, GParamSpec *pspec, gpointer user_data)
{
  DeskGuidelinesPane *self = user_data;
  DeskGuidelineRule *rule = g_object_get_data (G_OBJECT (toggle), "rule");
  g_autoptr (GError) error = NULL;
  gboolean active = gtk_switch_get_active (toggle);

  if (active == desk_guideline_rule_get_enabled (rule))
    return;
  if (!desk_store_set_guideline_rule_enabled (
          self->store, desk_guideline_rule_get_id (rule), active, &error))
    {
      show_toast (self, error->message);
      return;
    }
  desk_guideline_rule_set_enabled (rule, active);
  g_signal_emit (self, signals[GUIDELINES_CHANGED], 0);
}

static void
open_rule_editor (DeskGuidelinesPane *self, DeskGuidelineRule *rule)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor = desk_rule_editor_new (self->store, rule);

  g_signal_connect_object (editor, "saved",
                           G_CALLBACK (desk_guidelines_pane_reload), self,
                           G_CONNECT_SWAPPED);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_edit_rule_clicked_cb (GtkButton *button, DeskGuidelinesPane *self)
{
  open_rule_editor (self, g_object_get_data (G_OBJECT (button), "rule"));
}

static GtkWidget *
make_rule_row (DeskGuidelinesPane *self, DeskGuidelineRule *rule)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *edit;
  g_autofree char *title = describe_rule (rule);
  const char *explanation = desk_guideline_rule_get_explanation (rule);
  const char *replacement = desk_guideline_rule_get_replacement (rule);
  g_autofree char *subtitle = NULL;

  if (explanation != NULL && *explanation != '\0')
    subtitle = g_strdup (explanation);
  else if (replacement != NULL && *replacement != '\0')
    /* Translators: what a rule suggests instead. */
    subtitle = g_strdup_printf (_ ("Suggests “%s”"), replacement);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edit, _ ("Edit Rule…"));
  gtk_widget_add_css_class (edit, "flat");
  g_object_set_data_full (G_OBJECT (edit), "rule", g_object_ref (rule),
                          g_object_unref);
  g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_rule_clicked_cb),
                    self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle),
                         desk_guideline_rule_get_enabled (rule));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (toggle), "rule", g_object_ref (rule),
                          g_object_unref);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_rule_switch_cb),
                    self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  return row;
}

static void
load_rules (DeskGuidelinesPane *self)
{
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (GError) error = NULL;

  clear_list (self->rules_list);
  if (self->store == NULL)
    return;
  rules = desk_store_list_guideline_rules (self->store, FALSE, &error);
  if (rules == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < rules->len; i++)
    gtk_list_box_append (self->rules_list,
                         make_rule_row (self, g_ptr_array_index (rules, i)));
}

/* Actions */

static void
new_template_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DeskGuidelinesPane *self = DESK_GUIDELINES_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *editor = desk_template_editor_new (self->store, NULL);

  g_signal_connect_object (editor, "saved",
                           G_CALLBACK (desk_guidelines_pane_reload), self,
                           G_CONNECT_SWAPPED);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_rule_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_rule_editor (DESK_GUIDELINES_PANE (widget), NULL);
}

static void
on_restore_response_cb (DeskGuidelinesPane *self, const char *response)
{
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  if (!desk_store_restore_default_guidelines (self->store, &error))
    {
      show_error (self, _ ("Could Not Restore the Defaults"), error->message);
      return;
    }
  desk_guidelines_pane_reload (self);
  show_toast (self, _ ("Default templates and rules restored"));
}

static void
restore_defaults_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DeskGuidelinesPane *self = DESK_GUIDELINES_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      _ ("Restore the Default Guidelines?"),
      _ ("The built-in templates and rules are restored. Templates and rules "
         "your team added are kept."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _ ("Cancel"), "restore", _ ("Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (
      ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_restore_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_response_cb (DeskGuidelinesPane *self,
                       int response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    desk_guidelines_pane_import_file (self, file);
}

static GtkFileFilter *
make_json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Guidelines (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
import_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DeskGuidelinesPane *self = DESK_GUIDELINES_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileFilter) filter = make_json_filter ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (
      _ ("Import Guidelines"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Import"), _ ("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_import_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_response_cb (DeskGuidelinesPane *self,
                       int response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  json = desk_store_export_guidelines (self->store, &error);
  if (json == NULL
      || !g_file_replace_contents (file, json, strlen (json), NULL, FALSE,
                                   G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      show_error (self, _ ("Could Not Export the Guidelines"), error->message);
      return;
    }
  show_toast (self, _ ("Guidelines exported"));
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DeskGuidelinesPane *self = DESK_GUIDELINES_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileFilter) filter = make_json_filter ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (
      _ ("Export Guidelines"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     "guidelines.json");
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
desk_guidelines_pane_get_property (GObject *object,
                                   guint prop_id,
                                   GValue *value,
                                   GParamSpec *pspec)
{
  DeskGuidelinesPane *self = DESK_GUIDELINES_PANE (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_SETTINGS:
        g_value_set_object (value, self->settings);
        break;

      case PROP_CONVERSATION:
        g_value_set_object (value, self->conversation);
        break;

      case PROP_FORMALITY:
        g_value_set_enum (value, self->formality);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_guidelines_pane_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  DeskGuidelinesPane *self = DESK_GUIDELINES_PANE (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;

      case PROP_SETTINGS:
        self->settings = g_value_dup_object (value);
        break;

      case PROP_CONVERSATION:
        desk_guidelines_pane_set_conversation (self,
                                               g_value_get_object (value));
        break;

      case PROP_FORMALITY:
        desk_guidelines_pane_set_formality (self, g_value_get_enum (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_guidelines_pane_constructed (GObject *object)
{
  DeskGuidelinesPane *self = DESK_GUIDELINES_PANE (object);
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (desk_guidelines_pane_parent_class)->constructed (object);

  if (self->store != NULL
      && !desk_store_ensure_default_guidelines (self->store, &error))
    g_warning ("could not add the default guidelines: %s", error->message);
  desk_guidelines_pane_reload (self);
}

static void
desk_guidelines_pane_dispose (GObject *object)
{
  DeskGuidelinesPane *self = DESK_GUIDELINES_PANE (object);
  GtkWidget *child;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->conversation);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_GUIDELINES_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_guidelines_pane_parent_class)->dispose (object);
}

static void
desk_guidelines_pane_class_init (DeskGuidelinesPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_guidelines_pane_get_property;
  object_class->set_property = desk_guidelines_pane_set_property;
  object_class->constructed = desk_guidelines_pane_constructed;
  object_class->dispose = desk_guidelines_pane_dispose;

  properties[PROP_STORE] = g_param_spec_object (
      "store", NULL, NULL, DESK_TYPE_STORE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] = g_param_spec_object (
      "settings", NULL, NULL, G_TYPE_SETTINGS,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONVERSATION] = g_param_spec_object (
      "conversation", NULL, NULL, DESK_TYPE_CONVERSATION, flags);
  properties[PROP_FORMALITY]
      = g_param_spec_enum ("formality", NULL, NULL, DESK_TYPE_FORMALITY,
                           DESK_FORMALITY_FORMAL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Text for the reply: an expanded template or an earlier answer. */
  signals[INSERT_TEXT] = g_signal_new (
      "insert-text", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* Rules or templates changed; the composer reloads them. */
  signals[GUIDELINES_CHANGED]
      = g_signal_new ("guidelines-changed", G_TYPE_FROM_CLASS (klass),
                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "pane.new-template", NULL,
                                   new_template_action);
  gtk_widget_class_install_action (widget_class, "pane.new-rule", NULL,
                                   new_rule_action);
  gtk_widget_class_install_action (widget_class, "pane.import", NULL,
                                   import_action);
  gtk_widget_class_install_action (widget_class, "pane.export", NULL,
                                   export_action);
  gtk_widget_class_install_action (widget_class, "pane.restore-defaults", NULL,
                                   restore_defaults_action);

  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class,
      "/io/github/socialdesk/Socialdesk/ui/desk-guidelines-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        search_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        formality_box);
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        formal_button);
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        informal_button);
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        templates_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        templates_list);
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        similar_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        similar_list);
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        rules_list);
  gtk_widget_class_bind_template_child (widget_class, DeskGuidelinesPane,
                                        view_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_formality_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_template_activated_cb);
}

static void
desk_guidelines_pane_init (DeskGuidelinesPane *self)
{
  self->formality = DESK_FORMALITY_FORMAL;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->templates_list, category_header_func,
                                NULL, NULL);
}

GtkWidget *
desk_guidelines_pane_new (DeskStore *store, GSettings *settings)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (DESK_TYPE_GUIDELINES_PANE, "store", store, "settings",
                       settings, NULL);
}

DeskStore *
desk_guidelines_pane_get_store (DeskGuidelinesPane *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINES_PANE (self), NULL);
  return self->store;
}

GSettings *
desk_guidelines_pane_get_settings (DeskGuidelinesPane *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINES_PANE (self), NULL);
  return self->settings;
}

DeskConversation *
desk_guidelines_pane_get_conversation (DeskGuidelinesPane *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINES_PANE (self), NULL);
  return self->conversation;
}

/* Follows the open conversation: its similar answers, and the names its
 * templates are filled with. */
void
desk_guidelines_pane_set_conversation (DeskGuidelinesPane *self,
                                       DeskConversation *conversation)
{
  g_return_if_fail (DESK_IS_GUIDELINES_PANE (self));
  g_return_if_fail (conversation == NULL
                    || DESK_IS_CONVERSATION (conversation));

  if (!g_set_object (&self->conversation, conversation))
    return;
  load_similar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

DeskFormality
desk_guidelines_pane_get_formality (DeskGuidelinesPane *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINES_PANE (self), DESK_FORMALITY_ANY);
  return self->formality;
}

void
desk_guidelines_pane_set_formality (DeskGuidelinesPane *self,
                                    DeskFormality formality)
{
  g_return_if_fail (DESK_IS_GUIDELINES_PANE (self));

  if (formality == DESK_FORMALITY_ANY)
    formality = DESK_FORMALITY_FORMAL;
  if (self->formality == formality)
    return;
  self->formality = formality;
  gtk_toggle_button_set_active (formality == DESK_FORMALITY_INFORMAL
                                    ? self->informal_button
                                    : self->formal_button,
                                TRUE);
  load_templates (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMALITY]);
}

/* Reads templates, rules and similar answers from the store again. */
void
desk_guidelines_pane_reload (DeskGuidelinesPane *self)
{
  g_return_if_fail (DESK_IS_GUIDELINES_PANE (self));

  load_templates (self);
  load_similar (self);
  load_rules (self);
  g_signal_emit (self, signals[GUIDELINES_CHANGED], 0);
}

/* Merges a shared guidelines file into the store. A file that cannot be
 * read or is not a guidelines file changes nothing, and the agent is
 * told why. */
gboolean
desk_guidelines_pane_import_file (DeskGuidelinesPane *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *message = NULL;
  g_autofree char *templates = NULL;
  g_autofree char *rules = NULL;
  guint n_templates = 0, n_rules = 0;

  g_return_val_if_fail (DESK_IS_GUIDELINES_PANE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, &error)
      || !desk_store_import_guidelines (self->store, contents,
                                        DESK_IMPORT_MERGE, &n_templates,
                                        &n_rules, &error))
    {
      show_error (self, _ ("Could Not Import the Guidelines"), error->message);
      return FALSE;
    }

  desk_guidelines_pane_reload (self);
  templates = g_strdup_printf (
      ngettext ("%u template", "%u templates", n_templates), n_templates);
  rules = g_strdup_printf (ngettext ("%u rule", "%u rules", n_rules), n_rules);
  /* Translators: after an import, "3 templates and 5 rules imported". */
  message = g_strdup_printf (_ ("%s and %s imported"), templates, rules);
  show_toast (self, message);
  return TRUE;
}
