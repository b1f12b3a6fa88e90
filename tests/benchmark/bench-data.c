/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-data.h"

static const char *const words[] = {
  "Bestellung", "Lieferung", "Rechnung", "Fahrrad",   "Kette",       "Bremse",
  "Schaltung",  "Reparatur", "Termin",   "Garantie",  "Rahmen",      "Akku",
  "Ladegerät",  "Reifen",    "Schlauch", "Sattel",    "Lenker",      "Pedale",
  "Licht",      "Klingel",   "delivery", "order",     "invoice",     "bike",
  "chain",      "brake",     "gears",    "repair",    "appointment", "warranty",
  "frame",      "battery",   "charger",  "tyre",      "tube",        "saddle",
  "handlebar",  "pedals",    "light",    "bell",      "danke",       "bitte",
  "wann",       "warum",     "heute",    "morgen",    "kaputt",      "super",
  "thanks",     "please",    "when",     "why",       "today",       "tomorrow",
  "broken",     "great",     "Köln",     "Ehrenfeld", "Deutz",       "Nippes",
};

const char *
bench_word (guint i)
{
  return words[i % G_N_ELEMENTS (words)];
}

guint
bench_n_words (void)
{
  return G_N_ELEMENTS (words);
}

/* Conversation c has messages_per_conversation messages; every fourth
 * message is an answer by the business. Texts mix the word list so FTS
 * queries match a few hundred to a few thousand conversations. */
DeskSyncBatch *
bench_make_batch (gint64 account_id,
                  const BenchShape *shape,
                  guint first_conversation,
                  guint n_conversations,
                  gint64 now)
{
  DeskSyncBatch *batch = desk_sync_batch_new (account_id);
  GString *body = g_string_new (NULL);

  for (guint c = first_conversation; c < first_conversation + n_conversations;
       c++)
    {
      char author[32], handle[48], name[48], thread[32];
      DeskSyncIdentity *identity;

      g_snprintf (author, sizeof author, "u%u", c % 40000);
      g_snprintf (handle, sizeof handle, "@kunde%u@social.example", c % 40000);
      g_snprintf (name, sizeof name, "Kunde %u %s", c % 40000,
                  bench_word (c * 7));
      g_snprintf (thread, sizeof thread, "t%u", c);
      identity = desk_sync_batch_add_identity (batch, author, handle, name);
      identity->followers = (c % 97 == 0) ? 50000 : c % 800;

      for (guint m = 0; m < shape->messages_per_conversation; m++)
        {
          char id[40];
          gboolean ours = m % 4 == 3;
          guint seed = c * 31 + m * 17;

          g_snprintf (id, sizeof id, "m%u-%u", c, m);
          g_string_printf (body, "%s %s %s %s, %s? #%u", bench_word (seed),
                           bench_word (seed / 3 + 1), bench_word (seed / 7 + 2),
                           bench_word (seed / 11 + 3),
                           bench_word (seed / 13 + 4), seed % 1000);
          desk_sync_batch_add_message (
              batch, id, thread,
              c % 9 == 0 ? DESK_CONVERSATION_KIND_PRIVATE
                         : DESK_CONVERSATION_KIND_PUBLIC,
              ours ? DESK_DIRECTION_OUTGOING : DESK_DIRECTION_INCOMING,
              ours ? NULL : author, body->str,
              now - (gint64) (first_conversation + n_conversations - c) * 37
                  - (shape->messages_per_conversation - m) * 60);
        }
    }

  g_string_free (body, TRUE);
  return batch;
}
