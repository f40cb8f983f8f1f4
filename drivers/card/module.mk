# drivers/card: reading the CCCD chip. This file is card-data's (the bytes: TLV, data groups,
# SOD, passive authentication, verdict, QR, test card factory, fuzz targets); card-access adds
# its lines (reader, APDUs, secure messaging, PACE/BAC/AA, software chip) in access.mk.
PKGS += openssl jansson libjpeg libopenjp2 zbar libqrencode

LIB_SRCS += drivers/card/tlv.c drivers/card/mrz.c drivers/card/emrtd_dg.c \
	drivers/card/emrtd_dg2.c drivers/card/emrtd_dg_keys.c \
	drivers/card/emrtd_sod.c drivers/card/emrtd_pa.c drivers/card/emrtd_verify.c \
	drivers/card/cccd_qr.c drivers/card/card_identity.c drivers/card/emrtd_pa_cli.c

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

-include drivers/card/access.mk

# Fuzzing (libFuzzer, clang): `make fuzz` runs every target FUZZ_SECONDS (default 120) over
# its corpus; make check runs them a few seconds each through tests/fuzz/run-fuzz.sh.
TEST_SCRIPTS += tests/fuzz/run-fuzz.sh
FUZZ_CC ?= clang
FUZZ_TARGETS := tlv dg1 dg13 dg2 sod qr security_infos identity
FUZZ_LIB_SRCS := drivers/card/tlv.c drivers/card/mrz.c drivers/card/emrtd_dg.c \
	drivers/card/emrtd_dg2.c drivers/card/emrtd_dg_keys.c drivers/card/emrtd_sod.c \
	drivers/card/emrtd_pa.c drivers/card/emrtd_verify.c drivers/card/cccd_qr.c \
	drivers/card/card_identity.c kiosk/validate_text.c kiosk/application.c
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
