/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
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
#include "core-int.h"
#include "tally-priv.h"

/*
 * Loading is on the path of every screen that shows the tree and of every
 * picker, so it avoids the costs that dominated it: the rows are read in
 * table order and sorted here (cheaper than SQLite's sorter for these keys),
 * all texts share one allocation, and parents are found by binary search on
 * ids instead of a map keyed by printed numbers.
 */
enum { T_CODE, T_ZH, T_EN, T_RESP, T_PRIO, NTEXT };

enum { VOCAB_MAX = 64 }; /* responsible parties and priorities kept once each, up to this many */

struct loading {
	int64_t *parent_ids; /* per row, in query order */
	int *sort;
	uint32_t *offs;      /* NTEXT offsets into text per row */
	char *text;
	size_t used, cap;
	size_t expect; /* first guess of the text size: rows of the full table hold ~150 bytes */
	uint32_t vocab[VOCAB_MAX]; /* where each responsible party and priority seen is */
	int nvocab;
};

/* A value of a small vocabulary already kept: its offset, or -1. */
static int64_t kept_word(const struct loading *ld, const unsigned char *t, size_t n)
{
	for (int i = 0; i < ld->nvocab; i++)
		if (strncmp(ld->text + ld->vocab[i], (const char *)t, n) == 0 &&
		    ld->text[ld->vocab[i] + n] == '\0')
			return ld->vocab[i];
	return -1;
}

static int keep_text(struct loading *ld, sqlite3_stmt *st, int c, uint32_t *off)
{
	const unsigned char *t = sqlite3_column_text(st, c);
	size_t n = (size_t)sqlite3_column_bytes(st, c);
	int word = c == 1 + T_RESP || c == 1 + T_PRIO;
	int64_t at = word && t ? kept_word(ld, t, n) : -1;
	if (at >= 0) {
		*off = (uint32_t)at;
		return 0;
	}
	if (ld->used + n + 1 > UINT32_MAX) /* offsets are 32 bits: far beyond any category table */
		return -1;
	if (ld->used + n + 1 > ld->cap) {
		size_t cap = ld->cap ? ld->cap * 2 : ld->expect;
		while (cap < ld->used + n + 1)
			cap *= 2;
		char *nt = realloc(ld->text, cap);
		if (!nt)
			return -1;
		ld->text = nt;
		ld->cap = cap;
	}
	if (n)
		memcpy(ld->text + ld->used, t, n);
	ld->text[ld->used + n] = '\0';
	*off = (uint32_t)ld->used;
	if (word && ld->nvocab < VOCAB_MAX)
		ld->vocab[ld->nvocab++] = *off;
	ld->used += n + 1;
	return 0;
}

/* Narrowed to the node's 16 bits: the import allows 1..WG_CAT_LIMIT_MAX. */
static uint16_t limit_of(int hours)
{
	return hours < 0 ? 0 : hours > UINT16_MAX ? UINT16_MAX : (uint16_t)hours;
}

static int read_row(struct loading *ld, sqlite3_stmt *st, struct wg_catnode *nd, int row)
{
	nd->id = sqlite3_column_int64(st, 0);
	for (int c = 0; c < NTEXT; c++)
		if (keep_text(ld, st, 1 + c, &ld->offs[(size_t)row * NTEXT + (size_t)c]) != 0)
			return -1;
	nd->level = (uint8_t)sqlite3_column_int(st, 6); /* 1..4 (the table's CHECK) */
	nd->limit_hours = limit_of(sqlite3_column_int(st, 7));
	nd->active = sqlite3_column_int(st, 8) != 0;
	ld->parent_ids[row] = sqlite3_column_int64(st, 9);
	ld->sort[row] = sqlite3_column_int(st, 10);
	nd->parent = nd->first_child = nd->next_sibling = -1;
	return 0;
}

static int read_rows(struct wg_ctx *ctx, struct wg_catnode *rows, int n, struct loading *ld)
{
	static const char sql[] =
		"SELECT id, code, name_zh, name_en, responsible, priority, level,"
		" coalesce(time_limit_hours, 0), active, coalesce(parent_id, 0), sort FROM categories";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int got = 0, rc = WG_OK;
	if (!st)
		return WG_EIO;
	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_row(ld, st, &rows[got], got) != 0) {
			sqlite3_reset(st);
			return wg_fail(ctx, WG_EIO, _("out of memory"));
		}
		got++;
	}
	sqlite3_reset(st);
	if (got < n && rc != SQLITE_DONE)
		return wg_db_fail(ctx, _("loading categories"));
	return got == n ? WG_OK : wg_fail(ctx, WG_EIO, _("the category table changed while loading"));
}

/* Tree order: level, then the table's sibling order, then code. */
struct rowkey {
	int level, sort, row;
	const char *code;
};

