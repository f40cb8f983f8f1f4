/* bench_report_week.c: the supervisor's two heavy reports, measured as the issue states them.
 *
 * 1. The weekly Mẫu số 02 of 10,000 applications among 100,000 (BENCH_REPORT_TOTAL): a store
 *    holding ten reporting weeks (Wednesday..Tuesday) of applications, the last week exported
 *    by report_export (rows decrypted from the store, .xlsx through libxlsxwriter, CSV, JSON,
 *    summary, signed manifest, fsyncs, audit row). Target <= 2 s.
 * 2. A merge of ten kiosks' exports of one day (1,000 applications each): report_merge
 *    verifies each against the station keyring, reads every row, writes the station report.
 *    Target <= 1 s.
 * Each is run three times; the slowest run is reported. The floor printed beside the weekly
 * figure is the same 10,000 rows listed from the store with nothing written (store_list),
 * and the ratio to it, so that what the files cost is visible.
 *
 * Filling the store goes through store_queue() like the kiosk, with synchronous=OFF for the
 * fill only; it is set back to FULL before measuring. */
#include "bench/bench_store_common.h"
#include "kiosk/export/report.h"
#include "kiosk/store/store_internal.h"

#define WEEKS     10
#define RUNS      3
#define KIOSKS    10
#define PER_KIOSK 1000
#define STATION   "HN-PH01"

static int count_row(const struct store_row *row, void *arg)
{
    long *n = arg;
    (*n) += row->identity.full_name[0] != '\0';
    return 0;
}

static int fill_store(struct store *st, long total, int64_t first)
{
    const int64_t day_ms = 86400000LL;
    long per_day = total / (WEEKS * 7);
    for (long i = 0; i < total; i++) {
        struct application app;
        long d = i / per_day < WEEKS * 7 ? i / per_day : WEEKS * 7 - 1;
        int64_t created = first + d * day_ms + 7 * 3600000LL + (i % per_day) * 60000LL;
        bench_app(&app, i, created);
        int r = store_queue(st, &app, created + 500);
        if (r == 0 && i % 10 != 0) {
            r = store_set_status(st, app.id, APP_SUBMITTED, NULL, NULL, "sync", created + 900000);
            if (r == 0)
                r = i % 50 == 1 ? store_set_status(st, app.id, APP_REJECTED, "photo.quality",
                                                   "Ảnh chân dung không đủ tiêu chuẩn", "sync",
                                                   created + 2000000)
                                : store_set_status(st, app.id, APP_APPROVED, NULL, NULL, "sync",
                                                   created + 2000000);
        }
        app_wipe(&app);
        if (r != 0) {
            fprintf(stderr, "bench_report_week: fill: %s\n", store_strerror(r));
            return -1;
        }
    }
    return 0;
}

static int weekly(double *worst, double *floor_ms)
{
    struct seal_keys keys;
    struct store *st = NULL;
    char dir[512], root[600], final[4200], err[900];
    const char *env = getenv("BENCH_REPORT_TOTAL");
    long total = env ? atol(env) : 100000;
    int rc = -1;
    /* Wednesday 2026-09-23: ten reporting weeks end on Tuesday 2026-12-01. */
    int64_t first = time_day_start("2026-09-23");
    struct report_period p;

    if (total < WEEKS * 7 || bench_dir(dir, "report") != 0)
        return -1;
    bench_keys(&keys);
    if (store_open(dir, &keys, &st) != 0 || store_exec(st, "PRAGMA synchronous=OFF") != 0 ||
        store_officer_add(st, "ld01", "Thiếu tá Vũ Minh Đức", ROLE_SUPERVISOR, "975310", "setup",
                          1000) != 0) {
        fprintf(stderr, "bench_report_week: cannot open a store in %s\n", dir);
        goto out;
    }
    double f0 = bench_now_ms();
    if (fill_store(st, total, first) != 0 || store_exec(st, "PRAGMA synchronous=FULL") != 0)
        goto out;
    report_period_week("2026-12-01", &p);
    printf("# %ld applications stored over %d weeks in %.1f s; the week %s..%s exported\n", total,
           WEEKS, (bench_now_ms() - f0) / 1000, p.from, p.to);
    for (int r = 0; r < RUNS; r++) {
        struct report_request rq = {.period = p,
                                    .supervisor_id = "ld01",
                                    .since = "2026-09-23",
                                    .station_code = STATION,
                                    .station_name = "Công an phường Phố Huế",
                                    .kiosk_id = "kiosk-01"};
        long rows = 0;
        for (int d = 0; d < 7; d++) {
            char day[11];
            struct store_query q = {.day = day, .status = -1};
            report_day_add(p.from, d, day);
            double a = bench_now_ms();
            if (store_list(st, &q, count_row, &rows) != 0)
                goto out;
            *floor_ms += (bench_now_ms() - a) / RUNS;
        }
        snprintf(root, sizeof root, "%s/stick-%d", dir, r);
        mkdir(root, 0700);
        rq.root = root;
        double a = bench_now_ms(), c = bench_cpu_ms();
        int er = report_export(st, &rq, time_day_start("2026-12-02") + 9 * 3600000LL, final,
                               sizeof final, err, sizeof err);
        double t = bench_now_ms() - a;
        printf("# run %d: weekly report of %ld rows %.1f ms wall, %.1f ms cpu\n", r + 1, rows, t,
               bench_cpu_ms() - c);
        if (er != 0) {
            fprintf(stderr, "bench_report_week: report_export: %s\n", err);
            goto out;
        }
        if (t > *worst)
            *worst = t;
    }
    rc = 0;
out:
    store_close(st);
    seal_keys_wipe(&keys);
    bench_rmtree(dir);
    return rc;
}

