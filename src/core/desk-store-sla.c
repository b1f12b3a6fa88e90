/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-store-sla"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "desk-conversation-private.h"
#include "desk-store-private.h"

/* The workspace's SLA policies and business hours, the nearest deadline
 * kept on each conversation, and the attainment written to the event log
 * when a timer stops. */

typedef struct
{
  const char *network; /* NULL: any */
  DeskPriority priority;
  DeskSlaPolicy policy;
} DefaultPolicy;

/* Fast networks promise an hour, slower ones six; people with a large
 * reach get half; nothing waits longer than a day. */
static const DefaultPolicy defaults[] = {
  { "mastodon", DESK_PRIORITY_HIGH, { 30, 30, 8 * 60, FALSE } },
  { "bluesky", DESK_PRIORITY_HIGH, { 30, 30, 8 * 60, FALSE } },
  { "mastodon", DESK_PRIORITY_NORMAL, { 60, 60, 24 * 60, FALSE } },
  { "bluesky", DESK_PRIORITY_NORMAL, { 60, 60, 24 * 60, FALSE } },
  { "facebook", DESK_PRIORITY_HIGH, { 3 * 60, 3 * 60, 12 * 60, FALSE } },
  { "instagram", DESK_PRIORITY_HIGH, { 3 * 60, 3 * 60, 12 * 60, FALSE } },
  { "facebook", DESK_PRIORITY_NORMAL, { 6 * 60, 6 * 60, 24 * 60, FALSE } },
  { "instagram", DESK_PRIORITY_NORMAL, { 6 * 60, 6 * 60, 24 * 60, FALSE } },
  { NULL, DESK_PRIORITY_HIGH, { 30, 60, 12 * 60, FALSE } },
  { NULL, DESK_PRIORITY_NORMAL, { 60, 2 * 60, 24 * 60, FALSE } },
};

/* The policy for a conversation on @network with @priority: the stored
 * one when the team set it, else the built-in default. */
void
desk_store_get_sla_policy (DeskStore *self,
                           const char *network,
                           DeskPriority priority,
                           DeskSlaPolicy *policy)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (policy != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    if (defaults[i].priority == priority
        && (defaults[i].network == NULL
            || g_strcmp0 (defaults[i].network, network) == 0))
      {
        *policy = defaults[i].policy;
        break;
      }

  stmt = _desk_store_prepare (
      self,
      "SELECT first_response_minutes, next_response_minutes,"
      " resolution_minutes, business_time FROM sla_policy"
      " WHERE (network = ? OR network IS NULL) AND priority = ?"
      " ORDER BY network IS NULL LIMIT 1",
      NULL);
  if (stmt == NULL)
    return;

  _desk_bind_text (stmt, 1, network);
  sqlite3_bind_int (stmt, 2, priority);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      policy->first_response_minutes = (guint) sqlite3_column_int (stmt, 0);
      policy->next_response_minutes = (guint) sqlite3_column_int (stmt, 1);
      policy->resolution_minutes = (guint) sqlite3_column_int (stmt, 2);
      policy->business_time = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
}

gboolean
desk_store_set_sla_policy (DeskStore *self,
                           const char *network,
                           DeskPriority priority,
                           const DeskSlaPolicy *policy,
                           GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  if (policy->first_response_minutes == 0 || policy->next_response_minutes == 0
      || policy->resolution_minutes == 0)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("Every target must be at least one minute."));
      return FALSE;
    }

  stmt = _desk_store_prepare (
      self,
      "INSERT INTO sla_policy (network, priority, first_response_minutes,"
      " next_response_minutes, resolution_minutes, business_time)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (network, priority)"
      " DO UPDATE SET first_response_minutes = ?3,"
      " next_response_minutes = ?4, resolution_minutes = ?5,"
      " business_time = ?6",
      error);
  if (stmt == NULL)
    return FALSE;

  _desk_bind_text (stmt, 1, network);
  sqlite3_bind_int (stmt, 2, priority);
  sqlite3_bind_int (stmt, 3, (int) policy->first_response_minutes);
  sqlite3_bind_int (stmt, 4, (int) policy->next_response_minutes);
  sqlite3_bind_int (stmt, 5, (int) policy->resolution_minutes);
  sqlite3_bind_int (stmt, 6, policy->business_time ? 1 : 0);
  return _desk_store_exec_stmt (self, stmt, error);
}

/* The workspace's business hours in its time zone (Europe/Berlin for a
 * new workspace's holidays; the machine's zone otherwise). */
