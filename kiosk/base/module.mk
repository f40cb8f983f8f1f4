# kiosk/base/: helpers every layer may use (bounded whole-file reading, loading modules).
LIB_SRCS += kiosk/base/file_read.c kiosk/base/module.c
TESTS += tests/kiosk/test_module.c
TEST_SCRIPTS += tests/kiosk/test_modules.sh
