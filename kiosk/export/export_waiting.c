/* export_waiting.c: the waiting banner's figures (export_waiting.h). */
#include "kiosk/export/export_waiting.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/export/export.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_handover.h"

struct walk {
    struct export_waiting *w;
    /* the due today and the overdue ones, listed apart then joined (due first) */
    struct export_waiting_item due[EXPORT_WAITING_LISTED], over[EXPORT_WAITING_LISTED];
    int n_due, n_over;
};

static void item_fill(struct export_waiting_item *it, const struct store_waiting *sw, int wd)
{
    memset(it, 0, sizeof *it);
    snprintf(it->short_no, sizeof it->short_no, "%s", sw->short_no);
    snprintf(it->id, sizeof it->id, "%s", sw->id);
    it->since_ms = sw->since_ms;
    it->working_days = wd;
    snprintf(it->bundle, sizeof it->bundle, "%s", sw->bundle);
    it->handed_at = sw->handed_at;
}

static int each(const struct store_waiting *sw, void *arg)
{
    struct walk *k = arg;
    struct export_waiting *w = k->w;
    int wd = time_working_days_between(sw->since_ms, w->now_ms);
    if (sw->bundle[0]) { /* on a stick: on its way, confirmed later */
        if (w->n_handed < EXPORT_WAITING_LISTED)
            item_fill(&w->handed_list[w->n_handed++], sw, wd);
        w->handed++;
        return 0;
    }
    if (w->waiting++ == 0)
        w->oldest_ms = sw->since_ms;
    if (wd == EXPORT_DEADLINE_WORKING_DAYS) {
        if (k->n_due < EXPORT_WAITING_LISTED)
            item_fill(&k->due[k->n_due++], sw, wd);
        w->due_today++;
    } else if (wd > EXPORT_DEADLINE_WORKING_DAYS) {
        if (k->n_over < EXPORT_WAITING_LISTED)
            item_fill(&k->over[k->n_over++], sw, wd);
        w->overdue++;
    }
    return 0;
}

int export_waiting(struct store *st, int64_t now_ms, struct export_waiting *w)
{
    struct walk k;
    memset(w, 0, sizeof *w);
    memset(&k, 0, sizeof k);
    w->now_ms = now_ms;
    k.w = w;
    int rc = store_waiting_each(st, each, &k);
    if (rc != 0)
        return rc;
    for (int i = 0; i < k.n_due && w->n_late < EXPORT_WAITING_LISTED; i++)
        w->late[w->n_late++] = k.due[i];
    for (int i = 0; i < k.n_over && w->n_late < EXPORT_WAITING_LISTED; i++)
        w->late[w->n_late++] = k.over[i];
    return 0;
}

void export_waiting_age(int64_t since_ms, int64_t now_ms, int english, char *out, size_t n)
{
    int64_t age = now_ms > since_ms ? now_ms - since_ms : 0;
    long days = (long)(age / 86400000LL), hours = (long)(age / 3600000LL);
    enum msg_lang lang = english ? LANG_EN : LANG_VI;
    if (days >= 1)
        messages_format(out, n, MSGD_EXPORT, days == 1 ? EXPORT_M_AGE_DAY : EXPORT_M_AGE_DAYS, lang,
                        "%ld", days);
    else if (hours >= 1)
        messages_format(out, n, MSGD_EXPORT, hours == 1 ? EXPORT_M_AGE_HOUR : EXPORT_M_AGE_HOURS,
                        lang, "%ld", hours);
    else
        snprintf(out, n, "%s", messages_text(MSGD_EXPORT, EXPORT_M_AGE_UNDER_HOUR, lang));
}
