/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bluesky-parse"

#include "config.h"

#include "channels/bluesky/desk-bluesky-parse.h"
#include "channels/desk-channel.h"

/* Bluesky's JSON (shapes of the app.bsky and chat.bsky lexicons) into
 * plain structs, including what servers should not but may send. */

#define CUSTOMER "did:plc:kunde"
#define SHOP "did:plc:shop"
#define POST_URI "at://" CUSTOMER "/app.bsky.feed.post/3kaaaaaaaaaa2"
#define ROOT_URI "at://" SHOP "/app.bsky.feed.post/3kbbbbbbbbbb2"

static JsonNode *
parse (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static const char reply_notification[]
    = "{\"uri\": \"" POST_URI "\", \"cid\": \"bafyreply\","
      " \"author\": {\"did\": \"" CUSTOMER "\", \"handle\": \"kunde.test\","
      "  \"displayName\": \"Jürgen Kunde 🚲\", \"avatar\": "
      "\"https://cdn.example/a.jpg\"},"
      " \"reason\": \"reply\", \"reasonSubject\": \"" ROOT_URI "\","
      " \"record\": {\"$type\": \"app.bsky.feed.post\","
      "  \"text\": \"Mein Rad quietscht 🚲 https://example.com\","
      "  \"createdAt\": \"2024-05-01T12:00:00.000Z\","
      "  \"facets\": [{\"index\": {\"byteStart\": 25, \"byteEnd\": 44},"
      "   \"features\": [{\"$type\": \"app.bsky.richtext.facet#link\","
      "    \"uri\": \"https://example.com\"}]}],"
      "  \"reply\": {\"root\": {\"uri\": \"" ROOT_URI
      "\", \"cid\": \"bafyroot\"},"
      "   \"parent\": {\"uri\": \"" ROOT_URI "\", \"cid\": \"bafyroot\"}}},"
      " \"isRead\": false, \"indexedAt\": \"2024-05-01T12:00:01.500Z\","
      " \"labels\": []}";

static void
test_notification_reply (void)
{
  g_autoptr (JsonNode) node = parse (reply_notification);
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskBlueskyNotification) n = NULL;

  n = desk_bluesky_notification_parse (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (n);
  g_assert_cmpstr (n->reason, ==, "reply");
  g_assert_cmpint (n->indexed_at_usec, ==,
                   G_GINT64_CONSTANT (1714564801500000));
  g_assert_cmpstr (n->author->did, ==, CUSTOMER);
  g_assert_cmpstr (n->author->handle, ==, "kunde.test");
  g_assert_cmpstr (n->author->display_name, ==, "Jürgen Kunde 🚲");
  g_assert_cmpint (n->author->followers, ==, -1);

  g_assert_nonnull (n->post);
  g_assert_cmpstr (n->post->uri, ==, POST_URI);
  g_assert_cmpstr (n->post->author_did, ==, CUSTOMER);
  /* The text is kept as it is: facets do not change it. */
  g_assert_cmpstr (n->post->text, ==,
                   "Mein Rad quietscht 🚲 https://example.com");
  g_assert_cmpint (n->post->created_at, ==, 1714564800);
  g_assert_cmpstr (n->post->root_uri, ==, ROOT_URI);
  g_assert_cmpstr (n->post->root_cid, ==, "bafyroot");
  g_assert_cmpstr (n->post->parent_uri, ==, ROOT_URI);
}

static void
test_notification_like (void)
{
  g_autoptr (JsonNode) node = parse (
      "{\"uri\": \"at://" CUSTOMER "/app.bsky.feed.like/3k\", \"cid\": \"x\","
      " \"author\": {\"did\": \"" CUSTOMER "\", \"handle\": \"kunde.test\"},"
      " \"reason\": \"like\", \"record\": {\"$type\": \"app.bsky.feed.like\"},"
      " \"isRead\": true, \"indexedAt\": \"2024-05-01T12:00:00Z\"}");
  g_autoptr (GError) error = NULL;
  g_autoptr (DeskBlueskyNotification) n = NULL;

  n = desk_bluesky_notification_parse (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (n->reason, ==, "like");
  g_assert_null (n->post);
}

static void
test_notification_malformed (void)
{
  const char *bad[] = {
    "[]",
    "{}",
    "{\"reason\": 5}",
    /* no author */
    "{\"reason\": \"mention\", \"indexedAt\": \"2024-05-01T12:00:00Z\"}",
    /* author without DID */
    "{\"reason\": \"mention\", \"indexedAt\": \"2024-05-01T12:00:00Z\","
    " \"author\": {\"handle\": \"kunde.test\"}}",
    /* handle of the wrong type */
    "{\"reason\": \"mention\", \"indexedAt\": \"2024-05-01T12:00:00Z\","
    " \"author\": {\"did\": \"" CUSTOMER "\", \"handle\": 7}}",
    /* no time */
    "{\"reason\": \"mention\", \"author\": {\"did\": \"" CUSTOMER "\","
    " \"handle\": \"kunde.test\"}}",
    /* post without text */
    "{\"uri\": \"" POST_URI "\", \"cid\": \"c\", \"reason\": \"mention\","
    " \"indexedAt\": \"2024-05-01T12:00:00Z\", \"author\": {\"did\": "
    "\"" CUSTOMER "\", \"handle\": \"kunde.test\"}, \"record\": {\"$type\":"
    " \"app.bsky.feed.post\", \"text\": null}}",
    /* post by someone else than the author */
    "{\"uri\": \"at://did:plc:other/app.bsky.feed.post/3k\", \"cid\": \"c\","
    " \"reason\": \"mention\", \"indexedAt\": \"2024-05-01T12:00:00Z\","
    " \"author\": {\"did\": \"" CUSTOMER "\", \"handle\": \"kunde.test\"},"
    " \"record\": {\"$type\": \"app.bsky.feed.post\", \"text\": \"x\"}}",
    /* a reply reference without a content id */
    "{\"uri\": \"" POST_URI "\", \"cid\": \"c\", \"reason\": \"reply\","
    " \"indexedAt\": \"2024-05-01T12:00:00Z\", \"author\": {\"did\": "
    "\"" CUSTOMER "\", \"handle\": \"kunde.test\"}, \"record\": {\"$type\":"
    " \"app.bsky.feed.post\", \"text\": \"x\", \"reply\": {\"root\": {\"uri\":"
    " \"" ROOT_URI "\"}, \"parent\": {\"uri\": \"" ROOT_URI "\","
    " \"cid\": \"p\"}}}}",
    /* an address that is no AT URI */
    "{\"uri\": \"https://bsky.app/x\", \"cid\": \"c\", \"reason\": \"mention\","
    " \"indexedAt\": \"2024-05-01T12:00:00Z\", \"author\": {\"did\": "
    "\"" CUSTOMER "\", \"handle\": \"kunde.test\"}, \"record\": {\"$type\":"
    " \"app.bsky.feed.post\", \"text\": \"x\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (JsonNode) node = parse (bad[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (DeskBlueskyNotification) n = NULL;

      n = desk_bluesky_notification_parse (node, &error);
      g_assert_null (n);
      g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID);
    }
}

static const char thread_json[]
    = "{\"$type\": \"app.bsky.feed.defs#threadViewPost\","
      " \"post\": {\"uri\": \"" POST_URI "\", \"cid\": \"bafyreply2\","
      "  \"author\": {\"did\": \"" CUSTOMER "\", \"handle\": \"kunde.test\"},"
      "  \"record\": {\"$type\": \"app.bsky.feed.post\", \"text\": \"Danke!\","
      "   \"createdAt\": \"2024-05-01T12:10:00Z\", \"reply\": {"
      "    \"root\": {\"uri\": \"" ROOT_URI "\", \"cid\": \"bafyroot\"},"
      "    \"parent\": {\"uri\": \"at://" SHOP "/app.bsky.feed.post/3kc\","
      "     \"cid\": \"bafyanswer\"}}},"
      "  \"indexedAt\": \"2024-05-01T12:10:01Z\"},"
      " \"parent\": {\"$type\": \"app.bsky.feed.defs#threadViewPost\","
      "  \"post\": {\"uri\": \"at://" SHOP "/app.bsky.feed.post/3kc\","
      "   \"cid\": \"bafyanswer\", \"author\": {\"did\": \"" SHOP "\","
      "   \"handle\": \"radladen.test\"}, \"record\": {\"$type\":"
      "   \"app.bsky.feed.post\", \"text\": \"Wir helfen gern.\","
      "   \"createdAt\": \"2024-05-01T12:05:00Z\", \"reply\": {"
      "    \"root\": {\"uri\": \"" ROOT_URI "\", \"cid\": \"bafyroot\"},"
      "    \"parent\": {\"uri\": \"" ROOT_URI "\", \"cid\": \"bafyroot\"}}},"
      "   \"indexedAt\": \"2024-05-01T12:05:01Z\"},"
      "  \"parent\": %s}}";

static void
test_thread_chain (void)
{
  g_autofree char *json = g_strdup_printf (
      thread_json,
      "{\"$type\": \"app.bsky.feed.defs#threadViewPost\", \"post\": {"
      " \"uri\": \"" ROOT_URI "\", \"cid\": \"bafyroot\", \"author\": {"
      " \"did\": \"" SHOP "\", \"handle\": \"radladen.test\"}, \"record\": {"
      " \"$type\": \"app.bsky.feed.post\", \"text\": \"Neue Räder!\","
      " \"createdAt\": \"2024-05-01T11:00:00Z\"},"
      " \"indexedAt\": \"2024-05-01T11:00:01Z\"}}");
  g_autoptr (JsonNode) node = parse (json);
  g_autoptr (GPtrArray) authors = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_bluesky_profile_free);
  g_autoptr (GPtrArray) chain = NULL;
  g_autoptr (GError) error = NULL;
  gboolean complete = FALSE;
  DeskBlueskyPost *root;

  chain = desk_bluesky_thread_parse_chain (node, authors, &complete, &error);
  g_assert_no_error (error);
  g_assert_true (complete);
  g_assert_cmpuint (chain->len, ==, 3);
  g_assert_cmpuint (authors->len, ==, 3);
  root = g_ptr_array_index (chain, 0);
  g_assert_cmpstr (root->uri, ==, ROOT_URI);
  g_assert_null (root->root_uri);
  g_assert_cmpstr (((DeskBlueskyPost *) g_ptr_array_index (chain, 2))->text, ==,
                   "Danke!");
}

