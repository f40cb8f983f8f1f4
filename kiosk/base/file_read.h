/* file_read.h: reading a whole (small) file into memory, with a size cap. Shared by the
 * places that load a file at once: simulated cards, fonts, enrolment scripts' images. */
#ifndef KIOSK_FILE_READ_H
#define KIOSK_FILE_READ_H

#include <stddef.h>

enum file_read_err {
    FILE_READ_OK = 0,
    FILE_READ_ENOENT = -1, /* no such file */
    FILE_READ_EIO = -2,    /* cannot open or read it */
    FILE_READ_EBIG = -3,   /* larger than the cap */
    FILE_READ_ENOMEM = -4,
};

/* Reads the file at path (at most max bytes; an empty file gives len 0) into *data, which
 * the caller frees. *data is NULL and *len 0 on failure. */
int file_read_all(const char *path, size_t max, unsigned char **data, size_t *len);
/* The same from an open file descriptor, read to its end (the caller opened it, e.g. refusing
 * symlinks; the caller closes it). */
int file_read_fd(int fd, size_t max, unsigned char **data, size_t *len);

#endif
