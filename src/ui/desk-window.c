/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-breach-notifier.h"
#include "core/desk-store-snooze.h"
#include "desk-inbox-row.h"
#include "desk-sidebar-row.h"
#include "desk-text.h"
#include "desk-window-private.h"

/* The main window: views and channels, the inbox, the open conversation
 * with its composer, and the customer beside it. One leaflet holds the
 * three panes and folds to one pane at a time on narrow windows; the
 * customer pane folds into an overlay on its own. Every service comes in
 * as a construct property. */

static void update_flap (DeskWindow *self);

G_DEFINE_FINAL_TYPE (DeskWindow, desk_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_CLOCK,
  PROP_SETTINGS,
  PROP_SYNC_SERVICE,
  PROP_CHANNELS,
  PROP_VIEW,
  PROP_SORT,
  PROP_FOLDED,
  PROP_CONVERSATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The names the settings use. */
static const char *const view_names[DESK_N_VIEWS] = {
  [DESK_VIEW_OPEN] = "open",
  [DESK_VIEW_MINE] = "mine",
  [DESK_VIEW_UNASSIGNED] = "unassigned",
  [DESK_VIEW_WAITING] = "waiting",
  [DESK_VIEW_SNOOZED] = "snoozed",
  [DESK_VIEW_CLOSED] = "closed",
  [DESK_VIEW_ALL] = "all",
};

static const char *const sort_names[] = {
  [DESK_SORT_URGENT] = "urgent",
  [DESK_SORT_NEWEST] = "newest",
  [DESK_SORT_OLDEST] = "oldest",
};

static int
lookup_name (const char *const *names, guint n_names, const char *name)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return (int) i;
  return -1;
}

char *
_desk_window_dup_agent_name (DeskWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "agent-name");

  if (*g_strstrip (name) == '\0')
    return g_strdup (g_get_real_name ());
  return g_steal_pointer (&name);
}

static gint64
get_conversation_id (DeskWindow *self)
{
  return self->conversation != NULL
             ? desk_conversation_get_id (self->conversation)
             : 0;
}

DeskChannel *
_desk_window_find_channel (DeskWindow *self, gint64 account_id)
{
  guint n;

  if (self->channels == NULL)
    return NULL;

  n = g_list_model_get_n_items (self->channels);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DeskChannel) channel
          = g_list_model_get_item (self->channels, i);
      if (desk_channel_get_account_id (channel) == account_id)
        return channel; /* the list keeps it alive */
    }
  return NULL;
}

static DeskSidebarRow *
find_sidebar_row (GtkListBox *list, const char *filter)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (DESK_IS_SIDEBAR_ROW (child)
        && g_strcmp0 (desk_sidebar_row_get_filter (DESK_SIDEBAR_ROW (child)),
                      filter)
               == 0)
      return DESK_SIDEBAR_ROW (child);
  return NULL;
}

static gboolean
conversation_is_visible (DeskWindow *self)
{
  if (self->conversation == NULL)
    return FALSE;
  return !adw_leaflet_get_folded (self->leaflet)
         || adw_leaflet_get_visible_child (self->leaflet) == self->content_pane;
}

static void
update_inbox_title (DeskWindow *self)
{
  DeskSidebarRow *view_row = find_sidebar_row (self->views_list, self->view);
  const char *network = self->inbox_model
                            ? desk_inbox_model_get_network (self->inbox_model)
                            : NULL;
  guint n = self->inbox_model
                ? g_list_model_get_n_items (G_LIST_MODEL (self->inbox_model))
                : 0;
  g_autofree char *subtitle = NULL;

  adw_window_title_set_title (
      self->inbox_title, view_row ? desk_sidebar_row_get_title (view_row) : "");

  if (network != NULL)
    /* Translators: under the inbox title; %s is a network ("Mastodon"),
     * %u the number of conversations shown. */
    subtitle = g_strdup_printf (
        ngettext ("%s · %u conversation", "%s · %u conversations", n),
        desk_text_get_network_name (network), n);
  else
    subtitle = g_strdup_printf (
        ngettext ("%u conversation", "%u conversations", n), n);
  adw_window_title_set_subtitle (self->inbox_title, subtitle);
}

/* AdwWindowTitle shows plain text; AdwStatusPage's description and
 * AdwToast's title are markup and get escaped where they are set. */
static void
set_title_text (AdwWindowTitle *title, const char *text, const char *subtitle)
{
  g_autofree char *line = desk_text_for_display_line (text);
  g_autofree char *subline = desk_text_for_display_line (subtitle);

  adw_window_title_set_title (title, line);
  adw_window_title_set_subtitle (title, subline);
}

