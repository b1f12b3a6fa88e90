/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-guideline-rule.h"
#include "desk-store.h"
#include "desk-template.h"

G_BEGIN_DECLS

/* Exported files: {"format": "socialdesk-guidelines", "version": 1,
 * "templates": [...], "rules": [...]} */
#define DESK_GUIDELINES_FILE_FORMAT "socialdesk-guidelines"
#define DESK_GUIDELINES_FILE_VERSION 1

typedef enum
{
  /* Templates with the same name, language and formality, and rules with
   * the same kind, language, network and pattern are updated; the others
   * are added. */
  DESK_IMPORT_MERGE = 0,
  /* The file's set replaces all templates and rules. */
  DESK_IMPORT_REPLACE = 1,
} DeskImportMode;

/* An earlier answer to a similar question. */
typedef struct
{
  gint64 conversation_id;
  char *customer_name;
  char *matched_text; /* an excerpt of the customer's message that matched */
  char *answer;       /* what the team answered */
  double rank;        /* higher is more similar */
} DeskSimilarAnswer;

#define DESK_TYPE_SIMILAR_ANSWER (desk_similar_answer_get_type ())

GType desk_similar_answer_get_type (void) G_GNUC_CONST;
DeskSimilarAnswer *desk_similar_answer_copy (const DeskSimilarAnswer *self);
void desk_similar_answer_free (DeskSimilarAnswer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskSimilarAnswer, desk_similar_answer_free)

/* Templates */
GPtrArray *desk_store_list_templates (DeskStore *self,
                                      const char *language,
                                      DeskFormality formality,
                                      GError **error);
gint64 desk_store_add_template (DeskStore *self,
                                DeskTemplate *template,
                                GError **error);
gboolean desk_store_update_template (DeskStore *self,
                                     DeskTemplate *template,
                                     GError **error);
gboolean desk_store_delete_template (DeskStore *self,
                                     gint64 template_id,
                                     GError **error);
gboolean desk_store_record_template_use (DeskStore *self,
                                         gint64 template_id,
                                         gint64 conversation_id,
                                         const char *actor,
                                         GError **error);

/* Guideline rules */
GPtrArray *desk_store_list_guideline_rules (DeskStore *self,
                                            gboolean enabled_only,
                                            GError **error);
gint64 desk_store_add_guideline_rule (DeskStore *self,
                                      DeskGuidelineRule *rule,
                                      GError **error);
gboolean desk_store_update_guideline_rule (DeskStore *self,
                                           DeskGuidelineRule *rule,
                                           GError **error);
gboolean desk_store_delete_guideline_rule (DeskStore *self,
                                           gint64 rule_id,
                                           GError **error);
gboolean desk_store_set_guideline_rule_enabled (DeskStore *self,
                                                gint64 rule_id,
                                                gboolean enabled,
                                                GError **error);

/* The built-in set, sharing */
gboolean desk_store_ensure_default_guidelines (DeskStore *self, GError **error);
gboolean desk_store_restore_default_guidelines (DeskStore *self,
                                                GError **error);
char *desk_store_export_guidelines (DeskStore *self, GError **error);
gboolean desk_store_import_guidelines (DeskStore *self,
                                       const char *json,
                                       DeskImportMode mode,
                                       guint *n_templates,
                                       guint *n_rules,
                                       GError **error);

/* Similar earlier answers */
GPtrArray *desk_store_find_similar_answers (DeskStore *self,
                                            gint64 conversation_id,
                                            guint limit,
                                            GError **error);

G_END_DECLS
