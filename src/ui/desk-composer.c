/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-composer"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ui/desk-resources.h"
#include "desk-composer.h"

/* Where the agent writes a reply. The text is kept as a draft in the
 * store while typing, so a crash or a switch to another conversation
 * loses nothing; sending queues the reply in the store, and the outbox
 * takes it from there. */
struct _DeskComposer
{
  GtkWidget parent_instance;

  GtkTextView *text_view;
  GtkWidget *placeholder_label;
  GtkToggleButton *public_button;
  GtkToggleButton *private_button;
  GtkLabel *counter_label;

  DeskStore *store;
  GSettings *settings;
  DeskConversation *conversation;
  DeskChannel *channel;

  guint draft_timeout;
  gint64 draft_conversation_id; /* whose draft the pending save is */
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (DeskComposer, desk_composer, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_CONVERSATION,
  PROP_CHANNEL,
  N_PROPS
};

enum
{
  SENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (DeskComposer *self, const char *text)
{
  GtkWidget *overlay
      = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay == NULL)
    {
      g_warning ("%s", text);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                               adw_toast_new (escaped));
}

static char *
dup_buffer_text (DeskComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The limits of the network, from the channel when there is one. Without
 * a channel (a conversation of an account that is not connected) the
 * network's published limits apply. */
static guint
get_max_length (DeskComposer *self)
{
  const char *network;

  if (self->channel != NULL)
    return desk_channel_get_max_length (self->channel);

  network = self->conversation != NULL
                ? desk_conversation_get_network (self->conversation)
                : NULL;
  if (g_strcmp0 (network, "bluesky") == 0)
    return 300;
  return 500;
}

static guint
count_length (DeskComposer *self, const char *text)
{
  if (self->channel != NULL)
    return desk_channel_count_length (self->channel, text);
  return (guint) g_utf8_strlen (text, -1);
}

static gboolean
can_reply_privately (DeskComposer *self)
{
  if (self->channel != NULL)
    return (desk_channel_get_capabilities (self->channel)
            & DESK_CHANNEL_CAP_PRIVATE)
           != 0;
  /* Both networks we know have private messages. */
  return TRUE;
}

static gboolean
is_private_conversation (DeskComposer *self)
{
  return self->conversation != NULL
         && desk_conversation_get_kind (self->conversation)
                == DESK_CONVERSATION_KIND_PRIVATE;
}

/* The one place that decides what can be done right now. */
static void
update_state (DeskComposer *self)
{
  g_autofree char *text = dup_buffer_text (self);
  g_autofree char *counter = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint length = count_length (self, text);
  guint max = get_max_length (self);
  gboolean has_conversation = self->conversation != NULL;
  gboolean too_long = length > max;

  /* Translators: the length of a reply and the most the network allows,
   * "120 / 500". */
  counter = g_strdup_printf (_ ("%u / %u"), length, max);
  gtk_label_set_text (self->counter_label, counter);
  if (too_long)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label),
                                   "dim-label");
      gtk_widget_set_tooltip_text (
          GTK_WIDGET (self->counter_label),
          _ ("The reply is longer than this network allows"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->counter_label), NULL);
    }

  gtk_widget_set_visible (self->placeholder_label, *text == '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->text_view), has_conversation);
  gtk_widget_set_sensitive (GTK_WIDGET (self->public_button),
                            has_conversation
                                && !is_private_conversation (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->private_button),
                            has_conversation && can_reply_privately (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send",
                                 has_conversation && self->store != NULL
                                     && *stripped != '\0' && !too_long);
}

static void
reset_kind (DeskComposer *self)
{
  gboolean private_reply
      = is_private_conversation (self) && can_reply_privately (self);

  gtk_toggle_button_set_active (
      private_reply ? self->private_button : self->public_button, TRUE);
}

static void
save_draft_now (DeskComposer *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->draft_timeout, g_source_remove);

  if (self->store == NULL || self->draft_conversation_id == 0)
    return;

  text = dup_buffer_text (self);
  g_debug ("saving the draft of conversation %" G_GINT64_FORMAT,
           self->draft_conversation_id);
  if (!desk_store_set_draft (self->store, self->draft_conversation_id, text,
                             &error))
    show_toast (self, error->message);
  self->draft_conversation_id = 0;
}

