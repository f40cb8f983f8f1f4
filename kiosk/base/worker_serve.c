/* worker_serve.c: the helper's side of the confined worker protocol (see worker.h): read a
 * framed request from fd 0, hand it to the handler, write the framed answer to fd 1. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "kiosk/base/fd_write.h"
#include "kiosk/base/worker.h"

/* 1 all read, 0 end of stream before the first byte, -1 cut or failed. */
static int read_full(int fd, void *p, size_t n)
{
    unsigned char *b = p;
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, b + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r == 0 && got == 0 ? 0 : -1;
        got += (size_t)r;
    }
    return 1;
}

static double cpu_seconds(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* the kiosk's answer area; without it every answer goes on the socket */
static unsigned char *area;

void *worker_area(size_t n)
{
    return area && n <= WORKER_AREA_BYTES ? area : NULL;
}

int worker_serve(worker_handler fn, double retire_cpu_s)
{
    area = mmap(NULL, WORKER_AREA_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, WORKER_AREA_FD, 0);
    if (area == MAP_FAILED)
        area = NULL;
    for (;;) {
        struct worker_request_head rq;
        int r = read_full(STDIN_FILENO, &rq, sizeof rq);
        if (r == 0)
            return 0;
        if (r < 0 || rq.magic != WORKER_REQUEST_MAGIC || rq.len > WORKER_MAX_REQUEST ||
            rq.reserved != 0)
            return -1;
        uint8_t *in = malloc(rq.len ? rq.len : 1);
        if (!in || read_full(STDIN_FILENO, in, rq.len) != (rq.len ? 1 : 0)) {
            free(in);
            return -1;
        }
        struct worker_answer_head head;
        uint8_t *out = NULL;
        memset(&head, 0, sizeof head);
        fn(rq.op, in, rq.len, &head, &out);
        free(in);
        head.magic = WORKER_ANSWER_MAGIC;
        head.reserved = 0;
        if (!out)
            head.len = 0;
        int retire = cpu_seconds() > retire_cpu_s;
        head.flags = retire ? WORKER_RETIRING : 0;
        if (area && out == area && head.len <= WORKER_AREA_BYTES) {
            head.flags |= WORKER_IN_AREA; /* written there by the handler */
            out = NULL;
        } else if (area && head.len > 0 && head.len <= WORKER_AREA_BYTES) {
            memcpy(area, out, head.len);
            head.flags |= WORKER_IN_AREA;
        }
        int w = fd_write_all(STDOUT_FILENO, &head, sizeof head);
        if (w == 0 && head.len && !(head.flags & WORKER_IN_AREA))
            w = fd_write_all(STDOUT_FILENO, out, head.len);
        free(out);
        if (w != 0)
            return -1;
        if (retire)
            return 0;
    }
}
