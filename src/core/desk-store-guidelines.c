/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-guidelines"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-store-guidelines.h"
#include "desk-store-private.h"

/* Reply templates and guideline rules in the store, their exchange as
 * one JSON document, and earlier answers to similar questions.
 *
 * JSON is read and written with SQLite's own JSON functions: the core
 * links no JSON library, and the import can validate the whole document
 * before one transaction changes anything. */

G_DEFINE_BOXED_TYPE (DeskSimilarAnswer,
                     desk_similar_answer,
                     desk_similar_answer_copy,
                     desk_similar_answer_free)

#define SEEDED_KEY "guidelines_seeded"
#define MAX_IMPORT_BYTES (8 * 1024 * 1024)

/* Words that say nothing about what a customer asks. */
static const char *const stop_words[] = {
  /* German */
  "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "ander",
  "andere", "anderem", "anderen", "anderer", "anderes", "anders", "auch", "auf",
  "aus", "bei", "bin", "bis", "bist", "bitte", "damit", "dann", "das", "dass",
  "daß", "dazu", "dein", "deine", "deinem", "deinen", "deiner", "deines", "dem",
  "den", "denn", "der", "derer", "des", "dessen", "dich", "die", "dies",
  "diese", "diesem", "diesen", "dieser", "dieses", "dir", "doch", "dort",
  "durch", "ein", "eine", "einem", "einen", "einer", "eines", "einige",
  "einmal", "etwas", "euch", "euer", "eure", "für", "gegen", "gewesen", "hab",
  "habe", "haben", "hat", "hatte", "hatten", "hätte", "hätten", "habt", "hier",
  "hin", "hinter", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem",
  "ihren", "ihrer", "ihres", "indem", "ins", "ist", "jede", "jedem", "jeden",
  "jeder", "jedes", "jetzt", "kann", "kein", "keine", "keinem", "keinen",
  "keiner", "können", "könnte", "machen", "man", "mein", "meine", "meinem",
  "meinen", "meiner", "meines", "mich", "mir", "mit", "muss", "musste", "nach",
  "nicht", "nichts", "noch", "nun", "nur", "oder", "ohne", "sehr", "sein",
  "seine", "seinem", "seinen", "seiner", "seid", "seit", "selbst", "sich",
  "sie", "sind", "solche", "soll", "sollte", "sondern", "sonst", "über", "und",
  "uns", "unser", "unsere", "unter", "viel", "vom", "von", "vor", "war",
  "waren", "warst", "was", "weil", "weiter", "welche", "welchem", "welchen",
  "welcher", "welches", "wenn", "werde", "werden", "wie", "wieder", "will",
  "wir", "wird", "wirst", "wollen", "wollte", "würde", "würden", "zum", "zur",
  "zwar", "zwischen", "hallo", "danke", "schon", "leider", "gerne", "gern",
  "mal", "nein", "heute", "gestern", "morgen", "immer", "wurde", "wurden",
  "ganz", "dafür", "darum", "deshalb", "warum", "wann", "wieso", "weshalb",
  "gibt", "geht", "gehen", "gut", "liebe", "lieber", "grüße", "gruß", "vielen",
  "dank", "moin", "hey",
  /* English */
  "about", "above", "after", "again", "against", "all", "and", "any", "are",
  "because", "been", "before", "being", "below", "between", "both", "but",
  "can", "could", "did", "does", "doing", "down", "during", "each", "few",
  "for", "from", "further", "had", "has", "have", "having", "her", "here",
  "hers", "herself", "him", "himself", "his", "how", "into", "its", "itself",
  "just", "more", "most", "myself", "nor", "not", "now", "off", "once", "only",
  "other", "our", "ours", "out", "over", "own", "same", "she", "should", "some",
  "such", "than", "that", "the", "their", "theirs", "them", "then", "there",
  "these", "they", "this", "those", "through", "too", "under", "until", "very",
  "was", "were", "what", "when", "where", "which", "while", "who", "whom",
  "why", "will", "with", "would", "you", "your", "yours", "yourself", "hello",
  "thanks", "thank", "please", "still", "yet", "get", "got", "already",
  "really", "one", "two", "okay", "dear", "today", "yesterday", "tomorrow",
  "hi", "im", "ive", "dont", "cant", "didnt", "wont", NULL
};

/* Endings cut before a prefix query, so "Lieferung" also finds
 * "geliefert"'s neighbours "liefern" and "Lieferzeit". Longest first. */
static const char *const endings[]
    = { "ungen", "ung", "ing", "en", "er", "es",
        "em",    "ed",  "ly",  "e",  "s",  NULL };

#define MAX_QUERY_TERMS 12
#define RECENT_MESSAGES 5

DeskSimilarAnswer *
desk_similar_answer_copy (const DeskSimilarAnswer *self)
{
  DeskSimilarAnswer *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->customer_name = g_strdup (self->customer_name);
  copy->matched_text = g_strdup (self->matched_text);
  copy->answer = g_strdup (self->answer);
  return copy;
}

