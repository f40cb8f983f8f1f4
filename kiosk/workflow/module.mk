# kiosk/workflow/: the enrolment state machine, the runner that carries out its actions, and
# the device requests and results they exchange with the device workers (dev_event.h), and
# the one enrolment policy.
LIB_SRCS += kiosk/workflow/workflow.c kiosk/workflow/policy.c kiosk/workflow/runner.c \
	kiosk/workflow/approval.c \
	kiosk/workflow/dev_event.c
TESTS += tests/kiosk/test_workflow.c tests/kiosk/test_policy.c tests/kiosk/test_runner.c
TEST_SCRIPTS += tests/kiosk/test_policy_table.sh
# the kiosk's clock against what it knows (mobile units in the field)
LIB_SRCS += kiosk/workflow/clock_guard.c kiosk/workflow/power_guard.c
TESTS += tests/kiosk/test_clock.c tests/kiosk/test_disk.c
$(BUILD)/obj/kiosk/workflow/clock_guard.o: CPPFLAGS += \
	-DKIOSK_BUILD_EPOCH=$(shell git log -1 --format=%ct 2>/dev/null || date +%s)
