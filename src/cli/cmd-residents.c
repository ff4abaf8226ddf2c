/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge residents import|export|search: the resident register from the command line. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/resident.h>
#include "cli.h"

static int res_import(struct cli_env *env, int argc, char **argv)
{
	enum wg_encoding enc;
	const char *file;
	if (cli_import_args(env, argc, argv, &enc, &file) != WG_OK)
		return WG_EUSAGE;
	struct wg_problems probs = { 0 };
	struct wg_resident_import_result res;
	int rc = wg_resident_import_file(env->ctx, file, enc, &probs, &res);
	if (wg_problems_count(&probs))
		wg_problems_print(&probs, stderr, 0);
	if (rc != WG_OK) {
		cli_fail(env, rc);
	} else {
		printf(_("imported %s (%s): %d residents; new buildings %d, new households %d, new tags "
			 "%d\n"), file, res.encoding == WG_ENC_GB18030 ? "GB18030" : "UTF-8", res.rows,
		       res.buildings_added, res.households_added, res.tags_added);
		if (res.tags_added)
			printf(_("new tags: %s\n"), res.new_tags);
	}
	wg_problems_free(&probs);
	return rc;
}

static int res_export(struct cli_env *env, int argc, char **argv)
{
	return cli_masked_export(env, argc, argv, wg_resident_export);
}

/* Looks up --cell and --tag for the query. */
static int search_filters(struct cli_env *env, struct wg_resident_query *q, const char *cell,
			  const char *tag)
{
	struct wg_tag t;
	if (cell && wg_cell_find(env->ctx, cell, &q->cell_id) != WG_OK)
		return cli_fail(env, WG_EINVAL);
	if (tag && wg_tag_find(env->ctx, tag, &t) != WG_OK)
		return cli_error(WG_EINVAL, _("--tag %s: %s"), tag, wg_error(env->ctx));
	q->tag_id = tag ? t.id : 0;
	return WG_OK;
}

/* Prints every page of the list, one resident a line, columns separated by tabs. */
static int print_all(struct cli_env *env, struct wg_resident_query *q, long *n)
{
	struct wg_list_source src = wg_resident_source(q);
	struct wg_rows rows;
	struct wg_pagekey key = { .id = 0 };
	int rc;
	wg_rows_init(&rows);
	*n = 0;
	for (enum wg_page_dir dir = WG_PAGE_FIRST;; dir = WG_PAGE_AFTER) {
		if ((rc = src.fetch(env->ctx, src.arg, dir, &key, 200, &rows)) != WG_OK || rows.n == 0)
			break;
		for (int i = 0; i < rows.n; i++, ++*n)
			for (int c = 0; c < rows.rows[i].ncols; c++)
				printf("%s%c", rows.rows[i].cols[c], c + 1 < rows.rows[i].ncols ? '\t' : '\n');
		key = rows.rows[rows.n - 1].key;
	}
	wg_rows_free(&rows);
	return rc == WG_OK ? WG_OK : cli_fail(env, rc);
}

static int res_search(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cell", required_argument, NULL, 'c' }, { "tag", required_argument, NULL, 't' },
		{ "all", no_argument, NULL, 'a' }, { NULL, 0, NULL, 0 },
	};
	struct wg_resident_query q = { .text = "" };
	const char *cell = NULL, *tag = NULL;
	int c;
	long n;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		cell = c == 'c' ? optarg : cell;
		tag = c == 't' ? optarg : tag;
		q.include_inactive |= c == 'a';
	}
	for (int i = optind; i < argc; i++) /* several words form one query */
		snprintf(q.text + strlen(q.text), sizeof q.text - strlen(q.text), "%s", argv[i]);
	if (optind == argc && !cell && !tag)
		return cli_usage(env->self);
	int rc = search_filters(env, &q, cell, tag);
	if (rc == WG_OK && (rc = print_all(env, &q, &n)) == WG_OK && n == 0)
		rc = cli_error(WG_EINVAL, _("no resident matches '%s'"), q.text);
	return rc;
}

const struct cli_cmd cli_residents_rows[] = {
	{ "residents", NULL, NULL, N_("the resident register: import, export (masked unless --unmasked), search"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "residents", "import", "FILE [--encoding auto|utf-8|gb18030] [--sheet NAME|N]",
	  N_("register residents from a CSV file, all or nothing"), CLI_NEEDS_LOGIN, res_import },
	{ "residents", "export", "[FILE|-] [--unmasked] [--bom] [--format xlsx -o FILE]",
	  N_("the register as CSV, ID numbers and phones masked unless --unmasked"), CLI_NEEDS_LOGIN,
	  res_export },
	{ "residents", "search", "QUERY [--cell CODE] [--tag TAG] [--all]",
	  N_("residents by name, pinyin, ID number or phone digits"), CLI_NEEDS_LOGIN, res_search },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
