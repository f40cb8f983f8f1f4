/* bundle_status.c: the status bundle (bundle.h): the station kiosk writes the upstream's
 * answers for a bundle it imported back onto the stick, signed with its key; the mobile kiosk
 * verifies them and applies each exactly once. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/base/fd_write.h"
#include "kiosk/base/file_read.h"
#include "kiosk/field/bundle.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_handover.h"

#define STATUS_MAX_BYTES (16u << 20) /* far above 100,000 answers */
#define ANSWER_MAX       1024        /* a receipt or a refusal, as recorded */

/* "a/b/<station>/<bundle>" → root "a/b" (the stick's folder the station folder is in). */
static int stick_root(const char *bundle_dir, char *root, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", bundle_dir);
    for (size_t len = strlen(path); len > 1 && path[len - 1] == '/'; len--)
        path[len - 1] = '\0';
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(path, '/');
        if (!slash)
            return -1;
        *slash = '\0';
    }
    snprintf(root, n, "%s", path[0] ? path : "/");
    return 0;
}

static int put_line(FILE *f, const char *id, const char *state, const char *text)
{
    size_t len = strlen(text);
    char *hex = malloc(2 * len + 1);
    if (!hex)
        return -1;
    sodium_bin2hex(hex, 2 * len + 1, (const unsigned char *)text, len);
    int rc = fprintf(f, "%s %s %s\n", id, state, len ? hex : "-") < 0 ? -1 : 0;
    free(hex);
    return rc;
}

int bundle_status_write(struct store *st, const struct config *cfg, const char *bundle_dir,
                        const char *bundle, const char *origin, const char *ids, long n,
                        int64_t now_ms, char *out_dir, size_t out_len, char *err, size_t errlen)
{
    char root[4096], name[EXPORT_NAME_SIZE], receipt[ANSWER_MAX], error[ANSWER_MAX], day[11];
    char *text = NULL;
    size_t text_len = 0;
    int rc, fd;
    long long seq;
    char hash[65];
    struct report_dir d;
    memset(&d, 0, sizeof d);
    d.station_fd = d.tmp_fd = -1;
    if (stick_root(bundle_dir, root, sizeof root) != 0 ||
        (size_t)snprintf(name, sizeof name, "%s%s", BUNDLE_STATUS_PREFIX, bundle) >= sizeof name)
        return export_msgf(err, errlen, EXPORT_EINVAL, MSGD_FIELD, FIELD_M_STATUS_WRITE, "%s",
                           bundle_dir);
    FILE *f = open_memstream(&text, &text_len);
    if (!f)
        return export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM_RETRY);
    fprintf(f, "%s\nbundle %s\norigin %s\nstation %s\nby %s\n", BUNDLE_STATUS_MAGIC, bundle, origin,
            cfg->station_code, cfg->kiosk_id);
    rc = 0;
    for (long i = 0; i < n && rc == 0; i++) {
        const char *id = ids + i * APP_ID_SIZE;
        enum handin_state state;
        if ((rc = store_handin_result(st, id, &state, receipt, sizeof receipt, error,
                                      sizeof error)) != 0)
            break;
        if (state == HANDIN_DONE)
            rc = put_line(f, id, "submitted", receipt);
        else if (state == HANDIN_FAILED)
            rc = put_line(f, id, "failed", error);
    }
    if (fclose(f) != 0 || rc != 0) {
        free(text);
        return export_msgf(err, errlen, rc > 0 || rc < -1 ? EXPORT_ESTORE : EXPORT_ENOMEM,
                           MSGD_FIELD, FIELD_M_STATUS_RESULTS, "%s", bundle);
    }
    if ((rc = report_dir_open(&d, root, cfg->station_code, name, err, errlen)) != 0)
        goto out;
    int e = -report_dir_create(&d, BUNDLE_STATUS_FILE, &fd);
    if (e == 0) {
        e = fd_write_all(fd, text, text_len);
        if (e == 0 && fsync(fd) != 0)
            e = errno;
        if (close(fd) != 0 && e == 0)
            e = errno;
    }
    if (e != 0) {
        rc = report_io_err_part(err, errlen, e, EXPORT_P_STATUS_FILE);
        goto out;
    }
    struct report_ident ident;
    struct report_period period;
    memset(&ident, 0, sizeof ident);
    snprintf(ident.station_code, sizeof ident.station_code, "%s", cfg->station_code);
    snprintf(ident.station_name, sizeof ident.station_name, "%s", cfg->station_name);
    snprintf(ident.kiosk, sizeof ident.kiosk, "%s", cfg->kiosk_id);
    snprintf(ident.signer, sizeof ident.signer, "%s", cfg->kiosk_id);
    snprintf(ident.supervisor_id, sizeof ident.supervisor_id, "-");
    if (store_audit_head(st, &seq, hash) == 0)
        snprintf(ident.audit_head, sizeof ident.audit_head, "%lld:%s", seq, hash);
    time_day(now_ms, day);
    report_period_day(day, &period);
    static const char *const files[] = {BUNDLE_STATUS_FILE};
    if ((rc = report_manifest_write(&d, &ident, &period, 0, now_ms, store_keys(st), files, 1, err,
                                    errlen)) != 0)
        goto out;
    rc = report_dir_commit(&d, out_dir, out_len, err, errlen);
