/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-mastodon-text"

#include "config.h"

#include <string.h>

#include "desk-mastodon-text.h"

/* Status HTML comes from any server on the fediverse, so it is treated as
 * hostile: a small tolerant scanner that only ever emits text, never a
 * tag, and drops the content of elements that are not text at all. */

typedef struct
{
  GString *out;
  gboolean pending_space;
  int pre_depth;
  /* The open link, if any. */
  char *href;
  gboolean href_is_mention;
  gsize link_text_start;
} Writer;

static const struct
{
  const char *name;
  gunichar value;
} named_entities[] = {
  { "amp", '&' },       { "lt", '<' },        { "gt", '>' },
  { "quot", '"' },      { "apos", '\'' },     { "nbsp", 0x00a0 },
  { "hellip", 0x2026 }, { "mdash", 0x2014 },  { "ndash", 0x2013 },
  { "laquo", 0x00ab },  { "raquo", 0x00bb },  { "bdquo", 0x201e },
  { "ldquo", 0x201c },  { "rdquo", 0x201d },  { "lsquo", 0x2018 },
  { "rsquo", 0x2019 },  { "sbquo", 0x201a },  { "euro", 0x20ac },
  { "copy", 0x00a9 },   { "reg", 0x00ae },    { "trade", 0x2122 },
  { "auml", 0x00e4 },   { "ouml", 0x00f6 },   { "uuml", 0x00fc },
  { "Auml", 0x00c4 },   { "Ouml", 0x00d6 },   { "Uuml", 0x00dc },
  { "szlig", 0x00df },  { "eacute", 0x00e9 }, { "egrave", 0x00e8 },
  { "agrave", 0x00e0 }, { "ccedil", 0x00e7 }, { "deg", 0x00b0 },
  { "middot", 0x00b7 }, { "bull", 0x2022 },   { "shy", 0x00ad },
  { "zwj", 0x200d },    { "zwnj", 0x200c },
};

/* Elements whose content is not text for a reader. */
static const char *const skipped_elements[] = {
  "script", "style",    "template", "iframe", "object", "embed",  "svg",
  "math",   "noscript", "textarea", "title",  "head",   "select", "canvas",
};

