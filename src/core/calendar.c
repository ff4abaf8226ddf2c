/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Working calendar: parsing the [calendar] settings and counting deadlines in working time. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/calendar.h>
#include <wangge/config.h>
#include <wangge/i18n.h>
#include <wangge/validate.h>
#include "core-int.h"

/* A calendar with no working time would make every walk endless; stop after 30 years. */
#define MAX_DAYS (366 * 30)

static const char *const weekday_keys[7] = {
	"calendar:monday", "calendar:tuesday", "calendar:wednesday", "calendar:thursday",
	"calendar:friday", "calendar:saturday", "calendar:sunday",
};

static const char *set_hours(struct wg_calendar *cal, int weekday, const char *spans);

/* The week as the settings table (config.c) gives it by default: one place for the hours. */
void wg_calendar_default(struct wg_calendar *cal)
{
	memset(cal, 0, sizeof *cal);
	for (int d = 0; d < 7; d++) {
		const struct wg_setting *s = wg_setting_find(weekday_keys[d]);
		if (s)
			set_hours(cal, d, s->def);
	}
}

/* Reads "HH:MM-HH:MM" at *p (after blanks and commas) and moves past it; 0 at the end, -1 when bad. */
static int next_span(const char **p, int *start, int *end)
{
	int h1, m1, h2, m2, n = 0;
	while (**p == ' ' || **p == ',')
		(*p)++;
	if (!**p)
		return 0;
	if (sscanf(*p, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &n) != 4)
		return -1;
	*p += n;
	if (**p && **p != ',' && **p != ' ')
		return -1;
	*start = h1 * 60 + m1;
	*end = h2 * 60 + m2;
	if (h1 < 0 || m1 < 0 || m1 > 59 || h2 < 0 || m2 < 0 || m2 > 59 || *end > 24 * 60 ||
	    *start >= *end)
		return -1;
	return 1;
}

const char *wg_calendar_set_hours(struct wg_calendar *cal, int weekday, const char *spans)
{
	return set_hours(cal, weekday, spans);
}

static const char *set_hours(struct wg_calendar *cal, int weekday, const char *spans)
{
	struct wg_cal_day day = { 0 };
	const char *p = spans ? spans : "";
	int s, e, r;
	while ((r = next_span(&p, &s, &e)) == 1) {
		if (day.nspans == WG_CAL_SPANS)
			return _("too many working spans in one day");
		int i = day.nspans++;
		while (i > 0 && day.start[i - 1] > s) { /* keep the spans in order */
			day.start[i] = day.start[i - 1];
			day.end[i] = day.end[i - 1];
			i--;
		}
		day.start[i] = (short)s;
		day.end[i] = (short)e;
	}
	if (r < 0)
		return _("spans as HH:MM-HH:MM separated by commas are needed, e.g. 09:00-12:00,13:30-17:30");
	for (int i = 1; i < day.nspans; i++)
		if (day.start[i] < day.end[i - 1])
			return _("working spans overlap");
	if (weekday < 0 || weekday > 6)
		return _("no such weekday");
	cal->week[weekday] = day;
	return NULL;
}

