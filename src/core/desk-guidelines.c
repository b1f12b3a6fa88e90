/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-guidelines"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-guidelines.h"

/* The guideline checker. The composer calls it on every keystroke, so
 * the rules are compiled once (phrases folded to lower-case code points
 * and indexed by their first character) and a check is one pass over
 * the text's characters plus a look-up per word. */

typedef struct
{
  gunichar *chars; /* folded; ' ' matches any run of white space */
  guint len;
  gboolean prefix; /* the last word may go on */
} Phrase;

typedef struct
{
  gint64 id;
  DeskRuleKind kind;
  DeskSeverity severity;
  char *language;
  char *network;
  char *replacement;
  char *explanation;
  GPtrArray *phrases; /* Phrase */
  guint limit;        /* DESK_RULE_MAX_LENGTH */
} CompiledRule;

typedef struct
{
  CompiledRule *rule;
  Phrase *phrase;
} PhraseRef;

struct _DeskGuidelines
{
  GObject parent_instance;

  GPtrArray *rules;     /* CompiledRule */
  GHashTable *by_first; /* first folded char → GArray of PhraseRef */
  GHashTable *acronyms; /* folded words allowed in capitals */
};

G_DEFINE_FINAL_TYPE (DeskGuidelines, desk_guidelines, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (DeskFinding,
                     desk_finding,
                     desk_finding_copy,
                     desk_finding_free)

G_DEFINE_ENUM_TYPE (
    DeskFindingKind,
    desk_finding_kind,
    G_DEFINE_ENUM_VALUE (DESK_FINDING_AVOIDED_PHRASE, "avoided-phrase"),
    G_DEFINE_ENUM_VALUE (DESK_FINDING_BLAME, "blame"),
    G_DEFINE_ENUM_VALUE (DESK_FINDING_MISSING_GREETING, "missing-greeting"),
    G_DEFINE_ENUM_VALUE (DESK_FINDING_MISSING_SIGN_OFF, "missing-sign-off"),
    G_DEFINE_ENUM_VALUE (DESK_FINDING_TOO_LONG, "too-long"),
    G_DEFINE_ENUM_VALUE (DESK_FINDING_SHOUTING, "shouting"),
    G_DEFINE_ENUM_VALUE (DESK_FINDING_MIXED_ADDRESS, "mixed-address"),
    G_DEFINE_ENUM_VALUE (DESK_FINDING_PLACEHOLDER, "placeholder"),
    G_DEFINE_ENUM_VALUE (DESK_FINDING_PERSONAL_DATA, "personal-data"))

/* The text of one check: a unit per character, so that phrases compare
 * code point by code point and every unit still knows its byte offset
 * for the findings. */
enum
{
  UNIT_WORD = 1 << 0, /* a letter, digit or combining mark */
  UNIT_SKIP = 1 << 1, /* inside a link, @handle or #tag */
};

typedef struct
{
  gunichar c;    /* folded */
  gunichar orig; /* as written (composed) */
  guint32 start; /* byte offset */
  guint32 flags;
} Unit;

typedef struct
{
  const char *text;
  gsize len;
  Unit *units; /* n + 1, the last one marks the end */
  guint n;
  GHashTable *values; /* placeholder values, made when needed */
  const DeskCheckContext *context;
} Text;

/* Abbreviations written in capitals that are not shouting. */
static const char *const known_acronyms[] = {
  "asap",   "dsgvo",  "gdpr",  "iban", "html", "http",  "https",  "json",
  "sepa",   "nasa",   "fifa",  "uefa", "nato", "adac",  "ikea",   "lidl",
  "aldi",   "rewe",   "edeka", "hdmi", "wlan", "imei",  "isbn",   "unesco",
  "unicef", "covid",  "smtp",  "imap", "wifi", "ascii", "ansi",   "cest",
  "mesz",   "bafa",   "lego",  "asus", "sony", "bosch", "miele",  "puma",
  "nivea",  "haribo", "bmw",   "audi", "opel", "ebay",  "paypal", "klarna",
  "gmbh",   "ohg",    "ustid", "mwst", "zzgl", "inkl",  "ggf",    "bzgl",
  "usw",    "todo",   "fyi",   "tldr", "diy",  "nfts",  "ipad",   "iphone",
  "uvp",    "pdfs",   "faqs",  "apps", "sims", "leds",  NULL
};

static const char *const informal_pronouns[]
    = { "du",     "dich",   "dir",    "dein",  "deine", "deinen",
        "deinem", "deiner", "deines", "euch",  "euer",  "eure",
        "euren",  "eurem",  "eurer",  "eures", NULL };

static const char *const formal_pronouns[] = { "Sie",   "Ihnen", "Ihr",
                                               "Ihre",  "Ihren", "Ihrem",
                                               "Ihrer", "Ihres", NULL };

/* A suggestion for the other form, where one word is clearly meant. */
static const char *const informal_to_formal[][2]
    = { { "du", "Sie" },       { "dich", "Sie" },     { "dir", "Ihnen" },
        { "dein", "Ihr" },     { "deine", "Ihre" },   { "deinen", "Ihren" },
        { "deinem", "Ihrem" }, { "deiner", "Ihrer" }, { "deines", "Ihres" } };

static const char *const formal_to_informal[][2]
    = { { "Ihnen", "dir" },    { "Ihr", "dein" },     { "Ihre", "deine" },
        { "Ihren", "deinen" }, { "Ihrem", "deinem" }, { "Ihrer", "deiner" },
        { "Ihres", "deines" } };

/* Compiling */

static gunichar
fold (gunichar c)
{
  if (g_unichar_isspace (c))
    return ' ';
  switch (c)
    {
      case 0x2018: /* ‘ */
      case 0x2019: /* ’ */
      case 0x02bc: /* ʼ */
      case 0x00b4: /* ´ */
      case 0x0060: /* ` */
        return '\'';
      default:
        return g_unichar_tolower (c);
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
phrase_free (gpointer data)
{
  Phrase *phrase = data;

  g_free (phrase->chars);
  g_free (phrase);
}

/* "wie  bereits gesagt" → folded code points with single spaces. */
static Phrase *
phrase_new (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gsize n = strlen (stripped);
  gboolean prefix = FALSE;
  Phrase *phrase;
  guint len = 0;

  if (n > 0 && stripped[n - 1] == '*')
    {
      stripped[--n] = '\0';
      g_strchomp (stripped);
      prefix = TRUE;
    }
  if (*stripped == '\0')
    return NULL;

  phrase = g_new0 (Phrase, 1);
  phrase->prefix = prefix;
  phrase->chars = g_new (gunichar, g_utf8_strlen (stripped, -1) + 1);
  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = fold (g_utf8_get_char (p));

      if (c == ' ' && len > 0 && phrase->chars[len - 1] == ' ')
        continue;
      phrase->chars[len++] = c;
    }
  phrase->len = len;
  return phrase;
}

static GPtrArray *
compile_phrases (const char *pattern)
{
  GPtrArray *phrases = g_ptr_array_new_with_free_func (phrase_free);
  g_auto (GStrv) parts = g_strsplit (pattern ? pattern : "", "|", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      Phrase *phrase = phrase_new (parts[i]);

      if (phrase != NULL)
        g_ptr_array_add (phrases, phrase);
    }
  return phrases;
}

static void
compiled_rule_free (gpointer data)
{
  CompiledRule *rule = data;

  g_free (rule->language);
  g_free (rule->network);
  g_free (rule->replacement);
  g_free (rule->explanation);
  g_ptr_array_unref (rule->phrases);
  g_free (rule);
}

static void
index_phrases (DeskGuidelines *self, CompiledRule *rule)
{
  for (guint i = 0; i < rule->phrases->len; i++)
    {
      Phrase *phrase = g_ptr_array_index (rule->phrases, i);
      PhraseRef ref = { rule, phrase };
      gpointer key = GUINT_TO_POINTER (phrase->chars[0]);
      GArray *refs = g_hash_table_lookup (self->by_first, key);

      if (refs == NULL)
        {
          refs = g_array_new (FALSE, FALSE, sizeof (PhraseRef));
          g_hash_table_insert (self->by_first, key, refs);
        }
      g_array_append_val (refs, ref);
    }
}

static void
add_acronyms (DeskGuidelines *self, const char *pattern)
{
  g_auto (GStrv) words = g_strsplit_set (pattern, "|, ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_hash_table_add (self->acronyms, g_utf8_strdown (words[i], -1));
}

/* The check */

static gboolean
rule_applies (const CompiledRule *rule, const DeskCheckContext *context)
{
  if (rule->language != NULL && context->language != NULL
      && g_ascii_strncasecmp (rule->language, context->language, 2) != 0)
    return FALSE;
  if (rule->network != NULL && context->network != NULL
      && g_ascii_strcasecmp (rule->network, context->network) != 0)
    return FALSE;
  return TRUE;
}

static gboolean
starts_with_ci (const char *text, const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

static void
mark_skipped (Text *t)
{
  for (guint i = 0; i < t->n; i++)
    {
      const char *at = t->text + t->units[i].start;
      gunichar c = t->units[i].orig;
      guint j = i;

      if (i > 0 && (t->units[i - 1].flags & UNIT_WORD))
        continue;

      if (starts_with_ci (at, "http://") || starts_with_ci (at, "https://")
          || starts_with_ci (at, "www."))
        {
          while (j < t->n && t->units[j].c != ' ')
            j++;
        }
      else if ((c == '@' || c == '#') && i + 1 < t->n
               && (t->units[i + 1].flags & UNIT_WORD))
        {
          j = i + 1;
          while (
              j < t->n
              && ((t->units[j].flags & UNIT_WORD) || t->units[j].c == '_'
                  || ((t->units[j].c == '.' || t->units[j].c == '-'
                       || t->units[j].c == '@')
                      && j + 1 < t->n && (t->units[j + 1].flags & UNIT_WORD))))
            j++;
        }

      for (guint k = i; k < j; k++)
        t->units[k].flags |= UNIT_SKIP;
      if (j > i)
        i = j - 1;
    }
}

static void
text_init (Text *t, const char *text, const DeskCheckContext *context)
{
  const char *p = text;
  guint k = 0;

  t->text = text;
  t->len = strlen (text);
  t->units = g_new (Unit, g_utf8_strlen (text, -1) + 1);
  t->values = NULL;
  t->context = context;

  while (*p != '\0')
    {
      gunichar c;
      const char *next;
      gunichar composed;

      /* Most text is ASCII: no decoding, no tables. */
      if ((guchar) *p < 0x80 && (guchar) p[1] < 0xcc)
        {
          c = *p;
          t->units[k].c = c == '\t' || c == '\n' || c == '\r'
                              ? ' '
                              : (c == '`' ? '\'' : g_ascii_tolower (c));
          t->units[k].orig = c;
          t->units[k].start = p - text;
          t->units[k].flags = g_ascii_isalnum (c) ? UNIT_WORD : 0;
          k++;
          p++;
          continue;
        }

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);

      /* "u" + combining diaeresis is "ü": compose, so phrases match text
       * typed on systems that decompose. Combining marks start at
       * U+0300, whose first byte is 0xcc. */
      while ((guchar) *next >= 0xcc && g_unichar_ismark (g_utf8_get_char (next))
             && g_unichar_compose (c, g_utf8_get_char (next), &composed))
        {
          c = composed;
          next = g_utf8_next_char (next);
        }

      t->units[k].c = fold (c);
      t->units[k].orig = c;
      t->units[k].start = p - text;
      t->units[k].flags = is_word_char (c) ? UNIT_WORD : 0;
      k++;
      p = next;
    }
  t->n = k;
  t->units[k] = (Unit){ 0, 0, t->len, 0 };

  mark_skipped (t);
}

static void
text_clear (Text *t)
{
  g_clear_pointer (&t->units, g_free);
  g_clear_pointer (&t->values, g_hash_table_unref);
}

static inline gboolean
is_word (const Text *t, guint i)
{
  return i < t->n && (t->units[i].flags & UNIT_WORD);
}

static inline gboolean
word_starts (const Text *t, guint i)
{
  return is_word (t, i) && (i == 0 || !is_word (t, i - 1));
}

static gboolean
range_skipped (const Text *t, guint from, guint to)
{
  for (guint i = from; i < to; i++)
    if (t->units[i].flags & UNIT_SKIP)
      return TRUE;
  return FALSE;
}

/* Whether @phrase matches at unit @i; @end receives the unit after it. */
static gboolean
match_phrase (const Text *t, guint i, const Phrase *phrase, guint *end)
{
  guint j = i;

  if (is_word_char (phrase->chars[0]) && i > 0 && is_word (t, i - 1))
    return FALSE;

  for (guint k = 0; k < phrase->len; k++)
    {
      if (phrase->chars[k] == ' ')
        {
          if (j >= t->n || t->units[j].c != ' ')
            return FALSE;
          while (j < t->n && t->units[j].c == ' ')
            j++;
        }
      else if (j >= t->n || t->units[j].c != phrase->chars[k])
        return FALSE;
      else
        j++;
    }

  if (phrase->prefix)
    while (is_word (t, j))
      j++;
  else if (is_word (t, j) && is_word_char (phrase->chars[phrase->len - 1]))
    return FALSE;

  *end = j;
  return TRUE;
}

static char *
slice (const Text *t, guint from, guint to)
{
  return g_strndup (t->text + t->units[from].start,
                    t->units[to].start - t->units[from].start);
}

static DeskFinding *
add_finding (GPtrArray *findings,
             DeskFindingKind kind,
             DeskSeverity severity,
             gsize start,
             gsize end,
             char *message,
             char *replacement,
             gint64 rule_id)
{
  DeskFinding *finding = g_new0 (DeskFinding, 1);

  finding->kind = kind;
  finding->severity = severity;
  finding->start = start;
  finding->end = end;
  finding->message = message;
  finding->replacement = replacement;
  finding->rule_id = rule_id;
  g_ptr_array_add (findings, finding);
  return finding;
}

static GHashTable *
get_values (Text *t)
{
  const DeskCheckContext *context = t->context;

  if (t->values != NULL)
    return t->values;

  t->values = g_hash_table_new (g_str_hash, g_str_equal);
  if (context->customer_name != NULL)
    g_hash_table_insert (t->values, DESK_PLACEHOLDER_CUSTOMER_NAME,
                         (gpointer) context->customer_name);
  if (context->agent_name != NULL)
    g_hash_table_insert (t->values, DESK_PLACEHOLDER_AGENT_NAME,
                         (gpointer) context->agent_name);
  else if (context->agent_initials != NULL)
    g_hash_table_insert (t->values, DESK_PLACEHOLDER_AGENT_NAME,
                         (gpointer) context->agent_initials);
  if (context->agent_initials != NULL)
    g_hash_table_insert (t->values, DESK_PLACEHOLDER_AGENT_INITIALS,
                         (gpointer) context->agent_initials);
  if (context->network != NULL)
    g_hash_table_insert (t->values, DESK_PLACEHOLDER_CHANNEL,
                         (gpointer) context->network);
  return t->values;
}

/* Expands a rule's suggestion; NULL when a placeholder stays unfilled,
 * as a fix with "{agent_name}" in it would make things worse. */
static char *
expand_suggestion (Text *t, const char *replacement)
{
  g_autofree char *expanded = NULL;

  if (replacement == NULL)
    return NULL;
  expanded = desk_template_expand_text (replacement, get_values (t));
  for (const char *p = expanded; (p = strchr (p, '{')) != NULL; p++)
    if (g_ascii_isalpha (p[1]) || p[1] == '_')
      return NULL;
  return g_steal_pointer (&expanded);
}

/* A replacement for a phrase at the start of a sentence starts with a
 * capital letter too. */
static char *
adapt_case (const Text *t, guint from, const char *replacement)
{
  gunichar first;
  gunichar upper;
  char buffer[8];
  gsize n;

  if (replacement == NULL)
    return NULL;
  first = g_utf8_get_char (replacement);
  if (!g_unichar_isupper (t->units[from].orig) || !g_unichar_islower (first))
    return g_strdup (replacement);

  upper = g_unichar_toupper (first);
  n = g_unichar_to_utf8 (upper, buffer);
  buffer[n] = '\0';
  return g_strconcat (buffer, g_utf8_next_char (replacement), NULL);
}

static char *
phrase_message (const CompiledRule *rule, const char *matched)
{
  if (rule->explanation != NULL)
    /* Translators: a phrase the reply should not use, then why. */
    return g_strdup_printf (_ ("“%s”: %s"), matched, _ (rule->explanation));
  if (rule->kind == DESK_RULE_BLAME)
    return g_strdup_printf (_ ("“%s” can sound as if the customer were to "
                               "blame."),
                            matched);
  return g_strdup_printf (_ ("Avoid “%s”."), matched);
}

static void
check_phrases (DeskGuidelines *self, Text *t, GPtrArray *findings)
{
  for (guint i = 0; i < t->n; i++)
    {
      GArray *refs;

      if (!word_starts (t, i) || (t->units[i].flags & UNIT_SKIP))
        continue;
      refs = g_hash_table_lookup (self->by_first,
                                  GUINT_TO_POINTER (t->units[i].c));
      if (refs == NULL)
        continue;

      for (guint r = 0; r < refs->len; r++)
        {
          const PhraseRef *ref = &g_array_index (refs, PhraseRef, r);
          g_autofree char *matched = NULL;
          guint end;

          if (!rule_applies (ref->rule, t->context)
              || !match_phrase (t, i, ref->phrase, &end)
              || range_skipped (t, i, end))
            continue;

          matched = slice (t, i, end);
          add_finding (
              findings,
              ref->rule->kind == DESK_RULE_BLAME ? DESK_FINDING_BLAME
                                                 : DESK_FINDING_AVOIDED_PHRASE,
              ref->rule->severity, t->units[i].start, t->units[end].start,
              phrase_message (ref->rule, matched),
              adapt_case (t, i, ref->rule->replacement), ref->rule->id);
        }
    }
}

/* The first word of the reply, after @handles, emoji and spaces. */
static guint
first_content (const Text *t)
{
  for (guint i = 0; i < t->n; i++)
    if (is_word (t, i) && !(t->units[i].flags & UNIT_SKIP))
      return i;
  return t->n;
}

static guint
word_end_unit (const Text *t, guint i)
{
  while (is_word (t, i))
    i++;
  return i;
}

static void
check_greeting (DeskGuidelines *self, Text *t, GPtrArray *findings)
{
  const CompiledRule *suggesting = NULL;
  DeskSeverity severity = DESK_SEVERITY_INFO;
  gboolean required = FALSE;
  guint first = first_content (t);
  guint end;

  if (first == t->n)
    return;

  for (guint r = 0; r < self->rules->len; r++)
    {
      const CompiledRule *rule = g_ptr_array_index (self->rules, r);

      if (rule->kind != DESK_RULE_GREETING || !rule_applies (rule, t->context))
        continue;
      for (guint p = 0; p < rule->phrases->len; p++)
        if (match_phrase (t, first, g_ptr_array_index (rule->phrases, p), &end))
          return;
      required = TRUE;
      severity = MAX (severity, rule->severity);
      if (suggesting == NULL && rule->replacement != NULL)
        suggesting = rule;
    }

  if (!required)
    return;

  end = word_end_unit (t, first);
  {
    g_autofree char *greeting
        = suggesting ? expand_suggestion (t, suggesting->replacement) : NULL;
    g_autofree char *word = slice (t, first, end);

    add_finding (findings, DESK_FINDING_MISSING_GREETING, severity,
                 t->units[first].start, t->units[end].start,
                 g_strdup (_ ("Start the reply with a greeting.")),
                 greeting ? g_strconcat (greeting, "\n", word, NULL) : NULL,
                 suggesting ? suggesting->id : 0);
  }
}

/* Whether @needle (folded) occurs as whole words in units [from, to). */
static gboolean
contains_words (const Text *t, guint from, guint to, const char *needle)
{
  g_autoptr (GPtrArray) phrases = compile_phrases (needle);

  for (guint p = 0; p < phrases->len; p++)
    for (guint i = from; i < to; i++)
      {
        guint end;

        if (match_phrase (t, i, g_ptr_array_index (phrases, p), &end)
            && end <= to)
          return TRUE;
      }
  return FALSE;
}

/* Initials are matched as written: "AS" signs, the word "as" does not. */
static gboolean
contains_initials (const Text *t, guint from, guint to, const char *initials)
{
  glong n = g_utf8_strlen (initials, -1);

  for (guint i = from; i + n <= to; i++)
    {
      const char *p = initials;
      glong k;

      if (i > 0 && is_word (t, i - 1))
        continue;
      for (k = 0; k < n; k++, p = g_utf8_next_char (p))
        if (t->units[i + k].orig != g_utf8_get_char (p))
          break;
      if (k == n && !is_word (t, i + n))
        return TRUE;
    }
  return FALSE;
}

/* "^AS", "/AS", "-AS": the initials convention of social media teams. */
static gboolean
contains_initials_mark (const Text *t, guint from, guint to)
{
  for (guint i = from; i + 1 < to; i++)
    {
      gunichar c = t->units[i].orig;
      guint n = 0;

      if (c != '^' && c != '/' && c != '-' && c != 0x2013)
        continue;
      while (i + 1 + n < to && g_unichar_isupper (t->units[i + 1 + n].orig))
        n++;
      if (n >= 1 && n <= 3 && !is_word (t, i + 1 + n))
        return TRUE;
    }
  return FALSE;
}

static void
check_sign_off (DeskGuidelines *self, Text *t, GPtrArray *findings)
{
  const DeskCheckContext *context = t->context;
  const CompiledRule *suggesting = NULL;
  DeskSeverity severity = DESK_SEVERITY_INFO;
  gboolean required = FALSE, has_phrase = FALSE, signed_off;
  gboolean knows_agent
      = context->agent_name != NULL || context->agent_initials != NULL;
  guint end = t->n, content_end = t->n, line = 0, tail;

  /* Trailing emoji, punctuation and spaces are not the sign-off, but
   * they stay in the range a fix replaces. */
  while (content_end > 0 && t->units[content_end - 1].c == ' ')
    content_end--;
  while (end > 0 && !is_word (t, end - 1))
    end--;
  if (first_content (t) == t->n || end == 0)
    return;

  for (guint i = end; i > 0; i--)
    if (t->units[i - 1].orig == '\n')
      {
        line = i;
        break;
      }
  while (line < end && t->units[line].c == ' ')
    line++;
  tail = end - line > 60 ? end - 60 : line;

  for (guint r = 0; r < self->rules->len; r++)
    {
      const CompiledRule *rule = g_ptr_array_index (self->rules, r);

      if (rule->kind != DESK_RULE_SIGN_OFF || !rule_applies (rule, context))
        continue;
      required = TRUE;
      severity = MAX (severity, rule->severity);
      if (suggesting == NULL && rule->replacement != NULL)
        suggesting = rule;
      for (guint p = 0; p < rule->phrases->len && !has_phrase; p++)
        for (guint i = tail; i < end && !has_phrase; i++)
          {
            guint phrase_end;

            has_phrase
                = match_phrase (t, i, g_ptr_array_index (rule->phrases, p),
                                &phrase_end)
                  && phrase_end <= end;
          }
    }
  if (!required)
    return;

  if (knows_agent)
    {
      g_autofree char *first_name = NULL;

      if (context->agent_name != NULL)
        {
          first_name = g_strdup (context->agent_name);
          g_strdelimit (first_name, " ", '\0');
        }
      signed_off
          = (context->agent_name != NULL
             && (contains_words (t, tail, end, context->agent_name)
                 || contains_words (t, tail, end, first_name)))
            || (context->agent_initials != NULL
                && contains_initials (t, tail, end, context->agent_initials));
    }
  else
    signed_off = has_phrase || contains_initials_mark (t, tail, end);

  if (signed_off)
    return;

  {
    g_autofree char *last_line = slice (t, line, content_end);
    g_autofree char *sign_off = NULL;
    const char *name
        = context->agent_name ? context->agent_name : context->agent_initials;
    char *replacement = NULL;

    if (has_phrase && name != NULL)
      replacement = g_strconcat (last_line,
                                 g_str_has_suffix (last_line, ",") ? " " : ", ",
                                 name, NULL);
    else if (suggesting != NULL
             && (sign_off = expand_suggestion (t, suggesting->replacement)))
      replacement = g_strconcat (last_line, "\n", sign_off, NULL);

    add_finding (findings, DESK_FINDING_MISSING_SIGN_OFF, severity,
                 t->units[line].start, t->units[content_end].start,
                 g_strdup (knows_agent ? _ ("End the reply with your name or "
                                            "initials.")
                                       : _ ("End the reply with a sign-off.")),
                 replacement, suggesting ? suggesting->id : 0);
  }
}

/* The byte where the last @over characters of the text begin: what a
 * too-long reply should lose. */
static gsize
overflow_start (const Text *t, guint over)
{
  return over >= t->n ? 0 : t->units[t->n - over].start;
}

static void
check_length (DeskGuidelines *self, Text *t, GPtrArray *findings)
{
  const DeskCheckContext *context = t->context;
  guint length = context->length > 0 ? context->length : t->n;

  if (context->max_length > 0 && length > context->max_length)
    {
      guint over = length - context->max_length;

      add_finding (findings, DESK_FINDING_TOO_LONG, DESK_SEVERITY_ERROR,
                   overflow_start (t, over), t->len,
                   g_strdup_printf (ngettext ("The reply is %u character too "
                                              "long for this network.",
                                              "The reply is %u characters too "
                                              "long for this network.",
                                              over),
                                    over),
                   NULL, 0);
    }

  for (guint r = 0; r < self->rules->len; r++)
    {
      const CompiledRule *rule = g_ptr_array_index (self->rules, r);
      guint over;

      if (rule->kind != DESK_RULE_MAX_LENGTH || rule->limit == 0
          || !rule_applies (rule, context) || length <= rule->limit
          || (context->max_length > 0 && rule->limit >= context->max_length))
        continue;

      over = length - rule->limit;
      add_finding (findings, DESK_FINDING_TOO_LONG, rule->severity,
                   overflow_start (t, over), t->len,
                   g_strdup_printf (ngettext ("The reply is %u character "
                                              "longer than the team’s limit "
                                              "of %u.",
                                              "The reply is %u characters "
                                              "longer than the team’s limit "
                                              "of %u.",
                                              over),
                                    over, rule->limit),
                   NULL, rule->id);
    }
}

/* Counts the letters of a word without digits or lower-case letters;
 * 0 for any other word. */
static guint
capital_letters (const Text *t, guint from, guint to)
{
  guint letters = 0;

  for (guint i = from; i < to; i++)
    {
      gunichar c = t->units[i].orig;

      if (g_unichar_isdigit (c) || g_unichar_islower (c))
        return 0;
      if (g_unichar_isalpha (c))
        letters++;
    }
  return letters;
}

static gboolean
is_shouted_word (DeskGuidelines *self, const Text *t, guint from, guint to)
{
  g_autofree char *folded = NULL;

  if (capital_letters (t, from, to) < 4)
    return FALSE;

  folded = g_utf8_strdown (t->text + t->units[from].start,
                           t->units[to].start - t->units[from].start);
  return !g_hash_table_contains (self->acronyms, folded);
}

static gboolean
is_shout_mark (gunichar c)
{
  return c == '!' || c == '?' || c == 0x203c || c == 0x2049 || c == 0x2048
         || c == 0xff01 || c == 0xff1f;
}

static void
check_shouting (DeskGuidelines *self, Text *t, GPtrArray *findings)
{
  const CompiledRule *rule = NULL;
  guint run_start = 0, run_end = 0;
  gboolean in_run = FALSE;

  for (guint r = 0; r < self->rules->len && rule == NULL; r++)
    {
      const CompiledRule *candidate = g_ptr_array_index (self->rules, r);

      if (candidate->kind == DESK_RULE_SHOUTING
          && rule_applies (candidate, t->context))
        rule = candidate;
    }
  if (rule == NULL)
    return;

  /* Words in capitals; neighbours with only spaces or punctuation
   * between them are one finding. */
  for (guint i = 0; i <= t->n; i++)
    {
      if (i < t->n && word_starts (t, i) && !(t->units[i].flags & UNIT_SKIP))
        {
          guint end = word_end_unit (t, i);

          /* Short words in capitals carry a run on ("DAS IST NICHT
           * OK") but do not start one ("EU", "OK"). */
          if (is_shouted_word (self, t, i, end)
              || (in_run && capital_letters (t, i, end) > 0))
            {
              if (!in_run)
                run_start = i;
              in_run = TRUE;
              run_end = end;
            }
          else if (in_run)
            {
              add_finding (findings, DESK_FINDING_SHOUTING, rule->severity,
                           t->units[run_start].start, t->units[run_end].start,
                           g_strdup (_ ("Writing in capitals reads as "
                                        "shouting.")),
                           NULL, rule->id);
              in_run = FALSE;
            }
          i = end - 1;
          continue;
        }
      if (i == t->n && in_run)
        add_finding (findings, DESK_FINDING_SHOUTING, rule->severity,
                     t->units[run_start].start, t->units[run_end].start,
                     g_strdup (_ ("Writing in capitals reads as shouting.")),
                     NULL, rule->id);
    }

  /* "!!", "??", "?!" */
  for (guint i = 0; i < t->n; i++)
    {
      guint j = i, marks = 0;
      gboolean question = FALSE;

      while (j < t->n && is_shout_mark (t->units[j].orig))
        {
          gunichar c = t->units[j].orig;

          marks += (c == 0x203c || c == 0x2049 || c == 0x2048) ? 2 : 1;
          question |= c != '!' && c != 0x203c && c != 0xff01;
          j++;
        }
      if (marks >= 2 && !range_skipped (t, i, j))
        add_finding (findings, DESK_FINDING_SHOUTING, rule->severity,
                     t->units[i].start, t->units[j].start,
                     g_strdup (_ ("Repeated “!” and “?” read as shouting.")),
                     g_strdup (question ? "?" : "!"), rule->id);
      if (j > i)
        i = j - 1;
    }
}

static const char *
lookup_pair (const char *const pairs[][2], gsize n, const char *word)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (pairs[i][0], word) == 0)
      return pairs[i][1];
  return NULL;
}

typedef struct
{
  guint start;
  guint end;
  gboolean formal;
} Pronoun;

static gboolean
in_list (const char *const *list, const char *word)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (list[i], word) == 0)
      return TRUE;
  return FALSE;
}

