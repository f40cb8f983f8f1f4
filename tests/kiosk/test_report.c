/* test_report.c: the supervisor's reports over real stores.
 *
 * Seven consecutive days and their week exported to one stick, every one verifying against
 * the kiosk's own key; a period re-exported replaces the old one; the workbook read back by
 * openpyxl (tests/kiosk/check_mau02_xlsx.py); "Mức 2" only on approved rows; ID and phone
 * protected in the CSV; a planted symlink or FIFO refused with nothing written outside; a
 * write cut short (file size limit, as a full stick) leaves nothing that verifies; an export
 * edited and re-signed with another key refused, and one signed by another kiosk's key of the
 * keyring refused too; three kiosks merged, and a merge refused when one export is altered,
 * one kiosk is missing or comes twice; the dashboard's numbers against the store's counts. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "tests/kiosk/test_export_fixture.h"
#include "tests/test.h"

#include "kiosk/export/report.h"
#include "kiosk/store/store.h"

#define STATION "CAX-HN-0101"
#define SUP     "sv01"
#define SUPNAME "Thiếu tá Vũ Minh Đức"
#define PREP    "cb01"
#define PREPNM  "Đại úy Hoàng Thị Lan"
/* Wednesday 2026-11-25 .. Tuesday 2026-12-01 is one reporting week. */
static const char *const week_days[7] = {"2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28",
                                         "2026-11-29", "2026-11-30", "2026-12-01"};

struct kiosk_fx {
    char dir[64];
    char kiosk[32];
    struct seal_keys keys;
    struct store *st;
};

static int kiosk_open(struct kiosk_fx *k, const char *kiosk)
{
    unsigned char upstream_sk[crypto_box_SECRETKEYBYTES];
    memset(k, 0, sizeof *k);
    if (fx_tmpdir(k->dir) == NULL)
        return -1;
    snprintf(k->kiosk, sizeof k->kiosk, "%s", kiosk);
    randombytes_buf(k->keys.store_key, sizeof k->keys.store_key);
    randombytes_buf(k->keys.index_key, sizeof k->keys.index_key);
    crypto_sign_keypair(k->keys.sign_pk, k->keys.sign_sk);
    crypto_box_keypair(k->keys.upstream_pk, upstream_sk);
    k->keys.have_upstream_pk = 1;
    if (store_open(k->dir, &k->keys, &k->st) != 0)
        return -1;
    if (store_officer_add(k->st, SUP, SUPNAME, ROLE_SUPERVISOR, "975310", "setup", 1000) != 0 ||
        store_officer_add(k->st, PREP, PREPNM, ROLE_OFFICER, "864209", "setup", 1000) != 0)
        return -1;
    return 0;
}

static void kiosk_close(struct kiosk_fx *k)
{
    store_close(k->st);
    test_rmtree(k->dir);
}

/* The field session's site the next applications queued record (NULL: at the station). */
static const char *g_site;

/* Queues one application created at local day/hour; moves it to status. */
static int queue_at(struct kiosk_fx *k, const char *day, int hour, int n, enum app_status status,
                    char id_out[APP_ID_SIZE])
{
    struct application app;
    int64_t t = time_day_start(day) + (int64_t)hour * 3600000 + n * 1000;
    app_init(&app);
    app_new_id(app.id, t);
    snprintf(app.station, sizeof app.station, STATION);
    snprintf(app.officer, sizeof app.officer, n % 2 ? PREP : "cb02");
    app.created_at = t;
    snprintf(app.identity.personal_id, sizeof app.identity.personal_id, "0010900%05d", n);
    snprintf(app.identity.full_name, sizeof app.identity.full_name, "Nguyễn Thị Ánh %d", n);
    snprintf(app.identity.dob, sizeof app.identity.dob, "1990-05-14");
    app.identity.sex = 'F';
    snprintf(app.identity.residence, sizeof app.identity.residence, "Dịch Vọng, Cầu Giấy, Hà Nội");
    app.identity.source = ID_SOURCE_CHIP_VERIFIED;
    app.identity.verdict = CHIP_GENUINE;
    snprintf(app.phone, sizeof app.phone, "0912%06d", n);
    app.consent_at = t;
    snprintf(app.consent_officer, sizeof app.consent_officer, "%s", app.officer);
    if (g_site) {
        snprintf(app.site.name, sizeof app.site.name, "%s", g_site);
        snprintf(app.site.kind, sizeof app.site.kind, "thon_ap");
    }
    int rc = store_queue(k->st, &app, t + 1000);
    if (rc == 0 && id_out)
        memcpy(id_out, app.id, APP_ID_SIZE);
    if (rc == 0 && status != APP_QUEUED) {
        rc = store_set_status(k->st, app.id, APP_SUBMITTED, NULL, NULL, "sync", t + 2000);
        if (rc == 0 && status == APP_APPROVED)
            rc = store_set_status(k->st, app.id, APP_APPROVED, NULL, NULL, "sync", t + 3000);
        if (rc == 0 && status == APP_REJECTED)
            rc = store_set_status(k->st, app.id, APP_REJECTED, "photo.quality",
                                  "Ảnh chân dung không đủ tiêu chuẩn", "sync", t + 3000);
    }
    app_wipe(&app);
    return rc;
}

