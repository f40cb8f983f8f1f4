/* bench_upstream_verify.c: the reference upstream's own re-verification of one application's
 * chip evidence (tests/rigs/upstream/upstream_evidence.c, sync/PROTOCOL.md §2.4), CPU time per
 * application. Target: ≤ 5 ms CPU.
 *
 * The applications are what the kiosk sends: the envelope and the opened payload JSON of an
 * application whose identity, chip portrait and evidence come from card_read() on the
 * software chip (DG2 ~20 KB, a 60 KB portrait, two 64×64 fingers: a ~150 KB payload), bound
 * to the application's id. Two chips: AA with RSA-1024 and with ECDSA P-256 (its DS is
 * ECDSA either way). Each figure is the median and p95 of 200 calls of upev_verify(), CPU
 * time of the calling thread (CLOCK_THREAD_CPUTIME_ID), after 10 warm-up calls; parsing the
 * two documents is included, opening the sealed box is not (the upstream does that for
 * every payload anyway). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/card/card.h"
#include "kiosk/model/app_json.h"
#include "kiosk/model/timefmt.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/upstream/upstream_evidence.h"
#include "tests/rigs/upstream/upstream_fixture.h"

#define RUNS 200

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void fig(const char *name, double v, const char *unit, double limit)
{
    printf("bench: %s %.3g %s target <= %g %s\n", name, v, unit, limit,
           v <= limit ? "MET" : "MISSED");
}

static int one(int aa_ec, const char *tag)
{
    struct chipsim_profile_opts o;
    char dir[256], trust[300], dev[300];
    struct application a;
    struct card_access acc;
    struct card_result res;
    struct upev_trust *t = NULL;
    char err[256];
    int rc = -1;

    chipsim_profile_defaults(&o);
    o.aa_ec = aa_ec;
    if (chipsim_profile_tmpdir(dir, sizeof dir) || chipsim_profile_write(dir, &o))
        return -1;
    chipsim_profile_trust(dir, trust, sizeof trust);
    snprintf(dev, sizeof dev, "sim:%s", dir);
    if (upstream_fixture_app(&a, 1, 60000, time_now_ms()) != 0 ||
        card_access_from_id(&acc, "001099012345", "", "") != 0)
        goto out;
    acc.bind_id = a.id;
    struct card_options opts = {.device = dev, .trust_dir = trust, .timeout_ms = 2000};
    if (card_read(&opts, &acc, &res, NULL, NULL, NULL) != 0)
        goto out;
    a.identity = res.identity;
    a.chip_face = res.face;
    a.chip_evidence = res.evidence;
    memset(&res.face, 0, sizeof res.face);
    memset(&res.evidence, 0, sizeof res.evidence);
    card_result_wipe(&res);
    char *env = app_envelope_to_json(&a), *pay = app_payload_to_json(&a);
    if (!env || !pay || upev_trust_load(trust, &t, err, sizeof err) != 0) {
        free(env);
        free(pay);
        goto out;
    }
    size_t plen = strlen(pay);
    double ms[RUNS];
    struct upev_result r;
    int bad = 0;
    for (int i = 0; i < 10; i++)
        bad |= upev_verify(t, a.id, env, pay, plen, &r) != 0;
    for (int i = 0; i < RUNS; i++) {
        double t0 = cpu_ms();
        bad |= upev_verify(t, a.id, env, pay, plen, &r) != 0;
        ms[i] = cpu_ms() - t0;
    }
    if (bad) {
        printf("# %s: the genuine application was not accepted (%s)\n", tag, r.code);
    } else {
        qsort(ms, RUNS, sizeof ms[0], cmp);
        printf("# %s: payload %zu bytes, envelope %zu bytes, EF.SOD %zu, DG1 %zu, DG13 %zu, "
               "DG15 %zu, AA signature %zu bytes\n",
               tag, plen, strlen(env), a.chip_evidence.sod.len, a.chip_evidence.dg1.len,
               a.chip_evidence.dg13.len, a.chip_evidence.dg15.len,
               a.chip_evidence.aa_signature.len);
        char name[64];
        snprintf(name, sizeof name, "upstream_verify_cpu_%s_median", tag);
        fig(name, ms[RUNS / 2], "ms", 5);
        snprintf(name, sizeof name, "upstream_verify_cpu_%s_p95", tag);
        fig(name, ms[RUNS * 95 / 100], "ms", 5);
        rc = 0;
    }
    free(env);
    free(pay);
    upev_trust_free(t);
out:
    app_wipe(&a);
    chipsim_profile_rmdir(dir);
    return rc;
}

int main(void)
{
    int rc = one(0, "aa_rsa1024");
    rc |= one(1, "aa_ecdsa_p256");
    return rc ? 1 : 0;
}
