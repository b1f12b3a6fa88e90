/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <time.h>

#include "core/desk-pii.h"

/* The corpus (pii-corpus.txt): recall per kind and the false-positive
 * rate over the negatives, as the guard must be precise enough that
 * agents keep trusting it. */

#define MIN_RECALL 0.95
#define MAX_FALSE_POSITIVE_RATE 0.02

typedef struct
{
  guint positives[DESK_PII_N_KINDS];
  guint found[DESK_PII_N_KINDS];
  guint exact[DESK_PII_N_KINDS];
  guint negatives;
  guint false_positives;
} Tally;

static gboolean
kind_from_name (const char *name, DeskPiiKind *kind)
{
  for (guint k = 0; k < DESK_PII_N_KINDS; k++)
    if (strcmp (desk_pii_kind_to_string (k), name) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

static char *
describe_matches (const char *text, GArray *matches)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < matches->len; i++)
    {
      const DeskPiiMatch *m = &g_array_index (matches, DeskPiiMatch, i);

      g_string_append_printf (out, " %s:“%.*s”",
                              desk_pii_kind_to_string (m->kind),
                              (int) (m->end - m->start), text + m->start);
    }
  return g_string_free (out, FALSE);
}

static void
check_line (Tally *tally, const char *kind_name, const char *marked)
{
  g_autoptr (GArray) matches = NULL;
  g_autofree char *text = NULL;
  g_autofree char *found = NULL;
  const char *open = strstr (marked, "[[");
  const char *close = open ? strstr (open, "]]") : NULL;
  gsize start = 0, end = 0;
  DeskPiiKind kind = DESK_PII_EMAIL;

  if (strcmp (kind_name, "-") == 0)
    {
      text = g_strdup (marked);
      matches = desk_pii_scan (text);
      tally->negatives++;
      if (matches->len > 0)
        {
          found = describe_matches (text, matches);
          tally->false_positives++;
          g_test_message ("false positive in “%s”:%s", text, found);
        }
      return;
    }

  g_assert_true (kind_from_name (kind_name, &kind));
  g_assert_nonnull (close);

  start = open - marked;
  end = close - marked - 2;
  text = g_strdup_printf ("%.*s%.*s%s", (int) start, marked,
                          (int) (end - start), open + 2, close + 2);
  matches = desk_pii_scan (text);
  found = describe_matches (text, matches);

  tally->positives[kind]++;
  for (guint i = 0; i < matches->len; i++)
    {
      const DeskPiiMatch *m = &g_array_index (matches, DeskPiiMatch, i);

      if (m->kind == kind && m->start < end && start < m->end)
        {
          tally->found[kind]++;
          if (m->start == start && m->end == end)
            tally->exact[kind]++;
          else
            g_test_message ("inexact %s in “%s”:%s", kind_name, text, found);
          return;
        }
    }
  g_test_message ("missed %s in “%s”:%s", kind_name, text, found);
}

static void
test_corpus (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  Tally tally = { 0 };
  double fpr;
  guint total_positives = 0;

  path = g_test_build_filename (G_TEST_DIST, "guidelines", "pii-corpus.txt",
                                NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = NULL;

      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", 2);
      g_assert_nonnull (fields[1]);
      check_line (&tally, fields[0], fields[1]);
    }

  for (guint k = 0; k < DESK_PII_N_KINDS; k++)
    {
      double recall = (double) tally.found[k] / tally.positives[k];

      g_test_message ("%-10s recall %.3f (%u of %u, %u with the exact range)",
                      desk_pii_kind_to_string (k), recall, tally.found[k],
                      tally.positives[k], tally.exact[k]);
      g_assert_cmpuint (tally.positives[k], >=, 10);
      g_assert_cmpfloat (recall, >=, MIN_RECALL);
      total_positives += tally.positives[k];
    }

  fpr = (double) tally.false_positives / tally.negatives;
  g_test_message ("false-positive rate %.3f (%u of %u negatives)", fpr,
                  tally.false_positives, tally.negatives);
  g_assert_cmpuint (total_positives, >=, 60);
  g_assert_cmpuint (tally.negatives, >=, 80);
  g_assert_cmpfloat (fpr, <=, MAX_FALSE_POSITIVE_RATE);
}

