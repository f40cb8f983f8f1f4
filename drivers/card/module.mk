# drivers/card: reading the CCCD chip. This file is card-data's (the bytes: TLV, data groups,
# SOD, passive authentication, verdict, QR, test card factory, fuzz targets); card-access adds
# its lines (reader, APDUs, secure messaging, PACE/BAC/AA, software chip) in access.mk.
PKGS += openssl jansson

LIB_SRCS += drivers/card/tlv.c drivers/card/mrz.c

TESTS += tests/card/data/test_tlv.c tests/card/data/test_mrz.c

-include drivers/card/access.mk
