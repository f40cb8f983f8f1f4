/* bundle.h: hand-over by USB stick for mobile units without a network.
 *
 * On the mobile kiosk, bundle_export() writes every application waiting to go, exactly as
 * its sync would upload it, to <root>/<station>/ban-giao_<kiosk>_<YYYYMMDD-HHMMSS>/:
 *   ho-so-ban-giao.dat   per application: the application document (the POST body of
 *                        sync/PROTOCOL.md §2.1) then the sealed payload, back to back
 *   ho-so-ban-giao.idx   "kiosk-bundle 1", then one line per application:
 *                        "<id> <payload sha256> <doc offset> <doc length> <payload offset>
 *                        <payload length>" (offsets into the .dat)
 *   audit.anchor         "<seq>:<hash>" the audit head anchored at the export
 *   manifest.txt, manifest.sig, sign.pub   the report manifest (kiosk/export/report.h),
 *                        signed with the kiosk's Ed25519 key, binding station, kiosk, time,
 *                        officer, audit head and each file's SHA-256
 * written like the reports (report_dir.c: fresh temporary directory, O_EXCL|O_NOFOLLOW,
 * fsync, rename), then marks them "handed over, not yet confirmed" (store_handover.h). They
 * stay in its outbox: its own sync later confirms them (the upstream answers a known
 * application with the same receipt, without the payload being sent again), and a lost
 * stick loses nothing.
 *
 * On a connected kiosk of the same station, bundle_import() verifies the bundle against the
 * station keyring (report_verify: the key registered for the station and kiosk the manifest
 * names, then every file), then delivers each application upstream through the sync protocol
 * (sync_deliver_handed), recording progress in its own store so a cut import resumes. Each
 * application reaches the upstream exactly once: the upstream keys it by id and refuses
 * another payload under the same id. Each item is checked again as it is read (document id,
 * digest and length against the index; the payload's SHA-256), so a stick changed after the
 * verification cannot slip other bytes in.
 *
 * Messages (err) are Vietnamese sentences with the next step, no personal data. */
#ifndef KIOSK_FIELD_BUNDLE_H
#define KIOSK_FIELD_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/config/config.h"
#include "kiosk/export/report.h"
#include "kiosk/store/store.h"
#include "sync/sync.h"

#define BUNDLE_DATA   "ho-so-ban-giao.dat"
#define BUNDLE_INDEX  "ho-so-ban-giao.idx"
#define BUNDLE_ANCHOR "audit.anchor"
#define BUNDLE_MAGIC  "kiosk-bundle 1"
#define BUNDLE_PREFIX "ban-giao_"

struct bundle_export_result {
    char dir[4200]; /* the bundle's directory */
    char name[EXPORT_NAME_SIZE];
    long count;       /* applications written */
    long long bytes;  /* bytes of the .dat */
    char anchor[100]; /* the audit anchor written */
};
/* Errors are EXPORT_* (export_strerror). officer (may be NULL) is recorded in the manifest
 * and the audit row. */
int bundle_export(struct store *st, const struct config *cfg, const char *root, const char *officer,
                  int64_t now_ms, struct bundle_export_result *res, char *err, size_t errlen);

struct bundle_import_result {
    char origin[32]; /* the kiosk that made the bundle */
    char name[EXPORT_NAME_SIZE];
    struct sync_handed_report rep;
    int sync_rc; /* the sync's code when the delivery stopped (0 when it finished) */
    /* the status bundle written back on the stick (bundle_status_write) once every
     * application is answered: its directory, or status_rc (EXPORT_*) and status_err */
    char status_dir[4200];
    int status_rc;
    char status_err[400];
};
/* Verifies dir against kr and delivers it through cfg's upstream with st recording progress.
 * 0 when every application of the bundle is confirmed upstream (now or before); EXPORT_* when
 * the bundle is refused (nothing sent); EXPORT_EIO when it could not be read to the end or
 * the upstream could not be reached (the next import resumes). */
int bundle_import(struct store *st, const struct config *cfg, const struct sync_opts *o,
                  const char *dir, const struct report_keyring *kr,
                  struct bundle_import_result *res, char *err, size_t errlen);

/* --- the status bundle: the upstream's answers back to the mobile kiosk on the stick -------
 * When the station kiosk has imported a bundle, it writes beside it, on the same stick,
 * <root>/<station>/trang-thai_<bundle name>/ with
 *   trang-thai.txt   "kiosk-bundle-status 1", then "bundle <name>", "origin <mobile kiosk>",
 *                    "station <code>", "by <importing kiosk>", then one line per application
 *                    answered: "<id> submitted <receipt JSON in hex>" or "<id> failed <the
 *                    upstream's refusal in hex>"
 *   manifest.txt, manifest.sig, sign.pub   the report manifest signed with the importing
 *                    kiosk's key (as the bundle's own manifest is with the mobile kiosk's)
 * The mobile kiosk (kiosk bundle statuses DIR --keyring FILE) verifies it against the station
 * keyring, refuses it when another kiosk's (origin) or another station's, and applies each
 * answer exactly once: a receipt closes the outbox row as its own sync would (submitted, then
 * purged under retention like a synced one), a refusal raises the same notice; an application
 * its own sync already confirmed is left alone, and the same file applied again changes
 * nothing (recorded, audited "bundle.statuses"). */
#define BUNDLE_STATUS_FILE   "trang-thai.txt"
#define BUNDLE_STATUS_MAGIC  "kiosk-bundle-status 1"
#define BUNDLE_STATUS_PREFIX "trang-thai_"

/* Writes the status bundle of bundle (made by origin) for the n ids (n*APP_ID_SIZE) from
 * st's records, beside bundle_dir. 0 with out_dir filled, or EXPORT_* with err. */
int bundle_status_write(struct store *st, const struct config *cfg, const char *bundle_dir,
                        const char *bundle, const char *origin, const char *ids, long n,
                        int64_t now_ms, char *out_dir, size_t out_len, char *err, size_t errlen);

struct bundle_status_result {
    char bundle[EXPORT_NAME_SIZE];
    char by[32];  /* the kiosk that signed it */
    long items;   /* answers in the file */
    long applied; /* answers applied now */
    long already; /* already known here (own sync, or this file before) */
    long unknown; /* for applications this kiosk never handed over: ignored */
    int replayed; /* the same file was applied before: nothing done */
};
/* The status bundles on a stick for this kiosk's bundles: root itself when it is one, else
 * root/trang-thai_ban-giao_<kiosk>_* and root/<station>/trang-thai_ban-giao_<kiosk>_*, in
 * name (time) order, up to max paths of size 4200 each. The count, or -1 when root cannot be
 * read. */
int bundle_status_find(const char *root, const struct config *cfg, char (*dirs)[4200], int max);
/* Verifies dir (a trang-thai_… directory) against kr and applies it to st. 0, or EXPORT_*
 * with a Vietnamese sentence in err (tampered, unknown signer, another kiosk's or station's). */
int bundle_status_apply(struct store *st, const struct config *cfg, const char *dir,
                        const struct report_keyring *kr, int64_t now_ms,
                        struct bundle_status_result *res, char *err, size_t errlen);

#endif
