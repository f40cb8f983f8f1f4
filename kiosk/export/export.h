/* export.h: the supervisor's daily export (danh sách "Mẫu số 02") and its verification.
 *
 * export_day() writes into one directory, for one local day:
 *   danh-sach-YYYY-MM-DD.csv   the list: UTF-8 with BOM, CRLF, RFC 4180 quoting, cells that
 *                              a spreadsheet would run as a formula prefixed with '
 *   danh-sach-YYYY-MM-DD.json  (instead of the CSV with format "json") the same rows as an array
 *   tong-hop-YYYY-MM-DD.txt    the summary: counts per status, applications past the 3-working-
 *                              day deadline without a result, rejected ones to recall
 *   manifest.txt               day, format, time, actor, key fingerprint, SHA-256 and size of
 *                              each file above
 *   manifest.sig               Ed25519 signature of manifest.txt by the kiosk's key, hex
 *   sign.pub                   the kiosk's Ed25519 public key, hex
 * and appends the audit row "export.day". export_verify() checks such a directory.
 *
 * The list and summary writers are pure functions over struct store_row (no store, no clock):
 * the tests compare their output with golden files and the store only feeds them rows.
 * Ownership: nothing returned here needs freeing except what export_summary_wipe() frees. */
#ifndef KIOSK_EXPORT_H
#define KIOSK_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"
#include "kiosk/model/msg_export.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"

enum export_err {
    EXPORT_OK = 0,
    EXPORT_EINVAL = -1,  /* bad day, format, actor or directory argument: fix the command */
    EXPORT_EEXISTS = -2, /* the directory holds the export of another day: pick another one */
    EXPORT_EIO = -3,     /* cannot create, write or read a file: check the disk and retry */
    EXPORT_ESTORE = -4,  /* the store failed while listing: retry, see the store's error */
    EXPORT_ENOMEM = -5,
    EXPORT_EMISSING = -6,  /* verify: a file of the export is missing */
    EXPORT_ETAMPERED = -7, /* verify: a file differs from what the manifest lists */
    EXPORT_EBADSIG = -8,   /* verify: the manifest's signature or key does not match */
    EXPORT_EFORMAT = -9,   /* verify: the manifest is not one this kiosk writes */
};
const char *export_strerror(int err);

/* Exports the applications created on the local day "YYYY-MM-DD" into dir (created 0700 when
 * missing; an export of the same day there is replaced, one of another day refused with
 * EXPORT_EEXISTS). format is "csv" or "json". The manifest is signed with store_keys(st).
 * On failure err gets one line (no personal data) and the manifest is not (re)written. */
int export_day(struct store *st, const char *day, const char *dir, const char *format,
               const char *actor, int64_t now_ms, char *err, size_t errlen);

/* What a verified export says about itself. */
struct export_info {
    char day[11];
    char format[8];
    char actor[APP_OFFICER_SIZE];
    char created[21];     /* "YYYY-MM-DDTHH:MM:SSZ" */
    char fingerprint[72]; /* "SHA256:" + 64 hex of the public key */
    int files;            /* files listed and checked */
};

/* Checks the directory written by export_day(): signature of the manifest by sign.pub, the
 * fingerprint written in the manifest, then each listed file's size and SHA-256. 0 when all
 * hold; otherwise the first problem as EXPORT_EBADSIG, EXPORT_EMISSING, EXPORT_ETAMPERED,
 * EXPORT_EFORMAT or EXPORT_EIO, with err naming the file. */
int export_verify(const char *dir, char *err, size_t errlen);
/* The same, filling *info (zeroed first) when it returns 0. */
int export_verify_info(const char *dir, struct export_info *info, char *err, size_t errlen);

/* --- the pieces (export_day is built from these; tests and benchmarks call them) ------- */

#define EXPORT_MANIFEST  "manifest.txt"
#define EXPORT_SIGNATURE "manifest.sig"
#define EXPORT_PUBKEY    "sign.pub"
#define EXPORT_NAME_SIZE 64
/* Decree 59/2022: level-2 results within 3 working days with a chip card. */
#define EXPORT_DEADLINE_WORKING_DAYS 3
/* The value of the column "Đã đăng ký định danh": every kiosk application is level 2. */
#define EXPORT_LEVEL_LABEL "Mức 2"

