# kiosk/field/: mobile units in the field (kiosk/field/README.md): hand-over by USB stick.
LIB_SRCS += kiosk/field/bundle_export.c kiosk/field/bundle_import.c kiosk/field/bundle_status.c
TESTS += tests/field/test_bundle.c
BENCHES += bench/bench_bundle.c
