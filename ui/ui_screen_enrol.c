/* ui_screen_enrol.c: the enrolment steps without live capture: card, identity review,
 * contact, consent and summary, done. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_after.h"
#include "ui/ui_screens.h"

static void ui_iso_to_vn(const char *iso, char out[11])
{
    /* "YYYY-MM-DD" → "dd/mm/yyyy", as dates are written in Vietnam */
    if (strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-')
        snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else
        snprintf(out, 11, "%s", iso);
}

void ui_scr_card(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                 SDL_Rect c)
{
    /* left: the card on its reader and what to do or what went wrong; right: the ID */
    SDL_Rect left = ui_cut_left(&c, c.w * 45 / 100, m->pad * 2);
    int text_h = left.h / 2;
    SDL_Rect texts = ui_cut_bottom(&left, text_h, m->gap);
    struct ui_widget *a = ui_add(fr, UI_W_ART, ui_fit_aspect(left, 4, 3), NULL);
    if (a) {
        a->art = UI_ART_CARD;
        a->value = v->card_phase == UI_CARD_READING ? 1 : v->card_phase == UI_CARD_FAILED ? 2 : 0;
    }
    int can_read = strlen(v->card_pid) == 12 || v->qr_scanned || v->qr_camera;
    struct ui_footer_btn f[3] = {
        {UI_S_BTN_CANCEL, UI_A_CANCEL, 0, UI_ST_NORMAL},
        {UI_S_CARD_QR, UI_A_CARD_QR, 0, v->qr_scanned ? UI_ST_NORMAL : UI_ST_DISABLED},
        {UI_S_BTN_READ_CHIP, UI_A_CARD_READ, 0, can_read ? UI_ST_PRIMARY : UI_ST_DISABLED},
    };
    int lh = m->font_px[UI_FONT_LARGE] * 3 / 2;
    if (v->card_phase == UI_CARD_READING) {
        ui_bold(ui_label(fr, ui_cut_top(&c, lh * 2, m->gap), ui_str(UI_S_CARD_READING, v->lang),
                         UI_FONT_TITLE, UI_ST_NORMAL, UI_ALIGN_LEFT));
        struct ui_widget *p = ui_add(fr, UI_W_PROGRESS, ui_cut_top(&c, m->btn_h / 2, m->pad), NULL);
        if (p)
            p->value = v->card_percent;
        if (v->card_stuck)
            ui_label(fr, ui_cut_top(&c, m->font_px[UI_FONT_BODY] * 3, m->gap),
                     ui_str(UI_S_CARD_STUCK, v->lang), UI_FONT_BODY, UI_ST_WARN, UI_ALIGN_LEFT);
        f[1].action = f[2].action = 0;
        ui_scr_footer(fr, m, v, f, 3);
        return;
    }
    /* typing the identity in, the last resort (a supervisor approves it at the review) */
    ui_button(fr, ui_cut_bottom(&texts, m->btn_h, m->gap), ui_str(UI_S_CARD_MANUAL, v->lang),
              UI_A_CARD_MANUAL, 0, UI_ST_NORMAL);
    if (v->card_phase == UI_CARD_FAILED) {
        ui_bold(ui_label(fr, ui_cut_top(&texts, lh, 2), ui_str(UI_S_CARD_FAILED, v->lang),
                         UI_FONT_LARGE, UI_ST_ERROR, UI_ALIGN_LEFT));
        int half = (texts.h - 2) / 2;
        if (v->card_error[0])
            ui_label(fr, ui_cut_top(&texts, half, 2), v->card_error, UI_FONT_SMALL, UI_ST_NORMAL,
                     UI_ALIGN_LEFT);
        ui_label(fr, texts, ui_str(UI_S_CARD_NEXT_STEP, v->lang), UI_FONT_SMALL, UI_ST_MUTED,
                 UI_ALIGN_LEFT);
    } else {
        ui_bold(ui_label(fr, ui_cut_top(&texts, lh, 2), ui_str(UI_S_CARD_PLACE, v->lang),
                         UI_FONT_LARGE, UI_ST_NORMAL, UI_ALIGN_LEFT));
        ui_label(fr, texts,
                 ui_str(v->qr_scanned  ? UI_S_CARD_QR_SCANNED
                        : v->qr_camera ? UI_S_CARD_ENTER_ID_CAMERA
                                       : UI_S_CARD_ENTER_ID,
                        v->lang),
                 UI_FONT_BODY, v->qr_scanned ? UI_ST_OK : UI_ST_MUTED, UI_ALIGN_LEFT);
    }
    ui_label(fr, ui_cut_top(&c, m->font_px[UI_FONT_BODY] * 3 / 2, 2), ui_str(UI_S_F_PID, v->lang),
             UI_FONT_BODY, UI_ST_MUTED, UI_ALIGN_LEFT);
    struct ui_widget *fld = ui_add(fr, UI_W_FIELD, ui_cut_top(&c, m->btn_h, m->gap), v->card_pid);
    if (fld) {
        fld->arg2 = 1;
        fld->font = UI_FONT_LARGE;
    }
    ui_scr_keyboard(fr, m, v, c, UI_KB_NUMERIC);
    ui_scr_footer(fr, m, v, f, 3);
}

