# kiosk/devices/: the device workers, one thread per device class behind its driver.
LIB_SRCS += kiosk/devices/devices.c kiosk/devices/face_check.c kiosk/devices/face_check_helper.c
# kiosk-facecheck: the helper program that compares a chip's photo with the portrait
# (face_check_helper.h), started by the camera worker on the first portrait compared.
HELPERS += facecheck
HELPER_SRCS_facecheck := kiosk/devices/face_check_main.c
# Where the face network's files are when camera.face_model_dir is empty (tools/fetch-face-model).
KIOSK_FACE_MODEL_DIR ?= $(abspath build/face-model)/model
$(BUILD)/obj/kiosk/devices/face_check.o $(BUILD)/pic/kiosk/devices/face_check.o: CPPFLAGS += -DKIOSK_FACE_MODEL_DIR='"$(KIOSK_FACE_MODEL_DIR)"'
# power (battery, UPS) for mobile units
LIB_SRCS += kiosk/devices/power.c
TESTS += tests/kiosk/test_power.c