/* Copies the word [from, to) as written and folded when it has two to
 * six ASCII letters. */
static gboolean
copy_short_word (const Text *t, guint from, guint to, char *word, char *lower)
{
  guint n = to - from;

  if (n < 2 || n > 6)
    return FALSE;
  for (guint k = 0; k < n; k++)
    {
      gunichar c = t->units[from + k].orig;

      if (c >= 128 || !g_ascii_isalpha (c))
        return FALSE;
      word[k] = c;
      lower[k] = t->units[from + k].c;
    }
  word[n] = lower[n] = '\0';
  return TRUE;
}

static void
check_mixed_address (DeskGuidelines *self, Text *t, GPtrArray *findings)
{
  const DeskCheckContext *context = t->context;
  const CompiledRule *rule = NULL;
  g_autoptr (GArray) pronouns = NULL;
  gboolean sentence_start = TRUE;
  guint n_formal = 0, n_informal = 0;
  gboolean flag_formal;

  for (guint r = 0; r < self->rules->len && rule == NULL; r++)
    {
      const CompiledRule *candidate = g_ptr_array_index (self->rules, r);

      if (candidate->kind == DESK_RULE_MIXED_ADDRESS
          && rule_applies (candidate, context))
        rule = candidate;
    }
  if (rule == NULL)
    return;

  pronouns = g_array_new (FALSE, FALSE, sizeof (Pronoun));
  for (guint i = 0; i < t->n; i++)
    {
      gunichar c = t->units[i].orig;

      if (word_starts (t, i))
        {
          guint end = word_end_unit (t, i);

          char word[8], lower[8];

          /* Every pronoun is short and ASCII: copy those words only,
           * onto the stack, as this runs for every word. */
          if (!(t->units[i].flags & UNIT_SKIP)
              && (t->units[i].c == 'd' || t->units[i].c == 'e'
                  || t->units[i].c == 'i' || t->units[i].c == 's')
              && copy_short_word (t, i, end, word, lower))
            {
              Pronoun pronoun = { i, end, FALSE };

              /* "Sie" opening a sentence may mean "she" or "they"; only
               * a capital in mid-sentence is surely the polite form. */
              if (in_list (informal_pronouns, lower))
                {
                  g_array_append_val (pronouns, pronoun);
                  n_informal++;
                }
              else if (!sentence_start && in_list (formal_pronouns, word))
                {
                  pronoun.formal = TRUE;
                  g_array_append_val (pronouns, pronoun);
                  n_formal++;
                }
            }
          if (!(t->units[i].flags & UNIT_SKIP))
            sentence_start = FALSE;
          i = end - 1;
        }
      else if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n'
               || c == 0x2026)
        sentence_start = TRUE;
    }

  if (context->formality == DESK_FORMALITY_FORMAL)
    flag_formal = FALSE;
  else if (context->formality == DESK_FORMALITY_INFORMAL)
    flag_formal = TRUE;
  else if (n_formal > 0 && n_informal > 0)
    flag_formal = n_formal < n_informal;
  else
    return;

  for (guint k = 0; k < pronouns->len; k++)
    {
      const Pronoun *pronoun = &g_array_index (pronouns, Pronoun, k);
      g_autofree char *word = NULL;
      g_autofree char *lower = NULL;
      const char *suggestion;
      char *message;

      if (pronoun->formal != flag_formal)
        continue;

      word = slice (t, pronoun->start, pronoun->end);
      lower = g_utf8_strdown (word, -1);
      suggestion = flag_formal
                       ? lookup_pair (formal_to_informal,
                                      G_N_ELEMENTS (formal_to_informal), word)
                       : lookup_pair (informal_to_formal,
                                      G_N_ELEMENTS (informal_to_formal), lower);

      if (context->formality == DESK_FORMALITY_FORMAL)
        message = g_strdup_printf (
            _ ("This conversation uses “Sie”; “%s” is informal."), word);
      else if (context->formality == DESK_FORMALITY_INFORMAL)
        message = g_strdup_printf (
            _ ("This conversation uses “du”; “%s” is formal."), word);
      else
        message = g_strdup_printf (_ ("The reply mixes “Sie” and “du”; “%s” "
                                      "does not fit the rest."),
                                   word);

      add_finding (findings, DESK_FINDING_MIXED_ADDRESS, rule->severity,
                   t->units[pronoun->start].start, t->units[pronoun->end].start,
                   message, g_strdup (suggestion), rule->id);
    }
}

