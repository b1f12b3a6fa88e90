/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-pii"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-pii.h"

/* The personal-data guard: finds email addresses, phone numbers, IBANs,
 * payment cards, postal addresses and dates of birth in a reply before
 * it goes out in public.
 *
 * It runs on every keystroke, so it is a set of hand-written scanners
 * over the bytes, not regular expressions. A false alarm in a support
 * tool teaches agents to ignore the guard, so every detector asks for
 * more than a shape: checksums for IBANs and cards, the grouping of
 * real phone numbers, a street word and a house number for addresses,
 * a birth word near a date. Links, @handles, #tags and numbers that
 * follow "order", "tracking" and the like are never personal data.
 * Business contacts (info@…, 0800 numbers) are not personal either. */

typedef struct
{
  gsize start;
  gsize end;
  int kind; /* a DeskPiiKind, or PROTECTED */
} Span;

#define PROTECTED (-1)

typedef struct
{
  const char *text;
  gsize len;
  GArray *spans; /* Span, in the order found */
} Scan;

G_DEFINE_ENUM_TYPE (DeskPiiKind,
                    desk_pii_kind,
                    G_DEFINE_ENUM_VALUE (DESK_PII_EMAIL, "email"),
                    G_DEFINE_ENUM_VALUE (DESK_PII_PHONE, "phone"),
                    G_DEFINE_ENUM_VALUE (DESK_PII_IBAN, "iban"),
                    G_DEFINE_ENUM_VALUE (DESK_PII_CARD, "card"),
                    G_DEFINE_ENUM_VALUE (DESK_PII_ADDRESS, "address"),
                    G_DEFINE_ENUM_VALUE (DESK_PII_BIRTH_DATE, "birth-date"),
                    G_DEFINE_ENUM_VALUE (DESK_PII_N_KINDS, "n-kinds"))

/* A set of words, written as one string separated by spaces and made
 * into a hash table when first used: a look-up per word instead of a
 * walk through a list, since the scanners ask on every word. */
typedef struct
{
  const char *words;
  GHashTable *set;
} WordSet;

static const char *const kind_names[]
    = { "email", "phone", "iban", "card", "address", "birth-date" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == DESK_PII_N_KINDS);

static const char *const kind_descriptions[] = {
  N_ ("This looks like an email address. Personal data must not appear in "
      "a public reply; move the conversation to a private message."),
  N_ ("This looks like a phone number. Personal data must not appear in a "
      "public reply; move the conversation to a private message."),
  N_ ("This is a bank account number (IBAN). Personal data must not appear "
      "in a public reply; move the conversation to a private message."),
  N_ ("This is a payment card number. Personal data must not appear in a "
      "public reply; move the conversation to a private message."),
  N_ ("This looks like a postal address. Personal data must not appear in "
      "a public reply; move the conversation to a private message."),
  N_ ("This looks like a date of birth. Personal data must not appear in a "
      "public reply; move the conversation to a private message.")
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_descriptions) == DESK_PII_N_KINDS);

/* Mailboxes of a role, not of a person: a company may post them. */
static WordSet role_mailboxes
    = { "service support info kontakt contact hilfe help hello hallo team "
        "kundenservice customerservice customercare care presse press "
        "datenschutz privacy dpo noreply no-reply sales vertrieb shop "
        "office mail post billing rechnung buchhaltung accounting jobs "
        "karriere careers bewerbung marketing social feedback abuse "
        "postmaster webmaster admin orders bestellung retoure returns "
        "widerruf reklamation",
        NULL };

/* Words after which a number is a reference, not personal data. */
static const char *const reference_words[] = {
  "bestell*",      "auftrag*",     "rechnung*", "kundennummer", "kundennr*",
  "kunden-nr*",    "ticket*",      "vorgang*",  "sendung*",     "tracking*",
  "track",         "paket*",       "artikel*",  "art.-nr",      "art-nr",
  "artnr",         "serien*",      "serial*",   "order*",       "invoice*",
  "referenz*",     "reference*",   "sku",       "ean",          "upc",
  "isbn",          "modell*",      "model*",    "version",      "build",
  "lieferschein*", "retoure*",     "rma",       "case",         "fall",
  "imei",          "gutschein*",   "voucher*",  "coupon*",      "beleg*",
  "transaktion*",  "transaction*", "mitglied*", "member*",      "vertrag*",
  "contract*",     "sn",           NULL
};

/* Words that only say "number": a phone word anywhere near wins over
 * them ("Tel.-Nr.:"). */
static const char *const generic_reference_words[]
    = { "nr", "nr.", "no.", "ref", "ref.", "id", "code", NULL };

/* Words that say a number is a phone number; they win over a reference
 * word further away ("Tel.-Nr.: 0221 …"). */
static const char *const phone_words[]
    = { "tel",    "telefon*", "handy*",   "mobil*",    "phone*",
        "fon",    "ruf*",     "call*",    "fax",       "signal",
        "anruf*", "cell*",    "whatsapp", "festnetz*", NULL };

/* After these a number is an amount or a measure. */
static WordSet unit_words
    = { "€ eur euro cent ct $ usd chf £ % uhr h min km kg g ml l cm mm m "
        "stück stk x gb mb tb mah w v punkte points mal times",
        NULL };

/* Numbers of businesses, never of a private person. */
static const char *const business_prefixes[]
    = { "0800", "0180", "0900", "0137", "0138",
        "0700", "0808", "0845", "0870", NULL };

typedef struct
{
  char code[3];
  guint length;
} IbanCountry;

