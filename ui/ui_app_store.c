/* ui_app_store.c: the controller's store side: today's count and notices for the home
 * screen, the queue listing, the supervisor's export (folders offered, the export call,
 * the day), and the receipt of the application just queued. Quick queries only: the UI
 * thread never waits long here (the export is the supervisor's explicit, one-off action). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/export/export_waiting.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_field.h"
#include "kiosk/store/store_handover.h"
#include "kiosk/workflow/clock_guard.h"
#include "ui/ui_app_int.h"
#include "ui/ui_receipt.h"

void ui_app_refresh_home(struct ui_app *a)
{
    char today[11];
    time_day(a->now_ms, today);
    long counts[APP_STATUS_COUNT] = {0};
    a->v.today_count = 0;
    if (a->st && store_count_by_status(a->st, today, counts) == 0)
        for (int i = APP_QUEUED; i < APP_STATUS_COUNT; i++)
            a->v.today_count += counts[i];
    struct store_notice n[UI_VIEW_NOTICES];
    int k = a->st ? store_notices(a->st, n, UI_VIEW_NOTICES) : 0;
    a->v.n_notices = 0;
    for (int i = 0; i < k; i++) {
        struct ui_view_notice *vn = &a->v.notices[a->v.n_notices++];
        snprintf(vn->kind, sizeof(vn->kind), "%s", n[i].kind);
        snprintf(vn->app_id, sizeof(vn->app_id), "%s", n[i].app_id);
        time_local_display(n[i].at, vn->when);
        /* the officer recognises a citizen by name and short number, not by a UUID */
        struct application app;
        vn->who[0] = 0;
        if (n[i].personal_id[0]) /* an incident: the card the supervisor should look into */
            snprintf(vn->who, sizeof(vn->who), "%s %s", ui_str(UI_S_F_PID, a->lang),
                     n[i].personal_id);
        else if (n[i].app_id[0] && store_load(a->st, n[i].app_id, &app) == 0) {
            snprintf(vn->who, sizeof(vn->who), "%s  %.150s", app.short_no, app.identity.full_name);
            app_wipe(&app);
        }
    }
    if (a->st && !a->v.sync.known) {
        long pending = 0;
        if (store_outbox_pending(a->st, &pending) == 0)
            a->v.sync.pending = pending;
    }
    /* a mobile unit: what it handed over on a stick, and where it works today */
    long handed = 0;
    struct app_site site;
    a->v.sync.handed_over = a->st && store_handover_unconfirmed(a->st, &handed) == 0 ? handed : 0;
    a->v.sync.site[0] = '\0';
    if (a->st && store_field_current(a->st, &site) == 1)
        snprintf(a->v.sync.site, sizeof a->v.sync.site, "%.95s", site.name);
    ui_app_field_refresh(a);
    ui_app_refresh_waiting(a);
    ui_app_after_refresh_count(a);
    a->home_refreshed_ms = a->now_ms;
}

void ui_app_refresh_waiting(struct ui_app *a)
{
    struct ui_wait_view *wv = &a->v.wait;
    static struct export_waiting w; /* the UI thread's only */
    memset(wv, 0, sizeof *wv);
    if (!a->st)
        return;
    /* deadlines on the trusted time: a clock stepped in the field moves none */
    int trusted = 0;
    int64_t now = clock_guard_trusted_now(a->st, runner_clock(a->r), &trusted);
    if (export_waiting(a->st, now, &w) != 0)
        return;
    wv->known = 1;
    wv->trusted = trusted;
    wv->now_ms = now;
    wv->waiting = w.waiting;
    wv->oldest_ms = w.oldest_ms;
    wv->due_today = w.due_today;
    wv->overdue = w.overdue;
    for (int i = 0; i < w.n_late && i < UI_WAIT_LISTED; i++)
        snprintf(wv->late[wv->n_late++], APP_SHORT_NO_SIZE, "%s", w.late[i].short_no);
    wv->handed = w.handed;
    for (int i = 0; i < w.n_handed && i < UI_WAIT_LISTED; i++)
        snprintf(wv->handed_list[wv->n_handed++], APP_SHORT_NO_SIZE, "%s",
                 w.handed_list[i].short_no);
}