void ui_scr_manual(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   SDL_Rect c)
{
    /* left: the fields (tap one to type in it) and the sex; right: its keyboard */
    int kb_w = 10 * (m->target + m->gap / 2 + 1);
    if (kb_w < c.w * 58 / 100)
        kb_w = c.w * 58 / 100;
    SDL_Rect kb = ui_cut_right(&c, kb_w, m->pad * 2);
    int lh = m->font_px[UI_FONT_SMALL] * 3 / 2;
    char dob[16] = "";
    /* ddmmyyyy shown as dd/mm/yyyy while typed */
    for (size_t i = 0, o = 0; v->man_dob[i] && o + 2 < sizeof(dob); i++) {
        if (i == 2 || i == 4)
            dob[o++] = '/';
        dob[o++] = v->man_dob[i];
        dob[o] = 0;
    }
    const char *texts[3] = {v->man_pid, v->man_name, dob};
    static const enum ui_str_id labels[3] = {UI_S_F_PID, UI_S_F_NAME, UI_S_F_DOB_DIGITS};
    for (int i = 0; i < 3; i++) {
        ui_label(fr, ui_cut_top(&c, lh, 2), ui_str(labels[i], v->lang), UI_FONT_SMALL, UI_ST_MUTED,
                 UI_ALIGN_LEFT);
        struct ui_widget *f = ui_add(fr, UI_W_FIELD, ui_cut_top(&c, m->btn_h, m->gap), texts[i]);
        if (f) {
            f->action = UI_A_FOCUS;
            f->arg = i;
            f->arg2 = v->focus == i;
            f->font = i == 1 ? UI_FONT_BODY : UI_FONT_LARGE;
        }
    }
    SDL_Rect sex = ui_cut_top(&c, m->btn_h, m->gap);
    ui_button(fr, ui_col(sex, 2, 0, m->gap), ui_str(UI_S_SEX_M, v->lang), UI_A_SEX, 'M',
              v->man_sex == 'M' ? UI_ST_SELECTED : UI_ST_NORMAL);
    ui_button(fr, ui_col(sex, 2, 1, m->gap), ui_str(UI_S_SEX_F, v->lang), UI_A_SEX, 'F',
              v->man_sex == 'F' ? UI_ST_SELECTED : UI_ST_NORMAL);
    ui_scr_keyboard(fr, m, v, kb, v->focus == 1 ? UI_KB_NAME : UI_KB_NUMERIC);
    int ready = strlen(v->man_pid) == 12 && v->man_name[0] && strlen(v->man_dob) == 8 && v->man_sex;
    struct ui_footer_btn f[3] = {
        {UI_S_BTN_CANCEL, UI_A_MODAL_CLOSE, 0, UI_ST_NORMAL},
        {0, 0, 0, 0},
        {UI_S_BTN_CONFIRM, UI_A_MANUAL_OK, 0, ready ? UI_ST_PRIMARY : UI_ST_DISABLED},
    };
    ui_scr_footer(fr, m, v, f, 3);
}

