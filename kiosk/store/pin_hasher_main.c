/* pin_hasher_main.c: kiosk-pinhash, the helper program that computes and checks the officers'
 * PIN hashes (Argon2id, libsodium) for the kiosk (kiosk/store/pin_hasher.h). Started by the
 * kiosk with a socket as its stdin and stdout (kiosk/base/worker.h); it closes every other
 * descriptor, confines itself (kiosk/base/confine.h) and answers requests until the kiosk
 * closes its end. It receives the PIN already keyed with the pepper, never the pepper, and
 * writes nothing but its answers. */
#include <signal.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/base/confine.h"
#include "kiosk/base/worker.h"
#include "kiosk/store/pin_hasher.h"

static void hash(const uint8_t *in, size_t len, struct worker_answer_head *head, uint8_t **out)
{
    uint64_t cost[2];
    if (len < sizeof cost) {
        head->status = -1;
        return;
    }
    memcpy(cost, in, sizeof cost);
    if (cost[0] < crypto_pwhash_OPSLIMIT_MIN || cost[0] > crypto_pwhash_OPSLIMIT_MAX ||
        cost[1] < crypto_pwhash_MEMLIMIT_MIN || cost[1] > PIN_HASHER_MAX_MEMLIMIT) {
        head->status = -2;
        return;
    }
    char *s = malloc(crypto_pwhash_STRBYTES);
    if (!s || crypto_pwhash_str(s, (const char *)in + sizeof cost, len - sizeof cost, cost[0],
                                (size_t)cost[1]) != 0) {
        free(s);
        head->status = -3;
        return;
    }
    head->len = (uint32_t)strlen(s);
    *out = (uint8_t *)s;
}

static void verify(const uint8_t *in, size_t len, struct worker_answer_head *head)
{
    uint32_t n;
    char stored[crypto_pwhash_STRBYTES];
    if (len < sizeof n) {
        head->status = -1;
        return;
    }
    memcpy(&n, in, sizeof n);
    if (n >= sizeof stored || n > len - sizeof n) {
        head->status = -1;
        return;
    }
    memcpy(stored, in + sizeof n, n);
    stored[n] = '\0';
    const uint8_t *pw = in + sizeof n + n;
    head->a = crypto_pwhash_str_verify(stored, (const char *)pw, len - sizeof n - n) == 0;
}

static void handle(uint32_t op, const uint8_t *in, size_t len, struct worker_answer_head *head,
                   uint8_t **out)
{
    if (op == PIN_HASHER_HASH)
        hash(in, len, head, out);
    else if (op == PIN_HASHER_VERIFY)
        verify(in, len, head);
    else
        head->status = -1;
}

int main(void)
{
    static const struct confine_limits lim = {
        .mem_bytes = PIN_HASHER_MAX_MEMLIMIT + WORKER_AREA_BYTES + WORKER_MAX_REQUEST,
        .cpu_seconds = PIN_HASHER_CPU_S,
    };
    /* nothing of the kiosk's but the socket (fd 0 and 1), stderr and the answer area (fd 3) */
    close_range(WORKER_AREA_FD + 1, ~0u, 0);
    signal(SIGPIPE, SIG_DFL);
    /* before the filter: libsodium picks its code paths once (and needs no file after) */
    if (sodium_init() < 0 || confine_self(&lim) != 0)
        _exit(125);
    int rc = worker_serve(handle, PIN_HASHER_CPU_S / 2.0);
    /* _exit: no atexit work (a sanitizer build's leak check needs ptrace, which is refused) */
    _exit(rc == 0 ? 0 : 1);
}
