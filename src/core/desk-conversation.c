/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-conversation"

#include "config.h"

#include "desk-conversation-private.h"

struct _DeskConversation
{
  GObject parent_instance;

  DeskConversationData data;
};

G_DEFINE_FINAL_TYPE (DeskConversation, desk_conversation, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NETWORK,
  PROP_ACCOUNT_HANDLE,
  PROP_KIND,
  PROP_STATUS,
  PROP_PRIORITY,
  PROP_ASSIGNEE,
  PROP_CUSTOMER_NAME,
  PROP_CUSTOMER_HANDLE,
  PROP_SNIPPET,
  PROP_LAST_MESSAGE_AT,
  PROP_AWAITING_SINCE,
  PROP_UNREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_conversation_get_property (GObject *object,
                                guint prop_id,
                                GValue *value,
                                GParamSpec *pspec)
{
  DeskConversation *self = DESK_CONVERSATION (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_int64 (value, self->data.id);
        break;

      case PROP_NETWORK:
        g_value_set_string (value, self->data.network);
        break;

      case PROP_ACCOUNT_HANDLE:
        g_value_set_string (value, self->data.account_handle);
        break;

      case PROP_KIND:
        g_value_set_int (value, self->data.kind);
        break;

      case PROP_STATUS:
        g_value_set_int (value, self->data.status);
        break;

      case PROP_PRIORITY:
        g_value_set_int (value, self->data.priority);
        break;

      case PROP_ASSIGNEE:
        g_value_set_string (value, self->data.assignee);
        break;

      case PROP_CUSTOMER_NAME:
        g_value_set_string (value, self->data.customer_name);
        break;

      case PROP_CUSTOMER_HANDLE:
        g_value_set_string (value, self->data.customer_handle);
        break;

      case PROP_SNIPPET:
        g_value_set_string (value, self->data.snippet);
        break;

      case PROP_LAST_MESSAGE_AT:
        g_value_set_int64 (value, self->data.last_message_at);
        break;

      case PROP_AWAITING_SINCE:
        g_value_set_int64 (value, self->data.awaiting_since);
        break;

      case PROP_UNREAD:
        g_value_set_uint (value, self->data.unread);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_conversation_finalize (GObject *object)
{
  DeskConversation *self = DESK_CONVERSATION (object);

  g_free (self->data.network);
  g_free (self->data.account_handle);
  g_free (self->data.assignee);
  g_free (self->data.customer_name);
  g_free (self->data.customer_handle);
  g_free (self->data.snippet);
  g_free (self->data.draft);
  g_free (self->data.thread_remote_id);
  g_clear_pointer (&self->data.pauses, g_array_unref);

  G_OBJECT_CLASS (desk_conversation_parent_class)->finalize (object);
}

static void
desk_conversation_class_init (DeskConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_conversation_get_property;
  object_class->finalize = desk_conversation_finalize;

  properties[PROP_ID]
      = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NETWORK]
      = g_param_spec_string ("network", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT_HANDLE]
      = g_param_spec_string ("account-handle", NULL, NULL, NULL, flags);
  properties[PROP_KIND]
      = g_param_spec_int ("kind", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_STATUS]
      = g_param_spec_int ("status", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_PRIORITY]
      = g_param_spec_int ("priority", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_ASSIGNEE]
      = g_param_spec_string ("assignee", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOMER_NAME]
      = g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOMER_HANDLE]
      = g_param_spec_string ("customer-handle", NULL, NULL, NULL, flags);
  properties[PROP_SNIPPET]
      = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);
  properties[PROP_LAST_MESSAGE_AT] = g_param_spec_int64 (
      "last-message-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AWAITING_SINCE] = g_param_spec_int64 (
      "awaiting-since", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UNREAD]
      = g_param_spec_uint ("unread", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_conversation_init (DeskConversation *self)
{
}

DeskConversation *
_desk_conversation_new (DeskConversationData *data)
{
  DeskConversation *self = g_object_new (DESK_TYPE_CONVERSATION, NULL);

  self->data = *data;
  memset (data, 0, sizeof *data);
  return self;
}

gint64
desk_conversation_get_id (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.id;
}

gint64
desk_conversation_get_account_id (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.account_id;
}

const char *
desk_conversation_get_network (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), NULL);
  return self->data.network;
}

const char *
desk_conversation_get_account_handle (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), NULL);
  return self->data.account_handle;
}

DeskConversationKind
desk_conversation_get_kind (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.kind;
}

DeskStatus
desk_conversation_get_status (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.status;
}

DeskPriority
desk_conversation_get_priority (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.priority;
}

const char *
desk_conversation_get_assignee (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), NULL);
  return self->data.assignee;
}

gint64
desk_conversation_get_customer_id (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.customer_id;
}

const char *
desk_conversation_get_customer_name (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), NULL);
  return self->data.customer_name;
}

const char *
desk_conversation_get_customer_handle (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), NULL);
  return self->data.customer_handle;
}

const char *
desk_conversation_get_snippet (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), NULL);
  return self->data.snippet;
}

gint64
desk_conversation_get_last_message_at (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.last_message_at;
}

/* When the oldest customer message that has no answer yet arrived; 0 when
 * the conversation is answered. */
gint64
desk_conversation_get_awaiting_since (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.awaiting_since;
}

guint
desk_conversation_get_unread (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.unread;
}

const char *
desk_conversation_get_draft (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), NULL);
  return self->data.draft;
}

const char *
desk_conversation_get_thread_remote_id (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), NULL);
  return self->data.thread_remote_id;
}

/* The nearest deadline of a running timer (0: none), as of the last
 * change; the "most urgent" order sorts by it. */
gint64
desk_conversation_get_due_at (DeskConversation *self)
{
  g_return_val_if_fail (DESK_IS_CONVERSATION (self), 0);
  return self->data.due_at;
}

/* Fills @input for desk_sla_evaluate(); it points into @self, so it is
 * valid as long as @self is. */
void
desk_conversation_get_sla_input (DeskConversation *self, DeskSlaInput *input)
{
  g_return_if_fail (DESK_IS_CONVERSATION (self));
  g_return_if_fail (input != NULL);

  input->opened_at = self->data.opened_at;
  input->first_response_at = self->data.first_response_at;
  input->awaiting_since = self->data.awaiting_since;
  input->closed_at = self->data.closed_at;
  input->pauses = self->data.pauses
                      ? (const DeskSlaPause *) self->data.pauses->data
                      : NULL;
  input->n_pauses = self->data.pauses ? self->data.pauses->len : 0;
}