void
desk_similar_answer_free (DeskSimilarAnswer *self)
{
  if (self == NULL)
    return;

  g_free (self->customer_name);
  g_free (self->matched_text);
  g_free (self->answer);
  g_free (self);
}

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
check_template (DeskTemplate *template, GError **error)
{
  const char *texts[] = {
    desk_template_get_name (template),
    desk_template_get_language (template),
    desk_template_get_body (template),
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!has_text (texts[i]) || !g_utf8_validate (texts[i], -1, NULL))
      {
        g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                     _ ("A template needs a name, a language and a text."));
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_rule (DeskGuidelineRule *rule, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (desk_guideline_rule_validate (rule, &local_error))
    return TRUE;

  g_set_error_literal (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                       local_error->message);
  return FALSE;
}

static gboolean
fail_not_found (GError **error)
{
  g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND,
               _ ("The item no longer exists."));
  return FALSE;
}

static gint64
insert_template (DeskStore *self, DeskTemplate *template, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "INSERT INTO template (name, category, language, formal, shortcut, body,"
      " usage_count) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;

  _desk_bind_text (stmt, 1, desk_template_get_name (template));
  _desk_bind_text (stmt, 2, desk_template_get_category (template));
  _desk_bind_text (stmt, 3, desk_template_get_language (template));
  sqlite3_bind_int (
      stmt, 4, desk_template_get_formality (template) == DESK_FORMALITY_FORMAL);
  _desk_bind_text (stmt, 5, desk_template_get_shortcut (template));
  _desk_bind_text (stmt, 6, desk_template_get_body (template));
  sqlite3_bind_int64 (stmt, 7, desk_template_get_usage_count (template));
  if (!_desk_store_step_id (self, stmt, &id, error))
    return 0;

  return id;
}

static gint64
insert_rule (DeskStore *self, DeskGuidelineRule *rule, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "INSERT INTO guideline_rule (kind, severity, language, network, pattern,"
      " replacement, explanation, enabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
      " RETURNING id",
      error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;

  _desk_bind_text (
      stmt, 1, desk_rule_kind_to_string (desk_guideline_rule_get_kind (rule)));
  sqlite3_bind_int (stmt, 2, desk_guideline_rule_get_severity (rule));
  _desk_bind_text (stmt, 3, desk_guideline_rule_get_language (rule));
  _desk_bind_text (stmt, 4, desk_guideline_rule_get_network (rule));
  _desk_bind_text (stmt, 5, desk_guideline_rule_get_pattern (rule));
  _desk_bind_text (stmt, 6, desk_guideline_rule_get_replacement (rule));
  _desk_bind_text (stmt, 7, desk_guideline_rule_get_explanation (rule));
  sqlite3_bind_int (stmt, 8, desk_guideline_rule_get_enabled (rule));
  if (!_desk_store_step_id (self, stmt, &id, error))
    return 0;

  return id;
}

/* Templates */

/* Returns the templates (DeskTemplate) in @language (NULL: all) with
 * @formality (ANY: both; only German templates have two), the most
 * used first. */
GPtrArray *
desk_store_list_templates (DeskStore *self,
                           const char *language,
                           DeskFormality formality,
                           GError **error)
{
  g_autoptr (GPtrArray) templates = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (formality <= DESK_FORMALITY_INFORMAL, NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT id, name, category, language, formal, shortcut, body,"
      " usage_count FROM template"
      " WHERE (?1 IS NULL OR language = ?1)"
      " AND (?2 = 0 OR language <> 'de' OR formal = (?2 = 1))"
      " ORDER BY usage_count DESC, name COLLATE NOCASE, formal DESC, id",
      error);
  if (stmt == NULL)
    return NULL;

  _desk_bind_text (stmt, 1, language);
  sqlite3_bind_int (stmt, 2, formality);

  templates = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskTemplate *template = desk_template_new (
          _desk_column_text (stmt, 1), _desk_column_text (stmt, 3),
          sqlite3_column_int (stmt, 4) ? DESK_FORMALITY_FORMAL
                                       : DESK_FORMALITY_INFORMAL,
          _desk_column_text (stmt, 6));

      desk_template_set_id (template, sqlite3_column_int64 (stmt, 0));
      desk_template_set_category (template, _desk_column_text (stmt, 2));
      desk_template_set_shortcut (template, _desk_column_text (stmt, 5));
      desk_template_set_usage_count (template, sqlite3_column_int (stmt, 7));
      g_ptr_array_add (templates, template);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return NULL;
    }
  return g_steal_pointer (&templates);
}

/* Stores @template as a new one and sets its id; returns the id. */
gint64
desk_store_add_template (DeskStore *self,
                         DeskTemplate *template,
                         GError **error)
{
  gint64 id;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (DESK_IS_TEMPLATE (template), 0);

  if (!check_template (template, error))
    return 0;

  id = insert_template (self, template, error);
  if (id > 0)
    desk_template_set_id (template, id);
  return id;
}

