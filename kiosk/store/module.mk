# kiosk/store/: the SQLite store (applications, outbox, officers, audit trail) and its keys.
PKGS += sqlite3 libsodium
LIB_SRCS += kiosk/store/seal.c kiosk/store/store.c kiosk/store/store_schema.c \
	kiosk/store/store_outbox.c kiosk/store/store_officer.c kiosk/store/store_audit.c \
	kiosk/store/store_keys.c kiosk/store/store_handover.c \
	kiosk/store/store_clock.c kiosk/store/store_room.c \
	kiosk/store/store_field.c \
	kiosk/store/store_checkpoint.c \
	kiosk/store/store_worker.c kiosk/store/pin_hasher.c
# kiosk-pinhash: the helper program that computes the PINs' Argon2id hashes (pin_hasher.h),
# started by the kiosk on the first PIN hashed or checked.
HELPERS += pinhash
HELPER_SRCS_pinhash := kiosk/store/pin_hasher_main.c
TESTS += tests/kiosk/test_store.c tests/kiosk/test_store_faults.c tests/kiosk/test_store_tamper.c
BENCHES += bench/bench_store_queue.c bench/bench_store_login.c
# after the first visit: lookups, the recall worklist, phone corrections
LIB_SRCS += kiosk/store/store_recall.c kiosk/store/store_phonefix.c
TESTS += tests/kiosk/test_store_recall.c
BENCHES += bench/bench_recall_lookup.c
