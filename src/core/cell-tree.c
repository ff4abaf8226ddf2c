/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The cell tree with counts rolled up to every ancestor (left pane), and one cell's detail (right pane). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "record-priv.h"


/* One count per cell: the statement yields (cell_id, n); off is the field in wg_cell_counts. */
static const struct {
	const char *sql;
	size_t off;
} own_counts[] = {
	{ "SELECT key, n FROM tallies WHERE kind = 'res.cell' AND key <> 0",
	  offsetof(struct wg_cell_counts, residents) },
	{ "SELECT key, n FROM tallies WHERE kind = 'care.cell' AND key <> 0",
	  offsetof(struct wg_cell_counts, key_care) },
	{ "SELECT key, n FROM tallies WHERE kind = 'open.cell' AND key <> 0",
	  offsetof(struct wg_cell_counts, open_tasks) },
	{ "SELECT cell_id, count(*) FROM buildings GROUP BY cell_id",
	  offsetof(struct wg_cell_counts, buildings) },
	{ "SELECT cell_id, count(*) FROM households GROUP BY cell_id",
	  offsetof(struct wg_cell_counts, households) },
	{ "SELECT cw.cell_id, count(*) FROM cell_workers cw JOIN grid_workers w ON w.id = cw.worker_id"
	  " WHERE w.active = 1 GROUP BY cw.cell_id", offsetof(struct wg_cell_counts, workers) },
	{ "SELECT cell_id, count(*) FROM patrols GROUP BY cell_id",
	  offsetof(struct wg_cell_counts, patrols) },
};

static int *count_field(struct wg_cell_counts *c, size_t off)
{
	return (int *)((char *)c + off);
}

void wg_celltree_free(struct wg_celltree *tree)
{
	for (int i = 0; i < tree->n; i++) {
		free(tree->nodes[i].code);
		free(tree->nodes[i].name);
	}
	free(tree->nodes);
	free(tree->roots);
	memset(tree, 0, sizeof *tree);
}

int wg_celltree_find(const struct wg_celltree *tree, int64_t id)
{
	for (int i = 0; i < tree->n; i++)
		if (tree->nodes[i].id == id)
			return i;
	return -1;
}

/* Node indices sorted by id, so loading a tree of thousands of cells stays linear-ish. */
struct byid {
	int64_t id;
	int index;
};

static int cmp_byid(const void *a, const void *b)
{
	const struct byid *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static struct byid *index_by_id(const struct wg_celltree *tree)
{
	struct byid *ix = malloc(((size_t)tree->n + 1) * sizeof *ix);
	for (int i = 0; ix && i < tree->n; i++)
		ix[i] = (struct byid){ tree->nodes[i].id, i };
	if (ix)
		qsort(ix, (size_t)tree->n, sizeof *ix, cmp_byid);
	return ix;
}

static int lookup(const struct byid *ix, int n, int64_t id)
{
	struct byid key = { id, 0 };
	const struct byid *hit = bsearch(&key, ix, (size_t)n, sizeof *ix, cmp_byid);
	return hit ? hit->index : -1;
}

int wg_celltree_find_code(const struct wg_celltree *tree, const char *code)
{
	for (int i = 0; i < tree->n; i++)
		if (strcmp(tree->nodes[i].code, code) == 0)
			return i;
	return -1;
}

/*
 * Cells ordered so that a parent comes before its children: by depth, then
 * code, through a recursive walk from the top (a cell whose parent is
 * missing counts as a top cell).
 */
static const char load_sql[] =
	"WITH RECURSIVE t(id, depth, parent_id) AS ("
	" SELECT id, 0, NULL FROM cells WHERE parent_id IS NULL"
	"  OR parent_id NOT IN (SELECT id FROM cells)"
	" UNION ALL SELECT c.id, t.depth + 1, c.parent_id FROM cells c JOIN t ON c.parent_id = t.id"
	"  WHERE t.depth < 8)"
	" SELECT c.id, c.code, c.name, c.kind, t.depth, coalesce(t.parent_id, 0)"
	" FROM t JOIN cells c ON c.id = t.id ORDER BY t.depth, c.code";

static int read_nodes(struct wg_ctx *ctx, struct wg_celltree *tree, int64_t **parents)
{
	sqlite3_stmt *st = wg_stmt(ctx, load_sql);
	int cap = 0;
	if (!st)
		return WG_EIO;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (tree->n == cap) {
			cap = cap ? cap * 2 : 64;
			struct wg_cellnode *nn = realloc(tree->nodes, (size_t)cap * sizeof *nn);
			int64_t *np = realloc(*parents, (size_t)cap * sizeof *np);
			if (nn)
				tree->nodes = nn;
			if (np)
				*parents = np;
			if (!nn || !np)
				return sqlite3_reset(st), wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
		}
		struct wg_cellnode *nd = &tree->nodes[tree->n];
		memset(nd, 0, sizeof *nd);
		nd->id = sqlite3_column_int64(st, 0);
		nd->code = strdup((const char *)sqlite3_column_text(st, 1));
		nd->name = strdup((const char *)sqlite3_column_text(st, 2));
		nd->kind = wg_cell_kind_parse((const char *)sqlite3_column_text(st, 3));
		nd->depth = sqlite3_column_int(st, 4);
		(*parents)[tree->n++] = sqlite3_column_int64(st, 5);
		if (!nd->code || !nd->name)
			return sqlite3_reset(st), wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	}
	sqlite3_reset(st);
	return WG_OK;
}

