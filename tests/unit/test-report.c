/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the monthly report: each count of interfaces.md on cases built to hit it. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/report.h>
#include <wangge/task.h>
#include "core/core-int.h"
#include "task-fixture.h"

TestSuite(report, .init = fx_setup, .fini = fx_teardown);

static void move_at(int64_t id, enum wg_task_action a, const char *when)
{
	fx_at(when);
	cr_assert_eq(fx_move(id, a), WG_OK, "%s at %s: %s", wg_task_action_name(a), when,
		     wg_error(fx.ctx));
}

static void deadline(int64_t id, const char *when)
{
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(wg_db(fx.ctx), "UPDATE tasks SET deadline_at = ?2 WHERE id = ?1", -1, &st,
			   NULL);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)fx_time(when));
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

static int64_t add_at(const char *when)
{
	fx_at(when);
	return fx_add("01010101");
}

static void feedback(int64_t id, const char *rating, const char *when)
{
	struct wg_move m = { .action = WG_ACT_FEEDBACK, .rating = rating, .note = "回访" };
	fx_at(when);
	cr_assert_eq(wg_task_move(fx.ctx, id, &m), WG_OK, "%s", wg_error(fx.ctx));
}

/*
 * February: D is reported and filed, due on the 25th, closed on 4 March.
 * March:    A closed on time and rated satisfied; B returned once, reworked
 *           once, closed late, rated basic; C filed and suspended over the
 *           month's end.  April: E.
 */
static void month_of_cases(void)
{
	static const enum wg_task_action to_close[] = { WG_ACT_DISPATCH, WG_ACT_ACCEPT, WG_ACT_HANDLE,
							WG_ACT_VERIFY, WG_ACT_CLOSE };
	int64_t d = add_at("2026-02-20T09:00");
	move_at(d, WG_ACT_FILE, "2026-02-20T10:00");
	int64_t a = add_at("2026-03-02T09:00"), b = add_at("2026-03-02T09:30");
	int64_t c = add_at("2026-03-02T10:00");
	move_at(a, WG_ACT_FILE, "2026-03-02T11:00");
	for (size_t i = 0; i < 5; i++)
		move_at(a, to_close[i], "2026-03-03T10:00");
	feedback(a, "satisfied", "2026-03-04T10:00");
	move_at(b, WG_ACT_FILE, "2026-03-02T11:00");
	move_at(b, WG_ACT_DISPATCH, "2026-03-02T11:10");
	move_at(b, WG_ACT_RETURN, "2026-03-02T11:20");
	move_at(b, WG_ACT_DISPATCH, "2026-03-02T11:30");
	move_at(b, WG_ACT_ACCEPT, "2026-03-03T09:00");
	move_at(b, WG_ACT_HANDLE, "2026-03-10T09:00");
	move_at(b, WG_ACT_REWORK, "2026-03-11T09:00");
	move_at(b, WG_ACT_HANDLE, "2026-03-24T09:00");
	move_at(b, WG_ACT_VERIFY, "2026-03-25T09:00");
	move_at(b, WG_ACT_CLOSE, "2026-03-25T10:00");
	feedback(b, "basic", "2026-03-26T10:00");
	move_at(c, WG_ACT_FILE, "2026-03-02T11:00");
	move_at(c, WG_ACT_SUSPEND, "2026-03-05T09:00");
	for (size_t i = 0; i < 5; i++)
		move_at(d, to_close[i], "2026-03-04T10:00");
	add_at("2026-04-01T09:00");
	deadline(a, "2026-03-10T17:00");
	deadline(b, "2026-03-20T17:00");
	deadline(c, "2026-03-15T17:00");
	deadline(d, "2026-02-25T17:00");
}

