/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-sla"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-sla.h"

/* SLA evaluation as a pure function of the policy, the business hours,
 * the conversation's timestamps and "now": no clock, no store, so every
 * case is a plain test. Deadlines are real clock times; business time only
 * decides how fast the clock runs towards them. */

#define WARNING_FLOOR (15 * 60)

typedef struct
{
  const DeskSlaPolicy *policy;
  DeskBusinessHours *hours;
} Clock;

static gint64
counted (const Clock *clock, gint64 from, gint64 to)
{
  if (to <= from)
    return 0;
  if (clock->policy->business_time && clock->hours != NULL)
    return desk_business_hours_count (clock->hours, from, to);
  return to - from;
}

static gint64
advance (const Clock *clock, gint64 from, gint64 seconds)
{
  if (clock->policy->business_time && clock->hours != NULL)
    return desk_business_hours_add (clock->hours, from, seconds);
  return from + seconds;
}

static DeskSlaState
running_state (gint64 target, gint64 used, gint64 due_at, gint64 now)
{
  if (now > due_at)
    return DESK_SLA_STATE_BREACHED;
  if (target - used <= MAX (target / 4, WARNING_FLOOR))
    return DESK_SLA_STATE_WARNING;
  return DESK_SLA_STATE_RUNNING;
}

/* A response timer: from @start until @answered_at (0: not yet). */
static void
evaluate_response (const Clock *clock,
                   gint64 target,
                   gint64 start,
                   gint64 answered_at,
                   gint64 now,
                   DeskSlaResult *result)
{
  result->due_at = advance (clock, start, target);

  if (answered_at > 0)
    {
      result->met_by = result->due_at - answered_at;
      result->state = answered_at <= result->due_at ? DESK_SLA_STATE_MET
                                                    : DESK_SLA_STATE_MISSED;
      return;
    }

  result->left = result->due_at - now;
  result->state = running_state (target, counted (clock, start, now),
                                 result->due_at, now);
}

/* Counted time from @from to @to with the pauses left out. */
static gint64
counted_without_pauses (const Clock *clock,
                        const DeskSlaInput *input,
                        gint64 from,
                        gint64 to)
{
  gint64 total = counted (clock, from, to);

  for (guint i = 0; i < input->n_pauses; i++)
    {
      gint64 start = MAX (input->pauses[i].start, from);
      gint64 end = input->pauses[i].end ? input->pauses[i].end : to;

      total -= counted (clock, start, MIN (end, to));
    }
  return MAX (total, 0);
}

/* The real time at which @target counted seconds have passed since
 * @from, not counting the pauses (sorted by start). */
static gint64
due_without_pauses (const Clock *clock,
                    const DeskSlaInput *input,
                    gint64 from,
                    gint64 target)
{
  gint64 cursor = from;
  gint64 left = target;

  for (guint i = 0; i < input->n_pauses; i++)
    {
      const DeskSlaPause *pause = &input->pauses[i];
      gint64 before = counted (clock, cursor, pause->start);

      if (pause->start < cursor)
        before = 0;
      if (before >= left)
        break;
      left -= before;
      if (pause->end == 0)
        return G_MAXINT64;
      cursor = MAX (cursor, pause->end);
    }
  return advance (clock, cursor, left);
}

static void
evaluate_resolution (const Clock *clock,
                     gint64 target,
                     const DeskSlaInput *input,
                     gint64 now,
                     DeskSlaResult *result)
{
  gint64 end = input->closed_at ? input->closed_at : now;
  gint64 used = counted_without_pauses (clock, input, input->opened_at, end);

  if (input->closed_at > 0)
    {
      result->met_by = target - used;
      result->state
          = used <= target ? DESK_SLA_STATE_MET : DESK_SLA_STATE_MISSED;
      return;
    }

  for (guint i = 0; i < input->n_pauses; i++)
    if (input->pauses[i].end == 0 && input->pauses[i].start <= now)
      {
        result->state = DESK_SLA_STATE_PAUSED;
        result->left = target - used;
        return;
      }

  result->due_at = due_without_pauses (clock, input, input->opened_at, target);
  result->left = result->due_at - now;
  result->state = running_state (target, used, result->due_at, now);
}

/* Fills one result per timer for a conversation at @now. @hours may be
 * NULL when the policy counts calendar time. */
