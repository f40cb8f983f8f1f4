/* file_read.c: a whole file into memory, bounded (see file_read.h). */
#include "kiosk/base/file_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int file_read_all(const char *path, size_t max, unsigned char **data, size_t *len)
{
    int rc = FILE_READ_EIO;
    long n;
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rbe");
    if (!f)
        return errno == ENOENT ? FILE_READ_ENOENT : FILE_READ_EIO;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        goto out;
    if ((unsigned long)n > max) {
        rc = FILE_READ_EBIG;
        goto out;
    }
    /* one spare byte, so that an empty file still gives a buffer the caller can free */
    if (!(*data = malloc((size_t)n + 1))) {
        rc = FILE_READ_ENOMEM;
        goto out;
    }
    if (fread(*data, 1, (size_t)n, f) != (size_t)n) {
        free(*data);
        *data = NULL;
        goto out;
    }
    *len = (size_t)n;
    rc = FILE_READ_OK;
out:
    fclose(f);
    return rc;
}
