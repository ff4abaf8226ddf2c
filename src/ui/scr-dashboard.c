/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 1: the overview - open, overdue, due today, closed this month, sectors, duty, sync; in a
 * street's database, of all its communities or one (Left/Right). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>

#include <string.h>
#include <time.h>

#include <wangge/calendar.h>
#include <wangge/dashboard.h>
#include <wangge/i18n.h>
#include <wangge/sync.h>
#include <wangge/text.h>
#include "ui.h"

static const enum ui_act dash_bar[] = { ACT_HELP, ACT_MENU, ACT_QUIT, ACT_NONE };

static void figure(struct ui *ui, WINDOW *w, int y, int x, const char *label, int value, enum ui_role role)
{
	char num[32];
	snprintf(num, sizeof num, "%d", value);
	draw_text(w, y, x, label, 16, draw_attr(ui, ROLE_LABEL));
	draw_text(w, y, x + 16, num, 8, draw_attr(ui, value ? role : ROLE_NORMAL) | A_BOLD);
}

static void draw_sectors(struct ui *ui, WINDOW *w, const struct wg_dashboard *d, int y, int h, int width)
{
	int max = 1;
	for (int i = 0; i < d->nsectors; i++)
		max = d->sectors[i].open > max ? d->sectors[i].open : max;
	draw_text(w, y, 2, _("Open cases by sector"), width - 4, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	int label = 12; /* as wide as the longest name (English names are longer), within a third */
	for (int i = 0; i < d->nsectors; i++) {
		int nw = (int)wg_text_width(d->sectors[i].name);
		label = nw > label ? nw : label;
	}
	label = label > width / 3 ? width / 3 : label;
	int barw = width - label - 18;
	for (int i = 0; i < d->nsectors && i < h - 1; i++) {
		char num[16];
		draw_text(w, y + 1 + i, 2, d->sectors[i].name, label, A_NORMAL);
		int len = d->sectors[i].open * barw / max;
		if (d->sectors[i].open && !len)
			len = 1;
		wattrset(w, draw_attr(ui, ROLE_SELECTED));
		mvwhline(w, y + 1 + i, label + 3, ui->ascii || !ui->color ? '#' : ' ', len);
		wattrset(w, A_NORMAL);
		snprintf(num, sizeof num, "%d", d->sectors[i].open);
		draw_text(w, y + 1 + i, label + 4 + len, num, 6, A_NORMAL);
	}
}

/* The figures, counted when the clerk comes to the screen and when the database changes: of
 * the whole database, or of one community of a street's (Left/Right), and how many there are. */
static struct wg_dashboard figures;
static bool counted;
static char shown[64]; /* the community shown: its code; "" all */
static int ncommunities;

static void dash_count(struct ui *ui, struct ui_screen *s)
{
	struct ui_communities c;
	(void)s;
	ncommunities = ui_communities_load(ui, &c) == WG_OK ? c.n : 0;
	counted = wg_dashboard_in(ui->ctx, shown, &figures) == WG_OK;
	if (!counted && shown[0]) { /* the community is gone (renamed, or a file took it): all */
		shown[0] = '\0';
		counted = wg_dashboard_in(ui->ctx, shown, &figures) == WG_OK;
	}
}

/* Left and Right: the previous or next community, the whole database before the first. */
static int step_community(struct ui *ui, int dir)
{
	struct ui_communities c;
	if (ui_communities_load(ui, &c) != WG_OK)
		return ui_core_error(ui);
	if (c.n < 2) {
		ui_message(ui, false, "%s", _("This database holds one community: the overview is all of it."));
		return UI_REDRAW;
	}
	int at = -1; /* -1: all */
	for (int i = 0; i < c.n; i++)
		if (strcmp(c.code[i], shown) == 0)
			at = i;
	at += dir;
	at = at < -1 ? c.n - 1 : at >= c.n ? -1 : at;
	snprintf(shown, sizeof shown, "%s", at < 0 ? "" : c.code[at]);
	dash_count(ui, NULL);
	return UI_REDRAW;
}

static void dash_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	int h, wd;
	(void)s;
	getmaxyx(w, h, wd);
	if (!counted) {
		draw_text(w, 1, 2, wg_error(ui->ctx), wd - 4, draw_attr(ui, ROLE_ERROR));
		return;
	}
	const struct wg_dashboard d = figures;
	time_t now = wg_now(ui->ctx);
	struct tm tm;
	localtime_r(&now, &tm);
	if (d.notices_overdue) {
		char late[160];
		snprintf(late, sizeof late, _("Notices past due, not acknowledged by everyone: %d "
					      "(screen 5)"), d.notices_overdue);
		draw_text(w, 0, 2, late, wd - 4, draw_attr(ui, ROLE_RED));
	} else if (!wg_calendar_has_year(wg_calendar_of(ui->ctx), tm.tm_year + 1900)) {
		char none[200]; /* deadlines would silently run through the year's holidays */
		snprintf(none, sizeof none, _("No holiday schedule for %d: deadlines ignore holidays "
					      "(wangge calendar show)"), tm.tm_year + 1900);
		draw_text(w, 0, 2, none, wd - 4, draw_attr(ui, ROLE_YELLOW));
	}
	int y = 1; /* a street's database says whose figures these are, on a line of its own */
	if (ncommunities >= 2) {
		char scope[256];
		if (d.community_name[0])
			/* L10N: the overview of one community of a street's database */
			snprintf(scope, sizeof scope, _("Community: %s (%s)   Left/Right: another"),
				 d.community_name, shown);
		else
			snprintf(scope, sizeof scope, _("All %d communities   Left/Right: one of them"),
				 ncommunities);
		draw_text(w, y++, 2, scope, wd - 4, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	}
	figure(ui, w, y, 2, _("Open cases"), d.open, ROLE_NORMAL);
	figure(ui, w, y + 1, 2, _("Overdue"), d.overdue, ROLE_RED);
	figure(ui, w, y + 2, 2, _("Due today"), d.due_today, ROLE_YELLOW);
	figure(ui, w, y + 3, 2, _("Closed (month)"), d.closed_month, ROLE_GREEN);
	figure(ui, w, y, 40, _("Grid cells"), d.cells, ROLE_NORMAL);
	figure(ui, w, y + 1, 40, _("Residents"), d.residents, ROLE_NORMAL);
	figure(ui, w, y + 2, 40, _("Volunteers"), d.volunteers, ROLE_NORMAL);
	figure(ui, w, y + 3, 40, _("On duty today"), d.on_duty, ROLE_GREEN);
	char sync[96], when[32];
	if (d.last_sync) {
		wg_format_time(d.last_sync, "%Y-%m-%d %H:%M", when, sizeof when);
		snprintf(sync, sizeof sync, _("Last sync: %s"), when);
	} else {
		snprintf(sync, sizeof sync, "%s", _("Last sync: never"));
	}
	draw_text(w, y + 4, 40, sync, wd - 42, draw_attr(ui, ROLE_DIM));
	if (d.sync_conflicts) {
		snprintf(sync, sizeof sync, _("Sync set %d changes aside: F7 lists them"), d.sync_conflicts);
		draw_text(w, y + 4, 2, sync, 37, draw_attr(ui, ROLE_RED));
	}
	draw_hline(ui, w, y + 5, 0, wd);
	draw_sectors(ui, w, &d, y + 6, h - y - 6, wd);
}

/* ---- F7: the changes sync set aside, one by one ---- */

#define MAX_CONFLICTS 60

static struct {
	int64_t id[MAX_CONFLICTS];
	char items[MAX_CONFLICTS][256];
	char text[MAX_CONFLICTS][1200]; /* both versions, for the dialog */
	int n, picked;
} aside;

static int keep_conflict(void *arg, const struct wg_sync_conflict *c)
{
	char when[32];
	(void)arg;
	if (aside.n == MAX_CONFLICTS)
		return WG_OK;
	int i = aside.n++;
	aside.id[i] = c->id;
	wg_format_time(c->at, "%m-%d %H:%M", when, sizeof when);
	snprintf(aside.items[i], sizeof aside.items[i], _("%d %s  site %d  %s %s (%s)"), i + 1, when,
		 c->peer_site, c->op, c->table, c->why);
	snprintf(aside.text[i], sizeof aside.text[i], _("Here: %s\nThere: %s"),
		 *c->local ? c->local : "-", *c->incoming ? c->incoming : "-");
	return WG_OK;
}

static int resolve(struct ui *ui, enum wg_sync_take take)
{
	static const char *const done[] = {
		[WG_SYNC_TAKE_NONE] = N_("Marked as dealt with."),
		[WG_SYNC_TAKE_LOCAL] = N_("The record holds what was here; every site will follow."),
		[WG_SYNC_TAKE_INCOMING] = N_("The record holds what came; every site will follow."),
	};
	if (wg_sync_conflict_resolve(ui->ctx, aside.id[aside.picked], take) != WG_OK)
		return ui_core_error(ui);
	ui_message(ui, false, "%s", _(done[take]));
	return UI_REDRAW;
}

static int dealt_with(struct ui *ui, void *arg)
{
	(void)arg;
	return resolve(ui, WG_SYNC_TAKE_NONE);
}

static int take_here(struct ui *ui, void *arg)
{
	(void)arg;
	return resolve(ui, WG_SYNC_TAKE_LOCAL);
}

static int take_there(struct ui *ui, void *arg)
{
	(void)arg;
	return resolve(ui, WG_SYNC_TAKE_INCOMING);
}

static int not_now(struct ui *ui, void *arg)
{
	(void)arg;
	ui_message(ui, false, "%s", _("Nothing was changed."));
	return UI_REDRAW;
}

/* One key decides: keep here's, take there's (either becomes a change every site follows),
 * or mark it dealt with after putting the record right by hand. */
static int conflict_picked(struct ui *ui, void *arg, int index)
{
	static const struct dialog_choice choices[] = {
		{ 'h', take_here }, { 't', take_there }, { 'y', dealt_with }, { 'n', not_now },
	};
	(void)arg;
	aside.picked = index;
	dialog_choose(ui, _("A sync conflict"), aside.text[index],
		      _("h: keep here's  t: take there's  y: put right by hand  n: not now"), choices, 4, NULL);
	return UI_REDRAW;
}

static int dash_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	(void)s, (void)k;
	if (act == ACT_COLLAPSE || act == ACT_EXPAND)
		return step_community(ui, act == ACT_EXPAND ? 1 : -1);
	if (act != ACT_FILTER)
		return UI_IGNORED;
	aside.n = 0;
	if (wg_sync_conflicts(ui->ctx, 0, keep_conflict, NULL) != WG_OK)
		return ui_core_error(ui);
	if (!aside.n) {
		ui_message(ui, false, "%s", _("Sync has set nothing aside."));
		return UI_REDRAW;
	}
	choice_menu_open(ui, _("Changes sync set aside"), aside.items, aside.n, conflict_picked, NULL);
	return UI_REDRAW;
}

const struct ui_screen_ops scr_dashboard = {
	.id = "dashboard",
	.tab = ACT_SCREEN1,
	.short_label = N_("Home"),
	.enter = dash_count,   /* overdue and due today follow the clock too */
	.reload = dash_count,
	.draw = dash_draw,
	.key = dash_key,
	.bar = dash_bar,
};
