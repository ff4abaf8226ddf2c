/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge user: add accounts, change passwords, lift a lockout, list accounts. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/user.h>
#include "cli.h"

static int print_user(void *arg, const struct wg_user *u)
{
	struct cli_env *env = arg;
	char lock[128] = "", when[32];
	if (u->locked_until > (int64_t)wg_now(env->ctx)) {
		wg_format_time((time_t)u->locked_until, "%Y-%m-%d %H:%M", when, sizeof when);
		snprintf(lock, sizeof lock, _(" (locked until %s)"), when);
	}
	printf("%-16s %s%s%s%s%s\n", u->name, wg_role_name(u->role), *u->display_name ? "  " : "",
	       u->display_name, u->active ? "" : _(" (disabled)"), lock);
	return WG_OK;
}

static int new_password(struct cli_env *env, const char *name, char *buf, size_t bufsz,
			const char **pw)
{
	char prompt[128];
	snprintf(prompt, sizeof prompt, _("New password for %s: "), name);
	*pw = cli_password(prompt, buf, bufsz);
	(void)env;
	if (!*pw)
		return cli_error(WG_EUSAGE, _("a new password is needed: set WANGGE_NEW_PASSWORD "
					      "or run from a terminal"));
	return WG_OK;
}

static int user_add(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role = NULL, *display = "", *pw;
	char buf[256];
	int c, rc;
	int64_t id;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			role = optarg;
		else if (c == 'n')
			display = optarg;
		else
			return cli_usage(env->self);
	}
	if (optind + 1 != argc || !role)
		return cli_usage(env->self);
	const char *np = getenv("WANGGE_NEW_PASSWORD");
	if (np)
		pw = np;
	else if ((rc = new_password(env, argv[optind], buf, sizeof buf, &pw)) != WG_OK)
		return rc;
	rc = wg_user_add(env->ctx, argv[optind], display, wg_role_parse(role), pw, &id);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	printf("%s\n", argv[optind]);
	return WG_OK;
}

static int user_list(struct cli_env *env, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cli_usage(env->self);
	return wg_user_list(env->ctx, print_user, env) == WG_OK ? WG_OK : cli_fail(env, WG_EIO);
}

static int user_passwd(struct cli_env *env, int argc, char **argv)
{
	const char *np = getenv("WANGGE_NEW_PASSWORD"), *pw = np;
	char buf[256];
	if (argc != 2)
		return cli_usage(env->self);
	int rc = np ? WG_OK : new_password(env, argv[1], buf, sizeof buf, &pw);
	if (rc == WG_OK && (rc = wg_user_passwd(env->ctx, argv[1], pw)) != WG_OK)
		return cli_fail(env, rc);
	return rc;
}

static int user_unlock(struct cli_env *env, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(env->self);
	int rc = wg_user_unlock(env->ctx, argv[1]);
	return rc == WG_OK ? WG_OK : cli_fail(env, rc);
}

const struct cli_cmd cli_user_rows[] = {
	{ "user", NULL, NULL, N_("manage user accounts"), CLI_NEEDS_LOGIN, NULL },
	{ "user", "add", "NAME --role ROLE [--name DISPLAY]", N_("a new account (administrators)"),
	  CLI_NEEDS_LOGIN, user_add },
	{ "user", "passwd", "NAME", N_("a new password (WANGGE_NEW_PASSWORD or a prompt)"), CLI_NEEDS_LOGIN,
	  user_passwd },
	{ "user", "unlock", "NAME", N_("lift the lock of wrong passwords (administrators)"), CLI_NEEDS_LOGIN,
	  user_unlock },
	{ "user", "list", "", N_("the accounts and their roles"), CLI_NEEDS_LOGIN, user_list },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