/* Saves the edited @template; its usage count stays as stored. */
gboolean
desk_store_update_template (DeskStore *self,
                            DeskTemplate *template,
                            GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (DESK_IS_TEMPLATE (template), FALSE);

  if (!check_template (template, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self,
      "UPDATE template SET name = ?, category = ?, language = ?, formal = ?,"
      " shortcut = ?, body = ? WHERE id = ?",
      error);
  if (stmt == NULL)
    return FALSE;

  _desk_bind_text (stmt, 1, desk_template_get_name (template));
  _desk_bind_text (stmt, 2, desk_template_get_category (template));
  _desk_bind_text (stmt, 3, desk_template_get_language (template));
  sqlite3_bind_int (
      stmt, 4, desk_template_get_formality (template) == DESK_FORMALITY_FORMAL);
  _desk_bind_text (stmt, 5, desk_template_get_shortcut (template));
  _desk_bind_text (stmt, 6, desk_template_get_body (template));
  sqlite3_bind_int64 (stmt, 7, desk_template_get_id (template));
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (_desk_store_get_db (self)) == 0)
    return fail_not_found (error);
  return TRUE;
}

gboolean
desk_store_delete_template (DeskStore *self, gint64 template_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  stmt = _desk_store_prepare (self, "DELETE FROM template WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, template_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (_desk_store_get_db (self)) == 0)
    return fail_not_found (error);
  return TRUE;
}

/* Counts a use of the template, so the most used come first, and notes
 * it in the event log for reports. @conversation_id may be 0. */
gboolean
desk_store_record_template_use (DeskStore *self,
                                gint64 template_id,
                                gint64 conversation_id,
                                const char *actor,
                                GError **error)
{
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self,
      "UPDATE template SET usage_count = usage_count + 1 WHERE id = ?"
      " RETURNING name",
      error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, template_id);
  /* Never step a finished statement: SQLite would run it again. */
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      detail = g_strdup (_desk_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (!_desk_store_check (self, rc, error))
    goto fail;
  if (detail == NULL)
    {
      fail_not_found (error);
      goto fail;
    }

  if (!_desk_store_log_event (self, conversation_id, actor, "template", detail,
                              error))
    goto fail;

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* Guideline rules */

static DeskGuidelineRule *
rule_from_row (sqlite3_stmt *stmt)
{
  DeskGuidelineRule *rule;
  DeskRuleKind kind;
  int severity = sqlite3_column_int (stmt, 2);

  /* A kind this version does not know (from a newer one) is skipped, not
   * misread. */
  if (!desk_rule_kind_from_string (_desk_column_text (stmt, 1), &kind))
    return NULL;

  rule = desk_guideline_rule_new (
      kind, CLAMP (severity, DESK_SEVERITY_INFO, DESK_SEVERITY_ERROR),
      _desk_column_text (stmt, 3), _desk_column_text (stmt, 5),
      _desk_column_text (stmt, 6));
  desk_guideline_rule_set_id (rule, sqlite3_column_int64 (stmt, 0));
  desk_guideline_rule_set_network (rule, _desk_column_text (stmt, 4));
  desk_guideline_rule_set_explanation (rule, _desk_column_text (stmt, 7));
  desk_guideline_rule_set_enabled (rule, sqlite3_column_int (stmt, 8) != 0);
  return rule;
}

/* Returns the rules (DeskGuidelineRule) in the order they were added. */
GPtrArray *
desk_store_list_guideline_rules (DeskStore *self,
                                 gboolean enabled_only,
                                 GError **error)
{
  g_autoptr (GPtrArray) rules = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT id, kind, severity, language, network, pattern, replacement,"
      " explanation, enabled FROM guideline_rule"
      " WHERE ?1 = 0 OR enabled = 1 ORDER BY id",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, enabled_only ? 1 : 0);
  rules = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskGuidelineRule *rule = rule_from_row (stmt);

      if (rule != NULL)
        g_ptr_array_add (rules, rule);
      else
        g_debug ("skipped rule %" G_GINT64_FORMAT " of unknown kind “%s”",
                 (gint64) sqlite3_column_int64 (stmt, 0),
                 _desk_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return NULL;
    }
  return g_steal_pointer (&rules);
}

/* Stores @rule as a new one and sets its id; returns the id. */
gint64
desk_store_add_guideline_rule (DeskStore *self,
                               DeskGuidelineRule *rule,
                               GError **error)
{
  gint64 id;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (rule), 0);

  if (!check_rule (rule, error))
    return 0;

  id = insert_rule (self, rule, error);
  if (id > 0)
    desk_guideline_rule_set_id (rule, id);
  return id;
}

gboolean
desk_store_update_guideline_rule (DeskStore *self,
                                  DeskGuidelineRule *rule,
                                  GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (rule), FALSE);

  if (!check_rule (rule, error))
    return FALSE;

  stmt = _desk_store_prepare (
      self,
      "UPDATE guideline_rule SET kind = ?, severity = ?, language = ?,"
      " network = ?, pattern = ?, replacement = ?, explanation = ?,"
      " enabled = ? WHERE id = ?",
      error);
  if (stmt == NULL)
    return FALSE;

  _desk_bind_text (
      stmt, 1, desk_rule_kind_to_string (desk_guideline_rule_get_kind (rule)));
  sqlite3_bind_int (stmt, 2, desk_guideline_rule_get_severity (rule));
  _desk_bind_text (stmt, 3, desk_guideline_rule_get_language (rule));
  _desk_bind_text (stmt, 4, desk_guideline_rule_get_network (rule));
  _desk_bind_text (stmt, 5, desk_guideline_rule_get_pattern (rule));
  _desk_bind_text (stmt, 6, desk_guideline_rule_get_replacement (rule));
  _desk_bind_text (stmt, 7, desk_guideline_rule_get_explanation (rule));
  sqlite3_bind_int (stmt, 8, desk_guideline_rule_get_enabled (rule));
  sqlite3_bind_int64 (stmt, 9, desk_guideline_rule_get_id (rule));
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (_desk_store_get_db (self)) == 0)
    return fail_not_found (error);
  return TRUE;
}

