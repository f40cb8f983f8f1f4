/* messages.h: the message catalogue. Drivers and parsers return codes; this part words each
 * (domain, code) for the officer, in Vietnamese (terms-vi.md) or English, as a sentence that
 * says what went wrong and what to do next. Device workers post codes; the UI thread and the
 * commands look the text up here when they show it. One table per language
 * (catalogue_vi.c, catalogue_en.c); tests/messages/test_catalogue walks MESSAGE_DOMAINS and
 * fails on any code without text in either language. */
#ifndef KIOSK_MESSAGES_H
#define KIOSK_MESSAGES_H

#include <stdarg.h>
#include <stddef.h>

#include "drivers/camera/camera.h"
#include "drivers/camera/portrait.h"
#include "drivers/card/card.h"
#include "drivers/card/card_identity.h"
#include "drivers/card/cccd_qr.h"
#include "drivers/card/emrtd_dg.h"
#include "drivers/card/emrtd_pa.h"
#include "drivers/card/emrtd_sod.h"
#include "drivers/card/emrtd_verify.h"
#include "drivers/card/mrz.h"
#include "drivers/card/reader.h"
#include "drivers/card/tlv.h"
#include "drivers/fingerprint/fingerprint.h"
#include "kiosk/messages/labels.h"
#include "kiosk/model/approval_reasons.h"
#include "kiosk/model/msg.h"
#include "kiosk/model/msg_export.h"
#include "kiosk/model/reasons.h"

/* Sentences the catalogue composes from other entries (domain MSGD_FORMAT). */
#define MSG_FORMAT_CODES(X) X(MSG_FORMAT_DISAGREEMENT, 0) /* "%s: %s differs from %s" */
enum msg_format { MSG_FORMAT_CODES(MSG_CODE_ENUM) };

#define CARD_SOURCE_CODES(X) X(CARD_SRC_DG1, 0) X(CARD_SRC_DG13, 1) X(CARD_SRC_QR, 2)

/* Every domain with its key and its code list: X(DOMAIN, "key", CODES). */
#define MESSAGE_DOMAINS(X)                                                                         \
    X(MSGD_CORE, "core", MSG_CODES)                                                                \
    X(MSGD_TLV, "tlv", TLV_CODES)                                                                  \
    X(MSGD_MRZ, "mrz", MRZ_CODES)                                                                  \
    X(MSGD_READER, "reader", READER_CODES)                                                         \
    X(MSGD_CARD, "card", CARD_CODES)                                                               \
    X(MSGD_DG, "dg", DG_CODES)                                                                     \
    X(MSGD_SOD, "sod", SOD_CODES)                                                                  \
    X(MSGD_PA, "pa", PA_CODES)                                                                     \
    X(MSGD_VERIFY_REASON, "verify_reason", VERIFY_REASON_CODES)                                    \
    X(MSGD_IDENTITY, "identity", CID_CODES)                                                        \
    X(MSGD_CARD_FIELD, "card_field", CARD_FIELD_CODES)                                             \
    X(MSGD_CARD_SOURCE, "card_source", CARD_SOURCE_CODES)                                          \
    X(MSGD_FORMAT, "format", MSG_FORMAT_CODES)                                                     \
    X(MSGD_QR, "qr", QR_CODES)                                                                     \
    X(MSGD_CAMERA, "camera", CAMERA_CODES)                                                         \
    X(MSGD_PORTRAIT, "portrait", PORTRAIT_CHECK_CODES)                                             \
    X(MSGD_FPR, "fpr", FPR_CODES)                                                                  \
    X(MSGD_FPR_STATE, "fpr_state", FPR_STATE_CODES)                                                \
    X(MSGD_UI, "ui", UI_LABEL_CODES)                                                               \
    X(MSGD_UI_AFTER, "ui_after", UI_AFTER_LABEL_CODES)                                             \
    X(MSGD_REASON, "reason", REASON_CODES)                                                         \
    X(MSGD_REASON_NEXT, "reason_next", REASON_CODES)                                               \
    X(MSGD_APPROVAL_REASON, "approval_reason", APPROVAL_REASON_CODES)                              \
    X(MSGD_EXPORT, "export", EXPORT_MSG_CODES)                                                     \
    X(MSGD_FIELD, "field", FIELD_MSG_CODES)                                                        \
    X(MSGD_EXPORT_PART, "export_part", EXPORT_PART_CODES)                                          \
    X(MSGD_CLI, "cli", CLI_LABEL_CODES)                                                            \
    X(MSGD_SITE_KIND, "site_kind", SITE_KIND_CODES)                                                \
    X(MSGD_UI_REPORTS, "ui_reports", UI_REPORTS_LABEL_CODES)

