/* test_hostile.c: nothing a chip (or a terminal, for the software chip) sends can crash the
 * access layer or make it read or write out of bounds (run under ASan/UBSan).
 *
 * A scripted hostile reader answers every APDU with random or mutated bytes while the real
 * terminal code runs (PACE, BAC, file reading, AA); the SM unwrap, the EF.CardAccess parser
 * and the software chip's APDU dispatcher get random and bit-flipped inputs. Deterministic
 * seeds, bounded iteration counts (a few seconds). */
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/card/chip_sim.h"
#include "drivers/card/emrtd_aa.h"
#include "drivers/card/emrtd_bac.h"
#include "drivers/card/emrtd_pace.h"
#include "drivers/card/emrtd_read.h"
#include "drivers/card/emrtd_sm.h"
#include "drivers/card/reader.h"
#include "drivers/card/tlv.h"
#include "tests/rigs/card/chipsim_profile.h"
#include "tests/test.h"

static unsigned long rng = 12345;
static unsigned rnd(void)
{
    rng = rng * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)(rng >> 33);
}

/* The hostile reader: each answer is random junk, a plausible-looking SW, or a truncated
 * protected response. */
struct evil {
    int mode;
};

static int evil_transceive(void *priv, const uint8_t *c, size_t cl, uint8_t *r, size_t rcap,
                           size_t *rl, int timeout)
{
    struct evil *e = priv;
    (void)c;
    (void)cl;
    (void)timeout;
    size_t n = rnd() % (rcap < 300 ? rcap : 300);
    for (size_t i = 0; i < n; i++)
        r[i] = (uint8_t)rnd();
    switch (e->mode % 4) {
    case 0: /* junk ending in 9000 */
        if (n >= 2) {
            r[n - 2] = 0x90;
            r[n - 1] = 0x00;
        }
        break;
    case 1: /* a TLV-ish start with a lying length */
        if (n >= 4) {
            r[0] = (uint8_t)(0x7C + (rnd() % 3));
            r[1] = 0x82;
            r[2] = 0xFF;
            r[n - 2] = 0x90;
            r[n - 1] = 0x00;
        }
        break;
    case 2: /* 61xx chaining forever */
        if (n >= 2) {
            r[n - 2] = 0x61;
            r[n - 1] = (uint8_t)rnd();
        }
        break;
    default:
        break;
    }
    *rl = n;
    return 0;
}
static void evil_nop(void *priv)
{
    (void)priv;
}
static const struct reader_ops evil_ops = {"evil",   NULL,     NULL,    evil_transceive,
                                           evil_nop, evil_nop, evil_nop};

TEST(terminal_against_hostile_chip)
{
    static const uint8_t ca[] = {0x31, 0x14, 0x30, 0x12, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07,
                                 0x02, 0x02, 0x04, 0x02, 0x02, 0x02, 0x01, 0x02, 0x02, 0x01, 0x0D};
    struct evil e = {0};
    struct reader rd = {&evil_ops, &e};
    struct emrtd_pace_info pi;
    CHECK_INT(emrtd_pace_parse_card_access(ca, sizeof(ca), &pi), 0);
    EVP_PKEY *key = EVP_RSA_gen(1024);
    CHECK(key != NULL);
    for (int i = 0; i < 3000; i++) {
        struct emrtd_chan ch = {0};
        struct emrtd_sm sm, chan_sm;
        struct emrtd_read_ctx rctx = {0};
        struct emrtd_file f = {0x0102, 0x02, NULL, 0, 0, 0, 0};
        uint8_t k[16] = {1, 2, 3}, zero_ssc[16] = {0};
        e.mode = i;
        ch.rd = &rd;
        ch.timeout_ms = 10;
        switch (i % 4) {
        case 0:
            emrtd_pace_run(&ch, &pi, EMRTD_PACE_PW_CAN, "123456", &sm);
            break;
        case 1:
            emrtd_bac_run(&ch, "L898902C<369080619406236", &sm);
            break;
        case 2:
            emrtd_sm_init(&chan_sm, (i & 8) ? EMRTD_SM_AES : EMRTD_SM_3DES, k, k, 16, zero_ssc);
            ch.sm = (i & 16) ? &chan_sm : NULL;
            emrtd_read_file(&ch, &rctx, &f);
            CHECK(f.len <= f.total || f.total == 0);
            emrtd_file_wipe(&f);
            break;
        default:
            emrtd_aa_run(&ch, key, NULL, NULL, NULL);
            break;
        }
        emrtd_sm_wipe(&sm);
    }
    EVP_PKEY_free(key);
}

