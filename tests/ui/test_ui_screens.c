/* test_ui_screens.c: every screen (and its main variants and modals) rendered headless at
 * 800x480, 1280x800 and 1920x1080 in Vietnamese and English. For each: no text overflows
 * its box, no two widgets overlap, every touch target is at least 9 mm, and the screen offers
 * the action it is for. The PNGs go to build/screens/ for a person to look at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/model/validate.h"
#include "kiosk/messages/messages.h"
#include "tests/test.h"
#include "tests/ui/ui_rig.h"
#include "ui/ui_after.h"
#include "ui/ui_draw.h"
#include "ui/ui_screens.h"

static struct application g_app;

static void officers(struct ui_view *v)
{
    static const char *const names[] = {"Trần Văn Bình", "Lê Thị Mai Phương", "Phạm Quốc Đạt",
                                        "Hoàng Minh Châu"};
    for (int i = 0; i < 4; i++) {
        snprintf(v->officers[i].id, sizeof(v->officers[i].id), "cb%02d", i + 1);
        snprintf(v->officers[i].name, sizeof(v->officers[i].name), "%s", names[i]);
        v->officers[i].supervisor = i == 2;
    }
    v->n_officers = 4;
}

static void s_login(struct ui_view *v)
{
    v->officer_name[0] = 0;
    officers(v);
    v->officer_sel = 1;
    v->pin_len = 4;
    snprintf(v->note, sizeof(v->note), "%s", "Mã PIN không đúng (còn 3 lần thử)");
    v->note_error = 1;
}

static void s_login_empty(struct ui_view *v)
{
    v->officer_name[0] = 0;
    v->officer_sel = -1;
}

static void s_home(struct ui_view *v)
{
    v->today_count = 27;
    v->sync.known = 1;
    v->sync.online = 0;
    v->sync.pending = 5;
    snprintf(v->sync.last_success, sizeof(v->sync.last_success), "%s", "23/11/2026 09:41");
    snprintf(v->sync.last_error, sizeof(v->sync.last_error), "%s",
             "Không kết nối được máy chủ (hết thời gian chờ)");
    snprintf(v->notices[0].kind, sizeof(v->notices[0].kind), "%s", "rejected");
    snprintf(v->notices[0].app_id, sizeof(v->notices[0].app_id), "%s",
             "01936f3e-8a2b-7c4d-9e5f-0a1b2c3d4e5f");
    snprintf(v->notices[0].when, sizeof(v->notices[0].when), "%s", "22/11/2026 15:02");
    snprintf(v->notices[0].who, sizeof(v->notices[0].who), "%s",
             "HN0101-2211-017  Nguyễn Thị Ngọc Bích Hường");
    snprintf(v->notices[1].kind, sizeof(v->notices[1].kind), "%s", "failed");
    snprintf(v->notices[1].app_id, sizeof(v->notices[1].app_id), "%s",
             "01936f3e-9999-7c4d-9e5f-0a1b2c3d4e5f");
    snprintf(v->notices[1].when, sizeof(v->notices[1].when), "%s", "22/11/2026 16:40");
    v->n_notices = 2;
}

static void s_home_sup(struct ui_view *v)
{
    s_home(v);
    v->officer_supervisor = 1;
    v->sync.online = 1;
    v->sync.last_error[0] = 0;
    v->n_notices = 0;
}

static void s_card(struct ui_view *v)
{
    v->card_phase = UI_CARD_WAITING;
    snprintf(v->card_pid, sizeof(v->card_pid), "%s", "0011900");
}

/* The QR camera configured, no ID typed yet: Read is enabled and the text says why. */
static void s_card_qr_camera(struct ui_view *v)
{
    v->card_phase = UI_CARD_WAITING;
    v->qr_camera = 1;
}

static void s_card_qr(struct ui_view *v)
{
    v->card_phase = UI_CARD_WAITING;
    snprintf(v->card_pid, sizeof(v->card_pid), "%s", "001190012345");
    v->qr_scanned = 1;
}

static void s_manual_name(struct ui_view *v)
{
    v->modal = UI_MODAL_MANUAL;
    snprintf(v->man_pid, sizeof(v->man_pid), "%s", "001190012345");
    snprintf(v->man_name, sizeof(v->man_name), "%s", "Nguyễn Thị Hường");
    snprintf(v->man_dob, sizeof(v->man_dob), "%s", "1705");
    v->focus = 1;
}

static void s_manual_dob(struct ui_view *v)
{
    s_manual_name(v);
    snprintf(v->man_dob, sizeof(v->man_dob), "%s", "17051990");
    v->man_sex = 'F';
    v->focus = 2;
}

static void s_card_reading(struct ui_view *v)
{
    v->card_phase = UI_CARD_READING;
    v->card_percent = 60;
    v->card_stuck = 1;
}

static void s_card_failed(struct ui_view *v)
{
    v->card_phase = UI_CARD_FAILED;
    snprintf(v->card_pid, sizeof(v->card_pid), "%s", "001190012345");
    snprintf(v->card_error, sizeof(v->card_error), "%s",
             "Thẻ bị nhấc ra trong khi đọc (mất kết nối với chip)");
}

static void s_review(struct ui_view *v)
{
    v->app = &g_app;
}

static void s_review_warn(struct ui_view *v)
{
    static struct application a;
    a = g_app;
    a.identity.verdict = CHIP_UNVERIFIED;
    a.identity.source = ID_SOURCE_CHIP_UNVERIFIED;
    v->app = &a;
    v->card_expired = 1;
    v->duplicate = 1;
    v->needs_supervisor = 1;
}

static void s_portrait_live(struct ui_view *v)
{
    v->app = &g_app;
    v->preview_live = 1;
    snprintf(v->hint, sizeof(v->hint), "%s", "Xin tháo kính");
}

