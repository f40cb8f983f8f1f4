/* seal.h: the kiosk's keys and what it encrypts, seals and signs with them (libsodium).
 *
 * Keys live in <data_dir>/keys/ as root-only (0600) files, created on first start:
 *   store.key   32-byte secretbox key for personal data at rest
 *   index.key   32-byte key for the blind index of personal IDs (keyed BLAKE2b)
 *   sign.key    Ed25519 secret key that signs export manifests (sign.pub beside it)
 * The upstream's X25519 public key (config upstream_seal_key, hex) seals biometrics so that
 * the kiosk alone cannot read them back once queued. */
#ifndef KIOSK_SEAL_H
#define KIOSK_SEAL_H

#include <stddef.h>
#include <stdint.h>

#define SEAL_KEY_BYTES     32
#define SEAL_SIGN_SK_BYTES 64
#define SEAL_SIGN_PK_BYTES 32
#define SEAL_SIG_BYTES     64

struct seal_keys {
    unsigned char store_key[SEAL_KEY_BYTES];
    unsigned char index_key[SEAL_KEY_BYTES];
    unsigned char sign_sk[SEAL_SIGN_SK_BYTES];
    unsigned char sign_pk[SEAL_SIGN_PK_BYTES];
    unsigned char upstream_pk[SEAL_KEY_BYTES];
    int have_upstream_pk;
};

enum seal_err {
    SEAL_OK = 0,
    SEAL_EIO = -1,      /* cannot read or write a key file */
    SEAL_EPERM = -2,    /* key file readable by others: refused */
    SEAL_EFORMAT = -3,  /* key file of the wrong size or content */
    SEAL_EDECRYPT = -4, /* ciphertext damaged or wrong key */
    SEAL_ENOMEM = -5,
    SEAL_ENOKEY = -6, /* no upstream key configured */
};
const char *seal_strerror(int err);

/* libsodium start-up; call once before anything else here. 0 or -1. */
int seal_init(void);

/* Loads the keys from keydir, creating missing ones (dir 0700, files 0600). If
 * upstream_key_file is non-NULL and non-empty, reads the upstream's public key (64 hex). */
int seal_keys_load(const char *keydir, const char *upstream_key_file, struct seal_keys *k);
void seal_keys_wipe(struct seal_keys *k);

/* secretbox: out = nonce || MAC || ciphertext. Caller frees *out. */
int seal_encrypt(const struct seal_keys *k, const void *plain, size_t len, unsigned char **out,
                 size_t *outlen);
/* Caller frees *out (and should wipe it); the plaintext gets a NUL after it for text. */
int seal_decrypt(const struct seal_keys *k, const unsigned char *in, size_t len,
                 unsigned char **out, size_t *outlen);

/* Anonymous sealed box to the upstream's key. Caller frees *out. */
int seal_for_upstream(const struct seal_keys *k, const void *plain, size_t len, unsigned char **out,
                      size_t *outlen);

/* Keyed hash of a personal ID, hex (64 chars + NUL). */
void seal_pid_index(const struct seal_keys *k, const char *pid, char out[65]);

/* SHA-256 hex of data (64 chars + NUL). */
void seal_sha256_hex(const void *data, size_t len, char out[65]);

/* Ed25519 detached signature of data. */
void seal_sign(const struct seal_keys *k, const void *data, size_t len,
               unsigned char sig[SEAL_SIG_BYTES]);
/* 0 when sig is pk's signature of data. */
int seal_verify(const unsigned char pk[SEAL_SIGN_PK_BYTES], const void *data, size_t len,
                const unsigned char sig[SEAL_SIG_BYTES]);

/* Hex helpers: hex_out needs 2*len+1. from_hex returns 0 when exactly len bytes decoded. */
void seal_to_hex(const unsigned char *bin, size_t len, char *hex_out);
int seal_from_hex(const char *hex, unsigned char *bin, size_t len);

#endif
