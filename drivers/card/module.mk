# drivers/card: reading the CCCD chip. This file is card-data's (the bytes: TLV, data groups,
# SOD, passive authentication, verdict, QR, test card factory, fuzz targets); card-access adds
# its lines (reader, APDUs, secure messaging, PACE/BAC/AA, software chip) in access.mk.
PKGS += openssl jansson libjpeg libopenjp2 zbar

LIB_SRCS += drivers/card/tlv.c drivers/card/mrz.c drivers/card/emrtd_dg.c \
	drivers/card/emrtd_dg2.c drivers/card/emrtd_dg_keys.c

RIG_SRCS += tests/rigs/cardf_build.c tests/rigs/cardf_pki.c tests/rigs/cardf_portrait.c \
	tests/rigs/cardf_people.c

TESTS += tests/card/data/test_tlv.c tests/card/data/test_mrz.c tests/card/data/test_dg.c

-include drivers/card/access.mk
