/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "core/desk-types.h"

G_BEGIN_DECLS

/* The content of the demo workspace: the customers of "Rheinrad", a bicycle
 * shop and e-bike workshop in Cologne, what they wrote, what the team
 * answered, and the pools the live generator draws from. Customer text is
 * in the customer's own language and is therefore not translated. */

typedef enum
{
  DESK_DEMO_FLAVOUR_MASTODON = 1 << 0,
  DESK_DEMO_FLAVOUR_BLUESKY = 1 << 1,
} DeskDemoFlavour;

/* How long ago the last message of an initial conversation was written,
 * chosen so that every SLA state is on screen. */
typedef enum
{
  DESK_DEMO_AGE_FRESH,    /* a few minutes, unanswered */
  DESK_DEMO_AGE_DUE,      /* 40-58 minutes, unanswered, deadline close */
  DESK_DEMO_AGE_OVERDUE,  /* hours, unanswered */
  DESK_DEMO_AGE_ANSWERED, /* the team had the last word */
} DeskDemoAge;

typedef struct
{
  const char *key; /* stable; the identities' remote ids derive from it */
  const char *display_name;
  const char *mastodon_handle; /* NULL if not on Mastodon */
  const char *bluesky_handle;  /* NULL if not on Bluesky */
  const char *language;        /* "de" or "en" */
  gint64 followers;
  const char *bio;
  const char *website; /* NULL or a link the person shows on every network */
  gboolean troll;
} DeskDemoCustomer;

typedef struct
{
  DeskDirection direction; /* INCOMING from the customer, OUTGOING by us */
  const char *body;
} DeskDemoLine;

#define DESK_DEMO_MAX_LINES 6

typedef struct
{
  const char *customer; /* a DeskDemoCustomer key */
  DeskDemoFlavour flavour;
  DeskConversationKind kind;
  DeskDemoAge age;
  DeskDemoLine lines[DESK_DEMO_MAX_LINES]; /* ends at the first NULL body */
} DeskDemoConversation;

DeskDemoFlavour desk_demo_flavour_from_string (const char *name);
const char *desk_demo_flavour_to_string (DeskDemoFlavour flavour);

const char *desk_demo_script_get_account_display_name (void);
const char *desk_demo_script_get_account_handle (DeskDemoFlavour flavour);

guint desk_demo_script_get_n_customers (void);
const DeskDemoCustomer *desk_demo_script_get_customer (guint index);
const DeskDemoCustomer *desk_demo_script_find_customer (const char *key);
const char *desk_demo_script_get_handle (const DeskDemoCustomer *customer,
                                         DeskDemoFlavour flavour);

guint desk_demo_script_get_n_conversations (void);
const DeskDemoConversation *desk_demo_script_get_conversation (guint index);
guint desk_demo_script_count_lines (const DeskDemoConversation *conversation);
void desk_demo_script_get_times (guint index,
                                 guint32 seed,
                                 gint64 now,
                                 gint64 *times);

const char *desk_demo_script_pick_new_message (GRand *rand,
                                               const char *language);
const char *desk_demo_script_pick_follow_up (GRand *rand,
                                             const char *language,
                                             gboolean after_reply);
const char *desk_demo_script_pick_answer (GRand *rand,
                                          const char *language,
                                          gboolean troll);

G_END_DECLS
