/* cli.c: the commands' shared set-up: keys, store, PINs, error lines. */
#include "kiosk/cli/cli.h"
#include "kiosk/messages/messages.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "kiosk/base/log.h"
#include "kiosk/model/timefmt.h"

int cli_fail(const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    log_line(LOG_ERR, "%s", msg);
    return 1;
}

int cli_failm(const struct cli_ctx *c, enum msg_domain d, int code, const char *proto, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, proto);
    messages_vformat(msg, sizeof msg, d, code, c->lang, proto, ap);
    va_end(ap);
    return cli_fail("%s", msg);
}

const char *cli_text(const struct cli_ctx *c, enum cli_text code)
{
    return messages_text(MSGD_CLI, (int)code, c->lang);
}

/* mkdir -p with mode 0700 for the last component (the data directory holds keys). */
static int make_dirs(const char *path)
{
    char buf[CONFIG_PATH_SIZE];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

int cli_drop_privileges(struct cli_ctx *c)
{
    priv_no_core_dumps(&c->priv);
    if (geteuid() == 0 && c->cfg.run_as[0] && make_dirs(c->cfg.data_dir) != 0)
        return cli_fail("cannot create data directory %s", c->cfg.data_dir);
    if (priv_drop(c->cfg.run_as, c->cfg.data_dir, &c->priv) != 0)
        return cli_fail("cannot drop root privileges: %s", c->priv.why);
    return 0;
}

/* The keys are only ever loaded beside the store they belong to: a key missing over a store
 * with rows is refused there, never made anew. */
int cli_open_keys(struct cli_ctx *c)
{
    if (c->have_keys)
        return 0;
    if (cli_open_store(c) != 0)
        return 1;
    c->have_keys = 1;
    return 0;
}

static const char *kind_name(enum store_kind k)
{
    return k == STORE_KIND_DEMO ? "demo" : "station";
}

/* A store says what it is for from the day it is made: the configuration's kind for a store
 * with no officer yet, else station (a store made before kinds existed gets no side door).
 * From then on the store's kind is the one that counts, and a configuration saying otherwise
 * is refused: editing kiosk.conf never opens the demo's doors on a station's data. */
static int store_kind_settle(struct cli_ctx *c)
{
    char kind[16];
    int rc = store_kv_get(c->st, "store.kind", kind, sizeof kind);
    if (rc == STORE_ENOTFOUND) {
        struct store_officer one;
        int fresh = store_officer_list(c->st, &one, 1) == 0;
        snprintf(kind, sizeof kind, "%s",
                 kind_name(fresh ? c->cfg.store_kind : STORE_KIND_STATION));
        rc = store_kv_set(c->st, "store.kind", kind);
    }
    if (rc != 0)
        return cli_fail("%s", store_strerror(rc));
    if (strcmp(kind, kind_name(c->cfg.store_kind)) != 0)
        return cli_failm(c, MSGD_CLI, CLI_T_STORE_KIND, "%s%s%s", c->cfg.data_dir,
                         strcmp(kind, "demo") == 0 ? "demo" : cli_text(c, CLI_T_STORE_KIND_STATION),
                         kind_name(c->cfg.store_kind));
    return 0;
}

int cli_open_store(struct cli_ctx *c)
{
    struct store_open_why why;
    char line[1200];
    if (c->st)
        return 0;
    if (seal_init() != 0)
        return cli_fail("cannot start libsodium");
    if (make_dirs(c->cfg.data_dir) != 0)
        return cli_fail("cannot create data directory %s", c->cfg.data_dir);
    const char *up = access(c->cfg.upstream_seal_key, R_OK) == 0 ? c->cfg.upstream_seal_key : NULL;
    if (store_open_with_keys(c->cfg.data_dir, up, &c->keys, &c->st, &why) != 0) {
        if (why.msg == MSG_STORE_KEY_MISSING)
            messages_format(line, sizeof line, MSGD_CORE, why.msg, c->lang, "%s%s", why.keys,
                            why.keydir);
        else if (why.msg == MSG_STORE_KEY_WRONG)
            messages_format(line, sizeof line, MSGD_CORE, why.msg, c->lang, "%s", why.keydir);
        else
            snprintf(line, sizeof line, "%s", why.detail);
        return cli_fail("%s", line);
    }
    c->have_keys = 1;
    if (store_kind_settle(c) != 0) {
        cli_close(c);
        return 1;
    }
    return 0;
}

void cli_close(struct cli_ctx *c)
{
    store_close(c->st);
    c->st = NULL;
    seal_keys_wipe(&c->keys);
    c->have_keys = 0;
}

int cli_read_pin(const char *file, const char *prompt, char *pin, size_t size)
{
    FILE *f = file ? fopen(file, "re") : fopen("/dev/tty", "r+e");
    struct termios old, quiet;
    int tty = 0;
    pin[0] = '\0';
    if (!f)
        return -1;
    if (!file) {
        fprintf(f, "%s", prompt);
        fflush(f);
        if (tcgetattr(fileno(f), &old) == 0) {
            quiet = old;
            quiet.c_lflag &= (tcflag_t)~ECHO;
            tty = tcsetattr(fileno(f), TCSAFLUSH, &quiet) == 0;
        }
    }
    char *got = fgets(pin, (int)size, f);
    if (tty) {
        tcsetattr(fileno(f), TCSAFLUSH, &old);
        fputc('\n', f);
    }
    fclose(f);
    if (!got)
        return -1;
    pin[strcspn(pin, "\r\n")] = '\0';
    return 0;
}

int cli_check_pin(struct cli_ctx *c, const char *id, const char *pin_file, int supervisor)
{
    char pin[32];
    enum officer_role role;
    if (!id || !*id)
        return cli_fail(supervisor ? "a supervisor is needed: --supervisor ID"
                                   : "an officer is needed: --officer ID");
    if (cli_read_pin(pin_file, supervisor ? "Supervisor PIN: " : "PIN: ", pin, sizeof(pin)) != 0)
        return cli_fail(supervisor ? "cannot read the supervisor's PIN" : "cannot read the PIN");
    int rc = store_officer_login(c->st, id, pin, time_now_ms(), &role);
    explicit_bzero(pin, sizeof(pin));
    enum msg_id m = store_login_msg(rc);
    if (rc)
        return cli_fail("%s", m != MSG_STORE_IO ? msg_text(m, c->lang) : store_strerror(rc));
    if (supervisor && role != ROLE_SUPERVISOR)
        return cli_fail("%s", msg_text(MSG_OFFICER_NOT_SUPERVISOR, c->lang));
    return 0;
}

int cli_check_supervisor(struct cli_ctx *c, const char *id, const char *pin_file)
{
    return cli_check_pin(c, id, pin_file, 1);
}

int cli_opt(int argc, char **argv, int *i, const char *name, const char **value)
{
    if (strcmp(argv[*i], name) != 0 || *i + 1 >= argc)
        return 0;
    *value = argv[++*i];
    return 1;
}
