/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge sync: export, import, conflicts, resolve, and the site keys (key, pair, peers). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <wangge/config.h>
#include <wangge/i18n.h>
#include <wangge/site-key.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include <wangge/validate.h>
#include "cli.h"

static int sync_export(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "to", required_argument, NULL, 't' },
					      { "output", required_argument, NULL, 'o' },
					      { NULL, 0, NULL, 0 } };
	const char *out = NULL, *why;
	char path[4400], stamp[32];
	long to = 0, changes;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 't' && (why = wg_validate_int(optarg, 1, WG_SITE_MAX, &to)))
			return cli_error(WG_EUSAGE, "--to %s: %s", optarg, why);
		else if (c == 'o')
			out = optarg;
		else if (c != 't')
			return cli_usage(env->self);
	}
	if (optind != argc || !to)
		return cli_usage(env->self);
	if (!out) { /* into [sync] dir (a USB stick), named by sites and time */
		const char *dir = wg_config_str(env->cfg, "sync:dir");
		wg_format_time(wg_now(env->ctx), "%Y%m%d-%H%M%S", stamp, sizeof stamp);
		snprintf(path, sizeof path, "%s%swangge-sync-%d-to-%ld-%s.wgs", dir, *dir ? "/" : "",
			 wg_site_no(env->ctx), to, stamp);
		out = path;
	}
	if ((rc = wg_sync_export(env->ctx, (int)to, out, wg_config_str(env->cfg, "sync:conflict"), &changes)) != WG_OK)
		return cli_fail(env, rc);
	printf("%s\n", out);
	fprintf(stderr, ngettext("wangge: %ld change for site %ld\n", "wangge: %ld changes for site %ld\n",
				 (unsigned long)changes),
		changes, to);
	return WG_OK;
}

static int sync_import(struct cli_env *env, int argc, char **argv)
{
	struct wg_sync_import_result res;
	int rc;
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(env->self);
	rc = wg_sync_import(env->ctx, argv[1], wg_config_str(env->cfg, "sync:conflict"), &res);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	printf(_("imported %s from site %d: %ld changes applied%s\n"), argv[1], res.from_site,
	       res.applied, res.full ? _(" (the whole database)") : "");
	if (res.already)
		printf(ngettext("%ld change was here already\n", "%ld changes were here already\n",
				(unsigned long)res.already),
		       res.already);
	if (res.changed_own)
		printf(ngettext("%ld record this site made was changed at another site; the change came "
				"as that site's own (its audit log, or the case's timeline, says who)\n",
				"%ld records this site made were changed at another site; each change came "
				"as that site's own (its audit log, or the case's timeline, says who)\n",
				(unsigned long)res.changed_own),
		       res.changed_own);
	if (res.conflicts)
		printf(ngettext("%ld conflict listed (see 'wangge sync conflicts'): the record keeps "
				"one version, the other is listed to take with 'sync resolve'\n",
				"%ld conflicts listed (see 'wangge sync conflicts'): each record keeps "
				"one version, the other is listed to take with 'sync resolve'\n",
				(unsigned long)res.conflicts),
		       res.conflicts);
	return WG_OK;
}

static int print_conflict(void *arg, const struct wg_sync_conflict *c)
{
	char when[32];
	(void)arg;
	wg_format_time(c->at, "%Y-%m-%d %H:%M", when, sizeof when);
	printf(_("%lld  %s  from site %d  %s %s (%s)%s\n"), (long long)c->id, when, c->peer_site,
	       c->op, c->table, c->why, c->resolved ? _("  [resolved]") : "");
	if (*c->local)
		printf(_("    here:  %s\n"), c->local);
	printf(_("    there: %s\n"), c->incoming);
	return WG_OK;
}

static int sync_conflicts(struct cli_env *env, int argc, char **argv)
{
	int all = argc == 2 && strcmp(argv[1], "--all") == 0;
	if (argc > 2 || (argc == 2 && !all))
		return cli_usage(env->self);
	int rc = wg_sync_conflicts(env->ctx, all, print_conflict, NULL);
	return rc == WG_OK ? WG_OK : cli_fail(env, rc);
}

