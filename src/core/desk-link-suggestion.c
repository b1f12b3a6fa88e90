/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-link-suggestion"

#include "config.h"

#include <string.h>

#include "desk-link-suggestion-private.h"

/* When two identities look like the same person. Every rule errs on the
 * side of silence: a wrong suggestion costs the agent's trust, a missed
 * one only a manual link. */
struct _DeskLinkProfile
{
  gint64 identity_id;
  gint64 customer_id;
  char *handle;       /* as stored, for the evidence */
  char *handle_key;   /* folded, without the leading "@"; NULL if too vague */
  char *mastodon_key; /* "server/@user" for "user@server", else NULL */
  char *profile_url;  /* as stored */
  char *profile_key;  /* normalized */
  char *display_name;
  char *name_keys[2]; /* plain and transliterated; NULL if one word */
  char *bio_folded;
  GPtrArray *bio_links; /* normalized links and domains in the bio */
  GPtrArray *sites;     /* hosts that are the person's own website */
};

G_DEFINE_BOXED_TYPE (DeskLinkSuggestion,
                     desk_link_suggestion,
                     desk_link_suggestion_copy,
                     desk_link_suggestion_free)

/* Hosts that many unrelated people link to: a shared one says nothing
 * about who someone is. Fediverse servers are recognised separately. */
static const char *const shared_hosts[] = {
  "bsky.app",       "bsky.social",  "facebook.com",    "fb.com",
  "instagram.com",  "threads.net",  "x.com",           "twitter.com",
  "youtube.com",    "youtu.be",     "tiktok.com",      "linkedin.com",
  "xing.com",       "github.com",   "gitlab.com",      "codeberg.org",
  "linktr.ee",      "t.me",         "telegram.me",     "wa.me",
  "patreon.com",    "ko-fi.com",    "paypal.me",       "paypal.com",
  "medium.com",     "substack.com", "twitch.tv",       "discord.gg",
  "google.com",     "gmail.com",    "pixelfed.social", "flickr.com",
  "soundcloud.com", "spotify.com",  "reddit.com",      "wikipedia.org",
  "amazon.de",      "amazon.com",   "ebay.de",         "etsy.com",
  "strava.com",     "komoot.com",   "komoot.de",       "about.me",
};

static GRegex *
link_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* A host with a letter-only top-level domain, not preceded by "@"
       * or part of a longer word (so no e-mail domain or handle server),
       * with an optional path. */
      GRegex *compiled
          = g_regex_new ("(?<![\\w@.+-])(?:https?://)?"
                         "((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63})"
                         "(?![\\w@-])((?::[0-9]+)?/[^\\s<>\"'()\\[\\]{}|]*)?",
                         G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }
  return regex;
}

static GRegex *
email_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* Not preceded by "@": "@jana@mastodon.social" is a handle. */
      GRegex *compiled
          = g_regex_new ("(?<![\\w.+@%-])[a-z0-9][a-z0-9._%+-]*@"
                         "(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}"
                         "(?![\\w@-])",
                         G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }
  return regex;
}

static GRegex *
handle_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* "@user@server.tld" (Mastodon) and "@name.domain.tld" (Bluesky). */
      GRegex *compiled = g_regex_new (
          "(?<![\\w.@-])@([a-z0-9_][a-z0-9_.-]*(?:@[a-z0-9.-]+)?\\.[a-z]{2,63})"
          "(?![\\w@-])",
          G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }
  return regex;
}

static void
add_unique (GPtrArray *array, char *string)
{
  if (string == NULL || *string == '\0'
      || g_ptr_array_find_with_equal_func (array, string, g_str_equal, NULL))
    {
      g_free (string);
      return;
    }
  g_ptr_array_add (array, string);
}

static gboolean
array_has (GPtrArray *array, const char *string)
{
  return string != NULL
         && g_ptr_array_find_with_equal_func (array, string, g_str_equal, NULL);
}

static gboolean
is_handle_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* Whether @haystack (folded) names @needle as a whole: "jana.bsky.social"
 * is in "folgt @jana.bsky.social!" but not in "ojana.bsky.social.de". */