static void
check_placeholders (DeskGuidelines *self, Text *t, GPtrArray *findings)
{
  const CompiledRule *rule = NULL;

  for (guint r = 0; r < self->rules->len && rule == NULL; r++)
    {
      const CompiledRule *candidate = g_ptr_array_index (self->rules, r);

      if (candidate->kind == DESK_RULE_PLACEHOLDER
          && rule_applies (candidate, t->context))
        rule = candidate;
    }
  if (rule == NULL)
    return;

  for (const char *p = t->text; (p = strchr (p, '{')) != NULL;)
    {
      const char *q = p + 1;
      const char *name, *bar = NULL;
      g_autofree char *key = NULL;
      g_autofree char *written = NULL;
      const char *value;
      char *replacement = NULL;

      if (q[0] == '{')
        {
          p += 2;
          continue;
        }
      while (*q == ' ')
        q++;
      name = q;
      if (!g_ascii_isalpha (*q) && *q != '_')
        {
          p++;
          continue;
        }
      while (g_ascii_isalnum (*q) || *q == '_' || *q == '-')
        q++;
      key = g_ascii_strdown (name, q - name);
      while (*q == ' ')
        q++;
      if (*q == '|')
        {
          bar = q;
          while (*q != '\0' && *q != '}' && *q != '{' && *q != '\n')
            q++;
        }
      if (*q != '}')
        {
          p++;
          continue;
        }

      written = g_strndup (p, q + 1 - p);
      value = g_hash_table_lookup (get_values (t), key);
      if (value != NULL)
        replacement = g_strdup (value);
      else if (bar != NULL)
        replacement = g_strndup (bar + 1, q - bar - 1);

      add_finding (findings, DESK_FINDING_PLACEHOLDER, rule->severity,
                   p - t->text, q + 1 - t->text,
                   g_strdup_printf (_ ("The placeholder “%s” was not filled "
                                       "in."),
                                    written),
                   replacement, rule->id);
      p = q + 1;
    }
}