static void s_portrait_pass(struct ui_view *v)
{
    v->app = &g_app;
    v->preview_live = 1;
    v->preview_pass = 1;
}

static void s_portrait_taken(struct ui_view *v)
{
    v->app = &g_app;
    v->portrait_taken = 1;
}

static void s_portrait_face_same(struct ui_view *v)
{
    s_portrait_taken(v);
    v->face_verdict = APP_FACE_SAME;
}

static void s_portrait_face_different(struct ui_view *v)
{
    s_portrait_taken(v);
    v->face_verdict = APP_FACE_DIFFERENT;
}

static void s_portrait_face_not_found(struct ui_view *v)
{
    s_portrait_taken(v);
    v->face_verdict = APP_FACE_NO_FACE_CHIP;
}

static void fingers(struct ui_view *v, int upto)
{
    static const enum finger order[] = {FINGER_R_INDEX, FINGER_L_INDEX,  FINGER_R_THUMB,
                                        FINGER_L_THUMB, FINGER_R_MIDDLE, FINGER_L_MIDDLE};
    v->fingers_wanted = 6;
    for (int i = 0; i < 6; i++) {
        v->finger_state[order[i]] = i < upto ? UI_FS_DONE : UI_FS_PENDING;
        if (i < upto)
            v->fingers_done++;
    }
    if (upto > 1) {
        v->finger_state[order[1]] = UI_FS_EXCEPTION;
        v->fingers_done--;
        v->fingers_exceptions = 1;
    }
    v->current_finger = upto < 6 ? order[upto] : FINGER_NONE;
    if (upto < 6)
        v->finger_state[order[upto]] = UI_FS_CURRENT;
}

static void s_fingers(struct ui_view *v)
{
    v->app = &g_app;
    fingers(v, 2);
    v->finger_phase = UI_FP_READING;
    v->finger_percent = 40;
}

static void s_fingers_done(struct ui_view *v)
{
    v->app = &g_app;
    fingers(v, 6);
}

static void s_exception(struct ui_view *v)
{
    s_fingers(v);
    v->modal = UI_MODAL_EXCEPTION;
}

static void s_contact_phone(struct ui_view *v)
{
    v->app = &g_app;
    snprintf(v->phone, sizeof(v->phone), "%s", "01234");
    snprintf(v->phone_msg, sizeof(v->phone_msg), "%s",
             "Số cũ 11 chữ số đã được chuyển sang 10 chữ số từ năm 2018");
    v->focus = 0;
}

static void s_contact_email(struct ui_view *v)
{
    v->app = &g_app;
    snprintf(v->phone, sizeof(v->phone), "%s", "0987654321");
    v->phone_ok = 1;
    snprintf(v->email, sizeof(v->email), "%s", "huong.nguyen@example.vn");
    v->email_ok = 1;
    v->focus = 1;
}

static void s_consent(struct ui_view *v)
{
    v->app = &g_app;
    v->fingers_done = 5;
    v->fingers_exceptions = 1;
}

static void s_consent_face(struct ui_view *v)
{
    static struct application app; /* g_app's fields, shown only */
    app = g_app;
    app.face.verdict = APP_FACE_DIFFERENT;
    s_consent(v);
    v->app = &app;
}

static void s_consent_face_same(struct ui_view *v)
{
    static struct application app;
    app = g_app;
    app.face.verdict = APP_FACE_SAME;
    s_consent(v);
    v->app = &app;
}

static void s_consent_face_none(struct ui_view *v)
{
    static struct application app;
    app = g_app;
    app.face.verdict = APP_FACE_UNAVAILABLE;
    s_consent(v);
    v->app = &app;
}

static void s_done(struct ui_view *v)
{
    v->app = &g_app;
    snprintf(v->receipt_msg, sizeof(v->receipt_msg), "%s", ui_astr(UI_AS_PRINTED, v->lang));
    v->receipt_ok = 1;
}

/* the receipt's print job still under way */
static void s_done_printing(struct ui_view *v)
{
    v->app = &g_app;
    v->printing = 1;
}

/* a citizen who gave only an e-mail: no SMS is promised */
static void s_done_mail_only(struct ui_view *v)
{
    static struct application a;
    a = g_app;
    a.phone[0] = '\0';
    snprintf(a.email, sizeof(a.email), "%s", "huong.nguyen@example.vn");
    v->app = &a;
}

static void s_queue(struct ui_view *v)
{
    static const char *const names[] = {"Nguyễn Thị Hường",  "Đỗ Văn Khải", "Vũ Ngọc Ánh",
                                        "Bùi Thị Thu Trang", "Lý Văn Hùng", "Mai Xuân Trường",
                                        "Tô Thị Lan",        "Hà Văn Nam"};
    for (int i = 0; i < 8; i++) {
        struct ui_view_row *r = &v->rows[i];
        snprintf(r->name, sizeof(r->name), "%s", names[i]);
        snprintf(r->pid, sizeof(r->pid), "0011900%05d", 1234 + i * 7);
        snprintf(r->when, sizeof(r->when), "23/11 %02u:%02u", (unsigned)(8 + i) % 24u,
                 (unsigned)(i * 13) % 60u);
        r->status = (enum app_status)(1 + i % 7);
    }
    v->n_rows = 8;
}

static void s_queue_search(struct ui_view *v)
{
    s_queue(v);
    snprintf(v->search, sizeof(v->search), "%s", "nguyen");
    v->n_rows = 1;
    v->focus = 1;
}

