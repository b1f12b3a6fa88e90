/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "core/desk-sla.h"

static GTimeZone *berlin;

static gint64
at (int year, int month, int day, int hour, int minute)
{
  g_autoptr (GDateTime) dt
      = g_date_time_new (berlin, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (dt);
}

static DeskBusinessHours *
office_hours (void)
{
  DeskBusinessHours *hours = desk_business_hours_new (berlin);

  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_FRIDAY; d++)
    desk_business_hours_add_interval (hours, d, 9 * 60, 17 * 60);
  return hours;
}

static void
evaluate (const DeskSlaPolicy *policy,
          DeskBusinessHours *hours,
          const DeskSlaInput *input,
          gint64 now,
          DeskSlaResult *results)
{
  desk_sla_evaluate (policy, hours, input, now, results);
}

static void
test_calendar_countdown (void)
{
  DeskSlaPolicy policy = { 60, 60, 24 * 60, FALSE };
  gint64 t = at (2026, 11, 23, 10, 0);
  DeskSlaInput input = { .opened_at = t };
  DeskSlaResult r[DESK_SLA_N_TIMERS];
  DeskSlaResult *first = &r[DESK_SLA_TIMER_FIRST_RESPONSE];

  evaluate (&policy, NULL, &input, t + 30 * 60, r);
  g_assert_cmpint (first->state, ==, DESK_SLA_STATE_RUNNING);
  g_assert_cmpint (first->left, ==, 30 * 60);
  g_assert_cmpint (first->due_at, ==, t + 3600);

  /* The last quarter of an hour is a warning. */
  evaluate (&policy, NULL, &input, t + 45 * 60, r);
  g_assert_cmpint (first->state, ==, DESK_SLA_STATE_WARNING);
  evaluate (&policy, NULL, &input, t + 44 * 60, r);
  g_assert_cmpint (first->state, ==, DESK_SLA_STATE_RUNNING);

  /* At the deadline it is still on time; a second later it is overdue. */
  evaluate (&policy, NULL, &input, t + 3600, r);
  g_assert_cmpint (first->state, ==, DESK_SLA_STATE_WARNING);
  evaluate (&policy, NULL, &input, t + 3601, r);
  g_assert_cmpint (first->state, ==, DESK_SLA_STATE_BREACHED);
  evaluate (&policy, NULL, &input, t + 3600 + 12 * 60, r);
  g_assert_cmpint (first->left, ==, -12 * 60);
  g_assert_cmpint (desk_sla_most_urgent (r), ==, DESK_SLA_TIMER_FIRST_RESPONSE);
}

static void
test_warning_share_of_long_target (void)
{
  DeskSlaPolicy policy = { 6 * 60, 60, 24 * 60, FALSE };
  gint64 t = at (2026, 11, 23, 10, 0);
  DeskSlaInput input = { .opened_at = t };
  DeskSlaResult r[DESK_SLA_N_TIMERS];

  /* Six hours: the warning starts 90 minutes before, not 15. */
  evaluate (&policy, NULL, &input, t + 4 * 3600 + 29 * 60, r);
  g_assert_cmpint (r[0].state, ==, DESK_SLA_STATE_RUNNING);
  evaluate (&policy, NULL, &input, t + 4 * 3600 + 30 * 60, r);
  g_assert_cmpint (r[0].state, ==, DESK_SLA_STATE_WARNING);
}

static void
test_reply_exactly_at_deadline (void)
{
  DeskSlaPolicy policy = { 60, 60, 24 * 60, FALSE };
  gint64 t = at (2026, 11, 23, 10, 0);
  DeskSlaInput input = { .opened_at = t, .first_response_at = t + 3600 };
  DeskSlaResult r[DESK_SLA_N_TIMERS];

  evaluate (&policy, NULL, &input, t + 7200, r);
  g_assert_cmpint (r[0].state, ==, DESK_SLA_STATE_MET);
  g_assert_cmpint (r[0].met_by, ==, 0);

  input.first_response_at = t + 3601;
  evaluate (&policy, NULL, &input, t + 7200, r);
  g_assert_cmpint (r[0].state, ==, DESK_SLA_STATE_MISSED);
  g_assert_cmpint (r[0].met_by, ==, -1);
}

