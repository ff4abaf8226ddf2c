/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge volunteers import|export|list|hours|certificate|availability. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/text.h>
#include <wangge/volunteer.h>
#include "cli.h"

static int vol_import(struct cli_env *env, int argc, char **argv)
{
	enum wg_encoding enc;
	const char *file;
	if (cli_import_args(env, argc, argv, &enc, &file) != WG_OK)
		return WG_EUSAGE;
	struct wg_problems probs = { 0 };
	struct wg_volunteer_import_result res;
	int rc = wg_volunteer_import_file(env->ctx, file, enc, &probs, &res);
	if (wg_problems_count(&probs))
		wg_problems_print(&probs, stderr, 0);
	if (rc != WG_OK)
		cli_fail(env, rc);
	else
		printf(_("imported %s (%s): %d volunteers; new skills %d, new teams %d\n"), file,
		       res.encoding == WG_ENC_GB18030 ? "GB18030" : "UTF-8", res.rows,
		       res.skills_added, res.teams_added);
	wg_problems_free(&probs);
	return rc;
}

static int vol_export(struct cli_env *env, int argc, char **argv)
{
	return cli_masked_export(env, argc, argv, wg_volunteer_export);
}

enum fmt { FMT_TEXT, FMT_CSV, FMT_JSON };

static int parse_format(const char *s, enum fmt *f)
{
	enum cli_format g;
	if (cli_format(s, CLI_FMTS_ALL, &g) != WG_OK)
		return WG_EUSAGE;
	*f = g == CLI_FMT_CSV ? FMT_CSV : g == CLI_FMT_JSON ? FMT_JSON : FMT_TEXT;
	return WG_OK;
}

struct list_state {
	enum fmt fmt;
	int n;
	struct wg_ctx *ctx;
};

static int list_one(void *arg, const struct wg_volunteer *v)
{
	struct list_state *ls = arg;
	char hours[32], stars[8];
	snprintf(hours, sizeof hours, "%.1f", v->minutes / 60.0);
	snprintf(stars, sizeof stars, "%d", wg_star_level(ls->ctx, v->minutes));
	const char *f[] = { v->vol_no, v->name, v->phone, v->cell_name, v->team, v->skills, hours,
			    stars };
	static const char *const keys[] = { "vol_no", "name", "phone", "cell", "team", "skills",
					    "hours", "stars" };
	if (ls->fmt == FMT_CSV) {
		wg_csv_write_row(stdout, f, 8);
	} else if (ls->fmt == FMT_JSON) {
		fputs(ls->n ? ",\n {" : "\n {", stdout);
		for (int i = 0; i < 8; i++) {
			printf("%s\"%s\": ", i ? ", " : "", keys[i]);
			if (i >= 6)
				fputs(f[i], stdout);
			else
				wg_json_string(stdout, f[i]);
		}
		fputc('}', stdout);
	} else {
		cli_print_cell(v->vol_no, 8, " ");
		cli_print_cell(v->name, 10, " ");
		cli_print_cell(v->phone, 12, " ");
		cli_print_cell(v->cell_name, 12, " ");
		cli_print_cell(v->team, 14, " ");
		cli_print_cell(hours, 7, " ");
		printf("%s\n", stars);
	}
	ls->n++;
	return WG_OK;
}

static int vol_list(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'f' },
					      { "cell", required_argument, NULL, 'c' },
					      { NULL, 0, NULL, 0 } };
	static const char *const header[] = { "vol_no", "name", "phone", "cell", "team", "skills",
					      "hours", "stars" };
	struct list_state ls = { FMT_TEXT, 0, env->ctx };
	const char *cell = NULL;
	int64_t area = 0;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'c')
			cell = optarg;
		else if (c == '?' || parse_format(optarg, &ls.fmt) != WG_OK)
			return cli_usage(env->self);
	}
	if (optind != argc)
		return cli_usage(env->self);
	/* a community's code takes its cells too, as shifts list --cell does */
	if (cell && (rc = wg_cell_find(env->ctx, cell, &area)) != WG_OK)
		return cli_fail(env, rc);
	if (ls.fmt == FMT_CSV)
		wg_csv_write_row(stdout, header, 8);
	else if (ls.fmt == FMT_JSON)
		fputc('[', stdout);
	else {
		cli_print_cell(_("NUMBER"), 8, " ");
		cli_print_cell(_("NAME"), 10, " ");
		cli_print_cell(_("PHONE"), 12, " ");
		cli_print_cell(_("CELL"), 12, " ");
		cli_print_cell(_("TEAM"), 14, " ");
		cli_print_cell(_("HOURS"), 7, " ");
		printf("%s\n", _("STARS"));
	}
	if ((rc = wg_volunteer_each(env->ctx, area, list_one, &ls)) != WG_OK)
		return cli_fail(env, rc);
	if (ls.fmt == FMT_JSON)
		fputs(ls.n ? "\n]\n" : "]\n", stdout);
	return WG_OK;
}

