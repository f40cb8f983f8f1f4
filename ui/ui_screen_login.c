/* ui_screen_login.c: the officer sign-in (also used by the supervisor-PIN modal) and the
 * home screen. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_after.h"
#include "kiosk/devices/power.h"
#include "kiosk/export/export_waiting.h"
#include "ui/ui_screens.h"

void ui_scr_login(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                  SDL_Rect c)
{
    SDL_Rect left = ui_cut_left(&c, c.w * 45 / 100, m->pad * 2);
    int head = m->font_px[UI_FONT_BODY] * 3 / 2;
    enum ui_str_id pick = v->modal == UI_MODAL_SUPERVISOR_PIN ? UI_S_SUPPIN_WHY : UI_S_LOGIN_PICK;
    ui_label(fr, ui_cut_top(&left, head, m->gap), ui_str(pick, v->lang), UI_FONT_BODY, UI_ST_MUTED,
             UI_ALIGN_LEFT);
    if (v->n_officers == 0) {
        ui_label(fr, left, ui_str(UI_S_LOGIN_NO_OFFICERS, v->lang), UI_FONT_BODY, UI_ST_WARN,
                 UI_ALIGN_LEFT);
    }
    int fit = (left.h + m->gap) / (m->btn_h + m->gap);
    for (int i = 0; i < v->n_officers && i < fit; i++) {
        SDL_Rect b = ui_cut_top(&left, m->btn_h, m->gap);
        struct ui_widget *w = ui_button(fr, b, v->officers[i].name, UI_A_OFFICER, i,
                                        i == v->officer_sel ? UI_ST_SELECTED : UI_ST_NORMAL);
        if (w) {
            w->align = UI_ALIGN_LEFT;
            w->bold = i == v->officer_sel;
        }
    }
    ui_label(fr, ui_cut_top(&c, head, m->gap), ui_str(UI_S_LOGIN_PIN, v->lang), UI_FONT_BODY,
             UI_ST_MUTED, UI_ALIGN_CENTER);
    ui_scr_pinpad(fr, m, v, c);
}

/* The banner above the counts: where a mobile unit works (or that no session is open), the
 * applications waiting on this kiosk with the oldest's age, those that miss the deadline
 * unless delivered or handed over today (by short number), and what was handed over on a
 * stick and not yet confirmed. The number of lines (0 none) for the layout. */
static int ui_home_banner_lines(const struct ui_view *v)
{
    const struct ui_wait_view *w = &v->wait;
    return (v->field.mobile || v->sync.site[0]) + v->power.known + (w->waiting > 0) +
           2 * (w->due_today + w->overdue > 0) +
           (v->sync.handed_over > 0) * (w->n_handed > 0 ? 2 : 1);
}

/* ", HN0101-…, HN0101-…" of n short numbers into out (after what it holds). */
static void ui_short_list(char *out, size_t size, const char list[][APP_SHORT_NO_SIZE], int n,
                          long total)
{
    size_t used = strlen(out);
    for (int i = 0; i < n && used + 2 < size; i++) {
        snprintf(out + used, size - used, "%s%s", i ? ", " : " — ", list[i]);
        used = strlen(out);
    }
    if (total > n && used + 2 < size)
        snprintf(out + used, size - used, ", …");
}