/* From the SWIFT IBAN registry. */
static const IbanCountry iban_countries[]
    = { { "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 },
        { "BA", 20 }, { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BR", 29 },
        { "BY", 28 }, { "CH", 21 }, { "CR", 22 }, { "CY", 28 }, { "CZ", 24 },
        { "DE", 22 }, { "DK", 18 }, { "DO", 28 }, { "EE", 20 }, { "EG", 29 },
        { "ES", 24 }, { "FI", 18 }, { "FO", 18 }, { "FR", 27 }, { "GB", 22 },
        { "GE", 22 }, { "GI", 23 }, { "GL", 18 }, { "GR", 27 }, { "GT", 28 },
        { "HR", 21 }, { "HU", 28 }, { "IE", 22 }, { "IL", 23 }, { "IQ", 23 },
        { "IS", 26 }, { "IT", 27 }, { "JO", 30 }, { "KW", 30 }, { "KZ", 20 },
        { "LB", 28 }, { "LC", 32 }, { "LI", 21 }, { "LT", 20 }, { "LU", 20 },
        { "LV", 21 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 }, { "MK", 19 },
        { "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NL", 18 }, { "NO", 15 },
        { "PK", 24 }, { "PL", 28 }, { "PS", 29 }, { "PT", 25 }, { "QA", 29 },
        { "RO", 24 }, { "RS", 22 }, { "SA", 24 }, { "SC", 31 }, { "SE", 24 },
        { "SI", 19 }, { "SK", 24 }, { "SM", 27 }, { "ST", 25 }, { "SV", 28 },
        { "TL", 23 }, { "TN", 24 }, { "TR", 26 }, { "UA", 29 }, { "VA", 22 },
        { "VG", 24 }, { "XK", 20 } };

/* Street words as the end of a compound ("Musterstraße"), lower case.
 * Strong ones also make a street as a word of their own after any
 * capitalised word ("Kölner Straße"); weak ones only after an
 * adjective ("Alter Markt") since "Weg" and "Ring" are common nouns. */
typedef struct
{
  const char *suffix;
  gboolean strong;
} StreetSuffix;

static const StreetSuffix street_suffixes[]
    = { { "straße", TRUE }, { "strasse", TRUE },  { "allee", TRUE },
        { "gasse", TRUE },  { "chaussee", TRUE }, { "promenade", TRUE },
        { "ufer", TRUE },   { "damm", TRUE },     { "weg", FALSE },
        { "platz", FALSE }, { "ring", FALSE },    { "markt", FALSE },
        { "wall", FALSE },  { "pfad", FALSE },    { "steig", FALSE },
        { "stieg", FALSE }, { "graben", FALSE },  { "gürtel", FALSE },
        { "zeile", FALSE }, { "kai", FALSE },     { "anger", FALSE } };

/* Compounds with a street word that are not streets. */
static WordSet not_streets
    = { "rückweg hinweg umweg ausweg heimweg arbeitsweg schulweg lieferweg "
        "versandweg zahlungsweg rechtsweg postweg dienstweg lösungsweg "
        "seeweg luftweg landweg arbeitsplatz parkplatz sitzplatz "
        "stellplatz speicherplatz spielplatz campingplatz sportplatz "
        "tabellenplatz listenplatz studienplatz ausbildungsplatz kitaplatz "
        "ehering schlüsselring fingerring dichtring dichtungsring "
        "rettungsring boxring ohrring supermarkt arbeitsmarkt wochenmarkt "
        "weihnachtsmarkt flohmarkt baumarkt getränkemarkt drogeriemarkt "
        "aktienmarkt binnenmarkt automarkt immobilienmarkt elektromarkt "
        "firewall paywall schützengraben dateipfad bahnsteig einstieg "
        "ausstieg anstieg umstieg aufstieg abstieg sackgasse betreffzeile "
        "kopfzeile fußzeile schlagzeile einbahnstraße",
        NULL };

/* German street names that start with a preposition: "Am Rhein 3". The
 * first group takes the name directly, the second an article first. */
static const char *const street_prepositions[]
    = { "Am", "Im", "Zum", "Zur", "Beim", NULL };
static const char *const street_prepositions_article[]
    = { "An", "Auf", "In", "Unter", "Hinter", "Vor", "Bei", "Über", NULL };
static const char *const articles[]
    = { "der", "den", "dem", "die", "das", NULL };

/* Capitalised words after "Am"/"Im" that make a time or a place in a
 * sentence, not a street ("Am Montag 3 Pakete"). */
static WordSet not_street_names
    = { "montag dienstag mittwoch donnerstag freitag samstag sonntag "
        "sonnabend wochenende januar februar märz april mai juni juli "
        "august september oktober november dezember jahr monat tag moment "
        "ende anfang abend morgen mittag nachmittag vormittag lager "
        "warenkorb shop laden paket karton preis rahmen durchschnitt "
        "schnitt zuge fall falle prinzip vergleich vorfeld voraus namen "
        "auftrag konto kundenkonto handy internet netz sortiment angebot "
        "katalog sommer winter frühjahr herbst frühling quartal halbjahr "
        "jahre jahren stück augenblick notfall zweifel übrigen allgemeinen "
        "einzelnen detail test team support service büro haus",
        NULL };

/* Words before a stand-alone street word that are not part of a name. */
static WordSet not_street_adjectives
    = { "Der Die Das Den Dem Des Ein Eine Einen Einem Einer Unser Unsere "
        "Unseren Unserem Ihr Ihre Ihren Ihrem Ihrer Dein Deine Deinen "
        "Diese Dieser Diesen Jeder Jede Jeden Welche Welcher Keine Kein "
        "Neue Neuer Neuen Alle Andere Anderen Erste Ersten Zweite Letzte "
        "Nächste Nächsten Gleiche Gleichen",
        NULL };

/* Larger cities of Germany, Austria and Switzerland: a postcode before
 * one of them is an address even without a street. */
static WordSet cities
    = { "berlin hamburg münchen köln frankfurt stuttgart düsseldorf "
        "leipzig dortmund essen bremen dresden hannover nürnberg duisburg "
        "bochum wuppertal bielefeld bonn münster mannheim karlsruhe "
        "augsburg wiesbaden mönchengladbach gelsenkirchen aachen "
        "braunschweig kiel chemnitz halle magdeburg freiburg krefeld mainz "
        "lübeck erfurt oberhausen rostock kassel hagen potsdam saarbrücken "
        "hamm ludwigshafen oldenburg mülheim osnabrück leverkusen "
        "darmstadt heidelberg solingen regensburg herne paderborn neuss "
        "ingolstadt offenbach fürth würzburg ulm heilbronn pforzheim "
        "wolfsburg göttingen bottrop reutlingen koblenz bremerhaven "
        "recklinghausen erlangen jena trier remscheid salzgitter moers "
        "siegen hildesheim cottbus gütersloh kaiserslautern schwerin "
        "bamberg konstanz marburg gießen lüneburg flensburg passau "
        "bayreuth wien graz linz salzburg innsbruck klagenfurt zürich "
        "basel bern genf lausanne luzern winterthur",
        NULL };

static WordSet english_suffixes
    = { "Street St Road Rd Avenue Ave Lane Ln Drive Dr Boulevard Blvd "
        "Court Ct Place Pl Terrace Way Close Crescent Square Sq Parkway "
        "Pkwy Highway Hwy Circle Row Gardens Mews Alley Walk",
        NULL };

static const char *const compass_points[]
    = { "N", "S", "E", "W", "NE", "NW", "SE", "SW", NULL };

static WordSet month_names
    = { "januar jänner februar märz maerz april mai juni juli august "
        "september oktober november dezember january february march may "
        "june july october december jan feb mär mrz mar apr jun jul aug "
        "sep sept okt oct nov dez dec",
        NULL };

/* Words before a date that make it a date of birth. A trailing '*'
 * lets the word go on ("geburt*": Geburtsdatum, Geburtstag). */
static const char *const birth_words_before[]
    = { "geb.",  "geb:", "geboren", "geburt*",       "born",   "dob",
        "d.o.b", "bday", "b-day",   "date of birth", "birth*", NULL };
static const char *const birth_words_after[] = { "geboren", "born", NULL };

/* The scan */

static gboolean
word_set_contains (WordSet *set, const char *word)
{
  if (g_once_init_enter (&set->set))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
      char **words = g_strsplit (set->words, " ", -1);

      /* The table lives as long as the program and owns the words. */
      for (guint i = 0; words[i] != NULL; i++)
        g_hash_table_add (table, words[i]);
      g_free (words);
      g_once_init_leave (&set->set, table);
    }
  return g_hash_table_contains (set->set, word);
}

static inline gunichar
char_at (Scan *s, gsize pos)
{
  return pos < s->len ? g_utf8_get_char (s->text + pos) : 0;
}

static inline gunichar
char_before (Scan *s, gsize pos)
{
  if (pos == 0)
    return 0;
  return g_utf8_get_char (g_utf8_find_prev_char (s->text, s->text + pos));
}

static inline gsize
next_pos (Scan *s, gsize pos)
{
  return g_utf8_next_char (s->text + pos) - s->text;
}

static inline gboolean
is_alnum (gunichar c)
{
  return c != 0 && g_unichar_isalnum (c);
}

static inline gboolean
is_digit (Scan *s, gsize pos)
{
  return pos < s->len && g_ascii_isdigit (s->text[pos]);
}

static gboolean
overlaps (Scan *s, gsize start, gsize end)
{
  for (guint i = 0; i < s->spans->len; i++)
    {
      const Span *span = &g_array_index (s->spans, Span, i);

      if (start < span->end && span->start < end)
        return TRUE;
    }
  return FALSE;
}

static void
claim (Scan *s, gsize start, gsize end, int kind)
{
  Span span = { start, end, kind };

  g_assert (start < end && end <= s->len);
  g_array_append_val (s->spans, span);
}

static gboolean
in_list (const char *const *list, const char *word)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (list[i], word) == 0)
      return TRUE;
  return FALSE;
}