DeskBusinessHours *
desk_store_get_business_hours (DeskStore *self)
{
  g_autoptr (GTimeZone) tz = NULL;
  DeskBusinessHours *hours;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);

  stmt = _desk_store_prepare (
      self, "SELECT value FROM workspace_setting WHERE key = 'timezone'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    tz = g_time_zone_new_identifier (_desk_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (tz == NULL)
    tz = g_time_zone_new_local ();

  hours = desk_business_hours_new (tz);

  stmt = _desk_store_prepare (
      self, "SELECT weekday, start_minute, end_minute FROM business_hours",
      NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    desk_business_hours_add_interval (hours, sqlite3_column_int (stmt, 0),
                                      (guint) sqlite3_column_int (stmt, 1),
                                      (guint) sqlite3_column_int (stmt, 2));
  if (stmt != NULL)
    sqlite3_reset (stmt);

  stmt = _desk_store_prepare (self, "SELECT day FROM holiday", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint year, month, day;

      if (sscanf (_desk_column_text (stmt, 0), "%u-%u-%u", &year, &month, &day)
              == 3
          && g_date_valid_dmy (day, month, year))
        desk_business_hours_add_holiday (hours, year, month, day);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return hours;
}

/* Evaluates every timer of @conversation at @now with the workspace's
 * policy and hours. */
void
desk_store_evaluate_sla (DeskStore *self,
                         DeskConversation *conversation,
                         gint64 now,
                         DeskSlaResult results[DESK_SLA_N_TIMERS])
{
  g_autoptr (DeskBusinessHours) hours = NULL;
  DeskSlaPolicy policy;
  DeskSlaInput input;

  g_return_if_fail (DESK_IS_STORE (self));
  g_return_if_fail (DESK_IS_CONVERSATION (conversation));

  desk_store_get_sla_policy (self, desk_conversation_get_network (conversation),
                             desk_conversation_get_priority (conversation),
                             &policy);
  if (policy.business_time)
    hours = desk_store_get_business_hours (self);
  desk_conversation_get_sla_input (conversation, &input);
  desk_sla_evaluate (&policy, hours, &input, now, results);
}

static const char *const timer_events[] = {
  [DESK_SLA_TIMER_FIRST_RESPONSE] = "sla-first-response",
  [DESK_SLA_TIMER_NEXT_RESPONSE] = "sla-next-response",
  [DESK_SLA_TIMER_RESOLUTION] = "sla-resolution",
};

/* Writes "met <seconds early>" or "breached <seconds late>" for @timer if
 * it is running now, i.e. stops with what is about to happen. */
gboolean
_desk_store_log_attainment (DeskStore *self,
                            gint64 conversation_id,
                            DeskSlaTimer timer,
                            GError **error)
{
  g_autoptr (DeskConversation) conversation = NULL;
  g_autofree char *detail = NULL;
  DeskSlaResult results[DESK_SLA_N_TIMERS];
  const DeskSlaResult *result;
  gint64 now = _desk_store_now (self);

  conversation = desk_store_load_conversation (self, conversation_id, error);
  if (conversation == NULL)
    return FALSE;

  desk_store_evaluate_sla (self, conversation, now, results);
  result = &results[timer];
  switch (result->state)
    {
      case DESK_SLA_STATE_RUNNING:
      case DESK_SLA_STATE_WARNING:
      case DESK_SLA_STATE_PAUSED:
        detail
            = g_strdup_printf ("met %" G_GINT64_FORMAT, MAX (result->left, 0));
        break;

      case DESK_SLA_STATE_BREACHED:
        detail = g_strdup_printf ("breached %" G_GINT64_FORMAT, -result->left);
        break;

      default:
        return TRUE;
    }

  return _desk_store_log_event (self, conversation_id, NULL,
                                timer_events[timer], detail, error);
}

/* Keeps the conversation's nearest deadline up to date after a change. */
gboolean
_desk_store_update_due (DeskStore *self, gint64 conversation_id, GError **error)
{
  g_autoptr (DeskConversation) conversation = NULL;
  DeskSlaResult results[DESK_SLA_N_TIMERS];
  gint64 due = 0;
  sqlite3_stmt *stmt;

  conversation = desk_store_load_conversation (self, conversation_id, error);
  if (conversation == NULL)
    return FALSE;

  desk_store_evaluate_sla (self, conversation, _desk_store_now (self), results);
  for (int i = 0; i < DESK_SLA_N_TIMERS; i++)
    if (results[i].state == DESK_SLA_STATE_RUNNING
        || results[i].state == DESK_SLA_STATE_WARNING
        || results[i].state == DESK_SLA_STATE_BREACHED)
      if (due == 0 || results[i].due_at < due)
        due = results[i].due_at;

  stmt = _desk_store_prepare (
      self, "UPDATE conversation SET due_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (due > 0 && due < G_MAXINT64)
    sqlite3_bind_int64 (stmt, 1, due);
  sqlite3_bind_int64 (stmt, 2, conversation_id);
  return _desk_store_exec_stmt (self, stmt, error);
}

/* Workspace-wide settings shared by the team live in the database, not
 * in one agent's GSettings. */
char *
desk_store_get_setting (DeskStore *self, const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (DESK_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _desk_store_prepare (
      self, "SELECT value FROM workspace_setting WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  _desk_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (_desk_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
desk_store_set_setting (DeskStore *self,
                        const char *key,
                        const char *value,
                        GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  stmt = _desk_store_prepare (
      self,
      "INSERT INTO workspace_setting (key, value) VALUES (?1, ?2)"
      " ON CONFLICT (key) DO UPDATE SET value = ?2",
      error);
  if (stmt == NULL)
    return FALSE;
  _desk_bind_text (stmt, 1, key);
  _desk_bind_text (stmt, 2, value);
  return _desk_store_exec_stmt (self, stmt, error);
}

/* Customers with at least this many followers are answered first. */
gint64
desk_store_get_high_reach_followers (DeskStore *self)
{
  g_autofree char *value = NULL;
  gint64 followers;

  g_return_val_if_fail (DESK_IS_STORE (self), 0);

  value = desk_store_get_setting (self, "high-reach-followers");
  if (value == NULL)
    return DESK_STORE_HIGH_REACH_FOLLOWERS;
  followers = g_ascii_strtoll (value, NULL, 10);
  return followers > 0 ? followers : DESK_STORE_HIGH_REACH_FOLLOWERS;
}

/* Changes the threshold and re-ranks the open conversations by it. */
gboolean
desk_store_set_high_reach_followers (DeskStore *self,
                                     gint64 followers,
                                     GError **error)
{
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);

  if (followers < 1)
    {
      g_set_error (error, DESK_STORE_ERROR, DESK_STORE_ERROR_INVALID,
                   _ ("The follower threshold must be at least 1."));
      return FALSE;
    }

  if (!_desk_store_begin (self, error))
    return FALSE;

  value = g_strdup_printf ("%" G_GINT64_FORMAT, followers);
  if (!desk_store_set_setting (self, "high-reach-followers", value, error))
    goto fail;

  stmt = _desk_store_prepare (
      self,
      "UPDATE conversation SET priority = coalesce ((SELECT max (i.followers)"
      " >= ?1 FROM identity i WHERE i.customer_id = conversation.customer_id),"
      " 0) WHERE status <> 3 RETURNING id",
      error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, followers);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _desk_store_touch (self, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (!_desk_store_check (self, rc, error))
    goto fail;

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}

/* Replaces the workspace's opening hours, time zone and holidays with
 * those of @hours, and moves every open deadline accordingly. */
gboolean
desk_store_set_business_hours (DeskStore *self,
                               DeskBusinessHours *hours,
                               GError **error)
{
  g_autoptr (GArray) intervals = NULL;
  g_autoptr (GArray) holidays = NULL;
  g_autoptr (GArray) open = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DESK_IS_STORE (self), FALSE);
  g_return_val_if_fail (hours != NULL, FALSE);

  if (!_desk_store_begin (self, error))
    return FALSE;

  if (!desk_store_set_setting (
          self, "timezone",
          g_time_zone_get_identifier (desk_business_hours_get_timezone (hours)),
          error))
    goto fail;

  stmt = _desk_store_prepare (self, "DELETE FROM business_hours", error);
  if (stmt == NULL || !_desk_store_exec_stmt (self, stmt, error))
    goto fail;
  stmt = _desk_store_prepare (self, "DELETE FROM holiday", error);
  if (stmt == NULL || !_desk_store_exec_stmt (self, stmt, error))
    goto fail;

  intervals = desk_business_hours_dup_intervals (hours);
  stmt = _desk_store_prepare (
      self,
      "INSERT INTO business_hours (weekday, start_minute, end_minute)"
      " VALUES (?, ?, ?)",
      error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < intervals->len; i++)
    {
      const DeskBusinessInterval *interval
          = &g_array_index (intervals, DeskBusinessInterval, i);

      sqlite3_bind_int (stmt, 1, interval->weekday);
      sqlite3_bind_int (stmt, 2, (int) interval->start_minute);
      sqlite3_bind_int (stmt, 3, (int) interval->end_minute);
      if (!_desk_store_exec_stmt (self, stmt, error))
        goto fail;
    }

  holidays = desk_business_hours_dup_holidays (hours);
  stmt = _desk_store_prepare (
      self, "INSERT OR IGNORE INTO holiday (day, name) VALUES (?, '')", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < holidays->len; i++)
    {
      GDate date;
      char day[16];

      g_date_clear (&date, 1);
      g_date_set_julian (&date, g_array_index (holidays, guint32, i));
      g_snprintf (day, sizeof day, "%04u-%02u-%02u", g_date_get_year (&date),
                  g_date_get_month (&date), g_date_get_day (&date));
      _desk_bind_text (stmt, 1, day);
      if (!_desk_store_exec_stmt (self, stmt, error))
        goto fail;
    }

  /* Business time changes when deadlines fall. */
  open = g_array_new (FALSE, FALSE, sizeof (gint64));
  stmt = _desk_store_prepare (
      self, "SELECT id FROM conversation WHERE status <> 3", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (open, id);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < open->len; i++)
    {
      gint64 id = g_array_index (open, gint64, i);

      if (!_desk_store_update_due (self, id, error))
        goto fail;
      _desk_store_touch (self, id);
    }

  return _desk_store_commit (self, error);

fail:
  _desk_store_rollback (self);
  return FALSE;
}