TEST(parsers_random_and_mutated)
{
    uint8_t buf[600], out[600];
    size_t dl;
    uint16_t sw;
    struct emrtd_pace_info pi;
    struct tlv t;
    struct emrtd_apdu a;
    uint8_t k[32] = {9};
    for (int i = 0; i < 20000; i++) {
        size_t n = rnd() % sizeof(buf);
        for (size_t j = 0; j < n; j++)
            buf[j] = (uint8_t)rnd();
        if (n > 2 && (i & 1)) /* look like a SecurityInfos set / SM response */
            buf[0] = (i & 2) ? 0x31 : 0x87;
        struct emrtd_sm sm;
        emrtd_sm_init(&sm, (i & 4) ? EMRTD_SM_AES : EMRTD_SM_3DES, k, k, 16, k);
        emrtd_sm_unwrap_resp(&sm, buf, n, out, sizeof(out), &dl, &sw);
        emrtd_sm_unwrap_cmd(&sm, buf, n, &a, out, sizeof(out));
        emrtd_pace_parse_card_access(buf, n, &pi);
        tlv_first(buf, n, &t);
        size_t mr = 0, mc = 0;
        emrtd_atr_info_limits(buf, n, &mc, &mr);
        tlv_find_in(buf, n, 0x8E, &t);
        EVP_PKEY *pk = NULL;
        if (emrtd_aa_key_from_dg15(buf, n, &pk) == 0)
            EVP_PKEY_free(pk);
    }
    CHECK(1);
}

/* The software chip faces a hostile terminal too (it is also the demo's card). */
TEST(software_chip_random_apdus)
{
    char dir[256];
    struct chipsim_profile_opts o;
    struct chip_sim *c = NULL;
    uint8_t cmd[300], r[700];
    size_t rl;
    chipsim_profile_defaults(&o);
    o.aa = 0;
    CHECK_INT(chipsim_profile_tmpdir(dir, sizeof(dir)), 0);
    CHECK_INT(chipsim_profile_write(dir, &o), 0);
    CHECK_INT(chip_sim_open(dir, &c), 0);
    static const uint8_t ins[] = {0xA4, 0xB0, 0xB1, 0x84, 0x82, 0x22, 0x86, 0x88, 0xC0};
    for (int i = 0; i < 20000; i++) {
        size_t n = 4 + rnd() % 260;
        for (size_t j = 0; j < n; j++)
            cmd[j] = (uint8_t)rnd();
        cmd[0] = (uint8_t)((i & 1) ? 0x0C : (i & 2) ? 0x10 : 0x00);
        cmd[1] = ins[rnd() % sizeof(ins)];
        if (i % 7 == 0) { /* a well-formed head with a lying Lc */
            cmd[4] = (uint8_t)rnd();
        }
        int rc = chip_sim_apdu(c, cmd, n, r, sizeof(r), &rl);
        CHECK(rc == 0 && rl >= 2 && rl <= 258);
    }
    chip_sim_free(c);
    chipsim_profile_rmdir(dir);
}

int main(void)
{
    RUN(terminal_against_hostile_chip);
    RUN(parsers_random_and_mutated);
    RUN(software_chip_random_apdus);
    return test_done();
}