/* The end of the word of letters (and inner hyphens) at @pos, or @pos. */
static gsize
word_end (Scan *s, gsize pos)
{
  gsize end = pos;

  while (end < s->len)
    {
      gunichar c = char_at (s, end);

      if (g_unichar_isalpha (c))
        end = next_pos (s, end);
      else if (c == '-' && end > pos
               && g_unichar_isalpha (char_at (s, end + 1)))
        end++;
      else
        break;
    }
  return end;
}

static char *
lower_word (Scan *s, gsize start, gsize end)
{
  return g_utf8_strdown (s->text + start, end - start);
}

static gsize
count_digits (Scan *s, gsize pos, guint max)
{
  gsize end = pos;

  while (end < s->len && end - pos < max && g_ascii_isdigit (s->text[end]))
    end++;
  return end - pos;
}

static guint
read_uint (Scan *s, gsize pos, gsize n)
{
  guint value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (s->text[pos + i] - '0');
  return value;
}

/* Whether @word (ASCII, lower case; a trailing '*' allows more letters)
 * starts at @pos as a word of its own. */
static gboolean
word_matches (Scan *s, gsize pos, const char *word)
{
  gsize n = strlen (word);
  gboolean prefix = n > 0 && word[n - 1] == '*';

  if (prefix)
    n--;
  if (pos + n > s->len || g_ascii_strncasecmp (s->text + pos, word, n) != 0)
    return FALSE;
  if (is_alnum (char_before (s, pos)))
    return FALSE;
  /* A word that ends in a dot is complete by itself. */
  if (prefix || word[n - 1] == '.' || word[n - 1] == ':')
    return TRUE;
  return !is_alnum (char_at (s, pos + n));
}

/* Whether one of @words starts in the @window bytes before @pos; returns
 * the distance of the nearest one. */
static gboolean
word_before (Scan *s,
             gsize pos,
             gsize window,
             const char *const *words,
             gsize *distance)
{
  gsize from = pos > window ? pos - window : 0;

  for (gsize p = pos; p-- > from;)
    {
      /* Words start after a space or a sign, never inside a word. */
      if (p > 0
          && (g_ascii_isalnum (s->text[p - 1]) || (s->text[p - 1] & 0x80)))
        continue;
      for (guint i = 0; words[i] != NULL; i++)
        if (word_matches (s, p, words[i]))
          {
            if (distance != NULL)
              *distance = pos - p;
            return TRUE;
          }
    }
  return FALSE;
}

/* A number right after "Bestellnummer", "tracking" and the like is a
 * reference, unless a phone word stands closer ("Tel.-Nr.:"). */
static gboolean
is_reference (Scan *s, gsize pos)
{
  gsize ref_distance = 0, phone_distance = 0;
  gboolean phone_word = word_before (s, pos, 32, phone_words, &phone_distance);

  if (word_before (s, pos, 32, reference_words, &ref_distance))
    return !phone_word || phone_distance > ref_distance;
  return word_before (s, pos, 32, generic_reference_words, NULL) && !phone_word;
}

/* Whether the number at @pos follows "DE12 ", the start of an IBAN:
 * then its digits are an account, whatever else they look like. */
static gboolean
after_iban_start (Scan *s, gsize pos)
{
  const char *t = s->text;

  return pos >= 5 && t[pos - 1] == ' ' && g_ascii_isdigit (t[pos - 2])
         && g_ascii_isdigit (t[pos - 3]) && g_ascii_isalpha (t[pos - 4])
         && g_ascii_isalpha (t[pos - 5])
         && (pos == 5 || !is_alnum (char_before (s, pos - 5)));
}

/* Whether a unit or currency follows @end ("0,99 €", "100 Stück"). */
static gboolean
unit_follows (Scan *s, gsize end)
{
  gsize p = end;
  gsize word_stop;
  g_autofree char *word = NULL;

  if (p < s->len && s->text[p] == ' ')
    p++;
  if (p >= s->len)
    return FALSE;

  word_stop = word_end (s, p);
  if (word_stop == p)
    word_stop = next_pos (s, p);
  word = lower_word (s, p, word_stop);
  return word_set_contains (&unit_words, word);
}

/* Whether a currency comes right before @pos ("€1 299"). */
static gboolean
currency_precedes (Scan *s, gsize pos)
{
  gunichar c = char_before (s, pos);

  if (c == ' ')
    c = char_before (s, pos - 1);
  return c == 0x20ac || c == '$' || c == 0x00a3
         || word_before (s, pos, 5,
                         (const char *const[]){ "eur", "chf", "usd", NULL },
                         NULL);
}

/* Protected: links, @handles and #tags */

static gsize
trim_trailing (Scan *s, gsize start, gsize end)
{
  while (end > start && strchr (".,;:!?)'\"", s->text[end - 1]) != NULL)
    end--;
  return end;
}

static void
find_protected (Scan *s)
{
  const char *t = s->text;

  for (gsize i = 0; i < s->len; i++)
    {
      gsize end = i;

      if (strchr ("hHwW@#", t[i]) == NULL || is_alnum (char_before (s, i)))
        continue;

      if (g_ascii_strncasecmp (t + i, "http://", 7) == 0
          || g_ascii_strncasecmp (t + i, "https://", 8) == 0
          || g_ascii_strncasecmp (t + i, "www.", 4) == 0)
        {
          while (end < s->len && !g_ascii_isspace (t[end])
                 && strchr ("<>\"", t[end]) == NULL)
            end++;
          end = trim_trailing (s, i, end);
        }
      else if (t[i] == '@'
               && (is_alnum (char_at (s, i + 1)) || t[i + 1] == '_'))
        {
          gboolean second_at = FALSE;

          end = i + 1;
          while (end < s->len)
            {
              gunichar c = char_at (s, end);

              if (is_alnum (c) || c == '_' || c == '-'
                  || (c == '.' && is_alnum (char_at (s, end + 1))))
                end = next_pos (s, end);
              else if (c == '@' && !second_at
                       && is_alnum (char_at (s, end + 1)))
                {
                  second_at = TRUE;
                  end++;
                }
              else
                break;
            }
        }
      else if (t[i] == '#'
               && (is_alnum (char_at (s, i + 1)) || t[i + 1] == '_'))
        {
          end = i + 1;
          while (end < s->len)
            {
              gunichar c = char_at (s, end);

              if (is_alnum (c) || c == '_'
                  || ((c == '-' || c == '/' || c == '.')
                      && is_alnum (char_at (s, end + 1))))
                end = next_pos (s, end);
              else
                break;
            }
        }

      if (end > i)
        {
          claim (s, i, end, PROTECTED);
          i = end - 1;
        }
    }
}

/* Email addresses */

static gboolean
is_local_char (gunichar c)
{
  return is_alnum (c) || (c != 0 && c < 128 && strchr ("._%+-", c) != NULL);
}

/* "(at)", "[at]", "(dot)" or "[dot]" at @pos, with the spaces around. */
static gsize
obfuscated_marker (Scan *s, gsize pos, const char *word)
{
  gsize n = strlen (word);
  gsize p = pos;
  char close;

  if (p < s->len && s->text[p] == ' ')
    p++;
  if (p >= s->len || (s->text[p] != '(' && s->text[p] != '['))
    return 0;
  close = s->text[p] == '(' ? ')' : ']';
  if (p + n + 2 > s->len || g_ascii_strncasecmp (s->text + p + 1, word, n) != 0
      || s->text[p + 1 + n] != close)
    return 0;
  p += n + 2;
  if (p < s->len && s->text[p] == ' ')
    p++;
  return p;
}

