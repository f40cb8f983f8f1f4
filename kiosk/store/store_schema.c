/* store_schema.c: the store's versioned migrations.
 *
 * PRAGMA user_version is the schema version. Each migration runs in one transaction with
 * the version bump, so a file is always at exactly one version. Migrations are append-only:
 * a shipped one is never edited, a new one is added at the end. */
#include "kiosk/store/store_internal.h"
#include "kiosk/store/store_recall.h"

#include <stdio.h>

/* guidance_visits' columns: migration 5 made the table, 6 makes it where 5 ran without it */
#define GUIDANCE_VISITS_COLUMNS                                                                    \
    "  seq INTEGER PRIMARY KEY,"                                                                   \
    "  at INTEGER NOT NULL,"                                                                       \
    "  day TEXT NOT NULL,"                                                                         \
    "  officer TEXT NOT NULL,"                                                                     \
    "  kind TEXT NOT NULL CHECK (kind IN ('no_card', 'lost_card', 'under_14'))"                    \
    ");"

static const char *const migrations[] = {
    /* 1: the first schema */
    "CREATE TABLE applications ("
    "  id TEXT PRIMARY KEY,"
    "  created_at INTEGER NOT NULL,"
    "  day TEXT NOT NULL," /* local day created, YYYY-MM-DD */
    "  queued_at INTEGER,"
    "  updated_at INTEGER NOT NULL,"
    "  station TEXT NOT NULL,"
    "  officer TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  reason_code TEXT,"
    "  reason TEXT,"
    "  pid_index TEXT NOT NULL," /* keyed hash of the personal ID */
    "  personal BLOB,"           /* secretbox(row JSON: identity, contact); NULL purged */
    "  envelope BLOB,"           /* secretbox(envelope JSON); NULL purged */
    "  biometrics BLOB,"         /* secretbox(payload sealed to the upstream); NULL purged */
    "  payload_digest TEXT NOT NULL,"
    "  purged INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX applications_day ON applications(day, created_at);"
    "CREATE INDEX applications_pid ON applications(pid_index);"
    "CREATE INDEX applications_status ON applications(status);"
    "CREATE TABLE status_history ("
    "  seq INTEGER PRIMARY KEY,"
    "  app_id TEXT NOT NULL REFERENCES applications(id),"
    "  status TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  reason TEXT"
    ");"
    "CREATE INDEX status_history_app ON status_history(app_id, seq);"
    "CREATE TABLE outbox ("
    "  app_id TEXT PRIMARY KEY REFERENCES applications(id),"
    "  state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_at INTEGER NOT NULL,"
    "  last_error TEXT,"
    "  receipt TEXT"
    ");"
    "CREATE INDEX outbox_due ON outbox(state, next_at);"
    "CREATE TABLE officers ("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor')),"
    "  pin_hash TEXT NOT NULL,"
    "  disabled INTEGER NOT NULL DEFAULT 0,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  locked_until INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE audit ("
    "  seq INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  app_id TEXT,"
    "  detail TEXT,"
    "  prev_hash TEXT NOT NULL,"
    "  hash TEXT NOT NULL"
    ");"
    "CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);",

    /* 2: resumable uploads and officer notices */
    "ALTER TABLE outbox ADD COLUMN upload_token TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE outbox ADD COLUMN upload_offset INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE notices ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  app_id TEXT REFERENCES applications(id),"
    "  kind TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  closed_at INTEGER,"
    "  closed_by TEXT"
    ");"
    "CREATE INDEX notices_open ON notices(closed_at, at);",

    /* 3: the sealed biometrics in their own table, so that a status change rewrites a row of
     * a few hundred bytes instead of one carrying the ~150 KB payload (flash wear on the
     * appliance, and WAL size) */
    "CREATE TABLE biometrics ("
    "  app_id TEXT PRIMARY KEY REFERENCES applications(id),"
    "  sealed BLOB NOT NULL" /* secretbox(payload sealed to the upstream) */
    ");"
    "INSERT INTO biometrics (app_id, sealed) SELECT id, biometrics FROM applications "
    "WHERE biometrics IS NOT NULL;"
    "ALTER TABLE applications DROP COLUMN biometrics;",

    /* 4: fields bound to their rows (AEAD, re-encrypted by store_reseal_legacy), the audit
     * chain keyed (store_audit_rekey), escalating lockouts, peppered PIN hashes */
    "ALTER TABLE officers ADD COLUMN lock_count INTEGER NOT NULL DEFAULT 0;",

    /* 5: after the first visit: the short number, the phone's keyed hash (search, shared
     * numbers), the redo link, the recall worklist's marks and closings, phone corrections
     * and their delivery. Rows from before get short numbers and phone hashes from
     * store_recall_backfill() (it needs the keys), in the same transaction. */
    "ALTER TABLE applications ADD COLUMN short_no TEXT;"
    "ALTER TABLE applications ADD COLUMN phone_index TEXT;"
    "ALTER TABLE applications ADD COLUMN redo_of TEXT;"
    "CREATE UNIQUE INDEX applications_short ON applications(short_no);"
    "CREATE INDEX applications_phone ON applications(phone_index);"
    "CREATE TABLE recall_marks ("
    "  seq INTEGER PRIMARY KEY,"
    "  app_id TEXT NOT NULL REFERENCES applications(id),"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  mark TEXT NOT NULL CHECK (mark IN ('called', 'no_answer', 'appointment', 'returned')),"
    "  appointment TEXT"
    ");"
    "CREATE INDEX recall_marks_app ON recall_marks(app_id, seq);"
    "CREATE TABLE recall_closed ("
    "  app_id TEXT PRIMARY KEY REFERENCES applications(id),"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  redo_id TEXT"
    ");"
    "CREATE TABLE phone_corrections ("
    "  id TEXT PRIMARY KEY,"
    "  app_id TEXT NOT NULL REFERENCES applications(id),"
    "  created_at INTEGER NOT NULL,"
    "  officer TEXT NOT NULL,"
    "  approver TEXT NOT NULL,"
    "  detail BLOB NOT NULL," /* secretbox({old, new, reason}) */
    "  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_at INTEGER NOT NULL,"
    "  delivered_at INTEGER,"
    "  last_error TEXT"
    ");"
    "CREATE INDEX phone_corrections_due ON phone_corrections(state, next_at);"
    "CREATE INDEX phone_corrections_app ON phone_corrections(app_id);"
    /* visits that end in guidance instead of an application: no chip card, a lost card, a
     * child under 14 (counted for the supervisor's reports; no personal data) */
    "CREATE TABLE guidance_visits (" GUIDANCE_VISITS_COLUMNS
    "CREATE INDEX guidance_visits_day ON guidance_visits(day, kind);",

    /* 6: an incident (a forged chip) names the card's personal ID for the supervisor,
     * encrypted and bound to its notice like every personal field. guidance_visits was added
     * to migration 5 after stores had reached version 5: such a store gets it here. */
    "ALTER TABLE notices ADD COLUMN sealed BLOB;"
    "CREATE TABLE IF NOT EXISTS guidance_visits (" GUIDANCE_VISITS_COLUMNS
    "CREATE INDEX IF NOT EXISTS guidance_visits_day ON guidance_visits(day, kind);",

    /* 7: hand-over by USB stick (kiosk/field/bundle.h). handover_out: on the mobile kiosk,
     * each application written to a bundle, "handed over, not yet confirmed" until its own
     * sync brings the receipt. handover_in: on the station kiosk that imports a bundle, how
     * far each handed-over application got upstream, so a cut import resumes. */
    "CREATE TABLE IF NOT EXISTS handover_out ("
    "  app_id TEXT PRIMARY KEY REFERENCES applications(id),"
    "  bundle TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  times INTEGER NOT NULL DEFAULT 1"
    ");"
    "CREATE TABLE IF NOT EXISTS handover_in ("
    "  app_id TEXT PRIMARY KEY,"
    "  digest TEXT NOT NULL,"
    "  origin TEXT NOT NULL,"
    "  bundle TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),"
    "  upload_token TEXT NOT NULL DEFAULT '',"
    "  upload_offset INTEGER NOT NULL DEFAULT 0,"
    "  receipt TEXT,"
    "  last_error TEXT,"
    "  at INTEGER NOT NULL"
    ");",

    /* 8: a mobile unit's field session (kiosk/store/store_field.h): the site each application
     * was taken at (a place, not personal data: kept plain for the lists and reports), and
     * the sites the kiosk knows */
    "ALTER TABLE applications ADD COLUMN site TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE IF NOT EXISTS field_sites ("
    "  name TEXT PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  commune TEXT NOT NULL,"
    "  last_used INTEGER NOT NULL"
    ");",

    /* 9: the payload's format (kiosk/model/app_payload.h) and how it is bound to its row.
     * format 1 (rows queued before): the JSON payload sealed to the upstream, encrypted again
     * for the disk bound to its row (AEAD), delivered as it is. format 2: the binary payload
     * sealed to the upstream and kept as sealed (the kiosk cannot open it either), bound to
     * its row by its SHA-256: the row's payload_digest, and the detail of the keyed audit row
     * audit_seq (app.queue of this application), checked before it is sent. */
    "ALTER TABLE biometrics ADD COLUMN format INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE biometrics ADD COLUMN audit_seq INTEGER;",
};
/* what SQL alone cannot do, run inside the same transaction after a migration's SQL */
static int after_migration(struct store *st, int version)
{
    int rc;
    if (version == 4 && ((rc = store_reseal_legacy(st)) != 0 || (rc = store_audit_rekey(st)) != 0))
        return rc;
    if (version == 5 && (rc = store_recall_backfill(st)) != 0)
        return rc;
    return 0;
}
#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int store_schema_version(void)
{
    return NMIGRATIONS;
}

int store_file_version(struct store *st)
{
    sqlite3_stmt *s;
    int v = -1;
    if (store_prepare(st, "PRAGMA user_version", &s) != 0)
        return -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

int store_migrate_to(struct store *st, int to)
{
    int v = store_file_version(st);
    if (v < 0)
        return STORE_EIO;
    if (v > NMIGRATIONS)
        return STORE_ECORRUPT; /* written by a newer build: do not touch */
    for (; v < to && v < NMIGRATIONS; v++) {
        char bump[64];
        /* not store_begin: no statement is kept for a file opened only to migrate it */
        int rc = store_exec(st, "BEGIN IMMEDIATE");
        if (rc)
            return rc;
        snprintf(bump, sizeof(bump), "PRAGMA user_version = %d", v + 1);
        if ((rc = store_exec(st, migrations[v])) != 0 || (rc = after_migration(st, v + 1)) != 0 ||
            (rc = store_exec(st, bump)) != 0 || (rc = store_exec(st, "COMMIT")) != 0) {
            store_rollback(st);
            return rc;
        }
    }
    return 0;
}

int store_migrate(struct store *st)
{
    return store_migrate_to(st, NMIGRATIONS);
}
