/* Screens 4, 5, 6 and 9: read-only lists and the month's figures, on the shared list view. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>

#include <wangge/dashboard.h>
#include <wangge/i18n.h>
#include <wangge/lists.h>
#include "listview.h"

struct listscreen {
	struct listview lv;
};

static const enum ui_act list_bar[] = { ACT_HELP, ACT_MENU, ACT_QUIT, ACT_NONE };

static int open_list(struct ui *ui, struct ui_screen *s, const struct wg_list_source *src,
		     const struct lv_column *cols, int ncols, const char *empty)
{
	struct listscreen *ls = calloc(1, sizeof *ls);
	if (!ls)
		return WG_EIO;
	lv_init(&ls->lv, *src, cols, ncols);
	ls->lv.empty_text = empty;
	s->st = ls;
	lv_reload(ui, &ls->lv);
	return WG_OK;
}

static void list_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct listscreen *ls = s->st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (ls)
		lv_draw(ui, &ls->lv, w, 0, 0, h, wd);
}

static int list_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct listscreen *ls = s->st;
	(void)k;
	return ls ? lv_key(ui, &ls->lv, act) : UI_IGNORED;
}

static void list_close(struct ui *ui, struct ui_screen *s)
{
	struct listscreen *ls = s->st;
	(void)ui;
	if (ls) {
		lv_free(&ls->lv);
		free(ls);
	}
}

static const struct lv_column vol_cols[] = {
	{ N_("Name"), 12, true, false }, { N_("Number"), 8, false, false },
	{ N_("Phone"), 12, false, false }, { N_("Grid cell"), 20, false, false },
};

static int vol_open(struct ui *ui, struct ui_screen *s)
{
	return open_list(ui, s, &wg_list_volunteers, vol_cols, 4, N_("No volunteers yet."));
}

const struct ui_screen_ops scr_volunteers = {
	.id = "volunteers", .tab = ACT_SCREEN4, .short_label = N_("Volunt."), .open = vol_open,
	.draw = list_draw, .key = list_key, .close = list_close, .bar = list_bar,
};

static const struct lv_column org_cols[] = {
	{ N_("Social organization"), 20, true, false }, { N_("Kind"), 18, false, false },
	{ N_("Contact"), 12, false, false }, { N_("Projects"), 8, false, true },
};

static int org_open(struct ui *ui, struct ui_screen *s)
{
	return open_list(ui, s, &wg_list_orgs, org_cols, 4, N_("No social organizations yet."));
}

const struct ui_screen_ops scr_forces = {
	.id = "forces", .tab = ACT_SCREEN5, .short_label = N_("Forces"), .open = org_open,
	.draw = list_draw, .key = list_key, .close = list_close, .bar = list_bar,
};

static const struct lv_column shift_cols[] = {
	{ N_("Starts"), 16, false, false }, { N_("Post"), 16, true, false },
	{ N_("Grid cell"), 16, false, false }, { N_("Need"), 5, false, true },
	{ N_("Assigned"), 8, false, true },
};

static int shift_open(struct ui *ui, struct ui_screen *s)
{
	return open_list(ui, s, &wg_list_shifts, shift_cols, 5, N_("No shifts planned yet."));
}

const struct ui_screen_ops scr_roster = {
	.id = "roster", .tab = ACT_SCREEN6, .short_label = N_("Roster"), .open = shift_open,
	.draw = list_draw, .key = list_key, .close = list_close, .bar = list_bar,
};

static void reports_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	const struct wg_dashboard *dp = ui_dashboard(ui);
	char month[32], line[160];
	int h, wd, y = 3;
	(void)s;
	getmaxyx(w, h, wd);
	wg_format_time(wg_now(ui->ctx), "%Y-%m", month, sizeof month);
	snprintf(line, sizeof line, _("Month %s so far"), month);
	draw_text(w, 1, 2, line, wd - 4, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (!dp) {
		draw_text(w, y, 2, wg_error(ui->ctx), wd - 4, draw_attr(ui, ROLE_ERROR));
		return;
	}
	const struct wg_dashboard d = *dp;
	snprintf(line, sizeof line, _("Closed %d, open %d, overdue %d"), d.closed_month, d.open, d.overdue);
	draw_text(w, y++, 2, line, wd - 4, A_NORMAL);
	for (int i = 0; i < d.nsectors && y < h; i++, y++) {
		snprintf(line, sizeof line, "%-8s %-12s %5d", d.sectors[i].code, d.sectors[i].name, d.sectors[i].open);
		draw_text(w, y, 2, line, wd - 4, A_NORMAL);
	}
}

const struct ui_screen_ops scr_reports = {
	.id = "reports", .tab = ACT_SCREEN9, .short_label = N_("Reports"), .draw = reports_draw,
	.bar = list_bar,
};
