/* ui_module.c: the UI module's one export, the table `kiosk run` calls through (ui.h). */
#include "ui/ui.h"

const struct ui_module ui_module = {UI_MODULE_ABI, ui_run};
