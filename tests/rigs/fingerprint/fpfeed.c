/* fpfeed.c: the virtual_image feeder thread (see fpfeed.h). One connection for the feeder's
 * life, opened at the first message (retried for up to 5 s while the device opens). */
#include "tests/rigs/fingerprint/fpfeed.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define FPFEED_QUEUE 16

struct fpfeed_msg {
    unsigned char *data;
    size_t len;
};

struct fpfeed {
    char *path;
    int fd, stop, sent;
    struct fpfeed_msg q[FPFEED_QUEUE];
    int head, count;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    pthread_t th;
};

static int fpfeed_connect(struct fpfeed *f)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    strncpy(a.sun_path, f->path, sizeof(a.sun_path) - 1);
    for (int i = 0; i < 100; i++) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0) {
            pthread_mutex_lock(&f->lock); /* fpfeed_stop() reads it from the test's thread */
            f->fd = fd;
            pthread_mutex_unlock(&f->lock);
            return 0;
        }
        close(fd);
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    return -1;
}

static void *fpfeed_main(void *arg)
{
    struct fpfeed *f = arg;
    pthread_mutex_lock(&f->lock);
    for (;;) {
        while (!f->stop && f->count == 0)
            pthread_cond_wait(&f->cond, &f->lock);
        if (f->stop)
            break;
        struct fpfeed_msg m = f->q[f->head];
        pthread_mutex_unlock(&f->lock);
        int ok = f->fd >= 0 || fpfeed_connect(f) == 0;
        size_t off = 0;
        while (ok && off < m.len) {
            ssize_t n = send(f->fd, m.data + off, m.len - off, MSG_NOSIGNAL);
            if (n <= 0)
                break;
            off += (size_t)n;
        }
        free(m.data);
        pthread_mutex_lock(&f->lock);
        f->head = (f->head + 1) % FPFEED_QUEUE;
        f->count--;
        if (off == m.len)
            f->sent++;
        pthread_cond_broadcast(&f->cond);
    }
    pthread_mutex_unlock(&f->lock);
    return NULL;
}

int fpfeed_start(const char *socket_path, struct fpfeed **out)
{
    *out = NULL;
    struct fpfeed *f = calloc(1, sizeof(*f));
    if (!f || !(f->path = strdup(socket_path))) {
        free(f);
        return -1;
    }
    f->fd = -1;
    pthread_mutex_init(&f->lock, NULL);
    pthread_cond_init(&f->cond, NULL);
    if (pthread_create(&f->th, NULL, fpfeed_main, f) != 0) {
        free(f->path);
        free(f);
        return -1;
    }
    *out = f;
    return 0;
}

static int fpfeed_push(struct fpfeed *f, int32_t a, int32_t b, const unsigned char *px, size_t n)
{
    unsigned char *d = malloc(8 + n);
    if (!d)
        return -1;
    memcpy(d, &a, 4);
    memcpy(d + 4, &b, 4);
    if (n)
        memcpy(d + 8, px, n);
    pthread_mutex_lock(&f->lock);
    int rc = -1;
    if (f->count < FPFEED_QUEUE) {
        f->q[(f->head + f->count) % FPFEED_QUEUE] = (struct fpfeed_msg){d, 8 + n};
        f->count++;
        pthread_cond_broadcast(&f->cond);
        rc = 0;
    }
    pthread_mutex_unlock(&f->lock);
    if (rc)
        free(d);
    return rc;
}

int fpfeed_image(struct fpfeed *f, const unsigned char *img, int w, int h)
{
    if (w <= 0 || h <= 0)
        return -1;
    return fpfeed_push(f, w, h, img, (size_t)w * h);
}

int fpfeed_control(struct fpfeed *f, int kind, int code)
{
    return fpfeed_push(f, kind, code, NULL, 0);
}

int fpfeed_sent(struct fpfeed *f)
{
    pthread_mutex_lock(&f->lock);
    int n = f->sent;
    pthread_mutex_unlock(&f->lock);
    return n;
}

void fpfeed_stop(struct fpfeed *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->lock);
    f->stop = 1;
    pthread_cond_broadcast(&f->cond);
    /* a blocking send to a driver that stopped reading would keep the thread: unblock it */
    if (f->fd >= 0)
        shutdown(f->fd, SHUT_RDWR);
    pthread_mutex_unlock(&f->lock);
    pthread_join(f->th, NULL);
    for (int i = 0; i < f->count; i++)
        free(f->q[(f->head + i) % FPFEED_QUEUE].data);
    if (f->fd >= 0)
        close(f->fd);
    pthread_mutex_destroy(&f->lock);
    pthread_cond_destroy(&f->cond);
    free(f->path);
    free(f);
}
