/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-guideline-rule"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "desk-guideline-rule.h"

/* One rule of a team's tone-of-voice guidelines. Rules are data, so a
 * team edits, shares and switches them off without a new release;
 * DeskGuidelines compiles them for the live check. */
struct _DeskGuidelineRule
{
  GObject parent_instance;

  gint64 id;
  DeskRuleKind kind;
  DeskSeverity severity;
  char *language; /* NULL: every language */
  char *network;  /* NULL: every network */
  char *pattern;
  char *replacement;
  char *explanation; /* English source text of a translatable message, or
                      * the team's own words */
  gboolean enabled;
};

G_DEFINE_FINAL_TYPE (DeskGuidelineRule, desk_guideline_rule, G_TYPE_OBJECT)

G_DEFINE_QUARK (desk - guideline - rule - error - quark,
                desk_guideline_rule_error)

/* The nicks are the names stored in the database and in exported files:
 * never change them. */
G_DEFINE_ENUM_TYPE (DeskSeverity,
                    desk_severity,
                    G_DEFINE_ENUM_VALUE (DESK_SEVERITY_INFO, "info"),
                    G_DEFINE_ENUM_VALUE (DESK_SEVERITY_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (DESK_SEVERITY_ERROR, "error"))

G_DEFINE_ENUM_TYPE (DeskRuleKind,
                    desk_rule_kind,
                    G_DEFINE_ENUM_VALUE (DESK_RULE_AVOID, "avoid"),
                    G_DEFINE_ENUM_VALUE (DESK_RULE_BLAME, "blame"),
                    G_DEFINE_ENUM_VALUE (DESK_RULE_GREETING, "greeting"),
                    G_DEFINE_ENUM_VALUE (DESK_RULE_SIGN_OFF, "sign-off"),
                    G_DEFINE_ENUM_VALUE (DESK_RULE_MAX_LENGTH, "max-length"),
                    G_DEFINE_ENUM_VALUE (DESK_RULE_SHOUTING, "shouting"),
                    G_DEFINE_ENUM_VALUE (DESK_RULE_MIXED_ADDRESS,
                                         "mixed-address"),
                    G_DEFINE_ENUM_VALUE (DESK_RULE_PLACEHOLDER, "placeholder"))

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_SEVERITY,
  PROP_LANGUAGE,
  PROP_NETWORK,
  PROP_PATTERN,
  PROP_REPLACEMENT,
  PROP_EXPLANATION,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *language;
  DeskRuleKind kind;
  DeskSeverity severity;
  const char *pattern;
  const char *replacement;
  const char *explanation;
} DefaultRule;

/* The explanations are msgids: DeskGuidelines translates them when it
 * shows a finding, so the stored rule stays the same in every locale. */
