/* The category tree in memory: loading, case counts, paths and incremental search. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wangge/category.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "codemap.h"
#include "ctx-priv.h"

static char *dup_col(sqlite3_stmt *st, int c)
{
	const unsigned char *t = sqlite3_column_text(st, c);
	return strdup(t ? (const char *)t : "");
}

static int load_rows(struct wg_ctx *ctx, struct wg_cattree *tree, int64_t **parent_ids)
{
	static const char sql[] =
		"SELECT id, code, name_zh, name_en, responsible, priority, level,"
		" coalesce(time_limit_hours, 0), active, coalesce(parent_id, 0)"
		" FROM categories ORDER BY level, sort, code";
	static const char count_sql[] = "SELECT count(*) FROM categories";
	sqlite3_stmt *st = wg_stmt(ctx, count_sql);
	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return wg_db_fail(ctx, _("loading categories"));
	int n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	tree->nodes = calloc((size_t)n + 1, sizeof *tree->nodes);
	*parent_ids = calloc((size_t)n + 1, sizeof **parent_ids);
	if (!tree->nodes || !*parent_ids || !(st = wg_stmt(ctx, sql)))
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	while (tree->n < n && sqlite3_step(st) == SQLITE_ROW) {
		struct wg_catnode *nd = &tree->nodes[tree->n];
		nd->id = sqlite3_column_int64(st, 0);
		nd->code = dup_col(st, 1);
		nd->name_zh = dup_col(st, 2);
		nd->name_en = dup_col(st, 3);
		nd->responsible = dup_col(st, 4);
		nd->priority = dup_col(st, 5);
		nd->level = sqlite3_column_int(st, 6);
		nd->limit_hours = sqlite3_column_int(st, 7);
		nd->active = sqlite3_column_int(st, 8);
		(*parent_ids)[tree->n] = sqlite3_column_int64(st, 9);
		nd->parent = nd->first_child = nd->next_sibling = -1;
		wg_pyname_init(&nd->py, nd->name_zh);
		tree->n++;
	}
	sqlite3_reset(st);
	return WG_OK;
}

/* Links children in load order (level, sort), so siblings keep the table's order. */
static int link_nodes(struct wg_cattree *tree, const int64_t *parent_ids)
{
	struct wg_codemap byid;
	char (*keys)[24] = calloc((size_t)tree->n + 1, sizeof *keys);
	int *last = malloc(((size_t)tree->n + 1) * sizeof *last);
	tree->roots = calloc((size_t)tree->n + 1, sizeof *tree->roots);
	if (!keys || !last || !tree->roots || wg_codemap_init(&byid, (size_t)tree->n) != 0) {
		free(keys);
		free(last);
		return WG_EIO;
	}
	for (int i = 0; i < tree->n; i++) {
		snprintf(keys[i], sizeof keys[i], "%lld", (long long)tree->nodes[i].id);
		wg_codemap_put(&byid, keys[i], i);
		last[i] = -1;
	}
	for (int i = 0; i < tree->n; i++) {
		struct wg_catnode *nd = &tree->nodes[i];
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)parent_ids[i]);
		int p = parent_ids[i] ? wg_codemap_get(&byid, key) : -1;
		nd->parent = p;
		if (p < 0) {
			tree->roots[tree->nroots++] = i;
			nd->eff_limit = nd->limit_hours;
			continue;
		}
		nd->eff_limit = nd->limit_hours ? nd->limit_hours : tree->nodes[p].eff_limit;
		if (last[p] < 0)
			tree->nodes[p].first_child = i;
		else
			tree->nodes[last[p]].next_sibling = i;
		last[p] = i;
		tree->nodes[p].nchildren++;
	}
	wg_codemap_free(&byid);
	free(keys);
	free(last);
	return WG_OK;
}

int wg_cattree_load(struct wg_ctx *ctx, struct wg_cattree *tree)
{
	int64_t *parent_ids = NULL;
	memset(tree, 0, sizeof *tree);
	int rc = load_rows(ctx, tree, &parent_ids);
	if (rc == WG_OK && link_nodes(tree, parent_ids) != WG_OK)
		rc = wg_fail(ctx, WG_EIO, _("out of memory"));
	free(parent_ids);
	if (rc != WG_OK)
		wg_cattree_free(tree);
	return rc;
}

void wg_cattree_free(struct wg_cattree *tree)
{
	for (int i = 0; i < tree->n; i++) {
		struct wg_catnode *nd = &tree->nodes[i];
		free(nd->code);
		free(nd->name_zh);
		free(nd->name_en);
		free(nd->responsible);
		free(nd->priority);
		wg_pyname_fini(&nd->py);
	}
	free(tree->nodes);
	free(tree->roots);
	memset(tree, 0, sizeof *tree);
}

int wg_cattree_count_cases(struct wg_ctx *ctx, struct wg_cattree *tree)
{
	static const char sql[] =
		"SELECT category_id, count(*), sum(deadline_at IS NOT NULL AND deadline_at < ?1)"
		" FROM tasks WHERE state NOT IN ('closed','rejected','merged')"
		" AND category_id IS NOT NULL GROUP BY category_id";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	for (int i = 0; i < tree->n; i++)
		tree->nodes[i].open_cases = tree->nodes[i].overdue_cases = 0;
	sqlite3_bind_int64(st, 1, (int64_t)wg_now(ctx));
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int open = sqlite3_column_int(st, 1), late = sqlite3_column_int(st, 2);
		for (int i = 0; i < tree->n; i++) {
			if (tree->nodes[i].id != id)
				continue;
			for (int p = i; p >= 0; p = tree->nodes[p].parent) {
				tree->nodes[p].open_cases += open;
				tree->nodes[p].overdue_cases += late;
			}
			break;
		}
	}
	sqlite3_reset(st);
	return WG_OK;
}

int wg_cattree_find_code(const struct wg_cattree *tree, const char *code)
{
	for (int i = 0; i < tree->n; i++)
		if (strcmp(tree->nodes[i].code, code) == 0)
			return i;
	return -1;
}

void wg_cattree_path(const struct wg_cattree *tree, int node, int ascii, char *out, size_t outsz)
{
	int chain[WG_CAT_LEVELS + 1], n = 0;
	for (int p = node; p >= 0 && n <= WG_CAT_LEVELS; p = tree->nodes[p].parent)
		chain[n++] = p;
	size_t used = 0;
	out[0] = '\0';
	while (n-- > 0 && used < outsz) {
		int w = snprintf(out + used, outsz - used, "%s%s", tree->nodes[chain[n]].name_zh,
				 n ? (ascii ? " > " : " › ") : "");
		if (w < 0)
			break;
		used += (size_t)w;
	}
}
