/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-text"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-text.h"

/* Characters that change how the text around them is shown without being
 * visible themselves: C0/C1 controls and the bidirectional embeddings,
 * overrides and isolates, which let a customer make "gnp.exe" read as
 * "exe.png" or turn the rest of a row around. */
static gboolean
is_hidden_control (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static char *
sanitize (const char *text, gboolean one_line)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean last_was_space = TRUE;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean is_break = c == '\n' || c == 0x2028 || c == 0x2029;

      if (c == '\r')
        {
          /* "\r\n" is one line break; a lone "\r" is one too. */
          if (p[1] == '\n')
            continue;
          is_break = TRUE;
        }

      if (one_line && (is_break || c == '\t' || c == ' '))
        {
          if (!last_was_space)
            g_string_append_c (out, ' ');
          last_was_space = TRUE;
          continue;
        }

      if (is_break)
        g_string_append_c (out, '\n');
      else if (c == '\t')
        g_string_append_c (out, '\t');
      else if (is_hidden_control (c))
        continue;
      else
        g_string_append_unichar (out, c);

      last_was_space = FALSE;
    }

  if (one_line && out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* Returns @text as it may be shown in a label: valid UTF-8, with line
 * breaks and tabs kept and every invisible control character removed. The
 * result is plain text, never markup. */
char *
desk_text_for_display (const char *text)
{
  return sanitize (text, FALSE);
}

/* Like desk_text_for_display() for one-line places (names, handles,
 * snippets): line breaks and runs of white space become one space. */
char *
desk_text_for_display_line (const char *text)
{
  return sanitize (text, TRUE);
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1f1e6 && c <= 0x1f1ff;
}

/* Whether a break may go between @c and @next without splitting what the
 * reader sees as one character (accents, emoji sequences, flags).
 * @n_regional is how many regional indicators end at @c: a flag is a
 * pair of them. */
static gboolean
is_cluster_boundary (gunichar c, gunichar next, guint n_regional)
{
  if (next == 0 || g_unichar_ismark (next) || next == 0x200d || c == 0x200d)
    return FALSE;
  if (next >= 0x1f3fb && next <= 0x1f3ff) /* skin tone modifiers */
    return FALSE;
  if (g_unichar_type (next) == G_UNICODE_FORMAT) /* joiners, selectors */
    return FALSE;
  if (is_regional_indicator (next) && n_regional % 2 == 1)
    return FALSE;
  return TRUE;
}

#define ZERO_WIDTH_SPACE 0x200b

static gboolean
is_break (gunichar c)
{
  return g_unichar_isspace (c) || c == ZERO_WIDTH_SPACE;
}

/* Long messages are expensive for Pango: a word longer than a line is
 * wrapped character by character, and a paragraph is laid out again for
 * every width a container asks about, at a cost that grows faster than
 * its length. A few thousand characters take seconds per frame. The
 * functions below keep both short: break points inside very long words,
 * and pieces of a long message for labels of their own. */

/* Returns @text with an invisible break opportunity (U+200B) after every
 * @max_run characters of a word, between two characters as the reader
 * sees them. Text copied from such a label goes through
 * desk_text_remove_break_points(). */
char *
desk_text_add_break_points (const char *text, guint max_run)
{
  GString *out;
  guint run = 0;
  guint n_regional = 0;

  g_return_val_if_fail (max_run > 0, NULL);

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar after = g_utf8_get_char (g_utf8_next_char (p));

      g_string_append_unichar (out, c);
      n_regional = is_regional_indicator (c) ? n_regional + 1 : 0;

      if (is_break (c))
        {
          run = 0;
          continue;
        }

      if (++run >= max_run && !is_break (after)
          && is_cluster_boundary (c, after, n_regional))
        {
          g_string_append_unichar (out, ZERO_WIDTH_SPACE);
          run = 0;
        }
    }

  return g_string_free (out, FALSE);
}

