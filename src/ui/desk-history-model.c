/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-history-model"

#include "config.h"

#include "core/desk-store-customers.h"
#include "desk-history-model.h"

/* A customer's conversations on every network, newest first, read from
 * the store a page at a time: a customer with years of history costs
 * only the rows the agent scrolls to. */
struct _DeskHistoryModel
{
  GObject parent_instance;

  DeskStore *store;
  gint64 customer_id;
  guint page_size;
  GPtrArray *entries; /* DeskHistoryEntry */
  gboolean has_more;
};

static void desk_history_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
    DeskHistoryModel,
    desk_history_model,
    G_TYPE_OBJECT,
    G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                           desk_history_model_list_model_init))

enum
{
  PROP_0,
  PROP_HAS_MORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_has_more (DeskHistoryModel *self, gboolean has_more)
{
  if (self->has_more == has_more)
    return;
  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

/* Appends up to @size entries after the last loaded one. */
static guint
load_page (DeskHistoryModel *self, guint size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) page = NULL;
  DeskHistoryEntry *after = NULL;
  guint n;

  if (self->entries->len > 0)
    after = g_ptr_array_index (self->entries, self->entries->len - 1);
  page = desk_store_load_customer_history (self->store, self->customer_id,
                                           after, size, &error);
  if (page == NULL)
    {
      g_warning ("could not load the history of customer %" G_GINT64_FORMAT
                 ": %s",
                 self->customer_id, error->message);
      set_has_more (self, FALSE);
      return 0;
    }

  n = page->len;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->entries, g_object_ref (page->pdata[i]));
  set_has_more (self, n == size);
  return n;
}

static GType
desk_history_model_get_item_type (GListModel *model)
{
  return DESK_TYPE_HISTORY_ENTRY;
}

static guint
desk_history_model_get_n_items (GListModel *model)
{
  return DESK_HISTORY_MODEL (model)->entries->len;
}

static gpointer
desk_history_model_get_item (GListModel *model, guint position)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
desk_history_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_history_model_get_item_type;
  iface->get_n_items = desk_history_model_get_n_items;
  iface->get_item = desk_history_model_get_item;
}

static void
desk_history_model_get_property (GObject *object,
                                 guint prop_id,
                                 GValue *value,
                                 GParamSpec *pspec)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (object);

  switch (prop_id)
    {
      case PROP_HAS_MORE:
        g_value_set_boolean (value, self->has_more);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_history_model_dispose (GObject *object)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (desk_history_model_parent_class)->dispose (object);
}

static void
desk_history_model_finalize (GObject *object)
{
  DeskHistoryModel *self = DESK_HISTORY_MODEL (object);

  g_ptr_array_unref (self->entries);
  G_OBJECT_CLASS (desk_history_model_parent_class)->finalize (object);
}

static void
desk_history_model_class_init (DeskHistoryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = desk_history_model_get_property;
  object_class->dispose = desk_history_model_dispose;
  object_class->finalize = desk_history_model_finalize;

  properties[PROP_HAS_MORE] = g_param_spec_boolean (
      "has-more", NULL, NULL, FALSE,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_history_model_init (DeskHistoryModel *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Loads the first page at once; later pages on desk_history_model_load_more().
 */
DeskHistoryModel *
desk_history_model_new (DeskStore *store, gint64 customer_id, guint page_size)
{
  DeskHistoryModel *self;

  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (page_size > 0, NULL);

  self = g_object_new (DESK_TYPE_HISTORY_MODEL, NULL);
  self->store = g_object_ref (store);
  self->customer_id = customer_id;
  self->page_size = page_size;
  load_page (self, page_size);
  return self;
}

gint64
desk_history_model_get_customer_id (DeskHistoryModel *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_MODEL (self), 0);
  return self->customer_id;
}

gboolean
desk_history_model_get_has_more (DeskHistoryModel *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_MODEL (self), FALSE);
  return self->has_more;
}

/* Returns whether any entries were added. */
gboolean
desk_history_model_load_more (DeskHistoryModel *self)
{
  guint before, n;

  g_return_val_if_fail (DESK_IS_HISTORY_MODEL (self), FALSE);

  if (!self->has_more)
    return FALSE;
  before = self->entries->len;
  n = load_page (self, self->page_size);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n);
  return n > 0;
}

/* Reads again at least as many entries as were loaded, so that the list
 * keeps its scroll position when a conversation changes; a page more, so
 * that new conversations at the top push nothing out. */
void
desk_history_model_reload (DeskHistoryModel *self)
{
  guint removed, size;

  g_return_if_fail (DESK_IS_HISTORY_MODEL (self));

  removed = self->entries->len;
  size = removed + self->page_size;
  g_ptr_array_set_size (self->entries, 0);
  load_page (self, size);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed,
                              self->entries->len);
}

gboolean
desk_history_model_contains (DeskHistoryModel *self, gint64 conversation_id)
{
  g_return_val_if_fail (DESK_IS_HISTORY_MODEL (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    if (desk_history_entry_get_conversation_id (self->entries->pdata[i])
        == conversation_id)
      return TRUE;
  return FALSE;
}