gboolean
desk_store_delete_guideline_rule (DeskStore *self,
                                  gint64 rule_id,
                                  GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  stmt = _desk_store_prepare (self, "DELETE FROM guideline_rule WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rule_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (_desk_store_get_db (self)) == 0)
    return fail_not_found (error);
  return TRUE;
}

gboolean
desk_store_set_guideline_rule_enabled (DeskStore *self,
                                       gint64 rule_id,
                                       gboolean enabled,
                                       GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  stmt = _desk_store_prepare (
      self, "UPDATE guideline_rule SET enabled = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, enabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, rule_id);
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (_desk_store_get_db (self)) == 0)
    return fail_not_found (error);
  return TRUE;
}

/* The built-in set */

static gint64
count_rows (sqlite3_stmt *stmt)
{
  gint64 count = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static gboolean
insert_default_templates (DeskStore *self, GError **error)
{
  g_autoptr (GPtrArray) templates = desk_template_get_defaults ();

  for (guint i = 0; i < templates->len; i++)
    if (insert_template (self, g_ptr_array_index (templates, i), error) == 0)
      return FALSE;
  return TRUE;
}

static gboolean
insert_default_rules (DeskStore *self, GError **error)
{
  g_autoptr (GPtrArray) rules = desk_guideline_rule_get_defaults ();

  for (guint i = 0; i < rules->len; i++)
    if (insert_rule (self, g_ptr_array_index (rules, i), error) == 0)
      return FALSE;
  return TRUE;
}

static gboolean
mark_seeded (DeskStore *self, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "INSERT INTO workspace_setting (key, value) VALUES ('" SEEDED_KEY "',"
      " '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      error);

  return stmt != NULL && _desk_store_exec_stmt (self, stmt, error);
}

/* Adds the built-in templates and rules to a new workspace: each set
 * when its table is empty, and only once, so a team that deleted them
 * does not get them back at the next start. */
gboolean
desk_store_ensure_default_guidelines (DeskStore *self, GError **error)
{
  gint64 seeded, n_templates, n_rules;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  seeded = count_rows (
      _desk_store_prepare (self,
                           "SELECT count (*) FROM workspace_setting"
                           " WHERE key = '" SEEDED_KEY "'",
                           error));
  n_templates = count_rows (
      _desk_store_prepare (self, "SELECT count (*) FROM template", error));
  n_rules = count_rows (_desk_store_prepare (
      self, "SELECT count (*) FROM guideline_rule", error));
  if (seeded < 0 || n_templates < 0 || n_rules < 0)
    {
      if (error != NULL && *error == NULL)
        _desk_store_set_error (error, _desk_store_get_db (self),
                               sqlite3_errcode (_desk_store_get_db (self)));
      goto fail;
    }

  if (seeded == 0)
    {
      if ((n_templates == 0 && !insert_default_templates (self, error))
          || (n_rules == 0 && !insert_default_rules (self, error))
          || !mark_seeded (self, error))
        goto fail;
    }

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

static gboolean
delete_all (DeskStore *self, GError **error)
{
  sqlite3_stmt *stmt
      = _desk_store_prepare (self, "DELETE FROM template", error);

  if (stmt == NULL || !_desk_store_exec_stmt (self, stmt, error))
    return FALSE;
  stmt = _desk_store_prepare (self, "DELETE FROM guideline_rule", error);
  return stmt != NULL && _desk_store_exec_stmt (self, stmt, error);
}

/* Replaces all templates and rules with the built-in set. */
gboolean
desk_store_restore_default_guidelines (DeskStore *self, GError **error)
{
  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  if (!delete_all (self, error) || !insert_default_templates (self, error)
      || !insert_default_rules (self, error) || !mark_seeded (self, error))
    {
      _desk_store_rollback (self);
      return FALSE;
    }
  return _desk_store_commit (self, error);
}

/* Export and import */

/* Returns all templates and rules as one JSON document (see
 * DESK_GUIDELINES_FILE_FORMAT). Usage counts stay behind: they are this
 * workspace's history, not part of the guidelines. */
char *
desk_store_export_guidelines (DeskStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  char *json = NULL;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self,
      "SELECT json_object ('format', ?1, 'version', ?2,"
      " 'templates', (SELECT json_group_array (json_object ("
      "   'name', name, 'category', category, 'language', language,"
      "   'formality', CASE formal WHEN 0 THEN 'informal' ELSE 'formal' END,"
      "   'shortcut', shortcut, 'body', body))"
      "  FROM (SELECT * FROM template"
      "   ORDER BY language, name COLLATE NOCASE, formal DESC, id)),"
      " 'rules', (SELECT json_group_array (json_object ("
      "   'kind', kind,"
      "   'severity', CASE severity WHEN 0 THEN 'info' WHEN 2 THEN 'error'"
      "    ELSE 'warning' END,"
      "   'language', language, 'network', network, 'pattern', pattern,"
      "   'replacement', replacement, 'explanation', explanation,"
      "   'enabled', json (CASE WHEN enabled THEN 'true' ELSE 'false' END)))"
      "  FROM (SELECT * FROM guideline_rule ORDER BY id)))",
      error);
  if (stmt == NULL)
    return NULL;

  _desk_bind_text (stmt, 1, DESK_GUIDELINES_FILE_FORMAT);
  sqlite3_bind_int (stmt, 2, DESK_GUIDELINES_FILE_VERSION);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = g_strdup (_desk_column_text (stmt, 0));
  else
    _desk_store_set_error (error, _desk_store_get_db (self), rc);
  sqlite3_reset (stmt);

  return json;
}

static gboolean invalid (GError **error, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                       message);
  return FALSE;
}

/* Reads an optional text field: JSON type NULL (absent) or "null" gives
 * NULL; "text" its value; anything else is an error. */
static gboolean
optional_text (sqlite3_stmt *stmt, int type_column, char **value)
{
  const char *type = _desk_column_text (stmt, type_column);

  *value = NULL;
  if (type == NULL || strcmp (type, "null") == 0)
    return TRUE;
  if (strcmp (type, "text") != 0)
    return FALSE;
  *value = g_strdup (_desk_column_text (stmt, type_column + 1));
  return TRUE;
}

static gboolean
read_document (DeskStore *self, const char *json, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean valid;

  stmt = _desk_store_prepare (self, "SELECT json_valid (?1)", error);
  if (stmt == NULL)
    return FALSE;
  _desk_bind_text (stmt, 1, json);
  valid = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (!valid)
    return invalid (error, _ ("The file is not valid JSON."));

  stmt = _desk_store_prepare (
      self,
      "SELECT json_type (?1), json_extract (?1, '$.format'),"
      " json_type (?1, '$.version'), json_extract (?1, '$.version'),"
      " json_type (?1, '$.templates'), json_type (?1, '$.rules')",
      error);
  if (stmt == NULL)
    return FALSE;
  _desk_bind_text (stmt, 1, json);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return invalid (error, _ ("The file is not valid JSON."));
    }

  {
    const char *type = _desk_column_text (stmt, 0);
    const char *format = _desk_column_text (stmt, 1);
    const char *version_type = _desk_column_text (stmt, 2);
    gint64 version = sqlite3_column_int64 (stmt, 3);
    const char *templates_type = _desk_column_text (stmt, 4);
    const char *rules_type = _desk_column_text (stmt, 5);

    if (g_strcmp0 (type, "object") != 0
        || g_strcmp0 (format, DESK_GUIDELINES_FILE_FORMAT) != 0)
      valid = invalid (error, _ ("The file does not hold Socialdesk "
                                 "guidelines."));
    else if (g_strcmp0 (version_type, "integer") != 0)
      valid = invalid (error, _ ("The file has no format version."));
    else if (version != DESK_GUIDELINES_FILE_VERSION)
      valid = invalid (error,
                       _ ("The file has format version %lld, which this "
                          "version of Socialdesk cannot read."),
                       (long long) version);
    else if (templates_type != NULL && strcmp (templates_type, "array") != 0)
      valid = invalid (error, _ ("The templates in the file are not a list."));
    else if (rules_type != NULL && strcmp (rules_type, "array") != 0)
      valid = invalid (error, _ ("The rules in the file are not a list."));
  }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return valid;
}

