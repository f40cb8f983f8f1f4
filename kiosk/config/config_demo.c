/* config_demo.c: config/demo.conf compiled into the binary as the embedded default. */
__asm__(".section .rodata\n"
        ".global config_demo_text\n"
        ".type config_demo_text, @object\n"
        "config_demo_text:\n"
        ".incbin \"config/demo.conf\"\n"
        ".byte 0\n"
        ".size config_demo_text, . - config_demo_text\n"
        ".previous\n");
