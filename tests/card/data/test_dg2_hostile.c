/* test_dg2_hostile.c: hostile portraits in DG2 are decoded in the confined child and end as
 * "not decodable" (DG_E_IMAGE: "ảnh không đọc được" for the officer), with the decoder's
 * memory bounded and the kiosk's process alive:
 *   - a JPEG 2000 "bomb" whose codestream header says 4096 x 4096 (the DG2 record claims a
 *     small portrait): refused from the header, before any pixel is decoded;
 *   - a JPEG 2000 of allowed size whose tile data are garbage: decoded (or refused) inside
 *     the child, whose peak memory stays under the child's limit;
 *   - a truncated JPEG: refused (libjpeg would fill the missing part with grey);
 *   - the decoder helper killed by a crash signal in the middle of a request, and one past its
 *     deadline: "not decodable", and the next portrait decodes in a fresh helper;
 *   - a forked copy of the process starts a helper of its own;
 *   - after all of it, a good DG2 still decodes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk/messages/messages.h"
#include "drivers/card/emrtd_dg.h"
#include "tests/rigs/card/cardf.h"
#include "tests/test.h"

static void put16(struct cardf_buf *b, unsigned v)
{
    uint8_t x[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    cardf_raw(b, x, 2);
}

static void put32(struct cardf_buf *b, uint32_t v)
{
    uint8_t x[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    cardf_raw(b, x, 4);
}

/* A raw JPEG 2000 codestream: SOC, SIZ (w x h, ncomp components of 8 bits, one tile), COD,
 * QCD, one tile-part of garbage, EOC. */
static void j2k_codestream(uint32_t w, uint32_t h, unsigned ncomp, size_t garbage,
                           struct cardf_buf *out)
{
    memset(out, 0, sizeof *out);
    put16(out, 0xFF4F);
    put16(out, 0xFF51);
    put16(out, 38 + 3 * ncomp);
    put16(out, 0);
    put32(out, w);
    put32(out, h);
    put32(out, 0);
    put32(out, 0);
    put32(out, w);
    put32(out, h);
    put32(out, 0);
    put32(out, 0);
    put16(out, ncomp);
    for (unsigned i = 0; i < ncomp; i++) {
        uint8_t c[3] = {7, 1, 1};
        cardf_raw(out, c, 3);
    }
    put16(out, 0xFF52); /* COD: LRCP, 1 layer, 5 levels, 64x64 code-blocks, 5/3 */
    put16(out, 12);
    uint8_t cod[10] = {0, 0, 0, 1, 0, 5, 4, 4, 0, 1};
    cardf_raw(out, cod, sizeof cod);
    put16(out, 0xFF5C); /* QCD: no quantisation, 2 guard bits */
    put16(out, 19);
    uint8_t q = 0x40;
    cardf_raw(out, &q, 1);
    for (int i = 0; i < 16; i++) {
        uint8_t e = (uint8_t)(8 << 3);
        cardf_raw(out, &e, 1);
    }
    put16(out, 0xFF90); /* SOT: tile 0, length to EOC */
    put16(out, 10);
    put16(out, 0);
    put32(out, 0);
    uint8_t tp[2] = {0, 1};
    cardf_raw(out, tp, 2);
    put16(out, 0xFF93);
    srand(7);
    for (size_t i = 0; i < garbage; i++) {
        uint8_t g = (uint8_t)(rand() & 0x7F); /* no 0xFF: no marker inside */
        cardf_raw(out, &g, 1);
    }
    put16(out, 0xFFD9);
}

static long self_peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

