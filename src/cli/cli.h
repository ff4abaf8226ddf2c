/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Command-line front end: the command table and what every command shares. */
#ifndef WANGGE_CLI_H
#define WANGGE_CLI_H

#include <stdio.h>
#include <wangge/config.h>
#include <wangge/core.h>
#include <wangge/csv.h>

struct cli_opts {
	const char *db;
	const char *config;
	const char *user;
	const char *keys;
	const char *now;
	int yes;
};

/* What a command needs before it runs. */
enum cli_needs {
	CLI_NEEDS_NOTHING = 0,
	CLI_NEEDS_DB = 1,    /* an existing wangge file */
	CLI_NEEDS_LOGIN = 3, /* that file and a logged-in user */
};

struct cli_cmd;

struct cli_env {
	struct cli_opts opts;
	struct wg_ctx *ctx;
	struct wg_config *cfg;
	char db_path[4096];
	const struct cli_cmd *self; /* the row of the command running */
};

/*
 * A row of the command table.  Each cmd-*.c exports its command's rows (as
 * tmux's cmd-*.c export their entries), ended by a row with no name: first
 * the command itself (sub NULL: its summary for 'wangge --help'; run NULL when
 * a subcommand must follow), then one row per subcommand.  A handler gets
 * argv from the subcommand's name on (argv[0] is the subcommand, or the
 * command when it has none) and finds its own row in env->self, whose usage
 * it prints on a usage error.
 */
struct cli_cmd {
	const char *name;
	const char *sub;     /* NULL: the command's own row */
	const char *usage;   /* arguments after the name (and the subcommand) */
	const char *summary; /* N_() */
	enum cli_needs needs;
	int (*run)(struct cli_env *env, int argc, char **argv);
};

/* commands.c: every command's rows, in the order 'wangge --help' lists them; NULL-ended. */
extern const struct cli_cmd *const cli_tables[];

/* Prints "wangge: message" to stderr and returns status. */
int cli_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports the context's last error and returns status. */
int cli_fail(struct cli_env *env, int status);
/* Prints the row's usage (a command's row: each of its subcommands') to stderr; WG_EUSAGE. */
int cli_usage(const struct cli_cmd *cmd);
/* "LEAD wangge NAME [SUB] [USAGE]" and a line end. */
void cli_usage_line(FILE *out, const char *lead, const struct cli_cmd *r);
/* The command's own row, or NULL. */
const struct cli_cmd *cli_find(const char *name);
/* Its subcommand's row, or NULL. */
const struct cli_cmd *cli_find_sub(const struct cli_cmd *cmd, const char *sub);

/* --format: one of the formats allowed (a mask of 1u << CLI_FMT_*), or a usage error naming
 * them. */
enum cli_format { CLI_FMT_TEXT, CLI_FMT_CSV, CLI_FMT_JSON };
#define CLI_FMTS_ALL ((1u << CLI_FMT_TEXT) | (1u << CLI_FMT_CSV) | (1u << CLI_FMT_JSON))
int cli_format(const char *s, unsigned allowed, enum cli_format *out);

/* Resolves --db / config / default path into env->db_path. */
void cli_resolve_db(struct cli_env *env);
int cli_open(struct cli_env *env, enum cli_needs needs);
/* Password from WANGGE_PASSWORD or a prompt without echo; NULL if neither. */
const char *cli_password(const char *prompt, char *buf, size_t bufsz);
const char *cli_user_name(const struct cli_env *env);
/* Logs in the --user account (for commands that write only in some forms). */
int cli_login(struct cli_env *env);
/* "import FILE [--encoding E]": the file and its encoding, or a usage error. */
int cli_import_args(struct cli_env *env, int argc, char **argv, enum wg_encoding *enc,
		    const char **file);
/* The data directory (WANGGE_DATADIR overrides the installed one). */
const char *cli_datadir(void);

/* An output file written whole or not at all (temporary file, fsync, rename); "-" or NULL is stdout. */
struct cli_out {
	FILE *f;
	const char *path;
	char tmp[4200];
};
int cli_out_open(struct cli_out *o, const char *path);
/* Keeps the file when status is WG_OK, else removes it; returns status or the write error.
 * The file is 0600 (mkstemp) whatever the umask: exports may hold personal data.  A write
 * that failed (a full disk) is named with the file and what to do. */
int cli_out_close(struct cli_out *o, int status);

/* Runs the command's row (env->self); --format xlsx -o FILE, where its usage offers xlsx,
 * turns the CSV it writes into a workbook (xlsx-out.c). */
int cli_run(struct cli_env *env, int argc, char **argv);
/* Runs the command with --width N and --page-lines N laid out for a printer, where its usage
 * offers them (*done 1, its status returned); *done 0 for the other commands (print-out.c). */
int cli_print_run(struct cli_env *env, int argc, char **argv, int *done);
/* *v = the whole number s, from min to max; else a message naming opt (WG_EUSAGE). */
int cli_number(const char *opt, const char *s, int min, int max, int *v);

/* "export [FILE|-] [--unmasked] [--bom]", written by write whole or not at all. */
int cli_masked_export(struct cli_env *env, int argc, char **argv,
		      int (*write)(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows));

/* s in cols display columns (cut or padded) on stdout, then gap: one cell of a text table. */
void cli_print_cell(const char *s, size_t cols, const char *gap);

/*
 * Output escaping (safe-output.c): after these, every control character a command writes to
 * stderr or stdout but tab and newline comes out as \xHH (wg_unctrl).  stdout is left alone
 * for the full-screen program, which draws through curses (and replaces them itself).
 * cli_filter_end flushes both before the program ends.
 */
void cli_filter_stderr(void);
void cli_filter_stdout(void);
void cli_filter_end(void);

#endif