static void ui_home_banner(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                           SDL_Rect p)
{
    const struct ui_wait_view *w = &v->wait;
    int lh = m->font_px[UI_FONT_SMALL] * 3 / 2;
    char line[400], age[48];
    if (v->sync.site[0]) {
        snprintf(line, sizeof line, "%s: %s", ui_str(UI_S_FIELD_SITE, v->lang), v->sync.site);
        ui_bold(
            ui_label(fr, ui_cut_top(&p, lh, 0), line, UI_FONT_SMALL, UI_ST_NORMAL, UI_ALIGN_LEFT));
    } else if (v->field.mobile) { /* a mobile unit with no session: enrolment asks for one */
        ui_bold(ui_label(fr, ui_cut_top(&p, lh, 0), ui_str(UI_S_FIELD_NONE, v->lang), UI_FONT_SMALL,
                         UI_ST_WARN, UI_ALIGN_LEFT));
    }
    if (v->power.known) {
        const struct ui_power_view *pw = &v->power;
        snprintf(line, sizeof line, ui_str(UI_S_POWER_LINE, v->lang), pw->percent);
        size_t used = strlen(line);
        snprintf(line + used, sizeof line - used, ", %s",
                 ui_str(pw->on_battery ? UI_S_POWER_ON_BATTERY
                        : pw->charging ? UI_S_POWER_CHARGING
                                       : UI_S_POWER_MAINS,
                        v->lang));
        ui_label(fr, ui_cut_top(&p, lh, 0), line, UI_FONT_SMALL,
                 pw->level == POWER_CRITICAL ? UI_ST_ERROR
                 : pw->level == POWER_WARN   ? UI_ST_WARN
                                             : UI_ST_NORMAL,
                 UI_ALIGN_LEFT);
    }
    if (w->waiting > 0) {
        export_waiting_age(w->oldest_ms, w->now_ms, v->lang == LANG_EN, age, sizeof age);
        snprintf(line, sizeof line, ui_str(UI_S_WAIT_LINE, v->lang), w->waiting, age);
        if (!w->trusted) {
            size_t used = strlen(line);
            snprintf(line + used, sizeof line - used, " %s", ui_str(UI_S_WAIT_UNTRUSTED, v->lang));
        }
        ui_label(fr, ui_cut_top(&p, lh, 0), line, UI_FONT_SMALL, UI_ST_NORMAL, UI_ALIGN_LEFT);
    }
    if (w->due_today + w->overdue > 0) {
        snprintf(line, sizeof line, ui_str(UI_S_WAIT_DUE, v->lang), w->due_today);
        if (w->overdue > 0) {
            size_t used = strlen(line);
            snprintf(line + used, sizeof line - used, ", ");
            used = strlen(line);
            snprintf(line + used, sizeof line - used, ui_str(UI_S_WAIT_OVERDUE, v->lang),
                     w->overdue);
        }
        ui_short_list(line, sizeof line, w->late, w->n_late, w->due_today + w->overdue);
        ui_bold(ui_label(fr, ui_cut_top(&p, 2 * lh, 0), line, UI_FONT_SMALL, UI_ST_ERROR,
                         UI_ALIGN_LEFT));
    }
    if (v->sync.handed_over > 0) {
        snprintf(line, sizeof line, "%s: %ld", ui_str(UI_S_HANDED_OVER, v->lang),
                 v->sync.handed_over);
        ui_short_list(line, sizeof line, w->handed_list, w->n_handed, w->handed);
        ui_label(fr, ui_cut_top(&p, w->n_handed > 0 ? 2 * lh : lh, 0), line, UI_FONT_SMALL,
                 UI_ST_INFO, UI_ALIGN_LEFT);
    }
}

