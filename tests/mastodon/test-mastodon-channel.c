/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "channels/desk-outbox.h"
#include "channels/mastodon/desk-mastodon-channel.h"
#include "fake-mastodon.h"
#include "mastodon-test-utils.h"

/* DeskMastodonChannel against the fake server, with a real store in a
 * temporary folder and the token in a real keyring (run through
 * tests/run-keyring.sh): what a sync stores, paging, private messages,
 * filtered notifications, every fault, sending, and live updates. */

#define NOW G_GINT64_CONSTANT (1718013600)
#define TOKEN "test-token-8c1f0d"

typedef struct
{
  FakeMastodon *fake;
  char *dir;
  char *path;
  DeskClock *clock;
  DeskStore *store;
  DeskHttp *http;
  DeskSecrets *secrets;
  gint64 account_id;
  DeskChannel *channel;
  char *cursor;
  guint sync_needed;
  const char *anna;
  const char *bob;
} Fixture;

static void
on_sync_needed_cb (DeskChannel *channel, gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->sync_needed++;
}

static DeskChannel *
new_channel (Fixture *fixture)
{
  DeskChannel *channel = desk_mastodon_channel_new (
      fixture->account_id, fake_mastodon_get_url (fixture->fake),
      fake_mastodon_get_own_account_id (fixture->fake), fixture->http,
      fixture->secrets, fixture->clock);

  desk_mastodon_channel_set_live (DESK_MASTODON_CHANNEL (channel), FALSE);
  g_signal_connect (channel, "sync-needed", G_CALLBACK (on_sync_needed_cb),
                    fixture);
  return channel;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (g_getenv ("DESK_KEYRING_STATE"), "unlocked") != 0)
    return;

  fixture->fake = fake_mastodon_new ();
  fake_mastodon_add_token (fixture->fake, TOKEN);
  fixture->anna = fake_mastodon_add_account (fixture->fake, "anna", NULL,
                                             "Anna Schmidt", 25000);
  fixture->bob = fake_mastodon_add_account (fixture->fake, "bob",
                                            "remote.example", "", 12);

  fixture->dir = mt_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->clock = desk_clock_new_fake (NOW);
  fixture->store = desk_store_open (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  fixture->http = desk_http_new_with_clock (fixture->clock);
  fixture->secrets = desk_secrets_new ();

  fixture->account_id = desk_store_add_account (
      fixture->store, "mastodon",
      fake_mastodon_get_own_account_id (fixture->fake), "@shop@127.0.0.1",
      "Kaffeerösterei Bohne", fake_mastodon_get_url (fixture->fake), FALSE,
      &error);
  g_assert_no_error (error);
  mt_store_secret (fixture->secrets, fixture->account_id,
                   DESK_MASTODON_SECRET_ACCESS_TOKEN, TOKEN);
  fixture->channel = new_channel (fixture);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->channel);
  g_clear_object (&fixture->secrets);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  g_clear_pointer (&fixture->fake, fake_mastodon_free);
  if (fixture->dir != NULL)
    mt_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->cursor);
}

static gboolean
skip_without_keyring (Fixture *fixture)
{
  if (fixture->fake == NULL)
    {
      g_test_skip ("needs tests/run-keyring.sh");
      return TRUE;
    }
  return FALSE;
}

/* One sync as the sync service does it: the batch goes to the store and
 * the cursor moves on only when that worked. */
static DeskSyncBatch *
sync_and_apply (Fixture *fixture, GError **error)
{
  g_autoptr (GError) store_error = NULL;
  DeskSyncBatch *batch = mt_sync (fixture->channel, fixture->cursor, error);

  if (batch == NULL)
    return NULL;
  g_assert_true (
      desk_store_apply_batch (fixture->store, batch, NULL, &store_error));
  g_assert_no_error (store_error);
  if (batch->cursor != NULL)
    {
      g_free (fixture->cursor);
      fixture->cursor = g_strdup (batch->cursor);
    }
  return batch;
}

static void
sync_ok (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = sync_and_apply (fixture, &error);

  g_assert_no_error (error);
  g_assert_nonnull (batch);
}

static gint64
count (Fixture *fixture, const char *sql)
{
  return mt_db_count (fixture->path, sql);
}

static gint64
count_messages (Fixture *fixture)
{
  return count (fixture, "SELECT count(*) FROM message");
}

