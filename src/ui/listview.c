/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* List view: draws a page of rows and moves through the list by keys, never by offsets. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/text.h>
#include "listview.h"

void lv_init(struct listview *lv, struct wg_list_source src, const struct lv_column *cols, int ncols)
{
	memset(lv, 0, sizeof *lv);
	lv->src = src;
	lv->cols = cols;
	lv->ncols = ncols;
	lv->height = 10;
	lv->at_start = lv->at_end = true;
	wg_rows_init(&lv->rows);
}

void lv_free(struct listview *lv)
{
	wg_rows_free(&lv->rows);
}

static int fetch(struct ui *ui, struct listview *lv, enum wg_page_dir dir, const struct wg_pagekey *key,
		 int limit, struct wg_rows *out)
{
	wg_rows_clear(out);
	if (lv->src.fetch(ui->ctx, lv->src.arg, dir, key, limit, out) != WG_OK)
		return ui_core_error(ui), -1;
	return out->n;
}

/* Replaces the window with fresh rows. */
static void take(struct listview *lv, struct wg_rows *fresh)
{
	wg_rows_free(&lv->rows);
	lv->rows = *fresh;
	wg_rows_init(fresh);
	if (lv->sel >= lv->rows.n)
		lv->sel = lv->rows.n ? lv->rows.n - 1 : 0;
}

int lv_reload(struct ui *ui, struct listview *lv)
{
	struct wg_rows fresh;
	wg_rows_init(&fresh);
	int n = fetch(ui, lv, WG_PAGE_FIRST, NULL, lv->height, &fresh);
	lv->sel = 0;
	lv->at_start = true;
	lv->at_end = n < lv->height;
	take(lv, &fresh);
	return UI_REDRAW;
}

static int page_last(struct ui *ui, struct listview *lv)
{
	struct wg_rows fresh;
	wg_rows_init(&fresh);
	int n = fetch(ui, lv, WG_PAGE_LAST, NULL, lv->height, &fresh);
	lv->at_end = true;
	lv->at_start = n < lv->height;
	take(lv, &fresh);
	lv->sel = lv->rows.n ? lv->rows.n - 1 : 0;
	return UI_REDRAW;
}

/* The index of the row with this key's id in the window, or -1. */
static int row_index(const struct listview *lv, int64_t id)
{
	for (int i = 0; i < lv->rows.n; i++)
		if (lv->rows.rows[i].key.id == id)
			return i;
	return -1;
}

/* A window at the top stays at the top (rows added there come into view); one further down
 * stays after the row before it.  The selected row stays selected where it is still shown. */
int lv_refresh(struct ui *ui, struct listview *lv)
{
	if (!lv->rows.n)
		return lv_reload(ui, lv);
	struct wg_rows before, fresh;
	wg_rows_init(&before);
	wg_rows_init(&fresh);
	int sel = lv->sel;
	int64_t sel_id = lv->rows.rows[sel].key.id;
	int got = lv->at_start ? 0 : fetch(ui, lv, WG_PAGE_BEFORE, &lv->rows.rows[0].key, 1, &before);
	int n = got > 0 ? fetch(ui, lv, WG_PAGE_AFTER, &before.rows[0].key, lv->height, &fresh)
			: fetch(ui, lv, WG_PAGE_FIRST, NULL, lv->height, &fresh);
	lv->at_start = got <= 0;
	lv->at_end = n < lv->height;
	take(lv, &fresh);
	wg_rows_free(&before);
	int at = row_index(lv, sel_id);
	lv->sel = at >= 0 ? at : sel < lv->rows.n ? sel : (lv->rows.n ? lv->rows.n - 1 : 0);
	return UI_REDRAW;
}

/* One row further than the window's edge: shift the window by one. */
static int step(struct ui *ui, struct listview *lv, int dir)
{
	struct wg_rows one;
	wg_rows_init(&one);
	const struct wg_row *edge = dir > 0 ? &lv->rows.rows[lv->rows.n - 1] : &lv->rows.rows[0];
	if (fetch(ui, lv, dir > 0 ? WG_PAGE_AFTER : WG_PAGE_BEFORE, &edge->key, 1, &one) <= 0) {
		if (dir > 0)
			lv->at_end = true;
		else
			lv->at_start = true;
		wg_rows_free(&one);
		return UI_HANDLED;
	}
	struct wg_rows *r = &lv->rows;
	int drop = dir > 0 ? 0 : r->n - 1;
	for (int c = 0; c < r->rows[drop].ncols; c++)
		free(r->rows[drop].cols[c]);
	if (dir > 0) {
		memmove(&r->rows[0], &r->rows[1], (size_t)(r->n - 1) * sizeof r->rows[0]);
		r->rows[r->n - 1] = one.rows[0];
		lv->at_start = false;
	} else {
		memmove(&r->rows[1], &r->rows[0], (size_t)(r->n - 1) * sizeof r->rows[0]);
		r->rows[0] = one.rows[0];
		lv->at_end = false;
	}
	one.n = 0; /* the row now belongs to the window */
	wg_rows_free(&one);
	return UI_REDRAW;
}

