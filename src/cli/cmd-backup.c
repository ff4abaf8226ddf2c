/* wangge backup [-o FILE] and wangge restore FILE. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <wangge/backup.h>
#include <wangge/config.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "cli.h"

int cmd_backup(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "output", required_argument, NULL, 'o' },
					      { NULL, 0, NULL, 0 } };
	char dir[4096], path[4400];
	const char *out = NULL;
	int c, rc, removed = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(cli_find("backup"));
		out = optarg;
	}
	if (optind != argc)
		return cli_usage(cli_find("backup"));
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

int cmd_restore(struct cli_env *env, int argc, char **argv)
{
	char dir[4096], before[4400], when[32] = "-";
	struct wg_backup_info info;
	int rc;
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(cli_find("restore"));
	wg_backup_dir(env->ctx, wg_config_str(env->cfg, "backup:dir"), dir, sizeof dir);
	if ((rc = wg_backup_inspect(env->ctx, argv[1], &info)) != WG_OK ||
	    (rc = wg_backup_name(env->ctx, dir, "wangge-before-restore", before, sizeof before)) != WG_OK ||
	    (rc = wg_restore_from(env->ctx, argv[1], before)) != WG_OK)
		return cli_fail(env, rc);
	if (info.last_change) {
		struct tm tm;
		localtime_r(&info.last_change, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	}
	printf(_("restored %s: site %d, %s, %ld residents, %ld cases, last change %s\n"), argv[1],
	       info.site_no, info.community, info.residents, info.tasks, when);
	printf(_("the database as it was before is kept in %s\n"), before);
	return WG_OK;
}
