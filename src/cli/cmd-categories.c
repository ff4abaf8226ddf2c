/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge categories import|export|stats|search. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/i18n.h>
#include "cli.h"

static const char *encoding_name(enum wg_encoding e)
{
	return e == WG_ENC_GB18030 ? "GB18030" : "UTF-8";
}

static int cat_import(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, 'e' }, { "expect", required_argument, NULL, 'x' },
		{ "sheet", required_argument, NULL, 's' },
		{ "replace", no_argument, NULL, 'r' },       { NULL, 0, NULL, 0 },
	};
	enum wg_encoding enc = WG_ENC_AUTO;
	int expect[WG_CAT_LEVELS], have_expect = 0, replace = 0, c;
	const char *why;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'e' && wg_encoding_parse(optarg, &enc) != 0)
			return cli_error(WG_EUSAGE, _("--encoding %s: use auto, utf-8 or gb18030"), optarg);
		if (c == 'x' && (why = wg_category_parse_expect(optarg, expect)) != NULL)
			return cli_error(WG_EUSAGE, _("--expect %s: %s"), optarg, why);
		if (c == 's') /* a workbook's sheet: by name or number */
			wg_import_sheet(env->ctx, optarg);
		have_expect |= c == 'x';
		replace |= c == 'r';
		if (c == '?')
			return cli_usage(env->self);
	}
	if (optind + 1 != argc)
		return cli_usage(env->self);
	struct wg_problems probs = { 0 };
	struct wg_category_import_result res;
	int rc = wg_category_import_file(env->ctx, argv[optind], enc, have_expect ? expect : NULL,
					 replace, &probs, &res);
	if (wg_problems_count(&probs)) {
		wg_problems_print(&probs, stderr, 0);
		cli_fail(env, rc);
	} else if (rc != WG_OK) {
		cli_fail(env, rc);
	} else {
		printf(_("imported %s (%s layout, %s): sectors %d large %d categories %d sub %d\n"),
		       argv[optind], res.layout, encoding_name(res.encoding), res.counts[0],
		       res.counts[1], res.counts[2], res.counts[3]);
		printf(_("added %d, renamed %d, moved %d, updated %d, reactivated %d, retired %d, "
			 "removed %d, unchanged %d\n"), res.added, res.renamed, res.moved, res.updated,
		       res.reactivated, res.retired, res.removed, res.unchanged);
	}
	wg_problems_free(&probs);
	return rc;
}

static int cat_export(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	enum wg_category_format fmt = WG_CATFMT_CSV;
	const char *path = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		enum cli_format f;
		if (c == 'f' && cli_format(optarg, (1u << CLI_FMT_CSV) | (1u << CLI_FMT_JSON), &f) != WG_OK)
			return WG_EUSAGE;
		else if (c == 'f')
			fmt = f == CLI_FMT_JSON ? WG_CATFMT_JSON : WG_CATFMT_CSV;
		else if (c == 'o')
			path = optarg;
		else if (c == '?')
			return cli_usage(env->self);
	}
	if (optind != argc)
		return cli_usage(env->self);
	struct cli_out out;
	int rc = cli_out_open(&out, path);
	if (rc != WG_OK)
		return rc;
	if ((rc = wg_category_export(env->ctx, out.f, fmt)) != WG_OK)
		cli_fail(env, rc);
	return cli_out_close(&out, rc);
}

static int cat_stats(struct cli_env *env, int argc, char **argv)
{
	(void)argv;
	int n[WG_CAT_LEVELS];
	if (argc != 1)
		return cli_usage(env->self);
	if (wg_category_stats(env->ctx, n) != WG_OK)
		return cli_fail(env, WG_EIO);
	printf("sectors %d large %d categories %d sub %d\n", n[0], n[1], n[2], n[3]);
	return WG_OK;
}

static int cat_search(struct cli_env *env, int argc, char **argv)
{
	struct wg_cattree tree;
	struct wg_cathit hits[50];
	int total;
	if (argc < 2)
		return cli_usage(env->self);
	char query[256] = "";
	for (int i = 1; i < argc; i++) /* several words form one query */
		snprintf(query + strlen(query), sizeof query - strlen(query), "%s%s", i > 1 ? " " : "", argv[i]);
	if (wg_cattree_load(env->ctx, &tree) != WG_OK)
		return cli_fail(env, WG_EIO);
	int n = wg_cattree_search(&tree, query, 0, hits, 50, &total);
	for (int i = 0; i < n; i++) {
		char path[512];
		const struct wg_catnode *nd = &tree.nodes[hits[i].node];
		wg_cattree_path(&tree, hits[i].node, 0, path, sizeof path);
		printf("%s\t%s\t%s\n", wg_cattree_text(&tree, nd->code), path, wg_cattree_text(&tree, nd->name_en));
	}
	if (total > n)
		fprintf(stderr, _("%d more matches not shown; type more of the name\n"), total - n);
	wg_cattree_free(&tree);
	if (total == 0)
		return cli_error(WG_EINVAL, _("no category matches '%s'"), query);
	return WG_OK;
}

const struct cli_cmd cli_categories_rows[] = {
	{ "categories", NULL, NULL, N_("the case category hierarchy: import, export, counts, search"),
	  CLI_NEEDS_DB, NULL },
	{ "categories", "import", "FILE [--encoding auto|utf-8|gb18030] [--sheet NAME|N] [--expect S,L,C,SUB] [--replace]",
	  N_("replace or fill the category table from a CSV file (administrators)"), CLI_NEEDS_LOGIN,
	  cat_import },
	{ "categories", "export", "[--format csv|json] [-o FILE]", N_("the category table"), CLI_NEEDS_DB,
	  cat_export },
	{ "categories", "stats", "", N_("categories per level"), CLI_NEEDS_DB, cat_stats },
	{ "categories", "search", "QUERY", N_("categories by name, pinyin initials or code"), CLI_NEEDS_DB,
	  cat_search },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
