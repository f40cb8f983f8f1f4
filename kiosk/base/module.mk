# kiosk/base/: helpers every layer may use (bounded whole-file reading).
LIB_SRCS += kiosk/base/file_read.c
