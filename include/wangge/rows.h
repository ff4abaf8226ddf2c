/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Pages of display rows for lists with keyset paging (no OFFSET: cost is the same at any depth). */
#ifndef WANGGE_ROWS_H
#define WANGGE_ROWS_H

#include <stdint.h>

#define WG_ROW_MAXCOLS 16

/*
 * Where a row sits in its list's order: a text part, a number part and the
 * row id as the final tie-breaker.  A list orders by (text, num, id) or a
 * subset, as its source documents; the next page starts after the last key.
 */
struct wg_pagekey {
	char text[96];
	int64_t num;
	int64_t id;
};

struct wg_row {
	struct wg_pagekey key;
	int ncols;
	char *cols[WG_ROW_MAXCOLS]; /* display text, already masked where needed */
	int tone;                   /* 0 plain; 1 green, 2 yellow, 3 red (deadline lights) */
};

struct wg_rows {
	struct wg_row *rows;
	int n, cap;
};

enum wg_page_dir {
	WG_PAGE_FIRST,  /* from the start of the list */
	WG_PAGE_AFTER,  /* rows after key, ascending */
	WG_PAGE_BEFORE, /* rows before key, returned in ascending order */
	WG_PAGE_LAST,   /* the last rows of the list, ascending */
};

struct wg_ctx;

/* A list the UI can page through: fetch fills out with at most limit rows. */
struct wg_list_source {
	int (*fetch)(struct wg_ctx *ctx, void *arg, enum wg_page_dir dir,
		     const struct wg_pagekey *key, int limit, struct wg_rows *out);
	void *arg;
};

void wg_rows_init(struct wg_rows *r);
void wg_rows_clear(struct wg_rows *r);
void wg_rows_free(struct wg_rows *r);
/* Appends a row with ncols copies of cols; returns it or NULL when out of memory. */
struct wg_row *wg_rows_add(struct wg_rows *r, const struct wg_pagekey *key, int ncols,
			   const char *const *cols);
/* Reverses the order (a BEFORE page is read descending, shown ascending). */
void wg_rows_reverse(struct wg_rows *r);

#endif
