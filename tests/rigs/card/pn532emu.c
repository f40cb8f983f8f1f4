/* pn532emu.c: the emulated PN532 (see pn532emu.h).
 *
 * Frames (PN532 User Manual §6.2.1): host → PN532 `00 00 FF LEN LCS D4 CMD data DCS 00`
 * (extended: `00 00 FF FF FF LENm LENl LCS ...`); every good frame is acknowledged with
 * `00 00 FF 00 FF 00` and answered with `00 00 FF LEN LCS D5 CMD+1 data DCS 00` (extended when
 * it does not fit). An ACK from the host (abort) and bad checksums are ignored, as the chip
 * does. Wake-up bytes (55 55 00..) are skipped while looking for the start code.
 * Invariants: nothing is ever sent unsolicited; the thread owns the chip; the card-present
 * flag is the only state shared with other threads (under the mutex). */
#include "tests/rigs/card/pn532emu.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "drivers/card/chip_sim.h"

#define EMU_BUF 4096

struct pn532emu {
    int master, slave;
    char conn[128];
    pthread_t thread;
    pthread_mutex_t mu;
    int stop;
    int card_present;
    int baud;
    struct pn532emu_opts o;
    int kbps;
    int pending_baud;         /* SetSerialBaudRate answered: switch after the host's ACK */
    long long t0_ns, owed_ns; /* link clock of the exchange in progress */
    long long sent_owed_ns;   /* what the last answer owed (its modelled link time) */
    unsigned long unplug_after;
    int unplugged;
    struct chip_sim *chip;
    int selected;
    struct pn532emu_stats stats;
    unsigned long frames_since_apdu; /* non-APDU frames since the last APDU (after the first) */
    uint8_t regs[65536];
    uint8_t in[EMU_BUF];
    size_t in_len;
};

static double emu_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* ISO/IEC 14443 air time of one exchange (c bytes out, r bytes back): 9 bit times a byte
 * (8 + parity), a bit 128/fc at 106 kbit/s, 64/fc at 212, 32/fc at 424; PCB + CRC + SOF/EOF
 * (≈ 5 bytes) per frame; the minimum frame delay time (1172/fc) each way. */
static long long emu_air_ns(int kbps, size_t c, size_t r)
{
    const double fc = 13.56e6;
    double bit = (kbps >= 424 ? 32.0 : kbps >= 212 ? 64.0 : 128.0) / fc;
    double s = ((double)(c + r) + 2 * 5.0) * 9.0 * bit + 2 * 1172.0 / fc;
    return (long long)(s * 1e9);
}

static int emu_line_speed(int fd)
{
    static const struct {
        speed_t s;
        int baud;
    } map[] = {{B9600, 9600},     {B19200, 19200},   {B38400, 38400},   {B57600, 57600},
               {B115200, 115200}, {B230400, 230400}, {B460800, 460800}, {B921600, 921600}};
    struct termios t;
    if (tcgetattr(fd, &t) != 0)
        return 0;
    speed_t sp = cfgetospeed(&t);
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (map[i].s == sp)
            return map[i].baud;
    return 0;
}

/* Link time is owed, not slept piecemeal: each frame from the host starts a clock (t0), the
 * frame's own transfer, the air time and the answer's transfer add to what is owed, and the
 * answer leaves once, at t0 + owed (one absolute sleep: a late wake-up on a busy machine is
 * not paid four times per exchange). */
static long long emu_mono_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void emu_owe_bytes(struct pn532emu *e, size_t bytes)
{
    if (e->baud > 0)
        e->owed_ns += (long long)bytes * 10 * 1000000000LL / e->baud;
}

static void emu_pay(struct pn532emu *e)
{
    long long at = e->t0_ns + e->owed_ns;
    struct timespec ts = {(time_t)(at / 1000000000LL), (long)(at % 1000000000LL)};
    if (e->owed_ns > 0 && at > emu_mono_ns())
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
            ;
    e->owed_ns = 0;
}

