/* cardf_build.c: builders of the chip files of a synthetic CCCD (see cardf.h).
 * Builds bottom-up into growable buffers; encodings follow ICAO 9303-10 and the DG13 layout
 * seen on CCCDs (drivers/card/emrtd_dg.h). */
#include "tests/rigs/card/cardf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/objects.h>
#include <openssl/x509.h>

#include "drivers/card/mrz.h"
#include "drivers/card/tlv.h"

void cardf_buf_free(struct cardf_buf *b)
{
    if (b->p) {
        explicit_bzero(b->p, b->cap);
        free(b->p);
    }
    memset(b, 0, sizeof *b);
}

int cardf_raw(struct cardf_buf *b, const void *data, size_t n)
{
    if (b->err)
        return -1;
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len < n)
            cap *= 2;
        uint8_t *p = realloc(b->p, cap);
        if (!p) {
            b->err = -1;
            return -1;
        }
        b->p = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    return 0;
}

int cardf_put(struct cardf_buf *b, uint32_t tag, const void *v, size_t n)
{
    uint8_t h[8];
    struct tlv_writer w;
    tlv_writer_init(&w, h, sizeof h);
    if (tlv_put_header(&w, tag, n) != 0) {
        b->err = -1;
        return -1;
    }
    cardf_raw(b, h, w.len);
    return cardf_raw(b, v, n);
}

int cardf_put_str(struct cardf_buf *b, uint32_t tag, const char *s)
{
    return cardf_put(b, tag, s, strlen(s));
}

int cardf_put_buf(struct cardf_buf *b, uint32_t tag, const struct cardf_buf *inner)
{
    if (inner->err)
        b->err = -1;
    return cardf_put(b, tag, inner->p, inner->len);
}

int cardf_wrap(struct cardf_buf *b, uint32_t tag)
{
    struct cardf_buf n = {0};
    cardf_put_buf(&n, tag, b);
    if (n.err) {
        cardf_buf_free(&n);
        b->err = -1;
        return -1;
    }
    cardf_buf_free(b);
    *b = n;
    return 0;
}

int cardf_put_int(struct cardf_buf *b, long v)
{
    uint8_t d[9];
    int n = 0;
    unsigned long u = (unsigned long)v;
    do {
        d[8 - n++] = u & 0xFF;
        u >>= 8;
    } while (u && n < 8);
    if (d[9 - n] & 0x80)
        d[8 - n++] = 0;
    return cardf_put(b, 0x02, d + 9 - n, (size_t)n);
}

int cardf_put_oid(struct cardf_buf *b, const char *dotted)
{
    ASN1_OBJECT *o = OBJ_txt2obj(dotted, 1);
    if (!o) {
        b->err = -1;
        return -1;
    }
    int rc = cardf_put(b, 0x06, OBJ_get0_data(o), OBJ_length(o));
    ASN1_OBJECT_free(o);
    return rc;
}

static void cd(char *dst, const char *s, size_t n)
{
    *dst = (char)('0' + mrz_check_digit(s, n));
}

int cardf_mrz(const struct cardf_person *p, char out[91])
{
    char l1[31], l2[31], l3[31], dob[7], doe[7], comp[51];
    memset(out, 0, 91);
    if (mrz_date_from_iso(p->dob, dob) != 0)
        return -1;
    if (p->mrz_doe) {
        snprintf(doe, sizeof doe, "%s", p->mrz_doe);
    } else if (p->expiry && p->expiry[0]) {
        if (mrz_date_from_iso(p->expiry, doe) != 0)
            return -1;
    } else {
        memcpy(doe, "991231", 7);
    }
    memset(l1, '<', 30);
    memcpy(l1, "IDVNM", 5);
    memcpy(l1 + 5, p->id + 3, 9);
    cd(l1 + 14, l1 + 5, 9);
    memcpy(l1 + 15, p->id, 12);
    cd(l1 + 29, p->id, 12);
    memset(l2, '<', 30);
    memcpy(l2, dob, 6);
    cd(l2 + 6, dob, 6);
    l2[7] = p->sex;
    memcpy(l2 + 8, doe, 6);
    cd(l2 + 14, doe, 6);
    memcpy(l2 + 15, "VNM", 3);
    memcpy(comp, l1 + 5, 25);
    memcpy(comp + 25, l2, 7);
    memcpy(comp + 32, l2 + 8, 7);
    memcpy(comp + 39, l2 + 18, 11);
    cd(l2 + 29, comp, 50);
    memset(l3, '<', 30);
    size_t n = strlen(p->mrz_name);
    memcpy(l3, p->mrz_name, n > 30 ? 30 : n);
    memcpy(out, l1, 30);
    memcpy(out + 30, l2, 30);
    memcpy(out + 60, l3, 30);
    return 0;
}

