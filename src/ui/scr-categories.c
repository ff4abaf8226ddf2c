/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 7: the category tree with path, detail and incremental search; the category picker. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/i18n.h>
#include <wangge/text.h>
#include "lineedit.h"
#include "picker.h"
#include "tree.h"

#define HITS 200

struct catscreen {
	struct treeview tree;
	unsigned shape;   /* shared_shape the view was built for */
	bool searching;
	struct wg_lineedit query;
	struct wg_cathit hits[HITS];
	int nhits, total, hitsel, hittop;
	bool framed;      /* a frame was drawn: the overdue counts may be read */
};

/* The tree screen 7 and the category picker share, with the database as it was read. */
static struct wg_cattree shared;
static bool shared_loaded;
static bool shared_overdue; /* the overdue counts are read (after a first frame) */
static struct wg_changes shared_seen;
static unsigned shared_shape; /* moves when nodes were added, removed or moved (an import) */

static bool same_shape(const struct wg_cattree *a, const struct wg_cattree *b)
{
	if (a->n != b->n || a->nroots != b->nroots)
		return false;
	for (int i = 0; i < a->n; i++)
		if (a->nodes[i].id != b->nodes[i].id || a->nodes[i].parent != b->nodes[i].parent ||
		    a->nodes[i].next_sibling != b->nodes[i].next_sibling)
			return false;
	return true;
}

/* Reads the tree again when the database changed since it was read: its names, limits and
 * case counts follow.  A tree of the same shape keeps every node's index, so views over it
 * stay valid; another shape (categories imported) moves shared_shape. */
struct wg_cattree *ui_cattree(struct ui *ui)
{
	struct wg_changes now;
	if (wg_store_changes(ui->ctx, &now) != WG_OK)
		return shared_loaded ? &shared : NULL;
	if (shared_loaded && !wg_changes_differ(&now, &shared_seen))
		return &shared;
	struct wg_cattree fresh = { 0 };
	if (wg_cattree_load(ui->ctx, &fresh) != WG_OK || wg_cattree_count_open(ui->ctx, &fresh) != WG_OK) {
		wg_cattree_free(&fresh);
		return shared_loaded ? &shared : NULL;
	}
	if (shared_loaded) {
		shared_shape += !same_shape(&shared, &fresh);
		wg_cattree_free(&shared);
	}
	shared = fresh;
	shared_loaded = true;
	shared_overdue = false;
	shared_seen = now;
	return &shared;
}

/* The overdue counts, read once the tree's first frame is shown (they range over every
 * overdue case); false while still to be read. */
static bool overdue_counted(struct ui *ui)
{
	if (!shared_overdue && shared_loaded) {
		shared_overdue = wg_cattree_count_overdue(ui->ctx, &shared) == WG_OK;
		wg_store_shrink(ui->ctx); /* its sort's memory back now, not 2 s after the key */
	}
	return shared_overdue;
}

static int t_count(void *arg) { return ((struct wg_cattree *)arg)->n; }
static int t_root(void *arg) { struct wg_cattree *t = arg; return t->nroots ? t->roots[0] : -1; }
static int t_child(void *arg, int n) { return ((struct wg_cattree *)arg)->nodes[n].first_child; }
static int t_parent(void *arg, int n) { return ((struct wg_cattree *)arg)->nodes[n].parent; }

static int t_next(void *arg, int n)
{
	struct wg_cattree *t = arg;
	if (t->nodes[n].parent >= 0)
		return t->nodes[n].next_sibling;
	for (int i = 0; i + 1 < t->nroots; i++) /* sectors are roots, kept in their own list */
		if (t->roots[i] == n)
			return t->roots[i + 1];
	return -1;
}

static void t_label(void *arg, int n, char *code, size_t codesz, char *text, size_t textsz)
{
	const struct wg_cattree *t = arg;
	const struct wg_catnode *nd = &t->nodes[n];
	const char *name = wg_cattree_text(t, nd->name_zh);
	snprintf(code, codesz, "%s", wg_cattree_text(t, nd->code));
	if (nd->nchildren)
		snprintf(text, textsz, "%s (%d)%s", name, nd->nchildren, nd->active ? "" : _(" [retired]"));
	else
		snprintf(text, textsz, "%s%s", name, nd->active ? "" : _(" [retired]"));
}

