/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A Mastodon server on 127.0.0.1 for tests. It answers with the entity
 * shapes of the API documentation (Account, Status, Notification,
 * NotificationRequest, Conversation, Instance, Token, Application), pages
 * with Link headers, keeps Idempotency-Keys as Mastodon does, runs the
 * OAuth flow with PKCE, streams notifications over a WebSocket, and
 * injects faults on request. It runs on the thread-default main context
 * of whoever creates it. */
typedef struct _FakeMastodon FakeMastodon;

typedef enum
{
  FAKE_FAULT_NONE,
  FAKE_FAULT_UNAUTHORIZED,    /* 401 {"error": …} */
  FAKE_FAULT_FORBIDDEN,       /* 403 */
  FAKE_FAULT_NOT_FOUND,       /* 404 */
  FAKE_FAULT_GONE,            /* 410 */
  FAKE_FAULT_RATE_LIMIT,      /* 429 with Retry-After and X-RateLimit-* */
  FAKE_FAULT_SERVER_ERROR,    /* 500 */
  FAKE_FAULT_UNAVAILABLE,     /* 503 */
  FAKE_FAULT_TRUNCATED_JSON,  /* 200, the JSON cut in half */
  FAKE_FAULT_SHORT_BODY,      /* the connection closes before Content-Length */
  FAKE_FAULT_MALFORMED_JSON,  /* 200 with a body that is not JSON */
  FAKE_FAULT_DROP_AFTER_POST, /* the request is carried out, then the
                                 connection closes without an answer */
} FakeFault;

FakeMastodon *fake_mastodon_new (void);
void fake_mastodon_free (FakeMastodon *self);

/* "http://127.0.0.1:<port>" */
const char *fake_mastodon_get_url (FakeMastodon *self);
const char *fake_mastodon_get_own_account_id (FakeMastodon *self);
const char *fake_mastodon_get_host (FakeMastodon *self);

/* Server flavours. */
void fake_mastodon_set_gotosocial_like (FakeMastodon *self, gboolean like);
void fake_mastodon_set_link_headers (FakeMastodon *self, gboolean enabled);
/* Makes Link headers point to @base ("http://elsewhere.example"). */
void fake_mastodon_set_link_base (FakeMastodon *self, const char *base);
void fake_mastodon_set_ignore_types (FakeMastodon *self, gboolean ignore);
void fake_mastodon_set_honour_idempotency (FakeMastodon *self, gboolean honour);
void fake_mastodon_set_max_characters (FakeMastodon *self, guint max);
void fake_mastodon_set_retry_after (FakeMastodon *self, guint seconds);

/* Fails the next @times requests whose method (NULL: any) and path prefix
 * match. */
void fake_mastodon_inject (FakeMastodon *self,
                           const char *method,
                           const char *path_prefix,
                           FakeFault fault,
                           guint times);

/* Tokens. */
void fake_mastodon_add_token (FakeMastodon *self, const char *token);
void fake_mastodon_revoke_tokens (FakeMastodon *self);
const char *fake_mastodon_get_last_issued_token (FakeMastodon *self);
gboolean fake_mastodon_get_last_exchange_used_pkce (FakeMastodon *self);

/* The user approves @authorize_url in the browser: returns where the
 * browser goes next (redirect_uri?code=…&state=…), or for the
 * out-of-band redirect NULL with the code in @code. NULL and no code when
 * the request is not valid. */
char *fake_mastodon_authorize (FakeMastodon *self,
                               const char *authorize_url,
                               char **code);

/* Content. Returns ids. */
const char *fake_mastodon_add_account (FakeMastodon *self,
                                       const char *username,
                                       const char *domain,
                                       const char *display_name,
                                       gint64 followers);
/* A post by @account_id that mentions the shop, with its notification
 * (filtered by the notification policy when @filtered). @html is put
 * after the mention, as the body of the post. */
const char *fake_mastodon_add_mention (FakeMastodon *self,
                                       const char *account_id,
                                       const char *html,
                                       const char *in_reply_to,
                                       const char *visibility,
                                       gboolean filtered);
/* A post without a notification (for example one of the shop's own). */
const char *fake_mastodon_add_status (FakeMastodon *self,
                                      const char *account_id,
                                      const char *html,
                                      const char *in_reply_to,
                                      const char *visibility);
/* A notification with a type other than mention. */
void fake_mastodon_add_notification (FakeMastodon *self,
                                     const char *type,
                                     const char *account_id,
                                     const char *status_id);
/* A notification of raw JSON, for broken entities. */
void fake_mastodon_add_raw_notification (FakeMastodon *self, const char *json);
void fake_mastodon_delete_status (FakeMastodon *self, const char *status_id);

/* What the app did. */
guint fake_mastodon_count_replies (FakeMastodon *self, const char *in_reply_to);
const char *fake_mastodon_get_status_text (FakeMastodon *self, const char *id);
const char *fake_mastodon_get_status_visibility (FakeMastodon *self,
                                                 const char *id);
guint fake_mastodon_count_requests (FakeMastodon *self,
                                    const char *method,
                                    const char *path_prefix);
void fake_mastodon_clear_requests (FakeMastodon *self);
/* Every Authorization header and request body seen, for leak checks. */
gboolean fake_mastodon_saw_token_in_url (FakeMastodon *self);

/* Streaming. */
guint fake_mastodon_get_n_stream_clients (FakeMastodon *self);
void fake_mastodon_push_notification (FakeMastodon *self, const char *type);
void fake_mastodon_close_streams (FakeMastodon *self);

G_END_DECLS
