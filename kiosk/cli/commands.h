/* commands.h: the command table of `kiosk`, and the commands other areas provide. */
#ifndef KIOSK_COMMANDS_H
#define KIOSK_COMMANDS_H

#include "kiosk/cli/cli.h"

struct kiosk_command {
    const char *name, *help;
    int (*fn)(struct cli_ctx *c, int argc, char **argv);
};
extern const struct kiosk_command kiosk_commands[];

int cli_sync(struct cli_ctx *c, int argc, char **argv);
int cli_read_card(struct cli_ctx *c, int argc, char **argv);
int cli_run(struct cli_ctx *c, int argc, char **argv);
int cli_trust(struct cli_ctx *c, int argc, char **argv);
int cli_bundle(struct cli_ctx *c, int argc, char **argv);
int cli_clock(struct cli_ctx *c, int argc, char **argv);
int cli_disk(struct cli_ctx *c, int argc, char **argv);
int cli_field(struct cli_ctx *c, int argc, char **argv);
/* The waiting banner (kiosk/export/export_waiting.h) on stdout, counted on the trusted time:
 * applications waiting with the oldest's age, those late unless delivered or handed over
 * today, and those handed over on a stick and not yet confirmed (each listed when
 * list_handed). The store is open. 0, or 1 after cli_fail. */
int cli_print_waiting(struct cli_ctx *c, int list_handed);

#endif
