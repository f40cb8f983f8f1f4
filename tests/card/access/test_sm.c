/* test_sm.c: secure messaging against ICAO 9303-11 Appendix D.4 (3DES) and AES round trips
 * between the terminal and chip sides, MAC tampering, SSC handling. */
#include "drivers/card/emrtd_sm.h"
#include "tests/card/access/hex.h"
#include "tests/test.h"

#define KSENC "979EC13B1CBFE9DCD01AB0FED307EAE5"
#define KSMAC "F1CB1F1FB5ADF208806B89DC579DC1F8"
#define SSC0  "887022120C06C226"

static void d4_session(struct emrtd_sm *sm)
{
    uint8_t ke[16], km[16], ssc[8];
    hex_parse(KSENC, ke, 16);
    hex_parse(KSMAC, km, 16);
    hex_parse(SSC0, ssc, 8);
    emrtd_sm_init(sm, EMRTD_SM_3DES, ke, km, 16, ssc);
}

TEST(icao_d4_select_and_read)
{
    struct emrtd_sm sm;
    uint8_t out[300], data[300], r[300], fid[2] = {0x01, 0x1E};
    size_t ol = 0, dl = 0;
    uint16_t sw = 0;
    char h[700];
    int rl;

    d4_session(&sm);
    struct emrtd_apdu sel = {0x00, 0xA4, 0x02, 0x0C, fid, 2, 0};
    CHECK_INT(emrtd_sm_wrap_cmd(&sm, &sel, out, sizeof(out), &ol), 0);
    CHECK_STR(hex_of(out, ol, h, sizeof(h)),
              "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800");
    rl = hex_parse("990290008E08FA855A5D4C50A8ED9000", r, sizeof(r));
    CHECK_INT(emrtd_sm_unwrap_resp(&sm, r, (size_t)rl, data, sizeof(data), &dl, &sw), 0);
    CHECK_INT(sw, 0x9000);
    CHECK_INT(dl, 0);

    struct emrtd_apdu rb = {0x00, 0xB0, 0x00, 0x00, NULL, 0, 4};
    CHECK_INT(emrtd_sm_wrap_cmd(&sm, &rb, out, sizeof(out), &ol), 0);
    CHECK_STR(hex_of(out, ol, h, sizeof(h)), "0CB000000D9701048E08ED6705417E96BA5500");
    rl = hex_parse("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000", r, sizeof(r));
    CHECK_INT(emrtd_sm_unwrap_resp(&sm, r, (size_t)rl, data, sizeof(data), &dl, &sw), 0);
    CHECK_STR(hex_of(data, dl, h, sizeof(h)), "60145F01");

    struct emrtd_apdu rb2 = {0x00, 0xB0, 0x00, 0x04, NULL, 0, 18};
    CHECK_INT(emrtd_sm_wrap_cmd(&sm, &rb2, out, sizeof(out), &ol), 0);
    CHECK_STR(hex_of(out, ol, h, sizeof(h)), "0CB000040D9701128E082EA28A70F3C7B53500");
    emrtd_sm_wipe(&sm);
}

/* The chip side reproduces the terminal's D.4 command and its response wrapping. */
TEST(icao_d4_chip_side)
{
    struct emrtd_sm term, chip;
    uint8_t out[300], buf[300], resp[300], data[300], fid[2] = {0x01, 0x1E};
    size_t ol = 0, rl = 0, dl = 0;
    uint16_t sw = 0;
    struct emrtd_apdu got;
    char h[700];

    d4_session(&term);
    d4_session(&chip);
    struct emrtd_apdu sel = {0x00, 0xA4, 0x02, 0x0C, fid, 2, 0};
    CHECK_INT(emrtd_sm_wrap_cmd(&term, &sel, out, sizeof(out), &ol), 0);
    CHECK_INT(emrtd_sm_unwrap_cmd(&chip, out, ol, &got, buf, sizeof(buf)), 0);
    CHECK_INT(got.ins, 0xA4);
    CHECK_INT(got.lc, 2);
    CHECK(memcmp(got.data, fid, 2) == 0);
    CHECK_INT(emrtd_sm_wrap_resp(&chip, NULL, 0, 0x9000, 0, resp, sizeof(resp), &rl), 0);
    CHECK_STR(hex_of(resp, rl, h, sizeof(h)), "990290008E08FA855A5D4C50A8ED9000");
    CHECK_INT(emrtd_sm_unwrap_resp(&term, resp, rl, data, sizeof(data), &dl, &sw), 0);
    uint8_t com[4] = {0x60, 0x14, 0x5F, 0x01};
    struct emrtd_apdu rb = {0x00, 0xB0, 0x00, 0x00, NULL, 0, 4};
    CHECK_INT(emrtd_sm_wrap_cmd(&term, &rb, out, sizeof(out), &ol), 0);
    CHECK_INT(emrtd_sm_unwrap_cmd(&chip, out, ol, &got, buf, sizeof(buf)), 0);
    CHECK_INT(got.le, 4);
    CHECK_INT(emrtd_sm_wrap_resp(&chip, com, 4, 0x9000, 0, resp, sizeof(resp), &rl), 0);
    CHECK_STR(hex_of(resp, rl, h, sizeof(h)),
              "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000");
}

