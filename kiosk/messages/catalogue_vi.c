/* catalogue_vi.c: every officer-facing sentence of the drivers and parsers in Vietnamese, keyed
 * by (domain, code): what went wrong and the next step. The front ends look a code up here
 * (messages_text) when they show it; tests/messages/test_catalogue walks every code of every
 * domain and fails on one without text. */
#include "kiosk/messages/catalogue.h"

static const struct catalogue_row tlv[] = {
    {TLV_OK, "Đã đọc dữ liệu."},
    {TLV_END, "Đã đọc dữ liệu."},
    {TLV_E_TRUNCATED, "Chip gửi dữ liệu sai cấu trúc. Đọc lại thẻ; nếu vẫn lỗi, thẻ có thể bị hỏng "
                      "hoặc bị làm giả: báo Lãnh đạo đơn vị."},
    {TLV_E_TAG, "Chip gửi dữ liệu sai cấu trúc. Đọc lại thẻ; nếu vẫn lỗi, thẻ có thể bị hỏng hoặc "
                "bị làm giả: báo Lãnh đạo đơn vị."},
    {TLV_E_LENGTH, "Chip gửi dữ liệu sai cấu trúc. Đọc lại thẻ; nếu vẫn lỗi, thẻ có thể bị hỏng "
                   "hoặc bị làm giả: báo Lãnh đạo đơn vị."},
    {TLV_E_DEPTH, "Chip gửi dữ liệu sai cấu trúc. Đọc lại thẻ; nếu vẫn lỗi, thẻ có thể bị hỏng "
                  "hoặc bị làm giả: báo Lãnh đạo đơn vị."},
    {TLV_E_UNEXPECTED, "Chip gửi dữ liệu sai cấu trúc. Đọc lại thẻ; nếu vẫn lỗi, thẻ có thể bị "
                       "hỏng hoặc bị làm giả: báo Lãnh đạo đơn vị."},
    {TLV_E_PRIMITIVE, "Chip gửi dữ liệu sai cấu trúc. Đọc lại thẻ; nếu vẫn lỗi, thẻ có thể bị hỏng "
                      "hoặc bị làm giả: báo Lãnh đạo đơn vị."},
    {TLV_E_TRAILING, "Chip gửi dữ liệu sai cấu trúc. Đọc lại thẻ; nếu vẫn lỗi, thẻ có thể bị hỏng "
                     "hoặc bị làm giả: báo Lãnh đạo đơn vị."},
    {TLV_E_OVERFLOW, "Lỗi nội bộ. Thử lại."},
    {TLV_E_ARG, "Lỗi nội bộ. Thử lại."},
};

static const struct catalogue_row mrz[] = {
    {MRZ_OK, "Đã đọc dải MRZ."},
    {MRZ_E_FORMAT,
     "Đây không phải dải MRZ 3 dòng của thẻ căn cước. Quét hoặc nhập lại ba dòng ở mặt sau thẻ."},
    {MRZ_E_CHECK_DOC, "Số kiểm tra của dải MRZ không đúng: có ký tự bị đọc hoặc nhập sai. Đối "
                      "chiếu với thẻ và sửa lại; nếu chính thẻ sai, báo Lãnh đạo đơn vị."},
    {MRZ_E_CHECK_DOB, "Số kiểm tra của dải MRZ không đúng: có ký tự bị đọc hoặc nhập sai. Đối "
                      "chiếu với thẻ và sửa lại; nếu chính thẻ sai, báo Lãnh đạo đơn vị."},
    {MRZ_E_CHECK_DOE, "Số kiểm tra của dải MRZ không đúng: có ký tự bị đọc hoặc nhập sai. Đối "
                      "chiếu với thẻ và sửa lại; nếu chính thẻ sai, báo Lãnh đạo đơn vị."},
    {MRZ_E_CHECK_COMPOSITE,
     "Số kiểm tra của dải MRZ không đúng: có ký tự bị đọc hoặc nhập sai. Đối chiếu với thẻ và sửa "
     "lại; nếu chính thẻ sai, báo Lãnh đạo đơn vị."},
    {MRZ_E_CHECK_ID, "Số kiểm tra của dải MRZ không đúng: có ký tự bị đọc hoặc nhập sai. Đối chiếu "
                     "với thẻ và sửa lại; nếu chính thẻ sai, báo Lãnh đạo đơn vị."},
    {MRZ_E_DATE, "Số kiểm tra của dải MRZ không đúng: có ký tự bị đọc hoặc nhập sai. Đối chiếu với "
                 "thẻ và sửa lại; nếu chính thẻ sai, báo Lãnh đạo đơn vị."},
    {MRZ_E_ARG, "Lỗi nội bộ. Thử lại."},
};

static const struct catalogue_row reader[] = {
    {READER_OK, "Đầu đọc thẻ sẵn sàng."},
    {READER_ENOMEM, "Hết bộ nhớ. Khởi động lại máy."},
    {READER_EINVAL, "Cấu hình đầu đọc thẻ không đúng. Báo kỹ thuật viên kiểm tra mục card.reader."},
    {READER_EOPEN, "Không mở được đầu đọc thẻ. Kiểm tra cáp nối đầu đọc rồi thử lại."},
    {READER_ENOCARD, "Chưa thấy thẻ. Đặt thẻ CCCD lên đầu đọc và giữ yên."},
    {READER_EREMOVED, "Thẻ đã bị nhấc ra. Đặt lại thẻ lên đầu đọc để đọc tiếp."},
    {READER_EIO, "Đầu đọc chưa phản hồi (bị rút cáp?). Cắm lại đầu đọc thẻ rồi đọc lại từ đầu."},
    {READER_ECANCELLED, "Đã hủy đọc thẻ."},
    {READER_EOVERFLOW, "Chip trả lời quá dài. Thử đọc lại; nếu vẫn lỗi, thẻ có thể bị hỏng."},
    {READER_ENOSERVICE, "Dịch vụ thẻ thông minh (pcscd) chưa chạy. Khởi động lại máy; nếu vẫn lỗi, "
                        "báo kỹ thuật viên."},
    {READER_ENOREADER, "Không thấy đầu đọc thẻ. Cắm đầu đọc vào máy (hoặc kiểm tra tên đầu đọc "
                       "trong cấu hình) rồi thử lại."},
    {READER_EBUSY,
     "Đầu đọc thẻ đang bị chương trình khác sử dụng. Đóng chương trình đó rồi thử lại."},
};

static const struct catalogue_row card[] = {
    {CARD_OK, "Đã đọc chip thẻ."},
    {CARD_ENOCARD, "Chưa thấy thẻ. Đặt thẻ CCCD lên đầu đọc và giữ yên."},
    {CARD_EWRONG_CAN, "Chip từ chối mã truy cập. Kiểm tra lại số định danh cá nhân (6 số cuối) "
                      "hoặc ngày sinh rồi thử lại."},
    {CARD_ENOT_CCCD, "Thẻ này không phải thẻ CCCD/Căn cước có chip. Dùng thẻ CCCD của công dân."},
    {CARD_ENO_CHIP, "Thẻ không có chip đọc được (CMND cũ?). Quét mã QR hoặc nhập thông tin."},
    {CARD_EREMOVED, "Thẻ đã bị nhấc ra. Đặt lại thẻ lên đầu đọc để đọc tiếp."},
    {CARD_EREADER, "Không dùng được đầu đọc thẻ. Kiểm tra cáp nối rồi thử lại."},
    {CARD_EFORGED, "Chip không hợp lệ. Không tiếp nhận hồ sơ với thẻ này; báo Lãnh đạo đơn vị."},
    {CARD_ECANCELLED, "Đã hủy đọc thẻ."},
    {CARD_ENEED_MRZ,
     "Chip cần ngày sinh để mở. Nhập số định danh cá nhân và ngày sinh rồi thử lại."},
    {CARD_EINVAL, "Thiếu thông tin để đọc thẻ (đầu đọc hoặc số định danh cá nhân)."},
    {CARD_ENOMEM, "Hết bộ nhớ. Khởi động lại máy."},
    {CARD_ECHIP, "Chip trả lời không hợp lệ. Thử đọc lại; nếu vẫn lỗi, thẻ có thể bị hỏng."},
    {CARD_EDATA, "Dữ liệu trong chip không hợp lệ. Không dùng được chip: quét mã QR hoặc nhập tay "
                 "và báo Lãnh đạo đơn vị."},
    {CARD_ETIMEOUT, "Đọc thẻ quá thời gian cho phép. Nhấc thẻ ra, đặt lại và đọc lại; nếu vẫn vậy, "
                    "chip có thể bị hỏng."},
};

