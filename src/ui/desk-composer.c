/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-composer"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/desk-customer.h"
#include "core/desk-store-guidelines.h"
#include "core/desk-store-scratch.h"
#include "ui/desk-resources.h"
#include "desk-composer-checker.h"
#include "desk-text.h"
#include "desk-composer.h"

/* Where the agent writes a reply. The text is kept as a draft in the
 * store while typing, so a crash or a switch to another conversation
 * loses nothing; sending queues the reply in the store, and the outbox
 * takes it from there. */
struct _DeskComposer
{
  GtkWidget parent_instance;

  GtkTextView *text_view;
  GtkWidget *placeholder_label;
  GtkToggleButton *public_button;
  GtkToggleButton *private_button;
  GtkToggleButton *note_button;
  GtkLabel *counter_label;
  GtkWidget *summary_box; /* a button that explains the findings */
  GtkImage *summary_icon;
  GtkLabel *summary_label;
  GtkExpander *scratch_expander;
  GtkTextView *scratch_view;
  GtkWidget *send_button;
  GtkImage *send_icon;
  GtkLabel *send_label;

  /* Live checks */
  DeskComposerChecker *checker;
  guint check_timeout;
  gboolean blocked; /* personal data in a public reply */
  GtkWidget *finding_popover;
  GtkLabel *finding_label;
  GtkWidget *fix_button;
  const DeskFinding *popover_finding; /* owned by the checker */

  /* /shortcut completion */
  GPtrArray *templates; /* DeskTemplate, for the conversation's language */
  GPtrArray *completions;
  GtkWidget *completion_popover;
  GtkListBox *completion_list;
  DeskFormality formality;
  char *language; /* the customer's, NULL when unknown */

  guint scratch_timeout;
  gint64 scratch_conversation_id;
  gboolean loading_scratch;

  DeskStore *store;
  GSettings *settings;
  DeskConversation *conversation;
  DeskChannel *channel;

  guint draft_timeout;
  gint64 draft_conversation_id; /* whose draft the pending save is */
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (DeskComposer, desk_composer, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_CONVERSATION,
  PROP_CHANNEL,
  PROP_FORMALITY,
  N_PROPS
};

enum
{
  SENT,
  NOTE_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (DeskComposer *self, const char *text)
{
  GtkWidget *overlay
      = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay == NULL)
    {
      g_warning ("%s", text);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                               adw_toast_new (escaped));
}

static char *
dup_buffer_text (DeskComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The limits of the network, from the channel when there is one. Without
 * a channel (a conversation of an account that is not connected) the
 * network's published limits apply. */
static guint
get_max_length (DeskComposer *self)
{
  const char *network;

  if (self->channel != NULL)
    return desk_channel_get_max_length (self->channel);

  network = self->conversation != NULL
                ? desk_conversation_get_network (self->conversation)
                : NULL;
  if (g_strcmp0 (network, "bluesky") == 0)
    return 300;
  return 500;
}

static guint
count_length (DeskComposer *self, const char *text)
{
  if (self->channel != NULL)
    return desk_channel_count_length (self->channel, text);
  return (guint) g_utf8_strlen (text, -1);
}

static gboolean
can_reply_privately (DeskComposer *self)
{
  if (self->channel != NULL)
    return (desk_channel_get_capabilities (self->channel)
            & DESK_CHANNEL_CAP_PRIVATE)
           != 0;
  /* Both networks we know have private messages. */
  return TRUE;
}

static gboolean
is_private_conversation (DeskComposer *self)
{
  return self->conversation != NULL
         && desk_conversation_get_kind (self->conversation)
                == DESK_CONVERSATION_KIND_PRIVATE;
}

static gboolean
is_note (DeskComposer *self)
{
  return gtk_toggle_button_get_active (self->note_button);
}

static gboolean
is_public (DeskComposer *self)
{
  return gtk_toggle_button_get_active (self->public_button);
}

/* Sending is still possible while blocked: the button then explains why
 * the reply cannot go out, instead of being greyed out without a word. */
static void
update_send_button (DeskComposer *self)
{
  GtkWidget *button = self->send_button;

  gtk_widget_remove_css_class (button, "suggested-action");
  gtk_widget_remove_css_class (button, "destructive-action");
  gtk_widget_remove_css_class (button, "send-blocked");
  if (is_note (self))
    {
      gtk_image_set_from_icon_name (self->send_icon, "document-edit-symbolic");
      gtk_label_set_text (self->send_label, _ ("Add Note"));
      gtk_widget_set_tooltip_text (
          button,
          _ ("Add the note for the team (Ctrl+Return); it is never sent"));
      gtk_widget_add_css_class (button, "suggested-action");
    }
  else if (self->blocked && is_public (self))
    {
      gtk_image_set_from_icon_name (self->send_icon,
                                    "action-unavailable-symbolic");
      gtk_label_set_text (self->send_label, _ ("Send"));
      gtk_widget_set_tooltip_text (
          button, _ ("This public reply contains personal data"));
      gtk_widget_add_css_class (button, "send-blocked");
    }
  else
    {
      gtk_image_set_from_icon_name (self->send_icon, "mail-send-symbolic");
      gtk_label_set_text (self->send_label, _ ("Send"));
      gtk_widget_set_tooltip_text (button, _ ("Send Reply (Ctrl+Return)"));
      gtk_widget_add_css_class (button, "suggested-action");
    }
  if (is_note (self))
    gtk_widget_add_css_class (GTK_WIDGET (self), "note-mode");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "note-mode");
}

/* The one place that decides what can be done right now. */
static void
update_state (DeskComposer *self)
{
  g_autofree char *text = dup_buffer_text (self);
  g_autofree char *counter = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint length = count_length (self, text);
  guint max = get_max_length (self);
  gboolean has_conversation = self->conversation != NULL;
  gboolean too_long = length > max;

  /* Translators: the length of a reply and the most the network allows,
   * "120 / 500". */
  counter = g_strdup_printf (_ ("%u / %u"), length, max);
  gtk_label_set_text (self->counter_label, counter);
  if (too_long)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label),
                                   "dim-label");
      gtk_widget_set_tooltip_text (
          GTK_WIDGET (self->counter_label),
          _ ("The reply is longer than this network allows"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->counter_label), NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->counter_label), !is_note (self));
  gtk_label_set_text (GTK_LABEL (self->placeholder_label),
                      is_note (self) ? _ ("Write a note for the team…")
                                     : _ ("Write a reply…"));
  gtk_widget_set_visible (self->placeholder_label, *text == '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->text_view), has_conversation);
  gtk_widget_set_sensitive (GTK_WIDGET (self->public_button),
                            has_conversation
                                && !is_private_conversation (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->private_button),
                            has_conversation && can_reply_privately (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_button), has_conversation);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scratch_expander),
                            has_conversation);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send",
                                 has_conversation && self->store != NULL
                                     && *stripped != '\0'
                                     && (!too_long || is_note (self)));
  update_send_button (self);
}

