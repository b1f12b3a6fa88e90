/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "desk-workspace.h"

G_BEGIN_DECLS

#define DESK_TYPE_ACCOUNT_DIALOG (desk_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DeskAccountDialog,
                      desk_account_dialog,
                      DESK,
                      ACCOUNT_DIALOG,
                      AdwWindow)

DeskAccountDialog *desk_account_dialog_new (GtkWindow *parent,
                                            DeskWorkspace *workspace);
void desk_account_dialog_sign_in_again (DeskAccountDialog *self,
                                        DeskAccount *account);
const char *desk_account_dialog_get_authorize_url (DeskAccountDialog *self);

G_END_DECLS
