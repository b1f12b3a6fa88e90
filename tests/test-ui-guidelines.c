/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-test-ui-guidelines"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "core/desk-customer.h"
#include "core/desk-inbox-model.h"
#include "core/desk-message.h"
#include "core/desk-store-guidelines.h"
#include "core/desk-store-scratch.h"
#include "ui/desk-application.h"
#include "ui/desk-composer-checker.h"
#include "ui/desk-composer.h"
#include "ui/desk-guidelines-pane.h"
#include "ui/desk-workspace.h"
#include "ui-test-utils.h"

/* The composer's live checks, the personal-data guard, /shortcut
 * completion, notes, the scratch pad and the guidelines pane, on the
 * demo workspace, with the real composer and pane side by side in a test
 * window (the main window wires them the same way). */

static DeskApplication *app;
static char *data_dir;
static char *workspace_dir;
static GSettings *settings;
static DeskClock *sys_clock;
static DeskStore *store;
static DeskWorkspace *workspace;
static DeskInboxModel *inbox;

typedef struct
{
  GtkWidget *window;
  DeskComposer *composer;
  DeskGuidelinesPane *pane;
} Fixture;

static gboolean
has_inbox (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (inbox)) >= 60;
}

/* A public conversation with a German customer, other than @except. */
static DeskConversation *
find_german_conversation (gint64 except)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inbox));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DeskConversation) conversation
          = g_list_model_get_item (G_LIST_MODEL (inbox), i);
      g_autoptr (DeskCustomer) customer = NULL;
      const char *name;

      if (desk_conversation_get_id (conversation) == except
          || desk_conversation_get_kind (conversation)
                 != DESK_CONVERSATION_KIND_PUBLIC
          || desk_conversation_get_status (conversation) == DESK_STATUS_CLOSED)
        continue;
      name = desk_conversation_get_customer_name (conversation);
      if (name == NULL || *name == '\0')
        continue;
      customer = desk_store_load_customer (
          store, desk_conversation_get_customer_id (conversation), NULL);
      if (customer != NULL
          && g_strcmp0 (desk_customer_get_language (customer), "de") == 0)
        return g_steal_pointer (&conversation);
    }
  return NULL;
}

static void
on_insert_text_cb (DeskGuidelinesPane *pane,
                   const char *text,
                   DeskComposer *composer)
{
  desk_composer_insert_text (composer, text);
}

static void
on_guidelines_changed_cb (DeskGuidelinesPane *pane, DeskComposer *composer)
{
  desk_composer_reload_guidelines (composer);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 640);

  fixture->composer = g_object_new (DESK_TYPE_COMPOSER, NULL);
  desk_composer_set_settings (fixture->composer, settings);
  desk_composer_set_store (fixture->composer, store);
  gtk_widget_set_hexpand (GTK_WIDGET (fixture->composer), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (fixture->composer), GTK_ALIGN_END);
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->composer), TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (fixture->composer), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->composer), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->composer), 12);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (fixture->composer));

  fixture->pane
      = DESK_GUIDELINES_PANE (desk_guidelines_pane_new (store, settings));
  gtk_widget_set_size_request (GTK_WIDGET (fixture->pane), 340, -1);
  g_signal_connect (fixture->pane, "insert-text",
                    G_CALLBACK (on_insert_text_cb), fixture->composer);
  g_signal_connect (fixture->pane, "guidelines-changed",
                    G_CALLBACK (on_guidelines_changed_cb), fixture->composer);
  g_object_bind_property (fixture->pane, "formality", fixture->composer,
                          "formality", G_BINDING_SYNC_CREATE);

  gtk_box_append (GTK_BOX (box), left);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->pane));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (fixture->window),
                                      overlay);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_frames (fixture->window, 2);
}

