# tests/: the harness is part of the rigs archive every test links.
RIG_SRCS += tests/test.c tests/rigs/app_fixture.c tests/rigs/faultvfs.c
TEST_SCRIPTS += tests/test_format.sh
