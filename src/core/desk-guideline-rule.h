/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

typedef enum
{
  DESK_SEVERITY_INFO = 0,
  DESK_SEVERITY_WARNING = 1,
  DESK_SEVERITY_ERROR = 2,
} DeskSeverity;

/* What a rule checks, and what its pattern and replacement mean. Phrase
 * patterns list alternatives separated by "|"; a phrase matches without
 * regard to case on word boundaries, any run of spaces matches a space,
 * and a trailing "*" lets the last word go on ("entschuldig*"). */
typedef enum
{
  /* pattern: phrases to avoid; replacement: the suggested wording */
  DESK_RULE_AVOID = 0,
  /* pattern: phrases that blame the customer; replacement: suggestion */
  DESK_RULE_BLAME,
  /* pattern: openings of which one must start the reply;
   * replacement: the opening to suggest, with placeholders */
  DESK_RULE_GREETING,
  /* pattern: closing phrases; the end of the reply must carry the
   * agent's name or initials (or, when neither is known, one of these);
   * replacement: the sign-off to suggest, with placeholders */
  DESK_RULE_SIGN_OFF,
  /* pattern: the team's own limit in characters; empty for the network
   * limit only (which is always checked) */
  DESK_RULE_MAX_LENGTH,
  /* pattern: more acronyms allowed in capitals, "|"-separated */
  DESK_RULE_SHOUTING,
  /* German: "Sie" and "du" in one reply; pattern unused */
  DESK_RULE_MIXED_ADDRESS,
  /* a {placeholder} of a template left unfilled; pattern unused */
  DESK_RULE_PLACEHOLDER,
} DeskRuleKind;

#define DESK_GUIDELINE_RULE_ERROR (desk_guideline_rule_error_quark ())

typedef enum
{
  DESK_GUIDELINE_RULE_ERROR_INVALID,
} DeskGuidelineRuleError;

#define DESK_TYPE_SEVERITY (desk_severity_get_type ())
#define DESK_TYPE_RULE_KIND (desk_rule_kind_get_type ())
#define DESK_TYPE_GUIDELINE_RULE (desk_guideline_rule_get_type ())

GQuark desk_guideline_rule_error_quark (void);
GType desk_severity_get_type (void) G_GNUC_CONST;
GType desk_rule_kind_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (DeskGuidelineRule,
                      desk_guideline_rule,
                      DESK,
                      GUIDELINE_RULE,
                      GObject)

DeskGuidelineRule *desk_guideline_rule_new (DeskRuleKind kind,
                                            DeskSeverity severity,
                                            const char *language,
                                            const char *pattern,
                                            const char *replacement);
DeskGuidelineRule *desk_guideline_rule_copy (DeskGuidelineRule *self);

gint64 desk_guideline_rule_get_id (DeskGuidelineRule *self);
void desk_guideline_rule_set_id (DeskGuidelineRule *self, gint64 id);
DeskRuleKind desk_guideline_rule_get_kind (DeskGuidelineRule *self);
void desk_guideline_rule_set_kind (DeskGuidelineRule *self, DeskRuleKind kind);
DeskSeverity desk_guideline_rule_get_severity (DeskGuidelineRule *self);
void desk_guideline_rule_set_severity (DeskGuidelineRule *self,
                                       DeskSeverity severity);
const char *desk_guideline_rule_get_language (DeskGuidelineRule *self);
void desk_guideline_rule_set_language (DeskGuidelineRule *self,
                                       const char *language);
const char *desk_guideline_rule_get_network (DeskGuidelineRule *self);
void desk_guideline_rule_set_network (DeskGuidelineRule *self,
                                      const char *network);
const char *desk_guideline_rule_get_pattern (DeskGuidelineRule *self);
void desk_guideline_rule_set_pattern (DeskGuidelineRule *self,
                                      const char *pattern);
const char *desk_guideline_rule_get_replacement (DeskGuidelineRule *self);
void desk_guideline_rule_set_replacement (DeskGuidelineRule *self,
                                          const char *replacement);
const char *desk_guideline_rule_get_explanation (DeskGuidelineRule *self);
void desk_guideline_rule_set_explanation (DeskGuidelineRule *self,
                                          const char *explanation);
gboolean desk_guideline_rule_get_enabled (DeskGuidelineRule *self);
void desk_guideline_rule_set_enabled (DeskGuidelineRule *self,
                                      gboolean enabled);

gboolean desk_guideline_rule_validate (DeskGuidelineRule *self, GError **error);
gboolean desk_guideline_rule_applies (DeskGuidelineRule *self,
                                      const char *language,
                                      const char *network);

const char *desk_rule_kind_to_string (DeskRuleKind kind);
gboolean desk_rule_kind_from_string (const char *name, DeskRuleKind *kind);
const char *desk_severity_to_string (DeskSeverity severity);
gboolean desk_severity_from_string (const char *name, DeskSeverity *severity);

/* The built-in set for German and English. */
GPtrArray *desk_guideline_rule_get_defaults (void);

G_END_DECLS