static void
test_business_weekend (void)
{
  g_autoptr (DeskBusinessHours) hours = office_hours ();
  DeskSlaPolicy policy = { 60, 60, 24 * 60, TRUE };
  /* Friday 27 November 2026, 16:30: half an hour today, the rest on
   * Monday. */
  DeskSlaInput input = { .opened_at = at (2026, 11, 27, 16, 30) };
  DeskSlaResult r[DESK_SLA_N_TIMERS];

  evaluate (&policy, hours, &input, at (2026, 11, 28, 12, 0), r);
  g_assert_cmpint (r[0].due_at, ==, at (2026, 11, 30, 9, 30));
  /* The badge shows the real time that remains. */
  g_assert_cmpint (r[0].left, ==,
                   at (2026, 11, 30, 9, 30) - at (2026, 11, 28, 12, 0));
  /* Half the target is used up: not yet a warning. */
  g_assert_cmpint (r[0].state, ==, DESK_SLA_STATE_RUNNING);
}

static void
test_message_outside_hours (void)
{
  g_autoptr (DeskBusinessHours) hours = office_hours ();
  DeskSlaPolicy policy = { 60, 60, 24 * 60, TRUE };
  DeskSlaInput input = { .opened_at = at (2026, 11, 28, 10, 0) }; /* Sat */
  DeskSlaResult r[DESK_SLA_N_TIMERS];

  evaluate (&policy, hours, &input, at (2026, 11, 28, 10, 5), r);
  g_assert_cmpint (r[0].due_at, ==, at (2026, 11, 30, 10, 0));
  g_assert_cmpint (r[0].state, ==, DESK_SLA_STATE_RUNNING);

  /* Monday 9:50: ten minutes of business time left. */
  evaluate (&policy, hours, &input, at (2026, 11, 30, 9, 50), r);
  g_assert_cmpint (r[0].state, ==, DESK_SLA_STATE_WARNING);
  g_assert_cmpint (r[0].left, ==, 10 * 60);
}

static void
test_holidays (void)
{
  g_autoptr (DeskBusinessHours) hours = office_hours ();
  DeskSlaPolicy policy = { 60, 60, 24 * 60, TRUE };
  DeskSlaInput input = { .opened_at = at (2026, 12, 24, 16, 30) };
  DeskSlaResult r[DESK_SLA_N_TIMERS];
  g_autoptr (GDateTime) good_friday
      = g_date_time_new (berlin, 2026, 4, 3, 12, 0, 0);
  g_autoptr (GDateTime) whit_monday
      = g_date_time_new (berlin, 2026, 5, 25, 12, 0, 0);
  g_autoptr (GDateTime) ordinary
      = g_date_time_new (berlin, 2026, 5, 26, 12, 0, 0);

  desk_business_hours_add_german_holidays (hours, 2026);
  g_assert_true (desk_business_hours_is_holiday (hours, good_friday));
  g_assert_true (desk_business_hours_is_holiday (hours, whit_monday));
  g_assert_false (desk_business_hours_is_holiday (hours, ordinary));

  /* Christmas Eve 16:30; Christmas Day (Friday) is closed. */
  evaluate (&policy, hours, &input, at (2026, 12, 24, 16, 40), r);
  g_assert_cmpint (r[0].due_at, ==, at (2026, 12, 28, 9, 30));
}

static void
test_dst_spring_forward (void)
{
  g_autoptr (DeskBusinessHours) hours = desk_business_hours_new (berlin);
  DeskSlaPolicy policy = { 210, 60, 24 * 60, TRUE };
  DeskSlaInput input = { .opened_at = at (2026, 3, 29, 0, 0) };
  DeskSlaResult r[DESK_SLA_N_TIMERS];

  /* Sunday night shift 0:00-4:00 lasts three real hours on 29 March. */
  desk_business_hours_add_interval (hours, G_DATE_SUNDAY, 0, 4 * 60);
  desk_business_hours_add_interval (hours, G_DATE_MONDAY, 9 * 60, 17 * 60);
  g_assert_cmpint (desk_business_hours_count (hours, at (2026, 3, 29, 0, 0),
                                              at (2026, 3, 29, 4, 0)),
                   ==, 3 * 3600);

  evaluate (&policy, hours, &input, at (2026, 3, 29, 1, 0), r);
  g_assert_cmpint (r[0].due_at, ==, at (2026, 3, 30, 9, 30));
}

