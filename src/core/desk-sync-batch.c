/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-sync-batch"

#include "config.h"

#include "desk-sync-batch.h"

typedef struct
{
  DeskSyncBatch batch;
  gatomicrefcount ref_count;
} DeskSyncBatchReal;

G_DEFINE_BOXED_TYPE (DeskSyncBatch,
                     desk_sync_batch,
                     desk_sync_batch_ref,
                     desk_sync_batch_unref)

static void
identity_free (gpointer data)
{
  DeskSyncIdentity *identity = data;

  g_free (identity->remote_id);
  g_free (identity->handle);
  g_free (identity->display_name);
  g_free (identity->avatar_url);
  g_free (identity->profile_url);
  g_free (identity->bio);
  g_free (identity->language);
  g_free (identity);
}

static void
message_free (gpointer data)
{
  DeskSyncMessage *message = data;

  g_free (message->remote_id);
  g_free (message->thread_remote_id);
  g_free (message->author_remote_id);
  g_free (message->body);
  g_free (message->in_reply_to);
  g_free (message->url);
  g_free (message);
}

DeskSyncBatch *
desk_sync_batch_new (gint64 account_id)
{
  DeskSyncBatchReal *real = g_new0 (DeskSyncBatchReal, 1);

  g_atomic_ref_count_init (&real->ref_count);
  real->batch.account_id = account_id;
  real->batch.identities = g_ptr_array_new_with_free_func (identity_free);
  real->batch.messages = g_ptr_array_new_with_free_func (message_free);
  real->batch.warnings = g_ptr_array_new_with_free_func (g_free);

  return &real->batch;
}

DeskSyncBatch *
desk_sync_batch_ref (DeskSyncBatch *self)
{
  DeskSyncBatchReal *real = (DeskSyncBatchReal *) self;

  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&real->ref_count);
  return self;
}

void
desk_sync_batch_unref (DeskSyncBatch *self)
{
  DeskSyncBatchReal *real = (DeskSyncBatchReal *) self;

  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&real->ref_count))
    return;

  g_ptr_array_unref (self->identities);
  g_ptr_array_unref (self->messages);
  g_ptr_array_unref (self->warnings);
  g_free (self->cursor);
  g_free (real);
}

DeskSyncIdentity *
desk_sync_batch_add_identity (DeskSyncBatch *self,
                              const char *remote_id,
                              const char *handle,
                              const char *display_name)
{
  DeskSyncIdentity *identity;

  g_return_val_if_fail (self != NULL, NULL);

  identity = g_new0 (DeskSyncIdentity, 1);
  identity->remote_id = g_strdup (remote_id);
  identity->handle = g_strdup (handle);
  identity->display_name = g_strdup (display_name);
  g_ptr_array_add (self->identities, identity);

  return identity;
}

DeskSyncMessage *
desk_sync_batch_add_message (DeskSyncBatch *self,
                             const char *remote_id,
                             const char *thread_remote_id,
                             DeskConversationKind kind,
                             DeskDirection direction,
                             const char *author_remote_id,
                             const char *body,
                             gint64 created_at)
{
  DeskSyncMessage *message;

  g_return_val_if_fail (self != NULL, NULL);

  message = g_new0 (DeskSyncMessage, 1);
  message->remote_id = g_strdup (remote_id);
  message->thread_remote_id = g_strdup (thread_remote_id);
  message->kind = kind;
  message->direction = direction;
  message->author_remote_id = g_strdup (author_remote_id);
  message->body = g_strdup (body);
  message->created_at = created_at;
  g_ptr_array_add (self->messages, message);

  return message;
}

void
desk_sync_batch_add_warning (DeskSyncBatch *self, const char *format, ...)
{
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

void
desk_sync_batch_set_cursor (DeskSyncBatch *self, const char *cursor)
{
  g_return_if_fail (self != NULL);

  g_free (self->cursor);
  self->cursor = g_strdup (cursor);
}
