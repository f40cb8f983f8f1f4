/* sync_proto.h: the sync protocol's documents (sync/PROTOCOL.md), built and parsed.
 *
 * The parsers take the upstream's answer bytes (untrusted) and fill a fixed-size struct:
 * every string is length-checked and character-checked before it is copied, numbers are
 * range-checked, unknown members are ignored, and anything else is refused with -1. They
 * touch no store, file or network (fuzz target: tests/fuzz/fuzz_sync_proto.c). */
#ifndef SYNC_SYNC_PROTO_H
#define SYNC_SYNC_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/model/application.h"

#define SYNC_TOKEN_SIZE   128  /* upload token, as the store keeps it */
#define SYNC_RECEIPT_SIZE 1024 /* the receipt document kept with the application */
#define SYNC_CURSOR_SIZE  64

/* The POST body for one application: {"id","station","kiosk","envelope":{...},
 * "payload_sha256","payload_length"}. envelope_json must be a JSON object. Caller frees;
 * NULL when envelope_json is not an object or memory ran out. */
char *sync_proto_application(const char *id, const char *station, const char *kiosk,
                             const char *envelope_json, const char *digest, size_t payload_len);

/* An answer to POST /v1/applications or PATCH /v1/uploads/<token>. */
struct sync_answer {
    enum { SYNC_ANS_AWAITING = 1, SYNC_ANS_RECEIVED, SYNC_ANS_ERROR } kind;
    char token[SYNC_TOKEN_SIZE];     /* AWAITING from POST: the upload token */
    int64_t offset;                  /* AWAITING, or ERROR offset_mismatch: confirmed bytes */
    char receipt[SYNC_RECEIPT_SIZE]; /* RECEIVED: the whole answer, compact */
    char digest[65];                 /* RECEIVED: what the server computed */
    char error[32];                  /* ERROR: the code ("offset_mismatch", "conflict"...) */
    char message[160];               /* ERROR: the server's words, printable ASCII only */
};
/* 0, or -1 when the text is not such an answer (or a RECEIVED one names another id). */
int sync_proto_answer(const char *text, size_t len, const char *id, struct sync_answer *out);

/* One status change of GET /v1/status. */
struct sync_change {
    char seq[SYNC_CURSOR_SIZE]; /* the cursor that resumes right after this change */
    char id[APP_ID_SIZE];
    enum app_status status;
    char reason_code[32];
    char reason[256]; /* UTF-8 as sent (validated), control characters refused */
    int64_t at;
};
#define SYNC_MAX_CHANGES 1000 /* per page */
/* Calls cb for each change in order (cb returns non-zero to stop: then 1 is returned);
 * cursor gets the page's cursor, *more whether another page waits. 0, 1, or -1 when
 * the text is not a status page (cb may have been called for the changes before). */
int sync_proto_status(const char *text, size_t len, int (*cb)(const struct sync_change *, void *),
                      void *arg, char cursor[SYNC_CURSOR_SIZE], int *more);

#endif
