/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-customer-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/desk-store-customers.h"
#include "ui/desk-resources.h"
#include "desk-customer-pane.h"
#include "desk-history-model.h"
#include "desk-history-row.h"
#include "desk-link-dialog.h"
#include "desk-text.h"

/* One person across every channel: every linked identity with its
 * reach, what the team knows and noted about them, and all their
 * conversations on every network, newest first. Links and merges are
 * made here and can always be undone from the toast. */
struct _DeskCustomerPane
{
  GtkWidget parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *summary_label;
  GtkWidget *suggestion_card;
  GtkLabel *suggestion_label;
  GtkListBox *identity_list;
  GtkLabel *language_label;
  GtkLabel *priority_label;
  GtkWidget *tags_row;
  GtkLabel *tags_label;
  GtkLabel *first_contact_label;
  GtkLabel *last_contact_label;
  GtkLabel *conversations_label;
  GtkLabel *interactions_label;
  GtkWidget *csat_row;
  GtkLabel *csat_label;
  GtkWidget *nps_row;
  GtkLabel *nps_label;
  GtkListBox *notes_list;
  GtkEntry *note_entry;
  GtkScrolledWindow *scroller;
  GtkListBox *history_list;

  DeskStore *store;
  gint64 customer_id;
  char *agent;
  DeskCustomer *customer;
  DeskLinkSuggestion *suggestion;
  DeskHistoryModel *history;
  GHashTable *deleting_notes; /* note id → TRUE until the toast goes */
  guint reload_idle;
};

G_DEFINE_FINAL_TYPE (DeskCustomerPane, desk_customer_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  PROP_AGENT,
  N_PROPS
};

enum
{
  OPEN_CONVERSATION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define HISTORY_PAGE_SIZE 20
/* How close to the end the agent scrolls before the next page is read. */
#define HISTORY_PREFETCH_PX 300.0

static const char *
get_agent (DeskCustomerPane *self)
{
  return self->agent != NULL && *self->agent != '\0' ? self->agent
                                                     : g_get_real_name ();
}

static GDateTime *
dup_now (DeskCustomerPane *self)
{
  return self->store != NULL
             ? desk_clock_dup_now_local (desk_store_get_clock (self->store))
             : g_date_time_new_now_local ();
}

static void
show_error (DeskCustomerPane *self, const char *what, GError *error)
{
  g_autoptr (AdwToast) toast = NULL;

  g_warning ("%s: %s", what, error->message);
  /* Translators: %s says what failed and why. */
  toast = adw_toast_new_format (_ ("%s: %s"), what, error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, g_steal_pointer (&toast));
}

static gboolean
is_web_link (const char *url)
{
  const char *scheme = url != NULL ? g_uri_peek_scheme (url) : NULL;

  return scheme != NULL
         && (g_str_equal (scheme, "https") || g_str_equal (scheme, "http"));
}

static const char *
reason_text (DeskLinkReason reason)
{
  switch (reason)
    {
      case DESK_LINK_REASON_SAME_EMAIL:
        return _ ("same email address");
      case DESK_LINK_REASON_MENTIONED_IN_BIO:
        return _ ("named in the profile");
      case DESK_LINK_REASON_SAME_WEBSITE:
        return _ ("same website");
      case DESK_LINK_REASON_SAME_NAME:
        return _ ("same name");
      default:
        g_assert_not_reached ();
    }
}

/* Undo of a link or merge, from its toast. */
static void
on_merge_toast_button_clicked_cb (AdwToast *toast, DeskCustomerPane *self)
{
  g_autoptr (GError) error = NULL;
  gint64 merge_id
      = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "merge-id"));
  gint64 previous = GPOINTER_TO_SIZE (
      g_object_get_data (G_OBJECT (toast), "previous-customer-id"));

  if (!desk_store_undo_merge (self->store, merge_id, get_agent (self), &error))
    {
      show_error (self, _ ("Could not undo"), error);
      return;
    }
  if (previous != 0 && previous != self->customer_id)
    desk_customer_pane_set_customer_id (self, previous);
  else
    desk_customer_pane_reload (self);
}

