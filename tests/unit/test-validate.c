/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for field validation (ID number, phone, dates, times, numbers, text) and masking. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wangge/validate.h>

#define assert_ok(call) cr_assert_null((call), "%s: %s", #call, (call))
#define assert_says(call, part) \
	do { \
		const char *msg_ = (call); \
		cr_assert_not_null(msg_, "%s should fail", #call); \
		cr_assert_not_null(strstr(msg_, (part)), "%s: \"%s\" lacks \"%s\"", #call, msg_, (part)); \
	} while (0)

/* Check character computed from the definition of ISO 7064 MOD 11-2 (each
 * digit weighted by 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11),
 * not from a weight table as the code under test does. */
static char iso7064_check(const char *d)
{
	int sum = 0, weight = 1;
	for (int i = 16; i >= 0; i--) {
		weight = weight * 2 % 11;
		sum += (d[i] - '0') * weight;
	}
	int c = (12 - sum % 11) % 11;
	return c == 10 ? 'X' : (char)('0' + c);
}

/* An 18-character number from region (6), birth YYYYMMDD (8) and sequence (3). */
static const char *make_id(const char *region, const char *birth, const char *seq)
{
	static char id[19];
	snprintf(id, sizeof id, "%s%s%s?", region, birth, seq);
	id[17] = iso7064_check(id);
	return id;
}

Test(id_number, well_known_sample)
{
	struct wg_id_number out;
	cr_assert_eq(iso7064_check("11010519491231002X"), 'X');
	assert_ok(wg_validate_id_number("11010519491231002X", 2024, 6, 1, &out));
	cr_assert_str_eq(out.number, "11010519491231002X");
	cr_assert_str_eq(out.birth, "1949-12-31");
	cr_assert_eq(out.gender, 'F');
	cr_assert_str_eq(out.region, "110105");
	cr_assert_eq(wg_id_check_char("11010519491231002"), 'X');
}

Test(id_number, built_numbers_and_gender)
{
	struct wg_id_number out;
	const char *id = make_id("440305", "20000229", "013");
	assert_ok(wg_validate_id_number(id, 2024, 6, 1, &out));
	cr_assert_str_eq(out.birth, "2000-02-29");
	cr_assert_eq(out.gender, 'M');
	cr_assert_str_eq(out.region, "440305");
	for (int seq = 0; seq < 40; seq++) {
		char s[4];
		snprintf(s, sizeof s, "%03d", seq * 7);
		id = make_id("310104", "19851107", s);
		assert_ok(wg_validate_id_number(id, 2024, 6, 1, &out));
		cr_assert_eq(out.gender, (seq * 7 % 10) % 2 ? 'M' : 'F', "%s", id);
		cr_assert_eq(wg_id_check_char(id), id[17]);
	}
}

Test(id_number, lower_case_x_and_blanks)
{
	struct wg_id_number out;
	assert_ok(wg_validate_id_number("11010519491231002x", 2024, 6, 1, &out));
	cr_assert_str_eq(out.number, "11010519491231002X");
	assert_ok(wg_validate_id_number("  11010519491231002X\t", 2024, 6, 1, &out));
	cr_assert_str_eq(out.number, "11010519491231002X");
	assert_ok(wg_validate_id_number("\xE3\x80\x80" "11010519491231002X", 2024, 6, 1, NULL));
}

Test(id_number, wrong_check_character_names_the_right_one)
{
	assert_says(wg_validate_id_number("110105194912310025", 2024, 6, 1, NULL), "is X;");
	char id[19];
	strcpy(id, make_id("320102", "19720815", "461"));
	char right = id[17];
	id[17] = right == '0' ? '1' : '0';
	char want[8];
	snprintf(want, sizeof want, "is %c;", right);
	assert_says(wg_validate_id_number(id, 2024, 6, 1, NULL), want);
}

Test(id_number, birth_dates_that_do_not_exist)
{
	assert_says(wg_validate_id_number(make_id("110105", "19900230", "123"), 2024, 6, 1, NULL), "1990-02-30");
	assert_says(wg_validate_id_number(make_id("110105", "19000229", "123"), 2024, 6, 1, NULL), "does not exist");
	assert_says(wg_validate_id_number(make_id("110105", "19901301", "123"), 2024, 6, 1, NULL), "does not exist");
	assert_says(wg_validate_id_number(make_id("110105", "19900100", "123"), 2024, 6, 1, NULL), "does not exist");
	assert_says(wg_validate_id_number(make_id("110105", "18991231", "123"), 2024, 6, 1, NULL), "before 1900");
	assert_ok(wg_validate_id_number(make_id("110105", "19000101", "123"), 2024, 6, 1, NULL));
	assert_ok(wg_validate_id_number(make_id("110105", "20240229", "123"), 2024, 6, 1, NULL));
}

Test(id_number, birth_date_in_the_future)
{
	assert_says(wg_validate_id_number(make_id("110105", "20240602", "123"), 2024, 6, 1, NULL), "after today");
	assert_says(wg_validate_id_number(make_id("110105", "20250101", "123"), 2024, 6, 1, NULL), "after today");
	assert_ok(wg_validate_id_number(make_id("110105", "20240601", "123"), 2024, 6, 1, NULL));
}

Test(id_number, old_fifteen_digit_numbers_refused)
{
	const char *msg = wg_validate_id_number("110105491231002", 2024, 6, 1, NULL);
	cr_assert_not_null(msg);
	cr_assert_not_null(strstr(msg, "15-digit"));
	cr_assert_not_null(strstr(msg, "18-digit"));
}

Test(id_number, wrong_characters_and_lengths)
{
	assert_says(wg_validate_id_number("1101051949123A002X", 2024, 6, 1, NULL), "position 14");
	assert_says(wg_validate_id_number("X10105194912310020", 2024, 6, 1, NULL), "position 1");
	assert_says(wg_validate_id_number("11010519491231002Y", 2024, 6, 1, NULL), "digit or X");
	assert_says(wg_validate_id_number("甲10105194912310020", 2024, 6, 1, NULL), "position 1");
	assert_says(wg_validate_id_number("11010519491231002", 2024, 6, 1, NULL), "has 17 characters");
	assert_says(wg_validate_id_number("11010519491231002X1", 2024, 6, 1, NULL), "has 19 characters");
	assert_says(wg_validate_id_number("", 2024, 6, 1, NULL), "empty");
	assert_says(wg_validate_id_number("1.10105E+17", 2024, 6, 1, NULL), "spreadsheet");
	assert_says(wg_validate_id_number("\xff\xfe", 2024, 6, 1, NULL), "UTF-8");
}

Test(phone, mobiles_are_normalised)
{
	char out[WG_PHONE_SIZE];
	enum wg_phone_kind kind = 0;
	static const char *const forms[] = {
		"13800138000", "138 0013 8000", "138-0013-8000", " 138 0013-8000 ", "+86 138 0013 8000", "+8613800138000",
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		assert_ok(wg_validate_phone(forms[i], out, sizeof out, &kind));
		cr_assert_str_eq(out, "13800138000", "%s", forms[i]);
		cr_assert_eq(kind, WG_PHONE_MOBILE);
	}
	assert_ok(wg_validate_phone("19912345678", NULL, 0, NULL));
}

Test(phone, landlines)
{
	char out[WG_PHONE_SIZE];
	enum wg_phone_kind kind = 0;
	static const char *const in[][2] = {
		{ "010-12345678", "010-12345678" }, { "0755-1234567", "0755-1234567" },
		{ "075512345678", "0755-12345678" }, { "(021) 6234 5678", "021-62345678" },
		{ "12345678", "12345678" }, { "6234567", "6234567" },
	};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		kind = 0;
		assert_ok(wg_validate_phone(in[i][0], out, sizeof out, &kind));
		cr_assert_str_eq(out, in[i][1]);
		cr_assert_eq(kind, WG_PHONE_LANDLINE, "%s", in[i][0]);
	}
}

Test(phone, refused)
{
	assert_says(wg_validate_phone("12800138000", NULL, 0, NULL), "3 to 9");
	assert_says(wg_validate_phone("1380013800", NULL, 0, NULL), "has 10 digits");
	assert_says(wg_validate_phone("138001380001", NULL, 0, NULL), "has 12 digits");
	assert_says(wg_validate_phone("010-123456", NULL, 0, NULL), "after the area code 010");
	assert_says(wg_validate_phone("0755-123456789", NULL, 0, NULL), "after the area code 0755");
	assert_says(wg_validate_phone("123456", NULL, 0, NULL), "has 6 digits");
	assert_says(wg_validate_phone("0086 13800138000", NULL, 0, NULL), "00");
	assert_says(wg_validate_phone("138o0138000", NULL, 0, NULL), "other than digits");
	assert_says(wg_validate_phone("", NULL, 0, NULL), "empty");
	assert_says(wg_validate_phone(" - ", NULL, 0, NULL), "empty");
}

static const char *mask_id(const char *v)
{
	static char out[64];
	wg_mask_id_number(v, out, sizeof out);
	return out;
}

static const char *mask_phone(const char *v)
{
	static char out[64];
	wg_mask_phone(v, out, sizeof out);
	return out;
}

Test(mask, id_numbers)
{
	cr_assert_str_eq(mask_id("11010519491231123X"), "110105********123X");
	cr_assert_str_eq(mask_id("11010519491231002x"), "110105********002X");
	cr_assert_str_eq(mask_id(" 110105194912310021 "), "110105********0021");
	cr_assert_str_eq(mask_id("110105491231002"), "110105*****1002");
}

Test(mask, phones)
{
	cr_assert_str_eq(mask_phone("13812345678"), "138****5678");
	cr_assert_str_eq(mask_phone("138 1234 5678"), "138****5678");
	cr_assert_str_eq(mask_phone("010-12345678"), "010-******78");
	cr_assert_str_eq(mask_phone("0755-1234567"), "0755-*****67");
	cr_assert_str_eq(mask_phone("01012345678"), "010-******78");
	cr_assert_str_eq(mask_phone("62345678"), "******78");
}

Test(mask, malformed_values_are_never_shown)
{
	cr_assert_str_eq(mask_id("12345"), "*****");
	cr_assert_str_eq(mask_id("1101051949123"), "************3");
	cr_assert_str_eq(mask_id("张三"), "**");
	cr_assert_str_eq(mask_id("110105194912310A2X"), "*****************X");
	cr_assert_str_eq(mask_id(""), "");
	cr_assert_str_eq(mask_phone("12345"), "*****");
	cr_assert_str_eq(mask_phone("1380013800"), "*********0");
	cr_assert_str_eq(mask_phone("call 138"), "*******8");
}

Test(mask, small_buffers_are_cut_and_terminated)
{
	char out[5];
	wg_mask_phone("13812345678", out, sizeof out);
	cr_assert_str_eq(out, "138*");
	wg_mask_id_number("11010519491231123X", out, sizeof out);
	cr_assert_str_eq(out, "");
	char one[1] = { 'x' };
	wg_mask_phone("13812345678", one, sizeof one);
	cr_assert_eq(one[0], '\0');
}

Test(date, all_the_written_forms)
{
	static const char *const forms[] = {
		"2024-03-05", "2024-3-5", "2024/3/5", "2024/03/05", "2024.3.5", "20240305",
		"2024年3月5日", "2024年03月05日", "2024年3月5", " 2024-03-05 ",
	};
	char out[WG_DATE_SIZE];
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		memset(out, 0, sizeof out);
		assert_ok(wg_validate_date(forms[i], out, sizeof out));
		cr_assert_str_eq(out, "2024-03-05", "%s", forms[i]);
	}
	int y = 0, m = 0, d = 0;
	assert_ok(wg_parse_date("1999/12/31", &y, &m, &d));
	cr_assert(y == 1999 && m == 12 && d == 31);
}

