/* fuzz_export_manifest.c: libFuzzer target for the export manifest parser (the one parser of
 * untrusted bytes in the export): it only ever answers 0 or EXPORT_EFORMAT, and what it
 * accepts is well formed (else abort). tests/kiosk/test_export_fuzz.c runs the same target on
 * mutations of the golden manifests. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/export/export.h"

static int accepted_ok(const struct export_manifest *m)
{
    if (m->n_files < 1 || m->n_files > EXPORT_MAX_FILES || m->info.files != m->n_files)
        return 0;
    if (!export_day_valid(m->info.day))
        return 0;
    if (strcmp(m->info.format, "csv") != 0 && strcmp(m->info.format, "json") != 0)
        return 0;
    for (int i = 0; i < m->n_files; i++) {
        const struct export_manifest_file *f = &m->files[i];
        if (f->name[0] == '\0' || f->name[0] == '.' || strchr(f->name, '/') ||
            strlen(f->sha256) != 64 || f->size < 0)
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct export_manifest m; /* large; the fuzzer runs one input at a time */
    int rc = export_manifest_parse((const char *)data, size, &m);
    if ((rc != 0 && rc != EXPORT_EFORMAT) || (rc == 0 && !accepted_ok(&m)))
        abort();
    return 0;
}