int cardf_dg1_mrz(const char *mrz90, struct cardf_buf *out)
{
    memset(out, 0, sizeof *out);
    cardf_put(out, 0x5F1F, mrz90, 90);
    return cardf_wrap(out, 0x61);
}

int cardf_dg1(const struct cardf_person *p, struct cardf_buf *out)
{
    char mrz[91];
    memset(out, 0, sizeof *out);
    if (cardf_mrz(p, mrz) != 0)
        return -1;
    return cardf_dg1_mrz(mrz, out);
}

/* ISO → dd/mm/yyyy */
static void dmy(const char *iso, char out[11])
{
    memcpy(out, iso + 8, 2);
    out[2] = '/';
    memcpy(out + 3, iso + 5, 2);
    out[5] = '/';
    memcpy(out + 6, iso, 4);
    out[10] = 0;
}

static void field(struct cardf_buf *set, long n, uint32_t tag, const char *v)
{
    struct cardf_buf f = {0};
    cardf_put_int(&f, n);
    cardf_put_str(&f, tag, v);
    cardf_put_buf(set, 0x30, &f);
    cardf_buf_free(&f);
}

int cardf_dg13(const struct cardf_person *p, struct cardf_buf *out)
{
    struct cardf_buf set = {0}, f = {0}, s = {0};
    char d[11];
    memset(out, 0, sizeof *out);
    /* 2024 layout: fields written in another order, no identifying marks, the old ID
     * also in field 16: a parser relying on positions breaks here. */
    int l24 = p->layout == 2024;
    if (l24 && p->old_id)
        field(&set, 16, 0x13, p->old_id);
    field(&set, 1, 0x13, p->id);
    if (l24)
        field(&set, 9, 0x0C, p->residence);
    field(&set, 2, 0x0C, p->full_name);
    dmy(p->dob, d);
    field(&set, 3, 0x13, d);
    field(&set, 4, 0x0C, p->sex == 'M' ? "Nam" : "N\xe1\xbb\xaf");
    field(&set, 5, 0x0C, "Vi\xe1\xbb\x87t Nam");
    field(&set, 6, 0x0C, p->ethnicity);
    field(&set, 7, 0x0C, p->religion);
    field(&set, 8, 0x0C, p->origin);
    if (!l24) {
        field(&set, 9, 0x0C, p->residence);
        field(&set, 10, 0x0C, p->marks ? p->marks : "");
    }
    dmy(p->issue, d);
    field(&set, 11, 0x13, d);
    if (p->expiry && p->expiry[0]) {
        dmy(p->expiry, d);
        field(&set, 12, 0x0C, d);
    } else {
        field(&set, 12, 0x0C, "Kh\xc3\xb4ng th\xe1\xbb\x9di h\xe1\xba\xa1n");
    }
    /* 13: SEQUENCE { INTEGER 13, SEQUENCE { father }, SEQUENCE { mother } } */
    cardf_put_int(&f, 13);
    cardf_put_str(&s, 0x0C, p->father ? p->father : "");
    cardf_put_buf(&f, 0x30, &s);
    cardf_buf_free(&s);
    cardf_put_str(&s, 0x0C, p->mother ? p->mother : "");
    cardf_put_buf(&f, 0x30, &s);
    cardf_buf_free(&s);
    cardf_put_buf(&set, 0x30, &f);
    cardf_buf_free(&f);
    cardf_put_int(&f, 14);
    if (p->spouse) {
        cardf_put_str(&s, 0x0C, p->spouse);
        cardf_put_buf(&f, 0x30, &s);
        cardf_buf_free(&s);
    }
    cardf_put_buf(&set, 0x30, &f);
    cardf_buf_free(&f);
    if (p->old_id)
        field(&set, 15, 0x13, p->old_id);

    cardf_put_int(out, 1);
    cardf_put_oid(out, "1.0.10646.1.0.8");
    cardf_put_buf(out, 0x31, &set);
    cardf_buf_free(&set);
    cardf_wrap(out, 0x30);
    return cardf_wrap(out, 0x6D);
}

