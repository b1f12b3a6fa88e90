/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "channels/desk-channel.h"
#include "core/desk-store.h"
#include "core/desk-template.h"

G_BEGIN_DECLS

#define DESK_TYPE_COMPOSER (desk_composer_get_type ())

G_DECLARE_FINAL_TYPE (DeskComposer, desk_composer, DESK, COMPOSER, GtkWidget)

/* How long typing must pause before the draft is saved. */
#define DESK_COMPOSER_DRAFT_DELAY_MS 500
/* How long typing must pause before the reply is checked. */
#define DESK_COMPOSER_CHECK_DELAY_MS 150

DeskStore *desk_composer_get_store (DeskComposer *self);
void desk_composer_set_store (DeskComposer *self, DeskStore *store);
GSettings *desk_composer_get_settings (DeskComposer *self);
void desk_composer_set_settings (DeskComposer *self, GSettings *settings);
DeskConversation *desk_composer_get_conversation (DeskComposer *self);
void desk_composer_set_conversation (DeskComposer *self,
                                     DeskConversation *conversation);
DeskChannel *desk_composer_get_channel (DeskComposer *self);
void desk_composer_set_channel (DeskComposer *self, DeskChannel *channel);

char *desk_composer_dup_text (DeskComposer *self);
void desk_composer_set_text (DeskComposer *self, const char *text);
gboolean desk_composer_get_private (DeskComposer *self);
void desk_composer_set_private (DeskComposer *self, gboolean is_private);
guint desk_composer_get_max_length (DeskComposer *self);
void desk_composer_save_draft (DeskComposer *self);
void desk_composer_focus (DeskComposer *self);
gboolean desk_composer_has_focus (DeskComposer *self);

void desk_composer_insert_text (DeskComposer *self, const char *text);
void desk_composer_set_formality (DeskComposer *self, DeskFormality formality);
DeskFormality desk_composer_get_formality (DeskComposer *self);
void desk_composer_reload_guidelines (DeskComposer *self);
GPtrArray *desk_composer_get_findings (DeskComposer *self);
gboolean desk_composer_get_blocked (DeskComposer *self);
gboolean desk_composer_get_note (DeskComposer *self);
void desk_composer_set_note (DeskComposer *self, gboolean note);
void desk_composer_set_scratch (DeskComposer *self, const char *text);

GHashTable *desk_composer_build_values (DeskConversation *conversation,
                                        GSettings *settings);

G_END_DECLS
