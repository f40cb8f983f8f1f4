/* vpcd_card.c: the software chip behind vpcd's socket protocol (see vpcd_card.h).
 *
 * One thread owns the socket and the chip; the present flag is the only state shared with the
 * test thread (under the mutex). The port pair is chosen free (vpcd listens on PORT for slot 0
 * and PORT+1 for slot 1); another program could take it before pcscd binds it, which the test
 * would see as pcscd not listing the reader. */
#include "tests/rigs/card/vpcd_card.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "drivers/card/chip_sim.h"

#define VPCD_MAX_MSG 0xFFFF

struct vpcd_card {
    struct vpcd_chip chip;
    uint8_t r[VPCD_MAX_RAPDU + 2];
    struct vpcd_card_opts o;
    int port;
    int cfd;
    pthread_t thread;
    pthread_mutex_t mu;
    int stop, present;
    unsigned long apdus;
    int hooked, iso_dep;
    struct timespec back_at;
    int back_pending;
};

static int vc_bind(int port, int do_listen)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), yes = 0;
    struct sockaddr_in a;
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((uint16_t)port);
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || (do_listen && listen(fd, 1) != 0)) {
        close(fd);
        return -1;
    }
    return fd;
}

static int vc_port_of(int fd)
{
    struct sockaddr_in a;
    socklen_t l = sizeof(a);
    if (getsockname(fd, (struct sockaddr *)&a, &l) != 0)
        return -1;
    return ntohs(a.sin_port);
}

