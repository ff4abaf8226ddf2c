/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Entry point: global options, configuration, then one command from the table. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/task.h>
#include <wangge/validate.h>
#include <wangge/volunteer.h>
#include "cli.h"
#include "ui/ui-main.h"

static void print_help(FILE *out)
{
	fprintf(out, _("Usage: wangge [OPTIONS] [COMMAND [ARGS]]\n"
		       "Grid management for a neighborhood committee; with no command, the full-screen program.\n\n"
		       "Options (before or after the command):\n"
		       "  --db FILE       database file\n"
		       "  --config FILE   extra configuration file, read last\n"
		       "  --user NAME     acting user (password from WANGGE_PASSWORD or a prompt)\n"
		       "  --keys FILE     play keystrokes from FILE in the full-screen program\n"
		       "  --now TIME      pin the clock: YYYY-MM-DD or YYYY-MM-DDTHH:MM\n"
		       "  --yes           confirm what the screen would ask about\n"
		       "  -h, --help, --version\n\nCommands:\n"));
	for (size_t i = 0; cli_tables[i]; i++)
		fprintf(out, "  %-22s %s\n", cli_tables[i]->name, _(cli_tables[i]->summary));
	fprintf(out, _("\n'wangge COMMAND --help' shows a command's arguments. See wangge(1).\n"));
}

enum { OPT_DB = 256, OPT_CONFIG, OPT_USER, OPT_KEYS, OPT_NOW, OPT_YES, OPT_HELP, OPT_VERSION };

static const struct option global_options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "user", required_argument, NULL, OPT_USER },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "now", required_argument, NULL, OPT_NOW },
	{ "yes", no_argument, NULL, OPT_YES },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/*
 * Pulls the global options out of argv wherever they stand (before or after
 * the command) and leaves the rest, in order, for the command.  getopt's own
 * permutation cannot be used: it would reject each command's own options.
 */
static int take_globals(struct cli_opts *o, int *argc, char **argv, int *help, int *version)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const struct option *opt = NULL;
		if (strcmp(a, "-h") == 0) { /* as --help, wherever it stands */
			*help = 1;
			continue;
		}
		size_t n = strcspn(a, "=");
		for (const struct option *g = global_options; a[0] == '-' && a[1] == '-' && g->name; g++)
			if (strlen(g->name) == n - 2 && strncmp(a + 2, g->name, n - 2) == 0)
				opt = g;
		if (strcmp(a, "--") == 0 || !opt) {
			argv[out++] = argv[i];
			continue;
		}
		const char *val = NULL;
		if (opt->has_arg) {
			val = a[n] == '=' ? a + n + 1 : (i + 1 < *argc ? argv[++i] : NULL);
			if (!val)
				return cli_error(WG_EUSAGE, _("option --%s needs a value"), opt->name);
		}
		switch (opt->val) {
		case OPT_DB: o->db = val; break;
		case OPT_CONFIG: o->config = val; break;
		case OPT_USER: o->user = val; break;
		case OPT_KEYS: o->keys = val; break;
		case OPT_NOW: o->now = val; break;
		case OPT_YES: o->yes = 1; break;
		case OPT_HELP: *help = 1; break;
		case OPT_VERSION: *version = 1; break;
		}
	}
	*argc = out;
	argv[out] = NULL;
	return WG_OK;
}

static void warn_stderr(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "wangge: %s\n", msg);
}

static int setup(struct cli_env *env)
{
	if (env->opts.now) {
		time_t t;
		const char *why = wg_validate_time(env->opts.now, &t);
		if (why)
			return cli_error(WG_EUSAGE, _("--now %s: %s"), env->opts.now, why);
		wg_clock_pin(env->ctx, t);
	}
	if (wg_config_load_all(env->cfg, env->ctx, env->opts.config, warn_stderr, NULL) != WG_OK)
		return cli_error(WG_EUSAGE, "%s", wg_error(env->ctx));
	if (wg_tasks_configure(env->ctx, env->cfg) != WG_OK ||
	    wg_volunteers_configure(env->ctx, env->cfg) != WG_OK)
		return cli_error(WG_EUSAGE, "%s", wg_error(env->ctx));
	cli_resolve_db(env);
	return WG_OK;
}

static void init_locale(void)
{
	const char *dir = getenv("WANGGE_LOCALEDIR");
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

/* The screens draw UTF-8 only: in another locale (LC_ALL=C, a GB18030 terminal) they would show
 * ? or garbage, so the clerk is told what to set instead, in the terminal's own character set
 * (gettext converts to it; the C locale gets English). */
static int utf8_terminal(void)
{
	const char *set = nl_langinfo(CODESET);
	if (strcmp(set, "UTF-8") == 0)
		return 1;
	bind_textdomain_codeset(PACKAGE, set);
	fprintf(stderr, _("wangge: this terminal's locale uses the character set %s, not UTF-8, so the "
			  "screens could not show Chinese. Start wangge in a UTF-8 locale, for example "
			  "LANG=zh_CN.UTF-8 wangge (see 'locale -a'), with the terminal set to UTF-8 too.\n"),
		set);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	return 0;
}

/* With no command, the full-screen program: opened and logged in here like any command that
 * needs a login, so that whatever is refused is said on a normal terminal before curses. */
static int run_screens(struct cli_env *env, int argc, char **argv)
{
	(void)argc, (void)argv;
	int rc = ui_main(env->ctx, env->cfg, env->opts.keys);
	return rc == WG_OK || rc >= 128 ? rc : cli_fail(env, rc); /* 128 + a signal */
}

static const struct cli_cmd screens_cmd = { "", NULL, "", N_("the full-screen program"),
					    CLI_NEEDS_LOGIN, run_screens };

/* The actions of 'tasks move', from the case loop's own table, with what each needs. */
static void tasks_move_help(void)
{
	static const struct { unsigned bit; const char *opt; } needs[] = {
		{ WG_NEED_HANDLER, "--to KIND:ID" }, { WG_NEED_NOTE, "--note TEXT" },
		{ WG_NEED_RATING, "--rating R" }, { WG_NEED_REVIEW_DATE, "--review-date DATE" },
		{ WG_NEED_LEVEL, "--level N" }, { WG_NEED_TARGET, "--into CASE" } };
	printf("\n%s\n", _("Actions (ACTION), and what each needs:"));
	for (int a = 0; a < WG_ACT_COUNT; a++) {
		char what[160] = "";
		size_t n = 0;
		for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++)
			if (wg_task_action_needs((enum wg_task_action)a) & needs[i].bit)
				n += (size_t)snprintf(what + n, sizeof what - n, " %s", needs[i].opt);
		const char *name = wg_task_action_name((enum wg_task_action)a);
		const char *label = wg_task_action_label((enum wg_task_action)a);
		char line[256];
		int len = snprintf(line, sizeof line, "  %-10s %s%s", name,
				   strcmp(name, label) ? label : "", what);
		while (len > 0 && (size_t)len < sizeof line && line[len - 1] == ' ')
			line[--len] = '\0';
		printf("%s\n", line);
	}
}