static void
open_conversation (Fixture *fixture, DeskConversation *conversation)
{
  desk_composer_set_channel (
      fixture->composer,
      desk_workspace_find_channel (
          workspace, desk_conversation_get_account_id (conversation)));
  desk_composer_set_conversation (fixture->composer, conversation);
  desk_guidelines_pane_set_conversation (fixture->pane, conversation);
  wait_frames (fixture->window, 2);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gpointer weak = fixture->window;

  desk_composer_set_text (fixture->composer, "");
  g_object_add_weak_pointer (G_OBJECT (fixture->window), &weak);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin_for (50);
  g_assert_null (weak);
}

static GtkTextView *
get_reply_view (DeskComposer *composer)
{
  g_autoptr (GPtrArray) views = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (composer), GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, >=, 1);
  return g_ptr_array_index (views, 0); /* the reply comes first */
}

static GtkTextBuffer *
get_reply_buffer (DeskComposer *composer)
{
  return gtk_text_view_get_buffer (get_reply_view (composer));
}

static void
type_text (DeskComposer *composer, const char *text)
{
  GtkTextBuffer *buffer = get_reply_buffer (composer);

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
}

static gboolean
summary_shown (gpointer data)
{
  return find_label (data, "suggestion", TRUE) != NULL
         || find_label (data, "Personal data", TRUE) != NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_widget_get_visible (GTK_WIDGET (l->data)))
      return l->data;
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static GtkWidget *
find_send_button (DeskComposer *composer)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (composer), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (
            gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
            "composer.send")
        == 0)
      return g_ptr_array_index (buttons, i);
  g_assert_not_reached ();
}

/* Whether the tag of @severity covers exactly the characters
 * [start, end) of the reply. */
static void
assert_underlined (GtkTextBuffer *buffer,
                   DeskSeverity severity,
                   int start,
                   int end)
{
  GtkTextTag *tag
      = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                   desk_composer_checker_tag_for (severity));
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
  g_assert_true (gtk_text_iter_starts_tag (&iter, tag));
  g_assert_true (gtk_text_iter_has_tag (&iter, tag));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, end - 1);
  g_assert_true (gtk_text_iter_has_tag (&iter, tag));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, end);
  g_assert_true (gtk_text_iter_ends_tag (&iter, tag));
}

static int
char_offset_of (const char *text, const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return (int) g_utf8_pointer_to_offset (text, found);
}

static const DeskFinding *
find_finding (DeskComposer *composer, DeskFindingKind kind)
{
  GPtrArray *findings = desk_composer_get_findings (composer);

  for (guint i = 0; i < findings->len; i++)
    {
      const DeskFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind == kind)
        return finding;
    }
  return NULL;
}

