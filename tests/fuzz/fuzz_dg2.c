/* fuzz_dg2.c: libFuzzer target for DG2 (CBEFF / ISO 19794-5 header and image decoding). */
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_dg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct emrtd_face f;
    if (size > 256 * 1024)
        return 0;
    (void)emrtd_dg2_parse(data, size, &f);
    return 0;
}
