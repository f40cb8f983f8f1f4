# kiosk/process/: the composition root (the configuration, the store worker, the device
# workers, the runner and the one event loop, owned for the process's life).
LIB_SRCS += kiosk/process/loop.c kiosk/process/process.c
TESTS += tests/kiosk/test_process_loop.c