static void
update_empty_state (DeskWindow *self)
{
  const GError *error = desk_inbox_model_get_error (self->inbox_model);
  const char *search = desk_inbox_model_get_search (self->inbox_model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox_model));
  const char *icon_name = "desk-conversation-symbolic";
  const char *title = NULL;
  g_autofree char *description = NULL;
  int view = lookup_name (view_names, DESK_N_VIEWS, self->view);

  gtk_widget_set_visible (self->empty_add_account_button, FALSE);

  if (n > 0 && error == NULL)
    {
      gtk_stack_set_visible_child_name (self->inbox_stack, "list");
      return;
    }

  if (error != NULL)
    {
      icon_name = "dialog-warning-symbolic";
      title = _ ("The Inbox Could Not Be Read");
      description = g_markup_escape_text (error->message, -1);
    }
  else if (search != NULL)
    {
      g_autofree char *line = desk_text_for_display_line (search);
      g_autofree char *escaped = g_markup_escape_text (line, -1);

      icon_name = "system-search-symbolic";
      title = _ ("No Results");
      /* Translators: %s is what the user searched for. */
      description
          = g_strdup_printf (_ ("No conversation matches “%s”."), escaped);
    }
  else if (!self->has_accounts)
    {
      title = _ ("No Accounts");
      description = g_strdup (_ ("Add a Mastodon or Bluesky account to answer "
                                 "your customers here."));
      gtk_widget_set_visible (self->empty_add_account_button, TRUE);
    }
  else
    {
      switch (view)
        {
          case DESK_VIEW_OPEN:
            title = _ ("No Open Conversations");
            description = g_strdup (_ ("New messages from customers appear "
                                       "here."));
            break;

          case DESK_VIEW_MINE:
            title = _ ("Nothing Assigned to You");
            description = g_strdup (_ ("Conversations assigned to you appear "
                                       "here."));
            break;

          case DESK_VIEW_UNASSIGNED:
            title = _ ("No Unassigned Conversations");
            description = g_strdup (_ ("Every open conversation has someone "
                                       "looking after it."));
            break;

          case DESK_VIEW_WAITING:
            title = _ ("Nobody to Wait For");
            description = g_strdup (_ ("Conversations waiting for a customer’s "
                                       "answer appear here."));
            break;

          case DESK_VIEW_SNOOZED:
            title = _ ("No Snoozed Conversations");
            description = g_strdup (_ ("Snoozed conversations come back here "
                                       "when their time is up."));
            break;

          case DESK_VIEW_CLOSED:
            title = _ ("No Closed Conversations");
            description = g_strdup (_ ("Conversations you close are kept "
                                       "here."));
            break;

          case DESK_VIEW_ALL:
          default:
            title = _ ("No Conversations");
            description = g_strdup (_ ("Messages from customers appear here."));
        }
    }

  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->inbox_stack, "empty");
}

static void
update_counts (DeskWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *me = _desk_window_dup_agent_name (self);
  guint counts[DESK_N_VIEWS] = { 0 };

  if (!desk_store_count_views (self->store, me, counts, &error))
    {
      g_warning ("could not count the views: %s", error->message);
      return;
    }

  for (int view = 0; view < DESK_N_VIEWS; view++)
    {
      DeskSidebarRow *row
          = find_sidebar_row (self->views_list, view_names[view]);

      if (row != NULL)
        desk_sidebar_row_set_count (row, counts[view]);
    }
}

/* The channel filters list the networks that have an account; the demo
 * banner shows while every account is a simulated one. */
static void
update_accounts (DeskWindow *self)
{
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) networks = g_ptr_array_new ();
  gboolean all_simulated = TRUE;
  GtkWidget *child;

  accounts = desk_store_list_accounts (self->store, &error);
  if (accounts == NULL)
    {
      g_warning ("could not list the accounts: %s", error->message);
      return;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      DeskAccount *account = g_ptr_array_index (accounts, i);
      const char *network = desk_account_get_network (account);

      if (!desk_account_get_simulated (account))
        all_simulated = FALSE;
      if (!g_ptr_array_find_with_equal_func (networks, network, g_str_equal,
                                             NULL))
        g_ptr_array_add (networks, (gpointer) network);
    }

  self->has_accounts = accounts->len > 0;
  gtk_revealer_set_reveal_child (self->demo_revealer,
                                 accounts->len > 0 && all_simulated);

  /* Rows for networks that are gone go; the "All Channels" row stays. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->channels_list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      const char *filter
          = desk_sidebar_row_get_filter (DESK_SIDEBAR_ROW (child));

      if (filter != NULL && *filter != '\0'
          && !g_ptr_array_find_with_equal_func (networks, filter, g_str_equal,
                                                NULL))
        gtk_list_box_remove (self->channels_list, child);
      child = next;
    }

  for (guint i = 0; i < networks->len; i++)
    {
      const char *network = g_ptr_array_index (networks, i);

      if (find_sidebar_row (self->channels_list, network) == NULL)
        gtk_list_box_append (
            self->channels_list,
            desk_sidebar_row_new (desk_text_get_network_icon (network),
                                  desk_text_get_network_name (network),
                                  network));
    }

  gtk_widget_set_visible (self->channels_heading, networks->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->channels_list), networks->len > 0);
}

/* The sidebar's tag filters, with how many conversations carry each. */
static void
update_tags (DeskWindow *self)
{
  g_autoptr (GPtrArray) tags = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;
  gint64 current = desk_inbox_model_get_tag (self->inbox_model);
  gboolean current_exists = current == 0;

  tags = desk_store_list_tags (self->store, &error);
  if (tags == NULL)
    {
      g_warning ("could not list the tags: %s", error->message);
      return;
    }

  child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      const char *filter
          = desk_sidebar_row_get_filter (DESK_SIDEBAR_ROW (child));

      if (filter != NULL && *filter != '\0')
        gtk_list_box_remove (self->tags_list, child);
      child = next;
    }

  for (guint i = 0; i < tags->len; i++)
    {
      const DeskTag *tag = g_ptr_array_index (tags, i);
      g_autofree char *filter = g_strdup_printf ("%" G_GINT64_FORMAT, tag->id);
      g_autofree char *name = desk_text_for_display_line (tag->name);
      GtkWidget *row
          = desk_sidebar_row_new ("bookmark-new-symbolic", name, filter);

      desk_sidebar_row_set_count (DESK_SIDEBAR_ROW (row), tag->n_conversations);
      gtk_list_box_append (self->tags_list, row);
      if (tag->id == current)
        {
          current_exists = TRUE;
          self->restoring_tags = TRUE;
          gtk_list_box_select_row (self->tags_list, GTK_LIST_BOX_ROW (row));
          self->restoring_tags = FALSE;
        }
    }

  if (!current_exists)
    gtk_list_box_select_row (
        self->tags_list,
        GTK_LIST_BOX_ROW (find_sidebar_row (self->tags_list, "")));

  gtk_widget_set_visible (self->tags_heading, tags->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_list), tags->len > 0);
}