static void
test_thread_deleted_parent (void)
{
  g_autofree char *json = g_strdup_printf (
      thread_json, "{\"$type\": \"app.bsky.feed.defs#notFoundPost\","
                   " \"uri\": \"" ROOT_URI "\", \"notFound\": true}");
  g_autoptr (JsonNode) node = parse (json);
  g_autoptr (JsonNode) gone = parse (
      "{\"$type\": \"app.bsky.feed.defs#notFoundPost\", \"uri\": \"" POST_URI
      "\", \"notFound\": true}");
  g_autoptr (GPtrArray) authors = g_ptr_array_new_with_free_func (
      (GDestroyNotify) desk_bluesky_profile_free);
  g_autoptr (GPtrArray) chain = NULL;
  g_autoptr (GPtrArray) nothing = NULL;
  g_autoptr (GError) error = NULL;
  gboolean complete = TRUE;

  /* The root was deleted: the chain stops below it. */
  chain = desk_bluesky_thread_parse_chain (node, authors, &complete, &error);
  g_assert_no_error (error);
  g_assert_false (complete);
  g_assert_cmpuint (chain->len, ==, 2);
  g_assert_cmpstr (((DeskBlueskyPost *) g_ptr_array_index (chain, 1))->root_uri,
                   ==, ROOT_URI);

  /* The post itself was deleted. */
  nothing = desk_bluesky_thread_parse_chain (gone, authors, &complete, &error);
  g_assert_null (nothing);
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE);
}

