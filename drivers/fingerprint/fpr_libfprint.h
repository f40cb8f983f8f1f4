/* fpr_libfprint.h: the libfprint backend's building blocks, shared with the sim backend.
 *
 * A struct fpr_lf is one libfprint context and one open imaging device, driven on a private
 * GMainContext that only the calling thread iterates (libfprint's *_sync calls iterate the
 * global default context, which this module never uses). Every wait is bounded. */
#ifndef DRIVERS_FPR_LIBFPRINT_H
#define DRIVERS_FPR_LIBFPRINT_H

#include "drivers/fingerprint/fpr_internal.h"

#include <stdatomic.h>
#include <glib.h>

struct fpr_lf;

/* Opens device: a libfprint driver id ("virtual_image", "elan"...) or "" for the first device
 * that can capture images. 0 and *out (close with fpr_lf_close), or a negative enum fpr_err. */
int fpr_lf_open(const char *device, struct fpr_lf **out);
/* Opens libfprint's virtual_image driver listening on socket_path, handed to the driver
 * directly (as the "fpi-environ" value its enumeration would read from FP_VIRTUAL_IMAGE): no
 * process environment is touched, so other threads may read theirs meanwhile. */
int fpr_lf_open_virtual_image(const char *socket_path, struct fpr_lf **out);
/* One capture, waiting for the finger at most timeout_ms. */
int fpr_lf_capture(struct fpr_lf *lf, int timeout_ms, const atomic_int *cancel,
                   struct fpr_image *img);
/* Thread-safe: cancels the operation in progress, if any. */
void fpr_lf_cancel(struct fpr_lf *lf);
void fpr_lf_close(struct fpr_lf *lf);
/* The context libfprint's callbacks run on; sources attached to it run during captures. */
GMainContext *fpr_lf_context(struct fpr_lf *lf);

#endif
