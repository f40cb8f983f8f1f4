/* test_card.c: card_read() end to end on the software chip (sim reader) and through libnfc +
 * the emulated PN532: PACE-CAN, BAC (given DOE, derived DOE, no-expiry), wrong CAN and the BAC
 * fallback, a clone failing AA, DG14/DG15 asked for only when EF.COM or EF.SOD lists them, a
 * chip that refuses READ BINARY by short EF id, a chip with a small maximum Le, a truncated file,
 * removal at many points with resume, no card, no reader, cancel. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "kiosk/messages/messages.h"
#include "drivers/card/card.h"
#include "drivers/card/card_evidence.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/card/pn532emu.h"
#include "tests/test.h"

static char dir[256], dev[300];

static int mk(const struct chipsim_profile_opts *o)
{
    if (chipsim_profile_tmpdir(dir, sizeof(dir)) || chipsim_profile_write(dir, o))
        return -1;
    snprintf(dev, sizeof(dev), "sim:%s", dir);
    return 0;
}

/* DG2 bytes as the profile wrote them, for comparing reads. */
static long file_size(const char *name)
{
    char p[400];
    FILE *f;
    long n;
    snprintf(p, sizeof(p), "%s/%s", dir, name);
    if (!(f = fopen(p, "rb")))
        return -1;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fclose(f);
    return n;
}

static int read_card(const char *device, const struct card_access *acc, struct card_result *res)
{
    char trust[300];
    chipsim_profile_trust(dir, trust, sizeof(trust));
    struct card_options opts = {.device = device, .trust_dir = trust, .timeout_ms = 2000};
    return card_read(&opts, acc, res, NULL, NULL, NULL);
}

static int has(const char *json, const char *needle)
{
    return json && strstr(json, needle) != NULL;
}

TEST(pace_can_full_read)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    chipsim_profile_defaults(&o);
    CHECK_INT(mk(&o), 0);
    CHECK_INT(card_access_from_id(&acc, "001099012345", "", ""), 0);
    CHECK_STR(acc.can, "012345");
    int rc = read_card(dev, &acc, &res);
    long dg2 = file_size("DG2");
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK_STR(res.identity.personal_id, "001099012345");
    CHECK_STR(res.identity.dob, "1999-01-01");
    CHECK(res.identity.full_name[0] != 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK(res.identity.source == ID_SOURCE_CHIP_VERIFIED);
    CHECK(res.face.len > 1000 && res.face.data[0] == 0xFF && res.face.data[1] == 0xD8);
    CHECK(has(res.report_json, "\"access\":\"PACE-CAN\""));
    CHECK(has(res.report_json, "\"active_auth\":\"ok\""));
    char want[64];
    snprintf(want, sizeof(want), "\"DG2\":{\"status\":\"ok\",\"bytes\":%ld}", dg2);
    CHECK(has(res.report_json, want));
    CHECK(has(res.report_json, "\"resumes\":0"));
    card_result_wipe(&res);
}

/* The chip's own signed data come with the result byte for byte (the upstream checks them
 * again), DG2 only as its hash, and the AA challenge is the one bound to the application. */
static int same_file(const char *name, const struct app_blob *b)
{
    char p[400];
    unsigned char buf[65536];
    snprintf(p, sizeof(p), "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    return n > 0 && n == b->len && memcmp(buf, b->data, n) == 0;
}

TEST(evidence_kept_for_the_upstream)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    chipsim_profile_defaults(&o);
    CHECK_INT(mk(&o), 0);
    CHECK_INT(card_access_from_id(&acc, "001099012345", "", ""), 0);
    acc.bind_id = "0190d5c4-1111-7000-8000-000000000001";
    int rc = read_card(dev, &acc, &res);
    CHECK_INT(rc, 0);
    const struct app_chip_evidence *ev = &res.evidence;
    CHECK(same_file("EF.SOD", &ev->sod));
    CHECK(same_file("DG1", &ev->dg1));
    CHECK(same_file("DG13", &ev->dg13));
    CHECK(same_file("DG15", &ev->dg15));
    CHECK(ev->has_dg2);
    CHECK_STR(ev->aa, "ok");
    uint8_t want[8];
    CHECK_INT(card_evidence_challenge(acc.bind_id, want), 0);
    CHECK(ev->aa_challenge.len == 8 && memcmp(ev->aa_challenge.data, want, 8) == 0);
    CHECK(ev->aa_signature.len == 128); /* RSA-1024 */
    card_result_wipe(&res);
    CHECK(!app_evidence_present(&res.evidence));
    /* another application: another challenge */
    acc.bind_id = "0190d5c4-1111-7000-8000-000000000002";
    CHECK_INT(read_card(dev, &acc, &res), 0);
    chipsim_profile_rmdir(dir);
    CHECK(res.evidence.aa_challenge.len == 8 &&
          memcmp(res.evidence.aa_challenge.data, want, 8) != 0);
    card_result_wipe(&res);
}

