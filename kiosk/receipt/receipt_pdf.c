/* receipt_pdf.c: draws the receipt (receipt.h) into a PDF in memory with cairo.
 *
 * One flow of blocks (title, the short number, label/value pairs, paragraphs), each wrapped
 * at spaces to the paper's width with cairo's text extents. Text goes through cairo's
 * simple text API with fontconfig's "Noto Sans" (fonts-noto-core, full Vietnamese coverage):
 * the text is NFC, so every Vietnamese letter is one precomposed glyph and no shaping engine
 * is needed. Roll paper (58/80 mm) is as long as the receipt: the flow is laid out once on a
 * recording surface to measure it. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/timefmt.h"
#include "kiosk/receipt/receipt.h"

#define PT_PER_MM (72.0 / 25.4)
#define FONT      "Noto Sans"

struct flow {
    cairo_t *cr;
    double x, y, w; /* left, current baseline top, width */
    double size;    /* body font size, pt */
};

struct mem {
    unsigned char *data;
    size_t len, cap;
};

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int length)
{
    struct mem *m = closure;
    if (m->len + length > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 65536;
        while (cap < m->len + length)
            cap *= 2;
        unsigned char *p = realloc(m->data, cap);
        if (!p)
            return CAIRO_STATUS_NO_MEMORY;
        m->data = p;
        m->cap = cap;
    }
    memcpy(m->data + m->len, data, length);
    m->len += length;
    return CAIRO_STATUS_SUCCESS;
}

