/* Screen 5: the social forces - organizations (Enter: workers and projects), joint conferences. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>

#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/lists.h>
#include "listview.h"

static const enum ui_act list_bar[] = { ACT_HELP, ACT_MENU, ACT_QUIT, ACT_NONE };

static const struct lv_column org_cols[] = {
	{ N_("Social organization"), 20, true, false }, { N_("Kind"), 18, false, false },
	{ N_("Contact"), 12, false, false }, { N_("Projects"), 8, false, true },
};

#define CONF_LINES 5
#define DETAIL_LINES 40

/* Screen 5: the organizations; Enter shows one with its social workers and projects. */
struct forces {
	struct listview lv;
	bool detail;
	int64_t detail_id;
	char lines[DETAIL_LINES][400];
	char labels[DETAIL_LINES][64];
	int n;
	char conf[CONF_LINES][300];
	int nconf;
};

static const enum ui_act detail_bar[] = { ACT_HELP, ACT_BACK, ACT_MENU, ACT_QUIT, ACT_NONE };

static int keep_conf(void *arg, const char *date, const char *topic, int cases, const char *decision)
{
	struct forces *f = arg;
	if (f->nconf < CONF_LINES)
		snprintf(f->conf[f->nconf++], sizeof f->conf[0],
			 /* L10N: a joint conference: date, topic, cases brought, decision */
			 _("%s  %s  (%d cases)  %s"), date, topic, cases, *decision ? decision : _("open"));
	return WG_OK;
}

static void read_conferences(struct ui *ui, struct forces *f)
{
	f->nconf = 0;
	if (wg_conference_each(ui->ctx, CONF_LINES, keep_conf, f) != WG_OK)
		ui_core_error(ui);
}

static int org_open(struct ui *ui, struct ui_screen *s)
{
	struct forces *f = calloc(1, sizeof *f);
	if (!f)
		return WG_EIO;
	lv_init(&f->lv, wg_list_orgs, org_cols, 4);
	f->lv.empty_text = N_("No social organizations yet.");
	s->st = f;
	lv_reload(ui, &f->lv);
	read_conferences(ui, f);
	return WG_OK;
}

static int keep_line(void *arg, int kind, const char *label, const char *text)
{
	struct forces *f = arg;
	(void)kind;
	if (f->n < DETAIL_LINES) {
		snprintf(f->labels[f->n], sizeof f->labels[0], "%s", label);
		snprintf(f->lines[f->n++], sizeof f->lines[0], "%s", text);
	}
	return WG_OK;
}

/* One organization with its social workers and projects; false with the reason shown. */
static bool read_detail(struct ui *ui, struct forces *f, int64_t id)
{
	f->n = 0;
	if (wg_org_detail(ui->ctx, id, keep_line, f) != WG_OK)
		return ui_core_error(ui), false;
	f->detail_id = id;
	return true;
}

/* The database changed: the list, the conferences and the open organization are read again. */
static void org_refresh(struct ui *ui, struct ui_screen *s)
{
	struct forces *f = s->st;
	if (!f)
		return;
	lv_refresh(ui, &f->lv);
	read_conferences(ui, f);
	if (f->detail && !read_detail(ui, f, f->detail_id))
		f->detail = false;
}

static void org_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct forces *f = s->st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (!f)
		return;
	if (f->detail) {
		for (int i = 0; i < f->n && i + 1 < h; i++) {
			draw_text(w, i + 1, 2, f->labels[i], 14, draw_attr(ui, ROLE_LABEL));
			draw_text(w, i + 1, 17, f->lines[i], wd - 19, (int)A_NORMAL);
		}
		return;
	}
	int list_h = h - (CONF_LINES + 2);
	lv_draw(ui, &f->lv, w, 0, 0, list_h, wd);
	draw_text(w, list_h + 1, 2, _("Joint conferences (newest first)"), wd - 4,
		  draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (!f->nconf)
		draw_text(w, list_h + 2, 4, _("none yet"), wd - 6, draw_attr(ui, ROLE_DIM));
	for (int i = 0; i < f->nconf && list_h + 2 + i < h; i++)
		draw_text(w, list_h + 2 + i, 4, f->conf[i], wd - 6, (int)A_NORMAL);
}

static int org_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct forces *f = s->st;
	(void)k;
	if (!f)
		return UI_IGNORED;
	if (f->detail) {
		if (act != ACT_BACK)
			return UI_IGNORED;
		f->detail = false;
		return UI_REDRAW;
	}
	if (act == ACT_OPEN) {
		const struct wg_row *row = lv_selected(&f->lv);
		f->detail = row && read_detail(ui, f, row->key.id);
		return UI_REDRAW;
	}
	return lv_key(ui, &f->lv, act);
}

static void org_close(struct ui *ui, struct ui_screen *s)
{
	struct forces *f = s->st;
	(void)ui;
	if (f)
		lv_free(&f->lv);
	free(f);
}

static const enum ui_act *org_bar(struct ui_screen *s)
{
	struct forces *f = s->st;
	return f && f->detail ? detail_bar : list_bar;
}

const struct ui_screen_ops scr_forces = {
	.id = "forces", .tab = ACT_SCREEN5, .short_label = N_("Forces"), .open = org_open,
	.reload = org_refresh, .draw = org_draw, .key = org_key, .close = org_close, .bar_for = org_bar,
};