static void ui_home_sync(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                         SDL_Rect p)
{
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    SDL_Rect top = ui_cut_top(&p, lh, m->gap / 2);
    SDL_Rect dot = ui_cut_left(&top, lh * 2 / 3, m->gap);
    dot = ui_fit_aspect(dot, 1, 1);
    struct ui_widget *w = ui_add(fr, UI_W_ART, dot, NULL);
    if (w) {
        w->art = UI_ART_DOT;
        w->value = !v->sync.known ? 2 : v->sync.online ? 1 : 0;
    }
    ui_bold(ui_label(fr, top,
                     ui_str(v->sync.online ? UI_S_SYNC_ONLINE : UI_S_SYNC_OFFLINE, v->lang),
                     UI_FONT_BODY, v->sync.online ? UI_ST_OK : UI_ST_WARN, UI_ALIGN_LEFT));
    int lw = p.w / 2;
    char num[32];
    snprintf(num, sizeof(num), "%ld", v->sync.pending);
    ui_scr_pair(fr, ui_cut_top(&p, lh, 0), lw, ui_str(UI_S_SYNC_PENDING, v->lang), num,
                UI_FONT_BODY);
    ui_scr_pair(fr, ui_cut_top(&p, lh, 0), lw, ui_str(UI_S_SYNC_LAST, v->lang),
                v->sync.last_success[0] ? v->sync.last_success : ui_str(UI_S_SYNC_NEVER, v->lang),
                UI_FONT_BODY);
    if (v->sync.last_error[0]) {
        SDL_Rect e = ui_cut_top(&p, lh * 2, 0);
        ui_scr_pair(fr, e, lw, ui_str(UI_S_SYNC_ERROR, v->lang), v->sync.last_error, UI_FONT_SMALL);
    }
}

