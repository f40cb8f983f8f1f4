# kiosk/cli/: main and every command of `kiosk` (the front ends' entry points).
LIB_SRCS += kiosk/cli/cli.c kiosk/cli/cli_queue.c kiosk/cli/cli_officer.c kiosk/cli/cli_audit.c \
	kiosk/cli/cli_enrol.c kiosk/cli/cli_selftest.c kiosk/cli/cli_export.c kiosk/cli/cli_demo.c \
	kiosk/cli/cli_run.c kiosk/cli/cli_read_card.c kiosk/cli/cli_trust.c kiosk/cli/cli_sync.c \
	kiosk/cli/cli_policy.c kiosk/cli/cli_bundle.c kiosk/cli/cli_clock.c kiosk/cli/cli_disk.c kiosk/cli/cli_field.c
TEST_SCRIPTS += tests/kiosk/test_cli.sh tests/kiosk/test_demo.sh tests/kiosk/test_privilege.sh
BENCHES += bench/bench_core_selftest.c
# the visits after the first: show, recall, phone-fix, receipt
LIB_SRCS += kiosk/cli/cli_show.c kiosk/cli/cli_recall.c kiosk/cli/cli_phonefix.c \
	kiosk/cli/cli_receipt.c
TEST_SCRIPTS += tests/kiosk/test_cli_after.sh
