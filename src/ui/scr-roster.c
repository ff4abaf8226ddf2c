/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 6: the week's roster, day by day; Enter puts a volunteer on a shift, F6 checks in and out;
 * F7 shows one community's shifts of a street's database. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wangge/i18n.h>
#include <wangge/task.h>
#include <wangge/volunteer.h>
#include <wangge/cell.h>
#include <wangge/validate.h>
#include "form.h"
#include "ui.h"

#define MAX_ON_SHIFT 40

struct roster {
	time_t monday;                       /* 00:00 of the week's Monday */
	struct wg_shift *shifts;             /* the week's, by start (a street's week may hold many) */
	int n, cap, sel, top;
	bool fresh;
	struct wg_roster_entry on[MAX_ON_SHIFT]; /* the selected shift's, for F6 */
	int non;
	char items[MAX_ON_SHIFT][256];
	int64_t assigning;                   /* the volunteer waiting for a confirmation */
	struct form *active;                 /* the form being typed: F2's shift or F6's time */
	struct form form;                    /* F2: planning a shift */
	struct form_field fields[7];
	struct form clock;                   /* F6: a time from the paper sign-in sheet */
	struct form_field clock_field[1];
	int clock_for;                       /* its volunteer: an index into on[] */
	char cell_code[40];
	struct ui_area area;                 /* the community whose shifts are shown (F7) */
};

enum { F_POST, F_CELL, F_DATE, F_START, F_END, F_NEED, F_SKILL, NFIELDS };

static const enum ui_act roster_bar[] = { ACT_HELP, ACT_NEW, ACT_STATE, ACT_FILTER, ACT_MENU,
					  ACT_QUIT, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_CANCEL, ACT_NONE };

static const char *const weekdays[] = { N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
					N_("Fri"), N_("Sat") };

