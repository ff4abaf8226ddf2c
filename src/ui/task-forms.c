/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 8's forms: a new case (with pickers and the duplicate check), a move, dispatch, the filter. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/draft.h>
#include <wangge/i18n.h>
#include <wangge/patrol.h>
#include <wangge/text.h>
#include <wangge/validate.h>
#include "scr-tasks.h"

static const char *const sources[] = { "visit", "phone", "hotline", "patrol", "superior", "conference", NULL };
static const char *const priorities[] = { N_("(from the category)"), "urgent", "high", "normal", "low", NULL };
static const char *const ratings[] = { "satisfied", "basic", "unsatisfied", NULL };

static const char *source_words(const char *v)
{
	enum wg_task_source s;
	return wg_task_source_parse(v, &s) == 0 ? wg_task_source_label(s) : v;
}

static const char *priority_words(const char *v)
{
	return wg_priority_normalize(v) ? wg_priority_label(v) : _(v);
}

static const char *rating_words(const char *v)
{
	return wg_rating_label(v);
}

static const char *state_words(const char *v)
{
	enum wg_task_state s;
	return wg_task_state_parse(v, &s) == 0 ? wg_task_state_label(s) : _(v);
}

static void category_chosen(struct ui *ui, void *arg, int64_t id, const char *code, const char *label)
{
	struct taskscreen *ts = arg;
	snprintf(ts->category_code, sizeof ts->category_code, "%s", code);
	form_set_ref(ui, &ts->nform, NF_CATEGORY, id, code, label);
}

static void cell_chosen(struct ui *ui, void *arg, int64_t id, const char *code, const char *label)
{
	struct taskscreen *ts = arg;
	struct form *f = ts->mode == TS_FILTER ? &ts->fform : &ts->nform;
	int field = ts->mode == TS_FILTER ? FF_CELL : NF_CELL;
	snprintf(ts->mode == TS_FILTER ? ts->filter_cell : ts->cell_code, sizeof ts->cell_code, "%s", code);
	form_set_ref(ui, f, field, id, code, label);
}

static void pick_category(struct ui *ui, struct form *f, int field, const char *typed)
{
	(void)field;
	category_pick(ui, typed, category_chosen, f->owner);
}

static void reporter_chosen(struct ui *ui, void *arg, int64_t id, const char *code, const char *label)
{
	struct taskscreen *ts = arg;
	(void)code;
	ts->reporter_id = id;
	snprintf(ts->reporter_label, sizeof ts->reporter_label, "%s", label);
	form_set(&ts->nform, NF_REPORTER, label);
	ts->nform.dirty = true;
	ui_draft_touch(ui);
}

static void pick_reporter(struct ui *ui, struct form *f, int field, const char *typed)
{
	(void)field;
	resident_pick(ui, typed, reporter_chosen, f->owner);
}

static void handler_chosen(struct ui *ui, void *arg, const struct wg_handler *h)
{
	struct taskscreen *ts = arg;
	int i;
	ts->picked = *h;
	wg_handler_format(h, ts->picked_label, sizeof ts->picked_label);
	for (i = 0; i < ts->mform.n && ts->mmap[i] != MF_HANDLER; i++)
		;
	if (i < ts->mform.n) {
		form_set(&ts->mform, i, ts->picked_label);
		ts->mfields[i].error[0] = '\0';
	}
	(void)ui;
}

static void pick_handler(struct ui *ui, struct form *f, int field, const char *typed)
{
	(void)field;
	handler_pick(ui, typed, handler_chosen, f->owner);
}

static void pick_cell(struct ui *ui, struct form *f, int field, const char *typed)
{
	struct taskscreen *ts = f->owner;
	(void)field;
	if (ts->mode == TS_FILTER) /* a filter may take a community: the cells below it */
		cell_pick_area(ui, typed, cell_chosen, f->owner);
	else
		cell_pick(ui, typed, cell_chosen, f->owner);
}

