/* report_manifest.c: the signed manifest of a report, the keyring and verification.
 *
 * manifest.txt (UTF-8, LF line ends, fields in this order):
 *   kiosk-report 2
 *   station <station code>
 *   kiosk <kiosk id, or "a,b,c" for a merged report>
 *   signer <kiosk id whose key signed>
 *   merged 0|1
 *   period <day|week|month|range> <from YYYY-MM-DD> <to YYYY-MM-DD>
 *   created YYYY-MM-DDTHH:MM:SSZ
 *   supervisor-id <officer id>
 *   supervisor <full name>            (the Lãnh đạo đơn vị who approved the export)
 *   preparer <full name or empty>
 *   audit-head <seq:hash of the signer's audit trail when it signed>
 *   since <YYYY-MM-DD or ->
 *   fingerprint SHA256:<hex of SHA-256 of the signing public key>
 *   file <64 hex SHA-256> <size> <name>          (1..EXPORT_MAX_FILES)
 * manifest.sig: Ed25519 signature of manifest.txt's bytes (128 hex + LF). sign.pub carries
 * the public key for a person to compare, and is never used to verify.
 *
 * Verification (report_verify): the signature is checked against each key of the keyring
 * (known in advance: this kiosk's own, or a station keyring a district holds) before anything
 * of the manifest is parsed; the key that verifies must be registered for the station and
 * the signer kiosk the manifest names, so a kiosk's key cannot sign for another kiosk. Then
 * each file's size and SHA-256. Every file is opened with O_NOFOLLOW as a regular file only. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/base/fd_write.h"
#include "kiosk/export/report.h"
#include "kiosk/model/timefmt.h"

#define MAGIC        "kiosk-report 2"
#define MANIFEST_MAX (64 * 1024)

void report_fingerprint(const unsigned char pk[SEAL_SIGN_PK_BYTES], char out[72])
{
    char hex[65];
    seal_sha256_hex(pk, SEAL_SIGN_PK_BYTES, hex);
    snprintf(out, 72, "SHA256:%s", hex);
}

/* SHA-256 hex and size of an open file. */
static int fd_sha256(int fd, char hex[65], long long *size)
{
    crypto_hash_sha256_state st;
    unsigned char buf[1 << 16], md[crypto_hash_sha256_BYTES];
    long long total = 0;
    ssize_t n;
    crypto_hash_sha256_init(&st);
    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return EXPORT_EIO;
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
        total += n;
    }
    crypto_hash_sha256_final(&st, md);
    seal_to_hex(md, sizeof md, hex);
    *size = total;
    explicit_bzero(buf, sizeof buf);
    return 0;
}

static int put_file(struct report_dir *d, const char *name, const void *data, size_t len)
{
    int fd, rc = report_dir_create(d, name, &fd);
    if (rc != 0)
        return -rc;
    if (fd_write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        int e = errno ? errno : EIO;
        close(fd);
        return e;
    }
    return close(fd) == 0 ? 0 : errno;
}

int report_manifest_write(struct report_dir *d, const struct report_ident *id,
                          const struct report_period *p, int merged, int64_t now_ms,
                          const struct seal_keys *keys, const char *const *files, int n_files,
                          char *err, size_t errlen)
{
    char *m = NULL, created[21], fpr[72], hex[65], sighex[2 * SEAL_SIG_BYTES + 2];
    char pkhex[2 * SEAL_SIGN_PK_BYTES + 2];
    size_t mlen = 0;
    long long size;
    int rc = 0, e;

    FILE *mf = open_memstream(&m, &mlen);
    if (mf == NULL)
        return export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM_RETRY);
    time_iso_utc(now_ms, created);
    report_fingerprint(keys->sign_pk, fpr);
    fprintf(mf,
            "%s\nstation %s\nkiosk %s\nsigner %s\nmerged %d\nperiod %s %s %s\ncreated %s\n"
            "supervisor-id %s\nsupervisor %s\npreparer %s\naudit-head %s\nsince %s\n"
            "fingerprint %s\n",
            MAGIC, id->station_code, id->kiosk, id->signer[0] ? id->signer : id->kiosk, merged,
            report_kind_name(p->kind), p->from, p->to, created, id->supervisor_id,
            id->supervisor_name, id->preparer_name, id->audit_head[0] ? id->audit_head : "-",
            id->since[0] ? id->since : "-", fpr);
    for (int i = 0; i < n_files; i++) {
        int fd = report_open_regular(d->tmp_fd, files[i]);
        if (fd < 0 || fd_sha256(fd, hex, &size) != 0) {
            if (fd >= 0)
                close(fd);
            rc = report_io_err(err, errlen, EIO, files[i]);
            break;
        }
        fprintf(mf, "file %s %lld %s\n", hex, size, files[i]);
        close(fd);
    }
    int closed = export_sign_manifest(mf, &m, &mlen, keys, sighex, pkhex) == 0;
    if (rc == 0 && !closed)
        rc = export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM_RETRY);
    if (rc != 0)
        goto out;
    if ((e = put_file(d, EXPORT_PUBKEY, pkhex, strlen(pkhex))) != 0 ||
        (e = put_file(d, EXPORT_SIGNATURE, sighex, strlen(sighex))) != 0 ||
        (e = put_file(d, EXPORT_MANIFEST, m, mlen)) != 0)
        rc = report_io_err_part(err, errlen, e, EXPORT_P_SIGNED_MANIFEST);