static time_t monday_of(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_mday -= (tm.tm_wday + 6) % 7;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static time_t days_after(time_t t, int days)
{
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_mday += days;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

#define WEEK_NO_ROOM (-2) /* keep_shift could not grow the week: stop, and say so */

static int keep_shift(void *arg, const struct wg_shift *s)
{
	struct roster *r = arg;
	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 64;
		struct wg_shift *more = realloc(r->shifts, (size_t)cap * sizeof *more);
		if (!more)
			return WEEK_NO_ROOM;
		r->shifts = more;
		r->cap = cap;
	}
	r->shifts[r->n++] = *s;
	return WG_OK;
}

/* Reads the week again: on coming to the screen, after a change, for another week. */
static void load(struct ui *ui, struct roster *r)
{
	char from[16], to[16];
	wg_format_time(r->monday, "%Y-%m-%d", from, sizeof from);
	wg_format_time(days_after(r->monday, 6), "%Y-%m-%d", to, sizeof to);
	r->n = 0;
	int rc = wg_shift_each(ui->ctx, from, to, r->area.id, keep_shift, r);
	if (rc == WEEK_NO_ROOM)
		ui_message(ui, true, _("Out of memory: the week shows its first %d shifts; F7 shows one "
				       "community's"), r->n);
	else if (rc != WG_OK)
		ui_core_error(ui);
	if (r->sel >= r->n)
		r->sel = r->n ? r->n - 1 : 0;
	r->fresh = true;
}

static void setup_form(struct roster *r);

static void roster_refresh(struct ui *ui, struct ui_screen *s)
{
	if (s->st)
		load(ui, s->st);
}

static int roster_open(struct ui *ui, struct ui_screen *s)
{
	struct roster *r = calloc(1, sizeof *r);
	if (!r)
		return WG_EIO;
	r->monday = monday_of(wg_now(ui->ctx));
	setup_form(r);
	s->st = r;
	return WG_OK;
}

/* The line of shift i: its day (when the day changes) is drawn above it by the caller. */
static void shift_line(const struct wg_shift *s, char *out, size_t outsz)
{
	char start[8], end[8], post[80], cell[80];
	wg_format_time(s->start, "%H:%M", start, sizeof start);
	wg_format_time(s->end, "%H:%M", end, sizeof end);
	wg_text_clip(post, sizeof post, s->post, 12, WG_TEXT_PAD);
	wg_text_clip(cell, sizeof cell, s->cell_name, 10, WG_TEXT_PAD);
	snprintf(out, outsz, "%s-%s  %s %s %2d/%-2d %s", start, end, post, cell, s->assigned, s->need,
		 s->volunteers);
}

static void roster_draw(struct ui *ui, struct ui_screen *scr, WINDOW *w)
{
	struct roster *r = scr->st;
	char line[1024], from[16], to[16]; /* a whole shift line: its names may fill 800 bytes */
	int h, wd, y = 3, last_day = -1;
	getmaxyx(w, h, wd);
	if (!r)
		return;
	if (r->active) {
		form_draw(ui, r->active, w, 0, 1, h, wd - 2);
		return;
	}
	if (!r->fresh)
		load(ui, r);
	wg_format_time(r->monday, "%Y-%m-%d", from, sizeof from);
	wg_format_time(days_after(r->monday, 6), "%Y-%m-%d", to, sizeof to);
	snprintf(line, sizeof line, _("Week %s to %s"), from, to);
	draw_text(w, 0, 2, line, wd - 4, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (r->area.id) { /* beside the week: whose shifts these are */
		int used = (int)wg_text_width(line) + 4;
		community_line(ui, w, 0, used, wd - used - 2, r->area.name);
	}
	draw_text(w, 1, 2, _("Left/Right: the week before or after; Enter: put a volunteer on the "
			     "shift; F6: check in or out; F2: a new shift"), wd - 4, draw_attr(ui, ROLE_DIM));
	if (!r->n) {
		draw_text(w, y, 2, _("No shifts this week; F2 plans one."), wd - 4,
			  draw_attr(ui, ROLE_DIM));
		return;
	}
	/* Scroll so that the selected shift (and its day line) is on screen. */
	if (r->sel < r->top)
		r->top = r->sel;
	while (r->sel - r->top > (h - 3) / 2 && r->top < r->sel)
		r->top++;
	for (int i = r->top; i < r->n && y < h; i++) {
		struct tm tm;
		localtime_r(&r->shifts[i].start, &tm);
		if (tm.tm_yday != last_day) {
			char day[32];
			wg_format_time(r->shifts[i].start, "%m-%d", day, sizeof day);
			snprintf(line, sizeof line, "%s %s", _(weekdays[tm.tm_wday]), day);
			draw_text(w, y++, 2, line, wd - 4, draw_attr(ui, ROLE_LABEL));
			last_day = tm.tm_yday;
			if (y >= h)
				break;
		}
		shift_line(&r->shifts[i], line, sizeof line);
		draw_text(w, y++, 4, line, wd - 6, i == r->sel ? draw_attr(ui, ROLE_SELECTED) : (int)A_NORMAL);
	}
}

static int assign_confirmed(struct ui *ui, void *arg)
{
	struct roster *r = arg;
	int ask;
	if (wg_shift_assign(ui->ctx, r->shifts[r->sel].id, r->assigning, 1, &ask) != WG_OK)
		return ui_core_error(ui);
	ui_message(ui, false, "%s", _("Assigned."));
	r->fresh = false;
	return UI_REDRAW;
}

static void volunteer_chosen(struct ui *ui, void *arg, int64_t id, const char *code, const char *name)
{
	struct roster *r = arg;
	int ask = 0;
	(void)code;
	r->assigning = id;
	if (wg_shift_assign(ui->ctx, r->shifts[r->sel].id, id, 0, &ask) == WG_OK) {
		ui_message(ui, false, _("%s is on the shift."), name);
		r->fresh = false;
	} else if (ask) {
		dialog_confirm(ui, _("Assign anyway?"), wg_error(ui->ctx), assign_confirmed, r);
	} else {
		ui_core_error(ui);
	}
}

static int keep_entry(void *arg, const struct wg_roster_entry *e)
{
	struct roster *r = arg;
	if (r->non < MAX_ON_SHIFT)
		r->on[r->non++] = *e;
	return WG_OK;
}

static void shift_close(struct ui *ui, struct form *f, bool saved);

/* The time a paper sheet gives for a check-in or check-out, HH:MM on the shift's day: now while
 * the shift is on, else its start (check-in) or end (check-out), for the clerk to correct. */
static int check_picked(struct ui *ui, void *arg, int index)
{
	struct roster *r = arg;
	const struct wg_roster_entry *e = &r->on[index];
	const struct wg_shift *sh = &r->shifts[r->sel];
	char when[32];
	if (e->checkout) {
		ui_message(ui, false, _("%s has checked out already."), e->name);
		return UI_REDRAW;
	}
	time_t now = wg_now(ui->ctx), t = e->checkin ? sh->end : sh->start;
	if (now >= sh->start - 2 * 3600 && now <= sh->end + (e->checkin ? 12 * 3600 : 0))
		t = now;
	wg_format_time(t, "%H:%M", when, sizeof when);
	r->clock_for = index;
	form_clear(&r->clock, false);
	r->clock.title = e->checkin ? N_("Check-out time") : N_("Check-in time");
	form_set(&r->clock, 0, when);
	r->active = &r->clock;
	return UI_REDRAW;
}

static int clock_save(struct ui *ui, struct form *f)
{
	struct roster *r = f->owner;
	const struct wg_roster_entry *e = &r->on[r->clock_for];
	const struct wg_shift *sh = &r->shifts[r->sel];
	char v[64];
	long minutes = 0;
	time_t at;
	const char *why = wg_shift_clock(sh->start, e->checkin ? e->checkin : sh->start - 2 * 3600 - 1,
					 form_value(f, 0, v, sizeof v), &at);
	if (why) {
		form_error(f, 0, "%s", why);
		ui_message(ui, true, "%s: %s", _("Time"), why);
		return WG_EINVAL;
	}
	int rc = e->checkin ? wg_shift_checkout(ui->ctx, sh->id, e->volunteer_id, at, &minutes)
			    : wg_shift_checkin(ui->ctx, sh->id, e->volunteer_id, at);
	if (rc != WG_OK) {
		form_error(f, 0, "%s", wg_error(ui->ctx));
		ui_core_error(ui);
		return rc;
	}
	if (e->checkin)
		ui_message(ui, false, _("%s checked out: %.1f hours recorded."), e->name, minutes / 60.0);
	else
		ui_message(ui, false, _("%s checked in."), e->name);
	return WG_OK;
}

static void setup_clock(struct roster *r)
{
	memset(r->clock_field, 0, sizeof r->clock_field);
	r->clock_field[0] = (struct form_field){
		.key = "time", .label = N_("Time"), .type = FLD_TEXT, .required = true, .maxlen = 20,
		.hint = N_("HH:MM as on the sign-in sheet, or YYYY-MM-DD HH:MM") };
	/* no id: a time is typed at once, never kept as a draft */
	r->clock = (struct form){ .title = N_("Check-in time"), .fields = r->clock_field, .n = 1,
				  .owner = r, .save = clock_save, .close = shift_close };
	form_init(&r->clock);
}

/* F6: the shift's volunteers, each with the step that comes next for them. */
static void check_in_out(struct ui *ui, struct roster *r)
{
	r->non = 0;
	if (wg_shift_roster(ui->ctx, r->shifts[r->sel].id, keep_entry, r) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	if (!r->non) {
		ui_message(ui, true, "%s", _("Nobody is on this shift yet; Enter assigns a volunteer."));
		return;
	}
	for (int i = 0; i < r->non; i++)
		snprintf(r->items[i], sizeof r->items[i], "%d %s %s  %s", i + 1, r->on[i].vol_no, r->on[i].name,
			 r->on[i].checkout ? _("(checked out)") : r->on[i].checkin ? _("check out")
										  : _("check in"));
	choice_menu_open(ui, _("Check in or out"), r->items, r->non, check_picked, r);
}

/* ---- F2: a new shift ---- */

static void cell_chosen(struct ui *ui, void *arg, int64_t id, const char *code, const char *label)
{
	struct roster *r = arg;
	snprintf(r->cell_code, sizeof r->cell_code, "%s", code);
	form_set_ref(ui, &r->form, F_CELL, id, code, label);
}

static void pick_cell(struct ui *ui, struct form *f, int field, const char *typed)
{
	(void)field;
	cell_pick(ui, typed, cell_chosen, f->owner);
}

static bool shift_check(struct ui *ui, struct form *f, int field, const char *value, char *err,
			size_t errsz)
{
	const char *why;
	int minutes;
	(void)ui, (void)f;
	if ((field == F_START || field == F_END) && *value && (why = wg_validate_clock(value, &minutes))) {
		snprintf(err, errsz, "%s", why);
		return false;
	}
	return true;
}

static int shift_save(struct ui *ui, struct form *f)
{
	static const int field_of[] = { F_DATE, F_START, F_END };
	struct roster *r = f->owner;
	char post[256], date[16], start[16], end[16], skill[128], need[16];
	struct wg_shift_new in = { .post = post, .cell_code = r->cell_code, .skill = skill };
	const char *why;
	int64_t id;
	int bad;
	form_value(f, F_POST, post, sizeof post);
	form_value(f, F_DATE, date, sizeof date);
	form_value(f, F_START, start, sizeof start);
	form_value(f, F_END, end, sizeof end);
	form_value(f, F_SKILL, skill, sizeof skill);
	form_value(f, F_NEED, need, sizeof need);
	in.need = *need ? atoi(need) : 1;
	if ((why = wg_shift_times(date, start, end, &in.start, &in.end, &bad))) {
		form_error(f, field_of[bad], "%s", why);
		return WG_EINVAL;
	}
	if (wg_shift_add(ui->ctx, &in, &id) != WG_OK) {
		form_error(f, F_POST, "%s", wg_error(ui->ctx));
		return ui_core_error(ui), WG_EINVAL;
	}
	ui_message(ui, false, _("Shift planned: %s."), post);
	r->monday = monday_of(in.start);
	r->fresh = false;
	return WG_OK;
}

static void shift_close(struct ui *ui, struct form *f, bool saved)
{
	struct roster *r = f->owner;
	(void)ui, (void)saved;
	r->active = NULL;
	r->fresh = false;
}

static void setup_form(struct roster *r)
{
	static const struct { const char *key, *label, *hint; enum fld_type type; bool required; } def[NFIELDS] = {
		{ "post", N_("Post"), N_("what the volunteers do, such as 助老上门 or 门岗值守"), FLD_TEXT, true },
		{ "cell", N_("Grid cell"), N_("the cell's code; pick it from the list"), FLD_REF, true },
		{ "date", N_("Date"), N_("YYYY-MM-DD"), FLD_DATE, true },
		{ "start", N_("Starts"), N_("HH:MM"), FLD_TEXT, true },
		{ "end", N_("Ends"), N_("HH:MM; not after the start means the next day"), FLD_TEXT, true },
		{ "need", N_("Need"), N_("how many volunteers, 1 to 999; empty means 1"), FLD_INT, false },
		{ "skill", N_("Skill"), N_("a skill the volunteers need, or empty"), FLD_TEXT, false },
	};
	for (int i = 0; i < NFIELDS; i++) {
		memset(&r->fields[i], 0, sizeof r->fields[i]);
		r->fields[i].key = def[i].key;
		r->fields[i].label = def[i].label;
		r->fields[i].hint = def[i].hint;
		r->fields[i].type = def[i].type;
		r->fields[i].required = def[i].required;
		r->fields[i].maxlen = 64;
	}
	r->fields[F_NEED].min = 1;
	r->fields[F_NEED].max = 999;
	r->fields[F_CELL].pick = pick_cell;
	r->form = (struct form){ .id = "roster.shift", .title = N_("New shift"), .fields = r->fields,
				 .n = NFIELDS, .owner = r, .save = shift_save, .check = shift_check,
				 .close = shift_close };
	form_init(&r->form);
	setup_clock(r);
}

static void fill_from_draft(struct ui *ui, struct roster *r, const char *data)
{
	struct wg_cell cell;
	form_load_draft(&r->form, data);
	if (r->fields[F_CELL].ref_id && wg_cell_get(ui->ctx, r->fields[F_CELL].ref_id, &cell) == WG_OK)
		snprintf(r->cell_code, sizeof r->cell_code, "%s", cell.code);
}

static void open_form(struct roster *r)
{
	form_clear(&r->form, false);
	r->cell_code[0] = '\0';
	r->form.dirty = false;
	r->active = &r->form;
}

/* ---- F7: the shifts of one community of a street's database (in its cells) ---- */

static const struct ui_area_words area_words = {
	N_("Show the shifts of which community"),
	N_("This database holds one community: the week shows all its shifts."),
	N_("No filter is on: the week shows every shift."),
	N_("Filter cleared: the week shows every shift again."),
};

static int area_changed(struct ui *ui, void *arg)
{
	struct roster *r = arg;
	(void)ui;
	r->sel = r->top = 0;
	r->fresh = false;
	return UI_REDRAW;
}

static int roster_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct roster *r = s->st;
	if (!r)
		return UI_IGNORED;
	if (r->active) {
		int res = form_key(ui, r->active, act, k);
		return res & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : res;
	}
	switch (act) {
	case ACT_NEW: {
		char *data;
		if (wg_shift_may_plan(ui->ctx) != WG_OK) { /* a form that could not be saved stays shut */
			ui_core_error(ui);
			return UI_REDRAW;
		}
		open_form(r);
		if (form_take_kept(ui, &r->form, 0, &data)) {
			fill_from_draft(ui, r, data);
			free(data);
			ui_message(ui, false, "%s", _("What you typed before is back (the draft kept when "
						      "the form was closed)."));
		}
		return UI_REDRAW;
	}
	case ACT_COLLAPSE:
	case ACT_EXPAND:
		r->monday = days_after(r->monday, act == ACT_EXPAND ? 7 : -7);
		r->sel = r->top = 0;
		r->fresh = false;
		return UI_REDRAW;
	case ACT_DOWN: r->sel += r->sel + 1 < r->n; return UI_REDRAW;
	case ACT_UP: r->sel -= r->sel > 0; return UI_REDRAW;
	case ACT_HOME: r->sel = 0; return UI_REDRAW;
	case ACT_END: r->sel = r->n ? r->n - 1 : 0; return UI_REDRAW;
	case ACT_OPEN:
		if (r->n)
			volunteer_pick(ui, r->shifts[r->sel].id, "", volunteer_chosen, r);
		return UI_REDRAW;
	case ACT_STATE:
		if (r->n)
			check_in_out(ui, r);
		return UI_REDRAW;
	case ACT_FILTER:
	case ACT_CLEAR_FILTER: return area_filter_key(ui, &r->area, act, &area_words, area_changed, r);
	default: return UI_IGNORED;
	}
}

static void roster_close(struct ui *ui, struct ui_screen *s)
{
	struct roster *r = s->st;
	(void)ui;
	if (r) {
		form_free(&r->form);
		free(r->shifts);
	}
	free(r);
}

static enum ui_keyctx roster_keyctx(struct ui_screen *s)
{
	struct roster *r = s->st;
	return r && r->active ? KCTX_FORM : KCTX_LIST;
}

static const enum ui_act *roster_bar_now(struct ui_screen *s)
{
	struct roster *r = s->st;
	return r && r->active ? form_bar : roster_bar;
}

static void roster_save_draft(struct ui *ui, struct ui_screen *s)
{
	struct roster *r = s->st;
	if (r && r->active)
		form_save_draft(ui, r->active);
}

static void roster_restore(struct ui *ui, struct ui_screen *s, const char *form, const char *data)
{
	struct roster *r = s->st;
	(void)form;
	if (!r)
		return;
	open_form(r);
	fill_from_draft(ui, r, data);
	ui_message(ui, false, "%s", _("A form you had not saved was found and reopened: F2 saves it, Esc closes it."));
}

const struct ui_screen_ops scr_roster = {
	.id = "roster", .tab = ACT_SCREEN6, .short_label = N_("Roster"), .open = roster_open,
	.reload = roster_refresh, .draw = roster_draw, .key = roster_key, .close = roster_close, .bar_for = roster_bar_now,
	.keyctx = roster_keyctx, .save_draft = roster_save_draft, .restore_draft = roster_restore,
};