static gboolean
text_mentions (const char *haystack, const char *needle)
{
  gsize len;

  if (haystack == NULL || needle == NULL || *needle == '\0')
    return FALSE;

  len = strlen (needle);
  for (const char *p = strstr (haystack, needle); p != NULL;
       p = strstr (p + 1, needle))
    {
      char before = p > haystack ? p[-1] : ' ';
      char after = p[len];
      char next = after != '\0' ? p[len + 1] : '\0';

      if (is_handle_char (before) || before == '.')
        continue;
      if (is_handle_char (after)
          || ((after == '.' || after == '@') && g_ascii_isalnum (next)))
        continue;
      return TRUE;
    }
  return FALSE;
}

char *
_desk_link_name_key (const char *name, gboolean transliterate)
{
  static const char *const german[][2] = {
    { "ä", "ae" },
    { "ö", "oe" },
    { "ü", "ue" },
    { "ß", "ss" },
  };
  g_autofree char *composed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *key;
  gboolean space = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;

  composed = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  folded = g_utf8_casefold (composed, -1);
  if (transliterate)
    for (guint i = 0; i < G_N_ELEMENTS (german); i++)
      {
        g_auto (GStrv) parts = g_strsplit (folded, german[i][0], -1);
        g_free (folded);
        folded = g_strjoinv (german[i][1], parts);
      }
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);

  key = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (!g_unichar_isalnum (c))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }

  if (key->len == 0)
    {
      g_string_free (key, TRUE);
      return NULL;
    }
  return g_string_free (key, FALSE);
}

char *
_desk_link_normalize_url (const char *url)
{
  g_autofree char *lower = NULL;
  char *start;
  char *end;
  char *slash;

  if (url == NULL || !g_utf8_validate (url, -1, NULL))
    return NULL;

  lower = g_utf8_strdown (url, -1);
  start = g_strstrip (lower);
  if (g_str_has_prefix (start, "https://"))
    start += strlen ("https://");
  else if (g_str_has_prefix (start, "http://"))
    start += strlen ("http://");
  if (g_str_has_prefix (start, "www."))
    start += strlen ("www.");

  start[strcspn (start, "?# \t\n")] = '\0';
  end = start + strlen (start);
  while (end > start && strchr ("/.,;:!?", end[-1]) != NULL)
    *--end = '\0';

  slash = strchr (start, '/');
  if (start == end
      || memchr (start, '.', (slash ? slash : end) - start) == NULL)
    return NULL;
  return g_strdup (start);
}

GPtrArray *
_desk_link_extract_emails (const char *text)
{
  GPtrArray *emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GMatchInfo) match = NULL;

  if (text == NULL || strchr (text, '@') == NULL)
    return emails;

  g_regex_match (email_regex (), text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *email = g_match_info_fetch (match, 0);

      add_unique (emails, g_ascii_strdown (email, -1));
      g_match_info_next (match, NULL);
    }
  return emails;
}

/* The server of "user@server", which is no personal website. */
static const char *
handle_server (const DeskLinkProfile *profile)
{
  const char *at;

  if (profile->handle_key == NULL)
    return NULL;
  at = strchr (profile->handle_key, '@');
  return at != NULL ? at + 1 : NULL;
}

static gboolean
host_is_shared (const char *host, const DeskLinkProfile *profile)
{
  const char *server = handle_server (profile);

  if (server != NULL && g_str_equal (host, server))
    return TRUE;
  /* Fediverse servers: mastodon.social, norden.social, mstdn.io, ... */
  if (g_str_has_suffix (host, ".social") || strstr (host, "mastodon") != NULL
      || strstr (host, "mstdn") != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (shared_hosts); i++)
    if (g_str_equal (host, shared_hosts[i]))
      return TRUE;
  return FALSE;
}

static void
add_site (DeskLinkProfile *profile, const char *link)
{
  g_autofree char *host = g_strndup (link, strcspn (link, "/:"));

  if (!host_is_shared (host, profile))
    add_unique (profile->sites, g_steal_pointer (&host));
}