static void
reset_kind (DeskComposer *self)
{
  gboolean private_reply
      = is_private_conversation (self) && can_reply_privately (self);

  gtk_toggle_button_set_active (
      private_reply ? self->private_button : self->public_button, TRUE);
  gtk_toggle_button_set_active (self->note_button, FALSE);
}

static void
save_draft_now (DeskComposer *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->draft_timeout, g_source_remove);

  if (self->store == NULL || self->draft_conversation_id == 0)
    return;

  text = dup_buffer_text (self);
  g_debug ("saving the draft of conversation %" G_GINT64_FORMAT,
           self->draft_conversation_id);
  if (!desk_store_set_draft (self->store, self->draft_conversation_id, text,
                             &error))
    show_toast (self, error->message);
  self->draft_conversation_id = 0;
}

static gboolean
on_draft_timeout_cb (gpointer user_data)
{
  DeskComposer *self = user_data;

  self->draft_timeout = 0;
  save_draft_now (self);
  return G_SOURCE_REMOVE;
}

/* Live checks */

static char *
dup_agent_name (DeskComposer *self)
{
  g_autofree char *name = NULL;

  if (self->settings != NULL)
    name = g_settings_get_string (self->settings, "agent-name");
  if (name == NULL || *g_strstrip (name) == '\0')
    {
      g_free (name);
      name = g_strdup (g_get_real_name ());
    }
  return g_steal_pointer (&name);
}

static char *
make_initials (const char *name)
{
  GString *initials = g_string_new (NULL);
  gboolean at_start = TRUE;

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-')
        at_start = TRUE;
      else if (at_start)
        {
          g_string_append_unichar (initials, g_unichar_toupper (c));
          at_start = FALSE;
        }
    }
  return g_string_free (initials, FALSE);
}

static const char *
describe_network (const char *network)
{
  if (g_strcmp0 (network, "mastodon") == 0)
    return "Mastodon";
  if (g_strcmp0 (network, "bluesky") == 0)
    return "Bluesky";
  return network != NULL ? network : "";
}

/* What a template's placeholders are filled with in @conversation. */
GHashTable *
desk_composer_build_values (DeskConversation *conversation, GSettings *settings)
{
  GHashTable *values
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *agent = NULL;

  g_return_val_if_fail (
      conversation == NULL || DESK_IS_CONVERSATION (conversation), values);

  if (settings != NULL)
    agent = g_strstrip (g_settings_get_string (settings, "agent-name"));
  if (agent == NULL || *agent == '\0')
    {
      g_free (agent);
      agent = g_strdup (g_get_real_name ());
    }
  g_hash_table_insert (values, DESK_PLACEHOLDER_AGENT_INITIALS,
                       make_initials (agent));
  g_hash_table_insert (values, DESK_PLACEHOLDER_AGENT_NAME,
                       g_steal_pointer (&agent));

  if (conversation != NULL)
    {
      const char *name = desk_conversation_get_customer_name (conversation);
      const char *handle = desk_conversation_get_customer_handle (conversation);

      if (name != NULL && *name != '\0')
        g_hash_table_insert (values, DESK_PLACEHOLDER_CUSTOMER_NAME,
                             g_strdup (name));
      if (handle != NULL && *handle != '\0')
        g_hash_table_insert (values, DESK_PLACEHOLDER_CUSTOMER_HANDLE,
                             g_strdup (handle));
      g_hash_table_insert (values, DESK_PLACEHOLDER_CHANNEL,
                           g_strdup (describe_network (
                               desk_conversation_get_network (conversation))));
    }
  return values;
}

static const char *
describe_pii_briefly (DeskPiiKind kind)
{
  switch (kind)
    {
      case DESK_PII_EMAIL:
        return _ ("an email address");
      case DESK_PII_PHONE:
        return _ ("a phone number");
      case DESK_PII_IBAN:
        return _ ("an IBAN");
      case DESK_PII_CARD:
        return _ ("a payment card number");
      case DESK_PII_ADDRESS:
        return _ ("a postal address");
      case DESK_PII_BIRTH_DATE:
      case DESK_PII_N_KINDS:
      default:
        return _ ("a date of birth");
    }
}

