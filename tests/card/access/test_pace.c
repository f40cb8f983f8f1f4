/* test_pace.c: PACE against ICAO 9303-11 Appendix G (K_pi, nonce, mapping, keys, tokens), the
 * synthetic CCCD CAN vector of shared/cccd-chip.md §3.5, EF.CardAccess parsing, and full PACE runs
 * with the software chip: right CAN, wrong CAN, MRZ password, PACE-only/BAC-only chips. */
#include <openssl/obj_mac.h>

#include "drivers/card/emrtd_bac.h"
#include "drivers/card/emrtd_pace.h"
#include "drivers/card/reader.h"
#include "tests/card/access/hex.h"
#include "tests/rigs/card/chipsim_profile.h"
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

/* The whole of Appendix G (ECDH generic mapping on brainpoolP256r1) with its fixed keys:
 * mapping, mapped generator, ephemeral public key, session keys and both tokens. */
static EC_POINT *g_point(const EC_GROUP *g, const char *hex)
{
    uint8_t b[70];
    EC_POINT *p = NULL;
    int n = hex_parse(hex, b, sizeof(b));
    if (n < 0 || emrtd_pace_point_decode(g, b, (size_t)n, &p, NULL) != 0)
        return NULL;
    return p;
}

TEST(icao_appendix_g_mapping_keys_tokens)
{
    struct emrtd_pace_info pi;
    EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_brainpoolP256r1);
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *sk_map = NULL, *sk = NULL;
    EC_POINT *gen = g ? EC_POINT_new(g) : NULL, *pk = g ? EC_POINT_new(g) : NULL;
    uint8_t s[16], out[80], ke[32], km[32], t[8], pk_ic[65];
    size_t ol = 0;
    char h[200];

    CHECK(g && ctx && gen && pk);
    CHECK_INT(emrtd_pace_parse_card_access(cccd_card_access, sizeof(cccd_card_access), &pi), 0);
    BN_hex2bn(&sk_map, "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99");
    BN_hex2bn(&sk, "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595");
    EC_POINT *pk_map_ic =
        g_point(g, "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
                   "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54");
    const char *pk_ic_hex = "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
                            "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094";
    EC_POINT *pk_eph_ic = g_point(g, pk_ic_hex);
    hex_parse(pk_ic_hex, pk_ic, sizeof(pk_ic));
    hex_parse("3F00C4D39D153F2B2A214A078D899B22", s, 16);
    CHECK(pk_map_ic && pk_eph_ic);
    CHECK_INT(emrtd_pace_gm_map(g, s, 16, sk_map, pk_map_ic, gen, ctx), 0);
    CHECK_INT(emrtd_pace_point_encode(g, gen, out, sizeof(out), &ol, ctx), 0);
    CHECK_STR(hex_of(out, ol, h, sizeof(h)),
              "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
              "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522");
    CHECK(EC_POINT_mul(g, pk, NULL, gen, sk, ctx) == 1);
    CHECK_INT(emrtd_pace_point_encode(g, pk, out, sizeof(out), &ol, ctx), 0);
    CHECK_STR(hex_of(out, ol, h, sizeof(h)),
              "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
              "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462");
    CHECK_INT(emrtd_pace_session_keys(&pi, g, sk, pk_eph_ic, ke, km, ctx), 0);
    CHECK_STR(hex_of(ke, 16, h, sizeof(h)), "F5F0E35C0D7161EE6724EE513A0D9A7F");
    CHECK_STR(hex_of(km, 16, h, sizeof(h)), "FE251C7858B356B24514B3BD5F4297D1");
    CHECK_INT(emrtd_pace_token(&pi, km, pk_ic, sizeof(pk_ic), t), 0);
    CHECK_STR(hex_of(t, 8, h, sizeof(h)), "C2B0BD78D94BA866");
    CHECK_INT(emrtd_pace_token(&pi, km, out, ol, t), 0);
    CHECK_STR(hex_of(t, 8, h, sizeof(h)), "3ABB9674BCE93C08");
    EC_POINT_free(pk_map_ic);
    EC_POINT_free(pk_eph_ic);
    EC_POINT_free(gen);
    EC_POINT_free(pk);
    BN_free(sk_map);
    BN_free(sk);
    BN_CTX_free(ctx);
    EC_GROUP_free(g);
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
    RUN(icao_appendix_g_mapping_keys_tokens);
    RUN(pace_with_software_chip);
    return test_done();
}
