/* module.h: loading the kiosk's shared modules (the UI, the face detector, the QR image
 * decoder) when a command first needs them, so commands that do not (selftest, the CLI,
 * sync) never map SDL2, OpenCV or zbar.
 *
 * A module is build/modules/kiosk-NAME.so exporting one const table, NAME_module. It is
 * looked for in the folder "modules" beside the running program, then in the folder fixed at
 * build time (KIOSK_MODULE_DIR: the build's own build/.../modules, or the installed path), so
 * the kiosk, the tests, the benchmarks and the demo find it without any setting. A module once
 * loaded stays loaded for the process's life. Thread-safe. */
#ifndef KIOSK_MODULE_H
#define KIOSK_MODULE_H

#include <stddef.h>

/* The address of the module NAME's table (symbol NAME_module), loading the module on the first
 * call. NULL when it cannot be found or loaded, with the reason (which files were tried, the
 * loader's message) in err; a later call tries again. */
const void *module_table(const char *name, char *err, size_t errlen);

/* The path of the helper program kiosk-NAME (the confined decoder), looked for like the
 * modules: in "modules" beside the running program, then in the build-time folder. 0 with the
 * path in out, or -1 with what was tried in out. */
int module_program(const char *name, char *out, size_t outlen);

/* The folder fixed at build time where modules are looked for after the program's own. */
const char *module_build_dir(void);

/* Where the modules are found, for `kiosk selftest`: "N modules in DIR" for the first folder
 * (beside the program, then the build-time one) holding any kiosk-*.so, or what was tried.
 * Loads nothing. 1 when a folder holds modules, else 0. */
int module_where(char *out, size_t outlen);

#endif
