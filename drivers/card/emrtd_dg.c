/* emrtd_dg.c: EF.COM, DG1 and DG13 parsers, and the data-group error messages.
 *
 * Every byte is read through tlv.h. DG13 is walked by field index (the INTEGER heading each
 * field's SEQUENCE), never by position or by fixed prefixes, so absent fields, long-form
 * lengths and multi-byte UTF-8 are handled alike. On failure the output is wiped. */
#include "drivers/card/emrtd_dg.h"

#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#include "drivers/card/tlv.h"

#define DG13_MAX_INDEX   64 /* indexes above this are refused: no profile has them */
#define DG13_MAX_STRINGS 4  /* leaves kept per field (13 has father and mother) */

static const uint32_t dg_tags[17] = {0,    0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
                                     0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70};

int emrtd_dg_number(uint32_t tag)
{
    for (int i = 1; i <= 16; i++)
        if (dg_tags[i] == tag)
            return i;
    return 0;
}

uint32_t emrtd_dg_tag(int n)
{
    return n >= 1 && n <= 16 ? dg_tags[n] : 0;
}

static void copy_printable(char *dst, size_t cap, const struct tlv *t)
{
    size_t n = t->len < cap - 1 ? t->len : cap - 1;
    for (size_t i = 0; i < n; i++)
        dst[i] = t->value[i] >= 0x20 && t->value[i] < 0x7F ? (char)t->value[i] : '?';
    dst[n] = 0;
}

int emrtd_com_parse(const uint8_t *buf, size_t len, struct emrtd_com *out)
{
    struct tlv t, e;
    struct tlv_cursor c;
    int rc;
    memset(out, 0, sizeof *out);
    if ((rc = tlv_decode_one(buf, len, 0, &t)) != 0)
        return DG_E_TLV;
    if (t.tag != EMRTD_TAG_COM)
        return DG_E_TAG;
    if (tlv_child(&t, &c) != 0)
        return DG_E_STRUCTURE;
    int have_list = 0;
    while ((rc = tlv_next(&c, &e)) == 0) {
        if (e.tag == 0x5F01)
            copy_printable(out->lds_version, sizeof out->lds_version, &e);
        else if (e.tag == 0x5F36)
            copy_printable(out->unicode_version, sizeof out->unicode_version, &e);
        else if (e.tag == 0x5C) {
            have_list = 1;
            for (size_t i = 0; i < e.len; i++) {
                int n = emrtd_dg_number(e.value[i]);
                if (n)
                    out->present |= 1u << n;
            }
        }
    }
    if (rc != TLV_END) {
        memset(out, 0, sizeof *out);
        return DG_E_TLV;
    }
    if (!have_list) {
        memset(out, 0, sizeof *out);
        return DG_E_STRUCTURE;
    }
    return DG_OK;
}

int emrtd_dg1_parse(const uint8_t *buf, size_t len, struct mrz_td1 *out)
{
    struct tlv t, m;
    struct tlv_cursor c;
    memset(out, 0, sizeof *out);
    if (tlv_decode_one(buf, len, 0, &t) != 0)
        return DG_E_TLV;
    if (t.tag != EMRTD_TAG_DG1)
        return DG_E_TAG;
    if (tlv_child(&t, &c) != 0 || tlv_expect(&c, 0x5F1F, &m) != 0 || tlv_remaining(&c) != 0)
        return DG_E_STRUCTURE;
    if (mrz_td1_parse((const char *)m.value, m.len, out) != 0)
        return DG_E_MRZ;
    return DG_OK;
}

/* Checks UTF-8 without control characters, normalises to NFC and copies into dst (cap bytes
 * with the NUL). */
static int put_text(char *dst, size_t cap, const uint8_t *s, size_t n)
{
    if (u8_check(s, n) != NULL)
        return DG_E_TEXT;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 0x20 || s[i] == 0x7F)
            return DG_E_TEXT;
    size_t outlen = 0;
    uint8_t *nfc = u8_normalize(UNINORM_NFC, s, n, NULL, &outlen);
    if (!nfc)
        return DG_E_NOMEM;
    int rc = DG_OK;
    if (outlen >= cap) {
        rc = DG_E_TEXT;
    } else {
        memcpy(dst, nfc, outlen);
        dst[outlen] = 0;
    }
    explicit_bzero(nfc, outlen);
    free(nfc);
    return rc;
}

