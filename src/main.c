/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "desk-main"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ui/desk-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (DeskApplication) app = NULL;
  const char *localedir = g_getenv ("SOCIALDESK_LOCALEDIR");

  /* SOCIALDESK_LOCALEDIR lets a run from the build tree use build/po. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0'
                                       ? localedir
                                       : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = desk_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
