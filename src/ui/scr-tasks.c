/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 8: case queues with counts, the list with deadline lights, and a case's detail and timeline. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/calendar.h>
#include <wangge/category.h>
#include <wangge/i18n.h>
#include <wangge/patrol.h>
#include <wangge/text.h>
#include "scr-tasks.h"

/* The light first (●, or G, Y, R without colour), then the deadline with whose it is: the
 * step's (本环节) or the case's (处置), as the detail names them. */
static const struct lv_column task_cols[] = {
	{ "", 1, false, false },             { N_("Case"), 16, false, false },
	{ N_("State"), 8, false, false },    { N_("Title"), 14, true, false },
	{ N_("Grid cell"), 10, false, false }, { N_("Deadline"), 16, false, false },
};
enum { NCOLS = sizeof task_cols / sizeof task_cols[0] };
static const int task_colmap[] = { -1, WG_TCOL_NUMBER, WG_TCOL_STATE, WG_TCOL_TITLE, WG_TCOL_CELL,
				   WG_TCOL_DEADLINE };

static const char *light_glyph(bool glyph, int tone)
{
	static const char *const letters[] = { " ", "G", "Y", "R" };
	if (tone <= 0 || tone > 3)
		return " ";
	return glyph ? "●" : letters[tone];
}

static const enum ui_act list_bar[] = { ACT_HELP, ACT_NEW, ACT_DISPATCH, ACT_STATE, ACT_FILTER,
					ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act detail_bar[] = { ACT_HELP, ACT_DISPATCH, ACT_STATE, ACT_BACK, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_CANCEL, ACT_NONE };

/* The queue's rows carry more columns than the screen shows: pick the ones it does. */
static int fetch_shown(struct wg_ctx *ctx, void *arg, enum wg_page_dir dir, const struct wg_pagekey *key,
		       int limit, struct wg_rows *out)
{
	struct taskscreen *ts = arg;
	struct wg_rows all;
	wg_rows_init(&all);
	if (!ts->qs)
		return WG_OK;
	int rc = ts->qsrc.fetch(ctx, ts->qsrc.arg, dir, key, limit, &all);
	for (int i = 0; rc == WG_OK && i < all.n; i++) {
		const char *cols[NCOLS];
		char deadline[64];
		const struct wg_row *r = &all.rows[i];
		for (int c = 0; c < NCOLS; c++)
			cols[c] = task_colmap[c] >= 0 ? r->cols[task_colmap[c]] : "";
		cols[0] = light_glyph(ts->glyph_light, r->tone);
		const char *when = r->cols[WG_TCOL_DEADLINE];
		if (strlen(when) == 16 && when[4] == '-')
			when += 5; /* MM-DD HH:MM: the year goes to make room for the clock's name */
		if (*when)
			snprintf(deadline, sizeof deadline, "%s %s", r->cols[WG_TCOL_CLOCK], when);
		else
			deadline[0] = '\0';
		cols[NCOLS - 1] = deadline;
		struct wg_row *row = wg_rows_add(out, &all.rows[i].key, NCOLS, cols);
		if (row)
			row->tone = all.rows[i].tone;
	}
	wg_rows_free(&all);
	return rc;
}

int tasks_reopen(struct ui *ui, struct taskscreen *ts)
{
	if (ts->qs)
		wg_task_queue_close(ts->qs);
	ts->qs = NULL;
	if (wg_task_queue_open(ui->ctx, ts->queue, &ts->filter, &ts->qs, &ts->qsrc) != WG_OK)
		return ui_core_error(ui);
	wg_task_queue_counts(ui->ctx, &ts->filter, ts->counts);
	return lv_reload(ui, &ts->lv);
}

void tasks_changed(struct ui *ui, struct taskscreen *ts)
{
	wg_task_queue_counts(ui->ctx, &ts->filter, ts->counts);
	lv_refresh(ui, &ts->lv);
	if (ts->detail_id) {
		int64_t id = ts->detail_id;
		wg_task_detail_free(&ts->detail);
		ts->detail_id = 0;
		if (wg_task_load(ui->ctx, id, &ts->detail) == WG_OK)
			ts->detail_id = id;
		else if (ts->mode == TS_DETAIL)
			ts->mode = TS_LIST; /* merged away or gone: back to the queue */
	}
}

/* On coming to the screen and after any change: lights and queues follow the clock too. */
static void tasks_current(struct ui *ui, struct ui_screen *s)
{
	struct taskscreen *ts = s->st;
	if (ts && ts->fresh) /* opened a moment ago: its counts and list are current */
		ts->fresh = false;
	else if (ts)
		tasks_changed(ui, ts);
}

static bool is_marked(void *arg, const struct wg_row *row)
{
	struct taskscreen *ts = arg;
	for (int i = 0; i < ts->nmarked; i++)
		if (ts->marked[i] == row->key.id)
			return true;
	return false;
}

/* Space marks or unmarks the selected case; F5 then dispatches all marked cases at once. */
static int toggle_mark(struct ui *ui, struct taskscreen *ts)
{
	const struct wg_row *row = lv_selected(&ts->lv);
	if (!row)
		return UI_HANDLED;
	for (int i = 0; i < ts->nmarked; i++) {
		if (ts->marked[i] == row->key.id) {
			ts->marked[i] = ts->marked[--ts->nmarked];
			goto done;
		}
	}
	if (ts->nmarked < TS_MARKS)
		ts->marked[ts->nmarked++] = row->key.id;
done:
	ui_message(ui, false, _("%d cases marked; F5 dispatches them together, Space unmarks"), ts->nmarked);
	lv_key(ui, &ts->lv, ACT_DOWN);
	return UI_REDRAW;
}

static int tasks_open(struct ui *ui, struct ui_screen *s)
{
	struct taskscreen *ts = calloc(1, sizeof *ts);
	if (!ts)
		return WG_EIO;
	s->st = ts;
	ts->queue = WG_Q_ALL;
	ts->glyph_light = ui->color && !ui->ascii;
	lv_init(&ts->lv, (struct wg_list_source){ fetch_shown, ts }, task_cols, NCOLS);
	ts->lv.empty_text = N_("No cases in this queue. Left and Right change the queue; F2 records a case.");
	ts->lv.is_marked = is_marked;
	ts->lv.mark_arg = ts;
	tasks_forms_init(ts);
	ts->fresh = true;
	return tasks_reopen(ui, ts) == UI_REDRAW ? WG_OK : WG_EIO;
}

/* Short names for the queue bar, which must hold all nine at 80 columns. */
static const char *const queue_short[WG_Q_COUNT] = {
	[WG_Q_MINE] = N_("Mine"), [WG_Q_TO_FILE] = N_("To file"), [WG_Q_TO_DISPATCH] = N_("To send"),
	[WG_Q_OVERDUE] = N_("Overdue"), [WG_Q_DUE_TODAY] = N_("Today"), [WG_Q_SUSPENDED] = N_("On hold"),
	[WG_Q_TO_VERIFY] = N_("Verify"), [WG_Q_FEEDBACK] = N_("Revisit"), [WG_Q_ALL] = N_("All"),
};

static void draw_queues(struct ui *ui, struct taskscreen *ts, WINDOW *w, int width)
{
	int x = 0;
	for (int q = 0; q < WG_Q_COUNT && x < width; q++) {
		char label[64];
		snprintf(label, sizeof label, "%s %ld", _(queue_short[q]), ts->counts[q]);
		int wd = (int)wg_text_width(label);
		if (x + wd > width)
			wd = width - x;
		int attr = q == (int)ts->queue ? draw_attr(ui, ROLE_TAB_ACTIVE)
			 : q == WG_Q_OVERDUE && ts->counts[q] ? draw_attr(ui, ROLE_RED) : (int)A_NORMAL;
		x += draw_text(w, 0, x, label, wd, attr) + 1;
	}
}

/* The filter in force, under the queues, with the key that clears it: a filter is never on
 * unseen.  Returns the rows used. */
static int draw_filter(struct ui *ui, struct taskscreen *ts, WINDOW *w, int y, int width)
{
	char line[512], keys[64], hint[128];
	if (!ts->filter_label[0])
		return 0;
	/* L10N: the queue bar's filter; × marks what the clear key takes away */
	snprintf(line, sizeof line, _("Filter: %s ×"), ts->filter_label);
	keymap_describe(ACT_CLEAR_FILTER, keys, sizeof keys);
	snprintf(hint, sizeof hint, _("(%s clears it)"), keys);
	int lw = (int)wg_text_width(line), room = width - (int)wg_text_width(hint) - 1;
	lw = draw_text(w, y, 0, line, lw < room ? lw : room, draw_attr(ui, ROLE_YELLOW) | A_BOLD);
	draw_text(w, y, lw + 1, hint, width - lw - 1, draw_attr(ui, ROLE_DIM));
	return 1;
}

static void kv(struct ui *ui, WINDOW *w, int y, int x, const char *label, const char *value, int width)
{
	draw_text(w, y, x, label, 10, draw_attr(ui, ROLE_LABEL));
	draw_text(w, y, x + 10, value, width - 10, (int)A_NORMAL);
}

/* The step's own clock under the case's (本环节时限): "step by 11-25 14:30, overdue". */
static int draw_step_clock(struct ui *ui, const struct wg_task *t, WINDOW *w, int y, int width)
{
	char when[32], line[256];
	if (!t->step_deadline_at || t->step_deadline_at == t->deadline_at || t->closed_at)
		return 0;
	enum wg_light l = wg_light_of(wg_now(ui->ctx), t->step_warn_at, t->step_deadline_at);
	wg_format_time(t->step_deadline_at, "%m-%d %H:%M", when, sizeof when);
	snprintf(line, sizeof line, "%s  %s", when, wg_light_label(l));
	kv(ui, w, y, 0, _("This step"), line, width);
	return 1;
}

/* Both clocks by their names: the case's handling deadline (处置时限) with the share of its
 * working time used, coloured by that clock alone, and the step's (本环节时限) under it.
 * Returns the rows used. */
static int draw_deadline(struct ui *ui, const struct wg_task *t, WINDOW *w, int y, int width)
{
	char when[32], line[256];
	if (!t->deadline_at) {
		kv(ui, w, y, 0, _("Case due"), _("none (the case is not running against a time limit)"), width);
		return 1 + draw_step_clock(ui, t, w, y + 1, width);
	}
	if (t->closed_at) {
		char closed[32];
		wg_format_time(t->closed_at, "%m-%d %H:%M", closed, sizeof closed);
		wg_format_time(t->deadline_at, "%m-%d %H:%M", when, sizeof when);
		snprintf(line, sizeof line, t->closed_at <= t->deadline_at ? _("closed %s, on time (deadline %s)")
			 : _("closed %s, late (deadline %s)"), closed, when);
		kv(ui, w, y, 0, _("Case due"), line, width);
		return 1;
	}
	const struct wg_calendar *cal = wg_calendar_of(ui->ctx);
	enum wg_light light = wg_light_of(wg_now(ui->ctx), t->warn_at, t->deadline_at);
	long total = wg_calendar_worked(cal, t->created_at, t->deadline_at);
	long used = wg_calendar_worked(cal, t->created_at, wg_now(ui->ctx));
	int pct = total > 0 ? (int)(used * 100 / total) : 100;
	wg_format_time(t->deadline_at, "%m-%d %H:%M", when, sizeof when);
	kv(ui, w, y, 0, _("Case due"), when, 22);
	int barw = 20, filled = pct > 100 ? barw : pct * barw / 100;
	enum ui_role role = light == WG_LIGHT_RED ? ROLE_RED : light == WG_LIGHT_YELLOW ? ROLE_YELLOW
			  : ROLE_GREEN;
	mvwaddch(w, y, 22, '[');
	wattrset(w, draw_attr(ui, role) | A_REVERSE);
	mvwhline(w, y, 23, ui->color ? ' ' : '#', filled);
	wattrset(w, (int)A_NORMAL);
	mvwhline(w, y, 23 + filled, ui->ascii ? '-' : '.', barw - filled);
	mvwaddch(w, y, 23 + barw, ']');
	if (light == WG_LIGHT_NONE)
		snprintf(line, sizeof line, _("%d%% of the working time used"), pct);
	else
		snprintf(line, sizeof line, _("%s: %d%% of the working time used"), wg_light_label(light), pct);
	draw_text(w, y, 25 + barw, line, width - 25 - barw, draw_attr(ui, role));
	return 1 + draw_step_clock(ui, t, w, y + 1, width);
}

static void draw_timeline(struct ui *ui, struct taskscreen *ts, WINDOW *w, int y, int h, int width)
{
	const struct wg_task_detail *d = &ts->detail;
	draw_text(w, y++, 0, _("Timeline"), width, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (ts->timeline_top > d->nevents - 1)
		ts->timeline_top = d->nevents > 0 ? d->nevents - 1 : 0;
	for (int i = ts->timeline_top; i < d->nevents && y < h; i++) {
		const struct wg_task_event *e = &d->events[i];
		char when[32], line[600], who[160] = "";
		wg_format_time(e->at, "%m-%d %H:%M", when, sizeof when);
		if (e->handler.kind != WG_HK_NONE)
			wg_handler_format(&e->handler, who, sizeof who);
		snprintf(line, sizeof line, "%s %-8s %s%s%s %s%s%s", when, e->actor,
			 e->action == WG_ACT_COUNT ? _("reported") : wg_task_action_label(e->action),
			 e->action != WG_ACT_COUNT && e->to != e->from && e->to < WG_TS_COUNT ? " → " : "",
			 e->action != WG_ACT_COUNT && e->to != e->from && e->to < WG_TS_COUNT
				 ? wg_task_state_label(e->to) : "",
			 who, *e->note ? "  " : "", e->note);
		draw_text(w, y++, 0, line, width, (int)A_NORMAL);
	}
}

static void draw_detail(struct ui *ui, struct taskscreen *ts, WINDOW *w, int h, int width)
{
	const struct wg_task *t = &ts->detail.task;
	char line[700], who[160];
	snprintf(line, sizeof line, "%s  %s  [%s]%s", t->number, t->title, wg_task_state_label(t->state),
		 t->supervision ? _("  supervised") : "");
	draw_text(w, 0, 0, line, width, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	kv(ui, w, 1, 0, _("Category"), t->category_path, width);
	snprintf(line, sizeof line, "%s %s  %s", t->cell_code, t->cell_name, t->address);
	kv(ui, w, 2, 0, _("Where"), line, width);
	snprintf(line, sizeof line, "%s%s%s, %s", wg_task_source_label(t->source), *t->reporter ? ", " : "",
		 t->reporter, wg_priority_label(t->priority));
	kv(ui, w, 3, 0, _("Source"), line, width);
	if (t->handler.kind != WG_HK_NONE)
		wg_handler_format(&t->handler, who, sizeof who);
	else
		snprintf(who, sizeof who, "%s", _("not dispatched yet"));
	snprintf(line, sizeof line, _("%s; reworked %d, wrongly dispatched %d%s%s"), who, t->rework_count,
		 t->wrong_dispatch_count, *t->rating ? _("; feedback: ") : "", *t->rating ? wg_rating_label(t->rating) : "");
	kv(ui, w, 4, 0, _("Handler"), line, width);
	int rows = draw_deadline(ui, t, w, 5, width);
	draw_wrapped(w, 5 + rows, 10, width - 10, 3 - rows, t->description, (int)A_NORMAL);
	draw_hline(ui, w, 8, 0, width);
	draw_timeline(ui, ts, w, 9, h, width);
}

static void tasks_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct taskscreen *ts = s->st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (!ts)
		return;
	switch (ts->mode) {
	case TS_NEW:
		form_draw(ui, &ts->nform, w, 0, 1, h, wd - 2);
		return;
	case TS_MOVE:
		form_draw(ui, &ts->mform, w, 0, 1, h, wd - 2);
		return;
	case TS_FILTER:
		form_draw(ui, &ts->fform, w, 0, 1, h, wd - 2);
		return;
	case TS_DETAIL:
		if (ts->detail_id)
			draw_detail(ui, ts, w, h, wd);
		return;
	case TS_LIST:
		break;
	}
	draw_queues(ui, ts, w, wd);
	int y = 1 + draw_filter(ui, ts, w, 1, wd);
	lv_draw(ui, &ts->lv, w, y, 0, h - y, wd);
}

static int open_detail(struct ui *ui, struct taskscreen *ts)
{
	const struct wg_row *row = lv_selected(&ts->lv);
	if (!row)
		return UI_HANDLED;
	if (ts->detail_id)
		wg_task_detail_free(&ts->detail);
	ts->detail_id = 0;
	if (wg_task_load(ui->ctx, row->key.id, &ts->detail) != WG_OK)
		return ui_core_error(ui);
	ts->detail_id = row->key.id;
	ts->timeline_top = 0;
	ts->mode = TS_DETAIL;
	return UI_REDRAW;
}

static int switch_queue(struct ui *ui, struct taskscreen *ts, int step)
{
	ts->queue = (enum wg_task_queue)(((int)ts->queue + step + WG_Q_COUNT) % WG_Q_COUNT);
	return tasks_reopen(ui, ts);
}

/* ---- what each key does in each mode (the rows at the end) ---- */

static int k_form(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct taskscreen *ts = st;
	struct form *f = ts->mode == TS_NEW ? &ts->nform : ts->mode == TS_MOVE ? &ts->mform : &ts->fform;
	int r = form_key(ui, f, act, k);
	return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
}

/* F5 and F6: on the case open, or on the selected row (F5 on marked rows sends them all). */
static int k_case(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct taskscreen *ts = st;
	(void)k;
	if (act == ACT_DISPATCH && ts->mode == TS_LIST && ts->nmarked) {
		tasks_dispatch_marked(ui, ts);
		return UI_REDRAW;
	}
	if (ts->mode == TS_LIST && open_detail(ui, ts) != UI_REDRAW)
		return UI_REDRAW;
	if (act == ACT_DISPATCH)
		tasks_dispatch(ui, ts);
	else
		tasks_state_menu(ui, ts);
	return UI_REDRAW;
}

static int k_back(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)ui, (void)act, (void)k;
	((struct taskscreen *)st)->mode = TS_LIST;
	return UI_REDRAW;
}

static int k_timeline(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct taskscreen *ts = st;
	(void)ui, (void)k;
	if (act == ACT_DOWN)
		ts->timeline_top++;
	else
		ts->timeline_top -= ts->timeline_top > 0;
	return UI_REDRAW;
}

static int k_queue(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)k;
	return switch_queue(ui, st, act == ACT_EXPAND ? 1 : -1);
}

