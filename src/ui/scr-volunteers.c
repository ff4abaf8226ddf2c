/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 4: volunteers by name with hours and stars; Enter shows one with skills, teams, the
 * week they can serve and the ledger; F2 adds a volunteer and F4 changes one (the skills from
 * the committee's list, the week on a grid); F12 shows the volunteer's service certificate; F7
 * lists one community's of a street's database. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/lists.h>
#include <wangge/task.h>
#include <wangge/volunteer.h>
#include "form.h"
#include "listview.h"
#include "ui.h"

#define LEDGER_LINES 64

struct volscreen {
	struct listview lv;
	bool detail;
	struct wg_volunteer v;
	struct wg_hours_line ledger[LEDGER_LINES]; /* the newest lines of the ledger */
	int nledger, skipped;
	char *cert;          /* the certificate shown, as printed; NULL: none */
	int cert_top;        /* its first line on screen */
	struct wg_availability avail; /* the volunteer's week, as stored */
	bool grid;           /* the week on a grid: F4 on the form's availability */
	struct wg_availability edit;
	int day, slot;       /* the grid's cursor */
	bool in_form;        /* a volunteer being typed (F2 in the list, F4 in the detail) */
	int64_t editing;     /* its key; 0 new */
	char new_skill[128]; /* a skill typed that the list does not have, offered to be made */
	struct ui_area area; /* the community whose volunteers are listed (F7) */
	struct form form;
	struct form_field fields[WG_VF_COUNT];
};

static const enum ui_act list_bar[] = { ACT_HELP, ACT_NEW, ACT_FILTER, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_CANCEL, ACT_NONE };
static const enum ui_act detail_bar[] = { ACT_HELP, ACT_EDIT, ACT_BACK, ACT_MENU, ACT_QUIT, ACT_PRINT,
					  ACT_NONE };
static const enum ui_act grid_bar[] = { ACT_HELP, ACT_SAVE, ACT_BACK, ACT_NONE }; /* F2 is ACT_NEW here */
static const enum ui_act cert_bar[] = { ACT_HELP, ACT_BACK, ACT_UP, ACT_DOWN, ACT_QUIT, ACT_NONE };

static const struct lv_column vol_cols[] = {
	{ N_("Name"), 12, true, false }, { N_("Number"), 8, false, false },
	{ N_("Phone"), 12, false, false }, { N_("Grid cell"), 16, false, false },
	{ N_("Hours"), 7, false, true }, { N_("Stars"), 5, false, true },
};

static void setup_form(struct volscreen *vs);

static int vol_open(struct ui *ui, struct ui_screen *s)
{
	struct volscreen *vs = calloc(1, sizeof *vs);
	if (!vs)
		return WG_EIO;
	lv_init(&vs->lv, (struct wg_list_source){ wg_volunteers_fetch, &vs->area.id }, vol_cols, 6);
	vs->lv.empty_text = N_("No volunteers yet: F2 adds one.");
	setup_form(vs);
	s->st = vs;
	lv_reload(ui, &vs->lv);
	return WG_OK;
}

static int keep_line(void *arg, const struct wg_hours_line *l)
{
	struct volscreen *vs = arg;
	if (vs->nledger == LEDGER_LINES) { /* keep the newest: drop the oldest */
		memmove(vs->ledger, vs->ledger + 1, (LEDGER_LINES - 1) * sizeof *vs->ledger);
		vs->nledger--;
		vs->skipped++;
	}
	vs->ledger[vs->nledger++] = *l;
	return WG_OK;
}

/* The volunteer's record and ledger; false (with the reason shown) when it cannot be read. */
static bool load_detail(struct ui *ui, struct volscreen *vs, int64_t id)
{
	char key[32];
	snprintf(key, sizeof key, "%lld", (long long)id);
	vs->nledger = vs->skipped = 0;
	if (wg_volunteer_find(ui->ctx, key, &vs->v) != WG_OK ||
	    wg_volunteer_hours(ui->ctx, vs->v.id, keep_line, vs) != WG_OK ||
	    wg_availability_get(ui->ctx, vs->v.id, &vs->avail) != WG_OK) {
		ui_core_error(ui);
		return false;
	}
	return true;
}

static void open_detail(struct ui *ui, struct volscreen *vs)
{
	const struct wg_row *row = lv_selected(&vs->lv);
	if (row && load_detail(ui, vs, row->key.id))
		vs->detail = true;
}

/* The database changed: the list's window and the open volunteer are read again. */
static void vol_refresh(struct ui *ui, struct ui_screen *s)
{
	struct volscreen *vs = s->st;
	if (!vs)
		return;
	lv_refresh(ui, &vs->lv);
	if (vs->detail && !load_detail(ui, vs, vs->v.id))
		vs->detail = false;
}

static void row(struct ui *ui, WINDOW *w, int y, const char *label, const char *value, int wd)
{
	draw_text(w, y, 2, label, 14, draw_attr(ui, ROLE_LABEL));
	draw_text(w, y, 17, value, wd - 19, (int)A_NORMAL);
}

static void draw_detail(struct ui *ui, struct volscreen *vs, WINDOW *w, int h, int wd)
{
	const struct wg_volunteer *v = &vs->v;
	char text[300];
	int y = 1, stars = wg_star_level(ui->ctx, v->minutes);
	row(ui, w, y++, _("Number"), v->vol_no, wd);
	row(ui, w, y++, _("Name"), v->name, wd);
	row(ui, w, y++, _("Phone"), v->phone, wd);
	snprintf(text, sizeof text, "%s %s", v->cell_code, v->cell_name);
	row(ui, w, y++, _("Grid cell"), text, wd);
	row(ui, w, y++, _("Team"), v->team, wd);
	row(ui, w, y++, _("Skills"), v->skills, wd);
	if (stars < 5)
		snprintf(text, sizeof text, _("%.1f hours, %d stars; %.1f hours to the next star"),
			 v->minutes / 60.0, stars, wg_star_next(ui->ctx, v->minutes) / 60.0);
	else
		snprintf(text, sizeof text, _("%.1f hours, %d stars"), v->minutes / 60.0, stars);
	row(ui, w, y++, _("Service"), text, wd);
	wg_availability_format(&vs->avail, text, sizeof text);
	row(ui, w, y++, _("Available"), *text ? text : _("no times given (F4 sets them)"), wd);
	y++;
	draw_text(w, y++, 2, vs->nledger ? _("Hours ledger (newest last)") : _("No hours recorded yet."),
		  wd - 4, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	int first = vs->nledger - (h - y);
	for (int i = first > 0 ? first : 0; i < vs->nledger && y < h; i++, y++) {
		const struct wg_hours_line *l = &vs->ledger[i];
		snprintf(text, sizeof text, "%s  %6.1f  %s", l->date, l->minutes / 60.0, l->what);
		draw_text(w, y, 4, text, wd - 6, (int)A_NORMAL);
	}
}

/* ---- The week's availability: days across, slots down; Space or Enter marks a slot ---- */

static void draw_grid(struct ui *ui, struct volscreen *vs, WINDOW *w, int wd)
{
	static const char *const days[7] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
					     N_("Sat"), N_("Sun") };
	char title[200], name[128];
	form_value(&vs->form, WG_VF_NAME, name, sizeof name);
	snprintf(title, sizeof title, _("When %s can serve"), name);
	draw_text(w, 1, 2, title, wd - 4, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	for (int d = 0; d < 7; d++)
		draw_text(w, 3, 19 + d * 8, _(days[d]), 7, draw_attr(ui, ROLE_LABEL));
	for (int sl = 0; sl < WG_SLOTS; sl++) {
		int from, to;
		char label[64];
		wg_slot_minutes(sl, &from, &to);
		snprintf(label, sizeof label, "%s %02d-%02d", wg_slot_label(sl), from / 60, to / 60);
		draw_text(w, 4 + sl, 1, label, 17, draw_attr(ui, ROLE_LABEL));
		for (int d = 0; d < 7; d++) {
			bool on = vs->edit.days[d] & (1u << sl), here = d == vs->day && sl == vs->slot;
			draw_text(w, 4 + sl, 19 + d * 8, on ? "[x]" : "[ ]", 3,
				  here ? draw_attr(ui, ROLE_SELECTED) : (int)A_NORMAL);
		}
	}
	draw_wrapped(w, 5 + WG_SLOTS, 2, wd - 4, 3,
		     _("Arrows move; Space or Enter marks a slot or clears it; F2 puts the week in "
		       "the form; Esc leaves it unchanged."), draw_attr(ui, ROLE_DIM));
}

/* The grid is the availability field's picker: F2 puts the week into the field as text. */
static int grid_key(struct ui *ui, struct volscreen *vs, enum ui_act act, const struct ui_key *k)
{
	char text[256];
	switch (act) {
	case ACT_COLLAPSE: vs->day = (vs->day + 6) % 7; return UI_REDRAW;
	case ACT_EXPAND: vs->day = (vs->day + 1) % 7; return UI_REDRAW;
	case ACT_UP: vs->slot = (vs->slot + WG_SLOTS - 1) % WG_SLOTS; return UI_REDRAW;
	case ACT_DOWN: vs->slot = (vs->slot + 1) % WG_SLOTS; return UI_REDRAW;
	case ACT_BACK:
		vs->grid = false;
		ui_message(ui, false, "%s", _("The week was left as it was."));
		return UI_REDRAW;
	case ACT_NEW: /* F2, as in a form */
		wg_availability_format(&vs->edit, text, sizeof text);
		form_set(&vs->form, WG_VF_AVAIL, text);
		vs->fields[WG_VF_AVAIL].error[0] = '\0';
		vs->form.dirty = true;
		vs->grid = false;
		ui_draft_touch(ui);
		return UI_REDRAW;
	default:
		if (act == ACT_OPEN || (k && !k->is_key && k->code == ' ')) {
			vs->edit.days[vs->day] ^= (unsigned char)(1u << vs->slot);
			return UI_REDRAW;
		}
		return UI_HANDLED; /* the grid holds the keys until taken or left */
	}
}

/* ---- The volunteer form: the import's checks (wg_volunteer_save) ---- */

static char skill_items[32][256];
static char skill_names[32][128];

static int skill_picked(struct ui *ui, void *arg, int index)
{
	struct volscreen *vs = arg;
	char have[512], joined[700];
	form_value(&vs->form, WG_VF_SKILLS, have, sizeof have);
	if (!strstr(have, skill_names[index])) {
		snprintf(joined, sizeof joined, "%s%s%s", have, *have ? "；" : "", skill_names[index]);
		form_set(&vs->form, WG_VF_SKILLS, joined);
		vs->fields[WG_VF_SKILLS].error[0] = '\0';
		vs->form.dirty = true;
		ui_draft_touch(ui);
	}
	return UI_REDRAW;
}

static int add_skill_choice(void *arg, const char *name)
{
	int *n = arg;
	if (*n < 32) {
		snprintf(skill_names[*n], sizeof skill_names[0], "%s", name);
		snprintf(skill_items[*n], sizeof skill_items[0], "%c %s", *n < 9 ? '1' + *n : *n == 9 ? '0' : ' ',
			 name);
		++*n;
	}
	return WG_OK;
}

static void picked_team(struct ui *ui, void *arg, const char *name)
{
	struct volscreen *vs = arg;
	(void)ui;
	form_set(&vs->form, WG_VF_TEAM, name);
	vs->form.dirty = true;
	if (vs->form.cur == WG_VF_TEAM)
		vs->form.cur++;
}

static void picked_cell(struct ui *ui, void *arg, int64_t id, const char *code, const char *label)
{
	struct volscreen *vs = arg;
	(void)id, (void)label;
	form_set(&vs->form, WG_VF_CELL, code);
	vs->form.dirty = true;
	if (vs->form.cur == WG_VF_CELL)
		vs->form.cur++;
	ui_draft_touch(ui);
}

static void vol_pick(struct ui *ui, struct form *f, int field, const char *typed)
{
	struct volscreen *vs = f->owner;
	int n = 0;
	if (field == WG_VF_SKILLS) {
		if (wg_skill_each(ui->ctx, add_skill_choice, &n) != WG_OK)
			ui_core_error(ui);
		else if (!n)
			ui_message(ui, true, "%s", _("The skill list is empty: type a skill, and it is "
						     "offered to be added."));
		else
			choice_menu_open(ui, _("Skills"), skill_items, n, skill_picked, vs);
	} else if (field == WG_VF_TEAM) {
		handler_pick_kind(ui, WG_HK_TEAM, typed, picked_team, vs);
	} else if (field == WG_VF_CELL) {
		cell_pick(ui, typed, picked_cell, vs);
	} else if (field == WG_VF_AVAIL) {
		if (wg_availability_parse(typed, &vs->edit))
			memset(&vs->edit, 0, sizeof vs->edit);
		vs->day = vs->slot = 0;
		vs->grid = true;
	}
}

static int create_skill(struct ui *ui, void *arg)
{
	struct volscreen *vs = arg;
	if (wg_skill_add(ui->ctx, vs->new_skill) != WG_OK)
		return ui_core_error(ui);
	vs->fields[WG_VF_SKILLS].error[0] = '\0';
	ui_message(ui, false, _("The skill %s was added to the list."), vs->new_skill);
	return UI_REDRAW;
}

/* On leaving a field: a skill not in the list is offered to be added (y), as tags are. */
static bool vol_check(struct ui *ui, struct form *f, int field, const char *value, char *err,
		      size_t errsz)
{
	static const struct dialog_choice choices[] = { { 'y', create_skill }, { 'n', NULL } };
	struct volscreen *vs = f->owner;
	struct wg_availability a;
	const char *why;
	char what[400];
	if (field == WG_VF_AVAIL && (why = wg_availability_parse(value, &a))) {
		snprintf(err, errsz, "%s", why);
		return false;
	}
	if (field != WG_VF_SKILLS || !wg_skill_unknown(ui->ctx, value, vs->new_skill, sizeof vs->new_skill))
		return true;
	snprintf(err, errsz, _("there is no skill %s yet"), vs->new_skill);
	snprintf(what, sizeof what, _("There is no skill %s in the list yet. y adds it (clerks and "
				      "administrators may); n goes back to correct it."), vs->new_skill);
	dialog_choose(ui, _("A new skill?"), what, _("y: add it   n or Esc: back"), choices, 2, vs);
	return false;
}

static int vol_save(struct ui *ui, struct form *f)
{
	struct volscreen *vs = f->owner;
	char v[WG_VF_COUNT][512];
	const char *in[WG_VF_COUNT];
	enum wg_volunteer_field bad;
	int64_t id = vs->editing;
	for (int i = 0; i < WG_VF_COUNT; i++)
		in[i] = form_value(f, i, v[i], sizeof v[i]);
	if (wg_volunteer_save(ui->ctx, &id, in, &bad) != WG_OK) {
		if (bad < WG_VF_COUNT)
			form_error(f, (int)bad, "%s", wg_error(ui->ctx));
		return ui_core_error(ui), WG_EINVAL;
	}
	vs->editing = id;
	ui_message(ui, false, _("Saved: %s"), v[WG_VF_NAME]);
	return WG_OK;
}

static void vol_form_close(struct ui *ui, struct form *f, bool saved)
{
	struct volscreen *vs = f->owner;
	vs->in_form = false;
	lv_refresh(ui, &vs->lv);
	if (saved && vs->editing && load_detail(ui, vs, vs->editing))
		vs->detail = true;
	else if (vs->detail && !load_detail(ui, vs, vs->v.id))
		vs->detail = false;
}

static void setup_form(struct volscreen *vs)
{
	static const char *const keys[WG_VF_COUNT] = { "name", "phone", "id_number", "skills", "team",
						       "cell_code", "availability" };
	static const char *const labels[WG_VF_COUNT] = { N_("Name"), N_("Phone"), N_("ID number"),
							 N_("Skills"), N_("Team"), N_("Grid cell"),
							 N_("Available") };
	static const char *const hints[WG_VF_COUNT] = {
		N_("the volunteer's name, up to 32 characters"),
		N_("an 11-digit mobile number, or a landline such as 010-12345678"),
		N_("18 characters, the last may be X; names the resident they are"),
		N_("from the committee's list, separated by ；; F4 adds one; a new one is offered"),
		N_("the team they join; F4 picks it"), N_("the cell they live or serve in; F4 picks it"),
		N_("such as 周一上午；周三全天; F4 shows the week as a grid") };
	for (int i = 0; i < WG_VF_COUNT; i++)
		vs->fields[i] = (struct form_field){
			.key = keys[i], .label = labels[i], .hint = hints[i], .type = FLD_TEXT,
			.required = i == WG_VF_NAME, .maxlen = 200,
			.pick = i >= WG_VF_SKILLS ? vol_pick : NULL };
	vs->form = (struct form){ .id = "volunteers.form", .title = N_("Volunteer"), .fields = vs->fields,
				  .n = WG_VF_COUNT, .owner = vs, .save = vol_save, .check = vol_check,
				  .close = vol_form_close };
	form_init(&vs->form);
}

/* The form, empty or with the volunteer shown (masked as shown; a mask left keeps the value). */
static int open_form(struct ui *ui, struct volscreen *vs, bool change)
{
	char text[256];
	if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Importing volunteers")) != WG_OK)
		return ui_core_error(ui);
	form_clear(&vs->form, false);
	vs->editing = change ? vs->v.id : 0;
	if (change) {
		const struct wg_volunteer *v = &vs->v;
		const char *vals[] = { v->name, v->phone, v->id_number, v->skills, "", v->cell_code };
		for (int i = 0; i < 6; i++)
			form_set(&vs->form, i, vals[i]);
		char skills[sizeof v->skills]; /* the detail joins them with 、; the form with ； */
		snprintf(skills, sizeof skills, "%s", v->skills);
		for (char *p; (p = strstr(skills, "、"));)
			memcpy(p, "；", 3);
		form_set(&vs->form, WG_VF_SKILLS, skills);
		wg_availability_format(&vs->avail, text, sizeof text);
		form_set(&vs->form, WG_VF_AVAIL, text);
	}
	vs->form.record_id = vs->editing;
	vs->form.title = change ? N_("Change volunteer") : N_("New volunteer");
	vs->form.dirty = false;
	vs->form.cur = 0;
	vs->in_form = true;
	return UI_REDRAW;
}

/* ---- The service certificate ---- */

static int certify(struct ui *ui, struct volscreen *vs, const char *from, const char *to)
{
	struct wg_certificate c;
	char key[32], *text = NULL;
	size_t len = 0;
	snprintf(key, sizeof key, "%lld", (long long)vs->v.id);
	if (wg_volunteer_certificate(ui->ctx, key, from, to, &c) != WG_OK)
		return ui_core_error(ui);
	FILE *f = open_memstream(&text, &len);
	if (!f || wg_certificate_print(f, &c) != WG_OK) {
		if (f)
			fclose(f);
		free(text);
		ui_message(ui, true, "%s", _("The certificate could not be laid out (out of memory)."));
		return UI_REDRAW;
	}
	fclose(f);
	free(vs->cert);
	vs->cert = text;
	vs->cert_top = 0;
	ui_message(ui, false, c.reprint ? _("Certificate %s, as issued before. To paper: wangge volunteers "
					    "certificate %s -o FILE")
					: _("Certificate %s issued and kept. To paper: wangge volunteers "
					    "certificate %s -o FILE"), c.number, c.number);
	return UI_REDRAW;
}

/* The period: a year of the clock's, or every hour served. */
static int certify_year(struct ui *ui, void *arg, int back)
{
	char from[16], to[16], year[8];
	wg_format_time(wg_now(ui->ctx), "%Y", year, sizeof year);
	int y = atoi(year) - back;
	snprintf(from, sizeof from, "%04d-01-01", y);
	snprintf(to, sizeof to, "%04d-12-31", y);
	if (!back) /* this year: up to today, as a certificate cannot vouch for days to come */
		wg_format_time(wg_now(ui->ctx), "%Y-%m-%d", to, sizeof to);
	return certify(ui, arg, from, to);
}

static int certify_this_year(struct ui *ui, void *arg) { return certify_year(ui, arg, 0); }
static int certify_last_year(struct ui *ui, void *arg) { return certify_year(ui, arg, 1); }
static int certify_all(struct ui *ui, void *arg) { return certify(ui, arg, NULL, NULL); }

static void ask_period(struct ui *ui, struct volscreen *vs)
{
	static const struct dialog_choice periods[] = {
		{ 'y', certify_this_year }, { 'l', certify_last_year }, { 'a', certify_all },
	};
	char what[200];
	snprintf(what, sizeof what, _("The service certificate of %s %s: for which period?"), vs->v.vol_no,
		 vs->v.name);
	dialog_choose(ui, _("Service certificate"), what,
		      _("y: this year   l: last year   a: all the hours   Esc: none"), periods, 3, vs);
}

static void draw_cert(struct volscreen *vs, WINDOW *w, int h, int wd)
{
	const char *p = vs->cert;
	int line = 0, y = 0;
	while (*p && y < h) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char text[512];
		snprintf(text, sizeof text, "%.*s", (int)(n < sizeof text ? n : sizeof text - 1), p);
		if (line++ >= vs->cert_top)
			draw_text(w, y++, 1, text, wd - 2, (int)A_NORMAL);
		p = end ? end + 1 : p + n;
	}
}

static int cert_key(struct volscreen *vs, enum ui_act act)
{
	int lines = 0;
	for (const char *p = vs->cert; *p; p++)
		lines += *p == '\n';
	switch (act) {
	case ACT_BACK:
		free(vs->cert);
		vs->cert = NULL;
		return UI_REDRAW;
	case ACT_UP: case ACT_PGUP: case ACT_HOME:
		vs->cert_top = act == ACT_UP && vs->cert_top > 0 ? vs->cert_top - 1 : 0;
		return UI_REDRAW;
	case ACT_DOWN: case ACT_PGDN: case ACT_END:
		if (vs->cert_top < lines - 1)
			vs->cert_top = act == ACT_DOWN ? vs->cert_top + 1 : lines - 1;
		return UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

/* ---- F7: the volunteers of one community of a street's database (their cell's) ---- */

static const struct ui_area_words area_words = {
	N_("Show the volunteers of which community"),
	N_("This database holds one community: the list shows all its volunteers."),
	N_("No filter is on: the list shows everyone."),
	N_("Filter cleared: the list shows everyone again."),
};

static int area_changed(struct ui *ui, void *arg)
{
	struct volscreen *vs = arg;
	return lv_reload(ui, &vs->lv);
}

static void vol_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct volscreen *vs = s->st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (!vs)
		return;
	if (vs->cert)
		draw_cert(vs, w, h, wd);
	else if (vs->grid)
		draw_grid(ui, vs, w, wd);
	else if (vs->in_form)
		form_draw(ui, &vs->form, w, 0, 1, h, wd - 2);
	else if (vs->detail)
		draw_detail(ui, vs, w, h, wd);
	else if (vs->area.id) {
		community_line(ui, w, 0, 1, wd - 2, vs->area.name);
		lv_draw(ui, &vs->lv, w, 1, 0, h - 1, wd);
	} else {
		lv_draw(ui, &vs->lv, w, 0, 0, h, wd);
	}
}

static int vol_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct volscreen *vs = s->st;
	if (!vs)
		return UI_IGNORED;
	if (vs->cert)
		return cert_key(vs, act);
	if (vs->grid)
		return grid_key(ui, vs, act, k);
	if (vs->in_form) {
		int r = form_key(ui, &vs->form, act, k);
		return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
	}
	if (act == ACT_NEW && !vs->detail)
		return open_form(ui, vs, false);
	if (vs->detail) {
		if (act == ACT_EDIT)
			return open_form(ui, vs, true);
		if (act == ACT_PRINT) {
			ask_period(ui, vs);
			return UI_REDRAW;
		}
		if (act != ACT_BACK)
			return UI_IGNORED;
		vs->detail = false;
		return UI_REDRAW;
	}
	if (act == ACT_FILTER || act == ACT_CLEAR_FILTER)
		return area_filter_key(ui, &vs->area, act, &area_words, area_changed, vs);
	if (act == ACT_OPEN || act == ACT_PRINT) {
		open_detail(ui, vs);
		if (vs->detail && act == ACT_PRINT)
			ask_period(ui, vs);
		return UI_REDRAW;
	}
	return lv_key(ui, &vs->lv, act);
}

static void vol_close(struct ui *ui, struct ui_screen *s)
{
	struct volscreen *vs = s->st;
	(void)ui;
	if (vs) {
		free(vs->cert);
		lv_free(&vs->lv);
		form_free(&vs->form);
		free(vs);
	}
}

static const enum ui_act *vol_bar(struct ui_screen *s)
{
	struct volscreen *vs = s->st;
	return vs && vs->cert ? cert_bar : vs && vs->grid ? grid_bar : vs && vs->in_form ? form_bar
	       : vs && vs->detail ? detail_bar : list_bar;
}

static enum ui_keyctx vol_keyctx(struct ui_screen *s)
{
	struct volscreen *vs = s->st;
	return vs && vs->in_form && !vs->grid ? KCTX_FORM : KCTX_LIST;
}

static void vol_save_draft(struct ui *ui, struct ui_screen *s)
{
	struct volscreen *vs = s->st;
	if (vs && vs->in_form)
		form_save_draft(ui, &vs->form);
}

const struct ui_screen_ops scr_volunteers = {
	.id = "volunteers", .tab = ACT_SCREEN4, .short_label = N_("Volunt."), .open = vol_open,
	.reload = vol_refresh, .draw = vol_draw, .key = vol_key, .close = vol_close, .bar_for = vol_bar,
	.keyctx = vol_keyctx, .save_draft = vol_save_draft,
};