static void
check_personal_data (Text *t, GPtrArray *findings)
{
  g_autoptr (GArray) matches = desk_pii_scan (t->text);

  for (guint i = 0; i < matches->len; i++)
    {
      const DeskPiiMatch *match = &g_array_index (matches, DeskPiiMatch, i);
      DeskFinding *finding
          = add_finding (findings, DESK_FINDING_PERSONAL_DATA,
                         DESK_SEVERITY_ERROR, match->start, match->end,
                         g_strdup (desk_pii_describe (match->kind)), NULL, 0);

      finding->pii_kind = match->kind;
    }
}

static int
compare_findings (gconstpointer a, gconstpointer b)
{
  const DeskFinding *fa = *(DeskFinding **) a;
  const DeskFinding *fb = *(DeskFinding **) b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  return (int) fa->kind - (int) fb->kind;
}

static void
desk_guidelines_finalize (GObject *object)
{
  DeskGuidelines *self = DESK_GUIDELINES (object);

  g_hash_table_unref (self->by_first);
  g_hash_table_unref (self->acronyms);
  g_ptr_array_unref (self->rules);

  G_OBJECT_CLASS (desk_guidelines_parent_class)->finalize (object);
}

static void
desk_guidelines_class_init (DeskGuidelinesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = desk_guidelines_finalize;
}

