/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-business-hours"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "desk-business-hours.h"

/* When the team works: opening intervals per weekday in the workspace's
 * time zone, and holidays. All arithmetic happens on real instants
 * computed from local wall-clock times, so days of 23 or 25 hours (the
 * changes to and from summer time) come out right. */
typedef struct
{
  guint start_minute; /* since local midnight */
  guint end_minute;   /* <= start_minute: ends on the next day */
} Interval;

struct _DeskBusinessHours
{
  gatomicrefcount ref_count;
  GTimeZone *tz;
  GArray *days[8];      /* Interval, by GDateWeekday (1 = Monday) */
  GHashTable *holidays; /* julian day numbers */
};

G_DEFINE_BOXED_TYPE (DeskBusinessHours,
                     desk_business_hours,
                     desk_business_hours_ref,
                     desk_business_hours_unref)

/* A year of holidays in a row is surely a configuration error; give up
 * there rather than loop for ever. */
#define MAX_DAYS 400

DeskBusinessHours *
desk_business_hours_new (GTimeZone *tz)
{
  DeskBusinessHours *self = g_new0 (DeskBusinessHours, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->tz = tz ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  for (guint i = 0; i < G_N_ELEMENTS (self->days); i++)
    self->days[i] = g_array_new (FALSE, FALSE, sizeof (Interval));
  self->holidays = g_hash_table_new (g_direct_hash, g_direct_equal);
  return self;
}

DeskBusinessHours *
desk_business_hours_ref (DeskBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
desk_business_hours_unref (DeskBusinessHours *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_time_zone_unref (self->tz);
  for (guint i = 0; i < G_N_ELEMENTS (self->days); i++)
    g_array_unref (self->days[i]);
  g_hash_table_unref (self->holidays);
  g_free (self);
}

GTimeZone *
desk_business_hours_get_timezone (DeskBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tz;
}

static int
compare_intervals (gconstpointer a, gconstpointer b)
{
  const Interval *x = a;
  const Interval *y = b;

  return (int) x->start_minute - (int) y->start_minute;
}

/* Opens on @weekday from @start_minute to @end_minute (minutes since
 * midnight, local time). An end at or before the start means the interval
 * runs past midnight into the next day. Several intervals a day are
 * allowed (split shifts). */
void
desk_business_hours_add_interval (DeskBusinessHours *self,
                                  GDateWeekday weekday,
                                  guint start_minute,
                                  guint end_minute)
{
  Interval interval = { start_minute, end_minute };

  g_return_if_fail (self != NULL);
  g_return_if_fail (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY);
  g_return_if_fail (start_minute < 24 * 60 && end_minute <= 24 * 60);

  g_array_append_val (self->days[weekday], interval);
  g_array_sort (self->days[weekday], compare_intervals);
}

void
desk_business_hours_add_holiday (DeskBusinessHours *self,
                                 guint year,
                                 guint month,
                                 guint day)
{
  GDate date;

  g_return_if_fail (self != NULL);
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  g_hash_table_add (self->holidays,
                    GUINT_TO_POINTER (g_date_get_julian (&date)));
}

static guint
julian_of (GDateTime *local)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  return g_date_get_julian (&date);
}

gboolean
desk_business_hours_is_holiday (DeskBusinessHours *self, GDateTime *local)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_hash_table_contains (self->holidays,
                                GUINT_TO_POINTER (julian_of (local)));
}

/* Easter Sunday of @year (Gregorian; the anonymous algorithm). */
static void
easter (guint year, guint *month, guint *day)
{
  guint a = year % 19, b = year / 100, c = year % 100;
  guint d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  guint h = (19 * a + b - d - g + 15) % 30;
  guint i = c / 4, k = c % 4;
  guint l = (32 + 2 * e + 2 * i - h - k) % 7;
  guint m = (a + 11 * h + 22 * l) / 451;

  *month = (h + l - 7 * m + 114) / 31;
  *day = ((h + l - 7 * m + 114) % 31) + 1;
}

/* The public holidays of all German states in @year. */
void
desk_business_hours_add_german_holidays (DeskBusinessHours *self, guint year)
{
  static const struct
  {
    guint month, day;
  } fixed[] = { { 1, 1 }, { 5, 1 }, { 10, 3 }, { 12, 25 }, { 12, 26 } };
  /* Good Friday, Easter Monday, Ascension, Whit Monday. */
  static const int from_easter[] = { -2, 1, 39, 50 };
  guint month, day;
  GDate date;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    desk_business_hours_add_holiday (self, year, fixed[i].month, fixed[i].day);

  easter (year, &month, &day);
  for (guint i = 0; i < G_N_ELEMENTS (from_easter); i++)
    {
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, day, month, year);
      if (from_easter[i] < 0)
        g_date_subtract_days (&date, (guint) -from_easter[i]);
      else
        g_date_add_days (&date, (guint) from_easter[i]);
      g_hash_table_add (self->holidays,
                        GUINT_TO_POINTER (g_date_get_julian (&date)));
    }
}