static void
update_summary (DeskComposer *self, GPtrArray *findings)
{
  g_autoptr (GString) details = g_string_new (NULL);
  g_autofree char *summary = NULL;
  DeskSeverity worst = DESK_SEVERITY_INFO;
  const char *icon;

  if (findings == NULL || findings->len == 0)
    {
      gtk_widget_set_visible (self->summary_box, FALSE);
      return;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      const DeskFinding *finding = g_ptr_array_index (findings, i);

      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, "• %s", finding->message);
    }
  desk_guidelines_get_worst (findings, &worst);

  if (self->blocked && is_public (self))
    summary
        = g_strdup (_ ("Personal data: this reply cannot be posted publicly"));
  else
    summary = g_strdup_printf (
        ngettext ("%u suggestion", "%u suggestions", findings->len),
        findings->len);

  icon = worst == DESK_SEVERITY_ERROR     ? "dialog-error-symbolic"
         : worst == DESK_SEVERITY_WARNING ? "dialog-warning-symbolic"
                                          : "dialog-information-symbolic";
  gtk_image_set_from_icon_name (self->summary_icon, icon);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_tooltip_text (self->summary_box, details->str);
  gtk_widget_remove_css_class (self->summary_box, "error");
  gtk_widget_remove_css_class (self->summary_box, "warning");
  gtk_widget_remove_css_class (self->summary_box, "accent");
  gtk_widget_add_css_class (self->summary_box,
                            worst == DESK_SEVERITY_ERROR     ? "error"
                            : worst == DESK_SEVERITY_WARNING ? "warning"
                                                             : "accent");
  gtk_widget_set_visible (self->summary_box, TRUE);
}

/* Checks the reply as it is now; notes are for the team and not
 * checked. */
static void
run_checks (DeskComposer *self)
{
  g_autofree char *text = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *initials = NULL;
  DeskCheckContext context = { 0 };
  GPtrArray *findings;

  g_clear_handle_id (&self->check_timeout, g_source_remove);
  if (self->finding_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->finding_popover));
  self->popover_finding = NULL;

  if (self->conversation == NULL || is_note (self))
    {
      desk_composer_checker_clear (self->checker);
      self->blocked = FALSE;
      update_summary (self, NULL);
      update_send_button (self);
      return;
    }

  text = dup_buffer_text (self);
  agent = dup_agent_name (self);
  initials = make_initials (agent);
  context.language = self->language;
  context.network = desk_conversation_get_network (self->conversation);
  context.formality = DESK_FORMALITY_ANY;
  context.is_public = is_public (self);
  context.agent_name = agent;
  context.agent_initials = initials;
  context.customer_name
      = desk_conversation_get_customer_name (self->conversation);
  context.length = count_length (self, text);
  context.max_length = get_max_length (self);

  findings = desk_composer_checker_check (self->checker, &context);
  self->blocked = *text != '\0' && desk_guidelines_blocks_public (findings);
  if (*text == '\0')
    {
      desk_composer_checker_clear (self->checker);
      findings = NULL;
    }
  update_summary (self, findings);
  update_send_button (self);
}

static gboolean
on_check_timeout_cb (gpointer user_data)
{
  DeskComposer *self = user_data;

  self->check_timeout = 0;
  run_checks (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (DeskComposer *self)
{
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  self->check_timeout
      = g_timeout_add (DESK_COMPOSER_CHECK_DELAY_MS, on_check_timeout_cb, self);
}

static void
load_guidelines (DeskComposer *self)
{
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskGuidelines) guidelines = NULL;

  if (self->store != NULL)
    rules = desk_store_list_guideline_rules (self->store, TRUE, &error);
  if (rules == NULL && error != NULL)
    g_warning ("could not load the guidelines: %s", error->message);
  if (rules == NULL)
    rules = g_ptr_array_new_with_free_func (g_object_unref);
  guidelines = desk_guidelines_new (rules);
  desk_composer_checker_set_guidelines (self->checker, guidelines);
}

/* Anchors @popover, a child of the composer, at @iter in the text. */
static void
point_at_iter (DeskComposer *self, GtkWidget *popover, const GtkTextIter *iter)
{
  GdkRectangle rect;
  int x, y;
  double dx, dy;

  gtk_text_view_get_iter_location (self->text_view, iter, &rect);
  gtk_text_view_buffer_to_window_coords (
      self->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->text_view),
                                         GTK_WIDGET (self), x, y, &dx, &dy))
    dx = x, dy = y;
  G_GNUC_END_IGNORE_DEPRECATIONS
  rect.x = (int) dx;
  rect.y = (int) dy;
  rect.width = MAX (rect.width, 1);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
}

/* Explains @finding in a popover with its one-click fix, pointing at
 * the underlined words, or at the summary for the reply as a whole. */
static void
show_finding (DeskComposer *self, const DeskFinding *finding)
{
  gboolean whole = desk_composer_checker_is_whole_reply (finding);

  self->popover_finding = finding;
  gtk_label_set_text (self->finding_label, finding->message);
  if (finding->replacement != NULL && *finding->replacement != '\0')
    {
      g_autofree char *label = NULL;

      if (whole)
        label = g_strdup (_ ("Apply Suggestion"));
      else
        /* Translators: the one-click fix of a finding. */
        label = g_strdup_printf (_ ("Replace with “%s”"), finding->replacement);
      gtk_button_set_label (GTK_BUTTON (self->fix_button), label);
      gtk_widget_set_visible (self->fix_button, TRUE);
    }
  else
    gtk_widget_set_visible (self->fix_button, FALSE);

  if (whole)
    {
      graphene_rect_t bounds;
      GdkRectangle rect;

      if (!gtk_widget_compute_bounds (self->summary_box, GTK_WIDGET (self),
                                      &bounds))
        graphene_rect_init (&bounds, 0, 0, 1, 1);
      rect.x = (int) bounds.origin.x;
      rect.y = (int) bounds.origin.y;
      rect.width = MAX ((int) bounds.size.width, 1);
      rect.height = MAX ((int) bounds.size.height, 1);
      gtk_popover_set_pointing_to (GTK_POPOVER (self->finding_popover), &rect);
    }
  else
    {
      GtkTextIter start, end;

      desk_composer_checker_get_bounds (self->checker, finding, &start, &end);
      point_at_iter (self, self->finding_popover, &start);
    }
  gtk_popover_popup (GTK_POPOVER (self->finding_popover));
}