/* One kiosk's export of a day, written row by row (what report_export writes, without a
 * store: the merge only reads files). */
static int kiosk_day(const char *root, const char *kiosk, int k, const struct seal_keys *keys,
                     const struct report_period *p, char *final, size_t flen)
{
    struct report_writer *w = NULL;
    struct report_ident id;
    char err[900];
    int64_t day0 = time_day_start(p->from);
    memset(&id, 0, sizeof id);
    snprintf(id.station_code, sizeof id.station_code, STATION);
    snprintf(id.station_name, sizeof id.station_name, "Công an phường Phố Huế");
    snprintf(id.kiosk, sizeof id.kiosk, "%s", kiosk);
    snprintf(id.supervisor_id, sizeof id.supervisor_id, "ld01");
    snprintf(id.supervisor_name, sizeof id.supervisor_name, "Thiếu tá Vũ Minh Đức");
    snprintf(id.audit_head, sizeof id.audit_head, "1:00");
    if (report_writer_open(&w, root, &id, p, 0, day0 + 18 * 3600000LL, err, sizeof err) != 0) {
        fprintf(stderr, "bench_report_week: writer: %s\n", err);
        return -1;
    }
    for (int i = 0; i < PER_KIOSK; i++) {
        struct application app;
        struct report_row row;
        long n = (long)k * PER_KIOSK + i;
        bench_app(&app, n, day0 + 7 * 3600000LL + i * 30000LL);
        memset(&row, 0, sizeof row);
        memcpy(row.id, app.id, APP_ID_SIZE);
        row.created_at = row.queued_at = app.created_at;
        row.status = i % 3 == 0 ? APP_QUEUED : APP_APPROVED;
        snprintf(row.officer, sizeof row.officer, "%s", app.officer);
        snprintf(row.kiosk, sizeof row.kiosk, "%s", kiosk);
        snprintf(row.name, sizeof row.name, "%s", app.identity.full_name);
        snprintf(row.dob, sizeof row.dob, "%s", app.identity.dob);
        snprintf(row.residence, sizeof row.residence, "%s", app.identity.residence);
        snprintf(row.pid, sizeof row.pid, "%s", app.identity.personal_id);
        snprintf(row.phone, sizeof row.phone, "%s", app.phone);
        app_wipe(&app);
        if (report_writer_row(w, &row) != 0) {
            report_writer_free(w);
            return -1;
        }
    }
    int rc = report_writer_finish(w, keys, final, flen, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "bench_report_week: finish: %s\n", err);
    report_writer_free(w);
    return rc;
}

static int merge(double *worst)
{
    static struct seal_keys keys[KIOSKS];
    static struct report_keyring kr;
    static char finals[KIOSKS][4200];
    struct report_period p;
    struct report_ident by;
    const char *srcs[KIOSKS];
    char dir[512], root[700], out[700], final[4200], err[900];
    int rc = -1;

    if (bench_dir(dir, "merge") != 0)
        return -1;
    report_period_day("2026-12-01", &p);
    memset(&kr, 0, sizeof kr);
    for (int k = 0; k < KIOSKS; k++) {
        char kiosk[32];
        snprintf(kiosk, sizeof kiosk, "kiosk-%02d", k + 1);
        snprintf(root, sizeof root, "%s/stick-%02d", dir, k + 1);
        mkdir(root, 0700);
        bench_keys(&keys[k]);
        if (kiosk_day(root, kiosk, k, &keys[k], &p, finals[k], sizeof finals[k]) != 0)
            goto out;
        report_keyring_add(&kr, keys[k].sign_pk, STATION, kiosk);
        srcs[k] = finals[k];
    }
    memset(&by, 0, sizeof by);
    snprintf(by.station_name, sizeof by.station_name, "Công an phường Phố Huế");
    snprintf(by.supervisor_id, sizeof by.supervisor_id, "ld01");
    snprintf(by.supervisor_name, sizeof by.supervisor_name, "Thiếu tá Vũ Minh Đức");
    snprintf(by.signer, sizeof by.signer, "kiosk-01");
    snprintf(by.audit_head, sizeof by.audit_head, "1:00");
    for (int r = 0; r < RUNS; r++) {
        snprintf(out, sizeof out, "%s/station-%d", dir, r);
        mkdir(out, 0700);
        double a = bench_now_ms(), c = bench_cpu_ms();
        int mr = report_merge(srcs, KIOSKS, &kr, out, &by, &keys[0],
                              time_day_start("2026-12-02") + 9 * 3600000LL, final, sizeof final,
                              err, sizeof err);
        double t = bench_now_ms() - a;
        printf("# run %d: merge of %d kiosks x %d rows %.1f ms wall, %.1f ms cpu\n", r + 1, KIOSKS,
               PER_KIOSK, t, bench_cpu_ms() - c);
        if (mr != 0) {
            fprintf(stderr, "bench_report_week: merge: %s\n", err);
            goto out;
        }
        if (t > *worst)
            *worst = t;
    }
    rc = 0;
out:
    for (int k = 0; k < KIOSKS; k++)
        seal_keys_wipe(&keys[k]);
    bench_rmtree(dir);
    return rc;
}

int main(void)
{
    double week = 0, floor_ms = 0, merged = 0;
    if (seal_init() != 0)
        return 1;
    if (weekly(&week, &floor_ms) != 0 || merge(&merged) != 0)
        return 1;
    bench_result("report_week_xlsx_10k_of_100k", week, "ms", "<=", 2000);
    printf("# floor: the week's rows listed from the store, nothing written: %.1f ms (%.1fx)\n",
           floor_ms, floor_ms > 0 ? week / floor_ms : 0);
    bench_result("report_merge_10_kiosks_1k_each", merged, "ms", "<=", 1000);
    return 0;
}
