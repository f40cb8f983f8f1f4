/* cardf_variants.c: the realistic and hostile card variants and the writer of their profile
 * directories (the card profile contract in drivers/card: card.ini, raw files, aa_key.pem,
 * ca_key.pem).
 *
 * OUTDIR/trust/csca.pem is the test CSCA to trust; OUTDIR/trust-other/csca.pem the CSCA of
 * the "untrusted" variant (never to be trusted); OUTDIR/masterlist.ml an ICAO master list
 * holding the trusted CSCA; OUTDIR/variants.txt one line per variant: name, expected
 * outcome, description (tab-separated). */
#include "tests/rigs/card/cardf.h"
#include "drivers/camera/camera.h"
#include "drivers/camera/image_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <openssl/rand.h>

#include "drivers/card/mrz.h"

/* clang-format off */
const struct cardf_variant_info cardf_variants[] = {
    {"ngoc-2021", "genuine", "diacritics, PACE+BAC, AA ECDSA + CA", 0, 1, 1, 2, 1, 0, 0, 0, 1, 231, CARDF_OK, NULL},
    {"hung-long-address", "genuine", "long address (>127 bytes), AA RSA", 1, 1, 1, 1, 0, 0, 0, 0, 1, 231, CARDF_OK, NULL},
    {"hoa-no-middle-name", "genuine", "name without middle name", 2, 1, 1, 1, 1, 0, 0, 0, 0, 231, CARDF_OK, NULL},
    {"luu-elderly-no-expiry", "genuine", "born 1950, card never expires (MRZ DOE 991231)", 3, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_OK, NULL},
    {"luu-elderly-doe-chevrons", "genuine", "never expires, MRZ DOE <<<<<<, BAC only", 3, 0, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_OK, "<<<<<<"},
    {"bao-2024", "genuine", "2024 Can cuoc layout, issued at 14", 4, 1, 1, 2, 1, 0, 0, 0, 1, 231, CARDF_OK, NULL},
    {"khoi-29feb-jp2", "genuine", "born 29 February, JPEG 2000 portrait, 2024 layout", 5, 1, 1, 1, 0, 1, 0, 0, 1, 231, CARDF_OK, NULL},
    {"type-b", "genuine", "ISO 14443 type B chip", 2, 1, 1, 1, 0, 0, 0, 1, 0, 231, CARDF_OK, NULL},
    {"small-le", "genuine", "chip accepting READ BINARY Le <= 112 only", 0, 1, 1, 2, 1, 0, 0, 0, 0, 112, CARDF_OK, NULL},
    {"bac-only", "genuine", "no EF.CardAccess, BAC only", 1, 0, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_OK, NULL},
    {"pace-only", "genuine", "PACE only, BAC refused", 0, 1, 0, 2, 1, 0, 0, 0, 1, 231, CARDF_OK, NULL},
    {"removed-early", "genuine", "card leaves the field after 9 APDUs (during PACE/first file)", 1, 1, 1, 1, 0, 0, 9, 0, 0, 231, CARDF_OK, NULL},
    {"removed-mid-dg2", "genuine", "card leaves the field after 40 APDUs (inside DG2)", 1, 1, 1, 1, 0, 0, 40, 0, 0, 231, CARDF_OK, NULL},
    {"removed-random", "genuine", "card leaves the field after a random 3..80 APDUs (new each factory run)", 0, 1, 1, 2, 1, 0, -1, 0, 0, 231, CARDF_OK, NULL},
    {"no-aa-no-ca", "unverified", "no DG14/DG15: chip cannot authenticate (no_chip_authentication)", 2, 1, 1, 0, 0, 0, 0, 0, 0, 231, CARDF_OK, NULL},
    {"hash-mismatch", "forged", "DG13 altered after signing (dg_hash_mismatch)", 1, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_HASH_MISMATCH, NULL},
    {"bad-signature", "forged", "SOD signature altered (sod_signature)", 1, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_BAD_SIGNATURE, NULL},
    {"untrusted-ds", "forged", "DS under a rogue VN CSCA while VN's is trusted (csca_untrusted)", 0, 1, 1, 2, 0, 0, 0, 0, 0, 231, CARDF_UNTRUSTED_DS, NULL},
    {"foreign-ds", "unverified", "DS under the CSCA of a state none of whose CSCAs is trusted (no_csca_for_state)", 0, 1, 1, 2, 0, 0, 0, 0, 0, 231, CARDF_FOREIGN_DS, NULL},
    {"expired-ds", "unverified", "DS certificate expired (ds_expired)", 2, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_EXPIRED_DS, NULL},
    {"clone-no-aa-key", "forged", "clone: AA key is not DG15's (aa_failed)", 1, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_CLONE_NO_AA, NULL},
    {"truncated-dg2", "error:truncated", "DG2 file shorter than its TLV length", 0, 1, 1, 2, 0, 0, 0, 0, 0, 231, CARDF_TRUNCATED_DG2, NULL},
    {"lying-tlv-dg13", "error:dg13", "DG13 inner TLV length lies (signed as is)", 1, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_LYING_DG13, NULL},
    {"wrong-check-digit", "error:dg1", "DG1 MRZ with a wrong check digit (signed as is)", 2, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_BAD_CHECK_DIGIT, NULL},
    {"no-sod", "forged", "EF.SOD withheld after BAC/PACE (sod_missing)", 2, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_NO_SOD, NULL},
    {"hidden-dg15", "forged", "SOD lists DG15, the chip hides it and runs no AA (dg_listed_missing)", 2, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_HIDDEN_DG15, NULL},
    {"ca-refused", "forged", "DG14 offers CA, the chip refuses it (ca_refused)", 2, 1, 1, 0, 1, 0, 0, 0, 0, 231, CARDF_CA_REFUSED, NULL},
    {"aa-refused", "forged", "DG15 present, the chip refuses AA (aa_refused)", 2, 1, 1, 1, 0, 0, 0, 0, 0, 231, CARDF_AA_REFUSED, NULL},
};
/* clang-format on */
const int cardf_n_variants = sizeof cardf_variants / sizeof cardf_variants[0];

