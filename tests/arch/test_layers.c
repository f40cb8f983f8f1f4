/* test_layers.c: the tree's #include graph follows ARCHITECTURE; and the check itself fails
 * when a forbidden include, an undeclared arrow, a file in an undeclared folder or a bad rule
 * is planted (in a temporary file placed at a path of the tree, the tree itself untouched). */
#include "tests/arch/layers.h"
#include "tests/test.h"

#include <stdlib.h>
#include <sys/stat.h>

static struct layers *load_real_tree(void)
{
    char err[512];
    struct layers *l = layers_load(".", "ARCHITECTURE", err, sizeof(err));
    if (!l) {
        printf("# %s\n", err);
        return NULL;
    }
    if (layers_scan_tree(l) != 0) {
        layers_free(l);
        return NULL;
    }
    return l;
}

/* Checks the real tree plus one planted file; returns the violations the planted file adds
 * to the tree's own (so each case shows its point even while the tree has others), their
 * text in out. */
static int check_with_planted(const char *tree_path, const char *content, char *out, size_t outlen)
{
    struct layers *l = load_real_tree();
    if (!l)
        return -1;
    int before = layers_check(l, NULL);
    const char *disk = test_tmpfile("planted.c", content, -1);
    if (!disk || layers_add_file(l, tree_path, disk) != 0) {
        layers_free(l);
        return -1;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int bad = layers_check(l, mem);
    fclose(mem);
    snprintf(out, outlen, "%s", buf ? buf : "");
    free(buf);
    layers_free(l);
    return bad - before;
}

TEST(tree_follows_architecture)
{
    struct layers *l = load_real_tree();
    CHECK(l != NULL);
    int bad = layers_check(l, stdout);
    layers_print_graph(l, stdout, "# ");
    int files = layers_file_count(l), edges = layers_edge_count(l);
    layers_free(l);
    CHECK_INT(bad, 0);
    /* The walk really saw the tree: over two hundred files and as many includes across parts. */
    CHECK(files > 200);
    CHECK(edges > 200);
}

/* The README's layout table names every declared folder, and names no folder that is gone. */
TEST(readme_layout_matches_tree)
{
    struct layers *l = load_real_tree();
    CHECK(l != NULL);
    const char *folders[64];
    int n = layers_folders(l, folders, 64);
    FILE *f = fopen("README.md", "r");
    char readme[65536];
    size_t len = f ? fread(readme, 1, sizeof(readme) - 1, f) : 0;
    if (f)
        fclose(f);
    readme[len] = '\0';
    char *start = strstr(readme, "## Layout"), *end = start ? strstr(start + 1, "\n## ") : NULL;
    if (end)
        *end = '\0';
    int missing = 0;
    for (int i = 0; start && i < n && i < 64; i++) {
        char want[300];
        snprintf(want, sizeof(want), "`%s/`", folders[i]);
        if (!strstr(start, want)) {
            printf("# README.md's layout does not name %s\n", want);
            missing++;
        }
    }
    int rows = 0, gone = 0;
    for (char *row = start ? strstr(start, "\n| `") : NULL; row; row = strstr(row + 1, "\n| `")) {
        char folder[256];
        if (sscanf(row, "\n| `%255[^`]`", folder) != 1)
            continue;
        rows++;
        struct stat st;
        if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
            printf("# README.md's layout names %s, which is no folder\n", folder);
            gone++;
        }
    }
    layers_free(l);
    CHECK(start != NULL);
    CHECK_INT(missing, 0);
    CHECK_INT(gone, 0);
    CHECK(rows >= 15);
}

/* Each part of the product says in its folder's README.md what it owns and what it may
 * include (tests, rigs and benchmarks stand outside the product). */
TEST(every_part_readme_says_owns_and_may_include)
{
    struct layers *l = load_real_tree();
    CHECK(l != NULL);
    const char *folders[64];
    int n = l ? layers_folders(l, folders, 64) : 0, checked = 0, bad = 0;
    for (int i = 0; i < n && i < 64; i++) {
        char folder[256], path[300], text[16384];
        snprintf(folder, sizeof folder, "%s", folders[i]);
        char *glob = strstr(folder, "/**");
        if (glob)
            *glob = '\0';
        if (strncmp(folder, "tests", 5) == 0 || strncmp(folder, "bench", 5) == 0)
            continue;
        snprintf(path, sizeof path, "%s/README.md", folder);
        FILE *f = fopen(path, "r");
        size_t len = f ? fread(text, 1, sizeof text - 1, f) : 0;
        if (f)
            fclose(f);
        text[len] = '\0';
        checked++;
        if (!strstr(text, "**Owns:**") || !strstr(text, "**May include:**")) {
            printf("# %s: missing, or says not what the part owns (**Owns:**) and may include "
                   "(**May include:**)\n",
                   path);
            bad++;
        }
    }
    layers_free(l);
    CHECK_INT(bad, 0);
    CHECK(checked >= 14); /* the product's parts, each seen */
}

