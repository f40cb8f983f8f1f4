# kiosk/: the process: main, enrolment workflow, application model, store, export.
PKGS += sqlite3 libsodium jansson inih
LIB_SRCS += kiosk/application.c kiosk/app_json.c kiosk/config.c kiosk/config_demo.c \
	kiosk/seal.c kiosk/store.c kiosk/store_schema.c kiosk/store_outbox.c \
	kiosk/store_officer.c kiosk/store_audit.c kiosk/workflow.c kiosk/runner.c \
	kiosk/dev_event.c kiosk/file_read.c kiosk/cli.c kiosk/cli_queue.c kiosk/cli_officer.c kiosk/cli_audit.c \
	kiosk/cli_enrol.c kiosk/cli_selftest.c kiosk/cli_export.c \
	kiosk/devices.c kiosk/cli_demo.c kiosk/cli_areas.c
TESTS += tests/kiosk/test_application.c tests/kiosk/test_config.c tests/kiosk/test_workflow.c \
	tests/kiosk/test_store.c tests/kiosk/test_store_faults.c tests/kiosk/test_runner.c
# config/demo.conf is compiled in (.incbin); rebuild when it changes.
$(BUILD)/obj/kiosk/config_demo.o: config/demo.conf
-include kiosk/core_val.mk
-include kiosk/core_export.mk
TEST_SCRIPTS += tests/kiosk/test_cli.sh
BENCHES += bench/bench_core_selftest.c
TEST_SCRIPTS += tests/kiosk/test_demo.sh
