/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 9: the monthly report (the same table as 'wangge report monthly'), month by month,
 * for the whole database or one community (F7); F12 writes one of the departmental forms
 * (一表通) for the month shown as a workbook. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <errno.h>
#include <sys/stat.h>

#include <wangge/i18n.h>
#include <wangge/report.h>
#include <wangge/template.h>
#include "ui.h"

struct reportscreen {
	int year, month;
	bool framed;       /* a frame was drawn: counting may keep the clerk waiting no longer */
	bool pending;      /* the month is still to be counted */
	char community[64]; /* the community shown, "" for all */
	char *text;        /* the report as wg_report_text writes it */
	char **lines;
	int nlines, top;
};

static const enum ui_act report_bar[] = { ACT_HELP, ACT_COLLAPSE, ACT_EXPAND, ACT_FILTER, ACT_MENU,
					  ACT_QUIT, ACT_PRINT, ACT_NONE };

/* ---- The departmental forms: a list, and the one picked written as a workbook ---- */

#define FORMS 20

static struct {
	char names[FORMS][64], paths[FORMS][512], items[FORMS][256];
	int n;
} forms; /* the list shown: one menu at a time */

static int keep_form(void *arg, const char *name, const char *title, const char *path)
{
	(void)arg;
	if (forms.n < FORMS) {
		snprintf(forms.names[forms.n], sizeof forms.names[0], "%s", name);
		snprintf(forms.paths[forms.n], sizeof forms.paths[0], "%s", path);
		snprintf(forms.items[forms.n], sizeof forms.items[0], "%c %s  %s",
			 forms.n < 9 ? '1' + forms.n : ' ', name, title);
		forms.n++;
	}
	return WG_OK;
}

