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

int cmd_export(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "output", required_argument, NULL, 'o' },
					      { NULL, 0, NULL, 0 } };
	const char *path = NULL;
	struct cli_out out;
	long services, requests;
	int c;
	if (argc < 2 || strcmp(argv[1], "open311") != 0)
		return cli_usage(cli_find("export"));
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "o:", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(cli_find("export"));
		path = optarg;
	}
	if (optind != argc - 1)
		return cli_usage(cli_find("export"));
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
