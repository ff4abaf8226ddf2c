/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge init: a new database with its site, admin account and category table. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wangge/category.h>
#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/user.h>
#include "cli.h"

struct init_args {
	int site_no, office;
	const char *community, *code;
	int demo;
};

static int parse_args(struct cli_env *env, struct init_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "site-id", required_argument, NULL, 's' },
		{ "community", required_argument, NULL, 'c' },
		{ "code", required_argument, NULL, 'k' },
		{ "office", required_argument, NULL, 'o' },
		{ "demo", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	char *end;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			a->site_no = (int)strtol(optarg, &end, 10);
			if (*end || end == optarg)
				return cli_error(WG_EUSAGE, _("--site-id needs a number, not '%s'"), optarg);
			break;
		case 'o':
			a->office = (int)strtol(optarg, &end, 10);
			if (*end || end == optarg || a->office < 1)
				return cli_error(WG_EUSAGE, _("--office needs the office's site number, not "
							      "'%s'"), optarg);
			break;
		case 'c': a->community = optarg; break;
		case 'k': a->code = optarg; break;
		case 'd': a->demo = 1; break;
		default: return cli_usage(env->self);
		}
	}
	return optind == argc ? WG_OK : cli_usage(env->self);
}

static int populate(struct cli_env *env, const struct init_args *a, const char *pw)
{
	struct wg_ctx *ctx = env->ctx;
	char path[4096];
	int64_t id;
	int rc;
	struct wg_category_import_result res;
	snprintf(path, sizeof path, "%s/categories/full-model.csv", cli_datadir());
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = wg_site_init(ctx, a->site_no, a->office, a->community, a->code)) == WG_OK &&
	    (rc = wg_user_add(ctx, cli_user_name(env), "", WG_ROLE_ADMIN, pw, &id)) == WG_OK)
		wg_set_user(ctx, id, cli_user_name(env), WG_ROLE_ADMIN);
	if (rc == WG_OK)
		rc = wg_category_import_file(ctx, path, WG_ENC_UTF8, NULL, 0, NULL, &res);
	if (rc == WG_OK && a->demo)
		rc = wg_demo_build(ctx, pw);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

static void remove_db(const char *path)
{
	char side[4200];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static int cmd_init(struct cli_env *env, int argc, char **argv)
{
	struct init_args a = { 1, 0, NULL, NULL, 0 };
	char buf[256], prompt[128];
	int rc = parse_args(env, &a, argc, argv);
	if (rc != WG_OK)
		return rc;
	if (!a.community)
		a.community = a.demo ? WG_DEMO_COMMUNITY : "";
	const char *bad = a.code ? wg_site_code_problem(a.code) : NULL;
	if (bad)
		return cli_error(WG_EUSAGE, "--code %s: %s", a.code, bad);
	snprintf(prompt, sizeof prompt, _("New password for %s: "), cli_user_name(env));
	const char *pw = cli_password(prompt, buf, sizeof buf);
	if (!pw)
		return cli_error(WG_EPERM, _("init needs a password for the first account: set "
					     "WANGGE_PASSWORD or run from a terminal"));
	const char *why = wg_password_problem(pw);
	if (why)
		return cli_error(WG_EUSAGE, _("password: %s"), why);
	if (access(env->db_path, F_OK) == 0)
		return cli_error(WG_EINVAL, _("%s already exists; nothing was changed. Use another "
					      "--db file or remove this one."), env->db_path);
	if ((rc = wg_store_make_parent(env->ctx, env->db_path)) != WG_OK ||
	    (rc = wg_store_open(env->ctx, env->db_path, WG_OPEN_CREATE)) != WG_OK)
		return cli_fail(env, rc);
	rc = populate(env, &a, pw);
	if (rc != WG_OK) {
		cli_fail(env, rc);
		wg_store_close(env->ctx);
		remove_db(env->db_path);
		return rc;
	}
	printf("%s\n", env->db_path);
	return WG_OK;
}

const struct cli_cmd cli_init_rows[] = {
	{ "init", NULL, "[--site-id N] [--office N] [--community NAME] [--code CODE] [--demo]",
	  N_("create a new database with the default category table"), CLI_NEEDS_NOTHING, cmd_init },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
