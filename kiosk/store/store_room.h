/* store_room.h: how many more applications the data directory's disk can take.
 *
 * Free space (statvfs: blocks available to the kiosk's user) less a margin kept for the
 * store's own needs (its write-ahead log grows by the pages a transaction touches until a
 * checkpoint), divided by what one application takes: estimated from the last applications
 * queued (their encrypted rows and sealed payload, twice: the log, then the database), or
 * STORE_ROOM_DEFAULT_APP before any. The policy row disk.full refuses a new enrolment when
 * not one more fits, so a write never fails for want of space in the middle of queuing. */
#ifndef KIOSK_STORE_ROOM_H
#define KIOSK_STORE_ROOM_H

#include "kiosk/store/store.h"

#define STORE_ROOM_DEFAULT_APP  (512 * 1024) /* a ~150 KB application, twice, and its rows */
#define STORE_ROOM_APP_OVERHEAD (64 * 1024)  /* history, outbox, audit rows and index pages */

struct store_room {
    int64_t free_bytes;    /* available to the kiosk on the data directory's file system */
    int64_t margin_bytes;  /* kept for the store itself */
    int64_t per_app_bytes; /* one more application, estimated */
    long fits;             /* applications that fit (0 when none) */
};
/* free_fn (NULL: statvfs) gives the free bytes of dir (tests fake a disk with it); dir NULL
 * is the folder of the store's own database file. 0, or a store_err (STORE_EIO when the file
 * system cannot be asked). */
int store_room(struct store *st, const char *dir, int64_t margin_bytes,
               int (*free_fn)(const char *dir, int64_t *free_bytes), struct store_room *out);

#endif
