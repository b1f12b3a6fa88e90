/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-channel"

#include "config.h"

#include <glib/gi18n.h>

#include "desk-channel.h"

/* The base of every network connector. Subclasses implement the async
 * virtual functions; the wrappers here check arguments and fill in what a
 * network does not offer (moderation, say) with a clear error. */
typedef struct
{
  gint64 account_id;
  DeskClock *clock;
} DeskChannelPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DeskChannel, desk_channel, G_TYPE_OBJECT)

G_DEFINE_QUARK (desk - channel - error - quark, desk_channel_error)

enum
{
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_CLOCK,
  N_PROPS
};

enum
{
  SYNC_NEEDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static guint
desk_channel_real_count_length (DeskChannel *self, const char *text)
{
  return (guint) g_utf8_strlen (text, -1);
}

static DeskChannelCaps
desk_channel_real_get_capabilities (DeskChannel *self)
{
  return DESK_CHANNEL_CAP_NONE;
}

static guint
desk_channel_real_get_max_length (DeskChannel *self)
{
  return 500;
}

static void
desk_channel_real_authenticate_async (DeskChannel *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, desk_channel_real_authenticate_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
desk_channel_real_authenticate_finish (DeskChannel *self,
                                       GAsyncResult *result,
                                       GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
desk_channel_real_moderate_async (DeskChannel *self,
                                  const char *remote_id,
                                  gboolean hide,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, desk_channel_real_moderate_async);
  g_task_return_new_error (task, DESK_CHANNEL_ERROR,
                           DESK_CHANNEL_ERROR_NOT_SUPPORTED,
                           _ ("This network does not let you hide replies."));
}

static gboolean
desk_channel_real_moderate_finish (DeskChannel *self,
                                   GAsyncResult *result,
                                   GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
desk_channel_get_property (GObject *object,
                           guint prop_id,
                           GValue *value,
                           GParamSpec *pspec)
{
  DeskChannel *self = DESK_CHANNEL (object);
  DeskChannelPrivate *priv = desk_channel_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_ACCOUNT_ID:
        g_value_set_int64 (value, priv->account_id);
        break;

      case PROP_CLOCK:
        g_value_set_object (value, priv->clock);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_channel_set_property (GObject *object,
                           guint prop_id,
                           const GValue *value,
                           GParamSpec *pspec)
{
  DeskChannel *self = DESK_CHANNEL (object);
  DeskChannelPrivate *priv = desk_channel_get_instance_private (self);

  switch (prop_id)
    {
      case PROP_ACCOUNT_ID:
        priv->account_id = g_value_get_int64 (value);
        break;

      case PROP_CLOCK:
        priv->clock = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_channel_constructed (GObject *object)
{
  DeskChannel *self = DESK_CHANNEL (object);
  DeskChannelPrivate *priv = desk_channel_get_instance_private (self);

  G_OBJECT_CLASS (desk_channel_parent_class)->constructed (object);

  if (priv->clock == NULL)
    priv->clock = desk_clock_new_system ();
}

static void
desk_channel_dispose (GObject *object)
{
  DeskChannel *self = DESK_CHANNEL (object);
  DeskChannelPrivate *priv = desk_channel_get_instance_private (self);

  g_clear_object (&priv->clock);

  G_OBJECT_CLASS (desk_channel_parent_class)->dispose (object);
}

static void
desk_channel_class_init (DeskChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = desk_channel_get_property;
  object_class->set_property = desk_channel_set_property;
  object_class->constructed = desk_channel_constructed;
  object_class->dispose = desk_channel_dispose;

  klass->count_length = desk_channel_real_count_length;
  klass->get_capabilities = desk_channel_real_get_capabilities;
  klass->get_max_length = desk_channel_real_get_max_length;
  klass->authenticate_async = desk_channel_real_authenticate_async;
  klass->authenticate_finish = desk_channel_real_authenticate_finish;
  klass->moderate_async = desk_channel_real_moderate_async;
  klass->moderate_finish = desk_channel_real_moderate_finish;

  properties[PROP_ACCOUNT_ID] = g_param_spec_int64 (
      "account-id", NULL, NULL, 0, G_MAXINT64, 0,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] = g_param_spec_object (
      "clock", NULL, NULL, DESK_TYPE_CLOCK,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The channel has news (a push from the server, a simulated customer
   * writing); whoever drives sync should sync it soon. */
  signals[SYNC_NEEDED]
      = g_signal_new ("sync-needed", G_TYPE_FROM_CLASS (klass),
                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
desk_channel_init (DeskChannel *self)
{
}

gint64
desk_channel_get_account_id (DeskChannel *self)
{
  DeskChannelPrivate *priv = desk_channel_get_instance_private (self);

  g_return_val_if_fail (DESK_IS_CHANNEL (self), 0);

  return priv->account_id;
}

DeskClock *
desk_channel_get_clock (DeskChannel *self)
{
  DeskChannelPrivate *priv = desk_channel_get_instance_private (self);

  g_return_val_if_fail (DESK_IS_CHANNEL (self), NULL);

  return priv->clock;
}

/* A short, stable name: "mastodon", "bluesky", "demo". */
const char *
desk_channel_get_network (DeskChannel *self)
{
  g_return_val_if_fail (DESK_IS_CHANNEL (self), NULL);
  g_return_val_if_fail (DESK_CHANNEL_GET_CLASS (self)->get_network, NULL);

  return DESK_CHANNEL_GET_CLASS (self)->get_network (self);
}

DeskChannelCaps
desk_channel_get_capabilities (DeskChannel *self)
{
  g_return_val_if_fail (DESK_IS_CHANNEL (self), DESK_CHANNEL_CAP_NONE);

  return DESK_CHANNEL_GET_CLASS (self)->get_capabilities (self);
}

guint
desk_channel_get_max_length (DeskChannel *self)
{
  g_return_val_if_fail (DESK_IS_CHANNEL (self), 0);

  return DESK_CHANNEL_GET_CLASS (self)->get_max_length (self);
}

/* The length of @text as the network counts it. */
guint
desk_channel_count_length (DeskChannel *self, const char *text)
{
  g_return_val_if_fail (DESK_IS_CHANNEL (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  return DESK_CHANNEL_GET_CLASS (self)->count_length (self, text);
}

void
desk_channel_request_sync (DeskChannel *self)
{
  g_return_if_fail (DESK_IS_CHANNEL (self));

  g_signal_emit (self, signals[SYNC_NEEDED], 0);
}

void
desk_channel_authenticate_async (DeskChannel *self,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_return_if_fail (DESK_IS_CHANNEL (self));

  DESK_CHANNEL_GET_CLASS (self)->authenticate_async (self, cancellable,
                                                     callback, user_data);
}

gboolean
desk_channel_authenticate_finish (DeskChannel *self,
                                  GAsyncResult *result,
                                  GError **error)
{
  g_return_val_if_fail (DESK_IS_CHANNEL (self), FALSE);

  return DESK_CHANNEL_GET_CLASS (self)->authenticate_finish (self, result,
                                                             error);
}

void
desk_channel_sync_async (DeskChannel *self,
                         const char *cursor,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_return_if_fail (DESK_IS_CHANNEL (self));
  g_return_if_fail (DESK_CHANNEL_GET_CLASS (self)->sync_async);

  DESK_CHANNEL_GET_CLASS (self)->sync_async (self, cursor, cancellable,
                                             callback, user_data);
}

DeskSyncBatch *
desk_channel_sync_finish (DeskChannel *self,
                          GAsyncResult *result,
                          GError **error)
{
  g_return_val_if_fail (DESK_IS_CHANNEL (self), NULL);

  return DESK_CHANNEL_GET_CLASS (self)->sync_finish (self, result, error);
}

void
desk_channel_send_async (DeskChannel *self,
                         const DeskOutboxEntry *entry,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_return_if_fail (DESK_IS_CHANNEL (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (entry->idempotency_key != NULL);
  g_return_if_fail (DESK_CHANNEL_GET_CLASS (self)->send_async);

  DESK_CHANNEL_GET_CLASS (self)->send_async (self, entry, cancellable, callback,
                                             user_data);
}

/* Returns the remote id of the reply that now exists on the network. */
char *
desk_channel_send_finish (DeskChannel *self,
                          GAsyncResult *result,
                          GError **error)
{
  g_return_val_if_fail (DESK_IS_CHANNEL (self), NULL);

  return DESK_CHANNEL_GET_CLASS (self)->send_finish (self, result, error);
}

void
desk_channel_moderate_async (DeskChannel *self,
                             const char *remote_id,
                             gboolean hide,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_return_if_fail (DESK_IS_CHANNEL (self));
  g_return_if_fail (remote_id != NULL);

  DESK_CHANNEL_GET_CLASS (self)->moderate_async (
      self, remote_id, hide, cancellable, callback, user_data);
}

gboolean
desk_channel_moderate_finish (DeskChannel *self,
                              GAsyncResult *result,
                              GError **error)
{
  g_return_val_if_fail (DESK_IS_CHANNEL (self), FALSE);

  return DESK_CHANNEL_GET_CLASS (self)->moderate_finish (self, result, error);
}
