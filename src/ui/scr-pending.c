/* Screens 2, 3 and 8 until their modules land: say what they will hold. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <wangge/i18n.h>
#include "ui.h"

static const enum ui_act pending_bar[] = { ACT_HELP, ACT_MENU, ACT_QUIT, ACT_NONE };

static void pending_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	(void)s;
	draw_text(w, 1, 2, _("This screen is not available in this build yet."), 60, draw_attr(ui, ROLE_DIM));
}

const struct ui_screen_ops scr_cells = {
	.id = "cells", .tab = ACT_SCREEN2, .short_label = N_("Grid"), .draw = pending_draw, .bar = pending_bar,
};
const struct ui_screen_ops scr_residents = {
	.id = "residents", .tab = ACT_SCREEN3, .short_label = N_("People"), .draw = pending_draw,
	.bar = pending_bar,
};
const struct ui_screen_ops scr_tasks = {
	.id = "tasks", .tab = ACT_SCREEN8, .short_label = N_("Tasks"), .draw = pending_draw, .bar = pending_bar,
};
