/* fuzz_dg1.c: libFuzzer target for DG1 and the TD1 MRZ parser. */
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/emrtd_dg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mrz_td1 m;
    (void)emrtd_dg1_parse(data, size, &m);
    (void)mrz_td1_parse((const char *)data, size, &m);
    return 0;
}