static GtkPopover *
find_visible_popover (GtkWidget *parent)
{
  for (GtkWidget *child = gtk_widget_get_first_child (parent); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return GTK_POPOVER (child);
  return NULL;
}

static gboolean
popover_shown (gpointer data)
{
  return find_visible_popover (data) != NULL;
}

static void
test_checks (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskConversation) conversation = find_german_conversation (0);
  /* "möglich" and the name make byte and character offsets differ. */
  const char *text = "Hallo Jörg, das ist leider nicht möglich. Rufen Sie "
                     "uns an: 0221 1234567";
  const char *fixed_phrase = "Das können wir so nicht umsetzen, aber …";
  GtkTextBuffer *buffer;
  const DeskFinding *phrase, *phone;
  AdwMessageDialog *dialog;
  GtkPopover *popover;
  GtkTextIter iter;
  GtkWidget *fix_button = NULL;
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();
  g_autofree char *after_fix = NULL;
  g_autofree char *without_phone = NULL;

  g_assert_nonnull (conversation);
  open_conversation (fixture, conversation);
  g_assert_false (desk_composer_get_private (fixture->composer));

  buffer = get_reply_buffer (fixture->composer);
  type_text (fixture->composer, text);
  /* Found while typing, without asking: after the pause. */
  g_assert_true (spin_until (summary_shown, fixture->composer, 3000));

  {
    GPtrArray *all = desk_composer_get_findings (fixture->composer);

    for (guint i = 0; i < all->len; i++)
      {
        const DeskFinding *f = g_ptr_array_index (all, i);
        g_test_message ("finding %d severity %d [%zu, %zu): %s", f->kind,
                        f->severity, f->start, f->end, f->message);
      }
  }
  phrase = find_finding (fixture->composer, DESK_FINDING_AVOIDED_PHRASE);
  phone = find_finding (fixture->composer, DESK_FINDING_PERSONAL_DATA);
  if (phrase == NULL || phone == NULL)
    g_error ("the phrase and the phone number were not both found");
  g_assert_cmpint (phone->pii_kind, ==, DESK_PII_PHONE);
  assert_underlined (buffer, phrase->severity,
                     char_offset_of (text, "leider nicht möglich"),
                     char_offset_of (text, ". Rufen"));
  assert_underlined (buffer, phone->severity, char_offset_of (text, "0221"),
                     g_utf8_strlen (text, -1));

  /* The summary names the problem; sending is blocked and says why. */
  g_assert_nonnull (
      find_label (GTK_WIDGET (fixture->composer), "Personal data", TRUE));
  g_assert_true (desk_composer_get_blocked (fixture->composer));
  g_assert_true (gtk_widget_has_css_class (find_send_button (fixture->composer),
                                           "send-blocked"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send",
                              NULL);
  g_assert_true (spin_until (has_message_dialog, NULL, 2000));
  dialog = find_message_dialog ();
  g_assert_nonnull (
      strstr (adw_message_dialog_get_body (dialog), "a phone number"));
  g_assert_true (adw_message_dialog_has_response (dialog, "private"));
  g_assert_true (adw_message_dialog_has_response (dialog, "edit"));
  wait_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "guidelines-blocked-send");
  adw_message_dialog_response (dialog, "edit");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_for (50);
  /* Nothing went out, nothing was lost. */
  {
    g_autofree char *still = desk_composer_dup_text (fixture->composer);
    g_assert_cmpstr (still, ==, text);
  }

  /* The popover explains the phrase and fixes it in one click. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter,
                                      char_offset_of (text, "nicht möglich"));
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_activate_action (GTK_WIDGET (fixture->composer),
                              "composer.show-finding", NULL);
  g_assert_true (
      spin_until (popover_shown, GTK_WIDGET (fixture->composer), 2000));
  popover = find_visible_popover (GTK_WIDGET (fixture->composer));
  collect_widgets (GTK_WIDGET (popover), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));

      if (label != NULL && strstr (label, fixed_phrase) != NULL)
        fix_button = g_ptr_array_index (buttons, i);
    }
  g_assert_nonnull (fix_button);
  g_assert_nonnull (find_label (GTK_WIDGET (popover), "instead", TRUE));
  wait_frames (fixture->window, 3);
  save_screenshot (fixture->window, "guidelines-composer-underlines");
  save_screenshot (GTK_WIDGET (popover), "guidelines-finding-popover");

  g_signal_emit_by_name (fix_button, "clicked");
  after_fix = desk_composer_dup_text (fixture->composer);
  g_assert_null (strstr (after_fix, "leider nicht möglich"));
  g_assert_nonnull (strstr (after_fix, fixed_phrase));
  g_assert_true (g_str_has_prefix (after_fix, "Hallo Jörg, das ist "));
  g_assert_null (find_finding (fixture->composer, DESK_FINDING_AVOIDED_PHRASE));

  /* Without the phone number the reply may go out publicly. */
  without_phone
      = g_strdup_printf ("Hallo Jörg, %s wir melden uns.", fixed_phrase);
  type_text (fixture->composer, without_phone);
  spin_for (DESK_COMPOSER_CHECK_DELAY_MS + 100);
  g_assert_false (desk_composer_get_blocked (fixture->composer));
  g_assert_false (gtk_widget_has_css_class (
      find_send_button (fixture->composer), "send-blocked"));
  g_assert_true (gtk_widget_has_css_class (find_send_button (fixture->composer),
                                           "suggested-action"));
  g_assert_null (
      find_label (GTK_WIDGET (fixture->composer), "Personal data", TRUE));
}