static int ui_row_cb(const struct store_row *row, void *arg)
{
    struct ui_view *v = arg;
    if (v->n_rows >= UI_VIEW_ROWS)
        return 1;
    struct ui_view_row *r = &v->rows[v->n_rows++];
    snprintf(r->id, sizeof(r->id), "%s", row->id);
    snprintf(r->name, sizeof(r->name), "%s", row->identity.full_name);
    snprintf(r->pid, sizeof(r->pid), "%s", row->identity.personal_id);
    time_local_display(row->created_at, r->when);
    r->status = row->status;
    return 0;
}

void ui_app_refresh_queue(struct ui_app *a)
{
    char today[11];
    time_day(a->now_ms, today);
    explicit_bzero(a->v.rows, sizeof(a->v.rows));
    a->v.n_rows = 0;
    struct store_query q = {.day = a->v.queue_all ? NULL : today,
                            .status = -1,
                            .search = a->v.search[0] ? a->v.search : NULL,
                            .limit = UI_VIEW_ROWS,
                            .newest_first = 1};
    if (a->st)
        store_list(a->st, &q, ui_row_cb, &a->v);
}

static void ui_add_dir(struct ui_view *v, const char *path)
{
    struct stat sb;
    if (v->n_export_dirs >= UI_EXPORT_DIRS || stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return;
    for (int i = 0; i < v->n_export_dirs; i++)
        if (strcmp(v->export_dirs[i], path) == 0)
            return;
    snprintf(v->export_dirs[v->n_export_dirs++], sizeof(v->export_dirs[0]), "%s", path);
}

/* USB sticks appear under /media/<user>/<label> or /run/media/<user>/<label> (udisks) or
 * /media/<label> (usbmount); the kiosk's own export folder is always offered last. */
void ui_app_scan_export_dirs(struct ui_app *a)
{
    struct ui_view *v = &a->v;
    v->n_export_dirs = 0;
    static const char *const roots[] = {"/media", "/run/media"};
    for (size_t r = 0; r < sizeof(roots) / sizeof(roots[0]); r++) {
        DIR *dir = opendir(roots[r]);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir)) && v->n_export_dirs < 3) {
            if (e->d_name[0] == '.')
                continue;
            char p[512];
            snprintf(p, sizeof(p), "%s/%s", roots[r], e->d_name);
            DIR *sub = opendir(p);
            int found = 0;
            struct dirent *s;
            while (sub && (s = readdir(sub)) && v->n_export_dirs < 3) {
                if (s->d_name[0] == '.')
                    continue;
                char q[800];
                snprintf(q, sizeof(q), "%s/%s", p, s->d_name);
                int before = v->n_export_dirs;
                ui_add_dir(v, q);
                found |= v->n_export_dirs > before;
            }
            if (sub)
                closedir(sub);
            if (!found && strcmp(roots[r], "/media") == 0)
                ui_add_dir(v, p);
        }
        closedir(dir);
    }
    char own[CONFIG_PATH_SIZE + 16];
    snprintf(own, sizeof(own), "%s/export", a->cfg->data_dir);
    mkdir(own, 0700);
    ui_add_dir(v, own);
    if (v->export_sel >= v->n_export_dirs)
        v->export_sel = 0;
}

static void ui_receipt_dir(const struct ui_app *a, char *dir, size_t size)
{
    if (a->o.receipt_dir)
        snprintf(dir, size, "%s", a->o.receipt_dir);
    else
        snprintf(dir, size, "%s/receipts", a->cfg->data_dir);
}

void ui_app_prune_receipts(struct ui_app *a, int64_t now_ms)
{
    char dir[CONFIG_PATH_SIZE + 16];
    ui_receipt_dir(a, dir, sizeof(dir));
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".png") != 0)
            continue;
        char path[CONFIG_PATH_SIZE + 16 + 256];
        struct stat sb;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
            (int64_t)sb.st_mtime * 1000 < now_ms - UI_RECEIPT_KEEP_MS)
            unlink(path);
    }
    closedir(d);
}