/* Removes every U+200B, as desk_text_add_break_points() put them. */
char *
desk_text_remove_break_points (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != ZERO_WIDTH_SPACE)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Splits @text into pieces of at most @max_length characters, each cut
 * after the last line break (which is dropped: the pieces are stacked),
 * space or break point before the limit, or between two characters as
 * the reader sees them when there is none. Returns at least one piece. */
char **
desk_text_split_long (const char *text, guint max_length)
{
  g_autoptr (GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  const char *start;

  g_return_val_if_fail (max_length > 0, NULL);

  if (text == NULL)
    text = "";

  start = text;
  while (g_utf8_strlen (start, -1) > (glong) max_length)
    {
      const char *cut = NULL;     /* where the piece ends */
      const char *resume = NULL;  /* where the next one starts */
      const char *cluster = NULL; /* the last safe place in a word */
      const char *p = start;
      guint n_regional = 0;

      for (guint n = 0; n < max_length; n++, p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          n_regional = is_regional_indicator (c) ? n_regional + 1 : 0;
          if (c == '\n')
            {
              cut = p;
              resume = next;
            }
          else if (is_break (c))
            cut = resume = next;
          else if (is_cluster_boundary (c, g_utf8_get_char (next), n_regional))
            cluster = next;
        }

      if (cut == NULL)
        cut = resume = cluster != NULL ? cluster : p;

      g_ptr_array_add (pieces, g_strndup (start, (gsize) (cut - start)));
      start = resume;
    }

  g_ptr_array_add (pieces, g_strdup (start));
  g_ptr_array_add (pieces, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&pieces), FALSE);
}

static GDateTime *
to_local_day (GDateTime *datetime)
{
  return g_date_time_new (g_date_time_get_timezone (datetime),
                          g_date_time_get_year (datetime),
                          g_date_time_get_month (datetime),
                          g_date_time_get_day_of_month (datetime), 0, 0, 0);
}

/* How long ago @then (unix seconds) was, as short as the inbox needs it:
 * "now", "5 min", "3 h", "Yesterday", a weekday, a date. @now carries the
 * time zone to count days in. */
char *
desk_text_format_relative_time (gint64 then, GDateTime *now)
{
  g_autoptr (GDateTime) then_utc = NULL;
  g_autoptr (GDateTime) then_local = NULL;
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (GDateTime) then_day = NULL;
  gint64 seconds;
  gint64 days;

  g_return_val_if_fail (now != NULL, NULL);

  seconds = g_date_time_to_unix (now) - then;
  /* A clock a little ahead on the server is not the future. */
  if (seconds < 60)
    {
      /* Translators: the time of a message that arrived less than a
       * minute ago; keep it short. */
      return g_strdup (C_ ("time", "now"));
    }

  if (seconds < 60 * 60)
    {
      int minutes = (int) (seconds / 60);
      /* Translators: a short relative time, "5 min" (ago); keep it short. */
      return g_strdup_printf (ngettext ("%d min", "%d min", minutes), minutes);
    }

  then_utc = g_date_time_new_from_unix_utc (then);
  then_local
      = g_date_time_to_timezone (then_utc, g_date_time_get_timezone (now));
  today = to_local_day (now);
  then_day = to_local_day (then_local);
  days = g_date_time_difference (today, then_day) / G_TIME_SPAN_DAY;

  if (days <= 0)
    {
      int hours = (int) (seconds / (60 * 60));
      /* Translators: a short relative time, "3 h" (ago); keep it short. */
      return g_strdup_printf (ngettext ("%d h", "%d h", hours), hours);
    }

  if (days == 1)
    return g_strdup (_ ("Yesterday"));

  if (days < 7)
    /* Translators: the weekday of a message of this week, in
     * g_date_time_format() syntax. */
    /* xgettext:no-c-format */
    return g_date_time_format (then_local, C_ ("time", "%A"));

  if (g_date_time_get_year (then_local) == g_date_time_get_year (now))
    /* Translators: a date in this year, in g_date_time_format() syntax;
     * "%b %-e" is "Mar 5", for German use "%-e. %b". */
    /* xgettext:no-c-format */
    return g_date_time_format (then_local, C_ ("time", "%b %-e"));

  /* Translators: a date in another year, in g_date_time_format() syntax;
   * %x is the locale's date format. */
  /* xgettext:no-c-format */
  return g_date_time_format (then_local, C_ ("time", "%x"));
}

