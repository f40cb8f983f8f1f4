# drivers/card: reading the CCCD chip: the bytes (TLV, data groups, SOD, passive
# authentication, verdict, QR, test card factory, fuzz targets), then the access layer
# (reader, APDUs, secure messaging, PACE/BAC/AA/CA, software chip).
PKGS += openssl jansson libjpeg libopenjp2 zbar libqrencode
# The QR image decoder (zbar) is the module kiosk-qrscan.so, loaded by the first
# cccd_qr_decode_image().
MODULES += qrscan
MODULE_SRCS_qrscan := drivers/card/cccd_qr_zbar.c
MODULE_LIBS_qrscan := $(shell pkg-config --libs zbar)

# kiosk-decoder: the confined helper program that decodes DG2 portraits and QR frames
# (kiosk/base/worker.h, drivers/card/card_decoder.h), started by the kiosk on first use.
HELPERS += decoder
HELPER_SRCS_decoder := drivers/card/decoder_main.c

LIB_SRCS += drivers/card/tlv.c drivers/card/mrz.c drivers/card/emrtd_dg.c \
	drivers/card/emrtd_dg2.c drivers/card/emrtd_dg_keys.c \
	drivers/card/emrtd_sod.c drivers/card/emrtd_pa.c drivers/card/emrtd_verify.c \
	drivers/card/cccd_qr.c drivers/card/card_identity.c

RIG_SRCS += tests/rigs/card/cardf_build.c tests/rigs/card/cardf_pki.c tests/rigs/card/cardf_portrait.c tests/rigs/card/cardf_photo.c \
	tests/rigs/card/cardf_people.c tests/rigs/card/cardf_qr.c \
	tests/rigs/card/cardf_variants.c
TOOLS += tests/rigs/card/cardf_main.c
BENCHES += bench/bench_card_data_pa.c bench/bench_card_dg2_confined.c

TESTS += tests/card/data/test_tlv.c tests/card/data/test_mrz.c tests/card/data/test_dg.c \
	tests/card/data/test_pa.c tests/card/data/test_qr.c \
	tests/card/data/test_identity.c tests/card/data/test_variants.c \
	tests/card/data/test_trust_cli.c tests/card/data/test_dg2_hostile.c
TEST_SCRIPTS += tests/card/data/test_sod_openssl.sh

# The card's fuzz targets (tests/fuzz/module.mk builds and runs them all).
FUZZ_TARGETS += tlv dg1 dg13 dg2 sod qr security_infos identity access_parsers
FUZZ_LIB_SRCS += drivers/card/tlv.c drivers/card/mrz.c drivers/card/emrtd_dg.c \
	drivers/card/emrtd_dg2.c drivers/card/emrtd_dg_keys.c drivers/card/emrtd_sod.c \
	drivers/card/emrtd_pa.c drivers/card/emrtd_verify.c drivers/card/cccd_qr.c \
	drivers/card/card_identity.c drivers/card/emrtd_sm.c drivers/card/emrtd_apdu.c \
	drivers/card/emrtd_pace.c drivers/card/emrtd_aa.c kiosk/base/worker.c

# The access layer.
PKGS += libnfc openssl inih jansson

LIB_SRCS += drivers/card/reader.c drivers/card/reader_pn532.c drivers/card/reader_sim.c \
	drivers/card/emrtd_apdu.c drivers/card/emrtd_sm.c drivers/card/emrtd_bac.c \
	drivers/card/emrtd_pace.c drivers/card/emrtd_aa.c drivers/card/emrtd_ca.c drivers/card/emrtd_read.c \
	drivers/card/chip_sim.c drivers/card/chip_sim_auth.c

RIG_SRCS += tests/rigs/card/chipsim_profile.c

TESTS += tests/card/access/test_sm.c tests/card/access/test_bac.c \
	tests/card/access/test_pace.c
RIG_SRCS += tests/rigs/card/pn532emu.c
TESTS += tests/card/access/test_pn532.c
LIB_SRCS += drivers/card/card.c drivers/card/card_evidence.c
TESTS += tests/card/access/test_card.c
TESTS += tests/card/access/test_variants.c tests/card/access/test_deadline.c
TESTS += tests/card/access/test_cli.c
BENCHES += bench/bench_card_access.c
TESTS += tests/card/access/test_hostile.c
TOOLS += tests/rigs/card/pn532emu_main.c

TESTS += tests/card/access/test_read.c

# The PC/SC reader backend (pcsc-lite, pcscd) and its rig: pcscd + the vpcd virtual reader
# driver, with the software chip answering as the virtual card (tests start pcscd themselves
# on a private socket and configuration).
PKGS += libpcsclite
LIB_SRCS += drivers/card/reader_pcsc.c
RIG_SRCS += tests/rigs/card/vpcd_card.c tests/rigs/card/pcscd_rig.c
TESTS += tests/card/access/test_pcsc.c
# The chip side of PACE, Chip Authentication and SM computed by OpenPACE (Debian libeac), on
# the same vpcd rig: the kiosk's protocol code checked against code it shares nothing with.
PKGS += libeac
RIG_SRCS += tests/rigs/card/eac_chip.c tests/rigs/card/eac_chip_auth.c
TESTS += tests/card/access/test_pcsc_openpace.c
BENCHES += bench/bench_card_pcsc.c
LIB_SRCS += drivers/card/pn532_hsu.c
TESTS += tests/card/access/test_pn532_link.c
BENCHES += bench/bench_card_peers.c
