/* test_ui_vnkey.c: Vietnamese typing on the on-screen keyboard: names from ID cards typed
 * key by key, marks and tones in either order, replacement of a tone, limits. */
#include <string.h>

#include "tests/test.h"
#include "ui/ui_vnkey.h"

/* Types a script: letters, ' ' space, '1'-'5' tones (sắc huyền hỏi ngã nặng), '^' hat,
 * '(' breve, '+' horn, 'D' đ, '<' delete. */
static int type(char *buf, size_t size, const char *keys)
{
    int rc = 0;
    for (const char *k = keys; *k && rc == 0; k++) {
        if (*k >= 'a' && *k <= 'z')
            rc = ui_vnkey_letter(buf, size, *k);
        else if (*k == ' ')
            rc = ui_vnkey_space(buf, size);
        else if (*k >= '1' && *k <= '5')
            rc = ui_vnkey_tone(buf, size, (enum ui_vn_tone)(*k - '0'));
        else if (*k == '^')
            rc = ui_vnkey_mark(buf, size, UI_VN_HAT);
        else if (*k == '(')
            rc = ui_vnkey_mark(buf, size, UI_VN_BREVE);
        else if (*k == '+')
            rc = ui_vnkey_mark(buf, size, UI_VN_HORN);
        else if (*k == 'D')
            rc = ui_vnkey_dd(buf, size);
        else if (*k == '<')
            ui_vnkey_delete(buf);
    }
    return rc;
}

#define TYPED(keys, want)                                                                          \
    do {                                                                                           \
        char typed_[160] = "";                                                                     \
        CHECK_INT(type(typed_, sizeof(typed_), keys), 0);                                          \
        CHECK_STR(typed_, want);                                                                   \
    } while (0)

TEST(names_from_cards)
{
    TYPED("nguyen^4 thi5 huong+2", "Nguyễn Thị Hường");
    TYPED("tran^2 van( binh2", "Trần Văn Bình");
    TYPED("le^ thi5 ngoc5", "Lê Thị Ngọc");
    TYPED("pham5 quoc^1 Dat5", "Phạm Quốc Đạt");
    TYPED("hoang2 minh chau^", "Hoàng Minh Châu");
    TYPED("Do^4 van( khai3", "Đỗ Văn Khải");
    TYPED("vu4 ngoc5 anh1", "Vũ Ngọc Ánh");
    TYPED("bui2 thi5 thu trang", "Bùi Thị Thu Trang");
}

TEST(tone_and_mark_in_any_order)
{
    TYPED("nguyen4^", "Nguyễn");
    TYPED("truong2+", "Trường");
    TYPED("phuong+", "Phương");
    TYPED("hoa2", "Hòa");
    TYPED("mua2", "Mùa");
    TYPED("quy1", "Quý");
    TYPED("gia1", "Giá");
    TYPED("luu+", "Lưu");
    TYPED("mua+", "Mưa");
    TYPED("thu+", "Thư");
    TYPED("gui+3", "Gửi");
    TYPED("tho1^", "Thố");
}

TEST(new_tone_replaces_old_and_delete_takes_whole_letters)
{
    TYPED("binh1 ", "Bính ");
    TYPED("binh12", "Bình");
    TYPED("huong+2<<", "Hườ");
    TYPED("a<", "");
}

TEST(refusals_leave_the_text_unchanged)
{
    char b[16] = "Bnh";
    CHECK_INT(ui_vnkey_tone(b, sizeof(b), UI_VN_SAC), UI_VNKEY_ENONE);
    CHECK_STR(b, "Bnh");
    CHECK_INT(ui_vnkey_mark(b, sizeof(b), UI_VN_HAT), UI_VNKEY_ENONE);
    char small[4] = "Ab";
    CHECK_INT(ui_vnkey_letter(small, sizeof(small), 'c'), 0);
    CHECK_STR(small, "Abc");
    CHECK_INT(ui_vnkey_tone(small, sizeof(small), UI_VN_SAC), UI_VNKEY_EFULL);
    CHECK_STR(small, "Abc");
    char bad[8] = "a\xC3(";
    CHECK_INT(ui_vnkey_letter(bad, sizeof(bad), 'b'), UI_VNKEY_ETEXT);
    char sp[8] = "";
    CHECK_INT(ui_vnkey_space(sp, sizeof(sp)), UI_VNKEY_ENONE);
    CHECK_INT(ui_vnkey_letter(sp, sizeof(sp), '7'), UI_VNKEY_ENONE);
}

int main(void)
{
    RUN(names_from_cards);
    RUN(tone_and_mark_in_any_order);
    RUN(new_tone_replaces_old_and_delete_takes_whole_letters);
    RUN(refusals_leave_the_text_unchanged);
    return test_done();
}
