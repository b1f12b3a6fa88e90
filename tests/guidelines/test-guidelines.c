/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <time.h>

#include "core/desk-guidelines.h"

static DeskGuidelines *checker;

static GPtrArray *
check (const char *text, const DeskCheckContext *context)
{
  return desk_guidelines_check (checker, text, context);
}

/* The findings of @kind in @findings. */
static GPtrArray *
of_kind (GPtrArray *findings, DeskFindingKind kind)
{
  GPtrArray *selected = g_ptr_array_new ();

  for (guint i = 0; i < findings->len; i++)
    {
      DeskFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind == kind)
        g_ptr_array_add (selected, finding);
    }
  return selected;
}

static guint
count_kind (GPtrArray *findings, DeskFindingKind kind)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += ((DeskFinding *) g_ptr_array_index (findings, i))->kind == kind;
  return n;
}

/* Asserts exactly one finding of @kind, covering @covered of @text. */
static DeskFinding *
assert_one (GPtrArray *findings,
            DeskFindingKind kind,
            const char *text,
            const char *covered)
{
  g_autoptr (GPtrArray) selected = of_kind (findings, kind);
  DeskFinding *finding;
  const char *at = strstr (text, covered);

  g_assert_cmpuint (selected->len, ==, 1);
  finding = g_ptr_array_index (selected, 0);
  g_assert_nonnull (at);
  g_assert_cmpuint (finding->start, ==, at - text);
  g_assert_cmpuint (finding->end, ==, at - text + strlen (covered));
  g_assert_nonnull (finding->message);
  return finding;
}

static void
assert_none (GPtrArray *findings, DeskFindingKind kind)
{
  g_autoptr (GPtrArray) selected = of_kind (findings, kind);

  if (selected->len > 0)
    {
      DeskFinding *finding = g_ptr_array_index (selected, 0);

      g_test_message ("unexpected: %s", finding->message);
    }
  g_assert_cmpuint (selected->len, ==, 0);
}

static const DeskCheckContext de = {
  .language = "de",
  .formality = DESK_FORMALITY_ANY,
  .agent_name = "Anna Schmidt",
  .agent_initials = "AS",
  .customer_name = "Jörg",
};

static const DeskCheckContext en = {
  .language = "en",
  .formality = DESK_FORMALITY_ANY,
  .agent_name = "Anna Schmidt",
  .agent_initials = "AS",
  .customer_name = "Tom",
};