static void
show_merge_toast (DeskCustomerPane *self,
                  gint64 merge_id,
                  gint64 previous_customer_id,
                  const char *name)
{
  AdwToast *toast;

  /* Translators: %s is the name of a customer or a handle. */
  toast = adw_toast_new_format (_ ("Linked %s"), name);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Longer than the default: linking people is worth a second look. */
  adw_toast_set_timeout (toast, 10);
  g_object_set_data (G_OBJECT (toast), "merge-id", GSIZE_TO_POINTER (merge_id));
  g_object_set_data (G_OBJECT (toast), "previous-customer-id",
                     GSIZE_TO_POINTER (previous_customer_id));
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_merge_toast_button_clicked_cb), self,
                           G_CONNECT_DEFAULT);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_profile_button_clicked_cb (GtkButton *button, DeskCustomerPane *self)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Checked again: the store holds whatever the network sent. */
  if (!is_web_link (url))
    return;
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url,
                GDK_CURRENT_TIME);
}

static void
on_unlink_dialog_response_cb (AdwMessageDialog *dialog,
                              const char *response,
                              DeskCustomerPane *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AdwToast) toast = NULL;
  gint64 identity_id
      = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "identity-id"));
  const char *handle = g_object_get_data (G_OBJECT (dialog), "handle");

  if (g_strcmp0 (response, "unlink") != 0)
    return;
  if (desk_store_unlink_identity (self->store, identity_id, get_agent (self),
                                  &error)
      == 0)
    {
      show_error (self, _ ("Could not unlink"), error);
      return;
    }
  /* Translators: %s is a handle on a social network. */
  toast
      = adw_toast_new_format (_ ("%s is a customer of their own now"), handle);
  adw_toast_overlay_add_toast (self->toast_overlay, g_steal_pointer (&toast));
  desk_customer_pane_reload (self);
}

static void
on_unlink_button_clicked_cb (GtkButton *button, DeskCustomerPane *self)
{
  const char *handle = g_object_get_data (G_OBJECT (button), "handle");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a handle on a social network. */
  body = g_strdup_printf (_ ("%s and their conversations become a separate "
                             "customer."),
                          handle);
  dialog
      = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                _ ("Unlink Profile?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                    _ ("_Cancel"), "unlink", _ ("_Unlink"),
                                    NULL);
  adw_message_dialog_set_response_appearance (
      ADW_MESSAGE_DIALOG (dialog), "unlink", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "identity-id",
                     g_object_get_data (G_OBJECT (button), "identity-id"));
  g_object_set_data_full (G_OBJECT (dialog), "handle", g_strdup (handle),
                          g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_unlink_dialog_response_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
wrapping_label (const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 1);
  return label;
}

static GtkWidget *
identity_row_new (DeskCustomerPane *self,
                  const DeskIdentity *identity,
                  gboolean can_unlink)
{
  g_autofree char *handle = desk_text_for_display_line (identity->handle);
  g_autofree char *followers = desk_text_format_followers (identity->followers);
  g_autofree char *details = NULL;
  GtkWidget *row, *box, *labels, *icon, *label, *button;

  if (identity->gone)
    /* Translators: a customer's identity; the first %s is a network, the
     * second a number of followers. The account was deleted. */
    details = g_strdup_printf (_ ("%s · %s · deleted"),
                               desk_text_get_network_name (identity->network),
                               followers);
  else
    /* Translators: a customer's identity; the first %s is a network, the
     * second a number of followers ("Mastodon · 1,200 followers"). */
    details = g_strdup_printf (_ ("%s · %s"),
                               desk_text_get_network_name (identity->network),
                               followers);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "identity-row");
  if (identity->gone)
    gtk_widget_add_css_class (box, "gone");

  icon = gtk_image_new_from_icon_name (
      desk_text_get_network_icon (identity->network));
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (icon,
                               desk_text_get_network_name (identity->network));
  gtk_box_append (GTK_BOX (box), icon);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  label = wrapping_label (handle);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (labels), label);

  label = wrapping_label (details);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, identity->gone ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (labels), label);

  if (identity->bio != NULL && *identity->bio != '\0')
    {
      g_autofree char *bio = desk_text_for_display (identity->bio);

      label = wrapping_label (bio);
      gtk_label_set_lines (GTK_LABEL (label), 4);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "identity-bio");
      gtk_box_append (GTK_BOX (labels), label);
    }

  if (is_web_link (identity->profile_url))
    {
      button = gtk_button_new_from_icon_name ("web-browser-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, identity->profile_url);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Open Profile"), -1);
      g_object_set_data_full (G_OBJECT (button), "url",
                              g_strdup (identity->profile_url), g_free);
      g_signal_connect (button, "clicked",
                        G_CALLBACK (on_profile_button_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  if (can_unlink)
    {
      button = gtk_button_new_from_icon_name ("edit-cut-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "unlink-button");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _ ("Unlink"));
      g_object_set_data (G_OBJECT (button), "identity-id",
                         GSIZE_TO_POINTER (identity->id));
      g_object_set_data_full (G_OBJECT (button), "handle", g_strdup (handle),
                              g_free);
      g_signal_connect (button, "clicked",
                        G_CALLBACK (on_unlink_button_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
set_time (DeskCustomerPane *self, GtkLabel *label, gint64 at)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *absolute = NULL;

  if (at <= 0)
    {
      gtk_label_set_text (label, "—");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
      return;
    }

  now = dup_now (self);
  relative = desk_text_format_day (at, now);
  absolute
      = desk_text_format_absolute_time (at, g_date_time_get_timezone (now));
  gtk_label_set_text (label, relative);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), absolute);
}

static void
set_rating (DeskCustomerPane *self,
            GtkWidget *row,
            GtkLabel *label,
            int score,
            gint64 at,
            int max)
{
  g_autofree char *text = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *day = NULL;

  gtk_widget_set_visible (row, score >= 0);
  if (score < 0)
    return;
  now = dup_now (self);
  day = desk_text_format_day (at, now);
  /* Translators: a rating, its highest value and when it was given
   * ("4/5 · Tuesday"). */
  text = g_strdup_printf (_ ("%d/%d · %s"), score, max, day);
  gtk_label_set_text (label, text);
}

static void
on_note_toast_button_clicked_cb (AdwToast *toast, DeskCustomerPane *self)
{
  gint64 note_id
      = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "note-id"));

  g_hash_table_remove (self->deleting_notes, &note_id);
  desk_customer_pane_reload (self);
}

/* The note goes from the store only when its undo is no longer offered. */
static void
on_note_toast_dismissed_cb (AdwToast *toast, DeskCustomerPane *self)
{
  g_autoptr (GError) error = NULL;
  gint64 note_id
      = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "note-id"));

  if (!g_hash_table_remove (self->deleting_notes, &note_id))
    return;
  if (!desk_store_delete_customer_note (self->store, note_id, &error))
    show_error (self, _ ("Could not delete the note"), error);
}