static GPtrArray *
read_templates (DeskStore *self, const char *json, GError **error)
{
  g_autoptr (GPtrArray) templates
      = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  guint index = 0;
  int rc;

  /* json_type (value, …) only on objects: a string element's value is
   * its bare text, which is not JSON. */
  stmt = _desk_store_prepare (
      self,
      "SELECT type,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.name') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.name') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.category') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.category') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.language') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.language') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.formality') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.formality') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.shortcut') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.shortcut') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.body') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.body') END"
      " FROM json_each (?1, '$.templates') ORDER BY key",
      error);
  if (stmt == NULL)
    return NULL;

  _desk_bind_text (stmt, 1, json);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = NULL, *category = NULL, *language = NULL;
      g_autofree char *formality = NULL, *shortcut = NULL, *body = NULL;
      DeskTemplate *template;

      index++;
      if (g_strcmp0 (_desk_column_text (stmt, 0), "object") != 0)
        {
          ok = invalid (error, _ ("Template %u in the file is not an object."),
                        index);
          break;
        }
      if (!optional_text (stmt, 1, &name) || !has_text (name))
        ok = invalid (error, _ ("Template %u in the file has no name."), index);
      else if (!optional_text (stmt, 5, &language) || !has_text (language))
        ok = invalid (error, _ ("Template “%s” in the file has no language."),
                      name);
      else if (!optional_text (stmt, 11, &body) || !has_text (body))
        ok = invalid (error, _ ("Template “%s” in the file has no text."),
                      name);
      else if (!optional_text (stmt, 3, &category)
               || !optional_text (stmt, 9, &shortcut))
        ok = invalid (error,
                      _ ("Template “%s” in the file has a category or "
                         "shortcut that is not text."),
                      name);
      else if (!optional_text (stmt, 7, &formality)
               || (formality != NULL && strcmp (formality, "formal") != 0
                   && strcmp (formality, "informal") != 0))
        ok = invalid (error,
                      _ ("Template “%s” in the file must be “formal” or "
                         "“informal”."),
                      name);
      if (!ok)
        break;

      template = desk_template_new (name, language,
                                    g_strcmp0 (formality, "informal") == 0
                                        ? DESK_FORMALITY_INFORMAL
                                        : DESK_FORMALITY_FORMAL,
                                    body);
      desk_template_set_category (template, category);
      desk_template_set_shortcut (template, shortcut);
      g_ptr_array_add (templates, template);
    }
  if (ok && rc != SQLITE_DONE)
    ok = invalid (error, _ ("The file is not valid JSON."));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return ok ? g_steal_pointer (&templates) : NULL;
}

