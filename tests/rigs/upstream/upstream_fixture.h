/* upstream_fixture.h: a kiosk data directory, a test PKI and a reference upstream in one
 * temporary directory, for the sync tests and benchmarks.
 *
 * upstream_fixture_setup() makes <tmp>/pki (tests/rigs/upstream/mkcerts.sh, run from the repository
 * root as the test runner does), starts the upstream on a random loopback port, writes its
 * public sealing key, fills a struct config pointing at all of it (station "CAX-TEST-01",
 * kiosk "kiosk-001") and loads the kiosk keys. Teardown stops the server and removes the
 * directory. Applications built here carry invented data only. */
#ifndef RIGS_UPSTREAM_FIXTURE_H
#define RIGS_UPSTREAM_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/config/config.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"
#include "tests/rigs/upstream/upstream.h"

struct upstream_fixture {
    char dir[128]; /* the temporary root */
    char pki[160]; /* its pki/ */
    char db[160];  /* the upstream's SQLite file */
    struct upstream *up;
    struct upstream_opts opts; /* as started (paths point into this struct) */
    struct config cfg;
    struct seal_keys keys;
    unsigned char sk[32]; /* the upstream's sealing secret key, kept across restarts */
};

/* opts may be NULL; its pki_dir and db_path are ignored (the fixture's are used).
 * 0, or -1 with a message on stderr. */
int upstream_fixture_setup(struct upstream_fixture *f, const struct upstream_opts *opts);
/* Restarts the upstream with other options (same PKI, database and sealing key). */
int upstream_fixture_restart(struct upstream_fixture *f, const struct upstream_opts *opts);
void upstream_fixture_teardown(struct upstream_fixture *f);

/* Fills *app (app_init'ed here) as a complete draft application number i created at
 * now_ms, with a portrait of image_bytes pseudo-random bytes and two fingers. Caller
 * app_wipe()s. 0 or -1. */
int upstream_fixture_app(struct application *app, int i, size_t image_bytes, int64_t now_ms);
/* Queues application number i (upstream_fixture_app, made now) in st: store_queue's result. */
int upstream_fixture_queue(struct store *st, int i, size_t image_bytes);

/* Writes the fixture's configuration as an INI file (the keys config.c reads). 0 or -1. */
int upstream_fixture_write_config(const struct upstream_fixture *f, const char *path);

/* The path of program name in the directory of argv0 (a test's sibling tool). */
void upstream_fixture_sibling(const char *argv0, const char *name, char *out, size_t size);

#endif
