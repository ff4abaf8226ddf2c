/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Reading category tables in the node-per-row and the flat layout, with every check. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wangge/i18n.h>
#include <wangge/validate.h>
#include "category-parse.h"

static const char *const a_code[] = { "编码", "代码", "分类编码", NULL };
static const char *const a_parent[] = { "上级编码", "父编码", "parent", NULL };
static const char *const a_level[] = { "层级", "级别", NULL };
static const char *const a_name[] = { "名称", "中文名称", "name", NULL };
static const char *const a_name_en[] = { "英文名称", NULL };
static const char *const a_limit[] = { "处置时限", "时限", "time_limit", NULL };
static const char *const a_resp[] = { "责任主体", "责任单位", NULL };
static const char *const a_prio[] = { "优先级", NULL };
static const char *const a_active[] = { "启用", "状态", NULL };

enum { N_CODE, N_PARENT, N_LEVEL, N_NAME, N_NAME_EN, N_LIMIT, N_RESP, N_PRIO, N_ACTIVE, N_COLS };

static const struct wg_csv_column node_cols[N_COLS] = {
	{ "code", a_code, 1 },          { "parent_code", a_parent, 1 },
	{ "level", a_level, 0 },        { "name_zh", a_name, 1 },
	{ "name_en", a_name_en, 0 },    { "time_limit_hours", a_limit, 0 },
	{ "responsible", a_resp, 0 },   { "priority", a_prio, 0 },
	{ "active", a_active, 0 },
};

static const char *const a_sc[] = { "领域编码", NULL }, *const a_sn[] = { "领域名称", NULL };
static const char *const a_se[] = { "领域英文名称", NULL };
static const char *const a_lc[] = { "大类编码", NULL }, *const a_ln[] = { "大类名称", NULL };
static const char *const a_le[] = { "大类英文名称", NULL };
static const char *const a_cc[] = { "小类编码", NULL }, *const a_cn[] = { "小类名称", NULL };
static const char *const a_ce[] = { "小类英文名称", NULL };
static const char *const a_uc[] = { "细类编码", NULL }, *const a_un[] = { "细类名称", NULL };
static const char *const a_ue[] = { "细类英文名称", NULL };

/* Flat columns: code, name, English name for each level, then the leaf's extras. */
enum { F_LIMIT = 12, F_RESP, F_PRIO, F_COLS };

static const struct wg_csv_column flat_cols[F_COLS] = {
	{ "sector_code", a_sc, 1 },   { "sector_name", a_sn, 1 },   { "sector_name_en", a_se, 0 },
	{ "large_code", a_lc, 1 },    { "large_name", a_ln, 1 },    { "large_name_en", a_le, 0 },
	{ "category_code", a_cc, 1 }, { "category_name", a_cn, 1 }, { "category_name_en", a_ce, 0 },
	{ "sub_code", a_uc, 1 },      { "sub_name", a_un, 1 },      { "sub_name_en", a_ue, 0 },
	{ "time_limit_hours", a_limit, 0 }, { "responsible", a_resp, 0 }, { "priority", a_prio, 0 },
};

static const char *level_name(int level)
{
	static const char *const names[] = { N_("sector"), N_("large category"), N_("category"),
					     N_("sub-category") };
	return level >= 1 && level <= 4 ? _(names[level - 1]) : "?";
}

static struct imp_node *add_node(struct imp_table *t)
{
	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 1024;
		struct imp_node *nn = realloc(t->nodes, (size_t)cap * sizeof *nn);
		if (!nn) { /* a problem, so that a table read in part is never written */
			wg_problems_add(t->probs, t->file, 0, NULL, "%s", _("out of memory"));
			return NULL;
		}
		t->nodes = nn;
		t->cap = cap;
	}
	struct imp_node *nd = &t->nodes[t->n++];
	memset(nd, 0, sizeof *nd);
	nd->active = 1;
	return nd;
}

static void problem(struct imp_table *t, long line, const char *col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct imp_table *t, long line, const char *col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wg_problems_vadd(t->probs, t->file, line, col, fmt, ap);
	va_end(ap);
}

