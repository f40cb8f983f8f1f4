# kiosk/base/: helpers every layer may use (bounded whole-file reading, confined decoding).
PKGS += libseccomp
LIB_SRCS += kiosk/base/file_read.c kiosk/base/confine.c kiosk/base/privilege.c
TESTS += tests/kiosk/test_confine.c