static int add_case(struct ui *ui, struct taskscreen *ts, unsigned flags, struct wg_task_brief *dup,
		    int64_t *id, char *number)
{
	char title[512], desc[2048], addr[300], reporter[300], src[32], prio[32];
	struct wg_task_new in = { 0 };
	form_value(&ts->nform, NF_SOURCE, src, sizeof src);
	wg_task_source_parse(src, &in.source);
	in.cell_id = ts->nfields[NF_CELL].ref_id;
	in.category_id = ts->nfields[NF_CATEGORY].ref_id;
	in.title = form_value(&ts->nform, NF_TITLE, title, sizeof title);
	in.description = form_value(&ts->nform, NF_DESCRIPTION, desc, sizeof desc);
	in.address = form_value(&ts->nform, NF_ADDRESS, addr, sizeof addr);
	in.reporter_text = form_value(&ts->nform, NF_REPORTER, reporter, sizeof reporter);
	if (ts->reporter_id && strcmp(reporter, ts->reporter_label) == 0) { /* picked, not retyped */
		in.reporter_resident_id = ts->reporter_id;
		in.reporter_text = NULL;
	}
	form_value(&ts->nform, NF_PRIORITY, prio, sizeof prio);
	in.priority = ts->nfields[NF_PRIORITY].choice ? prio : NULL;
	return wg_task_add(ui->ctx, &in, flags, id, number, dup);
}

static void case_added(struct ui *ui, struct taskscreen *ts, int64_t id, const char *number)
{
	if (ts->from_patrol && wg_patrol_link_task(ui->ctx, ts->from_patrol, id) != WG_OK)
		ui_core_error(ui);
	ts->from_patrol = 0;
	tasks_changed(ui, ts);
	lv_reload(ui, &ts->lv); /* from the top, where the new case is in most queues */
	ui_message(ui, false, _("Saved: case %s reported"), number);
}

/* The clerk saw the duplicate warning and keeps the new case separate. */
static int keep_separate(struct ui *ui, void *arg)
{
	struct taskscreen *ts = arg;
	int64_t id;
	char number[WG_TASK_NUMBER_SIZE];
	if (add_case(ui, ts, WG_TASK_ALLOW_DUPLICATE, NULL, &id, number) != WG_OK)
		return ui_core_error(ui);
	wg_draft_delete(ui->ctx, ts->nform.id, 0);
	ts->nform.dirty = false;
	ts->mode = TS_LIST;
	case_added(ui, ts, id, number);
	return UI_REDRAW;
}

/* Recorded, then merged into the open case: one problem, one case, both on the timeline. */
static int merge_into(struct ui *ui, void *arg)
{
	struct taskscreen *ts = arg;
	int64_t id;
	char number[WG_TASK_NUMBER_SIZE];
	struct wg_move m = { .action = WG_ACT_MERGE, .into = ts->dup_id };
	if (add_case(ui, ts, WG_TASK_ALLOW_DUPLICATE, NULL, &id, number) != WG_OK ||
	    wg_task_move(ui->ctx, id, &m) != WG_OK)
		return ui_core_error(ui);
	wg_draft_delete(ui->ctx, ts->nform.id, 0);
	ts->nform.dirty = false;
	ts->mode = TS_LIST;
	case_added(ui, ts, id, number);
	ui_message(ui, false, _("Case %s was merged into the open case."), number);
	return UI_REDRAW;
}

static int back_to_form(struct ui *ui, void *arg)
{
	(void)arg;
	ui_message(ui, false, "%s", _("Nothing was saved; the form is as you left it."));
	return UI_REDRAW;
}

static int new_save(struct ui *ui, struct form *f)
{
	struct taskscreen *ts = f->owner;
	struct wg_task_brief dup = { 0 };
	int64_t id;
	char number[WG_TASK_NUMBER_SIZE], what[700];
	int rc = add_case(ui, ts, 0, &dup, &id, number);
	if (rc == WG_EINVAL && dup.id) {
		static const struct dialog_choice choices[] = {
			{ 'm', merge_into }, { 'y', keep_separate }, { 'n', back_to_form } };
		snprintf(what, sizeof what, _("Case %s \"%s\" is open in the same grid cell and category."),
			 dup.number, dup.title);
		ts->dup_id = dup.id;
		dialog_choose(ui, _("Possible duplicate"), what,
			      _("m: merge into it   y: record separately   n: back"), choices, 3, ts);
		return WG_EINVAL;
	}
	if (rc != WG_OK) {
		ui_core_error(ui);
		return rc;
	}
	case_added(ui, ts, id, number);
	return WG_OK;
}

