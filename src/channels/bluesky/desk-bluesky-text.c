/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-bluesky-text"

#include "config.h"

#include <string.h>

#include "desk-bluesky-text.h"

/* Grapheme cluster classes of Unicode's UAX #29, as far as we need them:
 * GLib 2.74 has no grapheme break property, so the classes are derived
 * from the general category plus the emoji and Hangul ranges. That is
 * exact for text people write (accents, emoji with skin tones, ZWJ
 * families, flags, keycaps) and errs towards counting more for rare
 * scripts, which keeps a post within the server's limit. */
typedef enum
{
  GB_OTHER,
  GB_CR,
  GB_LF,
  GB_CONTROL,
  GB_EXTEND,
  GB_ZWJ,
  GB_SPACING_MARK,
  GB_REGIONAL_INDICATOR,
  GB_L,
  GB_V,
  GB_T,
  GB_LV,
  GB_LVT,
  GB_PICTOGRAPHIC,
} GraphemeClass;

/* Record keys look like TIDs: 13 characters of this alphabet. */
static const char tid_alphabet[] = "234567abcdefghijklmnopqrstuvwxyz";

/* Derived record keys carry a timestamp from 2023 rather than the real
 * time (see desk_bluesky_tid_from_key). */
#define TID_BASE_USEC (G_GINT64_CONSTANT (1672531200) * G_USEC_PER_SEC)

void
desk_bluesky_facet_free (DeskBlueskyFacet *facet)
{
  if (facet == NULL)
    return;
  g_free (facet->value);
  g_free (facet->did);
  g_free (facet);
}

static gboolean
is_pictographic (gunichar c)
{
  if (c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122
      || c == 0x2139 || (c >= 0x2194 && c <= 0x2199)
      || (c >= 0x21A9 && c <= 0x21AA) || (c >= 0x231A && c <= 0x231B)
      || c == 0x2328 || c == 0x23CF || (c >= 0x23E9 && c <= 0x23F3)
      || (c >= 0x23F8 && c <= 0x23FA) || c == 0x24C2
      || (c >= 0x25AA && c <= 0x25AB) || c == 0x25B6 || c == 0x25C0
      || (c >= 0x25FB && c <= 0x25FE) || (c >= 0x2600 && c <= 0x27BF)
      || (c >= 0x2934 && c <= 0x2935) || (c >= 0x2B05 && c <= 0x2B07)
      || (c >= 0x2B1B && c <= 0x2B1C) || c == 0x2B50 || c == 0x2B55
      || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299)
    return TRUE;

  /* The emoji planes; regional indicators and skin tones are handled
   * before this is asked. */
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x1FC00 && c <= 0x1FFFD);
}

static GraphemeClass
grapheme_class (gunichar c)
{
  if (c == '\r')
    return GB_CR;
  if (c == '\n')
    return GB_LF;
  if (c == 0x200D)
    return GB_ZWJ;
  if (c == 0x200C || (c >= 0x1F3FB && c <= 0x1F3FF)
      || (c >= 0xE0020 && c <= 0xE007F) || c == 0xFF9E || c == 0xFF9F)
    return GB_EXTEND;
  if (c >= 0x1F1E6 && c <= 0x1F1FF)
    return GB_REGIONAL_INDICATOR;

  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0xA960 && c <= 0xA97C))
    return GB_L;
  if ((c >= 0x1160 && c <= 0x11A7) || (c >= 0xD7B0 && c <= 0xD7C6))
    return GB_V;
  if ((c >= 0x11A8 && c <= 0x11FF) || (c >= 0xD7CB && c <= 0xD7FB))
    return GB_T;
  if (c >= 0xAC00 && c <= 0xD7A3)
    return (c - 0xAC00) % 28 == 0 ? GB_LV : GB_LVT;

  if (is_pictographic (c))
    return GB_PICTOGRAPHIC;

  switch (g_unichar_type (c))
    {
      case G_UNICODE_NON_SPACING_MARK:
      case G_UNICODE_ENCLOSING_MARK:
        return GB_EXTEND;

      case G_UNICODE_SPACING_MARK:
        return GB_SPACING_MARK;

      case G_UNICODE_CONTROL:
      case G_UNICODE_FORMAT:
      case G_UNICODE_LINE_SEPARATOR:
      case G_UNICODE_PARAGRAPH_SEPARATOR:
      case G_UNICODE_UNASSIGNED:
      case G_UNICODE_SURROGATE:
        /* Unassigned code points are Other in UAX #29, but GLib's tables
         * may predate an emoji; counting them alone is the safe side. */
        return c < 0x80 || g_unichar_type (c) != G_UNICODE_UNASSIGNED
                   ? GB_CONTROL
                   : GB_OTHER;

      default:
        return GB_OTHER;
    }
}

