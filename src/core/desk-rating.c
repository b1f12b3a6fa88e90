/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-rating"

#include "config.h"

#include <string.h>

#include "desk-rating.h"

/* Reads a customer's answer to a rating request ("5/5", "vier Sterne",
 * "I'd say 8", "★★★★☆") in German or English.
 *
 * A wrong rating is worse than none: it lands in the team's numbers and
 * may flag a happy customer for follow-up. So the parser is deliberately
 * strict. Explicit rating notation (n/max, "n von max", "n out of max",
 * "n Sterne", star symbols) is trusted even inside a sentence; a bare
 * number ("eine 9") only when every other word of a short answer is
 * harmless filler, which is what rejects "5 Minuten zu spät", "um 10
 * Uhr" or a complaint that mentions an order number. Anything ambiguous,
 * negated or on the wrong scale is not a rating; the agent can still
 * enter it by hand. */

/* Explicit notation is trusted within this many words; longer texts are
 * complaints or stories, not answers. */
#define MAX_WORDS_EXPLICIT 40
/* A bare number is trusted within this many (filler) words. */
#define MAX_WORDS_BARE 8

typedef enum
{
  TOKEN_WORD,
  TOKEN_NUMBER,
  TOKEN_SLASH,
  TOKEN_STARS,
  TOKEN_BREAK, /* punctuation, emoji: ends a phrase */
} TokenKind;

typedef struct
{
  TokenKind kind;
  char *word; /* WORD, lower case; also the spelling of a spelled NUMBER */
  int value;  /* NUMBER */
  guint spelled : 1; /* NUMBER written as a word */
  guint article : 1; /* "ein", "eine": a number only before a unit */
  guint glued : 1;   /* NUMBER stuck to letters, signs or other digits */
  guint used : 1;    /* part of an explicit rating */
  guint filled;      /* STARS */
  guint empty;       /* STARS */
} Token;

typedef enum
{
  CANDIDATE_FRACTION, /* n/max, n von max */
  CANDIDATE_STARS,    /* star symbols or "n Sterne" */
  CANDIDATE_POINTS,   /* "n Punkte" */
} CandidateKind;

typedef struct
{
  CandidateKind kind;
  int score;
  int max; /* FRACTION: the stated maximum; STARS: symbols shown */
} Candidate;

typedef struct
{
  const char *word;
  int value;
  gboolean article;
} NumberWord;

static const NumberWord number_words[] = {
  { "null", 0, FALSE },  { "eins", 1, FALSE },  { "zwei", 2, FALSE },
  { "drei", 3, FALSE },  { "vier", 4, FALSE },  { "fünf", 5, FALSE },
  { "fuenf", 5, FALSE }, { "sechs", 6, FALSE }, { "sieben", 7, FALSE },
  { "acht", 8, FALSE },  { "neun", 9, FALSE },  { "zehn", 10, FALSE },
  { "ein", 1, TRUE },    { "eine", 1, TRUE },   { "einen", 1, TRUE },
  { "einem", 1, TRUE },  { "zero", 0, FALSE },  { "one", 1, FALSE },
  { "two", 2, FALSE },   { "three", 3, FALSE }, { "four", 4, FALSE },
  { "five", 5, FALSE },  { "six", 6, FALSE },   { "seven", 7, FALSE },
  { "eight", 8, FALSE }, { "nine", 9, FALSE },  { "ten", 10, FALSE },
};

static const char *const star_units[] = {
  "stern", "sterne", "sternen", "sternchen", "star", "stars", NULL,
};

static const char *const point_units[] = {
  "punkt", "punkte", "punkten", "pkt", "point", "points", "pts", NULL,
};

static const char *const negations[] = {
  "nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals",
  "kaum",  "not",  "no",    "never",  "hardly", NULL,
};

/* Words that may stand beside a bare number without changing what it
 * means: how people phrase a rating, thank, greet or sigh. Nouns that
 * count things (Minuten, Fahrräder, Uhr, Bestellung) are absent on
 * purpose, and so is "Note": German school grades run the other way. */
