/* test_receipt.c: the printed receipt.
 *   - rendered for A4, A5 and the 80/58 mm rolls, its text read back with pdftotext: short
 *     number, expected result date (3 working days from delivery), the phone in groups, the
 *     SMS sender and text, the call centre, "Không thu phí", station and officer; with only an
 *     e-mail, no SMS promise; before delivery, the rule in words instead of a date;
 *   - printed through a real CUPS server this test starts on its own socket (cupsd with a
 *     cups-pdf virtual printer whose output goes to the test's directory), from memory: the
 *     PDF that comes out carries the same numbers, and no receipt was written by the
 *     kiosk, nor left in CUPS's spool. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/store/store.h"
#include "kiosk/store/store_recall.h"
#include "tests/rigs/harness/app_fixture.h"
#include "tests/rigs/printer/cups_rig.h"
#include "tests/test.h"

static char g_dir[64];
/* Wednesday 2026-12-02 09:06 in Hà Nội */
static const int64_t T0 = 1796177160000LL;

static void info(struct receipt_info *r, int with_phone, int64_t delivered)
{
    memset(r, 0, sizeof *r);
    snprintf(r->short_no, sizeof r->short_no, "%s", "HN0101-0212-017");
    snprintf(r->app_id, sizeof r->app_id, "%s", "01936f3e-8a2b-7c4d-9e5f-0a1b2c3d4e5f");
    snprintf(r->full_name, sizeof r->full_name, "%s", "Nguyễn Thị Hường");
    snprintf(r->personal_id, sizeof r->personal_id, "%s", "001190012345");
    if (with_phone)
        snprintf(r->phone, sizeof r->phone, "%s", "0987654321");
    snprintf(r->email, sizeof r->email, "%s", "huong@example.vn");
    snprintf(r->station_name, sizeof r->station_name, "%s", "Công an phường Phúc Xá");
    snprintf(r->officer_name, sizeof r->officer_name, "%s", "Trần Văn Bình");
    snprintf(r->call_centre, sizeof r->call_centre, "%s", "1900 0368");
    r->queued_at = T0;
    r->delivered_at = delivered;
}

/* The text of a PDF (pdftotext -raw), whitespace runs folded to one space; caller frees. */
static char *pdf_text(const unsigned char *pdf, size_t len)
{
    char in[128], out[128], cmd[400];
    snprintf(in, sizeof in, "%s/r.pdf", g_dir);
    snprintf(out, sizeof out, "%s/r.txt", g_dir);
    FILE *f = fopen(in, "wb");
    if (!f)
        return NULL;
    fwrite(pdf, 1, len, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "pdftotext -raw -enc UTF-8 %s %s", in, out);
    if (system(cmd) != 0)
        return NULL;
    f = fopen(out, "rb");
    if (!f)
        return NULL;
    char *t = calloc(1, 65536);
    size_t n = t ? fread(t, 1, 65535, f) : 0;
    fclose(f);
    unlink(in);
    unlink(out);
    if (!t)
        return NULL;
    t[n] = '\0';
    char *w = t;
    for (char *p = t; *p; p++) {
        int sp = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\t';
        if (sp && (w == t || w[-1] == ' '))
            continue;
        *w++ = sp ? ' ' : *p;
    }
    *w = '\0';
    return t;
}

TEST(every_paper_says_it_all)
{
    static const enum receipt_paper papers[] = {RECEIPT_A4, RECEIPT_A5, RECEIPT_ROLL80,
                                                RECEIPT_ROLL58};
    struct receipt_info r;
    info(&r, 1, T0 + 3600000);
    for (int i = 0; i < 4; i++) {
        unsigned char *pdf = NULL;
        size_t len = 0;
        CHECK_INT(receipt_render_pdf(&r, papers[i], LANG_VI, &pdf, &len), 0);
        CHECK(len > 1000 && memcmp(pdf, "%PDF", 4) == 0);
        char *t = pdf_text(pdf, len);
        free(pdf);
        CHECK(t != NULL);
        int ok = strstr(t, "HN0101-0212-017") && strstr(t, "07/12/2026") &&
                 strstr(t, "0987 654 321") && strstr(t, "“VNeID”") &&
                 strstr(t, "NGUYEN THI HUONG đã được phê duyệt") && strstr(t, "1900 0368") &&
                 strstr(t, "Không thu phí") && strstr(t, "Công an phường Phúc Xá") &&
                 strstr(t, "Trần Văn Bình") && strstr(t, "Nguyễn Thị Hường") &&
                 strstr(t, "GIẤY TIẾP NHẬN HỒ SƠ ĐĂNG KÝ TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ MỨC ĐỘ 2");
        if (!ok)
            fprintf(stderr, "paper %s: %s\n", receipt_paper_name(papers[i]), t);
        free(t);
        CHECK(ok);
    }
}

TEST(email_only_promises_no_sms_and_undelivered_gives_the_rule)
{
    struct receipt_info r;
    info(&r, 0, 0);
    unsigned char *pdf = NULL;
    size_t len = 0;
    CHECK_INT(receipt_render_pdf(&r, RECEIPT_A5, LANG_VI, &pdf, &len), 0);
    char *t = pdf_text(pdf, len);
    free(pdf);
    CHECK(t != NULL);
    int no_sms = strstr(t, "tin nhắn SMS tới số") == NULL && strstr(t, "Cục Cảnh sát") == NULL;
    int mail = strstr(t, "thư điện tử huong@example.vn") != NULL;
    int rule = strstr(t, "03 ngày làm việc kể từ ngày hồ sơ được gửi đi") != NULL &&
               strstr(t, "Ngày dự kiến") == NULL;
    if (!(no_sms && mail && rule))
        fprintf(stderr, "%s\n", t);
    free(t);
    CHECK(no_sms);
    CHECK(mail);
    CHECK(rule);
}