void
desk_sla_evaluate (const DeskSlaPolicy *policy,
                   DeskBusinessHours *hours,
                   const DeskSlaInput *input,
                   gint64 now,
                   DeskSlaResult results[DESK_SLA_N_TIMERS])
{
  Clock clock = { policy, hours };

  g_return_if_fail (policy != NULL);
  g_return_if_fail (input != NULL);
  g_return_if_fail (results != NULL);

  memset (results, 0, sizeof (DeskSlaResult) * DESK_SLA_N_TIMERS);
  if (input->opened_at == 0)
    return;

  /* A conversation closed without an answer had nothing to answer. */
  if (input->first_response_at > 0 || input->closed_at == 0)
    evaluate_response (&clock, policy->first_response_minutes * 60,
                       input->opened_at, input->first_response_at, now,
                       &results[DESK_SLA_TIMER_FIRST_RESPONSE]);

  /* The next-response timer runs for customer messages after the first
   * answer, until the next answer. */
  if (input->first_response_at > 0 && input->awaiting_since > 0
      && input->closed_at == 0)
    evaluate_response (&clock, policy->next_response_minutes * 60,
                       input->awaiting_since, 0, now,
                       &results[DESK_SLA_TIMER_NEXT_RESPONSE]);

  evaluate_resolution (&clock, policy->resolution_minutes * 60, input, now,
                       &results[DESK_SLA_TIMER_RESOLUTION]);
}

static int
urgency (const DeskSlaResult *result)
{
  switch (result->state)
    {
      case DESK_SLA_STATE_BREACHED:
        return 3;
      case DESK_SLA_STATE_WARNING:
        return 2;
      case DESK_SLA_STATE_RUNNING:
        return 1;
      default:
        return 0;
    }
}

/* The timer a badge should show: the running one closest to (or furthest
 * past) its deadline; the resolution timer when none runs. */
DeskSlaTimer
desk_sla_most_urgent (const DeskSlaResult results[DESK_SLA_N_TIMERS])
{
  DeskSlaTimer best = DESK_SLA_TIMER_RESOLUTION;

  for (int i = 0; i < DESK_SLA_N_TIMERS; i++)
    {
      if (urgency (&results[i]) == 0)
        continue;
      if (urgency (&results[i]) > urgency (&results[best])
          || (urgency (&results[i]) == urgency (&results[best])
              && results[i].left < results[best].left))
        best = i;
    }
  return best;
}

/* A duration for a badge, rounded up to whole minutes: "42 min",
 * "3 h 10 min", "2 d 4 h". */
char *
desk_sla_format_left (gint64 seconds)
{
  gint64 minutes = (ABS (seconds) + 59) / 60;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  if (minutes < 60)
    /* Translators: a short duration on a countdown badge */
    return g_strdup_printf (_ ("%d min"), (int) minutes);
  if (hours < 24 && minutes % 60 == 0)
    return g_strdup_printf (_ ("%d h"), (int) hours);
  if (hours < 24)
    return g_strdup_printf (_ ("%d h %d min"), (int) hours,
                            (int) (minutes % 60));
  if (hours % 24 == 0)
    return g_strdup_printf (_ ("%d d"), (int) days);
  return g_strdup_printf (_ ("%d d %d h"), (int) days, (int) (hours % 24));
}

/* The badge text for @result, or NULL when the timer does not apply. */
char *
desk_sla_describe (const DeskSlaResult *result)
{
  g_autofree char *duration = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  switch (result->state)
    {
      case DESK_SLA_STATE_RUNNING:
      case DESK_SLA_STATE_WARNING:
        duration = desk_sla_format_left (result->left);
        /* Translators: time left to answer, e.g. "42 min left" */
        return g_strdup_printf (_ ("%s left"), duration);

      case DESK_SLA_STATE_BREACHED:
        duration = desk_sla_format_left (result->left);
        /* Translators: time past the deadline, e.g. "overdue 12 min" */
        return g_strdup_printf (_ ("overdue %s"), duration);

      case DESK_SLA_STATE_PAUSED:
        return g_strdup (_ ("paused"));

      case DESK_SLA_STATE_MET:
        return g_strdup (_ ("met"));

      case DESK_SLA_STATE_MISSED:
        return g_strdup (_ ("missed"));

      case DESK_SLA_STATE_NONE:
      default:
        return NULL;
    }
}
