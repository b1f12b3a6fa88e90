/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* Why two identities look like one person; strongest first. */
typedef enum
{
  DESK_LINK_REASON_SAME_EMAIL = 0,   /* in private messages of both */
  DESK_LINK_REASON_MENTIONED_IN_BIO, /* a bio names the other's handle or
                                        profile link */
  DESK_LINK_REASON_SAME_WEBSITE,     /* both show the same website */
  DESK_LINK_REASON_SAME_NAME,        /* the same full name, ignoring case
                                        and accents */
} DeskLinkReason;

/* Another customer who may be the same person as @customer_id. The agent
 * decides: accepting merges the other customer into this one, dismissing
 * keeps the pair from being suggested again. */
typedef struct
{
  gint64 customer_id;       /* the customer the suggestion is for */
  gint64 identity_id;       /* their identity that matched */
  gint64 other_customer_id; /* who looks like the same person */
  gint64 other_identity_id;
  char *other_name; /* the other customer's display name */
  char *other_network;
  char *other_handle;
  DeskLinkReason reason;
  char *evidence; /* the name, handle, link, website or email that matched */
} DeskLinkSuggestion;

#define DESK_TYPE_LINK_SUGGESTION (desk_link_suggestion_get_type ())

GType desk_link_suggestion_get_type (void) G_GNUC_CONST;
DeskLinkSuggestion *desk_link_suggestion_copy (const DeskLinkSuggestion *self);
void desk_link_suggestion_free (DeskLinkSuggestion *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskLinkSuggestion, desk_link_suggestion_free)

G_END_DECLS
