# kiosk/model/: the application, its JSON, validators, messages, times and working days.
PKGS += jansson
LIB_SRCS += kiosk/model/application.c kiosk/model/app_json.c kiosk/model/app_payload.c kiosk/model/msg.c \
	kiosk/model/provinces.c kiosk/model/validate_pid.c kiosk/model/validate_phone.c \
	kiosk/model/validate_email.c kiosk/model/validate_text.c kiosk/model/timefmt.c \
	kiosk/model/clockcheck.c
TESTS += tests/kiosk/test_application.c tests/kiosk/test_validate.c tests/kiosk/test_msg.c \
	tests/kiosk/test_timefmt.c
# the short application number and the upstream's rejection reason codes (worded in kiosk/messages)
LIB_SRCS += kiosk/model/shortno.c kiosk/model/reasons.c
# the keys of the reasons an approval records
LIB_SRCS += kiosk/model/approval_reasons.c
TESTS += tests/kiosk/test_shortno.c
