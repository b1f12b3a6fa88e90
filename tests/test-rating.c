/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "core/desk-rating.h"

typedef struct
{
  const char *text;
  DeskRatingScale scale;
  int score;
} Rating;

#define CSAT DESK_RATING_SCALE_CSAT
#define NPS DESK_RATING_SCALE_NPS

/* Answers to "How satisfied were you, 1–5?" and "How likely are you to
 * recommend us, 0–10?", as customers write them. */
static const Rating positives[] = {
  { "5", CSAT, 5 },
  { "1", CSAT, 1 },
  { "5/5", CSAT, 5 },
  { "2 / 5", CSAT, 2 },
  { "4 von 5", CSAT, 4 },
  { "3 out of 5", CSAT, 3 },
  { "4 of 5 stars", CSAT, 4 },
  { "★★★★☆", CSAT, 4 },
  { "★★☆☆☆ leider", CSAT, 2 },
  { "⭐⭐⭐⭐", CSAT, 4 },
  { "⭐️⭐️⭐️⭐️⭐️ Super Service, danke!", CSAT, 5 },
  { "vier Sterne", CSAT, 4 },
  { "Vier Sterne!", CSAT, 4 },
  { "five stars", CSAT, 5 },
  { "Five stars, would buy again", CSAT, 5 },
  { "ein Stern", CSAT, 1 },
  { "1 Stern", CSAT, 1 },
  { "Ich gebe 5 Sterne!", CSAT, 5 },
  { "Ich gebe euch 4 von 5 Sternen", CSAT, 4 },
  { "Fünf von fünf Sternen", CSAT, 5 },
  { "Top, 5 Sterne 👍", CSAT, 5 },
  { "2/5, leider zu langsam", CSAT, 2 },
  { "Eine glatte 5", CSAT, 5 },
  { "Eins", CSAT, 1 },
  { "5️⃣", CSAT, 5 },
  { "Danke, 5!", CSAT, 5 },
  { "4.", CSAT, 4 },
  { "Ich habe 2 Fahrräder gekauft und gebe 5 Sterne", CSAT, 5 },
  { "5-Sterne", CSAT, 5 },
  { "10/10", NPS, 10 },
  { "eine 9", NPS, 9 },
  { "Eine 9", NPS, 9 },
  { "I'd say 8", NPS, 8 },
  { "I’d say 8", NPS, 8 },
  { "I'd give it a 9", NPS, 9 },
  { "Definitely a 10!", NPS, 10 },
  { "Zehn von zehn", NPS, 10 },
  { "9 von 10", NPS, 9 },
  { "7 out of 10 would recommend", NPS, 7 },
  { "8 Punkte", NPS, 8 },
  { "Ich würde 9 geben", NPS, 9 },
  { "Na ja, eine 6", NPS, 6 },
  { "0", NPS, 0 },
  { "null", NPS, 0 },
  { "🔟", NPS, 10 },
  { "Leider nur 3 von 10, die Lieferung hat ewig gedauert.", NPS, 3 },
};

typedef struct
{
  const char *text;
  DeskRatingScale scale;
} NotRating;

static const NotRating negatives[] = {
  { "Bestellung 12345", CSAT },
  { "Bestellung 12345", NPS },
  { "5 Minuten zu spät", CSAT },
  { "5 Minuten zu spät", NPS },
  { "2 Fahrräder", CSAT },
  { "um 10 Uhr", NPS },
  { "Ich bin wirklich enttäuscht. Seit 2 Wochen warte ich auf eine Antwort"
    " zu meiner Reklamation und niemand meldet sich.",
    CSAT },
  { "Ich habe 3 Fragen", CSAT },
  { "Danke!", CSAT },
  { "", CSAT },
  { "   ", NPS },
  { "10", CSAT },
  { "0", CSAT },
  { "11", NPS },
  { "4/5", NPS },
  { "8/10", CSAT },
  { "5 Sterne", NPS },
  { "3 von 5 Artikeln fehlen", CSAT },
  { "Keine 5 Sterne", CSAT },
  { "not a 10", NPS },
  { "10:30", NPS },
  { "Am 5.10. bestellt", NPS },
  { "4,5 Sterne", CSAT },
  { "+49 170 1234567", NPS },
  { "8 oder 9", NPS },
  { "eine 1 mit Sternchen", CSAT },
  { "Note 2", CSAT },
  { "5/10/2026", NPS },
  { "100%", NPS },
  { "2x bestellt", CSAT },
  { "eine", CSAT },
  { "☆☆☆☆☆", CSAT },
  { "★★★☆", CSAT },
  { "Paket 2 ist nicht angekommen", CSAT },
  { "Ich warte seit 10 Tagen", NPS },
  { "5€ Rabatt?", CSAT },
  { "#4", CSAT },
};

static void
test_positives (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (positives), >=, 25);

  for (guint i = 0; i < G_N_ELEMENTS (positives); i++)
    {
      int score = -1;

      if (!desk_rating_parse (positives[i].text, positives[i].scale, &score))
        g_error ("“%s” was not read as a rating", positives[i].text);
      if (score != positives[i].score)
        g_error ("“%s” was read as %d, not %d", positives[i].text, score,
                 positives[i].score);
    }
}

static void
test_negatives (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (negatives), >=, 15);

  for (guint i = 0; i < G_N_ELEMENTS (negatives); i++)
    {
      int score = -1;

      if (desk_rating_parse (negatives[i].text, negatives[i].scale, &score))
        g_error ("“%s” was read as the rating %d", negatives[i].text, score);
      g_assert_cmpint (score, ==, -1);
    }
}

static void
test_invalid_text (void)
{
  int score = -1;

  g_assert_false (desk_rating_parse (NULL, CSAT, &score));
  g_assert_false (desk_rating_parse ("\xff\xfe 5", CSAT, &score));
  g_assert_cmpint (score, ==, -1);
}

static void
test_scales (void)
{
  DeskRatingScale scale;

  g_assert_cmpstr (desk_rating_scale_to_string (CSAT), ==, "csat");
  g_assert_cmpstr (desk_rating_scale_to_string (NPS), ==, "nps");
  g_assert_true (desk_rating_scale_from_string ("nps", &scale));
  g_assert_cmpint (scale, ==, NPS);
  g_assert_false (desk_rating_scale_from_string ("stars", &scale));

  g_assert_true (desk_rating_is_valid (CSAT, 1));
  g_assert_false (desk_rating_is_valid (CSAT, 0));
  g_assert_true (desk_rating_is_valid (NPS, 0));
  g_assert_false (desk_rating_is_valid (NPS, 11));

  g_assert_true (desk_rating_is_low (CSAT, 2));
  g_assert_false (desk_rating_is_low (CSAT, 3));
  g_assert_true (desk_rating_is_low (NPS, 6));
  g_assert_false (desk_rating_is_low (NPS, 7));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rating/positives", test_positives);
  g_test_add_func ("/rating/negatives", test_negatives);
  g_test_add_func ("/rating/invalid-text", test_invalid_text);
  g_test_add_func ("/rating/scales", test_scales);

  return g_test_run ();
}
