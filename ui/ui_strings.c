/* ui_strings.c: looks the UI's texts up in the message catalogue (domains MSGD_UI and
 * MSGD_UI_AFTER, kiosk/messages/labels_*.c). Never returns NULL, so a missing entry shows as
 * empty rather than crashing (and tests/messages/test_catalogue catches it). */
#include "ui/ui_strings.h"

#include "kiosk/messages/messages.h"
#include "ui/ui_after.h"
#include "ui/ui_reports.h"

const char *ui_str(enum ui_str_id id, enum msg_lang lang)
{
    if ((int)id <= UI_S_NONE || id >= UI_S_COUNT)
        return "";
    return messages_text(MSGD_UI, (int)id, lang);
}

const char *ui_astr(enum ui_after_str id, enum msg_lang lang)
{
    if ((unsigned)id >= UI_AS_COUNT)
        return "";
    return messages_text(MSGD_UI_AFTER, (int)id, lang);
}

const char *ui_rs(enum ui_rs_id id, enum msg_lang lang)
{
    if ((unsigned)id >= UI_RS_COUNT)
        return "";
    return messages_text(MSGD_UI_REPORTS, (int)id, lang);
}

const char *ui_after_title(enum ui_screen s, enum msg_lang lang)
{
    return ui_astr(s == UI_SCR_RECALL     ? UI_AS_RECALL_TITLE
                   : s == UI_SCR_GUIDANCE ? UI_AS_GUIDANCE_TITLE
                   : s == UI_SCR_PHONEFIX ? UI_AS_FIX_TITLE
                                          : UI_AS_APP_TITLE,
                   lang);
}

const char *ui_str_finger(enum finger f, enum msg_lang lang)
{
    if (f < FINGER_R_THUMB || f > FINGER_L_LITTLE)
        return "";
    return ui_str((enum ui_str_id)(UI_S_FINGER_R_THUMB + (f - FINGER_R_THUMB)), lang);
}

const char *ui_str_exception(enum finger_exception e, enum msg_lang lang)
{
    switch (e) {
    case FINGER_MISSING:
        return ui_str(UI_S_EXC_MISSING, lang);
    case FINGER_BANDAGED:
        return ui_str(UI_S_EXC_BANDAGED, lang);
    case FINGER_SCARRED:
        return ui_str(UI_S_EXC_SCARRED, lang);
    case FINGER_UNREADABLE:
        return ui_str(UI_S_EXC_UNREADABLE, lang);
    default:
        return "";
    }
}

const char *ui_str_status(enum app_status s, enum msg_lang lang)
{
    if ((int)s < 0 || s >= APP_STATUS_COUNT)
        return "";
    return ui_str((enum ui_str_id)(UI_S_STATUS_DRAFT + (int)s), lang);
}
