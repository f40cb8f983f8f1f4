/* test_mrz.c: TD1 parsing with every check digit, BAC inputs and expiry candidates. */
#include "kiosk/messages/messages.h"
#include "drivers/card/mrz.h"
#include "tests/test.h"

/* Synthetic CCCD MRZ (ID 001099012345, not a real person). */
static const char L1[] = "IDVNM0990123459001099012345<<0";
static const char L2[] = "9901018M2401014VNM<<<<<<<<<<<2";
static const char L3[] = "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<";

static void join(char *out, const char *a, const char *b, const char *c, const char *sep)
{
    snprintf(out, 128, "%s%s%s%s%s", a, sep, b, sep, c);
}

TEST(parse_good)
{
    char z[128];
    struct mrz_td1 m;
    join(z, L1, L2, L3, "");
    CHECK_INT(mrz_td1_parse(z, strlen(z), &m), MRZ_OK);
    CHECK_STR(m.doc_number, "099012345");
    CHECK_STR(m.personal_id, "001099012345");
    CHECK_STR(m.dob, "990101");
    CHECK_STR(m.doe, "240101");
    CHECK_INT(m.sex, 'M');
    CHECK_STR(m.surname, "NGUYEN");
    CHECK_STR(m.given_names, "VAN A");
    CHECK_STR(m.nationality, "VNM");
    join(z, L1, L2, L3, "\n");
    CHECK_INT(mrz_td1_parse(z, strlen(z), &m), MRZ_OK);
    join(z, L1, L2, L3, "\r\n");
    CHECK_INT(mrz_td1_parse(z, strlen(z), &m), MRZ_OK);
}

/* Changes one character of the MRZ and expects code. */
static int mutate(int line, int pos, char c)
{
    char a[31], b[31], z[128];
    struct mrz_td1 m;
    memcpy(a, L1, 31);
    memcpy(b, L2, 31);
    if (line == 1)
        a[pos - 1] = c;
    else
        b[pos - 1] = c;
    join(z, a, b, L3, "");
    return mrz_td1_parse(z, strlen(z), &m);
}

TEST(every_check_digit)
{
    CHECK_INT(mutate(1, 15, '8'), MRZ_E_CHECK_DOC);
    CHECK_INT(mutate(1, 14, '6'), MRZ_E_CHECK_DOC);
    CHECK_INT(mutate(2, 7, '9'), MRZ_E_CHECK_DOB);
    CHECK_INT(mutate(2, 15, '3'), MRZ_E_CHECK_DOE);
    CHECK_INT(mutate(2, 30, '3'), MRZ_E_CHECK_COMPOSITE);
    CHECK_INT(mutate(1, 30, '1'), MRZ_E_CHECK_ID);
    CHECK_INT(mutate(2, 3, '2'), MRZ_E_DATE); /* month 01 → 21 */
    CHECK_INT(mutate(2, 8, 'X'), MRZ_E_FORMAT);
    CHECK_INT(mutate(1, 3, 'v'), MRZ_E_FORMAT);
}

/* The TD1 specimen of ICAO Doc 9303 part 5 (Anna Maria Eriksson, Utopia): not a CCCD, so no
 * 12-digit ID, but every standard check digit must hold. */
TEST(icao_specimen)
{
    struct mrz_td1 m;
    const char *z = "I<UTOD231458907<<<<<<<<<<<<<<<"
                    "7408122F1204159UTO<<<<<<<<<<<6"
                    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    CHECK_INT(mrz_td1_parse(z, strlen(z), &m), MRZ_OK);
    CHECK_STR(m.doc_number, "D23145890");
    CHECK_STR(m.issuer, "UTO");
    CHECK_STR(m.dob, "740812");
    CHECK_INT(m.sex, 'F');
    CHECK_STR(m.doe, "120415");
    CHECK_STR(m.surname, "ERIKSSON");
    CHECK_STR(m.given_names, "ANNA MARIA");
    CHECK_STR(m.personal_id, "");
}

TEST(bad_shapes)
{
    struct mrz_td1 m;
    char z[128];
    join(z, L1, L2, L3, "");
    CHECK_INT(mrz_td1_parse(z, 89, &m), MRZ_E_FORMAT);
    CHECK_INT(mrz_td1_parse(z, 0, &m), MRZ_E_FORMAT);
    CHECK_INT(mrz_td1_parse("\n\n\n", 3, &m), MRZ_E_FORMAT);
    CHECK_INT(mrz_td1_parse(NULL, 0, &m), MRZ_E_ARG);
    snprintf(z, sizeof z, "%s\n%.29s\n%s<", L1, L2, L3);
    CHECK_INT(mrz_td1_parse(z, strlen(z), &m), MRZ_E_FORMAT);
}

TEST(no_expiry_forms)
{
    /* DOE 991231 and <<<<<< with their check digits and a recomputed composite. */
    const char *does[] = {"991231", "<<<<<<"};
    for (int i = 0; i < 2; i++) {
        char b[31], z[128], comp[51];
        struct mrz_td1 m;
        memcpy(b, L2, 31);
        memcpy(b + 8, does[i], 6);
        b[14] = (char)('0' + mrz_check_digit(does[i], 6));
        memcpy(comp, L1 + 5, 25);
        memcpy(comp + 25, b, 7);
        memcpy(comp + 32, b + 8, 7);
        memcpy(comp + 39, b + 18, 11);
        b[29] = (char)('0' + mrz_check_digit(comp, 50));
        join(z, L1, b, L3, "");
        CHECK_INT(mrz_td1_parse(z, strlen(z), &m), MRZ_OK);
        CHECK_STR(m.doe, does[i]);
    }
    CHECK_INT(mrz_check_digit("991231", 6), 5);
}