TEST(result_date_counts_working_days_from_delivery)
{
    char day[11];
    receipt_add_working_days(T0, 3, day); /* Wed → Mon */
    CHECK_STR(day, "2026-12-07");
    receipt_add_working_days(T0 + 2 * 86400000LL, 3, day); /* Fri → Wed */
    CHECK_STR(day, "2026-12-09");
    /* 30/04 and 01/05/2027 are holidays, 01/05 a Saturday made up on Monday 03/05 (the table
     * in timefmt.c): delivered Thu 29/04 → Thu 06/05 */
    receipt_add_working_days(1808964000000LL, 3, day);
    CHECK(time_is_holiday("2027-04-30") && time_is_holiday("2027-05-03"));
    CHECK_STR(day, "2027-05-06");
}

/* --- the real CUPS server (tests/rigs/printer/cups_rig.h) ---------------------------------------
 */

static struct cups_rig g_cups = {.pid = -1};

TEST(printed_through_cups_to_the_virtual_pdf_printer)
{
    /* the server under the test's directory, so that the leftovers check covers the kiosk's
     * data directory too */
    CHECK_INT(cups_rig_start(&g_cups, g_dir, "kioskpdf"), 0);
    /* an application as the store keeps it: queued, numbered, delivered */
    char keydir[160], data[128];
    snprintf(data, sizeof data, "%s/data", g_dir);
    snprintf(keydir, sizeof keydir, "%s/keys", data);
    CHECK_INT(mkdir(data, 0700), 0);
    struct seal_keys keys;
    struct store *st = NULL;
    CHECK_INT(seal_keys_load(keydir, NULL, &keys), 0);
    fixture_upstream_key(&keys, NULL);
    CHECK_INT(store_open(data, &keys, &st), 0);
    struct application a;
    fixture_app(&a, "001190012345", "Nguyễn Thị Hường", T0);
    snprintf(a.phone, sizeof a.phone, "%s", "0987654321");
    int rc = store_queue(st, &a, T0);
    char id[APP_ID_SIZE];
    snprintf(id, sizeof id, "%s", a.id);
    app_wipe(&a);
    if (rc == 0)
        rc = store_outbox_begin(st, id, T0 + 60000);
    if (rc == 0)
        rc = store_outbox_done(st, id, "{}", T0 + 60000);
    struct application l;
    if (rc == 0)
        rc = store_load(st, id, &l);
    store_close(st);
    seal_keys_wipe(&keys);
    CHECK_INT(rc, 0);
    struct receipt_info r;
    receipt_info_from_app(&l, T0 + 60000, "Công an phường Phúc Xá", "Trần Văn Bình", "1900 0368",
                          &r);
    app_wipe(&l);
    unsigned char *pdf = NULL;
    size_t len = 0;
    CHECK_INT(receipt_render_pdf(&r, RECEIPT_ROLL80, LANG_VI, &pdf, &len), 0);
    char err[256] = "";
    int job = 0;
    rc = receipt_print("kioskpdf", pdf, len, "receipt-test", &job, err, sizeof err);
    free(pdf);
    if (rc)
        fprintf(stderr, "print: %s\n", err);
    CHECK_INT(rc, 0);
    CHECK(job > 0);
    char *t = cups_rig_take_pdf_text(&g_cups, 60);
    CHECK(t != NULL);
    /* the virtual printer goes through PostScript (pdftops, then ghostscript), which keeps
     * the text of the Latin glyphs but not the Unicode of the Vietnamese ones: the numbers
     * are checked here, the Vietnamese words on the PDF sent (every_paper_says_it_all) */
    int ok = strstr(t, "HN0101-0212-001") && strstr(t, "07/12/2026") && strstr(t, "0987 654 321") &&
             strstr(t, "VNeID") && strstr(t, "1900 0368");
    if (!ok)
        fprintf(stderr, "printed: %s\n", t);
    free(t);
    CHECK(ok);
    /* the kiosk wrote no receipt, and CUPS kept no copy of the job (PreserveJobFiles No) */
    CHECK(!cups_rig_leftovers(&g_cups));
    /* a printer that does not exist: a clear refusal, no crash */
    pdf = NULL;
    CHECK_INT(receipt_render_pdf(&r, RECEIPT_A5, LANG_VI, &pdf, &len), 0);
    rc = receipt_print("no-such-printer", pdf, len, "receipt-test", &job, err, sizeof err);
    free(pdf);
    CHECK(rc != 0);
    CHECK(strstr(err, "no-such-printer") != NULL);
}

int main(void)
{
    /* cupsd's filters run as lp: they must pass through the directories above the rig's */
    if (test_fresh_dir(g_dir, sizeof g_dir) != 0 || chmod(test_suite_tmpdir(), 0711) != 0 ||
        seal_init() != 0)
        return 1;
    RUN(every_paper_says_it_all);
    RUN(email_only_promises_no_sms_and_undelivered_gives_the_rule);
    RUN(result_date_counts_working_days_from_delivery);
    RUN(printed_through_cups_to_the_virtual_pdf_printer);
    cups_rig_stop(&g_cups);
    /* cairo's and fontconfig's caches, so that the leak checker sees only ours */
    receipt_release();
    return test_done();
}
