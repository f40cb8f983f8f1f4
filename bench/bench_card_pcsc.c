/* bench_card_pcsc.c: a whole card read through the real PC/SC stack (libpcsclite → a private
 * pcscd → Debian's vpcd reader → the chip on vpcd's socket), short reads against extended-length
 * reads, on the same card (PACE-CAN, AA RSA-1024, a ~20 kB DG2):
 * - the software chip taking Le ≤ 231 (short reads only: the kiosk's first extended try gets
 *   6700);
 * - the same chip taking Le ≤ 4096 (the first try goes through: 4096-byte reads);
 * - OpenPACE's chip (tests/rigs/card/eac_chip: PACE, CA and SM by OpenPACE) taking Le ≤ 4096.
 * Figures: APDUs and the host time of the read (card_read's total, card found to verdict).
 * vpcd has no radio: the time is the stack's (pcscd, vpcd, loopback TCP, SM, the chip), not a
 * link's, so it shows what the APDU count costs on the host alone. Best of five runs each.
 * Needs root (pcscd runs in its own mount namespace, as in test_pcsc). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/card/card.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/card/eac_chip.h"
#include "tests/rigs/card/pcscd_rig.h"
#include "tests/rigs/card/vpcd_card.h"

#define BENCH_RUNS 5

struct figure {
    long apdus;
    double ms;
    int ok;
};

static void fig(const char *name, double v, const char *unit, const char *op, double limit)
{
    int met = !strcmp(op, "<=") ? v <= limit : v >= limit;
    printf("bench: %s %.3g %s target %s %g %s\n", name, v, unit, op, limit, met ? "MET" : "MISSED");
}

static double report_num(const char *json, const char *name)
{
    char key[64];
    snprintf(key, sizeof(key), "\"%s\":", name);
    const char *p = json ? strstr(json, key) : NULL;
    return p ? strtod(p + strlen(key), NULL) : -1;
}

/* One read of the card in dir through pcscd; the chip is the software chip or OpenPACE's. */
static int read_once(struct pcscd_rig *rig, const char *dir, size_t max_le, int openpace,
                     struct figure *f)
{
    struct vpcd_card *card = NULL;
    char trust[300];
    int rc;

    memset(f, 0, sizeof(*f));
    if (openpace) {
        struct eac_chip *chip = NULL;
        if (eac_chip_open(dir, max_le, &chip) != 0)
            return -1;
        struct vpcd_chip vc = eac_chip_vpcd(chip);
        rc = vpcd_card_start_chip(&vc, NULL, &card);
    } else {
        rc = vpcd_card_start(dir, NULL, &card);
    }
    if (rc != 0)
        return -1;
    if (pcscd_rig_start(rig, vpcd_card_port(card)) != 0) {
        vpcd_card_stop(card);
        return -1;
    }
    chipsim_profile_trust(dir, trust, sizeof(trust));
    struct card_access acc;
    struct card_result res;
    card_access_from_id(&acc, "001099012345", NULL, "");
    struct card_options o = {.device = "pcsc:", .trust_dir = trust, .timeout_ms = 5000};
    rc = card_read(&o, &acc, &res, NULL, NULL, NULL);
    pcscd_rig_kill(rig);
    vpcd_card_stop(card);
    f->ok = rc == 0 && res.identity.verdict == CHIP_GENUINE;
    f->apdus = (long)report_num(res.report_json, "apdus");
    /* from the card found to the verdict: the report's total less the wait for the card */
    double wait = 0;
    for (const char *p = res.report_json; p && (p = strstr(p, "\"step\":\"wait_card\",\"ms\":"));
         p++)
        wait += strtod(p + strlen("\"step\":\"wait_card\",\"ms\":"), NULL);
    f->ms = report_num(res.report_json, "total_ms") - wait;
    card_result_wipe(&res);
    return f->ok ? 0 : -1;
}

static int best_of(struct pcscd_rig *rig, const char *dir, size_t max_le, int openpace,
                   struct figure *best)
{
    memset(best, 0, sizeof(*best));
    for (int i = 0; i < BENCH_RUNS; i++) {
        struct figure f;
        if (read_once(rig, dir, max_le, openpace, &f) == 0 && (!best->ok || f.ms < best->ms))
            *best = f;
    }
    return best->ok ? 0 : -1;
}

int main(void)
{
    struct pcscd_rig *rig = NULL;
    struct chipsim_profile_opts o;
    char dir_short[256], dir_ext[256], dir_eac[256];
    struct figure s, e, p;

    signal(SIGPIPE, SIG_IGN);
    if (pcscd_rig_prepare(&rig) != 0) {
        printf("# no private pcscd (needs root and Debian's pcscd + vsmartcard-vpcd)\n");
        fig("card_pcsc_reads_ok", 0, "ok", ">=", 1);
        return 0;
    }
    chipsim_profile_defaults(&o);
    o.dg2_len = 20480;
    int bad = chipsim_profile_tmpdir(dir_short, sizeof(dir_short)) ||
              chipsim_profile_write(dir_short, &o);
    o.max_le = 4096;
    bad = bad || chipsim_profile_tmpdir(dir_ext, sizeof(dir_ext)) ||
          chipsim_profile_write(dir_ext, &o);
    o.bac = 0;
    o.aa = 0;
    o.ca = 1;
    bad = bad || chipsim_profile_tmpdir(dir_eac, sizeof(dir_eac)) ||
          chipsim_profile_write(dir_eac, &o);
    if (bad) {
        printf("# cannot write the card profiles\n");
        pcscd_rig_stop(rig);
        return 1;
    }
    int rs = best_of(rig, dir_short, 0, 0, &s);
    int re = best_of(rig, dir_ext, 0, 0, &e);
    int rp = best_of(rig, dir_eac, 4096, 1, &p);
    printf("# software chip, short reads (Le <= 231): %ld APDUs, %.1f ms%s\n", s.apdus, s.ms,
           rs ? " (FAILED)" : "");
    printf("# software chip, extended reads (Le <= 4096): %ld APDUs, %.1f ms%s\n", e.apdus, e.ms,
           re ? " (FAILED)" : "");
    printf("# OpenPACE chip, extended reads (Le <= 4096): %ld APDUs, %.1f ms%s\n", p.apdus, p.ms,
           rp ? " (FAILED)" : "");
    if (rs || re || rp) {
        fig("card_pcsc_reads_ok", 0, "ok", ">=", 1);
    } else {
        fig("card_pcsc_extended_vs_short_apdus", (double)e.apdus / s.apdus, "x", "<=", 0.5);
        fig("card_pcsc_extended_vs_short_time", e.ms / s.ms, "x", "<=", 1.0);
        fig("card_pcsc_openpace_extended_apdus", (double)p.apdus, "APDUs", "<=", 30);
    }
    chipsim_profile_rmdir(dir_short);
    chipsim_profile_rmdir(dir_ext);
    chipsim_profile_rmdir(dir_eac);
    pcscd_rig_stop(rig);
    return 0;
}