/* "Send Privately Instead" queues the reply as a private message. */
static void
test_send_privately (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskConversation) conversation = find_german_conversation (0);
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  AdwMessageDialog *dialog;
  DeskMessage *last;

  open_conversation (fixture, conversation);
  before = desk_store_load_messages (
      store, desk_conversation_get_id (conversation), NULL);
  type_text (fixture->composer,
             "Hallo, schreiben Sie uns an kunde@example.org, danke!");
  gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send",
                              NULL);
  g_assert_true (spin_until (has_message_dialog, NULL, 2000));
  dialog = find_message_dialog ();
  g_assert_nonnull (
      strstr (adw_message_dialog_get_body (dialog), "an email address"));
  adw_message_dialog_response (dialog, "private");
  gtk_window_destroy (GTK_WINDOW (dialog));

  after = desk_store_load_messages (
      store, desk_conversation_get_id (conversation), NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  last = g_ptr_array_index (after, after->len - 1);
  g_assert_true (desk_message_get_private (last));
  g_assert_cmpint (desk_message_get_direction (last), ==,
                   DESK_DIRECTION_OUTGOING);
  g_assert_nonnull (strstr (desk_message_get_body (last), "kunde@example"));
}

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (
                 GTK_EVENT_CONTROLLER (controller))
                 == GTK_PHASE_CAPTURE)
        return GTK_EVENT_CONTROLLER (controller);
    }
  return NULL;
}

static guint
usage_of_thanks (void)
{
  g_autoptr (GPtrArray) templates
      = desk_store_list_templates (store, "de", DESK_FORMALITY_FORMAL, NULL);

  for (guint i = 0; i < templates->len; i++)
    {
      DeskTemplate *template = g_ptr_array_index (templates, i);

      if (g_strcmp0 (desk_template_get_shortcut (template), "danke") == 0)
        return desk_template_get_usage_count (template);
    }
  g_assert_not_reached ();
}

static void
test_completion (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskConversation) conversation = find_german_conversation (0);
  GtkTextView *view;
  GtkEventController *keys;
  gboolean handled = FALSE;
  g_autofree char *text = NULL;
  const char *name;
  guint used;

  open_conversation (fixture, conversation);
  name = desk_conversation_get_customer_name (conversation);
  used = usage_of_thanks ();
  view = get_reply_view (fixture->composer);

  type_text (fixture->composer, "PS: /dank");
  g_assert_true (
      spin_until (popover_shown, GTK_WIDGET (fixture->composer), 2000));
  g_assert_nonnull (find_label (
      GTK_WIDGET (find_visible_popover (GTK_WIDGET (fixture->composer))),
      "/danke", FALSE));
  wait_frames (fixture->window, 3);
  save_screenshot (fixture->window, "guidelines-completion");
  save_screenshot (
      GTK_WIDGET (find_visible_popover (GTK_WIDGET (fixture->composer))),
      "guidelines-completion-popover");

  keys = find_key_controller (GTK_WIDGET (view));
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  g_assert_true (handled);

  text = desk_composer_dup_text (fixture->composer);
  g_test_message ("after completion: %s", text);
  g_assert_true (g_str_has_prefix (text, "PS: "));
  g_assert_null (strstr (text, "/dank"));
  g_assert_nonnull (strstr (text, "vielen Dank für Ihr"));
  g_assert_nonnull (strstr (text, name));
  g_assert_null (strstr (text, "{customer_name"));
  g_assert_null (find_visible_popover (GTK_WIDGET (fixture->composer)));
  g_assert_cmpuint (usage_of_thanks (), ==, used + 1);
}

