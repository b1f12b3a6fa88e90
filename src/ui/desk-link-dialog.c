/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-link-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "core/desk-store-customers.h"
#include "ui/desk-resources.h"
#include "desk-link-dialog.h"
#include "desk-text.h"

/* Finds the same person under another customer: the agent searches by
 * name or handle, then links one of their profiles to the current
 * customer or merges the current customer into them. The owner shows
 * the undo. */
struct _DeskLinkDialog
{
  AdwWindow parent_instance;

  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkListBox *result_list;

  DeskStore *store;
  gint64 customer_id;
  char *agent;
};

G_DEFINE_FINAL_TYPE (DeskLinkDialog, desk_link_dialog, ADW_TYPE_WINDOW)

enum
{
  LINKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define RESULT_LIMIT 20

static void
finish (DeskLinkDialog *self,
        gint64 merge_id,
        gint64 customer_id,
        const char *name)
{
  g_autofree char *shown = desk_text_for_display_line (name);

  g_signal_emit (self, signals[LINKED], 0, merge_id, customer_id, shown);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
show_error (DeskLinkDialog *self, GError *error)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (self), _ ("Could Not Link"), error->message));

  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_link_button_clicked_cb (GtkButton *button, DeskLinkDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 identity_id
      = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "identity-id"));
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  gint64 merge_id;

  merge_id = desk_store_link_identity (self->store, identity_id,
                                       self->customer_id, self->agent, &error);
  if (merge_id == 0)
    {
      show_error (self, error);
      return;
    }
  finish (self, merge_id, self->customer_id, name);
}

static void
on_merge_button_clicked_cb (GtkButton *button, DeskLinkDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 target
      = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "customer-id"));
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  gint64 merge_id;

  merge_id = desk_store_merge_customers (self->store, self->customer_id, target,
                                         self->agent, &error);
  if (merge_id == 0)
    {
      show_error (self, error);
      return;
    }
  finish (self, merge_id, target, name);
}

static GtkWidget *
new_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 1);
  gtk_widget_set_hexpand (label, TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
result_row_new (DeskLinkDialog *self, DeskCustomer *customer)
{
  g_autofree char *name
      = desk_text_for_display_line (desk_customer_get_display_name (customer));
  g_autofree char *tooltip = NULL;
  GtkWidget *box, *header, *button, *row;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "link-result");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (header), new_label (name, "heading"));
  button = gtk_button_new_with_mnemonic (_ ("_Merge"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: %s is a customer's name. */
  tooltip = g_strdup_printf (
      _ ("Move this customer’s profiles and history to %s"), name);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data (G_OBJECT (button), "customer-id",
                     GSIZE_TO_POINTER (desk_customer_get_id (customer)));
  g_object_set_data_full (G_OBJECT (button), "name", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_merge_button_clicked_cb),
                    self);
  gtk_box_append (GTK_BOX (header), button);
  gtk_box_append (GTK_BOX (box), header);

  for (guint i = 0; i < desk_customer_get_n_identities (customer); i++)
    {
      const DeskIdentity *identity = desk_customer_get_identity (customer, i);
      g_autofree char *handle = desk_text_for_display_line (identity->handle);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name (
          desk_text_get_network_icon (identity->network));
      g_autofree char *link_tooltip = NULL;

      gtk_widget_set_tooltip_text (
          icon, desk_text_get_network_name (identity->network));
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), new_label (handle, "dim-label"));

      button = gtk_button_new_with_mnemonic (_ ("_Link"));
      gtk_widget_add_css_class (button, "flat");
      /* Translators: %s is a handle on a social network. */
      link_tooltip
          = g_strdup_printf (_ ("Add %s to the current customer"), handle);
      gtk_widget_set_tooltip_text (button, link_tooltip);
      g_object_set_data (G_OBJECT (button), "identity-id",
                         GSIZE_TO_POINTER (identity->id));
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (handle),
                              g_free);
      g_signal_connect (button, "clicked",
                        G_CALLBACK (on_link_button_clicked_cb), self);
      gtk_box_append (GTK_BOX (line), button);
      gtk_box_append (GTK_BOX (box), line);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry, DeskLinkDialog *self)
{
  desk_link_dialog_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
desk_link_dialog_dispose (GObject *object)
{
  DeskLinkDialog *self = DESK_LINK_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_LINK_DIALOG);
  G_OBJECT_CLASS (desk_link_dialog_parent_class)->dispose (object);
}

static void
desk_link_dialog_finalize (GObject *object)
{
  DeskLinkDialog *self = DESK_LINK_DIALOG (object);

  g_free (self->agent);
  G_OBJECT_CLASS (desk_link_dialog_parent_class)->finalize (object);
}

static void
desk_link_dialog_class_init (DeskLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = desk_link_dialog_dispose;
  object_class->finalize = desk_link_dialog_finalize;

  /* A link or merge happened: its id for the undo, the customer now
   * holding both, and the name of who was linked, for the toast. */
  signals[LINKED] = g_signal_new (
      "linked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
      NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING);

  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskLinkDialog,
                                        search_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskLinkDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskLinkDialog,
                                        result_list);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_search_entry_search_changed_cb);
}

static void
desk_link_dialog_init (DeskLinkDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DeskLinkDialog *
desk_link_dialog_new (GtkWindow *parent,
                      DeskStore *store,
                      gint64 customer_id,
                      const char *agent)
{
  DeskLinkDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_LINK_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->customer_id = customer_id;
  self->agent = g_strdup (agent);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}

/* Shows the customers matching @text, other than the current one. */
void
desk_link_dialog_search (DeskLinkDialog *self, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autofree char *query = NULL;
  GtkWidget *child;
  guint shown = 0;

  g_return_if_fail (DESK_IS_LINK_DIALOG (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list)))
         != NULL)
    gtk_list_box_remove (self->result_list, child);

  query = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*query == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  found
      = desk_store_search_customers (self->store, query, RESULT_LIMIT, &error);
  if (found == NULL)
    g_warning ("could not search customers: %s", error->message);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      DeskCustomer *customer = found->pdata[i];

      if (desk_customer_get_id (customer) == self->customer_id)
        continue;
      gtk_list_box_append (self->result_list, result_row_new (self, customer));
      shown++;
    }
  gtk_stack_set_visible_child_name (self->stack,
                                    shown > 0 ? "results" : "empty");
}
