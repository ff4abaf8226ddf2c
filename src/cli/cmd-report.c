/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge report monthly|projects|template. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <getopt.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/csv.h>
#include <wangge/report.h>
#include <wangge/template.h>
#include <stdlib.h>
#include "cli.h"

/* --month's month, or this month by the program's clock. */
static int month_of(struct cli_env *env, const char *month, int *year, int *mon)
{
	const char *why;
	if (!month) {
		time_t now = wg_now(env->ctx);
		struct tm tm;
		localtime_r(&now, &tm);
		*year = tm.tm_year + 1900, *mon = tm.tm_mon + 1;
	} else if ((why = wg_report_parse_month(month, year, mon))) {
		return cli_error(WG_EUSAGE, "--month %s: %s", month, why);
	}
	return WG_OK;
}

/* --month and --format, shared by the reports, and --community where community is given;
 * the month defaults to this one. */
static int month_args(struct cli_env *env, int argc, char **argv, int *year, int *mon,
		      enum cli_format *fmt, const char **community)
{
	static const struct option opts[] = { { "month", required_argument, NULL, 'm' },
					      { "format", required_argument, NULL, 'f' },
					      { "community", required_argument, NULL, 'c' },
					      { NULL, 0, NULL, 0 } };
	const char *month = NULL, *format = "text";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?' || (c == 'c' && !community))
			return cli_usage(env->self);
		if (c == 'm')
			month = optarg;
		else if (c == 'c')
			*community = optarg;
		else
			format = optarg;
	}
	if (optind != argc)
		return cli_usage(env->self);
	if (cli_format(format, CLI_FMTS_ALL, fmt) != WG_OK)
		return WG_EUSAGE;
	return month_of(env, month, year, mon);
}

static int report_monthly(struct cli_env *env, int argc, char **argv)
{
	enum cli_format fmt;
	const char *community = NULL;
	int year, mon, rc = month_args(env, argc, argv, &year, &mon, &fmt, &community);
	const char *format = fmt == CLI_FMT_JSON ? "json" : fmt == CLI_FMT_CSV ? "csv" : "text";
	if (rc != WG_OK)
		return rc;
	struct wg_report r;
	rc = wg_report_monthly_in(env->ctx, year, mon, community, &r);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	if (strcmp(format, "json") == 0)
		wg_report_json(&r, stdout);
	else if (strcmp(format, "csv") == 0)
		wg_report_csv(&r, stdout);
	else
		wg_report_text(&r, stdout);
	wg_report_free(&r);
	return fflush(stdout) == 0 ? WG_OK : WG_EIO;
}

/* ---- report projects ---- */

struct proj_out {
	enum cli_format fmt;
	int n;
};

/* "45%", or "" without a target. */
static void pct_text(int pct, char *out, size_t outsz)
{
	if (pct < 0)
		snprintf(out, outsz, "%s", "");
	else
		snprintf(out, outsz, "%d%%", pct);
}

static void proj_text(const struct wg_project_progress *p)
{
	char pct[16];
	printf("%s  (%s)\n", p->name, p->org);
	if (*p->start_date || *p->end_date)
		printf(_("  period   %s ~ %s, %d%% elapsed\n"), p->start_date, p->end_date,
		       p->elapsed_pct < 0 ? 0 : p->elapsed_pct);
	printf(_("  hours    %.1f this month (volunteers: %d); %.1f in all"), p->minutes_month / 60.0,
	       p->volunteers_month, p->minutes_total / 60.0);
	pct_text(wg_progress_pct(p->minutes_total, p->target_hours * 60), pct, sizeof pct);
	if (p->target_hours)
		printf(_(" of %lld (%s)"), (long long)p->target_hours, pct);
	printf(_("\n  cases    %d this month, %d closed; %d in all, %d closed"), p->cases_month,
	       p->done_month, p->cases_total, p->done_total);
	pct_text(wg_progress_pct(p->done_total, p->target_cases), pct, sizeof pct);
	if (p->target_cases)
		printf(_(" of %lld (%s)"), (long long)p->target_cases, pct);
	putchar('\n');
	if (p->target_people)
		printf(_("  people   target %lld\n"), (long long)p->target_people);
	if (p->has_budget)
		printf(_("  budget   %lld.%02lld yuan\n"), (long long)(p->budget_cents / 100),
		       (long long)(p->budget_cents % 100));
}

