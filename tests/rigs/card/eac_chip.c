/* eac_chip.c: the OpenPACE chip's profile, file system, APDU dispatch and secure messaging
 * (see eac_chip.h).
 *
 * SM (ICAO 9303-11 §9.8): a command with CLA bits 0C is checked with OpenPACE's SSC and MAC
 * (SSC incremented first; MAC over SSC ‖ pad(header) ‖ DO'85'/'87' ‖ DO'97', padded) and its
 * data decrypted with OpenPACE; a bad MAC ends the session (plain 6988), and so does a plain
 * command while SM is on. Answers to protected commands are DO'87' (DO'85' for an odd INS) ‖
 * DO'99' ‖ DO'8E', errors included. */
#include <ini.h>
#include <openssl/buffer.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/rigs/card/eac_chip_int.h"

#define EAC_CHIP_MAX_FILE (1u << 20)

static const uint8_t eac_chip_aid[7] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

static const struct eac_chip_file eac_chip_layout[EAC_CHIP_NFILES] = {
    {0x011C, 0x1C, "EF.CardAccess", 1, NULL, 0}, {0x011E, 0x1E, "EF.COM", 0, NULL, 0},
    {0x011D, 0x1D, "EF.SOD", 0, NULL, 0},        {0x0101, 0x01, "DG1", 0, NULL, 0},
    {0x0102, 0x02, "DG2", 0, NULL, 0},           {0x010D, 0x0D, "DG13", 0, NULL, 0},
    {0x010E, 0x0E, "DG14", 0, NULL, 0},          {0x010F, 0x0F, "DG15", 0, NULL, 0},
};

static pthread_once_t eac_chip_once = PTHREAD_ONCE_INIT;

static void eac_chip_init_openpace(void)
{
    EAC_init();
}

void eac_chip_count(struct eac_chip *c, unsigned long *counter)
{
    pthread_mutex_lock(&c->mu);
    (*counter)++;
    pthread_mutex_unlock(&c->mu);
}

int eac_chip_tlv(const uint8_t *p, size_t n, unsigned *tag, const uint8_t **val, size_t *vlen,
                 size_t *total)
{
    size_t o = 0, l;
    if (n < 2)
        return -1;
    *tag = p[o++];
    if ((*tag & 0x1F) == 0x1F) {
        *tag = *tag << 8 | p[o++];
        if (o >= n)
            return -1;
    }
    l = p[o++];
    if (l == 0x81 || l == 0x82) {
        size_t k = l & 0x0F;
        if (o + k > n)
            return -1;
        l = 0;
        while (k--)
            l = l << 8 | p[o++];
    } else if (l > 0x80) {
        return -1;
    }
    if (l > n - o)
        return -1;
    *val = p + o;
    *vlen = l;
    *total = o + l;
    return 0;
}

int eac_chip_tlv_find(const uint8_t *p, size_t n, unsigned tag, const uint8_t **val, size_t *vlen)
{
    size_t pos = 0, total;
    unsigned t;
    while (pos < n) {
        if (eac_chip_tlv(p + pos, n - pos, &t, val, vlen, &total) != 0)
            return -1;
        if (t == tag)
            return 0;
        pos += total;
    }
    return -1;
}

static int chip_ini(void *user, const char *section, const char *key, const char *v)
{
    struct eac_chip *c = user;
    (void)section;
    if (!strcmp(key, "can")) {
        if (strlen(v) >= sizeof(c->can))
            return 0;
        memcpy(c->can, v, strlen(v) + 1);
    } else if (!strcmp(key, "ca")) {
        c->ca = atoi(v);
    } else if (!strcmp(key, "removed_after_apdus")) {
        c->removed_after = strtoul(v, NULL, 10);
    }
    return 1;
}

static int chip_read_file(const char *dir, const char *name, uint8_t **data, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0; /* not on this chip */
    uint8_t *b = malloc(EAC_CHIP_MAX_FILE);
    size_t n = b ? fread(b, 1, EAC_CHIP_MAX_FILE, f) : 0;
    fclose(f);
    if (!b || n == 0 || n == EAC_CHIP_MAX_FILE) {
        free(b);
        return -1;
    }
    *data = b;
    *len = n;
    return 0;
}

static int chip_load_ca_key(struct eac_chip *c, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/ca_key.pem", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    unsigned char *der = NULL;
    int n = k ? i2d_PrivateKey(k, &der) : -1;
    EVP_PKEY_free(k);
    if (n <= 0)
        return -1;
    c->ca_key_der = der;
    c->ca_key_der_len = (size_t)n;
    return 0;
}

