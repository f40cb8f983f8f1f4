# kiosk/config/: the configuration (INI keys table) and the embedded demo configuration.
PKGS += inih
LIB_SRCS += kiosk/config/config.c kiosk/config/config_demo.c
TESTS += tests/kiosk/test_config.c
# config/demo.conf is compiled in (.incbin); rebuild when it changes.
$(BUILD)/obj/kiosk/config/config_demo.o: config/demo.conf