void ui_scr_home(struct ui_frame *fr, const struct ui_metrics *m, const struct ui_view *v,
                 SDL_Rect c)
{
    SDL_Rect left = ui_cut_left(&c, c.w * 40 / 100, m->pad * 2);
    int big = left.h / 2 - m->gap;
    if (big > m->btn_h * 3)
        big = m->btn_h * 3;
    /* room below for the queue, the recall list, the guidance (beside a mobile unit's field
     * session when there are five) and the supervisor's screen */
    if (big > left.h - m->pad - 4 * (m->btn_h + m->gap))
        big = left.h - m->pad - 4 * (m->btn_h + m->gap);
    if (big < m->btn_h)
        big = m->btn_h;
    struct ui_widget *s = ui_button(fr, ui_cut_top(&left, big, m->pad),
                                    ui_str(UI_S_HOME_START, v->lang), UI_A_START, 0, UI_ST_PRIMARY);
    if (s)
        s->font = UI_FONT_TITLE;
    ui_button(fr, ui_cut_top(&left, m->btn_h, m->gap), ui_str(UI_S_HOME_QUEUE, v->lang),
              UI_A_GOTO_QUEUE, 0, UI_ST_NORMAL);
    char recall[96];
    snprintf(recall, sizeof recall, ui_astr(UI_AS_HOME_RECALL, v->lang), v->recall_count);
    ui_button(fr, ui_cut_top(&left, m->btn_h, m->gap), recall, UI_A_GOTO_RECALL, 0,
              v->recall_count > 0 ? UI_ST_WARN : UI_ST_NORMAL);
    SDL_Rect guide = ui_cut_top(&left, m->btn_h, m->gap);
    if (v->field.mobile && v->officer_supervisor) {
        SDL_Rect half = ui_cut_left(&guide, (guide.w - m->gap) / 2, m->gap);
        ui_button(fr, half, ui_str(UI_S_HOME_FIELD, v->lang), UI_A_GOTO_FIELD, 0,
                  v->field.open ? UI_ST_NORMAL : UI_ST_WARN);
    } else if (v->field.mobile) {
        ui_button(fr, ui_cut_top(&left, m->btn_h, m->gap), ui_str(UI_S_HOME_FIELD, v->lang),
                  UI_A_GOTO_FIELD, 0, v->field.open ? UI_ST_NORMAL : UI_ST_WARN);
    }
    ui_button(fr, guide, ui_astr(UI_AS_HOME_GUIDANCE, v->lang), UI_A_GOTO_GUIDANCE, 0,
              UI_ST_NORMAL);
    if (v->officer_supervisor)
        ui_button(fr, ui_cut_top(&left, m->btn_h, m->gap), ui_rs(UI_RS_HOME_BUTTON, v->lang),
                  UI_A_GOTO_DASHBOARD, 0, UI_ST_NORMAL);

    /* right: today's count and the sync state side by side, notices below */
    int lh = m->font_px[UI_FONT_BODY] * 3 / 2;
    int top_h = lh * 5 + 2 * m->gap;
    if (v->sync.last_error[0])
        top_h += lh * 2;
    if (top_h > c.h / 2 + lh * 2)
        top_h = c.h / 2 + lh * 2;
    int banner = ui_home_banner_lines(v);
    if (banner > 0) {
        SDL_Rect b = ui_cut_top(&c, banner * (m->font_px[UI_FONT_SMALL] * 3 / 2) + m->gap, m->pad);
        ui_panel(fr, b, UI_ST_CARD);
        ui_home_banner(fr, m, v, ui_inset(b, m->gap / 2));
    }
    /* a full banner on a small screen: the counts give way so the notices keep two lines */
    if (top_h > c.h - m->pad - 2 * lh - 3 * m->gap && c.h - m->pad - 2 * lh - 3 * m->gap >= lh * 4)
        top_h = c.h - m->pad - 2 * lh - 3 * m->gap;
    SDL_Rect top = ui_cut_top(&c, top_h, m->pad);
    SDL_Rect today = ui_cut_left(&top, top.w / 3, m->pad);
    ui_panel(fr, today, UI_ST_CARD);
    today = ui_inset(today, m->gap);
    ui_label(fr, ui_cut_top(&today, lh * 2, 0), ui_str(UI_S_HOME_TODAY, v->lang), UI_FONT_BODY,
             UI_ST_MUTED, UI_ALIGN_CENTER);
    char num[32];
    snprintf(num, sizeof(num), "%ld", v->today_count);
    ui_bold(ui_label(fr, today, num, UI_FONT_HUGE, UI_ST_NORMAL, UI_ALIGN_CENTER));
    ui_panel(fr, top, UI_ST_CARD);
    ui_home_sync(fr, m, v, ui_inset(top, m->gap));

    ui_panel(fr, c, UI_ST_CARD);
    SDL_Rect n = ui_inset(c, m->gap);
    ui_bold(ui_label(fr, ui_cut_top(&n, lh, m->gap / 2), ui_str(UI_S_NOTICES, v->lang),
                     UI_FONT_BODY, UI_ST_NORMAL, UI_ALIGN_LEFT));
    if (v->n_notices == 0)
        ui_label(fr, ui_cut_top(&n, lh, 0), ui_str(UI_S_NO_NOTICES, v->lang), UI_FONT_BODY,
                 UI_ST_MUTED, UI_ALIGN_LEFT);
    for (int i = 0; i < v->n_notices; i++) {
        if (n.h < m->btn_h)
            break;
        SDL_Rect row = ui_cut_top(&n, m->btn_h, m->gap / 2);
        ui_button(fr, ui_cut_right(&row, m->btn_h * 2, m->gap), ui_str(UI_S_BTN_CLOSE, v->lang),
                  UI_A_NOTICE_CLOSE, i, UI_ST_NORMAL);
        const struct ui_view_notice *no = &v->notices[i];
        int rejected = strcmp(no->kind, "rejected") == 0;
        SDL_Rect what = ui_row(row, 2, 0, 0), which = ui_row(row, 2, 1, 0);
        ui_bold(ui_label(fr, what,
                         ui_str(rejected ? UI_S_NOTICE_REJECTED : UI_S_NOTICE_FAILED, v->lang),
                         UI_FONT_SMALL, rejected ? UI_ST_ERROR : UI_ST_WARN, UI_ALIGN_LEFT));
        char line[240];
        if (no->who[0])
            snprintf(line, sizeof(line), "%s  %s", no->when, no->who);
        else
            snprintf(line, sizeof(line), "%s  %.13s", no->when, no->app_id);
        ui_label(fr, which, line, UI_FONT_SMALL, UI_ST_MUTED, UI_ALIGN_LEFT);
    }
    struct ui_footer_btn f[3] = {{0}};
    ui_scr_footer(fr, m, v, f, 0);
}