static GPtrArray *
read_rules (DeskStore *self, const char *json, GError **error)
{
  g_autoptr (GPtrArray) rules = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  guint index = 0;
  int rc;

  stmt = _desk_store_prepare (
      self,
      "SELECT type,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.kind') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.kind') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.severity') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.severity') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.language') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.language') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.network') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.network') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.pattern') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.pattern') END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.replacement') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.replacement')"
      "  END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.explanation') END,"
      " CASE WHEN type = 'object' THEN json_extract (value, '$.explanation')"
      "  END,"
      " CASE WHEN type = 'object' THEN json_type (value, '$.enabled') END"
      " FROM json_each (?1, '$.rules') ORDER BY key",
      error);
  if (stmt == NULL)
    return NULL;

  _desk_bind_text (stmt, 1, json);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *kind_name = NULL, *severity_name = NULL;
      g_autofree char *language = NULL, *network = NULL, *pattern = NULL;
      g_autofree char *replacement = NULL, *explanation = NULL;
      g_autoptr (GError) rule_error = NULL;
      const char *enabled = NULL;
      DeskRuleKind kind = DESK_RULE_AVOID;
      DeskSeverity severity = DESK_SEVERITY_WARNING;
      DeskGuidelineRule *rule;

      index++;
      if (g_strcmp0 (_desk_column_text (stmt, 0), "object") != 0)
        {
          ok = invalid (error, _ ("Rule %u in the file is not an object."),
                        index);
          break;
        }
      enabled = _desk_column_text (stmt, 15);
      if (!optional_text (stmt, 1, &kind_name) || kind_name == NULL)
        ok = invalid (error, _ ("Rule %u in the file has no kind."), index);
      else if (!desk_rule_kind_from_string (kind_name, &kind))
        ok = invalid (error,
                      _ ("Rule %u in the file has the unknown kind "
                         "“%s”."),
                      index, kind_name);
      else if (!optional_text (stmt, 3, &severity_name)
               || (severity_name != NULL
                   && !desk_severity_from_string (severity_name, &severity)))
        ok = invalid (error,
                      _ ("Rule %u in the file must have the severity "
                         "“info”, “warning” or “error”."),
                      index);
      else if (!optional_text (stmt, 5, &language)
               || !optional_text (stmt, 7, &network)
               || !optional_text (stmt, 9, &pattern)
               || !optional_text (stmt, 11, &replacement)
               || !optional_text (stmt, 13, &explanation))
        ok = invalid (error,
                      _ ("Rule %u in the file has a field that is not "
                         "text."),
                      index);
      else if (enabled != NULL && strcmp (enabled, "true") != 0
               && strcmp (enabled, "false") != 0)
        ok = invalid (error,
                      _ ("Rule %u in the file must be enabled with true or "
                         "false."),
                      index);
      if (!ok)
        break;

      rule = desk_guideline_rule_new (kind, severity, language, pattern,
                                      replacement);
      desk_guideline_rule_set_network (rule, network);
      desk_guideline_rule_set_explanation (rule, explanation);
      desk_guideline_rule_set_enabled (rule, g_strcmp0 (enabled, "false") != 0);
      g_ptr_array_add (rules, rule);

      if (!desk_guideline_rule_validate (rule, &rule_error))
        {
          ok = invalid (error, _ ("Rule %u in the file: %s"), index,
                        rule_error->message);
          break;
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = invalid (error, _ ("The file is not valid JSON."));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return ok ? g_steal_pointer (&rules) : NULL;
}

/* In a merge, a template of the same name, language and formality is
 * the same template: it is updated instead of doubled. */
static gboolean
merge_template (DeskStore *self, DeskTemplate *template, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "UPDATE template SET category = ?1, shortcut = ?2, body = ?3"
      " WHERE id = (SELECT id FROM template WHERE name = ?4 AND language = ?5"
      "  AND formal = ?6 ORDER BY id LIMIT 1)",
      error);

  if (stmt == NULL)
    return FALSE;

  _desk_bind_text (stmt, 1, desk_template_get_category (template));
  _desk_bind_text (stmt, 2, desk_template_get_shortcut (template));
  _desk_bind_text (stmt, 3, desk_template_get_body (template));
  _desk_bind_text (stmt, 4, desk_template_get_name (template));
  _desk_bind_text (stmt, 5, desk_template_get_language (template));
  sqlite3_bind_int (
      stmt, 6, desk_template_get_formality (template) == DESK_FORMALITY_FORMAL);
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (_desk_store_get_db (self)) > 0)
    return TRUE;
  return insert_template (self, template, error) > 0;
}

