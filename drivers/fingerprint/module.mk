# drivers/fingerprint: capture through libfprint (real device or virtual_image fed by the
# synthetic generator), quality, same-finger matching. The driver is the module
# kiosk-fingerprint.so, which the kiosk program reaches through fpr_door.c; tests and
# benchmarks link it directly.
PKGS += libfprint-2 glib-2.0 gio-2.0 gio-unix-2.0 jansson
MODULES += fingerprint
MODULES_STATIC += fingerprint
MODULE_LIBS_fingerprint = $(LDLIBS)
MODULE_SRCS_fingerprint := drivers/fingerprint/fpr_module.c drivers/fingerprint/fpr_reader.c \
            drivers/fingerprint/fpr_libfprint.c drivers/fingerprint/fpr_sim.c \
            drivers/fingerprint/fpr_synth.c drivers/fingerprint/fpr_minutiae.c \
            drivers/fingerprint/fpr_quality.c drivers/fingerprint/fpr_match.c
DOOR_SRCS += drivers/fingerprint/fpr_door.c
TESTS += tests/fingerprint/test_fpr_capture.c tests/fingerprint/test_fpr_synth_quality.c \
         tests/fingerprint/test_fpr_libfprint.c tests/fingerprint/test_fpr_match.c \
         tests/fingerprint/test_fpr_fuzz.c tests/fingerprint/test_fpr_bozorth.c
RIG_SRCS += tests/rigs/fingerprint/fpfeed.c
BENCHES += bench/bench_fingerprint_verdict.c
