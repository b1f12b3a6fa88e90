/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* A person on a network, as a channel saw them. */
typedef struct
{
  char *remote_id; /* stable id on the network, never the handle */
  char *handle;
  char *display_name;
  char *avatar_url;
  char *profile_url;
  char *bio;
  char *language;
  gint64 followers;
} DeskSyncIdentity;

/* One message, already parsed into plain text by the channel. */
typedef struct
{
  char *remote_id;        /* unique per account */
  char *thread_remote_id; /* the conversation it belongs to, per account */
  DeskConversationKind kind;
  DeskDirection direction; /* INCOMING from a customer, OUTGOING by us */
  char *author_remote_id;  /* a DeskSyncIdentity's remote_id for INCOMING */
  char *body;
  gint64 created_at; /* unix seconds, UTC */
  char *in_reply_to; /* remote id of the message it answers, if any */
  char *url;
} DeskSyncMessage;

#define DESK_TYPE_SYNC_BATCH (desk_sync_batch_get_type ())

/* What one sync of one account produced; handed to the store in one piece
 * so it is written in one transaction. */
struct _DeskSyncBatch
{
  gint64 account_id;
  GPtrArray *identities; /* DeskSyncIdentity */
  GPtrArray *messages;   /* DeskSyncMessage */
  GPtrArray *warnings;   /* char*, items the channel skipped, for the user */
  char *cursor;          /* where the next sync starts, opaque */
};

GType desk_sync_batch_get_type (void) G_GNUC_CONST;

DeskSyncBatch *desk_sync_batch_new (gint64 account_id);
DeskSyncBatch *desk_sync_batch_ref (DeskSyncBatch *self);
void desk_sync_batch_unref (DeskSyncBatch *self);

DeskSyncIdentity *desk_sync_batch_add_identity (DeskSyncBatch *self,
                                                const char *remote_id,
                                                const char *handle,
                                                const char *display_name);
DeskSyncMessage *desk_sync_batch_add_message (DeskSyncBatch *self,
                                              const char *remote_id,
                                              const char *thread_remote_id,
                                              DeskConversationKind kind,
                                              DeskDirection direction,
                                              const char *author_remote_id,
                                              const char *body,
                                              gint64 created_at);
void desk_sync_batch_add_warning (DeskSyncBatch *self, const char *format, ...)
    G_GNUC_PRINTF (2, 3);
void desk_sync_batch_set_cursor (DeskSyncBatch *self, const char *cursor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSyncBatch, desk_sync_batch_unref)

G_END_DECLS
