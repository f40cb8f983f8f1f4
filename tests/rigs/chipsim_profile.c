/* chipsim_profile.c: synthetic card profiles for the card-access tests (see the header). */
#include "tests/rigs/chipsim_profile.h"

#include <dirent.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drivers/card/emrtd_bac.h"

/* EF.CardAccess as published for the CCCD (shared/cccd-chip.md §1.1): TA info, CA info,
 * PACEInfo id-PACE-ECDH-GM-AES-CBC-CMAC-128 v2 param 13 (brainpoolP256r1). */
static const unsigned char prof_card_access[] = {
    0x31, 0x34, 0x30, 0x0D, 0x06, 0x08, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x02,
    0x02, 0x01, 0x01, 0x30, 0x0F, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02,
    0x03, 0x02, 0x02, 0x02, 0x01, 0x01, 0x30, 0x12, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00,
    0x07, 0x02, 0x02, 0x04, 0x02, 0x02, 0x02, 0x01, 0x02, 0x02, 0x01, 0x0D};

void chipsim_profile_defaults(struct chipsim_profile_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->pace = 1;
    o->bac = 1;
    o->aa = 1;
    o->ats_424 = 1;
}

static int prof_put(const char *dir, const char *name, const void *data, size_t len)
{
    char path[4096];
    FILE *f;
    int ok;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (!(f = fopen(path, "wb")))
        return -1;
    ok = fwrite(data, 1, len, f) == len;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

/* Writes tag + definite length header; returns header size. */
static size_t prof_hdr(unsigned char *p, unsigned tag, size_t len)
{
    size_t o = 0;
    if (tag > 0xFF)
        p[o++] = (unsigned char)(tag >> 8);
    p[o++] = (unsigned char)tag;
    if (len < 0x80) {
        p[o++] = (unsigned char)len;
    } else if (len < 0x100) {
        p[o++] = 0x81;
        p[o++] = (unsigned char)len;
    } else {
        p[o++] = 0x82;
        p[o++] = (unsigned char)(len >> 8);
        p[o++] = (unsigned char)len;
    }
    return o;
}

static int prof_tlv_file(const char *dir, const char *name, unsigned tag, const void *v, size_t vl,
                         size_t cut)
{
    unsigned char *buf = malloc(vl + 8);
    size_t o;
    int rc;
    if (!buf)
        return -1;
    o = prof_hdr(buf, tag, vl);
    memcpy(buf + o, v, vl);
    rc = prof_put(dir, name, buf, o + vl - cut);
    free(buf);
    return rc;
}

static EVP_PKEY *prof_key(int ec)
{
    if (ec)
        return EVP_EC_gen("P-256");
    return EVP_RSA_gen(1024);
}

static int prof_aa(const char *dir, const struct chipsim_profile_opts *o)
{
    EVP_PKEY *k = prof_key(o->aa_ec), *pub = NULL;
    unsigned char *spki = NULL;
    char path[4096];
    FILE *f = NULL;
    int len, rc = -1;

    if (!k)
        return -1;
    snprintf(path, sizeof(path), "%s/aa_key.pem", dir);
    if (!(f = fopen(path, "w")) || PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) != 1)
        goto out;
    pub = o->clone ? prof_key(o->aa_ec) : k; /* a clone's DG15 names the original's key */
    if (!pub || (len = i2d_PUBKEY(pub, &spki)) <= 0)
        goto out;
    rc = prof_tlv_file(dir, "DG15", 0x6F, spki, (size_t)len, 0);
out:
    if (f)
        fclose(f);
    OPENSSL_free(spki);
    if (pub && pub != k)
        EVP_PKEY_free(pub);
    EVP_PKEY_free(k);
    return rc;
}

