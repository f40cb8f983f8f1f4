/* test_pcsc_openpace.c: the kiosk's PACE, Chip Authentication and secure messaging against a
 * chip whose side of them is OpenPACE's (tests/rigs/card/eac_chip), read through the real PC/SC
 * stack (libpcsclite → a private pcscd → vpcd → the chip). The kiosk and OpenPACE share no
 * code: a read only works when the kiosk's nonce decryption, mapping, key agreement, KDF,
 * tokens, SM cipher, MAC and SSC all agree with OpenPACE's.
 *
 * Cases: genuine (PACE-CAN, CA ok, every file under OpenPACE's SM), unverified with nothing
 * trusted, forged with DG2 altered, forged when the chip's CA key is not DG14's (CA fails,
 * a new PACE follows), a wrong CAN refused by OpenPACE's token check and PACE with the MRZ
 * password after it, a card lifted mid-read and put back (a new PACE, no stale SSC),
 * extended-length reads
 * under OpenPACE's SM when the chip takes them. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/card/card.h"
#include "drivers/card/reader.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/rigs/card/eac_chip.h"
#include "tests/rigs/card/pcscd_rig.h"
#include "tests/rigs/card/vpcd_card.h"
#include "tests/test.h"

static struct pcscd_rig *rig;
static char dir[256];

static int has(const char *json, const char *needle)
{
    return json && strstr(json, needle) != NULL;
}

/* The profile OpenPACE's chip serves: PACE only, CA (DG14), no AA. */
static void eac_profile(struct chipsim_profile_opts *o)
{
    chipsim_profile_defaults(o);
    o->bac = 0;
    o->aa = 0;
    o->ca = 1;
}

/* Reads the card with the kiosk; the chip's counters in st (after the read). */
static const char *eac_dob; /* with eac_doe: the MRZ data the officer gives (NULL: none) */
static const char *eac_doe;

static int eac_read(const struct chipsim_profile_opts *o, size_t max_le, int corrupt_dg2,
                    const char *can, int empty_trust, struct card_result *res,
                    struct eac_chip_stats *st)
{
    struct eac_chip *chip = NULL;
    struct vpcd_card *card = NULL;
    char trust[300], empty[256] = "";
    int rc = -100;

    memset(st, 0, sizeof(*st));
    if (chipsim_profile_tmpdir(dir, sizeof(dir)) || chipsim_profile_write(dir, o))
        return -101;
    if (corrupt_dg2) {
        char p[400];
        snprintf(p, sizeof(p), "%s/DG2", dir);
        FILE *f = fopen(p, "r+b");
        if (!f)
            return -102;
        fseek(f, 0, SEEK_END);
        long mid = ftell(f) / 2;
        fseek(f, mid, SEEK_SET);
        int ch = fgetc(f);
        fseek(f, mid, SEEK_SET);
        fputc(ch ^ 0x01, f);
        fclose(f);
    }
    if (eac_chip_open(dir, max_le, &chip) != 0) {
        chipsim_profile_rmdir(dir);
        return -103;
    }
    struct vpcd_chip vc = eac_chip_vpcd(chip);
    struct vpcd_card_opts vo = {.back_after_ms = 1000}; /* a lifted card comes back */
    if (vpcd_card_start_chip(&vc, &vo, &card) != 0) {
        chipsim_profile_rmdir(dir);
        return -104;
    }
    if (pcscd_rig_start(rig, vpcd_card_port(card)) != 0) {
        rc = -105;
        goto out;
    }
    chipsim_profile_trust(dir, trust, sizeof(trust));
    if (empty_trust && chipsim_profile_tmpdir(empty, sizeof(empty)) != 0)
        goto out;
    struct card_access acc;
    if (card_access_from_id(&acc, "001099012345", eac_dob, "") != 0)
        goto out;
    if (can)
        memcpy(acc.can, can, 7);
    if (eac_doe)
        memcpy(acc.doe, eac_doe, 7);
    struct card_options co = {
        .device = "pcsc:", .trust_dir = empty_trust ? empty : trust, .timeout_ms = 3000};
    rc = card_read(&co, &acc, res, NULL, NULL, NULL);
    eac_chip_get_stats(chip, st);
    if (rc != 0 && rc != CARD_EFORGED)
        printf("# read: rc %d (%s)\n", rc, card_strerror(rc));
out:
    pcscd_rig_kill(rig);
    vpcd_card_stop(card);
    if (empty[0])
        chipsim_profile_rmdir(empty);
    chipsim_profile_rmdir(dir);
    return rc;
}

TEST(openpace_chip_genuine)
{
    struct chipsim_profile_opts o;
    struct card_result res;
    struct eac_chip_stats st;

    eac_profile(&o);
    int rc = eac_read(&o, 231, 0, NULL, 0, &res, &st);
    if (rc != 0 || st.sm_bad)
        printf("# report %s\n", res.report_json ? res.report_json : "-");
    int genuine = res.identity.verdict == CHIP_GENUINE;
    int pace = has(res.report_json, "\"access\":\"PACE-CAN\"");
    int ca = has(res.report_json, "\"chip_auth\":\"ok\"");
    int dg2 = has(res.report_json, "\"DG2\":{\"status\":\"ok\"") && res.face.len > 1000;
    int id = !strcmp(res.identity.personal_id, "001099012345");
    card_result_wipe(&res);
    CHECK_INT(rc, 0);
    CHECK(genuine && pace && ca && dg2 && id);
    /* OpenPACE ran PACE once and CA once, and checked the MAC of every protected command. */
    CHECK_INT(st.pace_ok, 1);
    CHECK_INT(st.ca_ok, 1);
    CHECK(st.sm_ok > 40);
    CHECK_INT(st.sm_bad, 0);
}

