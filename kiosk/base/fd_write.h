/* fd_write.h: writing a whole buffer to a file descriptor, through short writes and signals.
 * Shared by the stick writers (reports, bundles) and the confined helper's answers. */
#ifndef KIOSK_FD_WRITE_H
#define KIOSK_FD_WRITE_H

#include <stddef.h>

/* Writes all len bytes of data to fd. 0, or the errno of the failed write (EIO when the
 * system wrote nothing without saying why). */
int fd_write_all(int fd, const void *data, size_t len);

#endif
