// face_detect_opencv.cpp: OpenCV's CascadeClassifier behind the C interface of face_detect.h.
// Kept to the cascades alone so the rest of the portrait checks stay in C. Every entry point
// catches all exceptions and turns them into -1; the caller's pixels are wrapped, not copied.
#include "drivers/camera/face_detect.h"

#include <algorithm>
#include <new>
#include <string>
#include <vector>

#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

struct facedet {
    cv::CascadeClassifier cascade[FACEDET_KINDS];
};

static const char *const facedet_files[FACEDET_KINDS] = {
    "../lbpcascades/lbpcascade_frontalface.xml",
    "haarcascade_frontalface_alt2.xml",
    "haarcascade_eye.xml",
};

// Haar search: 15% scale steps (OpenCV's default 10% costs twice the time for no face more on
// the rig); a face needs 5 overlapping hits (fewer let folds of clothing pass as faces), an eye
// 3 (OpenCV's default).
static const double facedet_scale_step = 1.15;
static const int facedet_neighbours[FACEDET_KINDS] = {5, 5, 3};

static int module_new(const char *cascade_dir, struct facedet **out)
{
    *out = nullptr;
    // One thread: the detector already runs on the camera worker, and OpenCV's own pool would
    // fight the UI for the kiosk's 2 cores (it also spent more CPU per frame in
    // bench_camera_portrait). This is OpenCV's process-wide setting; nothing else in the kiosk
    // uses OpenCV.
    cv::setNumThreads(1);
    struct facedet *d = new (std::nothrow) facedet;
    if (d == nullptr)
        return -2;
    try {
        for (int k = 0; k < FACEDET_KINDS; k++) {
            std::string path = std::string(cascade_dir) + "/" + facedet_files[k];
            // Checked first: OpenCV would log its own complaint on stderr.
            if (access(path.c_str(), R_OK) != 0 || !d->cascade[k].load(path)) {
                delete d;
                return -1;
            }
        }
    } catch (...) {
        delete d;
        return -1;
    }
    *out = d;
    return 0;
}

static void module_free(struct facedet *d)
{
    delete d;
}

static int module_find(struct facedet *d, enum facedet_kind kind, const unsigned char *grey,
                       int width, int height, int stride, struct facedet_rect roi, int min_size,
                       int max_size, struct facedet_rect *out, int max)
{
    if (d == nullptr || grey == nullptr || kind < 0 || kind >= FACEDET_KINDS || width <= 0 ||
        height <= 0 || stride < width)
        return -1;
    cv::Rect r = cv::Rect(roi.x, roi.y, roi.w, roi.h) & cv::Rect(0, 0, width, height);
    if (r.width < 8 || r.height < 8)
        return 0;
    try {
        cv::Mat img(height, width, CV_8UC1, const_cast<unsigned char *>(grey), (size_t)stride);
        cv::Mat eq;
        cv::equalizeHist(img(r), eq);
        std::vector<cv::Rect> found;
        cv::Size mn(min_size, min_size), mx(max_size, max_size);
        d->cascade[kind].detectMultiScale(eq, found, facedet_scale_step, facedet_neighbours[kind],
                                          0, mn, mx);
        std::sort(found.begin(), found.end(),
                  [](const cv::Rect &a, const cv::Rect &b) { return a.area() > b.area(); });
        int n = (int)found.size();
        for (int i = 0; i < n && i < max; i++)
            out[i] =
                facedet_rect{found[i].x + r.x, found[i].y + r.y, found[i].width, found[i].height};
        return n;
    } catch (...) {
        return -1;
    }
}

/* The module's one export: the table drivers/camera/face_detect.c calls through. */
extern "C" const struct facedet_module facedet_module = {FACEDET_MODULE_ABI, module_new,
                                                         module_free, module_find};