/* "dd/mm/yyyy" → ISO. */
static int put_date(char out[11], const char *s)
{
    if (strlen(s) != 10 || s[2] != '/' || s[5] != '/')
        return DG_E_DATE;
    for (int i = 0; i < 10; i++)
        if (i != 2 && i != 5 && (s[i] < '0' || s[i] > '9'))
            return DG_E_DATE;
    int d = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
    int y = atoi(s + 6);
    if (!mrz_date_valid(y, m, d))
        return DG_E_DATE;
    memcpy(out, s + 6, 4);
    out[4] = '-';
    memcpy(out + 5, s + 3, 2);
    out[7] = '-';
    memcpy(out + 8, s, 2);
    out[10] = 0;
    return DG_OK;
}

struct dg13_leaves {
    const struct tlv *v[DG13_MAX_STRINGS];
    struct tlv store[DG13_MAX_STRINGS];
    int n;
};

static int is_string_tag(uint32_t tag)
{
    return tag == 0x0C || tag == 0x13 || tag == 0x16 || tag == 0x12;
}

/* Collects the string leaves under c in order, descending into constructed elements. */
static int collect_leaves(struct tlv_cursor *c, struct dg13_leaves *l)
{
    struct tlv e;
    struct tlv_cursor sub;
    int rc;
    while ((rc = tlv_next(c, &e)) == 0) {
        if (e.constructed) {
            if (tlv_child(&e, &sub) != 0)
                return DG_E_STRUCTURE;
            if ((rc = collect_leaves(&sub, l)) != 0)
                return rc;
        } else if (is_string_tag(e.tag)) {
            if (l->n >= DG13_MAX_STRINGS)
                return DG_E_STRUCTURE;
            l->store[l->n] = e;
            l->v[l->n] = &l->store[l->n];
            l->n++;
        }
    }
    return rc == TLV_END ? DG_OK : DG_E_TLV;
}

static int leaf_text(const struct dg13_leaves *l, int i, char *dst, size_t cap)
{
    if (i >= l->n)
        return DG_OK;
    return put_text(dst, cap, l->v[i]->value, l->v[i]->len);
}

