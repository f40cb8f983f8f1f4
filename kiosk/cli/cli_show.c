/* cli_show.c: `kiosk show WHAT`: one application opened by its id, short number, personal ID
 * or phone: identity, status and its history, the reason in plain words with what to do next,
 * approvals, contact marks, phone corrections, the redo link and the receipt's dates. */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/cli.h"
#include "kiosk/cli/cli_after.h"
#include "kiosk/messages/messages.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/model/validate.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/store/store_phonefix.h"
#include "kiosk/store/store_recall.h"
#include "kiosk/workflow/policy.h"

int cli_after_delivered_at(struct store *st, const char *id, int64_t *at)
{
    struct store_history h[64];
    int n = store_history(st, id, h, 64);
    *at = 0;
    if (n < 0)
        return n;
    for (int i = 0; i < n; i++)
        if (h[i].status == APP_SUBMITTED) {
            *at = h[i].at;
            break;
        }
    return 0;
}

int cli_after_open(struct cli_ctx *c, const char *what, char id[APP_ID_SIZE])
{
    if (cli_open_store(c))
        return 1;
    int rc = store_resolve(c->st, what, id);
    /* what was asked is not repeated: it may be a personal ID or a phone, and this line is
     * the journal's under systemd */
    if (rc == STORE_ENOTFOUND)
        return cli_fail("%s", c->lang == LANG_EN ? "no such application here"
                                                 : "không có hồ sơ này tại máy");
    if (rc)
        return cli_fail("%s", store_strerror(rc));
    return 0;
}

static const char *label(enum msg_lang lang, const char *vi, const char *en)
{
    return lang == LANG_EN ? en : vi;
}

const char *cli_after_mark_text(int mark, enum msg_lang lang)
{
    static const char *const vi[] = {"", "đã gọi", "không nghe máy", "hẹn ngày", "đã đến làm lại"};
    static const char *const en[] = {"", "called", "no answer", "appointment", "came back"};
    if (mark <= 0 || mark >= RECALL_MARK_COUNT)
        return "";
    return lang == LANG_EN ? en[mark] : vi[mark];
}

int cli_show(struct cli_ctx *c, int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: kiosk show ID|SHORT-NUMBER|PERSONAL-ID|PHONE\n");
        return 2;
    }
    char id[APP_ID_SIZE], when[17], dob[11];
    if (cli_after_open(c, argv[1], id))
        return 1;
    struct application app;
    int rc = store_load(c->st, id, &app);
    enum msg_lang L = c->lang;
    if (rc == STORE_ENOTFOUND) {
        /* purged after retention: only the status and history are left */
        printf("%s %s\n", label(L, "Hồ sơ", "Application"), id);
        printf("%s\n", label(L, "Thông tin cá nhân đã được xóa sau thời hạn lưu giữ.",
                             "Personal data purged after the retention period."));
    } else if (rc) {
        return cli_fail("%s", store_strerror(rc));
    } else {
        printf("%s %s   (%s)\n", label(L, "Hồ sơ", "Application"),
               app.short_no[0] ? app.short_no : "-", app.id);
        printf("%s: %s\n", label(L, "Trạng thái", "Status"), status_label(app.status, L));
        if (app.status == APP_REJECTED || app.reason_code[0]) {
            struct reason_text t = reason_lookup(app.reason_code, app.status_reason, L);
            printf("%s: %s\n", label(L, "Lý do không đạt", "Reason"), t.what);
            if (app.status == APP_REJECTED)
                printf("%s: %s\n", label(L, "Việc cần làm", "Next step"), t.next);
        }
        printf("%s: %s\n", label(L, "Họ, chữ đệm và tên", "Full name"), app.identity.full_name);
        printf("%s: %s\n", label(L, "Số định danh cá nhân", "Personal ID"),
               app.identity.personal_id);
        time_iso_to_vn(app.identity.dob, dob);
        printf("%s: %s\n", label(L, "Ngày sinh", "Date of birth"), dob);
        if (app.phone[0]) {
            const char *carrier = val_phone_carrier(app.phone);
            printf("%s: %s%s%s%s\n", label(L, "Số điện thoại di động", "Mobile phone"), app.phone,
                   carrier ? " (" : "", carrier ? carrier : "", carrier ? ")" : "");
            long others = 0;
            if (store_phone_other_citizens(c->st, app.phone, app.identity.personal_id, &others) ==
                    0 &&
                others > 0)
                printf("  %s %ld\n",
                       label(L, "Cảnh báo: số này có trong hồ sơ của công dân khác tại máy:",
                             "Warning: this number is on other citizens' applications here:"),
                       others);
        }
        if (app.email[0])
            printf("%s: %s\n", label(L, "Thư điện tử", "E-mail"), app.email);
        time_local_display(app.created_at, when);
        printf("%s: %s, %s %s\n", label(L, "Tiếp nhận", "Received"), when,
               label(L, "cán bộ tiếp nhận", "officer"), app.officer);
        for (int k = 0; k < app.n_approvals; k++) {
            const struct app_approval *ap = &app.approvals[k];
            time_local_display(ap->at, when);
            printf("%s: %s, %s (%s) %s\n", label(L, "Lãnh đạo đơn vị phê duyệt", "Approved by"),
                   ap->by, pol_reason_text(ap->reason, L), ap->rule, when);
        }
        if (app.redo_of[0])
            printf("%s: %s\n", label(L, "Tạo lại từ hồ sơ", "Redo of"), app.redo_of);
        int64_t delivered = 0;
        cli_after_delivered_at(c->st, id, &delivered);
        if (delivered) {
            char day[11], vn[11];
            receipt_add_working_days(delivered, 3, day);
            time_iso_to_vn(day, vn);
            printf("%s: %s\n", label(L, "Ngày dự kiến có kết quả", "Expected result"), vn);
        }
        app_wipe(&app);
    }
    struct store_history h[64];
    int n = store_history(c->st, id, h, 64);
    printf("%s:\n", label(L, "Lịch sử", "History"));
    for (int i = 0; i < n; i++) {
        time_local_display(h[i].at, when);
        printf("  %s  %-22s %s%s%s\n", when, status_label(h[i].status, L), h[i].actor,
               h[i].reason[0] ? "  " : "", h[i].reason);
    }
    struct recall_mark_row marks[32];
    n = store_recall_marks(c->st, id, marks, 32);
    for (int i = 0; i < n; i++) {
        time_local_display(marks[i].at, when);
        printf("  %s  %s %s %s\n", when, label(L, "Liên hệ:", "Contact:"),
               cli_after_mark_text(marks[i].mark, L), marks[i].appointment);
    }
    char why[256], who[APP_OFFICER_SIZE], redo[APP_ID_SIZE];
    if (store_recall_closed(c->st, id, why, who, redo) == 0) {
        if (redo[0])
            printf("%s %s\n", label(L, "Đã tạo lại hồ sơ:", "Redone as:"), redo);
        else
            printf("%s %s (%s)\n", label(L, "Lãnh đạo đơn vị đóng:", "Closed by supervisor:"), who,
                   why);
    }
    struct phonefix fx[8];
    n = store_phonefix_list(c->st, id, fx, 8);
    for (int i = 0; i < n; i++) {
        time_local_display(fx[i].created_at, when);
        printf("  %s  %s %s → %s (%s; %s %s) %s\n", when,
               label(L, "Sửa số điện thoại:", "Phone corrected:"), fx[i].old_phone, fx[i].new_phone,
               fx[i].reason, label(L, "phê duyệt", "approved by"), fx[i].approver,
               phonefix_state_name(fx[i].state));
    }
    return 0;
}
