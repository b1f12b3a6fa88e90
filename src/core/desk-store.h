/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "desk-account.h"
#include "desk-clock.h"
#include "desk-conversation.h"
#include "desk-customer.h"
#include "desk-message.h"
#include "desk-outbox-entry.h"
#include "desk-sla.h"
#include "desk-tag.h"
#include "desk-sync-batch.h"

G_BEGIN_DECLS

#define DESK_STORE_ERROR (desk_store_error_quark ())

typedef enum
{
  DESK_STORE_ERROR_FAILED,
  DESK_STORE_ERROR_CORRUPT, /* not a database, or damaged */
  DESK_STORE_ERROR_TOO_NEW, /* written by a newer Socialdesk */
  DESK_STORE_ERROR_FULL,    /* the disk is full */
  DESK_STORE_ERROR_NOT_FOUND,
  DESK_STORE_ERROR_INVALID,
} DeskStoreError;

/* The schema version this build writes; see desk-store-migrations.c. */
#define DESK_STORE_SCHEMA_VERSION 6

/* Customers with at least this many followers are answered first. */
#define DESK_STORE_HIGH_REACH_FOLLOWERS 10000

/* Which conversations an inbox shows, in which order. */
typedef struct
{
  DeskView view;
  const char *me;      /* the agent's name, for DESK_VIEW_MINE */
  const char *network; /* NULL: every network */
  gint64 account_id;   /* 0: every account */
  gint64 tag_id;       /* 0: any tag */
  const char *search;  /* words typed by the user; NULL or "": no search */
  DeskSort sort;
} DeskInboxFilter;

#define DESK_TYPE_STORE (desk_store_get_type ())

G_DECLARE_FINAL_TYPE (DeskStore, desk_store, DESK, STORE, GObject)

GQuark desk_store_error_quark (void);

DeskStore *desk_store_open (const char *path, DeskClock *clock, GError **error);
const char *desk_store_get_path (DeskStore *self);
DeskClock *desk_store_get_clock (DeskStore *self);
int desk_store_get_schema_version (DeskStore *self);
char *desk_store_keep_backup (const char *path, GError **error);

/* Accounts */
gint64 desk_store_add_account (DeskStore *self,
                               const char *network,
                               const char *remote_id,
                               const char *handle,
                               const char *display_name,
                               const char *server,
                               gboolean simulated,
                               GError **error);
GPtrArray *desk_store_list_accounts (DeskStore *self, GError **error);

gboolean
desk_store_remove_account (DeskStore *self, gint64 account_id, GError **error);
gboolean desk_store_set_account_sync_state (DeskStore *self,
                                            gint64 account_id,
                                            const char *error_message,
                                            GError **error);
gboolean desk_store_set_account_paused (DeskStore *self,
                                        gint64 account_id,
                                        gboolean paused,
                                        GError **error);

/* Sync */
gboolean desk_store_apply_batch (DeskStore *self,
                                 DeskSyncBatch *batch,
                                 guint *n_new,
                                 GError **error);

/* Queries */
GArray *desk_store_query_conversation_ids (DeskStore *self,
                                           const DeskInboxFilter *filter,
                                           GError **error);
DeskConversation *
desk_store_load_conversation (DeskStore *self, gint64 id, GError **error);
GPtrArray *desk_store_load_messages (DeskStore *self,
                                     gint64 conversation_id,
                                     GError **error);
DeskCustomer *
desk_store_load_customer (DeskStore *self, gint64 customer_id, GError **error);
gboolean desk_store_count_views (DeskStore *self,
                                 const char *me,
                                 guint counts[DESK_N_VIEWS],
                                 GError **error);

/* Actions by the agent */
gint64 desk_store_queue_reply (DeskStore *self,
                               gint64 conversation_id,
                               const char *body,
                               DeskConversationKind kind,
                               const char *author,
                               GError **error);
gint64 desk_store_add_note (DeskStore *self,
                            gint64 conversation_id,
                            const char *body,
                            const char *author,
                            GError **error);
gboolean desk_store_set_status (DeskStore *self,
                                gint64 conversation_id,
                                DeskStatus status,
                                const char *actor,
                                GError **error);
gboolean desk_store_set_assignee (DeskStore *self,
                                  gint64 conversation_id,
                                  const char *assignee,
                                  const char *actor,
                                  GError **error);
gboolean desk_store_set_draft (DeskStore *self,
                               gint64 conversation_id,
                               const char *draft,
                               GError **error);
gboolean
desk_store_mark_read (DeskStore *self, gint64 conversation_id, GError **error);

gboolean desk_store_set_message_hidden (DeskStore *self,
                                        gint64 message_id,
                                        gboolean hidden,
                                        const char *actor,
                                        GError **error);

/* The outbox */
GPtrArray *
desk_store_list_due_outbox (DeskStore *self, gint64 account_id, GError **error);
gint64 desk_store_get_next_outbox_attempt (DeskStore *self, gint64 account_id);
gboolean
desk_store_mark_sending (DeskStore *self, gint64 message_id, GError **error);
gboolean desk_store_mark_sent (DeskStore *self,
                               gint64 message_id,
                               const char *remote_id,
                               GError **error);
gboolean
desk_store_retry_reply (DeskStore *self, gint64 message_id, GError **error);
gboolean desk_store_mark_failed (DeskStore *self,
                                 gint64 message_id,
                                 const char *reason,
                                 gint64 retry_at,
                                 GError **error);

/* Tags */
gint64 desk_store_create_tag (DeskStore *self,
                              const char *name,
                              const char *color,
                              GError **error);
gboolean desk_store_update_tag (DeskStore *self,
                                gint64 tag_id,
                                const char *name,
                                const char *color,
                                GError **error);
gboolean desk_store_delete_tag (DeskStore *self, gint64 tag_id, GError **error);
GPtrArray *desk_store_list_tags (DeskStore *self, GError **error);
GPtrArray *desk_store_list_conversation_tags (DeskStore *self,
                                              gint64 conversation_id,
                                              GError **error);
gboolean desk_store_set_conversation_tag (DeskStore *self,
                                          gint64 conversation_id,
                                          gint64 tag_id,
                                          gboolean tagged,
                                          const char *actor,
                                          GError **error);

/* Workspace settings */
char *desk_store_get_setting (DeskStore *self, const char *key);
gboolean desk_store_set_setting (DeskStore *self,
                                 const char *key,
                                 const char *value,
                                 GError **error);
gint64 desk_store_get_high_reach_followers (DeskStore *self);
gboolean desk_store_set_high_reach_followers (DeskStore *self,
                                              gint64 followers,
                                              GError **error);

/* SLA */
void desk_store_get_sla_policy (DeskStore *self,
                                const char *network,
                                DeskPriority priority,
                                DeskSlaPolicy *policy);
gboolean desk_store_set_sla_policy (DeskStore *self,
                                    const char *network,
                                    DeskPriority priority,
                                    const DeskSlaPolicy *policy,
                                    GError **error);
DeskBusinessHours *desk_store_get_business_hours (DeskStore *self);
gboolean desk_store_set_business_hours (DeskStore *self,
                                        DeskBusinessHours *hours,
                                        GError **error);
void desk_store_evaluate_sla (DeskStore *self,
                              DeskConversation *conversation,
                              gint64 now,
                              DeskSlaResult results[DESK_SLA_N_TIMERS]);

G_END_DECLS
