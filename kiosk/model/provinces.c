/* provinces.c: the province/city codes that open a personal ID number (digits 1-3).
 *
 * The 63 codes of Circular 07/2016/TT-BCA (Annex: mã tỉnh, thành phố trực thuộc trung ương
 * nơi công dân đăng ký khai sinh). They follow the administrative unit codes of Decision
 * 124/2004/QĐ-TTg, hence the gaps (003, 005, ... were provinces split or merged before 2004).
 * The 2025 merger of provinces does not renumber IDs already issued, so every code stays
 * valid. The table is sorted by code; val_province_name() searches it and never allocates. */
#include "kiosk/model/validate.h"

#include <stdlib.h>
#include <string.h>

struct province {
    char code[4];
    const char *name;
};

static const struct province provinces[] = {
    {"001", "Hà Nội"},
    {"002", "Hà Giang"},
    {"004", "Cao Bằng"},
    {"006", "Bắc Kạn"},
    {"008", "Tuyên Quang"},
    {"010", "Lào Cai"},
    {"011", "Điện Biên"},
    {"012", "Lai Châu"},
    {"014", "Sơn La"},
    {"015", "Yên Bái"},
    {"017", "Hòa Bình"},
    {"019", "Thái Nguyên"},
    {"020", "Lạng Sơn"},
    {"022", "Quảng Ninh"},
    {"024", "Bắc Giang"},
    {"025", "Phú Thọ"},
    {"026", "Vĩnh Phúc"},
    {"027", "Bắc Ninh"},
    {"030", "Hải Dương"},
    {"031", "Hải Phòng"},
    {"033", "Hưng Yên"},
    {"034", "Thái Bình"},
    {"035", "Hà Nam"},
    {"036", "Nam Định"},
    {"037", "Ninh Bình"},
    {"038", "Thanh Hóa"},
    {"040", "Nghệ An"},
    {"042", "Hà Tĩnh"},
    {"044", "Quảng Bình"},
    {"045", "Quảng Trị"},
    {"046", "Thừa Thiên Huế"},
    {"048", "Đà Nẵng"},
    {"049", "Quảng Nam"},
    {"051", "Quảng Ngãi"},
    {"052", "Bình Định"},
    {"054", "Phú Yên"},
    {"056", "Khánh Hòa"},
    {"058", "Ninh Thuận"},
    {"060", "Bình Thuận"},
    {"062", "Kon Tum"},
    {"064", "Gia Lai"},
    {"066", "Đắk Lắk"},
    {"067", "Đắk Nông"},
    {"068", "Lâm Đồng"},
    {"070", "Bình Phước"},
    {"072", "Tây Ninh"},
    {"074", "Bình Dương"},
    {"075", "Đồng Nai"},
    {"077", "Bà Rịa - Vũng Tàu"},
    {"079", "Hồ Chí Minh"},
    {"080", "Long An"},
    {"082", "Tiền Giang"},
    {"083", "Bến Tre"},
    {"084", "Trà Vinh"},
    {"086", "Vĩnh Long"},
    {"087", "Đồng Tháp"},
    {"089", "An Giang"},
    {"091", "Kiên Giang"},
    {"092", "Cần Thơ"},
    {"093", "Hậu Giang"},
    {"094", "Sóc Trăng"},
    {"095", "Bạc Liêu"},
    {"096", "Cà Mau"},
};

static int province_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct province *)elem)->code);
}

const char *val_province_name(const char *code3)
{
    char key[4];
    const struct province *p;

    if (code3 == NULL || strnlen(code3, 4) != 3)
        return NULL;
    memcpy(key, code3, 4);
    p = bsearch(key, provinces, sizeof provinces / sizeof provinces[0], sizeof provinces[0],
                province_cmp);
    return p ? p->name : NULL;
}
