/* wangge report monthly --month YYYY-MM [--format text|csv|json]. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <wangge/i18n.h>
#include <wangge/report.h>
#include "cli.h"

static int report_monthly(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "month", required_argument, NULL, 'm' },
					      { "format", required_argument, NULL, 'f' },
					      { NULL, 0, NULL, 0 } };
	const char *month = NULL, *format = "text", *why;
	int c, year, mon;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		if (c == 'm')
			month = optarg;
		else
			format = optarg;
	}
	if (optind != argc)
		return cli_usage(env->self);
	enum cli_format fmt;
	if (cli_format(format, CLI_FMTS_ALL, &fmt) != WG_OK)
		return WG_EUSAGE;
	if (!month) { /* this month by the program's clock */
		time_t now = wg_now(env->ctx);
		struct tm tm;
		localtime_r(&now, &tm);
		year = tm.tm_year + 1900, mon = tm.tm_mon + 1;
	} else if ((why = wg_report_parse_month(month, &year, &mon))) {
		return cli_error(WG_EUSAGE, "--month %s: %s", month, why);
	}
	struct wg_report r;
	int rc = wg_report_monthly(env->ctx, year, mon, &r);
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

const struct cli_cmd cli_report_rows[] = {
	{ "report", NULL, NULL, N_("the month's cases: received, filed, closed, on time, rework, satisfaction"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "report", "monthly", "[--month YYYY-MM] [--format text|csv|json]",
	  N_("the month's figures by sector, cell and handler"), CLI_NEEDS_LOGIN, report_monthly },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
