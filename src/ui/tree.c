/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Tree view: expand and collapse by keyboard, the selection kept visible. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include <wangge/text.h>
#include "tree.h"

int tree_init(struct treeview *t, const struct tree_ops *ops, void *arg)
{
	memset(t, 0, sizeof *t);
	t->ops = ops;
	t->arg = arg;
	t->n = ops->count(arg);
	t->expanded = calloc((size_t)t->n + 1, 1);
	t->rows = calloc((size_t)t->n + 1, sizeof *t->rows);
	t->sel = t->n ? ops->first_root(arg) : -1;
	t->height = 10;
	if (!t->expanded || !t->rows)
		return WG_EIO;
	tree_layout(t);
	return WG_OK;
}

void tree_free(struct treeview *t)
{
	free(t->expanded);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

static void walk(struct treeview *t, int node)
{
	for (; node >= 0; node = t->ops->next_sibling(t->arg, node)) {
		t->rows[t->nrows++] = node;
		if (t->expanded[node])
			walk(t, t->ops->first_child(t->arg, node));
	}
}

void tree_layout(struct treeview *t)
{
	t->nrows = 0;
	if (t->n)
		walk(t, t->ops->first_root(t->arg));
}

static int row_of(const struct treeview *t, int node)
{
	for (int i = 0; i < t->nrows; i++)
		if (t->rows[i] == node)
			return i;
	return -1;
}

static int depth(const struct treeview *t, int node)
{
	int d = 0;
	while ((node = t->ops->parent(t->arg, node)) >= 0)
		d++;
	return d;
}

void tree_reveal(struct treeview *t, int node)
{
	for (int p = t->ops->parent(t->arg, node); p >= 0; p = t->ops->parent(t->arg, p))
		t->expanded[p] = 1;
	tree_layout(t);
	t->sel = node;
	int r = row_of(t, node);
	if (r < t->top || r >= t->top + t->height)
		t->top = r - t->height / 2 > 0 ? r - t->height / 2 : 0;
}

static int move_rows(struct treeview *t, int delta)
{
	int r = row_of(t, t->sel) + delta;
	if (r < 0)
		r = 0;
	if (r >= t->nrows)
		r = t->nrows - 1;
	t->sel = t->rows[r];
	return UI_REDRAW;
}

int tree_key(struct ui *ui, struct treeview *t, enum ui_act act)
{
	(void)ui;
	if (t->sel < 0)
		return UI_IGNORED;
	int child = t->ops->first_child(t->arg, t->sel);
	switch (act) {
	case ACT_DOWN: return move_rows(t, 1);
	case ACT_UP: return move_rows(t, -1);
	case ACT_PGDN: return move_rows(t, t->height);
	case ACT_PGUP: return move_rows(t, -t->height);
	case ACT_HOME: return move_rows(t, -t->nrows);
	case ACT_END: return move_rows(t, t->nrows);
	case ACT_EXPAND:
	case ACT_OPEN:
		if (child < 0)
			return act == ACT_OPEN ? UI_IGNORED : UI_HANDLED;
		t->expanded[t->sel] = act == ACT_OPEN ? !t->expanded[t->sel] : 1;
		tree_layout(t);
		return UI_REDRAW;
	case ACT_COLLAPSE:
		if (t->expanded[t->sel] && child >= 0)
			t->expanded[t->sel] = 0;
		else if (t->ops->parent(t->arg, t->sel) >= 0)
			t->sel = t->ops->parent(t->arg, t->sel);
		tree_layout(t);
		return UI_REDRAW;
	default: return UI_IGNORED;
	}
}

void tree_draw(struct ui *ui, struct treeview *t, WINDOW *w, int y, int x, int h, int width)
{
	t->height = h;
	int sr = row_of(t, t->sel);
	if (sr < t->top)
		t->top = sr;
	if (sr >= t->top + h)
		t->top = sr - h + 1;
	for (int r = t->top; r < t->nrows && r - t->top < h; r++) {
		int node = t->rows[r], d = depth(t, node);
		char code[64], text[256], line[512];
		bool leaf = t->ops->first_child(t->arg, node) < 0;
		const char *mark = leaf ? " " : t->expanded[node] ? (ui->ascii ? "-" : "▾") : (ui->ascii ? "+" : "▸");
		t->ops->label(t->arg, node, code, sizeof code, text, sizeof text);
		snprintf(line, sizeof line, "%*s%s %s", d * 2, "", mark, text);
		int attr = node == t->sel ? draw_attr(ui, ROLE_SELECTED) : (int)A_NORMAL;
		int cw = code[0] ? 10 : 0;
		if (cw)
			draw_text(w, y + r - t->top, x, code, cw - 1, node == t->sel ? attr : draw_attr(ui, ROLE_DIM));
		draw_text(w, y + r - t->top, x + cw, line, width - cw, attr);
	}
}
