/* bench_card_data_pa.c: CPU time of the data side of a chip read, for a card with a ~20 kB
 * DG2: passive authentication (SOD decode, CMS signature, DS → CSCA chain, DG hashes) with
 * an ECDSA P-256 and an RSA-2048 document signer, the whole verdict (PA + JSON report), and
 * parsing DG1 + DG13 + DG2 (with the JPEG decode). Median and 95th percentile of process CPU
 * time over N runs. Target: PA + AA ≤ 20 ms (AA is measured by card-access). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "drivers/card/card_identity.h"
#include "drivers/card/emrtd_verify.h"
#include "tests/rigs/card/cardf.h"

#define RUNS 200

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *name, double *t, int n, double limit)
{
    qsort(t, (size_t)n, sizeof *t, cmp);
    double med = t[n / 2], p95 = t[n * 95 / 100];
    printf("bench: %s_median %.3f ms target <= %g %s\n", name, med, limit,
           med <= limit ? "MET" : "MISSED");
    printf("bench: %s_p95 %.3f ms target <= %g %s\n", name, p95, limit,
           p95 <= limit ? "MET" : "MISSED");
}

struct card {
    struct cardf_buf dg1, dg2, dg13, dg15, sod;
    struct emrtd_pa_file files[4];
};

static int make_card(struct card *c, const struct cardf_pki *pki)
{
    struct cardf_buf img;
    const struct cardf_buf *dgs[17] = {0};
    EVP_PKEY *aa = cardf_key_rsa(2048);
    memset(c, 0, sizeof *c);
    if (!aa || cardf_dg1(&cardf_people[1], &c->dg1) || cardf_dg13(&cardf_people[1], &c->dg13) ||
        cardf_portrait(240, 320, 85, 0, 1, &img) || cardf_dg2(&img, 0, 240, 320, &c->dg2) ||
        cardf_dg15(aa, &c->dg15))
        return -1;
    cardf_buf_free(&img);
    EVP_PKEY_free(aa);
    dgs[1] = &c->dg1;
    dgs[2] = &c->dg2;
    dgs[13] = &c->dg13;
    dgs[15] = &c->dg15;
    if (cardf_sod(pki, dgs, &c->sod))
        return -1;
    c->files[0] = (struct emrtd_pa_file){1, c->dg1.p, c->dg1.len};
    c->files[1] = (struct emrtd_pa_file){2, c->dg2.p, c->dg2.len};
    c->files[2] = (struct emrtd_pa_file){13, c->dg13.p, c->dg13.len};
    c->files[3] = (struct emrtd_pa_file){15, c->dg15.p, c->dg15.len};
    return 0;
}

static int bench_signer(int ec, const char *tmp)
{
    struct cardf_pki pki;
    struct card c;
    struct emrtd_trust trust;
    char path[256];
    static double t[RUNS];
    if (cardf_pki_new(&pki, "CSCA BENCH", ec, -30, 3650) || make_card(&c, &pki))
        return -1;
    snprintf(path, sizeof path, "%s/csca-%d.pem", tmp, ec);
    if (cardf_write_pem_cert(path, pki.csca) || emrtd_trust_load(tmp, &trust, NULL))
        return -1;
    const char *alg = ec ? "ecdsa_p256" : "rsa2048";
    char name[64];
    for (int i = 0; i < RUNS; i++) {
        struct emrtd_sod sod;
        struct emrtd_pa_result r;
        double t0 = cpu_ms();
        if (emrtd_sod_parse(c.sod.p, c.sod.len, &sod) != SOD_OK ||
            emrtd_pa_verify(&sod, c.files, 4, &trust, 0, &r) != PA_OK || !r.signature_ok ||
            r.chain != PA_CHAIN_OK || !r.hashes_ok)
            return -1;
        emrtd_sod_free(&sod);
        t[i] = cpu_ms() - t0;
    }
    snprintf(name, sizeof name, "pa_cpu_%s", alg);
    report(name, t, RUNS, 20);
    for (int i = 0; i < RUNS; i++) {
        struct emrtd_verdict v;
        struct emrtd_verify_input in = {.files = c.files,
                                        .n_files = 4,
                                        .sod = c.sod.p,
                                        .sod_len = c.sod.len,
                                        .trust = &trust,
                                        .aa = AUTH_OK,
                                        .ca = AUTH_NOT_SUPPORTED,
                                        .access = "PACE"};
        double t0 = cpu_ms();
        if (emrtd_verify(&in, &v) != VERIFY_OK || v.verdict != CHIP_GENUINE)
            return -1;
        emrtd_verdict_free(&v);
        t[i] = cpu_ms() - t0;
    }
    snprintf(name, sizeof name, "verdict_cpu_%s", alg);
    report(name, t, RUNS, 20);
    if (ec) {
        for (int i = 0; i < RUNS; i++) {
            struct app_identity id;
            struct emrtd_face f;
            double t0 = cpu_ms();
            if (card_identity_from_files(c.dg1.p, c.dg1.len, c.dg13.p, c.dg13.len, &id, NULL) ||
                emrtd_dg2_parse(c.dg2.p, c.dg2.len, &f))
                return -1;
            t[i] = cpu_ms() - t0;
        }
        printf("# DG2 of this card: %zu bytes\n", c.dg2.len);
        report("parse_dg1_dg13_dg2_cpu", t, RUNS, 30);
    }
    emrtd_trust_free(&trust);
    cardf_pki_free(&pki);
    return 0;
}

int main(void)
{
    char tmp[] = "/tmp/bench_card_data.XXXXXX";
    if (!mkdtemp(tmp))
        return 1;
    int rc = bench_signer(1, tmp) || bench_signer(0, tmp);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        rc = 1;
    if (rc)
        fprintf(stderr, "bench_card_data_pa: setup or verification failed\n");
    return rc;
}
