/* validate_pid.c: the 12-digit personal ID number (số định danh cá nhân).
 *
 * Structure (Decree 137/2015/NĐ-CP art. 13, Circular 07/2016/TT-BCA art. 7): PPP G YY NNNNNN
 *   PPP  province/city of birth registration (provinces.c),
 *   G    century and sex: 0/1 = 20th century (1900-1999) male/female, 2/3 = 21st, 4/5 = 22nd,
 *        6/7 = 23rd, 8/9 = 24th (2300-2399) — even is male, odd is female,
 *   YY   year of birth mod 100,
 *   NNNNNN a random serial.
 * There is no check digit. A citizen enrolling today was born 1900-2099, so without a date of
 * birth only G in 0-3 is accepted; with one, G and YY must give exactly its year.
 * Guarantees: reads at most 13 bytes of pid; no allocation; no state. */
#include "kiosk/model/validate.h"

#include <string.h>

#define PID_LEN 12

static int digits_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

enum msg_id val_personal_id(const char *pid, const char *dob, char sex)
{
    size_t n;
    int g, birth_year, code_year;
    char province[4];
    enum msg_id m;

    if (pid == NULL || pid[0] == '\0')
        return MSG_PID_LENGTH;
    n = strnlen(pid, PID_LEN + 1);
    if (!digits_only(pid, n))
        return MSG_PID_DIGITS;
    if (n != PID_LEN)
        return MSG_PID_LENGTH;

    memcpy(province, pid, 3);
    province[3] = '\0';
    if (val_province_name(province) == NULL)
        return MSG_PID_PROVINCE;

    g = pid[3] - '0';
    code_year = 1900 + 100 * (g / 2) + (pid[4] - '0') * 10 + (pid[5] - '0');

    if (dob != NULL && dob[0] != '\0') {
        if ((m = val_date(dob, NULL)) != MSG_NONE)
            return m;
        birth_year =
            (dob[0] - '0') * 1000 + (dob[1] - '0') * 100 + (dob[2] - '0') * 10 + (dob[3] - '0');
        if (birth_year / 100 != code_year / 100)
            return MSG_PID_CENTURY;
        if (birth_year != code_year)
            return MSG_PID_YEAR_MISMATCH;
    } else if (g > 3) {
        return MSG_PID_CENTURY;
    }

    if (sex == 'M' || sex == 'm') {
        if (g % 2 != 0)
            return MSG_PID_SEX_MISMATCH;
    } else if (sex == 'F' || sex == 'f') {
        if (g % 2 != 1)
            return MSG_PID_SEX_MISMATCH;
    }
    return MSG_NONE;
}
