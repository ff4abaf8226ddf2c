/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge shifts add|assign|checkin|checkout|list. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/store.h>
#include <wangge/text.h>
#include <wangge/volunteer.h>
#include "cli.h"

/* A shift by its key; a short number n stands for this site's n-th row key. */
static int shift_key(struct cli_env *env, const char *s, int64_t *id)
{
	char *end;
	long long n = strtoll(s, &end, 10);
	if (!*s || *end || n <= 0)
		return cli_error(WG_EUSAGE, _("%s is not a shift number; see 'wangge shifts list'"), s);
	*id = n < ((int64_t)1 << WG_SITE_SHIFT) ? ((int64_t)wg_site_no(env->ctx) << WG_SITE_SHIFT) | n
						 : n;
	return WG_OK;
}

static int time_arg(const char *opt, const char *s, time_t *t)
{
	const char *why = wg_validate_time(s, t);
	return why ? cli_error(WG_EUSAGE, "%s %s: %s", opt, s, why) : WG_OK;
}

static int shift_add(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "post", required_argument, NULL, 'p' }, { "cell", required_argument, NULL, 'c' },
		{ "start", required_argument, NULL, 's' }, { "end", required_argument, NULL, 'e' },
		{ "need", required_argument, NULL, 'n' }, { "skill", required_argument, NULL, 'k' },
		{ "project", required_argument, NULL, 'j' }, { NULL, 0, NULL, 0 },
	};
	struct wg_shift_new in = { .need = 1 };
	const char *start = NULL, *end = NULL, *why;
	long need;
	int64_t id;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p': in.post = optarg; break;
		case 'c': in.cell_code = optarg; break;
		case 's': start = optarg; break;
		case 'e': end = optarg; break;
		case 'k': in.skill = optarg; break;
		case 'j': {
			char *rest;
			in.project_id = strtoll(optarg, &rest, 10);
			if (*rest || in.project_id <= 0)
				return cli_error(WG_EUSAGE, _("--project %s: give the project's key, as "
							      "'wangge projects list' prints it"), optarg);
			break;
		}
		case 'n':
			if ((why = wg_validate_int(optarg, 1, 999, &need)))
				return cli_error(WG_EUSAGE, "--need %s: %s", optarg, why);
			in.need = (int)need;
			break;
		default: return cli_usage(env->self);
		}
	}
	if (optind != argc || !in.post || !in.cell_code || !start || !end)
		return cli_usage(env->self);
	if (time_arg("--start", start, &in.start) != WG_OK || time_arg("--end", end, &in.end) != WG_OK)
		return WG_EUSAGE;
	if ((rc = wg_shift_add(env->ctx, &in, &id)) != WG_OK)
		return cli_fail(env, rc);
	printf("%lld\n", (long long)id);
	return WG_OK;
}

/* SHIFT VOLUNTEER, and --at TIME where allowed. */
static int pair_args(struct cli_env *env, int argc, char **argv, int with_at, int64_t *shift,
		     struct wg_volunteer *v, time_t *at)
{
	static const struct option opts[] = { { "at", required_argument, NULL, 'a' },
					      { NULL, 0, NULL, 0 } };
	int c, rc;
	*at = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", with_at ? opts : opts + 1, NULL)) != -1)
		if (c != 'a' || time_arg("--at", optarg, at) != WG_OK)
			return c == 'a' ? WG_EUSAGE : cli_usage(env->self);
	if (argc - optind != 2)
		return cli_usage(env->self);
	if ((rc = shift_key(env, argv[optind], shift)) != WG_OK)
		return rc;
	if ((rc = wg_volunteer_find(env->ctx, argv[optind + 1], v)) != WG_OK)
		return cli_fail(env, rc);
	return WG_OK;
}

static int shift_assign(struct cli_env *env, int argc, char **argv)
{
	struct wg_volunteer v;
	int64_t shift;
	time_t at;
	int ask, rc = pair_args(env, argc, argv, 0, &shift, &v, &at);
	if (rc != WG_OK)
		return rc;
	if ((rc = wg_shift_assign(env->ctx, shift, v.id, env->opts.yes, &ask)) != WG_OK) {
		cli_fail(env, rc);
		if (ask)
			fputs(_("Add --yes to assign anyway.\n"), stderr);
		return rc;
	}
	printf(_("%s %s is on shift %lld\n"), v.vol_no, v.name, (long long)shift);
	return WG_OK;
}

static int shift_check(struct cli_env *env, int argc, char **argv, int out)
{
	struct wg_volunteer v;
	int64_t shift;
	time_t at;
	long minutes = 0;
	int rc = pair_args(env, argc, argv, 1, &shift, &v, &at);
	if (rc != WG_OK)
		return rc;
	rc = out ? wg_shift_checkout(env->ctx, shift, v.id, at, &minutes)
		 : wg_shift_checkin(env->ctx, shift, v.id, at);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	if (out)
		printf(_("%s %s checked out: %.1f hours recorded\n"), v.vol_no, v.name, minutes / 60.0);
	else
		printf(_("%s %s checked in\n"), v.vol_no, v.name);
	return WG_OK;
}

struct list_state {
	int fmt; /* 0 text, 1 csv, 2 json */
	int n;
};