static int k_open(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)act, (void)k;
	return open_detail(ui, st);
}

static int k_new(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct taskscreen *ts = st;
	char *data;
	(void)act, (void)k;
	if (wg_task_may_report(ui->ctx) != WG_OK) { /* a form that could not be saved stays shut */
		ui_core_error(ui);
		return UI_REDRAW;
	}
	tasks_open_new(ui, ts);
	if (form_take_kept(ui, &ts->nform, 0, &data)) {
		form_load_draft(&ts->nform, data);
		free(data);
		ui_message(ui, false, "%s", _("What you typed before is back (the draft kept when the "
					      "form was closed)."));
	}
	return UI_REDRAW;
}

static int k_filter(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)k;
	if (act == ACT_CLEAR_FILTER)
		return tasks_clear_filter(ui, st);
	tasks_open_filter(ui, st);
	return UI_REDRAW;
}

/* Space marks or unmarks the selected case for one dispatch of several. */
static int k_mark(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)act;
	return !k->is_key && k->code == ' ' ? toggle_mark(ui, st) : UI_IGNORED;
}

static int k_move(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)k;
	return lv_key(ui, &((struct taskscreen *)st)->lv, act);
}

static const struct ui_keyrow task_keys[] = {
	{ TS_NEW, UI_ANY_ACT, k_form },
	{ TS_MOVE, UI_ANY_ACT, k_form },
	{ TS_FILTER, UI_ANY_ACT, k_form },
	{ TS_DETAIL, ACT_BACK, k_back },
	{ TS_DETAIL, ACT_DOWN, k_timeline },
	{ TS_DETAIL, ACT_UP, k_timeline },
	{ TS_DETAIL, ACT_DISPATCH, k_case },
	{ TS_DETAIL, ACT_STATE, k_case },
	{ TS_LIST, ACT_EXPAND, k_queue },
	{ TS_LIST, ACT_COLLAPSE, k_queue },
	{ TS_LIST, ACT_OPEN, k_open },
	{ TS_LIST, ACT_NEW, k_new },
	{ TS_LIST, ACT_FILTER, k_filter },
	{ TS_LIST, ACT_CLEAR_FILTER, k_filter },
	{ TS_LIST, ACT_DISPATCH, k_case },
	{ TS_LIST, ACT_STATE, k_case },
	{ TS_LIST, ACT_NONE, k_mark },
	{ TS_LIST, UI_ANY_ACT, k_move },
	{ 0, ACT_NONE, NULL },
};