static int proj_one(void *arg, const struct wg_project_progress *p)
{
	struct proj_out *o = arg;
	char id[24], budget[32] = "", num[12][24];
	int64_t v[12] = { p->elapsed_pct, p->minutes_month, p->minutes_total, p->target_hours,
			  p->volunteers_month, p->cases_month, p->done_month, p->cases_total,
			  p->done_total, p->target_cases, p->target_people, 0 };
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	if (p->has_budget)
		snprintf(budget, sizeof budget, "%lld.%02lld", (long long)(p->budget_cents / 100),
			 (long long)(p->budget_cents % 100));
	for (int i = 0; i < 11; i++)
		snprintf(num[i], sizeof num[i], i == 1 || i == 2 ? "%.1f" : "%.0f",
			 i == 1 || i == 2 ? (double)v[i] / 60.0 : (double)v[i]);
	if (o->fmt == CLI_FMT_TEXT) {
		proj_text(p);
	} else if (o->fmt == CLI_FMT_CSV) {
		const char *f[17] = { id, p->name, p->org, p->start_date, p->end_date, num[0], budget,
				      num[1], num[2], num[3], num[4], num[5], num[6], num[7], num[8],
				      num[9], num[10] };
		wg_csv_write_row(stdout, f, 17);
	} else {
		printf("%s\n  {\"id\": %s, \"name\": ", o->n ? "," : "", id);
		wg_json_string(stdout, p->name);
		fputs(", \"org\": ", stdout);
		wg_json_string(stdout, p->org);
		printf(", \"start_date\": \"%s\", \"end_date\": \"%s\", \"elapsed_pct\": %d, \"budget\": %s,"
		       " \"hours_month\": %s, \"hours_total\": %s, \"target_hours\": %lld,"
		       " \"volunteers_month\": %d, \"cases_month\": %d, \"closed_month\": %d,"
		       " \"cases_total\": %d, \"closed_total\": %d, \"target_cases\": %lld,"
		       " \"target_people\": %lld}", p->start_date, p->end_date, p->elapsed_pct,
		       *budget ? budget : "null", num[1], num[2], (long long)p->target_hours,
		       p->volunteers_month, p->cases_month, p->done_month, p->cases_total,
		       p->done_total, (long long)p->target_cases, (long long)p->target_people);
	}
	o->n++;
	return WG_OK;
}

static int report_projects(struct cli_env *env, int argc, char **argv)
{
	static const char *const header[17] = {
		"id", "name", "org", "start_date", "end_date", "elapsed_pct", "budget", "hours_month",
		"hours_total", "target_hours", "volunteers_month", "cases_month", "closed_month",
		"cases_total", "closed_total", "target_cases", "target_people"
	};
	struct proj_out o = { CLI_FMT_TEXT, 0 };
	const char *community = NULL;
	char name[128] = "";
	int year, mon, rc = month_args(env, argc, argv, &year, &mon, &o.fmt, &community);
	if (rc != WG_OK)
		return rc;
	if ((rc = wg_community_find(env->ctx, community, NULL, name, sizeof name)) != WG_OK)
		return cli_fail(env, rc);
	if (o.fmt == CLI_FMT_CSV)
		wg_csv_write_row(stdout, header, 17);
	else if (o.fmt == CLI_FMT_JSON)
		fputc('[', stdout);
	else if (*name)
		/* L10N: the service projects' month in one community of a street's database */
		printf(_("Service projects, %04d-%02d, in %s (%s): its hours and cases\n\n"), year, mon,
		       name, community);
	else
		printf(_("Service projects, %04d-%02d\n\n"), year, mon);
	if ((rc = wg_report_projects(env->ctx, year, mon, community, proj_one, &o)) != WG_OK)
		return cli_fail(env, rc);
	if (o.fmt == CLI_FMT_JSON)
		fputs(o.n ? "\n]\n" : "]\n", stdout);
	else if (o.fmt == CLI_FMT_TEXT && !o.n)
		puts(*name ? _("No service project running this month has served this community.")
			   : _("No service project ran in this month."));
	return fflush(stdout) == 0 ? WG_OK : WG_EIO;
}

struct found {
	const char *want;
	char path[4096];
};

static int list_one(void *arg, const char *name, const char *title, const char *path)
{
	struct found *f = arg;
	if (!f->want)
		printf("%-20s %s\n", name, title);
	else if (strcmp(f->want, name) == 0)
		snprintf(f->path, sizeof f->path, "%s", path);
	return WG_OK;
}

/* The form as a workbook at path, whole or not at all, its owner's only (a form may list
 * people). */
