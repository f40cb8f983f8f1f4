/* fuzz_sync_proto.c: libFuzzer target for the parsers of the upstream's answers (built and
 * run like every target: tests/fuzz/module.mk). The first byte picks the parser; the rest is
 * the answer. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sync/sync_proto.h"

static int ignore(const struct sync_change *c, void *arg)
{
    (void)arg;
    return c->id[0] == '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    if (data[0] & 1) {
        struct sync_answer a;
        sync_proto_answer(text, len, "0190d5c4-7a2b-7c3d-8e4f-0123456789ab", &a);
    } else {
        char cursor[SYNC_CURSOR_SIZE];
        int more;
        sync_proto_status(text, len, ignore, NULL, cursor, &more);
    }
    return 0;
}