static const struct catalogue_row dg[] = {
    {DG_OK, "Đã đọc dữ liệu chip."},
    {DG_E_TLV, "Chip gửi dữ liệu bị lỗi. Giữ thẻ yên trên đầu đọc và đọc lại; nếu vẫn lỗi, thẻ có "
               "thể bị làm giả: báo Lãnh đạo đơn vị."},
    {DG_E_TAG, "Dữ liệu chip không đúng cấu trúc thẻ CCCD. Kiểm tra đây có phải thẻ căn cước; nếu "
               "không, dùng mã QR và báo Lãnh đạo đơn vị."},
    {DG_E_STRUCTURE, "Dữ liệu chip không đúng cấu trúc thẻ CCCD. Kiểm tra đây có phải thẻ căn "
                     "cước; nếu không, dùng mã QR và báo Lãnh đạo đơn vị."},
    {DG_E_MRZ, "Dải MRZ trong chip sai số kiểm tra: thẻ có thể bị làm giả. Báo Lãnh đạo đơn vị."},
    {DG_E_TEXT, "Dữ liệu cá nhân trong chip bị sai định dạng. Đọc lại thẻ; nếu vẫn lỗi, nhập từ mã "
                "QR và báo Lãnh đạo đơn vị."},
    {DG_E_DATE, "Dữ liệu cá nhân trong chip bị sai định dạng. Đọc lại thẻ; nếu vẫn lỗi, nhập từ mã "
                "QR và báo Lãnh đạo đơn vị."},
    {DG_E_IMAGE,
     "Không giải mã được ảnh trong chip. Đọc lại thẻ; ảnh chân dung vẫn được chụp tại quầy."},
    {DG_E_KEY, "Không đọc được khóa xác thực của chip: không chứng minh được chip thật. Cần Lãnh "
               "đạo đơn vị xác nhận."},
    {DG_E_NOMEM, "Máy thiếu bộ nhớ. Thử lại; khởi động lại máy nếu vẫn lỗi."},
    {DG_E_ARG, "Lỗi nội bộ khi xử lý dữ liệu chip. Thử lại."},
};

static const struct catalogue_row sod[] = {
    {SOD_OK, "Đã đọc đối tượng bảo mật."},
    {SOD_E_TLV, "Đối tượng bảo mật của chip bị hỏng hoặc không hợp lệ: không thể tin cậy thẻ. Đọc "
                "lại một lần; nếu vẫn lỗi, coi thẻ là giả và báo Lãnh đạo đơn vị."},
    {SOD_E_CMS, "Đối tượng bảo mật của chip bị hỏng hoặc không hợp lệ: không thể tin cậy thẻ. Đọc "
                "lại một lần; nếu vẫn lỗi, coi thẻ là giả và báo Lãnh đạo đơn vị."},
    {SOD_E_CONTENT, "Đối tượng bảo mật của chip bị hỏng hoặc không hợp lệ: không thể tin cậy thẻ. "
                    "Đọc lại một lần; nếu vẫn lỗi, coi thẻ là giả và báo Lãnh đạo đơn vị."},
    {SOD_E_HASH_ALG, "Đối tượng bảo mật của chip bị hỏng hoặc không hợp lệ: không thể tin cậy thẻ. "
                     "Đọc lại một lần; nếu vẫn lỗi, coi thẻ là giả và báo Lãnh đạo đơn vị."},
    {SOD_E_NO_DS_CERT, "Đối tượng bảo mật của chip bị hỏng hoặc không hợp lệ: không thể tin cậy "
                       "thẻ. Đọc lại một lần; nếu vẫn lỗi, coi thẻ là giả và báo Lãnh đạo đơn vị."},
    {SOD_E_NOMEM, "Máy thiếu bộ nhớ. Thử lại."},
};

static const struct catalogue_row pa[] = {
    {PA_OK, "Xong."},
    {PA_E_TRUST_DIR,
     "Không đọc được kho chứng thư CSCA. Kiểm tra mục [card] trust_dir trong cấu hình."},
    {PA_E_MASTER_LIST,
     "Tệp này không phải danh sách CSCA hợp lệ. Tải lại danh sách từ nguồn chính thức."},
    {PA_E_WRITE, "Không ghi được vào thư mục kho chứng thư. Kiểm tra quyền và dung lượng."},
    {PA_E_NOMEM, "Máy thiếu bộ nhớ. Thử lại."},
    {PA_E_ARG, "Lỗi nội bộ. Thử lại."},
    {PA_E_ML_SIGNER, "Danh sách CSCA không được ký bởi cơ quan đã cấu hình ([card] "
                     "masterlist_root): không nhập gì. Tải danh sách từ nguồn chính thức."},
    {PA_E_ML_ROOT, "Chưa cấu hình hoặc không đọc được chứng thư gốc của danh sách CSCA: đặt [card] "
                   "masterlist_root."},
};

static const struct catalogue_row verify_reason[] = {
    {VR_SOD_MISSING, "Chip không cung cấp đối tượng bảo mật (EF.SOD)."},
    {VR_DG_LISTED_MISSING, "Chip không cho đọc một tệp dữ liệu có trong đối tượng bảo mật."},
    {VR_SOD_MALFORMED, "Đối tượng bảo mật của chip bị hỏng hoặc bị sửa."},
    {VR_SOD_SIGNATURE, "Chữ ký số của dữ liệu chip không đúng."},
    {VR_DG_HASH_MISMATCH, "Dữ liệu chip đã bị sửa (mã băm không khớp)."},
    {VR_DG_NOT_IN_SOD, "Chip có tệp dữ liệu không được ký."},
    {VR_DS_CHAIN_INVALID, "Chứng thư người ký tài liệu không hợp lệ."},
    {VR_AA_FAILED, "Xác thực chủ động thất bại: chip có thể là bản sao."},
    {VR_CA_FAILED, "Xác thực chip thất bại: chip có thể là bản sao."},
    {VR_CA_REFUSED, "Chip từ chối xác thực chip dù tệp DG14 có khóa: chip có thể là bản sao."},
    {VR_AA_REFUSED, "Chip từ chối xác thực chủ động dù có tệp DG15: chip có thể là bản sao."},
    {VR_NO_TRUST_STORE, "Máy chưa có chứng thư CSCA: không kiểm tra được nguồn gốc thẻ."},
    {VR_CSCA_UNTRUSTED,
     "Người ký tài liệu không do CSCA của nước cấp thẻ (có trên máy) chứng nhận."},
    {VR_NO_CSCA_FOR_STATE,
     "Máy chưa có chứng thư CSCA của nước cấp thẻ: không kiểm tra được nguồn gốc thẻ."},
    {VR_DS_EXPIRED, "Chứng thư người ký tài liệu đã hết hạn hoặc chưa có hiệu lực."},
    {VR_NO_CHIP_AUTHENTICATION,
     "Không xác thực được chip (không có AA/CA): không loại trừ được chip sao chép."},
    {VR_CHIP_AUTH_NOT_DONE,
     "Chip có khai báo xác thực chip nhưng chưa thực hiện được: đọc lại thẻ."},
    {VR_AA_NOT_DONE, "Chip hỗ trợ xác thực chủ động nhưng chưa thực hiện: đọc lại thẻ."},
};

static const struct catalogue_row identity[] = {
    {CID_OK, "Đã đọc thông tin công dân từ chip."},
    {CID_E_DG1, "Dữ liệu cá nhân trong chip bị sai định dạng. Đọc lại thẻ; nếu vẫn lỗi, dùng mã QR "
                "và báo Lãnh đạo đơn vị."},
    {CID_E_DG13, "Dữ liệu cá nhân trong chip bị sai định dạng. Đọc lại thẻ; nếu vẫn lỗi, dùng mã "
                 "QR và báo Lãnh đạo đơn vị."},
    {CID_E_NONE, "Chưa đọc được dữ liệu cá nhân từ chip. Đọc lại thẻ."},
    {CID_E_MISMATCH,
     "Chip chứa hai số định danh khác nhau: thẻ bị làm giả. Không tiếp nhận; báo Lãnh đạo đơn vị."},
};

static const struct catalogue_row card_field[] = {
    {CARD_F_PERSONAL_ID, "Số định danh"},
    {CARD_F_NAME, "Họ tên"},
    {CARD_F_DOB, "Ngày sinh"},
    {CARD_F_SEX, "Giới tính"},
    {CARD_F_EXPIRY, "Ngày hết hạn"},
    {CARD_F_ISSUE_DATE, "Ngày cấp"},
    {CARD_F_OLD_ID, "Số CMND cũ"},
    {CARD_F_RESIDENCE, "Nơi thường trú"},
};

static const struct catalogue_row card_source[] = {
    {CARD_SRC_DG1, "chip (MRZ)"},
    {CARD_SRC_DG13, "chip (DG13)"},
    {CARD_SRC_QR, "mã QR"},
};

