/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* How a German reply addresses the customer. English templates are
 * stored as formal and match either. ANY, for a filter or a conversation
 * that has not settled, is 0 so that a zeroed struct means "any". */
typedef enum
{
  DESK_FORMALITY_ANY = 0,
  DESK_FORMALITY_FORMAL = 1,   /* "Sie" */
  DESK_FORMALITY_INFORMAL = 2, /* "du" */
} DeskFormality;

/* The placeholders the composer knows how to fill. Others are allowed in
 * a template; they are filled from the values the caller passes, or kept
 * as they are. */
#define DESK_PLACEHOLDER_CUSTOMER_NAME "customer_name"
#define DESK_PLACEHOLDER_CUSTOMER_HANDLE "customer_handle"
#define DESK_PLACEHOLDER_AGENT_NAME "agent_name"
#define DESK_PLACEHOLDER_AGENT_INITIALS "agent_initials"
#define DESK_PLACEHOLDER_CHANNEL "channel"
#define DESK_PLACEHOLDER_CASE_NUMBER "case_number"
#define DESK_PLACEHOLDER_COMPANY "company"
/* Not filled: after insertion the cursor stands where it was. */
#define DESK_PLACEHOLDER_CURSOR "cursor"

#define DESK_TYPE_FORMALITY (desk_formality_get_type ())
#define DESK_TYPE_TEMPLATE (desk_template_get_type ())

GType desk_formality_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (DeskTemplate, desk_template, DESK, TEMPLATE, GObject)

DeskTemplate *desk_template_new (const char *name,
                                 const char *language,
                                 DeskFormality formality,
                                 const char *body);
DeskTemplate *desk_template_copy (DeskTemplate *self);

gint64 desk_template_get_id (DeskTemplate *self);
void desk_template_set_id (DeskTemplate *self, gint64 id);
const char *desk_template_get_name (DeskTemplate *self);
void desk_template_set_name (DeskTemplate *self, const char *name);
const char *desk_template_get_category (DeskTemplate *self);
void desk_template_set_category (DeskTemplate *self, const char *category);
const char *desk_template_get_language (DeskTemplate *self);
void desk_template_set_language (DeskTemplate *self, const char *language);
DeskFormality desk_template_get_formality (DeskTemplate *self);
void desk_template_set_formality (DeskTemplate *self, DeskFormality formality);
const char *desk_template_get_shortcut (DeskTemplate *self);
void desk_template_set_shortcut (DeskTemplate *self, const char *shortcut);
const char *desk_template_get_body (DeskTemplate *self);
void desk_template_set_body (DeskTemplate *self, const char *body);
guint desk_template_get_usage_count (DeskTemplate *self);
void desk_template_set_usage_count (DeskTemplate *self, guint usage_count);

char *desk_template_expand (DeskTemplate *self, GHashTable *values);

/* Placeholders */
char *desk_template_expand_text (const char *text, GHashTable *values);
const char *const *desk_template_get_placeholder_names (void);
const char *desk_template_describe_placeholder (const char *name);

/* The composer. Offsets are in bytes of the UTF-8 text. */
gboolean desk_template_find_shortcut (const char *text,
                                      gsize cursor,
                                      gsize *token_start,
                                      gsize *token_end,
                                      char **prefix);
GPtrArray *desk_template_complete (GPtrArray *templates,
                                   const char *text,
                                   gsize cursor,
                                   gsize *token_start,
                                   gsize *token_end);
char *desk_template_insert (const char *text,
                            gsize cursor,
                            const char *insertion,
                            gsize *new_cursor);

/* The built-in set, German (Sie and du) and English. */
GPtrArray *desk_template_get_defaults (void);

G_END_DECLS
