/* receipt.h: the printed receipt, "Giấy tiếp nhận hồ sơ đăng ký tài khoản định danh điện tử
 * mức độ 2", rendered as PDF in memory (cairo) and printed through CUPS (libcups).
 *
 * What it says: the short number (read aloud and typed back), the expected result date (3
 * working days from delivery upstream; before delivery, that rule in words), the phone as the
 * citizen gave it (so a typo is caught at the counter), the SMS sender "VNeID" and what the
 * approval SMS looks like (the seeds' wording) — only when a phone was given; with only an
 * e-mail, that the result comes by the VNeID app and e-mail —, the call-centre number,
 * "Không thu phí", the station and the officer.
 *
 * No receipt with personal data is ever written to disk by the kiosk: the PDF is built in
 * memory and sent to CUPS from memory (the spool of CUPS itself is the print system's, which
 * removes a job's files when it is printed, PreserveJobFiles No). */
#ifndef KIOSK_RECEIPT_H
#define KIOSK_RECEIPT_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"

enum receipt_paper { RECEIPT_A4 = 0, RECEIPT_A5, RECEIPT_ROLL80, RECEIPT_ROLL58 };
/* "a4", "a5", "80mm", "58mm". 0, or -1. */
int receipt_paper_parse(const char *name, enum receipt_paper *out);
const char *receipt_paper_name(enum receipt_paper p);

struct receipt_info {
    char short_no[APP_SHORT_NO_SIZE];
    char app_id[APP_ID_SIZE];
    char full_name[160];
    char personal_id[13];
    char phone[11]; /* "" when none */
    char email[255];
    char station_name[128];
    char officer_name[128];
    int64_t queued_at;    /* ms UTC */
    int64_t delivered_at; /* ms UTC, 0 = not yet delivered upstream */
    char call_centre[32];
    int redo; /* a new application after a rejected one */
};

/* Fills *out from an application as loaded from the store; delivered_at from its history
 * (0 when not yet delivered). */
void receipt_info_from_app(const struct application *app, int64_t delivered_at,
                           const char *station_name, const char *officer_name,
                           const char *call_centre, struct receipt_info *out);

/* The local day "YYYY-MM-DD" that is n working days after the local day of from_ms. */
void receipt_add_working_days(int64_t from_ms, int n, char out[11]);

/* The approval SMS as the seeds show it, with the name without diacritics in capitals. */
void receipt_sms_text(const char *full_name, char *out, size_t outlen);

/* Renders the receipt as a one-page PDF in memory (caller frees *pdf). 0, or -1. */
int receipt_render_pdf(const struct receipt_info *r, enum receipt_paper paper, enum msg_lang lang,
                       unsigned char **pdf, size_t *len);

/* Frees cairo's and fontconfig's process-wide caches that rendering filled (at exit, so
 * that a leak checker sees only real leaks). Render nothing after it. */
void receipt_release(void);

/* Sends a PDF to the CUPS queue printer (NULL/"" = the default destination) from memory.
 * The CUPS server is libcups' own choice (CUPS_SERVER, client.conf, the local socket).
 * 0 with *job_id, or -1 with the reason in err (English, for the log and the officer's
 * second line). */
int receipt_print(const char *printer, const unsigned char *pdf, size_t len, const char *title,
                  int *job_id, char *err, size_t errlen);

/* Rendering (cairo) and printing (libcups) are the module kiosk-receipt.so, so the commands
 * that print nothing never map cairo, CUPS or their TLS stack; receipt_door.c forwards the
 * program's calls to it. The module's table, exported as the symbol receipt_module: */
#define RECEIPT_MODULE_ABI 1
struct receipt_module {
    int abi; /* RECEIPT_MODULE_ABI */
    int (*render_pdf)(const struct receipt_info *r, enum receipt_paper paper, enum msg_lang lang,
                      unsigned char **pdf, size_t *len);
    void (*release)(void);
    int (*print)(const char *printer, const unsigned char *pdf, size_t len, const char *title,
                 int *job_id, char *err, size_t errlen);
};

#endif
