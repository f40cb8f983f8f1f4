/* portrait_capture.c: the moment of capture: the full-size still, its own quality report (the
 * preview's verdict is not carried over: the still is what is sent), the stored JPEG and the
 * report's JSON, as struct application wants them (portrait, portrait_quality_json).
 *
 * Guarantees: on success every field is set; on failure *out is empty and nothing leaks. */
#include "drivers/camera/portrait.h"

#include <stdlib.h>
#include <string.h>

void portrait_capture_free(struct portrait_capture *pc)
{
    if (pc == NULL)
        return;
    if (pc->jpeg != NULL) {
        explicit_bzero(pc->jpeg, pc->jpeg_len);
        free(pc->jpeg);
    }
    free(pc->quality_json);
    memset(pc, 0, sizeof *pc);
}

int portrait_capture_take(struct camera *cam, struct portrait_analyzer *a, int out_w, int out_h,
                          struct portrait_capture *out)
{
    struct cam_frame still;
    struct portrait_report crop;
    int rc;

    if (out == NULL)
        return CAM_ERR_ARG;
    memset(out, 0, sizeof *out);
    if (cam == NULL || a == NULL)
        return CAM_ERR_ARG;
    if ((rc = camera_still(cam, &still)) != 0)
        return rc;
    rc = portrait_analyze(a, &still, &out->report);
    /* the analyser's copies of the still (2.8 MB at 1920x1440) go before the JPEG's are made */
    portrait_analyzer_drop_scratch(a);
    if (rc != 0)
        goto out;
    out->all_pass = out->report.all_pass;
    crop = out->report;
    if (crop.face_w <= 0) {
        /* No face (an override): a face-sized box in the middle, so the crop is centred. */
        crop.face_w = crop.face_h = still.width / 4;
        crop.face_x = (still.width - crop.face_w) / 2;
        crop.face_y = (still.height - crop.face_h) / 2;
    }
    if ((rc = portrait_jpeg(&still, &crop, out_w, out_h, &out->jpeg, &out->jpeg_len)) != 0)
        goto out;
    out->quality_json = portrait_report_json(&out->report);
    if (out->quality_json == NULL)
        rc = CAM_ERR_NOMEM;
out:
    /* the still (8 MB at 1920x1440) is not needed once the JPEG is made: freed before the
     * face check and the screen's decoding add theirs */
    camera_still_release(cam);
    if (rc != 0)
        portrait_capture_free(out);
    return rc;
}
