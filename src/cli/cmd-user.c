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
			return cli_usage(cli_find("user"));
	}
	if (optind + 1 != argc || !role)
		return cli_usage(cli_find("user"));
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

int cmd_user(struct cli_env *env, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0 && argc == 2)
		return wg_user_list(env->ctx, print_user, env) == WG_OK ? WG_OK : cli_fail(env, WG_EIO);
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return user_add(env, argc - 1, argv + 1);
	if (argc == 3 && strcmp(argv[1], "passwd") == 0) {
		const char *np = getenv("WANGGE_NEW_PASSWORD"), *pw = np;
		char buf[256];
		int rc = np ? WG_OK : new_password(env, argv[2], buf, sizeof buf, &pw);
		if (rc == WG_OK && (rc = wg_user_passwd(env->ctx, argv[2], pw)) != WG_OK)
			return cli_fail(env, rc);
		return rc;
	}
	if (argc == 3 && strcmp(argv[1], "unlock") == 0) {
		int rc = wg_user_unlock(env->ctx, argv[2]);
		return rc == WG_OK ? WG_OK : cli_fail(env, rc);
	}
	return cli_usage(cli_find("user"));
}
