/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DeskStore DeskStore;
typedef struct _DeskConversation DeskConversation;
typedef struct _DeskMessage DeskMessage;
typedef struct _DeskCustomer DeskCustomer;
typedef struct _DeskAccount DeskAccount;
typedef struct _DeskClock DeskClock;
typedef struct _DeskInboxModel DeskInboxModel;
typedef struct _DeskSyncBatch DeskSyncBatch;

/* Where a conversation happens: in public under a post, or privately. */
typedef enum
{
  DESK_CONVERSATION_KIND_PUBLIC = 0,
  DESK_CONVERSATION_KIND_PRIVATE = 1,
} DeskConversationKind;

typedef enum
{
  DESK_STATUS_OPEN = 0,
  DESK_STATUS_WAITING = 1,
  DESK_STATUS_SNOOZED = 2,
  DESK_STATUS_CLOSED = 3,
} DeskStatus;

typedef enum
{
  DESK_PRIORITY_NORMAL = 0,
  DESK_PRIORITY_HIGH = 1,
} DeskPriority;

typedef enum
{
  DESK_DIRECTION_INCOMING = 0,
  DESK_DIRECTION_OUTGOING = 1,
  DESK_DIRECTION_NOTE = 2,
} DeskDirection;

/* The delivery state of a message; incoming messages are always RECEIVED. */
typedef enum
{
  DESK_DELIVERY_RECEIVED = 0,
  DESK_DELIVERY_QUEUED = 1,
  DESK_DELIVERY_SENDING = 2,
  DESK_DELIVERY_SENT = 3,
  DESK_DELIVERY_FAILED = 4,
} DeskDelivery;

/* The inbox views of the sidebar. */
typedef enum
{
  DESK_VIEW_OPEN = 0,
  DESK_VIEW_MINE,
  DESK_VIEW_UNASSIGNED,
  DESK_VIEW_WAITING,
  DESK_VIEW_SNOOZED,
  DESK_VIEW_CLOSED,
  DESK_VIEW_ALL,
  DESK_N_VIEWS,
} DeskView;

typedef enum
{
  DESK_SORT_URGENT = 0,
  DESK_SORT_NEWEST,
  DESK_SORT_OLDEST,
} DeskSort;

G_END_DECLS