static int fill_week(struct kiosk_fx *k, int base)
{
    for (int d = 0; d < 7; d++)
        for (int i = 0; i < 3; i++) {
            enum app_status s = i == 0 ? APP_APPROVED : i == 1 ? APP_REJECTED : APP_QUEUED;
            if (queue_at(k, week_days[d], 9 + i, base + d * 10 + i, s, NULL) != 0)
                return -1;
        }
    return 0;
}

static int export_period(struct kiosk_fx *k, const char *root, const struct report_period *p,
                         char *final, size_t flen, char *err, size_t elen)
{
    struct report_request rq;
    memset(&rq, 0, sizeof rq);
    rq.root = root;
    rq.period = *p;
    rq.supervisor_id = SUP;
    rq.preparer_id = PREP;
    rq.since = "2026-11-01";
    rq.station_code = STATION;
    rq.station_name = "Công an phường Dịch Vọng";
    rq.kiosk_id = k->kiosk;
    int rc = report_export(k->st, &rq, time_day_start("2026-12-02") + 9 * 3600000LL, final, flen,
                           err, elen);
    if (rc != 0)
        printf("# export %s..%s: %s\n", p->from, p->to, err);
    return rc;
}

static void own_ring(struct report_keyring *kr, const struct kiosk_fx *k)
{
    memset(kr, 0, sizeof *kr);
    report_keyring_add(kr, k->keys.sign_pk, STATION, k->kiosk);
}

static int count_entries(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            n++;
    closedir(d);
    return n;
}

