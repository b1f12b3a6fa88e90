/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-customer-merge.h"
#include "desk-customer-note.h"
#include "desk-history-entry.h"
#include "desk-link-suggestion.h"
#include "desk-store.h"

G_BEGIN_DECLS

/* One person across every channel: what the customer-history sidebar
 * reads, and linking, unlinking and merging customers. Errors are in
 * DESK_STORE_ERROR. */

/* The customer with identities, tags, interaction counts and latest
 * ratings. A merged-away customer comes back without identities and with
 * desk_customer_get_merged_into() naming where they went. */
DeskCustomer *desk_store_load_customer_details (DeskStore *self,
                                                gint64 customer_id,
                                                GError **error);
/* A page (DeskHistoryEntry) of the customer's conversations on every
 * network and account, newest first, after @after (NULL: the first
 * page). Fewer than @page_size entries means the history ends there. */
GPtrArray *desk_store_load_customer_history (DeskStore *self,
                                             gint64 customer_id,
                                             DeskHistoryEntry *after,
                                             guint page_size,
                                             GError **error);
/* Customers (DeskCustomer, without details) whose names or handles match
 * what the agent typed, best first; merged-away customers are left out. */
GPtrArray *desk_store_search_customers (DeskStore *self,
                                        const char *text,
                                        guint limit,
                                        GError **error);

/* Links and merges: each returns the merge's id, for
 * desk_store_undo_merge(). */
gint64 desk_store_link_identity (DeskStore *self,
                                 gint64 identity_id,
                                 gint64 customer_id,
                                 const char *actor,
                                 GError **error);
gint64 desk_store_merge_customers (DeskStore *self,
                                   gint64 source_id,
                                   gint64 target_id,
                                   const char *actor,
                                   GError **error);
gboolean desk_store_undo_merge (DeskStore *self,
                                gint64 merge_id,
                                const char *actor,
                                GError **error);
/* The standing merges (DeskCustomerMerge) into or out of the customer,
 * newest first. */
GPtrArray *desk_store_list_customer_merges (DeskStore *self,
                                            gint64 customer_id,
                                            GError **error);
/* Makes the identity a customer of its own; returns that customer. */
gint64 desk_store_unlink_identity (DeskStore *self,
                                   gint64 identity_id,
                                   const char *actor,
                                   GError **error);
gboolean desk_store_mark_identity_gone (DeskStore *self,
                                        const char *network,
                                        const char *remote_id,
                                        GError **error);

/* Suggestions (DeskLinkSuggestion), strongest first. */
GPtrArray *
desk_store_suggest_links (DeskStore *self, gint64 customer_id, GError **error);
gint64 desk_store_accept_link_suggestion (DeskStore *self,
                                          const DeskLinkSuggestion *suggestion,
                                          const char *actor,
                                          GError **error);
gboolean
desk_store_dismiss_link_suggestion (DeskStore *self,
                                    const DeskLinkSuggestion *suggestion,
                                    const char *actor,
                                    GError **error);

/* Private notes about a customer; never sent. */
gint64 desk_store_add_customer_note (DeskStore *self,
                                     gint64 customer_id,
                                     const char *body,
                                     const char *author,
                                     GError **error);
GPtrArray *desk_store_list_customer_notes (DeskStore *self,
                                           gint64 customer_id,
                                           GError **error);
gboolean desk_store_delete_customer_note (DeskStore *self,
                                          gint64 note_id,
                                          GError **error);

/* Marks how an interaction in the conversation went, for its customer. */
gint64 desk_store_add_interaction (DeskStore *self,
                                   gint64 conversation_id,
                                   gboolean positive,
                                   const char *actor,
                                   GError **error);

G_END_DECLS