static int list_one(void *arg, const struct wg_shift *s)
{
	static const char *const keys[] = { "id", "post", "cell", "start", "end", "need", "assigned",
					    "skill", "volunteers" };
	struct list_state *ls = arg;
	char id[32], start[32], end[32], need[16], assigned[16], cell[160];
	snprintf(id, sizeof id, "%lld", (long long)s->id);
	wg_format_time(s->start, "%Y-%m-%d %H:%M", start, sizeof start);
	wg_format_time(s->end, ls->fmt ? "%Y-%m-%d %H:%M" : "%H:%M", end, sizeof end);
	snprintf(need, sizeof need, "%d", s->need);
	snprintf(assigned, sizeof assigned, "%d", s->assigned);
	const char *f[] = { id, s->post, ls->fmt ? s->cell_code : s->cell_name, start, end, need,
			    assigned, s->skill, s->volunteers };
	if (ls->fmt == 1) {
		wg_csv_write_row(stdout, f, 9);
	} else if (ls->fmt == 2) {
		fputs(ls->n ? ",\n {" : "\n {", stdout);
		for (int i = 0; i < 9; i++) {
			printf("%s\"%s\": ", i ? ", " : "", keys[i]);
			if (i == 0 || i == 5 || i == 6)
				fputs(f[i], stdout);
			else
				wg_json_string(stdout, f[i]);
		}
		fputc('}', stdout);
	} else {
		char slot[64];
		snprintf(slot, sizeof slot, "%s-%s", start, end);
		printf("%-14s ", id);
		printf("%-22s ", slot);
		wg_text_clip(cell, sizeof cell, s->post, 12, WG_TEXT_PAD);
		printf("%s ", cell);
		wg_text_clip(cell, sizeof cell, s->cell_name, 10, WG_TEXT_PAD);
		printf("%s %d/%d %s\n", cell, s->assigned, s->need, s->volunteers);
	}
	ls->n++;
	return WG_OK;
}

static int shift_list(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' }, { "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'o' }, { "cell", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const header[] = { "id", "post", "cell_code", "start", "end", "need",
					      "assigned", "skill", "volunteers" };
	struct list_state ls = { 0, 0 };
	const char *from = NULL, *to = NULL, *cell = NULL;
	enum cli_format fmt;
	int64_t area = 0;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'c')
			cell = optarg;
		else if (c == 'f')
			from = optarg;
		else if (c == 't')
			to = optarg;
		else if (c == 'o' && cli_format(optarg, CLI_FMTS_ALL, &fmt) == WG_OK)
			ls.fmt = fmt == CLI_FMT_CSV ? 1 : fmt == CLI_FMT_JSON ? 2 : 0;
		else if (c == 'o')
			return WG_EUSAGE;
		else
			return cli_usage(env->self);
	}
	if (optind != argc)
		return cli_usage(env->self);
	/* a community's code takes its cells too, as tasks list --cell does */
	if (cell && (rc = wg_cell_find(env->ctx, cell, &area)) != WG_OK)
		return cli_fail(env, rc);
	if (ls.fmt == 1)
		wg_csv_write_row(stdout, header, 9);
	else if (ls.fmt == 2)
		fputc('[', stdout);
	if ((rc = wg_shift_each(env->ctx, from, to, area, list_one, &ls)) != WG_OK)
		return rc == WG_EUSAGE ? cli_error(rc, "%s", wg_error(env->ctx)) : cli_fail(env, rc);
	if (ls.fmt == 2)
		fputs(ls.n ? "\n]\n" : "]\n", stdout);
	else if (ls.fmt == 0 && ls.n == 0)
		fputs(_("no shifts in that time\n"), stderr);
	return WG_OK;
}

static int shift_checkin(struct cli_env *env, int argc, char **argv)
{
	return shift_check(env, argc, argv, 0);
}

static int shift_checkout(struct cli_env *env, int argc, char **argv)
{
	return shift_check(env, argc, argv, 1);
}

const struct cli_cmd cli_shifts_rows[] = {
	{ "shifts", NULL, NULL, N_("the volunteer roster: plan shifts, assign, check in and out (hours)"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "shifts", "add", "--post NAME --cell CODE --start TIME --end TIME [--need N] [--skill S] [--project ID]",
	  N_("plan a shift"), CLI_NEEDS_LOGIN, shift_add },
	{ "shifts", "assign", "SHIFT VOLUNTEER", N_("put a volunteer on a shift"), CLI_NEEDS_LOGIN,
	  shift_assign },
	{ "shifts", "checkin", "SHIFT VOLUNTEER [--at TIME]", N_("a volunteer arrives"), CLI_NEEDS_LOGIN,
	  shift_checkin },
	{ "shifts", "checkout", "SHIFT VOLUNTEER [--at TIME]", N_("a volunteer leaves: the hours are booked"),
	  CLI_NEEDS_LOGIN, shift_checkout },
	{ "shifts", "list", "[--from DATE] [--to DATE] [--cell CODE] [--format text|csv|json|xlsx] [-o FILE]",
	  N_("the shifts of a time (in a cell or community)"),
	  CLI_NEEDS_LOGIN, shift_list },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
