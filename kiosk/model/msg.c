/* msg.c: the core's messages in Vietnamese (NFC, full diacritics) and English.
 *
 * One row per enum msg_id, filled by designated initialisers so that a row cannot drift to the
 * wrong id. Each text says what went wrong and what to do next, in a sentence or two an officer
 * reads aloud to the citizen. Guarantees: msg_text() and msg_key() never return NULL, even for
 * an id out of range (tests/kiosk/test_msg.c checks every row is filled, keys are unique). */
#include "kiosk/model/msg.h"

#include <string.h>

struct msg_row {
    const char *key;
    const char *text[2]; /* [LANG_VI], [LANG_EN] */
};

static const struct msg_row msgs[MSG_COUNT] = {
    [MSG_NONE] = {"ok", {"Hợp lệ.", "Valid."}},

    [MSG_PID_LENGTH] = {"pid.length",
                        {"Số định danh cá nhân phải có đúng 12 chữ số. Hãy đối chiếu lại với thẻ.",
                         "The personal ID number has exactly 12 digits. Check it against the "
                         "card."}},
    [MSG_PID_DIGITS] = {"pid.digits",
                        {"Số định danh cá nhân chỉ gồm chữ số, không có dấu cách hay chữ cái. "
                         "Hãy nhập lại.",
                         "The personal ID number contains only digits, no spaces or letters. "
                         "Enter it again."}},
    [MSG_PID_PROVINCE] = {"pid.province",
                          {"Ba chữ số đầu của số định danh không phải mã tỉnh, thành phố nào. "
                           "Hãy đối chiếu lại với thẻ.",
                           "The first three digits of the personal ID are not a province or city "
                           "code. Check it against the card."}},
    [MSG_PID_CENTURY] = {"pid.century",
                         {"Chữ số thứ tư của số định danh (mã thế kỷ và giới tính) không hợp lệ. "
                          "Hãy đối chiếu lại với thẻ.",
                          "The fourth digit of the personal ID (century and sex code) is not "
                          "valid. Check it against the card."}},
    [MSG_PID_YEAR_MISMATCH] = {"pid.year_mismatch",
                               {"Năm sinh trong số định danh không khớp với ngày sinh. Hãy đối "
                                "chiếu cả hai với thẻ.",
                                "The year of birth in the personal ID does not match the date of "
                                "birth. Check both against the card."}},
    [MSG_PID_SEX_MISMATCH] = {"pid.sex_mismatch",
                              {"Giới tính trong số định danh không khớp với giới tính đã nhập. Hãy "
                               "đối chiếu cả hai với thẻ.",
                               "The sex encoded in the personal ID does not match the sex entered. "
                               "Check both against the card."}},

    [MSG_DATE_INVALID] = {"date.invalid",
                          {"Ngày không tồn tại. Hãy nhập theo dạng ngày/tháng/năm, ví dụ "
                           "05/09/1990.",
                           "This date does not exist. Enter it as day/month/year, e.g. "
                           "05/09/1990."}},
    [MSG_DOB_FUTURE] = {"date.dob_future",
                        {"Ngày sinh không thể sau ngày hôm nay. Hãy kiểm tra lại.",
                         "The date of birth cannot be after today. Check it again."}},
    [MSG_NAME_EMPTY] = {"name.empty",
                        {"Chưa có họ tên. Hãy nhập họ, chữ đệm và tên như trên thẻ.",
                         "The name is missing. Enter the full name as on the card."}},
    [MSG_NAME_INVALID] = {"name.invalid",
                          {"Họ tên chỉ gồm chữ cái (giữ nguyên dấu), dấu cách đơn, dấu nháy và "
                           "gạch nối; không có chữ số hay ký hiệu. Hãy nhập lại như trên thẻ.",
                           "A name has only letters (with their accents), single spaces, "
                           "apostrophes and hyphens; no digits or symbols. Enter it as on the "
                           "card."}},
    [MSG_TEXT_INVALID_UTF8] = {"text.invalid_utf8",
                               {"Văn bản có ký tự không đọc được. Hãy nhập lại.",
                                "The text has characters that cannot be read. Enter it again."}},
    [MSG_TEXT_TOO_LONG] = {"text.too_long",
                           {"Văn bản quá dài. Hãy rút gọn rồi nhập lại.",
                            "The text is too long. Shorten it and enter it again."}},

    [MSG_PHONE_EMPTY] = {"phone.empty",
                         {"Chưa có số điện thoại. Hãy nhập số di động chính chủ của công dân.",
                          "The phone number is missing. Enter the citizen's own mobile "
                          "number."}},
    [MSG_PHONE_CHARS] = {"phone.chars",
                         {"Số điện thoại chỉ gồm chữ số, có thể bắt đầu bằng +84, được ngăn cách "
                          "bằng dấu cách, dấu chấm hoặc gạch ngang. Hãy nhập lại.",
                          "A phone number has only digits, may start with +84, and may be "
                          "separated by spaces, dots or dashes. Enter it again."}},
    [MSG_PHONE_LENGTH] = {"phone.length",
                          {"Số di động có 10 chữ số, bắt đầu bằng 0 (ví dụ 0987 654 321). Hãy "
                           "kiểm tra lại.",
                           "A mobile number has 10 digits starting with 0 (e.g. 0987 654 321). "
                           "Check it again."}},
    [MSG_PHONE_OLD_11_DIGITS] = {"phone.old_11_digits",
                                 {"Đây là số 11 chữ số cũ, đã được chuyển sang 10 chữ số từ năm "
                                  "2018. Hãy hỏi công dân số mới.",
                                  "This is an old 11-digit number, converted to 10 digits in "
                                  "2018. Ask the citizen for the new number."}},
    [MSG_PHONE_LANDLINE] = {"phone.landline",
                            {"Đây là số máy bàn. Hãy nhập số di động chính chủ của công dân để "
                             "nhận tin nhắn kích hoạt.",
                             "This is a landline number. Enter the citizen's own mobile number, "
                             "which receives the activation SMS."}},
    [MSG_PHONE_PREFIX] = {"phone.prefix",
                          {"Đầu số này không thuộc nhà mạng di động Việt Nam nào. Hãy kiểm tra "
                           "lại số.",
                           "This prefix belongs to no Vietnamese mobile network. Check the "
                           "number again."}},

    [MSG_EMAIL_AT] =
        {"email.at",
         {"Địa chỉ thư điện tử phải có đúng một ký tự @, ví dụ ten@example.vn. Hãy nhập "
          "lại.",
          "An e-mail address has exactly one @, e.g. name@example.vn. Enter it "
          "again."}},
    [MSG_EMAIL_LOCAL] = {"email.local",
                         {"Phần trước @ chỉ được gồm chữ cái không dấu, chữ số và các ký hiệu như "
                          ". _ - +; không bắt đầu hay kết thúc bằng dấu chấm, không có hai dấu "
                          "chấm liền nhau, không dùng dấu ngoặc kép, tối đa 64 ký tự. Hãy nhập "
                          "lại.",
                          "The part before @ may only have unaccented letters, digits and signs "
                          "such as . _ - +; no dot at the start or end, no two dots in a row, no "
                          "quotes, at most 64 characters. Enter it again."}},
    [MSG_EMAIL_DOMAIN] = {"email.domain",
                          {"Tên miền sau @ không hợp lệ: chỉ gồm chữ cái không dấu, chữ số, gạch "
                           "ngang, có ít nhất một dấu chấm, ví dụ gmail.com. Tên miền có dấu "
                           "tiếng Việt hay địa chỉ IP không được chấp nhận. Hãy nhập lại.",
                           "The domain after @ is not valid: only unaccented letters, digits and "
                           "hyphens, with at least one dot, e.g. gmail.com. Accented "
                           "(internationalised) domains and IP addresses are not accepted. Enter "
                           "it again."}},
    [MSG_EMAIL_LENGTH] = {"email.length",
                          {"Địa chỉ thư điện tử quá dài (tối đa 254 ký tự). Hãy kiểm tra lại.",
                           "The e-mail address is too long (at most 254 characters). Check it "
                           "again."}},
    [MSG_EMAIL_SPACE] =
        {"email.space",
         {"Địa chỉ thư điện tử không được có dấu cách, kể cả ở đầu hay cuối. Hãy nhập "
          "lại.",
          "An e-mail address has no spaces, not even at the start or end. Enter "
          "it again."}},
    [MSG_CONTACT_NONE] =
        {"contact.none",
         {"Cần ít nhất một số điện thoại hoặc một địa chỉ thư điện tử để báo kết quả. "
          "Hãy nhập một trong hai.",
          "A phone number or an e-mail address is needed to notify the result. "
          "Enter at least one."}},

    [MSG_WF_NOT_NOW] = {"wf.not_now",
                        {"Không thể làm thao tác này ở bước hiện tại.",
                         "This action is not possible at this step."}},
    [MSG_WF_NO_OFFICER] = {"wf.no_officer",
                           {"Chưa có cán bộ đăng nhập. Hãy đăng nhập bằng mã PIN.",
                            "No officer is signed in. Sign in with your PIN."}},
    [MSG_WF_CHIP_FORGED] = {"wf.chip_forged",
                            {"Chip không hợp lệ: dữ liệu chip không qua được kiểm tra. Không tiếp "
                             "nhận hồ sơ; sự việc đã được ghi lại để Lãnh đạo đơn vị xem xét.",
                             "The chip is not valid: its data failed the checks. Do not accept "
                             "the application; the incident is recorded for the unit's "
                             "leader."}},
    [MSG_WF_NEED_SUPERVISOR_UNVERIFIED] = {"wf.need_supervisor_unverified",
                                           {"Chưa xác thực được chip: máy chưa có chứng thư CSCA "
                                            "của nước cấp thẻ. Cần Lãnh đạo đơn vị nhập mã PIN "
                                            "để phê duyệt.",
                                            "The chip could not be verified: no CSCA of the "
                                            "issuing state is installed. The unit's leader must "
                                            "enter their PIN to approve."}},
    [MSG_WF_NEED_SUPERVISOR_MANUAL] = {"wf.need_supervisor_manual",
                                       {"Thông tin được nhập tay, không đọc từ chip. Cần Lãnh đạo "
                                        "đơn vị chọn lý do và nhập mã PIN để phê duyệt.",
                                        "The identity was typed in, not read from the chip. The "
                                        "unit's leader must pick a reason and enter their PIN to "
                                        "approve."}},
    [MSG_WF_NEED_SUPERVISOR_DUPLICATE] = {"wf.need_supervisor_duplicate",
                                          {"Công dân này đã có hồ sơ đang chờ xử lý. Cần Lãnh đạo "
                                           "đơn vị nhập mã PIN để tạo thêm hồ sơ.",
                                           "This citizen already has an application in progress. "
                                           "The unit's leader must enter their PIN to create "
                                           "another one."}},
    [MSG_WF_DUPLICATE] = {"wf.duplicate",
                          {"Số định danh này đã có hồ sơ trong hàng đợi hoặc đã gửi. Hãy xem hồ sơ "
                           "trước đó trước khi tạo hồ sơ mới.",
                           "This personal ID already has an application queued or submitted. Look "
                           "at the earlier one before creating a new one."}},
    [MSG_WF_CARD_EXPIRED] = {"wf.card_expired",
                             {"Thẻ Căn cước đã hết hạn: không tiếp nhận hồ sơ. Hướng dẫn công dân "
                              "làm thủ tục cấp đổi thẻ rồi quay lại đăng ký.",
                              "The ID card has expired: the application cannot be taken. Direct "
                              "the citizen to renew the card, then come back."}},
    [MSG_WF_NO_PORTRAIT] = {"wf.no_portrait",
                            {"Chưa có ảnh chân dung đạt chuẩn. Hãy chụp lại.",
                             "There is no portrait meeting the standard yet. Take the photo "
                             "again."}},
    [MSG_WF_FINGERS_INCOMPLETE] =
        {"wf.fingers_incomplete",
         {"Chưa đủ vân tay: mỗi ngón phải được thu nhận hoặc ghi lý do không "
          "thu nhận được. Hãy thu nhận tiếp.",
          "Fingerprints are incomplete: each finger must be captured or "
          "have a reason why not. Continue capturing."}},
    [MSG_WF_SAME_FINGER] =
        {"wf.same_finger",
         {"Hai lần thu nhận vân tay trùng nhau, có thể cùng một ngón đã được đặt hai "
          "lần. Hãy thu nhận lại đúng ngón được yêu cầu.",
          "Two captures match: the same finger may have been placed twice. "
          "Capture the requested finger again."}},
    [MSG_WF_NO_FINGERS] =
        {"wf.no_fingers",
         {"Chưa thu nhận được vân tay nào. Hãy thu nhận vân tay trước khi tiếp tục.",
          "No fingerprint has been captured. Capture them before "
          "continuing."}},
    [MSG_WF_TIMEOUT] = {"wf.timeout",
                        {"Hết thời gian chờ: dữ liệu của công dân đã được xóa. Hãy bắt đầu lại.",
                         "Timed out: the citizen's data has been wiped. Start again."}},
    [MSG_WF_CANCELLED] = {"wf.cancelled",
                          {"Đã hủy hồ sơ; dữ liệu của công dân đã được xóa.",
                           "Application cancelled; the citizen's data has been wiped."}},
    [MSG_WF_QUEUED] = {"wf.queued",
                       {"Đã lưu hồ sơ vào hàng đợi gửi. Kết quả sẽ được báo qua ứng dụng VNeID, "
                        "tin nhắn hoặc thư điện tử.",
                        "The application is saved in the send queue. The result will come by the "
                        "VNeID app, SMS or e-mail."}},
    [MSG_WF_QUEUE_FAILED] = {"wf.queue_failed",
                             {"Không lưu được hồ sơ. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ "
                              "thuật.",
                              "The application could not be saved. Try again; if it still fails, "
                              "call technical support."}},
    [MSG_WF_DEVICE_FAILED] = {"wf.device_failed",
                              {"Thiết bị không phản hồi. Hãy kiểm tra dây nối rồi thử lại.",
                               "A device is not responding. Check its cable and try again."}},
    [MSG_WF_NO_CONSENT] = {"wf.no_consent",
                           {"Chưa ghi nhận sự đồng ý của công dân. Hãy hỏi và xác nhận đồng ý "
                            "trước khi gửi.",
                            "The citizen's consent is not recorded. Ask and confirm consent "
                            "before submitting."}},

    [MSG_POL_INCONSISTENT] = {"pol.inconsistent",
                              {"Nguồn thông tin và kết quả kiểm tra chip mâu thuẫn nhau: không "
                               "tiếp nhận. Hãy đọc lại thẻ.",
                               "The identity's source and the chip verdict contradict each "
                               "other: not accepted. Read the card again."}},
    [MSG_POL_AFTER_FORGED] = {"pol.after_forged",
                              {"Chip của thẻ này đã bị đánh giá không hợp lệ trong lần tiếp nhận "
                               "này: không được dùng mã QR hay nhập tay thay thế. Báo Lãnh đạo "
                               "đơn vị.",
                               "This card's chip was judged not valid in this session: the QR "
                               "code or typing cannot replace it. Report to the unit's "
                               "leader."}},
    [MSG_POL_NO_SELF_AUTH] = {"pol.no_self_auth",
                              {"Chip không hỗ trợ xác thực chip nên chưa loại trừ được thẻ sao "
                               "chép. Cần Lãnh đạo đơn vị nhập mã PIN để phê duyệt.",
                               "The chip offers no chip authentication, so a copy cannot be "
                               "ruled out. The unit's leader must enter their PIN to "
                               "approve."}},
    [MSG_POL_CHIP_UNVERIFIED] = {"pol.chip_unverified",
                                 {"Chưa xác thực được chip. Hãy đặt lại thẻ và đọc lại; nếu vẫn "
                                  "vậy, không tiếp nhận và hướng dẫn công dân kiểm tra thẻ tại "
                                  "cơ quan cấp thẻ.",
                                  "The chip could not be verified. Place the card again and read "
                                  "it again; if it persists, do not accept and direct the citizen "
                                  "to have the card checked where it was issued."}},
    [MSG_POL_QR_ONLY] = {"pol.qr_only",
                         {"Thông tin chỉ lấy từ mã QR trên thẻ, chưa được chip xác nhận. Cần Lãnh "
                          "đạo đơn vị chọn lý do và nhập mã PIN để phê duyệt.",
                          "The identity comes from the card's QR code only, not confirmed by the "
                          "chip. The unit's leader must pick a reason and enter their PIN to "
                          "approve."}},
    [MSG_POL_MISMATCH] = {"pol.mismatch",
                          {"Dữ liệu trong chip và mã QR trên thẻ không khớp nhau. Cần Lãnh đạo "
                           "đơn vị kiểm tra và nhập mã PIN để phê duyệt.",
                           "The chip data and the card's QR code disagree. The unit's leader "
                           "must check and enter their PIN to approve."}},
    [MSG_POL_ASK_NO_MOBILE] = {"pol.ask_no_mobile",
                               {"Chưa có số điện thoại di động (chính chủ). Hãy hỏi công dân; "
                                "nếu công dân không có, chọn “Không có số điện thoại di động”.",
                                "No mobile phone number given. Ask the citizen; if they have "
                                "none, choose \"No mobile phone\"."}},
    [MSG_POL_NO_MOBILE_SMS] = {"pol.no_mobile_sms",
                               {"Đã ghi nhận công dân không có số điện thoại di động. Lưu ý: việc "
                                "kích hoạt tài khoản cần tin nhắn SMS; hướng dẫn công dân liên "
                                "hệ tổng đài khi có số.",
                                "Recorded: the citizen has no mobile phone. Note that activating "
                                "the account needs an SMS; tell the citizen to call the centre "
                                "once they have a number."}},
    [MSG_POL_PORTRAIT_OVERRIDE] = {"pol.portrait_override",
                                   {"Ảnh chân dung chưa đạt mọi tiêu chuẩn. Cần Lãnh đạo đơn vị "
                                    "nhập mã PIN để phê duyệt.",
                                    "The portrait did not pass every check. The unit's leader "
                                    "must enter their PIN to approve."}},
    [MSG_POL_NO_FINGERS] = {"pol.no_fingers",
                            {"Không thu nhận được vân tay nào. Cần Lãnh đạo đơn vị xem lý do từng "
                             "ngón và nhập mã PIN để phê duyệt.",
                             "No fingerprint was captured. The unit's leader must review each "
                             "finger's reason and enter their PIN to approve."}},
    [MSG_POL_FEWER_FINGERS] = {"pol.fewer_fingers",
                               {"Thu nhận được ít vân tay hơn quy định. Cần Lãnh đạo đơn vị xem lý "
                                "do từng ngón và nhập mã PIN để phê duyệt.",
                                "Fewer fingerprints were captured than configured. The unit's "
                                "leader must review each finger's reason and enter their PIN to "
                                "approve."}},
    [MSG_POL_SELF_APPROVAL] = {"pol.self_approval",
                               {"Cán bộ tiếp nhận không được tự phê duyệt hồ sơ mình đang làm. "
                                "Hãy nhờ Lãnh đạo đơn vị khác.",
                                "The officer running the enrolment cannot approve it. Ask "
                                "another leader of the unit."}},
    [MSG_POL_REASON_NEEDED] = {"pol.reason_needed",
                               {"Hãy chọn lý do không dùng được chip (không đọc được chip, chip "
                                "bị hỏng, thẻ không gắn chip) trước khi phê duyệt.",
                                "Pick why the chip cannot be used (unreadable, damaged, card "
                                "without chip) before approving."}},
    [MSG_POL_NOTHING_TO_APPROVE] = {"pol.nothing_to_approve",
                                    {"Không có gì cần phê duyệt ở bước này.",
                                     "There is nothing to approve at this step."}},
    [MSG_POL_APPROVED] = {"pol.approved",
                          {"Lãnh đạo đơn vị đã phê duyệt.", "The unit's leader approved."}},
    [MSG_POL_UNDER_14] = {"pol.under_14",
                          {"Công dân chưa đủ 14 tuổi: hướng dẫn cha, mẹ hoặc người giám hộ đăng ký "
                           "cho trẻ theo tài khoản định danh điện tử của mình.",
                           "Under 14: guide the parent or guardian to register the child under "
                           "their own electronic identity account."}},
    [MSG_POL_CLOCK_IMPLAUSIBLE] = {"pol.clock_implausible",
                                   {"Đồng hồ của máy không đúng (lùi lại hoặc lệch xa so với thời "
                                    "gian đã biết): chưa thể tiếp nhận hồ sơ. Lãnh đạo đơn vị "
                                    "cần đặt lại giờ (kiosk clock set) rồi tiếp nhận tiếp.",
                                    "The kiosk's clock is wrong (set back, or far from the time "
                                    "it knew): no application can be taken. The unit's leader "
                                    "must set the time (kiosk clock set), then go on."}},
    [MSG_POL_DISK_FULL] = {"pol.disk_full",
                           {"Ổ đĩa của máy đã đầy: không còn chỗ cho thêm hồ sơ. Các hồ sơ đã "
                            "tiếp nhận vẫn an toàn. Hãy gửi hoặc bàn giao hồ sơ chờ gửi (kiosk "
                            "bundle export) và báo quản trị giải phóng ổ đĩa.",
                            "The kiosk's disk is full: no room for another application. Those "
                            "already taken are safe. Deliver or hand over the waiting ones "
                            "(kiosk bundle export) and have the disk freed."}},
    [MSG_DISK_LOW] = {"disk.low",
                      {"Ổ đĩa sắp đầy: hãy gửi hoặc bàn giao hồ sơ chờ gửi (kiosk bundle export).",
                       "The disk is nearly full: deliver or hand over the waiting applications "
                       "(kiosk bundle export)."}},
    [MSG_POWER_LOW] = {"power.low",
                       {"Pin yếu: hãy cắm điện cho máy hoặc thay pin.",
                        "Battery low: plug the kiosk in or change the battery."}},
    [MSG_POWER_CRITICAL] = {"power.critical",
                            {"Pin sắp hết: hồ sơ đang làm dở đã dừng (công dân cần làm lại), dữ "
                             "liệu đã lưu an toàn, máy sẽ tắt.",
                             "Battery nearly empty: the enrolment in progress is stopped (the "
                             "citizen must start again), the data is saved, the kiosk is powering "
                             "off."}},
    [MSG_POL_FACE_MISMATCH] = {"pol.face_mismatch",
                               {"Ảnh chân dung không khớp ảnh trên chip. Cần Lãnh đạo đơn vị đối "
                                "chiếu người và thẻ, rồi nhập mã PIN để phê duyệt.",
                                "The portrait does not match the chip's photo. The unit's leader "
                                "must compare the person with the card, then enter their PIN to "
                                "approve."}},
    [MSG_POL_FACE_NOT_FOUND] = {"pol.face_not_found",
                                {"Không tìm thấy khuôn mặt trong ảnh chân dung hoặc ảnh trên chip "
                                 "nên chưa so khớp được. Cần Lãnh đạo đơn vị đối chiếu người và "
                                 "thẻ, rồi nhập mã PIN để phê duyệt.",
                                 "No face was found in the portrait or in the chip's photo, so "
                                 "they could not be compared. The unit's leader must compare the "
                                 "person with the card, then enter their PIN to approve."}},
    [MSG_POL_FACE_UNCHECKED] = {"pol.face_unchecked",
                                {"Máy chưa so khớp được ảnh chân dung với ảnh trên chip. Cần Lãnh "
                                 "đạo đơn vị đối chiếu người và thẻ, rồi nhập mã PIN để phê duyệt.",
                                 "The kiosk could not compare the portrait with the chip's photo. "
                                 "The unit's leader must compare the person with the card, then "
                                 "enter their PIN to approve."}},
    [MSG_POL_FACE_REASON] = {"pol.face_reason",
                             {"Hãy chọn lý do cho phép tiếp tục khi ảnh chân dung không khớp "
                              "hoặc không so khớp được với ảnh trên chip.",
                              "Pick why the application may go on although the portrait does "
                              "not match the chip's photo or could not be compared with it."}},
    [MSG_POL_REASON_PICK] = {"pol.reason_pick",
                             {"Hãy chọn lý do của ngoại lệ trước khi phê duyệt.",
                              "Pick the exception's reason before approving."}},

    [MSG_STORE_FULL] = {"store.full",
                        {"Bộ nhớ của máy đã đầy. Hãy gửi các hồ sơ đang chờ và báo cán bộ kỹ "
                         "thuật.",
                         "The kiosk's storage is full. Send the queued applications and call "
                         "technical support."}},
    [MSG_STORE_IO] = {"store.io",
                      {"Lỗi ghi dữ liệu. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật.",
                       "Data could not be written. Try again; if it still fails, call technical "
                       "support."}},
    [MSG_STORE_CORRUPT] = {"store.corrupt",
                           {"Cơ sở dữ liệu bị hỏng. Ngừng tiếp nhận hồ sơ và báo cán bộ kỹ thuật "
                            "ngay.",
                            "The database is damaged. Stop taking applications and call technical "
                            "support now."}},
    [MSG_AUDIT_FAILED] = {"audit.failed",
                          {"Không ghi được nhật ký thao tác nên thao tác này không được thực "
                           "hiện. Ngừng tiếp nhận hồ sơ và báo cán bộ kỹ thuật.",
                           "The action could not be recorded in the audit trail, so it was not "
                           "done. Stop taking applications and call technical support."}},

    [MSG_OFFICER_BAD_PIN] = {"officer.bad_pin",
                             {"Mã PIN không đúng. Hãy nhập lại; sai 5 lần tài khoản sẽ bị khóa.",
                              "Wrong PIN. Enter it again; the account locks after 5 "
                              "failures."}},
    [MSG_OFFICER_LOCKED] = {"officer.locked",
                            {"Tài khoản bị khóa vì nhập sai mã PIN quá nhiều lần. Hãy nhờ lãnh "
                             "đạo mở khóa.",
                             "The account is locked after too many wrong PINs. Ask a supervisor "
                             "to unlock it."}},
    [MSG_OFFICER_UNKNOWN] = {"officer.unknown",
                             {"Không có cán bộ với mã này. Hãy kiểm tra lại mã cán bộ.",
                              "No officer has this ID. Check the officer ID."}},
    [MSG_OFFICER_DISABLED] = {"officer.disabled",
                              {"Tài khoản cán bộ này đã bị vô hiệu hóa. Hãy liên hệ lãnh đạo.",
                               "This officer account is disabled. Contact a supervisor."}},
    [MSG_OFFICER_NOT_SUPERVISOR] = {"officer.not_supervisor",
                                    {"Thao tác này cần tài khoản lãnh đạo. Hãy nhờ lãnh đạo đăng "
                                     "nhập.",
                                     "This action needs a supervisor account. Ask a supervisor to "
                                     "sign in."}},
    [MSG_PIN_CHECKING] = {"officer.pin_checking",
                          {"Đang kiểm tra mã PIN...", "Checking the PIN..."}},
};

static const struct msg_row unknown_row = {"unknown",
                                           {"Lỗi không xác định. Hãy báo cán bộ kỹ thuật.",
                                            "Unknown error. Call technical "
                                            "support."}};

static const struct msg_row *row(enum msg_id id)
{
    if ((unsigned)id >= MSG_COUNT || msgs[id].key == NULL)
        return &unknown_row;
    return &msgs[id];
}

const char *msg_text(enum msg_id id, enum msg_lang lang)
{
    const struct msg_row *r = row(id);
    const char *t = r->text[lang == LANG_EN ? LANG_EN : LANG_VI];
    return t ? t : unknown_row.text[lang == LANG_EN ? LANG_EN : LANG_VI];
}

const char *msg_key(enum msg_id id)
{
    return row(id)->key;
}

enum msg_lang msg_lang_parse(const char *code)
{
    if (code != NULL && strcmp(code, "en") == 0)
        return LANG_EN;
    return LANG_VI;
}
