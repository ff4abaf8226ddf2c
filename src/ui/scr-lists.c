/* Screen 5: social organizations, a read-only list on the shared list view. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>

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