/* DG1 = 61 { 5F1F MRZ }: the MRZ OpenPACE derives the PACE-MRZ password from. */
static void chip_load_mrz(struct eac_chip *c)
{
    const struct eac_chip_file *dg1 = &c->files[3];
    const uint8_t *v, *m;
    size_t vl, ml, total;
    unsigned tag;
    if (dg1->data && eac_chip_tlv(dg1->data, dg1->len, &tag, &v, &vl, &total) == 0 && tag == 0x61 &&
        eac_chip_tlv_find(v, vl, 0x5F1F, &m, &ml) == 0 && ml == 90) {
        memcpy(c->mrz, m, ml);
        c->mrz[ml] = 0;
    }
}

int eac_chip_open(const char *dir, size_t max_le, struct eac_chip **out)
{
    struct eac_chip *c = calloc(1, sizeof(*c));
    char path[4096];

    *out = NULL;
    if (!c)
        return -1;
    pthread_once(&eac_chip_once, eac_chip_init_openpace);
    pthread_mutex_init(&c->mu, NULL);
    memcpy(c->files, eac_chip_layout, sizeof(c->files));
    c->max_le = max_le ? max_le : 4096;
    c->cur = -1;
    snprintf(path, sizeof(path), "%s/card.ini", dir);
    if (ini_parse(path, chip_ini, c) != 0)
        goto fail;
    for (int i = 0; i < EAC_CHIP_NFILES; i++)
        if (chip_read_file(dir, c->files[i].name, &c->files[i].data, &c->files[i].len) != 0)
            goto fail;
    if (c->ca && chip_load_ca_key(c, dir) != 0)
        goto fail;
    chip_load_mrz(c);
    *out = c;
    return 0;
fail:
    eac_chip_free(c);
    return -1;
}

void eac_chip_free(struct eac_chip *c)
{
    if (!c)
        return;
    eac_chip_auth_reset(c);
    for (int i = 0; i < EAC_CHIP_NFILES; i++)
        free(c->files[i].data);
    if (c->ca_key_der) {
        OPENSSL_cleanse(c->ca_key_der, c->ca_key_der_len);
        OPENSSL_free(c->ca_key_der);
    }
    pthread_mutex_destroy(&c->mu);
    free(c);
}

void eac_chip_power_on(struct eac_chip *c)
{
    eac_chip_auth_reset(c);
    c->app_selected = 0;
    c->cur = -1;
}

void eac_chip_get_stats(struct eac_chip *c, struct eac_chip_stats *s)
{
    pthread_mutex_lock(&c->mu);
    *s = c->stats;
    pthread_mutex_unlock(&c->mu);
}

static void chip_sw(struct eac_resp *r, uint16_t sw)
{
    r->len = 0;
    r->sw = sw;
}

static int chip_find(const struct eac_chip *c, unsigned id, int by_sfi)
{
    for (int i = 0; i < EAC_CHIP_NFILES; i++)
        if (by_sfi ? c->files[i].sfi == id : c->files[i].fid == id)
            return i;
    return -1;
}

static uint16_t chip_access(const struct eac_chip *c, int i)
{
    if (i < 0)
        return 0x6A82;
    const struct eac_chip_file *f = &c->files[i];
    if (!f->open_access && (!c->app_selected || !c->authenticated))
        return c->app_selected ? 0x6982 : 0x6A82;
    return f->data ? 0 : 0x6A82;
}

static void chip_select(struct eac_chip *c, const struct eac_cmd *a, struct eac_resp *r)
{
    if (a->p1 == 0x04) {
        if (a->lc == sizeof(eac_chip_aid) && memcmp(a->data, eac_chip_aid, a->lc) == 0) {
            c->app_selected = 1;
            c->cur = -1;
            chip_sw(r, 0x9000);
        } else {
            chip_sw(r, 0x6A82);
        }
        return;
    }
    if (a->p1 != 0x02 || a->lc != 2) {
        chip_sw(r, 0x6D00); /* no MF, no other selection */
        return;
    }
    int i = chip_find(c, (unsigned)(a->data[0] << 8 | a->data[1]), 0);
    uint16_t sw = chip_access(c, i);
    if (sw == 0)
        c->cur = i;
    chip_sw(r, sw ? sw : 0x9000);
}

