/* receipt_module.c: the table the module kiosk-receipt.so exports (see receipt.h). */
#include "kiosk/receipt/receipt.h"

const struct receipt_module receipt_module = {RECEIPT_MODULE_ABI, receipt_render_pdf,
                                              receipt_release, receipt_print};