static const struct tree_ops cat_tree_ops = { t_count, t_root, t_child, t_next, t_parent, t_label };

static const enum ui_act cat_bar[] = { ACT_HELP, ACT_FIND, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act search_bar[] = { ACT_HELP, ACT_CANCEL, ACT_NONE };

static int cat_open(struct ui *ui, struct ui_screen *s)
{
	struct catscreen *cs = calloc(1, sizeof *cs);
	struct wg_cattree *t = ui_cattree(ui);
	if (!cs || !t) {
		free(cs);
		return WG_EIO;
	}
	wg_lineedit_init(&cs->query, 60);
	s->st = cs;
	cs->shape = shared_shape;
	return tree_init(&cs->tree, &cat_tree_ops, t);
}

static void run_search(struct ui *ui, struct catscreen *cs);

/* The database changed: the tree is read again.  The clerk keeps the selected node and the
 * open branches, unless an import changed the tree's shape (then the view starts afresh,
 * on the same code when it is still there). */
static void cat_refresh(struct ui *ui, struct ui_screen *s)
{
	struct catscreen *cs = s->st;
	char code[64] = "";
	if (!cs)
		return;
	if (cs->tree.sel >= 0)
		snprintf(code, sizeof code, "%s", wg_cattree_text(&shared, shared.nodes[cs->tree.sel].code));
	struct wg_cattree *t = ui_cattree(ui);
	if (t && cs->framed) /* after the first frame: what ranges over the overdue cases */
		overdue_counted(ui);
	if (!t || cs->shape == shared_shape)
		return;
	cs->shape = shared_shape;
	tree_free(&cs->tree);
	tree_init(&cs->tree, &cat_tree_ops, t);
	int at = *code ? wg_cattree_find_code(t, code) : -1;
	if (at >= 0)
		tree_reveal(&cs->tree, at);
	if (cs->searching)
		run_search(ui, cs); /* hits are node indices of the old tree */
}

static void detail_line(struct ui *ui, WINDOW *w, int y, int x, int width, const char *label, const char *value)
{
	draw_text(w, y, x, label, 12, draw_attr(ui, ROLE_LABEL));
	draw_text(w, y, x + 12, value, width - 12, A_NORMAL);
}

static void draw_detail(struct ui *ui, const struct wg_cattree *t, int node, WINDOW *w, int y, int x, int width)
{
	const struct wg_catnode *nd = &t->nodes[node];
	static const char *const levels[] = { N_("sector"), N_("large category"), N_("category"), N_("sub-category") };
	char buf[160];
	detail_line(ui, w, y, x, width, _("Code"), wg_cattree_text(t, nd->code));
	detail_line(ui, w, y + 1, x, width, _("Level"), _(levels[(nd->level - 1) & 3]));
	detail_line(ui, w, y + 2, x, width, _("Name"), wg_cattree_text(t, nd->name_zh));
	draw_text(w, y + 3, x, _("English"), 12, draw_attr(ui, ROLE_LABEL));
	y += draw_wrapped(w, y + 3, x + 12, width - 12, 3, wg_cattree_text(t, nd->name_en), A_NORMAL) - 1;
	if (nd->eff_limit)
		snprintf(buf, sizeof buf, nd->limit_hours ? _("%d working hours") : _("%d working hours (inherited)"),
			 nd->eff_limit);
	else
		snprintf(buf, sizeof buf, "%s", _("none set"));
	detail_line(ui, w, y + 4, x, width, _("Time limit"), buf);
	const char *responsible = wg_cattree_text(t, nd->responsible);
	detail_line(ui, w, y + 5, x, width, _("Handled by"), *responsible ? wg_responsible_label(responsible) : "-");
	detail_line(ui, w, y + 6, x, width, _("Priority"), wg_priority_label(wg_cattree_text(t, nd->priority)));
	if (shared_overdue)
		snprintf(buf, sizeof buf, _("%d open, %d overdue"), nd->open_cases, nd->overdue_cases);
	else
		snprintf(buf, sizeof buf, _("%d open, overdue being counted"), nd->open_cases);
	detail_line(ui, w, y + 7, x, width, _("Cases"), buf);
	if (!nd->active)
		draw_text(w, y + 9, x, _("Retired: kept for old cases, not offered for new ones."), width,
			  draw_attr(ui, ROLE_DIM));
}

static void draw_hits(struct ui *ui, struct catscreen *cs, WINDOW *w, int y, int h, int width)
{
	struct wg_cattree *t = cs->tree.arg;
	if (cs->hitsel < cs->hittop)
		cs->hittop = cs->hitsel;
	if (cs->hitsel >= cs->hittop + h)
		cs->hittop = cs->hitsel - h + 1;
	for (int i = cs->hittop; i < cs->nhits && i - cs->hittop < h; i++) {
		char path[512], line[600];
		wg_cattree_path(t, cs->hits[i].node, ui->ascii, path, sizeof path);
		snprintf(line, sizeof line, "%-10s %s", wg_cattree_text(t, t->nodes[cs->hits[i].node].code), path);
		draw_text(w, y + i - cs->hittop, 1, line, width - 2,
			  i == cs->hitsel ? draw_attr(ui, ROLE_SELECTED) : (int)A_NORMAL);
	}
}

static void cat_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct catscreen *cs = s->st;
	struct wg_cattree *t = cs->tree.arg;
	int h, wd;
	getmaxyx(w, h, wd);
	int left = wd * 3 / 5 > 48 ? wd * 3 / 5 : 48;
	char path[512];
	if (cs->searching) {
		char count[96];
		struct wg_lineedit_view v = wg_lineedit_layout(&cs->query, 40);
		char *q = wg_text_to_utf8(cs->query.buf + v.start, v.end - v.start);
		draw_text(w, 0, 0, _("Find:"), 6, draw_attr(ui, ROLE_LABEL));
		draw_text(w, 0, 6, q ? q : "", 41, draw_attr(ui, ROLE_INPUT));
		free(q);
		snprintf(count, sizeof count, _("%d matches; Enter jumps, Esc returns"), cs->total);
		draw_text(w, 0, 48, count, wd - 48, draw_attr(ui, ROLE_DIM));
		ui_place_cursor(ui, w, 0, 6 + (int)v.cursor_col);
		draw_hits(ui, cs, w, 1, h - 1, wd);
		return;
	}
	if (cs->tree.sel >= 0)
		wg_cattree_path(t, cs->tree.sel, ui->ascii, path, sizeof path);
	else
		snprintf(path, sizeof path, "%s", _("The category table is empty: load one with 'wangge categories import'."));
	draw_text(w, 0, 0, path, wd, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	draw_hline(ui, w, 1, 0, wd);
	tree_draw(ui, &cs->tree, w, 2, 0, h - 2, left - 1);
	draw_vline(ui, w, 2, left, h - 2);
	if (cs->tree.sel >= 0)
		draw_detail(ui, t, cs->tree.sel, w, 2, left + 2, wd - left - 2);
	cs->framed = true;
	if (!shared_overdue)
		ui_read_later(s); /* the overdue counts at the next pause between keys */
}

static void run_search(struct ui *ui, struct catscreen *cs)
{
	char *q = wg_lineedit_get(&cs->query);
	cs->nhits = wg_cattree_search(ui_cattree(ui), q ? q : "", 0, cs->hits, HITS, &cs->total);
	cs->hitsel = cs->hittop = 0;
	free(q);
}

static int search_key(struct ui *ui, struct catscreen *cs, enum ui_act act, const struct ui_key *k)
{
	if (act == ACT_CANCEL) {
		cs->searching = false;
		return UI_REDRAW;
	}
	if (k->is_key && k->code == KEY_DOWN)
		return cs->hitsel + 1 < cs->nhits ? (cs->hitsel++, UI_REDRAW) : UI_HANDLED;
	if (k->is_key && k->code == KEY_UP)
		return cs->hitsel > 0 ? (cs->hitsel--, UI_REDRAW) : UI_HANDLED;
	if (act == ACT_NEXT_FIELD) { /* Enter: jump to the node in the tree */
		if (cs->nhits)
			tree_reveal(&cs->tree, cs->hits[cs->hitsel].node);
		cs->searching = false;
		return UI_REDRAW;
	}
	bool changed = false;
	if (!k->is_key && k->code >= 32 && k->code != 127)
		changed = wg_lineedit_insert(&cs->query, (wchar_t)k->code);
	else if ((k->is_key && k->code == KEY_BACKSPACE) || (!k->is_key && (k->code == 127 || k->code == 8)))
		changed = wg_lineedit_backspace(&cs->query);
	else if (!k->is_key && k->code == 21)
		changed = wg_lineedit_kill_start(&cs->query);
	if (changed)
		run_search(ui, cs);
	return UI_REDRAW;
}

static int cat_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct catscreen *cs = s->st;
	if (!cs)
		return UI_IGNORED;
	if (cs->searching)
		return search_key(ui, cs, act, k);
	if (act == ACT_FIND) {
		cs->searching = true;
		wg_lineedit_set(&cs->query, "");
		cs->nhits = cs->total = 0;
		return UI_REDRAW;
	}
	return tree_key(ui, &cs->tree, act);
}