static int mkdir_p(const char *d)
{
    return mkdir(d, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

static int write_buf(const char *dir, const char *name, const struct cardf_buf *b)
{
    return b->err ? -1 : cardf_write_file(dir, name, b->p, b->len);
}

static int write_ini(const char *dir, const struct cardf_variant_info *v,
                     const struct cardf_person *p, int index)
{
    char ini[1024], dob[7], doe[7], can[7], doc[10];
    int removed = v->removed_after;
    if (removed < 0) {
        unsigned char r = 0;
        RAND_bytes(&r, 1);
        removed = 3 + r % 78; /* anywhere from PACE to the end of DG2 */
    }
    if (mrz_date_from_iso(p->dob, dob) || mrz_can_from_id(p->id, can) ||
        mrz_doc_number_from_id(p->id, doc))
        return -1;
    if (v->mrz_doe)
        snprintf(doe, sizeof doe, "%s", v->mrz_doe);
    else if (p->expiry[0])
        mrz_date_from_iso(p->expiry, doe);
    else
        snprintf(doe, sizeof doe, "991231");
    int n = snprintf(ini, sizeof ini,
                     "# card profile written by the test card factory (synthetic identity)\n"
                     "[card]\nname=%s\nuid=%s%02X\ntype=%s\npace=%d\nbac=%d\ncan=%s\n"
                     "doc_number=%s\ndob=%s\ndoe=%s\naa=%d\nca=%d\natr_ts_424=%d\nmax_le=%d\n"
                     "removed_after_apdus=%d\n",
                     v->name, v->type_b ? "0A1B2C" : "08A1B2", index & 0xFF, v->type_b ? "B" : "A",
                     v->pace, v->bac, can, doc, dob, doe,
                     v->aa && v->hostile != CARDF_HIDDEN_DG15 && v->hostile != CARDF_AA_REFUSED,
                     v->hostile == CARDF_CA_REFUSED ? 0 : v->ca, v->atr424, v->max_le, removed);
    if (n < 0 || (size_t)n >= sizeof ini)
        return -1;
    return cardf_write_file(dir, "card.ini", ini, (size_t)n);
}

/* Builds and writes one variant. */
/* The front of the card as the kiosk's camera sees it: the card's QR code, centred on a
 * 640x480 grey frame, as qr.png in the profile (the simulated camera plays it when the
 * officer has the QR read by the camera). */
static int write_qr_png(const char *dir, const struct cardf_person *p)
{
    char text[1024], path[1100];
    uint8_t *gray = NULL;
    int w = 0, h = 0, rc = -1;
    struct cam_frame f;
    if (cardf_qr_text(p, text, sizeof text) != 0 || cardf_qr_image(text, 5, &gray, &w, &h) != 0)
        return -1;
    if (w > 640 || h > 480 || cam_frame_alloc(&f, 640, 480) != 0)
        goto out;
    memset(f.rgb, 0xd8, (size_t)f.stride * 480);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *px = f.rgb + (size_t)(y + (480 - h) / 2) * (size_t)f.stride +
                                (size_t)(x + (640 - w) / 2) * 3;
            px[0] = px[1] = px[2] = gray[(size_t)y * (size_t)w + (size_t)x];
        }
    snprintf(path, sizeof path, "%s/qr.png", dir);
    rc = camimg_save_png(path, &f) == 0 ? 0 : -1;
    cam_frame_free(&f);
out:
    free(gray);
    return rc;
}

static int write_variant(const char *outdir, int index, const struct cardf_pki *pki,
                         const struct cardf_pki *other, const struct cardf_pki *expired,
                         const struct cardf_pki *foreign)
{
    const struct cardf_variant_info *v = &cardf_variants[index];
    struct cardf_person p = cardf_people[v->person];
    struct cardf_buf com = {0}, dg1 = {0}, dg2 = {0}, dg13 = {0}, dg14 = {0}, dg15 = {0}, sod = {0},
                     ca = {0}, img = {0};
    EVP_PKEY *aa_key = NULL, *ca_key = NULL, *fake = NULL;
    char dir[1024], path[1100];
    int rc = -1;
    p.mrz_doe = v->mrz_doe;
    snprintf(dir, sizeof dir, "%s/%s", outdir, v->name);
    if (mkdir_p(dir) != 0 || write_qr_png(dir, &p) != 0)
        return -1;

    if (v->hostile == CARDF_BAD_CHECK_DIGIT) {
        char mrz[91];
        if (cardf_mrz(&p, mrz) != 0)
            goto out;
        mrz[14] = mrz[14] == '9' ? '0' : (char)(mrz[14] + 1); /* document number digit */
        cardf_dg1_mrz(mrz, &dg1);
    } else {
        cardf_dg1(&p, &dg1);
    }
    cardf_dg13(&p, &dg13);
    if (v->hostile == CARDF_LYING_DG13 && dg13.len > 8)
        dg13.p[5] = (uint8_t)(dg13.p[5] + 3); /* the SEQUENCE's length (6D 82 LL LL 30 82 LL LL) */
    if (cardf_portrait(240, 320, 85, v->jp2, (unsigned)index + 1, &img) != 0 ||
        cardf_dg2(&img, v->jp2, 240, 320, &dg2) != 0)
        goto out;
    if (v->aa) {
        aa_key = v->aa == 1 ? cardf_key_rsa(2048) : cardf_key_ec("P-256");
        if (!aa_key || cardf_dg15(aa_key, &dg15) != 0)
            goto out;
    }
    if (v->ca) {
        ca_key = cardf_key_ec("brainpoolP256r1");
        if (!ca_key)
            goto out;
    }
    if (v->ca || v->aa == 2)
        cardf_dg14(ca_key, v->aa == 2, &dg14);
    uint32_t mask = (1u << 1) | (1u << 2) | (1u << 3) | (1u << 13);
    if (dg14.len)
        mask |= 1u << 14;
    if (dg15.len && v->hostile != CARDF_HIDDEN_DG15)
        mask |= 1u << 15;
    cardf_com(mask, &com);
    if (v->pace)
        cardf_card_access(1, v->ca, &ca);

    const struct cardf_buf *dgs[17] = {0};
    dgs[1] = &dg1;
    dgs[2] = &dg2;
    dgs[13] = &dg13;
    if (dg14.len)
        dgs[14] = &dg14;
    if (dg15.len)
        dgs[15] = &dg15;
    const struct cardf_pki *signer = v->hostile == CARDF_UNTRUSTED_DS ? other
                                     : v->hostile == CARDF_EXPIRED_DS ? expired
                                     : v->hostile == CARDF_FOREIGN_DS ? foreign
                                                                      : pki;
    if (v->hostile != CARDF_NO_SOD && cardf_sod(signer, dgs, &sod) != 0)
        goto out;

    switch (v->hostile) {
    case CARDF_HASH_MISMATCH: {
        /* change one letter of the name: still valid DG13, different hash */
        uint8_t *n = memmem(dg13.p, dg13.len, "Nguy", 4);
        if (!n)
            goto out;
        n[0] = 'M';
        break;
    }
    case CARDF_BAD_SIGNATURE:
        sod.p[sod.len - 4] ^= 0x01;
        break;
    case CARDF_TRUNCATED_DG2:
        dg2.len = dg2.len * 2 / 3;
        break;
    case CARDF_CLONE_NO_AA:
        fake = cardf_key_rsa(2048); /* the cloner does not have the chip's key */
        if (!fake)
            goto out;
        break;
    default:
        break;
    }

    if (write_ini(dir, v, &p, index) || write_buf(dir, "EF.COM", &com) ||
        write_buf(dir, "DG1", &dg1) || write_buf(dir, "DG2", &dg2) || write_buf(dir, "DG13", &dg13))
        goto out;
    if (ca.len && write_buf(dir, "EF.CardAccess", &ca))
        goto out;
    if (dg14.len && write_buf(dir, "DG14", &dg14))
        goto out;
    if (dg15.len && v->hostile != CARDF_HIDDEN_DG15 && write_buf(dir, "DG15", &dg15))
        goto out;
    if (sod.len && write_buf(dir, "EF.SOD", &sod))
        goto out;
    if (aa_key) {
        snprintf(path, sizeof path, "%s/aa_key.pem", dir);
        if (cardf_write_pem_key(path, fake ? fake : aa_key))
            goto out;
    }
    if (ca_key) {
        snprintf(path, sizeof path, "%s/ca_key.pem", dir);
        if (cardf_write_pem_key(path, ca_key))
            goto out;
    }
    rc = 0;
out:
    EVP_PKEY_free(aa_key);
    EVP_PKEY_free(ca_key);
    EVP_PKEY_free(fake);
    struct cardf_buf *all[] = {&com, &dg1, &dg2, &dg13, &dg14, &dg15, &sod, &ca, &img};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        cardf_buf_free(all[i]);
    return rc;
}

int cardf_write_all(const char *outdir)
{
    struct cardf_pki pki, other, expired, foreign;
    struct cardf_buf ml = {0};
    char dir[1024], path[1100];
    int n = -1;
    memset(&other, 0, sizeof other);
    memset(&expired, 0, sizeof expired);
    memset(&foreign, 0, sizeof foreign);
    if (mkdir_p(outdir) != 0 || cardf_pki_new(&pki, "CSCA VN TEST", 1, -30, 3650) != 0)
        return -1;
    if (cardf_pki_new(&other, "CSCA ROGUE", 1, -30, 3650) != 0 ||
        cardf_pki_new(&expired, "CSCA VN TEST OLD", 1, -800, -5) != 0 ||
        cardf_pki_new(&foreign, "CSCA LA TEST", 1, -30, 3650) != 0)
        goto out;
    /* the expired variant's CSCA is trusted too: only its DS is out of date */
    X509 *ca_certs[2] = {pki.csca, expired.csca};
    snprintf(dir, sizeof dir, "%s/trust", outdir);
    snprintf(path, sizeof path, "%s/csca.pem", dir);
    if (mkdir_p(dir) || cardf_write_pem_cert(path, pki.csca))
        goto out;
    snprintf(path, sizeof path, "%s/csca-old.pem", dir);
    if (cardf_write_pem_cert(path, expired.csca))
        goto out;
    snprintf(dir, sizeof dir, "%s/trust-other", outdir);
    snprintf(path, sizeof path, "%s/csca.pem", dir);
    if (mkdir_p(dir) || cardf_write_pem_cert(path, other.csca))
        goto out;
    if (cardf_master_list(pki.ds, pki.ds_key, ca_certs, 2, &ml) != 0 ||
        cardf_write_file(outdir, "masterlist.ml", ml.p, ml.len) != 0)
        goto out;
    snprintf(path, sizeof path, "%s/variants.txt", outdir);
    FILE *f = fopen(path, "w");
    if (!f)
        goto out;
    fprintf(f, "# name\texpected\twhat\n");
    for (int i = 0; i < cardf_n_variants; i++) {
        if (write_variant(outdir, i, &pki, &other, &expired, &foreign) != 0) {
            fclose(f);
            goto out;
        }
        fprintf(f, "%s\t%s\t%s\n", cardf_variants[i].name, cardf_variants[i].expect,
                cardf_variants[i].what);
    }
    if (fclose(f) != 0)
        goto out;
    n = cardf_n_variants;
out:
    cardf_buf_free(&ml);
    cardf_pki_free(&pki);
    cardf_pki_free(&other);
    cardf_pki_free(&expired);
    cardf_pki_free(&foreign);
    return n;
}
