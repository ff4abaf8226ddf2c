/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The working calendar: office hours, holidays, adjusted working days; deadlines in working time. */
#ifndef WANGGE_CALENDAR_H
#define WANGGE_CALENDAR_H

#include <stdint.h>
#include <time.h>
#include <wangge/config.h>
#include <wangge/core.h>

#define WG_CAL_SPANS 6   /* working spans in one day */
#define WG_CAL_DATES 400 /* holidays (and, separately, adjusted working days) */

/* One day's working spans, in minutes since midnight, ascending and apart. */
struct wg_cal_day {
	int nspans;
	short start[WG_CAL_SPANS], end[WG_CAL_SPANS];
};

struct wg_calendar {
	struct wg_cal_day week[7]; /* [0] Monday .. [6] Sunday */
	/* Dates as YYYYMMDD numbers, sorted.  A holiday has no working hours; an
	 * adjusted working day (a weekend day worked instead of a holiday) has
	 * Monday's hours.  A date in both lists is a holiday. */
	int nholidays, nworkdays;
	int32_t holidays[WG_CAL_DATES];
	int32_t workdays[WG_CAL_DATES];
	/* The years whose published schedule is laid in (data/holidays), ascending. */
	int nyears;
	short years[32];
};

/* Monday to Friday 09:00-12:00 and 13:30-17:30, no holidays. */
void wg_calendar_default(struct wg_calendar *cal);

/* Sets one weekday (0 Monday .. 6 Sunday) from "HH:MM-HH:MM,..." (empty: a day
 * off).  Returns NULL or a translated reason. */
const char *wg_calendar_set_hours(struct wg_calendar *cal, int weekday, const char *spans);
/* Replaces the holidays (or the adjusted working days) from "YYYY-MM-DD,...". */
const char *wg_calendar_set_dates(struct wg_calendar *cal, int workdays, const char *dates);

/* Builds the calendar from the [calendar] settings; a bad or empty calendar
 * fails naming the setting. */
int wg_calendar_from_config(struct wg_ctx *ctx, const struct wg_config *cfg, struct wg_calendar *cal);

/* The calendar deadlines are counted on (a copy is kept); until one is set,
 * the default calendar applies. */
int wg_set_calendar(struct wg_ctx *ctx, const struct wg_calendar *cal);
const struct wg_calendar *wg_calendar_of(const struct wg_ctx *ctx);

/* The working spans of a local date (holidays and adjusted days applied). */
const struct wg_cal_day *wg_calendar_day(const struct wg_calendar *cal, int y, int m, int d);

/* The moment when secs seconds of working time have passed after from (from
 * itself when secs <= 0).  A result at the end of a span stays there. */
time_t wg_calendar_add(const struct wg_calendar *cal, time_t from, long secs);
/* Seconds of working time between from and to (0 when to <= from). */
long wg_calendar_worked(const struct wg_calendar *cal, time_t from, time_t to);
/* Whether t falls inside working hours. */
int wg_calendar_working(const struct wg_calendar *cal, time_t t);

/* Deadline lights: red once the deadline has passed, yellow once 80% of the
 * limit (in working time) is used, green before. */
enum wg_light { WG_LIGHT_NONE = 0, WG_LIGHT_GREEN, WG_LIGHT_YELLOW, WG_LIGHT_RED };

/* The warning moment of a limit of secs started at from: 80% of it, rounded up. */
time_t wg_calendar_warn_at(const struct wg_calendar *cal, time_t from, long secs);
enum wg_light wg_light_of(time_t now, time_t warn_at, time_t deadline);
const char *wg_light_name(enum wg_light l);  /* "green", ... ("" for none) */
const char *wg_light_label(enum wg_light l); /* translated */

/* ---- The published holidays (holidays.c) ---- */

#define WG_HOLIDAY_ITEMS 48

/* One line of a year's schedule: days off from..to (YYYYMMDD), or one weekend day worked. */
struct wg_holiday {
	int32_t from, to;
	int workday;
	char name[48];
};

struct wg_holiday_year {
	int year;
	char notice[160]; /* the State Council's notice the dates are taken from */
	int n;
	struct wg_holiday items[WG_HOLIDAY_ITEMS];
};

/* The data folder: WANGGE_DATADIR, else the installed one. */
const char *wg_data_dir(void);
/* The years dir/holidays/YYYY.txt has, ascending, at most max. */
int wg_holidays_years(const char *dir, int *years, int max);
/* Reads one year's file; -1 and why (FILE:LINE: reason) when it is not well formed. */
int wg_holidays_read(const char *path, int year, struct wg_holiday_year *hy, char *why, size_t whysz);
/* Whether the calendar has the published schedule of year. */
int wg_calendar_has_year(const struct wg_calendar *cal, int year);

#endif
