/* seal.c: the kiosk's keys and its encryption, sealing and signing (libsodium).
 *
 * Key files are created with O_EXCL and mode 0600 inside a 0700 directory; a key file that
 * others can read is refused rather than used. Nothing here logs key material. */
#include "kiosk/store/seal.h"

#include <errno.h>
#include <fcntl.h>
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
    }
    return "unknown error";
}

int seal_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

static int read_exact(const char *path, unsigned char *buf, size_t len)
{
    struct stat sb;
    int rc = SEAL_EIO;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 1 : SEAL_EIO;
    if (fstat(fd, &sb) != 0)
        goto out;
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
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
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

static int key_file(const char *dir, const char *name, unsigned char *key, size_t len,
                    void (*gen)(unsigned char *))
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    int rc = read_exact(path, key, len);
    if (rc <= 0)
        return rc;
    gen(key);
    return write_new(path, key, len, 0600);
}

static void gen_secret(unsigned char *k)
{
    randombytes_buf(k, SEAL_KEY_BYTES);
}

int seal_keys_load(const char *keydir, const char *upstream_key_file, struct seal_keys *k)
{
    int rc;
    char path[512];
    memset(k, 0, sizeof(*k));
    if (mkdir(keydir, 0700) != 0 && errno != EEXIST)
        return SEAL_EIO;
    if ((rc = key_file(keydir, "store.key", k->store_key, SEAL_KEY_BYTES, gen_secret)) != 0 ||
        (rc = key_file(keydir, "index.key", k->index_key, SEAL_KEY_BYTES, gen_secret)) != 0)
        goto out;
    snprintf(path, sizeof(path), "%s/sign.key", keydir);
    rc = read_exact(path, k->sign_sk, SEAL_SIGN_SK_BYTES);
    if (rc == 1) {
        crypto_sign_keypair(k->sign_pk, k->sign_sk);
        rc = write_new(path, k->sign_sk, SEAL_SIGN_SK_BYTES, 0600);
        if (rc == 0) {
            char hex[2 * SEAL_SIGN_PK_BYTES + 2];
            seal_to_hex(k->sign_pk, SEAL_SIGN_PK_BYTES, hex);
            strcat(hex, "\n");
            snprintf(path, sizeof(path), "%s/sign.pub", keydir);
            unlink(path);
            rc = write_new(path, (unsigned char *)hex, strlen(hex), 0644);
        }
    } else if (rc == 0) {
        crypto_sign_ed25519_sk_to_pk(k->sign_pk, k->sign_sk);
    }
    if (rc != 0)
        goto out;
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
    if (rc != 0)
        seal_keys_wipe(k);
    return rc;
}

void seal_keys_wipe(struct seal_keys *k)
{
    sodium_memzero(k, sizeof(*k));
}

int seal_encrypt(const struct seal_keys *k, const void *plain, size_t len, unsigned char **out,
                 size_t *outlen)
{
    size_t n = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
    unsigned char *c = malloc(n);
    *out = NULL;
    *outlen = 0;
    if (!c)
        return SEAL_ENOMEM;
    randombytes_buf(c, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(c + crypto_secretbox_NONCEBYTES, plain, len, c, k->store_key);
    *out = c;
    *outlen = n;
    return 0;
}

int seal_decrypt(const struct seal_keys *k, const unsigned char *in, size_t len,
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

void seal_pid_index(const struct seal_keys *k, const char *pid, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)pid, strlen(pid), k->index_key,
                       SEAL_KEY_BYTES);
    seal_to_hex(h, sizeof(h), out);
}

void seal_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
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