static int emu_write_all(struct pn532emu *e, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t w = write(e->master, p, n);
        if (w < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                struct pollfd pf = {e->master, POLLOUT, 0};
                poll(&pf, 1, 10);
                continue;
            }
            return -1;
        }
        p += w;
        n -= (size_t)w;
        e->stats.bytes_out += (unsigned long)w;
    }
    return 0;
}

static void emu_send(struct pn532emu *e, const uint8_t *data, size_t n)
{
    static const uint8_t ack[6] = {0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00};
    uint8_t f[EMU_BUF];
    size_t o = 0, len = n + 1; /* TFI counted */
    uint8_t sum = 0xD5;

    f[o++] = 0x00;
    f[o++] = 0x00;
    f[o++] = 0xFF;
    if (len <= 0xFF && len != 0xFF) {
        f[o++] = (uint8_t)len;
        f[o++] = (uint8_t)(0x100 - len);
    } else {
        f[o++] = 0xFF;
        f[o++] = 0xFF;
        f[o++] = (uint8_t)(len >> 8);
        f[o++] = (uint8_t)len;
        f[o++] = (uint8_t)(0x100 - (((len >> 8) + len) & 0xFF));
    }
    f[o++] = 0xD5;
    for (size_t i = 0; i < n; i++) {
        f[o++] = data[i];
        sum = (uint8_t)(sum + data[i]);
    }
    f[o++] = (uint8_t)(0x100 - sum);
    f[o++] = 0x00;
    emu_owe_bytes(e, sizeof(ack) + o);
    e->sent_owed_ns = e->owed_ns;
    emu_pay(e);
    emu_write_all(e, ack, sizeof(ack));
    emu_write_all(e, f, o);
}

static int emu_card_present(struct pn532emu *e)
{
    int p;
    pthread_mutex_lock(&e->mu);
    p = e->card_present;
    pthread_mutex_unlock(&e->mu);
    return p;
}

static size_t emu_list_target(struct pn532emu *e, const uint8_t *d, size_t n, uint8_t *r)
{
    struct chip_sim_info info;
    size_t o = 0;
    int want_b = n >= 2 && d[1] == 0x03;

    r[o++] = 0x4B;
    if (n < 2 || !emu_card_present(e) || !chip_sim_poll(e->chip)) {
        r[o++] = 0x00;
        return o;
    }
    chip_sim_get_info(e->chip, &info);
    if ((d[1] != 0x00 && d[1] != 0x03) || want_b != info.type_b) {
        r[o++] = 0x00;
        return o;
    }
    chip_sim_power_on(e->chip);
    e->selected = 1;
    r[o++] = 0x01; /* NbTg */
    r[o++] = 0x01; /* Tg */
    if (!info.type_b) {
        r[o++] = 0x00; /* SENS_RES */
        r[o++] = 0x44;
        r[o++] = info.iso_dep ? 0x20 : 0x08; /* SEL_RES: ISO 14443-4, or a memory card */
        r[o++] = (uint8_t)info.uid_len;
        memcpy(r + o, info.uid, info.uid_len);
        o += info.uid_len;
        if (info.iso_dep) {
            memcpy(r + o, info.ats, info.ats_len); /* ATS with TL, as the PN532 reports it */
            o += info.ats_len;
        }
    } else {
        r[o++] = 0x50; /* ATQB */
        memcpy(r + o, info.uid, 4);
        o += 4;
        memset(r + o, 0, 4); /* application data */
        o += 4;
        r[o++] = 0x00; /* protocol info: 106 kbps only */
        r[o++] = 0x81; /* max frame 256, ISO 14443-4 */
        r[o++] = 0x81; /* FWI 8 */
        r[o++] = 0x01; /* ATTRIB_RES length */
        r[o++] = 0x00;
    }
    return o;
}

