/* cardf.h: the test card factory — builds the files of a simulated CCCD (EF.COM, DG1, DG2,
 * DG13, DG14, DG15, EF.CardAccess, EF.SOD), a test CSCA and document signer, and writes card
 * profile directories (drivers/card contract: card.ini + raw files + keys) for every variant
 * the kiosk must tell apart, realistic and hostile.
 *
 * Test-only code (build/librigs.a). Identities are synthetic. Buffers: a struct cardf_buf
 * owns its bytes (cardf_buf_free). Keys and certificates are OpenSSL objects owned by the
 * struct they sit in (cardf_pki_free). */
#ifndef TESTS_RIGS_CARDF_H
#define TESTS_RIGS_CARDF_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

/* A growable byte buffer; the first failure sticks in err (-1) and later puts do nothing. */
struct cardf_buf {
    uint8_t *p;
    size_t len, cap;
    int err;
};
void cardf_buf_free(struct cardf_buf *b);
int cardf_raw(struct cardf_buf *b, const void *data, size_t n);
int cardf_put(struct cardf_buf *b, uint32_t tag, const void *v, size_t n);
int cardf_put_str(struct cardf_buf *b, uint32_t tag, const char *s);
/* Appends inner wrapped in tag. */
int cardf_put_buf(struct cardf_buf *b, uint32_t tag, const struct cardf_buf *inner);
/* Replaces b's content by tag + length + content. */
int cardf_wrap(struct cardf_buf *b, uint32_t tag);
int cardf_put_int(struct cardf_buf *b, long v);
/* Appends an OID from its dotted text. */
int cardf_put_oid(struct cardf_buf *b, const char *dotted);

/* A synthetic citizen. Dates ISO; expiry "" = no expiry. */
struct cardf_person {
    const char *id;        /* 12 digits */
    const char *old_id;    /* 9 digits or NULL */
    const char *full_name; /* with diacritics, NFC */
    const char *mrz_name;  /* "SURNAME<<GIVEN<NAMES" */
    const char *dob;
    char sex; /* 'M' / 'F' */
    const char *ethnicity, *religion, *origin, *residence, *marks;
    const char *issue, *expiry;
    const char *father, *mother, *spouse;
    int layout;          /* 2021 or 2024 */
    const char *mrz_doe; /* MRZ DOE override ("<<<<<<"), NULL = from expiry / 991231 */
};

/* The 90-character TD1 MRZ of p (every check digit right). */
int cardf_mrz(const struct cardf_person *p, char out[91]);
int cardf_dg1(const struct cardf_person *p, struct cardf_buf *out);
/* DG1 from a ready MRZ (for hostile check digits). */
int cardf_dg1_mrz(const char *mrz90, struct cardf_buf *out);
int cardf_dg13(const struct cardf_person *p, struct cardf_buf *out);
/* The face photo the cards' DG2 portraits are cut from (cardf_photo.c): photo (copied) with
 * its face box, or NULL for the drawn head (no face a detector finds). Before any call: the
 * face rig's astronaut photo, the citizen the simulated camera shows (the drawn head when
 * astronaut.png cannot be found: said on stderr). 0, or -1 out of memory. */
struct cam_frame;
int cardf_face_photo(const struct cam_frame *photo, int face_x, int face_y, int face_w);
/* w x h RGB pixels cut from that photo under the card's own light (seed), malloc'ed; NULL
 * when the drawn head is wanted. */
uint8_t *cardf_photo_pixels(int w, int h, unsigned seed);
/* A portrait: JPEG (quality q) or JPEG 2000 (jp2 = 1), w x h, RGB: the face photo above, or a
 * drawn head. */
int cardf_portrait(int w, int h, int q, int jp2, unsigned seed, struct cardf_buf *out);
/* DG2 wrapping an image of w x h. */
int cardf_dg2(const struct cardf_buf *img, int jp2, int w, int h, struct cardf_buf *out);
/* EF.COM listing the data groups in mask (bit n = DGn). */
int cardf_com(uint32_t mask, struct cardf_buf *out);
/* EF.CardAccess: PACE ECDH-GM AES-128 brainpoolP256r1 (pace), CA ECDH AES-128 (ca). */
int cardf_card_access(int pace, int ca, struct cardf_buf *out);
/* DG14 with the CA public key of ca_key (EC; NULL = no CA) and the AA info when aa_ec. */
int cardf_dg14(EVP_PKEY *ca_key, int aa_ec, struct cardf_buf *out);
int cardf_dg15(EVP_PKEY *aa_key, struct cardf_buf *out);

