# ui/: the touchscreen UI (SDL2, SDL2_ttf, SDL2_image, libqrencode), the module kiosk-ui.so
# that `kiosk run` loads; the tests and benchmarks link it directly.
PKGS += sdl2 SDL2_ttf SDL2_image libqrencode
MODULES += ui
MODULES_STATIC += ui
MODULE_LIBS_ui = $(LDLIBS)
MODULE_SRCS_ui := ui/ui_module.c ui/ui_strings.c ui/ui_draw.c ui/ui_frame.c \
	ui/ui_art.c ui/ui_screens.c ui/ui_screen_login.c ui/ui_screen_enrol.c \
	ui/ui_screen_capture.c ui/ui_screen_lists.c ui/ui_screen_reports.c ui/ui_app_reports.c ui/ui_receipt.c ui/ui_vnkey.c ui/ui_app.c ui/ui_app_actions.c ui/ui_app_store.c ui/ui_app_view.c ui/ui_post.c \
	ui/ui_main.c
RIG_SRCS += tests/ui/ui_rig.c tests/ui/ui_fakedev.c tests/ui/ui_drive.c
TESTS += tests/ui/test_ui_strings.c tests/ui/test_ui_vnkey.c tests/ui/test_ui_screens.c tests/ui/test_ui_walk.c tests/ui/test_ui_walk_sim.c tests/ui/test_ui_reports.c \
	tests/ui/test_ui_face_check.c
BENCHES += bench/bench_ui_start.c bench/bench_ui_enrol.c bench/bench_ui_render.c
# after the first visit: the recall worklist and an opened application
MODULE_SRCS_ui += ui/ui_screen_after.c ui/ui_app_after.c ui/ui_print.c \
	ui/ui_screen_phonefix.c ui/ui_app_phonefix.c
# a mobile unit's field session picker
MODULE_SRCS_ui += ui/ui_screen_field.c ui/ui_app_field.c
TESTS += tests/ui/test_ui_walk_field.c
TESTS += tests/ui/test_ui_week.c tests/ui/test_ui_power.c
# the UI as a front end of the process: one loop, sync and devices through it, the watchdog
TESTS += tests/ui/test_ui_process.c