static size_t emu_data_exchange(struct pn532emu *e, const uint8_t *d, size_t n, uint8_t *r)
{
    size_t o = 0, rl = 0;
    int rc;

    r[o++] = 0x41;
    struct chip_sim_info info;
    chip_sim_get_info(e->chip, &info);
    if (n < 2 || !e->selected || !emu_card_present(e) || !info.iso_dep) {
        r[o++] = 0x01; /* time out: no answer from a card */
        return o;
    }
    e->stats.apdus++;
    if (e->unplug_after && e->stats.apdus > e->unplug_after) {
        e->unplugged = 1; /* no answer, and the line goes dead */
        return 0;
    }
    if (e->stats.apdus == 1)
        e->stats.first_apdu_ms = emu_now_ms();
    rc = chip_sim_apdu(e->chip, d + 1, n - 1, r + 2, EMU_BUF - 16, &rl);
    if (rc == CHIP_SIM_EREMOVED || rc != 0) {
        e->selected = 0;
        r[o++] = 0x01;
        return o;
    }
    e->stats.air_bytes += (unsigned long)(n - 1 + rl);
    if (e->o.radio)
        e->owed_ns += emu_air_ns(e->kbps, n - 1, rl);
    r[o++] = 0x00;
    return o + rl;
}

/* Answers one command (d[0] = command code, n bytes with data). */
static void emu_command(struct pn532emu *e, const uint8_t *d, size_t n)
{
    uint8_t r[EMU_BUF];
    size_t o = 0;
    struct chip_sim_info info;

    switch (d[0]) {
    case 0x00: /* Diagnose: echo */
        r[o++] = 0x01;
        memcpy(r + o, d + 1, n - 1);
        o += n - 1;
        break;
    case 0x02: /* GetFirmwareVersion: PN532 1.6, ISO 14443 A, B and 18092 */
        memcpy(r, (const uint8_t[]){0x03, 0x32, 0x01, 0x06, 0x07}, 5);
        o = 5;
        break;
    case 0x06: /* ReadRegister */
        r[o++] = 0x07;
        for (size_t i = 1; i + 1 < n; i += 2)
            r[o++] = e->regs[d[i] << 8 | d[i + 1]];
        break;
    case 0x08: /* WriteRegister */
        r[o++] = 0x09;
        for (size_t i = 1; i + 2 < n; i += 3)
            e->regs[d[i] << 8 | d[i + 1]] = d[i + 2];
        break;
    case 0x4A:
        e->kbps = 106;
        o = emu_list_target(e, d + 1, n - 1, r);
        break;
    case 0x4E: /* InPSL */
        chip_sim_get_info(e->chip, &info);
        r[o++] = 0x4F;
        if (e->selected && info.ats_424 && !e->o.pps_refused && n >= 4 && d[2] <= 2 && d[3] <= 2) {
            r[o++] = 0x00;
            e->kbps = d[2] == 2 ? 424 : d[2] == 1 ? 212 : 106; /* BR 0/1/2 = 106/212/424 */
            if (e->o.radio) /* PPS request + response on air at the old rate */
                e->owed_ns += emu_air_ns(106, 3, 1);
        } else {
            r[o++] = 0x01; /* the card did not answer the PPS: time out */
        }
        break;
    case 0x10: { /* SetSerialBaudRate: BR 4..7 = 115200, 230400, 460800, 921600 */
        static const int rates[] = {9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600};
        int max = e->o.max_baud ? e->o.max_baud : 921600;
        if (n < 2 || d[1] > 7 || rates[d[1]] > max) {
            static const uint8_t err[] = {0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00};
            static const uint8_t ack[6] = {0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00};
            emu_owe_bytes(e, sizeof(ack) + sizeof(err));
            emu_pay(e);
            emu_write_all(e, ack, sizeof(ack));
            emu_write_all(e, err, sizeof(err)); /* application error: parameter refused */
            return;
        }
        if (!e->o.baud_no_switch)
            e->pending_baud = rates[d[1]];
        r[o++] = 0x11;
        break;
    }
    case 0x40:
        o = emu_data_exchange(e, d + 1, n - 1, r);
        if (e->unplugged)
            return;
        break;
    case 0x42: /* InCommunicateThru: no raw-frame targets here */
        r[o++] = 0x43;
        r[o++] = 0x01;
        break;
    case 0x44:
    case 0x52:
        e->selected = 0;
        r[o++] = (uint8_t)(d[0] + 1);
        r[o++] = 0x00;
        break;
    case 0x16: /* PowerDown */
        r[o++] = 0x17;
        r[o++] = 0x00;
        break;
    case 0x60: /* InAutoPoll: nothing found */
        r[o++] = 0x61;
        r[o++] = 0x00;
        break;
    default: /* SAMConfiguration, SetParameters, RFConfiguration...: empty answer */
        r[o++] = (uint8_t)(d[0] + 1);
        break;
    }
    emu_send(e, r, o);
    if (d[0] == 0x40 && e->stats.apdus) {
        e->stats.last_apdu_ms = emu_now_ms();
        e->stats.apdu_link_ms += (double)e->sent_owed_ns / 1e6;
    }
}

