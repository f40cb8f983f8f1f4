/* pin_hasher.h: the Argon2id work of the officers' PINs (32 MiB a hash or a check) done in a
 * helper process of its own, kiosk-pinhash, so the kiosk's memory does not grow by the hash's
 * 32 MiB at every sign-in and approval (the UI enrolment's budget is 80 MB).
 *
 * The helper is started on first use through kiosk/base/worker.h (posix_spawn of a program,
 * not a fork of the kiosk: it inherits no key, no database, no memory), confines itself and
 * answers one request after another. It is given only the Argon2id input: the PIN already
 * keyed with the pepper by the store (kiosk/store/store_officer.c), never the pepper, and the
 * stored hash to check it against; it has nothing to log and logs nothing. When the helper
 * cannot be used (not installed beside the program, killed), the store does the same work in
 * its own process and says so once on stderr: a PIN check never fails because of the helper. */
#ifndef KIOSK_STORE_PIN_HASHER_H
#define KIOSK_STORE_PIN_HASHER_H

#include <stddef.h>

#define PIN_HASHER_PROGRAM "pinhash" /* kiosk-pinhash, found like the modules */
#define PIN_HASHER_ROLE    "argon2id"

/* The requests (kiosk/base/worker.h framing). HASH: u64 opslimit, u64 memlimit, then the
 * password; the answer is the encoded hash (crypto_pwhash_str's text). VERIFY: u32 length of
 * the stored hash, the stored hash, then the password; the answer's a is 1 for a match. */
enum pin_hasher_op { PIN_HASHER_HASH = 1, PIN_HASHER_VERIFY = 2 };

/* The largest Argon2id memory the helper accepts (the kiosk's own cost is 32 MiB), and its
 * limits: address space beyond what it started with, CPU seconds before it retires. */
#define PIN_HASHER_MAX_MEMLIMIT (128u * 1024u * 1024u)
#define PIN_HASHER_CPU_S        120
#define PIN_HASHER_ENCODED_MAX  128 /* crypto_pwhash_STRBYTES */

/* crypto_pwhash_str(out, pw, len, opslimit, memlimit) in the helper (in this process when the
 * helper cannot be used). 0, or -1 (out of memory, a cost out of range). */
int pin_hasher_hash(const char *pw, size_t len, unsigned long long opslimit, size_t memlimit,
                    char out[PIN_HASHER_ENCODED_MAX]);

/* crypto_pwhash_str_verify(stored, pw, len) likewise: 1 when pw matches stored, else 0. */
int pin_hasher_verify(const char *stored, const char *pw, size_t len);

/* For tests and benchmarks: how many helpers were started, the last one's peak resident
 * memory in KiB, how many hashes or checks ran in this process instead. */
void pin_hasher_stats(unsigned *starts, long *helper_peak_kb, unsigned *in_process);

/* Stops the helper (a later call starts another). */
void pin_hasher_stop(void);

#endif
