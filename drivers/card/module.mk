# drivers/card: reading the CCCD chip: the bytes (TLV, data groups, SOD, passive
# authentication, verdict, QR, test card factory, fuzz targets), then the access layer
# (reader, APDUs, secure messaging, PACE/BAC/AA/CA, software chip).
PKGS += openssl jansson libjpeg libopenjp2 zbar libqrencode

LIB_SRCS += drivers/card/tlv.c drivers/card/mrz.c drivers/card/emrtd_dg.c \
	drivers/card/emrtd_dg2.c drivers/card/emrtd_dg_keys.c \
	drivers/card/emrtd_sod.c drivers/card/emrtd_pa.c drivers/card/emrtd_verify.c \
	drivers/card/cccd_qr.c drivers/card/card_identity.c

RIG_SRCS += tests/rigs/cardf_build.c tests/rigs/cardf_pki.c tests/rigs/cardf_portrait.c \
	tests/rigs/cardf_people.c tests/rigs/cardf_qr.c \
	tests/rigs/cardf_variants.c
TOOLS += tests/rigs/cardf_main.c
BENCHES += bench/bench_card_data_pa.c

TESTS += tests/card/data/test_tlv.c tests/card/data/test_mrz.c tests/card/data/test_dg.c \
	tests/card/data/test_pa.c tests/card/data/test_qr.c \
	tests/card/data/test_identity.c tests/card/data/test_variants.c \
	tests/card/data/test_trust_cli.c
TEST_SCRIPTS += tests/card/data/test_sod_openssl.sh

# Fuzzing (libFuzzer, clang): `make fuzz` runs every target FUZZ_SECONDS (default 120) over
# its corpus; make check runs them a few seconds each through tests/fuzz/run-fuzz.sh.
TEST_SCRIPTS += tests/fuzz/run-fuzz.sh
FUZZ_CC ?= clang
FUZZ_TARGETS := tlv dg1 dg13 dg2 sod qr security_infos identity
FUZZ_LIB_SRCS := drivers/card/tlv.c drivers/card/mrz.c drivers/card/emrtd_dg.c \
	drivers/card/emrtd_dg2.c drivers/card/emrtd_dg_keys.c drivers/card/emrtd_sod.c \
	drivers/card/emrtd_pa.c drivers/card/emrtd_verify.c drivers/card/cccd_qr.c \
	drivers/card/card_identity.c kiosk/model/validate_text.c kiosk/model/application.c
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -I. -g -O1 -fno-omit-frame-pointer $(PKG_CFLAGS)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJS := $(FUZZ_LIB_SRCS:%.c=build/fuzz/obj/%.o)
FUZZ_BINS := $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer $^ -o $@ $(PKG_LIBS) $(LIBS_EXTRA)

.PHONY: fuzz-build
fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	FUZZ_SECONDS=$${FUZZ_SECONDS:-120} sh tests/fuzz/run-fuzz.sh

# The access layer.
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
LIB_SRCS += drivers/card/card.c
TESTS += tests/card/access/test_card.c
TESTS += tests/card/access/test_variants.c tests/card/access/test_deadline.c
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
