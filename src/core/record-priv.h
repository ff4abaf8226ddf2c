/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Small helpers the cell, resident and patrol modules share: reading columns, stamping rows. */
#ifndef WANGGE_RECORD_PRIV_H
#define WANGGE_RECORD_PRIV_H

#include <stdio.h>
#include <string.h>

#include <wangge/store.h>
#include "core-int.h"

/* Copies a text column (NULL as "") into a fixed buffer, cut at a character boundary. */
static inline void wg_copy(char *out, size_t outsz, const char *s);
static inline void wg_col_copy(sqlite3_stmt *st, int col, char *out, size_t outsz)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	wg_copy(out, outsz, s ? s : "");
}

/* Copies s into a fixed buffer, cut (if at all) at a character boundary. */
static inline void wg_copy(char *out, size_t outsz, const char *s)
{
	size_t n = strlen(s);
	if (outsz == 0)
		return;
	if (n >= outsz) {
		n = outsz - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memmove(out, s, n);
	out[n] = '\0';
}

/* Binds an id, or NULL for 0 (no reference). */
static inline void wg_bind_ref(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* Binds the acting user and the clock to the two parameters from i on (at, by). */
static inline void wg_bind_stamp(struct wg_ctx *ctx, sqlite3_stmt *st, int i)
{
	sqlite3_bind_int64(st, i, (int64_t)wg_now(ctx));
	wg_bind_ref(st, i + 1, ctx->user_id);
}

/* The integer first column of sql run with ?1 = key: 0 when no row, -1 when it cannot run. */
static inline int64_t wg_id_by_text(struct wg_ctx *ctx, const char *sql, const char *key)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int64_t id = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

/* Runs a prepared write to its end and resets it; SQLite's result code. */
static inline int wg_step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc;
}

/* Today's date from the pinned clock, for checks against "the future". */
static inline void wg_today(const struct wg_ctx *ctx, int *y, int *m, int *d)
{
	time_t now = wg_now(ctx);
	struct tm tm;
	localtime_r(&now, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

/* Today as YYYY-MM-DD. */
static inline void wg_today_text(const struct wg_ctx *ctx, char out[11])
{
	int y, m, d;
	wg_today(ctx, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

#endif
