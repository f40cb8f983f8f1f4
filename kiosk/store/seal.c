/* seal.c: the kiosk's keys and its encryption, sealing and signing (libsodium).
 *
 * Key files are created with O_EXCL|O_NOFOLLOW and mode 0600 inside a 0700 directory, and
 * only when the caller allows it (never over a store that holds rows: see store_keys.c); a
 * key file or directory that others can read or that another user owns is refused rather
 * than used. Nothing here logs key material. */
#include "kiosk/store/seal.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *seal_strerror(int err)
{
    switch (err) {
    case SEAL_OK:
        return "ok";
    case SEAL_EIO:
        return "cannot read or write a key file";
    case SEAL_EPERM:
        return "key file readable by others";
    case SEAL_EFORMAT:
        return "key file damaged";
    case SEAL_EDECRYPT:
        return "encrypted data damaged or wrong key";
    case SEAL_ENOMEM:
        return "out of memory";
    case SEAL_ENOKEY:
        return "no upstream sealing key configured";
    case SEAL_EMISSING:
        return "key file missing";
    case SEAL_EOWNER:
        return "key file or directory owned by another user";
    }
    return "unknown error";
}

int seal_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

/* Reads a key file of exactly len bytes. 1 when it does not exist. */
static int read_exact(const char *path, unsigned char *buf, size_t len)
{
    struct stat sb;
    int rc = SEAL_EIO;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return errno == ENOENT ? 1 : SEAL_EIO;
    if (fstat(fd, &sb) != 0)
        goto out;
    if (!S_ISREG(sb.st_mode)) {
        rc = SEAL_EFORMAT;
        goto out;
    }
    if (sb.st_uid != geteuid()) {
        rc = SEAL_EOWNER;
        goto out;
    }
    if (sb.st_mode & 077) {
        rc = SEAL_EPERM;
        goto out;
    }
    if ((size_t)sb.st_size != len) {
        rc = SEAL_EFORMAT;
        goto out;
    }
    if (read(fd, buf, len) != (ssize_t)len)
        goto out;
    rc = 0;
out:
    close(fd);
    return rc;
}

static int write_new(const char *path, const unsigned char *buf, size_t len, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0)
        return SEAL_EIO;
    int ok = write(fd, buf, len) == (ssize_t)len && fsync(fd) == 0;
    close(fd);
    if (!ok) {
        unlink(path);
        return SEAL_EIO;
    }
    return 0;
}

static const struct {
    int bit;
    const char *file;
    size_t off, len;
} key_files[] = {
    {SEAL_K_STORE, "store.key", offsetof(struct seal_keys, store_key), SEAL_KEY_BYTES},
    {SEAL_K_INDEX, "index.key", offsetof(struct seal_keys, index_key), SEAL_KEY_BYTES},
    {SEAL_K_SIGN, "sign.key", offsetof(struct seal_keys, sign_sk), SEAL_SIGN_SK_BYTES},
    {SEAL_K_AUDIT, "audit.key", offsetof(struct seal_keys, audit_key), SEAL_KEY_BYTES},
    {SEAL_K_PEPPER, "pin.pepper", offsetof(struct seal_keys, pin_pepper), SEAL_KEY_BYTES},
};
#define N_KEY_FILES (sizeof(key_files) / sizeof(key_files[0]))

const char *seal_key_file(int bit)
{
    for (size_t i = 0; i < N_KEY_FILES; i++)
        if (key_files[i].bit == bit)
            return key_files[i].file;
    return "?";
}

void seal_key_id(const struct seal_keys *k, int bit, char out[9])
{
    static const unsigned char label[] = "kiosk key id v1";
    unsigned char h[16];
    out[0] = '\0';
    for (size_t i = 0; i < N_KEY_FILES; i++) {
        if (key_files[i].bit != bit)
            continue;
        crypto_generichash(h, sizeof(h), (const unsigned char *)k + key_files[i].off,
                           key_files[i].len, label, sizeof(label) - 1);
        seal_to_hex(h, 4, out);
    }
}

