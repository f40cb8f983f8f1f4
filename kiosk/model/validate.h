/* validate.h: checks of what the citizen gives and the card says.
 *
 * Every function takes untrusted text and returns MSG_NONE (0) when it is acceptable, or the
 * msg_id that says, in Vietnamese and English, why not. Nothing is silently fixed: a
 * normalised form is written only to the output buffer, never to the input. */
#ifndef KIOSK_VALIDATE_H
#define KIOSK_VALIDATE_H

#include <stddef.h>

#include "kiosk/model/msg.h"

/* Personal ID (12 digits): province code (digits 1-3) must exist, century/sex digit (4)
 * valid; when dob ("YYYY-MM-DD") or sex ('M'/'F') are given (non-NULL / non-zero) digit 4
 * and digits 5-6 must agree with them. */
enum msg_id val_personal_id(const char *pid, const char *dob, char sex);

/* The province/city name for a 3-digit code, or NULL. */
const char *val_province_name(const char *code3);

/* Vietnamese mobile number from "+84…", "84…", "0…", with spaces, dots, dashes, slashes and
 * parentheses ("(098) 765 4321", "+84 (0)98…"); out gets the
 * 10-digit form "0XXXXXXXXX" on success. */
enum msg_id val_phone(const char *in, char out[11]);
/* The carrier of a normalised number ("Viettel", ...), or NULL. */
const char *val_phone_carrier(const char *normalised);

/* E-mail: a practical RFC 5322 subset (dot-atom local part, LDH domain labels with a dot,
 * total ≤ 254). An empty string is accepted (e-mail is optional). */
enum msg_id val_email(const char *in);

/* A calendar date "YYYY-MM-DD" that exists; when today ("YYYY-MM-DD") is non-NULL the date
 * must not be after it. */
enum msg_id val_date(const char *iso, const char *today);

/* A person's name: valid UTF-8, letters (any script), spaces, apostrophes and hyphens, at
 * most max_bytes once normalised. */
enum msg_id val_name(const char *in, size_t max_bytes);

/* UTF-8 text normalised to NFC into out (size outlen). MSG_TEXT_INVALID_UTF8 or
 * MSG_TEXT_TOO_LONG on failure. */
enum msg_id val_nfc(const char *in, char *out, size_t outlen);

/* Folds Vietnamese text to lower-case ASCII without diacritics ("Nguyễn Đức" → "nguyen
 * duc") for accent-insensitive search. */
void val_fold(const char *in, char *out, size_t outlen);

#endif
