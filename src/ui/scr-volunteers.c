/* Screen 4: volunteers by name with hours and stars; Enter shows one with skills, teams and the
 * ledger; F12 there shows the volunteer's service certificate. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/lists.h>
#include <wangge/volunteer.h>
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
	bool grid;           /* the week being changed (F4 in the detail) */
	struct wg_availability edit;
	int day, slot;       /* the grid's cursor */
};

static const enum ui_act list_bar[] = { ACT_HELP, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act detail_bar[] = { ACT_HELP, ACT_EDIT, ACT_BACK, ACT_MENU, ACT_QUIT, ACT_PRINT,
					  ACT_NONE };
static const enum ui_act grid_bar[] = { ACT_HELP, ACT_SAVE, ACT_BACK, ACT_NONE }; /* F2 is ACT_NEW here */
static const enum ui_act cert_bar[] = { ACT_HELP, ACT_BACK, ACT_UP, ACT_DOWN, ACT_QUIT, ACT_NONE };

static const struct lv_column vol_cols[] = {
	{ N_("Name"), 12, true, false }, { N_("Number"), 8, false, false },
	{ N_("Phone"), 12, false, false }, { N_("Grid cell"), 16, false, false },
	{ N_("Hours"), 7, false, true }, { N_("Stars"), 5, false, true },
};

static int vol_open(struct ui *ui, struct ui_screen *s)
{
	struct volscreen *vs = calloc(1, sizeof *vs);
	if (!vs)
		return WG_EIO;
	lv_init(&vs->lv, wg_list_volunteers, vol_cols, 6);
	vs->lv.empty_text = N_("No volunteers yet.");
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
	char title[200];
	snprintf(title, sizeof title, _("When %s can serve"), vs->v.name);
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
		     _("Arrows move; Space or Enter marks a slot or clears it; F2 saves; Esc leaves "
		       "it unsaved."), draw_attr(ui, ROLE_DIM));
}

static int grid_key(struct ui *ui, struct volscreen *vs, enum ui_act act, const struct ui_key *k)
{
	switch (act) {
	case ACT_COLLAPSE: vs->day = (vs->day + 6) % 7; return UI_REDRAW;
	case ACT_EXPAND: vs->day = (vs->day + 1) % 7; return UI_REDRAW;
	case ACT_UP: vs->slot = (vs->slot + WG_SLOTS - 1) % WG_SLOTS; return UI_REDRAW;
	case ACT_DOWN: vs->slot = (vs->slot + 1) % WG_SLOTS; return UI_REDRAW;
	case ACT_BACK:
		vs->grid = false;
		ui_message(ui, false, "%s", _("The week was left as it was."));
		return UI_REDRAW;
	case ACT_NEW: /* F2: save, as in a form */
		if (wg_availability_set(ui->ctx, vs->v.id, &vs->edit) != WG_OK)
			return ui_core_error(ui);
		vs->avail = vs->edit;
		vs->grid = false;
		ui_message(ui, false, _("Saved: when %s can serve"), vs->v.name);
		return UI_REDRAW;
	default:
		if (act == ACT_OPEN || (k && !k->is_key && k->code == ' ')) {
			vs->edit.days[vs->day] ^= (unsigned char)(1u << vs->slot);
			return UI_REDRAW;
		}
		return UI_HANDLED; /* the grid holds the keys until saved or left */
	}
}

static int open_grid(struct ui *ui, struct volscreen *vs)
{
	if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Changing a volunteer's availability")) != WG_OK)
		return ui_core_error(ui);
	vs->edit = vs->avail;
	vs->day = vs->slot = 0;
	vs->grid = true;
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
	else if (vs->detail)
		draw_detail(ui, vs, w, h, wd);
	else
		lv_draw(ui, &vs->lv, w, 0, 0, h, wd);
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
	if (vs->detail) {
		if (act == ACT_EDIT)
			return open_grid(ui, vs);
		if (act == ACT_PRINT) {
			ask_period(ui, vs);
			return UI_REDRAW;
		}
		if (act != ACT_BACK)
			return UI_IGNORED;
		vs->detail = false;
		return UI_REDRAW;
	}
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
		free(vs);
	}
}

static const enum ui_act *vol_bar(struct ui_screen *s)
{
	struct volscreen *vs = s->st;
	return vs && vs->cert ? cert_bar : vs && vs->grid ? grid_bar : vs && vs->detail ? detail_bar
											       : list_bar;
}

const struct ui_screen_ops scr_volunteers = {
	.id = "volunteers", .tab = ACT_SCREEN4, .short_label = N_("Volunt."), .open = vol_open,
	.reload = vol_refresh, .draw = vol_draw, .key = vol_key, .close = vol_close, .bar_for = vol_bar,
};
