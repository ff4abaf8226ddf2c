/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The grid-cell picker used by forms: filter cells by code, name or pinyin as you type; and the
 * communities of a street's database, for the screens that show one of them or all. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/pinyin.h>
#include <wangge/report.h>
#include "picker.h"

struct cellpick {
	struct wg_celltree tree;
	bool loaded;
	bool areas; /* communities too (a filter: the cells below them) */
	void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label);
	void *arg;
};

static bool cell_matches(const struct wg_cellnode *nd, const char *q)
{
	struct wg_pyname py;
	if (!*q || strncmp(nd->code, q, strlen(q)) == 0 || strstr(nd->name, q))
		return true;
	if (wg_pyname_init(&py, nd->name) != 0)
		return false;
	bool hit = wg_pyname_match(&py, q) != WG_PYMATCH_NONE;
	wg_pyname_fini(&py);
	return hit;
}

static int cell_search(struct ui *ui, void *arg, const char *q, struct picker_item *items, int max,
		       int *total)
{
	struct cellpick *cp = arg;
	int n = 0;
	*total = 0;
	if (!cp->loaded && wg_celltree_load(ui->ctx, &cp->tree) == WG_OK)
		cp->loaded = true;
	for (int i = 0; cp->loaded && i < cp->tree.n; i++) {
		const struct wg_cellnode *nd = &cp->tree.nodes[i];
		if ((nd->kind != WG_CELL_GRID && !(cp->areas && nd->kind == WG_CELL_COMMUNITY)) ||
		    !cell_matches(nd, q))
			continue;
		if (n < max) {
			items[n].id = nd->id;
			snprintf(items[n].code, sizeof items[n].code, "%s", nd->code);
			snprintf(items[n].label, sizeof items[n].label, "%s", nd->name);
			if (nd->kind == WG_CELL_COMMUNITY)
				/* L10N: a community in the cell picker of a filter: its grid cells included */
				snprintf(items[n].detail, sizeof items[n].detail, _("community, %d residents"),
					 nd->counts.residents);
			else
				snprintf(items[n].detail, sizeof items[n].detail, _("%d residents"),
					 nd->counts.residents);
			n++;
		}
		(*total)++;
	}
	return n;
}

static void cell_chosen(struct ui *ui, void *arg, const struct picker_item *item)
{
	struct cellpick *cp = arg;
	cp->chosen(ui, cp->arg, item->id, item->code, item->label);
}

static void cell_done(void *arg)
{
	struct cellpick *cp = arg;
	if (cp->loaded)
		wg_celltree_free(&cp->tree);
	free(cp);
}

static const struct picker_ops cell_picker_ops = { cell_search, cell_chosen, cell_done };

static void open_pick(struct ui *ui, const char *initial, bool areas,
		      void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
		      void *arg)
{
	struct cellpick *cp = calloc(1, sizeof *cp);
	if (!cp)
		return;
	cp->chosen = chosen;
	cp->arg = arg;
	cp->areas = areas;
	picker_open(ui, areas ? _("Grid cell or community: type its name, pinyin initials or code")
		    : _("Grid cell: type its name, pinyin initials or code"), initial, &cell_picker_ops, cp);
}

void cell_pick(struct ui *ui, const char *initial,
	       void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
	       void *arg)
{
	open_pick(ui, initial, false, chosen, arg);
}

void cell_pick_area(struct ui *ui, const char *initial,
		    void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
		    void *arg)
{
	open_pick(ui, initial, true, chosen, arg);
}

/* ---- One community or all ---- */

static int keep_community(void *arg, const char *code, const char *name)
{
	struct ui_communities *c = arg;
	if (c->n < UI_COMMUNITIES) {
		snprintf(c->code[c->n], sizeof c->code[0], "%s", code);
		snprintf(c->name[c->n], sizeof c->name[0], "%s", name);
		c->n++;
	}
	return WG_OK;
}

int ui_communities_load(struct ui *ui, struct ui_communities *out)
{
	out->n = 0;
	return wg_report_communities(ui->ctx, keep_community, out);
}

static struct {
	struct ui_communities c;
	char items[UI_COMMUNITIES + 1][256];
	int (*picked)(struct ui *ui, void *arg, const char *code, const char *name);
	void *arg;
} menu; /* one menu at a time */

static int community_chosen(struct ui *ui, void *arg, int index)
{
	(void)arg;
	if (index == 0)
		return menu.picked(ui, menu.arg, "", "");
	return menu.picked(ui, menu.arg, menu.c.code[index - 1], menu.c.name[index - 1]);
}

int community_menu_open(struct ui *ui, const char *title,
			int (*picked)(struct ui *ui, void *arg, const char *code, const char *name), void *arg)
{
	if (ui_communities_load(ui, &menu.c) != WG_OK)
		return ui_core_error(ui);
	snprintf(menu.items[0], sizeof menu.items[0], "%s", _("All communities"));
	for (int i = 0; i < menu.c.n; i++)
		snprintf(menu.items[i + 1], sizeof menu.items[0], "%s  %s", menu.c.code[i], menu.c.name[i]);
	menu.picked = picked;
	menu.arg = arg;
	choice_menu_open(ui, title, menu.items, menu.c.n + 1, community_chosen, NULL);
	return UI_REDRAW;
}

void community_line(struct ui *ui, WINDOW *w, int y, int x, int width, const char *name)
{
	char line[400], keys[64];
	keymap_describe(ACT_CLEAR_FILTER, keys, sizeof keys);
	/* L10N: a list narrowed to one community; %2$s is the key that clears it */
	snprintf(line, sizeof line, _("Community: %1$s × (%2$s clears it)"), name, keys);
	draw_text(w, y, x, line, width, draw_attr(ui, ROLE_YELLOW) | A_BOLD);
}

/* ---- F7 and c on a screen that shows one community or all ---- */

static struct {
	struct ui_area *area;
	int (*changed)(struct ui *ui, void *arg);
	void *arg;
} area_menu; /* one menu at a time */

static int area_chosen(struct ui *ui, void *arg, const char *code, const char *name)
{
	struct ui_area *a = area_menu.area;
	(void)arg, (void)name;
	if (wg_community_find(ui->ctx, code, &a->id, a->name, sizeof a->name) != WG_OK)
		return ui_core_error(ui);
	if (a->id)
		/* L10N: a list or week narrowed to one community (F7) */
		ui_message(ui, false, _("Showing %s alone; F7 changes it"), a->name);
	return area_menu.changed(ui, area_menu.arg);
}

int area_filter_key(struct ui *ui, struct ui_area *area, enum ui_act act, const struct ui_area_words *w,
		    int (*changed)(struct ui *ui, void *arg), void *arg)
{
	struct ui_communities c;
	if (act == ACT_CLEAR_FILTER) {
		ui_message(ui, false, "%s", area->id ? _(w->cleared) : _(w->none));
		if (!area->id)
			return UI_REDRAW;
		area->id = 0;
		return changed(ui, arg);
	}
	if (ui_communities_load(ui, &c) != WG_OK)
		return ui_core_error(ui);
	if (c.n < 2) {
		ui_message(ui, false, "%s", _(w->one));
		return UI_REDRAW;
	}
	area_menu.area = area;
	area_menu.changed = changed;
	area_menu.arg = arg;
	return community_menu_open(ui, _(w->title), area_chosen, NULL);
}
