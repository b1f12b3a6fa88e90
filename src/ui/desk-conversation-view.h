/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_CONVERSATION_VIEW (desk_conversation_view_get_type ())

G_DECLARE_FINAL_TYPE (DeskConversationView,
                      desk_conversation_view,
                      DESK,
                      CONVERSATION_VIEW,
                      GtkWidget)

DeskStore *desk_conversation_view_get_store (DeskConversationView *self);
void desk_conversation_view_set_store (DeskConversationView *self,
                                       DeskStore *store);
DeskConversation *
desk_conversation_view_get_conversation (DeskConversationView *self);
void desk_conversation_view_set_conversation (DeskConversationView *self,
                                              DeskConversation *conversation);
guint desk_conversation_view_get_n_messages (DeskConversationView *self);
GtkMenuButton *
desk_conversation_view_get_sla_button (DeskConversationView *self);

G_END_DECLS
