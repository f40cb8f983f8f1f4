/* cardf_qr.c: the QR code of a synthetic card — its text (2021 and 2024 layouts) and an
 * image of it made with libqrencode, for the zbar decoding tests. */
#include "tests/rigs/card/cardf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

/* ISO → ddmmyyyy */
static void dmy8(const char *iso, char out[9])
{
    memcpy(out, iso + 8, 2);
    memcpy(out + 2, iso + 5, 2);
    memcpy(out + 4, iso, 4);
    out[8] = 0;
}

int cardf_qr_text(const struct cardf_person *p, char *out, size_t cap)
{
    char dob[9], iss[9];
    dmy8(p->dob, dob);
    dmy8(p->issue, iss);
    int n = snprintf(out, cap, "%s|%s|%s|%s|%s|%s|%s", p->id, p->old_id ? p->old_id : "",
                     p->full_name, dob, p->sex == 'M' ? "Nam" : "N\xe1\xbb\xaf", p->residence, iss);
    if (n < 0 || (size_t)n >= cap)
        return -1;
    if (p->layout == 2024) {
        int m = snprintf(out + n, cap - (size_t)n, "|%s|%s|", p->father ? p->father : "",
                         p->mother ? p->mother : "");
        if (m < 0 || (size_t)m >= cap - (size_t)n)
            return -1;
    }
    return 0;
}

int cardf_qr_image(const char *text, int scale, uint8_t **gray, int *w, int *h)
{
    *gray = NULL;
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!q)
        return -1;
    int quiet = 4, side = (q->width + 2 * quiet) * scale;
    uint8_t *img = malloc((size_t)side * side);
    if (!img) {
        QRcode_free(q);
        return -1;
    }
    memset(img, 255, (size_t)side * side);
    for (int y = 0; y < q->width; y++)
        for (int x = 0; x < q->width; x++)
            if (q->data[y * q->width + x] & 1)
                for (int dy = 0; dy < scale; dy++)
                    memset(img + (size_t)((y + quiet) * scale + dy) * side + (x + quiet) * scale, 0,
                           (size_t)scale);
    QRcode_free(q);
    *gray = img;
    *w = *h = side;
    return 0;
}