int cardf_dg2(const struct cardf_buf *img, int jp2, int w, int h, struct cardf_buf *out)
{
    struct cardf_buf bdb = {0}, inst = {0}, bit = {0}, bht = {0};
    uint8_t hdr[14] = {'F', 'A', 'C', 0, '0', '1', '0', 0};
    uint8_t info[20] = {0}, iinfo[12] = {0};
    memset(out, 0, sizeof *out);
    uint32_t block = (uint32_t)(sizeof info + sizeof iinfo + img->len);
    uint32_t rec = (uint32_t)sizeof hdr + block;
    for (int i = 0; i < 4; i++) {
        hdr[8 + i] = (uint8_t)(rec >> (24 - 8 * i));
        info[i] = (uint8_t)(block >> (24 - 8 * i));
    }
    hdr[13] = 1;  /* one face */
    info[6] = 1;  /* gender: male (ISO 19794-5 table 3); not checked by anyone */
    iinfo[0] = 1; /* full frontal */
    iinfo[1] = jp2 ? 1 : 0;
    iinfo[2] = (uint8_t)(w >> 8);
    iinfo[3] = (uint8_t)w;
    iinfo[4] = (uint8_t)(h >> 8);
    iinfo[5] = (uint8_t)h;
    iinfo[6] = 1; /* 24-bit RGB */
    cardf_raw(&bdb, hdr, sizeof hdr);
    cardf_raw(&bdb, info, sizeof info);
    cardf_raw(&bdb, iinfo, sizeof iinfo);
    cardf_raw(&bdb, img->p, img->len);
    static const uint8_t ver[] = {0x01, 0x01}, owner[] = {0x01, 0x01}, type[] = {0x00, 0x08};
    cardf_put(&bht, 0x80, ver, 2);
    cardf_put(&bht, 0x87, owner, 2);
    cardf_put(&bht, 0x88, type, 2);
    cardf_put_buf(&inst, 0xA1, &bht);
    cardf_put_buf(&inst, 0x5F2E, &bdb);
    cardf_put_int(&bit, 1);
    cardf_put_buf(&bit, 0x7F60, &inst);
    cardf_put_buf(out, 0x7F61, &bit);
    cardf_buf_free(&bdb);
    cardf_buf_free(&inst);
    cardf_buf_free(&bit);
    cardf_buf_free(&bht);
    return cardf_wrap(out, 0x75);
}

int cardf_com(uint32_t mask, struct cardf_buf *out)
{
    uint8_t tags[16];
    size_t n = 0;
    memset(out, 0, sizeof *out);
    static const uint8_t t[17] = {0,    0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
                                  0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70};
    for (int i = 1; i <= 16; i++)
        if (mask & (1u << i))
            tags[n++] = t[i];
    cardf_put_str(out, 0x5F01, "0107");
    cardf_put_str(out, 0x5F36, "040000");
    cardf_put(out, 0x5C, tags, n);
    return cardf_wrap(out, 0x60);
}

static void info3(struct cardf_buf *set, const char *oid, long ver, long param)
{
    struct cardf_buf s = {0};
    cardf_put_oid(&s, oid);
    cardf_put_int(&s, ver);
    if (param >= 0)
        cardf_put_int(&s, param);
    cardf_put_buf(set, 0x30, &s);
    cardf_buf_free(&s);
}

/* ICAO 9303-11 §9.2: id-PACE-ECDH-GM-AES-CBC-CMAC-128 = 0.4.0.127.0.7.2.2.4.2.2, parameter 13
 * = brainpoolP256r1; id-CA-ECDH-AES-CBC-CMAC-128 = 0.4.0.127.0.7.2.2.3.2.2; id-TA = ..2.2.2 */
int cardf_card_access(int pace, int ca, struct cardf_buf *out)
{
    memset(out, 0, sizeof *out);
    info3(out, "0.4.0.127.0.7.2.2.2", 1, -1);
    if (ca)
        info3(out, "0.4.0.127.0.7.2.2.3.2.2", 1, -1);
    if (pace)
        info3(out, "0.4.0.127.0.7.2.2.4.2.2", 2, 13);
    return cardf_wrap(out, 0x31);
}

static int put_spki(struct cardf_buf *b, EVP_PKEY *k)
{
    unsigned char *der = NULL;
    int n = i2d_PUBKEY(k, &der);
    if (n <= 0) {
        b->err = -1;
        return -1;
    }
    int rc = cardf_raw(b, der, (size_t)n);
    OPENSSL_free(der);
    return rc;
}

int cardf_dg14(EVP_PKEY *ca_key, int aa_ec, struct cardf_buf *out)
{
    struct cardf_buf s = {0};
    memset(out, 0, sizeof *out);
    if (ca_key) {
        info3(out, "0.4.0.127.0.7.2.2.3.2.2", 1, 1);
        cardf_put_oid(&s, "0.4.0.127.0.7.2.2.1.2"); /* id-PK-ECDH */
        put_spki(&s, ca_key);
        cardf_put_int(&s, 1);
        cardf_put_buf(out, 0x30, &s);
        cardf_buf_free(&s);
    }
    if (aa_ec) {
        cardf_put_oid(&s, "2.23.136.1.1.5");
        cardf_put_int(&s, 1);
        cardf_put_oid(&s, "0.4.0.127.0.7.1.1.4.1.3"); /* ecdsa-plain-SHA256 (BSI TR-03111) */
        cardf_put_buf(out, 0x30, &s);
        cardf_buf_free(&s);
    }
    cardf_wrap(out, 0x31);
    return cardf_wrap(out, 0x6E);
}

int cardf_dg15(EVP_PKEY *aa_key, struct cardf_buf *out)
{
    memset(out, 0, sizeof *out);
    put_spki(out, aa_key);
    return cardf_wrap(out, 0x6F);
}
