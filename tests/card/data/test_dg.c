/* test_dg.c: DG1, DG13, DG2, EF.COM, EF.CardAccess, DG14, DG15 parsers on factory-built files
 * for every synthetic citizen, and on hostile variants of them. */
#include <stdlib.h>

#include <openssl/evp.h>

#include "kiosk/messages/messages.h"
#include "drivers/card/emrtd_dg.h"
#include "tests/rigs/card/cardf.h"
#include "tests/test.h"

TEST(dg1_every_person)
{
    for (int i = 0; i < cardf_n_people; i++) {
        const struct cardf_person *p = &cardf_people[i];
        struct cardf_buf b;
        struct mrz_td1 m;
        CHECK_INT(cardf_dg1(p, &b), 0);
        CHECK_INT(emrtd_dg1_parse(b.p, b.len, &m), DG_OK);
        CHECK_STR(m.personal_id, p->id);
        CHECK_INT(m.sex, p->sex);
        CHECK_STR(m.doe, p->expiry[0] ? m.doe : "991231");
        cardf_buf_free(&b);
    }
}

TEST(dg1_hostile)
{
    struct cardf_buf b;
    struct mrz_td1 m;
    char mrz[91];
    CHECK_INT(cardf_mrz(&cardf_people[0], mrz), 0);
    mrz[14] = mrz[14] == '0' ? '1' : '0'; /* document number check digit */
    CHECK_INT(cardf_dg1_mrz(mrz, &b), 0);
    CHECK_INT(emrtd_dg1_parse(b.p, b.len, &m), DG_E_MRZ);
    CHECK_INT(m.personal_id[0], 0);
    CHECK_INT(emrtd_dg1_parse(b.p, b.len - 1, &m), DG_E_TLV); /* truncated */
    b.p[1] = (uint8_t)(b.p[1] + 5);                           /* lying length */
    CHECK_INT(emrtd_dg1_parse(b.p, b.len, &m), DG_E_TLV);
    b.p[1] = (uint8_t)(b.p[1] - 5);
    b.p[0] = 0x62;
    CHECK_INT(emrtd_dg1_parse(b.p, b.len, &m), DG_E_TAG);
    cardf_buf_free(&b);
}

TEST(dg13_every_person)
{
    for (int i = 0; i < cardf_n_people; i++) {
        const struct cardf_person *p = &cardf_people[i];
        struct cardf_buf b;
        struct emrtd_dg13 d;
        CHECK_INT(cardf_dg13(p, &b), 0);
        CHECK_INT(emrtd_dg13_parse(b.p, b.len, &d), DG_OK);
        CHECK_STR(d.personal_id, p->id);
        CHECK_STR(d.full_name, p->full_name);
        CHECK_STR(d.dob, p->dob);
        CHECK_INT(d.sex, p->sex);
        CHECK_STR(d.nationality, "Việt Nam");
        CHECK_STR(d.ethnicity, p->ethnicity);
        CHECK_STR(d.religion, p->religion);
        CHECK_STR(d.place_of_origin, p->origin);
        CHECK_STR(d.residence, p->residence);
        CHECK_STR(d.issue_date, p->issue);
        CHECK_STR(d.expiry_date, p->expiry);
        CHECK_INT(d.no_expiry, p->expiry[0] == 0);
        CHECK_STR(d.father, p->father);
        CHECK_STR(d.mother, p->mother);
        CHECK_STR(d.spouse, p->spouse ? p->spouse : "");
        CHECK_STR(d.old_id, p->old_id ? p->old_id : "");
        if (p->layout == 2024)
            CHECK(!(d.present & (1u << DG13_MARKS)));
        else
            CHECK_STR(d.marks, p->marks);
        cardf_buf_free(&b);
        emrtd_dg13_wipe(&d);
    }
}

