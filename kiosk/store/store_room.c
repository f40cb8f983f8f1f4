/* store_room.c: room left for applications on the data directory's disk (store_room.h). */
#include "kiosk/store/store_room.h"

#include <string.h>
#include <sys/statvfs.h>

#include "kiosk/store/store_internal.h"

static int statvfs_free(const char *dir, int64_t *free_bytes)
{
    struct statvfs vf;
    if (statvfs(dir, &vf) != 0)
        return -1;
    *free_bytes = (int64_t)vf.f_bavail * (int64_t)vf.f_frsize;
    return 0;
}

int store_room(struct store *st, const char *dir, int64_t margin_bytes,
               int (*free_fn)(const char *dir, int64_t *free_bytes), struct store_room *out)
{
    sqlite3_stmt *s;
    char own[4096];
    memset(out, 0, sizeof *out);
    out->margin_bytes = margin_bytes;
    if (dir == NULL) { /* the folder of the store's own database file */
        const char *db = sqlite3_db_filename(st->db, "main");
        const char *slash = db ? strrchr(db, '/') : NULL;
        if (!slash || (size_t)(slash - db) >= sizeof own)
            return STORE_EIO;
        memcpy(own, db, (size_t)(slash - db));
        own[slash - db] = '\0';
        dir = own[0] ? own : "/";
    }
    if ((free_fn ? free_fn : statvfs_free)(dir, &out->free_bytes) != 0)
        return STORE_EIO;
    int rc = store_prepare(st,
                           "SELECT avg(n) FROM (SELECT coalesce(length(a.personal), 0) + "
                           "coalesce(length(a.envelope), 0) + coalesce(length(b.sealed), 0) AS n "
                           "FROM applications a LEFT JOIN biometrics b ON b.app_id = a.id WHERE "
                           "a.envelope IS NOT NULL ORDER BY a.queued_at DESC LIMIT 50)",
                           &s);
    if (rc)
        return rc;
    out->per_app_bytes = STORE_ROOM_DEFAULT_APP;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        out->per_app_bytes = 2 * (int64_t)sqlite3_column_double(s, 0) + STORE_ROOM_APP_OVERHEAD;
    sqlite3_finalize(s);
    int64_t usable = out->free_bytes - out->margin_bytes;
    out->fits = usable > 0 ? (long)(usable / out->per_app_bytes) : 0;
    return 0;
}
