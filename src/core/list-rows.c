/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Row pages handed from core list sources to the list view. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include <wangge/rows.h>

void wg_rows_init(struct wg_rows *r)
{
	memset(r, 0, sizeof *r);
}

void wg_rows_clear(struct wg_rows *r)
{
	for (int i = 0; i < r->n; i++)
		for (int c = 0; c < r->rows[i].ncols; c++)
			free(r->rows[i].cols[c]);
	r->n = 0;
}

void wg_rows_free(struct wg_rows *r)
{
	wg_rows_clear(r);
	free(r->rows);
	wg_rows_init(r);
}

struct wg_row *wg_rows_add(struct wg_rows *r, const struct wg_pagekey *key, int ncols,
			   const char *const *cols)
{
	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 64;
		struct wg_row *nr = realloc(r->rows, (size_t)cap * sizeof *nr);
		if (!nr)
			return NULL;
		r->rows = nr;
		r->cap = cap;
	}
	struct wg_row *row = &r->rows[r->n];
	memset(row, 0, sizeof *row);
	row->key = *key;
	row->ncols = ncols < WG_ROW_MAXCOLS ? ncols : WG_ROW_MAXCOLS;
	for (int c = 0; c < row->ncols; c++) {
		row->cols[c] = strdup(cols[c] ? cols[c] : "");
		if (!row->cols[c]) {
			for (int k = 0; k < c; k++)
				free(row->cols[k]);
			return NULL;
		}
	}
	r->n++;
	return row;
}

void wg_rows_reverse(struct wg_rows *r)
{
	for (int i = 0, j = r->n - 1; i < j; i++, j--) {
		struct wg_row t = r->rows[i];
		r->rows[i] = r->rows[j];
		r->rows[j] = t;
	}
}
