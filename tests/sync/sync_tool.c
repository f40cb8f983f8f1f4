/* sync_tool.c: `kiosk sync` for the tests until kiosk/cli/main.c wires sync_cli in.
 *
 *   sync_tool CONFIG.ini sync [--once] [sync_cli options]
 *
 * Loads the configuration over the built-in defaults and hands the rest to sync_cli(). */
#include <stdio.h>
#include <string.h>

#include "kiosk/config/config.h"
#include "sync/sync.h"

int main(int argc, char **argv)
{
    if (argc < 3 || strcmp(argv[2], "sync") != 0) {
        fprintf(stderr, "usage: sync_tool CONFIG sync [--once] [options]\n");
        return 2;
    }
    static struct config cfg; /* read-only once loaded */
    char err[256];
    config_defaults(&cfg);
    if (config_load_file(&cfg, argv[1], err, sizeof err) != 0) {
        fprintf(stderr, "sync_tool: %s\n", err);
        return 2;
    }
    return sync_cli(argc - 2, argv + 2, &cfg);
}
