/* faultvfs.c: an SQLite VFS that passes everything to the default VFS except the writes or
 * syncs it is armed to fail. Test-only: its arming state is process-global on purpose, so
 * that a test can arm it around one store call. */
#include "tests/rigs/harness/faultvfs.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct fault_file {
    sqlite3_file base;
    sqlite3_file *real;
};

static sqlite3_vfs fault_vfs;
static sqlite3_vfs *real_vfs;
static sqlite3_io_methods fault_io;
static enum faultvfs_mode mode;
static int budget, failures;

static int should_fail(enum faultvfs_mode for_op)
{
    if (mode == FAULTVFS_OFF)
        return 0;
    if ((for_op == FAULTVFS_SYNCERR) != (mode == FAULTVFS_SYNCERR))
        return 0;
    if (budget > 0) {
        budget--;
        return 0;
    }
    failures++;
    return 1;
}

#define REAL(f) (((struct fault_file *)(f))->real)

static int f_close(sqlite3_file *f)
{
    int rc = REAL(f)->pMethods->xClose(REAL(f));
    free(REAL(f));
    return rc;
}
static int f_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
    return REAL(f)->pMethods->xRead(REAL(f), b, n, o);
}
static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    if (should_fail(FAULTVFS_FULL))
        return mode == FAULTVFS_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    return REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 s)
{
    return REAL(f)->pMethods->xTruncate(REAL(f), s);
}
static int f_sync(sqlite3_file *f, int flags)
{
    if (should_fail(FAULTVFS_SYNCERR))
        return SQLITE_IOERR_FSYNC;
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *s)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), s);
}
static int f_lock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int f_unlock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int f_check(sqlite3_file *f, int *r)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r);
}
static int f_fcntl(sqlite3_file *f, int op, void *a)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, a);
}
static int f_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int f_caps(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int f_shmmap(sqlite3_file *f, int i, int sz, int ext, void volatile **p)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), i, sz, ext, p);
}
static int f_shmlock(sqlite3_file *f, int o, int n, int fl)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl);
}
static void f_shmbarrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int f_shmunmap(sqlite3_file *f, int del)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
    struct fault_file *ff = (struct fault_file *)file;
    (void)vfs;
    ff->real = calloc(1, (size_t)real_vfs->szOsFile);
    if (!ff->real)
        return SQLITE_NOMEM;
    int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
    if (rc != SQLITE_OK) {
        free(ff->real);
        ff->real = NULL;
        file->pMethods = NULL;
        return rc;
    }
    fault_io.iVersion = ff->real->pMethods->iVersion < 2 ? ff->real->pMethods->iVersion : 2;
    file->pMethods = &fault_io;
    return SQLITE_OK;
}
static int v_delete(sqlite3_vfs *v, const char *n, int s)
{
    (void)v;
    return real_vfs->xDelete(real_vfs, n, s);
}
static int v_access(sqlite3_vfs *v, const char *n, int f, int *r)
{
    (void)v;
    return real_vfs->xAccess(real_vfs, n, f, r);
}
static int v_full(sqlite3_vfs *v, const char *n, int sz, char *out)
{
    (void)v;
    return real_vfs->xFullPathname(real_vfs, n, sz, out);
}
static int v_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xRandomness(real_vfs, n, out);
}
static int v_sleep(sqlite3_vfs *v, int us)
{
    (void)v;
    return real_vfs->xSleep(real_vfs, us);
}
static int v_time(sqlite3_vfs *v, double *t)
{
    (void)v;
    return real_vfs->xCurrentTime(real_vfs, t);
}
static int v_err(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    return real_vfs->xGetLastError(real_vfs, n, out);
}
static int v_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
    (void)v;
    return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

int faultvfs_install(void)
{
    if (real_vfs)
        return 0;
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs)
        return -1;
    fault_io = (sqlite3_io_methods){2,      f_close,  f_read,    f_write,      f_truncate, f_sync,
                                    f_size, f_lock,   f_unlock,  f_check,      f_fcntl,    f_sector,
                                    f_caps, f_shmmap, f_shmlock, f_shmbarrier, f_shmunmap, NULL,
                                    NULL};
    fault_vfs = (sqlite3_vfs){.iVersion = 2,
                              .szOsFile = (int)sizeof(struct fault_file),
                              .mxPathname = real_vfs->mxPathname,
                              .zName = "faultvfs",
                              .xOpen = v_open,
                              .xDelete = v_delete,
                              .xAccess = v_access,
                              .xFullPathname = v_full,
                              .xRandomness = v_random,
                              .xSleep = v_sleep,
                              .xCurrentTime = v_time,
                              .xGetLastError = v_err,
                              .xCurrentTimeInt64 = v_time64};
    return sqlite3_vfs_register(&fault_vfs, 1) == SQLITE_OK ? 0 : -1;
}

void faultvfs_arm(enum faultvfs_mode m, int after)
{
    mode = m;
    budget = after;
    failures = 0;
}

void faultvfs_disarm(void)
{
    mode = FAULTVFS_OFF;
}

int faultvfs_failures(void)
{
    return failures;
}
