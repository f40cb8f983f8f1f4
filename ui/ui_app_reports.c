/* ui_app_reports.c: the controller's side of the supervisor's screens.
 *
 * The dashboard's numbers come from report_dash_load() (kiosk/export/report.h), the same
 * counts the reports print, and are refreshed every UI_HOME_REFRESH_MS while the dashboard is
 * shown (the store queries read the day index and the open statuses: a few ms). The export
 * dialog offers the folders ui_app_scan_export_dirs() finds (mounted removable media first),
 * each with its free space (statvfs), the period in words and the kiosk's signing
 * fingerprint, which a district compares with its station keyring. */
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "kiosk/export/report.h"
#include "kiosk/model/timefmt.h"
#include "ui/ui_app_int.h"

void ui_app_refresh_dashboard(struct ui_app *a)
{
    struct ui_dash_view *v = &a->v.dash;
    struct report_dash d;
    a->dash_refreshed_ms = a->now_ms;
    memset(v, 0, sizeof *v);
    if (!a->st || report_dash_load(a->st, a->now_ms, &d) != 0)
        return;
    v->loaded = 1;
    memcpy(v->today, d.today_counts, sizeof v->today);
    memcpy(v->week, d.week_counts, sizeof v->week);
    v->today_total = d.today_total;
    v->week_total = d.week_total;
    report_period_label(&d.week, v->week_label);
    v->waiting = d.waiting;
    v->overdue = d.overdue;
    v->rejected_open = d.rejected_open;
    if (d.oldest_waiting > 0)
        time_local_display(d.oldest_waiting, v->oldest);
    for (int i = 0; i < d.n_officers && i < UI_DASH_OFFICERS; i++) {
        snprintf(v->officers[i].id, sizeof v->officers[i].id, "%s", d.officers[i].id);
        v->officers[i].today = d.officers[i].today;
        v->officers[i].week = d.officers[i].week;
        v->n_officers++;
    }
    time_local_display(a->now_ms, v->updated);
}

void ui_app_export_free(struct ui_app *a)
{
    struct ui_view *v = &a->v;
    for (int i = 0; i < UI_EXPORT_DIRS; i++) {
        struct statvfs s;
        v->export_free[i][0] = '\0';
        if (i >= v->n_export_dirs || statvfs(v->export_dirs[i], &s) != 0)
            continue;
        double mb = (double)s.f_bavail * (double)s.f_frsize / (1024.0 * 1024.0);
        if (mb >= 1024.0)
            snprintf(v->export_free[i], sizeof v->export_free[i], "%.1f GB", mb / 1024.0);
        else
            snprintf(v->export_free[i], sizeof v->export_free[i], "%.0f MB", mb);
    }
}

void ui_app_export_period(struct ui_app *a)
{
    struct ui_view *v = &a->v;
    struct report_period p;
    int rc = v->export_week ? report_period_week(v->export_day, &p)
                            : report_period_day(v->export_day, &p);
    if (rc == 0)
        report_period_label(&p, v->export_period);
    else
        snprintf(v->export_period, sizeof v->export_period, "%s", v->export_day);
}

void ui_app_export_setup(struct ui_app *a)
{
    struct ui_view *v = &a->v;
    time_day(a->now_ms, v->export_day);
    v->export_msg[0] = 0;
    ui_app_scan_export_dirs(a);
    ui_app_export_free(a);
    ui_app_export_period(a);
    v->sign_fingerprint[0] = '\0';
    if (a->st) {
        /* in groups of 8 hex digits, so that it wraps on the screen and reads aloud */
        char fpr[72];
        size_t o = 0;
        report_fingerprint(store_keys(a->st)->sign_pk, fpr);
        for (size_t i = 0; fpr[i] && o + 2 < sizeof v->sign_fingerprint; i++) {
            if (i > 7 && (i - 7) % 8 == 0)
                v->sign_fingerprint[o++] = ' ';
            v->sign_fingerprint[o++] = fpr[i];
        }
        v->sign_fingerprint[o] = '\0';
    }
}
