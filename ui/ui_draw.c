/* ui_draw.c: metrics, fonts, fitted and cached text, primitives and textures (ui_draw.h).
 *
 * Invariants: fonts are opened from the font files read once into memory, one TTF_Font per
 * (size, weight) actually used; the text cache holds at most UI_TEXT_CACHE blocks and evicts
 * the least recently used; every cached key (which may be a citizen's name) is wiped before
 * it is freed. */
#include "ui/ui_draw.h"
#include "kiosk/base/file_read.h"

#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_TEXT_CACHE 320
#define UI_FONT_CACHE 48
#define UI_MAX_LINES  12
#define UI_MIN_FONT   10

struct ui_font_entry {
    int px, bold;
    TTF_Font *font;
};

struct ui_text_entry {
    uint64_t hash;
    char *text;
    int role, bold, color, align, bw, bh;
    SDL_Texture *tex;
    struct ui_text_fit fit;
    unsigned long used;
};

struct ui_tex_entry {
    SDL_Texture *tex;
    int w, h;
    int streaming;
};

struct ui_draw {
    SDL_Renderer *ren;
    struct ui_metrics m;
    void *font_data[2];
    size_t font_len[2];
    struct ui_font_entry fonts[UI_FONT_CACHE];
    int n_fonts;
    struct ui_text_entry cache[UI_TEXT_CACHE];
    unsigned long frame;
    struct ui_tex_entry tex[UI_TEX_SLOTS];
};

const char *ui_draw_strerror(int err)
{
    switch (err) {
    case UI_DRAW_OK:
        return "ok";
    case UI_DRAW_ENOMEM:
        return "out of memory";
    case UI_DRAW_EFONT:
        return "font file missing or unreadable (install fonts-noto-core)";
    case UI_DRAW_ESDL:
        return "SDL rendering failed";
    case UI_DRAW_EIMAGE:
        return "image could not be decoded";
    default:
        return "unknown error";
    }
}

/* Light theme with strong contrast: counters are often bright rooms. */
static const SDL_Color ui_palette[UI_C_COUNT] = {
    [UI_C_BG] = {0xF3, 0xF5, 0xF8, 0xFF},       [UI_C_PANEL] = {0xFF, 0xFF, 0xFF, 0xFF},
    [UI_C_TEXT] = {0x1A, 0x22, 0x2E, 0xFF},     [UI_C_MUTED] = {0x55, 0x60, 0x70, 0xFF},
    [UI_C_PRIMARY] = {0xB3, 0x1B, 0x1B, 0xFF},  [UI_C_ON_PRIMARY] = {0xFF, 0xFF, 0xFF, 0xFF},
    [UI_C_BUTTON] = {0xE4, 0xE8, 0xEE, 0xFF},   [UI_C_BORDER] = {0xB8, 0xC0, 0xCC, 0xFF},
    [UI_C_OK] = {0x1E, 0x7B, 0x34, 0xFF},       [UI_C_WARN] = {0xB2, 0x6A, 0x00, 0xFF},
    [UI_C_ERR] = {0xC6, 0x28, 0x28, 0xFF},      [UI_C_FIELD] = {0xFF, 0xFF, 0xFF, 0xFF},
    [UI_C_HEADER] = {0x7A, 0x10, 0x10, 0xFF},   [UI_C_ON_HEADER] = {0xFF, 0xF4, 0xD6, 0xFF},
    [UI_C_DISABLED] = {0xA0, 0xA6, 0xB0, 0xFF}, [UI_C_PRESSED] = {0xC8, 0xCE, 0xD8, 0xFF},
    [UI_C_SELECTED] = {0xFF, 0xE8, 0xB0, 0xFF}, [UI_C_GUIDE] = {0xFF, 0xD5, 0x4F, 0xFF},
    [UI_C_INFO] = {0x1F, 0x5F, 0xA8, 0xFF},
};

SDL_Color ui_color(enum ui_color c)
{
    if ((int)c < 0 || c >= UI_C_COUNT)
        c = UI_C_TEXT;
    return ui_palette[c];
}

