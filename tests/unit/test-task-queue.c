/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Case queues: what each holds, keyset paging both ways, filters, counts, and the deadline index. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <wangge/task.h>
#include "core/core-int.h"
#include "task-fixture.h"

TestSuite(queue, .init = fx_setup, .fini = fx_teardown);

#define MAXROWS 400

struct got {
	int64_t id[MAXROWS];
	int n;
};

/* Reads the whole queue forward, page by page, as a list view would. */
static void forward(enum wg_task_queue q, const struct wg_task_filter *f, int page, struct got *g)
{
	struct wg_task_queue_src *qs;
	struct wg_list_source src;
	struct wg_rows rows;
	struct wg_pagekey key;
	int first = 1;
	g->n = 0;
	cr_assert_eq(wg_task_queue_open(fx.ctx, q, f, &qs, &src), WG_OK, "%s", wg_error(fx.ctx));
	wg_rows_init(&rows);
	do {
		cr_assert_eq(src.fetch(fx.ctx, src.arg, first ? WG_PAGE_FIRST : WG_PAGE_AFTER,
				       first ? NULL : &key, page, &rows), WG_OK, "%s", wg_error(fx.ctx));
		for (int i = 0; i < rows.n; i++) {
			cr_assert_lt(g->n, MAXROWS);
			g->id[g->n++] = rows.rows[i].key.id;
		}
		if (rows.n)
			key = rows.rows[rows.n - 1].key;
		first = 0;
	} while (rows.n == page);
	wg_rows_free(&rows);
	wg_task_queue_close(qs);
}

/* Reads it backward from the last page, and returns it in list order. */
static void backward(enum wg_task_queue q, const struct wg_task_filter *f, int page, struct got *g)
{
	struct wg_task_queue_src *qs;
	struct wg_list_source src;
	struct wg_rows rows;
	struct wg_pagekey key;
	int64_t tmp[MAXROWS];
	int n = 0, first = 1;
	cr_assert_eq(wg_task_queue_open(fx.ctx, q, f, &qs, &src), WG_OK);
	wg_rows_init(&rows);
	do {
		cr_assert_eq(src.fetch(fx.ctx, src.arg, first ? WG_PAGE_LAST : WG_PAGE_BEFORE,
				       first ? NULL : &key, page, &rows), WG_OK, "%s", wg_error(fx.ctx));
		for (int i = rows.n - 1; i >= 0; i--)
			tmp[n++] = rows.rows[i].key.id;
		if (rows.n)
			key = rows.rows[0].key;
		first = 0;
	} while (rows.n == page);
	wg_rows_free(&rows);
	wg_task_queue_close(qs);
	g->n = n;
	for (int i = 0; i < n; i++)
		g->id[i] = tmp[n - 1 - i];
}

static int has(const struct got *g, int64_t id)
{
	for (int i = 0; i < g->n; i++)
		if (g->id[i] == id)
			return 1;
	return 0;
}

static long count(enum wg_task_queue q, const struct wg_task_filter *f)
{
	long n;
	cr_assert_eq(wg_task_queue_count(fx.ctx, q, f, &n), WG_OK, "%s", wg_error(fx.ctx));
	return n;
}