static void chip_read(struct eac_chip *c, const struct eac_cmd *a, struct eac_resp *r)
{
    size_t off, le = a->le, hdr = 0;

    if (a->ins == 0xB0 && (a->p1 & 0x80)) {
        int i = chip_find(c, a->p1 & 0x1F, 1);
        uint16_t sw = chip_access(c, i);
        if (sw) {
            chip_sw(r, sw);
            return;
        }
        c->cur = i;
        off = a->p2;
    } else if (a->ins == 0xB0) {
        off = (size_t)a->p1 << 8 | a->p2;
    } else {
        const uint8_t *v;
        size_t vl;
        if (eac_chip_tlv_find(a->data, a->lc, 0x54, &v, &vl) != 0 || vl < 1 || vl > 3) {
            chip_sw(r, 0x6B00);
            return;
        }
        off = 0;
        for (size_t k = 0; k < vl; k++)
            off = off << 8 | v[k];
    }
    if (c->cur < 0) {
        chip_sw(r, 0x6986);
        return;
    }
    if (le == 0 || le > c->max_le) {
        chip_sw(r, 0x6700);
        return;
    }
    const struct eac_chip_file *f = &c->files[c->cur];
    if (off > f->len) {
        chip_sw(r, 0x6B00);
        return;
    }
    if (a->ins == 0xB1) { /* DO'53' around the bytes, within Le */
        hdr = le - 2 < 0x80 ? 2 : le - 3 < 0x100 ? 3 : 4;
        if (le <= hdr) {
            chip_sw(r, 0x6700);
            return;
        }
        le -= hdr;
    }
    size_t n = f->len - off < le ? f->len - off : le, o = 0;
    if (a->ins == 0xB1) {
        r->data[o++] = 0x53;
        if (n >= 0x100) {
            r->data[o++] = 0x82;
            r->data[o++] = (uint8_t)(n >> 8);
        } else if (n >= 0x80) {
            r->data[o++] = 0x81;
        }
        r->data[o++] = (uint8_t)n;
    }
    memcpy(r->data + o, f->data + off, n);
    r->len = o + n;
    r->sw = n < le ? 0x6282 : 0x9000;
    pthread_mutex_lock(&c->mu);
    if (n > c->stats.largest_read)
        c->stats.largest_read = n;
    pthread_mutex_unlock(&c->mu);
}

static void chip_dispatch(struct eac_chip *c, const struct eac_cmd *a, struct eac_resp *r)
{
    switch (a->ins) {
    case 0xA4:
        chip_select(c, a, r);
        return;
    case 0xB0:
    case 0xB1:
        chip_read(c, a, r);
        return;
    case 0x22:
        eac_chip_mse(c, a, r);
        return;
    case 0x86:
        eac_chip_general_auth(c, a, r);
        return;
    }
    chip_sw(r, 0x6D00); /* no BAC, no Active Authentication */
}

/* ISO 7816-3 cases 1-4, short and extended. */
static int chip_parse(const uint8_t *cmd, size_t n, struct eac_cmd *a)
{
    memset(a, 0, sizeof(*a));
    if (n < 4)
        return -1;
    a->cla = cmd[0];
    a->ins = cmd[1];
    a->p1 = cmd[2];
    a->p2 = cmd[3];
    if (n == 4)
        return 0;
    if (n == 5) {
        a->le = cmd[4] ? cmd[4] : 256;
        return 0;
    }
    if (cmd[4]) {
        a->lc = cmd[4];
        a->data = cmd + 5;
        if (n == 6 + a->lc)
            a->le = cmd[5 + a->lc] ? cmd[5 + a->lc] : 256;
        return n == 5 + a->lc || n == 6 + a->lc ? 0 : -1;
    }
    if (n == 7) {
        a->le = (size_t)(cmd[5] << 8 | cmd[6]);
        a->le = a->le ? a->le : 65536;
        return 0;
    }
    a->lc = (size_t)(cmd[5] << 8 | cmd[6]);
    a->data = cmd + 7;
    if (a->lc == 0)
        return -1;
    if (n == 9 + a->lc) {
        a->le = (size_t)(cmd[7 + a->lc] << 8 | cmd[8 + a->lc]);
        a->le = a->le ? a->le : 65536;
    }
    return n == 7 + a->lc || n == 9 + a->lc ? 0 : -1;
}