static void counts_are(const struct wg_report_counts *c, long received, long filed, long closed,
		       long due, long on_time, long suspended, long rework, long wrong, long feedback,
		       long satisfied)
{
	cr_assert_eq(c->received, received, "received %ld", c->received);
	cr_assert_eq(c->filed, filed, "filed %ld", c->filed);
	cr_assert_eq(c->closed, closed, "closed %ld", c->closed);
	cr_assert_eq(c->due, due, "due %ld", c->due);
	cr_assert_eq(c->closed_on_time, on_time, "closed_on_time %ld", c->closed_on_time);
	cr_assert_eq(c->suspended, suspended, "suspended %ld", c->suspended);
	cr_assert_eq(c->rework, rework, "rework %ld", c->rework);
	cr_assert_eq(c->wrong_dispatch, wrong, "wrong_dispatch %ld", c->wrong_dispatch);
	cr_assert_eq(c->feedback, feedback, "feedback %ld", c->feedback);
	cr_assert_eq(c->satisfied, satisfied, "satisfied %ld", c->satisfied);
}

Test(report, every_count_of_a_month)
{
	struct wg_report r;
	month_of_cases();
	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 3, &r), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_str_eq(r.label, "2026-03");
	counts_are(&r.total, 3, 3, 3, 3, 1, 1, 1, 1, 2, 1);
	cr_assert_float_eq(wg_report_on_time_rate(&r.total), 0.5, 1e-9, "1 of (3 due - 1 suspended)");
	cr_assert_float_eq(wg_report_satisfaction_rate(&r.total), 0.5, 1e-9);
	cr_assert_eq(r.nsectors, 1);
	cr_assert_str_eq(r.sectors[0].code, "01", "the level-1 ancestor of 01010101");
	cr_assert_eq(r.sectors[0].c.received, 3);
	cr_assert_eq(r.ncells, 1);
	cr_assert_eq(r.cells[0].c.closed, 3);
	char worker[64];
	snprintf(worker, sizeof worker, "worker:%lld", (long long)fx.worker[0]);
	cr_assert_eq(r.nhandlers, 2, "worker 0, and C with no handler");
	cr_assert_str_eq(r.handlers[0].code, worker);
	cr_assert_eq(r.handlers[0].c.closed, 3);
	cr_assert_str_eq(r.handlers[1].code, "", "(none) comes last");
	cr_assert_eq(r.handlers[1].c.suspended, 1);
	wg_report_free(&r);

	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 2, &r), WG_OK, "%s", wg_error(fx.ctx));
	counts_are(&r.total, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0);
	cr_assert_float_eq(wg_report_on_time_rate(&r.total), 0.0, 1e-9, "D was closed after its deadline");
	cr_assert_lt(wg_report_satisfaction_rate(&r.total), 0, "no feedback: no rate");
	wg_report_free(&r);

	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 4, &r), WG_OK, "%s", wg_error(fx.ctx));
	counts_are(&r.total, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	wg_report_free(&r);
}

Test(report, a_resumed_case_is_not_suspended_at_the_end)
{
	struct wg_report r;
	int64_t c = add_at("2026-03-02T10:00");
	move_at(c, WG_ACT_FILE, "2026-03-02T11:00");
	move_at(c, WG_ACT_SUSPEND, "2026-03-05T09:00");
	move_at(c, WG_ACT_RESUME, "2026-03-09T09:00");
	deadline(c, "2026-03-20T17:00");
	fx_at("2026-04-01T08:00"); /* the deadline has passed: the case is due in March */
	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 3, &r), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(r.total.due, 1);
	cr_assert_eq(r.total.suspended, 0);
	wg_report_free(&r);
	struct wg_move m = { .action = WG_ACT_SUSPEND, .note = "等待", .review_date = "2026-04-20" };
	fx_at("2026-04-02T09:00"); /* after March: March is unchanged */
	cr_assert_eq(wg_task_move(fx.ctx, c, &m), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 3, &r), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(r.total.suspended, 0);
	wg_report_free(&r);
}

static char *written(void (*fn)(const struct wg_report *, FILE *), const struct wg_report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	fn(r, f);
	fclose(f);
	return buf;
}

