# kiosk/core_export.mk: the supervisor export (included by kiosk/module.mk).
LIB_SRCS += kiosk/export_labels.c kiosk/export_csv.c kiosk/export_list.c \
            kiosk/export_summary.c kiosk/export_manifest.c kiosk/export_dir.c \
            kiosk/export_day.c
TESTS += tests/kiosk/test_export_format.c tests/kiosk/test_export_golden.c \
         tests/kiosk/test_export_verify.c tests/kiosk/test_export_store.c \
         tests/kiosk/test_export_fuzz.c
BENCHES += bench/bench_store_queue.c bench/bench_store_export.c
