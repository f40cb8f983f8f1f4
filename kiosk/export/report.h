/* report.h: the supervisor's reports over a period, station-wide and signed.
 *
 * A report covers one period (a day, the reporting week, a month or any range of days) and
 * lands on the stick as <root>/<station>/<period>/ so that every day and week accumulate on
 * one stick:
 *   <root>/<station>/2026-12-01/                     a day
 *   <root>/<station>/tuan-2026-11-25_2026-12-01/     the week Mẫu số 02 covers (Wed..Tue)
 *   <root>/<station>/thang-2026-11/                  a month
 *   <root>/<station>/khoang-2026-11-01_2026-11-15/   any range
 *   <root>/<station>/toan-tram-<period>/             several kiosks merged (report_merge)
 * Each holds, named with station, kiosk and period:
 *   mau-so-02_<station>_<kiosk>_<period>.xlsx   Mẫu số 02 for people (libxlsxwriter)
 *   danh-sach_<station>_<kiosk>_<period>.csv    the same columns for machines (ID/phone as text)
 *   danh-sach_<station>_<kiosk>_<period>.json   the same rows with machine fields (merge reads it)
 *   tong-hop_<station>_<kiosk>_<period>.txt     totals per status, officer, site (and kiosk),
 *                                                cumulative since a date, overdue, rejected
 *   manifest.txt, manifest.sig, sign.pub         (manifest format in report_manifest.c)
 * The manifest binds station code, kiosk id(s), period, the supervisor (id and full name), the
 * audit head and every file's SHA-256; it is signed with the kiosk's Ed25519 key. A report
 * is verified only against keys known in advance (report_keyring), never the key it carries.
 *
 * Writing (report_dir.c): a fresh temporary directory beside the final one (mkdir, which fails
 * on anything planted), files opened O_CREAT|O_EXCL|O_NOFOLLOW, each fsynced, the directory
 * fsynced, then renamed into place (replacing an older export of the period atomically where
 * the file system can, see report_dir.c). A stick full or pulled mid-write leaves only a
 * hidden temporary directory, never a directory that verifies.
 *
 * Ownership: nothing returned needs freeing unless a *_free is named. */
#ifndef KIOSK_REPORT_H
#define KIOSK_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/export/export.h"
#include "kiosk/model/application.h"
#include "kiosk/store/seal.h"
#include "kiosk/store/store.h"

/* Errors are the export module's (EXPORT_*, export_strerror). Messages (err) are Vietnamese
 * sentences saying what happened and what to do next; they hold no personal data. */

/* --- periods ----------------------------------------------------------------------------- */
enum report_kind { REPORT_DAY = 0, REPORT_WEEK, REPORT_MONTH, REPORT_RANGE };
struct report_period {
    enum report_kind kind;
    char from[11], to[11]; /* local days, inclusive */
};
/* The reporting week ends on a Tuesday: the weekly list is due before 10:00 on Wednesday
 * (S4: "trước 10 giờ thứ 4 hàng tuần theo Mẫu số 02"), so it covers Wednesday..Tuesday. */
int report_period_day(const char *day, struct report_period *p);
int report_period_week(const char *day, struct report_period *p); /* the week holding day */
/* The week the list due on day's Wednesday covers: the last Wednesday..Tuesday ended before
 * day (on a Wednesday: the week that ended yesterday). */
int report_period_last_week(const char *day, struct report_period *p);
int report_period_month(const char *yyyy_mm, struct report_period *p);
int report_period_range(const char *from, const char *to, struct report_period *p);
/* Parses a directory name written by report_period_name (merged "toan-tram-" prefix too). */
int report_period_parse_name(const char *name, struct report_period *p);
/* "2026-12-01", "tuan-2026-11-25_2026-12-01", "thang-2026-11", "khoang-A_B". */
void report_period_name(const struct report_period *p, char out[EXPORT_NAME_SIZE]);
const char *report_kind_name(enum report_kind k); /* "day", "week", "month", "range" */
int report_kind_parse(const char *s, enum report_kind *k);
/* "Ngày 01/12/2026" or "Từ ngày 25/11/2026 đến ngày 01/12/2026". */
void report_period_label(const struct report_period *p, char out[80]);
/* The day after / before d ("YYYY-MM-DD"); 0 or EXPORT_EINVAL. */
int report_day_add(const char *d, int delta, char out[11]);

/* --- one row of a report ------------------------------------------------------------------ */
struct report_row {
    char id[APP_ID_SIZE];
    int64_t created_at, queued_at;
    enum app_status status;
    char officer[APP_OFFICER_SIZE];
    char kiosk[32];
    char site[APP_SITE_NAME_SIZE]; /* "" when the application names no site: the station */
    char name[160];
    char dob[11]; /* ISO */
    char residence[512];
    char pid[13];
    char phone[11];
    char reason[300];
    int purged;
};
/* From a store row (site: see report_row_site in report_rows.c). */
void report_row_from_store(struct report_row *out, const struct store_row *in, const char *kiosk);
/* "Mức 2" when approved, else "" (the form's column states only what is true). */
const char *report_level_label(enum app_status s);