static gboolean
is_break (GraphemeClass prev,
          GraphemeClass cls,
          guint ri_run,
          gboolean after_pictographic_zwj)
{
  if (prev == GB_CR && cls == GB_LF)
    return FALSE;
  if (prev == GB_CONTROL || prev == GB_CR || prev == GB_LF)
    return TRUE;
  if (cls == GB_CONTROL || cls == GB_CR || cls == GB_LF)
    return TRUE;
  if (prev == GB_L
      && (cls == GB_L || cls == GB_V || cls == GB_LV || cls == GB_LVT))
    return FALSE;
  if ((prev == GB_LV || prev == GB_V) && (cls == GB_V || cls == GB_T))
    return FALSE;
  if ((prev == GB_LVT || prev == GB_T) && cls == GB_T)
    return FALSE;
  if (cls == GB_EXTEND || cls == GB_ZWJ || cls == GB_SPACING_MARK)
    return FALSE;
  if (after_pictographic_zwj && cls == GB_PICTOGRAPHIC)
    return FALSE;
  /* Flags are pairs of regional indicators: join the second of each. */
  if (prev == GB_REGIONAL_INDICATOR && cls == GB_REGIONAL_INDICATOR
      && ri_run % 2 == 1)
    return FALSE;
  return TRUE;
}

/* The number of user-perceived characters, as Bluesky counts a post's
 * length (the servers use Unicode's extended grapheme clusters). */
guint
desk_bluesky_count_graphemes (const char *text)
{
  GraphemeClass prev = GB_CONTROL;
  guint ri_run = 0;
  /* 0: none, 1: pictograph (+ extends), 2: pictograph (+ extends) + ZWJ */
  guint pict_state = 0;
  guint count = 0;
  gboolean first = TRUE;
  g_autofree char *valid = NULL;

  g_return_val_if_fail (text != NULL, 0);

  /* Invalid bytes never reach the server; count each as one. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GraphemeClass cls;

      cls = grapheme_class (c);
      if (first || is_break (prev, cls, ri_run, pict_state == 2))
        count++;
      first = FALSE;

      ri_run = cls == GB_REGIONAL_INDICATOR
                   ? (prev == GB_REGIONAL_INDICATOR ? ri_run + 1 : 1)
                   : 0;
      if (cls == GB_PICTOGRAPHIC)
        pict_state = 1;
      else if (cls == GB_EXTEND && pict_state == 1)
        pict_state = 1;
      else if (cls == GB_ZWJ && pict_state == 1)
        pict_state = 2;
      else
        pict_state = 0;
      prev = cls;
    }

  return count;
}

static gboolean
starts_word (const char *text, const char *p)
{
  const char *before;
  gunichar c;

  if (p == text)
    return TRUE;
  before = g_utf8_find_prev_char (text, p);
  if (before == NULL)
    return TRUE;
  c = g_utf8_get_char (before);
  return g_unichar_isspace (c) || c == '(' || c == '[' || c == '"'
         || c == 0x201E || c == 0x201C || c == 0x00AB;
}

static gboolean
is_valid_handle (const char *handle, gsize len)
{
  g_auto (GStrv) labels = NULL;
  g_autofree char *copy = NULL;
  guint n;

  if (len < 3 || len > 253)
    return FALSE;

  copy = g_strndup (handle, len);
  labels = g_strsplit (copy, ".", -1);
  n = g_strv_length (labels);
  if (n < 2)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      gsize l = strlen (labels[i]);

      if (l == 0 || l > 63 || labels[i][0] == '-' || labels[i][l - 1] == '-')
        return FALSE;
    }
  /* The top-level domain starts with a letter, so "@12.50" is no handle. */
  return g_ascii_isalpha (labels[n - 1][0]);
}

static gsize
scan_mention (const char *p)
{
  gsize len = 0;

  while (g_ascii_isalnum (p[len]) || p[len] == '.' || p[len] == '-')
    len++;
  /* A sentence may end right after a handle. */
  while (len > 0 && (p[len - 1] == '.' || p[len - 1] == '-'))
    len--;
  return len;
}

static gsize
scan_link (const char *p)
{
  gsize len = 0;
  int open = 0;

  while (p[len] != '\0' && !g_ascii_isspace (p[len]))
    {
      gunichar c = g_utf8_get_char (p + len);

      if (c > 0x7F && g_unichar_isspace (c))
        break;
      if (c == '(')
        open++;
      else if (c == ')')
        open--;
      len = g_utf8_next_char (p + len) - p;
    }

  /* Punctuation that ends the sentence is not part of the link, nor is a
   * closing parenthesis that has no opening one inside the link. */
  while (len > 0)
    {
      char last = p[len - 1];

      if (last == '.' || last == ',' || last == ';' || last == ':'
          || last == '!' || last == '?' || last == '"' || last == '\'')
        len--;
      else if (last == ')' && open < 0)
        {
          len--;
          open++;
        }
      else
        break;
    }
  return len;
}

/* Finds mentions ("@shop.example.com") and links ("https://…") in @text
 * with their UTF-8 byte ranges, as Bluesky's facets want them. The text
 * itself is sent as it is. */
