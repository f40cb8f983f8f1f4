/* bundle_import.c: a connected kiosk of the station delivers a mobile kiosk's hand-over
 * bundle upstream (bundle.h).
 *
 * The bundle is verified whole first (signature by the key registered for the station and
 * kiosk it names, every file's SHA-256): a bundle cut short on the stick, edited or signed by
 * an unknown key is refused before anything is sent. The index is then read into memory and
 * each application read from the data file as the sync asks for it; each is checked again
 * against the index as it is read (the stick could be swapped after the verification): the
 * document names the id, digest and length the index gives, and the payload hashes to it. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/field/bundle.h"
#include "kiosk/model/timefmt.h"

#define BUNDLE_DOC_MAX     (1024 * 1024)       /* the upstream's own cap on a document */
#define BUNDLE_PAYLOAD_MAX (64L * 1024 * 1024) /* and on a payload */
#define BUNDLE_INDEX_MAX   (64L * 1024 * 1024)

struct entry {
    char id[APP_ID_SIZE];
    char digest[65];
    long long doc_off, pay_off;
    size_t doc_len, pay_len;
};

struct reader {
    int dat;
    struct entry *e;
    long n, next;
    char *doc;
    unsigned char *payload;
    size_t doc_cap, pay_cap;
    int bad; /* an item did not match the index */
};

static int pread_all(int fd, void *buf, size_t len, long long off)
{
    char *p = buf;
    while (len) {
        ssize_t n = pread(fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
        off += n;
    }
    return 0;
}

static int grow(void **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    void *b = malloc(need);
    if (!b)
        return -1;
    free(*buf);
    *buf = b;
    *cap = need;
    return 0;
}

/* The document says what the index says about its application. */
static int doc_matches(const char *doc, size_t len, const struct entry *e)
{
    json_error_t je;
    json_t *j = json_loadb(doc, len, JSON_REJECT_DUPLICATES, &je);
    const char *id = NULL, *digest = NULL;
    json_int_t plen = -1;
    int ok = j &&
             json_unpack(j, "{s:s,s:s,s:I}", "id", &id, "payload_sha256", &digest, "payload_length",
                         &plen) == 0 &&
             strcmp(id, e->id) == 0 && strcmp(digest, e->digest) == 0 &&
             plen == (json_int_t)e->pay_len;
    json_decref(j);
    return ok;
}

static int next_item(void *arg, struct sync_handed *it)
{
    struct reader *r = arg;
    if (r->next == r->n)
        return 0;
    const struct entry *e = &r->e[r->next++];
    if (grow((void **)&r->doc, &r->doc_cap, e->doc_len + 1) != 0 ||
        grow((void **)&r->payload, &r->pay_cap, e->pay_len ? e->pay_len : 1) != 0)
        return -1;
    if (r->doc_cap && r->doc)
        sodium_memzero(r->doc, r->doc_cap);
    if (pread_all(r->dat, r->doc, e->doc_len, e->doc_off) != 0 ||
        pread_all(r->dat, r->payload, e->pay_len, e->pay_off) != 0)
        return -1; /* the stick went away */
    unsigned char md[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(md, r->payload, e->pay_len);
    sodium_bin2hex(hex, sizeof hex, md, sizeof md);
    if (strcmp(hex, e->digest) != 0 || !doc_matches(r->doc, e->doc_len, e)) {
        r->bad = 1;
        return -1;
    }
    memcpy(it->id, e->id, sizeof it->id);
    memcpy(it->digest, e->digest, sizeof it->digest);
    it->doc = r->doc;
    it->doc_len = e->doc_len;
    it->payload = r->payload;
    it->payload_len = e->pay_len;
    return 1;
}

static int id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= APP_ID_SIZE)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdefABCDEF-", s[i]))
            return 0;
    return 1;
}

/* Reads and checks the index against the data file's size. 0 or EXPORT_*. */
static int load_index(int dirfd, long long dat_size, struct reader *r)
{
    int fd = report_open_regular(dirfd, BUNDLE_INDEX);
    if (fd < 0)
        return EXPORT_EMISSING;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || sb.st_size > BUNDLE_INDEX_MAX) {
        close(fd);
        return EXPORT_EFORMAT;
    }
    FILE *f = fdopen(fd, "r");
    if (!f) {
        close(fd);
        return EXPORT_EIO;
    }
    char line[512];
    int rc = EXPORT_EFORMAT;
    long cap = 0;
    long long expect = 0;
    if (!fgets(line, sizeof line, f) || strcmp(line, BUNDLE_MAGIC "\n") != 0)
        goto out;
    while (fgets(line, sizeof line, f)) {
        struct entry e;
        char id[64], digest[80];
        int used = 0;
        memset(&e, 0, sizeof e);
        if (sscanf(line, "%63s %79s %lld %zu %lld %zu%n", id, digest, &e.doc_off, &e.doc_len,
                   &e.pay_off, &e.pay_len, &used) != 6 ||
            line[used] != '\n' || !id_ok(id) || !export_sha256_hex_ok(digest) ||
            e.doc_off != expect || e.doc_len == 0 || e.doc_len > BUNDLE_DOC_MAX ||
            e.pay_off != e.doc_off + (long long)e.doc_len || e.pay_len == 0 ||
            e.pay_len > (size_t)BUNDLE_PAYLOAD_MAX || e.pay_off + (long long)e.pay_len > dat_size)
            goto out;
        expect = e.pay_off + (long long)e.pay_len;
        snprintf(e.id, sizeof e.id, "%.36s", id);
        memcpy(e.digest, digest, 65);
        if (r->n == cap) {
            cap = cap ? cap * 2 : 256;
            struct entry *b = realloc(r->e, (size_t)cap * sizeof *b);
            if (!b) {
                rc = EXPORT_ENOMEM;
                goto out;
            }
            r->e = b;
        }
        r->e[r->n++] = e;
    }
    if (!ferror(f) && expect == dat_size && r->n > 0)
        rc = 0;