Test(queue, each_queue_holds_its_cases)
{
	int64_t reported = fx_case_in(WG_TS_REPORTED), filed = fx_case_in(WG_TS_FILED);
	int64_t dispatched = fx_case_in(WG_TS_DISPATCHED), handled = fx_case_in(WG_TS_HANDLED);
	int64_t suspended = fx_case_in(WG_TS_SUSPENDED), closed = fx_case_in(WG_TS_CLOSED);
	int64_t rated = fx_case_in(WG_TS_CLOSED);
	cr_assert_eq(fx_move(rated, WG_ACT_FEEDBACK), WG_OK);
	struct { enum wg_task_queue q; int64_t id; } want[] = {
		{ WG_Q_TO_FILE, reported }, { WG_Q_TO_DISPATCH, filed }, { WG_Q_TO_VERIFY, handled },
		{ WG_Q_SUSPENDED, suspended }, { WG_Q_FEEDBACK, closed },
	};
	struct got g;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		forward(want[i].q, NULL, 50, &g);
		cr_expect_eq(g.n, 1, "%s holds %d", wg_task_queue_name(want[i].q), g.n);
		cr_expect(has(&g, want[i].id), "%s", wg_task_queue_name(want[i].q));
		cr_expect_eq(count(want[i].q, NULL), 1);
	}
	forward(WG_Q_ALL, NULL, 3, &g);
	cr_expect_eq(g.n, fx_int("SELECT count(*) FROM tasks WHERE ?1 = 1", 1));
	cr_expect_eq(g.id[0], rated, "newest first");
	forward(WG_Q_MINE, NULL, 50, &g);
	cr_expect_eq(g.n, 0, "admin is no handler");
	fx_as(WG_ROLE_GRIDWORKER);
	forward(WG_Q_MINE, NULL, 50, &g);
	cr_expect_eq(g.n, 1);
	cr_expect(has(&g, dispatched));
}

Test(queue, overdue_and_due_today)
{
	int64_t a = fx_case_in(WG_TS_DISPATCHED); /* 24 h: due Thursday 12:00 */
	int64_t b = fx_add("01010102");           /* 8 h: due Tuesday 10:00 */
	cr_assert_eq(fx_move(b, WG_ACT_FILE), WG_OK);
	int64_t c = fx_add("01010102");
	cr_assert_eq(fx_move(c, WG_ACT_FILE), WG_OK);
	cr_assert_eq(fx_move(c, WG_ACT_SUSPEND), WG_OK, "%s", wg_error(fx.ctx));
	struct got g;
	fx_at("2026-03-03T08:00");
	forward(WG_Q_DUE_TODAY, NULL, 50, &g);
	cr_expect_eq(g.n, 1);
	cr_expect(has(&g, b));
	forward(WG_Q_OVERDUE, NULL, 50, &g);
	cr_expect_eq(g.n, 0);
	fx_at("2026-03-05T12:01");
	forward(WG_Q_OVERDUE, NULL, 50, &g);
	cr_expect_eq(g.n, 2, "suspended cases are not overdue");
	cr_expect_eq(g.id[0], b, "earliest deadline first");
	cr_expect_eq(g.id[1], a);
	cr_expect_eq(count(WG_Q_OVERDUE, NULL), 2);
	cr_assert_eq(fx_move(b, WG_ACT_DISPATCH), WG_OK);
	cr_assert_eq(fx_move(b, WG_ACT_ACCEPT), WG_OK);
	cr_assert_eq(fx_move(b, WG_ACT_HANDLE), WG_OK);
	cr_expect_eq(count(WG_Q_OVERDUE, NULL), 1, "a handled case has stopped its clock");
}