/* The folder forms go to: WANGGE_FORMS_DIR, else ~/wangge-forms (made when missing). */
static int forms_dir(char *out, size_t outsz)
{
	const char *dir = getenv("WANGGE_FORMS_DIR"), *home = getenv("HOME");
	if (dir && *dir)
		snprintf(out, outsz, "%s", dir);
	else
		snprintf(out, outsz, "%s/wangge-forms", home && *home ? home : ".");
	return mkdir(out, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

static int form_picked(struct ui *ui, void *arg, int index)
{
	struct reportscreen *rs = arg;
	struct wg_template_opts o = { .year = rs->year, .month = rs->month,
				      .community = rs->community[0] ? rs->community : NULL };
	char dir[512], path[1024];
	if (forms_dir(dir, sizeof dir) != 0) {
		ui_message(ui, true, _("cannot make the folder %s for forms"), dir);
		return UI_REDRAW;
	}
	/* the community shown (F7) fills the form, and names its file */
	snprintf(path, sizeof path, "%s/%s%s%s-%04d-%02d.xlsx", dir, forms.names[index],
		 rs->community[0] ? "-" : "", rs->community, rs->year % 10000, rs->month % 100);
	if (wg_template_render(ui->ctx, forms.paths[index], &o, NULL, path) != WG_OK)
		return ui_core_error(ui);
	ui_message(ui, false, _("The form was written to %s"), path);
	return UI_REDRAW;
}

static int pick_form(struct ui *ui, struct reportscreen *rs)
{
	char own[4096];
	const char *dirs[3];
	wg_template_dirs(own, dirs);
	forms.n = 0;
	if (wg_template_each(ui->ctx, dirs, keep_form, NULL) != WG_OK)
		return ui_core_error(ui);
	if (!forms.n) {
		ui_message(ui, true, "%s", _("No form templates are installed."));
		return UI_REDRAW;
	}
	choice_menu_open(ui, _("Departmental form for the month shown (written as a workbook)"),
			 forms.items, forms.n, form_picked, rs);
	return UI_REDRAW;
}

/* ---- Which community: all of them, or one ---- */

static void count(struct ui *ui, struct reportscreen *rs);

static int community_picked(struct ui *ui, void *arg, const char *code, const char *name)
{
	struct reportscreen *rs = arg;
	(void)name;
	snprintf(rs->community, sizeof rs->community, "%s", code);
	rs->top = 0;
	count(ui, rs);
	return UI_REDRAW;
}

static void forget(struct reportscreen *rs)
{
	free(rs->text);
	free(rs->lines);
	rs->text = NULL;
	rs->lines = NULL;
	rs->nlines = 0;
}

/* Counts the month again: when the clerk comes to the screen, when the month changes and when
 * the database does; the scroll position stays where the clerk left it. */
static void count(struct ui *ui, struct reportscreen *rs)
{
	struct wg_report r;
	size_t len = 0;
	forget(rs);
	if (wg_report_monthly_in(ui->ctx, rs->year, rs->month, rs->community, &r) != WG_OK) {
		ui_core_error(ui);
		return;
	}
	FILE *f = open_memstream(&rs->text, &len);
	if (f) {
		wg_report_text(&r, f);
		fclose(f);
	}
	wg_report_free(&r);
	wg_store_shrink(ui->ctx); /* the month's sorts gave up their memory: back now */
	for (char *p = rs->text; p && *p;) { /* split into lines in place */
		char **nl = realloc(rs->lines, (size_t)(rs->nlines + 1) * sizeof *nl), *end;
		if (!nl)
			break;
		rs->lines = nl;
		rs->lines[rs->nlines++] = p;
		if (!(end = strchr(p, '\n')))
			break;
		*end = '\0';
		p = end + 1;
	}
	if (rs->top >= rs->nlines)
		rs->top = 0;
}

/* The first frame comes before the count (a month of a district's cases takes a while);
 * the count follows at the first pause. */
static void rep_count(struct ui *ui, struct ui_screen *s)
{
	struct reportscreen *rs = s->st;
	if (!rs)
		return;
	rs->pending = !rs->framed;
	if (!rs->pending)
		count(ui, rs);
}

static int rep_open(struct ui *ui, struct ui_screen *s)
{
	struct reportscreen *rs = calloc(1, sizeof *rs);
	time_t now = wg_now(ui->ctx);
	struct tm tm;
	if (!rs)
		return WG_EIO;
	localtime_r(&now, &tm);
	rs->year = tm.tm_year + 1900;
	rs->month = tm.tm_mon + 1;
	s->st = rs;
	return WG_OK;
}

static void rep_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct reportscreen *rs = s->st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (!rs)
		return;
	draw_text(w, 0, 2, _("Left/Right: month; F7: community; Up/Down: scroll"),
		  wd - 4, draw_attr(ui, ROLE_DIM));
	rs->framed = true;
	if (rs->pending) {
		draw_text(w, 2, 2, _("Counting the month's cases..."), wd - 4, draw_attr(ui, ROLE_DIM));
		ui_read_later(s);
		return;
	}
	for (int y = 2, i = rs->top; y < h && i < rs->nlines; y++, i++)
		draw_text(w, y, 2, rs->lines[i], wd - 4,
			  i == 0 ? (int)(draw_attr(ui, ROLE_LABEL) | A_BOLD) : (int)A_NORMAL);
}

static int rep_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct reportscreen *rs = s->st;
	int page = LINES > 8 ? LINES - 8 : 1;
	(void)k;
	if (!rs)
		return UI_IGNORED;
	switch (act) {
	case ACT_COLLAPSE:
	case ACT_EXPAND:
		rs->month += act == ACT_EXPAND ? 1 : -1;
		if (rs->month == 0)
			rs->month = 12, rs->year--;
		if (rs->month == 13)
			rs->month = 1, rs->year++;
		rs->top = 0;
		count(ui, rs);
		return UI_REDRAW;
	case ACT_DOWN: rs->top += rs->top + 1 < rs->nlines; return UI_REDRAW;
	case ACT_UP: rs->top -= rs->top > 0; return UI_REDRAW;
	case ACT_PGDN:
		rs->top = rs->top + page < rs->nlines ? rs->top + page : rs->top;
		return UI_REDRAW;
	case ACT_PGUP: rs->top = rs->top > page ? rs->top - page : 0; return UI_REDRAW;
	case ACT_HOME: rs->top = 0; return UI_REDRAW;
	case ACT_PRINT: return pick_form(ui, rs);
	case ACT_FILTER: return community_menu_open(ui, _("The month of which community"), community_picked, rs);
	case ACT_END: rs->top = rs->nlines > 1 ? rs->nlines - 1 : 0; return UI_REDRAW;
	default: return UI_IGNORED;
	}
}

static void rep_close(struct ui *ui, struct ui_screen *s)
{
	struct reportscreen *rs = s->st;
	(void)ui;
	if (rs) {
		forget(rs);
		free(rs);
	}
}

const struct ui_screen_ops scr_reports = {
	.id = "reports", .tab = ACT_SCREEN9, .short_label = N_("Reports"), .open = rep_open,
	.enter = rep_count, /* the month so far follows the clock: what fell due since */
	.reload = rep_count, .draw = rep_draw, .key = rep_key, .close = rep_close, .bar = report_bar,
};
