/* layers.c: the #include graph of the tree against ARCHITECTURE (see layers.h). */
#include "tests/arch/layers.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_PARTS   48
#define MAX_FOLDERS 8
#define NAME_SIZE   32
#define ROOT_SIZE   512  /* the tree's root as given */
#define REL_SIZE    1024 /* a path inside the tree */
#define DISK_SIZE   (ROOT_SIZE + REL_SIZE + 2)

struct folder {
    char path[256];
    int recursive; /* declared as FOLDER/ followed by two stars */
};

struct part {
    char name[NAME_SIZE];
    struct folder folders[MAX_FOLDERS];
    int nfolders;
};

struct include {
    char *target; /* as written between the quotes */
    int line;
};

struct source {
    char *path; /* relative to the root */
    int part;   /* -1: in no declared folder */
    struct include *inc;
    int ninc;
};

struct layers {
    char root[ROOT_SIZE];
    char rules_path[DISK_SIZE];
    struct part parts[MAX_PARTS];
    int nparts;
    unsigned char allow[MAX_PARTS][MAX_PARTS];
    int forbid[MAX_PARTS][MAX_PARTS]; /* 1 + index into reasons, 0 = not forbidden */
    char **reasons;
    int nreasons;
    struct source *files;
    int nfiles;
};

static int part_index(const struct layers *l, const char *name)
{
    for (int i = 0; i < l->nparts; i++)
        if (strcmp(l->parts[i].name, name) == 0)
            return i;
    return -1;
}

/* The part whose folder holds dir (a path relative to the root, "" for the root itself):
 * the longest matching folder wins. */
static int part_of_dir(const struct layers *l, const char *dir)
{
    int best = -1;
    size_t best_len = 0;
    for (int i = 0; i < l->nparts; i++) {
        for (int k = 0; k < l->parts[i].nfolders; k++) {
            const struct folder *f = &l->parts[i].folders[k];
            size_t n = strlen(f->path);
            int match = strcmp(dir, f->path) == 0 ||
                        (f->recursive && strncmp(dir, f->path, n) == 0 && dir[n] == '/');
            if (match && (best < 0 || n > best_len)) {
                best = i;
                best_len = n;
            }
        }
    }
    return best;
}

static int part_of_file(const struct layers *l, const char *path)
{
    char dir[REL_SIZE];
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        dir[0] = '\0';
    return part_of_dir(l, dir);
}

/* Splits s at blanks into at most max words (modifies s). */
static int split_words(char *s, char **words, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *w = strtok_r(s, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (n == max)
            return -1;
        words[n++] = w;
    }
    return n;
}

/* "A B -> C D" into two lists of part indexes; "*" is every part. -1 with err set. */
static int parse_sides(struct layers *l, char *text, int *lhs, int *nl, int *rhs, int *nr,
                       char *err, size_t errlen)
{
    char *arrow = strstr(text, "->");
    if (!arrow) {
        snprintf(err, errlen, "no \"->\"");
        return -1;
    }
    *arrow = '\0';
    char *sides[2] = {text, arrow + 2};
    int *lists[2] = {lhs, rhs};
    int *counts[2] = {nl, nr};
    for (int s = 0; s < 2; s++) {
        char *words[MAX_PARTS];
        int n = split_words(sides[s], words, MAX_PARTS);
        if (n <= 0) {
            snprintf(err, errlen, "no part on the %s of \"->\"", s ? "right" : "left");
            return -1;
        }
        *counts[s] = 0;
        for (int i = 0; i < n; i++) {
            if (strcmp(words[i], "*") == 0) {
                for (int p = 0; p < l->nparts; p++)
                    lists[s][(*counts[s])++] = p;
                break;
            }
            int p = part_index(l, words[i]);
            if (p < 0) {
                snprintf(err, errlen, "unknown part \"%s\"", words[i]);
                return -1;
            }
            lists[s][(*counts[s])++] = p;
        }
    }
    return 0;
}