static int page(struct ui *ui, struct listview *lv, int dir)
{
	if (!lv->rows.n || (dir > 0 ? lv->at_end : lv->at_start)) {
		lv->sel = dir > 0 ? (lv->rows.n ? lv->rows.n - 1 : 0) : 0;
		return UI_REDRAW;
	}
	struct wg_rows fresh;
	wg_rows_init(&fresh);
	const struct wg_row *edge = dir > 0 ? &lv->rows.rows[lv->rows.n - 1] : &lv->rows.rows[0];
	int n = fetch(ui, lv, dir > 0 ? WG_PAGE_AFTER : WG_PAGE_BEFORE, &edge->key, lv->height, &fresh);
	if (n < lv->height) { /* a short page: show the last (or first) full page instead */
		wg_rows_free(&fresh);
		int sel = lv->sel;
		if (dir > 0)
			page_last(ui, lv);
		else
			lv_reload(ui, lv);
		lv->sel = sel < lv->rows.n ? sel : lv->rows.n - 1;
		return UI_REDRAW;
	}
	take(lv, &fresh);
	lv->at_start = lv->at_end = false;
	return UI_REDRAW;
}

int lv_key(struct ui *ui, struct listview *lv, enum ui_act act)
{
	switch (act) {
	case ACT_DOWN:
		if (lv->sel + 1 < lv->rows.n)
			return lv->sel++, UI_REDRAW;
		return lv->rows.n && !lv->at_end ? step(ui, lv, 1) : UI_HANDLED;
	case ACT_UP:
		if (lv->sel > 0)
			return lv->sel--, UI_REDRAW;
		return lv->rows.n && !lv->at_start ? step(ui, lv, -1) : UI_HANDLED;
	case ACT_PGDN: return page(ui, lv, 1);
	case ACT_PGUP: return page(ui, lv, -1);
	case ACT_HOME: return lv_reload(ui, lv);
	case ACT_END: return page_last(ui, lv);
	default: return UI_IGNORED;
	}
}

const struct wg_row *lv_selected(const struct listview *lv)
{
	return lv->rows.n ? &lv->rows.rows[lv->sel] : NULL;
}

/* Columns by display width within width: the flex column takes what is left, or gives up
 * room down to FLEX_MIN; columns that still do not fit are cut at the edge (or left out),
 * so a row never runs past its pane.  A column of width 0 is hidden.  The last display
 * column is kept free for the scroll marks. */
#define FLEX_MIN 6
static void column_widths(const struct listview *lv, int width, int *out)
{
	int used = 0, flex = -1;
	for (int c = 0; c < lv->ncols; c++) {
		out[c] = lv->cols[c].width;
		used += out[c] ? out[c] + 1 : 0;
		if (lv->cols[c].flex)
			flex = c;
	}
	if (flex >= 0 && width > used)
		out[flex] += width - used;
	else if (flex >= 0 && used > width)
		out[flex] = out[flex] - (used - width) > FLEX_MIN ? out[flex] - (used - width) : FLEX_MIN;
	for (int c = 0, x = 0; c < lv->ncols; c++) {
		int room = width - 1 - x;
		if (out[c] > room)
			out[c] = room > 1 ? room : 0;
		x += out[c] ? out[c] + 1 : 0;
	}
}

void lv_draw(struct ui *ui, struct listview *lv, WINDOW *w, int y, int x, int h, int width)
{
	int widths[WG_ROW_MAXCOLS];
	if (h - 1 != lv->height) { /* the terminal changed size: fill the new height */
		lv->height = h - 1 > 1 ? h - 1 : 1;
		lv_refresh(ui, lv);
	}
	column_widths(lv, width, widths);
	for (int c = 0, cx = x; c < lv->ncols; cx += widths[c] ? widths[c] + 1 : 0, c++)
		draw_text(w, y, cx, _(lv->cols[c].label), widths[c], draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (!lv->rows.n && lv->empty_text)
		draw_text(w, y + 2, x + 2, _(lv->empty_text), width - 4, draw_attr(ui, ROLE_DIM));
	for (int r = 0; r < lv->rows.n && r < lv->height; r++) {
		const struct wg_row *row = &lv->rows.rows[r];
		bool marked = lv->is_marked && lv->is_marked(lv->mark_arg, row);
		int base = (r == lv->sel ? draw_attr(ui, ROLE_SELECTED) : (int)A_NORMAL) | (marked ? A_BOLD : 0);
		if (r == lv->sel)
			mvwhline(w, y + 1 + r, x, ' ' | (chtype)base, width);
		for (int c = 0, cx = x; c < lv->ncols && c < row->ncols; cx += widths[c] ? widths[c] + 1 : 0, c++) {
			if (!widths[c])
				continue;
			int attr = base;
			if (c == 0 && row->tone && r != lv->sel)
				attr = draw_attr(ui, (enum ui_role)(ROLE_GREEN + row->tone - 1));
			char cell[512];
			wg_text_align(cell, sizeof cell, row->cols[c], (size_t)widths[c],
				      lv->cols[c].right ? WG_TEXT_RIGHT : WG_TEXT_LEFT, ui->ascii ? WG_TEXT_ASCII : 0);
			draw_text(w, y + 1 + r, cx, cell, widths[c], attr);
		}
		if (marked)
			draw_text(w, y + 1 + r, x + width - 2, "*", 1, base);
	}
	if (!lv->at_start)
		draw_text(w, y + 1, x + width - 1, ui->ascii ? "^" : "↑", 1, draw_attr(ui, ROLE_DIM));
	if (!lv->at_end && lv->rows.n)
		draw_text(w, y + lv->rows.n, x + width - 1, ui->ascii ? "v" : "↓", 1, draw_attr(ui, ROLE_DIM));
}
