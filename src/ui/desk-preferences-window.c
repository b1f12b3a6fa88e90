/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-preferences-window.h"

/* Preferences: the agent's name and team (GSettings, per person), and the
 * workspace's answer-time targets, reach threshold and business hours
 * (the store, shared by the team). Changes apply at once. */
struct _DeskPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  DeskStore *store;
  GSettings *settings;

  AdwEntryRow *agent_row;
  GtkListBox *teammates_list;
  AdwEntryRow *new_teammate_row;
  GtkSpinButton *reach_spin;
  AdwPreferencesGroup *targets_group;
  AdwPreferencesGroup *hours_group;
  AdwEntryRow *timezone_row;
  AdwEntryRow *day_rows[8]; /* by GDateWeekday */
  AdwActionRow *holidays_row;
  GtkWidget *clear_holidays_button;
  GPtrArray *teammate_rows;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (DeskPreferencesWindow,
                     desk_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The timers and the networks whose targets can be set here. */
typedef struct
{
  const char *network;
  DeskPriority priority;
} TargetKey;

static const TargetKey target_keys[] = {
  { "mastodon", DESK_PRIORITY_NORMAL },
  { "mastodon", DESK_PRIORITY_HIGH },
  { "bluesky", DESK_PRIORITY_NORMAL },
  { "bluesky", DESK_PRIORITY_HIGH },
};

enum
{
  FIELD_FIRST,
  FIELD_NEXT,
  FIELD_RESOLUTION,
  FIELD_BUSINESS,
};

static void
show_error (DeskPreferencesWindow *self, const char *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (message));
}

static const char *
weekday_name (GDateWeekday day)
{
  switch (day)
    {
      case G_DATE_MONDAY:
        return _ ("Monday");
      case G_DATE_TUESDAY:
        return _ ("Tuesday");
      case G_DATE_WEDNESDAY:
        return _ ("Wednesday");
      case G_DATE_THURSDAY:
        return _ ("Thursday");
      case G_DATE_FRIDAY:
        return _ ("Friday");
      case G_DATE_SATURDAY:
        return _ ("Saturday");
      case G_DATE_SUNDAY:
      default:
        return _ ("Sunday");
    }
}

static char *
describe_policy (const DeskSlaPolicy *policy)
{
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *close = NULL;

  first = desk_sla_format_left (policy->first_response_minutes * 60);
  next = desk_sla_format_left (policy->next_response_minutes * 60);
  close = desk_sla_format_left (policy->resolution_minutes * 60);
  /* Translators: a summary of answer-time targets, e.g.
   * "First answer 1 h · next 1 h · closed 24 h" */
  return g_strdup_printf (_ ("First answer %s · next %s · closed %s"), first,
                          next, close);
}

/* Teammates */

static void load_teammates (DeskPreferencesWindow *self);

static void
on_remove_teammate_cb (GtkButton *button, DeskPreferencesWindow *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "teammate");
  g_auto (GStrv) old = g_settings_get_strv (self->settings, "teammates");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) names = NULL;

  for (guint i = 0; old[i] != NULL; i++)
    if (g_strcmp0 (old[i], name) != 0)
      g_strv_builder_add (builder, old[i]);
  names = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "teammates",
                       (const char *const *) names);
}

static void
load_teammates (DeskPreferencesWindow *self)
{
  g_auto (GStrv) names = g_settings_get_strv (self->settings, "teammates");

  for (guint i = 0; i < self->teammate_rows->len; i++)
    gtk_list_box_remove (self->teammates_list,
                         g_ptr_array_index (self->teammate_rows, i));
  g_ptr_array_set_size (self->teammate_rows, 0);

  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tooltip = NULL;

      /* Names are people's text: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      /* Translators: %s is a teammate's name */
      tooltip = g_strdup_printf (_ ("Remove %s"), names[i]);
      gtk_widget_set_tooltip_text (remove, tooltip);
      g_object_set_data_full (G_OBJECT (remove), "teammate",
                              g_strdup (names[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_teammate_cb),
                        self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_insert (self->teammates_list, row, (int) i);
      g_ptr_array_add (self->teammate_rows, row);
    }
}

static void
on_teammates_changed_cb (DeskPreferencesWindow *self)
{
  load_teammates (self);
}

static void
on_new_teammate_apply_cb (DeskPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (
      g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_teammate_row))));
  g_auto (GStrv) old = g_settings_get_strv (self->settings, "teammates");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) names = NULL;

  if (*name == '\0')
    return;
  if (g_strv_contains ((const char *const *) old, name))
    {
      /* Translators: %s is a teammate's name */
      g_autofree char *text
          = g_strdup_printf (_ ("%s is already on the team."), name);
      show_error (self, text);
      return;
    }

  g_strv_builder_addv (builder, (const char **) old);
  g_strv_builder_add (builder, name);
  names = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "teammates",
                       (const char *const *) names);
  gtk_editable_set_text (GTK_EDITABLE (self->new_teammate_row), "");
}

