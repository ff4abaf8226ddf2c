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

int cmd_report(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "month", required_argument, NULL, 'm' },
					      { "format", required_argument, NULL, 'f' },
					      { NULL, 0, NULL, 0 } };
	const char *month = NULL, *format = "text", *why;
	int c, year, mon;
	if (argc < 2 || strcmp(argv[1], "monthly") != 0)
		return cli_usage(cli_find("report"));
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(cli_find("report"));
		if (c == 'm')
			month = optarg;
		else
			format = optarg;
	}
	if (optind != argc - 1)
		return cli_usage(cli_find("report"));
	if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json"))
		return cli_error(WG_EUSAGE, _("--format %s: use text, csv or json"), format);
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