static const DefaultRule default_rules[] = {
  /* German */
  { "de", DESK_RULE_AVOID, DESK_SEVERITY_WARNING,
    "leider nicht möglich|das geht leider nicht|das geht nicht",
    "Das können wir so nicht umsetzen, aber …",
    N_ ("Say what you can do instead of what you cannot.") },
  { "de", DESK_RULE_AVOID, DESK_SEVERITY_WARNING,
    "beruhigen Sie sich|regen Sie sich nicht auf|bleiben Sie ruhig",
    "Ich verstehe Ihren Ärger",
    N_ ("Telling an upset customer to calm down makes things worse; "
        "acknowledge the feeling instead.") },
  { "de", DESK_RULE_AVOID, DESK_SEVERITY_WARNING,
    "beruhig dich|reg dich ab|reg dich nicht auf|bleib ruhig",
    "Ich verstehe deinen Ärger",
    N_ ("Telling an upset customer to calm down makes things worse; "
        "acknowledge the feeling instead.") },
  { "de", DESK_RULE_AVOID, DESK_SEVERITY_WARNING,
    "wie bereits gesagt|wie schon gesagt|wie bereits erwähnt|"
    "wie bereits mitgeteilt|wie gesagt",
    "Zur Sicherheit noch einmal kurz:",
    N_ ("Pointing out that you said it before sounds impatient.") },
  { "de", DESK_RULE_AVOID, DESK_SEVERITY_WARNING,
    "nicht zuständig|nicht unser Problem|dafür sind wir nicht verantwortlich",
    "Wir geben das an die richtigen Kolleg*innen weiter",
    N_ ("Do not push the customer away; say who takes care of it.") },
  { "de", DESK_RULE_AVOID, DESK_SEVERITY_INFO,
    "entschuldigen Sie die Unannehmlichkeiten|"
    "entschuldige die Unannehmlichkeiten|für etwaige Unannehmlichkeiten|"
    "wir bitten die Unannehmlichkeiten zu entschuldigen",
    "Das tut uns wirklich leid.",
    N_ ("Set phrases sound insincere; apologise in plain words.") },
  { "de", DESK_RULE_AVOID, DESK_SEVERITY_INFO,
    "wir bitten um Verständnis|bitte haben Sie Verständnis|"
    "bitte hab Verständnis",
    NULL,
    N_ ("Asking for understanding puts the burden on the customer; thank "
        "them for their patience instead.") },
  { "de", DESK_RULE_AVOID, DESK_SEVERITY_INFO, "kein Problem", "Gern geschehen",
    N_ ("Answer thanks positively instead of denying a problem.") },
  { "de", DESK_RULE_BLAME, DESK_SEVERITY_WARNING,
    "Ihr Fehler|Ihre Schuld|dein Fehler|deine Schuld|selbst schuld|"
    "selber schuld|hätten Sie doch|Sie hätten doch|Sie hätten eben|"
    "Sie hätten besser|Sie hätten vorher|hättest du doch|du hättest doch|"
    "du hättest eben|du hättest besser|du hättest vorher|"
    "Sie haben vergessen|du hast vergessen|haben Sie nicht gelesen|"
    "hast du nicht gelesen|Bedienfehler|falsch bedient",
    NULL,
    N_ ("Never suggest that the customer is to blame; focus on the "
        "solution.") },
  { "de", DESK_RULE_GREETING, DESK_SEVERITY_WARNING,
    "Hallo|Hallöchen|Hi|Hey|Huhu|Moin|Servus|Salut|Guten Morgen|Guten Tag|"
    "Guten Abend|Liebe|Lieber|Sehr geehrte|Sehr geehrter|Grüß Gott|Grüezi|"
    "Willkommen|Danke|Vielen Dank|Herzlichen Dank",
    "Hallo {customer_name|zusammen},", NULL },
  { "de", DESK_RULE_SIGN_OFF, DESK_SEVERITY_WARNING,
    "Viele Grüße|Liebe Grüße|Beste Grüße|Herzliche Grüße|Schöne Grüße|"
    "Freundliche Grüße|Mit freundlichen Grüßen|Grüße|Gruß|LG|VG|MfG|"
    "Bis bald|Dein|Euer|Ihr",
    "Viele Grüße, {agent_name}", NULL },
  { "de", DESK_RULE_MIXED_ADDRESS, DESK_SEVERITY_WARNING, "", NULL, NULL },

  /* English */
  { "en", DESK_RULE_AVOID, DESK_SEVERITY_WARNING, "calm down|settle down",
    "I understand this is frustrating",
    N_ ("Telling an upset customer to calm down makes things worse; "
        "acknowledge the feeling instead.") },
  { "en", DESK_RULE_AVOID, DESK_SEVERITY_WARNING,
    "as I said|as I already said|as I mentioned|as I already mentioned|"
    "as previously stated|as stated before|as mentioned before|like I said",
    "To recap:",
    N_ ("Pointing out that you said it before sounds impatient.") },
  { "en", DESK_RULE_AVOID, DESK_SEVERITY_WARNING,
    "that's not possible|that is not possible|there's nothing we can do|"
    "there is nothing we can do|nothing I can do",
    "We can't do that, but here is what we can do:",
    N_ ("Say what you can do instead of what you cannot.") },
  { "en", DESK_RULE_AVOID, DESK_SEVERITY_WARNING,
    "not our problem|not my problem|not our responsibility|"
    "not my department",
    "Let me get this to the right team",
    N_ ("Do not push the customer away; say who takes care of it.") },
  { "en", DESK_RULE_AVOID, DESK_SEVERITY_INFO,
    "sorry for any inconvenience|sorry for the inconvenience|"
    "we apologize for any inconvenience|we apologise for any inconvenience",
    "We're really sorry about this.",
    N_ ("Set phrases sound insincere; apologise in plain words.") },
  { "en", DESK_RULE_AVOID, DESK_SEVERITY_INFO,
    "per our policy|as per policy|company policy", NULL,
    N_ ("Quoting policy sounds like a wall; explain the reason "
        "instead.") },
  { "en", DESK_RULE_AVOID, DESK_SEVERITY_INFO, "no problem", "You're welcome",
    N_ ("Answer thanks positively instead of denying a problem.") },
  { "en", DESK_RULE_BLAME, DESK_SEVERITY_WARNING,
    "your fault|your own fault|you should have|you shouldn't have|"
    "you should've|you failed to|you didn't read|you did not read|"
    "did you even read|user error|you forgot to|you were supposed to|"
    "you must have",
    NULL,
    N_ ("Never suggest that the customer is to blame; focus on the "
        "solution.") },
  { "en", DESK_RULE_GREETING, DESK_SEVERITY_WARNING,
    "Hi|Hello|Hey|Hiya|Dear|Good morning|Good afternoon|Good evening|"
    "Thanks|Thank you|Many thanks|Greetings|Welcome",
    "Hi {customer_name|there},", NULL },
  { "en", DESK_RULE_SIGN_OFF, DESK_SEVERITY_WARNING,
    "Best|Best wishes|Kind regards|Regards|Cheers|Thanks|Many thanks|"
    "All the best|Take care|Speak soon",
    "Best wishes, {agent_name}", NULL },

  /* Every language */
  { NULL, DESK_RULE_SHOUTING, DESK_SEVERITY_WARNING, "", NULL, NULL },
  { NULL, DESK_RULE_PLACEHOLDER, DESK_SEVERITY_ERROR, "", NULL, NULL }
};

