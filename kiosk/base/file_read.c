/* file_read.c: a whole file into memory, bounded (see file_read.h). */
#include "kiosk/base/file_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int file_read_fd(int fd, size_t max, unsigned char **data, size_t *len)
{
    struct stat st;
    size_t cap, got = 0;
    *data = NULL;
    *len = 0;
    if (fstat(fd, &st) != 0)
        return FILE_READ_EIO;
    /* The size is a first guess only: the file may grow or shrink while it is read. One spare
     * byte, so that an empty file still gives a buffer the caller can free and a file that
     * grew past max is caught. */
    cap = S_ISREG(st.st_mode) && (size_t)st.st_size < max ? (size_t)st.st_size + 1 : 4096;
    if (!(*data = malloc(cap)))
        return FILE_READ_ENOMEM;
    for (;;) {
        if (got == cap) {
            size_t ncap = cap > max / 2 ? max + 1 : cap * 2;
            unsigned char *p;
            if (cap > max || !(p = realloc(*data, ncap)))
                break;
            *data = p;
            cap = ncap;
        }
        ssize_t n = read(fd, *data + got, cap - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        if (n == 0) {
            if (got > max)
                break;
            *len = got;
            return FILE_READ_OK;
        }
        got += (size_t)n;
    }
    int rc = got > max ? FILE_READ_EBIG : errno == ENOMEM ? FILE_READ_ENOMEM : FILE_READ_EIO;
    free(*data);
    *data = NULL;
    return rc;
}

int file_read_all(const char *path, size_t max, unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? FILE_READ_ENOENT : FILE_READ_EIO;
    int rc = file_read_fd(fd, max, data, len);
    close(fd);
    return rc;
}