static void
test_dst_fall_back (void)
{
  g_autoptr (DeskBusinessHours) hours = desk_business_hours_new (berlin);
  DeskSlaPolicy policy = { 270, 60, 24 * 60, TRUE };
  gint64 opened = at (2026, 10, 25, 0, 0);
  DeskSlaInput input = { .opened_at = opened };
  DeskSlaResult r[DESK_SLA_N_TIMERS];

  /* On 25 October 0:00-4:00 lasts five real hours. */
  desk_business_hours_add_interval (hours, G_DATE_SUNDAY, 0, 4 * 60);
  g_assert_cmpint (
      desk_business_hours_count (hours, opened, at (2026, 10, 25, 4, 0)), ==,
      5 * 3600);

  evaluate (&policy, hours, &input, opened + 60, r);
  g_assert_cmpint (r[0].due_at, ==, opened + 270 * 60);

  /* Calendar time is real time, whatever the wall clock says. */
  policy.business_time = FALSE;
  evaluate (&policy, hours, &input, opened + 60, r);
  g_assert_cmpint (r[0].due_at, ==, opened + 270 * 60);
}

static void
test_split_shift_and_midnight (void)
{
  g_autoptr (DeskBusinessHours) hours = desk_business_hours_new (berlin);
  DeskSlaPolicy policy = { 60, 60, 24 * 60, TRUE };
  DeskSlaInput input = { .opened_at = at (2026, 11, 23, 11, 30) };
  DeskSlaResult r[DESK_SLA_N_TIMERS];

  desk_business_hours_add_interval (hours, G_DATE_MONDAY, 13 * 60, 17 * 60);
  desk_business_hours_add_interval (hours, G_DATE_MONDAY, 9 * 60, 12 * 60);
  desk_business_hours_add_interval (hours, G_DATE_MONDAY, 22 * 60, 2 * 60);

  evaluate (&policy, hours, &input, at (2026, 11, 23, 11, 31), r);
  g_assert_cmpint (r[0].due_at, ==, at (2026, 11, 23, 13, 30));

  /* A night shift from Monday 22:00 into Tuesday 2:00. */
  input.opened_at = at (2026, 11, 23, 23, 30);
  evaluate (&policy, hours, &input, at (2026, 11, 23, 23, 31), r);
  g_assert_cmpint (r[0].due_at, ==, at (2026, 11, 24, 0, 30));

  /* Tuesday 1:30, still in Monday's shift. */
  input.opened_at = at (2026, 11, 24, 1, 30);
  evaluate (&policy, hours, &input, at (2026, 11, 24, 1, 31), r);
  g_assert_cmpint (r[0].due_at, ==, at (2026, 11, 30, 9, 30));
}

static void
test_pause_and_resume (void)
{
  DeskSlaPolicy policy = { 60, 60, 24 * 60, FALSE };
  gint64 t = at (2026, 11, 23, 8, 0);
  DeskSlaPause pauses[] = { { t + 3600, t + 5 * 3600 } };
  DeskSlaInput input = {
    .opened_at = t,
    .first_response_at = t + 600,
    .pauses = pauses,
    .n_pauses = 1,
  };
  DeskSlaResult r[DESK_SLA_N_TIMERS];
  DeskSlaResult *resolution = &r[DESK_SLA_TIMER_RESOLUTION];

  /* Waiting on the customer for four hours moves the deadline by four. */
  evaluate (&policy, NULL, &input, t + 6 * 3600, r);
  g_assert_cmpint (resolution->state, ==, DESK_SLA_STATE_RUNNING);
  g_assert_cmpint (resolution->due_at, ==, t + 28 * 3600);
  g_assert_cmpint (r[DESK_SLA_TIMER_FIRST_RESPONSE].state, ==,
                   DESK_SLA_STATE_MET);

  /* While it waits, the clock stands still. */
  pauses[0].end = 0;
  evaluate (&policy, NULL, &input, t + 6 * 3600, r);
  g_assert_cmpint (resolution->state, ==, DESK_SLA_STATE_PAUSED);
  g_assert_cmpint (resolution->left, ==, 23 * 3600);

  /* Closed: the resolution timer stops; met when in time. */
  pauses[0].end = t + 5 * 3600;
  input.closed_at = t + 10 * 3600;
  evaluate (&policy, NULL, &input, t + 30 * 3600, r);
  g_assert_cmpint (resolution->state, ==, DESK_SLA_STATE_MET);
  input.closed_at = t + 29 * 3600;
  evaluate (&policy, NULL, &input, t + 30 * 3600, r);
  g_assert_cmpint (resolution->state, ==, DESK_SLA_STATE_MISSED);
}

