/* test_qr.c: the CCCD QR parser on real-format strings (2021 and 2024 layouts) and malformed
 * ones, and decoding QR images with zbar. */
#include <stdlib.h>

#include "kiosk/messages/messages.h"
#include "drivers/card/cccd_qr.h"
#include "tests/rigs/card/cardf.h"
#include "tests/test.h"

static int parse(const char *s, struct app_identity *id, struct cccd_qr_info *info)
{
    return cccd_qr_parse(s, strlen(s), id, info);
}

TEST(format_2021)
{
    struct app_identity id;
    struct cccd_qr_info info;
    const char *s = "001099012345|123456789|Nguyễn Văn A|01011999|Nam|Số 1, Phường X, Quận Y, "
                    "Hà Nội|15042021";
    CHECK_INT(parse(s, &id, &info), QR_OK);
    CHECK_INT(info.layout, 2021);
    CHECK_STR(id.personal_id, "001099012345");
    CHECK_STR(id.old_id, "123456789");
    CHECK_STR(id.full_name, "Nguyễn Văn A");
    CHECK_STR(id.dob, "1999-01-01");
    CHECK_INT(id.sex, 'M');
    CHECK_STR(id.residence, "Số 1, Phường X, Quận Y, Hà Nội");
    CHECK_STR(id.issue_date, "2021-04-15");
    CHECK_STR(id.expiry_date, "2024-01-01"); /* 22 at issue → 25th birthday */
    CHECK_INT(id.source, ID_SOURCE_QR);
}

TEST(every_person_both_layouts)
{
    for (int i = 0; i < cardf_n_people; i++) {
        const struct cardf_person *p = &cardf_people[i];
        char text[1024];
        struct app_identity id;
        struct cccd_qr_info info;
        CHECK_INT(cardf_qr_text(p, text, sizeof text), 0);
        CHECK_INT(parse(text, &id, &info), QR_OK);
        CHECK_INT(info.layout, p->layout);
        CHECK_STR(id.personal_id, p->id);
        CHECK_STR(id.full_name, p->full_name);
        CHECK_STR(id.dob, p->dob);
        CHECK_INT(id.sex, p->sex);
        CHECK_STR(id.residence, p->residence);
        CHECK_STR(id.issue_date, p->issue);
        CHECK_STR(id.expiry_date, p->expiry); /* the renewal rule gives the card's expiry */
        CHECK_INT(id.no_expiry, p->expiry[0] == 0);
    }
}

TEST(tolerant)
{
    struct app_identity id;
    /* BOM, CRLF, trailing '|', empty old ID, NFD "Nữ" */
    CHECK_INT(parse("\xef\xbb\xbf"
                    "079303004567||Trần Thị Bích Ngọc|15032003|Nu\xcc\x9b\xcc\x83|123 Nguyễn "
                    "Trãi|20062021|\r\n",
                    &id, NULL),
              QR_OK);
    CHECK_INT(id.sex, 'F');
    CHECK_STR(id.old_id, "");
    /* 2024-style extra fields with the dates moved */
    CHECK_INT(parse("001210007890||Đặng Quốc Bảo|Nam|20052010|Số 8, Phạm Ngọc Thạch|01082024|"
                    "Đặng Văn Minh|Ngô Thị Hoa",
                    &id, NULL),
              QR_OK);
    CHECK_STR(id.dob, "2010-05-20");
    CHECK_STR(id.issue_date, "2024-08-01");
    CHECK_STR(id.residence, "Số 8, Phạm Ngọc Thạch");
}