static int vc_io(int fd, void *buf, size_t n, int wr)
{
    uint8_t *p = buf;
    int one = 1;
    while (n) {
        /* vpcd writes a message's length and body separately: ACK at once, or its Nagle
         * holds the body until our delayed ACK (40 ms). Linux clears the flag, so per read. */
        if (!wr)
            setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
        ssize_t r = wr ? send(fd, p, n, MSG_NOSIGNAL) : recv(fd, p, n, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* One write per message: a split header would wait out Nagle + delayed ACK (40 ms). */
static int vc_send(int fd, const uint8_t *d, size_t n)
{
    uint8_t *m;
    if (n > VPCD_MAX_RAPDU || !(m = malloc(n + 2)))
        return -1;
    m[0] = (uint8_t)(n >> 8);
    m[1] = (uint8_t)n;
    memcpy(m + 2, d, n);
    int rc = vc_io(fd, m, n + 2, 1);
    free(m);
    return rc;
}

static void vc_drop(struct vpcd_card *c)
{
    if (c->cfd >= 0)
        close(c->cfd);
    c->cfd = -1;
}

static int vc_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    if (fd < 0)
        return -1;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((uint16_t)port);
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

static int vc_present(struct vpcd_card *c)
{
    int p;
    pthread_mutex_lock(&c->mu);
    if (c->back_pending) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec > c->back_at.tv_sec ||
            (now.tv_sec == c->back_at.tv_sec && now.tv_nsec >= c->back_at.tv_nsec)) {
            c->present = 1;
            c->back_pending = 0;
        }
    }
    p = c->present && !c->stop;
    pthread_mutex_unlock(&c->mu);
    return p;
}

/* The chip left the field: lift the card, and put it back later if asked to. */
static void vc_lift(struct vpcd_card *c)
{
    pthread_mutex_lock(&c->mu);
    c->present = 0;
    if (c->o.back_after_ms > 0) {
        clock_gettime(CLOCK_MONOTONIC, &c->back_at);
        c->back_at.tv_nsec += (long)(c->o.back_after_ms % 1000) * 1000000L;
        c->back_at.tv_sec += c->o.back_after_ms / 1000 + c->back_at.tv_nsec / 1000000000L;
        c->back_at.tv_nsec %= 1000000000L;
        c->back_pending = 1;
    }
    pthread_mutex_unlock(&c->mu);
}

/* One message from vpcd. -1: the connection is over. */
static int vc_serve_one(struct vpcd_card *c)
{
    static const uint8_t atr_iso[] = {0x3B, 0x80, 0x80, 0x01, 0x01};
    static const uint8_t atr_storage[] = {0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C,
                                          0xA0, 0x00, 0x00, 0x03, 0x06, 0x03, 0x00,
                                          0x01, 0x00, 0x00, 0x00, 0x00, 0x6A};
    uint8_t h[2], *msg, *r = c->r;
    size_t n, rl = 0;
    int rc = 0;

    if (vc_io(c->cfd, h, 2, 0) != 0)
        return -1;
    n = (size_t)h[0] << 8 | h[1];
    if (!(msg = malloc(n ? n : 1)))
        return -1;
    if (n && vc_io(c->cfd, msg, n, 0) != 0) {
        free(msg);
        return -1;
    }
    if (n == 1) {
        if (msg[0] == 0x04)
            rc = c->iso_dep ? vc_send(c->cfd, atr_iso, sizeof(atr_iso))
                            : vc_send(c->cfd, atr_storage, sizeof(atr_storage));
        else if (msg[0] == 0x01 || msg[0] == 0x02)
            c->chip.power_on(c->chip.chip);
        free(msg);
        return rc;
    }
    if (c->o.hook && c->o.hook_after_apdus && !c->hooked && c->apdus >= c->o.hook_after_apdus) {
        c->hooked = 1;
        free(msg);
        close(c->cfd); /* no answer: the reader is going */
        c->cfd = -1;
        c->o.hook(c->o.hook_arg);
        return -1;
    }
    rc = c->chip.apdu(c->chip.chip, msg, n, r, VPCD_MAX_RAPDU, &rl);
    free(msg);
    if (rc == VPCD_CHIP_GONE) {
        vc_lift(c);
        return -1;
    }
    if (rc != 0) {
        r[0] = 0x6F; /* the chip failed internally: "no precise diagnosis" */
        r[1] = 0x00;
        rl = 2;
    }
    pthread_mutex_lock(&c->mu);
    c->apdus++;
    pthread_mutex_unlock(&c->mu);
    return vc_send(c->cfd, r, rl);
}

static void *vc_main(void *arg)
{
    struct vpcd_card *c = arg;
    for (;;) {
        pthread_mutex_lock(&c->mu);
        int stop = c->stop;
        pthread_mutex_unlock(&c->mu);
        if (stop)
            break;
        if (c->cfd < 0 && vc_present(c) && (c->cfd = vc_connect(c->port)) >= 0)
            c->chip.power_on(c->chip.chip); /* a card put on the reader starts afresh */
        if (!vc_present(c) || c->cfd < 0) {
            vc_drop(c);
            struct timespec ts = {0, 20 * 1000000L};
            nanosleep(&ts, NULL);
            continue;
        }
        struct pollfd pf = {c->cfd, POLLIN, 0};
        if (poll(&pf, 1, 20) <= 0)
            continue;
        if (vc_serve_one(c) != 0)
            vc_drop(c);
    }
    vc_drop(c);
    return NULL;
}

static int vc_sim_apdu(void *chip, const uint8_t *cmd, size_t clen, uint8_t *r, size_t rcap,
                       size_t *rlen)
{
    int rc = chip_sim_apdu(chip, cmd, clen, r, rcap, rlen);
    return rc == CHIP_SIM_EREMOVED ? VPCD_CHIP_GONE : rc;
}

static void vc_sim_power_on(void *chip)
{
    chip_sim_power_on(chip);
}

static void vc_sim_free(void *chip)
{
    chip_sim_free(chip);
}

int vpcd_card_start(const char *profile_dir, const struct vpcd_card_opts *o, struct vpcd_card **out)
{
    struct chip_sim_info info;
    struct chip_sim *sim = NULL;

    *out = NULL;
    if (chip_sim_open(profile_dir, &sim) != 0)
        return -1;
    chip_sim_get_info(sim, &info);
    struct vpcd_chip chip = {sim, vc_sim_apdu, vc_sim_power_on, vc_sim_free, info.iso_dep};
    return vpcd_card_start_chip(&chip, o, out);
}

int vpcd_card_start_chip(const struct vpcd_chip *chip, const struct vpcd_card_opts *o,
                         struct vpcd_card **out)
{
    struct vpcd_card *c = calloc(1, sizeof(*c));

    *out = NULL;
    if (!c) {
        chip->free(chip->chip);
        return -1;
    }
    c->chip = *chip;
    c->cfd = -1;
    c->present = 1;
    if (o)
        c->o = *o;
    pthread_mutex_init(&c->mu, NULL);
    c->iso_dep = chip->iso_dep;
    for (int tries = 0; tries < 50 && !c->port; tries++) {
        int a = vc_bind(0, 0), b = -1, p = a >= 0 ? vc_port_of(a) : -1;
        if (p > 0 && p < 65535 && (b = vc_bind(p + 1, 0)) >= 0)
            c->port = p;
        if (a >= 0)
            close(a);
        if (b >= 0)
            close(b);
    }
    if (!c->port)
        goto fail;
    if (pthread_create(&c->thread, NULL, vc_main, c) != 0)
        goto fail;
    *out = c;
    return 0;
fail:
    c->chip.free(c->chip.chip);
    pthread_mutex_destroy(&c->mu);
    free(c);
    return -1;
}

int vpcd_card_port(const struct vpcd_card *c)
{
    return c->port;
}

void vpcd_card_set_present(struct vpcd_card *c, int present)
{
    pthread_mutex_lock(&c->mu);
    c->present = present;
    c->back_pending = 0;
    pthread_mutex_unlock(&c->mu);
}

unsigned long vpcd_card_apdus(struct vpcd_card *c)
{
    unsigned long n;
    pthread_mutex_lock(&c->mu);
    n = c->apdus;
    pthread_mutex_unlock(&c->mu);
    return n;
}

void vpcd_card_stop(struct vpcd_card *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->thread, NULL);
    c->chip.free(c->chip.chip);
    pthread_mutex_destroy(&c->mu);
    free(c);
}
