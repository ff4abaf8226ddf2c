/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 5, the teams pane: volunteer teams with their leading social worker, cell, members
 * and the skills their members bring; F2 adds a team, F4 or Enter changes one. */
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

struct team_row {
	char name[128], leader[96], cell[32], members[1024], skills[256], notes[512];
};

struct teams {
	struct frows r;
	struct team_row *rows;
	int cap;
	bool in_form;
	char was[1024];                 /* the team being changed, by name; "" new */
	struct form form;
	struct form_field fields[WG_TF_COUNT];
};

static const enum ui_act list_bar[] = { ACT_HELP, ACT_NEW, ACT_EDIT, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_CANCEL, ACT_NONE };

static int keep_team(void *arg, const struct wg_team *t)
{
	struct teams *ts = arg;
	if (ts->r.n == ts->cap) {
		struct team_row *more = realloc(ts->rows, (size_t)(ts->cap = ts->cap ? 2 * ts->cap : 32) *
							  sizeof *more);
		if (!more)
			return WG_EIO;
		ts->rows = more;
	}
	struct team_row *row = &ts->rows[ts->r.n++];
	snprintf(row->name, sizeof row->name, "%s", t->name);
	snprintf(row->leader, sizeof row->leader, "%s", t->leader);
	snprintf(row->cell, sizeof row->cell, "%s", t->cell_code);
	snprintf(row->members, sizeof row->members, "%s", t->members);
	snprintf(row->skills, sizeof row->skills, "%s", t->skills);
	snprintf(row->notes, sizeof row->notes, "%s", t->notes);
	return WG_OK;
}

static void teams_reload(struct ui *ui, void *st)
{
	struct teams *ts = st;
	ts->r.n = 0;
	if (wg_team_each(ui->ctx, keep_team, ts) != WG_OK)
		ui_core_error(ui);
}

/* ---- The form: the register's own checks (wg_team_save) ---- */

static void picked_leader(struct ui *ui, void *arg, const char *name)
{
	forces_put(ui, &((struct teams *)arg)->form, WG_TF_LEADER, name);
}

static void picked_member(struct ui *ui, void *arg, const char *name)
{
	forces_append(ui, &((struct teams *)arg)->form, WG_TF_MEMBERS, name);
}

static void picked_cell(struct ui *ui, void *arg, int64_t id, const char *code, const char *label)
{
	struct teams *ts = arg;
	(void)id, (void)label;
	forces_put(ui, &ts->form, WG_TF_CELL, code);
}

static void team_pick(struct ui *ui, struct form *f, int field, const char *typed)
{
	struct teams *ts = f->owner;
	if (field == WG_TF_CELL)
		cell_pick(ui, typed, picked_cell, ts);
	else if (field == WG_TF_LEADER)
		handler_pick_kind(ui, WG_HK_SOCIALWORKER, typed, picked_leader, ts);
	else
		handler_pick_kind(ui, WG_HK_VOLUNTEER, "", picked_member, ts);
}

static int team_save(struct ui *ui, struct form *f)
{
	struct teams *ts = f->owner;
	char v[WG_TF_COUNT][1024];
	const char *in[WG_TF_COUNT];
	enum wg_team_field bad;
	for (int i = 0; i < WG_TF_COUNT; i++)
		in[i] = form_value(f, i, v[i], sizeof v[i]);
	if (wg_team_save(ui->ctx, *ts->was ? ts->was : NULL, in, &bad) != WG_OK) {
		if (bad < WG_TF_COUNT)
			form_error(f, (int)bad, "%s", wg_error(ui->ctx));
		return ui_core_error(ui), WG_EINVAL;
	}
	ui_message(ui, false, _("Saved: %s"), v[WG_TF_NAME]);
	snprintf(ts->was, sizeof ts->was, "%s", v[WG_TF_NAME]);
	return WG_OK;
}

static void team_close(struct ui *ui, struct form *f, bool saved)
{
	struct teams *ts = f->owner;
	(void)saved;
	ts->in_form = false;
	teams_reload(ui, ts);
}

