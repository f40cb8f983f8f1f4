/* ui_screens.c: the frame every screen shares (header, note line, footer), the modals, and
 * the shared pieces (PIN pad, keyboards, label/value pairs). See ui_screens.h. */
#include "ui/ui_screens.h"
#include "kiosk/messages/messages.h"
#include "kiosk/workflow/policy.h"

#include "ui/ui_after.h"

#include <stdio.h>
#include <string.h>

static const char *const ui_screen_names[UI_SCR_COUNT] = {
    "login",   "home",        "card",     "review",    "portrait",   "fingers",
    "contact", "consent",     "done",     "queue",     "supervisor", "dashboard",
    "recall",  "application", "guidance", "phone-fix", "field",
};

const char *ui_screen_name(enum ui_screen s)
{
    return (unsigned)s < UI_SCR_COUNT ? ui_screen_names[s] : "?";
}

static const enum ui_str_id ui_screen_titles[UI_SCR_COUNT] = {
    [UI_SCR_LOGIN] = UI_S_LOGIN_TITLE,       [UI_SCR_HOME] = UI_S_HOME_TITLE,
    [UI_SCR_CARD] = UI_S_CARD_TITLE,         [UI_SCR_REVIEW] = UI_S_REVIEW_TITLE,
    [UI_SCR_PORTRAIT] = UI_S_PORTRAIT_TITLE, [UI_SCR_FINGERS] = UI_S_FINGERS_TITLE,
    [UI_SCR_CONTACT] = UI_S_CONTACT_TITLE,   [UI_SCR_CONSENT] = UI_S_CONSENT_TITLE,
    [UI_SCR_DONE] = UI_S_DONE_TITLE,         [UI_SCR_QUEUE] = UI_S_QUEUE_TITLE,
    [UI_SCR_SUPERVISOR] = UI_S_SUP_TITLE,    [UI_SCR_FIELD] = UI_S_FIELD_TITLE,
};

void ui_scr_dots(int n, char *out, size_t outlen)
{
    /* U+2022 BULLET (in Noto Sans), 3 bytes in UTF-8 */
    size_t used = 0;
    out[0] = 0;
    for (int i = 0; i < n && used + 4 < outlen; i++) {
        memcpy(out + used, "\xE2\x80\xA2", 3);
        used += 3;
        out[used] = 0;
    }
}

void ui_scr_pair(struct ui_frame *fr, SDL_Rect r, int label_w, const char *label, const char *value,
                 enum ui_font_role font)
{
    SDL_Rect l = ui_cut_left(&r, label_w, 8);
    ui_label(fr, l, label, font == UI_FONT_SMALL ? UI_FONT_SMALL : font - 1, UI_ST_MUTED,
             UI_ALIGN_LEFT);
    ui_bold(ui_label(fr, r, value, font, UI_ST_NORMAL, UI_ALIGN_LEFT));
}

static SDL_Rect ui_footer_rect(const struct ui_metrics *m)
{
    SDL_Rect f = {0, m->h - m->footer_h, m->w, m->footer_h};
    return f;
}

void ui_scr_footer(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   const struct ui_footer_btn *btns, int n)
{
    SDL_Rect f = ui_inset(ui_footer_rect(m), 0);
    f.x += m->pad;
    f.w -= 2 * m->pad;
    f.y += (m->footer_h - m->btn_h) / 2;
    f.h = m->btn_h;
    int bw = (f.w - 2 * m->gap) / 3;
    if (bw > m->w / 4 + m->pad)
        bw = m->w / 4 + m->pad;
    for (int i = 0; i < n && i < 3; i++) {
        if (!btns[i].action)
            continue;
        SDL_Rect b = {f.x, f.y, bw, f.h};
        if (i == 1)
            b.x = f.x + (f.w - bw) / 2;
        else if (i == 2)
            b.x = f.x + f.w - bw;
        ui_button(fr, b, ui_str(btns[i].text, v->lang), btns[i].action, btns[i].arg, btns[i].style);
    }
}

