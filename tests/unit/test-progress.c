/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the progress of service projects: the arithmetic and the month's figures. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/forces.h>
#include <wangge/volunteer.h>
#include "core/core-int.h"
#include "task-fixture.h"

TestSuite(progress, .init = fx_setup, .fini = fx_teardown);

Test(progress, percentages_round_down_and_need_a_target)
{
	static const struct { int64_t done, target; int pct; } t[] = {
		{ 0, 10, 0 }, { 1, 3, 33 }, { 2, 3, 66 }, { 3, 3, 100 }, { 4, 3, 133 }, { 5, 0, -1 },
		{ 5, -2, -1 }, { -1, 10, 0 }, { 599, 600, 99 }, { 36000, 600 * 60, 100 },
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		cr_expect_eq(wg_progress_pct(t[i].done, t[i].target), t[i].pct, "%lld of %lld",
			     (long long)t[i].done, (long long)t[i].target);
}

static int keep(void *arg, const struct wg_project_progress *p)
{
	struct wg_project_progress *out = arg;
	if (strcmp(p->org, "阳光社工事务所") == 0)
		*out = *p;
	return WG_OK;
}

static int64_t project_of_org(void)
{
	return fx_int("SELECT id FROM service_projects WHERE org_id = ?1", fx.org);
}

/* A shift on the project in the cell worked by volunteer 0 for minutes on day (YYYY-MM-DD). */
static void served_in(const char *cell, const char *day, int minutes)
{
	char start[32], end[32];
	int64_t shift, ignored;
	int ask;
	snprintf(start, sizeof start, "%sT09:00", day);
	snprintf(end, sizeof end, "%sT18:00", day);
	struct wg_shift_new in = { .post = "助餐", .cell_code = cell, .start = fx_time(start),
				   .end = fx_time(end), .need = 1, .project_id = project_of_org() };
	cr_assert_eq(wg_shift_add(fx.ctx, &in, &shift), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_shift_assign(fx.ctx, shift, fx.volunteer[0], 1, &ask), WG_OK, "%s",
		     wg_error(fx.ctx));
	cr_assert_eq(wg_shift_checkin(fx.ctx, shift, fx.volunteer[0], fx_time(start)), WG_OK);
	cr_assert_eq(wg_shift_checkout(fx.ctx, shift, fx.volunteer[0], fx_time(start) + minutes * 60,
				       &ignored), WG_OK, "%s", wg_error(fx.ctx));
}

static void served_on_project(const char *day, int minutes)
{
	served_in("G1", day, minutes);
}

Test(progress, the_month_counts_its_own_hours_and_cases)
{
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE service_projects SET target_hours = 10, target_cases = 4"
		 " WHERE id = %lld", (long long)project_of_org());
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	served_on_project("2026-02-10", 120);
	served_on_project("2026-03-03", 90);
	int64_t a = fx_case_in(WG_TS_FILED), b = fx_case_in(WG_TS_FILED);
	struct wg_move to_org = { .action = WG_ACT_DISPATCH, .note = "转介",
				  .to = { .kind = WG_HK_ORG, .id = fx.org } };
	cr_assert_eq(wg_task_move(fx.ctx, a, &to_org), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_task_move(fx.ctx, b, &to_org), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), "UPDATE tasks SET state = 'closed', closed_at = "
				  "strftime('%s', '2026-03-05 02:00') WHERE id IN (SELECT min(id) FROM tasks"
				  " WHERE handler_kind = 'org')", NULL, NULL, NULL), SQLITE_OK);
	struct wg_project_progress p = { 0 };
	cr_assert_eq(wg_report_projects(fx.ctx, 2026, 3, NULL, keep, &p), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_str_eq(p.org, "阳光社工事务所");
	cr_expect_eq(p.minutes_month, 90);
	cr_expect_eq(p.minutes_total, 210);
	cr_expect_eq(p.volunteers_month, 1);
	cr_expect_eq(p.cases_month, 2);
	cr_expect_eq(p.cases_total, 2);
	cr_expect_eq(p.done_month, 1);
	cr_expect_eq(p.done_total, 1);
	cr_expect_eq(wg_progress_pct(p.minutes_total, p.target_hours * 60), 35);
	cr_expect_eq(wg_progress_pct(p.done_total, p.target_cases), 25);
	memset(&p, 0, sizeof p);
	cr_assert_eq(wg_report_projects(fx.ctx, 2026, 2, NULL, keep, &p), WG_OK);
	cr_expect_eq(p.minutes_month, 120, "February's hours in February");
	cr_expect_eq(p.cases_month, 0, "the cases came in March");
	cr_expect_eq(wg_report_projects(fx.ctx, 2026, 13, NULL, keep, &p), WG_EUSAGE);
}