/* Where to report a bug: the last lines of every --help. */
static void print_bugs(void)
{
	printf("\n%s\n", _("Report bugs to whoever installed wangge for you (the street office's "
			    "technician),\nwith what you did and the output of 'wangge --version' and "
			    "'wangge check';\nsee \"Reporting bugs\" in the README."));
}

/* 'wangge CMD [SUB] --help': the row's usage and summary; a command's own row lists its
 * subcommands' rows. */
static int print_row_help(const struct cli_cmd *cmd)
{
	const struct cli_cmd *r = cmd;
	if (cmd->sub || cmd->run) {
		cli_usage_line(stdout, _("Usage:"), cmd);
		printf("%s\n", _(cmd->summary));
		if (cmd->sub && strcmp(cmd->name, "tasks") == 0 && strcmp(cmd->sub, "move") == 0)
			tasks_move_help();
		print_bugs();
		return WG_OK;
	}
	printf("%s\n", _(cmd->summary));
	for (r = cmd + 1; r->name; r++) {
		cli_usage_line(stdout, " ", r);
		printf("      %s\n", _(r->summary));
	}
	print_bugs();
	return WG_OK;
}

static int dispatch(struct cli_env *env, int argc, char **argv, int help)
{
	if (argc < 2 && help)
		return print_help(stdout), print_bugs(), WG_OK;
	if (argc < 2 && !utf8_terminal())
		return WG_EUSAGE;
	if (argc < 2) {
		int rc = cli_open(env, screens_cmd.needs);
		return rc != WG_OK ? rc : screens_cmd.run(env, argc, argv);
	}
	const struct cli_cmd *cmd = cli_find(argv[1]);
	if (!cmd) {
		cli_error(WG_EUSAGE, _("unknown command '%s'"), argv[1]);
		fputs(_("Run 'wangge --help' for the list of commands.\n"), stderr);
		return WG_EUSAGE;
	}
	/* a subcommand's row when the command has them, else the command's own */
	const struct cli_cmd *row = argc >= 3 ? cli_find_sub(cmd, argv[2]) : NULL;
	if (help)
		return print_row_help(row ? row : cmd);
	if (!row && !cmd->run) {
		if (argc >= 3)
			cli_error(WG_EUSAGE, _("unknown subcommand '%s %s'"), argv[1], argv[2]);
		return cli_usage(cmd);
	}
	env->self = row ? row : cmd;
	int rc = cli_open(env, env->self->needs);
	return rc != WG_OK ? rc : cli_run(env, argc - (row ? 2 : 1), argv + (row ? 2 : 1));
}

int main(int argc, char **argv)
{
	struct cli_env env = { 0 };
	int help = 0, version = 0, rc;
	init_locale();
	cli_filter_stderr();
	/* Past a file size limit (ulimit -f) a write fails like one on a full disk, and is
	 * reported and cleaned up as such, instead of killing the program mid-write. */
	signal(SIGXFSZ, SIG_IGN);
	if ((rc = take_globals(&env.opts, &argc, argv, &help, &version)) != WG_OK)
		return cli_filter_end(), rc;
	if (argc >= 2 || help || version)
		cli_filter_stdout();
	if (version) {
		printf("wangge %s\n", PACKAGE_VERSION);
		printf("%s", _("Copyright (C) 2026 the wangge developers.\n"
			       "License: Mulan Permissive Software License, Version 2 (Mulan PSL v2)\n"
			       "<http://license.coscl.org.cn/MulanPSL2>. The pinyin readings are derived\n"
			       "from the Unicode Unihan database, under the Unicode License. Both texts:\n"
			       "/usr/share/doc/wangge/copyright, or COPYING and data/pinyin/UNICODE-LICENSE\n"
			       "in the source.\n"
			       "This is free software: you are free to change and redistribute it.\n"
			       "There is NO WARRANTY, to the extent permitted by law.\n"));
		return cli_filter_end(), WG_OK;
	}
	env.ctx = wg_ctx_new();
	env.cfg = wg_config_new();
	if (!env.ctx || !env.cfg)
		return cli_error(WG_EIO, "%s", _("out of memory"));
	rc = setup(&env);
	if (rc == WG_OK)
		rc = dispatch(&env, argc, argv, help);
	wg_config_free(env.cfg);
	wg_ctx_free(env.ctx);
	cli_filter_end();
	return rc;
}
