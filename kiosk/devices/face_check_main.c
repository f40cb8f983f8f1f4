/* face_check_main.c: kiosk-facecheck, the helper program that compares a chip's photo with a
 * portrait for the camera worker (kiosk/devices/face_check.c), so the face network, OpenCV's
 * cascades, OpenBLAS and their working memory (~25 MB) live outside the kiosk's process.
 * argv[1] is the model's folder. Started by the kiosk with a socket as its stdin and stdout
 * (kiosk/base/worker.h); it closes every other descriptor, loads the model and the libraries
 * (which open files and start OpenBLAS's threads), then confines itself (kiosk/base/confine.h)
 * and answers one comparison after another. It gets pixels already decoded by the confined
 * decoder and the kiosk's own JPEG, and writes nothing but its answers (and, on stderr, why
 * the model could not be loaded). */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/base/confine.h"
#include "kiosk/base/worker.h"
#include "kiosk/devices/face_check_helper.h"

static struct face_matcher *matcher; /* NULL: the model could not be loaded */

/* One comparison of two blank pictures before the filter: the libraries load what they load on
 * first use (OpenCV its parallel back end) while opening files is still allowed. */
static void warm_up(void)
{
    static unsigned char grey[96 * 96 * 3];
    memset(grey, 128, sizeof grey);
    struct face_image img = {grey, 96, 96, 96 * 3};
    struct face_match_result r;
    (void)face_match(matcher, &img, &img, 0, &r);
}

static void compare(const uint8_t *in, size_t len, struct face_check_answer *a)
{
    struct face_check_size size;
    struct face_match_result r;
    a->verdict = FACE_MATCH_UNAVAILABLE;
    if (!matcher || len < sizeof size)
        return;
    memcpy(&size, in, sizeof size);
    size_t px = (size_t)size.width * size.height * 3;
    if (size.width == 0 || size.height == 0 || size.width > 16384 || size.height > 16384 ||
        px > len - sizeof size)
        return;
    const uint8_t *jpeg = in + sizeof size + px;
    if (face_check_compare(matcher, in + sizeof size, (int)size.width, (int)size.height, jpeg,
                           len - sizeof size - px, &r) != 0)
        return;
    a->verdict = (uint32_t)r.verdict;
    a->distance = r.distance;
    a->threshold = r.threshold;
}

static void handle(uint32_t op, const uint8_t *in, size_t len, struct worker_answer_head *head,
                   uint8_t **out)
{
    if (op != FACE_CHECK_COMPARE) {
        head->status = -1;
        return;
    }
    struct face_check_answer *a = calloc(1, sizeof *a);
    if (!a) {
        head->status = -1;
        return;
    }
    compare(in, len, a);
    *out = (uint8_t *)a;
    head->len = sizeof *a;
}

int main(int argc, char **argv)
{
    static const struct confine_limits lim = {
        /* the network's layers, OpenCV's pyramids and, in test builds, the sanitizers'
         * allocator need room; this bounds a runaway, not a normal comparison */
        .mem_bytes = FACE_CHECK_MEM_BYTES,
        .cpu_seconds = FACE_CHECK_CPU_S,
    };
    close_range(WORKER_AREA_FD + 1, ~0u, 0);
    signal(SIGPIPE, SIG_DFL);
    /* one OpenBLAS thread: the helper compares one portrait at a time */
    setenv("OPENBLAS_NUM_THREADS", "1", 1);
    if (argc > 1 && face_check_load(argv[1], &matcher) == 0)
        warm_up();
    if (confine_self(&lim) != 0)
        _exit(125);
    int rc = worker_serve(handle, FACE_CHECK_CPU_S / 2.0);
    _exit(rc == 0 ? 0 : 1);
}
