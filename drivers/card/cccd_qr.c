/* cccd_qr.c: the CCCD QR text parser, and the door to the QR image decoder (zbar, in the
 * confined helper kiosk-decoder) (see
 * cccd_qr.h).
 *
 * The text is split in place into at most CCCD_QR_MAX_FIELDS fields over a bounded copy;
 * every field is validated before it is copied into the identity, and the identity is wiped
 * on any failure. */
#include "drivers/card/cccd_qr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "drivers/card/mrz.h"
#include "drivers/card/card_decoder.h"
#include "kiosk/base/confine.h"
#include "kiosk/base/worker.h"
#include "kiosk/model/validate.h"

#define CCCD_QR_MIN_FIELDS 7
#define CCCD_QR_MAX_FIELDS 16

static int all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* ddmmyyyy → ISO, 0 when valid. */
static int qr_date(const char *s, char out[11])
{
    if (!all_digits(s, 8))
        return -1;
    int d = (s[0] - '0') * 10 + s[1] - '0', m = (s[2] - '0') * 10 + s[3] - '0';
    int y = atoi(s + 4);
    if (y < 1900 || !mrz_date_valid(y, m, d))
        return -1;
    memcpy(out, s + 4, 4);
    out[4] = '-';
    memcpy(out + 5, s + 2, 2);
    out[7] = '-';
    memcpy(out + 8, s, 2);
    out[10] = 0;
    return 0;
}

