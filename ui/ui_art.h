/* ui_art.h: the few drawings of the UI, made of primitives so they scale to any window and
 * need no image files: the card on its reader, the hands with the finger to place, the face
 * guide over the camera preview, a status dot. */
#ifndef UI_ART_H
#define UI_ART_H

#include "ui/ui_frame.h"

enum ui_art_id {
    UI_ART_CARD = 1, /* value: 1 reading (waves), 2 failed */
    UI_ART_HAND,     /* value: 0 left, 1 right; data: const int[11] finger states */
    UI_ART_DOT,      /* value: 1 ok (green), 0 error (red), 2 warn */
};

/* Finger states in the UI_ART_HAND data array (indexed by enum finger). */
enum ui_finger_state {
    UI_FS_UNUSED = 0, /* not asked for */
    UI_FS_PENDING,
    UI_FS_CURRENT,
    UI_FS_DONE,
    UI_FS_EXCEPTION,
};

void ui_art_draw(struct ui_draw *d, const struct ui_widget *w);
/* The oval the face should fill, drawn over r (green when the checks pass). */
void ui_art_face_guide(struct ui_draw *d, SDL_Rect r, int ok);

#endif
