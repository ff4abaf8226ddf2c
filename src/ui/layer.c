/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Popup layers (help, dialogs, menu, pickers) on ncurses panels, and the help and menu layers. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <panel.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/text.h>
#include "ui.h"

struct ui_layer *layer_new(enum ui_keyctx ctx)
{
	struct ui_layer *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->ctx = ctx;
	l->win = newwin(3, 10, 0, 0);
	l->panel = new_panel(l->win);
	return l;
}

/* Centres the layer's window at h x w (clamped to the screen) and clears it. */
WINDOW *layer_place(struct ui_layer *l, int h, int w)
{
	if (h > LINES - 2)
		h = LINES - 2;
	if (w > COLS - 2)
		w = COLS - 2;
	int oh, ow;
	getmaxyx(l->win, oh, ow);
	if (oh != h || ow != w)
		wresize(l->win, h, w);
	move_panel(l->panel, (LINES - h) / 2, (COLS - w) / 2);
	top_panel(l->panel);
	werase(l->win);
	return l->win;
}

/* ---- help: the keys of the current screen, from the keymap table ---- */

struct help_state {
	enum ui_keyctx ctx;
	const enum ui_act *bar;
	int top;
};

static void help_line(struct ui *ui, WINDOW *w, int y, enum ui_act act, int width)
{
	char keys[64];
	const struct ui_action *a = keymap_action(act);
	keymap_describe(act, keys, sizeof keys);
	draw_text(w, y, 2, keys, 16, draw_attr(ui, ROLE_FKEY));
	draw_text(w, y, 19, _(a->help), width - 21, A_NORMAL);
}

/* Actions the help shows: the screen's bar first, then everything else of its context. */
static int help_actions(const struct help_state *hs, enum ui_act *out)
{
	int n = 0;
	for (int i = 0; hs->bar && hs->bar[i] != ACT_NONE; i++)
		out[n++] = hs->bar[i];
	for (size_t i = 0; i < ui_action_count; i++) {
		bool seen = false;
		for (int k = 0; k < n; k++)
			seen |= out[k] == ui_actions[i].act;
		if (!seen && (ui_actions[i].ctx & hs->ctx) && ui_actions[i].act < ACT_SCREEN1)
			out[n++] = ui_actions[i].act;
	}
	return n;
}

static void help_draw(struct ui *ui, struct ui_layer *l)
{
	struct help_state *hs = l->st;
	enum ui_act acts[ACT_COUNT];
	int n = help_actions(hs, acts);
	WINDOW *w = layer_place(l, LINES - 4, 72);
	int h, wd;
	getmaxyx(w, h, wd);
	draw_box(ui, w, 0, 0, h, wd, _("Keys of this screen (Esc closes)"));
	if (hs->top > n - (h - 3))
		hs->top = n - (h - 3) > 0 ? n - (h - 3) : 0;
	for (int i = hs->top, y = 1; i < n && y < h - 2; i++, y++)
		help_line(ui, w, y, acts[i], wd);
	draw_text(w, h - 2, 2, _("1-9 switch screens; Tab and Shift-Tab go to the next and previous one."),
		  wd - 4, draw_attr(ui, ROLE_DIM));
}

static int help_key(struct ui *ui, struct ui_layer *l, enum ui_act act, const struct ui_key *k)
{
	struct help_state *hs = l->st;
	(void)k;
	switch (act) {
	case ACT_DOWN: hs->top++; return UI_REDRAW;
	case ACT_UP: hs->top -= hs->top > 0; return UI_REDRAW;
	case ACT_HELP:
	case ACT_BACK:
	case ACT_QUIT:
		ui_pop_layer(ui);
		return UI_REDRAW;
	default: return UI_HANDLED;
	}
}

static void free_state(struct ui_layer *l)
{
	free(l->st);
}

void help_open(struct ui *ui)
{
	struct ui_layer *l = layer_new(KCTX_LIST);
	struct help_state *hs = calloc(1, sizeof *hs);
	if (!l || !hs) {
		free(l);
		free(hs);
		return;
	}
	struct ui_screen *s = &ui->screens[ui->cur];
	hs->ctx = ui->layer ? ui->layer->ctx : s->ops->keyctx ? s->ops->keyctx(s) : KCTX_LIST;
	hs->bar = ui->layer && ui->layer->bar ? ui->layer->bar : ui_screen_bar(s);
	l->st = hs;
	l->draw = help_draw;
	l->key = help_key;
	l->free = free_state;
	ui_push_layer(ui, l);
}

/* ---- menu: the nine screens (F9) ---- */

static void menu_draw(struct ui *ui, struct ui_layer *l)
{
	int *sel = l->st;
	WINDOW *w = layer_place(l, UI_SCREENS + 2, 34);
	draw_box(ui, w, 0, 0, UI_SCREENS + 2, 34, _("Screens"));
	for (int i = 0; i < UI_SCREENS; i++) {
		char line[96];
		const struct ui_action *a = keymap_action((enum ui_act)(ACT_SCREEN1 + i));
		snprintf(line, sizeof line, "%d  %s", i + 1, _(a->help));
		draw_text(w, i + 1, 2, line, 30, i == *sel ? draw_attr(ui, ROLE_SELECTED) : (int)A_NORMAL);
	}
}