static void
on_tags_list_row_selected_cb (DeskWindow *self,
                              GtkListBoxRow *row,
                              GtkListBox *list)
{
  const char *filter;

  if (row == NULL || self->inbox_model == NULL || self->restoring_tags)
    return;

  filter = desk_sidebar_row_get_filter (DESK_SIDEBAR_ROW (row));
  desk_inbox_model_set_tag (
      self->inbox_model,
      filter && *filter ? g_ascii_strtoll (filter, NULL, 10) : 0);
  update_inbox_title (self);
  update_empty_state (self);
}

/* Teammates from the settings, and "Unassigned". */
static void
update_assign_menu (DeskWindow *self)
{
  g_auto (GStrv) teammates = g_settings_get_strv (self->settings, "teammates");
  g_autofree char *me = _desk_window_dup_agent_name (self);

  g_menu_remove_all (self->assign_menu);
  for (guint i = 0; teammates[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *name = desk_text_for_display_line (teammates[i]);

      if (*g_strstrip (teammates[i]) == '\0' || g_str_equal (teammates[i], me))
        continue;
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target (item, "win.assign", "s", teammates[i]);
      g_menu_append_item (self->assign_menu, item);
    }
  {
    g_autoptr (GMenuItem) item = g_menu_item_new (_ ("Unassigned"), NULL);

    g_menu_item_set_action_and_target (item, "win.assign", "s", "");
    g_menu_append_item (self->assign_menu, item);
  }
}

static void
on_settings_teammates_cb (DeskWindow *self,
                          const char *key,
                          GSettings *settings)
{
  update_assign_menu (self);
}

static void
on_tags_popover_show_cb (DeskWindow *self, GtkWidget *popover)
{
  g_autoptr (GArray) ids = _desk_window_dup_target_ids (self);
  g_autofree char *me = _desk_window_dup_agent_name (self);

  desk_tag_popover_set_targets (DESK_TAG_POPOVER (popover), ids, me);
}

/* Snoozed conversations come back on the minute their time is up. */
static void
on_clock_minute_tick_cb (DeskWindow *self, DeskClock *clock)
{
  g_autoptr (GError) error = NULL;

  if (!desk_store_wake_snoozed (self->store, NULL, &error))
    desk_window_show_toast (self, error->message);
}

static void
update_conversation_title (DeskWindow *self)
{
  DeskConversation *c = self->conversation;

  if (c == NULL)
    {
      adw_window_title_set_title (self->conversation_title, "");
      adw_window_title_set_subtitle (self->conversation_title, "");
      return;
    }

  set_title_text (self->conversation_title,
                  desk_conversation_get_customer_name (c),
                  desk_conversation_get_customer_handle (c));
}

static gboolean
on_mark_read_idle_cb (gpointer user_data)
{
  DeskWindow *self = user_data;
  g_autoptr (GError) error = NULL;

  self->mark_read_idle = 0;

  if (self->conversation != NULL
      && !desk_store_mark_read (self->store, get_conversation_id (self),
                                &error))
    desk_window_show_toast (self, error->message);

  return G_SOURCE_REMOVE;
}

/* Marking read commits and announces a change, which rebuilds inbox rows:
 * never do that from inside the selection's own signal emission. */
static void
schedule_mark_read (DeskWindow *self)
{
  if (self->mark_read_idle == 0)
    self->mark_read_idle = g_idle_add (on_mark_read_idle_cb, self);
}

static void
open_conversation (DeskWindow *self,
                   DeskConversation *conversation,
                   gboolean navigate)
{
  gboolean same = conversation != NULL && self->conversation != NULL
                  && desk_conversation_get_id (conversation)
                         == get_conversation_id (self);

  if (self->conversation == conversation)
    return;

  g_set_object (&self->conversation, conversation);

  update_conversation_title (self);
  desk_conversation_view_set_conversation (self->conversation_view,
                                           conversation);
  desk_composer_set_channel (
      self->composer, conversation ? _desk_window_find_channel (
                          self, desk_conversation_get_account_id (conversation))
                                   : NULL);
  desk_composer_set_conversation (self->composer, conversation);
  desk_guidelines_pane_set_conversation (self->guidelines_pane, conversation);
  {
    DeskChannel *channel
        = conversation ? _desk_window_find_channel (
              self, desk_conversation_get_account_id (conversation))
                       : NULL;

    gtk_widget_action_set_enabled (
        GTK_WIDGET (self), "win.hide-message",
        channel != NULL
            && (desk_channel_get_capabilities (channel)
                & DESK_CHANNEL_CAP_HIDE));
  }

  if (conversation == NULL)
    {
      desk_customer_pane_set_customer_id (self->customer_pane, 0);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self),
                                     "win.toggle-customer-pane", FALSE);
      update_flap (self);
      _desk_window_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
      return;
    }

  desk_customer_pane_set_customer_id (
      self->customer_pane, desk_conversation_get_customer_id (conversation));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-customer-pane",
                                 TRUE);

  if (!same)
    {
      update_flap (self);
      gtk_stack_set_visible_child_name (self->content_stack, "conversation");
      if (navigate)
        adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
    }

  if (desk_conversation_get_unread (conversation) > 0
      && conversation_is_visible (self))
    schedule_mark_read (self);

  _desk_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