static char *text (Fixture *fixture, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

static char *
text (Fixture *fixture, const char *format, ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return mt_db_text (fixture->path, sql);
}

static gint64 number (Fixture *fixture, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

static gint64
number (Fixture *fixture, const char *format, ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return mt_db_count (fixture->path, sql);
}

static void
test_sync_builds_conversations (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;
  const char *own = fake_mastodon_get_own_account_id (fixture->fake);
  const char *anna_post;
  const char *announcement;
  const char *bob_reply;
  const char *our_reply;
  g_autofree char *value = NULL;
  g_autofree char *expected = NULL;

  if (skip_without_keyring (fixture))
    return;

  anna_post = fake_mastodon_add_mention (fixture->fake, fixture->anna,
                                         "Wo bleibt meine Bestellung 4711?",
                                         NULL, "public", FALSE);
  /* Answered from another app: it belongs to Anna's conversation. */
  our_reply = fake_mastodon_add_status (fixture->fake, own,
                                        "<p><span class=\"h-card\"><a "
                                        "href=\"x\" class=\"u-url mention\">"
                                        "@<span>anna</span></a></span> Ist "
                                        "unterwegs!</p>",
                                        anna_post, "public");
  /* Bob answers the shop's own post; that post is not his conversation. */
  announcement = fake_mastodon_add_status (
      fixture->fake, own, "<p>Neue Röstung da!</p>", NULL, "public");
  bob_reply = fake_mastodon_add_mention (fixture->fake, fixture->bob,
                                         "Gibt es die auch entkoffeiniert?",
                                         announcement, "public", FALSE);

  batch = sync_and_apply (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->warnings->len, ==, 0);
  g_assert_nonnull (batch->cursor);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM conversation"), ==, 2);
  g_assert_cmpint (count_messages (fixture), ==, 3);
  g_assert_cmpint (number (fixture,
                           "SELECT count(*) FROM conversation WHERE "
                           "thread_remote_id = '%s' AND kind = 0",
                           anna_post),
                   ==, 1);
  g_assert_cmpint (number (fixture,
                           "SELECT count(*) FROM conversation WHERE "
                           "thread_remote_id = '%s'",
                           bob_reply),
                   ==, 1);
  g_assert_cmpint (number (fixture,
                           "SELECT count(*) FROM message WHERE remote_id = "
                           "'%s'",
                           announcement),
                   ==, 0);

  /* Our reply is outgoing, without the addressee, in Anna's thread. */
  value = text (fixture,
                "SELECT m.direction || '|' || m.body || '|' || "
                "c.thread_remote_id FROM message m JOIN conversation c ON "
                "c.id = m.conversation_id WHERE m.remote_id = '%s'",
                our_reply);
  expected = g_strdup_printf ("1|Ist unterwegs!|%s", anna_post);
  g_assert_cmpstr (value, ==, expected);
  g_clear_pointer (&value, g_free);

  value = text (fixture, "SELECT body FROM message WHERE remote_id = '%s'",
                anna_post);
  g_assert_cmpstr (value, ==, "@shop Wo bleibt meine Bestellung 4711?");
  g_clear_pointer (&value, g_free);

  /* Profiles. */
  value = text (fixture,
                "SELECT handle || '|' || display_name || '|' || followers "
                "|| '|' || bio || '|' || avatar_url FROM identity WHERE "
                "remote_id = '%s'",
                fixture->anna);
  g_assert_true (g_str_has_prefix (value, "@anna|Anna Schmidt|25000|Loves "
                                          "good coffee & tea.|http://"));
  g_clear_pointer (&value, g_free);
  value = text (fixture,
                "SELECT handle || '|' || display_name FROM identity WHERE "
                "remote_id = '%s'",
                fixture->bob);
  g_assert_cmpstr (value, ==, "@bob@remote.example|bob");
  g_clear_pointer (&value, g_free);

  /* Many followers: answered first. */
  g_assert_cmpint (number (fixture,
                           "SELECT priority FROM conversation WHERE "
                           "thread_remote_id = '%s'",
                           anna_post),
                   ==, 1);
}

static void
test_resync_no_duplicates (Fixture *fixture, gconstpointer data)
{
  const char *own = fake_mastodon_get_own_account_id (fixture->fake);
  const char *post;

  if (skip_without_keyring (fixture))
    return;

  post = fake_mastodon_add_mention (fixture->fake, fixture->anna, "Hallo?",
                                    NULL, "public", FALSE);
  fake_mastodon_add_status (fixture->fake, own, "<p>Hallo Anna!</p>", post,
                            "public");
  fake_mastodon_add_mention (fixture->fake, fixture->bob, "Direkt", NULL,
                             "direct", FALSE);
  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 3);

  /* From the cursor: nothing new. */
  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 3);

  /* From the beginning, as after a lost cursor, with a new channel that
   * knows nothing of the first run: still stored once. */
  g_clear_pointer (&fixture->cursor, g_free);
  g_clear_object (&fixture->channel);
  fixture->channel = new_channel (fixture);
  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM identity"), ==, 2);
}

static void
test_paging_with_link (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  if (skip_without_keyring (fixture))
    return;

  for (guint i = 0; i < 95; i++)
    {
      g_autofree char *html = g_strdup_printf ("Frage %u", i);

      fake_mastodon_add_mention (fixture->fake,
                                 i % 2 ? fixture->anna : fixture->bob, html,
                                 NULL, "public", FALSE);
    }

  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 95);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *html = g_strdup_printf ("Nachfrage %u", i);

      fake_mastodon_add_mention (fixture->fake, fixture->anna, html, NULL,
                                 "public", FALSE);
    }
  fake_mastodon_clear_requests (fixture->fake);
  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 145);
  /* 40 + 10 and the empty page that ends it, nothing more. */
  g_assert_cmpuint (fake_mastodon_count_requests (fixture->fake, "GET",
                                                  "/api/v1/notifications?"),
                    ==, 3);
  g_assert_cmpuint (fixture->sync_needed, ==, 0);
}

static void
test_paging_without_link (Fixture *fixture, gconstpointer data)
{
  if (skip_without_keyring (fixture))
    return;

  fake_mastodon_set_link_headers (fixture->fake, FALSE);
  fake_mastodon_add_mention (fixture->fake, fixture->anna, "Erste", NULL,
                             "public", FALSE);
  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 1);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *html = g_strdup_printf ("Frage %u", i);

      fake_mastodon_add_mention (fixture->fake, fixture->bob, html, NULL,
                                 "public", FALSE);
    }

  /* One page per sync; a full one asks for another sync. */
  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 41);
  g_assert_cmpuint (fixture->sync_needed, ==, 1);
  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 51);
  g_assert_cmpuint (fixture->sync_needed, ==, 1);
}