static const struct catalogue_row format[] = {
    {MSG_FORMAT_DISAGREEMENT, "%s: %s khác %s"},
};

static const struct catalogue_row qr[] = {
    {QR_OK, "Đã đọc mã QR."},
    {QR_E_EMPTY, "Chưa đọc được mã QR. Đặt thẻ phẳng, mặt có mã QR hướng vào máy ảnh, cách khoảng "
                 "15 cm, rồi quét lại."},
    {QR_E_NOT_FOUND, "Chưa đọc được mã QR. Đặt thẻ phẳng, mặt có mã QR hướng vào máy ảnh, cách "
                     "khoảng 15 cm, rồi quét lại."},
    {QR_E_FIELDS, "Mã QR này không phải mã trên thẻ căn cước. Hãy quét mã QR in trên thẻ."},
    {QR_E_ID, "Nội dung mã QR không hợp lệ (bị hỏng hoặc bị sửa). Hãy đọc chip, hoặc nhập tay và "
              "báo Lãnh đạo đơn vị."},
    {QR_E_OLD_ID, "Nội dung mã QR không hợp lệ (bị hỏng hoặc bị sửa). Hãy đọc chip, hoặc nhập tay "
                  "và báo Lãnh đạo đơn vị."},
    {QR_E_NAME, "Nội dung mã QR không hợp lệ (bị hỏng hoặc bị sửa). Hãy đọc chip, hoặc nhập tay và "
                "báo Lãnh đạo đơn vị."},
    {QR_E_DATE, "Nội dung mã QR không hợp lệ (bị hỏng hoặc bị sửa). Hãy đọc chip, hoặc nhập tay và "
                "báo Lãnh đạo đơn vị."},
    {QR_E_SEX, "Nội dung mã QR không hợp lệ (bị hỏng hoặc bị sửa). Hãy đọc chip, hoặc nhập tay và "
               "báo Lãnh đạo đơn vị."},
    {QR_E_TEXT, "Nội dung mã QR không hợp lệ (bị hỏng hoặc bị sửa). Hãy đọc chip, hoặc nhập tay và "
                "báo Lãnh đạo đơn vị."},
    {QR_E_NOMEM, "Máy thiếu bộ nhớ. Thử lại."},
    {QR_E_ARG, "Lỗi nội bộ. Thử lại."},
    {QR_E_MODULE, "Máy không giải mã được mã QR từ máy ảnh (thiếu một phần phần mềm). Hãy nhập số "
                  "định danh cá nhân hoặc đọc chip, và báo bộ phận kỹ thuật."},
};

static const struct catalogue_row camera[] = {
    {CAM_OK, "Máy ảnh sẵn sàng"},
    {CAM_ERR_ARG, "Lỗi máy ảnh: thử lại"},
    {CAM_ERR_NOMEM, "Lỗi máy ảnh: thử lại"},
    {CAM_ERR_NO_DEVICE, "Không tìm thấy máy ảnh: kiểm tra dây cắm rồi thử lại"},
    {CAM_ERR_BUSY, "Máy ảnh đang được chương trình khác sử dụng: đóng chương trình đó rồi thử lại"},
    {CAM_ERR_TIMEOUT, "Máy ảnh không gửi hình: thử lại"},
    {CAM_ERR_IO, "Máy ảnh ngừng hoạt động: rút ra, cắm lại rồi thử lại"},
    {CAM_ERR_FORMAT, "Máy ảnh này không được hỗ trợ: dùng máy ảnh khác"},
    {CAM_ERR_UNSUPPORTED, "Máy ảnh không có chức năng này"},
    {CAM_ERR_DATA, "Máy ảnh mô phỏng: không đọc được ảnh"},
    {CAM_ERR_BACKEND, "Cấu hình máy ảnh sai: kiểm tra cấu hình"},
};

static const struct catalogue_row portrait[] = {
    {PC_DARK, "Thêm ánh sáng"},
    {PC_BRIGHT, "Giảm ánh sáng"},
    {PC_FACE_FOUND, "Ngồi vào trước máy ảnh"},
    {PC_ONE_FACE, "Chỉ một người trước máy ảnh"},
    {PC_FACE_SIZE, "Lại gần hơn"},
    {PC_NOT_TOO_CLOSE, "Lùi ra xa hơn"},
    {PC_CENTRED, "Ngồi vào giữa khung hình"},
    {PC_SHARP, "Ngồi yên"},
    {PC_POSE, "Nhìn thẳng vào máy ảnh"},
    {PC_GLASSES, "Tháo kính"},
    {PC_GLASSES_FRAME, "Tháo kính"},
    {PC_MASK, "Tháo khẩu trang"},
    {PC_EYES_OPEN, "Mở mắt"},
    {PC_EVEN_LIGHT, "Ánh sáng chưa đều trên mặt"},
    {PC_PLAIN_BACKGROUND, "Cần phông nền trơn phía sau"},
};

static const struct catalogue_row fpr[] = {
    {FPR_OK, "Đã thu nhận vân tay."},
    {FPR_ERR_ARG, "Cấu hình máy đọc vân tay không hợp lệ."},
    {FPR_ERR_NO_DEVICE, "Không tìm thấy máy đọc vân tay. Kiểm tra cáp nối."},
    {FPR_ERR_OPEN, "Không mở được máy đọc vân tay. Thử lại."},
    {FPR_ERR_TIMEOUT, "Chưa nhận được vân tay. Đặt ngón tay lên máy đọc và thử lại."},
    {FPR_ERR_DEVICE, "Máy đọc vân tay bị lỗi. Khởi động lại máy đọc và thử lại."},
    {FPR_ERR_GONE, "Máy đọc vân tay đã bị rút ra. Cắm lại và thử lại."},
    {FPR_ERR_CANCELLED, "Đã hủy thu nhận vân tay."},
    {FPR_ERR_POOR, "Vân tay chưa đạt chất lượng. Thử lại hoặc ghi nhận ngoại lệ."},
    {FPR_ERR_NOMEM, "Hết bộ nhớ."},
    {FPR_ERR_IMAGE, "Ảnh vân tay không dùng được."},
    {FPR_ERR_MODULE,
     "Máy không dùng được máy đọc vân tay (thiếu một phần phần mềm). Hãy báo bộ phận kỹ thuật."},
};

static const struct catalogue_row fpr_state[] = {
    {FPR_STATE_PLACE, "Đặt ngón tay lên máy đọc"},
    {FPR_STATE_READING, "Đang đọc vân tay..."},
    {FPR_STATE_QUALITY, "Đang kiểm tra chất lượng"},
    {FPR_STATE_RETRY, "Nhấc ngón tay lên rồi đặt lại, ấn đều tay"},
    {FPR_STATE_DONE, "Đã thu nhận xong vân tay"},
};

