/* fuzz_app_payload.c: libFuzzer target for the parser of the binary payload (format 2,
 * kiosk/model/app_payload.h), which the reference upstream's own check mirrors. Whatever it
 * accepts is written again and read back the same. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/app_payload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct application a;
    char err[128];
    app_init(&a);
    if (app_payload_from_binary(data, size, &a, err, sizeof err) == 0) {
        size_t n = 0;
        unsigned char *again = app_payload_to_binary(&a, &n);
        struct application b;
        app_init(&b);
        if (!again || app_payload_from_binary(again, n, &b, err, sizeof err) != 0 ||
            b.portrait.len != a.portrait.len || b.n_fingers != a.n_fingers)
            abort();
        free(again);
        app_wipe(&b);
    }
    app_wipe(&a);
    return 0;
}