/* Returns the end of a domain name with at least two labels and an
 * alphabetic top-level label, starting at @pos; 0 if there is none. */
static gsize
parse_domain (Scan *s, gsize pos)
{
  gsize p = pos;
  gsize last_label = pos, end = 0;
  guint labels = 0;

  for (;;)
    {
      gsize label = p;
      gsize after;

      while (p < s->len
             && (is_alnum (char_at (s, p)) || (s->text[p] == '-' && p > label)))
        p = next_pos (s, p);
      if (p == label)
        break;
      labels++;
      last_label = label;
      end = p;

      if (p + 1 < s->len && s->text[p] == '.' && is_alnum (char_at (s, p + 1)))
        p++;
      else if ((after = obfuscated_marker (s, p, "dot")) > 0
               && is_alnum (char_at (s, after)))
        p = after;
      else
        break;
    }

  if (labels < 2 || end - last_label < 2)
    return 0;
  for (gsize i = last_label; i < end; i++)
    if (!g_ascii_isalpha (s->text[i]))
      return 0;
  return end;
}

static gboolean
is_role_mailbox (Scan *s, gsize start, gsize end)
{
  g_autofree char *local = g_ascii_strdown (s->text + start, end - start);
  char *plus = strchr (local, '+');

  if (plus != NULL)
    *plus = '\0';
  return word_set_contains (&role_mailboxes, local);
}

static void
find_emails (Scan *s)
{
  for (gsize i = 0; i < s->len; i++)
    {
      gsize local_start, local_end, domain_start, domain_end;

      if (s->text[i] == '@')
        {
          local_end = i;
          domain_start = i + 1;
        }
      else if ((s->text[i] == '(' || s->text[i] == '[')
               && (domain_start = obfuscated_marker (s, i, "at")) > 0)
        {
          local_end = i;
          if (local_end > 0 && s->text[local_end - 1] == ' ')
            local_end--;
        }
      else
        continue;

      local_start = local_end;
      while (local_start > 0 && is_local_char (char_before (s, local_start)))
        local_start
            = g_utf8_find_prev_char (s->text, s->text + local_start) - s->text;
      while (local_start < local_end && s->text[local_start] == '.')
        local_start++;
      if (local_start == local_end)
        continue;
      /* "@anna@mastodon.social" is a handle. */
      if (char_before (s, local_start) == '@')
        continue;

      domain_end = parse_domain (s, domain_start);
      if (domain_end == 0 || overlaps (s, local_start, domain_end)
          || is_role_mailbox (s, local_start, local_end))
        continue;

      claim (s, local_start, domain_end, DESK_PII_EMAIL);
      i = domain_end - 1;
    }
}

/* IBANs */

static guint
iban_length (const char *country)
{
  for (guint i = 0; i < G_N_ELEMENTS (iban_countries); i++)
    if (strncmp (iban_countries[i].code, country, 2) == 0)
      return iban_countries[i].length;
  return 0;
}

/* ISO 13616: the first four characters moved to the end, letters as
 * 10..35, the number modulo 97 is 1. @chars are upper case. */
static gboolean
iban_checksum_ok (const char *chars, gsize n)
{
  guint rest = 0;

  for (gsize k = 4; k < n + 4; k++)
    {
      char c = chars[k % n];

      if (g_ascii_isdigit (c))
        rest = (rest * 10 + (c - '0')) % 97;
      else if (c >= 'A' && c <= 'Z')
        rest = (rest * 100 + (c - 'A' + 10)) % 97;
      else
        return FALSE;
    }
  return rest == 1;
}

static void
find_ibans (Scan *s)
{
  const char *t = s->text;

  for (gsize i = 0; i + 4 <= s->len; i++)
    {
      char chars[35];
      gsize ends[35];
      gboolean boundary[35];
      gsize n = 0, p = i;
      guint expected;

      if (!g_ascii_isalpha (t[i]) || !g_ascii_isalpha (t[i + 1])
          || !g_ascii_isdigit (t[i + 2]) || !g_ascii_isdigit (t[i + 3])
          || is_alnum (char_before (s, i)))
        continue;

      while (p < s->len && n < 34)
        {
          if (g_ascii_isalnum (t[p]))
            {
              chars[n] = g_ascii_toupper (t[p]);
              ends[n] = p + 1;
              boundary[n] = p + 1 >= s->len || !is_alnum (char_at (s, p + 1));
              n++;
              p++;
            }
          else if (t[p] == ' ' && n > 0 && p + 1 < s->len
                   && g_ascii_isalnum (t[p + 1]))
            p++;
          else
            break;
        }
      chars[n] = '\0';

      expected = iban_length (chars);
      if (expected == 0 || n < expected || !boundary[expected - 1]
          || !iban_checksum_ok (chars, expected)
          || overlaps (s, i, ends[expected - 1]))
        continue;

      claim (s, i, ends[expected - 1], DESK_PII_IBAN);
      i = ends[expected - 1] - 1;
    }
}

/* Payment cards */

static gboolean
luhn_ok (const char *digits, gsize n)
{
  guint sum = 0;

  for (gsize k = 0; k < n; k++)
    {
      guint d = digits[n - 1 - k] - '0';

      if (k % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  return sum % 10 == 0;
}

static guint
prefix_value (const char *digits, guint n)
{
  guint value = 0;

  for (guint k = 0; k < n; k++)
    value = value * 10 + (digits[k] - '0');
  return value;
}

/* Whether the first digits (the issuer identification number) belong to
 * a card scheme that issues numbers of @n digits. */
static gboolean
plausible_iin (const char *digits, gsize n)
{
  guint p1 = prefix_value (digits, 1);
  guint p2 = prefix_value (digits, 2);
  guint p3 = prefix_value (digits, 3);
  guint p4 = prefix_value (digits, 4);

  if (p1 == 4) /* Visa */
    return n == 13 || n == 16 || n == 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) /* Mastercard */
    return n == 16;
  if (p2 == 34 || p2 == 37) /* American Express */
    return n == 15;
  if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) /* Discover */
    return n >= 16 && n <= 19;
  if (p2 == 62) /* UnionPay */
    return n >= 16 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) /* JCB */
    return n >= 16 && n <= 19;
  if (p2 == 36 || (p3 >= 300 && p3 <= 305) || p2 == 38 || p2 == 39) /* Diners */
    return n >= 14 && n <= 19;
  if (p4 >= 2200 && p4 <= 2204) /* Mir */
    return n >= 16 && n <= 19;
  if (p2 == 50 || (p2 >= 56 && p2 <= 69)) /* Maestro */
    return n >= 13 && n <= 19;
  return FALSE;
}

static gboolean
number_prefix_ok (gunichar c)
{
  return c == 0 || g_unichar_isspace (c)
         || (c < 128 && strchr ("(:;\"'[<", c) != NULL) || c == 0x201e
         || c == 0x201c || c == 0x00ab || c == 0x00bb;
}