out:
    free(text);
    report_dir_close(&d);
    return rc;
}

/* --- the mobile kiosk ----------------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Adds folder/<entries named prefix…> to dirs. */
static int find_in(const char *folder, const char *prefix, char (*dirs)[4200], int n, int max)
{
    DIR *d = opendir(folder);
    if (!d)
        return n;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            snprintf(dirs[n++], 4200, "%.3000s/%.255s", folder, e->d_name);
    closedir(d);
    return n;
}

int bundle_status_find(const char *root, const struct config *cfg, char (*dirs)[4200], int max)
{
    char prefix[120], sub[4200];
    const char *base = strrchr(root, '/');
    base = base && base[1] ? base + 1 : root;
    if (max < 1)
        return 0;
    if (strncmp(base, BUNDLE_STATUS_PREFIX, strlen(BUNDLE_STATUS_PREFIX)) == 0) {
        snprintf(dirs[0], 4200, "%s", root);
        return 1;
    }
    DIR *d = opendir(root);
    if (!d)
        return -1;
    closedir(d);
    snprintf(prefix, sizeof prefix, "%s%s%s_", BUNDLE_STATUS_PREFIX, BUNDLE_PREFIX, cfg->kiosk_id);
    int n = find_in(root, prefix, dirs, 0, max);
    snprintf(sub, sizeof sub, "%.3000s/%s", root, cfg->station_code);
    n = find_in(sub, prefix, dirs, n, max);
    qsort(dirs, (size_t)n, sizeof dirs[0], name_cmp);
    return n;
}

/* The next line of text at *p (NUL-terminated in place), NULL at the end. */
static char *next_line(char **p)
{
    if (!*p || !**p)
        return NULL;
    char *line = *p, *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = line + strlen(line);
    }
    return line;
}

/* "key value" header line: value, or NULL when the line is not that. */
static const char *header(char **p, const char *key)
{
    char *line = next_line(p);
    size_t k = strlen(key);
    if (!line || strncmp(line, key, k) != 0 || line[k] != ' ' || !line[k + 1])
        return NULL;
    return line + k + 1;
}

static int unhex(const char *hex, char *out, size_t size)
{
    size_t len = 0;
    if (strcmp(hex, "-") == 0) {
        out[0] = '\0';
        return 0;
    }
    if (sodium_hex2bin((unsigned char *)out, size - 1, hex, strlen(hex), NULL, &len, NULL) != 0)
        return -1;
    out[len] = '\0';
    return memchr(out, '\0', len) ? -1 : 0;
}

/* One answer: applied (1), already known (0), not handed over from here (2), < 0 error. */
static int apply_one(struct store *st, const char *id, const char *state, const char *text,
                     int64_t now_ms)
{
    int rc = store_handover_of(st, id, NULL);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return 2;
    /* only a row still waiting takes it: the own sync's receipt (or this file before) wins */
    struct outbox_item it;
    rc = store_outbox_get(st, id, &it);
    if (rc == STORE_ENOTFOUND)
        return 0;
    if (rc != 0)
        return rc;
    outbox_item_wipe(&it);
    rc = strcmp(state, "submitted") == 0 ? store_outbox_done(st, id, text, now_ms)
                                         : store_outbox_fail(st, id, text, now_ms);
    return rc == STORE_ENOTFOUND ? 0 : rc == 0 ? 1 : rc;
}

