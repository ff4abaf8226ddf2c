/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge teams import|export|list: volunteer teams, their leaders and members. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>

#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include "cli.h"

static int teams_import(struct cli_env *env, int argc, char **argv)
{
	enum wg_encoding enc;
	const char *file;
	if (cli_import_args(env, argc, argv, &enc, &file) != WG_OK)
		return WG_EUSAGE;
	struct wg_problems probs = { 0 };
	struct wg_org_import_result res;
	int rc = wg_team_import_file(env->ctx, file, enc, &probs, &res);
	if (wg_problems_count(&probs))
		wg_problems_print(&probs, stderr, 0);
	if (rc != WG_OK)
		cli_fail(env, rc);
	else
		printf(_("imported %s: %d teams, %d new\n"), file, res.rows, res.added);
	wg_problems_free(&probs);
	return rc;
}

static int teams_export(struct cli_env *env, int argc, char **argv)
{
	return cli_masked_export(env, argc, argv, wg_team_export);
}

struct listing {
	enum cli_format fmt;
	int n;
};

static int list_one(void *arg, const struct wg_team *t)
{
	static const char *const keys[6] = { "name", "leader", "cell_code", "members", "skills", "notes" };
	struct listing *l = arg;
	const char *f[6] = { t->name, t->leader, t->cell_code, t->members, t->skills, t->notes };
	if (l->fmt == CLI_FMT_CSV) {
		wg_csv_write_row(stdout, f, 6);
	} else if (l->fmt == CLI_FMT_JSON) {
		fputs(l->n ? ",\n  {" : "\n  {", stdout);
		for (int i = 0; i < 6; i++) {
			printf("%s\"%s\": ", i ? ", " : "", keys[i]);
			wg_json_string(stdout, f[i]);
		}
		putchar('}');
	} else {
		cli_print_cell(t->name, 16, " ");
		cli_print_cell(t->leader, 10, " ");
		cli_print_cell(t->members, 24, " ");
		printf("%s\n", t->skills);
	}
	l->n++;
	return WG_OK;
}

static int teams_list(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'f' },
					      { NULL, 0, NULL, 0 } };
	static const char *const header[6] = { "name", "leader", "cell_code", "members", "skills", "notes" };
	struct listing l = { CLI_FMT_TEXT, 0 };
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		if (cli_format(optarg, CLI_FMTS_ALL, &l.fmt) != WG_OK)
			return WG_EUSAGE;
	}
	if (optind != argc)
		return cli_usage(env->self);
	if (l.fmt == CLI_FMT_CSV)
		wg_csv_write_row(stdout, header, 6);
	else if (l.fmt == CLI_FMT_JSON)
		fputc('[', stdout);
	if ((rc = wg_team_each(env->ctx, list_one, &l)) != WG_OK)
		return cli_fail(env, rc);
	if (l.fmt == CLI_FMT_JSON)
		fputs(l.n ? "\n]\n" : "]\n", stdout);
	return WG_OK;
}

const struct cli_cmd cli_teams_rows[] = {
	{ "teams", NULL, NULL, N_("volunteer teams: leader, members and the skills they cover"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "teams", "import", "FILE [--encoding auto|utf-8|gb18030] [--sheet NAME|N]",
	  N_("add or update teams and add their members from a CSV file, all or nothing"),
	  CLI_NEEDS_LOGIN, teams_import },
	{ "teams", "export", "[FILE|-] [--bom]", N_("the teams as CSV"), CLI_NEEDS_LOGIN, teams_export },
	{ "teams", "list", "[--format text|csv|json]", N_("the teams with members and the skills covered"),
	  CLI_NEEDS_LOGIN, teams_list },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