static int tasks_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct taskscreen *ts = s->st;
	return ts ? ui_key_rows(task_keys, (int)ts->mode, ui, ts, act, k) : UI_IGNORED;
}

static enum ui_keyctx tasks_keyctx(struct ui_screen *s)
{
	struct taskscreen *ts = s->st;
	return ts && ts->mode != TS_LIST && ts->mode != TS_DETAIL ? KCTX_FORM : KCTX_LIST;
}

static const enum ui_act *tasks_bar(struct ui_screen *s)
{
	struct taskscreen *ts = s->st;
	if (ts->mode == TS_LIST)
		return list_bar;
	return ts->mode == TS_DETAIL ? detail_bar : form_bar;
}

static void tasks_save_draft(struct ui *ui, struct ui_screen *s)
{
	struct taskscreen *ts = s->st;
	if (ts && ts->mode == TS_NEW)
		form_save_draft(ui, &ts->nform);
}

static void tasks_restore(struct ui *ui, struct ui_screen *s, const char *form, const char *data)
{
	struct taskscreen *ts = s->st;
	(void)form;
	if (!ts)
		return;
	tasks_open_new(ui, ts);
	form_load_draft(&ts->nform, data);
	ui_message(ui, false, "%s", _("A form you had not saved was found and reopened: F2 saves it, Esc closes it."));
}

