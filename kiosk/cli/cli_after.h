/* cli_after.h: the commands for the visits after the first (show, recall, phone-fix,
 * receipt) and what they share. */
#ifndef KIOSK_CLI_AFTER_H
#define KIOSK_CLI_AFTER_H

#include <stdint.h>

#include "kiosk/cli/cli.h"

int cli_show(struct cli_ctx *c, int argc, char **argv);
int cli_recall(struct cli_ctx *c, int argc, char **argv);
int cli_phone_fix(struct cli_ctx *c, int argc, char **argv);
int cli_receipt(struct cli_ctx *c, int argc, char **argv);

/* Opens the store and finds the application the officer named (id, short number, personal
 * ID, phone). 0 with id, or 1 with a message. */
int cli_after_open(struct cli_ctx *c, const char *what, char id[APP_ID_SIZE]);
/* When the upstream confirmed id (its first "submitted"), 0 = not yet. */
int cli_after_delivered_at(struct store *st, const char *id, int64_t *at);
/* A contact mark in the officer's words ("đã gọi"...). */
const char *cli_after_mark_text(int mark, enum msg_lang lang);
/* Checks officer id's PIN (any role; audited). 0, or 1 with a message. */
int cli_after_check_officer(struct cli_ctx *c, const char *id, const char *pin_file);

#endif
