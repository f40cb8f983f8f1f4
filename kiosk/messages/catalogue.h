/* catalogue.h: the shape of the per-language tables of kiosk/messages (catalogue_vi.c,
 * catalogue_en.c); only messages.c and the tests read them directly. */
#ifndef KIOSK_MESSAGES_CATALOGUE_H
#define KIOSK_MESSAGES_CATALOGUE_H

#include <stddef.h>

#include "kiosk/messages/messages.h"

struct catalogue_row {
    int code;
    const char *text;
};

/* One domain's rows in one language; fallback is said for a code that has no row (a code
 * from a newer driver, or garbage), never NULL. */
struct catalogue_domain {
    const struct catalogue_row *rows;
    size_t n;
    const char *fallback;
};

extern const struct catalogue_domain catalogue_vi[MSGD_COUNT];
/* The touchscreen's labels (labels_vi.c, labels_en.c), one row per code of labels.h. */
extern const struct catalogue_row labels_vi_ui[UI_S_COUNT - 1];
extern const struct catalogue_row labels_en_ui[UI_S_COUNT - 1];
extern const struct catalogue_row labels_vi_ui_after[UI_AS_COUNT];
extern const struct catalogue_row labels_en_ui_after[UI_AS_COUNT];
extern const struct catalogue_row labels_vi_cli[CLI_T_COUNT - 1];
extern const struct catalogue_row labels_en_cli[CLI_T_COUNT - 1];
extern const struct catalogue_row labels_vi_ui_reports[UI_RS_COUNT];
extern const struct catalogue_row labels_en_ui_reports[UI_RS_COUNT];
extern const struct catalogue_row labels_vi_site_kind[SITE_KIND_COUNT];
extern const struct catalogue_row labels_en_site_kind[SITE_KIND_COUNT];
extern const struct catalogue_domain catalogue_en[MSGD_COUNT];

#endif