static void any_close(struct ui *ui, struct form *f, bool saved)
{
	struct taskscreen *ts = f->owner;
	(void)saved;
	ts->mode = ts->detail_id && f == &ts->mform ? TS_DETAIL : TS_LIST;
	tasks_changed(ui, ts);
}

void tasks_open_new(struct ui *ui, struct taskscreen *ts)
{
	(void)ui;
	form_clear(&ts->nform, false);
	ts->cell_code[0] = ts->category_code[0] = '\0';
	ts->from_patrol = 0;
	ts->reporter_id = 0;
	ts->mode = TS_NEW;
}

/* ---- moves: the state menu and the form for what a move needs ---- */

static const enum wg_task_action menu_actions[] = {
	WG_ACT_FILE, WG_ACT_REJECT, WG_ACT_ACCEPT, WG_ACT_RETURN, WG_ACT_HANDLE, WG_ACT_VERIFY,
	WG_ACT_REWORK, WG_ACT_CLOSE, WG_ACT_FEEDBACK, WG_ACT_SUSPEND, WG_ACT_RESUME, WG_ACT_ESCALATE,
	WG_ACT_URGE,
};
#define NMENU ((int)(sizeof menu_actions / sizeof menu_actions[0]))

static int apply_move(struct ui *ui, struct taskscreen *ts, const struct wg_move *m)
{
	if (wg_task_move(ui->ctx, ts->detail_id, m) != WG_OK) {
		ui_core_error(ui);
		return WG_EINVAL;
	}
	tasks_changed(ui, ts);
	ui_message(ui, false, _("Done: %s; case %s is now '%s'"), wg_task_action_label(m->action),
		   ts->detail.task.number, wg_task_state_label(ts->detail.task.state));
	return WG_OK;
}

static int bulk_dispatch(struct ui *ui, struct taskscreen *ts, const struct wg_move *m)
{
	if (wg_task_dispatch_bulk(ui->ctx, ts->marked, ts->nmarked, &m->to, m->note) != WG_OK) {
		ui_core_error(ui);
		return WG_EINVAL;
	}
	char who[160];
	wg_handler_format(&m->to, who, sizeof who);
	int n = ts->nmarked;
	ts->nmarked = 0;
	tasks_changed(ui, ts);
	ui_message(ui, false, _("%d cases dispatched to %s"), n, who);
	return WG_OK;
}

static int move_save(struct ui *ui, struct form *f)
{
	struct taskscreen *ts = f->owner;
	char note[2048], handler[200], rating[32], review[16], level[8];
	struct wg_move m = { .action = ts->action };
	for (int i = 0; i < f->n; i++) {
		switch (ts->mmap[i]) {
		case MF_NOTE: m.note = form_value(f, i, note, sizeof note); break;
		case MF_RATING: m.rating = form_value(f, i, rating, sizeof rating); break;
		case MF_REVIEW: m.review_date = form_value(f, i, review, sizeof review); break;
		case MF_LEVEL: m.level = atoi(form_value(f, i, level, sizeof level)); break;
		case MF_HANDLER:
			if (ts->picked.kind != WG_HK_NONE &&
			    strcmp(form_value(f, i, handler, sizeof handler), ts->picked_label) == 0) {
				m.to = ts->picked; /* chosen with F4 */
				break;
			}
			if (wg_handler_resolve(ui->ctx, form_value(f, i, handler, sizeof handler), &m.to) != WG_OK) {
				form_error(f, i, "%s", wg_error(ui->ctx));
				return WG_EINVAL;
			}
			break;
		}
	}
	if (ts->bulk)
		return bulk_dispatch(ui, ts, &m);
	return apply_move(ui, ts, &m);
}