static int template_xlsx(struct cli_env *env, const struct found *f, const struct wg_template_opts *o,
			 const char *path)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp), err;
	if (fd < 0)
		return cli_error(WG_EIO, _("cannot write %s: %s"), path, strerror(errno));
	close(fd);
	int rc = wg_template_render(env->ctx, f->path, o, NULL, tmp);
	if (rc != WG_OK) {
		unlink(tmp);
		return cli_fail(env, rc);
	}
	if (rename(tmp, path) != 0) {
		err = errno;
		unlink(tmp);
		return cli_error(WG_EIO, _("cannot write %s: %s"), path, strerror(err));
	}
	printf(_("%s written to %s\n"), f->want, path);
	return WG_OK;
}

static int report_template(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' }, { "month", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
		{ "unmasked", no_argument, NULL, 'u' }, { "width", required_argument, NULL, 'w' },
		{ "page-lines", required_argument, NULL, 'p' }, { "community", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 } };
	const char *month = NULL, *format = "text", *path = NULL, *dirs[3], *why;
	char own[4096];
	int c, list = 0, rc;
	struct wg_template_opts o = { 0 };
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		list |= c == 'l';
		o.unmasked |= c == 'u';
		if ((c == 'w' && cli_number("--width", optarg, 20, 400, &o.width) != WG_OK) ||
		    (c == 'p' && cli_number("--page-lines", optarg, 5, 1000, &o.page_lines) != WG_OK))
			return WG_EUSAGE;
		*(c == 'm' ? &month : c == 'f' ? &format : c == 'o' ? &path : c == 'c' ? &o.community : &why) =
			optarg;
	}
	wg_template_dirs(own, dirs);
	struct found f = { list ? NULL : optind < argc ? argv[optind] : "", "" };
	if ((list && optind != argc) || (!list && optind + 1 != argc))
		return cli_usage(env->self);
	if (list)
		return wg_template_each(env->ctx, dirs, list_one, &f) == WG_OK ? WG_OK : cli_fail(env, WG_EIO);
	if (strcmp(format, "text") && strcmp(format, "xlsx"))
		return cli_error(WG_EUSAGE, _("--format %s: use text or xlsx"), format);
	if (!strcmp(format, "xlsx") && (o.width || o.page_lines))
		return cli_error(WG_EUSAGE, "%s", _("--width and --page-lines lay out text for a printer: "
						    "use them with --format text"));
	if (!strcmp(format, "xlsx") && (!path || !strcmp(path, "-")))
		return cli_error(WG_EUSAGE, "%s", _("--format xlsx writes a workbook: give it a file with "
						    "-o FILE"));
	if ((rc = wg_template_each(env->ctx, dirs, list_one, &f)) != WG_OK || !*f.path)
		return rc != WG_OK ? cli_fail(env, rc)
				   : cli_error(WG_EUSAGE, _("there is no template %s; 'wangge report "
							    "template --list' names them"), f.want);
	if ((rc = month_of(env, month, &o.year, &o.month)) != WG_OK)
		return rc;
	if (!strcmp(format, "xlsx"))
		return template_xlsx(env, &f, &o, path);
	struct cli_out out;
	if ((rc = cli_out_open(&out, path)) != WG_OK)
		return rc;
	rc = wg_template_render(env->ctx, f.path, &o, out.f, NULL);
	if (rc != WG_OK)
		cli_fail(env, rc);
	return cli_out_close(&out, rc);
}

const struct cli_cmd cli_report_rows[] = {
	{ "report", NULL, NULL, N_("the month's cases: received, filed, closed, on time, rework, satisfaction"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "report", "monthly",
	  "[--month YYYY-MM] [--community CODE|all] [--format text|csv|json|xlsx] [-o FILE] [--width N] [--page-lines N]",
	  N_("the month's figures by community, sector, cell and handler"), CLI_NEEDS_LOGIN, report_monthly },
	{ "report", "projects", "[--month YYYY-MM] [--community CODE|all] [--format text|csv|json] [--width N] [--page-lines N]",
	  N_("the service projects of the month: hours and cases against their targets, the period "
	     "elapsed"), CLI_NEEDS_LOGIN, report_projects },
	{ "report", "template", "--list | NAME [--month YYYY-MM] [--community CODE|all] [--format text|xlsx] "
				"[-o FILE] [--unmasked] [--width N] [--page-lines N]",
	  N_("a departmental form (一表通) filled from the database, as text for a printer or as a "
	     "workbook"), CLI_NEEDS_LOGIN, report_template },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
