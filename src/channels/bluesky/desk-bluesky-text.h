/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text rules of Bluesky that need no server: how long a post is, where
 * its mentions and links are (facets index UTF-8 bytes), record keys,
 * AT URIs and timestamps. Pure functions, unit-tested without a network. */

/* Posts are limited to 300 graphemes (user-perceived characters), chat
 * messages to 1000. */
#define DESK_BLUESKY_MAX_POST_GRAPHEMES 300
#define DESK_BLUESKY_MAX_CHAT_GRAPHEMES 1000

typedef enum
{
  DESK_BLUESKY_FACET_MENTION,
  DESK_BLUESKY_FACET_LINK,
} DeskBlueskyFacetKind;

typedef struct
{
  DeskBlueskyFacetKind kind;
  gsize byte_start; /* inclusive, in UTF-8 bytes of the text */
  gsize byte_end;   /* exclusive */
  char *value;      /* the handle without '@', or the link's URI */
  char *did;        /* for mentions, once the handle is resolved */
} DeskBlueskyFacet;

void desk_bluesky_facet_free (DeskBlueskyFacet *facet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBlueskyFacet, desk_bluesky_facet_free)

guint desk_bluesky_count_graphemes (const char *text);
GPtrArray *desk_bluesky_detect_facets (const char *text);

char *desk_bluesky_tid_from_key (const char *key);
gboolean desk_bluesky_is_tid (const char *text);

gboolean desk_bluesky_parse_at_uri (const char *uri,
                                    char **authority,
                                    char **collection,
                                    char **rkey);
char *desk_bluesky_post_web_url (const char *uri);

gint64 desk_bluesky_parse_datetime (const char *text);
char *desk_bluesky_format_datetime (gint64 unix_usec);

G_END_DECLS
