/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The small core modules behind the screens: overview figures, drafts, simple lists, JSON text. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/cell.h>
#include <wangge/dashboard.h>
#include <wangge/draft.h>
#include <wangge/forces.h>
#include <wangge/json.h>
#include <wangge/lists.h>
#include <wangge/task.h>
#include <wangge/volunteer.h>
#include "core/core-int.h"
#include "helpers.h"

static const char table[] =
	"sector_code,sector_name,large_code,large_name,category_code,category_name,sub_code,sub_name,"
	"time_limit_hours,sector_name_en\n"
	"01,应急管理,0101,防汛,010101,积水,01010101,道路积水,8,Emergency management\n"
	"02,城市环境,0201,市容,020101,垃圾,02010101,垃圾满溢,24,\n"
	"02,城市环境,0201,市容,020101,垃圾,02010102,垃圾乱倒,24,\n";

static void add_case(struct wg_ctx *ctx, int64_t cell, const char *category, const char *title)
{
	struct wg_task_new in = { .cell_id = cell, .category_code = category, .title = title,
				  .source = WG_SRC_VISIT };
	int64_t id;
	char number[WG_TASK_NUMBER_SIZE];
	cr_assert_eq(wg_task_add(ctx, &in, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL), WG_OK, "%s",
		     wg_error(ctx));
}

