/* Screen 1: the overview - open, overdue, due today, closed this month, sectors, duty, sync. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>

#include <wangge/dashboard.h>
#include <wangge/i18n.h>
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
	int barw = width - 30;
	for (int i = 0; i < d->nsectors && i < h - 1; i++) {
		char num[16];
		draw_text(w, y + 1 + i, 2, d->sectors[i].name, 12, A_NORMAL);
		int len = d->sectors[i].open * barw / max;
		if (d->sectors[i].open && !len)
			len = 1;
		wattrset(w, draw_attr(ui, ROLE_SELECTED));
		mvwhline(w, y + 1 + i, 15, ui->ascii || !ui->color ? '#' : ' ', len);
		wattrset(w, A_NORMAL);
		snprintf(num, sizeof num, "%d", d->sectors[i].open);
		draw_text(w, y + 1 + i, 16 + len, num, 6, A_NORMAL);
	}
}

/* The figures are counted when the clerk comes to a screen, not at every key. */
const struct wg_dashboard *ui_dashboard(struct ui *ui)
{
	static struct wg_dashboard figures;
	if (!ui->dash_fresh && wg_dashboard(ui->ctx, &figures) != WG_OK)
		return NULL;
	ui->dash_fresh = true;
	return &figures;
}

static void dash_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	const struct wg_dashboard *dp = ui_dashboard(ui);
	int h, wd;
	(void)s;
	getmaxyx(w, h, wd);
	if (!dp) {
		draw_text(w, 1, 2, wg_error(ui->ctx), wd - 4, draw_attr(ui, ROLE_ERROR));
		return;
	}
	const struct wg_dashboard d = *dp;
	figure(ui, w, 1, 2, _("Open cases"), d.open, ROLE_NORMAL);
	figure(ui, w, 2, 2, _("Overdue"), d.overdue, ROLE_RED);
	figure(ui, w, 3, 2, _("Due today"), d.due_today, ROLE_YELLOW);
	figure(ui, w, 4, 2, _("Closed (month)"), d.closed_month, ROLE_GREEN);
	figure(ui, w, 1, 40, _("Grid cells"), d.cells, ROLE_NORMAL);
	figure(ui, w, 2, 40, _("Residents"), d.residents, ROLE_NORMAL);
	figure(ui, w, 3, 40, _("Volunteers"), d.volunteers, ROLE_NORMAL);
	figure(ui, w, 4, 40, _("On duty today"), d.on_duty, ROLE_GREEN);
	char sync[96], when[32];
	if (d.last_sync) {
		wg_format_time(d.last_sync, "%Y-%m-%d %H:%M", when, sizeof when);
		snprintf(sync, sizeof sync, _("Last sync: %s"), when);
	} else {
		snprintf(sync, sizeof sync, "%s", _("Last sync: never"));
	}
	draw_text(w, 5, 40, sync, wd - 42, draw_attr(ui, ROLE_DIM));
	draw_hline(ui, w, 6, 0, wd);
	draw_sectors(ui, w, &d, 7, h - 7, wd);
}

const struct ui_screen_ops scr_dashboard = {
	.id = "dashboard",
	.tab = ACT_SCREEN1,
	.short_label = N_("Home"),
	.draw = dash_draw,
	.bar = dash_bar,
};
