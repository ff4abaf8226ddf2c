/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge calendar show [YEAR]: the year's published holidays and what the configuration
 * changes of them, as deadlines count them. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wangge/calendar.h>
#include <wangge/config.h>
#include <wangge/i18n.h>
#include "cli.h"

static int in_list(const int32_t *list, int n, int32_t d)
{
	for (int i = 0; i < n; i++)
		if (list[i] == d)
			return 1;
	return 0;
}

static int32_t next_day(int32_t d)
{
	struct tm tm = { .tm_year = d / 10000 - 1900, .tm_mon = d / 100 % 100 - 1,
			 .tm_mday = d % 100 + 1, .tm_hour = 12 };
	mktime(&tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static void print_date(int32_t d)
{
	printf("%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
}

/* Whether the published schedule has d as a day off (workday 0) or a day worked (1). */
static int published(const struct wg_holiday_year *hy, int workday, int32_t d)
{
	for (int i = 0; hy && i < hy->n; i++)
		if (hy->items[i].workday == workday && d >= hy->items[i].from && d <= hy->items[i].to)
			return 1;
	return 0;
}

/* The configuration's own changes in the year: dates the calendar has that the schedule
 * does not, and the schedule's that the calendar dropped. */
static void print_changes(const struct wg_calendar *cal, const struct wg_holiday_year *hy, int year)
{
	for (int w = 0; w < 2; w++) {
		const int32_t *list = w ? cal->workdays : cal->holidays;
		int n = w ? cal->nworkdays : cal->nholidays;
		for (int i = 0; i < n; i++)
			if (list[i] / 10000 == year && !published(hy, w, list[i]) &&
			    !published(hy, !w, list[i])) {
				printf("%-9s ", w ? "workday" : "holiday");
				print_date(list[i]);
				printf("              %s\n", _("(configuration)"));
			}
	}
	for (int i = 0; hy && i < hy->n; i++)
		for (int32_t d = hy->items[i].from; d <= hy->items[i].to; d = next_day(d)) {
			const int32_t *list = hy->items[i].workday ? cal->workdays : cal->holidays;
			int n = hy->items[i].workday ? cal->nworkdays : cal->nholidays;
			if (!in_list(list, n, d)) {
				printf("%-9s ", hy->items[i].workday ? "holiday" : "workday");
				print_date(d);
				printf("              %s\n", _("(configuration, over the notice)"));
			}
		}
}

static int calendar_show(struct cli_env *env, int argc, char **argv)
{
	time_t now = wg_now(env->ctx);
	struct tm tm;
	localtime_r(&now, &tm);
	int year = tm.tm_year + 1900;
	char *end, path[4200], why[4400];
	if (argc > 2 || (argc == 2 && (year = (int)strtol(argv[1], &end, 10), *end || year < 2000 ||
				       year > 2200)))
		return argc > 2 ? cli_usage(env->self)
				: cli_error(WG_EUSAGE, _("%s is not a year; write it as YYYY, for example "
							 "2026"), argv[1]);
	const struct wg_calendar *cal = wg_calendar_of(env->ctx);
	struct wg_holiday_year *hy = malloc(sizeof *hy);
	if (!hy)
		return cli_error(WG_EIO, "%s", _("out of memory"));
	snprintf(path, sizeof path, "%s/holidays/%04d.txt", wg_data_dir(), year);
	int have = wg_calendar_has_year(cal, year) && wg_holidays_read(path, year, hy, why, sizeof why) == 0;
	if (have) {
		printf("%d: %s\n", year, hy->notice);
		for (int i = 0; i < hy->n; i++) {
			const struct wg_holiday *h = &hy->items[i];
			printf("%-9s ", h->workday ? "workday" : "holiday");
			print_date(h->from);
			if (h->to != h->from)
				printf(" .. "), print_date(h->to);
			else
				printf("              ");
			printf("  %s\n", h->name);
		}
	} else {
		fprintf(stderr, _("wangge: warning: no published holiday schedule for %d is laid in (%s): "
				  "deadlines count only the weekly hours and the configuration's dates; add "
				  "the year's holidays to calendar:holidays and calendar:workdays once the "
				  "State Council publishes them\n"),
			year, wg_config_bool(env->cfg, "calendar:official") ? path
			: "calendar:official = false");
	}
	print_changes(cal, have ? hy : NULL, year);
	free(hy);
	return fflush(stdout) == 0 ? WG_OK : WG_EIO;
}

const struct cli_cmd cli_calendar_rows[] = {
	{ "calendar", NULL, NULL, N_("the working calendar: the year's public holidays and adjusted "
				     "working days"), CLI_NEEDS_NOTHING, NULL },
	{ "calendar", "show", "[YEAR]", N_("the year's holidays and weekend days worked as the State "
					   "Council published them, and what the configuration "
					   "changes"), CLI_NEEDS_NOTHING, calendar_show },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