static int cmp_date(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

const char *wg_calendar_set_dates(struct wg_calendar *cal, int workdays, const char *dates)
{
	int32_t *list = workdays ? cal->workdays : cal->holidays;
	int *n = workdays ? &cal->nworkdays : &cal->nholidays;
	int32_t tmp[WG_CAL_DATES];
	int count = 0;
	char item[32];
	for (const char *p = dates ? dates : ""; *p;) {
		size_t len = strcspn(p, ",");
		if (len >= sizeof item)
			return _("dates as YYYY-MM-DD separated by commas are needed");
		memcpy(item, p, len);
		item[len] = '\0';
		p += len + (p[len] == ',');
		int y, m, d;
		if (strspn(item, " ") == strlen(item))
			continue;
		if (wg_parse_date(item, &y, &m, &d))
			return _("dates as YYYY-MM-DD separated by commas are needed");
		if (count == WG_CAL_DATES)
			return _("too many dates (at most 400)");
		tmp[count++] = y * 10000 + m * 100 + d;
	}
	qsort(tmp, (size_t)count, sizeof tmp[0], cmp_date);
	memcpy(list, tmp, (size_t)count * sizeof tmp[0]);
	*n = count;
	return NULL;
}

/* date into the holidays (or the adjusted working days), kept sorted and single; out of the
 * other list. */
static void put_date(struct wg_calendar *cal, int workday, int32_t date)
{
	int32_t *list = workday ? cal->workdays : cal->holidays;
	int32_t *other = workday ? cal->holidays : cal->workdays;
	int *n = workday ? &cal->nworkdays : &cal->nholidays;
	int *on = workday ? &cal->nholidays : &cal->nworkdays;
	int i = 0, j = 0;
	for (; i < *on; i++) /* out of the other list */
		if (other[i] != date)
			other[j++] = other[i];
	*on = j;
	for (i = 0; i < *n && list[i] < date; i++)
		;
	if ((i < *n && list[i] == date) || *n == WG_CAL_DATES)
		return;
	memmove(list + i + 1, list + i, (size_t)(*n - i) * sizeof *list);
	list[i] = date;
	(*n)++;
}

static int32_t next_day(int32_t date)
{
	struct tm tm = { .tm_year = date / 10000 - 1900, .tm_mon = date / 100 % 100 - 1,
			 .tm_mday = date % 100 + 1, .tm_hour = 12 };
	mktime(&tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* The State Council's published schedules shipped in data/holidays, every year there is. */
static int lay_official(struct wg_ctx *ctx, struct wg_calendar *cal)
{
	int years[32], n = wg_holidays_years(wg_data_dir(), years, 32);
	char path[4200], why[4400];
	struct wg_holiday_year *hy = malloc(sizeof *hy);
	if (!hy)
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	cal->nyears = 0;
	for (int y = 0; y < n; y++) {
		snprintf(path, sizeof path, "%s/holidays/%04d.txt", wg_data_dir(), years[y]);
		if (wg_holidays_read(path, years[y], hy, why, sizeof why) != 0) {
			free(hy);
			return wg_fail(ctx, WG_EUSAGE, _("%s; fix the file or set calendar:official = false"),
				       why);
		}
		for (int i = 0; i < hy->n; i++)
			for (int32_t d = hy->items[i].from; d <= hy->items[i].to; d = next_day(d))
				put_date(cal, hy->items[i].workday, d);
		cal->years[cal->nyears++] = (short)years[y];
	}
	free(hy);
	return WG_OK;
}

int wg_calendar_has_year(const struct wg_calendar *cal, int year)
{
	for (int i = 0; i < cal->nyears; i++)
		if (cal->years[i] == year)
			return 1;
	return 0;
}

int wg_calendar_from_config(struct wg_ctx *ctx, const struct wg_config *cfg, struct wg_calendar *cal)
{
	const char *why;
	const char *key = NULL;
	int any = 0;
	wg_calendar_default(cal);
	for (int d = 0; d < 7; d++) {
		key = weekday_keys[d];
		if ((why = wg_calendar_set_hours(cal, d, wg_config_str(cfg, key))) != NULL)
			goto bad;
		any |= cal->week[d].nspans > 0;
	}
	if (wg_config_bool(cfg, "calendar:official") && lay_official(ctx, cal) != WG_OK)
		return WG_EUSAGE;
	/* the configuration's own dates over the published ones: a day it names as a holiday is
	 * no longer a working day, and the other way round */
	struct wg_calendar mine;
	key = "calendar:holidays";
	if ((why = wg_calendar_set_dates(&mine, 0, wg_config_str(cfg, key))) != NULL)
		goto bad;
	key = "calendar:workdays";
	if ((why = wg_calendar_set_dates(&mine, 1, wg_config_str(cfg, key))) != NULL)
		goto bad;
	for (int i = 0; i < mine.nholidays; i++)
		put_date(cal, 0, mine.holidays[i]);
	for (int i = 0; i < mine.nworkdays; i++)
		put_date(cal, 1, mine.workdays[i]);
	if (!any)
		return wg_fail(ctx, WG_EUSAGE, _("calendar: no weekday has working hours, so no "
						 "deadline could ever be reached; set calendar:monday "
						 "and the other days"));
	return WG_OK;
bad:
	return wg_fail(ctx, WG_EUSAGE, _("%s = '%s' is not valid: %s"), key, wg_config_str(cfg, key),
		       why);
}

int wg_set_calendar(struct wg_ctx *ctx, const struct wg_calendar *cal)
{
	if (!ctx->calendar && !(ctx->calendar = malloc(sizeof *ctx->calendar)))
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	*ctx->calendar = *cal;
	return WG_OK;
}

const struct wg_calendar *wg_calendar_of(const struct wg_ctx *ctx)
{
	static struct wg_calendar def;
	static int ready;
	if (ctx && ctx->calendar)
		return ctx->calendar;
	if (!ready) {
		wg_calendar_default(&def);
		ready = 1;
	}
	return &def;
}

/* ---- Civil dates as day numbers (days since 1970-01-01), so walking never calls mktime twice. ---- */

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int in_list(const int32_t *list, int n, int32_t ymd)
{
	return bsearch(&ymd, list, (size_t)n, sizeof ymd, cmp_date) != NULL;
}

const struct wg_cal_day *wg_calendar_day(const struct wg_calendar *cal, int y, int m, int d)
{
	static const struct wg_cal_day off = { 0 };
	int32_t ymd = y * 10000 + m * 100 + d;
	if (in_list(cal->holidays, cal->nholidays, ymd))
		return &off;
	if (in_list(cal->workdays, cal->nworkdays, ymd))
		return &cal->week[0];
	long z = days_from_civil(y, m, d);
	return &cal->week[((z % 7) + 7 + 3) % 7]; /* 1970-01-01 was a Thursday */
}

/* Local time of minute min on day z. */
static time_t local_at(long z, int min)
{
	struct tm tm = { 0 };
	civil_from_days(z, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = min / 60;
	tm.tm_min = min % 60;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static long day_of(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* One day of a walk: its spans and the moments of its midnight and the next. */
struct walk {
	const struct wg_calendar *cal;
	long z;
	time_t mid, next;
};

static const struct wg_cal_day *walk_day(struct walk *w)
{
	int y, m, d;
	civil_from_days(w->z, &y, &m, &d);
	w->next = local_at(w->z + 1, 0);
	return wg_calendar_day(w->cal, y, m, d);
}

/* A span edge: plain arithmetic on an ordinary day, mktime on a daylight-saving day. */
static time_t walk_at(const struct walk *w, int min)
{
	return w->next - w->mid == 86400 ? w->mid + (time_t)min * 60 : local_at(w->z, min);
}

static void walk_start(struct walk *w, const struct wg_calendar *cal, time_t t)
{
	w->cal = cal;
	w->z = day_of(t);
	w->mid = local_at(w->z, 0);
}

static void walk_next(struct walk *w)
{
	w->z++;
	w->mid = w->next;
}

time_t wg_calendar_add(const struct wg_calendar *cal, time_t from, long secs)
{
	struct walk w;
	if (secs <= 0)
		return from;
	walk_start(&w, cal, from);
	for (int i = 0; i < MAX_DAYS; i++, walk_next(&w)) {
		const struct wg_cal_day *day = walk_day(&w);
		for (int s = 0; s < day->nspans; s++) {
			time_t a = walk_at(&w, day->start[s]), b = walk_at(&w, day->end[s]);
			if (b <= from)
				continue;
			if (a < from)
				a = from;
			if (secs <= b - a)
				return a + secs;
			secs -= (long)(b - a);
		}
	}
	return from + secs;
}

long wg_calendar_worked(const struct wg_calendar *cal, time_t from, time_t to)
{
	struct walk w;
	long total = 0;
	if (to <= from)
		return 0;
	walk_start(&w, cal, from);
	for (int i = 0; i < MAX_DAYS && w.mid < to; i++, walk_next(&w)) {
		const struct wg_cal_day *day = walk_day(&w);
		for (int s = 0; s < day->nspans; s++) {
			time_t a = walk_at(&w, day->start[s]), b = walk_at(&w, day->end[s]);
			if (a < from)
				a = from;
			if (b > to)
				b = to;
			if (b > a)
				total += (long)(b - a);
		}
	}
	return total;
}

int wg_calendar_working(const struct wg_calendar *cal, time_t t)
{
	return wg_calendar_worked(cal, t, t + 1) > 0;
}

time_t wg_calendar_warn_at(const struct wg_calendar *cal, time_t from, long secs)
{
	return wg_calendar_add(cal, from, (secs * 8 + 9) / 10);
}

enum wg_light wg_light_of(time_t now, time_t warn_at, time_t deadline)
{
	if (!deadline)
		return WG_LIGHT_NONE;
	if (now > deadline)
		return WG_LIGHT_RED;
	return warn_at && now >= warn_at ? WG_LIGHT_YELLOW : WG_LIGHT_GREEN;
}

const char *wg_light_name(enum wg_light l)
{
	static const char *const names[] = { "", "green", "yellow", "red" };
	return names[l];
}

const char *wg_light_label(enum wg_light l)
{
	static const char *const labels[] = { "", N_("on time"), N_("due soon"), N_("overdue") };
	return l == WG_LIGHT_NONE ? "" : _(labels[l]);
}
