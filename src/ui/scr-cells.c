/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 2: grid cells - the street/community/grid tree, a cell's detail, patrols and findings. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/patrol.h>
#include "form.h"
#include "listview.h"
#include "tree.h"

enum { PF_DATE, PF_ROUTE, PF_FINDINGS, PF_WORKER, PF_COUNT };

struct cellscreen {
	struct wg_celltree tree;
	struct treeview tv;
	struct wg_cell_detail detail;
	int64_t detail_id;
	struct wg_patrol_query pq;
	struct listview patrols;
	bool in_form;
	bool in_rooms;          /* Enter on a grid cell: its buildings, units and rooms */
	char (*lines)[160];     /* the rooms view, one line each */
	int nlines, cap, top;
	struct form form;
	struct form_field fields[PF_COUNT];
	int64_t last_patrol;
};

static void draw_rooms(struct ui *ui, struct cellscreen *cs, WINDOW *w, int h, int width);
static int open_rooms(struct ui *ui, struct cellscreen *cs);

static const enum ui_act tree_bar[] = { ACT_HELP, ACT_NEW, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_CANCEL, ACT_NONE };

/* A grid cell's patrols need no cell column, a community's no worker column: the findings
 * keep room at 80 columns and the case number is shown whole. */
static const struct lv_column grid_patrol_cols[] = {
	{ N_("Date"), 10, false, false }, { N_("Grid cell"), 0, false, false },
	{ N_("Worker"), 8, false, false }, { N_("Findings"), 10, true, false },
	{ N_("Case"), 14, false, false },
};
static const struct lv_column area_patrol_cols[] = {
	{ N_("Date"), 10, false, false }, { N_("Grid cell"), 10, false, false },
	{ N_("Worker"), 0, false, false }, { N_("Findings"), 10, true, false },
	{ N_("Case"), 14, false, false },
};

static int t_count(void *a) { return ((struct wg_celltree *)a)->n; }
static int t_root(void *a) { struct wg_celltree *t = a; return t->nroots ? t->roots[0] : -1; }
static int t_child(void *a, int n) { return ((struct wg_celltree *)a)->nodes[n].first_child; }
static int t_parent(void *a, int n) { return ((struct wg_celltree *)a)->nodes[n].parent; }

static int t_next(void *a, int n)
{
	struct wg_celltree *t = a;
	if (t->nodes[n].parent >= 0)
		return t->nodes[n].next_sibling;
	for (int i = 0; i + 1 < t->nroots; i++)
		if (t->roots[i] == n)
			return t->roots[i + 1];
	return -1;
}

static void t_label(void *a, int n, char *code, size_t codesz, char *text, size_t textsz)
{
	const struct wg_cellnode *nd = &((struct wg_celltree *)a)->nodes[n];
	code[0] = '\0';
	(void)codesz;
	snprintf(text, textsz, _("%s  %d residents"), nd->name, nd->counts.residents);
}

static const struct tree_ops cell_tree_ops = { t_count, t_root, t_child, t_next, t_parent, t_label };

/* Streets and communities are open unless the clerk closed them: the grids are the work. */
static bool opened_by_default(const struct wg_cellnode *nd)
{
	return nd->kind != WG_CELL_GRID;
}

/* Reads the tree (again), keeping the selected cell, the branches the clerk closed and the scroll. */
static int load_tree(struct ui *ui, struct cellscreen *cs)
{
	int64_t keep = cs->tv.sel >= 0 && cs->tree.n ? cs->tree.nodes[cs->tv.sel].id : 0;
	int64_t *closed = calloc((size_t)cs->tree.n + 1, sizeof *closed);
	int nclosed = 0, top = cs->tv.top;
	for (int i = 0; closed && i < cs->tree.n; i++)
		if (opened_by_default(&cs->tree.nodes[i]) && !cs->tv.expanded[i])
			closed[nclosed++] = cs->tree.nodes[i].id;
	if (cs->tree.n) {
		tree_free(&cs->tv);
		wg_celltree_free(&cs->tree);
	}
	int rc = wg_celltree_load(ui->ctx, &cs->tree) == WG_OK ? tree_init(&cs->tv, &cell_tree_ops, &cs->tree)
								: WG_EIO;
	for (int i = 0; rc == WG_OK && i < cs->tree.n; i++)
		cs->tv.expanded[i] = opened_by_default(&cs->tree.nodes[i]);
	for (int i = 0; rc == WG_OK && i < nclosed; i++) {
		int at = wg_celltree_find(&cs->tree, closed[i]);
		if (at >= 0)
			cs->tv.expanded[at] = 0;
	}
	free(closed);
	if (rc != WG_OK)
		return rc;
	tree_layout(&cs->tv);
	cs->tv.top = top;
	int at = keep ? wg_celltree_find(&cs->tree, keep) : -1;
	if (at >= 0)
		tree_reveal(&cs->tv, at);
	return rc;
}