static enum ui_str_id ui_verdict_text(const struct application *a, enum ui_style *st)
{
    switch (a->identity.source) {
    case ID_SOURCE_QR:
        *st = UI_ST_WARN;
        return UI_S_SOURCE_QR;
    case ID_SOURCE_MANUAL:
        *st = UI_ST_WARN;
        return UI_S_SOURCE_MANUAL;
    default:
        break;
    }
    switch (a->identity.verdict) {
    case CHIP_GENUINE:
        *st = UI_ST_OK;
        return UI_S_VERDICT_GENUINE;
    case CHIP_UNVERIFIED:
        *st = UI_ST_WARN;
        return UI_S_VERDICT_UNVERIFIED;
    case CHIP_FORGED:
        *st = UI_ST_ERROR;
        return UI_S_VERDICT_FORGED;
    default:
        *st = UI_ST_MUTED;
        return UI_S_VERDICT_NONE;
    }
}

/* The identity fields as label/value rows in r; compact = fewer rows (summary). */
static void ui_identity_rows(struct ui_frame *fr, const struct ui_metrics *m,
                             const struct ui_view *v, SDL_Rect r, int compact)
{
    const struct app_identity *id = &v->app->identity;
    char dob[11], exp[11];
    ui_iso_to_vn(id->dob, dob);
    ui_iso_to_vn(id->expiry_date, exp);
    const char *sex = id->sex == 'M'   ? ui_str(UI_S_SEX_M, v->lang)
                      : id->sex == 'F' ? ui_str(UI_S_SEX_F, v->lang)
                                       : "";
    int lw = r.w * 36 / 100;
    int rows = compact ? 3 : 8;
    /* residence takes two rows of height */
    int rh = (r.h - (rows - 1) * 2) / (rows + (compact ? 0 : 1));
    int max_rh = m->font_px[UI_FONT_BODY] * 2;
    if (rh > max_rh)
        rh = max_rh;
    enum ui_font_role font = rh < m->font_px[UI_FONT_BODY] * 3 / 2 ? UI_FONT_SMALL : UI_FONT_BODY;
    ui_scr_pair(fr, ui_cut_top(&r, rh, 2), lw, ui_str(UI_S_F_NAME, v->lang), id->full_name, font);
    ui_scr_pair(fr, ui_cut_top(&r, rh, 2), lw, ui_str(UI_S_F_PID, v->lang), id->personal_id, font);
    char dob_sex[48];
    snprintf(dob_sex, sizeof(dob_sex), "%s%s%s", dob, sex[0] ? "  ·  " : "", sex);
    if (compact) {
        ui_scr_pair(fr, ui_cut_top(&r, rh, 2), lw, ui_str(UI_S_F_DOB, v->lang), dob_sex, font);
        return;
    }
    ui_scr_pair(fr, ui_cut_top(&r, rh, 2), lw, ui_str(UI_S_F_DOB, v->lang), dob, font);
    ui_scr_pair(fr, ui_cut_top(&r, rh, 2), lw, ui_str(UI_S_F_SEX, v->lang), sex, font);
    ui_scr_pair(fr, ui_cut_top(&r, rh, 2), lw, ui_str(UI_S_F_NATIONALITY, v->lang), id->nationality,
                font);
    ui_scr_pair(fr, ui_cut_top(&r, rh, 2), lw,
                ui_str(app_identity_card_2024(id) ? UI_S_F_ORIGIN_2024 : UI_S_F_ORIGIN, v->lang),
                id->place_of_origin, font);
    ui_scr_pair(
        fr, ui_cut_top(&r, rh * 2, 2), lw,
        ui_str(app_identity_card_2024(id) ? UI_S_F_RESIDENCE_2024 : UI_S_F_RESIDENCE, v->lang),
        id->residence, UI_FONT_SMALL);
    ui_scr_pair(fr, ui_cut_top(&r, rh, 2), lw, ui_str(UI_S_F_EXPIRY, v->lang),
                id->no_expiry ? ui_str(UI_S_NO_EXPIRY, v->lang) : exp, font);
}