out:
    free(m);
    return rc;
}

/* --- keyring ------------------------------------------------------------------------------ */

int report_keyring_add(struct report_keyring *kr, const unsigned char pk[SEAL_SIGN_PK_BYTES],
                       const char *station, const char *kiosk)
{
    if (kr->n >= REPORT_KEYRING_MAX || !report_code_ok(station, 16) || !report_code_ok(kiosk, 32))
        return EXPORT_EINVAL;
    struct report_key *k = &kr->keys[kr->n++];
    memcpy(k->pk, pk, SEAL_SIGN_PK_BYTES);
    snprintf(k->station, sizeof k->station, "%s", station);
    snprintf(k->kiosk, sizeof k->kiosk, "%s", kiosk);
    return 0;
}

static int read_fd_small(int fd, size_t max, char **out, size_t *len)
{
    char *buf = malloc(max + 1);
    size_t got = 0;
    *out = NULL;
    if (buf == NULL)
        return EXPORT_ENOMEM;
    for (;;) {
        ssize_t n = read(fd, buf + got, max + 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            free(buf);
            return EXPORT_EIO;
        }
        if (n == 0)
            break;
        got += (size_t)n;
        if (got > max) {
            free(buf);
            return EXPORT_EFORMAT;
        }
    }
    buf[got] = '\0';
    *out = buf;
    *len = got;
    return 0;
}

