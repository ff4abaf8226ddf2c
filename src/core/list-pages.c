/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Keyset-paged lists shared by simple screens, and the runner every paged list can use. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/lists.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include <wangge/volunteer.h>
#include "core-int.h"

static void bind_key(sqlite3_stmt *st, const struct wg_pagekey *key, int limit, int64_t area)
{
	if (key) {
		sqlite3_bind_text(st, 1, key->text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, key->num);
		sqlite3_bind_int64(st, 3, key->id);
	}
	sqlite3_bind_int(st, 4, limit);
	if (sqlite3_bind_parameter_count(st) >= 5)
		sqlite3_bind_int64(st, 5, area);
}

static int paged_fetch_in(struct wg_ctx *ctx, const struct wg_paged_sql *q, enum wg_page_dir dir,
			  const struct wg_pagekey *key, int limit, int64_t area, struct wg_rows *out)
{
	const char *sql = dir == WG_PAGE_FIRST ? q->first : dir == WG_PAGE_AFTER ? q->after
			: dir == WG_PAGE_BEFORE ? q->before : q->last;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	bind_key(st, dir == WG_PAGE_AFTER || dir == WG_PAGE_BEFORE ? key : NULL, limit, area);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct wg_pagekey k = { .num = sqlite3_column_int64(st, 1), .id = sqlite3_column_int64(st, 2) };
		const char *cols[WG_ROW_MAXCOLS];
		snprintf(k.text, sizeof k.text, "%s", (const char *)sqlite3_column_text(st, 0));
		for (int c = 0; c < q->ncols && c < WG_ROW_MAXCOLS; c++)
			cols[c] = (const char *)sqlite3_column_text(st, 3 + c);
		if (!wg_rows_add(out, &k, q->ncols, cols))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return wg_db_fail(ctx, "list");
	if (dir == WG_PAGE_BEFORE || dir == WG_PAGE_LAST)
		wg_rows_reverse(out); /* read backwards, shown forwards */
	return WG_OK;
}

int wg_paged_fetch(struct wg_ctx *ctx, const struct wg_paged_sql *q, enum wg_page_dir dir,
		   const struct wg_pagekey *key, int limit, struct wg_rows *out)
{
	return paged_fetch_in(ctx, q, dir, key, limit, 0, out);
}

/* Masks the phone column in place: lists never show full numbers. */
static void mask_column(struct wg_rows *r, int from, int col)
{
	for (int i = from; i < r->n; i++) {
		char masked[64];
		wg_mask_phone(r->rows[i].cols[col], masked, sizeof masked);
		snprintf(r->rows[i].cols[col], strlen(r->rows[i].cols[col]) + 1, "%s", masked);
	}
}

/* One fetch for every list of this file; area (a cell, 0 for all) is bound as ?5. */
static int fetch_masked(struct wg_ctx *ctx, const struct wg_paged_sql *q, enum wg_page_dir dir,
			const struct wg_pagekey *key, int limit, int64_t area, struct wg_rows *out)
{
	int from = out->n, rc = paged_fetch_in(ctx, q, dir, key, limit, area, out);
	if (q->phone_col >= 0)
		mask_column(out, from, q->phone_col);
	return rc;
}

/* arg is the list's struct wg_paged_sql. */
static int fetch_paged(struct wg_ctx *ctx, void *arg, enum wg_page_dir dir,
		       const struct wg_pagekey *key, int limit, struct wg_rows *out)
{
	return fetch_masked(ctx, arg, dir, key, limit, 0, out);
}

/* The last column holds the minutes served until fetch_volunteers makes it the star level. */
#define VOL_MINUTES "coalesce((SELECT sum(h.minutes) FROM hours_ledger h WHERE h.volunteer_id = v.id), 0)"
#define VOL_SEL "SELECT v.name, 0, v.id, v.name, v.vol_no, v.phone, coalesce(c.name, '')," \
	" printf('%.1f', " VOL_MINUTES " / 60.0), " VOL_MINUTES \
	" FROM volunteers v LEFT JOIN cells c ON c.id = v.cell_id WHERE v.active = 1" \
	" AND (?5 = 0 OR v.cell_id IN " WG_SQL_CELLS_UNDER("?5") ")"
static const struct wg_paged_sql vol_sql = {
	VOL_SEL " ORDER BY v.name, v.id LIMIT ?4",
	VOL_SEL " AND (v.name, v.id) > (?1, ?3) ORDER BY v.name, v.id LIMIT ?4",
	VOL_SEL " AND (v.name, v.id) < (?1, ?3) ORDER BY v.name DESC, v.id DESC LIMIT ?4",
	VOL_SEL " ORDER BY v.name DESC, v.id DESC LIMIT ?4", 6, 2,
};

int wg_volunteers_fetch(struct wg_ctx *ctx, void *arg, enum wg_page_dir dir,
			const struct wg_pagekey *key, int limit, struct wg_rows *out)
{
	const int64_t *area = arg;
	int from = out->n, rc = fetch_masked(ctx, &vol_sql, dir, key, limit, area ? *area : 0, out);
	for (int i = from; i < out->n; i++) { /* the star level is never longer than the minutes */
		char *m = out->rows[i].cols[5];
		snprintf(m, strlen(m) + 1, "%d", wg_star_level(ctx, atol(m)));
	}
	return rc;
}

#define ORG_SEL "SELECT o.name, 0, o.id, o.name, o.kind, o.contact," \
	" (SELECT count(*) FROM service_projects p WHERE p.org_id = o.id) FROM social_orgs o WHERE 1"
static const struct wg_paged_sql org_sql = {
	ORG_SEL " ORDER BY o.name, o.id LIMIT ?4",
	ORG_SEL " AND (o.name, o.id) > (?1, ?3) ORDER BY o.name, o.id LIMIT ?4",
	ORG_SEL " AND (o.name, o.id) < (?1, ?3) ORDER BY o.name DESC, o.id DESC LIMIT ?4",
	ORG_SEL " ORDER BY o.name DESC, o.id DESC LIMIT ?4", 4, -1,
};

/* The list sources' arg is a pointer to const data; fetch_paged only reads it. */
const struct wg_list_source wg_list_volunteers = { wg_volunteers_fetch, NULL };
const struct wg_list_source wg_list_orgs = { fetch_paged, (void *)&org_sql };