static void tasks_close(struct ui *ui, struct ui_screen *s)
{
	struct taskscreen *ts = s->st;
	(void)ui;
	if (!ts)
		return;
	if (ts->detail_id)
		wg_task_detail_free(&ts->detail);
	if (ts->qs)
		wg_task_queue_close(ts->qs);
	lv_free(&ts->lv);
	tasks_forms_free(ts);
	free(ts);
}

void tasks_new_from_patrol(struct ui *ui, const struct wg_task_prefill *pre)
{
	ui_switch(ui, 7);
	struct taskscreen *ts = ui->screens[7].st;
	if (!ts)
		return;
	tasks_open_new(ui, ts);
	form_set(&ts->nform, NF_SOURCE, wg_task_source_name(WG_SRC_PATROL));
	char cell[128];
	snprintf(cell, sizeof cell, "%s", pre->cell_code);
	form_set(&ts->nform, NF_CELL, cell);
	ts->nfields[NF_CELL].ref_id = pre->cell_id;
	snprintf(ts->cell_code, sizeof ts->cell_code, "%s", pre->cell_code);
	form_set(&ts->nform, NF_TITLE, pre->title);
	char desc[sizeof pre->description + 64];
	size_t n = 0;
	for (const char *p = pre->description; *p && n + 4 < sizeof desc; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t') { /* a form field holds one line */
			if (n && desc[n - 1] != ' ')
				desc[n++] = ' ';
			continue;
		}
		desc[n++] = *p;
	}
	desc[n] = '\0';
	form_set(&ts->nform, NF_DESCRIPTION, desc);
	ts->from_patrol = pre->patrol_id;
	ts->nform.cur = NF_CATEGORY;
	ts->nform.dirty = true;
	ui_message(ui, false, "%s", _("From the patrol: pick the category (F4 or type pinyin), check the title, F2 saves."));
}

const struct ui_screen_ops scr_tasks = {
	.id = "tasks",
	.tab = ACT_SCREEN8,
	.short_label = N_("Tasks"),
	.open = tasks_open,
	.enter = tasks_current,
	.reload = tasks_current,
	.draw = tasks_draw,
	.key = tasks_key,
	.close = tasks_close,
	.bar = list_bar,
	.bar_for = tasks_bar,
	.keyctx = tasks_keyctx,
	.save_draft = tasks_save_draft,
	.restore_draft = tasks_restore,
};
