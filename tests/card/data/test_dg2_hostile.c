/* test_dg2_hostile.c: hostile portraits in DG2 are decoded in the confined child and end as
 * "not decodable" (DG_E_IMAGE: "ảnh không đọc được" for the officer), with the decoder's
 * memory bounded and the kiosk's process alive:
 *   - a JPEG 2000 "bomb" whose codestream header says 4096 x 4096 (the DG2 record claims a
 *     small portrait): refused from the header, before any pixel is decoded;
 *   - a JPEG 2000 of allowed size whose tile data are garbage: decoded (or refused) inside
 *     the child, whose peak memory stays under the child's limit;
 *   - a truncated JPEG: refused (libjpeg would fill the missing part with grey);
 *   - after all of it, a good DG2 still decodes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "drivers/card/emrtd_dg.h"
#include "tests/rigs/cardf.h"
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
    CHECK(emrtd_image_last_peak_kb() < self_peak_kb() + 64 * 1024);
    cardf_buf_free(&dg2);
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

int main(void)
{
    RUN(jpeg2000_bomb_is_refused_with_bounded_memory);
    RUN(jpeg2000_garbage_of_allowed_size_stays_in_the_cage);
    RUN(truncated_jpeg_is_refused);
    RUN(a_good_portrait_still_decodes_afterwards);
    return test_done();
}
