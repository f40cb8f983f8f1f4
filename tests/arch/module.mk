# tests/arch/: the check of the #include graph against ARCHITECTURE.
RIG_SRCS += tests/arch/layers.c
TESTS += tests/arch/test_layers.c
