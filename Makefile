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
RIG_OBJS := $(RIG_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_BINS := $(patsubst %.c,$(BUILD)/%,$(TESTS))
BENCH_BINS := $(patsubst %.c,$(BUILD)/%,$(BENCHES))
TOOL_BINS := $(patsubst %.c,$(BUILD)/%,$(TOOLS))

.PHONY: all deps demo check test bench fuzz format clean
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory build-all

build-all: $(BUILD)/kiosk $(TEST_BINS) $(BENCH_BINS) $(TOOL_BINS)

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

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.cpp
	@mkdir -p $(@D)
	@echo "  CXX     $<"
	@$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c $< -o $@

$(BUILD)/kiosk: $(BUILD)/obj/kiosk/cli/main.o $(BUILD)/libkiosk.a
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)

$(TEST_BINS) $(BENCH_BINS) $(TOOL_BINS): $(BUILD)/%: $(BUILD)/obj/%.o $(BUILD)/librigs.a $(BUILD)/libkiosk.a
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) $^ -o $@ $(LDLIBS)

# The test runner: every test program and script, then one closing line "N passed, N failed".
check: deps
	@$(MAKE) --no-print-directory BUILD=build/san SAN=1 build-all
	@BUILD=build/san KIOSK_BIN=build/san/kiosk tests/run-tests $(TEST_BINS:$(BUILD)/%=build/san/%) $(TEST_SCRIPTS)

test: check

bench: deps
	@$(MAKE) --no-print-directory BUILD=build build-all
	@bench/run-benches $(BENCH_BINS:$(BUILD)/%=build/%)

demo: deps
	@$(MAKE) --no-print-directory BUILD=build build-all
	@tools/run-demo

format:
	clang-format -i $$(git ls-files '*.c' '*.h' '*.cpp')

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
