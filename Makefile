# Makefile: builds build/kiosk, the tests and the benchmarks.
#
# Each area (kiosk/, drivers/*/, sync/, ui/, tests/...) has a module.mk that appends to:
#   PKGS        pkg-config packages it needs
#   LIBS_EXTRA  libraries without a pkg-config file (-lunistring ...)
#   LIB_SRCS    C sources compiled into $(BUILD)/libkiosk.a (everything but main)
#   LIB_CXXSRCS C++ sources compiled into the same archive (C-callable wrappers only)
#   RIG_SRCS    C sources of the test rigs, compiled into $(BUILD)/librigs.a
#   TESTS       test programs, one tests/<area>/test_*.c each, linked with librigs + libkiosk
#   TEST_SCRIPTS shell tests run by the test runner (same output protocol)
#   BENCHES     benchmark programs, one bench/bench_*.c each
#   TOOLS       extra programs, one .c each, linked like tests (rig servers, generators)
#   FUZZ_TARGETS   libFuzzer targets, one tests/fuzz/fuzz_NAME.c each (seeds in
#               tests/fuzz/corpus/NAME/), linked with FUZZ_LIB_SRCS built by clang
#   MODULES     shared modules, build/.../modules/kiosk-NAME.so, that `kiosk` dlopens when a
#               command first needs them (kiosk/base/module.h), so the other commands never
#               map their libraries; each has MODULE_SRCS_NAME (.c/.cpp, compiled -fPIC) and
#               MODULE_LIBS_NAME (what it links). A module may call into the kiosk program
#               (linked whole and -rdynamic for that). MODULES_STATIC lists those whose code
#               tests and benchmarks link directly instead ($(BUILD)/libmodules.a), and
#               DOOR_SRCS the program's doors to them (functions of the same names that
#               load the module and call through its table; linked into the program only).
#   HELPERS     helper programs, build/.../modules/kiosk-NAME, that the kiosk starts (found
#               like the modules, kiosk/base/module.h): HELPER_SRCS_NAME linked with libkiosk
#               (the confined decoder kiosk-decoder, kiosk/base/worker.h)
#
# `make check` builds everything with AddressSanitizer + UBSan under build/san and runs every
# test; `make` and `make bench` build optimised under build/.

BUILD ?= build
SAN ?= 0
CC ?= cc
CXX ?= c++

PKGS := sqlite3 libsodium jansson inih openssl
LIBS_EXTRA := -lunistring -lpthread -lm
LIB_SRCS :=
LIB_CXXSRCS :=
RIG_SRCS :=
TESTS :=
TEST_SCRIPTS :=
BENCHES :=
TOOLS :=
MODULES :=
MODULES_STATIC :=
DOOR_SRCS :=
HELPERS :=
FUZZ_TARGETS :=
FUZZ_LIB_SRCS :=

