/* test_pace.c: PACE against ICAO 9303-11 Appendix G values (K_pi, nonce), the synthetic CCCD
 * CAN vector of shared/cccd-chip.md §3.5, EF.CardAccess parsing, and full PACE runs with the
 * software chip: right CAN, wrong CAN, MRZ password, PACE-only/BAC-only chips. */
#include <openssl/obj_mac.h>

#include "drivers/card/emrtd_bac.h"
#include "drivers/card/emrtd_pace.h"
#include "drivers/card/reader.h"
#include "tests/card/access/hex.h"
#include "tests/rigs/chipsim_profile.h"
#include "tests/test.h"

static const uint8_t cccd_card_access[] = {
    0x31, 0x34, 0x30, 0x0D, 0x06, 0x08, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x02,
    0x02, 0x01, 0x01, 0x30, 0x0F, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02,
    0x03, 0x02, 0x02, 0x02, 0x01, 0x01, 0x30, 0x12, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00,
    0x07, 0x02, 0x02, 0x04, 0x02, 0x02, 0x02, 0x01, 0x02, 0x02, 0x01, 0x0D};

TEST(card_access_cccd)
{
    struct emrtd_pace_info pi;
    CHECK_INT(emrtd_pace_parse_card_access(cccd_card_access, sizeof(cccd_card_access), &pi), 0);
    CHECK_INT(pi.param_id, 13);
    CHECK_INT(pi.key_len, 16);
    CHECK_INT(pi.version, 2);
    CHECK_INT(pi.curve_nid, NID_brainpoolP256r1);
    /* Every truncation is refused without reading past the end. */
    for (size_t n = 0; n < sizeof(cccd_card_access); n++)
        CHECK(emrtd_pace_parse_card_access(cccd_card_access, n, &pi) != 0);
    /* Only a TA/CA info: nothing to run. */
    uint8_t no_pace[] = {0x31, 0x0F, 0x30, 0x0D, 0x06, 0x08, 0x04, 0x00, 0x7F,
                         0x00, 0x07, 0x02, 0x02, 0x02, 0x02, 0x01, 0x01};
    CHECK_INT(emrtd_pace_parse_card_access(no_pace, sizeof(no_pace), &pi), EMRTD_ENOTSUP);
    /* Unsupported parameter id 2 (a DH group) is not picked. */
    uint8_t dh[sizeof(cccd_card_access)];
    memcpy(dh, cccd_card_access, sizeof(dh));
    dh[sizeof(dh) - 1] = 0x02;
    CHECK_INT(emrtd_pace_parse_card_access(dh, sizeof(dh), &pi), EMRTD_ENOTSUP);
}

TEST(icao_appendix_g_kpi_and_nonce)
{
    struct emrtd_pace_info pi;
    uint8_t kpi[32], z[16], s[16];
    char info[EMRTD_MRZ_INFO_SIZE], h[80];
    CHECK_INT(emrtd_pace_parse_card_access(cccd_card_access, sizeof(cccd_card_access), &pi), 0);
    CHECK_INT(emrtd_bac_mrz_info("T22000129", "640812", "101031", info), 0);
    CHECK_STR(info, "T22000129364081251010318");
    CHECK_INT(emrtd_pace_kpi(&pi, EMRTD_PACE_PW_MRZ, info, kpi), 0);
    CHECK_STR(hex_of(kpi, 16, h, sizeof(h)), "89DED1B26624EC1E634C1989302849DD");
    hex_parse("95A3A016522EE98D01E76CB6B98B42C3", z, 16);
    CHECK_INT(emrtd_sm_cipher(EMRTD_SM_AES, kpi, 16, NULL, z, 16, s, 0), 0);
    CHECK_STR(hex_of(s, 16, h, sizeof(h)), "3F00C4D39D153F2B2A214A078D899B22");
}

TEST(cccd_can_kpi)
{
    struct emrtd_pace_info pi;
    uint8_t kpi[32];
    char h[80];
    emrtd_pace_parse_card_access(cccd_card_access, sizeof(cccd_card_access), &pi);
    CHECK_INT(emrtd_pace_kpi(&pi, EMRTD_PACE_PW_CAN, "012345", kpi), 0);
    CHECK_STR(hex_of(kpi, 16, h, sizeof(h)), "5E5CD537047973C8F8BFDEA168324EC0");
}

/* Opens the sim reader on a fresh profile and runs PACE with pw. */
static int run_pace(const struct chipsim_profile_opts *o, enum emrtd_pace_pw type, const char *pw,
                    int *select_rc)
{
    char dir[256], dev[300];
    struct reader *rd = NULL;
    struct emrtd_chan ch = {0};
    struct emrtd_sm sm;
    struct emrtd_pace_info pi;
    int rc = -100;

    if (chipsim_profile_tmpdir(dir, sizeof(dir)) || chipsim_profile_write(dir, o))
        return -100;
    snprintf(dev, sizeof(dev), "sim:%s", dir);
    if (reader_open(dev, &rd) || rd->ops->wait_card(rd->priv, 1000, NULL, &ch.card))
        goto out;
    ch.rd = rd;
    ch.timeout_ms = 1000;
    emrtd_pace_parse_card_access(cccd_card_access, sizeof(cccd_card_access), &pi);
    rc = emrtd_pace_run(&ch, &pi, type, pw, &sm);
    if (rc == 0) {
        static const uint8_t aid[7] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
        struct emrtd_apdu a = {0x00, 0xA4, 0x04, 0x0C, aid, 7, 0};
        uint16_t sw = 0;
        size_t rl = 0;
        ch.sm = &sm;
        *select_rc = emrtd_transmit(&ch, &a, NULL, 0, &rl, &sw);
        if (!*select_rc && sw != 0x9000)
            *select_rc = -200;
        emrtd_sm_wipe(&sm);
    }
out:
    reader_close(rd);
    chipsim_profile_rmdir(dir);
    return rc;
}

TEST(pace_with_software_chip)
{
    struct chipsim_profile_opts o;
    int sel = -1;
    chipsim_profile_defaults(&o);
    o.aa = 0;
    CHECK_INT(run_pace(&o, EMRTD_PACE_PW_CAN, "012345", &sel), 0);
    CHECK_INT(sel, 0); /* SM session works: protected SELECT answered with a good MAC */
    CHECK_INT(run_pace(&o, EMRTD_PACE_PW_CAN, "012346", &sel), EMRTD_EACCESS);
    char info[EMRTD_MRZ_INFO_SIZE];
    emrtd_bac_mrz_info("099012345", "990101", "240101", info);
    CHECK_INT(run_pace(&o, EMRTD_PACE_PW_MRZ, info, &sel), 0);
    o.pace = 0; /* BAC-only chip: MSE:Set AT refused */
    CHECK_INT(run_pace(&o, EMRTD_PACE_PW_CAN, "012345", &sel), EMRTD_ENOTSUP);
}

int main(void)
{
    RUN(card_access_cccd);
    RUN(icao_appendix_g_kpi_and_nonce);
    RUN(cccd_can_kpi);
    RUN(pace_with_software_chip);
    return test_done();
}
