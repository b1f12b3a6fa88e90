/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-composer.h"
#include "desk-conversation-view.h"
#include "desk-customer-pane.h"
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
  AdwFlap *flap;
  GtkStack *content_stack;
  DeskConversationView *conversation_view;
  DeskComposer *composer;
  DeskCustomerPane *customer_pane;

  /* Services */
  DeskStore *store;
  DeskClock *clock;
  GSettings *settings;
  DeskSyncService *sync_service;
  GListModel *channels;

  DeskInboxModel *inbox_model;
  GtkSingleSelection *selection;
  DeskConversation *conversation; /* the open one, latest snapshot */
  char *view;
  char *sort;
  guint refresh_idle;
  guint mark_read_idle;
  gboolean restoring_selection;
  gboolean has_accounts;
};

void _desk_window_class_actions_init (GtkWidgetClass *widget_class);
void _desk_window_actions_init (DeskWindow *self);

G_END_DECLS
