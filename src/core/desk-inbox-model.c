/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-inbox-model"

#include "config.h"

#include "desk-inbox-model.h"

/* The inbox list: it holds only the ordered ids of its view and loads a
 * conversation when a row asks for it, so a 100,000-conversation inbox
 * costs about as much as the rows on screen. Store changes are turned
 * into the smallest items-changed that describes them. */
struct _DeskInboxModel
{
  GObject parent_instance;

  DeskStore *store;
  gulong changed_handler;

  DeskView view;
  DeskSort sort;
  char *search;
  char *network;
  char *me;
  gint64 tag_id;

  GArray *ids;        /* gint64, in list order */
  GHashTable *loaded; /* id -> DeskConversation, a bounded cache */
  guint n_loads;      /* conversations read from the store, for tests */
  GError *error;
};

static void desk_inbox_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
    DeskInboxModel,
    desk_inbox_model,
    G_TYPE_OBJECT,
    G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, desk_inbox_model_list_model_init))

enum
{
  PROP_0,
  PROP_STORE,
  PROP_VIEW,
  PROP_SORT,
  PROP_SEARCH,
  PROP_NETWORK,
  PROP_ME,
  PROP_TAG,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Enough for several screens of rows; trimmed of rows nobody shows. */
#define CACHE_LIMIT 512

static void
trim_cache (DeskInboxModel *self)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->loaded) <= CACHE_LIMIT)
    return;

  g_hash_table_iter_init (&iter, self->loaded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (G_OBJECT (value)->ref_count == 1)
      g_hash_table_iter_remove (&iter);
}

static GType
desk_inbox_model_get_item_type (GListModel *model)
{
  return DESK_TYPE_CONVERSATION;
}

static guint
desk_inbox_model_get_n_items (GListModel *model)
{
  return DESK_INBOX_MODEL (model)->ids->len;
}

static gpointer
desk_inbox_model_get_item (GListModel *model, guint position)
{
  DeskInboxModel *self = DESK_INBOX_MODEL (model);
  g_autoptr (GError) error = NULL;
  DeskConversation *conversation;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  conversation = g_hash_table_lookup (self->loaded, &id);
  if (conversation != NULL)
    return g_object_ref (conversation);

  conversation = desk_store_load_conversation (self->store, id, &error);
  self->n_loads++;
  if (conversation == NULL)
    {
      /* Deleted between the id query and now; the change signal that
       * follows removes the row. */
      g_debug ("could not load conversation %" G_GINT64_FORMAT ": %s", id,
               error->message);
      return NULL;
    }

  trim_cache (self);
  g_hash_table_insert (self->loaded, g_memdup2 (&id, sizeof id),
                       g_object_ref (conversation));
  return conversation;
}

static void
desk_inbox_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_inbox_model_get_item_type;
  iface->get_n_items = desk_inbox_model_get_n_items;
  iface->get_item = desk_inbox_model_get_item;
}