void ui_scr_review(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   SDL_Rect c)
{
    if (!v->app)
        return;
    SDL_Rect left = ui_cut_left(&c, c.w * 28 / 100, m->pad * 2);
    int badge_h = m->font_px[UI_FONT_BODY] * 2;
    int warns = (v->card_expired ? 1 : 0) + (v->duplicate ? 1 : 0);
    SDL_Rect photo = ui_cut_top(&left, left.h - (1 + warns) * (badge_h + m->gap), m->gap);
    struct ui_widget *img =
        ui_add(fr, UI_W_IMAGE, ui_fit_aspect(photo, 3, 4), ui_str(UI_S_NO_PHOTO, v->lang));
    if (img)
        img->value = UI_TEX_CHIP_FACE;
    enum ui_style st;
    enum ui_str_id vt = ui_verdict_text(v->app, &st);
    struct ui_widget *b =
        ui_add(fr, UI_W_BADGE, ui_cut_top(&left, badge_h, m->gap), ui_str(vt, v->lang));
    if (b)
        b->style = st;
    if (v->card_expired) {
        b = ui_add(fr, UI_W_BADGE, ui_cut_top(&left, badge_h, m->gap),
                   ui_str(UI_S_WARN_EXPIRED, v->lang));
        if (b)
            b->style = UI_ST_ERROR, b->font = UI_FONT_SMALL;
    }
    if (v->duplicate) {
        b = ui_add(fr, UI_W_BADGE, ui_cut_top(&left, badge_h, m->gap),
                   ui_str(UI_S_WARN_DUPLICATE, v->lang));
        if (b)
            b->style = UI_ST_WARN, b->font = UI_FONT_SMALL;
    }
    ui_identity_rows(fr, m, v, c, 0);
    struct ui_footer_btn f[3] = {
        {UI_S_BTN_CANCEL, UI_A_CANCEL, 0, UI_ST_NORMAL},
        {UI_S_BTN_RETRY, UI_A_RETRY, 0, UI_ST_NORMAL},
        {v->needs_supervisor ? UI_S_SUPPIN_TITLE : UI_S_BTN_CONFIRM, UI_A_CONFIRM, 0,
         v->app->identity.verdict == CHIP_FORGED ? UI_ST_DISABLED
         : v->needs_supervisor                   ? UI_ST_WARN
                                                 : UI_ST_PRIMARY},
    };
    ui_scr_footer(fr, m, v, f, 3);
}

void ui_scr_contact(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                    SDL_Rect c)
{
    SDL_Rect kb = ui_cut_right(
        &c, c.w * 62 / 100 > 10 * (m->target + 4) ? c.w * 62 / 100 : 10 * (m->target + 4),
        m->pad * 2);
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    for (int i = 0; i < 2; i++) {
        ui_label(fr, ui_cut_top(&c, lh, 2), ui_str(i ? UI_S_F_EMAIL : UI_S_F_PHONE, v->lang),
                 UI_FONT_BODY, UI_ST_MUTED, UI_ALIGN_LEFT);
        const char *text = i ? v->email : v->phone;
        const char *msg = i ? v->email_msg : v->phone_msg;
        int ok = i ? v->email_ok : v->phone_ok;
        struct ui_widget *f = ui_add(fr, UI_W_FIELD, ui_cut_top(&c, m->btn_h, 2), text);
        if (f) {
            f->action = UI_A_FOCUS;
            f->arg = i;
            f->arg2 = v->focus == i;
            f->font = UI_FONT_LARGE;
            f->style = text[0] && !ok ? UI_ST_ERROR : UI_ST_NORMAL;
        }
        SDL_Rect mr = ui_cut_top(&c, lh * 2, m->gap);
        if (text[0])
            ui_label(fr, mr, ok ? ui_str(UI_S_CONTACT_VALID, v->lang) : msg, UI_FONT_SMALL,
                     ok ? UI_ST_OK : UI_ST_ERROR, UI_ALIGN_LEFT);
    }
    ui_scr_keyboard(fr, m, v, kb, v->focus == 0 ? UI_KB_NUMERIC : UI_KB_EMAIL);
    struct ui_footer_btn f[3] = {
        {UI_S_BTN_CANCEL, UI_A_CANCEL, 0, UI_ST_NORMAL},
        {UI_S_BTN_BACK, UI_A_BACK, 0, UI_ST_NORMAL},
        {UI_S_BTN_NEXT, UI_A_CONFIRM, 0,
         (v->phone_ok || !v->phone[0]) && (v->email_ok || !v->email[0]) &&
                 (v->phone[0] || v->email[0])
             ? UI_ST_PRIMARY
             : UI_ST_DISABLED},
    };
    ui_scr_footer(fr, m, v, f, 3);
}

