/* report_dir.c: the report's directory on a USB stick that anyone could have prepared.
 *
 * Nothing on the stick is trusted. <root>/<station> is opened with O_NOFOLLOW|O_DIRECTORY, so
 * a symlink planted there is refused rather than followed; the report is written into a
 * fresh directory ".dang-ghi-<period>-<random>" made by mkdirat (which fails on anything
 * already there) and every file in it is created O_CREAT|O_EXCL|O_NOFOLLOW: no write can
 * land outside, and no FIFO or device is ever opened. Each file is fsynced by its writer; the
 * directory is fsynced, then renamed to its final name:
 *   - no older export of the period: rename;
 *   - an older one (a real directory): renameat2(RENAME_EXCHANGE) swaps them in one step and
 *     the old one is removed; where the file system has no exchange (vfat sticks), the old
 *     one is first renamed aside to ".cu-<period>-<random>", the new one renamed in, the old
 *     one removed. A stick pulled between those two renames holds the new export under its
 *     temporary name and the old one aside: neither under the period's name, so nothing
 *     half-written ever verifies as the period's report;
 *   - anything else under the final name (a symlink, a file, a FIFO) is refused.
 * A failure removes the temporary directory when it still can. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/export/report.h"
#include "kiosk/messages/messages.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int report_io_err(char *err, size_t errlen, int e, const char *what)
{
    if (e == ENOSPC || e == EDQUOT)
        return export_msgf(err, errlen, EXPORT_EIO, MSGD_EXPORT, EXPORT_M_USB_FULL, "%s", what);
    if (e == ELOOP || e == ENOTDIR || e == EEXIST)
        return export_msgf(err, errlen, EXPORT_EEXISTS, MSGD_EXPORT, EXPORT_M_USB_NOT_A_FOLDER,
                           "%s", what);
    if (e == EROFS || e == EACCES || e == EPERM)
        return export_msgf(err, errlen, EXPORT_EIO, MSGD_EXPORT, EXPORT_M_USB_READ_ONLY, "%s",
                           what);
    return export_msgf(err, errlen, EXPORT_EIO, MSGD_EXPORT, EXPORT_M_USB_WRITE, "%s%s", what,
                       strerror(e));
}

int report_io_err_part(char *err, size_t errlen, int e, enum export_part part)
{
    return report_io_err(err, errlen, e, messages_text(MSGD_EXPORT_PART, (int)part, LANG_VI));
}

int report_open_regular(int dirfd, const char *name)
{
    struct stat sb;
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return errno == ENOENT ? EXPORT_EMISSING : EXPORT_EFORMAT;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return EXPORT_EFORMAT;
    }
    /* back to blocking reads for a regular file */
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

static void random_hex(char out[17])
{
    unsigned char r[8];
    randombytes_buf(r, sizeof r);
    for (int i = 0; i < 8; i++)
        snprintf(out + 2 * i, 3, "%02x", r[i]);
}

