/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-message"

#include "config.h"

#include "desk-message-private.h"

/* An immutable snapshot of one message of a conversation. */
struct _DeskMessage
{
  GObject parent_instance;

  DeskMessageData data;
};

G_DEFINE_FINAL_TYPE (DeskMessage, desk_message, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DIRECTION,
  PROP_DELIVERY,
  PROP_AUTHOR_NAME,
  PROP_BODY,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
desk_message_get_property (GObject *object,
                           guint prop_id,
                           GValue *value,
                           GParamSpec *pspec)
{
  DeskMessage *self = DESK_MESSAGE (object);

  switch (prop_id)
    {
      case PROP_DIRECTION:
        g_value_set_int (value, self->data.direction);
        break;

      case PROP_DELIVERY:
        g_value_set_int (value, self->data.delivery);
        break;

      case PROP_AUTHOR_NAME:
        g_value_set_string (value, self->data.author_name);
        break;

      case PROP_BODY:
        g_value_set_string (value, self->data.body);
        break;

      case PROP_CREATED_AT:
        g_value_set_int64 (value, self->data.created_at);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_message_finalize (GObject *object)
{
  DeskMessage *self = DESK_MESSAGE (object);

  g_free (self->data.author_name);
  g_free (self->data.author_handle);
  g_free (self->data.body);
  g_free (self->data.error);
  g_free (self->data.remote_id);

  G_OBJECT_CLASS (desk_message_parent_class)->finalize (object);
}

static void
desk_message_class_init (DeskMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = desk_message_get_property;
  object_class->finalize = desk_message_finalize;

  properties[PROP_DIRECTION]
      = g_param_spec_int ("direction", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_DELIVERY]
      = g_param_spec_int ("delivery", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_AUTHOR_NAME]
      = g_param_spec_string ("author-name", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT]
      = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
desk_message_init (DeskMessage *self)
{
}

DeskMessage *
_desk_message_new (DeskMessageData *data)
{
  DeskMessage *self = g_object_new (DESK_TYPE_MESSAGE, NULL);

  self->data = *data;
  memset (data, 0, sizeof *data);
  return self;
}

gint64
desk_message_get_id (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), 0);
  return self->data.id;
}

gint64
desk_message_get_conversation_id (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), 0);
  return self->data.conversation_id;
}

DeskDirection
desk_message_get_direction (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), 0);
  return self->data.direction;
}

DeskDelivery
desk_message_get_delivery (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), 0);
  return self->data.delivery;
}

const char *
desk_message_get_author_name (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), NULL);
  return self->data.author_name;
}

const char *
desk_message_get_author_handle (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), NULL);
  return self->data.author_handle;
}

const char *
desk_message_get_body (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), NULL);
  return self->data.body;
}

/* Why the last send failed, for a FAILED outgoing message. */
const char *
desk_message_get_error (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), NULL);
  return self->data.error;
}

const char *
desk_message_get_remote_id (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), NULL);
  return self->data.remote_id;
}

gint64
desk_message_get_created_at (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), 0);
  return self->data.created_at;
}

gboolean
desk_message_get_private (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), FALSE);
  return self->data.private_reply;
}

gboolean
desk_message_get_hidden (DeskMessage *self)
{
  g_return_val_if_fail (DESK_IS_MESSAGE (self), FALSE);
  return self->data.hidden;
}