static void setup_form(struct cellscreen *cs)
{
	static const char *const keys[PF_COUNT] = { "date", "route", "findings", "worker" };
	static const char *const labels[PF_COUNT] = { N_("Date"), N_("Route"), N_("Findings"),
		N_("Grid worker") };
	static const char *const hints[PF_COUNT] = { N_("YYYY-MM-DD, today if empty"),
		N_("streets and buildings walked"), N_("what needs doing; F2 saves"),
		N_("who walked it: you, or the cell's grid worker; empty if not known") };
	for (int i = 0; i < PF_COUNT; i++)
		cs->fields[i] = (struct form_field){ .key = keys[i], .label = labels[i], .hint = hints[i],
						     .type = i == PF_DATE ? FLD_DATE : FLD_TEXT,
						     .maxlen = i == PF_FINDINGS ? 1000 : 200 };
}

/* Who most likely walked the round: the acting user when a grid worker of the cell, else
 * (a clerk typing in a paper log) the cell's first grid worker; shown, so it can be changed. */
static const char *walker(struct ui *ui, struct cellscreen *cs)
{
	int64_t mine = 0;
	const struct wg_cell_detail *d = &cs->detail;
	if (!cs->detail_id || !d->nworkers)
		return "";
	if (wg_gridworker_of_user(ui->ctx, &mine) != WG_OK)
		return d->workers[0].name;
	for (int i = 0; i < d->nworkers; i++)
		if (d->workers[i].id == mine)
			return d->workers[i].name;
	return ""; /* a grid worker of another cell: core records the acting user's own */
}

static int make_case(struct ui *ui, void *arg)
{
	struct cellscreen *cs = arg;
	struct wg_task_prefill pre;
	if (wg_patrol_task_prefill(ui->ctx, cs->last_patrol, &pre) != WG_OK)
		return ui_core_error(ui);
	tasks_new_from_patrol(ui, &pre);
	return UI_REDRAW;
}

static int patrol_save(struct ui *ui, struct form *f)
{
	struct cellscreen *cs = f->owner;
	struct wg_patrol p;
	memset(&p, 0, sizeof p);
	p.cell_id = cs->tree.nodes[cs->tv.sel].id;
	form_value(f, PF_DATE, p.date, sizeof p.date);
	form_value(f, PF_ROUTE, p.route, sizeof p.route);
	form_value(f, PF_FINDINGS, p.findings, sizeof p.findings);
	form_value(f, PF_WORKER, p.worker_name, sizeof p.worker_name);
	if (wg_patrol_save(ui->ctx, &p) != WG_OK) {
		ui_core_error(ui);
		return WG_EINVAL;
	}
	cs->last_patrol = p.id;
	ui_message(ui, false, _("Patrol of %s saved."), cs->tree.nodes[cs->tv.sel].name);
	return WG_OK;
}

static void patrol_close(struct ui *ui, struct form *f, bool saved)
{
	struct cellscreen *cs = f->owner;
	char findings[64];
	cs->in_form = false;
	cs->detail_id = 0;
	lv_reload(ui, &cs->patrols);
	if (saved && *form_value(f, PF_FINDINGS, findings, sizeof findings))
		dialog_confirm(ui, _("Make a case from the findings?"),
			       _("y opens a new case for this grid cell with the findings filled in; "
				 "n keeps the patrol as it is."), make_case, cs);
}

