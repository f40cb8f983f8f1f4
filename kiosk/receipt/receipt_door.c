/* receipt_door.c: the receipt calls of the kiosk program, forwarded to the module
 * kiosk-receipt.so (cairo, libcups), loaded on the first call. Linked into the program only:
 * tests and benchmarks link the module's code itself. */
#include <stdio.h>

#include "kiosk/base/module.h"
#include "kiosk/receipt/receipt.h"

/* The module's table, or NULL with the reason on stderr once. */
static const struct receipt_module *receipt_load(void)
{
    static int said;
    char err[512];
    const struct receipt_module *m = module_table("receipt", err, sizeof(err));
    if (m && m->abi == RECEIPT_MODULE_ABI)
        return m;
    if (!said++)
        fprintf(stderr, "receipt: %s\n", m ? "module receipt has another interface" : err);
    return NULL;
}

int receipt_render_pdf(const struct receipt_info *r, enum receipt_paper paper, enum msg_lang lang,
                       unsigned char **pdf, size_t *len)
{
    const struct receipt_module *m = receipt_load();
    return m ? m->render_pdf(r, paper, lang, pdf, len) : -1;
}

void receipt_release(void)
{
    const struct receipt_module *m = receipt_load();
    if (m)
        m->release();
}

int receipt_print(const char *printer, const unsigned char *pdf, size_t len, const char *title,
                  int *job_id, char *err, size_t errlen)
{
    const struct receipt_module *m = receipt_load();
    if (!m) {
        snprintf(err, errlen, "the receipt module cannot be loaded");
        return -1;
    }
    return m->print(printer, pdf, len, title, job_id, err, errlen);
}