void ui_metrics_compute(struct ui_metrics *m, int w, int h, float dpi)
{
    memset(m, 0, sizeof(*m));
    m->w = w;
    m->h = h;
    m->dpi = dpi > 1.0f ? dpi : UI_DEFAULT_DPI;
    float s = fminf((float)w / 1280.0f, (float)h / 800.0f);
    float fs = fmaxf(0.75f, fminf(s, 1.5f));
    m->target = (int)ceilf(UI_TOUCH_MM / 25.4f * m->dpi);
    m->btn_h = m->target > (int)lroundf(64 * s) ? m->target : (int)lroundf(64 * s);
    m->pad = (int)fmaxf(8.0f, 16.0f * s);
    m->gap = (int)fmaxf(6.0f, 10.0f * s);
    m->radius = (int)fmaxf(4.0f, 8.0f * s);
    m->header_h = m->btn_h + 2 * (m->gap / 2 + 1);
    m->footer_h = m->btn_h + 2 * (m->gap / 2 + 1);
    static const int base[UI_FONT_ROLES] = {17, 21, 26, 32, 46};
    for (int i = 0; i < UI_FONT_ROLES; i++)
        m->font_px[i] = (int)lroundf(base[i] * fs);
}

static int ui_read_file(const char *path, void **data, size_t *len)
{
    unsigned char *buf = NULL;
    int rc = file_read_all(path, 64L * 1024 * 1024, &buf, len);
    *data = buf;
    if (rc == FILE_READ_OK && *len > 0)
        return 0;
    free(buf);
    *data = NULL;
    *len = 0;
    return rc == FILE_READ_ENOMEM ? UI_DRAW_ENOMEM : UI_DRAW_EFONT;
}

int ui_draw_new(SDL_Renderer *ren, const char *font_path, const char *bold_path,
                struct ui_draw **out)
{
    *out = NULL;
    int rc = 0;
    if (!TTF_WasInit() && TTF_Init() != 0)
        return UI_DRAW_ESDL;
    struct ui_draw *d = calloc(1, sizeof(*d));
    if (!d)
        return UI_DRAW_ENOMEM;
    d->ren = ren;
    const char *paths[2] = {font_path && *font_path ? font_path : UI_FONT_REGULAR,
                            bold_path && *bold_path ? bold_path : UI_FONT_BOLD};
    for (int i = 0; i < 2; i++) {
        rc = ui_read_file(paths[i], &d->font_data[i], &d->font_len[i]);
        if (rc != 0 && i == 1) /* no bold face: use the regular one */
            rc = ui_read_file(paths[0], &d->font_data[i], &d->font_len[i]);
        if (rc != 0)
            goto out;
    }
    int w = 1280, h = 800;
    if (SDL_GetRendererOutputSize(ren, &w, &h) != 0) {
        w = 1280;
        h = 800;
    }
    ui_metrics_compute(&d->m, w, h, 0);
    *out = d;
    d = NULL;
out:
    ui_draw_free(d);
    return rc;
}

static void ui_cache_drop(struct ui_text_entry *e)
{
    if (e->text) {
        explicit_bzero(e->text, strlen(e->text));
        free(e->text);
    }
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    memset(e, 0, sizeof(*e));
}

void ui_draw_wipe(struct ui_draw *d)
{
    if (!d)
        return;
    for (int i = 0; i < UI_TEXT_CACHE; i++)
        ui_cache_drop(&d->cache[i]);
    for (int i = 0; i < UI_TEX_SLOTS; i++)
        ui_tex_clear(d, (enum ui_tex_slot)i);
}

void ui_draw_free(struct ui_draw *d)
{
    if (!d)
        return;
    ui_draw_wipe(d);
    for (int i = 0; i < d->n_fonts; i++)
        TTF_CloseFont(d->fonts[i].font);
    free(d->font_data[0]);
    free(d->font_data[1]);
    free(d);
}

void ui_draw_set_size(struct ui_draw *d, int w, int h, float dpi)
{
    ui_metrics_compute(&d->m, w, h, dpi);
}

const struct ui_metrics *ui_draw_metrics(const struct ui_draw *d)
{
    return &d->m;
}

SDL_Renderer *ui_draw_renderer(struct ui_draw *d)
{
    return d->ren;
}

void ui_draw_begin_frame(struct ui_draw *d)
{
    d->frame++;
}

