#!/usr/bin/env python3
"""check_mau02_xlsx.py: reads a Mẫu số 02 workbook back with openpyxl, a reader independent of
the writer, and checks what a supervisor's spreadsheet must show.

usage: check_mau02_xlsx.py FILE ROWS PID PHONE SUPERVISOR_NAME PREPARER_NAME
Checks: the title and unit on top, the period line, the header row; ROWS data rows with STT
1..ROWS; the row holding PID has it (and PHONE) as text cells keeping their leading zero, a
date of birth that is a date shown dd/mm/yyyy, "Mức 2" only on approved rows; the signature
rows "NGƯỜI LẬP BIỂU" and "LÃNH ĐẠO ĐƠN VỊ" with both full names under them; A4 landscape,
one page wide, the header row repeated. Prints "ok" or the first failure and exits 1."""
import datetime
import sys

import openpyxl


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def main():
    path, rows, pid, phone, sup, prep = sys.argv[1:7]
    rows = int(rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                cells[(c.row, c.column)] = c
    texts = [str(c.value) for c in cells.values()]
    title = "BÁO CÁO KẾT QUẢ TIẾP NHẬN HỒ SƠ ĐĂNG KÝ TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ MỨC ĐỘ 2"
    for want in (title, "Mẫu số 02", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "NGƯỜI LẬP BIỂU",
                 "LÃNH ĐẠO ĐƠN VỊ", sup, prep):
        if want not in texts:
            fail("no cell reads %r" % want)
    if not any(t.startswith("CÔNG AN") for t in texts):
        fail("the unit's name in capitals is not on top")
    if not any(t.startswith("Ngày ") or t.startswith("Từ ngày ") for t in texts):
        fail("no period line")
    # the header row
    header = None
    for (r, c), cell in cells.items():
        if cell.value == "Số CCCD":
            header = r
    if header is None:
        fail("no header row with 'Số CCCD'")
    cols = {cells[(header, c)].value: c for (r, c) in cells if r == header}
    for name in ("STT", "Họ tên", "Ngày sinh", "HKTT", "Số CCCD", "Số điện thoại"):
        if name not in cols:
            fail("header lacks %r" % name)
    level_col = [c for n, c in cols.items() if n.startswith("Đã đăng ký định danh")]
    if not level_col:
        fail("header lacks 'Đã đăng ký định danh'")
    # data rows
    for i in range(1, rows + 1):
        stt = cells.get((header + i, cols["STT"]))
        if stt is None or stt.value != i:
            fail("row %d: STT is %r" % (i, stt.value if stt else None))
    found = False
    for i in range(1, rows + 1):
        r = header + i
        c_pid = cells.get((r, cols["Số CCCD"]))
        if c_pid is None or c_pid.value != pid:
            continue
        found = True
        if c_pid.data_type != "s" or c_pid.number_format != "@":
            fail("the personal ID is not a text cell (%s, %s)" % (c_pid.data_type,
                                                                  c_pid.number_format))
        c_ph = cells.get((r, cols["Số điện thoại"]))
        if c_ph is None or c_ph.value != phone or c_ph.data_type != "s":
            fail("the phone is not the text %r: %r" % (phone, c_ph.value if c_ph else None))
        c_dob = cells.get((r, cols["Ngày sinh"]))
        if c_dob is None or not isinstance(c_dob.value, datetime.datetime) or \
                c_dob.number_format != "dd/mm/yyyy":
            fail("the date of birth is not a date cell dd/mm/yyyy")
    if not found:
        fail("no row with the personal ID %r" % pid)
    if pid[0] != "0" or phone[0] != "0":
        fail("the test must give values with a leading zero")
    status_col = cols.get("Trạng thái")
    for i in range(1, rows + 1):
        lv = cells.get((header + i, level_col[0]))
        st = cells.get((header + i, status_col))
        approved = st is not None and st.value == "Hồ sơ được phê duyệt"
        if (lv is not None and lv.value == "Mức 2") != approved:
            fail("row %d: 'Mức 2' on a row whose status is %r" % (i, st.value if st else None))
    # the signature blocks come after the data, the names under their titles
    sig = [r for (r, c), cell in cells.items() if cell.value == "LÃNH ĐẠO ĐƠN VỊ"]
    names = [r for (r, c), cell in cells.items() if cell.value == sup]
    if not sig or sig[0] <= header + rows or not names or max(names) <= sig[0]:
        fail("the signature block is not below the rows with the full name under it")
    ps = ws.page_setup
    if ps.orientation != "landscape" or str(ps.paperSize) != "9":
        fail("print setup is not A4 landscape (%r, %r)" % (ps.orientation, ps.paperSize))
    if ws.print_title_rows is None:
        fail("the header row is not repeated on each page")
    print("ok")


main()