static gboolean
show_finding_at (DeskComposer *self, const GtkTextIter *iter)
{
  const DeskFinding *finding
      = desk_composer_checker_find_at (self->checker, iter);

  if (finding == NULL)
    return FALSE;
  show_finding (self, finding);
  return TRUE;
}

/* The summary leads to the finding that matters most: personal data
 * first, then what is about the reply as a whole, then the rest. */
static void
on_summary_clicked_cb (DeskComposer *self)
{
  GPtrArray *findings = desk_composer_checker_get_findings (self->checker);
  const DeskFinding *best = NULL;
  int best_score = -1;

  for (guint i = 0; i < findings->len; i++)
    {
      const DeskFinding *finding = g_ptr_array_index (findings, i);
      int score = (int) finding->severity * 4
                  + (finding->kind == DESK_FINDING_PERSONAL_DATA ? 2 : 0)
                  + (finding->replacement != NULL ? 1 : 0);

      if (score > best_score)
        best = finding, best_score = score;
    }
  if (best != NULL)
    show_finding (self, best);
}

static void
on_fix_clicked_cb (DeskComposer *self)
{
  const DeskFinding *finding = self->popover_finding;

  if (finding == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->finding_popover));
  desk_composer_checker_apply_fix (self->checker, finding);
  self->popover_finding = NULL;
  run_checks (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static gboolean
get_iter_at_point (DeskComposer *self, double x, double y, GtkTextIter *iter)
{
  int bx, by;

  gtk_text_view_window_to_buffer_coords (
      self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  return gtk_text_view_get_iter_at_location (self->text_view, iter, bx, by);
}

static void
on_text_released_cb (DeskComposer *self,
                     int n_press,
                     double x,
                     double y,
                     GtkGestureClick *gesture)
{
  GtkTextIter iter;

  if (n_press != 1
      || gtk_text_buffer_get_has_selection (
          gtk_text_view_get_buffer (self->text_view)))
    return;
  if (get_iter_at_point (self, x, y, &iter))
    show_finding_at (self, &iter);
}

static gboolean
on_text_query_tooltip_cb (DeskComposer *self,
                          int x,
                          int y,
                          gboolean keyboard,
                          GtkTooltip *tooltip)
{
  GtkTextIter iter;
  const DeskFinding *finding;

  if (keyboard)
    gtk_text_buffer_get_iter_at_mark (
        gtk_text_view_get_buffer (self->text_view), &iter,
        gtk_text_buffer_get_insert (
            gtk_text_view_get_buffer (self->text_view)));
  else if (!get_iter_at_point (self, x, y, &iter))
    return FALSE;

  finding = desk_composer_checker_find_at (self->checker, &iter);
  if (finding == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, finding->message);
  return TRUE;
}

static void
show_finding_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  DeskComposer *self = DESK_COMPOSER (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  if (self->check_timeout != 0)
    run_checks (self);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter,
                                    gtk_text_buffer_get_insert (buffer));
  if (!show_finding_at (self, &iter))
    gtk_widget_error_bell (widget);
}

/* /shortcut completion */

static gsize
get_cursor_byte (DeskComposer *self, const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter,
                                    gtk_text_buffer_get_insert (buffer));
  return g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&iter))
         - text;
}

static void
hide_completion (DeskComposer *self)
{
  g_clear_pointer (&self->completions, g_ptr_array_unref);
  if (self->completion_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->completion_popover));
}

static GtkWidget *
make_completion_row (DeskTemplate *template)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *shortcut, *name, *body;
  g_autofree char *slash
      = g_strconcat ("/", desk_template_get_shortcut (template), NULL);
  g_autofree char *preview
      = desk_text_for_display_line (desk_template_get_body (template));

  shortcut = gtk_label_new (slash);
  gtk_widget_add_css_class (shortcut, "monospace");
  gtk_widget_add_css_class (shortcut, "accent");
  name = gtk_label_new (desk_template_get_name (template));
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (title), shortcut);
  gtk_box_append (GTK_BOX (title), name);
  if (desk_template_get_formality (template) != DESK_FORMALITY_ANY
      && g_strcmp0 (desk_template_get_language (template), "de") == 0)
    {
      GtkWidget *formality = gtk_label_new (
          desk_template_get_formality (template) == DESK_FORMALITY_INFORMAL
              ? C_ ("German address", "du")
              : C_ ("German address", "Sie"));
      gtk_widget_add_css_class (formality, "dim-label");
      gtk_box_append (GTK_BOX (title), formality);
    }

  body = gtk_label_new (preview);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 40);
  gtk_widget_add_css_class (body, "dim-label");
  gtk_widget_add_css_class (body, "caption");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  return box;
}

