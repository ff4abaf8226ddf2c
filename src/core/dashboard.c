/* The overview's figures, each one indexed query. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/dashboard.h>
#include <wangge/store.h>
#include "ctx-priv.h"

static int count(struct wg_ctx *ctx, const char *sql, int64_t a, int64_t b, int *out)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	*out = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return WG_OK;
}

static const char open_sql[] =
	"SELECT count(*) FROM tasks WHERE state NOT IN ('closed','rejected','merged')";
static const char overdue_sql[] =
	"SELECT count(*) FROM tasks WHERE deadline_at < ?1"
	" AND state NOT IN ('closed','rejected','merged','suspended')";
static const char due_sql[] =
	"SELECT count(*) FROM tasks WHERE deadline_at >= ?1 AND deadline_at < ?2"
	" AND state NOT IN ('closed','rejected','merged','suspended')";
static const char closed_sql[] =
	"SELECT count(*) FROM tasks WHERE closed_at >= ?1 AND closed_at < ?2";
static const char duty_sql[] =
	"SELECT count(DISTINCT a.volunteer_id) FROM shifts s JOIN assignments a ON a.shift_id = s.id"
	" WHERE s.start_at < ?2 AND s.end_at > ?1";
static const char residents_sql[] = "SELECT count(*) FROM residents WHERE active = 1";
static const char volunteers_sql[] = "SELECT count(*) FROM volunteers WHERE active = 1";
static const char cells_sql[] = "SELECT count(*) FROM cells WHERE kind = 'grid'";

static int by_sector(struct wg_ctx *ctx, struct wg_dashboard *d)
{
	static const char sql[] =
		"SELECT s.code, s.name_zh, (SELECT count(*) FROM tasks t JOIN categories c ON c.id = t.category_id"
		"  WHERE t.state NOT IN ('closed','rejected','merged') AND c.code >= s.code"
		"  AND c.code < s.code || x'ff')"
		" FROM categories s WHERE s.level = 1 AND s.active = 1 ORDER BY s.sort, s.code";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	d->nsectors = 0;
	while (d->nsectors < WG_DASH_SECTORS && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(d->sectors[d->nsectors].code, sizeof d->sectors[0].code, "%s",
			 (const char *)sqlite3_column_text(st, 0));
		snprintf(d->sectors[d->nsectors].name, sizeof d->sectors[0].name, "%s",
			 (const char *)sqlite3_column_text(st, 1));
		d->sectors[d->nsectors++].open = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	return WG_OK;
}

int wg_dashboard(struct wg_ctx *ctx, struct wg_dashboard *d)
{
	time_t now = wg_now(ctx);
	struct tm tm;
	localtime_r(&now, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	time_t today = mktime(&tm);
	tm.tm_mday = 1;
	time_t month = mktime(&tm);
	tm.tm_mon++;
	time_t next_month = mktime(&tm);
	char buf[32];
	memset(d, 0, sizeof *d);
	int rc = count(ctx, open_sql, 0, 0, &d->open);
	if (rc == WG_OK) rc = count(ctx, overdue_sql, (int64_t)now, 0, &d->overdue);
	if (rc == WG_OK) rc = count(ctx, due_sql, (int64_t)now, (int64_t)today + 86400, &d->due_today);
	if (rc == WG_OK) rc = count(ctx, closed_sql, (int64_t)month, (int64_t)next_month, &d->closed_month);
	if (rc == WG_OK) rc = count(ctx, duty_sql, (int64_t)today, (int64_t)today + 86400, &d->on_duty);
	if (rc == WG_OK) rc = count(ctx, residents_sql, 0, 0, &d->residents);
	if (rc == WG_OK) rc = count(ctx, volunteers_sql, 0, 0, &d->volunteers);
	if (rc == WG_OK) rc = count(ctx, cells_sql, 0, 0, &d->cells);
	if (rc == WG_OK) rc = by_sector(ctx, d);
	if (rc == WG_OK && wg_meta_get(ctx, "last_sync", buf, sizeof buf) == WG_OK)
		d->last_sync = (time_t)strtoll(buf, NULL, 10);
	return rc;
}
