/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 5, the joint conferences pane (联席会议): conferences newest first; F2 records one
 * (who met, the escalated cases before it); Enter shows it with its cases, and F5 on a case
 * records the decision: to whom it goes, with what deadline, and a follow-up case. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/conference.h>
#include <wangge/i18n.h>
#include <wangge/task.h>
#include "forces-pane.h"

enum { CF_DATE, CF_TOPIC, CF_CONVENER, CF_PLACE, CF_PARTIES, CF_CASES, CF_COUNT };
enum { DF_TO, DF_DECISION, DF_DEADLINE, DF_FOLLOW, DF_COUNT };
enum meetings_mode { MM_LIST, MM_DETAIL, MM_FORM, MM_DECIDE };

#define MAX_PARTS 64
#define MAX_PENDING 32

struct meetings {
	enum meetings_mode mode;
	struct frows r;
	struct wg_conference *rows;
	int cap;
	struct wg_conference_detail d;   /* the conference shown */
	int64_t shown;
	struct frows cases;              /* its cases, one selected */
	char pending[MAX_PENDING][WG_TASK_NUMBER_SIZE]; /* escalated cases offered by F4 */
	char items[MAX_PENDING][256];
	int npending;
	struct form form, decide;
	struct form_field fields[CF_COUNT], dfields[DF_COUNT];
};