TEST(malformed_refused_with_reason)
{
    struct app_identity id;
    CHECK_INT(parse("", &id, NULL), QR_E_EMPTY);
    CHECK_INT(parse("   \n", &id, NULL), QR_E_EMPTY);
    CHECK_INT(parse("https://example.com/", &id, NULL), QR_E_FIELDS);
    CHECK_INT(parse("00109901234|123456789|Nguyễn Văn A|01011999|Nam|Hà Nội|15042021", &id, NULL),
              QR_E_ID);
    CHECK_INT(parse("001099012345|12345|Nguyễn Văn A|01011999|Nam|Hà Nội|15042021", &id, NULL),
              QR_E_OLD_ID);
    CHECK_INT(parse("001099012345||Nguyễn V4n A|01011999|Nam|Hà Nội|15042021", &id, NULL),
              QR_E_NAME);
    CHECK_INT(parse("001099012345|||01011999|Nam|Hà Nội|15042021", &id, NULL), QR_E_NAME);
    CHECK_INT(parse("001099012345||Nguyễn Văn A|31021999|Nam|Hà Nội|15042021", &id, NULL),
              QR_E_DATE);
    CHECK_INT(parse("001099012345||Nguyễn Văn A|01011999|Nam|Hà Nội|15041998", &id, NULL),
              QR_E_DATE);
    CHECK_INT(parse("001099012345||Nguyễn Văn A|01011999|Male|Hà Nội|15042021", &id, NULL),
              QR_E_SEX);
    CHECK_INT(parse("001099012345||Nguy\xff\xfe|01011999|Nam|Hà Nội|15042021", &id, NULL),
              QR_E_TEXT);
    CHECK_INT(parse("001099012345||Nguyễn\x01|01011999|Nam|Hà Nội|15042021", &id, NULL), QR_E_TEXT);
    CHECK_INT(id.personal_id[0], 0); /* wiped */
    char big[CCCD_QR_MAX_TEXT + 10];
    memset(big, 'a', sizeof big);
    CHECK_INT(cccd_qr_parse(big, sizeof big, &id, NULL), QR_E_TEXT);
    CHECK_INT(cccd_qr_parse("001|2|3|4|5|6|7\0|", 17, &id, NULL), QR_E_TEXT);
    for (int c = QR_OK; c >= QR_E_ARG; c--)
        CHECK(messages_text(MSGD_QR, c, LANG_VI)[0] && messages_text(MSGD_QR, c, LANG_EN)[0]);
}

TEST(decode_image)
{
    char text[1024], got[1024];
    uint8_t *img;
    int w, h;
    struct app_identity id;
    CHECK_INT(cardf_qr_text(&cardf_people[1], text, sizeof text), 0);
    CHECK_INT(cardf_qr_image(text, 3, &img, &w, &h), 0);
    CHECK_INT(cccd_qr_decode_image(img, w, h, got, sizeof got), QR_OK);
    CHECK_STR(got, text);
    CHECK_INT(parse(got, &id, NULL), QR_OK);
    CHECK_STR(id.full_name, cardf_people[1].full_name);
    CHECK_INT(cccd_qr_decode_image(img, w, h, got, 10), QR_E_TEXT);
    memset(img, 255, (size_t)w * h);
    CHECK_INT(cccd_qr_decode_image(img, w, h, got, sizeof got), QR_E_NOT_FOUND);
    free(img);
}

/* Camera frames are decoded by the confined helper (drivers/card/card_decoder.h): noise finds
 * nothing, frames whose size is out of bounds are refused before a byte is read or sent, and
 * the helper still decodes a real code afterwards. */
TEST(hostile_frames_refused_or_decoded_in_the_helper)
{
    char text[1024], got[1024];
    uint8_t *img, tiny[16] = {0};
    int w, h;
    enum { NW = 640, NH = 480 };
    uint8_t *noise = malloc(NW * NH);
    CHECK(noise != NULL);
    srand(12);
    for (int i = 0; i < NW * NH; i++)
        noise[i] = (uint8_t)(rand() & 1 ? 0 : 255);
    CHECK_INT(cccd_qr_decode_image(noise, NW, NH, got, sizeof got), QR_E_NOT_FOUND);
    free(noise);
    /* dimensions that promise more bytes than any frame: refused, the small buffer untouched
     * (AddressSanitizer would report a read past it) */
    CHECK_INT(cccd_qr_decode_image(tiny, 20000, 20000, got, sizeof got), QR_E_ARG);
    CHECK_INT(cccd_qr_decode_image(tiny, 8192, 4096, got, sizeof got), QR_E_ARG);
    CHECK_INT(cccd_qr_decode_image(tiny, 0, 4, got, sizeof got), QR_E_ARG);
    CHECK_INT(cccd_qr_decode_image(tiny, 4, -1, got, sizeof got), QR_E_ARG);
    CHECK_INT(cccd_qr_decode_image(tiny, 4, 4, got, 0), QR_E_ARG);
    CHECK_INT(cardf_qr_text(&cardf_people[2], text, sizeof text), 0);
    CHECK_INT(cardf_qr_image(text, 3, &img, &w, &h), 0);
    CHECK_INT(cccd_qr_decode_image(img, w, h, got, sizeof got), QR_OK);
    CHECK_STR(got, text);
    free(img);
}

int main(void)
{
    RUN(format_2021);
    RUN(every_person_both_layouts);
    RUN(tolerant);
    RUN(malformed_refused_with_reason);
    RUN(decode_image);
    RUN(hostile_frames_refused_or_decoded_in_the_helper);
    return test_done();
}