static gboolean
set_string (char **field, const char *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
has_alternative (const char *pattern)
{
  g_auto (GStrv) parts = NULL;

  if (pattern == NULL)
    return FALSE;
  parts = g_strsplit (pattern, "|", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0' && strcmp (parts[i], "*") != 0)
        return TRUE;
    }
  return FALSE;
}

static void
desk_guideline_rule_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  DeskGuidelineRule *self = DESK_GUIDELINE_RULE (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->id);
        break;
      case PROP_KIND:
        g_value_set_enum (value, self->kind);
        break;
      case PROP_SEVERITY:
        g_value_set_enum (value, self->severity);
        break;
      case PROP_LANGUAGE:
        g_value_set_string (value, self->language);
        break;
      case PROP_NETWORK:
        g_value_set_string (value, self->network);
        break;
      case PROP_PATTERN:
        g_value_set_string (value, self->pattern);
        break;
      case PROP_REPLACEMENT:
        g_value_set_string (value, self->replacement);
        break;
      case PROP_EXPLANATION:
        g_value_set_string (value, self->explanation);
        break;
      case PROP_ENABLED:
        g_value_set_boolean (value, self->enabled);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_guideline_rule_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  DeskGuidelineRule *self = DESK_GUIDELINE_RULE (object);

  switch (prop_id)
    {
      case PROP_ID:
        desk_guideline_rule_set_id (self, g_value_get_int64 (value));
        break;
      case PROP_KIND:
        desk_guideline_rule_set_kind (self, g_value_get_enum (value));
        break;
      case PROP_SEVERITY:
        desk_guideline_rule_set_severity (self, g_value_get_enum (value));
        break;
      case PROP_LANGUAGE:
        desk_guideline_rule_set_language (self, g_value_get_string (value));
        break;
      case PROP_NETWORK:
        desk_guideline_rule_set_network (self, g_value_get_string (value));
        break;
      case PROP_PATTERN:
        desk_guideline_rule_set_pattern (self, g_value_get_string (value));
        break;
      case PROP_REPLACEMENT:
        desk_guideline_rule_set_replacement (self, g_value_get_string (value));
        break;
      case PROP_EXPLANATION:
        desk_guideline_rule_set_explanation (self, g_value_get_string (value));
        break;
      case PROP_ENABLED:
        desk_guideline_rule_set_enabled (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_guideline_rule_finalize (GObject *object)
{
  DeskGuidelineRule *self = DESK_GUIDELINE_RULE (object);

  g_free (self->language);
  g_free (self->network);
  g_free (self->pattern);
  g_free (self->replacement);
  g_free (self->explanation);

  G_OBJECT_CLASS (desk_guideline_rule_parent_class)->finalize (object);
}

static void
desk_guideline_rule_class_init (DeskGuidelineRuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_guideline_rule_get_property;
  object_class->set_property = desk_guideline_rule_set_property;
  object_class->finalize = desk_guideline_rule_finalize;

  /* 0 until the rule is stored. */
  properties[PROP_ID]
      = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_KIND] = g_param_spec_enum (
      "kind", NULL, NULL, DESK_TYPE_RULE_KIND, DESK_RULE_AVOID, flags);
  properties[PROP_SEVERITY] = g_param_spec_enum (
      "severity", NULL, NULL, DESK_TYPE_SEVERITY, DESK_SEVERITY_WARNING, flags);
  properties[PROP_LANGUAGE]
      = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_NETWORK]
      = g_param_spec_string ("network", NULL, NULL, NULL, flags);
  properties[PROP_PATTERN]
      = g_param_spec_string ("pattern", NULL, NULL, "", flags);
  properties[PROP_REPLACEMENT]
      = g_param_spec_string ("replacement", NULL, NULL, NULL, flags);
  properties[PROP_EXPLANATION]
      = g_param_spec_string ("explanation", NULL, NULL, NULL, flags);
  properties[PROP_ENABLED]
      = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_guideline_rule_init (DeskGuidelineRule *self)
{
  self->kind = DESK_RULE_AVOID;
  self->severity = DESK_SEVERITY_WARNING;
  self->pattern = g_strdup ("");
  self->enabled = TRUE;
}

DeskGuidelineRule *
desk_guideline_rule_new (DeskRuleKind kind,
                         DeskSeverity severity,
                         const char *language,
                         const char *pattern,
                         const char *replacement)
{
  g_return_val_if_fail (kind <= DESK_RULE_PLACEHOLDER, NULL);
  g_return_val_if_fail (severity <= DESK_SEVERITY_ERROR, NULL);

  return g_object_new (DESK_TYPE_GUIDELINE_RULE, "kind", kind, "severity",
                       severity, "language", language, "pattern", pattern,
                       "replacement", replacement, NULL);
}

DeskGuidelineRule *
desk_guideline_rule_copy (DeskGuidelineRule *self)
{
  DeskGuidelineRule *copy;

  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), NULL);

  copy = desk_guideline_rule_new (self->kind, self->severity, self->language,
                                  self->pattern, self->replacement);
  copy->id = self->id;
  copy->network = g_strdup (self->network);
  copy->explanation = g_strdup (self->explanation);
  copy->enabled = self->enabled;
  return copy;
}