static int count_projects(void *arg, const struct wg_project_progress *p)
{
	(void)p;
	++*(int *)arg;
	return WG_OK;
}

/* A street's project serving two of its communities: each community's report has its own
 * hours and cases; a community it never served does not list it. */
Test(progress, one_community_has_its_own_hours_and_cases)
{
	char sql[300];
	snprintf(sql, sizeof sql, "INSERT INTO cells(code, name, kind, parent_id) VALUES"
		 " ('SD', '第二社区', 'community', %lld), ('SE', '第三社区', 'community', %lld)",
		 (long long)fx.street, (long long)fx.street);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), "INSERT INTO cells(code, name, kind, parent_id)"
				  " SELECT 'G9', '二社区网格', 'grid', id FROM cells WHERE code = 'SD'",
				  NULL, NULL, NULL), SQLITE_OK);
	served_in("G1", "2026-03-03", 90);
	served_in("G9", "2026-03-04", 30);
	int64_t a = fx_case_in(WG_TS_FILED), b = fx_case_in(WG_TS_FILED), c = fx_case_in(WG_TS_FILED);
	snprintf(sql, sizeof sql, "UPDATE tasks SET cell_id = (SELECT id FROM cells WHERE code = 'G9')"
		 " WHERE id = %lld", (long long)c);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	struct wg_move to_org = { .action = WG_ACT_DISPATCH, .note = "转介",
				  .to = { .kind = WG_HK_ORG, .id = fx.org } };
	const int64_t cases[] = { a, b, c };
	for (int i = 0; i < 3; i++)
		cr_assert_eq(wg_task_move(fx.ctx, cases[i], &to_org), WG_OK, "%s", wg_error(fx.ctx));
	struct wg_project_progress p = { 0 };
	cr_assert_eq(wg_report_projects(fx.ctx, 2026, 3, "all", keep, &p), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(p.minutes_month, 120, "the whole street: both communities' hours");
	cr_expect_eq(p.cases_month, 3);
	memset(&p, 0, sizeof p);
	cr_assert_eq(wg_report_projects(fx.ctx, 2026, 3, "SC", keep, &p), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(p.minutes_month, 90, "the hours served on the community's shifts");
	cr_expect_eq(p.minutes_total, 90);
	cr_expect_eq(p.volunteers_month, 1);
	cr_expect_eq(p.cases_month, 2, "the cases in its cells");
	memset(&p, 0, sizeof p);
	cr_assert_eq(wg_report_projects(fx.ctx, 2026, 3, "SD", keep, &p), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(p.minutes_month, 30);
	cr_expect_eq(p.cases_month, 1);
	int n = 0;
	cr_assert_eq(wg_report_projects(fx.ctx, 2026, 3, "SE", count_projects, &n), WG_OK);
	cr_expect_eq(n, 0, "a community the project never served does not list it");
	cr_assert_eq(wg_report_projects(fx.ctx, 2026, 3, "", count_projects, &n), WG_OK);
	cr_expect_gt(n, 0, "the whole database lists it");
	cr_expect_eq(wg_report_projects(fx.ctx, 2026, 3, "G9", count_projects, &n), WG_EINVAL,
		     "a grid cell's code is not a community's");
	cr_expect(strstr(wg_error(fx.ctx), "G9") != NULL, "%s", wg_error(fx.ctx));
}

Test(progress, a_closed_project_takes_no_shifts)
{
	int64_t id;
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE service_projects SET status = 'closed' WHERE id = %lld",
		 (long long)project_of_org());
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	struct wg_shift_new in = { .post = "助餐", .cell_code = "G1", .start = fx_time("2026-03-09T09:00"),
				   .end = fx_time("2026-03-09T10:00"), .need = 1,
				   .project_id = project_of_org() };
	cr_expect_eq(wg_shift_add(fx.ctx, &in, &id), WG_EINVAL);
	in.project_id = 424242;
	cr_expect_eq(wg_shift_add(fx.ctx, &in, &id), WG_EINVAL, "no such project");
}
