/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* The two questions a team asks after a conversation. */
typedef enum
{
  DESK_RATING_SCALE_CSAT, /* "How satisfied were you?" 1–5 */
  DESK_RATING_SCALE_NPS,  /* "Would you recommend us?" 0–10 */
} DeskRatingScale;

const char *desk_rating_scale_to_string (DeskRatingScale scale);
gboolean desk_rating_scale_from_string (const char *text,
                                        DeskRatingScale *scale);
int desk_rating_scale_get_min (DeskRatingScale scale);
int desk_rating_scale_get_max (DeskRatingScale scale);
gboolean desk_rating_is_valid (DeskRatingScale scale, int score);
gboolean desk_rating_is_low (DeskRatingScale scale, int score);

gboolean
desk_rating_parse (const char *text, DeskRatingScale scale, int *score);

G_END_DECLS