/* The core message id in lang (never NULL): messages_text(MSGD_CORE, id, lang). */
const char *msg_text(enum msg_id id, enum msg_lang lang);
/* The sentence for code in domain d (never NULL; "" for MSGD_NONE and for a state or hint
 * domain's unknown code, else the domain's general sentence). */
const char *messages_text(enum msg_domain d, int code, enum msg_lang lang);
/* 1 when the table of lang has a row of its own for (d, code). */
int messages_has_text(enum msg_domain d, int code, enum msg_lang lang);
/* The sentence for (d, code) formatted with the arguments into buf (never overflowing;
 * returns buf). The caller gives proto, the conversions it passes in order ("%s%ld"), which
 * the compiler checks against the arguments; the sentence is used only when its conversions
 * are proto's (tests/messages/test_catalogue holds both languages to the same ones), else buf
 * gets "<domain>.<code>: " and the arguments formatted by proto, never a wrong read. */
const char *messages_format(char *buf, size_t size, enum msg_domain d, int code, enum msg_lang lang,
                            const char *proto, ...) __attribute__((format(printf, 6, 7)));
const char *messages_vformat(char *buf, size_t size, enum msg_domain d, int code,
                             enum msg_lang lang, const char *proto, va_list ap)
    __attribute__((format(printf, 6, 0)));
/* The printf conversions of s in order ("%ld%s"; "%%" left out) into out. */
void messages_conversions(const char *s, char *out, size_t size);
/* "card", "fpr"... ("?" out of range). */
const char *messages_domain_key(enum msg_domain d);

/* A chip verdict's reason key ("aa_failed"...) worded for the officer. */
const char *messages_verify_reason(const char *key, enum msg_lang lang);
/* "Name: chip (DG13) differs from QR code" into buf; returns buf. */
const char *messages_disagreement(const struct card_disagreement *d, enum msg_lang lang, char *buf,
                                  size_t size);
/* The hint of the first failing quality check of r, or NULL when every check passes. */
const char *messages_portrait_hint(const struct portrait_report *r, enum msg_lang lang);

/* An upstream rejection in the officer's words: what was wrong, what to do next. */
struct reason_text {
    const char *what; /* what was wrong, a whole sentence */
    const char *next; /* what the officer does next, a whole sentence */
    int redo;         /* 1 when the citizen must come back for a new application */
};
/* The officer's sentences for the upstream's reason code in lang (kiosk/model/reasons.h
 * parses it). Never NULL members; for an unknown code "what" is upstream_text when it is
 * non-empty (else the general sentence). */
struct reason_text reason_lookup(const char *code, const char *upstream_text, enum msg_lang lang);
/* A status (enum app_status) as VNeID and the screens show it (terms-vi.md): "Chờ gửi", "Đã
 * gửi xử lý hồ sơ", "Hồ sơ không đạt", "Đã tạo lại hồ sơ"...; "" out of range. */
const char *status_label(int status, enum msg_lang lang);
/* The officer's words for an approval's reason key (e.g. "chip_damaged", the policy's:
 * kiosk/model/approval_reasons.h), in lang; the key itself when unknown. */
const char *pol_reason_text(const char *code, enum msg_lang lang);
/* The words of a site kind's key ("thon_ap": "Thôn/ấp"), "" for an unknown key. */
const char *messages_site_kind(const char *kind, enum msg_lang lang);

#endif
