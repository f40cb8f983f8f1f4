/* card_evidence.h: what a card read keeps of the chip's own signed data so that the upstream
 * can check the verdict again on its own (sync/PROTOCOL.md §2.4): the raw EF.SOD, DG1, DG13,
 * DG14 and DG15 as read, the SHA-256 of DG2 and the Active Authentication transcript.
 *
 * The files are moved out of the read (no copy: the read is not slowed); only DG2 is hashed,
 * since the payload already carries the portrait it holds. The AA challenge is derived from
 * the application id, so a transcript recorded for one application proves nothing for
 * another. Ownership: everything lands in a struct app_chip_evidence (app_evidence_wipe). */
#ifndef DRIVERS_CARD_CARD_EVIDENCE_H
#define DRIVERS_CARD_CARD_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_aa.h"
#include "drivers/card/emrtd_read.h"
#include "kiosk/model/application.h"

/* The label hashed before the application id (PROTOCOL.md §2.4). */
#define CARD_AA_CHALLENGE_LABEL "kiosk-aa-challenge/v1"

/* The 8-byte AA challenge for application app_id: the first 8 bytes of
 * SHA-256(CARD_AA_CHALLENGE_LABEL || 0x00 || app_id). 0, or -1 when app_id is empty. */
int card_evidence_challenge(const char *app_id, uint8_t out[8]);

/* Moves f's bytes into *dst (f is left empty; nothing is copied). */
void card_evidence_take(struct app_blob *dst, struct emrtd_file *f);

/* The SHA-256 of the whole DG2 file as read. 0 or -1. */
int card_evidence_dg2_hash(struct app_chip_evidence *ev, const uint8_t *dg2, size_t len);

/* The AA outcome name and, when the chip answered, its transcript (tr may be NULL).
 * 0 or -1 (memory). */
int card_evidence_aa(struct app_chip_evidence *ev, const char *outcome,
                     const struct emrtd_aa_transcript *tr);

#endif
