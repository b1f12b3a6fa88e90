/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "core/desk-template.h"

static GHashTable *
make_values (const char *first_key, ...)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL;
       key = va_arg (args, const char *))
    g_hash_table_insert (values, (gpointer) key, va_arg (args, char *));
  va_end (args);
  return values;
}

static void
assert_expands (const char *text, GHashTable *values, const char *expected)
{
  g_autofree char *expanded = desk_template_expand_text (text, values);

  g_assert_cmpstr (expanded, ==, expected);
}

static void
test_expand (void)
{
  g_autoptr (GHashTable) values = make_values (
      "customer_name", "Jörg", "agent_name", "Anna", "case_number", "", NULL);

  assert_expands ("Hallo {customer_name}, viele Grüße {agent_name}", values,
                  "Hallo Jörg, viele Grüße Anna");
  /* fallbacks: a missing or empty value */
  assert_expands ("Hi {company|there}!", values, "Hi there!");
  assert_expands ("Fall {case_number|unbekannt}", values, "Fall unbekannt");
  assert_expands ("Hallo {customer_name|zusammen}", NULL, "Hallo zusammen");
  assert_expands ("Hallo {customer_name|}!", NULL, "Hallo !");
  /* names are read without regard to case or inner spaces */
  assert_expands ("{ Customer_Name }", values, "Jörg");
  /* no value and no fallback: stays, so the agent sees the gap */
  assert_expands ("Vorgang {case_number}", values, "Vorgang {case_number}");
  assert_expands ("{unknown} und {agent_name}", values, "{unknown} und Anna");
  /* escaped and stray braces */
  assert_expands ("{{customer_name}} kostet {{5}}", values,
                  "{customer_name} kostet {5}");
  assert_expands ("a { b } c {1} {", values, "a { b } c {1} {");
  assert_expands ("{customer_name", values, "{customer_name");
  assert_expands ("😊 {customer_name} 😊", values, "😊 Jörg 😊");
  assert_expands ("", values, "");
}

static void
test_placeholders (void)
{
  const char *const *names = desk_template_get_placeholder_names ();

  g_assert_true (g_strv_contains (names, "customer_name"));
  g_assert_true (g_strv_contains (names, "agent_name"));
  g_assert_true (g_strv_contains (names, "case_number"));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_nonnull (desk_template_describe_placeholder (names[i]));
  g_assert_null (desk_template_describe_placeholder ("nothing"));
}

static void
assert_shortcut (const char *text,
                 gsize cursor,
                 gboolean found,
                 gsize start,
                 gsize end,
                 const char *prefix)
{
  g_autofree char *typed = NULL;
  gsize token_start = 0, token_end = 0;

  g_assert_cmpint (desk_template_find_shortcut (text, cursor, &token_start,
                                                &token_end, &typed),
                   ==, found);
  if (!found)
    return;
  g_assert_cmpuint (token_start, ==, start);
  g_assert_cmpuint (token_end, ==, end);
  g_assert_cmpstr (typed, ==, prefix);
}

static void
test_find_shortcut (void)
{
  assert_shortcut ("/dan", 4, TRUE, 0, 4, "dan");
  assert_shortcut ("/", 1, TRUE, 0, 1, "");
  assert_shortcut ("Hallo /so", 9, TRUE, 6, 9, "so");
  assert_shortcut ("Hallo\n/so", 9, TRUE, 6, 9, "so");
  /* cursor inside the word: the token runs to its end */
  assert_shortcut ("x /danke y", 5, TRUE, 2, 8, "da");
  /* umlauts count in bytes */
  assert_shortcut ("Grüße /bü", 12, TRUE, 8, 12, "bü");
  assert_shortcut ("😊 /ack", 9, TRUE, 5, 9, "ack");
  /* no shortcut */
  assert_shortcut ("und/oder", 8, FALSE, 0, 0, NULL);
  assert_shortcut ("https://example.org/faq", 23, FALSE, 0, 0, NULL);
  assert_shortcut ("danke", 5, FALSE, 0, 0, NULL);
  assert_shortcut ("/danke bitte", 12, FALSE, 0, 0, NULL);
  assert_shortcut ("", 0, FALSE, 0, 0, NULL);
  /* a cursor inside a character is moved to its start */
  assert_shortcut ("/ü", 2, TRUE, 0, 3, "");
}