static void
test_note (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskConversation) conversation = find_german_conversation (0);
  gint64 id = desk_conversation_get_id (conversation);
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) outbox_before = NULL;
  g_autoptr (GPtrArray) outbox_after = NULL;
  DeskMessage *last;
  g_autofree char *left = NULL;

  open_conversation (fixture, conversation);
  before = desk_store_load_messages (store, id, NULL);
  outbox_before = desk_store_list_due_outbox (
      store, desk_conversation_get_account_id (conversation), NULL);

  desk_composer_set_note (fixture->composer, TRUE);
  g_assert_true (
      gtk_widget_has_css_class (GTK_WIDGET (fixture->composer), "note-mode"));
  /* Notes are for the team: personal data is fine and nothing blocks. */
  type_text (fixture->composer, "Kunde ruft morgen an: 0221 1234567");
  spin_for (DESK_COMPOSER_CHECK_DELAY_MS + 100);
  g_assert_false (desk_composer_get_blocked (fixture->composer));
  g_assert_nonnull (
      find_label (GTK_WIDGET (fixture->composer), "Add Note", FALSE));
  wait_frames (fixture->window, 2);
  save_screenshot (fixture->window, "guidelines-note-mode");
  gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send",
                              NULL);

  after = desk_store_load_messages (store, id, NULL);
  outbox_after = desk_store_list_due_outbox (
      store, desk_conversation_get_account_id (conversation), NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  last = g_ptr_array_index (after, after->len - 1);
  g_assert_cmpint (desk_message_get_direction (last), ==, DESK_DIRECTION_NOTE);
  g_assert_cmpstr (desk_message_get_body (last), ==,
                   "Kunde ruft morgen an: 0221 1234567");
  g_assert_cmpuint (outbox_after->len, ==, outbox_before->len);
  left = desk_composer_dup_text (fixture->composer);
  g_assert_cmpstr (left, ==, "");
  g_assert_false (desk_composer_get_note (fixture->composer));
}

static void
test_scratch (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskConversation) first = find_german_conversation (0);
  g_autoptr (DeskConversation) second
      = find_german_conversation (desk_conversation_get_id (first));
  g_autofree char *stored = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *emptied = NULL;

  open_conversation (fixture, first);
  desk_composer_set_scratch (fixture->composer, "Bestellnummer 4711 prüfen");
  /* Switching away keeps the pad of each conversation. */
  open_conversation (fixture, second);
  stored
      = desk_store_get_scratch (store, desk_conversation_get_id (first), NULL);
  g_assert_cmpstr (stored, ==, "Bestellnummer 4711 prüfen");
  open_conversation (fixture, first);
  wait_frames (fixture->window, 2);
  save_screenshot (fixture->window, "guidelines-scratch");

  type_text (fixture->composer, "Hallo!");
  gtk_widget_activate_action (GTK_WIDGET (fixture->composer),
                              "composer.move-scratch", NULL);
  reply = desk_composer_dup_text (fixture->composer);
  g_assert_nonnull (strstr (reply, "Hallo!"));
  g_assert_nonnull (strstr (reply, "Bestellnummer 4711 prüfen"));
  emptied
      = desk_store_get_scratch (store, desk_conversation_get_id (first), NULL);
  g_assert_cmpstr (emptied, ==, "");
}

static GtkWidget *
find_button_with_label (GtkWidget *root, const char *label)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label)
        == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static void