int chipsim_profile_write(const char *dir, const struct chipsim_profile_opts *o)
{
    const char *pid = o->personal_id ? o->personal_id : "001099012345";
    const char *dob = o->dob ? o->dob : "990101";
    const char *doe = o->doe ? o->doe : "240101";
    char ini[512], mrz[91], comp[64];
    unsigned char *dg2 = NULL;
    size_t dg2_len = o->dg2_len ? o->dg2_len : 20000;
    int rc = -1;

    if (strlen(pid) != 12 || strlen(dob) != 6 || strlen(doe) != 6)
        return -1;
    snprintf(ini, sizeof(ini),
             "[card]\nname=test\nuid=04A1B2C3D4E5F6\ntype=%s\npace=%d\nbac=%d\ncan=%s\n"
             "doc_number=%s\ndob=%s\ndoe=%s\naa=%d\nca=0\natr_ts_424=%d\nmax_le=%zu\n"
             "removed_after_apdus=%lu\n",
             o->type_b ? "B" : "A", o->pace, o->bac, pid + 6, pid + 3, dob, doe, o->aa, o->ats_424,
             o->max_le ? o->max_le : 231, o->removed_after);
    if (prof_put(dir, "card.ini", ini, strlen(ini)))
        return -1;
    if (!o->no_card_access &&
        prof_put(dir, "EF.CardAccess", prof_card_access, sizeof(prof_card_access)))
        return -1;

    /* TD1 MRZ (ICAO 9303-5), CCCD layout: last 9 digits as document number, full ID in the
     * optional data (shared/cccd-chip.md §1.2). */
    memset(mrz, '<', 90);
    mrz[90] = 0;
    memcpy(mrz, "IDVNM", 5);
    memcpy(mrz + 5, pid + 3, 9);
    mrz[14] = (char)('0' + emrtd_bac_check_digit(pid + 3, 9));
    memcpy(mrz + 15, pid, 12);
    mrz[29] = (char)('0' + emrtd_bac_check_digit(pid, 12));
    memcpy(mrz + 30, dob, 6);
    mrz[36] = (char)('0' + emrtd_bac_check_digit(dob, 6));
    mrz[37] = 'M';
    memcpy(mrz + 38, doe, 6);
    mrz[44] = (char)('0' + emrtd_bac_check_digit(doe, 6));
    memcpy(mrz + 45, "VNM", 3);
    memcpy(comp, mrz + 5, 25);
    memcpy(comp + 25, mrz + 30, 7);
    memcpy(comp + 32, mrz + 38, 7);
    memcpy(comp + 39, mrz + 48, 11);
    mrz[59] = (char)('0' + emrtd_bac_check_digit(comp, 50));
    memcpy(mrz + 60, "NGUYEN<<VAN<A", 13);
    {
        unsigned char dg1[100];
        size_t h = prof_hdr(dg1, 0x5F1F, 90);
        memcpy(dg1 + h, mrz, 90);
        if (prof_tlv_file(dir, "DG1", 0x61, dg1, h + 90, o->truncate_dg1 ? 20 : 0))
            return -1;
    }
    static const unsigned char com[] = {0x5F, 0x01, 0x04, '0',  '1',  '0',  '7',  0x5F,
                                        0x36, 0x06, '0',  '4',  '0',  '0',  '0',  '0',
                                        0x5C, 0x06, 0x61, 0x75, 0x63, 0x6D, 0x6E, 0x6F};
    if (prof_tlv_file(dir, "EF.COM", 0x60, com, sizeof(com), 0))
        return -1;
    /* DG2: the header bytes are not checked here; a JPEG SOI marks the image start. */
    if (!(dg2 = malloc(dg2_len)))
        return -1;
    for (size_t i = 0; i < dg2_len; i++)
        dg2[i] = (unsigned char)(i * 31 + 7);
    if (dg2_len > 8) {
        dg2[0] = 0xFF;
        dg2[1] = 0xD8;
        dg2[2] = 0xFF;
    }
    {
        size_t inner = dg2_len - 8; /* 75 82 LL LL + value: total file = dg2_len */
        if (prof_tlv_file(dir, "DG2", 0x75, dg2, inner + 4, 0))
            goto out;
    }
    static const unsigned char dg13[] = {0x30, 0x0B, 0x02, 0x01, 0x01, 0x06, 0x06,
                                         0x28, 0xD3, 0x16, 0x01, 0x00, 0x08};
    static const unsigned char dg14[] = {0x31, 0x00};
    static const unsigned char sod[] = {0x30, 0x03, 0x06, 0x01, 0x00};
    if (prof_tlv_file(dir, "DG13", 0x6D, dg13, sizeof(dg13), 0) ||
        prof_tlv_file(dir, "DG14", 0x6E, dg14, sizeof(dg14), 0) ||
        prof_tlv_file(dir, "EF.SOD", 0x77, sod, sizeof(sod), 0))
        goto out;
    if (o->aa && prof_aa(dir, o))
        goto out;
    rc = 0;
out:
    free(dg2);
    return rc;
}

int chipsim_profile_tmpdir(char *buf, size_t cap)
{
    const char *t = getenv("TMPDIR");
    if ((size_t)snprintf(buf, cap, "%s/cardsim-XXXXXX", t && *t ? t : "/tmp") >= cap)
        return -1;
    return mkdtemp(buf) ? 0 : -1;
}

void chipsim_profile_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}