static TTF_Font *ui_font(struct ui_draw *d, int px, int bold)
{
    bold = bold ? 1 : 0;
    for (int i = 0; i < d->n_fonts; i++)
        if (d->fonts[i].px == px && d->fonts[i].bold == bold)
            return d->fonts[i].font;
    if (d->n_fonts == UI_FONT_CACHE) { /* never expected: sizes are few; start over */
        for (int i = 0; i < d->n_fonts; i++)
            TTF_CloseFont(d->fonts[i].font);
        d->n_fonts = 0;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(d->font_data[bold], (int)d->font_len[bold]);
    if (!rw)
        return NULL;
    TTF_Font *f = TTF_OpenFontRW(rw, 1, px);
    if (!f)
        return NULL;
    d->fonts[d->n_fonts++] = (struct ui_font_entry){px, bold, f};
    return f;
}

/* --- primitives ------------------------------------------------------------------------ */

static void ui_set(struct ui_draw *d, enum ui_color c)
{
    SDL_Color k = ui_color(c);
    SDL_SetRenderDrawColor(d->ren, k.r, k.g, k.b, k.a);
}

void ui_fill(struct ui_draw *d, SDL_Rect r, enum ui_color c)
{
    ui_set(d, c);
    SDL_RenderFillRect(d->ren, &r);
}

void ui_outline(struct ui_draw *d, SDL_Rect r, int thickness, enum ui_color c)
{
    ui_set(d, c);
    for (int i = 0; i < thickness && r.w > 2 * i && r.h > 2 * i; i++) {
        SDL_Rect q = {r.x + i, r.y + i, r.w - 2 * i, r.h - 2 * i};
        SDL_RenderDrawRect(d->ren, &q);
    }
}

void ui_fill_circle(struct ui_draw *d, int cx, int cy, int radius, enum ui_color c)
{
    ui_set(d, c);
    for (int dy = -radius; dy <= radius; dy++) {
        int dx = (int)sqrtf((float)(radius * radius - dy * dy));
        SDL_RenderDrawLine(d->ren, cx - dx, cy + dy, cx + dx, cy + dy);
    }
}

void ui_fill_round(struct ui_draw *d, SDL_Rect r, int radius, enum ui_color c)
{
    if (radius * 2 > r.w)
        radius = r.w / 2;
    if (radius * 2 > r.h)
        radius = r.h / 2;
    ui_set(d, c);
    /* one horizontal span per row: the corners are quarter circles */
    for (int y = 0; y < r.h; y++) {
        int inset = 0;
        int dy = -1;
        if (y < radius)
            dy = radius - y;
        else if (y >= r.h - radius)
            dy = y - (r.h - radius - 1);
        if (dy > 0) {
            float fx = sqrtf((float)(radius * radius) - (float)(dy * dy));
            inset = radius - (int)lroundf(fx);
        }
        SDL_RenderDrawLine(d->ren, r.x + inset, r.y + y, r.x + r.w - 1 - inset, r.y + y);
    }
}

void ui_fill_round_border(struct ui_draw *d, SDL_Rect r, int radius, int thick,
                          enum ui_color border, enum ui_color fill)
{
    ui_fill_round(d, r, radius, border);
    SDL_Rect in = ui_inset(r, thick);
    if (in.w > 0 && in.h > 0)
        ui_fill_round(d, in, radius > thick ? radius - thick : 0, fill);
}

/* --- text ------------------------------------------------------------------------------ */

struct ui_lines {
    int n;
    int start[UI_MAX_LINES], len[UI_MAX_LINES];
    int width[UI_MAX_LINES];
};

static int ui_measure(TTF_Font *f, const char *s, int len, char *buf, size_t bufsize)
{
    if ((size_t)len >= bufsize)
        len = (int)bufsize - 1;
    memcpy(buf, s, (size_t)len);
    buf[len] = 0;
    int w = 0, h = 0;
    if (TTF_SizeUTF8(f, buf, &w, &h) != 0)
        return 1 << 20;
    return w;
}

/* Greedy wrap at spaces (and after '-' or '/', for long numbers and paths). 0 when every line
 * fits maxw and there are at most max_lines, -1 otherwise. */
static int ui_wrap(TTF_Font *f, const char *text, int maxw, int max_lines, struct ui_lines *L)
{
    memset(L, 0, sizeof(*L));
    int n = (int)strlen(text);
    char *buf = malloc((size_t)n + 1);
    if (!buf)
        return -1;
    int rc = -1;
    int pos = 0;
    while (pos < n || L->n == 0) {
        if (L->n == max_lines || L->n == UI_MAX_LINES)
            goto out;
        while (pos < n && text[pos] == ' ')
            pos++;
        int best = -1, best_w = 0;
        int i = pos;
        for (;;) {
            /* the next break candidate after i */
            int j = i;
            while (j < n && text[j] != ' ' && text[j] != '\n' && text[j] != '-' && text[j] != '/')
                j++;
            if (j < n && (text[j] == '-' || text[j] == '/'))
                j++;
            int w = ui_measure(f, text + pos, j - pos, buf, (size_t)n + 1);
            if (w > maxw)
                break;
            best = j;
            best_w = w;
            if (j >= n || text[j] == '\n')
                break;
            i = j;
            if (text[i] == ' ')
                i++;
        }
        if (best < 0) /* a single word wider than the box */
            goto out;
        int end = best;
        while (end > pos && text[end - 1] == ' ')
            end--;
        L->start[L->n] = pos;
        L->len[L->n] = end - pos;
        L->width[L->n] = best_w;
        L->n++;
        pos = best;
        if (pos < n && text[pos] == '\n')
            pos++;
        if (pos >= n)
            break;
    }
    rc = 0;
out:
    free(buf);
    return rc;
}

static uint64_t ui_hash(const char *s, const int *k, int nk)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    for (int i = 0; i < nk; i++)
        h = (h ^ (uint64_t)(unsigned)k[i]) * 1099511628211ULL;
    return h;
}