/* The QR text printed on p's card: 7 fields (2021), or 7 + parents' names (2024). */
int cardf_qr_text(const struct cardf_person *p, char *out, size_t cap);
/* A QR code image of text (libqrencode): 8-bit grey, scale pixels a module, quiet zone of 4
 * modules; *gray is malloc'ed (caller frees). */
int cardf_qr_image(const char *text, int scale, uint8_t **gray, int *w, int *h);

/* ---- PKI ---- */
struct cardf_pki {
    EVP_PKEY *csca_key;
    X509 *csca;
    EVP_PKEY *ds_key;
    X509 *ds;
};
/* A CSCA (self-signed, valid 10 years from now - 1 year) and a DS it signs; the DS is valid
 * from ds_from_days to ds_to_days relative to now. ec = 1: ECDSA P-256, else RSA 2048. */
int cardf_pki_new(struct cardf_pki *pki, const char *country_cn, int ec, long ds_from_days,
                  long ds_to_days);
void cardf_pki_free(struct cardf_pki *pki);
EVP_PKEY *cardf_key_ec(const char *curve);
EVP_PKEY *cardf_key_rsa(int bits);

/* EF.SOD (77 {ContentInfo SignedData}) over the data groups dgs[1..16] (NULL = absent),
 * hashed with SHA-256, signed by pki's DS. */
int cardf_sod(const struct cardf_pki *pki, const struct cardf_buf *const dgs[17],
              struct cardf_buf *out);
/* An ICAO CSCA master list (CMS signed by signer/key) holding certs. */
int cardf_master_list(X509 *signer, EVP_PKEY *key, X509 *const *certs, int n,
                      struct cardf_buf *out);

/* ---- files ---- */
int cardf_write_file(const char *dir, const char *name, const void *data, size_t n);
int cardf_write_pem_cert(const char *path, X509 *cert);
int cardf_write_pem_key(const char *path, EVP_PKEY *key);

/* The realistic identities (index 0..cardf_n_people-1). */
extern const struct cardf_person cardf_people[];
extern const int cardf_n_people;

/* Writes every variant under outdir/<variant>/ and outdir/trust/csca.pem (plus
 * outdir/trust-other/ with an untrusted CSCA and outdir/masterlist.ml). Returns the number of
 * variants written, or -1. */
int cardf_write_all(const char *outdir);

enum cardf_hostile {
    CARDF_OK = 0,
    CARDF_HASH_MISMATCH,   /* DG13 changed after signing */
    CARDF_BAD_SIGNATURE,   /* one bit of the SOD signature flipped */
    CARDF_UNTRUSTED_DS,    /* signed under a CSCA that is not in trust/ */
    CARDF_EXPIRED_DS,      /* DS certificate expired */
    CARDF_CLONE_NO_AA,     /* aa_key.pem is not the key of DG15: a clone */
    CARDF_TRUNCATED_DG2,   /* DG2 shorter than its TLV length says */
    CARDF_LYING_DG13,      /* DG13 inner length larger than its content (signed as is) */
    CARDF_HIDDEN_DG15,     /* the SOD lists DG15; the chip hides it (and runs no AA) */
    CARDF_CA_REFUSED,      /* DG14 offers chip authentication; the chip refuses it */
    CARDF_AA_REFUSED,      /* DG15 present; the chip refuses INTERNAL AUTHENTICATE */
    CARDF_FOREIGN_DS,      /* signed under a CSCA of another state (LA), none of it trusted */
    CARDF_BAD_CHECK_DIGIT, /* DG1 MRZ with a wrong check digit (signed as is) */
    CARDF_NO_SOD,          /* EF.SOD absent */
};

/* Variant names, what each is, and what the read should give. */
struct cardf_variant_info {
    const char *name;
    const char *expect; /* "genuine", "unverified", "forged", or "error:<kind>" */
    const char *what;   /* one line */
    int person;         /* index in cardf_people */
    int pace, bac;
    int aa; /* 0 none, 1 RSA 2048, 2 ECDSA P-256 */
    int ca;
    int jp2;
    int removed_after; /* removed_after_apdus; -1: random 3..80 on each factory run */
    int type_b, atr424, max_le;
    enum cardf_hostile hostile;
    const char *mrz_doe; /* MRZ DOE override */
};
extern const struct cardf_variant_info cardf_variants[];
extern const int cardf_n_variants;

#endif