static void
test_foreign_link_not_followed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;

  if (skip_without_keyring (fixture))
    return;

  /* A Link header that would send the token to another server. */
  fake_mastodon_set_link_base (fixture->fake, "http://127.0.0.2:9");
  for (guint i = 0; i < 45; i++)
    fake_mastodon_add_mention (fixture->fake, fixture->anna, "Hallo", NULL,
                               "public", FALSE);

  batch = sync_and_apply (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->warnings->len, ==, 1);
  g_assert_cmpint (count_messages (fixture), ==, 40);
}

static void
test_html_converted (Fixture *fixture, gconstpointer data)
{
  const char *post;
  g_autofree char *body = NULL;

  if (skip_without_keyring (fixture))
    return;

  post = fake_mastodon_add_mention (
      fixture->fake, fixture->anna,
      "Preis &amp; Lieferung?<script>alert('x')</script><br>Siehe <a "
      "href=\"https://shop.example/agb\">AGB</a> &lt;3<style>p{}</style>",
      NULL, "public", FALSE);
  sync_ok (fixture);

  body
      = text (fixture, "SELECT body FROM message WHERE remote_id = '%s'", post);
  g_assert_cmpstr (body, ==,
                   "@shop Preis & Lieferung?\nSiehe AGB "
                   "(https://shop.example/agb) <3");
}

static void
test_direct_messages_private (Fixture *fixture, gconstpointer data)
{
  const char *own = fake_mastodon_get_own_account_id (fixture->fake);
  const char *dm;
  const char *answer;

  if (skip_without_keyring (fixture))
    return;

  dm = fake_mastodon_add_mention (fixture->fake, fixture->anna,
                                  "Meine Adresse ist …", NULL, "direct", FALSE);
  /* Answered privately from another app: only /conversations shows it. */
  answer = fake_mastodon_add_status (
      fixture->fake, own, "<p>@anna Danke, notiert.</p>", dm, "direct");
  sync_ok (fixture);

  g_assert_cmpint (number (fixture,
                           "SELECT kind FROM conversation WHERE "
                           "thread_remote_id = '%s'",
                           dm),
                   ==, DESK_CONVERSATION_KIND_PRIVATE);
  g_assert_cmpint (number (fixture,
                           "SELECT private FROM message WHERE remote_id = "
                           "'%s'",
                           dm),
                   ==, 1);
  g_assert_cmpint (number (fixture,
                           "SELECT private + 10 * direction FROM message "
                           "WHERE remote_id = '%s'",
                           answer),
                   ==, 11);
  g_assert_cmpuint (fake_mastodon_count_requests (fixture->fake, "GET",
                                                  "/api/v1/conversations"),
                    ==, 1);
}

static void
test_notification_requests (Fixture *fixture, gconstpointer data)
{
  const char *carol;
  const char *first;
  const char *second;
  guint requests;

  if (skip_without_keyring (fixture))
    return;

  /* Carol does not follow the shop: Mastodon 4.3 files her messages as a
   * notification request, out of the normal list. */
  carol = fake_mastodon_add_account (fixture->fake, "carol", "new.example",
                                     "Carol", 3);
  first = fake_mastodon_add_mention (fixture->fake, carol, "Hallo?", NULL,
                                     "public", TRUE);
  second = fake_mastodon_add_mention (fixture->fake, carol, "Ist da jemand?",
                                      NULL, "direct", TRUE);
  fake_mastodon_add_mention (fixture->fake, fixture->anna, "Normal", NULL,
                             "public", FALSE);

  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 3);
  g_assert_cmpint (number (fixture,
                           "SELECT count(*) FROM message WHERE remote_id IN "
                           "('%s', '%s')",
                           first, second),
                   ==, 2);

  /* An unchanged request is not fetched again. */
  requests = fake_mastodon_count_requests (fixture->fake, "GET",
                                           "/api/v1/notifications?account_id");
  g_assert_cmpuint (requests, ==, 1);
  sync_ok (fixture);
  g_assert_cmpuint (
      fake_mastodon_count_requests (fixture->fake, "GET",
                                    "/api/v1/notifications?account_id"),
      ==, requests);

  /* A new filtered message is. */
  fake_mastodon_add_mention (fixture->fake, carol, "Hallo??", NULL, "public",
                             TRUE);
  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 4);
}

static void
test_types_are_hints (Fixture *fixture, gconstpointer data)
{
  const char *own = fake_mastodon_get_own_account_id (fixture->fake);
  const char *post;

  if (skip_without_keyring (fixture))
    return;

  fake_mastodon_set_ignore_types (fixture->fake, TRUE);
  post = fake_mastodon_add_status (fixture->fake, own, "<p>Angebot</p>", NULL,
                                   "public");
  fake_mastodon_add_notification (fixture->fake, "favourite", fixture->anna,
                                  post);
  fake_mastodon_add_notification (fixture->fake, "reblog", fixture->bob, post);
  fake_mastodon_add_notification (fixture->fake, "follow", fixture->bob, NULL);
  fake_mastodon_add_mention (fixture->fake, fixture->anna, "Frage", NULL,
                             "public", FALSE);

  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 1);
}