/* Finds the size and line breaks for text in box; renders the block when tex_out is set. */
static int ui_layout_text(struct ui_draw *d, SDL_Rect box, const char *text, enum ui_font_role role,
                          int bold, enum ui_color c, enum ui_align align, int one_line_first,
                          SDL_Texture **tex_out, struct ui_text_fit *fit)
{
    memset(fit, 0, sizeof(*fit));
    int top_px = d->m.font_px[role];
    int min_px = top_px * 6 / 10 < UI_MIN_FONT ? UI_MIN_FONT : top_px * 6 / 10;
    if (min_px > top_px)
        min_px = top_px;
    struct ui_lines L;
    TTF_Font *f = NULL;
    int fits = 0, px = top_px;
    for (int pass = one_line_first ? 0 : 1; pass < 2 && !fits; pass++) {
        for (px = top_px; px >= min_px; px -= (px / 12 > 1 ? px / 12 : 1)) {
            f = ui_font(d, px, bold);
            if (!f)
                return UI_DRAW_EFONT;
            int skip = TTF_FontLineSkip(f);
            int max_lines = skip > 0 ? box.h / skip : 1;
            if (max_lines < 1 || pass == 0)
                max_lines = 1;
            if (ui_wrap(f, text, box.w, max_lines, &L) == 0) {
                fits = 1;
                break;
            }
        }
    }
    if (!fits) {
        px = min_px;
        f = ui_font(d, px, bold);
        if (!f)
            return UI_DRAW_EFONT;
        /* lay it out on one line per paragraph at the smallest size, clipped */
        if (ui_wrap(f, text, 1 << 20, UI_MAX_LINES, &L) != 0)
            L.n = 0;
        fit->overflow = 1;
    }
    int skip = TTF_FontLineSkip(f);
    fit->font_px = px;
    fit->lines = L.n;
    fit->h = L.n * skip;
    for (int i = 0; i < L.n; i++)
        if (L.width[i] > fit->w)
            fit->w = L.width[i];
    if (!tex_out || L.n == 0 || fit->w <= 0)
        return 0;

    SDL_Surface *block =
        SDL_CreateRGBSurfaceWithFormat(0, fit->w, fit->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!block)
        return UI_DRAW_ENOMEM;
    SDL_FillRect(block, NULL, 0);
    char *buf = malloc(strlen(text) + 1);
    int rc = 0;
    if (!buf) {
        rc = UI_DRAW_ENOMEM;
        goto out;
    }
    for (int i = 0; i < L.n; i++) {
        if (L.len[i] == 0)
            continue;
        memcpy(buf, text + L.start[i], (size_t)L.len[i]);
        buf[L.len[i]] = 0;
        SDL_Surface *line = TTF_RenderUTF8_Blended(f, buf, ui_color(c));
        if (!line)
            continue;
        SDL_SetSurfaceBlendMode(line, SDL_BLENDMODE_NONE);
        int x = 0;
        if (align == UI_ALIGN_CENTER)
            x = (fit->w - line->w) / 2;
        else if (align == UI_ALIGN_RIGHT)
            x = fit->w - line->w;
        SDL_Rect dst = {x, i * skip, line->w, line->h};
        SDL_BlitSurface(line, NULL, block, &dst);
        SDL_FreeSurface(line);
    }
    *tex_out = SDL_CreateTextureFromSurface(d->ren, block);
    if (!*tex_out)
        rc = UI_DRAW_ESDL;
    else
        SDL_SetTextureBlendMode(*tex_out, SDL_BLENDMODE_BLEND);
out:
    if (buf) {
        explicit_bzero(buf, strlen(text) + 1);
        free(buf);
    }
    SDL_FreeSurface(block);
    return rc;
}

