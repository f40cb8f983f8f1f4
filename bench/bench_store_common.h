/* bench_store_common.h: what the store benchmarks share: a store in a fresh directory on the
 * real disk (durable commits are what is measured), sample applications with Vietnamese
 * names, timing, percentiles and the result line
 *   bench: NAME VALUE UNIT target OP LIMIT MET|MISSED
 * The directory is under $BENCH_DIR (default build/bench-tmp), never /dev/shm. */
#ifndef BENCH_STORE_COMMON_H
#define BENCH_STORE_COMMON_H

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/model/application.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"
#include "kiosk/model/timefmt.h"

static inline double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time (user + system) of this process, in ms: less sensitive than wall time to other
 * work on the machine, printed beside the figures as a comment. */
static inline double bench_cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static inline void bench_result(const char *name, double value, const char *unit, const char *op,
                                double limit)
{
    int met = op[0] == '<' ? value <= limit : value >= limit;
    printf("bench: %s %.1f %s target %s %g %s\n", name, value, unit, op, limit,
           met ? "MET" : "MISSED");
    fflush(stdout);
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of n sorted values. */
static inline double bench_percentile(const double *sorted, int n, double p)
{
    int k = (int)(p / 100.0 * n + 0.999999);
    if (k < 1)
        k = 1;
    if (k > n)
        k = n;
    return sorted[k - 1];
}

/* A fresh directory for a store; path in out. */
static inline int bench_dir(char out[512], const char *what)
{
    const char *base = getenv("BENCH_DIR");
    if (!base || !*base)
        base = "build/bench-tmp";
    if ((size_t)snprintf(out, 512, "%s/%s-XXXXXX", base, what) >= 512)
        return -1;
    for (char *p = out + 1; *p; p++) { /* mkdir -p of the parents */
        if (*p == '/') {
            *p = '\0';
            mkdir(out, 0700);
            *p = '/';
        }
    }
    return mkdtemp(out) ? 0 : -1;
}

/* Removes dir and what is in it, one level of subdirectories deep. */
static inline void bench_rmtree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char p[1024];
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= sizeof p)
                continue;
            if (unlink(p) != 0)
                bench_rmtree(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

static inline void bench_keys(struct seal_keys *k)
{
    unsigned char upstream_sk[crypto_box_SECRETKEYBYTES];
    memset(k, 0, sizeof *k);
    randombytes_buf(k->store_key, sizeof k->store_key);
    randombytes_buf(k->index_key, sizeof k->index_key);
    crypto_sign_keypair(k->sign_pk, k->sign_sk);
    crypto_box_keypair(k->upstream_pk, upstream_sk);
    k->have_upstream_pk = 1;
    sodium_memzero(upstream_sk, sizeof upstream_sk);
}

/* A complete application number n created at created_ms (no biometrics). */
static inline void bench_app(struct application *app, long sn, int64_t created_ms)
{
    static const char *const ho[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng",
                                     "Huỳnh",  "Phan", "Vũ", "Võ",   "Đặng"};
    static const char *const dem[] = {"Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thu", "Quốc"};
    static const char *const ten[] = {"An",  "Bình", "Chi", "Dũng", "Giang", "Hà",   "Hùng",
                                      "Lan", "Long", "Mai", "Nam",  "Ngọc",  "Phúc", "Việt"};
    unsigned long n = (unsigned long)sn;
    app_init(app);
    app_new_id(app->id, created_ms);
    snprintf(app->station, sizeof app->station, "HN-PH01");
    snprintf(app->officer, sizeof app->officer, "cb.%02lu", n % 7);
    app->created_at = created_ms;
    snprintf(app->identity.personal_id, sizeof app->identity.personal_id, "0010%02lu%06lu",
             80 + n % 20, n % 1000000);
    snprintf(app->identity.full_name, sizeof app->identity.full_name, "%s %s %s", ho[n % 10],
             dem[(n / 10) % 7], ten[(n / 70) % 14]);
    snprintf(app->identity.dob, sizeof app->identity.dob, "19%02lu-%02lu-%02lu", 80 + n % 20,
             1 + n % 12, 1 + n % 28);
    app->identity.sex = n % 2 ? 'F' : 'M';
    snprintf(app->identity.nationality, sizeof app->identity.nationality, "Việt Nam");
    snprintf(app->identity.residence, sizeof app->identity.residence,
             "Số %lu, ngõ %lu phố Huế, phường Phố Huế, quận Hai Bà Trưng, Hà Nội", n % 200, n % 90);
    app->identity.source = ID_SOURCE_CHIP_VERIFIED;
    app->identity.verdict = CHIP_GENUINE;
    snprintf(app->phone, sizeof app->phone, "09%08lu", n % 100000000);
    app->consent_at = created_ms;
    snprintf(app->consent_officer, sizeof app->consent_officer, "%s", app->officer);
}

#endif
