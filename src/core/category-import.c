/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Category import, second half: counts, then one transaction that adds, renames and retires. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "category-parse.h"
#include "csv-import-priv.h"
#include "core-int.h"

const char *wg_category_parse_expect(const char *s, int expect[WG_CAT_LEVELS])
{
	int n = 0;
	if (sscanf(s, "%d,%d,%d,%d%n", &expect[0], &expect[1], &expect[2], &expect[3], &n) != 4 ||
	    s[n] != '\0' || expect[0] < 0 || expect[1] < 0 || expect[2] < 0 || expect[3] < 0)
		return _("give four counts separated by commas: sectors,large,categories,sub, "
			 "e.g. 10,118,577,3575");
	return NULL;
}

static void check_counts(struct imp_table *t, const int *expect, int counts[WG_CAT_LEVELS])
{
	static const char *const names[] = { N_("sectors"), N_("large categories"), N_("categories"),
					     N_("sub-categories") };
	memset(counts, 0, sizeof(int) * WG_CAT_LEVELS);
	for (int i = 0; i < t->n; i++)
		if (t->nodes[i].level >= 1 && t->nodes[i].level <= WG_CAT_LEVELS)
			counts[t->nodes[i].level - 1]++;
	if (t->n == 0)
		wg_problems_add(t->probs, t->file, 0, NULL, "%s", _("the file has no categories"));
	for (int l = 0; expect && l < WG_CAT_LEVELS; l++) {
		int d = counts[l] - expect[l];
		if (d)
			wg_problems_add(t->probs, t->file, 0, NULL,
					_("level %d (%s): %d in the file, %d expected (%d %s)"), l + 1,
					_(names[l]), counts[l], expect[l], d > 0 ? d : -d,
					d > 0 ? _("too many") : _("missing"));
	}
}

struct existing {
	int64_t id;
	int touched;
	int level;
	int referenced;
	int active;
	char *code, *parent;
};

/* Existing categories, with whether a case refers to them. */
static int load_existing(struct wg_ctx *ctx, struct existing **out, int *n, struct wg_codemap *map)
{
	static const char sql[] =
		"SELECT c.id, c.code, coalesce(p.code, ''), c.level,"
		" EXISTS (SELECT 1 FROM tasks t WHERE t.category_id = c.id), c.active"
		" FROM categories c LEFT JOIN categories p ON p.id = c.parent_id ORDER BY c.level";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int cap = 0;
	*out = NULL;
	*n = 0;
	if (!st || wg_codemap_init(map, 8192) != 0)
		return WG_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			struct existing *ne = realloc(*out, (size_t)cap * sizeof *ne);
			if (!ne)
				return sqlite3_reset(st), wg_fail(ctx, WG_EIO, _("out of memory"));
			*out = ne;
		}
		struct existing *e = &(*out)[(*n)++];
		e->id = sqlite3_column_int64(st, 0);
		e->code = strdup((const char *)sqlite3_column_text(st, 1));
		e->parent = strdup((const char *)sqlite3_column_text(st, 2));
		e->level = sqlite3_column_int(st, 3);
		e->referenced = sqlite3_column_int(st, 4);
		e->active = sqlite3_column_int(st, 5);
		e->touched = 0;
	}
	sqlite3_reset(st);
	for (int i = 0; i < *n; i++)
		wg_codemap_put(map, (*out)[i].code, i);
	return WG_OK;
}

static void free_existing(struct existing *e, int n, struct wg_codemap *map)
{
	for (int i = 0; i < n; i++) {
		free(e[i].code);
		free(e[i].parent);
	}
	free(e);
	wg_codemap_free(map);
}

static int bind_node(struct wg_ctx *ctx, sqlite3_stmt *st, const struct imp_node *nd, int64_t id,
		     int64_t parent_id, int sort)
{
	int64_t now = (int64_t)wg_now(ctx);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, nd->code, -1, SQLITE_STATIC);
	if (parent_id)
		sqlite3_bind_int64(st, 3, parent_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, nd->level);
	sqlite3_bind_text(st, 5, nd->name_zh, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, nd->name_en, -1, SQLITE_STATIC);
	if (nd->limit)
		sqlite3_bind_int(st, 7, nd->limit);
	else
		sqlite3_bind_null(st, 7);
	sqlite3_bind_text(st, 8, nd->resp, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, *nd->prio ? nd->prio : "normal", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, nd->active);
	sqlite3_bind_int(st, 11, sort);
	sqlite3_bind_int64(st, 12, now);
	sqlite3_bind_int64(st, 13, ctx->user_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving a category"));
}

