# kiosk/workflow/: the enrolment state machine, the runner that carries out its actions, and
# the device requests and results they exchange with the device workers (dev_event.h), and
# the one enrolment policy.
LIB_SRCS += kiosk/workflow/workflow.c kiosk/workflow/policy.c kiosk/workflow/runner.c \
	kiosk/workflow/dev_event.c
TESTS += tests/kiosk/test_workflow.c tests/kiosk/test_policy.c tests/kiosk/test_runner.c
TEST_SCRIPTS += tests/kiosk/test_policy_table.sh
