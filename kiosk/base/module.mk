# kiosk/base/: helpers every layer may use (bounded whole-file reading, confined decoding,
# dropping privileges, loading modules).
PKGS += libseccomp libsystemd
LIB_SRCS += kiosk/base/file_read.c kiosk/base/confine.c kiosk/base/privilege.c kiosk/base/module.c kiosk/base/service_notify.c kiosk/base/log.c \
	kiosk/base/sysclock.c
TESTS += tests/kiosk/test_confine.c tests/kiosk/test_module.c
TEST_SCRIPTS += tests/kiosk/test_modules.sh
