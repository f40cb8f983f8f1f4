# kiosk/messages/: the message catalogue, every driver and parser code worded in vi and en.
LIB_SRCS += kiosk/messages/messages.c kiosk/messages/catalogue_vi.c kiosk/messages/catalogue_en.c \
	kiosk/messages/labels_vi.c kiosk/messages/labels_en.c
TESTS += tests/messages/test_catalogue.c
