/* seal.h: the kiosk's keys and what it encrypts, seals and signs with them (libsodium).
 *
 * Keys live in <data_dir>/keys/ as 0600 files owned by the kiosk's user in a 0700 directory,
 * created on first start only (config/KEYS.md says how to back them up and restore them):
 *   store.key   32-byte XChaCha20-Poly1305 key for personal data at rest
 *   index.key   32-byte key for the blind index of personal IDs (keyed BLAKE2b)
 *   sign.key    Ed25519 secret key that signs export manifests (sign.pub beside it)
 *   audit.key   32-byte key of the audit trail's chain (keyed BLAKE2b)
 *   pin.pepper  32-byte pepper mixed into every PIN before Argon2id
 * Each key has a short id (seal_key_id) that the store records, so that a key replaced by
 * another is found at start instead of making rows unreadable one by one.
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
    unsigned char audit_key[SEAL_KEY_BYTES];
    unsigned char pin_pepper[SEAL_KEY_BYTES];
    unsigned char upstream_pk[SEAL_KEY_BYTES];
    int have_upstream_pk;
    char dir[256]; /* the key directory (the audit anchor file lives there too) */
};

/* The secret keys by name, as bits of a mask (what is missing, what may be created). */
enum seal_key_name {
    SEAL_K_STORE = 1 << 0,
    SEAL_K_INDEX = 1 << 1,
    SEAL_K_SIGN = 1 << 2,
    SEAL_K_AUDIT = 1 << 3,
    SEAL_K_PEPPER = 1 << 4,
    SEAL_K_ALL = 0x1f,
};
/* "store.key", ... for one bit. */
const char *seal_key_file(int bit);
/* A key's id: 8 hex chars of a keyed hash of the key (never the key). */
void seal_key_id(const struct seal_keys *k, int bit, char out[9]);

enum seal_err {
    SEAL_OK = 0,
    SEAL_EIO = -1,      /* cannot read or write a key file */
    SEAL_EPERM = -2,    /* key file readable by others: refused */
    SEAL_EFORMAT = -3,  /* key file of the wrong size or content */
    SEAL_EDECRYPT = -4, /* ciphertext damaged or wrong key */
    SEAL_ENOMEM = -5,
    SEAL_ENOKEY = -6,   /* no upstream key configured */
    SEAL_EMISSING = -7, /* a key file is missing and may not be created */
    SEAL_EOWNER = -8,   /* key file or directory owned by another user */
};
const char *seal_strerror(int err);

/* libsodium start-up; call once before anything else here. 0 or -1. */
int seal_init(void);

/* Loads the keys from keydir, creating missing ones (dir 0700, files 0600). If
 * upstream_key_file is non-NULL and non-empty, reads the upstream's public key (64 hex). */
int seal_keys_load(const char *keydir, const char *upstream_key_file, struct seal_keys *k);
/* The same, creating only the missing keys whose bits are in may_create; any other missing
 * key gives SEAL_EMISSING with its bit in *missing. The directory and files must be owned by
 * this process's user and not open to others (SEAL_EOWNER, SEAL_EPERM). The loaded keys are
 * locked in memory (not swapped) until seal_keys_wipe. */
int seal_keys_load_opts(const char *keydir, const char *upstream_key_file, int may_create,
                        struct seal_keys *k, int *missing);
void seal_keys_wipe(struct seal_keys *k);

/* Authenticated encryption bound to where the data lives: out = version || key id || nonce ||
 * XChaCha20-Poly1305(plain, ad). Decryption fails unless ad is the same, so a field copied
 * to another row or column does not decrypt. Caller frees *out. */
int seal_encrypt_ad(const struct seal_keys *k, const char *ad, const void *plain, size_t len,
                    unsigned char **out, size_t *outlen);
/* Caller frees *out (and should wipe it); the plaintext gets a NUL after it for text. */
int seal_decrypt_ad(const struct seal_keys *k, const char *ad, const unsigned char *in, size_t len,
                    unsigned char **out, size_t *outlen);
/* The first format (secretbox, not bound to its row), read only to migrate old rows. */
int seal_decrypt_legacy(const struct seal_keys *k, const unsigned char *in, size_t len,
                        unsigned char **out, size_t *outlen);

/* Anonymous sealed box to the upstream's key. Caller frees *out. */
int seal_for_upstream(const struct seal_keys *k, const void *plain, size_t len, unsigned char **out,
                      size_t *outlen);

/* The payload sealed to the upstream's key into out (len + SEAL_UPSTREAM_OVERHEAD bytes),
 * as store_queue keeps it (no second encryption for the disk: the kiosk cannot open it
 * either), and its SHA-256 in hex: the payload digest of the protocol, which also binds it
 * to its row (store.h). 0 or SEAL_ENOKEY. */
#define SEAL_UPSTREAM_OVERHEAD 48 /* crypto_box_SEALBYTES */
int seal_for_upstream_digest(const struct seal_keys *k, const void *plain, size_t len,
                             unsigned char *out, char digest[65]);

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
