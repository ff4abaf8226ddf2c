/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The progress of service projects bought by the government, by month: hours, cases, period. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/report.h>
#include <wangge/store.h>
#include "record-priv.h"

int wg_progress_pct(int64_t done, int64_t target)
{
	if (target <= 0)
		return -1;
	if (done <= 0)
		return 0;
	return (int)(done * 100 / target);
}

/*
 * ?1 ?2: the month's first and last day; ?3 ?4: its first and next month's first second; ?5 a
 * community's cell (0 the whole database): it and the cells below are `under`.
 * A project's cases: dispatch events to its organization between its start and end days (in
 * one community, of the cases in its cells).
 */
#define PROJECT_CASES(WHEN)                                                                        \
	"SELECT DISTINCT e.task_id FROM task_events e WHERE e.action = 'dispatch'"                 \
	" AND e.handler_kind = 'org' AND e.handler_id = p.org_id"                                  \
	" AND (coalesce(p.start_date, '') = ''"                                                    \
	"  OR date(e.at, 'unixepoch', 'localtime') >= p.start_date)"                               \
	" AND (coalesce(p.end_date, '') = '' OR date(e.at, 'unixepoch', 'localtime') <= p.end_date)" \
	" AND (?5 = 0 OR (SELECT tc.cell_id FROM tasks tc WHERE tc.id = e.task_id) IN under)"      \
	WHEN
/* The hours of a project: check-outs on its shifts (in one community, on its cells' shifts). */
#define ON_SHIFTS " AND (?5 = 0 OR s.cell_id IN under)"

static const char sql[] =
	"WITH RECURSIVE under(id) AS (SELECT ?5 WHERE ?5 <> 0"
	" UNION SELECT c.id FROM cells c JOIN under u ON c.parent_id = u.id)"
	" SELECT p.id, p.name, coalesce(o.name, ''), p.status, coalesce(p.start_date, ''),"
	" coalesce(p.end_date, ''), p.budget_cents, coalesce(p.target_hours, 0),"
	" coalesce(p.target_people, 0), coalesce(p.target_cases, 0),"
	" (SELECT coalesce(sum(h.minutes), 0) FROM shifts s JOIN assignments a ON a.shift_id = s.id"
	"  JOIN hours_ledger h ON h.assignment_id = a.id WHERE s.project_id = p.id"
	"  AND h.date >= ?1 AND h.date <= ?2" ON_SHIFTS "),"
	" (SELECT coalesce(sum(h.minutes), 0) FROM shifts s JOIN assignments a ON a.shift_id = s.id"
	"  JOIN hours_ledger h ON h.assignment_id = a.id WHERE s.project_id = p.id" ON_SHIFTS "),"
	" (SELECT count(DISTINCT h.volunteer_id) FROM shifts s JOIN assignments a ON a.shift_id = s.id"
	"  JOIN hours_ledger h ON h.assignment_id = a.id WHERE s.project_id = p.id"
	"  AND h.date >= ?1 AND h.date <= ?2" ON_SHIFTS "),"
	" (SELECT count(*) FROM (" PROJECT_CASES(" AND e.at >= ?3 AND e.at < ?4") ")),"
	" (SELECT count(*) FROM (" PROJECT_CASES("") ")),"
	" (SELECT count(*) FROM tasks t WHERE t.closed_at >= ?3 AND t.closed_at < ?4"
	"  AND t.id IN (" PROJECT_CASES("") ")),"
	" (SELECT count(*) FROM tasks t WHERE t.closed_at IS NOT NULL AND t.id IN (" PROJECT_CASES("") "))"
	" FROM service_projects p LEFT JOIN social_orgs o ON o.id = p.org_id"
	" WHERE (p.start_date IS NULL OR p.start_date = '' OR p.start_date <= ?2)"
	" AND (p.end_date IS NULL OR p.end_date = '' OR p.end_date >= ?1)"
	" ORDER BY p.start_date, p.name";

static void read_progress(struct wg_ctx *ctx, sqlite3_stmt *st, struct wg_project_progress *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	wg_col_copy(st, 1, p->name, sizeof p->name);
	wg_col_copy(st, 2, p->org, sizeof p->org);
	wg_col_copy(st, 3, p->status, sizeof p->status);
	wg_col_copy(st, 4, p->start_date, sizeof p->start_date);
	wg_col_copy(st, 5, p->end_date, sizeof p->end_date);
	p->has_budget = sqlite3_column_type(st, 6) != SQLITE_NULL;
	p->budget_cents = sqlite3_column_int64(st, 6);
	p->target_hours = sqlite3_column_int64(st, 7);
	p->target_people = sqlite3_column_int64(st, 8);
	p->target_cases = sqlite3_column_int64(st, 9);
	p->minutes_month = sqlite3_column_int64(st, 10);
	p->minutes_total = sqlite3_column_int64(st, 11);
	p->volunteers_month = sqlite3_column_int(st, 12);
	p->cases_month = sqlite3_column_int(st, 13);
	p->cases_total = sqlite3_column_int(st, 14);
	p->done_month = sqlite3_column_int(st, 15);
	p->done_total = sqlite3_column_int(st, 16);
	p->elapsed_pct = wg_project_elapsed(ctx, p->start_date, p->end_date);
}

int wg_report_projects(struct wg_ctx *ctx, int year, int month, const char *community,
		       int (*each)(void *arg, const struct wg_project_progress *p), void *arg)
{
	struct wg_project_progress p;
	char first[16], last[16], name[128];
	time_t lo, hi;
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading the projects' progress"));
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t area = 0;
	if (rc != WG_OK || (rc = wg_community_find(ctx, community, &area, name, sizeof name)) != WG_OK)
		return rc;
	if (month < 1 || month > 12)
		return wg_fail(ctx, WG_EUSAGE, _("a month runs from 1 to 12"));
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	snprintf(first, sizeof first, "%04d-%02d-01", year % 10000, month);
	snprintf(last, sizeof last, "%04d-%02d-%02d", year % 10000, month,
		 days[month - 1] + (month == 2 && leap));
	if ((rc = wg_day_range(ctx, first, last, &lo, &hi)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, last, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (int64_t)lo);
	sqlite3_bind_int64(st, 4, (int64_t)hi);
	sqlite3_bind_int64(st, 5, area);
	int step = SQLITE_DONE;
	while (rc == WG_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		read_progress(ctx, st, &p);
		/* a street's projects: a community's report names those that served it */
		if (!area || p.minutes_total || p.cases_total)
			rc = each(arg, &p);
	}
	sqlite3_reset(st);
	if (rc == WG_OK && step != SQLITE_DONE)
		rc = wg_db_fail(ctx, _("reading the projects' progress"));
	return rc;
}
