/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "channels/mastodon/desk-mastodon-auth.h"
#include "channels/mastodon/desk-mastodon-status.h"
#include "channels/mastodon/desk-mastodon-text.h"

/* The pure parts of the Mastodon channel: HTML to text, length counting,
 * mentions, server addresses and entity validation. */

static void
assert_text (const char *html, const char *expected)
{
  g_autofree char *text = desk_mastodon_html_to_text (html);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_html_basic (void)
{
  assert_text ("<p>Hallo!</p>", "Hallo!");
  assert_text ("<p>Eins</p><p>Zwei</p>", "Eins\n\nZwei");
  assert_text ("<p>Zeile 1<br>Zeile 2<br/>Zeile 3<br />Ende</p>",
               "Zeile 1\nZeile 2\nZeile 3\nEnde");
  assert_text ("  viel    Platz \n hier ", "viel Platz hier");
  assert_text ("<ul><li>A</li><li>B</li></ul>", "• A\n• B");
  assert_text ("", "");
  assert_text (NULL, "");
}

static void
test_html_entities (void)
{
  assert_text ("<p>Tom &amp; Jerry &lt;3 &quot;Zitat&quot; &#39;x&#39;</p>",
               "Tom & Jerry <3 \"Zitat\" 'x'");
  assert_text ("Gr&uuml;&szlig;e &#x1F600; &euro;5 &hellip;", "Grüße 😀 €5 …");
  /* Unknown or broken entities stay as they were. */
  assert_text ("a &bogus; b &amp c &#xZZ;", "a &bogus; b &amp c &#xZZ;");
  /* A NUL or out-of-range character reference is not let through. */
  assert_text ("x&#0;y&#x110000;z", "x\xef\xbf\xbdy\xef\xbf\xbdz");
  /* An escaped tag is text, not markup. */
  assert_text ("&lt;b&gt;bold&lt;/b&gt;", "<b>bold</b>");
}

static void
test_html_hostile (void)
{
  assert_text ("<p>Hi<script>alert('x')</script> there</p>", "Hi there");
  assert_text ("<style>p{color:red}</style><p>Text</p>", "Text");
  assert_text ("<p>a<SCRIPT type=x>evil()</SCRIPT>b</p>", "ab");
  assert_text ("<p onclick=\"steal()\">Klick</p>", "Klick");
  assert_text ("<p>a<!-- comment <b>x</b> -->b</p>", "ab");
  assert_text ("<iframe src=\"https://evil.example\">x</iframe>ok", "ok");
  assert_text ("a < b and c > d", "a < b and c > d");
  assert_text ("<p>unclosed <b", "unclosed <b");
  assert_text ("<img src=x onerror=alert(1) alt=\"Kaffee\">", "Kaffee");
  /* Control characters do not survive. */
  assert_text ("a\x01\x02"
               "b\x1b"
               "[31mc",
               "ab[31mc");
  /* Invalid UTF-8 is repaired. */
  assert_text ("caf\xe9", "caf\xef\xbf\xbd");
}

static void
test_html_links (void)
{
  /* Mastodon's own rendering of a long link: the text is the URL. */
  assert_text ("<p><a href=\"https://example.com/a/very/long/path\" "
               "rel=\"nofollow noopener\" target=\"_blank\"><span "
               "class=\"invisible\">https://</span><span class=\"ellipsis\">"
               "example.com/a/very/lo</span><span class=\"invisible\">ng/"
               "path</span></a></p>",
               "https://example.com/a/very/long/path");
  /* Different text keeps the target. */
  assert_text (
      "<p>Siehe <a href=\"https://shop.example/faq\">unsere FAQ</a>.</p>",
      "Siehe unsere FAQ (https://shop.example/faq).");
  /* Mentions and hashtags do not. */
  assert_text ("<p><span class=\"h-card\"><a href=\"https://m.example/@shop\" "
               "class=\"u-url mention\">@<span>shop</span></a></span> Hallo "
               "<a href=\"https://m.example/tags/kaffee\" class=\"mention "
               "hashtag\" rel=\"tag\">#<span>kaffee</span></a></p>",
               "@shop Hallo #kaffee");
  /* Only web links are kept. */
  assert_text ("<a href=\"javascript:alert(1)\">klick</a>", "klick");
  assert_text ("<a href=\"https://a.example/x y\">bad</a>", "bad");
  assert_text ("<a href=\"https://a.example/?q=1&amp;r=2\">Link</a>",
               "Link (https://a.example/?q=1&r=2)");
}

static void
test_count_length (void)
{
  g_assert_cmpuint (desk_mastodon_count_length ("", 23), ==, 0);
  g_assert_cmpuint (desk_mastodon_count_length ("Hallo", 23), ==, 5);
  g_assert_cmpuint (desk_mastodon_count_length ("Grüße", 23), ==, 5);
  /* Links count as 23, whatever their length. */
  g_assert_cmpuint (
      desk_mastodon_count_length ("see https://example.com/a/very/long/path/"
                                  "that/goes/on/and/on",
                                  23),
      ==, 4 + 23);
  g_assert_cmpuint (desk_mastodon_count_length ("x http://a.b.", 23), ==,
                    2 + 23 + 1);
  /* A remote mention counts without its domain. */
  g_assert_cmpuint (
      desk_mastodon_count_length ("@anna@mastodon.example danke", 23), ==,
      strlen ("@anna danke"));
  g_assert_cmpuint (desk_mastodon_count_length ("@anna danke", 23), ==, 11);
  /* An e-mail address is not a mention. */
  g_assert_cmpuint (desk_mastodon_count_length ("mail@example.com", 23), ==,
                    16);
  /* User-perceived characters: flags, skin tones, families, accents. */
  g_assert_cmpuint (desk_mastodon_count_length ("🇩🇪", 23), ==, 1);
  g_assert_cmpuint (desk_mastodon_count_length ("👍🏽", 23), ==, 1);
  g_assert_cmpuint (desk_mastodon_count_length ("👨‍👩‍👧", 23), ==,
                    1);
  g_assert_cmpuint (desk_mastodon_count_length ("e\xcc\x81", 23), ==, 1);
  /* The server's own URL length. */
  g_assert_cmpuint (desk_mastodon_count_length ("https://x.example", 30), ==,
                    30);
}

static void
test_mentions (void)
{
  g_autofree char *a
      = desk_mastodon_strip_leading_mentions ("@anna @bob@b.example  Danke!");
  g_autofree char *b = desk_mastodon_strip_leading_mentions ("Danke @anna");
  g_autofree char *c = desk_mastodon_strip_leading_mentions ("@anna's Idee");
  g_autofree char *d = desk_mastodon_strip_leading_mentions ("@anna");
  g_autofree char *e = desk_mastodon_normalize_space ("  a \n\n b\tc ");

  g_assert_cmpstr (a, ==, "Danke!");
  g_assert_cmpstr (b, ==, "Danke @anna");
  g_assert_cmpstr (c, ==, "@anna's Idee");
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpstr (e, ==, "a b c");

  g_assert_true (desk_mastodon_text_mentions ("Hi @Anna!", "anna"));
  g_assert_true (
      desk_mastodon_text_mentions ("@anna@x.example hi", "anna@x.example"));
  g_assert_false (desk_mastodon_text_mentions ("@anna@x.example hi", "anna"));
  g_assert_false (desk_mastodon_text_mentions ("@annabel hi", "anna"));
  g_assert_false (desk_mastodon_text_mentions ("mail@anna.example", "anna"));
  g_assert_false (desk_mastodon_text_mentions ("no mention", "anna"));
}

static void
test_normalize_server (void)
{
  static const struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "mastodon.social", "https://mastodon.social" },
    { "  Mastodon.Social  ", "https://mastodon.social" },
    { "https://mastodon.social/", "https://mastodon.social" },
    { "https://mastodon.social/about?x=1", "https://mastodon.social" },
    { "@shop@mastodon.social", "https://mastodon.social" },
    { "shop@chaos.social", "https://chaos.social" },
    { "https://m.example:8443", "https://m.example:8443" },
    { "http://127.0.0.1:3000", "http://127.0.0.1:3000" },
    { "bücher.example", "https://xn--bcher-kva.example" },
  };
  static const char *const invalid[] = {
    "",
    "   ",
    "http://mastodon.social",
    "ftp://mastodon.social",
    "https://user:pw@mastodon.social",
    "mast odon.social",
    "https://",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url
          = desk_mastodon_auth_normalize_server (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url
          = desk_mastodon_auth_normalize_server (invalid[i], &error);

      g_assert_null (url);
      g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID);
    }
}

