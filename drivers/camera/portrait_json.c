/* portrait_json.c: the quality report as JSON (jansson), stored with the application so
 * supervisors can see which check failed and by how much. Values are rounded to 3 decimals. */
#include "drivers/camera/portrait.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>

static double round3(double v)
{
    return isfinite(v) ? round(v * 1000) / 1000 : 0;
}

char *portrait_report_json(const struct portrait_report *r)
{
    json_t *root = NULL, *checks, *face;
    char *out = NULL;
    if (r == NULL)
        return NULL;
    root = json_object();
    checks = json_array();
    face = json_pack("{s:i,s:i,s:i,s:i}", "x", r->face_x, "y", r->face_y, "w", r->face_w, "h",
                     r->face_h);
    if (root == NULL || checks == NULL || face == NULL) {
        json_decref(checks);
        json_decref(face);
        goto out;
    }
    json_object_set_new(root, "all_pass", json_boolean(r->all_pass));
    json_object_set_new(root, "face", face);
    json_object_set_new(root, "checks", checks);
    for (int i = 0; i < r->n && i < PC_COUNT; i++) {
        const struct portrait_check *c = &r->checks[i];
        json_t *o = json_pack("{s:s,s:b,s:f,s:f}", "name", c->name ? c->name : "", "pass", c->pass,
                              "value", round3(c->value), "limit", round3(c->limit));
        if (o == NULL || json_array_append_new(checks, o) != 0)
            goto out;
    }
    out = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
out:
    json_decref(root);
    return out;
}