static void
test_next_response_and_reopen (void)
{
  DeskSlaPolicy policy = { 60, 30, 24 * 60, FALSE };
  gint64 t = at (2026, 11, 23, 8, 0);
  DeskSlaInput input = {
    .opened_at = t,
    .first_response_at = t + 600,
    .awaiting_since = t + 7200,
  };
  DeskSlaResult r[DESK_SLA_N_TIMERS];

  evaluate (&policy, NULL, &input, t + 7200 + 20 * 60, r);
  g_assert_cmpint (r[DESK_SLA_TIMER_NEXT_RESPONSE].state, ==,
                   DESK_SLA_STATE_WARNING);
  g_assert_cmpint (r[DESK_SLA_TIMER_NEXT_RESPONSE].due_at, ==, t + 7200 + 1800);
  g_assert_cmpint (desk_sla_most_urgent (r), ==, DESK_SLA_TIMER_NEXT_RESPONSE);

  /* Closed, then reopened by a new customer message: the timer runs
   * again from that message. */
  input.closed_at = t + 9000;
  evaluate (&policy, NULL, &input, t + 9100, r);
  g_assert_cmpint (r[DESK_SLA_TIMER_NEXT_RESPONSE].state, ==,
                   DESK_SLA_STATE_NONE);
  input.closed_at = 0;
  input.awaiting_since = t + 20000;
  evaluate (&policy, NULL, &input, t + 20060, r);
  g_assert_cmpint (r[DESK_SLA_TIMER_NEXT_RESPONSE].state, ==,
                   DESK_SLA_STATE_RUNNING);
  g_assert_cmpint (r[DESK_SLA_TIMER_NEXT_RESPONSE].left, ==, 1800 - 60);
}

/* In calendar time, for any start and now, the deadline is start plus
 * target and the state follows from "now" alone. */
static void
test_property_calendar (void)
{
  DeskSlaPolicy policy = { 60, 60, 24 * 60, FALSE };
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 2000; i++)
    {
      gint64 opened = 1700000000 + g_rand_int_range (rand, 0, 100000000);
      gint64 now = opened + g_rand_int_range (rand, 0, 3 * 3600);
      DeskSlaInput input = { .opened_at = opened };
      DeskSlaResult r[DESK_SLA_N_TIMERS];

      desk_sla_evaluate (&policy, NULL, &input, now, r);
      g_assert_cmpint (r[0].due_at, ==, opened + 3600);
      g_assert_cmpint (r[0].left, ==, opened + 3600 - now);
      g_assert_cmpint (r[0].state == DESK_SLA_STATE_BREACHED, ==,
                       now > opened + 3600);
      g_assert_cmpint (r[0].state == DESK_SLA_STATE_WARNING, ==,
                       now <= opened + 3600 && now >= opened + 45 * 60);
    }
  g_rand_free (rand);
}

/* With business hours, counting back what add() produced gives the
 * target again. */
static void
test_property_business_roundtrip (void)
{
  g_autoptr (DeskBusinessHours) hours = office_hours ();
  GRand *rand = g_rand_new_with_seed (7);

  desk_business_hours_add_german_holidays (hours, 2026);
  desk_business_hours_add_interval (hours, G_DATE_SATURDAY, 10 * 60, 14 * 60);
  for (guint i = 0; i < 500; i++)
    {
      gint64 from
          = at (2026, 1, 1, 0, 0) + g_rand_int_range (rand, 0, 30000000);
      gint64 seconds = g_rand_int_range (rand, 0, 24 * 3600);
      gint64 due = desk_business_hours_add (hours, from, seconds);

      g_assert_cmpint (due, >=, from + seconds);
      g_assert_cmpint (desk_business_hours_count (hours, from, due), ==,
                       seconds);
    }
  g_rand_free (rand);
}

