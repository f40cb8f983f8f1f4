/* app_fixture.h: complete, valid applications for tests and benchmarks, with no device. */
#ifndef TESTS_RIGS_APP_FIXTURE_H
#define TESTS_RIGS_APP_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/model/application.h"
#include "kiosk/store/seal.h"

/* Fills *app (app_init'ed here) as the workflow would leave it at consent: identity from a
 * genuine chip, a portrait blob ("JFIF-PORTRAIT" filler), a captured left index
 * ("FINGERPRINT-PIXELS" filler, 64x64) and a bandaged right index, phone 0912345678,
 * consent by officer cb01, status draft, created at created_ms. */
void fixture_app(struct application *app, const char *pid, const char *name, int64_t created_ms);

/* Same with a portrait of portrait_bytes bytes (for payload-size benchmarks). */
void fixture_app_sized(struct application *app, const char *pid, const char *name,
                       int64_t created_ms, size_t portrait_bytes);

/* Gives keys an upstream X25519 public key; its secret key goes to sk (if non-NULL). */
void fixture_upstream_key(struct seal_keys *keys, unsigned char sk[32]);

#endif