static void
update_completion (DeskComposer *self)
{
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) matches = NULL;
  GtkWidget *child;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;
  gsize start = 0, end = 0;

  if (self->templates == NULL || self->templates->len == 0 || is_note (self)
      || self->conversation == NULL)
    {
      hide_completion (self);
      return;
    }

  text = dup_buffer_text (self);
  matches = desk_template_complete (self->templates, text,
                                    get_cursor_byte (self, text), &start, &end);
  if (matches == NULL || matches->len == 0)
    {
      hide_completion (self);
      return;
    }

  while (
      (child = gtk_widget_get_first_child (GTK_WIDGET (self->completion_list)))
      != NULL)
    gtk_list_box_remove (self->completion_list, child);
  for (guint i = 0; i < matches->len && i < 8; i++)
    gtk_list_box_append (self->completion_list,
                         make_completion_row (g_ptr_array_index (matches, i)));
  gtk_list_box_select_row (
      self->completion_list,
      gtk_list_box_get_row_at_index (self->completion_list, 0));

  g_clear_pointer (&self->completions, g_ptr_array_unref);
  self->completions = g_steal_pointer (&matches);

  gtk_text_buffer_get_iter_at_offset (
      buffer, &iter, g_utf8_pointer_to_offset (text, text + start));
  point_at_iter (self, self->completion_popover, &iter);
  gtk_popover_popup (GTK_POPOVER (self->completion_popover));
}

static void
insert_template (DeskComposer *self, DeskTemplate *template)
{
  g_autoptr (GHashTable) values = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *agent = NULL;
  g_autoptr (GError) error = NULL;

  values = desk_composer_build_values (self->conversation, self->settings);
  expanded = desk_template_expand (template, values);
  desk_composer_insert_text (self, expanded);

  agent = dup_agent_name (self);
  if (self->store != NULL && self->conversation != NULL
      && desk_template_get_id (template) != 0
      && !desk_store_record_template_use (
          self->store, desk_template_get_id (template),
          desk_conversation_get_id (self->conversation), agent, &error))
    g_warning ("could not record the use of a template: %s", error->message);
}

static void
activate_completion (DeskComposer *self, GtkListBoxRow *row)
{
  g_autoptr (DeskTemplate) template = NULL;
  int index;

  if (row == NULL || self->completions == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->completions->len)
    return;

  template = g_object_ref (g_ptr_array_index (self->completions, index));
  hide_completion (self);
  insert_template (self, template);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_completion_row_activated_cb (DeskComposer *self,
                                GtkListBoxRow *row,
                                GtkListBox *list)
{
  activate_completion (self, row);
}

static void
move_completion (DeskComposer *self, int delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->completion_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  GtkListBoxRow *next;

  next = gtk_list_box_get_row_at_index (self->completion_list,
                                        MAX (index + delta, 0));
  if (next != NULL)
    gtk_list_box_select_row (self->completion_list, next);
}

static gboolean
on_text_key_pressed_cb (DeskComposer *self,
                        guint keyval,
                        guint keycode,
                        GdkModifierType state,
                        GtkEventControllerKey *controller)
{
  if (self->completions == NULL
      || !gtk_widget_get_visible (self->completion_popover))
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
      case GDK_KEY_Up:
      case GDK_KEY_KP_Up:
        move_completion (self, -1);
        return TRUE;
      case GDK_KEY_Down:
      case GDK_KEY_KP_Down:
        move_completion (self, 1);
        return TRUE;
      case GDK_KEY_Return:
      case GDK_KEY_KP_Enter:
      case GDK_KEY_ISO_Enter:
      case GDK_KEY_Tab:
        activate_completion (
            self, gtk_list_box_get_selected_row (self->completion_list));
        return TRUE;
      case GDK_KEY_Escape:
        hide_completion (self);
        return TRUE;
      default:
        return FALSE;
    }
}

static void
load_templates (DeskComposer *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskCustomer) customer = NULL;
  gint64 customer_id;

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->language, g_free);
  hide_completion (self);
  if (self->store == NULL || self->conversation == NULL)
    return;

  customer_id = desk_conversation_get_customer_id (self->conversation);
  if (customer_id != 0)
    customer = desk_store_load_customer (self->store, customer_id, NULL);
  if (customer != NULL && desk_customer_get_language (customer) != NULL
      && *desk_customer_get_language (customer) != '\0')
    self->language = g_strdup (desk_customer_get_language (customer));

  self->templates = desk_store_list_templates (self->store, self->language,
                                               self->formality, &error);
  if (self->templates == NULL)
    g_warning ("could not load the templates: %s", error->message);
}

/* Scratch pad */

static void
save_scratch_now (DeskComposer *self)
{
  g_autoptr (GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->scratch_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->scratch_timeout, g_source_remove);
  if (self->store == NULL || self->scratch_conversation_id == 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!desk_store_set_scratch (self->store, self->scratch_conversation_id, text,
                               &error))
    show_toast (self, error->message);
  self->scratch_conversation_id = 0;
}

static gboolean
on_scratch_timeout_cb (gpointer user_data)
{
  DeskComposer *self = user_data;

  self->scratch_timeout = 0;
  save_scratch_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_scratch_changed_cb (DeskComposer *self, GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.move-scratch",
                                 !gtk_text_iter_equal (&start, &end));
  if (self->loading_scratch || self->conversation == NULL)
    return;

  self->scratch_conversation_id = desk_conversation_get_id (self->conversation);
  g_clear_handle_id (&self->scratch_timeout, g_source_remove);
  self->scratch_timeout = g_timeout_add (DESK_COMPOSER_DRAFT_DELAY_MS,
                                         on_scratch_timeout_cb, self);
}

static void
load_scratch (DeskComposer *self)
{
  g_autofree char *scratch = NULL;
  g_autoptr (GError) error = NULL;

  if (self->store != NULL && self->conversation != NULL)
    {
      scratch = desk_store_get_scratch (
          self->store, desk_conversation_get_id (self->conversation), &error);
      if (scratch == NULL)
        g_debug ("could not load the scratch pad: %s", error->message);
    }

  self->loading_scratch = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->scratch_view),
                            scratch ? scratch : "", -1);
  self->loading_scratch = FALSE;
  gtk_expander_set_expanded (self->scratch_expander,
                             scratch != NULL && *scratch != '\0');
}