static const enum ui_act list_bar[] = { ACT_HELP, ACT_NEW, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act detail_bar[] = { ACT_HELP, ACT_DISPATCH, ACT_BACK, ACT_MENU, ACT_QUIT,
					  ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_CANCEL, ACT_NONE };

static int keep_conference(void *arg, const struct wg_conference *c)
{
	struct meetings *ms = arg;
	if (ms->r.n == ms->cap) {
		struct wg_conference *more = realloc(ms->rows, (size_t)(ms->cap = ms->cap ? 2 * ms->cap : 32) *
							       sizeof *more);
		if (!more)
			return WG_EIO;
		ms->rows = more;
	}
	ms->rows[ms->r.n++] = *c;
	return WG_OK;
}

static bool load_detail(struct ui *ui, struct meetings *ms, int64_t id)
{
	struct wg_conference_detail d;
	if (wg_conference_load(ui->ctx, id, &d) != WG_OK)
		return ui_core_error(ui), false;
	wg_conference_detail_free(&ms->d);
	ms->d = d;
	ms->shown = id;
	ms->cases.n = d.c.ncases;
	return true;
}

static void meetings_reload(struct ui *ui, void *st)
{
	struct meetings *ms = st;
	ms->r.n = 0;
	if (wg_conference_list(ui->ctx, NULL, NULL, keep_conference, ms) != WG_OK)
		ui_core_error(ui);
	if ((ms->mode == MM_DETAIL || ms->mode == MM_DECIDE) && !load_detail(ui, ms, ms->shown))
		ms->mode = MM_LIST;
}

/* ---- Recording a conference ---- */

static void picked_party(struct ui *ui, void *arg, const struct wg_handler *h)
{
	struct meetings *ms = arg;
	char spec[300];
	snprintf(spec, sizeof spec, "%s:%s", wg_handler_kind_label(h->kind), h->name);
	if (ms->mode == MM_DECIDE) /* one handler takes a case on: the choice replaces the field */
		forces_put(ui, &ms->decide, DF_TO, spec);
	else
		forces_append(ui, &ms->form, CF_PARTIES, spec);
}

static int keep_pending(void *arg, const char *number, const char *title, const char *date)
{
	struct meetings *ms = arg;
	if (ms->npending >= MAX_PENDING)
		return WG_OK;
	snprintf(ms->pending[ms->npending], sizeof ms->pending[0], "%s", number);
	snprintf(ms->items[ms->npending], sizeof ms->items[0], "%c %s %s%s%s",
		 ms->npending < 9 ? '1' + ms->npending : ' ', number, title, *date ? "  " : "", date);
	ms->npending++;
	return WG_OK;
}

static int case_picked(struct ui *ui, void *arg, int index)
{
	struct meetings *ms = arg;
	forces_append(ui, &ms->form, CF_CASES, ms->pending[index]);
	return UI_REDRAW;
}

static void conf_pick(struct ui *ui, struct form *f, int field, const char *typed)
{
	struct meetings *ms = f->owner;
	(void)typed;
	if (field != CF_CASES) {
		handler_pick(ui, "", picked_party, ms);
		return;
	}
	ms->npending = 0;
	if (wg_conference_pending(ui->ctx, keep_pending, ms) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	if (!ms->npending) {
		ui_message(ui, true, "%s", _("No case is escalated to a conference (F6 on a case, "
					     "then 上会, escalates one)."));
		return;
	}
	choice_menu_open(ui, _("Escalated cases"), ms->items, ms->npending, case_picked, ms);
}

static int conf_save(struct ui *ui, struct form *f)
{
	char v[CF_COUNT][2048];
	const char *parties[MAX_PARTS], *cases[MAX_PARTS];
	int64_t id;
	for (int i = 0; i < CF_COUNT; i++)
		form_value(f, i, v[i], sizeof v[i]);
	struct wg_conference_new in = {
		.date = v[CF_DATE], .topic = v[CF_TOPIC], .convener = v[CF_CONVENER],
		.place = v[CF_PLACE], .parties = parties,
		.nparties = forces_split(v[CF_PARTIES], parties, MAX_PARTS), .cases = cases,
		.ncases = forces_split(v[CF_CASES], cases, MAX_PARTS) };
	if (wg_conference_add(ui->ctx, &in, &id) != WG_OK) {
		const char *e = wg_error(ui->ctx);
		form_error(f, strstr(e, "case") || strstr(e, "案件") ? CF_CASES : CF_PARTIES, "%s", e);
		return ui_core_error(ui), WG_EINVAL;
	}
	ui_message(ui, false, _("Conference of %s recorded: %s"), v[CF_DATE], v[CF_TOPIC]);
	return WG_OK;
}

static void conf_closed(struct ui *ui, struct form *f, bool saved)
{
	struct meetings *ms = f->owner;
	(void)saved;
	ms->mode = MM_LIST;
	meetings_reload(ui, ms);
}

/* ---- Deciding a case ---- */

static void decide_pick(struct ui *ui, struct form *f, int field, const char *typed)
{
	(void)field;
	handler_pick(ui, typed, picked_party, f->owner);
}

static int decide_save(struct ui *ui, struct form *f)
{
	struct meetings *ms = f->owner;
	const struct wg_conference_case *c = &ms->d.cases[ms->cases.sel];
	char v[DF_COUNT][2048], follow[WG_TASK_NUMBER_SIZE];
	for (int i = 0; i < DF_COUNT; i++)
		form_value(f, i, v[i], sizeof v[i]);
	struct wg_conference_decision in = {
		.case_ref = c->number, .to = v[DF_TO], .decision = v[DF_DECISION],
		.deadline = *v[DF_DEADLINE] ? v[DF_DEADLINE] : NULL,
		.follow_up = *v[DF_FOLLOW] ? v[DF_FOLLOW] : NULL };
	if (wg_conference_decide(ui->ctx, ms->shown, &in, follow) != WG_OK) {
		const char *e = wg_error(ui->ctx);
		form_error(f, strstr(e, "deadline") || strstr(e, "期限") ? DF_DEADLINE
			   : !*v[DF_DECISION] ? DF_DECISION : DF_TO, "%s", e);
		return ui_core_error(ui), WG_EINVAL;
	}
	if (*follow)
		ui_message(ui, false, _("%s decided and dispatched; follow-up case %s"), c->number, follow);
	else
		ui_message(ui, false, _("%s decided and dispatched"), c->number);
	return WG_OK;
}

static void decide_closed(struct ui *ui, struct form *f, bool saved)
{
	struct meetings *ms = f->owner;
	(void)saved;
	ms->mode = MM_DETAIL;
	meetings_reload(ui, ms);
}

static void setup_forms(struct meetings *ms)
{
	static const char *const keys[CF_COUNT] = { "date", "topic", "convener", "place", "parties",
						    "cases" };
	static const char *const labels[CF_COUNT] = { N_("Date"), N_("Topic"), N_("Convener"),
						      N_("Place"), N_("Parties"), N_("Cases") };
	static const char *const hints[CF_COUNT] = {
		N_("YYYY-MM-DD"), N_("what the conference is about, one line"),
		N_("who called it, if said"), N_("where it met, if said"),
		N_("who took part: organizations, social workers, teams, grid workers, dept:NAME or "
		   "resident:NAME, separated by ；; F4 adds one"),
		N_("the escalated cases brought to it, by number, separated by ；; F4 lists them") };
	static const char *const dkeys[DF_COUNT] = { "to", "decision", "deadline", "follow_up" };
	static const char *const dlabels[DF_COUNT] = { N_("Goes to"), N_("Decision"), N_("Deadline"),
						       N_("Follow-up") };
	static const char *const dhints[DF_COUNT] = {
		N_("who takes the case on; F4 picks a handler"), N_("what the conference decided"),
		N_("YYYY-MM-DD: due by the end of that day; empty: the category's time limit"),
		N_("a title for a new case in the same cell and category, if one is needed") };
	for (int i = 0; i < CF_COUNT; i++)
		ms->fields[i] = (struct form_field){
			.key = keys[i], .label = labels[i], .hint = hints[i],
			.type = i == CF_DATE ? FLD_DATE : FLD_TEXT,
			.required = i == CF_DATE || i == CF_TOPIC,
			.maxlen = i >= CF_PARTIES ? 1000 : 100,
			.pick = i >= CF_PARTIES ? conf_pick : NULL };
	for (int i = 0; i < DF_COUNT; i++)
		ms->dfields[i] = (struct form_field){
			.key = dkeys[i], .label = dlabels[i], .hint = dhints[i],
			.type = i == DF_DEADLINE ? FLD_DATE : FLD_TEXT,
			.required = i == DF_TO || i == DF_DECISION, .maxlen = 200,
			.pick = i == DF_TO ? decide_pick : NULL };
	ms->form = (struct form){ .id = "forces.conference", .title = N_("Joint conference"),
				  .fields = ms->fields, .n = CF_COUNT, .owner = ms, .save = conf_save,
				  .close = conf_closed };
	ms->decide = (struct form){ .id = "forces.decision", .title = N_("Decision"),
				    .fields = ms->dfields, .n = DF_COUNT, .owner = ms,
				    .save = decide_save, .close = decide_closed };
	form_init(&ms->form);
	form_init(&ms->decide);
}

static int open_conf_form(struct ui *ui, struct meetings *ms)
{
	char today[16];
	if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Recording joint conferences")) != WG_OK)
		return ui_core_error(ui);
	form_clear(&ms->form, false);
	wg_format_time(wg_now(ui->ctx), "%Y-%m-%d", today, sizeof today);
	form_set(&ms->form, CF_DATE, today);
	ms->form.dirty = false;
	ms->form.cur = 1;
	ms->mode = MM_FORM;
	return UI_REDRAW;
}

static int open_decide(struct ui *ui, struct meetings *ms)
{
	if (!ms->cases.n)
		return UI_IGNORED;
	const struct wg_conference_case *c = &ms->d.cases[ms->cases.sel];
	if (*c->decision) {
		ui_message(ui, true, _("%s was decided: %s"), c->number, c->decision);
		return UI_REDRAW;
	}
	if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Recording joint conferences")) != WG_OK)
		return ui_core_error(ui);
	form_clear(&ms->decide, false);
	ms->decide.title = N_("Decision");
	ms->decide.dirty = false;
	ms->decide.cur = 0;
	ms->mode = MM_DECIDE;
	return UI_REDRAW;
}

/* ---- Drawing ---- */

static void draw_list(struct ui *ui, struct meetings *ms, WINDOW *w, int h, int wd)
{
	static const int widths[] = { 10, 34, 10, 80 };
	char line[600], cases[32];
	const char *head[] = { _("Date"), _("Topic"), _("Decided"), _("Convener") };
	forces_columns(line, sizeof line, head, widths, 4);
	draw_text(w, 0, 0, line, wd, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (!ms->r.n)
		draw_text(w, 2, 2, _("No joint conferences yet: F2 records one."), wd - 4,
			  draw_attr(ui, ROLE_DIM));
	frows_scroll(&ms->r, h - 1);
	for (int i = ms->r.top; i < ms->r.n && i - ms->r.top < h - 1; i++) {
		const struct wg_conference *c = &ms->rows[i];
		snprintf(cases, sizeof cases, "%d/%d", c->ndecided, c->ncases);
		const char *cols[] = { c->date, c->topic, cases, c->convener };
		forces_columns(line, sizeof line, cols, widths, 4);
		frows_line(ui, w, 1 + i - ms->r.top, wd, line, i == ms->r.sel);
	}
}

static void draw_detail(struct ui *ui, struct meetings *ms, WINDOW *w, int h, int wd)
{
	const struct wg_conference_detail *d = &ms->d;
	char parties[1024] = "", line[700];
	size_t len = 0;
	int y = 0;
	for (int i = 0; i < d->c.nparties && len < sizeof parties; i++) {
		enum wg_handler_kind k = WG_HK_NONE;
		wg_handler_kind_parse(d->parties[i].kind, &k);
		int n = snprintf(parties + len, sizeof parties - len, "%s%s%s%s", i ? "、" : "",
				 k ? wg_handler_kind_label(k) : "", k ? " " : "", d->parties[i].name);
		len += n > 0 ? (size_t)n : 0;
	}
	const char *labels[] = { _("Date"), _("Topic"), _("Convener"), _("Place"), _("Parties") };
	const char *texts[] = { d->c.date, d->c.topic, d->c.convener, d->c.place, parties };
	for (int i = 0; i < 5; i++, y++) {
		draw_text(w, y, 2, labels[i], 12, draw_attr(ui, ROLE_LABEL));
		draw_text(w, y, 15, texts[i], wd - 16, (int)A_NORMAL);
	}
	draw_text(w, ++y, 2, _("Cases before it (F5 records the decision on the one selected)"),
		  wd - 4, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	y++;
	frows_scroll(&ms->cases, h - y);
	for (int i = ms->cases.top; i < ms->cases.n && y < h; i++, y++) {
		const struct wg_conference_case *c = &d->cases[i];
		snprintf(line, sizeof line, "%s  %.200s  [%s]  %.300s%s%s", c->number, c->title,
			 wg_task_state_label(c->state), *c->decision ? c->decision : _("not decided yet"),
			 *c->follow_up ? _("; follow-up ") : "", c->follow_up);
		frows_line(ui, w, y, wd, line, i == ms->cases.sel);
	}
}

/* ---- The pane ---- */

static void *meetings_open(struct ui *ui)
{
	struct meetings *ms = calloc(1, sizeof *ms);
	if (!ms)
		return NULL;
	setup_forms(ms);
	meetings_reload(ui, ms);
	return ms;
}

static void meetings_draw(struct ui *ui, void *st, WINDOW *w)
{
	struct meetings *ms = st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (ms->mode == MM_FORM || ms->mode == MM_DECIDE)
		form_draw(ui, ms->mode == MM_FORM ? &ms->form : &ms->decide, w, 0, 1, h, wd - 2);
	else if (ms->mode == MM_DETAIL)
		draw_detail(ui, ms, w, h, wd);
	else
		draw_list(ui, ms, w, h, wd);
}

static int meetings_key(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct meetings *ms = st;
	if (ms->mode == MM_FORM || ms->mode == MM_DECIDE) {
		int r = form_key(ui, ms->mode == MM_FORM ? &ms->form : &ms->decide, act, k);
		return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
	}
	if (ms->mode == MM_DETAIL) {
		if (act == ACT_BACK) {
			ms->mode = MM_LIST;
			return UI_REDRAW;
		}
		return act == ACT_DISPATCH || act == ACT_OPEN ? open_decide(ui, ms)
							      : frows_key(&ms->cases, act, 10);
	}
	switch (act) {
	case ACT_NEW: return open_conf_form(ui, ms);
	case ACT_OPEN:
		if (ms->r.n && load_detail(ui, ms, ms->rows[ms->r.sel].id)) {
			ms->mode = MM_DETAIL;
			ms->cases.sel = ms->cases.top = 0;
		}
		return UI_REDRAW;
	default: return frows_key(&ms->r, act, 10);
	}
}

static const enum ui_act *meetings_bar(void *st)
{
	struct meetings *ms = st;
	return ms->mode == MM_FORM || ms->mode == MM_DECIDE ? form_bar
	       : ms->mode == MM_DETAIL ? detail_bar : list_bar;
}

static struct form *meetings_form(void *st)
{
	struct meetings *ms = st;
	return ms->mode == MM_FORM ? &ms->form : ms->mode == MM_DECIDE ? &ms->decide : NULL;
}

static bool meetings_at_list(void *st)
{
	return ((struct meetings *)st)->mode == MM_LIST;
}

static void meetings_close(void *st)
{
	struct meetings *ms = st;
	wg_conference_detail_free(&ms->d);
	form_free(&ms->form);
	form_free(&ms->decide);
	free(ms->rows);
	free(ms);
}

const struct forces_pane forces_meetings_pane = {
	.label = N_("Joint conferences"), .open = meetings_open, .reload = meetings_reload,
	.draw = meetings_draw, .key = meetings_key, .bar = meetings_bar, .form = meetings_form,
	.at_list = meetings_at_list, .close = meetings_close,
};
