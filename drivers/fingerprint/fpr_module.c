/* fpr_module.c: the fingerprint module's one export, the table fpr_door.c calls through. */
#include "drivers/fingerprint/fingerprint.h"

const struct fpr_module fingerprint_module = {FPR_MODULE_ABI,  fpr_open,  fpr_capture_finger,
                                              fpr_cancel,      fpr_close, fpr_same_finger,
                                              fpr_finger_clear};
