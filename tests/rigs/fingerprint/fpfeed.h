/* fpfeed.h: test rig feeding libfprint's virtual_image driver from a thread.
 *
 * For tests of the plain libfprint backend (fpr_libfprint_ops), whose main loop the test
 * cannot reach: the test queues messages, a thread connects to the driver's socket (the path
 * in FP_VIRTUAL_IMAGE, which exists once the device is open) and writes them in order with
 * blocking writes. Pacing is the test's job: queue one message per capture, e.g. from the
 * state callback's FPR_STATE_PLACE (the driver reads only while a capture runs).
 * Protocol: see drivers/fingerprint/fpr_sim.c. */
#ifndef TESTS_RIGS_FPFEED_H
#define TESTS_RIGS_FPFEED_H

struct fpfeed;

/* 0 and *out, or -1. The feeder owns a copy of path. */
int fpfeed_start(const char *socket_path, struct fpfeed **out);
/* Queues an image (copied): w, h then w*h grey bytes. 0 or -1. */
int fpfeed_image(struct fpfeed *f, const unsigned char *img, int w, int h);
/* Queues a control message: (-1, code) retry, (-2, code) error, (-5, 0) removed. */
int fpfeed_control(struct fpfeed *f, int kind, int code);
/* Messages fully written so far. */
int fpfeed_sent(struct fpfeed *f);
/* Stops the thread, closes the connection, frees. */
void fpfeed_stop(struct fpfeed *f);

#endif
