/* cli_field.c: a mobile unit's field session (kiosk/store/store_field.h).
 *
 *   kiosk field [status]
 *       the open session's site, and the sites this kiosk knows
 *   kiosk field open --site NAME --kind KIND [--commune NAME] --officer ID
 *       opens a session (mobile units only: station.unit = mobile); KIND is thon_ap,
 *       to_dan_pho, co_quan_doanh_nghiep, truong_hoc or khac; audited
 *   kiosk field close --officer ID
 * Every application queued while a session is open records its site (lists, reports,
 * upstream). */
#include <stdio.h>
#include <string.h>

#include "kiosk/cli/commands.h"
#include "kiosk/model/timefmt.h"
#include "kiosk/store/store_field.h"

static int field_usage(void)
{
    fprintf(stderr, "usage: kiosk field [status]\n"
                    "       kiosk field open --site NAME --kind thon_ap|to_dan_pho|"
                    "co_quan_doanh_nghiep|truong_hoc|khac [--commune NAME] --officer ID\n"
                    "       kiosk field close --officer ID\n");
    return 2;
}

static int officer_ok(struct cli_ctx *c, const char *id)
{
    struct store_officer of[64];
    int n = store_officer_list(c->st, of, 64);
    for (int i = 0; i < n; i++)
        if (strcmp(of[i].id, id) == 0 && !of[i].disabled)
            return 1;
    return 0;
}

static int do_status(struct cli_ctx *c)
{
    struct app_site cur, known[32];
    int rc = store_field_current(c->st, &cur);
    int n = store_field_sites(c->st, known, 32);
    if (rc < 0 || n < 0)
        return cli_fail("không đọc được kho dữ liệu");
    if (rc == 1)
        printf("Đang làm việc tại (field session): %s — %s%s%s\n", cur.name,
               app_site_kind_label(cur.kind, 0), cur.commune[0] ? ", " : "", cur.commune);
    else
        printf("Không có phiên làm việc lưu động (no field session): hồ sơ ghi tại trụ sở\n");
    for (int i = 0; i < n; i++)
        printf("  %s — %s%s%s\n", known[i].name, app_site_kind_label(known[i].kind, 0),
               known[i].commune[0] ? ", " : "", known[i].commune);
    return 0;
}

int cli_field(struct cli_ctx *c, int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "status") == 0 && argc == 2)) {
        if (cli_open_store(c) != 0)
            return 1;
        return do_status(c);
    }
    int open = strcmp(argv[1], "open") == 0;
    if (!open && strcmp(argv[1], "close") != 0)
        return field_usage();
    struct app_site site;
    const char *officer = NULL;
    memset(&site, 0, sizeof site);
    for (int i = 2; i < argc; i++) {
        if (open && strcmp(argv[i], "--site") == 0 && i + 1 < argc)
            snprintf(site.name, sizeof site.name, "%s", argv[++i]);
        else if (open && strcmp(argv[i], "--kind") == 0 && i + 1 < argc)
            snprintf(site.kind, sizeof site.kind, "%s", argv[++i]);
        else if (open && strcmp(argv[i], "--commune") == 0 && i + 1 < argc)
            snprintf(site.commune, sizeof site.commune, "%s", argv[++i]);
        else if (strcmp(argv[i], "--officer") == 0 && i + 1 < argc)
            officer = argv[++i];
        else
            return field_usage();
    }
    if (!officer || (open && (!site.name[0] || !site.kind[0])))
        return field_usage();
    if (open && c->cfg.unit != UNIT_MOBILE)
        return cli_fail("máy này là máy tại trụ sở (station.unit = counter): không mở phiên lưu "
                        "động");
    if (cli_open_store(c) != 0)
        return 1;
    if (!officer_ok(c, officer))
        return cli_fail("cán bộ %s không có hoặc đã bị khóa trên máy này", officer);
    int rc = open ? store_field_open(c->st, &site, officer, time_now_ms())
                  : store_field_close(c->st, officer, time_now_ms());
    if (rc == STORE_EINVAL)
        return cli_fail("địa điểm không hợp lệ: cần tên (tối đa %d byte) và loại địa điểm "
                        "(thon_ap, to_dan_pho, co_quan_doanh_nghiep, truong_hoc, khac)",
                        APP_SITE_NAME_SIZE - 1);
    if (rc != 0)
        return cli_fail("không ghi được vào kho dữ liệu (%s)", store_strerror(rc));
    return do_status(c);
}