static GPtrArray *
make_templates (void)
{
  GPtrArray *templates = g_ptr_array_new_with_free_func (g_object_unref);
  const struct
  {
    const char *name;
    const char *shortcut;
    guint uses;
  } rows[] = {
    { "Danke", "danke", 2 },
    { "Danke für Lob", "dankelob", 9 },
    { "Datenschutz", "datenschutz", 1 },
    { "Sorry", "sorry", 20 },
    { "Ohne Kürzel", NULL, 50 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      DeskTemplate *template = desk_template_new (
          rows[i].name, "de", DESK_FORMALITY_FORMAL, "Text");

      desk_template_set_shortcut (template, rows[i].shortcut);
      desk_template_set_usage_count (template, rows[i].uses);
      g_ptr_array_add (templates, template);
    }
  return templates;
}

static const char *
name_at (GPtrArray *templates, guint i)
{
  return desk_template_get_name (g_ptr_array_index (templates, i));
}

static void
test_complete (void)
{
  g_autoptr (GPtrArray) templates = make_templates ();
  g_autoptr (GPtrArray) matches = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) upper = NULL;
  g_autoptr (GPtrArray) none = NULL;
  gsize start, end;

  /* the exact match first, then the most used */
  matches
      = desk_template_complete (templates, "Hallo /danke", 12, &start, &end);
  g_assert_nonnull (matches);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpstr (name_at (matches, 0), ==, "Danke");
  g_assert_cmpstr (name_at (matches, 1), ==, "Danke für Lob");
  g_assert_cmpuint (start, ==, 6);
  g_assert_cmpuint (end, ==, 12);
  g_clear_pointer (&matches, g_ptr_array_unref);

  matches = desk_template_complete (templates, "/da", 3, NULL, NULL);
  g_assert_cmpuint (matches->len, ==, 3);
  g_assert_cmpstr (name_at (matches, 0), ==, "Danke für Lob");
  g_assert_cmpstr (name_at (matches, 1), ==, "Danke");
  g_assert_cmpstr (name_at (matches, 2), ==, "Datenschutz");

  /* "/" alone lists every template with a shortcut, most used first */
  all = desk_template_complete (templates, "/", 1, NULL, NULL);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (name_at (all, 0), ==, "Sorry");

  upper = desk_template_complete (templates, "/SOR", 4, NULL, NULL);
  g_assert_cmpuint (upper->len, ==, 1);

  none = desk_template_complete (templates, "/xyz", 4, NULL, NULL);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_null (desk_template_complete (templates, "danke", 5, NULL, NULL));
}

static void
assert_inserts (const char *text,
                gsize cursor,
                const char *insertion,
                const char *expected,
                gsize expected_cursor)
{
  gsize new_cursor = 0;
  g_autofree char *result
      = desk_template_insert (text, cursor, insertion, &new_cursor);

  g_assert_cmpstr (result, ==, expected);
  g_assert_cmpuint (new_cursor, ==, expected_cursor);
}

static void
test_insert (void)
{
  /* the typed shortcut is replaced, the rest kept */
  assert_inserts ("@kunde /danke", 13, "Vielen Dank!", "@kunde Vielen Dank!",
                  19);
  assert_inserts ("/da und mehr", 3, "Danke.", "Danke. und mehr", 6);
  /* no shortcut: inserted at the cursor, with a space where words met */
  assert_inserts ("Hallo Anna,Grüße", 11, "danke!", "Hallo Anna, danke! Grüße",
                  18);
  assert_inserts ("Hallo ", 6, "Text", "Hallo Text", 10);
  assert_inserts ("", 0, "Text", "Text", 4);
  assert_inserts ("Ende", 0, "Anfang", "Anfang Ende", 6);
  assert_inserts ("Satz", 4, ".", "Satz.", 5);
  /* byte offsets after umlauts and emoji */
  assert_inserts ("Grüße 😊 /so", 16, "Sorry!", "Grüße 😊 Sorry!", 19);
  /* {cursor} marks where the agent goes on typing */
  assert_inserts ("/x", 2, "Hallo {cursor}, bis bald", "Hallo , bis bald", 6);
}

