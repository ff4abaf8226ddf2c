/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Maintained counts (schema.c migration 9): the triggers keep them through every kind of change,
 * the overview, tree and queues read them, and 'check' finds and puts right a wrong one. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/cell.h>
#include <wangge/dashboard.h>
#include <wangge/gen.h>
#include <wangge/resident.h>
#include <wangge/store.h>
#include <wangge/task.h>
#include "core/core-int.h"
#include "helpers.h"

static const char table[] =
	"sector_code,sector_name,large_code,large_name,category_code,category_name,sub_code,sub_name,"
	"time_limit_hours\n"
	"01,应急管理,0101,防汛,010101,积水,01010101,道路积水,8\n"
	"02,城市环境,0201,市容,020101,垃圾,02010101,垃圾满溢,24\n"
	"02,城市环境,0201,市容,020101,垃圾,02010102,垃圾乱倒,24\n";

/* A database with a few hundred cases in every state, on three generated cells. */
static struct wg_ctx *with_cases(const char *name)
{
	struct wg_ctx *ctx = th_new_db(name);
	struct wg_category_import_result cres;
	cr_assert_eq(wg_category_import_mem(ctx, "t.csv", table, sizeof table - 1, WG_ENC_UTF8, NULL,
					    0, NULL, &cres), WG_OK, "%s", wg_error(ctx));
	struct wg_gen_tasks opt = { .tasks = 400, .cells = 3, .seed = 7 };
	struct wg_gen_result res;
	cr_assert_eq(wg_gen_tasks(ctx, &opt, &res), WG_OK, "%s", wg_error(ctx));
	return ctx;
}

static long sql_count(struct wg_ctx *ctx, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long n = -1;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(ctx), sql, -1, &st, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(wg_db(ctx)));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void run(struct wg_ctx *ctx, const char *sql)
{
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(wg_db(ctx)));
}

/* The check's line about the counts, and its problem total. */
struct seen {
	char line[256];
};

static void keep_counts_line(void *arg, const char *line)
{
	struct seen *s = arg;
	if (strncmp(line, "maintained counts", 17) == 0)
		snprintf(s->line, sizeof s->line, "%s", line);
}

static void expect_counts_ok(struct wg_ctx *ctx, const char *when)
{
	struct seen s = { "" };
	struct wg_check_result res;
	cr_assert_eq(wg_store_check(ctx, keep_counts_line, &s, &res), WG_OK, "%s", wg_error(ctx));
	cr_expect_str_eq(s.line, "maintained counts: ok", "%s: %s", when, s.line);
	cr_expect_eq(res.problems, 0, "%s", when);
}

