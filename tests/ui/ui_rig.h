/* ui_rig.h: helpers for the UI tests and benchmarks: a headless SDL window and software
 * renderer (SDL's offscreen driver), a made-up citizen, synthetic images, PNG snapshots. */
#ifndef UI_RIG_H
#define UI_RIG_H

#include <SDL2/SDL.h>

#include "kiosk/model/application.h"

struct ui_rig {
    SDL_Window *win;
    SDL_Renderer *ren;
    int w, h;
};

/* Sets the headless drivers (unless SDL_VIDEODRIVER is already set) and initialises SDL
 * video. 0 or -1. */
int ui_rig_sdl_init(void);
/* A hidden w x h window with a software renderer. 0 or -1. */
int ui_rig_open(struct ui_rig *rig, int w, int h);
void ui_rig_close(struct ui_rig *rig);
/* Reads the renderer back and writes dir/name.png (dir created). 0 or -1. */
int ui_rig_snapshot(struct ui_rig *rig, const char *dir, const char *name);
/* The directory for screenshots: $UI_SCREENS_DIR or build/screens. */
const char *ui_rig_screens_dir(void);

/* Makes the simulated devices' data under sim (created): every card profile of the test
 * card factory under sim/cards (trust store in sim/cards/trust), and under sim/faces one
 * image per face variant given (faces.h; GOOD lets the camera take the portrait itself).
 * 0 or -1. */
int ui_rig_sim_data(const char *sim, const int *face_variants, int n_faces);

/* Fills app with a made-up citizen (not a real person) read from a genuine chip. */
void ui_rig_identity(struct application *app);
/* An RGB24 test picture (a face-like oval on a gradient), w*h*3 bytes, caller frees. */
unsigned char *ui_rig_rgb(int w, int h, int seed);
/* The same as a JPEG-free surface for image slots (caller frees with SDL_FreeSurface). */
SDL_Surface *ui_rig_surface(int w, int h, int seed);

#endif
