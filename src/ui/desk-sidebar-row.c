/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-sidebar-row"

#include "config.h"

#include "ui/desk-resources.h"
#include "desk-sidebar-row.h"

/* One row of the views and channels sidebar: an icon, a name and how many
 * conversations it holds. @filter names what the row selects ("open",
 * "mastodon", ...), so the window need not keep a table of rows. */
struct _DeskSidebarRow
{
  GtkListBoxRow parent_instance;

  GtkImage *icon;
  GtkLabel *title_label;
  GtkLabel *count_label;

  char *filter;
  guint count;
};

G_DEFINE_FINAL_TYPE (DeskSidebarRow, desk_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_COUNT,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_sidebar_row_get_property (GObject *object,
                               guint prop_id,
                               GValue *value,
                               GParamSpec *pspec)
{
  DeskSidebarRow *self = DESK_SIDEBAR_ROW (object);

  switch (prop_id)
    {
      case PROP_ICON_NAME:
        g_value_set_string (value, desk_sidebar_row_get_icon_name (self));
        break;

      case PROP_TITLE:
        g_value_set_string (value, desk_sidebar_row_get_title (self));
        break;

      case PROP_COUNT:
        g_value_set_uint (value, self->count);
        break;

      case PROP_FILTER:
        g_value_set_string (value, self->filter);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sidebar_row_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  DeskSidebarRow *self = DESK_SIDEBAR_ROW (object);

  switch (prop_id)
    {
      case PROP_ICON_NAME:
        desk_sidebar_row_set_icon_name (self, g_value_get_string (value));
        break;

      case PROP_TITLE:
        desk_sidebar_row_set_title (self, g_value_get_string (value));
        break;

      case PROP_COUNT:
        desk_sidebar_row_set_count (self, g_value_get_uint (value));
        break;

      case PROP_FILTER:
        desk_sidebar_row_set_filter (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_sidebar_row_finalize (GObject *object)
{
  DeskSidebarRow *self = DESK_SIDEBAR_ROW (object);

  g_free (self->filter);

  G_OBJECT_CLASS (desk_sidebar_row_parent_class)->finalize (object);
}

static void
desk_sidebar_row_class_init (DeskSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_sidebar_row_get_property;
  object_class->set_property = desk_sidebar_row_set_property;
  object_class->finalize = desk_sidebar_row_finalize;

  properties[PROP_ICON_NAME]
      = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_TITLE]
      = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_COUNT]
      = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FILTER]
      = g_param_spec_string ("filter", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource links it, and the constructor that
   * registers it, into every program that uses this widget. */
  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskSidebarRow, icon);
  gtk_widget_class_bind_template_child (widget_class, DeskSidebarRow,
                                        title_label);
  gtk_widget_class_bind_template_child (widget_class, DeskSidebarRow,
                                        count_label);
}

static void
desk_sidebar_row_init (DeskSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
desk_sidebar_row_new (const char *icon_name,
                      const char *title,
                      const char *filter)
{
  return g_object_new (DESK_TYPE_SIDEBAR_ROW, "icon-name", icon_name, "title",
                       title, "filter", filter, NULL);
}

const char *
desk_sidebar_row_get_title (DeskSidebarRow *self)
{
  g_return_val_if_fail (DESK_IS_SIDEBAR_ROW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

void
desk_sidebar_row_set_title (DeskSidebarRow *self, const char *title)
{
  g_return_if_fail (DESK_IS_SIDEBAR_ROW (self));

  if (g_strcmp0 (title, gtk_label_get_text (self->title_label)) == 0)
    return;

  gtk_label_set_text (self->title_label, title ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
desk_sidebar_row_get_icon_name (DeskSidebarRow *self)
{
  g_return_val_if_fail (DESK_IS_SIDEBAR_ROW (self), NULL);
  return gtk_image_get_icon_name (self->icon);
}

void
desk_sidebar_row_set_icon_name (DeskSidebarRow *self, const char *icon_name)
{
  g_return_if_fail (DESK_IS_SIDEBAR_ROW (self));

  if (g_strcmp0 (icon_name, gtk_image_get_icon_name (self->icon)) == 0)
    return;

  gtk_image_set_from_icon_name (self->icon, icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

guint
desk_sidebar_row_get_count (DeskSidebarRow *self)
{
  g_return_val_if_fail (DESK_IS_SIDEBAR_ROW (self), 0);
  return self->count;
}

/* Zero shows no number: an empty view reads better without "0". */
void
desk_sidebar_row_set_count (DeskSidebarRow *self, guint count)
{
  char text[16];

  g_return_if_fail (DESK_IS_SIDEBAR_ROW (self));

  if (self->count == count)
    return;

  self->count = count;
  g_snprintf (text, sizeof text, "%u", count);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

const char *
desk_sidebar_row_get_filter (DeskSidebarRow *self)
{
  g_return_val_if_fail (DESK_IS_SIDEBAR_ROW (self), NULL);
  return self->filter;
}

void
desk_sidebar_row_set_filter (DeskSidebarRow *self, const char *filter)
{
  g_return_if_fail (DESK_IS_SIDEBAR_ROW (self));

  if (g_strcmp0 (self->filter, filter) == 0)
    return;

  g_free (self->filter);
  self->filter = g_strdup (filter);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}