static DeskMastodonStatus *
parse (const char *json, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return desk_mastodon_status_parse (node, error);
}

static void
test_status_parse (void)
{
  g_autoptr (DeskMastodonStatus) status = NULL;
  g_autoptr (GError) error = NULL;

  status = parse (
      "{\"id\":\"1\",\"created_at\":\"2024-06-10T10:00:00.000Z\","
      "\"content\":\"<p>Hi</p>\",\"visibility\":\"direct\","
      "\"in_reply_to_id\":null,\"language\":\"de\",\"spoiler_text\":"
      "\"Spoiler\","
      "\"url\":\"javascript:x\",\"uri\":\"https://m.example/s/1\","
      "\"account\":{\"id\":\"7\",\"username\":\"anna\",\"acct\":"
      "\"anna@a.example\",\"display_name\":\"\",\"followers_count\":\"12\","
      "\"avatar\":\"data:image/png;base64,xx\",\"note\":\"<p>Bio &amp; "
      "mehr</p>\"}}",
      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->id, ==, "1");
  g_assert_cmpint (status->created_at, ==, 1718013600);
  g_assert_null (status->in_reply_to_id);
  g_assert_cmpstr (status->visibility, ==, "direct");
  g_assert_cmpstr (status->text, ==, "CW: Spoiler\n\nHi");
  g_assert_cmpstr (status->url, ==, "https://m.example/s/1");
  g_assert_cmpstr (status->account->display_name, ==, "anna");
  g_assert_cmpstr (status->account->note, ==, "Bio & mehr");
  g_assert_cmpint (status->account->followers, ==, 12);
  g_assert_null (status->account->avatar);
}

