/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The working calendar: deadlines across a weekend, a public holiday and an adjusted working Saturday. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include <wangge/calendar.h>
#include <wangge/config.h>
#include <wangge/validate.h>

static struct wg_calendar cal;

static void setup(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	wg_calendar_default(&cal);
}

TestSuite(calendar, .init = setup);

static time_t at(const char *s)
{
	time_t t;
	const char *why = wg_validate_time(s, &t);
	cr_assert_null(why, "%s: %s", s, why);
	return t;
}

#define H(n) ((long)(n) * 3600)

static void expect_add(const char *from, long secs, const char *want)
{
	time_t got = wg_calendar_add(&cal, at(from), secs);
	char buf[32];
	wg_format_time(got, "%Y-%m-%dT%H:%M", buf, sizeof buf);
	cr_expect_str_eq(buf, want, "%s + %ld s", from, secs);
}

Test(calendar, default_hours_and_lunch)
{
	expect_add("2026-03-02T09:00", H(3), "2026-03-02T12:00"); /* ends at the span's end */
	expect_add("2026-03-02T09:00", H(4), "2026-03-02T14:30");
	expect_add("2026-03-02T12:30", H(1), "2026-03-02T14:30"); /* starting in the lunch break */
	expect_add("2026-03-02T07:00", 60, "2026-03-02T09:01");
	expect_add("2026-03-02T09:00", 0, "2026-03-02T09:00");
	cr_expect(wg_calendar_working(&cal, at("2026-03-02T10:00")));
	cr_expect(!wg_calendar_working(&cal, at("2026-03-02T12:45")));
}

Test(calendar, across_a_weekend)
{
	/* Friday 16:00: 1.5 hours left that day, then Monday. */
	expect_add("2026-03-06T16:00", H(3), "2026-03-09T10:30");
	expect_add("2026-03-07T10:00", H(1), "2026-03-09T10:00"); /* reported on a Saturday */
	cr_expect_eq(wg_calendar_worked(&cal, at("2026-03-06T16:00"), at("2026-03-09T10:30")), H(3));
	cr_expect_eq(wg_calendar_worked(&cal, at("2026-03-07T00:00"), at("2026-03-08T23:59")), 0);
}

Test(calendar, public_holiday)
{
	/* 2026-04-06 (Monday) is a holiday: Friday's case waits until Tuesday. */
	cr_assert_null(wg_calendar_set_dates(&cal, 0, "2026-04-06, 2026-05-01"));
	expect_add("2026-04-03T16:00", H(3), "2026-04-07T10:30");
	cr_expect_eq(wg_calendar_day(&cal, 2026, 4, 6)->nspans, 0);
	cr_expect_eq(wg_calendar_day(&cal, 2026, 4, 7)->nspans, 2);
}

Test(calendar, adjusted_working_saturday)
{
	/* Saturday 2026-02-14 is worked (with Monday's hours) in exchange for a holiday. */
	cr_assert_null(wg_calendar_set_dates(&cal, 1, "2026-02-14"));
	cr_assert_null(wg_calendar_set_dates(&cal, 0, "2026-02-16,2026-02-17"));
	expect_add("2026-02-13T16:00", H(3), "2026-02-14T10:30");
	expect_add("2026-02-14T17:00", H(1), "2026-02-18T09:30"); /* Sunday, then two holidays */
	cr_expect_eq(wg_calendar_worked(&cal, at("2026-02-13T00:00"), at("2026-02-19T00:00")), H(7 * 3));
}

Test(calendar, worked_is_the_inverse_of_add)
{
	time_t from = at("2026-03-04T11:17");
	for (long h = 1; h <= 200; h += 7) {
		time_t to = wg_calendar_add(&cal, from, H(h));
		cr_expect_eq(wg_calendar_worked(&cal, from, to), H(h), "%ld hours", h);
	}
	cr_expect_eq(wg_calendar_worked(&cal, from, from - 10), 0);
}