/* --- who made it ------------------------------------------------------------------------- */
#define REPORT_KIOSKS_SIZE 400
struct report_ident {
    char station_code[16];
    char station_name[128];
    char kiosk[REPORT_KIOSKS_SIZE]; /* one kiosk id, or "a,b,c" for a merged report */
    char supervisor_id[APP_OFFICER_SIZE];
    char supervisor_name[128];
    char preparer_name[128]; /* "Người lập biểu"; the supervisor when "" */
    char audit_head[128];    /* "seq:hash" of the signing kiosk's audit trail */
    char since[11];          /* cumulative totals since this day, "" for none */
    char signer[32];         /* the kiosk whose key signs ("" = kiosk) */
    /* a report cut for one site of a mobile unit: "" every application, REPORT_SITE_STATION
     * those taken at the station itself, else the site's name (in the summary and, as
     * "_dd-<8 hex of its SHA-256>", in the directory's name) */
    char site[APP_SITE_NAME_SIZE];
};
#define REPORT_SITE_STATION "-"
/* "_dd-<8 hex>" for a site cut, "" for none. */
void report_site_suffix(const char *site, char out[16]);
/* A plain code for file names and manifest lines: [A-Za-z0-9._-], 1..max-1 chars. */
int report_code_ok(const char *s, size_t max);

/* --- totals ------------------------------------------------------------------------------ */
#define REPORT_GROUPS_MAX 256
struct report_group {
    char key[160];
    long counts[APP_STATUS_COUNT];
    long total;
};
struct report_totals {
    long counts[APP_STATUS_COUNT];
    long total;
    struct report_group *officers, *sites, *kiosks; /* owned */
    size_t n_officers, n_sites, n_kiosks;
    long overdue;
    long cumulative[APP_STATUS_COUNT]; /* since ident.since, when given */
    long cumulative_total;
    int has_cumulative;
};
int report_totals_init(struct report_totals *t);
int report_totals_add(struct report_totals *t, const struct report_row *r, int64_t now_ms);
void report_totals_free(struct report_totals *t);

/* --- the writer: every file of a report from rows given one by one ----------------------- */
struct report_writer;
/* Opens a fresh temporary directory for the period under <root>/<station>/ (created when
 * missing, refused when a symlink or not a directory) and the list files in it. */
int report_writer_open(struct report_writer **out, const char *root, const struct report_ident *id,
                       const struct report_period *p, int merged, int64_t now_ms, char *err,
                       size_t errlen);
int report_writer_row(struct report_writer *w, const struct report_row *r);
/* Cumulative counts (since id->since) to print in the summary. */
void report_writer_cumulative(struct report_writer *w, const long counts[APP_STATUS_COUNT]);
/* Closes the lists, writes the summary and the signed manifest, fsyncs, renames into place.
 * final_dir (may be NULL) gets the path of the report. */
int report_writer_finish(struct report_writer *w, const struct seal_keys *keys, char *final_dir,
                         size_t final_len, char *err, size_t errlen);
/* Removes the temporary directory and frees (also after finish). */
void report_writer_free(struct report_writer *w);
long report_writer_rows(const struct report_writer *w);

/* The cells of the list, as strings (the CSV, the xlsx and the JSON use the same). */
#define REPORT_COLUMNS 14
extern const char *const report_col_header[REPORT_COLUMNS];
extern const char *const report_col_key[REPORT_COLUMNS];

/* Mẫu số 02 as .xlsx (report_xlsx.c). */
struct report_xlsx;
int report_xlsx_open(struct report_xlsx **out, const char *path, const char *tmpdir,
                     const struct report_ident *id, const struct report_period *p, int64_t now_ms);
int report_xlsx_row(struct report_xlsx *x, long stt, const struct report_row *r);
int report_xlsx_close(struct report_xlsx *x, long rows); /* writes the file; frees x */

/* --- the directory on the stick (report_dir.c) ----------------------------------------- */
struct report_dir {
    int station_fd; /* <root>/<station>, opened O_NOFOLLOW */
    int tmp_fd;     /* the fresh temporary directory inside it */
    char station_path[4096];
    char tmp_name[80];
    char final_name[EXPORT_NAME_SIZE + 16];
};
/* Opens <root>/<station>/ (created 0700 when missing; a symlink, FIFO, device or file there
 * is refused) and creates a fresh hidden temporary directory in it. */
int report_dir_open(struct report_dir *d, const char *root, const char *station,
                    const char *final_name, char *err, size_t errlen);
/* Creates name in the temporary directory (O_CREAT|O_EXCL|O_NOFOLLOW, 0600): the fd. */
int report_dir_create(struct report_dir *d, const char *name, int *fd);
/* fsyncs the temporary directory and renames it to final_name, replacing an older export of
 * the period (a symlink or non-directory there is refused). final_path gets the path. */
int report_dir_commit(struct report_dir *d, char *final_path, size_t final_len, char *err,
                      size_t errlen);
/* Removes the temporary directory (when not committed) and closes. */
void report_dir_close(struct report_dir *d);
/* The catalogue's sentence (MSGD_EXPORT) for errno e while writing what to the stick, in
 * Vietnamese, with what to do next. */
