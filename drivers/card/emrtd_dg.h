/* emrtd_dg.h: parsers of the files read from a CCCD chip (ICAO 9303-10 LDS 1.7 plus the
 * Vietnamese DG13), every one reading through the bounded TLV cursor (tlv.h).
 *
 * Each parser takes the file exactly as read from the chip (tag + length + value, nothing
 * after it) and fills a caller's struct, zeroed first; on failure the struct is left zeroed
 * (and wiped where it could hold personal data). They touch no file, screen or store.
 *
 * Ownership: structs hold copies, except struct emrtd_face whose image points into the DG2
 * buffer given (valid while that buffer is), and the EVP_PKEY of DG14/DG15 which the caller
 * frees with EVP_PKEY_free() (emrtd_dg14_free()). Personal data (DG1, DG13) is wiped with
 * emrtd_dg13_wipe() / explicit_bzero by the caller when done. */
#ifndef CARD_EMRTD_DG_H
#define CARD_EMRTD_DG_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/card/mrz.h"
#include "kiosk/base/code_list.h"

/* Error codes, with what the caller does next. */
#define DG_CODES(X)                                                                                \
    X(DG_OK, 0)                                                                                    \
    X(DG_E_TLV, -1)       /* malformed TLV (lying length, truncated): re-read the file once;       \
          if it persists, treat the chip as faulty/forged */                                       \
    X(DG_E_TAG, -2)       /* wrong outer tag: not the file expected (not a CCCD?) */               \
    X(DG_E_STRUCTURE, -3) /* well-formed TLV but not the structure the standard defines */         \
    X(DG_E_MRZ, -4)       /* DG1's MRZ fails a check digit or is not TD1 */                        \
    X(DG_E_TEXT, -5)      /* invalid UTF-8, control characters, or a field longer than allowed */  \
    X(DG_E_DATE, -6)      /* a date in DG13 that is not dd/mm/yyyy or does not exist */            \
    X(DG_E_IMAGE, -7)     /* DG2 image missing, of an unknown format or not decodable */           \
    X(DG_E_KEY, -8)       /* DG14/DG15 public key not decodable */                                 \
    X(DG_E_NOMEM, -9)     /* allocation failed: retry later */                                     \
    X(DG_E_ARG, -10)
enum emrtd_dg_error { DG_CODES(MSG_CODE_ENUM) };

const char *emrtd_dg_strerror(int code);

/* LDS tags of the data groups (ICAO 9303-10 §4.6.1, table 35). */
#define EMRTD_TAG_COM  0x60
#define EMRTD_TAG_DG1  0x61
#define EMRTD_TAG_DG2  0x75
#define EMRTD_TAG_DG13 0x6D
#define EMRTD_TAG_DG14 0x6E
#define EMRTD_TAG_DG15 0x6F
#define EMRTD_TAG_SOD  0x77

/* The data group number (1..16) of an LDS tag, or 0. */
int emrtd_dg_number(uint32_t tag);
/* The LDS tag of data group n, or 0. */
uint32_t emrtd_dg_tag(int n);

/* ---- EF.COM ---- */
struct emrtd_com {
    char lds_version[5];     /* "0107" */
    char unicode_version[7]; /* "040000" */
    uint32_t present;        /* bit n set when DGn is listed */
};
int emrtd_com_parse(const uint8_t *buf, size_t len, struct emrtd_com *out);

/* ---- DG1 ---- */
int emrtd_dg1_parse(const uint8_t *buf, size_t len, struct mrz_td1 *out);

/* ---- DG13 (Vietnamese personal data) ----
 * 6D { SEQUENCE { INTEGER version, OID 1.0.10646.1.0.8, SET { SEQUENCE { INTEGER n, value.. }
 * ... } } }. Fields are found by their index n, never by position; unknown indexes are
 * ignored, absent ones stay "". Strings are checked UTF-8 and normalised to NFC. */
enum emrtd_dg13_field {
    DG13_PERSONAL_ID = 1,
    DG13_FULL_NAME = 2,
    DG13_DOB = 3,
    DG13_SEX = 4,
    DG13_NATIONALITY = 5,
    DG13_ETHNICITY = 6,
    DG13_RELIGION = 7,
    DG13_PLACE_OF_ORIGIN = 8,
    DG13_RESIDENCE = 9,
    DG13_MARKS = 10,
    DG13_ISSUE_DATE = 11,
    DG13_EXPIRY = 12,
    DG13_PARENTS = 13,
    DG13_SPOUSE = 14,
    DG13_OLD_ID = 15,
    DG13_FIELD16 = 16,
};

struct emrtd_dg13 {
    char personal_id[13];
    char full_name[160];
    char dob[11]; /* ISO */
    char sex;     /* 'M', 'F', 0 */
    char nationality[64];
    char ethnicity[64];
    char religion[64];
    char place_of_origin[320];
    char residence[512];
    char marks[256];
    char issue_date[11];
    char expiry_date[11]; /* ISO, "" with no_expiry set when the text is not a date */
    int no_expiry;
    char expiry_text[64]; /* field 12 as written */
    char father[160];
    char mother[160];
    char spouse[160];
    char old_id[16];
    char field16[40]; /* unknown meaning (chip serial or old ID on some profiles) */
    uint32_t present; /* bit n set when field n was found */
};
int emrtd_dg13_parse(const uint8_t *buf, size_t len, struct emrtd_dg13 *out);
void emrtd_dg13_wipe(struct emrtd_dg13 *d);

/* ---- DG2 (ISO/IEC 19794-5 facial record in a CBEFF template) ----
 * 75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E|7F2E biometric data block } } }. The data
 * block's facial record header and facial information are walked with their declared
 * lengths, and the image is sniffed and fully decoded (libjpeg-turbo / OpenJPEG) to check it
 * and to learn its dimensions. */
