/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A Mastodon Account entity, validated and reduced to what a support
 * inbox shows. */
typedef struct
{
  char *id; /* opaque, stable; the only way to recognise an account */
  char *username;
  char *acct; /* "user" on the same server, "user@domain" elsewhere */
  char *display_name;
  char *avatar;
  char *url;
  char *note; /* the bio as plain text */
  gint64 followers;
} DeskMastodonAccount;

/* A Mastodon Status entity with its HTML already turned into text. */
typedef struct
{
  char *id;
  gint64 created_at;
  char *in_reply_to_id;
  char *visibility; /* public, unlisted, private, direct */
  char *language;
  char *url;
  char *text;
  DeskMastodonAccount *account;
} DeskMastodonStatus;

/* Parses @object; a missing or mistyped required field is an error
 * (G_IO_ERROR_INVALID_DATA) that names the field, never a crash. */
DeskMastodonAccount *desk_mastodon_account_parse (JsonObject *object,
                                                  GError **error);
DeskMastodonAccount *
desk_mastodon_account_copy (const DeskMastodonAccount *account);
void desk_mastodon_account_free (DeskMastodonAccount *account);

DeskMastodonStatus *desk_mastodon_status_parse (JsonNode *node, GError **error);
DeskMastodonStatus *
desk_mastodon_status_copy (const DeskMastodonStatus *status);
void desk_mastodon_status_free (DeskMastodonStatus *status);

/* "@user@domain" for display; @acct from an Account. */
char *desk_mastodon_account_dup_handle (const DeskMastodonAccount *account);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskMastodonAccount, desk_mastodon_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskMastodonStatus, desk_mastodon_status_free)

G_END_DECLS