static int sync_resolve(struct cli_env *env, int argc, char **argv)
{
	long id;
	const char *why;
	enum wg_sync_take take = WG_SYNC_TAKE_NONE;
	if (argc == 4 && strcmp(argv[2], "--take") == 0 && strcmp(argv[3], "local") == 0)
		take = WG_SYNC_TAKE_LOCAL;
	else if (argc == 4 && strcmp(argv[2], "--take") == 0 && strcmp(argv[3], "incoming") == 0)
		take = WG_SYNC_TAKE_INCOMING;
	else if (argc == 4 && strcmp(argv[2], "--take") == 0)
		return cli_error(WG_EUSAGE, _("--take %s: give local (the value that was here) or "
					      "incoming (the value the file brought)"), argv[3]);
	else if (argc != 2)
		return cli_usage(env->self);
	if ((why = wg_validate_int(argv[1], 1, 2147483647L, &id)))
		return cli_error(WG_EUSAGE, "%s: %s", argv[1], why);
	int rc = wg_sync_conflict_resolve(env->ctx, id, take);
	return rc == WG_OK ? WG_OK : cli_fail(env, rc);
}

static int sync_key(struct cli_env *env, int argc, char **argv)
{
	struct wg_site_key key;
	struct wg_site_info info;
	(void)argv;
	if (argc != 1)
		return cli_usage(env->self);
	int rc = wg_site_key_own(env->ctx, &key);
	if (rc == WG_OK)
		rc = wg_site_info(env->ctx, &info);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	/* Not translated: scripts read these lines (sed -n 's/^key //p'). */
	printf("site %d\nid %s\nkey %s\nfingerprint %s\n", key.site_no, info.uid, key.key, key.fingerprint);
	if (*info.community)
		printf("community %s\n", info.community);
	if (*info.code)
		printf("code %s\n", info.code);
	return WG_OK;
}

static int print_peer(void *arg, const struct wg_site_key *peer)
{
	char when[32];
	(void)arg;
	wg_format_time(peer->paired_at, "%Y-%m-%d %H:%M", when, sizeof when);
	printf(_("site %d  %s  paired %s by %s  id %s\n"), peer->site_no, peer->fingerprint, when,
	       *peer->paired_by ? peer->paired_by : "-", *peer->uid ? peer->uid : _("(not yet known)"));
	return WG_OK;
}

static int sync_peers(struct cli_env *env, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cli_usage(env->self);
	int rc = wg_site_peers(env->ctx, print_peer, NULL);
	return rc == WG_OK ? WG_OK : cli_fail(env, rc);
}

/* sync pair SITE KEY [--id ID] [--replace [--new-database]]; with nothing after it, the list
 * of paired sites. */
static int sync_pair(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "replace", no_argument, NULL, 'r' },
					      { "new-database", no_argument, NULL, 'n' },
					      { "id", required_argument, NULL, 'i' },
					      { NULL, 0, NULL, 0 } };
	const char *why, *uid = NULL;
	long site;
	int c, flags = 0;
	if (argc == 1)
		return sync_peers(env, argc, argv);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			flags |= WG_PAIR_REPLACE;
		else if (c == 'n')
			flags |= WG_PAIR_NEW_DATABASE;
		else if (c == 'i')
			uid = optarg;
		else
			return cli_usage(env->self);
	}
	if (argc - optind != 2)
		return cli_usage(env->self);
	if ((why = wg_validate_int(argv[optind], 1, WG_SITE_MAX, &site)))
		return cli_error(WG_EUSAGE, "%s: %s", argv[optind], why);
	int rc = wg_site_pair(env->ctx, (int)site, argv[optind + 1], uid, flags);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	printf(_("site %ld is paired with this site\n"), site);
	return WG_OK;
}

const struct cli_cmd cli_sync_rows[] = {
	{ "sync", NULL, NULL, N_("exchange changes with the office or a field laptop through a file"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "sync", "export", "--to SITE [-o FILE]", N_("what SITE lacks, signed and encrypted to it"),
	  CLI_NEEDS_LOGIN, sync_export },
	{ "sync", "import", "FILE", N_("take a file from a paired site"), CLI_NEEDS_LOGIN, sync_import },
	{ "sync", "conflicts", "[--all]", N_("the conflicts imports listed"), CLI_NEEDS_LOGIN, sync_conflicts },
	{ "sync", "resolve", "ID [--take local|incoming]",
	  N_("take either version of a conflict, or mark it dealt with"), CLI_NEEDS_LOGIN, sync_resolve },
	{ "sync", "key", "", N_("this site's number, id, public key and fingerprint"), CLI_NEEDS_LOGIN,
	  sync_key },
	{ "sync", "pair", "[SITE KEY [--id ID] [--replace [--new-database]]]",
	  N_("record another site's public key (administrators)"),
	  CLI_NEEDS_LOGIN, sync_pair },
	{ "sync", "peers", "", N_("the paired sites"), CLI_NEEDS_LOGIN, sync_peers },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