static void s_supervisor(struct ui_view *v)
{
    v->officer_supervisor = 1;
    snprintf(v->export_day, sizeof(v->export_day), "%s", "2026-11-23");
    snprintf(v->export_dirs[0], sizeof(v->export_dirs[0]), "%s", "/media/kiosk/USB-8GB");
    snprintf(v->export_dirs[1], sizeof(v->export_dirs[1]), "%s", "/var/lib/kiosk/export");
    v->n_export_dirs = 2;
    v->export_sel = 0;
    snprintf(v->export_free[0], sizeof(v->export_free[0]), "%s", "6.8 GB");
    snprintf(v->export_free[1], sizeof(v->export_free[1]), "%s", "912 MB");
    snprintf(v->export_period, sizeof(v->export_period), "%s", "Ngày 23/11/2026");
    snprintf(v->sign_fingerprint, sizeof(v->sign_fingerprint), "%s",
             "SHA256:3f9a0c1e 5b7d2a4c 6e8f0a1b 3c5d7e9f 1a2b4c6d 8e0f1a3b 5c7d9e1f 2a4b6c8d");
    snprintf(v->export_msg, sizeof(v->export_msg), "%s",
             "Đã xuất báo cáo vào /media/kiosk/USB-8GB/CAX-HN-0101/2026-11-23");
    v->export_ok = 1;
}

static void s_export_week(struct ui_view *v)
{
    s_supervisor(v);
    v->export_week = 1;
    snprintf(v->export_period, sizeof(v->export_period), "%s",
             "Từ ngày 18/11/2026 đến ngày 24/11/2026");
    snprintf(v->export_msg, sizeof(v->export_msg), "%s",
             "USB đầy: không đủ chỗ để ghi Mẫu số 02 (.xlsx). Báo cáo dở dang không được giữ "
             "lại; hãy xóa bớt tệp trên USB hoặc dùng USB khác rồi xuất lại.");
    v->export_ok = 0;
}

static void s_export_no_stick(struct ui_view *v)
{
    s_supervisor(v);
    v->n_export_dirs = 0;
    v->export_msg[0] = 0;
}

static void s_dashboard(struct ui_view *v)
{
    static const char *const ids[] = {"cb.nguyen", "cb.tran", "cb.le", "sv.vu"};
    struct ui_dash_view *d = &v->dash;
    v->officer_supervisor = 1;
    memset(d, 0, sizeof(*d));
    d->loaded = 1;
    d->today[APP_QUEUED] = 4;
    d->today[APP_SUBMITTED] = 9;
    d->today[APP_APPROVED] = 11;
    d->today[APP_REJECTED] = 2;
    d->today_total = 26;
    d->week[APP_QUEUED] = 6;
    d->week[APP_SUBMITTED] = 30;
    d->week[APP_APPROVED] = 92;
    d->week[APP_REJECTED] = 7;
    d->week_total = 135;
    d->waiting = 6;
    snprintf(d->oldest, sizeof(d->oldest), "%s", "21/11/2026 16:05");
    d->overdue = 3;
    d->rejected_open = 5;
    for (int i = 0; i < 4; i++) {
        snprintf(d->officers[i].id, sizeof(d->officers[i].id), "%s", ids[i]);
        d->officers[i].today = 8 - i * 2;
        d->officers[i].week = 45 - i * 10;
    }
    d->n_officers = 4;
    snprintf(d->updated, sizeof(d->updated), "%s", "23/11/2026 10:15");
}

static void s_supervisor_failed(struct ui_view *v)
{
    s_supervisor(v);
    v->export_ok = 0;
    snprintf(v->export_msg, sizeof(v->export_msg), "%s",
             "Xuất danh sách thất bại: thư mục không ghi được (USB bị khóa ghi?)");
}

static void s_suppin(struct ui_view *v)
{
    s_review_warn(v);
    officers(v);
    v->n_officers = 1;
    v->officers[0] = v->officers[2];
    v->officer_sel = 0;
    v->pin_len = 2;
    v->modal = UI_MODAL_SUPERVISOR_PIN;
    snprintf(v->note, sizeof(v->note), "%s", "Chip chưa xác thực: cần Lãnh đạo đơn vị phê duyệt");
}

/* the leader asked at the consent about a face that does not match: the reasons offered */
static void s_suppin_face(struct ui_view *v)
{
    s_consent_face(v);
    officers(v);
    v->n_officers = 1;
    v->officers[0] = v->officers[2];
    v->officer_sel = 0;
    v->modal = UI_MODAL_SUPERVISOR_PIN;
    v->needs_supervisor = 1;
    static const char *const rs[] = {"leader_compared_in_person", "appearance_changed",
                                     "chip_photo_poor"};
    for (int i = 0; i < 3; i++)
        v->approval_reasons[i] = rs[i];
    v->n_approval_reasons = 3;
    v->approval_reason_sel = 1;
    snprintf(v->note, sizeof(v->note), "%s",
             "Hãy chọn lý do cho phép tiếp tục khi ảnh chân dung không khớp hoặc không so khớp "
             "được với ảnh trên chip.");
    v->note_error = 1;
}

/* after the first visit: the recall worklist and an opened application */
static struct ui_after_view g_after;

static void s_recall(struct ui_view *v)
{
    static const char *const names[] = {"Nguyễn Thị Hường", "Lê Văn Nam", "Phạm Thị Ngọc Bích Trâm",
                                        "Đỗ Minh"};
    static const char *const why[] = {
        "Ảnh chân dung không đủ tiêu chuẩn.",
        "Quá 3 ngày làm việc chưa có kết quả.",
        "Thông tin công dân không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
        "Vân tay thu nhận không đủ chất lượng.",
    };
    memset(&g_after, 0, sizeof g_after);
    for (int i = 0; i < 4; i++) {
        struct ui_recall_row *r = &g_after.rows[i];
        snprintf(r->id, sizeof r->id, "01936f3e-8a2b-7c4d-9e5f-0a1b2c3d4e5%d", i);
        snprintf(r->short_no, sizeof r->short_no, "HN0101-2811-%03d", 17 + i);
        snprintf(r->name, sizeof r->name, "%s", names[i]);
        snprintf(r->phone, sizeof r->phone, "%s", i == 3 ? "" : "0987 654 321");
        snprintf(r->reason, sizeof r->reason, "%s", why[i]);
        r->days = 2 + i;
        r->overdue = i == 1;
        r->mark = i == 0 ? 1 : i == 2 ? 3 : 0;
        if (i == 2)
            snprintf(r->appointment, sizeof r->appointment, "%s", "07/12/2026");
    }
    g_after.n_rows = 4;
    g_after.total = 4;
    g_after.sel = 0;
    v->after = &g_after;
    snprintf(v->note, sizeof(v->note), "%s", "Đã ghi: Đã gọi.");
}