static void aes_pair(struct emrtd_sm *a, struct emrtd_sm *b, size_t kl)
{
    uint8_t ke[32], km[32];
    for (size_t i = 0; i < 32; i++) {
        ke[i] = (uint8_t)(i * 7 + 1);
        km[i] = (uint8_t)(i * 13 + 5);
    }
    emrtd_sm_init(a, EMRTD_SM_AES, ke, km, kl, NULL);
    emrtd_sm_init(b, EMRTD_SM_AES, ke, km, kl, NULL);
}

TEST(aes_round_trip_all_key_sizes)
{
    static const size_t kls[3] = {16, 24, 32};
    for (int k = 0; k < 3; k++) {
        struct emrtd_sm term, chip;
        uint8_t out[300], buf[300], resp[300], data[300], payload[223];
        size_t ol, rl, dl;
        uint16_t sw;
        struct emrtd_apdu got;
        aes_pair(&term, &chip, kls[k]);
        for (size_t i = 0; i < sizeof(payload); i++)
            payload[i] = (uint8_t)(i ^ 0x5A);
        for (int round = 0; round < 3; round++) {
            uint8_t odd_data[4] = {0x54, 0x02, 0x80, 0x00};
            struct emrtd_apdu rb = {0x00, round == 2 ? 0xB1 : 0xB0,     0x00,
                                    0x10, round == 2 ? odd_data : NULL, round == 2 ? 4 : 0,
                                    223};
            CHECK_INT(emrtd_sm_wrap_cmd(&term, &rb, out, sizeof(out), &ol), 0);
            CHECK_INT(emrtd_sm_unwrap_cmd(&chip, out, ol, &got, buf, sizeof(buf)), 0);
            CHECK_INT(got.ins, rb.ins);
            CHECK_INT(got.le, 223);
            CHECK_INT(got.lc, rb.lc);
            CHECK_INT(emrtd_sm_wrap_resp(&chip, payload, sizeof(payload), 0x9000, rb.ins & 1, resp,
                                         sizeof(resp), &rl),
                      0);
            CHECK(rl <= 258); /* a full 223-byte AES chunk fits a short response */
            CHECK_INT(emrtd_sm_unwrap_resp(&term, resp, rl, data, sizeof(data), &dl, &sw), 0);
            CHECK_INT(dl, sizeof(payload));
            CHECK(memcmp(data, payload, dl) == 0);
        }
    }
}

TEST(tampered_mac_and_replay_rejected)
{
    struct emrtd_sm term, chip;
    uint8_t out[300], buf[300], resp[300], data[300];
    size_t ol, rl, dl;
    uint16_t sw;
    struct emrtd_apdu got;
    struct emrtd_apdu rb = {0x00, 0xB0, 0x00, 0x00, NULL, 0, 16};

    aes_pair(&term, &chip, 16);
    CHECK_INT(emrtd_sm_wrap_cmd(&term, &rb, out, sizeof(out), &ol), 0);
    out[ol - 3] ^= 1; /* inside the MAC */
    CHECK_INT(emrtd_sm_unwrap_cmd(&chip, out, ol, &got, buf, sizeof(buf)), EMRTD_ESM);

    aes_pair(&term, &chip, 16);
    CHECK_INT(emrtd_sm_wrap_cmd(&term, &rb, out, sizeof(out), &ol), 0);
    CHECK_INT(emrtd_sm_unwrap_cmd(&chip, out, ol, &got, buf, sizeof(buf)), 0);
    CHECK_INT(emrtd_sm_wrap_resp(&chip, (const uint8_t *)"0123456789abcdef", 16, 0x9000, 0, resp,
                                 sizeof(resp), &rl),
              0);
    uint8_t copy[300];
    memcpy(copy, resp, rl);
    copy[3] ^= 0x80; /* ciphertext */
    struct emrtd_sm saved = term;
    CHECK_INT(emrtd_sm_unwrap_resp(&term, copy, rl, data, sizeof(data), &dl, &sw), EMRTD_ESM);
    CHECK_INT(dl, 0);
    /* The genuine response replayed one SSC later does not verify either. */
    CHECK_INT(emrtd_sm_unwrap_resp(&term, resp, rl, data, sizeof(data), &dl, &sw), EMRTD_ESM);
    term = saved;
    CHECK_INT(emrtd_sm_unwrap_resp(&term, resp, rl, data, sizeof(data), &dl, &sw), 0);
    /* A plain error status without DO'8E' means the chip dropped the session. */
    uint8_t plain[2] = {0x69, 0x88};
    CHECK_INT(emrtd_sm_unwrap_resp(&term, plain, 2, data, sizeof(data), &dl, &sw), EMRTD_ESM);
    CHECK_INT(sw, 0x6988);
}

TEST(padding)
{
    uint8_t b[32] = {1, 2, 3};
    int ok;
    CHECK_INT(emrtd_sm_pad(b, 3, 8), 8);
    CHECK_INT(b[3], 0x80);
    CHECK_INT(emrtd_sm_unpad(b, 8, &ok), 3);
    CHECK(ok);
    CHECK_INT(emrtd_sm_pad(b, 8, 8), 16);
    uint8_t bad[8] = {1, 2, 3, 4, 5, 6, 7, 0};
    emrtd_sm_unpad(bad, 8, &ok);
    CHECK(!ok);
}

int main(void)
{
    RUN(icao_d4_select_and_read);
    RUN(icao_d4_chip_side);
    RUN(aes_round_trip_all_key_sizes);
    RUN(tampered_mac_and_replay_rejected);
    RUN(padding);
    return test_done();
}