static void
on_agent_row_apply_cb (DeskPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (
      g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agent_row))));

  g_settings_set_string (self->settings, "agent-name", name);
}

/* Targets */

static void
on_target_changed_cb (GtkWidget *widget, DeskPreferencesWindow *self)
{
  const TargetKey *key = g_object_get_data (G_OBJECT (widget), "target");
  int field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "field"));
  AdwExpanderRow *expander = g_object_get_data (G_OBJECT (widget), "expander");
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  DeskSlaPolicy policy;

  if (self->loading)
    return;

  desk_store_get_sla_policy (self->store, key->network, key->priority, &policy);
  switch (field)
    {
      case FIELD_FIRST:
        policy.first_response_minutes
            = (guint) gtk_spin_button_get_value_as_int (
                GTK_SPIN_BUTTON (widget));
        break;
      case FIELD_NEXT:
        policy.next_response_minutes
            = (guint) gtk_spin_button_get_value_as_int (
                GTK_SPIN_BUTTON (widget));
        break;
      case FIELD_RESOLUTION:
        policy.resolution_minutes = (guint) gtk_spin_button_get_value_as_int (
                                        GTK_SPIN_BUTTON (widget))
                                    * 60;
        break;
      default:
        policy.business_time = gtk_switch_get_active (GTK_SWITCH (widget));
    }

  if (!desk_store_set_sla_policy (self->store, key->network, key->priority,
                                  &policy, &error))
    {
      show_error (self, error->message);
      return;
    }

  summary = describe_policy (&policy);
  adw_expander_row_set_subtitle (expander, summary);
}

static GtkWidget *
add_spin_row (AdwExpanderRow *expander,
              const char *title,
              const char *unit,
              double value,
              double upper,
              int field,
              const TargetKey *key,
              DeskPreferencesWindow *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, upper, 1);
  GtkWidget *label = gtk_label_new (unit);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_object_set_data (G_OBJECT (spin), "target", (gpointer) key);
  g_object_set_data (G_OBJECT (spin), "field", GINT_TO_POINTER (field));
  g_object_set_data (G_OBJECT (spin), "expander", expander);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_target_changed_cb),
                    self);
  adw_expander_row_add_row (expander, row);
  return spin;
}

static void
build_targets (DeskPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (target_keys); i++)
    {
      const TargetKey *key = &target_keys[i];
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *business_row = adw_action_row_new ();
      GtkWidget *business = gtk_switch_new ();
      g_autofree char *title = NULL;
      g_autofree char *summary = NULL;
      const char *network = g_str_equal (key->network, "mastodon")
                                ? _ ("Mastodon")
                                : _ ("Bluesky");
      DeskSlaPolicy policy;

      desk_store_get_sla_policy (self->store, key->network, key->priority,
                                 &policy);
      if (key->priority == DESK_PRIORITY_HIGH)
        /* Translators: %s is a network, e.g. "Mastodon, High Reach" */
        title = g_strdup_printf (_ ("%s, High Reach"), network);
      else
        title = g_strdup (network);
      summary = describe_policy (&policy);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary);

      add_spin_row (ADW_EXPANDER_ROW (expander), _ ("First Answer Within"),
                    _ ("minutes"), policy.first_response_minutes, 24 * 60,
                    FIELD_FIRST, key, self);
      add_spin_row (ADW_EXPANDER_ROW (expander),
                    _ ("Every Further Answer Within"), _ ("minutes"),
                    policy.next_response_minutes, 24 * 60, FIELD_NEXT, key,
                    self);
      add_spin_row (ADW_EXPANDER_ROW (expander), _ ("Closed Within"),
                    _ ("hours"), policy.resolution_minutes / 60.0, 24,
                    FIELD_RESOLUTION, key, self);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (business_row),
                                     _ ("Count Business Hours Only"));
      gtk_switch_set_active (GTK_SWITCH (business), policy.business_time);
      gtk_widget_set_valign (business, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (business_row), business);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (business_row),
                                             business);
      g_object_set_data (G_OBJECT (business), "target", (gpointer) key);
      g_object_set_data (G_OBJECT (business), "field",
                         GINT_TO_POINTER (FIELD_BUSINESS));
      g_object_set_data (G_OBJECT (business), "expander", expander);
      g_signal_connect (business, "notify::active",
                        G_CALLBACK (on_target_changed_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), business_row);

      adw_preferences_group_add (self->targets_group, expander);
    }
}