static void
move_scratch_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  DeskComposer *self = DESK_COMPOSER (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->scratch_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (*g_strstrip (text) == '\0')
    return;

  desk_composer_insert_text (self, text);
  gtk_text_buffer_set_text (buffer, "", 0);
  save_scratch_now (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* The personal-data guard */

static void do_send (DeskComposer *self);

static void
on_block_dialog_response_cb (DeskComposer *self,
                             const char *response,
                             AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "private") == 0)
    {
      gtk_toggle_button_set_active (self->private_button, TRUE);
      run_checks (self);
      do_send (self);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
show_block_dialog (DeskComposer *self)
{
  GPtrArray *findings = desk_composer_checker_get_findings (self->checker);
  const DeskFinding *pii = NULL;
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;

  for (guint i = 0; i < findings->len && pii == NULL; i++)
    {
      const DeskFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind == DESK_FINDING_PERSONAL_DATA)
        pii = finding;
    }

  /* Translators: %s is the kind of data, "an IBAN", "a phone number". */
  body = g_strdup_printf (
      _ ("This reply contains %s. Personal data must "
         "never be posted publicly."),
      describe_pii_briefly (pii != NULL ? pii->pii_kind : DESK_PII_EMAIL));
  dialog
      = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                _ ("Personal Data in a Public Reply"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "edit",
                                   _ ("Edit"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "edit");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "edit");
  if (can_reply_privately (self))
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "private",
                                       _ ("Send Privately Instead"));
      adw_message_dialog_set_response_appearance (
          ADW_MESSAGE_DIALOG (dialog), "private", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                               "private");
    }
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_block_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_buffer_changed_cb (DeskComposer *self, GtkTextBuffer *buffer)
{
  update_state (self);
  schedule_check (self);
  if (!self->loading)
    update_completion (self);

  if (self->loading || self->conversation == NULL)
    return;

  self->draft_conversation_id = desk_conversation_get_id (self->conversation);
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_timeout
      = g_timeout_add (DESK_COMPOSER_DRAFT_DELAY_MS, on_draft_timeout_cb, self);
}

static void
on_kind_toggled_cb (DeskComposer *self, GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  run_checks (self);
  update_state (self);
}

static void
load_draft (DeskComposer *self)
{
  g_autoptr (DeskConversation) fresh = NULL;
  g_autoptr (GError) error = NULL;
  const char *draft = NULL;

  if (self->conversation != NULL && self->store != NULL)
    {
      /* Saving a draft announces no change, so the inbox's snapshot may
       * hold an older one: ask the store. */
      fresh = desk_store_load_conversation (
          self->store, desk_conversation_get_id (self->conversation), &error);
      if (fresh != NULL)
        draft = desk_conversation_get_draft (fresh);
      else
        g_debug ("could not load the draft: %s", error->message);
    }

  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            draft ? draft : "", -1);
  self->loading = FALSE;
  update_state (self);
}

static void
do_send (DeskComposer *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = dup_buffer_text (self);
  g_autofree char *author = NULL;
  DeskConversationKind kind;
  gint64 message_id;

  if (self->conversation == NULL || self->store == NULL)
    return;

  author = dup_agent_name (self);

  if (is_note (self))
    {
      gint64 note_id;

      g_clear_handle_id (&self->draft_timeout, g_source_remove);
      self->draft_conversation_id = 0;
      note_id = desk_store_add_note (
          self->store, desk_conversation_get_id (self->conversation), text,
          author, &error);
      if (note_id == 0)
        {
          show_toast (self, error->message);
          return;
        }
      self->loading = TRUE;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "",
                                0);
      self->loading = FALSE;
      desk_store_set_draft (self->store,
                            desk_conversation_get_id (self->conversation), NULL,
                            NULL);
      reset_kind (self);
      run_checks (self);
      update_state (self);
      g_signal_emit (self, signals[NOTE_ADDED], 0, note_id);
      return;
    }

  /* The guard looks at the text as it is now, not as it was when the
   * last pause in typing was checked. */
  run_checks (self);
  if (self->blocked && is_public (self))
    {
      show_block_dialog (self);
      return;
    }

  kind = gtk_toggle_button_get_active (self->private_button)
             ? DESK_CONVERSATION_KIND_PRIVATE
             : DESK_CONVERSATION_KIND_PUBLIC;

  /* The store clears the draft in the same transaction. */
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_conversation_id = 0;

  message_id = desk_store_queue_reply (
      self->store, desk_conversation_get_id (self->conversation), text, kind,
      author, &error);
  if (message_id == 0)
    {
      show_toast (self, error->message);
      return;
    }

  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  self->loading = FALSE;
  reset_kind (self);
  run_checks (self);
  update_state (self);

  g_signal_emit (self, signals[SENT], 0, message_id);
}

static void
send_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  do_send (DESK_COMPOSER (widget));
}

