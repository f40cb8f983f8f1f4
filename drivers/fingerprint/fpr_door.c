/* fpr_door.c: the fingerprint calls of the kiosk program, forwarded to the module
 * kiosk-fingerprint.so (libfprint, GLib), loaded on the first call, so the commands that take
 * no fingerprint never map libfprint. Linked into the program only: tests and benchmarks link
 * the driver itself (fingerprint.h). */
#include <stdio.h>

#include "drivers/fingerprint/fingerprint.h"
#include "kiosk/base/module.h"

/* The module's table, or NULL with the reason on stderr once. */
static const struct fpr_module *fpr_load(void)
{
    static int said;
    char err[512];
    const struct fpr_module *m = module_table("fingerprint", err, sizeof(err));
    if (m && m->abi == FPR_MODULE_ABI)
        return m;
    if (!said++)
        fprintf(stderr, "fingerprint: %s\n", m ? "module fingerprint has another interface" : err);
    return NULL;
}

int fpr_open(const struct fpr_options *opt, struct fpr_reader **out)
{
    const struct fpr_module *m = fpr_load();
    if (!m) {
        if (out)
            *out = NULL;
        return FPR_ERR_MODULE;
    }
    return m->open(opt, out);
}

int fpr_capture_finger(struct fpr_reader *r, enum finger f, struct app_finger *out,
                       void (*state_cb)(int state, const struct fpr_quality *q, void *ctx),
                       void *ctx, const atomic_int *cancel)
{
    const struct fpr_module *m = fpr_load();
    return m ? m->capture_finger(r, f, out, state_cb, ctx, cancel) : FPR_ERR_MODULE;
}

/* A reader exists only when the module is loaded, and a loaded module stays. */
void fpr_cancel(struct fpr_reader *r)
{
    const struct fpr_module *m = r ? fpr_load() : NULL;
    if (m)
        m->cancel(r);
}

void fpr_close(struct fpr_reader *r)
{
    const struct fpr_module *m = r ? fpr_load() : NULL;
    if (m)
        m->close(r);
}

int fpr_same_finger(const struct app_finger *a, const struct app_finger *b, int *same)
{
    const struct fpr_module *m = fpr_load();
    return m ? m->same_finger(a, b, same) : FPR_ERR_MODULE;
}

void fpr_finger_clear(struct app_finger *f)
{
    const struct fpr_module *m = fpr_load();
    if (m)
        m->finger_clear(f);
}
