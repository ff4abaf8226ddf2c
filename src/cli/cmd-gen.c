/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge gen: synthetic cases for benchmarks. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>

#include <wangge/gen.h>
#include <wangge/i18n.h>
#include <wangge/resident.h>
#include <wangge/validate.h>
#include "cli.h"

static int cmd_gen(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tasks", required_argument, NULL, 't' }, { "cells", required_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 's' },  { "residents", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct wg_gen_tasks opt = { .seed = 1 };
	struct wg_gen_result res = { 0 };
	const char *why;
	long n, residents = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		if ((why = wg_validate_int(optarg, 0, c == 't' || c == 'r' ? 100000000 : 1000000, &n)) != NULL)
			return cli_error(WG_EUSAGE, _("--%s %s: %s"),
					 opts[c == 't' ? 0 : c == 'c' ? 1 : c == 's' ? 2 : 3].name, optarg, why);
		if (c == 'r')
			residents = n;
		else if (c == 't')
			opt.tasks = n;
		else if (c == 'c')
			opt.cells = (int)n;
		else
			opt.seed = (unsigned)n;
	}
	if (optind != argc || (!opt.tasks && !opt.cells && !residents))
		return cli_usage(env->self);
	/* residents first: their generator makes grid cells when there are none */
	int rc = residents ? wg_gen_residents(env->ctx, residents, opt.seed) : WG_OK;
	if (rc == WG_OK && (opt.tasks || opt.cells))
		rc = wg_gen_tasks(env->ctx, &opt, &res);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	if (residents)
		printf("residents %ld\n", residents);
	if (opt.tasks || opt.cells)
		printf("cells %ld tasks %ld events %ld\n", res.cells, res.tasks, res.events);
	return WG_OK;
}

const struct cli_cmd cli_gen_rows[] = {
	{ "gen", NULL, "[--residents N] [--tasks N] [--cells N] [--seed N]",
	  N_("add synthetic residents, cases and grid cells for benchmarks"), CLI_NEEDS_LOGIN, cmd_gen },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