static void
desk_composer_get_property (GObject *object,
                            guint prop_id,
                            GValue *value,
                            GParamSpec *pspec)
{
  DeskComposer *self = DESK_COMPOSER (object);

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

      case PROP_CHANNEL:
        g_value_set_object (value, self->channel);
        break;

      case PROP_FORMALITY:
        g_value_set_enum (value, self->formality);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_composer_set_property (GObject *object,
                            guint prop_id,
                            const GValue *value,
                            GParamSpec *pspec)
{
  DeskComposer *self = DESK_COMPOSER (object);

  switch (prop_id)
    {
      case PROP_STORE:
        desk_composer_set_store (self, g_value_get_object (value));
        break;

      case PROP_SETTINGS:
        desk_composer_set_settings (self, g_value_get_object (value));
        break;

      case PROP_CONVERSATION:
        desk_composer_set_conversation (self, g_value_get_object (value));
        break;

      case PROP_CHANNEL:
        desk_composer_set_channel (self, g_value_get_object (value));
        break;

      case PROP_FORMALITY:
        desk_composer_set_formality (self, g_value_get_enum (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_composer_dispose (GObject *object)
{
  DeskComposer *self = DESK_COMPOSER (object);
  GtkWidget *child;

  /* Typing right before closing the window still ends up in the store. */
  if (self->draft_timeout != 0)
    save_draft_now (self);
  if (self->scratch_timeout != 0)
    save_scratch_now (self);
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  g_clear_pointer (&self->completions, g_ptr_array_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_object (&self->checker);
  self->finding_popover = NULL;
  self->completion_popover = NULL;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->conversation);
  g_clear_object (&self->channel);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_COMPOSER);
  /* GTK 4.8 clears only the bound template children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_composer_parent_class)->dispose (object);
}

static void
desk_composer_class_init (DeskComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_composer_get_property;
  object_class->set_property = desk_composer_set_property;
  object_class->dispose = desk_composer_dispose;

  properties[PROP_STORE]
      = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE, flags);
  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, flags);
  properties[PROP_CONVERSATION] = g_param_spec_object (
      "conversation", NULL, NULL, DESK_TYPE_CONVERSATION, flags);
  properties[PROP_CHANNEL]
      = g_param_spec_object ("channel", NULL, NULL, DESK_TYPE_CHANNEL, flags);
  properties[PROP_FORMALITY]
      = g_param_spec_enum ("formality", NULL, NULL, DESK_TYPE_FORMALITY,
                           DESK_FORMALITY_FORMAL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A reply was queued; the argument is its message id. */
  signals[SENT]
      = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /* An internal note was added instead of a reply; its message id. */
  signals[NOTE_ADDED] = g_signal_new ("note-added", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL,
                                   send_action);
  gtk_widget_class_install_action (widget_class, "composer.move-scratch", NULL,
                                   move_scratch_action);
  gtk_widget_class_install_action (widget_class, "composer.show-finding", NULL,
                                   show_finding_action);

  /* Referencing the resource links it, and the constructor that
   * registers it, into every program that uses this widget. */
  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        public_button);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        private_button);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        counter_label);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        note_button);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        summary_box);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        summary_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        summary_label);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        scratch_expander);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        scratch_view);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        send_button);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer, send_icon);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer, send_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_summary_clicked_cb);
}

static void
desk_composer_init (DeskComposer *self)
{
  GtkEventController *shortcuts;
  GtkEventController *keys;
  GtkGesture *click;
  GtkWidget *box;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view),
                           "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The text view takes Return for a new line before a class binding of
   * ours would see it, so Ctrl+Return is caught on the way down. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                            "<Control>Return|<Control>KP_Enter"),
                        gtk_named_action_new ("composer.send")));
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>period"),
                        gtk_named_action_new ("composer.show-finding")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->formality = DESK_FORMALITY_FORMAL;
  self->checker = desk_composer_checker_new (self->text_view);
  load_guidelines (self);

  /* Clicking an underline explains it; hovering shows the message. */
  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (on_text_released_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view),
                             GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_view), TRUE);
  g_signal_connect_object (self->text_view, "query-tooltip",
                           G_CALLBACK (on_text_query_tooltip_cb), self,
                           G_CONNECT_SWAPPED);

  /* The completion list is driven from the text view's keys, so typing
   * goes on while it is open. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (on_text_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);

  self->finding_popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->finding_popover, "finding-popover");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->finding_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->finding_label, TRUE);
  gtk_label_set_max_width_chars (self->finding_label, 40);
  gtk_label_set_xalign (self->finding_label, 0);
  self->fix_button = gtk_button_new_with_label ("");
  gtk_widget_add_css_class (self->fix_button, "suggested-action");
  g_signal_connect_object (self->fix_button, "clicked",
                           G_CALLBACK (on_fix_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->finding_label));
  gtk_box_append (GTK_BOX (box), self->fix_button);
  gtk_popover_set_child (GTK_POPOVER (self->finding_popover), box);
  gtk_popover_set_position (GTK_POPOVER (self->finding_popover), GTK_POS_TOP);
  gtk_widget_set_parent (self->finding_popover, GTK_WIDGET (self));

  self->completion_popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->completion_popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->completion_popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->completion_popover),
                            GTK_POS_TOP);
  gtk_widget_set_can_focus (self->completion_popover, FALSE);
  self->completion_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_can_focus (GTK_WIDGET (self->completion_list), FALSE);
  gtk_list_box_set_activate_on_single_click (self->completion_list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->completion_list),
                            "navigation-sidebar");
  g_signal_connect_object (self->completion_list, "row-activated",
                           G_CALLBACK (on_completion_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_popover_set_child (GTK_POPOVER (self->completion_popover),
                         GTK_WIDGET (self->completion_list));
  gtk_widget_set_parent (self->completion_popover, GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->scratch_view),
                           "changed", G_CALLBACK (on_scratch_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.move-scratch",
                                 FALSE);

  update_state (self);
}

DeskStore *
desk_composer_get_store (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return self->store;
}

/* Set once by the owner; templates cannot pass services at construction. */
void
desk_composer_set_store (DeskComposer *self, DeskStore *store)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->draft_timeout != 0)
    save_draft_now (self);
  if (self->scratch_timeout != 0)
    save_scratch_now (self);
  g_set_object (&self->store, store);
  load_guidelines (self);
  load_templates (self);
  load_draft (self);
  load_scratch (self);
  run_checks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GSettings *
