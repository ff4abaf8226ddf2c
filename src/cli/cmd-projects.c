/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge projects import|export|list|show: service projects bought by the government. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/validate.h>
#include "cli.h"

static int projects_import(struct cli_env *env, int argc, char **argv)
{
	enum wg_encoding enc;
	const char *file;
	if (cli_import_args(env, argc, argv, &enc, &file) != WG_OK)
		return WG_EUSAGE;
	struct wg_problems probs = { 0 };
	struct wg_org_import_result res;
	int rc = wg_project_import_file(env->ctx, file, enc, &probs, &res);
	if (wg_problems_count(&probs))
		wg_problems_print(&probs, stderr, 0);
	if (rc != WG_OK)
		cli_fail(env, rc);
	else
		printf(_("imported %s: %d service projects, %d new\n"), file, res.rows, res.added);
	wg_problems_free(&probs);
	return rc;
}

static int projects_export(struct cli_env *env, int argc, char **argv)
{
	return cli_masked_export(env, argc, argv, wg_project_export);
}

/* "12.5 / 400 h" or "12.5 h" without a target. */
static void served(const struct wg_project *p, char *out, size_t outsz)
{
	if (p->targets[0])
		snprintf(out, outsz, "%.1f / %lld h", p->minutes_served / 60.0, (long long)p->targets[0]);
	else
		snprintf(out, outsz, "%.1f h", p->minutes_served / 60.0);
}

struct listing {
	enum cli_format fmt;
	int n;
};

static int list_one(void *arg, const struct wg_project *p)
{
	struct listing *l = arg;
	char id[24], hours[48], period[32], elapsed[16];
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	served(p, hours, sizeof hours);
	snprintf(period, sizeof period, "%s~%s", p->start_date, p->end_date);
	snprintf(elapsed, sizeof elapsed, "%d%%", p->elapsed_pct < 0 ? 0 : p->elapsed_pct);
	if (l->fmt == CLI_FMT_JSON) {
		printf("%s\n  {\"id\": %s, \"name\": ", l->n ? "," : "", id);
		wg_json_string(stdout, p->name);
		fputs(", \"org\": ", stdout);
		wg_json_string(stdout, p->org);
		printf(", \"start_date\": \"%s\", \"end_date\": \"%s\", \"minutes_served\": %lld,"
		       " \"target_hours\": %lld, \"elapsed_pct\": %d, \"status\": \"%s\"}", p->start_date,
		       p->end_date, (long long)p->minutes_served, (long long)p->targets[0], p->elapsed_pct,
		       p->status);
	} else if (l->fmt == CLI_FMT_CSV) {
		const char *f[7] = { id, p->name, p->org, period, hours, elapsed, p->status };
		wg_csv_write_row(stdout, f, 7);
	} else {
		cli_print_cell(id, 14, " ");
		cli_print_cell(p->name, 18, " ");
		cli_print_cell(p->org, 14, " ");
		cli_print_cell(period, 22, " ");
		printf("%s, %s\n", hours, elapsed);
	}
	l->n++;
	return WG_OK;
}

static int projects_list(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'f' },
					      { NULL, 0, NULL, 0 } };
	static const char *const header[7] = { "id", "name", "org", "period", "served", "elapsed", "status" };
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
		wg_csv_write_row(stdout, header, 7);
	else if (l.fmt == CLI_FMT_JSON)
		fputc('[', stdout);
	if ((rc = wg_project_each(env->ctx, 0, list_one, &l)) != WG_OK)
		return cli_fail(env, rc);
	if (l.fmt == CLI_FMT_JSON)
		fputs(l.n ? "\n]\n" : "]\n", stdout);
	return WG_OK;
}

static int show_one(void *arg, const struct wg_project *p)
{
	char hours[48];
	++*(int *)arg;
	served(p, hours, sizeof hours);
	printf(_("Project        %s\nOrganization   %s\nPurchaser      %s\n"), p->name, p->org, p->purchaser);
	if (p->has_budget)
		printf(_("Budget         %lld.%02lld yuan\n"), (long long)(p->budget_cents / 100),
		       (long long)(p->budget_cents % 100));
	printf(_("Period         %s ~ %s (%d%% elapsed)\nStatus         %s\n"), p->start_date, p->end_date,
	       p->elapsed_pct < 0 ? 0 : p->elapsed_pct, p->status);
	printf(_("Hours served   %s by %d volunteers\n"), hours, p->volunteers);
	printf(_("Targets        %lld hours, %lld people, %lld cases\n"), (long long)p->targets[0],
	       (long long)p->targets[1], (long long)p->targets[2]);
	if (*p->description)
		printf(_("Description    %s\n"), p->description);
	return WG_OK;
}

static int projects_show(struct cli_env *env, int argc, char **argv)
{
	long long id;
	char *end;
	int found = 0;
	if (argc != 2)
		return cli_usage(env->self);
	id = strtoll(argv[1], &end, 10);
	if (*end || id <= 0)
		return cli_error(WG_EUSAGE, _("%s: give the project's number, as 'wangge projects list' "
					      "prints it"), argv[1]);
	int rc = wg_project_each(env->ctx, id, show_one, &found);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	return found ? WG_OK : cli_error(WG_EINVAL, _("there is no project %s; see 'wangge projects list'"),
					 argv[1]);
}

const struct cli_cmd cli_projects_rows[] = {
	{ "projects", NULL, NULL, N_("service projects bought by the government, with their progress"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "projects", "import", "FILE [--encoding auto|utf-8|gb18030] [--sheet NAME|N]",
	  N_("add or update service projects from a CSV file, all or nothing"), CLI_NEEDS_LOGIN,
	  projects_import },
	{ "projects", "export", "[FILE|-] [--bom]", N_("the service projects as CSV"), CLI_NEEDS_LOGIN,
	  projects_export },
	{ "projects", "list", "[--format text|csv|json]",
	  N_("the projects with hours served against the target and the period elapsed"), CLI_NEEDS_LOGIN,
	  projects_list },
	{ "projects", "show", "ID", N_("one project and its progress"), CLI_NEEDS_LOGIN, projects_show },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