static void s_recall_empty(struct ui_view *v)
{
    memset(&g_after, 0, sizeof g_after);
    g_after.sel = -1;
    v->after = &g_after;
}

static void s_app(struct ui_view *v)
{
    memset(&g_after, 0, sizeof g_after);
    g_after.sel = -1;
    snprintf(g_after.id, sizeof g_after.id, "%s", "01936f3e-8a2b-7c4d-9e5f-0a1b2c3d4e5f");
    snprintf(g_after.short_no, sizeof g_after.short_no, "%s", "HN0101-2811-017");
    g_after.status = APP_REJECTED;
    snprintf(g_after.what, sizeof g_after.what, "%s", "Ảnh chân dung không đủ tiêu chuẩn.");
    snprintf(g_after.next, sizeof g_after.next, "%s",
             "Mời công dân đến tạo lại hồ sơ và chụp lại ảnh chân dung: không nhắm mắt, không "
             "đeo kính, không đeo khẩu trang, đủ ánh sáng.");
    snprintf(g_after.name, sizeof g_after.name, "%s", "Nguyễn Thị Hường");
    snprintf(g_after.pid, sizeof g_after.pid, "%s", "001190012345");
    snprintf(g_after.dob, sizeof g_after.dob, "%s", "12/05/1990");
    snprintf(g_after.phone, sizeof g_after.phone, "%s", "0987 654 321");
    g_after.phone_shared = 2;
    snprintf(g_after.email, sizeof g_after.email, "%s", "huong@example.vn");
    snprintf(g_after.received, sizeof g_after.received, "%s", "28/11/2026 09:06, cb01");
    snprintf(g_after.approved_by, sizeof g_after.approved_by, "%s", "ld01");
    static const char *const h[] = {"28/11/2026 09:02  Đang lập  cb01",
                                    "28/11/2026 09:06  Chờ gửi  cb01",
                                    "28/11/2026 09:07  Đã gửi xử lý hồ sơ  sync",
                                    "30/11/2026 14:20  Hồ sơ không đạt  upstream"};
    for (int i = 0; i < 4; i++)
        snprintf(g_after.history[i], sizeof g_after.history[i], "%s", h[i]);
    g_after.n_history = 4;
    snprintf(
        g_after.msg, sizeof g_after.msg, "%s",
        "Không in được giấy tiếp nhận (printer kiosk: not found). Kiểm tra máy in rồi in lại.");
    g_after.msg_error = 1;
    v->after = &g_after;
}

static void s_app_purged(struct ui_view *v)
{
    memset(&g_after, 0, sizeof g_after);
    snprintf(g_after.id, sizeof g_after.id, "%s", "01936f3e-8a2b-7c4d-9e5f-0a1b2c3d4e5f");
    snprintf(g_after.short_no, sizeof g_after.short_no, "%s", "HN0101-2811-017");
    g_after.status = APP_APPROVED;
    g_after.purged = 1;
    snprintf(g_after.received, sizeof g_after.received, "%s", "28/10/2026 09:06, cb01");
    v->after = &g_after;
}

/* a sent application: the phone may be corrected; one correction is waiting to be sent */
static void s_app_sent(struct ui_view *v)
{
    s_app(v);
    g_after.status = APP_SUBMITTED;
    g_after.what[0] = g_after.next[0] = 0;
    g_after.msg[0] = 0;
    g_after.phone_shared = 0;
    snprintf(g_after.expected, sizeof g_after.expected, "%s", "07/12/2026");
    snprintf(g_after.fix_last, sizeof g_after.fix_last, ui_astr(UI_AS_FIX_PENDING, v->lang),
             "0912 345 999");
    g_after.fix_allowed = 1;
    snprintf(v->note, sizeof(v->note), "%s", ui_astr(UI_AS_FIX_DONE, v->lang));
}

/* the reprint under way: its button waits */
static void s_app_printing(struct ui_view *v)
{
    s_app_sent(v);
    g_after.fix_last[0] = 0;
    v->note[0] = 0;
    v->printing = 1;
}

/* the phone-fix screen: a valid number another citizen here has, a reason picked */
static void s_phonefix(struct ui_view *v)
{
    s_app_sent(v);
    v->note[0] = 0;
    snprintf(g_after.fix_phone, sizeof g_after.fix_phone, "%s", "0912345678");
    g_after.fix_phone_ok = 1;
    g_after.fix_shared = 2;
    g_after.fix_reason = 2;
}

/* a number that is no Vietnamese mobile number: the enrolment's own message, no reason yet */
static void s_phonefix_invalid(struct ui_view *v)
{
    s_app_sent(v);
    v->note[0] = 0;
    snprintf(g_after.fix_phone, sizeof g_after.fix_phone, "%s", "0212345678");
    char norm[11];
    enum msg_id m = val_phone(g_after.fix_phone, norm);
    snprintf(g_after.fix_msg, sizeof g_after.fix_msg, "%s", msg_text(m, v->lang));
    g_after.fix_phone_ok = 0;
    g_after.fix_reason = -1;
}