static const struct catalogue_row core[] = {
    {MSG_NONE, "Hợp lệ."},
    {MSG_PID_LENGTH, "Số định danh cá nhân phải có đúng 12 chữ số. Hãy đối chiếu lại với thẻ."},
    {MSG_PID_DIGITS,
     "Số định danh cá nhân chỉ gồm chữ số, không có dấu cách hay chữ cái. Hãy nhập lại."},
    {MSG_PID_PROVINCE, "Ba chữ số đầu của số định danh không phải mã tỉnh, thành phố nào. Hãy đối "
                       "chiếu lại với thẻ."},
    {MSG_PID_CENTURY, "Chữ số thứ tư của số định danh (mã thế kỷ và giới tính) không hợp lệ. Hãy "
                      "đối chiếu lại với thẻ."},
    {MSG_PID_YEAR_MISMATCH,
     "Năm sinh trong số định danh không khớp với ngày sinh. Hãy đối chiếu cả hai với thẻ."},
    {MSG_PID_SEX_MISMATCH, "Giới tính trong số định danh không khớp với giới tính đã nhập. Hãy đối "
                           "chiếu cả hai với thẻ."},
    {MSG_DATE_INVALID, "Ngày không tồn tại. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1990."},
    {MSG_DOB_FUTURE, "Ngày sinh không thể sau ngày hôm nay. Hãy kiểm tra lại."},
    {MSG_NAME_EMPTY, "Chưa có họ tên. Hãy nhập họ, chữ đệm và tên như trên thẻ."},
    {MSG_NAME_INVALID, "Họ tên chỉ gồm chữ cái (giữ nguyên dấu), dấu cách đơn, dấu nháy và gạch "
                       "nối; không có chữ số hay ký hiệu. Hãy nhập lại như trên thẻ."},
    {MSG_TEXT_INVALID_UTF8, "Văn bản có ký tự không đọc được. Hãy nhập lại."},
    {MSG_TEXT_TOO_LONG, "Văn bản quá dài. Hãy rút gọn rồi nhập lại."},
    {MSG_PHONE_EMPTY, "Chưa có số điện thoại. Hãy nhập số di động chính chủ của công dân."},
    {MSG_PHONE_CHARS, "Số điện thoại chỉ gồm chữ số, có thể bắt đầu bằng +84, được ngăn cách bằng "
                      "dấu cách, dấu chấm hoặc gạch ngang. Hãy nhập lại."},
    {MSG_PHONE_LENGTH,
     "Số di động có 10 chữ số, bắt đầu bằng 0 (ví dụ 0987 654 321). Hãy kiểm tra lại."},
    {MSG_PHONE_OLD_11_DIGITS,
     "Đây là số 11 chữ số cũ, đã được chuyển sang 10 chữ số từ năm 2018. Hãy hỏi công dân số mới."},
    {MSG_PHONE_LANDLINE,
     "Đây là số máy bàn. Hãy nhập số di động chính chủ của công dân để nhận tin nhắn kích hoạt."},
    {MSG_PHONE_PREFIX,
     "Đầu số này không thuộc nhà mạng di động Việt Nam nào. Hãy kiểm tra lại số."},
    {MSG_EMAIL_AT,
     "Địa chỉ thư điện tử phải có đúng một ký tự @, ví dụ ten@example.vn. Hãy nhập lại."},
    {MSG_EMAIL_LOCAL, "Phần trước @ chỉ được gồm chữ cái không dấu, chữ số và các ký hiệu như . _ "
                      "- +; không bắt đầu hay kết thúc bằng dấu chấm, không có hai dấu chấm liền "
                      "nhau, không dùng dấu ngoặc kép, tối đa 64 ký tự. Hãy nhập lại."},
    {MSG_EMAIL_DOMAIN, "Tên miền sau @ không hợp lệ: chỉ gồm chữ cái không dấu, chữ số, gạch "
                       "ngang, có ít nhất một dấu chấm, ví dụ gmail.com. Tên miền có dấu tiếng "
                       "Việt hay địa chỉ IP không được chấp nhận. Hãy nhập lại."},
    {MSG_EMAIL_LENGTH, "Địa chỉ thư điện tử quá dài (tối đa 254 ký tự). Hãy kiểm tra lại."},
    {MSG_EMAIL_SPACE,
     "Địa chỉ thư điện tử không được có dấu cách, kể cả ở đầu hay cuối. Hãy nhập lại."},
    {MSG_CONTACT_NONE, "Cần ít nhất một số điện thoại hoặc một địa chỉ thư điện tử để báo kết quả. "
                       "Hãy nhập một trong hai."},
    {MSG_WF_NOT_NOW, "Không thể làm thao tác này ở bước hiện tại."},
    {MSG_WF_NO_OFFICER, "Chưa có cán bộ đăng nhập. Hãy đăng nhập bằng mã PIN."},
    {MSG_WF_CHIP_FORGED, "Chip không hợp lệ: dữ liệu chip không qua được kiểm tra. Không tiếp nhận "
                         "hồ sơ; sự việc đã được ghi lại để Lãnh đạo đơn vị xem xét."},
    {MSG_WF_NEED_SUPERVISOR_UNVERIFIED,
     "Chưa xác thực được chip: máy chưa có chứng thư CSCA của nước cấp thẻ. Cần Lãnh đạo đơn vị "
     "nhập mã PIN để phê duyệt."},
    {MSG_WF_NEED_SUPERVISOR_MANUAL, "Thông tin được nhập tay, không đọc từ chip. Cần Lãnh đạo đơn "
                                    "vị chọn lý do và nhập mã PIN để phê duyệt."},
    {MSG_WF_NEED_SUPERVISOR_DUPLICATE,
     "Công dân này đã có hồ sơ đang chờ xử lý. Cần Lãnh đạo đơn vị nhập mã PIN để tạo thêm hồ sơ."},
    {MSG_WF_DUPLICATE, "Số định danh này đã có hồ sơ trong hàng đợi hoặc đã gửi. Hãy xem hồ sơ "
                       "trước đó trước khi tạo hồ sơ mới."},
    {MSG_WF_CARD_EXPIRED, "Thẻ Căn cước đã hết hạn: không tiếp nhận hồ sơ. Hướng dẫn công dân làm "
                          "thủ tục cấp đổi thẻ rồi quay lại đăng ký."},
    {MSG_WF_NO_PORTRAIT, "Chưa có ảnh chân dung đạt chuẩn. Hãy chụp lại."},
    {MSG_WF_FINGERS_INCOMPLETE, "Chưa đủ vân tay: mỗi ngón phải được thu nhận hoặc ghi lý do không "
                                "thu nhận được. Hãy thu nhận tiếp."},
    {MSG_WF_SAME_FINGER, "Hai lần thu nhận vân tay trùng nhau, có thể cùng một ngón đã được đặt "
                         "hai lần. Hãy thu nhận lại đúng ngón được yêu cầu."},
    {MSG_WF_NO_FINGERS, "Chưa thu nhận được vân tay nào. Hãy thu nhận vân tay trước khi tiếp tục."},
    {MSG_WF_TIMEOUT, "Hết thời gian chờ: dữ liệu của công dân đã được xóa. Hãy bắt đầu lại."},
    {MSG_WF_CANCELLED, "Đã hủy hồ sơ; dữ liệu của công dân đã được xóa."},
    {MSG_WF_QUEUED, "Đã lưu hồ sơ vào hàng đợi gửi. Kết quả sẽ được báo qua ứng dụng VNeID, tin "
                    "nhắn hoặc thư điện tử."},
    {MSG_WF_QUEUE_FAILED, "Không lưu được hồ sơ. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật."},
    {MSG_WF_DEVICE_FAILED, "Thiết bị không phản hồi. Hãy kiểm tra dây nối rồi thử lại."},
    {MSG_WF_NO_CONSENT,
     "Chưa ghi nhận sự đồng ý của công dân. Hãy hỏi và xác nhận đồng ý trước khi gửi."},
    {MSG_POL_INCONSISTENT,
     "Nguồn thông tin và kết quả kiểm tra chip mâu thuẫn nhau: không tiếp nhận. Hãy đọc lại thẻ."},
    {MSG_POL_AFTER_FORGED, "Chip của thẻ này đã bị đánh giá không hợp lệ trong lần tiếp nhận này: "
                           "không được dùng mã QR hay nhập tay thay thế. Báo Lãnh đạo đơn vị."},
    {MSG_POL_NO_SELF_AUTH, "Chip không hỗ trợ xác thực chip nên chưa loại trừ được thẻ sao chép. "
                           "Cần Lãnh đạo đơn vị nhập mã PIN để phê duyệt."},
    {MSG_POL_CHIP_UNVERIFIED,
     "Chưa xác thực được chip. Hãy đặt lại thẻ và đọc lại; nếu vẫn vậy, không tiếp nhận và hướng "
     "dẫn công dân kiểm tra thẻ tại cơ quan cấp thẻ."},
    {MSG_POL_QR_ONLY, "Thông tin chỉ lấy từ mã QR trên thẻ, chưa được chip xác nhận. Cần Lãnh đạo "
                      "đơn vị chọn lý do và nhập mã PIN để phê duyệt."},
    {MSG_POL_MISMATCH, "Dữ liệu trong chip và mã QR trên thẻ không khớp nhau. Cần Lãnh đạo đơn vị "
                       "kiểm tra và nhập mã PIN để phê duyệt."},
    {MSG_POL_ASK_NO_MOBILE, "Chưa có số điện thoại di động (chính chủ). Hãy hỏi công dân; nếu công "
                            "dân không có, chọn “Không có số điện thoại di động”."},
    {MSG_POL_NO_MOBILE_SMS,
     "Đã ghi nhận công dân không có số điện thoại di động. Lưu ý: việc kích hoạt tài khoản cần tin "
     "nhắn SMS; hướng dẫn công dân liên hệ tổng đài khi có số."},
    {MSG_POL_PORTRAIT_OVERRIDE,
     "Ảnh chân dung chưa đạt mọi tiêu chuẩn. Cần Lãnh đạo đơn vị nhập mã PIN để phê duyệt."},
    {MSG_POL_NO_FINGERS, "Không thu nhận được vân tay nào. Cần Lãnh đạo đơn vị xem lý do từng ngón "
                         "và nhập mã PIN để phê duyệt."},
    {MSG_POL_FEWER_FINGERS, "Thu nhận được ít vân tay hơn quy định. Cần Lãnh đạo đơn vị xem lý do "
                            "từng ngón và nhập mã PIN để phê duyệt."},
    {MSG_POL_SELF_APPROVAL,
     "Cán bộ tiếp nhận không được tự phê duyệt hồ sơ mình đang làm. Hãy nhờ Lãnh đạo đơn vị khác."},
    {MSG_POL_REASON_NEEDED, "Hãy chọn lý do không dùng được chip (không đọc được chip, chip bị "
                            "hỏng, thẻ không gắn chip) trước khi phê duyệt."},
    {MSG_POL_NOTHING_TO_APPROVE, "Không có gì cần phê duyệt ở bước này."},
    {MSG_POL_APPROVED, "Lãnh đạo đơn vị đã phê duyệt."},
    {MSG_POL_UNDER_14, "Công dân chưa đủ 14 tuổi: hướng dẫn cha, mẹ hoặc người giám hộ đăng ký cho "
                       "trẻ theo tài khoản định danh điện tử của mình."},
    {MSG_POL_CLOCK_IMPLAUSIBLE,
     "Đồng hồ của máy không đúng (lùi lại hoặc lệch xa so với thời gian đã biết): chưa thể tiếp "
     "nhận hồ sơ. Lãnh đạo đơn vị cần đặt lại giờ (kiosk clock set) rồi tiếp nhận tiếp."},
    {MSG_POL_DISK_FULL,
     "Ổ đĩa của máy đã đầy: không còn chỗ cho thêm hồ sơ. Các hồ sơ đã tiếp nhận vẫn an toàn. Hãy "
     "gửi hoặc bàn giao hồ sơ chờ gửi (kiosk bundle export) và báo quản trị giải phóng ổ đĩa."},
    {MSG_DISK_LOW, "Ổ đĩa sắp đầy: hãy gửi hoặc bàn giao hồ sơ chờ gửi (kiosk bundle export)."},
    {MSG_POWER_LOW, "Pin yếu: hãy cắm điện cho máy hoặc thay pin."},
    {MSG_POWER_CRITICAL, "Pin sắp hết: hồ sơ đang làm dở đã dừng (công dân cần làm lại), dữ liệu "
                         "đã lưu an toàn, máy sẽ tắt."},
    {MSG_POL_FACE_MISMATCH, "Ảnh chân dung không khớp ảnh trên chip. Cần Lãnh đạo đơn vị đối chiếu "
                            "người và thẻ, rồi nhập mã PIN để phê duyệt."},
    {MSG_POL_FACE_NOT_FOUND,
     "Không tìm thấy khuôn mặt trong ảnh chân dung hoặc ảnh trên chip nên chưa so khớp được. Cần "
     "Lãnh đạo đơn vị đối chiếu người và thẻ, rồi nhập mã PIN để phê duyệt."},
    {MSG_POL_FACE_UNCHECKED, "Máy chưa so khớp được ảnh chân dung với ảnh trên chip. Cần Lãnh đạo "
                             "đơn vị đối chiếu người và thẻ, rồi nhập mã PIN để phê duyệt."},
    {MSG_POL_FACE_REASON, "Hãy chọn lý do cho phép tiếp tục khi ảnh chân dung không khớp hoặc "
                          "không so khớp được với ảnh trên chip."},
    {MSG_POL_REASON_PICK, "Hãy chọn lý do của ngoại lệ trước khi phê duyệt."},
    {MSG_STORE_FULL, "Bộ nhớ của máy đã đầy. Hãy gửi các hồ sơ đang chờ và báo cán bộ kỹ thuật."},
    {MSG_STORE_IO, "Lỗi ghi dữ liệu. Hãy thử lại; nếu vẫn lỗi, báo cán bộ kỹ thuật."},
    {MSG_STORE_CORRUPT,
     "Cơ sở dữ liệu bị hỏng. Ngừng tiếp nhận hồ sơ và báo cán bộ kỹ thuật ngay."},
    {MSG_AUDIT_FAILED, "Không ghi được nhật ký thao tác nên thao tác này không được thực hiện. "
                       "Ngừng tiếp nhận hồ sơ và báo cán bộ kỹ thuật."},
    {MSG_OFFICER_BAD_PIN, "Mã PIN không đúng. Hãy nhập lại; sai 5 lần tài khoản sẽ bị khóa."},
    {MSG_OFFICER_LOCKED,
     "Tài khoản bị khóa vì nhập sai mã PIN quá nhiều lần. Hãy nhờ lãnh đạo mở khóa."},
    {MSG_OFFICER_UNKNOWN, "Không có cán bộ với mã này. Hãy kiểm tra lại mã cán bộ."},
    {MSG_OFFICER_DISABLED, "Tài khoản cán bộ này đã bị vô hiệu hóa. Hãy liên hệ lãnh đạo."},
    {MSG_OFFICER_NOT_SUPERVISOR,
     "Thao tác này cần tài khoản lãnh đạo. Hãy nhờ lãnh đạo đăng nhập."},
    {MSG_PIN_CHECKING, "Đang kiểm tra mã PIN..."},
    {MSG_STORE_KEY_MISSING,
     "Thiếu khóa %s trong %s nhưng kho dữ liệu đã có dữ liệu: không tạo khóa mới. Khôi phục thư "
     "mục khóa từ bản sao lưu (config/KEYS.md, mục “Khôi phục khóa”) rồi khởi động lại."},
    {MSG_STORE_KEY_WRONG, "Khóa trong %s không phải khóa đã dùng cho kho dữ liệu này. Khôi phục "
                          "đúng thư mục khóa từ bản sao lưu (config/KEYS.md, mục “Khôi phục "
                          "khóa”)."},
};

