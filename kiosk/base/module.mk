# kiosk/base/: helpers every layer may use (bounded whole-file reading, confined decoding,
# dropping privileges, loading modules, telling systemd how the kiosk is, log priorities).
PKGS += libseccomp libsystemd
LIB_SRCS += kiosk/base/file_read.c kiosk/base/fd_write.c kiosk/base/confine.c kiosk/base/worker.c kiosk/base/worker_serve.c kiosk/base/privilege.c kiosk/base/module.c kiosk/base/service_notify.c kiosk/base/log.c \
	kiosk/base/sysclock.c
TESTS += tests/kiosk/test_confine.c tests/kiosk/test_module.c tests/kiosk/test_service.c
TEST_SCRIPTS += tests/kiosk/test_modules.sh tests/kiosk/test_confine_service.sh tests/kiosk/test_log_privacy.sh
# runs a program under a filter like the service's (test_confine_service.sh)
TOOLS += tests/rigs/confine/outer_filter_main.c