static int parse_limit(struct imp_table *t, long line, const char *col, const char *s)
{
	long v;
	if (!*s)
		return 0;
	if (wg_validate_int(s, 1, WG_CAT_LIMIT_MAX, &v)) {
		problem(t, line, col, _("time limit '%s' is not valid: give whole hours from 1 to %d, "
					"or leave it empty to inherit"), s, WG_CAT_LIMIT_MAX);
		return 0;
	}
	return (int)v;
}

static void check_extras(struct imp_table *t, struct imp_node *nd, const char *resp_col,
			 const char *prio_col)
{
	if (*nd->resp && !wg_responsible_valid(nd->resp))
		problem(t, nd->line, resp_col, _("unknown responsible party '%s'; see the list in "
						 "wangge(1)"), nd->resp);
	if (*nd->prio) {
		const char *p = wg_priority_normalize(nd->prio);
		if (!p)
			problem(t, nd->line, prio_col, _("unknown priority '%s'; use urgent, high, "
							 "normal or low"), nd->prio);
		else
			nd->prio = p;
	}
}

static int parse_active(const char *s)
{
	static const char *const off[] = { "0", "no", "false", "retired", "停用", "否", NULL };
	for (int i = 0; off[i]; i++)
		if (strcasecmp(s, off[i]) == 0)
			return 0;
	return 1;
}

static void read_node_row(struct imp_table *t, struct wg_csv *csv, const struct wg_csv_record *r)
{
	struct imp_node *nd = add_node(t);
	if (!nd)
		return;
	nd->line = r->line;
	nd->code = wg_csv_field(r, N_CODE);
	nd->parent = wg_csv_field(r, N_PARENT);
	nd->name_zh = wg_csv_field(r, N_NAME);
	nd->name_en = wg_csv_field(r, N_NAME_EN);
	nd->resp = wg_csv_field(r, N_RESP);
	nd->prio = wg_csv_field(r, N_PRIO);
	nd->active = parse_active(wg_csv_field(r, N_ACTIVE));
	nd->limit = parse_limit(t, r->line, wg_csv_column_label(csv, N_LIMIT), wg_csv_field(r, N_LIMIT));
	const char *lv = wg_csv_field(r, N_LEVEL);
	long level = 0;
	if (*lv && wg_validate_int(lv, 1, 4, &level))
		problem(t, r->line, wg_csv_column_label(csv, N_LEVEL),
			_("level '%s' is not valid: use 1 (sector) to 4 (sub-category)"), lv);
	nd->level = (int)level;
	if (!*nd->code)
		problem(t, r->line, wg_csv_column_label(csv, N_CODE), "%s", _("the code is empty"));
	if (!*nd->name_zh)
		problem(t, r->line, wg_csv_column_label(csv, N_NAME), "%s", _("the name is empty"));
	check_extras(t, nd, wg_csv_column_label(csv, N_RESP), wg_csv_column_label(csv, N_PRIO));
	if (*nd->code) {
		int prev = wg_codemap_put(&t->index, nd->code, t->n - 1);
		if (prev >= 0)
			problem(t, r->line, wg_csv_column_label(csv, N_CODE),
				_("duplicate code %s (first on line %ld)"), nd->code, t->nodes[prev].line);
	}
}