static void
find_cards (Scan *s)
{
  const char *t = s->text;

  for (gsize i = 0; i < s->len; i++)
    {
      char digits[20];
      guint groups[20];
      guint n_groups = 0, n = 0;
      gsize p = i, end = i;
      char separator = 0;
      gboolean too_long = FALSE, grouped_ok;

      if (!g_ascii_isdigit (t[i]) || !number_prefix_ok (char_before (s, i)))
        continue;

      groups[0] = 0;
      while (p < s->len)
        {
          if (g_ascii_isdigit (t[p]))
            {
              if (n == 19)
                {
                  too_long = TRUE;
                  break;
                }
              digits[n++] = t[p++];
              groups[n_groups]++;
              end = p;
            }
          else if ((t[p] == ' ' || t[p] == '-')
                   && (separator == 0 || separator == t[p]) && p + 1 < s->len
                   && g_ascii_isdigit (t[p + 1]) && n_groups < 18)
            {
              separator = t[p++];
              groups[++n_groups] = 0;
            }
          else
            break;
        }
      n_groups++;

      if (too_long)
        {
          /* Skip the rest of a long number: no card hides inside it. */
          while (p < s->len
                 && (g_ascii_isdigit (t[p]) || t[p] == ' ' || t[p] == '-'))
            p++;
          i = p;
          continue;
        }
      if (n < 13 || is_alnum (char_at (s, end)))
        {
          i = end;
          continue;
        }

      /* Cards are written in one piece or in groups of four (American
       * Express and Diners: 4-6-5 and 4-6-4). */
      grouped_ok = n_groups == 1;
      if (!grouped_ok && groups[0] == 4)
        {
          grouped_ok = TRUE;
          for (guint g = 1; g + 1 < n_groups; g++)
            if (groups[g] != 4)
              grouped_ok = FALSE;
          if (groups[n_groups - 1] < 1 || groups[n_groups - 1] > 4)
            grouped_ok = FALSE;
          if (n_groups == 3 && groups[1] == 6
              && (groups[2] == 5 || groups[2] == 4))
            grouped_ok = TRUE;
        }

      digits[n] = '\0';
      if (grouped_ok && plausible_iin (digits, n) && luhn_ok (digits, n)
          && !is_reference (s, i) && !after_iban_start (s, i)
          && !overlaps (s, i, end))
        claim (s, i, end, DESK_PII_CARD);
      i = end;
    }
}

/* Dates of birth */

static gboolean
read_month_name (Scan *s, gsize pos, gsize *end)
{
  gsize stop = word_end (s, pos);
  g_autofree char *word = NULL;

  if (stop == pos || stop - pos > 12)
    return FALSE;
  word = lower_word (s, pos, stop);
  if (!word_set_contains (&month_names, word))
    return FALSE;
  if (stop < s->len && s->text[stop] == '.')
    stop++;
  *end = stop;
  return TRUE;
}

static gsize
skip_ordinal (Scan *s, gsize pos)
{
  if (pos + 2 <= s->len
      && (g_ascii_strncasecmp (s->text + pos, "st", 2) == 0
          || g_ascii_strncasecmp (s->text + pos, "nd", 2) == 0
          || g_ascii_strncasecmp (s->text + pos, "rd", 2) == 0
          || g_ascii_strncasecmp (s->text + pos, "th", 2) == 0)
      && !is_alnum (char_at (s, pos + 2)))
    return pos + 2;
  return pos;
}

static gboolean
plausible_year (guint year, gsize digits)
{
  return digits == 2 || (digits == 4 && year >= 1900 && year <= 2030);
}

/* A date with a year at @pos: 12.03.1985, 12/03/85, 1985-03-12,
 * 12. März 1985, 12 March 1985, March 12, 1985. */
static gboolean
parse_date (Scan *s, gsize pos, gsize *end)
{
  const char *t = s->text;
  gsize n1, n2, n3, p = pos;
  guint v1, v2, v3;

  if (g_ascii_isalpha (t[pos]))
    {
      /* March 12, 1985 */
      if (!read_month_name (s, pos, &p) || p >= s->len || t[p] != ' ')
        return FALSE;
      p++;
      n1 = count_digits (s, p, 3);
      if (n1 < 1 || n1 > 2 || read_uint (s, p, n1) < 1
          || read_uint (s, p, n1) > 31)
        return FALSE;
      p = skip_ordinal (s, p + n1);
      if (p < s->len && t[p] == ',')
        p++;
      if (p >= s->len || t[p] != ' ')
        return FALSE;
      p++;
      n3 = count_digits (s, p, 5);
      if (n3 != 4 || !plausible_year (read_uint (s, p, 4), 4))
        return FALSE;
      *end = p + 4;
      return !is_alnum (char_at (s, *end));
    }

  n1 = count_digits (s, p, 5);
  if (n1 == 0 || n1 > 4)
    return FALSE;
  v1 = read_uint (s, p, n1);
  p += n1;

  /* 1985-03-12 */
  if (n1 == 4)
    {
      if (p + 6 > s->len || t[p] != '-' || count_digits (s, p + 1, 3) != 2
          || t[p + 3] != '-' || count_digits (s, p + 4, 3) != 2)
        return FALSE;
      v2 = read_uint (s, p + 1, 2);
      v3 = read_uint (s, p + 4, 2);
      *end = p + 6;
      return plausible_year (v1, 4) && v2 >= 1 && v2 <= 12 && v3 >= 1
             && v3 <= 31 && !is_alnum (char_at (s, *end));
    }
  if (n1 > 2 || v1 == 0)
    return FALSE;

  if (p < s->len && (t[p] == '.' || t[p] == '/' || t[p] == '-'))
    {
      char separator = t[p++];

      if (separator == '.' && p < s->len && t[p] == ' ')
        p++;
      /* 12. März 1985 */
      if (p < s->len && g_ascii_isalpha (t[p]))
        goto month_name;
      n2 = count_digits (s, p, 3);
      if (n2 < 1 || n2 > 2)
        return FALSE;
      v2 = read_uint (s, p, n2);
      p += n2;
      if (p >= s->len || t[p] != separator)
        return FALSE;
      p++;
      if (separator == '.' && p < s->len && t[p] == ' ')
        p++;
      n3 = count_digits (s, p, 5);
      if (n3 != 2 && n3 != 4)
        return FALSE;
      v3 = read_uint (s, p, n3);
      *end = p + n3;
      /* Day first (Europe) or month first (USA). */
      return ((v1 <= 31 && v2 >= 1 && v2 <= 12)
              || (v1 <= 12 && v2 >= 1 && v2 <= 31))
             && plausible_year (v3, n3) && !is_alnum (char_at (s, *end));
    }

  /* 12 March 1985, 12th March 1985 */
  p = skip_ordinal (s, p);
  if (p >= s->len || t[p] != ' ')
    return FALSE;
  p++;

month_name:
  if (v1 > 31 || !read_month_name (s, p, &p) || p >= s->len || t[p] != ' ')
    return FALSE;
  p++;
  n3 = count_digits (s, p, 5);
  if (n3 != 4 || !plausible_year (read_uint (s, p, 4), 4))
    return FALSE;
  *end = p + 4;
  return !is_alnum (char_at (s, *end));
}

/* Whether a birth word stands before @start (in the same line, with no
 * sentence ending by ! or ? between) or "geboren"/"born" after @end. */
static gboolean
birth_context (Scan *s, gsize start, gsize end)
{
  gsize distance;

  if (word_before (s, start, 40, birth_words_before, &distance))
    {
      gboolean broken = FALSE;

      for (gsize p = start - distance; p < start; p++)
        if (strchr ("\n!?", s->text[p]) != NULL)
          broken = TRUE;
      if (!broken)
        return TRUE;
    }

  for (gsize p = end; p < s->len && p < end + 24; p++)
    {
      if (strchr ("\n!?.", s->text[p]) != NULL)
        break;
      for (guint i = 0; birth_words_after[i] != NULL; i++)
        if (word_matches (s, p, birth_words_after[i]))
          return TRUE;
    }
  return FALSE;
}

/* Dates are everywhere in support replies, dates of birth rarely: look
 * at dates only when a birth word occurs at all. */
