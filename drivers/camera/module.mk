# drivers/camera: the camera (libv4l2 + simulator) and the portrait quality checks.
PKGS += libv4l2 libpng libjpeg
# The cascades (OpenCV, C++) are the module kiosk-facedet.so, loaded by the first portrait
# check (face_detect.c); only the three OpenCV libraries they need (pkg-config opencv4 would
# link them all).
MODULES += facedet
MODULE_SRCS_facedet := drivers/camera/face_detect_opencv.cpp
MODULE_LIBS_facedet := -lopencv_objdetect -lopencv_imgproc -lopencv_core -lstdc++
LIB_SRCS += drivers/camera/face_detect.c drivers/camera/portrait.c drivers/camera/portrait_capture.c drivers/camera/portrait_json.c drivers/camera/portrait_jpeg.c drivers/camera/camera.c drivers/camera/camera_sim.c drivers/camera/camera_v4l2.c \
	drivers/camera/image_file.c drivers/camera/face_net.c drivers/camera/face_match.c
$(BUILD)/pic/drivers/camera/%.o: CXXFLAGS += $(shell pkg-config --cflags opencv4)
RIG_SRCS += tests/rigs/camera/faces.c
TOOLS += tests/rigs/camera/faces_gen.c
TESTS += tests/camera/test_portrait.c
TESTS += tests/camera/test_camera_sim.c
BENCHES += bench/bench_camera_portrait.c
RIG_SRCS += tests/rigs/camera/v4l2shim.c
TESTS += tests/camera/test_camera_v4l2.c
TEST_SCRIPTS += tests/camera/test_vivid.sh
BENCHES += bench/bench_camera_preview.c
TOOLS += tests/rigs/camera/camera_probe.c
# The syscall() shim as an LD_PRELOAD library (tests/rigs/camera/v4l2shim_preload.c), built without
# sanitizers: it is preloaded into programs that may or may not be instrumented.
V4L2SHIM_SO := $(BUILD)/tests/rigs/camera/v4l2shim.so
V4L2SHIM_SO_SRCS := tests/rigs/camera/v4l2shim.c tests/rigs/camera/v4l2shim_preload.c drivers/camera/camera.c \
	drivers/camera/camera_sim.c drivers/camera/camera_v4l2.c drivers/camera/image_file.c
$(V4L2SHIM_SO): $(V4L2SHIM_SO_SRCS) tests/rigs/camera/v4l2shim.h drivers/camera/camera.h
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_GNU_SOURCE -I. -O2 -g -fPIC -shared $(WARN) \
		$(shell pkg-config --cflags libpng) $(V4L2SHIM_SO_SRCS) -o $@ \
		-lv4l2 $(shell pkg-config --libs libpng) -ljpeg -lm
build-all: $(V4L2SHIM_SO)
TEST_SCRIPTS += tests/camera/test_camera_preload.sh
# The 1:1 face check. The network runs in the module kiosk-facenet.so (OpenBLAS, whose thread
# pool starts when it is mapped), loaded by the first face_net_load(); its weights come from
# tools/fetch-face-model (run by `make deps`).
MODULES += facenet
MODULE_SRCS_facenet := drivers/camera/face_net_blas.c
MODULE_LIBS_facenet := $(shell pkg-config --libs blas jansson) -lm
TESTS += tests/camera/test_face_match.c
TOOLS += tests/rigs/camera/face_chips.c
TEST_SCRIPTS += tests/camera/test_face_reference.sh
BENCHES += bench/bench_face_match.c
