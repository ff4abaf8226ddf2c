/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Opening the database and logging in, as every command needs. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/user.h>
#include "cli.h"

int cli_fail(struct cli_env *env, int status)
{
	return cli_error(status, "%s", wg_error(env->ctx));
}

const struct cli_cmd *cli_find(const char *name)
{
	for (size_t i = 0; cli_tables[i]; i++)
		if (strcmp(cli_tables[i]->name, name) == 0)
			return cli_tables[i];
	return NULL;
}

const struct cli_cmd *cli_find_sub(const struct cli_cmd *cmd, const char *sub)
{
	for (const struct cli_cmd *r = cmd + 1; r->name; r++)
		if (strcmp(r->sub, sub) == 0)
			return r;
	return NULL;
}

void cli_usage_line(FILE *out, const char *lead, const struct cli_cmd *r)
{
	fprintf(out, "%s wangge %s%s%s%s%s\n", lead, r->name, r->sub ? " " : "", r->sub ? r->sub : "",
		r->usage && *r->usage ? " " : "", r->usage ? r->usage : "");
}

int cli_usage(const struct cli_cmd *cmd)
{
	if (cmd->sub || cmd->run) {
		cli_usage_line(stderr, _("Usage:"), cmd);
		return WG_EUSAGE;
	}
	for (const struct cli_cmd *r = cmd + 1; r->name; r++)
		cli_usage_line(stderr, r == cmd + 1 ? _("Usage:") : "      ", r);
	return WG_EUSAGE;
}

int cli_format(const char *s, unsigned allowed, enum cli_format *out)
{
	static const char *const names[] = { "text", "csv", "json" };
	for (int f = CLI_FMT_TEXT; f <= CLI_FMT_JSON; f++)
		if ((allowed & (1u << f)) && strcmp(s, names[f]) == 0)
			return *out = (enum cli_format)f, WG_OK;
	if (!(allowed & (1u << CLI_FMT_TEXT)))
		return cli_error(WG_EUSAGE, _("--format %s: use csv or json"), s);
	if (!(allowed & (1u << CLI_FMT_CSV)))
		return cli_error(WG_EUSAGE, _("--format %s: use text or json"), s);
	return cli_error(WG_EUSAGE, _("--format %s: use text, csv or json"), s);
}

const char *cli_datadir(void)
{
	const char *dir = getenv("WANGGE_DATADIR");
	return dir && *dir ? dir : PKGDATADIR;
}

const char *cli_user_name(const struct cli_env *env)
{
	const char *u = env->opts.user ? env->opts.user : getenv("WANGGE_USER");
	return u && *u ? u : "admin";
}

void cli_resolve_db(struct cli_env *env)
{
	const char *cfg = wg_config_str(env->cfg, "database:path"); /* ~/ expanded as it was read */
	if (env->opts.db)
		snprintf(env->db_path, sizeof env->db_path, "%s", env->opts.db);
	else if (cfg[0])
		snprintf(env->db_path, sizeof env->db_path, "%s", cfg);
	else
		wg_store_default_path(env->db_path, sizeof env->db_path);
}

const char *cli_password(const char *prompt, char *buf, size_t bufsz)
{
	const char *env = getenv("WANGGE_PASSWORD");
	if (env)
		return env;
	if (!isatty(STDIN_FILENO))
		return NULL;
	struct termios old, quiet;
	fputs(prompt, stderr);
	fflush(stderr);
	tcgetattr(STDIN_FILENO, &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	char *got = fgets(buf, (int)bufsz, stdin);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	if (!got)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

int cli_login(struct cli_env *env)
{
	char buf[256], prompt[128];
	const char *name = cli_user_name(env);
	snprintf(prompt, sizeof prompt, _("Password for %s: "), name);
	const char *pw = cli_password(prompt, buf, sizeof buf);
	if (!pw)
		return cli_error(WG_EPERM, _("a password is needed for user '%s': set WANGGE_PASSWORD "
					     "or run from a terminal"), name);
	int rc = wg_user_login(env->ctx, name, pw);
	memset(buf, 0, sizeof buf);
	return rc == WG_OK ? WG_OK : cli_fail(env, rc);
}

int cli_open(struct cli_env *env, enum cli_needs needs)
{
	if (!(needs & CLI_NEEDS_DB))
		return WG_OK;
	char warning[9000];
	int rc = wg_store_open(env->ctx, env->db_path, WG_OPEN_EXISTING);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	if (wg_store_exposed(env->ctx, warning, sizeof warning))
		fprintf(stderr, "wangge: %s\n", warning);
	if (*wg_upgrade_note(env->ctx)) /* the first start after a newer wangge was installed */
		fprintf(stderr, "wangge: %s\n", wg_upgrade_note(env->ctx));
	if ((needs & CLI_NEEDS_LOGIN) == CLI_NEEDS_LOGIN)
		return cli_login(env);
	return WG_OK;
}

int cli_import_args(struct cli_env *env, int argc, char **argv, enum wg_encoding *enc,
		    const char **file)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'e' }, { "sheet", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	*enc = WG_ENC_AUTO;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'e' && wg_encoding_parse(optarg, enc) != 0)
			return cli_error(WG_EUSAGE, _("--encoding %s: use auto, utf-8 or gb18030"), optarg);
		if (c == 's') /* a workbook's sheet: by name or number */
			wg_import_sheet(env->ctx, optarg);
		if (c == '?')
			return cli_usage(env->self);
	}
	if (optind + 1 != argc)
		return cli_usage(env->self);
	*file = argv[optind];
	return WG_OK;
}