/* One level of a flat row: a new node, or a repeat that must agree with the first. */
static void flat_level(struct imp_table *t, struct wg_csv *csv, const struct wg_csv_record *r,
		       int level, const char *parent)
{
	size_t c = (size_t)(level - 1) * 3;
	const char *code = wg_csv_field(r, c), *name = wg_csv_field(r, c + 1);
	const char *en = wg_csv_field(r, c + 2);
	if (!*code || !*name) {
		problem(t, r->line, wg_csv_column_label(csv, *code ? c + 1 : c), "%s",
			*code ? _("the name is empty") : _("the code is empty"));
		return;
	}
	int i = wg_codemap_get(&t->index, code);
	if (i >= 0) {
		struct imp_node *o = &t->nodes[i];
		if (level == WG_CAT_SUB || o->level != level)
			problem(t, r->line, wg_csv_column_label(csv, c),
				_("duplicate code %s (first on line %ld as a %s)"), code, o->line,
				level_name(o->level));
		else if (strcmp(o->parent, parent) != 0)
			problem(t, r->line, wg_csv_column_label(csv, c),
				_("%s %s is under %s here but under %s on line %ld"), level_name(level),
				code, parent, o->parent, o->line);
		else if (strcmp(o->name_zh, name) != 0)
			problem(t, r->line, wg_csv_column_label(csv, c + 1),
				_("%s %s is named '%s' here but '%s' on line %ld"), level_name(level),
				code, name, o->name_zh, o->line);
		else if (*en && *o->name_en && strcmp(o->name_en, en) != 0)
			problem(t, r->line, wg_csv_column_label(csv, c + 2),
				_("%s %s is named '%s' here but '%s' on line %ld"), level_name(level),
				code, en, o->name_en, o->line);
		return;
	}
	struct imp_node *nd = add_node(t);
	if (!nd)
		return;
	*nd = (struct imp_node){ code, parent, name, en, "", "", level, 0, 1, r->line };
	wg_codemap_put(&t->index, code, t->n - 1);
	if (level == WG_CAT_SUB) {
		nd->limit = parse_limit(t, r->line, wg_csv_column_label(csv, F_LIMIT),
					wg_csv_field(r, F_LIMIT));
		nd->resp = wg_csv_field(r, F_RESP);
		nd->prio = wg_csv_field(r, F_PRIO);
		check_extras(t, nd, wg_csv_column_label(csv, F_RESP), wg_csv_column_label(csv, F_PRIO));
	}
}

static void read_flat_row(struct imp_table *t, struct wg_csv *csv, const struct wg_csv_record *r)
{
	const char *parent = "";
	for (int level = 1; level <= WG_CAT_LEVELS; level++) {
		flat_level(t, csv, r, level, parent);
		parent = wg_csv_field(r, (size_t)(level - 1) * 3);
		if (!*parent)
			break;
	}
}

int wg_catimp_read(struct wg_csv *csv, struct imp_table *t, char layout[8])
{
	int flat = wg_csv_find_column(csv, &flat_cols[9]) >= 0;
	const struct wg_csv_record *r;
	int more;
	strcpy(layout, flat ? "flat" : "node");
	if (wg_csv_map_header(csv, flat ? flat_cols : node_cols, flat ? F_COLS : N_COLS) != 0)
		return -1;
	if (!flat) {
		t->parent_col = wg_csv_column_label(csv, N_PARENT);
		t->level_col = wg_csv_column_label(csv, N_LEVEL);
	}
	if (wg_codemap_init(&t->index, 8192) != 0)
		return -1;
	while ((more = wg_csv_next(csv, &r)) == 1) {
		if (flat)
			read_flat_row(t, csv, r);
		else
			read_node_row(t, csv, r);
	}
	return more;
}

/* Node layout: parents must exist, and a level must be one below its parent's. */
void wg_catimp_check_tree(struct imp_table *t)
{
	for (int i = 0; i < t->n; i++) {
		struct imp_node *nd = &t->nodes[i];
		int depth = 1;
		const struct imp_node *p = nd;
		while (*p->parent && depth <= WG_CAT_LEVELS) {
			int pi = wg_codemap_get(&t->index, p->parent);
			if (pi < 0) {
				if (p == nd)
					problem(t, nd->line, t->parent_col, _("parent %s is not in the file; "
									      "add it or fix the code"), nd->parent);
				depth = -1;
				break;
			}
			p = &t->nodes[pi];
			depth++;
		}
		if (depth < 0)
			continue;
		if (depth > WG_CAT_LEVELS)
			problem(t, nd->line, t->parent_col, _("code %s is more than 4 levels deep or in "
							      "a loop of parents"), nd->code);
		else if (nd->level == 0)
			nd->level = depth;
		else if (nd->level != depth && !*nd->parent)
			problem(t, nd->line, t->level_col, _("level %d but no parent code: a node "
							     "without a parent is a sector (level 1)"),
				nd->level);
		else if (nd->level != depth)
			problem(t, nd->line, t->level_col, _("level %d does not follow its parent: %s is "
							     "at level %d, so this node is level %d"),
				nd->level, nd->parent, depth - 1, depth);
	}
}

void wg_catimp_free(struct imp_table *t)
{
	free(t->nodes);
	wg_codemap_free(&t->index);
	memset(t, 0, sizeof *t);
}
