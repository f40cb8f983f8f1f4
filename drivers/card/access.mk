# drivers/card/access.mk: card-access's part of the card driver (reader, APDU, SM, BAC, PACE,
# AA, software chip, card_read, read-card CLI), included by drivers/card/module.mk.
PKGS += libnfc openssl inih jansson

LIB_SRCS += drivers/card/reader.c drivers/card/reader_pn532.c drivers/card/reader_sim.c \
	drivers/card/emrtd_apdu.c drivers/card/emrtd_sm.c drivers/card/emrtd_bac.c \
	drivers/card/emrtd_pace.c drivers/card/emrtd_aa.c drivers/card/emrtd_ca.c drivers/card/emrtd_read.c \
	drivers/card/chip_sim.c drivers/card/chip_sim_auth.c

RIG_SRCS += tests/rigs/chipsim_profile.c

TESTS += tests/card/access/test_sm.c tests/card/access/test_bac.c \
	tests/card/access/test_pace.c
RIG_SRCS += tests/rigs/pn532emu.c
TESTS += tests/card/access/test_pn532.c
LIB_SRCS += drivers/card/card.c drivers/card/card_cli.c
TESTS += tests/card/access/test_card.c
TESTS += tests/card/access/test_variants.c
TESTS += tests/card/access/test_cli.c
BENCHES += bench/bench_card_access.c
TESTS += tests/card/access/test_hostile.c
TOOLS += tests/rigs/pn532emu_main.c

# libFuzzer target for the access layer's parsers (clang), built with card-data's fuzz object
# rules; tests/card/access/run-fuzz-access.sh runs it over tests/card/access/corpus/ (a few
# seconds in make check, FUZZ_SECONDS under make fuzz).
ACCESS_FUZZ_SRCS := drivers/card/emrtd_sm.c drivers/card/emrtd_apdu.c drivers/card/emrtd_pace.c \
	drivers/card/emrtd_aa.c drivers/card/tlv.c
build/fuzz/access_fuzz_parsers: tests/card/access/fuzz_access_parsers.c \
		$(ACCESS_FUZZ_SRCS:%.c=build/fuzz/obj/%.o)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer $^ -o $@ $(PKG_LIBS) $(LIBS_EXTRA)
fuzz-build: build/fuzz/access_fuzz_parsers
TEST_SCRIPTS += tests/card/access/run-fuzz-access.sh
TESTS += tests/card/access/test_read.c