Test(views, overview_counts_open_cases_per_sector)
{
	struct wg_ctx *ctx = th_new_db("dash.db");
	struct wg_category_import_result res;
	struct wg_cell cell = { .kind = WG_CELL_GRID };
	snprintf(cell.code, sizeof cell.code, "%s", "110105001001001");
	snprintf(cell.name, sizeof cell.name, "%s", "测试网格");
	cr_assert_eq(wg_category_import_mem(ctx, "t.csv", table, sizeof table - 1, WG_ENC_UTF8, NULL, 0,
					    NULL, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_cell_save(ctx, &cell), WG_OK, "%s", wg_error(ctx));
	add_case(ctx, cell.id, "02010101", "垃圾桶满了");
	add_case(ctx, cell.id, "02010102", "路边倒垃圾");
	add_case(ctx, cell.id, "01010101", "路口积水");
	struct wg_dashboard d;
	cr_assert_eq(wg_dashboard(ctx, &d), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(d.open, 3);
	cr_expect_eq(d.cells, 1);
	cr_assert_eq(d.nsectors, 2);
	cr_expect_str_eq(d.sectors[0].code, "01");
	cr_expect_eq(d.sectors[0].open, 1);
	cr_expect_str_eq(d.sectors[0].name, "Emergency management", "English screens, English name");
	cr_expect_str_eq(d.sectors[1].name, "城市环境", "no English name: the Chinese one");
	cr_expect_eq(d.sectors[1].open, 2, "both sub-categories roll up to their sector");
	wg_ctx_free(ctx);
}

Test(views, drafts_are_kept_per_form_and_replaced)
{
	struct wg_ctx *ctx = th_new_db("drafts.db");
	struct wg_draft d;
	char *data = NULL, v[64];
	cr_expect_eq(wg_draft_latest(ctx, &d), WG_EINVAL, "no draft yet");
	cr_assert_eq(wg_draft_put(&data, "name", "张三"), 0);
	cr_assert_eq(wg_draft_put(&data, "id_number", "1101051990"), 0);
	cr_assert_eq(wg_draft_save(ctx, "residents.form", 0, data), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_draft_save(ctx, "residents.form", 0, "name=李四"), WG_OK);
	cr_assert_eq(wg_draft_latest(ctx, &d), WG_OK);
	cr_expect_str_eq(d.form, "residents.form");
	cr_expect(wg_draft_field(d.data, "name", v, sizeof v));
	cr_expect_str_eq(v, "李四", "a second save replaces the first");
	cr_expect_not(wg_draft_field(d.data, "id_number", v, sizeof v));
	wg_draft_clear(&d);
	cr_expect(wg_draft_field(data, "id_number", v, sizeof v));
	cr_expect_str_eq(v, "1101051990");
	cr_assert_eq(wg_draft_delete(ctx, "residents.form", 0), WG_OK);
	cr_expect_eq(wg_draft_latest(ctx, &d), WG_EINVAL, "deleted");
	free(data);
	wg_ctx_free(ctx);
}

static int fetch(struct wg_ctx *ctx, enum wg_page_dir dir, const struct wg_pagekey *key, int limit,
		 struct wg_rows *out)
{
	wg_rows_clear(out);
	return wg_list_volunteers.fetch(ctx, wg_list_volunteers.arg, dir, key, limit, out);
}

Test(views, volunteer_list_pages_by_key_and_masks_phones)
{
	struct wg_ctx *ctx = th_new_db("lists.db");
	static const char *const names[] = { "志愿者丁", "志愿者甲", "志愿者丙", "志愿者乙", "志愿者戊" };
	for (int i = 0; i < 5; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "INSERT INTO volunteers(id, vol_no, name, phone)"
			 " VALUES (%d, 'V%d', '%s', '1370000000%d')", 100 + i, i, names[i], i);
		cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), 0);
	}
	/* 志愿者丁 (id 100, first by name) served 350 hours: two stars. */
	cr_assert_eq(sqlite3_exec(wg_db(ctx), "INSERT INTO hours_ledger(volunteer_id, date, minutes)"
				  " VALUES (100, '2026-01-05', 20000), (100, '2026-02-05', 1000)", NULL,
				  NULL, NULL), 0);
	struct wg_rows r;
	wg_rows_init(&r);
	cr_assert_eq(fetch(ctx, WG_PAGE_FIRST, NULL, 2, &r), WG_OK);
	cr_assert_eq(r.n, 2);
	cr_expect_str_eq(r.rows[0].cols[2], "137****0000", "phones are masked");
	cr_expect_str_eq(r.rows[0].cols[4], "350.0", "hours served");
	cr_expect_str_eq(r.rows[0].cols[5], "2", "and the star level");
	cr_expect_str_eq(r.rows[1].cols[5], "0");
	struct wg_pagekey last = r.rows[1].key;
	cr_assert_eq(fetch(ctx, WG_PAGE_AFTER, &last, 2, &r), WG_OK);
	cr_assert_eq(r.n, 2);
	cr_expect(strcmp(r.rows[0].cols[0], names[0]) != 0, "the next page starts after the key");
	cr_assert_eq(fetch(ctx, WG_PAGE_LAST, NULL, 2, &r), WG_OK);
	cr_assert_eq(r.n, 2);
	struct wg_pagekey first_of_last = r.rows[0].key;
	cr_expect_lt(strcmp(r.rows[0].cols[0], r.rows[1].cols[0]), 0, "pages read back are shown in order");
	cr_assert_eq(fetch(ctx, WG_PAGE_BEFORE, &first_of_last, 10, &r), WG_OK);
	cr_expect_eq(r.n, 3, "everything before the last page");
	wg_rows_free(&r);
	wg_ctx_free(ctx);
}

Test(views, json_strings_are_escaped)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	wg_json_string(f, "a\"b\\c\nd\t张");
	fclose(f);
	cr_expect_str_eq(buf, "\"a\\\"b\\\\c\\nd\\u0009张\"");
	free(buf);
}

Test(views, json_strings_hold_no_raw_control_character)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	wg_json_string(f, "\033[2J\x7f\xc2\x9b" "1\xc2\xa0");
	fclose(f);
	cr_expect_str_eq(buf, "\"\\u001b[2J\\u007f\\u009b1\xc2\xa0\"", "DEL and C1 (U+009B) too");
	free(buf);
}

static int keep_forces_line(void *arg, int kind, const char *label, const char *text)
{
	char *out = arg;
	(void)label;
	snprintf(out + strlen(out), 1024 - strlen(out), "%d:%s|", kind, text);
	return WG_OK;
}

static int keep_conference(void *arg, const char *date, const char *topic, int cases,
			   const char *decision)
{
	char *out = arg;
	snprintf(out + strlen(out), 1024 - strlen(out), "%s %s %d %s|", date, topic, cases, decision);
	return WG_OK;
}

