/* test_export_format.c: the export's cell encoders, list, summary and deadline rule. */
#include <jansson.h>

#include "tests/test.h"
#include "tests/kiosk/test_export_fixture.h"

/* Runs fn over a memory stream and returns what it wrote (caller frees). */
static char *csv_of(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    int rc = export_csv_cell(f, s);
    fclose(f);
    if (rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static char *json_of(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    int rc = export_json_string(f, s);
    fclose(f);
    if (rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

#define CHECK_CSV(in, want)                                                                        \
    do {                                                                                           \
        char *got_ = csv_of(in);                                                                   \
        int same_ = got_ && strcmp(got_, want) == 0;                                               \
        if (!same_)                                                                                \
            test_fail_(__FILE__, __LINE__, "csv(%s) == [%s], expected [%s]", #in,                  \
                       got_ ? got_ : "(null)", want);                                              \
        free(got_);                                                                                \
        if (!same_)                                                                                \
            return;                                                                                \
    } while (0)

TEST(csv_plain_cells_stay_bare)
{
    CHECK_CSV("Nguyễn Văn An", "Nguyễn Văn An");
    CHECK_CSV("", "");
    CHECK_CSV(NULL, "");
    CHECK_CSV("0912345678", "0912345678");
}

TEST(csv_comma_quote_newline_are_quoted)
{
    CHECK_CSV("Số 12, ngõ 34", "\"Số 12, ngõ 34\"");
    CHECK_CSV("Thôn \"Đồng Tâm\"", "\"Thôn \"\"Đồng Tâm\"\"\"");
    CHECK_CSV("Tổ 5\nkhu phố 2", "\"Tổ 5\nkhu phố 2\"");
    CHECK_CSV("a\r\nb", "\"a\r\nb\"");
    CHECK_CSV("\"", "\"\"\"\"");
}

TEST(csv_formula_injection_guarded)
{
    CHECK_CSV("=1+1", "'=1+1");
    CHECK_CSV("+84912345678", "'+84912345678");
    CHECK_CSV("-2", "'-2");
    CHECK_CSV("@SUM(A1)", "'@SUM(A1)");
    CHECK_CSV("\tx", "'\tx");
    CHECK_CSV("=HYPERLINK(\"u\",\"v\")", "\"'=HYPERLINK(\"\"u\"\",\"\"v\"\")\"");
    CHECK_CSV("=1,2", "\"'=1,2\"");
    /* Only the first character matters. */
    CHECK_CSV("a=b", "a=b");
    CHECK_CSV("Nguyễn-Văn", "Nguyễn-Văn");
}

TEST(json_strings_escaped)
{
    char *s = json_of("a\"b\\c\nd\re\tf\x01g");
    CHECK(s != NULL);
    int ok = strcmp(s, "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\"") == 0;
    free(s);
    CHECK(ok);
    s = json_of("Đặng Quốc Việt");
    CHECK(s != NULL);
    ok = strcmp(s, "\"Đặng Quốc Việt\"") == 0;
    free(s);
    CHECK(ok);
}

TEST(status_labels_distinct)
{
    for (int i = 0; i < APP_STATUS_COUNT; i++) {
        CHECK(strcmp(export_status_label((enum app_status)i), "?") != 0);
        for (int j = 0; j < i; j++)
            CHECK(strcmp(export_status_label((enum app_status)i),
                         export_status_label((enum app_status)j)) != 0);
    }
    CHECK_STR(export_status_label(APP_REJECTED), "Hồ sơ không đạt");
    CHECK_STR(export_status_label(APP_SUBMITTED), "Đã gửi xử lý hồ sơ");
    CHECK_STR(export_status_label(APP_STATUS_COUNT), "?");
}

TEST(day_validation)
{
    CHECK(export_day_valid("2026-11-20"));
    CHECK(export_day_valid("2024-02-29"));
    CHECK(!export_day_valid("2026-02-29"));
    CHECK(!export_day_valid("2026-13-01"));
    CHECK(!export_day_valid("2026-11-31"));
    CHECK(!export_day_valid("2026-11-00"));
    CHECK(!export_day_valid("2026/11/20"));
    CHECK(!export_day_valid("2026-11-2"));
    CHECK(!export_day_valid("2026-11-200"));
    CHECK(!export_day_valid("../etc/pa"));
    CHECK(!export_day_valid(""));
    CHECK(!export_day_valid(NULL));
}

TEST(list_csv_layout)
{
    struct store_row rows[FX_ROWS];
    struct export_list l;
    char *buf = NULL;
    size_t len = 0;
    fx_rows(rows);
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    CHECK_INT(export_list_begin(&l, f, 0), 0);
    for (int i = 0; i < FX_ROWS; i++)
        CHECK_INT(export_list_row(&l, &rows[i]), 0);
    CHECK_INT(export_list_end(&l), 0);
    fclose(f);
    CHECK_INT(l.n, FX_ROWS);
    int bom = len > 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
    const char *hdr = "\xEF\xBB\xBF"
                      "STT,Họ tên,Ngày sinh,HKTT,Số CCCD,Số điện thoại,Đã đăng ký định danh,"
                      "Mã hồ sơ,Trạng thái,Lý do,Thời gian tiếp nhận,Cán bộ tiếp nhận\r\n";
    int hdr_ok = strncmp(buf, hdr, strlen(hdr)) == 0;
    /* First row: STT 1, dob dd/mm/yyyy, the address quoted, level 2, status label, queued
     * time 09:06 local. */
    const char *row1 = "1,Nguyễn Văn An,14/05/1990,\"Số 12, ngõ 34 phố Huế, phường Phố Huế, quận "
                       "Hai Bà Trưng, Hà Nội\",001090012345,0912345678,Mức 2,"
                       "019aa1b2-1001-7000-8000-000000000001,Đã gửi xử lý hồ sơ,,"
                       "20/11/2026 09:06,cb.nguyen\r\n";
    int row1_ok = strncmp(buf + strlen(hdr), row1, strlen(row1)) == 0;
    int guarded = strstr(buf, ",\"'=HYPERLINK(") != NULL;
    /* the rejected row carries its reason, for the recall */
    int reason =
        strstr(buf, "Hồ sơ không đạt,photo.quality: Ảnh bản chụp không đủ tiêu chuẩn,") != NULL;
    int ends_crlf = len >= 2 && memcmp(buf + len - 2, "\r\n", 2) == 0;
    free(buf);
    CHECK(bom);
    CHECK(hdr_ok);
    CHECK(row1_ok);
    CHECK(guarded);
    CHECK(reason);
    CHECK(ends_crlf);
}

TEST(list_json_parses_back)
{
    struct store_row rows[FX_ROWS];
    struct export_list l;
    char *buf = NULL;
    size_t len = 0;
    json_error_t jerr;
    fx_rows(rows);
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    CHECK_INT(export_list_begin(&l, f, 1), 0);
    for (int i = 0; i < FX_ROWS; i++)
        CHECK_INT(export_list_row(&l, &rows[i]), 0);
    CHECK_INT(export_list_end(&l), 0);
    fclose(f);
    json_t *a = json_loadb(buf, len, 0, &jerr);
    free(buf);
    CHECK(a != NULL);
    int is_arr = json_is_array(a) && json_array_size(a) == FX_ROWS;
    json_t *r1 = json_array_get(a, 1), *r4 = json_array_get(a, 4);
    int ok =
        is_arr && json_integer_value(json_object_get(r1, "stt")) == 2 &&
        strcmp(json_string_value(json_object_get(r1, "ho_ten")), "Trần Thị Bích Ngọc") == 0 &&
        strcmp(json_string_value(json_object_get(r1, "hktt")), rows[1].identity.residence) == 0 &&
        strcmp(json_string_value(json_object_get(r1, "trang_thai")), "Hồ sơ không đạt") == 0 &&
        strcmp(json_string_value(json_object_get(r4, "hktt")), rows[4].identity.residence) == 0 &&
        strcmp(json_string_value(json_object_get(r4, "ngay_sinh")), "28/02/1999") == 0;
    json_decref(a);
    CHECK(ok);
}

TEST(list_json_empty_day)
{
    struct export_list l;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    CHECK_INT(export_list_begin(&l, f, 1), 0);
    CHECK_INT(export_list_end(&l), 0);
    fclose(f);
    int ok = strcmp(buf, "[]\n") == 0;
    free(buf);
    CHECK(ok);
}

TEST(deadline_three_working_days)
{
    struct store_row r;
    int wd = -1;
    memset(&r, 0, sizeof r);
    r.status = APP_SUBMITTED;
    r.created_at = fx_ms(2026, 11, 20, 9, 0); /* Friday */
    r.queued_at = r.created_at;
    /* Mon, Tue, Wed: 3 working days, still within the deadline. */
    CHECK_INT(export_is_overdue(&r, fx_ms(2026, 11, 25, 17, 0), &wd), 0);
    CHECK_INT(wd, 3);
    /* The weekend does not count. */
    CHECK_INT(export_is_overdue(&r, fx_ms(2026, 11, 23, 7, 0), &wd), 0);
    CHECK_INT(wd, 1);
    CHECK_INT(export_is_overdue(&r, fx_ms(2026, 11, 26, 8, 0), &wd), 1);
    CHECK_INT(wd, 4);
    r.status = APP_APPROVED;
    CHECK_INT(export_is_overdue(&r, fx_ms(2026, 11, 26, 8, 0), &wd), 0);
    r.status = APP_REJECTED;
    CHECK_INT(export_is_overdue(&r, fx_ms(2026, 11, 26, 8, 0), &wd), 0);
    r.status = APP_QUEUED;
    CHECK_INT(export_is_overdue(&r, fx_ms(2026, 11, 26, 8, 0), &wd), 1);
    /* Without a queued time the created time counts. */
    r.queued_at = 0;
    CHECK_INT(export_is_overdue(&r, fx_ms(2026, 11, 26, 8, 0), &wd), 1);
}

TEST(summary_counts_overdue_rejected)
{
    struct store_row rows[FX_ROWS];
    struct export_summary s;
    char *buf = NULL;
    size_t len = 0;
    fx_rows(rows);
    export_summary_init(&s, FX_NOW);
    for (int i = 0; i < FX_ROWS; i++) {
        CHECK_INT(export_summary_count(&s, &rows[i]), 0);
        CHECK_INT(export_summary_open(&s, &rows[i]), 0);
    }
    CHECK_INT(s.total, FX_ROWS);
    CHECK_INT(s.counts[APP_APPROVED], 2);
    CHECK_INT(s.counts[APP_REJECTED], 1);
    CHECK_INT(s.counts[APP_QUEUED], 1);
    CHECK_INT(s.n_overdue, 3); /* submitted, queued, processing */
    CHECK_INT(s.n_rejected, 1);
    CHECK_STR(s.rejected[0].reason, "Ảnh bản chụp không đủ tiêu chuẩn");
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    int rc = export_summary_write(&s, f, FX_DAY, FX_ACTOR);
    fclose(f);
    export_summary_wipe(&s);
    CHECK_INT(rc, 0);
    int ok =
        strstr(buf, "Ngày tiếp nhận: 20/11/2026\r\n") != NULL &&
        strstr(buf, "   Hồ sơ được phê duyệt: 2\r\n") != NULL &&
        strstr(buf, "   Tổng cộng: 6\r\n") != NULL &&
        strstr(buf, "quá 3 ngày làm việc chưa có kết quả (mọi ngày tiếp nhận): 3\r\n") != NULL &&
        strstr(buf, "Lý do: Ảnh bản chụp không đủ tiêu chuẩn\r\n") != NULL &&
        strstr(buf, "Tổ 5 khu phố") == NULL; /* addresses are not in the summary */
    free(buf);
    CHECK(ok);
}

TEST(summary_grows_past_initial_capacity)
{
    struct store_row r;
    struct export_summary s;
    memset(&r, 0, sizeof r);
    r.status = APP_REJECTED;
    r.created_at = r.queued_at = fx_ms(2026, 11, 20, 9, 0);
    snprintf(r.reason, sizeof r.reason, "lý do");
    export_summary_init(&s, FX_NOW);
    for (int i = 0; i < 1000; i++) {
        snprintf(r.id, sizeof r.id, "id-%d", i);
        CHECK_INT(export_summary_open(&s, &r), 0);
    }
    int ok = s.n_rejected == 1000 && strcmp(s.rejected[0].id, "id-0") == 0 &&
             strcmp(s.rejected[999].id, "id-999") == 0;
    r.status = (enum app_status)99;
    int bad = export_summary_open(&s, &r) == EXPORT_EINVAL ? export_summary_count(&s, &r) : 0;
    export_summary_wipe(&s);
    CHECK(ok);
    CHECK_INT(bad, EXPORT_EINVAL);
}

int main(void)
{
    RUN(csv_plain_cells_stay_bare);
    RUN(csv_comma_quote_newline_are_quoted);
    RUN(csv_formula_injection_guarded);
    RUN(json_strings_escaped);
    RUN(status_labels_distinct);
    RUN(day_validation);
    RUN(list_csv_layout);
    RUN(list_json_parses_back);
    RUN(list_json_empty_day);
    RUN(deadline_three_working_days);
    RUN(summary_counts_overdue_rejected);
    RUN(summary_grows_past_initial_capacity);
    return test_done();
}