static void
test_status_malformed (void)
{
  static const char *const broken[] = {
    "[]",
    "{\"id\":1,\"created_at\":\"2024-06-10T10:00:00Z\",\"content\":\"\","
    "\"account\":{\"id\":\"7\",\"acct\":\"a\"}}",
    "{\"id\":\"1\",\"created_at\":\"yesterday\",\"content\":\"\","
    "\"account\":{\"id\":\"7\",\"acct\":\"a\"}}",
    "{\"id\":\"1\",\"created_at\":\"2024-06-10T10:00:00Z\","
    "\"account\":{\"id\":\"7\",\"acct\":\"a\"}}",
    "{\"id\":\"1\",\"created_at\":\"2024-06-10T10:00:00Z\",\"content\":\"x\"}",
    "{\"id\":\"1\",\"created_at\":\"2024-06-10T10:00:00Z\",\"content\":\"x\","
    "\"account\":{\"id\":null,\"acct\":\"a\"}}",
    "{\"id\":\"1\",\"created_at\":\"2024-06-10T10:00:00Z\",\"content\":\"x\","
    "\"account\":[1,2]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DeskMastodonStatus) status = parse (broken[i], &error);

      g_assert_null (status);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mastodon/text/html-basic", test_html_basic);
  g_test_add_func ("/mastodon/text/html-entities", test_html_entities);
  g_test_add_func ("/mastodon/text/html-hostile", test_html_hostile);
  g_test_add_func ("/mastodon/text/html-links", test_html_links);
  g_test_add_func ("/mastodon/text/count-length", test_count_length);
  g_test_add_func ("/mastodon/text/mentions", test_mentions);
  g_test_add_func ("/mastodon/text/normalize-server", test_normalize_server);
  g_test_add_func ("/mastodon/status/parse", test_status_parse);
  g_test_add_func ("/mastodon/status/malformed", test_status_malformed);

  return g_test_run ();
}
