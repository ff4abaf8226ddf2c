/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A small community in memory for the task tests (see task-fixture.h). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <wangge/category.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "core/core-int.h"
#include "task-fixture.h"

struct fx fx;

/* Two sectors; 02010101 has no limit of its own and inherits 48 hours from 020101. */
static const char categories[] =
	"code,parent_code,level,name_zh,name_en,time_limit_hours,responsible,priority\n"
	"01,,1,城市环境,City environment,,,\n"
	"0101,01,2,市容环境,Cityscape,,,\n"
	"010101,0101,3,楼道环境,Stairwells,,,\n"
	"01010101,010101,4,楼道堆放杂物,Belongings piled in a stairwell,24,property,normal\n"
	"01010102,010101,4,电动车停放楼道,E-bike parked in a stairwell,8,grid_worker,high\n"
	"02,,1,为老服务,Care for the elderly,,,\n"
	"0201,02,2,居家养老,Home care,,,\n"
	"020101,0201,3,独居老人关爱,Elders living alone,48,,\n"
	"02010101,020101,4,独居老人助餐,Meals for an elder living alone,,volunteer,normal\n"
	"02010102,020101,4,独居老人心理疏导,Counselling an elder living alone,16,social_worker,high\n"
	"02010103,020101,4,独居老人紧急呼叫,Emergency call from an elder living alone,2,community,urgent\n";

static int64_t ins(const char *sql)
{
	char *err = NULL;
	sqlite3 *db = wg_db(fx.ctx);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &err), SQLITE_OK, "%s: %s", sql, err);
	return sqlite3_last_insert_rowid(db);
}

static void people(void)
{
	static const char *const names[] = { "", "viewer", "grid", "social", "clerk", "admin" };
	char sql[256];
	for (int r = WG_ROLE_VIEWER; r <= WG_ROLE_ADMIN; r++) {
		snprintf(sql, sizeof sql, "INSERT INTO users(name, role) VALUES ('%s', '%s')", names[r],
			 wg_role_name((enum wg_role)r));
		fx.user[r] = ins(sql);
	}
	fx.worker[0] = ins("INSERT INTO grid_workers(name, user_id) SELECT '网格员甲', id FROM users WHERE name = 'grid'");
	fx.worker[1] = ins("INSERT INTO grid_workers(name) VALUES ('网格员乙')");
	snprintf(sql, sizeof sql, "INSERT INTO cell_workers(cell_id, worker_id) VALUES (%lld, %lld), (%lld, %lld)",
		 (long long)fx.cell[0], (long long)fx.worker[0], (long long)fx.cell[1], (long long)fx.worker[1]);
	ins(sql);
	fx.socialworker = ins("INSERT INTO social_workers(name, user_id) SELECT '社工甲', id FROM users WHERE name = 'social'");
	snprintf(sql, sizeof sql, "INSERT INTO teams(name, leader_id, cell_id) VALUES ('助老服务队', %lld, %lld)",
		 (long long)fx.socialworker, (long long)fx.cell[0]);
	fx.team = ins(sql);
}

static void helpers(void)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO volunteers(vol_no, name, cell_id) VALUES ('V1', '志愿者甲', %lld)",
		 (long long)fx.cell[0]);
	fx.volunteer[0] = ins(sql);
	fx.volunteer[1] = ins("INSERT INTO volunteers(vol_no, name) VALUES ('V2', '志愿者乙')");
	int64_t skill = ins("INSERT INTO skills(name) VALUES ('老人助餐')");
	snprintf(sql, sizeof sql, "INSERT INTO volunteer_skills(volunteer_id, skill_id) VALUES (%lld, %lld)",
		 (long long)fx.volunteer[0], (long long)skill);
	ins(sql);
	snprintf(sql, sizeof sql, "INSERT INTO availability(volunteer_id, weekday, start_min, end_min)"
		 " VALUES (%lld, 1, 480, 720)", (long long)fx.volunteer[0]);
	ins(sql);
	snprintf(sql, sizeof sql, "INSERT INTO team_members(team_id, volunteer_id) VALUES (%lld, %lld)",
		 (long long)fx.team, (long long)fx.volunteer[0]);
	ins(sql);
	fx.org = ins("INSERT INTO social_orgs(name) VALUES ('阳光社工事务所')");
	fx.org_idle = ins("INSERT INTO social_orgs(name) VALUES ('闲置协会')");
	snprintf(sql, sizeof sql, "INSERT INTO service_projects(name, org_id, start_date, end_date)"
		 " VALUES ('助老项目', %lld, '2026-01-01', '2026-12-31')", (long long)fx.org);
	ins(sql);
}

static void places(void)
{
	char sql[256];
	fx.street = ins("INSERT INTO cells(code, name, kind) VALUES ('S', '测试街道', 'street')");
	snprintf(sql, sizeof sql, "INSERT INTO cells(code, name, kind, parent_id) VALUES ('SC', '测试社区',"
		 " 'community', %lld)", (long long)fx.street);
	fx.community = ins(sql);
	for (int i = 0; i < 3; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO cells(code, name, kind, parent_id) VALUES ('G%d',"
			 " '网格%d', 'grid', %lld)", i + 1, i + 1, (long long)(i < 2 ? fx.community : fx.street));
		fx.cell[i] = ins(sql);
	}
}