static const char *const fillers[] = {
  /* German */
  "ich",
  "würde",
  "würd",
  "wuerde",
  "sagen",
  "sag",
  "sage",
  "gebe",
  "geb",
  "geben",
  "gäbe",
  "vergebe",
  "euch",
  "ihnen",
  "dir",
  "dafür",
  "dafuer",
  "ne",
  "'ne",
  "glatte",
  "glatt",
  "klare",
  "klar",
  "solide",
  "volle",
  "voll",
  "auf",
  "jeden",
  "fall",
  "jedenfalls",
  "definitiv",
  "bestimmt",
  "sicher",
  "locker",
  "mindestens",
  "ok",
  "okay",
  "ja",
  "jo",
  "na",
  "naja",
  "hm",
  "hmm",
  "also",
  "so",
  "eher",
  "vielleicht",
  "etwa",
  "ca",
  "circa",
  "es",
  "ist",
  "wäre",
  "wär",
  "waere",
  "das",
  "war",
  "gibt",
  "von",
  "mir",
  "meinerseits",
  "danke",
  "dankeschön",
  "vielen",
  "dank",
  "lieben",
  "liebe",
  "gruß",
  "grüße",
  "gruss",
  "lg",
  "vg",
  "mfg",
  "super",
  "top",
  "toll",
  "gut",
  "sehr",
  "prima",
  "klasse",
  "perfekt",
  "spitze",
  "hervorragend",
  "ausgezeichnet",
  "alles",
  "leider",
  "nur",
  "knapp",
  "schlecht",
  "mies",
  "mittel",
  "geht",
  "bewertung",
  "meine",
  "mein",
  "gerne",
  "gern",
  "wieder",
  "insgesamt",
  "bitte",
  "und",
  "aber",
  "weil",
  "hallo",
  "hi",
  "hey",
  "moin",
  "servus",
  "verdient",
  "eindeutig",
  "absolut",
  "würdet",
  "wie",
  "gesagt",
  /* English */
  "i",
  "i'd",
  "id",
  "i'll",
  "i'm",
  "would",
  "say",
  "give",
  "gives",
  "it",
  "it's",
  "its",
  "that's",
  "that",
  "a",
  "an",
  "solid",
  "strong",
  "full",
  "definitely",
  "certainly",
  "surely",
  "probably",
  "maybe",
  "about",
  "around",
  "roughly",
  "yes",
  "yeah",
  "yep",
  "well",
  "rather",
  "is",
  "be",
  "you",
  "guys",
  "from",
  "me",
  "my",
  "rating",
  "score",
  "thanks",
  "thank",
  "much",
  "very",
  "great",
  "good",
  "awesome",
  "excellent",
  "perfect",
  "nice",
  "fine",
  "only",
  "just",
  "unfortunately",
  "sadly",
  "bad",
  "poor",
  "overall",
  "all",
  "again",
  "please",
  "hello",
  "and",
  "but",
  "because",
  "easily",
  "deserved",
  "recommend",
  "honestly",
  NULL,
};

static gboolean
word_in (const char *word, const char *const *list)
{
  return word != NULL && g_strv_contains (list, word);
}

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->word);
}

/* Variation selectors, joiners and the keycap mark decorate the
 * character before them ("5️⃣", "⭐️"); they are neither words nor
 * breaks.
 */
static gboolean
is_decoration (gunichar c)
{
  return c == 0xFE0E || c == 0xFE0F || c == 0x200D || c == 0x20E3
         || g_unichar_ismark (c);
}