/* the Lãnh đạo đơn vị approves the correction on the approval modal */
static void s_phonefix_approval(struct ui_view *v)
{
    s_phonefix(v);
    officers(v);
    v->n_officers = 1;
    v->officers[0] = v->officers[2];
    v->officer_sel = 0;
    v->pin_len = 3;
    v->modal = UI_MODAL_SUPERVISOR_PIN;
    snprintf(v->note, sizeof(v->note), "%s", ui_astr(UI_AS_FIX_APPROVE, v->lang));
}

static void s_guidance(struct ui_view *v)
{
    memset(&g_after, 0, sizeof g_after);
    g_after.guidance_kind = 1;
    v->after = &g_after;
}

static void s_guidance_child(struct ui_view *v)
{
    memset(&g_after, 0, sizeof g_after);
    g_after.guidance_kind = 2;
    v->after = &g_after;
}

static void s_home_recall(struct ui_view *v)
{
    s_home(v);
    v->recall_count = 3;
}

/* A mobile unit's field session: the sites it knows, one open or none. */
static void field_sites(struct ui_view *v)
{
    static const struct app_site known[] = {
        {"Nhà văn hóa thôn Đông Xuân", "thon_ap", "Xã Sóc Sơn"},
        {"Công ty TNHH May Việt Tiến, KCN Quang Minh", "co_quan_doanh_nghiep", "Thị trấn Chi Đông"},
        {"Trường THPT Mê Linh", "truong_hoc", "Xã Đại Thịnh"},
        {"Tổ dân phố số 7", "to_dan_pho", ""},
        {"Nhà văn hóa ấp 3", "thon_ap", "Xã Tân Thạnh Đông"},
    };
    v->field.mobile = 1;
    v->field.n_sites = 5;
    memcpy(v->field.sites, known, sizeof known);
    v->field.sel = -1;
    v->field.kind = -1;
}

static void s_home_mobile(struct ui_view *v)
{
    s_home(v);
    field_sites(v);
}

/* The waiting banner: 7 applications, the oldest 4 days old, two due today and one late. */
static void waiting(struct ui_view *v)
{
    struct ui_wait_view *w = &v->wait;
    w->known = 1;
    w->trusted = 1;
    w->now_ms = 1796400000000LL;
    w->oldest_ms = w->now_ms - 4 * 86400000LL - 3600000LL;
    w->waiting = 7;
    w->due_today = 2;
    w->overdue = 1;
    snprintf(w->late[0], sizeof w->late[0], "%s", "HN0101-0612-003");
    snprintf(w->late[1], sizeof w->late[1], "%s", "HN0101-0612-004");
    snprintf(w->late[2], sizeof w->late[2], "%s", "HN0101-0412-011");
    w->n_late = 3;
}

static void s_home_waiting(struct ui_view *v)
{
    s_home(v);
    waiting(v);
}

static void s_home_mobile_open(struct ui_view *v)
{
    s_home_sup(v);
    waiting(v);
    v->wait.trusted = 0;
    v->wait.handed = 12;
    for (int i = 0; i < UI_WAIT_LISTED; i++)
        snprintf(v->wait.handed_list[i], sizeof v->wait.handed_list[i], "HN0101-0112-%03d", i + 1);
    v->wait.n_handed = UI_WAIT_LISTED;
    field_sites(v);
    v->field.open = 1;
    v->field.current = v->field.sites[0];
    snprintf(v->sync.site, sizeof v->sync.site, "%s", v->field.sites[0].name);
    v->sync.handed_over = 12;
}

static void s_field_list(struct ui_view *v)
{
    field_sites(v);
    v->field.open = 1;
    v->field.current = v->field.sites[1];
    v->field.sel = 2;
}

static void s_field_asked(struct ui_view *v)
{
    field_sites(v);
    v->field.then_start = 1;
    snprintf(v->note, sizeof v->note, "%s", ui_str(UI_S_FIELD_NEEDED, v->lang));
    v->note_error = 1;
}

static void s_field_empty(struct ui_view *v)
{
    field_sites(v);
    v->field.n_sites = 0;
}

static void s_field_new(struct ui_view *v)
{
    field_sites(v);
    v->field.typing = 1;
    snprintf(v->field.name, sizeof v->field.name, "%s", "Nhà văn hóa thôn Yên Nhân");
    snprintf(v->field.commune, sizeof v->field.commune, "%s", "Xã Tiền Phong");
    v->field.kind = 0;
}

static void s_field_typing(struct ui_view *v)
{
    s_field_new(v);
    v->field.typing = 2;
    v->focus = 1;
}

/* A mobile unit's power and clock states, as the note line and the banner show them. */
static void s_home_battery_low(struct ui_view *v)
{
    s_home_mobile_open(v);
    v->power = (struct ui_power_view){.known = 1, .percent = 15, .on_battery = 1, .level = 2};
    snprintf(v->note, sizeof v->note, "%s (15%%)", msg_text(MSG_POWER_LOW, v->lang));
    v->note_error = 1;
}

static void s_home_power_critical(struct ui_view *v)
{
    s_home_mobile(v);
    v->power = (struct ui_power_view){.known = 1, .percent = 5, .on_battery = 1, .level = 3};
    snprintf(v->note, sizeof v->note, "%s", msg_text(MSG_POWER_CRITICAL, v->lang));
    v->note_error = 1;
}

static void s_home_charging(struct ui_view *v)
{
    s_home_waiting(v);
    v->power = (struct ui_power_view){.known = 1, .percent = 64, .charging = 1, .level = 1};
}

static void s_home_clock_refused(struct ui_view *v)
{
    s_home_waiting(v);
    v->wait.trusted = 0;
    snprintf(v->note, sizeof v->note, "%s", msg_text(MSG_POL_CLOCK_IMPLAUSIBLE, v->lang));
    v->note_error = 1;
}