static int digits_only(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static int dg13_field(const struct tlv *f, struct emrtd_dg13 *out)
{
    struct tlv_cursor c;
    struct tlv ix;
    struct dg13_leaves l;
    uint64_t n;
    char tmp[64];
    int rc;
    memset(&l, 0, sizeof l);
    if (tlv_child(f, &c) != 0 || tlv_expect(&c, 0x02, &ix) != 0 || tlv_to_uint(&ix, &n) != 0 ||
        n < 1 || n > DG13_MAX_INDEX)
        return DG_E_STRUCTURE;
    if (n <= 31 && (out->present & (1u << n)))
        return DG_E_STRUCTURE; /* the same field twice: which one would be true? */
    if ((rc = collect_leaves(&c, &l)) != 0)
        return rc;
    if (n <= 31)
        out->present |= 1u << n;
    switch (n) {
    case DG13_PERSONAL_ID:
        if ((rc = leaf_text(&l, 0, out->personal_id, sizeof out->personal_id)) != 0)
            return rc;
        if (strlen(out->personal_id) != 12 || !digits_only(out->personal_id))
            return DG_E_TEXT;
        return DG_OK;
    case DG13_FULL_NAME:
        return leaf_text(&l, 0, out->full_name, sizeof out->full_name);
    case DG13_DOB:
    case DG13_ISSUE_DATE:
        memset(tmp, 0, sizeof tmp);
        if ((rc = leaf_text(&l, 0, tmp, sizeof tmp)) != 0)
            return rc;
        return put_date(n == DG13_DOB ? out->dob : out->issue_date, tmp);
    case DG13_SEX:
        memset(tmp, 0, sizeof tmp);
        if ((rc = leaf_text(&l, 0, tmp, sizeof tmp)) != 0)
            return rc;
        if (strcmp(tmp, "Nam") == 0)
            out->sex = 'M';
        else if (strcmp(tmp, "N\xe1\xbb\xaf") == 0) /* "Nữ" in NFC */
            out->sex = 'F';
        else
            return DG_E_TEXT;
        return DG_OK;
    case DG13_NATIONALITY:
        return leaf_text(&l, 0, out->nationality, sizeof out->nationality);
    case DG13_ETHNICITY:
        return leaf_text(&l, 0, out->ethnicity, sizeof out->ethnicity);
    case DG13_RELIGION:
        return leaf_text(&l, 0, out->religion, sizeof out->religion);
    case DG13_PLACE_OF_ORIGIN:
        return leaf_text(&l, 0, out->place_of_origin, sizeof out->place_of_origin);
    case DG13_RESIDENCE:
        return leaf_text(&l, 0, out->residence, sizeof out->residence);
    case DG13_MARKS:
        return leaf_text(&l, 0, out->marks, sizeof out->marks);
    case DG13_EXPIRY:
        if ((rc = leaf_text(&l, 0, out->expiry_text, sizeof out->expiry_text)) != 0)
            return rc;
        if (put_date(out->expiry_date, out->expiry_text) != 0) {
            /* "Không thời hạn" or any non-date: the card never expires. */
            out->expiry_date[0] = 0;
            out->no_expiry = 1;
        }
        return DG_OK;
    case DG13_PARENTS:
        if ((rc = leaf_text(&l, 0, out->father, sizeof out->father)) != 0)
            return rc;
        return leaf_text(&l, 1, out->mother, sizeof out->mother);
    case DG13_SPOUSE:
        return leaf_text(&l, 0, out->spouse, sizeof out->spouse);
    case DG13_OLD_ID:
        if ((rc = leaf_text(&l, 0, out->old_id, sizeof out->old_id)) != 0)
            return rc;
        return digits_only(out->old_id) ? DG_OK : DG_E_TEXT;
    case DG13_FIELD16:
        return leaf_text(&l, 0, out->field16, sizeof out->field16);
    default:
        return DG_OK; /* unknown index: ignored */
    }
}

void emrtd_dg13_wipe(struct emrtd_dg13 *d)
{
    explicit_bzero(d, sizeof *d);
}

int emrtd_dg13_parse(const uint8_t *buf, size_t len, struct emrtd_dg13 *out)
{
    struct tlv t, seq, e, f;
    struct tlv_cursor c, s, set;
    int rc;
    memset(out, 0, sizeof *out);
    if (tlv_decode_one(buf, len, 0, &t) != 0)
        return DG_E_TLV;
    if (t.tag != EMRTD_TAG_DG13)
        return DG_E_TAG;
    if (tlv_child(&t, &c) != 0 || tlv_expect(&c, 0x30, &seq) != 0 || tlv_child(&seq, &s) != 0 ||
        tlv_expect(&s, 0x02, &e) != 0) {
        rc = DG_E_STRUCTURE;
        goto out;
    }
    if (tlv_peek(&s, &e) == 0 && e.tag == 0x06)
        tlv_next(&s, &e);
    /* The fields sit in a SET (seen on cards), or directly after the OID on some profiles. */
    while ((rc = tlv_next(&s, &e)) == 0) {
        if (e.tag == 0x31) {
            if (tlv_child(&e, &set) != 0) {
                rc = DG_E_STRUCTURE;
                goto out;
            }
            while ((rc = tlv_next(&set, &f)) == 0) {
                if (f.tag != 0x30) {
                    rc = DG_E_STRUCTURE;
                    goto out;
                }
                if ((rc = dg13_field(&f, out)) != 0)
                    goto out;
            }
            if (rc != TLV_END) {
                rc = DG_E_TLV;
                goto out;
            }
        } else if (e.tag == 0x30) {
            if ((rc = dg13_field(&e, out)) != 0)
                goto out;
        } else {
            rc = DG_E_STRUCTURE;
            goto out;
        }
    }
    rc = rc == TLV_END ? DG_OK : DG_E_TLV;
    if (rc == DG_OK && !(out->present & (1u << DG13_PERSONAL_ID)))
        rc = DG_E_STRUCTURE;
out:
    if (rc != DG_OK)
        emrtd_dg13_wipe(out);
    return rc;
}

const char *emrtd_dg_strerror(int code)
{
    switch (code) {
    case DG_OK:
        return "ok";
    case DG_E_TLV:
        return "data group is not well-formed BER-TLV (truncated or lying length)";
    case DG_E_TAG:
        return "file has the wrong tag for this data group";
    case DG_E_STRUCTURE:
        return "data group structure is not the one defined";
    case DG_E_MRZ:
        return "DG1 MRZ is not TD1 or fails a check digit";
    case DG_E_TEXT:
        return "data group text is invalid UTF-8, has control characters or is too long";
    case DG_E_DATE:
        return "data group date is invalid";
    case DG_E_IMAGE:
        return "DG2 facial image missing, unknown format or not decodable";
    case DG_E_KEY:
        return "public key in DG14/DG15 not decodable";
    case DG_E_NOMEM:
        return "out of memory";
    case DG_E_ARG:
        return "invalid argument";
    }
    return "unknown data group error";
}