static gboolean
is_block (const char *name)
{
  static const char *const blocks[] = {
    "div", "blockquote", "ul",      "ol",     "h1",     "h2",
    "h3",  "h4",         "h5",      "h6",     "pre",    "table",
    "tr",  "section",    "article", "header", "footer", "hr",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (g_ascii_strcasecmp (name, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_skipped (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (skipped_elements); i++)
    if (g_ascii_strcasecmp (name, skipped_elements[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
writer_newlines (Writer *w, guint count)
{
  guint have = 0;

  w->pending_space = FALSE;
  if (w->out->len == 0)
    return;

  /* Trailing spaces before a break carry nothing. */
  while (w->out->len > 0 && w->out->str[w->out->len - 1] == ' ')
    g_string_truncate (w->out, w->out->len - 1);

  for (gsize i = w->out->len; i > 0 && w->out->str[i - 1] == '\n'; i--)
    have++;
  for (; have < count; have++)
    g_string_append_c (w->out, '\n');
}

static gboolean
at_line_start (Writer *w)
{
  return w->out->len == 0 || w->out->str[w->out->len - 1] == '\n';
}

static void
writer_char (Writer *w, gunichar c)
{
  /* Control characters other than line breaks and tabs have no business
   * in a message; they could hide text or upset the display. */
  if (c == '\r')
    return;
  if (c != '\n' && c != '\t' && (g_unichar_iscntrl (c) || c == 0))
    return;

  if (w->pre_depth == 0
      && (c == ' ' || c == '\n' || c == '\t' || c == 0x00a0 || c == '\f'))
    {
      if (c == 0x00a0)
        {
          /* A no-break space is deliberate: keep it as a plain space. */
          if (w->pending_space && !at_line_start (w))
            g_string_append_c (w->out, ' ');
          w->pending_space = FALSE;
          g_string_append_c (w->out, ' ');
          return;
        }
      w->pending_space = TRUE;
      return;
    }

  if (w->pending_space && !at_line_start (w))
    g_string_append_c (w->out, ' ');
  w->pending_space = FALSE;
  g_string_append_unichar (w->out, c);
}

static void
writer_text (Writer *w, const char *text, gsize len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    writer_char (w, g_utf8_get_char (p));
}

/* Decodes the entity at @p (just after '&'); returns the characters used
 * or 0 when it is not a valid entity. */
static gsize
decode_entity (const char *p, gunichar *out)
{
  const char *semi;
  gsize len;

  for (semi = p; *semi != '\0' && *semi != ';' && semi - p < 12; semi++)
    ;
  if (*semi != ';')
    return 0;
  len = semi - p;
  if (len == 0)
    return 0;

  if (p[0] == '#')
    {
      gboolean hex = p[1] == 'x' || p[1] == 'X';
      const char *digits = hex ? p + 2 : p + 1;
      guint64 value;
      char *end = NULL;

      if (!g_ascii_isxdigit (*digits) || (!hex && !g_ascii_isdigit (*digits)))
        return 0;
      value = g_ascii_strtoull (digits, &end, hex ? 16 : 10);
      if (end != semi)
        return 0;
      if (value == 0 || value > 0x10ffff
          || !g_unichar_validate ((gunichar) value))
        value = 0xfffd;
      *out = (gunichar) value;
      return len + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    if (strlen (named_entities[i].name) == len
        && strncmp (p, named_entities[i].name, len) == 0)
      {
        *out = named_entities[i].value;
        return len + 1;
      }
  return 0;
}

/* Text with entities decoded, for attribute values. */
static char *
decode_text (const char *text, gsize len)
{
  GString *out = g_string_sized_new (len);
  const char *end = text + len;

  for (const char *p = text; p < end;)
    {
      gunichar c;
      gsize used;

      if (*p == '&' && (used = decode_entity (p + 1, &c)) > 0)
        {
          g_string_append_unichar (out, c);
          p += used + 1;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (out, FALSE);
}

/* Reads attribute @name from the tag body [@start, @end). */
static char *
tag_attribute (const char *start, const char *end, const char *name)
{
  gsize name_len = strlen (name);
  const char *p = start;

  while (p < end)
    {
      const char *attr;
      gsize attr_len;

      while (p < end && (g_ascii_isspace (*p) || *p == '/'))
        p++;
      attr = p;
      while (p < end && !g_ascii_isspace (*p) && *p != '=' && *p != '/')
        p++;
      attr_len = p - attr;
      while (p < end && g_ascii_isspace (*p))
        p++;

      if (p < end && *p == '=')
        {
          const char *value;
          gsize value_len;

          p++;
          while (p < end && g_ascii_isspace (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              char quote = *p++;

              value = p;
              while (p < end && *p != quote)
                p++;
              value_len = p - value;
              if (p < end)
                p++;
            }
          else
            {
              value = p;
              while (p < end && !g_ascii_isspace (*p))
                p++;
              value_len = p - value;
            }

          if (attr_len == name_len
              && g_ascii_strncasecmp (attr, name, name_len) == 0)
            return decode_text (value, value_len);
        }
      else if (attr_len == 0)
        p++;
    }
  return NULL;
}

/* Finds the '>' that ends the tag starting at @p, honouring quotes. */
static const char *
find_tag_end (const char *p)
{
  char quote = 0;

  for (; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p;
    }
  return NULL;
}

static const char *
skip_element (const char *p, const char *name)
{
  g_autofree char *close = g_strconcat ("</", name, NULL);
  gsize close_len = strlen (close);

  for (; *p != '\0'; p++)
    if (*p == '<' && g_ascii_strncasecmp (p, close, close_len) == 0)
      {
        const char *end = find_tag_end (p);

        return end ? end + 1 : p + strlen (p);
      }
  return p;
}

gboolean
desk_mastodon_is_web_url (const char *url)
{
  if (url == NULL
      || !(g_str_has_prefix (url, "https://")
           || g_str_has_prefix (url, "http://")))
    return FALSE;
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f || *p == '"' || *p == '<' || *p == '>'
        || *p == '\\')
      return FALSE;
  return g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL);
}

static gboolean
link_text_matches (const char *text, const char *href)
{
  const char *bare = href;

  if (g_str_has_prefix (bare, "https://"))
    bare += 8;
  else if (g_str_has_prefix (bare, "http://"))
    bare += 7;

  if (g_strcmp0 (text, href) == 0 || g_strcmp0 (text, bare) == 0)
    return TRUE;

  /* Shortened display ("example.com/long/pa…"). */
  if (g_str_has_suffix (text, "…"))
    {
      g_autofree char *prefix = g_strndup (text, strlen (text) - strlen ("…"));

      return g_str_has_prefix (href, prefix) || g_str_has_prefix (bare, prefix);
    }
  return FALSE;
}

static void
close_link (Writer *w)
{
  g_autofree char *text = NULL;

  if (w->href == NULL)
    return;

  text = g_strstrip (g_strdup (w->out->str + w->link_text_start));
  /* Mentions and hashtags point at profile and tag pages; their text is
   * what matters. Only real links keep their target. */
  if (!w->href_is_mention && *text != '\0' && text[0] != '@' && text[0] != '#'
      && !link_text_matches (text, w->href))
    g_string_append_printf (w->out, " (%s)", w->href);
  g_clear_pointer (&w->href, g_free);
}

static void
handle_tag (Writer *w, const char *body, const char *end)
{
  gboolean closing = FALSE;
  const char *name_start;
  g_autofree char *name = NULL;

  if (*body == '/')
    {
      closing = TRUE;
      body++;
    }
  name_start = body;
  while (body < end && (g_ascii_isalnum (*body) || *body == '-'))
    body++;
  name = g_ascii_strdown (name_start, body - name_start);

  if (g_str_equal (name, "br"))
    writer_newlines (w, 1);
  else if (g_str_equal (name, "p"))
    writer_newlines (w, 2);
  else if (g_str_equal (name, "li"))
    {
      if (!closing)
        {
          writer_newlines (w, 1);
          writer_text (w, "• ", strlen ("• "));
        }
    }
  else if (g_str_equal (name, "pre"))
    {
      writer_newlines (w, 1);
      w->pre_depth = MAX (w->pre_depth + (closing ? -1 : 1), 0);
    }
  else if (is_block (name))
    writer_newlines (w, 1);
  else if (g_str_equal (name, "a"))
    {
      if (closing)
        close_link (w);
      else
        {
          g_autofree char *href = tag_attribute (body, end, "href");
          g_autofree char *klass = tag_attribute (body, end, "class");

          close_link (w);
          /* Only a well-formed web link is kept; it is shown as text. */
          if (href != NULL && desk_mastodon_is_web_url (href))
            {
              w->href = g_steal_pointer (&href);
              w->href_is_mention = klass != NULL
                                   && (strstr (klass, "mention") != NULL
                                       || strstr (klass, "hashtag") != NULL);
              if (w->pending_space && !at_line_start (w))
                g_string_append_c (w->out, ' ');
              w->pending_space = FALSE;
              w->link_text_start = w->out->len;
            }
        }
    }
  else if (g_str_equal (name, "img") && !closing)
    {
      g_autofree char *alt = tag_attribute (body, end, "alt");

      if (alt != NULL)
        writer_text (w, alt, strlen (alt));
    }
}

char *
desk_mastodon_html_to_text (const char *html)
{
  g_autofree char *valid = NULL;
  Writer w = { 0 };
  GString *collapsed;
  const char *p;

  if (html == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (html, -1);
  w.out = g_string_new (NULL);

  p = valid;
  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end;

          if (g_str_has_prefix (p, "<!--"))
            {
              const char *close = strstr (p + 4, "-->");

              p = close ? close + 3 : p + strlen (p);
              continue;
            }

          end = find_tag_end (p + 1);
          if (end == NULL
              || !(g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'
                   || p[1] == '?'))
            {
              /* Not a tag: a literal "<" in text. */
              writer_char (&w, '<');
              p++;
              continue;
            }

          if (g_ascii_isalpha (p[1]))
            {
              const char *q = p + 1;
              g_autofree char *name = NULL;

              while (g_ascii_isalnum (*q) || *q == '-')
                q++;
              name = g_ascii_strdown (p + 1, q - p - 1);
              if (is_skipped (name) && end[-1] != '/')
                {
                  p = skip_element (end + 1, name);
                  continue;
                }
            }

          if (p[1] != '!' && p[1] != '?')
            handle_tag (&w, p + 1, end);
          p = end + 1;
          continue;
        }

      if (*p == '&')
        {
          gunichar c;
          gsize used = decode_entity (p + 1, &c);

          if (used > 0)
            {
              writer_char (&w, c);
              p += used + 1;
              continue;
            }
        }

      writer_char (&w, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }
  close_link (&w);

  /* At most one empty line in a row, nothing around the text. */
  collapsed = g_string_new (NULL);
  for (gsize i = 0; i < w.out->len; i++)
    {
      char c = w.out->str[i];

      if (c == '\n' && collapsed->len >= 2
          && collapsed->str[collapsed->len - 1] == '\n'
          && collapsed->str[collapsed->len - 2] == '\n')
        continue;
      g_string_append_c (collapsed, c);
    }
  g_string_free (w.out, TRUE);

  return g_strstrip (g_string_free (collapsed, FALSE));
}

static gboolean
is_handle_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

static gboolean
is_domain_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '-' || c == '.';
}

/* Length of the mention at @p ("@user" or "@user@domain"), 0 when there is
 * none; @user_len gets the length of "@user". */
static gsize
match_mention (const char *p, gsize *user_len)
{
  const char *q = p + 1;
  const char *domain;

  if (*p != '@')
    return 0;
  while (*q != '\0' && is_handle_char (g_utf8_get_char (q)))
    q = g_utf8_next_char (q);
  if (q == p + 1)
    return 0;
  *user_len = q - p;

  if (*q == '@')
    {
      const char *last_dot = NULL;

      domain = q + 1;
      while (*domain != '\0' && is_domain_char (g_utf8_get_char (domain)))
        {
          if (*domain == '.')
            last_dot = domain;
          domain = g_utf8_next_char (domain);
        }
      /* A trailing dot ends the sentence, not the domain. */
      while (domain > q + 1 && (domain[-1] == '.' || domain[-1] == '-'))
        domain--;
      if (last_dot != NULL && last_dot < domain - 1 && last_dot > q + 1)
        return domain - p;
    }
  return *user_len;
}

/* Length of the URL at @p, 0 when there is none. */
static gsize
match_url (const char *p)
{
  const char *q;

  if (g_ascii_strncasecmp (p, "https://", 8) == 0)
    q = p + 8;
  else if (g_ascii_strncasecmp (p, "http://", 7) == 0)
    q = p + 7;
  else
    return 0;

  if (!g_unichar_isalnum (g_utf8_get_char (q)))
    return 0;
  while (*q != '\0' && !g_unichar_isspace (g_utf8_get_char (q)))
    q = g_utf8_next_char (q);
  /* Punctuation that closes a sentence is not part of the link. */
  while (q > p && strchr (".,;:!?)]}'\"", q[-1]) != NULL)
    q--;
  return q - p;
}

static gboolean
starts_word (const char *text, const char *p)
{
  gunichar before;

  if (p == text)
    return TRUE;
  before = g_utf8_get_char (g_utf8_prev_char (p));
  return !is_handle_char (before) && before != '/' && before != '@';
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1f1e6 && c <= 0x1f1ff;
}

/* User-perceived characters, close enough to grapheme clusters for a
 * length counter: combining marks, joiners, variation selectors and skin
 * tones extend the character before them, and flags are pairs. */
static guint
count_characters (const char *p, gsize len)
{
  const char *end = p + len;
  gboolean join_next = FALSE;
  gboolean open_flag = FALSE;
  guint count = 0;

  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x200d)
        {
          join_next = TRUE;
          continue;
        }
      if (join_next || g_unichar_ismark (c) || (c >= 0xfe00 && c <= 0xfe0f)
          || (c >= 0x1f3fb && c <= 0x1f3ff) || (c >= 0xe0020 && c <= 0xe007f))
        {
          join_next = FALSE;
          if (count == 0)
            count = 1;
          continue;
        }
      if (is_regional_indicator (c))
        {
          if (open_flag)
            {
              open_flag = FALSE;
              continue;
            }
          open_flag = TRUE;
        }
      else
        open_flag = FALSE;
      count++;
    }
  return count;
}

guint
desk_mastodon_count_length (const char *text, guint url_length)
{
  const char *p;
  const char *run;
  guint count = 0;

  g_return_val_if_fail (text != NULL, 0);

  run = p = text;
  while (*p != '\0')
    {
      gsize len = 0;
      gsize user_len = 0;

      if (starts_word (text, p))
        {
          len = match_url (p);
          if (len > 0)
            {
              count += count_characters (run, p - run) + url_length;
              run = p = p + len;
              continue;
            }
          len = match_mention (p, &user_len);
          if (len > 0)
            {
              count += count_characters (run, p - run)
                       + count_characters (p, user_len);
              run = p = p + len;
              continue;
            }
        }
      p = g_utf8_next_char (p);
    }
  return count + count_characters (run, p - run);
}

char *
desk_mastodon_strip_leading_mentions (const char *text)
{
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  for (;;)
    {
      gsize user_len = 0;
      gsize len;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      len = match_mention (p, &user_len);
      if (len == 0)
        break;
      /* Only a mention followed by a break counts, not "@name's". */
      if (p[len] != '\0' && !g_unichar_isspace (g_utf8_get_char (p + len)))
        break;
      p += len;
    }
  return g_strdup (p);
}

char *
desk_mastodon_normalize_space (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00a0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
desk_mastodon_text_mentions (const char *text, const char *acct)
{
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;
  gsize needle_len;
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (acct != NULL, FALSE);

  needle = g_utf8_casefold (acct, -1);
  haystack = g_utf8_casefold (text, -1);
  needle_len = strlen (needle);

  for (p = haystack; (p = strchr (p, '@')) != NULL; p++)
    {
      const char *after = p + 1 + needle_len;

      if (!starts_word (haystack, p))
        continue;
      if (strncmp (p + 1, needle, needle_len) != 0)
        continue;
      if (*after == '\0'
          || !(is_handle_char (g_utf8_get_char (after)) || *after == '@'
               || (*after == '.'
                   && is_domain_char (g_utf8_get_char (after + 1)))))
        return TRUE;
    }
  return FALSE;
}
