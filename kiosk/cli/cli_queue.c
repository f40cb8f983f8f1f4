/* cli_queue.c: `kiosk queue`: the applications of a day (or all), with their status. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/cli/commands.h"
#include "kiosk/model/timefmt.h"

struct queue_out {
    int json;
    json_t *arr;
    long n;
};

/* Prints s padded to width columns: one column per character (NFC text, so each
 * Vietnamese letter with its marks is one code point), not per byte. */
static void print_padded(const char *s, int width)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        cols += (*p & 0xC0) != 0x80;
    fputs(s, stdout);
    for (; cols < width; cols++)
        putchar(' ');
}

static int print_row(const struct store_row *r, void *arg)
{
    struct queue_out *q = arg;
    char when[17], dob[11];
    time_local_display(r->queued_at ? r->queued_at : r->created_at, when);
    time_iso_to_vn(r->identity.dob, dob);
    q->n++;
    if (q->json) {
        json_array_append_new(
            q->arr,
            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s}", "id", r->id,
                      "status", app_status_name(r->status), "queued", when, "officer", r->officer,
                      "personal_id", r->identity.personal_id, "full_name", r->identity.full_name,
                      "dob", r->identity.dob, "reason_code", r->reason_code, "reason", r->reason,
                      "purged", r->purged, "short_no", r->short_no, "site", r->site));
        return 0;
    }
    printf("%-16s  %-36s  %-10s  %s  %-12s  ", r->short_no[0] ? r->short_no : "-", r->id,
           app_status_name(r->status), when, r->purged ? "(purged)" : r->identity.personal_id);
    print_padded(r->identity.full_name, 30);
    /* a mobile unit's field session names the site */
    printf("  %s%s%s%s%s\n", dob, r->site[0] ? "  @ " : "", r->site, r->reason[0] ? "  — " : "",
           r->reason);
    return 0;
}

int cli_queue(struct cli_ctx *c, int argc, char **argv)
{
    struct store_query q = {.status = -1};
    struct queue_out out = {0};
    char today[11];
    int all = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--day") == 0 && i + 1 < argc) {
            q.day = argv[++i];
            if (time_day_start(q.day) < 0)
                return cli_fail("--day %s: not a date YYYY-MM-DD", q.day);
        } else if (strcmp(argv[i], "--status") == 0 && i + 1 < argc) {
            enum app_status s;
            if (app_status_parse(argv[++i], &s) != 0)
                return cli_fail("--status %s: one of draft, queued, uploading, submitted, "
                                "processing, approved, rejected, redo",
                                argv[i]);
            q.status = (int)s;
        } else if (strcmp(argv[i], "--search") == 0 && i + 1 < argc) {
            q.search = argv[++i];
        } else if (strcmp(argv[i], "--site") == 0 && i + 1 < argc) {
            const char *site = argv[++i]; /* "-": taken at the station itself */
            q.site = strcmp(site, "-") == 0 ? "" : site;
        } else if (strcmp(argv[i], "--all") == 0) {
            all = 1;
        } else if (strcmp(argv[i], "--json") == 0) {
            out.json = 1;
        } else {
            fprintf(stderr, "usage: kiosk queue [--day YYYY-MM-DD | --all] [--status S] "
                            "[--search TEXT] [--site NAME|-] [--json]\n");
            return 2;
        }
    }
    if (!q.day && !all && !q.search) {
        time_day(time_now_ms(), today);
        q.day = today;
    }
    if (cli_open_store(c))
        return 1;
    out.arr = json_array();
    int rc = store_list(c->st, &q, print_row, &out);
    if (rc) {
        json_decref(out.arr);
        return cli_fail("%s", store_strerror(rc));
    }
    if (out.json) {
        char *s = json_dumps(out.arr, JSON_INDENT(2));
        puts(s ? s : "[]");
        free(s);
    } else {
        long pending = 0;
        store_outbox_pending(c->st, &pending);
        if (cli_print_waiting(c, 0) != 0) {
            json_decref(out.arr);
            return 1;
        }
        printf("%ld application(s)%s%s; %ld waiting for upload\n", out.n, q.day ? " on " : "",
               q.day ? q.day : "", pending);
    }
    json_decref(out.arr);
    return 0;
}