void ui_scr_consent(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                    SDL_Rect c)
{
    if (!v->app)
        return;
    int text_h = m->font_px[UI_FONT_BODY] * 4 + m->gap * 2;
    SDL_Rect consent = ui_cut_bottom(&c, text_h, m->pad);
    ui_panel(fr, consent, UI_ST_SELECTED);
    ui_label(fr, ui_inset(consent, m->gap), ui_str(UI_S_CONSENT_TEXT, v->lang), UI_FONT_BODY,
             UI_ST_NORMAL, UI_ALIGN_LEFT);
    SDL_Rect photo = ui_cut_left(&c, c.h * 3 / 4, m->pad * 2);
    /* the face check's verdict in words under the chip's (never the score) */
    enum app_face_verdict fv = v->app->face.verdict;
    if (fv != APP_FACE_NONE) {
        struct ui_widget *fb =
            ui_add(fr, UI_W_BADGE, ui_cut_bottom(&photo, m->font_px[UI_FONT_BODY] * 2, m->gap),
                   ui_str(fv == APP_FACE_SAME        ? UI_S_FACE_SAME
                          : fv == APP_FACE_DIFFERENT ? UI_S_FACE_BADGE_DIFFERENT
                                                     : UI_S_FACE_BADGE_NOT_COMPARED,
                          v->lang));
        if (fb) {
            fb->style = fv == APP_FACE_SAME ? UI_ST_OK : UI_ST_WARN;
            fb->font = UI_FONT_SMALL;
        }
    }
    SDL_Rect badge = ui_cut_bottom(&photo, m->font_px[UI_FONT_BODY] * 2, m->gap);
    struct ui_widget *img =
        ui_add(fr, UI_W_IMAGE, ui_fit_aspect(photo, 3, 4), ui_str(UI_S_NO_PHOTO, v->lang));
    if (img)
        img->value = UI_TEX_PORTRAIT;
    enum ui_style st;
    enum ui_str_id vt = ui_verdict_text(v->app, &st);
    struct ui_widget *b = ui_add(fr, UI_W_BADGE, badge, ui_str(vt, v->lang));
    if (b) {
        b->style = st;
        b->font = UI_FONT_SMALL;
    }
    SDL_Rect right = c;
    int rh = (right.h - 6 * 2) / 8;
    if (rh > m->font_px[UI_FONT_BODY] * 2)
        rh = m->font_px[UI_FONT_BODY] * 2;
    ui_identity_rows(fr, m, v, ui_cut_top(&right, rh * 3 + 4, 2), 1);
    int lw = right.w * 36 / 100;
    enum ui_font_role font = rh < m->font_px[UI_FONT_BODY] * 3 / 2 ? UI_FONT_SMALL : UI_FONT_BODY;
    ui_scr_pair(fr, ui_cut_top(&right, rh, 2), lw, ui_str(UI_S_F_PHONE, v->lang),
                v->app->phone[0] ? v->app->phone : ui_str(UI_S_NONE_GIVEN, v->lang), font);
    ui_scr_pair(fr, ui_cut_top(&right, rh, 2), lw, ui_str(UI_S_F_EMAIL, v->lang),
                v->app->email[0] ? v->app->email : ui_str(UI_S_NONE_GIVEN, v->lang), font);
    char fp[96];
    if (v->fingers_exceptions)
        snprintf(fp, sizeof(fp), "%d %s, %d %s", v->fingers_done,
                 ui_str(UI_S_FINGERS_CAPTURED, v->lang), v->fingers_exceptions,
                 ui_str(UI_S_FINGERS_EXCEPTIONS, v->lang));
    else
        snprintf(fp, sizeof(fp), "%d %s", v->fingers_done, ui_str(UI_S_FINGERS_CAPTURED, v->lang));
    ui_scr_pair(fr, ui_cut_top(&right, rh, 2), lw, ui_str(UI_S_F_FINGERS, v->lang), fp, font);
    ui_scr_pair(
        fr, ui_cut_top(&right, rh * 2, 2), lw,
        ui_str(app_identity_card_2024(&v->app->identity) ? UI_S_F_RESIDENCE_2024 : UI_S_F_RESIDENCE,
               v->lang),
        v->app->identity.residence, UI_FONT_SMALL);
    struct ui_footer_btn f[3] = {
        {UI_S_BTN_CANCEL, UI_A_CANCEL, 0, UI_ST_NORMAL},
        {UI_S_BTN_BACK, UI_A_BACK, 0, v->queuing ? UI_ST_DISABLED : UI_ST_NORMAL},
        {v->queuing ? UI_S_QUEUING : UI_S_BTN_CONSENT, UI_A_CONSENT, 0,
         v->queuing ? UI_ST_DISABLED : UI_ST_PRIMARY},
    };
    ui_scr_footer(fr, m, v, f, 3);
}

