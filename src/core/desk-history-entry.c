/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-history-entry"

#include "config.h"

#include "desk-history-entry-private.h"

struct _DeskHistoryEntry
{
  GObject parent_instance;

  DeskHistoryEntryData data;
};

G_DEFINE_FINAL_TYPE (DeskHistoryEntry, desk_history_entry, G_TYPE_OBJECT)

static void
desk_history_entry_finalize (GObject *object)
{
  DeskHistoryEntry *self = DESK_HISTORY_ENTRY (object);

  g_free (self->data.network);
  g_free (self->data.account_handle);
  g_free (self->data.identity_handle);
  g_free (self->data.first_line);
  g_free (self->data.rating_scale);

  G_OBJECT_CLASS (desk_history_entry_parent_class)->finalize (object);
}

static void
desk_history_entry_class_init (DeskHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_history_entry_finalize;
}

static void
desk_history_entry_init (DeskHistoryEntry *self)
{
  self->data.rating_score = -1;
}

DeskHistoryEntry *
_desk_history_entry_new (DeskHistoryEntryData *data)
{
  DeskHistoryEntry *self = g_object_new (DESK_TYPE_HISTORY_ENTRY, NULL);

  self->data = *data;
  memset (data, 0, sizeof *data);
  return self;
}

gint64
desk_history_entry_get_conversation_id (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), 0);
  return self->data.conversation_id;
}

gint64
desk_history_entry_get_account_id (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), 0);
  return self->data.account_id;
}

const char *
desk_history_entry_get_network (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->data.network;
}

/* Our account the conversation came in on. */
const char *
desk_history_entry_get_account_handle (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->data.account_handle;
}

const char *
desk_history_entry_get_identity_handle (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->data.identity_handle;
}

DeskConversationKind
desk_history_entry_get_kind (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self),
                        DESK_CONVERSATION_KIND_PUBLIC);
  return self->data.kind;
}

DeskStatus
desk_history_entry_get_status (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), DESK_STATUS_OPEN);
  return self->data.status;
}

/* What the conversation was about: the first line of the customer's first
 * message, as stored (the UI escapes it). */
const char *
desk_history_entry_get_first_line (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->data.first_line;
}

gint64
desk_history_entry_get_last_message_at (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), 0);
  return self->data.last_message_at;
}

gint64
desk_history_entry_get_opened_at (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), 0);
  return self->data.opened_at;
}

/* 0 unless the conversation is closed. */
gint64
desk_history_entry_get_closed_at (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), 0);
  return self->data.closed_at;
}

/* "csat" or "nps" for the latest rating given in the conversation, or
 * NULL when it was not rated. */
const char *
desk_history_entry_get_rating_scale (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), NULL);
  return self->data.rating_scale;
}

int
desk_history_entry_get_rating_score (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), -1);
  return self->data.rating_score;
}

gint64
desk_history_entry_get_rating_at (DeskHistoryEntry *self)
{
  g_return_val_if_fail (DESK_IS_HISTORY_ENTRY (self), 0);
  return self->data.rating_at;
}