static void update_bulk_bar (DeskWindow *self);

/* A row the sync rewrites comes back as a new item, which the selection
 * forgets; the ids keep the selection across it. */
static void
remember_selected_ids (DeskWindow *self)
{
  g_autoptr (GArray) ids = _desk_window_dup_target_ids (self);

  g_clear_pointer (&self->selected_ids, g_array_unref);
  if (ids->len >= 2)
    self->selected_ids = g_steal_pointer (&ids);
}

static void
restore_selected_ids (DeskWindow *self)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);

  if (self->selected_ids == NULL)
    return;

  self->restoring_selection = TRUE;
  for (guint i = 0; i < self->selected_ids->len; i++)
    {
      guint pos = desk_inbox_model_find (
          self->inbox_model, g_array_index (self->selected_ids, gint64, i));

      if (pos != G_MAXUINT && !gtk_selection_model_is_selected (selection, pos))
        gtk_selection_model_select_item (selection, pos, FALSE);
    }
  self->restoring_selection = FALSE;
}

/* With several selected, the pane shows the one clicked last: the last
 * selected row of the range that changed. */
static void
on_selection_changed_cb (DeskWindow *self,
                         guint position,
                         guint n_items,
                         GtkSelectionModel *selection)
{
  g_autoptr (DeskConversation) conversation = NULL;

  if (!self->restoring_selection)
    remember_selected_ids (self);

  for (guint i = position + n_items; i > position; i--)
    if (gtk_selection_model_is_selected (selection, i - 1))
      {
        conversation = g_list_model_get_item (G_LIST_MODEL (selection), i - 1);
        break;
      }

  update_bulk_bar (self);
  _desk_window_update_actions (self);

  /* A row that vanished from the view leaves the conversation open. */
  if (conversation == NULL)
    return;

  open_conversation (self, conversation, !self->restoring_selection);
}

static guint
count_selected (DeskWindow *self)
{
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (
      GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (selected);
}

static void
update_bulk_bar (DeskWindow *self)
{
  guint n = count_selected (self);
  g_autofree char *text = NULL;

  gtk_revealer_set_reveal_child (self->bulk_revealer, n >= 2);
  if (n < 2)
    return;

  /* Translators: in the bar under the inbox when several are selected. */
  text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);
  gtk_label_set_text (self->bulk_label, text);
}

/* A changed conversation comes back as a new object, which the selection
 * does not recognise; find the open one again by its id. */
