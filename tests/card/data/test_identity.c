/* test_identity.c: identity from DG1 + DG13, and every DG1/DG13/QR disagreement listed. */
#include "kiosk/messages/messages.h"
#include "drivers/card/card_identity.h"
#include "drivers/card/cccd_qr.h"
#include "tests/rigs/card/cardf.h"
#include "tests/test.h"

struct parsed {
    struct mrz_td1 m;
    struct emrtd_dg13 d;
    struct app_identity q;
};

static int parse_person(const struct cardf_person *p, struct parsed *o)
{
    struct cardf_buf b1, b13;
    char qr[1024];
    int rc = -1;
    if (cardf_dg1(p, &b1) || cardf_dg13(p, &b13) || cardf_qr_text(p, qr, sizeof qr))
        return -1;
    if (emrtd_dg1_parse(b1.p, b1.len, &o->m) == 0 && emrtd_dg13_parse(b13.p, b13.len, &o->d) == 0 &&
        cccd_qr_parse(qr, strlen(qr), &o->q, NULL) == 0)
        rc = 0;
    cardf_buf_free(&b1);
    cardf_buf_free(&b13);
    return rc;
}

TEST(from_files_every_person)
{
    for (int i = 0; i < cardf_n_people; i++) {
        const struct cardf_person *p = &cardf_people[i];
        struct cardf_buf b1, b13;
        struct app_identity id;
        CHECK_INT(cardf_dg1(p, &b1), 0);
        CHECK_INT(cardf_dg13(p, &b13), 0);
        CHECK_INT(card_identity_from_files(b1.p, b1.len, b13.p, b13.len, &id, NULL), CID_OK);
        CHECK_STR(id.personal_id, p->id);
        CHECK_STR(id.full_name, p->full_name);
        CHECK_STR(id.dob, p->dob);
        CHECK_STR(id.residence, p->residence);
        CHECK_STR(id.expiry_date, p->expiry);
        CHECK_INT(id.no_expiry, p->expiry[0] == 0);
        CHECK_INT(id.source, ID_SOURCE_NONE); /* the caller sets it */
        /* DG1 alone */
        CHECK_INT(card_identity_from_files(b1.p, b1.len, NULL, 0, &id, NULL), CID_OK);
        CHECK_STR(id.personal_id, p->id);
        CHECK_STR(id.dob, p->dob);
        CHECK_STR(id.expiry_date, p->expiry);
        cardf_buf_free(&b1);
        cardf_buf_free(&b13);
    }
}

TEST(from_files_failures)
{
    struct cardf_buf b1, b13;
    struct app_identity id;
    int e;
    struct cardf_person other = cardf_people[2];
    other.id = "048190000322";
    CHECK_INT(cardf_dg1(&cardf_people[2], &b1), 0);
    CHECK_INT(cardf_dg13(&other, &b13), 0);
    CHECK_INT(card_identity_from_files(b1.p, b1.len, b13.p, b13.len, &id, NULL), CID_E_MISMATCH);
    CHECK_INT(id.full_name[0], 0);
    CHECK_INT(card_identity_from_files(b1.p, b1.len, b13.p, b13.len - 1, &id, &e), CID_E_DG13);
    CHECK_INT(e, DG_E_TLV);
    CHECK_INT(card_identity_from_files(NULL, 0, NULL, 0, &id, &e), CID_E_NONE);
    cardf_buf_free(&b1);
    cardf_buf_free(&b13);
}

TEST(all_agree)
{
    for (int i = 0; i < cardf_n_people; i++) {
        struct parsed o;
        struct card_agreement a;
        CHECK_INT(parse_person(&cardf_people[i], &o), 0);
        CHECK_INT(card_identity_compare(&o.m, &o.d, &o.q, &a), 0);
    }
}

static int has(const struct card_agreement *a, enum card_field f, enum card_source x,
               enum card_source y)
{
    for (int i = 0; i < a->n; i++)
        if (a->d[i].field == f && a->d[i].a == x && a->d[i].b == y)
            return 1;
    return 0;
}