gint64
desk_guideline_rule_get_id (DeskGuidelineRule *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), 0);
  return self->id;
}

void
desk_guideline_rule_set_id (DeskGuidelineRule *self, gint64 id)
{
  g_return_if_fail (DESK_IS_GUIDELINE_RULE (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

DeskRuleKind
desk_guideline_rule_get_kind (DeskGuidelineRule *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), DESK_RULE_AVOID);
  return self->kind;
}

void
desk_guideline_rule_set_kind (DeskGuidelineRule *self, DeskRuleKind kind)
{
  g_return_if_fail (DESK_IS_GUIDELINE_RULE (self));
  g_return_if_fail (kind <= DESK_RULE_PLACEHOLDER);

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

DeskSeverity
desk_guideline_rule_get_severity (DeskGuidelineRule *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), DESK_SEVERITY_INFO);
  return self->severity;
}

void
desk_guideline_rule_set_severity (DeskGuidelineRule *self,
                                  DeskSeverity severity)
{
  g_return_if_fail (DESK_IS_GUIDELINE_RULE (self));
  g_return_if_fail (severity <= DESK_SEVERITY_ERROR);

  if (self->severity == severity)
    return;
  self->severity = severity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

const char *
desk_guideline_rule_get_language (DeskGuidelineRule *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), NULL);
  return self->language;
}

