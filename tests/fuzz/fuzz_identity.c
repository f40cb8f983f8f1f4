/* fuzz_identity.c: libFuzzer target for the identity from DG1 + DG13 and the DG1/DG13/QR
 * agreement check. Input: 2-byte big-endian DG1 length, DG1, 2-byte DG13 length, DG13, then
 * the QR text. */
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/card_identity.h"
#include "drivers/card/cccd_qr.h"

static int take(const uint8_t **p, size_t *n, const uint8_t **part, size_t *len)
{
    if (*n < 2)
        return -1;
    size_t l = ((size_t)(*p)[0] << 8) | (*p)[1];
    if (l > *n - 2)
        return -1;
    *part = *p + 2;
    *len = l;
    *p += 2 + l;
    *n -= 2 + l;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *dg1, *dg13;
    size_t l1, l13;
    struct mrz_td1 m;
    struct emrtd_dg13 d;
    struct app_identity id, q;
    struct card_agreement a;
    if (take(&data, &size, &dg1, &l1) || take(&data, &size, &dg13, &l13))
        return 0;
    (void)card_identity_from_files(dg1, l1, dg13, l13, &id, NULL);
    int h1 = emrtd_dg1_parse(dg1, l1, &m) == DG_OK;
    int h13 = emrtd_dg13_parse(dg13, l13, &d) == DG_OK;
    int hq = cccd_qr_parse((const char *)data, size, &q, NULL) == QR_OK;
    (void)card_identity_compare(h1 ? &m : NULL, h13 ? &d : NULL, hq ? &q : NULL, &a);
    return 0;
}
