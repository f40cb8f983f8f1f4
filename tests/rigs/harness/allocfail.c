/* allocfail.c: the allocation-failure injector (see allocfail.h). */
#include "tests/rigs/harness/allocfail.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static atomic_long countdown; /* 0: disarmed */
static atomic_long seen;
static atomic_int fired;

void allocfail_arm(long n)
{
    atomic_store(&seen, 0);
    atomic_store(&fired, 0);
    atomic_store(&countdown, n);
}

int allocfail_fired(void)
{
    return atomic_load(&fired);
}

long allocfail_seen(void)
{
    return atomic_load(&seen);
}

/* 1 when this allocation is the one to fail. */
static int should_fail(void)
{
    atomic_fetch_add(&seen, 1);
    long c = atomic_load(&countdown);
    while (c > 0) {
        if (atomic_compare_exchange_weak(&countdown, &c, c - 1)) {
            if (c == 1) {
                atomic_store(&fired, 1);
                return 1;
            }
            return 0;
        }
    }
    return 0;
}

/* The kiosk's own calls, through the linker's --wrap. */
void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);

void *__wrap_malloc(size_t n)
{
    return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
    return should_fail() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : __real_realloc(p, n);
}

/* SQLite's allocator: each block carries its size in front (SQLite asks for it). */
#define HEAD 16

static void *sq_malloc(int n)
{
    if (n <= 0 || should_fail())
        return NULL;
    unsigned char *p = malloc((size_t)n + HEAD);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof(n));
    return p + HEAD;
}

static void sq_free(void *p)
{
    if (p)
        free((unsigned char *)p - HEAD);
}

static int sq_size(void *p)
{
    int n = 0;
    if (p)
        memcpy(&n, (unsigned char *)p - HEAD, sizeof(n));
    return n;
}

static void *sq_realloc(void *p, int n)
{
    if (n <= 0 || should_fail())
        return NULL;
    unsigned char *q = realloc((unsigned char *)p - HEAD, (size_t)n + HEAD);
    if (!q)
        return NULL;
    memcpy(q, &n, sizeof(n));
    return q + HEAD;
}

static int sq_roundup(int n)
{
    return (n + 7) & ~7;
}

static int sq_init(void *arg)
{
    (void)arg;
    return SQLITE_OK;
}

static void sq_shutdown(void *arg)
{
    (void)arg;
}

static void *js_malloc(size_t n)
{
    return should_fail() ? NULL : malloc(n);
}

int allocfail_install(void)
{
    static const sqlite3_mem_methods methods = {sq_malloc,  sq_free, sq_realloc,  sq_size,
                                                sq_roundup, sq_init, sq_shutdown, NULL};
    json_set_alloc_funcs(js_malloc, free);
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK ? 0 : -1;
}
