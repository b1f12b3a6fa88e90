/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "desk-types.h"

G_BEGIN_DECLS

typedef struct _DeskBusinessHours DeskBusinessHours;

typedef struct
{
  GDateWeekday weekday;
  guint start_minute;
  guint end_minute; /* <= start_minute: runs into the next day */
} DeskBusinessInterval;

#define DESK_TYPE_BUSINESS_HOURS (desk_business_hours_get_type ())

GType desk_business_hours_get_type (void) G_GNUC_CONST;

DeskBusinessHours *desk_business_hours_new (GTimeZone *tz);
DeskBusinessHours *desk_business_hours_ref (DeskBusinessHours *self);
void desk_business_hours_unref (DeskBusinessHours *self);

GTimeZone *desk_business_hours_get_timezone (DeskBusinessHours *self);
void desk_business_hours_add_interval (DeskBusinessHours *self,
                                       GDateWeekday weekday,
                                       guint start_minute,
                                       guint end_minute);
void desk_business_hours_add_holiday (DeskBusinessHours *self,
                                      guint year,
                                      guint month,
                                      guint day);
gboolean desk_business_hours_is_holiday (DeskBusinessHours *self,
                                         GDateTime *local);
void desk_business_hours_add_german_holidays (DeskBusinessHours *self,
                                              guint year);
gboolean desk_business_hours_is_empty (DeskBusinessHours *self);
GArray *desk_business_hours_dup_intervals (DeskBusinessHours *self);
GArray *desk_business_hours_dup_holidays (DeskBusinessHours *self);
char *desk_business_hours_format_day (DeskBusinessHours *self,
                                      GDateWeekday weekday);
gboolean desk_business_hours_parse_day (DeskBusinessHours *self,
                                        GDateWeekday weekday,
                                        const char *text,
                                        GError **error);

gint64
desk_business_hours_count (DeskBusinessHours *self, gint64 from, gint64 to);
gint64
desk_business_hours_add (DeskBusinessHours *self, gint64 from, gint64 seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskBusinessHours, desk_business_hours_unref)

G_END_DECLS
