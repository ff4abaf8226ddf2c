/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge pg push: the district feed into PostgreSQL. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>

#include <wangge/i18n.h>
#include <wangge/pg.h>
#include <wangge/validate.h>
#include "cli.h"

static int pg_push(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "unmasked", no_argument, NULL, 'u' },
					      { "service", required_argument, NULL, 's' },
					      { "batch", required_argument, NULL, 'b' },
					      { NULL, 0, NULL, 0 } };
	struct wg_pg_push_opts o = { 0 };
	struct wg_pg_push_result res;
	const char *why;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'u')
			o.unmasked = 1;
		else if (c == 's')
			o.service = optarg;
		else if (c == 'b' && (why = wg_validate_int(optarg, 1, 1000000, &o.batch)))
			return cli_error(WG_EUSAGE, "--batch %s: %s", optarg, why);
		else if (c != 'b')
			return cli_usage(env->self);
	}
	if (optind != argc)
		return cli_usage(env->self);
	int rc = wg_pg_push(env->ctx, &o, &res);
	if (rc != WG_OK) {
		if (res.rows)
			fprintf(stderr, _("wangge: %ld rows went before the push stopped; run it again to "
					  "go on from there\n"), res.rows);
		return cli_fail(env, rc);
	}
	printf(_("pushed to %s%s: %ld tables, %ld rows read, %ld inserted, %ld updated, %ld deleted%s%s\n"),
	       res.server, res.tls ? _(" over TLS") : _(" without TLS"), res.tables, res.rows,
	       res.inserted, res.updated, res.deleted, o.unmasked ? _(", unmasked") : "",
	       res.resumed ? _(", resumed where the last push stopped")
	       : res.incremental ? _(", only what changed since the last push") : "");
	return WG_OK;
}

const struct cli_cmd cli_pg_rows[] = {
	{ "pg", NULL, NULL, N_("the district feed: this database's shared tables into PostgreSQL"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "pg", "push", "[--service NAME] [--batch N] [--unmasked]",
	  N_("push what changed into the server libpq's environment names"), CLI_NEEDS_LOGIN, pg_push },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