static int parse_part(struct layers *l, char *rest, char *err, size_t errlen)
{
    char *words[MAX_FOLDERS + 1];
    int n = split_words(rest, words, MAX_FOLDERS + 1);
    if (n < 2) {
        snprintf(err, errlen, "a part needs a name and at least one folder");
        return -1;
    }
    if (l->nparts == MAX_PARTS || strlen(words[0]) >= NAME_SIZE) {
        snprintf(err, errlen, "too many parts or name too long");
        return -1;
    }
    if (part_index(l, words[0]) >= 0) {
        snprintf(err, errlen, "part \"%s\" declared twice", words[0]);
        return -1;
    }
    struct part *p = &l->parts[l->nparts];
    snprintf(p->name, sizeof(p->name), "%s", words[0]);
    for (int i = 1; i < n; i++) {
        struct folder *f = &p->folders[p->nfolders++];
        size_t len = strlen(words[i]);
        f->recursive = len > 3 && strcmp(words[i] + len - 3, "/**") == 0;
        if (f->recursive)
            words[i][len - 3] = '\0';
        snprintf(f->path, sizeof(f->path), "%s", words[i]);
    }
    l->nparts++;
    return 0;
}

static int parse_arrow(struct layers *l, int forbid, char *rest, char *err, size_t errlen)
{
    char *why = NULL;
    if (forbid) {
        why = strchr(rest, ':');
        if (!why) {
            snprintf(err, errlen, "a forbidden arrow needs \": why\"");
            return -1;
        }
        *why++ = '\0';
        while (isspace((unsigned char)*why))
            why++;
        if (!*why) {
            snprintf(err, errlen, "a forbidden arrow needs a reason after \":\"");
            return -1;
        }
    }
    int lhs[MAX_PARTS], rhs[MAX_PARTS], nl, nr;
    if (parse_sides(l, rest, lhs, &nl, rhs, &nr, err, errlen) != 0)
        return -1;
    if (forbid) {
        char **r = realloc(l->reasons, (size_t)(l->nreasons + 1) * sizeof(*r));
        if (!r || !(r[l->nreasons] = strdup(why))) {
            l->reasons = r ? r : l->reasons;
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        l->reasons = r;
        l->nreasons++;
    }
    for (int i = 0; i < nl; i++) {
        for (int k = 0; k < nr; k++) {
            int a = lhs[i], b = rhs[k];
            if (a == b)
                continue;
            if (forbid)
                l->forbid[a][b] = l->nreasons;
            else
                l->allow[a][b] = 1;
            if (l->allow[a][b] && l->forbid[a][b]) {
                snprintf(err, errlen, "%s -> %s is both allowed and forbidden", l->parts[a].name,
                         l->parts[b].name);
                return -1;
            }
        }
    }
    return 0;
}

struct layers *layers_load(const char *root, const char *rules_path, char *err, size_t errlen)
{
    FILE *f = fopen(rules_path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", rules_path, strerror(errno));
        return NULL;
    }
    struct layers *l = calloc(1, sizeof(*l));
    if (!l) {
        fclose(f);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(l->root, sizeof(l->root), "%s", root);
    snprintf(l->rules_path, sizeof(l->rules_path), "%s", rules_path);
    /* Two passes: every part first, so an arrow may name a part declared below it. */
    char line[1024], what[256];
    for (int pass = 0; pass < 2; pass++) {
        rewind(f);
        int lineno = 0;
        while (fgets(line, sizeof(line), f)) {
            lineno++;
            line[strcspn(line, "\r\n")] = '\0';
            char *s = line;
            while (isspace((unsigned char)*s))
                s++;
            if (!*s || *s == '#')
                continue;
            int rc = 0;
            what[0] = '\0';
            if (strncmp(s, "part ", 5) == 0) {
                if (pass == 0)
                    rc = parse_part(l, s + 5, what, sizeof(what));
            } else if (strncmp(s, "allow ", 6) == 0) {
                if (pass == 1)
                    rc = parse_arrow(l, 0, s + 6, what, sizeof(what));
            } else if (strncmp(s, "forbid ", 7) == 0) {
                if (pass == 1)
                    rc = parse_arrow(l, 1, s + 7, what, sizeof(what));
            } else if (pass == 0) {
                snprintf(what, sizeof(what), "expected part, allow or forbid");
                rc = -1;
            }
            if (rc != 0) {
                snprintf(err, errlen, "%s:%d: %s", rules_path, lineno, what);
                fclose(f);
                layers_free(l);
                return NULL;
            }
        }
    }
    fclose(f);
    return l;
}

void layers_free(struct layers *l)
{
    if (!l)
        return;
    for (int i = 0; i < l->nfiles; i++) {
        for (int k = 0; k < l->files[i].ninc; k++)
            free(l->files[i].inc[k].target);
        free(l->files[i].inc);
        free(l->files[i].path);
    }
    free(l->files);
    for (int i = 0; i < l->nreasons; i++)
        free(l->reasons[i]);
    free(l->reasons);
    free(l);
}

static int is_source(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcmp(dot, ".c") == 0 || strcmp(dot, ".h") == 0 || strcmp(dot, ".cpp") == 0);
}

/* The quoted target of an #include line, or NULL. */
static const char *include_target(char *line)
{
    char *s = line;
    while (isspace((unsigned char)*s))
        s++;
    if (*s++ != '#')
        return NULL;
    while (isspace((unsigned char)*s))
        s++;
    if (strncmp(s, "include", 7) != 0)
        return NULL;
    s += 7;
    while (isspace((unsigned char)*s))
        s++;
    if (*s != '"')
        return NULL;
    char *end = strchr(s + 1, '"');
    if (!end)
        return NULL;
    *end = '\0';
    return s + 1;
}

int layers_add_file(struct layers *l, const char *tree_path, const char *disk_path)
{
    FILE *f = fopen(disk_path, "r");
    if (!f)
        return -1;
    struct source *files = realloc(l->files, (size_t)(l->nfiles + 1) * sizeof(*files));
    if (!files) {
        fclose(f);
        return -1;
    }
    l->files = files;
    struct source *src = &l->files[l->nfiles];
    memset(src, 0, sizeof(*src));
    if (!(src->path = strdup(tree_path))) {
        fclose(f);
        return -1;
    }
    l->nfiles++;
    src->part = part_of_file(l, tree_path);
    char line[4096];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        const char *target = include_target(line);
        if (!target)
            continue;
        struct include *inc = realloc(src->inc, (size_t)(src->ninc + 1) * sizeof(*inc));
        if (!inc) {
            rc = -1;
            break;
        }
        src->inc = inc;
        if (!(inc[src->ninc].target = strdup(target))) {
            rc = -1;
            break;
        }
        inc[src->ninc++].line = lineno;
    }
    fclose(f);
    return rc;
}

