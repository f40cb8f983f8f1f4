/* pin_hasher.c: the kiosk's side of the PIN hashing helper (see pin_hasher.h). */
#include "kiosk/store/pin_hasher.h"

#include <sodium.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/base/confine.h"
#include "kiosk/base/worker.h"

/* Argon2id at 32 MiB takes 0.1-0.5 s; the deadline only catches a helper that hangs. */
#define PIN_HASHER_DEADLINE_MS 30000

_Static_assert(PIN_HASHER_ENCODED_MAX == crypto_pwhash_STRBYTES, "the encoded hash size");

static struct worker hasher = WORKER_INIT(PIN_HASHER_PROGRAM, PIN_HASHER_ROLE);
static atomic_uint in_process;
static atomic_int said_so;

static void note_in_process(int rc)
{
    atomic_fetch_add(&in_process, 1);
    if (atomic_exchange(&said_so, 1) == 0)
        fprintf(stderr, "pin check: helper kiosk-%s not usable (%s); hashing in this process\n",
                PIN_HASHER_PROGRAM, confine_strerror(rc));
}

int pin_hasher_hash(const char *pw, size_t len, unsigned long long opslimit, size_t memlimit,
                    char out[PIN_HASHER_ENCODED_MAX])
{
    uint64_t cost[2] = {opslimit, memlimit};
    struct worker_piece in[2] = {{cost, sizeof cost}, {pw, len}};
    struct worker_answer_head head;
    unsigned char *ans = NULL;
    int rc = worker_call(&hasher, PIN_HASHER_HASH, in, 2, PIN_HASHER_DEADLINE_MS,
                         PIN_HASHER_ENCODED_MAX - 1, &head, &ans);
    if (rc == CONFINE_OK && ans && head.len > 0 && head.len < PIN_HASHER_ENCODED_MAX) {
        memcpy(out, ans, head.len);
        out[head.len] = '\0';
        free(ans);
        return 0;
    }
    free(ans);
    if (rc == CONFINE_OK || rc == CONFINE_EFAILED)
        return -1; /* the helper answered: the cost is refused or memory ran out */
    note_in_process(rc);
    return crypto_pwhash_str(out, pw, len, opslimit, memlimit) == 0 ? 0 : -1;
}

int pin_hasher_verify(const char *stored, const char *pw, size_t len)
{
    uint32_t n = (uint32_t)strnlen(stored, PIN_HASHER_ENCODED_MAX);
    struct worker_piece in[3] = {{&n, sizeof n}, {stored, n}, {pw, len}};
    struct worker_answer_head head;
    unsigned char *ans = NULL;
    int rc = worker_call(&hasher, PIN_HASHER_VERIFY, in, 3, PIN_HASHER_DEADLINE_MS, 0, &head, &ans);
    free(ans);
    if (rc == CONFINE_OK)
        return head.a == 1;
    if (rc == CONFINE_EFAILED)
        return 0;
    note_in_process(rc);
    return crypto_pwhash_str_verify(stored, pw, len) == 0;
}

void pin_hasher_stats(unsigned *starts, long *helper_peak_kb, unsigned *in_proc)
{
    pthread_mutex_lock(&hasher.lock);
    *starts = hasher.starts;
    *helper_peak_kb = hasher.peak_kb;
    pthread_mutex_unlock(&hasher.lock);
    *in_proc = atomic_load(&in_process);
}

void pin_hasher_stop(void)
{
    worker_stop(&hasher);
}