int report_dir_open(struct report_dir *d, const char *root, const char *station,
                    const char *final_name, char *err, size_t errlen)
{
    char rnd[17];
    struct stat sb;
    memset(d, 0, sizeof *d);
    d->station_fd = d->tmp_fd = -1;
    if (root == NULL || root[0] == '\0' || strlen(root) > 3000 || !report_code_ok(station, 16) ||
        final_name == NULL || strlen(final_name) >= sizeof d->final_name)
        return export_msg(err, errlen, EXPORT_EINVAL, MSGD_EXPORT, EXPORT_M_NO_TARGET);
    snprintf(d->final_name, sizeof d->final_name, "%s", final_name);
    (void)mkdir(root, 0700); /* a folder named on the command line may not exist yet */
    int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootfd < 0)
        return export_msgf(err, errlen, EXPORT_EIO, MSGD_EXPORT, EXPORT_M_OPEN_FOLDER_USB, "%s",
                           root);
    if (mkdirat(rootfd, station, 0700) != 0 && errno != EEXIST) {
        int e = errno;
        close(rootfd);
        return report_io_err_part(err, errlen, e, EXPORT_P_UNIT_FOLDER);
    }
    d->station_fd = openat(rootfd, station, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int e = errno;
    close(rootfd);
    if (d->station_fd < 0)
        return report_io_err(err, errlen, e == ENOENT ? EIO : e, station);
    snprintf(d->station_path, sizeof d->station_path, "%s/%s", root, station);
    /* The final name, when taken, must be a real directory (checked again at commit). */
    if (fstatat(d->station_fd, d->final_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
        !S_ISDIR(sb.st_mode)) {
        report_dir_close(d);
        return report_io_err(err, errlen, ELOOP, final_name);
    }
    random_hex(rnd);
    snprintf(d->tmp_name, sizeof d->tmp_name, ".dang-ghi-%.40s-%s", final_name, rnd);
    if (mkdirat(d->station_fd, d->tmp_name, 0700) != 0) {
        e = errno;
        d->tmp_name[0] = '\0';
        report_dir_close(d);
        return report_io_err_part(err, errlen, e, EXPORT_P_TEMP_FOLDER);
    }
    d->tmp_fd = openat(d->station_fd, d->tmp_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (d->tmp_fd < 0) {
        e = errno;
        report_dir_close(d);
        return report_io_err_part(err, errlen, e, EXPORT_P_TEMP_FOLDER);
    }
    return 0;
}

int report_dir_create(struct report_dir *d, const char *name, int *fd)
{
    *fd = openat(d->tmp_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    return *fd < 0 ? -errno : 0;
}

/* Removes the plain files of directory name in parent, then the directory. */
static int remove_tree(int parent, const char *name)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    DIR *dir = fdopendir(fd);
    if (dir == NULL) {
        close(fd);
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        (void)unlinkat(dirfd(dir), e->d_name, 0);
    }
    closedir(dir);
    return unlinkat(parent, name, AT_REMOVEDIR);
}

int report_dir_commit(struct report_dir *d, char *final_path, size_t final_len, char *err,
                      size_t errlen)
{
    struct stat sb;
    char rnd[17], aside[128];
    if (fsync(d->tmp_fd) != 0)
        return report_io_err_part(err, errlen, errno, EXPORT_P_REPORT);
    close(d->tmp_fd);
    d->tmp_fd = -1;
    if (fstatat(d->station_fd, d->final_name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno != ENOENT)
            return report_io_err(err, errlen, errno, d->final_name);
        if (renameat(d->station_fd, d->tmp_name, d->station_fd, d->final_name) != 0)
            return report_io_err_part(err, errlen, errno, EXPORT_P_REPORT);
    } else if (!S_ISDIR(sb.st_mode)) {
        return report_io_err(err, errlen, ELOOP, d->final_name);
    } else if (renameat2(d->station_fd, d->tmp_name, d->station_fd, d->final_name,
                         RENAME_EXCHANGE) == 0) {
        /* the old export now sits under the temporary name */
        (void)remove_tree(d->station_fd, d->tmp_name);
    } else {
        random_hex(rnd);
        snprintf(aside, sizeof aside, ".cu-%.40s-%s", d->final_name, rnd);
        if (renameat(d->station_fd, d->final_name, d->station_fd, aside) != 0)
            return report_io_err_part(err, errlen, errno, EXPORT_P_OLD_REPORT);
        if (renameat(d->station_fd, d->tmp_name, d->station_fd, d->final_name) != 0) {
            int e = errno;
            (void)renameat(d->station_fd, aside, d->station_fd, d->final_name);
            return report_io_err_part(err, errlen, e, EXPORT_P_REPORT);
        }
        (void)remove_tree(d->station_fd, aside);
    }
    d->tmp_name[0] = '\0';
    if (fsync(d->station_fd) != 0)
        return report_io_err_part(err, errlen, errno, EXPORT_P_REPORT);
    if (final_path)
        snprintf(final_path, final_len, "%s/%s", d->station_path, d->final_name);
    return 0;
}

void report_dir_close(struct report_dir *d)
{
    if (d->tmp_fd >= 0)
        close(d->tmp_fd);
    d->tmp_fd = -1;
    if (d->station_fd >= 0) {
        if (d->tmp_name[0])
            (void)remove_tree(d->station_fd, d->tmp_name);
        close(d->station_fd);
    }
    d->station_fd = -1;
    d->tmp_name[0] = '\0';
}
