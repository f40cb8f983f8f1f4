# kiosk/export/: the supervisor's export (list, summary, signed manifest).
LIB_SRCS += kiosk/export/export_labels.c kiosk/export/export_csv.c kiosk/export/export_list.c \
	kiosk/export/export_summary.c kiosk/export/export_manifest.c kiosk/export/export_dir.c \
	kiosk/export/export_day.c
TESTS += tests/kiosk/test_export_format.c tests/kiosk/test_export_golden.c \
	tests/kiosk/test_export_verify.c tests/kiosk/test_export_store.c \
	tests/kiosk/test_export_fuzz.c
BENCHES += bench/bench_store_export.c