static const char insert_sql[] =
	"INSERT INTO categories(id, code, parent_id, level, name_zh, name_en, time_limit_hours,"
	" responsible, priority, active, sort, created_at, created_by, updated_at, updated_by)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)";

/* Updates only rows that differ, counting renames and moves. */
static const char update_sql[] =
	"UPDATE categories SET code = ?2, parent_id = ?3, level = ?4, name_zh = ?5, name_en = ?6,"
	" time_limit_hours = ?7, responsible = ?8, priority = ?9, active = ?10, sort = ?11,"
	" updated_at = ?12, updated_by = ?13 WHERE id = ?1 AND (parent_id IS NOT ?3 OR level <> ?4"
	" OR name_zh <> ?5 OR name_en <> ?6 OR time_limit_hours IS NOT ?7 OR responsible <> ?8"
	" OR priority <> ?9 OR active <> ?10 OR sort <> ?11)";

enum change { CH_NONE, CH_NAME, CH_DETAIL };

/* What an update of row id to nd would change besides place, order and state. */
static int classify(struct wg_ctx *ctx, int64_t id, const struct imp_node *nd, enum change *kind)
{
	static const char sql[] =
		"SELECT name_zh <> ?2 OR name_en <> ?3, time_limit_hours IS NOT ?4"
		" OR responsible <> ?5 OR priority <> ?6 FROM categories WHERE id = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, nd->name_zh, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, nd->name_en, -1, SQLITE_STATIC);
	if (nd->limit)
		sqlite3_bind_int(st, 4, nd->limit);
	sqlite3_bind_text(st, 5, nd->resp, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, *nd->prio ? nd->prio : "normal", -1, SQLITE_STATIC);
	*kind = CH_NONE;
	if (sqlite3_step(st) == SQLITE_ROW)
		*kind = sqlite3_column_int(st, 0) ? CH_NAME : sqlite3_column_int(st, 1) ? CH_DETAIL
											: CH_NONE;
	sqlite3_reset(st);
	return WG_OK;
}

/* One line of the report per updated row; a change of sibling order alone is no change. */
static void count_update(struct wg_category_import_result *res, int changed,
			 const struct existing *e, const struct imp_node *nd, enum change kind)
{
	if (!changed)
		res->unchanged++;
	else if (!e->active && nd->active)
		res->reactivated++;
	else if (e->active && !nd->active)
		res->retired++;
	else if (kind == CH_NAME)
		res->renamed++;
	else if (strcmp(e->parent, nd->parent) != 0)
		res->moved++;
	else if (kind == CH_DETAIL)
		res->updated++;
	else
		res->unchanged++;
}

static int write_nodes(struct wg_ctx *ctx, struct imp_table *t, struct existing *ex,
		       struct wg_codemap *exmap, struct wg_category_import_result *res)
{
	int64_t *ids = calloc((size_t)t->n + 1, sizeof *ids), next;
	int rc = ids ? wg_store_new_id(ctx, "categories", &next) : wg_fail(ctx, WG_EIO, _("out of memory"));
	for (int level = 1; rc == WG_OK && level <= WG_CAT_LEVELS; level++) {
		for (int i = 0; rc == WG_OK && i < t->n; i++) {
			const struct imp_node *nd = &t->nodes[i];
			if (nd->level != level)
				continue;
			int pi = *nd->parent ? wg_codemap_get(&t->index, nd->parent) : -1;
			int64_t parent_id = pi >= 0 ? ids[pi] : 0;
			int ei = wg_codemap_get(exmap, nd->code);
			if (ei < 0) {
				ids[i] = next++;
				sqlite3_stmt *st = wg_stmt(ctx, insert_sql);
				rc = st ? bind_node(ctx, st, nd, ids[i], parent_id, i) : WG_EIO;
				res->added++;
				continue;
			}
			enum change kind;
			ids[i] = ex[ei].id;
			ex[ei].touched = 1;
			if ((rc = classify(ctx, ids[i], nd, &kind)) != WG_OK)
				break;
			sqlite3_stmt *st = wg_stmt(ctx, update_sql);
			rc = st ? bind_node(ctx, st, nd, ids[i], parent_id, i) : WG_EIO;
			count_update(res, sqlite3_changes(ctx->db) > 0, &ex[ei], nd, kind);
		}
	}
	free(ids);
	return rc;
}

/*
 * Codes the new table leaves out: retired if a case (or a kept child) needs them, else removed.
 * A code retired by an earlier import is not counted again.
 */
