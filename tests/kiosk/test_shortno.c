/* test_shortno.c: the short application number's forms, phone numbers as citizens write
 * them, and the catalogue of the upstream's reasons. */
#include <string.h>

#include "kiosk/messages/messages.h"
#include "kiosk/model/shortno.h"
#include "kiosk/model/validate.h"
#include "tests/test.h"

TEST(prefix_stem_and_format)
{
    char p[SHORTNO_PREFIX_SIZE], stem[APP_SHORT_NO_SIZE], out[APP_SHORT_NO_SIZE];
    shortno_prefix("CAX-HN-0101", p);
    CHECK_STR(p, "HN0101");
    shortno_prefix("HD03", p);
    CHECK_STR(p, "HD03");
    shortno_prefix("cax-hd-03", p);
    CHECK_STR(p, "HD03");
    shortno_prefix("---", p);
    CHECK_STR(p, "K");
    CHECK_INT(shortno_day_stem("HD03", "2026-12-02", stem), 0);
    CHECK_STR(stem, "HD03-0212-");
    CHECK_INT(shortno_day_stem("HD03", "02/12/2026", stem), -1);
    shortno_format(stem, 17, out);
    CHECK_STR(out, "HD03-0212-017");
    shortno_format(stem, 1234, out);
    CHECK_STR(out, "HD03-0212-1234");
}

TEST(normalise_what_officers_type)
{
    char out[APP_SHORT_NO_SIZE];
    CHECK_INT(shortno_normalise("HD03-0212-017", out), 0);
    CHECK_STR(out, "HD03-0212-017");
    CHECK_INT(shortno_normalise(" hd03 0212 17 ", out), 0);
    CHECK_STR(out, "HD03-0212-017");
    CHECK_INT(shortno_normalise("hd03/0212/1234", out), 0);
    CHECK_STR(out, "HD03-0212-1234");
    CHECK_INT(shortno_normalise("0987654321", out), -1);
    CHECK_INT(shortno_normalise("HD03-3212-001", out), -1); /* day 32 */
    CHECK_INT(shortno_normalise("HD03-0213-001", out), -1); /* month 13 */
    CHECK_INT(shortno_normalise("HD03-0212-000", out), -1);
    CHECK_INT(shortno_normalise("HD03-0212-12345", out), -1);
    CHECK_INT(shortno_normalise("1234-0212-001", out), -1); /* the station has letters */
    CHECK_INT(shortno_normalise("HD03-0212", out), -1);
    CHECK_INT(shortno_normalise("HD03_0212_001", out), -1);
    CHECK_INT(shortno_normalise("Nguyễn", out), -1);
}

TEST(phone_numbers_as_citizens_write_them)
{
    char out[11];
    static const char *const good[] = {
        "0987654321",      "(098) 765 4321",     "098-765-4321",      "098.765.4321",
        "+84 98 765 4321", "+84 (0)98 765 4321", "(+84) 987 654 321", "84987654321",
        "0987/654/321",    " 0987 654 321 ",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        if (val_phone(good[i], out) != MSG_NONE)
            CHECK_STR(good[i], "accepted");
        CHECK_STR(out, "0987654321");
    }
    CHECK_INT(val_phone("(024) 3825 1234", out), MSG_PHONE_LANDLINE);
    CHECK_INT(val_phone("0987-654-321 ext 2", out), MSG_PHONE_CHARS);
    CHECK_INT(val_phone("+84 (0)0987 654 321", out), MSG_PHONE_LENGTH);
    CHECK_INT(val_phone("+1 (098) 765 4321", out), MSG_PHONE_PREFIX);
    CHECK_INT(val_phone("()", out), MSG_PHONE_EMPTY);
}

TEST(reasons_in_plain_words_with_a_next_step)
{
    struct reason_text t = reason_lookup("PHOTO_QUALITY", "x", LANG_VI);
    CHECK(strstr(t.what, "Ảnh chân dung không đủ tiêu chuẩn") != NULL);
    CHECK(strstr(t.next, "tạo lại hồ sơ") != NULL);
    CHECK_INT(t.redo, 1);
    t = reason_lookup("photo_quality.eyes", NULL, LANG_EN);
    CHECK(strstr(t.what, "portrait") != NULL);
    CHECK(reason_known("DATA_MISMATCH"));
    CHECK(!reason_known("PHOTO"));
    CHECK(!reason_known("PHOTO_QUALITYX"));
    /* an unknown code: the upstream's words, never the code, and the general next step */
    t = reason_lookup("Z_NEW_RULE", "Hồ sơ thiếu thông tin", LANG_VI);
    CHECK_STR(t.what, "Hồ sơ thiếu thông tin");
    CHECK(strstr(t.next, "Lãnh đạo đơn vị") != NULL);
    t = reason_lookup("", "", LANG_VI);
    CHECK_STR(t.what, "Hồ sơ không đạt.");
    t = reason_lookup("UNDER_AGE", NULL, LANG_VI);
    CHECK(strstr(t.next, "người giám hộ") != NULL);
    CHECK_INT(t.redo, 0);
    /* the upstream's own check of the chip evidence (sync/PROTOCOL.md §2.4): each code has
     * its own sentence in both languages, asks for a new application and names no code */
    static const char *const evidence[] = {
        "EVIDENCE_MISSING",  "EVIDENCE_MALFORMED", "EVIDENCE_SIGNATURE", "EVIDENCE_SOD_MISMATCH",
        "EVIDENCE_IDENTITY", "EVIDENCE_AA",        "EVIDENCE_VERDICT"};
    const char *seen[7];
    for (int i = 0; i < 7; i++) {
        struct reason_text vi = reason_lookup(evidence[i], "upstream words", LANG_VI);
        struct reason_text en = reason_lookup(evidence[i], "upstream words", LANG_EN);
        CHECK(reason_known(evidence[i]));
        CHECK(strcmp(vi.what, "upstream words") != 0 && strcmp(vi.what, en.what) != 0);
        CHECK(strstr(vi.what, "EVIDENCE") == NULL && strstr(vi.next, "EVIDENCE") == NULL);
        CHECK(strstr(vi.next, "tạo lại hồ sơ") != NULL && vi.redo == 1);
        for (int k = 0; k < i; k++)
            CHECK(strcmp(seen[k], vi.what) != 0);
        seen[i] = vi.what;
    }
    CHECK(!reason_known("EVIDENCE"));
}

int main(void)
{
    RUN(prefix_stem_and_format);
    RUN(normalise_what_officers_type);
    RUN(phone_numbers_as_citizens_write_them);
    RUN(reasons_in_plain_words_with_a_next_step);
    return test_done();
}
