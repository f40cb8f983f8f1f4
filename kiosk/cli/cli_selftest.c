/* cli_selftest.c: `kiosk selftest`: checks what the kiosk needs to start, fast, without a
 * screen: configuration, privileges, modules, the decoders' confinement, keys, store (integrity,
 * schema, audit chain), upstream key, data directory space. One line per check; exit 0 when all
 * pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "kiosk/base/confine.h"
#include "kiosk/base/module.h"
#include "kiosk/cli/cli.h"
#include "kiosk/export/report.h"

static int check(const char *name, int ok, const char *detail)
{
    printf("%-22s %s%s%s\n", name, ok ? "ok" : "FAILED", detail && *detail ? "  " : "",
           detail ? detail : "");
    return ok ? 0 : 1;
}

/* The confined child's work for the probe: the sum of the input's bytes. */
static int sum_bytes(const void *in, size_t len, void *arg)
{
    (void)arg;
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += ((const unsigned char *)in)[i];
    return confine_answer(&sum, sizeof(sum));
}

/* The decoders of hostile bytes (DG2 portraits, QR frames) run confined (confine.h): checks
 * that this process may still fork, limit and seccomp-filter a child, e.g. under the unit's
 * own system call filter. 1 when it can. */
static int confinement_works(char *detail, size_t size)
{
    static const unsigned char probe[] = {1, 2, 3, 250};
    const struct confine_limits lim = {
        .mem_bytes = 64u << 20, .cpu_seconds = 2, .wall_ms = 5000, .max_out = 16};
    unsigned char *out = NULL;
    size_t n = 0;
    int fn_rc = 0;
    int rc = confine_run(&lim, sum_bytes, probe, sizeof(probe), NULL, &out, &n, &fn_rc, NULL);
    unsigned sum = 0;
    if (rc == CONFINE_OK && n == sizeof(sum))
        memcpy(&sum, out, sizeof(sum));
    free(out);
    int ok = rc == CONFINE_OK && sum == 256;
    snprintf(detail, size,
             ok ? "decoders run in a seccomp-filtered, limited child"
                : "the decoders' confined child fails: %s",
             confine_strerror(rc));
    return ok;
}

int cli_selftest(struct cli_ctx *c, int argc, char **argv)
{
    char detail[200];
    int failed = 0;
    (void)argv;
    if (argc != 1) {
        fprintf(stderr, "usage: kiosk selftest\n");
        return 2;
    }
    failed += check("config", 1, c->config_path ? c->config_path : "embedded demo.conf");
    priv_describe(&c->priv, detail, sizeof(detail));
    /* root kept although a user to run as is configured is a failure; no core dumps always */
    failed +=
        check("privileges",
              c->priv.no_core_dumps && !(c->priv.was_root && c->cfg.run_as[0] && !c->priv.dropped),
              detail);
    /* where `run`, `read-card`, `sync` and the portrait checks will load their code from */
    failed += check("modules", module_where(detail, sizeof(detail)), detail);
    /* the confined helper that decodes chip portraits and QR frames (found, not started) */
    char helper[1100], line[1200];
    int have_helper = module_program("decoder", helper, sizeof(helper)) == 0;
    snprintf(line, sizeof(line), "%s%s", helper,
             have_helper ? " (started on first use, confined)" : "");
    failed += check("confined decoder", have_helper, line);
    failed += check("confinement", confinement_works(detail, sizeof(detail)), detail);
    if (cli_open_store(c))
        return 1;
    snprintf(detail, sizeof(detail), "schema %d", store_file_version(c->st));
    failed += check("store", store_integrity_check(c->st) == 0, detail);
    long rows = 0, bad = 0;
    int arc = store_audit_verify(c->st, &rows, &bad);
    snprintf(detail, sizeof(detail), arc == 0 ? "%ld rows" : "broken at row %ld",
             arc == 0 ? rows : bad);
    failed += check("audit trail", arc == 0, detail);
    long long aseq;
    char ahash[65];
    if (store_audit_last_anchor(c->st, &aseq, ahash) == 0 && aseq > 0)
        snprintf(detail, sizeof(detail), "keyed chain, last anchor at row %lld", aseq);
    else
        snprintf(detail, sizeof(detail), "keyed chain, no anchor yet");
    check("audit anchor", 1, detail);
    char fpr[72];
    report_fingerprint(c->keys.sign_pk, fpr);
    snprintf(detail, sizeof(detail), "%s (station %.15s, kiosk %.31s)", fpr, c->cfg.station_code,
             c->cfg.kiosk_id);
    check("export signing key", 1, detail);
    failed += check("upstream seal key", c->keys.have_upstream_pk,
                    c->keys.have_upstream_pk ? "" : "missing: biometrics cannot be queued");
    struct statvfs vfs;
    if (statvfs(c->cfg.data_dir, &vfs) == 0) {
        unsigned long long mb = (unsigned long long)vfs.f_bavail * vfs.f_frsize / 1048576ULL;
        snprintf(detail, sizeof(detail), "%llu MB free in %.100s", mb, c->cfg.data_dir);
        failed += check("disk", mb >= 100, detail);
    } else {
        failed += check("disk", 0, "cannot stat data directory");
    }
    long pending = 0;
    store_outbox_pending(c->st, &pending);
    snprintf(detail, sizeof(detail), "%ld waiting for upload", pending);
    check("outbox", 1, detail);
    return failed ? 1 : 0;
}
