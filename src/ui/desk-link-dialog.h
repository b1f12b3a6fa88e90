/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/desk-store.h"

G_BEGIN_DECLS

#define DESK_TYPE_LINK_DIALOG (desk_link_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DeskLinkDialog,
                      desk_link_dialog,
                      DESK,
                      LINK_DIALOG,
                      AdwWindow)

DeskLinkDialog *desk_link_dialog_new (GtkWindow *parent,
                                      DeskStore *store,
                                      gint64 customer_id,
                                      const char *agent);
void desk_link_dialog_search (DeskLinkDialog *self, const char *text);

G_END_DECLS