TEST(bac_variants)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    chipsim_profile_defaults(&o);
    o.pace = 0;
    o.aa = 0;
    CHECK_INT(mk(&o), 0);
    /* Given DOE. */
    card_access_from_id(&acc, "001099012345", "1999-01-01", "");
    memcpy(acc.doe, "240101", 7);
    int rc1 = read_card(dev, &acc, &res);
    int bac1 = has(res.report_json, "\"access\":\"BAC\"");
    card_result_wipe(&res);
    /* DOE derived from the issue date: issued at 21 → valid to the 25th birthday. */
    card_access_from_id(&acc, "001099012345", "1999-01-01", "2020-03-01");
    int rc2 = read_card(dev, &acc, &res);
    card_result_wipe(&res);
    /* Only a CAN for a BAC-only chip: the officer must give the date of birth. */
    card_access_from_id(&acc, "001099012345", "", "");
    int rc3 = read_card(dev, &acc, &res);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc1, 0);
    CHECK(bac1);
    CHECK_INT(rc2, 0);
    CHECK_INT(rc3, CARD_ENEED_MRZ);

    /* An elderly citizen's card without expiry (991231 in the MRZ). */
    o.personal_id = "001058012345";
    o.dob = "580101";
    o.doe = "991231";
    CHECK_INT(mk(&o), 0);
    card_access_from_id(&acc, "001058012345", "1958-01-01", "");
    rc1 = read_card(dev, &acc, &res);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc1, 0);
    CHECK(res.identity.no_expiry);
    card_result_wipe(&res);
}

TEST(wrong_can_and_bac_fallback)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    chipsim_profile_defaults(&o);
    o.aa = 0;
    CHECK_INT(mk(&o), 0);
    card_access_from_id(&acc, "001099012399", "", "");
    int rc1 = read_card(dev, &acc, &res);
    /* Wrong CAN but right MRZ data: PACE refused, BAC opens the chip. */
    card_access_from_id(&acc, "001099012345", "1999-01-01", "");
    memcpy(acc.can, "999999", 7);
    memcpy(acc.doe, "240101", 7);
    int rc2 = read_card(dev, &acc, &res);
    int bac = has(res.report_json, "\"access\":\"BAC\"");
    card_result_wipe(&res);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc1, CARD_EWRONG_CAN);
    CHECK_INT(rc2, 0);
    CHECK(bac);
    CHECK(strcmp(messages_text(MSGD_CARD, CARD_EWRONG_CAN, LANG_VI),
                 messages_text(MSGD_CARD, CARD_EWRONG_CAN, LANG_EN)) != 0);
}

TEST(clone_fails_active_auth)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    chipsim_profile_defaults(&o);
    o.clone = 1;
    for (int ec = 0; ec < 2; ec++) {
        o.aa_ec = ec;
        CHECK_INT(mk(&o), 0);
        card_access_from_id(&acc, "001099012345", "", "");
        int rc = read_card(dev, &acc, &res);
        chipsim_profile_rmdir(dir);
        CHECK_INT(rc, CARD_EFORGED);
        CHECK(res.identity.verdict == CHIP_FORGED);
        CHECK(has(res.report_json, "\"active_auth\":\"failed\""));
        card_result_wipe(&res);
    }
    o.clone = 0;
    o.aa_ec = 1; /* a genuine ECDSA chip */
    CHECK_INT(mk(&o), 0);
    card_access_from_id(&acc, "001099012345", "", "");
    int rc = read_card(dev, &acc, &res);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK(has(res.report_json, "\"active_auth\":\"ok\""));
    card_result_wipe(&res);
}