static int drop_missing(struct wg_ctx *ctx, struct existing *ex, int n, struct wg_codemap *map,
			struct wg_category_import_result *res)
{
	static const char retire[] =
		"UPDATE categories SET active = 0, updated_at = ?2, updated_by = ?3 WHERE id = ?1";
	static const char removal[] = "DELETE FROM categories WHERE id = ?1";
	for (int i = n - 1; i >= 0; i--) { /* deepest first: children decide for parents */
		if (ex[i].touched || !ex[i].referenced)
			continue;
		for (int p = wg_codemap_get(map, ex[i].parent); p >= 0 && !ex[p].touched;
		     p = wg_codemap_get(map, ex[p].parent))
			ex[p].referenced = 1;
	}
	for (int i = n - 1; i >= 0; i--) {
		if (ex[i].touched || (ex[i].referenced && !ex[i].active))
			continue;
		sqlite3_stmt *st = wg_stmt(ctx, ex[i].referenced ? retire : removal);
		if (!st)
			return WG_EIO;
		sqlite3_bind_int64(st, 1, ex[i].id);
		if (ex[i].referenced) {
			sqlite3_bind_int64(st, 2, (int64_t)wg_now(ctx));
			sqlite3_bind_int64(st, 3, ctx->user_id);
		}
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return wg_db_fail(ctx, _("retiring a category"));
		if (ex[i].referenced)
			res->retired++;
		else
			res->removed++;
	}
	return WG_OK;
}

static int write_table(struct wg_ctx *ctx, struct imp_table *t, int replace,
		       struct wg_category_import_result *res)
{
	struct existing *ex = NULL;
	struct wg_codemap exmap = { 0 };
	int nex = 0, rc;
	char detail[160];
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	rc = load_existing(ctx, &ex, &nex, &exmap);
	if (rc == WG_OK && nex > 0 && !replace)
		rc = wg_fail(ctx, WG_EINVAL, _("%s: the database already has a category table (%d nodes); "
					       "nothing was changed. Use --replace to update it."),
			     t->file, nex);
	if (rc == WG_OK)
		rc = write_nodes(ctx, t, ex, &exmap, res);
	if (rc == WG_OK)
		rc = drop_missing(ctx, ex, nex, &exmap, res);
	snprintf(detail, sizeof detail, "added %d renamed %d moved %d updated %d reactivated %d"
		 " retired %d removed %d", res->added, res->renamed, res->moved, res->updated,
		 res->reactivated, res->retired, res->removed);
	if (rc == WG_OK)
		rc = wg_audit(ctx, "categories.import", "categories", 0, detail);
	free_existing(ex, nex, &exmap);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

static int import_csv(struct wg_ctx *ctx, struct wg_csv *csv, const int *expect, int replace,
		      struct wg_problems *probs, struct wg_category_import_result *res)
{
	struct imp_table t = { .file = wg_csv_name(csv), .probs = probs };
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Importing categories"))) != WG_OK)
		return rc;
	res->encoding = wg_csv_encoding(csv);
	/* A bad header or an unreadable tail already explains itself; counts of a file
	 * read only in part would add misleading lines. */
	int read = wg_catimp_read(csv, &t, res->layout);
	if (read >= 0) {
		if (!strcmp(res->layout, "node"))
			wg_catimp_check_tree(&t);
		check_counts(&t, expect, res->counts);
	}
	if (read < 0 && wg_problems_count(probs) == 0)
		rc = wg_fail(ctx, WG_EIO, _("out of memory"));
	else if (wg_problems_count(probs) > 0)
		rc = wg_import_refused(ctx, t.file, wg_problems_count(probs));
	else
		rc = write_table(ctx, &t, replace, res);
	wg_catimp_free(&t);
	return rc;
}

struct cat_args {
	const int *expect;
	int replace;
	struct wg_category_import_result *res;
};

static int run_import(struct wg_ctx *ctx, struct wg_csv *csv, struct wg_problems *probs, void *arg)
{
	struct cat_args *a = arg;
	return import_csv(ctx, csv, a->expect, a->replace, probs, a->res);
}

int wg_category_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			    const int *expect, int replace, struct wg_problems *probs,
			    struct wg_category_import_result *res)
{
	struct cat_args args = { expect, replace, res };
	struct wg_import_src src = { .name = path, .path = path, .enc = enc };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, run_import, &args);
}

int wg_category_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			   enum wg_encoding enc, const int *expect, int replace,
			   struct wg_problems *probs, struct wg_category_import_result *res)
{
	struct cat_args args = { expect, replace, res };
	struct wg_import_src src = { .name = name, .data = data, .len = len, .enc = enc };
	memset(res, 0, sizeof *res);
	return wg_import_run(ctx, &src, probs, run_import, &args);
}