Test(tally, the_queues_and_overview_read_the_same_numbers_a_count_would_give)
{
	struct wg_ctx *ctx = with_cases("queues.db");
	long counts[WG_Q_COUNT];
	cr_assert_eq(wg_task_queue_counts(ctx, NULL, counts), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(counts[WG_Q_ALL], sql_count(ctx, "SELECT count(*) FROM tasks"));
	cr_expect_gt(counts[WG_Q_ALL], 0);
	cr_expect_eq(counts[WG_Q_TO_FILE], sql_count(ctx, "SELECT count(*) FROM tasks WHERE state = 'reported'"));
	cr_expect_eq(counts[WG_Q_TO_DISPATCH], sql_count(ctx, "SELECT count(*) FROM tasks WHERE state = 'filed'"));
	cr_expect_eq(counts[WG_Q_SUSPENDED], sql_count(ctx, "SELECT count(*) FROM tasks WHERE state = 'suspended'"));
	cr_expect_eq(counts[WG_Q_TO_VERIFY], sql_count(ctx, "SELECT count(*) FROM tasks WHERE state = 'handled'"));
	cr_expect_eq(counts[WG_Q_FEEDBACK], sql_count(ctx, "SELECT count(*) FROM tasks WHERE state = 'closed' AND rating IS NULL"));
	struct wg_dashboard d;
	cr_assert_eq(wg_dashboard(ctx, &d), WG_OK, "%s", wg_error(ctx));
	long open = sql_count(ctx, "SELECT count(*) FROM tasks WHERE state NOT IN ('closed','rejected','merged')");
	cr_expect_eq(d.open, open);
	cr_assert_eq(d.nsectors, 2);
	cr_expect_eq(d.sectors[0].open + d.sectors[1].open, open, "every open case under its sector");
	/* a filter is not maintained: the queue counts the table, and agrees */
	struct wg_task_filter f = { .sector = "02" };
	long filtered;
	cr_assert_eq(wg_task_queue_count(ctx, WG_Q_ALL, &f, &filtered), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(filtered, sql_count(ctx, "SELECT count(*) FROM tasks t JOIN categories c"
					      " ON c.id = t.category_id WHERE c.code LIKE '02%'"));
	wg_ctx_free(ctx);
}

Test(tally, every_kind_of_change_keeps_the_counts)
{
	struct wg_ctx *ctx = with_cases("changes.db");
	expect_counts_ok(ctx, "after the generated cases");
	/* moves through the loop, with the program's own function */
	int64_t id = sql_count(ctx, "SELECT min(id) FROM tasks WHERE state = 'reported'");
	struct wg_move m = { .action = WG_ACT_FILE };
	cr_assert_eq(wg_task_move(ctx, id, &m), WG_OK, "%s", wg_error(ctx));
	expect_counts_ok(ctx, "after a case was filed");
	/* and what an import, a sync or a repair by hand does to the rows */
	run(ctx, "UPDATE tasks SET cell_id = (SELECT max(id) FROM cells) WHERE id % 3 = 0");
	run(ctx, "UPDATE tasks SET category_id = (SELECT max(id) FROM categories) WHERE id % 5 = 0");
	run(ctx, "UPDATE tasks SET rating = 'satisfied' WHERE state = 'closed' AND id % 2 = 0");
	run(ctx, "UPDATE tasks SET state = 'closed' WHERE state = 'handled'");
	run(ctx, "UPDATE tasks SET merged_into = NULL");
	run(ctx, "DELETE FROM tasks WHERE id % 7 = 0");
	expect_counts_ok(ctx, "after cases moved, were rated, closed and deleted");
	run(ctx, "INSERT INTO residents (name, id_number, cell_id) VALUES"
		 " ('测试甲', '110105195203170011', (SELECT min(id) FROM cells)),"
		 " ('测试乙', '110105195203170038', NULL)");
	cr_assert_eq(wg_resident_search_rebuild(ctx), WG_OK, "%s", wg_error(ctx)); /* rows by hand */
	run(ctx, "UPDATE residents SET active = 0 WHERE name = '测试甲'");
	run(ctx, "UPDATE residents SET cell_id = (SELECT max(id) FROM cells) WHERE name = '测试乙'");
	expect_counts_ok(ctx, "after residents came, moved and left");
	struct wg_dashboard d;
	cr_assert_eq(wg_dashboard(ctx, &d), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(d.residents, sql_count(ctx, "SELECT count(*) FROM residents WHERE active = 1"));
	/* key care: a second key-care tag counts the resident once; the last one taken off,
	 * a move, leaving, a tag made key care, and a deletion with tags on */
	run(ctx, "INSERT INTO tags (name, key_care) VALUES ('测试关怀甲', 1), ('测试关怀乙', 1),"
		 " ('测试普通', 0)");
	run(ctx, "INSERT INTO resident_tags (resident_id, tag_id) SELECT r.id, t.id FROM residents r,"
		 " tags t WHERE r.name = '测试乙' AND t.name IN ('测试关怀甲', '测试关怀乙', '测试普通')");
	expect_counts_ok(ctx, "after two key-care tags on one resident");
	cr_expect_eq(sql_count(ctx, "SELECT total(n) FROM tallies WHERE kind = 'care.cell'"), 1);
	run(ctx, "DELETE FROM resident_tags WHERE tag_id = (SELECT id FROM tags WHERE name = '测试关怀甲')");
	expect_counts_ok(ctx, "after one of them was taken off");
	run(ctx, "UPDATE residents SET cell_id = NULL WHERE name = '测试乙'");
	run(ctx, "UPDATE residents SET active = 0 WHERE name = '测试乙'");
	run(ctx, "UPDATE residents SET active = 1 WHERE name = '测试乙'");
	expect_counts_ok(ctx, "after the resident moved, left and came back");
	run(ctx, "INSERT INTO resident_tags (resident_id, tag_id) SELECT r.id, t.id FROM residents r,"
		 " tags t WHERE r.name = '测试甲' AND t.name = '测试普通'");
	run(ctx, "UPDATE residents SET active = 1 WHERE name = '测试甲'");
	run(ctx, "UPDATE tags SET key_care = 1 WHERE name = '测试普通'");
	expect_counts_ok(ctx, "after a tag became key care");
	cr_expect_eq(sql_count(ctx, "SELECT total(n) FROM tallies WHERE kind = 'care.cell'"), 2);
	run(ctx, "DELETE FROM residents WHERE name = '测试乙'");
	expect_counts_ok(ctx, "after a resident with key-care tags was deleted");
	run(ctx, "DELETE FROM residents");
	expect_counts_ok(ctx, "after every resident was deleted");
	wg_ctx_free(ctx);
}

/* A sync applies a file table by table, with the foreign keys checked only at its end: the
 * link may come before its resident and its tag, and a tag may go before its links. */
Test(tally, key_care_counts_whatever_order_the_rows_come_in)
{
	struct wg_ctx *ctx = th_new_db("order.db");
	run(ctx, "PRAGMA foreign_keys = OFF");
	run(ctx, "INSERT INTO resident_tags (resident_id, tag_id) VALUES (424242, 4242)");
	run(ctx, "INSERT INTO residents (id, name) VALUES (424242, '测试丙')");
	cr_assert_eq(wg_resident_search_rebuild(ctx), WG_OK, "%s", wg_error(ctx));
	run(ctx, "INSERT INTO tags (id, name, key_care) VALUES (4242, '测试后到', 1)");
	cr_expect_eq(sql_count(ctx, "SELECT total(n) FROM tallies WHERE kind = 'care.cell'"), 1,
		     "link, resident, then tag");
	expect_counts_ok(ctx, "after the rows came in reverse order");
	run(ctx, "DELETE FROM tags WHERE id = 4242");
	cr_expect_eq(sql_count(ctx, "SELECT total(n) FROM tallies WHERE kind = 'care.cell'"), 0,
		     "the tag went before its link");
	run(ctx, "DELETE FROM resident_tags");
	expect_counts_ok(ctx, "after the tag went first");
	run(ctx, "INSERT INTO tags (id, name, key_care) VALUES (4243, '测试先到', 1)");
	run(ctx, "INSERT INTO resident_tags (resident_id, tag_id) VALUES (434343, 4243)");
	run(ctx, "INSERT INTO residents (id, name) VALUES (434343, '测试丁')");
	cr_expect_eq(sql_count(ctx, "SELECT total(n) FROM tallies WHERE kind = 'care.cell'"), 1,
		     "tag, link, then resident");
	expect_counts_ok(ctx, "after the resident came last");
	wg_ctx_free(ctx);
}

Test(tally, check_counts_a_wrong_count_anew_and_says_so)
{
	struct wg_ctx *ctx = with_cases("wrong.db");
	long before = sql_count(ctx, "SELECT n FROM tallies WHERE kind = 'state' AND key = 'closed'");
	run(ctx, "UPDATE tallies SET n = n + 5 WHERE kind = 'state' AND key = 'closed';"
		 "INSERT INTO tallies VALUES ('open.cell', 424242, 3)");
	struct seen s = { "" };
	struct wg_check_result res;
	cr_assert_eq(wg_store_check(ctx, keep_counts_line, &s, &res), WG_OK, "%s", wg_error(ctx));
	cr_expect_str_eq(s.line, "maintained counts: 2 differed from the tables and are counted anew");
	cr_expect_eq(res.problems, 0, "derived numbers: nothing to restore");
	cr_expect_eq(sql_count(ctx, "SELECT n FROM tallies WHERE kind = 'state' AND key = 'closed'"), before);
	expect_counts_ok(ctx, "the second check");
	wg_ctx_free(ctx);
}

/* The overdue queue counts whole days from the deadlines by day and today's cases from the
 * index: at any moment (midnight, the day's middle, its last second) and after deadlines move,
 * a case is suspended or resumed, or reported cases pass their intake limit, it agrees with a
 * count of the table by the queue's own rule (a filter that keeps every case forces that). */
Test(tally, the_overdue_count_by_day_agrees_with_a_count_of_the_table)
{
	struct wg_ctx *ctx = with_cases("overdue.db");
	struct wg_task_filter all = { .from = 1 }; /* every case, but not the maintained path */
	long by_day, counted;
	int64_t lo = sql_count(ctx, "SELECT min(deadline_at) FROM tasks");
	int64_t hi = sql_count(ctx, "SELECT max(deadline_at) FROM tasks");
	cr_assert_gt(hi, lo);
	const char *moves[] = {
		"",
		"UPDATE tasks SET deadline_at = deadline_at + 86400 WHERE id % 4 = 0",
		"UPDATE tasks SET deadline_at = deadline_at - 3 * 86400 + 7 WHERE id % 5 = 1",
		"UPDATE tasks SET state = 'suspended' WHERE state = 'dispatched' AND id % 2 = 0",
		"UPDATE tasks SET state = 'dispatched' WHERE state = 'suspended' AND id % 3 = 0",
		"UPDATE tasks SET step_deadline_at = deadline_at - 3600 WHERE state = 'reported'",
		"UPDATE tasks SET deadline_at = NULL WHERE id % 11 = 0",
		"UPDATE tasks SET merged_into = NULL; DELETE FROM tasks WHERE id % 13 = 0",
	};
	for (size_t m = 0; m < sizeof moves / sizeof moves[0]; m++) {
		if (*moves[m])
			run(ctx, moves[m]);
		for (int k = 0; k <= 8; k++) {
			time_t at = (time_t)(lo + (hi - lo) * k / 8);
			time_t edges[] = { at, at - at % 86400, at - at % 86400 + 86399 };
			for (int e = 0; e < 3; e++) {
				wg_clock_pin(ctx, edges[e]);
				cr_assert_eq(wg_task_queue_count(ctx, WG_Q_OVERDUE, NULL, &by_day), WG_OK);
				cr_assert_eq(wg_task_queue_count(ctx, WG_Q_OVERDUE, &all, &counted), WG_OK);
				cr_assert_eq(by_day, counted, "after '%s' at %lld: %ld by day, %ld counted",
					     moves[m], (long long)edges[e], by_day, counted);
			}
		}
		expect_counts_ok(ctx, moves[m]);
	}
	cr_expect_gt(counted, 0, "some cases were overdue at the last moment");
	wg_ctx_free(ctx);
}
