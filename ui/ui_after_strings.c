/* ui_after_strings.c: the strings of the recall worklist and the opened application, in
 * Vietnamese (the official terms, ../shared/terms-vi.md) and English. */
#include "ui/ui_after.h"

static const char *const vi[UI_AS_COUNT] = {
    [UI_AS_RECALL_TITLE] = "Công dân cần liên hệ",
    [UI_AS_APP_TITLE] = "Hồ sơ",
    [UI_AS_HOME_RECALL] = "Công dân cần liên hệ (%ld)",
    [UI_AS_RECALL_EMPTY] = "Không có công dân nào cần liên hệ.",
    [UI_AS_OVERDUE] = "Quá 3 ngày làm việc chưa có kết quả.",
    [UI_AS_DAYS] = "%d ngày",
    [UI_AS_NO_PHONE] = "(chỉ có thư điện tử)",
    [UI_AS_MARK_CALLED] = "Đã gọi",
    [UI_AS_MARK_NO_ANSWER] = "Không nghe máy",
    [UI_AS_MARK_APPOINTMENT] = "Hẹn ngày",
    [UI_AS_MARK_RETURNED] = "Đã đến làm lại",
    [UI_AS_BTN_REDO] = "Tạo lại hồ sơ",
    [UI_AS_BTN_OPEN] = "Xem hồ sơ",
    [UI_AS_BTN_REPRINT] = "In lại giấy tiếp nhận",
    [UI_AS_BTN_BACK] = "Quay lại",
    [UI_AS_L_NUMBER] = "Số hồ sơ",
    [UI_AS_L_STATUS] = "Trạng thái",
    [UI_AS_L_REASON] = "Lý do không đạt",
    [UI_AS_L_NEXT] = "Việc cần làm",
    [UI_AS_L_NAME] = "Họ, chữ đệm và tên",
    [UI_AS_L_PID] = "Số định danh cá nhân",
    [UI_AS_L_DOB] = "Ngày sinh",
    [UI_AS_L_PHONE] = "Số điện thoại di động (chính chủ)",
    [UI_AS_L_EMAIL] = "Thư điện tử",
    [UI_AS_L_RECEIVED] = "Tiếp nhận",
    [UI_AS_L_APPROVED_BY] = "Lãnh đạo đơn vị phê duyệt",
    [UI_AS_L_EXPECTED] = "Ngày dự kiến có kết quả",
    [UI_AS_L_REDO_OF] = "Tạo lại từ hồ sơ",
    [UI_AS_L_HISTORY] = "Lịch sử",
    [UI_AS_PHONE_SHARED] = "Số này có trong hồ sơ của %ld công dân khác tại máy: hỏi lại công dân.",
    [UI_AS_PRINTED] = "Đã gửi giấy tiếp nhận tới máy in.",
    [UI_AS_NOT_PRINTED] = "Không in được giấy tiếp nhận (%s). Kiểm tra máy in rồi in lại.",
    [UI_AS_PURGED] = "Thông tin cá nhân đã được xóa sau thời hạn lưu giữ.",
    [UI_AS_MARKED] = "Đã ghi: %s.",
};

static const char *const en[UI_AS_COUNT] = {
    [UI_AS_RECALL_TITLE] = "Citizens to call back",
    [UI_AS_APP_TITLE] = "Application",
    [UI_AS_HOME_RECALL] = "Citizens to call back (%ld)",
    [UI_AS_RECALL_EMPTY] = "No citizen to call back.",
    [UI_AS_OVERDUE] = "No result after 3 working days.",
    [UI_AS_DAYS] = "%d days",
    [UI_AS_NO_PHONE] = "(e-mail only)",
    [UI_AS_MARK_CALLED] = "Called",
    [UI_AS_MARK_NO_ANSWER] = "No answer",
    [UI_AS_MARK_APPOINTMENT] = "Appointment",
    [UI_AS_MARK_RETURNED] = "Came back",
    [UI_AS_BTN_REDO] = "New application",
    [UI_AS_BTN_OPEN] = "Open",
    [UI_AS_BTN_REPRINT] = "Reprint receipt",
    [UI_AS_BTN_BACK] = "Back",
    [UI_AS_L_NUMBER] = "Application no.",
    [UI_AS_L_STATUS] = "Status",
    [UI_AS_L_REASON] = "Reason",
    [UI_AS_L_NEXT] = "Next step",
    [UI_AS_L_NAME] = "Full name",
    [UI_AS_L_PID] = "Personal ID",
    [UI_AS_L_DOB] = "Date of birth",
    [UI_AS_L_PHONE] = "Mobile phone (own)",
    [UI_AS_L_EMAIL] = "E-mail",
    [UI_AS_L_RECEIVED] = "Received",
    [UI_AS_L_APPROVED_BY] = "Approved by supervisor",
    [UI_AS_L_EXPECTED] = "Expected result",
    [UI_AS_L_REDO_OF] = "Redo of",
    [UI_AS_L_HISTORY] = "History",
    [UI_AS_PHONE_SHARED] = "This number is on %ld other citizen(s)' applications here: ask again.",
    [UI_AS_PRINTED] = "The receipt was sent to the printer.",
    [UI_AS_NOT_PRINTED] =
        "The receipt could not be printed (%s). Check the printer and print again.",
    [UI_AS_PURGED] = "Personal data purged after the retention period.",
    [UI_AS_MARKED] = "Recorded: %s.",
};

const char *ui_astr(enum ui_after_str id, enum msg_lang lang)
{
    if ((unsigned)id >= UI_AS_COUNT)
        return "";
    const char *s = lang == LANG_EN ? en[id] : vi[id];
    return s ? s : "";
}

const char *ui_after_title(enum ui_screen s, enum msg_lang lang)
{
    return ui_astr(s == UI_SCR_RECALL ? UI_AS_RECALL_TITLE : UI_AS_APP_TITLE, lang);
}