static void
test_malformed_items (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;

  if (skip_without_keyring (fixture))
    return;

  fake_mastodon_add_mention (fixture->fake, fixture->anna, "Gut", NULL,
                             "public", FALSE);
  fake_mastodon_add_raw_notification (fixture->fake, "\"just a string\"");
  fake_mastodon_add_raw_notification (
      fixture->fake, "{\"id\":\"70001\",\"type\":\"mention\"}");
  fake_mastodon_add_raw_notification (
      fixture->fake,
      "{\"id\":\"70002\",\"type\":\"mention\",\"status\":{\"id\":12345,"
      "\"created_at\":\"2024-06-10T10:00:00Z\",\"content\":\"x\"}}");
  fake_mastodon_add_raw_notification (
      fixture->fake,
      "{\"id\":\"70003\",\"type\":\"mention\",\"status\":{\"id\":\"77\","
      "\"created_at\":\"2024-06-10T10:00:00Z\",\"content\":\"<p>x</p>\","
      "\"account\":{\"id\":\"5\",\"acct\":null}}}");
  fake_mastodon_add_raw_notification (
      fixture->fake,
      "{\"id\":\"70004\",\"type\":\"mention\",\"status\":{\"id\":\"78\","
      "\"created_at\":\"not a date\",\"content\":\"<p>x</p>\","
      "\"account\":{\"id\":\"5\",\"acct\":\"x\"}}}");
  fake_mastodon_add_mention (fixture->fake, fixture->bob, "Auch gut", NULL,
                             "public", FALSE);

  batch = sync_and_apply (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->warnings->len, ==, 5);
  g_assert_cmpint (count_messages (fixture), ==, 2);
}

static void
test_gotosocial_like (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;

  if (skip_without_keyring (fixture))
    return;

  fake_mastodon_set_gotosocial_like (fixture->fake, TRUE);
  fake_mastodon_set_max_characters (fixture->fake, 5000);
  fake_mastodon_add_mention (fixture->fake, fixture->anna, "Moin", NULL,
                             "public", FALSE);

  batch = sync_and_apply (fixture, &error);
  g_assert_no_error (error);
  /* Missing optional endpoints are no news for the user. */
  g_assert_cmpuint (batch->warnings->len, ==, 0);
  g_assert_cmpint (count_messages (fixture), ==, 1);
  g_assert_cmpuint (desk_channel_get_max_length (fixture->channel), ==, 5000);

  fake_mastodon_clear_requests (fixture->fake);
  sync_ok (fixture);
  g_assert_cmpuint (fake_mastodon_count_requests (
                        fixture->fake, NULL, "/api/v1/notifications/requests"),
                    ==, 0);
  g_assert_cmpuint (
      fake_mastodon_count_requests (fixture->fake, NULL, "/api/v2/instance"),
      ==, 0);
}

static void
test_limits (Fixture *fixture, gconstpointer data)
{
  if (skip_without_keyring (fixture))
    return;

  g_assert_cmpstr (desk_channel_get_network (fixture->channel), ==, "mastodon");
  g_assert_cmpint (desk_channel_get_capabilities (fixture->channel), ==,
                   DESK_CHANNEL_CAP_PRIVATE | DESK_CHANNEL_CAP_LIVE);
  g_assert_cmpuint (desk_channel_get_max_length (fixture->channel), ==, 500);

  fake_mastodon_set_max_characters (fixture->fake, 1000);
  sync_ok (fixture);
  g_assert_cmpuint (desk_channel_get_max_length (fixture->channel), ==, 1000);
  g_assert_cmpuint (
      desk_channel_count_length (fixture->channel,
                                 "@anna@remote.example siehe "
                                 "https://shop.example/sehr/lange/adresse/123"),
      ==, strlen ("@anna siehe ") + 23);
}

typedef struct
{
  FakeFault fault;
  int code;
} FaultCase;

static void
test_sync_faults (Fixture *fixture, gconstpointer data)
{
  static const FaultCase cases[] = {
    { FAKE_FAULT_UNAUTHORIZED, DESK_CHANNEL_ERROR_AUTH },
    { FAKE_FAULT_FORBIDDEN, DESK_CHANNEL_ERROR_AUTH },
    { FAKE_FAULT_SERVER_ERROR, DESK_CHANNEL_ERROR_NETWORK },
    { FAKE_FAULT_UNAVAILABLE, DESK_CHANNEL_ERROR_NETWORK },
    { FAKE_FAULT_TRUNCATED_JSON, DESK_CHANNEL_ERROR_INVALID },
    { FAKE_FAULT_MALFORMED_JSON, DESK_CHANNEL_ERROR_INVALID },
    { FAKE_FAULT_SHORT_BODY, DESK_CHANNEL_ERROR_NETWORK },
    { FAKE_FAULT_RATE_LIMIT, DESK_CHANNEL_ERROR_RATE_LIMIT },
  };
  guint expected = 1;

  if (skip_without_keyring (fixture))
    return;

  fake_mastodon_add_mention (fixture->fake, fixture->anna, "Vorher", NULL,
                             "public", FALSE);
  sync_ok (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DeskSyncBatch) batch = NULL;
      g_autofree char *cursor = g_strdup (fixture->cursor);
      g_autofree char *html = g_strdup_printf ("Frage %u", i);

      g_test_message ("fault %d", cases[i].fault);
      fake_mastodon_add_mention (fixture->fake,
                                 i % 2 ? fixture->anna : fixture->bob, html,
                                 NULL, "public", FALSE);
      fake_mastodon_inject (fixture->fake, "GET", "/api/v1/notifications",
                            cases[i].fault, 1);

      batch = sync_and_apply (fixture, &error);
      g_assert_null (batch);
      g_assert_error (error, DESK_CHANNEL_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpstr (fixture->cursor, ==, cursor);
      g_assert_cmpint (count_messages (fixture), ==, expected);

      if (cases[i].fault == FAKE_FAULT_RATE_LIMIT)
        {
          guint before
              = fake_mastodon_count_requests (fixture->fake, NULL, "/api/");

          /* The wait is known, and nothing is sent before it is over. */
          g_assert_cmpint (desk_mastodon_channel_get_retry_at (
                               DESK_MASTODON_CHANNEL (fixture->channel)),
                           ==, NOW + 120);
          g_clear_error (&error);
          g_assert_null (mt_sync (fixture->channel, fixture->cursor, &error));
          g_assert_error (error, DESK_CHANNEL_ERROR,
                          DESK_CHANNEL_ERROR_RATE_LIMIT);
          g_assert_cmpuint (
              fake_mastodon_count_requests (fixture->fake, NULL, "/api/"), ==,
              before);
          desk_clock_advance (fixture->clock, 121);
        }

      /* Once the server is fine again, nothing is missing. */
      sync_ok (fixture);
      expected++;
      g_assert_cmpint (count_messages (fixture), ==, expected);
    }
}

