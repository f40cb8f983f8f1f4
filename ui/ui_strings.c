/* ui_strings.c: looks texts up in the per-language tables. Never returns NULL, so a missing
 * entry shows as empty rather than crashing (and the completeness test catches it). */
#include "ui/ui_strings.h"

const char *ui_str(enum ui_str_id id, enum msg_lang lang)
{
    if ((int)id < 0 || id >= UI_S_COUNT)
        return "";
    const char *s = lang == LANG_EN ? ui_strings_en[id] : ui_strings_vi[id];
    return s ? s : "";
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