static int scan_dir(struct layers *l, const char *rel)
{
    char disk[DISK_SIZE];
    snprintf(disk, sizeof(disk), "%s%s%s", l->root, *rel ? "/" : "", rel);
    DIR *d = opendir(disk);
    if (!d)
        return -1;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        /* Hidden folders (.git) and the build output are not source. */
        if (e->d_name[0] == '.' || (!*rel && strcmp(e->d_name, "build") == 0))
            continue;
        char child[REL_SIZE], child_disk[DISK_SIZE];
        if ((size_t)snprintf(child, sizeof(child), "%s%s%s", rel, *rel ? "/" : "", e->d_name) >=
            sizeof(child))
            continue;
        snprintf(child_disk, sizeof(child_disk), "%s/%s", l->root, child);
        struct stat st;
        if (lstat(child_disk, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            rc = scan_dir(l, child);
        else if (S_ISREG(st.st_mode) && is_source(e->d_name))
            rc = layers_add_file(l, child, child_disk);
    }
    closedir(d);
    return rc;
}

int layers_scan_tree(struct layers *l)
{
    return scan_dir(l, "");
}

/* Joins dir and rel and folds "." and ".." into out; -1 when it climbs above the root. */
static int normalize(const char *dir, const char *rel, char *out, size_t outlen)
{
    char buf[2 * REL_SIZE];
    snprintf(buf, sizeof(buf), "%s%s%s", dir, *dir ? "/" : "", rel);
    char *parts[128];
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(buf, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
        if (strcmp(p, ".") == 0)
            continue;
        if (strcmp(p, "..") == 0) {
            if (n == 0)
                return -1;
            n--;
            continue;
        }
        if (n == 128)
            return -1;
        parts[n++] = p;
    }
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        size_t used = strlen(out);
        snprintf(out + used, outlen - used, "%s%s", i ? "/" : "", parts[i]);
    }
    return 0;
}

