/* test_export_fixture.h: the fixed rows, key and helpers the export tests share.
 *
 * Six applications created on Friday 2026-11-20 (local), exported "now" on Thursday
 * 2026-11-26 08:30 local, four working days later: the ones still without a result are
 * overdue. They carry Vietnamese names with diacritics, an address with a comma and quotes,
 * one with a line break, one starting with '=' (formula injection), a rejected one with its
 * reason and one purged after retention. The signing key comes from a fixed seed, so the
 * manifest's signature is fixed too (Ed25519 is deterministic). */
#ifndef TEST_EXPORT_FIXTURE_H
#define TEST_EXPORT_FIXTURE_H

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/export/export.h"
#include "kiosk/model/timefmt.h"

#define FX_DAY   "2026-11-20"
#define FX_ROWS  6
#define FX_ACTOR "gs.tran"

/* Local (UTC+7) wall time to ms since the epoch. */
static inline int64_t fx_ms(int y, int mo, int d, int h, int mi)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    return (int64_t)timegm(&tm) * 1000 - TIME_VN_OFFSET_MS;
}

#define FX_NOW fx_ms(2026, 11, 26, 8, 30)

static inline void fx_row(struct store_row *r, int n, const char *name, const char *dob,
                          const char *pid, const char *residence, const char *phone,
                          enum app_status st, const char *officer)
{
    memset(r, 0, sizeof *r);
    snprintf(r->id, sizeof r->id, "019aa1b2-%04x-7000-8000-00000000000%d", 0x1000 + n, n);
    r->created_at = fx_ms(2026, 11, 20, 8 + n, 5 * n);
    r->queued_at = r->created_at + 60 * 1000;
    r->updated_at = r->queued_at;
    r->status = st;
    snprintf(r->officer, sizeof r->officer, "%s", officer);
    snprintf(r->identity.full_name, sizeof r->identity.full_name, "%s", name);
    snprintf(r->identity.dob, sizeof r->identity.dob, "%s", dob);
    snprintf(r->identity.personal_id, sizeof r->identity.personal_id, "%s", pid);
    snprintf(r->identity.residence, sizeof r->identity.residence, "%s", residence);
    snprintf(r->phone, sizeof r->phone, "%s", phone);
}

static inline void fx_rows(struct store_row rows[FX_ROWS])
{
    fx_row(&rows[0], 1, "Nguyễn Văn An", "1990-05-14", "001090012345",
           "Số 12, ngõ 34 phố Huế, phường Phố Huế, quận Hai Bà Trưng, Hà Nội", "0912345678",
           APP_SUBMITTED, "cb.nguyen");
    fx_row(&rows[1], 2, "Trần Thị Bích Ngọc", "1985-12-01", "036185001234",
           "Thôn \"Đồng Tâm\", xã Đồng Tâm, huyện Mỹ Đức, Hà Nội", "0987654321", APP_REJECTED,
           "cb.nguyen");
    snprintf(rows[1].reason_code, sizeof rows[1].reason_code, "photo.quality");
    snprintf(rows[1].reason, sizeof rows[1].reason, "Ảnh bản chụp không đủ tiêu chuẩn");
    fx_row(&rows[2], 3, "Lê Hoàng Phúc", "2001-01-31", "079201009876",
           "12 Nguyễn Huệ, phường Bến Nghé, Quận 1, TP. Hồ Chí Minh", "0355123456", APP_APPROVED,
           "cb.le");
    fx_row(&rows[3], 4, "Phạm Thị Thu Hà", "1978-07-07", "038178004321",
           "=HYPERLINK(\"http://x.invalid\",\"bấm\")", "0701234567", APP_QUEUED, "cb.le");
    fx_row(&rows[4], 5, "Đặng Quốc Việt", "1999-02-28", "001099005555",
           "Tổ 5\nkhu phố 2, phường Quang Trung, TP. Thái Bình", "0868000111", APP_PROCESSING,
           "cb.nguyen");
    fx_row(&rows[5], 6, "", "", "", "", "", APP_APPROVED, "cb.le");
    rows[5].purged = 1;
}

static inline void fx_keys(struct seal_keys *k)
{
    unsigned char seed[crypto_sign_SEEDBYTES];
    memset(k, 0, sizeof *k);
    for (size_t i = 0; i < sizeof seed; i++)
        seed[i] = (unsigned char)(0xA0 + i);
    crypto_sign_seed_keypair(k->sign_pk, k->sign_sk, seed);
}

/* A source of rows over an array. */
struct fx_src {
    const struct store_row *rows;
    size_t n;
    int fail_after; /* > 0: return an error after that many rows (a store failure) */
};

static inline int fx_each(void *ctx, int (*cb)(const struct store_row *row, void *arg), void *arg)
{
    struct fx_src *s = ctx;
    for (size_t i = 0; i < s->n; i++) {
        if (s->fail_after > 0 && (int)i == s->fail_after)
            return -1;
        if (cb(&s->rows[i], arg))
            break;
    }
    return 0;
}

static inline char *fx_tmpdir(char buf[64])
{
    snprintf(buf, 64, "/tmp/test-export-XXXXXX");
    return mkdtemp(buf);
}

/* Removes a flat directory and its files (the export never makes subdirectories). */
static inline void fx_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        char p[4096];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* Whole file; caller frees. NULL when unreadable. */
static inline char *fx_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL)
        return NULL;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            char *nb = realloc(buf, cap = (cap + 4096) * 2);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, 4096, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static inline int fx_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t w = fwrite(data, 1, len, f);
    return fclose(f) == 0 && w == len ? 0 : -1;
}

#endif