TEST(bac_inputs)
{
    char doc[10], can[7], info[25];
    CHECK_INT(mrz_doc_number_from_id("001099012345", doc), MRZ_OK);
    CHECK_STR(doc, "099012345");
    CHECK_INT(mrz_can_from_id("001099012345", can), MRZ_OK);
    CHECK_STR(can, "012345");
    CHECK_INT(mrz_bac_info(doc, "990101", "240101", info), MRZ_OK);
    CHECK_STR(info, "099012345999010182401014");
    /* ICAO Doc 9303-11 Appendix D.2 worked example */
    CHECK_INT(mrz_bac_info("L898902C<", "690806", "940623", info), MRZ_OK);
    CHECK_STR(info, "L898902C<369080619406236");
    CHECK_INT(mrz_doc_number_from_id("00109901234", doc), MRZ_E_FORMAT);
    CHECK_INT(mrz_can_from_id("00109901234a", can), MRZ_E_FORMAT);
}

static int cands(const char *dob, const char *issue, char out[MRZ_MAX_DOE_CANDIDATES][7])
{
    return mrz_doe_candidates(dob, issue, out);
}

TEST(doe_rules)
{
    char c[MRZ_MAX_DOE_CANDIDATES][7];
    CHECK_INT(cands("1999-01-01", "2021-04-15", c), 3); /* 22 at issue → 25 */
    CHECK_STR(c[0], "240101");
    CHECK_STR(c[1], "991231");
    CHECK_STR(c[2], "<<<<<<");
    CHECK_INT(cands("1983-06-10", "2021-06-09", c), 3); /* day before 38 → 40 */
    CHECK_STR(c[0], "230610");
    CHECK_INT(cands("1983-06-10", "2021-06-10", c), 3); /* 38th birthday → 60 */
    CHECK_STR(c[0], "430610");
    CHECK_INT(cands("2001-11-24", "2019-05-01", c), 3);
    CHECK_STR(c[0], "261124");
    CHECK_INT(cands("1960-05-05", "2021-03-01", c), 2); /* over 58: never expires */
    CHECK_STR(c[0], "991231");
    CHECK_STR(c[1], "<<<<<<");
    CHECK_INT(cands("1963-05-05", "2021-05-04", c), 3); /* 57 → 60 */
    CHECK_STR(c[0], "230505");
    CHECK_INT(cands("2014-01-01", "2024-07-01", c), 3); /* 10 → 14 (2023 law) */
    CHECK_STR(c[0], "280101");
    CHECK_INT(cands("2012-01-01", "2024-07-01", c), 3); /* 12, within 2 years of 14 → 25 */
    CHECK_STR(c[0], "370101");
}

TEST(doe_29_february)
{
    char c[MRZ_MAX_DOE_CANDIDATES][7], iso[11];
    int none;
    CHECK_INT(cands("2000-02-29", "2021-03-01", c), 4);
    CHECK_STR(c[0], "250228");
    CHECK_STR(c[1], "250301");
    CHECK_STR(c[2], "991231");
    /* 29 Feb birth, 23rd "birthday" in a common year: 2019-02-28 is still 22 → 25 */
    CHECK_INT(cands("1996-02-29", "2019-02-28", c), 4);
    CHECK_STR(c[0], "210228");
    CHECK_INT(cands("1996-02-29", "2019-03-01", c), 3); /* 23 → 40, 2036 is leap */
    CHECK_STR(c[0], "360229");
    CHECK_INT(mrz_expiry_from_issue("1996-02-29", "2019-03-01", iso, &none), MRZ_OK);
    CHECK_STR(iso, "2036-02-29");
    CHECK_INT(none, 0);
    CHECK_INT(mrz_expiry_from_issue("1950-01-01", "2016-01-01", iso, &none), MRZ_OK);
    CHECK_INT(none, 1);
    CHECK_STR(iso, "");
    CHECK_INT(cands("2000-02-30", "2021-03-01", c), MRZ_E_DATE);
    CHECK_INT(cands("2000-02-01", "1999-03-01", c), MRZ_E_DATE);
    CHECK_INT(cands("2000/02/01", "2021-03-01", c), MRZ_E_FORMAT);
}

TEST(date_conversions)
{
    char iso[11], y6[7];
    CHECK_INT(mrz_date_to_iso("990101", 2026, iso), MRZ_OK);
    CHECK_STR(iso, "1999-01-01");
    CHECK_INT(mrz_date_to_iso("050101", 2026, iso), MRZ_OK);
    CHECK_STR(iso, "2005-01-01");
    CHECK_INT(mrz_date_to_iso("000229", 2026, iso), MRZ_OK);
    CHECK_INT(mrz_date_to_iso("010229", 2026, iso), MRZ_E_DATE);
    CHECK_INT(mrz_date_from_iso("2024-01-31", y6), MRZ_OK);
    CHECK_STR(y6, "240131");
    CHECK(mrz_strerror(MRZ_E_CHECK_ID)[0] != 0);
    for (int c = MRZ_OK; c >= MRZ_E_ARG; c--)
        CHECK(messages_text(MSGD_MRZ, c, LANG_VI)[0] && messages_text(MSGD_MRZ, c, LANG_EN)[0]);
    CHECK(strstr(messages_text(MSGD_MRZ, MRZ_E_CHECK_DOB, LANG_VI), "kiểm tra") != NULL);
}

int main(void)
{
    RUN(parse_good);
    RUN(every_check_digit);
    RUN(icao_specimen);
    RUN(bad_shapes);
    RUN(no_expiry_forms);
    RUN(bac_inputs);
    RUN(doe_rules);
    RUN(doe_29_february);
    RUN(date_conversions);
    return test_done();
}