static gboolean
mentions_birth (Scan *s)
{
  for (gsize i = 0; i < s->len; i++)
    {
      char c = g_ascii_tolower (s->text[i]);

      if ((c != 'g' && c != 'b' && c != 'd')
          || (i > 0
              && (g_ascii_isalnum (s->text[i - 1]) || (s->text[i - 1] & 0x80))))
        continue;
      for (guint k = 0; birth_words_before[k] != NULL; k++)
        if (word_matches (s, i, birth_words_before[k]))
          return TRUE;
      for (guint k = 0; birth_words_after[k] != NULL; k++)
        if (word_matches (s, i, birth_words_after[k]))
          return TRUE;
    }
  return FALSE;
}

/* The four-digit year of the date [start, end), or 0. */
static guint
date_year (Scan *s, gsize start, gsize end)
{
  if (count_digits (s, start, 5) == 4)
    return read_uint (s, start, 4);
  if (end - start > 4 && count_digits (s, end - 4, 5) == 4
      && !g_ascii_isdigit (s->text[end - 5]))
    return read_uint (s, end - 4, 4);
  return 0;
}

/* A date in this or last year next to "Geburtstag" is the party, not
 * the customer's birth ("zum Geburtstag am 3.3.2024"). */
static gboolean
recent_year (guint year)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return year > 0 && (int) year >= g_date_time_get_year (now) - 1;
}

static void
find_birth_dates (Scan *s)
{
  if (!mentions_birth (s))
    return;

  for (gsize i = 0; i < s->len; i++)
    {
      gsize end;

      if (!g_ascii_isalnum (s->text[i]) || is_alnum (char_before (s, i)))
        continue;
      if (parse_date (s, i, &end) && !overlaps (s, i, end)
          && !recent_year (date_year (s, i, end)) && birth_context (s, i, end))
        {
          claim (s, i, end, DESK_PII_BIRTH_DATE);
          i = end - 1;
        }
    }
}

/* Postal addresses */

static gboolean
is_capitalised (Scan *s, gsize pos)
{
  return g_unichar_isupper (char_at (s, pos));
}

/* A house number after the street at @pos: "12", "5a", "12-14", "3/1".
 * Returns its end or 0. */
static gsize
house_number (Scan *s, gsize pos, guint max_digits)
{
  const char *t = s->text;
  gsize n = count_digits (s, pos, max_digits + 1);
  gsize p = pos + n;

  if (n == 0 || n > max_digits || t[pos] == '0')
    return 0;
  if (p < s->len && g_ascii_isalpha (t[p]) && !is_alnum (char_at (s, p + 1)))
    p++;
  if (p + 1 < s->len && (t[p] == '-' || t[p] == '/')
      && g_ascii_isdigit (t[p + 1]))
    p += 1 + count_digits (s, p + 1, 4);
  if (is_alnum (char_at (s, p)))
    return 0;
  return p;
}

/* After a house number comes the end of the phrase, a postcode, or "in"
 * with the city; a further word ("Bahnsteig 3 ab") means it was not an
 * address. */
static gboolean
address_ends (Scan *s, gsize pos)
{
  gsize p = pos;
  gunichar c;

  while (p < s->len && (s->text[p] == ' ' || s->text[p] == '\t'))
    p++;
  c = char_at (s, p);
  if (c == 0)
    return TRUE;
  /* a postcode, but no other number */
  if (g_unichar_isdigit (c))
    return count_digits (s, p, 6) == 5;
  /* a noun: "Am Montag 3 Pakete", "Rückweg 3 Tage" */
  if (g_unichar_isupper (c))
    return FALSE;
  return !unit_follows (s, pos);
}

static gboolean
is_city (Scan *s, gsize start, gsize end)
{
  g_autofree char *word = lower_word (s, start, end);

  return word_set_contains (&cities, word);
}

/* ", 50823 Köln" after an address: the postcode and city join it. */
static gsize
postcode_and_city (Scan *s, gsize pos)
{
  gsize p = pos, city_end;

  if (p < s->len && s->text[p] == ',')
    p++;
  while (p < s->len && (s->text[p] == ' ' || s->text[p] == '\n'))
    p++;
  if (p + 2 < s->len && s->text[p] == 'D' && s->text[p + 1] == '-')
    p += 2;
  if (count_digits (s, p, 6) != 5 || p + 6 >= s->len || s->text[p + 5] != ' '
      || !is_capitalised (s, p + 6))
    return pos;
  city_end = word_end (s, p + 6);
  /* Frankfurt am Main */
  if (city_end + 4 < s->len && strncmp (s->text + city_end, " am ", 4) == 0
      && is_capitalised (s, city_end + 4))
    city_end = word_end (s, city_end + 4);
  return city_end;
}

/* Compares the end of the word [start, end) with each street word,
 * byte by byte: no copy for the many words that are no street. */