static int hours_line(void *arg, const struct wg_hours_line *l)
{
	(void)arg;
	printf("%s  %6.1f  %-6s %s\n", l->date, l->minutes / 60.0, l->kind, l->what);
	return WG_OK;
}

static int vol_hours(struct cli_env *env, int argc, char **argv)
{
	struct wg_volunteer v;
	int rc;
	if (argc != 2)
		return cli_usage(env->self);
	if ((rc = wg_volunteer_find(env->ctx, argv[1], &v)) != WG_OK)
		return cli_fail(env, rc);
	printf("%s %s  %s\n", v.vol_no, v.name, v.team);
	if ((rc = wg_volunteer_hours(env->ctx, v.id, hours_line, NULL)) != WG_OK)
		return cli_fail(env, rc);
	int stars = wg_star_level(env->ctx, v.minutes);
	printf(_("total %.1f hours; stars %d"), v.minutes / 60.0, stars);
	if (stars < 5)
		printf(_("; %.1f hours to the next star"), wg_star_next(env->ctx, v.minutes) / 60.0);
	putchar('\n');
	return WG_OK;
}

static int vol_certificate(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "from", required_argument, NULL, 'f' },
					      { "to", required_argument, NULL, 't' },
					      { "output", required_argument, NULL, 'o' },
					      { NULL, 0, NULL, 0 } };
	const char *from = NULL, *to = NULL, *path = NULL;
	struct wg_certificate cert;
	struct cli_out out;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		*(c == 'f' ? &from : c == 't' ? &to : &path) = optarg;
	}
	if (optind != argc - 1)
		return cli_usage(env->self);
	if ((rc = wg_volunteer_certificate(env->ctx, argv[optind], from, to, &cert)) != WG_OK)
		return cli_fail(env, rc);
	if ((rc = cli_out_open(&out, path)) != WG_OK)
		return rc;
	rc = cli_out_close(&out, wg_certificate_print(out.f, &cert));
	if (rc == WG_OK && path && strcmp(path, "-") != 0)
		printf(cert.reprint ? _("certificate %s printed again to %s\n")
				    : _("certificate %s issued to %s\n"), cert.number, path);
	return rc;
}

/* Shows a volunteer's weekly availability, or replaces it with TEXT ("" clears it). */
static int vol_availability(struct cli_env *env, int argc, char **argv)
{
	struct wg_volunteer v;
	struct wg_availability a;
	char text[256];
	const char *why;
	int rc;
	if (argc != 2 && argc != 3)
		return cli_usage(env->self);
	if ((rc = wg_volunteer_find(env->ctx, argv[1], &v)) != WG_OK)
		return cli_fail(env, rc);
	if (argc == 3) {
		if ((why = wg_availability_parse(argv[2], &a)))
			return cli_fail(env, wg_fail(env->ctx, WG_EUSAGE, "%s", why));
		if ((rc = wg_availability_set(env->ctx, v.id, &a)) != WG_OK)
			return cli_fail(env, rc);
	}
	if ((rc = wg_availability_get(env->ctx, v.id, &a)) != WG_OK)
		return cli_fail(env, rc);
	wg_availability_format(&a, text, sizeof text);
	printf("%s %s  %s\n", v.vol_no, v.name, *text ? text : _("(no times given)"));
	return WG_OK;
}

const struct cli_cmd cli_volunteers_rows[] = {
	{ "volunteers", NULL, NULL,
	  N_("volunteers: import, export (masked unless --unmasked), list, hours and star level"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "volunteers", "import", "FILE [--encoding auto|utf-8|gb18030] [--sheet NAME|N]",
	  N_("register volunteers from a CSV file, all or nothing"), CLI_NEEDS_LOGIN, vol_import },
	{ "volunteers", "export", "[FILE|-] [--unmasked] [--bom] [--format xlsx -o FILE]",
	  N_("the volunteers as CSV, masked unless --unmasked"), CLI_NEEDS_LOGIN, vol_export },
	{ "volunteers", "list", "[--cell CODE] [--format text|csv|json]",
	  N_("the volunteers with their hours (of a cell or community)"),
	  CLI_NEEDS_LOGIN, vol_list },
	{ "volunteers", "hours", "VOLUNTEER", N_("a volunteer's hours and star level"), CLI_NEEDS_LOGIN,
	  vol_hours },
	{ "volunteers", "certificate", "VOLUNTEER|NUMBER [--from DATE] [--to DATE] [-o FILE]",
	  N_("the service certificate for a period, numbered and kept; the same again when asked "
	     "again or by its number"), CLI_NEEDS_LOGIN, vol_certificate },
	{ "volunteers", "availability", "VOLUNTEER [TEXT]",
	  N_("a volunteer's weekly availability; with TEXT (周一上午；周三全天) it is replaced"),
	  CLI_NEEDS_LOGIN, vol_availability },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