static int by_position(const void *a, const void *b)
{
	const struct rowkey *x = a, *y = b;
	if (x->level != y->level)
		return x->level - y->level;
	if (x->sort != y->sort)
		return x->sort < y->sort ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Every name's pinyin units, in one array: two passes, counting then filling. */
static int prepare_pinyin(struct wg_cattree *tree)
{
	size_t total = 0;
	for (int i = 0; i < tree->n; i++) {
		size_t units = wg_pyname_units(wg_cattree_text(tree, tree->nodes[i].name_zh));
		tree->nodes[i].py_len = units > UINT16_MAX ? UINT16_MAX : (uint16_t)units;
		total += tree->nodes[i].py_len;
	}
	if (total > UINT32_MAX || !(tree->pyunits = malloc(total * sizeof *tree->pyunits + 1)))
		return -1;
	total = 0;
	for (int i = 0; i < tree->n; i++) {
		struct wg_catnode *nd = &tree->nodes[i];
		const char *name = wg_cattree_text(tree, nd->name_zh);
		struct wg_pyname pn;
		if (wg_pyname_units(name) != nd->py_len) { /* too long to match: never does */
			nd->py_len = 0;
			continue;
		}
		wg_pyname_init_in(&pn, name, tree->pyunits + total);
		nd->py_at = (uint32_t)total;
		nd->py_letters = pn.letters;
		nd->py_initials = pn.initials;
		total += nd->py_len;
	}
	return 0;
}

/* Moves the rows into tree order, gives each its texts, and keeps the parent ids. */
static int place_rows(struct wg_cattree *tree, const struct wg_catnode *rows, struct loading *ld,
		      int64_t *parent_ids)
{
	int n = tree->n;
	struct rowkey *keys = malloc((size_t)n * sizeof *keys + 1);
	if (!keys)
		return -1;
	for (int i = 0; i < n; i++)
		keys[i] = (struct rowkey){ rows[i].level, ld->sort[i], i,
					   ld->text + ld->offs[(size_t)i * NTEXT + T_CODE] };
	qsort(keys, (size_t)n, sizeof *keys, by_position);
	for (int k = 0; k < n; k++) {
		int i = keys[k].row;
		struct wg_catnode *nd = &tree->nodes[k];
		const uint32_t *o = &ld->offs[(size_t)i * NTEXT];
		*nd = rows[i];
		nd->code = o[T_CODE];
		nd->name_zh = o[T_ZH];
		nd->name_en = o[T_EN];
		nd->responsible = o[T_RESP];
		nd->priority = o[T_PRIO];
		parent_ids[k] = ld->parent_ids[i];
	}
	free(keys);
	return 0;
}

static int load_rows(struct wg_ctx *ctx, struct wg_cattree *tree, int64_t **parent_ids)
{
	static const char count_sql[] = "SELECT count(*) FROM categories";
	sqlite3_stmt *st = wg_stmt(ctx, count_sql);
	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return wg_db_fail(ctx, _("loading categories"));
	int n = sqlite3_column_int(st, 0), rc = WG_OK;
	sqlite3_reset(st);
	struct loading ld = { .expect = (size_t)n * 192 + 64 };
	struct wg_catnode *rows = calloc((size_t)n + 1, sizeof *rows);
	ld.parent_ids = calloc((size_t)n + 1, sizeof *ld.parent_ids);
	ld.sort = calloc((size_t)n + 1, sizeof *ld.sort);
	ld.offs = calloc((size_t)n * NTEXT + 1, sizeof *ld.offs);
	tree->nodes = calloc((size_t)n + 1, sizeof *tree->nodes);
	*parent_ids = calloc((size_t)n + 1, sizeof **parent_ids);
	if (!rows || !ld.parent_ids || !ld.sort || !ld.offs || !tree->nodes || !*parent_ids)
		rc = wg_fail(ctx, WG_EIO, _("out of memory"));
	if (rc == WG_OK)
		rc = read_rows(ctx, rows, n, &ld);
	if (rc == WG_OK) {
		tree->n = n;
		char *fit = realloc(ld.text, ld.used + 1); /* the first guess was generous */
		if (fit)
			ld.text = fit;
		tree->strings = ld.text; /* the tree owns the texts from here on */
		if (place_rows(tree, rows, &ld, *parent_ids) != 0 || prepare_pinyin(tree) != 0)
			rc = wg_fail(ctx, WG_EIO, _("out of memory"));
	} else {
		free(ld.text);
	}
	free(ld.parent_ids);
	free(ld.sort);
	free(ld.offs);
	free(rows);
	return rc;
}

static int by_id_order(const void *a, const void *b)
{
	const int64_t *x = a, *y = b; /* pairs of (id, index) */
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* tree->by_id: node indices in id order, for wg_cattree_find_id. */
static int index_ids(struct wg_cattree *tree)
{
	int64_t (*pairs)[2] = malloc((size_t)tree->n * sizeof *pairs + 1);
	tree->by_id = malloc((size_t)tree->n * sizeof *tree->by_id + 1);
	if (!pairs || !tree->by_id) {
		free(pairs);
		return -1;
	}
	for (int i = 0; i < tree->n; i++) {
		pairs[i][0] = tree->nodes[i].id;
		pairs[i][1] = i;
	}
	qsort(pairs, (size_t)tree->n, sizeof *pairs, by_id_order);
	for (int i = 0; i < tree->n; i++)
		tree->by_id[i] = (int)pairs[i][1];
	free(pairs);
	return 0;
}

int wg_cattree_find_id(const struct wg_cattree *tree, int64_t id)
{
	int lo = 0, hi = tree->n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int64_t m = tree->nodes[tree->by_id[mid]].id;
		if (m == id)
			return tree->by_id[mid];
		if (m < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Links children in tree order (level, sort), so siblings keep the table's order. */
static int link_nodes(struct wg_cattree *tree, const int64_t *parent_ids)
{
	int *last = malloc(((size_t)tree->n + 1) * sizeof *last);
	tree->roots = calloc((size_t)tree->n + 1, sizeof *tree->roots);
	if (!last || !tree->roots || index_ids(tree) != 0) {
		free(last);
		return WG_EIO;
	}
	for (int i = 0; i < tree->n; i++)
		last[i] = -1;
	for (int i = 0; i < tree->n; i++) {
		struct wg_catnode *nd = &tree->nodes[i];
		int p = parent_ids[i] ? wg_cattree_find_id(tree, parent_ids[i]) : -1;
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
	free(last);
	int *fit = realloc(tree->roots, ((size_t)tree->nroots + 1) * sizeof *fit); /* the sectors */
	if (fit)
		tree->roots = fit;
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
	free(tree->pyunits);
	free(tree->nodes);
	free(tree->roots);
	free(tree->by_id);
	free(tree->strings);
	memset(tree, 0, sizeof *tree);
}

/* Adds to each node the count a statement yields for it as (category id, n), as overdue or as
 * open cases; ?1, if the statement has it, is now. */
static int per_category(struct wg_ctx *ctx, struct wg_cattree *tree, const char *sql,
			int64_t now, int overdue)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int rc;
	if (!st)
		return WG_EIO;
	if (sqlite3_bind_parameter_count(st))
		sqlite3_bind_int64(st, 1, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = wg_cattree_find_id(tree, sqlite3_column_int64(st, 0));
		if (i >= 0 && overdue)
			tree->nodes[i].overdue_cases += sqlite3_column_int(st, 1);
		else if (i >= 0)
			tree->nodes[i].open_cases += sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("counting cases"));
}

/* Adds each node's own counts (open or overdue) to its parent's: nodes are in level order, so
 * one pass from the end adds a node after all its children. */
static void roll_up(struct wg_cattree *tree, int overdue)
{
	for (int i = tree->n - 1; i >= 0; i--) {
		int p = tree->nodes[i].parent;
		if (p >= 0 && overdue)
			tree->nodes[p].overdue_cases += tree->nodes[i].overdue_cases;
		else if (p >= 0)
			tree->nodes[p].open_cases += tree->nodes[i].open_cases;
	}
}

/* Open cases per category from the maintained counts (tally-priv.h).  A case without a
 * category reads as id 0, which no node has. */
int wg_cattree_count_open(struct wg_ctx *ctx, struct wg_cattree *tree)
{
	static const char open_sql[] =
		"SELECT key, n FROM tallies WHERE kind = 'open.cat' AND n <> 0";
	for (int i = 0; i < tree->n; i++)
		tree->nodes[i].open_cases = 0;
	int rc = per_category(ctx, tree, open_sql, 0, 0);
	if (rc == WG_OK)
		roll_up(tree, 0);
	return rc;
}

/* Overdue cases per category from the open cases' deadline index alone (it holds the
 * category): a range over the overdue cases, which a screen counts after its first frame. */
int wg_cattree_count_overdue(struct wg_ctx *ctx, struct wg_cattree *tree)
{
	static const char overdue_sql[] =
		"SELECT category_id, count(*) FROM tasks INDEXED BY tasks_open_deadline"
		" WHERE " WG_TALLY_OPEN " AND deadline_at < ?1 GROUP BY category_id";
	for (int i = 0; i < tree->n; i++)
		tree->nodes[i].overdue_cases = 0;
	int rc = per_category(ctx, tree, overdue_sql, (int64_t)wg_now(ctx), 1);
	if (rc == WG_OK)
		roll_up(tree, 1);
	return rc;
}

int wg_cattree_count_cases(struct wg_ctx *ctx, struct wg_cattree *tree)
{
	int rc = wg_cattree_count_open(ctx, tree);
	return rc == WG_OK ? wg_cattree_count_overdue(ctx, tree) : rc;
}

int wg_cattree_find_code(const struct wg_cattree *tree, const char *code)
{
	for (int i = 0; i < tree->n; i++)
		if (strcmp(wg_cattree_text(tree, tree->nodes[i].code), code) == 0)
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
		int w = snprintf(out + used, outsz - used, "%s%s",
				 wg_cattree_text(tree, tree->nodes[chain[n]].name_zh),
				 n ? (ascii ? " > " : " › ") : "");
		if (w < 0)
			break;
		used += (size_t)w;
	}
}
