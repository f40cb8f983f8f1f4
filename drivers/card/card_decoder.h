/* card_decoder.h: the operations of kiosk-decoder, the confined helper program that decodes
 * the hostile bytes a card or a camera brings (DG2 portraits, QR frames), and what they
 * answer (the framing is kiosk/base/worker.h's).
 *
 *   IMAGE_PROBE  in: the image file bytes        answer: a=format b=width c=height
 *   IMAGE_RGB    in: the image file bytes        answer: the same, then width*height*3 RGB
 *   QR           in: u32 width, u32 height (host order), then width*height grey bytes
 *                answer: a=QR result code (cccd_qr.h), then the text (no NUL) when QR_OK
 * A refused image answers status = its DG_E_* code. */
#ifndef CARD_DECODER_H
#define CARD_DECODER_H

#include "drivers/card/emrtd_dg.h"
#include "kiosk/base/worker.h"

#define CARD_DECODER_PROGRAM "decoder" /* kiosk-decoder, found like the modules */
/* Its argument: one instance decodes portraits, another QR frames (and only that one loads
 * the zbar module, before it confines itself: afterwards it could not open a file). */
#define CARD_DECODER_ROLE_IMAGE "image"
#define CARD_DECODER_ROLE_QR    "qr"

enum card_decoder_op {
    CARD_DECODER_IMAGE_PROBE = 1,
    CARD_DECODER_IMAGE_RGB = 2,
    CARD_DECODER_QR = 3,
};

/* The helper's own limits: the address space it may add after start (RLIMIT_AS: what one
 * image's decoding may take, plus the answer area and the largest request), its whole CPU
 * time (RLIMIT_CPU; it retires itself at half of it, so a busy one is replaced before the
 * kernel kills it mid-request). */
#define CARD_DECODER_MEM_BYTES (EMRTD_DECODE_MEM_BYTES + WORKER_AREA_BYTES + WORKER_MAX_REQUEST)
#define CARD_DECODER_CPU_S     120
/* The longest QR text the helper answers (a CCCD QR holds a few hundred bytes). */
#define CARD_DECODER_QR_TEXT_MAX 2048

#endif
