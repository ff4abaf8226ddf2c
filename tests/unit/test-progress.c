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

/* A shift on the project worked by volunteer 0 for minutes on day (YYYY-MM-DD). */
static void served_on_project(const char *day, int minutes)
{
	char start[32], end[32];
	int64_t shift, ignored;
	int ask;
	snprintf(start, sizeof start, "%sT09:00", day);
	snprintf(end, sizeof end, "%sT18:00", day);
	struct wg_shift_new in = { .post = "助餐", .cell_code = "G1", .start = fx_time(start),
				   .end = fx_time(end), .need = 1, .project_id = project_of_org() };
	cr_assert_eq(wg_shift_add(fx.ctx, &in, &shift), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_shift_assign(fx.ctx, shift, fx.volunteer[0], 1, &ask), WG_OK, "%s",
		     wg_error(fx.ctx));
	cr_assert_eq(wg_shift_checkin(fx.ctx, shift, fx.volunteer[0], fx_time(start)), WG_OK);
	cr_assert_eq(wg_shift_checkout(fx.ctx, shift, fx.volunteer[0], fx_time(start) + minutes * 60,
				       &ignored), WG_OK, "%s", wg_error(fx.ctx));
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
	cr_assert_eq(wg_report_projects(fx.ctx, 2026, 3, keep, &p), WG_OK, "%s", wg_error(fx.ctx));
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
	cr_assert_eq(wg_report_projects(fx.ctx, 2026, 2, keep, &p), WG_OK);
	cr_expect_eq(p.minutes_month, 120, "February's hours in February");
	cr_expect_eq(p.cases_month, 0, "the cases came in March");
	cr_expect_eq(wg_report_projects(fx.ctx, 2026, 13, keep, &p), WG_EUSAGE);
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
