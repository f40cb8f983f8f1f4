/* image_file.h: reading and writing RGB24 frames as PNG or JPEG files (libpng, libjpeg-turbo).
 * Used by the simulated camera, the face-image rigs and the tools. Files are trusted only as far
 * as the libraries check them: sizes above CAMIMG_MAX_SIDE are refused. */
#ifndef DRIVERS_CAMERA_IMAGE_FILE_H
#define DRIVERS_CAMERA_IMAGE_FILE_H

#include "drivers/camera/camera.h"

#define CAMIMG_MAX_SIDE 8192

/* Loads a PNG or JPEG (by its signature) into *out, allocated by the call (cam_frame_free()).
 * 0, CAM_ERR_NO_DEVICE when the file cannot be opened, CAM_ERR_DATA when it is not a readable
 * image, CAM_ERR_NOMEM. */
int camimg_load(const char *path, struct cam_frame *out);
/* Writes f as an 8-bit RGB PNG. 0 or CAM_ERR_IO. */
int camimg_save_png(const char *path, const struct cam_frame *f);
/* Encodes f as a baseline JPEG at quality (1..100) into *jpeg (malloc'd, caller frees). */
int camimg_encode_jpeg(const struct cam_frame *f, int quality, unsigned char **jpeg, size_t *len);
/* Decodes a JPEG held in memory into *out (allocated by the call). */
int camimg_decode_jpeg(const unsigned char *jpeg, size_t len, struct cam_frame *out);

#endif
