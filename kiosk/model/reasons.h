/* reasons.h: the upstream's rejection reasons in the officer's words.
 *
 * The upstream sends a reason code ([A-Za-z0-9._-], sync/PROTOCOL.md §3) and its own text.
 * The officer needs neither a machine code nor the upstream's wording, but a plain sentence
 * saying what was wrong and what to do next, in Vietnamese (English second). The catalogue
 * maps each known code to such a pair; an unknown code falls back to the upstream's text with
 * the general next step. Codes are matched case-insensitively, and a code with a suffix
 * ("PHOTO_QUALITY.EYES") takes its family's entry. */
#ifndef KIOSK_REASONS_H
#define KIOSK_REASONS_H

#include "kiosk/model/msg.h"

struct reason_text {
    const char *what; /* what was wrong, a whole sentence */
    const char *next; /* what the officer does next, a whole sentence */
    int redo;         /* 1 when the citizen must come back for a new application */
};

/* The officer's sentences for code in lang. Never NULL members; for an unknown code "what"
 * is upstream_text when it is non-empty (else a general sentence). */
struct reason_text reason_lookup(const char *code, const char *upstream_text, enum msg_lang lang);
/* A status as VNeID shows it (../shared/terms-vi.md): "Chờ gửi", "Đã gửi xử lý hồ sơ",
 * "Hồ sơ không đạt", "Đã tạo lại hồ sơ"... */
const char *status_label(int status, enum msg_lang lang);
/* 1 when code is in the catalogue. */
int reason_known(const char *code);

#endif