static gboolean
street_suffix (Scan *s,
               gsize start,
               gsize end,
               gboolean *strong,
               gboolean *whole)
{
  for (guint i = 0; i < G_N_ELEMENTS (street_suffixes); i++)
    {
      gsize m = strlen (street_suffixes[i].suffix);

      if (end - start >= m
          && g_ascii_strncasecmp (s->text + end - m, street_suffixes[i].suffix,
                                  m)
                 == 0)
        {
          *strong = street_suffixes[i].strong;
          *whole = end - start == m;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
adjective_like (const char *word)
{
  return g_str_has_suffix (word, "er") || g_str_has_suffix (word, "e")
         || g_str_has_suffix (word, "en") || g_str_has_suffix (word, "es")
         || g_str_has_suffix (word, "em");
}

/* The start of the capitalised word before @pos (one space between), or
 * @pos when there is none. */
static gsize
previous_name_word (Scan *s, gsize pos)
{
  gsize start;

  if (pos < 2 || s->text[pos - 1] != ' ')
    return pos;
  start = pos - 1;
  while (start > 0)
    {
      gunichar c = char_before (s, start);

      if (!g_unichar_isalpha (c) && c != '-')
        break;
      start = g_utf8_find_prev_char (s->text, s->text + start) - s->text;
    }
  if (start == pos - 1 || !is_capitalised (s, start))
    return pos;
  return start;
}

/* "Musterstraße 12", "Hauptstr. 5a", "Kölner Straße 3", "Alter Markt 4".
 * Returns the end of the street name and sets @start. */
static gsize
german_street_name (Scan *s, gsize pos, gsize *start)
{
  gsize end = word_end (s, pos);
  g_autofree char *lower = NULL;
  gboolean strong = FALSE, whole = FALSE;
  gboolean abbreviated = FALSE;

  if (end == pos || !is_capitalised (s, pos))
    return 0;
  /* A house number must follow: most words stop here. */
  if (!(end + 1 < s->len && s->text[end] == ' '
        && g_ascii_isdigit (s->text[end + 1]))
      && !(end + 2 < s->len && s->text[end] == '.' && s->text[end + 1] == ' '
           && g_ascii_isdigit (s->text[end + 2])))
    return 0;

  if (end < s->len && s->text[end] == '.' && end - pos >= 3
      && g_ascii_strncasecmp (s->text + end - 3, "str", 3) == 0)
    {
      abbreviated = TRUE;
      strong = TRUE;
      whole = end - pos == 3;
    }
  else if (!street_suffix (s, pos, end, &strong, &whole))
    return 0;
  else
    {
      lower = lower_word (s, pos, end);
      if (word_set_contains (&not_streets, lower))
        return 0;
    }

  *start = pos;
  if (whole)
    {
      gsize before = previous_name_word (s, pos);
      g_autofree char *adjective = NULL;

      if (before == pos)
        return 0;
      adjective = g_strndup (s->text + before, pos - 1 - before);
      if (word_set_contains (&not_street_adjectives, adjective)
          || (!strong && !adjective_like (adjective)))
        return 0;
      *start = before;
    }
  return abbreviated ? end + 1 : end;
}

/* "Am Rhein 3", "An der Alster 12", "Unter den Linden 77". */
static gsize
prepositional_street_name (Scan *s, gsize pos)
{
  gsize end = word_end (s, pos);
  g_autofree char *word = NULL;
  gsize p = end;
  guint names = 0;

  /* No preposition is longer than "Hinter". */
  if (end - pos > 6 || end - pos < 2
      || strchr ("AIZBUHV\xc3", s->text[pos]) == NULL)
    return 0;
  word = g_strndup (s->text + pos, end - pos);
  if (in_list (street_prepositions_article, word))
    {
      gsize article_end;
      g_autofree char *article = NULL;

      if (p >= s->len || s->text[p] != ' ')
        return 0;
      article_end = word_end (s, p + 1);
      article = g_strndup (s->text + p + 1, article_end - p - 1);
      if (!in_list (articles, article))
        return 0;
      p = article_end;
    }
  else if (!in_list (street_prepositions, word))
    return 0;

  /* One or two capitalised words, the first not a time ("Am Montag"). */
  while (names < 2 && p + 1 < s->len && s->text[p] == ' '
         && is_capitalised (s, p + 1))
    {
      gsize name_end = word_end (s, p + 1);

      if (name_end == p + 1)
        break;
      if (names == 0)
        {
          g_autofree char *lower = lower_word (s, p + 1, name_end);

          if (word_set_contains (&not_street_names, lower))
            return 0;
        }
      p = name_end;
      names++;
    }
  return names > 0 ? p : 0;
}

static gboolean
try_german_address (Scan *s, gsize pos, gsize *start, gsize *end)
{
  gsize name_end, number_end;
  guint max_digits = 4;

  if ((name_end = prepositional_street_name (s, pos)) > 0)
    {
      *start = pos;
      max_digits = 3; /* not a year: "Im Jahr 2023" */
    }
  else if ((name_end = german_street_name (s, pos, start)) == 0)
    return FALSE;

  if (name_end >= s->len || s->text[name_end] != ' ')
    return FALSE;
  number_end = house_number (s, name_end + 1, max_digits);
  if (number_end == 0 || !address_ends (s, number_end))
    return FALSE;

  *end = postcode_and_city (s, number_end);
  return TRUE;
}

/* "221B Baker Street", "10 Downing St", "1600 Pennsylvania Ave NW". */
static gboolean
try_english_address (Scan *s, gsize pos, gsize *end)
{
  const char *t = s->text;
  gsize n = count_digits (s, pos, 6);
  gsize p = pos + n;
  guint names = 0;

  if (n == 0 || n > 5 || t[pos] == '0')
    return FALSE;
  if (p < s->len && g_ascii_isalpha (t[p]) && !is_alnum (char_at (s, p + 1)))
    p++;
  if (p >= s->len || t[p] != ' ')
    return FALSE;

  while (names < 4 && p + 1 < s->len && t[p] == ' ')
    {
      gsize w = p + 1;
      gsize w_end;
      g_autofree char *word = NULL;

      if (g_ascii_isdigit (t[w]))
        {
          /* 5th Avenue */
          gsize digits = count_digits (s, w, 4);

          w_end = skip_ordinal (s, w + digits);
          if (w_end == w + digits)
            return FALSE;
        }
      else if (g_ascii_isupper (t[w]))
        w_end = word_end (s, w);
      else
        return FALSE;

      word = g_strndup (t + w, w_end - w);
      if (names > 0 && word_set_contains (&english_suffixes, word))
        {
          p = w_end;
          if (p + 1 < s->len && t[p] == ' ' && g_ascii_isupper (t[p + 1]))
            {
              gsize c_end = word_end (s, p + 1);
              g_autofree char *point = g_strndup (t + p + 1, c_end - p - 1);

              if (in_list (compass_points, point)
                  && !is_alnum (char_at (s, c_end)))
                p = c_end;
            }
          *end = p;
          return TRUE;
        }
      p = w_end;
      names++;
    }
  return FALSE;
}

static gboolean
try_postcode_and_city (Scan *s, gsize pos, gsize *start, gsize *end)
{
  const char *t = s->text;
  gsize n = count_digits (s, pos, 6);
  gsize city, city_end;
  gboolean prefixed;

  if ((n != 5 && n != 4) || pos + n + 1 >= s->len || t[pos + n] != ' '
      || !is_capitalised (s, pos + n + 1))
    return FALSE;

  city = pos + n + 1;
  city_end = word_end (s, city);
  if (city_end == city || is_alnum (char_at (s, city_end)))
    return FALSE;

  /* "D-50823", "A-1010", "CH-8001" */
  prefixed
      = pos >= 2 && t[pos - 1] == '-'
        && ((t[pos - 2] == 'D' && n == 5) || (t[pos - 2] == 'A' && n == 4)
            || (pos >= 3 && t[pos - 3] == 'C' && t[pos - 2] == 'H' && n == 4));
  if (!prefixed && !is_city (s, city, city_end)
      && !word_before (s, pos, 6, (const char *const[]){ "plz", NULL }, NULL))
    return FALSE;
  if (n == 4 && !prefixed && !is_city (s, city, city_end))
    return FALSE;

  *start = prefixed ? (t[pos - 2] == 'H' ? pos - 3 : pos - 2) : pos;
  *end = city_end;
  if (city_end + 4 < s->len && strncmp (t + city_end, " am ", 4) == 0
      && is_capitalised (s, city_end + 4))
    *end = word_end (s, city_end + 4);
  return TRUE;
}

static void
find_addresses (Scan *s)
{
  for (gsize i = 0; i < s->len; i = next_pos (s, i))
    {
      gsize start = i, end = 0;
      gunichar c, before;

      /* Only word starts: most bytes are ruled out without decoding. */
      if (i > 0 && g_ascii_isalnum (s->text[i - 1]))
        continue;
      c = char_at (s, i);
      if (!g_unichar_isupper (c) && !g_ascii_isdigit (c))
        continue;
      before = char_before (s, i);
      if (is_alnum (before))
        continue;

      if (g_unichar_isupper (c))
        {
          if (before == '-' || !try_german_address (s, i, &start, &end))
            continue;
        }
      else if (g_ascii_isdigit (c) && before == '-')
        {
          /* only "D-50823 Köln" */
          if (!try_postcode_and_city (s, i, &start, &end))
            continue;
        }
      else if (g_ascii_isdigit (c))
        {
          if (!number_prefix_ok (before) && before != ',')
            continue;
          if (try_english_address (s, i, &end))
            {
              if (is_reference (s, i) || currency_precedes (s, i))
                continue;
            }
          else if (!try_postcode_and_city (s, i, &start, &end))
            continue;
        }
      else
        continue;

      if (overlaps (s, start, end))
        continue;
      claim (s, start, end, DESK_PII_ADDRESS);
      i = end - 1;
      while (i > 0 && (s->text[i] & 0xc0) == 0x80)
        i--;
    }
}

/* Phone numbers */

typedef struct
{
  char digits[24];
  guint n_digits;
  guint groups[24];
  guint n_groups;
  gboolean plus;
  gboolean trunk_zero; /* "+49 (0)221": the (0) is not dialled */
  gsize end;
} PhoneCandidate;

/* Reads digits and the separators people put between them: spaces,
 * "-", "/", "." and parentheses, at most three in a row. */
static gboolean
read_phone (Scan *s, gsize pos, PhoneCandidate *c)
{
  const char *t = s->text;
  gsize p = pos;

  memset (c, 0, sizeof *c);
  if (t[p] == '+')
    {
      c->plus = TRUE;
      p++;
      if (!is_digit (s, p))
        return FALSE;
    }
  else if (t[p] == '(')
    {
      p++;
      if (!is_digit (s, p))
        return FALSE;
    }

  while (p < s->len)
    {
      if (g_ascii_isdigit (t[p]))
        {
          if (c->n_digits == G_N_ELEMENTS (c->digits) - 1)
            return FALSE;
          if (c->groups[c->n_groups] == 0 && c->n_groups > 0 && t[p] == '0'
              && p > 0 && t[p - 1] == '(' && p + 1 < s->len && t[p + 1] == ')'
              && c->plus)
            c->trunk_zero = TRUE;
          c->digits[c->n_digits++] = t[p++];
          c->groups[c->n_groups]++;
          c->end = p;
        }
      else if (strchr (" -/.()", t[p]) != NULL && t[p] != '\0')
        {
          gsize run = p;
          guint slashes = 0, dots = 0;

          while (run < s->len && run - p < 4 && t[run] != '\0'
                 && strchr (" -/.()", t[run]) != NULL)
            {
              slashes += t[run] == '/';
              dots += t[run] == '.';
              run++;
            }
          if (run - p > 3 || slashes > 1 || dots > 1 || !is_digit (s, run))
            break;
          if (c->n_groups == G_N_ELEMENTS (c->groups) - 1)
            return FALSE;
          c->n_groups++;
          p = run;
        }
      else
        break;
    }
  c->n_groups++;
  return c->n_digits > 0;
}

static gboolean
business_number (const char *digits)
{
  for (guint i = 0; business_prefixes[i] != NULL; i++)
    if (g_str_has_prefix (digits, business_prefixes[i]))
      return TRUE;
  return FALSE;
}

/* 24.12.2023, 01.02.85: a date, not a number to call. */
static gboolean
date_shaped (Scan *s, gsize pos, PhoneCandidate *c)
{
  gsize end;

  return c->n_groups == 3 && c->groups[0] <= 2 && c->groups[1] <= 2
         && (c->groups[2] == 2 || c->groups[2] == 4)
         && parse_date (s, pos, &end);
}

static gboolean
is_phone (Scan *s, gsize pos, PhoneCandidate *c)
{
  guint n = c->n_digits - (c->trunk_zero ? 1 : 0);

  c->digits[c->n_digits] = '\0';

  if (c->plus)
    return c->digits[0] != '0' && n >= 8 && n <= 15;

  if (c->digits[0] == '0' && c->digits[1] == '0')
    return c->digits[2] != '0' && n >= 10 && n <= 15;

  if (c->digits[0] == '0')
    {
      if (business_number (c->digits) || date_shaped (s, pos, c))
        return FALSE;
      if (c->n_groups == 1)
        {
          /* Unbroken: mobile 015x/016x/017x, or a landline of a usual
           * length; longer runs are product and tracking codes. */
          if (c->digits[1] == '1')
            return c->digits[2] >= '5' && c->digits[2] <= '7' && n >= 10
                   && n <= 12;
          return n >= 9 && n <= 11;
        }
      /* French style 01 23 45 67 89 */
      if (c->n_groups == 5 && n == 10)
        return TRUE;
      return c->groups[0] >= 3 && c->groups[0] <= 5 && n >= 8 && n <= 13;
    }

  /* North America: (555) 123-4567, 555-123-4567, 1-555-123-4567 */
  {
    guint first = 0;

    if (c->n_groups == 4 && c->groups[0] == 1 && c->digits[0] == '1')
      first = 1;
    else if (c->n_groups != 3)
      return FALSE;
    if (c->groups[first] != 3 || c->groups[first + 1] != 3
        || c->groups[first + 2] != 4)
      return FALSE;
    if (c->digits[first] < '2')
      return FALSE;
    /* toll-free numbers are businesses */
    return !(c->digits[first] == '8'
             && c->digits[first + 1] == c->digits[first + 2]);
  }
}

static void
find_phones (Scan *s)
{
  for (gsize i = 0; i < s->len; i++)
    {
      PhoneCandidate c;
      gunichar before;
      char first = s->text[i];

      if (!g_ascii_isdigit (first) && first != '+' && first != '(')
        continue;
      before = char_before (s, i);
      if (!number_prefix_ok (before) || (first == '(' && before == '('))
        continue;
      if (!read_phone (s, i, &c))
        continue;

      if (is_phone (s, i, &c) && !is_alnum (char_at (s, c.end))
          && !(c.end + 1 < s->len && strchr (".,", s->text[c.end]) != NULL
               && s->text[c.end] != '\0' && is_digit (s, c.end + 1))
          && !unit_follows (s, c.end) && !currency_precedes (s, i)
          && !is_reference (s, i) && !after_iban_start (s, i)
          && !overlaps (s, i, c.end))
        claim (s, i, c.end, DESK_PII_PHONE);

      i = MAX (i, c.end - 1);
    }
}

static int
compare_matches (gconstpointer a, gconstpointer b)
{
  const DeskPiiMatch *ma = a, *mb = b;

  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  return 0;
}

/* Returns the personal data in @text (UTF-8) as a GArray of
 * DeskPiiMatch, by position, not overlapping. */
GArray *
desk_pii_scan (const char *text)
{
  Scan s = { 0 };
  GArray *matches;

  g_return_val_if_fail (text != NULL, NULL);

  matches = g_array_new (FALSE, FALSE, sizeof (DeskPiiMatch));
  if (!g_utf8_validate (text, -1, NULL))
    return matches;

  s.text = text;
  s.len = strlen (text);
  s.spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), 16);

  /* Each detector skips what an earlier one claimed, so the order goes
   * from the most certain (checksums) to the most heuristic. */
  find_protected (&s);
  find_emails (&s);
  find_ibans (&s);
  find_cards (&s);
  find_birth_dates (&s);
  find_addresses (&s);
  find_phones (&s);

  for (guint i = 0; i < s.spans->len; i++)
    {
      const Span *span = &g_array_index (s.spans, Span, i);
      DeskPiiMatch match = { span->kind, span->start, span->end };

      if (span->kind != PROTECTED)
        g_array_append_val (matches, match);
    }
  g_array_sort (matches, compare_matches);
  g_array_unref (s.spans);
  return matches;
}

/* The stable name of @kind ("email"), for logs and tests. */
const char *
desk_pii_kind_to_string (DeskPiiKind kind)
{
  g_return_val_if_fail (kind < DESK_PII_N_KINDS, NULL);
  return kind_names[kind];
}

/* A translated explanation for the agent. */
const char *
desk_pii_describe (DeskPiiKind kind)
{
  g_return_val_if_fail (kind < DESK_PII_N_KINDS, NULL);
  return _ (kind_descriptions[kind]);
}

/* Whether @iban (spaces allowed) is a complete IBAN of a known country
 * with a correct check sum. */
gboolean
desk_pii_iban_is_valid (const char *iban)
{
  char chars[35];
  gsize n = 0;

  g_return_val_if_fail (iban != NULL, FALSE);

  for (const char *p = iban; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      if (!g_ascii_isalnum (*p) || n == 34)
        return FALSE;
      chars[n++] = g_ascii_toupper (*p);
    }
  chars[n] = '\0';

  return n >= 4 && g_ascii_isalpha (chars[0]) && g_ascii_isalpha (chars[1])
         && iban_length (chars) == n && iban_checksum_ok (chars, n);
}

/* Whether the digits of @number (spaces and dashes allowed) pass the
 * Luhn check of payment cards. */
gboolean
desk_pii_luhn_is_valid (const char *number)
{
  char digits[32];
  gsize n = 0;

  g_return_val_if_fail (number != NULL, FALSE);

  for (const char *p = number; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isdigit (*p) || n == sizeof digits - 1)
        return FALSE;
      digits[n++] = *p;
    }
  return n >= 2 && luhn_ok (digits, n);
}