/* Builds the move form from the fields this action needs. */
static void open_move_form(struct taskscreen *ts, enum wg_task_action a)
{
	static const char *const labels[MF_COUNT] = { N_("Note"), N_("Handler"), N_("Rating"),
						      N_("Review date"), N_("Level") };
	static const char *const keys[MF_COUNT] = { "note", "handler", "rating", "review_date", "level" };
	static const char *const hints[MF_COUNT] = { N_("reason, result or the resident's words"),
		N_("F4 picks by name; or type KIND:ID, e.g. dept:城管执法"), N_("Space changes it"),
		N_("YYYY-MM-DD"), N_("1 to 3") };
	static const unsigned need_bit[MF_COUNT] = { WG_NEED_NOTE, WG_NEED_HANDLER, WG_NEED_RATING,
						     WG_NEED_REVIEW_DATE, WG_NEED_LEVEL };
	unsigned needs = wg_task_action_needs(a);
	int n = 0;
	form_free(&ts->mform);
	for (int k = 0; k < MF_COUNT; k++) {
		if (!(needs & need_bit[k]) && k != MF_NOTE)
			continue;
		ts->mfields[n] = (struct form_field){ .key = keys[k], .label = labels[k], .hint = hints[k],
			.type = k == MF_RATING ? FLD_CHOICE : k == MF_REVIEW ? FLD_DATE : k == MF_LEVEL ? FLD_INT : FLD_TEXT,
			.required = (needs & need_bit[k]) != 0, .choices = k == MF_RATING ? ratings : NULL,
			.min = 1, .max = 3, .maxlen = k == MF_NOTE ? 2000 : 100,
			.pick = k == MF_HANDLER ? pick_handler : NULL,
			.label_of = k == MF_RATING ? rating_words : NULL };
		ts->mmap[n++] = k;
	}
	ts->action = a;
	ts->bulk = false;
	ts->picked.kind = WG_HK_NONE;
	ts->mform.n = n;
	ts->mform.title = wg_task_action_label(a);
	form_init(&ts->mform);
	form_clear(&ts->mform, false);
	ts->mode = TS_MOVE;
}

static int state_picked(struct ui *ui, void *arg, int index)
{
	struct taskscreen *ts = arg;
	enum wg_task_action a = menu_actions[index];
	if (!(ts->detail.allowed & (1u << a)) || wg_task_action_needs(a) == 0) {
		struct wg_move m = { .action = a }; /* refused moves say why; plain ones just happen */
		apply_move(ui, ts, &m);
		return UI_REDRAW;
	}
	open_move_form(ts, a);
	return UI_REDRAW;
}

void tasks_state_menu(struct ui *ui, struct taskscreen *ts)
{
	char items[NMENU][256];
	for (int i = 0; i < NMENU; i++)
		snprintf(items[i], sizeof items[i], "%d %s%s", i + 1 < 10 ? i + 1 : 0,
			 wg_task_action_label(menu_actions[i]),
			 ts->detail.allowed & (1u << menu_actions[i]) ? "" : _("  (not possible now)"));
	choice_menu_open(ui, _("Next step for this case"), items, NMENU, state_picked, ts);
}

/* ---- dispatch: ranked suggestions with their reasons ---- */

static int dispatch_picked(struct ui *ui, void *arg, int index)
{
	struct taskscreen *ts = arg;
	if (index >= ts->nsugg) { /* "someone else": the move form asks for the handler */
		open_move_form(ts, WG_ACT_DISPATCH);
		return UI_REDRAW;
	}
	struct wg_move m = { .action = WG_ACT_DISPATCH, .to = ts->sugg[index].handler };
	apply_move(ui, ts, &m);
	return UI_REDRAW;
}

void tasks_dispatch_marked(struct ui *ui, struct taskscreen *ts)
{
	(void)ui;
	open_move_form(ts, WG_ACT_DISPATCH);
	ts->bulk = true;
	ts->mform.title = N_("Dispatch the marked cases to one handler");
}