static void
scan_bio (DeskLinkProfile *profile, const char *bio)
{
  g_autoptr (GMatchInfo) match = NULL;

  g_regex_match (link_regex (), bio, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *text = g_match_info_fetch (match, 0);
      char *link = _desk_link_normalize_url (text);

      if (link != NULL)
        {
          add_site (profile, link);
          add_unique (profile->bio_links, link);
        }
      g_match_info_next (match, NULL);
    }
}

DeskLinkProfile *
_desk_link_profile_new (gint64 identity_id,
                        gint64 customer_id,
                        const char *handle,
                        const char *display_name,
                        const char *profile_url,
                        const char *bio)
{
  DeskLinkProfile *profile = g_new0 (DeskLinkProfile, 1);

  profile->identity_id = identity_id;
  profile->customer_id = customer_id;
  profile->handle = g_strdup (handle);
  profile->display_name = g_strdup (display_name);
  profile->profile_url = g_strdup (profile_url);
  profile->bio_links = g_ptr_array_new_with_free_func (g_free);
  profile->sites = g_ptr_array_new_with_free_func (g_free);

  if (handle != NULL && g_utf8_validate (handle, -1, NULL))
    {
      g_autofree char *folded = g_utf8_casefold (handle, -1);
      const char *bare = folded[0] == '@' ? folded + 1 : folded;
      const char *at = strchr (bare, '@');

      /* "anna" alone is a word, not a mention; only a qualified handle
       * ("anna@server.tld", "anna.bsky.social") names one account. */
      if (strchr (bare, '.') != NULL && strlen (bare) >= 5)
        profile->handle_key = g_strdup (bare);
      if (profile->handle_key != NULL && at != NULL)
        profile->mastodon_key
            = g_strdup_printf ("%s/@%.*s", at + 1, (int) (at - bare), bare);
    }

  for (guint i = 0; i < G_N_ELEMENTS (profile->name_keys); i++)
    {
      char *key = _desk_link_name_key (display_name, i == 1);

      /* A first name alone is shared by too many people. */
      if (key != NULL && strchr (key, ' ') == NULL)
        g_clear_pointer (&key, g_free);
      profile->name_keys[i] = key;
    }

  profile->profile_key = _desk_link_normalize_url (profile_url);
  if (profile->profile_key != NULL)
    add_site (profile, profile->profile_key);

  if (bio != NULL && g_utf8_validate (bio, -1, NULL))
    {
      profile->bio_folded = g_utf8_casefold (bio, -1);
      scan_bio (profile, bio);
    }

  return profile;
}

void
_desk_link_profile_free (DeskLinkProfile *profile)
{
  if (profile == NULL)
    return;

  g_free (profile->handle);
  g_free (profile->handle_key);
  g_free (profile->mastodon_key);
  g_free (profile->profile_url);
  g_free (profile->profile_key);
  g_free (profile->display_name);
  for (guint i = 0; i < G_N_ELEMENTS (profile->name_keys); i++)
    g_free (profile->name_keys[i]);
  g_free (profile->bio_folded);
  g_ptr_array_unref (profile->bio_links);
  g_ptr_array_unref (profile->sites);
  g_free (profile);
}

gint64
_desk_link_profile_get_identity_id (const DeskLinkProfile *profile)
{
  return profile->identity_id;
}

gint64
_desk_link_profile_get_customer_id (const DeskLinkProfile *profile)
{
  return profile->customer_id;
}

static void
add_words (GPtrArray *words, const char *key)
{
  g_auto (GStrv) split = NULL;

  if (key == NULL)
    return;

  split = g_strsplit (key, " ", -1);
  for (guint i = 0; split[i] != NULL; i++)
    /* Very short words and numbers match half the customers. */
    if (g_utf8_strlen (split[i], -1) >= 3
        && strspn (split[i], "0123456789") != strlen (split[i]))
      add_unique (words, g_strdup (split[i]));
}

