/* pn532_hsu.c: PN532 HSU probe and SetSerialBaudRate on a raw serial port (see pn532_hsu.h).
 * Written here because libnfc exposes no way to send this command (its pn53x_transceive is
 * internal) and the exchange is three short frames. */
#include "drivers/card/pn532_hsu.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define HSU_WAIT_MS 120 /* an answer at 115200 takes < 2 ms; a PN532 waking up ~ 10 ms */

/* libnfc 1.8.0's uart layer takes no rate above 460800 (B921600 is not in its table), so
 * 921600, which the PN532 offers, cannot be used through it. */
const int pn532_hsu_rates[] = {460800, 230400, 115200, 0};

static speed_t hsu_speed(int baud)
{
    switch (baud) {
    case 115200:
        return B115200;
    case 230400:
        return B230400;
    case 460800:
        return B460800;
    case 921600:
        return B921600;
    }
    return 0;
}

static int hsu_open(const char *port, int baud)
{
    struct termios t;
    speed_t sp = hsu_speed(baud);
    int fd;
    if (!sp || (fd = open(port, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) < 0)
        return -1;
    if (tcgetattr(fd, &t) != 0) {
        close(fd);
        return -1;
    }
    cfmakeraw(&t);
    t.c_cflag |= CLOCAL | CREAD;
    if (cfsetispeed(&t, sp) != 0 || cfsetospeed(&t, sp) != 0 || tcsetattr(fd, TCSANOW, &t) != 0) {
        close(fd);
        return -1;
    }
    tcflush(fd, TCIOFLUSH);
    return fd;
}

static int hsu_write(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && (errno == EINTR || errno == EAGAIN)) {
            struct pollfd pf = {fd, POLLOUT, 0};
            poll(&pf, 1, 10);
            continue;
        }
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static size_t hsu_frame(uint8_t *f, const uint8_t *cmd, size_t n)
{
    size_t o = 0;
    uint8_t sum = 0xD4;
    f[o++] = 0x00;
    f[o++] = 0x00;
    f[o++] = 0xFF;
    f[o++] = (uint8_t)(n + 1);
    f[o++] = (uint8_t)(0x100 - (n + 1));
    f[o++] = 0xD4;
    for (size_t i = 0; i < n; i++) {
        f[o++] = cmd[i];
        sum = (uint8_t)(sum + cmd[i]);
    }
    f[o++] = (uint8_t)(0x100 - sum);
    f[o++] = 0x00;
    return o;
}

/* Reads until the ACK and a response to cmd (or the error frame) came, or the time is up.
 * 0: answered; -2: error frame; -1: nothing usable. */
static int hsu_await(int fd, uint8_t cmd)
{
    static const uint8_t ack[6] = {0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00};
    static const uint8_t err[8] = {0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00};
    uint8_t b[128];
    size_t n = 0;
    int waited = 0;
    while (waited < HSU_WAIT_MS && n < sizeof(b)) {
        struct pollfd pf = {fd, POLLIN, 0};
        if (poll(&pf, 1, 10) <= 0) {
            waited += 10;
            continue;
        }
        ssize_t r = read(fd, b + n, sizeof(b) - n);
        if (r > 0)
            n += (size_t)r;
        for (size_t i = 0; i + 8 <= n; i++) {
            if (!memcmp(b + i, err, sizeof(err)))
                return -2;
            if (memcmp(b + i, ack, sizeof(ack)) != 0)
                continue;
            /* the response frame after the ACK: 00 00 FF LEN LCS D5 CMD+1 */
            for (size_t j = i + 6; j + 7 <= n; j++)
                if (b[j] == 0x00 && b[j + 1] == 0x00 && b[j + 2] == 0xFF &&
                    (uint8_t)(b[j + 3] + b[j + 4]) == 0 && b[j + 5] == 0xD5 &&
                    b[j + 6] == (uint8_t)(cmd + 1))
                    return 0;
        }
    }
    return -1;
}

/* Wake-up preamble (the PN532 may sleep) and SAMConfiguration normal mode: the same first
 * frame libnfc sends, answered by any PN532 at the right rate. */
static int hsu_wake(int fd)
{
    static const uint8_t wake[16] = {0x55, 0x55};
    static const uint8_t sam[] = {0x14, 0x01, 0x17, 0x00};
    uint8_t f[32];
    size_t n = hsu_frame(f, sam, sizeof(sam));
    if (hsu_write(fd, wake, sizeof(wake)) || hsu_write(fd, f, n))
        return -1;
    return hsu_await(fd, 0x14);
}

int pn532_hsu_probe(const char *port, int baud)
{
    int fd = hsu_open(port, baud), rc;
    if (fd < 0)
        return -1;
    rc = hsu_wake(fd) == 0 ? 0 : -1;
    close(fd);
    return rc;
}

int pn532_hsu_set_baud(const char *port, int from, int to)
{
    static const uint8_t ack[6] = {0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00};
    uint8_t cmd[2] = {0x10, 0}, f[32];
    int fd, rc;
    switch (to) {
    case 115200:
        cmd[1] = 0x04;
        break;
    case 230400:
        cmd[1] = 0x05;
        break;
    case 460800:
        cmd[1] = 0x06;
        break;
    case 921600:
        cmd[1] = 0x07;
        break;
    default:
        return -1;
    }
    if ((fd = hsu_open(port, to)) < 0) /* the host side must take the rate at all */
        return -1;
    close(fd);
    if ((fd = hsu_open(port, from)) < 0)
        return -1;
    if ((rc = hsu_wake(fd)) != 0) {
        close(fd);
        return -1;
    }
    size_t n = hsu_frame(f, cmd, sizeof(cmd));
    if (hsu_write(fd, f, n) != 0) {
        close(fd);
        return -1;
    }
    rc = hsu_await(fd, 0x10);
    if (rc == 0) {
        rc = hsu_write(fd, ack, sizeof(ack)); /* now it switches */
        tcdrain(fd);
        struct timespec ts = {0, 5 * 1000000L};
        nanosleep(&ts, NULL);
    }
    close(fd);
    return rc;
}
