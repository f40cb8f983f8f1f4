/* decoder_main.c: kiosk-decoder, the confined helper program that decodes the hostile bytes
 * a card or a camera brings: DG2 portraits (libjpeg-turbo, OpenJPEG) and QR frames (zbar).
 * The kiosk starts it on first use, once per role (argv[1]: "image" or "qr"), (kiosk/base/worker.h)
 * with a socket as its stdin and stdout; it closes every other descriptor, confines itself
 * (kiosk/base/confine.h: seccomp allow-list, RLIMIT_AS/CPU/NOFILE, no core dumps, no new
 * privileges) and only then reads its first request. The operations are
 * drivers/card/card_decoder.h's. */
#include <iconv.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drivers/card/card_decoder.h"
#include "drivers/card/cccd_qr.h"
#include "drivers/card/emrtd_dg.h"
#include "kiosk/base/confine.h"
#include "kiosk/base/module.h"
#include "kiosk/base/worker.h"

/* The QR decoder (module kiosk-qrscan.so, zbar), loaded before confinement by the "qr" role. */
static const struct qrscan_module *qrscan;

#define QR_TEXT_MAX CARD_DECODER_QR_TEXT_MAX

/* zbar converts a code's text with iconv, whose first use of a character set opens glibc's
 * gconv files: done here, before the filter that would kill an open; the handles stay open so
 * the modules stay loaded. These are the character sets zbar 0.23 names (its guesses without
 * an ECI designator, and ISO 8859-N for ECI 3 to 18); a code that asks for anything else ends
 * this helper, not the kiosk. */
static void warm_iconv(void)
{
    static const char *from[] = {"UTF-8", "ISO8859-1", "SJIS", "BIG-5", "CP437", "ASCII"};
    for (size_t i = 0; i < sizeof from / sizeof from[0]; i++)
        (void)iconv_open("UTF-8", from[i]);
    for (int n = 2; n <= 16; n++) {
        char name[24];
        snprintf(name, sizeof name, "ISO8859-%d", n);
        (void)iconv_open("UTF-8", name);
    }
}

static void image(uint32_t op, const uint8_t *in, size_t len, struct worker_answer_head *head,
                  uint8_t **out)
{
    enum emrtd_image_format fmt;
    int w = 0, h = 0;
    uint8_t *rgb = NULL;
    /* the pixels are decoded straight into the answer area (no allocation, no copy) */
    size_t cap = (size_t)EMRTD_DG2_MAX_PIXELS * 3;
    int rc = emrtd_image_decode_here(
        in, len, &fmt, &w, &h, op == CARD_DECODER_IMAGE_RGB ? &rgb : NULL, worker_area(cap), cap);
    if (rc != DG_OK) {
        head->status = rc;
        return;
    }
    head->a = (uint32_t)fmt;
    head->b = (uint32_t)w;
    head->c = (uint32_t)h;
    if (rgb) {
        *out = rgb;
        head->len = (uint32_t)((size_t)w * (size_t)h * 3);
    }
}

static void qr(const uint8_t *in, size_t len, struct worker_answer_head *head, uint8_t **out)
{
    uint32_t w, h;
    if (len < 8) {
        head->a = (uint32_t)QR_E_ARG;
        return;
    }
    memcpy(&w, in, 4);
    memcpy(&h, in + 4, 4);
    /* the frame is exactly what its dimensions say */
    if (w == 0 || h == 0 || w > 16384 || h > 16384 || (uint64_t)w * h != len - 8) {
        head->a = (uint32_t)QR_E_ARG;
        return;
    }
    if (!qrscan) {
        head->a = (uint32_t)QR_E_MODULE;
        return;
    }
    char *text = malloc(QR_TEXT_MAX);
    if (!text) {
        head->a = (uint32_t)QR_E_NOMEM;
        return;
    }
    int rc = qrscan->decode(in + 8, (int)w, (int)h, text, QR_TEXT_MAX);
    head->a = (uint32_t)rc;
    if (rc == QR_OK) {
        head->len = (uint32_t)strlen(text);
        *out = (uint8_t *)text;
    } else {
        free(text);
    }
}

static void handle(uint32_t op, const uint8_t *in, size_t len, struct worker_answer_head *head,
                   uint8_t **out)
{
    switch (op) {
    case CARD_DECODER_IMAGE_PROBE:
    case CARD_DECODER_IMAGE_RGB:
        image(op, in, len, head, out);
        return;
    case CARD_DECODER_QR:
        qr(in, len, head, out);
        return;
    }
    head->status = DG_E_ARG;
}

int main(int argc, char **argv)
{
    static const struct confine_limits lim = {
        .mem_bytes = CARD_DECODER_MEM_BYTES,
        .cpu_seconds = CARD_DECODER_CPU_S,
    };
    /* nothing of the kiosk's but the socket (fd 0 and 1), stderr and the answer area (fd 3) */
    close_range(WORKER_AREA_FD + 1, ~0u, 0);
    signal(SIGPIPE, SIG_DFL);
    if (argc > 1 && strcmp(argv[1], CARD_DECODER_ROLE_QR) == 0) {
        char err[512];
        const struct qrscan_module *m = module_table("qrscan", err, sizeof err);
        if (m && m->abi == QRSCAN_MODULE_ABI) {
            qrscan = m;
            warm_iconv();
        } else
            fprintf(stderr, "decoder: %s\n", m ? "module qrscan has another interface" : err);
    }
    if (confine_self(&lim) != 0)
        _exit(125);
    int rc = worker_serve(handle, CARD_DECODER_CPU_S / 2.0);
    /* _exit: no atexit work (a sanitizer build's leak check needs ptrace, which is refused) */
    _exit(rc == 0 ? 0 : 1);
}