static void
on_inbox_items_changed_cb (DeskWindow *self,
                           guint position,
                           guint removed,
                           guint added,
                           GListModel *model)
{
  gint64 id = get_conversation_id (self);

  restore_selected_ids (self);

  if (id != 0)
    {
      guint pos = desk_inbox_model_find (self->inbox_model, id);

      if (pos != G_MAXUINT && count_selected (self) <= 1
          && !gtk_selection_model_is_selected (
              GTK_SELECTION_MODEL (self->selection), pos))
        {
          self->restoring_selection = TRUE;
          gtk_selection_model_select_item (
              GTK_SELECTION_MODEL (self->selection), pos, TRUE);
          self->restoring_selection = FALSE;
        }
      else if (pos != G_MAXUINT)
        {
          g_autoptr (DeskConversation) fresh
              = g_list_model_get_item (model, pos);

          if (fresh != NULL)
            open_conversation (self, fresh, FALSE);
        }
    }

  update_empty_state (self);
  update_inbox_title (self);
  update_bulk_bar (self);
  _desk_window_update_actions (self);
}

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  DeskWindow *self = user_data;

  self->refresh_idle = 0;
  update_counts (self);
  update_tags (self);
  update_accounts (self);
  update_empty_state (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_conversations_changed_cb (DeskWindow *self,
                                   GArray *changed,
                                   DeskStore *store)
{
  gint64 id = get_conversation_id (self);

  /* A burst of commits (a sync, a send) costs one count. */
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add (on_refresh_idle_cb, self);

  for (guint i = 0; id != 0 && i < changed->len; i++)
    if (g_array_index (changed, gint64, i) == id)
      {
        desk_customer_pane_reload (self->customer_pane);
        break;
      }
}

static void
on_sync_service_warning_cb (DeskWindow *self,
                            const char *text,
                            DeskSyncService *sync_service)
{
  desk_window_show_toast (self, text);
}

/* An account was added, removed or paused: the banner and the channel
 * filters follow at once, not with the next synced message. */
static void
on_channels_items_changed_cb (DeskWindow *self,
                              guint position,
                              guint removed,
                              guint added,
                              GListModel *channels)
{
  update_accounts (self);
}

static void
on_settings_agent_name_cb (DeskWindow *self,
                           const char *key,
                           GSettings *settings)
{
  g_autofree char *me = _desk_window_dup_agent_name (self);

  desk_inbox_model_set_me (self->inbox_model, me);
  update_counts (self);
}

static void
on_views_list_row_selected_cb (DeskWindow *self,
                               GtkListBoxRow *row,
                               GtkListBox *list)
{
  if (row != NULL)
    desk_window_set_view (self,
                          desk_sidebar_row_get_filter (DESK_SIDEBAR_ROW (row)));
}

static void
on_channels_list_row_selected_cb (DeskWindow *self,
                                  GtkListBoxRow *row,
                                  GtkListBox *list)
{
  const char *filter;

  if (row == NULL || self->inbox_model == NULL)
    return;

  filter = desk_sidebar_row_get_filter (DESK_SIDEBAR_ROW (row));
  desk_inbox_model_set_network (self->inbox_model, filter);
  update_inbox_title (self);
  update_empty_state (self);
}

static void
on_sidebar_row_activated_cb (DeskWindow *self,
                             GtkListBoxRow *row,
                             GtkListBox *list)
{
  adw_leaflet_set_visible_child (self->leaflet, self->inbox_pane);
}

static void
on_search_entry_search_changed_cb (DeskWindow *self, GtkSearchEntry *entry)
{
  if (self->inbox_model == NULL)
    return;

  desk_inbox_model_set_search (self->inbox_model,
                               gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_inbox_title (self);
  update_empty_state (self);
}

static void
on_search_bar_search_mode_cb (DeskWindow *self,
                              GParamSpec *pspec,
                              GtkSearchBar *search_bar)
{
  /* Closing the search shows the whole view again. */
  if (!gtk_search_bar_get_search_mode (search_bar))
    gtk_editable_set_text (self->search_entry, "");
}

static void
on_inbox_list_activate_cb (DeskWindow *self,
                           guint position,
                           GtkListView *list_view)
{
  if (self->conversation != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

/* Folded, the customer pane would cover the thread: it opens on request
 * only. Unfolded, it is where the user last left it. Without a
 * conversation there is no customer to show. */
static void
update_flap (DeskWindow *self)
{
  gboolean reveal = FALSE;

  if (self->conversation != NULL && !adw_flap_get_folded (self->flap))
    reveal = g_settings_get_boolean (self->settings, "show-customer-pane");

  adw_flap_set_reveal_flap (self->flap, reveal);
  gtk_widget_set_sensitive (self->customer_button, self->conversation != NULL);
}

static void
on_flap_folded_cb (DeskWindow *self, GParamSpec *pspec, AdwFlap *flap)
{
  if (self->settings != NULL)
    update_flap (self);
}

static void
on_flap_reveal_flap_cb (DeskWindow *self, GParamSpec *pspec, AdwFlap *flap)
{
  if (self->settings != NULL && self->conversation != NULL
      && !adw_flap_get_folded (flap))
    g_settings_set_boolean (self->settings, "show-customer-pane",
                            adw_flap_get_reveal_flap (flap));
}

static void
on_leaflet_folded_cb (DeskWindow *self, GParamSpec *pspec, AdwLeaflet *leaflet)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  /* A phone-wide header keeps Tags (its popover needs an anchor) and the
   * menu, which has Close and Snooze too. */
  gtk_widget_set_visible (self->close_button, !folded);
  gtk_widget_set_visible (GTK_WIDGET (self->snooze_button), !folded);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

/* On a narrow window the thread is read when it is shown, not when it is
 * selected. */
static void
on_leaflet_visible_child_cb (DeskWindow *self,
                             GParamSpec *pspec,
                             AdwLeaflet *leaflet)
{
  if (conversation_is_visible (self)
      && desk_conversation_get_unread (self->conversation) > 0)
    schedule_mark_read (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem *item,
              DeskWindow *self)
{
  gtk_list_item_set_child (item, desk_inbox_row_new (self->clock));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem *item,
             DeskWindow *self)
{
  desk_inbox_row_set_conversation (
      DESK_INBOX_ROW (gtk_list_item_get_child (item)),
      gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem *item,
               DeskWindow *self)
{
  desk_inbox_row_set_conversation (
      DESK_INBOX_ROW (gtk_list_item_get_child (item)), NULL);
}

/* GObject */

static void
restore_window_state (DeskWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360),
                               MAX (height, 480));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (DeskWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* The size before maximizing is the one to come back to. */
  if (gtk_window_is_maximized (GTK_WINDOW (self))
      || gtk_window_is_fullscreen (GTK_WINDOW (self)))
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
}

static gboolean
desk_window_close_request (GtkWindow *window)
{
  DeskWindow *self = DESK_WINDOW (window);

  save_window_state (self);
  desk_composer_save_draft (self->composer);

  return GTK_WINDOW_CLASS (desk_window_parent_class)->close_request (window);
}

static void
desk_window_constructed (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);
  g_autoptr (GtkListItemFactory) factory = NULL;
  g_autofree char *me = NULL;

  G_OBJECT_CLASS (desk_window_parent_class)->constructed (object);

  g_assert (DESK_IS_STORE (self->store));
  g_assert (DESK_IS_CLOCK (self->clock));
  g_assert (G_IS_SETTINGS (self->settings));

  desk_conversation_view_set_store (self->conversation_view, self->store);
  desk_composer_set_store (self->composer, self->store);
  desk_composer_set_settings (self->composer, self->settings);
  desk_customer_pane_set_store (self->customer_pane, self->store);
  self->breach_notifier = desk_breach_notifier_new (self->store, self->clock,
                                                    self->settings, NULL);
  g_signal_connect_object (self->customer_pane, "open-conversation",
                           G_CALLBACK (desk_window_select_conversation), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "agent-name", self->customer_pane, "agent",
                   G_SETTINGS_BIND_GET);

  /* The sidebar's second face: templates, similar answers, guidelines. */
  self->guidelines_pane = DESK_GUIDELINES_PANE (
      desk_guidelines_pane_new (self->store, self->settings));
  gtk_box_append (self->guidelines_slot, GTK_WIDGET (self->guidelines_pane));
  g_signal_connect_object (self->guidelines_pane, "insert-text",
                           G_CALLBACK (desk_composer_insert_text),
                           self->composer, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->guidelines_pane, "guidelines-changed",
                           G_CALLBACK (desk_composer_reload_guidelines),
                           self->composer, G_CONNECT_SWAPPED);
  g_object_bind_property (self->guidelines_pane, "formality", self->composer,
                          "formality", G_BINDING_SYNC_CREATE);

  me = _desk_window_dup_agent_name (self);
  self->inbox_model = desk_inbox_model_new (self->store);
  desk_inbox_model_set_me (self->inbox_model, me);
  desk_inbox_model_set_view (
      self->inbox_model, lookup_name (view_names, DESK_N_VIEWS, self->view));
  desk_inbox_model_set_sort (
      self->inbox_model,
      lookup_name (sort_names, G_N_ELEMENTS (sort_names), self->sort));
  /* After the selection's own handler, so it can be corrected. */
  g_signal_connect_object (self->inbox_model, "items-changed",
                           G_CALLBACK (on_inbox_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->selection = gtk_multi_selection_new (
      g_object_ref (G_LIST_MODEL (self->inbox_model)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->inbox_list, factory);
  gtk_list_view_set_model (self->inbox_list,
                           GTK_SELECTION_MODEL (self->selection));

  g_settings_bind (self->settings, "selected-view", self, "view",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "inbox-sort", self, "sort",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::teammates",
                           G_CALLBACK (on_settings_teammates_cb), self,
                           G_CONNECT_SWAPPED);
  update_assign_menu (self);
  g_signal_connect_object (self->clock, "minute-tick",
                           G_CALLBACK (on_clock_minute_tick_cb), self,
                           G_CONNECT_SWAPPED);

  self->tag_popover = DESK_TAG_POPOVER (desk_tag_popover_new (self->store));
  gtk_menu_button_set_popover (self->tags_button,
                               GTK_WIDGET (self->tag_popover));
  g_signal_connect_object (self->tag_popover, "show",
                           G_CALLBACK (on_tags_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
  self->bulk_tag_popover
      = DESK_TAG_POPOVER (desk_tag_popover_new (self->store));
  gtk_menu_button_set_popover (self->bulk_tags_button,
                               GTK_WIDGET (self->bulk_tag_popover));
  g_signal_connect_object (self->bulk_tag_popover, "show",
                           G_CALLBACK (on_tags_popover_show_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed::agent-name",
                           G_CALLBACK (on_settings_agent_name_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->store, "conversations-changed",
                           G_CALLBACK (on_store_conversations_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->channels != NULL)
    g_signal_connect_object (self->channels, "items-changed",
                             G_CALLBACK (on_channels_items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  if (self->sync_service != NULL)
    g_signal_connect_object (self->sync_service, "warning",
                             G_CALLBACK (on_sync_service_warning_cb), self,
                             G_CONNECT_SWAPPED);

  gtk_list_box_select_row (
      self->views_list,
      GTK_LIST_BOX_ROW (find_sidebar_row (self->views_list, self->view)));
  gtk_list_box_select_row (
      self->channels_list,
      GTK_LIST_BOX_ROW (find_sidebar_row (self->channels_list, "")));

  restore_window_state (self);
  update_accounts (self);
  update_counts (self);
  update_tags (self);
  update_inbox_title (self);
  update_empty_state (self);
  _desk_window_update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-customer-pane",
                                 FALSE);
  update_flap (self);
}

static void
desk_window_get_property (GObject *object,
                          guint prop_id,
                          GValue *value,
                          GParamSpec *pspec)
{
  DeskWindow *self = DESK_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_CLOCK:
        g_value_set_object (value, self->clock);
        break;

      case PROP_SETTINGS:
        g_value_set_object (value, self->settings);
        break;

      case PROP_SYNC_SERVICE:
        g_value_set_object (value, self->sync_service);
        break;

      case PROP_CHANNELS:
        g_value_set_object (value, self->channels);
        break;

      case PROP_VIEW:
        g_value_set_string (value, self->view);
        break;

      case PROP_SORT:
        g_value_set_string (value, self->sort);
        break;

      case PROP_FOLDED:
        g_value_set_boolean (value, desk_window_get_folded (self));
        break;

      case PROP_CONVERSATION:
        g_value_set_object (value, self->conversation);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_window_set_property (GObject *object,
                          guint prop_id,
                          const GValue *value,
                          GParamSpec *pspec)
{
  DeskWindow *self = DESK_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;

      case PROP_CLOCK:
        self->clock = g_value_dup_object (value);
        break;

      case PROP_SETTINGS:
        self->settings = g_value_dup_object (value);
        break;

      case PROP_SYNC_SERVICE:
        self->sync_service = g_value_dup_object (value);
        break;

      case PROP_CHANNELS:
        self->channels = g_value_dup_object (value);
        break;

      case PROP_VIEW:
        desk_window_set_view (self, g_value_get_string (value));
        break;

      case PROP_SORT:
        desk_window_set_sort (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_window_dispose (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  g_clear_handle_id (&self->mark_read_idle, g_source_remove);
  if (self->settings != NULL)
    {
      g_settings_unbind (self, "view");
      g_settings_unbind (self, "sort");
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_WINDOW);

  g_clear_object (&self->breach_notifier);
  g_clear_object (&self->conversation);
  g_clear_pointer (&self->selected_ids, g_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->inbox_model);
  g_clear_object (&self->channels);
  g_clear_object (&self->sync_service);
  g_clear_object (&self->settings);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (desk_window_parent_class)->dispose (object);
}

static void
desk_window_finalize (GObject *object)
{
  DeskWindow *self = DESK_WINDOW (object);

  g_free (self->view);
  g_free (self->sort);

  G_OBJECT_CLASS (desk_window_parent_class)->finalize (object);
}

static void
desk_window_class_init (DeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  const GParamFlags construct_flags
      = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = desk_window_constructed;
  object_class->get_property = desk_window_get_property;
  object_class->set_property = desk_window_set_property;
  object_class->dispose = desk_window_dispose;
  object_class->finalize = desk_window_finalize;
  window_class->close_request = desk_window_close_request;

  g_type_ensure (DESK_TYPE_COMPOSER);
  g_type_ensure (DESK_TYPE_CONVERSATION_VIEW);
  g_type_ensure (DESK_TYPE_CUSTOMER_PANE);
  g_type_ensure (DESK_TYPE_SIDEBAR_ROW);

  properties[PROP_STORE] = g_param_spec_object (
      "store", NULL, NULL, DESK_TYPE_STORE, construct_flags);
  properties[PROP_CLOCK] = g_param_spec_object (
      "clock", NULL, NULL, DESK_TYPE_CLOCK, construct_flags);
  properties[PROP_SETTINGS] = g_param_spec_object (
      "settings", NULL, NULL, G_TYPE_SETTINGS, construct_flags);
  properties[PROP_SYNC_SERVICE] = g_param_spec_object (
      "sync-service", NULL, NULL, DESK_TYPE_SYNC_SERVICE, construct_flags);
  /* The channels of the accounts (DeskChannel), for their limits; may
   * be NULL. */
  properties[PROP_CHANNELS] = g_param_spec_object (
      "channels", NULL, NULL, G_TYPE_LIST_MODEL, construct_flags);
  properties[PROP_VIEW]
      = g_param_spec_string ("view", NULL, NULL, "open", flags);
  properties[PROP_SORT]
      = g_param_spec_string ("sort", NULL, NULL, "urgent", flags);
  properties[PROP_FOLDED] = g_param_spec_boolean (
      "folded", NULL, NULL, FALSE,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONVERSATION] = g_param_spec_object (
      "conversation", NULL, NULL, DESK_TYPE_CONVERSATION,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _desk_window_class_actions_init (widget_class);

  /* Referencing the resource links it, and the constructor that
   * registers it, into every program that uses this widget. */
  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, inbox_pane);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, views_list);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        channels_heading);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        channels_list);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, inbox_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, inbox_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, inbox_list);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        empty_add_account_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        conversation_title);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        customer_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        snooze_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, close_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, more_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, tags_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, assign_menu);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, tags_list);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, tags_heading);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        bulk_revealer);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, bulk_label);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        bulk_tags_button);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        content_stack);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        conversation_view);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow, composer);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        guidelines_slot);
  gtk_widget_class_bind_template_child (widget_class, DeskWindow,
                                        customer_pane);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_views_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_channels_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_tags_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_search_bar_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_inbox_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_flap_reveal_flap_cb);
}