static int tree_has(const struct layers *l, const char *path)
{
    for (int i = 0; i < l->nfiles; i++)
        if (strcmp(l->files[i].path, path) == 0)
            return 1;
    char disk[DISK_SIZE];
    struct stat st;
    snprintf(disk, sizeof(disk), "%s/%s", l->root, path);
    return stat(disk, &st) == 0 && S_ISREG(st.st_mode);
}

/* The tree path an include names, as the compiler finds it with -I.: first beside the
 * including file, then from the root. 0, or -1 when it names no file of the tree. */
static int resolve(const struct layers *l, const struct source *src, const char *target, char *out,
                   size_t outlen)
{
    char dir[REL_SIZE];
    snprintf(dir, sizeof(dir), "%s", src->path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        dir[0] = '\0';
    if (normalize(dir, target, out, outlen) == 0 && tree_has(l, out))
        return 0;
    if (normalize("", target, out, outlen) == 0 && tree_has(l, out))
        return 0;
    return -1;
}

/* Checks every file and include, writing violations to out (may be NULL) and counting the
 * includes of each arrow into counts (may be NULL). Returns the number of violations. */
static int walk(const struct layers *l, FILE *out, int counts[MAX_PARTS][MAX_PARTS])
{
    int bad = 0;
    for (int i = 0; i < l->nfiles; i++) {
        const struct source *src = &l->files[i];
        if (src->part < 0) {
            bad++;
            if (out)
                fprintf(out, "%s: in a folder no part of %s declares\n", src->path, l->rules_path);
            continue;
        }
        for (int k = 0; k < src->ninc; k++) {
            const struct include *inc = &src->inc[k];
            char target[REL_SIZE];
            if (resolve(l, src, inc->target, target, sizeof(target)) != 0) {
                bad++;
                if (out)
                    fprintf(out, "%s:%d: includes \"%s\", which is no file of the tree\n",
                            src->path, inc->line, inc->target);
                continue;
            }
            int to = part_of_file(l, target);
            if (to < 0 || to == src->part)
                continue; /* an undeclared target is reported as a file of its own */
            const char *a = l->parts[src->part].name, *b = l->parts[to].name;
            if (counts)
                counts[src->part][to]++;
            int why = l->forbid[src->part][to];
            if (why) {
                bad++;
                if (out)
                    fprintf(out, "%s:%d: includes \"%s\": %s -> %s is forbidden: %s\n", src->path,
                            inc->line, inc->target, a, b, l->reasons[why - 1]);
            } else if (!l->allow[src->part][to]) {
                bad++;
                if (out)
                    fprintf(out,
                            "%s:%d: includes \"%s\": %s -> %s is neither allowed nor "
                            "forbidden in %s\n",
                            src->path, inc->line, inc->target, a, b, l->rules_path);
            }
        }
    }
    return bad;
}

int layers_check(const struct layers *l, FILE *out)
{
    return walk(l, out, NULL);
}

void layers_print_graph(const struct layers *l, FILE *out, const char *prefix)
{
    static int counts[MAX_PARTS][MAX_PARTS];
    memset(counts, 0, sizeof(counts));
    walk(l, NULL, counts);
    for (int a = 0; a < l->nparts; a++)
        for (int b = 0; b < l->nparts; b++)
            if (counts[a][b])
                fprintf(out, "%s%s -> %s (%d includes)\n", prefix, l->parts[a].name,
                        l->parts[b].name, counts[a][b]);
}

int layers_folders(const struct layers *l, const char **out, int n)
{
    int count = 0;
    for (int i = 0; i < l->nparts; i++)
        for (int k = 0; k < l->parts[i].nfolders; k++, count++)
            if (count < n)
                out[count] = l->parts[i].folders[k].path;
    return count;
}

int layers_file_count(const struct layers *l)
{
    return l->nfiles;
}

int layers_edge_count(const struct layers *l)
{
    static int counts[MAX_PARTS][MAX_PARTS];
    memset(counts, 0, sizeof(counts));
    walk(l, NULL, counts);
    int n = 0;
    for (int a = 0; a < l->nparts; a++)
        for (int b = 0; b < l->nparts; b++)
            n += counts[a][b];
    return n;
}