/* The upstream's rejection reasons (kiosk/model/reasons.h): what was wrong, then what the
 * officer does next. The sentences follow the seeds: the portrait rules the app tells citizens,
 * "Hồ sơ không đạt" → "Tạo lại hồ sơ", data that differ from the Cơ sở dữ liệu quốc gia về dân
 * cư corrected at the police of the place of residence first. */
static const struct catalogue_row reason[] = {
    {REASON_GENERAL, "Hồ sơ không đạt."},
    {REASON_PHOTO_QUALITY, "Ảnh chân dung không đủ tiêu chuẩn."},
    {REASON_PHOTO_MISMATCH, "Ảnh chân dung không khớp với ảnh trong Cơ sở dữ liệu căn cước."},
    {REASON_FINGERPRINT_QUALITY, "Vân tay thu nhận không đủ chất lượng."},
    {REASON_FINGERPRINT_MISMATCH, "Vân tay không khớp với vân tay trong Cơ sở dữ liệu căn cước."},
    {REASON_DATA_MISMATCH, "Thông tin công dân không khớp với Cơ sở dữ liệu quốc gia về dân cư."},
    {REASON_CARD_INVALID,
     "Thẻ Căn cước không còn giá trị sử dụng (hết hạn, bị thu hồi hoặc đã cấp đổi)."},
    {REASON_ACCOUNT_EXISTS, "Công dân đã có tài khoản định danh điện tử mức độ 2."},
    {REASON_PHONE_NOT_OWNER, "Số điện thoại không phải số chính chủ của công dân."},
    {REASON_PHONE_IN_USE, "Số điện thoại đã được dùng cho tài khoản của công dân khác."},
    {REASON_UNDER_AGE, "Công dân chưa đủ 14 tuổi."},
    {REASON_EVIDENCE_MISSING,
     "Hồ sơ ghi chip đã được đọc nhưng thiếu dữ liệu chip để cơ quan tiếp nhận kiểm tra lại."},
    {REASON_EVIDENCE_MALFORMED, "Dữ liệu chip gửi kèm hồ sơ không đọc được."},
    {REASON_EVIDENCE_SIGNATURE,
     "Chữ ký số của cơ quan cấp thẻ trên dữ liệu chip không xác minh được."},
    {REASON_EVIDENCE_SOD_MISMATCH,
     "Dữ liệu chip gửi kèm hồ sơ không khớp với phần dữ liệu có chữ ký số của cơ quan cấp thẻ."},
    {REASON_EVIDENCE_IDENTITY,
     "Thông tin công dân trong hồ sơ khác với thông tin trong chip thẻ Căn cước."},
    {REASON_EVIDENCE_AA, "Chip không chứng minh được là chip gốc của thẻ (xác thực chip không đạt "
                         "hoặc không thuộc hồ sơ này)."},
    {REASON_EVIDENCE_VERDICT, "Hồ sơ mang kết luận về chip mà cơ quan tiếp nhận không chấp nhận."},
};