static gunichar
char_after (const char *p)
{
  while (*p != '\0' && is_decoration (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return g_utf8_get_char (p);
}

static gunichar
char_after_next (const char *p)
{
  if (*p == '\0')
    return 0;
  p = g_utf8_next_char (p);
  return char_after (p);
}

/* Digits glued to something are part of something else: a time
 * ("10:30"), a date ("5.10."), a decimal ("4,5"), a code ("A5", "#12"),
 * a phone number ("+49"), a range ("4-5"), an amount ("5€", "100%"), a
 * count ("2x", "10er"). */
static gboolean
is_glued (const char *text, const char *start, const char *end)
{
  gunichar after = char_after (end);

  if (start > text)
    {
      const char *prev = g_utf8_find_prev_char (text, start);
      gunichar before = g_utf8_get_char (prev);

      if (g_unichar_isalpha (before) || before == '+' || before == '-'
          || before == '#' || before == '$' || before == 0x20AC /* € */
          || before == 0xA3 /* £ */ || before == 0xA7 /* § */)
        return TRUE;
      if ((before == '.' || before == ',' || before == ':') && prev > text)
        {
          const char *prev2 = g_utf8_find_prev_char (text, prev);

          if (g_ascii_isdigit (*prev2))
            return TRUE;
        }
    }

  if (g_unichar_isalpha (after) || after == '%' || after == 0x20AC
      || after == '$' || after == 0xB0)
    return TRUE;
  if ((after == '.' || after == ',' || after == ':' || after == '-'
       || after == '+')
      && g_ascii_isdigit (char_after_next (end)))
    return TRUE;

  return FALSE;
}

static void
add_number (GArray *tokens, int value, gboolean spelled, gboolean article)
{
  Token token = { .kind = TOKEN_NUMBER };

  token.value = value;
  token.spelled = spelled;
  token.article = article;
  g_array_append_val (tokens, token);
}

static void
add_break (GArray *tokens)
{
  Token token = { .kind = TOKEN_BREAK };

  if (tokens->len > 0
      && g_array_index (tokens, Token, tokens->len - 1).kind == TOKEN_BREAK)
    return;
  g_array_append_val (tokens, token);
}

static void
add_star (GArray *tokens, gboolean filled)
{
  Token *last = tokens->len > 0
                    ? &g_array_index (tokens, Token, tokens->len - 1)
                    : NULL;

  if (last == NULL || last->kind != TOKEN_STARS)
    {
      Token token = { .kind = TOKEN_STARS };

      g_array_append_val (tokens, token);
      last = &g_array_index (tokens, Token, tokens->len - 1);
    }
  if (filled)
    last->filled++;
  else
    last->empty++;
}

static void
add_word (GArray *tokens, const char *start, const char *end)
{
  g_autofree char *lower = g_utf8_strdown (start, end - start);
  g_autoptr (GString) word = g_string_new (NULL);
  Token token = { .kind = TOKEN_WORD };

  /* One apostrophe for "I’d" and "I'd". */
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2019)
        g_string_append_c (word, '\'');
      else
        g_string_append_unichar (word, c);
    }

  for (guint i = 0; i < G_N_ELEMENTS (number_words); i++)
    if (strcmp (word->str, number_words[i].word) == 0)
      {
        add_number (tokens, number_words[i].value, TRUE,
                    number_words[i].article);
        g_array_index (tokens, Token, tokens->len - 1).word
            = g_string_free (g_steal_pointer (&word), FALSE);
        return;
      }

  token.word = g_string_free (g_steal_pointer (&word), FALSE);
  g_array_append_val (tokens, token);
}

static gboolean
is_word_joiner (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == '-';
}

static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = text;

  g_array_set_clear_func (tokens, token_clear);

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (g_unichar_isspace (c) || is_decoration (c))
        {
          p = next;
        }
      else if (g_ascii_isdigit (*p))
        {
          const char *start = p;
          gint64 value = 0;

          for (; g_ascii_isdigit (*p); p++)
            if (value < 100000)
              value = value * 10 + (*p - '0');
          add_number (tokens, (int) value, FALSE, FALSE);
          g_array_index (tokens, Token, tokens->len - 1).glued
              = is_glued (text, start, p);

          /* "5-Sterne": the hyphen joins, it does not separate. */
          if (*p == '-' && g_unichar_isalpha (char_after_next (p)))
            p++;
        }
      else if (c == '/')
        {
          Token token = { .kind = TOKEN_SLASH };

          g_array_append_val (tokens, token);
          p = next;
        }
      else if (c == 0x2605 || c == 0x2B50 || c == 0x1F31F)
        {
          add_star (tokens, TRUE);
          p = next;
        }
      else if (c == 0x2606)
        {
          add_star (tokens, FALSE);
          p = next;
        }
      else if (c == 0x1F51F) /* the keycap ten */
        {
          add_number (tokens, 10, FALSE, FALSE);
          p = next;
        }
      else if (g_unichar_isalpha (c))
        {
          const char *start = p;

          while (*p != '\0')
            {
              gunichar w = g_utf8_get_char (p);

              if (g_unichar_isalpha (w) || is_decoration (w))
                p = g_utf8_next_char (p);
              else if (is_word_joiner (w)
                       && g_unichar_isalpha (char_after_next (p)))
                p = g_utf8_next_char (p);
              else
                break;
            }
          add_word (tokens, start, p);
        }
      else
        {
          add_break (tokens);
          p = next;
        }
    }

  return tokens;
}

static Token *
token_at (GArray *tokens, guint i)
{
  return i < tokens->len ? &g_array_index (tokens, Token, i) : NULL;
}

static gboolean
is_number (const Token *token, gboolean allow_article)
{
  return token != NULL && token->kind == TOKEN_NUMBER && !token->glued
         && (allow_article || !token->article);
}