void tasks_dispatch(struct ui *ui, struct taskscreen *ts)
{
	char items[TS_SUGGEST + 1][256];
	if (wg_task_suggest(ui->ctx, ts->detail_id, ts->sugg, TS_SUGGEST, &ts->nsugg) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	for (int i = 0; i < ts->nsugg; i++) {
		char who[160];
		wg_handler_format(&ts->sugg[i].handler, who, sizeof who);
		int used = snprintf(items[i], sizeof items[i], "%d %s (%d):", i + 1, who, ts->sugg[i].score);
		for (int r = 0; r < ts->sugg[i].nreasons && used < (int)sizeof items[i]; r++)
			used += snprintf(items[i] + used, sizeof items[i] - (size_t)used, "%s %s", r ? ";" : "",
					 ts->sugg[i].reasons[r]);
	}
	snprintf(items[ts->nsugg], sizeof items[ts->nsugg], "%d %s", ts->nsugg + 1,
		 _("someone else (pick by name with F4)"));
	choice_menu_open(ui, _("Dispatch to: best suggestions first, with the reasons"), items,
			 ts->nsugg + 1, dispatch_picked, ts);
}

/* ---- the filter: which cases the queues show ---- */

static const char *const sorts[] = { N_("queue's own"), N_("deadline"), N_("newest"), N_("oldest"), NULL };
static const char *const states[] = { N_("any state"), "reported", "filed", "dispatched", "accepted",
				      "handled", "verified", "closed", "rejected", "merged", "suspended",
				      "escalated", NULL };

/* The filter in words for the queue bar, from the fields as they were applied: each field
 * that narrows or orders the queues ("已上报, Sort deadline"). */
static void describe_filter(struct taskscreen *ts, struct form *f)
{
	char *out = ts->filter_label;
	size_t sz = sizeof ts->filter_label, n = 0;
	out[0] = '\0';
	for (int i = 0; i < FF_COUNT && n + 1 < sz; i++) {
		const struct form_field *fd = &ts->ffields[i];
		char buf[200];
		const char *value = fd->type != FLD_CHOICE ? form_value(f, i, buf, sizeof buf)
				  : !fd->choice ? "" : i == FF_STATE ? state_words(states[fd->choice])
				  : _(sorts[fd->choice]);
		if (!*value)
			continue;
		/* L10N: between the parts of a filter's description in the queue bar */
		n += (size_t)snprintf(out + n, sz - n, "%s", n ? _(", ") : "");
		bool plain = i == FF_CELL || i == FF_STATE; /* speak for themselves: 示范网格一, 已上报 */
		if (n + 1 < sz)
			n += (size_t)snprintf(out + n, sz - n, "%s%s%s", plain ? "" : _(fd->label),
					      plain ? "" : " ", value);
	}
}

int tasks_clear_filter(struct ui *ui, struct taskscreen *ts)
{
	if (!ts->filter_label[0]) {
		ui_message(ui, false, "%s", _("No filter is on: every queue shows all its cases."));
		return UI_REDRAW;
	}
	memset(&ts->filter, 0, sizeof ts->filter);
	ts->filter_label[0] = '\0';
	form_clear(&ts->fform, false);
	ui_message(ui, false, "%s", _("Filter cleared: every queue shows all its cases again."));
	return tasks_reopen(ui, ts);
}

static int filter_save(struct ui *ui, struct form *f)
{
	struct taskscreen *ts = f->owner;
	struct wg_task_filter flt = { 0 };
	char buf[200];
	flt.cell_id = ts->ffields[FF_CELL].ref_id;
	snprintf(flt.sector, sizeof flt.sector, "%s", form_value(f, FF_SECTOR, buf, sizeof buf));
	if (ts->ffields[FF_STATE].choice) {
		flt.has_state = 1;
		wg_task_state_parse(states[ts->ffields[FF_STATE].choice], &flt.state);
	}
	if (*form_value(f, FF_HANDLER, buf, sizeof buf) &&
	    wg_handler_resolve(ui->ctx, buf, &flt.handler) != WG_OK) {
		form_error(f, FF_HANDLER, "%s", wg_error(ui->ctx));
		return WG_EINVAL;
	}
	char from[32], to[32];
	form_value(f, FF_FROM, from, sizeof from);
	form_value(f, FF_TO, to, sizeof to);
	wg_task_filter_dates(&flt, from, to); /* both fields were checked as dates already */
	flt.sort = (enum wg_task_sort)ts->ffields[FF_SORT].choice;
	ts->filter = flt;
	describe_filter(ts, f);
	ui_message(ui, false, "%s", _("Filter applied to every queue; F7 again changes it, c clears it."));
	return WG_OK;
}

static void filter_close(struct ui *ui, struct form *f, bool saved)
{
	struct taskscreen *ts = f->owner;
	(void)saved;
	ts->mode = TS_LIST;
	tasks_reopen(ui, ts);
}

void tasks_open_filter(struct ui *ui, struct taskscreen *ts)
{
	(void)ui;
	ts->fform.dirty = false;
	ts->fform.cur = 0;
	ts->mode = TS_FILTER;
}

static void setup_filter(struct taskscreen *ts)
{
	static const char *const keys[FF_COUNT] = { "cell", "sector", "state", "handler", "from", "to", "sort" };
	static const char *const labels[FF_COUNT] = { N_("Grid cell"), N_("Sector code"), N_("State"),
		N_("Handler"), N_("Reported from"), N_("Reported to"), N_("Sort") };
	static const char *const hints[FF_COUNT] = { N_("F4 or type to pick; empty: all"),
		N_("a category code prefix, e.g. 02"), N_("Space changes it"), N_("KIND:ID; empty: anyone"),
		N_("YYYY-MM-DD"), N_("YYYY-MM-DD"), N_("Space changes it") };
	for (int i = 0; i < FF_COUNT; i++)
		ts->ffields[i] = (struct form_field){ .key = keys[i], .label = labels[i], .hint = hints[i],
			.type = i == FF_CELL ? FLD_REF : i == FF_STATE || i == FF_SORT ? FLD_CHOICE
			      : i == FF_FROM || i == FF_TO ? FLD_DATE : FLD_TEXT,
			.choices = i == FF_STATE ? states : i == FF_SORT ? sorts : NULL,
			.pick = i == FF_CELL ? pick_cell : NULL, .maxlen = 60,
			.label_of = i == FF_STATE ? state_words : NULL };
	ts->fform = (struct form){ .id = "tasks.filter", .title = N_("Filter the queues"), .fields = ts->ffields,
				   .n = FF_COUNT, .owner = ts, .save = filter_save, .close = filter_close };
	form_init(&ts->fform);
}

static void setup_new(struct taskscreen *ts)
{
	static const char *const keys[NF_COUNT] = { "source", "cell", "category", "title", "description",
						    "address", "priority", "reporter" };
	static const char *const labels[NF_COUNT] = { N_("Source"), N_("Grid cell"), N_("Category"),
		N_("Title"), N_("Description"), N_("Address"), N_("Priority"), N_("Reporter") };
	static const char *const hints[NF_COUNT] = { N_("Space changes it"), N_("F4 or type to pick"),
		N_("type pinyin initials, Chinese or a code"), N_("what is wrong, in a few words"),
		N_("details"), N_("building, unit, room or place"), N_("Space changes it"),
		N_("F4 picks a resident; or type who reported it") };
	for (int i = 0; i < NF_COUNT; i++)
		ts->nfields[i] = (struct form_field){ .key = keys[i], .label = labels[i], .hint = hints[i],
			.type = i == NF_SOURCE || i == NF_PRIORITY ? FLD_CHOICE : i == NF_CELL || i == NF_CATEGORY
			      ? FLD_REF : FLD_TEXT,
			.required = i == NF_CELL || i == NF_CATEGORY || i == NF_TITLE,
			.choices = i == NF_SOURCE ? sources : i == NF_PRIORITY ? priorities : NULL,
			.pick = i == NF_CELL ? pick_cell : i == NF_CATEGORY ? pick_category
			      : i == NF_REPORTER ? pick_reporter : NULL,
			.maxlen = i == NF_DESCRIPTION ? 2000 : 100,
			.label_of = i == NF_SOURCE ? source_words : i == NF_PRIORITY ? priority_words : NULL };
	ts->nform = (struct form){ .id = "tasks.new", .title = N_("New case"), .fields = ts->nfields,
				   .n = NF_COUNT, .owner = ts, .save = new_save, .close = any_close };
	form_init(&ts->nform);
}

void tasks_forms_init(struct taskscreen *ts)
{
	setup_new(ts);
	setup_filter(ts);
	ts->mform = (struct form){ .id = "tasks.move", .fields = ts->mfields, .n = 0, .owner = ts,
				   .save = move_save, .close = any_close };
}

void tasks_forms_free(struct taskscreen *ts)
{
	form_free(&ts->nform);
	form_free(&ts->mform);
	form_free(&ts->fform);
}