/* Each statement on the connection that reads the open-deadline index: its plan and full scans. */
Test(queue, overdue_reads_the_partial_index)
{
	for (int i = 0; i < 30; i++)
		fx_case_in(i % 3 ? WG_TS_CLOSED : WG_TS_FILED);
	fx_at("2026-03-20T09:00");
	struct got g;
	forward(WG_Q_OVERDUE, NULL, 5, &g);
	forward(WG_Q_DUE_TODAY, NULL, 5, &g);
	cr_assert_eq(g.n, 0);
	struct wg_task_queue_src *qs;
	struct wg_list_source src;
	struct wg_rows rows;
	wg_rows_init(&rows);
	cr_assert_eq(wg_task_queue_open(fx.ctx, WG_Q_OVERDUE, NULL, &qs, &src), WG_OK);
	cr_assert_eq(src.fetch(fx.ctx, src.arg, WG_PAGE_FIRST, NULL, 50, &rows), WG_OK);
	cr_expect_eq(rows.n, 10);
	int seen = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(wg_db(fx.ctx), NULL); st; st = sqlite3_next_stmt(wg_db(fx.ctx), st)) {
		const char *sql = sqlite3_sql(st);
		if (!strstr(sql, "tasks_open_deadline"))
			continue;
		seen++;
		/* the overdue queue also takes reported cases past their intake limit: it reads the
		 * partial index of open cases whole (never closed history); due-today searches it */
		int whole = strstr(sql, "step_deadline_at < :now") != NULL;
		if (!whole)
			cr_expect_eq(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0), 0,
				     "full scan in %s", sql);
		char plan[4096] = "";
		char *explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		sqlite3_stmt *ep = NULL;
		cr_assert_eq(sqlite3_prepare_v2(wg_db(fx.ctx), explain, -1, &ep, NULL), SQLITE_OK);
		while (sqlite3_step(ep) == SQLITE_ROW)
			snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%s\n", sqlite3_column_text(ep, 3));
		sqlite3_finalize(ep);
		sqlite3_free(explain);
		cr_expect_not_null(strstr(plan, whole ? "t USING INDEX tasks_open_deadline"
						       : "SEARCH t USING INDEX tasks_open_deadline"), "%s", plan);
		cr_expect_null(strstr(plan, "SCAN t\n"), "never the table itself: %s", plan);
	}
	cr_expect_geq(seen, 1);
	wg_rows_free(&rows);
	wg_task_queue_close(qs);
}

Test(queue, paging_both_ways_matches)
{
	struct wg_task_filter f = { .sort = WG_TSORT_DEADLINE };
	/* A mix of cases without a deadline (reported) and with equal and different deadlines. */
	for (int i = 0; i < 130; i++) {
		fx_at(i % 2 ? "2026-03-02T09:00" : "2026-03-03T10:00");
		fx_case_in(i % 3 == 0 ? WG_TS_REPORTED : WG_TS_FILED);
	}
	const enum wg_task_queue qs[] = { WG_Q_ALL, WG_Q_TO_DISPATCH, WG_Q_TO_FILE };
	const enum wg_task_sort sorts[] = { WG_TSORT_DEFAULT, WG_TSORT_DEADLINE, WG_TSORT_NEWEST, WG_TSORT_OLDEST };
	static struct got one, fwd, back;
	for (size_t q = 0; q < 3; q++) {
		for (size_t s = 0; s < 4; s++) {
			f.sort = sorts[s];
			forward(qs[q], &f, 1000, &one);
			forward(qs[q], &f, 7, &fwd);
			backward(qs[q], &f, 7, &back);
			cr_assert_eq(fwd.n, one.n, "queue %zu sort %zu", q, s);
			cr_assert_eq(back.n, one.n, "queue %zu sort %zu", q, s);
			cr_assert_eq(memcmp(fwd.id, one.id, sizeof one.id[0] * (size_t)one.n), 0, "forward %zu %zu", q, s);
			cr_assert_eq(memcmp(back.id, one.id, sizeof one.id[0] * (size_t)one.n), 0, "backward %zu %zu", q, s);
		}
	}
	forward(WG_Q_TO_FILE, NULL, 1000, &one);
	cr_expect_eq(one.n, 44);
	f.sort = WG_TSORT_DEADLINE;
	forward(WG_Q_ALL, &f, 1000, &one);
	cr_expect_eq(one.n, 130);
	cr_expect_eq(fx_int("SELECT deadline_at IS NULL FROM tasks WHERE id = ?1", one.id[0]), 1,
		     "cases without a deadline come first");
}