/* Draws text wrapped at spaces into the width, at size, bold or not, centred or not. */
static void para(struct flow *f, const char *text, double size, int bold, int centre, int italic)
{
    cairo_t *cr = f->cr;
    cairo_select_font_face(cr, FONT, italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    double line_h = size * 1.35;
    const char *p = text;
    char line[1024];
    while (*p) {
        /* take words while they fit */
        size_t best = 0, n = 0;
        for (;;) {
            size_t next = n;
            while (p[next] == ' ')
                next++;
            while (p[next] && p[next] != ' ')
                next++;
            if (next == n || next >= sizeof line)
                break;
            memcpy(line, p, next);
            line[next] = '\0';
            cairo_text_extents_t e;
            cairo_text_extents(cr, line, &e);
            if (e.x_advance > f->w && best > 0)
                break;
            best = next;
            n = next;
            if (!p[next])
                break;
        }
        if (best == 0) { /* a word longer than the line: cut it */
            best = strlen(p) < sizeof line - 1 ? strlen(p) : sizeof line - 1;
        }
        memcpy(line, p, best);
        line[best] = '\0';
        cairo_text_extents_t e;
        cairo_text_extents(cr, line, &e);
        double x = centre ? f->x + (f->w - e.x_advance) / 2 : f->x;
        cairo_move_to(cr, x, f->y + size);
        cairo_show_text(cr, line);
        f->y += line_h;
        p += best;
        while (*p == ' ')
            p++;
    }
}

static void gap(struct flow *f, double k)
{
    f->y += f->size * k;
}

static void rule(struct flow *f)
{
    cairo_set_line_width(f->cr, 0.6);
    cairo_move_to(f->cr, f->x, f->y + f->size * 0.3);
    cairo_line_to(f->cr, f->x + f->w, f->y + f->size * 0.3);
    cairo_stroke(f->cr);
    gap(f, 0.8);
}

/* "0987654321" → "0987 654 321" (read in the groups people say it in). */
static void phone_groups(const char *p, char out[16])
{
    if (strlen(p) == 10)
        snprintf(out, 16, "%.4s %.3s %.3s", p, p + 4, p + 7);
    else
        snprintf(out, 16, "%.15s", p);
}

struct words {
    const char *title, *number, *name, *pid, *queued, *officer, *phone, *check_phone, *email, *due,
        *due_pending, *sms_intro, *sms_from, *activate, *mail_only, *call, *free, *id, *redo;
};

static const struct words vi = {
    "GIẤY TIẾP NHẬN HỒ SƠ ĐĂNG KÝ TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ MỨC ĐỘ 2",
    "Số hồ sơ",
    "Họ, chữ đệm và tên",
    "Số định danh cá nhân",
    "Tiếp nhận lúc",
    "Cán bộ tiếp nhận",
    "Số điện thoại di động (chính chủ)",
    "Đề nghị công dân kiểm tra lại số điện thoại trước khi rời quầy.",
    "Thư điện tử",
    "Ngày dự kiến có kết quả: %s (03 ngày làm việc kể từ ngày hồ sơ được gửi đi).",
    "Kết quả có trong 03 ngày làm việc kể từ ngày hồ sơ được gửi đi (hồ sơ đang chờ gửi).",
    "Kết quả được thông báo qua ứng dụng VNeID và tin nhắn SMS tới số %s, tên người gửi “VNeID”, "
    "với nội dung:",
    "VNeID",
    "Công dân kích hoạt tài khoản trên ứng dụng VNeID trong vòng 7 ngày kể từ khi nhận được "
    "thông báo.",
    "Kết quả được thông báo qua ứng dụng VNeID và thư điện tử %s (không gửi tin nhắn SMS vì "
    "công dân không cung cấp số điện thoại).",
    "Quá 7 ngày chưa kích hoạt hoặc cần hỗ trợ, liên hệ tổng đài %s.",
    "Không thu phí.",
    "Mã hồ sơ",
    "Hồ sơ tạo lại (lần trước không đạt).",
};

static const struct words en = {
    "RECEIPT OF AN APPLICATION FOR A LEVEL-2 ELECTRONIC IDENTITY ACCOUNT",
    "Application number",
    "Full name",
    "Personal ID number",
    "Received at",
    "Receiving officer",
    "Mobile phone (own number)",
    "Please check the phone number before leaving the counter.",
    "E-mail",
    "Expected result: %s (3 working days from delivery of the application).",
    "The result comes within 3 working days of delivery (the application is waiting to be "
    "sent).",
    "The result is notified in the VNeID app and by SMS to %s, sender “VNeID”, reading:",
    "VNeID",
    "Activate the account in the VNeID app within 7 days of the notification.",
    "The result is notified in the VNeID app and by e-mail to %s (no SMS: no phone number was "
    "given).",
    "Not activated after 7 days, or need help: call centre %s.",
    "Free of charge.",
    "Application id",
    "A new application after a rejected one.",
};

static void pair(struct flow *f, const char *label, const char *value, int bold_value)
{
    char buf[600];
    snprintf(buf, sizeof buf, "%s: %s", label, value);
    para(f, buf, f->size, bold_value, 0, 0);
}

/* Lays the receipt out from f->y on; returns the height used. */
static double layout(struct flow *f, const struct receipt_info *r, enum msg_lang lang)
{
    const struct words *w = lang == LANG_EN ? &en : &vi;
    double top = f->y;
    char buf[1024], when[17], day[11], vn[11], ph[16];
    cairo_set_source_rgb(f->cr, 0, 0, 0);
    if (r->station_name[0])
        para(f, r->station_name, f->size, 1, 1, 0);
    gap(f, 0.3);
    para(f, w->title, f->size * 1.15, 1, 1, 0);
    gap(f, 0.4);
    rule(f);
    snprintf(buf, sizeof buf, "%s: %s", w->number, r->short_no[0] ? r->short_no : r->app_id);
    para(f, buf, f->size * 1.5, 1, 1, 0);
    gap(f, 0.4);
    if (r->redo)
        para(f, w->redo, f->size, 0, 0, 1);
    pair(f, w->name, r->full_name, 1);
    pair(f, w->pid, r->personal_id, 0);
    time_local_display(r->queued_at, when);
    pair(f, w->queued, when, 0);
    pair(f, w->officer, r->officer_name, 0);
    if (r->phone[0]) {
        phone_groups(r->phone, ph);
        pair(f, w->phone, ph, 1);
        para(f, w->check_phone, f->size * 0.9, 0, 0, 1);
    }
    if (r->email[0])
        pair(f, w->email, r->email, 0);
    gap(f, 0.4);
    rule(f);
    if (r->delivered_at > 0) {
        receipt_add_working_days(r->delivered_at, 3, day);
        time_iso_to_vn(day, vn);
        snprintf(buf, sizeof buf, w->due, vn);
        para(f, buf, f->size, 1, 0, 0);
    } else {
        para(f, w->due_pending, f->size, 1, 0, 0);
    }
    gap(f, 0.3);
    if (r->phone[0]) {
        snprintf(buf, sizeof buf, w->sms_intro, ph);
        para(f, buf, f->size, 0, 0, 0);
        char sms[600];
        receipt_sms_text(r->full_name, sms, sizeof sms);
        double x = f->x, ww = f->w;
        f->x += f->size;
        f->w -= 2 * f->size;
        snprintf(buf, sizeof buf, "“%s”", sms);
        para(f, buf, f->size * 0.9, 0, 0, 1);
        f->x = x;
        f->w = ww;
        para(f, w->activate, f->size, 0, 0, 0);
    } else {
        snprintf(buf, sizeof buf, w->mail_only, r->email[0] ? r->email : "—");
        para(f, buf, f->size, 0, 0, 0);
    }
    gap(f, 0.3);
    if (r->call_centre[0]) {
        snprintf(buf, sizeof buf, w->call, r->call_centre);
        para(f, buf, f->size, 0, 0, 0);
    }
    para(f, w->free, f->size * 1.1, 1, 0, 0);
    gap(f, 0.4);
    rule(f);
    snprintf(buf, sizeof buf, "%s: %s", w->id, r->app_id);
    para(f, buf, f->size * 0.75, 0, 0, 0);
    return f->y - top;
}

int receipt_render_pdf(const struct receipt_info *r, enum receipt_paper paper, enum msg_lang lang,
                       unsigned char **pdf, size_t *len)
{
    double pw, ph, margin, size;
    *pdf = NULL;
    *len = 0;
    switch (paper) {
    case RECEIPT_A4:
        pw = 210 * PT_PER_MM, ph = 297 * PT_PER_MM, margin = 20 * PT_PER_MM, size = 11;
        break;
    case RECEIPT_A5:
        pw = 148 * PT_PER_MM, ph = 210 * PT_PER_MM, margin = 12 * PT_PER_MM, size = 9;
        break;
    case RECEIPT_ROLL80:
        pw = 80 * PT_PER_MM, ph = 0, margin = 4 * PT_PER_MM, size = 7.5;
        break;
    case RECEIPT_ROLL58:
        pw = 58 * PT_PER_MM, ph = 0, margin = 3 * PT_PER_MM, size = 6;
        break;
    default:
        return -1;
    }
    if (ph == 0) { /* roll paper: as long as the text */
        cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
        cairo_t *cr = cairo_create(rec);
        struct flow f = {cr, margin, margin, pw - 2 * margin, size};
        ph = layout(&f, r, lang) + 2 * margin;
        cairo_destroy(cr);
        cairo_surface_destroy(rec);
    }
    struct mem m = {0};
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(mem_write, &m, pw, ph);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
                                   lang == LANG_EN ? en.title : vi.title);
    cairo_t *cr = cairo_create(s);
    struct flow f = {cr, margin, margin, pw - 2 * margin, size};
    layout(&f, r, lang);
    cairo_show_page(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS || m.len == 0) {
        free(m.data);
        return -1;
    }
    *pdf = m.data;
    *len = m.len;
    return 0;
}

void receipt_release(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}
