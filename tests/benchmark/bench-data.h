/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/desk-store.h"

G_BEGIN_DECLS

/* A synthetic workspace: realistic sizes and text, deterministic. */
typedef struct
{
  guint conversations;
  guint messages_per_conversation;
  guint batch_size;
} BenchShape;

DeskSyncBatch *bench_make_batch (gint64 account_id,
                                 const BenchShape *shape,
                                 guint first_conversation,
                                 guint n_conversations,
                                 gint64 now);
const char *bench_word (guint i);
guint bench_n_words (void);

G_END_DECLS