/* NULL or "" for every language. */
void
desk_guideline_rule_set_language (DeskGuidelineRule *self, const char *language)
{
  g_return_if_fail (DESK_IS_GUIDELINE_RULE (self));

  if (set_string (&self->language, language))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
desk_guideline_rule_get_network (DeskGuidelineRule *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), NULL);
  return self->network;
}

/* NULL or "" for every network. */
void
desk_guideline_rule_set_network (DeskGuidelineRule *self, const char *network)
{
  g_return_if_fail (DESK_IS_GUIDELINE_RULE (self));

  if (set_string (&self->network, network))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

const char *
desk_guideline_rule_get_pattern (DeskGuidelineRule *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), NULL);
  return self->pattern;
}

void
desk_guideline_rule_set_pattern (DeskGuidelineRule *self, const char *pattern)
{
  g_return_if_fail (DESK_IS_GUIDELINE_RULE (self));

  if (pattern == NULL)
    pattern = "";
  if (g_strcmp0 (self->pattern, pattern) == 0)
    return;
  g_free (self->pattern);
  self->pattern = g_strdup (pattern);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATTERN]);
}

const char *
desk_guideline_rule_get_replacement (DeskGuidelineRule *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), NULL);
  return self->replacement;
}

void
desk_guideline_rule_set_replacement (DeskGuidelineRule *self,
                                     const char *replacement)
{
  g_return_if_fail (DESK_IS_GUIDELINE_RULE (self));

  if (set_string (&self->replacement, replacement))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACEMENT]);
}

const char *
desk_guideline_rule_get_explanation (DeskGuidelineRule *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), NULL);
  return self->explanation;
}

void
desk_guideline_rule_set_explanation (DeskGuidelineRule *self,
                                     const char *explanation)
{
  g_return_if_fail (DESK_IS_GUIDELINE_RULE (self));

  if (set_string (&self->explanation, explanation))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
}

gboolean
desk_guideline_rule_get_enabled (DeskGuidelineRule *self)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), FALSE);
  return self->enabled;
}

