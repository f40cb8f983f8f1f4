/* app_payload.h: the biometric payload in its binary format (format 2, sync/PROTOCOL.md
 * §2.5), the document the kiosk seals to the upstream since schema 9: the images as their
 * own bytes instead of base64 inside JSON (a third fewer bytes to seal, hash and store).
 *
 *   "KPL2" | header length n (4 bytes, big-endian) | n bytes of JSON header | the parts
 *
 * The header is a UTF-8 JSON object:
 *   {"v":2,"id":"<application id>",
 *    "parts":[{"name":"portrait","type":"image/jpeg","length":30720},
 *             {"name":"chip_face","type":"image/jp2","length":11022},
 *             {"name":"finger","position":"left-index","width":300,"height":200,"ppi":500,
 *              "type":"image/x-gray8","length":60000}, ...],
 *    "chip_evidence":{...}}          (as in format 1, §2.4; null when no chip was read)
 * and the parts' bytes follow it back to back in the order the header lists them; their
 * lengths add up to the rest of the container exactly. An image not taken is not listed.
 * Format 1 is the JSON document of app_json.h (images in base64). */
#ifndef KIOSK_APP_PAYLOAD_H
#define KIOSK_APP_PAYLOAD_H

#include <stddef.h>

#include "kiosk/model/application.h"

#define APP_PAYLOAD_JSON       1 /* format 1: app_payload_to_json */
#define APP_PAYLOAD_BINARY     2 /* format 2: this container */
#define APP_PAYLOAD_MAGIC      "KPL2"
#define APP_PAYLOAD_HEADER_MAX (1L << 20) /* a header longer than this is refused */

/* The container for app (caller wipes and frees); *len its length. NULL on allocation
 * failure. */
unsigned char *app_payload_to_binary(const struct application *app, size_t *len);
/* The same into *buf (capacity *cap), which is replaced by a larger one when too small (the
 * old one wiped and freed), so that a caller writing many keeps one buffer. 0 or -1 (out of
 * memory: *buf and *cap unchanged). */
int app_payload_write_binary(const struct application *app, unsigned char **buf, size_t *cap,
                             size_t *len);

/* Fills the images and the chip evidence of *app (app_init'ed) from a container. The
 * header's id must be app->id when that is set (it is copied there when empty). 0, or -1
 * with a short reason in err (may be NULL). */
int app_payload_from_binary(const unsigned char *p, size_t len, struct application *app, char *err,
                            size_t errlen);

#endif
