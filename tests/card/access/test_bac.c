/* test_bac.c: BAC against ICAO 9303-11 Appendix D.2/D.3 and the synthetic CCCD vector of
 * shared/cccd-chip.md §1.2; terminal ↔ chip handshake; wrong key refused. */
#include "drivers/card/mrz.h"
#include "drivers/card/emrtd_bac.h"
#include "tests/card/access/hex.h"
#include "tests/test.h"

TEST(check_digits)
{
    CHECK_INT(mrz_check_digit("L898902C<", 9), 3);
    CHECK_INT(mrz_check_digit("690806", 6), 1);
    CHECK_INT(mrz_check_digit("940623", 6), 6);
    CHECK_INT(mrz_check_digit("<<<<<<", 6), 0);
    CHECK_INT(mrz_check_digit("99123a", 6), -1);
}

TEST(icao_d2_keys)
{
    char info[EMRTD_MRZ_INFO_SIZE], h[100];
    uint8_t ke[16], km[16];
    CHECK_INT(emrtd_bac_mrz_info("L898902C", "690806", "940623", info), 0);
    CHECK_STR(info, "L898902C<369080619406236");
    CHECK_INT(emrtd_bac_keys(info, ke, km), 0);
    CHECK_STR(hex_of(ke, 16, h, sizeof(h)), "AB94FDECF2674FDFB9B391F85D7F76F2");
    CHECK_STR(hex_of(km, 16, h, sizeof(h)), "7962D9ECE03D1ACD4C76089DCE131543");
}

TEST(icao_d3_mutual_auth)
{
    uint8_t ke[16], km[16], icc[8], ifd[8], kifd[16], out[40];
    char h[200];
    hex_parse("AB94FDECF2674FDFB9B391F85D7F76F2", ke, 16);
    hex_parse("7962D9ECE03D1ACD4C76089DCE131543", km, 16);
    hex_parse("4608F91988702212", icc, 8);
    hex_parse("781723860C06C226", ifd, 8);
    hex_parse("0B795240CB7049B01C19B33E32804F0B", kifd, 16);
    CHECK_INT(emrtd_bac_build(ke, km, icc, ifd, kifd, out), 0);
    CHECK_STR(hex_of(out, 40, h, sizeof(h)),
              "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7");
    /* The chip's answer with K.ICC from D.3 gives the D.3 session keys and SSC. */
    uint8_t kicc[16], resp[40];
    struct emrtd_sm chip, term;
    hex_parse("0B4F80323EB3191CB04970CB4052790B", kicc, 16);
    CHECK_INT(emrtd_bac_chip_answer(ke, km, icc, kicc, out, resp, &chip), 0);
    CHECK_INT(emrtd_bac_finish(ke, km, resp, icc, ifd, kifd, &term), 0);
    CHECK_STR(hex_of(term.kenc, 16, h, sizeof(h)), "979EC13B1CBFE9DCD01AB0FED307EAE5");
    CHECK_STR(hex_of(term.kmac, 16, h, sizeof(h)), "F1CB1F1FB5ADF208806B89DC579DC1F8");
    CHECK_STR(hex_of(term.ssc, 8, h, sizeof(h)), "887022120C06C226");
    CHECK(memcmp(&chip, &term, sizeof(chip)) == 0);
}

TEST(cccd_synthetic_vector)
{
    char info[EMRTD_MRZ_INFO_SIZE];
    CHECK_INT(emrtd_bac_mrz_info("099012345", "990101", "240101", info), 0);
    CHECK_STR(info, "099012345999010182401014");
    CHECK_INT(emrtd_bac_mrz_info("099012345", "580101", "<<<<<<", info), 0);
    CHECK_STR(info + 17, "<<<<<<0");
}

TEST(wrong_key_refused)
{
    uint8_t ke[16], km[16], ke2[16], km2[16],
        icc[8] = {1, 2, 3, 4, 5, 6, 7, 8}, ifd[8] = {9, 9, 9, 9, 9, 9, 9, 9}, k[16] = {0}, out[40],
        resp[40];
    char a[EMRTD_MRZ_INFO_SIZE], b[EMRTD_MRZ_INFO_SIZE];
    struct emrtd_sm sm;
    emrtd_bac_mrz_info("099012345", "990101", "240101", a);
    emrtd_bac_mrz_info("099012345", "990101", "991231", b);
    emrtd_bac_keys(a, ke, km);
    emrtd_bac_keys(b, ke2, km2);
    CHECK_INT(emrtd_bac_build(ke, km, icc, ifd, k, out), 0);
    CHECK_INT(emrtd_bac_chip_answer(ke2, km2, icc, k, out, resp, &sm), EMRTD_EACCESS);
    uint8_t other_icc[8] = {0};
    CHECK_INT(emrtd_bac_chip_answer(ke, km, other_icc, k, out, resp, &sm), EMRTD_EACCESS);
}

int main(void)
{
    RUN(check_digits);
    RUN(icao_d2_keys);
    RUN(icao_d3_mutual_auth);
    RUN(cccd_synthetic_vector);
    RUN(wrong_key_refused);
    return test_done();
}