static void
desk_guidelines_init (DeskGuidelines *self)
{
  self->rules = g_ptr_array_new_with_free_func (compiled_rule_free);
  self->by_first = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                          (GDestroyNotify) g_array_unref);
  self->acronyms
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* A checker for @rules (DeskGuidelineRule), or for the built-in rules
 * when @rules is NULL. */
DeskGuidelines *
desk_guidelines_new (GPtrArray *rules)
{
  DeskGuidelines *self = g_object_new (DESK_TYPE_GUIDELINES, NULL);

  if (rules != NULL)
    desk_guidelines_set_rules (self, rules);
  else
    {
      g_autoptr (GPtrArray) defaults = desk_guideline_rule_get_defaults ();

      desk_guidelines_set_rules (self, defaults);
    }
  return self;
}

/* Compiles @rules (DeskGuidelineRule); the disabled ones are left out.
 * The checker keeps no reference: call again after a rule changed. */
void
desk_guidelines_set_rules (DeskGuidelines *self, GPtrArray *rules)
{
  g_return_if_fail (DESK_IS_GUIDELINES (self));
  g_return_if_fail (rules != NULL);

  g_hash_table_remove_all (self->by_first);
  g_hash_table_remove_all (self->acronyms);
  g_ptr_array_set_size (self->rules, 0);

  for (guint i = 0; known_acronyms[i] != NULL; i++)
    g_hash_table_add (self->acronyms, g_strdup (known_acronyms[i]));

  for (guint i = 0; i < rules->len; i++)
    {
      DeskGuidelineRule *source = g_ptr_array_index (rules, i);
      CompiledRule *rule;
      const char *pattern;

      g_return_if_fail (DESK_IS_GUIDELINE_RULE (source));

      if (!desk_guideline_rule_get_enabled (source))
        continue;

      pattern = desk_guideline_rule_get_pattern (source);
      rule = g_new0 (CompiledRule, 1);
      rule->id = desk_guideline_rule_get_id (source);
      rule->kind = desk_guideline_rule_get_kind (source);
      rule->severity = desk_guideline_rule_get_severity (source);
      rule->language = g_strdup (desk_guideline_rule_get_language (source));
      rule->network = g_strdup (desk_guideline_rule_get_network (source));
      rule->replacement
          = g_strdup (desk_guideline_rule_get_replacement (source));
      rule->explanation
          = g_strdup (desk_guideline_rule_get_explanation (source));
      rule->phrases
          = compile_phrases (rule->kind == DESK_RULE_SHOUTING ? NULL : pattern);
      if (rule->kind == DESK_RULE_MAX_LENGTH)
        rule->limit = (guint) g_ascii_strtoull (pattern, NULL, 10);
      g_ptr_array_add (self->rules, rule);

      if (rule->kind == DESK_RULE_AVOID || rule->kind == DESK_RULE_BLAME)
        index_phrases (self, rule);
      else if (rule->kind == DESK_RULE_SHOUTING)
        add_acronyms (self, pattern);
    }
}

