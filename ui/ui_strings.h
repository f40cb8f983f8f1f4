/* ui_strings.h: every text the UI shows, looked up in the message catalogue (kiosk/messages):
 * the ids (enum ui_str_id, enum ui_after_str) are the code lists of kiosk/messages/labels.h and
 * their texts the rows of labels_vi.c (the default) and labels_en.c, in the core library, so
 * the UI module holds no table of its own.
 *
 * Screen code never holds literal text: it names a UI_S_* id and calls ui_str(); the core's
 * own messages (validation, workflow, store) come from msg_text() in kiosk/messages/messages.h.
 * tests/messages/test_catalogue fails on an id without text in either language. */
#ifndef UI_STRINGS_H
#define UI_STRINGS_H

#include "kiosk/messages/messages.h"
#include "kiosk/model/application.h"
#include "kiosk/model/msg.h"

/* The text for id in lang; never NULL ("" for UI_S_NONE or an id out of range). */
const char *ui_str(enum ui_str_id id, enum msg_lang lang);
/* The name of a finger, of an exception reason, of a status, in lang. */
const char *ui_str_finger(enum finger f, enum msg_lang lang);
const char *ui_str_exception(enum finger_exception e, enum msg_lang lang);
const char *ui_str_status(enum app_status s, enum msg_lang lang);

#endif
