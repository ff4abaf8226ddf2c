/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge export open311 [-o FILE]. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/open311.h>
#include "cli.h"

static int export_open311(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "output", required_argument, NULL, 'o' },
					      { NULL, 0, NULL, 0 } };
	const char *path = NULL;
	struct cli_out out;
	long services, requests;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		path = optarg;
	}
	if (optind != argc)
		return cli_usage(env->self);
	int rc = cli_out_open(&out, path);
	if (rc != WG_OK)
		return rc;
	rc = wg_export_open311(env->ctx, out.f, &services, &requests);
	if (rc != WG_OK)
		cli_fail(env, rc);
	rc = cli_out_close(&out, rc);
	if (rc == WG_OK && path)
		fprintf(stderr, _("wangge: wrote %s: %ld services, %ld requests\n"), path, services,
			requests);
	return rc;
}

const struct cli_cmd cli_export_rows[] = {
	{ "export", NULL, NULL, N_("the categories and cases as Open311 GeoReport v2 JSON (services and requests)"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "export", "open311", "[-o FILE]", N_("services and requests as one JSON document"), CLI_NEEDS_LOGIN,
	  export_open311 },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
