/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-template"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-template.h"

/* A reply template: text with placeholders such as {customer_name|there}
 * that the composer fills in, reached by a /shortcut while typing. */
struct _DeskTemplate
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *category;
  char *language;
  DeskFormality formality;
  char *shortcut;
  char *body;
  guint usage_count;
};

G_DEFINE_FINAL_TYPE (DeskTemplate, desk_template, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (DeskFormality,
                    desk_formality,
                    G_DEFINE_ENUM_VALUE (DESK_FORMALITY_ANY, "any"),
                    G_DEFINE_ENUM_VALUE (DESK_FORMALITY_FORMAL, "formal"),
                    G_DEFINE_ENUM_VALUE (DESK_FORMALITY_INFORMAL, "informal"))

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CATEGORY,
  PROP_LANGUAGE,
  PROP_FORMALITY,
  PROP_SHORTCUT,
  PROP_BODY,
  PROP_USAGE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const placeholder_names[]
    = { DESK_PLACEHOLDER_CUSTOMER_NAME,
        DESK_PLACEHOLDER_CUSTOMER_HANDLE,
        DESK_PLACEHOLDER_AGENT_NAME,
        DESK_PLACEHOLDER_AGENT_INITIALS,
        DESK_PLACEHOLDER_CHANNEL,
        DESK_PLACEHOLDER_CASE_NUMBER,
        DESK_PLACEHOLDER_COMPANY,
        DESK_PLACEHOLDER_CURSOR,
        NULL };

static const char *const placeholder_descriptions[]
    = { N_ ("The customer’s name"),
        N_ ("The customer’s handle on the network"),
        N_ ("Your name"),
        N_ ("Your initials"),
        N_ ("The network, such as Mastodon"),
        N_ ("The case number"),
        N_ ("The company’s name"),
        N_ ("Where the cursor stands after inserting") };

G_STATIC_ASSERT (G_N_ELEMENTS (placeholder_names)
                 == G_N_ELEMENTS (placeholder_descriptions) + 1);

#define CURSOR_MARK "{" DESK_PLACEHOLDER_CURSOR "}"

/* The built-in set. Every reply greets, thanks or apologises without
 * blame and signs with the agent's name, as social media guidance asks;
 * each fits Bluesky's 300 characters with a long name filled in. */
typedef struct
{
  const char *language;
  DeskFormality formality;
  const char *shortcut;
  const char *category;
  const char *name;
  const char *body;
} DefaultTemplate;

#define SIE DESK_FORMALITY_FORMAL
#define DU DESK_FORMALITY_INFORMAL
#define DE_HI "Hallo {customer_name|zusammen}, "
#define DE_BYE "\nViele Grüße, {agent_name}"
#define EN_HI "Hi {customer_name|there}, "
#define EN_BYE "\nBest wishes, {agent_name}"

static const DefaultTemplate default_templates[] = {
  { "de", SIE, "danke", "Lob", "Danke für Lob",
    DE_HI "vielen Dank für Ihr tolles Feedback! Das freut uns sehr, und wir "
          "geben es gern an das ganze Team weiter. 😊" DE_BYE },
  { "de", DU, "danke", "Lob", "Danke für Lob",
    DE_HI "vielen Dank für dein tolles Feedback! Das freut uns riesig, und "
          "wir geben es gern ans ganze Team weiter. 😊" DE_BYE },
  { "de", SIE, "eingang", "Bestätigung", "Eingang bestätigen",
    DE_HI "danke für Ihre Nachricht! Wir sehen uns das gleich an und melden "
          "uns so schnell wie möglich bei Ihnen." DE_BYE },
  { "de", DU, "eingang", "Bestätigung", "Eingang bestätigen",
    DE_HI "danke für deine Nachricht! Wir sehen uns das gleich an und melden "
          "uns so schnell wie möglich bei dir." DE_BYE },
  { "de", SIE, "sorry", "Entschuldigung", "Entschuldigung",
    DE_HI "das tut uns wirklich leid – so sollte es nicht sein. Wir kümmern "
          "uns sofort darum und melden uns bei Ihnen, sobald wir mehr "
          "wissen." DE_BYE },
  { "de", DU, "sorry", "Entschuldigung", "Entschuldigung",
    DE_HI "das tut uns wirklich leid – so sollte es nicht sein. Wir kümmern "
          "uns sofort darum und melden uns bei dir, sobald wir mehr "
          "wissen." DE_BYE },
  { "de", SIE, "weiter", "Weiterleitung", "Weitergeleitet",
    DE_HI "danke für Ihre Geduld! Wir haben Ihr Anliegen an unser Fachteam "
          "weitergeleitet und melden uns bei Ihnen, sobald wir eine Antwort "
          "haben." DE_BYE },
  { "de", DU, "weiter", "Weiterleitung", "Weitergeleitet",
    DE_HI "danke für deine Geduld! Wir haben dein Anliegen an unser Fachteam "
          "weitergeleitet und melden uns bei dir, sobald wir eine Antwort "
          "haben." DE_BYE },
  { "de", SIE, "dm", "Privat", "In Direktnachricht wechseln",
    DE_HI "damit wir uns das genauer ansehen können, schreiben Sie uns bitte "
          "eine Direktnachricht. Bitte teilen Sie hier öffentlich keine "
          "persönlichen Daten." DE_BYE },
  { "de", DU, "dm", "Privat", "In Direktnachricht wechseln",
    DE_HI "damit wir uns das genauer ansehen können, schreib uns bitte eine "
          "Direktnachricht. Bitte teile hier öffentlich keine persönlichen "
          "Daten." DE_BYE },
  { "de", SIE, "bestellnr", "Privat", "Bestellnummer privat erfragen",
    DE_HI "schicken Sie uns bitte Ihre Bestellnummer per Direktnachricht, "
          "dann sehen wir sofort nach. Bitte posten Sie sie nicht "
          "öffentlich." DE_BYE },
  { "de", DU, "bestellnr", "Privat", "Bestellnummer privat erfragen",
    DE_HI "schick uns bitte deine Bestellnummer per Direktnachricht, dann "
          "sehen wir sofort nach. Bitte poste sie nicht öffentlich." DE_BYE },
  { "de", SIE, "bewertung", "Bewertung", "Um Bewertung bitten (1–5)",
    DE_HI "schön, dass wir helfen konnten! Wie zufrieden waren Sie mit "
          "unserer Hilfe? Antworten Sie einfach mit einer Zahl von 1 (gar "
          "nicht zufrieden) bis 5 (sehr zufrieden)." DE_BYE },
  { "de", DU, "bewertung", "Bewertung", "Um Bewertung bitten (1–5)",
    DE_HI "schön, dass wir helfen konnten! Wie zufrieden warst du mit "
          "unserer Hilfe? Antworte einfach mit einer Zahl von 1 (gar nicht "
          "zufrieden) bis 5 (sehr zufrieden)." DE_BYE },
  { "de", SIE, "troll", "Trolle", "Antwort auf Troll",
    DE_HI "danke für Ihren Kommentar. Wenn Sie ein konkretes Anliegen haben, "
          "helfen wir Ihnen gern weiter – schreiben Sie uns einfach." DE_BYE },
  { "de", DU, "troll", "Trolle", "Antwort auf Troll",
    DE_HI "danke für deinen Kommentar. Wenn du ein konkretes Anliegen hast, "
          "helfen wir dir gern weiter – schreib uns einfach." DE_BYE },
  { "de", SIE, "ende", "Abschluss", "Abschluss",
    DE_HI "prima, dann ist alles geklärt! Wenn noch etwas ist, melden Sie "
          "sich jederzeit. Einen schönen Tag noch!" DE_BYE },
  { "de", DU, "ende", "Abschluss", "Abschluss",
    DE_HI "prima, dann ist alles geklärt! Wenn noch etwas ist, melde dich "
          "jederzeit. Einen schönen Tag noch!" DE_BYE },
  { "de", SIE, "details", "Rückfrage", "Nach Details fragen",
    DE_HI "damit wir Ihnen helfen können, brauchen wir noch ein paar "
          "Angaben: Um welches Produkt geht es, und was genau ist "
          "passiert?" DE_BYE },
  { "de", DU, "details", "Rückfrage", "Nach Details fragen",
    DE_HI "damit wir dir helfen können, brauchen wir noch ein paar Angaben: "
          "Um welches Produkt geht es, und was genau ist passiert?" DE_BYE },

  { "en", SIE, "thanks", "Praise", "Thanks for praise",
    EN_HI "thank you so much for the kind words! We’re delighted and will "
          "pass them on to the whole team. 😊" EN_BYE },
  { "en", SIE, "ack", "Acknowledgement", "Acknowledge",
    EN_HI "thanks for your message! We’re looking into it now and will get "
          "back to you as soon as we can." EN_BYE },
  { "en", SIE, "sorry", "Apology", "Apology",
    EN_HI "we’re really sorry – this isn’t how it should be. We’re on it "
          "and will get back to you as soon as we know more." EN_BYE },
  { "en", SIE, "fwd", "Forwarded", "Forwarded",
    EN_HI "thanks for your patience! We have forwarded your request to our "
          "specialist team and will get back to you as soon as we hear from "
          "them." EN_BYE },
  { "en", SIE, "dm", "Private", "Move to a direct message",
    EN_HI "so we can look into this properly, please send us a direct "
          "message. Please don’t share personal details here in "
          "public." EN_BYE },
  { "en", SIE, "order", "Private", "Ask for the order number privately",
    EN_HI "please send us your order number by direct message and we’ll "
          "check right away. Please don’t post it publicly." EN_BYE },
  { "en", SIE, "rating", "Rating", "Ask for a rating (1–5)",
    EN_HI "glad we could help! How happy were you with our support? Just "
          "reply with a number from 1 (not at all) to 5 (very "
          "happy)." EN_BYE },
  { "en", SIE, "troll", "Trolls", "Reply to a troll",
    EN_HI "thanks for your comment. If there’s anything specific we can "
          "help with, just let us know – we’re happy to help." EN_BYE },
  { "en", SIE, "bye", "Closing", "Closing",
    EN_HI "great, glad that’s sorted! If anything else comes up, just get "
          "in touch. Have a lovely day!" EN_BYE },
  { "en", SIE, "details", "Follow-up", "Ask for details",
    EN_HI "to help you we need a few more details: which product is it "
          "about, and what exactly happened?" EN_BYE }
};

#undef SIE
#undef DU

static gboolean
set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* Reads "{name}" or "{name|fallback}" at @p, which points at '{'.
 * Returns the end of the placeholder, or NULL when @p starts none. */
static const char *
parse_placeholder (const char *p,
                   const char **name,
                   gsize *name_len,
                   const char **fallback,
                   gsize *fallback_len)
{
  const char *q = p + 1;

  g_assert (*p == '{');

  while (*q == ' ')
    q++;
  if (!g_ascii_isalpha (*q) && *q != '_')
    return NULL;
  *name = q;
  while (is_name_char (*q))
    q++;
  *name_len = q - *name;
  while (*q == ' ')
    q++;

  *fallback = NULL;
  *fallback_len = 0;
  if (*q == '|')
    {
      *fallback = ++q;
      while (*q != '\0' && *q != '}' && *q != '{' && *q != '\n')
        q++;
      *fallback_len = q - *fallback;
    }

  return *q == '}' ? q + 1 : NULL;
}

static gboolean
has_text (const char *value)
{
  if (value == NULL)
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
is_shortcut_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '-' || c == '_';
}

/* Moves @offset back to the start of the character it points into. */
static gsize
align_to_char (const char *text, gsize offset)
{
  while (offset > 0 && (text[offset] & 0xc0) == 0x80)
    offset--;
  return offset;
}

static int
compare_completions (gconstpointer a, gconstpointer b, gpointer user_data)
{
  DeskTemplate *ta = *(DeskTemplate **) a;
  DeskTemplate *tb = *(DeskTemplate **) b;
  const char *prefix = user_data;
  gboolean exact_a = g_ascii_strcasecmp (ta->shortcut, prefix) == 0;
  gboolean exact_b = g_ascii_strcasecmp (tb->shortcut, prefix) == 0;
  int cmp;

  if (exact_a != exact_b)
    return exact_a ? -1 : 1;
  if (ta->usage_count != tb->usage_count)
    return ta->usage_count > tb->usage_count ? -1 : 1;
  if ((cmp = g_utf8_collate (ta->shortcut, tb->shortcut)) != 0)
    return cmp;
  return g_utf8_collate (ta->name, tb->name);
}

static void
desk_template_get_property (GObject *object,
                            guint prop_id,
                            GValue *value,
                            GParamSpec *pspec)
{
  DeskTemplate *self = DESK_TEMPLATE (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_CATEGORY:
        g_value_set_string (value, self->category);
        break;
      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;
      case PROP_FORMALITY:
        g_value_set_enum (value, self->formality);
        break;
      case PROP_SHORTCUT:
        g_value_set_string (value, self->shortcut);
        break;
      case PROP_BODY:
        g_value_set_string (value, self->body);
        break;
      case PROP_USAGE_COUNT:
        g_value_set_uint (value, self->usage_count);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_template_set_property (GObject *object,
                            guint prop_id,
                            const GValue *value,
                            GParamSpec *pspec)
{
  DeskTemplate *self = DESK_TEMPLATE (object);

  switch (prop_id)
    {
      case PROP_ID:
        desk_template_set_id (self, g_value_get_int64 (value));
        break;
      case PROP_NAME:
        desk_template_set_name (self, g_value_get_string (value));
        break;
      case PROP_CATEGORY:
        desk_template_set_category (self, g_value_get_string (value));
        break;
      case PROP_LANGUAGE:
        desk_template_set_language (self, g_value_get_string (value));
        break;
      case PROP_FORMALITY:
        desk_template_set_formality (self, g_value_get_enum (value));
        break;
      case PROP_SHORTCUT:
        desk_template_set_shortcut (self, g_value_get_string (value));
        break;
      case PROP_BODY:
        desk_template_set_body (self, g_value_get_string (value));
        break;
      case PROP_USAGE_COUNT:
        desk_template_set_usage_count (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_template_finalize (GObject *object)
{
  DeskTemplate *self = DESK_TEMPLATE (object);

  g_free (self->name);
  g_free (self->category);
  g_free (self->language);
  g_free (self->shortcut);
  g_free (self->body);

  G_OBJECT_CLASS (desk_template_parent_class)->finalize (object);
}

static void
desk_template_class_init (DeskTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_template_get_property;
  object_class->set_property = desk_template_set_property;
  object_class->finalize = desk_template_finalize;

  /* 0 until the template is stored. */
  properties[PROP_ID]
      = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_CATEGORY]
      = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  /* "de" or "en" */
  properties[PROP_LANGUAGE]
      = g_param_spec_string ("language", NULL, NULL, "de", flags);
  properties[PROP_FORMALITY]
      = g_param_spec_enum ("formality", NULL, NULL, DESK_TYPE_FORMALITY,
                           DESK_FORMALITY_FORMAL, flags);
  /* Without the leading slash. */
  properties[PROP_SHORTCUT]
      = g_param_spec_string ("shortcut", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", flags);
  properties[PROP_USAGE_COUNT]
      = g_param_spec_uint ("usage-count", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_template_init (DeskTemplate *self)
{
  self->name = g_strdup ("");
  self->language = g_strdup ("de");
  self->formality = DESK_FORMALITY_FORMAL;
  self->body = g_strdup ("");
}

DeskTemplate *
desk_template_new (const char *name,
                   const char *language,
                   DeskFormality formality,
                   const char *body)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (formality != DESK_FORMALITY_ANY, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  return g_object_new (DESK_TYPE_TEMPLATE, "name", name, "language", language,
                       "formality", formality, "body", body, NULL);
}

DeskTemplate *
desk_template_copy (DeskTemplate *self)
{
  DeskTemplate *copy;

  g_return_val_if_fail (DESK_IS_TEMPLATE (self), NULL);

  copy = desk_template_new (self->name, self->language, self->formality,
                            self->body);
  copy->id = self->id;
  copy->category = g_strdup (self->category);
  copy->shortcut = g_strdup (self->shortcut);
  copy->usage_count = self->usage_count;
  return copy;
}

gint64
desk_template_get_id (DeskTemplate *self)
{
  g_return_val_if_fail (DESK_IS_TEMPLATE (self), 0);
  return self->id;
}

void
desk_template_set_id (DeskTemplate *self, gint64 id)
{
  g_return_if_fail (DESK_IS_TEMPLATE (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
desk_template_get_name (DeskTemplate *self)
{
  g_return_val_if_fail (DESK_IS_TEMPLATE (self), NULL);
  return self->name;
}

void
desk_template_set_name (DeskTemplate *self, const char *name)
{
  g_return_if_fail (DESK_IS_TEMPLATE (self));

  if (set_string (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
desk_template_get_category (DeskTemplate *self)
{
  g_return_val_if_fail (DESK_IS_TEMPLATE (self), NULL);
  return self->category;
}

void
desk_template_set_category (DeskTemplate *self, const char *category)
{
  g_return_if_fail (DESK_IS_TEMPLATE (self));

  if (category != NULL && *category == '\0')
    category = NULL;
  if (set_string (&self->category, category))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

const char *
desk_template_get_language (DeskTemplate *self)
{
  g_return_val_if_fail (DESK_IS_TEMPLATE (self), NULL);
  return self->language;
}

void
desk_template_set_language (DeskTemplate *self, const char *language)
{
  g_return_if_fail (DESK_IS_TEMPLATE (self));
  g_return_if_fail (language != NULL);

  if (set_string (&self->language, language))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

DeskFormality
desk_template_get_formality (DeskTemplate *self)
{
  g_return_val_if_fail (DESK_IS_TEMPLATE (self), DESK_FORMALITY_FORMAL);
  return self->formality;
}

void
desk_template_set_formality (DeskTemplate *self, DeskFormality formality)
{
  g_return_if_fail (DESK_IS_TEMPLATE (self));
  g_return_if_fail (formality == DESK_FORMALITY_FORMAL
                    || formality == DESK_FORMALITY_INFORMAL);

  if (self->formality == formality)
    return;
  self->formality = formality;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMALITY]);
}

const char *
desk_template_get_shortcut (DeskTemplate *self)
{
  g_return_val_if_fail (DESK_IS_TEMPLATE (self), NULL);
  return self->shortcut;
}

/* Stored without the slash the agent types, so "/danke" and "danke" name
 * the same shortcut. */
void
desk_template_set_shortcut (DeskTemplate *self, const char *shortcut)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (DESK_IS_TEMPLATE (self));

  if (shortcut != NULL)
    {
      while (*shortcut == '/' || g_ascii_isspace (*shortcut))
        shortcut++;
      clean = g_strchomp (g_strdup (shortcut));
      if (*clean == '\0')
        g_clear_pointer (&clean, g_free);
    }

  if (set_string (&self->shortcut, clean))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHORTCUT]);
}

const char *
desk_template_get_body (DeskTemplate *self)
{
  g_return_val_if_fail (DESK_IS_TEMPLATE (self), NULL);
  return self->body;
}

void
desk_template_set_body (DeskTemplate *self, const char *body)
{
  g_return_if_fail (DESK_IS_TEMPLATE (self));

  if (set_string (&self->body, body ? body : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

guint
desk_template_get_usage_count (DeskTemplate *self)
{
  g_return_val_if_fail (DESK_IS_TEMPLATE (self), 0);
  return self->usage_count;
}

void
desk_template_set_usage_count (DeskTemplate *self, guint usage_count)
{
  g_return_if_fail (DESK_IS_TEMPLATE (self));

  if (self->usage_count == usage_count)
    return;
  self->usage_count = usage_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USAGE_COUNT]);
}

char *
desk_template_expand (DeskTemplate *self, GHashTable *values)
{
  g_return_val_if_fail (DESK_IS_TEMPLATE (self), NULL);

  return desk_template_expand_text (self->body, values);
}

/* Fills the placeholders of @text from @values (placeholder name →
 * text; may be NULL). A placeholder without a value takes its fallback
 * ("{customer_name|there}"); one with neither stays as written, so the
 * agent and the guideline checker see what is missing instead of a gap.
 * "{{" and "}}" stand for literal braces. */
char *
desk_template_expand_text (const char *text, GHashTable *values)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 32);
  for (p = text; *p != '\0';)
    {
      const char *name, *fallback, *end;
      gsize name_len, fallback_len;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (out, p[0]);
          p += 2;
          continue;
        }

      if (*p != '{'
          || (end = parse_placeholder (p, &name, &name_len, &fallback,
                                       &fallback_len))
                 == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      {
        g_autofree char *key = g_ascii_strdown (name, name_len);
        const char *value = values ? g_hash_table_lookup (values, key) : NULL;

        if (has_text (value))
          g_string_append (out, value);
        else if (fallback != NULL)
          g_string_append_len (out, fallback, fallback_len);
        else
          g_string_append_len (out, p, end - p);
      }
      p = end;
    }

  return g_string_free (out, FALSE);
}

/* Returns the placeholders the composer fills, NULL-terminated. */
const char *const *
desk_template_get_placeholder_names (void)
{
  return placeholder_names;
}

/* Returns a translated description of a known placeholder, for the menu
 * that inserts one, or NULL. */
const char *
desk_template_describe_placeholder (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; placeholder_names[i] != NULL; i++)
    if (strcmp (placeholder_names[i], name) == 0)
      return _ (placeholder_descriptions[i]);
  return NULL;
}

/* Finds a "/shortcut" being typed at @cursor: a slash at the start of
 * the text or after a space, followed by letters or digits up to the
 * cursor. A slash inside a word or URL ("und/oder", "https://") starts
 * none. The token runs on past the cursor to the end of the word, so
 * that inserting replaces all of it. @prefix receives what was typed
 * between the slash and the cursor. */
gboolean
desk_template_find_shortcut (const char *text,
                             gsize cursor,
                             gsize *token_start,
                             gsize *token_end,
                             char **prefix)
{
  const char *start, *end, *slash;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (cursor <= strlen (text), FALSE);

  cursor = align_to_char (text, cursor);

  start = text + cursor;
  while (start > text)
    {
      const char *prev = g_utf8_find_prev_char (text, start);

      if (prev == NULL || !is_shortcut_char (g_utf8_get_char (prev)))
        break;
      start = prev;
    }

  if (start == text || start[-1] != '/')
    return FALSE;

  slash = start - 1;
  if (slash > text)
    {
      const char *prev = g_utf8_find_prev_char (text, slash);
      gunichar c = g_utf8_get_char (prev);

      if (!g_unichar_isspace (c) && c != '(' && c != '"')
        return FALSE;
    }

  end = text + cursor;
  while (*end != '\0' && is_shortcut_char (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);

  if (token_start != NULL)
    *token_start = slash - text;
  if (token_end != NULL)
    *token_end = end - text;
  if (prefix != NULL)
    *prefix = g_strndup (start, text + cursor - start);
  return TRUE;
}

/* The templates whose shortcut begins with the "/prefix" typed at
 * @cursor, best first: an exact match, then the most used. Returns NULL
 * when no shortcut is being typed, else a new array (maybe empty) with
 * references to items of @templates. */
GPtrArray *
desk_template_complete (GPtrArray *templates,
                        const char *text,
                        gsize cursor,
                        gsize *token_start,
                        gsize *token_end)
{
  g_autofree char *prefix = NULL;
  g_autofree char *folded_prefix = NULL;
  GPtrArray *matches;

  g_return_val_if_fail (templates != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!desk_template_find_shortcut (text, cursor, token_start, token_end,
                                    &prefix))
    return NULL;

  folded_prefix = g_utf8_casefold (prefix, -1);
  matches = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < templates->len; i++)
    {
      DeskTemplate *template = g_ptr_array_index (templates, i);
      g_autofree char *folded = NULL;

      if (!DESK_IS_TEMPLATE (template) || template->shortcut == NULL)
        continue;
      folded = g_utf8_casefold (template->shortcut, -1);
      if (g_str_has_prefix (folded, folded_prefix))
        g_ptr_array_add (matches, g_object_ref (template));
    }

  g_ptr_array_sort_with_data (matches, compare_completions, prefix);
  return matches;
}

/* Inserts @insertion (an expanded template) at @cursor and keeps what
 * the agent already wrote around it. A "/shortcut" being typed at the
 * cursor is replaced; a space is added where the insertion would
 * otherwise touch a word. The new cursor stands after the insertion, or
 * where the insertion has {cursor}. */
char *
desk_template_insert (const char *text,
                      gsize cursor,
                      const char *insertion,
                      gsize *new_cursor)
{
  g_autofree char *body = NULL;
  GString *out;
  gsize start, end, mark;
  const char *found;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (insertion != NULL, NULL);
  g_return_val_if_fail (cursor <= strlen (text), NULL);

  start = end = cursor = align_to_char (text, cursor);
  desk_template_find_shortcut (text, cursor, &start, &end, NULL);

  body = g_strdup (insertion);
  mark = strlen (body);
  if ((found = strstr (body, CURSOR_MARK)) != NULL)
    {
      mark = found - body;
      memmove (body + mark, body + mark + strlen (CURSOR_MARK),
               strlen (body + mark + strlen (CURSOR_MARK)) + 1);
    }

  out = g_string_new_len (text, start);
  if (start > 0 && *body != '\0')
    {
      gunichar before
          = g_utf8_get_char (g_utf8_find_prev_char (text, text + start));
      gunichar first = g_utf8_get_char (body);

      if (!g_unichar_isspace (before) && !g_unichar_isspace (first)
          && !g_unichar_ispunct (first))
        g_string_append_c (out, ' ');
    }
  mark += out->len;
  g_string_append (out, body);

  if (text[end] != '\0' && *body != '\0')
    {
      gunichar last = g_utf8_get_char (
          g_utf8_find_prev_char (body, body + strlen (body)));
      gunichar after = g_utf8_get_char (text + end);

      if (!g_unichar_isspace (last) && !g_unichar_isspace (after)
          && !g_unichar_ispunct (after))
        g_string_append_c (out, ' ');
    }
  g_string_append (out, text + end);

  if (new_cursor != NULL)
    *new_cursor = mark;
  return g_string_free (out, FALSE);
}

/* Returns a new array of new templates: the built-in set. */
GPtrArray *
desk_template_get_defaults (void)
{
  GPtrArray *templates = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (default_templates); i++)
    {
      const DefaultTemplate *d = &default_templates[i];
      DeskTemplate *template
          = desk_template_new (d->name, d->language, d->formality, d->body);

      desk_template_set_category (template, d->category);
      desk_template_set_shortcut (template, d->shortcut);
      g_ptr_array_add (templates, template);
    }
  return templates;
}
