/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The grid-cell picker used by forms: filter cells by code, name or pinyin as you type. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/cell.h>
#include <wangge/i18n.h>
#include <wangge/pinyin.h>
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