int report_io_err(char *err, size_t errlen, int e, const char *what);
/* The same for a part of the report named by its code (the catalogue's words for it). */
int report_io_err_part(char *err, size_t errlen, int e, enum export_part part);
/* Opens name in dirfd for reading, refusing symlinks and anything but a regular file (a FIFO
 * never blocks). The fd, or a negative EXPORT_* code. */
int report_open_regular(int dirfd, const char *name);

/* Writes the signed manifest of the files already written and fsynced in d's temporary
 * directory (format in report_manifest.c): manifest.txt, manifest.sig, sign.pub. Also the
 * manifest of a hand-over bundle (kiosk/field/bundle.h). */
int report_manifest_write(struct report_dir *d, const struct report_ident *id,
                          const struct report_period *p, int merged, int64_t now_ms,
                          const struct seal_keys *keys, const char *const *files, int n_files,
                          char *err, size_t errlen);

/* --- the store side --------------------------------------------------------------------- */
struct report_request {
    const char *root; /* the stick (or folder) */
    struct report_period period;
    const char *supervisor_id;
    const char *preparer_id; /* NULL: the supervisor */
    const char *since;       /* NULL: no cumulative totals */
    const char *station_code, *station_name, *kiosk_id;
    /* NULL every application; REPORT_SITE_STATION those taken at the station; else only those
     * taken at this site (a cut report has no cumulative totals: since is ignored) */
    const char *site;
};
/* Writes the report of the period from the store, audited ("export.report"); the manifest
 * carries the audit head after that row's predecessor. */
int report_export(struct store *st, const struct report_request *rq, int64_t now_ms,
                  char *final_dir, size_t final_len, char *err, size_t errlen);
/* The audit head bound into manifests ("seq:hash"). One function, so that the keyed head
 * replaces the plain one in one line. */
int report_audit_head(struct store *st, char *out, size_t size);

/* --- verification against known keys ---------------------------------------------------- */
#define REPORT_KEYRING_MAX 256
struct report_key {
    unsigned char pk[SEAL_SIGN_PK_BYTES];
    char station[16];
    char kiosk[32];
};
struct report_keyring {
    struct report_key keys[REPORT_KEYRING_MAX];
    int n;
};
/* Keyring file: one key a line "<64 hex Ed25519 public key> <station code> <kiosk id>",
 * '#' comments and blank lines allowed (what `kiosk export key` prints). */
int report_keyring_load(struct report_keyring *kr, const char *path, char *err, size_t errlen);
int report_keyring_add(struct report_keyring *kr, const unsigned char pk[SEAL_SIGN_PK_BYTES],
                       const char *station, const char *kiosk);
/* "SHA256:<hex>" of a public key. */
void report_fingerprint(const unsigned char pk[SEAL_SIGN_PK_BYTES], char out[72]);

struct report_info {
    int version;
    struct report_period period;
    struct report_ident ident;
    char created[21];
    char fingerprint[72];
    char signer_kiosk[32]; /* the kiosk whose key signed (the merging kiosk for a merge) */
    int merged;
    char files[EXPORT_MAX_FILES][EXPORT_FILE_NAME_MAX + 1];
    int n_files;
};
/* Checks dir's manifest signature against the keyring (the key whose station and kiosk the
 * manifest names, or for a merged report the signer's), then every file. 0, or EXPORT_EBADSIG
 * (no known key signed it), EXPORT_ETAMPERED, EXPORT_EMISSING, EXPORT_EFORMAT, EXPORT_EIO. */
int report_verify(const char *dir, const struct report_keyring *kr, struct report_info *info,
                  char *err, size_t errlen);

/* --- merging kiosks' reports of one period ----------------------------------------------- */
/* Verifies each source against kr, checks they are of one station and period, refuses a
 * kiosk twice, an application twice, or a kiosk of the keyring's station missing; then writes
 * the station report under <out_root>/<station>/toan-tram-<period>/ signed by keys. by gives
 * the merging side: station name, supervisor (id, full name), signer kiosk, audit head. */
int report_merge(const char *const *dirs, int n_dirs, const struct report_keyring *kr,
                 const char *out_root, const struct report_ident *by, const struct seal_keys *keys,
                 int64_t now_ms, char *final_dir, size_t final_len, char *err, size_t errlen);

/* --- the supervisor's dashboard --------------------------------------------------------- */
#define REPORT_DASH_OFFICERS 12
struct report_dash {
    char today[11];
    struct report_period week;
    long today_counts[APP_STATUS_COUNT], today_total;
    long week_counts[APP_STATUS_COUNT], week_total;
    long waiting;           /* queued + uploading */
    int64_t oldest_waiting; /* created time of the oldest waiting, 0 when none */
    long overdue;           /* no result after EXPORT_DEADLINE_WORKING_DAYS working days */
    long rejected_open;     /* rejected, not redone */
    struct {
        char id[APP_OFFICER_SIZE];
        long today, week;
    } officers[REPORT_DASH_OFFICERS];
    int n_officers;
};
int report_dash_load(struct store *st, int64_t now_ms, struct report_dash *d);

#endif
