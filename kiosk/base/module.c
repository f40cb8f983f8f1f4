/* module.c: finding and dlopen'ing a shared module (see module.h). */
#include "kiosk/base/module.h"

#include <dirent.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef KIOSK_MODULE_DIR
#define KIOSK_MODULE_DIR "/usr/lib/kiosk/modules"
#endif

#define MAX_MODULES 8
#define DIR_SIZE    1024
#define WHY_SIZE    (DIR_SIZE + 256)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char name[32];
    const void *table;
} loaded[MAX_MODULES];
static int nloaded;

const char *module_build_dir(void)
{
    return KIOSK_MODULE_DIR;
}

/* The folder of the running program ("" when /proc is not there). */
static void program_dir(char *out, size_t outlen)
{
    char exe[DIR_SIZE];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    out[0] = '\0';
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
        *slash = '\0';
        snprintf(out, outlen, "%s", exe);
    }
}

static const void *open_table(const char *dir, const char *name, char *why, size_t whylen)
{
    char path[DIR_SIZE + 64], sym[32];
    if ((size_t)snprintf(path, sizeof(path), "%s/kiosk-%s.so", dir, name) >= sizeof(path) ||
        (size_t)snprintf(sym, sizeof(sym), "%s_module", name) >= sizeof(sym)) {
        snprintf(why, whylen, "name or folder too long");
        return NULL;
    }
    if (access(path, R_OK) != 0) {
        snprintf(why, whylen, "%s: not there", path);
        return NULL;
    }
    /* RTLD_LOCAL: a module's libraries stay out of the global namespace; RTLD_NOW: a
     * missing symbol is found here, not halfway through an enrolment. */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(why, whylen, "%s", dlerror());
        return NULL;
    }
    const void *table = dlsym(h, sym);
    if (!table) {
        snprintf(why, whylen, "%s: no %s", path, sym);
        dlclose(h);
        return NULL;
    }
    return table;
}

const void *module_table(const char *name, char *err, size_t errlen)
{
    const void *table = NULL;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < nloaded && !table; i++)
        if (strcmp(loaded[i].name, name) == 0)
            table = loaded[i].table;
    if (!table) {
        char dirs[2][DIR_SIZE], why[2][WHY_SIZE];
        program_dir(dirs[0], sizeof(dirs[0]));
        if (dirs[0][0])
            strncat(dirs[0], "/modules", sizeof(dirs[0]) - strlen(dirs[0]) - 1);
        snprintf(dirs[1], sizeof(dirs[1]), "%s", KIOSK_MODULE_DIR);
        why[0][0] = why[1][0] = '\0';
        for (int i = 0; i < 2 && !table; i++)
            if (dirs[i][0])
                table = open_table(dirs[i], name, why[i], sizeof(why[i]));
        if (table && nloaded < MAX_MODULES) {
            snprintf(loaded[nloaded].name, sizeof(loaded[nloaded].name), "%s", name);
            loaded[nloaded++].table = table;
        } else if (!table && err && errlen) {
            snprintf(err, errlen, "module %s cannot be loaded (%s; %s)", name, why[0], why[1]);
        }
    }
    pthread_mutex_unlock(&lock);
    return table;
}

int module_program(const char *name, char *out, size_t outlen)
{
    char dirs[2][DIR_SIZE];
    program_dir(dirs[0], sizeof(dirs[0]));
    if (dirs[0][0])
        strncat(dirs[0], "/modules", sizeof(dirs[0]) - strlen(dirs[0]) - 1);
    snprintf(dirs[1], sizeof(dirs[1]), "%s", KIOSK_MODULE_DIR);
    for (int i = 0; i < 2; i++) {
        if (!dirs[i][0])
            continue;
        if ((size_t)snprintf(out, outlen, "%s/kiosk-%s", dirs[i], name) < outlen &&
            access(out, X_OK) == 0)
            return 0;
    }
    snprintf(out, outlen, "no kiosk-%s in %s/ nor %s/", name, dirs[0][0] ? dirs[0] : "(no /proc)",
             dirs[1]);
    return -1;
}

/* How many kiosk-*.so files dir holds (0 when it cannot be read). */
static int count_modules(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len > 9 && strncmp(e->d_name, "kiosk-", 6) == 0 &&
            strcmp(e->d_name + len - 3, ".so") == 0)
            n++;
    }
    closedir(d);
    return n;
}

int module_where(char *out, size_t outlen)
{
    char beside[DIR_SIZE];
    program_dir(beside, sizeof(beside));
    if (beside[0])
        strncat(beside, "/modules", sizeof(beside) - strlen(beside) - 1);
    const char *dirs[2] = {beside, KIOSK_MODULE_DIR};
    for (int i = 0; i < 2; i++) {
        int n = dirs[i][0] ? count_modules(dirs[i]) : 0;
        if (n > 0) {
            snprintf(out, outlen, "%d modules in %s", n, dirs[i]);
            return 1;
        }
    }
    snprintf(out, outlen, "no kiosk-*.so in %s nor %s", beside[0] ? beside : "(no /proc)",
             KIOSK_MODULE_DIR);
    return 0;
}