/* The report's APDU count (the top-level "apdus"), or -1. */
static long report_apdus(const char *json)
{
    json_error_t err;
    json_t *root = json ? json_loads(json, 0, &err) : NULL;
    long n = json_is_integer(json_object_get(root, "apdus"))
                 ? (long)json_integer_value(json_object_get(root, "apdus"))
                 : -1;
    json_decref(root);
    return n;
}

static int copy_file(const char *from_dir, const char *to_dir, const char *name)
{
    char a[400], b[400];
    unsigned char buf[65536];
    snprintf(a, sizeof(a), "%s/%s", from_dir, name);
    snprintf(b, sizeof(b), "%s/%s", to_dir, name);
    FILE *in = fopen(a, "rb"), *out = in ? fopen(b, "wb") : NULL;
    size_t n = in ? fread(buf, 1, sizeof(buf), in) : 0;
    int ok = out && n > 0 && fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

/* DG14 and DG15 are asked for only when EF.COM or EF.SOD lists them: a BAC chip with AA and
 * no Chip Authentication holds no DG14, and both lists say so, so no APDU goes to it. Without
 * EF.COM (one list missing) it is asked for as before: one APDU more. A DG14 the chip holds
 * but neither list names is never read nor used (its CA key here is not the chip's: had CA
 * run with it, the card would be forged). */
TEST(optional_dgs_asked_only_when_listed)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    char path[400], other[256];
    chipsim_profile_defaults(&o);
    o.pace = 0;
    CHECK_INT(mk(&o), 0);
    card_access_from_id(&acc, "001099012345", "1999-01-01", "");
    memcpy(acc.doe, "240101", 7);
    int rc = read_card(dev, &acc, &res);
    long listed_apdus = report_apdus(res.report_json);
    CHECK_INT(rc, 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK(has(res.report_json, "\"DG14\":{\"status\":\"not_listed\""));
    CHECK(has(res.report_json, "\"DG15\":{\"status\":\"ok\""));
    CHECK(has(res.report_json, "\"active_auth\":\"ok\""));
    /* the SOD leaves DG14 out: EF.COM is read to see whether it names it */
    CHECK(has(res.report_json, "\"EF.COM\":{\"status\":\"ok\""));
    card_result_wipe(&res);

    /* A DG14 on the chip that neither EF.COM nor EF.SOD lists, with a CA key the chip lacks. */
    struct chipsim_profile_opts oc = o;
    oc.ca = 1;
    CHECK_INT(chipsim_profile_tmpdir(other, sizeof(other)), 0);
    CHECK_INT(chipsim_profile_write(other, &oc), 0);
    CHECK_INT(copy_file(other, dir, "DG14"), 0);
    chipsim_profile_rmdir(other);
    rc = read_card(dev, &acc, &res);
    CHECK_INT(rc, 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK(has(res.report_json, "\"DG14\":{\"status\":\"not_listed\""));
    CHECK(has(res.report_json, "\"chip_auth\":\"not_supported\""));
    CHECK(res.evidence.dg14.len == 0);
    CHECK_INT(report_apdus(res.report_json), listed_apdus);
    card_result_wipe(&res);

    /* No EF.COM: the lists cannot both be read, so DG14 is asked for, and it is there but
     * not in the SOD: forged, as any DG the SOD does not list. */
    snprintf(path, sizeof(path), "%s/EF.COM", dir);
    CHECK_INT(unlink(path), 0);
    rc = read_card(dev, &acc, &res);
    CHECK_INT(rc, CARD_EFORGED);
    CHECK(has(res.report_json, "dg_not_in_sod"));
    card_result_wipe(&res);
    snprintf(path, sizeof(path), "%s/DG14", dir);
    CHECK_INT(unlink(path), 0);
    rc = read_card(dev, &acc, &res);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK(has(res.report_json, "\"DG14\":{\"status\":\"absent\""));
    CHECK_INT(report_apdus(res.report_json), listed_apdus + 1);
    card_result_wipe(&res);
}

/* A chip that addresses its files by FID only (READ BINARY by short EF id answered 6A86) is
 * read whole through SELECT, with the same verdict and identity: the refused SFI read costs one
 * APDU, once (EF.CardAccess, first), then each file read gets its SELECT, PACE and BAC alike. */
TEST(sfi_refused_read_through_select)
{
    for (int pace = 1; pace >= 0; pace--) {
        struct chipsim_profile_opts o;
        struct card_access acc;
        struct card_result res;
        chipsim_profile_defaults(&o);
        o.pace = pace;
        CHECK_INT(mk(&o), 0);
        card_access_from_id(&acc, "001099012345", "1999-01-01", "");
        memcpy(acc.doe, "240101", 7);
        CHECK_INT(read_card(dev, &acc, &res), 0);
        long with_sfi = report_apdus(res.report_json);
        CHECK(res.identity.verdict == CHIP_GENUINE);
        card_result_wipe(&res);
        chipsim_profile_rmdir(dir);

        o.no_sfi = 1;
        CHECK_INT(mk(&o), 0);
        int rc = read_card(dev, &acc, &res);
        chipsim_profile_rmdir(dir);
        CHECK_INT(rc, 0);
        CHECK(res.identity.verdict == CHIP_GENUINE);
        CHECK_STR(res.identity.personal_id, "001099012345");
        CHECK(has(res.report_json, pace ? "\"access\":\"PACE-CAN\"" : "\"access\":\"BAC\""));
        CHECK(has(res.report_json, "\"active_auth\":\"ok\""));
        CHECK(has(res.report_json, "\"DG2\":{\"status\":\"ok\""));
        /* EF.CardAccess, EF.COM, DG1, DG13, EF.SOD, DG15, DG2 (no DG14 listed): 7 SELECTs */
        CHECK_INT(report_apdus(res.report_json), with_sfi + 1 + 7);
        card_result_wipe(&res);
    }
}

/* A chip whose SOD lists DG14 and DG15 (a CCCD: Chip and Active Authentication): both are
 * asked for whatever EF.COM says, so EF.COM is not read at all. The read is the same with
 * EF.COM gone from the chip: same APDUs, same verdict. A SOD that does not parse brings EF.COM
 * back (and the forged verdict it always had). */
TEST(com_read_only_when_the_sod_leaves_a_dg_open)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    char path[400];
    chipsim_profile_defaults(&o);
    o.ca = 1;
    CHECK_INT(mk(&o), 0);
    CHECK_INT(card_access_from_id(&acc, "001099012345", "", ""), 0);
    CHECK_INT(read_card(dev, &acc, &res), 0);
    long apdus = report_apdus(res.report_json);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK(has(res.report_json, "\"EF.COM\":{\"status\":\"not_needed\""));
    CHECK(!has(res.report_json, "\"step\":\"EF.COM\""));
    CHECK(has(res.report_json, "\"DG14\":{\"status\":\"ok\""));
    CHECK(has(res.report_json, "\"DG15\":{\"status\":\"ok\""));
    CHECK(has(res.report_json, "\"chip_auth\":\"ok\""));
    CHECK(has(res.report_json, "\"active_auth\":\"ok\""));
    card_result_wipe(&res);

    snprintf(path, sizeof(path), "%s/EF.COM", dir);
    CHECK_INT(unlink(path), 0);
    CHECK_INT(read_card(dev, &acc, &res), 0);
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK_INT(report_apdus(res.report_json), apdus);
    card_result_wipe(&res);

    /* An EF.SOD that does not parse: EF.COM is asked for (absent here), and the card is
     * forged, as before. */
    snprintf(path, sizeof(path), "%s/EF.SOD", dir);
    FILE *f = fopen(path, "r+b");
    CHECK(f != NULL);
    if (f) {
        fseek(f, 4, SEEK_SET); /* after 77 82 LL LL: the CMS ContentInfo's SEQUENCE tag */
        fputc(0x04, f);        /* now an OCTET STRING: the SOD no longer decodes */
        fclose(f);
    }
    int rc = read_card(dev, &acc, &res);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, CARD_EFORGED);
    CHECK(has(res.report_json, "\"EF.COM\":{\"status\":\"absent\""));
    card_result_wipe(&res);
}

