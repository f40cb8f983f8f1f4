/* cli_disk.c: `kiosk disk`, the room left on the data directory's disk (store_room.h): free
 * space, the margin kept for the store, one application's estimated size and how many more
 * fit. Exit status 1 when not one more fits (enrolment is refused: policy row disk.full). */
#include <stdio.h>

#include "kiosk/cli/commands.h"
#include "kiosk/store/store_room.h"

int cli_disk(struct cli_ctx *c, int argc, char **argv)
{
    (void)argv;
    if (argc != 1) {
        fprintf(stderr, "usage: kiosk disk\n");
        return 2;
    }
    if (cli_open_store(c) != 0)
        return 1;
    struct store_room room;
    int rc = store_room(c->st, c->cfg.data_dir, (int64_t)c->cfg.disk_margin_mb << 20, NULL, &room);
    if (rc != 0)
        return cli_fail("không đọc được dung lượng trống của %s (%s)", c->cfg.data_dir,
                        store_strerror(rc));
    printf("Còn chỗ cho %ld hồ sơ nữa (room for %ld more applications): trống %lld MB, giữ lại "
           "%lld MB cho kho dữ liệu, mỗi hồ sơ khoảng %lld KB\n",
           room.fits, room.fits, (long long)(room.free_bytes >> 20),
           (long long)(room.margin_bytes >> 20), (long long)(room.per_app_bytes >> 10));
    if (room.fits < 1)
        return cli_fail("ổ đĩa đã đầy: không tiếp nhận thêm hồ sơ; hãy gửi hoặc bàn giao hồ sơ chờ "
                        "gửi (kiosk bundle export) và giải phóng ổ đĩa");
    return 0;
}
