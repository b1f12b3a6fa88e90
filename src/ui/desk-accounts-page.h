/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "desk-workspace.h"

G_BEGIN_DECLS

#define DESK_TYPE_ACCOUNTS_PAGE (desk_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (DeskAccountsPage,
                      desk_accounts_page,
                      DESK,
                      ACCOUNTS_PAGE,
                      AdwPreferencesPage)

DeskAccountsPage *desk_accounts_page_new (DeskWorkspace *workspace);

G_END_DECLS
