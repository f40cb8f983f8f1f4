/* store_checkpoint.c: WAL checkpoints off the writer's path.
 *
 * SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages:
 * that commit then also copies ~4 MB into the database file and fsyncs it, and the officer
 * waits (store_queue's p99, bench/RESULTS.md). Here the commit only wakes a thread of the
 * store's own, which checkpoints (PASSIVE: it never blocks the writer) on a connection of
 * its own. When that thread cannot start, or the WAL still grows past CKPT_HARD_PAGES (the
 * thread lagging behind), the committing connection checkpoints itself as SQLite would. */
#include "kiosk/store/store_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CKPT_PAGES      1000 /* SQLite's own default threshold */
#define CKPT_HARD_PAGES 8000 /* about 32 MB of WAL: checkpoint in the commit after all */

struct store_ckpt {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    int started, failed, want, stop;
    char path[1024];
};

static void *ckpt_main(void *arg)
{
    struct store_ckpt *c = arg;
    sqlite3 *db = NULL;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (!c->want && !c->stop)
            pthread_cond_wait(&c->cv, &c->mu);
        if (c->stop)
            break;
        c->want = 0;
        pthread_mutex_unlock(&c->mu);
        /* in WAL mode as the store's connections are (a fresh file's header does not say
         * so before its first checkpoint: without this, this connection would not see the
         * WAL at all) */
        if (!db && (sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
                    sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK)) {
            sqlite3_close(db);
            db = NULL;
        }
        /* a failure is left to the next wake-up, or to the writer past CKPT_HARD_PAGES */
        if (db)
            sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&c->mu);
    }
    pthread_mutex_unlock(&c->mu);
    sqlite3_close(db);
    return NULL;
}

static int on_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
    struct store_ckpt *c = arg;
    if (pages < CKPT_PAGES)
        return SQLITE_OK;
    pthread_mutex_lock(&c->mu);
    if (!c->started && !c->failed) {
        c->started = pthread_create(&c->thread, NULL, ckpt_main, c) == 0;
        c->failed = !c->started;
    }
    int inline_ckpt = !c->started || pages >= CKPT_HARD_PAGES;
    c->want = 1;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    if (inline_ckpt)
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return SQLITE_OK;
}

int store_checkpointer_start(struct store *st, const char *path)
{
    struct store_ckpt *c = calloc(1, sizeof *c);
    if (!c)
        return STORE_ENOMEM;
    if ((size_t)snprintf(c->path, sizeof c->path, "%s", path) >= sizeof c->path) {
        free(c);
        return STORE_EINVAL;
    }
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
    st->ckpt = c;
    sqlite3_wal_hook(st->db, on_commit, c); /* replaces SQLite's automatic checkpoint */
    return 0;
}

void store_checkpointer_stop(struct store *st)
{
    struct store_ckpt *c = st->ckpt;
    if (!c)
        return;
    if (st->db)
        sqlite3_wal_hook(st->db, NULL, NULL);
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    pthread_cond_signal(&c->cv);
    int started = c->started;
    pthread_mutex_unlock(&c->mu);
    if (started)
        pthread_join(c->thread, NULL);
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    free(c);
    st->ckpt = NULL;
}

int store_checkpointer_runs(struct store *st)
{
    struct store_ckpt *c = st->ckpt;
    if (!c)
        return 0;
    pthread_mutex_lock(&c->mu);
    int started = c->started;
    pthread_mutex_unlock(&c->mu);
    return started;
}
