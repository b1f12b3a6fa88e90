/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bluesky-chat"

#include "config.h"

#include <string.h>

#include "channels/bluesky/desk-bluesky-channel.h"

#include "fake-chat.h"

/* Bluesky direct messages against a local fake of the chat lexicons
 * (chat.bsky.convo.*): there is no public chat server to run. */

#define SHOP "did:plc:radladen"
#define CUSTOMER "did:plc:chatkundin"

typedef struct
{
  FakeChat *fake;
  DeskHttp *http;
  DeskClock *clock;
  DeskBlueskyChannel *channel;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->fake = fake_chat_new (SHOP);
  f->http = desk_http_new ();
  f->clock = desk_clock_new_fake (1714564800);
  /* No keyring here: the session is handed over as after a sign-in. */
  f->channel = desk_bluesky_channel_new (1, fake_chat_get_url (f->fake), SHOP,
                                         f->http, NULL, f->clock);
  desk_bluesky_channel_set_session (f->channel,
                                    fake_chat_get_access_token (f->fake),
                                    fake_chat_get_refresh_token (f->fake));
  fake_chat_add_convo (f->fake, "c1", CUSTOMER, "chatkundin.test");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->channel);
  g_clear_object (&f->http);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->fake, fake_chat_free);
}

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static DeskSyncBatch *
run_sync (Fixture *f, const char *cursor, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_sync_async (DESK_CHANNEL (f->channel), cursor, NULL, on_done_cb,
                           &result);
  return desk_channel_sync_finish (DESK_CHANNEL (f->channel),
                                   wait_for (&result), error);
}

static char *
send_entry (Fixture *f, const DeskOutboxEntry *entry, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  desk_channel_send_async (DESK_CHANNEL (f->channel), entry, NULL, on_done_cb,
                           &result);
  return desk_channel_send_finish (DESK_CHANNEL (f->channel),
                                   wait_for (&result), error);
}

static DeskSyncMessage *
find_message (DeskSyncBatch *batch, const char *body)
{
  for (guint i = 0; i < batch->messages->len; i++)
    {
      DeskSyncMessage *message = g_ptr_array_index (batch->messages, i);

      if (g_strcmp0 (message->body, body) == 0)
        return message;
    }
  g_error ("no message \"%s\" in the batch", body);
}

static void
test_sync_messages (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) first = NULL;
  g_autoptr (DeskSyncBatch) second = NULL;
  g_autoptr (GError) error = NULL;
  DeskSyncMessage *message;
  DeskSyncIdentity *identity;

  fake_chat_add_message (f->fake, "c1", CUSTOMER, "Wo bleibt mein Rad?");
  fake_chat_add_message (f->fake, "c1", SHOP, "Wir schauen nach.");

  /* First sync: the history from listConvos + getMessages. */
  first = run_sync (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->messages->len, ==, 2);
  message = find_message (first, "Wo bleibt mein Rad?");
  g_assert_cmpint (message->kind, ==, DESK_CONVERSATION_KIND_PRIVATE);
  g_assert_cmpint (message->direction, ==, DESK_DIRECTION_INCOMING);
  g_assert_cmpstr (message->thread_remote_id, ==, "chat:c1");
  g_assert_true (g_str_has_prefix (message->remote_id, "chat:c1/"));
  g_assert_cmpstr (message->author_remote_id, ==, CUSTOMER);
  g_assert_cmpint (find_message (first, "Wir schauen nach.")->direction, ==,
                   DESK_DIRECTION_OUTGOING);
  /* The malformed convo in the list was skipped with a warning. */
  g_assert_cmpuint (first->warnings->len, ==, 1);

  g_assert_cmpuint (first->identities->len, ==, 1);
  identity = g_ptr_array_index (first->identities, 0);
  g_assert_cmpstr (identity->remote_id, ==, CUSTOMER);
  g_assert_cmpstr (identity->handle, ==, "chatkundin.test");
  g_assert_cmpint (identity->followers, ==, 42);
  g_assert_cmpstr (identity->profile_url, ==,
                   "https://bsky.app/profile/chatkundin.test");
  g_assert_nonnull (first->cursor);
  g_assert_nonnull (strstr (first->cursor, "\"chat\""));
  g_assert_true (desk_channel_get_capabilities (DESK_CHANNEL (f->channel))
                 & DESK_CHANNEL_CAP_PRIVATE);

  /* Then only what is new, from the log. */
  fake_chat_add_message (f->fake, "c1", CUSTOMER, "Hallo?");
  second = run_sync (f, first->cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->messages->len, ==, 1);
  g_assert_cmpstr (
      ((DeskSyncMessage *) g_ptr_array_index (second->messages, 0))->body, ==,
      "Hallo?");
  g_assert_cmpuint (
      fake_chat_count_requests (f->fake, "chat.bsky.convo.listConvos"), ==, 1);
}