static void
on_reach_changed_cb (DeskPreferencesWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->loading)
    return;

  if (!desk_store_set_high_reach_followers (
          self->store, gtk_spin_button_get_value_as_int (self->reach_spin),
          &error))
    show_error (self, error->message);
}

/* Business hours */

static void
update_holidays_row (DeskPreferencesWindow *self, DeskBusinessHours *hours)
{
  g_autoptr (GArray) days = desk_business_hours_dup_holidays (hours);
  g_autofree char *subtitle = NULL;

  if (days->len == 0)
    subtitle = g_strdup (_ ("None; the team works on public holidays"));
  else
    subtitle = g_strdup_printf (
        ngettext ("%u day off", "%u days off", days->len), days->len);
  adw_action_row_set_subtitle (self->holidays_row, subtitle);
  gtk_widget_set_sensitive (self->clear_holidays_button, days->len > 0);
}

static void
load_hours (DeskPreferencesWindow *self)
{
  g_autoptr (DeskBusinessHours) hours
      = desk_store_get_business_hours (self->store);

  self->loading = TRUE;
  gtk_editable_set_text (
      GTK_EDITABLE (self->timezone_row),
      g_time_zone_get_identifier (desk_business_hours_get_timezone (hours)));
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    {
      g_autofree char *text = desk_business_hours_format_day (hours, d);
      gtk_editable_set_text (GTK_EDITABLE (self->day_rows[d]), text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->day_rows[d]), "error");
    }
  update_holidays_row (self, hours);
  self->loading = FALSE;
}

/* Builds the hours from what the rows say now, keeping the holidays; NULL
 * (and the offending row marked) when a row does not parse. */
static DeskBusinessHours *
hours_from_rows (DeskPreferencesWindow *self, GError **error)
{
  g_autoptr (DeskBusinessHours) stored
      = desk_store_get_business_hours (self->store);
  g_autoptr (DeskBusinessHours) hours = NULL;
  g_autoptr (GArray) holidays = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  const char *zone = gtk_editable_get_text (GTK_EDITABLE (self->timezone_row));

  tz = g_time_zone_new_identifier (zone);
  gtk_widget_remove_css_class (GTK_WIDGET (self->timezone_row), "error");
  if (tz == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->timezone_row), "error");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is what the user typed */
                   _ ("“%s” is not a time zone such as Europe/Berlin."), zone);
      return NULL;
    }

  hours = desk_business_hours_new (tz);
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    {
      GtkWidget *row = GTK_WIDGET (self->day_rows[d]);

      gtk_widget_remove_css_class (row, "error");
      if (!desk_business_hours_parse_day (
              hours, d, gtk_editable_get_text (GTK_EDITABLE (row)), error))
        {
          gtk_widget_add_css_class (row, "error");
          return NULL;
        }
    }

  holidays = desk_business_hours_dup_holidays (stored);
  for (guint i = 0; i < holidays->len; i++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, g_array_index (holidays, guint32, i));
      desk_business_hours_add_holiday (hours, g_date_get_year (&date),
                                       g_date_get_month (&date),
                                       g_date_get_day (&date));
    }
  return g_steal_pointer (&hours);
}

static void
save_hours (DeskPreferencesWindow *self, DeskBusinessHours *hours)
{
  g_autoptr (GError) error = NULL;

  if (!desk_store_set_business_hours (self->store, hours, &error))
    show_error (self, error->message);
  load_hours (self);
}

static void
on_hours_apply_cb (DeskPreferencesWindow *self)
{
  g_autoptr (DeskBusinessHours) hours = NULL;
  g_autoptr (GError) error = NULL;

  if (self->loading)
    return;

  hours = hours_from_rows (self, &error);
  if (hours == NULL)
    {
      show_error (self, error->message);
      return;
    }
  save_hours (self, hours);
}

static void
on_add_holidays_cb (DeskPreferencesWindow *self)
{
  g_autoptr (DeskBusinessHours) hours = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  guint year = (guint) g_date_time_get_year (now);

  hours = hours_from_rows (self, &error);
  if (hours == NULL)
    {
      show_error (self, error->message);
      return;
    }
  /* This year and the next: deadlines in late December reach into it. */
  desk_business_hours_add_german_holidays (hours, year);
  desk_business_hours_add_german_holidays (hours, year + 1);
  save_hours (self, hours);
}

