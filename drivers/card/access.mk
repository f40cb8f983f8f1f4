# drivers/card/access.mk: card-access's part of the card driver (reader, APDU, SM, BAC, PACE,
# AA, software chip, card_read, read-card CLI), included by drivers/card/module.mk.
PKGS += libnfc openssl inih jansson

LIB_SRCS += drivers/card/reader.c drivers/card/reader_pn532.c drivers/card/reader_sim.c \
	drivers/card/emrtd_apdu.c drivers/card/emrtd_sm.c drivers/card/emrtd_bac.c \
	drivers/card/emrtd_pace.c drivers/card/emrtd_aa.c drivers/card/emrtd_read.c \
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
