/* The confirmation dialog: nothing destructive happens on one key, and it says what will go. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/text.h>
#include "ui.h"

struct confirm {
	char title[128];
	char what[512];
	int (*on_yes)(struct ui *ui, void *arg);
	void *arg;
};

static const enum ui_act confirm_bar[] = { ACT_HELP, ACT_CANCEL, ACT_NONE };

static void confirm_draw(struct ui *ui, struct ui_layer *l)
{
	struct confirm *c = l->st;
	char lines[8][256];
	int n = draw_wrap_lines(c->what, 56, lines, 8);
	WINDOW *w = layer_place(l, n + 6, 62);
	int h, wd;
	getmaxyx(w, h, wd);
	draw_box(ui, w, 0, 0, h, wd, c->title);
	for (int i = 0; i < n; i++)
		draw_text(w, 2 + i, 3, lines[i], wd - 6, A_NORMAL);
	draw_text(w, h - 2, 3, _("y: yes, do it    n or Esc: no, keep everything"), wd - 6,
		  draw_attr(ui, ROLE_FKEY));
}

static int confirm_key(struct ui *ui, struct ui_layer *l, enum ui_act act, const struct ui_key *k)
{
	struct confirm *c = l->st;
	if (!k->is_key && (k->code == 'y' || k->code == 'Y')) {
		int (*fn)(struct ui *, void *) = c->on_yes;
		void *arg = c->arg;
		ui_pop_layer(ui);
		return fn(ui, arg) | UI_REDRAW;
	}
	if ((!k->is_key && (k->code == 'n' || k->code == 'N')) || act == ACT_CANCEL) {
		ui_pop_layer(ui);
		ui_message(ui, false, "%s", _("Nothing was changed."));
		return UI_REDRAW;
	}
	return UI_HANDLED;
}

static void confirm_free(struct ui_layer *l)
{
	free(l->st);
}

void dialog_confirm(struct ui *ui, const char *title, const char *what,
		    int (*on_yes)(struct ui *ui, void *arg), void *arg)
{
	struct ui_layer *l = layer_new(KCTX_FORM);
	struct confirm *c = calloc(1, sizeof *c);
	if (!l || !c) {
		free(l);
		free(c);
		return;
	}
	snprintf(c->title, sizeof c->title, "%s", title);
	snprintf(c->what, sizeof c->what, "%s", what);
	c->on_yes = on_yes;
	c->arg = arg;
	l->st = c;
	l->draw = confirm_draw;
	l->key = confirm_key;
	l->free = confirm_free;
	l->bar = confirm_bar;
	ui_push_layer(ui, l);
}
