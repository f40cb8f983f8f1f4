# tests/fuzz/: every libFuzzer target (fuzz_NAME.c, seeds in corpus/NAME/), built by the one
# rule in the Makefile and run by run-fuzz.sh (briefly in make check, longer by make fuzz).
# The card's targets and their sources are declared in drivers/card/module.mk; these are the
# others'.
FUZZ_TARGETS += sync_proto fpr_image export_manifest app_payload
FUZZ_LIB_SRCS += sync/sync_proto.c kiosk/export/export_manifest.c kiosk/export/export_labels.c \
	kiosk/export/export_dir.c kiosk/export/export_csv.c kiosk/export/export_list.c \
	kiosk/export/export_summary.c \
	kiosk/store/seal.c kiosk/model/timefmt.c \
	drivers/fingerprint/fpr_quality.c drivers/fingerprint/fpr_match.c \
	drivers/fingerprint/fpr_minutiae.c kiosk/model/validate_text.c kiosk/model/application.c \
	kiosk/base/module.c kiosk/base/confine.c \
	kiosk/model/app_payload.c kiosk/model/app_json.c
TEST_SCRIPTS += tests/fuzz/run-fuzz.sh
