/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bluesky-text"

#include "config.h"

#include <string.h>

#include "channels/bluesky/desk-bluesky-text.h"

/* Bluesky's text rules without a server: graphemes as the 300-character
 * limit counts them, facets with UTF-8 byte offsets, record keys derived
 * from idempotency keys, AT URIs and timestamps. */

static void
test_graphemes_basic (void)
{
  g_assert_cmpuint (desk_bluesky_count_graphemes (""), ==, 0);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("Hallo"), ==, 5);
  /* Precomposed and decomposed umlauts are one character each. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("Grüße"), ==, 5);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("Gru\xcc\x88\xc3\x9f"
                                                  "e"),
                    ==, 5);
  /* Several combining marks on one letter. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("a\xcc\x81\xcc\xa3z"), ==, 2);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("\r\n"), ==, 1);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("a\r\nb\n"), ==, 4);
  /* Hangul syllables from conjoining jamo (L V T). */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("\xe1\x84\x80\xe1\x85\xa1"
                                                  "\xe1\x86\xa8"),
                    ==, 1);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("한국어"), ==, 3);
  /* Devanagari with a spacing vowel sign. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("\xe0\xa4\x95\xe0\xa4\xbe"),
                    ==, 1);
}

static void
test_graphemes_emoji (void)
{
  /* Bicycle, thumbs up with skin tone, heart with variation selector. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("🚲"), ==, 1);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("👍🏽"), ==, 1);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("❤️"), ==, 1);
  /* Family: man ZWJ woman ZWJ girl ZWJ boy. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("👨‍👩‍👧‍👦"),
                    ==, 1);
  /* Woman cyclist with skin tone, ZWJ, female sign + VS16. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("🚴🏽‍♀️"), ==, 1);
  /* Rainbow flag: white flag VS16 ZWJ rainbow. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("🏳️‍🌈"), ==, 1);
  /* Flags are pairs of regional indicators: DE, AT, and a lone one. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("🇩🇪"), ==, 1);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("🇩🇪🇦🇹"), ==, 2);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("🇩🇪🇦"), ==, 2);
  /* England's flag: black flag with tag characters. */
  g_assert_cmpuint (desk_bluesky_count_graphemes (
                        "\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3"
                        "\xa0\x81\xa5\xf3\xa0\x81\xae\xf3\xa0\x81\xa7\xf3\xa0"
                        "\x81\xbf"),
                    ==, 1);
  /* Keycap: digit, VS16, combining enclosing keycap. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("1️⃣"), ==, 1);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("Danke 🙏🏻!"), ==, 8);
  /* A ZWJ between letters joins nothing. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("a\xe2\x80\x8d"
                                                  "b"),
                    ==, 2);
}

static void
test_graphemes_limit (void)
{
  g_autoptr (GString) text = g_string_new (NULL);

  /* 300 family emoji are 300 graphemes but 7,500 bytes. */
  for (guint i = 0; i < 300; i++)
    g_string_append (text, "👨‍👩‍👧‍👦");
  g_assert_cmpuint (desk_bluesky_count_graphemes (text->str), ==,
                    DESK_BLUESKY_MAX_POST_GRAPHEMES);
  g_assert_cmpuint (text->len, ==, 300 * 25);

  g_string_append (text, "ü");
  g_assert_cmpuint (desk_bluesky_count_graphemes (text->str), ==, 301);

  /* Invalid UTF-8 is counted, not crashed on. */
  g_assert_cmpuint (desk_bluesky_count_graphemes ("a\xff"
                                                  "b"),
                    ==, 3);
  g_assert_cmpuint (desk_bluesky_count_graphemes ("\xf0\x9f"), >=, 1);
}

static DeskBlueskyFacet *
facet_at (GPtrArray *facets, guint i)
{
  g_assert_cmpuint (i, <, facets->len);
  return g_ptr_array_index (facets, i);
}

static void
test_facets_byte_offsets (void)
{
  const char *text
      = "Grüße @radladen.test 🚲 – siehe https://example.com/über?a=1.";
  g_autoptr (GPtrArray) facets = desk_bluesky_detect_facets (text);
  DeskBlueskyFacet *mention;
  DeskBlueskyFacet *link;

  g_assert_cmpuint (facets->len, ==, 2);
  mention = facet_at (facets, 0);
  link = facet_at (facets, 1);

  /* "Grüße " is 6 characters but 8 bytes. */
  g_assert_cmpint (mention->kind, ==, DESK_BLUESKY_FACET_MENTION);
  g_assert_cmpuint (mention->byte_start, ==, 8);
  g_assert_cmpuint (mention->byte_end, ==, 8 + strlen ("@radladen.test"));
  g_assert_cmpstr (mention->value, ==, "radladen.test");
  g_assert_cmpint (strncmp (text + mention->byte_start, "@radladen.test",
                            mention->byte_end - mention->byte_start),
                   ==, 0);

  /* After the bicycle (4 bytes) and the dash (3 bytes); the sentence's
   * full stop is not part of the link. */
  g_assert_cmpint (link->kind, ==, DESK_BLUESKY_FACET_LINK);
  g_assert_cmpstr (link->value, ==, "https://example.com/über?a=1");
  g_assert_cmpuint (link->byte_start, ==,
                    (gsize) (strstr (text, "https://") - text));
  g_assert_cmpuint (link->byte_end - link->byte_start, ==,
                    strlen ("https://example.com/über?a=1"));
  g_assert_cmpuint (link->byte_start, ==, 8 + 14 + 1 + 4 + 1 + 3 + 7);
}