static gboolean
on_draft_timeout_cb (gpointer user_data)
{
  DeskComposer *self = user_data;

  self->draft_timeout = 0;
  save_draft_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed_cb (DeskComposer *self, GtkTextBuffer *buffer)
{
  update_state (self);

  if (self->loading || self->conversation == NULL)
    return;

  self->draft_conversation_id = desk_conversation_get_id (self->conversation);
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_timeout
      = g_timeout_add (DESK_COMPOSER_DRAFT_DELAY_MS, on_draft_timeout_cb, self);
}

static void
on_kind_toggled_cb (DeskComposer *self, GtkToggleButton *button)
{
  update_state (self);
}

static void
load_draft (DeskComposer *self)
{
  g_autoptr (DeskConversation) fresh = NULL;
  g_autoptr (GError) error = NULL;
  const char *draft = NULL;

  if (self->conversation != NULL && self->store != NULL)
    {
      /* Saving a draft announces no change, so the inbox's snapshot may
       * hold an older one: ask the store. */
      fresh = desk_store_load_conversation (
          self->store, desk_conversation_get_id (self->conversation), &error);
      if (fresh != NULL)
        draft = desk_conversation_get_draft (fresh);
      else
        g_debug ("could not load the draft: %s", error->message);
    }

  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            draft ? draft : "", -1);
  self->loading = FALSE;
  update_state (self);
}

static void
send_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DeskComposer *self = DESK_COMPOSER (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = dup_buffer_text (self);
  g_autofree char *author = NULL;
  DeskConversationKind kind;
  gint64 message_id;

  if (self->conversation == NULL || self->store == NULL)
    return;

  if (self->settings != NULL)
    author = g_settings_get_string (self->settings, "agent-name");
  if (author == NULL || *g_strstrip (author) == '\0')
    {
      g_free (author);
      author = g_strdup (g_get_real_name ());
    }

  kind = gtk_toggle_button_get_active (self->private_button)
             ? DESK_CONVERSATION_KIND_PRIVATE
             : DESK_CONVERSATION_KIND_PUBLIC;

  /* The store clears the draft in the same transaction. */
  g_clear_handle_id (&self->draft_timeout, g_source_remove);
  self->draft_conversation_id = 0;

  message_id = desk_store_queue_reply (
      self->store, desk_conversation_get_id (self->conversation), text, kind,
      author, &error);
  if (message_id == 0)
    {
      show_toast (self, error->message);
      return;
    }

  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  self->loading = FALSE;
  reset_kind (self);
  update_state (self);

  g_signal_emit (self, signals[SENT], 0, message_id);
}

static void
desk_composer_get_property (GObject *object,
                            guint prop_id,
                            GValue *value,
                            GParamSpec *pspec)
{
  DeskComposer *self = DESK_COMPOSER (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_SETTINGS:
        g_value_set_object (value, self->settings);
        break;

      case PROP_CONVERSATION:
        g_value_set_object (value, self->conversation);
        break;

      case PROP_CHANNEL:
        g_value_set_object (value, self->channel);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_composer_set_property (GObject *object,
                            guint prop_id,
                            const GValue *value,
                            GParamSpec *pspec)
{
  DeskComposer *self = DESK_COMPOSER (object);

  switch (prop_id)
    {
      case PROP_STORE:
        desk_composer_set_store (self, g_value_get_object (value));
        break;

      case PROP_SETTINGS:
        desk_composer_set_settings (self, g_value_get_object (value));
        break;

      case PROP_CONVERSATION:
        desk_composer_set_conversation (self, g_value_get_object (value));
        break;

      case PROP_CHANNEL:
        desk_composer_set_channel (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_composer_dispose (GObject *object)
{
  DeskComposer *self = DESK_COMPOSER (object);
  GtkWidget *child;

  /* Typing right before closing the window still ends up in the store. */
  if (self->draft_timeout != 0)
    save_draft_now (self);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->conversation);
  g_clear_object (&self->channel);
  gtk_widget_dispose_template (GTK_WIDGET (self), DESK_TYPE_COMPOSER);
  /* GTK 4.8 clears only the bound template children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (desk_composer_parent_class)->dispose (object);
}

static void
desk_composer_class_init (DeskComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags
      = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_composer_get_property;
  object_class->set_property = desk_composer_set_property;
  object_class->dispose = desk_composer_dispose;

  properties[PROP_STORE]
      = g_param_spec_object ("store", NULL, NULL, DESK_TYPE_STORE, flags);
  properties[PROP_SETTINGS]
      = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, flags);
  properties[PROP_CONVERSATION] = g_param_spec_object (
      "conversation", NULL, NULL, DESK_TYPE_CONVERSATION, flags);
  properties[PROP_CHANNEL]
      = g_param_spec_object ("channel", NULL, NULL, DESK_TYPE_CHANNEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A reply was queued; the argument is its message id. */
  signals[SENT]
      = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL,
                                   send_action);

  /* Referencing the resource links it, and the constructor that
   * registers it, into every program that uses this widget. */
  (void) desk_get_resource ();
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/socialdesk/Socialdesk/ui/desk-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, DeskComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        public_button);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        private_button);
  gtk_widget_class_bind_template_child (widget_class, DeskComposer,
                                        counter_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled_cb);
}

static void
desk_composer_init (DeskComposer *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view),
                           "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The text view takes Return for a new line before a class binding of
   * ours would see it, so Ctrl+Return is caught on the way down. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                            "<Control>Return|<Control>KP_Enter"),
                        gtk_named_action_new ("composer.send")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  update_state (self);
}

