# drivers/card: reading the CCCD chip. This file is card-data's (the bytes: TLV, data groups,
# SOD, passive authentication, verdict, QR, test card factory, fuzz targets); card-access adds
# its lines (reader, APDUs, secure messaging, PACE/BAC/AA, software chip) in access.mk.
PKGS += openssl jansson libjpeg libopenjp2 zbar libqrencode

LIB_SRCS += drivers/card/tlv.c drivers/card/mrz.c drivers/card/emrtd_dg.c \
	drivers/card/emrtd_dg2.c drivers/card/emrtd_dg_keys.c \
	drivers/card/emrtd_sod.c drivers/card/emrtd_pa.c drivers/card/emrtd_verify.c \
	drivers/card/cccd_qr.c drivers/card/card_identity.c

RIG_SRCS += tests/rigs/cardf_build.c tests/rigs/cardf_pki.c tests/rigs/cardf_portrait.c \
	tests/rigs/cardf_people.c tests/rigs/cardf_qr.c \
	tests/rigs/cardf_variants.c
TOOLS += tests/rigs/cardf_main.c

TESTS += tests/card/data/test_tlv.c tests/card/data/test_mrz.c tests/card/data/test_dg.c \
	tests/card/data/test_pa.c tests/card/data/test_qr.c \
	tests/card/data/test_identity.c tests/card/data/test_variants.c

-include drivers/card/access.mk