static void
test_profile (void)
{
  g_autoptr (JsonNode) node = parse (
      "{\"did\": \"" CUSTOMER "\", \"handle\": \"kunde.test\","
      " \"displayName\": \"\", \"description\": \"Ich fahre gern Rad.\","
      " \"followersCount\": 12000, \"avatar\": 3}");
  g_autoptr (DeskBlueskyProfile) profile = NULL;
  g_autoptr (GError) error = NULL;

  profile = desk_bluesky_profile_parse (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (profile->followers, ==, 12000);
  g_assert_null (profile->display_name);
  g_assert_null (profile->avatar); /* of the wrong type: ignored */
  g_assert_cmpstr (profile->description, ==, "Ich fahre gern Rad.");
}

static void
test_chat_message (void)
{
  g_autoptr (JsonNode) ok = parse (
      "{\"$type\": \"chat.bsky.convo.defs#messageView\", \"id\": \"m1\","
      " \"rev\": \"r1\", \"text\": \"Meine Bestellung?\","
      " \"sender\": {\"did\": \"" CUSTOMER "\"},"
      " \"sentAt\": \"2024-05-01T12:00:00Z\"}");
  g_autoptr (JsonNode) deleted = parse (
      "{\"$type\": \"chat.bsky.convo.defs#deletedMessageView\", \"id\": \"m2\","
      " \"rev\": \"r2\", \"sender\": {\"did\": \"" CUSTOMER "\"},"
      " \"sentAt\": \"2024-05-01T12:00:00Z\"}");
  g_autoptr (JsonNode) broken = parse (
      "{\"id\": \"m3\", \"rev\": \"r3\", \"text\": \"x\", \"sender\": {},"
      " \"sentAt\": \"2024-05-01T12:00:00Z\"}");
  g_autoptr (DeskBlueskyChatMessage) message = NULL;
  g_autoptr (GError) error = NULL;

  message = desk_bluesky_chat_message_parse ("c1", ok, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (message->convo_id, ==, "c1");
  g_assert_cmpstr (message->sender_did, ==, CUSTOMER);
  g_assert_cmpint (message->sent_at, ==, 1714564800);

  g_assert_null (desk_bluesky_chat_message_parse ("c1", deleted, &error));
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_GONE);
  g_clear_error (&error);
  g_assert_null (desk_bluesky_chat_message_parse ("c1", broken, &error));
  g_assert_error (error, DESK_CHANNEL_ERROR, DESK_CHANNEL_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bluesky/parse/notification/reply",
                   test_notification_reply);
  g_test_add_func ("/bluesky/parse/notification/like", test_notification_like);
  g_test_add_func ("/bluesky/parse/notification/malformed",
                   test_notification_malformed);
  g_test_add_func ("/bluesky/parse/thread/chain", test_thread_chain);
  g_test_add_func ("/bluesky/parse/thread/deleted-parent",
                   test_thread_deleted_parent);
  g_test_add_func ("/bluesky/parse/profile", test_profile);
  g_test_add_func ("/bluesky/parse/chat-message", test_chat_message);

  return g_test_run ();
}
