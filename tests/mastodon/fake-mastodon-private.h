/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "fake-mastodon.h"

G_BEGIN_DECLS

/* Shared by the files of the fake server: fake-mastodon.c (content,
 * routing, streaming) and fake-mastodon-oauth.c (apps, OAuth, tokens). */

typedef struct
{
  char *id;
  char *username;
  char *acct;
  char *display_name;
  gint64 followers;
} FakeAccount;

typedef struct
{
  char *id;
  char *account_id;
  char *content;
  char *text; /* what was posted, for tests */
  char *in_reply_to_id;
  char *visibility;
  gint64 created_at;
  gboolean deleted;
  GPtrArray *mentions; /* account ids */
} FakeStatus;

typedef struct
{
  char *id;
  char *type;
  char *account_id;
  char *status_id;
  gint64 created_at;
  gboolean filtered;
  char *raw; /* raw JSON instead of an entity */
} FakeNotification;

typedef struct
{
  char *client_id;
  char *client_secret;
  GStrv redirect_uris;
  char *scopes;
} FakeApp;

typedef struct
{
  char *client_id;
  char *redirect_uri;
  char *challenge;
  char *scope;
  gboolean used;
} FakeCode;

typedef struct
{
  char *method;
  char *path_prefix;
  FakeFault fault;
  guint times;
} FakeInjection;

struct _FakeMastodon
{
  SoupServer *server;
  char *url;
  char *host;
  char *own_id;

  gboolean gotosocial;
  gboolean links;
  char *link_base; /* where Link headers point; NULL: the server */
  gboolean ignore_types;
  gboolean idempotency;
  guint max_characters;
  guint retry_after;

  GHashTable *accounts;         /* id → FakeAccount */
  GPtrArray *statuses;          /* FakeStatus */
  GPtrArray *notifications;     /* FakeNotification */
  GHashTable *idempotency_keys; /* key → status id */
  GPtrArray *apps;              /* FakeApp */
  GHashTable *codes;            /* code → FakeCode */
  GHashTable *tokens;           /* token set */
  char *last_token;
  gboolean last_pkce;
  GPtrArray *injections; /* FakeInjection */
  GPtrArray *log;        /* "METHOD /path?query" */
  GPtrArray *streams;    /* SoupWebsocketConnection */
  gboolean token_in_url;

  guint64 next_id;
  gint64 clock;
};

#define FAKE_BASE_TIME                                                         \
  G_GINT64_CONSTANT (1718013600) /* 2024-06-10 10:00 UTC                       \
                                  */

void _fake_respond_json (SoupServerMessage *msg, guint status, JsonNode *node);
void
_fake_respond_error (SoupServerMessage *msg, guint status, const char *text);
/* The request body (JSON or form data) as an object; NULL when broken. */
JsonObject *_fake_request_object (SoupServerMessage *msg);

char *_fake_iso_time (gint64 unix_time);
gboolean _fake_authorized (FakeMastodon *self, SoupServerMessage *msg);
/* The next fault injected for this request, if any. */
FakeInjection *
_fake_take_injection (FakeMastodon *self, const char *method, const char *path);
/* Answers with @fault when it is one that replaces the whole answer. */
gboolean _fake_apply_early_fault (FakeMastodon *self,
                                  SoupServerMessage *msg,
                                  FakeFault fault);

void _fake_on_streaming_request (SoupServer *server,
                                 SoupServerMessage *msg,
                                 const char *path,
                                 GHashTable *query,
                                 gpointer user_data);
void _fake_on_websocket (SoupServer *server,
                         SoupServerMessage *msg,
                         const char *path,
                         SoupWebsocketConnection *connection,
                         gpointer user_data);

void _fake_app_free (gpointer data);
void _fake_code_free (gpointer data);
void _fake_handle_metadata (FakeMastodon *self, SoupServerMessage *msg);
void _fake_handle_apps (FakeMastodon *self, SoupServerMessage *msg);
void _fake_handle_token (FakeMastodon *self, SoupServerMessage *msg);

G_END_DECLS