static void
test_facets_edges (void)
{
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GPtrArray) paren = NULL;
  g_autoptr (GPtrArray) start = NULL;

  /* Not handles: an e-mail address, a price, a lone "@". */
  none = desk_bluesky_detect_facets (
      "kunde@example.com zahlt @12.50 oder @ nichts; http:// allein");
  g_assert_cmpuint (none->len, ==, 0);

  /* A link in parentheses ends before the closing one; a Wikipedia link
   * keeps its own. */
  paren = desk_bluesky_detect_facets (
      "(siehe https://example.com/a) und "
      "https://de.wikipedia.org/wiki/Rad_(Technik)");
  g_assert_cmpuint (paren->len, ==, 2);
  g_assert_cmpstr (facet_at (paren, 0)->value, ==, "https://example.com/a");
  g_assert_cmpstr (facet_at (paren, 1)->value, ==,
                   "https://de.wikipedia.org/wiki/Rad_(Technik)");

  /* At the very start, ending a sentence, and lower-cased. */
  start
      = desk_bluesky_detect_facets ("@Kunde.Test danke. Frag @radladen.test.");
  g_assert_cmpuint (start->len, ==, 2);
  g_assert_cmpstr (facet_at (start, 0)->value, ==, "kunde.test");
  g_assert_cmpuint (facet_at (start, 0)->byte_start, ==, 0);
  g_assert_cmpstr (facet_at (start, 1)->value, ==, "radladen.test");
  g_assert_cmpuint (facet_at (start, 1)->byte_end, ==,
                    strlen ("@Kunde.Test danke. Frag @radladen.test"));
}

static void
test_tid_from_key (void)
{
  g_autofree char *a = desk_bluesky_tid_from_key ("8b0e7c1e-6a56-4c1b-9d0e-1");
  g_autofree char *again
      = desk_bluesky_tid_from_key ("8b0e7c1e-6a56-4c1b-9d0e-1");
  g_autofree char *b = desk_bluesky_tid_from_key ("8b0e7c1e-6a56-4c1b-9d0e-2");

  /* Deterministic, distinct, and valid TID syntax. */
  g_assert_cmpstr (a, ==, again);
  g_assert_cmpstr (a, !=, b);
  g_assert_true (desk_bluesky_is_tid (a));
  g_assert_true (desk_bluesky_is_tid (b));
  g_assert_cmpuint (strlen (a), ==, 13);

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *key = g_uuid_string_random ();
      g_autofree char *tid = desk_bluesky_tid_from_key (key);

      g_assert_true (desk_bluesky_is_tid (tid));
    }

  g_assert_false (desk_bluesky_is_tid ("3jzfcijpj2z2"));
  g_assert_false (desk_bluesky_is_tid ("zjzfcijpj2z2a"));
  g_assert_false (desk_bluesky_is_tid ("3jzfcijpj2z2A"));
  g_assert_true (desk_bluesky_is_tid ("3jzfcijpj2z2a"));
}

static void
test_at_uri (void)
{
  g_autofree char *authority = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *url = NULL;

  g_assert_true (
      desk_bluesky_parse_at_uri ("at://did:plc:abc/app.bsky.feed.post/3k2a",
                                 &authority, &collection, &rkey));
  g_assert_cmpstr (authority, ==, "did:plc:abc");
  g_assert_cmpstr (collection, ==, "app.bsky.feed.post");
  g_assert_cmpstr (rkey, ==, "3k2a");

  g_assert_false (
      desk_bluesky_parse_at_uri ("https://bsky.app/x", NULL, NULL, NULL));
  g_assert_false (desk_bluesky_parse_at_uri (
      "at://did:plc:abc/app.bsky.feed.post", NULL, NULL, NULL));
  g_assert_false (
      desk_bluesky_parse_at_uri ("at://did:plc:abc//x", NULL, NULL, NULL));
  g_assert_false (desk_bluesky_parse_at_uri (NULL, NULL, NULL, NULL));

  url = desk_bluesky_post_web_url ("at://did:plc:abc/app.bsky.feed.post/3k2a");
  g_assert_cmpstr (url, ==, "https://bsky.app/profile/did:plc:abc/post/3k2a");
  g_assert_null (
      desk_bluesky_post_web_url ("at://did:plc:abc/app.bsky.feed.like/3k2a"));
}

static void
test_datetime (void)
{
  g_autofree char *text = NULL;

  g_assert_cmpint (desk_bluesky_parse_datetime ("2024-05-01T12:00:00.000Z"), ==,
                   1714564800);
  g_assert_cmpint (desk_bluesky_parse_datetime ("2024-05-01T14:00:00+02:00"),
                   ==, 1714564800);
  /* Without a time zone it is not an AT Protocol datetime. */
  g_assert_cmpint (desk_bluesky_parse_datetime ("2024-05-01T12:00:00"), ==, -1);
  g_assert_cmpint (desk_bluesky_parse_datetime ("gestern"), ==, -1);
  g_assert_cmpint (desk_bluesky_parse_datetime (NULL), ==, -1);

  text = desk_bluesky_format_datetime (G_GINT64_CONSTANT (1714564800123456));
  g_assert_cmpstr (text, ==, "2024-05-01T12:00:00.123Z");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bluesky/text/graphemes/basic", test_graphemes_basic);
  g_test_add_func ("/bluesky/text/graphemes/emoji", test_graphemes_emoji);
  g_test_add_func ("/bluesky/text/graphemes/limit", test_graphemes_limit);
  g_test_add_func ("/bluesky/text/facets/byte-offsets",
                   test_facets_byte_offsets);
  g_test_add_func ("/bluesky/text/facets/edges", test_facets_edges);
  g_test_add_func ("/bluesky/text/tid-from-key", test_tid_from_key);
  g_test_add_func ("/bluesky/text/at-uri", test_at_uri);
  g_test_add_func ("/bluesky/text/datetime", test_datetime);

  return g_test_run ();
}