static void s_home_disk_low(struct ui_view *v)
{
    s_home(v);
    snprintf(v->note, sizeof v->note, "%s (%s 12)", msg_text(MSG_DISK_LOW, v->lang),
             v->lang == LANG_EN ? "room for" : "còn chỗ cho");
    v->note_error = 1;
}

struct variant {
    const char *name;
    enum ui_screen screen;
    void (*setup)(struct ui_view *v);
    int must_action;
};

static const struct variant variants[] = {
    {"login", UI_SCR_LOGIN, s_login, UI_A_PIN_OK},
    {"login-empty", UI_SCR_LOGIN, s_login_empty, UI_A_LANG},
    {"home", UI_SCR_HOME, s_home, UI_A_START},
    {"home-supervisor", UI_SCR_HOME, s_home_sup, UI_A_GOTO_DASHBOARD},
    {"card", UI_SCR_CARD, s_card, UI_A_KEY},
    {"card-qr-scanned", UI_SCR_CARD, s_card_qr, UI_A_CARD_MANUAL},
    {"card-qr-camera", UI_SCR_CARD, s_card_qr_camera, UI_A_CARD_READ},
    {"manual-name", UI_SCR_CARD, s_manual_name, UI_A_VN_TONE},
    {"manual-dob", UI_SCR_CARD, s_manual_dob, UI_A_MANUAL_OK},
    {"card-reading", UI_SCR_CARD, s_card_reading, UI_A_CANCEL},
    {"card-failed", UI_SCR_CARD, s_card_failed, UI_A_CARD_READ},
    {"review", UI_SCR_REVIEW, s_review, UI_A_CONFIRM},
    {"review-warnings", UI_SCR_REVIEW, s_review_warn, UI_A_CONFIRM},
    {"supervisor-pin", UI_SCR_REVIEW, s_suppin, UI_A_PIN_OK},
    {"supervisor-pin-face-reason", UI_SCR_CONSENT, s_suppin_face, UI_A_APPROVAL_REASON},
    {"portrait-live", UI_SCR_PORTRAIT, s_portrait_live, UI_A_CAPTURE},
    {"portrait-pass", UI_SCR_PORTRAIT, s_portrait_pass, UI_A_CAPTURE},
    {"portrait-taken", UI_SCR_PORTRAIT, s_portrait_taken, UI_A_RETAKE},
    {"portrait-face-same", UI_SCR_PORTRAIT, s_portrait_face_same, UI_A_RETAKE},
    {"portrait-face-different", UI_SCR_PORTRAIT, s_portrait_face_different, UI_A_RETAKE},
    {"portrait-face-not-found", UI_SCR_PORTRAIT, s_portrait_face_not_found, UI_A_RETAKE},
    {"fingers", UI_SCR_FINGERS, s_fingers, UI_A_EXCEPTION_OPEN},
    {"fingers-done", UI_SCR_FINGERS, s_fingers_done, UI_A_CONFIRM},
    {"finger-exception", UI_SCR_FINGERS, s_exception, UI_A_EXCEPTION_REASON},
    {"contact-phone", UI_SCR_CONTACT, s_contact_phone, UI_A_KEY},
    {"contact-email", UI_SCR_CONTACT, s_contact_email, UI_A_KEY},
    {"consent", UI_SCR_CONSENT, s_consent, UI_A_CONSENT},
    {"consent-face-different", UI_SCR_CONSENT, s_consent_face, UI_A_CONSENT},
    {"consent-face-same", UI_SCR_CONSENT, s_consent_face_same, UI_A_CONSENT},
    {"consent-face-not-compared", UI_SCR_CONSENT, s_consent_face_none, UI_A_CONSENT},
    {"done", UI_SCR_DONE, s_done, UI_A_NEXT_CITIZEN},
    {"done-printing", UI_SCR_DONE, s_done_printing, UI_A_NEXT_CITIZEN},
    {"done-mail-only", UI_SCR_DONE, s_done_mail_only, UI_A_NEXT_CITIZEN},
    {"queue", UI_SCR_QUEUE, s_queue, UI_A_FOCUS},
    {"queue-search", UI_SCR_QUEUE, s_queue_search, UI_A_KEY},
    {"supervisor", UI_SCR_SUPERVISOR, s_supervisor, UI_A_EXPORT},
    {"supervisor-failed", UI_SCR_SUPERVISOR, s_supervisor_failed, UI_A_EXPORT_DIR},
    {"export-week", UI_SCR_SUPERVISOR, s_export_week, UI_A_EXPORT_PERIOD},
    {"export-no-stick", UI_SCR_SUPERVISOR, s_export_no_stick, UI_A_GOTO_DASHBOARD},
    {"dashboard", UI_SCR_DASHBOARD, s_dashboard, UI_A_GOTO_SUPERVISOR},
    {"home-recall", UI_SCR_HOME, s_home_recall, UI_A_GOTO_RECALL},
    {"recall", UI_SCR_RECALL, s_recall, UI_A_RECALL_REDO},
    {"recall-empty", UI_SCR_RECALL, s_recall_empty, UI_A_HOME},
    {"application", UI_SCR_APP, s_app, UI_A_REPRINT},
    {"application-purged", UI_SCR_APP, s_app_purged, UI_A_APP_BACK},
    {"application-sent", UI_SCR_APP, s_app_sent, UI_A_PHONEFIX_OPEN},
    {"application-printing", UI_SCR_APP, s_app_printing, UI_A_PHONEFIX_OPEN},
    {"phone-fix", UI_SCR_PHONEFIX, s_phonefix, UI_A_PHONEFIX_SUBMIT},
    {"phone-fix-invalid", UI_SCR_PHONEFIX, s_phonefix_invalid, UI_A_PHONEFIX_REASON},
    {"phone-fix-approval", UI_SCR_PHONEFIX, s_phonefix_approval, UI_A_PIN_OK},
    {"guidance-lost-card", UI_SCR_GUIDANCE, s_guidance, UI_A_GUIDANCE_DONE},
    {"guidance-under-14", UI_SCR_GUIDANCE, s_guidance_child, UI_A_GUIDANCE_KIND},
    {"home-mobile", UI_SCR_HOME, s_home_mobile, UI_A_GOTO_FIELD},
    {"home-waiting", UI_SCR_HOME, s_home_waiting, UI_A_START},
    {"home-battery-low", UI_SCR_HOME, s_home_battery_low, UI_A_START},
    {"home-power-critical", UI_SCR_HOME, s_home_power_critical, UI_A_GOTO_FIELD},
    {"home-charging", UI_SCR_HOME, s_home_charging, UI_A_START},
    {"home-clock-refused", UI_SCR_HOME, s_home_clock_refused, UI_A_START},
    {"home-disk-low", UI_SCR_HOME, s_home_disk_low, UI_A_START},
    {"home-mobile-session", UI_SCR_HOME, s_home_mobile_open, UI_A_GOTO_FIELD},
    {"field-session", UI_SCR_FIELD, s_field_list, UI_A_FIELD_CLOSE},
    {"field-asked-at-start", UI_SCR_FIELD, s_field_asked, UI_A_FIELD_PICK},
    {"field-no-site-yet", UI_SCR_FIELD, s_field_empty, UI_A_FIELD_NEW},
    {"field-new-site", UI_SCR_FIELD, s_field_new, UI_A_FIELD_KIND},
    {"field-new-site-typing", UI_SCR_FIELD, s_field_typing, UI_A_VN_TONE},
};
#define N_VARIANTS ((int)(sizeof(variants) / sizeof(variants[0])))