void ui_scr_done(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                 SDL_Rect c)
{
    SDL_Rect qr = ui_cut_right(&c, c.h < c.w / 3 ? c.h : c.w / 3, m->pad * 2);
    struct ui_widget *img = ui_add(fr, UI_W_IMAGE, ui_fit_aspect(qr, 1, 1), NULL);
    if (img)
        img->value = UI_TEX_QR;
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    ui_label(fr, ui_cut_top(&c, lh, 0), ui_str(UI_S_DONE_APPNO, v->lang), UI_FONT_BODY, UI_ST_MUTED,
             UI_ALIGN_LEFT);
    ui_bold(ui_label(fr, ui_cut_top(&c, m->font_px[UI_FONT_LARGE] * 3, m->pad),
                     v->app ? (v->app->short_no[0] ? v->app->short_no : v->app->id) : "",
                     UI_FONT_LARGE, UI_ST_NORMAL, UI_ALIGN_LEFT));
    if (v->app && v->app->identity.full_name[0])
        ui_bold(ui_label(fr, ui_cut_top(&c, m->font_px[UI_FONT_LARGE] * 3 / 2, m->gap),
                         v->app->identity.full_name, UI_FONT_LARGE, UI_ST_NORMAL, UI_ALIGN_LEFT));
    SDL_Rect next = ui_cut_top(&c, m->font_px[UI_FONT_BODY] * 6, m->gap);
    ui_panel(fr, next, UI_ST_SELECTED);
    next = ui_inset(next, m->gap);
    /* no SMS is promised to a citizen who gave no mobile phone */
    ui_label(fr, ui_row(next, 2, 0, m->gap / 2),
             ui_str(v->app && !v->app->phone[0] ? UI_S_DONE_NEXT_MAIL_ONLY : UI_S_DONE_NEXT_SMS,
                    v->lang),
             UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT);
    ui_label(fr, ui_row(next, 2, 1, m->gap / 2), ui_str(UI_S_DONE_NEXT_ACTIVATE, v->lang),
             UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT);
    if (v->printing)
        ui_label(fr, ui_cut_top(&c, lh * 2, 0), ui_astr(UI_AS_PRINTING, v->lang), UI_FONT_SMALL,
                 UI_ST_INFO, UI_ALIGN_LEFT);
    else if (v->receipt_msg[0])
        ui_label(fr, ui_cut_top(&c, lh * 2, 0), v->receipt_msg, UI_FONT_SMALL,
                 v->receipt_ok ? UI_ST_OK : UI_ST_ERROR, UI_ALIGN_LEFT);
    struct ui_footer_btn f[3] = {
        {UI_S_BTN_HOME, UI_A_HOME, 0, UI_ST_NORMAL},
        {0, 0, 0, 0},
        {UI_S_BTN_NEXT_CITIZEN, UI_A_NEXT_CITIZEN, 0, UI_ST_PRIMARY},
    };
    ui_scr_footer(fr, m, v, f, 3);
}
