/* ui_rig.c: see ui_rig.h. The citizen here is invented; the pictures are drawn, not photos. */
#include "tests/ui/ui_rig.h"

#include "drivers/camera/image_file.h"
#include "tests/rigs/card/cardf.h"
#include "tests/rigs/camera/faces.h"

#include <SDL2/SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int ui_rig_sdl_init(void)
{
    /* SDL's offscreen driver, as the issue asks; under AddressSanitizer the dummy driver,
     * because offscreen loads Mesa's EGL, which leaks at exit (LeakSanitizer would fail the
     * test). Both draw with SDL's software renderer: the pixels are the same. */
#if defined(__SANITIZE_ADDRESS__)
    const char *driver = "dummy";
#else
    const char *driver = "offscreen";
#endif
    if (!getenv("SDL_VIDEODRIVER"))
        setenv("SDL_VIDEODRIVER", driver, 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return -1;
    }
    return 0;
}

int ui_rig_open(struct ui_rig *rig, int w, int h)
{
    memset(rig, 0, sizeof(*rig));
    rig->win = SDL_CreateWindow("kiosk-test", 0, 0, w, h, SDL_WINDOW_HIDDEN);
    if (!rig->win)
        return -1;
    rig->ren = SDL_CreateRenderer(rig->win, -1, SDL_RENDERER_SOFTWARE);
    if (!rig->ren) {
        SDL_DestroyWindow(rig->win);
        rig->win = NULL;
        return -1;
    }
    rig->w = w;
    rig->h = h;
    return 0;
}

void ui_rig_close(struct ui_rig *rig)
{
    if (rig->ren)
        SDL_DestroyRenderer(rig->ren);
    if (rig->win)
        SDL_DestroyWindow(rig->win);
    memset(rig, 0, sizeof(*rig));
}

const char *ui_rig_screens_dir(void)
{
    const char *d = getenv("UI_SCREENS_DIR");
    return d && *d ? d : "build/screens";
}

static int ui_rig_mkdirs(const char *dir)
{
    char p[512];
    snprintf(p, sizeof(p), "%s", dir);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            if (mkdir(p, 0755) != 0 && errno != EEXIST)
                return -1;
            *s = '/';
        }
    }
    return mkdir(p, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int ui_rig_snapshot(struct ui_rig *rig, const char *dir, const char *name)
{
    if (ui_rig_mkdirs(dir) != 0)
        return -1;
    SDL_Surface *s =
        SDL_CreateRGBSurfaceWithFormat(0, rig->w, rig->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return -1;
    int rc = -1;
    if (SDL_RenderReadPixels(rig->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0) {
        char path[640];
        snprintf(path, sizeof(path), "%s/%s.png", dir, name);
        rc = IMG_SavePNG(s, path) == 0 ? 0 : -1;
    }
    SDL_FreeSurface(s);
    return rc;
}

void ui_rig_identity(struct application *app)
{
    memset(app, 0, sizeof(*app));
    struct app_identity *id = &app->identity;
    snprintf(id->personal_id, sizeof(id->personal_id), "%s", "001190012345");
    snprintf(id->full_name, sizeof(id->full_name), "%s", "Nguyễn Thị Hường");
    snprintf(id->dob, sizeof(id->dob), "%s", "1990-05-17");
    id->sex = 'F';
    snprintf(id->nationality, sizeof(id->nationality), "%s", "Việt Nam");
    snprintf(id->ethnicity, sizeof(id->ethnicity), "%s", "Kinh");
    snprintf(id->place_of_origin, sizeof(id->place_of_origin), "%s",
             "Xã Đông Hội, Huyện Đông Anh, Hà Nội");
    snprintf(id->residence, sizeof(id->residence), "%s",
             "Số 12 ngõ 34 phố Nguyễn Trãi, Phường Thượng Đình, Quận Thanh Xuân, Thành phố Hà "
             "Nội");
    snprintf(id->issue_date, sizeof(id->issue_date), "%s", "2021-04-10");
    snprintf(id->expiry_date, sizeof(id->expiry_date), "%s", "2030-05-17");
    id->source = ID_SOURCE_CHIP_VERIFIED;
    id->verdict = CHIP_GENUINE;
    snprintf(app->id, sizeof(app->id), "%s", "01936f3e-8a2b-7c4d-9e5f-0a1b2c3d4e5f");
    snprintf(app->station, sizeof(app->station), "%s", "HN-TX-01");
    snprintf(app->phone, sizeof(app->phone), "%s", "0987654321");
    snprintf(app->email, sizeof(app->email), "%s", "huong.nguyen@example.vn");
}

unsigned char *ui_rig_rgb(int w, int h, int seed)
{
    unsigned char *p = malloc((size_t)w * h * 3);
    if (!p)
        return NULL;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            unsigned char *q = p + ((size_t)y * w + x) * 3;
            long dx = x - w / 2, dy = y - h * 45 / 100;
            long rx = w / 7 + 1, ry = h / 4 + 1;
            int face = dx * dx * ry * ry + dy * dy * rx * rx <= rx * rx * ry * ry;
            if (face) {
                q[0] = 220;
                q[1] = 180;
                q[2] = 150;
            } else {
                q[0] = (unsigned char)(60 + (x * 80) / w + seed);
                q[1] = (unsigned char)(90 + (y * 60) / h);
                q[2] = (unsigned char)(140 + seed * 3);
            }
        }
    }
    return p;
}

SDL_Surface *ui_rig_surface(int w, int h, int seed)
{
    unsigned char *rgb = ui_rig_rgb(w, h, seed);
    if (!rgb)
        return NULL;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (s)
        for (int y = 0; y < h; y++)
            memcpy((unsigned char *)s->pixels + (size_t)y * s->pitch, rgb + (size_t)y * w * 3,
                   (size_t)w * 3);
    free(rgb);
    return s;
}

int ui_rig_sim_data(const char *sim, const int *face_variants, int n_faces)
{
    char p[512];
    snprintf(p, sizeof(p), "%s/cards", sim);
    if (ui_rig_mkdirs(sim) != 0 || cardf_write_all(p) <= 0)
        return -1;
    snprintf(p, sizeof(p), "%s/faces", sim);
    if (ui_rig_mkdirs(p) != 0)
        return -1;
    struct cam_frame src;
    if (faces_load_source(&src) != 0)
        return -1;
    int rc = 0;
    for (int i = 0; i < n_faces && rc == 0; i++) {
        struct cam_frame f;
        rc = faces_make((enum faces_variant)face_variants[i], &src, &f);
        if (rc != 0)
            break;
        snprintf(p, sizeof(p), "%s/faces/%02d_%s.png", sim, i,
                 faces_variant_name((enum faces_variant)face_variants[i]));
        rc = camimg_save_png(p, &f);
        cam_frame_free(&f);
    }
    cam_frame_free(&src);
    return rc == 0 ? 0 : -1;
}