static void
test_avoid_phrases (void)
{
  const char *text
      = "Hallo Jörg, 😊 das ist LEIDER NICHT   MÖGLICH. Grüße, Anna";
  g_autoptr (GPtrArray) findings = check (text, &de);
  DeskFinding *finding = assert_one (findings, DESK_FINDING_AVOIDED_PHRASE,
                                     text, "LEIDER NICHT   MÖGLICH");

  g_assert_cmpint (finding->severity, ==, DESK_SEVERITY_WARNING);
  g_assert_cmpstr (finding->replacement, ==,
                   "Das können wir so nicht umsetzen, aber …");
  g_assert_cmpint (finding->rule_id, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* across a line break; not inside a longer word */
  findings = check ("Hallo, das ist leider nicht\nmöglich.", &de);
  g_assert_cmpuint (count_kind (findings, DESK_FINDING_AVOIDED_PHRASE), ==, 1);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = check ("Hallo, leider nicht möglicherweise.", &de);
  assert_none (findings, DESK_FINDING_AVOIDED_PHRASE);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* English, with a typographic apostrophe and sentence case */
  text = "Hi Tom, as I said, that’s not possible. Please calm down.";
  findings = check (text, &en);
  {
    g_autoptr (GPtrArray) avoided
        = of_kind (findings, DESK_FINDING_AVOIDED_PHRASE);
    DeskFinding *first;

    g_assert_cmpuint (avoided->len, ==, 3);
    first = g_ptr_array_index (avoided, 0);
    g_assert_cmpuint (first->start, ==, strstr (text, "as I said") - text);
    g_assert_cmpstr (first->replacement, ==, "To recap:");
  }
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* a capital at the start carries over into the suggestion */
  findings = check ("Wie gesagt: Das geht nicht.", &de);
  {
    g_autoptr (GPtrArray) avoided
        = of_kind (findings, DESK_FINDING_AVOIDED_PHRASE);

    g_assert_cmpuint (avoided->len, ==, 2);
    g_assert_cmpstr (
        ((DeskFinding *) g_ptr_array_index (avoided, 0))->replacement, ==,
        "Zur Sicherheit noch einmal kurz:");
    g_assert_cmpstr (
        ((DeskFinding *) g_ptr_array_index (avoided, 1))->replacement, ==,
        "Das können wir so nicht umsetzen, aber …");
  }
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* German rules stay out of an English reply, and the other way round */
  findings = check ("Hi Tom, leider nicht möglich. Best, Anna", &en);
  assert_none (findings, DESK_FINDING_AVOIDED_PHRASE);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = check ("Hallo Jörg, calm down. Grüße, Anna", &de);
  assert_none (findings, DESK_FINDING_AVOIDED_PHRASE);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* inside a link or handle nothing counts */
  findings = check ("Hallo, siehe https://example.org/das-geht-nicht und "
                    "@wiegesagt. Grüße, Anna",
                    &de);
  assert_none (findings, DESK_FINDING_AVOIDED_PHRASE);
}

static void
test_blame (void)
{
  const char *text = "Hallo Jörg, das war Ihr Fehler. Grüße, Anna";
  g_autoptr (GPtrArray) findings = check (text, &de);

  assert_one (findings, DESK_FINDING_BLAME, text, "Ihr Fehler");
  g_clear_pointer (&findings, g_ptr_array_unref);

  text = "Hi Tom, you should have read the manual. It's your own fault. "
         "Best, Anna";
  findings = check (text, &en);
  {
    g_autoptr (GPtrArray) blame = of_kind (findings, DESK_FINDING_BLAME);

    g_assert_cmpuint (blame->len, ==, 2);
  }
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = check ("Hallo Jörg, Ihr Fehlerbericht ist angekommen, wir "
                    "hätten Sie gern angerufen. Grüße, Anna",
                    &de);
  assert_none (findings, DESK_FINDING_BLAME);
}

static void
test_greeting (void)
{
  const char *text = "Ihre Bestellung ist unterwegs. Viele Grüße, Anna";
  g_autoptr (GPtrArray) findings = check (text, &de);
  DeskFinding *finding
      = assert_one (findings, DESK_FINDING_MISSING_GREETING, text, "Ihre");

  g_assert_cmpstr (finding->replacement, ==, "Hallo Jörg,\nIhre");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* after @handles and emoji; any accepted opening */
  const char *fine[] = {
    "@joerg@mastodon.social Hallo Jörg, alles klar. Grüße, Anna",
    "👋 Moin! Alles klar. Grüße, Anna",
    "Guten Tag Herr Meier, alles klar. Grüße, Anna",
    "Vielen Dank für Ihre Nachricht! Grüße, Anna",
  };
  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr (GPtrArray) ok = check (fine[i], &de);

      assert_none (ok, DESK_FINDING_MISSING_GREETING);
    }

  findings = check ("Hiya Tom, thanks! Best, Anna", &en);
  assert_none (findings, DESK_FINDING_MISSING_GREETING);
  g_clear_pointer (&findings, g_ptr_array_unref);
  /* "Hi" must be a word: "Hilfe" is no greeting */
  findings = check ("Hilfe ist unterwegs. Grüße, Anna", &de);
  g_assert_cmpuint (count_kind (findings, DESK_FINDING_MISSING_GREETING), ==,
                    1);
  g_clear_pointer (&findings, g_ptr_array_unref);
  /* an empty composer is not nagged */
  findings = check ("  \n", &de);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_sign_off (void)
{
  const char *text = "Hallo Jörg, das Paket ist unterwegs.\nViele Grüße";
  g_autoptr (GPtrArray) findings = check (text, &de);
  DeskFinding *finding = assert_one (findings, DESK_FINDING_MISSING_SIGN_OFF,
                                     text, "Viele Grüße");
  g_autofree char *fixed = NULL;
  gsize cursor = 0;

  g_assert_cmpstr (finding->replacement, ==, "Viele Grüße, Anna Schmidt");
  fixed = desk_finding_apply (finding, text, &cursor);
  g_assert_cmpstr (fixed, ==,
                   "Hallo Jörg, das Paket ist unterwegs.\nViele Grüße, Anna "
                   "Schmidt");
  g_assert_cmpuint (cursor, ==, strlen (fixed));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* first name, full name, initials; trailing emoji do not matter */
  const char *fine[] = {
    "Hallo Jörg, alles klar.\nViele Grüße, Anna 😊",
    "Hallo Jörg, alles klar. Anna Schmidt",
    "Hallo Jörg, alles klar. ^AS",
    "Hallo Jörg, alles klar. /AS",
  };
  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr (GPtrArray) ok = check (fine[i], &de);

      assert_none (ok, DESK_FINDING_MISSING_SIGN_OFF);
    }

  /* initials are matched as written: "as" is an English word */
  findings = check ("Hi Tom, it's done as you asked", &en);
  g_assert_cmpuint (count_kind (findings, DESK_FINDING_MISSING_SIGN_OFF), ==,
                    1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* a sign-off without the name: suggest a whole one */
  text = "Hi Tom, your parcel is on its way.";
  findings = check (text, &en);
  finding = assert_one (findings, DESK_FINDING_MISSING_SIGN_OFF, text, text);
  g_assert_cmpstr (finding->replacement, ==,
                   "Hi Tom, your parcel is on its way.\nBest wishes, Anna "
                   "Schmidt");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* without a known agent any closing phrase or initials will do */
  {
    DeskCheckContext anonymous
        = { .language = "de", .formality = DESK_FORMALITY_ANY };
    g_autoptr (GPtrArray) ok = check ("Hallo Jörg, ok.\nLG", &anonymous);
    g_autoptr (GPtrArray) ok2 = check ("Hallo Jörg, ok. ^TK", &anonymous);
    g_autoptr (GPtrArray) missing = check ("Hallo Jörg, ok.", &anonymous);
    DeskFinding *f;

    assert_none (ok, DESK_FINDING_MISSING_SIGN_OFF);
    assert_none (ok2, DESK_FINDING_MISSING_SIGN_OFF);
    f = assert_one (missing, DESK_FINDING_MISSING_SIGN_OFF, "Hallo Jörg, ok.",
                    "Hallo Jörg, ok.");
    /* "{agent_name}" cannot be filled: no fix rather than a bad one */
    g_assert_null (f->replacement);
  }
}

static void
test_length (void)
{
  const char *text = "Hallo Jörg, 0123456789 ok. Grüße, Anna";
  DeskCheckContext context = de;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (DeskGuidelineRule) team = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (DeskGuidelines) own = NULL;
  DeskFinding *finding;

  /* the caller counts: 10 over a limit of 30 */
  context.length = 40;
  context.max_length = 30;
  findings = check (text, &context);
  finding = assert_one (
      findings, DESK_FINDING_TOO_LONG, text,
      g_utf8_offset_to_pointer (text, g_utf8_strlen (text, -1) - 10));
  g_assert_cmpint (finding->severity, ==, DESK_SEVERITY_ERROR);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* with no count given, characters are counted (ü is one) */
  context.length = 0;
  context.max_length = g_utf8_strlen (text, -1);
  findings = check (text, &context);
  assert_none (findings, DESK_FINDING_TOO_LONG);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* the team's own shorter limit, with its severity */
  rules = desk_guideline_rule_get_defaults ();
  team = desk_guideline_rule_new (DESK_RULE_MAX_LENGTH, DESK_SEVERITY_INFO,
                                  NULL, "20", NULL);
  desk_guideline_rule_set_id (team, 42);
  g_ptr_array_add (rules, g_object_ref (team));
  own = desk_guidelines_new (rules);
  context.max_length = 500;
  findings = desk_guidelines_check (own, text, &context);
  finding = assert_one (findings, DESK_FINDING_TOO_LONG, text,
                        g_utf8_offset_to_pointer (text, 20));
  g_assert_cmpint (finding->severity, ==, DESK_SEVERITY_INFO);
  g_assert_cmpint (finding->rule_id, ==, 42);
}

static void
test_shouting (void)
{
  const char *text
      = "Hallo Jörg, das ist ÄUSSERST WICHTIG: DAS IST NICHT OK!!! Grüße, Anna";
  g_autoptr (GPtrArray) findings = check (text, &de);
  g_autoptr (GPtrArray) shouting = of_kind (findings, DESK_FINDING_SHOUTING);
  DeskFinding *words, *marks;

  /* one run, across the colon and the short words in capitals */
  g_assert_cmpuint (shouting->len, ==, 2);
  words = g_ptr_array_index (shouting, 0);
  g_assert_cmpuint (words->start, ==, strstr (text, "ÄUSSERST") - text);
  g_assert_cmpuint (words->end, ==, strstr (text, "!!!") - text);
  g_assert_null (words->replacement);
  marks = g_ptr_array_index (shouting, 1);
  g_assert_cmpuint (marks->start, ==, strstr (text, "!!!") - text);
  g_assert_cmpuint (marks->end, ==, marks->start + 3);
  g_assert_cmpstr (marks->replacement, ==, "!");
  g_clear_pointer (&findings, g_ptr_array_unref);

  text = "Hi Tom, really?! Best, Anna";
  findings = check (text, &en);
  g_assert_cmpstr (
      assert_one (findings, DESK_FINDING_SHOUTING, text, "?!")->replacement, ==,
      "?");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* acronyms, short words, numbers in words, hashtags, one mark */
  findings = check ("Hallo Jörg, laut DSGVO und AGB brauchen wir die IBAN "
                    "nicht. Der USB-C Stecker, Modell XR2000, #SALE. Ok? "
                    "Gut! Grüße, Anna",
                    &de);
  assert_none (findings, DESK_FINDING_SHOUTING);
}

static void
test_mixed_address (void)
{
  const char *text = "Hallo Jörg, können Sie mir sagen, ob du das Paket hast? "
                     "Ich danke Ihnen. Grüße, Anna";
  g_autoptr (GPtrArray) findings = check (text, &de);
  DeskFinding *finding
      = assert_one (findings, DESK_FINDING_MIXED_ADDRESS, text, "du");

  g_assert_cmpstr (finding->replacement, ==, "Sie");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* the fewer informal... here the fewer formal ones are flagged */
  text = "Hallo Jörg, hast du dein Paket? Schreib mir, wenn Ihnen etwas "
         "fehlt. Grüße, Anna";
  findings = check (text, &de);
  finding = assert_one (findings, DESK_FINDING_MIXED_ADDRESS, text, "Ihnen");
  g_assert_cmpstr (finding->replacement, ==, "dir");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* "Sie" opening a sentence may be "she": no mix */
  findings = check ("Hallo Jörg, deine Kollegin hat angerufen. Sie sagt, du "
                    "hast das Paket. Grüße, Anna",
                    &de);
  assert_none (findings, DESK_FINDING_MIXED_ADDRESS);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* the conversation settled on "Sie": every "du" is flagged */
  {
    DeskCheckContext formal = de;

    formal.formality = DESK_FORMALITY_FORMAL;
    text = "Hallo Jörg, hast du das Paket bekommen? Grüße, Anna";
    findings = check (text, &formal);
    assert_one (findings, DESK_FINDING_MIXED_ADDRESS, text, "du");
    g_clear_pointer (&findings, g_ptr_array_unref);
  }

  /* not checked in English */
  findings = check ("Hi Tom, Sie and du are German words. Best, Anna", &en);
  assert_none (findings, DESK_FINDING_MIXED_ADDRESS);
}

static void
test_placeholder (void)
{
  const char *text = "Hallo {customer_name}, Fall {case_number|offen}, "
                     "{{literal}}. Grüße, {agent_name}";
  g_autoptr (GPtrArray) findings = check (text, &de);
  g_autoptr (GPtrArray) placeholders
      = of_kind (findings, DESK_FINDING_PLACEHOLDER);
  DeskFinding *finding;

  g_assert_cmpuint (placeholders->len, ==, 3);
  finding = g_ptr_array_index (placeholders, 0);
  g_assert_cmpuint (finding->start, ==, 6);
  g_assert_cmpstr (finding->replacement, ==, "Jörg");
  g_assert_cmpint (finding->severity, ==, DESK_SEVERITY_ERROR);
  finding = g_ptr_array_index (placeholders, 1);
  g_assert_cmpstr (finding->replacement, ==, "offen");
  finding = g_ptr_array_index (placeholders, 2);
  g_assert_cmpstr (finding->replacement, ==, "Anna Schmidt");
}

static void
test_personal_data (void)
{
  const char *text = "Hallo Jörg, ist 0171 2345678 Ihre Nummer? Grüße, Anna";
  DeskCheckContext context = de;
  g_autoptr (GPtrArray) findings = NULL;
  DeskFinding *finding;
  DeskSeverity worst;

  /* private: nothing to guard */
  findings = check (text, &context);
  assert_none (findings, DESK_FINDING_PERSONAL_DATA);
  g_assert_false (desk_guidelines_blocks_public (findings));
  g_clear_pointer (&findings, g_ptr_array_unref);

  context.is_public = TRUE;
  findings = check (text, &context);
  finding
      = assert_one (findings, DESK_FINDING_PERSONAL_DATA, text, "0171 2345678");
  g_assert_cmpint (finding->pii_kind, ==, DESK_PII_PHONE);
  g_assert_cmpint (finding->severity, ==, DESK_SEVERITY_ERROR);
  g_assert_true (desk_guidelines_blocks_public (findings));
  g_assert_true (desk_guidelines_get_worst (findings, &worst));
  g_assert_cmpint (worst, ==, DESK_SEVERITY_ERROR);
}

static void
test_clean_reply (void)
{
  const char *text = "@joerg Hallo Jörg, danke für Ihre Nachricht! Ihr Paket "
                     "ist unterwegs. 🚲\nViele Grüße, Anna";
  DeskCheckContext context = de;
  g_autoptr (GPtrArray) findings = NULL;
  DeskSeverity worst;

  context.is_public = TRUE;
  context.formality = DESK_FORMALITY_FORMAL;
  findings = check (text, &context);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("unexpected: %s",
                    ((DeskFinding *) g_ptr_array_index (findings, i))->message);
  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_false (desk_guidelines_get_worst (findings, &worst));
  g_assert_false (desk_guidelines_blocks_public (findings));
}

/* The built-in templates, filled in, pass the built-in rules. */
static void
test_default_templates_pass (void)
{
  g_autoptr (GPtrArray) templates = desk_template_get_defaults ();
  g_autoptr (GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (values, "customer_name", "Jörg");
  g_hash_table_insert (values, "agent_name", "Anna Schmidt");

  for (guint i = 0; i < templates->len; i++)
    {
      DeskTemplate *template = g_ptr_array_index (templates, i);
      g_autofree char *text = desk_template_expand (template, values);
      DeskCheckContext context = {
        .language = desk_template_get_language (template),
        .formality = desk_template_get_formality (template),
        .is_public = TRUE,
        .agent_name = "Anna Schmidt",
        .customer_name = "Jörg",
      };
      g_autoptr (GPtrArray) findings = NULL;

      if (g_str_equal (context.language, "en"))
        context.formality = DESK_FORMALITY_ANY;
      findings = check (text, &context);
      for (guint k = 0; k < findings->len; k++)
        g_test_message (
            "%s: %s", desk_template_get_name (template),
            ((DeskFinding *) g_ptr_array_index (findings, k))->message);
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

static void
test_disabled_rules (void)
{
  g_autoptr (GPtrArray) rules = desk_guideline_rule_get_defaults ();
  g_autoptr (DeskGuidelines) quiet = NULL;
  g_autoptr (GPtrArray) findings = NULL;

  for (guint i = 0; i < rules->len; i++)
    desk_guideline_rule_set_enabled (g_ptr_array_index (rules, i), FALSE);
  quiet = desk_guidelines_new (rules);
  findings
      = desk_guidelines_check (quiet, "DAS IST leider nicht möglich!!", &de);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* the network limit is a fact, not a guideline: always checked */
  {
    DeskCheckContext context = de;

    context.length = 20;
    context.max_length = 10;
    findings = desk_guidelines_check (quiet, "kurz", &context);
    g_assert_cmpuint (findings->len, ==, 1);
  }
}

static void
test_custom_rule (void)
{
  g_autoptr (GPtrArray) rules = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (DeskGuidelines) own = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  DeskGuidelineRule *rule
      = desk_guideline_rule_new (DESK_RULE_AVOID, DESK_SEVERITY_ERROR, "de",
                                 "entschuldig*|sorry ", "Das tut uns leid");
  const char *text = "Wir entschuldigen uns, sorry!";
  DeskFinding *finding;

  desk_guideline_rule_set_network (rule, "mastodon");
  desk_guideline_rule_set_explanation (rule, "Say it plainly.");
  g_ptr_array_add (rules, rule);
  own = desk_guidelines_new (rules);

  findings = desk_guidelines_check (
      own, text,
      &(DeskCheckContext){ .language = "de", .network = "mastodon" });
  g_assert_cmpuint (findings->len, ==, 2);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpuint (finding->end, ==, strstr (text, " uns") - text);
  g_assert_nonnull (strstr (finding->message, "Say it plainly."));
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = desk_guidelines_check (
      own, text, &(DeskCheckContext){ .language = "de", .network = "bluesky" });
  g_assert_cmpuint (findings->len, ==, 0);
}

/* Every keystroke runs the check: 2,000 characters against the built-in
 * rules and the personal-data guard, well under a millisecond or two.
 * Processor time, so a busy machine does not fail it. */
static void
test_speed (void)
{
  GString *text = g_string_new ("Hallo Jörg, ");
  DeskCheckContext context = de;
  const guint rounds = 200;
  clock_t start;
  double per_check;

  while (text->len < 2000)
    g_string_append (text, "danke für Ihre Nachricht zur Bestellung 100234567! "
                           "Das Paket kommt am 24.12. mit DHL, Kosten 49,99 € "
                           "😊 Wir melden uns bei Ihnen. ");
  g_string_append (text, "\nViele Grüße, Anna");
  context.is_public = TRUE;
  context.length = g_utf8_strlen (text->str, -1);
  context.max_length = 5000;

  start = clock ();
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr (GPtrArray) findings = check (text->str, &context);

      g_assert_cmpuint (findings->len, ==, 0);
    }
  per_check = (double) (clock () - start) / CLOCKS_PER_SEC / rounds * 1e6;
  g_test_message ("2,000 characters, rules and guard: %.0f µs per check",
                  per_check);
  g_assert_cmpfloat (per_check, <, 1500);
  g_string_free (text, TRUE);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  checker = desk_guidelines_new (NULL);

  g_test_add_func ("/guidelines/avoid-phrases", test_avoid_phrases);
  g_test_add_func ("/guidelines/blame", test_blame);
  g_test_add_func ("/guidelines/greeting", test_greeting);
  g_test_add_func ("/guidelines/sign-off", test_sign_off);
  g_test_add_func ("/guidelines/length", test_length);
  g_test_add_func ("/guidelines/shouting", test_shouting);
  g_test_add_func ("/guidelines/mixed-address", test_mixed_address);
  g_test_add_func ("/guidelines/placeholder", test_placeholder);
  g_test_add_func ("/guidelines/personal-data", test_personal_data);
  g_test_add_func ("/guidelines/clean-reply", test_clean_reply);
  g_test_add_func ("/guidelines/default-templates-pass",
                   test_default_templates_pass);
  g_test_add_func ("/guidelines/disabled-rules", test_disabled_rules);
  g_test_add_func ("/guidelines/custom-rule", test_custom_rule);
  g_test_add_func ("/guidelines/speed", test_speed);

  status = g_test_run ();
  g_object_unref (checker);
  return status;
}