TEST(openpace_chip_unverified_and_forged)
{
    struct chipsim_profile_opts o;
    struct card_result res;
    struct eac_chip_stats st;

    /* nothing trusted: unverified, whatever CA says */
    eac_profile(&o);
    int rc = eac_read(&o, 231, 0, NULL, 1, &res, &st);
    int unverified = res.identity.verdict == CHIP_UNVERIFIED;
    card_result_wipe(&res);
    CHECK_INT(rc, 0);
    CHECK(unverified);

    /* one byte of DG2 changed after signing */
    rc = eac_read(&o, 231, 1, NULL, 0, &res, &st);
    int forged = res.identity.verdict == CHIP_FORGED && has(res.report_json, "dg_hash_mismatch");
    card_result_wipe(&res);
    CHECK_INT(rc, CARD_EFORGED);
    CHECK(forged);

    /* the chip holds another CA key than DG14's: the kiosk's check under the new keys fails
     * (OpenPACE derived other keys), CA is failed, and the read finishes under a new PACE */
    o.ca_clone = 1;
    rc = eac_read(&o, 231, 0, NULL, 0, &res, &st);
    int ca_failed = has(res.report_json, "\"chip_auth\":\"failed\"");
    forged = res.identity.verdict == CHIP_FORGED;
    card_result_wipe(&res);
    CHECK_INT(rc, CARD_EFORGED);
    CHECK(forged && ca_failed);
    CHECK_INT(st.pace_ok, 2);
    CHECK(st.sm_bad >= 1);
}

TEST(openpace_chip_refuses_wrong_can_takes_mrz)
{
    struct chipsim_profile_opts o;
    struct card_result res;
    struct eac_chip_stats st;

    eac_profile(&o);
    /* a CAN that is not the card's */
    int rc = eac_read(&o, 231, 0, "012346", 0, &res, &st);
    card_result_wipe(&res);
    CHECK_INT(rc, CARD_EWRONG_CAN);
    CHECK(st.pace_failed >= 1);
    CHECK_INT(st.pace_ok, 0);

    /* the same wrong CAN, with the date of birth and expiry: PACE with the MRZ password, which
     * OpenPACE derives from DG1's MRZ itself */
    eac_dob = "1999-01-01";
    eac_doe = "240101";
    rc = eac_read(&o, 231, 0, "012346", 0, &res, &st);
    eac_dob = eac_doe = NULL;
    int mrz = has(res.report_json, "\"access\":\"PACE-MRZ\"");
    int genuine = res.identity.verdict == CHIP_GENUINE;
    card_result_wipe(&res);
    CHECK_INT(rc, 0);
    CHECK(mrz && genuine);
    CHECK(st.pace_failed >= 1);
    CHECK_INT(st.pace_ok, 1);
}

/* Lifted mid-read (inside DG2) and put back: OpenPACE's chip starts afresh, so the read only
 * goes on if the kiosk runs a new PACE and never sends a command under the old keys and SSC
 * (OpenPACE would refuse its MAC). */
TEST(openpace_chip_put_back_mid_read)
{
    struct chipsim_profile_opts o;
    struct card_result res;
    struct eac_chip_stats st;

    eac_profile(&o);
    o.removed_after = 40;
    int rc = eac_read(&o, 231, 0, NULL, 0, &res, &st);
    int genuine = res.identity.verdict == CHIP_GENUINE;
    int resumed = has(res.report_json, "\"resumes\":1");
    card_result_wipe(&res);
    CHECK_INT(rc, 0);
    CHECK(genuine && resumed);
    CHECK_INT(st.pace_ok, 2);
    CHECK_INT(st.sm_bad, 0);
    CHECK_INT(st.ca_ok, 1);
}

/* A chip taking Le up to 4096 (no EF.ATR/INFO): the kiosk's first extended READ BINARY goes
 * through, and every file comes in a few APDUs under OpenPACE's secure messaging; a chip of
 * short Le only answers 6700 to it and the read goes on short. */
TEST(openpace_chip_extended_length)
{
    struct chipsim_profile_opts o;
    struct card_result res;
    struct eac_chip_stats st;

    eac_profile(&o);
    int rc = eac_read(&o, 4096, 0, NULL, 0, &res, &st);
    int genuine = res.identity.verdict == CHIP_GENUINE;
    const char *a = res.report_json ? strstr(res.report_json, "\"apdus\":") : NULL;
    long apdus = a ? strtol(a + 8, NULL, 10) : -1;
    card_result_wipe(&res);
    CHECK_INT(rc, 0);
    CHECK(genuine);
    CHECK(st.largest_read > 3000);
    CHECK(apdus > 0 && apdus < 40);
    CHECK_INT(st.sm_bad, 0);

    rc = eac_read(&o, 231, 0, NULL, 0, &res, &st);
    genuine = res.identity.verdict == CHIP_GENUINE;
    card_result_wipe(&res);
    CHECK_INT(rc, 0);
    CHECK(genuine);
    CHECK(st.largest_read <= 231);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    if (pcscd_rig_prepare(&rig) != 0) {
        printf("FAIL - pcscd_rig_prepare\n# passed 0 failed 1\n");
        return 1;
    }
    RUN(openpace_chip_genuine);
    RUN(openpace_chip_unverified_and_forged);
    RUN(openpace_chip_refuses_wrong_can_takes_mrz);
    RUN(openpace_chip_put_back_mid_read);
    RUN(openpace_chip_extended_length);
    pcscd_rig_stop(rig);
    return test_done();
}