Test(report, json_and_csv_carry_the_keys_of_the_contract)
{
	static const char *const keys[] = { "\"month\": \"2026-03\"", "\"received\": 3", "\"filed\": 3",
		"\"closed\": 3", "\"closed_on_time\": 1", "\"due\": 3", "\"suspended\": 1",
		"\"on_time_rate\": 0.5000", "\"rework\": 1", "\"wrong_dispatch\": 1", "\"satisfied\": 1",
		"\"feedback\": 2", "\"satisfaction_rate\": 0.5000", "\"by_sector\": [", "\"by_cell\": [",
		"\"by_handler\": [", "{\"code\": \"01\"", "{\"id\": \"worker:" };
	struct wg_report r;
	month_of_cases();
	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 3, &r), WG_OK, "%s", wg_error(fx.ctx));
	char *json = written(wg_report_json, &r), *csv = written(wg_report_csv, &r);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		cr_assert_not_null(strstr(json, keys[i]), "%s lacks %s", json, keys[i]);
	cr_assert_not_null(strstr(csv, "scope,code,name,received,filed,closed,closed_on_time,due,"
				       "suspended,on_time_rate,rework,wrong_dispatch,satisfied,feedback,"
				       "satisfaction_rate\nmonth,2026-03,,3,3,3,1,3,1,0.5000,1,1,1,2,0.5000\n"),
			  "%s", csv);
	free(json);
	free(csv);
	wg_report_free(&r);
}

Test(report, months_are_written_yyyy_mm)
{
	int y, m;
	cr_assert_null(wg_report_parse_month("2026-03", &y, &m));
	cr_assert(y == 2026 && m == 3);
	cr_assert_not_null(wg_report_parse_month("2026-13", &y, &m));
	cr_assert_not_null(wg_report_parse_month("2026-3", &y, &m));
	cr_assert_not_null(wg_report_parse_month("March", &y, &m));
	cr_assert_not_null(wg_report_parse_month("2026-03-01", &y, &m));
}

Test(report, volunteer_hours_of_the_month)
{
	struct wg_report r;
	char sql[300];
	snprintf(sql, sizeof sql, "INSERT INTO hours_ledger(volunteer_id, date, minutes) VALUES"
		 " (%lld, '2026-03-09', 150), (%lld, '2026-03-20', 60), (%lld, '2026-03-10', 300),"
		 " (%lld, '2026-04-01', 600)", (long long)fx.volunteer[0], (long long)fx.volunteer[0],
		 (long long)fx.volunteer[1], (long long)fx.volunteer[0]);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 3, &r), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(r.nhours, 2);
	cr_assert_str_eq(r.hours[0].vol_no, "V2", "most hours first");
	cr_assert_eq(r.hours[0].minutes, 300);
	cr_assert_eq(r.hours[1].minutes, 210, "April's hours are not March's");
	char *json = written(wg_report_json, &r);
	cr_assert_not_null(strstr(json, "\"volunteer_hours\": [\n    {\"vol_no\": \"V2\", \"name\": \"志愿者乙\","
				       " \"hours\": 5.0}"), "%s", json);
	free(json);
	wg_report_free(&r);
}

/* due (应结案数, interfaces.md): a deadline in the month that has already passed, or a closing in
 * the month before a later deadline; a case still running on time is not due. */