static const struct catalogue_row reason_next[] = {
    {REASON_GENERAL, "Gọi công dân để báo kết quả và mời đến tạo lại hồ sơ; nếu chưa rõ lý do, hỏi "
                     "Lãnh đạo đơn vị."},
    {REASON_PHOTO_QUALITY, "Mời công dân đến tạo lại hồ sơ và chụp lại ảnh chân dung: không nhắm "
                           "mắt, không đeo kính, không đeo khẩu trang, đủ ánh sáng."},
    {REASON_PHOTO_MISMATCH, "Mời công dân đến tạo lại hồ sơ và chụp lại ảnh chân dung; nếu vẫn "
                            "không khớp, hướng dẫn công dân làm thủ tục cấp đổi thẻ Căn cước."},
    {REASON_FINGERPRINT_QUALITY, "Mời công dân đến tạo lại hồ sơ và thu nhận lại vân tay (lau sạch "
                                 "mặt máy đọc vân tay, ngón tay khô, đặt đúng giữa)."},
    {REASON_FINGERPRINT_MISMATCH, "Mời công dân đến tạo lại hồ sơ và thu nhận lại vân tay đúng các "
                                  "ngón đã đăng ký khi làm thẻ."},
    {REASON_DATA_MISMATCH, "Hướng dẫn công dân đến Công an xã/phường nơi cư trú để cập nhật thông "
                           "tin vào Cơ sở dữ liệu quốc gia về dân cư, sau đó tạo lại hồ sơ."},
    {REASON_CARD_INVALID, "Hướng dẫn công dân làm thủ tục cấp thẻ; tài khoản định danh điện tử mức "
                          "độ 2 được cấp cùng với thẻ mới."},
    {REASON_ACCOUNT_EXISTS, "Không cần tạo lại hồ sơ. Hướng dẫn công dân kích hoạt tài khoản trên "
                            "ứng dụng VNeID; quá 7 ngày thì liên hệ tổng đài."},
    {REASON_PHONE_NOT_OWNER, "Gọi công dân để lấy số điện thoại di động chính chủ và lập yêu cầu "
                             "sửa số điện thoại, hoặc mời công dân đến tạo lại hồ sơ."},
    {REASON_PHONE_IN_USE,
     "Gọi công dân để lấy số điện thoại di động chính chủ khác và lập yêu cầu sửa số điện thoại."},
    {REASON_UNDER_AGE, "Hướng dẫn cha, mẹ hoặc người giám hộ đăng ký cho trẻ theo tài khoản định "
                       "danh điện tử của mình; không tạo lại hồ sơ."},
    {REASON_EVIDENCE_MISSING, "Mời công dân đến tạo lại hồ sơ và đọc lại chip thẻ Căn cước; nếu "
                              "vẫn không đạt, báo Lãnh đạo đơn vị để kiểm tra máy tiếp nhận."},
    {REASON_EVIDENCE_MALFORMED, "Mời công dân đến tạo lại hồ sơ và đọc lại chip thẻ Căn cước; nếu "
                                "vẫn không đạt, báo Lãnh đạo đơn vị để kiểm tra máy tiếp nhận."},
    {REASON_EVIDENCE_SIGNATURE,
     "Mời công dân đến tạo lại hồ sơ và đọc lại chip; nếu vẫn không đạt, chip không hợp lệ: báo "
     "Lãnh đạo đơn vị và hướng dẫn công dân làm thủ tục cấp đổi thẻ Căn cước."},
    {REASON_EVIDENCE_SOD_MISMATCH, "Mời công dân đến tạo lại hồ sơ và đọc lại chip ngay tại quầy; "
                                   "báo Lãnh đạo đơn vị để kiểm tra máy tiếp nhận và thẻ."},
    {REASON_EVIDENCE_IDENTITY, "Mời công dân đến tạo lại hồ sơ và đọc lại chip; không sửa tay "
                               "thông tin đã đọc từ chip. Báo Lãnh đạo đơn vị."},
    {REASON_EVIDENCE_AA,
     "Mời công dân đến tạo lại hồ sơ và đọc lại chip ngay tại quầy; nếu vẫn không đạt, chip không "
     "hợp lệ: báo Lãnh đạo đơn vị và hướng dẫn công dân làm thủ tục cấp đổi thẻ Căn cước."},
    {REASON_EVIDENCE_VERDICT,
     "Báo Lãnh đạo đơn vị để kiểm tra máy tiếp nhận; mời công dân đến tạo lại hồ sơ."},
};

/* The reasons an approval records (kiosk/model/approval_reasons.h), as the approver picks
 * them and the opened application shows them. */
static const struct catalogue_row approval_reason[] = {
    {APPROVAL_EVIDENCE_INCONSISTENT, "Nguồn thông tin và kết quả kiểm tra chip mâu thuẫn"},
    {APPROVAL_CHIP_FORGED, "Chip không hợp lệ"},
    {APPROVAL_FORGED_EARLIER,
     "Chip của công dân đã bị đánh giá không hợp lệ trong lần tiếp nhận này"},
    {APPROVAL_CHIP_GENUINE, "Chip hợp lệ (đã xác thực)"},
    {APPROVAL_NO_CSCA_FOR_STATE, "Máy chưa có chứng thư CSCA của nước cấp thẻ"},
    {APPROVAL_CHIP_CANNOT_AUTHENTICATE, "Chip không hỗ trợ xác thực chip"},
    {APPROVAL_CHIP_UNVERIFIED, "Chưa xác thực được chip"},
    {APPROVAL_CHIP_UNREADABLE, "Không đọc được chip"},
    {APPROVAL_CHIP_DAMAGED, "Chip bị hỏng"},
    {APPROVAL_CARD_WITHOUT_CHIP, "Thẻ không gắn chip"},
    {APPROVAL_DATA_MISMATCH, "Dữ liệu trên chip và mã QR trên thẻ không khớp"},
    {APPROVAL_CARD_EXPIRED, "Thẻ đã hết hạn"},
    {APPROVAL_UNDER_14, "Công dân chưa đủ 14 tuổi"},
    {APPROVAL_CLOCK_IMPLAUSIBLE, "Đồng hồ của máy không đúng"},
    {APPROVAL_DISK_FULL, "Ổ đĩa của máy đã đầy"},
    {APPROVAL_DUPLICATE, "Đã có hồ sơ trước đó"},
    {APPROVAL_NO_MOBILE_ANSWER_MISSING, "Chưa hỏi công dân về số điện thoại di động"},
    {APPROVAL_NO_MOBILE_PHONE, "Công dân không có số điện thoại di động"},
    {APPROVAL_PORTRAIT_OVERRIDE, "Ảnh chân dung chưa đạt mọi tiêu chuẩn"},
    {APPROVAL_NO_FINGERPRINTS, "Không thu nhận được vân tay nào"},
    {APPROVAL_FEWER_FINGERPRINTS, "Thu nhận được ít vân tay hơn quy định"},
    {APPROVAL_FACE_MATCH, "Ảnh chân dung khớp ảnh trên chip"},
    {APPROVAL_LEADER_COMPARED_IN_PERSON, "Đã trực tiếp đối chiếu người với thẻ"},
    {APPROVAL_APPEARANCE_CHANGED, "Ngoại hình đã thay đổi (tuổi, tóc, râu)"},
    {APPROVAL_CHIP_PHOTO_POOR, "Ảnh trên chip kém chất lượng"},
    {APPROVAL_FACE_CANNOT_BE_SHOWN, "Không chụp rõ được mặt (thương tật, băng y tế)"},
    {APPROVAL_FACE_CHECK_UNAVAILABLE, "Máy chưa so khớp được ảnh"},
};

/* The supervisor's reports and the mobile units' hand-over (kiosk/model/msg_export.h):
 * what was refused or failed, and what to do next. */