TEST(small_max_le_and_truncated_file)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    chipsim_profile_defaults(&o);
    o.aa = 0;
    o.max_le = 100;
    CHECK_INT(mk(&o), 0);
    card_access_from_id(&acc, "001099012345", "", "");
    int rc = read_card(dev, &acc, &res);
    long dg2 = file_size("DG2");
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    char want[64];
    snprintf(want, sizeof(want), "\"DG2\":{\"status\":\"ok\",\"bytes\":%ld}", dg2);
    CHECK(has(res.report_json, want));
    CHECK(has(res.report_json, "\"chunk\":100"));
    card_result_wipe(&res);
    /* A file shorter than its TLV header says: the chip's data cannot be used. */
    o.max_le = 0;
    o.truncate_dg1 = 1;
    CHECK_INT(mk(&o), 0);
    rc = read_card(dev, &acc, &res);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, CARD_EDATA);
    CHECK(res.report_json == NULL);
}

/* A DG2 beyond 32767 bytes: offsets above 15 bits go through READ BINARY B1 with DO'54'; a
 * genuine verdict proves every byte arrived in place (the SOD hashes the whole file). */
TEST(large_file_odd_ins)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    chipsim_profile_defaults(&o);
    o.dg2_len = 70000;
    o.removed_after = 200; /* and a resume beyond the 15-bit offsets */
    CHECK_INT(mk(&o), 0);
    card_access_from_id(&acc, "001099012345", "", "");
    int rc = read_card(dev, &acc, &res);
    long dg2 = file_size("DG2");
    chipsim_profile_rmdir(dir);
    int genuine =
        rc == 0 && res.identity.verdict == CHIP_GENUINE && has(res.report_json, "\"resumes\":1");
    card_result_wipe(&res);
    CHECK(dg2 > 40000);
    CHECK(genuine);
}