static gboolean
is_word (const Token *token, const char *word)
{
  return token != NULL && token->kind == TOKEN_WORD
         && g_strcmp0 (token->word, word) == 0;
}

/* "nicht 5 Sterne", "not a 10": the number is what it is not. */
static gboolean
is_negated (GArray *tokens, guint i)
{
  Token *before = i > 0 ? token_at (tokens, i - 1) : NULL;

  if (before != NULL && before->kind == TOKEN_WORD
      && (is_word (before, "a") || is_word (before, "an")) && i > 1)
    before = token_at (tokens, i - 2);

  return before != NULL && before->kind == TOKEN_WORD
         && word_in (before->word, negations);
}

/* After "3 von 5" a noun that is neither a unit nor filler means the
 * numbers count something: "3 von 5 Artikeln fehlen". */
static gboolean
followed_by_noun (GArray *tokens, guint i)
{
  Token *after = token_at (tokens, i);

  return after != NULL && after->kind == TOKEN_WORD
         && !word_in (after->word, star_units)
         && !word_in (after->word, point_units)
         && !word_in (after->word, fillers);
}

/* Finds explicit ratings; returns FALSE when the text contradicts itself
 * (a negated rating, a date written with slashes). */
static gboolean
find_explicit (GArray *tokens, GArray *candidates)
{
  /* Fractions first, so that "4 von 5 Sternen" is one rating, 4. */
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *a = token_at (tokens, i);
      Token *b = NULL;
      guint end = i;
      gboolean slash = FALSE;
      Candidate candidate = { .kind = CANDIDATE_FRACTION };

      if (!is_number (a, FALSE) || a->used)
        continue;

      if (token_at (tokens, i + 1) != NULL
          && token_at (tokens, i + 1)->kind == TOKEN_SLASH && !a->spelled)
        {
          slash = TRUE;
          b = token_at (tokens, i + 2);
          end = i + 2;
          if (!is_number (b, FALSE) || b->spelled)
            continue;
          /* "5/10/2026" is a date. */
          if ((i > 0 && token_at (tokens, i - 1)->kind == TOKEN_SLASH)
              || (token_at (tokens, i + 3) != NULL
                  && token_at (tokens, i + 3)->kind == TOKEN_SLASH))
            return FALSE;
        }
      else if (is_word (token_at (tokens, i + 1), "von")
               || is_word (token_at (tokens, i + 1), "of"))
        {
          b = token_at (tokens, i + 2);
          end = i + 2;
        }
      else if (is_word (token_at (tokens, i + 1), "out")
               && is_word (token_at (tokens, i + 2), "of"))
        {
          b = token_at (tokens, i + 3);
          end = i + 3;
        }

      if (!is_number (b, FALSE) || (b->value != 5 && b->value != 10))
        continue;
      if (!slash && followed_by_noun (tokens, end + 1))
        continue;
      if (is_negated (tokens, i))
        return FALSE;

      a->used = TRUE;
      b->used = TRUE;
      candidate.score = a->value;
      candidate.max = b->value;
      g_array_append_val (candidates, candidate);
    }

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = token_at (tokens, i);
      Token *unit = token_at (tokens, i + 1);
      Candidate candidate = { 0 };

      if (token->kind == TOKEN_STARS)
        {
          if (is_negated (tokens, i))
            return FALSE;
          candidate.kind = CANDIDATE_STARS;
          candidate.score = (int) token->filled;
          candidate.max = (int) (token->filled + token->empty);
          g_array_append_val (candidates, candidate);
          continue;
        }

      if (!is_number (token, TRUE) || unit == NULL || unit->kind != TOKEN_WORD)
        continue;

      if (word_in (unit->word, star_units))
        candidate.kind = CANDIDATE_STARS;
      else if (word_in (unit->word, point_units))
        candidate.kind = CANDIDATE_POINTS;
      else
        continue;

      if (token->used)
        continue;
      if (is_negated (tokens, i))
        return FALSE;

      token->used = TRUE;
      candidate.score = token->value;
      candidate.max = 0;
      g_array_append_val (candidates, candidate);
    }

  return TRUE;
}

static gboolean
candidate_fits (const Candidate *candidate, DeskRatingScale scale)
{
  if (!desk_rating_is_valid (scale, candidate->score))
    return FALSE;

  switch (candidate->kind)
    {
      case CANDIDATE_FRACTION:
        return candidate->max == desk_rating_scale_get_max (scale);

      case CANDIDATE_STARS:
        /* Stars are a five-point scale; "★★★☆" is no known one. */
        return scale == DESK_RATING_SCALE_CSAT && candidate->max <= 5
               && (candidate->max == 0 || candidate->max == candidate->score
                   || candidate->max == 5);

      case CANDIDATE_POINTS:
        return TRUE;

      default:
        g_assert_not_reached ();
    }
}

