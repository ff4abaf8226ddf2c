/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Reporting cases: numbers, checks, duplicates, inherited limits, deadline lights, masking. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/gen.h>
#include <wangge/store.h>
#include <wangge/task.h>
#include <wangge/validate.h>
#include "core/core-int.h"
#include "task-fixture.h"

TestSuite(task, .init = fx_setup, .fini = fx_teardown);

static int add(const char *category, int64_t cell, unsigned flags, char *number, struct wg_task_brief *dup)
{
	struct wg_task_new in = { .cell_id = cell, .category_code = category, .title = "井盖缺失",
				  .source = WG_SRC_HOTLINE };
	char buf[WG_TASK_NUMBER_SIZE];
	int64_t id;
	return wg_task_add(fx.ctx, &in, flags, &id, number ? number : buf, dup);
}

Test(task, numbers_count_up_per_prefix_and_year)
{
	char n1[WG_TASK_NUMBER_SIZE], n2[WG_TASK_NUMBER_SIZE], n3[WG_TASK_NUMBER_SIZE];
	cr_assert_eq(add("01010101", fx.cell[0], 0, n1, NULL), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(add("01010102", fx.cell[0], 0, n2, NULL), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_str_eq(n1, "S1-2026-000001");
	cr_expect_str_eq(n2, "S1-2026-000002");
	struct wg_task_policy p;
	wg_task_policy_default(&p);
	snprintf(p.prefix, sizeof p.prefix, "%s", "CY");
	wg_set_task_policy(fx.ctx, &p);
	fx_at("2027-01-04T09:00");
	cr_assert_eq(add("01010101", fx.cell[1], 0, n3, NULL), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_str_eq(n3, "CY-2027-000001");
	int64_t id;
	cr_assert_eq(wg_task_lookup(fx.ctx, "S1-2026-000002", &id), WG_OK);
	int64_t by_id;
	char ref[32];
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	cr_assert_eq(wg_task_lookup(fx.ctx, ref, &by_id), WG_OK);
	cr_expect_eq(by_id, id);
	cr_expect_eq(wg_task_lookup(fx.ctx, "S1-2026-999999", &id), WG_EINVAL);
}

/* A number a case here holds already (one this site gave before a restore, back from another
 * site's file) is never given again: the counter goes past it. */
Test(task, a_number_held_already_is_skipped)
{
	char n1[WG_TASK_NUMBER_SIZE], n2[WG_TASK_NUMBER_SIZE];
	cr_assert_eq(add("01010101", fx.cell[0], 0, n1, NULL), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), "UPDATE tasks SET number = 'S1-2026-000002';"
				  " UPDATE counters SET value = 0", NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(add("01010102", fx.cell[0], 0, n1, NULL), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_str_eq(n1, "S1-2026-000001");
	cr_assert_eq(add("01010101", fx.cell[1], 0, n2, NULL), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_str_eq(n2, "S1-2026-000003", "S1-2026-000002 is held");
}

Test(task, fields_and_defaults)
{
	struct wg_task_new in = { .cell_code = "G2", .category_code = "02010103", .title = "独居老人呼叫",
				  .description = "第一行\n第二行", .address = "3号楼2单元",
				  .reporter_text = "王先生 13912345678", .source = WG_SRC_PHONE };
	char number[WG_TASK_NUMBER_SIZE];
	int64_t id;
	struct wg_task_detail d;
	cr_assert_eq(wg_task_add(fx.ctx, &in, 0, &id, number, NULL), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_task_attach(fx.ctx, id, "/srv/photos/20260302-01.jpg", "现场照片"), WG_OK);
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_str_eq(d.task.priority, "urgent", "the category's priority");
	cr_expect_str_eq(d.task.cell_name, "网格2");
	cr_expect_str_eq(d.task.reporter, "王** 139****5678");
	cr_expect_str_eq(d.task.category_path, "为老服务 › 居家养老 › 独居老人关爱 › 独居老人紧急呼叫");
	cr_expect_str_eq(d.task.responsible, "community");
	cr_expect_eq(d.task.source, WG_SRC_PHONE);
	cr_expect_eq(d.task.state, WG_TS_REPORTED);
	cr_expect_eq(d.task.light, WG_LIGHT_GREEN, "the intake clock runs from the report");
	cr_expect_gt(d.task.step_deadline_at, d.task.created_at, "[tasks] file_hours after it");
	cr_expect_eq(d.nevents, 1);
	cr_expect_str_eq(d.events[0].action_name, "report");
	cr_expect_str_eq(d.events[0].actor, "admin");
	cr_expect_eq(d.natts, 1);
	cr_expect_str_eq(d.atts[0].path, "/srv/photos/20260302-01.jpg");
	wg_task_detail_free(&d);
	in.priority = "低";
	cr_assert_eq(wg_task_add(fx.ctx, &in, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL), WG_OK);
	cr_expect_eq(fx_int("SELECT priority = 'low' FROM tasks WHERE id = ?1", id), 1);
}

Test(task, bad_input_is_refused)
{
	struct wg_task_new in = { .cell_code = "G1", .category_code = "01010101", .title = "  " };
	char number[WG_TASK_NUMBER_SIZE];
	int64_t id;
	cr_expect_eq(wg_task_add(fx.ctx, &in, 0, &id, number, NULL), WG_EUSAGE, "blank title");
	in.title = "标题";
	in.cell_code = "NOPE";
	cr_expect_eq(wg_task_add(fx.ctx, &in, 0, &id, number, NULL), WG_EINVAL);
	cr_expect_not_null(strstr(wg_error(fx.ctx), "NOPE"));
	in.cell_code = "G1";
	in.category_code = "0101";
	cr_expect_eq(wg_task_add(fx.ctx, &in, 0, &id, number, NULL), WG_EINVAL, "no limit on that level");
	cr_expect_not_null(strstr(wg_error(fx.ctx), "sub-categories"));
	in.category_code = "01010101";
	in.priority = "asap";
	cr_expect_eq(wg_task_add(fx.ctx, &in, 0, &id, number, NULL), WG_EUSAGE);
	in.priority = NULL;
	in.address = "一行\n两行";
	cr_expect_eq(wg_task_add(fx.ctx, &in, 0, &id, number, NULL), WG_EUSAGE);
	in.address = NULL;
	fx_as(WG_ROLE_VIEWER);
	cr_expect_eq(wg_task_add(fx.ctx, &in, 0, &id, number, NULL), WG_EPERM);
	fx_as(WG_ROLE_GRIDWORKER);
	cr_expect_eq(wg_task_add(fx.ctx, &in, 0, &id, number, NULL), WG_OK, "grid workers report cases");
	cr_expect_eq(fx_int("SELECT count(*) FROM tasks WHERE ?1 = 1", 1), 1);
}

Test(task, duplicates_in_the_same_cell_and_category)
{
	struct wg_task_brief dup;
	char first[WG_TASK_NUMBER_SIZE];
	cr_assert_eq(add("01010101", fx.cell[0], 0, first, &dup), WG_OK);
	fx_at("2026-03-06T09:00");
	memset(&dup, 0, sizeof dup);
	cr_expect_eq(add("01010101", fx.cell[0], 0, NULL, &dup), WG_EINVAL, "same cell and category");
	cr_expect_str_eq(dup.number, first);
	cr_expect_not_null(strstr(wg_error(fx.ctx), "duplicate"));
	cr_expect_eq(add("01010102", fx.cell[0], 0, NULL, NULL), WG_OK, "another category");
	cr_expect_eq(add("01010101", fx.cell[1], 0, NULL, NULL), WG_OK, "another cell");
	cr_expect_eq(add("01010101", fx.cell[0], WG_TASK_ALLOW_DUPLICATE, NULL, NULL), WG_OK, "confirmed");
	fx_at("2026-03-20T09:00"); /* past the 7 days */
	cr_expect_eq(add("01010101", fx.cell[0], 0, NULL, NULL), WG_OK, "%s", wg_error(fx.ctx));
}

Test(task, closed_cases_are_no_duplicates)
{
	int64_t id = fx_case_in(WG_TS_CLOSED);
	(void)id;
	cr_expect_eq(add("01010101", fx.cell[0], 0, NULL, NULL), WG_OK, "%s", wg_error(fx.ctx));
	struct wg_task_policy p;
	wg_task_policy_default(&p);
	p.duplicate_days = 0;
	wg_set_task_policy(fx.ctx, &p);
	cr_expect_eq(add("01010101", fx.cell[0], 0, NULL, NULL), WG_OK, "the check can be turned off");
}

Test(task, inherited_time_limit)
{
	/* 02010101 has no limit of its own: 48 hours from its parent, a week of work from Monday 09:00. */
	int64_t id = fx_add("02010101");
	cr_assert_eq(fx_move(id, WG_ACT_FILE), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(fx_int("SELECT deadline_at FROM tasks WHERE id = ?1", id), fx_time("2026-03-10T16:30"));
}

static enum wg_light light_at(int64_t id, const char *when)
{
	struct wg_task_detail d;
	fx_at(when);
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK);
	enum wg_light l = d.task.light;
	wg_task_detail_free(&d);
	return l;
}

Test(task, traffic_light_thresholds)
{
	/* 01010102: 8 hours from Monday 09:00, due Tuesday 10:00; 80% (6 h 24 min) at Monday 16:54. */
	int64_t id = fx_add("01010102");
	cr_assert_eq(fx_move(id, WG_ACT_FILE), WG_OK);
	cr_assert_eq(fx_move(id, WG_ACT_DISPATCH), WG_OK);
	cr_assert_eq(fx_move(id, WG_ACT_ACCEPT), WG_OK); /* now only the case's own clock runs */
	cr_expect_eq(fx_int("SELECT warn_at FROM tasks WHERE id = ?1", id), fx_time("2026-03-02T16:54"));
	cr_expect_eq(light_at(id, "2026-03-02T16:53"), WG_LIGHT_GREEN);
	cr_expect_eq(light_at(id, "2026-03-02T16:54"), WG_LIGHT_YELLOW);
	cr_expect_eq(light_at(id, "2026-03-03T08:00"), WG_LIGHT_YELLOW, "no work at night");
	cr_expect_eq(light_at(id, "2026-03-03T10:00"), WG_LIGHT_YELLOW, "due now");
	cr_expect_eq(light_at(id, "2026-03-03T10:01"), WG_LIGHT_RED);
}

Test(task, step_clock_can_turn_a_case_red)
{
	/* Dispatch has 4 hours; the case's own limit is 24. */
	int64_t id = fx_add("01010101");
	cr_assert_eq(fx_move(id, WG_ACT_FILE), WG_OK);
	cr_expect_eq(light_at(id, "2026-03-02T13:30"), WG_LIGHT_GREEN);
	cr_expect_eq(light_at(id, "2026-03-02T14:00"), WG_LIGHT_YELLOW, "3.2 h of 4 used at 13:42");
	cr_expect_eq(light_at(id, "2026-03-02T14:31"), WG_LIGHT_RED, "not dispatched in time");
}

Test(task, generated_cases_are_consistent)
{
	struct wg_gen_tasks opt = { .tasks = 300, .cells = 2, .seed = 5 };
	struct wg_gen_result res;
	int64_t first = fx_add("01010101"); /* S1-2026-000001: generation continues the numbers */
	(void)first;
	cr_assert_eq(wg_gen_tasks(fx.ctx, &opt, &res), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(res.tasks, 300);
	cr_expect_eq(res.cells, 2);
	cr_expect_eq(fx_int("SELECT count(*) FROM tasks WHERE ?1 = 1", 1), 301);
	cr_expect_eq(fx_int("SELECT count(*) FROM task_events WHERE ?1 = 1", 1), res.events + 1);
	cr_expect_eq(fx_int("SELECT count(*) FROM tasks t WHERE ?1 = 1 AND NOT EXISTS"
			    " (SELECT 1 FROM task_events e WHERE e.task_id = t.id AND e.action = 'report')", 1), 0,
		     "every case has its report event");
	cr_expect_eq(fx_int("SELECT count(*) FROM pragma_foreign_key_check WHERE ?1 = 1", 1), 0);
	cr_expect_eq(fx_int("SELECT count(*) FROM tasks WHERE ?1 = 1 AND state IN"
			    " ('filed','dispatched','accepted','escalated') AND deadline_at IS NULL", 1), 0);
	char number[WG_TASK_NUMBER_SIZE];
	struct wg_task_new in = { .cell_id = fx.cell[1], .category_code = "01010102", .title = "之后的案件" };
	int64_t id;
	cr_assert_eq(wg_task_add(fx.ctx, &in, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL), WG_OK,
		     "%s", wg_error(fx.ctx));
	fx_as(WG_ROLE_CLERK);
	cr_expect_eq(wg_gen_tasks(fx.ctx, &opt, &res), WG_EPERM);
}

/* A title longer than its buffer (written behind core) is cut between characters, never inside
 * one: a case once showed half a character at the end of its title. */
Test(task, a_title_too_long_for_its_buffer_is_cut_between_characters)
{
	int64_t id = fx_add("01010101");
	fx_int("UPDATE tasks SET title = (WITH RECURSIVE r(n, s) AS (SELECT 1, 'xy' UNION ALL"
	       " SELECT n + 1, s || '路' FROM r WHERE n < 400) SELECT s FROM r ORDER BY n DESC LIMIT 1)"
	       " WHERE id = ?1", id);
	struct wg_task_detail d;
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK, "%s", wg_error(fx.ctx));
	size_t n = strlen(d.task.title);
	cr_assert_gt(n, 10);
	cr_assert_null(wg_validate_stored_text(d.task.title, n), "the title ends in a whole character");
	wg_task_detail_free(&d);
}