Test(report, only_cases_whose_deadline_passed_or_that_closed_early_are_due)
{
	struct wg_report r;
	static const enum wg_task_action to_close[] = { WG_ACT_DISPATCH, WG_ACT_ACCEPT, WG_ACT_HANDLE,
							WG_ACT_VERIFY, WG_ACT_CLOSE };
	int64_t late = add_at("2026-03-02T09:00"), running = add_at("2026-03-02T09:10");
	int64_t early = add_at("2026-03-02T09:20");
	move_at(late, WG_ACT_FILE, "2026-03-02T10:00");
	move_at(running, WG_ACT_FILE, "2026-03-02T10:00");
	move_at(early, WG_ACT_FILE, "2026-03-02T10:00");
	for (size_t i = 0; i < 5; i++)
		move_at(early, to_close[i], "2026-03-05T10:00");
	deadline(late, "2026-03-06T17:00");    /* passed, still open */
	deadline(running, "2026-03-25T17:00"); /* not yet: running on time */
	deadline(early, "2026-04-10T17:00");   /* closed in March, due in April */
	fx_at("2026-03-10T09:00");
	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 3, &r), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(r.total.due, 2, "the late one and the one closed early, not the running one");
	cr_expect_eq(r.total.closed_on_time, 1);
	cr_expect_float_eq(wg_report_on_time_rate(&r.total), 0.5, 1e-9);
	wg_report_free(&r);
	fx_at("2026-04-01T09:00"); /* after the month: the running one's deadline has passed too */
	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 3, &r), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(r.total.due, 3);
	wg_report_free(&r);
}

/* A street with a second community: each case counts under the community above its cell, the
 * street's report rolls them up, and one community's report holds its own cases only. */
Test(report, cases_roll_up_by_community_and_one_community_reports_alone)
{
	struct wg_report r;
	char sql[400];
	month_of_cases();
	snprintf(sql, sizeof sql, "INSERT INTO cells(id, code, name, kind, parent_id) VALUES"
		 " (9001, 'c2', '第二社区', 'community', %lld), (9002, 'c2g1', '第二网格', 'grid', 9001)",
		 (long long)fx.street);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK, "%s",
		     sqlite3_errmsg(wg_db(fx.ctx)));
	int64_t other = add_at("2026-03-12T10:00");
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), "UPDATE tasks SET cell_id = 9002 WHERE id = (SELECT"
				  " max(id) FROM tasks)", NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(fx_int("SELECT cell_id FROM tasks WHERE id = ?1", other), 9002);
	cr_assert_eq(wg_report_monthly(fx.ctx, 2026, 3, &r), WG_OK, "%s", wg_error(fx.ctx));
	long all = r.total.received;
	cr_assert_eq(r.ncommunities, 2);
	cr_assert_str_eq(r.communities[1].code, "c2");
	cr_assert_eq(r.communities[1].c.received, 1);
	cr_assert_eq(r.communities[0].c.received + 1, all, "every case under one community");
	wg_report_free(&r);
	cr_assert_eq(wg_report_monthly_in(fx.ctx, 2026, 3, "c2", &r), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(r.total.received, 1);
	cr_assert_eq(r.ncells, 1);
	cr_assert_str_eq(r.cells[0].code, "c2g1");
	cr_assert_str_eq(r.community_name, "第二社区");
	char *json = written(wg_report_json, &r);
	cr_assert_not_null(strstr(json, "\"community\": \"c2\""), "%s", json);
	free(json);
	wg_report_free(&r);
	cr_assert_eq(wg_report_monthly_in(fx.ctx, 2026, 3, "all", &r), WG_OK);
	cr_assert_eq(r.total.received, all);
	wg_report_free(&r);
	cr_assert_eq(wg_report_monthly_in(fx.ctx, 2026, 3, "c2g1", &r), WG_EINVAL, "a grid is no community");
	cr_assert(strstr(wg_error(fx.ctx), "c2g1"), "%s", wg_error(fx.ctx));
	/* the check the forms share (report template --community) */
	char name[128] = "";
	int64_t id = -1;
	cr_assert_eq(wg_community_find(fx.ctx, "c2", NULL, name, sizeof name), WG_OK);
	cr_assert_str_eq(name, "第二社区");
	cr_assert_eq(wg_community_find(fx.ctx, "all", &id, name, sizeof name), WG_OK);
	cr_assert(id == 0 && !*name, "all: the whole database");
	cr_assert_eq(wg_community_find(fx.ctx, "nowhere", NULL, name, sizeof name), WG_EINVAL);
	cr_assert(strstr(wg_error(fx.ctx), "no community has the code nowhere"), "%s", wg_error(fx.ctx));
}
