/* layers.h: checks the tree's #include graph against the parts and arrows of ARCHITECTURE.
 *
 * layers_load() reads the rules; layers_scan_tree() walks the source tree (skipping build/
 * and hidden folders) and adds every .c, .h and .cpp file; layers_add_file() adds one more
 * file read from anywhere but placed at a path of the tree (how the test plants a forbidden
 * include without touching the tree). layers_check() then reports every violation, one line
 * each, and returns how many there were. */
#ifndef TESTS_ARCH_LAYERS_H
#define TESTS_ARCH_LAYERS_H

#include <stdio.h>

struct layers;

/* Reads the rules from the file at rules_path for the tree at root. NULL on a syntax error or
 * an unknown part, with the message (file:line: what) in err. */
struct layers *layers_load(const char *root, const char *rules_path, char *err, size_t errlen);
void layers_free(struct layers *l);

/* Adds every source file under the root. 0, or -1 when a folder cannot be read. */
int layers_scan_tree(struct layers *l);

/* Adds the file at disk_path as if it were tree_path (relative to the root). 0 or -1. */
int layers_add_file(struct layers *l, const char *tree_path, const char *disk_path);

/* Writes each violation as one line to out (may be NULL) and returns their number. */
int layers_check(const struct layers *l, FILE *out);

/* Writes the part graph, one "A -> B (N includes)" line per arrow in use, each prefixed. */
void layers_print_graph(const struct layers *l, FILE *out, const char *prefix);

/* The folders the parts declare, in order (a recursive one without its stars); n of them at most.
 * Returns how many there are. */
int layers_folders(const struct layers *l, const char **out, int n);

/* How many files were added, and how many includes between two different parts they hold. */
int layers_file_count(const struct layers *l);
int layers_edge_count(const struct layers *l);

#endif