GPtrArray *
desk_bluesky_detect_facets (const char *text)
{
  GPtrArray *facets = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_bluesky_facet_free);

  g_return_val_if_fail (text != NULL, facets);

  for (const char *p = text; *p != '\0';)
    {
      gsize len = 0;
      DeskBlueskyFacet *facet = NULL;

      if (*p == '@' && starts_word (text, p))
        {
          len = scan_mention (p + 1);
          if (len > 0 && is_valid_handle (p + 1, len))
            {
              facet = g_new0 (DeskBlueskyFacet, 1);
              facet->kind = DESK_BLUESKY_FACET_MENTION;
              facet->value = g_ascii_strdown (p + 1, len);
              len++;
            }
        }
      else if ((g_ascii_strncasecmp (p, "https://", 8) == 0
                || g_ascii_strncasecmp (p, "http://", 7) == 0)
               && starts_word (text, p))
        {
          len = scan_link (p);
          if (len > (gsize) (p[4] == ':' ? 7 : 8))
            {
              facet = g_new0 (DeskBlueskyFacet, 1);
              facet->kind = DESK_BLUESKY_FACET_LINK;
              facet->value = g_strndup (p, len);
            }
        }

      if (facet != NULL)
        {
          facet->byte_start = (gsize) (p - text);
          facet->byte_end = facet->byte_start + len;
          g_ptr_array_add (facets, facet);
          p += len;
        }
      else
        p = g_utf8_next_char (p);
    }

  return facets;
}

/* A record key for the post that answers the reply with idempotency key
 * @key. The same key always gives the same record key, so a resend after
 * a crash or a lost answer writes to the same record, which the server
 * refuses to create twice. It has the syntax of a TID (the record key
 * type of posts); its time part is taken from a hash of @key, not from the
 * clock, and lies in 2023: nothing orders our replies by record key, and
 * createdAt carries the real time. */
char *
desk_bluesky_tid_from_key (const char *key)
{
  g_autoptr (GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  guint64 bits = 0;
  guint64 usec;
  guint64 clock_id;
  guint64 value;
  char tid[14];

  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) "socialdesk-bluesky-rkey:", -1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);

  for (guint i = 0; i < 8; i++)
    bits = (bits << 8) | digest[i];

  usec = (guint64) TID_BASE_USEC + (bits >> 20);  /* 44 bits */
  clock_id = bits & 0x3FF;                        /* 10 bits */
  value = ((usec << 10) | clock_id) & G_MAXINT64; /* top bit 0 */

  for (guint i = 0; i < 13; i++)
    tid[i] = tid_alphabet[(value >> (60 - 5 * i)) & 0x1F];
  tid[13] = '\0';

  return g_strdup (tid);
}

gboolean
desk_bluesky_is_tid (const char *text)
{
  if (text == NULL || strlen (text) != 13)
    return FALSE;
  /* The first character holds the top bits; the highest must be 0. */
  if (strchr ("234567abcdefghij", text[0]) == NULL)
    return FALSE;
  for (guint i = 0; i < 13; i++)
    if (strchr (tid_alphabet, text[i]) == NULL || text[i] == '\0')
      return FALSE;
  return TRUE;
}

/* Splits "at://did:plc:abc/app.bsky.feed.post/3k…" into its parts; any of
 * the out parameters may be NULL. */
gboolean
desk_bluesky_parse_at_uri (const char *uri,
                           char **authority,
                           char **collection,
                           char **rkey)
{
  g_auto (GStrv) parts = NULL;

  if (uri == NULL || !g_str_has_prefix (uri, "at://"))
    return FALSE;

  parts = g_strsplit (uri + 5, "/", -1);
  if (g_strv_length (parts) != 3 || *parts[0] == '\0' || *parts[1] == '\0'
      || *parts[2] == '\0' || strchr (uri, '?') != NULL
      || strchr (uri, '#') != NULL)
    return FALSE;

  if (authority != NULL)
    *authority = g_strdup (parts[0]);
  if (collection != NULL)
    *collection = g_strdup (parts[1]);
  if (rkey != NULL)
    *rkey = g_strdup (parts[2]);
  return TRUE;
}

/* The address of a post in the Bluesky web app, for "open in browser". */
char *
desk_bluesky_post_web_url (const char *uri)
{
  g_autofree char *authority = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;

  if (!desk_bluesky_parse_at_uri (uri, &authority, &collection, &rkey)
      || g_strcmp0 (collection, "app.bsky.feed.post") != 0)
    return NULL;

  return g_strdup_printf ("https://bsky.app/profile/%s/post/%s", authority,
                          rkey);
}

/* Unix seconds of an AT Protocol datetime; -1 when it is not one. */
gint64
desk_bluesky_parse_datetime (const char *text)
{
  g_autoptr (GDateTime) time = NULL;

  if (text == NULL || *text == '\0')
    return -1;

  /* The format demands a time zone; GLib would assume local time. */
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return -1;

  return g_date_time_to_unix (time);
}

/* "2024-05-01T12:00:00.123Z", the form of createdAt. */
char *
desk_bluesky_format_datetime (gint64 unix_usec)
{
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *seconds = NULL;

  time = g_date_time_new_from_unix_utc (unix_usec / G_USEC_PER_SEC);
  if (time == NULL)
    return NULL;

  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds,
                          (int) ((unix_usec % G_USEC_PER_SEC) / 1000));
}