Test(date, leap_years)
{
	char out[WG_DATE_SIZE];
	assert_ok(wg_validate_date("2024-02-29", out, sizeof out));
	assert_ok(wg_validate_date("2000/2/29", out, sizeof out));
	cr_assert_str_eq(out, "2000-02-29");
	assert_says(wg_validate_date("2023-02-29", out, sizeof out), "no day 29 in 2023-02");
	assert_says(wg_validate_date("1900-02-29", out, sizeof out), "no day 29 in 1900-02");
	assert_says(wg_validate_date("21000229", out, sizeof out), "no day 29");
	cr_assert(wg_date_exists(2024, 2, 29) && wg_date_exists(2000, 2, 29));
	cr_assert(!wg_date_exists(1900, 2, 29) && !wg_date_exists(2023, 2, 29));
	cr_assert(wg_date_exists(2023, 12, 31) && !wg_date_exists(2023, 4, 31));
	cr_assert(!wg_date_exists(2023, 0, 1) && !wg_date_exists(2023, 1, 0) && !wg_date_exists(0, 1, 1));
}

Test(date, refused)
{
	int y = 7, m = 7, d = 7;
	assert_says(wg_parse_date("2024-13-01", &y, &m, &d), "month 13");
	cr_assert(y == 7 && m == 7 && d == 7, "outputs untouched on failure");
	assert_says(wg_parse_date("2024-00-10", &y, &m, &d), "month 0");
	assert_says(wg_parse_date("2024-04-31", &y, &m, &d), "no day 31");
	assert_says(wg_parse_date("2024-04-00", &y, &m, &d), "no day 0");
	assert_says(wg_parse_date("", &y, &m, &d), "empty");
	static const char *const bad[] = {
		"2024-03/05", "24-03-05", "2024-3-", "2024-003-05", "2024-03-05x", "202403051", "2024 03 05",
		"2024年3-5", "March 5", "0000-01-01", "2024--03-05",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_says(wg_parse_date(bad[i], &y, &m, &d), "YYYY-MM-DD");
}

static void use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

Test(now, forms_in_a_fixed_zone)
{
	time_t t = 0;
	use_tz("CST-8");
	assert_ok(wg_validate_time("2024-03-15T09:30", &t));
	cr_assert_eq(t, 1710466200);
	assert_ok(wg_validate_time("2024-03-15 09:30", &t));
	cr_assert_eq(t, 1710466200);
	assert_ok(wg_validate_time("2024-03-15T9:30:00", &t));
	cr_assert_eq(t, 1710466200);
	assert_ok(wg_validate_time("2024-03-15", &t));
	cr_assert_eq(t, 1710432000, "a date alone is local midnight");
	use_tz("UTC0");
	assert_ok(wg_validate_time("2024-02-29", &t));
	cr_assert_eq(t, 1709164800);
}

Test(now, daylight_saving_is_worked_out)
{
	time_t t = 0;
	use_tz("EST5EDT,M3.2.0,M11.1.0");
	assert_ok(wg_validate_time("2024-07-01T12:00", &t));
	cr_assert_eq(t, 1719849600);
	assert_ok(wg_validate_time("2024-01-15 12:00", &t));
	cr_assert_eq(t, 1705338000);
}

Test(now, refused)
{
	time_t t = 42;
	use_tz("UTC0");
	assert_says(wg_validate_time("2024-03-15T24:00", &t), "23:59");
	assert_says(wg_validate_time("2024-03-15T12:60", &t), "23:59");
	assert_says(wg_validate_time("2024-03-15T09:3", &t), "HH:MM");
	assert_says(wg_validate_time("2024-03-15T", &t), "HH:MM");
	assert_says(wg_validate_time("2024-03-15T0930", &t), "HH:MM");
	assert_says(wg_validate_time("2024-02-30T10:00", &t), "no day 30");
	assert_says(wg_validate_time("yesterday", &t), "YYYY-MM-DD");
	assert_says(wg_validate_time("", &t), "empty");
	cr_assert_eq(t, 42);
}

Test(integer, in_range)
{
	long v = 0;
	assert_ok(wg_validate_int("42", 1, 100, &v));
	cr_assert_eq(v, 42);
	assert_ok(wg_validate_int(" -5 ", -10, 10, &v));
	cr_assert_eq(v, -5);
	assert_ok(wg_validate_int("+7", 0, 10, &v));
	cr_assert_eq(v, 7);
	assert_ok(wg_validate_int("100", 1, 100, NULL));
	assert_says(wg_validate_int("101", 1, 100, &v), "from 1 to 100");
	assert_says(wg_validate_int("0", 1, 100, &v), "is 0;");
	assert_says(wg_validate_int("99999999999999999999", 1, 100, &v), "from 1 to 100");
	assert_says(wg_validate_int("4.5", 1, 100, &v), "whole number");
	assert_says(wg_validate_int("abc", 1, 100, &v), "whole number");
	assert_says(wg_validate_int("0x10", 1, 100, &v), "whole number");
	assert_says(wg_validate_int("- 5", -10, 10, &v), "whole number");
	assert_says(wg_validate_int("", 1, 100, &v), "empty");
	cr_assert_eq(v, 7);
}

Test(text, length_in_characters)
{
	assert_ok(wg_validate_text("张三", 2));
	assert_ok(wg_validate_text(" ab ", 2));
	assert_ok(wg_validate_text("a", 1));
	assert_says(wg_validate_text("张三丰", 2), "is 3 characters long");
	assert_says(wg_validate_text("abc", 2), "at most 2");
}

Test(text, blank_control_and_bad_bytes)
{
	assert_says(wg_validate_text("", 10), "blank");
	assert_says(wg_validate_text("  \t ", 10), "blank");
	assert_says(wg_validate_text("\xE3\x80\x80", 10), "blank");
	assert_says(wg_validate_text("a\nb", 10), "control");
	assert_says(wg_validate_text("a\tb", 10), "control");
	assert_says(wg_validate_text("a\x7f", 10), "control");
	assert_says(wg_validate_text("ab\xff", 10), "UTF-8");
	assert_says(wg_validate_text("\xE5\xBC", 10), "UTF-8");
}

Test(utf8, decoding)
{
	const char *s = "a张😀";
	cr_assert_eq(wg_utf8_next(&s), 'a');
	cr_assert_eq(wg_utf8_next(&s), 0x5F20);
	cr_assert_eq(wg_utf8_next(&s), 0x1F600);
	cr_assert_eq(wg_utf8_next(&s), 0);
	cr_assert_eq(wg_utf8_next(&s), 0, "stays at the end");
	static const char *const bad[] = { "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE5\xBC", "\x80", "\xFF" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		s = bad[i];
		cr_assert_eq(wg_utf8_next(&s), WG_UTF8_INVALID, "case %zu", i);
		cr_assert_eq(s, bad[i] + 1, "one byte skipped");
	}
}

Test(validate, numbers_a_spreadsheet_mangled)
{
	cr_expect_not_null(wg_spreadsheet_mangled("1.10105E+17"));
	cr_expect_not_null(wg_spreadsheet_mangled(" 1.10105e+14 "));
	cr_expect_not_null(wg_spreadsheet_mangled("1E5"));
	cr_expect_null(wg_spreadsheet_mangled("110105199003071239"));
	cr_expect_null(wg_spreadsheet_mangled("E+17"));
	cr_expect_null(wg_spreadsheet_mangled("1.5"));
	cr_expect_null(wg_spreadsheet_mangled("12E"));
	const char *why = wg_validate_phone("1.38001E+10", NULL, 0, NULL);
	cr_assert_not_null(why);
	cr_expect(strstr(why, "spreadsheet") != NULL, "%s", why);
	why = wg_validate_id_number("1.10105E+17", 2026, 11, 25, NULL);
	cr_assert_not_null(why);
	cr_expect(strstr(why, "spreadsheet") != NULL, "%s", why);
}

/* What Chinese input methods and spreadsheets do to numbers: full-width digits, groups, marks. */
Test(fold, full_width_forms_become_ascii)
{
	char out[64];
	wg_fold_width("１２３ＡＢｃ（）＃－\xE3\x80\x80甲", out, sizeof out);
	cr_assert_str_eq(out, "123ABc()#- 甲");
	wg_fold_width("１２３４", out, 3);
	cr_assert_str_eq(out, "12", "cut to fit, terminated");
	char code[] = " １１０１０５ 001\t";
	wg_tidy_code(code);
	cr_assert_str_eq(code, "110105001");
}

Test(fold, id_numbers_typed_in_groups_or_full_width)
{
	struct wg_id_number out;
	const char *id = make_id("110105", "19491231", "002");
	char grouped[64], wide[128] = "", marked[32];
	snprintf(grouped, sizeof grouped, "%.6s %.8s %.4s", id, id + 6, id + 14);
	for (int i = 0; i < 18; i++) /* every digit as its full-width form U+FF10.. */
		snprintf(wide + strlen(wide), sizeof wide - strlen(wide), "\xEF\xBC%c",
			 (char)(0x90 + id[i] - '0'));
	snprintf(marked, sizeof marked, "'%s", id);
	const char *forms[] = { grouped, wide, marked };
	for (size_t i = 0; i < 3; i++) {
		assert_ok(wg_validate_id_number(forms[i], 2024, 6, 1, &out));
		cr_assert_str_eq(out.number, id, "%s", forms[i]);
	}
}

Test(fold, phones_and_dates_in_full_width)
{
	char out[WG_PHONE_SIZE], date[WG_DATE_SIZE];
	assert_ok(wg_validate_phone("１３８００１３８０００", out, sizeof out, NULL));
	cr_assert_str_eq(out, "13800138000");
	assert_ok(wg_validate_phone("（010）12345678", out, sizeof out, NULL));
	cr_assert_str_eq(out, "010-12345678");
	assert_ok(wg_validate_date("２０２４年３月５日", date, sizeof date));
	cr_assert_str_eq(date, "2024-03-05");
}

Test(date, midnight_after_the_date_and_day_counts)
{
	static const char *const forms[] = { "2024-03-05 00:00:00", "2024/3/5 0:00", "2024-03-05T00:00",
					     "2024/3/5 00:00" };
	char out[WG_DATE_SIZE];
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		assert_ok(wg_validate_date(forms[i], out, sizeof out));
		cr_assert_str_eq(out, "2024-03-05", "%s", forms[i]);
	}
	assert_says(wg_validate_date("2024-03-05 12:30", out, sizeof out), "YYYY-MM-DD");
	assert_says(wg_validate_date("45356", out, sizeof out), "day count");
}