Test(views, an_organization_with_its_workers_and_projects_and_the_conferences)
{
	struct wg_ctx *ctx = th_new_db("forces.db");
	char got[1024] = "";
	cr_assert_eq(sqlite3_exec(wg_db(ctx),
		"INSERT INTO social_orgs(id, name, kind, phone) VALUES (7, '阳光社工', 'agency', '13900001234');"
		"INSERT INTO social_workers(name, org_id, certificate, phone) VALUES"
		" ('社工乙', 7, '社会工作师', '13900005678'), ('社工甲', 7, '', ''), ('别处社工', NULL, '', '');"
		"INSERT INTO service_projects(name, org_id, funder, budget_cents, start_date, end_date)"
		" VALUES ('助老项目', 7, '街道', 1234500, '2026-01-01', '2026-12-31');"
		"INSERT INTO conferences(id, date, topic, decision) VALUES (1, '2026-10-08', '楼道改造', '已解决'),"
		" (2, '2026-11-20', '停车', '');"
		"INSERT INTO tasks(id, number, title) VALUES (5, 'T5', 't');"
		"INSERT INTO conference_tasks(conference_id, task_id) VALUES (2, 5);", NULL, NULL, NULL), 0);
	cr_assert_eq(wg_org_detail(ctx, 7, keep_forces_line, got), WG_OK, "%s", wg_error(ctx));
	cr_assert_str_eq(got, "0:阳光社工|0:agency|0:139****1234|1:社工乙  社会工作师  139****5678|"
			      "1:社工甲    |2:助老项目, funded by 街道, 12345 yuan, 2026-01-01 to 2026-12-31 (active)|");
	got[0] = '\0';
	cr_assert_eq(wg_conference_each(ctx, 5, keep_conference, got), WG_OK);
	cr_assert_str_eq(got, "2026-11-20 停车 1 |2026-10-08 楼道改造 0 已解决|", "newest first");
	cr_assert_eq(wg_org_detail(ctx, 99, keep_forces_line, got), WG_EINVAL);
	wg_ctx_free(ctx);
}

/* A street's database: community 甲 (code CA, cells 11 and 12) and 乙 (CB, cell 21), each with
 * people, volunteers, shifts today and cases. */
static struct wg_ctx *street(void)
{
	struct wg_ctx *ctx = th_new_db("street.db");
	struct wg_category_import_result res;
	cr_assert_eq(wg_category_import_mem(ctx, "t.csv", table, sizeof table - 1, WG_ENC_UTF8, NULL, 0,
					    NULL, &res), WG_OK, "%s", wg_error(ctx));
	time_t now = wg_now(ctx);
	char sql[1600];
	snprintf(sql, sizeof sql,
		 "INSERT INTO cells(id, code, name, kind, parent_id) VALUES (1, 'S', '街道', 'street', NULL),"
		 " (10, 'CA', '甲社区', 'community', 1), (11, 'CA1', '甲一', 'grid', 10),"
		 " (12, 'CA2', '甲二', 'grid', 10), (20, 'CB', '乙社区', 'community', 1),"
		 " (21, 'CB1', '乙一', 'grid', 20);"
		 "INSERT INTO residents(name, cell_id) VALUES ('甲居民一', 11), ('甲居民二', 12),"
		 " ('甲居民三', 12), ('乙居民一', 21);"
		 "INSERT INTO volunteers(id, vol_no, name, cell_id) VALUES (1, 'V1', '甲志愿者', 11),"
		 " (2, 'V2', '乙志愿者', 21), (3, 'V3', '甲志愿者二', 12);"
		 "INSERT INTO shifts(id, post, cell_id, start_at, end_at) VALUES"
		 " (1, '甲岗', 11, %lld, %lld), (2, '乙岗', 21, %lld, %lld);"
		 "INSERT INTO assignments(shift_id, volunteer_id) VALUES (1, 1), (1, 3), (2, 2);",
		 (long long)now, (long long)now + 3600, (long long)now, (long long)now + 3600);
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(wg_db(ctx)));
	add_case(ctx, 11, "02010101", "甲社区垃圾");
	add_case(ctx, 12, "01010101", "甲社区积水");
	add_case(ctx, 21, "02010102", "乙社区倒垃圾");
	return ctx;
}

