/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

/* Kinds of personal data that must not appear in a public reply. */
typedef enum
{
  DESK_PII_EMAIL = 0,
  DESK_PII_PHONE,
  DESK_PII_IBAN,
  DESK_PII_CARD,
  DESK_PII_ADDRESS,
  DESK_PII_BIRTH_DATE,
  DESK_PII_N_KINDS,
} DeskPiiKind;

/* One piece of personal data: bytes [start, end) of the UTF-8 text. */
typedef struct
{
  DeskPiiKind kind;
  gsize start;
  gsize end;
} DeskPiiMatch;

#define DESK_TYPE_PII_KIND (desk_pii_kind_get_type ())

GType desk_pii_kind_get_type (void) G_GNUC_CONST;

GArray *desk_pii_scan (const char *text);
const char *desk_pii_kind_to_string (DeskPiiKind kind);
const char *desk_pii_describe (DeskPiiKind kind);

gboolean desk_pii_iban_is_valid (const char *iban);
gboolean desk_pii_luhn_is_valid (const char *number);

G_END_DECLS