void fx_setup(void)
{
	struct wg_problems probs;
	struct wg_category_import_result res;
	memset(&fx, 0, sizeof fx);
	setenv("TZ", "Asia/Shanghai", 1); /* working hours are local time; expectations are Beijing's */
	tzset();
	fx.ctx = wg_ctx_new();
	cr_assert_not_null(fx.ctx);
	cr_assert_eq(wg_store_open(fx.ctx, ":memory:", WG_OPEN_CREATE), WG_OK, "%s", wg_error(fx.ctx));
	fx_at("2026-03-02T09:00");
	cr_assert_eq(wg_site_init(fx.ctx, 1, 0, "测试社区", NULL), WG_OK, "%s", wg_error(fx.ctx));
	places();
	people();
	helpers();
	fx_as(WG_ROLE_ADMIN);
	wg_problems_init(&probs);
	int rc = wg_category_import_mem(fx.ctx, "t.csv", categories, strlen(categories), WG_ENC_UTF8,
					NULL, 0, &probs, &res);
	cr_assert_eq(rc, WG_OK, "%s %s", wg_error(fx.ctx), wg_problems_get(&probs, 0));
	wg_problems_free(&probs);
}

void fx_teardown(void)
{
	wg_ctx_free(fx.ctx);
	fx.ctx = NULL;
}

time_t fx_time(const char *s)
{
	time_t t;
	const char *why = wg_validate_time(s, &t);
	cr_assert_null(why, "%s: %s", s, why);
	return t;
}

void fx_at(const char *s)
{
	wg_clock_pin(fx.ctx, fx_time(s));
}

void fx_as(enum wg_role role)
{
	static const char *const names[] = { "", "viewer", "grid", "social", "clerk", "admin" };
	wg_set_user(fx.ctx, fx.user[role], names[role], role);
}

int64_t fx_add(const char *category)
{
	struct wg_task_new in = { .cell_id = fx.cell[0], .category_code = category,
				  .title = "测试案件", .source = WG_SRC_PATROL };
	char number[WG_TASK_NUMBER_SIZE];
	int64_t id = 0;
	int rc = wg_task_add(fx.ctx, &in, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL);
	cr_assert_eq(rc, WG_OK, "add %s: %s", category, wg_error(fx.ctx));
	return id;
}

int fx_move(int64_t id, enum wg_task_action a)
{
	struct wg_move m = { .action = a, .note = "测试说明", .rating = "satisfied",
			     .review_date = "2026-03-20", .level = 2 };
	m.to = (struct wg_handler){ .kind = WG_HK_WORKER, .id = fx.worker[0] };
	if (a == WG_ACT_MERGE)
		m.into = fx_add("01010101");
	return wg_task_move(fx.ctx, id, &m);
}

/* The path to each state from 'reported'. */
static const enum wg_task_action paths[WG_TS_COUNT][8] = {
	[WG_TS_REPORTED] = { WG_ACT_COUNT },
	[WG_TS_FILED] = { WG_ACT_FILE, WG_ACT_COUNT },
	[WG_TS_DISPATCHED] = { WG_ACT_FILE, WG_ACT_DISPATCH, WG_ACT_COUNT },
	[WG_TS_ACCEPTED] = { WG_ACT_FILE, WG_ACT_DISPATCH, WG_ACT_ACCEPT, WG_ACT_COUNT },
	[WG_TS_HANDLED] = { WG_ACT_FILE, WG_ACT_DISPATCH, WG_ACT_ACCEPT, WG_ACT_HANDLE, WG_ACT_COUNT },
	[WG_TS_VERIFIED] = { WG_ACT_FILE, WG_ACT_DISPATCH, WG_ACT_ACCEPT, WG_ACT_HANDLE, WG_ACT_VERIFY,
			     WG_ACT_COUNT },
	[WG_TS_CLOSED] = { WG_ACT_FILE, WG_ACT_DISPATCH, WG_ACT_ACCEPT, WG_ACT_HANDLE, WG_ACT_VERIFY,
			   WG_ACT_CLOSE, WG_ACT_COUNT },
	[WG_TS_REJECTED] = { WG_ACT_REJECT, WG_ACT_COUNT },
	[WG_TS_MERGED] = { WG_ACT_MERGE, WG_ACT_COUNT },
	[WG_TS_SUSPENDED] = { WG_ACT_FILE, WG_ACT_SUSPEND, WG_ACT_COUNT },
	[WG_TS_ESCALATED] = { WG_ACT_FILE, WG_ACT_ESCALATE, WG_ACT_COUNT },
};

int64_t fx_case_in(enum wg_task_state s)
{
	int64_t id = fx_add("01010101");
	for (const enum wg_task_action *a = paths[s]; *a != WG_ACT_COUNT; a++)
		cr_assert_eq(fx_move(id, *a), WG_OK, "%s on the way to %s: %s", wg_task_action_name(*a),
			     wg_task_state_name(s), wg_error(fx.ctx));
	cr_assert_eq(fx_state(id), s);
	return id;
}

enum wg_task_state fx_state(int64_t id)
{
	struct wg_task_detail d;
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK, "%s", wg_error(fx.ctx));
	enum wg_task_state s = d.task.state;
	wg_task_detail_free(&d);
	return s;
}

int64_t fx_int(const char *sql, int64_t arg)
{
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(fx.ctx), sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
	sqlite3_bind_int64(st, 1, arg);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

int fx_nevents(int64_t id)
{
	return (int)fx_int("SELECT count(*) FROM task_events WHERE task_id = ?1", id);
}