Test(views, the_overview_of_one_community_counts_its_own)
{
	struct wg_ctx *ctx = street();
	struct wg_dashboard d;
	cr_assert_eq(wg_dashboard_in(ctx, "all", &d), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(d.open, 3);
	cr_expect_eq(d.residents, 4);
	cr_expect_eq(d.volunteers, 3);
	cr_expect_eq(d.on_duty, 3);
	cr_expect_eq(d.cells, 3);
	cr_expect_str_empty(d.community_name);
	cr_assert_eq(wg_dashboard_in(ctx, "CA", &d), WG_OK, "%s", wg_error(ctx));
	cr_expect_str_eq(d.community_name, "甲社区");
	cr_expect_eq(d.open, 2, "its cells' open cases");
	cr_expect_eq(d.residents, 3);
	cr_expect_eq(d.volunteers, 2);
	cr_expect_eq(d.on_duty, 2, "on its shifts");
	cr_expect_eq(d.cells, 2);
	cr_assert_eq(d.nsectors, 2);
	cr_expect_eq(d.sectors[0].open, 1, "emergency: its flooded road");
	cr_expect_eq(d.sectors[1].open, 1, "environment: its one rubbish case of the two");
	cr_assert_eq(wg_dashboard_in(ctx, "CB", &d), WG_OK, "%s", wg_error(ctx));
	cr_expect_eq(d.open, 1);
	cr_expect_eq(d.residents, 1);
	cr_expect_eq(d.sectors[0].open, 0);
	cr_expect_eq(d.sectors[1].open, 1);
	cr_expect_eq(wg_dashboard_in(ctx, "CA1", &d), WG_EINVAL, "a grid cell is not a community");
	cr_expect(strstr(wg_error(ctx), "CA1") != NULL, "%s", wg_error(ctx));
	wg_ctx_free(ctx);
}

static int keep_shift_post(void *arg, const struct wg_shift *s)
{
	char *posts = arg;
	strcat(posts, s->post);
	strcat(posts, ";");
	return WG_OK;
}

Test(views, one_community_lists_its_volunteers_and_shifts)
{
	struct wg_ctx *ctx = street();
	struct wg_rows r;
	int64_t area = 10;
	wg_rows_init(&r);
	cr_assert_eq(wg_volunteers_fetch(ctx, &area, WG_PAGE_FIRST, NULL, 10, &r), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(r.n, 2, "甲's two volunteers");
	cr_expect_str_eq(r.rows[0].cols[0], "甲志愿者");
	cr_expect_str_eq(r.rows[1].cols[0], "甲志愿者二");
	struct wg_pagekey first = r.rows[0].key;
	wg_rows_clear(&r);
	cr_assert_eq(wg_volunteers_fetch(ctx, &area, WG_PAGE_AFTER, &first, 10, &r), WG_OK);
	cr_assert_eq(r.n, 1, "the next page keeps to the community");
	cr_expect_str_eq(r.rows[0].cols[0], "甲志愿者二");
	area = 21;
	wg_rows_clear(&r);
	cr_assert_eq(wg_volunteers_fetch(ctx, &area, WG_PAGE_LAST, NULL, 10, &r), WG_OK);
	cr_assert_eq(r.n, 1, "one grid cell: its volunteer");
	cr_expect_str_eq(r.rows[0].cols[0], "乙志愿者");
	wg_rows_clear(&r);
	cr_assert_eq(wg_volunteers_fetch(ctx, NULL, WG_PAGE_FIRST, NULL, 10, &r), WG_OK);
	cr_expect_eq(r.n, 3, "no area: everyone");
	wg_rows_free(&r);
	char posts[256] = "";
	cr_assert_eq(wg_shift_each(ctx, "", "", 20, keep_shift_post, posts), WG_OK, "%s", wg_error(ctx));
	cr_expect_str_eq(posts, "乙岗;");
	posts[0] = '\0';
	cr_assert_eq(wg_shift_each(ctx, "", "", 0, keep_shift_post, posts), WG_OK);
	cr_expect_str_eq(posts, "甲岗;乙岗;");
	wg_ctx_free(ctx);
}
