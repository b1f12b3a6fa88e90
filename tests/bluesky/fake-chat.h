/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A stand-in for a PDS that forwards chat.bsky.convo.* to a chat service
 * (there is no public chat server to run). It follows the lexicons'
 * shapes and errors and serves just enough of com.atproto and app.bsky
 * (sessions, an empty notification list, profiles) for a channel to
 * sync, on 127.0.0.1. */
typedef struct _FakeChat FakeChat;

typedef enum
{
  FAKE_CHAT_AVAILABLE,
  FAKE_CHAT_NO_SERVICE,      /* 400 "No service configured for …" */
  FAKE_CHAT_NOT_IMPLEMENTED, /* 501 MethodNotImplemented */
} FakeChatMode;

FakeChat *fake_chat_new (const char *own_did);
void fake_chat_free (FakeChat *self);
const char *fake_chat_get_url (FakeChat *self);
char *fake_chat_make_token (FakeChat *self, const char *scope, gint64 exp);
const char *fake_chat_get_access_token (FakeChat *self);
const char *fake_chat_get_refresh_token (FakeChat *self);

void fake_chat_set_mode (FakeChat *self, FakeChatMode mode);
void fake_chat_add_convo (FakeChat *self,
                          const char *convo_id,
                          const char *member_did,
                          const char *member_handle);
void fake_chat_add_message (FakeChat *self,
                            const char *convo_id,
                            const char *sender_did,
                            const char *text);
guint fake_chat_count_messages (FakeChat *self,
                                const char *convo_id,
                                const char *sender_did,
                                const char *text);
void fake_chat_lose_next_answer (FakeChat *self);
guint fake_chat_count_requests (FakeChat *self, const char *nsid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeChat, fake_chat_free)

G_END_DECLS