/* pad(p) with OpenPACE's ISO 9797-1 method 2 padding to the SM cipher's block. */
static BUF_MEM *chip_padded(const struct eac_chip *c, const uint8_t *p, size_t n)
{
    BUF_MEM *in = BUF_MEM_new(), *out = NULL;
    if (in && (n == 0 || BUF_MEM_grow(in, n))) {
        if (n)
            memcpy(in->data, p, n);
        in->length = n;
        out = EAC_add_iso_pad(c->ctx, in);
    }
    BUF_MEM_free(in);
    return out;
}

/* Unwraps a protected command into a (data into buf). 0, or -1 (MAC or format wrong). */
static int chip_sm_unwrap(struct eac_chip *c, const struct eac_cmd *w, struct eac_cmd *a,
                          uint8_t *buf, size_t cap)
{
    const uint8_t *crypt = NULL, *le = NULL, *mac = NULL, *v;
    size_t crypt_len = 0, le_len = 0, pos = 0, vl, total, dos_end = 0;
    unsigned tag, crypt_tag = 0;
    uint8_t hdr[4] = {w->cla, w->ins, w->p1, w->p2};
    BUF_MEM *m = NULL, *ph = NULL, *mb = NULL, *ct = NULL, *pt = NULL, *plain = NULL;
    int rc = -1;

    while (pos < w->lc) {
        if (eac_chip_tlv(w->data + pos, w->lc - pos, &tag, &v, &vl, &total) != 0 || mac)
            return -1;
        if (tag == 0x85 || tag == 0x87) {
            crypt = v;
            crypt_len = vl;
            crypt_tag = tag;
        } else if (tag == 0x97) {
            le = v;
            le_len = vl;
        } else if (tag == 0x8E && vl == 8) {
            mac = v;
            dos_end = pos;
        } else {
            return -1;
        }
        pos += total;
    }
    if (!mac || !EAC_increment_ssc(c->ctx))
        return -1;
    /* MAC input: pad(header) ‖ the DOs before DO'8E', padded. */
    if (!(ph = chip_padded(c, hdr, 4)) || !(mb = BUF_MEM_new()) ||
        !BUF_MEM_grow(mb, ph->length + dos_end))
        goto out;
    memcpy(mb->data, ph->data, ph->length);
    memcpy(mb->data + ph->length, w->data, dos_end);
    if (!(m = chip_padded(c, (const uint8_t *)mb->data, mb->length)))
        goto out;
    BUF_MEM macb = {.length = 8, .data = (char *)mac, .max = 8};
    if (EAC_verify_authentication(c->ctx, m, &macb) != 1)
        goto out;
    *a = (struct eac_cmd){w->cla & 0xF3, w->ins, w->p1, w->p2, NULL, 0, 0};
    if (le) {
        if (le_len == 1)
            a->le = le[0] ? le[0] : 256;
        else if (le_len == 2)
            a->le = (le[0] << 8 | le[1]) ? (size_t)(le[0] << 8 | le[1]) : 65536;
        else
            goto out;
    }
    if (crypt) {
        if (crypt_tag == 0x87) {
            if (crypt_len < 1 || crypt[0] != 0x01)
                goto out;
            crypt++;
            crypt_len--;
        }
        if (!(ct = BUF_MEM_new()) || !BUF_MEM_grow(ct, crypt_len))
            goto out;
        memcpy(ct->data, crypt, crypt_len);
        if (!(pt = EAC_decrypt(c->ctx, ct)) || !(plain = EAC_remove_iso_pad(pt)) ||
            plain->length > cap || plain->length == 0)
            goto out;
        memcpy(buf, plain->data, plain->length);
        a->data = buf;
        a->lc = plain->length;
    }
    rc = 0;
out:
    BUF_MEM_free(ph);
    BUF_MEM_free(mb);
    BUF_MEM_free(m);
    BUF_MEM_free(ct);
    BUF_MEM_clear_free(pt);
    BUF_MEM_clear_free(plain);
    return rc;
}

static size_t chip_put_len(uint8_t *p, size_t n)
{
    if (n < 0x80) {
        p[0] = (uint8_t)n;
        return 1;
    }
    if (n < 0x100) {
        p[0] = 0x81;
        p[1] = (uint8_t)n;
        return 2;
    }
    p[0] = 0x82;
    p[1] = (uint8_t)(n >> 8);
    p[2] = (uint8_t)n;
    return 3;
}

