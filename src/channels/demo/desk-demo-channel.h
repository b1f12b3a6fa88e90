/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "channels/desk-channel.h"

G_BEGIN_DECLS

#define DESK_TYPE_DEMO_CHANNEL (desk_demo_channel_get_type ())

G_DECLARE_FINAL_TYPE (DeskDemoChannel,
                      desk_demo_channel,
                      DESK,
                      DEMO_CHANNEL,
                      DeskChannel)

DeskChannel *desk_demo_channel_new (gint64 account_id,
                                    const char *flavour,
                                    DeskClock *clock);

const char *desk_demo_channel_get_flavour (DeskDemoChannel *self);
guint desk_demo_channel_get_interval (DeskDemoChannel *self);
void desk_demo_channel_set_interval (DeskDemoChannel *self, guint interval);
guint desk_demo_channel_get_answer_delay (DeskDemoChannel *self);
void desk_demo_channel_set_answer_delay (DeskDemoChannel *self,
                                         guint answer_delay);

G_END_DECLS