int ui_text(struct ui_draw *d, SDL_Rect box, const char *text, enum ui_font_role role, int bold,
            enum ui_color c, enum ui_align align, int flags, struct ui_text_fit *fit)
{
    int draw = flags & UI_TEXT_DRAW;
    memset(fit, 0, sizeof(*fit));
    if (!text || !*text || box.w <= 0 || box.h <= 0) {
        fit->overflow = text && *text;
        return 0;
    }
    if ((int)role < 0 || role >= UI_FONT_ROLES)
        role = UI_FONT_BODY;
    int one_line = flags & UI_TEXT_ONE_LINE ? 1 : 0;
    int key[6] = {(int)role, (bold ? 1 : 0) | one_line << 1, (int)c, (int)align, box.w, box.h};
    uint64_t h = ui_hash(text, key, 6);
    struct ui_text_entry *e = NULL, *victim = &d->cache[0];
    for (int i = 0; i < UI_TEXT_CACHE; i++) {
        struct ui_text_entry *x = &d->cache[i];
        if (x->text && x->hash == h && x->role == key[0] && x->bold == key[1] &&
            x->color == key[2] && x->align == key[3] && x->bw == key[4] && x->bh == key[5] &&
            strcmp(x->text, text) == 0) {
            e = x;
            break;
        }
        if (!x->text)
            victim = x;
        else if (victim->text && x->used < victim->used)
            victim = x;
    }
    if (!e) {
        ui_cache_drop(victim);
        SDL_Texture *tex = NULL;
        struct ui_text_fit f;
        int rc =
            ui_layout_text(d, box, text, role, bold, c, align, one_line, draw ? &tex : NULL, &f);
        if (rc != 0)
            return rc;
        if (!draw && !tex) {
            *fit = f;
            return 0;
        }
        victim->text = strdup(text);
        if (!victim->text) {
            if (tex)
                SDL_DestroyTexture(tex);
            return UI_DRAW_ENOMEM;
        }
        victim->hash = h;
        victim->role = key[0];
        victim->bold = key[1];
        victim->color = key[2];
        victim->align = key[3];
        victim->bw = key[4];
        victim->bh = key[5];
        victim->tex = tex;
        victim->fit = f;
        e = victim;
    }
    e->used = d->frame;
    *fit = e->fit;
    if (!draw || !e->tex)
        return 0;
    int x = box.x;
    if (align == UI_ALIGN_CENTER)
        x = box.x + (box.w - e->fit.w) / 2;
    else if (align == UI_ALIGN_RIGHT)
        x = box.x + box.w - e->fit.w;
    int y = box.y + (box.h - e->fit.h) / 2;
    SDL_Rect dst = {x, y, e->fit.w, e->fit.h};
    if (e->fit.overflow) {
        SDL_RenderSetClipRect(d->ren, &box);
        SDL_RenderCopy(d->ren, e->tex, NULL, &dst);
        SDL_RenderSetClipRect(d->ren, NULL);
    } else {
        SDL_RenderCopy(d->ren, e->tex, NULL, &dst);
    }
    return 0;
}

/* --- textures -------------------------------------------------------------------------- */

void ui_tex_clear(struct ui_draw *d, enum ui_tex_slot slot)
{
    if ((int)slot < 0 || slot >= UI_TEX_SLOTS)
        return;
    if (d->tex[slot].tex)
        SDL_DestroyTexture(d->tex[slot].tex);
    memset(&d->tex[slot], 0, sizeof(d->tex[slot]));
}

int ui_tex_set_rgb(struct ui_draw *d, enum ui_tex_slot slot, int w, int h, int stride,
                   const unsigned char *rgb)
{
    if ((int)slot < 0 || slot >= UI_TEX_SLOTS || w <= 0 || h <= 0 || stride < 3 * w || !rgb)
        return UI_DRAW_EIMAGE;
    struct ui_tex_entry *t = &d->tex[slot];
    if (!t->tex || !t->streaming || t->w != w || t->h != h) {
        ui_tex_clear(d, slot);
        t->tex =
            SDL_CreateTexture(d->ren, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STREAMING, w, h);
        if (!t->tex)
            return UI_DRAW_ESDL;
        t->w = w;
        t->h = h;
        t->streaming = 1;
    }
    return SDL_UpdateTexture(t->tex, NULL, rgb, stride) == 0 ? 0 : UI_DRAW_ESDL;
}

