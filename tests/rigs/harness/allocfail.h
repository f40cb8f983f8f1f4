/* allocfail.h: an allocation-failure injector. Armed with n, it makes the n-th allocation from
 * then on fail (malloc/calloc/realloc return NULL), once, and counts the allocations it saw.
 *
 * It sees the kiosk's own allocations in programs linked with
 *   -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc
 * (the Makefile does so for tests/kiosk/test_alloc_faults), and SQLite's and jansson's once
 * allocfail_install() has routed them through it (before SQLite is first used). Tests loop
 * n = 1, 2, ... until an operation runs to its end without the failure firing, checking after
 * each failure that nothing crashed, leaked (LeakSanitizer) or was half written. */
#ifndef TESTS_RIGS_ALLOCFAIL_H
#define TESTS_RIGS_ALLOCFAIL_H

/* Routes SQLite's and jansson's allocations through the injector. 0, or -1 when SQLite was
 * already initialised. */
int allocfail_install(void);

/* The n-th allocation from now fails (n >= 1); 0 disarms. */
void allocfail_arm(long n);
/* 1 when the armed failure has happened since allocfail_arm(). */
int allocfail_fired(void);
/* Allocations seen since allocfail_arm(). */
long allocfail_seen(void);

#endif