Test(queue, filters)
{
	int64_t here = fx_case_in(WG_TS_FILED);
	struct wg_task_new in = { .cell_id = fx.cell[2], .category_code = "02010102", .title = "心理疏导" };
	char number[WG_TASK_NUMBER_SIZE];
	int64_t there;
	cr_assert_eq(wg_task_add(fx.ctx, &in, 0, &there, number, NULL), WG_OK);
	struct wg_task_filter f = { 0 };
	struct got g;
	cr_assert_eq(wg_task_filter_cell(fx.ctx, &f, "SC"), WG_OK);
	forward(WG_Q_ALL, &f, 50, &g);
	cr_expect(g.n == 1 && has(&g, here), "a community includes its cells");
	cr_expect_eq(wg_task_filter_cell(fx.ctx, &f, "nowhere"), WG_EINVAL);
	f = (struct wg_task_filter){ .sector = "02" };
	forward(WG_Q_ALL, &f, 50, &g);
	cr_expect(g.n == 1 && has(&g, there), "sector by code prefix");
	f = (struct wg_task_filter){ .sector_id = fx_int("SELECT id FROM categories WHERE code = '01' AND ?1", 1) };
	forward(WG_Q_ALL, &f, 50, &g);
	cr_expect(g.n == 1 && has(&g, here), "sector by id");
	f = (struct wg_task_filter){ .has_state = 1, .state = WG_TS_REPORTED };
	forward(WG_Q_ALL, &f, 50, &g);
	cr_expect(g.n == 1 && has(&g, there));
	fx_move(here, WG_ACT_DISPATCH);
	f = (struct wg_task_filter){ .handler = { .kind = WG_HK_WORKER, .id = fx.worker[0] } };
	forward(WG_Q_ALL, &f, 50, &g);
	cr_expect(g.n == 1 && has(&g, here), "by handler");
	f = (struct wg_task_filter){ .from = fx_time("2026-03-03T00:00") };
	forward(WG_Q_ALL, &f, 50, &g);
	cr_expect_eq(g.n, 0, "reported before that day");
	long counts[WG_Q_COUNT];
	cr_assert_eq(wg_task_queue_counts(fx.ctx, NULL, counts), WG_OK);
	cr_expect_eq(counts[WG_Q_ALL], 2);
	cr_expect_eq(counts[WG_Q_TO_FILE], 1);
}

Test(queue, rows_carry_display_columns)
{
	int64_t id = fx_case_in(WG_TS_DISPATCHED);
	struct wg_task_queue_src *qs;
	struct wg_list_source src;
	struct wg_rows rows;
	wg_rows_init(&rows);
	cr_assert_eq(wg_task_queue_open(fx.ctx, WG_Q_ALL, NULL, &qs, &src), WG_OK);
	cr_assert_eq(src.fetch(fx.ctx, src.arg, WG_PAGE_FIRST, NULL, 10, &rows), WG_OK);
	cr_assert_eq(rows.n, 1);
	struct wg_row *r = &rows.rows[0];
	cr_expect_eq(r->key.id, id);
	cr_expect_str_eq(r->cols[WG_TCOL_NUMBER], "S1-2026-000001");
	cr_expect_str_eq(r->cols[WG_TCOL_STATE_NAME], "dispatched");
	cr_expect_str_eq(r->cols[WG_TCOL_CELL], "网格1");
	cr_expect_str_eq(r->cols[WG_TCOL_CATEGORY], "01010101 楼道堆放杂物");
	cr_expect_str_eq(r->cols[WG_TCOL_HANDLER], "网格员甲");
	cr_expect_str_eq(r->cols[WG_TCOL_DEADLINE], "2026-03-02 14:30", "the accept step is nearer");
	cr_expect_eq(r->tone, WG_LIGHT_GREEN);
	wg_rows_free(&rows);
	wg_task_queue_close(qs);
}

