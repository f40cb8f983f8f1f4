/* card_identity.c: identity from DG1 + DG13, and the DG1/DG13/QR agreement check
 * (see card_identity.h).
 *
 * Names are compared folded (lower-case ASCII without diacritics, val_fold) when one side is
 * the MRZ, which has no diacritics and may be cut at 30 characters; between DG13 and the QR
 * they are compared exactly after NFC when both carry diacritics, folded otherwise. */
#include "drivers/card/card_identity.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unicase.h>
#include <uninorm.h>

#include "kiosk/model/validate.h"

static void put_str(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

int card_identity_from_files(const uint8_t *dg1, size_t dg1_len, const uint8_t *dg13,
                             size_t dg13_len, struct app_identity *out, int *dg_err)
{
    struct mrz_td1 m;
    struct emrtd_dg13 d;
    int rc = CID_OK, e;
    memset(out, 0, sizeof *out);
    memset(&m, 0, sizeof m);
    memset(&d, 0, sizeof d);
    if (dg_err)
        *dg_err = DG_OK;
    int have1 = dg1 && dg1_len, have13 = dg13 && dg13_len;
    if (!have1 && !have13)
        return CID_E_NONE;
    if (have1 && (e = emrtd_dg1_parse(dg1, dg1_len, &m)) != DG_OK) {
        if (dg_err)
            *dg_err = e;
        rc = CID_E_DG1;
        goto out;
    }
    if (have13 && (e = emrtd_dg13_parse(dg13, dg13_len, &d)) != DG_OK) {
        if (dg_err)
            *dg_err = e;
        rc = CID_E_DG13;
        goto out;
    }
    if (have1 && have13 && m.personal_id[0] && strcmp(m.personal_id, d.personal_id) != 0) {
        rc = CID_E_MISMATCH;
        goto out;
    }
    if (have13) {
        put_str(out->personal_id, sizeof out->personal_id, d.personal_id);
        put_str(out->old_id, sizeof out->old_id, d.old_id);
        put_str(out->full_name, sizeof out->full_name, d.full_name);
        put_str(out->dob, sizeof out->dob, d.dob);
        out->sex = d.sex;
        put_str(out->nationality, sizeof out->nationality, d.nationality);
        put_str(out->ethnicity, sizeof out->ethnicity, d.ethnicity);
        put_str(out->religion, sizeof out->religion, d.religion);
        put_str(out->place_of_origin, sizeof out->place_of_origin, d.place_of_origin);
        put_str(out->residence, sizeof out->residence, d.residence);
        put_str(out->issue_date, sizeof out->issue_date, d.issue_date);
        put_str(out->expiry_date, sizeof out->expiry_date, d.expiry_date);
        out->no_expiry = d.no_expiry;
    }
    if (have1) {
        if (!out->personal_id[0])
            put_str(out->personal_id, sizeof out->personal_id, m.personal_id);
        if (!out->full_name[0])
            snprintf(out->full_name, sizeof out->full_name, "%s%s%s", m.surname,
                     m.given_names[0] ? " " : "", m.given_names);
        if (!out->sex && (m.sex == 'M' || m.sex == 'F'))
            out->sex = m.sex;
        if (!have13) {
            /* DOB: the century that puts it in the past. */
            char iso[11];
            time_t now = time(NULL);
            struct tm tm;
            gmtime_r(&now, &tm);
            if (mrz_date_to_iso(m.dob, tm.tm_year + 1900, iso) == 0)
                put_str(out->dob, sizeof out->dob, iso);
            if (strcmp(m.doe, "991231") == 0 || strcmp(m.doe, "<<<<<<") == 0)
                out->no_expiry = 1;
            else if (mrz_date_to_iso(m.doe, 2099, iso) == 0)
                put_str(out->expiry_date, sizeof out->expiry_date, iso);
            put_str(out->nationality, sizeof out->nationality, m.nationality);
        }
    }
out:
    explicit_bzero(&m, sizeof m);
    emrtd_dg13_wipe(&d);
    if (rc != CID_OK)
        explicit_bzero(out, sizeof *out);
    return rc;
}

static void add(struct card_agreement *a, enum card_field f, enum card_source x, enum card_source y)
{
    if (a->n >= CARD_MAX_DISAGREEMENTS)
        return;
    a->d[a->n].field = f;
    a->d[a->n].a = x;
    a->d[a->n].b = y;
    a->n++;
}

/* Folded, single-spaced. */
static void fold(const char *in, char *out, size_t cap)
{
    char tmp[640];
    val_fold(in, tmp, sizeof tmp);
    size_t o = 0;
    int sp = 1;
    for (const char *p = tmp; *p && o + 1 < cap; p++) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == ',' || c == '-') {
            if (!sp)
                out[o++] = ' ';
            sp = 1;
            continue;
        }
        out[o++] = c;
        sp = 0;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = 0;
}

static int has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

/* The MRZ name against a full name: folded equality, or a prefix when the MRZ was cut. */
static int mrz_name_agrees(const struct mrz_td1 *m, const char *full)
{
    char a[128], b[200], mz[96];
    snprintf(mz, sizeof mz, "%s %s", m->surname, m->given_names);
    fold(mz, a, sizeof a);
    fold(full, b, sizeof b);
    if (strcmp(a, b) == 0)
        return 1;
    /* TD1 line 3 holds 30 characters: a long name is truncated there. */
    size_t used = strlen(m->surname) + 2 + strlen(m->given_names);
    return used >= 29 && strncmp(a, b, strlen(a)) == 0;
}