static int cells_open(struct ui *ui, struct ui_screen *s)
{
	struct cellscreen *cs = calloc(1, sizeof *cs);
	if (!cs)
		return WG_EIO;
	s->st = cs;
	cs->tv.sel = -1;
	setup_form(cs);
	cs->form = (struct form){ .id = "cells.patrol", .title = N_("Patrol"), .fields = cs->fields,
				  .n = PF_COUNT, .owner = cs, .save = patrol_save, .close = patrol_close };
	form_init(&cs->form);
	lv_init(&cs->patrols, wg_patrol_source(&cs->pq), grid_patrol_cols, WG_PCOL_COUNT);
	cs->patrols.empty_text = N_("No patrols recorded here yet: F2 records one.");
	return load_tree(ui, cs);
}

static void load_detail(struct ui *ui, struct cellscreen *cs)
{
	int64_t id = cs->tree.nodes[cs->tv.sel].id;
	if (cs->detail_id == id)
		return;
	if (cs->detail_id)
		wg_cell_detail_free(&cs->detail);
	cs->detail_id = 0;
	if (wg_cell_detail_load(ui->ctx, &cs->tree, cs->tv.sel, &cs->detail) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	if (cs->pq.cell_id != id) { /* another cell: its patrols from the top */
		cs->pq.cell_id = id;
		cs->patrols.cols = cs->detail.cell.kind == WG_CELL_GRID ? grid_patrol_cols : area_patrol_cols;
		lv_reload(ui, &cs->patrols);
	}
	cs->detail_id = id;
}

/* The database changed (residents added on screen 3, a case opened or closed, an import):
 * the tree's counts, the detail, its patrols and the rooms view are read again in place. */
static void cells_refresh(struct ui *ui, struct ui_screen *s)
{
	struct cellscreen *cs = s->st;
	if (!cs)
		return;
	if (load_tree(ui, cs) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	if (cs->detail_id)
		wg_cell_detail_free(&cs->detail);
	cs->detail_id = 0;
	if (cs->tv.sel < 0)
		return;
	load_detail(ui, cs);
	lv_refresh(ui, &cs->patrols);
	if (cs->in_rooms) {
		int top = cs->top;
		open_rooms(ui, cs);
		cs->top = top;
	}
}

static void draw_detail(struct ui *ui, struct cellscreen *cs, WINDOW *w, int x, int h, int width)
{
	const struct wg_cell_detail *d = &cs->detail;
	char line[600];
	int y = 1;
	snprintf(line, sizeof line, "%s  %s", wg_cell_kind_label(d->cell.kind), d->cell.code);
	draw_text(w, y++, x, line, width, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	y += draw_wrapped(w, y, x, width, 2, d->cell.boundary[0] ? d->cell.boundary : _("(no boundary recorded)"),
			  (int)A_NORMAL);
	snprintf(line, sizeof line, _("Residents %d, key care %d, open cases %d"), d->counts.residents,
		 d->counts.key_care, d->counts.open_tasks);
	draw_text(w, y++, x, line, width, (int)A_NORMAL);
	snprintf(line, sizeof line, _("Buildings %d, households %d, patrols %d"), d->counts.buildings,
		 d->counts.households, d->counts.patrols);
	draw_text(w, y++, x, line, width, (int)A_NORMAL);
	size_t used = (size_t)snprintf(line, sizeof line, "%s", _("Grid workers:"));
	for (int i = 0; i < d->nworkers && used < sizeof line; i++)
		used += (size_t)snprintf(line + used, sizeof line - used, " %s(%s)", d->workers[i].name,
					 wg_employment_label(d->workers[i].employment));
	if (!d->nworkers)
		snprintf(line + used, sizeof line - used, " %s", _("none"));
	y += draw_wrapped(w, y, x, width, 2, line, (int)A_NORMAL);
	used = (size_t)snprintf(line, sizeof line, "%s", _("Buildings:"));
	for (int i = 0; i < d->nbuildings && used < sizeof line; i++)
		used += (size_t)snprintf(line + used, sizeof line - used, " %s(%d)", d->buildings[i].name,
					 d->buildings[i].residents);
	y += draw_wrapped(w, y, x, width, 2, line, (int)A_NORMAL);
	draw_hline(ui, w, y++, x, width);
	if (h - y > 2)
		lv_draw(ui, &cs->patrols, w, y, x, h - y, width);
}

static void cells_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct cellscreen *cs = s->st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (!cs)
		return;
	if (cs->in_form) {
		form_draw(ui, &cs->form, w, 0, 1, h, wd - 2);
		return;
	}
	if (cs->in_rooms) {
		draw_rooms(ui, cs, w, h, wd);
		return;
	}
	if (cs->tv.sel < 0) {
		draw_text(w, 1, 2, _("No grid cells yet: load them with 'wangge cells import FILE'."), wd - 4,
			  draw_attr(ui, ROLE_DIM));
		return;
	}
	int left = wd * 2 / 5;
	load_detail(ui, cs);
	draw_text(w, 0, 0, cs->detail_id ? cs->detail.path : "", wd, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	tree_draw(ui, &cs->tv, w, 1, 0, h - 1, left - 1);
	draw_vline(ui, w, 1, left, h - 1);
	if (cs->detail_id)
		draw_detail(ui, cs, w, left + 2, h - 1, wd - left - 2);
}

static void add_line(struct cellscreen *cs, const char *text)
{
	if (cs->nlines == cs->cap) {
		int cap = cs->cap ? cs->cap * 2 : 64;
		char (*nl)[160] = realloc(cs->lines, (size_t)cap * sizeof *nl);
		if (!nl)
			return;
		cs->lines = nl;
		cs->cap = cap;
	}
	snprintf(cs->lines[cs->nlines++], sizeof cs->lines[0], "%s", text);
}

static int room_line(void *arg, const struct wg_room *r)
{
	char line[160];
	snprintf(line, sizeof line, _("    unit %s room %s: %d residents, %d households"), r->unit, r->room,
		 r->residents, r->households);
	add_line(arg, line);
	return WG_OK;
}

/* Buildings -> units -> rooms of the detail's cell, as lines to scroll through. */
static int open_rooms(struct ui *ui, struct cellscreen *cs)
{
	char line[160];
	cs->nlines = cs->top = 0;
	for (int i = 0; i < cs->detail.nbuildings; i++) {
		const struct wg_building *b = &cs->detail.buildings[i];
		snprintf(line, sizeof line, _("%s: %d residents, %d households"), b->name, b->residents, b->households);
		add_line(cs, line);
		if (wg_building_rooms(ui->ctx, b->id, room_line, cs) != WG_OK)
			return ui_core_error(ui);
	}
	if (!cs->nlines)
		add_line(cs, _("No buildings recorded in this cell yet."));
	cs->in_rooms = true;
	return UI_REDRAW;
}

static void draw_rooms(struct ui *ui, struct cellscreen *cs, WINDOW *w, int h, int width)
{
	char title[600];
	snprintf(title, sizeof title, _("%s: buildings, units and rooms (Esc returns)"), cs->detail.path);
	draw_text(w, 0, 0, title, width, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (cs->top > cs->nlines - (h - 1))
		cs->top = cs->nlines - (h - 1) > 0 ? cs->nlines - (h - 1) : 0;
	for (int i = cs->top; i < cs->nlines && i - cs->top < h - 1; i++)
		draw_text(w, 1 + i - cs->top, 1, cs->lines[i], width - 2, (int)A_NORMAL);
}

/* ---- what each key does in each mode (the rows at the end) ---- */

enum cells_mode { CM_TREE, CM_ROOMS, CM_FORM };

static enum cells_mode cells_mode(const struct cellscreen *cs)
{
	return cs->in_form ? CM_FORM : cs->in_rooms ? CM_ROOMS : CM_TREE;
}

static int k_form(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	int r = form_key(ui, &((struct cellscreen *)st)->form, act, k);
	return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
}

static int k_rooms(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct cellscreen *cs = st;
	(void)ui, (void)k;
	switch (act) {
	case ACT_BACK: cs->in_rooms = false; return UI_REDRAW;
	case ACT_DOWN: cs->top++; return UI_REDRAW;
	case ACT_UP: cs->top -= cs->top > 0; return UI_REDRAW;
	case ACT_PGDN: cs->top += 10; return UI_REDRAW;
	case ACT_PGUP: cs->top = cs->top > 10 ? cs->top - 10 : 0; return UI_REDRAW;
	default: return UI_IGNORED;
	}
}

/* Enter on a grid cell: its buildings, units and rooms (elsewhere Enter folds the tree). */
static int k_open(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct cellscreen *cs = st;
	(void)act, (void)k;
	if (cs->tv.sel >= 0 && cs->tree.nodes[cs->tv.sel].kind == WG_CELL_GRID && cs->detail_id)
		return open_rooms(ui, cs);
	return UI_IGNORED;
}

static int k_patrol(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct cellscreen *cs = st;
	(void)act, (void)k;
	if (cs->tv.sel < 0)
		return UI_IGNORED;
	if (cs->tree.nodes[cs->tv.sel].kind != WG_CELL_GRID) {
		ui_message(ui, true, "%s", _("Patrols are recorded for a grid cell: choose one in the tree."));
		return UI_REDRAW;
	}
	if (wg_patrol_may_record(ui->ctx) != WG_OK) { /* a form that could not be saved stays shut */
		ui_core_error(ui);
		return UI_REDRAW;
	}
	form_clear(&cs->form, false);
	form_set(&cs->form, PF_WORKER, walker(ui, cs));
	cs->form.title = N_("Patrol");
	cs->in_form = true;
	return UI_REDRAW;
}

static int k_tree(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)k;
	return tree_key(ui, &((struct cellscreen *)st)->tv, act);
}

static int k_patrols(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)k;
	return lv_key(ui, &((struct cellscreen *)st)->patrols, act);
}

static const struct ui_keyrow cell_keys[] = {
	{ CM_FORM, UI_ANY_ACT, k_form },
	{ CM_ROOMS, UI_ANY_ACT, k_rooms },
	{ CM_TREE, ACT_OPEN, k_open },
	{ CM_TREE, ACT_NEW, k_patrol },
	{ CM_TREE, UI_ANY_ACT, k_tree },
	{ CM_TREE, ACT_PGDN, k_patrols },
	{ CM_TREE, ACT_PGUP, k_patrols },
	{ 0, ACT_NONE, NULL },
};

static int cells_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct cellscreen *cs = s->st;
	return cs ? ui_key_rows(cell_keys, (int)cells_mode(cs), ui, cs, act, k) : UI_IGNORED;
}

static enum ui_keyctx cells_keyctx(struct ui_screen *s)
{
	struct cellscreen *cs = s->st;
	return cs && cs->in_form ? KCTX_FORM : KCTX_LIST;
}

static const enum ui_act *cells_bar(struct ui_screen *s)
{
	struct cellscreen *cs = s->st;
	return cs->in_form ? form_bar : tree_bar;
}

static void cells_save_draft(struct ui *ui, struct ui_screen *s)
{
	struct cellscreen *cs = s->st;
	if (cs && cs->in_form)
		form_save_draft(ui, &cs->form);
}

static void cells_close(struct ui *ui, struct ui_screen *s)
{
	struct cellscreen *cs = s->st;
	(void)ui;
	if (!cs)
		return;
	if (cs->detail_id)
		wg_cell_detail_free(&cs->detail);
	tree_free(&cs->tv);
	wg_celltree_free(&cs->tree);
	lv_free(&cs->patrols);
	form_free(&cs->form);
	free(cs->lines);
	free(cs);
}

const struct ui_screen_ops scr_cells = {
	.id = "cells",
	.tab = ACT_SCREEN2,
	.short_label = N_("Grid"),
	.open = cells_open,
	.reload = cells_refresh,
	.draw = cells_draw,
	.key = cells_key,
	.close = cells_close,
	.bar = tree_bar,
	.bar_for = cells_bar,
	.keyctx = cells_keyctx,
	.save_draft = cells_save_draft,
};
