/* test_ui_strings.c: every UI text, looked up through ui_str()/ui_astr() in the message
 * catalogue, is there in both languages, valid UTF-8 and really translated; the finger,
 * exception and status helpers map onto the right entries. (tests/messages/test_catalogue
 * checks the same rows for the official terms, NFC and printf conversions.) */
#include <string.h>

#include "tests/test.h"
#include "ui/ui_after.h"
#include "ui/ui_strings.h"

/* A strict UTF-8 check (no overlongs, no surrogates). */
static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (n < 0 || (n == 1 && *p < 0xC2))
            return 0;
        unsigned cp = n == 0 ? *p : (unsigned)(*p & (0x3F >> n));
        for (int i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        p += n + 1;
    }
    return 1;
}

TEST(tables_complete_and_utf8)
{
    for (int i = 1; i < UI_S_COUNT; i++) {
        const char *vi = ui_str((enum ui_str_id)i, LANG_VI),
                   *en = ui_str((enum ui_str_id)i, LANG_EN);
        if (!vi || !*vi || !en || !*en)
            test_fail_(__FILE__, __LINE__, "string %d missing (vi %p en %p)", i, (void *)vi,
                       (void *)en);
        CHECK(vi && *vi && en && *en);
        CHECK(utf8_ok(vi));
        CHECK(utf8_ok(en));
    }
}

/* The after-the-first-visit table (recall, opened application, phone correction, guidance)
 * too: complete in both languages, valid UTF-8, translated, the official terms. */
TEST(after_tables_complete_translated_and_in_the_official_terms)
{
    for (int i = 0; i < UI_AS_COUNT; i++) {
        const char *vi = ui_astr((enum ui_after_str)i, LANG_VI);
        const char *en = ui_astr((enum ui_after_str)i, LANG_EN);
        if (!*vi || !*en)
            test_fail_(__FILE__, __LINE__, "after string %d missing", i);
        CHECK(*vi && *en);
        CHECK(utf8_ok(vi) && utf8_ok(en));
        CHECK(strcmp(vi, en) != 0);
        /* one thing, one name: the approver, the receipt, the officer, delete */
        CHECK(strstr(vi, "Giám sát") == NULL && strstr(vi, "giám sát") == NULL);
        CHECK(strstr(vi, "biên nhận") == NULL && strstr(vi, "Biên nhận") == NULL);
        CHECK(strstr(vi, "nhân viên") == NULL && strstr(vi, "xoá") == NULL);
    }
    CHECK_STR(ui_after_title(UI_SCR_PHONEFIX, LANG_VI), "Sửa số điện thoại di động");
    CHECK(strstr(ui_astr(UI_AS_FIX_L_NEW, LANG_VI), "di động (chính chủ)") != NULL);
    CHECK(strstr(ui_astr(UI_AS_FIX_APPROVE, LANG_VI), "Lãnh đạo đơn vị") != NULL);
    CHECK(strstr(ui_astr(UI_AS_PRINTING, LANG_VI), "giấy tiếp nhận") != NULL);
    for (int i = 0; i < UI_FIX_REASONS; i++)
        CHECK(ui_fix_reason(i, LANG_VI)[0] &&
              strcmp(ui_fix_reason(i, LANG_VI), ui_fix_reason(i, LANG_EN)) != 0);
    CHECK_STR(ui_fix_reason(UI_FIX_REASONS, LANG_VI), "");
    CHECK_STR(ui_str(UI_S_F_PHONE, LANG_VI), "Số điện thoại di động (chính chủ)");
}

TEST(vietnamese_is_really_vietnamese)
{
    int differ = 0, with_marks = 0;
    for (int i = 1; i < UI_S_COUNT; i++) {
        const char *vi = ui_str((enum ui_str_id)i, LANG_VI);
        if (strcmp(vi, ui_str((enum ui_str_id)i, LANG_EN)) != 0)
            differ++;
        for (const unsigned char *p = (const unsigned char *)vi; *p; p++)
            if (*p >= 0x80) {
                with_marks++;
                break;
            }
    }
    /* a few entries are the same in both (a name, "VNeID"), most are not */
    CHECK(differ > UI_S_COUNT * 9 / 10);
    CHECK(with_marks > UI_S_COUNT * 3 / 4);
    CHECK_STR(ui_str(UI_S_LANG_OTHER, LANG_VI), "English");
    CHECK_STR(ui_str(UI_S_LANG_OTHER, LANG_EN), "Tiếng Việt");
}

TEST(helpers_map_to_entries)
{
    CHECK_STR(ui_str_finger(FINGER_R_THUMB, LANG_VI), "Ngón cái phải");
    CHECK_STR(ui_str_finger(FINGER_L_LITTLE, LANG_EN), "Left little");
    CHECK_STR(ui_str_finger(FINGER_NONE, LANG_EN), "");
    CHECK_STR(ui_str_exception(FINGER_BANDAGED, LANG_EN), "Bandaged");
    CHECK_STR(ui_str_status(APP_REJECTED, LANG_VI), "Hồ sơ không đạt");
    /* the state is "Đã tạo lại hồ sơ"; "Tạo lại hồ sơ" is the button (terms-vi.md) */
    CHECK_STR(ui_str_status(APP_REDO, LANG_VI), "Đã tạo lại hồ sơ");
    CHECK_STR(ui_astr(UI_AS_BTN_REDO, LANG_VI), "Tạo lại hồ sơ");
    CHECK_STR(ui_str_status(APP_STATUS_COUNT, LANG_VI), "");
    CHECK_STR(ui_str(UI_S_COUNT, LANG_EN), "");
    CHECK_STR(ui_str((enum ui_str_id) - 3, LANG_EN), "");
    CHECK_STR(ui_str(UI_S_NONE, LANG_VI), "");
    CHECK_STR(ui_astr(UI_AS_COUNT, LANG_VI), "");
}

TEST(next_steps_say_3_working_days_sms_vneid_and_7_days)
{
    for (int l = 0; l < 2; l++) {
        const char *sms = ui_str(UI_S_DONE_NEXT_SMS, (enum msg_lang)l);
        const char *act = ui_str(UI_S_DONE_NEXT_ACTIVATE, (enum msg_lang)l);
        CHECK(strstr(sms, "VNeID") != NULL);
        CHECK(strstr(sms, "3 ") != NULL);
        CHECK(strstr(sms, "SMS") != NULL);
        CHECK(strstr(act, "7 ") != NULL);
    }
}

int main(void)
{
    RUN(tables_complete_and_utf8);
    RUN(vietnamese_is_really_vietnamese);
    RUN(after_tables_complete_translated_and_in_the_official_terms);
    RUN(helpers_map_to_entries);
    RUN(next_steps_say_3_working_days_sms_vneid_and_7_days);
    return test_done();
}
