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
	hs->bar = ui->layer && ui->layer->bar ? ui->layer->bar : s->ops->bar;
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