static int file_has(const char *path, const char *needle)
{
    char buf[1 << 16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

TEST(periods)
{
    struct report_period p;
    char name[EXPORT_NAME_SIZE], label[80];
    CHECK_INT(report_period_week("2026-11-28", &p), 0); /* a Saturday */
    CHECK_STR(p.from, "2026-11-25");
    CHECK_STR(p.to, "2026-12-01");
    CHECK_INT(report_period_last_week("2026-12-02", &p), 0); /* due this Wednesday */
    CHECK_STR(p.from, "2026-11-25");
    CHECK_STR(p.to, "2026-12-01");
    report_period_name(&p, name);
    CHECK_STR(name, "tuan-2026-11-25_2026-12-01");
    struct report_period q;
    CHECK_INT(report_period_parse_name(name, &q), 0);
    CHECK_INT(q.kind, REPORT_WEEK);
    CHECK_INT(report_period_parse_name("tuan-2026-11-26_2026-12-02", &q), EXPORT_EINVAL);
    CHECK_INT(report_period_month("2024-02", &p), 0);
    CHECK_STR(p.to, "2024-02-29");
    report_period_label(&p, label);
    CHECK_STR(label, "Từ ngày 01/02/2024 đến ngày 29/02/2024");
    CHECK_INT(report_period_range("2026-12-02", "2026-12-01", &p), EXPORT_EINVAL);
    char d[11];
    CHECK_INT(report_day_add("2026-12-31", 1, d), 0);
    CHECK_STR(d, "2027-01-01");
}

TEST(seven_days_and_week_on_one_stick)
{
    struct kiosk_fx k;
    struct report_keyring kr;
    struct report_info info;
    struct report_period p;
    char root[64], final[4200], err[700], path[4600];
    CHECK(kiosk_open(&k, "kiosk-01") == 0);
    CHECK(fx_tmpdir(root) != NULL);
    CHECK_INT(fill_week(&k, 100), 0);
    own_ring(&kr, &k);
    for (int d = 0; d < 7; d++) {
        report_period_day(week_days[d], &p);
        CHECK_INT(export_period(&k, root, &p, final, sizeof final, err, sizeof err), 0);
    }
    report_period_week(week_days[0], &p);
    CHECK_INT(export_period(&k, root, &p, final, sizeof final, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/%s", root, STATION);
    CHECK_INT(count_entries(path, "2026-"), 7);
    CHECK_INT(count_entries(path, "tuan-"), 1);
    CHECK_INT(count_entries(path, "."), 2); /* only . and ..: no temporary left */
    for (int d = 0; d < 7; d++) {
        snprintf(path, sizeof path, "%s/%s/%s", root, STATION, week_days[d]);
        if (report_verify(path, &kr, &info, err, sizeof err) != 0)
            test_fail_(__FILE__, __LINE__, "%s: %s", path, err);
        CHECK_STR(info.period.from, week_days[d]);
        CHECK_STR(info.ident.kiosk, "kiosk-01");
        CHECK_STR(info.ident.station_code, STATION);
        CHECK_STR(info.ident.supervisor_name, SUPNAME);
        CHECK(strchr(info.ident.audit_head, ':') != NULL);
    }
    snprintf(path, sizeof path, "%s/%s/tuan-2026-11-25_2026-12-01", root, STATION);
    CHECK_INT(report_verify(path, &kr, &info, err, sizeof err), 0);
    CHECK_INT(info.period.kind, REPORT_WEEK);
    /* file names carry station, kiosk and period; the week holds 21 rows */
    snprintf(
        path, sizeof path,
        "%s/%s/tuan-2026-11-25_2026-12-01/danh-sach_%s_kiosk-01_tuan-2026-11-25_2026-12-01.csv",
        root, STATION, STATION);
    CHECK(file_has(path, "\"=\"\"001090000100\"\"\"")); /* ID kept as text */
    CHECK(file_has(path, "\"=\"\"0912000100\"\"\""));   /* phone too */
    snprintf(path, sizeof path,
             "%s/%s/tuan-2026-11-25_2026-12-01/tong-hop_%s_kiosk-01_tuan-2026-11-25_2026-12-01.txt",
             root, STATION, STATION);
    CHECK(file_has(path, "Tổng cộng: 21"));
    CHECK(file_has(path, "Hồ sơ được phê duyệt: 7"));
    CHECK(file_has(path, "Lũy kế từ ngày 01/11/2026"));
    CHECK(file_has(path, "Tại trụ sở: 21"));
    CHECK(file_has(path, "LÃNH ĐẠO ĐƠN VỊ: " SUPNAME));
    /* a day re-exported replaces the old one atomically and still verifies */
    CHECK_INT(queue_at(&k, week_days[6], 15, 999, APP_QUEUED, NULL), 0);
    report_period_day(week_days[6], &p);
    CHECK_INT(export_period(&k, root, &p, final, sizeof final, err, sizeof err), 0);
    CHECK_INT(report_verify(final, &kr, &info, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/tong-hop_%s_kiosk-01_2026-12-01.txt", final, STATION);
    CHECK(file_has(path, "Tổng cộng: 4"));
    snprintf(path, sizeof path, "%s/%s", root, STATION);
    CHECK_INT(count_entries(path, "."), 2);
    test_rmtree(root);
    kiosk_close(&k);
}

/* A mobile unit's reports carry each application's site, totals per site, and can be cut
 * for one site (or the station itself): its own signed directory beside the full one. */
TEST(cut_per_site)
{
    struct kiosk_fx k;
    struct report_keyring kr;
    struct report_info info;
    struct report_period p;
    char root[64], full[4200], cut[4200], err[700], path[4600];
    static const char *const dong = "Nhà văn hóa thôn Đông", *tay = "Trường THCS Tây Mỗ";
    CHECK(kiosk_open(&k, "kiosk-01") == 0);
    CHECK(fx_tmpdir(root) != NULL);
    own_ring(&kr, &k);
    g_site = dong;
    CHECK_INT(queue_at(&k, "2026-12-01", 9, 1, APP_APPROVED, NULL), 0);
    CHECK_INT(queue_at(&k, "2026-12-01", 9, 2, APP_QUEUED, NULL), 0);
    g_site = tay;
    CHECK_INT(queue_at(&k, "2026-12-01", 10, 3, APP_QUEUED, NULL), 0);
    g_site = NULL;
    for (int i = 4; i <= 6; i++)
        CHECK_INT(queue_at(&k, "2026-12-01", 11, i, APP_REJECTED, NULL), 0);
    report_period_day("2026-12-01", &p);

    /* the whole day: the site on each row, totals per site */
    CHECK_INT(export_period(&k, root, &p, full, sizeof full, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/danh-sach_%s_kiosk-01_2026-12-01.csv", full, STATION);
    CHECK(file_has(path, dong));
    CHECK(file_has(path, tay));
    CHECK(file_has(path, "Tại trụ sở"));
    snprintf(path, sizeof path, "%s/tong-hop_%s_kiosk-01_2026-12-01.txt", full, STATION);
    CHECK(file_has(path, "Nhà văn hóa thôn Đông: 2"));
    CHECK(file_has(path, "Trường THCS Tây Mỗ: 1"));
    CHECK(file_has(path, "Tại trụ sở: 3"));
    CHECK(file_has(path, "Tổng cộng: 6"));

    /* cut for one site: only its rows, said in the summary, signed, beside the whole day */
    struct report_request rq;
    memset(&rq, 0, sizeof rq);
    rq.root = root;
    rq.period = p;
    rq.supervisor_id = SUP;
    rq.station_code = STATION;
    rq.station_name = "Công an xã Đông Anh";
    rq.kiosk_id = k.kiosk;
    rq.site = dong;
    CHECK_INT(report_export(k.st, &rq, time_day_start("2026-12-02") + 9 * 3600000LL, cut,
                            sizeof cut, err, sizeof err),
              0);
    CHECK(strcmp(cut, full) != 0);
    CHECK(strstr(cut, "/2026-12-01_dd-") != NULL);
    CHECK_INT(report_verify(cut, &kr, &info, err, sizeof err), 0);
    CHECK_INT(report_verify(full, &kr, &info, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/danh-sach_%s_kiosk-01_2026-12-01.csv", cut, STATION);
    CHECK(file_has(path, dong));
    CHECK(!file_has(path, tay));
    CHECK(!file_has(path, "Tại trụ sở"));
    snprintf(path, sizeof path, "%s/tong-hop_%s_kiosk-01_2026-12-01.txt", cut, STATION);
    CHECK(file_has(path, "Chỉ gồm hồ sơ tiếp nhận tại: Nhà văn hóa thôn Đông"));
    CHECK(file_has(path, "Tổng cộng: 2"));
    /* the station itself */
    rq.site = REPORT_SITE_STATION;
    CHECK_INT(report_export(k.st, &rq, time_day_start("2026-12-02") + 9 * 3600000LL, cut,
                            sizeof cut, err, sizeof err),
              0);
    snprintf(path, sizeof path, "%s/tong-hop_%s_kiosk-01_2026-12-01.txt", cut, STATION);
    CHECK(file_has(path, "Chỉ gồm hồ sơ tiếp nhận tại: Tại trụ sở"));
    CHECK(file_has(path, "Tổng cộng: 3"));
    CHECK(file_has(path, "Hồ sơ không đạt, cần mời công dân tạo lại hồ sơ: 3"));
    rq.site = "";
    CHECK_INT(report_export(k.st, &rq, time_day_start("2026-12-02") + 9 * 3600000LL, cut,
                            sizeof cut, err, sizeof err),
              EXPORT_EINVAL);
    test_rmtree(root);
    kiosk_close(&k);
}

TEST(level_two_only_when_approved)
{
    struct kiosk_fx k;
    struct report_period p;
    char root[64], final[4200], err[700], path[4600], line[4096];
    CHECK(kiosk_open(&k, "kiosk-01") == 0);
    CHECK(fx_tmpdir(root) != NULL);
    CHECK_INT(fill_week(&k, 200), 0);
    report_period_day(week_days[0], &p);
    CHECK_INT(export_period(&k, root, &p, final, sizeof final, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/danh-sach_%s_kiosk-01_2026-11-25.csv", final, STATION);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    int rows = 0, level2 = 0;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "Mã hồ sơ"))
            continue;
        rows++;
        if (strstr(line, ",Mức 2,")) {
            level2++;
            if (!strstr(line, "Hồ sơ được phê duyệt"))
                test_fail_(__FILE__, __LINE__, "Mức 2 on a row not approved");
        }
    }
    fclose(f);
    CHECK_INT(rows, 3);
    CHECK_INT(level2, 1);
    test_rmtree(root);
    kiosk_close(&k);
}

TEST(xlsx_read_back_by_openpyxl)
{
    struct kiosk_fx k;
    struct report_period p;
    char root[64], final[4200], err[700], cmd[5000];
    CHECK(kiosk_open(&k, "kiosk-01") == 0);
    CHECK(fx_tmpdir(root) != NULL);
    CHECK_INT(fill_week(&k, 300), 0);
    report_period_week(week_days[3], &p);
    CHECK_INT(export_period(&k, root, &p, final, sizeof final, err, sizeof err), 0);
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 tests/kiosk/check_mau02_xlsx.py "
             "'%s/mau-so-02_%s_kiosk-01_tuan-2026-11-25_2026-12-01.xlsx' 21 001090000310 "
             "0912000310 '%s' '%s'",
             final, STATION, SUPNAME, PREPNM);
    int rc = system(cmd);
    CHECK(WIFEXITED(rc));
    CHECK_INT(WEXITSTATUS(rc), 0);
    test_rmtree(root);
    kiosk_close(&k);
}

TEST(planted_symlink_and_fifo_refused)
{
    struct kiosk_fx k;
    struct report_period p;
    char root[64], outside[64], final[4200], err[700], path[4600], target[4600];
    CHECK(kiosk_open(&k, "kiosk-01") == 0);
    CHECK(fx_tmpdir(root) != NULL);
    CHECK(fx_tmpdir(outside) != NULL);
    CHECK_INT(fill_week(&k, 400), 0);
    report_period_day(week_days[0], &p);
    /* the station folder is a symlink to somewhere else */
    snprintf(path, sizeof path, "%s/%s", root, STATION);
    CHECK_INT(symlink(outside, path), 0);
    CHECK(export_period(&k, root, &p, final, sizeof final, err, sizeof err) != 0);
    CHECK(strstr(err, "không phải là thư mục báo cáo") != NULL);
    CHECK_INT(count_entries(outside, ""), 2); /* . and .. only: nothing written outside */
    unlink(path);
    /* the period's folder is a symlink to the outside, then a FIFO */
    CHECK_INT(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/%s/%s", root, STATION, week_days[0]);
    CHECK_INT(symlink(outside, path), 0);
    CHECK(export_period(&k, root, &p, final, sizeof final, err, sizeof err) != 0);
    CHECK(strstr(err, week_days[0]) != NULL);
    CHECK_INT(count_entries(outside, ""), 2);
    unlink(path);
    CHECK_INT(mkfifo(path, 0600), 0);
    CHECK(export_period(&k, root, &p, final, sizeof final, err, sizeof err) != 0);
    CHECK(strstr(err, "không phải là thư mục báo cáo") != NULL);
    struct stat sb;
    CHECK(lstat(path, &sb) == 0 && S_ISFIFO(sb.st_mode));
    unlink(path);
    /* verify refuses a FIFO or a symlink in place of a listed file, without blocking */
    CHECK_INT(export_period(&k, root, &p, final, sizeof final, err, sizeof err), 0);
    struct report_keyring kr;
    own_ring(&kr, &k);
    snprintf(path, sizeof path, "%s/danh-sach_%s_kiosk-01_2026-11-25.csv", final, STATION);
    snprintf(target, sizeof target, "%s/x.csv", outside);
    CHECK_INT(rename(path, target), 0);
    CHECK_INT(mkfifo(path, 0600), 0);
    CHECK(report_verify(final, &kr, NULL, err, sizeof err) != 0);
    unlink(path);
    CHECK_INT(symlink(target, path), 0);
    CHECK_INT(report_verify(final, &kr, NULL, err, sizeof err), EXPORT_ETAMPERED);
    test_rmtree(root);
    test_rmtree(outside);
    kiosk_close(&k);
}

TEST(write_cut_short_leaves_nothing_that_verifies)
{
    struct report_writer *w = NULL;
    struct report_ident id;
    struct report_period p;
    struct report_row r;
    struct seal_keys keys;
    struct rlimit old, small = {.rlim_cur = 4096};
    char root[64], final[4200], err[700], path[4600];
    CHECK(fx_tmpdir(root) != NULL);
    memset(&keys, 0, sizeof keys);
    crypto_sign_keypair(keys.sign_pk, keys.sign_sk);
    memset(&id, 0, sizeof id);
    snprintf(id.station_code, sizeof id.station_code, STATION);
    snprintf(id.station_name, sizeof id.station_name, "Công an phường Dịch Vọng");
    snprintf(id.kiosk, sizeof id.kiosk, "kiosk-01");
    snprintf(id.supervisor_id, sizeof id.supervisor_id, SUP);
    snprintf(id.supervisor_name, sizeof id.supervisor_name, SUPNAME);
    report_period_day(week_days[0], &p);
    /* no file may grow past 4 KiB: the stick is "full" part way through the list */
    signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old);
    small.rlim_max = old.rlim_max;
    CHECK_INT(
        report_writer_open(&w, root, &id, &p, 0, time_day_start("2026-11-26"), err, sizeof err), 0);
    setrlimit(RLIMIT_FSIZE, &small);
    int rc = 0;
    for (int i = 0; i < 200 && rc == 0; i++) {
        memset(&r, 0, sizeof r);
        snprintf(r.id, sizeof r.id, "019aa1b2-0000-7000-8000-%012d", i);
        r.created_at = time_day_start(week_days[0]) + i * 1000;
        r.status = APP_QUEUED;
        snprintf(r.officer, sizeof r.officer, PREP);
        snprintf(r.kiosk, sizeof r.kiosk, "kiosk-01");
        snprintf(r.name, sizeof r.name, "Trần Văn Bình %d", i);
        snprintf(r.pid, sizeof r.pid, "001090%06d", i % 1000);
        rc = report_writer_row(w, &r);
    }
    /* finish reports the failed write as the supervisor reads it */
    rc = report_writer_finish(w, &keys, final, sizeof final, err, sizeof err);
    setrlimit(RLIMIT_FSIZE, &old);
    report_writer_free(w);
    CHECK(rc != 0);
    CHECK(strstr(err, "USB") != NULL);
    snprintf(path, sizeof path, "%s/%s", root, STATION);
    CHECK_INT(count_entries(path, "."), 2); /* no final folder, no temporary left */
    test_rmtree(root);
}

/* Rewrites a report's CSV, recomputes the manifest and signs it with other keys. */
static int forge(const char *dir, const struct seal_keys *other)
{
    char path[4600], *m = NULL, hex[65], sighex[200], line[512];
    size_t mlen = 0;
    long long size;
    snprintf(path, sizeof path, "%s/manifest.txt", dir);
    FILE *in = fopen(path, "r");
    FILE *out = open_memstream(&m, &mlen);
    if (!in || !out)
        return -1;
    while (fgets(line, sizeof line, in)) {
        char name[256];
        if (sscanf(line, "file %*s %*s %255s", name) == 1 && strstr(name, ".csv")) {
            char fp[4800];
            snprintf(fp, sizeof fp, "%s/%s", dir, name);
            FILE *c = fopen(fp, "a");
            fputs("99,Kẻ Giả Mạo,,,,,Mức 2\r\n", c);
            fclose(c);
            export_file_sha256(fp, hex, &size);
            fprintf(out, "file %s %lld %s\n", hex, size, name);
        } else if (strncmp(line, "fingerprint ", 12) == 0) {
            char fpr[72];
            report_fingerprint(other->sign_pk, fpr);
            fprintf(out, "fingerprint %s\n", fpr);
        } else {
            fputs(line, out);
        }
    }
    fclose(in);
    fclose(out);
    unsigned char sig[SEAL_SIG_BYTES];
    seal_sign(other, m, mlen, sig);
    seal_to_hex(sig, sizeof sig, sighex);
    FILE *f = fopen(path, "w");
    fwrite(m, 1, mlen, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/manifest.sig", dir);
    f = fopen(path, "w");
    fprintf(f, "%s\n", sighex);
    fclose(f);
    snprintf(path, sizeof path, "%s/sign.pub", dir);
    seal_to_hex(other->sign_pk, SEAL_SIGN_PK_BYTES, sighex);
    f = fopen(path, "w");
    fprintf(f, "%s\n", sighex);
    fclose(f);
    free(m);
    return 0;
}

TEST(edited_and_resigned_with_another_key_refused)
{
    struct kiosk_fx k, other;
    struct report_period p;
    struct report_keyring kr;
    char root[64], final[4200], err[700];
    CHECK(kiosk_open(&k, "kiosk-01") == 0);
    CHECK(kiosk_open(&other, "kiosk-02") == 0);
    CHECK(fx_tmpdir(root) != NULL);
    CHECK_INT(fill_week(&k, 600), 0);
    report_period_day(week_days[1], &p);
    CHECK_INT(export_period(&k, root, &p, final, sizeof final, err, sizeof err), 0);
    own_ring(&kr, &k);
    CHECK_INT(report_verify(final, &kr, NULL, err, sizeof err), 0);
    CHECK_INT(forge(final, &other.keys), 0);
    /* the forger's sign.pub sits inside the export: it is never used */
    CHECK_INT(report_verify(final, &kr, NULL, err, sizeof err), EXPORT_EBADSIG);
    CHECK(strstr(err, "không khớp với khóa nào") != NULL);
    /* a station keyring holding kiosk-02's key: its key cannot sign as kiosk-01 */
    report_keyring_add(&kr, other.keys.sign_pk, STATION, "kiosk-02");
    CHECK_INT(report_verify(final, &kr, NULL, err, sizeof err), EXPORT_EBADSIG);
    CHECK(strstr(err, "kiosk-02") != NULL);
    test_rmtree(root);
    kiosk_close(&k);
    kiosk_close(&other);
}

TEST(merge_three_kiosks)
{
    struct kiosk_fx k[3];
    struct report_period p;
    struct report_keyring kr;
    struct report_info info;
    struct report_ident by;
    char roots[3][64], out[64], dirs[3][4200], final[4200], err[900], path[4600];
    const char *srcs[4];
    memset(&kr, 0, sizeof kr);
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "kiosk-0%d", i + 1);
        CHECK(kiosk_open(&k[i], name) == 0);
        CHECK(fx_tmpdir(roots[i]) != NULL);
        for (int j = 0; j < 4 + i; j++)
            CHECK_INT(queue_at(&k[i], week_days[2], 8 + j, 1000 * (i + 1) + j,
                               j % 2 ? APP_APPROVED : APP_QUEUED, NULL),
                      0);
        report_period_day(week_days[2], &p);
        CHECK_INT(export_period(&k[i], roots[i], &p, dirs[i], sizeof dirs[i], err, sizeof err), 0);
        report_keyring_add(&kr, k[i].keys.sign_pk, STATION, name);
        srcs[i] = dirs[i];
    }
    CHECK(fx_tmpdir(out) != NULL);
    memset(&by, 0, sizeof by);
    snprintf(by.station_name, sizeof by.station_name, "Công an phường Dịch Vọng");
    snprintf(by.supervisor_id, sizeof by.supervisor_id, SUP);
    snprintf(by.supervisor_name, sizeof by.supervisor_name, SUPNAME);
    snprintf(by.signer, sizeof by.signer, "kiosk-01");
    snprintf(by.audit_head, sizeof by.audit_head, "1:abc");
    int64_t now = time_day_start("2026-12-02");
    CHECK_INT(
        report_merge(srcs, 3, &kr, out, &by, &k[0].keys, now, final, sizeof final, err, sizeof err),
        0);
    CHECK_INT(report_verify(final, &kr, &info, err, sizeof err), 0);
    CHECK_INT(info.merged, 1);
    CHECK_STR(info.ident.kiosk, "kiosk-01,kiosk-02,kiosk-03");
    snprintf(path, sizeof path, "%s/tong-hop_%s_toan-tram_2026-11-27.txt", final, STATION);
    CHECK(file_has(path, "Tổng cộng: 15"));
    CHECK(file_has(path, "kiosk-03: 6"));
    /* one kiosk missing */
    CHECK_INT(
        report_merge(srcs, 2, &kr, out, &by, &k[0].keys, now, final, sizeof final, err, sizeof err),
        EXPORT_EMISSING);
    CHECK(strstr(err, "kiosk-03") != NULL);
    /* one kiosk twice */
    srcs[3] = dirs[1];
    CHECK_INT(
        report_merge(srcs, 4, &kr, out, &by, &k[0].keys, now, final, sizeof final, err, sizeof err),
        EXPORT_EEXISTS);
    /* one export altered */
    snprintf(path, sizeof path, "%s/danh-sach_%s_kiosk-02_2026-11-27.json", dirs[1], STATION);
    FILE *f = fopen(path, "r+");
    CHECK(f != NULL);
    fseek(f, 10, SEEK_SET);
    fputc('X', f);
    fclose(f);
    CHECK_INT(
        report_merge(srcs, 3, &kr, out, &by, &k[0].keys, now, final, sizeof final, err, sizeof err),
        EXPORT_ETAMPERED);
    CHECK(strstr(err, "kiosk-02") != NULL);
    for (int i = 0; i < 3; i++) {
        test_rmtree(roots[i]);
        kiosk_close(&k[i]);
    }
    test_rmtree(out);
}

TEST(dashboard_matches_store)
{
    struct kiosk_fx k;
    struct report_dash d;
    long counts[APP_STATUS_COUNT];
    CHECK(kiosk_open(&k, "kiosk-01") == 0);
    CHECK_INT(fill_week(&k, 700), 0);
    int64_t now = time_day_start("2026-12-01") + 15 * 3600000LL;
    CHECK_INT(report_dash_load(k.st, now, &d), 0);
    CHECK_INT(store_count_by_status(k.st, "2026-12-01", counts), 0);
    for (int s = 0; s < APP_STATUS_COUNT; s++)
        CHECK_INT(d.today_counts[s], counts[s]);
    CHECK_INT(d.today_total, 3);
    CHECK_INT(d.week_total, 21);
    CHECK_INT(store_count_by_status(k.st, NULL, counts), 0);
    CHECK_INT(d.waiting, counts[APP_QUEUED] + counts[APP_UPLOADING]);
    CHECK_INT(d.waiting, 7);
    CHECK_INT(d.rejected_open, 7);
    CHECK(d.oldest_waiting == time_day_start("2026-11-25") + 11 * 3600000LL + 702 * 1000);
    /* queued on Wed 25/11, no result on Tue 01/12: 4 working days; the one of 26/11 has 3 */
    CHECK_INT(d.overdue, 1);
    long sum = 0;
    for (int i = 0; i < d.n_officers; i++)
        sum += d.officers[i].week;
    CHECK_INT(sum, 21);
    kiosk_close(&k);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    RUN(periods);
    RUN(seven_days_and_week_on_one_stick);
    RUN(level_two_only_when_approved);
    RUN(cut_per_site);
    RUN(xlsx_read_back_by_openpyxl);
    RUN(planted_symlink_and_fifo_refused);
    RUN(write_cut_short_leaves_nothing_that_verifies);
    RUN(edited_and_resigned_with_another_key_refused);
    RUN(merge_three_kiosks);
    RUN(dashboard_matches_store);
    return test_done();
}