static void setup_form(struct teams *ts)
{
	static const char *const keys[WG_TF_COUNT] = { "name", "leader", "cell_code", "members", "notes" };
	static const char *const labels[WG_TF_COUNT] = { N_("Team"), N_("Led by"), N_("Grid cell"),
							 N_("Members"), N_("Notes") };
	static const char *const hints[WG_TF_COUNT] = {
		N_("the team's name, up to 40 characters"),
		N_("the social worker who leads it; F4 picks one"),
		N_("the cell it serves, if one; F4 picks it"),
		N_("volunteers by number or name, separated by ；; F4 adds one; one taken out leaves"),
		N_("anything else, up to 500 characters") };
	for (int i = 0; i < WG_TF_COUNT; i++)
		ts->fields[i] = (struct form_field){
			.key = keys[i], .label = labels[i], .hint = hints[i], .type = FLD_TEXT,
			.required = i == WG_TF_NAME, .maxlen = i == WG_TF_NAME ? 40 : 500,
			.pick = i == WG_TF_LEADER || i == WG_TF_CELL || i == WG_TF_MEMBERS ? team_pick : NULL };
	ts->form = (struct form){ .id = "forces.team", .title = N_("Team"), .fields = ts->fields,
				  .n = WG_TF_COUNT, .owner = ts, .save = team_save, .close = team_close };
	form_init(&ts->form);
}

static int open_form(struct ui *ui, struct teams *ts, const struct team_row *row)
{
	if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Importing teams")) != WG_OK)
		return ui_core_error(ui);
	form_clear(&ts->form, false);
	ts->was[0] = '\0';
	if (row) {
		const char *v[WG_TF_COUNT] = { row->name, row->leader, row->cell, row->members, row->notes };
		for (int i = 0; i < WG_TF_COUNT; i++)
			form_set(&ts->form, i, v[i]);
		snprintf(ts->was, sizeof ts->was, "%s", row->name);
	}
	ts->form.record_id = row ? 1 : 0; /* a team changed: Tab steps over no field it holds */
	ts->form.title = row ? N_("Change team") : N_("New team");
	ts->form.dirty = false;
	ts->form.cur = 0;
	ts->in_form = true;
	return UI_REDRAW;
}

/* ---- The pane ---- */

static void *teams_open(struct ui *ui)
{
	struct teams *ts = calloc(1, sizeof *ts);
	if (!ts)
		return NULL;
	setup_form(ts);
	teams_reload(ui, ts);
	return ts;
}

static int members_count(const char *members)
{
	int n = *members ? 1 : 0;
	for (const char *p = members; *p; p++)
		n += *p == ';';
	return n;
}

static void teams_draw(struct ui *ui, void *st, WINDOW *w)
{
	struct teams *ts = st;
	static const int widths[] = { 18, 10, 16, 6, 80 };
	char line[600], count[16];
	int h, wd;
	getmaxyx(w, h, wd);
	if (ts->in_form) {
		form_draw(ui, &ts->form, w, 0, 1, h, wd - 2);
		return;
	}
	const char *head[] = { _("Team"), _("Led by"), _("Grid cell"), _("Members"), _("Skills") };
	forces_columns(line, sizeof line, head, widths, 5);
	draw_text(w, 0, 0, line, wd, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (!ts->r.n)
		draw_text(w, 2, 2, _("No volunteer teams yet: F2 adds one."), wd - 4, draw_attr(ui, ROLE_DIM));
	frows_scroll(&ts->r, h - 1);
	for (int i = ts->r.top; i < ts->r.n && i - ts->r.top < h - 1; i++) {
		const struct team_row *row = &ts->rows[i];
		snprintf(count, sizeof count, "%d", members_count(row->members));
		const char *cols[] = { row->name, row->leader, row->cell, count, row->skills };
		forces_columns(line, sizeof line, cols, widths, 5);
		frows_line(ui, w, 1 + i - ts->r.top, wd, line, i == ts->r.sel);
	}
}

static int teams_key(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct teams *ts = st;
	if (ts->in_form) {
		int r = form_key(ui, &ts->form, act, k);
		return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
	}
	switch (act) {
	case ACT_NEW: return open_form(ui, ts, NULL);
	case ACT_EDIT:
	case ACT_OPEN: return ts->r.n ? open_form(ui, ts, &ts->rows[ts->r.sel]) : UI_IGNORED;
	default: return frows_key(&ts->r, act, 10);
	}
}

static const enum ui_act *teams_bar(void *st)
{
	return ((struct teams *)st)->in_form ? form_bar : list_bar;
}

static struct form *teams_form(void *st)
{
	struct teams *ts = st;
	return ts->in_form ? &ts->form : NULL;
}

static bool teams_at_list(void *st)
{
	return !((struct teams *)st)->in_form;
}

static void teams_close(void *st)
{
	struct teams *ts = st;
	form_free(&ts->form);
	free(ts->rows);
	free(ts);
}

const struct forces_pane forces_teams_pane = {
	.label = N_("Teams"), .open = teams_open, .reload = teams_reload, .draw = teams_draw,
	.key = teams_key, .bar = teams_bar, .form = teams_form, .at_list = teams_at_list,
	.close = teams_close,
};
