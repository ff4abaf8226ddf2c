/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The picker layer: a search line over a list of matches, searched again on every keystroke. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/text.h>
#include "lineedit.h"
#include "picker.h"

struct picker {
	char title[128];
	struct wg_lineedit ed;
	struct picker_item items[PICKER_MAX];
	int n, total, sel;
	const struct picker_ops *ops;
	void *arg;
};

static const enum ui_act picker_bar[] = { ACT_HELP, ACT_CANCEL, ACT_NONE };

static void research(struct ui *ui, struct picker *p)
{
	char *q = wg_lineedit_get(&p->ed);
	p->n = p->ops->search(ui, p->arg, q ? q : "", p->items, PICKER_MAX, &p->total);
	p->sel = 0;
	free(q);
}

static void picker_draw(struct ui *ui, struct ui_layer *l)
{
	struct picker *p = l->st;
	WINDOW *w = layer_place(l, LINES - 4, COLS - 6);
	int h, wd;
	getmaxyx(w, h, wd);
	draw_box(ui, w, 0, 0, h, wd, p->title);
	draw_text(w, 1, 2, _("Search:"), 8, draw_attr(ui, ROLE_LABEL));
	struct wg_lineedit_view v = wg_lineedit_layout(&p->ed, (size_t)wd - 14);
	char *text = wg_text_to_utf8(p->ed.buf + v.start, v.end - v.start);
	draw_text(w, 1, 11, text ? text : "", wd - 13, draw_attr(ui, ROLE_INPUT));
	free(text);
	char count[96];
	snprintf(count, sizeof count, _("%d matches"), p->total);
	draw_text(w, 2, 2, count, wd - 4, draw_attr(ui, ROLE_DIM));
	for (int i = 0; i < p->n && 3 + i < h - 1; i++) {
		char line[600];
		snprintf(line, sizeof line, "%-10s %s  %s", p->items[i].code, p->items[i].label, p->items[i].detail);
		draw_text(w, 3 + i, 2, line, wd - 4, i == p->sel ? draw_attr(ui, ROLE_SELECTED) : (int)A_NORMAL);
	}
	ui_place_cursor(ui, w, 1, 11 + (int)v.cursor_col);
}

static int picker_key(struct ui *ui, struct ui_layer *l, enum ui_act act, const struct ui_key *k)
{
	struct picker *p = l->st;
	if (act == ACT_CANCEL) {
		ui_pop_layer(ui);
		return UI_REDRAW;
	}
	if (k->is_key && (k->code == KEY_DOWN || k->code == KEY_NPAGE))
		return p->sel + 1 < p->n ? (p->sel++, UI_REDRAW) : UI_HANDLED;
	if (k->is_key && (k->code == KEY_UP || k->code == KEY_PPAGE))
		return p->sel > 0 ? (p->sel--, UI_REDRAW) : UI_HANDLED;
	if (act == ACT_NEXT_FIELD && !(k->is_key && k->code == KEY_DOWN)) { /* Enter or Tab chooses */
		if (!p->n)
			return UI_HANDLED;
		struct picker_item item = p->items[p->sel];
		const struct picker_ops *ops = p->ops;
		void *arg = p->arg;
		p->ops = NULL; /* chosen() may close forms; free after */
		ui_pop_layer(ui);
		ops->chosen(ui, arg, &item);
		if (ops->done)
			ops->done(arg);
		return UI_REDRAW;
	}
	bool changed;
	if (!k->is_key && k->code >= 32 && k->code != 127)
		changed = wg_lineedit_insert(&p->ed, (wchar_t)k->code);
	else if ((k->is_key && k->code == KEY_BACKSPACE) || (!k->is_key && (k->code == 127 || k->code == 8)))
		changed = wg_lineedit_backspace(&p->ed);
	else if (!k->is_key && k->code == 21)
		changed = wg_lineedit_kill_start(&p->ed);
	else
		return UI_HANDLED;
	if (changed)
		research(ui, p);
	return UI_REDRAW;
}

static void picker_free(struct ui_layer *l)
{
	struct picker *p = l->st;
	if (p->ops && p->ops->done)
		p->ops->done(p->arg);
	wg_lineedit_free(&p->ed);
	free(p);
}

void picker_open(struct ui *ui, const char *title, const char *initial, const struct picker_ops *ops,
		 void *arg)
{
	struct ui_layer *l = layer_new(KCTX_FORM);
	struct picker *p = calloc(1, sizeof *p);
	if (!l || !p) {
		free(l);
		free(p);
		return;
	}
	snprintf(p->title, sizeof p->title, "%s", title);
	wg_lineedit_init(&p->ed, 100);
	wg_lineedit_set(&p->ed, initial ? initial : "");
	wg_lineedit_end(&p->ed);
	p->ops = ops;
	p->arg = arg;
	l->st = p;
	l->draw = picker_draw;
	l->key = picker_key;
	l->free = picker_free;
	l->bar = picker_bar;
	ui_push_layer(ui, l);
	research(ui, p);
}