desk_composer_get_settings (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return self->settings;
}

void
desk_composer_set_settings (DeskComposer *self, GSettings *settings)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (g_set_object (&self->settings, settings))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

DeskConversation *
desk_composer_get_conversation (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return self->conversation;
}

/* Switches to @conversation: the draft of the previous one is saved at
 * once, the draft of the new one loaded. A newer snapshot of the same
 * conversation keeps what is being typed. */
void
desk_composer_set_conversation (DeskComposer *self,
                                DeskConversation *conversation)
{
  gboolean same_id;

  g_return_if_fail (DESK_IS_COMPOSER (self));
  g_return_if_fail (conversation == NULL
                    || DESK_IS_CONVERSATION (conversation));

  if (self->conversation == conversation)
    return;

  same_id = self->conversation != NULL && conversation != NULL
            && desk_conversation_get_id (self->conversation)
                   == desk_conversation_get_id (conversation);

  if (!same_id && self->draft_timeout != 0)
    save_draft_now (self);
  if (!same_id && self->scratch_timeout != 0)
    save_scratch_now (self);

  g_set_object (&self->conversation, conversation);

  if (!same_id)
    {
      load_templates (self);
      load_draft (self);
      load_scratch (self);
      reset_kind (self);
      run_checks (self);
    }
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

DeskChannel *
desk_composer_get_channel (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return self->channel;
}

/* The channel that will send the reply, for its limits and abilities;
 * NULL when the account is not connected. */
void
desk_composer_set_channel (DeskComposer *self, DeskChannel *channel)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));
  g_return_if_fail (channel == NULL || DESK_IS_CHANNEL (channel));

  if (!g_set_object (&self->channel, channel))
    return;

  if (!can_reply_privately (self))
    gtk_toggle_button_set_active (self->public_button, TRUE);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

char *
desk_composer_dup_text (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return dup_buffer_text (self);
}

/* Replaces the text as if the agent had typed it. */
void
desk_composer_set_text (DeskComposer *self, const char *text)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            text ? text : "", -1);
}

gboolean
desk_composer_get_private (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), FALSE);
  return gtk_toggle_button_get_active (self->private_button);
}

void
desk_composer_set_private (DeskComposer *self, gboolean is_private)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  if (is_private && !can_reply_privately (self))
    return;
  if (!is_private && is_private_conversation (self))
    return;

  gtk_toggle_button_set_active (
      is_private ? self->private_button : self->public_button, TRUE);
}

guint
desk_composer_get_max_length (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), 0);
  return get_max_length (self);
}

/* Saves a pending draft now instead of after the typing pause. */
void
desk_composer_save_draft (DeskComposer *self)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  if (self->draft_timeout != 0)
    save_draft_now (self);
}

void
desk_composer_focus (DeskComposer *self)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

gboolean
desk_composer_has_focus (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), FALSE);
  return gtk_widget_has_focus (GTK_WIDGET (self->text_view));
}

/* Inserts @text at the cursor, keeping what is written around it, as
 * the guidelines pane and the scratch pad do. */
void
desk_composer_insert_text (DeskComposer *self, const char *text)
{
  GtkTextBuffer *buffer;
  g_autofree char *current = NULL;
  g_autofree char *result = NULL;
  gsize new_cursor = 0;
  GtkTextIter iter, start, end;

  g_return_if_fail (DESK_IS_COMPOSER (self));
  g_return_if_fail (text != NULL);

  if (self->conversation == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->text_view);
  current = dup_buffer_text (self);
  result = desk_template_insert (current, get_cursor_byte (self, current), text,
                                 &new_cursor);
  if (result == NULL)
    return;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_insert (buffer, &start, result, -1);
  gtk_text_buffer_get_iter_at_offset (
      buffer, &iter, g_utf8_pointer_to_offset (result, result + new_cursor));
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_end_user_action (buffer);
  hide_completion (self);
}

/* Whether German templates offered by /shortcut address the customer
 * with "Sie" or "du". */
void
desk_composer_set_formality (DeskComposer *self, DeskFormality formality)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  if (self->formality == formality)
    return;
  self->formality = formality;
  load_templates (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMALITY]);
}

DeskFormality
desk_composer_get_formality (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), DESK_FORMALITY_ANY);
  return self->formality;
}

/* Reloads the rules and templates after they were edited. */
void
desk_composer_reload_guidelines (DeskComposer *self)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  load_guidelines (self);
  load_templates (self);
  run_checks (self);
}

/* The findings of the last check, owned by the composer. */
GPtrArray *
desk_composer_get_findings (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);

  if (self->check_timeout != 0)
    run_checks (self);
  return desk_composer_checker_get_findings (self->checker);
}

/* Whether personal data keeps this reply from being posted publicly. */
gboolean
desk_composer_get_blocked (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), FALSE);

  if (self->check_timeout != 0)
    run_checks (self);
  return self->blocked && is_public (self);
}

gboolean
desk_composer_get_note (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), FALSE);
  return is_note (self);
}

void
desk_composer_set_note (DeskComposer *self, gboolean note)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  if (note)
    gtk_toggle_button_set_active (self->note_button, TRUE);
  else if (is_note (self))
    reset_kind (self);
}

void
desk_composer_set_scratch (DeskComposer *self, const char *text)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->scratch_view),
                            text ? text : "", -1);
  gtk_expander_set_expanded (self->scratch_expander, TRUE);
}
