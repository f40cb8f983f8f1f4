/* export_manifest.c: the signed manifest of an export directory, and its verification.
 *
 * manifest.txt (ASCII, LF line ends, fields in this order):
 *   kiosk-export 1
 *   day YYYY-MM-DD
 *   format csv|json
 *   created YYYY-MM-DDTHH:MM:SSZ
 *   actor <officer id>
 *   fingerprint SHA256:<64 hex of SHA-256 of the Ed25519 public key>
 *   file <64 hex SHA-256> <size in bytes> <name>      (one line per file, 1..EXPORT_MAX_FILES)
 * manifest.sig holds the Ed25519 signature of manifest.txt's exact bytes (128 hex + LF) and
 * sign.pub the public key (64 hex + LF). The supervisor compares the fingerprint with the one
 * the kiosk shows; export_verify() checks signature, fingerprint and every file.
 *
 * Everything read back from a directory is untrusted: sizes are capped before reading, the
 * signature is checked before the manifest is parsed, and file names are plain names
 * ([A-Za-z0-9._-], not starting with a dot) so that a manifest cannot point outside dir.
 * Files are written to a temporary name, fsynced and renamed, manifest last. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/export/export.h"
#include "kiosk/model/timefmt.h"

#define MANIFEST_MAGIC "kiosk-export 1"
#define MANIFEST_MAX   (64 * 1024)
#define KEYFILE_MAX    1024
#define FILE_NAME_MAX  EXPORT_FILE_NAME_MAX

/* --- files written in place ------------------------------------------------------------ */

static void free_buffer(struct export_file *ef)
{
    if (ef->buf) {
        explicit_bzero(ef->buf, EXPORT_FILE_BUFFER);
        free(ef->buf);
        ef->buf = NULL;
    }
}

int export_file_open(struct export_file *ef, const char *dir, const char *name)
{
    memset(ef, 0, sizeof *ef);
    if ((size_t)snprintf(ef->path, sizeof ef->path, "%s/%s", dir, name) >= sizeof ef->path ||
        (size_t)snprintf(ef->tmp, sizeof ef->tmp, "%s/.%s.tmp", dir, name) >= sizeof ef->tmp)
        return EXPORT_EINVAL;
    if ((ef->buf = malloc(EXPORT_FILE_BUFFER)) == NULL)
        return EXPORT_ENOMEM;
    int fd = open(ef->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        ef->tmp[0] = '\0';
        free_buffer(ef);
        return EXPORT_EIO;
    }
    ef->f = fdopen(fd, "w");
    if (ef->f == NULL) {
        close(fd);
        unlink(ef->tmp);
        ef->tmp[0] = '\0';
        free_buffer(ef);
        return EXPORT_EIO;
    }
    setvbuf(ef->f, ef->buf, _IOFBF, EXPORT_FILE_BUFFER);
    return 0;
}

int export_file_commit(struct export_file *ef)
{
    int rc = 0;
    if (fflush(ef->f) != 0 || fsync(fileno(ef->f)) != 0)
        rc = EXPORT_EIO;
    if (fclose(ef->f) != 0)
        rc = EXPORT_EIO;
    ef->f = NULL;
    free_buffer(ef);
    if (rc == 0 && rename(ef->tmp, ef->path) != 0)
        rc = EXPORT_EIO;
    if (rc != 0)
        unlink(ef->tmp);
    ef->tmp[0] = '\0';
    return rc;
}

void export_file_abort(struct export_file *ef)
{
    if (ef->f) {
        fclose(ef->f);
        ef->f = NULL;
    }
    free_buffer(ef);
    if (ef->tmp[0])
        unlink(ef->tmp);
    ef->tmp[0] = '\0';
}

int export_file_sha256(const char *path, char hex[65], long long *size)
{
    crypto_hash_sha256_state st;
    unsigned char buf[1 << 16], md[crypto_hash_sha256_BYTES];
    long long total = 0;
    ssize_t n;
    int rc = 0;

    hex[0] = '\0';
    *size = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? EXPORT_EMISSING : EXPORT_EIO;
    crypto_hash_sha256_init(&st);
    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = EXPORT_EIO;
            goto out;
        }
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
        total += n;
    }
    crypto_hash_sha256_final(&st, md);
    seal_to_hex(md, sizeof md, hex);
    *size = total;
out:
    explicit_bzero(buf, sizeof buf);
    close(fd);
    return rc;
}