/* Parent indices and child lists; children keep the code order of the load. */
static int link_nodes(struct wg_celltree *tree, const int64_t *parents, const struct byid *ix)
{
	int *last = malloc(((size_t)tree->n + 1) * sizeof *last);
	tree->roots = malloc(((size_t)tree->n + 1) * sizeof *tree->roots);
	if (!last || !tree->roots) {
		free(last);
		return -1;
	}
	for (int i = 0; i < tree->n; i++) {
		struct wg_cellnode *nd = &tree->nodes[i];
		nd->first_child = nd->next_sibling = -1;
		nd->parent = parents[i] ? lookup(ix, tree->n, parents[i]) : -1;
		last[i] = -1;
		if (nd->parent < 0) {
			tree->roots[tree->nroots++] = i;
			continue;
		}
		struct wg_cellnode *p = &tree->nodes[nd->parent];
		if (last[nd->parent] < 0)
			p->first_child = i;
		else
			tree->nodes[last[nd->parent]].next_sibling = i;
		last[nd->parent] = i;
		p->nchildren++;
	}
	free(last);
	return 0;
}

static int count_all(struct wg_ctx *ctx, struct wg_celltree *tree, const struct byid *ix)
{
	for (size_t k = 0; k < sizeof own_counts / sizeof own_counts[0]; k++) {
		sqlite3_stmt *st = wg_stmt(ctx, own_counts[k].sql);
		if (!st)
			return WG_EIO;
		while (sqlite3_step(st) == SQLITE_ROW) {
			int i = lookup(ix, tree->n, sqlite3_column_int64(st, 0));
			if (i >= 0)
				*count_field(&tree->nodes[i].counts, own_counts[k].off) += sqlite3_column_int(st, 1);
		}
		sqlite3_reset(st);
	}
	/* Children come after parents: adding from the end rolls counts all the way up. */
	for (int i = tree->n - 1; i >= 0; i--) {
		int p = tree->nodes[i].parent;
		for (size_t k = 0; p >= 0 && k < sizeof own_counts / sizeof own_counts[0]; k++)
			*count_field(&tree->nodes[p].counts, own_counts[k].off) +=
				*count_field(&tree->nodes[i].counts, own_counts[k].off);
	}
	return WG_OK;
}

