/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "core/desk-store-guidelines.h"
#include "core/desk-store-private.h"

#define NOW 1795000000 /* 2026-11-19 */

typedef struct
{
  char *dir;
  DeskClock *clock;
  DeskStore *store;
  gint64 account;
} Fixture;

static DeskStore *
open_store (Fixture *f, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  DeskStore *store = desk_store_open (path, f->clock, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("desk-guidelines-XXXXXX", &error);
  g_assert_no_error (error);
  f->clock = desk_clock_new_fake (NOW);
  f->store = open_store (f, "socialdesk.db");
  f->account = desk_store_add_account (f->store, "mastodon", "109", "@shop",
                                       "Shop", "social.example", FALSE, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
count (DeskStore *store, const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_cmpint (
      sqlite3_prepare_v2 (_desk_store_get_db (store), sql, -1, &stmt, NULL), ==,
      SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static GPtrArray *
list_templates (DeskStore *store, const char *language, DeskFormality formality)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *templates
      = desk_store_list_templates (store, language, formality, &error);

  g_assert_no_error (error);
  g_assert_nonnull (templates);
  return templates;
}

static GPtrArray *
list_rules (DeskStore *store, gboolean enabled_only)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *rules
      = desk_store_list_guideline_rules (store, enabled_only, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}

static DeskTemplate *
add_template (DeskStore *store,
              const char *name,
              const char *language,
              DeskFormality formality,
              const char *shortcut)
{
  g_autoptr (GError) error = NULL;
  DeskTemplate *template = desk_template_new (name, language, formality,
                                              "Hallo {customer_name|zusammen}");
  gint64 id;

  desk_template_set_shortcut (template, shortcut);
  desk_template_set_category (template, "Test");
  id = desk_store_add_template (store, template, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (desk_template_get_id (template), ==, id);
  return template;
}

static void
test_templates (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr (DeskTemplate) sie
      = add_template (f->store, "Danke", "de", DESK_FORMALITY_FORMAL, "/danke");
  g_autoptr (DeskTemplate) du = add_template (f->store, "Danke", "de",
                                              DESK_FORMALITY_INFORMAL, "danke");
  g_autoptr (DeskTemplate) english = add_template (
      f->store, "Thanks", "en", DESK_FORMALITY_FORMAL, "thanks");
  g_autoptr (DeskTemplate) empty = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) formal = NULL;
  g_autoptr (GPtrArray) informal = NULL;
  g_autoptr (GPtrArray) informal_en = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;
  DeskTemplate *loaded;

  all = list_templates (f->store, NULL, DESK_FORMALITY_ANY);
  g_assert_cmpuint (all->len, ==, 3);
  formal = list_templates (f->store, "de", DESK_FORMALITY_FORMAL);
  g_assert_cmpuint (formal->len, ==, 1);
  loaded = g_ptr_array_index (formal, 0);
  g_assert_cmpint (desk_template_get_id (loaded), ==,
                   desk_template_get_id (sie));
  g_assert_cmpstr (desk_template_get_shortcut (loaded), ==, "danke");
  g_assert_cmpstr (desk_template_get_category (loaded), ==, "Test");
  g_assert_cmpstr (desk_template_get_body (loaded), ==,
                   "Hallo {customer_name|zusammen}");
  informal = list_templates (f->store, "de", DESK_FORMALITY_INFORMAL);
  g_assert_cmpuint (informal->len, ==, 1);
  g_assert_cmpint (
      desk_template_get_formality (g_ptr_array_index (informal, 0)), ==,
      DESK_FORMALITY_INFORMAL);
  /* English has no du: the formality filter does not hide it */
  informal_en = list_templates (f->store, "en", DESK_FORMALITY_INFORMAL);
  g_assert_cmpuint (informal_en->len, ==, 1);

  desk_template_set_body (du, "Hey {customer_name}!");
  desk_template_set_usage_count (du, 99); /* not written by an update */
  g_assert_true (desk_store_update_template (f->store, du, &error));
  g_assert_no_error (error);
  g_clear_pointer (&informal, g_ptr_array_unref);
  informal = list_templates (f->store, "de", DESK_FORMALITY_INFORMAL);
  loaded = g_ptr_array_index (informal, 0);
  g_assert_cmpstr (desk_template_get_body (loaded), ==, "Hey {customer_name}!");
  g_assert_cmpuint (desk_template_get_usage_count (loaded), ==, 0);

  g_assert_true (desk_store_delete_template (
      f->store, desk_template_get_id (english), &error));
  g_assert_false (desk_store_delete_template (
      f->store, desk_template_get_id (english), &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = list_templates (f->store, NULL, DESK_FORMALITY_ANY);
  g_assert_cmpuint (after->len, ==, 2);

  /* a template needs a name, a language and a text */
  empty = desk_template_new (" ", "de", DESK_FORMALITY_FORMAL, "Text");
  g_assert_cmpint (desk_store_add_template (f->store, empty, &error), ==, 0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  desk_template_set_name (empty, "Name");
  desk_template_set_body (empty, "");
  g_assert_cmpint (desk_store_add_template (f->store, empty, &error), ==, 0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

static void
test_usage_counts (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr (DeskTemplate) a
      = add_template (f->store, "A", "de", DESK_FORMALITY_FORMAL, "a");
  g_autoptr (DeskTemplate) b
      = add_template (f->store, "B", "de", DESK_FORMALITY_FORMAL, "b");
  g_autoptr (DeskTemplate) c
      = add_template (f->store, "C", "de", DESK_FORMALITY_FORMAL, "c");
  g_autoptr (GPtrArray) templates = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    g_assert_true (desk_store_record_template_use (
        f->store, desk_template_get_id (c), 0, "Anna", &error));
  g_assert_true (desk_store_record_template_use (
      f->store, desk_template_get_id (b), 0, "Anna", &error));
  g_assert_no_error (error);

  templates = list_templates (f->store, "de", DESK_FORMALITY_ANY);
  g_assert_cmpstr (desk_template_get_name (g_ptr_array_index (templates, 0)),
                   ==, "C");
  g_assert_cmpuint (
      desk_template_get_usage_count (g_ptr_array_index (templates, 0)), ==, 3);
  g_assert_cmpstr (desk_template_get_name (g_ptr_array_index (templates, 1)),
                   ==, "B");
  g_assert_cmpint (desk_template_get_id (g_ptr_array_index (templates, 2)), ==,
                   desk_template_get_id (a));

  /* the reports see each use */
  g_assert_cmpint (
      count (f->store, "SELECT count (*) FROM event WHERE kind = 'template'"),
      ==, 4);

  g_assert_false (
      desk_store_record_template_use (f->store, 4711, 0, "Anna", &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (
      count (f->store, "SELECT count (*) FROM event WHERE kind = 'template'"),
      ==, 4);
}

static void
test_rules (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr (DeskGuidelineRule) rule = desk_guideline_rule_new (
      DESK_RULE_AVOID, DESK_SEVERITY_ERROR, "de", "geht nicht|unmöglich",
      "Wir finden eine Lösung");
  g_autoptr (DeskGuidelineRule) empty = desk_guideline_rule_new (
      DESK_RULE_BLAME, DESK_SEVERITY_INFO, NULL, " | ", NULL);
  g_autoptr (DeskGuidelineRule) length = desk_guideline_rule_new (
      DESK_RULE_MAX_LENGTH, DESK_SEVERITY_INFO, NULL, "zwei", NULL);
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (GPtrArray) enabled = NULL;
  g_autoptr (GError) error = NULL;
  DeskGuidelineRule *loaded;
  gint64 id;

  desk_guideline_rule_set_network (rule, "mastodon");
  desk_guideline_rule_set_explanation (rule, "Sag, was geht.");
  id = desk_store_add_guideline_rule (f->store, rule, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  rules = list_rules (f->store, FALSE);
  g_assert_cmpuint (rules->len, ==, 1);
  loaded = g_ptr_array_index (rules, 0);
  g_assert_cmpint (desk_guideline_rule_get_id (loaded), ==, id);
  g_assert_cmpint (desk_guideline_rule_get_kind (loaded), ==, DESK_RULE_AVOID);
  g_assert_cmpint (desk_guideline_rule_get_severity (loaded), ==,
                   DESK_SEVERITY_ERROR);
  g_assert_cmpstr (desk_guideline_rule_get_language (loaded), ==, "de");
  g_assert_cmpstr (desk_guideline_rule_get_network (loaded), ==, "mastodon");
  g_assert_cmpstr (desk_guideline_rule_get_pattern (loaded), ==,
                   "geht nicht|unmöglich");
  g_assert_cmpstr (desk_guideline_rule_get_replacement (loaded), ==,
                   "Wir finden eine Lösung");
  g_assert_cmpstr (desk_guideline_rule_get_explanation (loaded), ==,
                   "Sag, was geht.");
  g_assert_true (desk_guideline_rule_get_enabled (loaded));

  g_assert_true (
      desk_store_set_guideline_rule_enabled (f->store, id, FALSE, &error));
  enabled = list_rules (f->store, TRUE);
  g_assert_cmpuint (enabled->len, ==, 0);

  desk_guideline_rule_set_severity (rule, DESK_SEVERITY_INFO);
  desk_guideline_rule_set_pattern (rule, "geht nicht");
  g_assert_true (desk_store_update_guideline_rule (f->store, rule, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rules, g_ptr_array_unref);
  rules = list_rules (f->store, FALSE);
  loaded = g_ptr_array_index (rules, 0);
  g_assert_cmpint (desk_guideline_rule_get_severity (loaded), ==,
                   DESK_SEVERITY_INFO);
  g_assert_cmpstr (desk_guideline_rule_get_pattern (loaded), ==, "geht nicht");
  /* the update wrote the object's state, enabled included */
  g_assert_true (desk_guideline_rule_get_enabled (loaded));

  /* rules that could never fire are refused */
  g_assert_cmpint (desk_store_add_guideline_rule (f->store, empty, &error), ==,
                   0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (desk_store_add_guideline_rule (f->store, length, &error), ==,
                   0);
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (desk_store_delete_guideline_rule (f->store, id, &error));
  g_assert_false (desk_store_delete_guideline_rule (f->store, id, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (
      desk_store_set_guideline_rule_enabled (f->store, id, TRUE, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_NOT_FOUND);
}

static void
test_defaults (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr (GPtrArray) defaults = desk_template_get_defaults ();
  g_autoptr (GPtrArray) default_rules = desk_guideline_rule_get_defaults ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (GPtrArray) templates = NULL;

  g_assert_true (desk_store_ensure_default_guidelines (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM template"), ==,
                   defaults->len);
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM guideline_rule"), ==,
                   default_rules->len);

  /* a second start adds nothing */
  g_assert_true (desk_store_ensure_default_guidelines (f->store, &error));
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM template"), ==,
                   defaults->len);

  /* the stored rules check like the built-in ones */
  rules = list_rules (f->store, TRUE);
  g_assert_cmpuint (rules->len, ==, default_rules->len);
  for (guint i = 0; i < rules->len; i++)
    g_assert_cmpstr (
        desk_guideline_rule_get_pattern (g_ptr_array_index (rules, i)), ==,
        desk_guideline_rule_get_pattern (g_ptr_array_index (default_rules, i)));

  /* a team that deleted them does not get them back */
  g_assert_cmpint (sqlite3_exec (_desk_store_get_db (f->store),
                                 "DELETE FROM template", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (desk_store_ensure_default_guidelines (f->store, &error));
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM template"), ==, 0);

  /* unless it asks for them */
  g_assert_true (desk_store_restore_default_guidelines (f->store, &error));
  g_assert_no_error (error);
  templates = list_templates (f->store, "de", DESK_FORMALITY_INFORMAL);
  g_assert_cmpuint (templates->len, >=, 8);
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM guideline_rule"), ==,
                   default_rules->len);
}

static void
assert_same_templates (GPtrArray *a, GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      DeskTemplate *x = g_ptr_array_index (a, i);
      DeskTemplate *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (desk_template_get_name (x), ==,
                       desk_template_get_name (y));
      g_assert_cmpstr (desk_template_get_category (x), ==,
                       desk_template_get_category (y));
      g_assert_cmpstr (desk_template_get_language (x), ==,
                       desk_template_get_language (y));
      g_assert_cmpint (desk_template_get_formality (x), ==,
                       desk_template_get_formality (y));
      g_assert_cmpstr (desk_template_get_shortcut (x), ==,
                       desk_template_get_shortcut (y));
      g_assert_cmpstr (desk_template_get_body (x), ==,
                       desk_template_get_body (y));
    }
}

static void
assert_same_rules (GPtrArray *a, GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      DeskGuidelineRule *x = g_ptr_array_index (a, i);
      DeskGuidelineRule *y = g_ptr_array_index (b, i);

      g_assert_cmpint (desk_guideline_rule_get_kind (x), ==,
                       desk_guideline_rule_get_kind (y));
      g_assert_cmpint (desk_guideline_rule_get_severity (x), ==,
                       desk_guideline_rule_get_severity (y));
      g_assert_cmpstr (desk_guideline_rule_get_language (x), ==,
                       desk_guideline_rule_get_language (y));
      g_assert_cmpstr (desk_guideline_rule_get_network (x), ==,
                       desk_guideline_rule_get_network (y));
      g_assert_cmpstr (desk_guideline_rule_get_pattern (x), ==,
                       desk_guideline_rule_get_pattern (y));
      g_assert_cmpstr (desk_guideline_rule_get_replacement (x), ==,
                       desk_guideline_rule_get_replacement (y));
      g_assert_cmpstr (desk_guideline_rule_get_explanation (x), ==,
                       desk_guideline_rule_get_explanation (y));
      g_assert_cmpint (desk_guideline_rule_get_enabled (x), ==,
                       desk_guideline_rule_get_enabled (y));
    }
}

static void
test_export_import (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskTemplate) quoted = NULL;
  g_autoptr (DeskGuidelineRule) rule = NULL;
  g_autoptr (DeskStore) other = NULL;
  g_autoptr (GPtrArray) templates = NULL;
  g_autoptr (GPtrArray) other_templates = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (GPtrArray) other_rules = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  guint n_templates = 0, n_rules = 0;

  g_assert_true (desk_store_ensure_default_guidelines (f->store, &error));
  /* text that JSON must escape */
  quoted = add_template (f->store, "Zitat \"mit\" \\ und\nZeile", "de",
                         DESK_FORMALITY_INFORMAL, NULL);
  rule = desk_guideline_rule_new (DESK_RULE_AVOID, DESK_SEVERITY_INFO, NULL,
                                  "😡|grr*", NULL);
  desk_guideline_rule_set_network (rule, "bluesky");
  desk_guideline_rule_set_enabled (rule, FALSE);
  desk_store_add_guideline_rule (f->store, rule, &error);
  g_assert_no_error (error);
  g_assert_true (desk_store_record_template_use (
      f->store, desk_template_get_id (quoted), 0, NULL, &error));

  json = desk_store_export_guidelines (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"format\":\"socialdesk-guidelines\""));
  g_assert_nonnull (strstr (json, "\"version\":1"));
  g_assert_null (strstr (json, "usage"));

  /* into a new workspace */
  other = open_store (f, "other.db");
  g_assert_true (desk_store_ensure_default_guidelines (other, &error));
  g_assert_true (desk_store_import_guidelines (other, json, DESK_IMPORT_REPLACE,
                                               &n_templates, &n_rules, &error));
  g_assert_no_error (error);

  templates = list_templates (f->store, NULL, DESK_FORMALITY_ANY);
  other_templates = list_templates (other, NULL, DESK_FORMALITY_ANY);
  g_assert_cmpuint (n_templates, ==, templates->len);
  g_assert_cmpuint (other_templates->len, ==, templates->len);
  g_clear_pointer (&templates, g_ptr_array_unref);
  g_clear_pointer (&other_templates, g_ptr_array_unref);
  /* the same set: both export the same document */
  {
    g_autofree char *mine = desk_store_export_guidelines (f->store, &error);
    g_autofree char *theirs = desk_store_export_guidelines (other, &error);

    g_assert_cmpstr (mine, ==, theirs);
  }

  rules = list_rules (f->store, FALSE);
  other_rules = list_rules (other, FALSE);
  g_assert_cmpuint (n_rules, ==, rules->len);
  assert_same_rules (rules, other_rules);

  /* a merge of the same set changes nothing and doubles nothing */
  templates = list_templates (f->store, NULL, DESK_FORMALITY_ANY);
  g_assert_true (desk_store_import_guidelines (
      f->store, json, DESK_IMPORT_MERGE, NULL, NULL, &error));
  g_assert_no_error (error);
  other_templates = list_templates (f->store, NULL, DESK_FORMALITY_ANY);
  assert_same_templates (templates, other_templates);
  again = desk_store_export_guidelines (f->store, &error);
  g_assert_cmpstr (again, ==, json);
  /* and keeps the usage counts */
  g_assert_cmpint (count (f->store, "SELECT max (usage_count) FROM template"),
                   ==, 1);
}

static void
test_import_merge_adds (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskTemplate) kept
      = add_template (f->store, "Eigene", "de", DESK_FORMALITY_FORMAL, "eigen");
  const char *json
      = "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
        " \"templates\": [{\"name\": \"Eigene\", \"language\": \"de\","
        "   \"body\": \"Neuer Text\", \"shortcut\": \"/neu\"},"
        "  {\"name\": \"Team\", \"language\": \"en\", \"body\": \"Hi!\","
        "   \"formality\": \"formal\", \"category\": null}],"
        " \"rules\": [{\"kind\": \"blame\", \"pattern\": \"your fault\"}]}";
  g_autoptr (GPtrArray) templates = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  DeskGuidelineRule *rule;

  g_assert_true (desk_store_import_guidelines (
      f->store, json, DESK_IMPORT_MERGE, NULL, NULL, &error));
  g_assert_no_error (error);

  templates = list_templates (f->store, "de", DESK_FORMALITY_ANY);
  g_assert_cmpuint (templates->len, ==, 1);
  g_assert_cmpint (desk_template_get_id (g_ptr_array_index (templates, 0)), ==,
                   desk_template_get_id (kept));
  g_assert_cmpstr (desk_template_get_body (g_ptr_array_index (templates, 0)),
                   ==, "Neuer Text");
  g_assert_cmpstr (
      desk_template_get_shortcut (g_ptr_array_index (templates, 0)), ==, "neu");
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM template"), ==, 2);

  /* optional fields take their defaults */
  rules = list_rules (f->store, FALSE);
  g_assert_cmpuint (rules->len, ==, 1);
  rule = g_ptr_array_index (rules, 0);
  g_assert_cmpint (desk_guideline_rule_get_severity (rule), ==,
                   DESK_SEVERITY_WARNING);
  g_assert_true (desk_guideline_rule_get_enabled (rule));
  g_assert_null (desk_guideline_rule_get_language (rule));

  /* an imported set, even empty, is the team's: no defaults over it */
  g_assert_true (desk_store_import_guidelines (
      f->store,
      "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
      " \"templates\": [], \"rules\": []}",
      DESK_IMPORT_REPLACE, NULL, NULL, &error));
  g_assert_true (desk_store_ensure_default_guidelines (f->store, &error));
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM template"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM guideline_rule"), ==,
                   0);
}

static void
test_import_invalid (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  static const char *const documents[] = {
    "",
    "not json",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,",
    "[1, 2, 3]",
    "{\"format\": \"something-else\", \"version\": 1}",
    "{\"version\": 1, \"templates\": []}",
    "{\"format\": \"socialdesk-guidelines\"}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": \"1\"}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 2}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1.5}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"templates\": {}}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"rules\": \"none\"}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"templates\": [\"Hallo\"]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"templates\": [{\"language\": \"de\", \"body\": \"x\"}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"templates\": [{\"name\": \"A\", \"body\": \"x\"}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"templates\": [{\"name\": \"A\", \"language\": \"de\"}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"templates\": [{\"name\": 5, \"language\": \"de\", \"body\": \"x\"}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"templates\": [{\"name\": \"A\", \"language\": \"de\", \"body\": \"x\","
    " \"formality\": \"casual\"}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"templates\": [{\"name\": \"A\", \"language\": \"de\", \"body\": \"x\","
    " \"shortcut\": [\"a\"]}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"rules\": [{\"pattern\": \"x\"}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"rules\": [{\"kind\": \"telepathy\", \"pattern\": \"x\"}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"rules\": [{\"kind\": \"avoid\", \"pattern\": \"x\","
    " \"severity\": \"fatal\"}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"rules\": [{\"kind\": \"avoid\", \"pattern\": \"x\", \"enabled\": 1}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"rules\": [{\"kind\": \"avoid\", \"pattern\": 7}]}",
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"rules\": [{\"kind\": \"avoid\", \"pattern\": \"\"}]}",
    /* the first entries are fine, the last is not: nothing is added */
    "{\"format\": \"socialdesk-guidelines\", \"version\": 1,"
    " \"templates\": [{\"name\": \"Neu\", \"language\": \"de\","
    " \"body\": \"Text\"}],"
    " \"rules\": [{\"kind\": \"avoid\", \"pattern\": \"ok\"}, 42]}",
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;

  g_assert_true (desk_store_ensure_default_guidelines (f->store, &error));
  before = desk_store_export_guidelines (f->store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    for (DeskImportMode mode = DESK_IMPORT_MERGE; mode <= DESK_IMPORT_REPLACE;
         mode++)
      {
        g_autofree char *after = NULL;
        guint n_templates = 7, n_rules = 7;

        g_assert_false (desk_store_import_guidelines (
            f->store, documents[i], mode, &n_templates, &n_rules, &error));
        g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
        g_test_message ("%s → %s", documents[i], error->message);
        g_clear_error (&error);
        g_assert_cmpuint (n_templates, ==, 7);

        after = desk_store_export_guidelines (f->store, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (after, ==, before);
      }

  /* invalid UTF-8 */
  g_assert_false (
      desk_store_import_guidelines (f->store, "{\"format\": \"\xff\"}",
                                    DESK_IMPORT_REPLACE, NULL, NULL, &error));
  g_assert_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID);
}

/* Similar answers */

static gint64
conversation_id (DeskStore *store, const char *thread)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  sqlite3_prepare_v2 (_desk_store_get_db (store),
                      "SELECT id FROM conversation WHERE thread_remote_id = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, thread, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A conversation with @customer; @turns alternate incoming and outgoing
 * messages, starting with the customer. NULL turns are skipped. */
static gint64
add_conversation (Fixture *f,
                  const char *thread,
                  const char *customer,
                  DeskStatus status,
                  const char *const *turns)
{
  g_autoptr (DeskSyncBatch) batch = desk_sync_batch_new (f->account);
  g_autoptr (GError) error = NULL;
  gint64 at = NOW - 86400;
  gint64 id;

  desk_sync_batch_add_identity (batch, customer, customer, customer);
  for (guint i = 0; turns[i] != NULL; i++)
    {
      g_autofree char *remote = g_strdup_printf ("%s-%u", thread, i);
      gboolean incoming = i % 2 == 0;

      if (*turns[i] == '\0')
        continue;
      desk_sync_batch_add_message (
          batch, remote, thread, DESK_CONVERSATION_KIND_PUBLIC,
          incoming ? DESK_DIRECTION_INCOMING : DESK_DIRECTION_OUTGOING,
          incoming ? customer : NULL, turns[i], at + i * 60);
    }
  g_assert_true (desk_store_apply_batch (f->store, batch, NULL, &error));
  g_assert_no_error (error);

  id = conversation_id (f->store, thread);
  if (status != DESK_STATUS_OPEN)
    {
      g_assert_true (
          desk_store_set_status (f->store, id, status, "Anna", &error));
      g_assert_no_error (error);
    }
  return id;
}

static void
test_similar_answers (Fixture *f, gconstpointer data G_GNUC_UNUSED)
{
  const char *const delivery[]
      = { "Hallo, ich habe eine Frage.",
          "Gern, worum geht es?",
          "Mein Paket ist seit einer Woche nicht angekommen, die "
          "Sendungsverfolgung zeigt nichts. Wo bleibt die Lieferung?",
          "Wir haben beim Versanddienst nachgefragt: Ihr Paket wird morgen "
          "zugestellt.",
          "Danke!",
          "Gern geschehen, schönen Tag!",
          NULL };
  const char *const frame[]
      = { "Der Rahmen meines Rads ist gebrochen. Gilt die Garantie?",
          "Ja, schicken Sie uns bitte Fotos per Direktnachricht.", NULL };
  const char *const open_delivery[]
      = { "Paket nicht angekommen, Lieferung fehlt, Sendungsverfolgung leer",
          "Wir sehen nach.", NULL };
  const char *const unanswered[]
      = { "Lieferung angekommen? Mein Paket fehlt noch immer.", NULL };
  const char *const current[]
      = { "Hallo! Mein Paket ist noch nicht angekommen. Wo bleibt meine "
          "Lieferung?",
          NULL };
  const char *const stop_words_only[] = { "Hallo, wie geht es dir?", NULL };
  gint64 answered, open, now, quiet;
  g_autoptr (GPtrArray) answers = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GError) error = NULL;
  DeskSimilarAnswer *best;

  answered = add_conversation (f, "t-delivery", "jana", DESK_STATUS_CLOSED,
                               delivery);
  add_conversation (f, "t-frame", "ben", DESK_STATUS_CLOSED, frame);
  open = add_conversation (f, "t-open", "carla", DESK_STATUS_OPEN,
                           open_delivery);
  add_conversation (f, "t-unanswered", "dora", DESK_STATUS_CLOSED, unanswered);
  now = add_conversation (f, "t-now", "emil", DESK_STATUS_OPEN, current);
  quiet = add_conversation (f, "t-quiet", "fritz", DESK_STATUS_OPEN,
                            stop_words_only);

  answers = desk_store_find_similar_answers (f->store, now, 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answers);
  g_assert_cmpuint (answers->len, >=, 1);

  best = g_ptr_array_index (answers, 0);
  g_assert_cmpint (best->conversation_id, ==, answered);
  g_assert_cmpstr (best->customer_name, ==, "jana");
  /* the answer to the matching message, not the first or last reply */
  g_assert_cmpstr (best->answer, ==,
                   "Wir haben beim Versanddienst nachgefragt: Ihr Paket wird "
                   "morgen zugestellt.");
  g_assert_nonnull (strstr (best->matched_text, "Paket"));
  g_assert_cmpfloat (best->rank, >, 0);

  for (guint i = 0; i < answers->len; i++)
    {
      DeskSimilarAnswer *answer = g_ptr_array_index (answers, i);

      g_assert_cmpint (answer->conversation_id, !=, open);
      g_assert_cmpint (answer->conversation_id, !=, now);
      g_assert_nonnull (answer->answer);
      if (i > 0)
        g_assert_cmpfloat (
            answer->rank, <=,
            ((DeskSimilarAnswer *) g_ptr_array_index (answers, i - 1))->rank);
    }

  /* a closed conversation is not compared with itself */
  {
    g_autoptr (GPtrArray) own
        = desk_store_find_similar_answers (f->store, answered, 5, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < own->len; i++)
      g_assert_cmpint (
          ((DeskSimilarAnswer *) g_ptr_array_index (own, i))->conversation_id,
          !=, answered);
  }

  /* nothing significant to search for */
  none = desk_store_find_similar_answers (f->store, quiet, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store-guidelines/templates", test_templates);
  ADD ("/store-guidelines/usage-counts", test_usage_counts);
  ADD ("/store-guidelines/rules", test_rules);
  ADD ("/store-guidelines/defaults", test_defaults);
  ADD ("/store-guidelines/export-import", test_export_import);
  ADD ("/store-guidelines/import-merge-adds", test_import_merge_adds);
  ADD ("/store-guidelines/import-invalid", test_import_invalid);
  ADD ("/store-guidelines/similar-answers", test_similar_answers);

#undef ADD

  return g_test_run ();
}