static void
on_delete_note_button_clicked_cb (GtkButton *button, DeskCustomerPane *self)
{
  gint64 note_id
      = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "note-id"));
  gint64 *key = g_new (gint64, 1);
  AdwToast *toast;

  *key = note_id;
  g_hash_table_add (self->deleting_notes, key);

  toast = adw_toast_new (_ ("Note deleted"));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  g_object_set_data (G_OBJECT (toast), "note-id", GSIZE_TO_POINTER (note_id));
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_note_toast_button_clicked_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (on_note_toast_dismissed_cb), self,
                           G_CONNECT_DEFAULT);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  desk_customer_pane_reload (self);
}

static GtkWidget *
note_row_new (DeskCustomerPane *self, const DeskCustomerNote *note)
{
  g_autofree char *body = desk_text_for_display (note->body);
  g_autofree char *author = desk_text_for_display_line (note->author);
  g_autofree char *when = NULL;
  g_autofree char *byline = NULL;
  g_autoptr (GDateTime) now = dup_now (self);
  GtkWidget *row, *box, *labels, *label, *button;

  when = desk_text_format_relative_time (note->created_at, now);
  /* Translators: who wrote a note, and when ("Lea Becker · 5 min"). */
  byline = g_strdup_printf (_ ("%s · %s"), author, when);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "note-row");
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  label = wrapping_label (body);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (labels), label);
  label = wrapping_label (byline);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (labels), label);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _ ("Delete Note"));
  g_object_set_data (G_OBJECT (button), "note-id", GSIZE_TO_POINTER (note->id));
  g_signal_connect (button, "clicked",
                    G_CALLBACK (on_delete_note_button_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_notes (DeskCustomerPane *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  guint shown = 0;

  clear_list (self->notes_list);
  notes
      = desk_store_list_customer_notes (self->store, self->customer_id, &error);
  if (notes == NULL)
    g_warning ("could not list notes: %s", error->message);
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      const DeskCustomerNote *note = notes->pdata[i];

      if (g_hash_table_contains (self->deleting_notes, &note->id))
        continue;
      gtk_list_box_append (self->notes_list, note_row_new (self, note));
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes_list), shown > 0);
}

