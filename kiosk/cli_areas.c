/* cli_areas.c: the commands whose work lives in other areas (sync/, drivers/card/, ui/),
 * adapted to the command table's signature. */
#include "kiosk/commands.h"
#include "sync/sync.h"

int cli_sync(struct cli_ctx *c, int argc, char **argv)
{
    return sync_cli(argc, argv, &c->cfg);
}
