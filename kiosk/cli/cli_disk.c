/* cli_disk.c: `kiosk disk`, the room left on the data directory's disk (store_room.h): free
 * space, the margin kept for the store, one application's estimated size and how many more
 * fit. Exit status 1 when not one more fits (enrolment is refused: policy row disk.full). */
#include <stdio.h>

#include "kiosk/cli/commands.h"
#include "kiosk/messages/messages.h"
#include "kiosk/store/store_room.h"

int cli_disk(struct cli_ctx *c, int argc, char **argv)
{
    (void)argv;
    if (argc != 1) {
        fprintf(stderr, "usage: kiosk disk\n");
        return 2;
    }
    if (cli_open_store(c) != 0)
        return 1;
    struct store_room room;
    int rc = store_room(c->st, c->cfg.data_dir, (int64_t)c->cfg.disk_margin_mb << 20, NULL, &room);
    if (rc != 0)
        return cli_failm(c, MSGD_CLI, CLI_T_DISK_UNREADABLE, "%s%s", c->cfg.data_dir,
                         store_strerror(rc));
    char line[400];
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_DISK_ROOM, c->lang, "%ld%lld%lld%lld",
                         room.fits, (long long)(room.free_bytes >> 20),
                         (long long)(room.margin_bytes >> 20),
                         (long long)(room.per_app_bytes >> 10)));
    if (room.fits < 1)
        return cli_fail("%s", cli_text(c, CLI_T_DISK_FULL));
    return 0;
}
