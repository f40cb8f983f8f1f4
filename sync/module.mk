# sync/: the upstream sync client (sync/README.md) and its reference upstream rig. The client
# is the module kiosk-sync.so, which the kiosk program reaches through sync_door.c; tests and
# benchmarks link it directly.
PKGS += libcurl libmicrohttpd gnutls
MODULES += sync
MODULES_STATIC += sync
MODULE_LIBS_sync = $(LDLIBS)
MODULE_SRCS_sync := sync/sync_module.c sync/sync.c sync/sync_http.c sync/sync_proto.c \
	sync/sync_corrections.c
DOOR_SRCS += sync/sync_door.c
RIG_SRCS += tests/rigs/upstream/upstream.c tests/rigs/upstream/upstream_reply.c tests/rigs/upstream/upstream_upload.c tests/rigs/upstream/upstream_reads.c tests/rigs/upstream/upstream_admit.c tests/rigs/upstream/upstream_fixture.c tests/rigs/upstream/upstream_evidence.c
TOOLS += tests/rigs/upstream/upstream_server.c
TESTS += tests/sync/test_sync_cases.c
TOOLS += tests/sync/sync_tool.c
TESTS += tests/sync/test_sync_chaos.c
TESTS += tests/sync/test_sync_thread.c
TESTS += tests/sync/test_sync_recovery.c
TESTS += tests/sync/test_sync_proto.c
BENCHES += bench/bench_sync_loopback.c bench/bench_sync_3g.c bench/bench_sync_fleet.c
TESTS += tests/sync/test_sync_cli.c
TESTS += tests/sync/test_sync_h2.c
TESTS += tests/sync/test_sync_corrections.c
TESTS += tests/sync/test_sync_audit_head.c
TESTS += tests/sync/test_sync_evidence.c
BENCHES += bench/bench_upstream_verify.c
TESTS += tests/sync/test_sync_payload_formats.c
