/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_INBOX_MODEL (desk_inbox_model_get_type ())

G_DECLARE_FINAL_TYPE (DeskInboxModel,
                      desk_inbox_model,
                      DESK,
                      INBOX_MODEL,
                      GObject)

DeskInboxModel *desk_inbox_model_new (DeskStore *store);

DeskStore *desk_inbox_model_get_store (DeskInboxModel *self);
DeskView desk_inbox_model_get_view (DeskInboxModel *self);
void desk_inbox_model_set_view (DeskInboxModel *self, DeskView view);
DeskSort desk_inbox_model_get_sort (DeskInboxModel *self);
void desk_inbox_model_set_sort (DeskInboxModel *self, DeskSort sort);
const char *desk_inbox_model_get_search (DeskInboxModel *self);
void desk_inbox_model_set_search (DeskInboxModel *self, const char *search);
const char *desk_inbox_model_get_network (DeskInboxModel *self);
void desk_inbox_model_set_network (DeskInboxModel *self, const char *network);
gint64 desk_inbox_model_get_tag (DeskInboxModel *self);
void desk_inbox_model_set_tag (DeskInboxModel *self, gint64 tag_id);
const char *desk_inbox_model_get_me (DeskInboxModel *self);
void desk_inbox_model_set_me (DeskInboxModel *self, const char *me);

gint64 desk_inbox_model_get_id (DeskInboxModel *self, guint position);
guint desk_inbox_model_find (DeskInboxModel *self, gint64 id);
guint desk_inbox_model_get_n_loaded (DeskInboxModel *self);
const GError *desk_inbox_model_get_error (DeskInboxModel *self);

G_END_DECLS