static void
on_clear_holidays_cb (DeskPreferencesWindow *self)
{
  g_autoptr (DeskBusinessHours) stored
      = desk_store_get_business_hours (self->store);
  g_autoptr (DeskBusinessHours) hours = NULL;
  g_autoptr (GArray) intervals = NULL;

  hours = desk_business_hours_new (desk_business_hours_get_timezone (stored));
  intervals = desk_business_hours_dup_intervals (stored);
  for (guint i = 0; i < intervals->len; i++)
    {
      const DeskBusinessInterval *interval
          = &g_array_index (intervals, DeskBusinessInterval, i);
      desk_business_hours_add_interval (hours, interval->weekday,
                                        interval->start_minute,
                                        interval->end_minute);
    }
  save_hours (self, hours);
}

static void
build_day_rows (DeskPreferencesWindow *self)
{
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     weekday_name (d));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect_swapped (row, "apply", G_CALLBACK (on_hours_apply_cb),
                                self);
      adw_preferences_group_add (self->hours_group, row);
      self->day_rows[d] = ADW_ENTRY_ROW (row);
    }
}

static void
desk_preferences_window_constructed (GObject *object)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);
  g_autofree char *agent = NULL;

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->constructed (object);

  g_assert (DESK_IS_STORE (self->store));
  g_assert (G_IS_SETTINGS (self->settings));

  agent = g_settings_get_string (self->settings, "agent-name");
  gtk_editable_set_text (GTK_EDITABLE (self->agent_row),
                         *agent ? agent : g_get_real_name ());
  load_teammates (self);
  g_signal_connect_object (self->settings, "changed::teammates",
                           G_CALLBACK (on_teammates_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->loading = TRUE;
  gtk_spin_button_set_value (self->reach_spin,
                             desk_store_get_high_reach_followers (self->store));
  self->loading = FALSE;
  build_targets (self);
  build_day_rows (self);
  load_hours (self);
}

static void
desk_preferences_window_get_property (GObject *object,
                                      guint prop_id,
                                      GValue *value,
                                      GParamSpec *pspec)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_SETTINGS:
        g_value_set_object (value, self->settings);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_preferences_window_set_property (GObject *object,
                                      guint prop_id,
                                      const GValue *value,
                                      GParamSpec *pspec)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;

      case PROP_SETTINGS:
        self->settings = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_preferences_window_dispose (GObject *object)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->dispose (object);
}

static void
desk_preferences_window_finalize (GObject *object)
{
  DeskPreferencesWindow *self = DESK_PREFERENCES_WINDOW (object);

  g_ptr_array_unref (self->teammate_rows);

  G_OBJECT_CLASS (desk_preferences_window_parent_class)->finalize (object);
}

static void
desk_preferences_window_class_init (DeskPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = desk_preferences_window_constructed;
  object_class->get_property = desk_preferences_window_get_property;
  object_class->set_property = desk_preferences_window_set_property;
  object_class->dispose = desk_preferences_window_dispose;
  object_class->finalize = desk_preferences_window_finalize;

  properties[PROP_STORE] = g_param_spec_object (
      "store", NULL, NULL, DESK_TYPE_STORE,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] = g_param_spec_object (
      "settings", NULL, NULL, G_TYPE_SETTINGS,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Keeps the resource linked in: templates load from it. */
  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class,
      "/io/github/socialdesk/Socialdesk/ui/desk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        agent_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        teammates_list);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        new_teammate_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        reach_spin);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        targets_group);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        hours_group);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        timezone_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        holidays_row);
  gtk_widget_class_bind_template_child (widget_class, DeskPreferencesWindow,
                                        clear_holidays_button);
  gtk_widget_class_bind_template_callback (widget_class, on_agent_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_new_teammate_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reach_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hours_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_holidays_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_holidays_cb);
}

static void
desk_preferences_window_init (DeskPreferencesWindow *self)
{
  self->teammate_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

DeskPreferencesWindow *
desk_preferences_window_new (GtkWindow *parent,
                             DeskStore *store,
                             GSettings *settings)
{
  g_return_val_if_fail (DESK_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (DESK_TYPE_PREFERENCES_WINDOW, "transient-for", parent,
                       "modal", parent != NULL, "store", store, "settings",
                       settings, NULL);
}
