/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Mastodon counts every link as this many characters, whatever its
 * length, unless the server says otherwise. */
#define DESK_MASTODON_URL_LENGTH 23

/* Plain text of a status' HTML: tags removed (script, style and the like
 * with their content), entities decoded, <br> and paragraphs as line
 * breaks, a link's target kept in brackets when its text differs. The
 * result holds no markup and is valid UTF-8. */
char *desk_mastodon_html_to_text (const char *html);

/* The length of @text as Mastodon counts it: links as @url_length
 * characters, "@user@domain" as "@user", user-perceived characters. */
guint desk_mastodon_count_length (const char *text, guint url_length);

/* @text without the run of @mentions it starts with (the addressees a
 * reply begins with). */
char *desk_mastodon_strip_leading_mentions (const char *text);

/* Runs of white space as one space, without leading or trailing space;
 * for comparing texts the server may have reflowed. */
char *desk_mastodon_normalize_space (const char *text);

/* Whether @text mentions @acct ("user" or "user@domain", no "@") as a
 * word of its own, ignoring case. */
gboolean desk_mastodon_text_mentions (const char *text, const char *acct);

/* Whether @url is an http(s) link without spaces, quotes or control
 * characters, safe to show and to open. */
gboolean desk_mastodon_is_web_url (const char *url);

G_END_DECLS
