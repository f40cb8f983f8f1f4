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
    [UI_AS_PRINTING] = "Đang in giấy tiếp nhận…",
    [UI_AS_PURGED] = "Thông tin cá nhân đã được xóa sau thời hạn lưu giữ.",
    [UI_AS_MARKED] = "Đã ghi: %s.",
    [UI_AS_GUIDANCE_TITLE] = "Hướng dẫn làm thủ tục cấp thẻ",
    [UI_AS_HOME_GUIDANCE] = "Chưa có thẻ / mất thẻ",
    [UI_AS_G_NO_CARD] = "Chưa có thẻ gắn chíp",
    [UI_AS_G_LOST_CARD] = "Mất thẻ",
    [UI_AS_G_UNDER_14] = "Trẻ dưới 14 tuổi",
    [UI_AS_G_TEXT_NO_CARD] =
        "Công dân chưa có thẻ Căn cước gắn chíp: hướng dẫn công dân làm thủ tục cấp thẻ Căn cước "
        "tại Công an cấp huyện (nơi làm thủ tục cấp thẻ). Tài khoản định danh điện tử mức độ 2 "
        "được cấp cùng với thẻ, trong không quá 07 ngày làm việc. Không lập hồ sơ nhập tay thay "
        "cho thẻ.",
    [UI_AS_G_TEXT_LOST_CARD] =
        "Công dân bị mất thẻ Căn cước: hướng dẫn công dân làm thủ tục cấp lại thẻ tại Công an cấp "
        "huyện (nơi làm thủ tục cấp thẻ). Tài khoản định danh điện tử mức độ 2 được cấp cùng với "
        "thẻ mới, trong không quá 07 ngày làm việc. Không lập hồ sơ nhập tay thay cho thẻ.",
    [UI_AS_G_TEXT_UNDER_14] =
        "Công dân chưa đủ 14 tuổi: không đăng ký tài khoản định danh điện tử mức độ 2 riêng cho "
        "trẻ. Hướng dẫn cha, mẹ hoặc người giám hộ đăng ký thông tin của trẻ theo tài khoản định "
        "danh điện tử của mình trên ứng dụng VNeID.",
    [UI_AS_G_DONE] = "Đã hướng dẫn",
    [UI_AS_G_COUNTED] = "Đã ghi nhận lượt hướng dẫn.",
    [UI_AS_FIX_TITLE] = "Sửa số điện thoại di động",
    [UI_AS_BTN_FIX] = "Sửa số điện thoại",
    [UI_AS_FIX_L_OLD] = "Số đang ghi trong hồ sơ",
    [UI_AS_FIX_L_NEW] = "Số điện thoại di động (chính chủ) mới",
    [UI_AS_FIX_L_REASON] = "Lý do sửa",
    [UI_AS_FIX_R_CITIZEN] = "Công dân khai sai số",
    [UI_AS_FIX_R_TYPO] = "Cán bộ tiếp nhận nhập sai số",
    [UI_AS_FIX_R_SHARED] = "Trùng số với công dân khác",
    [UI_AS_FIX_R_NOT_OWN] = "Không phải số chính chủ",
    [UI_AS_FIX_SAME] = "Số mới trùng với số đang ghi trong hồ sơ.",
    [UI_AS_FIX_APPROVE] = "Yêu cầu sửa số điện thoại cần Lãnh đạo đơn vị phê duyệt.",
    [UI_AS_FIX_DONE] = "Đã ghi yêu cầu sửa số điện thoại. Yêu cầu được gửi lên khi máy có kết nối.",
    [UI_AS_FIX_REFUSED] = "Không ghi được yêu cầu: chỉ sửa được số điện thoại của hồ sơ đã gửi "
                          "xử lý hoặc đã được phê duyệt.",
    [UI_AS_L_FIX] = "Yêu cầu sửa số",
    [UI_AS_FIX_PENDING] = "%s, chờ gửi",
    [UI_AS_FIX_SENT] = "%s, đã gửi",
    [UI_AS_FIX_FAILED] = "%s, không gửi được",
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
    [UI_AS_PRINTING] = "Printing the receipt…",
    [UI_AS_PURGED] = "Personal data purged after the retention period.",
    [UI_AS_MARKED] = "Recorded: %s.",
    [UI_AS_GUIDANCE_TITLE] = "Guidance: the card procedure",
    [UI_AS_HOME_GUIDANCE] = "No card / lost card",
    [UI_AS_G_NO_CARD] = "No chip card yet",
    [UI_AS_G_LOST_CARD] = "Lost card",
    [UI_AS_G_UNDER_14] = "Child under 14",
    [UI_AS_G_TEXT_NO_CARD] =
        "The citizen has no chip ID card yet: guide them to apply for the card at the district "
        "police (where cards are issued). The level-2 account is issued with the card, within 7 "
        "working days. No typed-in application instead of the card.",
    [UI_AS_G_TEXT_LOST_CARD] =
        "The citizen lost the card: guide them to apply for a replacement at the district police "
        "(where cards are issued). The level-2 account is issued with the new card, within 7 "
        "working days. No typed-in application instead of the card.",
    [UI_AS_G_TEXT_UNDER_14] =
        "The citizen is under 14: no level-2 account of their own. Guide the parent or guardian "
        "to register the child under their own electronic identity account in the VNeID app.",
    [UI_AS_G_DONE] = "Guidance given",
    [UI_AS_G_COUNTED] = "The guidance visit was counted.",
    [UI_AS_FIX_TITLE] = "Correct the mobile phone",
    [UI_AS_BTN_FIX] = "Correct the phone",
    [UI_AS_FIX_L_OLD] = "Number on the application",
    [UI_AS_FIX_L_NEW] = "New mobile phone (own)",
    [UI_AS_FIX_L_REASON] = "Reason",
    [UI_AS_FIX_R_CITIZEN] = "The citizen gave a wrong number",
    [UI_AS_FIX_R_TYPO] = "Typed wrong at the counter",
    [UI_AS_FIX_R_SHARED] = "Same number as another citizen",
    [UI_AS_FIX_R_NOT_OWN] = "Not the citizen's own number",
    [UI_AS_FIX_SAME] = "The new number is the one on the application.",
    [UI_AS_FIX_APPROVE] = "A phone correction needs the unit's leader's approval.",
    [UI_AS_FIX_DONE] = "The phone correction was recorded. It is sent upstream when online.",
    [UI_AS_FIX_REFUSED] = "Not recorded: only a sent or approved application's phone can be "
                          "corrected.",
    [UI_AS_L_FIX] = "Phone correction",
    [UI_AS_FIX_PENDING] = "%s, to be sent",
    [UI_AS_FIX_SENT] = "%s, sent",
    [UI_AS_FIX_FAILED] = "%s, not accepted upstream",
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
    return ui_astr(s == UI_SCR_RECALL     ? UI_AS_RECALL_TITLE
                   : s == UI_SCR_GUIDANCE ? UI_AS_GUIDANCE_TITLE
                   : s == UI_SCR_PHONEFIX ? UI_AS_FIX_TITLE
                                          : UI_AS_APP_TITLE,
                   lang);
}