static gboolean
merge_rule (DeskStore *self, DeskGuidelineRule *rule, GError **error)
{
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "UPDATE guideline_rule SET severity = ?1, replacement = ?2,"
      " explanation = ?3, enabled = ?4"
      " WHERE id = (SELECT id FROM guideline_rule WHERE kind = ?5"
      "  AND language IS ?6 AND network IS ?7 AND pattern = ?8"
      "  ORDER BY id LIMIT 1)",
      error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, desk_guideline_rule_get_severity (rule));
  _desk_bind_text (stmt, 2, desk_guideline_rule_get_replacement (rule));
  _desk_bind_text (stmt, 3, desk_guideline_rule_get_explanation (rule));
  sqlite3_bind_int (stmt, 4, desk_guideline_rule_get_enabled (rule));
  _desk_bind_text (
      stmt, 5, desk_rule_kind_to_string (desk_guideline_rule_get_kind (rule)));
  _desk_bind_text (stmt, 6, desk_guideline_rule_get_language (rule));
  _desk_bind_text (stmt, 7, desk_guideline_rule_get_network (rule));
  _desk_bind_text (stmt, 8, desk_guideline_rule_get_pattern (rule));
  if (!_desk_store_exec_stmt (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (_desk_store_get_db (self)) > 0)
    return TRUE;
  return insert_rule (self, rule, error) > 0;
}

/* Reads a document written by desk_store_export_guidelines (or by hand)
 * and adds its templates and rules (@mode). The whole document is
 * checked first: on any error nothing changes and @error says what is
 * wrong, in words for the user. */