TEST(removal_and_resume_at_many_points)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    static const unsigned long points[] = {1, 2, 4, 6, 7, 9, 12, 20, 50, 80, 90, 95};
    chipsim_profile_defaults(&o);
    o.dg2_len = 20000;
    for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
        o.removed_after = points[i];
        o.pace = i % 2 == 0; /* alternate PACE and BAC sessions */
        CHECK_INT(mk(&o), 0);
        card_access_from_id(&acc, "001099012345", "1999-01-01", "");
        memcpy(acc.doe, "240101", 7);
        int rc = read_card(dev, &acc, &res);
        long dg2 = file_size("DG2");
        chipsim_profile_rmdir(dir);
        char want[64];
        snprintf(want, sizeof(want), "\"DG2\":{\"status\":\"ok\",\"bytes\":%ld}", dg2);
        int ok = rc == 0 && has(res.report_json, want) && has(res.report_json, "\"resumes\":1") &&
                 has(res.report_json, "\"active_auth\":\"ok\"") &&
                 res.identity.verdict == CHIP_GENUINE &&
                 !strcmp(res.identity.personal_id, "001099012345");
        if (!ok)
            fprintf(stderr, "removed after %lu: rc %d %s\n", points[i], rc,
                    res.report_json ? res.report_json : "");
        card_result_wipe(&res);
        CHECK(ok);
    }
}

/* Not a CCCD: a chip without the eMRTD application; an old card with no ISO 14443-4 chip
 * (through libnfc and the emulated PN532, where the SAK says so). Each has its own code. */
TEST(not_a_cccd_and_no_chip)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    struct pn532emu *emu = NULL;
    chipsim_profile_defaults(&o);
    o.aa = 0;
    o.no_emrtd_app = 1;
    o.no_card_access = 1;
    CHECK_INT(mk(&o), 0);
    card_access_from_id(&acc, "001099012345", "", "");
    int rc1 = read_card(dev, &acc, &res);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc1, CARD_ENOT_CCCD);

    o.no_emrtd_app = 0;
    o.no_iso_dep = 1;
    CHECK_INT(mk(&o), 0);
    CHECK_INT(pn532emu_start(dir, NULL, &emu), 0);
    int rc2 = read_card(pn532emu_connstring(emu), &acc, &res);
    pn532emu_stop(emu);
    int rc3 = read_card(dev, &acc, &res);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc2, CARD_ENO_CHIP);
    CHECK_INT(rc3, CARD_ENO_CHIP);
}

