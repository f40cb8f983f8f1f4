/* cli.h: what the kiosk's commands share: the configuration, the keys and the store, opened
 * on demand, and the officer's PIN check. Each command is `int cli_NAME(struct cli_ctx *,
 * int argc, char **argv)` returning the process exit status (0 success, 1 refused/failed,
 * 2 usage), with one clear line on stderr when it fails. */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include "kiosk/base/privilege.h"
#include "kiosk/config/config.h"
#include "kiosk/messages/labels.h"
#include "kiosk/model/msg.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"

struct cli_ctx {
    struct config cfg;
    const char *config_path; /* NULL: the embedded demo.conf */
    enum msg_lang lang;
    struct seal_keys keys;
    int have_keys;
    struct store *st;
    struct priv_state priv; /* what the process gave up at start (selftest reports it) */
};

/* Before any command: no core dumps; started as root with [station] run_as set, the data
 * directory is made (as root, its parents may be root's) and given to that user, and root is
 * dropped. 0, or 1 with a message when a drop failed half-way. */
int cli_drop_privileges(struct cli_ctx *c);

/* Loads the keys of cfg.data_dir (once; made on first start). 0, or 1 with a message. */
int cli_open_keys(struct cli_ctx *c);

/* Loads the keys and opens the store in cfg.data_dir (once). 0, or 1 with a message. */
int cli_open_store(struct cli_ctx *c);
void cli_close(struct cli_ctx *c);

/* Prints "kiosk: <msg>" on stderr and returns 1. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with the catalogue's sentence for (d, code) in the command's language, formatted
 * with the arguments, whose conversions proto names in order ("%s%ld"). */
int cli_failm(const struct cli_ctx *c, enum msg_domain d, int code, const char *proto, ...)
    __attribute__((format(printf, 4, 5)));
/* The catalogue's text for a command line's label (domain MSGD_CLI) in the command's language. */
const char *cli_text(const struct cli_ctx *c, enum cli_text code);

/* Reads a PIN from file (first line) or, when file is NULL, from the terminal without echo.
 * 0 or -1. */
int cli_read_pin(const char *file, const char *prompt, char *pin, size_t size);
/* Signs officer id in with the PIN read from pin_file (or asked on the terminal), as the
 * supervisor when supervisor is set (the role checked too): 0, or 1 with why on stderr. */
int cli_check_pin(struct cli_ctx *c, const char *id, const char *pin_file, int supervisor);
/* When argv[*i] is the option name and a value follows: *value = it, *i moves onto it; 1.
 * Else 0. */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **value);

/* Checks that officer id with pin is a supervisor (audited). 0, or 1 with a message. */
int cli_check_supervisor(struct cli_ctx *c, const char *id, const char *pin_file);

int cli_queue(struct cli_ctx *c, int argc, char **argv);
int cli_officer(struct cli_ctx *c, int argc, char **argv);
int cli_init(struct cli_ctx *c, int argc, char **argv);
int cli_audit(struct cli_ctx *c, int argc, char **argv);
int cli_enrol(struct cli_ctx *c, int argc, char **argv);
int cli_selftest(struct cli_ctx *c, int argc, char **argv);
int cli_export(struct cli_ctx *c, int argc, char **argv);
int cli_demo(struct cli_ctx *c, int argc, char **argv);
int cli_policy(struct cli_ctx *c, int argc, char **argv);

#endif