Test(clock, times_of_day)
{
	int m = -1;
	assert_ok(wg_validate_clock("09:30", &m));
	cr_assert_eq(m, 570);
	assert_ok(wg_validate_clock(" 7:05 ", &m));
	cr_assert_eq(m, 425);
	assert_ok(wg_validate_clock("２３：５９", &m));
	cr_assert_eq(m, 23 * 60 + 59, "full-width digits and colon");
	assert_says(wg_validate_clock("24:00", &m), "HH:MM");
	assert_says(wg_validate_clock("7点", &m), "HH:MM");
	assert_says(wg_validate_clock("", &m), "empty");
}

/* GB 32100: the standard's own example, a wrong check character named with the right one,
 * lower case, groups, the old 15-digit numbers and the letters the code never uses. */
Test(validate, unified_social_credit_codes)
{
	char out[19];
	cr_assert_null(wg_validate_credit_code("91350100M000100Y43", out));
	cr_assert_str_eq(out, "91350100M000100Y43");
	cr_assert_null(wg_validate_credit_code("91110000802100433B", NULL));
	cr_assert_null(wg_validate_credit_code(" 91350100m000100y43 ", out), "lower case is taken");
	cr_assert_str_eq(out, "91350100M000100Y43");
	cr_assert_null(wg_validate_credit_code("9135 0100 M000 100Y43", NULL), "typed in groups");
	const char *why = wg_validate_credit_code("91350100M000100Y44", out);
	cr_assert_not_null(why);
	cr_assert(strstr(why, "ends in 4") && strstr(why, "is 3"), "%s", why);
	why = wg_validate_credit_code("110108000000016", NULL);
	cr_assert(why && strstr(why, "15-digit"), "%s", why ? why : "(accepted)");
	why = wg_validate_credit_code("91350100M000100I43", NULL);
	cr_assert(why && strstr(why, "character 16 (I)"), "%s", why ? why : "(accepted)");
	why = wg_validate_credit_code("91350100M00010", NULL);
	cr_assert(why && strstr(why, "has 14 characters"), "%s", why ? why : "(accepted)");
	cr_assert_not_null(wg_validate_credit_code("", NULL));
	cr_assert_eq(wg_credit_check_char("91110105MA0000000"), 'Y');
}
