/* export_waiting.h: the waiting banner (issue 15): what this kiosk still holds that the
 * upstream has not received — how many applications, how old the oldest is, and which will
 * miss the deadline (EXPORT_DEADLINE_WORKING_DAYS working days after queuing, the rule of
 * export_is_overdue and ../shared/domain.md: ≤ 3 working days with a chip card) unless
 * delivered or handed over today — and what was handed over on a USB stick and not yet
 * confirmed. Counted at the time the caller gives: the trusted time
 * (clock_guard_trusted_now), so a clock stepped in the field moves no deadline. Shown on the
 * home screen, by `kiosk queue` and `kiosk field status`. No personal data: short numbers. */
#ifndef KIOSK_EXPORT_WAITING_H
#define KIOSK_EXPORT_WAITING_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/store/store.h"

#define EXPORT_WAITING_LISTED 8

struct export_waiting_item {
    char short_no[APP_SHORT_NO_SIZE];
    char id[APP_ID_SIZE];
    int64_t since_ms;  /* queued */
    int working_days;  /* working days since, at now_ms */
    char bundle[80];   /* handed over in (the handed list) */
    int64_t handed_at; /* when (the handed list) */
};

struct export_waiting {
    int64_t now_ms;
    /* still only on this kiosk: neither delivered nor handed over */
    long waiting;
    int64_t oldest_ms; /* when the oldest of them was queued, 0 none */
    long due_today;    /* today is the last working day of their deadline */
    long overdue;      /* past it already */
    /* the due today then the overdue ones, oldest first, up to EXPORT_WAITING_LISTED */
    struct export_waiting_item late[EXPORT_WAITING_LISTED];
    int n_late;
    /* handed over on a stick, not yet confirmed by the upstream */
    long handed;
    struct export_waiting_item handed_list[EXPORT_WAITING_LISTED];
    int n_handed;
};

/* Fills w from st at now_ms. 0 or a store_err. */
int export_waiting(struct store *st, int64_t now_ms, struct export_waiting *w);
/* The age of something since since_ms at now_ms in words: "3 ngày", "5 giờ", "dưới 1 giờ"
 * (english: "3 days", "5 hours", "under an hour"). */
void export_waiting_age(int64_t since_ms, int64_t now_ms, int english, char *out, size_t n);

#endif