int ui_tex_set_surface(struct ui_draw *d, enum ui_tex_slot slot, SDL_Surface *s)
{
    if ((int)slot < 0 || slot >= UI_TEX_SLOTS || !s)
        return UI_DRAW_EIMAGE;
    ui_tex_clear(d, slot);
    struct ui_tex_entry *t = &d->tex[slot];
    t->tex = SDL_CreateTextureFromSurface(d->ren, s);
    if (!t->tex)
        return UI_DRAW_ESDL;
    t->w = s->w;
    t->h = s->h;
    return 0;
}

int ui_tex_set_image(struct ui_draw *d, enum ui_tex_slot slot, const void *data, size_t len)
{
    if (!data || len == 0 || len > 0x7fffffff)
        return UI_DRAW_EIMAGE;
    SDL_RWops *rw = SDL_RWFromConstMem(data, (int)len);
    if (!rw)
        return UI_DRAW_ENOMEM;
    SDL_Surface *s = IMG_Load_RW(rw, 1);
    if (!s)
        return UI_DRAW_EIMAGE;
    int rc = ui_tex_set_surface(d, slot, s);
    SDL_FreeSurface(s);
    return rc;
}

SDL_Texture *ui_tex(struct ui_draw *d, enum ui_tex_slot slot, int *w, int *h)
{
    if ((int)slot < 0 || slot >= UI_TEX_SLOTS)
        return NULL;
    if (w)
        *w = d->tex[slot].w;
    if (h)
        *h = d->tex[slot].h;
    return d->tex[slot].tex;
}

/* --- rectangles ------------------------------------------------------------------------ */

SDL_Rect ui_inset(SDL_Rect r, int by)
{
    SDL_Rect q = {r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by};
    if (q.w < 0)
        q.w = 0;
    if (q.h < 0)
        q.h = 0;
    return q;
}

SDL_Rect ui_cut_top(SDL_Rect *r, int h, int gap)
{
    if (h > r->h)
        h = r->h;
    SDL_Rect q = {r->x, r->y, r->w, h};
    int used = h + gap > r->h ? r->h : h + gap;
    r->y += used;
    r->h -= used;
    return q;
}

SDL_Rect ui_cut_bottom(SDL_Rect *r, int h, int gap)
{
    if (h > r->h)
        h = r->h;
    SDL_Rect q = {r->x, r->y + r->h - h, r->w, h};
    int used = h + gap > r->h ? r->h : h + gap;
    r->h -= used;
    return q;
}

SDL_Rect ui_cut_left(SDL_Rect *r, int w, int gap)
{
    if (w > r->w)
        w = r->w;
    SDL_Rect q = {r->x, r->y, w, r->h};
    int used = w + gap > r->w ? r->w : w + gap;
    r->x += used;
    r->w -= used;
    return q;
}

SDL_Rect ui_cut_right(SDL_Rect *r, int w, int gap)
{
    if (w > r->w)
        w = r->w;
    SDL_Rect q = {r->x + r->w - w, r->y, w, r->h};
    int used = w + gap > r->w ? r->w : w + gap;
    r->w -= used;
    return q;
}

SDL_Rect ui_col(SDL_Rect r, int n, int i, int gap)
{
    if (n < 1)
        n = 1;
    int cw = (r.w - gap * (n - 1)) / n;
    SDL_Rect q = {r.x + i * (cw + gap), r.y, cw, r.h};
    if (i == n - 1)
        q.w = r.x + r.w - q.x;
    return q;
}

SDL_Rect ui_row(SDL_Rect r, int n, int i, int gap)
{
    if (n < 1)
        n = 1;
    int rh = (r.h - gap * (n - 1)) / n;
    SDL_Rect q = {r.x, r.y + i * (rh + gap), r.w, rh};
    if (i == n - 1)
        q.h = r.y + r.h - q.y;
    return q;
}

SDL_Rect ui_fit_aspect(SDL_Rect r, int aw, int ah)
{
    if (aw <= 0 || ah <= 0)
        return r;
    int w = r.w, h = r.w * ah / aw;
    if (h > r.h) {
        h = r.h;
        w = r.h * aw / ah;
    }
    SDL_Rect q = {r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h};
    return q;
}