/* DO'87'/'85' ‖ DO'99' ‖ DO'8E' ‖ SW into r. 0, or -1. */
static int chip_sm_wrap(struct eac_chip *c, const struct eac_resp *resp, int odd, uint8_t *r,
                        size_t cap, size_t *rlen)
{
    BUF_MEM *pd = NULL, *ct = NULL, *m = NULL, *mac = NULL;
    size_t o = 0;
    int rc = -1;

    if (!EAC_increment_ssc(c->ctx))
        return -1;
    if (resp->len) {
        if (!(pd = chip_padded(c, resp->data, resp->len)) || !(ct = EAC_encrypt(c->ctx, pd)) ||
            ct->length + 32 > cap)
            goto out;
        r[o++] = odd ? 0x85 : 0x87;
        o += chip_put_len(r + o, ct->length + (odd ? 0 : 1));
        if (!odd)
            r[o++] = 0x01;
        memcpy(r + o, ct->data, ct->length);
        o += ct->length;
    }
    r[o++] = 0x99;
    r[o++] = 0x02;
    r[o++] = (uint8_t)(resp->sw >> 8);
    r[o++] = (uint8_t)resp->sw;
    if (!(m = chip_padded(c, r, o)) || !(mac = EAC_authenticate(c->ctx, m)) || mac->length != 8)
        goto out;
    r[o++] = 0x8E;
    r[o++] = 0x08;
    memcpy(r + o, mac->data, 8);
    o += 8;
    r[o++] = (uint8_t)(resp->sw >> 8);
    r[o++] = (uint8_t)resp->sw;
    *rlen = o;
    rc = 0;
out:
    BUF_MEM_clear_free(pd);
    BUF_MEM_free(ct);
    BUF_MEM_free(m);
    BUF_MEM_free(mac);
    return rc;
}

int eac_chip_apdu(struct eac_chip *c, const uint8_t *cmd, size_t clen, uint8_t *r, size_t rcap,
                  size_t *rlen)
{
    struct eac_resp *resp = &c->resp;
    uint8_t buf[512];
    struct eac_cmd w, a;
    int prot = 0;

    *rlen = 0;
    resp->len = 0;
    resp->sw = 0;
    if (c->removed_after && !c->removed_done && ++c->apdus > c->removed_after) {
        c->removed_done = 1; /* lifted during this APDU: no answer, every session state gone */
        eac_chip_power_on(c);
        return VPCD_CHIP_GONE;
    }
    if (chip_parse(cmd, clen, &w) != 0) {
        resp->sw = 0x6700;
        goto plain;
    }
    if (w.cla == 0xFF) { /* a reader's own pseudo-APDU (PC/SC part 3) that vpcd passes on */
        resp->sw = 0x6E00;
        goto plain;
    }
    if ((w.cla & 0x0C) == 0x0C) {
        if (!c->sm_on || chip_sm_unwrap(c, &w, &a, buf, sizeof(buf)) != 0) {
            eac_chip_count(c, &c->stats.sm_bad);
            eac_chip_auth_reset(c);
            resp->sw = 0x6988;
            goto plain;
        }
        eac_chip_count(c, &c->stats.sm_ok);
        prot = 1;
    } else {
        if (c->sm_on)
            eac_chip_auth_reset(c);
        a = w;
    }
    chip_dispatch(c, &a, resp);
    if (prot && c->sm_on) {
        int rc = chip_sm_wrap(c, resp, a.ins & 1, r, rcap, rlen);
        if (rc == 0 && c->ca_switch)
            rc = eac_chip_ca_switch(c);
        OPENSSL_cleanse(buf, sizeof(buf));
        return rc;
    }
plain:
    if (resp->len + 2 > rcap)
        return -1;
    memcpy(r, resp->data, resp->len);
    r[resp->len] = (uint8_t)(resp->sw >> 8);
    r[resp->len + 1] = (uint8_t)resp->sw;
    *rlen = resp->len + 2;
    OPENSSL_cleanse(buf, sizeof(buf));
    return 0;
}

static int chip_vpcd_apdu(void *chip, const uint8_t *cmd, size_t clen, uint8_t *r, size_t rcap,
                          size_t *rlen)
{
    return eac_chip_apdu(chip, cmd, clen, r, rcap, rlen);
}

static void chip_vpcd_power_on(void *chip)
{
    eac_chip_power_on(chip);
}

static void chip_vpcd_free(void *chip)
{
    eac_chip_free(chip);
}

struct vpcd_chip eac_chip_vpcd(struct eac_chip *c)
{
    return (struct vpcd_chip){c, chip_vpcd_apdu, chip_vpcd_power_on, chip_vpcd_free, 1};
}
