/* sync_tool.c: `kiosk sync` and `kiosk show` inside a test program (no kiosk binary
 * needed), as the commands run them: the configuration loaded over the defaults, then
 * cli_sync() or cli_show() on a fresh command context.
 *
 *   sync_tool CONFIG.ini sync [--once] [options of kiosk sync]
 *   sync_tool CONFIG.ini show WHAT
 *   sync_tool CONFIG.ini bundle import|export|status ... (kiosk bundle, tests/field/)
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli_after.h"
#include "kiosk/cli/commands.h"
#include "kiosk/config/config.h"

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[2], "sync") != 0 && strcmp(argv[2], "show") != 0 &&
                     strcmp(argv[2], "bundle") != 0)) {
        fprintf(stderr,
                "usage: sync_tool CONFIG sync [--once] [options] | show WHAT | bundle ...\n");
        return 2;
    }
    static struct cli_ctx c; /* the configuration is read-only once loaded */
    char err[256];
    config_defaults(&c.cfg);
    if (config_load_file(&c.cfg, argv[1], err, sizeof err) != 0) {
        fprintf(stderr, "sync_tool: %s\n", err);
        return 2;
    }
    int rc = strcmp(argv[2], "show") == 0     ? cli_show(&c, argc - 2, argv + 2)
             : strcmp(argv[2], "bundle") == 0 ? cli_bundle(&c, argc - 2, argv + 2)
                                              : cli_sync(&c, argc - 2, argv + 2);
    cli_close(&c);
    return rc;
}