static void
test_auth_fault_rereads_keyring (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;

  if (skip_without_keyring (fixture))
    return;

  sync_ok (fixture);
  fake_mastodon_revoke_tokens (fixture->fake);
  batch = mt_sync (fixture->channel, fixture->cursor, &error);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "Sign in again"));
  g_clear_error (&error);

  /* The user signs in again: a new token in the keyring is picked up. */
  fake_mastodon_add_token (fixture->fake, "second-token-77a");
  mt_store_secret (fixture->secrets, fixture->account_id,
                   DESK_MASTODON_SECRET_ACCESS_TOKEN, "second-token-77a");
  sync_ok (fixture);
}

static void
test_no_token (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;

  if (skip_without_keyring (fixture))
    return;

  desk_secrets_clear_account_async (fixture->secrets, fixture->account_id, NULL,
                                    mt_on_result_cb, &result);
  mt_wait (&result);
  g_assert_true (
      desk_secrets_clear_account_finish (fixture->secrets, result, NULL));
  batch = mt_sync (fixture->channel, NULL, &error);
  g_assert_null (batch);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_AUTH);
  g_assert_cmpuint (fake_mastodon_count_requests (fixture->fake, NULL, "/"), ==,
                    0);
}

static void
test_authenticate (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  if (skip_without_keyring (fixture))
    return;

  desk_channel_authenticate_async (fixture->channel, NULL, mt_on_result_cb,
                                   &result);
  mt_wait (&result);
  g_assert_true (
      desk_channel_authenticate_finish (fixture->channel, result, &error));
  g_assert_no_error (error);
}

static void
test_deleted_posts (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskSyncBatch) batch = NULL;
  const char *parent;
  const char *reply;

  if (skip_without_keyring (fixture))
    return;

  /* Bob's first post is gone; his reply to it still makes a conversation
   * of its own. */
  parent = fake_mastodon_add_mention (fixture->fake, fixture->bob, "Erst", NULL,
                                      "public", FALSE);
  reply = fake_mastodon_add_mention (fixture->fake, fixture->bob, "Zweit",
                                     parent, "public", FALSE);
  fake_mastodon_delete_status (fixture->fake, parent);

  batch = sync_and_apply (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_messages (fixture), ==, 1);
  g_assert_cmpint (number (fixture,
                           "SELECT count(*) FROM conversation WHERE "
                           "thread_remote_id = '%s'",
                           reply),
                   ==, 1);

  /* A reply whose thread vanishes between listing and reading it is
   * skipped, not fatal. */
  {
    const char *root = fake_mastodon_add_mention (
        fixture->fake, fixture->anna, "Wurzel", NULL, "public", FALSE);
    const char *answer = fake_mastodon_add_mention (
        fixture->fake, fixture->anna, "Antwort", root, "public", FALSE);

    g_autofree char *path
        = g_strdup_printf ("/api/v1/statuses/%s/context", answer);

    fake_mastodon_inject (fixture->fake, "GET", path, FAKE_FAULT_NOT_FOUND, 1);
    g_clear_pointer (&batch, desk_sync_batch_unref);
    batch = sync_and_apply (fixture, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count_messages (fixture), ==, 2);
  }
}

/* Sending */

static DeskOutboxEntry *
queue_reply (Fixture *fixture,
             const char *thread,
             const char *body,
             DeskConversationKind kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due = NULL;
  gint64 conversation;
  gint64 message;

  conversation = number (fixture,
                         "SELECT id FROM conversation WHERE thread_remote_id "
                         "= '%s'",
                         thread);
  g_assert_cmpint (conversation, >, 0);
  message = desk_store_queue_reply (fixture->store, conversation, body, kind,
                                    "Agent", &error);
  g_assert_no_error (error);

  due = desk_store_list_due_outbox (fixture->store, fixture->account_id,
                                    &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      DeskOutboxEntry *entry = g_ptr_array_index (due, i);

      if (entry->message_id == message)
        return desk_outbox_entry_copy (entry);
    }
  g_assert_not_reached ();
}

static void
test_send_public (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskOutboxEntry) entry = NULL;
  g_autofree char *id = NULL;
  const char *post;

  if (skip_without_keyring (fixture))
    return;

  post = fake_mastodon_add_mention (fixture->fake, fixture->bob, "Preis?", NULL,
                                    "public", FALSE);
  sync_ok (fixture);

  entry = queue_reply (fixture, post, "12,90 € pro Packung.",
                       DESK_CONVERSATION_KIND_PUBLIC);
  g_assert_cmpstr (entry->in_reply_to, ==, post);
  id = mt_send (fixture->channel, entry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  g_assert_cmpuint (fake_mastodon_count_replies (fixture->fake, post), ==, 1);
  /* The customer is addressed, so Mastodon notifies them. */
  g_assert_cmpstr (fake_mastodon_get_status_text (fixture->fake, id), ==,
                   "@bob@remote.example 12,90 € pro Packung.");
  g_assert_cmpstr (fake_mastodon_get_status_visibility (fixture->fake, id), ==,
                   "public");
}