Test(calendar, lights_at_eighty_percent)
{
	/* 10 working hours from Monday 09:00: 80% is 8 hours, reached Tuesday 10:00. */
	time_t start = at("2026-03-02T09:00");
	time_t deadline = wg_calendar_add(&cal, start, H(10));
	time_t warn = wg_calendar_warn_at(&cal, start, H(10));
	cr_assert_eq(warn, at("2026-03-03T10:00"));
	cr_assert_eq(deadline, at("2026-03-03T12:00"));
	cr_expect_eq(wg_light_of(at("2026-03-03T09:59"), warn, deadline), WG_LIGHT_GREEN);
	cr_expect_eq(wg_light_of(warn, warn, deadline), WG_LIGHT_YELLOW);
	cr_expect_eq(wg_light_of(deadline, warn, deadline), WG_LIGHT_YELLOW, "due, not yet overdue");
	cr_expect_eq(wg_light_of(deadline + 1, warn, deadline), WG_LIGHT_RED);
	cr_expect_eq(wg_light_of(deadline + 1, warn, 0), WG_LIGHT_NONE);
	/* Over the lunch break the light does not change: working time does not pass. */
	cr_expect_eq(wg_light_of(at("2026-03-03T12:00"), warn, deadline), WG_LIGHT_YELLOW);
	cr_expect_str_eq(wg_light_name(WG_LIGHT_RED), "red");
}

Test(calendar, bad_hours_and_dates)
{
	cr_expect_not_null(wg_calendar_set_hours(&cal, 0, "9-12"));
	cr_expect_not_null(wg_calendar_set_hours(&cal, 0, "09:00-12:00,11:00-13:00"), "overlap");
	cr_expect_not_null(wg_calendar_set_hours(&cal, 0, "12:00-09:00"));
	cr_expect_not_null(wg_calendar_set_dates(&cal, 0, "2026-02-30"));
	cr_expect_null(wg_calendar_set_hours(&cal, 5, "13:00-15:00, 08:00-10:00"));
	cr_expect_eq(cal.week[5].start[0], 8 * 60, "spans are put in order");
	cr_expect_null(wg_calendar_set_hours(&cal, 6, ""));
	cr_expect_eq(cal.week[6].nspans, 0);
}

static struct wg_config *config_from(struct wg_ctx *ctx, const char *text)
{
	char path[] = "/tmp/wangge-cal-XXXXXX";
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	struct wg_config *cfg = wg_config_new();
	int rc = wg_config_load(cfg, ctx, path, 1, NULL, NULL);
	unlink(path);
	cr_assert_eq(rc, WG_OK, "%s", wg_error(ctx));
	return cfg;
}