static void
desk_window_init (DeskWindow *self)
{
  self->view = g_strdup ("open");
  self->sort = g_strdup ("urgent");

  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_search_bar_set_key_capture_widget (self->search_bar, self->inbox_pane);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (on_leaflet_folded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (on_leaflet_visible_child_cb), self,
                           G_CONNECT_SWAPPED);

  _desk_window_actions_init (self);
}

DeskWindow *
desk_window_new (GtkApplication *application,
                 DeskStore *store,
                 DeskClock *clock,
                 GSettings *settings,
                 DeskSyncService *sync_service,
                 GListModel *channels)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application),
                        NULL);
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (DESK_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (
      sync_service == NULL || DESK_IS_SYNC_SERVICE (sync_service), NULL);
  g_return_val_if_fail (channels == NULL || G_IS_LIST_MODEL (channels), NULL);

  return g_object_new (DESK_TYPE_WINDOW, "application", application, "store",
                       store, "clock", clock, "settings", settings,
                       "sync-service", sync_service, "channels", channels,
                       NULL);
}

DeskStore *
desk_window_get_store (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return self->store;
}

DeskInboxModel *
desk_window_get_inbox_model (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return self->inbox_model;
}

/* The open conversation, or NULL. */
DeskConversation *
desk_window_get_conversation (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return self->conversation;
}

