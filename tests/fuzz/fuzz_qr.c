/* fuzz_qr.c: libFuzzer target for the CCCD QR text parser. */
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/cccd_qr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct app_identity id;
    struct cccd_qr_info info;
    (void)cccd_qr_parse((const char *)data, size, &id, &info);
    return 0;
}
