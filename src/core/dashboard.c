/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The overview's figures, each one indexed query. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/dashboard.h>
#include <wangge/i18n.h>
#include <wangge/notice.h>
#include <wangge/report.h>
#include <wangge/task.h>
#include <wangge/store.h>
#include "core-int.h"
#include "tally-priv.h"

/* ?1 ?2 the times given, ?3 the community's cell (its figures alone), 0 for the whole database. */
static int count(struct wg_ctx *ctx, const char *sql, int64_t a, int64_t b, int64_t area, int *out)
{
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, area);
	*out = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return WG_OK;
}

/* Open cases and active residents are maintained counts (tally-priv.h): no scan at start;
 * a community's are its cells' counts. */
#define IN_AREA(col) " AND (?3 = 0 OR " col " IN " WG_SQL_CELLS_UNDER("?3") ")"
static const char open_sql[] = "SELECT total(n) FROM tallies WHERE kind = 'open.cat'";
static const char open_in_sql[] = "SELECT total(n) FROM tallies WHERE kind = 'open.cell'" IN_AREA("key");
static const char closed_sql[] =
	"SELECT count(*) FROM tasks WHERE closed_at >= ?1 AND closed_at < ?2" IN_AREA("cell_id");
static const char duty_sql[] =
	"SELECT count(DISTINCT a.volunteer_id) FROM shifts s JOIN assignments a ON a.shift_id = s.id"
	" WHERE s.start_at < ?2 AND s.end_at > ?1" IN_AREA("s.cell_id");
static const char residents_sql[] = "SELECT total(n) FROM tallies WHERE kind = 'res.cell'" IN_AREA("key");
static const char volunteers_sql[] = "SELECT count(*) FROM volunteers WHERE active = 1" IN_AREA("cell_id");
static const char cells_sql[] = "SELECT count(*) FROM cells WHERE kind = 'grid'" IN_AREA("id");
static const char conflicts_sql[] = "SELECT count(*) FROM sync_conflicts WHERE NOT resolved";

/*
 * Open cases per sector: the maintained count per category (tally-priv.h), each summed up to
 * its sector through at most three parents (the tree has four levels), never a scan of the
 * cases; walking the whole tree down from the sectors instead took twice as long.
 */
_Static_assert(WG_CAT_LEVELS == 4, "by_sector walks up three parents");

#define BY_SECTOR(counts)                                                                          \
	"WITH t(key, n) AS (" counts "),"                                                          \
	" open(top, n) AS (SELECT CASE c.level WHEN 1 THEN c.id WHEN 2 THEN c.parent_id"           \
	"  WHEN 3 THEN p.parent_id ELSE pp.parent_id END, total(t.n) FROM t"                       \
	"  JOIN categories c ON c.id = t.key LEFT JOIN categories p ON p.id = c.parent_id"         \
	"  LEFT JOIN categories pp ON pp.id = p.parent_id GROUP BY 1)"                             \
	" SELECT s.code, s.name_zh, s.name_en, coalesce(o.n, 0) FROM categories s"                 \
	" LEFT JOIN open o ON o.top = s.id WHERE s.level = 1 ORDER BY s.sort, s.code"

static int by_sector(struct wg_ctx *ctx, int64_t area, struct wg_dashboard *d)
{
	static const char sql[] = BY_SECTOR("SELECT key, n FROM tallies WHERE kind = 'open.cat'");
	/* a community's open cases, from its cells' entries of the index by cell */
	static const char area_sql[] = BY_SECTOR("SELECT category_id, count(*) FROM tasks INDEXED BY tasks_open_deadline"
		" WHERE +cell_id IN " WG_SQL_CELLS_UNDER("?1") " AND " WG_TALLY_OPEN " GROUP BY 1");
	sqlite3_stmt *st = wg_stmt(ctx, area ? area_sql : sql);
	int rc;
	if (!st)
		return WG_EIO;
	if (area)
		sqlite3_bind_int64(st, 1, area);
	d->nsectors = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && d->nsectors < WG_DASH_SECTORS) {
		const char *en = (const char *)sqlite3_column_text(st, 2);
		int zh = wg_i18n_chinese_names() || !en || !*en;
		snprintf(d->sectors[d->nsectors].code, sizeof d->sectors[0].code, "%s",
			 (const char *)sqlite3_column_text(st, 0));
		snprintf(d->sectors[d->nsectors].name, sizeof d->sectors[0].name, "%s",
			 (const char *)sqlite3_column_text(st, zh ? 1 : 2));
		d->sectors[d->nsectors++].open = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("counting open cases"));
}

int wg_dashboard(struct wg_ctx *ctx, struct wg_dashboard *d)
{
	return wg_dashboard_in(ctx, NULL, d);
}

int wg_dashboard_in(struct wg_ctx *ctx, const char *community, struct wg_dashboard *d)
{
	int64_t area = 0;
	char name[sizeof d->community_name];
	int rc = wg_community_find(ctx, community, &area, name, sizeof name);
	if (rc != WG_OK)
		return rc;
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
	snprintf(d->community_name, sizeof d->community_name, "%s", name);
	const struct wg_task_filter in = { .cell_id = area };
	rc = count(ctx, area ? open_in_sql : open_sql, 0, 0, area, &d->open);
	long overdue = 0, due = 0;
	if (rc == WG_OK) rc = wg_task_queue_count(ctx, WG_Q_OVERDUE, area ? &in : NULL, &overdue);
	if (rc == WG_OK) rc = wg_task_queue_count(ctx, WG_Q_DUE_TODAY, area ? &in : NULL, &due);
	d->overdue = (int)overdue;
	d->due_today = (int)due;
	if (rc == WG_OK)
		rc = count(ctx, closed_sql, (int64_t)month, (int64_t)next_month, area, &d->closed_month);
	if (rc == WG_OK)
		rc = count(ctx, duty_sql, (int64_t)today, (int64_t)today + 86400, area, &d->on_duty);
	if (rc == WG_OK) rc = count(ctx, residents_sql, 0, 0, area, &d->residents);
	if (rc == WG_OK) rc = count(ctx, volunteers_sql, 0, 0, area, &d->volunteers);
	if (rc == WG_OK) rc = count(ctx, cells_sql, 0, 0, area, &d->cells);
	/* what sync set aside and the notices are the database's, whichever community is shown */
	if (rc == WG_OK) rc = count(ctx, conflicts_sql, 0, 0, 0, &d->sync_conflicts);
	if (rc == WG_OK) rc = wg_notice_overdue_count(ctx, &d->notices_overdue);
	if (rc == WG_OK) rc = by_sector(ctx, area, d);
	if (rc == WG_OK && wg_meta_get(ctx, "last_sync", buf, sizeof buf) == WG_OK)
		d->last_sync = (time_t)strtoll(buf, NULL, 10);
	return rc;
}
