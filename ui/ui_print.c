/* ui_print.c: the receipt's print job, off the UI thread. Rendering the PDF (cairo) and
 * handing it to CUPS (libcups) take from a tenth of a second to the print server's time-out,
 * so a worker thread does both and pushes UI_EV_PRINT to SDL's queue when it is done (the
 * event names the app, so one that left meanwhile ignores it); meanwhile the screens show the
 * printing state and the reprint button waits. One job at a time. The thread touches neither the
 * store nor the view: the controller audits the job and shows its result when the event comes back
 * (ui_print_finish). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/receipt/receipt.h"
#include "ui/ui_app_int.h"

struct ui_print_job {
    struct ui_app *owner; /* the event's tag only: the thread never dereferences it */
    pthread_t thread;
    int threaded;
    struct receipt_info info; /* personal data: wiped once rendered */
    enum receipt_paper paper;
    char printer[128];
    char title[64];
    char app_id[APP_ID_SIZE];
    /* the result */
    int rc;
    int job_id;
    char err[160];
};

/* When the upstream confirmed it (the first "submitted" of its history), 0 = not yet. */
int64_t ui_app_delivered_at(struct store *st, const char *id)
{
    struct store_history h[32];
    int n = st ? store_history(st, id, h, 32) : 0;
    for (int i = 0; i < n; i++)
        if (h[i].status == APP_SUBMITTED)
            return h[i].at;
    return 0;
}

static void *print_main(void *arg)
{
    struct ui_print_job *j = arg;
    unsigned char *pdf = NULL;
    size_t len = 0;
    snprintf(j->err, sizeof j->err, "%s", "render");
    j->rc = receipt_render_pdf(&j->info, j->paper, LANG_VI, &pdf, &len);
    explicit_bzero(&j->info, sizeof j->info);
    if (j->rc == 0) {
        j->rc = receipt_print(j->printer, pdf, len, j->title, &j->job_id, j->err, sizeof j->err);
        explicit_bzero(pdf, len);
        free(pdf);
    }
    if (j->threaded)
        ui_post_print_done(j->owner);
    return NULL;
}

int ui_print_start(struct ui_app *a, const struct application *app)
{
    ui_print_finish(a); /* the previous job first: one at a time */
    struct ui_print_job *j = calloc(1, sizeof *j);
    if (!j)
        return -1;
    char officer_name[128] = "";
    struct store_officer o[32];
    int k = a->st ? store_officer_list(a->st, o, 32) : 0;
    for (int i = 0; i < k; i++)
        if (strcmp(o[i].id, app->officer) == 0)
            snprintf(officer_name, sizeof officer_name, "%s", o[i].name);
    receipt_info_from_app(app, ui_app_delivered_at(a->st, app->id), a->cfg->station_name,
                          officer_name, a->cfg->receipt_call_centre, &j->info);
    j->paper = RECEIPT_ROLL80;
    receipt_paper_parse(a->cfg->receipt_paper, &j->paper);
    snprintf(j->printer, sizeof j->printer, "%s", a->cfg->receipt_printer);
    snprintf(j->title, sizeof j->title, "receipt-%.36s", app->id);
    snprintf(j->app_id, sizeof j->app_id, "%s", app->id);
    j->owner = a;
    j->threaded = 1;
    a->print_job = j;
    a->v.printing = 1;
    if (pthread_create(&j->thread, NULL, print_main, j) != 0) {
        /* no thread to be had: print here, the screen waits this once */
        j->threaded = 0;
        print_main(j);
        ui_print_finish(a);
    }
    return 0;
}

void ui_print_finish(struct ui_app *a)
{
    struct ui_print_job *j = a->print_job;
    if (!j)
        return;
    if (j->threaded)
        pthread_join(j->thread, NULL);
    a->print_job = NULL;
    a->v.printing = 0;
    char msg[200];
    if (j->rc == 0) {
        snprintf(msg, sizeof msg, "%s", ui_astr(UI_AS_PRINTED, a->lang));
        if (a->st)
            store_audit(a->st, a->officer_id[0] ? a->officer_id : "kiosk", "receipt.print",
                        j->app_id, NULL, a->now_ms);
    } else {
        snprintf(msg, sizeof msg, ui_astr(UI_AS_NOT_PRINTED, a->lang), j->err);
    }
    /* the result goes to the screen that asked for it, if it still shows that application */
    const struct application *cur = wf_app(runner_wf(a->r));
    if (wf_state(runner_wf(a->r)) == WF_QUEUED && strcmp(cur->id, j->app_id) == 0) {
        snprintf(a->v.receipt_msg, sizeof a->v.receipt_msg, "%.159s", msg);
        a->v.receipt_ok = j->rc == 0;
    }
    if (strcmp(a->after.id, j->app_id) == 0) {
        snprintf(a->after.msg, sizeof a->after.msg, "%s", msg);
        a->after.msg_error = j->rc != 0;
    }
    explicit_bzero(j, sizeof *j);
    free(j);
}