/* Parses what is buffered; returns when a frame is incomplete. */
static void emu_parse(struct pn532emu *e)
{
    for (;;) {
        size_t i = 0, n = e->in_len;
        uint8_t *b = e->in;
        while (i + 1 < n && !(b[i] == 0x00 && b[i + 1] == 0xFF))
            i++;
        if (i + 1 >= n) {
            /* keep a trailing 00 that may start a start code */
            if (n && b[n - 1] == 0x00) {
                b[0] = 0x00;
                e->in_len = 1;
            } else {
                e->in_len = 0;
            }
            return;
        }
        size_t p = i + 2, len, hdr;
        if (n - p < 2)
            goto keep;
        if (b[p] == 0x00 && b[p + 1] == 0xFF) { /* ACK (abort) from the host */
            p += 2;
            if (e->pending_baud) { /* the host took SetSerialBaudRate's answer: switch now */
                e->baud = e->pending_baud;
                e->pending_baud = 0;
            }
            goto consume;
        }
        if (b[p] == 0xFF && b[p + 1] == 0xFF) {
            if (n - p < 5)
                goto keep;
            len = (size_t)b[p + 2] << 8 | b[p + 3];
            if ((uint8_t)(b[p + 2] + b[p + 3] + b[p + 4]) != 0) {
                p += 2;
                goto consume;
            }
            hdr = 5;
        } else {
            len = b[p];
            if ((uint8_t)(b[p] + b[p + 1]) != 0) {
                p += 1;
                goto consume;
            }
            hdr = 2;
        }
        if (len + hdr + 1 + 2 > EMU_BUF) {
            p += hdr;
            goto consume;
        }
        if (n - p < hdr + len + 1)
            goto keep;
        {
            const uint8_t *body = b + p + hdr;
            uint8_t sum = 0;
            for (size_t k = 0; k < len + 1; k++)
                sum = (uint8_t)(sum + body[k]);
            size_t frame_bytes = p + hdr + len + 1 - i;
            p += hdr + len + 1;
            if (p < n && b[p] == 0x00)
                p++; /* postamble */
            if (sum == 0 && len >= 2 && body[0] == 0xD4) {
                e->stats.frames_in++;
                if (body[1] == 0x40) {
                    e->stats.frames_between_apdus += e->frames_since_apdu;
                    e->frames_since_apdu = 0;
                } else if (e->stats.apdus) {
                    e->frames_since_apdu++;
                }
                e->t0_ns = emu_mono_ns();
                e->owed_ns = 0;
                emu_owe_bytes(e, frame_bytes + 1);
                emu_command(e, body + 1, len - 1);
            }
        }
    consume:
        memmove(b, b + p, n - p);
        e->in_len = n - p;
        continue;
    keep:
        if (i) {
            memmove(b, b + i, n - i);
            e->in_len = n - i;
        }
        return;
    }
}

