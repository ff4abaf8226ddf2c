/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The nine screens in tab order. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "ui.h"

extern const struct ui_screen_ops scr_dashboard, scr_cells, scr_residents, scr_volunteers,
	scr_forces, scr_roster, scr_categories, scr_tasks, scr_reports;

const struct ui_screen_ops *const ui_screen_table[UI_SCREENS] = {
	&scr_dashboard, &scr_cells, &scr_residents, &scr_volunteers, &scr_forces,
	&scr_roster, &scr_categories, &scr_tasks, &scr_reports,
};