-include $(sort $(wildcard */module.mk */*/module.mk))

PKG_CFLAGS = $(shell pkg-config --cflags $(sort $(PKGS)) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(sort $(PKGS)) 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wvla -Wformat=2 -Wno-format-nonliteral
CSTD := -std=c11 -D_GNU_SOURCE
ifeq ($(SAN),1)
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
else
OPT := -O2 -g
endif
CPPFLAGS += -I. -MMD -MP
CFLAGS += $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS)
CXXFLAGS += -std=c++17 -Wall -Wextra -Werror $(OPT) $(PKG_CFLAGS)
LDFLAGS += -Wl,--as-needed $(filter -fsanitize=%,$(OPT))
LDLIBS += $(PKG_LIBS) $(LIBS_EXTRA)
ifneq ($(strip $(LIB_CXXSRCS)),)
LDLIBS += -lstdc++
endif

LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(LIB_CXXSRCS:%.cpp=$(BUILD)/obj/%.o)
module_objs = $(patsubst %,$(BUILD)/pic/%.o,$(basename $(MODULE_SRCS_$(1))))
MODULE_SOS := $(MODULES:%=$(BUILD)/modules/kiosk-%.so)
STATIC_MODULE_OBJS := $(foreach m,$(MODULES_STATIC),$(call module_objs,$(m)))
DOOR_OBJS := $(DOOR_SRCS:%.c=$(BUILD)/obj/%.o)
HELPER_BINS := $(HELPERS:%=$(BUILD)/modules/kiosk-%)
# Where the kiosk looks for its modules after the folder beside the program (an installed
# kiosk sets it to its package's folder).
KIOSK_MODULE_DIR ?= $(abspath $(BUILD))/modules
RIG_OBJS := $(RIG_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_BINS := $(patsubst %.c,$(BUILD)/%,$(TESTS))
BENCH_BINS := $(patsubst %.c,$(BUILD)/%,$(BENCHES))
TOOL_BINS := $(patsubst %.c,$(BUILD)/%,$(TOOLS))

.PHONY: all deps demo check test bench fuzz fuzz-build format clean program deb package-check
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory build-all

build-all: $(BUILD)/kiosk $(MODULE_SOS) $(HELPER_BINS) $(TEST_BINS) $(BENCH_BINS) $(TOOL_BINS)

# The program and its modules only: what the Debian package ships (debian/rules).
program: $(BUILD)/kiosk $(MODULE_SOS) $(HELPER_BINS)

deps:
	@tools/install-deps
	@tools/fetch-face-model

$(BUILD)/libkiosk.a: $(LIB_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	@echo "  AR      $@"
	@$(AR) rcs $@ $^

$(BUILD)/librigs.a: $(RIG_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	@echo "  AR      $@"
	@$(AR) rcs $@ $^

$(BUILD)/libmodules.a: $(STATIC_MODULE_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	@echo "  AR      $@"
	@$(AR) rcs $@ $^

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $< (module)"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -c $< -o $@

$(BUILD)/pic/%.o: %.cpp
	@mkdir -p $(@D)
	@echo "  CXX     $< (module)"
	@$(CXX) $(CPPFLAGS) $(CXXFLAGS) -fPIC -c $< -o $@

$(BUILD)/obj/kiosk/base/module.o: CPPFLAGS += -DKIOSK_MODULE_DIR='"$(KIOSK_MODULE_DIR)"'

define module_rule
$(BUILD)/modules/kiosk-$(1).so: $(call module_objs,$(1))
	@mkdir -p $$(@D)
	@echo "  LD      $$@"
	@$$(CC) -shared -Wl,-Bsymbolic $$(LDFLAGS) $$^ -o $$@ $$(MODULE_LIBS_$(1))
endef
$(foreach m,$(MODULES),$(eval $(call module_rule,$(m))))

define helper_rule
$(BUILD)/modules/kiosk-$(1): $(patsubst %.c,$(BUILD)/obj/%.o,$(HELPER_SRCS_$(1))) $(BUILD)/libkiosk.a
	@mkdir -p $$(@D)
	@echo "  LD      $$@"
	@$$(CC) $$(LDFLAGS) $$^ -o $$@ $$(LDLIBS)
endef
$(foreach h,$(HELPERS),$(eval $(call helper_rule,$(h))))

$(BUILD)/obj/%.o: %.cpp
	@mkdir -p $(@D)
	@echo "  CXX     $<"
	@$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c $< -o $@

# The whole library, its symbols exported: the modules call back into it (and bind their
# own calls to themselves, -Bsymbolic, never to the program's doors of the same names).
$(BUILD)/kiosk: $(BUILD)/obj/kiosk/cli/main.o $(DOOR_OBJS) $(BUILD)/libkiosk.a
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -rdynamic $< $(DOOR_OBJS) -Wl,--whole-archive $(BUILD)/libkiosk.a \
		-Wl,--no-whole-archive -o $@ $(LDLIBS)

# The archives as one group: the library calls into the modules' code and back.
$(TEST_BINS) $(BENCH_BINS) $(TOOL_BINS): $(BUILD)/%: $(BUILD)/obj/%.o $(BUILD)/librigs.a $(BUILD)/libmodules.a $(BUILD)/libkiosk.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) $< -Wl,--start-group $(filter %.a,$^) -Wl,--end-group -o $@ $(LDLIBS)
# the tests, benchmarks and rigs decode through the helpers and their modules
$(TEST_BINS) $(BENCH_BINS) $(TOOL_BINS): | $(HELPER_BINS) $(MODULE_SOS)

# The test runner: every test program and script, then one closing line "N passed, N failed".
check: deps
	@$(MAKE) --no-print-directory BUILD=build/san SAN=1 build-all
	@BUILD=build/san KIOSK_BIN=build/san/kiosk tests/run-tests $(TEST_BINS:$(BUILD)/%=build/san/%) $(TEST_SCRIPTS)

test: check

bench: deps
	@$(MAKE) --no-print-directory BUILD=build build-all
	@bench/run-benches $(BENCH_BINS:$(BUILD)/%=build/%)

# Fuzzing, one rule for every target: clang's libFuzzer with ASan and UBSan, the sources the
# targets need in one archive. `make check` runs each target FUZZ_SECONDS=3 over its seeds
# (tests/fuzz/run-fuzz.sh); `make fuzz` 120 s each. Crashes land in build/fuzz/artifacts/.
FUZZ_CC ?= clang
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -I. -g -O1 -fno-omit-frame-pointer $(PKG_CFLAGS) \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_BINS = $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  FUZZCC  $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/libfuzz.a: $(patsubst %.c,build/fuzz/obj/%.o,$(sort $(FUZZ_LIB_SRCS)))
	@rm -f $@
	@$(AR) rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/libfuzz.a
	@mkdir -p $(@D)
	@echo "  FUZZLD  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ -o $@ $(PKG_LIBS) $(LIBS_EXTRA)

fuzz-build: $(FUZZ_BINS)

fuzz: deps
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-120} sh tests/fuzz/run-fuzz.sh

demo: deps
	@$(MAKE) --no-print-directory BUILD=build build-all
	@tools/run-demo

# The Debian package (debian/): build/deb/kiosk_VERSION_ARCH.deb. `make package-check` builds
# it, installs it into a bare Debian 12 root, upgrades an older one over queued applications,
# verifies the units and runs the watchdog under systemd (tests/package/, needs root).
deb:
	@tests/package/build-deb

package-check: deps
	@tests/package/run-package-tests

format:
	clang-format -i $$(git ls-files '*.c' '*.h' '*.cpp')

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj $(BUILD)/pic build/fuzz/obj -name '*.d' 2>/dev/null)