static enum ui_keyctx cat_keyctx(struct ui_screen *s)
{
	struct catscreen *cs = s->st;
	return cs && cs->searching ? KCTX_FORM : KCTX_LIST;
}

static const enum ui_act *cat_bar_now(struct ui_screen *s)
{
	struct catscreen *cs = s->st;
	return cs->searching ? search_bar : cat_bar;
}

static void cat_close(struct ui *ui, struct ui_screen *s)
{
	struct catscreen *cs = s->st;
	if (cs) {
		tree_free(&cs->tree);
		wg_lineedit_free(&cs->query);
		free(cs);
	}
	(void)ui;
	if (shared_loaded)
		wg_cattree_free(&shared);
	shared_loaded = false;
}

const struct ui_screen_ops scr_categories = {
	.id = "categories",
	.tab = ACT_SCREEN7,
	.short_label = N_("Categ."),
	.open = cat_open,
	.reload = cat_refresh,
	.draw = cat_draw,
	.key = cat_key,
	.close = cat_close,
	.bar = cat_bar,
	.bar_for = cat_bar_now,
	.keyctx = cat_keyctx,
};

/* ---- the category picker for forms: sub-categories only, same search ---- */

struct catpick {
	void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label);
	void *arg;
};

static int pick_search(struct ui *ui, void *arg, const char *query, struct picker_item *items, int max,
		       int *total)
{
	struct wg_cathit hits[PICKER_MAX];
	struct wg_cattree *t = ui_cattree(ui);
	(void)arg;
	if (!t)
		return *total = 0;
	int n = wg_cattree_search(t, query, 1, hits, max < PICKER_MAX ? max : PICKER_MAX, total);
	for (int i = 0; i < n; i++) {
		const struct wg_catnode *nd = &t->nodes[hits[i].node];
		items[i].id = nd->id;
		snprintf(items[i].code, sizeof items[i].code, "%s", wg_cattree_text(t, nd->code));
		wg_cattree_path(t, hits[i].node, ui->ascii, items[i].label, sizeof items[i].label);
		if (nd->eff_limit)
			snprintf(items[i].detail, sizeof items[i].detail, _("%dh"), nd->eff_limit);
		else
			items[i].detail[0] = '\0';
	}
	return n;
}

static void pick_chosen(struct ui *ui, void *arg, const struct picker_item *item)
{
	struct catpick *cp = arg;
	const char *leaf = strrchr(item->label, ' '); /* the path's last part names the sub-category */
	cp->chosen(ui, cp->arg, item->id, item->code, leaf ? leaf + 1 : item->label);
}

static const struct picker_ops cat_picker_ops = { pick_search, pick_chosen, free };

void category_pick(struct ui *ui, const char *initial,
		   void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
		   void *arg)
{
	struct catpick *cp = malloc(sizeof *cp);
	if (!cp)
		return;
	cp->chosen = chosen;
	cp->arg = arg;
	picker_open(ui, _("Category: type pinyin initials, Chinese, English or a code"), initial,
		    &cat_picker_ops, cp);
}