/* Opens a conversation by id, as if the user had clicked it; when the
 * current view does not show it, switches to all conversations. */
gboolean
desk_window_select_conversation (DeskWindow *self, gint64 conversation_id)
{
  guint pos;

  g_return_val_if_fail (DESK_IS_WINDOW (self), FALSE);

  pos = desk_inbox_model_find (self->inbox_model, conversation_id);
  if (pos == G_MAXUINT)
    {
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      gtk_list_box_select_row (
          self->channels_list,
          GTK_LIST_BOX_ROW (find_sidebar_row (self->channels_list, "")));
      desk_window_set_view (self, "all");
      pos = desk_inbox_model_find (self->inbox_model, conversation_id);
    }
  if (pos == G_MAXUINT)
    return FALSE;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), pos,
                                   TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->inbox_list),
                              "list.scroll-to-item", "u", pos);
  return get_conversation_id (self) == conversation_id;
}

const char *
desk_window_get_view (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return self->view;
}

/* @view is a name of the selected-view setting ("open", "all", ...). */
void
desk_window_set_view (DeskWindow *self, const char *view)
{
  int index;
  DeskSidebarRow *row;

  g_return_if_fail (DESK_IS_WINDOW (self));

  index = lookup_name (view_names, DESK_N_VIEWS, view);
  if (index < 0)
    {
      g_warning ("unknown inbox view “%s”", view);
      return;
    }

  if (g_strcmp0 (self->view, view) == 0)
    return;

  g_free (self->view);
  self->view = g_strdup (view);

  row = find_sidebar_row (self->views_list, view);
  if (row != NULL
      && gtk_list_box_get_selected_row (self->views_list)
             != GTK_LIST_BOX_ROW (row))
    gtk_list_box_select_row (self->views_list, GTK_LIST_BOX_ROW (row));

  if (self->inbox_model != NULL)
    {
      desk_inbox_model_set_view (self->inbox_model, index);
      update_inbox_title (self);
      update_empty_state (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

const char *
desk_window_get_sort (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), NULL);
  return self->sort;
}

/* @sort is a name of the inbox-sort setting ("urgent", ...). */
void
desk_window_set_sort (DeskWindow *self, const char *sort)
{
  int index;

  g_return_if_fail (DESK_IS_WINDOW (self));

  index = lookup_name (sort_names, G_N_ELEMENTS (sort_names), sort);
  if (index < 0)
    {
      g_warning ("unknown inbox sort “%s”", sort);
      return;
    }

  if (g_strcmp0 (self->sort, sort) == 0)
    return;

  g_free (self->sort);
  self->sort = g_strdup (sort);

  if (self->inbox_model != NULL)
    desk_inbox_model_set_sort (self->inbox_model, index);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

/* Whether the window is narrow enough to show one pane at a time. */
gboolean
desk_window_get_folded (DeskWindow *self)
{
  g_return_val_if_fail (DESK_IS_WINDOW (self), FALSE);
  return adw_leaflet_get_folded (self->leaflet);
}

/* Folded, the snooze times are reached through the conversation menu. */
GtkMenuButton *
_desk_window_get_snooze_button (DeskWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->snooze_button))
             ? self->snooze_button
             : self->more_button;
}

GtkMenuButton *
_desk_window_get_tags_button (DeskWindow *self)
{
  return self->tags_button;
}

/* Shows @text (plain text, never markup) in a toast. */
void
desk_window_show_toast (DeskWindow *self, const char *text)
{
  g_autofree char *line = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (DESK_IS_WINDOW (self));

  line = desk_text_for_display_line (text);
  escaped = g_markup_escape_text (line, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}