/* Reads a whole small file (at most max bytes) NUL-terminated into a new buffer. */
static int read_small(const char *path, size_t max, char **out, size_t *len)
{
    struct stat sb;
    char *buf = NULL;
    size_t got = 0;
    int rc = 0;

    *out = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? EXPORT_EMISSING : EXPORT_EIO;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        rc = EXPORT_EIO;
        goto out;
    }
    if ((unsigned long long)sb.st_size > max) {
        rc = EXPORT_EFORMAT;
        goto out;
    }
    buf = malloc(max + 1);
    if (buf == NULL) {
        rc = EXPORT_ENOMEM;
        goto out;
    }
    while (got < max) {
        ssize_t n = read(fd, buf + got, max - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = EXPORT_EIO;
            goto out;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    buf[got] = '\0';
    *out = buf;
    *len = got;
    buf = NULL;
out:
    free(buf);
    close(fd);
    return rc;
}

int export_hex_text(char *txt, size_t n, unsigned char *bin, size_t len)
{
    if (n > 0 && txt[n - 1] == '\n')
        txt[--n] = '\0';
    int rc = (n == 2 * len && seal_from_hex(txt, bin, len) == 0) ? 0 : EXPORT_EFORMAT;
    free(txt);
    return rc;
}

/* A file holding exactly 2*len hex digits and an optional final LF. */
static int read_hex_file(const char *path, unsigned char *bin, size_t len)
{
    char *txt;
    size_t n;
    int rc = read_small(path, KEYFILE_MAX, &txt, &n);
    return rc != 0 ? rc : export_hex_text(txt, n, bin, len);
}

static void key_fingerprint(const unsigned char pk[SEAL_SIGN_PK_BYTES], char out[72])
{
    char hex[65];
    seal_sha256_hex(pk, SEAL_SIGN_PK_BYTES, hex);
    snprintf(out, 72, "SHA256:%s", hex);
}

static int name_ok(const char *s, size_t len)
{
    if (len == 0 || len > FILE_NAME_MAX || s[0] == '.')
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static int is_hex64(const char *s, size_t len)
{
    if (len != 64)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

int export_sha256_hex_ok(const char *s)
{
    return is_hex64(s, strlen(s));
}

/* --- writing --------------------------------------------------------------------------- */

static int write_text_file(const char *dir, const char *name, const void *data, size_t len)
{
    struct export_file ef;
    int rc = export_file_open(&ef, dir, name);
    if (rc != 0)
        return rc;
    if (fwrite(data, 1, len, ef.f) != len) {
        export_file_abort(&ef);
        return EXPORT_EIO;
    }
    return export_file_commit(&ef);
}

int export_sign_manifest(FILE *mf, char **m, size_t *mlen, const struct seal_keys *keys,
                         char sighex[2 * SEAL_SIG_BYTES + 2],
                         char pkhex[2 * SEAL_SIGN_PK_BYTES + 2])
{
    unsigned char sig[SEAL_SIG_BYTES];
    if (fclose(mf) != 0)
        return -1;
    seal_sign(keys, *m, *mlen, sig);
    seal_to_hex(sig, sizeof sig, sighex);
    strcat(sighex, "\n");
    seal_to_hex(keys->sign_pk, SEAL_SIGN_PK_BYTES, pkhex);
    strcat(pkhex, "\n");
    return 0;
}

int export_manifest_write(const char *dir, const char *day, const char *format, const char *actor,
                          int64_t now_ms, const struct seal_keys *keys, const char *const *files,
                          size_t n_files, char *err, size_t errlen)
{
    char *m = NULL, created[21], fpr[72], hex[65], sighex[2 * SEAL_SIG_BYTES + 2];
    char pkhex[2 * SEAL_SIGN_PK_BYTES + 2];
    size_t mlen = 0;
    long long size;
    int rc = 0;

    if (n_files == 0 || n_files > EXPORT_MAX_FILES)
        return export_errf(err, errlen, EXPORT_EINVAL, "export: bad number of files");
    FILE *mf = open_memstream(&m, &mlen);
    if (mf == NULL)
        return export_errf(err, errlen, EXPORT_ENOMEM, "export: out of memory");
    time_iso_utc(now_ms, created);
    key_fingerprint(keys->sign_pk, fpr);
    fprintf(mf, "%s\nday %s\nformat %s\ncreated %s\nactor %s\nfingerprint %s\n", MANIFEST_MAGIC,
            day, format, created, actor, fpr);
    for (size_t i = 0; i < n_files; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if ((rc = export_file_sha256(path, hex, &size)) != 0) {
            rc = export_errf(err, errlen, rc, "export: cannot read back %s", files[i]);
            break;
        }
        fprintf(mf, "file %s %lld %s\n", hex, size, files[i]);
    }
    if (export_sign_manifest(mf, &m, &mlen, keys, sighex, pkhex) != 0 && rc == 0)
        rc = export_errf(err, errlen, EXPORT_ENOMEM, "export: out of memory");
    if (rc != 0)
        goto out;
    /* The manifest goes last: a directory whose manifest is in place is complete. */
    if ((rc = write_text_file(dir, EXPORT_PUBKEY, pkhex, strlen(pkhex))) != 0 ||
        (rc = write_text_file(dir, EXPORT_SIGNATURE, sighex, strlen(sighex))) != 0 ||
        (rc = write_text_file(dir, EXPORT_MANIFEST, m, mlen)) != 0)
        rc = export_errf(err, errlen, rc, "export: cannot write the manifest in %s", dir);
out:
    free(m);
    return rc;
}

/* --- reading --------------------------------------------------------------------------- */

int export_next_line(const char **p, const char *end, const char **line, size_t *len)
{
    if (*p >= end)
        return 0;
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    if (nl == NULL)
        return 0; /* every line of a manifest ends with LF */
    *line = *p;
    *len = (size_t)(nl - *p);
    *p = nl + 1;
    return 1;
}

/* "key value": 1 with the value's view when the line starts with key and a space. */
static int field(const char *line, size_t len, const char *key, const char **val, size_t *vlen)
{
    size_t k = strlen(key);
    if (len <= k || memcmp(line, key, k) != 0 || line[k] != ' ')
        return 0;
    *val = line + k + 1;
    *vlen = len - k - 1;
    return 1;
}

static int copy_field(const char *val, size_t vlen, char *out, size_t size)
{
    if (vlen >= size || memchr(val, '\0', vlen) != NULL)
        return 0;
    memcpy(out, val, vlen);
    out[vlen] = '\0';
    return 1;
}

int export_manifest_day(const char *dir, char day[11])
{
    char path[4096], *m;
    size_t mlen, vlen, len;
    const char *p, *line, *val;
    int rc;

    day[0] = '\0';
    snprintf(path, sizeof path, "%s/%s", dir, EXPORT_MANIFEST);
    if ((rc = read_small(path, MANIFEST_MAX, &m, &mlen)) != 0)
        return rc;
    rc = EXPORT_EFORMAT;
    p = m;
    while (export_next_line(&p, m + mlen, &line, &len)) {
        if (field(line, len, "day", &val, &vlen)) {
            if (copy_field(val, vlen, day, 11) && export_day_valid(day))
                rc = 0;
            else
                day[0] = '\0';
            break;
        }
    }
    free(m);
    return rc;
}

/* The size field of a file line: 1-19 decimal digits. */
static int parse_size(const char *s, size_t len, long long *out)
{
    long long v = 0;
    if (len == 0 || len > 18)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static int parse_file_line(const char *val, size_t vlen, struct export_manifest_file *f)
{
    /* "<64 hex> <size> <name>" */
    if (vlen < 64 + 1 + 1 + 1 || !is_hex64(val, 64) || val[64] != ' ')
        return 0;
    const char *sz = val + 65, *end = val + vlen;
    const char *sp = memchr(sz, ' ', (size_t)(end - sz));
    if (sp == NULL || !parse_size(sz, (size_t)(sp - sz), &f->size))
        return 0;
    size_t nlen = (size_t)(end - (sp + 1));
    if (!name_ok(sp + 1, nlen))
        return 0;
    memcpy(f->sha256, val, 64);
    f->sha256[64] = '\0';
    memcpy(f->name, sp + 1, nlen);
    f->name[nlen] = '\0';
    return 1;
}

int export_manifest_parse(const char *m, size_t mlen, struct export_manifest *out)
{
    const char *p = m, *end = m + mlen, *line, *val;
    size_t len, vlen;
    struct export_info *in = &out->info;

    memset(out, 0, sizeof *out);
    if (m == NULL || mlen > MANIFEST_MAX)
        goto bad;
    if (!export_next_line(&p, end, &line, &len) || len != strlen(MANIFEST_MAGIC) ||
        memcmp(line, MANIFEST_MAGIC, len) != 0)
        goto bad;
    if (!export_next_line(&p, end, &line, &len) || !field(line, len, "day", &val, &vlen) ||
        !copy_field(val, vlen, in->day, sizeof in->day) || !export_day_valid(in->day))
        goto bad;
    if (!export_next_line(&p, end, &line, &len) || !field(line, len, "format", &val, &vlen) ||
        !copy_field(val, vlen, in->format, sizeof in->format) ||
        (strcmp(in->format, "csv") != 0 && strcmp(in->format, "json") != 0))
        goto bad;
    if (!export_next_line(&p, end, &line, &len) || !field(line, len, "created", &val, &vlen) ||
        !copy_field(val, vlen, in->created, sizeof in->created))
        goto bad;
    if (!export_next_line(&p, end, &line, &len) || !field(line, len, "actor", &val, &vlen) ||
        !copy_field(val, vlen, in->actor, sizeof in->actor))
        goto bad;
    if (!export_next_line(&p, end, &line, &len) || !field(line, len, "fingerprint", &val, &vlen) ||
        !copy_field(val, vlen, in->fingerprint, sizeof in->fingerprint))
        goto bad;
    while (export_next_line(&p, end, &line, &len)) {
        if (out->n_files == EXPORT_MAX_FILES || !field(line, len, "file", &val, &vlen) ||
            !parse_file_line(val, vlen, &out->files[out->n_files]))
            goto bad;
        out->n_files++;
    }
    if (p != end || out->n_files == 0) /* an unterminated last line, or no file */
        goto bad;
    in->files = out->n_files;
    return 0;
bad:
    memset(out, 0, sizeof *out);
    return EXPORT_EFORMAT;
}

int export_verify_info(const char *dir, struct export_info *info, char *err, size_t errlen)
{
    unsigned char pk[SEAL_SIGN_PK_BYTES], sig[SEAL_SIG_BYTES];
    char path[4096], fpr[72], *m = NULL;
    struct export_manifest *man = NULL;
    size_t mlen = 0;
    int rc;

    if (info)
        memset(info, 0, sizeof *info);
    if (err && errlen)
        err[0] = '\0';
    if (dir == NULL || dir[0] == '\0' || strlen(dir) > 3000)
        return export_errf(err, errlen, EXPORT_EINVAL, "export verify: no directory given");

    snprintf(path, sizeof path, "%s/%s", dir, EXPORT_PUBKEY);
    if ((rc = read_hex_file(path, pk, sizeof pk)) != 0) {
        rc = export_errf(err, errlen, rc == EXPORT_EFORMAT ? EXPORT_EBADSIG : rc, "%s: %s",
                         EXPORT_PUBKEY, rc == EXPORT_EMISSING ? "missing" : "not a public key");
        goto out;
    }
    snprintf(path, sizeof path, "%s/%s", dir, EXPORT_SIGNATURE);
    if ((rc = read_hex_file(path, sig, sizeof sig)) != 0) {
        rc = export_errf(err, errlen, rc == EXPORT_EFORMAT ? EXPORT_EBADSIG : rc, "%s: %s",
                         EXPORT_SIGNATURE, rc == EXPORT_EMISSING ? "missing" : "not a signature");
        goto out;
    }
    snprintf(path, sizeof path, "%s/%s", dir, EXPORT_MANIFEST);
    if ((rc = read_small(path, MANIFEST_MAX, &m, &mlen)) != 0) {
        rc = export_errf(err, errlen, rc, "%s: %s", EXPORT_MANIFEST,
                         rc == EXPORT_EMISSING ? "missing" : "unreadable or too large");
        goto out;
    }
    if (seal_verify(pk, m, mlen, sig) != 0) {
        rc =
            export_errf(err, errlen, EXPORT_EBADSIG,
                        "%s: signature does not verify (manifest or key changed)", EXPORT_MANIFEST);
        goto out;
    }
    if ((man = calloc(1, sizeof *man)) == NULL) {
        rc = export_errf(err, errlen, EXPORT_ENOMEM, "export verify: out of memory");
        goto out;
    }
    if ((rc = export_manifest_parse(m, mlen, man)) != 0) {
        rc = export_errf(err, errlen, rc, "%s: not a manifest this kiosk writes", EXPORT_MANIFEST);
        goto out;
    }
    key_fingerprint(pk, fpr);
    if (strcmp(fpr, man->info.fingerprint) != 0) {
        rc = export_errf(err, errlen, EXPORT_EBADSIG, "%s: key fingerprint differs from %s",
                         EXPORT_MANIFEST, EXPORT_PUBKEY);
        goto out;
    }
    for (int i = 0; i < man->n_files; i++) {
        const struct export_manifest_file *f = &man->files[i];
        char got[65];
        long long have;
        snprintf(path, sizeof path, "%s/%s", dir, f->name);
        rc = export_file_sha256(path, got, &have);
        if (rc == EXPORT_EMISSING) {
            rc = export_errf(err, errlen, rc, "%s: missing", f->name);
            goto out;
        }
        if (rc != 0) {
            rc = export_errf(err, errlen, rc, "%s: cannot read", f->name);
            goto out;
        }
        if (have != f->size || strcmp(got, f->sha256) != 0) {
            rc = export_errf(err, errlen, EXPORT_ETAMPERED,
                             "%s: modified (size or SHA-256 differs from the manifest)", f->name);
            goto out;
        }
    }
    if (info)
        *info = man->info;
    rc = 0;
out:
    free(man);
    free(m);
    return rc;
}

int export_verify(const char *dir, char *err, size_t errlen)
{
    return export_verify_info(dir, NULL, err, errlen);
}