static void
test_format (void)
{
  DeskSlaResult running = { .state = DESK_SLA_STATE_RUNNING, .left = 42 * 60 };
  DeskSlaResult soon = { .state = DESK_SLA_STATE_WARNING, .left = 30 };
  DeskSlaResult over = { .state = DESK_SLA_STATE_BREACHED, .left = -12 * 60 };
  DeskSlaResult none = { .state = DESK_SLA_STATE_NONE };
  g_autofree char *a = desk_sla_describe (&running);
  g_autofree char *b = desk_sla_describe (&soon);
  g_autofree char *c = desk_sla_describe (&over);
  g_autofree char *d = desk_sla_format_left (3 * 3600 + 10 * 60);
  g_autofree char *e = desk_sla_format_left (3 * 3600);
  g_autofree char *f = desk_sla_format_left (50 * 3600);

  g_assert_cmpstr (a, ==, "42 min left");
  g_assert_cmpstr (b, ==, "1 min left");
  g_assert_cmpstr (c, ==, "overdue 12 min");
  g_assert_cmpstr (d, ==, "3 h 10 min");
  g_assert_cmpstr (e, ==, "3 h");
  g_assert_cmpstr (f, ==, "2 d 2 h");
  g_assert_null (desk_sla_describe (&none));
}

static void
test_parse_and_format_days (void)
{
  g_autoptr (DeskBusinessHours) hours = desk_business_hours_new (berlin);
  g_autoptr (GError) error = NULL;
  g_autofree char *monday = NULL;
  g_autofree char *sunday = NULL;
  g_autofree char *night = NULL;

  g_assert_true (desk_business_hours_parse_day (hours, G_DATE_MONDAY,
                                                "13:00 - 17:30, 9-12", &error));
  g_assert_no_error (error);
  monday = desk_business_hours_format_day (hours, G_DATE_MONDAY);
  g_assert_cmpstr (monday, ==, "09:00–12:00, 13:00–17:30");

  g_assert_true (desk_business_hours_parse_day (hours, G_DATE_FRIDAY,
                                                "22:00 bis 02:00", &error));
  night = desk_business_hours_format_day (hours, G_DATE_FRIDAY);
  g_assert_cmpstr (night, ==, "22:00–02:00");

  /* Empty closes the day; nonsense is refused and changes nothing. */
  g_assert_true (
      desk_business_hours_parse_day (hours, G_DATE_SUNDAY, " ", &error));
  sunday = desk_business_hours_format_day (hours, G_DATE_SUNDAY);
  g_assert_cmpstr (sunday, ==, "");
  g_assert_false (desk_business_hours_parse_day (hours, G_DATE_MONDAY,
                                                 "9-12, lunch", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (desk_business_hours_parse_day (hours, G_DATE_MONDAY,
                                                 "25:00-26:00", &error));
  g_clear_error (&error);
  g_assert_false (
      desk_business_hours_parse_day (hours, G_DATE_MONDAY, "9:7-12", &error));
  g_clear_error (&error);
  g_free (monday);
  monday = desk_business_hours_format_day (hours, G_DATE_MONDAY);
  g_assert_cmpstr (monday, ==, "09:00–12:00, 13:00–17:30");
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (berlin);

  g_test_add_func ("/sla/calendar/countdown", test_calendar_countdown);
  g_test_add_func ("/sla/calendar/warning-share",
                   test_warning_share_of_long_target);
  g_test_add_func ("/sla/calendar/reply-at-deadline",
                   test_reply_exactly_at_deadline);
  g_test_add_func ("/sla/business/weekend", test_business_weekend);
  g_test_add_func ("/sla/business/outside-hours", test_message_outside_hours);
  g_test_add_func ("/sla/business/holidays", test_holidays);
  g_test_add_func ("/sla/business/dst-spring", test_dst_spring_forward);
  g_test_add_func ("/sla/business/dst-fall", test_dst_fall_back);
  g_test_add_func ("/sla/business/split-and-midnight",
                   test_split_shift_and_midnight);
  g_test_add_func ("/sla/resolution/pause-resume", test_pause_and_resume);
  g_test_add_func ("/sla/next-response/reopen", test_next_response_and_reopen);
  g_test_add_func ("/sla/property/calendar", test_property_calendar);
  g_test_add_func ("/sla/property/business-roundtrip",
                   test_property_business_roundtrip);
  g_test_add_func ("/sla/format", test_format);
  g_test_add_func ("/sla/business/parse-and-format",
                   test_parse_and_format_days);

  rc = g_test_run ();
  g_time_zone_unref (berlin);
  return rc;
}