static const struct catalogue_row export_msg[] = {
    {EXPORT_M_USB_FULL, "USB đầy: không đủ chỗ để ghi %s. Báo cáo dở dang không được giữ lại; hãy "
                        "xóa bớt tệp trên USB hoặc dùng USB khác rồi xuất lại."},
    {EXPORT_M_USB_NOT_A_FOLDER,
     "Trên USB, “%s” không phải là thư mục báo cáo (có thể là liên kết, tệp lạ hoặc thiết bị). "
     "Không ghi gì vào đó; hãy dùng USB khác hoặc xóa mục đó trên một máy tính khác rồi xuất lại."},
    {EXPORT_M_USB_READ_ONLY, "USB chỉ cho đọc, không ghi được %s. Hãy gạt khóa ghi trên USB hoặc "
                             "dùng USB khác rồi xuất lại."},
    {EXPORT_M_USB_WRITE, "Không ghi được %s lên USB (%s; có thể USB đã bị rút ra). Hãy cắm lại USB "
                         "rồi xuất lại; bản dở dang không được xác nhận."},
    {EXPORT_M_NO_TARGET, "Thiếu thư mục đích hoặc mã đơn vị không hợp lệ; hãy chọn USB và kiểm tra "
                         "mã đơn vị trong cấu hình."},
    {EXPORT_M_OPEN_FOLDER_USB,
     "Không mở được thư mục %s (USB chưa cắm hoặc đã rút ra?). Hãy cắm USB rồi xuất lại."},
    {EXPORT_M_NO_SIGNER, "Thiếu Lãnh đạo đơn vị ký báo cáo."},
    {EXPORT_M_SIGNER_NAME, "Không tìm thấy họ tên của Lãnh đạo đơn vị “%s”; hãy thêm họ tên đầy đủ "
                           "cho tài khoản này rồi xuất lại."},
    {EXPORT_M_PREPARER, "Không tìm thấy cán bộ lập biểu “%s”; hãy kiểm tra mã cán bộ."},
    {EXPORT_M_SITE, "Tên điểm tiếp nhận không hợp lệ (\"-\" là tại trụ sở)."},
    {EXPORT_M_SINCE, "Ngày bắt đầu lũy kế phải là một ngày YYYY-MM-DD không sau kỳ báo cáo."},
    {EXPORT_M_AUDIT_WRITE, "Không ghi được nhật ký cho lần xuất này (%s), nên chưa xuất gì. Hãy "
                           "thử lại; nếu vẫn lỗi, báo cho kỹ thuật."},
    {EXPORT_M_AUDIT_READ, "Không đọc được nhật ký (%s)."},
    {EXPORT_M_STORE_READ, "Đọc hồ sơ trong kho bị lỗi (%s); chưa xuất gì. Hãy thử lại."},
    {EXPORT_M_TOTALS, "Đếm lũy kế bị lỗi (%s)."},
    {EXPORT_M_NOMEM_RETRY, "Hết bộ nhớ; hãy thử lại."},
    {EXPORT_M_KEYRING_OPEN, "Không đọc được tệp khóa %s; hãy kiểm tra đường dẫn."},
    {EXPORT_M_KEYRING_READ, "Tệp khóa %s quá lớn hoặc không đọc được."},
    {EXPORT_M_KEYRING_LINE,
     "Tệp khóa %s, dòng %d: cần “<khóa công khai 64 ký tự hex> <mã đơn vị> <mã máy>”."},
    {EXPORT_M_NO_KEYS, "Chưa có khóa nào để kiểm tra; hãy dùng khóa của máy này hoặc tệp khóa của "
                       "đơn vị (--keyring)."},
    {EXPORT_M_OPEN_FOLDER, "Không mở được thư mục %s; hãy kiểm tra USB và đường dẫn."},
    {EXPORT_M_SIGNATURE_MISSING, "%s: thiếu hoặc không phải chữ ký; báo cáo chưa ghi xong hoặc đã "
                                 "bị sửa. Hãy xuất lại báo cáo."},
    {EXPORT_M_MANIFEST_MISSING,
     "%s: thiếu hoặc không phải tệp thường; báo cáo chưa ghi xong. Hãy xuất lại báo cáo."},
    {EXPORT_M_FILE_UNREADABLE, "%s quá lớn hoặc không đọc được."},
    {EXPORT_M_BAD_SIGNATURE,
     "Chữ ký của báo cáo không khớp với khóa nào đã biết (máy này hoặc tệp khóa của đơn vị): báo "
     "cáo đã bị sửa hoặc do máy lạ ký. Không dùng báo cáo này; hãy xuất lại trên máy của đơn vị."},
    {EXPORT_M_NOMEM, "Hết bộ nhớ."},
    {EXPORT_M_MANIFEST_FORMAT, "%s không đúng dạng của máy tiếp nhận."},
    {EXPORT_M_SIGNER_MISMATCH, "Báo cáo ghi đơn vị %s, máy %s nhưng được ký bằng khóa của đơn vị "
                               "%s, máy %s. Không dùng báo cáo này."},
    {EXPORT_M_FILE_MISSING, "%s: thiếu tệp. Hãy xuất lại báo cáo."},
    {EXPORT_M_FILE_NOT_REGULAR, "%s: không phải tệp thường. Hãy xuất lại báo cáo."},
    {EXPORT_M_AGE_DAY, "%ld ngày"},
    {EXPORT_M_AGE_DAYS, "%ld ngày"},
    {EXPORT_M_AGE_HOUR, "%ld giờ"},
    {EXPORT_M_AGE_HOURS, "%ld giờ"},
    {EXPORT_M_AGE_UNDER_HOUR, "dưới 1 giờ"},
    {EXPORT_M_CANNOT_READ, "%s: không đọc được."},
    {EXPORT_M_FILE_MODIFIED,
     "%s đã bị sửa (khác với bản kê có chữ ký). Không dùng báo cáo này; hãy xuất lại."},
    {EXPORT_M_MERGE_NO_JSON,
     "%s: không có danh sách JSON để gộp; hãy xuất lại báo cáo trên máy đó."},
    {EXPORT_M_MERGE_UNREADABLE, "%s/%s: không đọc được."},
    {EXPORT_M_MERGE_FORMAT, "%s/%s: không đúng dạng danh sách."},
    {EXPORT_M_MERGE_NO_STATUS, "%s/%s: dòng %zu không có trạng thái."},
    {EXPORT_M_MERGE_ROW_KIOSK, "%s: hồ sơ %s ghi máy khác với báo cáo; không gộp."},
    {EXPORT_M_MERGE_COUNT, "Cần từ 1 đến %d báo cáo để gộp."},
    {EXPORT_M_MERGE_UNVERIFIED, "Không gộp: báo cáo %s không kiểm tra được. %s"},
    {EXPORT_M_MERGE_ALREADY,
     "Không gộp: %s đã là báo cáo toàn trạm; hãy chọn báo cáo của từng máy."},
    {EXPORT_M_MERGE_OTHER_UNIT, "Không gộp: %s là của đơn vị %s, %s; báo cáo đầu là của đơn vị %s, "
                                "%s. Hãy chọn báo cáo cùng đơn vị và cùng kỳ."},
    {EXPORT_M_MERGE_TWICE, "Không gộp: báo cáo của máy %s có hai lần (%s và %s). Hãy bỏ một bản."},
    {EXPORT_M_MERGE_MISSING_KIOSK,
     "Không gộp: thiếu báo cáo của máy %s (%s). Hãy xuất báo cáo kỳ này trên máy đó rồi gộp lại."},
    {EXPORT_M_MERGE_ROW_TWICE, "Không gộp: hồ sơ %s có trong báo cáo của máy %s và máy %s."},
    {EXPORT_M_MERGE_TOO_MANY, "Quá nhiều máy để gộp một lần."},
    {EXPORT_M_IDENT_CHARS, "Mã đơn vị hoặc mã máy trong cấu hình có ký tự không dùng được trong "
                           "tên tệp (chỉ chữ không dấu, số, . _ -); hãy sửa cấu hình."},
    {EXPORT_M_SIGNER_NO_NAME, "Chưa có họ tên Lãnh đạo đơn vị ký báo cáo; hãy đăng nhập bằng tài "
                              "khoản Lãnh đạo đơn vị có họ tên đầy đủ."},
};

static const struct catalogue_row export_part[] = {
    {EXPORT_P_UNIT_FOLDER, "thư mục của đơn vị"},
    {EXPORT_P_TEMP_FOLDER, "thư mục tạm"},
    {EXPORT_P_REPORT, "báo cáo"},
    {EXPORT_P_OLD_REPORT, "báo cáo cũ"},
    {EXPORT_P_LIST, "danh sách"},
    {EXPORT_P_SIGNED_MANIFEST, "bản kê có chữ ký"},
    {EXPORT_P_FORM02, "Mẫu số 02 (.xlsx)"},
    {EXPORT_P_SUMMARY, "bản tổng hợp"},
    {EXPORT_P_STATION_REPORT, "báo cáo toàn trạm"},
    {EXPORT_P_BUNDLE, "gói bàn giao"},
    {EXPORT_P_STATUS_FILE, "tệp trạng thái"},
};

