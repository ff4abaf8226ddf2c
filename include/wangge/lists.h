/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Simple keyset-paged lists for the overview screens: volunteers, organisations, shifts. */
#ifndef WANGGE_LISTS_H
#define WANGGE_LISTS_H

#include <wangge/rows.h>

/* Four statements of one list; each selects key_text, key_num, id, then display columns. */
struct wg_paged_sql {
	const char *first, *after, *before, *last;
	int ncols;      /* display columns */
	int phone_col;  /* a display column holding a phone number, masked; -1 none */
};

/* Runs the statement for dir, binding the key as ?1 text, ?2 num, ?3 id, and ?4 limit. */
int wg_paged_fetch(struct wg_ctx *ctx, const struct wg_paged_sql *q, enum wg_page_dir dir,
		   const struct wg_pagekey *key, int limit, struct wg_rows *out);

extern const struct wg_list_source wg_list_volunteers; /* name, number, phone (masked), cell,
							 hours, stars */
/* The same list, of one community (or any cell) and the cells below: arg points to the cell's
 * key (int64_t; 0 or a NULL arg: every volunteer). */
int wg_volunteers_fetch(struct wg_ctx *ctx, void *arg, enum wg_page_dir dir,
			const struct wg_pagekey *key, int limit, struct wg_rows *out);
extern const struct wg_list_source wg_list_orgs;       /* name, kind, contact, projects */

#endif
