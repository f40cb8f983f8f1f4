/* test_variants.c: every card of card-data's factory (cardf_write_all: realistic identities and
 * hostile variants) read with card_read() on the software chip, each giving the verdict or the
 * error the factory expects; a sample of them also through libnfc and the emulated PN532. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/card/card.h"
#include "drivers/card/cccd_qr.h"
#include "tests/rigs/card/cardf.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/card/pn532emu.h"
#include "tests/test.h"

static char out[256];

/* Reads key=value from dir/card.ini into val (cap bytes); "" when absent. */
static void ini_get(const char *dir, const char *key, char *val, size_t cap)
{
    char path[512], line[256];
    size_t kl = strlen(key);
    FILE *f;
    val[0] = 0;
    snprintf(path, sizeof(path), "%s/card.ini", dir);
    if (!(f = fopen(path, "r")))
        return;
    while (fgets(line, sizeof(line), f))
        if (!strncmp(line, key, kl) && line[kl] == '=') {
            line[strcspn(line, "\r\n")] = 0;
            snprintf(val, cap, "%s", line + kl + 1);
        }
    fclose(f);
}

static void put(char *dst, size_t cap, const char *v)
{
    size_t n = strlen(v);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = 0;
}

static int read_variant_qr(const char *name, const char *device_override,
                           const struct app_identity *qr, struct card_result *res)
{
    char dir[512], dev[600], trust[300], v[32];
    struct card_access acc;
    memset(&acc, 0, sizeof(acc));
    snprintf(dir, sizeof(dir), "%s/%s", out, name);
    snprintf(dev, sizeof(dev), "sim:%s", dir);
    snprintf(trust, sizeof(trust), "%s/trust", out);
    ini_get(dir, "can", v, sizeof(v));
    put(acc.can, sizeof(acc.can), v);
    ini_get(dir, "doc_number", v, sizeof(v));
    put(acc.doc_number, sizeof(acc.doc_number), v);
    ini_get(dir, "dob", v, sizeof(v));
    put(acc.dob, sizeof(acc.dob), v);
    ini_get(dir, "doe", v, sizeof(v));
    /* No-expiry cards: leave the DOE out so the candidates 991231 and <<<<<< are tried. */
    if (strcmp(v, "991231") != 0 && strcmp(v, "<<<<<<") != 0)
        put(acc.doe, sizeof(acc.doe), v);
    acc.qr = qr;
    struct card_options opts = {
        .device = device_override ? device_override : dev, .trust_dir = trust, .timeout_ms = 2000};
    return card_read(&opts, &acc, res, NULL, NULL, NULL);
}

static int read_variant(const char *name, const char *device_override, struct card_result *res)
{
    return read_variant_qr(name, device_override, NULL, res);
}

/* 1 when the report's reasons hold key. */
static int has_reason(const struct card_result *res, const char *key)
{
    char q[64];
    snprintf(q, sizeof(q), "\"%s\"", key);
    const char *r = res->report_json ? strstr(res->report_json, "\"reasons\":[") : NULL;
    const char *end = r ? strchr(r, ']') : NULL;
    const char *hit = r ? strstr(r, q) : NULL;
    return hit && hit < end;
}

/* Chips that try to pass for "unverified" (which one approver's PIN then lets through)
 * instead of "forged", each through the real libnfc pn532_uart driver and the emulated
 * PN532: EF.SOD withheld, DG15 hidden while the SOD lists it, CA refused while DG14 offers
 * it, AA refused with DG15 present, a document signer under a rogue CSCA of a state whose
 * CSCA is configured. A signer of a state with no CSCA configured stays "unverified". */
