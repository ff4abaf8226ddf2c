/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge site: this site's identity (show), and the street office's register of site numbers
 * (register, list). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <wangge/backup.h>
#include <wangge/i18n.h>
#include <wangge/site-key.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "cli.h"

static void field(const char *label, const char *value)
{
	cli_print_cell(label, 18, " ");
	printf("%s\n", value && *value ? value : "-");
}

static int site_show(struct cli_env *env, int argc, char **argv)
{
	struct wg_site_info info;
	struct wg_site_key key;
	char buf[160];
	(void)argv;
	if (argc != 1)
		return cli_usage(env->self);
	int rc = wg_site_info(env->ctx, &info);
	if (rc == WG_OK)
		rc = wg_site_key_own(env->ctx, &key);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	if (info.office == info.site_no)
		snprintf(buf, sizeof buf, _("%d (an office: its accounts go to its laptops)"), info.site_no);
	else
		snprintf(buf, sizeof buf, _("%d (takes its accounts from site %d)"), info.site_no, info.office);
	field(_("Site number"), buf);
	field(_("Site id"), info.uid);
	field(_("Community"), info.community);
	field(_("Official code"), info.code);
	field(_("Key fingerprint"), key.fingerprint);
	printf(_("Site numbers run from 1 to %d, each site keeps up to %lld records per table.\n"),
	       WG_SITE_MAX, (long long)((1LL << WG_SITE_SHIFT) - 1));
	return WG_OK;
}

static int site_register(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "name", required_argument, NULL, 'n' },
					      { "code", required_argument, NULL, 'c' },
					      { "kind", required_argument, NULL, 'k' },
					      { "site-id", required_argument, NULL, 's' },
					      { NULL, 0, NULL, 0 } };
	const char *name = NULL, *code = "", *kind = "community", *why;
	long want = 0;
	int c, got;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n')
			name = optarg;
		else if (c == 'c')
			code = optarg;
		else if (c == 'k')
			kind = optarg;
		else if (c == 's' && (why = wg_validate_int(optarg, 1, WG_SITE_MAX, &want)))
			return cli_error(WG_EUSAGE, "--site-id %s: %s", optarg, why);
		else if (c != 's')
			return cli_usage(env->self);
	}
	if (optind != argc)
		return cli_usage(env->self);
	int rc = wg_site_register(env->ctx, (int)want, kind, code, name, &got);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	printf("%d\n", got);
	if (strcmp(kind, "laptop") == 0)
		fprintf(stderr, _("wangge: site %d is registered for %s; set the laptop up with 'wangge "
				  "init --site-id %d --office OFFICE', OFFICE the number of its "
				  "community's office\n"), got, name, got);
	else
		fprintf(stderr, _("wangge: site %d is registered for %s; set it up there with 'wangge "
				  "init --site-id %d --office %d --community %s%s%s'\n"),
			got, name, got, got, name, *code ? " --code " : "", code);
	return WG_OK;
}

static int print_entry(void *arg, const struct wg_site_entry *e)
{
	char when[32];
	(void)arg;
	wg_format_time(e->registered_at, "%Y-%m-%d", when, sizeof when);
	printf("%-7d ", e->site_no);
	cli_print_cell(strcmp(e->kind, "laptop") == 0 ? _("laptop")
		       : strcmp(e->kind, "street") == 0 ? _("street") : _("community"), 10, " ");
	cli_print_cell(*e->code ? e->code : "-", 12, " ");
	cli_print_cell(e->name, 16, " ");
	printf("%s  %s  %s\n", when, *e->fingerprint ? e->fingerprint : _("not paired"),
	       *e->uid ? e->uid : "-");
	return WG_OK;
}

static int site_list(struct cli_env *env, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cli_usage(env->self);
	int rc = wg_site_register_list(env->ctx, print_entry, NULL);
	return rc == WG_OK ? WG_OK : cli_fail(env, rc);
}

static int site_renumber(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "sent-files-refused", no_argument, NULL, 'r' },
					      { "group", no_argument, NULL, 'g' },
					      { "of", required_argument, NULL, 'o' },
					      { NULL, 0, NULL, 0 } };
	struct wg_site_renumber_result res;
	char dir[4096], before[4400];
	long to = 0, of = 0;
	int c, refused = 0, group = 0;
	const char *why;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			refused = 1;
		else if (c == 'g')
			group = 1;
		else if (c == 'o' && !(why = wg_validate_int(optarg, 1, WG_SITE_MAX, &of)))
			group = 1;
		else if (c == 'o')
			return cli_error(WG_EUSAGE, "--of %s: %s", optarg, why);
		else
			return cli_usage(env->self);
	}
	if (optind + 1 != argc || (group && refused))
		return cli_usage(env->self);
	if ((why = wg_validate_int(argv[optind], 1, WG_SITE_MAX, &to)))
		return cli_error(WG_EUSAGE, "%s: %s", argv[optind], why);
	/* every row is rewritten: the file as it was is kept first, as a restore keeps it */
	wg_backup_dir(env->ctx, wg_config_str(env->cfg, "backup:dir"), dir, sizeof dir);
	int rc = wg_require_role(env->ctx, WG_ROLE_ADMIN, _("Renumbering the site"));
	if (rc == WG_OK && (rc = wg_backup_name(env->ctx, dir, "wangge-before-renumber", before,
						sizeof before)) == WG_OK)
		rc = wg_backup_to(env->ctx, before);
	if (rc == WG_OK)
		rc = group ? wg_site_renumber_group(env->ctx, (int)of, (int)to, &res)
			   : wg_site_renumber(env->ctx, (int)to, refused, &res);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	if (of && of != wg_site_no(env->ctx))
		printf(_("site %d is site %ld here now: %lld keys moved, %ld case numbers S%d-... are "
			 "S%ld-..., %ld volunteer numbers follow their keys\n"),
		       res.from, to, res.keys, res.cases, res.from, to, res.volunteers);
	else
		printf(_("this database is site %ld now (it was site %d): %lld keys moved, %ld case "
			 "numbers S%d-... are S%ld-..., %ld volunteer numbers follow their keys\n"),
		       to, res.from, res.keys, res.cases, res.from, to, res.volunteers);
	printf(_("the database as it was before is kept in %s\n"), before);
	if (group)
		fprintf(stderr, _("wangge: every database of the group moves site %d to %ld before it "
				  "exchanges another file; the group's files of changes go on\n"),
			res.from, to);
	else
		fprintf(stderr, _("wangge: pair it with its street office as site %ld ('wangge sync key' "
				  "here, 'wangge sync pair %ld KEY' there); its next sync file is a whole "
				  "one\n"), to, to);
	return WG_OK;
}

const struct cli_cmd cli_site_rows[] = {
	{ "site", NULL, NULL, N_("this site's identity; the register of site numbers a street office "
				 "gives out"), CLI_NEEDS_LOGIN, NULL },
	{ "site", "show", "", N_("this site's number, id, community, code and key"), CLI_NEEDS_LOGIN,
	  site_show },
	{ "site", "register", "--name NAME [--code CODE] [--kind community|laptop|street] [--site-id N]",
	  N_("give a community or laptop its site number (administrators)"), CLI_NEEDS_LOGIN,
	  site_register },
	{ "site", "list", "", N_("the registered site numbers, with their pairing and id"),
	  CLI_NEEDS_LOGIN, site_list },
	{ "site", "renumber", "N [--sent-files-refused | --group [--of OLD]]",
	  N_("give this database the site number its street office registered, keys and all "
	     "(administrators; only before it took a sync file, or with its whole group)"),
	  CLI_NEEDS_LOGIN, site_renumber },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
