/* card_evidence.c: the chip evidence kept for the upstream (see card_evidence.h). */
#include "drivers/card/card_evidence.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int card_evidence_challenge(const char *app_id, uint8_t out[8])
{
    static const char label[] = CARD_AA_CHALLENGE_LABEL;
    uint8_t h[32];
    unsigned hl = 0;
    if (!app_id || !app_id[0])
        return -1;
    EVP_MD_CTX *mc = EVP_MD_CTX_new();
    /* sizeof label counts its NUL: the separator between label and id */
    int ok = mc && EVP_DigestInit_ex(mc, EVP_sha256(), NULL) == 1 &&
             EVP_DigestUpdate(mc, label, sizeof label) == 1 &&
             EVP_DigestUpdate(mc, app_id, strlen(app_id)) == 1 &&
             EVP_DigestFinal_ex(mc, h, &hl) == 1 && hl == sizeof h;
    EVP_MD_CTX_free(mc);
    if (!ok)
        return -1;
    memcpy(out, h, 8);
    return 0;
}

void card_evidence_take(struct app_blob *dst, struct emrtd_file *f)
{
    app_blob_wipe(dst);
    if (!f->data || !f->len)
        return;
    dst->data = f->data;
    dst->len = f->len;
    f->data = NULL;
    f->len = 0;
}

int card_evidence_dg2_hash(struct app_chip_evidence *ev, const uint8_t *dg2, size_t len)
{
    unsigned hl = 0;
    if (EVP_Digest(dg2, len, ev->dg2_sha256, &hl, EVP_sha256(), NULL) != 1 || hl != 32)
        return -1;
    ev->has_dg2 = 1;
    return 0;
}

int card_evidence_aa(struct app_chip_evidence *ev, const char *outcome,
                     const struct emrtd_aa_transcript *tr)
{
    snprintf(ev->aa, sizeof ev->aa, "%s", outcome);
    if (!tr || !tr->sig_len)
        return 0;
    if (app_blob_set(&ev->aa_challenge, tr->challenge, sizeof tr->challenge) != 0 ||
        app_blob_set(&ev->aa_signature, tr->sig, tr->sig_len) != 0)
        return -1;
    return 0;
}
