/* export_dir.c: writes one export directory from any source of rows (the store, or the
 * tests' fixed rows): the list, the summary, then the signed manifest.
 *
 * Guarantees: a directory holding the export of another day is never written into; the
 * manifest is renamed into place last, after every file it lists was fsynced, so a directory
 * with a manifest is complete; replacing the same day's export removes the old manifest
 * first, so an interrupted replacement is seen as incomplete, never as a silent mix or as
 * tampering; temporary files are removed on failure. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/export/export.h"

int export_errf(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* Officer ids go into the manifest's one-line fields: keep them to a plain alphabet. */
static int actor_ok(const char *a)
{
    size_t n = a ? strlen(a) : 0;
    if (n == 0 || n >= APP_OFFICER_SIZE)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = a[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-' || c == '@'))
            return 0;
    }
    return 1;
}

struct dir_state {
    struct export_list list;
    struct export_summary sum;
    int separate_open;
    int rc;
};

static int on_row(const struct store_row *row, void *arg)
{
    struct dir_state *ds = arg;
    if ((ds->rc = export_list_row(&ds->list, row)) != 0 ||
        (ds->rc = export_summary_count(&ds->sum, row)) != 0 ||
        (!ds->separate_open && (ds->rc = export_summary_open(&ds->sum, row)) != 0))
        return 1;
    return 0;
}

static int on_open_row(const struct store_row *row, void *arg)
{
    struct dir_state *ds = arg;
    return (ds->rc = export_summary_open(&ds->sum, row)) != 0;
}

static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return EXPORT_EIO;
    int rc = fsync(fd) == 0 ? 0 : EXPORT_EIO;
    close(fd);
    return rc;
}

int export_write_dir(const char *dir, const char *day, const char *format, const char *actor,
                     int64_t now_ms, const struct seal_keys *keys, export_each_fn day_rows,
                     export_each_fn open_rows, void *ctx, long *rows, char *err, size_t errlen)
{
    struct export_file lf, sf;
    struct dir_state ds;
    char list_name[EXPORT_NAME_SIZE], other_name[EXPORT_NAME_SIZE], sum_name[EXPORT_NAME_SIZE];
    char old_day[11], other_path[4096];
    struct stat sb;
    int rc, json;

    memset(&lf, 0, sizeof lf);
    memset(&sf, 0, sizeof sf);
    memset(&ds, 0, sizeof ds);
    export_summary_init(&ds.sum, now_ms);
    if (rows)
        *rows = 0;
    if (err && errlen)
        err[0] = '\0';

    if (!export_day_valid(day))
        return export_errf(err, errlen, EXPORT_EINVAL, "export: day must be YYYY-MM-DD");
    if (format == NULL || (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0))
        return export_errf(err, errlen, EXPORT_EINVAL, "export: format must be csv or json");
    if (!actor_ok(actor))
        return export_errf(err, errlen, EXPORT_EINVAL, "export: bad actor id");
    if (dir == NULL || dir[0] == '\0' || strlen(dir) > 3000 || keys == NULL || day_rows == NULL)
        return export_errf(err, errlen, EXPORT_EINVAL, "export: no directory, keys or rows given");
    json = strcmp(format, "json") == 0;

    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return export_errf(err, errlen, EXPORT_EIO, "export: cannot create %s: %s", dir,
                           strerror(errno));
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return export_errf(err, errlen, EXPORT_EIO, "export: %s is not a directory", dir);
    rc = export_manifest_day(dir, old_day);
    if (rc == 0 && strcmp(old_day, day) != 0)
        return export_errf(err, errlen, EXPORT_EEXISTS,
                           "export: %s holds the export of %s; choose another directory", dir,
                           old_day);
    if (rc != 0 && rc != EXPORT_EMISSING)
        return export_errf(err, errlen, EXPORT_EEXISTS,
                           "export: %s holds a manifest this kiosk cannot read; choose another "
                           "directory",
                           dir);

    if (rc == 0) {
        /* Replacing this day's export: withdraw the old manifest first, so that a replacement
         * cut short reads as incomplete (no manifest), never as tampered with. */
        char mpath[4096];
        snprintf(mpath, sizeof mpath, "%s/%s", dir, EXPORT_MANIFEST);
        if (unlink(mpath) != 0 && errno != ENOENT)
            return export_errf(err, errlen, EXPORT_EIO, "export: cannot replace %s in %s",
                               EXPORT_MANIFEST, dir);
    }

    export_list_name(day, json, list_name);
    export_list_name(day, !json, other_name);
    export_summary_name(day, sum_name);

    if ((rc = export_file_open(&lf, dir, list_name)) != 0) {
        rc = export_errf(err, errlen, rc, "export: cannot create %s in %s", list_name, dir);
        goto out;
    }
    if ((rc = export_list_begin(&ds.list, lf.f, json)) != 0)
        goto io;
    ds.separate_open = open_rows != NULL;
    rc = day_rows(ctx, on_row, &ds);
    if (rc == 0 && ds.rc == 0 && open_rows)
        rc = open_rows(ctx, on_open_row, &ds);
    if (ds.rc == EXPORT_ENOMEM) {
        rc = export_errf(err, errlen, ds.rc, "export: out of memory");
        goto out;
    }
    if (ds.rc != 0)
        goto io;
    if (rc != 0) {
        rc = export_errf(err, errlen, EXPORT_ESTORE, "export: listing the applications failed (%d)",
                         rc);
        goto out;
    }
    if ((rc = export_list_end(&ds.list)) != 0)
        goto io;
    if ((rc = export_file_commit(&lf)) != 0)
        goto io;

    export_summary_sort(&ds.sum);
    if ((rc = export_file_open(&sf, dir, sum_name)) != 0 ||
        (rc = export_summary_write(&ds.sum, sf.f, day, actor)) != 0 ||
        (rc = export_file_commit(&sf)) != 0) {
        rc = export_errf(err, errlen, EXPORT_EIO, "export: cannot write %s in %s", sum_name, dir);
        goto out;
    }

    /* A re-export in the other format must not leave the old list lying unsigned beside. */
    snprintf(other_path, sizeof other_path, "%s/%s", dir, other_name);
    if (unlink(other_path) != 0 && errno != ENOENT) {
        rc = export_errf(err, errlen, EXPORT_EIO, "export: cannot remove the old %s", other_name);
        goto out;
    }

    const char *files[2] = {list_name, sum_name};
    if ((rc = export_manifest_write(dir, day, format, actor, now_ms, keys, files, 2, err,
                                    errlen)) != 0)
        goto out;
    if ((rc = sync_dir(dir)) != 0) {
        rc = export_errf(err, errlen, rc, "export: cannot sync %s", dir);
        goto out;
    }
    if (rows)
        *rows = ds.list.n;
    goto out;
io:
    rc = export_errf(err, errlen, EXPORT_EIO, "export: cannot write %s in %s", list_name, dir);
out:
    export_file_abort(&lf);
    export_file_abort(&sf);
    export_summary_wipe(&ds.sum);
    return rc;
}