static void
show_suggestion (DeskCustomerPane *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->suggestion, desk_link_suggestion_free);
  suggestions
      = desk_store_suggest_links (self->store, self->customer_id, &error);
  if (suggestions == NULL)
    g_warning ("could not suggest links: %s", error->message);
  if (suggestions != NULL && suggestions->len > 0)
    self->suggestion = desk_link_suggestion_copy (suggestions->pdata[0]);

  gtk_widget_set_visible (self->suggestion_card, self->suggestion != NULL);
  if (self->suggestion == NULL)
    return;

  name = desk_text_for_display_line (self->suggestion->other_name);
  /* Translators: the first %s is another customer's name, the second why
   * they look like the same person ("same name"). */
  text = g_strdup_printf (_ ("Possibly the same person: %s (%s)"), name,
                          reason_text (self->suggestion->reason));
  gtk_label_set_text (self->suggestion_label, text);
}

static GtkWidget *
create_history_row (gpointer item, gpointer data)
{
  DeskCustomerPane *self = data;
  g_autoptr (GDateTime) now = dup_now (self);
  GtkWidget *row = desk_history_row_new ();

  desk_history_row_set_entry (DESK_HISTORY_ROW (row), item, now);
  return row;
}

/* Rows exist only for the pages read so far, so a long history costs
 * what the agent scrolls through. */
static void
show_history (DeskCustomerPane *self)
{
  if (self->history != NULL
      && desk_history_model_get_customer_id (self->history)
             == self->customer_id)
    {
      desk_history_model_reload (self->history);
      return;
    }

  g_clear_object (&self->history);
  self->history = desk_history_model_new (self->store, self->customer_id,
                                          HISTORY_PAGE_SIZE);
  gtk_list_box_bind_model (self->history_list, G_LIST_MODEL (self->history),
                           create_history_row, self, NULL);
  gtk_adjustment_set_value (
      gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
show_customer (DeskCustomerPane *self)
{
  DeskCustomer *c = self->customer;
  g_autofree char *name = NULL;
  g_autofree char *followers = NULL;
  g_autofree char *count = NULL;
  g_autofree char *interactions = NULL;
  g_autoptr (GString) tags = NULL;
  guint n_identities;
  gint64 at = 0;
  int score;

  clear_list (self->identity_list);

  if (c == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_list_box_bind_model (self->history_list, NULL, NULL, NULL, NULL);
      g_clear_object (&self->history);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.link-profile",
                                     FALSE);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.link-profile",
                                 TRUE);

  name = desk_text_for_display_line (desk_customer_get_display_name (c));
  followers = desk_text_format_followers (desk_customer_get_followers (c));
  count = g_strdup_printf ("%u", desk_customer_get_n_conversations (c));

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->name_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), name);
  gtk_label_set_text (self->summary_label, followers);
  gtk_label_set_text (
      self->language_label,
      desk_text_get_language_name (desk_customer_get_language (c)));
  gtk_label_set_text (self->priority_label,
                      desk_customer_get_priority (c) == DESK_PRIORITY_HIGH
                          ? _ ("High reach")
                          : C_ ("priority", "Normal"));

  tags = g_string_new (NULL);
  for (guint i = 0; i < desk_customer_get_n_tags (c); i++)
    {
      g_autofree char *tag
          = desk_text_for_display_line (desk_customer_get_tag (c, i)->name);

      if (tags->len > 0)
        /* Translators: separates tags in a list. */
        g_string_append (tags, _ (", "));
      g_string_append (tags, tag);
    }
  gtk_widget_set_visible (self->tags_row, tags->len > 0);
  gtk_label_set_text (self->tags_label, tags->str);

  set_time (self, self->first_contact_label,
            desk_customer_get_first_contact (c));
  set_time (self, self->last_contact_label, desk_customer_get_last_contact (c));
  gtk_label_set_text (self->conversations_label, count);
  /* Translators: how many interactions with the customer went well and
   * how many went badly. */
  interactions = g_strdup_printf (_ ("%u good · %u bad"),
                                  desk_customer_get_n_positive (c),
                                  desk_customer_get_n_negative (c));
  gtk_label_set_text (self->interactions_label, interactions);
  score = desk_customer_get_last_csat (c, &at);
  set_rating (self, self->csat_row, self->csat_label, score, at, 5);
  score = desk_customer_get_last_nps (c, &at);
  set_rating (self, self->nps_row, self->nps_label, score, at, 10);

  n_identities = desk_customer_get_n_identities (c);
  for (guint i = 0; i < n_identities; i++)
    gtk_list_box_append (self->identity_list,
                         identity_row_new (self,
                                           desk_customer_get_identity (c, i),
                                           n_identities > 1));

  show_suggestion (self);
  show_notes (self);
  show_history (self);
  gtk_stack_set_visible_child_name (self->stack, "customer");
}

