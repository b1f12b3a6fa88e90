/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-link-suggestion.h"

G_BEGIN_DECLS

/* What the store compares of one identity, prepared once: folded names,
 * handles, links and websites. Pure text work, so it is tested without a
 * database. */
typedef struct _DeskLinkProfile DeskLinkProfile;

DeskLinkProfile *_desk_link_profile_new (gint64 identity_id,
                                         gint64 customer_id,
                                         const char *handle,
                                         const char *display_name,
                                         const char *profile_url,
                                         const char *bio);
void _desk_link_profile_free (DeskLinkProfile *profile);
gint64 _desk_link_profile_get_identity_id (const DeskLinkProfile *profile);
gint64 _desk_link_profile_get_customer_id (const DeskLinkProfile *profile);

/* Adds to @words the name words and handle names worth searching other
 * customers by, and to @phrases the whole names and the handles and
 * links the bio mentions.
 * Both take g_free()d strings; duplicates are skipped. */
void _desk_link_profile_collect_terms (const DeskLinkProfile *profile,
                                       GPtrArray *words,
                                       GPtrArray *phrases);

/* The strongest reason (not SAME_EMAIL, which needs messages) why @a and
 * @b look like the same person; @evidence gets what matched. */
gboolean _desk_link_profiles_match (const DeskLinkProfile *a,
                                    const DeskLinkProfile *b,
                                    DeskLinkReason *reason,
                                    char **evidence);

/* "Jana Köhler" -> "jana kohler"; with @transliterate "jana koehler".
 * NULL when nothing but punctuation is left. */
char *_desk_link_name_key (const char *name, gboolean transliterate);
/* "HTTPS://www.Example.org/a/?x" -> "example.org/a"; NULL if no host. */
char *_desk_link_normalize_url (const char *url);
/* The e-mail addresses in @text, lowercased, without duplicates. */
GPtrArray *_desk_link_extract_emails (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskLinkProfile, _desk_link_profile_free)

G_END_DECLS