TEST(jpeg2000_bomb_is_refused_with_bounded_memory)
{
    struct cardf_buf img, dg2;
    struct emrtd_face f;
    j2k_codestream(4096, 4096, 3, 4096, &img);
    /* the DG2 record lies: it claims an ordinary 240 x 320 portrait */
    CHECK_INT(cardf_dg2(&img, 1, 240, 320, &dg2), 0);
    CHECK_INT(emrtd_dg2_parse(dg2.p, dg2.len, &f), DG_E_IMAGE);
    /* the helper's peak, read from the kernel: measured, and far from 4096 x 4096 x 4 x 3 */
    CHECK(emrtd_image_last_peak_kb() > 0);
    CHECK(emrtd_image_last_peak_kb() < self_peak_kb() + 64 * 1024);
    cardf_buf_free(&dg2);
    /* what the officer reads: the photo cannot be decoded, the portrait is taken anyway */
    CHECK(strstr(messages_text(MSGD_DG, DG_E_IMAGE, LANG_VI), "Không giải mã được ảnh") != NULL);
    CHECK(strstr(messages_text(MSGD_DG, DG_E_IMAGE, LANG_EN), "cannot be decoded") != NULL);
    /* the same, honest about its size: refused before the decoder sees it */
    CHECK_INT(cardf_dg2(&img, 1, 4096, 4096, &dg2), 0);
    CHECK_INT(emrtd_dg2_parse(dg2.p, dg2.len, &f), DG_E_IMAGE);
    cardf_buf_free(&dg2);
    cardf_buf_free(&img);
}

TEST(jpeg2000_garbage_of_allowed_size_stays_in_the_cage)
{
    struct cardf_buf img, dg2;
    struct emrtd_face f;
    j2k_codestream(2048, 2048, 4, 200000, &img);
    CHECK_INT(cardf_dg2(&img, 1, 2048, 2048, &dg2), 0);
    int rc = emrtd_dg2_parse(dg2.p, dg2.len, &f);
    CHECK(rc == DG_E_IMAGE || rc == DG_OK);
    /* whatever the decoder made of it, it did so within the child's limit */
    CHECK(emrtd_image_last_peak_kb() <
          self_peak_kb() + (long)(EMRTD_DECODE_MEM_BYTES / 1024) + 16 * 1024);
    cardf_buf_free(&dg2);
    cardf_buf_free(&img);
}

TEST(truncated_jpeg_is_refused)
{
    struct cardf_buf img, dg2;
    struct emrtd_face f;
    CHECK_INT(cardf_portrait(240, 320, 85, 0, 5, &img), 0);
    img.len = img.len / 2; /* the card's file ends mid-image */
    CHECK_INT(cardf_dg2(&img, 0, 240, 320, &dg2), 0);
    CHECK_INT(emrtd_dg2_parse(dg2.p, dg2.len, &f), DG_E_IMAGE);
    cardf_buf_free(&dg2);
    cardf_buf_free(&img);
}

/* A portrait big enough that decoding it keeps the helper busy a while. */
static struct cardf_buf slow_jp2;

static void *decode_slow(void *rc)
{
    uint8_t *rgb = NULL;
    int w, h;
    *(int *)rc = emrtd_image_decode_rgb(slow_jp2.p, slow_jp2.len, &rgb, &w, &h);
    free(rgb);
    return NULL;
}

static int decodes_a_portrait(void)
{
    struct cardf_buf img;
    uint8_t *rgb = NULL;
    int w = 0, h = 0;
    if (cardf_portrait(120, 160, 85, 0, 3, &img) != 0)
        return -1;
    int rc = emrtd_image_decode_rgb(img.p, img.len, &rgb, &w, &h);
    free(rgb);
    cardf_buf_free(&img);
    return rc == DG_OK && w == 120 && h == 160 ? 0 : -1;
}

TEST(decoder_crashing_mid_request_is_unreadable_and_replaced)
{
    CHECK_INT(cardf_portrait(1024, 1024, 90, 1, 21, &slow_jp2), 0);
    CHECK_INT(decodes_a_portrait(), 0); /* a helper is running */
    unsigned starts = emrtd_image_decoder_starts();
    int rc = 1;
    pthread_t t;
    CHECK_INT(pthread_create(&t, NULL, decode_slow, &rc), 0);
    /* the helper is sent the request, then dies of a crash signal while on it */
    int pid;
    while ((pid = emrtd_image_decoder_busy_pid()) == 0)
        usleep(200);
    CHECK_INT(kill(pid, SIGSEGV), 0);
    pthread_join(t, NULL);
    CHECK_INT(rc, DG_E_IMAGE);
    CHECK(strstr(messages_text(MSGD_DG, rc, LANG_VI), "Không giải mã được ảnh") != NULL);
    /* the kiosk (this process) lives on; the next portrait goes to a new helper */
    CHECK_INT(decodes_a_portrait(), 0);
    CHECK_INT(emrtd_image_decoder_starts(), starts + 1);
}