int report_keyring_load(struct report_keyring *kr, const char *path, char *err, size_t errlen)
{
    char *txt, *save = NULL;
    size_t len;
    int lineno = 0, rc = 0;
    int fd = report_open_regular(AT_FDCWD, path);
    if (fd < 0)
        return export_msgf(err, errlen, EXPORT_EIO, MSGD_EXPORT, EXPORT_M_KEYRING_OPEN, "%s", path);
    rc = read_fd_small(fd, 256 * 1024, &txt, &len);
    close(fd);
    if (rc != 0)
        return export_msgf(err, errlen, rc, MSGD_EXPORT, EXPORT_M_KEYRING_READ, "%s", path);
    for (char *line = strtok_r(txt, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char hex[80], station[32], kiosk[64];
        unsigned char pk[SEAL_SIGN_PK_BYTES];
        lineno++;
        while (*line == ' ' || *line == '\t')
            line++;
        if (*line == '#' || *line == '\0' || *line == '\r')
            continue;
        if (sscanf(line, "%79s %31s %63s", hex, station, kiosk) != 3 || strlen(hex) != 64 ||
            seal_from_hex(hex, pk, sizeof pk) != 0 ||
            report_keyring_add(kr, pk, station, kiosk) != 0) {
            rc = export_msgf(err, errlen, EXPORT_EFORMAT, MSGD_EXPORT, EXPORT_M_KEYRING_LINE,
                             "%s%d", path, lineno);
            break;
        }
    }
    free(txt);
    return rc;
}

/* --- verification ------------------------------------------------------------------------ */

/* "key value" into out (value may be empty when allow_empty). */
static int field(const char **p, const char *end, const char *key, char *out, size_t size)
{
    const char *line;
    size_t len, k = strlen(key);
    if (!export_next_line(p, end, &line, &len) || len < k + 1 || memcmp(line, key, k) != 0 ||
        line[k] != ' ' || len - k - 1 >= size || memchr(line, '\0', len))
        return 0;
    memcpy(out, line + k + 1, len - k - 1);
    out[len - k - 1] = '\0';
    for (const unsigned char *c = (const unsigned char *)out; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return 0;
    return 1;
}

struct parsed {
    struct report_info info;
    char sha[EXPORT_MAX_FILES][65];
    long long size[EXPORT_MAX_FILES];
};

static int parse(const char *m, size_t mlen, struct parsed *out)
{
    const char *p = m, *end = m + mlen, *line;
    size_t len;
    char buf[512], kind[16], merged[4], since[16];
    struct report_info *in = &out->info;
    struct report_ident *id = &in->ident;

    memset(out, 0, sizeof *out);
    if (!export_next_line(&p, end, &line, &len) || len != strlen(MAGIC) || memcmp(line, MAGIC, len))
        return EXPORT_EFORMAT;
    if (!field(&p, end, "station", id->station_code, sizeof id->station_code) ||
        !report_code_ok(id->station_code, sizeof id->station_code) ||
        !field(&p, end, "kiosk", id->kiosk, sizeof id->kiosk) ||
        !field(&p, end, "signer", in->signer_kiosk, sizeof in->signer_kiosk) ||
        !report_code_ok(in->signer_kiosk, sizeof in->signer_kiosk) ||
        !field(&p, end, "merged", merged, sizeof merged) || !field(&p, end, "period", buf, 64))
        return EXPORT_EFORMAT;
    if (strcmp(merged, "0") != 0 && strcmp(merged, "1") != 0)
        return EXPORT_EFORMAT;
    in->merged = merged[0] == '1';
    char from[16], to[16];
    if (sscanf(buf, "%15s %15s %15s", kind, from, to) != 3 ||
        report_kind_parse(kind, &in->period.kind) != 0 || !export_day_valid(from) ||
        !export_day_valid(to) || strcmp(from, to) > 0)
        return EXPORT_EFORMAT;
    memcpy(in->period.from, from, 11);
    memcpy(in->period.to, to, 11);
    if (!field(&p, end, "created", in->created, sizeof in->created) ||
        !field(&p, end, "supervisor-id", id->supervisor_id, sizeof id->supervisor_id) ||
        !field(&p, end, "supervisor", id->supervisor_name, sizeof id->supervisor_name) ||
        !field(&p, end, "preparer", id->preparer_name, sizeof id->preparer_name) ||
        !field(&p, end, "audit-head", id->audit_head, sizeof id->audit_head) ||
        !field(&p, end, "since", since, sizeof since) ||
        !field(&p, end, "fingerprint", in->fingerprint, sizeof in->fingerprint))
        return EXPORT_EFORMAT;
    if (strcmp(since, "-") != 0) {
        if (!export_day_valid(since))
            return EXPORT_EFORMAT;
        memcpy(id->since, since, 11);
    }
    snprintf(id->signer, sizeof id->signer, "%s", in->signer_kiosk);
    while (p < end) {
        char sha[80], name[EXPORT_FILE_NAME_MAX + 8];
        long long size;
        int n = 0;
        if (in->n_files == EXPORT_MAX_FILES || !field(&p, end, "file", buf, sizeof buf) ||
            sscanf(buf, "%79s %lld %135s%n", sha, &size, name, &n) != 3 ||
            (size_t)n != strlen(buf) || !export_sha256_hex_ok(sha) || size < 0 ||
            !report_code_ok(name, EXPORT_FILE_NAME_MAX + 1))
            return EXPORT_EFORMAT;
        memcpy(out->sha[in->n_files], sha, 65);
        out->size[in->n_files] = size;
        snprintf(in->files[in->n_files], sizeof in->files[0], "%.128s", name);
        in->n_files++;
    }
    return in->n_files > 0 ? 0 : EXPORT_EFORMAT;
}

static int read_hex(int dirfd, const char *name, unsigned char *bin, size_t len)
{
    char *txt;
    size_t n;
    int fd = report_open_regular(dirfd, name);
    if (fd < 0)
        return fd;
    int rc = read_fd_small(fd, 1024, &txt, &n);
    close(fd);
    return rc != 0 ? rc : export_hex_text(txt, n, bin, len);
}

int report_verify(const char *dir, const struct report_keyring *kr, struct report_info *info,
                  char *err, size_t errlen)
{
    unsigned char sig[SEAL_SIG_BYTES];
    char *m = NULL, fpr[72];
    size_t mlen = 0;
    struct parsed *pm = NULL;
    const struct report_key *key = NULL;
    int rc, dfd = -1;

    if (info)
        memset(info, 0, sizeof *info);
    if (dir == NULL || kr == NULL || kr->n == 0)
        return export_msg(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_NO_KEYS);
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return export_msgf(err, errlen, EXPORT_EMISSING, MSGD_EXPORT, EXPORT_M_OPEN_FOLDER, "%s",
                           dir);
    if ((rc = read_hex(dfd, EXPORT_SIGNATURE, sig, sizeof sig)) != 0) {
        rc = export_msgf(err, errlen, rc == EXPORT_EMISSING ? rc : EXPORT_EBADSIG, MSGD_EXPORT,
                         EXPORT_M_SIGNATURE_MISSING, "%s", EXPORT_SIGNATURE);
        goto out;
    }
    int fd = report_open_regular(dfd, EXPORT_MANIFEST);
    if (fd < 0) {
        rc = export_msgf(err, errlen, fd == EXPORT_EMISSING ? fd : EXPORT_EFORMAT, MSGD_EXPORT,
                         EXPORT_M_MANIFEST_MISSING, "%s", EXPORT_MANIFEST);
        goto out;
    }
    rc = read_fd_small(fd, MANIFEST_MAX, &m, &mlen);
    close(fd);
    if (rc != 0) {
        rc = export_msgf(err, errlen, rc, MSGD_EXPORT, EXPORT_M_FILE_UNREADABLE, "%s",
                         EXPORT_MANIFEST);
        goto out;
    }
    for (int i = 0; i < kr->n && key == NULL; i++)
        if (crypto_sign_verify_detached(sig, (const unsigned char *)m, mlen, kr->keys[i].pk) == 0)
            key = &kr->keys[i];
    if (key == NULL) {
        rc = export_msg(err, errlen, EXPORT_EBADSIG, MSGD_EXPORT, EXPORT_M_BAD_SIGNATURE);
        goto out;
    }
    if ((pm = malloc(sizeof *pm)) == NULL) {
        rc = export_msg(err, errlen, EXPORT_ENOMEM, MSGD_EXPORT, EXPORT_M_NOMEM);
        goto out;
    }
    if ((rc = parse(m, mlen, pm)) != 0) {
        rc = export_msgf(err, errlen, rc, MSGD_EXPORT, EXPORT_M_MANIFEST_FORMAT, "%s",
                         EXPORT_MANIFEST);
        goto out;
    }
    report_fingerprint(key->pk, fpr);
    if (strcmp(key->station, pm->info.ident.station_code) != 0 ||
        strcmp(key->kiosk, pm->info.signer_kiosk) != 0 || strcmp(fpr, pm->info.fingerprint) != 0 ||
        (!pm->info.merged && strcmp(pm->info.ident.kiosk, pm->info.signer_kiosk) != 0)) {
        rc = export_msgf(err, errlen, EXPORT_EBADSIG, MSGD_EXPORT, EXPORT_M_SIGNER_MISMATCH,
                         "%s%s%s%s", pm->info.ident.station_code, pm->info.signer_kiosk,
                         key->station, key->kiosk);
        goto out;
    }
    for (int i = 0; i < pm->info.n_files; i++) {
        char got[65];
        long long have;
        const char *name = pm->info.files[i];
        fd = report_open_regular(dfd, name);
        if (fd < 0) {
            rc = export_msgf(
                err, errlen, fd == EXPORT_EMISSING ? fd : EXPORT_ETAMPERED, MSGD_EXPORT,
                fd == EXPORT_EMISSING ? EXPORT_M_FILE_MISSING : EXPORT_M_FILE_NOT_REGULAR, "%s",
                name);
            goto out;
        }
        rc = fd_sha256(fd, got, &have);
        close(fd);
        if (rc != 0) {
            rc = export_msgf(err, errlen, rc, MSGD_EXPORT, EXPORT_M_CANNOT_READ, "%s", name);
            goto out;
        }
        if (have != pm->size[i] || strcmp(got, pm->sha[i]) != 0) {
            rc = export_msgf(err, errlen, EXPORT_ETAMPERED, MSGD_EXPORT, EXPORT_M_FILE_MODIFIED,
                             "%s", name);
            goto out;
        }
    }
    if (info)
        *info = pm->info;
    rc = 0;
out:
    free(pm);
    free(m);
    if (dfd >= 0)
        close(dfd);
    return rc;
}