/* The key directory: ours, not open to others; created 0700 when missing. */
static int check_dir(const char *keydir)
{
    struct stat sb;
    if (mkdir(keydir, 0700) != 0 && errno != EEXIST)
        return SEAL_EIO;
    if (lstat(keydir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return SEAL_EIO;
    if (sb.st_uid != geteuid())
        return SEAL_EOWNER;
    if (sb.st_mode & 077)
        return SEAL_EPERM;
    return 0;
}

static int write_sign_pub(const char *keydir, const struct seal_keys *k)
{
    char path[512], hex[2 * SEAL_SIGN_PK_BYTES + 2];
    seal_to_hex(k->sign_pk, SEAL_SIGN_PK_BYTES, hex);
    strcat(hex, "\n");
    snprintf(path, sizeof(path), "%s/sign.pub", keydir);
    unlink(path);
    return write_new(path, (unsigned char *)hex, strlen(hex), 0644);
}

int seal_keys_load_opts(const char *keydir, const char *upstream_key_file, int may_create,
                        struct seal_keys *k, int *missing)
{
    int rc;
    char path[512];
    memset(k, 0, sizeof(*k));
    sodium_mlock(k, sizeof(*k));
    *missing = 0;
    snprintf(k->dir, sizeof(k->dir), "%s", keydir);
    if ((rc = check_dir(keydir)) != 0)
        goto out;
    for (size_t i = 0; i < N_KEY_FILES; i++) {
        snprintf(path, sizeof(path), "%s/%s", keydir, key_files[i].file);
        rc = read_exact(path, (unsigned char *)k + key_files[i].off, key_files[i].len);
        if (rc < 0)
            goto out;
        if (rc == 1)
            *missing |= key_files[i].bit;
    }
    if (*missing & ~may_create) {
        *missing &= ~may_create;
        rc = SEAL_EMISSING;
        goto out;
    }
    for (size_t i = 0; i < N_KEY_FILES; i++) {
        if (!(*missing & key_files[i].bit))
            continue;
        unsigned char *dst = (unsigned char *)k + key_files[i].off;
        if (key_files[i].bit == SEAL_K_SIGN)
            crypto_sign_keypair(k->sign_pk, k->sign_sk);
        else
            randombytes_buf(dst, key_files[i].len);
        snprintf(path, sizeof(path), "%s/%s", keydir, key_files[i].file);
        if ((rc = write_new(path, dst, key_files[i].len, 0600)) != 0)
            goto out;
        if (key_files[i].bit == SEAL_K_SIGN && (rc = write_sign_pub(keydir, k)) != 0)
            goto out;
    }
    *missing = 0;
    crypto_sign_ed25519_sk_to_pk(k->sign_pk, k->sign_sk);
    if (upstream_key_file && *upstream_key_file) {
        char hex[130] = {0};
        FILE *f = fopen(upstream_key_file, "re");
        if (!f) {
            rc = SEAL_EIO;
            goto out;
        }
        size_t n = fread(hex, 1, sizeof(hex) - 1, f);
        fclose(f);
        while (n > 0 && (hex[n - 1] == '\n' || hex[n - 1] == '\r' || hex[n - 1] == ' '))
            hex[--n] = '\0';
        if (seal_from_hex(hex, k->upstream_pk, SEAL_KEY_BYTES) != 0) {
            rc = SEAL_EFORMAT;
            goto out;
        }
        k->have_upstream_pk = 1;
    }
    rc = 0;
out:
    if (rc != 0) {
        int keep = *missing;
        seal_keys_wipe(k);
        *missing = keep;
    }
    return rc;
}

int seal_keys_load(const char *keydir, const char *upstream_key_file, struct seal_keys *k)
{
    int missing;
    return seal_keys_load_opts(keydir, upstream_key_file, SEAL_K_ALL, k, &missing);
}

void seal_keys_wipe(struct seal_keys *k)
{
    sodium_munlock(k, sizeof(*k)); /* zeroes too */
    sodium_memzero(k, sizeof(*k));
}

/* version 2: XChaCha20-Poly1305 with associated data, the key's id in the header */
#define SEAL_V2      0x02
#define SEAL_V2_HEAD (1 + 4 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)

static void key_id_bin(const struct seal_keys *k, unsigned char id[4])
{
    char hex[9];
    seal_key_id(k, SEAL_K_STORE, hex);
    seal_from_hex(hex, id, 4);
}

int seal_encrypt_ad(const struct seal_keys *k, const char *ad, const void *plain, size_t len,
                    unsigned char **out, size_t *outlen)
{
    size_t n = SEAL_V2_HEAD + len + crypto_aead_xchacha20poly1305_ietf_ABYTES;
    unsigned char *c = malloc(n);
    unsigned long long clen = 0;
    *out = NULL;
    *outlen = 0;
    if (!c)
        return SEAL_ENOMEM;
    c[0] = SEAL_V2;
    key_id_bin(k, c + 1);
    randombytes_buf(c + 5, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    /* the header is authenticated too: associated data = header || ad */
    size_t adl = strlen(ad);
    unsigned char *full = malloc(SEAL_V2_HEAD + adl);
    if (!full) {
        free(c);
        return SEAL_ENOMEM;
    }
    memcpy(full, c, SEAL_V2_HEAD);
    memcpy(full + SEAL_V2_HEAD, ad, adl);
    crypto_aead_xchacha20poly1305_ietf_encrypt(c + SEAL_V2_HEAD, &clen, plain, len, full,
                                               SEAL_V2_HEAD + adl, NULL, c + 5, k->store_key);
    free(full);
    *out = c;
    *outlen = SEAL_V2_HEAD + (size_t)clen;
    return 0;
}

int seal_decrypt_ad(const struct seal_keys *k, const char *ad, const unsigned char *in, size_t len,
                    unsigned char **out, size_t *outlen)
{
    unsigned char id[4];
    unsigned long long plen = 0;
    *out = NULL;
    *outlen = 0;
    if (len < SEAL_V2_HEAD + crypto_aead_xchacha20poly1305_ietf_ABYTES || in[0] != SEAL_V2)
        return SEAL_EDECRYPT;
    key_id_bin(k, id);
    if (memcmp(id, in + 1, 4) != 0)
        return SEAL_EDECRYPT; /* written under another key */
    size_t adl = strlen(ad);
    unsigned char *full = malloc(SEAL_V2_HEAD + adl);
    unsigned char *p = malloc(len - SEAL_V2_HEAD + 1);
    if (!full || !p) {
        free(full);
        free(p);
        return SEAL_ENOMEM;
    }
    memcpy(full, in, SEAL_V2_HEAD);
    memcpy(full + SEAL_V2_HEAD, ad, adl);
    int bad = crypto_aead_xchacha20poly1305_ietf_decrypt(p, &plen, NULL, in + SEAL_V2_HEAD,
                                                         len - SEAL_V2_HEAD, full,
                                                         SEAL_V2_HEAD + adl, in + 5, k->store_key);
    free(full);
    if (bad) {
        free(p);
        return SEAL_EDECRYPT;
    }
    p[plen] = '\0';
    *out = p;
    *outlen = (size_t)plen;
    return 0;
}

int seal_decrypt_legacy(const struct seal_keys *k, const unsigned char *in, size_t len,
                        unsigned char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return SEAL_EDECRYPT;
    size_t n = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    unsigned char *p = malloc(n + 1);
    if (!p)
        return SEAL_ENOMEM;
    if (crypto_secretbox_open_easy(p, in + crypto_secretbox_NONCEBYTES,
                                   len - crypto_secretbox_NONCEBYTES, in, k->store_key) != 0) {
        free(p);
        return SEAL_EDECRYPT;
    }
    p[n] = '\0';
    *out = p;
    *outlen = n;
    return 0;
}

int seal_for_upstream(const struct seal_keys *k, const void *plain, size_t len, unsigned char **out,
                      size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    if (!k->have_upstream_pk)
        return SEAL_ENOKEY;
    unsigned char *c = malloc(len + crypto_box_SEALBYTES);
    if (!c)
        return SEAL_ENOMEM;
    crypto_box_seal(c, plain, len, k->upstream_pk);
    *out = c;
    *outlen = len + crypto_box_SEALBYTES;
    return 0;
}

_Static_assert(SEAL_UPSTREAM_OVERHEAD == crypto_box_SEALBYTES, "the sealed box's overhead");

int seal_for_upstream_digest(const struct seal_keys *k, const void *plain, size_t len,
                             unsigned char *out, char digest[65])
{
    if (!k->have_upstream_pk)
        return SEAL_ENOKEY;
    crypto_box_seal(out, plain, len, k->upstream_pk);
    seal_sha256_hex(out, len + crypto_box_SEALBYTES, digest);
    return 0;
}

void seal_pid_index(const struct seal_keys *k, const char *pid, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)pid, strlen(pid), k->index_key,
                       SEAL_KEY_BYTES);
    seal_to_hex(h, sizeof(h), out);
}

/* OpenSSL's SHA-256 uses the CPU's SHA extensions where present: on the build machine it
 * hashes a 200 KB sealed payload about ten times faster than libsodium's portable code. */
void seal_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char h[SHA256_DIGEST_LENGTH];
    SHA256(data, len, h);
    seal_to_hex(h, sizeof(h), out);
}

void seal_sign(const struct seal_keys *k, const void *data, size_t len,
               unsigned char sig[SEAL_SIG_BYTES])
{
    crypto_sign_detached(sig, NULL, data, len, k->sign_sk);
}

int seal_verify(const unsigned char pk[SEAL_SIGN_PK_BYTES], const void *data, size_t len,
                const unsigned char sig[SEAL_SIG_BYTES])
{
    return crypto_sign_verify_detached(sig, data, len, pk) == 0 ? 0 : -1;
}

void seal_to_hex(const unsigned char *bin, size_t len, char *hex_out)
{
    sodium_bin2hex(hex_out, 2 * len + 1, bin, len);
}

int seal_from_hex(const char *hex, unsigned char *bin, size_t len)
{
    size_t got = 0;
    const char *end = NULL;
    if (strlen(hex) != 2 * len)
        return -1;
    if (sodium_hex2bin(bin, len, hex, 2 * len, NULL, &got, &end) != 0 || got != len)
        return -1;
    return 0;
}