static void
test_send_never_more_public (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskOutboxEntry) entry = NULL;
  g_autofree char *id = NULL;
  const char *post;

  if (skip_without_keyring (fixture))
    return;

  post = fake_mastodon_add_mention (fixture->fake, fixture->anna,
                                    "Nur für Follower", NULL, "private", FALSE);
  sync_ok (fixture);
  entry = queue_reply (fixture, post, "@anna Gern!",
                       DESK_CONVERSATION_KIND_PUBLIC);
  id = mt_send (fixture->channel, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fake_mastodon_get_status_visibility (fixture->fake, id), ==,
                   "private");
  /* Already addressed: not twice. */
  g_assert_cmpstr (fake_mastodon_get_status_text (fixture->fake, id), ==,
                   "@anna Gern!");
}

static void
test_send_private (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskOutboxEntry) entry = NULL;
  g_autofree char *id = NULL;
  const char *post;

  if (skip_without_keyring (fixture))
    return;

  /* Moving a public complaint to a private reply. */
  post
      = fake_mastodon_add_mention (fixture->fake, fixture->anna,
                                   "Bestellung kaputt!", NULL, "public", FALSE);
  sync_ok (fixture);
  entry = queue_reply (fixture, post, "Schreib uns bitte deine Bestellnummer.",
                       DESK_CONVERSATION_KIND_PRIVATE);
  id = mt_send (fixture->channel, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fake_mastodon_get_status_visibility (fixture->fake, id), ==,
                   "direct");
  g_assert_cmpstr (fake_mastodon_get_status_text (fixture->fake, id), ==,
                   "@anna Schreib uns bitte deine Bestellnummer.");
}

static void
test_send_gone (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskOutboxEntry) entry = NULL;
  g_autofree char *id = NULL;
  const char *post;

  if (skip_without_keyring (fixture))
    return;

  post = fake_mastodon_add_mention (fixture->fake, fixture->anna, "Hallo", NULL,
                                    "public", FALSE);
  sync_ok (fixture);
  entry = queue_reply (fixture, post, "Hallo Anna",
                       DESK_CONVERSATION_KIND_PUBLIC);
  fake_mastodon_delete_status (fixture->fake, post);

  id = mt_send (fixture->channel, entry, &error);
  g_assert_null (id);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE);
  g_assert_cmpuint (
      fake_mastodon_count_requests (fixture->fake, "POST", "/api/v1/statuses"),
      ==, 0);
}

static void
test_send_too_long (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskOutboxEntry) entry = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = g_strnfill (495, 'x');
  const char *post;

  if (skip_without_keyring (fixture))
    return;

  post = fake_mastodon_add_mention (fixture->fake, fixture->anna, "Hallo", NULL,
                                    "public", FALSE);
  sync_ok (fixture);
  /* 495 characters fit, but not with "@anna " in front. */
  entry = queue_reply (fixture, post, body, DESK_CONVERSATION_KIND_PUBLIC);
  id = mt_send (fixture->channel, entry, &error);
  g_assert_null (id);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_TOO_LONG);
  g_assert_cmpuint (
      fake_mastodon_count_requests (fixture->fake, "POST", "/api/v1/statuses"),
      ==, 0);
}

static void
test_send_idempotent (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskOutboxEntry) entry = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *post;

  if (skip_without_keyring (fixture))
    return;

  post = fake_mastodon_add_mention (fixture->fake, fixture->anna, "Hallo", NULL,
                                    "public", FALSE);
  sync_ok (fixture);
  entry = queue_reply (fixture, post, "Hallo Anna",
                       DESK_CONVERSATION_KIND_PUBLIC);

  first = mt_send (fixture->channel, entry, &error);
  g_assert_no_error (error);
  /* The same reply once more, as if the answer had been lost. */
  second = mt_send (fixture->channel, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (fake_mastodon_count_replies (fixture->fake, post), ==, 1);
}

static void
test_send_finds_landed_reply (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskOutboxEntry) entry = NULL;
  g_autofree char *id = NULL;
  const char *post;
  const char *landed;

  if (skip_without_keyring (fixture))
    return;

  /* A server that forgets idempotency keys. */
  fake_mastodon_set_honour_idempotency (fixture->fake, FALSE);
  post = fake_mastodon_add_mention (fixture->fake, fixture->anna, "Hallo", NULL,
                                    "public", FALSE);
  sync_ok (fixture);
  entry = queue_reply (fixture, post, "Ist   unterwegs!",
                       DESK_CONVERSATION_KIND_PUBLIC);

  /* An earlier attempt landed, but its answer never arrived. */
  landed = fake_mastodon_add_status (
      fixture->fake, fake_mastodon_get_own_account_id (fixture->fake),
      "<p><span class=\"h-card\"><a href=\"x\" class=\"u-url mention\">"
      "@<span>anna</span></a></span> Ist unterwegs!</p>",
      post, "public");
  entry->attempts = 1;
  fake_mastodon_clear_requests (fixture->fake);

  id = mt_send (fixture->channel, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, landed);
  g_assert_cmpuint (
      fake_mastodon_count_requests (fixture->fake, "POST", "/api/v1/statuses"),
      ==, 0);
  g_assert_cmpuint (fake_mastodon_count_replies (fixture->fake, post), ==, 1);

  /* A different text is a different reply. */
  g_free (entry->body);
  entry->body = g_strdup ("Noch etwas");
  g_clear_pointer (&id, g_free);
  id = mt_send (fixture->channel, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, !=, landed);
  g_assert_cmpuint (fake_mastodon_count_replies (fixture->fake, post), ==, 2);
}

