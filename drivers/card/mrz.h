/* mrz.h: the TD1 machine-readable zone of a CCCD (ICAO 9303-5) and the BAC key inputs.
 *
 * mrz_td1_parse() accepts the 90 characters of DG1's 5F1F (or three 30-character lines
 * separated by newlines, as typed or OCR'd) and checks every check digit: document number,
 * date of birth, date of expiry, the composite and the CCCD's own check digit of the 12-digit
 * personal ID in the optional data (line 1, positions 16-27 and 30).
 *
 * BAC (ICAO 9303-11 §9.7): MRZ_information = doc number (9) + cd + DOB + cd + DOE + cd, where a
 * CCCD's document number is the LAST 9 digits of the personal ID. When only the QR was read,
 * the expiry is derived from the date of birth and the issue date with the renewal ages
 * 14/25/40/60 (Law 26/2023 art. 21: a card issued within 2 years before a renewal age stays
 * valid until the next one; from 58 at issue it never expires).
 *
 * Everything here is pure: no allocation, no I/O, outputs zeroed first. */
#ifndef CARD_MRZ_H
#define CARD_MRZ_H

#include <stddef.h>

#include "kiosk/base/code_list.h"

#define MRZ_CODES(X)                                                                               \
    X(MRZ_OK, 0)                                                                                   \
    X(MRZ_E_FORMAT, -1)    /* not a TD1 MRZ (length, characters): rescan or retype it */           \
    X(MRZ_E_CHECK_DOC, -2) /* document number check digit wrong */                                 \
    X(MRZ_E_CHECK_DOB, -3) /* date of birth check digit wrong */                                   \
    X(MRZ_E_CHECK_DOE, -4) /* date of expiry check digit wrong */                                  \
    X(MRZ_E_CHECK_COMPOSITE, -5)                                                                   \
    X(MRZ_E_CHECK_ID, -6) /* check digit of the 12-digit personal ID (CCCD) wrong */               \
    X(MRZ_E_DATE, -7)     /* a date that does not exist */                                         \
    X(MRZ_E_ARG, -8)      /* invalid argument */
enum mrz_error { MRZ_CODES(MSG_CODE_ENUM) };

struct mrz_td1 {
    char doc_code[3];    /* "ID" (ICAO: I + filler or I + letter) */
    char issuer[4];      /* "VNM" */
    char doc_number[10]; /* 9 characters, '<' kept */
    char optional1[16];  /* line 1 positions 16-30 */
    char dob[7];         /* YYMMDD as printed ('<' for unknown parts) */
    char sex;            /* 'M', 'F' or '<' */
    char doe[7];         /* YYMMDD, "991231" or "<<<<<<" */
    char nationality[4];
    char optional2[12];
    char surname[40];     /* line 3 before "<<", fillers turned into spaces */
    char given_names[40]; /* line 3 after "<<" */
    char personal_id[13]; /* the CCCD's 12-digit ID from optional1, "" when absent */
};

/* Parses len bytes of text (90 characters, or 3 lines of 30 with '\n' or "\r\n").
 * Every check digit must hold; the first failing one is returned. */
int mrz_td1_parse(const char *text, size_t len, struct mrz_td1 *out);

/* The ICAO 9303-3 §4.9 check digit (weights 7,3,1) of n characters, or -1 for a character
 * outside 0-9, A-Z, '<'. */
int mrz_check_digit(const char *s, size_t n);

/* MRZ_information for BAC: 24 characters + NUL. doc9 is the 9-character document number
 * (for a CCCD the last 9 digits of the personal ID: see mrz_doc_number_from_id()). */
int mrz_bac_info(const char *doc9, const char *dob_yymmdd, const char *doe_yymmdd, char out[25]);

/* The BAC document number of a CCCD: the last 9 digits of the 12-digit personal ID. */
int mrz_doc_number_from_id(const char *personal_id, char out[10]);

/* The PACE CAN of a CCCD: the last 6 digits of the 12-digit personal ID. */
int mrz_can_from_id(const char *personal_id, char out[7]);

#define MRZ_MAX_DOE_CANDIDATES 4

/* Date-of-expiry candidates (YYMMDD) to try for BAC, most likely first, from the date of birth
 * and the issue date, both ISO "YYYY-MM-DD": the computed renewal birthday (for a 29 February
 * birth in a common year: 28 February, then 1 March), then "991231", then "<<<<<<".
 * Returns the number of candidates written (>= 2), or a negative mrz_error. */
int mrz_doe_candidates(const char *dob_iso, const char *issue_iso,
                       char out[MRZ_MAX_DOE_CANDIDATES][7]);

/* The computed expiry as ISO "YYYY-MM-DD" ("" and *no_expiry = 1 from 58 at issue). */
int mrz_expiry_from_issue(const char *dob_iso, const char *issue_iso, char out[11], int *no_expiry);

/* YYMMDD → ISO, the century chosen so that the year is at most max_year (dates of birth) */
int mrz_date_to_iso(const char *yymmdd, int max_year, char out[11]);

/* ISO "YYYY-MM-DD" → YYMMDD. */
int mrz_date_from_iso(const char *iso, char out[7]);

/* 1 when y-m-d is a calendar date. */
int mrz_date_valid(int y, int m, int d);

const char *mrz_strerror(int code);

#endif
