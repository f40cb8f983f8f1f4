/* bench_receipt_pdf.c: rendering a receipt PDF in memory (cairo), A4 and 80 mm roll: p50 and
 * p99 over 100 renders each, after a first (cold: fontconfig's cache) render reported apart.
 * Target <= 200 ms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/receipt/receipt.h"

#define RENDERS 100

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void result(const char *name, double v, double limit)
{
    printf("bench: %s %.1f ms target <= %g %s\n", name, v, limit, v <= limit ? "MET" : "MISSED");
}

int main(void)
{
    struct receipt_info r;
    memset(&r, 0, sizeof r);
    snprintf(r.short_no, sizeof r.short_no, "HN0101-0212-017");
    snprintf(r.app_id, sizeof r.app_id, "01936f3e-8a2b-7c4d-9e5f-0a1b2c3d4e5f");
    snprintf(r.full_name, sizeof r.full_name, "Nguyễn Thị Hường");
    snprintf(r.personal_id, sizeof r.personal_id, "001190012345");
    snprintf(r.phone, sizeof r.phone, "0987654321");
    snprintf(r.station_name, sizeof r.station_name, "Công an phường Phúc Xá");
    snprintf(r.officer_name, sizeof r.officer_name, "Trần Văn Bình");
    snprintf(r.call_centre, sizeof r.call_centre, "1900 0368");
    r.queued_at = 1796177160000LL;
    r.delivered_at = r.queued_at + 60000;
    static const enum receipt_paper papers[] = {RECEIPT_A4, RECEIPT_ROLL80};
    static const char *const names[] = {"receipt_pdf_a4", "receipt_pdf_80mm"};
    static double lat[RENDERS];
    for (int p = 0; p < 2; p++) {
        for (int i = -1; i < RENDERS; i++) {
            unsigned char *pdf = NULL;
            size_t len = 0;
            double a = now_ms();
            if (receipt_render_pdf(&r, papers[p], LANG_VI, &pdf, &len) != 0) {
                fprintf(stderr, "bench_receipt_pdf: render failed\n");
                return 1;
            }
            double t = now_ms() - a;
            free(pdf);
            if (i < 0) {
                if (p == 0)
                    printf("# first render (cold fontconfig and font cache): %.1f ms, %zu bytes\n",
                           t, len);
                continue;
            }
            lat[i] = t;
        }
        qsort(lat, RENDERS, sizeof lat[0], cmp);
        char n50[64], n99[64];
        snprintf(n50, sizeof n50, "%s_p50", names[p]);
        snprintf(n99, sizeof n99, "%s_p99", names[p]);
        result(n50, lat[RENDERS / 2 - 1], 200);
        result(n99, lat[RENDERS * 99 / 100 - 1], 200);
    }
    receipt_release();
    return 0;
}