/* TRUE when no opening time is set: targets then count calendar time. */
gboolean
desk_business_hours_is_empty (DeskBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint i = G_DATE_MONDAY; i <= G_DATE_SUNDAY; i++)
    if (self->days[i]->len > 0)
      return FALSE;
  return TRUE;
}

static gint64
local_instant (DeskBusinessHours *self, GDateTime *day, guint minute)
{
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GDateTime) next = NULL;

  if (minute >= 24 * 60)
    {
      next = g_date_time_add_days (day, 1);
      at = g_date_time_new (self->tz, g_date_time_get_year (next),
                            g_date_time_get_month (next),
                            g_date_time_get_day_of_month (next), 0, 0, 0);
    }
  else
    at = g_date_time_new (
        self->tz, g_date_time_get_year (day), g_date_time_get_month (day),
        g_date_time_get_day_of_month (day), minute / 60, minute % 60, 0);
  return g_date_time_to_unix (at);
}

typedef gboolean (*IntervalFunc) (gint64 start, gint64 end, gpointer data);

/* Calls @func for the open intervals from the one around @from on, in
 * order, until it returns FALSE or MAX_DAYS have passed. */
static void
walk_open_intervals (DeskBusinessHours *self,
                     gint64 from,
                     IntervalFunc func,
                     gpointer data)
{
  g_autoptr (GDateTime) from_local = g_date_time_new_from_unix_utc (from);
  g_autoptr (GDateTime) in_tz = g_date_time_to_timezone (from_local, self->tz);
  g_autoptr (GDateTime) day = NULL;
  gint64 cursor = G_MININT64;

  /* Start a day early: yesterday's night shift may still be running. */
  day = g_date_time_new (self->tz, g_date_time_get_year (in_tz),
                         g_date_time_get_month (in_tz),
                         g_date_time_get_day_of_month (in_tz), 12, 0, 0);
  {
    GDateTime *previous = g_date_time_add_days (day, -1);
    g_date_time_unref (day);
    day = previous;
  }

  for (guint n = 0; n < MAX_DAYS; n++)
    {
      GArray *intervals = self->days[g_date_time_get_day_of_week (day)];
      GDateTime *next;

      if (!desk_business_hours_is_holiday (self, day))
        for (guint i = 0; i < intervals->len; i++)
          {
            const Interval *interval = &g_array_index (intervals, Interval, i);
            gint64 start = local_instant (self, day, interval->start_minute);
            gint64 end;

            if (interval->end_minute > interval->start_minute)
              end = local_instant (self, day, interval->end_minute);
            else
              {
                g_autoptr (GDateTime) tomorrow = g_date_time_add_days (day, 1);
                end = local_instant (self, tomorrow, interval->end_minute);
              }

            /* Overlapping intervals count once. */
            start = MAX (start, cursor);
            if (end <= start || end <= from)
              continue;
            cursor = end;
            if (!func (MAX (start, from), end, data))
              return;
          }

      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
}

typedef struct
{
  gint64 to;
  gint64 total;
} CountData;

static gboolean
count_cb (gint64 start, gint64 end, gpointer data)
{
  CountData *count = data;

  if (start >= count->to)
    return FALSE;
  count->total += MIN (end, count->to) - start;
  return TRUE;
}

/* Business seconds between @from and @to (unix times). */
gint64
desk_business_hours_count (DeskBusinessHours *self, gint64 from, gint64 to)
{
  CountData data = { to, 0 };

  g_return_val_if_fail (self != NULL, 0);

  if (to <= from)
    return 0;
  if (desk_business_hours_is_empty (self))
    return to - from;

  walk_open_intervals (self, from, count_cb, &data);
  return data.total;
}

typedef struct
{
  gint64 left;
  gint64 result;
} AddData;

static gboolean
add_cb (gint64 start, gint64 end, gpointer data)
{
  AddData *add = data;

  if (add->left <= end - start)
    {
      add->result = start + add->left;
      return FALSE;
    }
  add->left -= end - start;
  return TRUE;
}

/* The unix time at which @seconds of business time have passed after
 * @from; G_MAXINT64 when the calendar never opens. */
gint64
desk_business_hours_add (DeskBusinessHours *self, gint64 from, gint64 seconds)
{
  AddData data = { seconds, G_MAXINT64 };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (seconds >= 0, 0);

  if (desk_business_hours_is_empty (self))
    return from + seconds;

  walk_open_intervals (self, from, add_cb, &data);
  return data.result;
}

/* Every opening interval (DeskBusinessInterval), Monday first. */
GArray *
desk_business_hours_dup_intervals (DeskBusinessHours *self)
{
  GArray *intervals;

  g_return_val_if_fail (self != NULL, NULL);

  intervals = g_array_new (FALSE, FALSE, sizeof (DeskBusinessInterval));
  for (guint d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    for (guint i = 0; i < self->days[d]->len; i++)
      {
        const Interval *interval = &g_array_index (self->days[d], Interval, i);
        DeskBusinessInterval copy
            = { d, interval->start_minute, interval->end_minute };

        g_array_append_val (intervals, copy);
      }
  return intervals;
}

static int
compare_julian (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return (x > y) - (x < y);
}

/* The holidays as julian day numbers (guint32), in order. */
GArray *
desk_business_hours_dup_holidays (DeskBusinessHours *self)
{
  GArray *days;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  days = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_hash_table_iter_init (&iter, self->holidays);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 julian = GPOINTER_TO_UINT (key);
      g_array_append_val (days, julian);
    }
  g_array_sort (days, compare_julian);
  return days;
}

/* "09:00–12:00, 13:00–17:00" for a weekday; "" when closed. */
char *
desk_business_hours_format_day (DeskBusinessHours *self, GDateWeekday weekday)
{
  GString *text = g_string_new (NULL);
  GArray *intervals;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY,
                        NULL);

  intervals = self->days[weekday];
  for (guint i = 0; i < intervals->len; i++)
    {
      const Interval *interval = &g_array_index (intervals, Interval, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (
          text, "%02u:%02u–%02u:%02u", interval->start_minute / 60,
          interval->start_minute % 60, interval->end_minute / 60,
          interval->end_minute % 60);
    }
  return g_string_free (text, FALSE);
}

static gboolean
parse_time (const char *text, guint *minute)
{
  guint64 hours, minutes = 0;
  char *end;

  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text))
    return FALSE;
  hours = g_ascii_strtoull (text, &end, 10);
  if (*end == ':' || *end == '.')
    {
      if (!g_ascii_isdigit (end[1]) || !g_ascii_isdigit (end[2]))
        return FALSE;
      minutes = g_ascii_strtoull (end + 1, &end, 10);
    }
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || minutes > 59 || hours > 24 || (hours == 24 && minutes))
    return FALSE;

  *minute = (guint) (hours * 60 + minutes);
  return TRUE;
}