TEST(chips_cannot_talk_their_verdict_down)
{
    static const struct {
        const char *name, *reason;
        int forged;
    } cases[] = {
        {"no-sod", "sod_missing", 1},          {"hidden-dg15", "dg_listed_missing", 1},
        {"ca-refused", "ca_refused", 1},       {"aa-refused", "aa_refused", 1},
        {"untrusted-ds", "csca_untrusted", 1}, {"foreign-ds", "no_csca_for_state", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char dir[512];
        struct pn532emu *emu = NULL;
        struct card_result res;
        snprintf(dir, sizeof(dir), "%s/%s", out, cases[i].name);
        CHECK_INT(pn532emu_start(dir, NULL, &emu), 0);
        int rc = read_variant(cases[i].name, pn532emu_connstring(emu), &res);
        pn532emu_stop(emu);
        int ok = (cases[i].forged ? rc == CARD_EFORGED && res.identity.verdict == CHIP_FORGED
                                  : rc == 0 && res.identity.verdict == CHIP_UNVERIFIED) &&
                 has_reason(&res, cases[i].reason);
        if (!ok)
            fprintf(stderr, "%s: rc %d %s\n", cases[i].name, rc,
                    res.report_json ? res.report_json : "");
        card_result_wipe(&res);
        CHECK(ok);
    }
}

/* DG1, DG13 and the card's QR code are compared whenever two of them are read: a QR code of
 * another name is a disagreement the policy puts to an approver. */
TEST(qr_code_that_disagrees_with_the_chip)
{
    char text[1024];
    struct app_identity qr;
    struct card_result res;
    const struct cardf_person *p = &cardf_people[cardf_variants[0].person]; /* ngoc-2021 */
    CHECK_INT(cardf_qr_text(p, text, sizeof(text)), 0);
    CHECK_INT(cccd_qr_parse(text, strlen(text), &qr, NULL), 0);
    int rc = read_variant_qr("ngoc-2021", NULL, &qr, &res);
    int agree = rc == 0 && !has_reason(&res, "identity_mismatch") &&
                strstr(res.report_json, "\"QR\":true") != NULL;
    card_result_wipe(&res);
    CHECK(agree);
    snprintf(qr.full_name, sizeof(qr.full_name), "%s", "Trần Văn Khác");
    rc = read_variant_qr("ngoc-2021", NULL, &qr, &res);
    int differ = rc == 0 && res.identity.verdict == CHIP_GENUINE &&
                 has_reason(&res, "identity_mismatch") &&
                 strstr(res.report_json, "\"field\":\"name\"") != NULL;
    if (!differ)
        fprintf(stderr, "QR mismatch: rc %d %s\n", rc, res.report_json ? res.report_json : "");
    card_result_wipe(&res);
    CHECK(differ);
}

TEST(every_factory_variant)
{
    for (int i = 0; i < cardf_n_variants; i++) {
        const struct cardf_variant_info *vi = &cardf_variants[i];
        struct card_result res;
        int rc = read_variant(vi->name, NULL, &res);
        const char *got = rc == 0 || rc == CARD_EFORGED ? app_verdict_name(res.identity.verdict)
                                                        : card_strerror(rc);
        int ok;
        if (!strncmp(vi->expect, "error:", 6))
            ok = rc == CARD_EDATA;
        else
            ok = (rc == 0 || rc == CARD_EFORGED) && !strcmp(got, vi->expect) &&
                 (rc == CARD_EFORGED) == !strcmp(vi->expect, "forged");
        if (!ok)
            fprintf(stderr, "variant %s: expected %s, got %s (rc %d) %s\n", vi->name, vi->expect,
                    got, rc, res.report_json ? res.report_json : "");
        card_result_wipe(&res);
        CHECK(ok);
    }
}

TEST(sample_through_libnfc)
{
    static const char *names[] = {"ngoc-2021", "type-b", "removed-mid-dg2", "clone-no-aa-key"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char dir[512];
        struct pn532emu *emu = NULL;
        struct card_result res;
        snprintf(dir, sizeof(dir), "%s/%s", out, names[i]);
        CHECK_INT(pn532emu_start(dir, NULL, &emu), 0);
        int rc = read_variant(names[i], pn532emu_connstring(emu), &res);
        pn532emu_stop(emu);
        if (i == 3) {
            CHECK_INT(rc, CARD_EFORGED);
        } else {
            if (rc)
                fprintf(stderr, "%s: rc %d\n", names[i], rc);
            CHECK_INT(rc, 0);
            CHECK(res.identity.verdict == CHIP_GENUINE);
            CHECK(res.face.len > 0);
        }
        card_result_wipe(&res);
    }
}

/* ngoc-2021 offers CA (DG14): it runs and succeeds; with the chip's CA key swapped for another
 * one (a clone that copied DG14 but not the key) it fails and the card is forged. */
TEST(chip_authentication)
{
    struct card_result res;
    int rc = read_variant("ngoc-2021", NULL, &res);
    int ok1 = rc == 0 && res.report_json && strstr(res.report_json, "\"chip_auth\":\"ok\"");
    card_result_wipe(&res);
    CHECK(ok1);
    char path[600];
    snprintf(path, sizeof(path), "%s/ngoc-2021/ca_key.pem", out);
    EVP_PKEY *other = cardf_key_ec("brainpoolP256r1");
    CHECK(other != NULL);
    int w = cardf_write_pem_key(path, other);
    EVP_PKEY_free(other);
    CHECK_INT(w, 0);
    rc = read_variant("ngoc-2021", NULL, &res);
    int ok2 = rc == CARD_EFORGED && res.report_json &&
              strstr(res.report_json, "\"chip_auth\":\"failed\"");
    if (!ok2)
        fprintf(stderr, "CA clone: rc %d %s\n", rc, res.report_json ? res.report_json : "");
    card_result_wipe(&res);
    CHECK(ok2);
}

int main(void)
{
    if (test_fresh_dir(out, sizeof(out)) != 0 || cardf_write_all(out) <= 0) {
        printf("FAIL - factory: cannot write the variants\n# passed 0 failed 1\n");
        return 1;
    }
    RUN(every_factory_variant);
    RUN(sample_through_libnfc);
    RUN(chips_cannot_talk_their_verdict_down);
    RUN(qr_code_that_disagrees_with_the_chip);
    RUN(chip_authentication);
    return test_done();
}
