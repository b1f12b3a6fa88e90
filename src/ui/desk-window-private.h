/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-composer.h"
#include "desk-conversation-view.h"
#include "desk-customer-pane.h"
#include "desk-guidelines-pane.h"
#include "desk-breach-notifier.h"
#include "desk-tag-popover.h"
#include "desk-window.h"

G_BEGIN_DECLS

/* Shared by desk-window.c and desk-window-actions.c. */
struct _DeskWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_pane;
  GtkWidget *inbox_pane;
  GtkWidget *content_pane;
  GtkListBox *views_list;
  GtkWidget *channels_heading;
  GtkListBox *channels_list;
  AdwWindowTitle *inbox_title;
  GtkSearchBar *search_bar;
  GtkEditable *search_entry;
  GtkRevealer *demo_revealer;
  GtkStack *inbox_stack;
  GtkListView *inbox_list;
  AdwStatusPage *empty_page;
  GtkWidget *empty_add_account_button;
  AdwWindowTitle *conversation_title;
  GtkWidget *customer_button;
  GtkMenuButton *snooze_button;
  GtkWidget *close_button;
  GtkMenuButton *more_button;
  GtkMenuButton *tags_button;
  DeskTagPopover *tag_popover;
  GMenu *assign_menu;
  GtkListBox *tags_list;
  GtkWidget *tags_heading;
  GtkRevealer *bulk_revealer;
  GtkLabel *bulk_label;
  GtkMenuButton *bulk_tags_button;
  DeskTagPopover *bulk_tag_popover;
  AdwFlap *flap;
  GtkStack *content_stack;
  DeskConversationView *conversation_view;
  DeskComposer *composer;
  DeskCustomerPane *customer_pane;
  GtkBox *guidelines_slot;
  DeskGuidelinesPane *guidelines_pane;
  DeskBreachNotifier *breach_notifier;

  /* Services */
  DeskStore *store;
  DeskClock *clock;
  GSettings *settings;
  DeskSyncService *sync_service;
  GListModel *channels;

  DeskInboxModel *inbox_model;
  GtkMultiSelection *selection;
  DeskConversation *conversation; /* the open one, latest snapshot */
  char *view;
  char *sort;
  guint refresh_idle;
  guint mark_read_idle;
  gboolean restoring_selection;
  gboolean restoring_tags;
  GArray *selected_ids; /* while several are selected */
  gboolean has_accounts;
};

void _desk_window_class_actions_init (GtkWidgetClass *widget_class);
void _desk_window_actions_init (DeskWindow *self);
void _desk_window_update_actions (DeskWindow *self);
GArray *_desk_window_dup_target_ids (DeskWindow *self);
char *_desk_window_dup_agent_name (DeskWindow *self);
GtkMenuButton *_desk_window_get_snooze_button (DeskWindow *self);
DeskChannel *_desk_window_find_channel (DeskWindow *self, gint64 account_id);
GtkMenuButton *_desk_window_get_tags_button (DeskWindow *self);
gint64 _desk_window_snooze_time (DeskClock *clock, const char *when);

G_END_DECLS