Test(calendar, from_config)
{
	struct wg_ctx *ctx = wg_ctx_new();
	struct wg_config *cfg = config_from(ctx, "[calendar]\nsaturday = 09:00-11:00\nofficial = false\n"
						 "holidays = 2026-10-01,2026-10-02\nworkdays = 2026-10-10\n");
	cr_assert_eq(wg_calendar_from_config(ctx, cfg, &cal), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(cal.week[5].nspans, 1);
	cr_expect_eq(cal.nholidays, 2);
	cr_expect_eq(cal.nworkdays, 1);
	cr_assert_eq(wg_set_calendar(ctx, &cal), WG_OK);
	cr_expect_eq(wg_calendar_of(ctx)->week[5].end[0], 11 * 60);
	wg_config_free(cfg);
	cfg = config_from(ctx, "[calendar]\nmonday =\ntuesday =\nwednesday =\nthursday =\nfriday =\n");
	cr_expect_eq(wg_calendar_from_config(ctx, cfg, &cal), WG_EUSAGE, "no working day at all");
	wg_config_free(cfg);
	wg_ctx_free(ctx);
}

Test(calendar, default_when_none_is_set)
{
	struct wg_ctx *ctx = wg_ctx_new();
	const struct wg_calendar *c = wg_calendar_of(ctx);
	cr_expect_eq(c->week[0].nspans, 2);
	cr_expect_eq(c->week[0].start[1], 13 * 60 + 30);
	cr_expect_eq(c->week[6].nspans, 0);
	wg_ctx_free(ctx);
}

/* The default week is the settings table's defaults, not a copy of them. */
Test(calendar, the_default_week_is_the_settings_tables)
{
	static const char *const keys[7] = { "calendar:monday", "calendar:tuesday", "calendar:wednesday",
					     "calendar:thursday", "calendar:friday", "calendar:saturday",
					     "calendar:sunday" };
	struct wg_calendar def, from_table;
	wg_calendar_default(&def);
	memset(&from_table, 0, sizeof from_table);
	for (int d = 0; d < 7; d++) {
		const struct wg_setting *s = wg_setting_find(keys[d]);
		cr_assert_not_null(s);
		cr_assert_null(wg_calendar_set_hours(&from_table, d, s->def));
	}
	cr_assert_eq(memcmp(def.week, from_table.week, sizeof def.week), 0);
	cr_assert_eq(def.week[0].nspans, 2, "weekdays have the table's two spans");
	cr_assert_eq(def.week[6].nspans, 0, "Sunday has none");
}

/* The published schedules shipped in data/holidays are laid in by default, and the
 * configuration's own dates override single days of them. */
Test(calendar, published_holidays_and_overrides)
{
	struct wg_ctx *ctx = wg_ctx_new();
	char dir[] = "/tmp/wg-hol-XXXXXX", sub[64], path[96];
	cr_assert_not_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/holidays", dir);
	cr_assert_eq(mkdir(sub, 0700), 0);
	snprintf(path, sizeof path, "%s/2030.txt", sub);
	FILE *f = fopen(path, "w");
	fputs("# test year\nnotice 测试通知\nholiday 2030-10-01 2030-10-07 国庆节\n"
	      "workday 2030-09-29 国庆节\nworkday 2030-10-12 国庆节\n", f);
	fclose(f);
	setenv("WANGGE_DATADIR", dir, 1);
	struct wg_config *cfg = config_from(ctx, "[calendar]\nworkdays = 2030-10-07\n"
						 "holidays = 2030-10-12\n");
	cr_assert_eq(wg_calendar_from_config(ctx, cfg, &cal), WG_OK, "%s", wg_error(ctx));
	cr_expect(wg_calendar_has_year(&cal, 2030));
	cr_expect(!wg_calendar_has_year(&cal, 2031), "no data, no year");
	cr_expect_eq(wg_calendar_day(&cal, 2030, 10, 3)->nspans, 0, "a published holiday (Thursday)");
	cr_expect_eq(wg_calendar_day(&cal, 2030, 9, 29)->nspans, 2, "a published workday (Sunday)");
	cr_expect_eq(wg_calendar_day(&cal, 2030, 10, 7)->nspans, 2, "the config made it a workday");
	cr_expect_eq(wg_calendar_day(&cal, 2030, 10, 12)->nspans, 0, "the config made it a holiday");
	wg_config_free(cfg);
	cfg = config_from(ctx, "[calendar]\nofficial = false\n");
	cr_assert_eq(wg_calendar_from_config(ctx, cfg, &cal), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(wg_calendar_day(&cal, 2030, 10, 3)->nspans, 2, "official = false: a Thursday");
	wg_config_free(cfg);
	f = fopen(path, "w");
	fputs("notice 测试通知\nholiday 2031-10-01 国庆节\n", f);
	fclose(f);
	cfg = config_from(ctx, "[calendar]\n");
	cr_expect_eq(wg_calendar_from_config(ctx, cfg, &cal), WG_EUSAGE);
	cr_expect(strstr(wg_error(ctx), "2030.txt:2:") != NULL, "%s", wg_error(ctx));
	wg_config_free(cfg);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
	wg_ctx_free(ctx);
}

Test(calendar, the_shipped_years_read_cleanly)
{
	const char *top = getenv("TOP_SRCDIR");
	char dir[512], path[600], why[700];
	int years[32];
	snprintf(dir, sizeof dir, "%s/data", top ? top : "..");
	int n = wg_holidays_years(dir, years, 32);
	cr_assert_geq(n, 3, "2024, 2025 and 2026 are shipped");
	for (int i = 0; i < n; i++) {
		struct wg_holiday_year hy;
		snprintf(path, sizeof path, "%s/holidays/%d.txt", dir, years[i]);
		cr_expect_eq(wg_holidays_read(path, years[i], &hy, why, sizeof why), 0, "%s", why);
		cr_expect(strstr(hy.notice, "国务院办公厅关于") != NULL, "%d names its notice", years[i]);
		for (int j = 0; j < hy.n; j++) /* a weekend day worked is a Saturday or Sunday */
			if (hy.items[j].workday) {
				struct tm tm = { .tm_year = hy.items[j].from / 10000 - 1900,
						 .tm_mon = hy.items[j].from / 100 % 100 - 1,
						 .tm_mday = hy.items[j].from % 100, .tm_hour = 12 };
				mktime(&tm);
				cr_expect(tm.tm_wday == 0 || tm.tm_wday == 6, "%d is a weekday",
					  hy.items[j].from);
			}
	}
}