void ui_scr_pinpad(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                   SDL_Rect r)
{
    int key_h = (r.h - m->btn_h - 4 * m->gap) / 4;
    if (key_h > m->btn_h * 3 / 2)
        key_h = m->btn_h * 3 / 2;
    int key_w = (r.w - 2 * m->gap) / 3;
    if (key_w > key_h * 2)
        key_w = key_h * 2;
    int pad_w = 3 * key_w + 2 * m->gap;
    SDL_Rect area = {r.x + (r.w - pad_w) / 2, r.y, pad_w, r.h};
    char dots[64];
    ui_scr_dots(v->pin_len, dots, sizeof(dots));
    struct ui_widget *field = ui_add(fr, UI_W_FIELD, ui_cut_top(&area, m->btn_h, m->gap),
                                     v->pin_checking ? msg_text(MSG_PIN_CHECKING, v->lang) : dots);
    if (field) {
        field->arg2 = 1;
        field->font = v->pin_checking ? UI_FONT_BODY : UI_FONT_LARGE;
    }
    static const int digits[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 0, -2};
    for (int i = 0; i < 12; i++) {
        SDL_Rect k = {area.x + (i % 3) * (key_w + m->gap), area.y + (i / 3) * (key_h + m->gap),
                      key_w, key_h};
        struct ui_widget *w;
        if (digits[i] >= 0) {
            char t[2] = {(char)('0' + digits[i]), 0};
            w = ui_button(fr, k, t, UI_A_PIN_DIGIT, digits[i], UI_ST_NORMAL);
            if (w)
                w->font = UI_FONT_TITLE;
        } else if (digits[i] == -1) {
            ui_button(fr, k, ui_str(UI_S_BTN_DELETE, v->lang), UI_A_PIN_DEL, 0, UI_ST_NORMAL);
        } else {
            ui_button(fr, k, ui_str(UI_S_BTN_CONFIRM, v->lang), UI_A_PIN_OK, 0,
                      v->pin_len >= 6 && v->officer_sel >= 0 && !v->pin_checking ? UI_ST_PRIMARY
                                                                                 : UI_ST_DISABLED);
        }
    }
}

/* A keyboard of n_rows rows of 10 keys with gap kg in r: the keys' height (at most a button's)
 * and width (at most 3:2), and the left edge that centres the rows. */
static void ui_key_grid(const struct ui_metrics *m, SDL_Rect r, int n_rows, int kg, int *key_h,
                        int *key_w, int *x0)
{
    *key_h = (r.h - (n_rows - 1) * kg) / n_rows;
    if (*key_h > m->btn_h)
        *key_h = m->btn_h;
    *key_w = (r.w - 9 * kg) / 10;
    if (*key_w > *key_h * 3 / 2)
        *key_w = *key_h * 3 / 2;
    *x0 = r.x + (r.w - (10 * *key_w + 9 * kg)) / 2;
}

/* The Vietnamese name keyboard: letters and đ, space, the five tones shown on "a", the
 * vowel marks (â ê ô, ă, ơ ư), delete; ui_vnkey.c places tones and marks. */
static void ui_scr_keyboard_name(struct ui_frame *fr, const struct ui_metrics *m,
                                 const struct ui_view *v, SDL_Rect r)
{
    int kg = m->gap / 2 + 1, key_h, key_w, x0;
    ui_key_grid(m, r, 5, kg, &key_h, &key_w, &x0);
    static const char *const rows[3] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    for (int row = 0; row < 3; row++) {
        int y = r.y + row * (key_h + kg);
        int i = 0;
        for (; rows[row][i]; i++) {
            SDL_Rect k = {x0 + i * (key_w + kg), y, key_w, key_h};
            char t[2] = {rows[row][i], 0};
            ui_button(fr, k, t, UI_A_KEY, (unsigned char)rows[row][i], UI_ST_NORMAL);
        }
        if (row == 1) { /* đ ends the middle row */
            SDL_Rect k = {x0 + i * (key_w + kg), y, key_w, key_h};
            ui_button(fr, k, "\xC4\x91", UI_A_KEY, 2, UI_ST_NORMAL);
        } else if (row == 2) { /* the space bar */
            SDL_Rect k = {x0 + i * (key_w + kg), y, 3 * key_w + 2 * kg, key_h};
            ui_button(fr, k, ui_str(UI_S_KEY_SPACEBAR, v->lang), UI_A_KEY, ' ', UI_ST_NORMAL);
        }
    }
    /* the tones on "a": á à ả ã ạ, each two keys wide */
    static const char *const tones[5] = {"\xC3\xA1", "\xC3\xA0", "\xE1\xBA\xA3", "\xC3\xA3",
                                         "\xE1\xBA\xA1"};
    int y = r.y + 3 * (key_h + kg);
    for (int i = 0; i < 5; i++) {
        SDL_Rect k = {x0 + 2 * i * (key_w + kg), y, 2 * key_w + kg, key_h};
        ui_button(fr, k, tones[i], UI_A_VN_TONE, i + 1, UI_ST_SELECTED);
    }
    /* the marks: â ê ô / ă / ơ ư, then delete */
    static const char *const marks[3] = {"\xC3\xA2 \xC3\xAA \xC3\xB4", "\xC4\x83",
                                         "\xC6\xA1 \xC6\xB0"};
    y += key_h + kg;
    for (int i = 0; i < 3; i++) {
        SDL_Rect k = {x0 + 2 * i * (key_w + kg), y, 2 * key_w + kg, key_h};
        ui_button(fr, k, marks[i], UI_A_VN_MARK, i + 1, UI_ST_SELECTED);
    }
    SDL_Rect del = {x0 + 6 * (key_w + kg), y, 4 * key_w + 3 * kg, key_h};
    ui_button(fr, del, ui_str(UI_S_BTN_DELETE, v->lang), UI_A_KEY_DEL, 0, UI_ST_NORMAL);
}