enum emrtd_image_format { EMRTD_IMG_NONE = 0, EMRTD_IMG_JPEG, EMRTD_IMG_JP2 };
/* Refuse decoding anything bigger: an ICAO portrait is well under a megapixel; 2048 x 2048
 * leaves room and bounds what a decoder may be asked to allocate (a 4096 x 4096 JPEG 2000
 * "bomb" is refused from its header). */
#define EMRTD_DG2_MAX_PIXELS (2048u * 2048u)
/* The memory decoding one image may take in the confined helper (its RLIMIT_AS adds the
 * answer area and the largest request, drivers/card/card_decoder.h). */
#define EMRTD_DECODE_MEM_BYTES (160u * 1024u * 1024u)

struct emrtd_face {
    const uint8_t *image; /* points into the DG2 buffer */
    size_t image_len;
    enum emrtd_image_format format;
    int width, height;                   /* as decoded */
    int declared_width, declared_height; /* as the image information block says */
    int n_images;                        /* instances in the template (the first is used) */
};
int emrtd_dg2_parse(const uint8_t *buf, size_t len, struct emrtd_face *out);
/* Sniffs and decodes image bytes; width/height out. For DG2 and for tests. */
int emrtd_image_probe(const uint8_t *img, size_t len, enum emrtd_image_format *fmt, int *w, int *h);
/* Decodes a JPEG or JPEG 2000 image (e.g. emrtd_face.image) to 8-bit RGB, row-major, w*h*3
 * bytes in *rgb (malloc'ed: the caller frees it, after explicit_bzero: it is a face). For
 * showing a JP2 portrait on the review screen. */
int emrtd_image_decode_rgb(const uint8_t *img, size_t len, uint8_t **rgb, int *w, int *h);
/* Both decode in the confined helper program kiosk-decoder (drivers/card/card_decoder.h,
 * started on first use; the default); 0 decodes in this process, for the fuzzers (which test
 * the parser, thousands of inputs a second) and the benchmark's peer. */
void emrtd_image_confine(int on);
/* The same decode in this process, whatever emrtd_image_confine says: what the helper runs.
 * With into not NULL the pixels go there when they fit into_cap (then *rgb == into, not to be
 * freed), else to the heap. */
int emrtd_image_decode_here(const uint8_t *img, size_t len, enum emrtd_image_format *fmt, int *w,
                            int *h, uint8_t **rgb, uint8_t *into, size_t into_cap);
/* The peak resident memory (KiB) of the decoder helper after the last decode (tests,
 * benchmarks). */
long emrtd_image_last_peak_kb(void);
/* The helper's deadline per image (5000 ms unless set; tests shorten it); the helper's pid
 * while it is decoding, else 0 (tests kill it mid-request); how many helpers were started. */
void emrtd_image_set_deadline_ms(int ms);
int emrtd_image_decoder_busy_pid(void);
unsigned emrtd_image_decoder_starts(void);

/* ---- EF.CardAccess, DG14, DG15 (SecurityInfos and public keys) ---- */
#define EMRTD_MAX_OID   16 /* DER content bytes of an OID we keep */
#define EMRTD_MAX_INFOS 8

enum emrtd_info_kind {
    EMRTD_INFO_PACE = 1,  /* PACEInfo (ICAO 9303-11 §9.2.1) */
    EMRTD_INFO_CA,        /* ChipAuthenticationInfo */
    EMRTD_INFO_CA_PUBKEY, /* ChipAuthenticationPublicKeyInfo */
    EMRTD_INFO_TA,        /* TerminalAuthenticationInfo */
    EMRTD_INFO_AA,        /* ActiveAuthenticationInfo (2.23.136.1.1.5) */
    EMRTD_INFO_OTHER,
};

struct emrtd_security_info {
    enum emrtd_info_kind kind;
    uint8_t oid[EMRTD_MAX_OID]; /* DER content bytes (no 06 tag/length) */
    size_t oid_len;
    long version;                   /* -1 when absent */
    long parameter_id;              /* PACE parameterId / CA keyId; -1 when absent */
    uint8_t alg_oid[EMRTD_MAX_OID]; /* AA signatureAlgorithm */
    size_t alg_oid_len;
    void *pubkey; /* EVP_PKEY * for CA_PUBKEY (owned: emrtd_security_infos_free) */
};

struct emrtd_security_infos {
    struct emrtd_security_info info[EMRTD_MAX_INFOS];
    int n;
};

/* EF.CardAccess: a bare SET OF SecurityInfo (31 ..). */
int emrtd_card_access_parse(const uint8_t *buf, size_t len, struct emrtd_security_infos *out);
/* DG14: 6E { SET OF SecurityInfo }; CA public keys are decoded into EVP_PKEYs. */
int emrtd_dg14_parse(const uint8_t *buf, size_t len, struct emrtd_security_infos *out);
void emrtd_security_infos_free(struct emrtd_security_infos *s);
/* The first info of kind, or NULL. */
const struct emrtd_security_info *emrtd_security_infos_find(const struct emrtd_security_infos *s,
                                                            enum emrtd_info_kind kind);

/* DG15: 6F { SubjectPublicKeyInfo } → *pkey (EVP_PKEY *, caller frees with EVP_PKEY_free). */
int emrtd_dg15_parse(const uint8_t *buf, size_t len, void **pkey);

/* The dotted text of DER OID content bytes ("0.4.0.127.0.7.2.2.4.2.2"), for reports. */
int emrtd_oid_text(const uint8_t *oid, size_t len, char *out, size_t cap);

#endif
