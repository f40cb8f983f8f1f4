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
};
/* Verifies dir against kr and delivers it through cfg's upstream with st recording progress.
 * 0 when every application of the bundle is confirmed upstream (now or before); EXPORT_* when
 * the bundle is refused (nothing sent); EXPORT_EIO when it could not be read to the end or
 * the upstream could not be reached (the next import resumes). */
int bundle_import(struct store *st, const struct config *cfg, const struct sync_opts *o,
                  const char *dir, const struct report_keyring *kr,
                  struct bundle_import_result *res, char *err, size_t errlen);

#endif