out:
    fclose(f);
    return rc;
}

int bundle_import(struct store *st, const struct config *cfg, const struct sync_opts *o,
                  const char *dir, const struct report_keyring *kr,
                  struct bundle_import_result *res, char *err, size_t errlen)
{
    static struct report_info info; /* large: EXPORT_MAX_FILES names */
    struct reader r = {.dat = -1};
    int rc, dfd = -1;
    memset(res, 0, sizeof *res);
    if ((rc = report_verify(dir, kr, &info, err, errlen)) != 0)
        return rc;
    int have_idx = 0, have_dat = 0;
    for (int i = 0; i < info.n_files; i++) {
        have_idx |= strcmp(info.files[i], BUNDLE_INDEX) == 0;
        have_dat |= strcmp(info.files[i], BUNDLE_DATA) == 0;
    }
    if (!have_idx || !have_dat)
        return export_msgf(err, errlen, EXPORT_EFORMAT, MSGD_FIELD, FIELD_M_IS_A_REPORT, "%s", dir);
    if (strcmp(info.ident.station_code, cfg->station_code) != 0)
        return export_msgf(err, errlen, EXPORT_EINVAL, MSGD_FIELD, FIELD_M_OTHER_UNIT, "%s%s%s",
                           info.ident.station_code, cfg->station_code, info.ident.station_code);
    snprintf(res->origin, sizeof res->origin, "%.31s", info.ident.kiosk);
    const char *base = strrchr(dir, '/');
    base = base && base[1] ? base + 1 : dir;
    snprintf(res->name, sizeof res->name, "%.63s", base);

    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    r.dat = dfd >= 0 ? report_open_regular(dfd, BUNDLE_DATA) : -1;
    struct stat sb;
    if (r.dat < 0 || fstat(r.dat, &sb) != 0) {
        rc = export_msg(err, errlen, EXPORT_EIO, MSGD_FIELD, FIELD_M_USB_UNREADABLE);
        goto out;
    }
    if ((rc = load_index(dfd, (long long)sb.st_size, &r)) != 0) {
        rc = export_msg(err, errlen, rc == EXPORT_ENOMEM ? rc : EXPORT_EFORMAT, MSGD_FIELD,
                        FIELD_M_MANIFEST_FORMAT);
        goto out;
    }
    char why[200] = "";
    rc = sync_deliver_handed(cfg, o, st, res->origin, res->name, next_item, &r, &res->rep, why,
                             sizeof why);
    res->sync_rc = rc;
    char detail[200];
    snprintf(detail, sizeof detail, "%s from %s: read %ld, delivered %ld, already %ld, failed %ld",
             res->name, res->origin, res->rep.seen, res->rep.delivered, res->rep.already,
             res->rep.failed + res->rep.refused);
    (void)store_audit(st, "field", "bundle.import", NULL, detail, time_now_ms());
    /* every application answered for good (receipt or refusal): the answers go back onto the
     * stick for the mobile kiosk (a read-only or full stick costs the import nothing) */
    if (!r.bad && rc == 0 && res->rep.refused == 0) {
        char *ids = malloc((size_t)(r.n > 0 ? r.n : 1) * APP_ID_SIZE);
        if (!ids) {
            res->status_rc = EXPORT_ENOMEM;
        } else {
            for (long i = 0; i < r.n; i++)
                memcpy(ids + i * APP_ID_SIZE, r.e[i].id, APP_ID_SIZE);
            res->status_rc = bundle_status_write(
                st, cfg, dir, res->name, res->origin, ids, r.n, time_now_ms(), res->status_dir,
                sizeof res->status_dir, res->status_err, sizeof res->status_err);
            free(ids);
        }
    }
    if (r.bad) {
        rc = export_msgf(err, errlen, EXPORT_ETAMPERED, MSGD_FIELD, FIELD_M_ITEM_MODIFIED, "%ld",
                         res->rep.delivered);
    } else if (rc == SYNC_ESOURCE) {
        rc = export_msgf(err, errlen, EXPORT_EIO, MSGD_FIELD, FIELD_M_USB_PULLED, "%ld",
                         res->rep.delivered + res->rep.already);
    } else if (rc != 0) {
        rc = export_msgf(err, errlen, EXPORT_EIO, MSGD_FIELD, FIELD_M_PARTLY_SENT, "%s%ld", why,
                         res->rep.delivered + res->rep.already);
    } else if (res->rep.refused > 0 || res->rep.failed > 0) {
        rc = export_msgf(err, errlen, EXPORT_EIO, MSGD_FIELD, FIELD_M_REFUSED, "%ld%ld%ld",
                         res->rep.refused + res->rep.failed, res->rep.refused, res->rep.failed);
    }
out:
    if (r.doc) {
        sodium_memzero(r.doc, r.doc_cap); /* envelopes hold personal data */
        free(r.doc);
    }
    free(r.payload);
    free(r.e);
    if (r.dat >= 0)
        close(r.dat);
    if (dfd >= 0)
        close(dfd);
    return rc;
}