static char qr_sex(const char *s)
{
    if (strcmp(s, "Nam") == 0)
        return 'M';
    if (strcmp(s, "N\xe1\xbb\xaf") == 0 || strcmp(s, "Nu\xcc\x9b\xcc\x83") == 0) /* NFC, NFD */
        return 'F';
    return 0;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

int cccd_qr_parse(const char *text, size_t len, struct app_identity *out, struct cccd_qr_info *info)
{
    char buf[CCCD_QR_MAX_TEXT + 1];
    char *f[CCCD_QR_MAX_FIELDS];
    int nf = 0, rc = QR_OK;
    memset(out, 0, sizeof *out);
    if (info)
        memset(info, 0, sizeof *info);
    if (!text)
        return QR_E_ARG;
    if (len > CCCD_QR_MAX_TEXT)
        return QR_E_TEXT;
    memcpy(buf, text, len);
    buf[len] = 0;
    char *s = buf;
    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        s += 3;
    s = trim(s);
    if (!*s) {
        rc = QR_E_EMPTY;
        goto out;
    }
    size_t sl = strlen(s);
    if (memchr(text, 0, len) != NULL || u8_check((const uint8_t *)s, sl) != NULL) {
        rc = QR_E_TEXT;
        goto out;
    }
    for (size_t i = 0; i < sl; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) {
            rc = QR_E_TEXT;
            goto out;
        }
    if (sl > 0 && s[sl - 1] == '|')
        s[--sl] = 0;
    f[nf++] = s;
    for (char *p = s; *p; p++)
        if (*p == '|') {
            *p = 0;
            if (nf >= CCCD_QR_MAX_FIELDS) {
                rc = QR_E_FIELDS;
                goto out;
            }
            f[nf++] = p + 1;
        }
    if (nf < CCCD_QR_MIN_FIELDS) {
        rc = QR_E_FIELDS;
        goto out;
    }
    for (int i = 0; i < nf; i++)
        f[i] = trim(f[i]);

    if (!all_digits(f[0], 12)) {
        rc = QR_E_ID;
        goto out;
    }
    memcpy(out->personal_id, f[0], 13);
    if (f[1][0] && !all_digits(f[1], 9) && !all_digits(f[1], 12)) {
        rc = QR_E_OLD_ID;
        goto out;
    }
    snprintf(out->old_id, sizeof out->old_id, "%s", f[1]);
    if (!f[2][0] || val_name(f[2], sizeof out->full_name - 1) != MSG_NONE ||
        val_nfc(f[2], out->full_name, sizeof out->full_name) != MSG_NONE) {
        rc = QR_E_NAME;
        goto out;
    }
    /* DOB, sex, residence, issue date at 3..6; dates and sex looked for by pattern when a
     * 2024 card moved them. */
    int idob = 3, isex = 4, ires = 5, iiss = 6;
    char tmp[11];
    if (qr_date(f[idob], tmp) != 0 || qr_date(f[iiss], tmp) != 0 || !qr_sex(f[isex])) {
        idob = iiss = isex = -1;
        for (int i = 3; i < nf; i++) {
            if (qr_date(f[i], tmp) == 0) {
                if (idob < 0)
                    idob = i;
                else if (iiss < 0)
                    iiss = i;
            } else if (isex < 0 && qr_sex(f[i])) {
                isex = i;
            }
        }
        if (isex < 0) {
            rc = QR_E_SEX;
            goto out;
        }
        if (idob < 0 || iiss < 0) {
            rc = QR_E_DATE;
            goto out;
        }
        ires = -1;
        for (int i = 3; i < nf && ires < 0; i++)
            if (i != idob && i != iiss && i != isex && f[i][0])
                ires = i;
    }
    qr_date(f[idob], out->dob);
    qr_date(f[iiss], out->issue_date);
    out->sex = qr_sex(f[isex]);
    if (strcmp(out->issue_date, out->dob) < 0) {
        rc = QR_E_DATE;
        goto out;
    }
    if (ires >= 0 && val_nfc(f[ires], out->residence, sizeof out->residence) != MSG_NONE) {
        rc = QR_E_TEXT;
        goto out;
    }
    if (mrz_expiry_from_issue(out->dob, out->issue_date, out->expiry_date, &out->no_expiry) != 0) {
        rc = QR_E_DATE;
        goto out;
    }
    snprintf(out->nationality, sizeof out->nationality, "Vi\xe1\xbb\x87t Nam");
    out->source = ID_SOURCE_QR;
    out->verdict = CHIP_VERDICT_NONE;
    if (info) {
        info->layout = nf == CCCD_QR_MIN_FIELDS ? 2021 : 2024;
        info->n_fields = nf;
    }
out:
    explicit_bzero(buf, sizeof buf);
    if (rc != QR_OK)
        explicit_bzero(out, sizeof *out);
    return rc;
}

/* The camera frame is hostile bytes too (anyone can hold up a crafted code): zbar runs in the
 * confined helper kiosk-decoder, its "qr" instance (drivers/card/card_decoder.h). */
static struct worker qr_decoder = WORKER_INIT(CARD_DECODER_PROGRAM, CARD_DECODER_ROLE_QR);

#define QR_DEADLINE_MS 3000
#define QR_TEXT_MAX    CARD_DECODER_QR_TEXT_MAX

int cccd_qr_decode_image(const uint8_t *gray, int w, int h, char *text_out, size_t size)
{
    if (size)
        text_out[0] = 0;
    if (!gray || w <= 0 || h <= 0 || size == 0 || w > 16384 || h > 16384 ||
        (uint64_t)w * (uint64_t)h > WORKER_MAX_REQUEST - 8)
        return QR_E_ARG;
    uint32_t dims[2] = {(uint32_t)w, (uint32_t)h};
    struct worker_piece in[2] = {{dims, sizeof dims}, {gray, (size_t)w * (size_t)h}};
    struct worker_answer_head head;
    unsigned char *ans = NULL;
    int rc =
        worker_call(&qr_decoder, CARD_DECODER_QR, in, 2, QR_DEADLINE_MS, size - 1, &head, &ans);
    if (rc != CONFINE_OK) {
        free(ans);
        fprintf(stderr, "card: QR decoder: %s\n", confine_strerror(rc));
        /* a helper that cannot start is the missing decoder; one that died or hung on this
         * frame found no code in it (the next frame goes to a fresh helper) */
        return rc == CONFINE_ESTART    ? QR_E_MODULE
               : rc == CONFINE_EANSWER ? QR_E_TEXT
                                       : QR_E_NOT_FOUND;
    }
    /* the helper's code is one of the decoder's answers, its text only with QR_OK */
    int code = (int32_t)head.a;
    if (code != QR_OK && code != QR_E_NOT_FOUND && code != QR_E_TEXT && code != QR_E_NOMEM &&
        code != QR_E_ARG && code != QR_E_MODULE)
        code = QR_E_NOT_FOUND;
    if (code == QR_OK && (head.len == 0 || !ans))
        code = QR_E_NOT_FOUND;
    if (code == QR_OK && head.len >= size)
        code = QR_E_TEXT;
    if (code == QR_OK) {
        memcpy(text_out, ans, head.len);
        text_out[head.len] = 0;
    }
    if (ans)
        explicit_bzero(ans, head.len);
    free(ans);
    return code;
}

const char *cccd_qr_strerror(int code)
{
    switch (code) {
    case QR_OK:
        return "ok";
    case QR_E_EMPTY:
        return "QR text is empty";
    case QR_E_FIELDS:
        return "QR text is not a CCCD layout (field count)";
    case QR_E_ID:
        return "QR personal ID is not 12 digits";
    case QR_E_OLD_ID:
        return "QR old ID is not 9 or 12 digits";
    case QR_E_NAME:
        return "QR name is empty or invalid";
    case QR_E_DATE:
        return "QR date of birth or issue date invalid";
    case QR_E_SEX:
        return "QR sex is not Nam/Nu";
    case QR_E_TEXT:
        return "QR text is invalid UTF-8, has control characters or is too long";
    case QR_E_NOT_FOUND:
        return "no QR code found in the image";
    case QR_E_NOMEM:
        return "out of memory";
    case QR_E_ARG:
        return "invalid argument";
    case QR_E_MODULE:
        return "the QR image decoder (module qrscan) cannot be loaded";
    }
    return "unknown QR error";
}