static void
test_iban (void)
{
  g_assert_true (desk_pii_iban_is_valid ("DE89 3704 0044 0532 0130 00"));
  g_assert_true (desk_pii_iban_is_valid ("DE89370400440532013000"));
  g_assert_true (desk_pii_iban_is_valid ("gb82 west 1234 5698 7654 32"));
  g_assert_true (desk_pii_iban_is_valid ("AT611904300234573201"));
  g_assert_true (desk_pii_iban_is_valid ("NO9386011117947"));

  /* one digit off, two swapped, wrong length, unknown country */
  g_assert_false (desk_pii_iban_is_valid ("DE89 3704 0044 0532 0130 01"));
  g_assert_false (desk_pii_iban_is_valid ("DE89 3704 0044 0532 0103 00"));
  g_assert_false (desk_pii_iban_is_valid ("DE89 3704 0044 0532 0130 0"));
  g_assert_false (desk_pii_iban_is_valid ("XX89 3704 0044 0532 0130 00"));
  g_assert_false (desk_pii_iban_is_valid ("DE89-3704-0044"));
  g_assert_false (desk_pii_iban_is_valid (""));
}

static void
test_luhn (void)
{
  g_assert_true (desk_pii_luhn_is_valid ("4111 1111 1111 1111"));
  g_assert_true (desk_pii_luhn_is_valid ("5555-5555-5555-4444"));
  g_assert_true (desk_pii_luhn_is_valid ("378282246310005"));
  g_assert_true (desk_pii_luhn_is_valid ("79927398713"));

  g_assert_false (desk_pii_luhn_is_valid ("4111 1111 1111 1112"));
  g_assert_false (desk_pii_luhn_is_valid ("79927398710"));
  g_assert_false (desk_pii_luhn_is_valid ("4111x1111"));
  g_assert_false (desk_pii_luhn_is_valid ("0"));
}

/* Byte ranges stay right after umlauts and emoji. */
static void
test_ranges (void)
{
  const char *text = "Grüße 😊 Ruf mich an: 0171 2345678 – oder Mail an "
                     "jörg@beispiel.de";
  g_autoptr (GArray) matches = desk_pii_scan (text);
  const DeskPiiMatch *phone, *email;

  g_assert_cmpuint (matches->len, ==, 2);
  phone = &g_array_index (matches, DeskPiiMatch, 0);
  email = &g_array_index (matches, DeskPiiMatch, 1);

  g_assert_cmpint (phone->kind, ==, DESK_PII_PHONE);
  g_assert_cmpuint (phone->start, ==, strstr (text, "0171") - text);
  g_assert_cmpuint (phone->end, ==, strstr (text, " –") - text);
  g_assert_cmpint (email->kind, ==, DESK_PII_EMAIL);
  g_assert_cmpuint (email->start, ==, strstr (text, "jörg") - text);
  g_assert_cmpuint (email->end, ==, strlen (text));
}

static void
test_empty_and_invalid (void)
{
  g_autoptr (GArray) empty = desk_pii_scan ("");
  g_autoptr (GArray) invalid = desk_pii_scan ("\xff\xfe 0171 2345678");

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (invalid->len, ==, 0);
}

static void
test_describe (void)
{
  for (guint k = 0; k < DESK_PII_N_KINDS; k++)
    {
      g_assert_nonnull (desk_pii_describe (k));
      g_assert_nonnull (desk_pii_kind_to_string (k));
    }
}

/* Every keystroke runs the guard: a long reply must take well under a
 * millisecond. Processor time, so a busy machine does not fail it. */
static void
test_speed (void)
{
  GString *text = g_string_new (NULL);
  clock_t start;
  double per_scan;
  const guint rounds = 200;

  while (text->len < 2000)
    g_string_append (text, "Hallo Frau Müller, Ihre Bestellung 100234567 "
                           "kommt am 24.12. mit DHL. Kosten: 49,99 € 😊 ");
  g_string_append (text, "Tel. 0221 1234567");

  start = clock ();
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr (GArray) matches = desk_pii_scan (text->str);

      g_assert_cmpuint (matches->len, ==, 1);
    }
  per_scan = (double) (clock () - start) / CLOCKS_PER_SEC / rounds * 1e6;
  g_test_message ("2,000 characters: %.0f µs per scan", per_scan);
  g_assert_cmpfloat (per_scan, <, 1000);
  g_string_free (text, TRUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pii/corpus", test_corpus);
  g_test_add_func ("/pii/iban", test_iban);
  g_test_add_func ("/pii/luhn", test_luhn);
  g_test_add_func ("/pii/ranges", test_ranges);
  g_test_add_func ("/pii/empty-and-invalid", test_empty_and_invalid);
  g_test_add_func ("/pii/describe", test_describe);
  g_test_add_func ("/pii/speed", test_speed);

  return g_test_run ();
}
