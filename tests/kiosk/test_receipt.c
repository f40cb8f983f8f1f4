/* test_receipt.c: the printed receipt.
 *   - rendered for A4, A5 and the 80/58 mm rolls, its text read back with pdftotext: short
 *     number, expected result date (3 working days from delivery), the phone in groups, the
 *     SMS sender and text, the call centre, "Không thu phí", station and officer; with only an
 *     e-mail, no SMS promise; before delivery, the rule in words instead of a date;
 *   - printed through a real CUPS server this test starts on its own socket (cupsd with a
 *     cups-pdf virtual printer whose output goes to the test's directory), from memory: the
 *     PDF that comes out carries the same numbers, and no receipt was written by the
 *     kiosk, nor left in CUPS's spool. */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/store/store.h"
#include "kiosk/store/store_recall.h"
#include "tests/rigs/app_fixture.h"
#include "tests/test.h"

extern char **environ;

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

static char *file_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)n);
    size_t got = b ? fread(b, 1, (size_t)n, f) : 0;
    fclose(f);
    char *t = b ? pdf_text(b, got) : NULL;
    free(b);
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

/* --- the real CUPS server -------------------------------------------------------------- */

static pid_t g_cupsd = -1;
static char g_inst[32], g_inst_conf[96];

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static int start_cupsd(void)
{
    char p[256], conf[2048];
    static const char *const sub[] = {"etc",   "etc/ppd", "spool", "tmp",    "cache",
                                      "state", "log",     "out",   "cpspool"};
    chmod(g_dir, 0755); /* the filters run as lp */
    for (size_t i = 0; i < sizeof sub / sizeof sub[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", g_dir, sub[i]);
        if (mkdir(p, 0755) != 0)
            return -1;
    }
    static const char *const open_dirs[] = {"tmp", "out", "cpspool"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", g_dir, open_dirs[i]);
        chmod(p, 01777);
    }
    snprintf(conf, sizeof conf,
             "ServerRoot %1$s/etc\nRequestRoot %1$s/spool\nTempDir %1$s/tmp\nCacheDir "
             "%1$s/cache\nStateDir %1$s/state\nErrorLog %1$s/log/error_log\nAccessLog "
             "%1$s/log/access_log\nPageLog %1$s/log/page_log\nPrintcap %1$s/printcap\n"
             "FileDevice No\nSystemGroup root\n",
             g_dir);
    snprintf(p, sizeof p, "%s/etc/cups-files.conf", g_dir);
    if (write_file(p, conf) != 0)
        return -1;
    snprintf(conf, sizeof conf,
             "Listen %s/cups.sock\nLogLevel info\nWebInterface No\nBrowsing No\n"
             "DefaultAuthType None\nPreserveJobFiles No\nPreserveJobHistory No\n"
             "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
             "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
             g_dir);
    snprintf(p, sizeof p, "%s/etc/cupsd.conf", g_dir);
    if (write_file(p, conf) != 0)
        return -1;
    /* cups-pdf reads its instance's settings from /etc/cups/cups-pdf-<instance>.conf */
    snprintf(g_inst, sizeof g_inst, "kiosktest%d", (int)getpid());
    snprintf(g_inst_conf, sizeof g_inst_conf, "/etc/cups/cups-pdf-%s.conf", g_inst);
    snprintf(conf, sizeof conf,
             "Out %1$s/out\nAnonDirName %1$s/out\nSpool %1$s/cpspool\nLog %1$s/log\n"
             "UserUMask 0077\nAnonUMask 0077\nLabel 0\n",
             g_dir);
    if (write_file(g_inst_conf, conf) != 0) {
        fprintf(stderr, "cannot write %s: %s\n", g_inst_conf, strerror(errno));
        return -1;
    }
    char cfg_c[160], cfg_s[160];
    snprintf(cfg_c, sizeof cfg_c, "%s/etc/cupsd.conf", g_dir);
    snprintf(cfg_s, sizeof cfg_s, "%s/etc/cups-files.conf", g_dir);
    char *argv[] = {"cupsd", "-f", "-c", cfg_c, "-s", cfg_s, NULL};
    if (posix_spawnp(&g_cupsd, "cupsd", NULL, NULL, argv, environ) != 0) {
        g_cupsd = -1;
        fprintf(stderr, "cannot start cupsd (Debian package cups-daemon)\n");
        return -1;
    }
    snprintf(p, sizeof p, "%s/cups.sock", g_dir);
    struct stat sb;
    for (int i = 0; i < 100 && stat(p, &sb) != 0; i++)
        usleep(50000);
    if (stat(p, &sb) != 0)
        return -1;
    setenv("CUPS_SERVER", p, 1);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "lpadmin -h %s -p kioskpdf -E -v cups-pdf:/%s -P "
             "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd -o pdftops-renderer-default=pdftops "
             "2>/dev/null",
             p, g_inst);
    return system(cmd) == 0 ? 0 : -1;
}

static void stop_cupsd(void)
{
    if (g_cupsd > 0) {
        kill(g_cupsd, SIGTERM);
        waitpid(g_cupsd, NULL, 0);
        g_cupsd = -1;
    }
    if (g_inst_conf[0])
        unlink(g_inst_conf);
}

/* The first PDF cups-pdf wrote to out/ within timeout_s, into path. */
static int wait_pdf(char *path, size_t n, int timeout_s)
{
    char out[128];
    snprintf(out, sizeof out, "%s/out", g_dir);
    for (int i = 0; i < timeout_s * 10; i++) {
        DIR *d = opendir(out);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            size_t l = strlen(e->d_name);
            if (l > 4 && strcmp(e->d_name + l - 4, ".pdf") == 0) {
                snprintf(path, n, "%s/%.100s", out, e->d_name);
                closedir(d);
                /* ghostscript writes it as it goes: done when it stops growing */
                off_t last = -1;
                struct stat sb;
                for (int k = 0; k < timeout_s * 4; k++) {
                    usleep(250000);
                    if (stat(path, &sb) == 0 && sb.st_size > 0 && sb.st_size == last)
                        return 0;
                    last = stat(path, &sb) == 0 ? sb.st_size : -1;
                }
                return -1;
            }
        }
        if (d)
            closedir(d);
        usleep(100000);
    }
    return -1;
}

/* Files left behind: PDFs anywhere but the virtual printer's out/, and job documents
 * (d<job>-<doc>) in CUPS's spool. */
static int leftovers(void)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd,
             "test -z \"$(find %1$s -path %1$s/out -prune -o \\( -name '*.pdf' -o -name "
             "'d[0-9]*' \\) -print)\"",
             g_dir);
    return system(cmd) != 0;
}

TEST(printed_through_cups_to_the_virtual_pdf_printer)
{
    CHECK_INT(start_cupsd(), 0);
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
    char path[300];
    CHECK_INT(wait_pdf(path, sizeof path, 60), 0);
    char *t = file_text(path);
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
    CHECK(!leftovers());
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
    snprintf(g_dir, sizeof g_dir, "%s", "/tmp/kiosk-receipt-XXXXXX");
    if (!mkdtemp(g_dir) || seal_init() != 0)
        return 1;
    RUN(every_paper_says_it_all);
    RUN(email_only_promises_no_sms_and_undelivered_gives_the_rule);
    RUN(result_date_counts_working_days_from_delivery);
    RUN(printed_through_cups_to_the_virtual_pdf_printer);
    stop_cupsd();
    /* cairo's and fontconfig's caches, so that the leak checker sees only ours */
    receipt_release();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", g_dir);
    if (system(cmd) != 0)
        return 1;
    return test_done();
}
