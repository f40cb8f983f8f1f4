# kiosk/devices/: the device workers, one thread per device class behind its driver.
LIB_SRCS += kiosk/devices/devices.c
