/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 5, the service projects pane (政府购买服务): each project with its organization,
 * period, status and progress; Enter shows it whole, F2 adds one, F4 changes one. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/task.h>
#include "forces-pane.h"

#define TEXT 512

struct project_row {
	int64_t id;
	char v[WG_PF_COUNT][TEXT];       /* as the form shows them */
	int64_t minutes, targets[3];
	int volunteers, elapsed;
};

enum projects_mode { JM_LIST, JM_DETAIL, JM_FORM };

struct projects {
	enum projects_mode mode;
	struct frows r;
	struct project_row *rows;
	int cap;
	int64_t was;                     /* the project being changed; 0 new */
	struct form form;
	struct form_field fields[WG_PF_COUNT];
};

static const enum ui_act list_bar[] = { ACT_HELP, ACT_NEW, ACT_EDIT, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act detail_bar[] = { ACT_HELP, ACT_EDIT, ACT_BACK, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_CANCEL, ACT_NONE };

static int keep_project(void *arg, const struct wg_project *p)
{
	struct projects *ps = arg;
	if (ps->r.n == ps->cap) {
		struct project_row *more = realloc(ps->rows, (size_t)(ps->cap = ps->cap ? 2 * ps->cap : 16) *
							     sizeof *more);
		if (!more)
			return WG_EIO;
		ps->rows = more;
	}
	struct project_row *row = &ps->rows[ps->r.n++];
	memset(row, 0, sizeof *row);
	row->id = p->id;
	snprintf(row->v[WG_PF_NAME], TEXT, "%s", p->name);
	snprintf(row->v[WG_PF_ORG], TEXT, "%s", p->org);
	snprintf(row->v[WG_PF_PURCHASER], TEXT, "%s", p->purchaser);
	if (p->has_budget)
		snprintf(row->v[WG_PF_BUDGET], TEXT, "%lld.%02lld", (long long)(p->budget_cents / 100),
			 (long long)(p->budget_cents % 100));
	snprintf(row->v[WG_PF_START], TEXT, "%s", p->start_date);
	snprintf(row->v[WG_PF_END], TEXT, "%s", p->end_date);
	for (int k = 0; k < 3; k++) {
		row->targets[k] = p->targets[k];
		if (p->targets[k])
			snprintf(row->v[WG_PF_HOURS + k], TEXT, "%lld", (long long)p->targets[k]);
	}
	snprintf(row->v[WG_PF_STATUS], TEXT, "%s", strcmp(p->status, "closed") ? "执行中" : "结项");
	snprintf(row->v[WG_PF_DESC], TEXT, "%s", p->description);
	row->minutes = p->minutes_served;
	row->volunteers = p->volunteers;
	row->elapsed = p->elapsed_pct;
	return WG_OK;
}

static void projects_reload(struct ui *ui, void *st)
{
	struct projects *ps = st;
	ps->r.n = 0;
	if (wg_project_each(ui->ctx, 0, keep_project, ps) != WG_OK)
		ui_core_error(ui);
	if (ps->mode == JM_DETAIL && ps->r.sel >= ps->r.n)
		ps->mode = JM_LIST;
}

/* ---- The form ---- */

static char status_items[2][256];

static void picked_org(struct ui *ui, void *arg, const char *name)
{
	forces_put(ui, &((struct projects *)arg)->form, WG_PF_ORG, name);
}

static int status_picked(struct ui *ui, void *arg, int index)
{
	forces_put(ui, &((struct projects *)arg)->form, WG_PF_STATUS, index ? "结项" : "执行中");
	return UI_REDRAW;
}

static void project_pick(struct ui *ui, struct form *f, int field, const char *typed)
{
	if (field == WG_PF_ORG) {
		handler_pick_kind(ui, WG_HK_ORG, typed, picked_org, f->owner);
		return;
	}
	snprintf(status_items[0], sizeof status_items[0], "1 %s", _("执行中 (running)"));
	snprintf(status_items[1], sizeof status_items[1], "2 %s", _("结项 (closed)"));
	choice_menu_open(ui, _("Status"), status_items, 2, status_picked, f->owner);
}

static int project_save(struct ui *ui, struct form *f)
{
	struct projects *ps = f->owner;
	char v[WG_PF_COUNT][TEXT];
	const char *in[WG_PF_COUNT];
	enum wg_project_field bad;
	for (int i = 0; i < WG_PF_COUNT; i++)
		in[i] = form_value(f, i, v[i], sizeof v[i]);
	if (wg_project_save(ui->ctx, ps->was, in, &bad) != WG_OK) {
		if (bad < WG_PF_COUNT)
			form_error(f, (int)bad, "%s", wg_error(ui->ctx));
		return ui_core_error(ui), WG_EINVAL;
	}
	ui_message(ui, false, _("Saved: %s"), v[WG_PF_NAME]);
	return WG_OK;
}

static void project_closed(struct ui *ui, struct form *f, bool saved)
{
	struct projects *ps = f->owner;
	(void)saved;
	ps->mode = JM_LIST;
	projects_reload(ui, ps);
}

static void setup_form(struct projects *ps)
{
	static const char *const keys[WG_PF_COUNT] = { "name", "org", "purchaser", "budget",
						       "start_date", "end_date", "target_hours",
						       "target_people", "target_cases", "status",
						       "description" };
	static const char *const labels[WG_PF_COUNT] = {
		N_("Project"), N_("Organization"), N_("Purchaser"), N_("Budget (yuan)"), N_("Starts"),
		N_("Ends"), N_("Target hours"), N_("Target people"), N_("Target cases"), N_("Status"),
		N_("Description") };
	static const char *const hints[WG_PF_COUNT] = {
		N_("the project's name, as in the contract"),
		N_("the organization that carries it out; F4 picks it"),
		N_("who buys the service, such as the street office"),
		N_("yuan, such as 120000 or 1200.50"), N_("YYYY-MM-DD"), N_("YYYY-MM-DD"),
		N_("hours of service the contract asks for"), N_("people to be served"),
		N_("cases to be handled"), N_("执行中 (running) or 结项 (closed); F4 lists them"),
		N_("what the project does") };
	for (int i = 0; i < WG_PF_COUNT; i++)
		ps->fields[i] = (struct form_field){
			.key = keys[i], .label = labels[i], .hint = hints[i],
			.type = i == WG_PF_START || i == WG_PF_END ? FLD_DATE : FLD_TEXT,
			.required = i == WG_PF_NAME || i == WG_PF_ORG,
			.maxlen = i == WG_PF_DESC ? 500 : 100,
			.pick = i == WG_PF_ORG || i == WG_PF_STATUS ? project_pick : NULL };
	ps->form = (struct form){ .id = "forces.project", .title = N_("Service project"),
				  .fields = ps->fields, .n = WG_PF_COUNT, .owner = ps,
				  .save = project_save, .close = project_closed };
	form_init(&ps->form);
}

static int open_form(struct ui *ui, struct projects *ps, const struct project_row *row)
{
	if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Importing service projects")) != WG_OK)
		return ui_core_error(ui);
	form_clear(&ps->form, false);
	for (int i = 0; row && i < WG_PF_COUNT; i++)
		form_set(&ps->form, i, row->v[i]);
	if (!row)
		form_set(&ps->form, WG_PF_STATUS, "执行中");
	ps->was = row ? row->id : 0;
	ps->form.record_id = ps->was;
	ps->form.title = row ? N_("Change service project") : N_("New service project");
	ps->form.dirty = false;
	ps->form.cur = 0;
	ps->mode = JM_FORM;
	return UI_REDRAW;
}

/* ---- Drawing ---- */

/* "12.5/400 h (3%)", or the hours alone without a target. */
static void progress(const struct project_row *row, char *out, size_t outsz)
{
	int pct = wg_progress_pct(row->minutes, row->targets[0] * 60);
	if (pct < 0)
		snprintf(out, outsz, "%.1f h", row->minutes / 60.0);
	else
		snprintf(out, outsz, "%.1f/%lld h (%d%%)", row->minutes / 60.0, (long long)row->targets[0],
			 pct);
}

static void draw_list(struct ui *ui, struct projects *ps, WINDOW *w, int h, int wd)
{
	static const int widths[] = { 18, 14, 21, 6, 80 };
	char line[700], period[64], done[64];
	const char *head[] = { _("Project"), _("Organization"), _("Period"), _("Status"),
			       _("Hours served") };
	forces_columns(line, sizeof line, head, widths, 5);
	draw_text(w, 0, 0, line, wd, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (!ps->r.n)
		draw_text(w, 2, 2, _("No service projects yet: F2 adds one."), wd - 4, draw_attr(ui, ROLE_DIM));
	frows_scroll(&ps->r, h - 1);
	for (int i = ps->r.top; i < ps->r.n && i - ps->r.top < h - 1; i++) {
		const struct project_row *row = &ps->rows[i];
		snprintf(period, sizeof period, "%.12s~%.12s", row->v[WG_PF_START], row->v[WG_PF_END]);
		progress(row, done, sizeof done);
		const char *cols[] = { row->v[WG_PF_NAME], row->v[WG_PF_ORG], period, row->v[WG_PF_STATUS],
				       done };
		forces_columns(line, sizeof line, cols, widths, 5);
		frows_line(ui, w, 1 + i - ps->r.top, wd, line, i == ps->r.sel);
	}
}

static void draw_detail(struct ui *ui, struct projects *ps, WINDOW *w, int h, int wd)
{
	const struct project_row *row = &ps->rows[ps->r.sel];
	char text[200];
	int y = 1;
	for (int i = 0; i < WG_PF_COUNT && y < h; i++, y++) {
		draw_text(w, y, 2, _(ps->fields[i].label), 14, draw_attr(ui, ROLE_LABEL));
		draw_text(w, y, 17, row->v[i], wd - 18, (int)A_NORMAL);
	}
	progress(row, text, sizeof text);
	snprintf(text + strlen(text), sizeof text - strlen(text), _(", %d volunteers served"),
		 row->volunteers);
	if (row->elapsed >= 0)
		snprintf(text + strlen(text), sizeof text - strlen(text), _("; %d%% of the period gone"),
			 row->elapsed);
	draw_text(w, ++y, 2, _("Progress"), 14, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	draw_text(w, y, 17, text, wd - 18, (int)A_NORMAL);
}

/* ---- The pane ---- */

static void *projects_open(struct ui *ui)
{
	struct projects *ps = calloc(1, sizeof *ps);
	if (!ps)
		return NULL;
	setup_form(ps);
	projects_reload(ui, ps);
	return ps;
}

static void projects_draw(struct ui *ui, void *st, WINDOW *w)
{
	struct projects *ps = st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (ps->mode == JM_FORM)
		form_draw(ui, &ps->form, w, 0, 1, h, wd - 2);
	else if (ps->mode == JM_DETAIL && ps->r.sel < ps->r.n)
		draw_detail(ui, ps, w, h, wd);
	else
		draw_list(ui, ps, w, h, wd);
}

static int projects_key(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct projects *ps = st;
	const struct project_row *row = ps->r.n ? &ps->rows[ps->r.sel] : NULL;
	if (ps->mode == JM_FORM) {
		int r = form_key(ui, &ps->form, act, k);
		return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
	}
	switch (act) {
	case ACT_NEW: return ps->mode == JM_LIST ? open_form(ui, ps, NULL) : UI_IGNORED;
	case ACT_EDIT: return row ? open_form(ui, ps, row) : UI_IGNORED;
	case ACT_OPEN:
		ps->mode = row ? JM_DETAIL : JM_LIST;
		return UI_REDRAW;
	case ACT_BACK:
		if (ps->mode != JM_DETAIL)
			return UI_IGNORED;
		ps->mode = JM_LIST;
		return UI_REDRAW;
	default: return ps->mode == JM_LIST ? frows_key(&ps->r, act, 10) : UI_IGNORED;
	}
}

static const enum ui_act *projects_bar(void *st)
{
	struct projects *ps = st;
	return ps->mode == JM_FORM ? form_bar : ps->mode == JM_DETAIL ? detail_bar : list_bar;
}

static struct form *projects_form(void *st)
{
	struct projects *ps = st;
	return ps->mode == JM_FORM ? &ps->form : NULL;
}

static bool projects_at_list(void *st)
{
	return ((struct projects *)st)->mode == JM_LIST;
}

static void projects_close(void *st)
{
	struct projects *ps = st;
	form_free(&ps->form);
	free(ps->rows);
	free(ps);
}

const struct forces_pane forces_projects_pane = {
	.label = N_("Service projects"), .open = projects_open, .reload = projects_reload,
	.draw = projects_draw, .key = projects_key, .bar = projects_bar, .form = projects_form,
	.at_list = projects_at_list, .close = projects_close,
};
