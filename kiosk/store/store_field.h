/* store_field.h: a mobile unit's field session: the site where the kiosk works
 * today (a hamlet's cultural house, a company in an industrial zone, a school...), its kind
 * and commune, chosen from the sites it knows or typed once. While a session is open every
 * application queued records its site (struct app_site: in the envelope, hence upstream, and
 * plain in the store for the lists and the reports cut per site). Opening and closing are
 * audited ("field.open", "field.close"). */
#ifndef KIOSK_STORE_FIELD_H
#define KIOSK_STORE_FIELD_H

#include "kiosk/store/store.h"

/* Opens a session at site (name required, kind one of app_site_kinds, commune may be ""),
 * replacing any open one; the site joins the known ones. STORE_EINVAL for a bad site. */
int store_field_open(struct store *st, const struct app_site *site, const char *officer,
                     int64_t now_ms);
/* Closes the open session (none open: 0). */
int store_field_close(struct store *st, const char *officer, int64_t now_ms);
/* 1 with *out the open session's site, 0 when none is open (out emptied), < 0 error. */
int store_field_current(struct store *st, struct app_site *out);
/* The sites known, last used first: up to max; the count or < 0. */
int store_field_sites(struct store *st, struct app_site *out, int max);

#endif
