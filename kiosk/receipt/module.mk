# kiosk/receipt/: the printed receipt (cairo PDF in memory, printed through libcups). Rendering
# and printing are the module kiosk-receipt.so, reached through receipt_door.c; tests and
# benchmarks link them directly.
PKGS += cairo fontconfig
LIBS_EXTRA += -lcups
MODULES += receipt
MODULES_STATIC += receipt
MODULE_LIBS_receipt = $(LDLIBS)
MODULE_SRCS_receipt := kiosk/receipt/receipt_module.c kiosk/receipt/receipt_pdf.c \
	kiosk/receipt/receipt_cups.c
DOOR_SRCS += kiosk/receipt/receipt_door.c
LIB_SRCS += kiosk/receipt/receipt_text.c
TESTS += tests/kiosk/test_receipt.c
BENCHES += bench/bench_receipt_pdf.c
# the real CUPS server with a virtual PDF printer, for the tests that print
RIG_SRCS += tests/rigs/printer/cups_rig.c
