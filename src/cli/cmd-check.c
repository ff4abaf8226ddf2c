/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge check: read-only checks of the database file. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "cli.h"

static void print_line(void *arg, const char *line)
{
	(void)arg;
	printf("%s\n", line);
}

static int cmd_check(struct cli_env *env, int argc, char **argv)
{
	struct wg_check_result res = { 0 };
	(void)argv;
	if (argc != 1)
		return cli_usage(env->self);
	int rc = wg_store_check(env->ctx, print_line, NULL, &res);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	if (res.problems) {
		fprintf(stderr, _("wangge: %s: %d problems found; restore a backup or ask for help\n"),
			env->db_path, res.problems);
		return WG_EINVAL;
	}
	return WG_OK;
}

const struct cli_cmd cli_check_rows[] = {
	{ "check", NULL, "",
	  N_("check integrity, foreign keys, schema version and the audit chain"), CLI_NEEDS_DB, cmd_check },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
