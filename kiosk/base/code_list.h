/* code_list.h: how a driver declares the codes it returns. Each driver header keeps one list
 * X(NAME, VALUE) per enum (e.g. CARD_CODES in drivers/card/card.h) and builds the enum from
 * it with MSG_CODE_ENUM; the message catalogue's test walks the same list, so a code added
 * to a driver without a sentence in kiosk/messages fails the build of the tests' check. */
#ifndef KIOSK_CODE_LIST_H
#define KIOSK_CODE_LIST_H

#define MSG_CODE_ENUM(name, value) name = (value),

#endif