void
_desk_link_profile_collect_terms (const DeskLinkProfile *profile,
                                  GPtrArray *words,
                                  GPtrArray *phrases)
{
  g_autoptr (GMatchInfo) match = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (profile->name_keys); i++)
    {
      add_words (words, profile->name_keys[i]);
      if (profile->name_keys[i] != NULL)
        add_unique (phrases, g_strdup (profile->name_keys[i]));
    }
  /* The name part of the handle: "janakoehler" of
   * "janakoehler.bsky.social", "jana" of "jana@mastodon.social". */
  if (profile->handle_key != NULL)
    {
      g_autofree char *name = g_strndup (profile->handle_key,
                                         strcspn (profile->handle_key, "@."));
      g_autofree char *key = _desk_link_name_key (name, FALSE);

      add_words (words, key);
    }

  if (profile->bio_folded == NULL)
    return;

  g_regex_match (handle_regex (), profile->bio_folded, 0, &match);
  while (g_match_info_matches (match))
    {
      add_unique (phrases, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }

  for (guint i = 0; i < profile->bio_links->len; i++)
    {
      const char *link = g_ptr_array_index (profile->bio_links, i);
      const char *slash = strchr (link, '/');

      /* A domain may be a Bluesky handle; a profile link carries the
       * handle in its path ("server/@user", "bsky.app/profile/name"). */
      if (slash == NULL)
        add_unique (phrases, g_strdup (link));
      else if (g_str_has_prefix (slash, "/@")
               && strchr (slash + 2, '/') == NULL)
        add_unique (phrases, g_strdup_printf ("%s@%.*s", slash + 2,
                                              (int) (slash - link), link));
      else if (g_str_has_prefix (slash, "/profile/"))
        add_unique (phrases,
                    g_strndup (slash + strlen ("/profile/"),
                               strcspn (slash + strlen ("/profile/"), "/")));
    }
}

/* Whether @a's bio names @b's account. */
static gboolean
bio_mentions (const DeskLinkProfile *a,
              const DeskLinkProfile *b,
              const char **evidence)
{
  if (text_mentions (a->bio_folded, b->handle_key)
      || text_mentions (a->bio_folded, b->mastodon_key))
    {
      *evidence = b->handle;
      return TRUE;
    }
  if (array_has (a->bio_links, b->profile_key))
    {
      *evidence = b->profile_url;
      return TRUE;
    }
  return FALSE;
}

gboolean
_desk_link_profiles_match (const DeskLinkProfile *a,
                           const DeskLinkProfile *b,
                           DeskLinkReason *reason,
                           char **evidence)
{
  const char *found = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (bio_mentions (a, b, &found) || bio_mentions (b, a, &found))
    {
      *reason = DESK_LINK_REASON_MENTIONED_IN_BIO;
      *evidence = g_strdup (found);
      return TRUE;
    }

  for (guint i = 0; i < a->sites->len; i++)
    if (array_has (b->sites, g_ptr_array_index (a->sites, i)))
      {
        *reason = DESK_LINK_REASON_SAME_WEBSITE;
        *evidence = g_strdup (g_ptr_array_index (a->sites, i));
        return TRUE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (a->name_keys); i++)
    for (guint j = 0; j < G_N_ELEMENTS (b->name_keys); j++)
      if (a->name_keys[i] != NULL && b->name_keys[j] != NULL
          && g_str_equal (a->name_keys[i], b->name_keys[j]))
        {
          *reason = DESK_LINK_REASON_SAME_NAME;
          *evidence = g_strdup (b->display_name);
          return TRUE;
        }

  return FALSE;
}

DeskLinkSuggestion *
desk_link_suggestion_copy (const DeskLinkSuggestion *self)
{
  DeskLinkSuggestion *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->other_name = g_strdup (self->other_name);
  copy->other_network = g_strdup (self->other_network);
  copy->other_handle = g_strdup (self->other_handle);
  copy->evidence = g_strdup (self->evidence);
  return copy;
}

void
desk_link_suggestion_free (DeskLinkSuggestion *self)
{
  if (self == NULL)
    return;

  g_free (self->other_name);
  g_free (self->other_network);
  g_free (self->other_handle);
  g_free (self->evidence);
  g_free (self);
}