/* The day of @then, for dates such as a first contact: "Today",
 * "Yesterday", a weekday, a date. */
char *
desk_text_format_day (gint64 then, GDateTime *now)
{
  g_autoptr (GDateTime) then_utc = g_date_time_new_from_unix_utc (then);
  g_autoptr (GDateTime) then_local = NULL;
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (GDateTime) then_day = NULL;
  gint64 days;

  g_return_val_if_fail (now != NULL, NULL);

  if (then_utc == NULL)
    return g_strdup ("");

  then_local
      = g_date_time_to_timezone (then_utc, g_date_time_get_timezone (now));
  today = to_local_day (now);
  then_day = to_local_day (then_local);
  days = g_date_time_difference (today, then_day) / G_TIME_SPAN_DAY;

  if (days <= 0)
    return g_strdup (_ ("Today"));
  if (days == 1)
    return g_strdup (_ ("Yesterday"));
  if (days < 7)
    /* xgettext:no-c-format */
    return g_date_time_format (then_local, C_ ("time", "%A"));
  if (g_date_time_get_year (then_local) == g_date_time_get_year (now))
    /* xgettext:no-c-format */
    return g_date_time_format (then_local, C_ ("time", "%b %-e"));
  /* xgettext:no-c-format */
  return g_date_time_format (then_local, C_ ("time", "%x"));
}

/* The full date and time of @then for tooltips, in @tz (NULL: local). */
char *
desk_text_format_absolute_time (gint64 then, GTimeZone *tz)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (then);
  g_autoptr (GTimeZone) local = NULL;
  g_autoptr (GDateTime) datetime = NULL;

  if (utc == NULL)
    return g_strdup ("");

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  datetime = g_date_time_to_timezone (utc, tz);

  /* Translators: the date and time of a message, in g_date_time_format()
   * syntax; %x is the locale's date, %X its time of day. */
  /* xgettext:no-c-format */
  return g_date_time_format (datetime, C_ ("time", "%x %X"));
}

char *
desk_text_format_followers (gint64 followers)
{
  gulong n = (gulong) CLAMP (followers, 0, G_MAXLONG);
  /* The ' flag groups thousands the way the locale does ("12.400"). */
  g_autofree char *number = g_strdup_printf ("%'lu", n);

  /* Translators: %s is a number of followers, already formatted. */
  return g_strdup_printf (ngettext ("%s follower", "%s followers", n), number);
}

/* Network names are brands and stay untranslated. */
const char *
desk_text_get_network_name (const char *network)
{
  if (g_strcmp0 (network, "mastodon") == 0)
    return "Mastodon";
  if (g_strcmp0 (network, "bluesky") == 0)
    return "Bluesky";
  return network != NULL ? network : "";
}

const char *
desk_text_get_network_icon (const char *network)
{
  if (g_strcmp0 (network, "mastodon") == 0)
    return "desk-mastodon-symbolic";
  if (g_strcmp0 (network, "bluesky") == 0)
    return "desk-bluesky-symbolic";
  return "desk-public-symbolic";
}

/* The name of a language from its ISO 639-1 code, for the languages the
 * team writes in; other codes are shown as they are. */
const char *
desk_text_get_language_name (const char *code)
{
  if (code == NULL || *code == '\0')
    return _ ("Unknown");
  if (g_ascii_strncasecmp (code, "de", 2) == 0)
    return _ ("German");
  if (g_ascii_strncasecmp (code, "en", 2) == 0)
    return _ ("English");
  if (g_ascii_strncasecmp (code, "fr", 2) == 0)
    return _ ("French");
  if (g_ascii_strncasecmp (code, "nl", 2) == 0)
    return _ ("Dutch");
  if (g_ascii_strncasecmp (code, "tr", 2) == 0)
    return _ ("Turkish");
  return code;
}