/* Writes a formatted one-line error into err (when given) and returns code. */
int export_errf(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Writes the catalogue's sentence for (d, code) (MSGD_EXPORT, MSGD_FIELD: msg_export.h) into
 * err (when given), in Vietnamese (the supervisor's language, terms-vi.md), and returns rc.
 * export_msgf formats it with the arguments, which the compiler checks against proto: the
 * sentence's conversions in order ("%s%ld"), which messages_format checks against the
 * catalogue's text (export_msg_text.c). */
int export_msg(char *err, size_t errlen, int rc, enum msg_domain d, int code);
int export_msgf(char *err, size_t errlen, int rc, enum msg_domain d, int code, const char *proto,
                ...) __attribute__((format(printf, 6, 7)));

/* 1 when day is a real "YYYY-MM-DD" date. */
int export_day_valid(const char *day);
/* "danh-sach-<day>.csv" / ".json" and "tong-hop-<day>.txt". */
void export_list_name(const char *day, int json, char out[EXPORT_NAME_SIZE]);
void export_summary_name(const char *day, char out[EXPORT_NAME_SIZE]);

/* The Vietnamese label of a status as citizens and supervisors know it. */
const char *export_status_label(enum app_status s);

/* One CSV cell: a leading = + - @ TAB or CR gets a ' in front (formula injection), then the
 * cell is quoted when it holds a comma, quote, CR or LF, quotes doubled (RFC 4180). */
int export_csv_cell(FILE *f, const char *s);
/* One JSON string literal, escaped (UTF-8 kept as is). */
int export_json_string(FILE *f, const char *s);

/* The list, row by row: begin writes the BOM and header (CSV) or "[" (JSON); each row gets
 * the next STT; end closes it. Rows go straight to f (no heap copy of personal data). */
struct export_list {
    FILE *f;
    int json;
    long n; /* rows written */
};
/* The first columns of the official list Mẫu số 02, as the form names them (the day's list
 * and the reports go on with columns of their own). */
#define EXPORT_FORM02_FIRST_COLUMNS "STT", "Họ tên", "Ngày sinh", "HKTT", "Số CCCD", "Số điện thoại"
int export_list_begin(struct export_list *l, FILE *f, int json);
int export_list_row(struct export_list *l, const struct store_row *row);
int export_list_end(struct export_list *l);

/* The summary, accumulated row by row, sorted, then written once. count takes the day's rows
 * (counts per status), open the rows of any day that may be overdue or rejected. */
struct export_summary_item {
    char id[APP_ID_SIZE];
    char name[160];
    char phone[11];
    enum app_status status;
    int64_t since; /* queued (or created) time */
    int working_days;
    char reason[256];
};
struct export_summary {
    int64_t now_ms;
    long counts[APP_STATUS_COUNT];
    long total;
    struct export_summary_item *overdue; /* owned; wiped by export_summary_wipe */
    size_t n_overdue, cap_overdue;
    struct export_summary_item *rejected; /* owned; wiped by export_summary_wipe */
    size_t n_rejected, cap_rejected;
};
void export_summary_init(struct export_summary *s, int64_t now_ms);
int export_summary_count(struct export_summary *s, const struct store_row *row);
int export_summary_open(struct export_summary *s, const struct store_row *row);
/* Orders both lists oldest first (ties by id); call before writing. */
void export_summary_sort(struct export_summary *s);
int export_summary_write(const struct export_summary *s, FILE *f, const char *day,
                         const char *actor);
void export_summary_wipe(struct export_summary *s);
/* 1 when row has no result (queued, uploading, submitted, processing) more than
 * EXPORT_DEADLINE_WORKING_DAYS working days after it was queued; *working_days gets the
 * count either way. */
int export_is_overdue(const struct store_row *row, int64_t now_ms, int *working_days);
/* A row queued at or after this time cannot be overdue at now_ms (a listing ordered by
 * creation time may stop there). */
int64_t export_overdue_cutoff(int64_t now_ms);

/* A file written as <dir>/.<name>.tmp and renamed into place by commit (after fsync). Its
 * stdio buffer is ours, so that the personal data passing through it is wiped at close. */
#define EXPORT_FILE_BUFFER (64 * 1024)
struct export_file {
    FILE *f;
    char *buf; /* EXPORT_FILE_BUFFER bytes, owned; wiped and freed by commit/abort */
    char tmp[4096];
    char path[4096];
};
int export_file_open(struct export_file *ef, const char *dir, const char *name);
int export_file_commit(struct export_file *ef); /* closes; the file is in place on 0 */
void export_file_abort(struct export_file *ef); /* closes and removes the temporary file */
/* SHA-256 (hex) and size of a file. */
int export_file_sha256(const char *path, char hex[65], long long *size);

/* The day of the export already in dir: 0 with day set, EXPORT_EMISSING when dir has no
 * manifest, EXPORT_EFORMAT when it has no readable day. */
int export_manifest_day(const char *dir, char day[11]);
/* A manifest's content. Parsing checks form only (fixed field order, day, format, 1..
 * EXPORT_MAX_FILES file lines of 64 hex, a decimal size and a plain name [A-Za-z0-9._-] not
 * starting with a dot); export_verify_info() checks signature, fingerprint and files. */
#define EXPORT_MAX_FILES     16
#define EXPORT_FILE_NAME_MAX 128
struct export_manifest_file {
    char name[EXPORT_FILE_NAME_MAX + 1];
    char sha256[65];
    long long size;
};
struct export_manifest {
    struct export_info info;
    struct export_manifest_file files[EXPORT_MAX_FILES];
    int n_files;
};
/* 0 with *out filled, or EXPORT_EFORMAT (and *out zeroed). m need not be NUL-terminated. */
int export_manifest_parse(const char *m, size_t mlen, struct export_manifest *out);
/* Writes manifest.txt listing files[0..n) (names inside dir), manifest.sig and sign.pub. */
/* The text of a key or signature file (txt, n bytes, NUL-terminated; freed here): exactly
 * 2*len hex digits and an optional final LF, into bin. 0 or EXPORT_EFORMAT. */
int export_hex_text(char *txt, size_t n, unsigned char *bin, size_t len);
/* Whether s is a SHA-256 as the manifests write it: exactly 64 lowercase hex digits. */
int export_sha256_hex_ok(const char *s);
/* A view of the next line of [*p, end): the line without its LF (every line of a manifest
 * ends with one); *p moves past it. 1, or 0 at the end. */
int export_next_line(const char **p, const char *end, const char **line, size_t *len);
/* Closes mf, the open_memstream of the manifest (*m, *mlen), and signs it: the signature and
 * the signing key, each as one hex line (the files EXPORT_SIGNATURE and EXPORT_PUBKEY of a
 * day's export and of a report). 0, or -1 when the stream could not be closed. */
int export_sign_manifest(FILE *mf, char **m, size_t *mlen, const struct seal_keys *keys,
                         char sighex[2 * SEAL_SIG_BYTES + 2],
                         char pkhex[2 * SEAL_SIGN_PK_BYTES + 2]);
int export_manifest_write(const char *dir, const char *day, const char *format, const char *actor,
                          int64_t now_ms, const struct seal_keys *keys, const char *const *files,
                          size_t n_files, char *err, size_t errlen);

/* Any source of rows: calls cb for each row in order until cb returns non-zero; returns 0
 * or a negative error of its own (reported as EXPORT_ESTORE). */
typedef int (*export_each_fn)(void *ctx, int (*cb)(const struct store_row *row, void *arg),
                              void *arg);
/* Everything export_day() writes, from any source of rows, without the audit row: day_rows
 * gives the day's applications (the list, the counts), open_rows the applications of any day
 * that may be overdue or rejected (NULL: the day's rows serve). Both get ctx. *rows gets the
 * number of rows listed. */
int export_write_dir(const char *dir, const char *day, const char *format, const char *actor,
                     int64_t now_ms, const struct seal_keys *keys, export_each_fn day_rows,
                     export_each_fn open_rows, void *ctx, long *rows, char *err, size_t errlen);

#endif
