/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A list view over a core list source: only the visible rows are fetched (keyset paging). */
#ifndef WANGGE_UI_LISTVIEW_H
#define WANGGE_UI_LISTVIEW_H

#include <wangge/rows.h>
#include "ui.h"

struct lv_column {
	const char *label; /* N_() */
	int width;         /* display columns; the flex column takes what is left */
	bool flex;
	bool right;        /* right-aligned (numbers) */
};

struct listview {
	struct wg_list_source src;
	const struct lv_column *cols;
	int ncols;
	struct wg_rows rows; /* exactly the rows on screen */
	int sel;
	int height;
	bool at_start, at_end;
	const char *empty_text; /* N_(): shown when the list has no rows */
	/* Rows the owner has marked (for actions on several rows); NULL: none. */
	bool (*is_marked)(void *arg, const struct wg_row *row);
	void *mark_arg;
};

void lv_init(struct listview *lv, struct wg_list_source src, const struct lv_column *cols, int ncols);
void lv_free(struct listview *lv);
/* Fetches from the top again (after a new search or filter). */
int lv_reload(struct ui *ui, struct listview *lv);
/* Fetches the same window again (after a change), keeping the selection's place. */
int lv_refresh(struct ui *ui, struct listview *lv);
/* Handles movement actions; UI_IGNORED for others. */
int lv_key(struct ui *ui, struct listview *lv, enum ui_act act);
void lv_draw(struct ui *ui, struct listview *lv, WINDOW *w, int y, int x, int h, int width);
/* The selected row, or NULL when the list is empty. */
const struct wg_row *lv_selected(const struct listview *lv);

#endif