static const int sizes[][2] = {{800, 480}, {1280, 800}, {1920, 1080}};

static struct ui_frame g_frame;

/* Renders one variant; returns 0 or -1 with why filled. */
static int render_one(struct ui_rig *rig, struct ui_draw *d, const struct variant *var,
                      enum msg_lang lang, char *why, size_t whylen)
{
    static struct ui_view v;
    memset(&v, 0, sizeof(v));
    v.screen = var->screen;
    v.lang = lang;
    v.officer_sel = -1;
    v.sim_devices = 1;
    snprintf(v.officer_name, sizeof(v.officer_name), "%s", "Trần Văn Bình");
    var->setup(&v);
    ui_draw_begin_frame(d);
    ui_screen_build(&g_frame, ui_draw_metrics(d), &v);
    SDL_SetRenderDrawColor(rig->ren, 0, 0, 0, 255);
    SDL_RenderClear(rig->ren);
    ui_frame_render(d, &g_frame, -1);
    const struct ui_metrics *m = ui_draw_metrics(d);
    if (ui_frame_check(&g_frame, rig->w, rig->h, m->target, why, whylen) != 0)
        return -1;
    if (var->must_action && ui_frame_find(&g_frame, var->must_action, -1) < 0) {
        snprintf(why, whylen, "no widget with action %d", var->must_action);
        return -1;
    }
    char name[128];
    snprintf(name, sizeof(name), "%s-%dx%d-%s", var->name, rig->w, rig->h,
             lang == LANG_EN ? "en" : "vi");
    if (ui_rig_snapshot(rig, ui_rig_screens_dir(), name) != 0) {
        snprintf(why, whylen, "cannot write %s/%s.png", ui_rig_screens_dir(), name);
        return -1;
    }
    return 0;
}

static void load_textures(struct ui_draw *d)
{
    SDL_Surface *face = ui_rig_surface(240, 320, 10);
    SDL_Surface *portrait = ui_rig_surface(600, 800, 30);
    SDL_Surface *qr = ui_rig_surface(200, 200, 50);
    unsigned char *prev = ui_rig_rgb(640, 480, 20);
    ui_tex_set_surface(d, UI_TEX_CHIP_FACE, face);
    ui_tex_set_surface(d, UI_TEX_PORTRAIT, portrait);
    ui_tex_set_surface(d, UI_TEX_QR, qr);
    ui_tex_set_rgb(d, UI_TEX_PREVIEW, 640, 480, 640 * 3, prev);
    SDL_FreeSurface(face);
    SDL_FreeSurface(portrait);
    SDL_FreeSurface(qr);
    free(prev);
}

TEST(every_screen_every_size_both_languages)
{
    int checked = 0;
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        struct ui_rig rig;
        CHECK(ui_rig_open(&rig, sizes[s][0], sizes[s][1]) == 0);
        struct ui_draw *d = NULL;
        int rc = ui_draw_new(rig.ren, NULL, NULL, &d);
        if (rc != 0) {
            ui_rig_close(&rig);
            CHECK_INT(rc, 0);
        }
        ui_draw_set_size(d, rig.w, rig.h, 0);
        load_textures(d);
        int failed = 0;
        for (int lang = 0; lang < 2; lang++) {
            for (int i = 0; i < N_VARIANTS; i++) {
                char why[400];
                if (render_one(&rig, d, &variants[i], (enum msg_lang)lang, why, sizeof(why)) != 0) {
                    test_fail_(__FILE__, __LINE__, "%s %dx%d %s: %s", variants[i].name, rig.w,
                               rig.h, lang ? "en" : "vi", why);
                    failed++;
                }
                checked++;
            }
        }
        ui_draw_free(d);
        ui_rig_close(&rig);
        if (failed)
            return;
    }
    CHECK_INT(checked, 3 * 2 * N_VARIANTS);
}