/* Checks @text (UTF-8) and returns the findings (DeskFinding), ordered
 * by position. @context may be NULL. */
GPtrArray *
desk_guidelines_check (DeskGuidelines *self,
                       const char *text,
                       const DeskCheckContext *context)
{
  static const DeskCheckContext no_context
      = { .formality = DESK_FORMALITY_ANY };
  GPtrArray *findings;
  Text t;

  g_return_val_if_fail (DESK_IS_GUIDELINES (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  findings
      = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_finding_free);
  if (!g_utf8_validate (text, -1, NULL))
    return findings;
  if (context == NULL)
    context = &no_context;

  text_init (&t, text, context);
  check_phrases (self, &t, findings);
  check_greeting (self, &t, findings);
  check_sign_off (self, &t, findings);
  check_length (self, &t, findings);
  check_shouting (self, &t, findings);
  check_mixed_address (self, &t, findings);
  check_placeholders (self, &t, findings);
  if (context->is_public)
    check_personal_data (&t, findings);
  text_clear (&t);

  g_ptr_array_sort (findings, compare_findings);
  return findings;
}

/* Whether @findings (DeskFinding) hold personal data, which must not be
 * sent in public: the composer then blocks a public send and offers a
 * private message or editing instead. */
gboolean
desk_guidelines_blocks_public (GPtrArray *findings)
{
  g_return_val_if_fail (findings != NULL, FALSE);

  for (guint i = 0; i < findings->len; i++)
    {
      const DeskFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind == DESK_FINDING_PERSONAL_DATA)
        return TRUE;
    }
  return FALSE;
}