static void *emu_main(void *arg)
{
    struct pn532emu *e = arg;

    for (;;) {
        pthread_mutex_lock(&e->mu);
        int stop = e->stop;
        pthread_mutex_unlock(&e->mu);
        if (stop)
            break;
        struct pollfd pf = {e->master, POLLIN, 0};
        int pr = poll(&pf, 1, 20);
        if (pr <= 0 || !(pf.revents & POLLIN))
            continue;
        ssize_t r = read(e->master, e->in + e->in_len, EMU_BUF - e->in_len);
        if (r <= 0)
            continue;
        if (e->o.line_check && e->baud && emu_line_speed(e->master) != e->baud) {
            e->in_len = 0; /* framing errors at the wrong speed: nothing understood */
            continue;
        }
        e->stats.bytes_in += (unsigned long)r;
        e->in_len += (size_t)r;
        emu_parse(e);
        if (e->unplugged) {
            /* USB-serial adapter pulled: every descriptor of the pty hangs up. */
            close(e->slave);
            e->slave = -1;
            close(e->master);
            e->master = -1;
            break;
        }
        if (e->in_len == EMU_BUF)
            e->in_len = 0; /* garbage: drop it */
    }
    return NULL;
}

int pn532emu_start(const char *profile_dir, const struct pn532emu_opts *o, struct pn532emu **out)
{
    struct pn532emu *e = calloc(1, sizeof(*e));
    struct termios t;
    const char *name;

    *out = NULL;
    if (!e)
        return -1;
    e->master = e->slave = -1;
    e->card_present = 1;
    e->baud = o ? o->baud : 0;
    if (o)
        e->o = *o;
    e->kbps = 106;
    e->unplug_after = o ? o->unplug_after_apdus : 0;
    pthread_mutex_init(&e->mu, NULL);
    if (chip_sim_open(profile_dir, &e->chip) != 0)
        goto fail;
    if ((e->master = posix_openpt(O_RDWR | O_NOCTTY)) < 0 || grantpt(e->master) != 0 ||
        unlockpt(e->master) != 0 || !(name = ptsname(e->master)))
        goto fail;
    snprintf(e->conn, sizeof(e->conn), "pn532_uart:%s", name);
    /* Keep a slave open so the master never sees a hang-up between libnfc's opens. */
    if ((e->slave = open(name, O_RDWR | O_NOCTTY)) < 0)
        goto fail;
    if (tcgetattr(e->slave, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(e->slave, TCSANOW, &t);
    }
    if (pthread_create(&e->thread, NULL, emu_main, e) != 0)
        goto fail;
    *out = e;
    return 0;
fail:
    if (e->slave >= 0)
        close(e->slave);
    if (e->master >= 0)
        close(e->master);
    chip_sim_free(e->chip);
    pthread_mutex_destroy(&e->mu);
    free(e);
    return -1;
}

const char *pn532emu_connstring(const struct pn532emu *e)
{
    return e->conn;
}

void pn532emu_set_card(struct pn532emu *e, int present)
{
    pthread_mutex_lock(&e->mu);
    e->card_present = present;
    pthread_mutex_unlock(&e->mu);
}

void pn532emu_get_stats(struct pn532emu *e, struct pn532emu_stats *s)
{
    *s = e->stats; /* counters written by the emulator thread; read between reads */
    s->baud = e->baud;
    s->kbps = e->kbps;
}

void pn532emu_reset_stats(struct pn532emu *e)
{
    memset(&e->stats, 0, sizeof(e->stats));
    e->frames_since_apdu = 0;
}

void pn532emu_stop(struct pn532emu *e)
{
    if (!e)
        return;
    pthread_mutex_lock(&e->mu);
    e->stop = 1;
    pthread_mutex_unlock(&e->mu);
    pthread_join(e->thread, NULL);
    if (e->slave >= 0)
        close(e->slave);
    if (e->master >= 0)
        close(e->master);
    chip_sim_free(e->chip);
    pthread_mutex_destroy(&e->mu);
    free(e);
}