static guint
count_words (GArray *tokens)
{
  guint n = 0;

  for (guint i = 0; i < tokens->len; i++)
    if (g_array_index (tokens, Token, i).kind == TOKEN_WORD)
      n++;
  return n;
}

/* A bare number, only in a short answer of filler words: "eine 9",
 * "I'd say 8", "5!". */
static gboolean
find_bare (GArray *tokens, DeskRatingScale scale, int *score)
{
  Token *number = NULL;
  guint n_words = 0;

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = token_at (tokens, i);

      switch (token->kind)
        {
          case TOKEN_NUMBER:
            if (token->article)
              break;
            if (number != NULL || token->glued)
              return FALSE;
            if (is_negated (tokens, i))
              return FALSE;
            number = token;
            break;

          case TOKEN_WORD:
            if (!word_in (token->word, fillers))
              return FALSE;
            n_words++;
            break;

          case TOKEN_SLASH:
          case TOKEN_STARS:
            return FALSE;

          case TOKEN_BREAK:
          default:
            break;
        }
    }

  if (number == NULL || n_words > MAX_WORDS_BARE
      || !desk_rating_is_valid (scale, number->value))
    return FALSE;

  *score = number->value;
  return TRUE;
}

/* Reads @text as an answer on @scale (the one the rating request asked
 * for). Returns TRUE and sets @score only when @text clearly is such a
 * rating; see the comment at the top of this file. */
gboolean
desk_rating_parse (const char *text, DeskRatingScale scale, int *score)
{
  g_autofree char *normal = NULL;
  g_autoptr (GArray) tokens = NULL;
  g_autoptr (GArray) candidates = NULL;
  int found = -1;

  g_return_val_if_fail (
      scale == DESK_RATING_SCALE_CSAT || scale == DESK_RATING_SCALE_NPS, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normal == NULL)
    return FALSE;

  tokens = tokenize (normal);
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  if (!find_explicit (tokens, candidates))
    return FALSE;

  if (candidates->len == 0)
    {
      int bare;

      if (!find_bare (tokens, scale, &bare))
        return FALSE;
      if (score != NULL)
        *score = bare;
      return TRUE;
    }

  if (count_words (tokens) > MAX_WORDS_EXPLICIT)
    return FALSE;

  /* Every explicit rating must fit the scale and say the same. */
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (!candidate_fits (candidate, scale))
        return FALSE;
      if (found >= 0 && candidate->score != found)
        return FALSE;
      found = candidate->score;
    }

  if (score != NULL)
    *score = found;
  return TRUE;
}

const char *
desk_rating_scale_to_string (DeskRatingScale scale)
{
  switch (scale)
    {
      case DESK_RATING_SCALE_CSAT:
        return "csat";
      case DESK_RATING_SCALE_NPS:
        return "nps";
      default:
        g_return_val_if_reached (NULL);
    }
}

gboolean
desk_rating_scale_from_string (const char *text, DeskRatingScale *scale)
{
  g_return_val_if_fail (scale != NULL, FALSE);

  if (g_strcmp0 (text, "csat") == 0)
    *scale = DESK_RATING_SCALE_CSAT;
  else if (g_strcmp0 (text, "nps") == 0)
    *scale = DESK_RATING_SCALE_NPS;
  else
    return FALSE;
  return TRUE;
}

int
desk_rating_scale_get_min (DeskRatingScale scale)
{
  return scale == DESK_RATING_SCALE_NPS ? 0 : 1;
}

int
desk_rating_scale_get_max (DeskRatingScale scale)
{
  return scale == DESK_RATING_SCALE_NPS ? 10 : 5;
}

gboolean
desk_rating_is_valid (DeskRatingScale scale, int score)
{
  return (scale == DESK_RATING_SCALE_CSAT || scale == DESK_RATING_SCALE_NPS)
         && score >= desk_rating_scale_get_min (scale)
         && score <= desk_rating_scale_get_max (scale);
}

/* Low ratings call for a follow-up: CSAT 1–2, NPS detractors 0–6. */
gboolean
desk_rating_is_low (DeskRatingScale scale, int score)
{
  if (scale == DESK_RATING_SCALE_NPS)
    return score <= 6;
  return score <= 2;
}
