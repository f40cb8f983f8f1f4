# sync/: the upstream sync client (sync/README.md) and its reference upstream rig.
PKGS += libcurl libmicrohttpd gnutls
LIB_SRCS += $(sort $(wildcard sync/sync*.c))
RIG_SRCS += tests/rigs/upstream.c tests/rigs/upstream_fixture.c
TOOLS += tests/rigs/upstream_server.c
TESTS += tests/sync/test_sync_cases.c
TOOLS += tests/sync/sync_tool.c
TESTS += tests/sync/test_sync_chaos.c
TESTS += tests/sync/test_sync_thread.c
TESTS += tests/sync/test_sync_proto.c
BENCHES += bench/bench_sync_loopback.c bench/bench_sync_3g.c
TESTS += tests/sync/test_sync_cli.c
TESTS += tests/sync/test_sync_h2.c
TESTS += tests/sync/test_sync_audit_head.c