static void
test_send_faults (Fixture *fixture, gconstpointer data)
{
  static const FaultCase cases[] = {
    { FAKE_FAULT_UNAUTHORIZED, DESK_CHANNEL_ERROR_AUTH },
    { FAKE_FAULT_SERVER_ERROR, DESK_CHANNEL_ERROR_NETWORK },
    { FAKE_FAULT_UNAVAILABLE, DESK_CHANNEL_ERROR_NETWORK },
    /* Cut off after the server may have posted: unclear, so retried. */
    { FAKE_FAULT_TRUNCATED_JSON, DESK_CHANNEL_ERROR_NETWORK },
    { FAKE_FAULT_MALFORMED_JSON, DESK_CHANNEL_ERROR_NETWORK },
    { FAKE_FAULT_SHORT_BODY, DESK_CHANNEL_ERROR_NETWORK },
    { FAKE_FAULT_DROP_AFTER_POST, DESK_CHANNEL_ERROR_NETWORK },
    { FAKE_FAULT_RATE_LIMIT, DESK_CHANNEL_ERROR_RATE_LIMIT },
  };
  const char *post;

  if (skip_without_keyring (fixture))
    return;

  post = fake_mastodon_add_mention (fixture->fake, fixture->anna, "Hallo", NULL,
                                    "public", FALSE);
  sync_ok (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DeskOutboxEntry) entry = NULL;
      g_autofree char *body = g_strdup_printf ("Antwort %u", i);
      g_autofree char *id = NULL;
      guint before = fake_mastodon_count_replies (fixture->fake, post);

      g_test_message ("fault %d", cases[i].fault);
      entry = queue_reply (fixture, post, body, DESK_CONVERSATION_KIND_PUBLIC);
      fake_mastodon_inject (fixture->fake, "POST", "/api/v1/statuses",
                            cases[i].fault, 1);
      id = mt_send (fixture->channel, entry, &error);
      g_assert_null (id);
      g_assert_error (error, DESK_CHANNEL_ERROR, cases[i].code);
      g_clear_error (&error);

      if (cases[i].code == DESK_CHANNEL_ERROR_RATE_LIMIT)
        desk_clock_advance (fixture->clock, 3600);

      /* The retry posts it exactly once, however the first try ended. */
      entry->attempts++;
      id = mt_send (fixture->channel, entry, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (fake_mastodon_count_replies (fixture->fake, post), ==,
                        before + 1);
      {
        g_autoptr (GError) store_error = NULL;

        g_assert_true (desk_store_mark_sending (
            fixture->store, entry->message_id, &store_error));
        g_assert_true (desk_store_mark_sent (fixture->store, entry->message_id,
                                             id, &store_error));
        g_assert_no_error (store_error);
      }
    }
}

static void
test_outbox_rate_limit (Fixture *fixture, gconstpointer data)
{
  g_autoptr (DeskOutbox) outbox = NULL;
  g_autoptr (DeskOutboxEntry) entry = NULL;
  g_autofree char *delivery = NULL;
  const char *post;
  gint64 retry_at;

  if (skip_without_keyring (fixture))
    return;

  post = fake_mastodon_add_mention (fixture->fake, fixture->anna, "Hallo", NULL,
                                    "public", FALSE);
  sync_ok (fixture);
  fake_mastodon_set_retry_after (fixture->fake, 300);
  fake_mastodon_inject (fixture->fake, "GET", "/api/v1/statuses/",
                        FAKE_FAULT_RATE_LIMIT, 1);

  outbox = desk_outbox_new (fixture->store);
  desk_outbox_add_channel (outbox, fixture->channel);
  entry = queue_reply (fixture, post, "Gleich!", DESK_CONVERSATION_KIND_PUBLIC);

  /* The outbox heard "slow down" and keeps the reply queued. */
  mt_run_loop_for (200);
  g_assert_cmpint (
      number (fixture,
              "SELECT delivery FROM message WHERE id = %" G_GINT64_FORMAT,
              entry->message_id),
      ==, DESK_DELIVERY_QUEUED);
  retry_at = desk_mastodon_channel_get_retry_at (
      DESK_MASTODON_CHANNEL (fixture->channel));
  g_assert_cmpint (retry_at, ==, NOW + 300);
  g_assert_cmpuint (fake_mastodon_count_replies (fixture->fake, post), ==, 0);

  /* The outbox's own backoff comes round before the server's wait is
   * over: the channel refuses without asking the server. */
  desk_clock_advance (fixture->clock, 60);
  fake_mastodon_clear_requests (fixture->fake);
  desk_outbox_flush (outbox);
  mt_run_loop_for (100);
  g_assert_cmpuint (fake_mastodon_count_requests (fixture->fake, NULL, "/api/"),
                    ==, 0);

  /* After the wait, it goes out once. */
  desk_clock_advance (fixture->clock, 3600);
  desk_outbox_flush (outbox);
  for (guint i = 0; i < 200 && desk_outbox_get_n_sent (outbox) == 0; i++)
    mt_run_loop_for (10);
  g_assert_cmpuint (desk_outbox_get_n_sent (outbox), ==, 1);
  g_assert_cmpuint (fake_mastodon_count_replies (fixture->fake, post), ==, 1);
  delivery = text (fixture,
                   "SELECT delivery || '|' || (remote_id IS NOT NULL) FROM "
                   "message WHERE id = %" G_GINT64_FORMAT,
                   entry->message_id);
  g_assert_cmpstr (delivery, ==, "3|1");
}

