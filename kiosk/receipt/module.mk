# kiosk/receipt/: the printed receipt (cairo PDF in memory, printed through libcups).
PKGS += cairo fontconfig
LIBS_EXTRA += -lcups
LIB_SRCS += kiosk/receipt/receipt_text.c kiosk/receipt/receipt_pdf.c kiosk/receipt/receipt_cups.c
TESTS += tests/kiosk/test_receipt.c
BENCHES += bench/bench_receipt_pdf.c
