/* The overview's figures, each one indexed query. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/dashboard.h>
#include <wangge/i18n.h>
#include <wangge/task.h>
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

/* INDEXED BY: the partial index holds only open cases, a few percent of all (schema.c). */
static const char open_sql[] =
	"SELECT count(*) FROM tasks INDEXED BY tasks_open_deadline"
	" WHERE state NOT IN ('closed','rejected','merged')";
static const char closed_sql[] =
	"SELECT count(*) FROM tasks WHERE closed_at >= ?1 AND closed_at < ?2";
static const char duty_sql[] =
	"SELECT count(DISTINCT a.volunteer_id) FROM shifts s JOIN assignments a ON a.shift_id = s.id"
	" WHERE s.start_at < ?2 AND s.end_at > ?1";
static const char residents_sql[] = "SELECT count(*) FROM residents WHERE active = 1";
static const char volunteers_sql[] = "SELECT count(*) FROM volunteers WHERE active = 1";
static const char cells_sql[] = "SELECT count(*) FROM cells WHERE kind = 'grid'";
static const char conflicts_sql[] = "SELECT count(*) FROM sync_conflicts WHERE NOT resolved";

/*
 * Open cases per sector in one pass: count per category, then climb each
 * category's parents in memory (the table is a few thousand rows), instead
 * of one correlated count per sector over all cases.
 */
static int by_sector(struct wg_ctx *ctx, struct wg_dashboard *d)
{
	static const char cats_sql[] =
		"SELECT id, coalesce(parent_id, 0), level, code, name_zh, name_en FROM categories"
		" ORDER BY level, sort, code";
	static const char open_sql_by_cat[] =
		"SELECT category_id, count(*) FROM tasks INDEXED BY tasks_open_deadline"
		" WHERE state NOT IN ('closed','rejected','merged') AND category_id IS NOT NULL"
		" GROUP BY category_id";
	struct node { int64_t id, parent; int sector; } *nodes = NULL;
	int n = 0, cap = 0, rc = WG_OK;
	sqlite3_stmt *st = wg_stmt(ctx, cats_sql);
	d->nsectors = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			struct node *nn = realloc(nodes, (size_t)cap * sizeof *nn);
			if (!nn)
				break;
			nodes = nn;
		}
		struct node *x = &nodes[n++];
		x->id = sqlite3_column_int64(st, 0);
		x->parent = sqlite3_column_int64(st, 1);
		x->sector = -1;
		if (sqlite3_column_int(st, 2) == 1 && d->nsectors < WG_DASH_SECTORS) {
			x->sector = d->nsectors;
			snprintf(d->sectors[d->nsectors].code, sizeof d->sectors[0].code, "%s",
				 (const char *)sqlite3_column_text(st, 3));
			const char *en = (const char *)sqlite3_column_text(st, 5);
			int zh = wg_i18n_chinese_names() || !en || !*en;
			snprintf(d->sectors[d->nsectors].name, sizeof d->sectors[0].name, "%s",
				 (const char *)sqlite3_column_text(st, zh ? 4 : 5));
			d->sectors[d->nsectors++].open = 0;
		}
	}
	if (st)
		sqlite3_reset(st);
	/* parents come first (ordered by level): each node takes its parent's sector */
	for (int i = 0; i < n; i++)
		for (int j = 0; nodes[i].sector < 0 && j < i; j++)
			if (nodes[j].id == nodes[i].parent)
				nodes[i].sector = nodes[j].sector;
	st = wg_stmt(ctx, open_sql_by_cat);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int64_t cat = sqlite3_column_int64(st, 0);
		for (int i = 0; i < n; i++)
			if (nodes[i].id == cat && nodes[i].sector >= 0)
				d->sectors[nodes[i].sector].open += sqlite3_column_int(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	else
		rc = WG_EIO;
	free(nodes);
	return rc;
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
	long overdue = 0, due = 0;
	if (rc == WG_OK) rc = wg_task_queue_count(ctx, WG_Q_OVERDUE, NULL, &overdue);
	if (rc == WG_OK) rc = wg_task_queue_count(ctx, WG_Q_DUE_TODAY, NULL, &due);
	d->overdue = (int)overdue;
	d->due_today = (int)due;
	if (rc == WG_OK) rc = count(ctx, closed_sql, (int64_t)month, (int64_t)next_month, &d->closed_month);
	if (rc == WG_OK) rc = count(ctx, duty_sql, (int64_t)today, (int64_t)today + 86400, &d->on_duty);
	if (rc == WG_OK) rc = count(ctx, residents_sql, 0, 0, &d->residents);
	if (rc == WG_OK) rc = count(ctx, volunteers_sql, 0, 0, &d->volunteers);
	if (rc == WG_OK) rc = count(ctx, cells_sql, 0, 0, &d->cells);
	if (rc == WG_OK) rc = count(ctx, conflicts_sql, 0, 0, &d->sync_conflicts);
	if (rc == WG_OK) rc = by_sector(ctx, d);
	if (rc == WG_OK && wg_meta_get(ctx, "last_sync", buf, sizeof buf) == WG_OK)
		d->last_sync = (time_t)strtoll(buf, NULL, 10);
	return rc;
}