TEST(no_reader_bad_options_cancel)
{
    struct card_access acc;
    struct card_result res;
    card_access_from_id(&acc, "001099012345", "", "");
    CHECK_INT(read_card("pn532_uart:/dev/nonexistent-reader", &acc, &res), CARD_EREADER);
    CHECK_INT(read_card("sim:/nonexistent-profile", &acc, &res), CARD_EREADER);
    struct card_access empty = {0};
    CHECK_INT(read_card("sim:/x", &empty, &res), CARD_EINVAL);
    CHECK_INT(card_access_from_id(&acc, "12345", "", ""), CARD_EINVAL);

    struct chipsim_profile_opts o;
    chipsim_profile_defaults(&o);
    CHECK_INT(mk(&o), 0);
    atomic_int cancel = 1;
    struct card_options opts = {.device = dev, .timeout_ms = 2000};
    card_access_from_id(&acc, "001099012345", "", "");
    int rc = card_read(&opts, &acc, &res, NULL, NULL, &cancel);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, CARD_ECANCELLED);
    for (int c = CARD_ECHIP; c <= 0; c++) {
        CHECK(card_strerror(c)[0]);
        CHECK(messages_text(MSGD_CARD, c, LANG_VI)[0]);
    }
}

static int progress_calls, progress_last;
static void on_progress(const char *step, int pct, void *arg)
{
    (void)step;
    (void)arg;
    progress_calls++;
    if (pct >= 0)
        progress_last = pct;
}

TEST(whole_read_through_libnfc_and_emulated_pn532)
{
    struct chipsim_profile_opts o;
    struct card_access acc;
    struct card_result res;
    struct pn532emu *emu = NULL;
    chipsim_profile_defaults(&o);
    o.removed_after = 60;
    CHECK_INT(mk(&o), 0);
    CHECK_INT(pn532emu_start(dir, NULL, &emu), 0);
    card_access_from_id(&acc, "001099012345", "", "");
    char trust[300];
    chipsim_profile_trust(dir, trust, sizeof(trust));
    struct card_options opts = {
        .device = pn532emu_connstring(emu), .trust_dir = trust, .timeout_ms = 3000};
    int rc = card_read(&opts, &acc, &res, on_progress, NULL, NULL);
    pn532emu_stop(emu);
    long dg2 = file_size("DG2");
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, 0);
    CHECK(has(res.report_json, "\"kbps\":424"));
    CHECK(res.identity.verdict == CHIP_GENUINE);
    CHECK(has(res.report_json, "\"resumes\":1"));
    char want[64];
    snprintf(want, sizeof(want), "\"DG2\":{\"status\":\"ok\",\"bytes\":%ld}", dg2);
    CHECK(has(res.report_json, want));
    CHECK(progress_calls > 8);
    CHECK_INT(progress_last, 100);
    card_result_wipe(&res);

    /* No card on the emulated reader. */
    o.removed_after = 0;
    CHECK_INT(mk(&o), 0);
    CHECK_INT(pn532emu_start(dir, NULL, &emu), 0);
    pn532emu_set_card(emu, 0);
    struct card_options o2 = {.device = pn532emu_connstring(emu), .timeout_ms = 300};
    rc = card_read(&o2, &acc, &res, NULL, NULL, NULL);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, CARD_ENOCARD);

    /* The reader is unplugged mid-read: "check the cable", not "put the card back". */
    CHECK_INT(mk(&o), 0);
    struct pn532emu_opts eo = {.baud = 0, .unplug_after_apdus = 30};
    CHECK_INT(pn532emu_start(dir, &eo, &emu), 0);
    struct card_options o3 = {.device = pn532emu_connstring(emu), .timeout_ms = 1000};
    rc = card_read(&o3, &acc, &res, NULL, NULL, NULL);
    pn532emu_stop(emu);
    chipsim_profile_rmdir(dir);
    CHECK_INT(rc, CARD_EREADER);
}

int main(void)
{
    RUN(pace_can_full_read);
    RUN(evidence_kept_for_the_upstream);
    RUN(bac_variants);
    RUN(wrong_can_and_bac_fallback);
    RUN(clone_fails_active_auth);
    RUN(optional_dgs_asked_only_when_listed);
    RUN(sfi_refused_read_through_select);
    RUN(com_read_only_when_the_sod_leaves_a_dg_open);
    RUN(small_max_le_and_truncated_file);
    RUN(large_file_odd_ins);
    RUN(removal_and_resume_at_many_points);
    RUN(not_a_cccd_and_no_chip);
    RUN(no_reader_bad_options_cancel);
    RUN(whole_read_through_libnfc_and_emulated_pn532);
    return test_done();
}
