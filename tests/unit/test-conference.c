/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for joint conferences: recording one, its parties and cases, deciding a case. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/conference.h>
#include "core/core-int.h"
#include "task-fixture.h"

TestSuite(conference, .init = fx_setup, .fini = fx_teardown);

static const char *const some_parties[] = { "org:闲置协会", "socialworker:社工甲", "dept:物业公司",
					    "resident:居民代表" };

static int64_t held(const char *date, const char *const *cases, int ncases)
{
	struct wg_conference_new in = { .date = date, .topic = "楼道整治", .convener = "主任",
					.parties = some_parties, .nparties = 4, .cases = cases,
					.ncases = ncases };
	int64_t id = 0;
	cr_assert_eq(wg_conference_add(fx.ctx, &in, &id), WG_OK, "%s", wg_error(fx.ctx));
	return id;
}

static const char *number_of(int64_t task, char out[WG_TASK_NUMBER_SIZE])
{
	sqlite3_stmt *st;
	sqlite3_prepare_v2(wg_db(fx.ctx), "SELECT number FROM tasks WHERE id = ?1", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, task);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, WG_TASK_NUMBER_SIZE, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

Test(conference, recording_fills_in_the_one_an_escalation_opened)
{
	int64_t a = fx_case_in(WG_TS_ESCALATED); /* escalated for the conference of 2026-03-20 */
	cr_assert_eq(fx_int("SELECT count(*) FROM conferences WHERE ?1 = ?1", 0), 1);
	int64_t id = held("2026-03-20", NULL, 0);
	cr_expect_eq(fx_int("SELECT count(*) FROM conferences WHERE ?1 = ?1", 0), 1, "not a second one");
	struct wg_conference_detail d;
	cr_assert_eq(wg_conference_load(fx.ctx, id, &d), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_str_eq(d.c.topic, "楼道整治");
	cr_expect_str_eq(d.c.convener, "主任");
	cr_assert_eq(d.c.nparties, 4);
	cr_expect_str_eq(d.parties[0].kind, "dept");
	cr_expect_str_eq(d.parties[1].kind, "org", "any organization, with a project or not");
	cr_expect_str_eq(d.parties[2].kind, "resident");
	cr_expect_str_eq(d.parties[2].name, "居民代表");
	cr_assert_eq(d.c.ncases, 1);
	cr_expect_eq(d.cases[0].task_id, a);
	cr_expect_eq(d.c.ndecided, 0);
	wg_conference_detail_free(&d);
	held("2026-03-20", NULL, 0);
	cr_expect_eq(fx_int("SELECT count(*) FROM conferences WHERE ?1 = ?1", 0), 2,
		     "a recorded conference is not filled in again");
}

Test(conference, bad_input_is_refused_and_nothing_is_written)
{
	char num[WG_TASK_NUMBER_SIZE];
	const char *filed[] = { number_of(fx_case_in(WG_TS_FILED), num) };
	const char *bad_party[] = { "org:没有这个机构" };
	struct wg_conference_new in = { .date = "2026-03-05", .topic = "议题", .cases = filed, .ncases = 1 };
	int64_t id;
	cr_expect_eq(wg_conference_add(fx.ctx, &in, &id), WG_EINVAL, "only escalated cases");
	cr_expect(strstr(wg_error(fx.ctx), "escalate"), "%s", wg_error(fx.ctx));
	in.ncases = 0;
	in.parties = bad_party;
	in.nparties = 1;
	cr_expect_eq(wg_conference_add(fx.ctx, &in, &id), WG_EINVAL, "an unknown organization");
	in.nparties = 0;
	in.date = "2026-02-30";
	cr_expect_eq(wg_conference_add(fx.ctx, &in, &id), WG_EUSAGE);
	in.date = "2026-03-05";
	in.topic = "";
	cr_expect_eq(wg_conference_add(fx.ctx, &in, &id), WG_EUSAGE, "a topic is required");
	in.topic = "议题\n第二行";
	cr_expect_eq(wg_conference_add(fx.ctx, &in, &id), WG_EUSAGE, "one line");
	cr_expect_eq(fx_int("SELECT count(*) FROM conferences WHERE ?1 = ?1", 0), 0);
	cr_expect_eq(fx_int("SELECT count(*) FROM conference_parties WHERE ?1 = ?1", 0), 0);
	fx_as(WG_ROLE_VIEWER);
	in.topic = "议题";
	cr_expect_eq(wg_conference_add(fx.ctx, &in, &id), WG_EPERM);
}

Test(conference, a_case_brought_to_another_conference_moves_there)
{
	char num[WG_TASK_NUMBER_SIZE];
	int64_t a = fx_case_in(WG_TS_ESCALATED);
	const char *cases[] = { number_of(a, num) };
	int64_t id = held("2026-03-10", cases, 1);
	cr_expect_eq(fx_int("SELECT count(*) FROM conference_tasks WHERE task_id = ?1", a), 1);
	cr_expect_eq(fx_int("SELECT conference_id FROM conference_tasks WHERE task_id = ?1", a), id);
}

Test(conference, deciding_dispatches_with_the_deadline_and_a_follow_up)
{
	char num[WG_TASK_NUMBER_SIZE], follow[WG_TASK_NUMBER_SIZE];
	int64_t a = fx_case_in(WG_TS_ESCALATED);
	int64_t id = held("2026-03-20", NULL, 0);
	struct wg_conference_decision in = { .case_ref = number_of(a, num), .to = "worker:网格员乙",
					     .decision = "物业配合清理", .deadline = "2026-03-27",
					     .follow_up = "加装充电桩" };
	cr_expect_eq(wg_conference_decide(fx.ctx, id, &in, follow), WG_EINVAL, "not held yet");
	cr_expect(strstr(wg_error(fx.ctx), "not been held"), "%s", wg_error(fx.ctx));
	fx_at("2026-03-20T16:00");
	in.deadline = "2026-03-19";
	cr_expect_eq(wg_conference_decide(fx.ctx, id, &in, follow), WG_EUSAGE, "a deadline passed");
	cr_expect_eq(fx_state(a), WG_TS_ESCALATED, "nothing moved");
	in.deadline = "2026-03-27";
	cr_assert_eq(wg_conference_decide(fx.ctx, id, &in, follow), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(fx_state(a), WG_TS_DISPATCHED);
	cr_expect_eq(fx_int("SELECT handler_id FROM tasks WHERE id = ?1", a), fx.worker[1]);
	cr_expect_eq(fx_int("SELECT deadline_at FROM tasks WHERE id = ?1", a), fx_time("2026-03-27T23:59"));
	cr_expect_eq(fx_int("SELECT count(*) FROM task_events WHERE task_id = ?1 AND action = 'dispatch'"
			    " AND note LIKE '%2026-03-20 (楼道整治)%物业配合清理'", a), 1,
		     "the conference on the case's timeline");
	struct wg_conference_detail d;
	cr_assert_eq(wg_conference_load(fx.ctx, id, &d), WG_OK);
	cr_expect_eq(d.c.ndecided, 1);
	cr_expect_str_eq(d.cases[0].decision, "物业配合清理");
	cr_expect_str_eq(d.cases[0].follow_up, follow);
	wg_conference_detail_free(&d);
	int64_t f = fx_int("SELECT follow_up_id FROM conference_tasks WHERE task_id = ?1", a);
	cr_expect_eq(fx_int("SELECT cell_id = (SELECT cell_id FROM tasks WHERE id = ?1)"
			    " AND category_id = (SELECT category_id FROM tasks WHERE id = ?1)"
			    " FROM tasks WHERE id = (SELECT follow_up_id FROM conference_tasks"
			    " WHERE task_id = ?1)", a), 1, "the follow-up is in the same cell and category");
	cr_expect_eq(fx_int("SELECT source = 'conference' FROM tasks WHERE id = ?1", f), 1);
	cr_expect_eq(wg_conference_decide(fx.ctx, id, &in, follow), WG_EINVAL, "decided once");
	cr_expect_eq(fx_int("SELECT count(*) FROM tasks WHERE title = '加装充电桩' AND ?1 = ?1", 0), 1);
}

Test(conference, only_its_own_cases_are_decided_there)
{
	char num[WG_TASK_NUMBER_SIZE], follow[WG_TASK_NUMBER_SIZE];
	int64_t other = fx_case_in(WG_TS_ESCALATED);
	int64_t id = held("2026-03-02", NULL, 0);
	struct wg_conference_decision in = { .case_ref = number_of(other, num), .to = "worker:网格员乙",
					     .decision = "处理" };
	cr_expect_eq(wg_conference_decide(fx.ctx, id, &in, follow), WG_EINVAL);
	cr_expect(strstr(wg_error(fx.ctx), "not before this conference"), "%s", wg_error(fx.ctx));
	in.decision = "";
	cr_expect_eq(wg_conference_decide(fx.ctx, id, &in, follow), WG_EUSAGE, "a decision is said");
	cr_expect_eq(fx_state(other), WG_TS_ESCALATED);
}
