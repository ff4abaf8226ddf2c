/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The 4-level case category hierarchy: import, export, counts, the tree and its search. */
#ifndef WANGGE_CATEGORY_H
#define WANGGE_CATEGORY_H

#include <stdint.h>
#include <stdio.h>
#include <wangge/core.h>
#include <wangge/csv.h>
#include <wangge/pinyin.h>
#include <wangge/problems.h>

enum { WG_CAT_SECTOR = 1, WG_CAT_LARGE, WG_CAT_CATEGORY, WG_CAT_SUB, WG_CAT_LEVELS = 4 };

/* Time limits are whole hours from 1 to a year. */
#define WG_CAT_LIMIT_MAX 8760

struct wg_category_import_result {
	int counts[WG_CAT_LEVELS]; /* nodes per level in the file */
	int added, renamed, moved, retired, removed, unchanged;
	int updated;     /* time limit, responsible party or priority changed */
	int reactivated; /* retired codes the new table brings back */
	enum wg_encoding encoding;
	char layout[8]; /* "node" or "flat" */
};

/*
 * Reads a category table (node-per-row or flat layout, told apart by the
 * header), checks all of it, and writes it in one transaction.  Every bad
 * row goes into probs (NULL: the first one becomes the context's message) and
 * nothing is written (WG_EINVAL).  expect (may be
 * NULL) gives the counts per level the file must have.  Without replace the
 * database must have no categories yet; with it, codes missing from the new
 * table are retired when cases refer to them and removed otherwise.
 */
int wg_category_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			    const int *expect, int replace, struct wg_problems *probs,
			    struct wg_category_import_result *res);
int wg_category_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			   enum wg_encoding enc, const int *expect, int replace,
			   struct wg_problems *probs, struct wg_category_import_result *res);
/* Parses "10,118,577,3575" for --expect. */
const char *wg_category_parse_expect(const char *s, int expect[WG_CAT_LEVELS]);

/* Active nodes per level (retired codes are not counted). */
int wg_category_stats(struct wg_ctx *ctx, int counts[WG_CAT_LEVELS]);
/* The active sectors in their order: code, Chinese and English name (for pickers). */
int wg_category_sectors(struct wg_ctx *ctx, int (*each)(void *arg, const char *code,
							 const char *name_zh, const char *name_en),
			void *arg);

enum wg_category_format { WG_CATFMT_CSV, WG_CATFMT_JSON };
/* Writes every node, parents first, in the node-per-row layout (CSV) or as a JSON array. */
int wg_category_export(struct wg_ctx *ctx, FILE *out, enum wg_category_format fmt);

/*
 * Writes a synthetic table in the flat layout with exactly 10/118/577/3575
 * nodes, fictional names made of real words, and valid limits, responsible
 * parties and priorities; the same seed gives the same bytes.  For
 * benchmarks and tests.  WG_OK, or WG_EIO on a write error.
 */
int wg_gen_categories(FILE *out, unsigned seed);

/* Responsible party codes (grid_worker, property, ...) and their labels. */
const char *wg_responsible_label(const char *code);
int wg_responsible_valid(const char *code);
/* Priorities: urgent, high, normal, low; also accepts Chinese. NULL if unknown. */
const char *wg_priority_normalize(const char *s);
const char *wg_priority_label(const char *code);

/* ---- The in-memory tree, for the panel, the picker and search. ---- */

/* A node packed for a tree of thousands (screen 7, the pickers): 72 bytes.  Texts are offsets
 * into the tree's one string pool (wg_cattree_text), where the responsible parties and
 * priorities, a few values repeated, are stored once each; the Chinese name's pinyin units
 * are in the tree's one array of units (wg_cattree_pyname). */
struct wg_catnode {
	int64_t id;
	uint32_t code, name_zh, name_en, responsible, priority;
	int32_t parent;       /* index into nodes, -1 for a sector */
	int32_t first_child, next_sibling, nchildren; /* -1 when none */
	int32_t open_cases, overdue_cases;            /* including descendants */
	uint32_t py_at, py_letters, py_initials;      /* the name's pinyin: units from py_at */
	uint16_t py_len;
	uint16_t limit_hours; /* own limit, 0 if none */
	uint16_t eff_limit;   /* own or inherited, 0 if none on the whole path */
	uint8_t level, active;
};

struct wg_cattree {
	struct wg_catnode *nodes;
	int n;
	int nroots, *roots;
	int *by_id;    /* node indices in id order (wg_cattree_find_id) */
	char *strings; /* every node's texts, in one allocation */
	struct wg_pyunit *pyunits; /* every name's pinyin units, in one allocation */
};

/* A node's text: wg_cattree_text(tree, nd->name_zh). */
static inline const char *wg_cattree_text(const struct wg_cattree *tree, uint32_t at)
{
	return tree->strings + at;
}

/* A node's Chinese name prepared for wg_pyname_match (over the tree's units: no fini). */
static inline struct wg_pyname wg_cattree_pyname(const struct wg_cattree *tree, int node)
{
	const struct wg_catnode *nd = &tree->nodes[node];
	return (struct wg_pyname){ nd->py_len, tree->pyunits + nd->py_at, nd->py_letters,
				   nd->py_initials };
}

int wg_cattree_load(struct wg_ctx *ctx, struct wg_cattree *tree);
void wg_cattree_free(struct wg_cattree *tree);
/* Fill open_cases and overdue_cases, rolled up to ancestors: the open cases from the
 * maintained counts (quick), the overdue ones from a range of the deadline index (the overdue
 * cases' entries: a screen counts them after its first frame); count_cases does both. */
int wg_cattree_count_open(struct wg_ctx *ctx, struct wg_cattree *tree);
int wg_cattree_count_overdue(struct wg_ctx *ctx, struct wg_cattree *tree);
int wg_cattree_count_cases(struct wg_ctx *ctx, struct wg_cattree *tree);
int wg_cattree_find_code(const struct wg_cattree *tree, const char *code);
/* The node with this row id (a case's category_id), or -1. */
int wg_cattree_find_id(const struct wg_cattree *tree, int64_t id);
/* "sector › large › category › sub" (or " > " when ascii) into out. */
void wg_cattree_path(const struct wg_cattree *tree, int node, int ascii, char *out, size_t outsz);

enum wg_catmatch {
	WG_CATMATCH_NONE = 0,
	WG_CATMATCH_SUBSTRING,  /* Chinese or English inside the name, or pinyin inside */
	WG_CATMATCH_PREFIX,     /* the name starts with the query (any script) */
	WG_CATMATCH_NAME_EXACT, /* the Chinese name is the query: before longer names holding it */
	WG_CATMATCH_CODE_PREFIX,
	WG_CATMATCH_CODE_EXACT,
};

struct wg_cathit {
	int node;
	enum wg_catmatch match;
	int score;
};

/*
 * Searches active nodes by code prefix, Chinese substring, English words and
 * pinyin (full or initials); best first: exact code, code prefix, exact name,
 * name prefix, substring; deeper levels (sub-categories) before their parents
 * on ties, then code order.  leaves_only restricts hits to sub-categories, and
 * a sub-category also matches through a sector or category above it (hjws,
 * 环境卫生, lists that subtree's sub-categories), below its own matches of the
 * same kind.
 * Returns the number of hits stored (at most max) and the total in *total.
 */
int wg_cattree_search(const struct wg_cattree *tree, const char *query, int leaves_only,
		      struct wg_cathit *hits, int max, int *total);

#endif