/* Replaces @weekday's intervals with those in @text, written like
 * "9–12, 13:00–17:30" (hyphen, en dash or "bis"); an empty text closes the
 * day. On error nothing changes. */
gboolean
desk_business_hours_parse_day (DeskBusinessHours *self,
                               GDateWeekday weekday,
                               const char *text,
                               GError **error)
{
  g_autoptr (GArray) parsed = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_auto (GStrv) parts = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY,
                        FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  parts = g_strsplit_set (text, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      g_autoptr (GString) normal = NULL;
      g_auto (GStrv) ends = NULL;
      Interval interval;

      if (*part == '\0')
        continue;

      /* One separator for all the ways people write a range. */
      normal = g_string_new (part);
      g_string_replace (normal, "–", "-", 0);
      g_string_replace (normal, " bis ", "-", 0);
      g_string_replace (normal, " to ", "-", 0);
      ends = g_strsplit (normal->str, "-", -1);
      if (g_strv_length (ends) != 2
          || !parse_time (ends[0], &interval.start_minute)
          || !parse_time (ends[1], &interval.end_minute)
          || interval.start_minute >= 24 * 60
          || interval.start_minute == interval.end_minute)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is what the user typed */
                       _ ("“%s” is not a time range such as 09:00–17:00."),
                       part);
          return FALSE;
        }
      g_array_append_val (parsed, interval);
    }

  g_array_set_size (self->days[weekday], 0);
  for (guint i = 0; i < parsed->len; i++)
    {
      const Interval *interval = &g_array_index (parsed, Interval, i);
      desk_business_hours_add_interval (self, weekday, interval->start_minute,
                                        interval->end_minute);
    }
  return TRUE;
}
