# kiosk/workflow/: the enrolment state machine, the runner that carries out its actions, and
# the device requests and results they exchange with the device workers (dev_event.h).
LIB_SRCS += kiosk/workflow/workflow.c kiosk/workflow/runner.c kiosk/workflow/dev_event.c
TESTS += tests/kiosk/test_workflow.c tests/kiosk/test_runner.c