static const struct catalogue_row field_msg[] = {
    {FIELD_M_READ_WAITING, "Không đọc được hồ sơ chờ gửi (%s)."},
    {FIELD_M_NOMEM_ITEM, "Không tạo được hồ sơ để bàn giao (hết bộ nhớ)."},
    {FIELD_M_IDENT, "Mã đơn vị hoặc mã máy trong cấu hình không hợp lệ để bàn giao."},
    {FIELD_M_READ_QUEUE, "Không đọc được hàng chờ gửi (%s)."},
    {FIELD_M_NOTHING, "Không có hồ sơ nào chờ gửi: không cần bàn giao."},
    {FIELD_M_AUDIT_BROKEN, "Nhật ký của máy không còn khớp với mốc đã ghi (%s); hãy báo Lãnh đạo "
                           "đơn vị, không bàn giao."},
    {FIELD_M_NOT_RECORDED, "Đã ghi gói bàn giao %s nhưng không ghi nhận được trên máy (%s). Gói "
                           "vẫn dùng được; hồ sơ vẫn chờ gửi."},
    {FIELD_M_IS_A_REPORT,
     "%s là báo cáo, không phải gói bàn giao hồ sơ; hãy chọn thư mục ban-giao_… trên USB."},
    {FIELD_M_OTHER_UNIT,
     "Gói bàn giao của đơn vị %s, không phải của đơn vị này (%s): hãy nộp gói tại đơn vị %s."},
    {FIELD_M_USB_UNREADABLE, "Không đọc được gói bàn giao trên USB (USB đã bị rút ra?). Hãy cắm "
                             "lại USB rồi nhập lại: hồ sơ đã gửi không bị gửi lại."},
    {FIELD_M_MANIFEST_FORMAT, "Danh mục của gói bàn giao không đúng dạng; không gửi hồ sơ nào. Hãy "
                              "bàn giao lại từ máy lưu động."},
    {FIELD_M_ITEM_MODIFIED,
     "Một hồ sơ trong gói khác với danh mục có chữ ký (USB bị thay đổi sau khi kiểm tra?); dừng "
     "lại, đã gửi %ld hồ sơ. Hãy bàn giao lại từ máy lưu động."},
    {FIELD_M_USB_PULLED, "USB bị rút ra giữa chừng: đã gửi %ld hồ sơ. Hãy cắm lại USB rồi nhập "
                         "lại; hồ sơ đã gửi không bị gửi lại."},
    {FIELD_M_PARTLY_SENT, "Chưa gửi hết gói bàn giao (%s); đã gửi %ld hồ sơ. Hãy nhập lại khi có "
                          "mạng; hồ sơ đã gửi không bị gửi lại."},
    {FIELD_M_REFUSED, "Hệ thống cấp trên từ chối %ld hồ sơ của gói (%ld lần này, %ld hẳn); các hồ "
                      "sơ khác đã gửi. Hãy báo Lãnh đạo đơn vị."},
    {FIELD_M_STATUS_WRITE, "Không ghi được trạng thái bên cạnh gói %s."},
    {FIELD_M_STATUS_RESULTS, "Không đọc được kết quả gửi của gói %s trên máy này."},
    {FIELD_M_STATUS_UNKNOWN_SIGNER, "Tệp trạng thái không mang chữ ký của máy nào trong danh sách "
                                    "khóa của đơn vị (%s): không áp dụng."},
    {FIELD_M_STATUS_MODIFIED, "Tệp trạng thái đã bị sửa hoặc thiếu sau khi ký (%s): không áp dụng; "
                              "hãy nhập lại gói tại máy ở trụ sở để ghi lại trạng thái."},
    {FIELD_M_STATUS_READ, "Không đọc được tệp trạng thái (%s)."},
    {FIELD_M_NOT_STATUS_FOLDER,
     "%s không phải thư mục trạng thái (trang-thai_…) của một gói bàn giao."},
    {FIELD_M_STATUS_OTHER_UNIT,
     "Tệp trạng thái của đơn vị %s, không phải của đơn vị này (%s): không áp dụng."},
    {FIELD_M_STATUS_USB_PULLED, "Không đọc được tệp trạng thái trên USB (USB đã bị rút ra?)."},
    {FIELD_M_STATUS_USB_READ, "Không đọc được tệp trạng thái trên USB."},
    {FIELD_M_STATUS_FORMAT, "Tệp trạng thái không đúng dạng: không áp dụng."},
    {FIELD_M_STATUS_OTHER_KIOSK, "Tệp trạng thái này của gói do máy %s bàn giao, không phải máy "
                                 "này (%s): không áp dụng. Hãy dùng đúng USB của máy %s."},
    {FIELD_M_STATUS_SIGNER_MISMATCH,
     "Tệp trạng thái ghi đơn vị hoặc máy khác với chữ ký: không áp dụng."},
    {FIELD_M_STATUS_FORMAT_STOPPED, "Tệp trạng thái không đúng dạng: không áp dụng tiếp."},
    {FIELD_M_STATUS_STORE, "Không ghi được trạng thái vào máy (%s); đã áp dụng %ld. Hãy thử lại: "
                           "trạng thái đã áp dụng không bị áp dụng lại."},
};

const struct catalogue_domain catalogue_vi[MSGD_COUNT] = {
    [MSGD_CORE] = {core, sizeof core / sizeof core[0],
                   "Lỗi không xác định. Hãy báo cán bộ kỹ thuật."},
    [MSGD_TLV] = {tlv, sizeof tlv / sizeof tlv[0],
                  "Chip gửi dữ liệu sai cấu trúc. Đọc lại thẻ; nếu vẫn lỗi, thẻ có thể bị hỏng "
                  "hoặc bị làm giả: báo Lãnh đạo đơn vị."},
    [MSGD_MRZ] = {mrz, sizeof mrz / sizeof mrz[0], "Lỗi nội bộ. Thử lại."},
    [MSGD_READER] = {reader, sizeof reader / sizeof reader[0], "Lỗi đầu đọc thẻ."},
    [MSGD_CARD] = {card, sizeof card / sizeof card[0], "Lỗi đọc thẻ."},
    [MSGD_DG] = {dg, sizeof dg / sizeof dg[0], "Lỗi nội bộ khi xử lý dữ liệu chip. Thử lại."},
    [MSGD_SOD] = {sod, sizeof sod / sizeof sod[0],
                  "Đối tượng bảo mật của chip bị hỏng hoặc không hợp lệ: không thể tin cậy thẻ. "
                  "Đọc lại một lần; nếu vẫn lỗi, coi thẻ là giả và báo Lãnh đạo đơn vị."},
    [MSGD_PA] = {pa, sizeof pa / sizeof pa[0], "Lỗi nội bộ. Thử lại."},
    [MSGD_VERIFY_REASON] = {verify_reason, sizeof verify_reason / sizeof verify_reason[0],
                            "Lý do không xác định."},
    [MSGD_IDENTITY] = {identity, sizeof identity / sizeof identity[0],
                       "Dữ liệu cá nhân trong chip bị sai định dạng. Đọc lại thẻ; nếu vẫn lỗi, "
                       "dùng mã QR và báo Lãnh đạo đơn vị."},
    [MSGD_CARD_FIELD] = {card_field, sizeof card_field / sizeof card_field[0], "Số định danh"},
    [MSGD_CARD_SOURCE] = {card_source, sizeof card_source / sizeof card_source[0], "chip (MRZ)"},
    [MSGD_FORMAT] = {format, sizeof format / sizeof format[0], ""},
    [MSGD_QR] = {qr, sizeof qr / sizeof qr[0], "Lỗi nội bộ. Thử lại."},
    [MSGD_CAMERA] = {camera, sizeof camera / sizeof camera[0], "Lỗi máy ảnh: thử lại"},
    [MSGD_PORTRAIT] = {portrait, sizeof portrait / sizeof portrait[0], ""},
    [MSGD_FPR] = {fpr, sizeof fpr / sizeof fpr[0],
                  "Máy đọc vân tay bị lỗi. Khởi động lại máy đọc và thử lại."},
    [MSGD_FPR_STATE] = {fpr_state, sizeof fpr_state / sizeof fpr_state[0], ""},
    [MSGD_UI] = {labels_vi_ui, sizeof labels_vi_ui / sizeof labels_vi_ui[0], ""},
    [MSGD_UI_AFTER] = {labels_vi_ui_after, sizeof labels_vi_ui_after / sizeof labels_vi_ui_after[0],
                       ""},
    [MSGD_REASON] = {reason, sizeof reason / sizeof reason[0], "Hồ sơ không đạt."},
    [MSGD_REASON_NEXT] = {reason_next, sizeof reason_next / sizeof reason_next[0],
                          "Gọi công dân để báo kết quả và mời đến tạo lại hồ sơ; nếu chưa rõ lý "
                          "do, hỏi Lãnh đạo đơn vị."},
    [MSGD_APPROVAL_REASON] = {approval_reason, sizeof approval_reason / sizeof approval_reason[0],
                              ""},
    [MSGD_EXPORT] = {export_msg, sizeof export_msg / sizeof export_msg[0],
                     "Không xuất được báo cáo. Hãy thử lại; nếu vẫn lỗi, báo cho kỹ thuật."},
    [MSGD_FIELD] = {field_msg, sizeof field_msg / sizeof field_msg[0],
                    "Không bàn giao được. Hãy thử lại; nếu vẫn lỗi, báo Lãnh đạo đơn vị."},
    [MSGD_CLI] = {labels_vi_cli, sizeof labels_vi_cli / sizeof labels_vi_cli[0], ""},
    [MSGD_EXPORT_PART] = {export_part, sizeof export_part / sizeof export_part[0], ""},
    [MSGD_SITE_KIND] = {labels_vi_site_kind, SITE_KIND_COUNT, ""},
    [MSGD_UI_REPORTS] = {labels_vi_ui_reports, UI_RS_COUNT, ""},
};