int bundle_status_apply(struct store *st, const struct config *cfg, const char *dir,
                        const struct report_keyring *kr, int64_t now_ms,
                        struct bundle_status_result *res, char *err, size_t errlen)
{
    static struct report_info info; /* large: EXPORT_MAX_FILES names */
    char why[600], key[160], seen[80];
    unsigned char *data = NULL;
    size_t len = 0;
    int rc;
    memset(res, 0, sizeof *res);
    if ((rc = report_verify(dir, kr, &info, why, sizeof why)) != 0) {
        if (rc == EXPORT_EBADSIG)
            return export_msgf(err, errlen, rc, MSGD_FIELD, FIELD_M_STATUS_UNKNOWN_SIGNER, "%s",
                               why);
        if (rc == EXPORT_ETAMPERED || rc == EXPORT_EMISSING)
            return export_msgf(err, errlen, rc, MSGD_FIELD, FIELD_M_STATUS_MODIFIED, "%s", why);
        return export_msgf(err, errlen, rc, MSGD_FIELD, FIELD_M_STATUS_READ, "%s", why);
    }
    int have = 0;
    for (int i = 0; i < info.n_files; i++)
        have |= strcmp(info.files[i], BUNDLE_STATUS_FILE) == 0;
    if (!have)
        return export_msgf(err, errlen, EXPORT_EFORMAT, MSGD_FIELD, FIELD_M_NOT_STATUS_FOLDER, "%s",
                           dir);
    if (strcmp(info.ident.station_code, cfg->station_code) != 0)
        return export_msgf(err, errlen, EXPORT_EINVAL, MSGD_FIELD, FIELD_M_STATUS_OTHER_UNIT,
                           "%s%s", info.ident.station_code, cfg->station_code);
    /* read once after the verification (as the bundle's index is); its SHA-256 tells the
     * same file applied again */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int fd = dfd >= 0 ? report_open_regular(dfd, BUNDLE_STATUS_FILE) : -1;
    if (dfd >= 0)
        close(dfd);
    if (fd < 0)
        return export_msg(err, errlen, EXPORT_EIO, MSGD_FIELD, FIELD_M_STATUS_USB_PULLED);
    rc = file_read_fd(fd, STATUS_MAX_BYTES, &data, &len);
    close(fd);
    if (rc != 0)
        return export_msg(err, errlen, EXPORT_EIO, MSGD_FIELD, FIELD_M_STATUS_USB_READ);
    char *text = malloc(len + 1);
    if (!text) {
        free(data);
        return export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM_RETRY);
    }
    memcpy(text, data, len);
    text[len] = '\0';
    unsigned char sum[crypto_hash_sha256_BYTES];
    char sum_hex[2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256(sum, data, len);
    sodium_bin2hex(sum_hex, sizeof sum_hex, sum, sizeof sum);
    free(data);
    char *p = text;
    const char *magic = next_line(&p);
    const char *bundle = NULL, *origin = NULL, *station = NULL, *by = NULL;
    if (magic && strcmp(magic, BUNDLE_STATUS_MAGIC) == 0) {
        bundle = header(&p, "bundle");
        origin = bundle ? header(&p, "origin") : NULL;
        station = origin ? header(&p, "station") : NULL;
        by = station ? header(&p, "by") : NULL;
    }
    if (!by || strchr(bundle, ' ') || strchr(by, ' ')) {
        rc = export_msg(err, errlen, EXPORT_EFORMAT, MSGD_FIELD, FIELD_M_STATUS_FORMAT);
        goto out;
    }
    /* bound to this kiosk, this station, and the kiosk that signed */
    if (strcmp(origin, cfg->kiosk_id) != 0) {
        rc = export_msgf(err, errlen, EXPORT_EINVAL, MSGD_FIELD, FIELD_M_STATUS_OTHER_KIOSK,
                         "%s%s%s", origin, cfg->kiosk_id, origin);
        goto out;
    }
    if (strcmp(station, info.ident.station_code) != 0 || strcmp(by, info.ident.kiosk) != 0) {
        rc = export_msg(err, errlen, EXPORT_ETAMPERED, MSGD_FIELD, FIELD_M_STATUS_SIGNER_MISMATCH);
        goto out;
    }
    snprintf(res->bundle, sizeof res->bundle, "%.63s", bundle);
    snprintf(res->by, sizeof res->by, "%.31s", by);
    /* the same file again: nothing to do (each answer is idempotent anyway) */
    snprintf(key, sizeof key, "bundle.status:%.63s:%.31s", bundle, by);
    if (store_kv_get(st, key, seen, sizeof seen) == 0 && strcmp(seen, sum_hex) == 0)
        res->replayed = 1;
    char *line, answer[ANSWER_MAX];
    while ((line = next_line(&p)) != NULL) {
        char *state = strchr(line, ' '), *hex = state ? strchr(state + 1, ' ') : NULL;
        if (!hex) {
            rc = export_msg(err, errlen, EXPORT_EFORMAT, MSGD_FIELD, FIELD_M_STATUS_FORMAT_STOPPED);
            goto out;
        }
        *state++ = '\0';
        *hex++ = '\0';
        if (strlen(line) != APP_ID_SIZE - 1 ||
            (strcmp(state, "submitted") != 0 && strcmp(state, "failed") != 0) ||
            unhex(hex, answer, sizeof answer) != 0) {
            rc = export_msg(err, errlen, EXPORT_EFORMAT, MSGD_FIELD, FIELD_M_STATUS_FORMAT_STOPPED);
            goto out;
        }
        res->items++;
        if (res->replayed) {
            res->already++;
            continue;
        }
        int r = apply_one(st, line, state, answer, now_ms);
        if (r < 0) {
            rc = export_msgf(err, errlen, EXPORT_ESTORE, MSGD_FIELD, FIELD_M_STATUS_STORE, "%s%ld",
                             store_strerror(r), res->applied);
            goto out;
        }
        res->applied += r == 1;
        res->already += r == 0;
        res->unknown += r == 2;
    }
    if (!res->replayed) {
        char detail[200];
        snprintf(detail, sizeof detail, "%s by %s: applied %ld, already %ld, unknown %ld",
                 res->bundle, res->by, res->applied, res->already, res->unknown);
        (void)store_audit(st, "field", "bundle.statuses", NULL, detail, now_ms);
        (void)store_kv_set(st, key, sum_hex);
    }
    rc = 0;
out:
    free(text);
    return rc;
}
