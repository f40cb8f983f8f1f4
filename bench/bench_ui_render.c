/* bench_ui_render.c: the UI's own cost of one live-preview frame, without a camera: a new
 * 640x480 RGB frame goes into the preview texture, the portrait screen is laid out, drawn
 * with SDL's software renderer at 1280x800 and presented; 600 frames, hints changing. This
 * separates the UI's share of bench_ui_enrol's frame time from the competition for the CPU
 * with the camera worker's checks. Target: p99 <= 33 ms.
 * Two video drivers: "dummy" (SDL's software renderer, presenting costs nothing: the UI's own
 * work) and "offscreen" (the same renderer, but the window surface is presented through
 * Mesa's llvmpipe via EGL, which costs more than drawing the frame). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/model/application.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_draw.h"
#include "ui/ui_screens.h"

#define FRAMES 600

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double g_t[FRAMES];
static struct ui_frame g_fr;
static struct ui_view g_v;

static int run(const char *driver, int w, int h)
{
    setenv("SDL_VIDEODRIVER", driver, 1);
    struct ui_rig rig;
    struct ui_draw *d = NULL;
    if (ui_rig_sdl_init() != 0 || ui_rig_open(&rig, w, h) != 0 ||
        ui_draw_new(rig.ren, NULL, NULL, &d) != 0)
        return 1;
    ui_draw_set_size(d, w, h, 0);
    static struct application app;
    ui_rig_identity(&app);
    unsigned char *frames[4];
    for (int i = 0; i < 4; i++)
        frames[i] = ui_rig_rgb(640, 480, i * 9);
    static const char *const hints[] = {"Xin tháo kính", "Xin tháo khẩu trang",
                                        "Nhìn thẳng vào máy ảnh", "Lại gần hơn"};
    g_v.screen = UI_SCR_PORTRAIT;
    g_v.app = &app;
    g_v.preview_live = 1;
    snprintf(g_v.officer_name, sizeof(g_v.officer_name), "%s", "Trần Văn Bình");
    for (int i = 0; i < FRAMES; i++) {
        double t0 = mono_ms();
        ui_tex_set_rgb(d, UI_TEX_PREVIEW, 640, 480, 640 * 3, frames[i % 4]);
        snprintf(g_v.hint, sizeof(g_v.hint), "%s", hints[(i / 15) % 4]);
        g_v.preview_pass = (i / 30) % 2;
        ui_draw_begin_frame(d);
        ui_screen_build(&g_fr, ui_draw_metrics(d), &g_v);
        ui_frame_render(d, &g_fr, -1);
        SDL_RenderPresent(rig.ren);
        g_t[i] = mono_ms() - t0;
    }
    for (int i = 0; i < 4; i++)
        free(frames[i]);
    ui_draw_free(d);
    ui_rig_close(&rig);
    SDL_Quit();
    qsort(g_t, FRAMES, sizeof(g_t[0]), cmp_double);
    double p50 = g_t[FRAMES / 2], p99 = g_t[FRAMES * 99 / 100];
    printf("bench: ui_render_preview_p50_%s_%dx%d %.1f ms target <= 33 %s\n", driver, w, h, p50,
           p50 <= 33 ? "MET" : "MISSED");
    printf("bench: ui_render_preview_p99_%s_%dx%d %.1f ms target <= 33 %s\n", driver, w, h, p99,
           p99 <= 33 ? "MET" : "MISSED");
    return 0;
}

int main(void)
{
    int rc = run("dummy", 1280, 800);
    rc |= run("dummy", 1920, 1080);
    rc |= run("offscreen", 1280, 800);
    return rc;
}
