/* faultvfs.h: an SQLite VFS wrapper that fails writes or syncs on demand, to prove the
 * store loses nothing on a full disk or an I/O error. Registered as the default VFS. */
#ifndef TESTS_RIGS_FAULTVFS_H
#define TESTS_RIGS_FAULTVFS_H

enum faultvfs_mode {
    FAULTVFS_OFF = 0,
    FAULTVFS_FULL,   /* writes fail with SQLITE_FULL */
    FAULTVFS_IOERR,  /* writes fail with SQLITE_IOERR_WRITE */
    FAULTVFS_SYNCERR /* fsync fails with SQLITE_IOERR_FSYNC */
};

/* Registers the wrapper as the default VFS (once). 0 or -1. */
int faultvfs_install(void);
/* After `after` more successful writes (or syncs), every one fails in mode. */
void faultvfs_arm(enum faultvfs_mode mode, int after);
void faultvfs_disarm(void);
/* How many writes/syncs were refused since the last arm. */
int faultvfs_failures(void);

#endif