static void
test_defaults (void)
{
  g_autoptr (GPtrArray) templates = desk_template_get_defaults ();
  guint de_formal = 0, de_informal = 0, en = 0;

  for (guint i = 0; i < templates->len; i++)
    {
      DeskTemplate *template = g_ptr_array_index (templates, i);
      const char *language = desk_template_get_language (template);
      g_autofree char *expanded = NULL;

      g_assert_nonnull (desk_template_get_shortcut (template));
      g_assert_nonnull (desk_template_get_category (template));
      g_assert_true (
          g_utf8_validate (desk_template_get_body (template), -1, NULL));
      /* every one signs with the agent's name */
      g_assert_nonnull (
          strstr (desk_template_get_body (template), "{agent_name}"));

      expanded = desk_template_expand (template, NULL);
      g_assert_null (strstr (expanded, "{customer_name"));
      /* Bluesky counts 300; leave room for names */
      g_assert_cmpint (g_utf8_strlen (expanded, -1), <=, 260);

      if (g_str_equal (language, "en"))
        en++;
      else if (desk_template_get_formality (template) == DESK_FORMALITY_FORMAL)
        de_formal++;
      else
        de_informal++;
    }

  g_assert_cmpuint (de_formal, >=, 8);
  g_assert_cmpuint (de_informal, ==, de_formal);
  g_assert_cmpuint (en, >=, 8);
}

static void
on_notify_cb (GObject *object G_GNUC_UNUSED,
              GParamSpec *pspec G_GNUC_UNUSED,
              gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* Each property notifies once per real change and not at all when set
 * to the value it has. */
static void
test_properties_notify (void)
{
  g_autoptr (DeskTemplate) template
      = desk_template_new ("Name", "de", DESK_FORMALITY_FORMAL, "Body");
  const char *const properties[]
      = { "name", "category", "language", "shortcut", "body" };

  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", properties[i], NULL);
      guint count = 0;
      gulong id = g_signal_connect (template, signal, G_CALLBACK (on_notify_cb),
                                    &count);

      g_object_set (template, properties[i], "changed", NULL);
      g_assert_cmpuint (count, ==, 1);
      g_object_set (template, properties[i], "changed", NULL);
      g_assert_cmpuint (count, ==, 1);
      g_signal_handler_disconnect (template, id);
    }

  {
    guint count = 0;

    g_signal_connect (template, "notify::usage-count",
                      G_CALLBACK (on_notify_cb), &count);
    g_signal_connect (template, "notify::formality", G_CALLBACK (on_notify_cb),
                      &count);
    g_signal_connect (template, "notify::id", G_CALLBACK (on_notify_cb),
                      &count);
    desk_template_set_usage_count (template, 3);
    desk_template_set_usage_count (template, 3);
    desk_template_set_formality (template, DESK_FORMALITY_INFORMAL);
    desk_template_set_formality (template, DESK_FORMALITY_INFORMAL);
    desk_template_set_id (template, 7);
    desk_template_set_id (template, 7);
    g_assert_cmpuint (count, ==, 3);
  }

  /* the slash is not part of the stored shortcut */
  desk_template_set_shortcut (template, "/danke");
  g_assert_cmpstr (desk_template_get_shortcut (template), ==, "danke");
  desk_template_set_shortcut (template, " ");
  g_assert_null (desk_template_get_shortcut (template));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/expand", test_expand);
  g_test_add_func ("/template/placeholders", test_placeholders);
  g_test_add_func ("/template/find-shortcut", test_find_shortcut);
  g_test_add_func ("/template/complete", test_complete);
  g_test_add_func ("/template/insert", test_insert);
  g_test_add_func ("/template/defaults", test_defaults);
  g_test_add_func ("/template/properties-notify", test_properties_notify);

  return g_test_run ();
}