TEST(driver_including_config_fails)
{
    char out[4096];
    int bad = check_with_planted("drivers/card/planted.c",
                                 "#include \"drivers/card/tlv.h\"\n"
                                 "#include \"kiosk/config/config.h\"\n",
                                 out, sizeof(out));
    CHECK_INT(bad, 1);
    CHECK(strstr(out, "drivers/card/planted.c:2: includes \"kiosk/config/config.h\": "
                      "card -> config is forbidden: drivers take their settings") != NULL);
}

TEST(model_including_ui_fails)
{
    char out[4096];
    CHECK_INT(
        check_with_planted("kiosk/model/planted.c", "#include \"ui/ui.h\"\n", out, sizeof(out)), 1);
    CHECK(strstr(out, "model -> ui is forbidden") != NULL);
}

TEST(product_including_a_rig_fails)
{
    char out[4096];
    CHECK_INT(check_with_planted("sync/planted.c", "#include \"tests/rigs/upstream/upstream.h\"\n",
                                 out, sizeof(out)),
              1);
    CHECK(strstr(out, "sync -> rigs is forbidden") != NULL);
}

TEST(undeclared_arrow_fails)
{
    char out[4096];
    /* export -> card is neither allowed nor forbidden: a new arrow is a decision. */
    CHECK_INT(check_with_planted("kiosk/export/planted.c", "#include \"drivers/card/tlv.h\"\n", out,
                                 sizeof(out)),
              1);
    CHECK(strstr(out, "export -> card is neither allowed nor forbidden") != NULL);
}

TEST(file_in_undeclared_folder_fails)
{
    char out[4096];
    CHECK_INT(check_with_planted("kiosk/newpart/planted.c", "#include \"kiosk/base/file_read.h\"\n",
                                 out, sizeof(out)),
              1);
    CHECK(strstr(out, "kiosk/newpart/planted.c: in a folder no part of ARCHITECTURE declares") !=
          NULL);
}

TEST(include_of_no_file_fails)
{
    char out[4096];
    CHECK_INT(check_with_planted("kiosk/model/planted.c", "#include \"kiosk/model/nothere.h\"\n",
                                 out, sizeof(out)),
              1);
    CHECK(strstr(out, "which is no file of the tree") != NULL);
}

TEST(allowed_and_local_includes_pass)
{
    char out[4096];
    /* Downward, inside the part, relative to the file's folder, and system headers. */
    CHECK_INT(check_with_planted("drivers/card/planted.c",
                                 "#include \"kiosk/model/application.h\"\n"
                                 "#include \"tlv.h\"\n"
                                 "#include \"../../kiosk/base/file_read.h\"\n"
                                 "#include <stdio.h>\n",
                                 out, sizeof(out)),
              0);
}

static int load_rules(const char *text, char *err, size_t errlen)
{
    const char *path = test_tmpfile("rules", text, -1);
    if (!path)
        return -2;
    struct layers *l = layers_load(".", path, err, errlen);
    layers_free(l);
    return l ? 0 : -1;
}

TEST(bad_rules_refused)
{
    char err[512];
    CHECK_INT(load_rules("part a x\npart b y\nallow a -> b\n", err, sizeof(err)), 0);
    CHECK_INT(load_rules("part a x\nallow a -> c\n", err, sizeof(err)), -1);
    CHECK(strstr(err, ":2: unknown part \"c\"") != NULL);
    CHECK_INT(load_rules("part a x\npart b y\nallow a -> b\nforbid a -> b: no\n", err, sizeof(err)),
              -1);
    CHECK(strstr(err, "a -> b is both allowed and forbidden") != NULL);
    CHECK_INT(load_rules("part a x\npart b y\nforbid a -> b\n", err, sizeof(err)), -1);
    CHECK(strstr(err, "needs \": why\"") != NULL);
    CHECK_INT(load_rules("part a x\npart a y\n", err, sizeof(err)), -1);
    CHECK_INT(load_rules("parts a x\n", err, sizeof(err)), -1);
}

int main(void)
{
    RUN(tree_follows_architecture);
    RUN(readme_layout_matches_tree);
    RUN(every_part_readme_says_owns_and_may_include);
    RUN(driver_including_config_fails);
    RUN(model_including_ui_fails);
    RUN(product_including_a_rig_fails);
    RUN(undeclared_arrow_fails);
    RUN(file_in_undeclared_folder_fails);
    RUN(include_of_no_file_fails);
    RUN(allowed_and_local_includes_pass);
    RUN(bad_rules_refused);
    return test_done();
}
