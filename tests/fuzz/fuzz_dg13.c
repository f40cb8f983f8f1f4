/* fuzz_dg13.c: libFuzzer target for DG13 and the identity built from it. */
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/card_identity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct emrtd_dg13 d;
    struct app_identity id;
    struct card_agreement a;
    if (emrtd_dg13_parse(data, size, &d) == DG_OK) {
        (void)card_identity_compare(NULL, &d, NULL, &a);
        emrtd_dg13_wipe(&d);
    }
    (void)card_identity_from_files(NULL, 0, data, size, &id, NULL);
    return 0;
}
