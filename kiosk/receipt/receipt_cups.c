/* receipt_cups.c: sends a receipt PDF to a CUPS queue from memory (libcups 2.4's
 * create-job / send-document), so no copy of it is written by the kiosk. */
#include <cups/cups.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/receipt/receipt.h"

int receipt_print(const char *printer, const unsigned char *pdf, size_t len, const char *title,
                  int *job_id, char *err, size_t errlen)
{
    const char *dest = printer && printer[0] ? printer : NULL;
    cups_dest_t *def = NULL;
    *job_id = 0;
    if (!dest) {
        def = cupsGetNamedDest(CUPS_HTTP_DEFAULT, NULL, NULL);
        if (!def) {
            snprintf(err, errlen, "no default printer: %s", cupsLastErrorString());
            return -1;
        }
        dest = def->name;
    }
    int rc = -1;
    int id = cupsCreateJob(CUPS_HTTP_DEFAULT, dest, title, 0, NULL);
    if (id <= 0) {
        snprintf(err, errlen, "printer %s: %s", dest, cupsLastErrorString());
        goto out;
    }
    if (cupsStartDocument(CUPS_HTTP_DEFAULT, dest, id, title, CUPS_FORMAT_PDF, 1) !=
        HTTP_STATUS_CONTINUE) {
        snprintf(err, errlen, "printer %s: %s", dest, cupsLastErrorString());
        cupsCancelJob2(CUPS_HTTP_DEFAULT, dest, id, 0);
        goto out;
    }
    if (cupsWriteRequestData(CUPS_HTTP_DEFAULT, (const char *)pdf, len) != HTTP_STATUS_CONTINUE) {
        snprintf(err, errlen, "printer %s: sending failed: %s", dest, cupsLastErrorString());
        cupsFinishDocument(CUPS_HTTP_DEFAULT, dest);
        cupsCancelJob2(CUPS_HTTP_DEFAULT, dest, id, 0);
        goto out;
    }
    if (cupsFinishDocument(CUPS_HTTP_DEFAULT, dest) != IPP_STATUS_OK) {
        snprintf(err, errlen, "printer %s: %s", dest, cupsLastErrorString());
        goto out;
    }
    *job_id = id;
    rc = 0;
out:
    cupsFreeDests(def ? 1 : 0, def);
    return rc;
}