static gboolean
on_reload_idle_cb (gpointer data)
{
  DeskCustomerPane *self = data;

  self->reload_idle = 0;
  desk_customer_pane_reload (self);
  return G_SOURCE_REMOVE;
}

/* Another conversation of this customer came in or changed, on any
 * network: a sync touches many at once, so one reload per burst. */
static void
on_store_conversations_changed_cb (DeskStore *store,
                                   GArray *changed,
                                   DeskCustomerPane *self)
{
  gboolean ours = FALSE;

  if (self->customer_id == 0 || self->reload_idle != 0)
    return;

  for (guint i = 0; !ours && i < changed->len; i++)
    {
      gint64 id = g_array_index (changed, gint64, i);
      g_autoptr (DeskConversation) conversation = NULL;

      if (self->history != NULL
          && desk_history_model_contains (self->history, id))
        {
          ours = TRUE;
          break;
        }
      conversation = desk_store_load_conversation (store, id, NULL);
      ours = conversation != NULL
             && desk_conversation_get_customer_id (conversation)
                    == self->customer_id;
    }

  if (ours)
    self->reload_idle = g_idle_add (on_reload_idle_cb, self);
}

/* Reads the next page when the agent nears the end of what is loaded,
 * or when what is loaded does not fill the list. */
static void
maybe_load_more (DeskCustomerPane *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double bottom
      = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj);

  if (self->history == NULL || !desk_history_model_get_has_more (self->history)
      || !gtk_widget_get_mapped (GTK_WIDGET (self->history_list)))
    return;
  if (bottom + HISTORY_PREFETCH_PX >= gtk_adjustment_get_upper (adj))
    desk_history_model_load_more (self->history);
}

static void
on_history_adjustment_changed_cb (GtkAdjustment *adj, DeskCustomerPane *self)
{
  maybe_load_more (self);
}

static void
on_history_list_row_activated_cb (GtkListBox *list,
                                  GtkListBoxRow *row,
                                  DeskCustomerPane *self)
{
  g_autoptr (DeskHistoryEntry) entry = NULL;

  if (self->history == NULL)
    return;
  entry = g_list_model_get_item (G_LIST_MODEL (self->history),
                                 gtk_list_box_row_get_index (row));
  if (entry != NULL)
    g_signal_emit (self, signals[OPEN_CONVERSATION], 0,
                   desk_history_entry_get_conversation_id (entry));
}

static void
on_accept_suggestion_button_clicked_cb (GtkButton *button,
                                        DeskCustomerPane *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 merge_id;

  if (self->suggestion == NULL)
    return;
  name = desk_text_for_display_line (self->suggestion->other_name);
  merge_id = desk_store_accept_link_suggestion (self->store, self->suggestion,
                                                get_agent (self), &error);
  if (merge_id == 0)
    {
      show_error (self, _ ("Could not link"), error);
      return;
    }
  show_merge_toast (self, merge_id, self->customer_id, name);
  desk_customer_pane_reload (self);
}

static void
on_dismiss_suggestion_button_clicked_cb (GtkButton *button,
                                         DeskCustomerPane *self)
{
  g_autoptr (GError) error = NULL;

  if (self->suggestion == NULL)
    return;
  if (!desk_store_dismiss_link_suggestion (self->store, self->suggestion,
                                           get_agent (self), &error))
    show_error (self, _ ("Could not dismiss the suggestion"), error);
  show_suggestion (self);
}