static int frame_says(const struct ui_frame *f, const char *text)
{
    for (int i = 0; i < f->n; i++)
        if (f->w[i].text && strcmp(f->w[i].text, text) == 0)
            return 1;
    return 0;
}

/* The done screen promises an SMS only to a citizen who gave a mobile phone. */
TEST(done_screen_promises_sms_only_with_a_phone)
{
    struct ui_rig rig;
    struct ui_draw *d = NULL;
    CHECK(ui_rig_open(&rig, 1280, 800) == 0);
    if (ui_draw_new(rig.ren, NULL, NULL, &d) != 0) {
        ui_rig_close(&rig);
        CHECK(0);
    }
    ui_draw_set_size(d, rig.w, rig.h, 0);
    for (int lang = 0; lang < 2; lang++) {
        static struct ui_view v;
        memset(&v, 0, sizeof(v));
        v.screen = UI_SCR_DONE;
        v.lang = (enum msg_lang)lang;
        s_done(&v);
        ui_screen_build(&g_frame, ui_draw_metrics(d), &v);
        int sms = frame_says(&g_frame, ui_str(UI_S_DONE_NEXT_SMS, v.lang));
        int mail = frame_says(&g_frame, ui_str(UI_S_DONE_NEXT_MAIL_ONLY, v.lang));
        CHECK(sms && !mail);
        s_done_mail_only(&v);
        ui_screen_build(&g_frame, ui_draw_metrics(d), &v);
        sms = frame_says(&g_frame, ui_str(UI_S_DONE_NEXT_SMS, v.lang));
        mail = frame_says(&g_frame, ui_str(UI_S_DONE_NEXT_MAIL_ONLY, v.lang));
        CHECK(!sms && mail);
    }
    ui_draw_free(d);
    ui_rig_close(&rig);
}

/* Every screen of enum ui_screen is among the variants. */
TEST(variants_cover_every_screen)
{
    for (int s = 0; s < UI_SCR_COUNT; s++) {
        int found = 0;
        for (int i = 0; i < N_VARIANTS; i++)
            found |= variants[i].screen == (enum ui_screen)s;
        if (!found)
            test_fail_(__FILE__, __LINE__, "screen %s has no variant", ui_screen_name(s));
        CHECK(found);
    }
}

/* The checker itself catches what it is meant to catch. */
TEST(checker_catches_overlap_overflow_and_small_targets)
{
    struct ui_rig rig;
    CHECK(ui_rig_open(&rig, 800, 480) == 0);
    struct ui_draw *d = NULL;
    CHECK(ui_draw_new(rig.ren, NULL, NULL, &d) == 0);
    ui_draw_set_size(d, 800, 480, 0);
    const struct ui_metrics *m = ui_draw_metrics(d);
    char why[300];
    SDL_Rect a = {10, 10, 200, 60}, b = {150, 40, 200, 60}, far = {400, 10, 200, 60};
    ui_frame_reset(&g_frame);
    ui_button(&g_frame, a, "Một", 1, 0, UI_ST_NORMAL);
    ui_button(&g_frame, far, "Hai", 1, 0, UI_ST_NORMAL);
    ui_frame_render(d, &g_frame, -1);
    int clean = ui_frame_check(&g_frame, 800, 480, m->target, why, sizeof(why));
    ui_button(&g_frame, b, "Ba", 1, 0, UI_ST_NORMAL);
    ui_frame_render(d, &g_frame, -1);
    int overlap = ui_frame_check(&g_frame, 800, 480, m->target, why, sizeof(why));
    int said_overlap = strstr(why, "overlaps") != NULL;
    ui_frame_reset(&g_frame);
    SDL_Rect tiny = {10, 10, 120, 20};
    ui_label(&g_frame, tiny,
             "Một câu rất dài không thể nào vừa trong một ô nhỏ như thế này được đâu", UI_FONT_BODY,
             UI_ST_NORMAL, UI_ALIGN_LEFT);
    ui_frame_render(d, &g_frame, -1);
    int overflow = ui_frame_check(&g_frame, 800, 480, m->target, why, sizeof(why));
    int said_overflow = strstr(why, "overflows") != NULL;
    ui_frame_reset(&g_frame);
    SDL_Rect small = {10, 10, 200, m->target - 10};
    ui_button(&g_frame, small, "OK", 1, 0, UI_ST_NORMAL);
    ui_frame_render(d, &g_frame, -1);
    int target = ui_frame_check(&g_frame, 800, 480, m->target, why, sizeof(why));
    ui_draw_free(d);
    ui_rig_close(&rig);
    CHECK_INT(clean, 0);
    CHECK_INT(overlap, -1);
    CHECK(said_overlap);
    CHECK_INT(overflow, -1);
    CHECK(said_overflow);
    CHECK_INT(target, -1);
}

/* 9 mm at the assumed 10.1" 1280x800 panel is 53 px; a denser display needs more. */
TEST(touch_target_follows_dpi)
{
    struct ui_metrics m;
    ui_metrics_compute(&m, 800, 480, 0);
    CHECK_INT(m.target, 53);
    CHECK(m.btn_h >= m.target);
    ui_metrics_compute(&m, 1920, 1080, 220);
    CHECK_INT(m.target, 78);
    CHECK(m.btn_h >= 78);
}

int main(void)
{
    if (ui_rig_sdl_init() != 0)
        return 1;
    memset(&g_app, 0, sizeof(g_app));
    ui_rig_identity(&g_app);
    RUN(touch_target_follows_dpi);
    RUN(variants_cover_every_screen);
    RUN(done_screen_promises_sms_only_with_a_phone);
    RUN(checker_catches_overlap_overflow_and_small_targets);
    RUN(every_screen_every_size_both_languages);
    SDL_Quit();
    return test_done();
}
