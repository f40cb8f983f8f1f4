/* ui_app_field.c: the controller's part of a mobile unit's field session (ui_screen_field.c).
 * The session is opened and closed through the same store calls as `kiosk field open|close`
 * (kiosk/store/store_field.h: the site joins the known ones, the change is audited with the
 * signed-in officer), and the runner reads the open session when it queues an application,
 * so the touchscreen and the command line are one piece of logic. On a mobile kiosk (station.unit
 * = mobile) Start asks for a session first and the enrolment begins once it is open. */
#include <stdio.h>
#include <string.h>

#include "kiosk/store/store_field.h"
#include "ui/ui_app_int.h"

void ui_app_field_refresh(struct ui_app *a)
{
    struct ui_field_view *f = &a->v.field;
    f->mobile = a->cfg && a->cfg->unit == UNIT_MOBILE;
    f->open = a->st && store_field_current(a->st, &f->current) == 1;
    if (!f->open)
        memset(&f->current, 0, sizeof f->current);
    int n = a->st ? store_field_sites(a->st, f->sites, UI_FIELD_SITES) : 0;
    f->n_sites = n > 0 ? n : 0;
    if (f->sel >= f->n_sites)
        f->sel = -1;
}

int ui_app_field_needed(struct ui_app *a)
{
    ui_app_field_refresh(a);
    return a->v.field.mobile && !a->v.field.open;
}

char *ui_app_field_text(struct ui_app *a, size_t *size)
{
    struct ui_field_view *f = &a->v.field;
    if (a->idle_screen != UI_SCR_FIELD || f->typing != 2)
        return NULL;
    *size = a->v.focus == 1 ? sizeof f->commune : sizeof f->name;
    return a->v.focus == 1 ? f->commune : f->name;
}

static void field_open(struct ui_app *a)
{
    struct ui_field_view *f = &a->v.field;
    struct app_site site;
    memset(&site, 0, sizeof site);
    if (f->typing) {
        snprintf(site.name, sizeof site.name, "%s", f->name);
        snprintf(site.commune, sizeof site.commune, "%s", f->commune);
        if (f->kind >= 0 && app_site_kinds[f->kind])
            snprintf(site.kind, sizeof site.kind, "%s", app_site_kinds[f->kind]);
    } else if (f->sel >= 0 && f->sel < f->n_sites) {
        site = f->sites[f->sel];
    } else {
        return; /* nothing picked: the button is disabled */
    }
    if (!a->st || !f->mobile)
        return;
    int rc = store_field_open(a->st, &site, a->officer_id, a->now_ms);
    if (rc == STORE_EINVAL) {
        ui_app_note(a, MSG_NONE, ui_str(UI_S_FIELD_INVALID, a->lang), 1);
        return;
    }
    if (rc != 0) {
        ui_app_note(a, MSG_NONE, ui_str(UI_S_FIELD_STORE_ERROR, a->lang), 1);
        return;
    }
    char note[200];
    snprintf(note, sizeof note, ui_str(UI_S_FIELD_OPENED, a->lang), site.name);
    int start = f->then_start;
    f->typing = 0;
    f->then_start = 0;
    f->sel = -1;
    a->idle_screen = UI_SCR_HOME;
    ui_app_refresh_home(a);
    if (start) /* Start asked for the session: the enrolment begins now */
        ui_app_wf(a, WF_EV_START);
    ui_app_note(a, MSG_NONE, note, 0);
}

void ui_app_field_action(struct ui_app *a, int action, int arg)
{
    struct ui_field_view *f = &a->v.field;
    switch (action) {
    case UI_A_GOTO_FIELD:
        ui_app_field_refresh(a);
        if (!f->mobile)
            break;
        f->typing = 0;
        f->sel = -1;
        f->then_start = arg == 1;
        a->idle_screen = UI_SCR_FIELD;
        if (f->then_start)
            ui_app_note(a, MSG_NONE, ui_str(UI_S_FIELD_NEEDED, a->lang), 1);
        break;
    case UI_A_FIELD_PICK:
        if (arg >= 0 && arg < f->n_sites)
            f->sel = arg;
        break;
    case UI_A_FIELD_NEW:
        f->typing = 1;
        f->sel = -1;
        f->kind = -1;
        f->name[0] = f->commune[0] = '\0';
        a->v.focus = 0;
        break;
    case UI_A_FIELD_KIND:
        for (int i = 0; app_site_kinds[i]; i++)
            if (i == arg)
                f->kind = arg;
        break;
    case UI_A_FIELD_OPEN:
        field_open(a);
        break;
    case UI_A_FIELD_CLOSE:
        if (a->st && f->open) {
            if (store_field_close(a->st, a->officer_id, a->now_ms) == 0)
                ui_app_note(a, MSG_NONE, ui_str(UI_S_FIELD_CLOSED, a->lang), 0);
            else
                ui_app_note(a, MSG_NONE, ui_str(UI_S_FIELD_STORE_ERROR, a->lang), 1);
        }
        ui_app_field_refresh(a);
        break;
    case UI_A_FIELD_BACK:
        if (f->typing == 2) {
            f->typing = 1;
        } else if (f->typing) {
            f->typing = 0;
        } else {
            a->idle_screen = UI_SCR_HOME;
            ui_app_refresh_home(a);
        }
        break;
    case UI_A_FOCUS: /* a field of the new site tapped: to the keyboard */
        if (f->typing && (arg == 0 || arg == 1)) {
            a->v.focus = arg;
            f->typing = 2;
        }
        break;
    default:
        break;
    }
}