DeskStore *
desk_composer_get_store (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return self->store;
}

/* Set once by the owner; templates cannot pass services at construction. */
void
desk_composer_set_store (DeskComposer *self, DeskStore *store)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));
  g_return_if_fail (store == NULL || DESK_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->draft_timeout != 0)
    save_draft_now (self);
  g_set_object (&self->store, store);
  load_draft (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GSettings *
desk_composer_get_settings (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return self->settings;
}

void
desk_composer_set_settings (DeskComposer *self, GSettings *settings)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (g_set_object (&self->settings, settings))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

DeskConversation *
desk_composer_get_conversation (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return self->conversation;
}

/* Switches to @conversation: the draft of the previous one is saved at
 * once, the draft of the new one loaded. A newer snapshot of the same
 * conversation keeps what is being typed. */
void
desk_composer_set_conversation (DeskComposer *self,
                                DeskConversation *conversation)
{
  gboolean same_id;

  g_return_if_fail (DESK_IS_COMPOSER (self));
  g_return_if_fail (conversation == NULL
                    || DESK_IS_CONVERSATION (conversation));

  if (self->conversation == conversation)
    return;

  same_id = self->conversation != NULL && conversation != NULL
            && desk_conversation_get_id (self->conversation)
                   == desk_conversation_get_id (conversation);

  if (!same_id && self->draft_timeout != 0)
    save_draft_now (self);

  g_set_object (&self->conversation, conversation);

  if (!same_id)
    {
      load_draft (self);
      reset_kind (self);
    }
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

DeskChannel *
desk_composer_get_channel (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return self->channel;
}

/* The channel that will send the reply, for its limits and abilities;
 * NULL when the account is not connected. */
void
desk_composer_set_channel (DeskComposer *self, DeskChannel *channel)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));
  g_return_if_fail (channel == NULL || DESK_IS_CHANNEL (channel));

  if (!g_set_object (&self->channel, channel))
    return;

  if (!can_reply_privately (self))
    gtk_toggle_button_set_active (self->public_button, TRUE);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

char *
desk_composer_dup_text (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), NULL);
  return dup_buffer_text (self);
}

/* Replaces the text as if the agent had typed it. */
void
desk_composer_set_text (DeskComposer *self, const char *text)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            text ? text : "", -1);
}

gboolean
desk_composer_get_private (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), FALSE);
  return gtk_toggle_button_get_active (self->private_button);
}

void
desk_composer_set_private (DeskComposer *self, gboolean is_private)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  if (is_private && !can_reply_privately (self))
    return;
  if (!is_private && is_private_conversation (self))
    return;

  gtk_toggle_button_set_active (
      is_private ? self->private_button : self->public_button, TRUE);
}

guint
desk_composer_get_max_length (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), 0);
  return get_max_length (self);
}

/* Saves a pending draft now instead of after the typing pause. */
void
desk_composer_save_draft (DeskComposer *self)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));

  if (self->draft_timeout != 0)
    save_draft_now (self);
}

void
desk_composer_focus (DeskComposer *self)
{
  g_return_if_fail (DESK_IS_COMPOSER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

gboolean
desk_composer_has_focus (DeskComposer *self)
{
  g_return_val_if_fail (DESK_IS_COMPOSER (self), FALSE);
  return gtk_widget_has_focus (GTK_WIDGET (self->text_view));
}