TEST(every_disagreement_listed)
{
    struct parsed o;
    struct card_agreement a;
    char line[160];
    CHECK_INT(parse_person(&cardf_people[1], &o), 0);
    strcpy(o.q.dob, "1985-07-05");
    strcpy(o.q.full_name, "Nguyễn Văn Hưng"); /* one vowel differs */
    o.q.sex = 'F';
    strcpy(o.d.issue_date, "2023-09-13");
    strcpy(o.d.expiry_date, "2045-07-05");
    CHECK_INT(card_identity_compare(&o.m, &o.d, &o.q, &a), 7);
    CHECK(has(&a, CARD_F_DOB, CARD_SRC_DG1, CARD_SRC_QR));
    CHECK(has(&a, CARD_F_DOB, CARD_SRC_DG13, CARD_SRC_QR));
    CHECK(has(&a, CARD_F_SEX, CARD_SRC_DG1, CARD_SRC_QR));
    CHECK(has(&a, CARD_F_SEX, CARD_SRC_DG13, CARD_SRC_QR));
    CHECK(has(&a, CARD_F_NAME, CARD_SRC_DG13, CARD_SRC_QR));
    CHECK(has(&a, CARD_F_ISSUE_DATE, CARD_SRC_DG13, CARD_SRC_QR));
    CHECK(has(&a, CARD_F_EXPIRY, CARD_SRC_DG1, CARD_SRC_DG13));
    /* "Hưng" and "Hùng" both fold to "hung": MRZ cannot tell them apart, DG13 vs QR can */
    CHECK(!has(&a, CARD_F_NAME, CARD_SRC_DG1, CARD_SRC_QR));
    struct card_disagreement d = {CARD_F_DOB, CARD_SRC_DG1, CARD_SRC_QR};
    CHECK_STR(messages_disagreement(&d, LANG_EN, line, sizeof line),
              "Date of birth: chip (MRZ) differs from QR code");
    CHECK_STR(messages_disagreement(&d, LANG_VI, line, sizeof line),
              "Ngày sinh: chip (MRZ) khác mã QR");
}

TEST(name_case_and_diacritics)
{
    struct parsed o;
    struct card_agreement a;
    CHECK_INT(parse_person(&cardf_people[0], &o), 0);
    strcpy(o.q.full_name, "TRAN THI BICH NGOC"); /* a QR without diacritics */
    CHECK_INT(card_identity_compare(&o.m, &o.d, &o.q, &a), 0);
    strcpy(o.q.full_name, "TRẦN  THỊ BÍCH NGỌC");
    CHECK_INT(card_identity_compare(NULL, &o.d, &o.q, &a), 0);
    strcpy(o.d.full_name, "Trần Thị Bích");
    CHECK_INT(card_identity_compare(&o.m, &o.d, NULL, &a), 1);
    CHECK(has(&a, CARD_F_NAME, CARD_SRC_DG1, CARD_SRC_DG13));
}

TEST(no_expiry_forms_agree)
{
    struct parsed o;
    struct card_agreement a;
    CHECK_INT(parse_person(&cardf_people[3], &o), 0); /* elderly, never expires */
    CHECK_INT(card_identity_compare(&o.m, &o.d, &o.q, &a), 0);
    strcpy(o.m.doe, "<<<<<<");
    CHECK_INT(card_identity_compare(&o.m, &o.d, NULL, &a), 0);
    strcpy(o.m.doe, "310228");
    CHECK_INT(card_identity_compare(&o.m, &o.d, NULL, &a), 1);
}

int main(void)
{
    RUN(from_files_every_person);
    RUN(from_files_failures);
    RUN(all_agree);
    RUN(every_disagreement_listed);
    RUN(name_case_and_diacritics);
    RUN(no_expiry_forms_agree);
    return test_done();
}