test_similar (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskConversation) target = find_german_conversation (0);
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  const char *answer = "Die Ersatzteile sind ab Donnerstag wieder da.";
  guint n = g_list_model_get_n_items (G_LIST_MODEL (inbox));
  guint closed = 0;
  GtkWidget *use;
  g_autofree char *reply = NULL;
  const DeskSimilarAnswer *top;

  open_conversation (fixture, target);
  g_assert_null (find_label (GTK_WIDGET (fixture->pane), answer, FALSE));

  /* Answer and close other conversations until one of them asked
   * something like the target's customer does. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DeskConversation) other
          = g_list_model_get_item (G_LIST_MODEL (inbox), i);
      gint64 other_id = desk_conversation_get_id (other);

      if (other_id == desk_conversation_get_id (target)
          || desk_conversation_get_status (other) == DESK_STATUS_CLOSED)
        continue;
      g_assert_cmpint (
          desk_store_queue_reply (store, other_id, answer,
                                  desk_conversation_get_kind (other),
                                  "Lea Becker", &error),
          >, 0);
      g_assert_no_error (error);
      g_assert_true (desk_store_set_status (store, other_id, DESK_STATUS_CLOSED,
                                            "Lea Becker", &error));
      g_assert_no_error (error);
      closed++;
      g_clear_pointer (&found, g_ptr_array_unref);
      found = desk_store_find_similar_answers (
          store, desk_conversation_get_id (target), 5, &error);
      g_assert_no_error (error);
      if (found->len > 0)
        break;
    }
  g_test_message ("closed %u conversations to find a similar one", closed);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, >, 0);

  top = g_ptr_array_index (found, 0);
  g_test_message ("similar: %s asked “%s”, answered “%s”", top->customer_name,
                  top->matched_text, top->answer);
  g_assert_cmpstr (top->answer, !=, "");

  desk_guidelines_pane_reload (fixture->pane);
  adw_view_stack_set_visible_child_name (
      ADW_VIEW_STACK (
          find_widget (GTK_WIDGET (fixture->pane), ADW_TYPE_VIEW_STACK)),
      "similar");
  wait_frames (fixture->window, 3);
  save_screenshot (fixture->window, "guidelines-similar");
  g_assert_nonnull (
      find_label (GTK_WIDGET (fixture->pane), top->answer, FALSE));
  g_assert_nonnull (find_label (
      GTK_WIDGET (fixture->pane),
      ((DeskSimilarAnswer *) g_ptr_array_index (found, 0))->customer_name,
      FALSE));
  use = find_button_with_label (GTK_WIDGET (fixture->pane), "Use as Start");
  g_assert_nonnull (use);
  type_text (fixture->composer, "");
  g_signal_emit_by_name (use, "clicked");
  reply = desk_composer_dup_text (fixture->composer);
  g_assert_cmpstr (reply, ==, top->answer);
}

static guint
count_rules (void)
{
  g_autoptr (GPtrArray) rules
      = desk_store_list_guideline_rules (store, FALSE, NULL);
  return rules->len;
}

static guint
count_templates (void)
{
  g_autoptr (GPtrArray) templates
      = desk_store_list_templates (store, NULL, DESK_FORMALITY_ANY, NULL);
  return templates->len;
}

static void
test_import_malformed (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = g_build_filename (workspace_dir, "broken.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  guint rules = count_rules ();
  guint templates = count_templates ();
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (
      path, "{\"format\": \"socialdesk-guidelines\", \"templates\": [", -1,
      NULL));
  g_assert_false (desk_guidelines_pane_import_file (fixture->pane, file));
  g_assert_true (spin_until (has_message_dialog, NULL, 2000));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Could Not Import the Guidelines");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count_rules (), ==, rules);
  g_assert_cmpuint (count_templates (), ==, templates);
}

/* Turning a rule off in the pane stops the composer flagging it. */
static void
test_rule_switch (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskConversation) conversation = find_german_conversation (0);
  AdwPreferencesRow *row;
  GtkWidget *toggle;

  open_conversation (fixture, conversation);
  type_text (fixture->composer, "Hallo, das ist leider nicht möglich.");
  spin_for (DESK_COMPOSER_CHECK_DELAY_MS + 100);
  g_assert_nonnull (
      find_finding (fixture->composer, DESK_FINDING_AVOIDED_PHRASE));

  row = find_row (GTK_WIDGET (fixture->pane), ADW_TYPE_ACTION_ROW,
                  "Avoid: leider nicht möglich, das geht leider nicht, das "
                  "geht nicht (de)");
  g_assert_nonnull (row);
  toggle = find_widget (GTK_WIDGET (row), GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_null (find_finding (fixture->composer, DESK_FINDING_AVOIDED_PHRASE));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_nonnull (
      find_finding (fixture->composer, DESK_FINDING_AVOIDED_PHRASE));
}

