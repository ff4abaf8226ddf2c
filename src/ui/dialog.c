/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The confirmation dialog: nothing destructive happens on one key, and it says what will go. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/text.h>
#include "ui.h"

#define MAX_CHOICES 4

struct confirm {
	char title[128];
	char what[512];
	char help[256];
	struct dialog_choice choices[MAX_CHOICES];
	int nchoices;
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
		draw_text(w, 2 + i, 3, lines[i], wd - 6, (int)A_NORMAL);
	draw_text(w, h - 2, 3, c->help, wd - 6, draw_attr(ui, ROLE_FKEY));
}

static int confirm_key(struct ui *ui, struct ui_layer *l, enum ui_act act, const struct ui_key *k)
{
	struct confirm *c = l->st;
	for (int i = 0; !k->is_key && i < c->nchoices; i++) {
		if (k->code != c->choices[i].key && k->code != (wint_t)(c->choices[i].key - 'a' + 'A'))
			continue;
		int (*fn)(struct ui *, void *) = c->choices[i].fn;
		void *arg = c->arg;
		ui_pop_layer(ui);
		return fn ? fn(ui, arg) | UI_REDRAW : UI_REDRAW;
	}
	if (act == ACT_CANCEL) {
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

void dialog_choose(struct ui *ui, const char *title, const char *what, const char *help,
		   const struct dialog_choice *choices, int n, void *arg)
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
	snprintf(c->help, sizeof c->help, "%s", help);
	c->nchoices = n < MAX_CHOICES ? n : MAX_CHOICES;
	memcpy(c->choices, choices, (size_t)c->nchoices * sizeof *choices);
	c->arg = arg;
	l->st = c;
	l->draw = confirm_draw;
	l->key = confirm_key;
	l->free = confirm_free;
	l->bar = confirm_bar;
	ui_push_layer(ui, l);
}

static int said_no(struct ui *ui, void *arg)
{
	(void)arg;
	ui_message(ui, false, "%s", _("Nothing was changed."));
	return UI_REDRAW;
}

void dialog_confirm(struct ui *ui, const char *title, const char *what,
		    int (*on_yes)(struct ui *ui, void *arg), void *arg)
{
	struct dialog_choice yn[] = { { 'y', on_yes }, { 'n', said_no } };
	dialog_choose(ui, title, what, _("y: yes, do it    n or Esc: no, keep everything"), yn, 2, arg);
}
