# tests/: the harness is part of the rigs archive every test links.
RIG_SRCS += tests/test.c tests/rigs/harness/app_fixture.c tests/rigs/harness/faultvfs.c tests/rigs/harness/allocfail.c
# Allocation failures injected into the kiosk's own calls too (tests/rigs/harness/allocfail.h).
# private: the wrapped allocator is this program's only; without it the modules and helper
# programs it waits for (order-only) would be linked with it when built on its behalf.
TESTS += tests/kiosk/test_alloc_faults.c
$(BUILD)/tests/kiosk/test_alloc_faults: private LDFLAGS += -Wl,--wrap=malloc -Wl,--wrap=calloc \
	-Wl,--wrap=realloc
TEST_SCRIPTS += tests/test_format.sh