static void
test_send_private (Fixture *f, gconstpointer data)
{
  DeskOutboxEntry entry = {
    .message_id = 7,
    .kind = DESK_CONVERSATION_KIND_PRIVATE,
    .thread_remote_id = (char *) "chat:c1",
    .recipient_remote_id = (char *) CUSTOMER,
    .body = (char *) "Ihr Rad ist fertig 🚲",
    .idempotency_key = (char *) "k-private-1",
    .attempts = 0,
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_id = NULL;

  remote_id = send_entry (f, &entry, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (remote_id, "chat:c1/"));
  g_assert_cmpuint (
      fake_chat_count_messages (f->fake, "c1", SHOP, "Ihr Rad ist fertig 🚲"),
      ==, 1);
}

static void
test_send_private_lost_answer (Fixture *f, gconstpointer data)
{
  DeskOutboxEntry entry = {
    .message_id = 8,
    .kind = DESK_CONVERSATION_KIND_PRIVATE,
    .thread_remote_id = (char *) "chat:c1",
    .recipient_remote_id = (char *) CUSTOMER,
    .body = (char *) "Abholung ab 14 Uhr.",
    .idempotency_key = (char *) "k-private-2",
    .attempts = 0,
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  /* The message lands but the answer is lost: unclear to the outbox. */
  fake_chat_lose_next_answer (f->fake);
  first = send_entry (f, &entry, &error);
  g_assert_null (first);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NETWORK);
  g_clear_error (&error);

  /* The retry finds it in the conversation instead of sending again. */
  entry.attempts = 1;
  second = send_entry (f, &entry, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (second, "chat:c1/"));
  third = send_entry (f, &entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, third);
  g_assert_cmpuint (
      fake_chat_count_messages (f->fake, "c1", SHOP, "Abholung ab 14 Uhr."), ==,
      1);
}

static void
test_send_private_new_convo (Fixture *f, gconstpointer data)
{
  /* Moving a public case to a private chat. */
  DeskOutboxEntry entry = {
    .message_id = 9,
    .kind = DESK_CONVERSATION_KIND_PRIVATE,
    .thread_remote_id = (char *) "at://did:plc:x/app.bsky.feed.post/3k",
    .recipient_remote_id = (char *) "did:plc:neukunde",
    .body = (char *) "Schreiben Sie uns hier Ihre Bestellnummer.",
    .idempotency_key = (char *) "k-private-3",
  };
  DeskOutboxEntry unknown = {
    .message_id = 10,
    .kind = DESK_CONVERSATION_KIND_PRIVATE,
    .thread_remote_id = (char *) "chat:nope",
    .body = (char *) "Hallo",
    .idempotency_key = (char *) "k-private-4",
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *nothing = NULL;

  remote_id = send_entry (f, &entry, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (remote_id, "chat:convo-2/"));

  nothing = send_entry (f, &unknown, &error);
  g_assert_null (nothing);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_FAILED);
}

static void
test_expired_token (Fixture *f, gconstpointer data)
{
  g_autoptr (DeskSyncBatch) batch = NULL;
  g_autoptr (GError) error = NULL;

  /* The server says the access token expired: renew once, go on. */
  desk_bluesky_channel_set_session (f->channel, "not-the-current-token",
                                    fake_chat_get_refresh_token (f->fake));
  batch = run_sync (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (
      fake_chat_count_requests (f->fake, "com.atproto.server.refreshSession"),
      ==, 1);
}

static void
test_no_chat_service (Fixture *f, gconstpointer data)
{
  FakeChatMode mode = GPOINTER_TO_INT (data);
  g_autoptr (DeskSyncBatch) first = NULL;
  g_autoptr (DeskSyncBatch) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *remote_id = NULL;
  DeskOutboxEntry entry = {
    .kind = DESK_CONVERSATION_KIND_PRIVATE,
    .thread_remote_id = (char *) "chat:c1",
    .body = (char *) "Hallo",
    .idempotency_key = (char *) "k-private-5",
  };

  fake_chat_set_mode (f->fake, mode);

  /* Public posts go on; one warning explains why DMs are missing. */
  first = run_sync (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->warnings->len, ==, 1);
  g_assert_nonnull (
      strstr (g_ptr_array_index (first->warnings, 0), "direct messages"));
  g_assert_false (desk_bluesky_channel_get_chat_available (f->channel));
  g_assert_false (desk_channel_get_capabilities (DESK_CHANNEL (f->channel))
                  & DESK_CHANNEL_CAP_PRIVATE);

  /* Not again on the next sync, and the chat is not asked again soon. */
  second = run_sync (f, first->cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->warnings->len, ==, 0);
  g_assert_cmpuint (
      fake_chat_count_requests (f->fake, "chat.bsky.convo.listConvos"), ==, 1);

  remote_id = send_entry (f, &entry, &error);
  g_assert_null (remote_id);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_NOT_SUPPORTED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bluesky/chat/sync", Fixture, NULL, fixture_set_up,
              test_sync_messages, fixture_tear_down);
  g_test_add ("/bluesky/chat/send", Fixture, NULL, fixture_set_up,
              test_send_private, fixture_tear_down);
  g_test_add ("/bluesky/chat/send-lost-answer", Fixture, NULL, fixture_set_up,
              test_send_private_lost_answer, fixture_tear_down);
  g_test_add ("/bluesky/chat/send-new-convo", Fixture, NULL, fixture_set_up,
              test_send_private_new_convo, fixture_tear_down);
  g_test_add ("/bluesky/chat/expired-token", Fixture, NULL, fixture_set_up,
              test_expired_token, fixture_tear_down);
  g_test_add ("/bluesky/chat/no-service", Fixture,
              GINT_TO_POINTER (FAKE_CHAT_NO_SERVICE), fixture_set_up,
              test_no_chat_service, fixture_tear_down);
  g_test_add ("/bluesky/chat/not-implemented", Fixture,
              GINT_TO_POINTER (FAKE_CHAT_NOT_IMPLEMENTED), fixture_set_up,
              test_no_chat_service, fixture_tear_down);

  return g_test_run ();
}