void ui_scr_keyboard(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                     SDL_Rect r, enum ui_kb kind)
{
    int kg = m->gap / 2 + 1;
    if (kind == UI_KB_NUMERIC) {
        int key_h = (r.h - 3 * kg) / 4;
        if (key_h > m->btn_h * 3 / 2)
            key_h = m->btn_h * 3 / 2;
        int key_w = (r.w - 2 * kg) / 3;
        if (key_w > key_h * 2)
            key_w = key_h * 2;
        int x0 = r.x + (r.w - (3 * key_w + 2 * kg)) / 2;
        static const int keys[12] = {'1', '2', '3', '4', '5', '6', '7', '8', '9', -1, '0', -2};
        for (int i = 0; i < 12; i++) {
            SDL_Rect k = {x0 + (i % 3) * (key_w + kg), r.y + (i / 3) * (key_h + kg), key_w, key_h};
            if (keys[i] > 0) {
                char t[2] = {(char)keys[i], 0};
                struct ui_widget *w = ui_button(fr, k, t, UI_A_KEY, keys[i], UI_ST_NORMAL);
                if (w)
                    w->font = UI_FONT_TITLE;
            } else if (keys[i] == -1) {
                ui_button(fr, k, ui_str(UI_S_KEY_SPACE, v->lang), UI_A_KEY_CLEAR, 0, UI_ST_NORMAL);
            } else {
                ui_button(fr, k, ui_str(UI_S_BTN_DELETE, v->lang), UI_A_KEY_DEL, 0, UI_ST_NORMAL);
            }
        }
        return;
    }
    if (kind == UI_KB_NAME) {
        ui_scr_keyboard_name(fr, m, v, r);
        return;
    }
    static const char *const rows[4] = {"1234567890", "qwertyuiop", "asdfghjkl@", "zxcvbnm.-_"};
    int n_rows = kind == UI_KB_SEARCH ? 4 : 5, key_h, key_w, x0;
    ui_key_grid(m, r, n_rows, kg, &key_h, &key_w, &x0);
    for (int row = 0; row < 4; row++) {
        for (int i = 0; i < 10; i++) {
            SDL_Rect k = {x0 + i * (key_w + kg), r.y + row * (key_h + kg), key_w, key_h};
            char ch = rows[row][i];
            if (kind == UI_KB_SEARCH && row == 3 && i >= 7) {
                /* the search keyboard ends its last row with delete instead of . - _ */
                k.w = 3 * key_w + 2 * kg;
                ui_button(fr, k, ui_str(UI_S_BTN_DELETE, v->lang), UI_A_KEY_DEL, 0, UI_ST_NORMAL);
                break;
            }
            if (kind == UI_KB_SEARCH && ch == '@')
                continue;
            char t[2] = {ch, 0};
            ui_button(fr, k, t, UI_A_KEY, (unsigned char)ch, UI_ST_NORMAL);
        }
    }
    if (kind == UI_KB_SEARCH)
        return;
    /* last row: the common domain ending, clear and delete, each 3 or 4 keys wide */
    int y = r.y + 4 * (key_h + kg);
    SDL_Rect dom = {x0, y, 4 * key_w + 3 * kg, key_h};
    ui_button(fr, dom, "@gmail.com", UI_A_KEY, 1, UI_ST_NORMAL);
    SDL_Rect clr = {x0 + 4 * (key_w + kg), y, 3 * key_w + 2 * kg, key_h};
    ui_button(fr, clr, ui_str(UI_S_KEY_SPACE, v->lang), UI_A_KEY_CLEAR, 0, UI_ST_NORMAL);
    SDL_Rect del = {x0 + 7 * (key_w + kg), y, 3 * key_w + 2 * kg, key_h};
    ui_button(fr, del, ui_str(UI_S_BTN_DELETE, v->lang), UI_A_KEY_DEL, 0, UI_ST_NORMAL);
}