gboolean
desk_store_import_guidelines (DeskStore *self,
                              const char *json,
                              DeskImportMode mode,
                              guint *n_templates,
                              guint *n_rules,
                              GError **error)
{
  g_autoptr (GPtrArray) templates = NULL;
  g_autoptr (GPtrArray) rules = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (
      mode == DESK_IMPORT_MERGE || mode == DESK_IMPORT_REPLACE, FALSE);

  if (strlen (json) > MAX_IMPORT_BYTES)
    return invalid (error, _ ("The file is too large for guidelines."));
  if (!g_utf8_validate (json, -1, NULL))
    return invalid (error, _ ("The file is not valid JSON."));

  if (!read_document (self, json, error)
      || (templates = read_templates (self, json, error)) == NULL
      || (rules = read_rules (self, json, error)) == NULL)
    return FALSE;

  if (!_desk_store_begin (self, error))
    return FALSE;

  if (mode == DESK_IMPORT_REPLACE && !delete_all (self, error))
    goto fail;
  for (guint i = 0; i < templates->len; i++)
    if (!merge_template (self, g_ptr_array_index (templates, i), error))
      goto fail;
  for (guint i = 0; i < rules->len; i++)
    if (!merge_rule (self, g_ptr_array_index (rules, i), error))
      goto fail;
  /* An imported set, even an empty one, is the team's choice: the
   * defaults must not come back over it. */
  if (!mark_seeded (self, error))
    goto fail;

  if (!_desk_store_commit (self, error))
    return FALSE;

  if (n_templates != NULL)
    *n_templates = templates->len;
  if (n_rules != NULL)
    *n_rules = rules->len;
  return TRUE;

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* Similar answers */

static gboolean
is_stop_word (const char *word)
{
  for (guint i = 0; stop_words[i] != NULL; i++)
    if (strcmp (stop_words[i], word) == 0)
      return TRUE;
  return FALSE;
}

/* Cuts a common German or English ending, keeping at least four
 * letters, so the prefix query finds the word's relatives. */
static char *
stem (const char *word)
{
  glong length = g_utf8_strlen (word, -1);

  for (guint i = 0; endings[i] != NULL; i++)
    {
      glong n = (glong) strlen (endings[i]);

      if (length - n >= 4 && g_str_has_suffix (word, endings[i]))
        return g_strndup (word, strlen (word) - n);
    }
  return g_strdup (word);
}

static int
compare_length (gconstpointer a, gconstpointer b)
{
  glong la = g_utf8_strlen (*(const char **) a, -1);
  glong lb = g_utf8_strlen (*(const char **) b, -1);

  return (lb > la) - (lb < la);
}

/* An FTS5 query of the significant words of @text: no stop words, no
 * short words or numbers; each cut to its stem, quoted and searched as a
 * prefix; OR-ed, as a similar question shares some words, not all. The
 * longest words are kept when there are too many. NULL if none is left. */
static char *
similarity_query (const char *text)
{
  g_autoptr (GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *query;
  const char *p = lower;

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *word = NULL;
      gboolean letters = FALSE;
      char *term;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        {
          letters |= g_unichar_isalpha (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }
      if (p == start)
        break;

      word = g_strndup (start, p - start);
      if (!letters || g_utf8_strlen (word, -1) < 3 || is_stop_word (word))
        continue;
      term = stem (word);
      if (g_hash_table_contains (seen, term))
        {
          g_free (term);
          continue;
        }
      g_hash_table_add (seen, term);
      g_ptr_array_add (terms, term);
    }

  if (terms->len == 0)
    return NULL;

  g_ptr_array_sort (terms, compare_length);
  query = g_string_new (NULL);
  for (guint i = 0; i < terms->len && i < MAX_QUERY_TERMS; i++)
    g_string_append_printf (query, "%s\"%s\"*", i > 0 ? " OR " : "",
                            (const char *) g_ptr_array_index (terms, i));
  return g_string_free (query, FALSE);
}

static char *
recent_customer_text (DeskStore *self, gint64 conversation_id, GError **error)
{
  GString *text = g_string_new (NULL);
  sqlite3_stmt *stmt = _desk_store_prepare (
      self,
      "SELECT body FROM message WHERE conversation_id = ? AND +direction = 0"
      " ORDER BY created_at DESC, id DESC LIMIT ?",
      error);
  int rc;

  if (stmt == NULL)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int (stmt, 2, RECENT_MESSAGES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (text, "%s\n", _desk_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* Finds closed conversations whose customer wrote something like the
 * recent messages of @conversation_id, best first (FTS5 bm25), with the
 * answer the team gave: the first reply after the best matching message,
 * or else the last reply. Conversations without a sent reply are left
 * out, and so is @conversation_id. Returns a GPtrArray of
 * DeskSimilarAnswer, maybe empty. */
GPtrArray *
desk_store_find_similar_answers (DeskStore *self,
                                 gint64 conversation_id,
                                 guint limit,
                                 GError **error)
{
  g_autoptr (GPtrArray) answers = NULL;
  g_autofree char *text = NULL;
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  text = recent_customer_text (self, conversation_id, error);
  if (text == NULL)
    return NULL;

  answers = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_similar_answer_free);
  query = similarity_query (text);
  if (query == NULL || limit == 0)
    return g_steal_pointer (&answers);

  /* The full-text hits are materialised first: bm25 () and snippet ()
   * only work while FTS5 walks its matches, not inside an aggregate.
   * Then min (score) with bare columns: SQLite takes those from the row
   * with the best score, i.e. the best matching message per
   * conversation. */
  stmt = _desk_store_prepare (
      self,
      "WITH hits AS MATERIALIZED ("
      "  SELECT m.id AS message_id, m.conversation_id, m.created_at,"
      "   snippet (message_fts, 0, '', '', '…', 24) AS excerpt,"
      "   bm25 (message_fts) AS score"
      "  FROM message_fts JOIN message m ON m.id = message_fts.rowid"
      "  JOIN conversation c ON c.id = m.conversation_id"
      "  WHERE message_fts MATCH ?1 AND m.direction = 0 AND c.status = 3"
      "  AND c.id <> ?2),"
      " best AS ("
      "  SELECT message_id, conversation_id, created_at, excerpt,"
      "   min (score) AS score FROM hits GROUP BY conversation_id),"
      " answered AS ("
      "  SELECT b.conversation_id, cu.display_name AS customer_name,"
      "   b.excerpt, b.score,"
      "   coalesce ((SELECT a.body FROM message a"
      "     WHERE a.conversation_id = b.conversation_id AND +a.direction = 1"
      "     AND a.delivery = 3 AND (a.created_at > b.created_at"
      "      OR (a.created_at = b.created_at AND a.id > b.message_id))"
      "     ORDER BY a.created_at, a.id LIMIT 1),"
      "    (SELECT a.body FROM message a"
      "     WHERE a.conversation_id = b.conversation_id AND +a.direction = 1"
      "     AND a.delivery = 3 ORDER BY a.created_at DESC, a.id DESC LIMIT 1))"
      "    AS answer"
      "  FROM best b JOIN conversation c ON c.id = b.conversation_id"
      "  LEFT JOIN customer cu ON cu.id = c.customer_id)"
      " SELECT conversation_id, customer_name, excerpt, answer, score"
      " FROM answered WHERE answer IS NOT NULL"
      " ORDER BY score, conversation_id LIMIT ?3",
      error);
  if (stmt == NULL)
    return NULL;

  _desk_bind_text (stmt, 1, query);
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  sqlite3_bind_int (stmt, 3, (int) MIN (limit, G_MAXINT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskSimilarAnswer *answer = g_new0 (DeskSimilarAnswer, 1);

      answer->conversation_id = sqlite3_column_int64 (stmt, 0);
      answer->customer_name = g_strdup (_desk_column_text (stmt, 1));
      answer->matched_text = g_strdup (_desk_column_text (stmt, 2));
      answer->answer = g_strdup (_desk_column_text (stmt, 3));
      /* bm25 is better when lower (negative); turn it round. */
      answer->rank = -sqlite3_column_double (stmt, 4);
      g_ptr_array_add (answers, answer);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _desk_store_set_error (error, _desk_store_get_db (self), rc);
      return NULL;
    }
  return g_steal_pointer (&answers);
}