void
desk_guideline_rule_set_enabled (DeskGuidelineRule *self, gboolean enabled)
{
  g_return_if_fail (DESK_IS_GUIDELINE_RULE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

/* Checks that the pattern means something for the rule's kind, so that
 * a rule that could never fire is refused when it is saved rather than
 * silently ignored. */
gboolean
desk_guideline_rule_validate (DeskGuidelineRule *self, GError **error)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), FALSE);

  switch (self->kind)
    {
      case DESK_RULE_AVOID:
      case DESK_RULE_BLAME:
      case DESK_RULE_GREETING:
        if (!has_alternative (self->pattern))
          {
            g_set_error (error, DESK_GUIDELINE_RULE_ERROR,
                         DESK_GUIDELINE_RULE_ERROR_INVALID,
                         _ ("The rule needs at least one phrase."));
            return FALSE;
          }
        break;

      case DESK_RULE_MAX_LENGTH:
        {
          guint64 limit = 0;

          if (*self->pattern != '\0'
              && (!g_ascii_string_to_unsigned (self->pattern, 10, 1, 100000,
                                               &limit, NULL)))
            {
              g_set_error (error, DESK_GUIDELINE_RULE_ERROR,
                           DESK_GUIDELINE_RULE_ERROR_INVALID,
                           _ ("The length limit must be a whole number of "
                              "characters."));
              return FALSE;
            }
        }
        break;

      case DESK_RULE_SIGN_OFF:
      case DESK_RULE_SHOUTING:
      case DESK_RULE_MIXED_ADDRESS:
      case DESK_RULE_PLACEHOLDER:
      default:
        break;
    }

  if (!g_utf8_validate (self->pattern, -1, NULL)
      || (self->replacement && !g_utf8_validate (self->replacement, -1, NULL))
      || (self->explanation && !g_utf8_validate (self->explanation, -1, NULL)))
    {
      g_set_error (error, DESK_GUIDELINE_RULE_ERROR,
                   DESK_GUIDELINE_RULE_ERROR_INVALID,
                   _ ("The rule contains text that is not valid."));
      return FALSE;
    }

  return TRUE;
}

/* Whether the rule is on and meant for a reply in @language on
 * @network. A NULL @language or @network (not known) matches every rule;
 * languages compare by their first two letters ("de" and "de-AT"). */
gboolean
desk_guideline_rule_applies (DeskGuidelineRule *self,
                             const char *language,
                             const char *network)
{
  g_return_val_if_fail (DESK_IS_GUIDELINE_RULE (self), FALSE);

  if (!self->enabled)
    return FALSE;
  if (self->language != NULL && language != NULL
      && g_ascii_strncasecmp (self->language, language, 2) != 0)
    return FALSE;
  if (self->network != NULL && network != NULL
      && g_ascii_strcasecmp (self->network, network) != 0)
    return FALSE;
  return TRUE;
}

static const char *
enum_to_nick (GType type, int value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  /* The nick points into the static table of G_DEFINE_ENUM_TYPE, so it
   * outlives the class reference. */
  return found ? found->value_nick : NULL;
}

static gboolean
enum_from_nick (GType type, const char *nick, int *value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found;

  if (nick == NULL)
    return FALSE;
  found = g_enum_get_value_by_nick (klass, nick);
  if (found == NULL)
    return FALSE;
  *value = found->value;
  return TRUE;
}

/* The stable name of @kind, as stored and exported ("avoid"). */
const char *
desk_rule_kind_to_string (DeskRuleKind kind)
{
  return enum_to_nick (DESK_TYPE_RULE_KIND, kind);
}

gboolean
desk_rule_kind_from_string (const char *name, DeskRuleKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!enum_from_nick (DESK_TYPE_RULE_KIND, name, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
desk_severity_to_string (DeskSeverity severity)
{
  return enum_to_nick (DESK_TYPE_SEVERITY, severity);
}

gboolean
desk_severity_from_string (const char *name, DeskSeverity *severity)
{
  int value;

  g_return_val_if_fail (severity != NULL, FALSE);

  if (!enum_from_nick (DESK_TYPE_SEVERITY, name, &value))
    return FALSE;
  *severity = value;
  return TRUE;
}

/* Returns a new array of new rules: the built-in set. */
GPtrArray *
desk_guideline_rule_get_defaults (void)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (default_rules); i++)
    {
      const DefaultRule *d = &default_rules[i];
      DeskGuidelineRule *rule = desk_guideline_rule_new (
          d->kind, d->severity, d->language, d->pattern, d->replacement);

      desk_guideline_rule_set_explanation (rule, d->explanation);
      g_ptr_array_add (rules, rule);
    }
  return rules;
}
