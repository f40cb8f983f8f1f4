/* app_json.h: an application to and from JSON.
 *
 * Two documents, both UTF-8 JSON:
 *  - the envelope: everything but the biometric images (id, station, officer, times,
 *    identity with source and verdict, chip report, contact, consent, quality reports,
 *    finger list with exceptions, status). It is what the store encrypts as the personal
 *    record and what the sync protocol sends as metadata.
 *  - the biometric payload of the first protocol (format 1): portrait, chip face and finger
 *    images (base64) and the chip's raw signed data (chip_evidence: EF.SOD, DG1, DG13, DG14,
 *    DG15, the DG2 hash, the AA transcript), the document that was sealed to the upstream's
 *    key until schema 9; the kiosk now writes the binary format 2 (app_payload.h), whose
 *    header carries the same chip_evidence. Both are still read.
 * Parsing is strict: wrong types, oversize strings and unknown enum names are refused. */
#ifndef KIOSK_APP_JSON_H
#define KIOSK_APP_JSON_H

#include "kiosk/model/application.h"

/* Returns a newly allocated JSON text (caller frees), or NULL on allocation failure. */
char *app_envelope_to_json(const struct application *app);
char *app_payload_to_json(const struct application *app);

/* The chip evidence alone as the payload carries it (sync/PROTOCOL.md §2.4): a JSON object,
 * or null when no chip was read. Caller wipes and frees; NULL on allocation failure. */
char *app_evidence_to_json(const struct app_chip_evidence *ev);

/* Fills the fields the envelope carries into *app (which should be app_init'ed).
 * 0, or -1 with a short reason in err (may be NULL). */
int app_envelope_from_json(const char *json, struct application *app, char *err, size_t errlen);
/* Fills the biometric images from a payload document. */
int app_payload_from_json(const char *json, struct application *app, char *err, size_t errlen);

/* The identity object alone (used by the card reader's --json output and the QR path). */
char *app_identity_to_json(const struct app_identity *id);
int app_identity_from_json(const char *json, struct app_identity *id, char *err, size_t errlen);

#endif