TEST(decoder_past_its_deadline_is_killed_and_replaced)
{
    unsigned starts = emrtd_image_decoder_starts();
    int rc = 1;
    emrtd_image_set_deadline_ms(1);
    decode_slow(&rc);
    emrtd_image_set_deadline_ms(0);
    CHECK_INT(rc, DG_E_IMAGE);
    CHECK_INT(decodes_a_portrait(), 0);
    CHECK(emrtd_image_decoder_starts() >= starts + 1);
    cardf_buf_free(&slow_jp2);
}

/* A forked copy of the process decodes with a helper of its own and leaves its parent's
 * alone. */
TEST(a_forked_copy_does_not_share_the_helper)
{
    CHECK_INT(decodes_a_portrait(), 0);
    unsigned starts = emrtd_image_decoder_starts();
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(decodes_a_portrait() == 0 && decodes_a_portrait() == 0 &&
                      emrtd_image_decoder_starts() == starts + 1
                  ? 0
                  : 1);
    int status = -1;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_INT(decodes_a_portrait(), 0);
    CHECK_INT(emrtd_image_decoder_starts(), starts); /* the parent's helper still serves it */
}

TEST(a_good_portrait_still_decodes_afterwards)
{
    struct cardf_buf img, dg2;
    struct emrtd_face f;
    uint8_t *rgb = NULL;
    int w, h;
    CHECK_INT(cardf_portrait(240, 320, 85, 1, 9, &img), 0);
    CHECK_INT(cardf_dg2(&img, 1, 240, 320, &dg2), 0);
    CHECK_INT(emrtd_dg2_parse(dg2.p, dg2.len, &f), DG_OK);
    CHECK_INT(emrtd_image_decode_rgb(f.image, f.image_len, &rgb, &w, &h), DG_OK);
    CHECK_INT(w, 240);
    CHECK_INT(h, 320);
    free(rgb);
    cardf_buf_free(&dg2);
    cardf_buf_free(&img);
}

/* The helper's pixels (decoded into its answer area) are the ones this process decodes. */
TEST(the_helper_answers_the_same_pixels)
{
    for (int jp2 = 0; jp2 <= 1; jp2++) {
        struct cardf_buf img;
        uint8_t *a = NULL, *b = NULL;
        int wa, ha, wb, hb;
        CHECK_INT(cardf_portrait(200, 260, 85, jp2, 17, &img), 0);
        CHECK_INT(emrtd_image_decode_rgb(img.p, img.len, &a, &wa, &ha), DG_OK);
        emrtd_image_confine(0);
        CHECK_INT(emrtd_image_decode_rgb(img.p, img.len, &b, &wb, &hb), DG_OK);
        emrtd_image_confine(1);
        CHECK_INT(wa, wb);
        CHECK_INT(ha, hb);
        CHECK(a && b && memcmp(a, b, (size_t)wa * ha * 3) == 0);
        free(a);
        free(b);
        cardf_buf_free(&img);
    }
}

int main(void)
{
    RUN(jpeg2000_bomb_is_refused_with_bounded_memory);
    RUN(jpeg2000_garbage_of_allowed_size_stays_in_the_cage);
    RUN(truncated_jpeg_is_refused);
    RUN(decoder_crashing_mid_request_is_unreadable_and_replaced);
    RUN(decoder_past_its_deadline_is_killed_and_replaced);
    RUN(a_forked_copy_does_not_share_the_helper);
    RUN(a_good_portrait_still_decodes_afterwards);
    RUN(the_helper_answers_the_same_pixels);
    return test_done();
}