static gboolean
id_in (const GArray *ids, gint64 id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Re-reads the ids and emits what changed: one items-changed for the
 * range where the order differs, one per row whose content changed. */
static void
reload (DeskInboxModel *self, const GArray *changed)
{
  DeskInboxFilter filter = {
    .view = self->view,
    .sort = self->sort,
    .search = self->search,
    .network = self->network,
    .me = self->me,
    .tag_id = self->tag_id,
  };
  g_autoptr (GArray) old_ids = NULL;
  g_autoptr (GArray) new_ids = NULL;
  g_autoptr (GError) error = NULL;
  guint old_len, new_len, prefix = 0, suffix = 0;

  new_ids = desk_store_query_conversation_ids (self->store, &filter, &error);
  if (new_ids == NULL)
    {
      g_warning ("could not read the inbox: %s", error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  else
    g_clear_error (&self->error);

  for (guint i = 0; changed != NULL && i < changed->len; i++)
    {
      gint64 id = g_array_index (changed, gint64, i);
      g_hash_table_remove (self->loaded, &id);
    }

  old_ids = g_steal_pointer (&self->ids);
  self->ids = g_steal_pointer (&new_ids);
  old_len = old_ids->len;
  new_len = self->ids->len;

  while (prefix < old_len && prefix < new_len
         && g_array_index (old_ids, gint64, prefix)
                == g_array_index (self->ids, gint64, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix
         && g_array_index (old_ids, gint64, old_len - 1 - suffix)
                == g_array_index (self->ids, gint64, new_len - 1 - suffix))
    suffix++;

  if (old_len - prefix - suffix > 0 || new_len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_len - prefix - suffix,
                                new_len - prefix - suffix);

  /* Rows that kept their place but whose content changed. */
  for (guint i = 0; i < new_len; i++)
    {
      if (i >= prefix && i < new_len - suffix)
        continue;
      if (id_in (changed, g_array_index (self->ids, gint64, i)))
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
    }

  if (old_len != new_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_store_conversations_changed_cb (DeskInboxModel *self,
                                   GArray *changed,
                                   DeskStore *store)
{
  reload (self, changed);
}

static void
desk_inbox_model_constructed (GObject *object)
{
  DeskInboxModel *self = DESK_INBOX_MODEL (object);

  G_OBJECT_CLASS (desk_inbox_model_parent_class)->constructed (object);

  g_assert (DESK_IS_STORE (self->store));
  self->changed_handler = g_signal_connect_object (
      self->store, "conversations-changed",
      G_CALLBACK (on_store_conversations_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self, NULL);
}

static void
desk_inbox_model_get_property (GObject *object,
                               guint prop_id,
                               GValue *value,
                               GParamSpec *pspec)
{
  DeskInboxModel *self = DESK_INBOX_MODEL (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_VIEW:
        g_value_set_int (value, self->view);
        break;

      case PROP_SORT:
        g_value_set_int (value, self->sort);
        break;

      case PROP_SEARCH:
        g_value_set_string (value, self->search);
        break;

      case PROP_NETWORK:
        g_value_set_string (value, self->network);
        break;

      case PROP_ME:
        g_value_set_string (value, self->me);
        break;

      case PROP_N_ITEMS:
        g_value_set_uint (value, self->ids->len);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_inbox_model_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  DeskInboxModel *self = DESK_INBOX_MODEL (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;

      case PROP_VIEW:
        desk_inbox_model_set_view (self, g_value_get_int (value));
        break;

      case PROP_SORT:
        desk_inbox_model_set_sort (self, g_value_get_int (value));
        break;

      case PROP_SEARCH:
        desk_inbox_model_set_search (self, g_value_get_string (value));
        break;

      case PROP_NETWORK:
        desk_inbox_model_set_network (self, g_value_get_string (value));
        break;

      case PROP_ME:
        desk_inbox_model_set_me (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_inbox_model_dispose (GObject *object)
{
  DeskInboxModel *self = DESK_INBOX_MODEL (object);

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  g_hash_table_remove_all (self->loaded);

  G_OBJECT_CLASS (desk_inbox_model_parent_class)->dispose (object);
}

static void
desk_inbox_model_finalize (GObject *object)
{
  DeskInboxModel *self = DESK_INBOX_MODEL (object);

  g_free (self->search);
  g_free (self->network);
  g_free (self->me);
  g_array_unref (self->ids);
  g_hash_table_unref (self->loaded);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (desk_inbox_model_parent_class)->finalize (object);
}

static void
desk_inbox_model_class_init (DeskInboxModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = desk_inbox_model_constructed;
  object_class->get_property = desk_inbox_model_get_property;
  object_class->set_property = desk_inbox_model_set_property;
  object_class->dispose = desk_inbox_model_dispose;
  object_class->finalize = desk_inbox_model_finalize;

  properties[PROP_STORE] = g_param_spec_object (
      "store", NULL, NULL, DESK_TYPE_STORE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW]
      = g_param_spec_int ("view", NULL, NULL, 0, DESK_N_VIEWS - 1, 0, flags);
  properties[PROP_SORT]
      = g_param_spec_int ("sort", NULL, NULL, 0, DESK_SORT_OLDEST, 0, flags);
  properties[PROP_SEARCH]
      = g_param_spec_string ("search", NULL, NULL, NULL, flags);
  properties[PROP_NETWORK]
      = g_param_spec_string ("network", NULL, NULL, NULL, flags);
  properties[PROP_ME] = g_param_spec_string ("me", NULL, NULL, NULL, flags);
  properties[PROP_TAG]
      = g_param_spec_int64 ("tag", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_ITEMS] = g_param_spec_uint (
      "n-items", NULL, NULL, 0, G_MAXUINT, 0,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_inbox_model_init (DeskInboxModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        g_object_unref);
}

DeskInboxModel *
desk_inbox_model_new (DeskStore *store)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);

  return g_object_new (DESK_TYPE_INBOX_MODEL, "store", store, NULL);
}

DeskStore *
desk_inbox_model_get_store (DeskInboxModel *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), NULL);
  return self->store;
}

DeskView
desk_inbox_model_get_view (DeskInboxModel *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), 0);
  return self->view;
}

void
desk_inbox_model_set_view (DeskInboxModel *self, DeskView view)
{
  g_return_if_fail (DESK_IS_INBOX_MODEL (self));
  g_return_if_fail (view < DESK_N_VIEWS);

  if (self->view == view)
    return;

  self->view = view;
  if (self->store != NULL)
    reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

DeskSort
desk_inbox_model_get_sort (DeskInboxModel *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), 0);
  return self->sort;
}

void
desk_inbox_model_set_sort (DeskInboxModel *self, DeskSort sort)
{
  g_return_if_fail (DESK_IS_INBOX_MODEL (self));
  g_return_if_fail (sort <= DESK_SORT_OLDEST);

  if (self->sort == sort)
    return;

  self->sort = sort;
  if (self->store != NULL)
    reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

const char *
desk_inbox_model_get_search (DeskInboxModel *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), NULL);
  return self->search;
}

static gboolean
set_string (char **field, const char *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
desk_inbox_model_set_search (DeskInboxModel *self, const char *search)
{
  g_return_if_fail (DESK_IS_INBOX_MODEL (self));

  if (!set_string (&self->search, search))
    return;

  if (self->store != NULL)
    reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
desk_inbox_model_get_network (DeskInboxModel *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), NULL);
  return self->network;
}

void
desk_inbox_model_set_network (DeskInboxModel *self, const char *network)
{
  g_return_if_fail (DESK_IS_INBOX_MODEL (self));

  if (!set_string (&self->network, network))
    return;

  if (self->store != NULL)
    reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

const char *
desk_inbox_model_get_me (DeskInboxModel *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), NULL);
  return self->me;
}

void
desk_inbox_model_set_me (DeskInboxModel *self, const char *me)
{
  g_return_if_fail (DESK_IS_INBOX_MODEL (self));

  if (!set_string (&self->me, me))
    return;

  if (self->store != NULL)
    reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ME]);
}

gint64
desk_inbox_model_get_tag (DeskInboxModel *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), 0);
  return self->tag_id;
}

/* Only conversations with the tag @tag_id; 0 for all. */
void
desk_inbox_model_set_tag (DeskInboxModel *self, gint64 tag_id)
{
  g_return_if_fail (DESK_IS_INBOX_MODEL (self));
  g_return_if_fail (tag_id >= 0);

  if (self->tag_id == tag_id)
    return;

  self->tag_id = tag_id;
  if (self->store != NULL)
    reload (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);
}

/* The conversation id at @position, without loading the row. */
gint64
desk_inbox_model_get_id (DeskInboxModel *self, guint position)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

/* Returns the position of @id, or G_MAXUINT. */
guint
desk_inbox_model_find (DeskInboxModel *self, gint64 id)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

/* How many rows were read from the store so far. */
guint
desk_inbox_model_get_n_loaded (DeskInboxModel *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), 0);
  return self->n_loads;
}

/* The error of the last reload, if it failed, for the UI to show. */
const GError *
desk_inbox_model_get_error (DeskInboxModel *self)
{
  g_return_val_if_fail (DESK_IS_INBOX_MODEL (self), NULL);
  return self->error;
}
