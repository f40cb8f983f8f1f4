/* chipsim_profile.c: synthetic card profiles for the card-access tests (see the header). */
#include "tests/rigs/card/chipsim_profile.h"

#include <dirent.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/card/emrtd_bac.h"
#include "drivers/card/mrz.h"
#include "tests/rigs/card/cardf.h"
#include "tests/test.h"

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

/* A JPEG portrait whose DG2 comes close to (not above, when possible) the wanted size. */
static int prof_dg2(size_t want, struct cardf_buf *dg2)
{
    for (int q = 95; q >= 20; q -= 5) {
        struct cardf_buf img = {0};
        int w = 360, h = 480;
        memset(dg2, 0, sizeof(*dg2));
        if (cardf_portrait(w, h, q, 0, 7, &img) || cardf_dg2(&img, 0, w, h, dg2)) {
            cardf_buf_free(&img);
            return -1;
        }
        cardf_buf_free(&img);
        if (dg2->len <= want || q == 20)
            return 0;
        cardf_buf_free(dg2);
    }
    return -1;
}

int chipsim_profile_write(const char *dir, const struct chipsim_profile_opts *o)
{
    const char *pid = o->personal_id ? o->personal_id : "001099012345";
    const char *dob = o->dob ? o->dob : "990101";
    const char *doe = o->doe ? o->doe : "240101";
    char ini[512], mrz[91], comp[64], dob_iso[11], doe_iso[11] = "", path[4096];
    struct cardf_person person = cardf_people[0];
    struct cardf_buf dg1 = {0}, dg2 = {0}, dg13 = {0}, dg14 = {0}, dg15 = {0}, com = {0}, sod = {0};
    struct cardf_pki pki;
    EVP_PKEY *aa_key = NULL, *dg15_key = NULL, *ca_key = NULL, *ca_chip_key = NULL;
    int rc = -1, have_pki = 0;

    memset(&pki, 0, sizeof(pki));
    if (strlen(pid) != 12 || strlen(dob) != 6 || strlen(doe) != 6)
        return -1;
    if (mrz_date_to_iso(dob, 2030, dob_iso) != 0)
        return -1;
    if (strcmp(doe, "991231") && strcmp(doe, "<<<<<<") && mrz_date_to_iso(doe, 2199, doe_iso) != 0)
        return -1;
    person.id = pid;
    person.dob = dob_iso;
    person.expiry = doe_iso;
    person.mrz_name = "NGUYEN<<VAN<A";
    snprintf(ini, sizeof(ini),
             "[card]\nname=test\nuid=04A1B2C3D4E5F6\ntype=%s\npace=%d\nbac=%d\ncan=%s\n"
             "doc_number=%s\ndob=%s\ndoe=%s\naa=%d\nca=%d\natr_ts_424=%d\nmax_le=%zu\n"
             "removed_after_apdus=%lu\niso_dep=%d\nemrtd_app=%d\natr_info=%d\nsfi=%d\n",
             o->type_b ? "B" : "A", o->pace, o->bac, pid + 6, pid + 3, dob, doe, o->aa, o->ca,
             o->ats_424, o->max_le ? o->max_le : 231, o->removed_after, !o->no_iso_dep,
             !o->no_emrtd_app, o->atr_info, !o->no_sfi);
    if (prof_put(dir, "card.ini", ini, strlen(ini)))
        return -1;
    if (!o->no_card_access &&
        prof_put(dir, "EF.CardAccess", prof_card_access, sizeof(prof_card_access)))
        return -1;

    /* TD1 MRZ (ICAO 9303-5), CCCD layout: last 9 digits as document number, full ID in the
     * optional data (shared/cccd-chip.md §1.2); DOE as given, "<<<<<<" included. */
    memset(mrz, '<', 90);
    mrz[90] = 0;
    memcpy(mrz, "IDVNM", 5);
    memcpy(mrz + 5, pid + 3, 9);
    mrz[14] = (char)('0' + mrz_check_digit(pid + 3, 9));
    memcpy(mrz + 15, pid, 12);
    mrz[29] = (char)('0' + mrz_check_digit(pid, 12));
    memcpy(mrz + 30, dob, 6);
    mrz[36] = (char)('0' + mrz_check_digit(dob, 6));
    mrz[37] = person.sex;
    memcpy(mrz + 38, doe, 6);
    mrz[44] = (char)('0' + mrz_check_digit(doe, 6));
    memcpy(mrz + 45, "VNM", 3);
    memcpy(comp, mrz + 5, 25);
    memcpy(comp + 25, mrz + 30, 7);
    memcpy(comp + 32, mrz + 38, 7);
    memcpy(comp + 39, mrz + 48, 11);
    mrz[59] = (char)('0' + mrz_check_digit(comp, 50));
    memcpy(mrz + 60, person.mrz_name, strlen(person.mrz_name));

    if (cardf_dg1_mrz(mrz, &dg1) || cardf_dg13(&person, &dg13) ||
        prof_dg2(o->dg2_len ? o->dg2_len : 20000, &dg2) ||
        cardf_com((1u << 1) | (1u << 2) | (1u << 3) | (1u << 13) | (1u << 15) |
                      (o->aa_ec || o->ca ? 1u << 14 : 0),
                  &com))
        goto out;
    if (o->aa) {
        aa_key = o->aa_ec ? cardf_key_ec("P-256") : cardf_key_rsa(1024);
        dg15_key = o->clone ? (o->aa_ec ? cardf_key_ec("P-256") : cardf_key_rsa(1024)) : aa_key;
        if (!aa_key || !dg15_key || cardf_dg15(dg15_key, &dg15))
            goto out;
        snprintf(path, sizeof(path), "%s/aa_key.pem", dir);
        if (cardf_write_pem_key(path, aa_key))
            goto out;
        /* DG14 names the ECDSA AA hash only: this chip offers no chip authentication (a
         * DG14 offering a CA key the chip then refuses is a clone's, judged forged) */
        if (o->aa_ec && cardf_dg14(NULL, 1, &dg14))
            goto out;
    }
    if (o->ca) {
        cardf_buf_free(&dg14);
        ca_key = cardf_key_ec("brainpoolP256r1");
        ca_chip_key = o->ca_clone ? cardf_key_ec("brainpoolP256r1") : ca_key;
        if (!ca_key || !ca_chip_key || cardf_dg14(ca_key, o->aa && o->aa_ec, &dg14))
            goto out;
        snprintf(path, sizeof(path), "%s/ca_key.pem", dir);
        if (cardf_write_pem_key(path, ca_chip_key))
            goto out;
    }
    if (cardf_pki_new(&pki, "VN test", 1, -30, 3650))
        goto out;
    have_pki = 1;
    {
        const struct cardf_buf *dgs[17] = {0};
        dgs[1] = &dg1;
        dgs[2] = &dg2;
        dgs[13] = &dg13;
        if (dg14.len)
            dgs[14] = &dg14;
        if (dg15.len)
            dgs[15] = &dg15;
        if (cardf_sod(&pki, dgs, &sod))
            goto out;
    }
    snprintf(path, sizeof(path), "%s/trust", dir);
    if (mkdir(path, 0700) != 0)
        goto out;
    snprintf(path, sizeof(path), "%s/trust/csca.pem", dir);
    if (cardf_write_pem_cert(path, pki.csca))
        goto out;
    if (prof_put(dir, "DG1", dg1.p, dg1.len - (o->truncate_dg1 ? 20 : 0)) ||
        prof_put(dir, "DG2", dg2.p, dg2.len) || prof_put(dir, "DG13", dg13.p, dg13.len) ||
        prof_put(dir, "EF.COM", com.p, com.len) || prof_put(dir, "EF.SOD", sod.p, sod.len) ||
        (dg14.len && prof_put(dir, "DG14", dg14.p, dg14.len)) ||
        (dg15.len && prof_put(dir, "DG15", dg15.p, dg15.len)))
        goto out;
    rc = 0;
out:
    if (have_pki)
        cardf_pki_free(&pki);
    if (dg15_key != aa_key)
        EVP_PKEY_free(dg15_key);
    EVP_PKEY_free(aa_key);
    if (ca_chip_key != ca_key)
        EVP_PKEY_free(ca_chip_key);
    EVP_PKEY_free(ca_key);
    cardf_buf_free(&dg1);
    cardf_buf_free(&dg2);
    cardf_buf_free(&dg13);
    cardf_buf_free(&dg14);
    cardf_buf_free(&dg15);
    cardf_buf_free(&com);
    cardf_buf_free(&sod);
    return rc;
}

void chipsim_profile_trust(const char *dir, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/trust", dir);
}

int chipsim_profile_tmpdir(char *buf, size_t cap)
{
    /* a new directory in the harness's own (the running case's, or the program's outside a
     * case): removed by the harness even when a check fails before chipsim_profile_rmdir */
    if (cap == 0)
        return -1;
    buf[0] = '\0';
    return test_fresh_dir(buf, cap);
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
        if (unlink(path) != 0 && !strcmp(e->d_name, "trust"))
            chipsim_profile_rmdir(path);
    }
    closedir(d);
    rmdir(dir);
}