/* Live updates */

static void
test_stream_triggers_sync (Fixture *fixture, gconstpointer data)
{
  DeskMastodonChannel *channel;

  if (skip_without_keyring (fixture))
    return;

  channel = DESK_MASTODON_CHANNEL (fixture->channel);
  desk_mastodon_channel_set_live (channel, TRUE);
  sync_ok (fixture);

  /* Connecting asks for a catch-up sync. */
  g_assert_true (mt_wait_uint (&fixture->sync_needed, 1, 5000));
  g_assert_true (desk_mastodon_channel_get_streaming (channel));
  g_assert_cmpuint (fake_mastodon_get_n_stream_clients (fixture->fake), ==, 1);
  g_assert_false (fake_mastodon_saw_token_in_url (fixture->fake));

  /* A mention asks for a sync; a favourite does not. */
  fake_mastodon_push_notification (fixture->fake, "mention");
  g_assert_true (mt_wait_uint (&fixture->sync_needed, 2, 5000));
  fake_mastodon_push_notification (fixture->fake, "favourite");
  mt_run_loop_for (100);
  g_assert_cmpuint (fixture->sync_needed, ==, 2);

  /* The server drops the stream: it reconnects (after 1–2 s of backoff)
   * and asks for a catch-up again. */
  fake_mastodon_close_streams (fixture->fake);
  g_assert_true (mt_wait_uint (&fixture->sync_needed, 3, 8000));
  g_assert_cmpuint (fake_mastodon_get_n_stream_clients (fixture->fake), ==, 1);

  /* Off means off. */
  desk_mastodon_channel_set_live (channel, FALSE);
  mt_run_loop_for (100);
  g_assert_false (desk_mastodon_channel_get_streaming (channel));
  g_assert_cmpuint (fake_mastodon_get_n_stream_clients (fixture->fake), ==, 0);
}

static void
test_stream_refused (Fixture *fixture, gconstpointer data)
{
  DeskMastodonChannel *channel;

  if (skip_without_keyring (fixture))
    return;

  channel = DESK_MASTODON_CHANNEL (fixture->channel);
  fake_mastodon_inject (fixture->fake, "GET", "/api/v1/streaming",
                        FAKE_FAULT_UNAUTHORIZED, 1);
  desk_mastodon_channel_set_live (channel, TRUE);
  sync_ok (fixture);
  mt_run_loop_for (300);

  /* No stream, no retry storm; polling still works. */
  g_assert_false (desk_mastodon_channel_get_streaming (channel));
  g_assert_cmpuint (
      fake_mastodon_count_requests (fixture->fake, "GET", "/api/v1/streaming"),
      ==, 1);
  g_assert_cmpuint (fixture->sync_needed, ==, 0);
  fake_mastodon_add_mention (fixture->fake, fixture->anna, "Trotzdem", NULL,
                             "public", FALSE);
  sync_ok (fixture);
  g_assert_cmpint (count_messages (fixture), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/mastodon/sync/builds-conversations", test_sync_builds_conversations);
  ADD ("/mastodon/sync/resync-no-duplicates", test_resync_no_duplicates);
  ADD ("/mastodon/sync/paging-with-link", test_paging_with_link);
  ADD ("/mastodon/sync/paging-without-link", test_paging_without_link);
  ADD ("/mastodon/sync/foreign-link-not-followed",
       test_foreign_link_not_followed);
  ADD ("/mastodon/sync/html-converted", test_html_converted);
  ADD ("/mastodon/sync/direct-messages-private", test_direct_messages_private);
  ADD ("/mastodon/sync/notification-requests", test_notification_requests);
  ADD ("/mastodon/sync/types-are-hints", test_types_are_hints);
  ADD ("/mastodon/sync/malformed-items", test_malformed_items);
  ADD ("/mastodon/sync/gotosocial-like", test_gotosocial_like);
  ADD ("/mastodon/sync/limits", test_limits);
  ADD ("/mastodon/sync/faults", test_sync_faults);
  ADD ("/mastodon/sync/auth-fault-rereads-keyring",
       test_auth_fault_rereads_keyring);
  ADD ("/mastodon/sync/no-token", test_no_token);
  ADD ("/mastodon/sync/deleted-posts", test_deleted_posts);
  ADD ("/mastodon/authenticate", test_authenticate);
  ADD ("/mastodon/send/public", test_send_public);
  ADD ("/mastodon/send/never-more-public", test_send_never_more_public);
  ADD ("/mastodon/send/private", test_send_private);
  ADD ("/mastodon/send/gone", test_send_gone);
  ADD ("/mastodon/send/too-long", test_send_too_long);
  ADD ("/mastodon/send/idempotent", test_send_idempotent);
  ADD ("/mastodon/send/finds-landed-reply", test_send_finds_landed_reply);
  ADD ("/mastodon/send/faults", test_send_faults);
  ADD ("/mastodon/send/outbox-rate-limit", test_outbox_rate_limit);
  ADD ("/mastodon/stream/triggers-sync", test_stream_triggers_sync);
  ADD ("/mastodon/stream/refused", test_stream_refused);
#undef ADD

  return g_test_run ();
}