/* The most severe of @findings; FALSE when there are none. */
gboolean
desk_guidelines_get_worst (GPtrArray *findings, DeskSeverity *severity)
{
  gboolean any = FALSE;
  DeskSeverity worst = DESK_SEVERITY_INFO;

  g_return_val_if_fail (findings != NULL, FALSE);

  for (guint i = 0; i < findings->len; i++)
    {
      const DeskFinding *finding = g_ptr_array_index (findings, i);

      worst = MAX (worst, finding->severity);
      any = TRUE;
    }
  if (severity != NULL)
    *severity = worst;
  return any;
}

DeskFinding *
desk_finding_copy (const DeskFinding *self)
{
  DeskFinding *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->message = g_strdup (self->message);
  copy->replacement = g_strdup (self->replacement);
  return copy;
}

void
desk_finding_free (DeskFinding *self)
{
  if (self == NULL)
    return;

  g_free (self->message);
  g_free (self->replacement);
  g_free (self);
}

/* Applies the one-click fix of @self to @text, the text it was found
 * in. Returns the new text; @new_cursor receives the byte after the
 * replacement. */
char *
desk_finding_apply (const DeskFinding *self,
                    const char *text,
                    gsize *new_cursor)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->replacement != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (self->start <= self->end && self->end <= strlen (text),
                        NULL);

  out = g_string_new_len (text, self->start);
  g_string_append (out, self->replacement);
  if (new_cursor != NULL)
    *new_cursor = out->len;
  g_string_append (out, text + self->end);
  return g_string_free (out, FALSE);
}