/* Single-spaced copy without folding. */
static void squeeze(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    int sp = 1;
    for (const char *p = in; *p && o + 1 < cap; p++) {
        if (*p == ' ' || *p == '\t') {
            if (!sp)
                out[o++] = ' ';
            sp = 1;
            continue;
        }
        out[o++] = *p;
        sp = 0;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = 0;
}

/* Both with diacritics: the letters must be the same (case and spacing aside); otherwise
 * one side lost its diacritics and only the folded forms can be compared. */
static int names_agree(const char *x, const char *y)
{
    char a[640], b[640];
    if (has_non_ascii(x) && has_non_ascii(y)) {
        int r = 1;
        squeeze(x, a, sizeof a);
        squeeze(y, b, sizeof b);
        if (u8_casecmp((const uint8_t *)a, strlen(a), (const uint8_t *)b, strlen(b), "vi",
                       UNINORM_NFC, &r) != 0)
            return 0;
        return r == 0;
    }
    fold(x, a, sizeof a);
    fold(y, b, sizeof b);
    return strcmp(a, b) == 0;
}

/* ISO date vs MRZ YYMMDD */
static int date_vs_mrz(const char *iso, const char *yymmdd)
{
    return strlen(iso) == 10 && iso[2] == yymmdd[0] && iso[3] == yymmdd[1] && iso[5] == yymmdd[2] &&
           iso[6] == yymmdd[3] && iso[8] == yymmdd[4] && iso[9] == yymmdd[5];
}

static int mrz_no_expiry(const struct mrz_td1 *m)
{
    return strcmp(m->doe, "991231") == 0 || strcmp(m->doe, "<<<<<<") == 0;
}

int card_identity_compare(const struct mrz_td1 *m, const struct emrtd_dg13 *d,
                          const struct app_identity *q, struct card_agreement *out)
{
    memset(out, 0, sizeof *out);
    if (m && d) {
        if (m->personal_id[0] && strcmp(m->personal_id, d->personal_id) != 0)
            add(out, CARD_F_PERSONAL_ID, CARD_SRC_DG1, CARD_SRC_DG13);
        if (!mrz_name_agrees(m, d->full_name))
            add(out, CARD_F_NAME, CARD_SRC_DG1, CARD_SRC_DG13);
        if (d->dob[0] && !date_vs_mrz(d->dob, m->dob))
            add(out, CARD_F_DOB, CARD_SRC_DG1, CARD_SRC_DG13);
        if (d->sex && d->sex != m->sex)
            add(out, CARD_F_SEX, CARD_SRC_DG1, CARD_SRC_DG13);
        if (d->no_expiry ? !mrz_no_expiry(m)
                         : (d->expiry_date[0] && !date_vs_mrz(d->expiry_date, m->doe)))
            add(out, CARD_F_EXPIRY, CARD_SRC_DG1, CARD_SRC_DG13);
    }
    if (m && q) {
        if (m->personal_id[0] && strcmp(m->personal_id, q->personal_id) != 0)
            add(out, CARD_F_PERSONAL_ID, CARD_SRC_DG1, CARD_SRC_QR);
        if (!mrz_name_agrees(m, q->full_name))
            add(out, CARD_F_NAME, CARD_SRC_DG1, CARD_SRC_QR);
        if (!date_vs_mrz(q->dob, m->dob))
            add(out, CARD_F_DOB, CARD_SRC_DG1, CARD_SRC_QR);
        if (q->sex != m->sex)
            add(out, CARD_F_SEX, CARD_SRC_DG1, CARD_SRC_QR);
    }
    if (d && q) {
        if (strcmp(d->personal_id, q->personal_id) != 0)
            add(out, CARD_F_PERSONAL_ID, CARD_SRC_DG13, CARD_SRC_QR);
        if (!names_agree(d->full_name, q->full_name))
            add(out, CARD_F_NAME, CARD_SRC_DG13, CARD_SRC_QR);
        if (strcmp(d->dob, q->dob) != 0)
            add(out, CARD_F_DOB, CARD_SRC_DG13, CARD_SRC_QR);
        if (d->sex != q->sex)
            add(out, CARD_F_SEX, CARD_SRC_DG13, CARD_SRC_QR);
        if (d->issue_date[0] && strcmp(d->issue_date, q->issue_date) != 0)
            add(out, CARD_F_ISSUE_DATE, CARD_SRC_DG13, CARD_SRC_QR);
        if (d->old_id[0] && q->old_id[0] && strcmp(d->old_id, q->old_id) != 0)
            add(out, CARD_F_OLD_ID, CARD_SRC_DG13, CARD_SRC_QR);
        if (d->residence[0] && q->residence[0] && !names_agree(d->residence, q->residence))
            add(out, CARD_F_RESIDENCE, CARD_SRC_DG13, CARD_SRC_QR);
    }
    return out->n;
}

const char *card_field_name(enum card_field f)
{
    static const char *n[] = {"personal_id", "name",       "dob",    "sex",
                              "expiry",      "issue_date", "old_id", "residence"};
    return (unsigned)f < sizeof n / sizeof n[0] ? n[f] : "?";
}

const char *card_source_name(enum card_source s)
{
    static const char *n[] = {"DG1", "DG13", "QR"};
    return (unsigned)s < 3 ? n[s] : "?";
}

const char *card_identity_strerror(int code)
{
    switch (code) {
    case CID_OK:
        return "ok";
    case CID_E_DG1:
        return "DG1 not parseable";
    case CID_E_DG13:
        return "DG13 not parseable";
    case CID_E_NONE:
        return "neither DG1 nor DG13 given";
    case CID_E_MISMATCH:
        return "DG1 and DG13 carry different personal IDs";
    }
    return "unknown identity error";
}