static void ui_header(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v)
{
    SDL_Rect h = {0, 0, m->w, m->header_h};
    ui_panel(fr, h, UI_ST_HEADER);
    SDL_Rect in = {m->pad, (m->header_h - m->btn_h) / 2, m->w - 2 * m->pad, m->btn_h};
    int bw = m->target * 2 + m->pad > m->w / 10 ? m->target * 2 + m->pad : m->w / 10;
    ui_button(fr, ui_cut_right(&in, bw, m->gap), ui_str(UI_S_LANG_OTHER, v->lang), UI_A_LANG, 0,
              UI_ST_HEADER);
    if (v->officer_name[0]) {
        ui_button(fr, ui_cut_right(&in, bw, m->gap), ui_str(UI_S_BTN_LOGOUT, v->lang), UI_A_LOGOUT,
                  0, UI_ST_HEADER);
        SDL_Rect who = ui_cut_right(&in, in.w / 3, m->gap);
        SDL_Rect name = ui_row(who, 2, 0, 0), role = ui_row(who, 2, 1, 0);
        ui_bold(ui_label(fr, name, v->officer_name, UI_FONT_SMALL, UI_ST_HEADER, UI_ALIGN_RIGHT));
        ui_label(fr, role,
                 ui_str(v->officer_supervisor ? UI_S_ROLE_SUPERVISOR : UI_S_ROLE_OFFICER, v->lang),
                 UI_FONT_SMALL, UI_ST_HEADER, UI_ALIGN_RIGHT);
    }
    if (v->sim_devices) {
        SDL_Rect sim = ui_cut_right(&in, in.w / 4, m->gap);
        sim = ui_inset(sim, m->gap / 2);
        struct ui_widget *b = ui_add(fr, UI_W_BADGE, sim, ui_str(UI_S_SIM_DEVICES, v->lang));
        if (b) {
            b->style = UI_ST_WARN;
            b->font = UI_FONT_SMALL;
        }
    }
    enum ui_str_id title = v->modal == UI_MODAL_MANUAL           ? UI_S_MANUAL_TITLE
                           : v->modal == UI_MODAL_SUPERVISOR_PIN ? UI_S_SUPPIN_TITLE
                           : v->modal == UI_MODAL_EXCEPTION      ? UI_S_EXC_PICK
                                                                 : ui_screen_titles[v->screen];
    const char *text = ui_str(title, v->lang);
    if (v->modal == UI_MODAL_NONE && v->screen == UI_SCR_SUPERVISOR)
        text = ui_rs(UI_RS_EXPORT_TITLE, v->lang);
    else if (v->modal == UI_MODAL_NONE && v->screen == UI_SCR_DASHBOARD)
        text = ui_rs(UI_RS_DASH_TITLE, v->lang);
    else if (v->modal == UI_MODAL_NONE &&
             (v->screen == UI_SCR_RECALL || v->screen == UI_SCR_APP ||
              v->screen == UI_SCR_GUIDANCE || v->screen == UI_SCR_PHONEFIX))
        text = ui_after_title(v->screen, v->lang);
    ui_bold(ui_label(fr, in, text, UI_FONT_TITLE, UI_ST_HEADER, UI_ALIGN_LEFT));
}

static void ui_modal_supervisor(struct ui_frame *fr, const struct ui_metrics *m,
                                const struct ui_view *v, SDL_Rect c)
{
    if (v->n_approval_reasons > 1) {
        /* the rule wants a reason from its fixed list: one button each, above the PIN pad;
         * on a short screen (the pad's keys would fall under the touch target) in a column
         * on the left instead */
        int column = c.h - m->btn_h - m->gap < 5 * (m->target + m->gap);
        SDL_Rect area =
            column ? ui_cut_left(&c, c.w / 5, m->pad) : ui_cut_top(&c, m->btn_h, m->gap);
        for (int i = 0; i < v->n_approval_reasons; i++)
            ui_button(fr,
                      column ? ui_row(area, v->n_approval_reasons, i, m->gap)
                             : ui_col(area, v->n_approval_reasons, i, m->gap),
                      pol_reason_text(v->approval_reasons[i], v->lang), UI_A_APPROVAL_REASON, i,
                      i == v->approval_reason_sel ? UI_ST_SELECTED : UI_ST_NORMAL);
    }
    ui_scr_login(fr, m, v, c);
    struct ui_footer_btn f[3] = {{UI_S_BTN_CANCEL, UI_A_MODAL_CLOSE, 0, UI_ST_NORMAL}};
    ui_scr_footer(fr, m, v, f, 1);
}

