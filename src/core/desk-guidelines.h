/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-guideline-rule.h"
#include "desk-pii.h"
#include "desk-template.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_FINDING_AVOIDED_PHRASE = 0,
  DESK_FINDING_BLAME,
  DESK_FINDING_MISSING_GREETING,
  DESK_FINDING_MISSING_SIGN_OFF,
  DESK_FINDING_TOO_LONG,
  DESK_FINDING_SHOUTING,
  DESK_FINDING_MIXED_ADDRESS,
  DESK_FINDING_PLACEHOLDER,
  DESK_FINDING_PERSONAL_DATA,
} DeskFindingKind;

/* Something the checker found in a reply: bytes [start, end) of the
 * UTF-8 text to underline, a translated message, and, when there is a
 * one-click fix, the text that replaces that range. */
typedef struct
{
  DeskFindingKind kind;
  DeskSeverity severity;
  gsize start;
  gsize end;
  char *message;
  char *replacement;    /* NULL: no fix to offer */
  gint64 rule_id;       /* the stored rule; 0 for built-in checks */
  DeskPiiKind pii_kind; /* for DESK_FINDING_PERSONAL_DATA */
} DeskFinding;

/* What the checker needs to know about the reply besides its text. */
typedef struct
{
  const char *language; /* "de", "en"; NULL: unknown, every rule applies */
  const char *network;  /* "mastodon", …; NULL: any */
  /* FORMAL or INFORMAL when the conversation settled on "Sie" or "du":
   * then every pronoun of the other form is flagged. ANY: only a mix. */
  DeskFormality formality;
  gboolean is_public; /* run the personal-data guard */
  const char *agent_name;
  const char *agent_initials;
  const char *customer_name; /* for the suggested greeting */
  /* The length as the network counts it, and the network's maximum;
   * 0 and 0 to count characters and check no network limit. */
  guint length;
  guint max_length;
} DeskCheckContext;

#define DESK_TYPE_FINDING_KIND (desk_finding_kind_get_type ())
#define DESK_TYPE_FINDING (desk_finding_get_type ())
#define DESK_TYPE_GUIDELINES (desk_guidelines_get_type ())

GType desk_finding_kind_get_type (void) G_GNUC_CONST;
GType desk_finding_get_type (void) G_GNUC_CONST;
DeskFinding *desk_finding_copy (const DeskFinding *self);
void desk_finding_free (DeskFinding *self);
char *desk_finding_apply (const DeskFinding *self,
                          const char *text,
                          gsize *new_cursor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskFinding, desk_finding_free)

G_DECLARE_FINAL_TYPE (DeskGuidelines,
                      desk_guidelines,
                      DESK,
                      GUIDELINES,
                      GObject)

DeskGuidelines *desk_guidelines_new (GPtrArray *rules);
void desk_guidelines_set_rules (DeskGuidelines *self, GPtrArray *rules);
GPtrArray *desk_guidelines_check (DeskGuidelines *self,
                                  const char *text,
                                  const DeskCheckContext *context);

gboolean desk_guidelines_blocks_public (GPtrArray *findings);
gboolean desk_guidelines_get_worst (GPtrArray *findings,
                                    DeskSeverity *severity);

G_END_DECLS