Test(queue, a_date_range_includes_both_days)
{
	struct wg_task_filter f = { 0 };
	cr_assert_null(wg_task_filter_dates(&f, "2026-11-02", "2026-11-04"));
	cr_expect_eq(f.from, fx_time("2026-11-02T00:00"));
	cr_expect_eq(f.to, fx_time("2026-11-05T00:00"), "the whole last day is in the range");
	cr_assert_null(wg_task_filter_dates(&f, NULL, "2026-11-04T12:30"));
	cr_expect_eq(f.to, fx_time("2026-11-04T12:30"), "a time of day is taken as given");
	cr_expect_eq(f.from, fx_time("2026-11-02T00:00"), "an absent side is left alone");
	cr_expect_not_null(wg_task_filter_dates(&f, "2026-02-30", NULL));
}

/* A case reported and never filed counts as overdue once [tasks] file_hours (working hours)
 * have passed: a report forgotten in intake shows in the overdue queue; filing stops it. */
Test(queue, a_report_never_filed_becomes_overdue)
{
	long n0 = 0, n = 0;
	fx_at("2026-03-02T09:00"); /* a Monday */
	cr_assert_eq(wg_task_queue_count(fx.ctx, WG_Q_OVERDUE, NULL, &n0), WG_OK, "%s", wg_error(fx.ctx));
	int64_t forgotten = fx_add("01010101"), filed = fx_add("01010101");
	fx_at("2026-03-02T12:00");
	cr_assert_eq(fx_move(filed, WG_ACT_FILE), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_task_queue_count(fx.ctx, WG_Q_OVERDUE, NULL, &n), WG_OK);
	cr_expect_eq(n, n0, "within its four working hours: not yet");
	fx_at("2026-03-02T15:00"); /* past 13:00 plus the lunch break: over four working hours */
	cr_assert_eq(wg_task_queue_count(fx.ctx, WG_Q_OVERDUE, NULL, &n), WG_OK);
	cr_expect_eq(n, n0 + 1, "the one never filed is overdue; the filed one runs on its own clocks");
	struct wg_task_detail d;
	cr_assert_eq(wg_task_load(fx.ctx, forgotten, &d), WG_OK);
	cr_expect_eq(d.task.light, WG_LIGHT_RED);
	wg_task_detail_free(&d);
}

/* 回访: a closed case waits for the resident's feedback on its own clock ([tasks]
 * feedback_hours); the revisit queue's light turns red when it has passed; the feedback stops it. */
Test(queue, the_feedback_has_its_own_clock)
{
	static const enum wg_task_action to_close[] = { WG_ACT_FILE, WG_ACT_DISPATCH, WG_ACT_ACCEPT,
							WG_ACT_HANDLE, WG_ACT_VERIFY, WG_ACT_CLOSE };
	fx_at("2026-03-02T09:00");
	int64_t id = fx_add("01010101");
	for (size_t i = 0; i < sizeof to_close / sizeof to_close[0]; i++)
		cr_assert_eq(fx_move(id, to_close[i]), WG_OK, "%s", wg_error(fx.ctx));
	struct wg_task_detail d;
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK);
	cr_expect_gt(d.task.step_deadline_at, d.task.closed_at, "closing starts the feedback clock");
	cr_expect_str_eq(d.events[d.nevents - 1].clock, "start:feedback");
	wg_task_detail_free(&d);
	fx_at("2026-03-06T09:00"); /* four working days later: past 16 working hours */
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK);
	cr_expect_eq(d.task.light, WG_LIGHT_RED, "the feedback is late");
	wg_task_detail_free(&d);
	struct wg_move fb = { .action = WG_ACT_FEEDBACK, .rating = "satisfied", .note = "回访" };
	cr_assert_eq(wg_task_move(fx.ctx, id, &fb), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK);
	cr_expect_eq(d.task.step_deadline_at, 0, "taken: no clock runs any more");
	cr_expect_eq(d.task.light, WG_LIGHT_NONE);
	cr_expect_str_eq(d.events[d.nevents - 1].clock, "stop:feedback");
	wg_task_detail_free(&d);
}