static int menu_key(struct ui *ui, struct ui_layer *l, enum ui_act act, const struct ui_key *k)
{
	int *sel = l->st;
	(void)k;
	if (act >= ACT_SCREEN1 && act <= ACT_SCREEN9)
		*sel = act - ACT_SCREEN1, act = ACT_OPEN;
	switch (act) {
	case ACT_DOWN: *sel = (*sel + 1) % UI_SCREENS; return UI_REDRAW;
	case ACT_UP: *sel = (*sel + UI_SCREENS - 1) % UI_SCREENS; return UI_REDRAW;
	case ACT_OPEN: {
		int target = *sel;
		ui_pop_layer(ui);
		ui_switch(ui, target);
		return UI_REDRAW;
	}
	case ACT_MENU:
	case ACT_BACK:
	case ACT_QUIT:
		ui_pop_layer(ui);
		return UI_REDRAW;
	default: return UI_HANDLED;
	}
}

void menu_open(struct ui *ui)
{
	struct ui_layer *l = layer_new(KCTX_LIST);
	int *sel = calloc(1, sizeof *sel);
	if (!l || !sel) {
		free(l);
		free(sel);
		return;
	}
	*sel = ui->cur;
	l->st = sel;
	l->draw = menu_draw;
	l->key = menu_key;
	l->free = free_state;
	ui_push_layer(ui, l);
}

/* ---- a list of choices: Up/Down and Enter, or the number of the line ---- */

struct choice_menu {
	char title[128];
	char (*items)[256];
	int n, sel, top;
	int (*on_pick)(struct ui *ui, void *arg, int index);
	void *arg;
};

static void choice_draw(struct ui *ui, struct ui_layer *l)
{
	struct choice_menu *m = l->st;
	WINDOW *w = layer_place(l, m->n + 3 < LINES - 4 ? m->n + 3 : LINES - 4, COLS - 4);
	int h, wd;
	getmaxyx(w, h, wd);
	draw_box(ui, w, 0, 0, h, wd, m->title);
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + h - 3)
		m->top = m->sel - (h - 3) + 1;
	for (int i = m->top; i < m->n && i - m->top < h - 3; i++)
		draw_text(w, 1 + i - m->top, 2, m->items[i], wd - 4,
			  i == m->sel ? draw_attr(ui, ROLE_SELECTED) : (int)A_NORMAL);
	draw_text(w, h - 2, 2, _("Up/Down and Enter, or the line's number; Esc closes"), wd - 4,
		  draw_attr(ui, ROLE_DIM));
}

static int choice_key(struct ui *ui, struct ui_layer *l, enum ui_act act, const struct ui_key *k)
{
	struct choice_menu *m = l->st;
	int pick = -1;
	if (!k->is_key && k->code >= '1' && k->code <= '9' && (int)(k->code - '1') < m->n)
		pick = (int)(k->code - '1');
	else if (act == ACT_DOWN)
		return m->sel + 1 < m->n ? (m->sel++, UI_REDRAW) : UI_HANDLED;
	else if (act == ACT_UP)
		return m->sel > 0 ? (m->sel--, UI_REDRAW) : UI_HANDLED;
	else if (act == ACT_OPEN)
		pick = m->sel;
	else if (act == ACT_BACK || act == ACT_QUIT) {
		ui_pop_layer(ui);
		return UI_REDRAW;
	}
	if (pick < 0)
		return UI_HANDLED;
	int (*fn)(struct ui *, void *, int) = m->on_pick;
	void *arg = m->arg;
	ui_pop_layer(ui);
	return fn(ui, arg, pick) | UI_REDRAW;
}

static void choice_free(struct ui_layer *l)
{
	struct choice_menu *m = l->st;
	free(m->items);
	free(m);
}

void choice_menu_open(struct ui *ui, const char *title, char (*items)[256], int n,
		      int (*on_pick)(struct ui *ui, void *arg, int index), void *arg)
{
	struct ui_layer *l = layer_new(KCTX_LIST);
	struct choice_menu *m = calloc(1, sizeof *m);
	if (!l || !m || !(m->items = malloc((size_t)(n ? n : 1) * sizeof *m->items))) {
		free(l);
		free(m);
		return;
	}
	snprintf(m->title, sizeof m->title, "%s", title);
	memcpy(m->items, items, (size_t)n * sizeof *items);
	m->n = n;
	m->on_pick = on_pick;
	m->arg = arg;
	l->st = m;
	l->draw = choice_draw;
	l->key = choice_key;
	l->free = choice_free;
	ui_push_layer(ui, l);
}
