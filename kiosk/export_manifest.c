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

#include "kiosk/export.h"
#include "kiosk/timefmt.h"

#define MANIFEST_MAGIC   "kiosk-export 1"
#define MANIFEST_MAX     (64 * 1024)
#define EXPORT_MAX_FILES 16
#define KEYFILE_MAX      1024
#define FILE_NAME_MAX    128

static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* --- files written in place ------------------------------------------------------------ */

int export_file_open(struct export_file *ef, const char *dir, const char *name)
{
    memset(ef, 0, sizeof *ef);
    if ((size_t)snprintf(ef->path, sizeof ef->path, "%s/%s", dir, name) >= sizeof ef->path ||
        (size_t)snprintf(ef->tmp, sizeof ef->tmp, "%s/.%s.tmp", dir, name) >= sizeof ef->tmp)
        return EXPORT_EINVAL;
    int fd = open(ef->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return EXPORT_EIO;
    ef->f = fdopen(fd, "w");
    if (ef->f == NULL) {
        close(fd);
        unlink(ef->tmp);
        return EXPORT_EIO;
    }
    setvbuf(ef->f, NULL, _IOFBF, 1 << 16);
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
    if (ef->tmp[0])
        unlink(ef->tmp);
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

/* A file holding exactly 2*len hex digits and an optional final LF. */
static int read_hex_file(const char *path, unsigned char *bin, size_t len)
{
    char *txt;
    size_t n;
    int rc = read_small(path, KEYFILE_MAX, &txt, &n);
    if (rc != 0)
        return rc;
    if (n > 0 && txt[n - 1] == '\n')
        txt[--n] = '\0';
    rc = (n == 2 * len && seal_from_hex(txt, bin, len) == 0) ? 0 : EXPORT_EFORMAT;
    free(txt);
    return rc;
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

int export_manifest_write(const char *dir, const char *day, const char *format, const char *actor,
                          int64_t now_ms, const struct seal_keys *keys, const char *const *files,
                          size_t n_files, char *err, size_t errlen)
{
    char *m = NULL, created[21], fpr[72], hex[65], sighex[2 * SEAL_SIG_BYTES + 2];
    char pkhex[2 * SEAL_SIGN_PK_BYTES + 2];
    unsigned char sig[SEAL_SIG_BYTES];
    size_t mlen = 0;
    long long size;
    int rc = 0;

    if (n_files == 0 || n_files > EXPORT_MAX_FILES)
        return fail(err, errlen, EXPORT_EINVAL, "export: bad number of files");
    FILE *mf = open_memstream(&m, &mlen);
    if (mf == NULL)
        return fail(err, errlen, EXPORT_ENOMEM, "export: out of memory");
    time_iso_utc(now_ms, created);
    key_fingerprint(keys->sign_pk, fpr);
    fprintf(mf, "%s\nday %s\nformat %s\ncreated %s\nactor %s\nfingerprint %s\n", MANIFEST_MAGIC,
            day, format, created, actor, fpr);
    for (size_t i = 0; i < n_files; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if ((rc = export_file_sha256(path, hex, &size)) != 0) {
            rc = fail(err, errlen, rc, "export: cannot read back %s", files[i]);
            break;
        }
        fprintf(mf, "file %s %lld %s\n", hex, size, files[i]);
    }
    if (fclose(mf) != 0 && rc == 0)
        rc = fail(err, errlen, EXPORT_ENOMEM, "export: out of memory");
    if (rc != 0)
        goto out;

    seal_sign(keys, m, mlen, sig);
    seal_to_hex(sig, sizeof sig, sighex);
    strcat(sighex, "\n");
    seal_to_hex(keys->sign_pk, SEAL_SIGN_PK_BYTES, pkhex);
    strcat(pkhex, "\n");
    /* The manifest goes last: a directory whose manifest is in place is complete. */
    if ((rc = write_text_file(dir, EXPORT_PUBKEY, pkhex, strlen(pkhex))) != 0 ||
        (rc = write_text_file(dir, EXPORT_SIGNATURE, sighex, strlen(sighex))) != 0 ||
        (rc = write_text_file(dir, EXPORT_MANIFEST, m, mlen)) != 0)
        rc = fail(err, errlen, rc, "export: cannot write the manifest in %s", dir);
out:
    free(m);
    return rc;
}

/* --- reading --------------------------------------------------------------------------- */

/* A view of the next line of [*p, end): the line without its LF; *p moves past it. */
static int next_line(const char **p, const char *end, const char **line, size_t *len)
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
    while (next_line(&p, m + mlen, &line, &len)) {
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

static int check_files(const char *dir, const char *p, const char *end, int *count, char *err,
                       size_t errlen)
{
    const char *line, *val;
    size_t len, vlen;

    *count = 0;
    while (next_line(&p, end, &line, &len)) {
        char want[65], got[65], name[FILE_NAME_MAX + 1], path[4096], *endp;
        long long size, have;
        if (!field(line, len, "file", &val, &vlen) || vlen < 64 + 3 || !is_hex64(val, 64) ||
            val[64] != ' ')
            return fail(err, errlen, EXPORT_EFORMAT, "%s: malformed file line", EXPORT_MANIFEST);
        memcpy(want, val, 64);
        want[64] = '\0';
        const char *sp = memchr(val + 65, ' ', vlen - 65);
        if (sp == NULL || sp == val + 65 || sp - (val + 65) > 19)
            return fail(err, errlen, EXPORT_EFORMAT, "%s: malformed file size", EXPORT_MANIFEST);
        char num[24];
        memcpy(num, val + 65, (size_t)(sp - (val + 65)));
        num[sp - (val + 65)] = '\0';
        if (num[0] < '0' || num[0] > '9')
            return fail(err, errlen, EXPORT_EFORMAT, "%s: malformed file size", EXPORT_MANIFEST);
        errno = 0;
        size = strtoll(num, &endp, 10);
        if (errno != 0 || *endp != '\0')
            return fail(err, errlen, EXPORT_EFORMAT, "%s: malformed file size", EXPORT_MANIFEST);
        size_t nlen = vlen - (size_t)(sp + 1 - val);
        if (!name_ok(sp + 1, nlen))
            return fail(err, errlen, EXPORT_EFORMAT, "%s: bad file name", EXPORT_MANIFEST);
        memcpy(name, sp + 1, nlen);
        name[nlen] = '\0';
        if (++*count > EXPORT_MAX_FILES)
            return fail(err, errlen, EXPORT_EFORMAT, "%s: too many files", EXPORT_MANIFEST);
        snprintf(path, sizeof path, "%s/%s", dir, name);
        int rc = export_file_sha256(path, got, &have);
        if (rc == EXPORT_EMISSING)
            return fail(err, errlen, rc, "%s: missing", name);
        if (rc != 0)
            return fail(err, errlen, rc, "%s: cannot read", name);
        if (have != size || strcmp(got, want) != 0)
            return fail(err, errlen, EXPORT_ETAMPERED,
                        "%s: modified (size or SHA-256 differs from the manifest)", name);
    }
    if (p != end)
        return fail(err, errlen, EXPORT_EFORMAT, "%s: last line not terminated", EXPORT_MANIFEST);
    if (*count == 0)
        return fail(err, errlen, EXPORT_EFORMAT, "%s: lists no file", EXPORT_MANIFEST);
    return 0;
}

int export_verify_info(const char *dir, struct export_info *info, char *err, size_t errlen)
{
    unsigned char pk[SEAL_SIGN_PK_BYTES], sig[SEAL_SIG_BYTES];
    char path[4096], fpr[72], *m = NULL;
    const char *p, *end, *line, *val;
    size_t mlen = 0, len, vlen;
    struct export_info in;
    int rc;

    memset(&in, 0, sizeof in);
    if (info)
        memset(info, 0, sizeof *info);
    if (err && errlen)
        err[0] = '\0';
    if (dir == NULL || dir[0] == '\0')
        return fail(err, errlen, EXPORT_EINVAL, "export verify: no directory given");

    snprintf(path, sizeof path, "%s/%s", dir, EXPORT_PUBKEY);
    if ((rc = read_hex_file(path, pk, sizeof pk)) != 0) {
        rc = fail(err, errlen, rc == EXPORT_EFORMAT ? EXPORT_EBADSIG : rc, "%s: %s", EXPORT_PUBKEY,
                  rc == EXPORT_EMISSING ? "missing" : "not a public key");
        goto out;
    }
    snprintf(path, sizeof path, "%s/%s", dir, EXPORT_SIGNATURE);
    if ((rc = read_hex_file(path, sig, sizeof sig)) != 0) {
        rc = fail(err, errlen, rc == EXPORT_EFORMAT ? EXPORT_EBADSIG : rc, "%s: %s",
                  EXPORT_SIGNATURE, rc == EXPORT_EMISSING ? "missing" : "not a signature");
        goto out;
    }
    snprintf(path, sizeof path, "%s/%s", dir, EXPORT_MANIFEST);
    if ((rc = read_small(path, MANIFEST_MAX, &m, &mlen)) != 0) {
        rc = fail(err, errlen, rc, "%s: %s", EXPORT_MANIFEST,
                  rc == EXPORT_EMISSING ? "missing" : "unreadable or too large");
        goto out;
    }
    if (seal_verify(pk, m, mlen, sig) != 0) {
        rc = fail(err, errlen, EXPORT_EBADSIG,
                  "%s: signature does not verify (manifest or key changed)", EXPORT_MANIFEST);
        goto out;
    }

    /* Signed by sign.pub: now parse the header fields in their fixed order. */
    p = m;
    end = m + mlen;
    rc = fail(err, errlen, EXPORT_EFORMAT, "%s: not a kiosk export manifest", EXPORT_MANIFEST);
    if (!next_line(&p, end, &line, &len) || len != strlen(MANIFEST_MAGIC) ||
        memcmp(line, MANIFEST_MAGIC, len) != 0)
        goto out;
    if (!next_line(&p, end, &line, &len) || !field(line, len, "day", &val, &vlen) ||
        !copy_field(val, vlen, in.day, sizeof in.day) || !export_day_valid(in.day))
        goto out;
    if (!next_line(&p, end, &line, &len) || !field(line, len, "format", &val, &vlen) ||
        !copy_field(val, vlen, in.format, sizeof in.format) ||
        (strcmp(in.format, "csv") != 0 && strcmp(in.format, "json") != 0))
        goto out;
    if (!next_line(&p, end, &line, &len) || !field(line, len, "created", &val, &vlen) ||
        !copy_field(val, vlen, in.created, sizeof in.created))
        goto out;
    if (!next_line(&p, end, &line, &len) || !field(line, len, "actor", &val, &vlen) ||
        !copy_field(val, vlen, in.actor, sizeof in.actor))
        goto out;
    if (!next_line(&p, end, &line, &len) || !field(line, len, "fingerprint", &val, &vlen) ||
        !copy_field(val, vlen, in.fingerprint, sizeof in.fingerprint))
        goto out;
    key_fingerprint(pk, fpr);
    if (strcmp(fpr, in.fingerprint) != 0) {
        rc = fail(err, errlen, EXPORT_EBADSIG, "%s: key fingerprint differs from %s",
                  EXPORT_MANIFEST, EXPORT_PUBKEY);
        goto out;
    }
    if ((rc = check_files(dir, p, end, &in.files, err, errlen)) != 0)
        goto out;
    if (info)
        *info = in;
    if (err && errlen)
        err[0] = '\0';
out:
    free(m);
    return rc;
}

int export_verify(const char *dir, char *err, size_t errlen)
{
    return export_verify_info(dir, NULL, err, errlen);
}