static void
on_link_dialog_linked_cb (DeskLinkDialog *dialog,
                          gint64 merge_id,
                          gint64 customer_id,
                          const char *name,
                          DeskCustomerPane *self)
{
  gint64 previous = self->customer_id;

  show_merge_toast (self, merge_id, previous, name);
  if (customer_id != previous)
    desk_customer_pane_set_customer_id (self, customer_id);
  else
    desk_customer_pane_reload (self);
}

static void
link_profile_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  DeskCustomerPane *self = DESK_CUSTOMER_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  DeskLinkDialog *dialog;

  if (self->store == NULL || self->customer_id == 0)
    return;
  dialog
      = desk_link_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                              self->store, self->customer_id, get_agent (self));
  g_signal_connect_object (dialog, "linked",
                           G_CALLBACK (on_link_dialog_linked_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_note_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  DeskCustomerPane *self = DESK_CUSTOMER_PANE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *body = g_strstrip (
      g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));

  if (*body == '\0' || self->store == NULL || self->customer_id == 0)
    return;
  if (desk_store_add_customer_note (self->store, self->customer_id, body,
                                    get_agent (self), &error)
      == 0)
    {
      show_error (self, _ ("Could not add the note"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  show_notes (self);
}

static void
on_note_entry_activate_cb (GtkEntry *entry, DeskCustomerPane *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "customer.add-note", NULL);
}

static void
on_note_entry_changed_cb (GtkEditable *entry, DeskCustomerPane *self)
{
  const char *text = gtk_editable_get_text (entry);

  while (g_ascii_isspace (*text))
    text++;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.add-note",
                                 *text != '\0');
}

static void
desk_customer_pane_get_property (GObject *object,
                                 guint prop_id,
                                 GValue *value,
                                 GParamSpec *pspec)
{
  DeskCustomerPane *self = DESK_CUSTOMER_PANE (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_CUSTOMER_ID:
        g_value_set_int64 (value, self->customer_id);
        break;

      case PROP_AGENT:
        g_value_set_string (value, self->agent);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_customer_pane_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  DeskCustomerPane *self = DESK_CUSTOMER_PANE (object);

  switch (prop_id)
    {
      case PROP_STORE:
        desk_customer_pane_set_store (self, g_value_get_object (value));
        break;

      case PROP_CUSTOMER_ID:
        desk_customer_pane_set_customer_id (self, g_value_get_int64 (value));
        break;

      case PROP_AGENT:
        desk_customer_pane_set_agent (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Deletions still waiting for their toast happen now. */
static void
flush_note_deletions (DeskCustomerPane *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->deleting_notes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (self->store != NULL)
      desk_store_delete_customer_note (self->store, *(gint64 *) key, NULL);
  g_hash_table_remove_all (self->deleting_notes);
}

static void
desk_customer_pane_dispose (GObject *object)
{
  DeskCustomerPane *self = DESK_CUSTOMER_PANE (object);
  GtkWidget *child;

  flush_note_deletions (self);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->customer);
  g_clear_object (&self->history);
  g_clear_pointer (&self->suggestion, desk_link_suggestion_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_CUSTOMER_PANE);
  /* GTK 4.8 clears only the bound template children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_customer_pane_parent_class)->dispose (object);
}

static void
desk_customer_pane_finalize (GObject *object)
{
  DeskCustomerPane *self = DESK_CUSTOMER_PANE (object);

  g_free (self->agent);
  g_hash_table_unref (self->deleting_notes);
  G_OBJECT_CLASS (desk_customer_pane_parent_class)->finalize (object);
}

static void
desk_customer_pane_class_init (DeskCustomerPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_customer_pane_get_property;
  object_class->set_property = desk_customer_pane_set_property;
  object_class->dispose = desk_customer_pane_dispose;
  object_class->finalize = desk_customer_pane_finalize;

  properties[PROP_STORE]
      = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE, flags);
  properties[PROP_CUSTOMER_ID]
      = g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* Who links and writes notes, for the customer's record. */
  properties[PROP_AGENT]
      = g_param_spec_string ("agent", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The agent picked a conversation in the customer's history. */
  signals[OPEN_CONVERSATION] = g_signal_new (
      "open-conversation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "customer.link-profile", NULL,
                                   link_profile_action);
  gtk_widget_class_install_action (widget_class, "customer.add-note", NULL,
                                   add_note_action);

  /* Referencing the resource links it, and the constructor that
   * registers it, into every program that uses this widget. */
  (void) desk_get_resource ();
  g_type_ensure (DESK_TYPE_HISTORY_ROW);
  gtk_widget_class_set_template_from_resource (
      widget_class,
      "/io/github/socialdesk/Socialdesk/ui/desk-customer-pane.ui");
#define BIND(name)                                                             \
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane, name)
  BIND (toast_overlay);
  BIND (stack);
  BIND (avatar);
  BIND (name_label);
  BIND (summary_label);
  BIND (suggestion_card);
  BIND (suggestion_label);
  BIND (identity_list);
  BIND (language_label);
  BIND (priority_label);
  BIND (tags_row);
  BIND (tags_label);
  BIND (first_contact_label);
  BIND (last_contact_label);
  BIND (conversations_label);
  BIND (interactions_label);
  BIND (csat_row);
  BIND (csat_label);
  BIND (nps_row);
  BIND (nps_label);
  BIND (notes_list);
  BIND (note_entry);
  BIND (scroller);
  BIND (history_list);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_history_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (
      widget_class, on_accept_suggestion_button_clicked_cb);
  gtk_widget_class_bind_template_callback (
      widget_class, on_dismiss_suggestion_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_note_entry_activate_cb);
}

static void
desk_customer_pane_init (DeskCustomerPane *self)
{
  GtkAdjustment *adj;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->deleting_notes
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adj, "value-changed",
                           G_CALLBACK (on_history_adjustment_changed_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (adj, "changed",
                           G_CALLBACK (on_history_adjustment_changed_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (self->note_entry, "changed",
                           G_CALLBACK (on_note_entry_changed_cb), self,
                           G_CONNECT_DEFAULT);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.add-note", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.link-profile",
                                 FALSE);
}

DeskStore *
desk_customer_pane_get_store (DeskCustomerPane *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER_PANE (self), NULL);
  return self->store;
}

/* Set once by the owner; templates cannot pass services at construction. */
void
desk_customer_pane_set_store (DeskCustomerPane *self, DeskStore *store)
{
  g_return_if_fail (DESK_IS_CUSTOMER_PANE (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "conversations-changed",
                      G_CALLBACK (on_store_conversations_changed_cb), self);
  g_clear_object (&self->history);

  desk_customer_pane_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gint64
desk_customer_pane_get_customer_id (DeskCustomerPane *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER_PANE (self), 0);
  return self->customer_id;
}

/* 0 shows no customer. */
void
desk_customer_pane_set_customer_id (DeskCustomerPane *self, gint64 customer_id)
{
  g_return_if_fail (DESK_IS_CUSTOMER_PANE (self));

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  desk_customer_pane_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
desk_customer_pane_get_agent (DeskCustomerPane *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER_PANE (self), NULL);
  return self->agent;
}

/* NULL or empty: the user's real name. */
void
desk_customer_pane_set_agent (DeskCustomerPane *self, const char *agent)
{
  g_return_if_fail (DESK_IS_CUSTOMER_PANE (self));

  if (g_strcmp0 (self->agent, agent) == 0)
    return;
  g_free (self->agent);
  self->agent = g_strdup (agent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT]);
}

/* The customer as last loaded, or NULL. */
DeskCustomer *
desk_customer_pane_get_customer (DeskCustomerPane *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER_PANE (self), NULL);
  return self->customer;
}

/* The timeline's model, for tests: how much of the history is loaded. */
GListModel *
desk_customer_pane_get_history (DeskCustomerPane *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER_PANE (self), NULL);
  return G_LIST_MODEL (self->history);
}

/* Reads the customer again, after their conversations changed. */
void
desk_customer_pane_reload (DeskCustomerPane *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (DESK_IS_CUSTOMER_PANE (self));

  g_clear_object (&self->customer);
  if (self->store != NULL && self->customer_id != 0)
    {
      self->customer = desk_store_load_customer_details (
          self->store, self->customer_id, &error);
      if (self->customer == NULL)
        g_debug ("could not load customer %" G_GINT64_FORMAT ": %s",
                 self->customer_id, error->message);
      /* Merged away meanwhile: the person is now the other customer. */
      else if (desk_customer_get_merged_into (self->customer) != 0)
        {
          desk_customer_pane_set_customer_id (
              self, desk_customer_get_merged_into (self->customer));
          return;
        }
    }

  show_customer (self);
}
