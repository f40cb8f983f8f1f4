/* ui_vnkey.h: typing Vietnamese on the on-screen keyboard: letters, then a tone key (sắc,
 * huyền, hỏi, ngã, nặng) and a mark key (â ê ô, ă, ơ ư) that go where Vietnamese spelling puts
 * them in the word being typed, whatever the order they were pressed in ("Nguyen" + ngã +
 * circumflex → "Nguyễn"). The text is kept in NFC.
 *
 * Rules (the traditional placement used on ID cards): the mark goes on the last a/e/o (â ê ô),
 * the last a (ă), the last o (ơ, and the u before it: ươ), else the first u of the last vowel
 * group (ư: Lưu, Mưa, Thư). The tone goes on the vowel
 * that carries a mark; else, when the word ends with a consonant, on its last vowel; else on
 * the second-to-last vowel of a vowel pair ("hòa", "mùa"), after a leading "qu"/"gi". A new
 * tone replaces the word's old one. A letter typed at the start of a word is capitalised. */
#ifndef UI_VNKEY_H
#define UI_VNKEY_H

#include <stddef.h>

enum ui_vn_tone { UI_VN_SAC = 1, UI_VN_HUYEN, UI_VN_HOI, UI_VN_NGA, UI_VN_NANG };
enum ui_vn_mark { UI_VN_HAT = 1, /* â ê ô */ UI_VN_BREVE, /* ă */ UI_VN_HORN /* ơ ư */ };

enum ui_vnkey_err {
    UI_VNKEY_OK = 0,
    UI_VNKEY_EFULL = -1, /* the result does not fit: the text is unchanged */
    UI_VNKEY_ENONE = -2, /* nothing in the last word takes this key: unchanged */
    UI_VNKEY_ETEXT = -3, /* the text is not valid UTF-8: unchanged */
};

/* Each edits the NUL-terminated UTF-8 text in buf (size bytes) in place. */
int ui_vnkey_letter(char *buf, size_t size, char letter); /* a-z, 'd' with mark → đ */
int ui_vnkey_dd(char *buf, size_t size);                  /* đ / Đ */
int ui_vnkey_space(char *buf, size_t size);
int ui_vnkey_tone(char *buf, size_t size, enum ui_vn_tone t);
int ui_vnkey_mark(char *buf, size_t size, enum ui_vn_mark m);
/* Deletes the last character (a whole letter with its marks). */
void ui_vnkey_delete(char *buf);

#endif
