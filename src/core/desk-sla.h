/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-business-hours.h"

G_BEGIN_DECLS

/* The promised answer times for one kind of conversation. */
typedef struct
{
  guint first_response_minutes;
  guint next_response_minutes;
  guint resolution_minutes;
  gboolean business_time; /* count only business hours */
} DeskSlaPolicy;

typedef enum
{
  DESK_SLA_TIMER_FIRST_RESPONSE,
  DESK_SLA_TIMER_NEXT_RESPONSE,
  DESK_SLA_TIMER_RESOLUTION,
  DESK_SLA_N_TIMERS,
} DeskSlaTimer;

typedef enum
{
  DESK_SLA_STATE_NONE,     /* the timer does not apply (yet) */
  DESK_SLA_STATE_RUNNING,  /* on track */
  DESK_SLA_STATE_WARNING,  /* last quarter or last 15 minutes */
  DESK_SLA_STATE_BREACHED, /* running and past its deadline */
  DESK_SLA_STATE_PAUSED,   /* waiting on the customer */
  DESK_SLA_STATE_MET,      /* stopped in time */
  DESK_SLA_STATE_MISSED,   /* stopped late */
} DeskSlaState;

/* A span in which the clock stood still (waiting on the customer); end 0
 * means it still lasts. */
typedef struct
{
  gint64 start;
  gint64 end;
} DeskSlaPause;

/* What a conversation's timers depend on. Times are unix seconds; 0 means
 * "has not happened". */
typedef struct
{
  gint64 opened_at;         /* the first customer message */
  gint64 first_response_at; /* the first answer by the team */
  gint64 awaiting_since;    /* oldest customer message not yet answered */
  gint64 closed_at;
  const DeskSlaPause *pauses;
  guint n_pauses;
} DeskSlaInput;

typedef struct
{
  DeskSlaState state;
  gint64 due_at; /* the real clock time of the deadline */
  gint64 left;   /* real seconds until due_at; negative when overdue */
  gint64 met_by; /* for MET/MISSED: seconds early (>0) or late (<0) */
} DeskSlaResult;

void desk_sla_evaluate (const DeskSlaPolicy *policy,
                        DeskBusinessHours *hours,
                        const DeskSlaInput *input,
                        gint64 now,
                        DeskSlaResult results[DESK_SLA_N_TIMERS]);
DeskSlaTimer
desk_sla_most_urgent (const DeskSlaResult results[DESK_SLA_N_TIMERS]);

char *desk_sla_format_left (gint64 seconds);
char *desk_sla_describe (const DeskSlaResult *result);

G_END_DECLS