static void ui_modal_exception(struct ui_frame *fr, const struct ui_metrics *m,
                               const struct ui_view *v, SDL_Rect c)
{
    ui_bold(ui_label(fr, ui_cut_top(&c, m->font_px[UI_FONT_LARGE] * 2, m->gap),
                     ui_str_finger(v->current_finger, v->lang), UI_FONT_LARGE, UI_ST_NORMAL,
                     UI_ALIGN_CENTER));
    int bh = (c.h - m->gap) / 2;
    if (bh > m->btn_h * 2)
        bh = m->btn_h * 2;
    SDL_Rect grid = {c.x, c.y, c.w, 2 * bh + m->gap};
    static const enum finger_exception reasons[4] = {FINGER_MISSING, FINGER_BANDAGED,
                                                     FINGER_SCARRED, FINGER_UNREADABLE};
    for (int i = 0; i < 4; i++) {
        SDL_Rect row = ui_row(grid, 2, i / 2, m->gap);
        ui_button(fr, ui_col(row, 2, i % 2, m->gap), ui_str_exception(reasons[i], v->lang),
                  UI_A_EXCEPTION_REASON, reasons[i], UI_ST_NORMAL);
    }
    struct ui_footer_btn f[3] = {{UI_S_BTN_CANCEL, UI_A_MODAL_CLOSE, 0, UI_ST_NORMAL}};
    ui_scr_footer(fr, m, v, f, 1);
}

void ui_screen_build(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v)
{
    ui_frame_reset(fr);
    SDL_Rect all = {0, 0, m->w, m->h};
    ui_panel(fr, all, UI_ST_NORMAL);
    ui_header(fr, m, v);
    int note_h = m->font_px[UI_FONT_SMALL] * 3 / 2 + 4;
    SDL_Rect content = {m->pad, m->header_h + m->pad, m->w - 2 * m->pad,
                        m->h - m->header_h - m->footer_h - note_h - m->pad};
    SDL_Rect note = {m->pad, m->h - m->footer_h - note_h, m->w - 2 * m->pad, note_h};
    if (v->note[0])
        ui_label(fr, note, v->note, UI_FONT_SMALL, v->note_error ? UI_ST_ERROR : UI_ST_MUTED,
                 UI_ALIGN_LEFT);
    if (v->modal == UI_MODAL_SUPERVISOR_PIN) {
        ui_modal_supervisor(fr, m, v, content);
        return;
    }
    if (v->modal == UI_MODAL_EXCEPTION) {
        ui_modal_exception(fr, m, v, content);
        return;
    }
    if (v->modal == UI_MODAL_MANUAL) {
        ui_scr_manual(fr, m, v, content);
        return;
    }
    switch (v->screen) {
    case UI_SCR_LOGIN:
        ui_scr_login(fr, m, v, content);
        break;
    case UI_SCR_HOME:
        ui_scr_home(fr, m, v, content);
        break;
    case UI_SCR_CARD:
        ui_scr_card(fr, m, v, content);
        break;
    case UI_SCR_REVIEW:
        ui_scr_review(fr, m, v, content);
        break;
    case UI_SCR_PORTRAIT:
        ui_scr_portrait(fr, m, v, content);
        break;
    case UI_SCR_FINGERS:
        ui_scr_fingers(fr, m, v, content);
        break;
    case UI_SCR_CONTACT:
        ui_scr_contact(fr, m, v, content);
        break;
    case UI_SCR_CONSENT:
        ui_scr_consent(fr, m, v, content);
        break;
    case UI_SCR_DONE:
        ui_scr_done(fr, m, v, content);
        break;
    case UI_SCR_QUEUE:
        ui_scr_queue(fr, m, v, content);
        break;
    case UI_SCR_SUPERVISOR:
        ui_scr_supervisor(fr, m, v, content);
        break;
    case UI_SCR_DASHBOARD:
        ui_scr_dashboard(fr, m, v, content);
        break;
    case UI_SCR_RECALL:
        ui_scr_recall(fr, m, v, content);
        break;
    case UI_SCR_APP:
        ui_scr_app(fr, m, v, content);
        break;
    case UI_SCR_GUIDANCE:
        ui_scr_guidance(fr, m, v, content);
        break;
    case UI_SCR_PHONEFIX:
        ui_scr_phonefix(fr, m, v, content);
        break;
    case UI_SCR_FIELD:
        ui_scr_field(fr, m, v, content);
        break;
    default:
        break;
    }
}