static void
test_pane_screenshots (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskConversation) conversation = find_german_conversation (0);
  AdwViewStack *stack;

  open_conversation (fixture, conversation);
  type_text (fixture->composer,
             "Hallo, das ist leider nicht möglich. Rufen Sie uns an: 0221 "
             "1234567");
  spin_for (DESK_COMPOSER_CHECK_DELAY_MS + 100);
  stack = ADW_VIEW_STACK (
      find_widget (GTK_WIDGET (fixture->pane), ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (
      find_label (GTK_WIDGET (fixture->pane), "Danke für Lob", FALSE));

  for (guint dark = 0; dark < 2; dark++)
    {
      const char *pages[] = { "templates", "similar", "guidelines" };

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          g_autofree char *name = g_strdup_printf (
              "guidelines-pane-%s-%s", pages[i], dark ? "dark" : "light");

          adw_view_stack_set_visible_child_name (stack, pages[i]);
          wait_frames (fixture->window, 3);
          save_screenshot (fixture->window, name);
        }
    }

  /* Narrow: the pane alone, as in a folded sidebar. */
  adw_view_stack_set_visible_child_name (stack, "templates");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 720, 640);
  wait_frames (fixture->window, 4);
  save_screenshot (fixture->window, "guidelines-narrow-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

static void
set_up_workspace (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  workspace_dir = g_dir_make_tmp ("socialdesk-test-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (workspace_dir, "socialdesk.db", NULL);

  settings = g_settings_new (BASE_APP_ID);
  g_settings_set_string (settings, "agent-name", "Lea Becker");
  sys_clock = desk_clock_new_system ();
  store = desk_store_open (path, sys_clock, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_ensure_default_guidelines (store, &error));

  workspace = desk_workspace_new (store);
  g_assert_true (desk_workspace_add_demo_accounts (workspace, &error));
  g_assert_no_error (error);
  g_assert_true (desk_workspace_start (workspace, &error));
  g_assert_no_error (error);

  inbox = desk_inbox_model_new (store);
  desk_inbox_model_set_view (inbox, DESK_VIEW_ALL);
  g_assert_true (spin_until (has_inbox, NULL, 20000));
}

int
main (int argc, char *argv[])
{
  g_autofree char *localedir = NULL;
  int status;

  data_dir = g_dir_make_tmp ("socialdesk-test-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  localedir = g_strdup (g_getenv ("SOCIALDESK_LOCALEDIR"));
  if (localedir == NULL)
    localedir
        = g_build_filename (g_test_get_dir (G_TEST_BUILT), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      remove_tree (data_dir);
      return 0;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE,
                NULL);

  app = desk_application_new (BASE_APP_ID ".TestGuidelines",
                              G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  set_up_workspace ();

#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui-guidelines/checks", test_checks);
  ADD ("/ui-guidelines/send-privately", test_send_privately);
  ADD ("/ui-guidelines/completion", test_completion);
  ADD ("/ui-guidelines/note", test_note);
  ADD ("/ui-guidelines/scratch", test_scratch);
  ADD ("/ui-guidelines/similar", test_similar);
  ADD ("/ui-guidelines/import-malformed", test_import_malformed);
  ADD ("/ui-guidelines/rule-switch", test_rule_switch);
  ADD ("/ui-guidelines/screenshots", test_pane_screenshots);
#undef ADD

  status = g_test_run ();

  g_clear_object (&inbox);
  g_clear_object (&workspace);
  g_clear_object (&store);
  g_clear_object (&sys_clock);
  g_clear_object (&settings);
  g_clear_object (&app);
  remove_tree (workspace_dir);
  remove_tree (data_dir);
  g_free (workspace_dir);
  g_free (data_dir);
  return status;
}