int wg_celltree_load(struct wg_ctx *ctx, struct wg_celltree *tree)
{
	int64_t *parents = NULL;
	struct byid *ix = NULL;
	memset(tree, 0, sizeof *tree);
	int rc = read_nodes(ctx, tree, &parents);
	if (rc == WG_OK && (!(ix = index_by_id(tree)) || link_nodes(tree, parents, ix) != 0))
		rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	free(parents);
	if (rc == WG_OK)
		rc = count_all(ctx, tree, ix);
	free(ix);
	if (rc != WG_OK)
		wg_celltree_free(tree);
	return rc;
}

/* ---- Detail ---- */

/* "street › community › grid" from the tree's names, the top first. */
static void detail_path(const struct wg_celltree *tree, int node, char *out, size_t outsz)
{
	int chain[16], n = 0;
	size_t len = 0;
	for (int p = node; p >= 0 && n < (int)(sizeof chain / sizeof chain[0]); p = tree->nodes[p].parent)
		chain[n++] = p;
	out[0] = '\0';
	while (n-- > 0 && len < outsz) {
		int w = snprintf(out + len, outsz - len, "%s%s", len ? " › " : "", tree->nodes[chain[n]].name);
		len += w > 0 ? (size_t)w : 0;
	}
}

static int detail_workers(struct wg_ctx *ctx, struct wg_cell_detail *d)
{
	static const char sql[] =
		"SELECT w.id, w.name, w.phone, coalesce(w.user_id, 0), cw.employment"
		" FROM cell_workers cw JOIN grid_workers w ON w.id = cw.worker_id"
		" WHERE cw.cell_id = ?1 AND w.active = 1 ORDER BY w.name, w.id";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, d->cell.id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct wg_gridworker *nw = realloc(d->workers, (size_t)(d->nworkers + 1) * sizeof *nw);
		if (!nw)
			return sqlite3_reset(st), wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
		d->workers = nw;
		struct wg_gridworker *w = &nw[d->nworkers++];
		memset(w, 0, sizeof *w);
		w->id = sqlite3_column_int64(st, 0);
		wg_col_copy(st, 1, w->name, sizeof w->name);
		wg_mask_phone((const char *)sqlite3_column_text(st, 2), w->phone, sizeof w->phone);
		w->user_id = sqlite3_column_int64(st, 3);
		w->employment = strcmp((const char *)sqlite3_column_text(st, 4), "part") == 0
					? WG_EMPLOY_PART : WG_EMPLOY_FULL;
	}
	sqlite3_reset(st);
	return WG_OK;
}

/* Out of memory is -1, told apart from the list's own statuses. */
static int add_building(void *arg, const struct wg_building *b)
{
	struct wg_cell_detail *d = arg;
	struct wg_building *nb = realloc(d->buildings, (size_t)(d->nbuildings + 1) * sizeof *nb);
	if (!nb)
		return -1;
	d->buildings = nb;
	nb[d->nbuildings++] = *b;
	return WG_OK;
}

int wg_cell_detail_load(struct wg_ctx *ctx, const struct wg_celltree *tree, int node,
			struct wg_cell_detail *d)
{
	int64_t id = tree->nodes[node].id;
	int rc;
	memset(d, 0, sizeof *d);
	if ((rc = wg_cell_get(ctx, id, &d->cell)) != WG_OK)
		return rc;
	detail_path(tree, node, d->path, sizeof d->path);
	d->counts = tree->nodes[node].counts;
	if ((rc = detail_workers(ctx, d)) == WG_OK &&
	    (rc = wg_building_list(ctx, id, add_building, d)) == -1)
		rc = wg_fail(ctx, WG_EIO, "%s", _("out of memory"));
	if (rc != WG_OK)
		wg_cell_detail_free(d);
	return rc;
}

void wg_cell_detail_free(struct wg_cell_detail *d)
{
	free(d->workers);
	free(d->buildings);
	d->workers = NULL;
	d->buildings = NULL;
	d->nworkers = d->nbuildings = 0;
}
