/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-customer-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-customer-pane.h"
#include "desk-text.h"

/* Who the customer is across networks: every linked identity with its
 * reach, the language they write in and how long they have been talking
 * to the team. */
struct _DeskCustomerPane
{
  GtkWidget parent_instance;

  GtkStack *stack;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *summary_label;
  GtkListBox *identity_list;
  GtkLabel *language_label;
  GtkLabel *first_contact_label;
  GtkLabel *last_contact_label;
  GtkLabel *conversations_label;

  DeskStore *store;
  gint64 customer_id;
  DeskCustomer *customer;
};

G_DEFINE_FINAL_TYPE (DeskCustomerPane, desk_customer_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
identity_row_new (const DeskIdentity *identity)
{
  g_autofree char *handle = desk_text_for_display_line (identity->handle);
  g_autofree char *followers = desk_text_format_followers (identity->followers);
  g_autofree char *details = NULL;
  GtkWidget *row, *box, *labels, *icon, *label;

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

  icon = gtk_image_new_from_icon_name (
      desk_text_get_network_icon (identity->network));
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (icon,
                               desk_text_get_network_name (identity->network));
  gtk_box_append (GTK_BOX (box), icon);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), handle);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (labels), label);

  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), details);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (labels), label);

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

  now = self->store != NULL
            ? desk_clock_dup_now_local (desk_store_get_clock (self->store))
            : g_date_time_new_now_local ();
  relative = desk_text_format_day (at, now);
  absolute
      = desk_text_format_absolute_time (at, g_date_time_get_timezone (now));
  gtk_label_set_text (label, relative);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), absolute);
}

static void
show_customer (DeskCustomerPane *self)
{
  DeskCustomer *c = self->customer;
  g_autofree char *name = NULL;
  g_autofree char *followers = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->identity_list)))
         != NULL)
    gtk_list_box_remove (self->identity_list, child);

  if (c == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  name = desk_text_for_display_line (desk_customer_get_display_name (c));
  followers = desk_text_format_followers (desk_customer_get_followers (c));
  n = desk_customer_get_n_conversations (c);
  count = g_strdup_printf ("%u", n);

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->summary_label, followers);
  gtk_label_set_text (
      self->language_label,
      desk_text_get_language_name (desk_customer_get_language (c)));
  set_time (self, self->first_contact_label,
            desk_customer_get_first_contact (c));
  set_time (self, self->last_contact_label, desk_customer_get_last_contact (c));
  gtk_label_set_text (self->conversations_label, count);

  for (guint i = 0; i < desk_customer_get_n_identities (c); i++)
    gtk_list_box_append (self->identity_list,
                         identity_row_new (desk_customer_get_identity (c, i)));

  gtk_stack_set_visible_child_name (self->stack, "customer");
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

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_customer_pane_dispose (GObject *object)
{
  DeskCustomerPane *self = DESK_CUSTOMER_PANE (object);
  GtkWidget *child;

  g_clear_object (&self->store);
  g_clear_object (&self->customer);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_CUSTOMER_PANE);
  /* GTK 4.8 clears only the bound template children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_customer_pane_parent_class)->dispose (object);
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

  properties[PROP_STORE]
      = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE, flags);
  properties[PROP_CUSTOMER_ID]
      = g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource links it, and the constructor that
   * registers it, into every program that uses this widget. */
  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class,
      "/io/github/socialdesk/Socialdesk/ui/desk-customer-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane, stack);
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane, avatar);
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane,
                                        name_label);
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane,
                                        summary_label);
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane,
                                        identity_list);
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane,
                                        language_label);
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane,
                                        first_contact_label);
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane,
                                        last_contact_label);
  gtk_widget_class_bind_template_child (widget_class, DeskCustomerPane,
                                        conversations_label);
}

static void
desk_customer_pane_init (DeskCustomerPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  if (!g_set_object (&self->store, store))
    return;

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

/* The customer as last loaded, or NULL. */
DeskCustomer *
desk_customer_pane_get_customer (DeskCustomerPane *self)
{
  g_return_val_if_fail (DESK_IS_CUSTOMER_PANE (self), NULL);
  return self->customer;
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
      self->customer
          = desk_store_load_customer (self->store, self->customer_id, &error);
      if (self->customer == NULL)
        g_debug ("could not load customer %" G_GINT64_FORMAT ": %s",
                 self->customer_id, error->message);
    }

  show_customer (self);
}
