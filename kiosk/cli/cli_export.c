/* cli_export.c: the supervisor's reports from the command line.
 *
 *   kiosk export (--day D | --week D | --last-week [D] | --month YYYY-MM | --from D --to D)
 *                --out ROOT --supervisor ID [--pin-file F] [--prepared-by ID] [--since D]
 *                [--site NAME]   only the applications taken at that site of a mobile unit
 *                                ("-": at the station itself), in ..._dd-<hash>/
 *       writes ROOT/<station>/<period>/ (Mẫu số 02 .xlsx, CSV, JSON, summary, signed manifest)
 *   kiosk export verify DIR [--keyring FILE]
 *       checks a report against this kiosk's own key, or only the station keyring given
 *   kiosk export merge DIR... --out ROOT --supervisor ID [--pin-file F] [--keyring FILE]
 *       one station report of several kiosks' reports of one period (ROOT/<station>/toan-tram-…)
 *   kiosk export key
 *       this kiosk's keyring line "<public key hex> <station> <kiosk>" and its fingerprint
 * Exporting and merging need a supervisor's PIN. Messages are Vietnamese sentences with the
 * next step (the supervisor reads them); the first line of a success names the result. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/messages/messages.h"
#include "kiosk/export/report.h"
#include "kiosk/model/timefmt.h"

static int export_usage(void)
{
    fprintf(stderr,
            "usage: kiosk export (--day D | --week D | --last-week [D] | --month YYYY-MM |\n"
            "                     --from D --to D) --out DIR --supervisor ID [--pin-file F]\n"
            "                     [--prepared-by ID] [--since D] [--site NAME|-]\n"
            "       kiosk export verify DIR [--keyring FILE]\n"
            "       kiosk export merge DIR... --out DIR --supervisor ID [--pin-file F]\n"
            "                     [--keyring FILE]\n"
            "       kiosk export key\n");
    return 2;
}

static int own_keyring(struct cli_ctx *c, struct report_keyring *kr)
{
    if (cli_open_store(c))
        return 1;
    if (report_keyring_add(kr, c->keys.sign_pk, c->cfg.station_code, c->cfg.kiosk_id) != 0)
        return cli_fail("%s", cli_text(c, CLI_T_KEYRING_IDENT));
    return 0;
}

static int do_verify(struct cli_ctx *c, int argc, char **argv)
{
    const char *dir = NULL, *keyring = NULL;
    static struct report_keyring kr;
    struct report_info info;
    char err[600], label[80];
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--keyring") == 0 && i + 1 < argc)
            keyring = argv[++i];
        else if (!dir)
            dir = argv[i];
        else
            return export_usage();
    }
    if (!dir)
        return export_usage();
    memset(&kr, 0, sizeof kr);
    if (keyring) {
        if (report_keyring_load(&kr, keyring, err, sizeof err) != 0)
            return cli_fail("%s", err);
    } else if (own_keyring(c, &kr)) {
        return 1;
    }
    if (report_verify(dir, &kr, &info, err, sizeof err) != 0)
        return cli_fail("%s: %s", dir, err);
    report_period_label(&info.period, label);
    char line[1200];
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_REPORT_INTACT, c->lang,
                         "%s%s%s%d%s%s%s%s%s", info.ident.station_code, info.ident.kiosk, label,
                         info.n_files, info.signer_kiosk, info.fingerprint,
                         info.ident.supervisor_name, info.created, info.ident.audit_head));
    return 0;
}

static int do_merge(struct cli_ctx *c, int argc, char **argv)
{
    const char *dirs[64], *out = NULL, *sup = NULL, *pin_file = NULL, *keyring = NULL;
    static struct report_keyring kr;
    struct report_ident by;
    struct store_officer of[64];
    char err[700], final[4200];
    int n = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--supervisor") == 0 && i + 1 < argc)
            sup = argv[++i];
        else if (strcmp(argv[i], "--pin-file") == 0 && i + 1 < argc)
            pin_file = argv[++i];
        else if (strcmp(argv[i], "--keyring") == 0 && i + 1 < argc)
            keyring = argv[++i];
        else if (argv[i][0] != '-' && n < 64)
            dirs[n++] = argv[i];
        else
            return export_usage();
    }
    if (n == 0 || !out || !sup)
        return export_usage();
    memset(&kr, 0, sizeof kr);
    if (keyring && report_keyring_load(&kr, keyring, err, sizeof err) != 0)
        return cli_fail("%s", err);
    if (cli_open_store(c) || cli_check_supervisor(c, sup, pin_file))
        return 1;
    int own = 0;
    for (int i = 0; i < kr.n; i++)
        own |= memcmp(kr.keys[i].pk, c->keys.sign_pk, SEAL_SIGN_PK_BYTES) == 0;
    if (!own && own_keyring(c, &kr))
        return 1;
    memset(&by, 0, sizeof by);
    snprintf(by.station_name, sizeof by.station_name, "%s", c->cfg.station_name);
    snprintf(by.supervisor_id, sizeof by.supervisor_id, "%s", sup);
    snprintf(by.signer, sizeof by.signer, "%s", c->cfg.kiosk_id);
    int no = store_officer_list(c->st, of, 64);
    for (int i = 0; i < no; i++)
        if (strcmp(of[i].id, sup) == 0)
            snprintf(by.supervisor_name, sizeof by.supervisor_name, "%s", of[i].name);
    int64_t now = time_now_ms();
    char detail[200];
    snprintf(detail, sizeof detail, "merge sources=%d", n);
    if (store_audit(c->st, sup, "export.merge", NULL, detail, now) != 0)
        return cli_fail("%s", cli_text(c, CLI_T_MERGE_AUDIT));
    if (report_audit_head(c->st, by.audit_head, sizeof by.audit_head) != 0)
        return cli_fail("%s", cli_text(c, CLI_T_AUDIT_UNREADABLE));
    if (report_merge(dirs, n, &kr, out, &by, &c->keys, now, final, sizeof final, err, sizeof err) !=
        0)
        return cli_fail("%s", err);
    char line[4400];
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_MERGED, c->lang, "%d%s", n, final));
    return 0;
}

static int do_key(struct cli_ctx *c)
{
    char hex[2 * SEAL_SIGN_PK_BYTES + 1], fpr[72];
    if (cli_open_store(c))
        return 1;
    seal_to_hex(c->keys.sign_pk, SEAL_SIGN_PK_BYTES, hex);
    report_fingerprint(c->keys.sign_pk, fpr);
    printf("%s %s %s\n# %s\n", hex, c->cfg.station_code, c->cfg.kiosk_id, fpr);
    return 0;
}

int cli_export(struct cli_ctx *c, int argc, char **argv)
{
    const char *out = NULL, *sup = NULL, *pin_file = NULL, *prep = NULL, *since = NULL;
    const char *from = NULL, *to = NULL;
    struct report_request rq;
    char err[700], final[4200], today[11];
    int have = 0, rc = 0;

    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return do_verify(c, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "merge") == 0)
        return do_merge(c, argc, argv);
    if (argc == 2 && strcmp(argv[1], "key") == 0)
        return do_key(c);
    memset(&rq, 0, sizeof rq);
    time_day(time_now_ms(), today);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--day") == 0 && v) {
            rc = report_period_day(v, &rq.period), have++, i++;
        } else if (strcmp(a, "--week") == 0 && v) {
            rc = report_period_week(v, &rq.period), have++, i++;
        } else if (strcmp(a, "--last-week") == 0) {
            if (v && v[0] != '-')
                rc = report_period_last_week(v, &rq.period), i++;
            else
                rc = report_period_last_week(today, &rq.period);
            have++;
        } else if (strcmp(a, "--month") == 0 && v) {
            rc = report_period_month(v, &rq.period), have++, i++;
        } else if (strcmp(a, "--from") == 0 && v) {
            from = v, i++;
        } else if (strcmp(a, "--to") == 0 && v) {
            to = v, i++;
        } else if (strcmp(a, "--out") == 0 && v) {
            out = v, i++;
        } else if (strcmp(a, "--supervisor") == 0 && v) {
            sup = v, i++;
        } else if (strcmp(a, "--pin-file") == 0 && v) {
            pin_file = v, i++;
        } else if (strcmp(a, "--prepared-by") == 0 && v) {
            prep = v, i++;
        } else if (strcmp(a, "--since") == 0 && v) {
            since = v, i++;
        } else if (strcmp(a, "--site") == 0 && v) {
            rq.site = v, i++;
        } else {
            return export_usage();
        }
        if (rc != 0)
            return cli_failm(c, MSGD_CLI, CLI_T_BAD_PERIOD, "%s%s", a, v ? v : "");
    }
    if (from || to) {
        if (!from || !to)
            return export_usage();
        if (report_period_range(from, to, &rq.period) != 0)
            return cli_failm(c, MSGD_CLI, CLI_T_BAD_RANGE, "%s%s", from, to);
        have++;
    }
    if (have != 1 || !out || !sup)
        return export_usage();
    if (cli_open_store(c) || cli_check_supervisor(c, sup, pin_file))
        return 1;
    rq.root = out;
    rq.supervisor_id = sup;
    rq.preparer_id = prep;
    rq.since = since;
    rq.station_code = c->cfg.station_code;
    rq.station_name = c->cfg.station_name;
    rq.kiosk_id = c->cfg.kiosk_id;
    if (report_export(c->st, &rq, time_now_ms(), final, sizeof final, err, sizeof err) != 0)
        return cli_fail("%s", err);
    char line[4400];
    puts(messages_format(line, sizeof line, MSGD_CLI, CLI_T_EXPORTED, c->lang, "%s", final));
    return 0;
}
