/* fuzz_fpr_image.c: libFuzzer target for what a fingerprint reader hands the kiosk: any image
 * (size and bytes) goes through the quality measure (libfprint's NBIS detector included) and
 * any minutiae point sets through the matcher, which must answer within their ranges (else
 * abort). tests/fingerprint/test_fpr_fuzz.c runs the same target on deterministic inputs. */
#include "drivers/fingerprint/fingerprint.h"
#include "drivers/fingerprint/fpr_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* 1 when every measure of q lies in its range. */
static int quality_in_range(const struct fpr_quality *q)
{
    return !(q->minutiae < 0 || q->minutiae > q->detected || q->area < 0 || q->area > 1 ||
             q->spread < 0 || q->spread > 1 || q->contrast < 0 || q->contrast > 1 ||
             q->clarity < 0 || q->clarity > 1.0001 || q->passed != (q->fail_what == NULL));
}

static void fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz_fpr_image: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    /* image: two size bytes, then the pixels (repeated to fill) */
    int w = 8 + data[0] % 250, h = 8 + data[1] % 250;
    unsigned char *img = malloc((size_t)w * h);
    if (!img)
        return 0;
    for (size_t i = 0; i < (size_t)w * h; i++)
        img[i] = data[2 + i % (size - 2)];
    struct fpr_quality q;
    int rc = fpr_measure(img, w, h, 500, 60, &q);
    if (rc == 0 && !quality_in_range(&q))
        fuzz_fail("a quality measure out of its range");
    if (rc != 0 && rc != FPR_ERR_IMAGE)
        fuzz_fail("fpr_measure failed otherwise than FPR_ERR_IMAGE");
    free(img);
    /* point sets: the bytes as coordinates, split in two */
    int n = (int)(size - 2) / 4;
    int *pts = malloc(sizeof(int) * 2 * (size_t)(n + 1));
    if (!pts)
        return 0;
    for (int i = 0; i < n; i++) {
        pts[2 * i] = (data[2 + 4 * i] | data[3 + 4 * i] << 8) - 2000;
        pts[2 * i + 1] = (data[4 + 4 * i] | data[5 + 4 * i] << 8) % 6000 - 1000;
    }
    int na = n / 2, nb = n - na, paired = -1;
    double s = fpr_match_points(pts, na, pts + 2 * na, nb, &paired);
    if (s < 0 || s > 1 || paired < 0 || paired > (na < nb ? na : nb))
        fuzz_fail("a match score or pair count out of its range");
    free(pts);
    return 0;
}