/* The DG13 of person 1 (long address: long-form lengths) with field 2 written in NFD. */
TEST(dg13_nfd_normalised)
{
    struct cardf_person p = cardf_people[0];
    p.full_name = "Tra\xcc\x82\xcc\x80n Thi\xcc\xa3"; /* "Trần Thị" decomposed */
    struct cardf_buf b;
    struct emrtd_dg13 d;
    CHECK_INT(cardf_dg13(&p, &b), 0);
    CHECK_INT(emrtd_dg13_parse(b.p, b.len, &d), DG_OK);
    CHECK_STR(d.full_name, "Trần Thị");
    cardf_buf_free(&b);
}

static int dg13_with(const char *name, const char *id)
{
    struct cardf_person p = cardf_people[1];
    p.full_name = name;
    p.id = id;
    struct cardf_buf b;
    struct emrtd_dg13 d;
    if (cardf_dg13(&p, &b) != 0)
        return 99;
    int rc = emrtd_dg13_parse(b.p, b.len, &d);
    cardf_buf_free(&b);
    return rc;
}

TEST(dg13_hostile)
{
    CHECK_INT(dg13_with("Nguy\xff\xfe", "001085012345"), DG_E_TEXT); /* bad UTF-8 */
    CHECK_INT(dg13_with("Nguy\x01n", "001085012345"), DG_E_TEXT);    /* control char */
    CHECK_INT(dg13_with("Nguyễn", "00108501234X"), DG_E_TEXT);       /* not 12 digits */
    char big[400];
    memset(big, 'A', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CHECK_INT(dg13_with(big, "001085012345"), DG_E_TEXT); /* longer than the field */

    struct cardf_buf b;
    struct emrtd_dg13 d;
    CHECK_INT(cardf_dg13(&cardf_people[1], &b), 0);
    CHECK_INT(emrtd_dg13_parse(b.p, b.len - 3, &d), DG_E_TLV);
    CHECK_INT(d.personal_id[0], 0);
    b.p[3] ^= 0x01; /* lying inner length (6D 82 LL LL 30 82 ..) */
    CHECK(emrtd_dg13_parse(b.p, b.len, &d) < 0);
    cardf_buf_free(&b);

    /* the same index twice: refused */
    struct cardf_buf set = {0}, f = {0};
    for (int i = 0; i < 2; i++) {
        cardf_put_int(&f, 1);
        cardf_put_str(&f, 0x13, i ? "001085012345" : "079303004567");
        cardf_put_buf(&set, 0x30, &f);
        cardf_buf_free(&f);
    }
    cardf_put_int(&b, 0);
    cardf_buf_free(&b);
    cardf_put_int(&b, 1);
    cardf_put_oid(&b, "1.0.10646.1.0.8");
    cardf_put_buf(&b, 0x31, &set);
    cardf_wrap(&b, 0x30);
    cardf_wrap(&b, 0x6D);
    CHECK_INT(emrtd_dg13_parse(b.p, b.len, &d), DG_E_STRUCTURE);
    cardf_buf_free(&b);
    cardf_buf_free(&set);
}

static void dg2_roundtrip(int jp2)
{
    struct cardf_buf img, dg2;
    struct emrtd_face f;
    CHECK_INT(cardf_portrait(240, 320, 85, jp2, 7, &img), 0);
    CHECK_INT(cardf_dg2(&img, jp2, 240, 320, &dg2), 0);
    CHECK_INT(emrtd_dg2_parse(dg2.p, dg2.len, &f), DG_OK);
    CHECK_INT(f.format, jp2 ? EMRTD_IMG_JP2 : EMRTD_IMG_JPEG);
    CHECK_INT(f.width, 240);
    CHECK_INT(f.height, 320);
    CHECK_INT(f.declared_width, 240);
    CHECK_INT(f.image_len, img.len);
    CHECK(memcmp(f.image, img.p, img.len) == 0);
    uint8_t *rgb = NULL;
    int w = 0, h = 0;
    CHECK_INT(emrtd_image_decode_rgb(f.image, f.image_len, &rgb, &w, &h), DG_OK);
    CHECK(rgb != NULL);
    CHECK_INT(w, 240);
    CHECK_INT(h, 320);
    /* the centre of the synthetic portrait is skin-coloured (224,180,150) ± noise and codec */
    const uint8_t *c = rgb + ((size_t)(320 * 42 / 100) * 240 + 120) * 3;
    CHECK(c[0] > 180 && c[1] > 140 && c[1] < 220 && c[2] > 110 && c[2] < 190);
    free(rgb);
    /* truncated file, lying lengths, damaged image */
    CHECK_INT(emrtd_dg2_parse(dg2.p, dg2.len - 100, &f), DG_E_TLV);
    CHECK(f.image == NULL);
    size_t off = dg2.len - img.len;
    dg2.p[off + 40] ^= 0xFF;
    dg2.p[off + 41] ^= 0xFF;
    memset(dg2.p + off + img.len / 3, 0xFF, img.len / 3);
    /* a JPEG decoder only warns about damaged scan data: damage its frame header too (a
     * length too short to hold one), wherever this encoder put it */
    for (size_t i = off; !jp2 && i + 3 < off + img.len / 3; i++)
        if (dg2.p[i] == 0xFF && (dg2.p[i + 1] == 0xC0 || dg2.p[i + 1] == 0xC2)) {
            dg2.p[i + 2] = 0x00;
            dg2.p[i + 3] = 0x02;
            break;
        }
    CHECK_INT(emrtd_dg2_parse(dg2.p, dg2.len, &f), DG_E_IMAGE);
    cardf_buf_free(&img);
    cardf_buf_free(&dg2);
}

TEST(dg2_jpeg)
{
    dg2_roundtrip(0);
}

TEST(dg2_jp2)
{
    dg2_roundtrip(1);
}

TEST(dg2_lying_record_length)
{
    struct cardf_buf img, dg2;
    struct emrtd_face f;
    CHECK_INT(cardf_portrait(64, 80, 80, 0, 3, &img), 0);
    CHECK_INT(cardf_dg2(&img, 0, 64, 80, &dg2), 0);
    /* find "FAC\0" and make the record length bigger than the block */
    uint8_t *fac = memmem(dg2.p, dg2.len, "FAC\0", 4);
    CHECK(fac != NULL);
    fac[8] = 0x7F;
    CHECK_INT(emrtd_dg2_parse(dg2.p, dg2.len, &f), DG_E_STRUCTURE);
    fac[8] = 0;
    fac[14 + 4] = 0xFF; /* 65280 feature points */
    CHECK_INT(emrtd_dg2_parse(dg2.p, dg2.len, &f), DG_E_STRUCTURE);
    cardf_buf_free(&img);
    cardf_buf_free(&dg2);
}

TEST(com_and_card_access)
{
    struct cardf_buf b;
    struct emrtd_com com;
    struct emrtd_security_infos si;
    char oid[64];
    CHECK_INT(cardf_com((1u << 1) | (1u << 2) | (1u << 13) | (1u << 14) | (1u << 15), &b), 0);
    CHECK_INT(emrtd_com_parse(b.p, b.len, &com), DG_OK);
    CHECK_STR(com.lds_version, "0107");
    CHECK_INT(com.present, (1u << 1) | (1u << 2) | (1u << 13) | (1u << 14) | (1u << 15));
    cardf_buf_free(&b);
    CHECK_INT(cardf_card_access(1, 1, &b), 0);
    CHECK_INT(emrtd_card_access_parse(b.p, b.len, &si), DG_OK);
    CHECK_INT(si.n, 3);
    const struct emrtd_security_info *pace = emrtd_security_infos_find(&si, EMRTD_INFO_PACE);
    CHECK(pace != NULL);
    CHECK_INT(pace->version, 2);
    CHECK_INT(pace->parameter_id, 13);
    CHECK_INT(emrtd_oid_text(pace->oid, pace->oid_len, oid, sizeof oid), DG_OK);
    CHECK_STR(oid, "0.4.0.127.0.7.2.2.4.2.2");
    CHECK(emrtd_security_infos_find(&si, EMRTD_INFO_CA) != NULL);
    CHECK(emrtd_security_infos_find(&si, EMRTD_INFO_TA) != NULL);
    emrtd_security_infos_free(&si);
    /* the blob hard-coded by Vietnamese apps (cccd-chip.md §1.1) */
    static const uint8_t vn[] = {0x31, 0x34, 0x30, 0x0D, 0x06, 0x08, 0x04, 0x00, 0x7F, 0x00, 0x07,
                                 0x02, 0x02, 0x02, 0x02, 0x01, 0x01, 0x30, 0x0F, 0x06, 0x0A, 0x04,
                                 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x03, 0x02, 0x02, 0x02, 0x01,
                                 0x01, 0x30, 0x12, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02,
                                 0x02, 0x04, 0x02, 0x02, 0x02, 0x01, 0x02, 0x02, 0x01, 0x0D};
    CHECK_INT(emrtd_card_access_parse(vn, sizeof vn, &si), DG_OK);
    pace = emrtd_security_infos_find(&si, EMRTD_INFO_PACE);
    CHECK(pace != NULL);
    CHECK_INT(pace->parameter_id, 13);
    CHECK_INT(emrtd_card_access_parse(vn, sizeof vn - 1, &si), DG_E_TLV);
    CHECK_INT(si.n, 0);
    cardf_buf_free(&b);
}

TEST(dg14_dg15_keys)
{
    EVP_PKEY *ca = cardf_key_ec("brainpoolP256r1"), *aa = cardf_key_rsa(1024);
    struct cardf_buf b;
    struct emrtd_security_infos si;
    void *k = NULL;
    CHECK(ca && aa);
    CHECK_INT(cardf_dg14(ca, 1, &b), 0);
    CHECK_INT(emrtd_dg14_parse(b.p, b.len, &si), DG_OK);
    const struct emrtd_security_info *pk = emrtd_security_infos_find(&si, EMRTD_INFO_CA_PUBKEY);
    CHECK(pk != NULL && pk->pubkey != NULL);
    CHECK_INT(EVP_PKEY_eq(pk->pubkey, ca), 1);
    CHECK_INT(pk->parameter_id, 1);
    CHECK(emrtd_security_infos_find(&si, EMRTD_INFO_AA) != NULL);
    emrtd_security_infos_free(&si);
    cardf_buf_free(&b);
    CHECK_INT(cardf_dg14(ca, 0, &b), 0);
    b.p[b.len - 20] ^= 0x55; /* damaged key: the point leaves the curve */
    CHECK(emrtd_dg14_parse(b.p, b.len, &si) < 0);
    cardf_buf_free(&b);
    CHECK_INT(cardf_dg15(aa, &b), 0);
    CHECK_INT(emrtd_dg15_parse(b.p, b.len, &k), DG_OK);
    CHECK_INT(EVP_PKEY_eq(k, aa), 1);
    EVP_PKEY_free(k);
    CHECK_INT(emrtd_dg15_parse(b.p, b.len - 1, &k), DG_E_TLV);
    CHECK(k == NULL);
    cardf_buf_free(&b);
    EVP_PKEY_free(ca);
    EVP_PKEY_free(aa);
}

TEST(messages)
{
    for (int c = DG_OK; c >= DG_E_ARG; c--) {
        CHECK(messages_text(MSGD_DG, c, LANG_VI)[0] != 0);
        CHECK(messages_text(MSGD_DG, c, LANG_EN)[0] != 0);
        CHECK(strcmp(emrtd_dg_strerror(c), "unknown data group error") != 0);
    }
}

int main(void)
{
    /* the parser's tests read the card factory's drawn head (known colours, a JPEG that a
     * damaged third breaks), not the face photo the simulated cards carry */
    if (cardf_face_photo(NULL, 0, 0, 0) != 0)
        return 1;
    RUN(dg1_every_person);
    RUN(dg1_hostile);
    RUN(dg13_every_person);
    RUN(dg13_nfd_normalised);
    RUN(dg13_hostile);
    RUN(dg2_jpeg);
    RUN(dg2_jp2);
    RUN(dg2_lying_record_length);
    RUN(com_and_card_access);
    RUN(dg14_dg15_keys);
    RUN(messages);
    return test_done();
}
