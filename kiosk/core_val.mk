# kiosk/core_val.mk: the core's validators, messages and time helpers (included by kiosk/module.mk).
LIB_SRCS += kiosk/msg.c kiosk/provinces.c kiosk/validate_pid.c kiosk/validate_phone.c \
	kiosk/validate_email.c kiosk/validate_text.c kiosk/timefmt.c
TESTS += tests/kiosk/test_validate.c tests/kiosk/test_msg.c tests/kiosk/test_timefmt.c
