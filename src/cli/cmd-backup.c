/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge backup [-o FILE] and wangge restore FILE. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <wangge/backup.h>
#include <wangge/config.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "cli.h"

static int cmd_backup(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "output", required_argument, NULL, 'o' },
					      { NULL, 0, NULL, 0 } };
	char dir[4096], path[4400];
	const char *out = NULL;
	int c, rc, removed = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		out = optarg;
	}
	if (optind != argc)
		return cli_usage(env->self);
	if (out) {
		if ((rc = wg_backup_to(env->ctx, out)) != WG_OK)
			return cli_fail(env, rc);
		printf("%s\n", out);
		return WG_OK;
	}
	long keep = wg_config_int(env->cfg, "backup:keep");
	wg_backup_dir(env->ctx, wg_config_str(env->cfg, "backup:dir"), dir, sizeof dir);
	if ((rc = wg_backup_auto(env->ctx, dir, (int)keep, path, sizeof path, &removed)) != WG_OK)
		return cli_fail(env, rc);
	printf("%s\n", path);
	if (removed)
		fprintf(stderr, ngettext("wangge: removed %d old backup from %s ([backup] keep = %ld)\n",
					 "wangge: removed %d old backups from %s ([backup] keep = %ld)\n",
					 (unsigned long)removed),
			removed, dir, keep);
	return WG_OK;
}

/* What a restore brought back, in one line. */
static void print_restored(const char *file, const struct wg_backup_info *info)
{
	char when[32] = "-";
	if (info->last_change) {
		struct tm tm;
		localtime_r(&info->last_change, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	}
	printf(_("restored %s: site %d, %s, %ld residents, %ld cases, last change %s\n"), file,
	       info->site_no, info->community, info->residents, info->tasks, when);
}

/* Disaster recovery: no database at the configured path, so the --user logs in against the
 * accounts inside the backup. */
static int restore_lost(struct cli_env *env, const char *file)
{
	char buf[256], prompt[128];
	struct wg_backup_info info;
	const char *name = cli_user_name(env);
	snprintf(prompt, sizeof prompt, _("Password for %s: "), name);
	const char *pw = cli_password(prompt, buf, sizeof buf);
	if (!pw)
		return cli_error(WG_EPERM, _("a password is needed for user '%s': set WANGGE_PASSWORD "
					     "or run from a terminal"), name);
	int rc = wg_restore_new(env->ctx, file, env->db_path, name, pw, &info);
	memset(buf, 0, sizeof buf);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	print_restored(file, &info);
	printf(_("there was no database at %s; it is this backup now\n"), env->db_path);
	return WG_OK;
}

static int cmd_restore(struct cli_env *env, int argc, char **argv)
{
	char dir[4096], before[4400];
	struct wg_backup_info info;
	int rc;
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(env->self);
	if (access(env->db_path, F_OK) != 0 && errno == ENOENT)
		return restore_lost(env, argv[1]);
	if ((rc = cli_open(env, CLI_NEEDS_LOGIN)) != WG_OK)
		return rc;
	wg_backup_dir(env->ctx, wg_config_str(env->cfg, "backup:dir"), dir, sizeof dir);
	if ((rc = wg_backup_inspect(env->ctx, argv[1], &info)) != WG_OK ||
	    (rc = wg_backup_name(env->ctx, dir, "wangge-before-restore", before, sizeof before)) != WG_OK ||
	    (rc = wg_restore_from(env->ctx, argv[1], before)) != WG_OK)
		return cli_fail(env, rc);
	print_restored(argv[1], &info);
	printf(_("the database as it was before is kept in %s\n"), before);
	return WG_OK;
}

const struct cli_cmd cli_backup_rows[] = {
	{ "backup", NULL, "[-o FILE]",
	  N_("copy the database to the backup folder (keeping the newest [backup] keep), or to FILE "
	     "(administrators)"),
	  CLI_NEEDS_LOGIN, cmd_backup },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

/* restore logs in itself: into the database, or into the backup when the database is lost */
const struct cli_cmd cli_restore_rows[] = {
	{ "restore", NULL, "FILE",
	  N_("replace the database with a backup (the current one is kept beside the backups)"),
	  CLI_NEEDS_NOTHING, cmd_restore },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