void ui_app_write_receipt(struct ui_app *a)
{
    const struct application *app = wf_app(runner_wf(a->r));
    SDL_Surface *qr = NULL;
    if (ui_receipt_qr(app->id, 6, &qr) == 0) {
        ui_tex_set_surface(a->d, UI_TEX_QR, qr);
        SDL_FreeSurface(qr);
    }
    /* the printed receipt goes to CUPS from memory: no receipt with the citizen's name is
     * written to the kiosk's disk (the QR code above is on the screen only) */
    a->receipt_path[0] = 0;
    a->v.receipt_msg[0] = 0;
    a->v.receipt_ok = 0;
    if (ui_print_start(a, app) != 0)
        snprintf(a->v.receipt_msg, sizeof a->v.receipt_msg, ui_astr(UI_AS_NOT_PRINTED, a->lang),
                 "out of memory");
}

/* The supervisor's export on the store worker: the report is read with the worker's own
 * connection and its files written, synced and signed there, off the UI thread; the screen
 * keeps its Export button disabled until the result comes back. */
struct ui_export_job {
    struct store_job job;
    ui_export_fn fn;
    char day[11], dir[256], period[8], actor[APP_OFFICER_SIZE];
    char out[600];
    int rc;
};

static void ui_export_run(struct store *st, struct store_job *job)
{
    struct ui_export_job *j = (struct ui_export_job *)job;
    j->rc = j->fn(st, j->day, j->dir, j->period, j->actor, j->out, sizeof j->out);
}

static void ui_export_done(struct store_job *job)
{
    struct ui_export_job *j = (struct ui_export_job *)job;
    struct ui_app *a = job->owner;
    a->export_job = NULL;
    a->v.exporting = 0;
    a->v.export_ok = j->rc == 0;
    snprintf(a->v.export_msg, sizeof(a->v.export_msg), "%s %s",
             ui_rs(j->rc == 0 ? UI_RS_EXPORT_OK : UI_RS_EXPORT_FAILED, a->lang), j->out);
    free(j);
    ui_app_export_free(a);
}

void ui_app_export(struct ui_app *a)
{
    if (a->export_job)
        return; /* one at a time */
    a->v.export_ok = 0;
    if (!a->o.export_fn) {
        snprintf(a->v.export_msg, sizeof(a->v.export_msg), "%s",
                 ui_str(UI_S_EXPORT_UNAVAILABLE, a->lang));
        return;
    }
    if (a->v.export_sel < 0 || a->v.export_sel >= a->v.n_export_dirs)
        return;
    struct ui_export_job *j = calloc(1, sizeof *j);
    if (!j)
        return;
    j->job.run = ui_export_run;
    j->job.done = ui_export_done;
    j->job.owner = a;
    j->fn = a->o.export_fn;
    /* the export function writes <dir>/<station>/<period>/ and names it in out */
    snprintf(j->day, sizeof j->day, "%s", a->v.export_day);
    snprintf(j->dir, sizeof j->dir, "%s", a->v.export_dirs[a->v.export_sel]);
    snprintf(j->period, sizeof j->period, "%s", a->v.export_week ? "week" : "day");
    snprintf(j->actor, sizeof j->actor, "%s", a->officer_id);
    a->v.export_msg[0] = 0;
    a->v.exporting = 1;
    a->export_job = j;
    store_worker_submit(a->worker, a->st, &j->job); /* without a worker: done at once */
}

void ui_app_export_wait(struct ui_app *a)
{
    if (a->export_job)
        store_worker_wait(a->worker, &a->export_job->job);
}

void ui_app_shift_day(struct ui_app *a, int days)
{
    int64_t t = time_day_start(a->v.export_day);
    if (t < 0)
        t = a->now_ms;
    t += (int64_t)days * 86400000LL + 3600000LL; /* into the day, away from its edge */
    if (t > a->now_ms)
        return;
    time_day(t, a->v.export_day);
}
