/* tlv.h: the one strict, bounded BER-TLV cursor every card parser reads untrusted bytes through.
 *
 * A cursor is a read-only view over a caller's buffer; it never allocates, never copies and
 * never reads a byte outside [buf, buf + len). An element is read as tag (1 to 3 bytes,
 * ISO/IEC 7816-4 §5.2.2 / X.690 §8.1.2), length (short form, or long form 0x81..0x84;
 * indefinite length 0x80 is refused) and value. Every length is checked against
 * TLV_MAX_VALUE_LEN and then against what is left before any arithmetic on it.
 * tlv_child() gives a cursor over exactly the value of a constructed element, one level
 * deeper; nesting beyond TLV_MAX_DEPTH is refused.
 *
 * Ownership: struct tlv and struct tlv_cursor point into the caller's buffer; they are valid
 * while that buffer is unchanged. Nothing here is freed.
 *
 * The writer (struct tlv_writer) appends tag/length/value to a caller's buffer of fixed
 * capacity and remembers the first error, so encoders can chain puts and check once. */
#ifndef CARD_TLV_H
#define CARD_TLV_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/base/code_list.h"

#define TLV_MAX_TAG_BYTES 3                   /* 0x5F1F, 0x7F61, 0xBF0C… longer is refused */
#define TLV_MAX_LEN_BYTES 4                   /* 0x84 xx xx xx xx at most */
#define TLV_MAX_VALUE_LEN (16u * 1024 * 1024) /* no eMRTD file comes near 16 MiB */
#define TLV_MAX_DEPTH     16                  /* deepest nesting in a SOD is about 10 */

/* Error codes. TLV_END is not a failure: the cursor is exhausted. Every other code means
 * the bytes are malformed: the caller refuses the whole object (do not retry the parse; a
 * re-read of the file from the chip may help when the file was truncated in transit). */
#define TLV_CODES(X)                                                                               \
    X(TLV_OK, 0)                                                                                   \
    X(TLV_END, -1)          /* no more elements */                                                 \
    X(TLV_E_TRUNCATED, -2)  /* header or value runs past the end of the buffer */                  \
    X(TLV_E_TAG, -3)        /* tag longer than TLV_MAX_TAG_BYTES or malformed */                   \
    X(TLV_E_LENGTH, -4)     /* indefinite, more than 4 length bytes, or above TLV_MAX_VALUE_LEN */ \
    X(TLV_E_DEPTH, -5)      /* nesting deeper than TLV_MAX_DEPTH */                                \
    X(TLV_E_UNEXPECTED, -6) /* a different tag than the one required */                            \
    X(TLV_E_PRIMITIVE, -7)  /* tlv_child() on a primitive element */                               \
    X(TLV_E_TRAILING, -8)   /* bytes left after the element(s) that must fill the buffer */        \
    X(TLV_E_OVERFLOW, -9)   /* writer: output buffer too small; integer too large */               \
    X(TLV_E_ARG, -10)       /* invalid argument (NULL, bad tag value) */
enum tlv_error { TLV_CODES(MSG_CODE_ENUM) };

/* One decoded element; value points into the cursor's buffer. */
struct tlv {
    uint32_t tag;         /* tag bytes big-endian: 0x61, 0x5F1F, 0x7F61 */
    int constructed;      /* bit 6 of the first tag byte */
    const uint8_t *value; /* len bytes, never NULL (points at the end when len == 0) */
    size_t len;
    const uint8_t *raw; /* the whole element, header included (for hashing) */
    size_t raw_len;
    int depth; /* depth of the cursor it was read from */
};

struct tlv_cursor {
    const uint8_t *buf;
    size_t len;
    size_t off;
    int depth;
};

/* A cursor over len bytes of buf at depth 0. buf may be NULL only when len is 0. */
void tlv_cursor_init(struct tlv_cursor *c, const uint8_t *buf, size_t len);

/* Reads the next element into *out and advances. TLV_END at the end of the cursor; on any
 * error *out is zeroed and the cursor does not advance. */
int tlv_next(struct tlv_cursor *c, struct tlv *out);

/* As tlv_next() without advancing. */
int tlv_peek(const struct tlv_cursor *c, struct tlv *out);

/* Reads the next element and requires its tag to be tag (TLV_E_UNEXPECTED otherwise, or
 * TLV_END mapped to TLV_E_UNEXPECTED: a required element is missing). */
int tlv_expect(struct tlv_cursor *c, uint32_t tag, struct tlv *out);

/* Finds the first element with tag among the remaining siblings of c (c is not moved).
 * TLV_END when absent; a malformed sibling before it is an error. */
int tlv_find(const struct tlv_cursor *c, uint32_t tag, struct tlv *out);

/* A cursor over exactly t's value, one level deeper. t must be constructed. */
int tlv_child(const struct tlv *t, struct tlv_cursor *child);

/* Bytes not yet read. */
size_t tlv_remaining(const struct tlv_cursor *c);

/* The first element of [buf, buf+len); bytes may follow it (an APDU's data field, a file's
 * first chunk): tlv_next() on a fresh cursor. TLV_END when len is 0. */
int tlv_first(const uint8_t *buf, size_t len, struct tlv *out);
/* The first element tagged tag among the elements of [buf, buf+len), one level, in order:
 * tlv_find() on a fresh cursor (TLV_END when none has it). */
int tlv_find_in(const uint8_t *buf, size_t len, uint32_t tag, struct tlv *out);

/* Decodes buf as exactly one element with tag (0 = any tag) and nothing after it:
 * the usual way to open a whole data group. */
int tlv_decode_one(const uint8_t *buf, size_t len, uint32_t tag, struct tlv *out);

/* Reads only the header at the start of buf (len may be shorter than the element): the
 * tag, the header size and the value length. For file reading: the first bytes of a file
 * tell its total size (*hdr_len + *value_len). TLV_E_TRUNCATED when the header itself is
 * cut; the value is not required to be present. */
int tlv_header(const uint8_t *buf, size_t len, uint32_t *tag, size_t *hdr_len, size_t *value_len);

/* t's value as an unsigned big-endian integer of at most 8 bytes (TLV_E_OVERFLOW beyond). */
int tlv_to_uint(const struct tlv *t, uint64_t *out);

/* Number of bytes the header of an element with tag and value length len takes, or 0 for a
 * tag or length that cannot be encoded. */
size_t tlv_header_size(uint32_t tag, size_t len);

/* Writes the BER length of a value of len bytes at out (room for 1 + TLV_MAX_LEN_BYTES)
 * and returns how many bytes it took, or 0 for a length that cannot be encoded. */
size_t tlv_encode_len(uint8_t *out, size_t len);

/* ---- writer ---- */
struct tlv_writer {
    uint8_t *buf;
    size_t cap;
    size_t len;
    int err; /* first error, 0 while all is well */
};

void tlv_writer_init(struct tlv_writer *w, uint8_t *buf, size_t cap);
/* Appends tag, length and len value bytes. */
int tlv_put(struct tlv_writer *w, uint32_t tag, const void *value, size_t len);
/* Appends only the header; the caller appends len value bytes with tlv_put_raw(). */
int tlv_put_header(struct tlv_writer *w, uint32_t tag, size_t len);
int tlv_put_raw(struct tlv_writer *w, const void *data, size_t len);

/* English description of a code, for logs. */
const char *tlv_strerror(int code);

#endif
